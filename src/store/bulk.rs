//! Bulk writes for an import: new goals, new assignments and changes to
//! existing ones, all in one transaction, each assignment change with its
//! events as everywhere else.

use rusqlite::OptionalExtension;

use super::db::Conn;

use super::append::Appender;
use super::catalog::insert_goal;
use super::write::{apply_changes, insert_assignment_row, read_assignment};
use super::{Result, Stamp, Store, StoreError};
use crate::domain::event::created_value;
use crate::domain::text::clean_comment;
use crate::domain::{Assignment, Field};

/// A goal an imported row refers to: one already stored, or one of the
/// plan's new goals (by index in [`ImportPlan::goals`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GoalRef {
    Existing(i64),
    New(usize),
}

/// A goal to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGoal {
    /// `None` for a satsingsområde; a [`GoalRef::New`] must come earlier in the plan.
    pub parent: Option<GoalRef>,
    pub code: String,
    pub title: String,
    pub sectors: Vec<String>,
}

/// An assignment to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssignment {
    /// The id to give it (from the file's id column), else the next free one.
    pub id: Option<i64>,
    /// Its first state; `goal_id` is replaced by `goal` when that is set.
    pub draft: Assignment,
    pub goal: Option<GoalRef>,
    /// A comment from the file, logged as a comment after the creation.
    pub comment: Option<String>,
}

/// Changes to an assignment that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub id: i64,
    /// The version the changes were planned against; a newer one is refused.
    pub version: i64,
    pub edits: Vec<(Field, Option<String>)>,
    /// A new comment from the file.
    pub comment: Option<String>,
}

/// Everything one import writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub goals: Vec<NewGoal>,
    /// Parents before their tasks.
    pub creates: Vec<NewAssignment>,
    pub updates: Vec<Update>,
    /// Names the import ("import: budsjett.csv"); the comment of every
    /// `created` event and of every change it makes.
    pub note: String,
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub goals: Vec<i64>,
    pub created: Vec<i64>,
    /// Existing assignments changed.
    pub updated: usize,
    pub events: usize,
}

/// SQLite's page cache during an import, in KiB. The import is one long
/// transaction; with the default 2 MB the pages it changes spill into the
/// WAL before the commit, and the pages of the indexes it extends are
/// written there again and again (see BENCHMARKS.md, "Import of a large
/// CSV").
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

impl Store {
    /// Makes an import plan from what the database holds and writes it, in
    /// one IMMEDIATE transaction, so that no other writer comes between what
    /// the plan was made from and what it writes (two imports of one file at
    /// once cannot both create its rows). `plan` returning `None` writes nothing.
    pub fn import_with<E: From<StoreError>>(
        &mut self,
        stamp: &Stamp,
        plan: impl FnOnce(&Store) -> std::result::Result<Option<ImportPlan>, E>,
    ) -> std::result::Result<Option<Imported>, E> {
        self.writable()?;
        let Some(file) = self.conn.as_file() else {
            return self.import_in_one(stamp, plan);
        };
        let cache: i64 = file
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .map_err(StoreError::from)?;
        file.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)
            .map_err(StoreError::from)?;
        let imported = self.import_in_one(stamp, plan);
        // Only the size of memory it may use; a failure changes nothing else.
        if let Some(file) = self.conn.as_file() {
            let _ = file.pragma_update(None, "cache_size", cache);
        }
        imported
    }

    fn import_in_one<E: From<StoreError>>(
        &mut self,
        stamp: &Stamp,
        plan: impl FnOnce(&Store) -> std::result::Result<Option<ImportPlan>, E>,
    ) -> std::result::Result<Option<Imported>, E> {
        let tx = self.conn.write_transaction().map_err(StoreError::from)?;
        // Reads in `plan` run inside this transaction (see `Store::read`).
        let Some(plan) = plan(self)? else {
            return Ok(None);
        };
        let imported = write_plan(&tx, plan, stamp)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(Some(imported))
    }
}

/// The indexes of `assignments` an import builds anew, rather than
/// inserting each new row into them, when it at least doubles the table:
/// their keys (a deadline, a sector and every column) come in no order, so
/// that each insert lands on another page, while `CREATE INDEX` sorts once
/// and fills its pages in order. The others grow at their ends (by id, or
/// on a key most rows share), and the parent index is read by the checks
/// of a task.
const REBUILT: [&str; 3] = [
    "assignments_due",
    "assignments_by_sector",
    "assignments_open_by_due",
];

