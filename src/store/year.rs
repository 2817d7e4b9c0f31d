//! A new plan year from an earlier one: årshjul, periods and, when asked,
//! the unfinished oppdrag carried over, all in one transaction, so that a
//! crash leaves either the whole year or none of it.

use super::{Result, Stamp, Store};
use crate::domain::date::years_later;
use crate::domain::{Assignment, WheelEntry};

/// The comments a new year writes, in the caller's words.
pub trait YearComments {
    /// On each copied årshjul entry.
    fn copied_from(&self, from: i32) -> String;
    /// On the new copy of a carried assignment.
    fn carried_from(&self, old: i64, old_year: i32) -> String;
    /// On the old assignment, once carried.
    fn carried_to(&self, year: i32, new: i64) -> String;
}

/// What `year new` should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewYear {
    pub from: i32,
    pub to: i32,
    /// Carry the old year's unfinished oppdrag (and their open tasks) over.
    pub carry_over: bool,
}

/// What starting a year did, or why it did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearOutcome {
    Started(YearStarted),
    /// The year to copy from has neither årshjul nor periods.
    NothingToCopy,
    /// The new year has årshjul entries or periods already.
    Taken {
        wheel: usize,
        periods: usize,
    },
}

/// A year started: how much was copied, and each carried oppdrag as (old, new) id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearStarted {
    pub wheel: usize,
    pub periods: usize,
    pub carried: Vec<(i64, i64)>,
}

impl Store {
    /// Starts plan year `plan.to` from `plan.from`: every write, with its
    /// event, in one IMMEDIATE transaction, checked inside it, so nothing
    /// is written when anything is refused or the process dies part-way.
    pub fn start_year(
        &mut self,
        plan: NewYear,
        words: &dyn YearComments,
        stamp: &Stamp,
    ) -> Result<YearOutcome> {
        self.batch(|store| {
            let (from, to) = (plan.from, plan.to);
            let wheel = store.wheel_entries(from)?;
            let periods = store.periods(Some(from))?;
            if wheel.is_empty() && periods.is_empty() {
                return Ok(YearOutcome::NothingToCopy);
            }
            let (taken_wheel, taken_periods) = (
                store.wheel_entries(to)?.len(),
                store.periods(Some(to))?.len(),
            );
            if taken_wheel > 0 || taken_periods > 0 {
                return Ok(YearOutcome::Taken {
                    wheel: taken_wheel,
                    periods: taken_periods,
                });
            }
            let years = to - from;
            let moved_periods: Vec<_> = periods.iter().map(|p| p.years_later(years)).collect();
            for period in &moved_periods {
                period.validate()?;
            }
            let copied = words.copied_from(from);
            for entry in &wheel {
                let moved = WheelEntry {
                    id: 0,
                    year: to,
                    start: years_later(entry.start, years),
                    end: years_later(entry.end, years),
                    ..entry.clone()
                };
                store.create_wheel_entry(&moved, Some(&copied), stamp)?;
            }
            test_pause("wheel");
            for period in &moved_periods {
                store.add_period(period, Some(&copied), stamp)?;
            }
            test_pause("periods");
            let mut carried = Vec::new();
            if plan.carry_over {
                let all = store.assignments()?;
                let open_oppdrag = all
                    .iter()
                    .filter(|a| a.year == from && !a.is_task() && !a.status.is_closed());
                for old in open_oppdrag {
                    let new_id = store.carry(old, None, to, words, stamp)?;
                    for task in all
                        .iter()
                        .filter(|t| t.parent_id == Some(old.id) && !t.status.is_closed())
                    {
                        store.carry(task, Some(new_id), to, words, stamp)?;
                    }
                    carried.push((old.id, new_id));
                    test_pause("carried");
                }
            }
            if store.municipality()?.year < to {
                store.set_plan_year(to)?;
            }
            test_pause("commit");
            Ok(YearOutcome::Started(YearStarted {
                wheel: wheel.len(),
                periods: moved_periods.len(),
                carried,
            }))
        })
    }

    /// Creates the new year's copy of an unfinished assignment (or task),
    /// with a creation comment naming the old one, and notes the move on
    /// the old one.
    fn carry(
        &mut self,
        old: &Assignment,
        parent: Option<i64>,
        year: i32,
        words: &dyn YearComments,
        stamp: &Stamp,
    ) -> Result<i64> {
        let draft = Assignment {
            id: 0,
            parent_id: parent,
            year,
            version: 0,
            ..old.clone()
        };
        let comment = words.carried_from(old.id, old.year);
        let new_id = self
            .create_assignment(&draft, Some(&comment), stamp)?
            .assignment
            .id;
        let note = words.carried_to(year, new_id);
        self.change(old.id, None, &[], Some(&note), stamp)?;
        Ok(new_id)
    }
}

/// For the crash tests only: with `STYR_TEST_PAUSE_AT=<step>` (or
/// `<step>:<n>` for the n-th time, counted from 1) and `STYR_TEST_PAUSE_FILE`,
/// creates that file at the step and waits there forever, inside the open
/// transaction, for the test to kill the process.
fn test_pause(step: &str) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static SEEN: AtomicUsize = AtomicUsize::new(0);
    let Ok(at) = std::env::var("STYR_TEST_PAUSE_AT") else {
        return;
    };
    let (name, nth) = match at.split_once(':') {
        Some((name, n)) => (name.to_string(), n.parse().unwrap_or(1)),
        None => (at, 1),
    };
    if name != step {
        return;
    }
    if SEEN.fetch_add(1, Ordering::SeqCst) + 1 != nth {
        return;
    }
    if let Ok(signal) = std::env::var("STYR_TEST_PAUSE_FILE") {
        let _ = std::fs::write(signal, step);
    }
    loop {
        std::thread::park();
    }
}
