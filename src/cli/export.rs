//! `styr export`: the database as JSON (everything, to restore it with
//! `styr import`) or the assignments as CSV (for a spreadsheet).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use super::Context;
use crate::domain::date::iso;
use crate::domain::{Assignment, Goal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Everything needed to rebuild the database, events included
    Json,
    /// The assignments and tasks, one row each
    Csv,
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
    let store = context.open()?;
    let mut bytes = Vec::new();
    match args.format {
        ExportFormat::Json => {
            let dump = store.dump(args.year)?;
            serde_json::to_writer_pretty(&mut bytes, &dump)?;
            bytes.push(b'\n');
        }
        ExportFormat::Csv => {
            let (assignments, goals) = store.read(|s| Ok((s.assignments()?, s.goals()?)))?;
            let on_terminal = args.output.is_none() && std::io::stdout().is_terminal();
            let mut writer = csv::Writer::from_writer(&mut bytes);
            writer.write_record(CSV_HEADER)?;
            for a in assignments
                .iter()
                .filter(|a| args.year.is_none_or(|y| a.year == y))
            {
                let record = csv_record(a, &goals);
                writer.write_record(if on_terminal {
                    super::list::shown_on_terminal(record)
                } else {
                    record
                })?;
            }
            writer.flush()?;
        }
    }
    match &args.output {
        Some(path) => write_file(path, &bytes, context.texts())
            .with_context(|| context.texts().cannot_write(&path.display().to_string()))?,
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

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
    vec![
        a.id.to_string(),
        a.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        a.year.to_string(),
        a.title.clone(),
        a.description.clone(),
        a.lead_sector.clone(),
        a.sectors.join(","),
        goal,
        a.source.clone(),
        a.owner.clone(),
        a.due.map(iso).unwrap_or_default(),
        a.status.as_str().to_string(),
        a.assessment
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        a.expected_done.map(iso).unwrap_or_default(),
    ]
}

/// Writes beside the target and renames, so a reader never sees half a file.
fn write_file(path: &std::path::Path, bytes: &[u8], t: &super::strings::Texts) -> Result<()> {
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
