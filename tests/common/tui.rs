//! The TUI without a terminal: effects run by one runner, screens drawn on a
//! `TestBackend`.

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use styr::tui::effect::Effect;
use styr::tui::state::AppState;
use styr::tui::theme::Theme;
use styr::tui::{view, Runner};

/// Runs effects with one runner, through the loop's own queue, until none
/// are left (the reads held back for after a frame included).
pub fn drain(runner: &mut Runner, state: &mut AppState, effects: Vec<Effect>) {
    runner.settle(state, effects);
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
