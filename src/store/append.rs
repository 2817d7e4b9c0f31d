//! Events appended many at a time, for an import.
//!
//! One append ([`super::write::insert_event`]) inserts its event, reads the
//! chain's newest hash, reads the event back, hashes it and inserts the
//! hash: four statements, each with its own statement journal (the log's
//! append-only triggers make SQLite keep one). An import of 200,000 rows
//! appends 400,000 events in one transaction, and those statements were a
//! third of its time (BENCHMARKS.md, "Import of a large CSV").
//!
//! [`Appender`] gives the same rows and the same hashes: it takes the id
//! SQLite would give (`AUTOINCREMENT`: one past the larger of the log's
//! highest id and its `sqlite_sequence` entry), hashes each event from the
//! very cells it binds (their SQL types are those SQLite stores: integers
//! into the INTEGER columns, UTF-8 text into the TEXT ones), keeps the
//! chain's head in memory across the appends, and inserts the events and
//! their hashes [`CHUNK`] rows to a statement. It lives inside one
//! transaction and is dropped with it; its head is never used after a
//! rollback, since a failed import rolls back its whole transaction.
//! `doctor` and `log --verify` recompute every hash from the rows read
//! back, so a difference would be named there; the tests check that they
//! agree with the event-by-event chain.

use super::db::Conn;
use super::db::FileOnly;

use super::chain::{self, Cell, Hash, Log};
use super::{rows, Result, Stamp, StoreError};
use crate::domain::event::check_actor;
use crate::domain::Field;

/// Events per `INSERT`: 1,280 parameters, well under SQLite's limit of
/// 32,766, and few enough that the rows held in memory do not matter.
const CHUNK: usize = 128;

/// One event not yet inserted, with its hash.
struct Pending {
    id: i64,
    assignment_id: i64,
    field: Field,
    old: Option<String>,
    new: Option<String>,
    comment: Option<String>,
    hash: Hash,
}

/// Appends events to `events` and links them into its chain, inside the
/// caller's transaction. [`Appender::finish`] must be called before anything
/// else reads or appends events in that transaction.
pub(super) struct Appender {
    /// On a server: who appends, each event going through the normal
    /// insert (the server gives ids and links the chain itself).
    server: Option<Stamp>,
    /// The stamp's instant as stored.
    at: String,
    actor: String,
    next_id: i64,
    head: Hash,
    pending: Vec<Pending>,
}

