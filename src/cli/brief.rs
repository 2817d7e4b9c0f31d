//! `styr brief --sector S`: the director's briefing for a styringsdialog.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use super::Context;
use crate::report::brief::{html, load, markdown, Bound};

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// The sector briefed (its code, e.g. OUS)
    #[arg(long)]
    sector: String,
    /// Changes from this date (YYYY-MM-DD or dd.mm.yyyy), or `last-dialog`: the last styringsdialog in the årshjul [default: last-dialog, else 1 January]
    #[arg(long, value_name = "DATE|last-dialog", value_parser = parse_bound)]
    since: Option<Bound>,
    /// Deadlines and årshjul up to this date, or `next-dialog` [default: next-dialog, else 31 December]
    #[arg(long, value_name = "DATE|next-dialog", value_parser = parse_bound)]
    until: Option<Bound>,
    /// Plan year [default: today's year if it has assignments, else the database's]
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
    format: BriefFormat,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BriefFormat {
    /// Markdown: plain tables for a pager, an e-mail or a document
    Md,
    /// One self-contained HTML page for A4
    Html,
}

fn parse_bound(text: &str) -> Result<Bound, String> {
    Bound::parse(text).map_err(|e| e.to_string())
}

pub fn run(context: &Context, args: BriefArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let request = load::Request {
        sector: args.sector,
        since: args.since.unwrap_or(Bound::Default),
        until: args.until.unwrap_or(Bound::Default),
        year: args.year,
    };
    let brief = load::load(&store, &request, today)
        .map_err(|e| crate::report::brief::localized(e, context.lang))?;
    let document = match args.format {
        BriefFormat::Md => markdown::render(&brief, context.lang),
        BriefFormat::Html => html::render(&brief, context.lang),
    };
    match args.output {
        Some(path) => {
            std::fs::write(&path, document)
                .with_context(|| context.texts().cannot_write(&path.display().to_string()))?;
            writeln!(
                out,
                "{}",
                context.texts().wrote_file(&path.display().to_string())
            )?;
        }
        None => out.write_all(document.as_bytes())?,
    }
    Ok(())
}
