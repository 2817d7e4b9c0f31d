//! `styr import FILE`: assignments from CSV or XLSX, the goal tree and
//! oppdrag from a styringsbrev paste, or a whole database from a JSON export.
//! All or nothing: every problem is reported, and nothing is written unless
//! every row is good.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Result};
use clap::Args;

use super::Context;
use crate::domain::lang::Lang;
use crate::domain::text::sanitize_line;
use crate::domain::Field;
use crate::import::resolve::Options;
use crate::import::{self, Format, Parsed, Problem, Resolved, Snapshot};
use crate::store::{Dump, GoalRef, ImportPlan, Store};
use crate::words::import as words;
use crate::words::Label;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: CSV, XLSX, a styringsbrev paste (text) or a `styr export` JSON
    file: PathBuf,
    /// What the file is [default: from its name and content]
    #[arg(long, value_enum, default_value_t = Format::Auto)]
    format: Format,
    /// Plan year of rows that give none [default: the database's plan year]
    #[arg(long, value_name = "YYYY")]
    year: Option<i32>,
    /// The worksheet to read from an XLSX file [default: the first]
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Show what would be created and changed; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Apply the differences of rows that match existing assignments, as
    /// logged changes (without it they are only reported)
    #[arg(long)]
    update: bool,
}

pub fn run(context: &Context, args: ImportArgs, out: &mut dyn Write) -> Result<()> {
    if let Some(year) = args.year.filter(|y| !(1000..=9999).contains(y)) {
        bail!(context.texts().invalid_year(year));
    }
    let lang = context.lang;
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| anyhow!(words::cannot_read(&shown, &e.to_string(), lang)))?;
    let name = args
        .file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    let (parsed, problems) = import::parse(&name, &bytes, args.format, args.sheet.as_deref())
        .map_err(|problems| report(problems, &shown, lang))?;
    drop(bytes);
    match parsed {
        Parsed::Dump(dump) => {
            if args.year.is_some() || args.update {
                bail!(words::json_takes_no_options(lang));
            }
            restore(context, &dump, &shown, args.dry_run, out)
        }
        Parsed::Rows(rows) => rows_import(context, Vec::new(), rows, problems, &args, &name, out),
        Parsed::Styringsbrev { goals, rows } => {
            rows_import(context, goals, rows, problems, &args, &name, out)
        }
    }
}

/// Prints every problem as its own error line, in file order; returns the
/// summary error.
fn report(mut problems: Vec<Problem>, file: &str, lang: Lang) -> anyhow::Error {
    problems.sort_by(|a, b| a.location.order().cmp(&b.location.order()));
    let mut stderr = std::io::stderr().lock();
    for problem in &problems {
        let _ = writeln!(
            stderr,
            "styr: error: {}",
            sanitize_line(&words::problem(problem, lang))
        );
    }
    anyhow!(words::problems_summary(problems.len(), file, lang))
}

fn rows_import(
    context: &Context,
    goals: Vec<import::FocusArea>,
    rows: Vec<import::Row>,
    problems: Vec<Problem>,
    args: &ImportArgs,
    name: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let input = Input {
        lang: context.lang,
        goals,
        rows,
        args,
        name,
    };
    if args.dry_run {
        let store = context.open()?;
        store.read(|s| Ok(plan(s, input, problems, out)))??;
        return Ok(());
    }
    let mut store = context.open_for_writing()?;
    let Some(imported) = store.import_with(&context.stamp(), |s| plan(s, input, problems, out))?
    else {
        return Ok(());
    };
    let counts = words::Imported {
        goals: imported.goals.len(),
        created: imported.created.len(),
        updated: imported.updated,
        events: imported.events,
    };
    writeln!(
        out,
        "{}",
        words::imported(&sanitize_line(name), counts, context.lang)
    )?;
    Ok(())
}

/// What was read from the file, and how.
struct Input<'a> {
    lang: Lang,
    goals: Vec<import::FocusArea>,
    rows: Vec<import::Row>,
    args: &'a ImportArgs,
    name: &'a str,
}

