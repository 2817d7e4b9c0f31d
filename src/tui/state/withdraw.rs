//! Withdrawing a mistaken comment or report from the TUI: `x` asks, naming
//! the selected assignment's newest comment or report not yet withdrawn.

use super::AppState;
use crate::domain::event::withdrawn_ids;
use crate::domain::Field;
use crate::tui::dialog::{Confirm, Dialog, DialogKind, LineInput};

/// Opens the confirmation, or says why there is nothing to withdraw.
pub(super) fn open(state: &mut AppState) {
    if state.data.read_only {
        state.error(state.words().read_only);
        return;
    }
    if state.selected().is_none() {
        state.error(state.words().nothing_selected);
        return;
    }
    let Some(history) = state.selected_history() else {
        state.error(state.words().loading_history);
        return;
    };
    let withdrawn = withdrawn_ids(history);
    let newest = history.iter().rev().find(|e| {
        (e.field == Field::Comment.as_str() || e.field == Field::Report.as_str())
            && e.undoes.is_none()
            && !withdrawn.contains(&e.id)
    });
    match newest.cloned() {
        Some(event) => state.open_dialog(Dialog::new(DialogKind::Confirm {
            action: Confirm::Withdraw(Box::new(event)),
            input: LineInput::default(),
        })),
        None => state.error(crate::words::lists::nothing_to_withdraw(state.lang)),
    }
}
