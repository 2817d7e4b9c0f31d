//! Reporting periods, reports, and the assignments missing a report.

use std::collections::HashSet;

use super::db::{params, Conn, Row};
use chrono::{Days, NaiveDate, NaiveTime};

use super::rows::{self, EVENT_COLUMNS};
use super::write::{insert_event, read_current, Changed};
use super::{During, Narrowing, Result, Stamp, Store, StoreError};
use crate::domain::approval::{
    check_decision, latest_report, report_state, Decision, ReportKind, ReportState,
};
use crate::domain::date::iso;
use crate::domain::period::report_required;
use crate::domain::period::{find_period as find_in, missing_reports, reporting_period};
use crate::domain::report::{check_not_empty, check_reportable};
use crate::domain::text::clean_comment;
use crate::domain::{
    Assignment, Event, Field, Period, PeriodId, ReportDraft, ReportValues, Status,
};

/// An oppdrag whose report for a period is required or given, with the
/// state of that report and the latest report itself.
#[derive(Debug, Clone)]
pub struct ReportLine {
    pub assignment: Assignment,
    pub state: ReportState,
    /// The latest report for the period, if any.
    pub report: Option<Event>,
}

/// The assignments missing their report for the period being reported on.
#[derive(Debug, Clone)]
pub struct MissingReports {
    /// The period being reported on (see [`reporting_period`]).
    pub period: Period,
    /// Whether its report deadline has passed; before that nothing is missing yet.
    pub deadline_passed: bool,
    /// The assignments whose report is missing, by id.
    pub assignments: Vec<Assignment>,
    /// The assignments whose latest report for the period awaits approval
    /// (given, or sent back, and not approved since), by id.
    pub awaiting: Vec<i64>,
    /// The assignments whose latest report for the period is approved, by id.
    pub approved: Vec<i64>,
}

impl MissingReports {
    /// The state of an assignment's report for the period, as far as this
    /// answer tells: `None` when it is neither missing nor given.
    pub fn state_of(&self, id: i64) -> Option<ReportKind> {
        if self.assignments.iter().any(|a| a.id == id) {
            Some(ReportKind::Missing)
        } else if self.awaiting.contains(&id) {
            Some(ReportKind::Awaiting)
        } else if self.approved.contains(&id) {
            Some(ReportKind::Approved)
        } else {
            None
        }
    }

    /// The ids in any of these states.
    pub fn ids_in(&self, kinds: &[ReportKind]) -> std::collections::HashSet<i64> {
        let mut ids = std::collections::HashSet::new();
        if kinds.contains(&ReportKind::Missing) {
            ids.extend(self.assignments.iter().map(|a| a.id));
        }
        if kinds.contains(&ReportKind::Awaiting) {
            ids.extend(self.awaiting.iter().copied());
        }
        if kinds.contains(&ReportKind::Approved) {
            ids.extend(self.approved.iter().copied());
        }
        ids
    }
}

const PERIOD_COLUMNS: &str = "year, code, label, start_date, end_date, report_due";

