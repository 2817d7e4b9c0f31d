//! `styr show ID`: one assignment with its goal path, tasks and history.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::json::{AssignmentJson, EventJson, GoalRefJson};
use super::table::event_time;
use super::Context;
use crate::domain::text::{fit as pad, sanitize_line, sanitize_lines, width};
use crate::domain::GoalTree;
use crate::words::events::describe as describe_event;
use crate::words::terms::assessment_label;
use crate::words::Label;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Assignment id
    id: i64,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShowFormat {
    Text,
    Json,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    assignment: AssignmentJson<'a>,
    goal_path: Vec<GoalRefJson>,
    tasks: Vec<AssignmentJson<'a>>,
    /// Newest first.
    history: Vec<EventJson>,
}

pub fn run(context: &Context, args: ShowArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let a = store.assignment(args.id)?;
    let tree = GoalTree::new(store.goals()?);
    let path = a.goal_id.map(|g| tree.path(g)).unwrap_or_default();
    let tasks = store.tasks(a.id)?;
    let mut history = store.events(Some(a.id), None)?;
    history.reverse();

    if args.format == ShowFormat::Json {
        let json = ShowJson {
            assignment: AssignmentJson::new(&a, today),
            goal_path: path.iter().map(|g| GoalRefJson::from(*g)).collect(),
            tasks: tasks
                .iter()
                .map(|t| AssignmentJson::new(t, today))
                .collect(),
            history: history.iter().map(EventJson::from).collect(),
        };
        super::json::write_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(());
    }

    let safe = |s: &str| sanitize_line(s).into_owned();
    let (t, lang) = (context.texts(), context.lang);
    let or_none = |s: &str| {
        if s.is_empty() {
            t.none.to_string()
        } else {
            safe(s)
        }
    };
    let kind = if a.is_task() {
        t.kind_task
    } else {
        t.kind_assignment
    };
    writeln!(out, "{kind} #{}: {}", a.id, safe(&a.title))?;
    if let Some(parent) = a.parent_id {
        let parent = store.assignment(parent)?;
        writeln!(
            out,
            "  {} #{}: {}",
            t.under_assignment,
            parent.id,
            safe(&parent.title)
        )?;
    }
    let sector = store
        .sector(&a.lead_sector)
        .map(|s| s.name)
        .unwrap_or_default();
    let due = match (a.due, a.days_overdue(today)) {
        (Some(due), Some(days)) => t.due_overdue(&lang.date(due), days),
        (Some(due), None) => lang.date(due),
        (None, _) => t.none.into(),
    };
    let fields = [
        (t.label_status, a.status.label(lang).to_string()),
        (
            t.label_assessment,
            assessment_label(a.assessment, lang).to_string(),
        ),
        (
            t.label_lead_sector,
            format!("{} {}", safe(&a.lead_sector), safe(&sector)),
        ),
        (t.label_sectors, or_none(&a.sectors.join(", "))),
        (t.label_owner, or_none(&a.owner)),
        (t.label_due, due),
        (
            t.label_expected_done,
            a.expected_done
                .map(|d| lang.date(d))
                .unwrap_or_else(|| t.none.into()),
        ),
        (t.label_source, or_none(&a.source)),
        (t.label_year, a.year.to_string()),
        (t.label_version, a.version.to_string()),
    ];
    let label_width = fields
        .iter()
        .map(|(label, _)| width(label))
        .chain([width(t.label_goal)])
        .max()
        .unwrap_or(0)
        + 1;
    for (label, value) in fields {
        writeln!(out, "  {} {value}", pad(label, label_width))?;
    }
    if path.is_empty() {
        writeln!(out, "  {} {}", pad(t.label_goal, label_width), t.no_thread)?;
    } else {
        writeln!(out, "  {}", t.heading_thread)?;
        for (depth, goal) in path.iter().enumerate() {
            writeln!(
                out,
                "    {}{} {} {}",
                "  ".repeat(depth),
                goal.kind.label(lang),
                safe(&goal.code),
                safe(&goal.title)
            )?;
        }
    }
    if !a.description.is_empty() {
        writeln!(out, "  {}", t.heading_description)?;
        for line in sanitize_lines(&a.description).lines() {
            writeln!(out, "    {line}")?;
        }
    }
    if !tasks.is_empty() {
        writeln!(out, "  {}", t.heading_tasks)?;
        for task in &tasks {
            let late = task
                .days_overdue(today)
                .map(|d| t.task_overdue(d))
                .unwrap_or_default();
            writeln!(
                out,
                "    #{} {} ({}, {} {}{late})",
                task.id,
                safe(&task.title),
                task.status.label(lang),
                t.due_word,
                task.due
                    .map(|d| lang.date(d))
                    .unwrap_or_else(|| t.none.into())
            )?;
        }
    }
    writeln!(out, "  {}", t.heading_history)?;
    for event in &history {
        writeln!(
            out,
            "    {}  {}  {}",
            event_time(event, lang),
            safe(&event.actor),
            safe(&describe_event(event, lang))
        )?;
    }
    Ok(())
}
