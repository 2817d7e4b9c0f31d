//! The `?` overlay: every binding of the keymap with its description.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{centered, popup};
use crate::domain::text::fit;
use crate::tui::action::Action;
use crate::tui::dialog::LineInput;
use crate::tui::state::AppState;
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, filter: &LineInput, theme: Theme) {
    let s = state.words();
    let entries = state.keymap.help_lines(&filter.text, s);
    let keys_width = entries
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4)
        .min(18);
    let rect = centered(area, 84, entries.len() as u16 + 6);
    let inner = popup(frame, rect, s.help_title, theme);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}: ", s.help_filter), theme.dim()),
        Span::raw(filter.text.clone()),
        Span::styled(" ", theme.selected()),
    ])];
    lines.push(Line::raw(""));
    if entries.is_empty() {
        lines.push(Line::styled(s.help_no_match, theme.dim()));
    }
    for (keys, description) in entries {
        lines.push(Line::from(vec![
            Span::styled(fit(&keys, keys_width), theme.strong()),
            Span::raw("  "),
            Span::raw(description),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        s.help_footer(&state.keymap.key(Action::Help)),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
