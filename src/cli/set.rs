//! `styr set ID`: change fields of an assignment, one event per changed field;
//! `styr set 3,5,8`: the same change to several, as one change (all or nothing).

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::domain::Field;

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Assignment id, or several separated by commas (3,5,8): the same change to each, all or nothing, undone as one
    id: String,
    /// not-started, in-progress, done or cancelled (Norwegian words work too)
    #[arg(long)]
    status: Option<String>,
    /// green, yellow, red, or none
    #[arg(long)]
    assessment: Option<String>,
    /// Deadline (YYYY-MM-DD or dd.mm.yyyy), or none
    #[arg(long)]
    due: Option<String>,
    /// Person responsible, or none
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Lead sector (delegert til)
    #[arg(long)]
    sector: Option<String>,
    /// Contributing sectors, comma-separated, or none
    #[arg(long)]
    sectors: Option<String>,
    /// Delmål: id (from `styr goals`) or code (e.g. 1.2.1), or none
    #[arg(long)]
    goal: Option<String>,
    /// Expected completion date, or none
    #[arg(long)]
    expected_done: Option<String>,
    /// A comment on the change, or alone: a comment event
    #[arg(long, short)]
    comment: Option<String>,
    /// Refuse if the assignment is no longer at this version (from `show` or `list --format json`); for several ids, one version each (4,7,2)
    #[arg(long, value_name = "VERSION")]
    if_version: Option<String>,
}

/// "none" (or "-") clears a field that may be empty.
fn clearable(value: String) -> Option<String> {
    match value.trim().to_lowercase().as_str() {
        "none" | "-" | "" => None,
        _ => Some(value),
    }
}

pub fn run(context: &Context, args: SetArgs, out: &mut dyn Write) -> Result<()> {
    let mut edits: Vec<(Field, Option<String>)> = Vec::new();
    let fields = [
        (Field::Status, args.status.map(Some)),
        (Field::Assessment, args.assessment.map(clearable)),
        (Field::Due, args.due.map(clearable)),
        (Field::Owner, args.owner.map(clearable)),
        (Field::Title, args.title.map(Some)),
        (Field::Description, args.description.map(clearable)),
        (Field::LeadSector, args.sector.map(Some)),
        (Field::Sectors, args.sectors.map(clearable)),
        (Field::Goal, args.goal.map(clearable)),
        (Field::ExpectedDone, args.expected_done.map(clearable)),
    ];
    for (field, value) in fields {
        if let Some(value) = value {
            edits.push((field, value));
        }
    }
    if edits.is_empty() && args.comment.as_deref().is_none_or(|c| c.trim().is_empty()) {
        bail!(context.texts().nothing_to_set());
    }
    let mut store = context.open_for_writing()?;
    // Dates may be typed short (31.10, +14); the log stores the full date.
    let dates = context.dates(&store)?;
    for (field, value) in edits.iter_mut() {
        if let (Field::Due | Field::ExpectedDone, Some(text)) = (*field, value.as_ref()) {
            let date = crate::domain::date::parse_typed_date(text, dates)?;
            *value = Some(crate::domain::date::iso(date));
        }
    }
    // A goal may be named by its code; the log stores the id.
    for (field, value) in edits.iter_mut() {
        if let (Field::Goal, Some(text)) = (*field, value.as_ref()) {
            let tree = crate::domain::GoalTree::new(store.goals()?);
            *value = Some(
                super::goal_ref::resolve(&tree, text, context.texts())?
                    .id
                    .to_string(),
            );
        }
    }
    let targets = targets(&args.id, args.if_version.as_deref(), context.texts().lang)?;
    // A deadline moved past its assignment's, or an assignment's moved
    // before its tasks', is saved and said on stderr.
    let moved_due = |changed: &crate::store::Changed| {
        changed
            .events
            .iter()
            .any(|e| e.field == Field::Due.as_str())
    };
    if let [(id, version)] = targets[..] {
        let changed = store.change(
            id,
            version,
            &edits,
            args.comment.as_deref(),
            &context.stamp(),
        )?;
        super::written::report(out, &changed, context.texts())?;
        if moved_due(&changed) {
            out.flush()?;
            super::written::warn_late_tasks(&store, &changed.assignment, context.texts())?;
        }
        return Ok(());
    }
    let changed = store.change_many(&targets, &edits, args.comment.as_deref(), &context.stamp())?;
    writeln!(
        out,
        "{}",
        crate::words::lists::batch_saved(changed.len(), context.texts().lang)
    )?;
    for one in &changed {
        super::written::report(out, one, context.texts())?;
    }
    out.flush()?;
    for one in changed.iter().filter(|c| moved_due(c)) {
        super::written::warn_late_tasks(&store, &one.assignment, context.texts())?;
    }
    Ok(())
}

/// The ids (`3` or `3,5,8`) with the version each must be at, if given.
fn targets(
    ids: &str,
    versions: Option<&str>,
    lang: crate::domain::Lang,
) -> Result<Vec<(i64, Option<i64>)>> {
    let list = |text: &str| -> Result<Vec<i64>> {
        let numbers: Option<Vec<i64>> = text
            .split(',')
            .map(|part| {
                let part = part.trim();
                part.strip_prefix('#')
                    .unwrap_or(part)
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
            })
            .collect();
        match numbers {
            Some(numbers) if !numbers.is_empty() => Ok(numbers),
            _ => bail!(crate::words::lists::bad_id_list(text, lang)),
        }
    };
    let ids = list(ids)?;
    let versions = match versions {
        None => vec![None; ids.len()],
        Some(text) => {
            let versions = list(text)?;
            if versions.len() != ids.len() {
                bail!(crate::words::lists::if_version_per_id(
                    ids.len(),
                    versions.len(),
                    lang
                ));
            }
            versions.into_iter().map(Some).collect()
        }
    };
    Ok(ids.into_iter().zip(versions).collect())
}
