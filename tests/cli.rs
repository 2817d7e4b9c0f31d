//! The real `styr` binary against temporary databases: what a user of the
//! command line sees (output, exit status, the file on disk).
//!
//! Every command runs with `--today 2023-09-20`, an explicit `STYR_ACTOR`,
//! `TZ=UTC`, and without `STYR_DB`/`STYR_TODAY`, so the machine cannot leak in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Output, Stdio};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::cli::{assert_language, one_line_error, std_styr, styr, text, ACTOR, TODAY};
use styr::import::cell::decode;

/// The JSON fields of an assignment, in order (stable, documented in the README).
const ASSIGNMENT_KEYS: [&str; 17] = [
    "id",
    "parent_id",
    "year",
    "title",
    "description",
    "lead_sector",
    "sectors",
    "goal_id",
    "source",
    "owner",
    "due",
    "status",
    "assessment",
    "expected_done",
    "overdue",
    "days_overdue",
    "version",
];

/// A database file in its own temporary directory.
struct Db {
    dir: TempDir,
    path: PathBuf,
}

/// What a user can observe of a database: its output and the bytes on disk.
#[derive(Debug, PartialEq, Eq)]
struct State {
    list: String,
    log: String,
    main: Vec<u8>,
    wal: Option<Vec<u8>>,
}

impl Db {
    /// A path in a fresh directory; no file yet.
    fn none() -> Db {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("styr.db");
        Db { dir, path }
    }

    /// The Lørenskog 2023 demo.
    fn demo() -> Db {
        let db = Db::none();
        let out = db.ok(&["demo"]);
        assert!(out.contains("32 oppdrag"), "{out}");
        db
    }

    /// `styr --db PATH --today 2023-09-20 ARGS…` as `actor`.
    fn cmd_as(&self, actor: &str, args: &[&str]) -> Command {
        let mut cmd = styr(&self.path, actor);
        cmd.args(["--today", TODAY]).args(args);
        cmd
    }

    fn output_as(&self, actor: &str, args: &[&str]) -> Output {
        self.cmd_as(actor, args).output().expect("styr runs")
    }

    fn output(&self, args: &[&str]) -> Output {
        self.output_as(ACTOR, args)
    }

    /// Runs successfully as `actor`; returns stdout.
    fn ok_as(&self, actor: &str, args: &[&str]) -> String {
        let output = self.output_as(actor, args);
        assert!(
            output.status.success(),
            "styr {args:?} failed: {}",
            text(&output.stderr)
        );
        assert!(
            output.stderr.is_empty(),
            "styr {args:?}: {}",
            text(&output.stderr)
        );
        text(&output.stdout)
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_as(ACTOR, args)
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("styr {args:?}: {e}: {out}"))
    }

    /// An array from a JSON command.
    fn rows(&self, args: &[&str]) -> Vec<Value> {
        match self.json(args) {
            Value::Array(rows) => rows,
            other => panic!("styr {args:?}: want an array, got {other}"),
        }
    }

    /// Fails with one error line; returns it.
    fn fails(&self, args: &[&str]) -> String {
        one_line_error(&self.output(args), &format!("styr {args:?}"))
    }

    fn wal_path(&self) -> PathBuf {
        let mut name = self.path.clone().into_os_string();
        name.push("-wal");
        name.into()
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.path).expect("database file")
    }

    /// The bytes of the main file and of any WAL content: equal bytes and no
    /// WAL content mean the same database, whatever the output shows.
    fn files(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        (
            self.bytes(),
            std::fs::read(self.wal_path())
                .ok()
                .filter(|w| !w.is_empty()),
        )
    }

    fn state(&self) -> State {
        let list = self.ok(&["list", "--format", "json", "--tasks"]);
        let log = self.ok(&["log", "--format", "json"]);
        let (main, wal) = self.files();
        State {
            list,
            log,
            main,
            wal,
        }
    }

    fn log(&self) -> Vec<Value> {
        self.rows(&["log", "--format", "json"])
    }

    fn show(&self, id: i64) -> Value {
        self.json(&["show", &id.to_string(), "--format", "json"])
    }
}

fn ids(rows: &[Value]) -> Vec<i64> {
    rows.iter().map(|r| r["id"].as_i64().expect("id")).collect()
}

fn strs(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

/// The id in "Opprettet oppdrag #45: …" / "Opprettet oppgave #46: …".
fn created_id(stdout: &str) -> i64 {
    let rest = stdout
        .split_once('#')
        .unwrap_or_else(|| panic!("no id in {stdout:?}"))
        .1;
    rest.split(':').next().unwrap().parse().expect("a number")
}

fn has_terminal_controls(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| *b == 0x1b || *b == 0x07)
}

#[test]
fn demo_lists_32_assignments_overdue_first() {
    let db = Db::demo();
    let rows = db.rows(&["list", "--format", "json"]);
    assert_eq!(rows.len(), 32);

    let mut by_sector: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &rows {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ASSIGNMENT_KEYS, "fields of {row}");
        assert!(
            row["parent_id"].is_null(),
            "no tasks without --tasks: {row}"
        );
        *by_sector
            .entry(row["lead_sector"].as_str().unwrap())
            .or_default() += 1;
    }
    let want: BTreeMap<&str, usize> = [
        ("SOS", 5),
        ("STYV", 7),
        ("HOM", 3),
        ("OUS", 5),
        ("TEK", 4),
        ("KUL", 8),
    ]
    .into();
    assert_eq!(by_sector, want);

    // Overdue first, most days first; then the rest, by deadline.
    let overdue = rows.iter().take_while(|r| r["overdue"] == true).count();
    assert_eq!(overdue, 8, "the demo has 8 overdue assignments on {TODAY}");
    assert!(rows[overdue..].iter().all(|r| r["overdue"] == false));
    let days: Vec<i64> = rows[..overdue]
        .iter()
        .map(|r| {
            r["days_overdue"]
                .as_i64()
                .expect("days_overdue of an overdue one")
        })
        .collect();
    assert!(days.windows(2).all(|w| w[0] >= w[1]), "{days:?}");
    assert!(days.iter().all(|d| *d > 0));
    assert!(rows[overdue..].iter().all(|r| r["days_overdue"].is_null()));
    let dues: Vec<&str> = rows[overdue..]
        .iter()
        .filter_map(|r| r["due"].as_str())
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
    // Overdue means: a deadline before today and not finished.
    for row in &rows[..overdue] {
        assert!(row["due"].as_str().unwrap() < TODAY, "{row}");
        assert!(!["done", "cancelled"].contains(&row["status"].as_str().unwrap()));
    }
}

