//! The director's briefing for a styringsdialog: one sector's figures, what
//! is late, what changed since the last dialog, what falls due before the
//! next, its goals and the årshjul ahead. Built from data the caller reads,
//! then written as Markdown or HTML.

pub mod html;
pub mod load;
pub mod markdown;
pub mod window;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::approval::{report_state, ReportKind};
use crate::domain::catalog::replay_catalog;
use crate::domain::date::local_date;
use crate::domain::diff::{vedtak_diff, VedtakLine};
use crate::domain::filter::list_order;
use crate::domain::period::{has_report, missing_reports, reporting_period, Period};
use crate::domain::vedtak::Decision;
use crate::domain::CatalogEvent;
use crate::domain::{
    Assessment, Assignment, Event, Field, Goal, GoalKind, GoalTree, Sector, Status, Today,
    WheelEntry,
};

pub use window::{localized, Bound, Edge, Origin, Window, WindowError};

/// Everything a briefing is made from.
pub struct Sources<'a> {
    pub municipality: &'a str,
    /// The plan year whose assignments are briefed.
    pub year: i32,
    pub sector: &'a Sector,
    pub goals: &'a GoalTree,
    /// Assignments of the database (any sector, any year; the briefing picks).
    pub assignments: &'a [Assignment],
    /// Events of (at least) the sector's assignments, oldest first.
    pub events: &'a [Event],
    /// Årshjul entries (any years; the briefing picks the window's).
    pub wheel: &'a [WheelEntry],
    /// Reporting periods (any years; the one being reported on is found).
    pub periods: &'a [Period],
    /// The vedtak's catalog log, oldest first (other entities are ignored).
    pub decision_log: &'a [CatalogEvent],
    pub window: Window,
    pub today: Today,
}

/// Counts for the headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub assignments: usize,
    /// Every status with its count, in [`Status::ALL`] order.
    pub by_status: Vec<(Status, usize)>,
    /// Green, yellow, red, then not assessed.
    pub by_assessment: Vec<(Option<Assessment>, usize)>,
    pub overdue: usize,
    /// The period being reported on, if one has ended, and its missing reports.
    pub reports: Option<Reports>,
}

/// The state of reporting for the period being reported on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reports {
    pub period: Period,
    /// Whether the report deadline has passed (before that nothing is missing yet).
    pub deadline_passed: bool,
    /// The sector's oppdrag with a report for the period (awaiting
    /// approval or approved).
    pub reported: Vec<i64>,
    /// The sector's oppdrag whose required report is missing after the deadline.
    pub missing: Vec<i64>,
    /// The sector's oppdrag whose latest report for the period awaits
    /// approval (given, or sent back, and not approved since).
    pub awaiting: Vec<i64>,
    /// The sector's oppdrag whose latest report for the period is approved.
    pub approved: Vec<i64>,
}

impl Reports {
    /// The state of an oppdrag's report, when it is missing or given.
    pub fn kind_of(&self, id: i64) -> Option<ReportKind> {
        if self.missing.contains(&id) {
            Some(ReportKind::Missing)
        } else if self.awaiting.contains(&id) {
            Some(ReportKind::Awaiting)
        } else if self.approved.contains(&id) {
            Some(ReportKind::Approved)
        } else {
            None
        }
    }
}

/// A comment with who wrote it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remark {
    pub text: String,
    pub actor: String,
    pub at: DateTime<Utc>,
}

/// An overdue assignment and the last word on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub assignment: Assignment,
    pub days: i64,
    pub last_comment: Option<Remark>,
}

/// What happened to an assignment in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// New in the window.
    Created,
    /// A field whose value at the end of the window differs from its value
    /// at the start (a change undone within the window is not one).
    Field {
        field: Field,
        from: Option<String>,
        to: Option<String>,
    },
    Comment(String),
    /// A report for a period (its changes of values are told as field changes).
    Report {
        period: String,
        comment: Option<String>,
    },
}

