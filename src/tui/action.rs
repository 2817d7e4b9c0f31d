//! The vocabulary of the TUI: what a key can ask for, and the panes it acts in. The keymap, the help
//! overlay, the status-line hints and `update` all speak it.

use serde::{Deserialize, Serialize};

/// A user's request, independent of which key made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Left in the tree (collapse), previous month in the wheel.
    Left,
    /// Right in the tree (expand), next month in the wheel.
    Right,
    /// Open the detail and history of the selected assignment.
    Open,
    /// Close what is open, or clear the search.
    Back,
    /// `0`: all sectors; `1`…`9`: the sectors in database order.
    Sector(u8),
    Search,
    ToggleOverdue,
    CycleView,
    SetStatus,
    SetAssessment,
    SetDeadline,
    Edit,
    Comment,
    /// Report on the selected assignment for the period being reported on.
    Report,
    /// Approve the selected oppdrag's report for the period being reported on.
    Approve,
    /// Send that report back to its author with a comment.
    SendBack,
    NewAssignment,
    NewTask,
    Undo,
    ZoomWheel,
    ToggleWheelList,
    Help,
    Refresh,
    /// A new årshjul entry in the highlighted month.
    NewWheelEntry,
    EditWheelEntry,
    DeleteWheelEntry,
    /// A new goal under the selected one.
    NewGoal,
    EditGoal,
    RetireGoal,
    /// Open (or close) the briefing of the chosen sector.
    Brief,
    /// Write the open briefing as an HTML file.
    SaveBrief,
    /// Open (or close) the political decisions (vedtak) with their oppdrag.
    Vedtak,
    /// In the vedtak view: close the chosen decision (*kvittere ut*), or
    /// reopen it when it is closed.
    CloseVedtak,
    /// In the vedtak view: link an oppdrag to the chosen decision.
    LinkVedtak,
    /// In the vedtak view: remove one of the chosen decision's links.
    UnlinkVedtak,
    /// Mark or unmark the selected row for a change to several at once.
    Mark,
    /// Mark every row from the last one marked to the selected one.
    MarkRange,
    /// Withdraw a mistaken comment or report in the open detail's history.
    Withdraw,
    /// Choose a past moment to see the data as of (a date, a dialog, a report deadline).
    AsOf,
    /// Back from the past to now.
    Now,
    /// The past at the previous styringsdialog or report deadline.
    EarlierStop,
    /// The past at the next styringsdialog or report deadline.
    LaterStop,
    /// What changed since a styringsdialog or a date.
    Changes,
}

impl Action {
    /// Whether it changes the database (refused while the past is shown).
    pub fn changes_data(self) -> bool {
        use Action::*;
        matches!(
            self,
            SetStatus
                | SetAssessment
                | SetDeadline
                | Edit
                | Comment
                | Report
                | Approve
                | SendBack
                | Withdraw
                | NewAssignment
                | NewTask
                | Undo
                | NewWheelEntry
                | EditWheelEntry
                | DeleteWheelEntry
                | NewGoal
                | EditGoal
                | RetireGoal
                | CloseVedtak
                | LinkVedtak
                | UnlinkVedtak
        )
    }
}

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Tree,
    List,
    Wheel,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Tree, Pane::List, Pane::Wheel];

    pub(crate) fn step(self, forward: bool) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ALL.len();
        Pane::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}
