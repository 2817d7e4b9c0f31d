//! The municipality's own reporting periods, sign-off and the report to
//! kommunestyret, through the real binary on the demo: what a user sees,
//! and that a refused command leaves the file as it was.

use std::path::Path;
use std::process::Output;

use calamine::{open_workbook_auto, Data, Reader};
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, demo, one_line_error, std_styr_in, text, Lang, ACTOR};

/// Runs styr as `actor` in `lang` on the demo day.
fn run(db: &Path, actor: &str, lang: Lang, args: &[&str]) -> Output {
    dated_styr(db, actor, lang).args(args).output().unwrap()
}

fn ok(db: &Path, actor: &str, args: &[&str]) -> String {
    let out = run(db, actor, Lang::En, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// Asserts a refusal: one line, exit 1, the file's bytes unchanged.
fn refused(db: &Path, actor: &str, lang: Lang, args: &[&str], wants: &str) {
    let before = std::fs::read(db).unwrap();
    let out = run(db, actor, lang, args);
    let line = one_line_error(&out, &format!("{args:?}"));
    assert!(line.contains(wants), "{args:?}: {line}");
    assert_eq!(
        std::fs::read(db).unwrap(),
        before,
        "{args:?} changed the file"
    );
}

fn approvals(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(
        db,
        ACTOR,
        &["approvals", "--period", "2023-T2", "--format", "json"],
    ))
    .unwrap()
}

fn state_of(db: &Path, id: i64) -> String {
    approvals(db)
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .map(|r| r["state"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn the_demo_has_reports_in_all_three_states() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    let rows = approvals(&db);
    for state in ["missing", "awaiting", "approved"] {
        assert!(
            rows.as_array().unwrap().iter().any(|r| r["state"] == state),
            "no {state} report in the demo"
        );
    }
    let table = text(&run(&db, ACTOR, Lang::Nb, &["approvals"]).stdout);
    assert!(table.contains("venter på godkjenning"), "{table}");
    assert!(table.contains("sendt tilbake"), "{table}");
}

#[test]
fn a_report_is_approved_by_someone_else_and_loses_it_when_superseded() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    ok(
        &db,
        "kari",
        &["report", "5", "--period", "2023-T2", "--comment", "På plan"],
    );
    assert_eq!(state_of(&db, 5), "awaiting");
    for lang in [Lang::En, Lang::Nb] {
        let wants = if lang == Lang::En {
            "someone else"
        } else {
            "en annen"
        };
        refused(&db, "kari", lang, &["approve", "5"], wants);
    }
    let said = ok(&db, "leder", &["approve", "5", "--period", "2023-T2"]);
    assert!(said.contains("approved"), "{said}");
    assert_eq!(state_of(&db, 5), "approved");
    refused(&db, "ola", Lang::En, &["approve", "5"], "already approved");
    let log = ok(&db, ACTOR, &["log", "5", "--format", "json"]);
    assert!(log.contains("\"approval\""), "approval is an event: {log}");

    ok(
        &db,
        "kari",
        &[
            "report",
            "5",
            "--period",
            "2023-T2",
            "--comment",
            "Ny vurdering",
        ],
    );
    assert_eq!(
        state_of(&db, 5),
        "awaiting",
        "a later report supersedes the approval"
    );

    ok(
        &db,
        "leder",
        &["send-back", "5", "--comment", "Mangler tall"],
    );
    let row = approvals(&db)
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == 5)
        .cloned()
        .unwrap();
    assert_eq!(row["state"], "awaiting");
    assert_eq!(row["comment"], "Mangler tall");
    let doctor = run(&db, ACTOR, Lang::En, &["doctor"]);
    assert!(doctor.status.success(), "{}", text(&doctor.stdout));
}

#[test]
fn approving_a_missing_report_or_without_a_period_is_refused_in_both_languages() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    assert_eq!(state_of(&db, 6), "missing");
    refused(
        &db,
        "leder",
        Lang::En,
        &["approve", "6"],
        "no report for 2023-T2",
    );
    refused(
        &db,
        "leder",
        Lang::Nb,
        &["approve", "6"],
        "ingen rapport for 2023-T2",
    );
    refused(
        &db,
        "leder",
        Lang::En,
        &["approve", "5", "--period", "2023-T9"],
        "2023-T9",
    );
    refused(
        &db,
        "leder",
        Lang::Nb,
        &["send-back", "3", "--comment", " "],
        "hvorfor",
    );
    refused(&db, "leder", Lang::En, &["approve", "999"], "999");
}

