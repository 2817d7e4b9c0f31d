//! Crashes and concurrent writers against one database file.
//!
//! The writers are this test binary started again as a child process (the
//! ignored `fault_child` test, told its role by `STYR_FAULT_ROLE`), the real
//! `styr` binary, and the TUI's update-and-effects loop driven in this
//! process. A child writes one line to its stdout after each commit
//! returns, so "reported as saved" is what the parent has read from the pipe.
//!
//! Counts are bounded for CI; `STYR_SOAK=1` multiplies them.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::domain::{Assignment, Field};
use styr::store::{Stamp, Store, StoreError};
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::Runner;

mod common;
use common::cli::{dated_styr, demo, Lang};
use common::{soak, today, Rng};

/// A count for CI, or a larger one under `STYR_SOAK=1` (`STYR_SOAK_FACTOR` times, default 10).
fn bounded(ci: usize) -> usize {
    if soak() {
        let factor = std::env::var("STYR_SOAK_FACTOR")
            .ok()
            .and_then(|f| f.parse().ok())
            .unwrap_or(10);
        ci * factor
    } else {
        ci
    }
}

fn seed() -> u64 {
    std::env::var("STYR_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2023)
}

/// A demo database in WAL mode, as any opened styr file is.
fn demo_db(dir: &Path) -> PathBuf {
    let path = demo(dir);
    drop(Store::open(&path).unwrap());
    path
}

/// This test binary again, running `fault_child` in the given role.
fn child(role: &str, db: &Path, name: &str, count: usize, seed: u64) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "fault_child",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("STYR_FAULT_ROLE", role)
        .env("STYR_FAULT_DB", db)
        .env("STYR_FAULT_NAME", name)
        .env("STYR_FAULT_COUNT", count.to_string())
        .env("STYR_FAULT_SEED", seed.to_string())
        .env_remove("STYR_LOCK_WAIT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// One line written by a child after a commit returned: the event and what it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reported {
    event: i64,
    assignment: i64,
    field: String,
    new: Option<String>,
}

const OK: &str = "OK\t";
const STALE: &str = "STALE\t";
const FAILED: &str = "FAILED\t";

/// The text after `marker` on a line; the test harness may have printed
/// its own words before a child's first line.
fn after<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    line.find(marker)
        .map(|at| line[at + marker.len()..].trim_end_matches(['\n', '\r']))
}

fn parse_ok(line: &str) -> Option<Reported> {
    let rest = after(line, OK)?;
    let parts: Vec<&str> = rest.split('\t').collect();
    Some(Reported {
        event: parts[0].parse().ok()?,
        assignment: parts[1].parse().ok()?,
        field: parts[2].to_string(),
        new: (parts[3] != "-").then(|| parts[3].to_string()),
    })
}

fn report(out: &mut impl Write, changed: &styr::store::Changed) {
    for e in &changed.events {
        let line = format!(
            "{OK}{}\t{}\t{}\t{}\n",
            e.id,
            e.assignment_id,
            e.field,
            e.new.as_deref().unwrap_or("-")
        );
        // One write per line, so a kill never leaves half a report.
        out.write_all(line.as_bytes()).unwrap();
    }
    out.flush().unwrap();
}

/// The child's side: a writer in the role the parent gave it.
#[test]
#[ignore = "run by crash and concurrency tests as a child process"]
fn fault_child() {
    let Ok(role) = std::env::var("STYR_FAULT_ROLE") else {
        return;
    };
    let var = |k: &str| std::env::var(k).unwrap();
    let db = PathBuf::from(var("STYR_FAULT_DB"));
    let name = var("STYR_FAULT_NAME");
    let count: usize = var("STYR_FAULT_COUNT").parse().unwrap();
    let mut rng = Rng(var("STYR_FAULT_SEED").parse::<u64>().unwrap() | 1);
    let mut out = std::io::stdout().lock();
    let mut store = Store::open(&db).unwrap();
    let ids: Vec<i64> = store.assignments().unwrap().iter().map(|a| a.id).collect();
    match role.as_str() {
        "crash" => crash_writer(&mut store, &ids, &name, &mut rng, &mut out),
        "edit" => editor(&mut store, &ids, &name, count, &mut rng, &mut out),
        other => panic!("unknown role {other}"),
    }
}

