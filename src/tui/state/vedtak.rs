//! The vedtak view: the political decisions with their state and oppdrag,
//! read over the screen like the briefing. Read-only: changes are made on
//! the command line (`styr vedtak`).

use std::collections::HashMap;

use super::*;
use crate::domain::vedtak::Vedtak;
use crate::domain::Assignment;

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
        _ => state.error(state.words().vedtak_close_first),
    }
    vec![]
}
