//! `styr export`: the database as JSON (everything, to restore it with
//! `styr import`), or the assignments as CSV or an XLSX workbook (for a
//! spreadsheet; `styr import` reads both back).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use super::Context;
use crate::domain::date::iso;
use crate::domain::{Assignment, Goal};
use crate::import::cell::encode;
use crate::report::sheet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Everything needed to rebuild the database, events included
    Json,
    /// The assignments and tasks, one row each
    Csv,
    /// A workbook: a sheet of assignments and one of tasks
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    format: ExportFormat,
    /// Only this plan year's assignments (with their events) and årshjul
    #[arg(long)]
    year: Option<i32>,
    /// Write to FILE instead of standard output
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// With --format csv: as Norwegian Excel writes it (`;`, byte-order mark, dd.mm.yyyy, headers and words in the user's language)
    #[arg(long)]
    excel: bool,
}

/// The CSV columns, named as `styr import` reads them.
pub const CSV_HEADER: [&str; 14] = [
    "id",
    "parent_id",
    "year",
    "title",
    "description",
    "lead_sector",
    "sectors",
    "goal",
    "source",
    "owner",
    "due",
    "status",
    "assessment",
    "expected_done",
];

pub fn run(context: &Context, args: ExportArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    if args.excel && args.format != ExportFormat::Csv {
        anyhow::bail!(t.excel_only_with_csv());
    }
    if args.format == ExportFormat::Xlsx && args.output.is_none() && std::io::stdout().is_terminal()
    {
        anyhow::bail!(t.xlsx_not_to_terminal());
    }
    let store = context.open()?;
    let mut bytes = Vec::new();
    let in_year = |a: &&Assignment| args.year.is_none_or(|y| a.year == y);
    match args.format {
        ExportFormat::Json => {
            let dump = store.dump(args.year)?;
            super::json::write_pretty(&mut bytes, &dump)?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv if args.excel => {
            let (assignments, goals) = store.read(|s| Ok((s.assignments()?, s.goals()?)))?;
            let chosen: Vec<&Assignment> = assignments.iter().filter(in_year).collect();
            bytes = sheet::excel_csv(&chosen, &goals, context.lang)?;
        }
        ExportFormat::Csv => {
            let (assignments, goals) = store.read(|s| Ok((s.assignments()?, s.goals()?)))?;
            let mut writer = csv::Writer::from_writer(&mut bytes);
            writer.write_record(CSV_HEADER)?;
            for a in assignments.iter().filter(in_year) {
                writer.write_record(csv_record(a, &goals))?;
            }
            writer.flush()?;
        }
        ExportFormat::Xlsx => {
            let (assignments, goals) = store.read(|s| Ok((s.assignments()?, s.goals()?)))?;
            let chosen: Vec<&Assignment> = assignments.iter().filter(in_year).collect();
            bytes = sheet::workbook(&chosen, &goals, context.lang)
                .map_err(|e| anyhow::anyhow!(t.cannot_make_workbook(&e.to_string())))?;
        }
    }
    match &args.output {
        Some(path) => write_file(path, &bytes, t)
            .with_context(|| t.cannot_write(&path.display().to_string()))?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

/// One CSV row; text cells as [`encode`] writes them, so that no cell
/// runs as a formula or acts on a terminal, and `styr import` reads the
/// exact text back.
fn csv_record(a: &Assignment, goals: &[Goal]) -> Vec<String> {
    let goal = a
        .goal_id
        .map(|id| {
            goals
                .iter()
                .find(|g| g.id == id)
                .map_or(id.to_string(), |g| g.code.clone())
        })
        .unwrap_or_default();
    let text = |t: &str| encode(t).into_owned();
    vec![
        a.id.to_string(),
        a.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        a.year.to_string(),
        text(&a.title),
        text(&a.description),
        text(&a.lead_sector),
        text(&a.sectors.join(",")),
        text(&goal),
        text(&a.source),
        text(&a.owner),
        a.due.map(iso).unwrap_or_default(),
        a.status.as_str().to_string(),
        a.assessment
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        a.expected_done.map(iso).unwrap_or_default(),
    ]
}

/// Writes beside the target and renames, so a reader never sees half a file.
pub(super) fn write_file(
    path: &std::path::Path,
    bytes: &[u8],
    t: &super::strings::Texts,
) -> Result<()> {
    let name = path
        .file_name()
        .with_context(|| t.not_a_file_name(&path.display().to_string()))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".part-{}", std::process::id()));
    let temp = path.with_file_name(temp_name);
    let written = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    Ok(written?)
}
