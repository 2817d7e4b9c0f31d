//! Reporting periods, reports, and the assignments missing a report.

use std::collections::HashSet;

use chrono::{Days, NaiveDate, NaiveTime};
use rusqlite::{params, Connection, TransactionBehavior};

use super::rows::{self, EVENT_COLUMNS};
use super::write::{insert_event, read_current, Changed};
use super::{During, Narrowing, Result, Stamp, Store, StoreError};
use crate::domain::date::iso;
use crate::domain::period::{
    check_new_period, find_period as find_in, missing_reports, reporting_period,
};
use crate::domain::report::{check_not_empty, check_reportable};
use crate::domain::text::clean_comment;
use crate::domain::{
    Assignment, Event, Field, Period, PeriodId, ReportDraft, ReportValues, Status,
};

/// The assignments missing their report for the period being reported on.
#[derive(Debug, Clone)]
pub struct MissingReports {
    /// The period being reported on (see [`reporting_period`]).
    pub period: Period,
    /// Whether its report deadline has passed; before that nothing is missing yet.
    pub deadline_passed: bool,
    /// The assignments whose report is missing, by id.
    pub assignments: Vec<Assignment>,
}

const PERIOD_COLUMNS: &str = "year, code, label, start_date, end_date, report_due";

fn period_row(row: &rusqlite::Row) -> rusqlite::Result<Period> {
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = row.get(i)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
        })
    };
    Ok(Period {
        year: row.get(0)?,
        code: row.get(1)?,
        label: row.get(2)?,
        start: date(3)?,
        end: date(4)?,
        report_due: date(5)?,
    })
}

