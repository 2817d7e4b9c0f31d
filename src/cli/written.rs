//! What a change of an assignment wrote, said after `set`, `report`,
//! `undo` and `goal link`.

use std::io::Write;

use anyhow::Result;

use crate::domain::text::sanitize_line;
use crate::store::Changed;
use crate::words::cli::Texts;
use crate::words::events::describe as describe_event;

/// Says what was written, one line per event.
pub fn report(out: &mut dyn Write, changed: &Changed, t: &Texts) -> Result<()> {
    let a = &changed.assignment;
    if changed.events.is_empty() {
        writeln!(out, "{}", t.nothing_changed(a.id))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        t.saved(a.id, a.version, &sanitize_line(&a.title))
    )?;
    for event in &changed.events {
        writeln!(out, "  {}", sanitize_line(&describe_event(event, t.lang)))?;
    }
    Ok(())
}
