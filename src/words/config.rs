//! The configuration file in words: what is wrong in it, the comments of
//! `config show` and the starter file `config init` writes.

use crate::config::{ConfigProblem, LoadError};
pub use crate::domain::Lang;

/// Why a configuration file could not be used, naming the file (and line).
pub fn load_error(error: &LoadError, lang: Lang) -> String {
    match (lang, error) {
        (Lang::Nb, LoadError::NotText { path }) => {
            format!("{}: ikke UTF-8-tekst", path.display())
        }
        (Lang::En, LoadError::NotText { path }) => format!("{}: not UTF-8 text", path.display()),
        (Lang::Nb, LoadError::Missing { path }) => format!(
            "det finnes ingen konfigurasjonsfil i {0} (`styr --config {0} config init` skriver en)",
            path.display()
        ),
        (Lang::En, LoadError::Missing { path }) => format!(
            "no configuration file at {0} (`styr --config {0} config init` writes one)",
            path.display()
        ),
        (Lang::Nb, LoadError::Unreadable { path, reason }) => {
            format!("kan ikke lese {}: {reason}", path.display())
        }
        (Lang::En, LoadError::Unreadable { path, reason }) => {
            format!("cannot read {}: {reason}", path.display())
        }
        (Lang::Nb, LoadError::Invalid { path, error }) => format!(
            "{} linje {}: {}",
            path.display(),
            error.line,
            problem(&error.problem, lang)
        ),
        (Lang::En, LoadError::Invalid { path, error }) => format!(
            "{} line {}: {}",
            path.display(),
            error.line,
            problem(&error.problem, lang)
        ),
    }
}

/// TOML's names of value kinds, in bokmål.
fn kind_nb(text: &str) -> String {
    let mut text = text.to_string();
    for (en, nb) in [
        ("a string", "en tekst"),
        ("string", "tekst"),
        ("integer", "heltall"),
        ("float", "desimaltall"),
        ("boolean", "sannhetsverdi"),
        ("a sequence", "en liste"),
        ("sequence", "liste"),
        ("a map", "en tabell"),
        ("map", "tabell"),
        ("datetime", "tidspunkt"),
    ] {
        if text.starts_with(en) {
            text = format!("{nb}{}", &text[en.len()..]);
            break;
        }
    }
    text
}

fn ticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong inside a configuration file, without file and line.
pub fn problem(problem: &ConfigProblem, lang: Lang) -> String {
    use ConfigProblem::*;
    match (lang, problem) {
        (Lang::Nb, UnknownKey { key, expected }) => match expected.as_slice() {
            [] => format!("ukjent nøkkel `{key}`"),
            names => format!("ukjent nøkkel `{key}`; gyldige nøkler: {}", ticked(names)),
        },
        (Lang::En, UnknownKey { key, expected }) => match expected.as_slice() {
            [] => format!("unknown field `{key}`"),
            [one] => format!("unknown field `{key}`, expected `{one}`"),
            names => format!("unknown field `{key}`, expected one of {}", ticked(names)),
        },
        (Lang::Nb, WrongType { found, expected }) => {
            format!("feil type: {}, ventet {}", kind_nb(found), kind_nb(expected))
        }
        (Lang::En, WrongType { found, expected }) => {
            format!("invalid type: {found}, expected {expected}")
        }
        // The parser's own description is English only: bokmål says where
        // (the line) and what kind of mistake.
        (Lang::Nb, Syntax { .. }) => "dette er ikke gyldig TOML".into(),
        (Lang::En, Syntax { detail }) => format!("not valid TOML: {detail}"),
        (Lang::Nb, BadActor) => "actor må være et navn på én linje, og ikke tomt".into(),
        (Lang::En, BadActor) => "actor must be a name on one line, not empty".into(),
        (Lang::Nb, BadLang { value }) => {
            format!("lang må være \"nb\" eller \"en\", ikke \"{value}\"")
        }
        (Lang::En, BadLang { value }) => format!("lang must be \"nb\" or \"en\", not \"{value}\""),
        (Lang::Nb, UnknownColourRole { role, roles }) => format!(
            "ukjent fargerolle '{role}' i [colors] (rollene er: {})",
            roles.join(", ")
        ),
        (Lang::En, UnknownColourRole { role, roles }) => format!(
            "unknown colour role '{role}' in [colors] (the roles are: {})",
            roles.join(", ")
        ),
        (Lang::Nb, BadColour { role, value }) => format!(
            "[colors] {role}: '{value}' er ingen farge (et navn som red eller light-blue, #rrggbb, eller 0–255)"
        ),
        (Lang::En, BadColour { role, value }) => format!(
            "[colors] {role}: '{value}' is not a colour (a name like red or light-blue, #rrggbb, or 0–255)"
        ),
        // The keymap's own words, until it renders them in both languages.
        (_, Keys(text)) => text.clone(),
    }
}

/// No home directory to find the default files in.
pub fn no_home(lang: Lang) -> String {
    match lang {
        Lang::Nb => "finner ingen hjemmekatalog for konfigurasjonsfilen; bruk --config STI".into(),
        Lang::En => {
            "cannot find a home directory for the configuration file; use --config PATH".into()
        }
    }
}
