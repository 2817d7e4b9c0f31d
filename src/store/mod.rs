//! The SQLite store: the only place with SQL. Every change to an assignment
//! is one transaction that writes the new state and its event.

mod append;
mod as_of;
mod backup;
mod batch;
mod bulk;
mod catalog;
mod catalog_undo;
mod chain;
pub mod db;
mod doctor;
mod dump;
mod lookup;
mod migrations;
mod open;
mod past;
mod period;
mod period_log;
mod query;
mod read;
mod rows;
pub mod server;
mod sound;
mod vedtak;
mod withdraw;
mod write;
mod year;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use db::Conn;
use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use backup::RestoreSource;
pub use bulk::{GoalRef, ImportPlan, Imported, NewAssignment, NewGoal, Update, REBUILD_FROM};
pub use catalog::CatalogChanged;
pub use catalog_undo::{CatalogSkipReason, CatalogSkipped, Passed, Refusal, UndoOutcome, Undone};
pub use chain::{
    to_hex as chain_hex, Break, ChainReport, ChainState, Log as ChainLog, NotASeal, Seal,
};
pub use db::FileOnly;
pub(crate) use doctor::check_catalog;
pub use doctor::{Diagnosis, Problem, Undurable};
pub use dump::{Contents, Dump, DUMP_FORMAT};
pub use migrations::latest as latest_schema;
pub use open::{create_at_schema, free_name, lock_wait, OpenNotes, ReadOnlyCause, Upgrade};
pub use period::MissingReports;
pub use query::{ListedAssignment, Narrowing};
pub use sound::SoundCheck;
pub use withdraw::WithdrawRefusal;
pub use write::{Changed, SkipReason, Skipped, UndoPlan};
pub use year::{NewYear, YearComments, YearOutcome, YearStarted};

use crate::domain::{DomainError, Entity, Event, Field};

/// Who makes a change, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub actor: String,
    pub at: DateTime<Utc>,
}

impl Stamp {
    /// A change made now by `actor`.
    pub fn now(actor: &str) -> Self {
        Stamp {
            actor: actor.to_string(),
            at: Utc::now(),
        }
    }
}

/// The municipality and plan year a database holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Municipality {
    pub name: String,
    /// The plan year shown by default.
    pub year: i32,
    /// The "today" a demo database suggests when none is given.
    pub suggested_today: Option<NaiveDate>,
}

