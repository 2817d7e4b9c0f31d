//! `styr set 3,5,8`, `styr undo` of such a change, and `styr withdraw`, on
//! the real binary against a demo database, in both languages and with bad
//! input.

mod common;
use common::cli::{dated_styr, demo, one_line_error, styr_en, text, Lang, ACTOR};

fn json_of(db: &std::path::Path, id: i64) -> serde_json::Value {
    let out = styr_en(db)
        .args(["show", &id.to_string(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_str(&text(&out.stdout)).unwrap()
}

#[test]
fn set_on_a_list_changes_all_as_one_change_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before: Vec<String> = [3, 5, 8]
        .iter()
        .map(|id| json_of(&db, *id)["status"].as_str().unwrap().to_string())
        .collect();
    let out = dated_styr(&db, ACTOR, Lang::Nb)
        .args([
            "set",
            "3,5,8",
            "--status",
            "fullført",
            "--comment",
            "ryddet",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("samme endring på 3 oppdrag"), "{said}");
    for id in [3, 5, 8] {
        assert_eq!(json_of(&db, id)["status"], "done");
    }
    let out = styr_en(&db).arg("undo").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    for id in [3, 5, 8] {
        assert_eq!(
            json_of(&db, id)["status"].as_str().unwrap(),
            before[[3, 5, 8].iter().position(|x| *x == id).unwrap()],
            "{said}"
        );
    }
    let out = styr_en(&db).arg("doctor").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
}

#[test]
fn set_on_a_list_with_a_stale_version_changes_nothing_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let v3 = json_of(&db, 3)["version"].as_i64().unwrap();
    let v5 = json_of(&db, 5)["version"].as_i64().unwrap();
    let log_before = text(&styr_en(&db).arg("log").output().unwrap().stdout);
    let out = styr_en(&db)
        .args([
            "set",
            "3,5",
            "--owner",
            "Kari",
            "--if-version",
            &format!("{v3},{}", v5 - 1),
        ])
        .output()
        .unwrap();
    let error = one_line_error(&out, "stale batch");
    assert!(error.contains("assignments 5 "), "{error}");
    assert!(error.contains("none of the changes was saved"), "{error}");
    let log_after = text(&styr_en(&db).arg("log").output().unwrap().stdout);
    assert_eq!(log_before, log_after, "all or nothing");
}

#[test]
fn set_refuses_a_bad_list_and_an_unknown_id_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = dated_styr(&db, ACTOR, Lang::Nb)
        .args(["set", "3,x", "--status", "done"])
        .output()
        .unwrap();
    let error = one_line_error(&out, "bad list");
    assert!(error.contains("«3,x» er ikke et oppdragsnummer"), "{error}");
    let log_before = text(&styr_en(&db).arg("log").output().unwrap().stdout);
    let out = styr_en(&db)
        .args(["set", "3,9999", "--status", "cancelled"])
        .output()
        .unwrap();
    let error = one_line_error(&out, "unknown id");
    assert!(error.contains("9999"), "{error}");
    let log_after = text(&styr_en(&db).arg("log").output().unwrap().stdout);
    assert_eq!(log_before, log_after, "#3 is not changed alone");
    let out = styr_en(&db)
        .args(["set", "3,5", "--status", "done", "--if-version", "1"])
        .output()
        .unwrap();
    let error = one_line_error(&out, "versions");
    assert!(error.contains("one version per assignment"), "{error}");
}

#[test]
fn withdraw_marks_a_report_absent_and_mangler_rapport_lists_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let missing = |db: &std::path::Path| {
        let out = styr_en(db)
            .args(["list", "--missing-report", "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let value: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    let before = missing(&db);
    let id = before[0];
    let out = styr_en(&db)
        .args([
            "report",
            &id.to_string(),
            "--period",
            "2023-T2",
            "--status",
            "in-progress",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!missing(&db).contains(&id), "reported");
    let events: serde_json::Value = serde_json::from_str(&text(
        &styr_en(&db)
            .args(["log", &id.to_string(), "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    ))
    .unwrap();
    let report = events
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["field"] == "report" && e["period"] == "2023-T2")
        .expect("a T2 report")["id"]
        .as_i64()
        .unwrap();
    let out = dated_styr(&db, ACTOR, Lang::Nb)
        .args(["withdraw", &report.to_string(), "-c", "feil periode"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains(&format!("Trakk tilbake hendelse {report}")),
        "{said}"
    );
    assert!(
        missing(&db).contains(&id),
        "a withdrawn report counts as absent"
    );
    // Twice is refused, as is a status change.
    let out = styr_en(&db)
        .args(["withdraw", &report.to_string()])
        .output()
        .unwrap();
    let error = one_line_error(&out, "twice");
    assert!(error.contains("already withdrawn"), "{error}");
    let out = styr_en(&db).args(["withdraw", "99999"]).output().unwrap();
    let error = one_line_error(&out, "unknown");
    assert!(error.contains("no event with id 99999"), "{error}");
    // The log keeps both, and doctor replays them.
    let out = styr_en(&db).arg("doctor").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
    let shown = text(
        &styr_en(&db)
            .args(["show", &id.to_string()])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(
        shown.contains(&format!("withdrew event {report}")),
        "{shown}"
    );
    // An export carries the withdrawal into a new database intact.
    let export = dir.path().join("all.json");
    let out = styr_en(&db)
        .args(["export", "-o", export.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = dir.path().join("copy.db");
    let out = styr_en(&copy)
        .args(["import", export.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(missing(&copy).contains(&id));
    let out = styr_en(&copy).arg("doctor").output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
}

/// `list --report-state`: the three states of mangler rapport, as a column,
/// JSON and CSV fields, and a line counting each, in both languages.
#[test]
fn list_by_report_state_shows_missing_awaiting_and_approved_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let listed = |states: &str| -> Vec<(i64, String)> {
        let out = styr_en(&db)
            .args(["list", "--report-state", states, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let value: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                assert_eq!(a["report_period"], "2023-T2", "{a:#}");
                let state = a["report_state"].as_str().unwrap().to_string();
                (a["id"].as_i64().unwrap(), state)
            })
            .collect()
    };
    let all = listed("all");
    let count = |s: &str| all.iter().filter(|(_, state)| state == s).count();
    // The demo on 20.09.2023: T2's reports in all three states.
    assert_eq!(
        (count("missing"), count("awaiting"), count("approved")),
        (11, 13, 7)
    );
    let awaiting = listed("awaiting");
    assert_eq!(awaiting.len(), 13);
    assert!(awaiting.iter().all(|(_, s)| s == "awaiting"));
    assert_eq!(listed("approved,missing").len(), 18);
    // --missing-report lists the missing only, as before, with their state.
    let out = styr_en(&db)
        .args(["list", "--missing-report", "--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let missing = value.as_array().unwrap();
    assert_eq!(missing.len(), 11);
    assert!(missing.iter().all(|a| a["report_state"] == "missing"));

    // CSV: the JSON fields, the report's two at the end.
    let out = styr_en(&db)
        .args(["list", "--report-state", "approved", "--format", "csv"])
        .output()
        .unwrap();
    let csv = text(&out.stdout);
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",version,report_period,report_state"),
        "{header}"
    );
    assert_eq!(csv.lines().count(), 8, "{csv}");
    assert!(
        csv.lines()
            .skip(1)
            .all(|l| l.ends_with(",2023-T2,approved")),
        "{csv}"
    );

    // The table: a column and a line under it, in the user's language.
    for (lang, column, cell, line) in [
        (
            Lang::Nb,
            "Rapport",
            "venter",
            "Rapport for 2023-T2 (2. tertial, frist 12.09.2023) per 20.09.2023: 3 mangler, 1 venter på godkjenning, 1 godkjent",
        ),
        (
            Lang::En,
            "Report",
            "awaiting",
            "Reports for 2023-T2 (2. tertial, due 2023-09-12) as of 2023-09-20: 3 missing, 1 awaiting approval, 1 approved",
        ),
    ] {
        let out = dated_styr(&db, ACTOR, lang)
            .args(["list", "--report-state", "all", "--sector", "OUS"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        let table = text(&out.stdout);
        assert!(table.lines().next().unwrap().trim_end().ends_with(column), "{table}");
        let row18 = table.lines().find(|l| l.starts_with("18 ")).unwrap();
        assert!(row18.trim_end().ends_with(cell), "{table}");
        assert!(table.contains(line), "{table}");
    }

    // A state that is not one: one line, exit 1, in the user's language.
    for (lang, words) in [
        (Lang::Nb, "er ikke en rapportstatus"),
        (Lang::En, "is not a report state"),
    ] {
        let out = dated_styr(&db, ACTOR, lang)
            .args(["list", "--report-state", "missing,late"])
            .output()
            .unwrap();
        let error = one_line_error(&out, "bad state");
        assert!(error.contains(words) && error.contains("late"), "{error}");
    }
}
