//! What changed between two moments: from the state replayed as of each
//! and the events logged between them. The briefing's "what changed" uses
//! the same net change per field ([`net_field_changes`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::catalog::differences;
use super::report::as_field_changes;
use super::vedtak::Decision;
use super::{Assignment, CatalogEvent, Entity, Event, Field, Goal, Logged, WheelEntry};

/// The state the logs give at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub assignments: BTreeMap<i64, Assignment>,
    pub goals: BTreeMap<i64, Goal>,
    pub wheel: BTreeMap<i64, WheelEntry>,
    /// The political decisions (vedtak).
    pub decisions: BTreeMap<i64, Decision>,
}

/// One field's net change over a stretch of the log: its value before the
/// stretch's first event of it and after the last; who made those events
/// (first to last) and when the last was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub assignment: i64,
    pub field: Field,
    pub from: Option<String>,
    pub to: Option<String>,
    pub at: DateTime<Utc>,
    pub actors: Vec<String>,
}

/// Per assignment and field among `fields`, the value before the first of
/// `events` and after the last (a report counts as the changes of the
/// values it set); the unequal ones, ordered by assignment and field. A
/// change undone within the stretch is no change.
pub fn net_field_changes(events: &[Event], fields: &[Field]) -> Vec<FieldChange> {
    // Keyed by the field's place in `fields`, which orders them.
    let mut nets: BTreeMap<(i64, usize), FieldChange> = BTreeMap::new();
    for event in events {
        for part in as_field_changes(event) {
            let Ok(field) = part.field() else {
                continue;
            };
            let Some(place) = fields.iter().position(|f| *f == field) else {
                continue;
            };
            let net = nets
                .entry((part.assignment_id, place))
                .or_insert_with(|| FieldChange {
                    assignment: part.assignment_id,
                    field,
                    from: part.old.clone(),
                    to: None,
                    at: part.at,
                    actors: Vec::new(),
                });
            net.to = part.new.clone();
            net.at = part.at;
            if !net.actors.contains(&part.actor) {
                net.actors.push(part.actor.clone());
            }
        }
    }
    nets.into_values().filter(|n| n.from != n.to).collect()
}

/// The fields of an assignment whose changes a diff tells.
pub const DIFF_FIELDS: [Field; 12] = [
    Field::Title,
    Field::Description,
    Field::LeadSector,
    Field::Sectors,
    Field::Goal,
    Field::Parent,
    Field::Source,
    Field::Owner,
    Field::Due,
    Field::Status,
    Field::Assessment,
    Field::ExpectedDone,
];

/// A report given between the two moments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportGiven {
    pub assignment: i64,
    pub period: Option<String>,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub comment: Option<String>,
}

/// What happened to a goal or an årshjul entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogChange {
    Added,
    Removed,
    Field {
        field: &'static str,
        from: Option<String>,
        to: Option<String>,
    },
}

/// One change of a goal or årshjul entry, with who and when where the log says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogLine {
    pub entity: Entity,
    pub id: i64,
    /// Its title at the later moment, else at the earlier.
    pub title: String,
    pub change: CatalogChange,
    pub at: Option<DateTime<Utc>>,
    pub actor: Option<String>,
}

/// What happened to a vedtak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VedtakChange {
    Created,
    Removed,
    /// A field of the decision itself (body, date, case, title, text, kind).
    Edited {
        field: &'static str,
        from: Option<String>,
        to: Option<String>,
    },
    /// *Kvittert ut* on the day, with the comment given.
    Closed {
        day: String,
        comment: Option<String>,
    },
    Reopened,
    /// Oppdrag linked to it, by id.
    Linked(Vec<i64>),
    /// Oppdrag no longer linked to it, by id.
    Unlinked(Vec<i64>),
}

/// One change of a vedtak, with who and when where the log says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VedtakLine {
    pub id: i64,
    /// Its case number and title at the later moment, else at the earlier.
    pub case: String,
    pub title: String,
    pub change: VedtakChange,
    pub at: Option<DateTime<Utc>>,
    pub actor: Option<String>,
}

/// Everything that changed between two moments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Assignments (and tasks) that exist at the later moment only, by id.
    pub created: Vec<Assignment>,
    /// Assignments open (or not yet made) at the earlier moment and done or
    /// cancelled at the later, by id.
    pub closed: Vec<Assignment>,
    /// Net field changes, by assignment and field.
    pub fields: Vec<FieldChange>,
    /// Oldest first.
    pub reports: Vec<ReportGiven>,
    pub goals: Vec<CatalogLine>,
    pub wheel: Vec<CatalogLine>,
    /// Vedtak created, edited, closed or reopened, linked or unlinked.
    pub vedtak: Vec<VedtakLine>,
}

