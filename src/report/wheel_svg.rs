//! The årshjul as a standalone SVG: twelve month sectors, årshjul entries on
//! two rings (administrative inside, political outside), assignment
//! deadlines as dots (overdue ones red and larger), and a hand at today.
//!
//! Readable in black and white too, as the printed briefing needs: the two
//! kinds differ by ring and by stroke (administrative solid, political
//! dashed), single days by shape (circle, square), and overdue deadlines by
//! size and an outline, not by colour alone.
//!
//! Written by hand rather than with an SVG crate: the output is a dozen
//! element types, every piece of text goes through [`escape`], and the tests
//! parse it with an XML parser.

use std::f64::consts::TAU;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::domain::text::sanitize_line;
use crate::domain::wheel::{date_angle, day_angle, month_angles, Deadline};
use crate::domain::{Lang, WheelEntry, WheelKind};
use crate::words::calendar;

/// How the SVG is written.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// Width and height in pixels (the wheel is square).
    pub size: u32,
    /// Start with `<?xml …?>` (a standalone file) or not (inlined in HTML).
    pub prolog: bool,
    /// Text in the middle of the wheel under the year, e.g. the municipality.
    pub caption: Option<String>,
    /// The language of the month names, tooltips and legend.
    pub lang: Lang,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            size: 800,
            prolog: true,
            caption: None,
            lang: Lang::Nb,
        }
    }
}

/// Colours of the kinds (administrative green, political magenta), of
/// overdue deadlines and of the hand.
const ADMINISTRATIVE: &str = "#2e7d32";
const POLITICAL: &str = "#c2185b";
const OVERDUE: &str = "#d32f2f";
const HAND: &str = "#f9a825";

/// Text made safe for XML: characters XML forbids (controls) become U+FFFD,
/// and the five markup characters become entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize_line(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The geometry of one drawing.
struct Geometry {
    c: f64,
    r: f64,
}

impl Geometry {
    /// A point at `angle` (clockwise from 12 o'clock) and `radius`.
    fn at(&self, angle: f64, radius: f64) -> (f64, f64) {
        (self.c + radius * angle.sin(), self.c - radius * angle.cos())
    }

    /// An arc's path from a0 to a1 (clockwise) at `radius`.
    fn arc(&self, a0: f64, a1: f64, radius: f64) -> String {
        let (x0, y0) = self.at(a0, radius);
        let (x1, y1) = self.at(a1, radius);
        let large = u8::from(a1 - a0 > TAU / 2.0);
        format!("M{x0:.2} {y0:.2} A{radius:.2} {radius:.2} 0 {large} 1 {x1:.2} {y1:.2}")
    }

    /// A ring sector's path between two radii.
    fn sector(&self, a0: f64, a1: f64, inner: f64, outer: f64) -> String {
        let (x0, y0) = self.at(a0, outer);
        let (x1, y1) = self.at(a1, outer);
        let (x2, y2) = self.at(a1, inner);
        let (x3, y3) = self.at(a0, inner);
        let large = u8::from(a1 - a0 > TAU / 2.0);
        format!(
            "M{x0:.2} {y0:.2} A{outer:.2} {outer:.2} 0 {large} 1 {x1:.2} {y1:.2} \
             L{x2:.2} {y2:.2} A{inner:.2} {inner:.2} 0 {large} 0 {x3:.2} {y3:.2} Z"
        )
    }
}

