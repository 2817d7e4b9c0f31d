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
    // The legend of every mark the screen uses, filtered like the keys.
    // Typing the heading ("tegn", "symbols") shows the whole legend.
    let wanted = filter.text.trim().to_lowercase();
    let heading = crate::words::lists::legend_heading(state.lang).to_lowercase();
    let whole = !wanted.is_empty() && heading.starts_with(&wanted);
    let legend: Vec<(&str, String)> = crate::words::lists::legend(state.lang)
        .into_iter()
        .filter(|(mark, text)| {
            wanted.is_empty()
                || whole
                || mark.contains(&wanted)
                || text.to_lowercase().contains(&wanted)
        })
        .collect();
    // Two to a line, to leave room for the keys.
    let legend_lines = legend.len().div_ceil(2);
    let extra = if legend.is_empty() {
        0
    } else {
        legend_lines + 2
    };
    let rect = centered(area, 84, (entries.len() + extra) as u16 + 6);
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
    if !legend.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            crate::words::lists::legend_heading(state.lang),
            theme.dim(),
        ));
        let half = (rect.width.saturating_sub(2) / 2) as usize;
        for pair in legend.chunks(2) {
            let mut spans = Vec::new();
            for (n, (mark, text)) in pair.iter().enumerate() {
                let width = if n == 0 { half } else { half.saturating_sub(1) };
                spans.push(Span::styled(fit(mark, 4), theme.strong()));
                spans.push(Span::raw(fit(&format!(" {text}"), width.saturating_sub(4))));
            }
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        s.help_footer(&state.keymap.key(Action::Help)),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}
