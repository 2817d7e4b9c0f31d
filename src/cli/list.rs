//! `styr list`: assignments, overdue first, then by deadline.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, IsTerminal, Write};
use std::mem::ManuallyDrop;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Args;

use super::json::AssignmentArray;
use super::table::{assignment_columns, assignment_row, parent_row, Table};
use super::{Context, Format};
use crate::domain::approval::ReportKind;
use crate::domain::date::iso;
use crate::domain::filter::{list_key, ordered_with_tasks, parent_line, Filter, ListKey, Listable};
use crate::domain::{Assignment, GoalTree, Status, Today};
use crate::import::cell::encode;
use crate::store::{ListedAssignment, MissingReports, Narrowing, Store};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this lead sector (code, e.g. OUS)
    #[arg(long)]
    sector: Option<String>,
    /// Only what is overdue: assignments and tasks, each task under its assignment
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
    /// Include tasks, each under its assignment (--overdue always does)
    #[arg(long)]
    tasks: bool,
    /// Only assignments missing their report for the period being reported on (mangler rapport), by sector, each with the state of its report
    #[arg(long, conflicts_with = "tasks")]
    missing_report: bool,
    /// Only assignments whose report for the period being reported on is in these states (missing, awaiting, approved, all; comma-separated), by sector
    #[arg(long, value_name = "STATES", conflicts_with = "tasks")]
    report_state: Option<String>,
    /// Only the assignments that follow up this vedtak (id from `styr vedtak list`)
    #[arg(long, value_name = "ID")]
    vedtak: Option<i64>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
    /// Write to FILE instead of standard output (needed for xlsx on a terminal)
    #[arg(short = 'o', long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The formats of `list`: those of the other listings, and a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    /// A workbook: a sheet of assignments and one of tasks (with -o FILE)
    Xlsx,
}

pub fn run(context: &Context, mut args: ListArgs, out: &mut dyn Write) -> Result<()> {
    match args.output.take() {
        Some(path) => {
            let mut bytes = Vec::new();
            listing(context, args, &mut bytes)?;
            let t = context.texts();
            super::export::write_file(&path, &bytes, t)
                .with_context(|| t.cannot_write(&path.display().to_string()))
        }
        None if args.format == ListFormat::Xlsx && std::io::stdout().is_terminal() => {
            anyhow::bail!(context.texts().xlsx_not_to_terminal())
        }
        None => listing(context, args, out),
    }
}

