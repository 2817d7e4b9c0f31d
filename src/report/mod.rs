//! Documents made from the data: the årshjul as SVG and as an iCalendar
//! file (and, in time, the director's briefing). Pure functions: data in,
//! text out; the CLI writes them.

pub mod ics;
pub mod wheel_svg;

pub use ics::{wheel_ics, IcsInput};
pub use wheel_svg::{wheel_svg, SvgOptions};

/// The months as the reports write them.
pub const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
