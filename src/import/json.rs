//! The JSON that `styr export --format json` writes, checked before it is
//! restored: its own kind and version, its event log replaying to its
//! assignments, and its catalog log to its goals and årshjul entries.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{EventLog, Location, Problem, ProblemKind};
use crate::domain::text::{check_lengths, over_limit};
use crate::domain::{replay, Field};
use crate::store::{check_catalog, latest_schema, Dump, DUMP_FORMAT};

/// Reads and checks an export.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Dump, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let dump: Dump = serde_json::from_slice(bytes).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Eof => ProblemKind::JsonCutShort,
            serde_json::error::Category::Syntax => ProblemKind::NotJson(e.to_string()),
            _ => ProblemKind::NotAnExport(e.to_string()),
        };
        vec![Problem::new(
            Location::LineColumn {
                file: name.into(),
                line: e.line() as u64,
                column: e.column() as u64,
            },
            what,
        )]
    })?;
    let mut problems = Vec::new();
    let file = || Location::File(name.into());
    if dump.format != DUMP_FORMAT {
        problems.push(Problem::new(
            file(),
            ProblemKind::WrongFormat {
                found: dump.format.clone(),
                expected: DUMP_FORMAT.to_string(),
            },
        ));
    }
    if dump.schema > latest_schema() {
        problems.push(Problem::new(
            file(),
            ProblemKind::NewerSchema {
                found: dump.schema,
                known: latest_schema(),
            },
        ));
    }
    check_event_ids(
        name,
        dump.events.iter().map(|e| e.id),
        EventLog::Assignments,
        &mut problems,
    );
    check_event_ids(
        name,
        dump.catalog_events.iter().map(|e| e.id),
        EventLog::Catalog,
        &mut problems,
    );
    for assignment in &dump.assignments {
        if let Err(rule) = check_lengths(assignment) {
            problems.push(Problem::new(
                file(),
                ProblemKind::AssignmentTextTooLong {
                    id: assignment.id,
                    rule,
                },
            ));
        }
    }
    for event in &dump.events {
        if let Some(chars) = event.comment.as_deref().and_then(over_limit) {
            problems.push(Problem::new(
                file(),
                ProblemKind::CommentTooLong {
                    event: event.id,
                    chars,
                },
            ));
        }
    }
    let mut created: HashMap<i64, (i64, DateTime<Utc>)> = HashMap::new();
    for event in dump
        .events
        .iter()
        .filter(|e| e.field == Field::Created.as_str())
    {
        created
            .entry(event.assignment_id)
            .or_insert((event.id, event.at));
    }
    for event in &dump.events {
        if let Some((created_id, at)) = created.get(&event.assignment_id) {
            if event.at < *at {
                problems.push(Problem::new(
                    file(),
                    ProblemKind::EventBeforeCreation {
                        id: event.id,
                        assignment: event.assignment_id,
                        created: *created_id,
                    },
                ));
            }
        }
    }
    match replay(&dump.events) {
        Err(e) => problems.push(Problem::new(
            file(),
            ProblemKind::LogDoesNotReplay(e.to_string()),
        )),
        Ok(state) => {
            for assignment in &dump.assignments {
                match state.get(&assignment.id) {
                    None => {
                        problems.push(Problem::new(file(), ProblemKind::NoEvents(assignment.id)))
                    }
                    Some(replayed) if replayed != assignment => problems.push(Problem::new(
                        file(),
                        ProblemKind::DiffersFromEvents(assignment.id),
                    )),
                    Some(_) => {}
                }
            }
            for id in state.keys() {
                if !dump.assignments.iter().any(|a| a.id == *id) {
                    problems.push(Problem::new(
                        file(),
                        ProblemKind::EventsWithoutAssignment(*id),
                    ));
                }
            }
        }
    }
    let mut catalog = Vec::new();
    check_catalog(&dump.goals, &dump.catalog_events, &mut catalog);
    check_catalog(&dump.wheel_entries, &dump.catalog_events, &mut catalog);
    check_catalog(&dump.decision_bodies, &dump.catalog_events, &mut catalog);
    check_catalog(&dump.decisions, &dump.catalog_events, &mut catalog);
    problems.extend(
        catalog
            .into_iter()
            .map(|p| Problem::new(file(), ProblemKind::Catalog(p))),
    );
    if problems.is_empty() {
        Ok(dump)
    } else {
        Err(problems)
    }
}

/// An export's ids as the database gives them: above 0, each once, rising
/// in the order the log is written (a hand edit otherwise meets a raw
/// constraint error on restore, or is taken silently).
fn check_event_ids(
    name: &str,
    ids: impl Iterator<Item = i64>,
    log: EventLog,
    problems: &mut Vec<Problem>,
) {
    let file = || Location::File(name.into());
    let mut seen = HashSet::new();
    let mut last: Option<i64> = None;
    for id in ids {
        let kind = if id <= 0 {
            Some(ProblemKind::EventIdNotPositive { id, log })
        } else if !seen.insert(id) {
            Some(ProblemKind::DuplicateEventId { id, log })
        } else {
            last.filter(|last| id < *last)
                .map(|after| ProblemKind::EventOutOfOrder { id, after, log })
        };
        if let Some(kind) = kind {
            problems.push(Problem::new(file(), kind));
        }
        last = Some(last.map_or(id, |l| l.max(id)));
    }
}
