//! `styr doctor`: SQLite's checks (on a file) or the server's guards and
//! durability (on a server), and the event logs replayed against the state.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::domain::text::sanitize_line;
use crate::store::Undurable;
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
    let undurable = store.undurable_settings()?;
    if !undurable.is_empty() {
        let settings: Vec<&str> = undurable
            .iter()
            .map(|setting| match setting {
                Undurable::Fsync => "fsync = off",
                Undurable::SynchronousCommit => "synchronous_commit = off",
            })
            .collect();
        writeln!(
            out,
            "{}",
            context.texts().server_not_durable(&settings.join(", "))
        )?;
    }
    if diagnosis.is_ok() {
        let texts = context.texts();
        let ok = match store.is_on_server() {
            false => texts.doctor_ok(
                diagnosis.assignments,
                diagnosis.events,
                diagnosis.catalog_items,
                diagnosis.catalog_events,
                store.is_read_only(),
            ),
            true => texts.doctor_ok_server(
                diagnosis.assignments,
                diagnosis.events,
                diagnosis.catalog_items,
                diagnosis.catalog_events,
                store.is_read_only(),
            ),
        };
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
    let place = context.db_shown();
    bail!(context
        .texts()
        .doctor_problems(diagnosis.problems.len(), &sanitize_line(&place)))
}
