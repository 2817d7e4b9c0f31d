//! The command line as a governance officer types it: short dates, a
//! report without `--period` or with a bare code, goal codes that must fit
//! the tree, tables that fit the terminal, completions cut short by `head`.

use std::io::Read;
use std::process::Stdio;

mod common;
use common::cli::{dated_styr, demo, one_line_error, text, Lang, ACTOR};

fn ok(db: &std::path::Path, lang: Lang, args: &[&str]) -> String {
    let out = dated_styr(db, ACTOR, lang).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn refused(db: &std::path::Path, lang: Lang, args: &[&str]) -> String {
    let out = dated_styr(db, ACTOR, lang).args(args).output().unwrap();
    one_line_error(&out, &format!("{args:?}"))
}

fn json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, Lang::En, args)).unwrap()
}

fn assignment(db: &std::path::Path, id: i64) -> serde_json::Value {
    json(db, &["show", &id.to_string(), "--format", "json"])
}

#[test]
fn dates_without_the_year_and_days_from_today_in_every_date_option() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    ok(&db, Lang::Nb, &["set", "3", "--due", "31.10"]);
    assert_eq!(assignment(&db, 3)["due"], "2023-10-31");
    ok(
        &db,
        Lang::En,
        &["set", "3", "--due", "+14", "--expected-done", "1.12"],
    );
    assert_eq!(assignment(&db, 3)["due"], "2023-10-04");
    assert_eq!(assignment(&db, 3)["expected_done"], "2023-12-01");
    let out = ok(
        &db,
        Lang::En,
        &[
            "add",
            "--title",
            "Ny rutine",
            "--sector",
            "OUS",
            "--due",
            "15.11",
            "--json",
        ],
    );
    let made: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(made["due"], "2023-11-15");
    ok(
        &db,
        Lang::En,
        &["wheel", "add", "--title", "Ekstra dialog", "--date", "2.11"],
    );
    let entries = json(&db, &["wheel", "list", "--format", "json"]);
    assert!(entries
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["title"] == "Ekstra dialog" && e["start"] == "2023-11-02"));
    let version = assignment(&db, 3)["version"].clone();
    for bad in ["31.02", "+x", "32.10", "+", "1.2.3.4"] {
        let nb = refused(&db, Lang::Nb, &["set", "3", "--due", bad]);
        assert!(nb.contains(bad) && nb.contains("+14"), "{nb}");
        let en = refused(&db, Lang::En, &["set", "3", "--due", bad]);
        assert!(en.contains("invalid date") && en.contains("31.10"), "{en}");
    }
    assert_eq!(assignment(&db, 3)["version"], version, "nothing written");
}

#[test]
fn report_without_a_period_is_for_the_period_being_reported_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // On 20 September 2023 the period being reported on is T2 (ended 31 August).
    let out = ok(
        &db,
        Lang::En,
        &["report", "10", "--status", "in-progress", "-c", "på vei"],
    );
    assert!(out.contains("2023-T2"), "{out}");
    // A bare code is the plan year's.
    let out = ok(
        &db,
        Lang::Nb,
        &["report", "11", "--period", "t1", "-c", "sent"],
    );
    assert!(out.contains("2023-T1"), "{out}");
    let log = json(&db, &["log", "11", "--format", "json"]);
    assert!(log
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["period"] == "2023-T1"));
    let nb = refused(
        &db,
        Lang::Nb,
        &["report", "11", "--period", "T9", "-c", "x"],
    );
    assert!(nb.contains("2023-T9"), "{nb}");
    let en = refused(
        &db,
        Lang::En,
        &["report", "11", "--period", "T 2", "-c", "x"],
    );
    assert!(en.contains("is not a period"), "{en}");
    // Before any period has ended there is nothing to report on by default.
    let out = common::cli::std_styr_in(&db, ACTOR, Lang::En)
        .args(["--today", "2023-02-01", "report", "11", "-c", "x"])
        .output()
        .unwrap();
    let error = one_line_error(&out, "report before T1 ended");
    assert!(error.contains("--period"), "{error}");
}

#[test]
fn goal_codes_must_fit_the_tree_and_the_next_free_one_is_used_when_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let nb = refused(
        &db,
        Lang::Nb,
        &["goal", "add", "--code", ".", "--title", "x"],
    );
    assert!(nb.contains("passer ikke") && nb.contains("5"), "{nb}");
    let en = refused(
        &db,
        Lang::En,
        &[
            "goal", "add", "--code", "1.", "--title", "x", "--parent", "1.1",
        ],
    );
    assert!(en.contains("does not fit") && en.contains("1.1.3"), "{en}");
    refused(&db, Lang::En, &["goal", "edit", "1.1.1", "--code", "2.1.1"]);
    let out = ok(
        &db,
        Lang::En,
        &["goal", "add", "--title", "Nytt", "--parent", "1.1"],
    );
    assert!(out.contains("1.1.3"), "{out}");
    let out = ok(&db, Lang::En, &["goal", "add", "--title", "Klima"]);
    assert!(out.contains("(focus area 5)"), "{out}");
    ok(&db, Lang::En, &["doctor"]);
}

