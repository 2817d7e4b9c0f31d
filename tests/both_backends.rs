//! The same commands on a database file and on a server database give the
//! same answers: a year set up, changed and read through the real binary on
//! both backends, side by side, in both languages.
//!
//! The server is the test server of `scripts/pg-test-server.sh`
//! (`STYR_TEST_PG`); without it the test is skipped, except under CI.

mod common;

use std::path::Path;
use std::process::Command;

use common::cli::{clean_env, text};
use common::pg::TestDb;

/// One backend: where its database is, who acts on it, and its "today".
struct Backend {
    db: String,
    actor: String,
    today: &'static str,
    /// Who set the database up, as its log says: `styr` for `init` on a
    /// file, the login role that ran `server init` on a server.
    set_up_by: &'static str,
}

impl Backend {
    fn styr(&self, lang: &str) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
        clean_env(&mut cmd, &self.actor, common::cli::Lang::Default)
            .env("STYR_LANG", lang)
            .args(["--db", &self.db, "--today", self.today]);
        cmd
    }

    /// Runs `args`; the exit code and what it printed, with the instants of
    /// the events (the server's clock and the test's differ) masked.
    fn run(&self, lang: &str, args: &[&str]) -> (Option<i32>, String, String) {
        let out = self.styr(lang).args(args).output().unwrap();
        (
            out.status.code(),
            mask(&text(&out.stdout), &self.db).replace(
                &format!("\"actor\": \"{}\"", self.set_up_by),
                "\"actor\": \"SETUP\"",
            ),
            mask(&text(&out.stderr), &self.db),
        )
    }
}

/// Output with what differs between two databases by nature masked: the
/// database's own name, the clock times of events and the export's identity.
fn mask(output: &str, db: &str) -> String {
    let mut masked = output.replace(db, "DB");
    // Longest first: an instant holds a date and a time.
    for template in [
        "dddd-dd-ddTdd:dd:dd.dddZ",
        "dddd-dd-ddTdd:dd:ddZ",
        "dd.dd.dddd dd:dd",
        "dddd-dd-dd dd:dd",
    ] {
        masked = mask_template(&masked, template);
    }
    if let Some(at) = masked.find("\"identity\": \"") {
        let start = at + "\"identity\": \"".len();
        if let Some(len) = masked[start..].find('"') {
            masked.replace_range(start..start + len, "ID");
        }
    }
    masked
}