/// One line of "what changed": when (the last event of it), who, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub at: DateTime<Utc>,
    pub assignment_id: i64,
    pub title: String,
    pub change: Change,
    /// Everyone whose events made up the change, first to last.
    pub actors: Vec<String>,
}

/// A delmål the sector answers for, and the assignments that serve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalLine {
    pub goal: Goal,
    pub serving: Vec<Assignment>,
}

/// The briefing, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub municipality: String,
    pub year: i32,
    pub sector: Sector,
    pub today: NaiveDate,
    pub window: Window,
    pub figures: Figures,
    /// Every oppdrag of the sector in list order (overdue first, then by deadline).
    pub assignments: Vec<Assignment>,
    /// Most days overdue first.
    pub overdue: Vec<Overdue>,
    /// Oldest first.
    pub changes: Vec<ChangeLine>,
    /// The vedtak of the sector's oppdrag changed in the window, as `styr
    /// diff` tells them.
    pub vedtak: Vec<VedtakLine>,
    /// Open assignments due from today up to the window's end, by deadline.
    pub due: Vec<Assignment>,
    pub goals: Vec<GoalLine>,
    /// Årshjul entries from today up to the window's end.
    pub wheel: Vec<WheelEntry>,
    /// The plan year's årshjul entries for every sector and for this one: the picture.
    pub year_wheel: Vec<WheelEntry>,
}

/// The fields whose changes a director is told about.
const REPORTED_FIELDS: [Field; 3] = [Field::Status, Field::Assessment, Field::Due];

/// Builds the briefing. The sector's assignments are its oppdrag of the
/// year (tasks are followed up inside their oppdrag and not counted).
pub fn build(sources: &Sources) -> Brief {
    let today = sources.today;
    let code = sources.sector.code.as_str();
    let mine: Vec<&Assignment> = sources
        .assignments
        .iter()
        .filter(|a| a.year == sources.year && !a.is_task() && a.lead_sector == code)
        .collect();
    let ids: HashMap<i64, &Assignment> = mine.iter().map(|a| (a.id, *a)).collect();

    let mut figures = figures(&mine, today);
    figures.reports = reports(sources.periods, &mine, sources.events, today);
    let mut all: Vec<Assignment> = mine.iter().map(|a| (*a).clone()).collect();
    all.sort_by(|a, b| list_order(a, b, today));

    let mut last_comment: HashMap<i64, Remark> = HashMap::new();
    for event in sources
        .events
        .iter()
        .filter(|e| ids.contains_key(&e.assignment_id))
    {
        if local_date(event.at) > today.0 {
            continue;
        }
        if let Some(text) = event.comment.as_deref().filter(|t| !t.trim().is_empty()) {
            last_comment.insert(
                event.assignment_id,
                Remark {
                    text: text.to_string(),
                    actor: event.actor.clone(),
                    at: event.at,
                },
            );
        }
    }

    let mut overdue: Vec<Overdue> = mine
        .iter()
        .filter_map(|a| {
            a.days_overdue(today).map(|days| Overdue {
                assignment: (*a).clone(),
                days,
                last_comment: last_comment.get(&a.id).cloned(),
            })
        })
        .collect();
    overdue.sort_by(|a, b| {
        b.days
            .cmp(&a.days)
            .then(a.assignment.id.cmp(&b.assignment.id))
    });

    let changes = changes(sources.events, &ids, sources.window.since.date, today);
    let vedtak = vedtak_changes(sources, code, today);

    let until = sources.window.until.date;
    let mut due: Vec<Assignment> = mine
        .iter()
        .filter(|a| !a.status.is_closed() && a.due.is_some_and(|d| d >= today.0 && d <= until))
        .map(|a| (*a).clone())
        .collect();
    due.sort_by_key(|a| (a.due, a.id));

    let goals = goals(sources, code);

    let mut wheel: Vec<WheelEntry> = sources
        .wheel
        .iter()
        .filter(|e| e.end >= today.0 && e.start <= until)
        .filter(|e| {
            e.sector
                .as_deref()
                .is_none_or(|s| s.eq_ignore_ascii_case(code))
        })
        .cloned()
        .collect();
    wheel.sort_by_key(|e| (e.start, e.end, e.id));
    let mut year_wheel: Vec<WheelEntry> = sources
        .wheel
        .iter()
        .filter(|e| e.year == sources.year)
        .filter(|e| {
            e.sector
                .as_deref()
                .is_none_or(|s| s.eq_ignore_ascii_case(code))
        })
        .cloned()
        .collect();
    year_wheel.sort_by_key(|e| (e.start, e.end, e.id));

    Brief {
        municipality: sources.municipality.to_string(),
        year: sources.year,
        sector: sources.sector.clone(),
        today: today.0,
        window: sources.window.clone(),
        figures,
        assignments: all,
        overdue,
        changes,
        vedtak,
        due,
        goals,
        wheel,
        year_wheel,
    }
}

