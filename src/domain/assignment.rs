//! Assignments (oppdrag) and tasks (oppgaver), their status and assessment,
//! and the fields an event can change.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::{iso, parse_date};
use super::{DomainError, Today};

/// Where an assignment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

impl Status {
    /// Every status, in the order a picker shows them.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Cancelled,
    ];

    /// The stable name used in the database, JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    /// Done or cancelled: nothing more is expected of it.
    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Cancelled)
    }

    /// Parses the stable name or a Norwegian or English word for it.
    pub fn parse(text: &str) -> Result<Status, DomainError> {
        let key = text.trim().to_lowercase().replace(['_', ' '], "-");
        let status =
            match key.as_str() {
                "not-started" | "notstarted" | "new" | "todo" | "ikke-startet"
                | "ikke-påbegynt" => Status::NotStarted,
                "in-progress" | "inprogress" | "started" | "ongoing" | "pågår" | "startet"
                | "påbegynt" | "under-arbeid" => Status::InProgress,
                "done" | "completed" | "complete" | "finished" | "fullført" | "ferdig"
                | "utført" => Status::Done,
                "cancelled" | "canceled" | "utgår" | "utgått" | "avlyst" | "kansellert" => {
                    Status::Cancelled
                }
                _ => return Err(DomainError::UnknownStatus(text.trim().to_string())),
            };
        Ok(status)
    }
}

/// The traffic-light judgement of whether an assignment is on track.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Assessment {
    Green,
    Yellow,
    Red,
}

impl Assessment {
    /// Every assessment, in the order a picker shows them.
    pub const ALL: [Assessment; 3] = [Assessment::Green, Assessment::Yellow, Assessment::Red];

    /// The stable name used in the database, JSON and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Assessment::Green => "green",
            Assessment::Yellow => "yellow",
            Assessment::Red => "red",
        }
    }

    /// Parses a name; `none`, `unset`, `ikke vurdert` or empty mean no assessment.
    pub fn parse(text: &str) -> Result<Option<Assessment>, DomainError> {
        let key = text.trim().to_lowercase().replace(['_', ' '], "-");
        let assessment = match key.as_str() {
            "" | "none" | "unset" | "-" | "ikke-vurdert" | "not-assessed" => None,
            "green" | "grønn" | "i-rute" | "on-track" => Some(Assessment::Green),
            "yellow" | "gul" | "risiko-for-avvik" | "risiko" | "at-risk" => {
                Some(Assessment::Yellow)
            }
            "red" | "rød" | "avvik" | "off-track" => Some(Assessment::Red),
            _ => return Err(DomainError::UnknownAssessment(text.trim().to_string())),
        };
        Ok(assessment)
    }
}

/// An assignment from the director, or (with a parent) a task it was broken into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub year: i32,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub lead_sector: String,
    /// Contributing sectors (delansvar), not including the lead sector.
    #[serde(default)]
    pub sectors: Vec<String>,
    pub goal_id: Option<i64>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub assessment: Option<Assessment>,
    pub expected_done: Option<NaiveDate>,
    /// Counts the changes to this assignment; an edit based on an older version is refused.
    #[serde(default)]
    pub version: i64,
}

impl Assignment {
    /// Past its deadline and neither done nor cancelled.
    pub fn is_overdue(&self, today: Today) -> bool {
        self.days_overdue(today).is_some()
    }

    /// Days past the deadline, when overdue.
    pub fn days_overdue(&self, today: Today) -> Option<i64> {
        super::filter::Listable::days_overdue(self, today)
    }

    /// An empty assignment, to fill field by field.
    pub fn placeholder() -> Assignment {
        Assignment {
            id: 0,
            parent_id: None,
            year: 0,
            title: String::new(),
            description: String::new(),
            lead_sector: String::new(),
            sectors: Vec::new(),
            goal_id: None,
            source: String::new(),
            owner: String::new(),
            due: None,
            status: Status::NotStarted,
            assessment: None,
            expected_done: None,
            version: 0,
        }
    }

