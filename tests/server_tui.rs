//! End to end: the real `styr` TUI on a server database (the test server
//! of `scripts/pg-test-server.sh`) in a real terminal (tmux): another
//! role's change shows by itself, a read-only role gets the read-only mode,
//! and a session the server ends is reopened with what was typed kept.
//!
//! As in `e2e_tmux.rs`: a private tmux server per test, nothing sleeps for
//! a fixed time (the screen is polled until a condition holds). And the
//! screen driven through `update` while its server is away and back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::store::server::Target;
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::strings::Lang;
use styr::tui::Runner;
use tempfile::TempDir;

mod common;
use common::cli::{demo, text, TODAY};
use common::pg::{ok, styr_on, TestDb};
use common::today;
use common::tui::{drain, render};

const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);

/// Runs styr in the pane and stays alive so the screen can be read.
/// Arguments: $1 binary, $2 database, $3 today.
const PANE_SCRIPT: &str = r#"env -u STYR_DB -u STYR_TODAY -u LC_ALL -u LC_MESSAGES -u LANG -u PGHOST -u PGUSER -u PGDATABASE -u PGPORT STYR_CONFIG=/dev/null STYR_LANG=nb TERM=xterm-256color "$1" --db "$2" --today "$3"
printf 'EXITED %s\n' "$?"
exec sleep 600"#;

fn styr_at(db: &str, actor: &str) -> Command {
    styr_on(db, actor, common::cli::Lang::En)
}

/// The demo on the server, with the staff roles `kari` and `ola` and the
/// read-only role `lesa`; their login roles in that order.
fn demo_on_server(db: &TestDb, dir: &Path) -> Vec<String> {
    let file = demo(dir);
    let admin = db.admin_conninfo();
    ok(
        styr_at(&admin, "postgres")
            .args(["server", "init", "--kommune", "Lørenskog", "--year", "2023"])
            .output()
            .unwrap(),
        "server init",
    );
    let roles: Vec<String> = [("kari", false), ("ola", false), ("lesa", true)]
        .iter()
        .map(|(name, read_only)| {
            let role = db.role(name);
            let mut cmd = styr_at(&admin, "postgres");
            cmd.args(["server", "grant", &role]);
            if *read_only {
                cmd.arg("--read-only");
            }
            ok(cmd.output().unwrap(), "server grant");
            role
        })
        .collect();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-load-file.sh");
    ok(
        Command::new(script)
            .arg(&file)
            .arg(&admin)
            .output()
            .unwrap(),
        "pg-load-file.sh",
    );
    roles
}

/// A private tmux server; dropping it kills what runs in it.
struct Tmux {
    socket: PathBuf,
    _dir: TempDir,
}

