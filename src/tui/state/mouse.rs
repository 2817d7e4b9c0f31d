//! Mouse input: a click selects and focuses, the wheel scrolls.

use super::*;

pub(super) fn on_mouse(state: &mut AppState, mouse: MouseEvent) -> Vec<Effect> {
    // A dialog and the help take no clicks; the search being typed does not
    // stop them.
    if matches!(
        state.overlay,
        Some(Overlay::Dialog(_) | Overlay::Help(_) | Overlay::Past(_))
    ) {
        return vec![];
    }
    // The changed-since view scrolls with the wheel and takes no clicks.
    if let Some(Overlay::Changes(view)) = &mut state.overlay {
        match mouse.kind {
            MouseEventKind::ScrollUp => view.scroll = view.scroll.saturating_sub(1),
            MouseEventKind::ScrollDown => {
                view.scroll = (view.scroll + 1).min(view.lines.len().saturating_sub(1))
            }
            _ => {}
        }
        return vec![];
    }
    if state.brief.is_some() {
        return match mouse.kind {
            MouseEventKind::ScrollUp => on_action(state, Action::Up),
            MouseEventKind::ScrollDown => on_action(state, Action::Down),
            _ => vec![],
        };
    }
    let layout = state.layout(Rect::new(0, 0, state.size.0, state.size.1));
    let at = Position::new(mouse.column, mouse.row);
    let pane = [
        (Pane::Tree, layout.tree),
        (Pane::List, layout.list),
        (Pane::Wheel, layout.wheel),
    ]
    .into_iter()
    .find(|(_, rect)| rect.is_some_and(|r| r.contains(at)));
    let Some((pane, rect)) = pane else {
        return vec![];
    };
    let rect = rect.expect("found panes have a rect");
    match mouse.kind {
        MouseEventKind::ScrollUp | MouseEventKind::ScrollDown => {
            let saved = state.focus;
            state.focus = pane;
            let action = if mouse.kind == MouseEventKind::ScrollUp {
                Action::Up
            } else {
                Action::Down
            };
            let effects = on_action(state, action);
            state.focus = saved;
            effects
        }
        MouseEventKind::Down(MouseButton::Left) => {
            state.focus = pane;
            // Rows start below the border (and the list's header line).
            let first = rect.y + if pane == Pane::List { 2 } else { 1 };
            if mouse.row < first || pane == Pane::Wheel {
                return vec![];
            }
            let visible = rect
                .height
                .saturating_sub(if pane == Pane::List { 3 } else { 2 });
            if mouse.row >= first + visible {
                return vec![];
            }
            let index = (mouse.row - first) as usize;
            match pane {
                Pane::Tree => {
                    let offset = state.tree_offset;
                    if offset + index < state.tree_rows.len() {
                        state.tree_cursor = offset + index;
                        return select_tree_row(state);
                    }
                }
                _ => {
                    let lines = super::list_lines(state, visible as usize);
                    if let Some(super::ListLine::Row(row)) = lines.get(index) {
                        state.list_cursor = *row;
                        return state.selection_changed();
                    }
                }
            }
            vec![]
        }
        _ => vec![],
    }
}
