//! `styr list`: assignments, overdue first, then by deadline.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};

use anyhow::Result;
use clap::Args;

use super::json::AssignmentJson;
use super::table::{assignment_columns, assignment_row, write_table};
use super::{Context, Format};
use crate::domain::filter::{ordered_with_tasks, Filter, Surroundings};
use crate::domain::text::sanitize_lines;
use crate::domain::{Assignment, GoalTree, Status};
use crate::store::Narrowing;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this lead sector (code, e.g. OUS)
    #[arg(long)]
    sector: Option<String>,
    /// Only overdue assignments
    #[arg(long)]
    overdue: bool,
    /// Only this status (not-started, in-progress, done, cancelled)
    #[arg(long)]
    status: Option<String>,
    /// Only assignments linked to this goal or a goal below it (id from `styr goals`)
    #[arg(long)]
    goal: Option<i64>,
    /// Only this plan year [default: all years]
    #[arg(long)]
    year: Option<i32>,
    /// Only assignments whose title, owner, description or comments contain these words
    #[arg(long)]
    search: Option<String>,
    /// Include tasks, each under its assignment
    #[arg(long)]
    tasks: bool,
    /// Only assignments missing their report for the period being reported on (mangler rapport), by sector
    #[arg(long, conflicts_with = "tasks")]
    missing_report: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(context: &Context, args: ListArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let today = context.today(&store)?;
    let mut filter = Filter {
        sector: args
            .sector
            .as_deref()
            .map(|s| store.sector(s))
            .transpose()?
            .map(|s| s.code),
        overdue_only: args.overdue,
        status: args.status.as_deref().map(Status::parse).transpose()?,
        year: args.year,
        search: args.search.filter(|s| !s.trim().is_empty()),
        goals: None,
        due_within: None,
        only: None,
    };
    if let Some(goal) = args.goal {
        let tree = GoalTree::new(store.goals()?);
        if tree.get(goal).is_none() {
            anyhow::bail!(context.texts().no_goal(goal));
        }
        filter = filter.with_goal(&tree, goal);
    }
    let missing = if args.missing_report {
        Some(store.missing_reports(today.0)?)
    } else {
        None
    };
    let missing_ids: Option<HashSet<i64>> = missing.as_ref().map(|m| {
        m.iter()
            .flat_map(|m| m.assignments.iter().map(|a| a.id))
            .collect()
    });
    // The database drops what it can; the filter below still decides.
    let all = store.assignments_narrowed(&Narrowing {
        lead_sector: filter.sector.clone(),
        status: filter.status,
        year: filter.year,
        overdue_on: filter.overdue_only.then_some(today.0),
        top_level_only: !args.tasks,
    })?;
    // A task without a goal of its own is judged by its assignment's goal,
    // which the narrowing may have left out.
    let missing_parents: Vec<i64> = if filter.goals.is_some() {
        let mut ids: Vec<i64> = all
            .iter()
            .filter_map(|a| a.parent_id)
            .filter(|p| all.binary_search_by_key(p, |x| x.id).is_err())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    } else {
        Vec::new()
    };
    let parents = store.assignments_with_ids(&missing_parents)?;
    let comments = if filter.search.is_some() {
        store.comments_by_assignment()?
    } else {
        Default::default()
    };
    let find = |list: &'_ [Assignment], id: i64| list.binary_search_by_key(&id, |x| x.id).ok();
    let chosen: Vec<&Assignment> = all
        .iter()
        .filter(|a| {
            // Both lists are ordered by id.
            let parent = a.parent_id.and_then(|p| {
                find(&all, p)
                    .map(|i| &all[i])
                    .or_else(|| find(&parents, p).map(|i| &parents[i]))
            });
            let around = Surroundings {
                parent,
                comments: comments.get(&a.id).map_or("", String::as_str),
            };
            (args.tasks || !a.is_task())
                && filter.matches_in(a, around, today)
                && missing_ids.as_ref().is_none_or(|ids| ids.contains(&a.id))
        })
        .collect();
    let mut ordered = ordered_with_tasks(&chosen, today);
    if missing.is_some() {
        // Grouped by sector, so each sector's missing reports can be chased together.
        let sectors = store.sectors()?;
        let position = |code: &str| sectors.iter().position(|s| s.code == code);
        ordered.sort_by_key(|a| position(&a.lead_sector));
    }
    match args.format {
        Format::Json => {
            let rows: Vec<AssignmentJson> = ordered
                .iter()
                .map(|a| AssignmentJson::new(a, today))
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record(CSV_HEADER)?;
            // On a terminal the cells are made safe to show; into a file or
            // a pipe they go exactly as stored.
            let on_terminal = std::io::stdout().is_terminal();
            for a in &ordered {
                let record = csv_record(&AssignmentJson::new(a, today))?;
                writer.write_record(if on_terminal {
                    shown_on_terminal(record)
                } else {
                    record
                })?;
            }
            writer.flush()?;
        }
        Format::Table => {
            let listed: HashSet<i64> = chosen.iter().map(|c| c.id).collect();
            let rows: Vec<Vec<String>> = ordered
                .iter()
                .map(|a| {
                    let indent = a.parent_id.is_some_and(|p| listed.contains(&p));
                    assignment_row(a, today, indent, context.texts())
                })
                .collect();
            write_table(out, &assignment_columns(context.texts()), &rows)?;
            let overdue = ordered.iter().filter(|a| a.is_overdue(today)).count();
            let tasks = ordered.iter().filter(|a| a.is_task()).count();
            if let Some(missing) = &missing {
                let t = context.texts();
                let line = match missing {
                    None => t.no_period_ended(&context.lang.date(today.0)),
                    Some(m) if !m.deadline_passed => t.report_not_due(
                        &m.period.id().to_string(),
                        &m.period.label,
                        &context.lang.date(m.period.report_due),
                    ),
                    Some(m) => t.missing_reports(
                        ordered.len(),
                        &m.period.id().to_string(),
                        &m.period.label,
                        &context.lang.date(m.period.report_due),
                        &context.lang.date(today.0),
                    ),
                };
                writeln!(out, "\n{line}")?;
                return Ok(());
            }
            let summary = context.texts().list_summary(
                ordered.len() - tasks,
                tasks,
                overdue,
                &context.lang.date(today.0),
            );
            writeln!(out, "\n{summary}")?;
        }
    }
    Ok(())
}

