//! The briefing screen: opened for the chosen sector, scrolled, switched to
//! another sector, saved as HTML (asking before a file is replaced).

use super::*;
use crate::report::brief::{html, Brief};
use crate::tui::view::brief::{max_scroll, visible};

/// The open briefing: the document and how far it is scrolled.
#[derive(Debug, Clone)]
pub struct BriefOverlay {
    pub brief: Box<Brief>,
    /// The first line shown.
    pub scroll: usize,
}

impl BriefOverlay {
    /// The briefing `brief`, from its top.
    pub fn new(brief: Box<Brief>) -> Self {
        BriefOverlay { brief, scroll: 0 }
    }
}

/// `b` without the overlay: ask for the chosen sector's briefing.
pub(super) fn open(state: &mut AppState) -> Vec<Effect> {
    match state.sector.clone() {
        Some(sector) => load(state, sector),
        None => {
            state.error(state.words().brief_pick_sector);
            vec![]
        }
    }
}

fn load(state: &mut AppState, sector: String) -> Vec<Effect> {
    state.info(state.words().brief_loading);
    vec![Effect::LoadBrief {
        sector,
        today: state.today,
    }]
}

/// The briefing of another sector, chosen by its place in the sectors'
/// order; the list follows, as a sector key there would.
fn switch(state: &mut AppState, index: usize) -> Vec<Effect> {
    let Some(code) = state.data.sectors.get(index).map(|s| s.code.clone()) else {
        return vec![];
    };
    state.filter_sector(Some(code.clone()));
    let mut effects = state.selection_changed();
    effects.extend(load(state, code));
    effects
}

/// An action while the briefing is open: it scrolls, switches sector, saves
/// or closes; the rest waits until it is closed.
pub(super) fn on_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    use Action::*;
    let (lang, size) = (state.lang, state.size);
    let sectors = state.data.sectors.len();
    let Some(overlay) = state.brief.as_mut() else {
        return vec![];
    };
    let here = state
        .data
        .sectors
        .iter()
        .position(|s| s.code == overlay.brief.sector.code);
    match action {
        Up | Down | Top | Bottom | PageUp | PageDown => {
            let last = max_scroll(&overlay.brief, lang, size);
            // A page keeps one line of the last in view.
            let page = visible(size).saturating_sub(1).max(1);
            overlay.scroll = move_cursor(overlay.scroll.min(last), last + 1, action, page);
        }
        Left | Right if sectors > 0 => {
            let next = match (here, action == Right) {
                (Some(i), true) => (i + 1) % sectors,
                (Some(i), false) => (i + sectors - 1) % sectors,
                (None, _) => 0,
            };
            return switch(state, next);
        }
        Sector(0) => state.error(state.words().brief_one_sector),
        Sector(n) if usize::from(n) <= sectors => return switch(state, usize::from(n) - 1),
        Sector(n) => state.error(state.words().no_sector(n)),
        Refresh => {
            let sector = overlay.brief.sector.code.clone();
            return load(state, sector);
        }
        SaveBrief => {
            return vec![Effect::WriteFile {
                name: overlay.brief.file_name("html"),
                contents: html::render(&overlay.brief, lang),
                replace: false,
            }];
        }
        Back | Brief => state.brief = None,
        Quit => state.quit = true,
        Help => state.overlay = Some(Overlay::Help(LineInput::default())),
        _ => state.error(state.words().brief_close_first),
    }
    vec![]
}

/// The file a briefing was to be saved as exists: ask before replacing it.
pub(super) fn ask_replace(state: &mut AppState, name: String, path: String, contents: String) {
    state.status = None;
    state.open_dialog(Dialog::new(DialogKind::ReplaceFile {
        name,
        path,
        contents,
    }));
}

/// The user said yes: write over the file.
pub(super) fn replace(state: &mut AppState, name: String, contents: String) -> Vec<Effect> {
    state.close_dialog();
    vec![Effect::WriteFile {
        name,
        contents,
        replace: true,
    }]
}