/// Writes as fast as it can until killed: owner and status changes, comments, new assignments.
fn crash_writer(store: &mut Store, ids: &[i64], name: &str, rng: &mut Rng, out: &mut impl Write) {
    let template: Assignment = store.assignment(ids[0]).unwrap();
    for n in 0.. {
        let stamp = Stamp::now(name);
        let id = ids[rng.below(ids.len())];
        let changed = match rng.below(10) {
            0 => {
                let mut draft = template.clone();
                draft.parent_id = None;
                draft.title = format!("{name} ny {n}");
                store.create_assignment(&draft, Some("opprettet"), &stamp)
            }
            1 => store.change(id, None, &[], Some(&format!("{name} notat {n}")), &stamp),
            2 => {
                let status = ["not-started", "in-progress", "done"][rng.below(3)];
                store.change(
                    id,
                    None,
                    &[(Field::Status, Some(status.into()))],
                    None,
                    &stamp,
                )
            }
            _ => store.change(
                id,
                None,
                &[(Field::Owner, Some(format!("{name} {n}")))],
                None,
                &stamp,
            ),
        };
        report(out, &changed.unwrap());
    }
}

/// Makes `count` edits of the owner of a few assignments, each against the
/// version it read, retrying after a refusal; every tenth edit is sent with
/// a version it knows to be old, and must be refused.
fn editor(
    store: &mut Store,
    ids: &[i64],
    name: &str,
    count: usize,
    rng: &mut Rng,
    out: &mut impl Write,
) {
    let hot = &ids[..3];
    let mut done = 0;
    let mut attempt = 0;
    while done < count {
        attempt += 1;
        let id = hot[rng.below(hot.len())];
        let current = store.assignment(id).unwrap();
        let stale = attempt % 10 == 0 && current.version > 1;
        let version = if stale {
            current.version - 1
        } else {
            current.version
        };
        let value = format!("{name}-{done}");
        let result = store.change(
            id,
            Some(version),
            &[(Field::Owner, Some(value))],
            None,
            &Stamp::now(name),
        );
        match result {
            Ok(changed) if !stale => {
                report(out, &changed);
                done += 1;
            }
            Ok(changed) => {
                writeln!(
                    out,
                    "{FAILED}an old version was accepted: {:?}",
                    changed.events
                )
                .unwrap();
                return;
            }
            Err(e @ StoreError::Stale { .. }) => writeln!(out, "{STALE}{e}").unwrap(),
            Err(e) => {
                writeln!(out, "{FAILED}{e}").unwrap();
                return;
            }
        }
    }
}

/// Every reported event is in the log as reported, and doctor passes.
fn check_reported(store: &Store, reported: &[Reported], context: &str) {
    let diagnosis = store.diagnose().unwrap();
    assert!(
        diagnosis.is_ok(),
        "{context}: doctor: {:?}",
        diagnosis.problems
    );
    let events: HashMap<i64, styr::domain::Event> = store
        .events(None, None)
        .unwrap()
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    for r in reported {
        let e = events
            .get(&r.event)
            .unwrap_or_else(|| panic!("{context}: reported event {} was lost", r.event));
        assert_eq!(
            (e.assignment_id, e.field.as_str(), e.new.as_deref()),
            (r.assignment, r.field.as_str(), r.new.as_deref()),
            "{context}: event {} differs from what was reported",
            r.event
        );
    }
}

#[test]
fn killed_writers_lose_nothing_they_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let kills = bounded(200);
    let mut rng = Rng(seed());
    let mut reported: Vec<Reported> = Vec::new();
    let mut killed_mid_run = 0;
    for round in 0..kills {
        let mut writer = child("crash", &db, &format!("w{round}"), 0, rng.next());
        let mut stdout = BufReader::new(writer.stdout.take().unwrap());
        // Kill after a random number of reported commits; 0 kills it while
        // it opens the database.
        let wait_for = rng.below(8);
        let mut seen = 0;
        let mut line = String::new();
        while seen < wait_for {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                break;
            }
            if let Some(r) = parse_ok(&line) {
                reported.push(r);
                seen += 1;
            }
        }
        writer.kill().unwrap();
        let status = writer.wait().unwrap();
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        // Only whole lines were reported; anything after the last newline was not.
        let whole = rest.rfind('\n').map_or("", |end| &rest[..end]);
        reported.extend(whole.lines().filter_map(parse_ok));
        if status.code().is_none() {
            killed_mid_run += 1;
        } else {
            let mut err = String::new();
            writer
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("round {round}: the writer ended by itself ({status}): {err}");
        }
        let store = Store::open(&db).unwrap_or_else(|e| panic!("round {round}: cannot open: {e}"));
        check_reported(&store, &reported, &format!("round {round}"));
    }
    assert_eq!(killed_mid_run, kills);
    assert!(
        reported.len() >= kills,
        "the writers reported {} commits in {kills} rounds",
        reported.len()
    );
    let out = dated_styr(&db, "check", Lang::En)
        .arg("doctor")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    eprintln!(
        "{kills} kills, {} reported changes, all present",
        reported.len()
    );
}