#[test]
fn list_tasks_filters_csv_and_table() {
    let db = Db::demo();
    let all = db.rows(&["list", "--format", "json"]);

    // --tasks: each task right after its assignment (or a sibling task).
    let with_tasks = db.rows(&["list", "--format", "json", "--tasks"]);
    let tasks: Vec<&Value> = with_tasks
        .iter()
        .filter(|r| !r["parent_id"].is_null())
        .collect();
    assert_eq!(tasks.len(), 12, "the demo has 12 tasks");
    assert_eq!(with_tasks.len(), 32 + tasks.len());
    for (i, row) in with_tasks.iter().enumerate() {
        let Some(parent) = row["parent_id"].as_i64() else {
            continue;
        };
        let before = &with_tasks[i - 1];
        assert!(
            before["id"].as_i64() == Some(parent) || before["parent_id"].as_i64() == Some(parent),
            "task {} follows {} instead of its assignment {parent}",
            row["id"],
            before["id"]
        );
        let parent_row = with_tasks
            .iter()
            .find(|r| r["id"].as_i64() == Some(parent))
            .unwrap();
        assert_eq!(row["lead_sector"], parent_row["lead_sector"]);
    }
    let top: Vec<i64> = ids(&with_tasks)
        .into_iter()
        .zip(&with_tasks)
        .filter(|(_, r)| r["parent_id"].is_null())
        .map(|(id, _)| id)
        .collect();
    assert_eq!(top, ids(&all), "--tasks keeps the order of the assignments");

    // --sector, case-insensitive.
    for code in ["ous", "OUS"] {
        let rows = db.rows(&["list", "--sector", code, "--format", "json"]);
        assert_eq!(rows.len(), 5, "--sector {code}");
        assert!(rows.iter().all(|r| r["lead_sector"] == "OUS"));
    }

    // --overdue: the overdue oppdrag and tasks, as the TUI's `o` (each
    // task right after its oppdrag, or grouped where its oppdrag is not).
    let overdue = db.rows(&["list", "--overdue", "--format", "json"]);
    let mut want: Vec<i64> = ids(&with_tasks)
        .into_iter()
        .zip(&with_tasks)
        .filter(|(_, r)| r["overdue"] == true)
        .map(|(id, _)| id)
        .collect();
    let mut got = ids(&overdue);
    assert_eq!(got, [23, 9, 38, 18, 1, 15, 24, 31, 19, 41]);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    assert_eq!(
        overdue.iter().filter(|r| r["parent_id"].is_null()).count(),
        8
    );

    // --status.
    let done = db.rows(&["list", "--status", "done", "--format", "json"]);
    assert!(!done.is_empty());
    assert!(done.iter().all(|r| r["status"] == "done"));
    assert_eq!(
        done.len(),
        all.iter().filter(|r| r["status"] == "done").count()
    );

    // --goal: the subtree under a hovedmål.
    let goals = db.rows(&["goals", "--format", "json"]);
    let parent_of: BTreeMap<i64, Option<i64>> = goals
        .iter()
        .map(|g| (g["id"].as_i64().unwrap(), g["parent_id"].as_i64()))
        .collect();
    let under = |goal: i64, top: i64| {
        let mut at = Some(goal);
        while let Some(g) = at {
            if g == top {
                return true;
            }
            at = parent_of[&g];
        }
        false
    };
    let main_goal = goals
        .iter()
        .find(|g| g["kind"] == "main-goal" && g["assignments"].as_u64().unwrap() > 0)
        .expect("a hovedmål with assignments")["id"]
        .as_i64()
        .unwrap();
    let narrowed = db.rows(&["list", "--goal", &main_goal.to_string(), "--format", "json"]);
    let want: Vec<i64> = all
        .iter()
        .filter(|r| r["goal_id"].as_i64().is_some_and(|g| under(g, main_goal)))
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(!want.is_empty() && want.len() < all.len());
    assert_eq!(ids(&narrowed), want);

    // CSV: the JSON field names as header, one row per assignment, same order.
    let csv_out = db.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ASSIGNMENT_KEYS);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 32);
    for (record, row) in records.iter().zip(&all) {
        assert_eq!(record[0], row["id"].to_string());
        assert_eq!(&record[3], row["title"].as_str().unwrap());
        assert_eq!(record[6], strs(&row["sectors"]).join(","));
        assert_eq!(&record[11], row["status"].as_str().unwrap());
    }

    // Table: Norwegian headers and the summary line.
    let table = db.ok(&["list"]);
    let first = table.lines().next().unwrap();
    for header in [
        "ID",
        "Status",
        "Vurdering",
        "Oppdrag",
        "Sektor",
        "Frist",
        "Forfalt",
        "Ansvarlig",
    ] {
        assert!(first.contains(header), "{header} missing in {first:?}");
    }
    let last = table.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert_eq!(last, "32 oppdrag, 8 forfalt per 20.09.2023");
    assert!(table.contains("31.03.2023"), "dates as dd.mm.yyyy");
}

