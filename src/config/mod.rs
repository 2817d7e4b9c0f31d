//! The configuration file: who changes are logged as, the default sector
//! filter, the language, the colours and the keys. TOML at the platform's
//! configuration path (`~/.config/styr/config.toml` on Linux), or where
//! `--config`/`STYR_CONFIG` say.
//!
//! Everything is checked when the file is read: an unknown key, a value of
//! the wrong kind, an unknown colour role or colour, an unknown action, a key
//! that does not parse and two actions on one key are each refused with the
//! file, the line and what is wrong, and nothing starts.

mod starter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use serde::Deserialize;
use toml::Spanned;

use crate::domain::Lang;
use crate::tui::keymap::{Keymap, RemapError};
use crate::tui::theme::{parse_color, Palette};

pub use starter::{effective, starter, Source, Sourced};

/// The file as written: every value with where it stands in the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    actor: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    db: Option<Spanned<String>>,
    sector: Option<Spanned<String>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<Vec<String>>>,
}

/// The configuration as read and checked. Values the file does not set are
/// `None` (or the defaults, for colours and keys).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where the file is (or would be).
    pub path: PathBuf,
    /// Whether there was a file there.
    pub found: bool,
    /// Who changes are logged as.
    pub actor: Option<String>,
    pub lang: Option<Lang>,
    /// The database (a file's path or a server's address) when `--db` and
    /// `STYR_DB` do not say.
    pub db: Option<String>,
    /// The sector code the TUI opens filtered to.
    pub sector: Option<String>,
    /// Colour roles the file sets, by role name, as written.
    pub colors: BTreeMap<String, String>,
    /// Key remaps the file sets, by action name, as written.
    pub keys: BTreeMap<String, Vec<String>>,
    palette: Palette,
}

/// Where the configuration lives unless `--config` or `STYR_CONFIG` say
/// otherwise: `config.toml` in the platform's configuration directory;
/// `None` without a home directory.
pub fn default_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("no", "styr", "styr")?;
    Some(dirs.config_dir().join("config.toml"))
}

/// Why a configuration file could not be used.
#[derive(Debug)]
pub enum LoadError {
    /// The file is not UTF-8 text.
    NotText { path: PathBuf },
    /// A file the user named is not there.
    Missing { path: PathBuf },
    /// The file could not be read (the system's reason).
    Unreadable { path: PathBuf, reason: String },
    /// What is wrong inside it, and where.
    Invalid { path: PathBuf, error: ConfigError },
}

impl LoadError {
    /// One line saying what is wrong, naming the file (and the line).
    pub fn message(&self, lang: Lang) -> String {
        crate::words::config::load_error(self, lang)
    }
}

