//! The whole database as one value, and its restore: what `styr export
//! --format json` writes and `styr import` reads back. Each table is one
//! section of [`Dump`], read and written by one function here.

use std::collections::BTreeMap;

use super::db::{params, Conn};
use serde::{Deserialize, Serialize};

use super::rows::{self, EVENT_COLUMNS};
use super::{migrations, Result, Store, StoreError};
use crate::domain::catalog::{CatalogEvent, Entity};
use crate::domain::{Assignment, Body, Decision, Event, Goal, Sector, StoredPeriod, WheelEntry};

/// The value of [`Dump::format`]: marks a file as a styr export.
pub const DUMP_FORMAT: &str = "styr-export";

/// Everything needed to rebuild a database, one section per table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dump {
    /// Always [`DUMP_FORMAT`].
    pub format: String,
    /// The schema version of the database it was taken from.
    pub schema: i64,
    /// When the export was limited to one plan year (`--year`), that year.
    pub year: Option<i32>,
    /// Every row of `settings` (municipality, plan year, suggested day …).
    pub settings: BTreeMap<String, String>,
    pub sectors: Vec<Sector>,
    /// Goals with their responsible sectors.
    pub goals: Vec<Goal>,
    pub assignments: Vec<Assignment>,
    /// The event log, with its ids, instants and actors.
    pub events: Vec<Event>,
    pub wheel_entries: Vec<WheelEntry>,
    /// The log of changes to goals and årshjul entries.
    pub catalog_events: Vec<CatalogEvent>,
    /// The reporting periods of each plan year, with the numbers the
    /// catalog log knows them by (absent from older exports).
    pub periods: Vec<StoredPeriod>,
    /// The political bodies decisions are made by (absent from older exports).
    #[serde(default)]
    pub decision_bodies: Vec<Body>,
    /// The political decisions, with their oppdrag (absent from older exports).
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// How much a database holds besides what `styr init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contents {
    pub goals: i64,
    pub assignments: i64,
    pub events: i64,
}

impl Contents {
    /// No goals, assignments or events: a file as `styr init` leaves it.
    pub fn is_empty(&self) -> bool {
        self.goals == 0 && self.assignments == 0 && self.events == 0
    }
}

impl Store {
    /// The database as a [`Dump`], all read from one state of the file.
    /// With `year`, only that plan year's assignments, their events and
    /// that year's årshjul; settings, sectors and goals always whole.
    pub fn dump(&self, year: Option<i32>) -> Result<Dump> {
        self.read(|store| {
            let conn = &store.conn;
            let assignments: Vec<Assignment> = store
                .assignments()?
                .into_iter()
                .filter(|a| year.is_none_or(|y| a.year == y))
                .collect();
            let kept: std::collections::HashSet<i64> = assignments.iter().map(|a| a.id).collect();
            let events = store
                .events(None, None)?
                .into_iter()
                .filter(|e| kept.contains(&e.assignment_id))
                .collect();
            Ok(Dump {
                format: DUMP_FORMAT.to_string(),
                schema: migrations::latest(),
                year,
                settings: settings(conn)?,
                sectors: store.sectors()?,
                goals: store.goals()?,
                assignments,
                events,
                wheel_entries: wheel_entries(store, year)?,
                catalog_events: Vec::new(),
                periods: store.stored_periods(year)?,
                decision_bodies: store.bodies()?,
                // With a year, the decisions followed up by that year's
                // oppdrag only (or by none), so that no link dangles.
                decisions: store
                    .decisions()?
                    .into_iter()
                    .filter(|d| d.assignments.iter().all(|a| kept.contains(a)))
                    .collect(),
            })
            .and_then(|mut dump| {
                // With a year, the årshjul log of that year's entries only.
                let kept: std::collections::HashSet<i64> =
                    dump.wheel_entries.iter().map(|e| e.id).collect();
                let decisions: std::collections::HashSet<i64> =
                    dump.decisions.iter().map(|d| d.id).collect();
                let periods: std::collections::HashSet<i64> =
                    dump.periods.iter().map(|p| p.id).collect();
                dump.catalog_events = store
                    .catalog_events(None, None, None)?
                    .into_iter()
                    .filter(|e| {
                        year.is_none()
                            || match e.entity {
                                Entity::Goal | Entity::Body => true,
                                Entity::Wheel => kept.contains(&e.entity_id),
                                Entity::Decision => decisions.contains(&e.entity_id),
                                Entity::Period => periods.contains(&e.entity_id),
                            }
                    })
                    .collect();
                Ok(dump)
            })
        })
    }

    /// The whole database copied into a new one in memory, from one state
    /// of it, with every id, instant, actor and hash: a server's past is
    /// replayed there (the replay works on a database file's own schema).
    pub fn copy_to_memory(&self) -> Result<Store> {
        let dump = self.dump(None)?;
        let mut copy = Store::in_memory()?;
        copy.restore(&dump)?;
        Ok(copy)
    }

