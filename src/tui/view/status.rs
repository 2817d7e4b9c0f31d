//! The status line: what just happened, the mode, and key hints from the keymap.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{sanitize_line, width};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let mut spans: Vec<Span> = Vec::new();
    if state.searching() {
        let s = state.words();
        spans.push(Span::styled(
            format!(" {} ", s.search_mode),
            theme.selected().patch(theme.strong()),
        ));
        spans.push(Span::raw(format!(
            " /{}",
            sanitize_line(&state.search.text)
        )));
        spans.push(Span::styled(" ", theme.selected()));
        spans.push(Span::styled(format!("  {}", s.search_hint), theme.dim()));
    } else if let Some(message) = &state.status {
        let style = if message.error {
            theme.error()
        } else {
            theme.success()
        };
        let mark = if message.error { "✗ " } else { "✓ " };
        spans.push(Span::styled(
            format!(" {mark}{}", sanitize_line(&message.text)),
            style,
        ));
    }
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let mut hints = String::new();
    // The briefing's own keys while it is open.
    let all = match state.brief {
        Some(_) => super::brief::hints(&state.keymap, state.words()),
        None => state.keymap.hints(state.words()),
    };
    for (key, description) in all {
        let hint = format!("  {key} {description}");
        if used + width(&hints) + width(&hint) + 1 > rect.width as usize {
            break;
        }
        hints.push_str(&hint);
    }
    let gap = (rect.width as usize).saturating_sub(used + width(&hints));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(hints, theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), rect);
}
