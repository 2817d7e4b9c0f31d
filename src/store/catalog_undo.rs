//! Undo of catalog changes (goals, årshjul entries, vedtak, periods), and
//! the one order across the two logs: `styr undo` takes back the actor's
//! newest change that can be undone, in either log. Newest is by time (to
//! the second, as the logs keep it); within one log, then by id. Nothing
//! records how the two logs interleaved within one second, so there the
//! catalog log's change counts as the newer. A catalog undo appends events
//! that put the old values back, each naming the event it takes back in
//! `undoes`; nothing is erased.

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::Arc;

use super::db::{params, Begin, Conn, End};

use super::read::{read_goals, read_wheel};
use super::write::{find_undo, Changed, Skipped, UndoPlan};
use super::{Result, Stamp, Store, StoreError};
use crate::domain::catalog::{CatalogEvent, Entity, Logged, CREATED, DELETED};
use crate::domain::date::Today;
use crate::domain::text::clean_comment;
use crate::domain::{StoredPeriod, WheelEntry};

thread_local! {
    static UNDOING: Cell<Option<i64>> = const { Cell::new(None) };
}

/// The catalog event an undo on this thread is taking back, if one is.
pub(super) fn undoing() -> Option<i64> {
    UNDOING.with(Cell::get)
}

/// While alive, every catalog event written on this thread records that it
/// undoes the event given; dropped, it ends that (also on an error).
struct Undoing(Option<i64>);

impl Undoing {
    fn start(event: i64) -> Undoing {
        Undoing(UNDOING.with(|u| u.replace(Some(event))))
    }
}

impl Drop for Undoing {
    fn drop(&mut self) {
        UNDOING.with(|u| u.set(self.0));
    }
}

/// A catalog change of the actor's that undo passed over, and why.
#[derive(Debug, Clone)]
pub struct CatalogSkipped {
    pub event: CatalogEvent,
    pub reason: CatalogSkipReason,
}

/// Why undo passes over a catalog change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogSkipReason {
    /// A creation cannot be unmade (remove the item instead).
    Created,
    /// A removal that cannot be taken back (a goal's, a body's).
    Removed,
    /// The item is gone since.
    Gone,
    /// The field holds another value now than the change wrote.
    ChangedSince,
    /// The item's rules refuse the old value now (an årshjul entry or a
    /// period whose old dates overlap another now, …).
    Refused(Refusal),
}

/// The item's own refusal of taking a catalog change back, as it would
/// have stopped the undo.
#[derive(Debug, Clone)]
pub struct Refusal(pub Arc<StoreError>);

impl PartialEq for Refusal {
    fn eq(&self, other: &Refusal) -> bool {
        format!("{:?}", self.0) == format!("{:?}", other.0)
    }
}

impl Eq for Refusal {}

/// A change undo passed over, in either log.
#[derive(Debug, Clone)]
pub enum Passed {
    Assignment(Skipped),
    Catalog(CatalogSkipped),
}

/// What `undo` took back: an assignment change, or a catalog change.
#[derive(Debug, Clone)]
pub enum Undone {
    Assignment(Box<Changed>),
    /// The events appended, in the order written.
    Catalog(Vec<CatalogEvent>),
}

/// What `undo` did: what it took back and the newer changes it passed
/// over, newest first.
#[derive(Debug, Clone)]
pub struct UndoOutcome {
    pub undone: Undone,
    pub passed: Vec<Passed>,
}

/// The catalog log's part of the search: the actor's newest catalog
/// change that can be undone, and the newer ones passed over.
struct CatalogSearch {
    candidate: Option<CatalogEvent>,
    skipped: Vec<CatalogSkipped>,
}

fn read_actor_events(conn: &Conn, actor: &str) -> Result<Vec<CatalogEvent>> {
    let sql = format!(
        "SELECT {} FROM catalog_events
         WHERE actor = ?1 AND undoes IS NULL AND field <> 'comment'
           AND id NOT IN (SELECT undoes FROM catalog_events WHERE undoes IS NOT NULL)
         ORDER BY id DESC",
        super::rows::CATALOG_EVENT_COLUMNS
    );
    let actor = conn.actor(actor)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let events = stmt
        .query_map([actor], super::rows::catalog_event)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(events)
}

