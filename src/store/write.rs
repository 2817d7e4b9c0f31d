//! Writes. Every change to an assignment is one transaction holding the new
//! state and its event; an edit based on a stale version is refused.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::db::{params, params_from_iter, Conn};
use rusqlite::OptionalExtension;

use super::lookup::{check_goal_in_use, check_sector};
use super::rows::{self, ASSIGNMENT_COLUMNS, EVENT_COLUMNS};
use super::{During, Municipality, Result, Stamp, Store, StoreError};
use crate::domain::assignment::{check_parent, check_settable};
use crate::domain::date::{check_plan_year, iso};
use crate::domain::event::{check_actor, created_value};
use crate::domain::text::{check_length, check_lengths, clean_comment};
use crate::domain::{goal, sector, Assignment, DomainError, Event, Field, GoalKind, Sector};

/// What a change wrote: the assignment as it now is and the events appended.
#[derive(Debug, Clone)]
pub struct Changed {
    pub assignment: Assignment,
    pub events: Vec<Event>,
    /// For an undo: the actor's newer changes it passed over because they
    /// cannot be undone, newest first. Empty for every other change.
    pub skipped: Vec<Skipped>,
}

impl Store {
    /// Writes the municipality, its plan year and its sectors into a new database.
    pub fn initialize(&mut self, municipality: &Municipality, sectors: &[Sector]) -> Result<()> {
        self.writable()?;
        if municipality.name.trim().is_empty() {
            return Err(DomainError::NoMunicipalityName.into());
        }
        let checked = sector::check_new(sectors)?;
        let tx = self.begin_write()?;
        let put = |key: &str, value: String| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
        };
        put("municipality", municipality.name.trim().to_string())?;
        put("year", municipality.year.to_string())?;
        if let Some(today) = municipality.suggested_today {
            put("suggested_today", iso(today))?;
        }
        for (position, (code, name)) in checked.iter().enumerate() {
            tx.execute(
                "INSERT INTO sectors (code, name, position) VALUES (?1, ?2, ?3)",
                params![code, name, position as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Makes `year` the plan year shown by default.
    pub fn set_plan_year(&mut self, year: i32) -> Result<()> {
        self.writable()?;
        check_plan_year(year)?;
        self.conn.execute(
            "UPDATE settings SET value = ?1 WHERE key = 'year'",
            [year.to_string()],
        )?;
        Ok(())
    }

    /// Adds a goal under `parent` (a focus area when `None`), logged as
    /// made by `styr` now; returns its id. See [`Store::create_goal`].
    pub fn add_goal(
        &mut self,
        parent: Option<i64>,
        code: &str,
        title: &str,
        sectors: &[String],
    ) -> Result<i64> {
        let stamp = Stamp::now("styr");
        Ok(self
            .create_goal(parent, code, title, sectors, None, &stamp)?
            .item
            .id)
    }

    /// Turns per-commit fsync off for a bulk load into a fresh file, or back on.
    /// Turning it back on checkpoints, so everything loaded is on disk.
    pub fn set_durable(&mut self, durable: bool) -> Result<()> {
        self.writable()?;
        let mode = if durable { "FULL" } else { "OFF" };
        // A server decides for itself how it makes a commit durable.
        let Some(file) = self.conn.as_file() else {
            return Ok(());
        };
        file.pragma_update(None, "synchronous", mode)?;
        if durable {
            file.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// Creates an assignment (or a task, with a parent) and its `created` event.
    /// The draft's id and version are ignored.
    pub fn create_assignment(
        &mut self,
        draft: &Assignment,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Changed> {
        self.write(|tx| insert_assignment(tx, draft, None, comment, stamp))
    }

    /// Changes fields of an assignment, one event per field that really changes.
    /// With `expected_version`, refuses if anyone changed it since that version.
    /// The comment goes with the first event, or alone as a comment event.
    pub fn change(
        &mut self,
        id: i64,
        expected_version: Option<i64>,
        edits: &[(Field, Option<String>)],
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<Changed> {
        self.writable()?;
        let tx = self.begin_write()?;
        let current = read_current(&tx, id, expected_version)?;
        let changed = apply_changes(&tx, current, edits, clean_comment(comment), stamp, None)?;
        tx.commit()?;
        Ok(changed)
    }

    /// Undoes the actor's newest assignment change that can be undone (the
    /// assignment log's part of [`Store::undo`]), by appending a
    /// compensating event. Newer changes of the actor that cannot be undone
    /// (a creation, a field someone has changed since, a change that later
    /// changes have made moot) are passed over and listed in
    /// [`Changed::skipped`]. Refused when no change of the actor's can be undone.
    pub fn undo_last(&mut self, comment: Option<&str>, stamp: &Stamp) -> Result<Changed> {
        self.writable()?;
        let stamp = &self.acting(stamp)?;
        let tx = self.begin_write()?;
        let search = find_undo(&tx, &stamp.actor)?;
        let Some((last, _)) = search.candidate else {
            return Err(nothing_to_undo(&stamp.actor, &search.skipped));
        };
        let group = undo_group(&tx, &last)?;
        let mut comment = clean_comment(comment);
        let mut events = Vec::new();
        // Newest first: the reverse of the order the change wrote them.
        for event in &group {
            // An earlier undo in this group may have put this field back already.
            if event.id != last.id && !can_undo(&tx, event)? {
                continue;
            }
            let field = event.field()?;
            let current = read_assignment(&tx, event.assignment_id)?;
            let changed = apply_changes(
                &tx,
                current,
                &[(field, event.old.clone())],
                comment.take(),
                stamp,
                Some(event.id),
            )?;
            // `undo_group` only offers changes whose undo writes something;
            // this guards that promise, since a silent no-op would look like success.
            if changed
                .events
                .iter()
                .all(|e| e.field == Field::Comment.as_str())
            {
                return Err(StoreError::UndoWouldStay {
                    field,
                    assignment: event.assignment_id,
                });
            }
            events.extend(changed.events);
        }
        // As it stands after every part of the change is taken back.
        let assignment = read_assignment(&tx, last.assignment_id)?;
        tx.commit()?;
        Ok(Changed {
            assignment,
            events,
            skipped: search.skipped,
        })
    }

    /// The change [`Store::undo_last`] would undo for `actor` now, if any;
    /// reads only. For showing what will be undone before it is.
    pub fn undo_candidate(&self, actor: &str) -> Result<Option<Event>> {
        let actor = self.conn.actor(actor)?;
        let actor = actor.as_str();
        self.read(|store| {
            Ok(match find_undo(&store.conn, actor)?.candidate {
                Some((last, _)) => undo_group(&store.conn, &last)?.into_iter().next(),
                None => None,
            })
        })
    }
}

/// What an undo would do now ([`Store::undo_plan`]).
#[derive(Debug, Clone, Default)]
pub struct UndoPlan {
    /// The assignment events it takes back, newest first: one change,
    /// which may span several fields and assignments (a batch).
    pub undo: Vec<Event>,
    /// Or the catalog events it takes back, oldest first: one change.
    /// Both empty: nothing to undo.
    pub catalog: Vec<crate::domain::CatalogEvent>,
    /// The newer changes of both logs it passes over, newest first.
    pub passed: Vec<super::catalog_undo::Passed>,
}

/// The events of the change `last` belongs to that can still be undone,
/// newest first. One change is what one transaction wrote: the actor's
/// events with the same instant, next to each other in the log (a write
/// holds the log's lock, so no one else's event comes between them).
pub(super) fn undo_group(conn: &Conn, last: &Event) -> Result<Vec<Event>> {
    let sql =
        format!("SELECT {EVENT_COLUMNS} FROM events WHERE at = ?1 AND id <= ?2 ORDER BY id DESC");
    let mut stmt = conn.prepare_cached(&sql)?;
    let same_instant: Vec<Event> = stmt
        .query_map(params![rows::instant(last.at), last.id], rows::event)?
        .collect::<rusqlite::Result<_>>()?;
    let mut group = Vec::new();
    let mut expected = last.id;
    for event in same_instant {
        if event.id != expected || event.actor != last.actor || event.undoes.is_some() {
            break;
        }
        expected -= 1;
        if event.id == last.id || can_undo(conn, &event)? {
            group.push(event);
        }
    }
    Ok(group)
}

/// Whether undoing one event would write something now: a field change not
/// undone yet, its field still holding the value it wrote, the old value
/// allowed and different.
fn can_undo(conn: &Conn, event: &Event) -> Result<bool> {
    let field = match event.field() {
        Ok(field) if field.holds_value() => field,
        _ => return Ok(false),
    };
    let undone: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM events WHERE undoes = ?1)")?
        .query_row([event.id], |r| r.get(0))?;
    if undone {
        return Ok(false);
    }
    let current = read_assignment(conn, event.assignment_id)?;
    if current.field_value(field) != event.new {
        return Ok(false);
    }
    match plan_changes(conn, &current, &[(field, event.old.clone())]) {
        Ok((_, changes)) => Ok(!changes.is_empty()),
        Err(
            e @ (StoreError::Sql(_)
            | StoreError::Busy(_)
            | StoreError::Damaged(_)
            | StoreError::DiskFull),
        ) => Err(e),
        Err(_) => Ok(false),
    }
}

/// Inserts an assignment and its `created` event inside an open transaction,
/// with the given id or the next free one.
pub(super) fn insert_assignment(
    conn: &Conn,
    draft: &Assignment,
    id: Option<i64>,
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<Changed> {
    let assignment = insert_assignment_row(conn, draft, id, comment)?;
    let event = insert_event(
        conn,
        stamp,
        assignment.id,
        Field::Created,
        None,
        Some(created_value(&assignment)),
        clean_comment(comment),
        None,
        None,
    )?;
    Ok(Changed {
        assignment,
        events: vec![event],
        skipped: Vec::new(),
    })
}

/// Checks a new assignment and inserts its row, not yet its `created`
/// event (which must follow in the same transaction, with `comment`); returns
/// it as stored.
pub(super) fn insert_assignment_row(
    conn: &Conn,
    draft: &Assignment,
    id: Option<i64>,
    comment: Option<&str>,
) -> Result<Assignment> {
    let mut assignment = draft.clone();
    assignment.id = id.unwrap_or(0);
    assignment.title = assignment.title.trim().to_string();
    assignment.validate()?;
    check_lengths(&assignment).map_err(DomainError::from)?;
    if let Some(comment) = comment {
        check_length(Field::Comment, comment).map_err(DomainError::from)?;
    }
    check_references(conn, &mut assignment)?;
    if let Some(goal) = assignment.goal_id {
        check_goal_in_use(conn, goal)?;
    }
    if let Some(parent) = assignment.parent_id {
        assignment.year = conn.query_row(
            "SELECT year FROM assignments WHERE id = ?1",
            [parent],
            |r| r.get(0),
        )?;
    }
    assignment.version = 1;
    // A server numbers the row as a file does: one past the largest id
    // (writers hold the write lock), not from its identity sequence, which
    // rows given their id by an import would leave behind.
    let id = match (id, conn.as_server()) {
        (None, Some(_)) => Some(conn.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM assignments",
            [],
            |r| r.get(0),
        )?),
        (id, _) => id,
    };
    static INSERT: OnceLock<String> = OnceLock::new();
    assignment.id = conn.insert(
        INSERT.get_or_init(rows::assignment_insert_sql),
        params_from_iter(rows::assignment_insert_values(id, &assignment)),
    )?;
    Ok(assignment)
}

/// A change of the actor's that undo passed over, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub event: Event,
    /// Why it cannot be undone.
    pub reason: SkipReason,
}

/// Why undo passes over a change.
#[derive(Debug, Clone)]
pub enum SkipReason {
    /// A report (for the period, if the event names one) stays on record.
    Report {
        assignment: i64,
        period: Option<String>,
    },
    /// A creation cannot be unmade.
    Created { assignment: i64 },
    /// The event's field is one this build does not know.
    UnknownField(DomainError),
    /// The field was changed since, by these later changes.
    ChangedSince {
        field: Field,
        assignment: i64,
        later: Vec<Event>,
    },
    /// Later changes have made the change moot.
    WouldStay { field: Field, assignment: i64 },
    /// The old value is refused now (a retired goal, an unknown sector, …).
    CannotGoBack {
        field: Field,
        assignment: i64,
        error: std::sync::Arc<StoreError>,
    },
}

/// What an undo would do: the change to undo, and the newer ones passed over.
pub(super) struct UndoSearch {
    pub(super) candidate: Option<(Event, Assignment)>,
    /// Newest first.
    pub(super) skipped: Vec<Skipped>,
}

/// The one rule for what undo takes: the actor's newest change (not a
/// comment, not itself an undo, not yet undone) that can be undone, i.e. not
/// a creation, its field still holding the value the change wrote, and
/// restoring the old value changing something. Reads only.
pub(super) fn find_undo(conn: &Conn, actor: &str) -> Result<UndoSearch> {
    let undone: HashSet<i64> = {
        let mut stmt = conn.prepare_cached("SELECT undoes FROM events WHERE undoes IS NOT NULL")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids
    };
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events
         WHERE actor = ?1 AND field NOT IN ('comment', 'approval') AND undoes IS NULL
         ORDER BY id DESC"
    );
    let actor = conn.actor(actor)?;
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([actor])?;
    let mut skipped = Vec::new();
    let mut current: HashMap<i64, Assignment> = HashMap::new();
    while let Some(row) = rows.next()? {
        let event = rows::event(&row)?;
        if undone.contains(&event.id) {
            continue;
        }
        let skip = |reason: SkipReason| Skipped {
            event: event.clone(),
            reason,
        };
        let field = match event.field() {
            Ok(Field::Report) => {
                skipped.push(skip(SkipReason::Report {
                    assignment: event.assignment_id,
                    period: event.period.clone(),
                }));
                continue;
            }
            Ok(Field::Created) => {
                skipped.push(skip(SkipReason::Created {
                    assignment: event.assignment_id,
                }));
                continue;
            }
            Ok(field) => field,
            Err(e) => {
                skipped.push(skip(SkipReason::UnknownField(e)));
                continue;
            }
        };
        let assignment = match current.get(&event.assignment_id) {
            Some(a) => a.clone(),
            None => {
                let a = read_assignment(conn, event.assignment_id)?;
                current.insert(a.id, a.clone());
                a
            }
        };
        if assignment.field_value(field) != event.new {
            let later: Vec<Event> = changes_since_event(conn, event.assignment_id, event.id)?
                .into_iter()
                .filter(|e| e.field == event.field)
                .collect();
            skipped.push(skip(SkipReason::ChangedSince {
                field,
                assignment: event.assignment_id,
                later,
            }));
            continue;
        }
        match plan_changes(conn, &assignment, &[(field, event.old.clone())]) {
            Ok((_, changes)) if changes.is_empty() => {
                skipped.push(skip(SkipReason::WouldStay {
                    field,
                    assignment: event.assignment_id,
                }));
            }
            Ok(_) => {
                return Ok(UndoSearch {
                    candidate: Some((event, assignment)),
                    skipped,
                })
            }
            Err(
                e @ (StoreError::Sql(_)
                | StoreError::Busy(_)
                | StoreError::Damaged(_)
                | StoreError::DiskFull),
            ) => return Err(e),
            Err(e) => skipped.push(skip(SkipReason::CannotGoBack {
                field,
                assignment: event.assignment_id,
                error: std::sync::Arc::new(e),
            })),
        }
    }
    Ok(UndoSearch {
        candidate: None,
        skipped,
    })
}

/// The refusal when no change of the actor's can be undone.
fn nothing_to_undo(actor: &str, skipped: &[Skipped]) -> StoreError {
    match skipped {
        [] => StoreError::NothingToUndo {
            actor: actor.to_string(),
        },
        [newest, rest @ ..] => StoreError::CannotUndo {
            actor: actor.to_string(),
            newest: newest.reason.clone(),
            older: rest.len(),
        },
    }
}

/// The assignment as it is, refused as stale if it is no longer at
/// `expected_version` (naming the changes since).
pub(super) fn read_current(
    conn: &Conn,
    id: i64,
    expected_version: Option<i64>,
) -> Result<Assignment> {
    let current = read_assignment(conn, id)?;
    if let Some(expected) = expected_version.filter(|v| *v != current.version) {
        let changes = changes_since(conn, id, expected)?;
        return Err(StoreError::Stale { id, changes });
    }
    Ok(current)
}

pub(super) fn read_assignment(conn: &Conn, id: i64) -> Result<Assignment> {
    let sql = format!("SELECT {ASSIGNMENT_COLUMNS} FROM assignments WHERE id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], rows::assignment)
        .optional()?
        .ok_or(StoreError::UnknownAssignment(id))
}

/// One field's change: field, old value, new value.
type FieldChange = (Field, Option<String>, Option<String>);

/// The assignment after the edits, and every field that differs from
/// `current` in the end (field, old, new), in the order they are logged.
/// Reads only.
fn plan_changes(
    conn: &Conn,
    current: &Assignment,
    edits: &[(Field, Option<String>)],
) -> Result<(Assignment, Vec<FieldChange>)> {
    let mut next = current.clone();
    let mut edited: Vec<Field> = Vec::new();
    for (field, value) in edits {
        check_settable(*field)?;
        check_length(*field, value.as_deref().unwrap_or_default()).map_err(DomainError::from)?;
        next.set_field(*field, value.as_deref())?;
        check_references(conn, &mut next)?;
        edited.retain(|f| f != field);
        edited.push(*field);
    }
    // A link to a retired goal may stay, but no new one is made.
    if let Some(goal) = next.goal_id.filter(|_| next.goal_id != current.goal_id) {
        check_goal_in_use(conn, goal)?;
    }
    // Log every field that differs in the end, not only the edited ones: a new
    // lead sector drops out of the contributing sectors, and the log must
    // replay to the table. Such knock-on changes come first, so that undo
    // takes back the edited field before them.
    let knock_on = Field::ALL
        .into_iter()
        .filter(|f| f.holds_value() && !edited.contains(f));
    let changes = knock_on
        .chain(edited.iter().copied())
        .map(|f| (f, current.field_value(f), next.field_value(f)))
        .filter(|(_, old, new)| old != new)
        .collect();
    Ok((next, changes))
}

/// Applies edits to `current` inside an open transaction.
pub(super) fn apply_changes(
    conn: &Conn,
    current: Assignment,
    edits: &[(Field, Option<String>)],
    comment: Option<String>,
    stamp: &Stamp,
    undoes: Option<i64>,
) -> Result<Changed> {
    let (mut next, changes) = plan_changes(conn, &current, edits)?;
    if let Some(comment) = &comment {
        check_length(Field::Comment, comment).map_err(DomainError::from)?;
    }
    let mut events = Vec::new();
    let mut comment = comment;
    if !changes.is_empty() {
        next.version = current.version + changes.len() as i64;
        static UPDATE: OnceLock<String> = OnceLock::new();
        let sql = UPDATE.get_or_init(|| {
            let columns = rows::ASSIGNMENT_STORED.len();
            let set: Vec<String> = rows::ASSIGNMENT_STORED
                .iter()
                .enumerate()
                .map(|(n, column)| format!("{column} = ?{}", n + 1))
                .collect();
            format!(
                "UPDATE assignments SET {} WHERE id = ?{} AND version = ?{}",
                set.join(", "),
                columns + 1,
                columns + 2
            )
        });
        let mut values = rows::assignment_values(&next);
        values.extend([next.id.into(), current.version.into()]);
        let updated = conn
            .prepare_cached(sql)?
            .execute(params_from_iter(values))?;
        if updated != 1 {
            return Err(StoreError::ChangedDuring {
                id: next.id,
                during: During::Edit,
            });
        }
        for (field, old, new) in changes {
            events.push(insert_event(
                conn,
                stamp,
                next.id,
                field,
                old,
                new,
                comment.take(),
                undoes,
                None,
            )?);
        }
    } else if let Some(text) = comment {
        events.push(insert_event(
            conn,
            stamp,
            next.id,
            Field::Comment,
            None,
            None,
            Some(text),
            undoes,
            None,
        )?);
    }
    Ok(Changed {
        assignment: next,
        events,
        skipped: Vec::new(),
    })
}

#[allow(clippy::too_many_arguments)]
pub(super) fn insert_event(
    conn: &Conn,
    stamp: &Stamp,
    assignment_id: i64,
    field: Field,
    old: Option<String>,
    new: Option<String>,
    comment: Option<String>,
    undoes: Option<i64>,
    period: Option<String>,
) -> Result<Event> {
    let actor = conn.actor(&stamp.actor)?;
    check_actor(&actor)?;
    let id = conn.insert(
        "INSERT INTO events (at, actor, assignment_id, field, old, new, comment, undoes, period)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            rows::instant(stamp.at),
            actor,
            assignment_id,
            field.as_str(),
            old,
            new,
            comment,
            undoes,
            period
        ],
    )?;
    super::chain::extend(conn, super::chain::Log::Events)?;
    Ok(Event {
        id,
        at: stamp.at,
        actor,
        assignment_id,
        field: field.as_str().to_string(),
        old,
        new,
        comment,
        undoes,
        period,
    })
}

/// Checks sector codes, goal and parent against the database, normalising codes.
fn check_references(conn: &Conn, assignment: &mut Assignment) -> Result<()> {
    assignment.lead_sector = check_sector(conn, &assignment.lead_sector)?;
    let mut contributing = Vec::new();
    for code in &assignment.sectors {
        let code = check_sector(conn, code)?;
        if code != assignment.lead_sector && !contributing.contains(&code) {
            contributing.push(code);
        }
    }
    assignment.sectors = contributing;
    if let Some(goal) = assignment.goal_id {
        let kind: Option<String> = conn
            .prepare_cached("SELECT kind FROM goals WHERE id = ?1")?
            .query_row([goal], |r| r.get(0))
            .optional()?;
        let kind = kind
            .as_deref()
            .and_then(GoalKind::parse)
            .ok_or(StoreError::UnknownGoal(goal))?;
        goal::check_link_level(goal, kind)?;
    }
    if let Some(parent) = assignment.parent_id {
        if parent == assignment.id {
            check_parent(assignment.id, parent, false, false)?;
        }
        let grandparent: Option<Option<i64>> = conn
            .prepare_cached("SELECT parent_id FROM assignments WHERE id = ?1")?
            .query_row([parent], |r| r.get(0))
            .optional()?;
        let grandparent = grandparent.ok_or(StoreError::UnknownAssignment(parent))?;
        let has_tasks: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM assignments WHERE parent_id = ?1)")?
            .query_row([assignment.id], |r| r.get(0))?;
        check_parent(assignment.id, parent, grandparent.is_some(), has_tasks)?;
    }
    Ok(())
}

/// The state-changing events after the given version, for a stale-edit message.
fn changes_since(conn: &Conn, id: i64, version: i64) -> Result<Vec<Event>> {
    let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE assignment_id = ?1 AND field <> 'comment' ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let events: Vec<Event> = stmt
        .query_map([id], rows::event)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(events.into_iter().skip(version.max(0) as usize).collect())
}

fn changes_since_event(conn: &Conn, id: i64, after: i64) -> Result<Vec<Event>> {
    let sql = format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE assignment_id = ?1 AND id > ?2 ORDER BY id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let events = stmt
        .query_map([id, after], rows::event)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(events)
}
