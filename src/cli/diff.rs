//! `styr diff --from D --to D`: what changed between two moments, from the
//! state replayed as of each and the events logged between them.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use serde_json::{json, Value};

use super::Context;
use crate::domain::diff::{CatalogChange, CatalogLine, Diff, Scope, VedtakChange, VedtakLine};
use crate::domain::event::AsOf;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier moment: YYYY-MM-DD (its end) or dd.mm.yyyy, optionally HH:MM
    #[arg(long, value_name = "DATE")]
    from: String,
    /// The later moment, the same way
    #[arg(long, value_name = "DATE")]
    to: String,
    /// Only the assignments this sector leads (and its goals and årshjul entries)
    #[arg(long)]
    sector: Option<String>,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

pub fn run(context: &Context, args: DiffArgs, out: &mut dyn Write) -> Result<()> {
    let lang = context.lang;
    let parse = |option: &str, text: &str| {
        AsOf::parse(text)
            .map_err(|r| anyhow::anyhow!(crate::words::as_of::refusal(lang, option, &r)))
    };
    let (from, to) = (parse("--from", &args.from)?, parse("--to", &args.to)?);
    if to.until() < from.until() {
        anyhow::bail!(crate::words::as_of::diff_backwards(lang, &from, &to));
    }
    let before_store = context.open_as_of(&from, "--from")?;
    let after_store = context.open_as_of(&to, "--to")?;
    let sector = match &args.sector {
        Some(code) => Some(after_store.sector(code)?.code),
        None => None,
    };
    let scope = sector.as_deref().map_or(Scope::All, Scope::Sector);
    let (changes, before, after) = after_store.changes_since(&before_store, from.until(), scope)?;
    let title_of = |id: i64| {
        after
            .assignments
            .get(&id)
            .or_else(|| before.assignments.get(&id))
            .map(|a| a.title.clone())
            .unwrap_or_default()
    };
    match args.format {
        DiffFormat::Text => {
            let text = crate::words::as_of::diff_text(
                lang,
                &changes,
                &from,
                &to,
                sector.as_deref(),
                title_of,
            );
            out.write_all(text.as_bytes())?;
        }
        DiffFormat::Json => {
            let value = as_json(&changes, &from, &to, sector.as_deref(), title_of);
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// An instant as the database and every JSON export write it.
fn rows_instant(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The diff as JSON: the same in every language, values as stored.
fn as_json(
    d: &Diff,
    from: &AsOf,
    to: &AsOf,
    sector: Option<&str>,
    title_of: impl Fn(i64) -> String,
) -> Value {
    let brief = |a: &crate::domain::Assignment| {
        json!({
            "id": a.id,
            "title": a.title,
            "lead_sector": a.lead_sector,
            "parent_id": a.parent_id,
            "status": a.status.as_str(),
        })
    };
    let catalog = |lines: &[CatalogLine]| -> Vec<Value> {
        lines
            .iter()
            .map(|l| {
                let (change, field, old, new) = match &l.change {
                    CatalogChange::Added => ("added", None, None, None),
                    CatalogChange::Removed => ("removed", None, None, None),
                    CatalogChange::Field { field, from, to } => {
                        ("changed", Some(*field), from.clone(), to.clone())
                    }
                };
                json!({
                    "id": l.id,
                    "title": l.title,
                    "change": change,
                    "field": field,
                    "old": old,
                    "new": new,
                    "at": l.at.map(rows_instant),
                    "actor": l.actor,
                })
            })
            .collect()
    };
    json!({
        "from": rows_instant(from.until()),
        "to": rows_instant(to.until()),
        "sector": sector,
        "created": d.created.iter().map(brief).collect::<Vec<_>>(),
        "closed": d.closed.iter().map(brief).collect::<Vec<_>>(),
        "fields": d.fields.iter().map(|c| json!({
            "assignment": c.assignment,
            "title": title_of(c.assignment),
            "field": c.field.as_str(),
            "old": c.from,
            "new": c.to,
            "at": rows_instant(c.at),
            "actors": c.actors,
        })).collect::<Vec<_>>(),
        "reports": d.reports.iter().map(|r| json!({
            "assignment": r.assignment,
            "title": title_of(r.assignment),
            "period": r.period,
            "at": rows_instant(r.at),
            "actor": r.actor,
            "comment": r.comment,
        })).collect::<Vec<_>>(),
        "goals": catalog(&d.goals),
        "wheel": catalog(&d.wheel),
        "vedtak": d.vedtak.iter().map(vedtak_json).collect::<Vec<_>>(),
    })
}

/// One change of a vedtak: `change` is created, removed, edited (with
/// `field`, `old`, `new`), closed (with `day`, `comment`), reopened, linked
/// or unlinked (with `assignments`).
fn vedtak_json(l: &VedtakLine) -> Value {
    let mut value = json!({
        "id": l.id,
        "case": l.case,
        "title": l.title,
        "at": l.at.map(rows_instant),
        "actor": l.actor,
    });
    let fields = match &l.change {
        VedtakChange::Created => json!({ "change": "created" }),
        VedtakChange::Removed => json!({ "change": "removed" }),
        VedtakChange::Edited { field, from, to } => {
            json!({ "change": "edited", "field": field, "old": from, "new": to })
        }
        VedtakChange::Closed { day, comment } => {
            json!({ "change": "closed", "day": day, "comment": comment })
        }
        VedtakChange::Reopened => json!({ "change": "reopened" }),
        VedtakChange::Linked(ids) => json!({ "change": "linked", "assignments": ids }),
        VedtakChange::Unlinked(ids) => json!({ "change": "unlinked", "assignments": ids }),
    };
    if let (Value::Object(all), Value::Object(more)) = (&mut value, fields) {
        all.extend(more);
    }
    value
}
