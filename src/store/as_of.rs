//! The database as it stood at an instant in the past, replayed from the
//! logs. The replayed goals and årshjul entries are written into temporary
//! tables of the connection, which SQLite reads in place of the stored ones
//! (the `temp` schema is searched first); the replayed assignments into
//! another, which a temporary view `assignments` puts together with the
//! stored rows of the assignments unchanged since; and the two logs are
//! seen through temporary views that end at the instant. Every read of the
//! store then answers as of that instant: listings, tasks, the goal tree,
//! the årshjul, the reporting periods, reports, *mangler rapport* and the
//! history.
//!
//! Sectors and settings have no log and are read as they are now.

use std::collections::BTreeMap;

use super::db::{params, params_from_iter, Begin, Dialect, End, Row};
use chrono::{DateTime, Utc};

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

/// The tables whose rows are replaced by the replayed state, made again
/// in the temporary schema. (Replayed assignments go into a table of their
/// own, beside the stored ones, which a view of the two puts together.)
const REPLAYED_TABLES: [&str; 4] = ["goals", "goal_sectors", "wheel_entries", "periods"];

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
                decisions: store.decisions()?.into_iter().map(|d| (d.id, d)).collect(),
            })
        })
    }

    /// The instant of the first event of either log, if any.
    pub fn first_event_at(&self) -> Result<Option<DateTime<Utc>>> {
        let first: Option<String> = self.conn.query_row(
            "SELECT min(at) FROM (SELECT min(at) AS at FROM main.events
                                  UNION ALL SELECT min(at) FROM main.catalog_events) AS firsts",
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
        // A store already in the past lets go of its state of the file.
        if !self.conn.is_autocommit() {
            self.conn.end(End::Commit)?;
        }
        match self.conn.as_file() {
            // The replayed rows refer to sectors and goals in the main
            // schema, which foreign keys across schemas cannot see.
            Some(file) => {
                file.pragma_update(None, "foreign_keys", false)?;
                file.pragma_update(None, "temp_store", "MEMORY")?;
            }
            // The statements prepared so far name the stored tables; the
            // temporary ones made now stand in for them from here on.
            None => self.conn.forget_statements(),
        }
        // The read transaction stays open as long as the store is in the
        // past: the rows of the assignments not replayed are read in place,
        // so every later read must see the file as the replay saw it, not
        // as other processes change it since. (While it is open, SQLite
        // cannot checkpoint the WAL past it; a store in the past is meant
        // to be looked at, then dropped.)
        // (On a server, one REPEATABLE READ snapshot, as long.)
        self.conn.begin(Begin::Read)?;
        if let Err(error) = self
            .forget_past()
            .and_then(|()| self.replay_into_temp(until, replay))
        {
            let _ = self.conn.end(End::Rollback);
            return Err(error);
        }
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
        let replay = self.replay_assignments(until, &until_text, newest, replay)?;

        let catalog: Vec<CatalogEvent> = {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT {} FROM main.catalog_events WHERE at <= ?1 ORDER BY id",
                rows::CATALOG_EVENT_COLUMNS
            ))?;
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
        super::period_log::replay_into_temp(&self.conn, &catalog)?;
        // The assignments then: the replayed ones, and (when only the
        // changed ones were replayed) the rows of all others as they are,
        // read in place through their own indexes: copying them would cost
        // more than the replay.
        let unchanged = match replay {
            Replay::All => String::new(),
            Replay::Changed | Replay::Choose => format!(
                "SELECT {ASSIGNMENT_COLUMNS} FROM main.assignments
                 WHERE id NOT IN (SELECT id FROM temp.past_changed) UNION ALL "
            ),
        };
        // Two indexes on the replayed rows, for a plan year's reads and a
        // task's parent (the tasks only: `parent_id = ?` implies the
        // condition, so SQLite uses it). A sector's replayed rows are
        // found by reading them all, which costs a listing less than
        // indexing them cost the replay. The logs end at the instant, and
        // at what this replay read: an event written since, even one
        // stamped earlier, is not seen.
        let index = match self.conn.dialect() {
            Dialect::Sqlite => "temp.",
            Dialect::Postgres => "",
        };
        self.conn.execute_batch(&format!(
            "CREATE INDEX {index}past_assignments_parent ON past_assignments(parent_id)
                 WHERE parent_id IS NOT NULL;
             CREATE INDEX {index}past_assignments_year ON past_assignments(year);
             CREATE TEMP VIEW assignments AS {unchanged}
                 SELECT {ASSIGNMENT_COLUMNS} FROM temp.past_assignments;
             CREATE TEMP VIEW events AS SELECT * FROM main.events
                 WHERE id <= {newest} AND at <= '{until_text}';
             CREATE TEMP VIEW catalog_events AS SELECT * FROM main.catalog_events
                 WHERE id <= {newest_catalog} AND at <= '{until_text}';"
        ))?;
        Ok(())
    }

    /// Replays the assignments into `past_assignments`: those changed after
    /// `until` (listed in `past_changed`), or all of them; tells which.
    fn replay_assignments(
        &self,
        until: DateTime<Utc>,
        until_text: &str,
        newest: i64,
        replay: Replay,
    ) -> Result<Replay> {
        let replay = match replay {
            Replay::All => Replay::All,
            Replay::Changed | Replay::Choose => {
                // The assignments changed since, from the `at` index alone,
                // one per event after the instant. The log is append-only,
                // so the newest id is how many events it holds: when half
                // of them lie after, replaying all is chosen.
                let mut changed: Vec<i64> = Vec::new();
                let mut most_after = false;
                {
                    let mut stmt = self
                        .conn
                        .prepare("SELECT assignment_id FROM main.events WHERE at > ?1")?;
                    let mut read = stmt.query([until_text])?;
                    while let Some(row) = read.next()? {
                        changed.push(row.get(0)?);
                        if replay == Replay::Choose && changed.len() as i64 * 2 >= newest {
                            most_after = true;
                            break;
                        }
                    }
                }
                if most_after {
                    Replay::All
                } else {
                    changed.sort_unstable();
                    changed.dedup();
                    let mut insert = self
                        .conn
                        .prepare("INSERT INTO temp.past_changed (id) VALUES (?1)")?;
                    for id in changed {
                        insert.execute([id])?;
                    }
                    Replay::Changed
                }
            }
        };

        let sql = rows::assignment_insert_sql().replacen(
            "INSERT INTO assignments",
            "INSERT INTO temp.past_assignments",
            1,
        );
        let mut insert = self.conn.prepare(&sql)?;
        let mut put = |assignment: &Assignment| -> Result<()> {
            insert.execute(params_from_iter(rows::assignment_insert_values(
                Some(assignment.id),
                assignment,
            )))?;
            Ok(())
        };
        let unreplayable = |e| StoreError::PastUnreadable(Problem::Unreplayable(e));
        let mut reader = EventReader::new(until);
        // Only what changes an assignment is read: comments change nothing,
        // and the replay needs neither who nor when nor the old value.
        match replay {
            Replay::All => {
                // `+at`: by the table in id order, not by the `at` index
                // (which would find most rows and then sort them).
                let mut stmt = self.conn.prepare(match self.conn.dialect() {
                    Dialect::Sqlite => {
                        "SELECT id, assignment_id, field, new, undoes FROM main.events
                         WHERE +at <= ?1 AND field <> 'comment' ORDER BY id"
                    }
                    Dialect::Postgres => {
                        "SELECT id, assignment_id, field, new, undoes FROM main.events
                         WHERE at <= ?1 AND field <> 'comment' ORDER BY id"
                    }
                })?;
                let mut read = stmt.query([until_text])?;
                let mut assignments: BTreeMap<i64, Assignment> = BTreeMap::new();
                while let Some(row) = read.next()? {
                    apply(&mut assignments, reader.read(&row)?).map_err(unreplayable)?;
                }
                for assignment in assignments.values() {
                    put(assignment)?;
                }
            }
            Replay::Changed | Replay::Choose => {
                // Each assignment's events are replayed apart from any
                // other's, so they are read assignment by assignment (the
                // `events_assignment` index), each in the order logged, and
                // each assignment is written as soon as its events end.
                // Ordered by `c.id`, which the scan of `past_changed`
                // already follows: by `e.assignment_id` (equal, but not to
                // the planner) the rows would be sorted again.
                let mut stmt = self.conn.prepare(match self.conn.dialect() {
                    Dialect::Sqlite => {
                        "SELECT e.id, e.assignment_id, e.field, e.new, e.undoes
                         FROM temp.past_changed c CROSS JOIN main.events e ON e.assignment_id = c.id
                         WHERE e.at <= ?1 AND e.field <> 'comment'
                         ORDER BY c.id, e.id"
                    }
                    Dialect::Postgres => {
                        "SELECT e.id, e.assignment_id, e.field, e.new, e.undoes
                         FROM temp.past_changed c JOIN main.events e ON e.assignment_id = c.id
                         WHERE e.at <= ?1 AND e.field <> 'comment'
                         ORDER BY c.id, e.id"
                    }
                })?;
                let mut read = stmt.query([until_text])?;
                let mut one: BTreeMap<i64, Assignment> = BTreeMap::new();
                while let Some(row) = read.next()? {
                    let event = reader.read(&row)?;
                    if one
                        .first_key_value()
                        .is_some_and(|(id, _)| *id != event.assignment_id)
                    {
                        if let Some((_, done)) = one.pop_first() {
                            put(&done)?;
                        }
                    }
                    apply(&mut one, event).map_err(unreplayable)?;
                }
                if let Some((_, done)) = one.pop_first() {
                    put(&done)?;
                }
            }
        }
        Ok(replay)
    }

    /// Drops what an earlier [`Store::as_of`] on this connection made, so
    /// that a store in the past can be moved to another instant without
    /// opening the file again.
    fn forget_past(&self) -> Result<()> {
        let made: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare(match self.conn.dialect() {
                Dialect::Sqlite => {
                    "SELECT type, name FROM temp.sqlite_master
                     WHERE type IN ('view', 'table') ORDER BY type = 'table'"
                }
                Dialect::Postgres => {
                    "SELECT CASE relkind WHEN 'v' THEN 'view' ELSE 'table' END, relname::text
                     FROM pg_class WHERE relnamespace = pg_my_temp_schema()
                       AND relkind IN ('v', 'r') ORDER BY relkind = 'r'"
                }
            })?;
            let made = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            made
        };
        for (kind, name) in made {
            let kind = if kind == "view" { "VIEW" } else { "TABLE" };
            self.conn.execute_batch(&format!(
                "DROP {kind} temp.\"{}\"",
                name.replace('"', "\"\"")
            ))?;
        }
        Ok(())
    }

    /// Temporary tables shaped like the stored ones (their columns and
    /// checks, from the schema itself), with the indexes reads rely on; the
    /// replayed assignments go into `past_assignments`, beside the stored
    /// rows, and `past_changed` lists the assignments replayed.
    fn make_temp_tables(&self) -> Result<()> {
        if self.conn.dialect() == Dialect::Postgres {
            // The stored table's columns, types and NOT NULL, without its
            // checks and keys (the replayed rows passed them when stored).
            for table in REPLAYED_TABLES {
                self.conn
                    .execute_batch(&format!("CREATE TEMP TABLE {table} (LIKE main.{table})"))?;
            }
            self.conn.execute_batch(
                "CREATE TEMP TABLE past_assignments (LIKE main.assignments);
                 CREATE TEMP TABLE past_changed (id bigint PRIMARY KEY);
                 CREATE INDEX past_goals_parent ON pg_temp.goals(parent_id);
                 CREATE INDEX past_wheel_year ON pg_temp.wheel_entries(year, start_date);",
            )?;
            return Ok(());
        }
        for table in REPLAYED_TABLES {
            let sql: String = self.conn.query_row(
                "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            let Some(rest) = sql.strip_prefix(&format!("CREATE TABLE {table}")) else {
                return Err(StoreError::NoSchemaVersion(self.schema_version()?));
            };
            self.conn
                .execute_batch(&format!("CREATE TEMP TABLE {table}{rest}"))?;
        }
        // The replayed assignments: the stored table's columns, their types
        // and NOT NULL, without its checks: for a check `IN` a list of
        // values SQLite builds a temporary index at every insert, which
        // cost more than writing the row. The values come from the
        // domain's own types, and the stored rows they replay passed the
        // checks.
        let columns: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT '\"' || replace(name, '\"', '\"\"') || '\" ' || type
                        || CASE WHEN \"notnull\" = 1 THEN ' NOT NULL' ELSE '' END
                        || CASE WHEN pk = 1 THEN ' PRIMARY KEY' ELSE '' END
                 FROM pragma_table_info('assignments', 'main') ORDER BY cid",
            )?;
            let columns = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            columns
        };
        self.conn.execute_batch(&format!(
            "CREATE TEMP TABLE past_assignments ({})",
            columns.join(", ")
        ))?;
        self.conn.execute_batch(
            "CREATE TEMP TABLE past_changed (id INTEGER PRIMARY KEY);
             CREATE INDEX temp.past_goals_parent ON goals(parent_id);
             CREATE INDEX temp.past_wheel_year ON wheel_entries(year, start_date);",
        )?;
        Ok(())
    }
}