/// What can go wrong in the store, told apart where a caller must react.
/// Each variant carries what explains it; [`crate::words::problems`] says
/// it in words (`Display` is the English).
#[derive(Debug)]
pub enum StoreError {
    /// No database at the path.
    Missing(PathBuf),
    /// No database at `path`, whose directory `dir` does not exist.
    MissingDirectory {
        path: PathBuf,
        dir: PathBuf,
    },
    Damaged(Damage),
    /// A write refused because SQLite finds the file damaged: the parts it
    /// names, and the newest backup found beside the file, if any.
    DamagedBeforeWrite {
        path: Option<PathBuf>,
        parts: Vec<Problem>,
        newest_backup: Option<PathBuf>,
    },
    /// Another program held the lock for longer than [`lock_wait`].
    Busy(Lock),
    DiskFull,
    /// SQLite cannot open the file; SQLite's words.
    CannotOpen(String),
    /// A file to create exists.
    Exists(PathBuf),
    NotADatabase {
        path: PathBuf,
        reason: NotADatabaseReason,
    },
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    ReadOnly,
    /// A write refused because append-only triggers of the logs are gone
    /// (by name); `doctor --repair` puts them back.
    LogUnguarded {
        path: Option<PathBuf>,
        missing: Vec<String>,
    },
    /// A file whose schema version is older than its tables: upgrading it
    /// from `found` failed (its tables are already newer, or changed by hand).
    SchemaMismatch {
        path: PathBuf,
        found: i64,
    },
    /// An edit based on a version someone has changed since; their changes.
    Stale {
        id: i64,
        changes: Vec<Event>,
    },
    UnknownAssignment(i64),
    UnknownGoal(i64),
    UnknownWheelEntry(i64),
    /// A file that cannot be read.
    CannotRead {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A file that cannot be written.
    CannotWrite {
        path: PathBuf,
        error: std::io::Error,
    },
    CannotCreateDirectory {
        dir: PathBuf,
        error: std::io::Error,
    },
    /// A file at an older schema that cannot be written, so not upgraded.
    NeedsUpgrade {
        path: PathBuf,
        from: i64,
        to: i64,
        cause: ReadOnlyCause,
    },
    /// A WAL file with changes, in a directory SQLite cannot write.
    WalUnreadable {
        path: PathBuf,
        wal: PathBuf,
        cause: ReadOnlyCause,
    },
    /// A schema version this styr never had.
    NoSchemaVersion(i64),
    /// Leaving WAL mode did not take; the journal mode still in force.
    StillInWal {
        mode: String,
    },
    /// An assignment changed by another writer while a change was written.
    ChangedDuring {
        id: i64,
        during: During,
    },
    /// A goal or årshjul entry changed since the caller read it.
    ChangedSince {
        entity: Entity,
        id: i64,
    },
    /// The actor has made no change that undo could take back.
    NothingToUndo {
        actor: String,
    },
    /// No change of the actor's can be undone: why not for the newest, and
    /// how many older ones were passed over as well.
    CannotUndo {
        actor: String,
        newest: SkipReason,
        older: usize,
    },
    /// No change of the actor's can be undone, the newest being a catalog
    /// change: which item, why not, and how many older ones were passed over.
    CannotUndoCatalog {
        actor: String,
        entity: Entity,
        id: i64,
        reason: CatalogSkipReason,
        older: usize,
    },
    /// Changes to several assignments refused together, because these
    /// were changed by someone else since they were shown (with the changes).
    StaleBatch(Vec<(i64, Vec<Event>)>),
    /// No event with this id in the log.
    UnknownEvent(i64),
    /// An event that cannot be withdrawn, and why.
    CannotWithdraw {
        event: i64,
        reason: WithdrawRefusal,
    },
    /// An undo that would leave the field as it is.
    UndoWouldStay {
        field: Field,
        assignment: i64,
    },
    /// An export restored into a database holding data already.
    NotEmpty(Contents),
    /// An export restored into a database whose catalog log has begun.
    HasCatalogLog,
    /// An export whose rows refer to rows it does not hold.
    DanglingRows(Vec<Problem>),
    /// A file to restore from that `styr doctor` finds fault with.
    FailsDoctor {
        source: PathBuf,
        problems: usize,
        first: Problem,
    },
    /// An import plan that uses a new goal (by index) before making it.
    GoalUsedBeforeMade(usize),
    NoPlanYear,
    NoIdentity,
    /// The logs cannot be replayed to the instant asked for.
    PastUnreadable(Problem),
    /// A caller's own failure inside [`Store::batch`], passed through.
    Caller(Box<dyn std::error::Error + Send + Sync>),
    Domain(DomainError),
    Sql(DatabaseError),
    /// What a server said, or why it cannot be reached.
    Server(server::ServerError),
    /// Something only a database file has (what, in the catalogue's words).
    FileOnly(db::FileOnly),
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sql(e) => Some(e),
            _ => None,
        }
    }
}

impl From<DomainError> for StoreError {
    fn from(error: DomainError) -> Self {
        StoreError::Domain(error)
    }
}

/// How a database file is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// SQLite found the file damaged (its words), in the file at `path` when known.
    Sqlite { path: Option<PathBuf>, said: String },
    /// Shorter than an SQLite header.
    NoHeader { path: PathBuf, size: u64 },
    /// Shorter than its header says (`expected` bytes).
    Truncated {
        path: PathBuf,
        size: u64,
        expected: u64,
    },
}

/// What another program holds locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lock {
    Database,
    File(PathBuf),
}

/// Why a file is not a styr database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotADatabaseReason {
    NoSchema,
    Directory,
    Empty,
    NotSqlite,
}

/// What was being written when another writer changed an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum During {
    Edit,
    Report,
    Import,
}

impl From<rusqlite::Error> for StoreError {
    /// Names the failures a user can act on; the rest stay SQLite's words.
    fn from(error: rusqlite::Error) -> Self {
        let error = match error {
            rusqlite::Error::ToSqlConversionFailure(inner) => {
                match inner.downcast::<db::ServerFailure>() {
                    Ok(failure) => return StoreError::from_server(*failure),
                    Err(inner) => rusqlite::Error::ToSqlConversionFailure(inner),
                }
            }
            other => other,
        };
        if let rusqlite::Error::SqliteFailure(failure, message) = &error {
            let said = message.clone().unwrap_or_else(|| failure.to_string());
            if let Some(named) = named_failure(failure.code, failure.extended_code, said) {
                return named;
            }
        }
        StoreError::Sql(DatabaseError(error))
    }
}

