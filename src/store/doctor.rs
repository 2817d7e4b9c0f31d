//! The consistency check: SQLite's own checks, and the event log replayed
//! against the stored assignments.

use std::collections::HashSet;

use super::{Result, Store};
use crate::domain::catalog::replay_catalog;
use crate::domain::{replay, CatalogEvent, Field, Logged};

/// What `doctor` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnosis {
    pub assignments: usize,
    pub events: usize,
    /// Goals and årshjul entries checked against the catalog log.
    pub catalog_items: usize,
    pub catalog_events: usize,
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
            ..Diagnosis::default()
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
        let catalog = self.catalog_events(None, None, None)?;
        diagnosis.catalog_events = catalog.len();
        let goals = self.goals()?;
        let wheel = self.all_wheel_entries()?;
        diagnosis.catalog_items = goals.len() + wheel.len();
        check_catalog(&goals, &catalog, &mut diagnosis.problems);
        check_catalog(&wheel, &catalog, &mut diagnosis.problems);
        Ok(diagnosis)
    }
}

/// Compares the stored goals or årshjul entries with the replay of their log.
fn check_catalog<T: Logged>(stored: &[T], log: &[CatalogEvent], problems: &mut Vec<String>) {
    let what = T::ENTITY.as_str();
    let replayed = match replay_catalog::<T>(log) {
        Ok(replayed) => replayed,
        Err(e) => {
            problems.push(format!("the {what} log cannot be replayed: {e}"));
            return;
        }
    };
    for item in stored {
        let Some(from_log) = replayed.get(&item.id()) else {
            problems.push(format!(
                "{what} {}: not in the catalog log (no created event, or logged as deleted)",
                item.id()
            ));
            continue;
        };
        for field in T::FIELDS {
            let (table, log) = (item.value(field), from_log.value(field));
            if table != log {
                problems.push(format!(
                    "{what} {}: {field} is {} in the table but {} in the catalog log",
                    item.id(),
                    shown(table.as_deref()),
                    shown(log.as_deref())
                ));
            }
        }
    }
    let ids: HashSet<i64> = stored.iter().map(Logged::id).collect();
    for id in replayed.keys().filter(|id| !ids.contains(id)) {
        problems.push(format!(
            "{what} {id}: in the catalog log but missing from the table"
        ));
    }
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "empty".to_string(), |v| format!("'{v}'"))
}
