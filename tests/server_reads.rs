//! Every reading command, `doctor` and `--as-of` on a server database give
//! what they give on a file holding the same data (the test server of
//! `scripts/pg-test-server.sh`).

use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

mod common;
use common::cli::{demo, one_line_error, text, Lang};
use common::pg::{ok, styr_on as styr_at, TestDb};

/// The file's rows copied into the server database `server init` made,
/// as `scripts/pg-load-file.sh` does for the benchmarks.
fn load(file: &Path, db: &TestDb) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-load-file.sh");
    let out = Command::new(script)
        .arg(file)
        .arg(db.admin_conninfo())
        .output()
        .unwrap();
    ok(out, "pg-load-file.sh");
}

/// The demo in a file, and the same rows on the server with a staff role
/// and a read-only role; `None` when there is no test server.
fn demo_on_both(test: &str) -> Option<(TempDir, std::path::PathBuf, TestDb, Vec<String>)> {
    let db = TestDb::new(test)?;
    let dir = TempDir::new().unwrap();
    let file = demo(dir.path());
    let roles = db.set_up("Lørenskog", "2023", &[("kari", false), ("lesa", true)]);
    load(&file, &db);
    Some((dir, file, db, roles))
}

/// Reads that show no database identity: the same on both.
const READS: &[&[&str]] = &[
    &["list"],
    &["list", "--sector", "SOS"],
    &["list", "--sector", "KUL", "--format", "json"],
    &["list", "--overdue"],
    &["list", "--overdue", "--format", "csv"],
    &["list", "--missing-report"],
    &["list", "--report-state", "missing"],
    &["list", "--report-state", "awaiting,approved"],
    &["list", "--status", "in-progress"],
    &["list", "--tasks"],
    &["list", "--goal", "5"],
    &["list", "--format", "json"],
    &["list", "--format", "csv"],
    &["list", "--year", "2024"],
    &["show", "1"],
    &["show", "3", "--format", "json"],
    &["goals"],
    &["goals", "--format", "json"],
    &["wheel"],
    &["wheel", "--format", "svg"],
    &["brief", "--sector", "SOS"],
    &["brief", "--sector", "OUS", "--format", "html"],
    &["brief", "--sector", "KUL", "--since", "last-dialog"],
    &["diff", "--from", "2023-06-01", "--to", "2023-09-20"],
    &[
        "diff",
        "--from",
        "2023-06-01",
        "--to",
        "2023-09-20",
        "--format",
        "json",
        "--sector",
        "SOS",
    ],
    &["log"],
    &["log", "3"],
    &["log", "--since", "2023-09-01"],
    &["log", "--format", "json"],
    &["log", "--verify"],
    &["approvals"],
    &["approvals", "--format", "json"],
    &["periods"],
    &["vedtak", "list"],
    &["vedtak", "list", "--format", "json"],
    &["vedtak", "show", "1"],
    &["vedtak", "show", "2", "--format", "json"],
    &["export", "--format", "json"],
    &["export", "--format", "csv"],
    &["list", "--as-of", "2023-06-30"],
    &["show", "1", "--as-of", "2023-06-30"],
    &["goals", "--as-of", "2023-05-01"],
];

#[test]
fn every_read_of_the_demo_on_a_server_equals_the_same_read_of_the_file() {
    let Some((_dir, file, db, roles)) = demo_on_both("every_read_of_the_demo") else {
        return;
    };
    let file = file.to_str().unwrap();
    for role in &roles {
        let server = db.conninfo(role);
        for lang in [Lang::En, Lang::Nb] {
            for args in READS {
                let on_file = styr_at(file, "kari", lang).args(*args).output().unwrap();
                let on_server = styr_at(&server, role, lang).args(*args).output().unwrap();
                let what = format!("{args:?} as {role} in {lang:?}");
                let on_file = ok(on_file, &format!("{what} on the file"));
                let on_server = ok(on_server, &format!("{what} on the server"));
                assert!(!on_file.trim().is_empty(), "{what}: no output");
                assert_eq!(on_server, on_file, "{what}");
            }
        }
    }
}

