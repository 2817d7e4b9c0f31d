//! The briefing overlay: the Markdown briefing, headings emphasised, scrolled
//! both ways.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthChar;

use super::popup;
use crate::domain::text::sanitize_line;
use crate::tui::action::Action;
use crate::tui::state::BriefOverlay;
use crate::tui::strings::Strings;
use crate::tui::theme::Theme;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    overlay: &BriefOverlay,
    save_key: &str,
    close_key: &str,
    s: &Strings,
    theme: Theme,
) {
    // Everything between the header and the status line, when there is room for them.
    let (top, bottom) = if area.height >= 6 { (1, 1) } else { (0, 0) };
    let rect = Rect {
        x: area.x,
        y: area.y + top,
        width: area.width,
        height: area.height - top - bottom,
    };
    let title = s.brief_heading(
        &sanitize_line(&overlay.brief.sector.code),
        save_key,
        close_key,
    );
    let inner = popup(frame, rect, &title, theme);
    let lines: Vec<Line> = overlay
        .lines
        .iter()
        .skip(overlay.scroll)
        .take(inner.height as usize)
        .map(|line| {
            let shown = skip_columns(&sanitize_line(line), overlay.column);
            let style = if line.starts_with('#') {
                theme.strong()
            } else if line.starts_with("| -") || line.starts_with("| --") {
                theme.dim()
            } else if line.starts_with("**") {
                theme.strong()
            } else {
                ratatui::style::Style::new()
            };
            Line::styled(shown, style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The keys of the briefing's save and close actions, as the help writes them.
pub fn keys(keymap: &crate::tui::keymap::Keymap) -> (String, String) {
    let first = |action| {
        keymap
            .keys_for(action)
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    (first(Action::SaveBrief), first(Action::Back))
}

/// The text from display column `skip` on; a wide character cut in half becomes a space.
fn skip_columns(text: &str, skip: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used >= skip {
            out.push(c);
        } else if used + w > skip {
            out.push(' ');
        }
        used += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::skip_columns;

    #[test]
    fn skips_by_display_width() {
        assert_eq!(skip_columns("| Øl | 12 |", 2), "Øl | 12 |");
        assert_eq!(skip_columns("日本語", 1), " 本語");
        assert_eq!(skip_columns("abc", 10), "");
    }
}
