//! The assignment list: overdue first, then by deadline; tasks indented.

use chrono::Datelike;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};
use ratatui::Frame;

use super::pane_block;
use crate::domain::approval::ReportKind;
use crate::domain::text::{fit, sanitize_line};
use crate::domain::{Assessment, Assignment, Status, Today};
use crate::tui::action::Action;
use crate::tui::data::Missing;
use crate::tui::state::{list_lines, AppState, ListLine, Pane, QuickView, DUE_SOON_DAYS};
use crate::tui::strings::Lang;
use crate::tui::theme::Theme;
use crate::words::Label;

/// Pads or cuts to exactly `columns` display columns.
pub fn pad(text: &str, columns: usize) -> String {
    fit(text, columns)
}

/// The status as a word, or as one distinct mark where there is no room.
fn status_word(status: Status, words: bool, lang: Lang) -> &'static str {
    match (status, words) {
        (_, true) => status.label(lang),
        (Status::NotStarted, false) => "·",
        (Status::InProgress, false) => "▸",
        (Status::Done, false) => "✓",
        (Status::Cancelled, false) => "✗",
    }
}

/// The vurdering as a word, or as a letter where there is no room
/// (a coloured dot alone would say nothing without colour).
fn assessment_word(assessment: Option<Assessment>, words: bool, lang: Lang) -> &'static str {
    let s = crate::tui::strings::table(lang);
    match (assessment, words) {
        (Some(Assessment::Green), true) => s.assessment_green,
        (Some(Assessment::Yellow), true) => s.assessment_yellow,
        (Some(Assessment::Red), true) => s.assessment_red,
        (Some(Assessment::Green), false) => s.assessment_green_mark,
        (Some(Assessment::Yellow), false) => s.assessment_yellow_mark,
        (Some(Assessment::Red), false) => s.assessment_red_mark,
        (None, _) => "–",
    }
}

/// The deadline cell: days overdue, or the date (without year in the plan year).
fn deadline(a: &Assignment, today: Today, year: i32, lang: Lang) -> String {
    match (a.due, a.days_overdue(today)) {
        (_, Some(days)) => format!("-{days}d"),
        (Some(due), None) if due.year() == year => lang.day_month(due),
        // Eight characters in either language: 30.11.24 or 24-11-30.
        (Some(due), None) => due
            .format(match lang {
                Lang::Nb => "%d.%m.%y",
                Lang::En => "%y-%m-%d",
            })
            .to_string(),
        (None, None) => "–".into(),
    }
}

/// The pane title: count and the filters in force.
fn title(state: &AppState) -> String {
    let s = state.words();
    // Oppdrag and tasks counted apart: the count is of the rows listed.
    let assignments = state.derived.assignments;
    let tasks = state.rows.len().saturating_sub(assignments);
    let count = crate::words::lists::list_count(assignments, tasks, state.lang);
    let mut parts = vec![format!("{} ({count})", s.pane_list)];
    if !state.marked.is_empty() {
        parts.push(crate::words::lists::marked(state.marked.len(), state.lang));
    }
    if let Some(code) = &state.sector {
        parts.push(sanitize_line(code).into_owned());
    }
    if let Some(goal) = state.goal.and_then(|g| state.data.tree.get(g)) {
        parts.push(format!("{} {}", s.list_goal, sanitize_line(&goal.code)));
    }
    if state.overdue_only {
        parts.push(s.list_overdue_only.into());
    }
    match state.view {
        QuickView::All => {}
        QuickView::Overdue => parts.push(s.view_overdue.into()),
        QuickView::DueSoon => parts.push(s.view_due_soon(DUE_SOON_DAYS)),
        QuickView::MissingReport => parts.push(match &state.data.missing {
            Missing::Read(Some(m)) => {
                // Counted in the sector chosen, as the rows are.
                let in_sector = |id: &i64| {
                    state.sector.as_ref().is_none_or(|code| {
                        state
                            .data
                            .assignment(*id)
                            .is_some_and(|a| &a.lead_sector == code)
                    })
                };
                let missing = m.assignments.iter().map(|a| a.id).filter(in_sector);
                let counts = s.report_counts(
                    missing.count(),
                    m.awaiting.iter().filter(|id| in_sector(id)).count(),
                    m.approved.iter().filter(|id| in_sector(id)).count(),
                );
                let view = s.view_missing_report(
                    &m.period.id(),
                    &m.period.report_due.format("%d.%m").to_string(),
                    m.deadline_passed,
                );
                format!("{view} · {counts}")
            }
            Missing::Read(None) => s.view_missing_none.into(),
            Missing::NotRead => s.view_missing_reading.into(),
        }),
        QuickView::Done => parts.push(s.view_done.into()),
        QuickView::Awaiting => parts.push(match &state.data.missing {
            Missing::Read(Some(m)) => crate::words::council::view_awaiting(&m.period.id(), s.lang),
            Missing::Read(None) => s.view_missing_none.into(),
            Missing::NotRead => s.view_missing_reading.into(),
        }),
    }
    if !state.search.text.is_empty() {
        parts.push(s.searching_for(&sanitize_line(&state.search.text)));
    }
    parts.join(" · ")
}

