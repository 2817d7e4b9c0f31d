//! The consistency check: SQLite's own checks, and the event log replayed
//! against the stored assignments.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::db::Conn;

use super::chain::{self, Break, Log as ChainLog};
use super::{Damage, Result, Store, StoreError};
use crate::domain::catalog::replay_catalog;
use crate::domain::{
    replay, Assignment, CatalogEvent, CatalogReplayError, Entity, Event, Field, Logged, ReplayError,
};

/// What `doctor` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Diagnosis {
    pub assignments: usize,
    pub events: usize,
    /// Goals and årshjul entries checked against the catalog log.
    pub catalog_items: usize,
    pub catalog_events: usize,
    /// Each problem, naming the assignment, goal or entry where there is one.
    pub problems: Vec<Problem>,
}

/// One thing `doctor` found wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A line of SQLite's integrity check, in SQLite's words.
    Integrity(String),
    /// A row (of `table`) refers to a missing row of `parent`.
    MissingRow {
        table: String,
        rowid: Option<i64>,
        parent: String,
    },
    /// The assignments' event log cannot be replayed.
    Unreplayable(ReplayError),
    /// An assignment without a `created` event.
    NotInLog(i64),
    /// An assignment's field differs between the table and the log.
    FieldDiffers {
        assignment: i64,
        field: Field,
        table: Option<String>,
        log: Option<String>,
    },
    YearDiffers {
        assignment: i64,
        table: i32,
        log: i32,
    },
    /// The version in the table; the number of changes in the log.
    VersionDiffers {
        assignment: i64,
        table: i64,
        log: i64,
    },
    /// An assignment in the log but not in the table.
    MissingFromTable(i64),
    /// The log of goals or årshjul entries cannot be replayed.
    CatalogUnreplayable {
        entity: Entity,
        error: CatalogReplayError,
    },
    /// A goal or entry not in its log (never created, or deleted).
    CatalogNotInLog {
        entity: Entity,
        id: i64,
    },
    CatalogFieldDiffers {
        entity: Entity,
        id: i64,
        field: &'static str,
        table: Option<String>,
        log: Option<String>,
    },
    CatalogMissingFromTable {
        entity: Entity,
        id: i64,
    },
    /// The first event of a log that does not fit its hash chain.
    ChainBroken {
        log: ChainLog,
        at: Break,
    },
    /// A table (or one of its indexes, by name) whose pages SQLite finds damaged.
    DamagedPart {
        table: String,
        index: Option<String>,
    },
    /// An append-only trigger of this schema missing from the file (dropped,
    /// or changed); until it is back the log can be rewritten unseen.
    GuardMissing(String),
    /// A guard the server's schema puts on the logs (append-only, the
    /// actor and time stamped, the chain linked) missing or disabled.
    ServerGuardMissing(String),
    /// A `year new --carry-over` into `year` that stopped part-way (an older
    /// styr, which did not copy a year in one transaction): `unmatched`
    /// copies and notes out of step, and the unfinished oppdrag of `from`
    /// left behind.
    HalfCopiedYear {
        year: i32,
        from: i32,
        unmatched: usize,
        left: Vec<i64>,
    },
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
        if !self.conn.is_autocommit() {
            return self.diagnose_now();
        }
        let tx = self.conn.read_transaction()?;
        let diagnosis = self.diagnose_now()?;
        // It only read, so ending it cannot lose anything; on a damaged file
        // SQLite may repeat here the damage the checks have already named.
        let _ = tx.rollback();
        Ok(diagnosis)
    }

    fn diagnose_now(&self) -> Result<Diagnosis> {
        if self.conn.as_server().is_some() {
            // The server checks its own pages and keys; what is styr's to
            // check is that its guards are in place and the logs agree.
            let problems = missing_server_guards(&self.conn)?
                .into_iter()
                .map(Problem::ServerGuardMissing)
                .collect();
            return self.check_logs(problems);
        }
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            match line.map_err(StoreError::from) {
                Ok(line) if line == "ok" => {}
                Ok(line) => problems.push(Problem::Integrity(line)),
                // SQLite stops its check at a page it cannot read at all.
                Err(StoreError::Damaged(Damage::Sqlite { said, .. })) => {
                    problems.push(Problem::Integrity(said));
                    break;
                }
                Err(e) => return Err(e),
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
            let (table, rowid, parent) = match row.map_err(StoreError::from) {
                Ok(row) => row,
                // Already told by the integrity check; the rest cannot be read.
                Err(StoreError::Damaged(_)) if !problems.is_empty() => break,
                Err(e) => return Err(e),
            };
            problems.push(Problem::MissingRow {
                table,
                rowid,
                parent,
            });
        }

        if !problems.is_empty() {
            problems.extend(damaged_parts(&self.conn));
        }
        problems.extend(
            missing_guards(&self.conn)?
                .into_iter()
                .map(Problem::GuardMissing),
        );
        match self.check_logs(problems.clone()) {
            // What SQLite found is the answer; the logs cannot be read past it.
            Err(StoreError::Damaged(_)) if !problems.is_empty() => Ok(Diagnosis {
                problems,
                ..Diagnosis::default()
            }),
            checked => checked,
        }
    }

    /// The event logs replayed against the stored state, after SQLite's
    /// checks found `problems`.
    fn check_logs(&self, mut problems: Vec<Problem>) -> Result<Diagnosis> {
        check_chains(&self.conn, &mut problems)?;
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
                diagnosis.problems.push(Problem::Unreplayable(e));
                return Ok(diagnosis);
            }
        };
        for assignment in &stored {
            let Some(from_log) = replayed.get(&assignment.id) else {
                diagnosis.problems.push(Problem::NotInLog(assignment.id));
                continue;
            };
            for field in Field::ALL.into_iter().filter(|f| f.holds_value()) {
                let (table, log) = (assignment.field_value(field), from_log.field_value(field));
                if table != log {
                    diagnosis.problems.push(Problem::FieldDiffers {
                        assignment: assignment.id,
                        field,
                        table,
                        log,
                    });
                }
            }
            if assignment.year != from_log.year {
                diagnosis.problems.push(Problem::YearDiffers {
                    assignment: assignment.id,
                    table: assignment.year,
                    log: from_log.year,
                });
            }
            if assignment.version != from_log.version {
                diagnosis.problems.push(Problem::VersionDiffers {
                    assignment: assignment.id,
                    table: assignment.version,
                    log: from_log.version,
                });
            }
        }
        let stored_ids: HashSet<i64> = stored.iter().map(|a| a.id).collect();
        for id in replayed.keys() {
            if !stored_ids.contains(id) {
                diagnosis.problems.push(Problem::MissingFromTable(*id));
            }
        }
        let catalog = self.catalog_events(None, None, None)?;
        diagnosis.catalog_events = catalog.len();
        let goals = self.goals()?;
        let wheel = self.all_wheel_entries()?;
        diagnosis.catalog_items = goals.len() + wheel.len();
        check_catalog(&goals, &catalog, &mut diagnosis.problems);
        check_catalog(&wheel, &catalog, &mut diagnosis.problems);
        let bodies = self.bodies()?;
        let decisions = self.decisions()?;
        diagnosis.catalog_items += bodies.len() + decisions.len();
        check_catalog(&bodies, &catalog, &mut diagnosis.problems);
        check_catalog(&decisions, &catalog, &mut diagnosis.problems);
        let periods = self.stored_periods(None)?;
        diagnosis.catalog_items += periods.len();
        check_catalog(&periods, &catalog, &mut diagnosis.problems);
        check_carried_years(&stored, &events, &mut diagnosis.problems);
        Ok(diagnosis)
    }
}

