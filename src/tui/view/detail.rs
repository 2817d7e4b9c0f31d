//! The selected assignment: every field, the red thread up to the
//! satsingsområde, tasks and the full history, newest first.

use std::collections::HashSet;

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{centered, pane_block, popup};
use crate::domain::text::{sanitize_line, sanitize_lines};
use crate::domain::{Assignment, Event, Field};
use crate::tui::action::Action;
use crate::tui::state::AppState;
use crate::tui::strings::Lang;
use crate::tui::theme::Theme;
use crate::words::events::describe;
use crate::words::terms::assessment_label;
use crate::words::Label;

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "–".into()
    } else {
        sanitize_line(text).into_owned()
    }
}

/// A field's label at the start of a line.
fn label(text: &str, theme: Theme) -> Span<'static> {
    Span::styled(format!("{text} "), theme.dim())
}

/// A field's label after another field on the same line.
fn next_label(text: &str, theme: Theme) -> Span<'static> {
    Span::styled(format!("  {text} "), theme.dim())
}

/// The fields of an assignment as lines.
fn field_lines(a: &Assignment, state: &AppState, theme: Theme) -> Vec<Line<'static>> {
    let s = state.words();
    let due = match (a.due, a.days_overdue(state.today)) {
        (Some(due), Some(days)) => format!("{} ({})", s.lang.date(due), s.overdue_by(days)),
        (Some(due), None) => s.lang.date(due),
        (None, _) => "–".into(),
    };
    let sector_name = state
        .data
        .sectors
        .iter()
        .find(|sector| sector.code == a.lead_sector)
        .map(|sector| sector.name.clone())
        .unwrap_or_default();
    let kind = if a.is_task() {
        s.kind_task
    } else {
        s.kind_assignment
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{kind} #{} ", a.id), theme.strong()),
        Span::styled(sanitize_line(&a.title).into_owned(), theme.strong()),
    ])];
    if let Some(parent) = a.parent_id.and_then(|p| state.data.assignment(p)) {
        lines.push(Line::from(vec![
            Span::styled(s.detail_parent, theme.dim()),
            Span::raw(format!("{} {}", parent.id, sanitize_line(&parent.title))),
        ]));
    }
    lines.push(Line::from(vec![
        label(s.label_status, theme),
        Span::raw(a.status.label(state.lang)),
        next_label(s.label_assessment, theme),
        Span::styled(
            assessment_label(a.assessment, state.lang),
            theme.assessment(a.assessment),
        ),
        next_label(s.label_due, theme),
        Span::styled(
            due,
            if a.is_overdue(state.today) {
                theme.overdue()
            } else {
                theme.strong()
            },
        ),
        next_label(s.label_expected_done, theme),
        Span::raw(
            a.expected_done
                .map(|d| s.lang.date(d))
                .unwrap_or_else(|| "–".into()),
        ),
    ]));
    lines.push(Line::from(vec![
        label(s.label_lead_sector, theme),
        Span::raw(format!(
            "{} {}",
            sanitize_line(&a.lead_sector),
            sanitize_line(&sector_name)
        )),
        next_label(s.label_sectors, theme),
        Span::raw(or_dash(&a.sectors.join(", "))),
        next_label(s.label_owner, theme),
        Span::raw(or_dash(&a.owner)),
        next_label(s.label_source, theme),
        Span::raw(or_dash(&a.source)),
        next_label(s.label_version, theme),
        Span::raw(a.version.to_string()),
    ]));
    let path = a
        .goal_id
        .or_else(|| {
            a.parent_id
                .and_then(|p| state.data.assignment(p))
                .and_then(|p| p.goal_id)
        })
        .map(|g| state.data.tree.path(g))
        .unwrap_or_default();
    let thread = if path.is_empty() {
        s.no_thread.to_string()
    } else {
        path.iter()
            .map(|g| format!("{} {}", sanitize_line(&g.code), sanitize_line(&g.title)))
            .collect::<Vec<_>>()
            .join(" ▸ ")
    };
    lines.push(Line::from(vec![
        label(s.label_thread, theme),
        Span::raw(thread),
    ]));
    lines
}