fn read_periods(conn: &Connection, year: Option<i32>) -> Result<Vec<Period>> {
    let sql = format!(
        "SELECT {PERIOD_COLUMNS} FROM periods WHERE (?1 IS NULL OR year = ?1)
         ORDER BY year, end_date, report_due, code"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let periods = stmt
        .query_map([year], period_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(periods)
}

/// The period an id names, or an error listing the year's periods.
fn find_period(conn: &Connection, text: &str) -> Result<Period> {
    let id = PeriodId::parse(text)?;
    let periods = read_periods(conn, Some(id.year))?;
    Ok(find_in(&periods, &id)?.clone())
}

impl Store {
    /// The reporting periods, of one plan year or all, in order of their end.
    pub fn periods(&self, year: Option<i32>) -> Result<Vec<Period>> {
        read_periods(&self.conn, year)
    }

    /// The period an id such as `2023-T2` names.
    pub fn period(&self, id: &str) -> Result<Period> {
        find_period(&self.conn, id)
    }

    /// Adds a reporting period; refuses an invalid one or one that exists.
    pub fn add_period(&mut self, period: &Period) -> Result<()> {
        self.writable()?;
        period.validate()?;
        period.check_label_printable()?;
        let tx = self.begin_write()?;
        check_new_period(period, &read_periods(&tx, Some(period.year))?)?;
        tx.execute(
            "INSERT INTO periods (year, code, label, start_date, end_date, report_due)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                period.year,
                period.code,
                period.label.trim(),
                iso(period.start),
                iso(period.end),
                iso(period.report_due)
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records a report: one `report` event carrying the period, which also
    /// sets the assignment's status, vurdering and expected completion to
    /// the reported values. Refused (nothing written) for an empty report,
    /// an unknown period, a period of another plan year, a task, a
    /// cancelled assignment, or a stale `expected_version`.
    pub fn report(
        &mut self,
        id: i64,
        expected_version: Option<i64>,
        draft: &ReportDraft,
        stamp: &Stamp,
    ) -> Result<Changed> {
        self.writable()?;
        check_not_empty(draft)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = read_current(&tx, id, expected_version)?;
        let period = find_period(&tx, &draft.period)?;
        check_reportable(&current, &period)?;
        let before = ReportValues::of(&current);
        let after = draft.values_for(&current);
        let mut next = current.clone();
        after.apply_to(&mut next);
        next.version = current.version + 1;
        let updated = tx.execute(
            "UPDATE assignments SET status = ?1, assessment = ?2, expected_done = ?3, version = ?4
             WHERE id = ?5 AND version = ?6",
            params![
                next.status.as_str(),
                next.assessment.map(|a| a.as_str()),
                next.expected_done.map(iso),
                next.version,
                id,
                current.version
            ],
        )?;
        if updated != 1 {
            return Err(StoreError::ChangedDuring {
                id,
                during: During::Report,
            });
        }
        let event = insert_event(
            &tx,
            stamp,
            id,
            Field::Report,
            Some(before.to_json()),
            Some(after.to_json()),
            clean_comment(draft.comment.as_deref()),
            None,
            Some(period.id()),
        )?;
        tx.commit()?;
        Ok(Changed {
            assignment: next,
            events: vec![event],
            skipped: Vec::new(),
        })
    }

    /// The period being reported on at `today`, if any has ended.
    pub fn reporting_period(&self, today: NaiveDate) -> Result<Option<Period>> {
        Ok(reporting_period(&self.periods(None)?, today).cloned())
    }

    /// The assignments missing their report for the period being reported
    /// on at `today` (see [`crate::domain::period::missing_reports`]), all
    /// read from one state of the database. `None` when no period has ended.
    ///
    /// Reads only what the answer depends on, so it stays cheap at a million
    /// events: the period's oppdrag (not tasks, not cancelled), less those
    /// with a report for it (by the `events_period` index), and of the rest
    /// only the events that decide whether they were open during the period
    /// (creation, status and reports, up to the period's end), by the
    /// `events_assignment` index.
    pub fn missing_reports(&self, today: NaiveDate) -> Result<Option<MissingReports>> {
        self.missing_reports_of(today, None)
    }

    /// [`Store::missing_reports`] judged only for the assignments with
    /// these ids: the others are left out of the answer. For a reader that
    /// keeps the answer and only judges again what changed since.
    pub fn missing_reports_among(
        &self,
        today: NaiveDate,
        ids: &[i64],
    ) -> Result<Option<MissingReports>> {
        self.missing_reports_of(today, Some(ids))
    }

    fn missing_reports_of(
        &self,
        today: NaiveDate,
        among: Option<&[i64]>,
    ) -> Result<Option<MissingReports>> {
        self.read(|store| {
            let Some(period) = store.reporting_period(today)? else {
                return Ok(None);
            };
            let deadline_passed = today > period.report_due;
            if !deadline_passed {
                return Ok(Some(MissingReports {
                    period,
                    deadline_passed,
                    assignments: Vec::new(),
                }));
            }
            let reported = store.reported(&period)?;
            let read = match among {
                None => store.assignments_narrowed(&Narrowing {
                    year: Some(period.year),
                    top_level_only: true,
                    ..Narrowing::default()
                })?,
                Some(ids) => store.assignments_with_ids(ids)?,
            };
            let candidates: Vec<Assignment> = read
                .into_iter()
                .filter(|a| {
                    a.year == period.year
                        && !a.is_task()
                        && a.status != Status::Cancelled
                        && !reported.contains(&a.id)
                })
                .collect();
            let events = store.openness_events(&period, among)?;
            let ids: HashSet<i64> = missing_reports(&period, &candidates, &events, today)
                .into_iter()
                .collect();
            let missing = candidates
                .into_iter()
                .filter(|a| ids.contains(&a.id))
                .collect();
            Ok(Some(MissingReports {
                deadline_passed,
                period,
                assignments: missing,
            }))
        })
    }

    /// The assignments with a report for the period.
    fn reported(&self, period: &Period) -> Result<HashSet<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT assignment_id FROM events AS r WHERE period = ?1 AND field = 'report'
             AND NOT EXISTS (SELECT 1 FROM events AS w WHERE w.field = 'withdrawn' AND w.undoes = r.id)",
        )?;
        let ids = stmt
            .query_map([period.id()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// The events that decide whether the period's open oppdrag were open
    /// during it: creation, status changes and reports (the only events that
    /// change a status), logged up to the period's end. Days are judged in
    /// local time, so two days past the end in UTC are read to be safe; later
    /// events are ignored by the replay.
    fn openness_events(&self, period: &Period, among: Option<&[i64]>) -> Result<Vec<Event>> {
        let of = match among {
            None => {
                "(SELECT id FROM assignments
                      WHERE year = ?1 AND parent_id IS NULL AND status <> 'cancelled')"
            }
            Some(_) => "(SELECT value FROM json_each(?3))",
        };
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE assignment_id IN {of}
               AND field IN ('created', 'status', 'report') AND at < ?2
             ORDER BY assignment_id, id"
        );
        let until = period
            .end
            .checked_add_days(Days::new(2))
            .unwrap_or(period.end)
            .and_time(NaiveTime::MIN)
            .and_utc();
        let ids = serde_json::to_string(among.unwrap_or_default())
            .expect("a list of ids always serialises");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let events = match among {
            None => stmt.query_map(params![period.year, rows::instant(until)], rows::event)?,
            Some(_) => {
                stmt.query_map(params![period.year, rows::instant(until), ids], rows::event)?
            }
        }
        .collect::<rusqlite::Result<_>>()?;
        Ok(events)
    }
}