impl Tmux {
    fn new() -> Tmux {
        let dir = tempfile::Builder::new()
            .prefix("styr-pg-tui")
            .tempdir_in("/tmp")
            .expect("a temporary directory");
        Tmux {
            socket: dir.path().join("tmux.sock"),
            _dir: dir,
        }
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .env_remove("TMUX")
            .arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux is installed (the end-to-end tests need it)");
        assert!(out.status.success(), "tmux {args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    }

    /// Starts styr on the server database `db` in a 160×45 session `name`.
    fn start(&self, name: &str, db: &str) {
        self.run(&[
            "new-session",
            "-d",
            "-x",
            "160",
            "-y",
            "45",
            "-s",
            name,
            "sh",
            "-c",
            PANE_SCRIPT,
            "sh",
            env!("CARGO_BIN_EXE_styr"),
            db,
            TODAY,
        ]);
    }

    fn screen(&self, name: &str) -> String {
        self.run(&["capture-pane", "-p", "-t", name])
    }

    fn keys(&self, name: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", name];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn type_text(&self, name: &str, text: &str) {
        self.run(&["send-keys", "-t", name, "-l", text]);
    }

    /// Polls the screen until it holds every one of `needles`.
    fn wait_text(&self, name: &str, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
            match needles.iter().find(|n| !screen.contains(*n)) {
                None => return screen,
                Some(missing) if start.elapsed() >= TIMEOUT => {
                    panic!("timed out after {TIMEOUT:?} waiting for '{missing}'\n{screen}")
                }
                Some(_) => std::thread::sleep(POLL),
            }
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if let Ok(out) = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["list-panes", "-a", "-F", "#{pane_pid}"])
            .output()
        {
            for pid in text(&out.stdout).split_whitespace() {
                if pid.chars().all(|c| c.is_ascii_digit()) {
                    let _ = Command::new("kill")
                        .args(["-KILL", "--", &format!("-{pid}")])
                        .output();
                }
            }
        }
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

#[test]
fn another_roles_change_shows_in_an_open_tui_on_the_server() {
    let Some(db) = TestDb::new("another_roles_change_shows") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let roles = demo_on_server(&db, dir.path());
    let tmux = Tmux::new();
    tmux.start("kari", &db.conninfo(&roles[0]));
    tmux.wait_text("kari", &["Lørenskog 2023", "Oppdrag"]);
    ok(
        styr_at(&db.conninfo(&roles[1]), &roles[1])
            .args(["set", "3", "--title", "Endret av en annen rolle"])
            .output()
            .unwrap(),
        "set as another role",
    );
    // Nothing is pressed: the screen looks for changes by itself, and
    // what it reads again after the change (the missing reports of the
    // changed oppdrag too) is read without a fault.
    let screen = tmux.wait_text("kari", &["Endret av en annen rolle"]);
    assert!(!screen.contains('✗'), "{screen}");
}

#[test]
fn a_read_only_role_gets_the_read_only_mode_on_the_server() {
    let Some(db) = TestDb::new("a_read_only_role_gets") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let roles = demo_on_server(&db, dir.path());
    let tmux = Tmux::new();
    tmux.start("lesa", &db.conninfo(&roles[2]));
    tmux.wait_text(
        "lesa",
        &[&format!(
            "databasen kan bare leses: rollen {} har bare lesetilgang",
            roles[2]
        )],
    );
    tmux.keys("lesa", &["s"]);
    tmux.wait_text(
        "lesa",
        &["databasen er skrivebeskyttet: ingen endringer er mulige"],
    );
}

#[test]
fn a_session_the_server_ends_is_reopened_and_what_was_typed_is_kept_and_saved() {
    let Some(db) = TestDb::new("a_session_the_server_ends") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let roles = demo_on_server(&db, dir.path());
    let kari = db.conninfo(&roles[0]);
    let tmux = Tmux::new();
    tmux.start("kari", &kari);
    tmux.wait_text("kari", &["Lørenskog 2023", "Oppdrag"]);
    tmux.keys("kari", &["c"]);
    tmux.wait_text("kari", &["Kommentar"]);
    tmux.type_text("kari", "Skrevet mens serveren gikk bort");
    tmux.wait_text("kari", &["Skrevet mens serveren gikk bort"]);
    let ended: i64 = db
        .admin()
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1",
            &[&roles[0]],
        )
        .unwrap()
        .get(0);
    assert_eq!(ended, 1, "the TUI's one session");
    tmux.wait_text(
        "kari",
        &[
            "Koblet til serveren igjen: Enter lagrer, Esc avbryter",
            "Skrevet mens serveren gikk bort",
        ],
    );
    tmux.keys("kari", &["Enter"]);
    // Saved: the history shows it under the login role.
    tmux.wait_text(
        "kari",
        &[&format!(
            "{}  kommentar «Skrevet mens serveren gikk bort»",
            roles[0]
        )],
    );
    let log = ok(
        styr_at(&kari, &roles[0])
            .args(["log", "--format", "json"])
            .output()
            .unwrap(),
        "log",
    );
    let events: serde_json::Value = serde_json::from_str(&log).unwrap();
    let newest = events
        .as_array()
        .and_then(|all| all.iter().max_by_key(|e| e["id"].as_i64()))
        .expect("events");
    assert_eq!(
        newest["comment"], "Skrevet mens serveren gikk bort",
        "{newest}"
    );
    assert_eq!(newest["actor"], roles[0].as_str(), "{newest}");
}

/// The key `code` through `update`, and what it asks for run.
fn press(runner: &mut Runner, state: &mut AppState, code: KeyCode) {
    let effects = update(state, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    drain(runner, state, effects);
}

/// The screen after each look for changes until `check` holds (the loop
/// sends one a second; here one follows the other).
fn tick_until(runner: &mut Runner, state: &mut AppState, what: &str, check: impl Fn(&str) -> bool) {
    let start = Instant::now();
    loop {
        let effects = update(state, Msg::Tick);
        drain(runner, state, effects);
        let screen = render(state, 160, 45);
        if check(&screen) {
            return;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for {what}\n{screen}"
        );
        std::thread::sleep(POLL);
    }
}

fn target(conninfo: &str) -> Target {
    let var = |_: &str| None;
    Target::parse(
        conninfo,
        &styr::store::server::Environment {
            var: &var,
            home: None,
            os_user: None,
        },
    )
    .unwrap()
}

#[test]
fn while_the_server_is_away_the_screen_says_so_keeps_the_dialog_and_saves_it_once_back() {
    let Some(db) = TestDb::new("while_the_server_is_away") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let roles = demo_on_server(&db, dir.path());
    let kari = db.conninfo(&roles[0]);
    let back = target(&kari);
    // Where the server cannot be reached: a database that is not there.
    let away = target(&kari.replace(&format!("dbname={}", db.name), "dbname=styr_nowhere"));
    let mut store = Store::open_server(&back).unwrap();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (160, 45),
    );
    state.lang = Lang::En;
    let mut runner = Runner::new(&mut store, &roles[0], today()).unwrap();
    runner.reconnect_to(Some(away));
    let effects = state.start();
    drain(&mut runner, &mut state, effects);
    press(&mut runner, &mut state, KeyCode::Char('c'));
    for c in "Typed while the server was away".chars() {
        press(&mut runner, &mut state, KeyCode::Char(c));
    }
    let ended: i64 = db
        .admin()
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = $1",
            &[&roles[0]],
        )
        .unwrap()
        .get(0);
    assert_eq!(ended, 1, "the screen's one session");
    tick_until(&mut runner, &mut state, "the lost line", |screen| {
        screen.contains("Lost the connection to the server: what you typed is kept, not saved")
    });
    // Saving while it is away fails the same way and keeps the dialog.
    press(&mut runner, &mut state, KeyCode::Enter);
    let screen = render(&state, 160, 45);
    assert!(
        screen.contains("Typed while the server was away"),
        "{screen}"
    );
    assert!(
        screen.contains("Lost the connection to the server"),
        "{screen}"
    );
    runner.reconnect_to(Some(back));
    tick_until(&mut runner, &mut state, "the server back", |screen| {
        screen.contains("Connected to the server again: Enter saves, Esc cancels")
            && screen.contains("Typed while the server was away")
    });
    press(&mut runner, &mut state, KeyCode::Enter);
    let log = ok(
        styr_at(&kari, &roles[0])
            .args(["log", "--format", "json"])
            .output()
            .unwrap(),
        "log",
    );
    let events: serde_json::Value = serde_json::from_str(&log).unwrap();
    let comments: Vec<&serde_json::Value> = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["comment"] == "Typed while the server was away")
        .collect();
    assert_eq!(comments.len(), 1, "saved once: {comments:?}");
}

