//! `styr undo`: undo your last change by appending a compensating event.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::strings::Texts;
use super::Context;
use crate::domain::text::sanitize_line;
use crate::store::Skipped;
use crate::words::events::describe as describe_event;

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Why the change is undone
    #[arg(long, short)]
    comment: Option<String>,
}

/// How many passed-over changes are listed one by one.
const SKIPPED_SHOWN: usize = 10;

pub fn run(context: &Context, args: UndoArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = context.open_for_writing()?;
    let changed = store.undo_last(args.comment.as_deref(), &context.stamp())?;
    let (own, others): (Vec<_>, Vec<_>) = changed
        .events
        .iter()
        .cloned()
        .partition(|e| e.assignment_id == changed.assignment.id);
    let one = crate::store::Changed {
        events: own,
        ..changed.clone()
    };
    super::written::report(out, &one, context.texts())?;
    // A change to several assignments at once is undone as one.
    for event in &others {
        let line = describe_event(event, context.texts().lang);
        writeln!(out, "  #{} {}", event.assignment_id, sanitize_line(&line))?;
    }
    report_skipped(out, &changed.skipped, context.texts())
}

/// Says which newer changes were passed over, and why.
fn report_skipped(out: &mut dyn Write, skipped: &[Skipped], t: &Texts) -> Result<()> {
    if skipped.is_empty() {
        return Ok(());
    }
    let n = skipped.len();
    writeln!(out, "{}", t.skipped(n))?;
    for s in skipped.iter().take(SKIPPED_SHOWN) {
        let line = t.skipped_event(
            s.event.id,
            s.event.assignment_id,
            &describe_event(&s.event, t.lang),
            &s.reason.message(t.lang),
        );
        writeln!(out, "  {}", sanitize_line(&line))?;
    }
    if n > SKIPPED_SHOWN {
        writeln!(out, "  {}", t.and_more(n - SKIPPED_SHOWN))?;
    }
    Ok(())
}
