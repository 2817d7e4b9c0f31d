//! Reporting periods as catalog items: every `periods add | edit | rm` and
//! `year new` is an event, `doctor` replays them against the table,
//! `--as-of` reads the periods as they stood, export/import carries them,
//! and a file from before the log gets its periods logged on upgrade.

use std::path::Path;
use std::process::{Command, Output};

use rusqlite::Connection;
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, demo, text, Lang, ACTOR};

fn run(db: &Path, lang: Lang, args: &[&str]) -> Output {
    dated_styr(db, ACTOR, lang).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, Lang::En, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// The period log's events, from the export.
fn period_events(db: &Path) -> Vec<serde_json::Value> {
    json(db, &["export", "--format", "json"])["catalog_events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "period")
        .cloned()
        .collect()
}

fn due_of(periods: &serde_json::Value, code: &str) -> String {
    periods
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == code)
        .map(|p| p["report_due"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn period_changes_are_logged_replayed_by_doctor_and_read_as_they_stood() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    let logged = period_events(&db);
    assert_eq!(logged.len(), 3, "the demo's periods are created by events");
    assert!(logged.iter().all(|e| e["field"] == "created"));
    let before = due_of(
        &json(&db, &["periods", "--year", "2023", "--format", "json"]),
        "T2",
    );

    ok(&db, &["periods", "edit", "2023-T2", "--due", "2023-09-15"]);
    ok(&db, &["year", "new", "2024", "--from", "2023"]);
    ok(&db, &["periods", "rm", "2024-T1"]);
    let logged = period_events(&db);
    let fields: Vec<(&str, &str)> = logged
        .iter()
        .skip(3)
        .map(|e| (e["field"].as_str().unwrap(), e["actor"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fields,
        [
            ("report_due", ACTOR),
            ("created", ACTOR),
            ("created", ACTOR),
            ("created", ACTOR),
            ("deleted", ACTOR)
        ]
    );
    assert_eq!(logged[3]["old"], before.as_str());
    assert_eq!(logged[3]["new"], "2023-09-15");
    let out = run(&db, Lang::En, &["doctor"]);
    assert!(out.status.success(), "{}", text(&out.stdout));

    // The edit was made now, long after 20.09.2023: then, T2 was due as before.
    let now = json(&db, &["export", "--format", "json"]);
    let then = json(
        &db,
        &["--as-of", "2023-09-20", "export", "--format", "json"],
    );
    assert_eq!(due_of(&now["periods"], "T2"), "2023-09-15");
    assert_eq!(due_of(&then["periods"], "T2"), before);
    // Nor had 2024 any periods then (2024-T2 stands now, T1 was removed).
    let years = |dump: &serde_json::Value| -> Vec<i64> {
        dump["periods"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["year"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(years(&then), [2023, 2023, 2023]);
    assert_eq!(years(&now), [2023, 2023, 2023, 2024, 2024]);

    // Export and import carry the periods with their log; doctor agrees.
    let exported = dir.path().join("export.json");
    ok(
        &db,
        &[
            "export",
            "--format",
            "json",
            "-o",
            exported.to_str().unwrap(),
        ],
    );
    let copy = dir.path().join("copy.db");
    let out = dated_styr(&copy, ACTOR, Lang::En)
        .args(["import", exported.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(period_events(&copy), period_events(&db));
    let out = run(&copy, Lang::En, &["doctor"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[test]
fn doctor_names_a_period_changed_behind_styrs_back_in_both_languages() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    let out = Command::new("sqlite3")
        .arg(&db)
        .arg("UPDATE periods SET report_due = '2023-09-30' WHERE year = 2023 AND code = 'T2';")
        .output()
        .expect("sqlite3");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let en = run(&db, Lang::En, &["doctor"]);
    assert_eq!(en.status.code(), Some(1));
    let found = text(&en.stdout) + &text(&en.stderr);
    assert!(
        found.contains("period 2: report due is '2023-09-30' in the table"),
        "{found}"
    );
    let nb = run(&db, Lang::Nb, &["doctor"]);
    assert_eq!(nb.status.code(), Some(1));
    let found = text(&nb.stdout) + &text(&nb.stderr);
    assert!(
        found.contains("periode 2: rapportfrist er '2023-09-30' i tabellen"),
        "{found}"
    );
}

#[test]
fn a_file_from_before_the_period_log_gets_its_periods_logged_and_chained() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("old.db");
    // As the styr before this left it: schema 9, two periods, a goal.
    styr::store::create_at_schema(&db, 9).unwrap();
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "INSERT INTO settings VALUES ('municipality', 'Testkommune'), ('year', '2023');
             INSERT INTO sectors VALUES ('HOM', 'Helse og omsorg', 0);
             INSERT INTO periods VALUES (2023, 'T1', '1. tertial', '2023-01-01', '2023-04-30', '2023-05-12');
             INSERT INTO periods VALUES (2023, 'T2', '2. tertial', '2023-05-01', '2023-08-31', '2023-09-12');",
        )
        .unwrap();
    let out = run(&db, Lang::En, &["doctor"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let logged = period_events(&db);
    assert_eq!(logged.len(), 2);
    for event in &logged {
        assert_eq!(event["actor"], "styr");
        assert_eq!(event["field"], "created");
    }
    let verify = run(&db, Lang::En, &["log", "--verify"]);
    assert!(verify.status.success(), "{}", text(&verify.stderr));
    // And the periods are now changed by events like any other.
    ok(
        &db,
        &["periods", "edit", "2023-T1", "--label", "Første tertial"],
    );
    assert_eq!(period_events(&db).len(), 3);
    let out = run(&db, Lang::En, &["doctor"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[test]
fn undo_takes_back_a_period_change_and_a_removal_in_both_languages() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    let due = || {
        due_of(
            &json(&db, &["periods", "--year", "2023", "--format", "json"]),
            "T2",
        )
    };
    let before = due();
    ok(&db, &["periods", "edit", "2023-T2", "--due", "2023-09-15"]);
    let out = run(&db, Lang::Nb, &["undo", "--comment", "feil frist"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("angret: periode 2: rapportfrist: 2023-09-15 → ")
            && said.contains("(angrer kataloghendelse "),
        "{said}"
    );
    assert_eq!(due(), before);

    ok(&db, &["periods", "rm", "2023-AR"]);
    let said = ok(&db, &["undo"]);
    assert!(
        said.contains("undone: period 3: created (undoes catalog event "),
        "{said}"
    );
    let codes = json(&db, &["periods", "--year", "2023", "--format", "json"]);
    assert_eq!(codes.as_array().unwrap().len(), 3);

    // The undo events are in the log, and doctor replays them.
    let logged = period_events(&db);
    let undoes: Vec<&serde_json::Value> =
        logged.iter().filter(|e| !e["undoes"].is_null()).collect();
    assert_eq!(undoes.len(), 2);
    let out = run(&db, Lang::En, &["doctor"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    let verify = run(&db, Lang::En, &["log", "--verify"]);
    assert!(verify.status.success(), "{}", text(&verify.stderr));

    // Nothing of kari's is left to undo: one line, exit 1, in each language.
    let en = run(&db, Lang::En, &["undo"]);
    assert_eq!(en.status.code(), Some(1));
    assert!(
        text(&en.stderr).contains("no change left to undo"),
        "{}",
        text(&en.stderr)
    );
    let nb = run(&db, Lang::Nb, &["undo"]);
    assert_eq!(nb.status.code(), Some(1));
    assert!(
        text(&nb.stderr).contains("ingen endring igjen å angre"),
        "{}",
        text(&nb.stderr)
    );
}