fn period_row(row: &Row) -> rusqlite::Result<Period> {
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

fn read_periods(conn: &Conn, year: Option<i32>) -> Result<Vec<Period>> {
    let sql = format!(
        "SELECT {PERIOD_COLUMNS} FROM periods WHERE (CAST(?1 AS BIGINT) IS NULL OR year = ?1)
         ORDER BY year, end_date, report_due, code"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let periods = stmt
        .query_map([year], period_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(periods)
}

/// The period an id names, or an error listing the year's periods.
fn find_period(conn: &Conn, text: &str) -> Result<Period> {
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
        let tx = self.conn.write_transaction()?;
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

    /// Approves, or sends back with a comment, the assignment's latest
    /// report for the period: one `approval` event carrying the period.
    /// Refused (nothing written) when there is no report, when the actor
    /// wrote it, when it is approved already (to approve), or when a
    /// send-back has no comment.
    pub fn decide_report(
        &mut self,
        id: i64,
        period: &str,
        decision: Decision,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Changed> {
        self.writable()?;
        let stamp = &self.acting(stamp)?;
        let comment = clean_comment(comment);
        let tx = self.begin_write()?;
        let current = read_current(&tx, id, None)?;
        let period = find_period(&tx, period)?;
        let events = decision_events(&tx, &[id], &period)?;
        let refs: Vec<&Event> = events.iter().collect();
        check_decision(
            id,
            &refs,
            &period.id(),
            &stamp.actor,
            decision,
            comment.as_deref(),
        )?;
        let event = insert_event(
            &tx,
            stamp,
            id,
            Field::Approval,
            None,
            Some(decision.as_str().to_string()),
            comment,
            None,
            Some(period.id()),
        )?;
        tx.commit()?;
        Ok(Changed {
            assignment: current,
            events: vec![event],
            skipped: Vec::new(),
        })
    }

    /// Every oppdrag whose report for the period is required (see
    /// [`report_required`]) with the state of its report: missing,
    /// awaiting approval or approved; in the order of the listing.
    pub fn report_states(&self, period: &Period) -> Result<Vec<ReportLine>> {
        self.read(|store| {
            let candidates: Vec<Assignment> = store
                .assignments_narrowed(&Narrowing {
                    year: Some(period.year),
                    top_level_only: true,
                    ..Narrowing::default()
                })?
                .into_iter()
                .filter(|a| a.year == period.year && !a.is_task())
                .collect();
            let ids: Vec<i64> = candidates.iter().map(|a| a.id).collect();
            let events = decision_events(&store.conn, &ids, period)?;
            let mut by_assignment: std::collections::HashMap<i64, Vec<&Event>> =
                std::collections::HashMap::new();
            for event in &events {
                by_assignment
                    .entry(event.assignment_id)
                    .or_default()
                    .push(event);
            }
            let id = period.id();
            Ok(candidates
                .into_iter()
                .filter_map(|a| {
                    let own = by_assignment.get(&a.id).map_or(&[][..], Vec::as_slice);
                    let state = report_state(own, &id);
                    let required = report_required(period, &a, own);
                    let report = latest_report(own, &id).cloned();
                    // A report given is shown even when none was required.
                    (required || state != ReportState::Missing).then_some(ReportLine {
                        assignment: a,
                        state,
                        report,
                    })
                })
                .collect())
        })
    }

    /// The oppdrag of the period's year closed (done or cancelled, by a
    /// status change or a report) on a day of the period: each with the
    /// status it was closed to and the day, in order of the day.
    pub fn closed_during(&self, period: &Period) -> Result<Vec<(i64, Status, NaiveDate)>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE assignment_id IN (SELECT id FROM assignments
                                     WHERE year = ?1 AND parent_id IS NULL)
               AND field IN ('status', 'report') AND at >= ?2 AND at < ?3
             ORDER BY id"
        );
        let edge = |day: NaiveDate| rows::instant(day.and_time(NaiveTime::MIN).and_utc());
        let from = period
            .start
            .checked_sub_days(Days::new(1))
            .unwrap_or(period.start);
        let until = period
            .end
            .checked_add_days(Days::new(2))
            .unwrap_or(period.end);
        let events: Vec<Event> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params![period.year, edge(from), edge(until)], rows::event)?
            .collect::<rusqlite::Result<_>>()?;
        let status_of = |e: &Event, value: Option<&str>| -> Option<Status> {
            let value = value?;
            if e.field == Field::Report.as_str() {
                ReportValues::from_json(value).ok().map(|v| v.status)
            } else {
                Status::parse(value).ok()
            }
        };
        let mut closed = Vec::new();
        for e in &events {
            let day = crate::domain::date::local_date(e.at);
            if !period.contains(day) {
                continue;
            }
            let before = status_of(e, e.old.as_deref());
            let after = status_of(e, e.new.as_deref());
            if let Some(after) = after.filter(|s| s.is_closed()) {
                if before.is_none_or(|b| !b.is_closed()) {
                    closed.push((e.assignment_id, after, day));
                }
            }
        }
        Ok(closed)
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
                let (awaiting, approved) = store.decided_states(&period)?;
                return Ok(Some(MissingReports {
                    period,
                    deadline_passed,
                    assignments: Vec::new(),
                    awaiting,
                    approved,
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
            let (awaiting, approved) = store.decided_states(&period)?;
            Ok(Some(MissingReports {
                deadline_passed,
                awaiting,
                approved,
                period,
                assignments: missing,
            }))
        })
    }

    /// The assignments whose latest report for the period awaits approval,
    /// and those whose latest report is approved, by id: read from the
    /// period's reports and approvals only (the `events_period` index), so
    /// it stays cheap on a long log.
    fn decided_states(&self, period: &Period) -> Result<(Vec<i64>, Vec<i64>)> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE period = ?1 AND field IN ('report', 'approval') ORDER BY assignment_id, id"
        );
        let events: Vec<Event> = self
            .conn
            .prepare_cached(&sql)?
            .query_map([period.id()], rows::event)?
            .collect::<rusqlite::Result<_>>()?;
        // A withdrawn report counts as absent: the withdrawals of these
        // assignments, by their own index.
        let mut ids: Vec<i64> = events.iter().map(|e| e.assignment_id).collect();
        ids.dedup();
        let withdrawn: std::collections::HashSet<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT undoes FROM events
                     WHERE assignment_id IN ({})
                       AND field = 'withdrawn' AND undoes IS NOT NULL",
                self.conn.id_set(1)
            ))?
            .query_map([self.conn.id_list(&ids)], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let id = period.id();
        let (mut awaiting, mut approved) = (Vec::new(), Vec::new());
        for own in events.chunk_by(|a, b| a.assignment_id == b.assignment_id) {
            let refs: Vec<&Event> = own.iter().filter(|e| !withdrawn.contains(&e.id)).collect();
            match report_state(&refs, &id) {
                ReportState::Awaiting { .. } => awaiting.push(own[0].assignment_id),
                ReportState::Approved { .. } => approved.push(own[0].assignment_id),
                ReportState::Missing => {}
            }
        }
        Ok((awaiting, approved))
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
            None => "(SELECT id FROM assignments
                      WHERE year = ?1 AND parent_id IS NULL AND status <> 'cancelled')"
                .to_string(),
            Some(_) => format!("({})", self.conn.id_set(3)),
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
        let ids = self.conn.id_list(among.unwrap_or_default());
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

/// The events of these assignments that decide whether they were open
/// during the period and what became of their reports for it: creation,
/// status changes, and reports and approvals (of this period), oldest first.
fn decision_events(conn: &Conn, ids: &[i64], period: &Period) -> Result<Vec<Event>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events
         WHERE assignment_id IN ({})
           AND (field IN ('created', 'status', 'withdrawn')
                OR (field IN ('report', 'approval') AND period = ?2))
         ORDER BY assignment_id, id",
        conn.id_set(1)
    );
    let ids = conn.id_list(ids);
    let mut stmt = conn.prepare_cached(&sql)?;
    let events = stmt
        .query_map(params![ids, period.id()], rows::event)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(events)
}