fn figures(mine: &[&Assignment], today: Today) -> Figures {
    let by_status = Status::ALL
        .into_iter()
        .map(|s| (s, mine.iter().filter(|a| a.status == s).count()))
        .collect();
    let by_assessment = Assessment::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|v| (v, mine.iter().filter(|a| a.assessment == v).count()))
        .collect();
    Figures {
        assignments: mine.len(),
        by_status,
        by_assessment,
        overdue: mine.iter().filter(|a| a.is_overdue(today)).count(),
        reports: None,
    }
}

fn reports(
    periods: &[Period],
    mine: &[&Assignment],
    events: &[Event],
    today: Today,
) -> Option<Reports> {
    let period = reporting_period(periods, today.0)?.clone();
    let mine: Vec<Assignment> = mine.iter().map(|a| (*a).clone()).collect();
    let missing = missing_reports(&period, &mine, events, today.0);
    let id = period.id();
    let (mut reported, mut awaiting, mut approved) = (Vec::new(), Vec::new(), Vec::new());
    for a in &mine {
        let own: Vec<&Event> = events.iter().filter(|e| e.assignment_id == a.id).collect();
        if !has_report(&own, &period) {
            continue;
        }
        reported.push(a.id);
        match report_state(&own, &id).kind() {
            ReportKind::Awaiting => awaiting.push(a.id),
            ReportKind::Approved => approved.push(a.id),
            ReportKind::Missing => {}
        }
    }
    Some(Reports {
        deadline_passed: today.0 > period.report_due,
        period,
        reported,
        missing,
        awaiting,
        approved,
    })
}

/// The vedtak changed from the window's start to the end of today, those
/// of the sector's oppdrag (then or now): [`vedtak_diff`] on the decisions
/// replayed as of each day.
fn vedtak_changes(sources: &Sources, code: &str, today: Today) -> Vec<VedtakLine> {
    let since = sources.window.since.date;
    let day = |e: &CatalogEvent| local_date(e.at);
    let replay =
        |events: Vec<&CatalogEvent>| replay_catalog::<Decision>(events).unwrap_or_default();
    let log = sources.decision_log;
    let before = replay(log.iter().filter(|e| day(e) < since).collect());
    let after = replay(log.iter().filter(|e| day(e) <= today.0).collect());
    let window: Vec<CatalogEvent> = log
        .iter()
        .filter(|e| day(e) >= since && day(e) <= today.0)
        .cloned()
        .collect();
    let led: std::collections::HashSet<i64> = sources
        .assignments
        .iter()
        .filter(|a| a.lead_sector.eq_ignore_ascii_case(code))
        .map(|a| a.id)
        .collect();
    vedtak_diff(&before, &after, &window, |d| {
        d.assignments.iter().any(|id| led.contains(id))
    })
}

