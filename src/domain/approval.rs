//! Sign-off: a report for a period is approved, or sent back with a
//! comment, by someone other than its author. Each decision is an
//! `approval` event on the assignment carrying the period; the state of a
//! report follows from the log and is never stored.

use chrono::{DateTime, Utc};

use super::{DomainError, Event, Field};

/// The value of an `approval` event that approves the latest report.
pub const APPROVED: &str = "approved";
/// The value of an `approval` event that sends the latest report back.
pub const SENT_BACK: &str = "sent-back";

/// What a leader decides about a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Approve,
    SendBack,
}

impl Decision {
    /// The stable value in the event's `new`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approve => APPROVED,
            Decision::SendBack => SENT_BACK,
        }
    }
}

/// Who decided, when, and with what comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub by: String,
    pub at: DateTime<Utc>,
    pub comment: Option<String>,
}

/// The state of an assignment's report for one period: the three states of
/// *mangler rapport*.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportState {
    /// No report for the period.
    Missing,
    /// A report no one has approved since it was given; `sent_back` when the
    /// report before it, or this one, was sent back.
    Awaiting {
        author: String,
        sent_back: Option<Decided>,
    },
    /// The latest report is approved.
    Approved { author: String, approval: Decided },
}

impl ReportState {
    /// The stable name in JSON: `missing`, `awaiting`, `approved`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ReportState::Missing => "missing",
            ReportState::Awaiting { .. } => "awaiting",
            ReportState::Approved { .. } => "approved",
        }
    }

    /// The state without who decided.
    pub fn kind(&self) -> ReportKind {
        match self {
            ReportState::Missing => ReportKind::Missing,
            ReportState::Awaiting { .. } => ReportKind::Awaiting,
            ReportState::Approved { .. } => ReportKind::Approved,
        }
    }

    /// Whether the report is approved.
    pub fn is_approved(&self) -> bool {
        matches!(self, ReportState::Approved { .. })
    }
}

/// The three states of *mangler rapport*, without who decided: what a
/// listing shows and filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReportKind {
    Missing,
    Awaiting,
    Approved,
}

impl ReportKind {
    /// Every state, in the order listings show them.
    pub const ALL: [ReportKind; 3] = [
        ReportKind::Missing,
        ReportKind::Awaiting,
        ReportKind::Approved,
    ];

    /// The stable name in JSON and CSV, as [`ReportState::as_str`].
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Missing => "missing",
            ReportKind::Awaiting => "awaiting",
            ReportKind::Approved => "approved",
        }
    }

    /// The state a name (as [`ReportKind::as_str`]) stands for.
    pub fn parse(text: &str) -> Option<ReportKind> {
        ReportKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }
}

/// A rule of sign-off that a decision breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApprovalRule {
    /// Nothing to decide on: the assignment has no report for the period.
    NoReport { assignment: i64, period: String },
    /// The author of the report may not approve or send it back.
    OwnReport { assignment: i64, period: String },
    /// The latest report is approved already.
    AlreadyApproved {
        assignment: i64,
        period: String,
        by: String,
    },
    /// A report sent back needs a comment saying why.
    NoComment { assignment: i64 },
}

impl From<ApprovalRule> for DomainError {
    fn from(rule: ApprovalRule) -> Self {
        DomainError::Approval(rule)
    }
}

fn is_for(event: &Event, field: Field, period: &str) -> bool {
    event.field == field.as_str() && event.period.as_deref() == Some(period)
}

/// The latest report for the period among one assignment's events that
/// has not been withdrawn (a withdrawn report counts as absent, and with it
/// any approval it had).
pub fn latest_report<'a>(events: &[&'a Event], period: &str) -> Option<&'a Event> {
    let withdrawn = super::event::withdrawn_ids(events.iter().copied());
    events
        .iter()
        .copied()
        .filter(|e| is_for(e, Field::Report, period) && !withdrawn.contains(&e.id))
        .max_by_key(|e| e.id)
}

/// The state of the report for `period` from one assignment's events (any
/// order). A decision counts only for the report it followed: a later
/// report (superseding it) is awaiting approval again.
pub fn report_state(events: &[&Event], period: &str) -> ReportState {
    let Some(report) = latest_report(events, period) else {
        return ReportState::Missing;
    };
    let author = report.actor.clone();
    let decided = |e: &Event| Decided {
        by: e.actor.clone(),
        at: e.at,
        comment: e.comment.clone(),
    };
    // A decision is on the report that was latest when it was made: one
    // made on a later report, since withdrawn, is not this report's.
    let next_report = events
        .iter()
        .filter(|e| is_for(e, Field::Report, period) && e.id > report.id)
        .map(|e| e.id)
        .min()
        .unwrap_or(i64::MAX);
    let last_decision = events
        .iter()
        .copied()
        .filter(|e| is_for(e, Field::Approval, period) && e.id > report.id && e.id < next_report)
        .max_by_key(|e| e.id);
    let earlier_send_back = events
        .iter()
        .copied()
        .filter(|e| is_for(e, Field::Approval, period) && e.id < report.id)
        .max_by_key(|e| e.id)
        .filter(|e| e.new.as_deref() == Some(SENT_BACK));
    match last_decision {
        Some(e) if e.new.as_deref() == Some(APPROVED) => ReportState::Approved {
            author,
            approval: decided(e),
        },
        Some(e) => ReportState::Awaiting {
            author,
            sent_back: Some(decided(e)),
        },
        None => ReportState::Awaiting {
            author,
            sent_back: earlier_send_back.map(decided),
        },
    }
}

