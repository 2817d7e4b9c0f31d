//! Changes to the reporting periods, each logged in the catalog log like a
//! goal's or an årshjul entry's (entity `period`): added, edited, removed,
//! undone, copied to a new year, restored from an export, and replayed for
//! `--as-of`. A period is known to the log by its number (`periods.id`),
//! so that a new code keeps its history.

use std::collections::BTreeMap;

use super::db::{params, Conn, Row};

use super::catalog::{insert_changes, insert_created, insert_event, CatalogChanged};
use super::{Result, Stamp, Store, StoreError};
use crate::domain::catalog::{differences, replay_catalog, snapshot, DELETED};
use crate::domain::date::iso;
use crate::domain::period::check_new_period;
use crate::domain::period_change::{check_no_orphans, check_overlap};
use crate::domain::text::clean_comment;
use crate::domain::{CatalogEvent, DomainError, Entity, Period, PeriodId, StoredPeriod};

const COLUMNS: &str = "id, year, code, label, start_date, end_date, report_due";

fn stored_row(row: &Row) -> rusqlite::Result<StoredPeriod> {
    let date = |i: usize| -> rusqlite::Result<chrono::NaiveDate> {
        let text: String = row.get(i)?;
        chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
        })
    };
    Ok(StoredPeriod {
        id: row.get(0)?,
        period: Period {
            year: row.get(1)?,
            code: row.get(2)?,
            label: row.get(3)?,
            start: date(4)?,
            end: date(5)?,
            report_due: date(6)?,
        },
    })
}

/// The periods with their numbers, of one plan year or all, in the order
/// the periods are listed.
pub(super) fn read_stored(conn: &Conn, year: Option<i32>) -> Result<Vec<StoredPeriod>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM periods WHERE (CAST(?1 AS BIGINT) IS NULL OR year = ?1)
         ORDER BY year, end_date, report_due, code"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let periods = stmt
        .query_map([year], stored_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(periods)
}

/// The stored period a text such as `2023-T2` names, or an error listing
/// the year's periods.
pub(super) fn find_stored(conn: &Conn, text: &str) -> Result<StoredPeriod> {
    let id = PeriodId::parse(text)?;
    let periods = read_stored(conn, Some(id.year))?;
    let plain: Vec<Period> = periods.iter().map(|p| p.period.clone()).collect();
    let found = crate::domain::period::find_period(&plain, &id)?;
    Ok(periods
        .into_iter()
        .find(|p| p.period.code == found.code)
        .expect("find_period answers with one of the periods it was given"))
}

/// Inserts a period's row with its number.
fn insert_row(conn: &Conn, stored: &StoredPeriod) -> Result<()> {
    let p = &stored.period;
    conn.execute(
        "INSERT INTO periods (id, year, code, label, start_date, end_date, report_due)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            stored.id,
            p.year,
            p.code,
            p.label,
            iso(p.start),
            iso(p.end),
            iso(p.report_due)
        ],
    )?;
    Ok(())
}

/// Writes a period's new code, label and dates over its row.
fn update_row(conn: &Conn, stored: &StoredPeriod) -> Result<()> {
    let p = &stored.period;
    conn.execute(
        "UPDATE periods SET code = ?1, label = ?2, start_date = ?3, end_date = ?4,
         report_due = ?5 WHERE id = ?6",
        params![
            p.code,
            p.label,
            iso(p.start),
            iso(p.end),
            iso(p.report_due),
            stored.id
        ],
    )?;
    Ok(())
}

