//! The database as it stood at an instant in the past, replayed from the
//! logs. The replayed assignments, goals and årshjul entries are written
//! into temporary tables of the connection, which SQLite reads in place of
//! the stored ones (the `temp` schema is searched first), and the two logs
//! are seen through temporary views that end at the instant. Every read of
//! the store then answers as of that instant: listings, tasks, the goal
//! tree, the årshjul, reports, *mangler rapport* and the history.
//!
//! Sectors, periods and settings have no log and are read as they are now.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, params_from_iter};

use super::doctor::Problem;
use super::rows::{self, ASSIGNMENT_COLUMNS};
use super::{Result, Store, StoreError};
use crate::domain::diff::State;
use crate::domain::event::apply;
use crate::domain::{
    catalog::replay_catalog, Assignment, CatalogEvent, Entity, Event, Goal, WheelEntry,
};

/// Which assignments are replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replay {
    /// Those with events after the instant; the others' rows are copied.
    Changed,
    All,
    /// `Changed` when fewer events lie after the instant than before, else `All`.
    Choose,
}

/// The tables whose rows are replaced by the replayed state.
const REPLAYED_TABLES: [&str; 4] = ["assignments", "goals", "goal_sectors", "wheel_entries"];

impl Store {
    /// Every assignment, goal and årshjul entry as this store reads them:
    /// of an [`Store::as_of`] store, the state replayed.
    pub fn state(&self) -> Result<State> {
        self.read(|store| {
            Ok(State {
                assignments: store
                    .assignments()?
                    .into_iter()
                    .map(|a| (a.id, a))
                    .collect(),
                goals: store.goals()?.into_iter().map(|g| (g.id, g)).collect(),
                wheel: store
                    .all_wheel_entries()?
                    .into_iter()
                    .map(|e| (e.id, e))
                    .collect(),
            })
        })
    }