impl StoreError {
    /// A server's failure as the store's error: the ones a user acts on
    /// as on a file (busy, full, read-only) named alike.
    fn from_server(failure: db::ServerFailure) -> StoreError {
        use postgres::error::SqlState;
        use server::ServerError;
        match failure {
            db::ServerFailure::FileOnly(what) => StoreError::FileOnly(what),
            db::ServerFailure::Postgres(error) => {
                let code = error.code().cloned();
                match code {
                    Some(c)
                        if c == SqlState::LOCK_NOT_AVAILABLE
                            || c == SqlState::QUERY_CANCELED
                            || c == SqlState::T_R_SERIALIZATION_FAILURE
                            || c == SqlState::T_R_DEADLOCK_DETECTED =>
                    {
                        StoreError::Busy(Lock::Database)
                    }
                    Some(c) if c == SqlState::DISK_FULL => StoreError::DiskFull,
                    Some(c) if c == SqlState::READ_ONLY_SQL_TRANSACTION => StoreError::ReadOnly,
                    Some(c)
                        if c == SqlState::ADMIN_SHUTDOWN
                            || c == SqlState::CRASH_SHUTDOWN
                            || c == SqlState::CANNOT_CONNECT_NOW =>
                    {
                        StoreError::Server(ServerError::Lost {
                            said: error.to_string(),
                        })
                    }
                    None if error.is_closed() => StoreError::Server(ServerError::Lost {
                        said: error.to_string(),
                    }),
                    _ => StoreError::Server(ServerError::from(error)),
                }
            }
            other => StoreError::Server(ServerError::Server {
                said: other.to_string(),
            }),
        }
    }
}

/// The failures of SQLite a user can act on, by its result code and
/// extended code; `None` for the rest.
fn named_failure(code: ErrorCode, extended: i32, said: String) -> Option<StoreError> {
    Some(match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy(Lock::Database),
        ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
            StoreError::Damaged(Damage::Sqlite { path: None, said })
        }
        ErrorCode::ReadOnly => StoreError::ReadOnly,
        ErrorCode::DiskFull => StoreError::DiskFull,
        // The `-shm` file, which even a reader of a WAL file needs, could
        // not be made its size: SQLite says "disk I/O error", but on a
        // full disk this is the first thing that fails.
        ErrorCode::SystemIoFailure if extended == rusqlite::ffi::SQLITE_IOERR_SHMSIZE => {
            StoreError::DiskFull
        }
        ErrorCode::CannotOpen => StoreError::CannotOpen(said),
        _ => return None,
    })
}

/// A failure of SQLite that a user cannot act on, in SQLite's words.
pub struct DatabaseError(rusqlite::Error);

impl DatabaseError {
    /// SQLite's code for the failure, where it gave one.
    pub(crate) fn code(&self) -> Option<ErrorCode> {
        self.0.sqlite_error_code()
    }
}

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::fmt::Debug for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// Results of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
pub struct Store {
    /// Dropped just before `conn` (fields drop in order): see `sound`.
    _sound_closing: sound::BeforeClose,
    conn: Conn,
    read_only: bool,
    notes: OpenNotes,
    /// Whether, and how, the file was found sound on this connection, which
    /// every connection asks once, before its first write; dropped just
    /// after `conn`, to remember the file sound as the close left it.
    sound: sound::AfterClose,
}

