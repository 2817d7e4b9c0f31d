//! The past on the screen: the data as it stood at a past moment, read-only;
//! the chooser of that moment (a date, a styringsdialog, a report deadline);
//! stepping between dialogs and deadlines; and the view of what changed
//! since one of them. The loading is the runner's ([`Effect::LoadPast`],
//! [`Effect::LoadChanges`]); here only what the keys ask for and what the
//! answers change.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{move_cursor, AppState, Overlay};
use crate::domain::diff::Diff;
use crate::domain::event::AsOf;
use crate::domain::Today;
use crate::report::brief::window::DIALOG_TAG;
use crate::tui::action::Action;
use crate::tui::data::Snapshot;
use crate::tui::dialog::LineInput;
use crate::tui::effect::Effect;
use crate::words::past::{words, PastWords};

/// The past being shown: the moment, what it is (a dialog, a deadline),
/// and the day that is "today" back in the present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Past {
    pub at: AsOf,
    /// The styringsdialog or report deadline it is, when it is one.
    pub stop: Option<String>,
    pub present_today: Today,
}

/// A day worth stopping at in the past: a styringsdialog (its first day)
/// or a report deadline, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub day: NaiveDate,
    pub label: String,
    /// Whether a styringsdialog begins that day.
    pub dialog: bool,
}

/// The plan year's styringsdialoger and report deadlines before `before`,
/// by day; two on one day are one stop named for both.
pub fn stops(data: &Snapshot, before: NaiveDate, w: &PastWords) -> Vec<Stop> {
    let mut all: Vec<Stop> = data
        .wheel
        .iter()
        .filter(|e| e.has_tag(DIALOG_TAG))
        .map(|e| Stop {
            day: e.start,
            label: crate::domain::text::sanitize_line(&e.title).into_owned(),
            dialog: true,
        })
        .chain(data.periods.iter().map(|p| Stop {
            day: p.report_due,
            label: w.report_stop(&crate::domain::text::sanitize_line(&p.label)),
            dialog: false,
        }))
        .filter(|s| s.day < before)
        .collect();
    all.sort_by_key(|s| (s.day, !s.dialog));
    let mut merged: Vec<Stop> = Vec::new();
    for stop in all {
        match merged.last_mut() {
            Some(last) if last.day == stop.day => {
                if !last.label.contains(&stop.label) {
                    last.label = format!("{} + {}", last.label, stop.label);
                }
                last.dialog |= stop.dialog;
            }
            _ => merged.push(stop),
        }
    }
    merged
}

/// What the chooser is choosing for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The moment to see the data as of.
    Travel,
    /// The moment the changed-since view starts from.
    ChangesSince,
}

/// The chooser: a typed date, or one of the stops (and, in the past, now).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub purpose: Purpose,
    pub input: LineInput,
    /// The stops, oldest first; `None` is "now".
    pub options: Vec<Option<Stop>>,
    pub cursor: usize,
    pub error: Option<String>,
}

/// What changed between two moments, as `styr diff` tells it, to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesView {
    /// The lines of `styr diff`'s text, in the screen's language.
    pub lines: Vec<String>,
    pub scroll: usize,
}

/// What the runner found changed, for the changed-since view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesLoaded {
    pub from: AsOf,
    /// The later moment: the past shown, or today's date for now.
    pub to: AsOf,
    pub sector: Option<String>,
    pub diff: Diff,
    /// The title of each assignment the diff names, at the later moment
    /// (else the earlier).
    pub titles: std::collections::BTreeMap<i64, String>,
}

/// The moment of a day, as the command line's `--as-of DAY`.
fn day(day: NaiveDate) -> AsOf {
    AsOf { day, time: None }
}

