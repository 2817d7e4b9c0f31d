//! The årshjul and the goal tree as data, from the command line: `wheel`
//! and `goal` subcommands, their bad inputs, the catalog log, and the
//! exports (iCalendar read back by an independent parser, SVG by an XML parser).

use std::path::PathBuf;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, Lang, ACTOR};

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

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        dated_styr(&self.path, ACTOR, Lang::En)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "styr {args:?}: {stderr}");
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        serde_json::from_str::<Value>(&self.ok(args))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }

    /// The bytes of the file and its WAL: equal means nothing was written.
    fn files(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        (
            std::fs::read(&self.path).unwrap(),
            std::fs::read(PathBuf::from(wal))
                .ok()
                .filter(|w| !w.is_empty()),
        )
    }

    /// Fails with one `styr: error:` line (or a usage error) and leaves the
    /// file byte for byte as it was; returns stderr.
    fn refused(&self, args: &[&str], want: &str) -> String {
        let before = self.files();
        let out = self.cmd(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "styr {args:?} should fail");
        if out.status.code() == Some(1) {
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
            assert!(stderr.starts_with("styr: error: "), "{stderr}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        }
        assert!(stderr.contains(want), "{args:?}: want {want:?} in {stderr}");
        assert!(self.files() == before, "styr {args:?} changed the database");
        stderr
    }

    fn doctor_ok(&self) {
        let out = self.ok(&["doctor"]);
        assert!(out.starts_with("ok:"), "{out}");
    }

    fn entry(&self, id: i64) -> Value {
        self.json(&["wheel", "list", "--format", "json"])
            .into_iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no entry {id}"))
    }
}

fn added_id(out: &str) -> i64 {
    let rest = out.split('#').nth(1).unwrap();
    rest.split(':').next().unwrap().parse().unwrap()
}

#[test]
fn wheel_text_lists_the_demo_year() {
    let db = Db::demo();
    let text = db.ok(&["--lang", "nb", "wheel"]);
    assert!(text.starts_with("Årshjul 2023 · Lørenskog"), "{text}");
    for want in [
        "19.01        A  Styringskonferanse",
        "17.08        A  Styringskonferanse",
        "15.05–26.05  A  Styringsdialog",
        "16.10–27.10  A  Styringsdialog",
        "30.04        A  1. tertial avsluttes",
        "31.08        A  2. tertial avsluttes",
        "14.06        P  1. tertialrapport – politisk behandling",
        "september  ◀ i dag",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert!(!text.contains("Frist") && !text.contains(" ! "), "{text}");
    // With deadlines: overdue ones are marked.
    let with = db.ok(&["--lang", "nb", "wheel", "--deadlines"]);
    assert!(
        with.contains("!  #23 Starte opp arbeidet med eiendomsstrategi · TEK · forfalt"),
        "{with}"
    );
    // A sector's view keeps the entries for everyone and only its deadlines.
    let tek = db.ok(&["wheel", "--deadlines", "--sector", "tek"]);
    assert!(tek.contains("#23 ") && !tek.contains("#9 ") && tek.contains("Styringsdialog"));
    // In English, the months, marks and kinds are English; the titles stay.
    let en = db.ok(&["wheel", "--deadlines"]);
    assert!(en.starts_with("Annual wheel 2023 · Lørenskog"), "{en}");
    for want in [
        "September  ◀ today",
        "19.01        A  Styringskonferanse · administrative",
        "#23 Starte opp arbeidet med eiendomsstrategi · TEK · overdue",
        "A administrative · P political · • deadline · ! overdue",
    ] {
        assert!(en.contains(want), "{want}\n{en}");
    }
    assert!(!en.contains("januar") && !en.contains("forfalt"), "{en}");
}

#[test]
fn wheel_entries_are_added_moved_and_deleted_with_a_log() {
    let db = Db::demo();
    let out = db.ok(&[
        "wheel",
        "add",
        "--from",
        "12.05.2023",
        "--to",
        "2023-05-13",
        "--title",
        "Dialogmøte HOM",
        "--kind",
        "politisk",
        "--sector",
        "hom",
        "--tag",
        "dialog",
        "--note",
        "Rådhuset",
    ]);
    let id = added_id(&out);
    let entry = db.entry(id);
    assert_eq!(entry["start"], "2023-05-12");
    assert_eq!(entry["end"], "2023-05-13");
    assert_eq!(entry["kind"], "political");
    assert_eq!(entry["sector"], "HOM");
    assert_eq!(entry["tags"], serde_json::json!(["dialog"]));
    assert!(db
        .ok(&["--lang", "nb", "wheel"])
        .contains("12.05–13.05  P  Dialogmøte HOM · politisk, HOM"));

    // Move to one day, then change kind and clear the sector.
    let out = db.ok(&[
        "--lang",
        "nb",
        "wheel",
        "edit",
        &id.to_string(),
        "--date",
        "2023-06-01",
        "-c",
        "flyttet",
    ]);
    assert!(
        out.contains("fra: 2023-05-12 → 2023-06-01 «flyttet»"),
        "{out}"
    );
    db.ok(&[
        "wheel",
        "edit",
        &id.to_string(),
        "--kind",
        "administrativ",
        "--sector",
        "none",
    ]);
    let entry = db.entry(id);
    assert_eq!(
        (entry["start"].as_str(), entry["end"].as_str()),
        (Some("2023-06-01"), Some("2023-06-01"))
    );
    assert_eq!(entry["kind"], "administrative");
    assert_eq!(entry["sector"], Value::Null);
    let same = db.ok(&[
        "wheel",
        "edit",
        &id.to_string(),
        "--title",
        "Dialogmøte HOM",
    ]);
    assert!(same.starts_with("Nothing changed"), "{same}");

    db.ok(&["wheel", "rm", &id.to_string(), "-c", "avlyst"]);
    // The next entry does not take the deleted one's id (calendars know it).
    let next = added_id(&db.ok(&["wheel", "add", "--date", "2023-06-02", "--title", "Annet"]));
    assert!(next > id);
    assert!(db
        .json(&["wheel", "list", "--format", "json"])
        .iter()
        .all(|e| e["id"] != id));
    let log = db.json(&["log", "--wheel", &id.to_string(), "--format", "json"]);
    let fields: Vec<&str> = log.iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["created", "start", "end", "kind", "sector", "deleted"]
    );
    assert!(log
        .iter()
        .all(|e| e["entity"] == "wheel" && e["actor"] == "kari"));
    assert_eq!(log[5]["comment"], "avlyst");
    assert!(log[5]["old"].as_str().unwrap().contains("Dialogmøte HOM"));
    db.doctor_ok();
}

#[test]
fn bad_wheel_input_changes_nothing() {
    let db = Db::demo();
    let dialog = db
        .json(&["wheel", "list", "--format", "json"])
        .into_iter()
        .find(|e| e["title"] == "Styringsdialog")
        .unwrap()["id"]
        .to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "wheel",
                "add",
                "--from",
                "2023-05-12",
                "--to",
                "2023-05-10",
                "--title",
                "x",
            ],
            "before it starts",
        ),
        (
            vec!["wheel", "add", "--date", "2024-01-03", "--title", "x"],
            "outside the plan year 2023",
        ),
        (
            vec![
                "wheel",
                "add",
                "--date",
                "2023-05-20",
                "--title",
                "styringsdialog",
            ],
            "overlaps",
        ),
        (
            vec!["wheel", "add", "--date", "2023-05-20", "--title", "  "],
            "title",
        ),
        (
            vec![
                "wheel",
                "add",
                "--date",
                "2023-05-20",
                "--title",
                "x",
                "--sector",
                "XYZ",
            ],
            "unknown sector",
        ),
        (
            vec![
                "wheel",
                "add",
                "--date",
                "2023-05-20",
                "--title",
                "x",
                "--kind",
                "annet",
            ],
            "unknown kind",
        ),
        (
            vec!["wheel", "add", "--date", "2023-02-30", "--title", "x"],
            "invalid date",
        ),
        (vec!["wheel", "add", "--title", "x"], "--date"),
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
            "cannot be used",
        ),
        (
            vec!["wheel", "edit", &dialog, "--to", "2023-05-01"],
            "before it starts",
        ),
        (
            vec!["wheel", "edit", &dialog, "--date", "2023-10-20"],
            "overlaps",
        ),
        (vec!["wheel", "edit", &dialog, "--title", ""], "title"),
        (vec!["wheel", "edit", &dialog], "nothing to change"),
        (
            vec!["wheel", "edit", "999", "--title", "x"],
            "no annual wheel entry with id 999",
        ),
        (
            vec!["wheel", "rm", "999"],
            "no annual wheel entry with id 999",
        ),
        (vec!["wheel", "--format", "pdf"], "pdf"),
        (vec!["wheel", "--sector", "XYZ"], "unknown sector"),
    ];
    for (args, want) in cases {
        db.refused(&args, want);
    }
    db.doctor_ok();
}

