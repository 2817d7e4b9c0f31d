//! `styr year new YYYY --from YYYY`: a new plan year from last year's
//! årshjul and periods, optionally carrying over unfinished assignments.

use std::io::Write;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};

use super::Context;
use crate::domain::date::years_later;
use crate::domain::{Assignment, WheelEntry};

#[derive(Debug, Args)]
pub struct YearArgs {
    #[command(subcommand)]
    command: YearCommand,
}

#[derive(Debug, Subcommand)]
enum YearCommand {
    /// Start a plan year: copy an earlier year's årshjul and periods with dates moved
    New(NewArgs),
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The new plan year
    year: i32,
    /// The year to copy from
    #[arg(long, value_name = "YEAR")]
    from: i32,
    /// Also carry the old year's unfinished assignments (not done or cancelled) into the new year
    #[arg(long)]
    carry_over: bool,
}

pub fn run(context: &Context, args: YearArgs, out: &mut dyn Write) -> Result<()> {
    match args.command {
        YearCommand::New(args) => new_year(context, args, out),
    }
}

fn new_year(context: &Context, args: NewArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let (from, to) = (args.from, args.year);
    if !(1000..=9999).contains(&to) {
        bail!(t.invalid_year(to));
    }
    if from == to {
        bail!(t.same_year(to));
    }
    let mut store = context.open_for_writing()?;
    let years = to - from;
    let wheel = store.wheel_entries(from)?;
    let periods = store.periods(Some(from))?;
    if wheel.is_empty() && periods.is_empty() {
        bail!(t.nothing_to_copy(from));
    }
    let (taken_wheel, taken_periods) = (
        store.wheel_entries(to)?.len(),
        store.periods(Some(to))?.len(),
    );
    if taken_wheel > 0 || taken_periods > 0 {
        bail!(t.year_taken(to, taken_wheel, taken_periods));
    }
    // Everything is checked before the first write, so bad input changes nothing.
    let moved_wheel: Vec<WheelEntry> = wheel
        .iter()
        .map(|e| WheelEntry {
            id: 0,
            year: to,
            start: years_later(e.start, years),
            end: years_later(e.end, years),
            ..e.clone()
        })
        .collect();
    let moved_periods: Vec<_> = periods.iter().map(|p| p.years_later(years)).collect();
    for period in &moved_periods {
        period.validate()?;
    }
    let all = store.assignments()?;
    let carried: Vec<&Assignment> = if args.carry_over {
        all.iter()
            .filter(|a| a.year == from && !a.is_task() && !a.status.is_closed())
            .collect()
    } else {
        Vec::new()
    };

    let stamp = context.stamp();
    let copied = t.copied_from(from);
    for entry in &moved_wheel {
        store.create_wheel_entry(entry, Some(&copied), &stamp)?;
    }
    for period in &moved_periods {
        store.add_period(period)?;
    }
    let mut moves = Vec::new();
    for old in &carried {
        let new_id = carry(&mut store, old, None, to, &stamp, t)?;
        for task in all
            .iter()
            .filter(|t| t.parent_id == Some(old.id) && !t.status.is_closed())
        {
            carry(&mut store, task, Some(new_id), to, &stamp, t)?;
        }
        moves.push(format!("#{} → #{new_id}", old.id));
    }
    if store.municipality()?.year < to {
        store.set_plan_year(to)?;
    }
    writeln!(
        out,
        "{}",
        t.year_started(
            to,
            from,
            moved_wheel.len(),
            moved_periods.len(),
            carried.len()
        )
    )?;
    if !moves.is_empty() {
        writeln!(out, "  {}", moves.join(", "))?;
    }
    Ok(())
}

/// Creates the new year's copy of an unfinished assignment (or task), with
/// a creation comment naming the old one, and notes the move on the old one.
fn carry(
    store: &mut crate::store::Store,
    old: &Assignment,
    parent: Option<i64>,
    year: i32,
    stamp: &crate::store::Stamp,
    t: &crate::words::cli::Texts,
) -> Result<i64> {
    let draft = Assignment {
        id: 0,
        parent_id: parent,
        year,
        version: 0,
        ..old.clone()
    };
    let comment = t.carried_from(old.id, old.year);
    let new_id = store
        .create_assignment(&draft, Some(&comment), stamp)?
        .assignment
        .id;
    let note = t.carried_to(year, new_id);
    store.change(old.id, None, &[], Some(&note), stamp)?;
    Ok(new_id)
}
