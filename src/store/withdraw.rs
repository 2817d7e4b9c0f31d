//! Withdrawing a mistaken comment or report: a new `withdrawn` event marks
//! it, nothing is erased. A withdrawn report no longer counts as delivered,
//! and the values it set are put back where nobody has changed them since.

use super::db::{params, Conn};
use rusqlite::OptionalExtension;

use super::rows::{self, EVENT_COLUMNS};
use super::write::{apply_changes, insert_event, read_assignment, Changed};
use super::{During, Result, Stamp, Store, StoreError};
use crate::domain::text::clean_comment;
use crate::domain::{Event, Field, ReportValues};

/// Why an event cannot be withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WithdrawRefusal {
    /// Only comments and reports are withdrawn; a change is undone. The field.
    NotCommentOrReport(String),
    /// Withdrawn already, by this event.
    Already(i64),
    /// A withdrawal itself.
    AWithdrawal,
}

impl Store {
    /// Withdraws a comment or report (by event id) as a mistake, in one
    /// transaction: for a report, the status, vurdering and expected
    /// completion it set go back to what they were before it, each where it
    /// still holds the reported value; then a `withdrawn` event names it.
    pub fn withdraw(
        &mut self,
        event_id: i64,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Changed> {
        self.writable()?;
        let tx = self.begin_write()?;
        let target = read_event(&tx, event_id)?;
        check_withdrawable(&tx, &target)?;
        let current = read_assignment(&tx, target.assignment_id)?;
        let mut changed = if target.field == Field::Report.as_str() {
            let edits = report_restores(&target, &current);
            apply_changes(&tx, current, &edits, None, stamp, Some(event_id))?
        } else {
            Changed {
                assignment: current,
                events: Vec::new(),
                skipped: Vec::new(),
            }
        };
        let assignment = &mut changed.assignment;
        let updated = tx.execute(
            "UPDATE assignments SET version = version + 1 WHERE id = ?1 AND version = ?2",
            params![assignment.id, assignment.version],
        )?;
        if updated != 1 {
            return Err(StoreError::ChangedDuring {
                id: assignment.id,
                during: During::Edit,
            });
        }
        assignment.version += 1;
        changed.events.push(insert_event(
            &tx,
            stamp,
            assignment.id,
            Field::Withdrawn,
            None,
            None,
            clean_comment(comment),
            Some(event_id),
            target.period.clone(),
        )?);
        tx.commit()?;
        Ok(changed)
    }
}

fn read_event(conn: &Conn, id: i64) -> Result<Event> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], rows::event)
        .optional()?
        .ok_or(StoreError::UnknownEvent(id))
}

/// A comment or report, not withdrawn before.
fn check_withdrawable(conn: &Conn, target: &Event) -> Result<()> {
    let refuse = |reason| StoreError::CannotWithdraw {
        event: target.id,
        reason,
    };
    match target.field() {
        Ok(Field::Comment | Field::Report) => {}
        Ok(Field::Withdrawn) => return Err(refuse(WithdrawRefusal::AWithdrawal)),
        _ => {
            return Err(refuse(WithdrawRefusal::NotCommentOrReport(
                target.field.clone(),
            )))
        }
    }
    // An undo is compensated by undoing again, not withdrawn.
    if target.undoes.is_some() {
        return Err(refuse(WithdrawRefusal::NotCommentOrReport(
            target.field.clone(),
        )));
    }
    let by: Option<i64> = conn
        .prepare_cached("SELECT id FROM events WHERE field = 'withdrawn' AND undoes = ?1")?
        .query_row([target.id], |r| r.get(0))
        .optional()?;
    match by {
        Some(by) => Err(refuse(WithdrawRefusal::Already(by))),
        None => Ok(()),
    }
}

/// The report's values to put back: each that the report changed and that
/// still holds what it reported.
fn report_restores(
    report: &Event,
    current: &crate::domain::Assignment,
) -> Vec<(Field, Option<String>)> {
    let parse = |v: Option<&str>| v.and_then(|v| ReportValues::from_json(v).ok());
    let (Some(before), Some(after)) = (parse(report.old.as_deref()), parse(report.new.as_deref()))
    else {
        return Vec::new();
    };
    let value = |values: &ReportValues, field: Field| {
        let mut probe = current.clone();
        values.apply_to(&mut probe);
        probe.field_value(field)
    };
    [Field::Status, Field::Assessment, Field::ExpectedDone]
        .into_iter()
        .filter(|&f| value(&before, f) != value(&after, f))
        .filter(|&f| current.field_value(f) == value(&after, f))
        .map(|f| (f, value(&before, f)))
        .collect()
}
