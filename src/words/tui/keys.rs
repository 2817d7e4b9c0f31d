//! The errors of the configuration file's `[keys]` table.

use crate::domain::Lang;
use crate::tui::action::Pane;
use crate::tui::keymap::{RemapError, Scope};

/// A `[keys]` table refused, in one line.
pub fn remap_error(error: &RemapError, lang: Lang) -> String {
    match (lang, error) {
        (Lang::Nb, RemapError::UnknownAction(name, all)) => {
            format!("ukjent handling '{name}' i [keys] (handlingene er: {all})")
        }
        (Lang::En, RemapError::UnknownAction(name, all)) => {
            format!("unknown action '{name}' in [keys] (the actions are: {all})")
        }
        (_, RemapError::BadKey { action, key }) => {
            format!("[keys] {action}: {}", not_a_key(&key.0, lang))
        }
        (Lang::Nb, RemapError::NoKeys { action }) => {
            format!("[keys] {action}: oppgi minst én tast")
        }
        (Lang::En, RemapError::NoKeys { action }) => {
            format!("[keys] {action}: give at least one key")
        }
        (
            _,
            RemapError::Clash {
                key,
                first,
                second,
                scope,
            },
        ) => {
            let place = scope.map_or("", |scope| clash_place(scope, lang));
            match lang {
                Lang::Nb => format!("[keys]: {key} er bundet til både {first} og {second}{place}"),
                Lang::En => format!("[keys]: {key} is bound to both {first} and {second}{place}"),
            }
        }
    }
}

/// A text that names no key.
pub fn not_a_key(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("'{text}' er ikke en tast (f.eks. q, G, Ctrl-R, Enter, F5, PgDn)"),
        Lang::En => format!("'{text}' is not a key (e.g. q, G, Ctrl-R, Enter, F5, PgDn)"),
    }
}

/// Where two bindings clash, after the actions (empty: everywhere).
fn clash_place(scope: Scope, lang: Lang) -> &'static str {
    match (lang, scope) {
        (_, Scope::Everywhere) => "",
        (Lang::Nb, Scope::Pane(Pane::Tree)) => " i målstrukturen",
        (Lang::Nb, Scope::Pane(Pane::List)) => " i listen",
        (Lang::Nb, Scope::Pane(Pane::Wheel)) => " i årshjulpanelet",
        (Lang::Nb, Scope::Zoom) => " i årshjulet i fullskjerm",
        (Lang::Nb, Scope::Brief) => " i briefingen",
        (Lang::Nb, Scope::Vedtak) => " i vedtaksvisningen",
        (Lang::En, Scope::Pane(Pane::Tree)) => " in the goal tree",
        (Lang::En, Scope::Pane(Pane::List)) => " in the list",
        (Lang::En, Scope::Pane(Pane::Wheel)) => " in the årshjul pane",
        (Lang::En, Scope::Zoom) => " in the zoomed årshjul",
        (Lang::En, Scope::Brief) => " in the briefing",
        (Lang::En, Scope::Vedtak) => " in the decisions view",
    }
}