/// Handles the past's actions, and refuses changes while the past is
/// shown; `None` for every other action.
pub(super) fn on_action(state: &mut AppState, action: Action) -> Option<Vec<Effect>> {
    let w = words(state.lang);
    if action.changes_data() {
        let past = state.past.as_ref()?;
        let text = w.edit_refused(&past.at, &state.keymap.key(Action::Now));
        state.error(text);
        return Some(vec![]);
    }
    match action {
        Action::AsOf => open_chooser(state, Purpose::Travel),
        Action::Changes => open_chooser(state, Purpose::ChangesSince),
        Action::Now => {
            if state.past.is_some() {
                return Some(vec![Effect::LoadPast {
                    at: None,
                    stop: None,
                }]);
            }
            state.info(w.already_now());
        }
        Action::EarlierStop | Action::LaterStop => {
            return Some(step(state, action == Action::EarlierStop));
        }
        _ => return None,
    }
    Some(vec![])
}

/// The present's today.
fn present_today(state: &AppState) -> Today {
    state.past.as_ref().map_or(state.today, |p| p.present_today)
}

/// To the stop before (or after) the day shown; after the last one, back to now.
fn step(state: &mut AppState, earlier: bool) -> Vec<Effect> {
    let w = words(state.lang);
    let shown = state.today.0;
    let stops = stops(&state.data, present_today(state).0, w);
    let target = if earlier {
        stops.iter().rev().find(|s| s.day < shown)
    } else if state.past.is_none() {
        state.info(w.already_now());
        return vec![];
    } else {
        match stops.iter().find(|s| s.day > shown) {
            Some(stop) => Some(stop),
            None => {
                return vec![Effect::LoadPast {
                    at: None,
                    stop: None,
                }]
            }
        }
    };
    match target {
        Some(stop) => vec![Effect::LoadPast {
            at: Some(day(stop.day)),
            stop: Some(stop.label.clone()),
        }],
        None => {
            let choose = state.keymap.key(Action::AsOf);
            state.error(w.no_stop(earlier, &choose));
            vec![]
        }
    }
}

/// The moments a step from the past shown would go to (the stop before
/// it, then the stop after it), to be replayed ahead; none in the present.
pub fn next_to_shown(state: &AppState) -> Vec<AsOf> {
    if state.past.is_none() {
        return vec![];
    }
    let shown = state.today.0;
    let stops = stops(&state.data, present_today(state).0, words(state.lang));
    let earlier = stops.iter().rev().find(|s| s.day < shown);
    let later = stops.iter().find(|s| s.day > shown);
    earlier
        .into_iter()
        .chain(later)
        .map(|s| day(s.day))
        .collect()
}

fn open_chooser(state: &mut AppState, purpose: Purpose) {
    let w = words(state.lang);
    let stops = stops(&state.data, state.today.0.min(present_today(state).0), w);
    // The last styringsdialog before the day shown, else the last stop.
    let cursor = stops
        .iter()
        .rposition(|s| s.dialog)
        .unwrap_or(stops.len().saturating_sub(1));
    let mut options: Vec<Option<Stop>> = stops.into_iter().map(Some).collect();
    if purpose == Purpose::Travel && state.past.is_some() {
        options.push(None);
    }
    state.overlay = Some(Overlay::Past(Box::new(Chooser {
        purpose,
        input: LineInput::default(),
        options,
        cursor,
        error: None,
    })));
}

/// A key in the chooser.
pub(super) fn on_chooser_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let lang = state.lang;
    let Some(Overlay::Past(chooser)) = &mut state.overlay else {
        return vec![];
    };
    match key.code {
        KeyCode::Esc => {
            state.overlay = None;
            return vec![];
        }
        KeyCode::Up => chooser.cursor = chooser.cursor.saturating_sub(1),
        KeyCode::Down => {
            chooser.cursor = (chooser.cursor + 1).min(chooser.options.len().saturating_sub(1))
        }
        KeyCode::Enter => {
            let text = chooser.input.text.trim().to_string();
            let (at, stop) = if text.is_empty() {
                match chooser.options.get(chooser.cursor) {
                    Some(Some(stop)) => (Some(day(stop.day)), Some(stop.label.clone())),
                    Some(None) => (None, None),
                    None => return vec![],
                }
            } else {
                match AsOf::parse(&text) {
                    Ok(at) => (Some(at), None),
                    Err(refusal) => {
                        let title = match chooser.purpose {
                            Purpose::Travel => words(lang).chooser_title,
                            Purpose::ChangesSince => words(lang).changes_title,
                        };
                        chooser.error = Some(crate::words::as_of::refusal(lang, title, &refusal));
                        return vec![];
                    }
                }
            };
            let purpose = chooser.purpose;
            state.overlay = None;
            return match (purpose, at) {
                (Purpose::Travel, at) => vec![Effect::LoadPast { at, stop }],
                (Purpose::ChangesSince, Some(from)) => vec![Effect::LoadChanges {
                    from,
                    to: state.past.as_ref().map(|p| p.at),
                    sector: state.sector.clone(),
                }],
                (Purpose::ChangesSince, None) => vec![],
            };
        }
        _ => {
            chooser.input.handle(&key);
            chooser.error = None;
        }
    }
    vec![]
}

