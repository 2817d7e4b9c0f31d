//! The vedtak view: the political decisions with their state and oppdrag,
//! read over the screen like the briefing. Its own keys close (*kvittere
//! ut*) or reopen the chosen decision and link or unlink its oppdrag, each
//! through a dialog whose write the runner does with the store's functions.

use std::collections::HashMap;

use super::*;
use crate::domain::vedtak::Vedtak;
use crate::domain::Assignment;
use crate::tui::dialog::{CatalogPurpose, TextField};
use crate::words::vedtak as words;

/// The open vedtak view: the decisions, their oppdrag, and the one chosen.
#[derive(Debug, Clone)]
pub struct VedtakOverlay {
    pub decisions: Vec<Vedtak>,
    /// The oppdrag the decisions name, by id.
    pub assignments: HashMap<i64, Assignment>,
    /// The bodies, for their abbreviations.
    pub bodies: Vec<crate::domain::Body>,
    pub selected: usize,
}

/// `P`: ask for the decisions as of the screen's day.
pub(super) fn open(state: &mut AppState) -> Vec<Effect> {
    state.info(state.words().vedtak_loading);
    vec![Effect::LoadVedtak { today: state.today }]
}

/// An action while the view is open: it moves, closes, quits or shows the
/// help; the rest waits until it is closed.
pub(super) fn on_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    use Action::*;
    let page = (state.size.1 as usize / 2).max(1);
    let Some(overlay) = state.vedtak.as_mut() else {
        return vec![];
    };
    match action {
        Up | Down | Top | Bottom | PageUp | PageDown => {
            overlay.selected = move_cursor(overlay.selected, overlay.decisions.len(), action, page);
        }
        Back | Vedtak => state.vedtak = None,
        Quit => state.quit = true,
        Help => state.overlay = Some(Overlay::Help(LineInput::default())),
        CloseVedtak | LinkVedtak | UnlinkVedtak => return change(state, action),
        _ => state.error(state.words().vedtak_close_first),
    }
    vec![]
}

/// The chosen decision, as the view shows it.
fn chosen(state: &AppState) -> Option<&Vedtak> {
    let overlay = state.vedtak.as_ref()?;
    overlay.decisions.get(overlay.selected)
}

/// What names a decision in its dialogs: number, case and title.
fn what(vedtak: &Vedtak) -> String {
    let d = &vedtak.decision;
    format!("#{} {} {}", d.id, d.case, d.title)
}

/// `K`, `l`, `L`: opens the dialog, or says why not (the past, a
/// read-only database, no decision, none linked).
fn change(state: &mut AppState, action: Action) -> Vec<Effect> {
    if let Some(refused) = super::past::on_action(state, action) {
        return refused;
    }
    if state.data.read_only {
        state.error(state.words().read_only);
        return vec![];
    }
    let lang = state.lang;
    let Some(vedtak) = chosen(state).cloned() else {
        state.error(words::no_decision(lang));
        return vec![];
    };
    let (id, what) = (vedtak.decision.id, what(&vedtak));
    let comment = |label| TextField::new("comment", label, "");
    let dialog = match action {
        Action::CloseVedtak => match vedtak.decision.closed {
            None => Dialog::new(DialogKind::CatalogForm {
                purpose: CatalogPurpose::CloseVedtak {
                    id,
                    what,
                    on: state.today.0,
                },
                fields: vec![comment(words::label_why_closed(lang))],
                cursor: 0,
            }),
            Some(closed) => Dialog::new(DialogKind::CatalogForm {
                purpose: CatalogPurpose::ReopenVedtak { id, what, closed },
                fields: vec![comment(state.words().label_comment_optional)],
                cursor: 0,
            }),
        },
        Action::LinkVedtak => Dialog::new(DialogKind::CatalogForm {
            purpose: CatalogPurpose::LinkVedtak { id, what },
            fields: vec![
                TextField::new("number", words::label_number(lang), ""),
                comment(state.words().label_comment_optional),
            ],
            cursor: 0,
        }),
        _ => {
            let titles = state.vedtak.as_ref().map(|o| &o.assignments);
            let options: Vec<(i64, String)> = vedtak
                .decision
                .assignments
                .iter()
                .map(|a| {
                    let title = titles
                        .and_then(|t| t.get(a))
                        .map_or(String::new(), |x| x.title.clone());
                    (*a, title)
                })
                .collect();
            if options.is_empty() {
                state.error(words::none_linked(id, lang));
                return vec![];
            }
            Dialog::new(DialogKind::Unlink {
                id,
                what,
                options,
                cursor: 0,
                input: LineInput::default(),
            })
        }
    };
    state.open_dialog(dialog);
    vec![]
}

/// An oppdrag's number as typed: `12` or `#12`.
fn number(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = text.strip_prefix('#').unwrap_or(text).trim();
    digits.parse::<i64>().ok().filter(|n| *n > 0)
}

/// A vedtak dialog's values turned into a write; what the store refuses
/// (unknown oppdrag, already linked, closed already) comes back as the
/// dialog's error.
pub(super) fn on_form(
    state: &mut AppState,
    purpose: CatalogPurpose,
    values: Vec<(&'static str, String)>,
) -> Vec<Effect> {
    let lang = state.lang;
    let value = |key: &str| {
        values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let comment = Some(value("comment")).filter(|c| !c.is_empty());
    let effect = match purpose {
        CatalogPurpose::CloseVedtak { id, on, .. } => {
            let Some(comment) = comment else {
                return super::catalog::fail(state, words::close_needs_comment(lang).into());
            };
            let meeting = state
                .vedtak
                .as_ref()
                .and_then(|o| o.decisions.iter().find(|v| v.decision.id == id))
                .map(|v| v.decision.date);
            if let Some(meeting) = meeting.filter(|m| on < *m) {
                let message = words::closed_before_meeting(id, on, meeting, lang);
                return super::catalog::fail(state, message);
            }
            Effect::CloseVedtak { id, on, comment }
        }
        CatalogPurpose::ReopenVedtak { id, .. } => Effect::ReopenVedtak { id, comment },
        CatalogPurpose::LinkVedtak { id, .. } | CatalogPurpose::UnlinkVedtak { id, .. } => {
            let unlink = matches!(purpose, CatalogPurpose::UnlinkVedtak { .. });
            let typed = value("number");
            let Some(assignment) = number(&typed) else {
                return super::catalog::fail(state, words::not_a_number(&typed, lang));
            };
            if let Some(parent) = state
                .data
                .assignment(assignment)
                .and_then(|a| a.parent_id)
                .filter(|_| !unlink)
            {
                let message = words::task_not_linked(assignment, parent, lang);
                return super::catalog::fail(state, message);
            }
            Effect::LinkVedtak {
                id,
                assignment,
                unlink,
                comment,
            }
        }
        _ => return vec![],
    };
    super::catalog::pending(state, effect)
}
