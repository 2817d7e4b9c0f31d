//! The header: municipality, year, and one chip per sector with its key,
//! code, assignment count and overdue count. It gives up detail, not
//! chips, when the terminal is narrow.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::domain::rollup::Rollup;
use crate::domain::text::{sanitize_line, width};
use crate::tui::state::AppState;
use crate::tui::theme::Theme;

/// How much the header says, most first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    NoDate,
    Compact,
    Minimal,
}

fn spans(state: &AppState, theme: Theme, detail: Detail) -> Vec<Span<'static>> {
    let s = state.words();
    let m = &state.data.municipality;
    let compact = matches!(detail, Detail::Compact | Detail::Minimal);
    let mut spans = vec![Span::styled(
        match detail {
            Detail::Full | Detail::NoDate => {
                format!(" styr · {} {} ", sanitize_line(&m.name), m.year)
            }
            Detail::Compact => format!(" {} {} ", sanitize_line(&m.name), m.year),
            Detail::Minimal => format!(" {} ", m.year),
        },
        theme.strong(),
    )];
    if let Some(past) = &state.past {
        // Reversed and bold, so that it reads without colour, and never
        // left out: the figures below are of that day.
        let w = crate::words::past::words(s.lang);
        spans.push(Span::styled(
            format!("◀ {}", w.mark),
            theme.selected().patch(theme.strong()),
        ));
        let said = match detail {
            Detail::Full | Detail::NoDate => w.header(
                &past.at,
                past.stop.as_deref().map(sanitize_line).as_deref(),
                &state.keymap.key(crate::tui::action::Action::Now),
            ),
            Detail::Compact | Detail::Minimal => crate::words::as_of::moment(s.lang, &past.at),
        };
        spans.push(Span::styled(format!(" {said} "), theme.strong()));
    } else if state.data.read_only {
        spans.push(Span::styled(
            format!("{} ", s.read_only_badge),
            theme.error(),
        ));
    }
    let mut chip = |key: String, code: &str, rollup: Rollup, active: bool| {
        spans.push(Span::styled("│", theme.dim()));
        let style = if active {
            theme.selected().patch(theme.strong())
        } else {
            Style::new()
        };
        let pad = if compact { "" } else { " " };
        spans.push(Span::styled(
            format!("{pad}{key} {code} {}{pad}", rollup.assignments),
            style,
        ));
        if rollup.overdue > 0 {
            let overdue_style = if active { style } else { theme.overdue() };
            let space = if compact { "" } else { " " };
            spans.push(Span::styled(
                format!("{space}!{}{pad}", rollup.overdue),
                overdue_style,
            ));
        }
    };
    chip("0".into(), s.all_chip, state.total, state.sector.is_none());
    for (index, (code, rollup)) in state.sector_rollups.iter().enumerate() {
        let key = if index < 9 {
            (index + 1).to_string()
        } else {
            "·".into()
        };
        chip(
            key,
            &sanitize_line(code),
            *rollup,
            state.sector.as_deref() == Some(code),
        );
    }
    if detail == Detail::Full && state.past.is_none() {
        spans.push(Span::styled("│ ", theme.dim()));
        spans.push(Span::styled(
            format!("{} {}", s.today, s.lang.date(state.today.0)),
            theme.dim(),
        ));
    }
    spans
}

pub fn draw(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let fits = |spans: &Vec<Span>| {
        spans.iter().map(|s| width(&s.content)).sum::<usize>() <= rect.width as usize
    };
    let chosen = [Detail::Full, Detail::NoDate, Detail::Compact]
        .into_iter()
        .map(|detail| spans(state, theme, detail))
        .find(fits)
        .unwrap_or_else(|| spans(state, theme, Detail::Minimal));
    frame.render_widget(Paragraph::new(Line::from(chosen)), rect);
}