/// The listing, written to `out`.
fn listing(context: &Context, args: ListArgs, out: &mut dyn Write) -> Result<()> {
    let xlsx = args.format == ListFormat::Xlsx;
    let format = match args.format {
        ListFormat::Table => Format::Table,
        ListFormat::Json | ListFormat::Xlsx => Format::Json,
        ListFormat::Csv => Format::Csv,
    };
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
    if let Some(decision) = args.vedtak {
        filter.only = Some(store.decision(decision)?.assignments.into_iter().collect());
    }
    let kinds = match args.report_state.as_deref() {
        Some(text) => Some(report_kinds(text, context)?),
        None if args.missing_report => Some(vec![ReportKind::Missing]),
        None => None,
    };
    let missing = match &kinds {
        Some(_) => Some(store.missing_reports(today.0)?),
        None => None,
    };
    // Every state is chosen, so each can be counted; the listing keeps the
    // states asked for.
    let missing_ids: Option<HashSet<i64>> = missing.as_ref().map(|m| {
        m.as_ref()
            .map(|m| m.ids_in(&ReportKind::ALL))
            .unwrap_or_default()
    });
    let tasks = filter.lists_tasks(args.tasks);
    // The database drops what it can; the filter still decides.
    let narrowing = Narrowing {
        lead_sector: filter.sector.clone(),
        status: filter.status,
        year: filter.year,
        overdue_on: filter.overdue_only.then_some(today.0),
        top_level_only: !tasks,
    };
    // A table shows neither description, source nor other sectors, and
    // only a search looks at them: such a listing reads the listed fields.
    let listed_only = format == Format::Table && filter.search.is_none();
    let comments = if filter.search.is_some() {
        store.comments_by_assignment()?
    } else {
        Default::default()
    };
    let comments_of = |a: &Assignment| comments.get(&a.id).map_or("", String::as_str);
    let keep = |a: &Assignment, parent_goal: Option<i64>| {
        filter.matches_but_search(a, parent_goal, today) && filter.search_finds(a, comments_of(a))
    };
    let keep_listed = |a: &ListedAssignment, parent_goal: Option<i64>| {
        filter.matches_but_search(a, parent_goal, today)
    };
    if !tasks && missing.is_none() {
        // Assignments alone, each judged on its own: the rows are taken as
        // they are read into one buffer, and no assignment is kept (a
        // table keeps its cells).
        if format == Format::Table {
            let columns = assignment_columns(context.texts());
            let mut table = Table::new(&columns);
            let mut overdue = 0;
            if listed_only {
                store.each_listed(&narrowing, |a| -> Result<()> {
                    if keep_listed(a, None) {
                        overdue += push_row(&mut table, a, today, context);
                    }
                    Ok(())
                })?;
            } else {
                store.each_narrowed(&narrowing, |a| -> Result<()> {
                    if keep(a, None) {
                        overdue += push_row(&mut table, a, today, context);
                    }
                    Ok(())
                })?;
            }
            table.sort();
            table.write(out)?;
            return write_summary(context, out, table.len(), 0, overdue, today);
        }
    }
    let chosen = Chosen {
        store: &store,
        tasks,
        by_goal: filter.goals.is_some(),
        missing: missing.is_some(),
        missing_ids: missing_ids.as_ref(),
        today,
    };
    // The process ends right after a listing, so the rows are left to it
    // rather than freed one string at a time (about 4 ms of a 60 ms
    // listing of 11,600 rows). They come in the order read, which the
    // listing's own order below replaces.
    let states = ReportStates {
        answer: missing.as_ref(),
        kinds: kinds.as_deref().unwrap_or_default(),
    };
    if listed_only {
        let all = ManuallyDrop::new(store.listed_as_read(&narrowing)?);
        let ordered = chosen.in_order(&all, keep_listed)?;
        return write_table_listing(context, out, &store, &ordered, &states, today);
    }
    let all = ManuallyDrop::new(store.assignments_narrowed_as_read(&narrowing)?);
    let mut ordered = chosen.in_order(&all, keep)?;
    if format == Format::Table {
        return write_table_listing(context, out, &store, &ordered, &states, today);
    }
    states.retain(&mut ordered);
    if xlsx {
        let goals = store.goals()?;
        let bytes = crate::report::sheet::workbook(&ordered, &goals, context.lang)
            .map_err(|e| anyhow::anyhow!(context.texts().cannot_make_workbook(&e.to_string())))?;
        out.write_all(&bytes)?;
        return Ok(());
    }
    let mut rows = Rows::new(format, out, states.answer.is_some())?;
    for a in &ordered {
        match states.of(a.id) {
            Some((period, kind)) => rows.push_with_report(a, today, &period, kind)?,
            None => rows.push(a, today)?,
        }
    }
    rows.finish()
}

