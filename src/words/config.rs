//! The configuration file in words: what is wrong in it, the comments of
//! `config show` and the starter file `config init` writes.

use crate::config::{ConfigProblem, LoadError, Source};
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

/// Where a setting in effect came from, after it in `config show`.
pub fn source(source: &Source, lang: Lang) -> String {
    match (lang, source) {
        (Lang::Nb, Source::Flag(name) | Source::Variable(name)) => format!("fra {name}"),
        (Lang::En, Source::Flag(name) | Source::Variable(name)) => format!("from {name}"),
        (Lang::Nb, Source::File(path)) => format!("fra {}", path.display()),
        (Lang::En, Source::File(path)) => format!("from {}", path.display()),
        (Lang::Nb, Source::Locale(locale)) => format!("fra {locale}"),
        (Lang::En, Source::Locale(locale)) => format!("from {locale}"),
        (Lang::Nb, Source::NoLocale) => "standard: ingen locale er satt".into(),
        (Lang::En, Source::NoLocale) => "default: no locale is set".into(),
        (Lang::Nb, Source::OsUser) => "standard: brukeren i operativsystemet".into(),
        (Lang::En, Source::OsUser) => "default: the OS user".into(),
        (Lang::Nb, Source::Default) => "standard".into(),
        (Lang::En, Source::Default) => "default".into(),
        (Lang::Nb, Source::AllSectors) => "standard: alle sektorer".into(),
        (Lang::En, Source::AllSectors) => "default: all sectors".into(),
    }
}

/// The first line of `config show`: which file, and whether it was there.
pub fn file_state(path: &str, found: bool, lang: Lang) -> String {
    match (lang, found) {
        (Lang::Nb, true) => format!("konfigurasjonsfil: {path} (lest)"),
        (Lang::Nb, false) => {
            format!("konfigurasjonsfil: {path} (finnes ikke: standardverdier gjelder)")
        }
        (Lang::En, true) => format!("configuration file: {path} (read)"),
        (Lang::En, false) => format!("configuration file: {path} (not there: defaults apply)"),
    }
}

/// The comment blocks of the starter file, each a few `# ` lines.
#[derive(Debug)]
pub struct Starter {
    pub intro: &'static str,
    pub actor: &'static str,
    pub lang: &'static str,
    pub db: &'static str,
    pub sector: &'static str,
    pub colors: &'static str,
    pub keys: &'static str,
}

/// The starter file's comments in bokmål.
pub const STARTER_NB: Starter = Starter {
    intro: "# Innstillinger for styr, skrevet av `styr config init`.\n\
            # Hver innstilling står her med standardverdien, kommentert ut: fjern `#`\n\
            # foran en linje for å endre den. `styr config show` viser hva som gjelder\n\
            # og hvor hver verdi kommer fra.\n",
    actor: "# Hvem endringer føres på i hendelsesloggen. Standard: brukeren i\n\
            # operativsystemet. --actor og STYR_ACTOR går foran dette.",
    lang: "# Språk på skjermbilder og utskrift: \"nb\" (bokmål) eller \"en\" (engelsk).\n\
           # --lang og STYR_LANG går foran dette. Uten noen av dem: engelsk for en\n\
           # engelsk locale (LC_ALL, LC_MESSAGES eller LANG lik en_*), ellers bokmål.",
    db: "# Databasen: en fil, eller en database på en PostgreSQL-server\n\
         # (postgres://bruker@vert/navn eller host=… dbname=…). Standard: styr.db i\n\
         # plattformens datamappe. --db og STYR_DB går foran dette.",
    sector: "# Sektoren terminalgrensesnittet åpner filtrert på, etter kode (f.eks. \"OUS\");\n\
             # \"\" viser alle sektorer.",
    colors: "# Farger etter rolle: et navn (black, red, green, yellow, blue, magenta, cyan,\n\
             # gray, dark-gray, light-red, …, white), #rrggbb, eller et tall 0–255.\n\
             # NO_COLOR slår av farger uansett hva som står her.",
    keys: "# Taster etter handling: handling = [\"tast\", …] erstatter handlingens\n\
           # standardtaster. Tastene skrives slik hjelpen (?) viser dem: q, G, Ctrl-R,\n\
           # Enter, Esc, Tab, Shift-Tab, Space, Up/↑, PgDn, Home, F5, Alt-x. En tast\n\
           # kan bare bety én ting der den gjelder; dialoger og tekstfelt beholder sine.",
};

/// The starter file's comments in English.
pub const STARTER_EN: Starter = Starter {
    intro: "# styr configuration, written by `styr config init`.\n\
            # Every option is here with its default, commented out: remove the `#`\n\
            # in front of a line to change it. `styr config show` prints what is in\n\
            # effect and where each value comes from.\n",
    actor: "# Who changes are logged as in the event log. Default: the OS user.\n\
            # --actor and STYR_ACTOR win over this.",
    lang: "# Language of screens and output: \"nb\" (bokmål) or \"en\" (English).\n\
           # --lang and STYR_LANG win over this. Without any of them: English for an\n\
           # English locale (LC_ALL, LC_MESSAGES or LANG = en_*), bokmål otherwise.",
    db: "# The database: a file, or a database on a PostgreSQL server\n\
         # (postgres://user@host/name or host=… dbname=…). Default: styr.db in the\n\
         # platform's data directory. --db and STYR_DB win over this.",
    sector: "# The sector the terminal UI opens filtered to, by code (e.g. \"OUS\");\n\
             # \"\" shows all sectors.",
    colors: "# Colours by role: a name (black, red, green, yellow, blue, magenta, cyan,\n\
             # gray, dark-gray, light-red, …, white), #rrggbb, or an index 0–255.\n\
             # NO_COLOR turns colour off whatever this says.",
    keys: "# Keys by action: action = [\"key\", …] replaces the action's default keys.\n\
           # Keys are written as the help (?) shows them: q, G, Ctrl-R, Enter, Esc,\n\
           # Tab, Shift-Tab, Space, Up/↑, PgDn, Home, F5, Alt-x. A key may mean only\n\
           # one thing where it applies; dialogs and text fields keep their keys.",
};

/// The starter file's comments in a language.
pub fn starter(lang: Lang) -> &'static Starter {
    match lang {
        Lang::Nb => &STARTER_NB,
        Lang::En => &STARTER_EN,
    }
}
