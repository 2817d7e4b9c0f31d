//! `styr undo`: undo your last change by appending a compensating event.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::strings::Texts;
use super::Context;
use crate::domain::text::sanitize_line;
use crate::store::{Passed, Undone};
use crate::words::events::describe as describe_event;
use crate::words::problems::catalog_change;

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
    let today = context.today(&store)?;
    let outcome = store.undo(args.comment.as_deref(), today, &context.stamp())?;
    let t = context.texts();
    match &outcome.undone {
        Undone::Assignment(changed) => {
            let (own, others): (Vec<_>, Vec<_>) = changed
                .events
                .iter()
                .cloned()
                .partition(|e| e.assignment_id == changed.assignment.id);
            let one = crate::store::Changed {
                events: own,
                ..(**changed).clone()
            };
            super::written::report(out, &one, t)?;
            // A change to several assignments at once is undone as one.
            for event in &others {
                let line = describe_event(event, t.lang);
                writeln!(out, "  #{} {}", event.assignment_id, sanitize_line(&line))?;
            }
        }
        Undone::Catalog(events) => {
            for event in events {
                let line = t.undone_catalog(&catalog_change(event, t.lang));
                writeln!(out, "{}", sanitize_line(&line))?;
            }
        }
    }
    report_skipped(out, &outcome.passed, t)
}

/// Says which newer changes were passed over, and why.
fn report_skipped(out: &mut dyn Write, skipped: &[Passed], t: &Texts) -> Result<()> {
    if skipped.is_empty() {
        return Ok(());
    }
    let n = skipped.len();
    writeln!(out, "{}", t.skipped(n))?;
    for passed in skipped.iter().take(SKIPPED_SHOWN) {
        let line = match passed {
            Passed::Assignment(s) => t.skipped_event(
                s.event.id,
                s.event.assignment_id,
                &describe_event(&s.event, t.lang),
                &s.reason.message(t.lang),
            ),
            Passed::Catalog(s) => t.skipped_catalog_event(
                s.event.id,
                &catalog_change(&s.event, t.lang),
                &s.reason.message(t.lang),
            ),
        };
        writeln!(out, "  {}", sanitize_line(&line))?;
    }
    if n > SKIPPED_SHOWN {
        writeln!(out, "  {}", t.and_more(n - SKIPPED_SHOWN))?;
    }
    Ok(())
}
