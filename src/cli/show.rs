//! `styr show ID`: one assignment with its goal path, tasks and history.

use std::io::Write;

use anyhow::Result;
use clap::Args;
use serde::Serialize;

use super::json::{AssignmentJson, EventJson, GoalRefJson};
use super::table::event_time;
use super::Context;
use crate::domain::assignment::assessment_label;
use crate::domain::date::nb;
use crate::domain::event::describe as describe_event;
use crate::domain::text::{sanitize_line, sanitize_lines};
use crate::domain::GoalTree;

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
struct ShowJson {
    #[serde(flatten)]
    assignment: AssignmentJson,
    goal_path: Vec<GoalRefJson>,
    tasks: Vec<AssignmentJson>,
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
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
        return Ok(());
    }

    let safe = |s: &str| sanitize_line(s).into_owned();
    let kind = if a.is_task() { "Oppgave" } else { "Oppdrag" };
    writeln!(out, "{kind} #{}: {}", a.id, safe(&a.title))?;
    if let Some(parent) = a.parent_id {
        let parent = store.assignment(parent)?;
        writeln!(
            out,
            "  under oppdrag #{}: {}",
            parent.id,
            safe(&parent.title)
        )?;
    }
    let sector = store
        .sector(&a.lead_sector)
        .map(|s| s.name)
        .unwrap_or_default();
    let due = match (a.due, a.days_overdue(today)) {
        (Some(due), Some(days)) => format!("{} (forfalt, {days} dager)", nb(due)),
        (Some(due), None) => nb(due),
        (None, _) => "–".into(),
    };
    let fields = [
        ("Status", a.status.label().to_string()),
        ("Vurdering", assessment_label(a.assessment).to_string()),
        (
            "Delegert til",
            format!("{} {}", safe(&a.lead_sector), safe(&sector)),
        ),
        (
            "Delansvar",
            if a.sectors.is_empty() {
                "–".into()
            } else {
                safe(&a.sectors.join(", "))
            },
        ),
        (
            "Ansvarlig",
            if a.owner.is_empty() {
                "–".into()
            } else {
                safe(&a.owner)
            },
        ),
        ("Frist", due),
        (
            "Forventet ferdig",
            a.expected_done.map(nb).unwrap_or_else(|| "–".into()),
        ),
        (
            "Kilde",
            if a.source.is_empty() {
                "–".into()
            } else {
                safe(&a.source)
            },
        ),
        ("År", a.year.to_string()),
        ("Versjon", a.version.to_string()),
    ];
    for (label, value) in fields {
        writeln!(out, "  {label:<17} {value}")?;
    }
    if path.is_empty() {
        writeln!(out, "  {:<17} ikke knyttet til et delmål", "Mål")?;
    } else {
        writeln!(out, "  Mål (rød tråd):")?;
        for (depth, goal) in path.iter().enumerate() {
            writeln!(
                out,
                "    {}{} {} {}",
                "  ".repeat(depth),
                goal.kind.label(),
                safe(&goal.code),
                safe(&goal.title)
            )?;
        }
    }
    if !a.description.is_empty() {
        writeln!(out, "  Beskrivelse:")?;
        for line in sanitize_lines(&a.description).lines() {
            writeln!(out, "    {line}")?;
        }
    }
    if !tasks.is_empty() {
        writeln!(out, "  Oppgaver:")?;
        for t in &tasks {
            let late = t
                .days_overdue(today)
                .map(|d| format!(", forfalt {d} d"))
                .unwrap_or_default();
            writeln!(
                out,
                "    #{} {} ({}, frist {}{late})",
                t.id,
                safe(&t.title),
                t.status.label(),
                t.due.map(nb).unwrap_or_else(|| "–".into())
            )?;
        }
    }
    writeln!(out, "  Historikk (nyeste først):")?;
    for event in &history {
        writeln!(
            out,
            "    {}  {}  {}",
            event_time(event),
            safe(&event.actor),
            safe(&describe_event(event))
        )?;
    }
    Ok(())
}
