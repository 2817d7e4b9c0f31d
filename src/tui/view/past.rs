//! The past's overlays: the chooser of a moment, and what changed since one.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{centered, popup};
use crate::domain::text::{fit, sanitize_line};
use crate::tui::action::Action;
use crate::tui::state::{AppState, ChangesView, Chooser, PastPurpose};
use crate::tui::theme::Theme;
use crate::words::past::words;

/// The chooser: the date being typed, then the stops, the chosen one marked.
pub fn draw_chooser(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    chooser: &Chooser,
    theme: Theme,
) {
    let w = words(state.lang);
    let title = match chooser.purpose {
        PastPurpose::Travel => w.chooser_title,
        PastPurpose::ChangesSince => w.changes_title,
    };
    let rect = centered(area, 72, chooser.options.len().max(1) as u16 + 8);
    let inner = popup(frame, rect, title, theme);
    let width = inner.width as usize;
    let mut lines = vec![
        Line::styled(fit(w.date_label, width), theme.dim()),
        Line::from(vec![
            Span::raw(format!("> {}", sanitize_line(&chooser.input.text))),
            Span::styled(" ", theme.selected()),
        ]),
        Line::styled(fit(w.stops_label, width), theme.dim()),
    ];
    if chooser.options.is_empty() {
        lines.push(Line::styled(fit(w.no_stops, width), theme.dim()));
    }
    // The list scrolls with its cursor when it is taller than the popup.
    let room = (inner.height as usize).saturating_sub(5).max(1);
    let first = chooser.cursor.saturating_sub(room - 1);
    for (index, option) in chooser.options.iter().enumerate().skip(first).take(room) {
        let text = match option {
            Some(stop) => format!("{}  {}", state.lang.date(stop.day), stop.label),
            None => w.now_stop.to_string(),
        };
        let chosen = index == chooser.cursor && chooser.input.text.trim().is_empty();
        let mark = if chosen { "▸ " } else { "  " };
        let style = if chosen {
            theme.selected().patch(theme.strong())
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(fit(&format!("{mark}{text}"), width), style));
    }
    if let Some(error) = &chooser.error {
        lines.push(Line::styled(
            fit(&sanitize_line(error), width),
            theme.error(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What changed: `styr diff`'s lines, headings strong, scrolled.
pub fn draw_changes(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    view: &ChangesView,
    theme: Theme,
) {
    let w = words(state.lang);
    // Everything between the header and the status line, when there is room for them.
    let (top, bottom) = if area.height >= 6 { (1, 1) } else { (0, 0) };
    let rect = Rect {
        x: area.x,
        y: area.y + top,
        width: area.width,
        height: area.height - top - bottom,
    };
    let heading = view.lines.first().map(String::as_str).unwrap_or_default();
    let title = format!(
        "{} · {}",
        heading,
        w.changes_footer(&state.keymap.key(Action::Back))
    );
    let inner = popup(frame, rect, &title, theme);
    // Long titles wrap rather than hide the change at the end of the line.
    let lines: Vec<Line> = view
        .lines
        .iter()
        .skip(1)
        .skip(view.scroll)
        .take(inner.height as usize)
        .map(|line| {
            if line.starts_with("  ") || line.is_empty() {
                Line::raw(line.clone())
            } else {
                Line::styled(line.clone(), theme.strong())
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}
