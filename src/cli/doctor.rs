//! `styr doctor`: SQLite's checks and the event log replayed against the state.

use std::io::Write;

use anyhow::{bail, Result};

use super::Context;
use crate::domain::text::sanitize_line;

pub fn run(context: &Context, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
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
