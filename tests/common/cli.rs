//! The real `styr` binary against a database file, with nothing from the
//! machine's environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date the commands run on (`--today`).
pub const TODAY: &str = "2023-09-20";

/// Who the commands act as unless a test says otherwise.
pub const ACTOR: &str = "kari";

/// The language a command runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// `STYR_LANG=en`.
    En,
    /// `STYR_LANG=nb`.
    Nb,
    /// Neither `STYR_LANG` nor a locale: the binary's default, bokmål.
    Default,
}

/// Clears what the machine could leak into `cmd` (`STYR_*` variables, the
/// locale, its configuration file, its time zone), then sets `actor` and `lang`.
pub fn clean_env<'a>(cmd: &'a mut Command, actor: &str, lang: Lang) -> &'a mut Command {
    for key in [
        "STYR_DB",
        "STYR_TODAY",
        "STYR_LANG",
        "STYR_LOCK_WAIT",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ] {
        cmd.env_remove(key);
    }
    // An empty file: whatever configuration the machine has stays out.
    cmd.env("STYR_CONFIG", "/dev/null")
        .env("STYR_ACTOR", actor)
        .env("TZ", "UTC");
    match lang {
        Lang::En => cmd.env("STYR_LANG", "en"),
        Lang::Nb => cmd.env("STYR_LANG", "nb"),
        Lang::Default => cmd,
    }
}

/// `styr --db DB` as `actor` in `lang` with a clean environment; no `--today`.
pub fn std_styr_in(db: &Path, actor: &str, lang: Lang) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
    clean_env(&mut cmd, actor, lang).arg("--db").arg(db);
    cmd
}

/// `styr --db DB` as `actor` with a clean environment and no language chosen; no `--today`.
pub fn std_styr(db: &Path, actor: &str) -> Command {
    std_styr_in(db, actor, Lang::Default)
}

/// [`std_styr`] as an `assert_cmd` command.
pub fn styr(db: &Path, actor: &str) -> assert_cmd::Command {
    assert_cmd::Command::from_std(std_styr(db, actor))
}

/// `styr --db DB --today 2023-09-20` as `actor` in `lang` with a clean environment.
pub fn dated_styr(db: &Path, actor: &str, lang: Lang) -> Command {
    let mut cmd = std_styr_in(db, actor, lang);
    cmd.args(["--today", TODAY]);
    cmd
}

/// `styr --db DB --today 2023-09-20` as kari, in English, with a clean environment.
pub fn styr_en(db: &Path) -> Command {
    dated_styr(db, ACTOR, Lang::En)
}

/// `DIR/styr.db` made by `styr demo`: the Lørenskog 2023 demo.
pub fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("styr.db");
    let out = styr_en(&db).arg("demo").output().unwrap();
    assert!(out.status.success(), "demo: {}", text(&out.stderr));
    db
}

/// Output bytes as text; panics when they are not UTF-8.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Asserts exit status 1 with exactly one line on stderr, "styr: error: …"; returns it.
pub fn one_line_error(output: &Output, what: &str) -> String {
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{what}: want exit 1, stdout {:?} stderr {stderr:?}",
        text(&output.stdout)
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "{what}: one line on stderr: {stderr:?}"
    );
    assert!(stderr.starts_with("styr: error: "), "{what}: {stderr:?}");
    stderr
}

/// Asserts that a message reads as `lang`: once the data in it (the
/// arguments given, paths, codes, titles, keys) is taken out, none of the
/// other language's common words is left.
pub fn assert_language(message: &str, lang: styr::words::Lang, data: &[&str]) {
    use styr::words::Lang;
    let mut rest = format!(" {} ", message.to_lowercase());
    let mut data: Vec<String> = data
        .iter()
        .filter(|d| d.trim().len() > 1)
        .map(|d| d.to_lowercase())
        .collect();
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for d in &data {
        rest = rest.replace(d.as_str(), " ");
    }
    let foreign: &[&str] = match lang {
        Lang::Nb => &[
            " the ", " is ", " not ", " cannot ", " must ", "unknown", "invalid", " use ",
        ],
        Lang::En => &[
            "ikke", "ugyldig", "ukjent", " og ", " er ", " kan ", " må ", " finnes",
        ],
    };
    for word in foreign {
        assert!(
            !rest.contains(word),
            "{lang:?} message has {word:?}: {message}"
        );
    }
}
