//! `styr periods`: the reporting periods and their report deadlines, and
//! the municipality's own rhythm (`add`, `edit`, `rm`).

use std::io::Write;

use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};

use super::json::PeriodJson;
use super::table::{write_table, Column};
use super::Context;
use crate::domain::date::parse_date;
use crate::domain::period_change::edited;
use crate::domain::Period;
use crate::words::council::{period_written, PeriodWrite};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PeriodsArgs {
    #[command(subcommand)]
    command: Option<PeriodsCommand>,
    /// Only this plan year [default: all years]
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value_t = PeriodsFormat::Table)]
    format: PeriodsFormat,
}

#[derive(Debug, Subcommand)]
enum PeriodsCommand {
    /// Add a reporting period to a plan year
    Add(AddArgs),
    /// Change a period's code, label or dates
    Edit(EditArgs),
    /// Remove a period no report is recorded for
    Rm(RmArgs),
}

#[derive(Debug, Args)]
struct AddArgs {
    /// Plan year
    #[arg(long)]
    year: i32,
    /// Short code, letters and digits, unique in the year (e.g. FEB)
    #[arg(long)]
    code: String,
    /// What people call it
    #[arg(long)]
    label: String,
    /// First day (YYYY-MM-DD or dd.mm.yyyy)
    #[arg(long)]
    start: String,
    /// Last day (inclusive)
    #[arg(long)]
    end: String,
    /// The last day a report is on time
    #[arg(long)]
    due: String,
}

#[derive(Debug, Args)]
struct EditArgs {
    /// The period, YEAR-CODE
    id: String,
    #[arg(long)]
    code: Option<String>,
    #[arg(long)]
    label: Option<String>,
    #[arg(long)]
    start: Option<String>,
    #[arg(long)]
    end: Option<String>,
    #[arg(long)]
    due: Option<String>,
}

#[derive(Debug, Args)]
struct RmArgs {
    /// The period, YEAR-CODE
    id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PeriodsFormat {
    Table,
    Json,
}

fn date(text: &str, option: &'static str) -> Result<chrono::NaiveDate> {
    parse_date(text).context(option)
}

fn optional(text: Option<&str>, option: &'static str) -> Result<Option<chrono::NaiveDate>> {
    text.map(|t| date(t, option)).transpose()
}

pub fn run(context: &Context, args: PeriodsArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    match args.command {
        Some(PeriodsCommand::Add(add)) => {
            let period = Period {
                year: add.year,
                code: add.code.trim().to_uppercase(),
                label: add.label.trim().to_string(),
                start: date(&add.start, "--start")?,
                end: date(&add.end, "--end")?,
                report_due: date(&add.due, "--due")?,
            };
            let mut store = context.open_for_writing()?;
            store.add_period(&period, None, &context.stamp())?;
            writeln!(out, "{}", period_written(&period, PeriodWrite::Added, lang))?;
            Ok(())
        }
        Some(PeriodsCommand::Edit(edit)) => {
            let start = optional(edit.start.as_deref(), "--start")?;
            let end = optional(edit.end.as_deref(), "--end")?;
            let due = optional(edit.due.as_deref(), "--due")?;
            let mut store = context.open_for_writing()?;
            let (_, after) = store.change_period(
                &edit.id,
                |p| {
                    edited(
                        p,
                        edit.code.as_deref(),
                        edit.label.as_deref(),
                        start,
                        end,
                        due,
                    )
                },
                None,
                &context.stamp(),
            )?;
            writeln!(
                out,
                "{}",
                period_written(&after, PeriodWrite::Changed, lang)
            )?;
            Ok(())
        }
        Some(PeriodsCommand::Rm(rm)) => {
            let mut store = context.open_for_writing()?;
            let removed = store.remove_period(&rm.id, None, &context.stamp())?;
            writeln!(
                out,
                "{}",
                period_written(&removed, PeriodWrite::Removed, lang)
            )?;
            Ok(())
        }
        None => list(context, args.year, args.format, out),
    }
}

fn list(
    context: &Context,
    year: Option<i32>,
    format: PeriodsFormat,
    out: &mut dyn Write,
) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let periods = store.periods(year)?;
    match format {
        PeriodsFormat::Json => {
            let rows: Vec<PeriodJson> = periods.iter().map(PeriodJson::from).collect();
            super::json::write_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        PeriodsFormat::Table => {
            let t = context.texts();
            let current = store.reporting_period(today.0)?.map(|p| p.id());
            let header = |header| Column {
                header,
                width: None,
            };
            let columns = [
                header(t.column_period),
                header(t.column_name),
                header(t.column_from),
                header(t.column_to),
                header(t.column_report_due),
                header(""),
            ];
            let rows: Vec<Vec<String>> = periods
                .iter()
                .map(|p| {
                    let mark = if current.as_deref() == Some(p.id().as_str()) {
                        t.reported_now
                    } else {
                        ""
                    };
                    vec![
                        p.id(),
                        p.label.clone(),
                        t.lang.date(p.start),
                        t.lang.date(p.end),
                        t.lang.date(p.report_due),
                        mark.to_string(),
                    ]
                })
                .collect();
            write_table(out, &columns, &rows)?;
        }
    }
    Ok(())
}