#[test]
fn goals_tree_with_responsibility_and_sector_filter() {
    let db = Db::demo();
    let goals = db.rows(&["goals", "--format", "json"]);
    let count = |kind: &str| goals.iter().filter(|g| g["kind"] == kind).count();
    assert_eq!(count("focus-area"), 4);
    assert_eq!(count("main-goal"), 6);
    assert_eq!(count("sub-goal"), 16);
    assert_eq!(goals.len(), 26);

    let by_title = |title: &str| {
        goals
            .iter()
            .find(|g| g["title"] == title)
            .unwrap_or_else(|| panic!("no goal {title:?}"))
    };
    let participation =
        by_title("Deltakelse i medvirkningsaktiviteter øker og gjenspeiler befolkningen");
    assert_eq!(participation["kind"], "sub-goal");
    assert_eq!(
        strs(&participation["sectors"]),
        ["HOM", "KUL", "TEK", "SOS", "STYV"]
    );
    let traffic =
        by_title("Antall hendelser i trafikken med myke trafikanter involvert er redusert");
    assert_eq!(strs(&traffic["sectors"]), ["TEK"]);
    assert!(goals
        .iter()
        .any(|g| g["kind"] == "sub-goal" && g["served"] == false));
    assert!(goals.iter().any(|g| g["served"] == true));
    let table = db.ok(&["goals"]);
    assert!(table.contains("ingen oppdrag"), "{table}");

    // --sector TEK: only delmål TEK answers for, and the goals above them.
    let tek = db.rows(&["goals", "--sector", "TEK", "--format", "json"]);
    let kept: BTreeSet<i64> = ids(&tek).into_iter().collect();
    for goal in goals.iter().filter(|g| g["kind"] == "sub-goal") {
        let responsible = strs(&goal["sectors"]).contains(&"TEK");
        assert_eq!(
            kept.contains(&goal["id"].as_i64().unwrap()),
            responsible,
            "{}",
            goal["title"]
        );
    }
    assert!(kept.len() < goals.len());
    for goal in &tek {
        if goal["kind"] != "sub-goal" {
            let id = goal["id"].as_i64();
            assert!(
                tek.iter().any(|g| g["parent_id"].as_i64() == id),
                "{} kept without anything under it",
                goal["title"]
            );
        }
    }
    // Focus area 3 (youth) has no delmål for TEK.
    let youth = by_title("Bred ungdomssatsing")["id"].as_i64().unwrap();
    assert!(!kept.contains(&youth));
}

