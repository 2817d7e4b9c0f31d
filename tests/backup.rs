//! `styr backup` and `styr restore` from the command line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use styr::domain::Field;
use styr::store::{Stamp, Store};

mod common;
use common::cli::{demo, styr_en};

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn error_line(out: Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
    assert!(stderr.starts_with("styr: error: "), "{what}: {stderr}");
    stderr
}

fn events(db: &Path) -> usize {
    Store::open_to_read(db)
        .unwrap()
        .events(None, None)
        .unwrap()
        .len()
}

fn list_json(db: &Path) -> String {
    ok(
        styr_en(db)
            .args(["list", "--tasks", "--format", "json"])
            .output()
            .unwrap(),
        "list",
    )
}

#[test]
fn a_backup_taken_while_others_write_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) || n < 20 {
                let owner = format!("skriver {n}");
                store
                    .change(
                        1 + n % 5,
                        None,
                        &[(Field::Owner, Some(owner))],
                        None,
                        &Stamp::now("w"),
                    )
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let mut counts = Vec::new();
    for n in 0..5 {
        let copy = dir.path().join(format!("copy-{n}.db"));
        let out = ok(
            styr_en(&db).arg("backup").arg(&copy).output().unwrap(),
            "backup",
        );
        assert!(out.contains("doctor: ok"), "{out}");
        let store = Store::open_to_read(&copy).unwrap();
        assert!(store.diagnose().unwrap().is_ok());
        counts.push(store.events(None, None).unwrap().len());
        // One file, no journal beside it.
        assert!(!PathBuf::from(format!("{}-wal", copy.display())).exists());
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
    assert!(*counts.last().unwrap() <= events(&db));
    assert!(written >= 20);
    // An existing file is never replaced.
    let taken = dir.path().join("copy-0.db");
    let before = std::fs::read(&taken).unwrap();
    let line = error_line(
        styr_en(&db).arg("backup").arg(&taken).output().unwrap(),
        "backup over a file",
    );
    assert!(line.contains("already exists"), "{line}");
    assert_eq!(std::fs::read(&taken).unwrap(), before);
}

#[test]
fn restore_refuses_what_fails_doctor_and_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    ok(styr_en(&db).arg("doctor").output().unwrap(), "doctor");
    let before = list_json(&db);
    let before_events = events(&db);

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "ikke en database").unwrap();
    let line = error_line(
        styr_en(&db)
            .args(["restore", "--yes"])
            .arg(&text)
            .output()
            .unwrap(),
        "restore text",
    );
    assert!(line.contains("not a styr database"), "{line}");

    // A backup whose table disagrees with its log.
    let bad = dir.path().join("bad.db");
    ok(
        styr_en(&db).arg("backup").arg(&bad).output().unwrap(),
        "backup",
    );
    let out = Command::new("sqlite3")
        .arg(&bad)
        .arg("UPDATE assignments SET owner = 'Ingen' WHERE id = 1;")
        .output()
        .unwrap();
    assert!(out.status.success());
    let line = error_line(
        styr_en(&db)
            .args(["restore", "--yes"])
            .arg(&bad)
            .output()
            .unwrap(),
        "restore bad",
    );
    assert!(line.contains("fails `styr doctor`"), "{line}");
    assert!(line.contains("assignment 1"), "{line}");

    // A good backup, but no terminal to ask on and no --yes.
    let good = dir.path().join("good.db");
    ok(
        styr_en(&db).arg("backup").arg(&good).output().unwrap(),
        "backup",
    );
    let line = error_line(
        styr_en(&db).arg("restore").arg(&good).output().unwrap(),
        "restore without --yes",
    );
    assert!(line.contains("--yes"), "{line}");

    assert_eq!(list_json(&db), before);
    assert_eq!(events(&db), before_events);
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore") || n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn restore_puts_a_backup_back_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let copy = dir.path().join("monday.db");
    ok(
        styr_en(&db).arg("backup").arg(&copy).output().unwrap(),
        "backup",
    );
    let at_backup = list_json(&db);
    ok(
        styr_en(&db)
            .args(["set", "1", "--status", "done", "--comment", "etter backup"])
            .output()
            .unwrap(),
        "set",
    );
    let after_change = list_json(&db);
    let changed_events = events(&db);
    // Another connection stays open through the restore and then sees it.
    let reader = Store::open(&db).unwrap();
    let out = ok(
        styr_en(&db)
            .args(["restore", "--yes"])
            .arg(&copy)
            .output()
            .unwrap(),
        "restore",
    );
    assert!(out.contains("doctor: ok"), "{out}");
    assert_eq!(list_json(&db), at_backup);
    assert_eq!(
        reader.assignment(1).unwrap().status,
        styr::domain::Status::InProgress
    );
    assert!(reader.diagnose().unwrap().is_ok());
    let kept = out
        .rsplit("kept at ")
        .next()
        .map(|p| PathBuf::from(p.trim()))
        .unwrap();
    assert!(kept.exists(), "{out}");
    assert_eq!(list_json(&kept), after_change);
    assert_eq!(events(&kept), changed_events);
}

/// What a `restore`, a `backup` and a `demo --force` killed part-way leave
/// (hidden files named after a process that has ended, with SQLite's files
/// beside them) is gone after the next command; the same names of a
/// running process, and other hidden files, are left alone.
#[test]
fn leftovers_of_killed_restores_and_demos_are_removed_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut ended = Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    let dead = ended.id();
    let alive = std::process::id();
    let leftovers = [
        format!(".styr.db.new-{dead}"),
        format!(".styr.db.new-{dead}-journal"),
        format!(".styr-restore-{dead}.db"),
        format!(".styr-restore-{dead}.db-wal"),
        format!(".styr-restore-{dead}.db-shm"),
        format!(".copy.db.partial-{dead}"),
    ];
    let kept = [
        format!(".styr-restore-{alive}.db"),
        format!(".styr.db.new-{alive}"),
        ".styr.db.new-notes".to_string(),
        ".hidden".to_string(),
    ];
    for name in leftovers.iter().chain(&kept) {
        std::fs::write(dir.path().join(name), b"SQLite format 3\0 half written").unwrap();
    }
    ok(styr_en(&db).arg("list").output().unwrap(), "list");
    for name in &leftovers {
        assert!(!dir.path().join(name).exists(), "{name} is still there");
    }
    for name in &kept {
        assert!(dir.path().join(name).exists(), "{name} was removed");
    }
    // `demo --force` cleans up before it builds, too.
    std::fs::write(dir.path().join(&leftovers[0]), b"half").unwrap();
    ok(
        styr_en(&db).args(["demo", "--force"]).output().unwrap(),
        "demo --force",
    );
    assert!(!dir.path().join(&leftovers[0]).exists());
}