#[test]
fn baerums_six_periods_replace_the_tertials_of_a_new_year() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    ok(&db, ACTOR, &["year", "new", "2024", "--from", "2023"]);
    ok(&db, ACTOR, &["periods", "rm", "2024-T1"]);
    ok(&db, ACTOR, &["periods", "rm", "2024-T2"]);
    let schedule = [
        ("FEB", "Februar", "2024-01-01", "2024-02-29", "2024-03-08"),
        ("APR", "April", "2024-03-01", "2024-04-30", "2024-05-08"),
        ("JUL", "Juli", "2024-05-01", "2024-06-30", "2024-07-05"),
        ("AUG", "August", "2024-07-01", "2024-08-31", "2024-09-06"),
        ("OKT", "Oktober", "2024-09-01", "2024-10-31", "2024-11-08"),
        ("DES", "Desember", "2024-11-01", "2024-12-31", "2025-01-10"),
    ];
    for (code, label, start, end, due) in schedule {
        ok(
            &db,
            ACTOR,
            &[
                "periods", "add", "--year", "2024", "--code", code, "--label", label, "--start",
                start, "--end", end, "--due", due,
            ],
        );
    }
    let listed = ok(
        &db,
        ACTOR,
        &["periods", "--year", "2024", "--format", "json"],
    );
    let codes: Vec<String> = serde_json::from_str::<serde_json::Value>(&listed)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["FEB", "APR", "JUL", "AUG", "OKT", "DES", "AR"]);
    // The period being reported on follows the new rhythm: approving
    // without --period names it in the refusal.
    let period = |day: &str| {
        let out = std_styr_in(&db, "leder", Lang::En)
            .args(["--today", day, "approve", "1"])
            .output()
            .unwrap();
        text(&out.stderr)
    };
    assert!(
        period("2024-05-15").contains("2024-APR"),
        "{}",
        period("2024-05-15")
    );
    assert!(
        period("2024-09-15").contains("2024-AUG"),
        "{}",
        period("2024-09-15")
    );

    // Overlap, end before start, outside the year: refused, nothing written.
    let add = |code: &'static str, start: &'static str, end: &'static str| {
        [
            "periods",
            "add",
            "--year",
            "2024",
            "--code",
            code,
            "--label",
            "x",
            "--start",
            start,
            "--end",
            end,
            "--due",
            "2024-12-31",
        ]
    };
    refused(
        &db,
        ACTOR,
        Lang::En,
        &add("X", "2024-02-15", "2024-03-15"),
        "overlaps 2024-FEB",
    );
    refused(
        &db,
        ACTOR,
        Lang::Nb,
        &add("X", "2024-02-15", "2024-03-15"),
        "overlapper 2024-FEB",
    );
    refused(
        &db,
        ACTOR,
        Lang::En,
        &add("Y", "2024-06-10", "2024-06-01"),
        "before it starts",
    );
    refused(
        &db,
        ACTOR,
        Lang::Nb,
        &add("Y", "2024-06-10", "2024-06-01"),
        "før den begynner",
    );
    refused(
        &db,
        ACTOR,
        Lang::En,
        &add("Z", "2023-12-01", "2024-01-10"),
        "within 2024",
    );
    refused(
        &db,
        ACTOR,
        Lang::En,
        &[
            "periods",
            "edit",
            "2024-FEB",
            "--end",
            "2024-03-10",
            "--due",
            "2024-03-20",
        ],
        "overlaps 2024-APR",
    );
    ok(
        &db,
        ACTOR,
        &["periods", "edit", "2024-FEB", "--label", "Februarrapport"],
    );
}