#[test]
fn the_calendar_parses_back_with_stable_uids() {
    let db = Db::demo();
    let parse = |text: &str| {
        let mut parser = ical::IcalParser::new(text.as_bytes());
        let calendar = parser
            .next()
            .expect("one calendar")
            .expect("valid iCalendar");
        assert!(parser.next().is_none());
        calendar
    };
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    let first = db.ok(&["wheel", "--format", "ics"]);
    assert!(first.contains("\r\n"), "RFC 5545 lines end in CRLF");
    let calendar = parse(&first);
    let entries = db.json(&["wheel", "list", "--format", "json"]).len();
    let deadlines = db
        .json(&["list", "--tasks", "--format", "json"])
        .iter()
        .filter(|a| !a["due"].is_null())
        .count();
    assert_eq!(calendar.events.len(), entries + deadlines);
    let uids = |c: &ical::parser::ical::component::IcalCalendar| {
        c.events
            .iter()
            .map(|e| prop(e, "UID").unwrap())
            .collect::<Vec<_>>()
    };
    let mut unique = uids(&calendar);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), calendar.events.len(), "UIDs are unique");
    // All-day events; the end is exclusive.
    let konf = calendar
        .events
        .iter()
        .find(|e| prop(e, "SUMMARY").as_deref() == Some("Styringskonferanse"))
        .unwrap();
    assert_eq!(prop(konf, "DTSTART").as_deref(), Some("20230119"));
    assert_eq!(prop(konf, "DTEND").as_deref(), Some("20230120"));
    let dtstart = konf
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap();
    assert!(format!("{:?}", dtstart.params).contains("DATE"));

    // A second export has the same UIDs, and so does one after a change.
    assert_eq!(
        uids(&parse(&db.ok(&["wheel", "--format", "ics"]))),
        uids(&calendar)
    );
    let id = konf_id(&db);
    db.ok(&["wheel", "edit", &id.to_string(), "--date", "2023-01-20"]);
    let after = parse(&db.ok(&["wheel", "--format", "ics"]));
    assert_eq!(uids(&after), uids(&calendar));
    let moved = after
        .events
        .iter()
        .find(|e| prop(e, "UID") == prop(konf, "UID"))
        .unwrap();
    assert_eq!(prop(moved, "DTSTART").as_deref(), Some("20230120"));
    // Start and end both moved: two changes.
    assert_eq!(prop(moved, "SEQUENCE").as_deref(), Some("2"));
    // A deleted entry stays in the file as cancelled, so a calendar drops it.
    db.ok(&["wheel", "rm", &id.to_string()]);
    let after = parse(&db.ok(&["wheel", "--format", "ics"]));
    let gone = after
        .events
        .iter()
        .find(|e| prop(e, "UID") == prop(konf, "UID"))
        .unwrap();
    assert_eq!(prop(gone, "STATUS").as_deref(), Some("CANCELLED"));
}

