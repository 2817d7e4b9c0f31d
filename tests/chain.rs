//! The hash chains over the event logs: a history rewritten behind styr's
//! back is named by `doctor` and refused by `log --verify --expect`, while
//! events appended since keep an earlier check value valid.

use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::Connection;
use tempfile::TempDir;

mod common;
use common::cli::{demo, one_line_error, styr_en, text};

/// The check value `log --verify` prints on its last line.
fn check_value(db: &Path) -> String {
    let out = styr_en(db).args(["log", "--verify"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let last = stdout.lines().last().expect("a last line");
    let value = last.rsplit(' ').next().unwrap().to_string();
    assert!(value.parse::<styr::store::Seal>().is_ok(), "{stdout}");
    value
}

fn expect(db: &Path, value: &str) -> Output {
    styr_en(db)
        .args(["log", "--verify", "--expect", value])
        .output()
        .unwrap()
}

fn doctor(db: &Path) -> Output {
    styr_en(db).arg("doctor").output().unwrap()
}

/// What an administrator with the file can do: drop the trigger that
/// guards `table`, run `sql`, and put the trigger back as it was.
fn behind_the_triggers(db: &Path, trigger: &str, sql: &str) {
    let conn = Connection::open(db).unwrap();
    let create: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [trigger],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch(&format!("DROP TRIGGER {trigger}; {sql}; {create};"))
        .unwrap();
}

fn demo_in(dir: &TempDir) -> PathBuf {
    demo(dir.path())
}

#[test]
fn a_rewritten_actor_is_named_by_doctor_and_breaks_the_check_value() {
    let dir = TempDir::new().unwrap();
    let db = demo_in(&dir);
    let minutes = check_value(&db);
    assert!(doctor(&db).status.success());

    behind_the_triggers(
        &db,
        "events_no_update",
        "UPDATE events SET actor = 'Mallory' WHERE id = 5",
    );

    let out = doctor(&db);
    assert_eq!(out.status.code(), Some(1));
    let found = text(&out.stdout);
    assert!(
        found.contains("the event log, event 5: does not fit the hash chain"),
        "{found}"
    );
    assert_eq!(
        found.lines().filter(|l| l.contains("hash chain")).count(),
        1,
        "only the changed event is named: {found}"
    );

    let error = one_line_error(&expect(&db, &minutes), "--expect after a rewrite");
    assert!(error.contains("has changed"), "{error}");
    let error = one_line_error(
        &styr_en(&db).args(["log", "--verify"]).output().unwrap(),
        "--verify after a rewrite",
    );
    assert!(error.contains("event 5"), "{error}");
}

#[test]
fn a_rewrite_with_the_chain_recomputed_is_still_caught_by_the_check_value() {
    let dir = TempDir::new().unwrap();
    let db = demo_in(&dir);
    let minutes = check_value(&db);

    // The actor rewritten and the chain's hashes thrown away: the next
    // write links the whole (rewritten) log afresh, so the file agrees
    // with itself again. Only the value kept outside it can tell.
    behind_the_triggers(
        &db,
        "events_no_update",
        "UPDATE events SET actor = 'Mallory' WHERE id = 5",
    );
    behind_the_triggers(
        &db,
        "event_hashes_no_delete",
        "DELETE FROM event_hashes WHERE log = 'events'",
    );
    let out = styr_en(&db)
        .args(["set", "1", "-c", "ny runde"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(doctor(&db).status.success(), "the file agrees with itself");

    let error = one_line_error(
        &expect(&db, &minutes),
        "--expect after a recomputed rewrite",
    );
    assert!(error.contains("has changed"), "{error}");
}

#[test]
fn a_deleted_event_is_named() {
    let dir = TempDir::new().unwrap();
    let db = demo_in(&dir);
    let minutes = check_value(&db);
    let last: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT max(id) FROM catalog_events", [], |r| r.get(0))
        .unwrap();
    behind_the_triggers(
        &db,
        "catalog_events_no_delete",
        &format!("DELETE FROM catalog_events WHERE id = {last}"),
    );
    let found = text(&doctor(&db).stdout);
    assert!(
        found.contains(&format!(
            "the catalog log, event {last}: was deleted, but the hash chain holds it"
        )),
        "{found}"
    );
    let error = one_line_error(&expect(&db, &minutes), "--expect after a deletion");
    assert!(error.contains("fewer than the check value"), "{error}");
}

#[test]
fn appends_keep_an_earlier_check_value() {
    let dir = TempDir::new().unwrap();
    let db = demo_in(&dir);
    let minutes = check_value(&db);

    for args in [
        &["set", "1", "--status", "done"][..],
        &["set", "2", "-c", "drøftet i styringsdialogen"],
    ] {
        let out = styr_en(&db).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let out = expect(&db, &minutes);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("holds: the check value matches"), "{said}");
    assert!(said.contains("were added since"), "{said}");

    let now = check_value(&db);
    assert_ne!(now, minutes, "the new value covers the new events");
    assert_eq!(expect(&db, &now).status.code(), Some(0));
    // The value is the same in both languages, the words are not.
    let out = common::cli::dated_styr(&db, "kari", common::cli::Lang::Nb)
        .args(["log", "--verify", "--expect", &minutes])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("Historikken fram til"));
    assert!(text(&out.stdout).contains(&now));
}

#[test]
fn a_value_that_is_not_one_is_refused_in_one_line() {
    let dir = TempDir::new().unwrap();
    let db = demo_in(&dir);
    let error = one_line_error(&expect(&db, "abc"), "--expect abc");
    assert!(error.contains("is not a check value"), "{error}");
}

#[test]
fn an_export_restored_has_the_same_check_value() {
    let dir = TempDir::new().unwrap();
    let db = demo_in(&dir);
    let export = dir.path().join("export.json");
    let out = styr_en(&db)
        .args(["export", "--format", "json", "-o"])
        .arg(&export)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = dir.path().join("copy.db");
    let out = styr_en(&copy).arg("import").arg(&export).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(check_value(&copy), check_value(&db));
}

#[test]
fn an_upgraded_file_gets_its_chain() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("old.db");
    // A file as the styr before the chains left it: schema 6, two events.
    styr::store::create_at_schema(&db, 6).unwrap();
    let created = r#"{"id":1,"parent_id":null,"year":2023,"title":"Boligplan","description":"","lead_sector":"HOM","sectors":[],"goal_id":null,"source":"","owner":"","due":null,"status":"not-started","assessment":null,"expected_done":null}"#;
    Connection::open(&db)
        .unwrap()
        .execute_batch(&format!(
            "INSERT INTO settings VALUES ('municipality', 'Testkommune'), ('year', '2023');
             INSERT INTO sectors VALUES ('HOM', 'Helse og omsorg', 0);
             INSERT INTO assignments (id, year, title, lead_sector, status, version)
                 VALUES (1, 2023, 'Boligplan', 'HOM', 'in-progress', 2);
             INSERT INTO events (at, actor, assignment_id, field, new)
                 VALUES ('2023-01-05T10:00:00Z', 'kari', 1, 'created', '{created}');
             INSERT INTO events (at, actor, assignment_id, field, old, new)
                 VALUES ('2023-02-01T10:00:00Z', 'ola', 1, 'status', 'not-started', 'in-progress');"
        ))
        .unwrap();

    let out = doctor(&db);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let conn = Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM event_hashes WHERE log = 'events'"),
        2
    );
    assert_eq!(
        count("SELECT count(*) FROM event_hashes WHERE log = 'catalog_events'"),
        count("SELECT count(*) FROM catalog_events")
    );
    let minutes = check_value(&db);
    assert!(minutes.starts_with("2+"), "{minutes}");

    // The upgraded events hash as the same events written today would.
    let fresh = dir.path().join("fresh.db");
    styr::store::create_at_schema(&fresh, styr::store::latest_schema()).unwrap();
    let fresh_conn = Connection::open(&fresh).unwrap();
    let head = |conn: &Connection| -> Vec<u8> {
        conn.query_row(
            "SELECT hash FROM event_hashes WHERE log = 'events' ORDER BY event_id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    fresh_conn
        .execute_batch(&format!(
            "INSERT INTO settings VALUES ('municipality', 'Testkommune'), ('year', '2023');
             INSERT INTO sectors VALUES ('HOM', 'Helse og omsorg', 0);
             INSERT INTO assignments (id, year, title, lead_sector, status, version)
                 VALUES (1, 2023, 'Boligplan', 'HOM', 'in-progress', 2);
             INSERT INTO events (at, actor, assignment_id, field, new)
                 VALUES ('2023-01-05T10:00:00Z', 'kari', 1, 'created', '{created}');
             INSERT INTO events (at, actor, assignment_id, field, old, new)
                 VALUES ('2023-02-01T10:00:00Z', 'ola', 1, 'status', 'not-started', 'in-progress');"
        ))
        .unwrap();
    drop(fresh_conn);
    // Events written around styr have no hashes, and doctor says so.
    let found = text(&doctor(&fresh).stdout);
    assert!(
        found.contains("the event log, event 1: has no hash in the chain"),
        "{found}"
    );
    // A write links them, as the upgrade did.
    let out = styr_en(&fresh)
        .args(["set", "1", "-c", "x"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let second: Vec<u8> = Connection::open(&fresh)
        .unwrap()
        .query_row(
            "SELECT hash FROM event_hashes WHERE log = 'events' AND event_id = 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(second, head(&conn));
}
