//! Styles. Everything stays readable without colour: selection is REVERSED,
//! emphasis BOLD, and state is also written as a mark or a word.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::{Assessment, WheelKind};

/// The colour of each role on the screen; the configuration file's
/// `[colors]` table changes them by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// The focused pane's border and the highlighted month on the wheel.
    pub focus: Color,
    /// Borders of panes without focus, and the wheel's inner ring.
    pub border: Color,
    /// Secondary text.
    pub dim: Color,
    /// Overdue marks and counts, and errors in the status line.
    pub overdue: Color,
    /// Confirmations in the status line.
    pub success: Color,
    /// The vurdering "I rute".
    pub on_track: Color,
    /// The vurdering "Risiko for avvik".
    pub at_risk: Color,
    /// The vurdering "Avvik".
    pub off_track: Color,
    /// Administrative årshjul entries.
    pub administrative: Color,
    /// Political årshjul entries.
    pub political: Color,
    /// The wheel's outer circle.
    pub wheel: Color,
    /// The wheel's hand at today.
    pub today: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            focus: Color::Cyan,
            border: Color::DarkGray,
            dim: Color::DarkGray,
            overdue: Color::Red,
            success: Color::Green,
            on_track: Color::Green,
            at_risk: Color::Yellow,
            off_track: Color::Red,
            administrative: Color::Green,
            political: Color::Magenta,
            wheel: Color::Gray,
            today: Color::Yellow,
        }
    }
}

impl Palette {
    /// The roles by the names the configuration file uses, in the order
    /// `styr config init` writes them.
    pub const ROLES: [&'static str; 12] = [
        "focus",
        "border",
        "dim",
        "overdue",
        "success",
        "on_track",
        "at_risk",
        "off_track",
        "administrative",
        "political",
        "wheel",
        "today",
    ];

    /// The colour of a role by its name.
    pub fn role_mut(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "focus" => &mut self.focus,
            "border" => &mut self.border,
            "dim" => &mut self.dim,
            "overdue" => &mut self.overdue,
            "success" => &mut self.success,
            "on_track" => &mut self.on_track,
            "at_risk" => &mut self.at_risk,
            "off_track" => &mut self.off_track,
            "administrative" => &mut self.administrative,
            "political" => &mut self.political,
            "wheel" => &mut self.wheel,
            "today" => &mut self.today,
            _ => return None,
        })
    }
}

/// Parses a colour as the configuration file writes it: a name (`red`,
/// `lightblue`, `dark-gray`, `magenta`), `#rrggbb`, or an index `0`–`255`.
pub fn parse_color(text: &str) -> Option<Color> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
    }
    text.parse::<Color>().ok()
}

/// The name of a colour as the configuration file writes it.
pub fn color_name(color: Color) -> String {
    match color {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        other => {
            // Debug writes `DarkGray`; the file writes `dark-gray`.
            let mut name = String::new();
            for (i, c) in format!("{other:?}").chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    name.push('-');
                }
                name.push(c.to_ascii_lowercase());
            }
            name
        }
    }
}

/// The styles of one run, with or without colour (`NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            palette: Palette::default(),
        }
    }

    /// A theme with colour, for tests.
    pub fn colored() -> Self {
        Theme {
            color: true,
            palette: Palette::default(),
        }
    }

    /// The same theme with other colours.
    pub fn with_palette(self, palette: Palette) -> Self {
        Theme { palette, ..self }
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
        self.fg(self.palette.focus).add_modifier(Modifier::BOLD)
    }

    /// The border of a pane without focus.
    pub fn border(self) -> Style {
        self.fg(self.palette.border)
    }

    /// Headings and the active filter.
    pub fn strong(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text.
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(self.palette.dim)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Overdue marks and counts.
    pub fn overdue(self) -> Style {
        self.fg(self.palette.overdue).add_modifier(Modifier::BOLD)
    }

    /// Errors in the status line.
    pub fn error(self) -> Style {
        self.fg(self.palette.overdue).add_modifier(Modifier::BOLD)
    }

    /// Confirmations in the status line.
    pub fn success(self) -> Style {
        self.fg(self.palette.success)
    }

    /// The traffic light of a vurdering.
    pub fn assessment(self, assessment: Option<Assessment>) -> Style {
        match assessment {
            Some(Assessment::Green) => self.fg(self.palette.on_track),
            Some(Assessment::Yellow) => self.fg(self.palette.at_risk),
            Some(Assessment::Red) => self.fg(self.palette.off_track),
            None => self.dim(),
        }
    }

    /// Administrative entries green, political magenta.
    pub fn wheel_kind(self, kind: WheelKind) -> Style {
        match kind {
            WheelKind::Administrative => self.fg(self.palette.administrative),
            WheelKind::Political => self.fg(self.palette.political),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_by_name_hex_and_index_round_trip() {
        assert_eq!(parse_color("red"), Some(Color::Red));
        assert_eq!(parse_color("#1e90ff"), Some(Color::Rgb(0x1e, 0x90, 0xff)));
        assert_eq!(parse_color("dark-gray"), Some(Color::DarkGray));
        assert_eq!(parse_color("208"), Some(Color::Indexed(208)));
        for bad in ["", "#12345", "#ggg000", "rainbow"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
        let palette = Palette::default();
        let mut copy = palette;
        for role in Palette::ROLES {
            let color = *copy.role_mut(role).unwrap();
            assert_eq!(parse_color(&color_name(color)), Some(color), "{role}");
        }
        assert_eq!(copy, palette);
        assert!(copy.role_mut("nope").is_none());
    }
}
