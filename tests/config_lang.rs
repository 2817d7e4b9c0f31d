//! The configuration file, the two languages, and the generated shell
//! completions and man page, through the real binary.

use std::path::PathBuf;
use std::process::{Command, Output};

mod common;
use common::cli::{assert_language, text};
use styr::words::Lang;

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    /// A home directory of its own, with the demo database in it.
    fn with_demo() -> Home {
        let home = Home {
            dir: tempfile::tempdir().unwrap(),
        };
        let out = home.run(&["demo"], &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        home
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("styr.db")
    }

    /// Where the configuration is found when nothing names it.
    fn config(&self) -> PathBuf {
        self.dir.path().join("xdg").join("styr").join("config.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config().parent().unwrap()).unwrap();
        std::fs::write(self.config(), text).unwrap();
    }

    /// styr with nothing from the machine's environment: no locale, no
    /// STYR_* variables, the configuration in this home.
    fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
        for key in [
            "STYR_DB",
            "STYR_TODAY",
            "STYR_ACTOR",
            "STYR_LANG",
            "STYR_CONFIG",
            "LC_ALL",
            "LC_MESSAGES",
            "LANG",
        ] {
            cmd.env_remove(key);
        }
        cmd.env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("USER", "os-user")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(self.db())
            .args(args)
            .envs(env.iter().copied());
        cmd
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args, env).output().unwrap()
    }

    fn ok(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = self.run(args, env);
        assert!(
            out.status.success(),
            "styr {args:?} failed: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Exit 1, exactly one line on stderr, nothing on stdout; the line.
    fn fails(&self, args: &[&str], env: &[(&str, &str)]) -> String {
        let out = self.run(args, env);
        assert_eq!(out.status.code(), Some(1), "styr {args:?}: {out:?}");
        let err = text(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("styr: error: "), "{err}");
        assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
        err.trim_end().to_string()
    }
}

const TODAY: &str = "--today=2023-09-20";

#[test]
fn the_cli_speaks_bokmal_by_default_and_english_when_asked() {
    let home = Home::with_demo();
    let nb = home.ok(&[TODAY, "list"], &[]);
    assert!(nb.starts_with("ID  !  Status"), "{nb}");
    assert!(nb.contains("Vurdering") && nb.contains("Ansvarlig"), "{nb}");
    assert!(
        nb.contains("Pågår") && nb.contains("Risiko for avvik"),
        "{nb}"
    );
    assert!(nb.contains("31.10.2023"), "{nb}");
    assert!(nb
        .trim_end()
        .ends_with("32 oppdrag, 8 forfalt per 20.09.2023"));

    let en = home.ok(&[TODAY, "--lang", "en", "list"], &[]);
    assert!(en.contains("Assessment") && en.contains("Owner"), "{en}");
    assert!(en.contains("In progress") && en.contains("At risk"), "{en}");
    assert!(
        en.contains("2023-10-31") && !en.contains("31.10.2023"),
        "{en}"
    );
    assert!(en
        .trim_end()
        .ends_with("32 assignments, 8 overdue as of 2023-09-20"));
    for word in ["Pågår", "Vurdering", "forfalt", "Ikke vurdert"] {
        assert!(!en.contains(word), "{word} in English output");
    }

    let show = home.ok(&[TODAY, "--lang", "en", "show", "18"], &[]);
    let show = show
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "Assignment #18",
        "Status In progress",
        "Assessment Off track",
        "Deadline 2023-06-01 (overdue, 111 days)",
        "Expected done –",
        "History (newest first):",
        "assessment: At risk → Off track",
        "deadline: 2023-04-30 → 2023-06-01",
    ] {
        assert!(show.contains(want), "{want} missing from {show}");
    }
    let show = home.ok(&[TODAY, "show", "18"], &[]);
    assert!(show.contains("frist: 30.04.2023 → 01.06.2023"), "{show}");
    assert!(show.contains("Historikk (nyeste først):"), "{show}");

    let log = home.ok(&["log", "18"], &[("STYR_LANG", "en")]);
    assert!(log.starts_with("Event  Time"), "{log}");
    let goals = home.ok(&[TODAY, "goals"], &[("LANG", "en_GB.UTF-8")]);
    assert!(
        goals.contains("sub-goal(s) without an assignment"),
        "{goals}"
    );

    // Machine output is the same in both.
    for args in [
        vec![TODAY, "list", "--format", "json"],
        vec![TODAY, "list", "--format", "csv"],
        vec!["log", "--format", "json"],
        vec![TODAY, "show", "18", "--format", "json"],
    ] {
        let mut en_args = vec!["--lang", "en"];
        en_args.extend(&args);
        assert_eq!(home.ok(&args, &[]), home.ok(&en_args, &[]), "{args:?}");
    }

    // The store's and the domain's errors too.
    let err = home.fails(&["show", "999"], &[]);
    assert_eq!(err, "styr: error: det finnes ikke noe oppdrag med id 999");
    let err = home.fails(&["--lang", "en", "show", "999"], &[]);
    assert_eq!(err, "styr: error: no assignment with id 999");
    let err = home.fails(&["list", "--sector", "XYZ"], &[]);
    assert!(err.contains("ukjent sektor 'XYZ'"), "{err}");
    let err = home.fails(&["--lang", "en", "set", "5", "--due", "31.02.2023"], &[]);
    assert!(err.contains("invalid date '31.02.2023'"), "{err}");

    // A change says what it did in the language chosen.
    let out = home.ok(&["--lang", "en", "set", "5", "--status", "done"], &[]);
    assert!(out.starts_with("Saved #5"), "{out}");
    assert!(out.contains("status: In progress → Done"), "{out}");
    let out = home.ok(&["undo"], &[]);
    assert!(out.starts_with("Lagret #5"), "{out}");
    assert!(
        out.contains("status: Fullført → Pågår (angrer hendelse"),
        "{out}"
    );
}