/// Which part of the data a diff looks at: every sector, or one (its code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    All,
    Sector(&'a str),
}

impl Scope<'_> {
    fn assignment(&self, a: &Assignment) -> bool {
        match self {
            Scope::All => true,
            Scope::Sector(code) => a.lead_sector.eq_ignore_ascii_case(code),
        }
    }

    fn goal(&self, g: &Goal) -> bool {
        match self {
            Scope::All => true,
            Scope::Sector(code) => g.sectors.iter().any(|s| s.eq_ignore_ascii_case(code)),
        }
    }

    /// An entry of one sector, or of every sector (no sector).
    fn wheel(&self, e: &WheelEntry) -> bool {
        match self {
            Scope::All => true,
            Scope::Sector(code) => e
                .sector
                .as_ref()
                .is_none_or(|s| s.eq_ignore_ascii_case(code)),
        }
    }
}

/// What changed from `before` to `after`, told from the two states and the
/// events logged between them (`events`, `catalog`, oldest first), for the
/// assignments, goals and entries in `scope` at either moment.
pub fn diff(
    before: &State,
    after: &State,
    events: &[Event],
    catalog: &[CatalogEvent],
    scope: Scope,
) -> Diff {
    let in_scope = |id: i64| {
        after
            .assignments
            .get(&id)
            .or_else(|| before.assignments.get(&id))
            .is_some_and(|a| scope.assignment(a))
    };
    let created = after
        .assignments
        .values()
        .filter(|a| !before.assignments.contains_key(&a.id) && scope.assignment(a))
        .cloned()
        .collect();
    let closed = after
        .assignments
        .values()
        .filter(|a| {
            a.status.is_closed()
                && scope.assignment(a)
                && before
                    .assignments
                    .get(&a.id)
                    .is_none_or(|b| !b.status.is_closed())
        })
        .cloned()
        .collect();
    let ours: Vec<Event> = events
        .iter()
        .filter(|e| in_scope(e.assignment_id))
        .cloned()
        .collect();
    let fields = net_field_changes(&ours, &DIFF_FIELDS)
        .into_iter()
        .map(|mut change| {
            // The values the states hold: exact even where an event's `old`
            // was written otherwise (a report's, an import's).
            let value = |state: &State| {
                state
                    .assignments
                    .get(&change.assignment)
                    .and_then(|a| a.field_value(change.field))
            };
            if before.assignments.contains_key(&change.assignment) {
                change.from = value(before);
            }
            change.to = value(after);
            change
        })
        .filter(|c| c.from != c.to)
        .collect();
    let reports = ours
        .iter()
        .filter(|e| e.field == Field::Report.as_str())
        .map(|e| ReportGiven {
            assignment: e.assignment_id,
            period: e.period.clone(),
            at: e.at,
            actor: e.actor.clone(),
            comment: e.comment.clone().filter(|c| !c.trim().is_empty()),
        })
        .collect();
    let goals = catalog_changes(
        &before.goals,
        &after.goals,
        catalog,
        |g| scope.goal(g),
        |g| g.title.clone(),
    );
    let wheel = catalog_changes(
        &before.wheel,
        &after.wheel,
        catalog,
        |e| scope.wheel(e),
        |e| e.title.clone(),
    );
    // A vedtak is a sector's when one of its oppdrag, then or now, is.
    let decision_in_scope = |d: &Decision| match scope {
        Scope::All => true,
        Scope::Sector(_) => d.assignments.iter().any(|id| {
            after
                .assignments
                .get(id)
                .or_else(|| before.assignments.get(id))
                .is_some_and(|a| scope.assignment(a))
        }),
    };
    let vedtak = vedtak_diff(
        &before.decisions,
        &after.decisions,
        catalog,
        decision_in_scope,
    );
    Diff {
        created,
        closed,
        fields,
        reports,
        goals,
        wheel,
        vedtak,
    }
}