    /// The assignment's deadline when this task is due after it: saved all
    /// the same, with a warning (a task may run late on purpose), in the
    /// TUI and the CLI alike.
    pub fn due_after_parent(&self, parent: &Assignment) -> Option<NaiveDate> {
        let (due, parent_due) = (self.due?, parent.due?);
        (self.parent_id == Some(parent.id) && due > parent_due).then_some(parent_due)
    }

    /// Whether this is a task under another assignment.
    pub fn is_task(&self) -> bool {
        self.parent_id.is_some()
    }

    /// The value of a field as the event log writes it; `None` when empty.
    pub fn field_value(&self, field: Field) -> Option<String> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match field {
            Field::Title => text(&self.title),
            Field::Description => text(&self.description),
            Field::LeadSector => text(&self.lead_sector),
            Field::Sectors => text(&self.sectors.join(",")),
            Field::Goal => self.goal_id.map(|id| id.to_string()),
            Field::Parent => self.parent_id.map(|id| id.to_string()),
            Field::Source => text(&self.source),
            Field::Owner => text(&self.owner),
            Field::Due => self.due.map(iso),
            Field::Status => Some(self.status.as_str().to_string()),
            Field::Assessment => self.assessment.map(|a| a.as_str().to_string()),
            Field::ExpectedDone => self.expected_done.map(iso),
            Field::Created
            | Field::Comment
            | Field::Report
            | Field::Withdrawn
            | Field::Approval => None,
        }
    }

    /// Sets a field from its event-log value, checking the domain's rules.
    /// Sector codes and goal ids are checked against the database by the store.
    pub fn set_field(&mut self, field: Field, value: Option<&str>) -> Result<(), DomainError> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let invalid = |v: &str| DomainError::InvalidValue {
            field: field.as_str().to_string(),
            value: v.to_string(),
        };
        let id = |v: Option<&str>| -> Result<Option<i64>, DomainError> {
            v.map(|v| v.parse::<i64>().map_err(|_| invalid(v)))
                .transpose()
        };
        match field {
            Field::Title => {
                self.title = value.ok_or(DomainError::EmptyTitle)?.to_string();
            }
            Field::Description => self.description = value.unwrap_or_default().to_string(),
            Field::LeadSector => {
                self.lead_sector = super::sector::normalize_code(value.ok_or_else(|| invalid(""))?)
            }
            Field::Sectors => self.sectors = split_sectors(value.unwrap_or_default()),
            Field::Goal => self.goal_id = id(value)?,
            Field::Parent => self.parent_id = id(value)?,
            Field::Source => self.source = value.unwrap_or_default().to_string(),
            Field::Owner => self.owner = value.unwrap_or_default().to_string(),
            Field::Due => self.due = value.map(parse_date).transpose()?,
            Field::Status => self.status = Status::parse(value.unwrap_or_default())?,
            Field::Assessment => self.assessment = Assessment::parse(value.unwrap_or_default())?,
            Field::ExpectedDone => self.expected_done = value.map(parse_date).transpose()?,
            Field::Created
            | Field::Comment
            | Field::Report
            | Field::Withdrawn
            | Field::Approval => return Err(DomainError::UnknownField(field.as_str().into())),
        }
        Ok(())
    }

    /// Checks what every stored assignment must satisfy.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::EmptyTitle);
        }
        if self.lead_sector.trim().is_empty() {
            return Err(DomainError::InvalidValue {
                field: "lead_sector".into(),
                value: String::new(),
            });
        }
        Ok(())
    }
}

