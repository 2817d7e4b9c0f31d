//! Copies of the whole database through SQLite's online backup API: one
//! consistent state even while other processes write, and a restore that
//! other open connections see whole.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::db::FileOnly;
use super::open::{lock_wait, side_file};
use super::{Result, Store, StoreError};

impl Store {
    /// Writes one consistent copy of the database to a new file at `target`,
    /// refusing to replace anything there. The copy is built beside the
    /// target and moved into place only when complete and on disk, so an
    /// interrupted backup never leaves a half file under the name.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::Exists(target.to_path_buf()));
        }
        let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => dir.to_path_buf(),
            None => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(StoreError::MissingDirectory {
                path: target.to_path_buf(),
                dir,
            });
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "styr.db".into());
        let partial = dir.join(format!(".{name}.partial-{}", std::process::id()));
        let result = self.copy_into_new(&partial).and_then(|()| {
            // A hard link refuses an existing name, where a rename would replace it.
            std::fs::hard_link(&partial, target).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    StoreError::Exists(target.to_path_buf())
                } else {
                    io_error(target, e)
                }
            })?;
            sync_dir(&dir);
            Ok(())
        });
        remove_with_side_files(&partial);
        result
    }

    fn copy_into_new(&self, partial: &Path) -> Result<()> {
        remove_with_side_files(partial);
        let mut copy = Connection::open(partial)?;
        copy_all(self.conn.file(FileOnly::Backup)?, &mut copy)?;
        // A self-contained file: no WAL beside it, all pages in the file.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        copy.close().map_err(|(_, e)| StoreError::from(e))?;
        std::fs::File::open(partial)
            .and_then(|f| f.sync_all())
            .map_err(|e| io_error(partial, e))
    }

    /// Replaces everything in this database with the content of `source`,
    /// in one step that other connections see whole.
    pub fn restore_from(&mut self, source: &Store) -> Result<()> {
        // Not `writable()`: putting a backup back is the cure for a damaged file.
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        copy_all(
            source.conn.file(FileOnly::Restore)?,
            self.conn.file_mut(FileOnly::Restore)?,
        )
    }
}

/// Copies every page of `from` into `to` in one step (one read transaction on
/// `from`, so one consistent state), waiting within the lock bound if the
/// destination is locked.
fn copy_all(from: &Connection, to: &mut Connection) -> Result<()> {
    let started = Instant::now();
    let backup = Backup::new(from, to)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if started.elapsed() < lock_wait() => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            StepResult::Busy | StepResult::Locked => {
                return Err(StoreError::Busy(super::Lock::Database))
            }
            _ => {}
        }
    }
}

fn io_error(path: &Path, error: std::io::Error) -> StoreError {
    StoreError::CannotWrite {
        path: path.to_path_buf(),
        error,
    }
}

/// Makes a rename or link in `dir` durable; best effort where a directory
/// cannot be opened for that.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Removes a file and SQLite's journal files beside it, if there.
pub(super) fn remove_with_side_files(path: &Path) {
    for file in [
        path.to_path_buf(),
        side_file(path, "-wal"),
        side_file(path, "-shm"),
        side_file(path, "-journal"),
    ] {
        let _ = std::fs::remove_file(file);
    }
}

/// A file to restore from, checked: a private copy beside the database,
/// upgraded to this schema, that passed `doctor`. Removed when dropped.
pub struct RestoreSource {
    path: PathBuf,
    store: Option<Store>,
    /// What `doctor` found in it (no problems).
    pub diagnosis: super::Diagnosis,
}

impl RestoreSource {
    /// Copies `source` next to `beside` and checks the copy; refuses a file
    /// that is not a styr database, is newer than this styr or fails `doctor`.
    /// `source` itself is only read.
    pub fn check(source: &Path, beside: &Path) -> Result<RestoreSource> {
        let original = Store::open_to_read(source)?;
        let dir = match beside.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => dir.to_path_buf(),
            None => PathBuf::from("."),
        };
        let path = dir.join(format!(".styr-restore-{}.db", std::process::id()));
        remove_with_side_files(&path);
        let mut checked = RestoreSource {
            path,
            store: None,
            diagnosis: super::Diagnosis::default(),
        };
        original.backup_to(&checked.path)?;
        drop(original);
        let store = Store::open_with(&checked.path, false)?;
        let diagnosis = store.diagnose()?;
        if !diagnosis.is_ok() {
            return Err(StoreError::FailsDoctor {
                source: source.to_path_buf(),
                problems: diagnosis.problems.len(),
                first: diagnosis.problems[0].clone(),
            });
        }
        checked.store = Some(store);
        checked.diagnosis = diagnosis;
        Ok(checked)
    }

    /// The checked copy, to restore from.
    pub fn store(&self) -> &Store {
        self.store.as_ref().expect("checked")
    }
}

impl Drop for RestoreSource {
    fn drop(&mut self) {
        drop(self.store.take());
        remove_with_side_files(&self.path);
    }
}

/// The newest backup styr knows of for the database at `db`: a file in its
/// directory named after it (`styr.db.before-restore-…`, `styr.db.schema-1.bak`,
/// `styr-backup.db`, …) that begins as an SQLite file, by time of change.
pub(super) fn newest_backup(db: &Path) -> Option<PathBuf> {
    let name = db.file_name()?.to_string_lossy().into_owned();
    let stem = db.file_stem()?.to_string_lossy().into_owned();
    let dir = match db.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    };
    let side = ["-wal", "-shm", "-journal"];
    std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .filter_map(|entry| {
            let file = entry.file_name().to_string_lossy().into_owned();
            let candidate = file != name
                && !file.starts_with('.')
                && file.starts_with(&stem)
                && !side.iter().any(|s| file.ends_with(s));
            let modified = entry.metadata().ok()?.modified().ok()?;
            (candidate && is_sqlite_file(&entry.path())).then(|| (modified, entry.path()))
        })
        .max()
        .map(|(_, path)| path)
}

fn is_sqlite_file(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

/// Removes the hidden files a styr killed part-way left beside the database
/// at `db`: the database being built by `demo`/`init` (`.styr.db.new-PID`),
/// a copy being written by `backup` (`.NAME.partial-PID`) and a file being
/// checked by `restore` (`.styr-restore-PID.db`), each with SQLite's files
/// beside it, once process PID has ended. Returns how many were removed.
pub fn remove_leftovers(db: &Path) -> usize {
    let Some(name) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let dir = match db.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&file, &name) else {
            continue;
        };
        if pid == std::process::id() || still_running(pid, &entry) {
            continue;
        }
        if std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The process id in the name of a hidden temporary file of styr's for the
/// database named `db_name`, if `file` is one.
fn leftover_pid(file: &str, db_name: &str) -> Option<u32> {
    let base = ["-wal", "-shm", "-journal"]
        .iter()
        .find_map(|s| file.strip_suffix(s))
        .unwrap_or(file);
    let digits = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if let Some(rest) = base.strip_prefix(&format!(".{db_name}.new-")) {
        return digits(rest);
    }
    if let Some(rest) = base.strip_prefix(".styr-restore-") {
        return digits(rest.strip_suffix(".db")?);
    }
    let (_, pid) = base.strip_prefix('.')?.rsplit_once(".partial-")?;
    digits(pid)
}

/// Whether process `pid` may still be using its file: by `/proc` where
/// there is one, else by the file having changed within the last day.
fn still_running(pid: u32, entry: &std::fs::DirEntry) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(24 * 3600))
}