#[test]
fn search_on_a_server_finds_a_comment_another_role_wrote_while_the_screen_was_open() {
    let Some(db) = TestDb::new("search_on_a_server") else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let roles = demo_on_server(&db, dir.path());
    let mut store = Store::open_server(&target(&db.conninfo(&roles[0]))).unwrap();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (160, 45),
    );
    state.lang = Lang::En;
    let mut runner = Runner::new(&mut store, &roles[0], today()).unwrap();
    let effects = state.start();
    drain(&mut runner, &mut state, effects);
    ok(
        styr_at(&db.conninfo(&roles[1]), &roles[1])
            .args(["set", "23", "--comment", "Kvitteringsnummer zebra-4711"])
            .output()
            .unwrap(),
        "a comment by another role",
    );
    // The look for changes reloads; the comments read since are caught up.
    tick_until(
        &mut runner,
        &mut state,
        "the comment in the history",
        |screen| screen.contains("Kvitteringsnummer zebra-4711"),
    );
    let screen = render(&state, 160, 45);
    assert!(!screen.contains('✗'), "a fault after the reload: {screen}");
    press(&mut runner, &mut state, KeyCode::Char('/'));
    for c in "zebra-4711".chars() {
        press(&mut runner, &mut state, KeyCode::Char(c));
    }
    let screen = render(&state, 160, 45);
    assert!(
        screen.contains("Assignments (1) · search “zebra-4711”")
            && screen.contains("Starte opp arbeidet med eiendomsstrategi"),
        "{screen}"
    );
}
