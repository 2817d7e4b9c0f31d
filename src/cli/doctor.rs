//! `styr doctor`: SQLite's checks and the event log replayed against the state.

use std::io::Write;

use anyhow::{bail, Result};

use super::Context;
use crate::domain::text::sanitize_line;

pub fn run(context: &Context, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let diagnosis = store.diagnose()?;
    if diagnosis.is_ok() {
        writeln!(
            out,
            "ok: {} assignments agree with {} events replayed, {} goals and årshjul entries with {} catalog events; integrity check passed{}",
            diagnosis.assignments,
            diagnosis.events,
            diagnosis.catalog_items,
            diagnosis.catalog_events,
            if store.is_read_only() {
                " (read-only)"
            } else {
                ""
            }
        )?;
        return Ok(());
    }
    for problem in &diagnosis.problems {
        writeln!(out, "{}", sanitize_line(problem))?;
    }
    out.flush()?;
    bail!(
        "{} problem(s) in {}: the stored state and the event log disagree or the file is damaged",
        diagnosis.problems.len(),
        context.db.display()
    )
}