/// An item's field as it stands now (`None`: the item is gone).
fn current_value(conn: &Conn, event: &CatalogEvent) -> Result<Option<Option<String>>> {
    fn of<T: Logged>(items: Vec<T>, id: i64, field: &str) -> Option<Option<String>> {
        items
            .into_iter()
            .find(|i| i.id() == id)
            .map(|i| i.value(field))
    }
    let (id, field) = (event.entity_id, event.field.as_str());
    Ok(match event.entity {
        Entity::Goal => of(read_goals(conn)?, id, field),
        Entity::Wheel => of(read_wheel(conn, None)?, id, field),
        Entity::Decision => of(super::vedtak::read_decisions(conn)?, id, field),
        Entity::Body => of(super::vedtak::read_bodies(conn)?, id, field),
        Entity::Period => of(super::period_log::read_stored(conn, None)?, id, field),
    })
}

/// Whether undoing `event` would write something now, or why not.
fn judge(conn: &Conn, event: &CatalogEvent) -> Result<Option<CatalogSkipReason>> {
    match event.field.as_str() {
        CREATED => Ok(Some(CatalogSkipReason::Created)),
        DELETED => {
            if !matches!(event.entity, Entity::Period | Entity::Wheel) {
                return Ok(Some(CatalogSkipReason::Removed));
            }
            let back = current_value(
                conn,
                &CatalogEvent {
                    field: "code".into(),
                    ..event.clone()
                },
            )?;
            let back = back.or(current_value(
                conn,
                &CatalogEvent {
                    field: "title".into(),
                    ..event.clone()
                },
            )?);
            Ok(back.map(|_| CatalogSkipReason::ChangedSince))
        }
        _ => Ok(match current_value(conn, event)? {
            None => Some(CatalogSkipReason::Gone),
            Some(value) if value != event.new => Some(CatalogSkipReason::ChangedSince),
            Some(_) => None,
        }),
    }
}

/// The actor's newest catalog change that can be undone: not one judged
/// impossible, and, with `try_it`, one the items' rules let be taken back
/// now (tried inside the open transaction and rolled back).
fn find_catalog_undo(
    store: &mut Store,
    actor: &str,
    try_it: Option<(Option<&str>, Today, &Stamp)>,
) -> Result<CatalogSearch> {
    let mut skipped = Vec::new();
    for event in read_actor_events(&store.conn, actor)? {
        if let Some(reason) = judge(&store.conn, &event)? {
            skipped.push(CatalogSkipped { event, reason });
            continue;
        }
        if let Some((comment, today, stamp)) = try_it {
            if let Some(error) = trial(store, &event, comment, today, stamp)? {
                skipped.push(CatalogSkipped {
                    event,
                    reason: CatalogSkipReason::Refused(Refusal(Arc::new(error))),
                });
                continue;
            }
        }
        return Ok(CatalogSearch {
            candidate: Some(event),
            skipped,
        });
    }
    Ok(CatalogSearch {
        candidate: None,
        skipped,
    })
}

/// Takes back the change `last` belongs to under a savepoint that is
/// always rolled back: `None` when it went through, else the rule's
/// refusal. Errors of the file itself are errors. Runs inside a
/// transaction.
fn trial(
    store: &mut Store,
    last: &CatalogEvent,
    comment: Option<&str>,
    today: Today,
    stamp: &Stamp,
) -> Result<Option<StoreError>> {
    store.conn.execute_batch("SAVEPOINT undo_trial")?;
    let tried = take_back_change(store, last, comment, today, stamp);
    store.conn.execute_batch("ROLLBACK TO undo_trial")?;
    store.conn.execute_batch("RELEASE undo_trial")?;
    match tried {
        Ok(_) => Ok(None),
        Err(
            e @ (StoreError::Sql(_)
            | StoreError::Busy(_)
            | StoreError::Damaged(_)
            | StoreError::DamagedBeforeWrite { .. }
            | StoreError::DiskFull
            | StoreError::ReadOnly),
        ) => Err(e),
        Err(e) => Ok(Some(e)),
    }
}

/// Takes back the catalog change `last` belongs to: each of its events
/// that can still be undone, the comment with the first.
fn take_back_change(
    store: &mut Store,
    last: &CatalogEvent,
    comment: Option<&str>,
    today: Today,
    stamp: &Stamp,
) -> Result<Vec<CatalogEvent>> {
    let group = catalog_group(&store.conn, last)?;
    let mut comment = clean_comment(comment);
    let mut events = Vec::new();
    for event in &group {
        if event.id != last.id && judge(&store.conn, event)?.is_some() {
            continue;
        }
        events.extend(take_back(store, event, comment.take(), today, stamp)?);
    }
    Ok(events)
}