/// Fewest new assignments for which [`REBUILT`] are built anew.
pub const REBUILD_FROM: usize = 1_000;

/// Drops the indexes in [`REBUILT`] when `creates` new assignments are at
/// least [`REBUILD_FROM`] and at least as many as the table holds; returns
/// each dropped index's name and the SQL that made it, to run again, word
/// for word, in the same transaction once the rows are in. A failure in
/// between rolls the transaction back, the indexes with it.
fn set_indexes_aside(tx: &Conn, creates: usize) -> Result<Vec<(String, String)>> {
    // A server keeps its indexes up as rows come (its planner needs no help).
    if creates < REBUILD_FROM || tx.as_server().is_some() {
        return Ok(Vec::new());
    }
    let held: i64 = tx.query_row("SELECT count(*) FROM assignments", [], |r| r.get(0))?;
    if creates < usize::try_from(held).unwrap_or(usize::MAX) {
        return Ok(Vec::new());
    }
    let mut aside = Vec::new();
    for name in REBUILT {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1
                 AND tbl_name = 'assignments'",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            aside.push((name.to_string(), sql));
        }
    }
    Ok(aside)
}

/// Writes a plan inside an open transaction. Each new assignment is
/// dropped once written, so that the memory of the plan serves the page
/// cache and the index builds that follow.
fn write_plan(tx: &Conn, plan: ImportPlan, stamp: &Stamp) -> Result<Imported> {
    let mut imported = Imported::default();
    let resolve = |imported: &Imported, goal: GoalRef| -> Result<i64> {
        match goal {
            GoalRef::Existing(id) => Ok(id),
            GoalRef::New(index) => imported
                .goals
                .get(index)
                .copied()
                .ok_or_else(|| StoreError::GoalUsedBeforeMade(index)),
        }
    };
    for goal in &plan.goals {
        let parent = goal.parent.map(|p| resolve(&imported, p)).transpose()?;
        let note = Some(plan.note.as_str()).filter(|n| !n.trim().is_empty());
        let made = insert_goal(
            tx,
            parent,
            &goal.code,
            &goal.title,
            &goal.sectors,
            note,
            stamp,
        )?;
        imported.goals.push(made.item.id);
    }
    let note = Some(plan.note.as_str()).filter(|n| !n.trim().is_empty());
    let set_aside = set_indexes_aside(tx, plan.creates.len())?;
    // The creations' events, linked as they are appended and inserted
    // many to a statement (see `append`): the same rows and hashes as
    // one `insert_event` each.
    let mut events = Appender::start(tx, stamp)?;
    for create in plan.creates {
        let mut draft = create.draft;
        if let Some(goal) = create.goal {
            draft.goal_id = Some(resolve(&imported, goal)?);
        }
        let assignment = insert_assignment_row(tx, &draft, create.id, note)?;
        let id = assignment.id;
        events.push(
            tx,
            id,
            Field::Created,
            None,
            Some(created_value(&assignment)),
            clean_comment(note),
        )?;
        imported.events += 1;
        if let Some(comment) = create.comment.as_deref().filter(|c| !c.trim().is_empty()) {
            events.push(
                tx,
                id,
                Field::Comment,
                None,
                None,
                Some(comment.trim().to_string()),
            )?;
            imported.events += 1;
        }
        imported.created.push(id);
    }
    // The updates below append one event at a time, after these.
    events.finish(tx)?;
    for (_, sql) in &set_aside {
        tx.execute_batch(sql)?;
    }
    for update in &plan.updates {
        let current = read_assignment(tx, update.id)?;
        if current.version != update.version {
            return Err(StoreError::ChangedDuring {
                id: update.id,
                during: super::During::Import,
            });
        }
        let comment = match update.comment.as_deref() {
            Some(c) => format!("{}: {c}", plan.note),
            None => plan.note.clone(),
        };
        let changed = apply_changes(tx, current, &update.edits, Some(comment), stamp, None)?;
        imported.events += changed.events.len();
        imported.updated += 1;
    }
    Ok(imported)
}
