//! `styr wheel`: the årshjul printed (text, SVG, iCalendar), and its entries
//! as data (`add`, `edit`, `rm`, `list`), each change an event in the
//! catalog log.

use std::collections::HashMap;
use std::io::Write;

use anyhow::{bail, Context as _, Result};
use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::table::{write_table, Column};
use super::Context;
use crate::domain::catalog::DELETED;
use crate::domain::date::{iso, parse_typed_date, DateContext};
use crate::domain::text::sanitize_line;
use crate::domain::wheel::{split_tags, Deadline};
use crate::domain::{Entity, Lang, Status, Today, WheelEntry, WheelKind};
use crate::report::{self, IcsInput, SvgOptions};
use crate::store::{CatalogChanged, Store};
use crate::words::cli::{Texts, WheelVerb};
use crate::words::Label;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WheelArgs {
    #[command(subcommand)]
    command: Option<WheelCommand>,
    #[command(flatten)]
    print: PrintArgs,
}

#[derive(Debug, Args)]
struct PrintArgs {
    /// text: a month list; svg: the wheel as a picture; ics: a calendar file
    #[arg(long, value_enum, default_value_t = WheelFormat::Text)]
    format: WheelFormat,
    /// Plan year [default: the database's plan year]
    #[arg(long)]
    year: Option<i32>,
    /// In the text list: the assignments' deadlines too (the svg and ics always have them)
    #[arg(long)]
    deadlines: bool,
    /// Only this sector's deadlines and entries (entries for no sector are kept)
    #[arg(long)]
    sector: Option<String>,
    /// Width and height of the svg in pixels
    #[arg(long, default_value_t = 800)]
    size: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum WheelFormat {
    Text,
    Svg,
    Ics,
}

#[derive(Debug, Subcommand)]
enum WheelCommand {
    /// Add an entry: one day (--date) or a range (--from … --to …)
    Add(AddArgs),
    /// Change an entry; new dates move it
    Edit(EditArgs),
    /// Delete an entry (the log keeps what it was)
    Rm(RmArgs),
    /// The entries with their ids
    List(ListArgs),
}

#[derive(Debug, Args)]
struct AddArgs {
    /// The day (YYYY-MM-DD or dd.mm.yyyy)
    #[arg(long, conflicts_with_all = ["from", "to"])]
    date: Option<String>,
    /// First day of a range
    #[arg(long)]
    from: Option<String>,
    /// Last day of a range (inclusive)
    #[arg(long, requires = "from")]
    to: Option<String>,
    #[arg(long)]
    title: String,
    /// administrative or political (administrativ, politisk)
    #[arg(long, default_value = "administrative")]
    kind: String,
    /// The sector it concerns, if only one
    #[arg(long)]
    sector: Option<String>,
    #[arg(long)]
    note: Option<String>,
    /// A mark such as styringsdialog or tertial; repeat or separate by commas
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Plan year [default: the database's plan year]
    #[arg(long)]
    year: Option<i32>,
    /// A comment stored with the change
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct EditArgs {
    /// Entry id (from `styr wheel list`)
    id: i64,
    /// Move to one day
    #[arg(long, conflicts_with_all = ["from", "to"])]
    date: Option<String>,
    /// New first day
    #[arg(long)]
    from: Option<String>,
    /// New last day
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// administrative or political (administrativ, politisk)
    #[arg(long)]
    kind: Option<String>,
    /// Sector, or none
    #[arg(long)]
    sector: Option<String>,
    /// Note, or none
    #[arg(long)]
    note: Option<String>,
    /// Replace the tags (repeat or separate by commas; none clears them)
    #[arg(long = "tag")]
    tags: Vec<String>,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct RmArgs {
    /// Entry id (from `styr wheel list`)
    id: i64,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Plan year [default: the database's plan year]
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

/// One entry as `wheel list --format json` writes it.
#[derive(Debug, Serialize)]
struct EntryJson {
    id: i64,
    year: i32,
    start: String,
    end: String,
    title: String,
    kind: &'static str,
    sector: Option<String>,
    tags: Vec<String>,
    note: String,
}

impl From<&WheelEntry> for EntryJson {
    fn from(e: &WheelEntry) -> Self {
        EntryJson {
            id: e.id,
            year: e.year,
            start: iso(e.start),
            end: iso(e.end),
            title: e.title.clone(),
            kind: e.kind.as_str(),
            sector: e.sector.clone(),
            tags: e.tags.clone(),
            note: e.note.clone(),
        }
    }
}

pub fn run(context: &Context, args: WheelArgs, out: &mut dyn Write) -> Result<()> {
    match args.command {
        None => print(context, args.print, out),
        Some(WheelCommand::Add(args)) => add(context, args, out),
        Some(WheelCommand::Edit(args)) => edit(context, args, out),
        Some(WheelCommand::Rm(args)) => rm(context, args, out),
        Some(WheelCommand::List(args)) => list(context, args, out),
    }
}

fn kind(text: &str, t: &Texts) -> Result<WheelKind> {
    WheelKind::parse(text).with_context(|| t.unknown_wheel_kind(&sanitize_line(text)))
}

fn date(text: &str, flag: &str, dates: DateContext) -> Result<NaiveDate> {
    parse_typed_date(text, dates).with_context(|| format!("--{flag}"))
}

fn clearable(text: &str) -> Option<String> {
    match text.trim().to_lowercase().as_str() {
        "" | "none" | "-" => None,
        _ => Some(text.trim().to_string()),
    }
}

fn plan_year(store: &Store, year: Option<i32>, t: &Texts) -> Result<i32> {
    match year {
        Some(year) if !(1000..=9999).contains(&year) => bail!(t.invalid_year(year)),
        Some(year) => Ok(year),
        None => Ok(store.municipality()?.year),
    }
}

fn add(context: &Context, args: AddArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let mut store = context.open_for_writing()?;
    let year = plan_year(&store, args.year, t)?;
    let dates = DateContext {
        year,
        ..context.dates(&store)?
    };
    let (start, end) = match (&args.date, &args.from, &args.to) {
        (Some(day), _, _) => {
            let day = date(day, "date", dates)?;
            (day, day)
        }
        (None, Some(from), to) => {
            let start = date(from, "from", dates)?;
            (
                start,
                to.as_deref()
                    .map(|t| date(t, "to", dates))
                    .transpose()?
                    .unwrap_or(start),
            )
        }
        (None, None, _) => bail!(t.wheel_needs_dates()),
    };
    let kind = kind(&args.kind, t)?;
    let draft = WheelEntry {
        id: 0,
        year,
        start,
        end,
        title: args.title,
        kind,
        sector: args.sector.as_deref().and_then(clearable),
        tags: split_tags(&args.tags.join(",")),
        note: args.note.unwrap_or_default(),
    };
    let changed = store.create_wheel_entry(&draft, args.comment.as_deref(), &context.stamp())?;
    writeln!(
        out,
        "{}",
        t.wheel_changed(
            WheelVerb::Added,
            changed.item.id,
            &summary(&changed.item, t.lang)
        )
    )?;
    Ok(())
}

fn edit(context: &Context, args: EditArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let nothing = args.date.is_none()
        && args.from.is_none()
        && args.to.is_none()
        && args.title.is_none()
        && args.kind.is_none()
        && args.sector.is_none()
        && args.note.is_none()
        && args.tags.is_empty();
    if nothing {
        bail!(t.wheel_nothing_to_change());
    }
    let mut store = context.open_for_writing()?;
    let current = store.wheel_entry(args.id)?;
    let dates = DateContext {
        year: current.year,
        ..context.dates(&store)?
    };
    let mut next = current.clone();
    if let Some(day) = &args.date {
        next.start = date(day, "date", dates)?;
        next.end = next.start;
    }
    if let Some(from) = &args.from {
        next.start = date(from, "from", dates)?;
    }
    if let Some(to) = &args.to {
        next.end = date(to, "to", dates)?;
    }
    if let Some(title) = args.title {
        next.title = title;
    }
    if let Some(text) = &args.kind {
        next.kind = kind(text, t)?;
    }
    if let Some(sector) = &args.sector {
        next.sector = clearable(sector);
    }
    if let Some(note) = &args.note {
        next.note = clearable(note).unwrap_or_default();
    }
    if !args.tags.is_empty() {
        next.tags = split_tags(&clearable(&args.tags.join(",")).unwrap_or_default());
    }
    let changed = store.change_wheel_entry(
        args.id,
        Some(&current),
        &next,
        args.comment.as_deref(),
        &context.stamp(),
    )?;
    report(out, &changed, t)
}

fn rm(context: &Context, args: RmArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let mut store = context.open_for_writing()?;
    let changed =
        store.delete_wheel_entry(args.id, None, args.comment.as_deref(), &context.stamp())?;
    writeln!(
        out,
        "{}",
        t.wheel_changed(
            WheelVerb::Deleted,
            changed.item.id,
            &summary(&changed.item, t.lang)
        )
    )?;
    Ok(())
}

fn report(out: &mut dyn Write, changed: &CatalogChanged<WheelEntry>, t: &Texts) -> Result<()> {
    if changed.events.is_empty() {
        writeln!(out, "{}", t.wheel_nothing_changed(changed.item.id))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        t.wheel_changed(
            WheelVerb::Saved,
            changed.item.id,
            &summary(&changed.item, t.lang)
        )
    )?;
    for event in &changed.events {
        writeln!(
            out,
            "  {}",
            sanitize_line(&crate::words::events::describe_catalog(event, t.lang))
        )?;
    }
    Ok(())
}

/// "15.05.2023–26.05.2023 Styringsdialog (administrativ, HOM)"
fn summary(e: &WheelEntry, lang: Lang) -> String {
    let dates = if e.end > e.start {
        format!("{}–{}", lang.date(e.start), lang.date(e.end))
    } else {
        lang.date(e.start)
    };
    let sector = e
        .sector
        .as_deref()
        .map(|s| format!(", {s}"))
        .unwrap_or_default();
    sanitize_line(&format!(
        "{dates} {} ({}{sector})",
        e.title,
        e.kind.label(lang)
    ))
    .into_owned()
}

fn list(context: &Context, args: ListArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let store = context.open()?;
    let year = plan_year(&store, args.year, t)?;
    let entries = store.wheel_entries(year)?;
    if args.format == ListFormat::Json {
        let rows: Vec<EntryJson> = entries.iter().map(EntryJson::from).collect();
        super::json::write_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    let column = |header, width| Column { header, width };
    let columns = [
        column(t.column_id, None),
        column(t.column_from, None),
        column(t.column_to, None),
        column(t.column_kind, None),
        column(t.column_sector, None),
        column(t.column_title, Some(60)),
        column(t.column_tags, None),
    ];
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                t.lang.date(e.start),
                if e.end > e.start {
                    t.lang.date(e.end)
                } else {
                    String::new()
                },
                e.kind.label(t.lang).to_string(),
                e.sector.clone().unwrap_or_default(),
                e.title.clone(),
                e.tags.join(", "),
            ]
        })
        .collect();
    write_table(out, &columns, &rows)
}

/// The wheel printed: as a month list, an SVG picture or a calendar file.
fn print(context: &Context, args: PrintArgs, out: &mut dyn Write) -> Result<()> {
    let t = context.texts();
    let store = context.open()?;
    let today = context.today(&store)?;
    let year = plan_year(&store, args.year, t)?;
    let sector = args
        .sector
        .as_deref()
        .map(|s| store.sector(s))
        .transpose()?
        .map(|s| s.code);
    let for_sector = |code: Option<&str>| {
        sector
            .as_deref()
            .is_none_or(|s| code.is_none_or(|c| c == s))
    };
    let mut entries = store.wheel_entries(year)?;
    entries.retain(|e| for_sector(e.sector.as_deref()));
    let assignments: Vec<_> = store
        .assignments()?
        .into_iter()
        .filter(|a| a.year == year && for_sector(Some(&a.lead_sector)))
        .collect();
    let deadlines = |cancelled: bool| -> Vec<Deadline> {
        assignments
            .iter()
            .filter(|a| (a.status == Status::Cancelled) == cancelled)
            .filter_map(|a| Deadline::of(a, today))
            .collect()
    };
    let municipality = store.municipality()?;
    match args.format {
        WheelFormat::Text => text(
            out,
            t,
            year,
            &municipality.name,
            &entries,
            &if args.deadlines {
                deadlines(false)
            } else {
                vec![]
            },
            today,
        ),
        WheelFormat::Svg => {
            let options = SvgOptions {
                size: args.size,
                prolog: true,
                caption: Some(municipality.name.clone()),
                lang: context.lang,
            };
            let svg = report::wheel_svg(year, &entries, &deadlines(false), today.0, &options);
            out.write_all(svg.as_bytes())?;
            Ok(())
        }
        WheelFormat::Ics => {
            let log = store.catalog_events(Some(Entity::Wheel), None, None)?;
            let mut sequences: HashMap<i64, u32> = HashMap::new();
            let mut deleted = Vec::new();
            for event in &log {
                *sequences.entry(event.entity_id).or_default() += 1;
                if event.field == DELETED {
                    let last: Option<WheelEntry> = event
                        .old
                        .as_deref()
                        .and_then(|j| serde_json::from_str(j).ok());
                    if let Some(mut last) = last.filter(|e| e.year == year) {
                        last.id = event.entity_id;
                        // An old file may have given the id to a new entry: that one wins.
                        let reused = entries.iter().any(|e| e.id == last.id);
                        if for_sector(last.sector.as_deref()) && !reused {
                            deleted.push(last);
                        }
                    }
                }
            }
            // The created event is change 0.
            sequences
                .values_mut()
                .for_each(|n| *n = n.saturating_sub(1));
            let name =
                crate::words::calendar::calendar_name(&municipality.name, year, context.lang);
            let identity = store.identity()?;
            let ics = report::wheel_ics(&IcsInput {
                identity: &identity,
                name: &name,
                entries: &entries,
                deleted: &deleted,
                sequences: &sequences,
                deadlines: &deadlines(false),
                cancelled: &deadlines(true),
                stamp: chrono::Utc::now(),
                lang: context.lang,
            });
            out.write_all(ics.as_bytes())?;
            Ok(())
        }
    }
}

/// The month list: each month with its entries (and deadlines), by date.
fn text(
    out: &mut dyn Write,
    t: &Texts,
    year: i32,
    name: &str,
    entries: &[WheelEntry],
    deadlines: &[Deadline],
    today: Today,
) -> Result<()> {
    writeln!(out, "{}", t.wheel_heading(year, &sanitize_line(name)))?;
    let months = crate::words::terms::months(t.lang);
    for (month, heading) in (1..=12u32).zip(months.iter()) {
        writeln!(out)?;
        let now = today.0.year() == year && today.0.month() == month;
        writeln!(out, "{heading}{}", if now { t.this_month } else { "" })?;
        let mut lines: Vec<(NaiveDate, u8, String)> = Vec::new();
        for e in entries.iter().filter(|e| e.start.month() == month) {
            let dates = if e.end > e.start {
                format!("{}–{}", e.start.format("%d.%m"), e.end.format("%d.%m"))
            } else {
                e.start.format("%d.%m").to_string()
            };
            let mark = match e.kind {
                WheelKind::Administrative => "A",
                WheelKind::Political => "P",
            };
            let sector = e
                .sector
                .as_deref()
                .map(|s| format!(", {s}"))
                .unwrap_or_default();
            lines.push((
                e.start,
                0,
                format!(
                    "  {dates:<12} {mark}  {} · {}{sector}",
                    e.title,
                    e.kind.label(t.lang)
                ),
            ));
        }
        for d in deadlines
            .iter()
            .filter(|d| d.date.year() == year && d.date.month() == month)
        {
            let mark = if d.overdue { "!" } else { "•" };
            let late = if d.overdue { t.late_mark } else { "" };
            lines.push((
                d.date,
                1,
                format!(
                    "  {:<12} {mark}  #{} {} · {}{late}",
                    d.date.format("%d.%m").to_string(),
                    d.id,
                    d.title,
                    d.sector
                ),
            ));
        }
        lines.sort_by_key(|l| (l.0, l.1));
        if lines.is_empty() {
            writeln!(out, "  –")?;
        }
        for (_, _, line) in lines {
            writeln!(out, "{}", sanitize_line(&line))?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}{}",
        t.wheel_legend,
        if deadlines.is_empty() {
            ""
        } else {
            t.wheel_deadline_legend
        }
    )?;
    Ok(())
}
