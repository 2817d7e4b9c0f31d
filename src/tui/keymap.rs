//! Keys to actions. Every binding carries its description: the `?` overlay
//! and the status-line hints are generated from this one table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::action::Pane;
use super::strings::Strings;

mod remap;
pub use remap::{action_name, RemapError};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Pane(Pane),
    /// The zoomed årshjul.
    Zoom,
    /// The briefing overlay.
    Brief,
    /// The vedtak view.
    Vedtak,
}

/// A text that names no key, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAKey(pub String);

/// A key as written in the help: code plus modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Whether a terminal key event is this key. Shift is part of the
    /// character for letters and symbols, so it is ignored for `Char`.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && (event.modifiers & relevant) == (self.modifiers & relevant)
            }
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && event.modifiers == self.modifiers,
        }
    }

    /// Parses a key as the help writes it (`q`, `G`, `Ctrl-R`, `Enter`,
    /// `Shift-Tab`, `↑`, `PgDn`, `F5`, `Space`), and the common spellings
    /// `ctrl-r`, `C-r`, `Alt-x`, `Up`, `PageDown`, `Escape`, `BackTab`.
    pub fn parse(text: &str) -> Result<Key, NotAKey> {
        let unparseable = || NotAKey(text.to_string());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_lowercase();
            let prefix = ["ctrl-", "ctrl+", "c-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            if let Some(p) = prefix {
                modifiers |= KeyModifiers::CONTROL;
                rest = &rest[p.len()..];
                continue;
            }
            let prefix = ["alt-", "alt+", "m-"]
                .iter()
                .find(|p| lower.starts_with(**p) && rest.len() > p.len());
            if let Some(p) = prefix {
                modifiers |= KeyModifiers::ALT;
                rest = &rest[p.len()..];
                continue;
            }
            break;
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => match c {
                '↑' => KeyCode::Up,
                '↓' => KeyCode::Down,
                '←' => KeyCode::Left,
                '→' => KeyCode::Right,
                // Ctrl-R is written upper case but arrives as `r`.
                c if modifiers.contains(KeyModifiers::CONTROL) => {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
                c if c.is_control() => return Err(unparseable()),
                c => KeyCode::Char(c),
            },
            _ => match rest.to_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "shift-tab" | "backtab" => KeyCode::BackTab,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgup" | "pageup" => KeyCode::PageUp,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(unparseable()),
                },
                _ => return Err(unparseable()),
            },
        };
        Ok(Key { code, modifiers })
    }

    /// The key as the help writes it.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let base = if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }
}

/// Picks a binding's description from a language's table.
pub type Describe = fn(&Strings) -> &'static str;

/// One line of the keymap: keys, what they do, where, and what the help says.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub scope: Scope,
    /// Where the help's words for it are, in whichever language is shown.
    pub description: Describe,
    /// Shown in the status-line hints.
    pub hint: bool,
}

