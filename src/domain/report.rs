//! A report (rapport) for one assignment and one period: status, vurdering
//! and expected completion as reported. One `report` event records it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Assessment, Assignment, DomainError, Event, Field, Period, Status};

/// The values a report states. The event's `new` holds them as JSON after
/// the report, `old` as they were before; replay applies `new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportValues {
    pub status: Status,
    pub assessment: Option<Assessment>,
    pub expected_done: Option<NaiveDate>,
}

impl ReportValues {
    /// The reported values of an assignment as it stands.
    pub fn of(assignment: &Assignment) -> Self {
        ReportValues {
            status: assignment.status,
            assessment: assignment.assessment,
            expected_done: assignment.expected_done,
        }
    }

    /// Writes the values into an assignment.
    pub fn apply_to(&self, assignment: &mut Assignment) {
        assignment.status = self.status;
        assignment.assessment = self.assessment;
        assignment.expected_done = self.expected_done;
    }

    /// The form stored in the event log.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("report values always serialise")
    }

    /// Reads the stored form.
    pub fn from_json(text: &str) -> Result<Self, DomainError> {
        serde_json::from_str(text).map_err(|e| DomainError::InvalidValue {
            field: "report".into(),
            value: format!("{text} ({e})"),
        })
    }
}

/// An event as the changes of single fields it made: a report becomes one
/// event per value it changed (status, vurdering, expected completion),
/// the comment with the first, or a comment event when it changed none;
/// any other event stays as it is. For readers that follow fields.
pub fn as_field_changes(event: &Event) -> Vec<Event> {
    if event.field != Field::Report.as_str() {
        return vec![event.clone()];
    }
    let parse = |v: Option<&str>| v.and_then(|v| ReportValues::from_json(v).ok());
    let (Some(before), Some(after)) = (parse(event.old.as_deref()), parse(event.new.as_deref()))
    else {
        return vec![event.clone()];
    };
    let (mut old, mut new) = (Assignment::placeholder(), Assignment::placeholder());
    before.apply_to(&mut old);
    after.apply_to(&mut new);
    let mut comment = event.comment.clone();
    let mut changes: Vec<Event> = [Field::Status, Field::Assessment, Field::ExpectedDone]
        .into_iter()
        .filter(|f| old.field_value(*f) != new.field_value(*f))
        .map(|f| Event {
            field: f.as_str().to_string(),
            old: old.field_value(f),
            new: new.field_value(f),
            comment: comment.take(),
            ..event.clone()
        })
        .collect();
    if changes.is_empty() {
        changes.push(Event {
            field: Field::Comment.as_str().to_string(),
            old: None,
            new: None,
            ..event.clone()
        });
    }
    changes
}

/// What a report asks to record; `None` keeps the assignment's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportDraft {
    /// The period id, e.g. `2023-T2`.
    pub period: String,
    pub status: Option<Status>,
    /// `Some(None)` clears the vurdering.
    pub assessment: Option<Option<Assessment>>,
    /// `Some(None)` clears the expected completion.
    pub expected_done: Option<Option<NaiveDate>>,
    pub comment: Option<String>,
}

impl ReportDraft {
    /// Whether the report says anything: a value or a comment.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.assessment.is_none()
            && self.expected_done.is_none()
            && self.comment.as_deref().is_none_or(|c| c.trim().is_empty())
    }

    /// The reported values: the assignment's, with the draft's on top.
    pub fn values_for(&self, assignment: &Assignment) -> ReportValues {
        let current = ReportValues::of(assignment);
        ReportValues {
            status: self.status.unwrap_or(current.status),
            assessment: self.assessment.unwrap_or(current.assessment),
            expected_done: self.expected_done.unwrap_or(current.expected_done),
        }
    }
}

/// A rule about reports that a report would break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportRule {
    /// A report stating nothing.
    Empty,
    /// A report on a task (its id) rather than on its assignment (`parent`).
    OnTask { id: i64, parent: i64 },
    /// A report for a period (its id) outside the assignment's plan year.
    OtherYear { id: i64, period: String, year: i32 },
    /// A report on a cancelled assignment.
    Cancelled(i64),
}

/// Whether a draft states something: a status, a vurdering, an expected
/// completion or a comment.
pub fn check_not_empty(draft: &ReportDraft) -> Result<(), DomainError> {
    if draft.is_empty() {
        Err(ReportRule::Empty.into())
    } else {
        Ok(())
    }
}

