//! The JSON shapes the CLI writes. Field names are stable and documented in
//! the README; change them only with a new name, never in place.

use serde::Serialize;

use crate::domain::date::iso;
use crate::domain::rollup::Rollup;
use crate::domain::{Assignment, CatalogEvent, Event, Goal, Period, Today};

/// One assignment as `list` and `show` write it.
#[derive(Debug, Serialize)]
pub struct AssignmentJson {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub year: i32,
    pub title: String,
    pub description: String,
    pub lead_sector: String,
    pub sectors: Vec<String>,
    pub goal_id: Option<i64>,
    pub source: String,
    pub owner: String,
    pub due: Option<String>,
    pub status: &'static str,
    pub assessment: Option<&'static str>,
    pub expected_done: Option<String>,
    pub overdue: bool,
    pub days_overdue: Option<i64>,
    pub version: i64,
}

impl AssignmentJson {
    pub fn new(a: &Assignment, today: Today) -> Self {
        AssignmentJson {
            id: a.id,
            parent_id: a.parent_id,
            year: a.year,
            title: a.title.clone(),
            description: a.description.clone(),
            lead_sector: a.lead_sector.clone(),
            sectors: a.sectors.clone(),
            goal_id: a.goal_id,
            source: a.source.clone(),
            owner: a.owner.clone(),
            due: a.due.map(iso),
            status: a.status.as_str(),
            assessment: a.assessment.map(|x| x.as_str()),
            expected_done: a.expected_done.map(iso),
            overdue: a.is_overdue(today),
            days_overdue: a.days_overdue(today),
            version: a.version,
        }
    }
}

/// One event as `log` and `show` write it.
#[derive(Debug, Serialize)]
pub struct EventJson {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub assignment_id: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub comment: Option<String>,
    pub undoes: Option<i64>,
    /// For a report: the period, e.g. `2023-T2`.
    pub period: Option<String>,
}

impl From<&Event> for EventJson {
    fn from(e: &Event) -> Self {
        EventJson {
            id: e.id,
            at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: e.actor.clone(),
            assignment_id: e.assignment_id,
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
            comment: e.comment.clone(),
            undoes: e.undoes,
            period: e.period.clone(),
        }
    }
}

/// One reporting period as `periods` writes it.
#[derive(Debug, Serialize)]
pub struct PeriodJson {
    pub id: String,
    pub year: i32,
    pub code: String,
    pub label: String,
    pub start: String,
    pub end: String,
    pub report_due: String,
}

impl From<&Period> for PeriodJson {
    fn from(p: &Period) -> Self {
        PeriodJson {
            id: p.id(),
            year: p.year,
            code: p.code.clone(),
            label: p.label.clone(),
            start: iso(p.start),
            end: iso(p.end),
            report_due: iso(p.report_due),
        }
    }
}

/// One goal as `goals` writes it, with its rollup.
#[derive(Debug, Serialize)]
pub struct GoalJson {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: &'static str,
    pub code: String,
    pub title: String,
    pub sectors: Vec<String>,
    pub depth: usize,
    pub assignments: usize,
    pub overdue: usize,
    /// For a delmål: whether any assignment serves it.
    pub served: bool,
    /// Taken out of the tree (shown only by `goals --all`).
    pub retired: bool,
}

impl GoalJson {
    pub fn new(goal: &Goal, depth: usize, rollup: Rollup) -> Self {
        GoalJson {
            id: goal.id,
            parent_id: goal.parent_id,
            kind: goal.kind.as_str(),
            code: goal.code.clone(),
            title: goal.title.clone(),
            sectors: goal.sectors.clone(),
            depth,
            assignments: rollup.assignments,
            overdue: rollup.overdue,
            served: rollup.assignments > 0,
            retired: goal.retired,
        }
    }
}

/// One catalog event (a change to a goal or an årshjul entry) as `log --goals`/`--wheel` write it.
#[derive(Debug, Serialize)]
pub struct CatalogEventJson {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub entity: &'static str,
    pub entity_id: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub comment: Option<String>,
}

impl From<&CatalogEvent> for CatalogEventJson {
    fn from(e: &CatalogEvent) -> Self {
        CatalogEventJson {
            id: e.id,
            at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: e.actor.clone(),
            entity: e.entity.as_str(),
            entity_id: e.entity_id,
            field: e.field.clone(),
            old: e.old.clone(),
            new: e.new.clone(),
            comment: e.comment.clone(),
        }
    }
}

/// A goal on the path from the focus area, as `show` writes it.
#[derive(Debug, Serialize)]
pub struct GoalRefJson {
    pub id: i64,
    pub kind: &'static str,
    pub code: String,
    pub title: String,
}

impl From<&Goal> for GoalRefJson {
    fn from(g: &Goal) -> Self {
        GoalRefJson {
            id: g.id,
            kind: g.kind.as_str(),
            code: g.code.clone(),
            title: g.title.clone(),
        }
    }
}
