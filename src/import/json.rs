//! The JSON that `styr export --format json` writes, checked before it is
//! restored: its own kind and version, its event log replaying to its
//! assignments, and its catalog log to its goals and årshjul entries.

use super::{Location, Problem, ProblemKind};
use crate::domain::replay;
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
