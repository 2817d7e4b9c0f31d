//! Listings narrowed in the database, so that only the rows a listing can
//! show are read and turned into assignments.

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::rows::{self, ASSIGNMENT_COLUMNS};
use super::{Result, Store};
use crate::domain::date::iso;
use crate::domain::{Assignment, Status};

/// Conditions the database checks itself. Each is also part of the domain's
/// [`crate::domain::filter::Filter`], which callers still apply: this only
/// spares reading rows that filter would drop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowing {
    /// Lead sector code, as stored.
    pub lead_sector: Option<String>,
    pub status: Option<Status>,
    pub year: Option<i32>,
    /// Overdue on this day: open, with a deadline before it.
    pub overdue_on: Option<NaiveDate>,
    /// Assignments only, no tasks.
    pub top_level_only: bool,
}

impl Store {
    /// The assignments meeting every condition, ordered by id.
    pub fn assignments_narrowed(&self, narrowing: &Narrowing) -> Result<Vec<Assignment>> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(sector) = &narrowing.lead_sector {
            clauses.push("lead_sector = ?");
            values.push(sector.clone().into());
        }
        if let Some(status) = narrowing.status {
            clauses.push("status = ?");
            values.push(status.as_str().to_string().into());
        }
        if let Some(year) = narrowing.year {
            clauses.push("year = ?");
            values.push(i64::from(year).into());
        }
        if let Some(day) = narrowing.overdue_on {
            // ISO dates compare as text. Not by the `due` index: most
            // deadlines of past years lie before today, so it would find
            // most rows, each by a random lookup (`+` keeps it out).
            // `<>` twice rather than `NOT IN`: the same rows (status is
            // never NULL), checked faster in a scan of every row.
            clauses.push("+due < ? AND status <> 'done' AND status <> 'cancelled'");
            values.push(iso(day).into());
        }
        if narrowing.top_level_only {
            // Most rows are top-level: the `parent_id` index would find
            // nearly all of them, each by a random lookup, where reading the
            // table in id order needs neither lookups nor a sort.
            clauses.push("+parent_id IS NULL");
        }
        let condition = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let sql = format!("SELECT {ASSIGNMENT_COLUMNS} FROM assignments {condition} ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let list = stmt
            .query_map(params_from_iter(values), rows::assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The assignments with these ids (unknown ids are left out), ordered by id.
    pub fn assignments_with_ids(&self, ids: &[i64]) -> Result<Vec<Assignment>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM assignments
             WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id"
        );
        let ids =
            serde_json::to_string(ids).map_err(|e| super::StoreError::Invalid(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let list = stmt
            .query_map([ids], rows::assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The comments of the plan year's assignments logged after event
    /// `after`, oldest first, and the newest event id read. The log is
    /// append-only, so a reader that keeps what it has read only ever needs
    /// what came after it. An assignment's plan year never changes.
    pub fn comments_after(&self, year: i32, after: i64) -> Result<(Vec<(i64, String)>, i64)> {
        self.read(|store| {
            let newest: i64 =
                store
                    .conn
                    .query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?;
            // The first read goes through the plan year's assignments; a
            // later one through the few newest events (CROSS JOIN keeps
            // SQLite from going through every assignment of the year).
            let sql = if after == 0 {
                "SELECT e.assignment_id, e.comment FROM events e
                 JOIN assignments a ON a.id = e.assignment_id
                 WHERE e.id > ?1 AND e.id <= ?2 AND e.comment IS NOT NULL AND a.year = ?3
                 ORDER BY e.id"
            } else {
                "SELECT e.assignment_id, e.comment FROM events e
                 CROSS JOIN assignments a ON a.id = e.assignment_id
                 WHERE e.id > ?1 AND e.id <= ?2 AND e.comment IS NOT NULL AND a.year = ?3
                 ORDER BY e.id"
            };
            let mut stmt = store.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map(rusqlite::params![after, newest, year], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok((rows, newest))
        })
    }
}
