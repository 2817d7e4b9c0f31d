//! Remembering that a file was found sound, so that the whole-file check
//! before a connection's first write (RELIABILITY.md, "No write into a
//! damaged file") runs once per change made to the file outside styr, not
//! once per process.
//!
//! A file is known by its fingerprint: its length, its modification and
//! status-change times to the nanosecond, and (on Unix) its device and
//! inode. Any write to the file through the file system, SQLite's or any
//! other program's, changes the times; a file replaced by another (a
//! restore, a copy) changes the inode.
//!
//! A connection that found the file sound (or trusted a remembered
//! fingerprint) records the file's fingerprint when it closes, after
//! SQLite's closing checkpoint, and only when the file was not changed by
//! anyone else while it was open (its fingerprint just before the close is
//! the one it checked). Before recording it sets the file's modification
//! time one microsecond back: a write in the same tick of the file
//! system's clock as the checkpoint would otherwise leave the times as
//! they were, and the damage unseen. The fingerprints are kept in one small
//! file in the user's cache directory; a lost or unreadable record only
//! means the next write checks the whole file again.
//!
//! What this cannot see: a page that rots on the disk below the file system
//! changes no fingerprint. SQLite still refuses such a page when a read or
//! a write meets it, and `styr doctor` reads every page.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How many files the record remembers (the most recently recorded).
const REMEMBERED: usize = 64;

/// What a file looks like from outside: see the module's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fingerprint {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    device: u64,
    inode: u64,
}

impl Fingerprint {
    /// The file's fingerprint now, if it can be read.
    pub(super) fn of(path: &Path) -> Option<Fingerprint> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = nanos(meta.modified().ok()?);
        #[cfg(unix)]
        let (changed_ns, device, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.dev(),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (changed_ns, device, inode) = (modified_ns, 0, 0);
        Some(Fingerprint {
            len: meta.len(),
            modified_ns,
            changed_ns,
            device,
            inode,
        })
    }

    fn to_line(self, path: &Path) -> String {
        format!(
            "{} {} {} {} {}\t{}",
            self.len,
            self.modified_ns,
            self.changed_ns,
            self.device,
            self.inode,
            path.display()
        )
    }

    fn from_line(line: &str) -> Option<(Fingerprint, &str)> {
        let (numbers, path) = line.split_once('\t')?;
        let mut numbers = numbers.split(' ');
        let mut next = || numbers.next();
        Some((
            Fingerprint {
                len: next()?.parse().ok()?,
                modified_ns: next()?.parse().ok()?,
                changed_ns: next()?.parse().ok()?,
                device: next()?.parse().ok()?,
                inode: next()?.parse().ok()?,
            },
            path,
        ))
    }
}

fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// The record of files found sound: `styr/sound-files` in the user's
/// cache directory, one line per file.
fn record_path() -> Option<PathBuf> {
    #[cfg(test)]
    if let Some(path) = tests::RECORD.with(|r| r.borrow().clone()) {
        return Some(path);
    }
    let dirs = directories::ProjectDirs::from("no", "styr", "styr")?;
    Some(dirs.cache_dir().join("sound-files"))
}

/// The name the record keeps a database under: its absolute path.
fn key(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Whether the file at `path` looks exactly as it did when it was last
/// recorded sound.
pub(super) fn remembered_sound(path: &Path, now: &Fingerprint) -> bool {
    let (Some(record), Some(key)) = (record_path(), key(path)) else {
        return false;
    };
    let Ok(text) = std::fs::read_to_string(record) else {
        return false;
    };
    let key = key.display().to_string();
    text.lines()
        .filter_map(Fingerprint::from_line)
        .any(|(print, at)| at == key && print == *now)
}

/// Records the file at `path` as sound as it is now, after setting its
/// modification time one microsecond back (see the module's text).
/// `before` is the fingerprint the file had just before the connection
/// closed; nothing is recorded when the file changed since but for its
/// length and times (it was replaced), or when its time cannot be set.
fn record_sound(path: &Path, before: &Fingerprint) {
    let (Some(record), Some(key)) = (record_path(), key(path)) else {
        return;
    };
    let Some(after) = Fingerprint::of(path) else {
        return;
    };
    if (after.device, after.inode) != (before.device, before.inode) {
        return;
    }
    let back = UNIX_EPOCH + Duration::from_nanos(after.modified_ns.max(1_000) as u64)
        - Duration::from_micros(1);
    let set = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(back));
    if set.is_err() {
        return;
    }
    let Some(now) = Fingerprint::of(path) else {
        return;
    };
    // Written to in between: left for the next check.
    if now.len != after.len || now.modified_ns >= after.modified_ns {
        return;
    }
    let key_text = key.display().to_string();
    let old = std::fs::read_to_string(&record).unwrap_or_default();
    let mut lines: Vec<&str> = old
        .lines()
        .filter(|line| Fingerprint::from_line(line).is_some_and(|(_, at)| at != key_text))
        .collect();
    let skip = (lines.len() + 1).saturating_sub(REMEMBERED);
    lines.drain(..skip);
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&now.to_line(&key));
    text.push('\n');
    let Some(dir) = record.parent() else {
        return;
    };
    let temp = dir.join(format!(".sound-files.{}", std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&temp, text))
        .and_then(|()| std::fs::rename(&temp, &record));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

/// How the file was found sound before this connection's first write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoundCheck {
    /// Not asked yet (no write so far).
    NotYet,
    /// A file this connection made, or one in memory: nothing to check.
    New,
    /// SQLite's quick check read every page.
    Checked,
    /// The file looked exactly as when it was last found sound.
    Remembered,
}