/// The årshjul of `year` as an SVG document: `entries` on their rings,
/// `deadlines` as dots, the hand at `today` when it falls in the year. Each
/// month sector is a `<path class="month">` with id `month-1` … `month-12`.
pub fn wheel_svg(
    year: i32,
    entries: &[WheelEntry],
    deadlines: &[Deadline],
    today: NaiveDate,
    options: &SvgOptions,
) -> String {
    let size = f64::from(options.size.max(200));
    let g = Geometry {
        c: size / 2.0,
        r: size * 0.40,
    };
    let r = g.r;
    let (r_inner, r_dead, r_adm, r_pol) = (0.36 * r, 0.50 * r, 0.68 * r, 0.86 * r);
    let stroke = (size / 110.0).max(2.0);
    let mut svg = String::new();
    if options.prolog {
        svg.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"arshjul\" width=\"{size}\" height=\"{size}\" \
         viewBox=\"0 0 {size} {size}\" font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">"
    );
    let lang = options.lang;
    let _ = writeln!(
        svg,
        "<title>{}</title>",
        escape(&calendar::wheel_title(year, lang))
    );
    let _ = writeln!(
        svg,
        "<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/>"
    );

    // Month sectors, alternately shaded, with their names outside.
    svg.push_str("<g class=\"months\">\n");
    for m in 1..=12u32 {
        let (a0, a1) = month_angles(year, m);
        let fill = if m % 2 == 0 { "#f2f2f2" } else { "#ffffff" };
        let _ = writeln!(
            svg,
            "<path class=\"month\" id=\"month-{m}\" d=\"{}\" fill=\"{fill}\" stroke=\"#9e9e9e\" stroke-width=\"1\"><title>{}</title></path>",
            g.sector(a0, a1, r_inner, r),
            escape(&calendar::month_title(m, year, lang))
        );
        let (x, y) = g.at((a0 + a1) / 2.0, r + size * 0.045);
        let _ = writeln!(
            svg,
            "<text class=\"month-label\" x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"middle\">{}</text>",
            size * 0.024,
            escape(calendar::month_label(m, lang))
        );
    }
    svg.push_str("</g>\n");

    // Guide circles for the two rings, faint, so an empty ring still reads.
    for (radius, dash) in [(r_adm, ""), (r_pol, " stroke-dasharray=\"2 4\"")] {
        let _ = writeln!(
            svg,
            "<circle cx=\"{c:.2}\" cy=\"{c:.2}\" r=\"{radius:.2}\" fill=\"none\" stroke=\"#bdbdbd\" stroke-width=\"0.8\"{dash}/>",
            c = g.c
        );
    }

    // Årshjul entries: ranges as arcs, single days as a circle (administrative)
    // or a square (political).
    let day = day_angle(year);
    svg.push_str("<g class=\"entries\">\n");
    for entry in entries.iter().filter(|e| e.year == year) {
        let (radius, colour, kind) = match entry.kind {
            WheelKind::Administrative => (r_adm, ADMINISTRATIVE, "administrative"),
            WheelKind::Political => (r_pol, POLITICAL, "political"),
        };
        let a0 = date_angle(entry.start, year).max(0.0);
        let a1 = (date_angle(entry.end, year) + day).min(TAU);
        let tip = escape(&calendar::entry_tip(entry, lang));
        if entry.end > entry.start {
            let dash = match entry.kind {
                WheelKind::Administrative => "",
                WheelKind::Political => " stroke-dasharray=\"10 5\"",
            };
            let _ = writeln!(
                svg,
                "<path class=\"entry {kind}\" d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{:.1}\" stroke-linecap=\"butt\"{dash}><title>{tip}</title></path>",
                g.arc(a0, a1, radius),
                stroke * 2.5
            );
        } else {
            let (x, y) = g.at((a0 + a1) / 2.0, radius);
            let s = stroke * 1.15;
            let shape = match entry.kind {
                WheelKind::Administrative => {
                    format!("<circle cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{s:.2}\"")
                }
                WheelKind::Political => format!(
                    "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"",
                    x - s,
                    y - s,
                    2.0 * s,
                    2.0 * s
                ),
            };
            let _ = writeln!(
                svg,
                "{shape} class=\"entry {kind}\" fill=\"{colour}\" stroke=\"#000000\" stroke-width=\"0.8\"><title>{tip}</title>{}",
                if shape.starts_with("<circle") { "</circle>" } else { "</rect>" }
            );
        }
    }
    svg.push_str("</g>\n");

    // Deadlines on the inner ring; several on one day step inwards; overdue
    // ones last (on top), larger, red and outlined.
    let mut due: Vec<&Deadline> = deadlines.iter().filter(|d| d.date.year() == year).collect();
    due.sort_by_key(|d| (d.overdue, d.date, d.id));
    let mut per_day: std::collections::HashMap<NaiveDate, usize> = Default::default();
    svg.push_str("<g class=\"deadlines\">\n");
    for d in due {
        let n = per_day.entry(d.date).or_insert(0);
        let radius = r_dead - (*n % 4) as f64 * stroke * 2.2;
        *n += 1;
        let (x, y) = g.at(date_angle(d.date, year) + day / 2.0, radius);
        let tip = escape(&calendar::deadline_tip(d, lang));
        let (class, radius, fill, outline) = if d.overdue {
            (
                "deadline overdue",
                stroke * 1.6,
                OVERDUE,
                "#000000\" stroke-width=\"1.5",
            )
        } else {
            ("deadline", stroke * 0.9, "#424242", "none")
        };
        let _ = writeln!(
            svg,
            "<circle class=\"{class}\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{radius:.2}\" fill=\"{fill}\" stroke=\"{outline}\"><title>{tip}</title></circle>"
        );
    }
    svg.push_str("</g>\n");

    // The hand at today.
    if today.year() == year {
        // From the inner ring out, so that the year in the middle stays legible.
        let a = date_angle(today, year) + day / 2.0;
        let (x0, y0) = g.at(a, 0.9 * r_inner);
        let (x, y) = g.at(a, 0.97 * r);
        let _ = writeln!(
            svg,
            "<g class=\"today\"><title>{}</title><line x1=\"{x0:.2}\" y1=\"{y0:.2}\" x2=\"{x:.2}\" y2=\"{y:.2}\" stroke=\"{HAND}\" stroke-width=\"{:.1}\" stroke-linecap=\"round\"/>\
             <line x1=\"{x0:.2}\" y1=\"{y0:.2}\" x2=\"{x:.2}\" y2=\"{y:.2}\" stroke=\"#000000\" stroke-width=\"1\"/>\
             <circle cx=\"{x0:.2}\" cy=\"{y0:.2}\" r=\"{:.1}\" fill=\"#000000\"/></g>",
            escape(&calendar::today(today, lang)),
            stroke * 1.6,
            stroke * 0.8,
        );
    }

    // The year (and caption) in the middle, and a legend in the corner.
    let _ = writeln!(
        svg,
        "<text class=\"year\" x=\"{c:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" font-weight=\"bold\" text-anchor=\"middle\">{year}</text>",
        g.c + size * 0.012,
        size * 0.05,
        c = g.c
    );
    if let Some(caption) = &options.caption {
        let _ = writeln!(
            svg,
            "<text class=\"caption\" x=\"{c:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            g.c + size * 0.045,
            size * 0.022,
            escape(caption),
            c = g.c
        );
    }
    legend(&mut svg, size, stroke, calendar::words(lang));
    svg.push_str("</svg>\n");
    svg
}