/// The TUI on the file: keys through `update`, effects run by the real runner.
struct Tui {
    store: Store,
    state: AppState,
    seen: Option<i64>,
}

impl Tui {
    fn open(db: &Path) -> Tui {
        let store = Store::open(db).unwrap();
        let state = AppState::new(
            Snapshot::load(&store).unwrap(),
            today(),
            Keymap::default(),
            (160, 45),
        );
        let mut tui = Tui {
            store,
            state,
            seen: None,
        };
        let effects = tui.state.start();
        tui.run(effects);
        tui
    }

    fn run(&mut self, effects: Vec<styr::tui::effect::Effect>) {
        let mut runner = Runner::new(&mut self.store, "tui", self.state.today).unwrap();
        if let Some(seen) = self.seen {
            runner.set_seen_version(seen);
        }
        runner.settle(&mut self.state, effects);
        self.seen = Some(runner.seen_version());
    }

    fn key(&mut self, code: KeyCode) {
        let effects = update(
            &mut self.state,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        self.run(effects);
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }
}

/// Status changes with a unique comment through the TUI, as a user makes
/// them: on a stale refusal the dialog says who changed what, and Enter
/// sends it again on the reloaded version. Returns the comments saved and
/// the refusals seen.
fn tui_writer(db: &Path, edits: usize, rng: &mut Rng) -> (Vec<String>, Vec<String>) {
    let mut tui = Tui::open(db);
    let mut saved = Vec::new();
    let mut refusals = Vec::new();
    for n in 0..edits {
        tui.key(KeyCode::Char('g'));
        for _ in 0..rng.below(3) {
            tui.key(KeyCode::Char('j'));
        }
        tui.keys("s");
        tui.keys(&(1 + rng.below(3)).to_string());
        tui.key(KeyCode::Enter);
        let comment = format!("tui {n}");
        tui.keys(&comment);
        tui.key(KeyCode::Enter);
        let mut tries = 0;
        while let Some(dialog) = tui.state.dialog() {
            let error = dialog.error.clone().unwrap_or_default();
            assert!(
                !error.is_empty(),
                "edit {n}: the dialog stayed open without saying why"
            );
            refusals.push(error);
            tries += 1;
            assert!(tries < 50, "edit {n}: refused {tries} times: {refusals:?}");
            tui.key(KeyCode::Enter);
        }
        let status = tui.state.status.clone().expect("a status line");
        assert!(!status.error, "edit {n}: {}", status.text);
        saved.push(comment);
    }
    (saved, refusals)
}

/// Owner edits through the real binary, each against the version `show`
/// gave; every fifth is sent with a version known to be old and must be
/// refused. Returns the owners saved and the refusal messages.
fn cli_writer(db: &Path, edits: usize, ids: &[i64]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut saved = Vec::new();
    let mut refusals = Vec::new();
    let mut problems = Vec::new();
    let mut n = 0;
    let mut attempt = 0;
    while n < edits {
        attempt += 1;
        let id = ids[attempt % ids.len()].to_string();
        let out = dated_styr(db, "cli", Lang::En)
            .args(["show", &id, "--format", "json"])
            .output()
            .unwrap();
        if !out.status.success() {
            problems.push(String::from_utf8_lossy(&out.stderr).into_owned());
            continue;
        }
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let version = shown["version"].as_i64().unwrap();
        let stale = attempt % 5 == 0 && version > 1;
        let owner = format!("cli-{n}");
        let sent = if stale { version - 1 } else { version };
        let out = dated_styr(db, "cli", Lang::En)
            .args([
                "set",
                &id,
                "--owner",
                &owner,
                "--if-version",
                &sent.to_string(),
            ])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        match (out.status.code(), stale) {
            (Some(0), false) => {
                saved.push(owner);
                n += 1;
            }
            (Some(1), _) if stderr.contains("was changed by someone else since you read it") => {
                refusals.push(stderr)
            }
            _ => problems.push(format!("{:?} stale={stale}: {stderr}", out.status.code())),
        }
    }
    (saved, refusals, problems)
}

#[test]
fn concurrent_writers_lose_no_update_and_never_see_a_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let ids: Vec<i64> = {
        let store = Store::open(&db).unwrap();
        store.assignments().unwrap().iter().map(|a| a.id).collect()
    };
    let per_process = bounded(1000);
    let mut rng = Rng(seed());
    let children: Vec<(String, Child)> = ["A", "B"]
        .into_iter()
        .map(|name| {
            let seed = rng.next();
            (
                name.to_string(),
                child("edit", &db, name, per_process, seed),
            )
        })
        .collect();
    let cli = {
        let db = db.clone();
        let hot = ids[..3].to_vec();
        let edits = bounded(40);
        std::thread::spawn(move || cli_writer(&db, edits, &hot))
    };
    let (tui_saved, tui_refusals) = tui_writer(&db, bounded(150), &mut rng);