#[test]
fn set_is_logged_and_shown() {
    let db = Db::demo();
    let before = db.log();
    assert!(
        before.iter().any(|e| e["actor"] != ACTOR),
        "STYR_ACTOR must not filter the log"
    );
    assert!(before.len() > 100);
    assert_eq!(db.show(5)["status"], "in-progress");

    let out = db.ok(&[
        "set",
        "5",
        "--status",
        "done",
        "--comment",
        "Ferdig etter piloten",
    ]);
    assert!(out.starts_with("Lagret #5"), "{out}");

    let log = db.log();
    assert_eq!(log.len(), before.len() + 1);
    let last = log.last().unwrap();
    assert_eq!(last["assignment_id"], 5);
    assert_eq!(last["field"], "status");
    assert_eq!(last["old"], "in-progress");
    assert_eq!(last["new"], "done");
    assert_eq!(last["comment"], "Ferdig etter piloten");
    assert_eq!(last["actor"], ACTOR);
    assert!(last["undoes"].is_null());
    let at = last["at"].as_str().unwrap();
    assert!(at.ends_with('Z'), "{at}");
    chrono::DateTime::parse_from_rfc3339(at).expect("RFC 3339");
    assert_eq!(
        &log[..before.len()],
        &before[..],
        "earlier events untouched"
    );

    // log ID
    let of_5 = db.rows(&["log", "5", "--format", "json"]);
    let want: Vec<&Value> = log.iter().filter(|e| e["assignment_id"] == 5).collect();
    assert_eq!(of_5.iter().collect::<Vec<_>>(), want);
    assert!(of_5.len() >= 2);
    let table = db.ok(&["log", "5"]);
    assert!(table.contains("Ferdig etter piloten"), "{table}");

    // log --since (TZ=UTC, so local midnight is 00:00Z)
    let since = db.rows(&["log", "--since", "2023-09-01", "--format", "json"]);
    let want: Vec<&Value> = log
        .iter()
        .filter(|e| e["at"].as_str().unwrap() >= "2023-09-01T00:00:00Z")
        .collect();
    assert_eq!(since.iter().collect::<Vec<_>>(), want);
    assert!(since.len() >= 2 && since.len() < log.len());
    assert!(since
        .iter()
        .any(|e| e["at"].as_str().unwrap().starts_with("2023-09")));

    // log --by
    let mine = db.rows(&["log", "--by", ACTOR, "--format", "json"]);
    assert_eq!(mine, vec![last.clone()]);
    let someone = before[0]["actor"].as_str().unwrap();
    let theirs = db.rows(&["log", "--by", someone, "--format", "json"]);
    assert!(!theirs.is_empty());
    assert!(theirs.iter().all(|e| e["actor"] == someone));
    assert_eq!(
        theirs.len(),
        log.iter().filter(|e| e["actor"] == someone).count()
    );

    // show --format json: the assignment, its goal path, tasks, history newest first.
    let shown = db.show(5);
    assert_eq!(shown["status"], "done");
    assert_eq!(shown["id"], 5);
    let path = shown["goal_path"].as_array().unwrap();
    let kinds: Vec<&str> = path.iter().map(|g| g["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["focus-area", "main-goal", "sub-goal"]);
    assert_eq!(path[2]["id"], shown["goal_id"]);
    let history = shown["history"].as_array().unwrap();
    assert_eq!(history.len(), of_5.len());
    assert_eq!(&history[0], last);
    let history_ids = ids(history);
    assert!(
        history_ids.windows(2).all(|w| w[0] > w[1]),
        "{history_ids:?}"
    );
    assert_eq!(history.last().unwrap()["field"], "created");
    assert_eq!(shown["tasks"], Value::Array(vec![]));

    let with_tasks = db.show(9);
    let task_ids: BTreeSet<i64> = ids(with_tasks["tasks"].as_array().unwrap())
        .into_iter()
        .collect();
    assert_eq!(task_ids, [37, 38, 39].into());
    assert!(with_tasks["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["parent_id"] == 9));

    // show as text
    let text = db.ok(&["show", "5"]);
    assert!(text.contains(shown["title"].as_str().unwrap()), "{text}");
    assert!(text.contains("Historikk"), "{text}");
    assert!(text.contains("Fullført"), "{text}");
    assert!(text.contains("Ferdig etter piloten"), "{text}");
}

#[test]
fn stale_version_is_refused_naming_who_changed_what() {
    let db = Db::demo();
    let version = db.show(5)["version"].as_i64().unwrap();
    db.ok(&[
        "set",
        "5",
        "--status",
        "done",
        "--if-version",
        &version.to_string(),
    ]);
    let state = db.state();

    // Ola still looks at the old version.
    let output = db.output_as(
        "ola",
        &[
            "set",
            "5",
            "--if-version",
            &version.to_string(),
            "--assessment",
            "green",
        ],
    );
    let err = one_line_error(&output, "stale set");
    assert!(err.contains(ACTOR), "names who: {err}");
    assert!(
        err.contains("status") && err.contains("done"),
        "names what: {err}"
    );
    assert_eq!(db.state(), state, "a refused edit changes nothing");

    // With the current version it goes through.
    let current = db.show(5)["version"].as_i64().unwrap();
    assert_eq!(current, version + 1);
    db.ok_as(
        "ola",
        &[
            "set",
            "5",
            "--if-version",
            &current.to_string(),
            "--assessment",
            "green",
        ],
    );
    assert_eq!(db.show(5)["assessment"], "green");
}

#[test]
fn add_task_and_undo() {
    let db = Db::demo();
    let log_before = db.log().len();

    let out = db.ok(&[
        "add",
        "--title",
        "T",
        "--sector",
        "OUS",
        "--due",
        "2023-10-01",
    ]);
    assert!(out.starts_with("Opprettet oppdrag #"), "{out}");
    let id = created_id(&out);
    let a = db.show(id);
    assert_eq!(a["title"], "T");
    assert_eq!(a["lead_sector"], "OUS");
    assert_eq!(a["due"], "2023-10-01");
    assert_eq!(a["year"], 2023);
    assert_eq!(a["version"], 1);
    assert!(a["parent_id"].is_null());
    let history = a["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["field"], "created");
    assert_eq!(history[0]["actor"], ACTOR);
    assert_eq!(db.rows(&["list", "--format", "json"]).len(), 33);

    // A task inherits its assignment's sector and year.
    let out = db.ok(&["add", "--title", "Deloppgave", "--parent", "1"]);
    assert!(out.starts_with("Opprettet oppgave #"), "{out}");
    let task_id = created_id(&out);
    let task = db.show(task_id);
    assert_eq!(task["parent_id"], 1);
    assert_eq!(task["lead_sector"], db.show(1)["lead_sector"]);
    assert_eq!(task["year"], 2023);
    assert!(ids(db.show(1)["tasks"].as_array().unwrap()).contains(&task_id));
    assert!(!ids(&db.rows(&["list", "--format", "json"])).contains(&task_id));
    assert_eq!(db.log().len(), log_before + 2);

    // Undo appends a compensating event for the actor's last change.
    let owner = db.show(5)["owner"].as_str().unwrap().to_string();
    db.ok_as("ola", &["set", "5", "--owner", "Ola Nordmann"]);
    assert_eq!(db.show(5)["owner"], "Ola Nordmann");
    let change = db.log().last().unwrap().clone();
    let out = db.ok_as("ola", &["undo", "--comment", "feil person"]);
    assert!(out.starts_with("Lagret #5"), "{out}");
    assert_eq!(db.show(5)["owner"], owner.as_str());
    let log = db.log();
    assert_eq!(log.len(), log_before + 4, "nothing erased");
    assert_eq!(log[log.len() - 2], change);
    let undo = log.last().unwrap();
    assert_eq!(undo["undoes"], change["id"]);
    assert_eq!(undo["field"], "owner");
    assert_eq!(undo["old"], "Ola Nordmann");
    assert_eq!(undo["new"], owner.as_str());
    assert_eq!(undo["actor"], "ola");
    assert_eq!(undo["comment"], "feil person");

    // Nothing left for ola to undo; the refusal changes nothing.
    let state = db.state();
    one_line_error(&db.output_as("ola", &["undo"]), "second undo");
    assert_eq!(db.state(), state);

    let doctor = db.ok(&["doctor"]);
    assert!(doctor.starts_with("ok:"), "{doctor}");
}

#[test]
fn init_makes_an_empty_database_and_never_replaces_one() {
    let db = Db::none();
    let out = db.ok(&["init", "--kommune", "Asker", "--year", "2024"]);
    assert!(out.contains("Asker"), "{out}");
    assert!(db.path.exists());
    assert!(db.rows(&["list", "--format", "json", "--tasks"]).is_empty());
    assert!(db.rows(&["goals", "--format", "json"]).is_empty());
    assert!(db.log().is_empty());
    assert!(db.ok(&["list"]).contains("0 oppdrag"));
    assert!(db.ok(&["doctor"]).starts_with("ok:"));

    let bytes = db.bytes();
    let err = db.fails(&["init", "--kommune", "Bærum", "--year", "2025"]);
    assert!(err.contains("finnes allerede"), "{err}");
    assert!(!err.contains("--force"), "init has no --force: {err}");
    assert_eq!(db.bytes(), bytes);

    // demo refuses to overwrite without --force …
    let err = db.fails(&["demo"]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(db.bytes(), bytes);
    assert!(db.rows(&["list", "--format", "json"]).is_empty());

    // … and replaces it with --force.
    db.ok(&["demo", "--force"]);
    assert_eq!(db.rows(&["list", "--format", "json"]).len(), 32);
    assert!(db.ok(&["doctor"]).starts_with("ok:"));

    // Bad init arguments create nothing.
    let other = Db::none();
    for args in [
        ["init", "--kommune", "  ", "--year", "2024"],
        ["init", "--kommune", "Asker", "--year", "24"],
    ] {
        other.fails(&args);
        assert!(!other.path.exists(), "{args:?} left a file");
    }
    assert!(other.dir.path().read_dir().unwrap().next().is_none());
}

#[test]
fn doctor_finds_changes_behind_the_tools_back() {
    let db = Db::demo();
    let out = db.ok(&["doctor"]);
    assert!(out.starts_with("ok: 44 oppdrag"), "{out}");

    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let events: i64 = conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();
    for sql in [
        "UPDATE events SET actor = 'mallory' WHERE id = 1",
        "DELETE FROM events WHERE id = 1",
        "DELETE FROM events",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let after: i64 = conn
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, events);
    assert!(db.ok(&["doctor"]).starts_with("ok:"));

    let status: String = conn
        .query_row("SELECT status FROM assignments WHERE id = 3", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_ne!(status, "cancelled");
    let changed = conn
        .execute(
            "UPDATE assignments SET status = 'cancelled' WHERE id = 3",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);

    let output = db.output(&["doctor"]);
    one_line_error(&output, "doctor");
    let report = text(&output.stdout);
    assert!(report.contains("oppdrag 3"), "{report}");
    assert!(report.contains("status"), "{report}");
}

/// A value SQLite holds in a form styr never writes (a blob where text
/// belongs, text that is not UTF-8) stops a listing with an error naming
/// the column, whether the listing keeps its rows or writes each as read.
#[test]
fn a_value_of_the_wrong_type_is_an_error_naming_its_column() {
    let db = Db::demo();
    let overdue = ids(&db.rows(&["list", "--overdue", "--format", "json"]));
    let last = *overdue.last().expect("the demo has overdue assignments");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    for (value, says) in [
        (
            "X'C328'",
            "Invalid column type Blob at index: 9, name: owner",
        ),
        ("CAST(X'C328' AS TEXT)", "invalid utf-8"),
    ] {
        conn.execute(
            &format!("UPDATE assignments SET owner = {value} WHERE id = ?1"),
            [last],
        )
        .unwrap();
        for args in [
            &["list", "--overdue", "--format", "json"][..],
            &["list", "--overdue", "--format", "csv"],
            &["list", "--overdue"],
            &["list", "--tasks", "--format", "json"],
        ] {
            let error = one_line_error(&db.output(args), &format!("{args:?}"));
            assert!(error.contains(says), "{args:?}: {error}");
        }
    }
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let db = Db::demo();
    let state = db.state();
    let focus_area = db
        .rows(&["goals", "--format", "json"])
        .into_iter()
        .find(|g| g["kind"] == "focus-area")
        .unwrap()["id"]
        .to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["set", "3", "--sector", "XYZ"], "XYZ"),
        (vec!["set", "3", "--sectors", "KUL,XYZ"], "XYZ"),
        (vec!["list", "--sector", "XYZ"], "XYZ"),
        (vec!["add", "--title", "x", "--sector", "XYZ"], "XYZ"),
        (vec!["goals", "--sector", "XYZ"], "XYZ"),
        (
            vec![
                "add",
                "--title",
                "x",
                "--sector",
                "OUS",
                "--due",
                "2023-02-30",
            ],
            "2023-02-30",
        ),
        (
            vec![
                "add", "--title", "x", "--sector", "OUS", "--due", "tomorrow",
            ],
            "tomorrow",
        ),
        (vec!["set", "3", "--due", "2023-02-30"], "2023-02-30"),
        (vec!["set", "3", "--due", "tomorrow"], "tomorrow"),
        (vec!["log", "--since", "tomorrow"], "tomorrow"),
        (vec!["show", "999"], "999"),
        (vec!["set", "999", "--status", "done"], "999"),
        (vec!["log", "999"], "999"),
        (vec!["add", "--title", "x", "--parent", "999"], "999"),
        (vec!["add", "--title", "  ", "--sector", "OUS"], "tittel"),
        (vec!["set", "3", "--title", ""], "tittel"),
        (vec!["set", "3", "--title", "   "], "tittel"),
        (vec!["set", "3", "--status", "almost"], "almost"),
        (vec!["list", "--status", "almost"], "almost"),
        (
            vec![
                "add", "--title", "x", "--sector", "OUS", "--status", "almost",
            ],
            "almost",
        ),
        (vec!["set", "3", "--assessment", "purple"], "purple"),
        (
            vec![
                "add",
                "--title",
                "x",
                "--sector",
                "OUS",
                "--assessment",
                "purple",
            ],
            "purple",
        ),
        (vec!["set", "3", "--goal", &focus_area], "delmål"),
        (
            vec![
                "add",
                "--title",
                "x",
                "--sector",
                "OUS",
                "--goal",
                &focus_area,
            ],
            "delmål",
        ),
        (vec!["set", "3", "--goal", "999"], "999"),
        (
            vec!["add", "--title", "x", "--sector", "OUS", "--goal", "999"],
            "999",
        ),
        (vec!["list", "--goal", "999"], "999"),
        (vec!["add", "--title", "x", "--parent", "33"], "oppgave"),
        (
            vec!["add", "--title", "x", "--parent", "1", "--year", "2024"],
            "--year",
        ),
        (vec!["add", "--title", "x"], "--sector"),
        (vec!["set", "3"], "ingenting å endre"),
        (vec!["set", "3", "--comment", "  "], "ingenting å endre"),
    ];
    // Per case the raw files (cheap and exact), at the end also what commands show.
    let files = db.files();
    assert_eq!(files.1, None, "no WAL content left behind");
    for (args, mentions) in &cases {
        let err = db.fails(args);
        assert!(
            err.contains(mentions),
            "styr {args:?}: {err:?} should mention {mentions:?}"
        );
        assert!(
            db.files() == files,
            "styr {args:?} changed the database file"
        );
    }
    assert_eq!(db.state(), state);

    // A bad --today, given once as the global option.
    for args in [vec!["list"], vec!["set", "3", "--status", "done"]] {
        let output = styr(&db.path, ACTOR)
            .args(["--today", "2023-13-01"])
            .args(&args)
            .output()
            .unwrap();
        let err = one_line_error(&output, "--today 2023-13-01");
        assert!(err.contains("2023-13-01"), "{err}");
        assert!(db.files() == files);
    }
}

#[test]
fn a_missing_database_is_reported_not_created() {
    let db = Db::none();
    for args in [
        vec!["list"],
        vec!["show", "1"],
        vec!["set", "1", "--status", "done"],
        vec!["add", "--title", "x", "--sector", "OUS"],
        vec!["log"],
        vec!["goals"],
        vec!["doctor"],
        vec!["undo"],
    ] {
        let err = db.fails(&args);
        assert!(
            err.contains("styr init") && err.contains("styr demo"),
            "{err}"
        );
        assert!(!db.path.exists(), "styr {args:?} created the file");
    }
    assert!(
        db.dir.path().read_dir().unwrap().next().is_none(),
        "nothing created"
    );
}

/// Every bad input, in bokmål and in English: the exit status, one line on
/// stderr, in the language asked for, and nothing changed.
#[test]
fn bad_input_is_refused_in_the_users_language() {
    use styr::words::Lang;
    let db = Db::demo();
    let state = db.state();
    let sub_goal = db
        .rows(&["goals", "--format", "json"])
        .into_iter()
        .find(|g| g["kind"] == "sub-goal")
        .unwrap()["id"]
        .to_string();
    // (arguments, exit status)
    let cases: Vec<(Vec<&str>, i32)> = vec![
        // The argument parser's.
        (vec!["lis"], 2),
        (vec!["list", "--bogus"], 2),
        (vec!["list", "--format", "xml"], 2),
        (vec!["list", "--year", "abc"], 2),
        (vec!["list", "--sector"], 2),
        (vec!["set"], 2),
        (vec!["show", "abc"], 2),
        (vec!["show", "1", "2"], 2),
        (vec!["goal", "add", "--code", "5"], 2),
        (
            vec![
                "wheel",
                "add",
                "--date",
                "2023-05-20",
                "--to",
                "2023-05-21",
                "--title",
                "x",
            ],
            2,
        ),
        // The commands'.
        (vec!["set", "3"], 1),
        (vec!["add", "--title", "x"], 1),
        (
            vec!["add", "--title", "x", "--parent", "1", "--year", "2024"],
            1,
        ),
        (vec!["report", "3", "--period", "2023-T2"], 1),
        (vec!["goal", "edit", "1"], 1),
        (vec!["goal", "link", "1", "3"], 1),
        (vec!["goal", "edit", "9.9.9", "--title", "x"], 1),
        (vec!["goal", "unlink", &sub_goal, "999999"], 1),
        (vec!["wheel", "add", "--title", "x"], 1),
        (
            vec![
                "wheel",
                "add",
                "--date",
                "2023-05-20",
                "--title",
                "x",
                "--kind",
                "odd",
            ],
            1,
        ),
        (vec!["wheel", "edit", "1"], 1),
        (vec!["wheel", "--year", "99"], 1),
        (vec!["year", "new", "2023", "--from", "2023"], 1),
        (vec!["log", "--goals", "999"], 1),
        (vec!["restore", "/nonexistent/backup.db", "--yes"], 1),
        // The store's and the domain's (`message(lang)`).
        (vec!["set", "3", "--due", "2023-02-30"], 1),
        (vec!["set", "3", "--due", "tomorrow"], 1),
        (vec!["list", "--sector", "XYZ"], 1),
        (vec!["set", "3", "--status", "almost"], 1),
        (vec!["set", "3", "--assessment", "purple"], 1),
        (vec!["show", "999"], 1),
        (
            vec![
                "goal", "add", "--code", "9", "--title", "x", "--parent", &sub_goal,
            ],
            1,
        ),
    ];
    // Store and domain errors whose words are not yet both languages'
    // (StoreError/DomainError are being made to render both): the status
    // and the one line are checked, the language not yet.
    let goal_under_sub_goal = [
        "goal", "add", "--code", "9", "--title", "x", "--parent", &sub_goal,
    ];
    let awaiting_store_words: &[&[&str]] = &[&goal_under_sub_goal];
    for lang in [Lang::Nb, Lang::En] {
        for (args, status) in &cases {
            let mut full = vec!["--lang", lang.code()];
            full.extend(args.iter().copied());
            let output = db.output(&full);
            let err = text(&output.stderr);
            assert_eq!(output.status.code(), Some(*status), "styr {full:?}: {err}");
            assert_eq!(err.lines().count(), 1, "styr {full:?}: {err}");
            assert!(err.starts_with("styr: error: "), "{err}");
            if !awaiting_store_words.contains(&args.as_slice()) {
                assert_language(&err, lang, args);
            }
        }
        // The language also comes from STYR_LANG.
        let output = styr(&db.path, ACTOR)
            .env("STYR_LANG", lang.code())
            .args(["lis"])
            .output()
            .unwrap();
        let err = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2));
        assert_language(&err, lang, &["lis"]);
        assert!(err.contains("list"), "the suggestion: {err}");
    }
    assert_eq!(db.state(), state);
}

#[test]
fn usage_errors_exit_2() {
    let db = Db::demo();
    let state = db.state();
    for args in [
        vec!["list", "--bogus"],
        vec!["frobnicate"],
        vec!["set"],
        vec!["show", "abc"],
        vec!["list", "--format", "xml"],
        vec!["init", "--kommune", "Asker", "--year", "2024", "--force"],
    ] {
        let output = db.output(&args);
        assert_eq!(output.status.code(), Some(2), "styr {args:?}");
        assert!(!output.stderr.is_empty(), "styr {args:?} explains itself");
        assert_eq!(db.state(), state);
    }
}

#[test]
fn hostile_text_is_stored_exactly_but_never_printed_raw() {
    let db = Db::demo();
    let evil = "evil \x1b[31mred\x07 \x1b]0;x\x07";
    let out = db.output(&[
        "add",
        "--title",
        evil,
        "--sector",
        "OUS",
        "--owner",
        "\x1b[2JOla",
        "--description",
        "first\n\x1b[1;1Hsecond\x07",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !has_terminal_controls(&out.stdout),
        "{:?}",
        text(&out.stdout)
    );
    let id = created_id(&text(&out.stdout));

    // Stored exactly; JSON escapes it.
    let json = db.ok(&["show", &id.to_string(), "--format", "json"]);
    assert!(json.contains(r"\u001b[31mred\u0007"), "{json}");
    let shown: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(shown["title"], evil);
    assert_eq!(shown["owner"], "\x1b[2JOla");
    assert_eq!(shown["description"], "first\n\x1b[1;1Hsecond\x07");

    let out = db.output(&["set", &id.to_string(), "--comment", "\x1b]52;c;bad\x07ok"]);
    assert!(out.status.success());
    assert!(!has_terminal_controls(&out.stdout));

    // Never raw on the terminal.
    for args in [
        vec!["list"],
        vec!["list", "--sector", "OUS", "--tasks"],
        vec!["show", &id.to_string()],
        vec!["log"],
        vec!["log", &id.to_string()],
    ] {
        let output = db.output(&args);
        assert!(output.status.success(), "styr {args:?}");
        assert!(
            !has_terminal_controls(&output.stdout),
            "styr {args:?} printed a control character"
        );
        let out = text(&output.stdout);
        assert!(
            out.contains("evil") || out.contains("ok"),
            "styr {args:?}: {out}"
        );
    }
    let table = db.ok(&["list"]);
    assert!(table.contains("evil") && table.contains("red"), "{table}");
    let show = db.ok(&["show", &id.to_string()]);
    assert!(show.contains("evil") && show.contains("second"), "{show}");

    // Error messages echo input safely too.
    let err = db.fails(&["set", "3", "--sector", "\x1b[2J\x07"]);
    assert!(!has_terminal_controls(err.as_bytes()), "{err:?}");
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let db = Db::demo();
    for args in [
        vec!["list", "--format", "json", "--tasks"],
        vec!["list", "--format", "csv"],
        vec!["list"],
        vec!["goals", "--format", "json"],
        vec!["log", "--format", "json"],
    ] {
        let mut child = std_styr(&db.path, ACTOR)
            .args(["--today", TODAY])
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "styr {args:?} | head: {}",
            text(&output.stderr)
        );
        assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    }
}

/// `demo --force` replaced whatever was at the path, and unlinked the old
/// file before building the new one. It now replaces only a styr database,
/// by building the demo beside it and renaming it into place.
#[test]
fn demo_force_replaces_only_a_styr_database() {
    let db = Db::none();
    let files_in_dir = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(db.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };

    // Somebody's file that happens to have the name.
    std::fs::write(&db.path, "viktige notater\n").unwrap();
    let err = db.fails(&["demo", "--force"]);
    assert!(err.contains("ikke en styr-database"), "{err}");
    assert_eq!(db.bytes(), b"viktige notater\n", "left as it was");
    assert_eq!(files_in_dir(), ["styr.db"], "nothing left behind");

    // An SQLite database of something else.
    std::fs::remove_file(&db.path).unwrap();
    let other = rusqlite::Connection::open(&db.path).unwrap();
    other
        .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42);")
        .unwrap();
    drop(other);
    let bytes = db.bytes();
    let err = db.fails(&["demo", "--force"]);
    assert!(err.contains("ikke en styr-database"), "{err}");
    assert_eq!(db.bytes(), bytes);
    assert_eq!(files_in_dir(), ["styr.db"]);

    // A directory.
    std::fs::remove_file(&db.path).unwrap();
    std::fs::create_dir(&db.path).unwrap();
    db.fails(&["demo", "--force"]);
    assert!(db.path.is_dir());
    std::fs::remove_dir(&db.path).unwrap();

    // A styr database, open in another process (the TUI) with changes still
    // in its WAL: replaced by the demo, and the old WAL is not read into it.
    db.ok(&["init", "--kommune", "Asker", "--year", "2024"]);
    let tui = rusqlite::Connection::open(&db.path).unwrap();
    tui.execute(
        "UPDATE settings SET value = 'Gammel' WHERE key = 'municipality'",
        [],
    )
    .unwrap();
    let old_inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&db.path).unwrap());
    let out = db.ok(&["demo", "--force"]);
    assert!(out.contains("Lørenskog 2023"), "{out}");
    assert_ne!(
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&db.path).unwrap()),
        old_inode,
        "the new database was renamed into place, not written over the old one"
    );
    assert_eq!(db.rows(&["list", "--format", "json"]).len(), 32);
    assert!(db.ok(&["doctor"]).starts_with("ok: 44 oppdrag"));
    // The open connection still reads the database it had.
    let name: String = tui
        .query_row(
            "SELECT value FROM settings WHERE key = 'municipality'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "Gammel");
    drop(tui);
    let left: Vec<String> = files_in_dir()
        .into_iter()
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(left, ["styr.db"], "no temporary file left behind");

    // And once more over the demo itself.
    db.ok(&["set", "3", "--owner", "Kari Nordmann"]);
    db.ok(&["demo", "--force"]);
    assert_ne!(db.show(3)["owner"], "Kari Nordmann");
    assert!(db.ok(&["doctor"]).starts_with("ok: 44 oppdrag"));
}