/// Recomputes the hash chain of each log and names the first event of each
/// that does not fit. A file without chains (opened read-only at an older
/// schema) has none to check.
fn check_chains(conn: &Conn, problems: &mut Vec<Problem>) -> Result<()> {
    if !chain::has_chains(conn)? {
        return Ok(());
    }
    for log in ChainLog::ALL {
        if let Some(at) = chain::verify(conn, log, None)?.first_break {
            problems.push(Problem::ChainBroken { log, at });
        }
    }
    Ok(())
}

/// Compares the stored goals or årshjul entries with the replay of their log.
pub(crate) fn check_catalog<T: Logged>(
    stored: &[T],
    log: &[CatalogEvent],
    problems: &mut Vec<Problem>,
) {
    let entity = T::ENTITY;
    let replayed = match replay_catalog::<T>(log) {
        Ok(replayed) => replayed,
        Err(error) => {
            problems.push(Problem::CatalogUnreplayable { entity, error });
            return;
        }
    };
    for item in stored {
        let Some(from_log) = replayed.get(&item.id()) else {
            problems.push(Problem::CatalogNotInLog {
                entity,
                id: item.id(),
            });
            continue;
        };
        for &field in T::FIELDS {
            let (table, log) = (item.value(field), from_log.value(field));
            if table != log {
                problems.push(Problem::CatalogFieldDiffers {
                    entity,
                    id: item.id(),
                    field,
                    table,
                    log,
                });
            }
        }
    }
    let ids: HashSet<i64> = stored.iter().map(Logged::id).collect();
    for id in replayed.keys().filter(|id| !ids.contains(id)) {
        problems.push(Problem::CatalogMissingFromTable { entity, id: *id });
    }
}

