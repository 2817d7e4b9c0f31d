//! The TUI without a terminal: effects run by one runner, screens drawn on a
//! `TestBackend`.

use std::collections::VecDeque;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use styr::tui::effect::Effect;
use styr::tui::state::{update, AppState};
use styr::tui::theme::Theme;
use styr::tui::{view, Runner};

/// Runs effects with one runner, as the loop keeps one, until none are left.
pub fn drain(runner: &mut Runner, state: &mut AppState, effects: Vec<Effect>) {
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        if let Some(msg) = runner.run(effect) {
            queue.extend(update(state, msg));
        }
    }
}

/// The screen drawn without colour at `width`×`height`, one trimmed line per row.
pub fn render(state: &AppState, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            view::draw(
                frame,
                state,
                Theme {
                    color: false,
                    ..Theme::colored()
                },
            )
        })
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
