//! `styr year new YYYY --from YYYY`: a new plan year from last year's
//! årshjul and periods, optionally carrying over unfinished assignments.

use std::io::Write;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};

use super::Context;
use crate::store::{NewYear, YearComments, YearOutcome};
use crate::words::cli::Texts;

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
    let plan = NewYear {
        from,
        to,
        carry_over: args.carry_over,
    };
    let started = match store.start_year(plan, &Comments(t), &context.stamp())? {
        YearOutcome::Started(started) => started,
        YearOutcome::NothingToCopy => bail!(t.nothing_to_copy(from)),
        YearOutcome::Taken { wheel, periods } => bail!(t.year_taken(to, wheel, periods)),
    };
    writeln!(
        out,
        "{}",
        t.year_started(
            to,
            from,
            started.wheel,
            started.periods,
            started.carried.len()
        )
    )?;
    if !started.carried.is_empty() {
        let moves: Vec<String> = started
            .carried
            .iter()
            .map(|(old, new)| format!("#{old} → #{new}"))
            .collect();
        writeln!(out, "  {}", moves.join(", "))?;
    }
    Ok(())
}

/// The comments a new year logs, in the chosen language.
struct Comments<'a>(&'a Texts);

impl YearComments for Comments<'_> {
    fn copied_from(&self, from: i32) -> String {
        self.0.copied_from(from)
    }

    fn carried_from(&self, old: i64, old_year: i32) -> String {
        self.0.carried_from(old, old_year)
    }

    fn carried_to(&self, year: i32, new: i64) -> String {
        self.0.carried_to(year, new)
    }
}
