//! Lookups that several writers make before they change something: the
//! sectors a code is checked against, and whether a goal may get a new
//! link. The rules are the domain's; here they get their data.

use super::db::Conn;
use rusqlite::OptionalExtension;

use super::{Result, StoreError};
use crate::domain::{goal, sector};

/// The normalised sector code, if the database knows it.
pub(super) fn check_sector(conn: &Conn, code: &str) -> Result<String> {
    let normalized = sector::normalize_code(code);
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM sectors WHERE code = ?1)")?
        .query_row([&normalized], |r| r.get(0))?;
    if exists {
        return Ok(normalized);
    }
    let known: Vec<String> = conn
        .prepare_cached("SELECT code FROM sectors ORDER BY position")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(sector::check_known(code, &known)?)
}

/// Whether a goal may get new assignments: it exists and is not retired.
pub(super) fn check_goal_in_use(conn: &Conn, id: i64) -> Result<()> {
    let retired: Option<bool> = conn
        .query_row("SELECT retired FROM goals WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let retired = retired.ok_or(StoreError::UnknownGoal(id))?;
    Ok(goal::check_link_in_use(id, retired)?)
}
