//! A second look at the same database as it stood at a past instant, for a
//! reader that keeps its own connection open (the terminal UI), and what
//! changed between two such looks. The replay itself is [`Store::as_of`].

use std::path::Path;

use chrono::{DateTime, Utc};

use super::db::FileOnly;
use super::{Result, Store};
use crate::domain::diff::{diff, Diff, Scope, State};

impl Store {
    /// Another connection to this database, reading it as it stood at
    /// `until` ([`Store::as_of`]); this store is left as it is. A file is
    /// opened again, only to read; a database in memory (the tests') is
    /// copied first.
    pub fn past_at(&self, until: DateTime<Utc>) -> Result<Store> {
        self.another_reader()?.as_of(until)
    }

    /// Another connection to this database, only to read: the file opened
    /// again, or a database in memory (the tests') copied. It can be sent
    /// to another thread, there to be made a store in the past.
    pub fn another_reader(&self) -> Result<Store> {
        if let Some(server) = self.conn.as_server() {
            let mut store = Store::open_server(server.target())?;
            store.read_only = true;
            return Ok(store);
        }
        let file = self.conn.file(FileOnly::AnotherReader)?;
        Ok(match file.path().filter(|p| !p.is_empty()) {
            Some(path) => Store::open_to_read(Path::new(path))?,
            None => {
                let mut copy = Store::in_memory()?;
                {
                    let backup =
                        rusqlite::backup::Backup::new(file, copy.conn.file_mut(FileOnly::Copy)?)?;
                    backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
                }
                copy
            }
        })
    }

    /// The newest id of each log (events, then catalog events) in the
    /// file itself, whatever instant this store reads as of: the logs are
    /// append-only, so a change to either shows here as a larger id.
    pub fn log_ends(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM main.events),
                    (SELECT COALESCE(MAX(id), 0) FROM main.catalog_events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// What changed from `before` (a store as of `from`) to this store
    /// (as of a later instant, or now), for `scope`: the states of both
    /// and [`crate::domain::diff::diff`] over the events logged after
    /// `from`. `styr diff` and the terminal UI both tell this.
    pub fn changes_since(
        &self,
        before: &Store,
        from: DateTime<Utc>,
        scope: Scope,
    ) -> Result<(Diff, State, State)> {
        let earlier = before.state()?;
        let (later, events, catalog) = self.read(|store| {
            let after = from + chrono::Duration::seconds(1);
            Ok((
                store.state()?,
                store.events(None, Some(after))?,
                store.catalog_events(None, None, Some(after))?,
            ))
        })?;
        let changes = diff(&earlier, &later, &events, &catalog, scope);
        Ok((changes, earlier, later))
    }
}
