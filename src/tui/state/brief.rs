//! The briefing overlay: opened for the chosen sector, scrolled, saved as HTML.

use super::*;
use crate::report::brief::{html, markdown, Brief};

/// The open briefing: the document and where the view is in it.
#[derive(Debug, Clone)]
pub struct BriefOverlay {
    pub brief: Box<Brief>,
    /// The briefing as Markdown, one entry per line: what the overlay shows.
    pub lines: Vec<String>,
    /// The first line shown.
    pub scroll: usize,
    /// The first column shown (wide tables scroll sideways).
    pub column: usize,
}

impl BriefOverlay {
    /// The overlay on `brief`, written in `lang`.
    pub fn new(brief: Box<Brief>, lang: Lang) -> Self {
        let lines = markdown::render(&brief, lang)
            .lines()
            .map(String::from)
            .collect();
        BriefOverlay {
            brief,
            lines,
            scroll: 0,
            column: 0,
        }
    }
}

/// How far one step sideways moves.
const SIDE_STEP: usize = 8;

/// `b` without the overlay: ask for the chosen sector's briefing.
pub(super) fn open(state: &mut AppState) -> Vec<Effect> {
    match state.sector.clone() {
        Some(sector) => {
            state.info(state.words().brief_loading);
            vec![Effect::LoadBrief {
                sector,
                today: state.today,
            }]
        }
        None => {
            state.error(state.words().brief_pick_sector);
            vec![]
        }
    }
}

/// An action while the briefing is open: it scrolls, saves or closes; the
/// rest waits until it is closed.
pub(super) fn on_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    use Action::*;
    let page = (state.size.1 as usize).saturating_sub(4).max(1);
    let Some(overlay) = state.brief.as_mut() else {
        return vec![];
    };
    match action {
        Up | Down | Top | Bottom | PageUp | PageDown => {
            overlay.scroll = move_cursor(overlay.scroll, overlay.lines.len(), action, page);
        }
        Left => overlay.column = overlay.column.saturating_sub(SIDE_STEP),
        Right => {
            let widest = overlay
                .lines
                .iter()
                .map(|l| crate::domain::text::width(l))
                .max()
                .unwrap_or(0);
            overlay.column = (overlay.column + SIDE_STEP).min(widest.saturating_sub(SIDE_STEP));
        }
        SaveBrief => {
            return vec![Effect::WriteFile {
                name: overlay.brief.file_name("html"),
                contents: html::render(&overlay.brief, state.lang),
            }];
        }
        Back | Brief => state.brief = None,
        Quit => state.quit = true,
        Help => state.overlay = Some(Overlay::Help(LineInput::default())),
        _ => state.error(state.words().brief_close_first),
    }
    vec![]
}