/// Finds a `year new --carry-over` that stopped part-way. One run writes
/// every event under one stamp (time and actor): a `created` event for each
/// copy in the new year and a comment-only note on each assignment it was
/// copied from. So, per stamp that created assignments in one year and
/// noted assignments of another, the copies and the notes must be as many,
/// and no oppdrag of the old year may have been left open and unnoted that
/// was open then (created before, and its status untouched since).
fn check_carried_years(stored: &[Assignment], events: &[Event], problems: &mut Vec<Problem>) {
    let by_id: HashMap<i64, &Assignment> = stored.iter().map(|a| (a.id, a)).collect();
    let year_of = |id: i64| by_id.get(&id).map(|a| a.year);
    // (time, actor) → (new year → copies, old year → noted ids)
    type Run = (BTreeMap<i32, usize>, BTreeMap<i32, HashSet<i64>>);
    let mut runs: BTreeMap<(chrono::DateTime<chrono::Utc>, &str), Run> = BTreeMap::new();
    for event in events {
        let key = (event.at, event.actor.as_str());
        match event.field.as_str() {
            "created" => {
                if let Some(year) = year_of(event.assignment_id) {
                    *runs.entry(key).or_default().0.entry(year).or_default() += 1;
                }
            }
            "comment" => {
                if let Some(year) = year_of(event.assignment_id) {
                    runs.entry(key)
                        .or_default()
                        .1
                        .entry(year)
                        .or_default()
                        .insert(event.assignment_id);
                }
            }
            _ => {}
        }
    }
    for ((at, _), (created, noted)) in &runs {
        let (Some((&year, &copies)), Some((&from, notes))) =
            (created.iter().next(), noted.iter().next())
        else {
            continue;
        };
        if created.len() != 1 || noted.len() != 1 || year == from {
            continue;
        }
        let unmatched = copies.abs_diff(notes.len());
        let changed_since: HashSet<i64> = events
            .iter()
            .filter(|e| e.at > *at && matches!(e.field.as_str(), "status" | "report" | "year"))
            .map(|e| e.assignment_id)
            .collect();
        let created_before: HashSet<i64> = events
            .iter()
            .filter(|e| e.field == "created" && e.at < *at)
            .map(|e| e.assignment_id)
            .collect();
        let left: Vec<i64> = stored
            .iter()
            .filter(|a| {
                a.year == from
                    && !a.is_task()
                    && !a.status.is_closed()
                    && !notes.contains(&a.id)
                    && created_before.contains(&a.id)
                    && !changed_since.contains(&a.id)
            })
            .map(|a| a.id)
            .collect();
        if unmatched > 0 || !left.is_empty() {
            problems.push(Problem::HalfCopiedYear {
                year,
                from,
                unmatched,
                left,
            });
        }
    }
}

/// Whether SQLite's quick check of `table` (all of the database when `None`)
/// finds nothing wrong. An error while checking counts as damage: SQLite
/// stops with "malformed" on a page it cannot even read.
pub(super) fn passes_quick_check(conn: &Conn, table: Option<&str>) -> bool {
    let sql = match table {
        Some(table) => format!("PRAGMA quick_check(\"{}\")", table.replace('"', "\"\"")),
        None => "PRAGMA quick_check".to_string(),
    };
    let lines = conn.prepare(&sql).and_then(|mut stmt| {
        stmt.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()
    });
    matches!(lines.as_deref(), Ok([ok]) if ok == "ok")
}

