//! Jumping to an assignment by number: `#19` in the search selects
//! assignment 19 wherever it is, lifting the filters that hide it.

use super::{AppState, Effect, QuickView};

/// The number a search text jumps to: `#` and digits (`#19`), nothing else.
/// `#x` is an ordinary search.
pub fn target(text: &str) -> Option<i64> {
    let digits = text.trim().strip_prefix('#')?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Selects assignment `id`: the filters that hide it are lifted one by one
/// (the search, the goal, the quick view and overdue, the sector), the
/// others stay. An unknown number or another year's assignment is said in
/// the status line, and nothing moves.
pub(super) fn go(state: &mut AppState, id: i64) -> Vec<Effect> {
    let lang = state.lang;
    let Some(assignment) = state.data.assignment(id) else {
        state.error(crate::words::lists::no_such_assignment(id, lang));
        state.refresh();
        return state.selection_changed();
    };
    if assignment.year != state.data.municipality.year {
        let year = assignment.year;
        state.error(crate::words::lists::other_year(id, year, lang));
        state.refresh();
        return state.selection_changed();
    }
    let title = crate::domain::text::sanitize_line(&assignment.title).into_owned();
    state.refresh();
    let shown = |state: &AppState| state.rows.iter().position(|r| r.id == id);
    let mut cleared = false;
    let lifts: [fn(&mut AppState); 3] = [
        |s| s.goal = None,
        |s| {
            s.view = QuickView::All;
            s.overdue_only = false;
        },
        |s| {
            s.sector = None;
            s.pick_goal_rollups();
        },
    ];
    for lift in lifts {
        if shown(state).is_some() {
            break;
        }
        lift(state);
        cleared = true;
        state.refresh();
    }
    if let Some(row) = shown(state) {
        state.list_cursor = row;
        state.focus = super::Pane::List;
    }
    state.info(crate::words::lists::jumped(id, &title, cleared, lang));
    state.selection_changed()
}
