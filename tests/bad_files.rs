//! Bad database files from the command line: each gives one clear line (or
//! opens read-only and says so) and the file is never written to.
//!
//! Read-only cases need a user the permissions apply to: as root (CI), the
//! binary runs as `nobody` through `setpriv`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

mod common;
use common::cli::{clean_env, styr_en, text, Lang, ACTOR, TODAY};

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// `styr` as a user that file permissions apply to.
fn styr_unprivileged(db: &Path) -> Command {
    if !is_root() {
        return styr_en(db);
    }
    let mut cmd = Command::new("setpriv");
    cmd.args([
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        "--inh-caps=-all",
    ])
    .arg(env!("CARGO_BIN_EXE_styr"));
    clean_env(&mut cmd, ACTOR, Lang::En)
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY]);
    cmd
}

/// Exit 1 and exactly one line on stderr, "styr: error: …", naming no raw
/// SQLite error; returns the line.
fn one_line_error(output: &Output, what: &str) -> String {
    let stderr = common::cli::one_line_error(output, what);
    for raw in ["database error", "Error code", "SQLITE_", "malformed: "] {
        assert!(
            !stderr.contains(raw),
            "{what}: raw SQLite error: {stderr:?}"
        );
    }
    stderr
}

struct Dir {
    dir: TempDir,
}