impl Config {
    /// Reads and checks the file at `path`. A missing file gives the
    /// defaults when `must_exist` is false (the default path), and an error
    /// when it is true (a path the user named).
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, LoadError> {
        let path_buf = || path.to_path_buf();
        let text = match std::fs::read(path) {
            Ok(bytes) => {
                String::from_utf8(bytes).map_err(|_| LoadError::NotText { path: path_buf() })?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                return Ok(Config {
                    path: path.to_path_buf(),
                    ..Config::default()
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(LoadError::Missing { path: path_buf() })
            }
            Err(e) => {
                return Err(LoadError::Unreadable {
                    path: path_buf(),
                    reason: e.to_string(),
                })
            }
        };
        let mut config = Config::parse(&text).map_err(|error| LoadError::Invalid {
            path: path_buf(),
            error,
        })?;
        config.path = path.to_path_buf();
        config.found = true;
        Ok(config)
    }

    /// The defaults, for a file at `path` that is not read.
    pub fn unread(path: &Path) -> Config {
        Config {
            path: path.to_path_buf(),
            ..Config::default()
        }
    }

    /// Parses and checks the text of a configuration file.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let file: File = toml::from_str(text).map_err(|e| ConfigError {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            problem: ConfigProblem::of_toml(e.message()),
        })?;
        let at = |span: std::ops::Range<usize>, problem: ConfigProblem| ConfigError {
            line: line_of(text, span.start),
            problem,
        };
        let mut config = Config::default();
        if let Some(actor) = &file.actor {
            let name = actor.get_ref().trim();
            if name.is_empty() || name.chars().any(char::is_control) {
                return Err(at(actor.span(), ConfigProblem::BadActor));
            }
            config.actor = Some(name.to_string());
        }
        if let Some(lang) = &file.lang {
            config.lang = Some(Lang::parse(lang.get_ref()).ok_or_else(|| {
                at(
                    lang.span(),
                    ConfigProblem::BadLang {
                        value: lang.get_ref().clone(),
                    },
                )
            })?);
        }
        if let Some(db) = &file.db {
            let db = db.get_ref().trim();
            if !db.is_empty() {
                config.db = Some(db.to_string());
            }
        }
        if let Some(sector) = &file.sector {
            let code = sector.get_ref().trim();
            if !code.is_empty() {
                config.sector = Some(code.to_uppercase());
            }
        }
        let mut palette = Palette::default();
        for (role, color) in &file.colors {
            let slot = palette.role_mut(role.get_ref()).ok_or_else(|| {
                at(
                    role.span(),
                    ConfigProblem::UnknownColourRole {
                        role: role.get_ref().clone(),
                        roles: Palette::ROLES.to_vec(),
                    },
                )
            })?;
            *slot = parse_color(color.get_ref()).ok_or_else(|| {
                at(
                    color.span(),
                    ConfigProblem::BadColour {
                        role: role.get_ref().clone(),
                        value: color.get_ref().clone(),
                    },
                )
            })?;
            config
                .colors
                .insert(role.get_ref().clone(), color.get_ref().clone());
        }
        for (action, keys) in &file.keys {
            config
                .keys
                .insert(action.get_ref().clone(), keys.get_ref().clone());
        }
        config.palette = palette;
        // The keymap is checked here, so that a bad [keys] table stops every
        // command, not only the TUI; the line is the action's.
        config.keymap().map_err(|e| {
            let name = match &e {
                RemapError::UnknownAction(name, _) => Some(name.as_str()),
                RemapError::BadKey { action, .. } | RemapError::NoKeys { action } => {
                    Some(action.as_str())
                }
                RemapError::Clash { first, second, .. } => file
                    .keys
                    .keys()
                    .map(|k| k.get_ref().as_str())
                    .find(|k| k == first || k == second),
            };
            let line = name
                .and_then(|name| file.keys.keys().find(|k| k.get_ref() == name))
                .map_or_else(
                    || text.find("[keys]").map_or(1, |at| line_of(text, at)),
                    |k| line_of(text, k.span().start),
                );
            ConfigError {
                line,
                problem: ConfigProblem::Keys(e.to_string()),
            }
        })?;
        Ok(config)
    }

    /// The keymap: the defaults with the file's remaps. Call after the
    /// language is chosen, since bindings carry their descriptions.
    pub fn keymap(&self) -> Result<Keymap, RemapError> {
        Keymap::with_remaps(self.keys.iter().map(|(a, k)| (a.as_str(), k.as_slice())))
    }

    /// The colours: the defaults with the file's.
    pub fn palette(&self) -> Palette {
        self.palette
    }
}

/// The `lang` a configuration file sets, if the file can be read and the
/// value is a language; for when nothing else may fail.
pub fn lang_of(path: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    Lang::parse(table.get("lang")?.as_str()?)
}

/// What is wrong with a configuration text, and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub problem: ConfigProblem,
}

impl ConfigError {
    /// What is wrong, without the file and line.
    pub fn message(&self, lang: Lang) -> String {
        crate::words::config::problem(&self.problem, lang)
    }
}

/// What is wrong with the data of a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// A key styr does not know, with the keys allowed there.
    UnknownKey { key: String, expected: Vec<String> },
    /// A value of the wrong kind: what was found, what is wanted (TOML's words).
    WrongType { found: String, expected: String },
    /// Text that is not TOML, with the parser's description.
    Syntax { detail: String },
    /// `actor` empty or over several lines.
    BadActor,
    /// `lang` that is not a language styr speaks.
    BadLang { value: String },
    /// A colour role that does not exist, with the ones that do.
    UnknownColourRole {
        role: String,
        roles: Vec<&'static str>,
    },
    /// A value under `[colors]` that is no colour.
    BadColour { role: String, value: String },
    /// A problem in `[keys]`, as the keymap says it.
    Keys(String),
}

