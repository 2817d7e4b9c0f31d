//! Styles. Everything stays readable without colour: selection is REVERSED,
//! emphasis BOLD, and state is also written as a mark or a word.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::{Assessment, WheelKind};

/// The styles of one run, with or without colour (`NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    /// A theme with colour, for tests.
    pub fn colored() -> Self {
        Theme { color: true }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The selected row or chip: reversed, so it shows without colour.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The border and title of the focused pane.
    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The border of a pane without focus.
    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Headings and the active filter.
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Overdue marks and counts.
    pub fn overdue(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Errors in the status line.
    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Confirmations in the status line.
    pub fn success(self) -> Style {
        self.fg(Color::Green)
    }

    /// The traffic light of a vurdering.
    pub fn assessment(self, assessment: Option<Assessment>) -> Style {
        match assessment {
            Some(Assessment::Green) => self.fg(Color::Green),
            Some(Assessment::Yellow) => self.fg(Color::Yellow),
            Some(Assessment::Red) => self.fg(Color::Red),
            None => self.dim(),
        }
    }

    /// Administrative entries green, political magenta.
    pub fn wheel_kind(self, kind: WheelKind) -> Style {
        match kind {
            WheelKind::Administrative => self.fg(Color::Green),
            WheelKind::Political => self.fg(Color::Magenta),
        }
    }

    /// The colour for canvas drawing, where a style cannot be used.
    pub fn canvas_color(self, color: Color) -> Color {
        if self.color {
            color
        } else {
            Color::Reset
        }
    }
}