    let mut reported = Vec::new();
    let mut stale_messages = Vec::new();
    for (name, mut process) in children {
        let mut out = String::new();
        process
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let mut err = String::new();
        process
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = process.wait().unwrap();
        assert!(status.success(), "writer {name}: {status}: {err}");
        let failures: Vec<&str> = out.lines().filter_map(|l| after(l, FAILED)).collect();
        assert!(failures.is_empty(), "writer {name}: {failures:?}");
        let mine: Vec<Reported> = out.lines().filter_map(parse_ok).collect();
        assert_eq!(mine.len(), per_process, "writer {name}: successes");
        reported.extend(mine);
        stale_messages.extend(
            out.lines()
                .filter_map(|l| after(l, STALE))
                .map(String::from),
        );
    }
    let (cli_saved, cli_refusals, cli_problems) = cli.join().unwrap();
    assert!(cli_problems.is_empty(), "the CLI writer: {cli_problems:?}");

    // Every refusal says what happened; none is about a lock.
    for message in stale_messages.iter().chain(&cli_refusals) {
        assert!(
            message.contains("was changed by someone else since you read it")
                && message.contains("nothing was saved"),
            "unclear refusal: {message}"
        );
    }
    for message in stale_messages
        .iter()
        .chain(&cli_refusals)
        .chain(&tui_refusals)
    {
        assert!(!message.to_lowercase().contains("lock"), "{message}");
    }
    assert!(
        stale_messages.len() >= per_process / 10,
        "the deliberately old versions were refused: {}",
        stale_messages.len()
    );
    assert!(
        !cli_refusals.is_empty(),
        "the CLI's old versions were refused"
    );

    let store = Store::open(&db).unwrap();
    check_reported(&store, &reported, "after the concurrent run");
    let events = store.events(None, None).unwrap();
    let by = |actor: &str| events.iter().filter(|e| e.actor == actor).count();
    assert_eq!(by("A"), per_process, "A's successes and the log agree");
    assert_eq!(by("B"), per_process, "B's successes and the log agree");
    let cli_owners: Vec<&str> = events
        .iter()
        .filter(|e| e.actor == "cli" && e.field == "owner")
        .filter_map(|e| e.new.as_deref())
        .collect();
    assert_eq!(
        cli_owners, cli_saved,
        "every CLI success is in the log, once"
    );
    let tui_comments: Vec<&str> = events
        .iter()
        .filter(|e| e.actor == "tui")
        .filter_map(|e| e.comment.as_deref())
        .collect();
    assert_eq!(
        tui_comments, tui_saved,
        "every TUI success is in the log, once"
    );
    // The final owner of each hot assignment is the last one logged.
    for id in &ids[..3] {
        let last_owner = events
            .iter()
            .rfind(|e| e.assignment_id == *id && e.field == "owner")
            .and_then(|e| e.new.clone());
        assert_eq!(
            Some(store.assignment(*id).unwrap().owner),
            last_owner,
            "assignment {id}"
        );
    }
    eprintln!(
        "A and B: {per_process} edits each, {} refused as stale; CLI: {} saved, {} refused; TUI: {} saved, {} refused and resent",
        stale_messages.len(),
        cli_saved.len(),
        cli_refusals.len(),
        tui_saved.len(),
        tui_refusals.len()
    );
}