impl Appender {
    /// Starts appending after the log's last event, every event of which is
    /// linked first (as every append does).
    pub(super) fn start(conn: &Conn, stamp: &Stamp) -> Result<Appender> {
        if conn.as_server().is_some() {
            return Ok(Appender {
                server: Some(stamp.clone()),
                at: String::new(),
                actor: String::new(),
                next_id: 0,
                head: [0; 32],
                pending: Vec::new(),
            });
        }
        check_actor(&stamp.actor)?;
        chain::extend(conn, Log::Events)?;
        let (_, head) = chain::last_linked(conn, Log::Events)?;
        let last: i64 = conn.query_row(
            "SELECT max(coalesce((SELECT max(id) FROM events), 0),
                        coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0))",
            [],
            |r| r.get(0),
        )?;
        // At the largest id, SQLite refuses the insert as full; so does this.
        let next_id = last.checked_add(1).ok_or_else(|| {
            StoreError::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
                None,
            ))
        })?;
        Ok(Appender {
            server: None,
            at: rows::instant(stamp.at),
            actor: stamp.actor.clone(),
            next_id,
            head,
            pending: Vec::with_capacity(CHUNK),
        })
    }

    /// Appends one event to an assignment's history; returns its id. It is
    /// in the table once [`Appender::finish`] has run (or, part of the time,
    /// sooner).
    pub(super) fn push(
        &mut self,
        conn: &Conn,
        assignment_id: i64,
        field: Field,
        old: Option<String>,
        new: Option<String>,
        comment: Option<String>,
    ) -> Result<i64> {
        if let Some(stamp) = &self.server {
            let event = super::write::insert_event(
                conn,
                stamp,
                assignment_id,
                field,
                old,
                new,
                comment,
                None,
                None,
            )?;
            return Ok(event.id);
        }
        let id = self.next_id;
        // The cells in the order of `Log::Events.columns()`: the row as
        // SQLite will hold it, `undoes` and `period` being NULL.
        let cells = [
            Cell::Integer(id),
            Cell::Text(&self.at),
            Cell::Text(&self.actor),
            Cell::Integer(assignment_id),
            Cell::Text(field.as_str()),
            text(&old),
            text(&new),
            text(&comment),
            Cell::Null,
            Cell::Null,
        ];
        debug_assert_eq!(cells.len(), Log::Events.columns().len());
        self.head = chain::link(Log::Events, &self.head, &cells);
        self.pending.push(Pending {
            id,
            assignment_id,
            field,
            old,
            new,
            comment,
            hash: self.head,
        });
        self.next_id += 1;
        if self.pending.len() == CHUNK {
            self.flush(conn)?;
        }
        Ok(id)
    }

    /// Inserts every event pushed and its hash.
    pub(super) fn finish(mut self, conn: &Conn) -> Result<()> {
        self.flush(conn)
    }

    fn flush(&mut self, conn: &Conn) -> Result<()> {
        let n = self.pending.len();
        if n == 0 {
            return Ok(());
        }
        // Hashed here, so only for a file (a server links its own chain).
        let conn = conn.file(FileOnly::BulkAppend)?;
        // The instant and the actor, the same in every row, are bound once.
        let mut events = conn.prepare_cached(&insert_sql(
            "INSERT INTO events (id, at, actor, assignment_id, field, old, new, comment) VALUES ",
            n,
            |k| {
                let p = 3 + 6 * k;
                format!(
                    "(?{p}, ?1, ?2, ?{}, ?{}, ?{}, ?{}, ?{})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5
                )
            },
        ))?;
        events.raw_bind_parameter(1, &self.at)?;
        events.raw_bind_parameter(2, &self.actor)?;
        let mut i = 2;
        let mut bind = |stmt: &mut rusqlite::CachedStatement<'_>,
                        value: &dyn rusqlite::ToSql|
         -> rusqlite::Result<()> {
            i += 1;
            stmt.raw_bind_parameter(i, value)
        };
        for event in &self.pending {
            bind(&mut events, &event.id)?;
            bind(&mut events, &event.assignment_id)?;
            bind(&mut events, &event.field.as_str())?;
            bind(&mut events, &event.old)?;
            bind(&mut events, &event.new)?;
            bind(&mut events, &event.comment)?;
        }
        events.raw_execute()?;
        let mut hashes = conn.prepare_cached(&insert_sql(
            "INSERT INTO event_hashes (log, event_id, hash) VALUES ",
            n,
            |k| format!("('events', ?{}, ?{})", 2 * k + 1, 2 * k + 2),
        ))?;
        let mut i = 0;
        for event in &self.pending {
            i += 1;
            hashes.raw_bind_parameter(i, event.id)?;
            i += 1;
            hashes.raw_bind_parameter(i, &event.hash[..])?;
        }
        hashes.raw_execute()?;
        self.pending.clear();
        Ok(())
    }
}

/// A text column's cell: NULL or the text.
fn text(value: &Option<String>) -> Cell<'_> {
    value.as_deref().map_or(Cell::Null, Cell::Text)
}

/// `{insert}{row(0)}, {row(1)}, …` with `n` rows, `insert` ending in `VALUES `.
fn insert_sql(insert: &str, n: usize, row: impl Fn(usize) -> String) -> String {
    let rows: Vec<String> = (0..n).map(row).collect();
    format!("{insert}{}", rows.join(", "))
}
