//! Where the user is: the screen, the briefing read over it, and the one
//! overlay that takes the keys.
//!
//! The shape follows what the keys can reach, and no more:
//!
//! - **The screen** ([`Screen`]) is the panes, the detail of the selected
//!   assignment over them, or the zoomed årshjul. Zoom and detail stack:
//!   `w` on an open detail zooms over it, Enter in the zoom opens a detail
//!   beneath it, and Esc closes the zoom first, then the detail. So the zoom
//!   carries the detail it hides, and only a shown detail scrolls.
//! - **The briefing** lies over any screen (it is opened from the panes, the
//!   detail or the zoom, and Esc goes back to exactly that), and the help
//!   can be read over it. A dialog or a search begun while the briefing was
//!   still loading stays above it when it comes. So the briefing is a layer
//!   of its own between the screen and the overlay, not one of the overlays.
//! - **The overlay** ([`Overlay`]) is the search being typed, a dialog or the
//!   help: each takes every key while it is open, so at most one is. The
//!   search's text lives in `AppState::search`, which stays applied after
//!   Enter closes the search overlay.
//!
//! A key is handled by a match on the overlay first (see `on_key`), then on
//! the briefing, then on (screen, action) (see `on_action`).

use crate::tui::dialog::{Dialog, LineInput};

/// What fills the screen beneath the briefing and the overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The tree, the list and the årshjul (one at a time when narrow).
    #[default]
    Panes,
    /// The selected assignment's detail over the panes; `scroll`: history
    /// lines scrolled past.
    Detail { scroll: usize },
    /// The årshjul filling the screen; `detail`: the scroll of a detail
    /// open beneath it, shown again when the zoom closes.
    Zoomed { detail: Option<usize> },
}

impl Screen {
    /// Whether the årshjul fills the screen.
    pub fn zoomed(self) -> bool {
        matches!(self, Screen::Zoomed { .. })
    }

    /// Whether a detail is open, shown or beneath the zoom.
    pub fn detail_open(self) -> bool {
        matches!(
            self,
            Screen::Detail { .. } | Screen::Zoomed { detail: Some(_) }
        )
    }

    /// How far the shown detail's history is scrolled; 0 when none is shown.
    pub fn detail_scroll(self) -> usize {
        match self {
            Screen::Detail { scroll } => scroll,
            _ => 0,
        }
    }

    /// The zoom switched: on over whatever is open, or off back to it.
    pub(super) fn toggle_zoom(self) -> Screen {
        match self {
            Screen::Panes => Screen::Zoomed { detail: None },
            Screen::Detail { scroll } => Screen::Zoomed {
                detail: Some(scroll),
            },
            Screen::Zoomed { detail: None } => Screen::Panes,
            Screen::Zoomed {
                detail: Some(scroll),
            } => Screen::Detail { scroll },
        }
    }

    /// The same screen with a (new) detail open from its top.
    pub(super) fn with_detail(self) -> Screen {
        match self {
            Screen::Zoomed { .. } => Screen::Zoomed { detail: Some(0) },
            Screen::Panes | Screen::Detail { .. } => Screen::Detail { scroll: 0 },
        }
    }

    /// The same screen with the detail closed.
    pub(super) fn without_detail(self) -> Screen {
        match self {
            Screen::Zoomed { .. } => Screen::Zoomed { detail: None },
            Screen::Panes | Screen::Detail { .. } => Screen::Panes,
        }
    }

    /// The same screen with the detail (if any) back at its top: another
    /// assignment is selected.
    pub(super) fn scrolled_to_top(self) -> Screen {
        match self {
            Screen::Panes => Screen::Panes,
            Screen::Detail { .. } => Screen::Detail { scroll: 0 },
            Screen::Zoomed { detail } => Screen::Zoomed {
                detail: detail.map(|_| 0),
            },
        }
    }
}

/// What takes every key while it is open; at most one at a time.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The search being typed; its text is `AppState::search`.
    Search,
    /// A dialog asking before a change.
    Dialog(Box<Dialog>),
    /// The help, with its filter.
    Help(LineInput),
    /// The chooser of a past moment (to see, or to see the changes since).
    Past(Box<super::past::Chooser>),
    /// What changed since a moment.
    Changes(Box<super::past::ChangesView>),
}
