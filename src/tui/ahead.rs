//! The moments next to the past being shown (the stops before and after
//! it), replayed ahead on threads of their own while the user looks at the
//! screen, so that stepping to one reads what is ready instead of
//! replaying the logs then. Replaying a day of a large database takes a
//! quarter of a second; the keys are never kept waiting for a preparation
//! nobody asked for, since it runs beside the loop, not in it.
//!
//! A prepared moment is used only while the file is as it was when the
//! preparation began (no other connection has committed, neither log has
//! grown); otherwise it is dropped and the moment replayed afresh, so a
//! step shows exactly what a fresh replay would.

use std::thread::JoinHandle;

use crate::domain::event::AsOf;
use crate::store::{Result, Store};
use crate::tui::data::Snapshot;

/// What a file looked like to a connection, told apart well enough to
/// know that nothing was committed to it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// SQLite's data version, which changes with another connection's commit.
    version: i64,
    /// The newest id of each log, which grows with this connection's own writes.
    logs: (i64, i64),
}

impl Fingerprint {
    /// The file as `store` (the runner's own connection) sees it now.
    pub fn of(store: &Store) -> Result<Fingerprint> {
        Ok(Fingerprint {
            version: store.data_version()?,
            logs: store.log_ends()?,
        })
    }
}

/// A moment's replay and the screen's data read from it.
type Replayed = Result<(Store, Snapshot)>;

enum Work {
    Running(JoinHandle<Replayed>),
    Done(Store, Option<Box<Snapshot>>),
}

struct Prepared {
    at: AsOf,
    /// The file when the preparation began.
    made_of: Fingerprint,
    work: Work,
}

/// The moments prepared, or being prepared, next to the one shown.
#[derive(Default)]
pub struct Ahead {
    moments: Vec<Prepared>,
}

impl Ahead {
    /// Begins replaying the database as of `at` on a thread of its own,
    /// from `reader` (another connection to the file, as it is `now`).
    pub fn begin(&mut self, at: AsOf, reader: Store, now: Fingerprint) {
        self.moments.retain(|m| m.at != at);
        let until = at.until();
        let spawned = std::thread::Builder::new()
            .name("styr-past".into())
            .spawn(move || {
                let store = reader.as_of(until)?;
                let data = Snapshot::load(&store)?;
                Ok((store, data))
            });
        // Without a thread the moment is simply not prepared: a step to it
        // replays it then, as it would have without preparing.
        if let Ok(handle) = spawned {
            self.moments.push(Prepared {
                at,
                made_of: now,
                work: Work::Running(handle),
            });
        }
    }

    /// Keeps a moment already replayed (the one shown before a step), for
    /// a step back to it.
    pub fn keep(&mut self, at: AsOf, store: Store, made_of: Fingerprint) {
        self.moments.retain(|m| m.at != at);
        self.moments.push(Prepared {
            at,
            made_of,
            work: Work::Done(store, None),
        });
    }

    /// Whether `at` is prepared, or being prepared, from the file as it is `now`.
    pub fn has(&self, at: &AsOf, now: &Fingerprint) -> bool {
        self.moments
            .iter()
            .any(|m| m.at == *at && m.made_of == *now)
    }

    /// Lets go of every moment but those in `wanted`, and of those
    /// prepared from the file as it was before `now`. (A thread still
    /// replaying one ends on its own, its result dropped.)
    pub fn retain(&mut self, wanted: &[AsOf], now: &Fingerprint) {
        self.moments
            .retain(|m| wanted.contains(&m.at) && m.made_of == *now);
    }

    /// The database as of `at`, and its screen's data if read, when it
    /// was prepared from the file as it is `now`; a preparation under way
    /// is waited for (it has less left to do than a replay from the start).
    pub fn take(&mut self, at: &AsOf, now: &Fingerprint) -> Option<(Store, Option<Snapshot>)> {
        let index = self.moments.iter().position(|m| m.at == *at)?;
        let moment = self.moments.swap_remove(index);
        if moment.made_of != *now {
            return None;
        }
        match moment.work {
            Work::Done(store, data) => Some((store, data.map(|data| *data))),
            // A replay that failed is done again in the open, where its
            // error reaches the user.
            Work::Running(handle) => match handle.join() {
                Ok(Ok((store, data))) => Some((store, Some(data))),
                Ok(Err(_)) | Err(_) => None,
            },
        }
    }

    /// The moments prepared or being prepared, in the order begun.
    pub fn moments(&self) -> Vec<AsOf> {
        self.moments.iter().map(|m| m.at).collect()
    }

    /// Waits until every preparation under way has ended, as a user who
    /// looks at the screen long enough does (tests and benches).
    pub fn wait(&mut self) {
        self.moments = std::mem::take(&mut self.moments)
            .into_iter()
            .filter_map(|moment| {
                let work = match moment.work {
                    Work::Running(handle) => match handle.join() {
                        Ok(Ok((store, data))) => Work::Done(store, Some(Box::new(data))),
                        Ok(Err(_)) | Err(_) => return None,
                    },
                    done => done,
                };
                Some(Prepared { work, ..moment })
            })
            .collect();
    }
}