/// One event as the replay reads it (columns: id, assignment_id, field,
/// new, undoes), kept from row to row: its texts are written over in
/// place, so that reading an event allocates nothing once they have room.
struct EventReader {
    event: Event,
    /// Room for `new` while an event has none.
    spare: String,
}

impl EventReader {
    fn new(until: DateTime<Utc>) -> Self {
        EventReader {
            event: Event {
                id: 0,
                at: until,
                actor: String::new(),
                assignment_id: 0,
                field: String::new(),
                old: None,
                new: None,
                comment: None,
                undoes: None,
                period: None,
            },
            spare: String::new(),
        }
    }

    fn read(&mut self, row: &Row) -> rusqlite::Result<&Event> {
        let event = &mut self.event;
        event.id = row.get(0)?;
        event.assignment_id = row.get(1)?;
        event.field.clear();
        event.field.push_str(row.get_ref(2)?.as_str()?);
        match row.get_ref(3)?.as_str_or_null()? {
            Some(text) => {
                let new = event
                    .new
                    .get_or_insert_with(|| std::mem::take(&mut self.spare));
                new.clear();
                new.push_str(text);
            }
            None => {
                if let Some(room) = event.new.take() {
                    self.spare = room;
                }
            }
        }
        event.undoes = row.get(4)?;
        Ok(&self.event)
    }
}
