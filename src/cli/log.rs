//! `styr log`: the event log, oldest first.

use std::io::Write;

use anyhow::{Context as _, Result};
use chrono::{Local, TimeZone, Utc};
use clap::Args;

use super::json::EventJson;
use super::table::{event_time, write_table, Column};
use super::Context;
use crate::domain::date::parse_date;
use crate::domain::event::describe as describe_event;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only the events of this assignment
    id: Option<i64>,
    /// Only events from this date on (YYYY-MM-DD, local time)
    #[arg(long)]
    since: Option<String>,
    /// Only events by this person (as written in the log)
    #[arg(long, value_name = "ACTOR")]
    by: Option<String>,
    #[arg(long, value_enum, default_value_t = LogFormat::Table)]
    format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Table,
    Json,
}

pub fn run(context: &Context, args: LogArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    if let Some(id) = args.id {
        store.assignment(id)?;
    }
    let since = args
        .since
        .as_deref()
        .map(|s| parse_date(s).context("--since"))
        .transpose()?
        .map(|date| {
            let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
            Local
                .from_local_datetime(&midnight)
                .earliest()
                .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
        });
    let mut events = store.events(args.id, since)?;
    if let Some(actor) = &args.by {
        events.retain(|e| e.actor == *actor);
    }
    match args.format {
        LogFormat::Json => {
            let rows: Vec<EventJson> = events.iter().map(EventJson::from).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        LogFormat::Table => {
            let columns = [
                Column {
                    header: "Hendelse",
                    width: None,
                },
                Column {
                    header: "Tid",
                    width: None,
                },
                Column {
                    header: "Oppdrag",
                    width: None,
                },
                Column {
                    header: "Hvem",
                    width: Some(24),
                },
                Column {
                    header: "Periode",
                    width: None,
                },
                Column {
                    header: "Endring",
                    width: None,
                },
            ];
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        event_time(e),
                        format!("#{}", e.assignment_id),
                        e.actor.clone(),
                        e.period.clone().unwrap_or_default(),
                        describe_event(e),
                    ]
                })
                .collect();
            write_table(out, &columns, &rows)?;
        }
    }
    Ok(())
}