/// Per assignment and field, the value before the window's first event and
/// after its last; unequal ones are changes (the net change `styr diff`
/// tells too: [`crate::domain::diff::net_field_changes`]). Creations,
/// comments and reports are told one by one.
fn changes(
    events: &[Event],
    ids: &HashMap<i64, &Assignment>,
    since: NaiveDate,
    today: Today,
) -> Vec<ChangeLine> {
    let title = |id: i64| ids.get(&id).map(|a| a.title.clone()).unwrap_or_default();
    let window: Vec<Event> = events
        .iter()
        .filter(|e| {
            let day = local_date(e.at);
            ids.contains_key(&e.assignment_id) && day >= since && day <= today.0
        })
        .cloned()
        .collect();
    let mut lines = Vec::new();
    for event in &window {
        let field = event.field().ok();
        if field == Some(Field::Report) {
            // Told as one line with its comment; its changes of status and
            // vurdering count like any other change.
            lines.push(ChangeLine {
                at: event.at,
                assignment_id: event.assignment_id,
                title: title(event.assignment_id),
                change: Change::Report {
                    period: event.period.clone().unwrap_or_default(),
                    comment: event.comment.clone().filter(|c| !c.trim().is_empty()),
                },
                actors: vec![event.actor.clone()],
            });
            continue;
        }
        if field == Some(Field::Created) {
            lines.push(ChangeLine {
                at: event.at,
                assignment_id: event.assignment_id,
                title: title(event.assignment_id),
                change: Change::Created,
                actors: vec![event.actor.clone()],
            });
        }
        if let Some(text) = event.comment.as_deref().filter(|t| !t.trim().is_empty()) {
            lines.push(ChangeLine {
                at: event.at,
                assignment_id: event.assignment_id,
                title: title(event.assignment_id),
                change: Change::Comment(text.to_string()),
                actors: vec![event.actor.clone()],
            });
        }
    }
    for net in crate::domain::diff::net_field_changes(&window, &REPORTED_FIELDS) {
        lines.push(ChangeLine {
            at: net.at,
            assignment_id: net.assignment,
            title: title(net.assignment),
            change: Change::Field {
                field: net.field,
                from: net.from,
                to: net.to,
            },
            actors: net.actors,
        });
    }
    // At one instant: the creation, then the change, then its comment.
    let rank = |c: &Change| match c {
        Change::Created => 0,
        Change::Report { .. } => 1,
        Change::Field { .. } => 2,
        Change::Comment(_) => 3,
    };
    lines.sort_by(|a, b| {
        (a.at, a.assignment_id, rank(&a.change)).cmp(&(b.at, b.assignment_id, rank(&b.change)))
    });
    lines
}

/// The delmål the sector is responsible for, in tree order, each with the
/// year's oppdrag (of any sector) linked to it.
fn goals(sources: &Sources, code: &str) -> Vec<GoalLine> {
    sources
        .goals
        .walk()
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| {
            g.kind == GoalKind::SubGoal && g.sectors.iter().any(|s| s.eq_ignore_ascii_case(code))
        })
        .map(|g| {
            let mut serving: Vec<Assignment> = sources
                .assignments
                .iter()
                .filter(|a| a.year == sources.year && !a.is_task() && a.goal_id == Some(g.id))
                .cloned()
                .collect();
            serving.sort_by_key(|a| a.id);
            GoalLine {
                goal: g.clone(),
                serving,
            }
        })
        .collect()
}

impl Brief {
    /// Delmål of the sector that no assignment serves: breaks in the red thread.
    pub fn unserved(&self) -> impl Iterator<Item = &GoalLine> {
        self.goals.iter().filter(|g| g.serving.is_empty())
    }

    /// The changes per assignment, in the order each was first changed.
    pub fn changes_by_assignment(&self) -> Vec<(i64, &str, Vec<&ChangeLine>)> {
        let mut groups: Vec<(i64, &str, Vec<&ChangeLine>)> = Vec::new();
        for line in &self.changes {
            match groups.iter_mut().find(|g| g.0 == line.assignment_id) {
                Some(group) => group.2.push(line),
                None => groups.push((line.assignment_id, &line.title, vec![line])),
            }
        }
        groups
    }

    /// A name for files written from this briefing, e.g. `brief-OUS-2023-09-20.html`.
    pub fn file_name(&self, extension: &str) -> String {
        let code: String = self
            .sector
            .code
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        format!("brief-{code}-{}.{extension}", self.today.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests;