/// The assignments named by a dimmed line above a task in a table (see
/// [`parent_line`]), by id: read apart, since the filter left them out.
fn parent_lines(store: &Store, ordered: &[&impl Listable]) -> Result<HashMap<i64, Assignment>> {
    let mut ids: Vec<i64> = (0..ordered.len())
        .filter_map(|i| parent_line(i.checked_sub(1).map(|j| ordered[j]), ordered[i]))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(store
        .assignments_with_ids(&ids)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

/// `--report-state`'s states: names separated by commas, or `all`.
fn report_kinds(text: &str, context: &Context) -> Result<Vec<ReportKind>> {
    let mut kinds = Vec::new();
    for name in text.split(',') {
        match name.trim() {
            "all" => kinds.extend(ReportKind::ALL),
            other => match ReportKind::parse(other) {
                Some(kind) => kinds.push(kind),
                None => anyhow::bail!(crate::words::council::bad_report_state(name, context.lang)),
            },
        }
    }
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

/// The report states of a listing by report state: the store's answer
/// (`None` inside when no period has ended) and the states asked for.
struct ReportStates<'m> {
    answer: Option<&'m Option<MissingReports>>,
    kinds: &'m [ReportKind],
}

impl ReportStates<'_> {
    /// The period and the state of an assignment's report, in a listing by
    /// report state.
    fn of(&self, id: i64) -> Option<(String, ReportKind)> {
        let m = self.answer?.as_ref()?;
        Some((m.period.id(), m.state_of(id)?))
    }

    /// Keeps the rows in the states asked for (all rows when the listing is
    /// not by report state).
    fn retain<A: Listable>(&self, rows: &mut Vec<&A>) {
        if self.answer.is_some() {
            rows.retain(|a| {
                self.of(a.id())
                    .is_some_and(|(_, k)| self.kinds.contains(&k))
            });
        }
    }

    /// How many rows are missing, awaiting and approved.
    fn counts<A: Listable>(&self, rows: &[&A]) -> (usize, usize, usize) {
        let count = |kind| {
            rows.iter()
                .filter(|a| self.of(a.id()).is_some_and(|(_, k)| k == kind))
                .count()
        };
        (
            count(ReportKind::Missing),
            count(ReportKind::Awaiting),
            count(ReportKind::Approved),
        )
    }
}

/// Takes a row into a table of assignments alone, keyed by the listing's
/// order; 1 when it is overdue.
fn push_row(
    table: &mut Table<ListKey>,
    a: &impl Listable,
    today: Today,
    context: &Context,
) -> usize {
    let row = assignment_row(a, today, false, context.texts());
    table.push(list_key(a, today), &row);
    usize::from(a.days_overdue(today).is_some())
}

/// What chooses the rows of a listing with tasks or missing reports.
struct Chosen<'s> {
    store: &'s Store,
    tasks: bool,
    /// Whether the filter asks for goals: a task without a goal of its own
    /// is then judged by its assignment's goal.
    by_goal: bool,
    /// Whether the listing is of missing reports, grouped by sector.
    missing: bool,
    missing_ids: Option<&'s HashSet<i64>>,
    today: Today,
}

impl Chosen<'_> {
    /// The rows `keep` passes (given the goal of a task's assignment), in
    /// the listing's order: each task under its assignment, missing
    /// reports grouped by sector.
    fn in_order<'a, A: Listable>(
        &self,
        all: &'a [A],
        keep: impl Fn(&A, Option<i64>) -> bool,
    ) -> Result<Vec<&'a A>> {
        // Parents are looked up by id; only tasks have one.
        let by_id: HashMap<i64, &A> = if all.iter().any(|a| a.parent_id().is_some()) {
            all.iter().map(|a| (a.id(), a)).collect()
        } else {
            HashMap::new()
        };
        // A task without a goal of its own is judged by its assignment's
        // goal, which the narrowing may have left out.
        let missing_parents: Vec<i64> = if self.by_goal {
            let mut ids: Vec<i64> = all
                .iter()
                .filter_map(|a| a.parent_id())
                .filter(|p| !by_id.contains_key(p))
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        } else {
            Vec::new()
        };
        let parents = self.store.assignments_with_ids(&missing_parents)?;
        let chosen: Vec<&A> = all
            .iter()
            .filter(|a| {
                // The parents read apart are ordered by id.
                let parent_goal = a.parent_id().and_then(|p| match by_id.get(&p) {
                    Some(parent) => parent.goal_id(),
                    None => parents
                        .binary_search_by_key(&p, |x| x.id)
                        .ok()
                        .and_then(|i| parents[i].goal_id),
                });
                (self.tasks || a.parent_id().is_none())
                    && keep(a, parent_goal)
                    && self.missing_ids.is_none_or(|ids| ids.contains(&a.id()))
            })
            .collect();
        let mut ordered = ordered_with_tasks(&chosen, self.today);
        if self.missing {
            // Grouped by sector, so each sector's missing reports can be chased together.
            let sectors = self.store.sectors()?;
            let position = |code: &str| sectors.iter().position(|s| s.code == code);
            ordered.sort_by_key(|a| position(a.lead_sector()));
        }
        Ok(ordered)
    }
}