/// The tables, and where it can tell the indexes, whose pages SQLite finds
/// damaged: each table checked on its own (with its indexes), then, in a
/// damaged one, every row read through the table and through each index.
pub(super) fn damaged_parts(conn: &Conn) -> Vec<Problem> {
    let names = |sql: &str, arg: &str| -> Vec<String> {
        conn.prepare(sql)
            .and_then(|mut stmt| {
                stmt.query_map([arg], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .unwrap_or_default()
    };
    let quoted = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let reads = |sql: String| conn.query_row(&sql, [], |_| Ok(())).is_ok();
    let mut parts = Vec::new();
    let tables = names(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> ?1 ORDER BY name",
        "",
    );
    for table in tables {
        if passes_quick_check(conn, Some(&table)) {
            continue;
        }
        let mut named = false;
        let indexes = names(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 ORDER BY name",
            &table,
        );
        for index in indexes {
            if !reads(format!(
                "SELECT count(*) FROM {} INDEXED BY {}",
                quoted(&table),
                quoted(&index)
            )) {
                parts.push(Problem::DamagedPart {
                    table: table.clone(),
                    index: Some(index),
                });
                named = true;
            }
        }
        let rows_read = reads(format!(
            "SELECT count(quote(rowid)) FROM {} NOT INDEXED",
            quoted(&table)
        ));
        if !rows_read || !named {
            parts.push(Problem::DamagedPart { table, index: None });
        }
    }
    parts
}

/// The triggers this schema defines (the append-only guards of the logs),
/// as name and SQL, read from a new database in memory built by the same
/// migrations, so that they can never disagree with them.
fn schema_guards() -> &'static [(String, String)] {
    static GUARDS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    GUARDS.get_or_init(|| {
        let store = Store::in_memory().expect("the migrations run in memory");
        let mut stmt = store
            .conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            .expect("sqlite_master can be read");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .expect("sqlite_master can be read")
    })
}

/// The guards of this schema that the file lacks, or holds changed, by name.
pub(super) fn missing_guards(conn: &Conn) -> Result<Vec<String>> {
    let words = |sql: &str| sql.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut missing = Vec::new();
    for (name, sql) in schema_guards() {
        let found: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        if found.as_deref().map(words) != Some(words(sql)) {
            missing.push(name.clone());
        }
    }
    Ok(missing)
}

/// The triggers `server init` puts on the logs that the server lacks or
/// has disabled, by name.
fn missing_server_guards(conn: &Conn) -> Result<Vec<String>> {
    use super::server::schema::APPEND_ONLY;
    let mut expected: Vec<String> = APPEND_ONLY
        .iter()
        .flat_map(|table| {
            ["update", "delete", "truncate"].map(|operation| format!("{table}_no_{operation}"))
        })
        .collect();
    for log in ["events", "catalog_events"] {
        expected.push(format!("{log}_stamp"));
        expected.push(format!("{log}_chain"));
    }
    let mut stmt = conn.prepare(
        "SELECT t.tgname FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'styr' AND NOT t.tgisinternal AND t.tgenabled <> 'D'",
    )?;
    let present: HashSet<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(expected
        .into_iter()
        .filter(|name| !present.contains(name))
        .collect())
}

/// A server setting that lets a change reported as saved be lost when the
/// server's machine stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undurable {
    /// `fsync = off`: the server does not wait for the disk at all.
    Fsync,
    /// `synchronous_commit = off`: a commit is reported before it is on disk.
    SynchronousCommit,
}

impl Store {
    /// The server settings, as this connection sees them, under which a
    /// saved change can be lost; none on a file (styr sets SQLite's own).
    pub fn undurable_settings(&self) -> Result<Vec<Undurable>> {
        if self.conn.as_server().is_none() {
            return Ok(Vec::new());
        }
        let (fsync, synchronous): (String, String) = self.conn.query_row(
            "SELECT current_setting('fsync'), current_setting('synchronous_commit')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut off = Vec::new();
        if fsync == "off" {
            off.push(Undurable::Fsync);
        }
        if synchronous == "off" {
            off.push(Undurable::SynchronousCommit);
        }
        Ok(off)
    }
}

impl Store {
    /// Puts back the append-only triggers the file lacks (see
    /// [`Problem::GuardMissing`]), in one transaction that also records
    /// when, by whom and which under the setting `guards_restored`. Allowed
    /// on a file whose guards are gone, where every other write is refused.
    /// Returns the triggers put back.
    pub fn restore_guards(&mut self, stamp: &super::Stamp) -> Result<Vec<String>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        // The server's guards belong to a role nobody logs in as.
        self.conn.file(super::db::FileOnly::Repair)?;
        let tx = self.conn.write_transaction()?;
        let missing = missing_guards(&tx)?;
        if missing.is_empty() {
            return Ok(missing);
        }
        for (name, sql) in schema_guards().iter().filter(|(n, _)| missing.contains(n)) {
            tx.execute_batch(&format!("DROP TRIGGER IF EXISTS \"{name}\"; {sql};"))?;
        }
        let record = serde_json::json!({
            "at": super::rows::instant(stamp.at),
            "actor": stamp.actor,
            "triggers": missing,
        });
        let earlier: Option<String> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = 'guards_restored'",
                [],
                |r| r.get(0),
            )
            .ok();
        let mut records: Vec<serde_json::Value> = earlier
            .and_then(|e| serde_json::from_str(e.as_str()).ok())
            .unwrap_or_default();
        records.push(record);
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('guards_restored', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [serde_json::Value::Array(records).to_string()],
        )?;
        tx.commit()?;
        Ok(missing)
    }
}
