//! Opening an existing database file: every way a file can be unfit is told
//! apart before SQLite writes anything, and a file that cannot be written is
//! opened read-only instead of failing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{migrations, Damage, Lock, NotADatabaseReason, Result, Store, StoreError};

/// How long a writer waits for another process's lock before giving up:
/// `STYR_LOCK_WAIT` seconds, else 10.
pub fn lock_wait() -> Duration {
    std::env::var("STYR_LOCK_WAIT")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(Duration::from_secs(10), Duration::from_secs_f64)
}

/// What opening a file found out that the user should be told.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenNotes {
    /// Why the file could only be opened for reading.
    pub read_only_because: Option<ReadOnlyCause>,
    /// The schema upgrade done on open, and where the file as it was is kept.
    pub upgraded: Option<Upgrade>,
}

/// Why a database could only be opened for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyCause {
    /// The file's permissions do not let this user write it.
    FileNotWritable,
    /// SQLite cannot create its journal files in the file's directory.
    DirectoryNotWritable(PathBuf),
    /// It was opened only to be read (a file to restore from).
    Requested,
    /// The disk is full: SQLite cannot even make the files a writer needs.
    DiskFull,
    /// On a server, the login role is in the database's read-only group.
    ReadRole(String),
}

/// A schema upgrade done when the file was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub from: i64,
    pub to: i64,
    /// The copy of the file from before the upgrade.
    pub kept: PathBuf,
}

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens an existing database, read-only if the file or its directory
    /// cannot be written. A file at an older schema is first copied beside
    /// itself (see [`Store::notes`]), then upgraded.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, true)
    }

    /// Like [`Store::open`], keeping a copy before an upgrade only when asked.
    pub(super) fn open_with(path: &Path, keep_before_upgrade: bool) -> Result<Store> {
        Store::open_as(path, true, keep_before_upgrade)
    }

    /// Opens a file only to read it, never writing to it nor upgrading it;
    /// for a file to restore from.
    pub fn open_to_read(path: &Path) -> Result<Store> {
        Store::open_as(path, false, false)
    }

    fn open_as(path: &Path, may_write: bool, keep_before_upgrade: bool) -> Result<Store> {
        check_file(path)?;
        if may_write {
            super::backup::remove_leftovers(path);
        }
        let (conn, read_only_because) = connect(path, may_write)?;
        let soundness = super::sound::Soundness::unchecked(Some(path.to_path_buf()));
        let mut store = Store {
            _sound_closing: super::sound::BeforeClose(soundness.clone()),
            conn: super::db::Conn::File(conn),
            read_only: read_only_because.is_some(),
            notes: OpenNotes {
                read_only_because,
                upgraded: None,
            },
            sound: super::sound::AfterClose(soundness),
        };
        let version = store.schema_version()?;
        if version == 0 {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                reason: NotADatabaseReason::NoSchema,
            });
        }
        if version > migrations::latest() {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                known: migrations::latest(),
            });
        }
        store.configure()?;
        if version < migrations::latest() && may_write {
            if let Some(cause) = &store.notes.read_only_because {
                return Err(StoreError::NeedsUpgrade {
                    path: path.to_path_buf(),
                    from: version,
                    to: migrations::latest(),
                    cause: cause.clone(),
                });
            }
            let kept = if keep_before_upgrade {
                let kept = free_name(path, &format!("schema-{version}.bak"));
                store.backup_to(&kept)?;
                Some(kept)
            } else {
                None
            };
            if let Err(error) = store.migrate() {
                // The upgrade was rolled back: the copy would only be litter.
                if let Some(kept) = &kept {
                    super::backup::remove_with_side_files(kept);
                }
                return Err(match error {
                    StoreError::Sql(_) | StoreError::Domain(_) => StoreError::SchemaMismatch {
                        path: path.to_path_buf(),
                        found: version,
                    },
                    other => other,
                });
            }
            store.notes.upgraded = kept.map(|kept| Upgrade {
                from: version,
                to: migrations::latest(),
                kept,
            });
        }
        Ok(store)
    }

    /// What opening the file found: read-only and why, an upgrade and the copy kept.
    pub fn notes(&self) -> &OpenNotes {
        &self.notes
    }
}

/// Refuses, without opening it in SQLite, a path that cannot be a styr database.
fn check_file(path: &Path) -> Result<()> {
    let not_db = |reason: NotADatabaseReason| StoreError::NotADatabase {
        path: path.to_path_buf(),
        reason,
    };
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(match path.parent().filter(|d| !d.as_os_str().is_empty()) {
                Some(dir) if !dir.is_dir() => StoreError::MissingDirectory {
                    path: path.to_path_buf(),
                    dir: dir.to_path_buf(),
                },
                _ => StoreError::Missing(path.to_path_buf()),
            });
        }
        Err(e) => return Err(cannot_read(path, e)),
    };
    if metadata.is_dir() {
        return Err(not_db(NotADatabaseReason::Directory));
    }
    if metadata.len() == 0 {
        return Err(not_db(NotADatabaseReason::Empty));
    }
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(|e| cannot_read(path, e))?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| cannot_read(path, e))?;
    if read < SQLITE_HEADER.len() || &header[..16] != SQLITE_HEADER {
        return Err(not_db(NotADatabaseReason::NotSqlite));
    }
    if read < header.len() {
        return Err(StoreError::Damaged(Damage::NoHeader {
            path: path.to_path_buf(),
            size: metadata.len(),
        }));
    }
    // The page count in the header is only trusted when it was written by a
    // version that keeps it (bytes 92..96 equal to 24..28). With a non-empty
    // WAL beside it the file may lag behind until the WAL is checkpointed.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        size => u64::from(size),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let count_valid = header[24..28] == header[92..96];
    let wal_len = std::fs::metadata(side_file(path, "-wal")).map_or(0, |m| m.len());
    if count_valid && wal_len == 0 && pages * page_size > metadata.len() {
        return Err(StoreError::Damaged(Damage::Truncated {
            path: path.to_path_buf(),
            size: metadata.len(),
            expected: pages * page_size,
        }));
    }
    Ok(())
}

