//! Typed queries.

use super::db::{params, Conn, Dialect};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;

use super::rows::{self, ASSIGNMENT_COLUMNS, EVENT_COLUMNS, WHEEL_COLUMNS};
use super::{Municipality, Result, Store, StoreError};
use crate::domain::{Assignment, CatalogEvent, Entity, Event, Goal, GoalKind, Sector, WheelEntry};

impl Store {
    /// A setting by key.
    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// The municipality and plan year.
    pub fn municipality(&self) -> Result<Municipality> {
        let name = self.setting("municipality")?.unwrap_or_default();
        let year = self
            .setting("year")?
            .and_then(|y| y.parse().ok())
            .ok_or_else(|| StoreError::NoPlanYear)?;
        let suggested_today = self
            .setting("suggested_today")?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        Ok(Municipality {
            name,
            year,
            suggested_today,
        })
    }

    /// The sectors in their order.
    pub fn sectors(&self) -> Result<Vec<Sector>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT code, name, position FROM sectors ORDER BY position, code")?;
        let sectors = stmt
            .query_map([], |r| {
                Ok(Sector {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    position: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(sectors)
    }

    /// A sector by code (case-insensitive), or an error naming the known ones.
    pub fn sector(&self, code: &str) -> Result<Sector> {
        let mut sectors = self.sectors()?;
        let known: Vec<String> = sectors.iter().map(|s| s.code.clone()).collect();
        let code = crate::domain::sector::check_known(code, &known)?;
        let position = known.iter().position(|k| *k == code).unwrap_or_default();
        Ok(sectors.swap_remove(position))
    }

    /// Every goal with its responsible sectors, retired ones included
    /// ([`crate::domain::GoalTree::walk`] leaves those out).
    pub fn goals(&self) -> Result<Vec<Goal>> {
        Ok(read_goals(&self.conn)?)
    }

    /// One goal, or an error naming the id.
    pub fn goal(&self, id: i64) -> Result<Goal> {
        read_goals(&self.conn)?
            .into_iter()
            .find(|g| g.id == id)
            .ok_or(StoreError::UnknownGoal(id))
    }

    /// Every assignment and task.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        let sql = format!("SELECT {ASSIGNMENT_COLUMNS} FROM assignments ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let list = stmt
            .query_map([], rows::assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// One assignment, or an error naming the id.
    pub fn assignment(&self, id: i64) -> Result<Assignment> {
        let sql = format!("SELECT {ASSIGNMENT_COLUMNS} FROM assignments WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], rows::assignment)
            .optional()?
            .ok_or(StoreError::UnknownAssignment(id))
    }

    /// The tasks under an assignment.
    pub fn tasks(&self, parent: i64) -> Result<Vec<Assignment>> {
        let sql = format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM assignments WHERE parent_id = ?1 ORDER BY id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let list = stmt
            .query_map([parent], rows::assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// Events, oldest first, optionally of one assignment and from an instant on.
    pub fn events(
        &self,
        assignment: Option<i64>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<Event>> {
        // One statement per case: with `?1 IS NULL OR assignment_id = ?1`
        // SQLite cannot use the index and reads the whole log for one history.
        let by_assignment = if assignment.is_some() {
            "assignment_id = ?1"
        } else {
            "CAST(?1 AS BIGINT) IS NULL"
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE {by_assignment} AND (CAST(?2 AS TEXT) IS NULL OR at >= ?2)
             ORDER BY id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let since = since.map(rows::instant);
        let events = stmt
            .query_map(params![assignment, since], rows::event)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(events)
    }

    /// The årshjul entries of a plan year, by start date.
    pub fn wheel_entries(&self, year: i32) -> Result<Vec<WheelEntry>> {
        Ok(read_wheel(&self.conn, Some(year))?)
    }

    /// Every årshjul entry of every year.
    pub fn all_wheel_entries(&self) -> Result<Vec<WheelEntry>> {
        Ok(read_wheel(&self.conn, None)?)
    }

    /// One årshjul entry, or an error naming the id.
    pub fn wheel_entry(&self, id: i64) -> Result<WheelEntry> {
        read_wheel(&self.conn, None)?
            .into_iter()
            .find(|e| e.id == id)
            .ok_or(StoreError::UnknownWheelEntry(id))
    }

    /// The catalog log (goals and årshjul entries), oldest first, optionally
    /// of one kind, one item and from an instant on.
    pub fn catalog_events(
        &self,
        entity: Option<Entity>,
        entity_id: Option<i64>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<CatalogEvent>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} FROM catalog_events
             WHERE (CAST(?1 AS TEXT) IS NULL OR entity = ?1)
               AND (CAST(?2 AS BIGINT) IS NULL OR entity_id = ?2)
               AND (CAST(?3 AS TEXT) IS NULL OR at >= ?3)
             ORDER BY id",
            rows::CATALOG_EVENT_COLUMNS
        ))?;
        let since = since.map(rows::instant);
        let events = stmt
            .query_map(
                params![entity.map(Entity::as_str), entity_id, since],
                rows::catalog_event,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(events)
    }

    /// A random name for this database, made when it was created: calendar
    /// exports derive their UIDs from it, so they stay the same across exports.
    pub fn identity(&self) -> Result<String> {
        self.setting("identity")?
            .ok_or_else(|| StoreError::NoIdentity)
    }
}

/// Every goal with its responsible sectors.
pub(super) fn read_goals(conn: &Conn) -> rusqlite::Result<Vec<Goal>> {
    let mut stmt = conn.prepare_cached(match conn.dialect() {
        Dialect::Sqlite => {
            "SELECT g.id, g.parent_id, g.kind, g.code, g.title, g.position,
                COALESCE((SELECT group_concat(sector, ',') FROM
                    (SELECT sector FROM goal_sectors s WHERE s.goal_id = g.id ORDER BY position)), ''),
                g.retired
             FROM goals g ORDER BY g.position, g.id"
        }
        Dialect::Postgres => {
            "SELECT g.id, g.parent_id, g.kind, g.code, g.title, g.position,
                COALESCE((SELECT string_agg(sector, ',' ORDER BY position)
                          FROM goal_sectors s WHERE s.goal_id = g.id), ''),
                g.retired
             FROM goals g ORDER BY g.position, g.id"
        }
    })?;
    let goals = stmt
        .query_map([], |r| {
            let kind: String = r.get(2)?;
            let sectors: String = r.get(6)?;
            Ok(Goal {
                id: r.get(0)?,
                parent_id: r.get(1)?,
                kind: GoalKind::parse(&kind).unwrap_or(GoalKind::SubGoal),
                code: r.get(3)?,
                title: r.get(4)?,
                position: r.get(5)?,
                sectors: sectors
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                retired: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(goals)
}

/// The årshjul entries of a year (all years with `None`), by start date.
pub(super) fn read_wheel(conn: &Conn, year: Option<i32>) -> rusqlite::Result<Vec<WheelEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {WHEEL_COLUMNS}
         FROM wheel_entries WHERE (CAST(?1 AS BIGINT) IS NULL OR year = ?1) ORDER BY start_date, end_date, id"
    ))?;
    let entries = stmt
        .query_map([year], rows::wheel_entry)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}

impl Store {
    /// Whether this store's connection to its server is gone; never for a
    /// file. Opening the server again is the way back.
    pub fn connection_lost(&self) -> bool {
        self.conn
            .as_server()
            .is_some_and(|server| server.is_closed())
    }
}

impl Store {
    /// A number that changes whenever another connection commits to the
    /// database: SQLite's count of commits by others to the file; on a
    /// server, from the ends of both logs (every change logs an event).
    pub fn data_version(&self) -> Result<i64> {
        match self.conn.as_file() {
            Some(file) => Ok(file.pragma_query_value(None, "data_version", |r| r.get(0))?),
            None => {
                let (events, catalog) = self.log_ends()?;
                Ok(events.wrapping_mul(1_000_003).wrapping_add(catalog))
            }
        }
    }
}

impl Store {
    /// Every assignment's comments joined, for searching.
    pub fn comments_by_assignment(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self.conn.prepare_cached(match self.conn.dialect() {
            Dialect::Sqlite => {
                "SELECT assignment_id, group_concat(comment, char(10)) FROM events
                 WHERE comment IS NOT NULL GROUP BY assignment_id"
            }
            Dialect::Postgres => {
                "SELECT assignment_id, string_agg(comment, chr(10) ORDER BY id) FROM events
                 WHERE comment IS NOT NULL GROUP BY assignment_id"
            }
        })?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }
}

impl Store {
    /// The events of every assignment a sector leads, oldest first.
    pub fn events_led_by(&self, sector: &str) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE assignment_id IN (SELECT id FROM assignments WHERE lead_sector = ?1)
             ORDER BY id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let events = stmt
            .query_map([sector], rows::event)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(events)
    }

    /// The plan years that have assignments.
    pub fn assignment_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT year FROM assignments ORDER BY year")?;
        let years = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(years)
    }

    /// The newest event's id (0 with none). The log is append-only and
    /// every change to an assignment logs an event, so a reader that knows
    /// this id can later ask only for what changed after it.
    pub fn newest_event(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?)
    }

    /// The ids of the assignments with events after event `after`, in order.
    pub fn changed_after(&self, after: i64) -> Result<Vec<i64>> {
        // Read by the events' own key (the newest few), then sorted here:
        // asked to sort, SQLite walks the whole assignment index instead.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT assignment_id FROM events WHERE id > ?1")?;
        let mut ids: Vec<i64> = stmt
            .query_map([after], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}
