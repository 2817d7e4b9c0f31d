//! The status line: what just happened, the mode, and key hints from the keymap.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::text::{sanitize_line, truncate, width};
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
        let room = (rect.width as usize).saturating_sub(1 + width(mark));
        spans.push(Span::styled(
            format!(" {mark}{}", fitted(&sanitize_line(&message.text), room)),
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

/// A message made to fit in `room` columns, giving up its least needed
/// parts first: the clauses after a `;` (how to go on, which `?` also
/// tells), from the last; then the text before a warning (` ⚠ `), which is
/// kept whole; only then the end, marked with `…`.
fn fitted(message: &str, room: usize) -> String {
    let mut text = message.to_string();
    while width(&text) > room {
        match text.rfind("; ") {
            // The clause is dropped, and any warning after it is kept.
            Some(at) => {
                let warning = text[at..].find(" ⚠ ").map(|w| text[at + w..].to_string());
                text.truncate(at);
                text.push_str(&warning.unwrap_or_default());
            }
            None => break,
        }
    }
    if width(&text) <= room {
        return text;
    }
    if let Some(at) = text.find(" ⚠ ") {
        let warning = &text[at..];
        let before = room.saturating_sub(width(warning));
        if before > 1 {
            return format!("{}{warning}", truncate(&text[..at], before));
        }
    }
    truncate(&text, room).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_gives_up_its_hints_then_its_detail_but_keeps_a_warning() {
        let hint = "showing 2023-05-15 (dialogue) as it stood; [ ] step between dialogues";
        assert_eq!(fitted(hint, 80), hint);
        assert_eq!(
            fitted(hint, 50),
            "showing 2023-05-15 (dialogue) as it stood"
        );
        assert_eq!(width(&fitted(hint, 20)), 20);
        assert!(fitted(hint, 20).ends_with('…'));
        let warned = "Saved #41 a long title here: due 2023-12-01 ⚠ Note: after #11 (2023-10-15)";
        let fit = fitted(warned, 50);
        assert!(fit.ends_with(" ⚠ Note: after #11 (2023-10-15)"), "{fit}");
        assert!(width(&fit) <= 50, "{fit}");
        let both = "the past cannot be changed; t returns to now ⚠ Note: x";
        assert_eq!(fitted(both, 40), "the past cannot be changed ⚠ Note: x");
    }
}