    /// Counts what `styr init` does not write.
    pub fn contents(&self) -> Result<Contents> {
        let count = |table: &str| -> Result<i64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        };
        Ok(Contents {
            goals: count("goals")?,
            assignments: count("assignments")?,
            events: count("events")?,
        })
    }

    /// Restores a dump into a new database (without goals, assignments or
    /// events; settings, sectors and årshjul are replaced by the dump's):
    /// every row is inserted with the dump's ids, instants and actors. One
    /// transaction: all of it or nothing. Restoring events is inserting
    /// them, so the log stays append-only, and links them into their hash
    /// chains in the same transaction.
    pub fn restore(&mut self, dump: &Dump) -> Result<()> {
        self.writable()?;
        let tx = self.conn.write_transaction()?;
        let contents = {
            let count = |table: &str| -> Result<i64> {
                Ok(tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
            };
            Contents {
                goals: count("goals")?,
                assignments: count("assignments")?,
                events: count("events")?,
            }
        };
        if !contents.is_empty() {
            return Err(StoreError::NotEmpty(contents));
        }
        let logged: i64 = tx.query_row("SELECT count(*) FROM catalog_events", [], |r| r.get(0))?;
        if logged > 0 {
            return Err(StoreError::HasCatalogLog);
        }
        // Rows may refer to rows later in their section (a task moved under
        // a newer assignment); the references are checked at commit.
        match tx.as_file() {
            Some(file) => file.pragma_update(None, "defer_foreign_keys", true)?,
            None => tx.execute_batch("SET CONSTRAINTS ALL DEFERRED")?,
        }
        tx.execute("DELETE FROM wheel_entries", [])?;
        tx.execute("DELETE FROM periods", [])?;
        tx.execute("DELETE FROM sectors", [])?;
        tx.execute("DELETE FROM settings", [])?;
        restore_settings(&tx, &dump.settings)?;
        restore_sectors(&tx, &dump.sectors)?;
        restore_goals(&tx, &dump.goals)?;
        restore_assignments(&tx, &dump.assignments)?;
        restore_events(&tx, &dump.events)?;
        restore_wheel(&tx, &dump.wheel_entries)?;
        restore_catalog_events(&tx, &dump.catalog_events)?;
        super::period_log::restore(&tx, &dump.periods)?;
        super::vedtak::restore(&tx, &dump.decision_bodies, &dump.decisions)?;
        // The chains are linked in id order once every event is in, so that
        // a restored export has the very hashes of the file it came from.
        for log in super::chain::Log::ALL {
            super::chain::extend(&tx, log)?;
        }
        // An export from before periods were logged: their `created` events.
        super::catalog::log_unlogged(&tx)?;
        let broken = foreign_key_problems(&tx)?;
        if !broken.is_empty() {
            return Err(StoreError::DanglingRows(broken));
        }
        tx.commit()?;
        Ok(())
    }
}

fn settings(conn: &Conn) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare("SELECT key, value FROM settings ORDER BY key")?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

fn wheel_entries(store: &Store, year: Option<i32>) -> Result<Vec<WheelEntry>> {
    let years: Vec<i32> = match year {
        Some(year) => vec![year],
        None => {
            let mut stmt = store
                .conn
                .prepare("SELECT DISTINCT year FROM wheel_entries ORDER BY year")?;
            let years = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            years
        }
    };
    let mut entries = Vec::new();
    for year in years {
        entries.extend(store.wheel_entries(year)?);
    }
    entries.sort_by_key(|e| e.id);
    Ok(entries)
}

fn restore_settings(conn: &Conn, settings: &BTreeMap<String, String>) -> Result<()> {
    for (key, value) in settings {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
    }
    Ok(())
}

fn restore_sectors(conn: &Conn, sectors: &[Sector]) -> Result<()> {
    for sector in sectors {
        conn.execute(
            "INSERT INTO sectors (code, name, position) VALUES (?1, ?2, ?3)",
            params![sector.code, sector.name, sector.position],
        )?;
    }
    Ok(())
}

fn restore_goals(conn: &Conn, goals: &[Goal]) -> Result<()> {
    for goal in goals {
        conn.execute(
            "INSERT INTO goals (id, parent_id, kind, code, title, position, retired)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                goal.id,
                goal.parent_id,
                goal.kind.as_str(),
                goal.code,
                goal.title,
                goal.position,
                goal.retired
            ],
        )?;
        super::catalog::write_goal_sectors(conn, goal)?;
    }
    Ok(())
}

fn restore_assignments(conn: &Conn, assignments: &[Assignment]) -> Result<()> {
    let sql = rows::assignment_insert_sql();
    for assignment in assignments {
        let values = rows::assignment_insert_values(Some(assignment.id), assignment);
        conn.execute(&sql, super::db::params_from_iter(values))?;
    }
    Ok(())
}

fn restore_events(conn: &Conn, events: &[Event]) -> Result<()> {
    let sql = format!(
        "INSERT INTO events ({EVENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    );
    for event in events {
        conn.execute(
            &sql,
            params![
                event.id,
                rows::instant(event.at),
                event.actor,
                event.assignment_id,
                event.field,
                event.old,
                event.new,
                event.comment,
                event.undoes,
                event.period
            ],
        )?;
    }
    Ok(())
}

fn restore_wheel(conn: &Conn, entries: &[WheelEntry]) -> Result<()> {
    for entry in entries {
        rows::insert_wheel_entry(conn, entry.id, entry)?;
    }
    Ok(())
}

fn restore_catalog_events(conn: &Conn, events: &[CatalogEvent]) -> Result<()> {
    for event in events {
        conn.execute(
            "INSERT INTO catalog_events
                 (id, at, actor, entity, entity_id, field, old, new, comment, undoes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                event.id,
                rows::instant(event.at),
                event.actor,
                event.entity.as_str(),
                event.entity_id,
                event.field,
                event.old,
                event.new,
                event.comment,
                event.undoes
            ],
        )?;
    }
    Ok(())
}

fn foreign_key_problems(conn: &Conn) -> Result<Vec<super::Problem>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let problems = stmt
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(super::Problem::MissingRow {
                table,
                rowid,
                parent,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(problems)
}
