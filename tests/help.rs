//! `--help`, `-h`, `help COMMAND`, the manual page and the shell
//! completions follow the user's language, chosen as for a usage error:
//! `--lang`, else `STYR_LANG`, else the configuration file, else the locale.

mod common;

use std::process::{Command, Output};

use common::cli::{clean_env, text, Lang, ACTOR};

/// `styr ARGS…` with nothing from the machine, in `lang`.
fn run(lang: Lang, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
    clean_env(&mut cmd, ACTOR, lang).args(args);
    cmd.output().unwrap()
}

/// What `styr ARGS…` printed on stdout, asserting it succeeded.
fn help(lang: Lang, args: &[&str]) -> String {
    let out = run(lang, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "styr {args:?}: {}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stderr), "", "styr {args:?}");
    text(&out.stdout)
}

/// The words of a help page a person reads as sentences: without option
/// names (`--status`, `-h`), placeholders and what is quoted in backticks
/// (commands and values typed as written).
fn prose_words(page: &str) -> Vec<String> {
    let mut unquoted = String::new();
    for (i, part) in page.split('`').enumerate() {
        if i % 2 == 0 {
            unquoted.push_str(part);
            unquoted.push(' ');
        }
    }
    unquoted
        .split_whitespace()
        .map(|token| token.trim_start_matches(['(', '[', ',']))
        .filter(|token| !token.starts_with('-') && !token.starts_with('<'))
        .flat_map(|token| {
            token
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Asserts that a help page reads as `lang`: none of the other language's
/// common words or clap's own English is in its prose.
fn assert_help_language(page: &str, lang: Lang) {
    let foreign: &[&str] = match lang {
        Lang::En => &[
            "og",
            "eller",
            "ikke",
            "skriv",
            "bruk",
            "valg",
            "kommandoer",
            "argumenter",
            "hjelp",
            "mulige",
            "verdier",
            "miljøvariabel",
            "som",
            "til",
            "med",
            "lag",
            "vis",
        ],
        _ => &[
            "the",
            "a",
            "an",
            "of",
            "with",
            "and",
            "or",
            "is",
            "print",
            "usage",
            "options",
            "commands",
            "arguments",
            "default",
            "possible",
            "values",
            "env",
            "only",
            "this",
            "its",
            "change",
            "assignment",
            "assignments",
            "sector",
            "deadline",
        ],
    };
    let words = prose_words(page);
    for word in foreign {
        assert!(
            !words.iter().any(|w| w == word),
            "{lang:?} help has {word:?}:\n{page}"
        );
    }
}

#[test]
fn styr_help_is_in_bokmal_by_default_and_in_english_when_chosen() {
    let page = help(Lang::Default, &["--help"]);
    for part in [
        "Bruk: styr [VALG] [KOMMANDO]",
        "Kommandoer:",
        "Valg:",
        "Uten kommando åpner styr terminalgrensesnittet",
        "Vis oppdragene",
        "--db <STI>",
        "Skriv ut hjelp (et sammendrag med '-h')",
        "Skriv ut versjonen",
        "[miljøvariabel: STYR_DB=]",
    ] {
        assert!(page.contains(part), "{part:?} missing:\n{page}");
    }
    assert_help_language(&page, Lang::Nb);

    let short = help(Lang::Default, &["-h"]);
    assert!(
        short.contains("Skriv ut hjelp (mer med '--help')"),
        "{short}"
    );
    assert!(short.len() < page.len(), "-h is the summary");
    assert_help_language(&short, Lang::Nb);

    for english in [
        help(Lang::Default, &["--lang", "en", "--help"]),
        help(Lang::Default, &["--help", "--lang=en"]),
        help(Lang::En, &["--help"]),
    ] {
        for part in [
            "Usage: styr [OPTIONS] [COMMAND]",
            "Commands:",
            "Options:",
            "Without a command, styr opens the terminal UI",
            "List assignments",
            "--db <PATH>",
            "Print help (see a summary with '-h')",
            "Print version",
            "[env: STYR_DB=]",
        ] {
            assert!(english.contains(part), "{part:?} missing:\n{english}");
        }
        assert_help_language(&english, Lang::En);
    }
}

#[test]
fn a_commands_help_follows_the_language() {
    let page = help(Lang::Default, &["set", "--help"]);
    for part in [
        "Endre felt i et oppdrag",
        "Bruk: styr set [VALG] <ID>",
        "Argumenter:",
        "Oppdragets id",
        "Valg:",
        "--due <FRIST>",
        "Frist (ÅÅÅÅ-MM-DD eller dd.mm.åååå), eller none",
        "--db <STI>",
        "Skriv ut hjelp",
    ] {
        assert!(page.contains(part), "{part:?} missing:\n{page}");
    }
    assert_help_language(&page, Lang::Nb);

    let page = help(Lang::Nb, &["--lang", "en", "set", "-h"]);
    for part in [
        "Change fields of an assignment",
        "Usage: styr set [OPTIONS] <ID>",
        "Arguments:",
        "Assignment id",
        "--due <DUE>",
        "Deadline (YYYY-MM-DD or dd.mm.yyyy), or none",
    ] {
        assert!(page.contains(part), "{part:?} missing:\n{page}");
    }
    assert_help_language(&page, Lang::En);
}

#[test]
fn help_command_shows_a_commands_values_and_defaults_in_the_language() {
    let page = help(Lang::Default, &["help", "list"]);
    for part in [
        "Vis oppdragene (forfalte først, så etter frist)",
        "Bruk: styr list [VALG]",
        "--format <FORMAT>",
        "Utdataformat",
        "Mulige verdier:",
        "- xlsx: En arbeidsbok: ett ark med oppdrag og ett med oppgaver",
        "[standard: table]",
    ] {
        assert!(page.contains(part), "{part:?} missing:\n{page}");
    }
    assert_help_language(&page, Lang::Nb);

    let page = help(Lang::Default, &["list", "-h"]);
    // However the line wraps at the terminal's width.
    let words = page.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("[standard: table] [mulige verdier: table, json, csv, xlsx]"),
        "{page}"
    );

    let page = help(Lang::En, &["help", "list"]);
    for part in [
        "List assignments (overdue first, then by deadline)",
        "Possible values:",
        "- xlsx: A workbook: a sheet of assignments and one of tasks",
        "[default: table]",
    ] {
        assert!(page.contains(part), "{part:?} missing:\n{page}");
    }
    assert_help_language(&page, Lang::En);

    // A nested command, and a command that needs a subcommand and gets
    // none (its help on stderr, exit 2), in bokmål.
    let page = help(Lang::Default, &["help", "goal", "add"]);
    assert!(page.contains("Legg til et mål"), "{page}");
    assert_help_language(&page, Lang::Nb);
    let out = run(Lang::Default, &["goal"]);
    assert_eq!(out.status.code(), Some(2));
    let page = text(&out.stderr);
    assert!(
        page.contains("Bruk: styr goal [VALG] <KOMMANDO>") && page.contains("Kommandoer:"),
        "{page}"
    );
    assert_help_language(&page, Lang::Nb);
}

#[test]
fn the_configuration_files_language_chooses_the_help_language() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
    clean_env(&mut cmd, ACTOR, Lang::Default)
        .env("STYR_CONFIG", &config)
        .args(["show", "--help"]);
    let out = cmd.output().unwrap();
    let page = text(&out.stdout);
    assert!(page.contains("Usage: styr show"), "{page}");
    assert_help_language(&page, Lang::En);
    // The version is the same in both.
    assert_eq!(
        help(Lang::Default, &["--version"]),
        help(Lang::En, &["--version"])
    );
}

#[test]
fn manual_page_and_completions_follow_the_language() {
    let man = help(Lang::Default, &["man"]);
    for part in [
        ".SH NAVN",
        ".SH BESKRIVELSE",
        ".SH VALG",
        ".SH KOMMANDOER",
        ".SH MILJØ",
        "Vis oppdragene",
        "databasefilen, om ikke \\-\\-db er gitt",
    ] {
        assert!(man.contains(part), "{part:?} missing");
    }
    assert!(!man.contains(".SH NAME") && !man.contains("Print help"));
    // groff, where it is installed, must read the bokmål page without a warning.
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
    let man = help(Lang::En, &["man"]);
    for part in [
        ".SH NAME",
        ".SH OPTIONS",
        ".SH ENVIRONMENT",
        "List assignments",
    ] {
        assert!(man.contains(part), "{part:?} missing");
    }

    let fish = help(Lang::Default, &["completions", "fish"]);
    assert!(fish.contains("Vis oppdragene"), "{fish}");
    assert!(fish.contains("Markdown: enkle tabeller"), "{fish}");
    let fish = help(Lang::En, &["completions", "fish"]);
    assert!(fish.contains("List assignments"), "{fish}");
}
