//! `styr export` (and `list`) for spreadsheets: CSV, the CSV Norwegian
//! Excel writes, and an XLSX workbook. Each reads back through
//! `styr import` to the same assignments, hostile text included, and the
//! workbook is a real one: dates are dates, a formula-looking title is text.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

mod common;
use common::cli::{dated_styr, demo, Lang, ACTOR};

fn run_in(db: &Path, lang: Lang, args: &[&str]) -> Vec<u8> {
    let out = dated_styr(db, ACTOR, lang).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn run(db: &Path, args: &[&str]) -> Vec<u8> {
    run_in(db, Lang::Nb, args)
}

/// Texts a spreadsheet or a terminal could take for something else.
const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://x.example\";\"klikk\")",
    "-2+3",
    "'sitat' og @SUM(1+1)",
    "tittel \u{1b}]0;pwned\u{7} c1\u{9b} h\u{202e}v\u{2067} r\ru\tv",
    "C:\\mappe\\u001B er ikke en escape",
    "Lørenskog – «æøå» 👩‍👩‍👧",
];

/// The demo, with an assignment per hostile text (the text as title,
/// owner and description) and a task under the first.
fn hostile_demo(dir: &Path) -> PathBuf {
    let db = demo(dir);
    let mut first = None;
    for text in HOSTILE {
        let out = run(
            &db,
            &[
                "add",
                &format!("--title={text}"),
                "--sector",
                "KUL",
                &format!("--owner={text}"),
                &format!("--description={text}"),
                "--due",
                "2023-11-30",
                "--json",
            ],
        );
        let json: Value = serde_json::from_slice(&out).unwrap();
        first.get_or_insert(json["id"].as_i64().unwrap());
    }
    let parent = first.unwrap().to_string();
    run(
        &db,
        &[
            "add",
            &format!("--title={}", HOSTILE[0]),
            "--parent",
            &parent,
        ],
    );
    db
}

/// Every assignment and task as `list --format json` gives them, without
/// `version` (an import makes each anew, at version 1).
fn listing(db: &Path) -> Vec<Value> {
    let out = run(db, &["list", "--tasks", "--format", "json"]);
    let mut rows: Vec<Value> = serde_json::from_slice(&out).unwrap();
    for row in &mut rows {
        row.as_object_mut().unwrap().remove("version");
    }
    rows.sort_by_key(|r| r["id"].as_i64());
    rows
}

/// A new database with everything of `db` but its assignments: settings,
/// sectors, the goal tree, periods and årshjul, restored from `db`'s JSON
/// export with the assignments and their events (and the vedtak that
/// name them) left out.
fn empty_like(db: &Path, dir: &Path, name: &str) -> PathBuf {
    let mut dump: Value = serde_json::from_slice(&run(db, &["export"])).unwrap();
    dump["assignments"] = Value::Array(Vec::new());
    dump["events"] = Value::Array(Vec::new());
    // The vedtak name the assignments, so they go too, with their log.
    dump["decisions"] = Value::Array(Vec::new());
    dump["catalog_events"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["entity"] != "decision");
    let json = dir.join(format!("{name}.json"));
    std::fs::write(&json, serde_json::to_vec(&dump).unwrap()).unwrap();
    let target = dir.join(format!("{name}.db"));
    run(&target, &["import", json.to_str().unwrap()]);
    assert!(listing(&target).is_empty());
    target
}

#[test]
fn csv_exports_read_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_demo(dir.path());
    let want = listing(&db);
    for (name, flavour) in [
        ("plain", vec!["--format", "csv"]),
        ("excel", vec!["--format", "csv", "--excel"]),
    ] {
        let file = dir.path().join(format!("{name}.csv"));
        let mut args = vec!["export", "-o", file.to_str().unwrap()];
        args.extend(&flavour);
        run(&db, &args);
        let target = empty_like(&db, dir.path(), name);
        run(&target, &["import", file.to_str().unwrap()]);
        assert_eq!(listing(&target), want, "{name}");
        // Into the database it came from, every row is the same assignment.
        let again = String::from_utf8(run(&db, &["import", file.to_str().unwrap()])).unwrap();
        assert_eq!(listing(&db), want, "{name}: {again}");
    }
}

#[test]
fn the_excel_csv_is_what_norwegian_excel_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = String::from_utf8(run(&db, &["export", "--format", "csv", "--excel"])).unwrap();
    assert!(out.starts_with("\u{feff}Nr;Hører til;År;Oppdrag;Beskrivelse;Delegert til;"));
    assert!(out.contains("\r\n"));
    assert!(out.contains(";01.06.2023;Pågår;Avvik;"), "{out}");
    let en = String::from_utf8(run_in(
        &db,
        Lang::En,
        &["export", "--format", "csv", "--excel"],
    ))
    .unwrap();
    assert!(en.contains(";01.06.2023;In progress;Off track;"), "{en}");
}