/// Whether `assignment` can be reported on for `period`: an assignment,
/// not a task; the period in its plan year; not cancelled.
pub fn check_reportable(assignment: &Assignment, period: &Period) -> Result<(), DomainError> {
    let id = assignment.id;
    if let Some(parent) = assignment.parent_id {
        return Err(ReportRule::OnTask { id, parent }.into());
    }
    if period.year != assignment.year {
        return Err(ReportRule::OtherYear {
            id,
            period: period.id(),
            year: assignment.year,
        }
        .into());
    }
    if assignment.status == Status::Cancelled {
        return Err(ReportRule::Cancelled(id).into());
    }
    Ok(())
}

#[cfg(test)]
mod rule_tests {
    use super::*;

    #[test]
    fn a_report_is_refused_on_a_task_another_year_or_a_cancelled_assignment() {
        let period = Period {
            year: 2023,
            code: "T2".into(),
            label: "2. tertial".into(),
            start: chrono::NaiveDate::from_ymd_opt(2023, 5, 1).unwrap(),
            end: chrono::NaiveDate::from_ymd_opt(2023, 8, 31).unwrap(),
            report_due: chrono::NaiveDate::from_ymd_opt(2023, 9, 12).unwrap(),
        };
        let mut a = Assignment::placeholder();
        a.id = 2;
        a.year = 2023;
        assert_eq!(check_reportable(&a, &period), Ok(()));
        a.parent_id = Some(1);
        assert_eq!(
            check_reportable(&a, &period),
            Err(ReportRule::OnTask { id: 2, parent: 1 }.into())
        );
        a.parent_id = None;
        a.year = 2024;
        assert_eq!(
            check_reportable(&a, &period),
            Err(ReportRule::OtherYear {
                id: 2,
                period: "2023-T2".into(),
                year: 2024
            }
            .into())
        );
        a.year = 2023;
        a.status = Status::Cancelled;
        assert_eq!(
            check_reportable(&a, &period),
            Err(ReportRule::Cancelled(2).into())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;

    #[test]
    fn values_round_trip() {
        let before = ReportValues {
            status: Status::InProgress,
            assessment: Some(Assessment::Yellow),
            expected_done: None,
        };
        let after = ReportValues {
            status: Status::InProgress,
            assessment: Some(Assessment::Green),
            expected_done: Some(parse_date("2023-12-13").unwrap()),
        };
        assert_eq!(ReportValues::from_json(&after.to_json()).unwrap(), after);
        assert_eq!(ReportValues::from_json(&before.to_json()).unwrap(), before);
        assert!(ReportValues::from_json("{\"status\":\"maybe\"}").is_err());
    }

    #[test]
    fn a_report_reads_as_the_field_changes_it_made() {
        let at = chrono::DateTime::parse_from_rfc3339("2023-09-08T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let before = ReportValues {
            status: Status::InProgress,
            assessment: Some(Assessment::Yellow),
            expected_done: None,
        };
        let after = ReportValues {
            assessment: Some(Assessment::Red),
            ..before.clone()
        };
        let report = Event {
            id: 9,
            at,
            actor: "kari".into(),
            assignment_id: 3,
            field: "report".into(),
            old: Some(before.to_json()),
            new: Some(after.to_json()),
            comment: Some("Forsinket".into()),
            undoes: None,
            period: Some("2023-T2".into()),
        };
        let changes = as_field_changes(&report);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "assessment");
        assert_eq!(changes[0].old.as_deref(), Some("yellow"));
        assert_eq!(changes[0].new.as_deref(), Some("red"));
        assert_eq!(changes[0].comment.as_deref(), Some("Forsinket"));
        let unchanged = Event {
            new: Some(before.to_json()),
            ..report.clone()
        };
        let changes = as_field_changes(&unchanged);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "comment");
        assert_eq!(changes[0].comment.as_deref(), Some("Forsinket"));
    }

    #[test]
    fn an_empty_draft_says_nothing() {
        let mut draft = ReportDraft {
            period: "2023-T2".into(),
            comment: Some("  ".into()),
            ..Default::default()
        };
        assert!(draft.is_empty());
        draft.assessment = Some(None);
        assert!(!draft.is_empty(), "clearing the vurdering is something");
    }
}
