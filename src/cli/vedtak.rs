//! `styr vedtak`: political decisions and the bodies that make them. Every
//! change is an event in the catalog log; a decision's state is computed
//! from its oppdrag by the domain's rule, never stored.

use std::io::Write;

use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::json::{write_pretty, IsoDate};
use super::table::{write_table, Column};
use super::Context;
use crate::domain::date::{local_date, parse_date};
use crate::domain::text::sanitize_line;
use crate::domain::vedtak::Vedtak;
use crate::domain::{CatalogEvent, Decision, DecisionKind, Entity};
use crate::store::{CatalogChanged, Store};
use crate::words::events::describe_catalog;
use crate::words::vedtak as words;
use crate::words::{Label, Lang};

#[derive(Debug, Args)]
pub struct VedtakArgs {
    #[command(subcommand)]
    command: VedtakCommand,
}

#[derive(Debug, Subcommand)]
enum VedtakCommand {
    /// Add a political decision: body, meeting date, case number, title, text and kind
    Add(AddArgs),
    /// Change a decision's body, date, case, title, text or kind; --comment alone adds a comment
    Edit(EditArgs),
    /// The decisions with their state (from their oppdrag) and oppdrag
    List(ListArgs),
    /// One decision with its oppdrag, latest comment and history
    Show(ShowArgs),
    /// Link assignments (oppdrag) to a decision
    Link(LinkArgs),
    /// Remove assignments' link to a decision
    Unlink(LinkArgs),
    /// Close a decision (kvittere ut), saying why in --comment
    Close(CloseArgs),
    /// Take a closed decision back into follow-up
    Reopen(ReopenArgs),
    /// The political bodies decisions are made by: add, rm, list
    Body(BodyArgs),
    /// Add the decisions of a list (CSV or XLSX): all or nothing; rows already there are passed over
    Import(ImportArgs),
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The file: CSV (`;`, `,` or tab) or XLSX, with a header row
    file: std::path::PathBuf,
    /// The sheet of a workbook [default: the first]
    #[arg(long)]
    sheet: Option<String>,
    /// Check every row and say what would be added; write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Args)]
struct AddArgs {
    /// The body: a name or abbreviation from `styr vedtak body list`
    #[arg(long)]
    body: String,
    /// Meeting date (YYYY-MM-DD or dd.mm.yyyy)
    #[arg(long)]
    date: String,
    /// Case number, e.g. 283/21
    #[arg(long)]
    case: String,
    #[arg(long)]
    title: String,
    /// The decision's wording
    #[arg(long)]
    text: Option<String>,
    /// vedtak, verbalvedtak or budsjettvedtak
    #[arg(long, default_value = "vedtak")]
    kind: String,
    /// Assignments that follow it up, comma-separated ids
    #[arg(long, value_name = "IDS")]
    assignments: Option<String>,
    #[arg(long, short)]
    comment: Option<String>,
    /// Print the added decision as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct EditArgs {
    id: i64,
    #[arg(long)]
    body: Option<String>,
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    case: Option<String>,
    #[arg(long)]
    title: Option<String>,
    /// The decision's wording; "none" clears it
    #[arg(long)]
    text: Option<String>,
    #[arg(long)]
    kind: Option<String>,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
struct ListArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Only those not closed (kvittert ut)
    #[arg(long)]
    open: bool,
    /// Only this body's (name or abbreviation)
    #[arg(long)]
    body: Option<String>,
    /// Only this kind
    #[arg(long)]
    kind: Option<String>,
}

#[derive(Debug, Args)]
struct ShowArgs {
    id: i64,
    #[arg(long, value_enum, default_value = "text")]
    format: ShowFormat,
}

#[derive(Debug, Args)]
struct LinkArgs {
    /// The decision's id
    id: i64,
    /// Assignment ids
    #[arg(required = true)]
    assignments: Vec<i64>,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct CloseArgs {
    id: i64,
    /// Why it is closed (required)
    #[arg(long, short)]
    comment: String,
    /// The day it is closed [default: today]
    #[arg(long)]
    date: Option<String>,
}

#[derive(Debug, Args)]
struct ReopenArgs {
    id: i64,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct BodyArgs {
    #[command(subcommand)]
    command: BodyCommand,
}

#[derive(Debug, Subcommand)]
enum BodyCommand {
    /// Add a body: kommunestyret, formannskapet, an utvalg
    Add(BodyAddArgs),
    /// Remove a body no decision names (the log keeps it)
    Rm(BodyRmArgs),
    /// The bodies
    List(BodyListArgs),
}

#[derive(Debug, Args)]
struct BodyAddArgs {
    /// Its name, e.g. "Hovedutvalg for oppvekst og kultur"
    name: String,
    /// Its abbreviation, e.g. HOK
    #[arg(long)]
    short: Option<String>,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct BodyRmArgs {
    /// Its name or abbreviation
    name: String,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct BodyListArgs {
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(context: &Context, args: VedtakArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    match args.command {
        VedtakCommand::List(args) => list(context, args, out),
        VedtakCommand::Show(args) => show(context, args, out),
        VedtakCommand::Body(BodyArgs {
            command: BodyCommand::List(args),
        }) => {
            let store = context.open()?;
            body_list(&store, args.format, lang, out)
        }
        command => change(context, command, out),
    }
}

fn change(context: &Context, command: VedtakCommand, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    let mut store = context.open_for_writing()?;
    let today = context.today(&store)?;
    let stamp = context.stamp();
    let changed = match command {
        VedtakCommand::Add(args) => {
            let draft = Decision {
                id: 0,
                body: args.body,
                date: parse_date(&args.date)?,
                case: args.case,
                title: args.title,
                text: args.text.unwrap_or_default(),
                kind: DecisionKind::parse(&args.kind)?,
                assignments: ids(args.assignments.as_deref().unwrap_or_default())?,
                closed: None,
            };
            let added = store.create_decision(&draft, today, args.comment.as_deref(), &stamp)?;
            if args.json {
                let vedtak = store.vedtak(added.item.id, today)?;
                write_pretty(&mut *out, &VedtakJson::new(&vedtak))?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}",
                    words::added(added.item.id, &added.item.title, lang)
                )?;
            }
            return Ok(());
        }
        VedtakCommand::Edit(args) => {
            let current = store.decision(args.id)?;
            let given = args.body.is_some()
                || args.date.is_some()
                || args.case.is_some()
                || args.title.is_some()
                || args.text.is_some()
                || args.kind.is_some()
                || args.comment.is_some();
            if !given {
                bail!(words::nothing_given(lang));
            }
            let mut next = current.clone();
            if let Some(body) = args.body {
                next.body = body;
            }
            if let Some(date) = args.date {
                next.date = parse_date(&date)?;
            }
            if let Some(case) = args.case {
                next.case = case;
            }
            if let Some(title) = args.title {
                next.title = title;
            }
            if let Some(text) = args.text {
                next.text = if text.trim() == "none" {
                    String::new()
                } else {
                    text
                };
            }
            if let Some(kind) = args.kind {
                next.kind = DecisionKind::parse(&kind)?;
            }
            store.change_decision(
                args.id,
                Some(&current),
                &next,
                today,
                args.comment.as_deref(),
                &stamp,
            )?
        }
        VedtakCommand::Link(args) => store.link_decision(
            args.id,
            &args.assignments,
            false,
            args.comment.as_deref(),
            &stamp,
        )?,
        VedtakCommand::Unlink(args) => store.link_decision(
            args.id,
            &args.assignments,
            true,
            args.comment.as_deref(),
            &stamp,
        )?,
        VedtakCommand::Close(args) => {
            let on = match &args.date {
                Some(date) => parse_date(date)?,
                None => today.0,
            };
            let decision = store.decision(args.id)?;
            if on < decision.date {
                bail!(words::closed_before_meeting(
                    args.id,
                    on,
                    decision.date,
                    lang
                ));
            }
            store.close_decision(args.id, on, &args.comment, &stamp)?
        }
        VedtakCommand::Reopen(args) => {
            store.reopen_decision(args.id, args.comment.as_deref(), &stamp)?
        }
        VedtakCommand::Body(BodyArgs { command }) => {
            return body_change(&mut store, command, &stamp, lang, out);
        }
        VedtakCommand::Import(args) => return import(&mut store, args, today, &stamp, lang, out),
        VedtakCommand::List(_) | VedtakCommand::Show(_) => unreachable!("reads are run apart"),
    };
    report(&changed, lang, out)
}

/// Says what a change of a decision wrote, one line per event.
fn report(changed: &CatalogChanged<Decision>, lang: Lang, out: &mut dyn Write) -> Result<()> {
    for event in &changed.events {
        let line = words::changed(changed.item.id, &describe_catalog(event, lang), lang);
        writeln!(out, "{}", sanitize_line(&line))?;
    }
    Ok(())
}

fn body_change(
    store: &mut Store,
    command: BodyCommand,
    stamp: &crate::store::Stamp,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    match command {
        BodyCommand::Add(args) => {
            let added = store.create_body(
                &args.name,
                args.short.as_deref().unwrap_or_default(),
                args.comment.as_deref(),
                stamp,
            )?;
            writeln!(out, "{}", words::body_added(&added.item.name, lang))?;
        }
        BodyCommand::Rm(args) => {
            let removed = store.remove_body(&args.name, args.comment.as_deref(), stamp)?;
            writeln!(out, "{}", words::body_removed(&removed.item.name, lang))?;
        }
        BodyCommand::List(args) => body_list(store, args.format, lang, out)?,
    }
    Ok(())
}

fn body_list(store: &Store, format: Format, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let bodies = store.bodies()?;
    if format == Format::Json {
        write_pretty(&mut *out, &bodies)?;
        writeln!(out)?;
        return Ok(());
    }
    let columns = words::body_headings(lang).map(|header| Column {
        header,
        width: None,
    });
    let rows: Vec<[String; 3]> = bodies
        .iter()
        .map(|b| [b.id.to_string(), b.name.clone(), b.short.clone()])
        .collect();
    write_table(out, &columns, &rows)
}

/// Comma-separated assignment ids.
fn ids(text: &str) -> Result<Vec<i64>> {
    crate::domain::vedtak::split_ids(text).ok_or_else(|| {
        crate::domain::DomainError::InvalidValue {
            field: "assignments".into(),
            value: text.to_string(),
        }
        .into()
    })
}

fn list(context: &Context, args: ListArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    let store = context.open()?;
    let today = context.today(&store)?;
    let body = match &args.body {
        Some(name) => Some(
            crate::domain::vedtak::find_body(&store.bodies()?, name)?
                .name
                .clone(),
        ),
        None => None,
    };
    let kind = args.kind.as_deref().map(DecisionKind::parse).transpose()?;
    let listed: Vec<Vedtak> = store
        .vedtak_list(today)?
        .into_iter()
        .filter(|v| !args.open || !v.decision.is_closed())
        .filter(|v| body.as_ref().is_none_or(|b| *b == v.decision.body))
        .filter(|v| kind.is_none_or(|k| k == v.decision.kind))
        .collect();
    if args.format == Format::Json {
        let rows: Vec<VedtakJson> = listed.iter().map(VedtakJson::new).collect();
        write_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if listed.is_empty() {
        writeln!(out, "{}", words::none_listed(lang))?;
        return Ok(());
    }
    let headings = words::list_headings(lang);
    let mut columns: Vec<Column> = headings
        .iter()
        .map(|&header| Column {
            header,
            width: None,
        })
        .collect();
    columns[6].width = Some(50);
    columns.push(Column {
        header: words::assignments_heading(lang),
        width: None,
    });
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|v| {
            let d = &v.decision;
            vec![
                d.id.to_string(),
                words::day(d.date, lang),
                d.body.clone(),
                d.case.clone(),
                d.kind.label(lang).to_string(),
                words::state(v.progress.state, v.progress.overdue, d.closed, lang),
                d.title.clone(),
                d.assignments
                    .iter()
                    .map(|a| format!("#{a}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    write_table(out, &columns, &rows)
}

fn show(context: &Context, args: ShowArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    let store = context.open()?;
    let today = context.today(&store)?;
    let vedtak = store.vedtak(args.id, today)?;
    let history = store.catalog_events(Some(Entity::Decision), Some(args.id), None)?;
    if args.format == ShowFormat::Json {
        let mut json = serde_json::to_value(VedtakJson::new(&vedtak))?;
        let history: Vec<super::json::CatalogEventJson> = history
            .iter()
            .rev()
            .map(super::json::CatalogEventJson::from)
            .collect();
        json["history"] = serde_json::to_value(history)?;
        write_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(());
    }
    for line in detail_lines(&store, &vedtak, &history, today, lang)? {
        writeln!(out, "{}", sanitize_line(&line))?;
    }
    Ok(())
}

/// The lines of `vedtak show`: the fields, the oppdrag with their status,
/// the latest comment and the history, newest first.
fn detail_lines(
    store: &Store,
    vedtak: &Vedtak,
    history: &[CatalogEvent],
    today: crate::domain::Today,
    lang: Lang,
) -> Result<Vec<String>> {
    let d = &vedtak.decision;
    let l = words::show_labels(lang);
    let mut lines = vec![
        format!("#{} {}", d.id, d.title),
        format!("  {}: {}", l.body, d.body),
        format!("  {}: {}", l.date, words::day(d.date, lang)),
        format!("  {}: {}", l.case, d.case),
        format!("  {}: {}", l.kind, d.kind.label(lang)),
        format!(
            "  {}: {}",
            l.state,
            words::state(
                vedtak.progress.state,
                vedtak.progress.overdue,
                d.closed,
                lang
            )
        ),
    ];
    if !d.text.is_empty() {
        lines.push(format!("  {}: {}", l.text, d.text));
    }
    lines.push(format!("{}:", l.assignments));
    if d.assignments.is_empty() {
        lines.push(format!("  {}", l.none));
    }
    for assignment in store.assignments_with_ids(&d.assignments)? {
        let overdue = match assignment.days_overdue(today) {
            Some(days) => format!(" ({} {days}d)", words::overdue_mark(lang)),
            None => String::new(),
        };
        lines.push(format!(
            "  #{} {} · {} · {}{overdue}",
            assignment.id,
            assignment.title,
            assignment.lead_sector,
            assignment.status.label(lang)
        ));
    }
    if let Some(comment) = &vedtak.latest_comment {
        lines.push(format!(
            "{}: «{}» — {}",
            l.latest,
            comment.text,
            words::comment_source(
                &comment.actor,
                local_date(comment.at),
                comment.assignment,
                lang
            )
        ));
    }
    lines.push(format!("{}:", l.history));
    for event in history.iter().rev() {
        lines.push(format!(
            "  {} {} {}",
            event_time(event.at, lang),
            event.actor,
            describe_catalog(event, lang)
        ));
    }
    Ok(lines)
}

fn event_time(at: DateTime<Utc>, lang: Lang) -> String {
    at.with_timezone(&chrono::Local)
        .format(lang.date_time_format())
        .to_string()
}

/// One decision as `vedtak list --format json` writes it.
#[derive(Debug, Serialize)]
pub struct VedtakJson {
    pub id: i64,
    pub body: String,
    pub date: IsoDate,
    pub case: String,
    pub title: String,
    pub kind: &'static str,
    /// `not-started`, `in-progress`, `done` or `closed`.
    pub state: &'static str,
    pub overdue: bool,
    pub closed: Option<IsoDate>,
    pub assignments: Vec<i64>,
    pub text: String,
    pub latest_comment: Option<CommentJson>,
}

/// The newest comment on a decision or its oppdrag.
#[derive(Debug, Serialize)]
pub struct CommentJson {
    pub at: String,
    pub actor: String,
    pub text: String,
    /// The oppdrag it was given on, or null when on the decision.
    pub assignment_id: Option<i64>,
}

impl VedtakJson {
    pub fn new(v: &Vedtak) -> Self {
        let d = &v.decision;
        VedtakJson {
            id: d.id,
            body: d.body.clone(),
            date: IsoDate(d.date),
            case: d.case.clone(),
            title: d.title.clone(),
            kind: d.kind.as_str(),
            state: v.progress.state.as_str(),
            overdue: v.progress.overdue,
            closed: d.closed.map(IsoDate),
            assignments: d.assignments.clone(),
            text: d.text.clone(),
            latest_comment: v.latest_comment.as_ref().map(|c| CommentJson {
                at: c.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                actor: c.actor.clone(),
                text: c.text.clone(),
                assignment_id: c.assignment,
            }),
        }
    }
}

/// `vedtak import`: every row read and checked first; then, unless it is a
/// dry run, all written in one transaction. A row whose body, case number
/// and title (case aside) match a decision already there is passed over.
fn import(
    store: &mut Store,
    args: ImportArgs,
    today: crate::domain::Today,
    stamp: &crate::store::Stamp,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::import::vedtak::{read, ListProblem};
    use crate::words::import::{location, problem};
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| {
        anyhow::anyhow!(crate::words::import::cannot_read(
            &name,
            &e.to_string(),
            lang
        ))
    })?;
    let rows = read(&name, &bytes, args.sheet.as_deref()).map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .flat_map(|p| match p {
                ListProblem::File(problems) => problems.iter().map(|p| problem(p, lang)).collect(),
                ListProblem::UnknownColumn {
                    location: at,
                    header,
                } => {
                    vec![words::unknown_column(&location(at, lang), header, lang)]
                }
                ListProblem::MissingColumn(column) => {
                    vec![words::missing_column(&name, column.name(), lang)]
                }
            })
            .collect();
        anyhow::anyhow!(lines.join("; "))
    })?;
    let bodies = store.bodies()?;
    let existing = store.decisions()?;
    let mut drafts: Vec<Decision> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut known = 0;
    for row in &rows {
        let at = location(&row.location, lang);
        let draft = (|| -> Result<Decision, crate::domain::DomainError> {
            let mut d = Decision {
                id: 0,
                body: crate::domain::vedtak::find_body(&bodies, &row.body)?
                    .name
                    .clone(),
                date: parse_date(&row.date)?,
                case: crate::domain::vedtak::parse_case(&row.case)?.to_string(),
                title: row.title.clone(),
                text: row.text.clone(),
                kind: if row.kind.is_empty() {
                    DecisionKind::Vedtak
                } else {
                    DecisionKind::parse(&row.kind)?
                },
                assignments: crate::domain::vedtak::split_ids(&row.assignments).ok_or_else(
                    || crate::domain::DomainError::InvalidValue {
                        field: "assignments".into(),
                        value: row.assignments.clone(),
                    },
                )?,
                closed: None,
            };
            d.validate(&bodies, today)?;
            d.title = d.title.trim().to_string();
            Ok(d)
        })();
        match draft {
            Ok(d) => {
                let same = |e: &Decision| {
                    e.body == d.body
                        && e.case == d.case
                        && e.title.to_lowercase() == d.title.to_lowercase()
                };
                if existing.iter().any(same) || drafts.iter().any(same) {
                    known += 1;
                } else {
                    for id in &d.assignments {
                        if store.assignment(*id).is_err() {
                            problems.push(format!(
                                "{at}: {}",
                                crate::store::StoreError::UnknownAssignment(*id).message(lang)
                            ));
                        }
                    }
                    drafts.push(d);
                }
            }
            Err(e) => problems.push(format!("{at}: {}", e.message(lang))),
        }
    }
    if !problems.is_empty() {
        bail!(
            "{}; {}",
            problems.join("; "),
            crate::words::import::problems_summary(problems.len(), &name, lang)
        );
    }
    if !args.dry_run {
        store.batch(|store| {
            for draft in &drafts {
                store.create_decision(draft, today, Some(&format!("import: {name}")), stamp)?;
            }
            Ok(())
        })?;
    }
    writeln!(
        out,
        "{}",
        words::imported(drafts.len(), known, args.dry_run, lang)
    )?;
    for d in &drafts {
        writeln!(
            out,
            "  {}",
            sanitize_line(&format!(
                "{} · {} · {}",
                words::citation(&d.body, d.date, &d.case, lang),
                d.kind.label(lang),
                d.title
            ))
        )?;
    }
    Ok(())
}
