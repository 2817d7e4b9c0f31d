//! The event log's entries and their replay into assignments.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Assignment, DomainError, Field, ReportValues};

/// One entry of the append-only event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    /// When, in UTC.
    pub at: DateTime<Utc>,
    pub actor: String,
    pub assignment_id: i64,
    /// The stable field name (see [`Field::as_str`]).
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub comment: Option<String>,
    /// The event this one compensates, when it is an undo.
    pub undoes: Option<i64>,
    /// For a report: the period it reports on, e.g. `2023-T2`.
    #[serde(default)]
    pub period: Option<String>,
}

impl Event {
    /// The field, if this build knows it.
    pub fn field(&self) -> Result<Field, DomainError> {
        Field::parse(&self.field)
    }
}

/// The log could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplayError {
    NotCreated {
        event: i64,
        assignment: i64,
    },
    CreatedTwice {
        event: i64,
        assignment: i64,
    },
    /// A `created` event whose value does not read; the parser's words.
    BadCreated {
        event: i64,
        detail: String,
    },
    /// An event whose field or value breaks a rule.
    Invalid {
        event: i64,
        error: DomainError,
    },
}

impl std::error::Error for ReplayError {}

/// Every change is made by someone: an actor that is not blank.
pub fn check_actor(actor: &str) -> Result<(), DomainError> {
    if actor.trim().is_empty() {
        Err(DomainError::NoActor)
    } else {
        Ok(())
    }
}

/// The first state of an assignment as the `created` event stores it.
pub fn created_value(assignment: &Assignment) -> String {
    let mut snapshot = assignment.clone();
    snapshot.version = 0;
    serde_json::to_string(&snapshot).expect("an assignment always serialises")
}

/// Applies one event to the assignments replayed so far.
pub fn apply(state: &mut BTreeMap<i64, Assignment>, event: &Event) -> Result<(), ReplayError> {
    let invalid = |error: DomainError| ReplayError::Invalid {
        event: event.id,
        error,
    };
    let field = event.field().map_err(invalid)?;
    if field == Field::Created {
        if state.contains_key(&event.assignment_id) {
            return Err(ReplayError::CreatedTwice {
                event: event.id,
                assignment: event.assignment_id,
            });
        }
        let json = event.new.as_deref().unwrap_or_default();
        let mut assignment: Assignment =
            serde_json::from_str(json).map_err(|e| ReplayError::BadCreated {
                event: event.id,
                detail: e.to_string(),
            })?;
        assignment.id = event.assignment_id;
        assignment.version = 1;
        state.insert(event.assignment_id, assignment);
        return Ok(());
    }
    let assignment = state
        .get_mut(&event.assignment_id)
        .ok_or(ReplayError::NotCreated {
            event: event.id,
            assignment: event.assignment_id,
        })?;
    if field == Field::Report {
        let values =
            ReportValues::from_json(event.new.as_deref().unwrap_or_default()).map_err(invalid)?;
        values.apply_to(assignment);
        assignment.version += 1;
    } else if field.changes_state() {
        assignment
            .set_field(field, event.new.as_deref())
            .map_err(invalid)?;
        assignment.version += 1;
    }
    Ok(())
}

/// Rebuilds every assignment from the log, oldest event first.
pub fn replay<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> Result<BTreeMap<i64, Assignment>, ReplayError> {
    let mut state = BTreeMap::new();
    for event in events {
        apply(&mut state, event)?;
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Assessment, Status};

    fn event(id: i64, assignment_id: i64, field: Field, new: Option<&str>) -> Event {
        Event {
            id,
            at: DateTime::parse_from_rfc3339("2023-05-01T10:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            actor: "kari".into(),
            assignment_id,
            field: field.as_str().into(),
            old: None,
            new: new.map(String::from),
            comment: None,
            undoes: None,
            period: None,
        }
    }

    fn first() -> Assignment {
        Assignment {
            year: 2023,
            title: "Rullering av boligplanen".into(),
            lead_sector: "HOM".into(),
            ..Assignment::placeholder()
        }
    }

    #[test]
    fn replay_rebuilds_state_and_counts_versions() {
        let created = created_value(&first());
        let log = vec![
            event(1, 7, Field::Created, Some(&created)),
            event(2, 7, Field::Status, Some("in-progress")),
            event(3, 7, Field::Comment, None),
            event(4, 7, Field::Assessment, Some("red")),
            event(5, 7, Field::Assessment, None),
            event(6, 7, Field::Due, Some("2023-10-31")),
        ];
        let state = replay(&log).unwrap();
        let a = &state[&7];
        assert_eq!(a.id, 7);
        assert_eq!(a.status, Status::InProgress);
        assert_eq!(a.assessment, None::<Assessment>);
        assert_eq!(
            a.due.map(crate::domain::date::iso).as_deref(),
            Some("2023-10-31")
        );
        assert_eq!(a.version, 5, "a comment does not bump the version");
    }

    #[test]
    fn replay_refuses_a_change_before_creation_and_a_second_creation() {
        let created = created_value(&first());
        assert!(matches!(
            replay(&[event(1, 7, Field::Status, Some("done"))]),
            Err(ReplayError::NotCreated { .. })
        ));
        assert!(matches!(
            replay(&[
                event(1, 7, Field::Created, Some(&created)),
                event(2, 7, Field::Created, Some(&created))
            ]),
            Err(ReplayError::CreatedTwice { .. })
        ));
        assert!(matches!(
            replay(&[
                event(1, 7, Field::Created, Some(&created)),
                event(2, 7, Field::Status, Some("??"))
            ]),
            Err(ReplayError::Invalid { .. })
        ));
    }
}