#[test]
fn tables_are_whole_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = ok(&db, Lang::En, &["list"]);
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest > 120, "piped output keeps whole cells: {widest}");
}

#[test]
fn completions_cut_short_by_head_end_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    for shell in ["bash", "zsh", "fish"] {
        let mut child = common::cli::std_styr(&db, ACTOR)
            .args(["completions", shell])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, then close the pipe as `head -1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{shell}: {stderr}");
        assert!(stderr.is_empty(), "{shell}: {stderr}");
        assert!(
            out.status.code().is_some_and(|c| c <= 1) || out.status.code().is_none(),
            "{shell}"
        );
    }
}

/// A task due after its oppdrag, or an oppdrag moved before its tasks, is
/// saved, with one line on stderr in the user's language saying so.
#[test]
fn a_task_due_after_its_oppdrag_is_saved_with_a_warning_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let run = |lang: Lang, args: &[&str]| {
        let out = dated_styr(&db, ACTOR, lang).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        (text(&out.stdout), text(&out.stderr))
    };
    // Oppdrag #11 is due 15.10.2023.
    let (out, err) = run(
        Lang::Nb,
        &[
            "add", "--parent", "11", "--title", "Evaluere", "--due", "1.11",
        ],
    );
    assert!(out.contains("Opprettet"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("styr: merk: oppgave #"), "{err}");
    assert!(
        err.contains("01.11.2023") && err.contains("oppdrag #11 (15.10.2023)"),
        "{err}"
    );
    assert!(err.contains("endringen er lagret"), "{err}");
    common::cli::assert_language(&err, styr::words::Lang::Nb, &[]);
    let id: i64 = err["styr: merk: oppgave #".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        assignment(&db, id)["due"],
        "2023-11-01",
        "saved all the same"
    );
    // --json stays JSON on stdout; the warning goes to stderr.
    let (out, err) = run(
        Lang::En,
        &[
            "add",
            "--parent",
            "11",
            "--title",
            "Late",
            "--due",
            "2023-12-01",
            "--json",
        ],
    );
    assert!(
        serde_json::from_str::<serde_json::Value>(&out).is_ok(),
        "{out}"
    );
    assert!(err.starts_with("styr: note: task #"), "{err}");
    assert!(
        err.contains("after the deadline of assignment #11 (2023-10-15)"),
        "{err}"
    );
    common::cli::assert_language(&err, styr::words::Lang::En, &[]);
    // Within the deadline: nothing on stderr.
    let (_, err) = run(
        Lang::En,
        &[
            "add", "--parent", "11", "--title", "On time", "--due", "1.10",
        ],
    );
    assert_eq!(err, "");
    // `set` of the task's deadline.
    let (_, err) = run(Lang::En, &["set", &id.to_string(), "--due", "1.12"]);
    assert!(
        err.contains(&format!("task #{id} is due 2023-12-01")),
        "{err}"
    );
    let (_, err) = run(Lang::En, &["set", &id.to_string(), "--due", "1.10"]);
    assert_eq!(err, "", "back within its oppdrag's deadline");
    // `set` of the oppdrag's deadline before its tasks': one line per task
    // now late (#40 is due 30.04, #41 15.09, the new one 01.10).
    let (_, err) = run(Lang::Nb, &["set", "11", "--due", "1.9"]);
    let late: Vec<&str> = err.lines().collect();
    assert!(
        late.iter().all(|l| l.contains("oppdrag #11 (01.09.2023)")),
        "{err}"
    );
    assert!(err.contains("oppgave #41 har frist 15.09.2023"), "{err}");
    assert!(!err.contains("#40 "), "{err}");
    assert_eq!(assignment(&db, 11)["due"], "2023-09-01");
    // A change of something else says nothing.
    let (_, err) = run(Lang::Nb, &["set", "11", "--owner", "Kari"]);
    assert_eq!(err, "");
    // The oppdrag of several at once, too.
    let (_, err) = run(Lang::En, &["set", "11,9", "--due", "1.8"]);
    assert!(err.contains("assignment #11 (2023-08-01)"), "{err}");
    assert!(err.contains("assignment #9 (2023-08-01)"), "{err}");
}