/// Sets what was read against the database, says what the import does and
/// returns the plan to write (`None`: nothing to write, or a dry run).
/// Refuses with every problem when any row is bad.
fn plan(
    store: &Store,
    input: Input,
    mut problems: Vec<Problem>,
    out: &mut dyn Write,
) -> Result<Option<ImportPlan>> {
    let args = input.args;
    let snapshot = Snapshot {
        year: store.municipality()?.year,
        sectors: store.sectors()?,
        goals: store.goals()?,
        assignments: store.assignments()?,
        comments: store
            .comments_by_assignment()?
            .into_iter()
            .map(|(id, text)| (id, vec![text]))
            .collect(),
    };
    let options = Options {
        year: args.year,
        update: args.update,
        note: format!("import: {}", input.name),
    };
    let shown = args.file.display().to_string();
    let resolved = match import::resolve(&snapshot, &input.goals, &input.rows, &options) {
        Ok(resolved) if problems.is_empty() => resolved,
        Ok(_) => return Err(report(problems, &shown, input.lang)),
        Err(mut more) => {
            problems.append(&mut more);
            return Err(report(problems, &shown, input.lang));
        }
    };
    let nothing_read = input.rows.is_empty() && input.goals.is_empty();
    // The plan holds what is written; the rows read need not stay beside it.
    drop(input.rows);
    describe(&resolved, &snapshot, args, out, input.lang)?;
    let plan = resolved.plan;
    if args.dry_run {
        writeln!(out, "{}", words::nothing_written(input.lang))?;
        return Ok(None);
    }
    if nothing_read {
        writeln!(
            out,
            "{}",
            words::no_rows(&sanitize_line(input.name), input.lang)
        )?;
        return Ok(None);
    }
    if plan.goals.is_empty() && plan.creates.is_empty() && plan.updates.is_empty() {
        writeln!(out, "{}", words::nothing_to_import(input.lang))?;
        return Ok(None);
    }
    Ok(Some(plan))
}

/// What the import creates, matches and changes, for the user to read.
fn describe(
    resolved: &Resolved,
    snapshot: &Snapshot,
    args: &ImportArgs,
    out: &mut dyn Write,
    lang: Lang,
) -> Result<()> {
    let plan = &resolved.plan;
    if !plan.goals.is_empty() {
        let count = |kind: usize| {
            plan.goals
                .iter()
                .filter(|g| depth(plan, g.parent) == kind)
                .count()
        };
        writeln!(
            out,
            "{}",
            words::creating_goals(
                args.dry_run,
                plan.goals.len(),
                [count(0), count(1), count(2)],
                lang
            )
        )?;
        for goal in &plan.goals {
            let depth = depth(plan, goal.parent);
            let sectors = if goal.sectors.is_empty() {
                String::new()
            } else {
                format!(" [{}]", goal.sectors.join(", "))
            };
            writeln!(
                out,
                "  {}{} {}{sectors}",
                "  ".repeat(depth),
                sanitize_line(&goal.code),
                sanitize_line(&goal.title)
            )?;
        }
    }
    if resolved.goals_known > 0 {
        writeln!(out, "{}", words::goals_known(resolved.goals_known, lang))?;
    }
    for difference in &resolved.goal_differences {
        writeln!(
            out,
            "  {}",
            sanitize_line(&words::problem(difference, lang))
        )?;
    }
    if !plan.creates.is_empty() {
        writeln!(
            out,
            "{}",
            words::creating_assignments(args.dry_run, plan.creates.len(), lang)
        )?;
        for create in &plan.creates {
            let a = &create.draft;
            let due = a.due.map(|d| words::due_note(d, lang)).unwrap_or_default();
            let task = a
                .parent_id
                .map(|p| words::task_note(p, lang))
                .unwrap_or_default();
            let id = create.id.map(|i| format!("#{i} ")).unwrap_or_default();
            writeln!(
                out,
                "  {id}{:<5} {} {}{due}{task} [{}]",
                sanitize_line(&a.lead_sector),
                a.year,
                sanitize_line(&a.title),
                a.status.label(lang)
            )?;
        }
    }
    if resolved.unchanged > 0 {
        writeln!(out, "{}", words::unchanged(resolved.unchanged, lang))?;
    }
    if !resolved.differences.is_empty() {
        writeln!(
            out,
            "{}",
            words::differing(resolved.differences.len(), args.update, args.dry_run, lang)
        )?;
        for d in &resolved.differences {
            let mut parts: Vec<String> = d
                .changes
                .iter()
                .map(|(field, old, new)| {
                    format!(
                        "{}: {} → {}",
                        field.label(lang),
                        shown(*field, old.as_deref(), snapshot, plan, lang),
                        shown(*field, new.as_deref(), snapshot, plan, lang)
                    )
                })
                .collect();
            if let Some(comment) = &d.comment {
                parts.push(words::new_comment(comment, lang));
            }
            writeln!(
                out,
                "  {}: #{} {}: {}",
                sanitize_line(&words::location(&d.location, lang)),
                d.id,
                sanitize_line(&d.title),
                sanitize_line(&parts.join("; "))
            )?;
        }
    }
    Ok(())
}

