//! The configuration as text: the commented starter file `styr config init`
//! writes, and the configuration in effect that `styr config show` prints.
//! Both are generated from the same tables the program runs on (the colour
//! roles, the keymap), so they cannot fall behind.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::Config;
use crate::domain::Lang;
use crate::tui::keymap::{action_name, Key, Keymap};
use crate::tui::theme::{color_name, Palette};

/// A TOML string: quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A TOML array of strings.
fn quoted_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", items.join(", "))
}

/// Each action of a keymap with its keys (all scopes together) and description.
fn actions(keymap: &Keymap) -> Vec<(String, Vec<String>, &'static str)> {
    let mut out: Vec<(String, Vec<String>, &'static str)> = Vec::new();
    for b in &keymap.bindings {
        let name = action_name(b.action);
        let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
        match out.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, known, _)) => {
                for k in keys {
                    if !known.contains(&k) {
                        known.push(k);
                    }
                }
            }
            None => out.push((
                name,
                keys,
                (b.description)(crate::words::tui::table(Lang::Nb)),
            )),
        }
    }
    out
}

/// The starter file in `lang`: every option with its default, commented
/// out, so the file changes nothing until a line is uncommented. `actor` is
/// the default actor (the OS user) to show.
pub fn starter(actor: &str, lang: Lang) -> String {
    let words = crate::words::config::starter(lang);
    let mut s = String::new();
    let _ = writeln!(s, "{}", words.intro);
    let _ = writeln!(s, "{}\n# actor = {}\n", words.actor, quoted(actor));
    let _ = writeln!(s, "{}\n# lang = \"nb\"\n", words.lang);
    let _ = writeln!(s, "{}\n# db = \"\"\n", words.db);
    let _ = writeln!(s, "{}\n# sector = \"\"\n", words.sector);
    let _ = writeln!(s, "{}\n[colors]", words.colors);
    let mut palette = Palette::default();
    for role in Palette::ROLES {
        let color = palette
            .role_mut(role)
            .map(|c| color_name(*c))
            .unwrap_or_default();
        let _ = writeln!(s, "# {role} = {}", quoted(&color));
    }
    let _ = writeln!(s, "\n{}\n[keys]", words.keys);
    for (name, keys, description) in actions(&Keymap::default()) {
        let _ = writeln!(s, "# {name} = {}  # {description}", quoted_list(&keys));
    }
    s
}

/// Where a setting in effect came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line option, by name (`--lang`).
    Flag(&'static str),
    /// An environment variable, by name (`STYR_LANG`).
    Variable(&'static str),
    /// The configuration file.
    File(PathBuf),
    /// The locale, as `LANG=en_GB.UTF-8`.
    Locale(String),
    /// No locale set: the language's default.
    NoLocale,
    /// The OS user, the actor's default.
    OsUser,
    /// The built-in default.
    Default,
    /// No sector: the default, all sectors.
    AllSectors,
}

/// A value in effect and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

/// The configuration in effect, as a TOML file with each value's source
/// in a comment after it, in `out_lang`.
pub fn effective(
    config: &Config,
    actor: &Sourced<String>,
    lang: &Sourced<Lang>,
    out_lang: Lang,
) -> String {
    use crate::words::config::{file_state, source};
    let from_file = source(&Source::File(config.path.clone()), out_lang);
    let default = source(&Source::Default, out_lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {}",
        file_state(&config.path.display().to_string(), config.found, out_lang)
    );
    let _ = writeln!(
        s,
        "actor = {}  # {}",
        quoted(&actor.value),
        source(&actor.source, out_lang)
    );
    let _ = writeln!(
        s,
        "lang = {}  # {}",
        quoted(lang.value.code()),
        source(&lang.source, out_lang)
    );
    if let Some(db) = &config.db {
        let _ = writeln!(s, "db = {}  # {from_file}", quoted(db));
    }
    match &config.sector {
        Some(sector) => {
            let _ = writeln!(s, "sector = {}  # {from_file}", quoted(sector));
        }
        None => {
            let _ = writeln!(
                s,
                "sector = \"\"  # {}",
                source(&Source::AllSectors, out_lang)
            );
        }
    }
    let _ = writeln!(s, "\n[colors]");
    let mut palette = config.palette();
    for role in Palette::ROLES {
        let color = palette
            .role_mut(role)
            .map(|c| color_name(*c))
            .unwrap_or_default();
        let source = if config.colors.contains_key(role) {
            &from_file
        } else {
            &default
        };
        let _ = writeln!(s, "{role} = {}  # {source}", quoted(&color));
    }
    let _ = writeln!(s, "\n[keys]");
    // The file was checked when read, so its keymap builds.
    let keymap = config.keymap().unwrap_or_default();
    for (name, keys, _) in actions(&keymap) {
        let source = if config.keys.contains_key(&name) {
            &from_file
        } else {
            &default
        };
        let _ = writeln!(s, "{name} = {}  # {source}", quoted_list(&keys));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uncommented(text: &str) -> String {
        text.lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest.split_once(" = ").is_some_and(|(key, _)| {
                        key.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    }) =>
                {
                    rest
                }
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_starter_changes_nothing_and_every_line_of_it_is_valid() {
        for lang in [Lang::Nb, Lang::En] {
            let text = starter("kari", lang);
            assert!(Config::parse(&text).is_ok(), "{lang:?}");
            assert!(Config::parse(&uncommented(&text)).is_ok(), "{lang:?}");
        }
        let text = starter("kari", Lang::En);
        let config = Config::parse(&text).unwrap();
        assert!(config.actor.is_none() && config.keys.is_empty() && config.colors.is_empty());
        let all = Config::parse(&uncommented(&text)).unwrap();
        assert_eq!(all.actor.as_deref(), Some("kari"));
        assert_eq!(all.lang, Some(Lang::Nb));
        assert_eq!(all.palette(), Palette::default());
        assert_eq!(all.colors.len(), Palette::ROLES.len());
        let keymap = all.keymap().unwrap();
        let default = Keymap::default();
        for b in &default.bindings {
            assert_eq!(keymap.keys_for(b.action), default.keys_for(b.action));
        }
    }

    #[test]
    fn show_is_a_valid_file_naming_sources() {
        let mut config =
            Config::parse("[colors]\nfocus = \"#102030\"\n[keys]\nundo = [\"z\"]\n").unwrap();
        config.path = "/tmp/c.toml".into();
        config.found = true;
        let actor = Sourced {
            value: "kari".to_string(),
            source: Source::Variable("STYR_ACTOR"),
        };
        let lang = Sourced {
            value: Lang::En,
            source: Source::Flag("--lang"),
        };
        let nb = effective(&config, &actor, &lang, Lang::Nb);
        assert!(nb.contains("border = \"dark-gray\"  # standard"), "{nb}");
        assert!(Config::parse(&nb).is_ok());
        let text = effective(&config, &actor, &lang, Lang::En);
        assert!(
            text.contains("focus = \"#102030\"  # from /tmp/c.toml"),
            "{text}"
        );
        assert!(text.contains("border = \"dark-gray\"  # default"), "{text}");
        assert!(
            text.contains("undo = [\"z\"]  # from /tmp/c.toml"),
            "{text}"
        );
        assert!(
            text.contains("actor = \"kari\"  # from STYR_ACTOR"),
            "{text}"
        );
        let again = Config::parse(&text).unwrap();
        assert_eq!(again.palette(), config.palette());
        assert_eq!(again.lang, Some(Lang::En));
    }
}
