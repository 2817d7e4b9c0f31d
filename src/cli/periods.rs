//! `styr periods`: the reporting periods and their report deadlines.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::json::PeriodJson;
use super::table::{write_table, Column};
use super::Context;

#[derive(Debug, Args)]
pub struct PeriodsArgs {
    /// Only this plan year [default: all years]
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value_t = PeriodsFormat::Table)]
    format: PeriodsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum PeriodsFormat {
    Table,
    Json,
}

pub fn run(context: &Context, args: PeriodsArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let periods = store.periods(args.year)?;
    match args.format {
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