fn depth(plan: &crate::store::ImportPlan, parent: Option<GoalRef>) -> usize {
    match parent {
        None => 0,
        Some(GoalRef::New(i)) => 1 + depth(plan, plan.goals.get(i).and_then(|g| g.parent)),
        Some(GoalRef::Existing(_)) => 1,
    }
}

/// A field's value as people read it; goals by code.
fn shown(
    field: Field,
    value: Option<&str>,
    snapshot: &Snapshot,
    plan: &crate::store::ImportPlan,
    lang: Lang,
) -> String {
    if field == Field::Goal {
        if let Some(value) = value {
            if let Some(goal) = value
                .parse::<i64>()
                .ok()
                .and_then(|id| snapshot.goals.iter().find(|g| g.id == id))
            {
                return goal.code.clone();
            }
            if let Some(index) = value.strip_prefix("new goal ") {
                if let Some(goal) = index.parse::<usize>().ok().and_then(|i| plan.goals.get(i)) {
                    return goal.code.clone();
                }
            }
        }
    }
    crate::words::events::shown_value(field, value, lang)
}

/// Restores a JSON export into a database that does not exist yet, or that
/// holds no goals, assignments or events (as `styr init` leaves it; it is
/// replaced by the restored file). Into a database that already holds
/// exactly the export, nothing is done; into any other, nothing is written.
fn restore(
    context: &Context,
    dump: &Dump,
    file: &str,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let lang = context.lang;
    // A server database cannot be replaced by a new file, and what `server
    // init` logged cannot be taken out of its logs.
    if context.server_db().is_some() {
        bail!(words::restore_on_server(lang));
    }
    let summary = words::dump_summary(
        words::DumpCounts {
            sectors: dump.sectors.len(),
            goals: dump.goals.len(),
            assignments: dump.assignments.len(),
            events: dump.events.len(),
            wheel_entries: dump.wheel_entries.len(),
        },
        lang,
    );
    let municipality = dump
        .settings
        .get("municipality")
        .map(|m| sanitize_line(m))
        .unwrap_or_default();
    let path = &context.db;
    let shown = path.display().to_string();
    if !path.exists() {
        if dry_run {
            writeln!(
                out,
                "{}",
                words::would_create(&shown, &municipality, &summary, lang)
            )?;
            return Ok(());
        }
        super::init::replace_with(path, false, context.texts(), |store| {
            Ok(store.restore(dump)?)
        })?;
        writeln!(
            out,
            "{}",
            words::created(&shown, file, &municipality, &summary, lang)
        )?;
        return Ok(());
    }
    let store = if dry_run {
        context.open()?
    } else {
        context.open_for_writing()?
    };
    let contents = store.contents()?;
    if !contents.is_empty() {
        if store.dump(dump.year)? == *dump {
            writeln!(out, "{}", words::already_holds(&shown, lang))?;
            return Ok(());
        }
        bail!(words::not_empty(
            &shown,
            contents.goals,
            contents.assignments,
            contents.events,
            lang
        ));
    }
    if dry_run {
        writeln!(
            out,
            "{}",
            words::would_restore(&shown, &municipality, &summary, lang)
        )?;
        return Ok(());
    }
    // The restore is built in a new file that replaces this one, so that
    // nothing `init` wrote (settings, sectors, årshjul and any log of them)
    // is left behind or mixed in.
    drop(store);
    super::init::replace_with(
        path,
        true,
        context.texts(),
        |store| Ok(store.restore(dump)?),
    )?;
    writeln!(
        out,
        "{}",
        words::restored(&shown, file, &municipality, &summary, lang)
    )?;
    Ok(())
}