#[derive(Debug)]
struct State {
    path: Option<PathBuf>,
    check: SoundCheck,
    /// The fingerprint the file had when it was found sound.
    sound_as: Option<Fingerprint>,
    /// The fingerprint just before the connection closed.
    before_close: Option<Fingerprint>,
}

/// The soundness check of one connection. The store holds it in two
/// fields, one before its connection and one after, so that it is dropped
/// once just before the connection closes and once just after.
#[derive(Debug, Clone)]
pub(super) struct Soundness(Arc<Mutex<State>>);

impl Soundness {
    /// For a connection to the file at `path`, none of whose writes has
    /// been checked yet.
    pub(super) fn unchecked(path: Option<PathBuf>) -> Soundness {
        Soundness::with(path, SoundCheck::NotYet)
    }

    /// For a file the connection made (or in memory).
    pub(super) fn new_file() -> Soundness {
        Soundness::with(None, SoundCheck::New)
    }

    fn with(path: Option<PathBuf>, check: SoundCheck) -> Soundness {
        Soundness(Arc::new(Mutex::new(State {
            path,
            check,
            sound_as: None,
            before_close: None,
        })))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(super) fn check(&self) -> SoundCheck {
        self.state().check
    }

    /// The file's path and fingerprint now, and whether it is remembered
    /// sound as it is.
    pub(super) fn look(&self) -> (Option<Fingerprint>, bool) {
        let state = self.state();
        let Some(path) = &state.path else {
            return (None, false);
        };
        let now = Fingerprint::of(path);
        let remembered = now.is_some_and(|now| remembered_sound(path, &now));
        (now, remembered)
    }

    /// The file was found sound, looking like `print`.
    pub(super) fn found(&self, check: SoundCheck, print: Option<Fingerprint>) {
        let mut state = self.state();
        state.check = check;
        state.sound_as = print;
    }

    /// Called just before the connection closes.
    pub(super) fn closing(&self) {
        let mut state = self.state();
        if state.sound_as.is_some() {
            state.before_close = state.path.as_deref().and_then(Fingerprint::of);
        }
    }

    /// Called just after the connection closed: records the file sound when
    /// nothing but this connection changed it since it was found sound.
    pub(super) fn closed(&self) {
        let state = self.state();
        if let (Some(path), Some(sound_as), Some(before)) =
            (&state.path, state.sound_as, state.before_close)
        {
            if sound_as == before {
                record_sound(path, &before);
            }
        }
    }
}

/// Dropped just before the connection (see [`Soundness`]).
#[derive(Debug)]
pub(super) struct BeforeClose(pub(super) Soundness);

impl Drop for BeforeClose {
    fn drop(&mut self) {
        self.0.closing();
    }
}

/// Dropped just after the connection (see [`Soundness`]).
#[derive(Debug)]
pub(super) struct AfterClose(pub(super) Soundness);

impl Drop for AfterClose {
    fn drop(&mut self) {
        self.0.closed();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Field;
    use crate::store::{Stamp, Store, StoreError};

    thread_local! {
        /// The record this test thread uses instead of the user's.
        pub(super) static RECORD: std::cell::RefCell<Option<PathBuf>> =
            const { std::cell::RefCell::new(None) };
    }

    fn change(path: &Path, owner: &str) -> (SoundCheck, Result<(), StoreError>) {
        let mut store = Store::open(path).expect("open");
        let changed = store
            .change(
                1,
                None,
                &[(Field::Owner, Some(owner.into()))],
                None,
                &Stamp::now("test"),
            )
            .map(|_| ());
        (store.sound_check(), changed)
    }

    /// The second process trusts the file the first left sound; the file
    /// written to at once after (the same bytes, even) is checked again.
    #[test]
    fn a_file_is_trusted_only_as_the_last_writer_left_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        RECORD.with(|r| *r.borrow_mut() = Some(dir.path().join("sound-files")));
        let path = dir.path().join("styr.db");
        let mut store = Store::create(&path).expect("create");
        crate::assets::load_demo(&mut store).expect("demo");
        store.close_as_single_file().expect("close");

        let (check, changed) = change(&path, "A");
        assert_eq!(check, SoundCheck::Checked);
        changed.expect("change");
        let (check, changed) = change(&path, "B");
        assert_eq!(check, SoundCheck::Remembered);
        changed.expect("change");

        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes).expect("write");
        let (check, changed) = change(&path, "C");
        assert_eq!(check, SoundCheck::Checked);
        changed.expect("change");

        // A connection that only reads records nothing, and one open
        // while another process writes leaves the file to be checked.
        let reader = Store::open(&path).expect("open");
        let (check, _) = change(&path, "D");
        assert_eq!(check, SoundCheck::Remembered);
        let mut writer = Store::open(&path).expect("open");
        writer
            .change(
                1,
                None,
                &[(Field::Owner, Some("E".into()))],
                None,
                &Stamp::now("t"),
            )
            .expect("change");
        drop(reader);
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes).expect("write");
        drop(writer);
        let (check, changed) = change(&path, "F");
        assert_eq!(check, SoundCheck::Checked);
        changed.expect("change");
    }

    #[test]
    fn a_line_reads_back_as_written() {
        let print = Fingerprint {
            len: 4096,
            modified_ns: 1_700_000_000_123_456_789,
            changed_ns: -5,
            device: 2049,
            inode: 77,
        };
        let path = Path::new("/tmp/a b\u{e6}/styr.db");
        let line = print.to_line(path);
        assert_eq!(
            Fingerprint::from_line(&line),
            Some((print, "/tmp/a b\u{e6}/styr.db"))
        );
        assert_eq!(Fingerprint::from_line("1 2 3\t/x"), None);
        assert_eq!(Fingerprint::from_line("garbage"), None);
    }
}
