//! `styr log`: the event log, oldest first.

use std::io::Write;

use anyhow::{bail, Context as _, Result};
use chrono::{Local, TimeZone, Utc};
use clap::Args;

use super::json::{CatalogEventJson, EventJson};
use super::table::{event_time, write_table, Column};
use super::Context;
use crate::domain::date::parse_date;
use crate::domain::text::sanitize_line;
use crate::domain::Entity;
use crate::store::{chain_hex as to_hex, Problem, Seal};
use crate::words::cli::{CatalogEntity, Texts};
use crate::words::events::describe as describe_event;
use crate::words::events::describe_catalog;
use crate::words::problems::chain_log_word;
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
    /// Check the hash chains of both logs and print the check value
    /// (EVENTS+CATALOG:HASH) to write into the minutes
    #[arg(long, conflicts_with_all = ["id", "goals", "wheel", "since", "by", "format"])]
    verify: bool,
    /// With --verify: exit 1 unless the history up to this check value is
    /// unchanged (events appended since are fine)
    #[arg(long, value_name = "VALUE", requires = "verify")]
    expect: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Table,
    Json,
}

pub fn run(context: &Context, args: LogArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    if args.verify {
        return verify(&store, args.expect.as_deref(), context.texts(), out);
    }
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
                None | Some(Entity::Decision | Entity::Body | Entity::Period) => {
                    CatalogEntity::Either
                }
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

/// `log --verify [--expect VALUE]`: recomputes both chains from the events;
/// with a value from earlier, recomputes the seal at its counts (the value
/// names them) and compares. Fails on any event that does not fit.
fn verify(
    store: &crate::store::Store,
    expect: Option<&str>,
    t: &Texts,
    out: &mut dyn Write,
) -> Result<()> {
    let expected = expect
        .map(|text| {
            text.parse::<Seal>()
                .map_err(|_| anyhow::anyhow!(t.not_a_check_value(&sanitize_line(text))))
        })
        .transpose()?;
    let report = store.verify_chains(expected.as_ref())?;
    let now = report.seal.to_string();
    if let Some(expected) = &expected {
        let named = format!("{}+{}", expected.events, expected.catalog);
        match report.at_expected {
            None => bail!(t.history_shorter(&named, report.events.count, report.catalog.count)),
            Some(at) if at != *expected => bail!(t.history_changed(&named, &now)),
            Some(_) => {}
        }
    }
    if let Some((log, at)) = report.first_break() {
        let problem = Problem::ChainBroken { log, at }.message(t.lang);
        bail!(t.chain_broken(&problem));
    }
    writeln!(
        out,
        "{}",
        t.chain_holds(report.events.count, report.catalog.count)
    )?;
    for state in [&report.events, &report.catalog] {
        let log = chain_log_word(state.log, t.lang);
        writeln!(
            out,
            "{}",
            t.chain_head(log, state.count, &to_hex(&state.head))
        )?;
    }
    if let Some(expected) = &expected {
        let named = format!("{}+{}", expected.events, expected.catalog);
        let added = (
            report.events.count - expected.events,
            report.catalog.count - expected.catalog,
        );
        writeln!(out, "{}", t.history_holds(&named, added.0, added.1))?;
    }
    writeln!(out, "{}", t.check_value(&now))?;
    Ok(())
}