/// The catalog events of the change `last` belongs to that can still be
/// undone, oldest first: the actor's events at the same instant, next to
/// each other in the log.
fn catalog_group(conn: &Conn, last: &CatalogEvent) -> Result<Vec<CatalogEvent>> {
    let sql = format!(
        "SELECT {} FROM catalog_events WHERE at = ?1 AND id <= ?2 ORDER BY id DESC",
        super::rows::CATALOG_EVENT_COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let same: Vec<CatalogEvent> = stmt
        .query_map(
            params![super::rows::instant(last.at), last.id],
            super::rows::catalog_event,
        )?
        .collect::<rusqlite::Result<_>>()?;
    let undone: HashSet<i64> = {
        let mut stmt =
            conn.prepare_cached("SELECT undoes FROM catalog_events WHERE undoes IS NOT NULL")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids
    };
    let mut group = Vec::new();
    let mut expected = last.id;
    for event in same {
        if event.id != expected || event.actor != last.actor || event.undoes.is_some() {
            break;
        }
        expected -= 1;
        let open = event.field != "comment" && !undone.contains(&event.id);
        if event.id == last.id || (open && judge(conn, &event)?.is_none()) {
            group.push(event);
        }
    }
    group.reverse();
    Ok(group)
}

type At = chrono::DateTime<chrono::Utc>;

/// Where a change stands in the one order across both logs: by time, then
/// the catalog log after the assignment log, then by id.
fn order(at: At, catalog: bool, id: i64) -> (At, bool, i64) {
    (at, catalog, id)
}

/// Whether the catalog candidate is newer than the assignment one.
fn catalog_is_newer(catalog: &CatalogEvent, assignment: Option<(i64, At)>) -> bool {
    match assignment {
        None => true,
        Some((id, at)) => order(catalog.at, true, catalog.id) > order(at, false, id),
    }
}

/// The passed-over changes of both logs newer than the change taken back
/// (at `until`, by time then id), newest first.
fn passed_over(
    assignment: Vec<Skipped>,
    catalog: Vec<CatalogSkipped>,
    until: Option<(At, bool, i64)>,
) -> Vec<Passed> {
    let newer = |key: (At, bool, i64)| until.is_none_or(|u| key > u);
    let mut all: Vec<((At, bool, i64), Passed)> = assignment
        .into_iter()
        .map(|s| (order(s.event.at, false, s.event.id), Passed::Assignment(s)))
        .chain(
            catalog
                .into_iter()
                .map(|s| (order(s.event.at, true, s.event.id), Passed::Catalog(s))),
        )
        .filter(|(key, _)| newer(*key))
        .collect();
    all.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    all.into_iter().map(|(_, p)| p).collect()
}

impl Store {
    /// Undoes the actor's newest change that can be undone, in either log
    /// (by time, then id): an assignment change as [`Store::undo_last`]
    /// does, a catalog change by appending events that put the old values
    /// back (a removed period or årshjul entry comes back with its
    /// number). Newer changes that cannot be undone are passed over and
    /// listed. Refused when no change of the actor's can be undone, or
    /// when the old value is refused now (nothing is written then).
    pub fn undo(
        &mut self,
        comment: Option<&str>,
        today: Today,
        stamp: &Stamp,
    ) -> Result<UndoOutcome> {
        let stamp = &self.acting(stamp)?;
        self.batch(|store| {
            let assignment = find_undo(&store.conn, &stamp.actor)?;
            let catalog = find_catalog_undo(store, &stamp.actor, Some((comment, today, stamp)))?;
            let newest_assignment = assignment.candidate.as_ref().map(|(e, _)| (e.id, e.at));
            match catalog.candidate {
                Some(last) if catalog_is_newer(&last, newest_assignment) => {
                    let passed = passed_over(
                        assignment.skipped,
                        catalog.skipped,
                        Some(order(last.at, true, last.id)),
                    );
                    let events = take_back_change(store, &last, comment, today, stamp)?;
                    Ok(UndoOutcome {
                        undone: Undone::Catalog(events),
                        passed,
                    })
                }
                _ => match newest_assignment {
                    Some((id, at)) => {
                        let passed = passed_over(
                            assignment.skipped,
                            catalog.skipped,
                            Some(order(at, false, id)),
                        );
                        let mut changed = store.undo_last(comment, stamp)?;
                        changed.skipped.clear();
                        Ok(UndoOutcome {
                            undone: Undone::Assignment(Box::new(changed)),
                            passed,
                        })
                    }
                    None => Err(nothing_to_undo(
                        &stamp.actor,
                        passed_over(assignment.skipped, catalog.skipped, None),
                    )),
                },
            }
        })
    }

    /// What [`Store::undo`] would do for `actor` now (without a comment):
    /// the events it would take back (one change, in one log) and the
    /// newer changes of both logs it would pass over, and why. Writes
    /// nothing: whether the items' rules let a catalog change be taken
    /// back is tried in a transaction that is rolled back (on a file open
    /// only for reading, that is not tried). For the confirmation.
    pub fn undo_plan(&mut self, actor: &str, today: Today) -> Result<UndoPlan> {
        let stamp = self.acting(&Stamp::now(actor))?;
        let actor = stamp.actor.as_str();
        let try_it = (!self.read_only).then_some((None, today, &stamp));
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("SAVEPOINT undo_plan")?;
            let planned = plan(self, actor, try_it);
            self.conn.execute_batch("ROLLBACK TO undo_plan")?;
            self.conn.execute_batch("RELEASE undo_plan")?;
            return planned;
        }
        if self.read_only {
            self.conn.begin(Begin::Read)?;
        } else {
            self.writable()?;
            self.conn.begin(Begin::Write)?;
        }
        let planned = plan(self, actor, try_it);
        self.conn.end(End::Rollback)?;
        planned
    }
}