#[test]
fn reads_after_the_same_changes_on_a_server_and_a_file_agree() {
    let Some(db) = TestDb::new("reads_after_the_same_changes") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("f.db");
    let file = file.to_str().unwrap();
    let roles = db.set_up("Testvik", "2026", &[("kari", false)]);
    let server = db.conninfo(&roles[0]);
    ok(
        styr_at(file, &roles[0], Lang::En)
            .args(["init", "--kommune", "Testvik", "--year", "2026"])
            .output()
            .unwrap(),
        "init",
    );
    let today = ["--today", "2026-06-15"];
    let changes: &[&[&str]] = &[
        &[
            "add",
            "--title",
            "Første oppdrag",
            "--sector",
            "SOS",
            "--due",
            "2026-03-01",
        ],
        &[
            "add",
            "--title",
            "Andre",
            "--sector",
            "OUS",
            "--due",
            "2026-09-30",
            "--owner",
            "Ola",
        ],
        &[
            "add",
            "--title",
            "Tredje",
            "--sector",
            "KUL",
            "--due",
            "2026-05-01",
        ],
        &[
            "add",
            "--title",
            "Deloppgave",
            "--parent",
            "1",
            "--due",
            "2026-04-01",
        ],
        &["set", "2", "--status", "in-progress", "--comment", "i gang"],
        &["set", "3", "--assessment", "red"],
        &["goal", "add", "--title", "Trygghet"],
        &["goal", "add", "--title", "Alle trygge", "--parent", "1"],
        &[
            "goal",
            "add",
            "--title",
            "Færre ulykker",
            "--parent",
            "1.1",
            "--sectors",
            "SOS,TEK",
        ],
        &["set", "1", "--goal", "3"],
        &[
            "report",
            "1",
            "--period",
            "T1",
            "--status",
            "in-progress",
            "--assessment",
            "yellow",
            "--comment",
            "på vei",
        ],
        &["set", "3", "--status", "done"],
    ];
    for args in changes {
        for db in [file, server.as_str()] {
            let out = styr_at(db, &roles[0], Lang::En)
                .args(today)
                .args(*args)
                .output()
                .unwrap();
            ok(out, &format!("{args:?} on {db}"));
        }
    }
    // Reads that show no instants (the server stamps its own clock).
    let reads: &[&[&str]] = &[
        &["list"],
        &["list", "--overdue", "--format", "json"],
        &["list", "--sector", "SOS", "--format", "csv"],
        &["list", "--missing-report"],
        &["list", "--status", "done"],
        &["list", "--goal", "3"],
        &["goals"],
        &["approvals"],
        &["periods"],
        &["brief", "--sector", "SOS"],
    ];
    for args in reads {
        let on_file = ok(
            styr_at(file, &roles[0], Lang::En)
                .args(today)
                .args(*args)
                .output()
                .unwrap(),
            "file",
        );
        let on_server = ok(
            styr_at(&server, &roles[0], Lang::En)
                .args(today)
                .args(*args)
                .output()
                .unwrap(),
            "server",
        );
        assert_eq!(on_server, on_file, "{args:?}");
    }
    let doctor = ok(
        styr_at(&server, &roles[0], Lang::En)
            .arg("doctor")
            .output()
            .unwrap(),
        "doctor",
    );
    assert!(doctor.contains("ok: 4 assignments agree"), "{doctor}");
}

#[test]
fn doctor_on_a_server_checks_the_logs_chains_and_guards_and_warns_of_lost_durability() {
    let Some((_dir, _file, db, roles)) = demo_on_both("doctor_on_a_server") else {
        return;
    };
    let server = db.conninfo(&roles[0]);
    let doctor = |lang: Lang| {
        styr_at(&server, &roles[0], lang)
            .arg("doctor")
            .output()
            .unwrap()
    };
    // The test server runs with fsync off (it keeps nothing); make
    // synchronous_commit on for this database, then off.
    db.admin()
        .batch_execute(&format!(
            "ALTER DATABASE {} SET synchronous_commit = on",
            db.name
        ))
        .unwrap();
    let said = ok(doctor(Lang::En), "doctor");
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    assert!(
        lines[0].starts_with("warning: the server runs with fsync = off:"),
        "{said}"
    );
    assert!(
        lines[1].starts_with("ok: 44 assignments agree with 203 events replayed")
            && lines[1].contains("the hash chains hold and the server's log guards are in place"),
        "{said}"
    );
    db.admin()
        .batch_execute(&format!(
            "ALTER DATABASE {} SET synchronous_commit = off",
            db.name
        ))
        .unwrap();
    let said = ok(doctor(Lang::Nb), "doctor");
    assert!(
        said.starts_with(
            "advarsel: serveren kjører med fsync = off, synchronous_commit = off: en endring"
        ),
        "{said}"
    );
    // A guard turned off, a title and an event changed behind styr's back.
    db.admin()
        .batch_execute(
            "ALTER TABLE styr.events DISABLE TRIGGER events_no_update;
             SET session_replication_role = replica;
             UPDATE styr.assignments SET title = 'Endret' WHERE id = 1;
             UPDATE styr.events SET comment = 'endret' WHERE id = 5;",
        )
        .unwrap();
    let out = doctor(Lang::En);
    let stdout = text(&out.stdout);
    let error = one_line_error(&out, "doctor on a tampered server");
    assert!(
        error.contains("3 problem(s) in '") && !error.contains("user="),
        "{error}"
    );
    for needle in [
        "the server's log guard events_no_update is missing or disabled",
        "the event log, event 5: does not fit the hash chain",
        "assignment 1: title is 'Endret' in the table",
    ] {
        assert!(stdout.contains(needle), "{needle}: {stdout}");
    }
}

#[test]
fn doctor_repair_on_a_server_is_refused_in_one_line() {
    let Some(db) = TestDb::new("doctor_repair_on_a_server") else {
        return;
    };
    let roles = db.set_up("Testvik", "2026", &[("kari", false)]);
    let server = db.conninfo(&roles[0]);
    for (lang, said) in [
        (
            Lang::En,
            "`doctor --repair` works on a database file only, not on a server",
        ),
        (
            Lang::Nb,
            "`doctor --repair` går bare på en databasefil, ikke på en server",
        ),
    ] {
        let out = styr_at(&server, &roles[0], lang)
            .args(["doctor", "--repair"])
            .output()
            .unwrap();
        let error = one_line_error(&out, "doctor --repair");
        assert!(error.contains(said), "{error}");
    }
}