fn read_up_to(file: &mut std::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn cannot_read(path: &Path, error: std::io::Error) -> StoreError {
    StoreError::CannotRead {
        path: path.to_path_buf(),
        error,
    }
}

/// `styr.db` + `-wal` → `styr.db-wal`: SQLite's files beside the database.
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A name for a file kept beside the database: `styr.db` → `styr.db.<what>`,
/// or `styr.db.<n>.<what>` when that exists.
pub fn free_name(path: &Path, what: &str) -> PathBuf {
    let first = side_file(path, &format!(".{what}"));
    if !first.exists() {
        return first;
    }
    (1..)
        .map(|n| side_file(path, &format!(".{n}.{what}")))
        .find(|p| !p.exists())
        .expect("some free name")
}

/// Opens the file for writing if it can be written, else for reading, and
/// says why it could not be written.
fn connect(path: &Path, may_write: bool) -> Result<(Connection, Option<ReadOnlyCause>)> {
    let wait = lock_wait();
    let attempt = |flags: OpenFlags, uri: Option<String>| -> Result<Connection> {
        let conn = match &uri {
            Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)?,
            None => Connection::open_with_flags(path, flags)?,
        };
        // Before the first read: another process may hold the file locked.
        conn.busy_timeout(wait)?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .map_err(|e| classify(path, e))?;
        Ok(conn)
    };
    let full = std::cell::Cell::new(false);
    let disk_full = || full.get();
    let cannot_write = |e: &StoreError| {
        full.set(full.get() || matches!(e, StoreError::DiskFull));
        matches!(
            e,
            StoreError::ReadOnly | StoreError::CannotOpen(_) | StoreError::DiskFull
        ) || matches!(e, StoreError::Sql(e)
                if matches!(e.code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)))
    };
    let read_write = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let read_only = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match attempt(read_write, None) {
        _ if !may_write => {}
        Ok(conn) if !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) => {
            return Ok((conn, None))
        }
        Ok(_) => {}
        Err(e) if cannot_write(&e) => {}
        Err(e) => return Err(e),
    }
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    };
    let dir_reason = ReadOnlyCause::DirectoryNotWritable(dir);
    match attempt(read_only, None) {
        Ok(conn) if may_write && disk_full() => return Ok((conn, Some(ReadOnlyCause::DiskFull))),
        Ok(conn) if !may_write => return Ok((conn, Some(ReadOnlyCause::Requested))),
        Ok(conn) => {
            let file_writable = std::fs::OpenOptions::new().write(true).open(path).is_ok();
            return Ok((
                conn,
                Some(if file_writable {
                    dir_reason
                } else {
                    ReadOnlyCause::FileNotWritable
                }),
            ));
        }
        Err(e) if cannot_write(&e) => {}
        Err(e) => return Err(e),
    }
    // A WAL-mode file whose directory cannot hold the -shm file SQLite needs
    // even to read: read it as immutable, which is only right when no WAL
    // holds changes not yet in the file.
    let wal = side_file(path, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        if disk_full() {
            return Err(StoreError::DiskFull);
        }
        return Err(StoreError::WalUnreadable {
            path: path.to_path_buf(),
            wal,
            cause: dir_reason,
        });
    }
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = attempt(read_only, Some(uri))?;
    Ok((
        conn,
        Some(if disk_full() {
            ReadOnlyCause::DiskFull
        } else {
            dir_reason
        }),
    ))
}

/// A path written for an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// An SQLite error from opening `path`, named for what the user can do about it.
fn classify(path: &Path, error: rusqlite::Error) -> StoreError {
    match StoreError::from(error) {
        StoreError::Damaged(Damage::Sqlite { said, .. }) => StoreError::Damaged(Damage::Sqlite {
            path: Some(path.to_path_buf()),
            said,
        }),
        StoreError::Busy(_) => StoreError::Busy(Lock::File(path.to_path_buf())),
        StoreError::Sql(e) if e.code() == Some(ErrorCode::NotADatabase) => {
            StoreError::NotADatabase {
                path: path.to_path_buf(),
                reason: NotADatabaseReason::NotSqlite,
            }
        }
        other => other,
    }
}

/// Writes a new, empty database file at an older schema `version`, as an
/// older styr would have left it; for testing upgrades. Refuses an existing path.
#[doc(hidden)]
pub fn create_at_schema(path: &Path, version: i64) -> Result<()> {
    if path.exists() {
        return Err(StoreError::Exists(path.to_path_buf()));
    }
    if !(1..=migrations::latest()).contains(&version) {
        return Err(StoreError::NoSchemaVersion(version));
    }
    let mut conn = Connection::open(path)?;
    let tx = conn.transaction()?;
    for sql in &migrations::MIGRATIONS[..version as usize] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()?;
    Ok(())
}