/// The assignments with a report recorded for the period.
pub(super) fn reported_on(conn: &Conn, period: &Period) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT assignment_id FROM events WHERE period = ?1 AND field = 'report'
         ORDER BY assignment_id",
    )?;
    let ids = stmt
        .query_map([period.id()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Checks a period that is to stand where `before` stood (`None`: a new
/// one) against the rules and the other periods of its year: its own
/// rules, a code free in the year, no overlap, and no reports left behind
/// by a new code.
fn check_fits(conn: &Conn, after: &Period, before: Option<&Period>) -> Result<()> {
    after.validate()?;
    after.check_label_printable()?;
    let existing: Vec<Period> = read_stored(conn, Some(after.year))?
        .into_iter()
        .map(|p| p.period)
        .collect();
    match before {
        None => check_new_period(after, &existing)?,
        Some(before) if after.code != before.code => {
            check_new_period(after, &existing)?;
            check_no_orphans(before, &reported_on(conn, before)?)?;
        }
        Some(_) => {}
    }
    check_overlap(after, before.map(|b| b.code.as_str()), &existing)?;
    Ok(())
}

/// Inserts a period and its `created` event inside an open transaction.
pub(super) fn insert_period(
    conn: &Conn,
    period: &Period,
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<CatalogChanged<StoredPeriod>> {
    let mut period = period.clone();
    period.label = period.label.trim().to_string();
    check_fits(conn, &period, None)?;
    // A number never used before, not even by a removed period: the log
    // knows periods by it.
    let stored = StoredPeriod {
        id: super::vedtak::next_id(conn, "periods", Entity::Period)?,
        period,
    };
    insert_row(conn, &stored)?;
    let event = insert_created(conn, stamp, &stored, clean_comment(comment))?;
    Ok(CatalogChanged {
        item: stored,
        events: vec![event],
    })
}

/// Changes a stored period to `after` inside an open transaction, one
/// event per field that changes; `undoes` marks the events as an undo.
pub(super) fn write_change(
    conn: &Conn,
    before: &StoredPeriod,
    after: Period,
    comment: Option<String>,
    stamp: &Stamp,
) -> Result<CatalogChanged<StoredPeriod>> {
    let mut after = after;
    after.label = after.label.trim().to_string();
    after.year = before.period.year;
    check_fits(conn, &after, Some(&before.period))?;
    let next = StoredPeriod {
        id: before.id,
        period: after,
    };
    let changes = differences(before, &next);
    if !changes.is_empty() {
        update_row(conn, &next)?;
    }
    let events = insert_changes::<StoredPeriod>(conn, stamp, next.id, changes, comment)?;
    Ok(CatalogChanged { item: next, events })
}

/// Removes a stored period inside an open transaction: refused when
/// reports are recorded for it; the log keeps its last state.
pub(super) fn write_removal(
    conn: &Conn,
    current: &StoredPeriod,
    comment: Option<String>,
    stamp: &Stamp,
) -> Result<CatalogChanged<StoredPeriod>> {
    check_no_orphans(&current.period, &reported_on(conn, &current.period)?)?;
    conn.execute("DELETE FROM periods WHERE id = ?1", [current.id])?;
    let event = insert_event(
        conn,
        stamp,
        Entity::Period,
        current.id,
        DELETED,
        Some(snapshot(current)),
        None,
        comment,
    )?;
    Ok(CatalogChanged {
        item: current.clone(),
        events: vec![event],
    })
}

/// Puts a removed period back as it last was, with its number, inside an
/// open transaction (an undo of its removal): refused when it no longer fits.
pub(super) fn write_return(
    conn: &Conn,
    last: &StoredPeriod,
    comment: Option<String>,
    stamp: &Stamp,
) -> Result<Vec<CatalogEvent>> {
    check_fits(conn, &last.period, None)?;
    insert_row(conn, last)?;
    Ok(vec![insert_created(conn, stamp, last, comment)?])
}

impl Store {
    /// The reporting periods with the numbers the catalog log knows them
    /// by, of one plan year or all: for `doctor` and the export.
    pub fn stored_periods(&self, year: Option<i32>) -> Result<Vec<StoredPeriod>> {
        read_stored(&self.conn, year)
    }

    /// Adds a reporting period and its `created` event; refuses an invalid
    /// one, one whose code the year has, or one that overlaps another.
    pub fn add_period(
        &mut self,
        period: &Period,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<StoredPeriod>> {
        self.write(|tx| insert_period(tx, period, comment, stamp))
    }

    /// Changes a period (code, label, dates) to what `edit` makes of it,
    /// one event per field that changes; refused when the result breaks a
    /// period rule, overlaps another period of its year, or renames a
    /// period that reports are recorded for. Returns the period before and
    /// after.
    pub fn change_period(
        &mut self,
        id: &str,
        edit: impl FnOnce(&Period) -> std::result::Result<Period, DomainError>,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<(Period, Period)> {
        self.write(|tx| {
            let before = find_stored(tx, id)?;
            let after = edit(&before.period)?;
            let changed = write_change(tx, &before, after, clean_comment(comment), stamp)?;
            Ok((before.period, changed.item.period))
        })
    }

    /// Removes a period; refused when reports are recorded for it (naming
    /// the assignments they are on). The log keeps its last state.
    pub fn remove_period(
        &mut self,
        id: &str,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Period> {
        self.write(|tx| {
            let current = find_stored(tx, id)?;
            Ok(write_removal(tx, &current, clean_comment(comment), stamp)?
                .item
                .period)
        })
    }
}

/// For [`Store::as_of`]: the periods replayed from the catalog log up to
/// the instant, into the temporary table that shadows the stored one.
pub(super) fn replay_into_temp(conn: &Conn, catalog: &[CatalogEvent]) -> Result<()> {
    let periods: BTreeMap<i64, StoredPeriod> = replay_catalog(catalog).map_err(|error| {
        StoreError::PastUnreadable(super::Problem::CatalogUnreplayable {
            entity: Entity::Period,
            error,
        })
    })?;
    for stored in periods.values() {
        let p = &stored.period;
        conn.execute(
            "INSERT INTO temp.periods (id, year, code, label, start_date, end_date, report_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                stored.id,
                p.year,
                p.code,
                p.label,
                iso(p.start),
                iso(p.end),
                iso(p.report_due)
            ],
        )?;
    }
    Ok(())
}

/// For a restore: the periods of an export, with their numbers (an export
/// from before periods were logged has none: they get new ones, and
/// their `created` events after the restore).
pub(super) fn restore(conn: &Conn, periods: &[StoredPeriod]) -> Result<()> {
    for stored in periods {
        stored.period.validate()?;
        if stored.id > 0 {
            insert_row(conn, stored)?;
        } else {
            let p = &stored.period;
            conn.execute(
                "INSERT INTO periods (year, code, label, start_date, end_date, report_due)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    p.year,
                    p.code,
                    p.label,
                    iso(p.start),
                    iso(p.end),
                    iso(p.report_due)
                ],
            )?;
        }
    }
    Ok(())
}
