//! The configuration as text: the commented starter file `styr config init`
//! writes, and the configuration in effect that `styr config show` prints.
//! Both are generated from the same tables the program runs on (the colour
//! roles, the keymap), so they cannot fall behind.

use std::fmt::Write as _;

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

/// The starter file: every option with its default, commented out, so the
/// file changes nothing until a line is uncommented. `actor` is the default
/// actor (the OS user) to show.
pub fn starter(actor: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# styr configuration, written by `styr config init`.\n\
         # Every option is here with its default, commented out: remove the `#`\n\
         # in front of a line to change it. `styr config show` prints what is in\n\
         # effect and where each value comes from.\n"
    );
    let _ = writeln!(
        s,
        "# Who changes are logged as in the event log. Default: the OS user.\n\
         # --actor and STYR_ACTOR win over this.\n\
         # actor = {}\n",
        quoted(actor)
    );
    let _ = writeln!(
        s,
        "# Language of screens and output: \"nb\" (bokmål) or \"en\" (English).\n\
         # --lang and STYR_LANG win over this. Without any of them: English for an\n\
         # English locale (LC_ALL, LC_MESSAGES or LANG = en_*), bokmål otherwise.\n\
         # lang = \"nb\"\n"
    );
    let _ = writeln!(
        s,
        "# The sector the terminal UI opens filtered to, by code (e.g. \"OUS\");\n\
         # \"\" shows all sectors.\n\
         # sector = \"\"\n"
    );
    let _ = writeln!(
        s,
        "# Colours by role: a name (black, red, green, yellow, blue, magenta, cyan,\n\
         # gray, dark-gray, light-red, …, white), #rrggbb, or an index 0–255.\n\
         # NO_COLOR turns colour off whatever this says.\n\
         [colors]"
    );
    let mut palette = Palette::default();
    for role in Palette::ROLES {
        let color = palette
            .role_mut(role)
            .map(|c| color_name(*c))
            .unwrap_or_default();
        let _ = writeln!(s, "# {role} = {}", quoted(&color));
    }
    let _ = writeln!(
        s,
        "\n# Keys by action: action = [\"key\", …] replaces the action's default keys.\n\
         # Keys are written as the help (?) shows them: q, G, Ctrl-R, Enter, Esc,\n\
         # Tab, Shift-Tab, Space, Up/↑, PgDn, Home, F5, Alt-x. A key may mean only\n\
         # one thing where it applies; dialogs and text fields keep their keys.\n\
         [keys]"
    );
    for (name, keys, description) in actions(&Keymap::default()) {
        let _ = writeln!(s, "# {name} = {}  # {description}", quoted_list(&keys));
    }
    s
}

/// A value in effect and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub value: T,
    pub source: String,
}

/// The configuration in effect, as a TOML file with each value's source
/// in a comment after it.
pub fn effective(config: &Config, actor: &Sourced<String>, lang: &Sourced<Lang>) -> String {
    let from_file = format!("from {}", config.path.display());
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# configuration file: {} ({})",
        config.path.display(),
        if config.found {
            "read"
        } else {
            "not there: defaults apply"
        }
    );
    let _ = writeln!(s, "actor = {}  # {}", quoted(&actor.value), actor.source);
    let _ = writeln!(s, "lang = {}  # {}", quoted(lang.value.code()), lang.source);
    match &config.sector {
        Some(sector) => {
            let _ = writeln!(s, "sector = {}  # {from_file}", quoted(sector));
        }
        None => {
            let _ = writeln!(s, "sector = \"\"  # default: all sectors");
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
            "default"
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
            "default"
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
        let text = starter("kari");
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
            source: "from STYR_ACTOR".into(),
        };
        let lang = Sourced {
            value: Lang::En,
            source: "from --lang".into(),
        };
        let text = effective(&config, &actor, &lang);
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
