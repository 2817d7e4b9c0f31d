//! What was read, set against what the database holds: sectors and goals
//! looked up, each row matched to an existing assignment or made new, and
//! the differences of matched rows found. Pure: the snapshot comes in, an
//! [`ImportPlan`] goes out.

use std::collections::{HashMap, HashSet};

use super::columns::{Column, Row};
use super::styringsbrev::FocusArea;
use super::{Location, Problem, ProblemKind};
use crate::domain::{Assignment, Field, Goal, GoalKind, Sector, Status};
use crate::store::{GoalRef, ImportPlan, NewAssignment, NewGoal, Update};

/// What the database holds, as the import sees it.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The database's plan year: the year of rows that give none.
    pub year: i32,
    pub sectors: Vec<Sector>,
    pub goals: Vec<Goal>,
    pub assignments: Vec<Assignment>,
    /// Every comment logged on each assignment.
    pub comments: HashMap<i64, Vec<String>>,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--year`: the plan year of rows without a year column.
    pub year: Option<i32>,
    /// `--update`: apply the differences of matched rows as changes.
    pub update: bool,
    /// Names the import in the log ("import: fil.csv").
    pub note: String,
}

/// A row that matches an assignment but says something else about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub location: Location,
    pub id: i64,
    pub title: String,
    /// Field, the database's value, the file's value.
    pub changes: Vec<(Field, Option<String>, Option<String>)>,
    /// A comment in the file that the assignment's log does not have.
    pub comment: Option<String>,
}

/// The outcome of [`resolve`].
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub plan: ImportPlan,
    /// Rows that match an assignment and agree with it.
    pub unchanged: usize,
    /// Rows that match an assignment and differ from it.
    pub differences: Vec<Difference>,
    /// Goals in the file that are already in the database.
    pub goals_known: usize,
    /// Goals in the file whose responsible sectors differ from the database's
    /// (reported, never changed by an import).
    pub goal_differences: Vec<Problem>,
}

fn key_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Looks a sector up by code or by name, case-insensitively.
fn sector_code(sectors: &[Sector], text: &str) -> Option<String> {
    let key = key_text(text);
    sectors
        .iter()
        .find(|s| s.code.to_lowercase() == key || key_text(&s.name) == key)
        .map(|s| s.code.clone())
}

/// A sector the database does not have, with the codes it does.
fn unknown_sector(text: &str, sectors: &[Sector]) -> ProblemKind {
    ProblemKind::UnknownSector {
        text: text.to_string(),
        known: sectors
            .iter()
            .map(|s| s.code.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Sets what was read against the snapshot; every problem is reported.
pub fn resolve(
    snapshot: &Snapshot,
    focus: &[FocusArea],
    rows: &[Row],
    options: &Options,
) -> Result<Resolved, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut resolved = Resolved::default();
    resolved.plan.note = options.note.clone();
    // Delmål by code and by title, old and new, for the rows' goal column.
    let mut sub_goals: Vec<(String, String, GoalRef)> = snapshot
        .goals
        .iter()
        .filter(|g| g.kind == GoalKind::SubGoal)
        .map(|g| (g.code.clone(), key_text(&g.title), GoalRef::Existing(g.id)))
        .collect();
    resolve_goals(
        snapshot,
        focus,
        &mut resolved,
        &mut sub_goals,
        &mut problems,
    );

    let year = options.year.unwrap_or(snapshot.year);
    let by_id: HashMap<i64, &Assignment> = snapshot.assignments.iter().map(|a| (a.id, a)).collect();
    let file_ids: HashSet<i64> = rows.iter().filter_map(|r| r.id).collect();
    // Stored assignments by what matches a row without an id; the first
    // stored wins, as a search in order would find it.
    let mut by_match: HashMap<(Option<i64>, i32, &str, String), &Assignment> = HashMap::new();
    if rows.iter().any(|r| r.id.is_none()) {
        for a in &snapshot.assignments {
            by_match
                .entry((
                    a.parent_id,
                    a.year,
                    a.lead_sector.as_str(),
                    key_text(&a.title),
                ))
                .or_insert(a);
        }
    }
    // The first row of each key, by index: a location each would double
    // what a large file takes.
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    let mut creates = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let before = problems.len();
        let mut lead_parts = row.lead.iter();
        let lead = lead_parts.next().and_then(|text| {
            let code = sector_code(&snapshot.sectors, text);
            if code.is_none() {
                problems
                    .push(row.problem(Column::LeadSector, unknown_sector(text, &snapshot.sectors)));
            }
            code
        });
        let mut contributing: Option<Vec<String>> = None;
        let extra: Vec<&String> = lead_parts.collect();
        if !extra.is_empty() || row.sectors.is_some() {
            let mut codes = Vec::new();
            for (text, column) in extra
                .into_iter()
                .map(|t| (t, Column::LeadSector))
                .chain(row.sectors.iter().flatten().map(|t| (t, Column::Sectors)))
            {
                match sector_code(&snapshot.sectors, text) {
                    Some(code) if Some(&code) != lead.as_ref() && !codes.contains(&code) => {
                        codes.push(code)
                    }
                    Some(_) => {}
                    None => {
                        problems.push(row.problem(column, unknown_sector(text, &snapshot.sectors)))
                    }
                }
            }
            contributing = Some(codes);
        }
        let goal: Option<Option<GoalRef>> = match (&row.goal, &row.goal_id) {
            (_, Some(Some(id))) => match snapshot.goals.iter().find(|g| g.id == *id) {
                Some(g) if g.kind == GoalKind::SubGoal => Some(Some(GoalRef::Existing(*id))),
                Some(_) => {
                    problems.push(row.problem(Column::GoalId, ProblemKind::NotASubGoal(*id)));
                    None
                }
                None => {
                    problems.push(row.problem(Column::GoalId, ProblemKind::NoGoal(*id)));
                    None
                }
            },
            (Some(Some(text)), _) => {
                let by_code: Vec<GoalRef> = sub_goals
                    .iter()
                    .filter(|(c, _, _)| c == text.trim())
                    .map(|g| g.2)
                    .collect();
                let found = if by_code.is_empty() {
                    sub_goals
                        .iter()
                        .filter(|(_, t, _)| *t == key_text(text))
                        .map(|g| g.2)
                        .collect()
                } else {
                    by_code
                };
                match found.as_slice() {
                    [one] => Some(Some(*one)),
                    [] => {
                        problems.push(
                            row.problem(Column::Goal, ProblemKind::UnknownSubGoal(text.clone())),
                        );
                        None
                    }
                    _ => {
                        problems.push(
                            row.problem(Column::Goal, ProblemKind::AmbiguousSubGoal(text.clone())),
                        );
                        None
                    }
                }
            }
            (Some(None), _) | (None, Some(None)) => Some(None),
            (None, None) => None,
        };
        let parent = row.parent.and_then(|p| match by_id.get(&p) {
            Some(a) if a.parent_id.is_none() => Some(p),
            Some(_) => {
                problems.push(row.problem(Column::Parent, ProblemKind::ParentIsTask(p)));
                None
            }
            None if file_ids.contains(&p) => Some(p),
            None => {
                problems.push(row.problem(Column::Parent, ProblemKind::NoParent(p)));
                None
            }
        });
        if row.parent.is_some() && row.parent == row.id {
            problems.push(row.problem(Column::Parent, ProblemKind::OwnParent));
        }
        if problems.len() > before {
            continue;
        }
        let Some(lead) = lead else { continue };
        let row_year = row
            .parent
            .and_then(|p| by_id.get(&p).map(|a| a.year))
            .or(row.year)
            .unwrap_or(year);
        let key = match row.id {
            Some(id) => format!("id {id}"),
            None => format!(
                "{row_year}\u{0}{}\u{0}{lead}\u{0}{:?}",
                key_text(&row.title),
                row.parent
            ),
        };
        if let Some(first) = seen.get(&key).map(|i| &rows[*i].location) {
            problems.push(Problem::new(
                row.location.clone(),
                match row.id {
                    Some(id) => ProblemKind::DuplicateId {
                        id,
                        first: first.clone(),
                    },
                    None => ProblemKind::DuplicateRow {
                        first: first.clone(),
                    },
                },
            ));
            continue;
        }
        seen.insert(key, index);

        let existing = match row.id {
            Some(id) => by_id.get(&id).copied(),
            None => by_match
                .get(&(row.parent, row_year, lead.as_str(), key_text(&row.title)))
                .copied(),
        };
        match existing {
            Some(current) => {
                let wanted = wanted_state(current, row, &lead, &contributing, goal);
                let changes: Vec<(Field, Option<String>, Option<String>)> = Field::ALL
                    .into_iter()
                    .filter(|f| f.changes_state() && *f != Field::Created && *f != Field::Goal)
                    .map(|f| (f, current.field_value(f), wanted.0.field_value(f)))
                    .chain(
                        wanted
                            .1
                            .map(|g| (Field::Goal, current.field_value(Field::Goal), g)),
                    )
                    .filter(|(_, old, new)| old != new)
                    .collect();
                let comment = row.comment.clone().filter(|c| {
                    !snapshot
                        .comments
                        .get(&current.id)
                        .is_some_and(|cs| cs.iter().any(|x| x.contains(c.as_str())))
                });
                if changes.is_empty() && comment.is_none() {
                    resolved.unchanged += 1;
                    continue;
                }
                if options.update {
                    resolved.plan.updates.push(Update {
                        id: current.id,
                        version: current.version,
                        edits: changes
                            .iter()
                            .map(|(f, _, new)| (*f, new.clone()))
                            .collect(),
                        comment: comment.clone(),
                    });
                }
                resolved.differences.push(Difference {
                    location: row.location.clone(),
                    id: current.id,
                    title: current.title.clone(),
                    changes,
                    comment,
                });
            }
            None => {
                let (goal_id, goal_ref) = match goal.flatten() {
                    Some(GoalRef::Existing(id)) => (Some(id), None),
                    Some(new) => (None, Some(new)),
                    None => (None, None),
                };
                let draft = Assignment {
                    id: 0,
                    parent_id: parent,
                    year: row_year,
                    title: row.title.clone(),
                    description: row.description.clone().unwrap_or_default(),
                    lead_sector: lead,
                    sectors: contributing.unwrap_or_default(),
                    goal_id,
                    source: row.source.clone().unwrap_or_default(),
                    owner: row.owner.clone().unwrap_or_default(),
                    due: row.due.flatten(),
                    status: row.status.unwrap_or(Status::NotStarted),
                    assessment: row.assessment.flatten(),
                    expected_done: row.expected_done.flatten(),
                    version: 0,
                };
                creates.push(NewAssignment {
                    id: row.id,
                    draft,
                    goal: goal_ref,
                    comment: row.comment.clone(),
                });
            }
        }
    }
    // Parents before their tasks.
    creates.sort_by_key(|c| c.draft.parent_id.is_some());
    resolved.plan.creates = creates;
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}

/// The assignment as the row would have it (fields the file has no column
/// for stay as they are), and the goal as a value when the file names one.
fn wanted_state(
    current: &Assignment,
    row: &Row,
    lead: &str,
    contributing: &Option<Vec<String>>,
    goal: Option<Option<GoalRef>>,
) -> (Assignment, Option<Option<String>>) {
    let mut next = current.clone();
    next.title = row.title.clone();
    next.lead_sector = lead.to_string();
    if let Some(codes) = contributing {
        next.sectors = codes.clone();
    }
    next.sectors.retain(|s| s != lead);
    if let Some(v) = &row.description {
        next.description = v.clone();
    }
    if let Some(v) = &row.source {
        next.source = v.clone();
    }
    if let Some(v) = &row.owner {
        next.owner = v.clone();
    }
    if let Some(v) = row.due {
        next.due = v;
    }
    if let Some(v) = row.status {
        next.status = v;
    }
    if let Some(v) = row.assessment {
        next.assessment = v;
    }
    if let Some(v) = row.expected_done {
        next.expected_done = v;
    }
    // A goal made by this import has no id yet; it differs by definition.
    let goal = goal.map(|g| match g {
        Some(GoalRef::Existing(id)) => Some(id.to_string()),
        Some(GoalRef::New(index)) => Some(format!("new goal {index}")),
        None => None,
    });
    (next, goal)
}

/// Matches the file's goal tree to the database's, planning the goals that
/// are new; a known delmål's differing sectors are reported, not changed.
fn resolve_goals(
    snapshot: &Snapshot,
    focus: &[FocusArea],
    resolved: &mut Resolved,
    sub_goals: &mut Vec<(String, String, GoalRef)>,
    problems: &mut Vec<Problem>,
) {
    let mut codes: HashMap<GoalRef, String> = snapshot
        .goals
        .iter()
        .map(|g| (GoalRef::Existing(g.id), g.code.clone()))
        .collect();
    let mut children: HashMap<Option<GoalRef>, usize> = HashMap::new();
    for goal in &snapshot.goals {
        *children
            .entry(goal.parent_id.map(GoalRef::Existing))
            .or_default() += 1;
    }
    let mut place = |parent: Option<GoalRef>,
                     title: &str,
                     sectors: Vec<String>,
                     resolved: &mut Resolved,
                     codes: &mut HashMap<GoalRef, String>|
     -> (GoalRef, bool) {
        let parent_id = match parent {
            Some(GoalRef::Existing(id)) => Some(Some(id)),
            Some(GoalRef::New(_)) => None,
            None => Some(None),
        };
        if let Some(parent_id) = parent_id {
            if let Some(goal) = snapshot
                .goals
                .iter()
                .find(|g| g.parent_id == parent_id && key_text(&g.title) == key_text(title))
            {
                return (GoalRef::Existing(goal.id), true);
            }
        }
        let n = children.entry(parent).or_default();
        *n += 1;
        let code = match parent.and_then(|p| codes.get(&p)) {
            Some(parent_code) => format!("{parent_code}.{n}"),
            None => n.to_string(),
        };
        let new = GoalRef::New(resolved.plan.goals.len());
        codes.insert(new, code.clone());
        resolved.plan.goals.push(NewGoal {
            parent,
            code,
            title: title.to_string(),
            sectors,
        });
        (new, false)
    };
    for area in focus {
        let (area_ref, known) = place(None, &area.title, Vec::new(), resolved, &mut codes);
        resolved.goals_known += usize::from(known);
        for main in &area.main {
            let (main_ref, known) = place(
                Some(area_ref),
                &main.title,
                Vec::new(),
                resolved,
                &mut codes,
            );
            resolved.goals_known += usize::from(known);
            for sub in &main.sub {
                let mut sectors = Vec::new();
                for text in &sub.sectors {
                    match sector_code(&snapshot.sectors, text) {
                        Some(code) if !sectors.contains(&code) => sectors.push(code),
                        Some(_) => {}
                        None => problems.push(Problem::in_column(
                            sub.location.clone(),
                            "Ansvar",
                            unknown_sector(text, &snapshot.sectors),
                        )),
                    }
                }
                let (sub_ref, known) = place(
                    Some(main_ref),
                    &sub.title,
                    sectors.clone(),
                    resolved,
                    &mut codes,
                );
                if known {
                    resolved.goals_known += 1;
                    if let GoalRef::Existing(id) = sub_ref {
                        let stored = snapshot.goals.iter().find(|g| g.id == id);
                        if let Some(stored) = stored.filter(|g| g.sectors != sectors) {
                            resolved.goal_differences.push(Problem::new(
                                sub.location.clone(),
                                ProblemKind::SubGoalSectorsDiffer {
                                    code: stored.code.clone(),
                                    file: sectors.clone(),
                                    database: stored.sectors.clone(),
                                },
                            ));
                        }
                    }
                } else {
                    sub_goals.push((
                        codes.get(&sub_ref).cloned().unwrap_or_default(),
                        key_text(&sub.title),
                        sub_ref,
                    ));
                }
            }
        }
    }
}