impl Dir {
    fn new() -> Dir {
        let dir = tempfile::tempdir().unwrap();
        Dir { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A demo database at `name`, closed as one file.
    fn demo(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let out = styr_en(&path).arg("demo").output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        path
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Runs a reading and a writing command on `path` and checks both fail with
/// one clear line that contains `expect`, leaving the file as it was.
fn refused(dir: &Dir, path: &Path, expect: &str, what: &str) {
    let before = std::fs::read(path).ok();
    let names = dir.names();
    for args in [
        &["list"][..],
        &["set", "1", "--status", "done"],
        &["doctor"],
    ] {
        let out = styr_en(path).args(args).output().unwrap();
        let line = one_line_error(&out, &format!("{what}: {args:?}"));
        assert!(line.contains(expect), "{what}: {args:?}: {line:?}");
        assert_eq!(
            std::fs::read(path).ok(),
            before,
            "{what}: {args:?} changed the file"
        );
        assert_eq!(dir.names(), names, "{what}: {args:?} left files beside it");
    }
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = Dir::new();
    let path = dir.path("notes.db");
    std::fs::write(&path, "Oppdrag;Frist\nBoligplan;2023-10-01\n".repeat(100)).unwrap();
    refused(&dir, &path, "is not a styr database", "text file");
    let sqlite_other = dir.path("other.db");
    let out = Command::new("sqlite3")
        .arg(&sqlite_other)
        .arg("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .output()
        .expect("sqlite3");
    assert!(out.status.success());
    refused(
        &dir,
        &sqlite_other,
        "has no styr schema",
        "other SQLite file",
    );
}

#[test]
fn a_zero_byte_file_is_refused_untouched() {
    let dir = Dir::new();
    let path = dir.path("empty.db");
    std::fs::write(&path, b"").unwrap();
    refused(&dir, &path, "the file is empty", "zero bytes");
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let dir = Dir::new();
    let good = dir.demo("good.db");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::remove_file(&good).unwrap();
    for cut in [10, 99, 100, 4096, 8192, bytes.len() / 2, bytes.len() - 1] {
        let path = dir.path(&format!("cut-{cut}.db"));
        std::fs::write(&path, &bytes[..cut]).unwrap();
        let expect = if cut < 16 {
            "not an SQLite database"
        } else {
            "is truncated"
        };
        refused(&dir, &path, expect, &format!("cut at {cut}"));
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn a_damaged_page_is_named_and_doctor_reports_it() {
    let dir = Dir::new();
    let path = dir.demo("damaged.db");
    let mut bytes = std::fs::read(&path).unwrap();
    // Scribble over the second half of the file, leaving the header and the
    // schema page readable: the damage shows when the data is read.
    let half = bytes.len() / 2;
    for (i, b) in bytes[half..].iter_mut().enumerate() {
        *b = (i % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let out = styr_en(&path).arg("doctor").output().unwrap();
    let line = one_line_error(&out, "doctor on a damaged file");
    assert!(
        line.contains("damaged") || line.contains("problem"),
        "{line:?}"
    );
    let out = styr_en(&path)
        .args(["set", "1", "--status", "done"])
        .output()
        .unwrap();
    if !out.status.success() {
        one_line_error(&out, "set on a damaged file");
    }
}

#[test]
fn a_database_from_a_newer_styr_is_refused_untouched() {
    let dir = Dir::new();
    let path = dir.demo("newer.db");
    let out = Command::new("sqlite3")
        .arg(&path)
        .arg("PRAGMA user_version = 99;")
        .output()
        .expect("sqlite3");
    assert!(out.status.success());
    refused(
        &dir,
        &path,
        "schema version 99, newer than this styr",
        "newer",
    );
}

#[test]
fn a_path_in_a_missing_directory_is_named() {
    let dir = Dir::new();
    let path = dir.path("nowhere/styr.db");
    refused(&dir, &path, "the directory", "missing directory");
    let out = styr_en(&path).arg("list").output().unwrap();
    assert!(text(&out.stderr).contains("does not exist"));
    assert!(!dir.path("nowhere").exists(), "no directory was created");
}

fn chmod(path: &Path, mode: &str) {
    let out = Command::new("chmod").arg(mode).arg(path).output().unwrap();
    assert!(out.status.success());
}

#[test]
fn a_read_only_file_opens_read_only_and_refuses_changes() {
    let dir = Dir::new();
    chmod(dir.dir.path(), "777");
    let path = dir.demo("ro.db");
    chmod(&path, "444");
    let before = std::fs::read(&path).unwrap();
    let out = styr_unprivileged(&path)
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 32);
    let out = styr_unprivileged(&path).arg("doctor").output().unwrap();
    assert!(text(&out.stdout).contains("(read-only)"));
    let out = styr_unprivileged(&path)
        .args(["set", "1", "--status", "done"])
        .output()
        .unwrap();
    let line = one_line_error(&out, "set on a read-only file");
    assert!(
        line.contains("can only be read (the file is not writable)"),
        "{line:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_in_a_read_only_directory_opens_read_only_and_says_why() {
    let dir = Dir::new();
    chmod(dir.dir.path(), "755");
    let path = dir.demo("styr.db");
    let before = std::fs::read(&path).unwrap();
    // The file itself may be written; its directory may not.
    chmod(&path, "666");
    chmod(dir.dir.path(), "555");
    let names = dir.names();
    let out = styr_unprivileged(&path)
        .args(["show", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = styr_unprivileged(&path)
        .args(["set", "1", "--owner", "Ola"])
        .output()
        .unwrap();
    let line = one_line_error(&out, "set in a read-only directory");
    assert!(line.contains("directory"), "{line:?}");
    assert!(line.contains("is not writable"), "{line:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(dir.names(), names);
    chmod(dir.dir.path(), "755");
}

/// A sqlite3 shell holding the database's write lock until dropped.
struct Holder(std::process::Child);

impl Holder {
    fn lock(path: &Path) -> Holder {
        let mut child = Command::new("sqlite3")
            .arg(path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sqlite3");
        use std::io::{BufRead, Write};
        let stdin = child.stdin.as_mut().unwrap();
        // The lock is taken when the shell has answered.
        writeln!(stdin, "BEGIN IMMEDIATE; SELECT 'held';").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "held");
        Holder(child)
    }

    fn release(mut self) {
        drop(self.0.stdin.take());
        self.0.wait().unwrap();
    }
}

#[test]
fn a_file_locked_by_another_program_is_waited_for_then_named() {
    let dir = Dir::new();
    let path = dir.demo("styr.db");
    // The first open turns on WAL, which the file keeps.
    assert!(styr_en(&path)
        .arg("doctor")
        .output()
        .unwrap()
        .status
        .success());
    // Reads go on while another program writes (WAL).
    let holder = Holder::lock(&path);
    let out = styr_en(&path).arg("list").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A write waits for the lock, up to the bound, then says so.
    let out = styr_en(&path)
        .env("STYR_LOCK_WAIT", "0.3")
        .args(["set", "1", "--status", "done"])
        .output()
        .unwrap();
    let line = one_line_error(&out, "set while locked");
    assert!(line.contains("locked by another program"), "{line:?}");
    assert!(line.contains("nothing was changed"), "{line:?}");
    // A writer that starts while the lock is held succeeds once it is let go.
    let writer = styr_en(&path)
        .args(["set", "1", "--owner", "Ola Nordmann"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    holder.release();
    let out = writer.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = styr_en(&path)
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["owner"], "Ola Nordmann");
    assert_eq!(
        shown["status"], "in-progress",
        "the refused change is absent"
    );
    let out = styr_en(&path).arg("doctor").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
}

/// The event columns of the first schema, which later ones keep.
const V1_EVENTS: &str =
    "SELECT id, at, actor, assignment_id, field, old, new, comment, undoes FROM events ORDER BY id;";

#[test]
fn an_older_schema_is_copied_aside_before_it_is_upgraded() {
    let dir = Dir::new();
    let path = dir.path("styr.db");
    // A file of the first schema, with what an older styr wrote into it
    // (the first schema's tables never change).
    styr::store::create_at_schema(&path, 1).unwrap();
    let created = r#"{"id":1,"parent_id":null,"year":2023,"title":"Boligplan","description":"","lead_sector":"HOM","sectors":[],"goal_id":null,"source":"","owner":"","due":null,"status":"not-started","assessment":null,"expected_done":null}"#;
    let out = Command::new("sqlite3")
        .arg(&path)
        .arg(format!(
            "INSERT INTO settings VALUES ('municipality', 'Testkommune'), ('year', '2023');
             INSERT INTO sectors VALUES ('HOM', 'Helse og omsorg', 0);
             INSERT INTO assignments (id, year, title, lead_sector, status, version)
                 VALUES (1, 2023, 'Boligplan', 'HOM', 'not-started', 1);
             INSERT INTO events (at, actor, assignment_id, field, new)
                 VALUES ('2023-01-05T10:00:00Z', 'kari', 1, 'created', '{created}');"
        ))
        .output()
        .expect("sqlite3");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before = std::fs::read(&path).unwrap();
    let out = styr_en(&path)
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let kept = dir.path("styr.db.schema-1.bak");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("from schema 1 to") && stderr.contains(&kept.display().to_string()),
        "{stderr:?}"
    );
    // The copy is the old file's content: same schema version, same data.
    let query = |file: &Path, sql: &str| {
        let out = Command::new("sqlite3").arg(file).arg(sql).output().unwrap();
        text(&out.stdout)
    };
    assert_eq!(query(&kept, "PRAGMA user_version;").trim(), "1");
    assert_eq!(
        query(&kept, V1_EVENTS),
        query(&path, V1_EVENTS),
        "the upgraded file keeps the log"
    );
    assert_eq!(
        query(&path, "PRAGMA user_version;").trim(),
        styr::store::latest_schema().to_string()
    );
    let out = styr_en(&path).arg("doctor").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
    let old_copy = dir.path("old.db");
    std::fs::write(&old_copy, &before).unwrap();
    assert_eq!(
        query(&kept, "SELECT * FROM assignments ORDER BY id;"),
        query(&old_copy, "SELECT * FROM assignments ORDER BY id;")
    );
    // Opening again upgrades nothing and keeps no second copy.
    let out = styr_en(&path).arg("list").output().unwrap();
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
    assert!(!dir.path("styr.db.1.schema-1.bak").exists());
}

/// The page numbers of `table`'s leaves, from SQLite's `dbstat`.
fn leaf_pages(path: &Path, table: &str) -> Vec<u64> {
    let out = Command::new("sqlite3")
        .arg(path)
        .arg(format!(
            "SELECT pageno FROM dbstat WHERE name = '{table}' AND pagetype = 'leaf' ORDER BY pageno;"
        ))
        .output()
        .expect("sqlite3");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect()
}

/// One page of the event log, in the middle, overwritten with random bytes:
/// `set` (which writes nowhere near it) exits 1 saying the file is damaged
/// and naming the newest backup to restore, and writes nothing; `doctor`
/// names the event log as what is damaged.
#[test]
fn a_write_is_refused_on_a_damaged_event_log_and_the_newest_backup_named() {
    let dir = Dir::new();
    let path = dir.demo("styr.db");
    let older = dir.path("styr-mandag.db");
    let newest = dir.path("styr-tirsdag.db");
    for backup in [&older, &newest] {
        let out = styr_en(&path).arg("backup").arg(backup).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pages = leaf_pages(&path, "events");
    assert!(pages.len() > 2, "{pages:?}");
    let page = pages[pages.len() / 2];
    let mut bytes = std::fs::read(&path).unwrap();
    let page_size = 4096;
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for b in &mut bytes[(page as usize - 1) * page_size..page as usize * page_size] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *b = state as u8;
    }
    std::fs::write(&path, &bytes).unwrap();

    let out = styr_en(&path)
        .args(["set", "1", "--owner", "Mallory"])
        .output()
        .unwrap();
    let line = one_line_error(&out, "set on a damaged event log");
    assert!(
        line.contains("is damaged (table events is damaged)"),
        "{line}"
    );
    assert!(line.contains("nothing was written"), "{line}");
    assert!(
        line.contains(&format!("`styr restore {}`", newest.display())),
        "{line}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file was written");
    let wal = dir.path("styr.db-wal");
    assert!(
        std::fs::metadata(&wal).map_or(0, |m| m.len()) == 0,
        "the WAL holds a write"
    );

    let out = styr_en(&path).arg("doctor").output().unwrap();
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!out.status.success());
    assert!(said.contains("table events is damaged"), "{said}");

    let out = common::cli::dated_styr(&path, ACTOR, Lang::Nb)
        .args(["set", "1", "--owner", "Mallory"])
        .output()
        .unwrap();
    let line = one_line_error(&out, "set på en skadet fil");
    assert!(
        line.contains("er skadet (tabellen events er skadet); ingenting ble skrevet"),
        "{line}"
    );
}

/// A `set` remembers the file sound (in the cache directory) so that the
/// next one need not read every page; a page damaged at once after it, in
/// the same tick of the file system's clock, is still refused.
#[test]
fn damage_right_after_a_remembered_write_is_still_refused() {
    let dir = Dir::new();
    let path = dir.demo("styr.db");
    let cache = dir.path("cache");
    let page = {
        let pages = leaf_pages(&path, "events");
        pages[pages.len() / 2] as usize
    };
    let set = |owner: &str| {
        styr_en(&path)
            .env("XDG_CACHE_HOME", &cache)
            .args(["set", "1", "--owner", owner])
            .output()
            .unwrap()
    };
    for owner in ["Kari", "Ola"] {
        let out = set(owner);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let record = std::fs::read_to_string(cache.join("styr/sound-files")).unwrap();
    let shown = std::fs::canonicalize(&path).unwrap().display().to_string();
    assert!(record.lines().any(|l| l.ends_with(&shown)), "{record}");

    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[(page - 1) * 4096..page * 4096] {
        *b = b.wrapping_mul(31).wrapping_add(7);
    }
    std::fs::write(&path, &bytes).unwrap();
    let out = set("Mallory");
    let line = one_line_error(&out, "set right after damage");
    assert!(line.contains("is damaged"), "{line}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file was written");
}

/// A file whose `user_version` was set below its real schema: one line
/// saying so, the file as it was, and no copy of it left behind.
#[test]
fn a_schema_version_below_the_tables_is_refused_in_one_line_leaving_nothing() {
    let dir = Dir::new();
    let path = dir.demo("styr.db");
    let out = Command::new("sqlite3")
        .arg(&path)
        .arg("PRAGMA user_version = 1;")
        .output()
        .expect("sqlite3");
    assert!(out.status.success());
    let names = dir.names();
    let before = std::fs::read(&path).unwrap();
    for _ in 0..2 {
        let out = styr_en(&path).arg("list").output().unwrap();
        let line = one_line_error(&out, "list on a lowered user_version");
        assert!(
            line.contains("says schema version 1, but its tables do not fit it"),
            "{line}"
        );
        assert!(line.len() < 300, "{line}");
    }
    assert_eq!(dir.names(), names, "something was left beside the file");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// The append-only triggers dropped and an actor rewritten by hand:
/// `doctor` names each missing guard, `set` refuses to write, `doctor
/// --repair` puts them back and notes it, and then writes go on and the
/// log is guarded again.
#[test]
fn dropped_log_guards_are_found_block_writes_and_are_repaired() {
    let dir = Dir::new();
    let path = dir.demo("styr.db");
    let sql = |sql: &str| {
        let out = Command::new("sqlite3")
            .arg(&path)
            .arg(sql)
            .output()
            .unwrap();
        (out.status.success(), text(&out.stdout), text(&out.stderr))
    };
    let (ok, _, err) = sql(
        "DROP TRIGGER events_no_update; DROP TRIGGER catalog_events_no_delete;
         UPDATE events SET actor = 'Mallory' WHERE id = 1;",
    );
    assert!(ok, "{err}");
    let count = || sql("SELECT count(*) FROM events;").1;
    let before = count();

    let out = styr_en(&path).arg("doctor").output().unwrap();
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    for name in ["events_no_update", "catalog_events_no_delete"] {
        assert!(
            said.contains(&format!("the log guard {name} is missing or changed")),
            "{said}"
        );
    }

    let out = styr_en(&path)
        .args(["set", "2", "--owner", "Mallory"])
        .output()
        .unwrap();
    let line = one_line_error(&out, "set without the guards");
    assert!(
        line.contains("append-only are gone (catalog_events_no_delete, events_no_update); nothing was written. `styr doctor --repair` puts them back"),
        "{line}"
    );
    assert_eq!(count(), before);

    // The guards come back; the actor rewritten while they were gone stays
    // named by the hash chain, so doctor still fails on that one event.
    let out = styr_en(&path)
        .args(["doctor", "--repair"])
        .output()
        .unwrap();
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("put the log guards back (catalog_events_no_delete, events_no_update)"),
        "{said}"
    );
    assert!(
        said.contains("the event log, event 1: does not fit the hash chain")
            && !said.contains("is missing or changed"),
        "{said}"
    );
    let (_, noted, _) = sql("SELECT value FROM settings WHERE key = 'guards_restored';");
    assert!(
        noted.contains("\"actor\":\"kari\"") && noted.contains("events_no_update"),
        "{noted}"
    );
    let (ok, _, err) = sql("UPDATE events SET actor = 'Eve' WHERE id = 2;");
    assert!(!ok && err.contains("append-only"), "{err}");
    let out = styr_en(&path)
        .args(["set", "2", "--owner", "Ola"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = styr_en(&path)
        .args(["doctor", "--repair"])
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("nothing to repair"));

    let out = common::cli::dated_styr(&path, ACTOR, Lang::Nb)
        .arg("doctor")
        .output()
        .unwrap();
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert_eq!(
        said.trim(),
        "hendelsesloggen, hendelse 1: passer ikke i hashkjeden; den (eller hendelsen før) er endret etter at den ble skrevet"
    );
}

/// Every message about a lock reads wholly in the chosen language: a write
/// waiting on a WAL file's writer, and a read and a write on a file another
/// program holds locked in rollback mode.
#[test]
fn locking_messages_are_wholly_in_one_language() {
    let dir = Dir::new();
    let wal = dir.demo("wal.db");
    assert!(styr_en(&wal)
        .arg("doctor")
        .output()
        .unwrap()
        .status
        .success());
    let rollback = dir.demo("rollback.db");
    for (lang, words) in [
        (Lang::Nb, styr::words::Lang::Nb),
        (Lang::En, styr::words::Lang::En),
    ] {
        let holder = Holder::lock(&wal);
        let out = common::cli::dated_styr(&wal, ACTOR, lang)
            .env("STYR_LOCK_WAIT", "0.2")
            .args(["set", "1", "--status", "done"])
            .output()
            .unwrap();
        holder.release();
        let line = one_line_error(&out, "set while a writer holds the lock");
        let wal_shown = wal.display().to_string();
        common::cli::assert_language(&line, words, &["styr: error:", &wal_shown, "0.2 s"]);

        let holder = Holder::lock(&rollback);
        for args in [&["list"][..], &["set", "1", "--owner", "Ola"][..]] {
            let out = common::cli::dated_styr(&rollback, ACTOR, lang)
                .env("STYR_LOCK_WAIT", "0.2")
                .args(args)
                .output()
                .unwrap();
            if out.status.success() {
                continue;
            }
            let line = one_line_error(&out, "a command on a locked file");
            let shown = rollback.display().to_string();
            common::cli::assert_language(&line, words, &["styr: error:", &shown, "0.2 s"]);
        }
        holder.release();
    }
}
