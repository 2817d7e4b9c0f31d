//! The vedtak view: a list of the decisions (date, body, case, kind, state,
//! title) above the chosen one's detail (its text, its oppdrag with their
//! status, the latest comment).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::popup;
use crate::domain::date::local_date;
use crate::domain::text::{fit, sanitize_line};
use crate::domain::{DecisionState, Lang, Today};
use crate::tui::state::VedtakOverlay;
use crate::tui::theme::Theme;
use crate::words::vedtak as words;
use crate::words::Label;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    overlay: &VedtakOverlay,
    hint: &str,
    today: Today,
    lang: Lang,
    theme: Theme,
) {
    let (top, bottom) = if area.height >= 6 { (1, 1) } else { (0, 0) };
    let rect = Rect {
        x: area.x,
        y: area.y + top,
        width: area.width,
        height: area.height - top - bottom,
    };
    let title = format!(
        "{} · {hint}",
        words::view_title(overlay.decisions.len(), lang)
    );
    let inner = popup(frame, rect, &title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    // The list takes up to half the height; the detail the rest.
    let list_height = (overlay.decisions.len() + 1)
        .min((inner.height as usize / 2).max(1))
        .max(1);
    let mut lines: Vec<Line> = Vec::new();
    let headings = words::list_headings(lang);
    lines.push(Line::styled(
        fit(
            &format!(
                "{:>3} {:<10} {:<5} {:<7} {:<16} {}",
                headings[0], headings[1], headings[2], headings[3], headings[5], headings[6]
            ),
            width,
        ),
        theme.dim(),
    ));
    let rows = list_height.saturating_sub(1);
    let first = overlay
        .selected
        .saturating_sub(rows.saturating_sub(1))
        .min(overlay.decisions.len().saturating_sub(rows));
    for (index, vedtak) in overlay.decisions.iter().enumerate().skip(first).take(rows) {
        let d = &vedtak.decision;
        let state = words::state(vedtak.progress.state, vedtak.progress.overdue, None, lang);
        let body = short_body(overlay, &d.body);
        let text = format!(
            "{:>3} {:<10} {:<5} {:<7} {:<16} {}",
            d.id,
            words::day(d.date, lang),
            body,
            sanitize_line(&d.case),
            fit(&state, 16).trim_end(),
            sanitize_line(&d.title)
        );
        let mut style = ratatui::style::Style::new();
        if vedtak.progress.overdue {
            style = theme.overdue();
        }
        if vedtak.progress.state == DecisionState::Closed {
            style = theme.dim();
        }
        if index == overlay.selected {
            style = theme.selected();
        }
        lines.push(Line::styled(fit(&text, width), style));
    }
    while lines.len() < list_height {
        lines.push(Line::default());
    }
    lines.push(Line::styled("─".repeat(width), theme.dim()));
    if let Some(vedtak) = overlay.decisions.get(overlay.selected) {
        let d = &vedtak.decision;
        let l = words::show_labels(lang);
        let field = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label}: "), theme.strong()),
                Span::raw(sanitize_line(&value).into_owned()),
            ])
        };
        lines.push(Line::styled(
            fit(&format!("#{} {}", d.id, sanitize_line(&d.title)), width),
            theme.strong(),
        ));
        lines.push(field(
            l.body,
            format!(
                "{} · {}",
                words::citation(&d.body, d.date, &d.case, lang),
                d.kind.label(lang)
            ),
        ));
        lines.push(field(
            l.state,
            words::state(
                vedtak.progress.state,
                vedtak.progress.overdue,
                d.closed,
                lang,
            ),
        ));
        if !d.text.is_empty() {
            lines.push(field(l.text, d.text.clone()));
        }
        lines.push(Line::styled(format!("{}:", l.assignments), theme.strong()));
        if d.assignments.is_empty() {
            lines.push(Line::raw(format!("  {}", l.none)));
        }
        for id in &d.assignments {
            let Some(a) = overlay.assignments.get(id) else {
                continue;
            };
            let overdue = a
                .days_overdue(today)
                .map(|days| format!(" · {} {days}d", words::overdue_mark(lang)))
                .unwrap_or_default();
            let text = format!(
                "  #{} {} · {} · {}{overdue}",
                a.id,
                sanitize_line(&a.title),
                sanitize_line(&a.lead_sector),
                a.status.label(lang)
            );
            let style = if overdue.is_empty() {
                ratatui::style::Style::new()
            } else {
                theme.overdue()
            };
            lines.push(Line::styled(fit(&text, width), style));
        }
        if let Some(comment) = &vedtak.latest_comment {
            lines.push(field(
                l.latest,
                format!(
                    "«{}» — {}",
                    comment.text,
                    words::comment_source(
                        &comment.actor,
                        local_date(comment.at),
                        comment.assignment,
                        lang
                    )
                ),
            ));
        }
    }
    let shown: Vec<Line> = lines.into_iter().take(inner.height as usize).collect();
    frame.render_widget(
        Paragraph::new(shown).wrap(ratatui::widgets::Wrap { trim: false }),
        inner,
    );
}

/// A body as the list's column shows it: its abbreviation, else its name cut.
fn short_body(overlay: &VedtakOverlay, name: &str) -> String {
    let short = overlay
        .bodies
        .iter()
        .find(|b| b.name == name && !b.short.is_empty())
        .map_or(name, |b| b.short.as_str());
    fit(&sanitize_line(short), 5).trim_end().to_string()
}