/// Checks that `actor` may decide on the assignment's report for the
/// period: there is one, they did not write it, and (to approve) it is not
/// approved already; a send-back needs a comment.
pub fn check_decision(
    assignment: i64,
    events: &[&Event],
    period: &str,
    actor: &str,
    decision: Decision,
    comment: Option<&str>,
) -> Result<(), DomainError> {
    let period_id = || period.to_string();
    match report_state(events, period) {
        ReportState::Missing => Err(ApprovalRule::NoReport {
            assignment,
            period: period_id(),
        }
        .into()),
        ReportState::Awaiting { author, .. } | ReportState::Approved { author, .. }
            if author == actor =>
        {
            Err(ApprovalRule::OwnReport {
                assignment,
                period: period_id(),
            }
            .into())
        }
        ReportState::Approved { approval, .. } if decision == Decision::Approve => {
            Err(ApprovalRule::AlreadyApproved {
                assignment,
                period: period_id(),
                by: approval.by,
            }
            .into())
        }
        _ if decision == Decision::SendBack && comment.is_none_or(|c| c.trim().is_empty()) => {
            Err(ApprovalRule::NoComment { assignment }.into())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: i64, actor: &str, field: Field, new: Option<&str>, period: &str) -> Event {
        Event {
            id,
            at: DateTime::parse_from_rfc3339("2023-09-05T10:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            actor: actor.into(),
            assignment_id: 1,
            field: field.as_str().into(),
            old: None,
            new: new.map(String::from),
            comment: None,
            undoes: None,
            period: Some(period.into()),
        }
    }

    fn report(id: i64, actor: &str) -> Event {
        event(id, actor, Field::Report, Some("{}"), "2023-T2")
    }

    fn decision(id: i64, actor: &str, value: &str) -> Event {
        event(id, actor, Field::Approval, Some(value), "2023-T2")
    }

    fn state(log: &[Event]) -> ReportState {
        report_state(&log.iter().collect::<Vec<_>>(), "2023-T2")
    }

    #[test]
    fn a_report_moves_from_missing_to_awaiting_to_approved() {
        assert_eq!(state(&[]), ReportState::Missing);
        let log = [report(1, "kari")];
        assert!(matches!(
            state(&log),
            ReportState::Awaiting {
                sent_back: None,
                ..
            }
        ));
        let log = [report(1, "kari"), decision(2, "leder", APPROVED)];
        assert!(state(&log).is_approved());
    }

    #[test]
    fn a_withdrawn_report_loses_its_approval_and_counts_as_missing() {
        let mut withdrawal = event(3, "kari", Field::Withdrawn, None, "2023-T2");
        withdrawal.period = None;
        withdrawal.undoes = Some(1);
        let log = [
            report(1, "kari"),
            decision(2, "leder", APPROVED),
            withdrawal,
        ];
        assert_eq!(state(&log), ReportState::Missing);
        // With an earlier report beneath it, that one is the report again,
        // awaiting: the approval was given to the withdrawn one.
        let mut withdrawal = event(4, "kari", Field::Withdrawn, None, "2023-T2");
        withdrawal.period = None;
        withdrawal.undoes = Some(2);
        let log = [
            report(1, "ola"),
            report(2, "kari"),
            decision(3, "leder", APPROVED),
            withdrawal,
        ];
        assert_eq!(state(&log).as_str(), "awaiting");
    }

    #[test]
    fn a_later_report_supersedes_the_approval() {
        let log = [
            report(1, "kari"),
            decision(2, "leder", APPROVED),
            report(3, "kari"),
        ];
        assert_eq!(state(&log).as_str(), "awaiting");
    }

    #[test]
    fn a_sent_back_report_awaits_a_new_one_and_remembers_why() {
        let log = [report(1, "kari"), decision(2, "leder", SENT_BACK)];
        assert!(matches!(
            state(&log),
            ReportState::Awaiting { sent_back: Some(ref d), .. } if d.by == "leder"
        ));
        let log = [
            report(1, "kari"),
            decision(2, "leder", SENT_BACK),
            report(3, "kari"),
        ];
        assert!(matches!(
            state(&log),
            ReportState::Awaiting {
                sent_back: Some(_),
                ..
            }
        ));
    }

    #[test]
    fn reports_of_another_period_do_not_count() {
        let other = event(1, "kari", Field::Report, Some("{}"), "2023-T1");
        assert_eq!(state(&[other]), ReportState::Missing);
    }

    #[test]
    fn only_someone_else_can_decide_on_an_existing_report() {
        let check = |log: &[Event], actor: &str, decision: Decision, comment: Option<&str>| {
            check_decision(
                1,
                &log.iter().collect::<Vec<_>>(),
                "2023-T2",
                actor,
                decision,
                comment,
            )
        };
        let missing = check(&[], "leder", Decision::Approve, None);
        assert!(matches!(
            missing,
            Err(DomainError::Approval(ApprovalRule::NoReport { .. }))
        ));
        let log = [report(1, "kari")];
        assert!(matches!(
            check(&log, "kari", Decision::Approve, None),
            Err(DomainError::Approval(ApprovalRule::OwnReport { .. }))
        ));
        assert!(matches!(
            check(&log, "leder", Decision::SendBack, Some("  ")),
            Err(DomainError::Approval(ApprovalRule::NoComment { .. }))
        ));
        assert_eq!(check(&log, "leder", Decision::Approve, None), Ok(()));
        let approved = [report(1, "kari"), decision(2, "leder", APPROVED)];
        assert!(matches!(
            check(&approved, "ola", Decision::Approve, None),
            Err(DomainError::Approval(ApprovalRule::AlreadyApproved { .. }))
        ));
        assert_eq!(
            check(&approved, "ola", Decision::SendBack, Some("Mangler tall")),
            Ok(())
        );
    }
}
