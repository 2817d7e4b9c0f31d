//! The consistency check: SQLite's own checks, and the event log replayed
//! against the stored assignments.

use std::collections::HashSet;

use super::{Result, Store};
use crate::domain::{replay, Field};

/// What `doctor` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnosis {
    pub assignments: usize,
    pub events: usize,
    /// Each problem in one line, naming the assignment where there is one.
    pub problems: Vec<String>,
}

impl Diagnosis {
    /// Whether everything agreed.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Runs SQLite's integrity and foreign-key checks and replays the log,
    /// all on one state of the database (another process may be writing).
    pub fn diagnose(&self) -> Result<Diagnosis> {
        self.read(Store::diagnose_now)
    }

    fn diagnose_now(&self) -> Result<Diagnosis> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(format!("integrity check: {line}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (table, rowid, parent) = row?;
            problems.push(format!(
                "{table} row {} refers to a missing {parent} row",
                rowid.map_or("?".into(), |r| r.to_string())
            ));
        }

        let stored = self.assignments()?;
        let events = self.events(None, None)?;
        let mut diagnosis = Diagnosis {
            assignments: stored.len(),
            events: events.len(),
            problems,
        };
        let replayed = match replay(&events) {
            Ok(replayed) => replayed,
            Err(e) => {
                diagnosis
                    .problems
                    .push(format!("the event log cannot be replayed: {e}"));
                return Ok(diagnosis);
            }
        };
        for assignment in &stored {
            let Some(from_log) = replayed.get(&assignment.id) else {
                diagnosis.problems.push(format!(
                    "assignment {}: not in the event log (no created event)",
                    assignment.id
                ));
                continue;
            };
            for field in Field::ALL.into_iter().filter(|f| f.holds_value()) {
                let (table, log) = (assignment.field_value(field), from_log.field_value(field));
                if table != log {
                    diagnosis.problems.push(format!(
                        "assignment {}: {} is {} in the table but {} in the event log",
                        assignment.id,
                        field.as_str(),
                        shown(table.as_deref()),
                        shown(log.as_deref())
                    ));
                }
            }
            if assignment.year != from_log.year {
                diagnosis.problems.push(format!(
                    "assignment {}: year is {} in the table but {} in the event log",
                    assignment.id, assignment.year, from_log.year
                ));
            }
            if assignment.version != from_log.version {
                diagnosis.problems.push(format!(
                    "assignment {}: version is {} in the table but the log has {} changes",
                    assignment.id, assignment.version, from_log.version
                ));
            }
        }
        let stored_ids: HashSet<i64> = stored.iter().map(|a| a.id).collect();
        for id in replayed.keys() {
            if !stored_ids.contains(id) {
                diagnosis.problems.push(format!(
                    "assignment {id}: in the event log but missing from the table"
                ));
            }
        }
        Ok(diagnosis)
    }
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "empty".to_string(), |v| format!("'{v}'"))
}
