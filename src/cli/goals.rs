//! `styr goals`: the goal tree with rollups.

use std::io::Write;

use anyhow::Result;
use clap::Args;

use super::json::GoalJson;
use super::table::{write_table, Column};
use super::Context;
use crate::domain::text::sanitize_line;
use crate::domain::{goal_rollups, goal_rollups_by_sector, GoalKind, GoalTree};

#[derive(Debug, Args)]
pub struct GoalsArgs {
    /// Only goals this sector is responsible for (and the goals above them)
    #[arg(long)]
    sector: Option<String>,
    /// Retired goals too (marked as such)
    #[arg(long)]
    all: bool,
    #[arg(long, value_enum, default_value_t = GoalsFormat::Table)]
    format: GoalsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum GoalsFormat {
    Table,
    Json,
}

pub fn run(context: &Context, args: GoalsArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let sector = args
        .sector
        .as_deref()
        .map(|s| store.sector(s))
        .transpose()?
        .map(|s| s.code);
    let tree = GoalTree::new(store.goals()?);
    // Counted as the TUI's goal tree counts: the plan year's oppdrag, and
    // with a sector chosen only that sector's; whether a delmål is served
    // at all (the ⚠ mark) is by every sector's oppdrag.
    let year = store.municipality()?.year;
    let assignments = store.assignments()?;
    let this_year = || assignments.iter().filter(|a| a.year == year);
    let served = goal_rollups(&tree, this_year(), today);
    let rollups = match &sector {
        Some(code) => goal_rollups_by_sector(&tree, this_year(), today)
            .remove(code)
            .unwrap_or_default(),
        None => served.clone(),
    };
    let walked = if args.all {
        tree.walk_all()
    } else {
        tree.walk()
    };
    let nodes: Vec<GoalJson> = walked
        .into_iter()
        .filter(|(_, g)| {
            sector
                .as_ref()
                .is_none_or(|s| tree.involves_sector(g.id, s))
        })
        .map(|(depth, g)| {
            let mut node = GoalJson::new(g, depth, rollups.get(&g.id).copied().unwrap_or_default());
            node.served = served.get(&g.id).is_some_and(|r| r.assignments > 0);
            node
        })
        .collect();
    if args.format == GoalsFormat::Json {
        super::json::write_pretty(&mut *out, &nodes)?;
        writeln!(out)?;
        return Ok(());
    }
    let t = context.texts();
    let column = |header, width| Column { header, width };
    let columns = [
        column(t.column_id, None),
        column(t.column_goal, Some(80)),
        column(t.column_responsible, None),
        column(t.column_assignment, None),
        column(t.column_overdue, None),
        column("", None),
    ];
    let rows: Vec<Vec<String>> = nodes
        .iter()
        .map(|g| {
            let unserved = g.kind == GoalKind::SubGoal.as_str() && !g.served && !g.retired;
            // write_table sanitises every cell; codes and titles are made
            // safe here too, so no caller can forget it.
            vec![
                g.id.to_string(),
                format!(
                    "{}{} {}",
                    "  ".repeat(g.depth),
                    sanitize_line(&g.code),
                    sanitize_line(&g.title)
                ),
                sanitize_line(&g.sectors.join(" ")).into_owned(),
                g.assignments.to_string(),
                g.overdue.to_string(),
                if g.retired {
                    t.retired_mark.into()
                } else if unserved {
                    t.no_assignment_mark.into()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    write_table(out, &columns, &rows)?;
    let unserved = nodes
        .iter()
        .filter(|g| g.kind == GoalKind::SubGoal.as_str() && !g.served && !g.retired)
        .count();
    if unserved > 0 {
        writeln!(out, "\n{}", t.unserved_goals(unserved))?;
    }
    Ok(())
}