/// The key to the marks, in the lower left corner.
fn legend(svg: &mut String, size: f64, stroke: f64, words: &calendar::Calendar) {
    let font = size * 0.018;
    let (x, mut y) = (size * 0.02, size - size * 0.02 - 4.0 * font * 1.5);
    let step = font * 1.5;
    let _ = writeln!(svg, "<g class=\"legend\" font-size=\"{font:.1}\">");
    let rows = [
        (
            format!("<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{ADMINISTRATIVE}\" stroke-width=\"{:.1}\"/>", x + 24.0, stroke * 2.0),
            words.legend_administrative,
        ),
        (
            format!("<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{POLITICAL}\" stroke-width=\"{:.1}\" stroke-dasharray=\"6 3\"/>", y + step, x + 24.0, y + step, stroke * 2.0),
            words.legend_political,
        ),
        (
            format!("<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"#424242\"/>", x + 12.0, y + 2.0 * step, stroke * 0.9),
            words.legend_deadline,
        ),
        (
            format!("<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{OVERDUE}\" stroke=\"#000000\" stroke-width=\"1.5\"/>", x + 12.0, y + 3.0 * step, stroke * 1.6),
            words.legend_overdue,
        ),
    ];
    for (mark, label) in rows {
        let _ = writeln!(
            svg,
            "{mark}<text x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"middle\">{}</text>",
            x + 32.0,
            y,
            escape(label)
        );
        y += step;
    }
    svg.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;

    #[test]
    fn escape_makes_markup_and_controls_safe() {
        assert_eq!(escape("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert!(!escape("x\u{1b}[31m").contains('\u{1b}'));
    }

    #[test]
    fn angles_place_summer_at_the_bottom() {
        let g = Geometry { c: 100.0, r: 50.0 };
        let july = date_angle(parse_date("2023-07-02").unwrap(), 2023);
        let (x, y) = g.at(july, 50.0);
        assert!((x - 100.0).abs() < 2.0 && y > 145.0, "{x} {y}");
    }
}
