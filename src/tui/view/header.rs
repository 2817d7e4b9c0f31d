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

/// How much the header says, most first. The chips are never run
/// together (`33 !7`, not `33!7`); the date goes last, shortest first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    /// Without "styr ·".
    Named,
    /// The date without its label.
    ShortDate,
    /// Chips without padding.
    Compact,
    /// The year for the name.
    Minimal,
    /// The day and month only.
    DayOnly,
    /// Without the year.
    Bare,
    /// The sectors' chips without their counts (the overdue stays).
    Tight,
    /// As tight, without the date: below 80 columns.
    NoDate,
}

fn spans(state: &AppState, theme: Theme, detail: Detail) -> Vec<Span<'static>> {
    let s = state.words();
    let m = &state.data.municipality;
    use Detail::*;
    let compact = matches!(detail, Compact | Minimal | DayOnly | Bare | Tight | NoDate);
    let tight = matches!(detail, Tight | NoDate);
    let mut spans = vec![Span::styled(
        match detail {
            Full => format!(" styr · {} {} ", sanitize_line(&m.name), m.year),
            Named | ShortDate | Compact => format!(" {} {} ", sanitize_line(&m.name), m.year),
            Minimal | DayOnly => format!(" {} ", m.year),
            Bare | Tight | NoDate => " ".to_string(),
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
            Full | Named | ShortDate => w.header(
                &past.at,
                past.stop.as_deref().map(sanitize_line).as_deref(),
                &state.keymap.key(crate::tui::action::Action::Now),
            ),
            Compact | Minimal | DayOnly | Bare | Tight | NoDate => {
                crate::words::as_of::moment(s.lang, &past.at)
            }
        };
        spans.push(Span::styled(format!(" {said} "), theme.strong()));
    } else if state.data.read_only {
        spans.push(Span::styled(
            format!("{} ", s.read_only_badge),
            theme.error(),
        ));
    }
    let mut chip = |key: String, code: &str, rollup: Rollup, active: bool, total: bool| {
        spans.push(Span::styled("│", theme.dim()));
        let style = if active {
            theme.selected().patch(theme.strong())
        } else {
            Style::new()
        };
        let pad = if compact { "" } else { " " };
        // The padding closes the chip after its overdue count, if any.
        let end = if rollup.overdue > 0 { "" } else { pad };
        let chip = if tight && !total {
            format!("{key} {code}{end}")
        } else {
            format!("{pad}{key} {code} {}{end}", rollup.assignments)
        };
        spans.push(Span::styled(chip, style));
        if rollup.overdue > 0 {
            let overdue_style = if active { style } else { theme.overdue() };
            spans.push(Span::styled(
                format!(" !{}{pad}", rollup.overdue),
                overdue_style,
            ));
        }
    };
    chip(
        "0".into(),
        s.all_chip,
        state.total,
        state.sector.is_none(),
        true,
    );
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
            false,
        );
    }
    let date = s.lang.date(state.today.0);
    let date = match detail {
        _ if state.past.is_some() => None,
        Full | Named => Some(format!("│ {} {date}", s.today)),
        ShortDate | Compact | Minimal => Some(format!("│ {date}")),
        DayOnly | Bare | Tight => Some(format!("│ {}", s.lang.day_month(state.today.0))),
        NoDate => None,
    };
    if let Some(date) = date {
        spans.push(Span::styled(date, theme.dim()));
    }
    spans
}

pub fn draw(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let fits = |spans: &Vec<Span>| {
        spans.iter().map(|s| width(&s.content)).sum::<usize>() <= rect.width as usize
    };
    use Detail::*;
    let chosen = [
        Full, Named, ShortDate, Compact, Minimal, DayOnly, Bare, Tight,
    ]
    .into_iter()
    .map(|detail| spans(state, theme, detail))
    .find(fits)
    .unwrap_or_else(|| spans(state, theme, NoDate));
    frame.render_widget(Paragraph::new(Line::from(chosen)), rect);
}
