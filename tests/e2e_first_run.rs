//! End to end in a real terminal (tmux): the first run's questions, and CLI
//! tables at the terminal's width. Each test has its own tmux server and its
//! own home directory, so the default database paths are the test's.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

const TIMEOUT: Duration = Duration::from_secs(15);

/// A private tmux server and home directory.
struct Tmux {
    dir: tempfile::TempDir,
}

impl Tmux {
    fn new() -> Tmux {
        let ok = Command::new("tmux").arg("-V").output();
        assert!(
            ok.is_ok_and(|o| o.status.success()),
            "tmux is needed for the end-to-end tests"
        );
        let dir = tempfile::Builder::new()
            .prefix("styr-first")
            .tempdir_in("/tmp")
            .unwrap();
        Tmux { dir }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// Where the platform puts styr's files under this home.
    fn data(&self) -> PathBuf {
        self.home().join("data").join("styr")
    }

    fn tmux(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.env_remove("TMUX")
            .arg("-S")
            .arg(self.dir.path().join("sock"))
            .args(["-f", "/dev/null"]);
        cmd
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.tmux().args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `styr ARGS` in a clean environment whose home is the test's.
    fn styr(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
        common::cli::clean_env(&mut cmd, "e2e", common::cli::Lang::Default);
        cmd.env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join("data"))
            .env("XDG_CONFIG_HOME", self.home().join("config"))
            .env("STYR_LANG", "nb");
        cmd
    }

    /// Starts a shell line in a `width`×24 session; the shell's environment
    /// is the test's (home, no STYR_DB).
    fn start(&self, width: u16, line: &str) {
        std::fs::create_dir_all(self.home()).unwrap();
        let home = self.home();
        let home = home.to_str().unwrap();
        let script = format!(
            "env -u STYR_DB -u STYR_TODAY -u LC_ALL -u LANG STYR_CONFIG=/dev/null STYR_LANG=nb \
             TERM=xterm-256color HOME={home} XDG_DATA_HOME={home}/data STYR_ACTOR=e2e {line}; \
             echo EXITED $?; exec sleep 600"
        );
        self.run(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            "24",
            "-s",
            "t",
            "sh",
            "-c",
            &script,
        ]);
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-J", "-t", "t"])
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "waiting for {needle:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_line(&self, text: &str) {
        if !text.is_empty() {
            self.run(&["send-keys", "-t", "t", "-l", text]);
        }
        self.run(&["send-keys", "-t", "t", "Enter"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if let Ok(out) = self
            .tmux()
            .args(["list-panes", "-a", "-F", "#{pane_pid}"])
            .output()
        {
            for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{pid}")])
                    .output();
            }
        }
        let _ = self.tmux().arg("kill-server").output();
    }
}

fn exists(path: &Path) -> bool {
    path.exists()
}

#[test]
fn choosing_the_demo_on_first_run_leaves_the_real_database_uncreated() {
    let tmux = Tmux::new();
    let styr = env!("CARGO_BIN_EXE_styr");
    tmux.start(80, styr);
    tmux.wait_for("Valg [d/n/q]:");
    tmux.type_line("x");
    tmux.wait_for("'x'");
    tmux.type_line("d");
    tmux.wait_for("Lørenskog 2023");
    tmux.run(&["send-keys", "-t", "t", "q"]);
    tmux.wait_for("EXITED 0");
    assert!(
        exists(&tmux.data().join("demo.db")),
        "the demo is in its own file"
    );
    assert!(
        !exists(&tmux.data().join("styr.db")),
        "the real database is not made"
    );
    // And `styr init` can still make it.
    let out = tmux
        .styr()
        .args(["init", "--kommune", "Asker", "--year", "2024"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(exists(&tmux.data().join("styr.db")));
}

#[test]
fn the_first_run_asks_again_on_an_empty_name_or_a_bad_year() {
    let tmux = Tmux::new();
    let styr = env!("CARGO_BIN_EXE_styr");
    tmux.start(100, &format!("{styr} --today 2024-03-01"));
    tmux.wait_for("Valg [d/n/q]:");
    tmux.type_line("n");
    tmux.wait_for("Kommune:");
    tmux.type_line("");
    tmux.wait_for("Skriv kommunens navn.");
    tmux.type_line("Asker");
    tmux.wait_for("Planår");
    tmux.type_line("tjuetjuefire");
    tmux.wait_for("'tjuetjuefire' er ikke et årstall");
    tmux.type_line("20244");
    tmux.wait_for("ugyldig planår 20244");
    tmux.type_line("2024");
    // The empty database's screen says what to do next.
    let screen = tmux.wait_for("Asker 2024");
    let screen = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(screen.contains("n: nytt oppdrag"), "{screen}");
    tmux.run(&["send-keys", "-t", "t", "q"]);
    tmux.wait_for("EXITED 0");
    assert!(exists(&tmux.data().join("styr.db")));
    assert!(!exists(&tmux.data().join("demo.db")));
}

#[test]
fn cli_tables_fit_an_80_column_terminal() {
    let tmux = Tmux::new();
    let dir = tmux.dir.path().to_path_buf();
    let db = common::cli::demo(&dir);
    let styr = env!("CARGO_BIN_EXE_styr");
    let db = db.to_str().unwrap();
    tmux.start(
        80,
        &format!(
            "{styr} --db {db} --today 2023-09-20 list; {styr} --db {db} log --since 2023-09-01"
        ),
    );
    let screen = tmux.wait_for("EXITED 0");
    let longest = screen.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 80, "a line is {longest} wide:\n{screen}");
    assert!(screen.contains('…'), "long titles are shortened:\n{screen}");
}