/// A key in the changed-since view: it scrolls, and Esc (or the key that
/// opened it) closes it.
pub(super) fn on_changes_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let page = (state.size.1 as usize / 2).max(1);
    let action = state
        .keymap
        .resolve(&key, super::Pane::Tree, false, false)
        .or(match key.code {
            KeyCode::Esc => Some(Action::Back),
            _ => None,
        });
    let Some(Overlay::Changes(view)) = &mut state.overlay else {
        return vec![];
    };
    match action {
        Some(
            action @ (Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown),
        ) => view.scroll = move_cursor(view.scroll, view.lines.len(), action, page),
        Some(Action::Back | Action::Changes) => state.overlay = None,
        Some(Action::Quit) => state.quit = true,
        _ => {}
    }
    vec![]
}

/// The past (or now, `at: None`) has been read: it becomes what the screen shows.
pub(super) fn loaded(
    state: &mut AppState,
    at: Option<(AsOf, Option<String>)>,
    data: Snapshot,
) -> Vec<Effect> {
    let w = words(state.lang);
    let present = present_today(state);
    let text = match at {
        Some((at, stop)) => {
            let text = shown(state, &at, stop.as_deref());
            state.today = Today(at.day);
            state.past = Some(Past {
                at,
                stop,
                present_today: present,
            });
            text
        }
        None => {
            state.past = None;
            state.today = present;
            w.back_to_now(present.0)
        }
    };
    if let Some(month) = month_of(state.today.0, data.municipality.year) {
        state.month = month;
    }
    // What was read of another moment does not stay until the new comes.
    state.data.missing = crate::tui::data::Missing::NotRead;
    state.data.set_comments(std::sync::Arc::default());
    state.history = None;
    let mut effects = super::handle(
        state,
        super::Msg::Loaded(Box::new(crate::tui::data::Reloaded::Whole(data))),
    );
    state.info(text);
    let ahead = next_to_shown(state);
    if !ahead.is_empty() {
        effects.push(Effect::PrepareAhead(ahead));
    }
    effects
}

/// The status line on showing the past: what is shown, and the keys that step.
pub fn shown(state: &AppState, at: &AsOf, stop: Option<&str>) -> String {
    let list = crate::tui::keymap::Scope::Pane(super::Pane::List);
    let key = |action| {
        state
            .keymap
            .key_in(action, list)
            .unwrap_or_else(|| state.keymap.key(action))
    };
    words(state.lang).shown(at, stop, &key(Action::EarlierStop), &key(Action::LaterStop))
}

fn month_of(day: NaiveDate, year: i32) -> Option<u32> {
    use chrono::Datelike;
    (day.year() == year).then(|| day.month())
}

/// The changes have been read: the view opens on them.
pub(super) fn changes_loaded(state: &mut AppState, loaded: ChangesLoaded) -> Vec<Effect> {
    let text = crate::words::as_of::diff_text(
        state.lang,
        &loaded.diff,
        &loaded.from,
        &loaded.to,
        loaded.sector.as_deref(),
        |id| loaded.titles.get(&id).cloned().unwrap_or_default(),
    );
    state.overlay = Some(Overlay::Changes(Box::new(ChangesView {
        lines: text.lines().map(str::to_string).collect(),
        scroll: 0,
    })));
    vec![]
}
