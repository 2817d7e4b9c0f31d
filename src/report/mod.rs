//! Documents made from the data for people outside the terminal: the
//! director's briefing, the årshjul as SVG and as an iCalendar file, the
//! assignments as a spreadsheet. Pure:
//! callers read the store and pass the data in.

pub mod brief;
pub mod council;
pub mod ics;
pub mod sheet;
pub mod wheel_svg;

pub use ics::{wheel_ics, IcsInput};
pub use wheel_svg::{wheel_svg, SvgOptions};
