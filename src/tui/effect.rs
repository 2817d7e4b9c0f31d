//! Effects: what `update` asks the loop to do against the store. The loop
//! runs them and feeds the results back as messages.

use crate::domain::{Assignment, Field};

/// A request for IO, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read everything again.
    Reload,
    /// Read again if another process has written since the last read.
    ReloadIfChanged,
    /// Read the comments logged since the last read (for the search).
    LoadComments,
    /// Read the history of one assignment.
    LoadHistory(i64),
    /// Change fields of an assignment shown at `version`.
    Change {
        id: i64,
        version: i64,
        edits: Vec<(Field, Option<String>)>,
        comment: Option<String>,
    },
    /// Create an assignment or task.
    Create {
        draft: Box<Assignment>,
        comment: Option<String>,
    },
    /// Look up what an undo would undo, to show before it is confirmed.
    PreviewUndo,
    /// Undo the user's last change.
    Undo { comment: Option<String> },
}
