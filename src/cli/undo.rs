//! `styr undo`: undo your last change by appending a compensating event.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Why the change is undone
    #[arg(long, short)]
    comment: Option<String>,
}

pub fn run(context: &Context, args: UndoArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = context.open_for_writing()?;
    let changed = store.undo_last(args.comment.as_deref(), &context.stamp())?;
    super::set::report(out, &changed)
}