/// A table of the listing's rows in order, each task indented under its
/// assignment, or under a line naming it (its id in brackets) where that
/// is not listed right above, with the state of its report in a listing by
/// report state; and the line under it, which counts the rows.
fn write_table_listing<A: Listable>(
    context: &Context,
    out: &mut dyn Write,
    store: &Store,
    all: &[&A],
    states: &ReportStates,
    today: Today,
) -> Result<()> {
    let mut kept = all.to_vec();
    states.retain(&mut kept);
    let ordered = &kept[..];
    let parents = parent_lines(store, ordered)?;
    let mut columns = assignment_columns(context.texts()).to_vec();
    if states.answer.is_some() {
        columns.push(super::table::Column {
            header: crate::words::council::report_column(context.lang),
            width: None,
        });
    }
    let mut table = Table::new(&columns);
    for (i, a) in ordered.iter().enumerate() {
        let above = i.checked_sub(1).map(|j| ordered[j]);
        if let Some(parent) = parent_line(above, *a).and_then(|p| parents.get(&p)) {
            table.push((), &parent_row(parent));
        }
        let mut row = assignment_row(*a, today, a.parent_id().is_some(), context.texts()).to_vec();
        if states.answer.is_some() {
            let kind = states.of(a.id()).map(|(_, k)| k);
            row.push(Cow::Borrowed(kind.map_or("", |k| {
                crate::words::council::kind_label(k, context.lang)
            })));
        }
        table.push((), &row);
    }
    table.write(out)?;
    let overdue = ordered
        .iter()
        .filter(|a| a.days_overdue(today).is_some())
        .count();
    let tasks = ordered.iter().filter(|a| a.parent_id().is_some()).count();
    let Some(missing) = states.answer else {
        return write_summary(context, out, ordered.len() - tasks, tasks, overdue, today);
    };
    let t = context.texts();
    let line = match missing {
        None => t.no_period_ended(&context.lang.date(today.0)),
        // Counted among all the filter lets through, whatever is listed.
        Some(m) => crate::words::council::report_states_line(
            &m.period,
            states.counts(all),
            m.deadline_passed,
            &context.lang.date(today.0),
            context.lang,
        ),
    };
    writeln!(out, "\n{line}")?;
    Ok(())
}

/// The line under a table listing: how many assignments, tasks and overdue.
fn write_summary(
    context: &Context,
    out: &mut dyn Write,
    assignments: usize,
    tasks: usize,
    overdue: usize,
    today: Today,
) -> Result<()> {
    let summary =
        context
            .texts()
            .list_summary(assignments, tasks, overdue, &context.lang.date(today.0));
    writeln!(out, "\n{summary}")?;
    Ok(())
}