/// One change in the history: the events one write made on this assignment
/// (same author, same instant, next to each other), newest first, on one
/// line; a withdrawn comment or report struck through and marked.
fn history_line(
    change: &[&Event],
    withdrawn: &HashSet<i64>,
    theme: Theme,
    lang: Lang,
) -> Line<'static> {
    let first = change[0];
    let at = first
        .at
        .with_timezone(&chrono::Local)
        .format(lang.date_time_format())
        .to_string();
    let mut spans = vec![
        Span::styled(at, theme.dim()),
        Span::raw("  "),
        Span::styled(sanitize_line(&first.actor).into_owned(), theme.strong()),
        Span::raw("  "),
    ];
    for (n, event) in change.iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" · "));
        }
        let text = sanitize_line(&describe(event, lang)).into_owned();
        if withdrawn.contains(&event.id) {
            spans.push(Span::styled(
                format!("[{}] {text}", event.id),
                theme.dim().add_modifier(Modifier::CROSSED_OUT),
            ));
            spans.push(Span::styled(
                crate::words::events::withdrawn_mark("", lang),
                theme.dim(),
            ));
        } else {
            spans.push(Span::raw(text));
        }
    }
    Line::from(spans)
}

/// The history newest first, one line per change.
fn history_lines(history: &[Event], theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let withdrawn = crate::domain::event::withdrawn_ids(history);
    let newest_first: Vec<&Event> = history.iter().rev().collect();
    newest_first
        .chunk_by(|a, b| a.actor == b.actor && a.at == b.at)
        .map(|change| history_line(change, &withdrawn, theme, lang))
        .collect()
}

/// The detail strip under the panes: fields and the latest history.
pub fn draw_strip(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let s = state.words();
    let open = state.keymap.key(Action::Open);
    let block = pane_block(s.detail_strip_title(&open), false, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let Some(a) = state.selected() else {
        frame.render_widget(
            Paragraph::new(Line::styled(s.nothing_selected_detail, theme.dim())),
            inner,
        );
        return;
    };
    let mut lines = field_lines(a, state, theme);
    match state.selected_history() {
        Some(history) => lines.extend(history_lines(history, theme, state.lang)),
        None => lines.push(Line::styled(s.loading_history, theme.dim())),
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The full detail over the screen, history scrollable.
pub fn draw_overlay(frame: &mut Frame, area: Rect, state: &AppState, theme: Theme) {
    let Some(a) = state.selected() else { return };
    let s = state.words();
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2),
    );
    let key = |action| state.keymap.key(action);
    let title = s.detail_overlay_title(&key(Action::Up), &key(Action::Down), &key(Action::Back));
    let inner = popup(frame, rect, &title, theme);
    let mut lines = field_lines(a, state, theme);
    if !a.description.trim().is_empty() {
        lines.push(Line::styled(s.label_description, theme.dim()));
        lines.extend(
            sanitize_lines(&a.description)
                .lines()
                .map(|l| Line::raw(format!("  {l}"))),
        );
    }
    let tasks: Vec<&Assignment> = state
        .data
        .assignments
        .iter()
        .filter(|t| t.parent_id == Some(a.id))
        .collect();
    if !tasks.is_empty() {
        lines.push(Line::styled(s.detail_tasks, theme.dim()));
        for t in tasks {
            let late = t
                .days_overdue(state.today)
                .map(|d| format!(" ! {}", s.overdue_by(d)))
                .unwrap_or_default();
            lines.push(Line::raw(format!(
                "  #{} {} · {} · {} {}{late}",
                t.id,
                sanitize_line(&t.title),
                t.status.label(state.lang),
                Field::Due.label(state.lang),
                t.due.map(|d| s.lang.date(d)).unwrap_or_else(|| "–".into())
            )));
        }
    }
    lines.push(Line::styled(s.detail_history, theme.dim()));
    match state.selected_history() {
        Some(history) => lines.extend(
            history_lines(history, theme, state.lang)
                .into_iter()
                .skip(state.screen.detail_scroll()),
        ),
        None => lines.push(Line::styled(s.loading_history, theme.dim())),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