#[test]
fn the_language_comes_from_flag_variable_file_then_locale() {
    let home = Home::with_demo();
    let heading = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec![TODAY];
        all.extend(args);
        all.push("goals");
        home.ok(&all, env).lines().next().unwrap().to_string()
    };
    let (nb, en) = ("ID  Mål".to_string(), "ID  Goal".to_string());
    let starts = |line: String, want: &str| assert!(line.starts_with(want), "{line} vs {want}");
    starts(heading(&[], &[]), &nb);
    starts(heading(&[("LANG", "C")], &[]), &nb);
    starts(heading(&[("LANG", "C.UTF-8")], &[]), &nb);
    starts(heading(&[("LANG", "nb_NO.UTF-8")], &[]), &nb);
    starts(heading(&[("LANG", "en_US.UTF-8")], &[]), &en);
    starts(
        heading(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "nn_NO.UTF-8")], &[]),
        &nb,
    );
    home.write_config("lang = \"en\"\n");
    starts(heading(&[("LANG", "nb_NO.UTF-8")], &[]), &en);
    starts(heading(&[("STYR_LANG", "nb")], &[]), &nb);
    starts(heading(&[("STYR_LANG", "nb")], &["--lang", "en"]), &en);
    let show = home.ok(&["config", "show"], &[("STYR_LANG", "nb")]);
    assert!(show.contains("lang = \"nb\"  # fra STYR_LANG"), "{show}");

    let err = home.fails(&["list"], &[("STYR_LANG", "sv")]);
    assert!(
        err.contains("STYR_LANG") && err.contains("nb or en"),
        "{err}"
    );
    let out = home.run(&["--lang", "sv", "list"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn config_path_init_and_show() {
    let home = Home::with_demo();
    let path = home.config();
    assert_eq!(
        home.ok(&["config", "path"], &[]).trim_end(),
        path.display().to_string()
    );
    let elsewhere = home.dir.path().join("other.toml");
    let named = home.ok(
        &["--config", elsewhere.to_str().unwrap(), "config", "path"],
        &[],
    );
    assert_eq!(named.trim_end(), elsewhere.display().to_string());
    let named = home.ok(
        &["config", "path"],
        &[("STYR_CONFIG", elsewhere.to_str().unwrap())],
    );
    assert_eq!(named.trim_end(), elsewhere.display().to_string());

    let out = home.ok(&["config", "init"], &[]);
    assert!(
        out.starts_with(&format!("Skrev {}", path.display())),
        "{out}"
    );
    let starter = std::fs::read_to_string(&path).unwrap();
    for option in [
        "# actor = \"os-user\"",
        "# lang = \"nb\"",
        "# sector = \"\"",
        "[colors]",
        "# political = \"magenta\"",
        "[keys]",
        "# set-status = [\"s\"]",
        "# quit = [\"q\", \"Ctrl-C\"]",
    ] {
        assert!(starter.contains(option), "{option} missing from {starter}");
    }
    // The starter changes nothing: everything still runs on the defaults.
    assert!(home.ok(&[TODAY, "list"], &[]).contains("Vurdering"));

    assert!(starter.starts_with("# Innstillinger for styr"), "{starter}");
    let err = home.fails(&["config", "init"], &[]);
    assert!(err.contains("finnes allerede"), "{err}");
    assert_language(&err, Lang::Nb, &[&path.display().to_string()]);
    let err = home.fails(&["--lang", "en", "config", "init"], &[]);
    assert!(err.contains("already exists"), "{err}");
    assert_language(&err, Lang::En, &[&path.display().to_string()]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), starter);
    // In English, the starter file's comments are English.
    let english = home.dir.path().join("english.toml");
    let out = home.ok(
        &[
            "--lang",
            "en",
            "--config",
            english.to_str().unwrap(),
            "config",
            "init",
        ],
        &[],
    );
    assert!(out.starts_with("Wrote "), "{out}");
    let text = std::fs::read_to_string(&english).unwrap();
    assert!(text.starts_with("# styr configuration"), "{text}");
    assert!(text.contains("# political = \"magenta\""), "{text}");

    home.write_config(
        "actor = \"Kari\"\nsector = \"OUS\"\n[colors]\nfocus = \"#1e90ff\"\n[keys]\nundo = [\"z\"]\n",
    );
    let show = home.ok(&["--lang", "en", "config", "show"], &[]);
    let from_file = format!("# from {}", path.display());
    for want in [
        format!("actor = \"Kari\"  {from_file}"),
        "lang = \"en\"  # from --lang".to_string(),
        format!("sector = \"OUS\"  {from_file}"),
        format!("focus = \"#1e90ff\"  {from_file}"),
        "border = \"dark-gray\"  # default".to_string(),
        format!("undo = [\"z\"]  {from_file}"),
        "quit = [\"q\", \"Ctrl-C\"]  # default".to_string(),
    ] {
        assert!(show.contains(&want), "{want} missing from {show}");
    }
    let show = home.ok(&["config", "show"], &[("STYR_ACTOR", "Per")]);
    assert!(show.contains("actor = \"Per\"  # fra STYR_ACTOR"), "{show}");
    assert!(
        show.contains("lang = \"nb\"  # standard: ingen locale er satt"),
        "{show}"
    );
    assert!(
        show.contains("border = \"dark-gray\"  # standard"),
        "{show}"
    );
    let show = home.ok(&["config", "show"], &[("STYR_LANG", "en")]);
    assert!(show.contains("lang = \"en\"  # from STYR_LANG"), "{show}");
}

#[test]
fn the_actor_comes_from_flag_variable_file_then_os_user() {
    let home = Home::with_demo();
    let last_actor = |home: &Home| {
        let log: serde_json::Value =
            serde_json::from_str(&home.ok(&["log", "--format", "json"], &[])).unwrap();
        log.as_array().unwrap().last().unwrap()["actor"]
            .as_str()
            .unwrap()
            .to_string()
    };
    home.ok(&["set", "5", "-c", "a"], &[]);
    assert_eq!(last_actor(&home), "os-user");
    home.write_config("actor = \"Kari Nordmann\"\n");
    home.ok(&["set", "5", "-c", "b"], &[]);
    assert_eq!(last_actor(&home), "Kari Nordmann");
    home.ok(&["set", "5", "-c", "c"], &[("STYR_ACTOR", "Per")]);
    assert_eq!(last_actor(&home), "Per");
    home.ok(
        &["--actor", "Liv", "set", "5", "-c", "d"],
        &[("STYR_ACTOR", "Per")],
    );
    assert_eq!(last_actor(&home), "Liv");
}

#[test]
fn a_bad_configuration_stops_everything_with_file_and_line() {
    let home = Home::with_demo();
    let before = std::fs::read(home.db()).unwrap();
    let path = home.config().display().to_string();
    // The file's own `lang` chooses the language of its error if it can be
    // read; else the variable (here) or the locale.
    for (config, env, want) in [
        (
            "lang = \"en\"\ncolour = \"red\"\n",
            None,
            format!("styr: error: {path} line 2: unknown field `colour`, expected one of `actor`, `lang`, `db`, `sector`, `colors`, `keys`"),
        ),
        (
            "colour = \"red\"\n",
            Some("nb"),
            format!("styr: error: {path} linje 1: ukjent nøkkel `colour`; gyldige nøkler: `actor`, `lang`, `db`, `sector`, `colors`, `keys`"),
        ),
        (
            "[keys]\nset-status = [\"S\"]\nfly = [\"x\"]\n",
            Some("en"),
            format!("styr: error: {path} line 3: unknown action 'fly' in [keys]"),
        ),
        (
            "[keys]\nquit = [\"s\"]\n",
            Some("en"),
            format!("styr: error: {path} line 2: [keys]: s is bound to both quit and set-status"),
        ),
        (
            "[keys]\nundo = [\"Hyper-u\"]\n",
            Some("en"),
            format!("styr: error: {path} line 2: [keys] undo: 'Hyper-u' is not a key"),
        ),
        (
            "[colors]\nfocus = \"rainbow\"\n",
            Some("en"),
            format!("styr: error: {path} line 2: [colors] focus: 'rainbow' is not a colour"),
        ),
        (
            "[colors]\nfocus = \"rainbow\"\n",
            Some("nb"),
            format!("styr: error: {path} linje 2: [colors] focus: 'rainbow' er ingen farge"),
        ),
        (
            "[colors]\nfokus = \"red\"\n",
            None,
            format!("styr: error: {path} linje 2: ukjent fargerolle 'fokus'"),
        ),
        (
            "actor = 3\n",
            Some("nb"),
            format!("styr: error: {path} linje 1: feil type: heltall `3`, ventet en tekst"),
        ),
        (
            "actor = 3\n",
            Some("en"),
            format!("styr: error: {path} line 1: invalid type: integer `3`, expected a string"),
        ),
        (
            "lang = \"en\n",
            Some("en"),
            format!("styr: error: {path} line 1: "),
        ),
        (
            "lang = \"en\n",
            Some("nb"),
            format!("styr: error: {path} linje 1: "),
        ),
    ] {
        home.write_config(config);
        let env: Vec<(&str, &str)> = env.map(|l| ("STYR_LANG", l)).into_iter().collect();
        let mut data: Vec<&str> = config
            .split(|c: char| c.is_whitespace() || "=[]\"".contains(c))
            .collect();
        data.push(&path);
        for args in [vec!["list"], vec!["set", "5", "--status", "done"], vec!["config", "show"]] {
            let err = home.fails(&args, &env);
            assert!(err.starts_with(&want), "{err}\nwanted: {want}");
            let lang = match env.first().map(|e| e.1) {
                Some("en") => Lang::En,
                Some(_) => Lang::Nb,
                None if config.starts_with("lang = \"en\"\n") => Lang::En,
                None => Lang::Nb,
            };
            // The keymap's own words (RemapError) are English until it
            // renders both languages.
            if lang == Lang::En || !config.contains("[keys]") {
                assert_language(&err, lang, &data);
            }
        }
    }
    assert_eq!(std::fs::read(home.db()).unwrap(), before, "nothing changed");
    // A named file that is not there is an error; the default path may be missing.
    std::fs::remove_file(home.config()).unwrap();
    assert!(home.ok(&[TODAY, "list"], &[]).contains("32 oppdrag"));
    let err = home.fails(&["list"], &[("STYR_CONFIG", "/nonexistent/styr.toml")]);
    assert!(
        err.contains("det finnes ingen konfigurasjonsfil i /nonexistent/styr.toml"),
        "{err}"
    );
    let err = home.fails(
        &["list"],
        &[
            ("STYR_CONFIG", "/nonexistent/styr.toml"),
            ("STYR_LANG", "en"),
        ],
    );
    assert!(
        err.contains("no configuration file at /nonexistent/styr.toml"),
        "{err}"
    );
    // The TUI refuses an unknown default sector before it starts.
    home.write_config("sector = \"XYZ\"\n");
    let err = home.fails(&[], &[]);
    assert!(err.contains("sektor") && err.contains("XYZ"), "{err}");
    let err = home.fails(&[], &[("STYR_LANG", "en")]);
    assert!(err.contains("sector") && err.contains("XYZ"), "{err}");
}

#[test]
fn completions_and_man_page_come_from_the_command_line() {
    let home = Home {
        dir: tempfile::tempdir().unwrap(),
    };
    let subcommands = [
        "init",
        "demo",
        "list",
        "show",
        "add",
        "set",
        "undo",
        "log",
        "goals",
        "doctor",
        "config",
        "completions",
        "man",
    ];
    let bash = home.ok(&["completions", "bash"], &[]);
    assert!(bash.contains("complete -F _styr"), "{bash}");
    for sub in subcommands {
        assert!(bash.contains(&format!("styr,{sub})")), "bash lacks {sub}");
    }
    assert!(bash.contains("--lang") && bash.contains("--config"));
    let zsh = home.ok(&["completions", "zsh"], &[]);
    assert!(zsh.starts_with("#compdef styr"), "{zsh}");
    let fish = home.ok(&["completions", "fish"], &[]);
    assert!(fish.contains("complete -c styr"), "{fish}");
    let out = home.run(&["completions", "powershell"], &[]);
    assert_eq!(out.status.code(), Some(2));

    // The manual page in English (see tests/help.rs for bokmål).
    let man = home.ok(&["man"], &[("STYR_LANG", "en")]);
    assert!(man.contains(".TH styr 1"), "{man}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH COMMANDS",
        ".SH ENVIRONMENT",
    ] {
        assert!(man.contains(section), "{section} missing");
    }
    for sub in subcommands {
        assert!(
            man.contains(&format!("\\fBstyr {sub}\\fR")),
            "man lacks {sub}"
        );
    }
    for sub in ["config path", "config show", "config init"] {
        assert!(
            man.contains(&format!("\\fBstyr {sub}\\fR")),
            "man lacks {sub}"
        );
    }
    // Every line is a request, or text that roff will not take for one.
    for line in man.lines() {
        assert!(
            !line.starts_with('\'') && (!line.starts_with('.') || line.len() > 1),
            "{line}"
        );
    }
    // groff, where it is installed, must read it without a warning.
    if let Ok(mut groff) = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        groff
            .stdin
            .take()
            .unwrap()
            .write_all(man.as_bytes())
            .unwrap();
        let out = groff.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(text(&out.stderr), "", "groff warnings");
    }
}
