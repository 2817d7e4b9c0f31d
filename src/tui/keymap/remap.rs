//! Remapping keys from the configuration file: action names, the remap,
//! and the check that no key means two things where it applies.

use ratatui::crossterm::event::KeyCode;

use super::{Key, Keymap, NotAKey, Scope};
use crate::tui::action::Action;

/// The name of an action in the configuration file's `[keys]` table:
/// `set-status`, `quit`, …, and `sector-0` … `sector-9`.
pub fn action_name(action: Action) -> String {
    match action {
        Action::Sector(n) => format!("sector-{n}"),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_else(|| format!("{other:?}")),
    }
}

/// Why a `[keys]` table cannot be used; the configuration names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemapError {
    /// An action name no binding has; with every action name, comma-separated.
    UnknownAction(String, String),
    /// A key of `action` that does not parse.
    BadKey {
        action: String,
        key: NotAKey,
    },
    NoKeys {
        action: String,
    },
    /// One key bound to two actions; `scope` is where, unless everywhere.
    Clash {
        key: String,
        first: String,
        second: String,
        scope: Option<Scope>,
    },
}

impl RemapError {
    /// The error in one line, in `lang`.
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        crate::words::tui::keys::remap_error(self, lang)
    }
}

/// In English: the configuration file's errors are written before the
/// language is settled.
impl std::fmt::Display for RemapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::domain::Lang::En))
    }
}

impl std::error::Error for RemapError {}

/// Whether two keys are the same key to [`Key::matches`]: Shift-Tab is one
/// key whatever its modifiers say.
fn same_key(a: &Key, b: &Key) -> bool {
    a == b || (a.code == KeyCode::BackTab && b.code == KeyCode::BackTab)
}

