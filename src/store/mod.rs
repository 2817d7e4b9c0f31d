//! The SQLite store: the only place with SQL. Every change to an assignment
//! is one transaction that writes the new state and its event.

mod backup;
mod batch;
mod bulk;
mod catalog;
mod doctor;
mod dump;
mod migrations;
mod open;
mod period;
mod query;
mod read;
mod rows;
mod write;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use backup::RestoreSource;
pub use bulk::{GoalRef, ImportPlan, Imported, NewAssignment, NewGoal, Update};
pub use catalog::CatalogChanged;
pub(crate) use doctor::check_catalog;
pub use doctor::Diagnosis;
pub use dump::{Contents, Dump, DUMP_FORMAT};
pub use migrations::latest as latest_schema;
pub use open::{create_at_schema, free_name, lock_wait, OpenNotes, ReadOnlyCause, Upgrade};
pub use period::MissingReports;
pub use query::{ListedAssignment, Narrowing};
pub use write::{Changed, Skipped};

use crate::domain::{DomainError, Event, Lang};

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
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no database at {0} (create one with `styr init` or `styr demo`)")]
    Missing(PathBuf),
    #[error("no database at {}: the directory {} does not exist", path.display(), dir.display())]
    MissingDirectory { path: PathBuf, dir: PathBuf },
    #[error("{0}; nothing was changed (`styr restore BACKUP` puts a backup back)")]
    Damaged(String),
    #[error("{0} and did not let go within {secs} s; nothing was changed, try again when it is done", secs = lock_wait().as_secs_f64())]
    Busy(String),
    #[error("the disk is full; nothing was changed")]
    DiskFull,
    #[error("SQLite cannot open the file: {0}")]
    CannotOpen(String),
    #[error("{0} already exists (use --force to replace it)")]
    Exists(PathBuf),
    #[error("{path} is not a styr database: {reason}")]
    NotADatabase { path: PathBuf, reason: String },
    #[error(
        "{path} has schema version {found}, newer than this styr knows ({known}); use a newer styr"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the database is open read-only, so nothing was changed")]
    ReadOnly,
    #[error("assignment {id} was changed by someone else since you read it: {summary}; nothing was saved")]
    Stale {
        id: i64,
        summary: String,
        changes: Vec<Event>,
    },
    #[error("no assignment with id {0}")]
    UnknownAssignment(i64),
    #[error("unknown sector '{code}' (known: {known})")]
    UnknownSector { code: String, known: String },
    #[error("no period {0}{1}")]
    UnknownPeriod(String, String),
    #[error("no goal with id {0}")]
    UnknownGoal(i64),
    #[error("no årshjul entry with id {0}")]
    UnknownWheelEntry(i64),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("database error: {0}")]
    Sql(DatabaseError),
}

impl From<rusqlite::Error> for StoreError {
    /// Names the failures a user can act on; the rest stay SQLite's words.
    fn from(error: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(failure, message) = &error {
            let said = message.clone().unwrap_or_else(|| failure.to_string());
            match failure.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return StoreError::Busy("the database is locked by another program".into())
                }
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    return StoreError::Damaged(format!("the database file is damaged ({said})"))
                }
                ErrorCode::ReadOnly => return StoreError::ReadOnly,
                ErrorCode::DiskFull => return StoreError::DiskFull,
                ErrorCode::CannotOpen => return StoreError::CannotOpen(said),
                _ => {}
            }
        }
        StoreError::Sql(DatabaseError(error))
    }
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