#[test]
fn a_workbook_reads_back_unchanged_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_demo(dir.path());
    let want = listing(&db);
    for (lang, tasks) in [(Lang::Nb, "Oppgaver"), (Lang::En, "Tasks")] {
        let name = format!("{lang:?}");
        let book = dir.path().join(format!("{name}.xlsx"));
        let book = book.to_str().unwrap();
        run_in(&db, lang, &["export", "--format", "xlsx", "-o", book]);
        let target = empty_like(&db, dir.path(), &name);
        // The first sheet holds the assignments, the second their tasks.
        run(&target, &["import", book]);
        run(&target, &["import", book, "--sheet", tasks]);
        assert_eq!(listing(&target), want, "{name}");
    }
}

#[test]
fn the_workbook_has_dates_as_dates_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let db = hostile_demo(dir.path());
    let path = dir.path().join("oppdrag.xlsx");
    run(
        &db,
        &["export", "--format", "xlsx", "-o", path.to_str().unwrap()],
    );
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["Oppdrag", "Oppgaver"]);
    let sheet = book.worksheet_range("Oppdrag").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[..6],
        [
            "Nr",
            "År",
            "Oppdrag",
            "Beskrivelse",
            "Delegert til",
            "Delansvar"
        ]
    );
    let due = header.iter().position(|h| h == "Frist").unwrap();
    let title = header.iter().position(|h| h == "Oppdrag").unwrap();
    let row = sheet
        .rows()
        .position(|r| r[title] == Data::String(format!("'{}", HOSTILE[0])))
        .expect("the hostile title, as text with a quote before it");
    assert!(
        matches!(sheet[(row, 0)], Data::Float(_)),
        "the id is a number"
    );
    let Data::DateTime(date) = sheet[(row, due)] else {
        panic!("the deadline is a date: {:?}", sheet[(row, due)]);
    };
    let (y, m, d, ..) = date.to_ymd_hms_milli();
    assert_eq!((y, m, d), (2023, 11, 30));
    let styles = book.worksheet_style("Oppdrag").unwrap();
    let format = styles
        .get((row as u32, due as u32))
        .and_then(|s| s.number_format.clone())
        .expect("a number format");
    assert_eq!(format.format_code, "dd.mm.yyyy");
    // No cell of either sheet is a formula.
    for name in ["Oppdrag", "Oppgaver"] {
        let formulas = book.worksheet_formula(name).unwrap();
        assert!(formulas.cells().all(|(_, _, f)| f.is_empty()), "{name}");
    }
    let tasks = book.worksheet_range("Oppgaver").unwrap();
    assert_eq!(tasks[(0, 1)], Data::String("Hører til".into()));
    let listed = listing(&db);
    let task_count = listed.iter().filter(|a| !a["parent_id"].is_null()).count();
    assert_eq!(tasks.height(), 1 + task_count, "a row per task");
    assert_eq!(
        sheet.height(),
        1 + listed.len() - task_count,
        "a row per assignment"
    );
}

#[test]
fn list_writes_a_workbook_to_a_file_and_never_to_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let path = dir.path().join("ous.xlsx");
    let p = path.to_str().unwrap();
    run(
        &db,
        &["list", "--sector", "OUS", "--format", "xlsx", "-o", p],
    );
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("Oppdrag").unwrap();
    let want: Vec<Value> =
        serde_json::from_slice(&run(&db, &["list", "--sector", "OUS", "--format", "json"]))
            .unwrap();
    assert_eq!(sheet.height(), 1 + want.len());
    // `-o` also takes the other formats.
    let csv = dir.path().join("ous.csv");
    run(
        &db,
        &[
            "list",
            "--sector",
            "OUS",
            "--format",
            "csv",
            "-o",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        run(&db, &["list", "--sector", "OUS", "--format", "csv"])
    );
}

/// `styr ARGS…` on a pseudo-terminal (util-linux `script`): its exit
/// status and what the terminal received, or None without `script`.
fn on_terminal(db: &Path, args: &[&str]) -> Option<(bool, String)> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = vec![
        quote(env!("CARGO_BIN_EXE_styr")),
        "--db".into(),
        quote(db.to_str().unwrap()),
    ];
    line.extend(args.iter().map(|a| quote(a)));
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &line.join(" "), "/dev/null"])
        .stdin(std::process::Stdio::null());
    common::cli::clean_env(&mut cmd, ACTOR, Lang::Nb);
    match cmd.output() {
        Ok(out) => Some((
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("script: {e}"),
    }
}

#[test]
fn a_workbook_bound_for_a_terminal_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for args in [
        vec!["export", "--format", "xlsx"],
        vec!["list", "--format", "xlsx"],
    ] {
        let Some((ok, shown)) = on_terminal(&db, &args) else {
            eprintln!("skipped: no `script` to make a terminal");
            return;
        };
        assert!(!ok, "{args:?}");
        assert_eq!(shown.trim_end().lines().count(), 1, "{shown}");
        assert!(shown.contains("-o FIL.xlsx"), "{shown}");
        assert!(!shown.contains("PK"), "no workbook bytes: {shown}");
    }
}