/// Every run of characters matching `template` ('d' a digit, anything else
/// itself) replaced by the template.
fn mask_template(text: &str, template: &str) -> String {
    let t: Vec<char> = template.chars().collect();
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        let fits = i + t.len() <= c.len()
            && t.iter().zip(&c[i..]).all(|(t, c)| match t {
                'd' => c.is_ascii_digit(),
                t => t == c,
            });
        if fits {
            out.push_str(template);
            i += t.len();
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Waits until the clock is in a second no event has been logged in yet.
fn next_second() {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    let start = now();
    while now() == start {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The changes made on both, in order: assignments, a task, edits of one
/// and of several, an undo, goals, the årshjul, a vedtak, a report.
#[rustfmt::skip]
const CHANGES: &[&[&str]] = &[
    &[
        "add",
        "--title",
        "Rydde arkivet",
        "--sector",
        "OUS",
        "--due",
        "2026-02-01",
        "--owner",
        "Per",
    ],
    &[
        "add",
        "--title",
        "Ny plan for kulturhuset",
        "--sector",
        "KUL",
        "--due",
        "2026-06-01",
    ],
    &[
        "add",
        "--title",
        "Vei og vann",
        "--sector",
        "TEK",
        "--sectors",
        "OUS,KUL",
    ],
    &[
        "add",
        "--title",
        "Delsteg",
        "--parent",
        "1",
        "--due",
        "2026-01-20",
    ],
    &[
        "set",
        "1",
        "--status",
        "in-progress",
        "--assessment",
        "yellow",
        "--comment",
        "i gang",
    ],
    &["set", "2,1", "--owner", "Anne"],
    &["undo"],
    &["set", "3", "--status", "done", "--comment", "ferdig"],
    &["undo"],
    &["set", "2", "--assessment", "red", "--comment", "forsinket"],
    &[
        "goal",
        "add",
        "--title",
        "Trygg oppvekst",
        "--sectors",
        "OUS",
    ],
    &[
        "goal",
        "add",
        "--title",
        "Alle barn i barnehage",
        "--parent",
        "1",
        "--sectors",
        "OUS",
    ],
    &[
        "goal",
        "add",
        "--title",
        "Plass til alle",
        "--parent",
        "2",
        "--sectors",
        "OUS",
    ],
    &["goal", "link", "3", "1"],
    &[
        "wheel",
        "add",
        "--title",
        "Ekstra styringsmøte",
        "--date",
        "2026-04-15",
    ],
    &[
        "vedtak",
        "add",
        "--body",
        "KST",
        "--date",
        "2026-02-12",
        "--case",
        "12/26",
        "--title",
        "Arkivplan",
        "--text",
        "Rådmannen lager en arkivplan.",
    ],
    &["vedtak", "link", "1", "1"],
];

/// What is read on both after the changes.
#[rustfmt::skip]
const READS: &[&[&str]] = &[
    &["list"],
    &["list", "--overdue"],
    &["list", "--sector", "OUS"],
    &["list", "--format", "json"],
    &["list", "--format", "csv"],
    &["list", "--missing-report"],
    &["show", "1"],
    &["show", "2"],
    &["show", "4"],
    &["goals"],
    &["goals", "--sector", "OUS"],
    &["wheel"],
    &["brief", "--sector", "OUS"],
    &["log"],
    &["vedtak", "list"],
    &["vedtak", "show", "1"],
    &["export", "--format", "json"],
    &["show", "99"],
    &["set", "99", "--status", "done"],
];

#[test]
fn a_file_and_a_server_give_the_same_answers() {
    let Some(test_db) = TestDb::new("a_file_and_a_server_give_the_same_answers") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let kari = test_db.role("kari");
    let admin = Backend {
        db: test_db.admin_conninfo(),
        actor: "postgres".into(),
        today: "2026-03-10",
        set_up_by: "postgres",
    };
    let (code, _, err) = admin.run(
        "nb",
        &["server", "init", "--kommune", "Testvik", "--year", "2026"],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = admin.run("nb", &["server", "grant", &kari]);
    assert_eq!(code, Some(0), "{err}");
    let server = Backend {
        db: test_db.conninfo(&kari),
        actor: kari.clone(),
        today: "2026-03-10",
        set_up_by: "postgres",
    };
    let file = Backend {
        db: dir.path().join("styr.db").to_str().unwrap().to_string(),
        actor: kari.clone(),
        today: "2026-03-10",
        set_up_by: "styr",
    };
    let (code, _, err) = file.run("nb", &["init", "--kommune", "Testvik", "--year", "2026"]);
    assert_eq!(code, Some(0), "{err}");

    let mut differ = Vec::new();
    for (i, args) in CHANGES.iter().enumerate() {
        let lang = if i % 2 == 0 { "nb" } else { "en" };
        if CHANGES.get(i + 1).is_some_and(|next| next[0] == "undo") {
            // One change is the events of one actor logged in one second,
            // so a change to be undone begins a second of its own.
            next_second();
        }
        let on_file = file.run(lang, args);
        let on_server = server.run(lang, args);
        assert_eq!(on_file.0, Some(0), "{args:?} on the file: {}", on_file.2);
        if on_server != on_file {
            differ.push(format!(
                "{args:?} ({lang})\n  file:   {on_file:?}\n  server: {on_server:?}"
            ));
        }
    }
    for lang in ["nb", "en"] {
        for args in READS {
            let on_file = file.run(lang, args);
            let on_server = server.run(lang, args);
            if on_server != on_file {
                differ.push(format!(
                    "{args:?} ({lang})\n  file:   {on_file:?}\n  server: {on_server:?}"
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} command(s) answer differently on the server:\n{}",
        differ.len(),
        differ.join("\n")
    );
    // The logs hold together on both; the catalog log's seal differs, as
    // the log says who set each database up.
    for backend in [&file, &server] {
        let (code, out, err) = backend.run("en", &["log", "--verify"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(out.starts_with("The log holds together"), "{out}");
    }
    assert!(Path::new(&file.db).exists());
}

/// What is read of the demo, moved to a server, on both.
#[rustfmt::skip]
const DEMO_READS: &[&[&str]] = &[
    &["list"],
    &["list", "--overdue"],
    &["list", "--sector", "OUS"],
    &["list", "--sector", "HOM", "--format", "csv"],
    &["list", "--format", "json"],
    &["list", "--missing-report"],
    &["list", "--report-state", "all"],
    &["show", "17"],
    &["show", "18"],
    &["goals"],
    &["goals", "--sector", "TEK"],
    &["wheel"],
    &["brief", "--sector", "OUS"],
    &["brief", "--sector", "HOM", "--format", "html"],
    &["diff", "--from", "2023-05-15", "--to", "2023-09-20"],
    &["diff", "--from", "2023-05-15", "--to", "2023-09-20", "--format", "json"],
    &["log"],
    &["log", "--verify"],
    &["approvals"],
    &["vedtak", "list"],
    &["vedtak", "show", "1"],
    &["export", "--format", "json"],
    &["export", "--format", "csv"],
];

#[test]
fn the_demo_moved_to_a_server_reads_the_same() {
    let Some(test_db) = TestDb::new("the_demo_moved_to_a_server_reads_the_same") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let demo = common::cli::demo(dir.path());
    let file = Backend {
        db: demo.to_str().unwrap().to_string(),
        actor: "kari".into(),
        today: "2023-09-20",
        set_up_by: "styr",
    };
    let (code, _, err) = file.run("en", &["migrate", "--to", &test_db.admin_conninfo()]);
    assert_eq!(code, Some(0), "{err}");
    let server = Backend {
        db: test_db.admin_conninfo(),
        actor: "kari".into(),
        today: "2023-09-20",
        set_up_by: "styr",
    };
    let mut differ = Vec::new();
    for lang in ["nb", "en"] {
        for args in DEMO_READS {
            let on_file = file.run(lang, args);
            let on_server = server.run(lang, args);
            if on_server != on_file {
                differ.push(format!(
                    "{args:?} ({lang})\n  file:   {on_file:?}\n  server: {on_server:?}"
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} command(s) answer differently on the server:\n{}",
        differ.len(),
        differ.join("\n")
    );
    // doctor says what it checked, which differs by backend; both pass.
    for backend in [&file, &server] {
        let (code, out, err) = backend.run("en", &["doctor"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            out.lines()
                .last()
                .unwrap_or_default()
                .starts_with("ok: 44 assignments agree"),
            "{out}"
        );
    }
}