/// Splits "HOM, kul" into ["HOM", "KUL"], dropping blanks and repeats.
pub fn split_sectors(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for code in text
        .split([',', ' ', ';'])
        .map(super::sector::normalize_code)
    {
        if !code.is_empty() && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// The fields of an assignment that events record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The assignment was created; the event's `new` holds its first state as JSON.
    Created,
    Title,
    Description,
    LeadSector,
    Sectors,
    Goal,
    Parent,
    Source,
    Owner,
    Due,
    Status,
    Assessment,
    ExpectedDone,
    /// A comment only; the state does not change.
    Comment,
    /// A report for a period: status, vurdering and expected completion as
    /// JSON ([`super::report::ReportValues`]); the event carries the period.
    Report,
    /// A comment or report (the event `undoes` names) withdrawn as a
    /// mistake: it stays in the log, marked, and counts as absent. A report's
    /// values are put back by ordinary field events in the same change.
    Withdrawn,
    /// A decision on a report for a period: approved or sent back
    /// ([`super::approval`]); the event carries the period and the state does
    /// not change.
    Approval,
}

impl Field {
    /// Every field, for parsing and for documentation.
    pub const ALL: [Field; 17] = [
        Field::Created,
        Field::Title,
        Field::Description,
        Field::LeadSector,
        Field::Sectors,
        Field::Goal,
        Field::Parent,
        Field::Source,
        Field::Owner,
        Field::Due,
        Field::Status,
        Field::Assessment,
        Field::ExpectedDone,
        Field::Comment,
        Field::Report,
        Field::Withdrawn,
        Field::Approval,
    ];

    /// The stable name in the `events.field` column and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Created => "created",
            Field::Title => "title",
            Field::Description => "description",
            Field::LeadSector => "lead_sector",
            Field::Sectors => "sectors",
            Field::Goal => "goal",
            Field::Parent => "parent",
            Field::Source => "source",
            Field::Owner => "owner",
            Field::Due => "due",
            Field::Status => "status",
            Field::Assessment => "assessment",
            Field::ExpectedDone => "expected_done",
            Field::Comment => "comment",
            Field::Report => "report",
            Field::Withdrawn => "withdrawn",
            Field::Approval => "approval",
        }
    }

    /// Parses a stable field name.
    pub fn parse(text: &str) -> Result<Field, DomainError> {
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == text)
            .ok_or_else(|| DomainError::UnknownField(text.to_string()))
    }

    /// Whether an event on this field changes the assignment's state (and version).
    pub fn changes_state(self) -> bool {
        !matches!(self, Field::Comment | Field::Approval)
    }

    /// Whether the field is one value of the assignment that an edit sets
    /// (not a creation, a comment or a report).
    pub fn holds_value(self) -> bool {
        !matches!(
            self,
            Field::Created | Field::Comment | Field::Report | Field::Withdrawn | Field::Approval
        )
    }
}

/// A rule about tasks (assignments under an assignment) that a change breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskRule {
    /// An assignment made a task of itself.
    OwnTask,
    /// A task put under a task (the parent's id): tasks go under an assignment.
    ParentIsTask(i64),
    /// An assignment with tasks of its own (its id) made a task.
    HasTasks(i64),
}

/// Whether assignment `id` may become a task of `parent`: not of itself,
/// not under a task (`parent_is_task`), not when it has tasks (`has_tasks`).
pub fn check_parent(
    id: i64,
    parent: i64,
    parent_is_task: bool,
    has_tasks: bool,
) -> Result<(), DomainError> {
    if parent == id {
        return Err(TaskRule::OwnTask.into());
    }
    if parent_is_task {
        return Err(TaskRule::ParentIsTask(parent).into());
    }
    if has_tasks {
        return Err(TaskRule::HasTasks(id).into());
    }
    Ok(())
}

