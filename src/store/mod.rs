//! The SQLite store: the only place with SQL. Every change to an assignment
//! is one transaction that writes the new state and its event.

mod batch;
mod catalog;
mod doctor;
mod migrations;
mod period;
mod query;
mod read;
mod rows;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags};

pub use catalog::CatalogChanged;
pub use doctor::Diagnosis;
pub use migrations::latest as latest_schema;
pub use period::MissingReports;
pub use query::Narrowing;
pub use write::{Changed, Skipped};

use crate::domain::{DomainError, Event, Lang};

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
    Sql(#[from] rusqlite::Error),
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
}

impl Store {
    /// Opens an existing database, read-only if the file cannot be written.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let not_db = |reason: &str| StoreError::NotADatabase {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        };
        let metadata = std::fs::metadata(path).map_err(|e| not_db(&e.to_string()))?;
        if metadata.is_dir() {
            return Err(not_db("it is a directory"));
        }
        if metadata.len() == 0 {
            return Err(not_db("the file is empty"));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, read_only) = match Connection::open_with_flags(path, flags) {
            Ok(conn) if !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) => (conn, false),
            _ => {
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                (Connection::open_with_flags(path, flags)?, true)
            }
        };
        let mut store = Store { conn, read_only };
        let version = store.schema_version().map_err(|e| match e {
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::NotADatabase =>
            {
                not_db("the file is not an SQLite database")
            }
            other => other,
        })?;
        if version == 0 {
            return Err(not_db("it has no styr schema"));
        }
        if version > migrations::latest() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known: migrations::latest(),
            });
        }
        store.configure()?;
        if version < migrations::latest() {
            if store.read_only {
                return Err(StoreError::ReadOnly);
            }
            store.migrate()?;
        }
        Ok(store)
    }

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
        self.conn.close().map_err(|(_, e)| StoreError::Sql(e))
    }

    /// Whether the file could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
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