impl ConfigProblem {
    /// Sorts the TOML reader's message into what it is about.
    fn of_toml(message: &str) -> ConfigProblem {
        let message = message.replace(['\n', '\r'], " ");
        let message = message.trim();
        let ticked = |text: &str| -> Vec<String> {
            text.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        if let Some(rest) = message.strip_prefix("unknown field ") {
            let names = ticked(rest);
            if let Some((key, expected)) = names.split_first() {
                return ConfigProblem::UnknownKey {
                    key: key.clone(),
                    expected: expected.to_vec(),
                };
            }
        }
        if let Some(rest) = message.strip_prefix("invalid type: ") {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return ConfigProblem::WrongType {
                    found: found.to_string(),
                    expected: expected.to_string(),
                };
            }
        }
        ConfigProblem::Syntax {
            detail: message.to_string(),
        }
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn reads_every_option() {
        let config = Config::parse(
            r##"
actor = "Kari Nordmann"
lang = "en"
sector = "ous"

[colors]
focus = "#1e90ff"
political = "light-magenta"

[keys]
set-status = ["S"]
quit = ["Ctrl-Q", "q"]
"##,
        )
        .unwrap();
        assert_eq!(config.actor.as_deref(), Some("Kari Nordmann"));
        assert_eq!(config.lang, Some(Lang::En));
        assert_eq!(config.sector.as_deref(), Some("OUS"));
        assert_eq!(config.palette().focus, Color::Rgb(0x1e, 0x90, 0xff));
        assert_eq!(config.palette().political, Color::LightMagenta);
        assert_eq!(config.palette().border, Palette::default().border);
        let keymap = config.keymap().unwrap();
        assert_eq!(
            keymap.keys_for(crate::tui::action::Action::Quit),
            "Ctrl-Q q"
        );
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = Config::parse("").unwrap();
        assert_eq!(config.actor, None);
        assert_eq!(config.palette(), Palette::default());
        assert!(config.keys.is_empty());
    }

    fn error(text: &str) -> ConfigError {
        Config::parse(text).unwrap_err()
    }

    #[test]
    fn every_mistake_names_its_line_and_what_is_wrong() {
        let e = error("lang = \"nb\"\ncolour = \"red\"\n");
        assert_eq!(e.line, 2);
        assert!(
            e.message(Lang::En).contains("unknown field `colour`"),
            "{e:?}"
        );

        let e = error("[colors]\nfocus = \"red\"\nfokus = \"blue\"\n");
        assert_eq!(e.line, 3);
        assert!(
            e.message(Lang::En).contains("unknown colour role 'fokus'"),
            "{e:?}"
        );

        let e = error("[colors]\nfocus = \"#12345\"\n");
        assert_eq!(e.line, 2);
        assert!(e.message(Lang::En).contains("not a colour"), "{e:?}");

        let e = error("lang = \"sv\"\n");
        assert_eq!(
            (e.line, e.message(Lang::En).contains("\"nb\" or \"en\"")),
            (1, true)
        );

        let e = error("\n\n[keys]\nfly = [\"x\"]\n");
        assert_eq!(e.line, 4);
        assert!(
            e.message(Lang::En).starts_with("unknown action 'fly'"),
            "{e:?}"
        );

        let e = error("[keys]\nundo = [\"Ctrl-\"]\n");
        assert_eq!(e.line, 2);
        assert!(e.message(Lang::En).contains("is not a key"), "{e:?}");

        let e = error("[keys]\nhelp = [\"F1\"]\nquit = [\"s\"]\n");
        assert_eq!(e.line, 3);
        assert_eq!(
            e.message(Lang::En),
            "[keys]: s is bound to both quit and set-status"
        );

        let e = error("actor = 3\n");
        assert_eq!(e.line, 1);
        assert!(e.message(Lang::En).contains("invalid type"), "{e:?}");

        let e = error("lang = \"nb\n");
        assert_eq!(e.line, 1);
        assert!(!e.message(Lang::En).contains('\n'));
    }

    #[test]
    fn the_database_may_be_named_in_the_file() {
        let config = Config::parse("db = \"postgres://kari@db.kommune.no/styr\"\n").unwrap();
        assert_eq!(
            config.db.as_deref(),
            Some("postgres://kari@db.kommune.no/styr")
        );
        assert_eq!(Config::parse("db = \"  \"\n").unwrap().db, None);
    }

    #[test]
    fn a_missing_file_is_the_defaults_only_where_none_was_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let config = Config::load(&path, false).unwrap();
        assert!(!config.found);
        let e = Config::load(&path, true).unwrap_err().message(Lang::En);
        assert!(e.starts_with("no configuration file at"), "{e}");
        std::fs::write(&path, "lang = \"en\"\nnope = 1\n").unwrap();
        let e = Config::load(&path, false).unwrap_err().message(Lang::En);
        assert_eq!(
            e,
            format!(
                "{} line 2: unknown field `nope`, expected one of `actor`, `lang`, `db`, `sector`, `colors`, `keys`",
                path.display()
            )
        );
    }
}
