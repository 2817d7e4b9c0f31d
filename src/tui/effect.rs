//! Effects: what `update` asks the loop to do against the store. The loop
//! runs them and feeds the results back as messages.

use crate::domain::event::AsOf;
use crate::domain::{Assignment, Field, Goal, ReportDraft, Today, WheelEntry};

impl Effect {
    /// Whether the loop runs it after drawing the frame rather than before:
    /// reads that take long on a large database and that no frame waits
    /// for (only the search needs the comments, only one view the missing
    /// reports), and the replays of the past begun ahead for a step, which
    /// run beside the loop. Until they come, what was read before stays.
    pub fn after_frame(&self) -> bool {
        matches!(
            self,
            Effect::LoadComments | Effect::LoadMissing | Effect::PrepareAhead(_)
        )
    }

    /// Whether it changes the database.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Effect::Change { .. }
                | Effect::Report { .. }
                | Effect::Create { .. }
                | Effect::Undo { .. }
                | Effect::CreateWheel { .. }
                | Effect::ChangeWheel { .. }
                | Effect::DeleteWheel { .. }
                | Effect::CreateGoal { .. }
                | Effect::ChangeGoal { .. }
                | Effect::RetireGoal { .. }
                | Effect::CloseVedtak { .. }
                | Effect::ReopenVedtak { .. }
                | Effect::LinkVedtak { .. }
        )
    }
}

/// A request for IO, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read everything again.
    Reload,
    /// Read again if another process has written since the last read.
    ReloadIfChanged,
    /// Read the comments logged since the last read (for the search).
    LoadComments,
    /// Work out which assignments miss their report (mangler rapport).
    LoadMissing,
    /// Read the history of one assignment.
    LoadHistory(i64),
    /// Change fields of an assignment shown at `version`.
    Change {
        id: i64,
        version: i64,
        edits: Vec<(Field, Option<String>)>,
        comment: Option<String>,
    },
    /// The same edits to several assignments, each shown at its version
    /// (id, version): one change, all or nothing.
    ChangeMany {
        targets: Vec<(i64, i64)>,
        edits: Vec<(Field, Option<String>)>,
        comment: Option<String>,
    },
    /// Record a report on an assignment shown at `version`.
    Report {
        id: i64,
        version: i64,
        draft: Box<ReportDraft>,
    },
    /// Approve or send back an assignment's report for a period.
    Decide {
        id: i64,
        period: String,
        decision: crate::domain::approval::Decision,
        comment: Option<String>,
    },
    /// Create an assignment or task.
    Create {
        draft: Box<Assignment>,
        comment: Option<String>,
    },
    /// Withdraw a comment or report (by event id).
    Withdraw { event: i64, comment: Option<String> },
    /// Look up what an undo would undo, to show before it is confirmed.
    PreviewUndo,
    /// Undo the user's last change.
    Undo { comment: Option<String> },
    /// Add an årshjul entry.
    CreateWheel {
        draft: Box<WheelEntry>,
        comment: Option<String>,
    },
    /// Change an årshjul entry shown as `seen`.
    ChangeWheel {
        seen: Box<WheelEntry>,
        next: Box<WheelEntry>,
        comment: Option<String>,
    },
    /// Delete an årshjul entry shown as `seen`.
    DeleteWheel {
        seen: Box<WheelEntry>,
        comment: Option<String>,
    },
    /// Add a goal under `parent`.
    CreateGoal {
        parent: Option<i64>,
        code: String,
        title: String,
        sectors: Vec<String>,
        comment: Option<String>,
    },
    /// Change a goal shown as `seen`.
    ChangeGoal {
        seen: Box<Goal>,
        next: Box<Goal>,
        comment: Option<String>,
    },
    /// Retire a goal and what lies below it.
    RetireGoal { id: i64, comment: Option<String> },
    /// Build the briefing of a sector as of a day.
    LoadBrief { sector: String, today: Today },
    /// Write a file named `name` in the working directory; one that
    /// exists is only written over with `replace` (else the answer is
    /// `Msg::FileExists`).
    WriteFile {
        name: String,
        contents: String,
        replace: bool,
    },
    /// Read the political decisions as of a day.
    LoadVedtak { today: Today },
    /// Close a decision (*kvittere ut*) on a day, saying why.
    CloseVedtak {
        id: i64,
        on: chrono::NaiveDate,
        comment: String,
    },
    /// Take a closed decision back into follow-up.
    ReopenVedtak { id: i64, comment: Option<String> },
    /// Link an oppdrag to a decision, or with `unlink` remove the link.
    LinkVedtak {
        id: i64,
        assignment: i64,
        unlink: bool,
        comment: Option<String>,
    },
    /// Show the data as it stood at `at` (named `stop` when it is a
    /// styringsdialog or a report deadline); `None`: as it is now.
    LoadPast {
        at: Option<AsOf>,
        stop: Option<String>,
    },
    /// Replay these moments of the past ahead, beside the loop, for a
    /// step to one of them (the stops next to the past shown).
    PrepareAhead(Vec<AsOf>),
    /// Work out what changed from `from` to `to` (`None`: now), for one
    /// sector or all, as `styr diff` does.
    LoadChanges {
        from: AsOf,
        to: Option<AsOf>,
        sector: Option<String>,
    },
}