/// The real binary killed with SIGKILL at a random moment of `styr set`
/// (opening, writing, committing, reporting): the file always opens and
/// passes `doctor`, a change it printed as saved is there, and a change is
/// there whole or not at all.
#[test]
fn a_killed_cli_change_is_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let rounds = bounded(40);
    let mut rng = Rng(seed() ^ 0xc11);
    let (mut reported, mut present) = (0, 0);
    for round in 0..rounds {
        let owner = format!("drept {round}");
        let id = (1 + round % 5).to_string();
        let mut process = dated_styr(&db, "cli", Lang::En)
            .args(["set", &id, "--owner", &owner, "--status", "done"])
            .args(["--comment", "avbrutt?"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The point is a random moment in the process's life, so this is a
        // random wait rather than a wait for a condition.
        std::thread::sleep(std::time::Duration::from_micros(rng.below(40_000) as u64));
        let _ = process.kill();
        let out = process.wait_with_output().unwrap();
        let said_saved = String::from_utf8_lossy(&out.stdout).contains("Saved #");
        let store = Store::open(&db).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let diagnosis = store.diagnose().unwrap();
        assert!(diagnosis.is_ok(), "round {round}: {:?}", diagnosis.problems);
        let events: Vec<_> = store
            .events(Some(id.parse().unwrap()), None)
            .unwrap()
            .into_iter()
            .filter(|e| e.new.as_deref() == Some(owner.as_str()))
            .collect();
        assert!(events.len() <= 1, "round {round}: {events:?}");
        if said_saved {
            assert_eq!(events.len(), 1, "round {round}: a reported change was lost");
            reported += 1;
        }
        present += events.len();
    }
    assert!(present >= reported);
    eprintln!("{rounds} CLI processes killed: {reported} had reported, {present} changes present");
}

/// What of plan year 2024 a database holds: årshjul entries, periods,
/// assignments, and the events and catalog events in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct YearShape {
    wheel: usize,
    periods: usize,
    assignments: usize,
    events: usize,
    catalog_events: usize,
}

fn year_shape(db: &Path, year: i32) -> YearShape {
    let store = Store::open(db).unwrap();
    YearShape {
        wheel: store.wheel_entries(year).unwrap().len(),
        periods: store.periods(Some(year)).unwrap().len(),
        assignments: store
            .assignments()
            .unwrap()
            .iter()
            .filter(|a| a.year == year)
            .count(),
        events: store.events(None, None).unwrap().len(),
        catalog_events: store.catalog_events(None, None, None).unwrap().len(),
    }
}

/// The demo with 300 more unfinished 2023 oppdrag, so that carrying them
/// over takes a while; and the shape of 2024 before and after a whole `year new`.
fn big_year_db(dir: &Path) -> (PathBuf, YearShape, YearShape) {
    let db = demo_db(dir);
    {
        let mut store = Store::open(&db).unwrap();
        let template = store
            .assignments()
            .unwrap()
            .into_iter()
            .find(|a| a.year == 2023 && !a.is_task() && !a.status.is_closed())
            .unwrap();
        let stamp = Stamp::now("oppsett");
        store
            .batch(|store| {
                for n in 0..300 {
                    let draft = Assignment {
                        title: format!("Ekstra oppdrag {n}"),
                        ..template.clone()
                    };
                    store.create_assignment(&draft, None, &stamp)?;
                }
                Ok(())
            })
            .unwrap();
    }
    let before = year_shape(&db, 2024);
    let whole = dir.join("whole.db");
    std::fs::copy(&db, &whole).unwrap();
    let out = year_new(&whole).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = year_shape(&whole, 2024);
    assert!(after.assignments > 300 && after.wheel > 0 && after.periods > 0);
    (db, before, after)
}

