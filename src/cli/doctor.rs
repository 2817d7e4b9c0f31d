//! `styr doctor`: SQLite's checks and the event log replayed against the state.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::domain::text::sanitize_line;
use crate::words::problems::guards_restored;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Put back the append-only guards of the logs if they are gone (noted in the database)
    #[arg(long)]
    repair: bool,
}

pub fn run(context: &Context, args: DoctorArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = context.open()?;
    if args.repair {
        let restored = store.restore_guards(&context.stamp())?;
        writeln!(out, "{}", guards_restored(&restored, context.lang))?;
    }
    let diagnosis = store.diagnose()?;
    if diagnosis.is_ok() {
        let ok = context.texts().doctor_ok(
            diagnosis.assignments,
            diagnosis.events,
            diagnosis.catalog_items,
            diagnosis.catalog_events,
            store.is_read_only(),
        );
        writeln!(out, "{ok}")?;
        return Ok(());
    }
    for problem in &diagnosis.problems {
        writeln!(
            out,
            "{}",
            sanitize_line(&problem.message(context.texts().lang))
        )?;
    }
    out.flush()?;
    bail!(context
        .texts()
        .doctor_problems(diagnosis.problems.len(), &context.db.display().to_string()))
}
