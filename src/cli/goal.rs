//! `styr goal`: changes to the goal tree (add, edit, move, retire, take back
//! in) and links between assignments and delmål. Goal changes are events in
//! the catalog log; a link is a change of the assignment, in its own log.

use std::io::Write;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};

use super::goal_ref::resolve;
use super::Context;
use crate::domain::assignment::split_sectors;
use crate::domain::text::sanitize_line;
use crate::domain::{Field, Goal, GoalKind, GoalTree};
use crate::store::{CatalogChanged, Store};
use crate::words::cli::{GoalVerb, Texts};
use crate::words::events::describe_catalog;
use crate::words::Label;

#[derive(Debug, Args)]
pub struct GoalArgs {
    #[command(subcommand)]
    command: GoalCommand,
}

#[derive(Debug, Subcommand)]
enum GoalCommand {
    /// Add a goal: a satsingsområde, or with --parent a hovedmål or delmål under it
    Add(AddArgs),
    /// Change a goal's code, title or responsible sectors
    Edit(EditArgs),
    /// Move a hovedmål or delmål under another goal of the level above
    Mv(MvArgs),
    /// Take a goal and everything below it out of the tree (kept with its history)
    Retire(RetireArgs),
    /// Take a retired goal and everything below it back into the tree
    Unretire(RetireArgs),
    /// Link assignments to a delmål
    Link(LinkArgs),
    /// Remove assignments' link to a delmål
    Unlink(LinkArgs),
}

#[derive(Debug, Args)]
struct AddArgs {
    #[arg(long)]
    title: String,
    /// A short label such as 1.2.4 that fits its place; left out, the next free one
    #[arg(long)]
    code: Option<String>,
    /// The goal above (id or code); none makes a satsingsområde
    #[arg(long)]
    parent: Option<String>,
    /// Responsible sectors (ansvar), comma-separated
    #[arg(long)]
    sectors: Option<String>,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct EditArgs {
    /// The goal: id (from `styr goals`) or code
    goal: String,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    code: Option<String>,
    /// Responsible sectors, comma-separated, or none
    #[arg(long)]
    sectors: Option<String>,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct MvArgs {
    /// The goal: id or code
    goal: String,
    /// The new goal above it: id or code
    #[arg(long)]
    parent: String,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct RetireArgs {
    /// The goal: id or code
    goal: String,
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
struct LinkArgs {
    /// The delmål: id or code
    goal: String,
    /// Assignment ids
    #[arg(required = true)]
    ids: Vec<i64>,
    #[arg(long, short)]
    comment: Option<String>,
}

pub fn run(context: &Context, args: GoalArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = context.open_for_writing()?;
    let stamp = context.stamp();
    let tree = GoalTree::new(store.goals()?);
    let t = context.texts();
    match args.command {
        GoalCommand::Add(args) => {
            let parent = args
                .parent
                .as_deref()
                .map(|p| resolve(&tree, p, t))
                .transpose()?
                .map(|g| g.id);
            let sectors = split_sectors(args.sectors.as_deref().unwrap_or_default());
            let code = args.code.unwrap_or_else(|| {
                crate::domain::goal::next_free_code(parent.and_then(|p| tree.get(p)), tree.goals())
            });
            let changed = store.create_goal(
                parent,
                &code,
                &args.title,
                &sectors,
                args.comment.as_deref(),
                &stamp,
            )?;
            report(out, &changed, GoalVerb::Added, t)
        }
        GoalCommand::Edit(args) => {
            if args.title.is_none() && args.code.is_none() && args.sectors.is_none() {
                bail!(t.goal_nothing_to_change());
            }
            let current = resolve(&tree, &args.goal, t)?.clone();
            let mut next = current.clone();
            if let Some(title) = args.title {
                next.title = title;
            }
            if let Some(code) = args.code {
                next.code = code;
            }
            if let Some(sectors) = args.sectors {
                next.sectors = match sectors.trim().to_lowercase().as_str() {
                    "none" | "-" => Vec::new(),
                    _ => split_sectors(&sectors),
                };
            }
            let changed = store.change_goal(
                current.id,
                Some(&current),
                &next,
                args.comment.as_deref(),
                &stamp,
            )?;
            report(out, &changed, GoalVerb::Saved, t)
        }
        GoalCommand::Mv(args) => {
            let current = resolve(&tree, &args.goal, t)?.clone();
            let parent = resolve(&tree, &args.parent, t)?;
            let next = Goal {
                parent_id: Some(parent.id),
                ..current.clone()
            };
            let changed = store.change_goal(
                current.id,
                Some(&current),
                &next,
                args.comment.as_deref(),
                &stamp,
            )?;
            report(out, &changed, GoalVerb::Moved, t)
        }
        GoalCommand::Retire(args) => {
            let goal = resolve(&tree, &args.goal, t)?.id;
            let changed = store.retire_goal(goal, true, args.comment.as_deref(), &stamp)?;
            report(out, &changed, GoalVerb::Retired, t)
        }
        GoalCommand::Unretire(args) => {
            let goal = resolve(&tree, &args.goal, t)?.id;
            let changed = store.retire_goal(goal, false, args.comment.as_deref(), &stamp)?;
            report(out, &changed, GoalVerb::TookBack, t)
        }
        GoalCommand::Link(args) => {
            let goal = resolve(&tree, &args.goal, t)?;
            if goal.kind != GoalKind::SubGoal {
                bail!(t.link_needs_sub_goal(
                    goal.id,
                    &sanitize_line(&goal.code),
                    &goal.kind.label(t.lang).to_lowercase()
                ));
            }
            let value = Some(goal.id.to_string());
            link(&mut store, context, &args, value, out)
        }
        GoalCommand::Unlink(args) => {
            let goal = resolve(&tree, &args.goal, t)?;
            for id in &args.ids {
                let assignment = store.assignment(*id)?;
                if assignment.goal_id != Some(goal.id) {
                    bail!(t.not_linked(*id, goal.id, &sanitize_line(&goal.code)));
                }
            }
            link(&mut store, context, &args, None, out)
        }
    }
}

/// Sets the delmål of each assignment, all or none: every id is checked
/// before the first is written.
fn link(
    store: &mut Store,
    context: &Context,
    args: &LinkArgs,
    value: Option<String>,
    out: &mut dyn Write,
) -> Result<()> {
    for id in &args.ids {
        store.assignment(*id)?;
    }
    let stamp = context.stamp();
    for id in &args.ids {
        let changed = store.change(
            *id,
            None,
            &[(Field::Goal, value.clone())],
            args.comment.as_deref(),
            &stamp,
        )?;
        super::written::report(out, &changed, context.texts())?;
    }
    Ok(())
}

fn report(
    out: &mut dyn Write,
    changed: &CatalogChanged<Goal>,
    verb: GoalVerb,
    t: &Texts,
) -> Result<()> {
    let goal = &changed.item;
    if changed.events.is_empty() {
        writeln!(out, "{}", t.goal_nothing_changed(goal.id))?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        t.goal_changed(
            verb,
            goal.id,
            &goal.kind.label(t.lang).to_lowercase(),
            &sanitize_line(&goal.code),
            &sanitize_line(&goal.title)
        )
    )?;
    for event in &changed.events {
        let whose = if event.entity_id == goal.id {
            String::new()
        } else {
            t.other_goal(event.entity_id)
        };
        writeln!(
            out,
            "  {whose}{}",
            sanitize_line(&describe_catalog(event, t.lang))
        )?;
    }
    Ok(())
}