/// The plan of [`Store::undo_plan`], inside its transaction.
fn plan(
    store: &mut Store,
    actor: &str,
    try_it: Option<(Option<&str>, Today, &Stamp)>,
) -> Result<UndoPlan> {
    let assignment = find_undo(&store.conn, actor)?;
    let catalog = find_catalog_undo(store, actor, try_it)?;
    let newest_assignment = assignment.candidate.as_ref().map(|(e, _)| (e.id, e.at));
    Ok(match catalog.candidate {
        Some(last) if catalog_is_newer(&last, newest_assignment) => UndoPlan {
            undo: Vec::new(),
            catalog: catalog_group(&store.conn, &last)?,
            passed: passed_over(
                assignment.skipped,
                catalog.skipped,
                Some(order(last.at, true, last.id)),
            ),
        },
        _ => {
            let undo = match &assignment.candidate {
                Some((last, _)) => super::write::undo_group(&store.conn, last)?,
                None => Vec::new(),
            };
            UndoPlan {
                undo,
                catalog: Vec::new(),
                passed: passed_over(
                    assignment.skipped,
                    catalog.skipped,
                    newest_assignment.map(|(id, at)| order(at, false, id)),
                ),
            }
        }
    })
}

/// The refusal when no change of the actor's, in either log, can be undone.
fn nothing_to_undo(actor: &str, passed: Vec<Passed>) -> StoreError {
    let older = passed.len().saturating_sub(1);
    match passed.into_iter().next() {
        None => StoreError::NothingToUndo {
            actor: actor.to_string(),
        },
        Some(Passed::Assignment(newest)) => StoreError::CannotUndo {
            actor: actor.to_string(),
            newest: newest.reason,
            older,
        },
        Some(Passed::Catalog(newest)) => StoreError::CannotUndoCatalog {
            actor: actor.to_string(),
            entity: newest.event.entity,
            id: newest.event.entity_id,
            reason: newest.reason,
            older,
        },
    }
}