/// A creation or a change someone else has changed since no longer blocks
/// undo: it undoes the newest change it can and says what it passed over.
#[test]
fn undo_passes_over_what_cannot_be_undone() {
    let db = Db::demo();
    let owner = db.show(5)["owner"].as_str().unwrap().to_string();
    db.ok(&["set", "5", "--owner", "Kari Nordmann"]);
    db.ok(&["set", "6", "--owner", "Kari Nordmann"]);
    db.ok_as("ola", &["set", "6", "--owner", "Ola Hansen"]);
    let created = created_id(&db.ok(&["add", "--title", "Nytt", "--sector", "OUS"]));

    let out = db.ok(&["undo"]);
    assert!(out.starts_with("Lagret #5"), "{out}");
    assert_eq!(db.show(5)["owner"], owner.as_str());
    assert!(out.contains("Hoppet over 2 nyere endringer"), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let skipped = lines
        .iter()
        .position(|l| l.starts_with("Hoppet over"))
        .unwrap();
    assert!(lines[skipped + 1].contains(&format!("#{created}")), "{out}");
    assert!(lines[skipped + 1].contains("opprettet"), "{out}");
    assert!(lines[skipped + 2].contains("#6"), "{out}");
    assert!(lines[skipped + 2].contains("endret siden"), "{out}");
    assert!(lines[skipped + 2].contains("ola"), "{out}");
    assert_eq!(db.show(6)["owner"], "Ola Hansen", "ola's change stands");

    // Nothing of kari's left that can be undone: one line, nothing written.
    let state = db.state();
    let err = db.fails(&["undo"]);
    assert!(err.contains("kan ikke angre"), "{err}");
    assert_eq!(db.state(), state);
    assert!(db.ok(&["doctor"]).starts_with("ok:"));
}

/// `styr --demo` opened STYR_DB when it was set (clap had filled `--db` from
/// it); it always opens demo.db in the data directory now.
#[test]
fn the_demo_flag_opens_the_demo_database_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo_db = data.join("styr").join("demo.db");
    std::fs::create_dir_all(demo_db.parent().unwrap()).unwrap();
    // Not databases, so that neither can open the TUI: the error names the
    // file that --demo tried.
    std::fs::write(&demo_db, "demo\n").unwrap();
    let other = dir.path().join("other.db");
    std::fs::write(&other, "other\n").unwrap();
    for with_db in [false, true] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_styr"));
        cmd.env("XDG_DATA_HOME", &data)
            .env("HOME", dir.path())
            .env("STYR_DB", &other)
            .env("STYR_ACTOR", ACTOR)
            .env("STYR_LANG", "en")
            .env("STYR_CONFIG", "/dev/null")
            .env_remove("STYR_TODAY")
            .stdin(Stdio::null())
            .arg("--demo");
        if with_db {
            cmd.arg("--db").arg(&other);
        }
        let output = cmd.output().unwrap();
        let err = one_line_error(&output, "styr --demo");
        assert!(
            err.contains(&demo_db.display().to_string()) && err.contains("not a styr database"),
            "with --db {with_db}: {err}"
        );
        assert!(!err.contains("other.db"), "{err}");
    }
    assert_eq!(std::fs::read(&other).unwrap(), b"other\n");
    assert_eq!(std::fs::read(&demo_db).unwrap(), b"demo\n");

    let help = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["--lang", "en", "--help"])
        .output()
        .unwrap();
    let help = text(&help.stdout);
    assert!(help.contains("demo.db in the data directory"), "{help}");
}