pub fn draw(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let s = state.words();
    let focused = state.focus == Pane::List;
    let block = pane_block(title(state), focused, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if state.rows.is_empty() {
        let key = |action| state.keymap.key(action);
        let text = if state.data.assignments.is_empty() {
            s.list_empty(&key(Action::NewAssignment), &key(Action::NewGoal))
        } else {
            s.list_no_match(&key(Action::Back), &key(Action::Sector(0)))
        };
        let text = Paragraph::new(Line::styled(text, theme.dim())).wrap(Wrap { trim: true });
        frame.render_widget(text, inner);
        return;
    }
    let year = state.data.municipality.year;
    // A deadline in another year needs its year: dd.mm.yy.
    let other_year = state
        .rows
        .iter()
        .skip(state.list_offset)
        .take(inner.height as usize)
        .filter_map(|r| state.data.assignment(r.id)?.due)
        .any(|due| due.year() != year);
    // Columns give way as the pane narrows: owner first, then the words.
    let wide = inner.width >= 96;
    // Chasing missing reports needs the owner: from 120 columns it is
    // shown, the status and vurdering giving up their words for it.
    let chasing = state.view == QuickView::MissingReport && state.size.0 >= 120 && !wide;
    let wide = wide || chasing;
    let words = inner.width >= 60 && !chasing;
    // In the mangler-rapport view each row says the state of its report.
    let reports = state.view == QuickView::MissingReport;
    let visible = inner.height.saturating_sub(1) as usize;
    let rows: Vec<Row> = list_lines(state, visible)
        .into_iter()
        .filter_map(|line| {
            let index = match line {
                ListLine::Row(index) => index,
                ListLine::Parent(id) => {
                    // Only a title and its sector, dimmed: a line to read
                    // the task below by, not a row to choose.
                    let parent = state.data.assignment(id)?;
                    let dim =
                        |text: &str| Span::styled(sanitize_line(text).into_owned(), theme.dim());
                    return Some(Row::new(vec![
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(dim(&parent.title)),
                        Cell::from(dim(&parent.lead_sector)),
                    ]));
                }
                ListLine::Heading(sector) => {
                    let heading = Span::styled(sanitize_line(&sector).into_owned(), theme.strong());
                    return Some(Row::new(vec![
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(""),
                        Cell::from(heading),
                    ]));
                }
            };
            let row = &state.rows[index];
            let a = state.data.assignment(row.id)?;
            let overdue = a.is_overdue(state.today);
            let mark = if state.marked.contains(&a.id) {
                "» "
            } else {
                ""
            };
            // A task goes indented, under its oppdrag or under the dimmed
            // line naming it (see `list_lines`): never as if it were an oppdrag.
            let title = if a.is_task() {
                Line::raw(format!("{mark}  └ {}", sanitize_line(&a.title)))
            } else {
                Line::raw(format!("{mark}{}", sanitize_line(&a.title)))
            };
            let style = if index == state.list_cursor {
                if focused {
                    theme.selected()
                } else {
                    theme.strong()
                }
            } else {
                Style::new()
            };
            let closed = if a.status.is_closed() {
                theme.dim()
            } else {
                Style::new()
            };
            let mut cells = vec![
                // Styled only when overdue: a blank styled red would show
                // as a red block on the selected (reversed) row.
                Cell::from(if overdue {
                    Span::styled("!", theme.overdue())
                } else {
                    Span::raw(" ")
                }),
                Cell::from(Span::styled(
                    status_word(a.status, words, state.lang),
                    closed,
                )),
                Cell::from(Span::styled(
                    assessment_word(a.assessment, words, state.lang),
                    theme.assessment(a.assessment),
                )),
                Cell::from(title),
                Cell::from(sanitize_line(&a.lead_sector).into_owned()),
                Cell::from(Span::styled(
                    deadline(a, state.today, year, state.lang),
                    if overdue {
                        theme.overdue()
                    } else {
                        Style::new()
                    },
                )),
                Cell::from(sanitize_line(&a.owner).into_owned()),
            ];
            if reports {
                let kind = state.data.report_kind(a.id);
                cells.push(Cell::from(kind.map_or(Span::raw(""), |kind| {
                    Span::styled(
                        crate::words::council::kind_label(kind, state.lang),
                        match kind {
                            ReportKind::Missing => theme.overdue(),
                            ReportKind::Awaiting | ReportKind::Approved => Style::new(),
                        },
                    )
                })));
            }
            Some(Row::new(cells).style(style))
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(if words { 12 } else { 1 }),
        Constraint::Length(if words { 9 } else { 1 }),
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Length(if other_year { 8 } else { 6 }),
        Constraint::Length(match (wide, chasing) {
            (true, true) => (inner.width / 4).min(18),
            (true, false) => (inner.width / 6).min(18),
            (false, _) => 0,
        }),
    ];
    if reports {
        widths.push(Constraint::Length(8));
    }
    let mut header = vec![
        "!",
        s.label_status,
        s.label_assessment,
        s.column_title,
        s.column_sector,
        s.column_due,
        s.label_owner,
    ];
    if reports {
        header.push(crate::words::council::report_column(state.lang));
    }
    let header = Row::new(header).style(theme.dim());
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(table, inner);
}