/// The keymap: the default bindings, looked up in order.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        use KeyCode as K;
        let b = |keys: Vec<Key>, action, scope, description: Describe, hint| Binding {
            keys,
            action,
            scope,
            description,
            hint,
        };
        let all = Scope::Everywhere;
        let mut bindings = vec![
            b(vec![Key::char('?')], Help, all, |s| s.help, true),
            b(
                vec![Key::char('q'), Key::ctrl('c')],
                Quit,
                all,
                |s| s.quit,
                true,
            ),
            b(
                vec![Key::plain(K::Tab)],
                FocusNext,
                all,
                |s| s.focus_next,
                false,
            ),
            b(
                vec![Key::plain(K::BackTab)],
                FocusPrev,
                all,
                |s| s.focus_prev,
                false,
            ),
            b(
                vec![Key::char('j'), Key::plain(K::Down)],
                Down,
                all,
                |s| s.down,
                false,
            ),
            b(
                vec![Key::char('k'), Key::plain(K::Up)],
                Up,
                all,
                |s| s.up,
                false,
            ),
            b(
                vec![Key::char('g'), Key::plain(K::Home)],
                Top,
                all,
                |s| s.top,
                false,
            ),
            b(
                vec![Key::char('G'), Key::plain(K::End)],
                Bottom,
                all,
                |s| s.bottom,
                false,
            ),
            b(
                vec![Key::plain(K::PageUp)],
                PageUp,
                all,
                |s| s.page_up,
                false,
            ),
            b(
                vec![Key::plain(K::PageDown)],
                PageDown,
                all,
                |s| s.page_down,
                false,
            ),
            b(
                vec![Key::char('h'), Key::plain(K::Left)],
                Left,
                Scope::Pane(Pane::Tree),
                |s| s.collapse_goal,
                false,
            ),
            b(
                vec![Key::char('l'), Key::plain(K::Right)],
                Right,
                Scope::Pane(Pane::Tree),
                |s| s.expand_goal,
                false,
            ),
            b(
                vec![Key::plain(K::Left)],
                Left,
                Scope::Zoom,
                |s| s.prev_month,
                true,
            ),
            b(
                vec![Key::plain(K::Right)],
                Right,
                Scope::Zoom,
                |s| s.next_month,
                true,
            ),
            b(
                vec![Key::char('h'), Key::plain(K::Left)],
                Left,
                Scope::Pane(Pane::Wheel),
                |s| s.prev_month,
                false,
            ),
            b(
                vec![Key::char('l'), Key::plain(K::Right)],
                Right,
                Scope::Pane(Pane::Wheel),
                |s| s.next_month,
                false,
            ),
            b(vec![Key::plain(K::Enter)], Open, all, |s| s.open, true),
            b(vec![Key::plain(K::Esc)], Back, all, |s| s.back, false),
            b(
                vec![Key::char('0')],
                Sector(0),
                all,
                |s| s.all_sectors,
                false,
            ),
        ];
        for n in 1..=9u8 {
            bindings.push(b(
                vec![Key::char(char::from(b'0' + n))],
                Sector(n),
                all,
                |s| s.sector_by_number,
                false,
            ));
        }
        bindings.extend([
            b(vec![Key::char('/')], Search, all, |s| s.search, true),
            b(
                vec![Key::char('o')],
                ToggleOverdue,
                all,
                |s| s.toggle_overdue,
                true,
            ),
            b(
                vec![Key::char('f')],
                CycleView,
                all,
                |s| s.cycle_view,
                false,
            ),
            b(vec![Key::char('s')], SetStatus, all, |s| s.set_status, true),
            b(
                vec![Key::char('v')],
                SetAssessment,
                all,
                |s| s.set_assessment,
                true,
            ),
            b(
                vec![Key::char('d')],
                SetDeadline,
                all,
                |s| s.set_deadline,
                false,
            ),
            b(vec![Key::char('e')], Edit, all, |s| s.edit, false),
            b(vec![Key::char('c')], Comment, all, |s| s.comment, true),
            b(vec![Key::char('r')], Report, all, |s| s.report, true),
            b(vec![Key::char('A')], Approve, all, |s| s.approve, false),
            b(vec![Key::char('X')], SendBack, all, |s| s.send_back, false),
            b(
                vec![Key::char('n')],
                NewAssignment,
                all,
                |s| s.new_assignment,
                false,
            ),
            b(vec![Key::char('N')], NewTask, all, |s| s.new_task, false),
            b(vec![Key::char('u')], Undo, all, |s| s.undo, true),
            b(
                vec![Key::char(' ')],
                Mark,
                Scope::Pane(Pane::List),
                |s| s.mark,
                false,
            ),
            b(
                vec![Key::char('V')],
                MarkRange,
                Scope::Pane(Pane::List),
                |s| s.mark_range,
                false,
            ),
            b(vec![Key::char('x')], Withdraw, all, |s| s.withdraw, false),
            b(vec![Key::char('w')], ZoomWheel, all, |s| s.zoom_wheel, true),
            b(
                vec![Key::char('m')],
                ToggleWheelList,
                all,
                |s| s.toggle_wheel_list,
                false,
            ),
            b(vec![Key::char('b')], Brief, all, |s| s.brief, false),
            b(vec![Key::char('P')], Vedtak, all, |s| s.vedtak, false),
            b(
                vec![Key::char('s')],
                SaveBrief,
                Scope::Brief,
                |s| s.save_brief,
                true,
            ),
            b(
                vec![Key::plain(K::Left), Key::char('h')],
                Left,
                Scope::Brief,
                |s| s.brief_prev_sector,
                false,
            ),
            b(
                vec![Key::plain(K::Right), Key::char('l')],
                Right,
                Scope::Brief,
                |s| s.brief_next_sector,
                false,
            ),
            b(
                vec![Key::ctrl('r'), Key::plain(K::F(5))],
                Refresh,
                all,
                |s| s.refresh,
                false,
            ),
        ]);
        // The past: as of a day, stepping between dialogs, what changed.
        let list = Scope::Pane(Pane::List);
        bindings.extend([
            b(
                vec![Key::char('p')],
                AsOf,
                all,
                |s| crate::words::past::words(s.lang).as_of_key,
                false,
            ),
            b(
                vec![Key::char('t')],
                Now,
                all,
                |s| crate::words::past::words(s.lang).now_key,
                false,
            ),
            b(
                vec![Key::char('[')],
                EarlierStop,
                all,
                |s| crate::words::past::words(s.lang).earlier_key,
                false,
            ),
            b(
                vec![Key::char(']')],
                LaterStop,
                all,
                |s| crate::words::past::words(s.lang).later_key,
                false,
            ),
            b(
                vec![Key::plain(K::Left)],
                EarlierStop,
                list,
                |s| crate::words::past::words(s.lang).earlier_in_list,
                false,
            ),
            b(
                vec![Key::plain(K::Right)],
                LaterStop,
                list,
                |s| crate::words::past::words(s.lang).later_in_list,
                false,
            ),
            b(
                vec![Key::char('D')],
                Changes,
                all,
                |s| crate::words::past::words(s.lang).changes_key,
                false,
            ),
        ]);
        // The årshjul's entries and the goal tree, where they have focus.
        for scope in [Scope::Pane(Pane::Wheel), Scope::Zoom] {
            bindings.extend([
                b(
                    vec![Key::char('a')],
                    NewWheelEntry,
                    scope,
                    |s| s.new_wheel_entry,
                    false,
                ),
                b(
                    vec![Key::char('e')],
                    EditWheelEntry,
                    scope,
                    |s| s.edit_wheel_entry,
                    false,
                ),
                b(
                    vec![Key::char('x'), Key::plain(K::Delete)],
                    DeleteWheelEntry,
                    scope,
                    |s| s.delete_wheel_entry,
                    false,
                ),
            ]);
        }
        let tree = Scope::Pane(Pane::Tree);
        bindings.extend([
            b(vec![Key::char('a')], NewGoal, tree, |s| s.new_goal, false),
            b(vec![Key::char('e')], EditGoal, tree, |s| s.edit_goal, false),
            b(
                vec![Key::char('x'), Key::plain(K::Delete)],
                RetireGoal,
                tree,
                |s| s.retire_goal,
                false,
            ),
        ]);
        // The vedtak view's changes.
        let vedtak = Scope::Vedtak;
        bindings.extend([
            b(
                vec![Key::char('K')],
                CloseVedtak,
                vedtak,
                |s| crate::words::vedtak::close_key(s.lang),
                false,
            ),
            b(
                vec![Key::char('l')],
                LinkVedtak,
                vedtak,
                |s| crate::words::vedtak::link_key(s.lang),
                false,
            ),
            b(
                vec![Key::char('L')],
                UnlinkVedtak,
                vedtak,
                |s| crate::words::vedtak::unlink_key(s.lang),
                false,
            ),
        ]);
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action for a key where the user is; the briefing's, pane and zoom
    /// bindings win over global ones.
    pub fn resolve(&self, key: &KeyEvent, pane: Pane, zoomed: bool, brief: bool) -> Option<Action> {
        let scoped = |scope: Scope| match scope {
            Scope::Brief => brief,
            Scope::Vedtak => false,
            Scope::Zoom => !brief && zoomed,
            Scope::Pane(p) => !brief && !zoomed && p == pane,
            Scope::Everywhere => false,
        };
        self.bindings
            .iter()
            .filter(|b| scoped(b.scope))
            .chain(
                self.bindings
                    .iter()
                    .filter(|b| b.scope == Scope::Everywhere),
            )
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action)
    }

    /// The action of a key bound in one scope only (the vedtak view's own
    /// keys, which win over the rest while it is open).
    pub fn resolve_in(&self, key: &KeyEvent, scope: Scope) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| b.scope == scope)
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action)
    }

    /// The first key of an action where it applies everywhere (else
    /// wherever it is bound), as the help writes it: for texts that name a key.
    pub fn key(&self, action: Action) -> String {
        self.key_in(action, Scope::Everywhere)
            .or_else(|| {
                self.bindings
                    .iter()
                    .find(|b| b.action == action)
                    .map(|b| b.keys[0].label())
            })
            .unwrap_or_default()
    }

    /// The first key of an action in one scope.
    pub fn key_in(&self, action: Action, scope: Scope) -> Option<String> {
        self.bindings
            .iter()
            .find(|b| b.action == action && b.scope == scope)
            .map(|b| b.keys[0].label())
    }

    /// The keys bound to an action, as the help writes them.
    pub fn keys_for(&self, action: Action) -> String {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .flat_map(|b| b.keys.iter().map(Key::label))
            .fold(Vec::<String>::new(), |mut acc, k| {
                if !acc.contains(&k) {
                    acc.push(k);
                }
                acc
            })
            .join(" ")
    }

    /// "key description" pairs for the status line.
    pub fn hints(&self, words: &Strings) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.hint && b.scope == Scope::Everywhere)
            .map(|b| (b.keys[0].label(), (b.description)(words)))
            .collect()
    }

    /// The help overlay's lines: keys and description, one binding per line,
    /// sectors folded into one line, filtered by a search text.
    pub fn help_lines(&self, filter: &str, s: &Strings) -> Vec<(String, String)> {
        let filter = filter.to_lowercase();
        let mut lines: Vec<(String, String)> = Vec::new();
        // Sectors 1–9 fold into one line while they are on their digits.
        let fold = self.bindings.iter().all(|b| match b.action {
            Action::Sector(n) if n > 0 => b.keys == [Key::char(char::from(b'0' + n))],
            _ => true,
        });
        for binding in &self.bindings {
            if fold && matches!(binding.action, Action::Sector(n) if n > 1) {
                continue;
            }
            let keys = if fold && matches!(binding.action, Action::Sector(1)) {
                "1…9".to_string()
            } else {
                binding
                    .keys
                    .iter()
                    .map(Key::label)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let scope = match binding.scope {
                Scope::Everywhere => None,
                Scope::Pane(Pane::Tree) => Some(s.scope_tree),
                Scope::Pane(Pane::Wheel) => Some(s.scope_wheel),
                Scope::Pane(Pane::List) => Some(s.scope_list),
                Scope::Zoom => Some(s.scope_zoom),
                Scope::Brief => Some(s.scope_brief),
                Scope::Vedtak => Some(crate::words::vedtak::scope_vedtak(s.lang)),
            };
            let description = match scope {
                Some(scope) => format!("{} ({scope})", (binding.description)(s)),
                None => (binding.description)(s).to_string(),
            };
            if filter.is_empty()
                || keys.to_lowercase().contains(&filter)
                || description.to_lowercase().contains(&filter)
            {
                lines.push((keys, description));
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn resolves_keys_by_scope() {
        let keymap = Keymap::default();
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('s')), Pane::List, false, false),
            Some(Action::SetStatus)
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('4')), Pane::List, false, false),
            Some(Action::Sector(4))
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Left), Pane::Tree, false, false),
            Some(Action::Left)
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Left), Pane::List, true, false),
            Some(Action::Left)
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('x')), Pane::List, false, false),
            Some(Action::Withdraw)
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('z')), Pane::List, false, false),
            None
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.resolve(&ctrl_c, Pane::List, false, false),
            Some(Action::Quit)
        );
        // In the briefing, its own keys win; elsewhere `s` sets status.
        assert_eq!(
            keymap.resolve(&key(KeyCode::Char('s')), Pane::List, false, true),
            Some(Action::SaveBrief)
        );
        assert_eq!(
            keymap.resolve(&key(KeyCode::Left), Pane::Tree, false, true),
            Some(Action::Left)
        );
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            keymap.resolve(&shifted, Pane::List, false, false),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn no_two_bindings_in_one_scope_share_a_key() {
        let keymap = Keymap::default();
        for (i, a) in keymap.bindings.iter().enumerate() {
            for b in keymap.bindings.iter().skip(i + 1) {
                if a.scope == b.scope {
                    for k in &a.keys {
                        assert!(
                            !b.keys.contains(k),
                            "{} bound twice in {:?}",
                            k.label(),
                            a.scope
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn help_lists_every_action_and_filters() {
        let keymap = Keymap::default();
        let words = crate::tui::strings::table(crate::domain::Lang::Nb);
        let all = keymap.help_lines("", words);
        for binding in &keymap.bindings {
            if !matches!(binding.action, Action::Sector(n) if n > 1) {
                assert!(all
                    .iter()
                    .any(|(_, d)| d.starts_with((binding.description)(words))));
            }
        }
        let filtered = keymap.help_lines("status", words);
        assert_eq!(filtered.len(), 1);
        assert_eq!(filtered[0].0, "s");
    }
}