/// Writes what takes back one catalog event, through the item's own
/// change (so that its rules hold), each event written marked as undoing it.
fn take_back(
    store: &mut Store,
    event: &CatalogEvent,
    comment: Option<String>,
    today: Today,
    stamp: &Stamp,
) -> Result<Vec<CatalogEvent>> {
    let _undoing = Undoing::start(event.id);
    let id = event.entity_id;
    let old = event.old.as_deref();
    let comment = comment.as_deref();
    let bad = |e: crate::domain::DomainError| StoreError::from(e);
    match (event.entity, event.field.as_str()) {
        (Entity::Period, DELETED) => {
            let mut last: StoredPeriod =
                serde_json::from_str(old.unwrap_or_default()).map_err(|e| {
                    bad(crate::domain::DomainError::InvalidValue {
                        field: DELETED.into(),
                        value: e.to_string(),
                    })
                })?;
            last.id = id;
            store.write(|tx| {
                super::period_log::write_return(tx, &last, clean_comment(comment), stamp)
            })
        }
        (Entity::Period, field) => store.write(|tx| {
            let before = super::period_log::read_stored(tx, None)?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or(StoreError::ChangedSince {
                    entity: Entity::Period,
                    id,
                })?;
            let mut after = before.clone();
            after.set(field, old).map_err(bad)?;
            Ok(super::period_log::write_change(
                tx,
                &before,
                after.period,
                clean_comment(comment),
                stamp,
            )?
            .events)
        }),
        (Entity::Wheel, DELETED) => {
            let mut last: WheelEntry =
                serde_json::from_str(old.unwrap_or_default()).map_err(|e| {
                    bad(crate::domain::DomainError::InvalidValue {
                        field: DELETED.into(),
                        value: e.to_string(),
                    })
                })?;
            last.id = id;
            Ok(store.return_wheel_entry(&last, comment, stamp)?.events)
        }
        (Entity::Wheel, field) => {
            let mut next = store.wheel_entry(id)?;
            next.set(field, old).map_err(bad)?;
            Ok(store
                .change_wheel_entry(id, None, &next, comment, stamp)?
                .events)
        }
        (Entity::Goal, "retired") => {
            let retired = old == Some("true");
            Ok(store.retire_goal(id, retired, comment, stamp)?.events)
        }
        (Entity::Goal, field) => {
            let mut next = store.goal(id)?;
            next.set(field, old).map_err(bad)?;
            Ok(store.change_goal(id, None, &next, comment, stamp)?.events)
        }
        (Entity::Decision, "assignments") => {
            let current = store.decision(id)?;
            let mut wanted = current.clone();
            wanted.set("assignments", old).map_err(bad)?;
            let add: Vec<i64> = wanted
                .assignments
                .iter()
                .copied()
                .filter(|a| !current.assignments.contains(a))
                .collect();
            let remove: Vec<i64> = current
                .assignments
                .iter()
                .copied()
                .filter(|a| !wanted.assignments.contains(a))
                .collect();
            let mut events = Vec::new();
            let mut comment = comment;
            if !remove.is_empty() {
                events.extend(
                    store
                        .link_decision(id, &remove, true, comment.take(), stamp)?
                        .events,
                );
            }
            if !add.is_empty() {
                events.extend(
                    store
                        .link_decision(id, &add, false, comment.take(), stamp)?
                        .events,
                );
            }
            Ok(events)
        }
        (Entity::Decision, "closed") => match old {
            None => Ok(store.reopen_decision(id, comment, stamp)?.events),
            Some(day) => {
                // Closing again needs a why: the undo's own comment, else
                // the one the decision was last closed with.
                let on = crate::domain::date::parse_date(day).map_err(bad)?;
                let why = match comment {
                    Some(why) => Some(why.to_string()),
                    None => closed_with(&store.conn, event)?,
                };
                let why = why.unwrap_or_default();
                Ok(store.close_decision(id, on, &why, stamp)?.events)
            }
        },
        (Entity::Decision, field) => {
            let mut next = store.decision(id)?;
            next.set(field, old).map_err(bad)?;
            Ok(store
                .change_decision(id, None, &next, today, comment, stamp)?
                .events)
        }
        (Entity::Body, _) => Err(StoreError::CannotUndoCatalog {
            actor: stamp.actor.clone(),
            entity: Entity::Body,
            id,
            reason: CatalogSkipReason::Removed,
            older: 0,
        }),
    }
}

/// The comment the decision `reopen` reopened was last closed with, before it.
fn closed_with(conn: &Conn, reopen: &CatalogEvent) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT comment FROM catalog_events
         WHERE entity = ?1 AND entity_id = ?2 AND field = 'closed'
           AND new IS NOT NULL AND id < ?3
         ORDER BY id DESC LIMIT 1",
    )?;
    let mut rows = stmt.query(params![reopen.entity.as_str(), reopen.entity_id, reopen.id])?;
    Ok(match rows.next()? {
        Some(row) => row.get(0)?,
        None => None,
    })
}
