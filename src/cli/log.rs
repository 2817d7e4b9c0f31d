//! `styr log`: the event log, oldest first.

use std::io::Write;

use anyhow::{Context as _, Result};
use chrono::{Local, TimeZone, Utc};
use clap::Args;

use super::json::{CatalogEventJson, EventJson};
use super::table::{event_time, write_table, Column};
use super::Context;
use crate::domain::date::parse_date;
use crate::domain::Entity;
use crate::words::cli::{CatalogEntity, Texts};
use crate::words::events::describe as describe_event;
use crate::words::events::describe_catalog;
use crate::words::Label;

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only the events of this assignment (with --goals or --wheel: of this goal or entry)
    id: Option<i64>,
    /// The changes to goals instead of assignments
    #[arg(long)]
    goals: bool,
    /// The changes to årshjul entries instead of assignments (with --goals: both)
    #[arg(long)]
    wheel: bool,
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
    if let (Some(id), false, false) = (args.id, args.goals, args.wheel) {
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
    if args.goals || args.wheel {
        return catalog(&store, &args, since, context.texts(), out);
    }
    let mut events = store.events(args.id, since)?;
    if let Some(actor) = &args.by {
        events.retain(|e| e.actor == *actor);
    }
    match args.format {
        LogFormat::Json => {
            let rows: Vec<EventJson> = events.iter().map(EventJson::from).collect();
            super::json::write_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        LogFormat::Table => {
            let t = context.texts();
            let column = |header, width| Column { header, width };
            let columns = [
                column(t.column_event, None),
                column(t.column_time, None),
                column(t.column_assignment, None),
                column(t.column_who, Some(24)),
                column(t.column_period, None),
                column(t.column_change, None),
            ];
            let rows: Vec<Vec<String>> = events
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        event_time(e, context.lang),
                        format!("#{}", e.assignment_id),
                        e.actor.clone(),
                        e.period.clone().unwrap_or_default(),
                        describe_event(e, context.lang),
                    ]
                })
                .collect();
            write_table(out, &columns, &rows)?;
        }
    }
    Ok(())
}

/// The catalog log: changes to goals and årshjul entries.
fn catalog(
    store: &crate::store::Store,
    args: &LogArgs,
    since: Option<chrono::DateTime<Utc>>,
    t: &Texts,
    out: &mut dyn Write,
) -> Result<()> {
    let entity = match (args.goals, args.wheel) {
        (true, false) => Some(Entity::Goal),
        (false, true) => Some(Entity::Wheel),
        _ => None,
    };
    if let Some(id) = args.id {
        let known = store.goal(id).is_ok() && args.goals
            || store.wheel_entry(id).is_ok() && args.wheel
            || !store.catalog_events(entity, Some(id), None)?.is_empty();
        if !known {
            let which = match entity {
                Some(Entity::Goal) => CatalogEntity::Goal,
                Some(Entity::Wheel) => CatalogEntity::Wheel,
                None => CatalogEntity::Either,
            };
            anyhow::bail!(t.no_catalog_item(which, id));
        }
    }
    let mut events = store.catalog_events(entity, args.id, since)?;
    if let Some(actor) = &args.by {
        events.retain(|e| e.actor == *actor);
    }
    if args.format == LogFormat::Json {
        let rows: Vec<CatalogEventJson> = events.iter().map(CatalogEventJson::from).collect();
        super::json::write_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let column = |header, width| Column { header, width };
    let columns = [
        column(t.column_event, None),
        column(t.column_time, None),
        column(t.column_what, None),
        column(t.column_who, Some(24)),
        column(t.column_change, None),
    ];
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.at.with_timezone(&Local)
                    .format(t.lang.date_time_format())
                    .to_string(),
                format!("{} {}", e.entity.label(t.lang), e.entity_id),
                e.actor.clone(),
                describe_catalog(e, t.lang),
            ]
        })
        .collect();
    write_table(out, &columns, &rows)
}