/// The CSV columns: the JSON field names, in the JSON order.
const CSV_HEADER: [&str; 17] = [
    "id",
    "parent_id",
    "year",
    "title",
    "description",
    "lead_sector",
    "sectors",
    "goal_id",
    "source",
    "owner",
    "due",
    "status",
    "assessment",
    "expected_done",
    "overdue",
    "days_overdue",
    "version",
];

/// One CSV record from the JSON form: lists joined by commas, null empty.
fn csv_record(row: &AssignmentJson) -> Result<Vec<String>> {
    let value = serde_json::to_value(row)?;
    Ok(CSV_HEADER
        .iter()
        .map(|key| match &value[*key] {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), String::from))
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        })
        .collect())
}

/// CSV cells as they may be shown on a terminal: control characters and
/// escapes neutralised, line breaks kept (the CSV quotes them).
pub(super) fn shown_on_terminal(record: Vec<String>) -> Vec<String> {
    record.iter().map(|cell| sanitize_lines(cell)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_header_is_the_json_field_list() {
        let a = crate::domain::Assignment {
            id: 1,
            parent_id: None,
            year: 2023,
            title: "t".into(),
            description: String::new(),
            lead_sector: "OUS".into(),
            sectors: vec!["KUL".into(), "TEK".into()],
            goal_id: None,
            source: String::new(),
            owner: String::new(),
            due: None,
            status: Status::Done,
            assessment: None,
            expected_done: None,
            version: 1,
        };
        let today = crate::domain::Today(chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
        let json = serde_json::to_value(AssignmentJson::new(&a, today)).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, CSV_HEADER.to_vec());
        assert_eq!(
            csv_record(&AssignmentJson::new(&a, today)).unwrap()[6],
            "KUL,TEK"
        );
    }

    #[test]
    fn csv_cells_for_a_terminal_carry_no_escapes() {
        let cells = vec![
            "evil \x1b[31mred\x07".to_string(),
            "first\r\nsecond\x1b]0;x\x07".to_string(),
            "Lørenskog".to_string(),
        ];
        let shown = shown_on_terminal(cells);
        assert!(
            shown.iter().all(|c| !c.contains(['\x1b', '\x07', '\r'])),
            "{shown:?}"
        );
        assert_eq!(shown[0], "evil \u{FFFD}[31mred\u{FFFD}");
        assert_eq!(shown[1], "first\nsecond\u{FFFD}]0;x\u{FFFD}");
        assert_eq!(shown[2], "Lørenskog");
    }
}