impl StoreError {
    /// The message in a language; `Display` gives the English one. Free
    /// text from a check ([`StoreError::Invalid`]) stays as written.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::Missing(path) => format!(
                "ingen database i {} (lag en med `styr init` eller `styr demo`)",
                path.display()
            ),
            StoreError::Exists(path) => format!(
                "{} finnes allerede (bruk --force for å erstatte den)",
                path.display()
            ),
            StoreError::NotADatabase { path, reason } => {
                format!("{} er ikke en styr-database: {reason}", path.display())
            }
            StoreError::TooNew { path, found, known } => format!(
                "{} har skjemaversjon {found}, nyere enn denne styr kjenner ({known}); bruk en nyere styr",
                path.display()
            ),
            StoreError::ReadOnly => {
                "databasen er åpnet skrivebeskyttet, så ingenting ble endret".into()
            }
            StoreError::Stale { id, summary, .. } => format!(
                "oppdrag {id} er endret av noen andre siden du hentet det: {summary}; ingenting ble lagret"
            ),
            StoreError::UnknownAssignment(id) => format!("det finnes ikke noe oppdrag med id {id}"),
            StoreError::UnknownSector { code, known } => {
                format!("ukjent sektor '{code}' (kjente: {known})")
            }
            StoreError::UnknownGoal(id) => format!("det finnes ikke noe mål med id {id}"),
            StoreError::UnknownPeriod(id, more) => format!("ingen periode {id}{more}"),
            StoreError::UnknownWheelEntry(id) => {
                format!("det finnes ikke noe punkt i årshjulet med id {id}")
            }
            StoreError::MissingDirectory { path, dir } => format!(
                "ingen database i {}: mappen {} finnes ikke",
                path.display(),
                dir.display()
            ),
            StoreError::Damaged(what) => format!(
                "{what}; ingenting ble endret (`styr restore SIKKERHETSKOPI` legger tilbake en sikkerhetskopi)"
            ),
            StoreError::Busy(what) => format!(
                "{what} og slapp ikke innen {} s; ingenting ble endret, prøv igjen når den er ferdig",
                lock_wait().as_secs_f64()
            ),
            StoreError::DiskFull => "disken er full; ingenting ble endret".into(),
            StoreError::CannotOpen(what) => format!("SQLite kan ikke åpne filen: {what}"),
            StoreError::Invalid(text) => text.clone(),
            StoreError::Domain(e) => e.message(lang),
            StoreError::Sql(e) => format!("databasefeil: {e}"),
        }
    }
}

/// An error and its causes in one line, in a language where the store and
/// the domain know the words: `--today: ugyldig dato '2023-02-30' …`.
pub fn error_message(error: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            parts.push(e.message(lang));
            break;
        }
        if let Some(e) = cause.downcast_ref::<DomainError>() {
            parts.push(e.message(lang));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// Results of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
pub struct Store {
    conn: Connection,
    read_only: bool,
    notes: OpenNotes,
}

impl Store {
    /// Creates a new database file with the current schema; refuses to replace one.
    pub fn create(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(StoreError::Exists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Invalid(format!("cannot create directory {}: {e}", dir.display()))
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Store {
            conn,
            read_only: false,
            notes: OpenNotes::default(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// A database in memory, for tests.
    pub fn in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            read_only: false,
            notes: OpenNotes::default(),
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
        // held against writers (WAL).
        let tx = self.conn.unchecked_transaction()?;
        let value = f(self)?; // dropping `tx` on an error rolls it back
        tx.commit()?;
        Ok(value)
    }

    /// Closes a database that no other connection has open, leaving one
    /// self-contained file (rollback journal mode, no WAL beside it), fit to
    /// be moved. [`Store::open`] turns WAL back on.
    pub fn close_as_single_file(self) -> Result<()> {
        self.writable()?;
        let mode: String =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::Invalid(format!(
                "could not leave WAL mode (journal mode is still {mode})"
            )));
        }
        self.conn
            .close()
            .map_err(|(_, e)| StoreError::Sql(DatabaseError(e)))
    }

    /// Whether the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub(crate) fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(lock_wait())?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if !self.read_only {
            // WAL lets readers go on while one process writes; FULL makes every
            // commit survive power loss, not only a crash of the process.
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        for (index, sql) in migrations::MIGRATIONS.iter().enumerate() {
            let version = index as i64 + 1;
            if version > current {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", version)?;
            }
        }
        if current < migrations::latest() {
            catalog::log_unlogged(&tx)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn writable(&self) -> Result<()> {
        if self.read_only {
            Err(StoreError::ReadOnly)
        } else {
            Ok(())
        }
    }
}