impl Keymap {
    /// The default keymap with the keys of some actions replaced, as the
    /// configuration's `[keys]` table gives them (`action = ["keys", …]`).
    /// An action's new keys replace its default keys wherever it is bound.
    /// Refuses an unknown action, a key that does not parse, and a key
    /// that would then mean two things in one place.
    pub fn with_remaps<'a>(
        remaps: impl IntoIterator<Item = (&'a str, &'a [String])>,
    ) -> Result<Keymap, RemapError> {
        let mut keymap = Keymap::default();
        for (name, keys) in remaps {
            let found: Vec<usize> = keymap
                .bindings
                .iter()
                .enumerate()
                .filter(|(_, b)| action_name(b.action) == name)
                .map(|(i, _)| i)
                .collect();
            if found.is_empty() {
                return Err(RemapError::UnknownAction(
                    name.to_string(),
                    keymap.action_names().join(", "),
                ));
            }
            if keys.is_empty() {
                return Err(RemapError::NoKeys {
                    action: name.to_string(),
                });
            }
            let keys = keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<Vec<Key>, NotAKey>>()
                .map_err(|key| RemapError::BadKey {
                    action: name.to_string(),
                    key,
                })?;
            for i in found {
                keymap.bindings[i].keys = keys.clone();
            }
        }
        keymap.check_clashes()?;
        Ok(keymap)
    }

    /// Every action name a `[keys]` table may use, in keymap order.
    pub fn action_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for b in &self.bindings {
            let name = action_name(b.action);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// A key bound to two actions in one scope. A pane's (or the zoom's,
    /// or the briefing's) binding winning over a global one is the
    /// keymap's design (`e` edits the wheel entry in the årshjul pane, the
    /// assignment elsewhere), so that is no clash.
    fn check_clashes(&self) -> Result<(), RemapError> {
        let overlap = |a: Scope, b: Scope| a == b;
        for (i, a) in self.bindings.iter().enumerate() {
            for b in self.bindings.iter().skip(i + 1) {
                if a.action == b.action || !overlap(a.scope, b.scope) {
                    continue;
                }
                if let Some(key) = a
                    .keys
                    .iter()
                    .find(|k| b.keys.iter().any(|o| same_key(k, o)))
                {
                    let scope = [a.scope, b.scope]
                        .into_iter()
                        .find(|s| *s != Scope::Everywhere);
                    return Err(RemapError::Clash {
                        key: key.label(),
                        first: action_name(a.action),
                        second: action_name(b.action),
                        scope,
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use crate::tui::action::Pane;
    use crate::tui::strings::table;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn remap(pairs: &[(&str, &[&str])]) -> Result<Keymap, RemapError> {
        let owned: Vec<(String, Vec<String>)> = pairs
            .iter()
            .map(|(a, keys)| (a.to_string(), keys.iter().map(|k| k.to_string()).collect()))
            .collect();
        Keymap::with_remaps(owned.iter().map(|(a, k)| (a.as_str(), k.as_slice())))
    }

    #[test]
    fn every_key_label_parses_back_to_the_key() {
        for binding in Keymap::default().bindings {
            for key in binding.keys {
                assert_eq!(Key::parse(&key.label()), Ok(key), "{}", key.label());
            }
        }
        assert_eq!(Key::parse("ctrl-r"), Ok(Key::ctrl('r')));
        assert_eq!(Key::parse("C-x"), Ok(Key::ctrl('x')));
        assert_eq!(Key::parse("PageDown"), Ok(Key::plain(KeyCode::PageDown)));
        for bad in ["", "Ctrl-", "F13", "hyper-x", "ab"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_remap_moves_an_action_and_the_help_follows() {
        let keymap = remap(&[("set-status", &["S", "F2"]), ("quit", &["Ctrl-Q"])]).unwrap();
        assert_eq!(
            keymap.resolve(&key(KeyCode::F(2)), Pane::List, false, false),
            Some(Action::SetStatus)
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('s')), Pane::List, false, false),
            None
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('q')), Pane::List, false, false),
            None
        );
        assert_eq!(keymap.keys_for(Action::SetStatus), "S F2");
        assert!(keymap
            .help_lines("", table(Lang::Nb))
            .iter()
            .any(|(keys, d)| keys == "Ctrl-Q" && d == table(Lang::Nb).quit));
        assert!(keymap.hints(table(Lang::Nb)).iter().any(|(k, _)| k == "S"));
    }

    #[test]
    fn remaps_refuse_unknown_actions_bad_keys_and_clashes() {
        assert!(matches!(
            remap(&[("fly", &["x"])]),
            Err(RemapError::UnknownAction(a, list)) if a == "fly" && list.contains("set-status")
        ));
        assert!(matches!(
            remap(&[("quit", &["Ctrl-"])]),
            Err(RemapError::BadKey { action, .. }) if action == "quit"
        ));
        assert!(matches!(
            remap(&[("quit", &[])]),
            Err(RemapError::NoKeys { .. })
        ));
        let clash = remap(&[("quit", &["s"])]).unwrap_err().to_string();
        assert_eq!(clash, "[keys]: s is bound to both quit and set-status");
        // In one pane too.
        let in_tree = remap(&[("right", &["h"])]).unwrap_err().to_string();
        assert!(in_tree.contains("in the goal tree"), "{in_tree}");
        let in_tree = remap(&[("right", &["h"])]).unwrap_err().message(Lang::Nb);
        assert_eq!(
            in_tree,
            "[keys]: h er bundet til både left og right i målstrukturen"
        );
        let bad = remap(&[("quit", &["Ctrl-"])]).unwrap_err();
        assert!(bad.message(Lang::Nb).contains("er ikke en tast"), "{bad:?}");
        assert!(bad.message(Lang::En).contains("is not a key"), "{bad:?}");
        // A pane's binding may win over a global one.
        assert!(remap(&[("comment", &["h"])]).is_ok());
        // Swapping two keys is fine.
        assert!(remap(&[("quit", &["s"]), ("set-status", &["q"])]).is_ok());
    }
}
