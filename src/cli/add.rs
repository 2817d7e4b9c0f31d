//! `styr add`: a new assignment, or a task under one.

use std::io::Write;

use anyhow::{bail, Result};
use clap::Args;

use super::json::AssignmentJson;
use super::Context;
use crate::domain::assignment::split_sectors;
use crate::domain::date::parse_typed_date;
use crate::domain::text::sanitize_line;
use crate::domain::{Assessment, Assignment, Status};

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    title: String,
    /// Lead sector (delegert til); a task takes its assignment's when omitted
    #[arg(long)]
    sector: Option<String>,
    /// Contributing sectors, comma-separated
    #[arg(long)]
    sectors: Option<String>,
    /// Make it a task under this assignment
    #[arg(long)]
    parent: Option<i64>,
    /// Delmål id (from `styr goals`)
    #[arg(long)]
    goal: Option<i64>,
    /// Deadline (YYYY-MM-DD or dd.mm.yyyy)
    #[arg(long)]
    due: Option<String>,
    #[arg(long)]
    owner: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// Where it comes from: styringsbrev, politisk vedtak, verbalvedtak, virksomhetsplan …
    #[arg(long, default_value = "")]
    source: String,
    /// Plan year [default: the database's plan year]; a task (--parent) has its assignment's
    #[arg(long)]
    year: Option<i32>,
    #[arg(long, default_value = "not-started")]
    status: String,
    /// green, yellow or red
    #[arg(long)]
    assessment: Option<String>,
    #[arg(long)]
    expected_done: Option<String>,
    /// A comment stored with the created event
    #[arg(long, short)]
    comment: Option<String>,
    /// Print the created assignment as JSON
    #[arg(long)]
    json: bool,
    /// Create it from this vedtak (id from `styr vedtak list`): linked to it, its source naming it
    #[arg(long, value_name = "ID")]
    vedtak: Option<i64>,
}

pub fn run(context: &Context, args: AddArgs, out: &mut dyn Write) -> Result<()> {
    if args.title.trim().is_empty() {
        return Err(crate::domain::DomainError::EmptyTitle.into());
    }
    if args.parent.is_some() && args.year.is_some() {
        bail!(context.texts().year_with_parent());
    }
    let mut store = context.open_for_writing()?;
    let today = context.today(&store)?;
    let lead_sector = match (&args.sector, args.parent) {
        (Some(sector), _) => sector.clone(),
        (None, Some(parent)) => store.assignment(parent)?.lead_sector,
        (None, None) => {
            bail!(context.texts().sector_required())
        }
    };
    let year = match args.year {
        Some(year) if !(1000..=9999).contains(&year) => bail!(context.texts().invalid_year(year)),
        Some(year) => year,
        None => store.municipality()?.year,
    };
    let dates = context.dates(&store)?;
    let dates = crate::domain::date::DateContext { year, ..dates };
    let typed = |text: &str| parse_typed_date(text, dates);
    let draft = Assignment {
        id: 0,
        parent_id: args.parent,
        year,
        title: args.title,
        description: args.description.unwrap_or_default(),
        lead_sector,
        sectors: split_sectors(args.sectors.as_deref().unwrap_or_default()),
        goal_id: args.goal,
        source: args.source,
        owner: args.owner.unwrap_or_default().trim().to_string(),
        due: args.due.as_deref().map(typed).transpose()?,
        status: Status::parse(&args.status)?,
        assessment: Assessment::parse(args.assessment.as_deref().unwrap_or_default())?,
        expected_done: args.expected_done.as_deref().map(typed).transpose()?,
        version: 0,
    };
    let changed = match args.vedtak {
        Some(decision) => {
            store
                .create_assignment_from_decision(
                    &draft,
                    decision,
                    args.comment.as_deref(),
                    &context.stamp(),
                )?
                .0
        }
        None => store.create_assignment(&draft, args.comment.as_deref(), &context.stamp())?,
    };
    let a = &changed.assignment;
    if args.json {
        super::json::write_pretty(&mut *out, &AssignmentJson::new(a, today))?;
        writeln!(out)?;
    } else {
        let title = sanitize_line(&a.title);
        writeln!(
            out,
            "{}",
            context.texts().created(a.is_task(), a.id, &title)
        )?;
    }
    if a.is_task() {
        // On stderr (so that --json stays JSON), after the answer.
        out.flush()?;
        super::written::warn_late_tasks(&store, a, context.texts())?;
    }
    Ok(())
}
