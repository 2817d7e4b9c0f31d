//! `styr generate` (hidden): a synthetic database for benchmarks and for
//! trying styr at scale.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use super::init::replace_with;
use super::Context;
use crate::generate::{generate, today, Spec};
use crate::store::{Store, StoreError};

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Assignments and tasks together
    #[arg(long)]
    assignments: u64,
    /// Events per assignment, its creation included
    #[arg(long, default_value_t = 10)]
    events_per_assignment: u32,
    /// The same seed gives the same database
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The plan year (the data spans it and the three years before)
    #[arg(long, default_value_t = 2023)]
    year: i32,
    /// Replace an existing styr database
    #[arg(long)]
    force: bool,
}

pub fn run(context: &Context, args: GenerateArgs, out: &mut dyn Write) -> Result<()> {
    let path = &context.db;
    if args.events_per_assignment == 0 {
        bail!("--events-per-assignment must be at least 1 (the creation)");
    }
    if !(1004..=9999).contains(&args.year) {
        bail!(
            "invalid plan year {} (use four digits, e.g. 2023)",
            args.year
        );
    }
    if path.exists() {
        if !args.force {
            return Err(StoreError::Exists(path.clone()).into());
        }
        if let Err(e) = Store::open(path) {
            bail!("{e}; --force replaces only a styr database, so it was left as it is");
        }
    }
    let spec = Spec {
        assignments: args.assignments,
        events_per_assignment: args.events_per_assignment,
        seed: args.seed,
        year: args.year,
    };
    let mut summary = None;
    replace_with(path, args.force, context.texts(), |store| {
        summary = Some(generate(store, &spec)?);
        Ok(())
    })?;
    let s = summary.unwrap_or_default();
    writeln!(
        out,
        "Created {}: {} assignments ({} of them tasks), {} events, {} goals; {} overdue on {} (its suggested today).",
        path.display(),
        s.assignments,
        s.tasks,
        s.events,
        s.goals,
        s.overdue,
        today(args.year)
    )?;
    Ok(())
}