fn year_new(db: &Path) -> Command {
    let mut cmd = dated_styr(db, "cli", Lang::En);
    cmd.args(["year", "new", "2024", "--from", "2023", "--carry-over"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Waits until `done` holds or the process has ended; whether it held.
fn wait_for(process: &mut Child, done: impl Fn() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(60) {
        if done() {
            return true;
        }
        if process.try_wait().unwrap().is_some() {
            return done();
        }
        std::thread::yield_now();
    }
    false
}

/// `year new --carry-over` killed with SIGKILL inside its transaction (at
/// the test-only pauses after the årshjul, after the periods, after the
/// first and the 200th carried oppdrag, before the commit) leaves no trace
/// of the new year; killed when its write first reaches the WAL, at any
/// later moment, it leaves either nothing or the whole year. `doctor` is
/// satisfied every time.
#[test]
fn a_killed_year_new_leaves_the_whole_year_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let (db, before, after) = big_year_db(dir.path());
    for (round, step) in ["wheel", "periods", "carried:1", "carried:200", "commit"]
        .into_iter()
        .enumerate()
    {
        let copy = dir.path().join(format!("paused-{round}.db"));
        std::fs::copy(&db, &copy).unwrap();
        let signal = dir.path().join(format!("paused-{round}"));
        let mut process = year_new(&copy)
            .env("STYR_TEST_PAUSE_AT", step)
            .env("STYR_TEST_PAUSE_FILE", &signal)
            .spawn()
            .unwrap();
        let paused = wait_for(&mut process, || signal.exists());
        let _ = process.kill();
        process.wait().unwrap();
        assert!(paused, "{step}: year new never reached the pause");
        assert_eq!(year_shape(&copy, 2024), before, "killed at {step}");
        let diagnosis = Store::open(&copy).unwrap().diagnose().unwrap();
        assert!(diagnosis.is_ok(), "{step}: {:?}", diagnosis.problems);
    }
    let rounds = bounded(6);
    let mut seen = (0, 0);
    for round in 0..rounds {
        let copy = dir.path().join(format!("wal-{round}.db"));
        std::fs::copy(&db, &copy).unwrap();
        let wal = copy.with_extension("db-wal");
        let mut process = year_new(&copy).spawn().unwrap();
        // The n-th 4 KiB page reaching the WAL: a later moment each round.
        let grown = 4096 * (1 + 16 * round as u64);
        wait_for(&mut process, || {
            std::fs::metadata(&wal).is_ok_and(|m| m.len() >= grown)
        });
        let _ = process.kill();
        process.wait().unwrap();
        let shape = year_shape(&copy, 2024);
        if shape == before {
            seen.0 += 1;
        } else {
            assert_eq!(shape, after, "round {round}: a half-copied year");
            seen.1 += 1;
        }
        let diagnosis = Store::open(&copy).unwrap().diagnose().unwrap();
        assert!(diagnosis.is_ok(), "round {round}: {:?}", diagnosis.problems);
    }
    eprintln!(
        "year new killed {rounds} times as the WAL grew: {} left nothing, {} the whole year",
        seen.0, seen.1
    );
}

/// A year half carried over by an older styr (copies written one commit
/// each, then the process killed): `doctor` names the year, the copies out
/// of step with their notes, and the oppdrag left behind.
#[test]
fn doctor_finds_a_year_an_older_styr_left_half_carried() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut store = Store::open(&db).unwrap();
    let open: Vec<Assignment> = store
        .assignments()
        .unwrap()
        .into_iter()
        .filter(|a| a.year == 2023 && !a.is_task() && !a.status.is_closed())
        .collect();
    assert!(open.len() > 5);
    let stamp = Stamp::now("eldre styr");
    // As the old `year new` did, one commit per write: three carried whole,
    // the fourth copied but killed before its note.
    for (n, old) in open.iter().take(4).enumerate() {
        let draft = Assignment {
            id: 0,
            year: 2024,
            version: 0,
            ..old.clone()
        };
        let comment = format!("Overført fra #{} (2023)", old.id);
        let new = store
            .create_assignment(&draft, Some(&comment), &stamp)
            .unwrap();
        if n < 3 {
            let note = format!("Overført til 2024 som #{}", new.assignment.id);
            store
                .change(old.id, None, &[], Some(&note), &stamp)
                .unwrap();
        }
    }
    let problems = store.diagnose().unwrap().problems;
    let line = problems
        .iter()
        .map(|p| p.to_string())
        .find(|p| p.contains("2024 was only partly carried over from 2023"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(line.contains("1 copies and notes out of step"), "{line}");
    assert!(line.contains(&format!("#{}", open[3].id)), "{line}");
    assert!(!line.contains(&format!("#{},", open[0].id)), "{line}");
    eprintln!("{line}");
}