/// Whether a field may be set by an edit: only one holding a value.
pub fn check_settable(field: Field) -> Result<(), DomainError> {
    if field.holds_value() {
        Ok(())
    } else {
        Err(DomainError::NotSettable(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    pub(crate) fn sample() -> Assignment {
        Assignment {
            id: 1,
            parent_id: None,
            year: 2023,
            title: "Rullering av boligplanen".into(),
            description: String::new(),
            lead_sector: "HOM".into(),
            sectors: vec![],
            goal_id: None,
            source: "styringsbrev".into(),
            owner: String::new(),
            due: Some(date("2023-06-30")),
            status: Status::InProgress,
            assessment: None,
            expected_done: None,
            version: 1,
        }
    }

    #[test]
    fn overdue_counts_days_after_the_deadline() {
        let a = sample();
        assert_eq!(
            a.days_overdue(Today(date("2023-06-30"))),
            None,
            "due today is not overdue"
        );
        assert_eq!(a.days_overdue(Today(date("2023-07-01"))), Some(1));
        assert_eq!(a.days_overdue(Today(date("2023-09-20"))), Some(82));
        assert!(a.is_overdue(Today(date("2024-01-01"))));
    }

    #[test]
    fn done_cancelled_or_undated_is_never_overdue() {
        let late = Today(date("2023-12-01"));
        for status in [Status::Done, Status::Cancelled] {
            let a = Assignment { status, ..sample() };
            assert!(!a.is_overdue(late));
        }
        let undated = Assignment {
            due: None,
            ..sample()
        };
        assert!(!undated.is_overdue(late));
    }

    #[test]
    fn status_accepts_norwegian_and_english_words() {
        assert_eq!(Status::parse("Pågår").unwrap(), Status::InProgress);
        assert_eq!(Status::parse("in progress").unwrap(), Status::InProgress);
        assert_eq!(Status::parse("Ikke startet").unwrap(), Status::NotStarted);
        assert_eq!(Status::parse("FULLFØRT").unwrap(), Status::Done);
        assert_eq!(Status::parse("utgår").unwrap(), Status::Cancelled);
        assert!(Status::parse("almost").is_err());
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()).unwrap(), s);
        }
    }

    #[test]
    fn assessment_parses_colours_and_unset() {
        assert_eq!(Assessment::parse("gul").unwrap(), Some(Assessment::Yellow));
        assert_eq!(Assessment::parse("Avvik").unwrap(), Some(Assessment::Red));
        assert_eq!(Assessment::parse("none").unwrap(), None);
        assert_eq!(Assessment::parse("").unwrap(), None);
        assert!(Assessment::parse("purple").is_err());
    }

    #[test]
    fn every_field_round_trips_through_its_event_value() {
        let mut a = sample();
        a.sectors = vec!["KUL".into(), "TEK".into()];
        a.goal_id = Some(7);
        a.owner = "Kari".into();
        a.assessment = Some(Assessment::Red);
        a.expected_done = Some(date("2023-11-30"));
        a.description = "Line one\nline two".into();
        for field in Field::ALL.into_iter().filter(|f| f.holds_value()) {
            let mut copy = Assignment {
                title: "x".into(),
                lead_sector: "X".into(),
                ..sample()
            };
            copy.set_field(field, a.field_value(field).as_deref())
                .unwrap();
            assert_eq!(copy.field_value(field), a.field_value(field), "{field:?}");
        }
    }

    #[test]
    fn set_field_refuses_bad_values() {
        let mut a = sample();
        assert_eq!(
            a.set_field(Field::Title, Some("  ")),
            Err(DomainError::EmptyTitle)
        );
        assert!(a.set_field(Field::Due, Some("31.02.2023")).is_err());
        assert!(a.set_field(Field::Status, Some("half")).is_err());
        assert!(a.set_field(Field::Goal, Some("abc")).is_err());
        assert_eq!(a, sample(), "a refused value changes nothing");
    }

    #[test]
    fn sectors_are_normalised() {
        assert_eq!(
            split_sectors("hom, KUL;kul  tek"),
            vec!["HOM", "KUL", "TEK"]
        );
        assert!(split_sectors("").is_empty());
    }
}
