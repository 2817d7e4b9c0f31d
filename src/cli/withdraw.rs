//! `styr withdraw EVENT`: withdraw a mistaken comment or report. A new
//! event marks it; the log keeps it, and a withdrawn report no longer
//! counts as delivered.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::domain::text::sanitize_line;
use crate::words::events::describe as describe_event;

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The event id of the comment or report (as `show` and `log` list it)
    event: i64,
    /// Why it is withdrawn
    #[arg(long, short)]
    comment: Option<String>,
}

pub fn run(context: &Context, args: WithdrawArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = context.open_for_writing()?;
    let changed = store.withdraw(args.event, args.comment.as_deref(), &context.stamp())?;
    let lang = context.texts().lang;
    writeln!(
        out,
        "{}",
        crate::words::lists::withdrew(args.event, changed.assignment.id, lang)
    )?;
    for event in &changed.events {
        writeln!(out, "  {}", sanitize_line(&describe_event(event, lang)))?;
    }
    Ok(())
}