    /// The instant of the first event of either log, if any.
    pub fn first_event_at(&self) -> Result<Option<DateTime<Utc>>> {
        let first: Option<String> = self.conn.query_row(
            "SELECT min(at) FROM (SELECT min(at) AS at FROM main.events
                                  UNION ALL SELECT min(at) FROM main.catalog_events)",
            [],
            |r| r.get(0),
        )?;
        Ok(first
            .and_then(|at| DateTime::parse_from_rfc3339(&at).ok())
            .map(|at| at.with_timezone(&Utc)))
    }

    /// This database as it stood at `until` (events logged at or before it,
    /// in the order they were logged): a store that reads like any other
    /// and refuses every change. Made once, from one state of the file.
    ///
    /// When most events lie before `until`: an assignment with no event
    /// after it stood then as it stands now (its row is the replay of its
    /// whole log, which `styr doctor` checks), so its row is copied, and
    /// only the others are replayed. Else every assignment is replayed.
    pub fn as_of(self, until: DateTime<Utc>) -> Result<Store> {
        self.into_past(until, Replay::Choose)
    }

    /// [`Store::as_of`] with every assignment replayed from its first
    /// event, none copied: slower, to check the other against.
    pub fn as_of_replaying_all(self, until: DateTime<Utc>) -> Result<Store> {
        self.into_past(until, Replay::All)
    }

    fn into_past(mut self, until: DateTime<Utc>, replay: Replay) -> Result<Store> {
        // The replayed rows refer to sectors and goals in the main schema,
        // which foreign keys across schemas cannot see.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        self.read(|store| store.replay_into_temp(until, replay))?;
        self.read_only = true;
        Ok(self)
    }

    fn replay_into_temp(&self, until: DateTime<Utc>, replay: Replay) -> Result<()> {
        let until_text = rows::instant(until);
        let newest: i64 =
            self.conn
                .query_row("SELECT COALESCE(MAX(id), 0) FROM main.events", [], |r| {
                    r.get(0)
                })?;
        let newest_catalog: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(id), 0) FROM main.catalog_events",
            [],
            |r| r.get(0),
        )?;
        self.make_temp_tables()?;
        let replay = match replay {
            Replay::Choose => {
                // Both counted on the `at` index alone.
                let count = |sql: &str| -> Result<i64> {
                    Ok(self.conn.query_row(sql, [&until_text], |r| r.get(0))?)
                };
                let after = count("SELECT count(*) FROM main.events WHERE at > ?1")?;
                let before = count("SELECT count(*) FROM main.events WHERE at <= ?1")?;
                if after < before {
                    Replay::Changed
                } else {
                    Replay::All
                }
            }
            other => other,
        };

        // Only what changes an assignment is read: comments change nothing,
        // and the replay needs neither who nor when.
        let sql = match replay {
            Replay::All => {
                // `+at`: by the table in id order, not by the `at` index
                // (which would find most rows and then sort them).
                "SELECT id, assignment_id, field, new FROM main.events
                 WHERE +at <= ?1 AND field <> 'comment' ORDER BY id"
            }
            Replay::Changed | Replay::Choose => {
                // The assignments changed since, found once.
                self.conn
                    .execute_batch("CREATE TEMP TABLE past_changed (id INTEGER PRIMARY KEY);")?;
                self.conn.execute(
                    "INSERT OR IGNORE INTO temp.past_changed (id)
                     SELECT assignment_id FROM main.events WHERE at > ?1",
                    [&until_text],
                )?;
                self.conn.execute_batch(&format!(
                    "INSERT INTO temp.assignments ({ASSIGNMENT_COLUMNS})
                     SELECT {ASSIGNMENT_COLUMNS} FROM main.assignments
                     WHERE id NOT IN (SELECT id FROM temp.past_changed)"
                ))?;
                // Each assignment's events are replayed apart from any
                // other's, so they are read assignment by assignment (the
                // `events_assignment` index), each in the order logged.
                "SELECT e.id, e.assignment_id, e.field, e.new
                 FROM temp.past_changed c CROSS JOIN main.events e ON e.assignment_id = c.id
                 WHERE e.at <= ?1 AND e.field <> 'comment'
                 ORDER BY e.assignment_id, e.id"
            }
        };
        let mut assignments: BTreeMap<i64, Assignment> = BTreeMap::new();
        {
            let mut stmt = self.conn.prepare(sql)?;
            let mut read = stmt.query([&until_text])?;
            while let Some(row) = read.next()? {
                let event = Event {
                    id: row.get(0)?,
                    at: until,
                    actor: String::new(),
                    assignment_id: row.get(1)?,
                    field: row.get(2)?,
                    old: None,
                    new: row.get(3)?,
                    comment: None,
                    undoes: None,
                    period: None,
                };
                apply(&mut assignments, &event)
                    .map_err(|e| StoreError::PastUnreadable(Problem::Unreplayable(e)))?;
            }
        }
        let catalog: Vec<CatalogEvent> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, at, actor, entity, entity_id, field, old, new, comment
                 FROM main.catalog_events WHERE at <= ?1 ORDER BY id",
            )?;
            let events = stmt
                .query_map([&until_text], rows::catalog_event)?
                .collect::<rusqlite::Result<_>>()?;
            events
        };
        let unreplayable = |entity: Entity| {
            move |error| StoreError::PastUnreadable(Problem::CatalogUnreplayable { entity, error })
        };
        let goals: BTreeMap<i64, Goal> =
            replay_catalog(&catalog).map_err(unreplayable(Entity::Goal))?;
        let wheel: BTreeMap<i64, WheelEntry> =
            replay_catalog(&catalog).map_err(unreplayable(Entity::Wheel))?;

        let sql = rows::assignment_insert_sql();
        let mut insert = self.conn.prepare(&sql)?;
        for assignment in assignments.values() {
            insert.execute(params_from_iter(rows::assignment_insert_values(
                Some(assignment.id),
                assignment,
            )))?;
        }
        for goal in goals.values() {
            self.conn.execute(
                "INSERT INTO temp.goals (id, parent_id, kind, code, title, position, retired)
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
            for (position, sector) in goal.sectors.iter().enumerate() {
                self.conn.execute(
                    "INSERT INTO temp.goal_sectors (goal_id, sector, position) VALUES (?1, ?2, ?3)",
                    params![goal.id, sector, position as i64],
                )?;
            }
        }
        for entry in wheel.values() {
            rows::insert_wheel_entry(&self.conn, entry.id, entry)?;
        }
        super::vedtak::replay_into_temp(&self.conn, &catalog)?;
        // The logs end at the instant, and at what this replay read: an
        // event written since, even one stamped earlier, is not seen.
        self.conn.execute_batch(&format!(
            "CREATE TEMP VIEW events AS SELECT * FROM main.events
                 WHERE id <= {newest} AND at <= '{until_text}';
             CREATE TEMP VIEW catalog_events AS SELECT * FROM main.catalog_events
                 WHERE id <= {newest_catalog} AND at <= '{until_text}';"
        ))?;
        Ok(())
    }

    /// Temporary tables shaped like the stored ones (their columns and
    /// checks, from the schema itself), with the indexes reads rely on.
    fn make_temp_tables(&self) -> Result<()> {
        for table in REPLAYED_TABLES {
            let sql: String = self.conn.query_row(
                "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            let Some(rest) = sql.strip_prefix("CREATE TABLE") else {
                return Err(StoreError::NoSchemaVersion(self.schema_version()?));
            };
            self.conn
                .execute_batch(&format!("CREATE TEMP TABLE{rest}"))?;
        }
        self.conn.execute_batch(
            "CREATE INDEX temp.past_assignments_parent ON assignments(parent_id);
             CREATE INDEX temp.past_assignments_sector ON assignments(lead_sector);
             CREATE INDEX temp.past_assignments_year ON assignments(year);
             CREATE INDEX temp.past_goals_parent ON goals(parent_id);
             CREATE INDEX temp.past_wheel_year ON wheel_entries(year, start_date);",
        )?;
        Ok(())
    }
}