fn konf_id(db: &Db) -> i64 {
    db.json(&["wheel", "list", "--format", "json"])
        .into_iter()
        .find(|e| e["title"] == "Styringskonferanse")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn the_svg_is_a_wheel_of_twelve_months() {
    let db = Db::demo();
    let svg = db.ok(&["wheel", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let class = |n: &roxmltree::Node, c: &str| {
        n.attribute("class")
            .is_some_and(|v| v.split(' ').any(|x| x == c))
    };
    let months: Vec<_> = doc.descendants().filter(|n| class(n, "month")).collect();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0].attribute("id"), Some("month-1"));
    let count = |c: &str| doc.descendants().filter(|n| class(n, c)).count();
    let entries = db.json(&["wheel", "list", "--format", "json"]).len();
    assert_eq!(count("entry"), entries);
    assert_eq!(count("political"), 4);
    let overdue = db
        .json(&["list", "--tasks", "--overdue", "--format", "json"])
        .len();
    assert_eq!(count("overdue"), overdue);
    assert!(
        overdue >= 8,
        "the demo's eight overdue oppdrag and their tasks"
    );
    assert_eq!(count("today"), 1);
    // Text from the database is escaped.
    db.ok(&[
        "wheel",
        "add",
        "--date",
        "2023-03-03",
        "--title",
        "R&D <møte> \"x\"",
    ]);
    let svg = db.ok(&["wheel", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&svg).expect("still well-formed");
    assert!(doc
        .descendants()
        .any(|n| n.text().is_some_and(|t| t.contains("R&D <møte> \"x\""))));
}

#[test]
fn goals_are_added_edited_moved_and_retired_with_a_log() {
    let db = Db::demo();
    let out = db.ok(&[
        "goal",
        "add",
        "--code",
        "1.1.3",
        "--title",
        "Nytt delmål",
        "--parent",
        "1.1",
        "--sectors",
        "hom,kul",
    ]);
    assert!(out.starts_with("Added goal"), "{out}");
    assert!(out.contains("(sub-goal 1.1.3): Nytt delmål"), "{out}");
    // In bokmål the confirmation and the logged change read as bokmål.
    let nb = db.ok(&[
        "--lang", "nb", "goal", "add", "--code", "1.1.4", "--title", "Et til", "--parent", "1.1",
    ]);
    assert!(nb.starts_with("La til mål "), "{nb}");
    assert!(nb.contains("(delmål 1.1.4): Et til"), "{nb}");
    let same = db.ok(&["--lang", "nb", "goal", "edit", "1.1.4", "--title", "Et til"]);
    assert!(same.starts_with("Ingenting endret: mål "), "{same}");
    let goals = db.json(&["goals", "--format", "json"]);
    let goal = goals.iter().find(|g| g["code"] == "1.1.3").unwrap();
    let id = goal["id"].as_i64().unwrap().to_string();
    let goal_id = goal["id"].clone();
    assert_eq!(goal["kind"], "sub-goal");
    assert_eq!(goal["sectors"], serde_json::json!(["HOM", "KUL"]));
    assert_eq!(goal["served"], false);

    db.ok(&[
        "goal",
        "edit",
        "1.1.3",
        "--title",
        "Bedre delmål",
        "--sectors",
        "TEK",
    ]);
    db.ok(&[
        "goal",
        "mv",
        &id,
        "--parent",
        "1.2",
        "-c",
        "hører hjemme her",
    ]);
    let goal = db
        .json(&["goals", "--format", "json"])
        .into_iter()
        .find(|g| g["id"] == goal_id)
        .unwrap();
    assert_eq!(goal["title"], "Bedre delmål");
    assert_eq!(goal["sectors"], serde_json::json!(["TEK"]));

    // Link an assignment from the goal's side, then from the assignment's.
    db.ok(&["goal", "link", "1.1.3", "5"]);
    assert_eq!(
        db.json(&["list", "--format", "json"])
            .iter()
            .find(|a| a["id"] == 5)
            .unwrap()["goal_id"]
            .to_string(),
        id
    );
    db.refused(&["goal", "retire", "1.1.3"], "below it: #5");
    db.ok(&["set", "5", "--goal", "1.1.1"]);
    db.ok(&["goal", "retire", "1.1.3", "-c", "ikke aktuelt"]);
    assert!(db
        .json(&["goals", "--format", "json"])
        .iter()
        .all(|g| g["id"] != goal_id));
    let all = db.json(&["goals", "--all", "--format", "json"]);
    assert_eq!(
        all.iter().find(|g| g["id"] == goal_id).unwrap()["retired"],
        true
    );
    db.refused(&["goal", "link", &id, "4"], "retired");
    db.ok(&["goal", "unretire", &id]);

    let log = db.json(&["log", "--goals", &id, "--format", "json"]);
    let fields: Vec<&str> = log.iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        ["created", "title", "sectors", "parent", "retired", "retired"]
    );
    assert_eq!(log[3]["comment"], "hører hjemme her");
    // The assignment's links are in its own log.
    let events = db.json(&["log", "5", "--format", "json"]);
    let goal_events = events.iter().filter(|e| e["field"] == "goal").count();
    assert_eq!(goal_events, 2);
    db.doctor_ok();
}

#[test]
fn retiring_a_main_goal_retires_what_is_below_it() {
    let db = Db::demo();
    // Close or unlink what serves 4.1's delmål first.
    let goals = db.json(&["goals", "--format", "json"]);
    let ids = |prefix: &str| {
        goals
            .iter()
            .filter(|g| g["code"].as_str().unwrap().starts_with(prefix))
            .map(|g| g["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    for a in db.json(&["list", "--tasks", "--format", "json"]) {
        if a["goal_id"]
            .as_i64()
            .is_some_and(|g| ids("4.1").contains(&g))
        {
            db.ok(&["set", &a["id"].to_string(), "--goal", "none"]);
        }
    }
    let main = ids("4.1")[0].to_string();
    let out = db.ok(&["goal", "retire", &main]);
    assert_eq!(out.lines().count(), 1 + 4, "{out}");
    let shown: Vec<String> = db
        .json(&["goals", "--format", "json"])
        .iter()
        .map(|g| g["code"].as_str().unwrap().to_string())
        .collect();
    assert!(shown.contains(&"4".to_string()) && !shown.iter().any(|c| c.starts_with("4.1")));
    db.doctor_ok();
}

#[test]
fn bad_goal_input_changes_nothing() {
    let db = Db::demo();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "goal", "add", "--code", "1.1.1", "--title", "x", "--parent", "1.1",
            ],
            "already used",
        ),
        (
            vec![
                "goal", "add", "--code", "9.9", "--title", " ", "--parent", "1.1",
            ],
            "title",
        ),
        (vec!["goal", "add", "--code", " ", "--title", "x"], "code"),
        (
            vec![
                "goal", "add", "--code", "9", "--title", "x", "--parent", "1.1.1",
            ],
            "sub-goal",
        ),
        (
            vec![
                "goal", "add", "--code", "9", "--title", "x", "--parent", "9.9.9",
            ],
            "no goal with code",
        ),
        (
            vec![
                "goal",
                "add",
                "--code",
                "9",
                "--title",
                "x",
                "--sectors",
                "XYZ",
            ],
            "unknown sector",
        ),
        (vec!["goal", "edit", "1.1.1"], "nothing to change"),
        (
            vec!["goal", "edit", "1.1.1", "--code", "1.1.2"],
            "already used",
        ),
        (
            vec!["goal", "edit", "999", "--title", "x"],
            "no goal with id 999",
        ),
        (vec!["goal", "mv", "1.1.1", "--parent", "1"], "focus area"),
        (vec!["goal", "mv", "1", "--parent", "2"], "cannot be moved"),
        (vec!["goal", "retire", "1.1.1"], "open assignments"),
        (vec!["goal", "unretire", "1.1.1"], "already in use"),
        (vec!["goal", "link", "1.1", "3"], "sub-goal"),
        (
            vec!["goal", "link", "1.1.1", "3", "999"],
            "no assignment with id 999",
        ),
        (vec!["goal", "unlink", "1.2.2", "5"], "not linked"),
        (vec!["set", "3", "--goal", "9.9.9"], "no goal with code"),
        (vec!["log", "--goals", "999"], "no goal with id 999"),
    ];
    for (args, want) in cases {
        db.refused(&args, want);
    }
    db.doctor_ok();
}

#[test]
fn the_catalog_log_is_append_only_in_the_database() {
    let db = Db::demo();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    for sql in [
        "UPDATE catalog_events SET actor = 'mallory'",
        "DELETE FROM catalog_events",
        "REPLACE INTO catalog_events (id, at, actor, entity, entity_id, field) VALUES (1, 'x', 'm', 'goal', 1, 'title')",
    ] {
        let err = conn.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    // A change behind the tool's back is found by doctor.
    conn.execute("UPDATE wheel_entries SET title = 'Endret' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let out = db.cmd(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("wheel 1: title is 'Endret' in the table"),
        "{stdout}"
    );
}
