//! Typed queries.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

use super::rows::{self, ASSIGNMENT_COLUMNS, EVENT_COLUMNS};
use super::{Municipality, Result, Store, StoreError};
use crate::domain::{Assignment, Event, Goal, GoalKind, Sector, WheelEntry, WheelKind};

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
            .ok_or_else(|| StoreError::Invalid("the database has no plan year".into()))?;
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
        let sectors = self.sectors()?;
        crate::domain::sector::find(&sectors, code)
            .cloned()
            .ok_or_else(|| StoreError::UnknownSector {
                code: code.trim().to_string(),
                known: sectors
                    .iter()
                    .map(|s| s.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Every goal with its responsible sectors.
    pub fn goals(&self) -> Result<Vec<Goal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.id, g.parent_id, g.kind, g.code, g.title, g.position,
                    COALESCE((SELECT group_concat(sector, ',') FROM
                        (SELECT sector FROM goal_sectors s WHERE s.goal_id = g.id ORDER BY position)), '')
             FROM goals g ORDER BY g.position, g.id",
        )?;
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
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(goals)
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
            "?1 IS NULL"
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE {by_assignment} AND (?2 IS NULL OR at >= ?2)
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, year, start_date, end_date, title, kind, sector, tags, note
             FROM wheel_entries WHERE year = ?1 ORDER BY start_date, end_date, id",
        )?;
        let entries = stmt
            .query_map([year], |r| {
                let parse = |i: usize| -> rusqlite::Result<NaiveDate> {
                    let text: String = r.get(i)?;
                    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            i,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })
                };
                let kind: String = r.get(5)?;
                let tags: String = r.get(7)?;
                Ok(WheelEntry {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    start: parse(2)?,
                    end: parse(3)?,
                    title: r.get(4)?,
                    kind: WheelKind::parse(&kind).unwrap_or(WheelKind::Administrative),
                    sector: r.get(6)?,
                    tags: tags
                        .split(',')
                        .filter(|t| !t.is_empty())
                        .map(String::from)
                        .collect(),
                    note: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(entries)
    }
}

impl Store {
    /// A number that changes whenever another connection commits to the file.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }
}

impl Store {
    /// Every assignment's comments joined, for searching.
    pub fn comments_by_assignment(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT assignment_id, group_concat(comment, char(10)) FROM events
             WHERE comment IS NOT NULL GROUP BY assignment_id",
        )?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(map)
    }
}