/// Runs `styr ARGS…` on a pseudo-terminal (util-linux `script`); returns
/// what the terminal received, or None when `script` is not installed.
fn on_terminal(db: &Db, args: &[&str]) -> Option<Vec<u8>> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = vec![
        quote(env!("CARGO_BIN_EXE_styr")),
        "--db".into(),
        quote(db.path.to_str().unwrap()),
        "--today".into(),
        TODAY.into(),
    ];
    line.extend(args.iter().map(|a| quote(a)));
    let output = std::process::Command::new("script")
        .args(["-qec", &line.join(" "), "/dev/null"])
        .env_remove("STYR_DB")
        .env_remove("STYR_TODAY")
        .env("STYR_ACTOR", ACTOR)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => Some(output.stdout),
        Ok(output) => panic!(
            "styr {args:?} on a terminal: {} {}",
            text(&output.stdout),
            text(&output.stderr)
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("script: {e}"),
    }
}

/// CSV on a terminal wrote stored escape sequences raw, and so did a pipe
/// into a terminal (`| cat`); now the CSV writes them as `\uXXXX` escapes
/// everywhere, which `styr import` reads back to the exact text.
#[test]
fn csv_is_escaped_in_a_pipe_and_safe_on_a_terminal() {
    let db = Db::demo();
    let evil = "evil \x1b[31mred\x07 \x1b]0;x\x07";
    db.ok(&[
        "add",
        "--title",
        evil,
        "--sector",
        "OUS",
        "--owner",
        "\x1b[2JOla",
    ]);

    let piped = db.ok(&["list", "--format", "csv", "--sector", "OUS"]);
    assert!(!has_terminal_controls(piped.as_bytes()), "{piped:?}");
    assert!(piped.contains("evil \\u001B[31mred\\u0007 \\u001B]0;x\\u0007"));
    let mut reader = csv::Reader::from_reader(piped.as_bytes());
    assert!(reader
        .records()
        .any(|r| r.unwrap().iter().any(|cell| decode(cell) == evil)));

    let Some(shown) = on_terminal(&db, &["list", "--format", "csv", "--sector", "OUS"]) else {
        eprintln!("skipped: no `script` to make a terminal");
        return;
    };
    assert!(!has_terminal_controls(&shown), "{:?}", text(&shown));
    let shown = text(&shown);
    assert!(shown.contains("red") && shown.contains("Ola"), "{shown}");
    assert!(shown.starts_with("id,parent_id,"), "{shown}");

    // The other text outputs on a terminal too.
    for args in [
        vec!["list", "--sector", "OUS"],
        vec!["log"],
        vec!["show", "33"],
    ] {
        let shown = on_terminal(&db, &args).unwrap();
        assert!(
            !has_terminal_controls(&shown),
            "styr {args:?}: {:?}",
            text(&shown)
        );
    }
}

/// Goal codes and sector codes written into the file by something other
/// than styr: `show` printed them raw.
#[test]
fn goal_and_sector_codes_are_never_printed_raw() {
    let db = Db::demo();
    let goal = db.show(1)["goal_path"].as_array().unwrap()[2]["id"]
        .as_i64()
        .unwrap();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE goals SET code = char(27) || '[2J1.1.1' || char(7) WHERE id = ?1",
        [goal],
    )
    .unwrap();
    conn.execute(
        "UPDATE assignments SET sectors = 'TEK,' || char(27) || ']0;x' || char(7) WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    for args in [
        vec!["show", "1"],
        vec!["goals"],
        vec!["list"],
        vec!["list", "--goal", &goal.to_string()],
    ] {
        let output = db.output(&args);
        assert!(output.status.success(), "styr {args:?}");
        assert!(
            !has_terminal_controls(&output.stdout),
            "styr {args:?}: {:?}",
            text(&output.stdout)
        );
    }
    let show = db.ok(&["show", "1"]);
    assert!(show.contains("1.1.1") && show.contains("TEK"), "{show}");
}
