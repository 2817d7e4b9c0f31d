//! The briefing screen: the chosen sector's briefing drawn from its typed
//! sections as headings, text and tables that fit the width (no sideways
//! scrolling), scrolled up and down; its keys in the hint bar.

mod document;
mod table;

pub use document::Document;

use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::pane_block;
use crate::domain::text::sanitize_line;
use crate::domain::Lang;
use crate::report::brief::Brief;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::state::{AppState, BriefOverlay};
use crate::tui::strings::Strings;
use crate::tui::theme::Theme;

/// The briefing's panel in the screen's `area`: everything between the
/// header and the status line, when there is room for them.
pub fn panel(area: Rect) -> Rect {
    let (top, bottom) = if area.height >= 6 { (1, 1) } else { (0, 0) };
    Rect {
        x: area.x,
        y: area.y + top,
        width: area.width,
        height: area.height - top - bottom,
    }
}

/// Where the text goes inside the panel's frame.
fn inside(panel: Rect) -> Rect {
    panel.inner(Margin::new(1, 1))
}

/// The lines shown at once on a screen of `size`.
pub fn visible(size: (u16, u16)) -> usize {
    usize::from(inside(panel(Rect::new(0, 0, size.0, size.1))).height)
}

/// The furthest the briefing scrolls on a screen of `size`: its last line
/// at the bottom of the panel.
pub fn max_scroll(brief: &Brief, lang: Lang, size: (u16, u16)) -> usize {
    let inner = inside(panel(Rect::new(0, 0, size.0, size.1)));
    Document::new(brief, lang, Theme::colored())
        .height(inner.width)
        .saturating_sub(usize::from(inner.height))
}

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, overlay: &BriefOverlay, theme: Theme) {
    let rect = panel(area);
    if rect.is_empty() {
        return;
    }
    frame.render_widget(Clear, rect);
    let inner = inside(rect);
    let doc = Document::new(&overlay.brief, state.lang, theme);
    let total = doc.height(inner.width);
    let shown = usize::from(inner.height);
    let scroll = overlay.scroll.min(total.saturating_sub(shown));
    let title = format!(
        "{} {}",
        state.words().brief_title,
        sanitize_line(&overlay.brief.sector.code)
    );
    let mut block = pane_block(title, true, theme);
    if total > shown {
        let position = format!(" {}–{}/{total} ", scroll + 1, (scroll + shown).min(total));
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    frame.render_widget(block, rect);
    if inner.is_empty() {
        return;
    }
    let page = doc.render(inner.width);
    let buf = frame.buffer_mut();
    for row in 0..inner.height {
        let from = scroll + usize::from(row);
        if from >= total {
            break;
        }
        for column in 0..inner.width {
            buf[(inner.x + column, inner.y + row)] = page[(column, from as u16)].clone();
        }
    }
    if total > shown {
        let mut bar = ScrollbarState::new(total - shown)
            .position(scroll)
            .viewport_content_length(shown);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(None)
                .thumb_style(theme.strong()),
            rect.inner(Margin::new(0, 1)),
            &mut bar,
        );
    }
}

/// The briefing's keys for the hint bar, most needed first: "key
/// description" pairs from the keymap, so a remapped key shows as it is.
pub fn hints(keymap: &Keymap, s: &Strings) -> Vec<(String, &'static str)> {
    let here = |action| {
        keymap
            .key_in(action, Scope::Brief)
            .unwrap_or_else(|| keymap.key(action))
    };
    let pair = |a, b| format!("{}/{}", here(a), here(b));
    vec![
        (here(Action::SaveBrief), s.brief_hint_save),
        (here(Action::Back), s.brief_hint_close),
        (pair(Action::Down, Action::Up), s.brief_hint_scroll),
        (pair(Action::PageDown, Action::PageUp), s.brief_hint_page),
        (pair(Action::Left, Action::Right), s.brief_hint_sector),
        (pair(Action::Top, Action::Bottom), s.brief_hint_ends),
        (here(Action::Help), s.brief_hint_help),
    ]
}

/// The dialog asking before a saved briefing replaces a file: its title
/// and lines.
pub fn replace_dialog(path: &str, s: &Strings, theme: Theme) -> (String, Vec<Line<'static>>) {
    (
        s.replace_file_title.to_string(),
        vec![
            Line::styled(sanitize_line(path).into_owned(), theme.strong()),
            Line::raw(""),
            Line::raw(s.replace_file_body),
        ],
    )
}
