//! Political decisions (vedtak) as data: `styr vedtak` on the demo in both
//! languages, oppdrag created from and linked to a decision, closing, the
//! bad inputs refused with nothing changed, `doctor`, export → import,
//! `--as-of`, the store's read API and the TUI's view.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use styr::domain::vedtak::Vedtak;
use styr::domain::{Decision, DecisionKind, DecisionState, Status};
use styr::store::{Stamp, Store};
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::Runner;
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, one_line_error, Lang, ACTOR};
use common::today;
use common::tui::{drain, render};

struct Db {
    _dir: TempDir,
    path: PathBuf,
}

impl Db {
    fn demo() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("styr.db");
        let db = Db { _dir: dir, path };
        db.ok(&["demo"]);
        db
    }

    fn cmd_in(&self, lang: Lang, args: &[&str]) -> std::process::Output {
        dated_styr(&self.path, ACTOR, lang)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok_in(&self, lang: Lang, args: &[&str]) -> String {
        let out = self.cmd_in(lang, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "styr {args:?}: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_in(Lang::En, args)
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Everything a user could see change: the export (both logs included).
    fn export(&self) -> String {
        self.ok(&["export"])
    }
}

fn vedtak_list(db: &Db) -> Vec<Value> {
    db.json(&["vedtak", "list", "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_demo_lists_its_vedtak_with_state_and_oppdrag() {
    let db = Db::demo();
    let list = vedtak_list(&db);
    assert_eq!(list.len(), 7);
    for v in &list {
        for field in [
            "id",
            "body",
            "date",
            "case",
            "title",
            "kind",
            "state",
            "assignments",
        ] {
            assert!(v.get(field).is_some(), "{field} in {v}");
        }
    }
    let kinds: std::collections::HashSet<&str> =
        list.iter().map(|v| v["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["vedtak", "verbalvedtak", "budsjettvedtak"]
            .into_iter()
            .collect()
    );
    let closed: Vec<&Value> = list.iter().filter(|v| v["state"] == "closed").collect();
    assert_eq!(closed.len(), 1);
    assert_eq!(closed[0]["case"], "7/23");
    let without: Vec<&Value> = list
        .iter()
        .filter(|v| v["assignments"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(without.len(), 1);
    assert_eq!(without[0]["state"], "not-started");
    // The table in both languages.
    let en = db.ok_in(Lang::En, &["vedtak", "list"]);
    assert!(en.contains("Decision") && en.contains("142/22"), "{en}");
    let nb = db.ok_in(Lang::Nb, &["vedtak", "list"]);
    assert!(
        nb.contains("Kvittert ut") && nb.contains("budsjettvedtak"),
        "{nb}"
    );
    // `list --vedtak` shows the oppdrag a decision names.
    let heltid = list
        .iter()
        .find(|v| v["assignments"] == serde_json::json!([21, 22]))
        .unwrap();
    let id = heltid["id"].to_string();
    let listed = db.json(&["list", "--vedtak", &id, "--format", "json"]);
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, [21, 22]);
    db.ok(&["doctor"]);
}

#[test]
fn a_new_vedtak_and_an_oppdrag_created_from_it() {
    let db = Db::demo();
    let out = db.ok(&[
        "vedtak",
        "add",
        "--body",
        "FSK",
        "--date",
        "15.06.2023",
        "--case",
        "sak 55/23",
        "--title",
        "Trafikksikkerhetsplan",
        "--kind",
        "verbalvedtak",
        "--text",
        "Kommunedirektøren bes rullere trafikksikkerhetsplanen.",
    ]);
    assert!(out.starts_with("Added decision 8"), "{out}");
    let out = db.ok(&[
        "add",
        "--title",
        "Rullere trafikksikkerhetsplanen",
        "--sector",
        "TEK",
        "--due",
        "2023-12-01",
        "--vedtak",
        "8",
        "--json",
    ]);
    let created: Value = serde_json::from_str(&out).unwrap();
    let oppdrag = created["id"].as_i64().unwrap();
    assert!(
        created["source"].as_str().unwrap().contains("55/23"),
        "{created}"
    );
    let shown = db.json(&["vedtak", "show", "8", "--format", "json"]);
    assert_eq!(shown["body"], "Formannskapet");
    assert_eq!(shown["case"], "55/23");
    assert_eq!(shown["kind"], "verbalvedtak");
    assert_eq!(shown["assignments"], serde_json::json!([oppdrag]));
    assert_eq!(shown["state"], "not-started");
    // The oppdrag's start moves the decision; its end finishes it.
    db.ok(&[
        "set",
        &oppdrag.to_string(),
        "--status",
        "in-progress",
        "-c",
        "I gang",
    ]);
    let shown = db.json(&["vedtak", "show", "8", "--format", "json"]);
    assert_eq!(shown["state"], "in-progress");
    assert_eq!(shown["latest_comment"]["text"], "I gang");
    assert_eq!(shown["latest_comment"]["assignment_id"], oppdrag);
    // Link a second oppdrag, then close the decision with a comment.
    db.ok(&[
        "vedtak",
        "link",
        "8",
        "21",
        "-c",
        "Henger sammen med grønn mobilitet",
    ]);
    db.ok(&["vedtak", "close", "8", "-c", "Planen er vedtatt"]);
    let shown = db.json(&["vedtak", "show", "8", "--format", "json"]);
    assert_eq!(shown["state"], "closed");
    assert_eq!(shown["closed"], "2023-09-20");
    assert_eq!(shown["latest_comment"]["text"], "Planen er vedtatt");
    assert_eq!(shown["assignments"], serde_json::json!([oppdrag, 21]));
    // Every change is in the catalog log, and doctor agrees with the tables.
    let history = shown["history"].as_array().unwrap();
    let fields: Vec<&str> = history
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["closed", "assignments", "assignments", "created"]);
    let text = db.ok_in(Lang::Nb, &["vedtak", "show", "8"]);
    assert!(text.contains("Kvittert ut 20.09.2023"), "{text}");
    assert!(text.contains("Saksnummer: 55/23"), "{text}");
    db.ok(&["doctor"]);
}

#[test]
fn bad_input_is_one_line_in_the_users_language_and_changes_nothing() {
    let db = Db::demo();
    let before = db.export();
    let add = |body: &str, date: &str, case: &str| -> Vec<String> {
        [
            "vedtak", "add", "--body", body, "--date", date, "--case", case, "--title", "T",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            add("Bystyret", "2023-06-01", "1/23"),
            "unknown body",
            "ukjent organ",
        ),
        (
            add("KST", "2023-06-01", "283-23"),
            "not a case number",
            "ikke et saksnummer",
        ),
        (
            add("KST", "2023-06-01", "283/22"),
            "another year",
            "et annet år",
        ),
        (add("KST", "2023-02-30", "1/23"), "2023-02-30", "2023-02-30"),
        (
            add("KST", "2023-12-01", "1/23"),
            "after today",
            "etter i dag",
        ),
        (
            ["vedtak", "link", "1", "999"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "999",
            "999",
        ),
        (
            ["vedtak", "link", "1", "4"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "already linked",
            "allerede knyttet",
        ),
        (
            // A task follows a decision up through its oppdrag.
            ["vedtak", "link", "1", "38"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "is a task under assignment #9",
            "er en oppgave under oppdrag #9",
        ),
        (
            ["vedtak", "close", "4", "-c", "igjen"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "was closed",
            "ble kvittert ut",
        ),
        (
            ["vedtak", "close", "1", "-c", "  "]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "needs a comment",
            "krever en kommentar",
        ),
        (
            ["vedtak", "body", "rm", "Kommunestyret"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "cannot be removed",
            "kan ikke fjernes",
        ),
        (
            ["vedtak", "show", "99"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            "no decision with id 99",
            "ikke noe vedtak med id 99",
        ),
        (
            [
                "vedtak",
                "add",
                "--body",
                "KST",
                "--date",
                "2023-06-01",
                "--case",
                "1/23",
                "--title",
                "T",
                "--kind",
                "lov",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            "unknown decision kind",
            "ukjent vedtakstype",
        ),
    ];
    for (args, en, nb) in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let line = one_line_error(&db.cmd_in(Lang::En, &args), &format!("{args:?}"));
        assert!(line.contains(en), "{args:?}: {line}");
        let line = one_line_error(&db.cmd_in(Lang::Nb, &args), &format!("{args:?}"));
        assert!(line.contains(nb), "{args:?}: {line}");
    }
    assert_eq!(db.export(), before, "a refused change wrote something");
    db.ok(&["doctor"]);
}

#[test]
fn bodies_are_a_list_the_municipality_edits() {
    let db = Db::demo();
    db.ok(&["vedtak", "body", "add", "Kontrollutvalget", "--short", "KU"]);
    let bodies = db.json(&["vedtak", "body", "list", "--format", "json"]);
    let names: Vec<&str> = bodies
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Kommunestyret",
            "Formannskapet",
            "Hovedutvalg for helse og omsorg",
            "Kontrollutvalget"
        ]
    );
    let line = one_line_error(
        &db.cmd_in(Lang::En, &["vedtak", "body", "add", "ku"]),
        "a name taken as an abbreviation",
    );
    assert!(line.contains("already has"), "{line}");
    db.ok(&["vedtak", "body", "rm", "KU"]);
    let after = db.json(&["vedtak", "body", "list", "--format", "json"]);
    assert_eq!(after.as_array().unwrap().len(), 3);
    // The log keeps the removed body.
    let log = db.json(&["log", "--goals", "--wheel", "--format", "json"]);
    let body_events = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "body")
        .count();
    assert_eq!(body_events, 3 + 2);
    db.ok(&["doctor"]);
}

#[test]
fn edits_and_export_import_and_the_past_keep_vedtak() {
    let db = Db::demo();
    db.ok(&[
        "vedtak",
        "edit",
        "2",
        "--title",
        "Heltidskultur: status",
        "-c",
        "Ny tittel",
    ]);
    db.ok(&["vedtak", "edit", "2", "-c", "Status lagt fram i HHO"]);
    let line = one_line_error(&db.cmd_in(Lang::En, &["vedtak", "edit", "2"]), "nothing");
    assert!(line.contains("nothing to change"), "{line}");
    // Export → import into a new file → export: the same bytes.
    let export = db.export();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    std::fs::write(&file, &export).unwrap();
    let copy = dir.path().join("copy.db");
    let out = dated_styr(&copy, ACTOR, Lang::En)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = dated_styr(&copy, ACTOR, Lang::En)
        .arg("export")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(again.stdout).unwrap(), export);
    // The past: before the demo's decisions were entered there were none;
    // in May the ROS decision was not yet closed.
    let past = db.json(&[
        "vedtak",
        "list",
        "--format",
        "json",
        "--as-of",
        "2023-01-17",
    ]);
    assert_eq!(past.as_array().unwrap().len(), 0);
    let may = db.json(&[
        "vedtak",
        "list",
        "--format",
        "json",
        "--as-of",
        "2023-05-15",
    ]);
    let ros = may
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["case"] == "7/23")
        .unwrap();
    assert_ne!(ros["state"], "closed");
    let now = db.json(&["vedtak", "show", "2", "--format", "json"]);
    assert_eq!(now["title"], "Heltidskultur: status");
    let then = db.json(&[
        "vedtak",
        "show",
        "2",
        "--format",
        "json",
        "--as-of",
        "2023-05-15",
    ]);
    assert_eq!(then["title"], "Status for heltidskultur i helse og omsorg");
    // A change with --as-of is refused.
    one_line_error(
        &db.cmd_in(
            Lang::En,
            &["vedtak", "close", "1", "-c", "x", "--as-of", "2023-05-15"],
        ),
        "as-of write",
    );
    db.ok(&["doctor"]);
    db.ok(&["log", "--verify"]);
}

#[test]
fn the_store_reads_vedtak_with_their_state() {
    let mut store = Store::in_memory().unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let stamp = Stamp::now("tester");
    let list: Vec<Vedtak> = store.vedtak_list(today()).unwrap();
    assert_eq!(list.len(), 7);
    // Meeting date order.
    let dates: Vec<_> = list.iter().map(|v| v.decision.date).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    // A decision whose only oppdrag is done is done.
    let draft = Decision {
        id: 0,
        body: "kommunestyret".into(),
        date: chrono::NaiveDate::from_ymd_opt(2023, 3, 1).unwrap(),
        case: "20/23".into(),
        title: "Prøve".into(),
        text: String::new(),
        kind: DecisionKind::Vedtak,
        assignments: vec![30],
        closed: None,
    };
    let id = store
        .create_decision(&draft, today(), None, &stamp)
        .unwrap()
        .item
        .id;
    let stored = store.decision(id).unwrap();
    assert_eq!(stored.body, "Kommunestyret");
    store
        .change(
            30,
            None,
            &[(
                styr::domain::Field::Status,
                Some(Status::Done.as_str().into()),
            )],
            None,
            &stamp,
        )
        .unwrap();
    let v = store.vedtak(id, today()).unwrap();
    assert_eq!(v.progress.state, DecisionState::Done);
    assert!(!v.progress.overdue);
    assert!(store.diagnose().unwrap().problems.is_empty());
}

#[test]
fn the_tui_shows_vedtak_with_their_oppdrag() {
    std::env::set_var("TZ", "UTC");
    let mut store = Store::in_memory().unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (100, 30),
    );
    let effects = state.start();
    let mut runner = Runner::new(&mut store, "tester", today()).unwrap();
    drain(&mut runner, &mut state, effects);
    let press = |state: &mut AppState, runner: &mut Runner, c: char| {
        let effects = update(
            state,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
        drain(runner, state, effects);
    };
    press(&mut state, &mut runner, 'P');
    assert!(state.vedtak.is_some());
    press(&mut state, &mut runner, 'j');
    press(&mut state, &mut runner, 'j');
    insta::assert_snapshot!(render(&state, 100, 30));
    let effects = update(
        &mut state,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );
    drain(&mut runner, &mut state, effects);
    assert!(state.vedtak.is_none());
}

#[test]
fn a_list_of_vedtak_is_imported_all_or_nothing() {
    let db = Db::demo();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("vedtak.csv");
    std::fs::write(
        &good,
        "Organ;Møtedato;Saksnummer;Tittel;Type;Oppdrag\n\
         KST;15.06.2023;50/23;Ny skolestruktur;vedtak;17,18\n\
         Formannskapet;2023-05-10;40/23;Næringsplan;verbalvedtak;\n",
    )
    .unwrap();
    let good = good.to_str().unwrap();
    let dry = db.ok(&["vedtak", "import", good, "--dry-run"]);
    assert!(dry.starts_with("Would add 2 decisions"), "{dry}");
    assert_eq!(vedtak_list(&db).len(), 7);
    let out = db.ok(&["vedtak", "import", good]);
    assert!(out.starts_with("Added 2 decisions"), "{out}");
    let list = vedtak_list(&db);
    assert_eq!(list.len(), 9);
    let skole = list.iter().find(|v| v["case"] == "50/23").unwrap();
    assert_eq!(skole["body"], "Kommunestyret");
    assert_eq!(skole["assignments"], serde_json::json!([17, 18]));
    // Again: nothing new.
    let again = db.ok(&["vedtak", "import", good]);
    assert!(
        again.starts_with("Added 0 decisions; 2 were there"),
        "{again}"
    );
    // A bad row anywhere: nothing is written, and the line is named.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "Organ;Møtedato;Saksnummer;Tittel\n\
         KST;01.03.2023;20/23;God rad\n\
         Bystyret;01.03.2023;21/23;Ukjent organ\n\
         KST;01.03.2023;21-23;Feil saksnummer\n",
    )
    .unwrap();
    let before = db.export();
    let line = one_line_error(
        &db.cmd_in(Lang::En, &["vedtak", "import", bad.to_str().unwrap()]),
        "bad rows",
    );
    assert!(
        line.contains("bad.csv:3") && line.contains("unknown body"),
        "{line}"
    );
    assert!(
        line.contains("bad.csv:4") && line.contains("not a case number"),
        "{line}"
    );
    let line = one_line_error(
        &db.cmd_in(Lang::Nb, &["vedtak", "import", bad.to_str().unwrap()]),
        "bad rows",
    );
    assert!(line.contains("ukjent organ"), "{line}");
    // An unknown column is refused by name.
    let odd = dir.path().join("odd.csv");
    std::fs::write(
        &odd,
        "Organ;Møtedato;Saksnummer;Tittel;Farge\nKST;01.03.2023;20/23;T;rød\n",
    )
    .unwrap();
    let line = one_line_error(
        &db.cmd_in(Lang::En, &["vedtak", "import", odd.to_str().unwrap()]),
        "unknown column",
    );
    assert!(line.contains("Farge"), "{line}");
    assert_eq!(db.export(), before);
    // XLSX, written as a spreadsheet program would.
    let xlsx = dir.path().join("vedtak.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Organ", "Dato", "Sak", "Tittel", "Vedtakstekst"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in [
        "FSK",
        "2023-04-19",
        "33/23",
        "Innfartsparkering",
        "Utredes.",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    book.save(&xlsx).unwrap();
    let out = db.ok(&["vedtak", "import", xlsx.to_str().unwrap()]);
    assert!(out.starts_with("Added 1 decisions"), "{out}");
    db.ok(&["doctor"]);
}
