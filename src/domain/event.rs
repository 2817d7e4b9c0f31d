//! The event log's entries and their replay into assignments.

use std::collections::BTreeMap;

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::date::{local_date, parse_date};
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
    } else if field == Field::Withdrawn {
        // The mark itself changes no field; what a withdrawn report set is
        // put back by field events of their own.
        if event.undoes.is_none() {
            return Err(invalid(DomainError::UnknownField(field.as_str().into())));
        }
        assignment.version += 1;
    } else if field.changes_state() {
        assignment
            .set_field(field, event.new.as_deref())
            .map_err(invalid)?;
        assignment.version += 1;
    }
    Ok(())
}

/// The events a later `withdrawn` event marks as withdrawn: they stay in the
/// log, and count as absent (a comment unsaid, a report undelivered).
pub fn withdrawn_ids<'a>(
    events: impl IntoIterator<Item = &'a Event>,
) -> std::collections::HashSet<i64> {
    events
        .into_iter()
        .filter(|e| e.field == Field::Withdrawn.as_str())
        .filter_map(|e| e.undoes)
        .collect()
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

/// A moment in the past to see the data as it stood: the end of a day, or
/// of a minute of it, in local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl AsOf {
    /// Reads `YYYY-MM-DD` or `dd.mm.yyyy`, optionally followed by `HH:MM`.
    pub fn parse(text: &str) -> Result<AsOf, AsOfRefusal> {
        let unreadable = || AsOfRefusal::Unreadable(text.trim().to_string());
        let mut words = text.split_whitespace();
        let day = words.next().ok_or_else(unreadable)?;
        let day = parse_date(day).map_err(|_| unreadable())?;
        let time = match words.next() {
            None => None,
            Some(time) => Some(NaiveTime::parse_from_str(time, "%H:%M").map_err(|_| unreadable())?),
        };
        if words.next().is_some() {
            return Err(unreadable());
        }
        Ok(AsOf { day, time })
    }

    /// The first local moment it names: the start of the day or of the minute.
    fn start(&self) -> DateTime<Utc> {
        to_utc(self.day.and_time(self.time.unwrap_or(NaiveTime::MIN)))
    }

    /// The last instant it covers, in UTC (events are stored to the second):
    /// the end of the day, or of the minute, in local time.
    pub fn until(&self) -> DateTime<Utc> {
        let next = match self.time {
            None => self.start() + chrono::Duration::days(1),
            Some(_) => self.start() + chrono::Duration::minutes(1),
        };
        next - chrono::Duration::seconds(1)
    }

    /// Checks that the log can show it: not before its first event, not in
    /// the future (`now`).
    pub fn check(
        &self,
        first_event: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<(), AsOfRefusal> {
        let future = match self.time {
            None => self.day > local_date(now),
            Some(_) => self.start() > now,
        };
        if future {
            return Err(AsOfRefusal::Future {
                asked: *self,
                today: local_date(now),
            });
        }
        match first_event {
            None => Err(AsOfRefusal::EmptyLog),
            Some(first) if self.until() < first => Err(AsOfRefusal::BeforeLog {
                asked: *self,
                first,
            }),
            Some(_) => Ok(()),
        }
    }
}

/// A local date and time as UTC; a time skipped by a change to summer time
/// counts as the hour after it.
fn to_utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    match Local.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => at.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(_, later) => later.with_timezone(&Utc),
        chrono::LocalResult::None => Local
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(|| local.and_utc(), |at| at.with_timezone(&Utc)),
    }
}

/// Why the data cannot be shown as of a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AsOfRefusal {
    /// Not a date (with an optional `HH:MM`); the text as given.
    Unreadable(String),
    /// Before the first event of the logs.
    BeforeLog { asked: AsOf, first: DateTime<Utc> },
    /// After today.
    Future { asked: AsOf, today: NaiveDate },
    /// The logs hold no event at all.
    EmptyLog,
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

    #[test]
    fn as_of_reads_a_day_or_a_minute_and_refuses_the_rest() {
        let day = crate::domain::date::parse_date("2023-05-15").unwrap();
        assert_eq!(AsOf::parse("2023-05-15").unwrap(), AsOf { day, time: None });
        assert_eq!(AsOf::parse("15.05.2023").unwrap().day, day);
        let minute = AsOf::parse(" 2023-05-15  10:30 ").unwrap();
        assert_eq!(minute.time, NaiveTime::from_hms_opt(10, 30, 0));
        for bad in [
            "",
            "15. mai",
            "2023-05-15 25:00",
            "2023-05-15 10:30 x",
            "2023-13-01",
        ] {
            assert!(
                matches!(AsOf::parse(bad), Err(AsOfRefusal::Unreadable(_))),
                "{bad:?}"
            );
        }
        // The end of the day covers every second of it, the minute its own.
        let whole = AsOf::parse("2023-05-15").unwrap();
        assert_eq!(
            whole.until() - whole.start(),
            chrono::Duration::seconds(86_399)
        );
        assert_eq!(
            minute.until() - minute.start(),
            chrono::Duration::seconds(59)
        );
    }

    #[test]
    fn as_of_refuses_the_future_and_before_the_log() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let asked = AsOf::parse("2023-05-15").unwrap();
        let now = at("2023-09-20T12:00:00Z");
        assert_eq!(asked.check(Some(at("2023-01-16T08:00:00Z")), now), Ok(()));
        assert!(matches!(
            asked.check(Some(at("2023-06-01T08:00:00Z")), now),
            Err(AsOfRefusal::BeforeLog { .. })
        ));
        assert_eq!(asked.check(None, now), Err(AsOfRefusal::EmptyLog));
        let later = AsOf::parse("2023-09-30").unwrap();
        assert!(matches!(
            later.check(Some(at("2023-01-16T08:00:00Z")), now),
            Err(AsOfRefusal::Future { .. })
        ));
        // Today is not the future, even before its end.
        let today = AsOf::parse("2023-09-20").unwrap();
        assert_eq!(today.check(Some(at("2023-01-16T08:00:00Z")), now), Ok(()));
    }
}