/// The vedtak changed from `before` to `after` (`catalog`: the events
/// between, oldest first), for those `in_scope` at either moment: told as
/// what a reader of vedtak asks, closed or reopened rather than a date,
/// linked or unlinked oppdrag rather than a list of ids. `styr diff` and
/// the briefing's changes both tell them so.
pub fn vedtak_diff(
    before: &BTreeMap<i64, Decision>,
    after: &BTreeMap<i64, Decision>,
    catalog: &[CatalogEvent],
    in_scope: impl Fn(&Decision) -> bool,
) -> Vec<VedtakLine> {
    let in_either = |d: &Decision| {
        [before.get(&d.id), after.get(&d.id)]
            .into_iter()
            .flatten()
            .any(&in_scope)
    };
    let lines = catalog_changes(before, after, catalog, in_either, |d| d.title.clone());
    let ids = |text: &Option<String>| -> Vec<i64> {
        text.as_deref()
            .and_then(super::vedtak::split_ids)
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for line in lines {
        let case = after
            .get(&line.id)
            .or_else(|| before.get(&line.id))
            .map(|d| d.case.clone())
            .unwrap_or_default();
        let mut push = |change: VedtakChange| {
            out.push(VedtakLine {
                id: line.id,
                case: case.clone(),
                title: line.title.clone(),
                change,
                at: line.at,
                actor: line.actor.clone(),
            })
        };
        let last_of = |field: &str| {
            catalog.iter().rev().find(|e| {
                e.entity == Entity::Decision && e.entity_id == line.id && e.field == field
            })
        };
        match &line.change {
            CatalogChange::Added => {
                // Told when it was made, and then what it holds now: its
                // oppdrag, and whether it was closed since.
                let created = last_of(super::catalog::CREATED);
                out.push(VedtakLine {
                    id: line.id,
                    case: case.clone(),
                    title: line.title.clone(),
                    change: VedtakChange::Created,
                    at: created.map(|e| e.at).or(line.at),
                    actor: created.map(|e| e.actor.clone()).or(line.actor.clone()),
                });
                let Some(now) = after.get(&line.id) else {
                    continue;
                };
                let later = |change: VedtakChange, field: &str| VedtakLine {
                    id: line.id,
                    case: case.clone(),
                    title: line.title.clone(),
                    change,
                    at: last_of(field).map(|e| e.at),
                    actor: last_of(field).map(|e| e.actor.clone()),
                };
                if !now.assignments.is_empty() {
                    let change = VedtakChange::Linked(now.assignments.clone());
                    out.push(match last_of("assignments") {
                        Some(_) => later(change, "assignments"),
                        None => later(change, super::catalog::CREATED),
                    });
                }
                if let Some(day) = now.closed {
                    let comment = last_of("closed")
                        .and_then(|e| e.comment.clone())
                        .filter(|c| !c.trim().is_empty());
                    let change = VedtakChange::Closed {
                        day: crate::domain::date::iso(day),
                        comment,
                    };
                    out.push(later(change, "closed"));
                }
            }
            CatalogChange::Removed => push(VedtakChange::Removed),
            CatalogChange::Field { field, to, .. } if *field == "closed" => match to {
                Some(day) => {
                    let comment = last_of("closed")
                        .and_then(|e| e.comment.clone())
                        .filter(|c| !c.trim().is_empty());
                    push(VedtakChange::Closed {
                        day: day.clone(),
                        comment,
                    })
                }
                None => push(VedtakChange::Reopened),
            },
            CatalogChange::Field { field, from, to } if *field == "assignments" => {
                let (old, new) = (ids(from), ids(to));
                let linked: Vec<i64> = new.iter().filter(|i| !old.contains(i)).copied().collect();
                let unlinked: Vec<i64> = old.iter().filter(|i| !new.contains(i)).copied().collect();
                if !linked.is_empty() {
                    push(VedtakChange::Linked(linked));
                }
                if !unlinked.is_empty() {
                    push(VedtakChange::Unlinked(unlinked));
                }
            }
            CatalogChange::Field { field, from, to } => push(VedtakChange::Edited {
                field,
                from: from.clone(),
                to: to.clone(),
            }),
        }
    }
    out
}

/// The goals or entries added, removed and changed (field by field), by id.
fn catalog_changes<T: Logged>(
    before: &BTreeMap<i64, T>,
    after: &BTreeMap<i64, T>,
    catalog: &[CatalogEvent],
    in_scope: impl Fn(&T) -> bool,
    title: impl Fn(&T) -> String,
) -> Vec<CatalogLine> {
    let last = |id: i64, field: Option<&str>| {
        catalog.iter().rev().find(|e| {
            e.entity == T::ENTITY && e.entity_id == id && field.is_none_or(|f| e.field == f)
        })
    };
    let mut ids: Vec<i64> = before.keys().chain(after.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut lines = Vec::new();
    for id in ids {
        let (old, new) = (before.get(&id), after.get(&id));
        if !old.into_iter().chain(new).any(&in_scope) {
            continue;
        }
        let shown = new.or(old).map(&title).unwrap_or_default();
        let line = |change: CatalogChange, event: Option<&CatalogEvent>| CatalogLine {
            entity: T::ENTITY,
            id,
            title: shown.clone(),
            change,
            at: event.map(|e| e.at),
            actor: event.map(|e| e.actor.clone()),
        };
        match (old, new) {
            (None, Some(_)) => lines.push(line(CatalogChange::Added, last(id, None))),
            (Some(_), None) => lines.push(line(CatalogChange::Removed, last(id, None))),
            (Some(old), Some(new)) => {
                for (field, from, to) in differences(old, new) {
                    lines.push(line(
                        CatalogChange::Field { field, from, to },
                        last(id, Some(field)),
                    ));
                }
            }
            (None, None) => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn event(
        id: i64,
        assignment: i64,
        field: Field,
        old: Option<&str>,
        new: Option<&str>,
        actor: &str,
    ) -> Event {
        Event {
            id,
            at: DateTime::parse_from_rfc3339("2023-05-01T10:00:00Z")
                .unwrap()
                .with_timezone(&Utc)
                + chrono::Duration::minutes(id),
            actor: actor.into(),
            assignment_id: assignment,
            field: field.as_str().into(),
            old: old.map(String::from),
            new: new.map(String::from),
            comment: None,
            undoes: None,
            period: None,
        }
    }

    fn assignment(id: i64, sector: &str, status: Status) -> Assignment {
        Assignment {
            id,
            year: 2023,
            title: format!("Oppdrag {id}"),
            lead_sector: sector.into(),
            status,
            ..Assignment::placeholder()
        }
    }

    #[test]
    fn a_change_undone_in_between_is_none_and_every_actor_is_named() {
        let events = vec![
            event(1, 7, Field::Owner, None, Some("Kari"), "kari"),
            event(2, 7, Field::Owner, Some("Kari"), None, "ola"),
            event(
                3,
                7,
                Field::Status,
                Some("not-started"),
                Some("in-progress"),
                "kari",
            ),
            event(
                4,
                7,
                Field::Status,
                Some("in-progress"),
                Some("done"),
                "ola",
            ),
        ];
        let nets = net_field_changes(&events, &DIFF_FIELDS);
        assert_eq!(nets.len(), 1, "{nets:?}");
        assert_eq!(nets[0].field, Field::Status);
        assert_eq!(nets[0].from.as_deref(), Some("not-started"));
        assert_eq!(nets[0].to.as_deref(), Some("done"));
        assert_eq!(nets[0].actors, ["kari", "ola"]);
        assert_eq!(nets[0].at, events[3].at);
    }

    #[test]
    fn diff_tells_new_and_closed_assignments_of_the_sector() {
        let mut before = State::default();
        before
            .assignments
            .insert(1, assignment(1, "OUS", Status::InProgress));
        before
            .assignments
            .insert(2, assignment(2, "TEK", Status::InProgress));
        let mut after = before.clone();
        after
            .assignments
            .insert(1, assignment(1, "OUS", Status::Done));
        after
            .assignments
            .insert(2, assignment(2, "TEK", Status::Done));
        after
            .assignments
            .insert(3, assignment(3, "OUS", Status::NotStarted));
        let events = vec![
            event(
                1,
                1,
                Field::Status,
                Some("in-progress"),
                Some("done"),
                "kari",
            ),
            event(
                2,
                2,
                Field::Status,
                Some("in-progress"),
                Some("done"),
                "kari",
            ),
        ];
        let d = diff(&before, &after, &events, &[], Scope::Sector("ous"));
        assert_eq!(d.created.iter().map(|a| a.id).collect::<Vec<_>>(), [3]);
        assert_eq!(d.closed.iter().map(|a| a.id).collect::<Vec<_>>(), [1]);
        assert_eq!(d.fields.len(), 1);
        assert_eq!(d.fields[0].assignment, 1);
        let everyone = diff(&before, &after, &events, &[], Scope::All);
        assert_eq!(everyone.closed.len(), 2);
        assert_eq!(
            diff(&before, &before, &[], &[], Scope::All),
            Diff::default()
        );
    }
}