#[test]
fn a_period_with_reports_is_not_removed_or_renamed() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    refused(&db, ACTOR, Lang::En, &["periods", "rm", "2023-T2"], "#2");
    refused(
        &db,
        ACTOR,
        Lang::Nb,
        &["periods", "rm", "2023-T2"],
        "ville mistet",
    );
    refused(
        &db,
        ACTOR,
        Lang::En,
        &["periods", "edit", "2023-T1", "--code", "P1"],
        "would lose their period",
    );
    ok(
        &db,
        ACTOR,
        &["periods", "edit", "2023-T2", "--due", "2023-09-15"],
    );
}

/// Every sector's code, from the demo.
const SECTORS: [&str; 6] = ["SOS", "STYV", "HOM", "OUS", "TEK", "KUL"];

#[test]
fn the_council_report_in_html_names_every_sector_and_the_approved_texts() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("k.html");
    ok(
        &db,
        ACTOR,
        &[
            "council-report",
            "--period",
            "2023-T2",
            "--format",
            "html",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "self-contained"
    );
    assert!(html.contains("size: A4"));
    for code in SECTORS {
        assert!(
            html.contains(&format!("<h2>{code} ")),
            "no section for {code}"
        );
    }
    // Deviations come before the sectors.
    assert!(html.find("<h2>Deviations</h2>").unwrap() < html.find("<h2>SOS ").unwrap());
    // #31's approved report text is shown; #4's, sent back, is not.
    assert!(html.contains("Planen ble ikke"), "approved text of #31");
    assert!(
        !html.contains("Klimatiltakene rapportert"),
        "#4 was sent back"
    );

    let english = text(
        &run(
            &db,
            ACTOR,
            Lang::En,
            &["council-report", "--period", "2023-T2"],
        )
        .stdout,
    );
    assert!(english.contains("## Key figures per sector"), "{english}");
    assert!(english.contains("## Closed in the period"));
    // The vedtak table: every demo decision made by the period's end that was
    // still followed up when it began, with its state and latest comment.
    assert!(
        html.contains("<h2>Political decisions</h2>"),
        "no vedtak table in the HTML"
    );
    let table = english
        .split("## Political decisions")
        .nth(1)
        .expect("a vedtak table")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(
        table.contains("| 6 | Hovedutvalg for helse og omsorg | 2023-03-15 | 9/23 |"),
        "{table}"
    );
    assert!(table.contains("In progress (overdue)"), "{table}");
    assert!(table.contains("Closed 2023-06-26"), "{table}");
    assert!(
        table.contains("Sommertilbudet hadde over 600 deltakere."),
        "{table}"
    );
}

#[test]
fn the_council_report_in_xlsx_reads_back_with_every_sector() {
    let dir = TempDir::new().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("k.xlsx");
    ok(
        &db,
        ACTOR,
        &[
            "council-report",
            "--period",
            "2023-T2",
            "--format",
            "xlsx",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let mut book = open_workbook_auto(&file).unwrap();
    let names = book.sheet_names();
    for code in SECTORS {
        assert!(
            names.iter().any(|n| n == code),
            "no sheet for {code}: {names:?}"
        );
    }
    let figures = book.worksheet_range("Key figures").unwrap();
    let sectors: Vec<String> = figures.rows().skip(2).map(|r| r[0].to_string()).collect();
    assert_eq!(sectors, SECTORS);
    let total: f64 = figures
        .rows()
        .skip(2)
        .map(|r| match r[2] {
            Data::Float(n) => n,
            ref other => panic!("a count is a number: {other:?}"),
        })
        .sum();
    assert!(total >= 30.0, "the oppdrag are counted: {total}");
    let kul = book.worksheet_range("KUL").unwrap();
    assert!(kul
        .rows()
        .any(|r| r.iter().any(|c| c.to_string().contains("Kulturplanen"))));

    refused(
        &db,
        ACTOR,
        Lang::En,
        &["council-report", "--format", "xlsx"],
        "-o FILE.xlsx",
    );
}
