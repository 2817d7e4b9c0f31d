//! `styr council-report --period P`: the report to kommunestyret for a
//! period, every sector, as Markdown, HTML or XLSX.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use super::approve::chosen_period;
use super::Context;
use crate::report::council::{build, html, load, markdown, xlsx};

#[derive(Debug, Args)]
pub struct CouncilArgs {
    /// The period, YEAR-CODE [default: the period being reported on]
    #[arg(long)]
    period: Option<String>,
    #[arg(long, value_enum, default_value_t = CouncilFormat::Md)]
    format: CouncilFormat,
    /// Write to this file instead of standard output (needed for xlsx)
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CouncilFormat {
    /// Markdown
    Md,
    /// One self-contained HTML document for A4
    Html,
    /// A workbook, one sheet per section
    Xlsx,
}

pub fn run(context: &Context, args: CouncilArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let period = chosen_period(context, &store, args.period.as_deref())?;
    let data = load::load(&store, &period, today)?;
    let document = build(&data, context.lang);
    let bytes = match args.format {
        CouncilFormat::Md => markdown::render(&document).into_bytes(),
        CouncilFormat::Html => html::render(&document).into_bytes(),
        CouncilFormat::Xlsx => {
            if args.output.is_none() {
                anyhow::bail!(context.texts().xlsx_not_to_terminal());
            }
            xlsx::render(&document)?
        }
    };
    match args.output {
        Some(path) => {
            std::fs::write(&path, bytes)
                .with_context(|| context.texts().cannot_write(&path.display().to_string()))?;
            writeln!(
                out,
                "{}",
                context.texts().wrote_file(&path.display().to_string())
            )?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}
