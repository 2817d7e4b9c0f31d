//! Writes to the catalog: goals and årshjul entries. Like assignments, every
//! change is one IMMEDIATE transaction holding the new state and its events
//! in `catalog_events`; an edit based on a state someone has changed since
//! is refused.

use super::db::{params, Conn};

use super::lookup::check_sector;
use super::read::{read_goals, read_wheel};
use super::rows;
use super::{Result, Stamp, Store, StoreError};
use crate::domain::catalog::{differences, snapshot, CREATED, DELETED};
use crate::domain::date::iso;
use crate::domain::event::check_actor;
use crate::domain::goal::{self as rules, GoalTree};
use crate::domain::text::clean_comment;
use crate::domain::{CatalogEvent, Entity, Goal, GoalKind, Logged, WheelEntry};

/// What a catalog change wrote: the item as it now is (for a deletion, as it
/// last was) and the events appended.
#[derive(Debug, Clone)]
pub struct CatalogChanged<T> {
    pub item: T,
    pub events: Vec<CatalogEvent>,
}

impl Store {
    /// Adds an årshjul entry after checking it against the others of its year.
    /// The draft's id is ignored.
    pub fn create_wheel_entry(
        &mut self,
        draft: &WheelEntry,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<WheelEntry>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let mut entry = normalized_entry(&tx, draft)?;
        entry.id = 0;
        entry.validate(&read_wheel(&tx, Some(entry.year))?)?;
        // Never the id of a deleted entry: calendars know entries by it.
        let id = super::vedtak::next_id(&tx, "wheel_entries", Entity::Wheel)?;
        rows::insert_wheel_entry(&tx, id, &entry)?;
        entry.id = id;
        let event = insert_created(&tx, stamp, &entry, clean_comment(comment))?;
        tx.commit()?;
        Ok(CatalogChanged {
            item: entry,
            events: vec![event],
        })
    }

    /// Changes an årshjul entry to `next` (dates, title, kind, sector, tags,
    /// note), one event per field that really changes. With `seen`, refuses if
    /// the entry is no longer as the caller saw it.
    pub fn change_wheel_entry(
        &mut self,
        id: i64,
        seen: Option<&WheelEntry>,
        next: &WheelEntry,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<WheelEntry>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let current = current_entry(&tx, id, seen)?;
        let mut entry = normalized_entry(&tx, next)?;
        entry.id = id;
        entry.validate(&read_wheel(&tx, Some(entry.year))?)?;
        let changes = differences(&current, &entry);
        if !changes.is_empty() {
            tx.execute(
                "UPDATE wheel_entries SET year = ?1, start_date = ?2, end_date = ?3, title = ?4,
                 kind = ?5, sector = ?6, tags = ?7, note = ?8 WHERE id = ?9",
                params![
                    entry.year,
                    iso(entry.start),
                    iso(entry.end),
                    entry.title,
                    entry.kind.as_str(),
                    entry.sector,
                    entry.tags.join(","),
                    entry.note,
                    id
                ],
            )?;
        }
        let events = insert_changes::<WheelEntry>(&tx, stamp, id, changes, clean_comment(comment))?;
        tx.commit()?;
        Ok(CatalogChanged {
            item: entry,
            events,
        })
    }