impl Store {
    /// Creates a new database file with the current schema; refuses to replace one.
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| StoreError::CannotCreateDirectory {
                dir: dir.to_path_buf(),
                error,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Store {
            conn: Conn::File(conn),
            read_only: false,
            notes: OpenNotes::default(),
            _sound_closing: sound::BeforeClose(sound::Soundness::new_file()),
            sound: sound::AfterClose(sound::Soundness::new_file()),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A database in memory, for tests.
    pub fn in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Conn::File(Connection::open_in_memory()?),
            read_only: false,
            notes: OpenNotes::default(),
            _sound_closing: sound::BeforeClose(sound::Soundness::new_file()),
            sound: sound::AfterClose(sound::Soundness::new_file()),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Runs `f` inside one read transaction, so that everything it reads
    /// comes from the same state of the database, whatever other processes
    /// commit meanwhile. Inside another `read` it simply runs `f`.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        // Deferred: the snapshot is taken at the first read, and no lock is
        // held against writers (WAL; on a server, REPEATABLE READ).
        let tx = self.conn.read_transaction()?;
        let value = f(self)?; // dropping `tx` on an error rolls it back
        tx.commit()?;
        Ok(value)
    }

    /// Closes a database that no other connection has open, leaving one
    /// self-contained file (rollback journal mode, no WAL beside it), fit to
    /// be moved. [`Store::open`] turns WAL back on.
    pub fn close_as_single_file(self) -> Result<()> {
        self.writable()?;
        let mode: String = self
            .conn
            .file(FileOnly::CloseAsOneFile)?
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::StillInWal { mode });
        }
        let Store { conn, .. } = self;
        match conn {
            Conn::File(conn) => conn
                .close()
                .map_err(|(_, e)| StoreError::Sql(DatabaseError(e))),
            Conn::Server(_) => Ok(()),
        }
    }

    /// Whether the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub(crate) fn schema_version(&self) -> Result<i64> {
        match &self.conn {
            Conn::File(conn) => {
                Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
            }
            Conn::Server(_) => {
                Ok(self
                    .conn
                    .query_row("SELECT schema_version FROM server_meta", [], |row| {
                        row.get(0)
                    })?)
            }
        }
    }

    fn configure(&mut self) -> Result<()> {
        let conn = self.conn.file(FileOnly::Configure)?;
        conn.busy_timeout(lock_wait())?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if !self.read_only {
            // WAL lets readers go on while one process writes; FULL makes every
            // commit survive power loss, not only a crash of the process.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let tx = self.conn.write_transaction()?;
        let file = tx.file(FileOnly::Upgrade)?;
        let current: i64 = file.pragma_query_value(None, "user_version", |row| row.get(0))?;
        for (index, sql) in migrations::MIGRATIONS.iter().enumerate() {
            let version = index as i64 + 1;
            if version > current {
                file.execute_batch(sql)?;
                file.pragma_update(None, "user_version", version)?;
            }
        }
        if current < migrations::latest() {
            migrations::after_upgrade(&tx)?;
            catalog::log_unlogged(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Refuses a write to a read-only file, and to a file SQLite finds
    /// damaged (checked once per connection, before its first write).
    fn writable(&self) -> Result<()> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        self.check_sound()
    }

    fn path(&self) -> Option<PathBuf> {
        self.conn
            .as_file()?
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    }

    /// Before a connection's first write: the log's guards are in place,
    /// and the file is sound. A write must not go on into damaged pages,
    /// and a write only finds the damage by itself when it happens to read
    /// them, so SQLite's quick check reads every page (40 ms at 50,000
    /// events; BENCHMARKS.md), unless the file looks exactly as it did when
    /// a connection last found it sound and closed (see `sound`). A damaged
    /// page met later is still refused by SQLite's own error.
    fn check_sound(&self) -> Result<()> {
        let soundness = &self.sound.0;
        if soundness.check() != SoundCheck::NotYet {
            return Ok(());
        }
        let missing = doctor::missing_guards(&self.conn)?;
        if !missing.is_empty() {
            return Err(StoreError::LogUnguarded {
                path: self.path(),
                missing,
            });
        }
        let (print, remembered) = soundness.look();
        if remembered {
            soundness.found(SoundCheck::Remembered, print);
            return Ok(());
        }
        if !doctor::passes_quick_check(&self.conn, None) {
            let path = self.path();
            return Err(StoreError::DamagedBeforeWrite {
                newest_backup: path.as_deref().and_then(backup::newest_backup),
                path,
                parts: doctor::damaged_parts(&self.conn),
            });
        }
        soundness.found(SoundCheck::Checked, print);
        Ok(())
    }

    /// How this connection found the file sound before its first write
    /// (for tests of that check).
    #[doc(hidden)]
    pub fn sound_check(&self) -> SoundCheck {
        self.sound.0.check()
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::ffi;

    use super::*;

    fn named(code: i32) -> Option<StoreError> {
        let failure = ffi::Error::new(code);
        named_failure(failure.code, failure.extended_code, "said".into())
    }

    #[test]
    fn a_full_disk_is_named_however_sqlite_says_it() {
        for code in [ffi::SQLITE_FULL, ffi::SQLITE_IOERR_SHMSIZE] {
            assert!(matches!(named(code), Some(StoreError::DiskFull)), "{code}");
        }
        for code in [
            ffi::SQLITE_IOERR,
            ffi::SQLITE_IOERR_READ,
            ffi::SQLITE_IOERR_SHMOPEN,
            ffi::SQLITE_IOERR_FSYNC,
        ] {
            assert!(named(code).is_none(), "{code}");
        }
        assert!(matches!(named(ffi::SQLITE_BUSY), Some(StoreError::Busy(_))));
        assert!(matches!(
            named(ffi::SQLITE_CORRUPT),
            Some(StoreError::Damaged(_))
        ));
        let full = StoreError::DiskFull;
        assert_eq!(
            full.message(crate::words::Lang::En),
            "the disk is full; nothing was changed"
        );
        assert_eq!(
            full.message(crate::words::Lang::Nb),
            "disken er full; ingenting ble endret"
        );
    }
}