/// A JSON or CSV listing being written, an assignment at a time.
enum Rows<'o> {
    // A buffer of its own, of a known type: the JSON writer makes many
    // small writes, which should not each go through `out`.
    Json(AssignmentArray<BufWriter<&'o mut dyn Write>>),
    Csv(Box<csv::Writer<&'o mut dyn Write>>),
}

impl<'o> Rows<'o> {
    /// `with_report`: the CSV has the columns of the report's period and state.
    fn new(format: Format, out: &'o mut dyn Write, with_report: bool) -> Result<Self> {
        Ok(match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                if with_report {
                    let header = CSV_HEADER.iter().chain(&REPORT_HEADER);
                    writer.write_record(header)?;
                } else {
                    writer.write_record(CSV_HEADER)?;
                }
                Rows::Csv(Box::new(writer))
            }
            _ => Rows::Json(AssignmentArray::new(BufWriter::with_capacity(1 << 16, out))),
        })
    }

    fn push(&mut self, a: &Assignment, today: Today) -> Result<()> {
        match self {
            Rows::Json(array) => array.push(a, today)?,
            Rows::Csv(writer) => {
                let record = csv_record(a, today);
                writer.write_record(record.iter().map(|c| c.as_bytes()))?;
            }
        }
        Ok(())
    }

    fn push_with_report(
        &mut self,
        a: &Assignment,
        today: Today,
        period: &str,
        kind: ReportKind,
    ) -> Result<()> {
        match self {
            Rows::Json(array) => array.push_with_report(a, today, period, kind.as_str())?,
            Rows::Csv(writer) => {
                let record = csv_record(a, today);
                let report = [period, kind.as_str()];
                let cells = record.iter().map(|c| c.as_ref()).chain(report);
                writer.write_record(cells.map(str::as_bytes))?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        match self {
            Rows::Json(array) => {
                let mut buffered = array.finish()?;
                buffered.write_all(b"\n")?;
                buffered.flush()?;
            }
            Rows::Csv(mut writer) => writer.flush()?,
        }
        Ok(())
    }
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

/// The CSV columns a listing by report state adds: the JSON field names.
const REPORT_HEADER: [&str; 2] = ["report_period", "report_state"];

/// One CSV record: the JSON fields in the JSON order, lists joined by
/// commas, null empty, numbers and booleans as JSON writes them, text as
/// [`encode`] writes it (the same in a file, a pipe or on a terminal: no
/// cell runs as a formula or acts on a terminal, and `styr import` reads
/// the exact text back).
fn csv_record(a: &Assignment, today: Today) -> [Cow<'_, str>; 17] {
    let number = |n: Option<i64>| n.map_or(Cow::Borrowed(""), |n| Cow::Owned(n.to_string()));
    let date = |d: Option<NaiveDate>| d.map_or(Cow::Borrowed(""), |d| Cow::Owned(iso(d)));
    [
        Cow::Owned(a.id.to_string()),
        number(a.parent_id),
        Cow::Owned(a.year.to_string()),
        encode(&a.title),
        encode(&a.description),
        encode(&a.lead_sector),
        Cow::Owned(encode(&a.sectors.join(",")).into_owned()),
        number(a.goal_id),
        encode(&a.source),
        encode(&a.owner),
        date(a.due),
        Cow::Borrowed(a.status.as_str()),
        Cow::Borrowed(a.assessment.map_or("", |x| x.as_str())),
        date(a.expected_done),
        Cow::Borrowed(if a.is_overdue(today) { "true" } else { "false" }),
        number(a.days_overdue(today)),
        Cow::Owned(a.version.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::json::AssignmentJson;

    /// The CSV cells as the JSON form gives them: null empty, strings as
    /// they are, lists joined by commas, other values as JSON writes them.
    fn cells_from_json(a: &Assignment, today: Today) -> Vec<String> {
        let value = serde_json::to_value(AssignmentJson::new(a, today)).unwrap();
        CSV_HEADER
            .iter()
            .map(|key| match &value[*key] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            })
            .collect()
    }

    #[test]
    fn csv_cells_are_the_json_fields_in_order() {
        let mut a = crate::domain::Assignment {
            id: 1,
            year: 2023,
            title: "t, \"quoted\"".into(),
            description: "line\nbreak".into(),
            lead_sector: "OUS".into(),
            sectors: vec!["KUL".into(), "TEK".into()],
            status: Status::Done,
            version: 1,
            ..crate::domain::Assignment::placeholder()
        };
        let today = Today(NaiveDate::from_ymd_opt(2023, 9, 20).unwrap());
        let json = serde_json::to_value(AssignmentJson::new(&a, today)).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, CSV_HEADER.to_vec());
        let cells = |a: &Assignment| -> Vec<String> {
            csv_record(a, today)
                .into_iter()
                .map(Cow::into_owned)
                .collect()
        };
        assert_eq!(cells(&a)[6], "KUL,TEK");
        assert_eq!(cells(&a), cells_from_json(&a, today));
        // Every field set, and overdue.
        a.parent_id = Some(7);
        a.goal_id = Some(12);
        a.source = "Budsjett".into();
        a.owner = "Kari".into();
        a.due = NaiveDate::from_ymd_opt(2023, 5, 1);
        a.status = Status::InProgress;
        a.assessment = Some(crate::domain::Assessment::Red);
        a.expected_done = NaiveDate::from_ymd_opt(2024, 1, 31);
        a.sectors.clear();
        a.version = 42;
        assert_eq!(cells(&a), cells_from_json(&a, today));
        assert_eq!(cells(&a)[14], "true");
        assert_eq!(cells(&a)[15], "142");
    }

    #[test]
    fn csv_cells_carry_no_escapes_and_no_formulas() {
        let a = crate::domain::Assignment {
            id: 3,
            title: "=HYPERLINK(\"http://x\") \x1b]0;x\x07".into(),
            owner: "-2+3".into(),
            description: "first\r\nsecond \u{202e}".into(),
            lead_sector: "OUS".into(),
            ..crate::domain::Assignment::placeholder()
        };
        let today = Today(NaiveDate::from_ymd_opt(2023, 9, 20).unwrap());
        let cells = csv_record(&a, today);
        assert!(
            cells
                .iter()
                .all(|c| !c.contains(['\x1b', '\x07', '\r', '\u{202e}'])),
            "{cells:?}"
        );
        assert_eq!(cells[0], "3");
        assert_eq!(cells[3], "'=HYPERLINK(\"http://x\") \\u001B]0;x\\u0007");
        assert_eq!(cells[9], "'-2+3");
        assert_eq!(cells[4], "first\\u000D\nsecond \\u202E");
    }
}