    /// Puts a deleted årshjul entry back as it last was, with its number
    /// (an undo of its deletion): checked as a new entry would be.
    pub(super) fn return_wheel_entry(
        &mut self,
        last: &WheelEntry,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<WheelEntry>> {
        self.write(|tx| {
            let mut entry = normalized_entry(tx, last)?;
            entry.id = last.id;
            entry.validate(&read_wheel(tx, Some(entry.year))?)?;
            rows::insert_wheel_entry(tx, entry.id, &entry)?;
            let event = insert_created(tx, stamp, &entry, clean_comment(comment))?;
            Ok(CatalogChanged {
                item: entry,
                events: vec![event],
            })
        })
    }

    /// Deletes an årshjul entry; the log keeps its last state in a `deleted`
    /// event. With `seen`, refuses if the entry changed since it was shown.
    pub fn delete_wheel_entry(
        &mut self,
        id: i64,
        seen: Option<&WheelEntry>,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<WheelEntry>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let current = current_entry(&tx, id, seen)?;
        tx.execute("DELETE FROM wheel_entries WHERE id = ?1", [id])?;
        let event = insert_event(
            &tx,
            stamp,
            Entity::Wheel,
            id,
            DELETED,
            Some(snapshot(&current)),
            None,
            clean_comment(comment),
        )?;
        tx.commit()?;
        Ok(CatalogChanged {
            item: current,
            events: vec![event],
        })
    }

    /// Adds a goal under `parent` (a satsingsområde when `None`; a hovedmål
    /// under a satsingsområde, a delmål under a hovedmål).
    pub fn create_goal(
        &mut self,
        parent: Option<i64>,
        code: &str,
        title: &str,
        sectors: &[String],
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Goal>> {
        self.write(|tx| insert_goal(tx, parent, code, title, sectors, comment, stamp))
    }

    /// Changes a goal's code, title, responsible sectors or parent (a move
    /// keeps the level: a delmål goes under another hovedmål). Retiring is
    /// [`Store::retire_goal`]. With `seen`, refuses if the goal changed since.
    pub fn change_goal(
        &mut self,
        id: i64,
        seen: Option<&Goal>,
        next: &Goal,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Goal>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let goals = read_goals(&tx)?;
        let current = goals
            .iter()
            .find(|g| g.id == id)
            .cloned()
            .ok_or(StoreError::UnknownGoal(id))?;
        if seen.is_some_and(|seen| *seen != current) {
            return Err(changed_since(Entity::Goal, id));
        }
        let goal = Goal {
            id,
            parent_id: next.parent_id,
            kind: current.kind,
            code: next.code.trim().to_string(),
            title: next.title.trim().to_string(),
            sectors: checked_sectors(&tx, &next.sectors)?,
            position: current.position,
            retired: current.retired,
        };
        rules::check_text(&goal, &goals)?;
        if goal.parent_id != current.parent_id {
            // A satsingsområde is refused whatever the parent named.
            let parent = match goal.parent_id {
                Some(parent) if current.kind != GoalKind::FocusArea => {
                    Some(find_goal(&goals, parent)?)
                }
                _ => None,
            };
            rules::check_move(current.kind, parent)?;
        }
        // A new code must fit where the goal now is; a move alone keeps
        // the code it had (renumbering what is below it is the user's call).
        if goal.code != current.code {
            let parent = match goal.parent_id {
                Some(parent) => Some(find_goal(&goals, parent)?),
                None => None,
            };
            rules::check_code_place(&goal, parent, &goals)?;
        }
        let changes = differences(&current, &goal);
        if !changes.is_empty() {
            tx.execute(
                "UPDATE goals SET parent_id = ?1, code = ?2, title = ?3 WHERE id = ?4",
                params![goal.parent_id, goal.code, goal.title, id],
            )?;
            write_goal_sectors(&tx, &goal)?;
        }
        let events = insert_changes::<Goal>(&tx, stamp, id, changes, clean_comment(comment))?;
        tx.commit()?;
        Ok(CatalogChanged { item: goal, events })
    }

    /// Retires a goal and everything below it (`retired`), or takes them back
    /// in. Retired goals stay in the database with their history but leave
    /// the tree. Refused while an open assignment serves one of them, and
    /// taking back is refused under a retired parent.
    pub fn retire_goal(
        &mut self,
        id: i64,
        retired: bool,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Goal>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let goals = read_goals(&tx)?;
        let tree = GoalTree::new(goals.clone());
        let goal = tree.get(id).cloned().ok_or(StoreError::UnknownGoal(id))?;
        let subtree = tree.subtree(id);
        let open = if retired && !goal.retired {
            open_assignments_in(&tx, &subtree)?
        } else {
            Vec::new()
        };
        let parent = goal.parent_id.and_then(|p| tree.get(p));
        rules::check_retire(&goal, retired, &open, parent)?;
        let comment = clean_comment(comment);
        let mut events = Vec::new();
        // In tree order, so that the log reads from the top down.
        for (_, member) in tree.walk_all() {
            if !subtree.contains(&member.id) || member.retired == retired {
                continue;
            }
            tx.execute(
                "UPDATE goals SET retired = ?1 WHERE id = ?2",
                params![retired, member.id],
            )?;
            let mut next = member.clone();
            next.retired = retired;
            let comment = if events.is_empty() {
                comment.clone()
            } else {
                None
            };
            events.extend(insert_changes::<Goal>(
                &tx,
                stamp,
                member.id,
                differences(member, &next),
                comment,
            )?);
        }
        tx.commit()?;
        let mut item = goal;
        item.retired = retired;
        Ok(CatalogChanged { item, events })
    }
}

fn changed_since(entity: Entity, id: i64) -> StoreError {
    StoreError::ChangedSince { entity, id }
}

/// The entry as stored, checked against what the caller saw.
fn current_entry(conn: &Conn, id: i64, seen: Option<&WheelEntry>) -> Result<WheelEntry> {
    let current = read_wheel(conn, None)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(StoreError::UnknownWheelEntry(id))?;
    if seen.is_some_and(|seen| *seen != current) {
        return Err(changed_since(Entity::Wheel, id));
    }
    Ok(current)
}

/// Trims the text, checks the sector and normalises the tags; the rest is
/// [`WheelEntry::validate`].
fn normalized_entry(conn: &Conn, draft: &WheelEntry) -> Result<WheelEntry> {
    let mut entry = draft.clone();
    entry.title = entry.title.trim().to_string();
    entry.note = entry.note.trim().to_string();
    entry.tags = crate::domain::wheel::split_tags(&entry.tags.join(","));
    entry.sector = entry
        .sector
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| check_sector(conn, s))
        .transpose()?;
    Ok(entry)
}

fn find_goal(goals: &[Goal], id: i64) -> Result<&Goal> {
    goals
        .iter()
        .find(|g| g.id == id)
        .ok_or(StoreError::UnknownGoal(id))
}

fn checked_sectors(conn: &Conn, sectors: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for sector in sectors.iter().filter(|s| !s.trim().is_empty()) {
        let code = check_sector(conn, sector)?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// Writes a goal's sectors in order, replacing any it had.
pub(super) fn write_goal_sectors(conn: &Conn, goal: &Goal) -> Result<()> {
    conn.execute("DELETE FROM goal_sectors WHERE goal_id = ?1", [goal.id])?;
    for (position, sector) in goal.sectors.iter().enumerate() {
        conn.execute(
            "INSERT INTO goal_sectors (goal_id, sector, position) VALUES (?1, ?2, ?3)",
            params![goal.id, sector, position as i64],
        )?;
    }
    Ok(())
}

fn open_assignments_in(conn: &Conn, goals: &std::collections::HashSet<i64>) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, goal_id FROM assignments
         WHERE goal_id IS NOT NULL AND status NOT IN ('done', 'cancelled') ORDER BY id",
    )?;
    let rows: Vec<(i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .filter(|(_, goal)| goals.contains(goal))
        .map(|(id, _)| id)
        .collect())
}

/// Inserts a goal and its `created` event inside an open transaction.
pub(super) fn insert_goal(
    conn: &Conn,
    parent: Option<i64>,
    code: &str,
    title: &str,
    sectors: &[String],
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<CatalogChanged<Goal>> {
    let goals = read_goals(conn)?;
    let parent_goal = parent.map(|p| find_goal(&goals, p)).transpose()?;
    let kind = rules::level_under(parent_goal)?;
    let position = goals.iter().map(|g| g.position).max().unwrap_or(0) + 1;
    let mut goal = Goal {
        id: 0,
        parent_id: parent,
        kind,
        code: code.trim().to_string(),
        title: title.trim().to_string(),
        sectors: checked_sectors(conn, sectors)?,
        position,
        retired: false,
    };
    rules::check_text(&goal, &goals)?;
    rules::check_code_place(&goal, parent_goal, &goals)?;
    goal.id = match conn.as_server() {
        // Numbered as a file numbers it (see `vedtak::next_id`).
        Some(_) => {
            let id = super::vedtak::next_id(conn, "goals", Entity::Goal)?;
            conn.execute(
                "INSERT INTO goals (id, parent_id, kind, code, title, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, parent, kind.as_str(), goal.code, goal.title, position],
            )?;
            id
        }
        None => conn.insert(
            "INSERT INTO goals (parent_id, kind, code, title, position) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![parent, kind.as_str(), goal.code, goal.title, position],
        )?,
    };
    write_goal_sectors(conn, &goal)?;
    let event = insert_created(conn, stamp, &goal, clean_comment(comment))?;
    Ok(CatalogChanged {
        item: goal,
        events: vec![event],
    })
}

pub(super) fn insert_created<T: Logged>(
    conn: &Conn,
    stamp: &Stamp,
    item: &T,
    comment: Option<String>,
) -> Result<CatalogEvent> {
    insert_event(
        conn,
        stamp,
        T::ENTITY,
        item.id(),
        CREATED,
        None,
        Some(snapshot(item)),
        comment,
    )
}

pub(super) fn insert_changes<T: Logged>(
    conn: &Conn,
    stamp: &Stamp,
    id: i64,
    changes: Vec<(&'static str, Option<String>, Option<String>)>,
    mut comment: Option<String>,
) -> Result<Vec<CatalogEvent>> {
    changes
        .into_iter()
        .map(|(field, old, new)| {
            insert_event(conn, stamp, T::ENTITY, id, field, old, new, comment.take())
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
pub(super) fn insert_event(
    conn: &Conn,
    stamp: &Stamp,
    entity: Entity,
    entity_id: i64,
    field: &str,
    old: Option<String>,
    new: Option<String>,
    comment: Option<String>,
) -> Result<CatalogEvent> {
    // Inside an undo, every event written takes back the one being undone.
    let undoes = super::catalog_undo::undoing();
    let actor = conn.actor(&stamp.actor)?;
    check_actor(&actor)?;
    let id = conn.insert(
        "INSERT INTO catalog_events (at, actor, entity, entity_id, field, old, new, comment, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            rows::instant(stamp.at),
            actor,
            entity.as_str(),
            entity_id,
            field,
            old,
            new,
            comment,
            undoes
        ],
    )?;
    super::chain::extend(conn, super::chain::Log::Catalog)?;
    Ok(CatalogEvent {
        id,
        at: stamp.at,
        actor,
        entity,
        entity_id,
        field: field.to_string(),
        old,
        new,
        comment,
        undoes,
    })
}

/// After an upgrade: a `created` event for every goal, årshjul entry and
/// reporting period that
/// the catalog log does not know yet (a file from before the log began), so
/// that the log replays to the tables from then on. Does nothing on a file
/// whose log is complete, so it does not depend on which migration ran.
pub(super) fn log_unlogged(conn: &Conn) -> Result<()> {
    let stamp = Stamp::now("styr");
    let comment = || Some("logget fra dataene slik de var da loggen ble innført".to_string());
    let logged = |entity: Entity, id: i64| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM catalog_events WHERE entity = ?1 AND entity_id = ?2)",
            params![entity.as_str(), id],
            |r| r.get(0),
        )?)
    };
    for goal in read_goals(conn)? {
        if !logged(Entity::Goal, goal.id)? {
            insert_created(conn, &stamp, &goal, comment())?;
        }
    }
    for entry in read_wheel(conn, None)? {
        if !logged(Entity::Wheel, entry.id)? {
            insert_created(conn, &stamp, &entry, comment())?;
        }
    }
    for period in super::period_log::read_stored(conn, None)? {
        if !logged(Entity::Period, period.id)? {
            insert_created(conn, &stamp, &period, comment())?;
        }
    }
    Ok(())
}
