//! The årshjul pane: the year as a wheel on a braille canvas, the same
//! entries as a month list, and a full-screen zoom on one month.
//!
//! The canvas uses one unit per braille dot in both directions. A braille
//! cell is 2×4 dots and a terminal cell about twice as tall as wide, so a dot
//! is about square and a circle in these units stays round.

use std::f64::consts::TAU;

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::Widget;

use crate::domain::text::{sanitize_line, truncate, width};
use crate::domain::{WheelEntry, WheelKind};
use crate::tui::strings::{Lang, Strings};
use crate::tui::theme::Theme;

pub use crate::domain::wheel::date_angle;
use crate::domain::wheel::{day_angle, month_angles, month_days};
use crate::domain::Assignment;
pub use crate::tui::state::Deadline;
use crate::words::Label;

/// A reporting period's end or report deadline, drawn as a tick on the rim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodMark {
    pub date: NaiveDate,
    pub title: String,
}

/// What the wheel shows.
pub struct WheelModel<'a> {
    pub year: i32,
    pub today: NaiveDate,
    /// The plan year's årshjul entries, sorted by start.
    pub entries: &'a [WheelEntry],
    /// Deadlines of the assignments in view, by date.
    pub deadlines: &'a [Deadline],
    /// The assignments the deadlines are of, by id: their titles and sectors.
    pub assignments: &'a [Assignment],
    /// Period ends and report deadlines.
    pub marks: &'a [PeriodMark],
    /// 1..=12, the highlighted month.
    pub month: u32,
    /// The chosen entry, shown reversed in the lists.
    pub selected: Option<i64>,
    pub theme: Theme,
    /// The language of the month names and marks.
    pub lang: Lang,
}

impl WheelModel<'_> {
    fn words(&self) -> &'static Strings {
        crate::tui::strings::table(self.lang)
    }
}

/// The smallest radius, in dots, at which the wheel's lanes, marks and
/// month labels can be told apart. Below it the pane lists the months: at
/// 14 to 17 dots the lanes run one or two dots apart and, without colour,
/// the wheel reads as a blob of braille.
pub const MIN_RADIUS: f64 = 18.0;

type Pts = Vec<(f64, f64)>;

/// A month's name from a list of twelve.
fn name(names: &[&'static str; 12], month: u32) -> &'static str {
    names[month.clamp(1, 12) as usize - 1]
}

fn polar(angle: f64, radius: f64) -> (f64, f64) {
    (radius * angle.sin(), radius * angle.cos())
}

/// Points every half dot along an arc.
fn arc(pts: &mut Pts, radius: f64, a0: f64, a1: f64) {
    let n = ((a1 - a0) * radius * 2.0).ceil().clamp(1.0, 20_000.0) as usize;
    pts.extend((0..=n).map(|i| polar(a0 + (a1 - a0) * i as f64 / n as f64, radius)));
}

/// Points every half dot along an arc, two dots drawn and two left out, so
/// that it reads as dashed without colour. `at` is the radius the dashes are
/// measured on, so that the lanes of a thick arc dash together.
fn dashed(pts: &mut Pts, radius: f64, at: f64, a0: f64, a1: f64) {
    let n = ((a1 - a0) * radius * 2.0).ceil().clamp(1.0, 20_000.0) as usize;
    pts.extend((0..=n).filter_map(|i| {
        let a = a0 + (a1 - a0) * i as f64 / n as f64;
        ((a - a0) * at)
            .rem_euclid(4.0)
            .lt(&2.0)
            .then(|| polar(a, radius))
    }));
}

/// Points every half dot along a spoke.
fn ray(pts: &mut Pts, angle: f64, r0: f64, r1: f64) {
    let n = ((r1 - r0) * 2.0).ceil().clamp(1.0, 20_000.0) as usize;
    pts.extend((0..=n).map(|i| polar(angle, r0 + (r1 - r0) * i as f64 / n as f64)));
}

/// A filled dot of radius `rho` dots around a point.
fn blob(pts: &mut Pts, (x, y): (f64, f64), rho: f64) {
    let k = rho.ceil() as i32;
    for (dx, dy) in (-k..=k).flat_map(|dx| (-k..=k).map(move |dy| (dx, dy))) {
        if f64::from(dx * dx + dy * dy) <= rho * rho + 0.01 {
            pts.push((x + f64::from(dx), y + f64::from(dy)));
        }
    }
}

fn color_of(style: Style) -> Color {
    style.fg.unwrap_or(Color::Reset)
}

fn month_of(model: &WheelModel) -> u32 {
    model.month.clamp(1, 12)
}

fn highlighted(t: Theme) -> Style {
    t.selected().add_modifier(Modifier::BOLD)
}

/// The colour report deadlines are drawn in.
const TICK: Color = Color::LightBlue;

/// The legend's items: each mark as the wheel draws it, and what it means.
fn legend_items(model: &WheelModel) -> [(&'static str, Style, &'static str); 6] {
    let (s, t, lang) = (model.words(), model.theme, model.lang);
    let canvas = |c: Color| Style::new().fg(t.canvas_color(c));
    [
        (
            "━",
            t.wheel_kind(WheelKind::Administrative),
            WheelKind::Administrative.label(lang),
        ),
        (
            "┅",
            t.wheel_kind(WheelKind::Political),
            WheelKind::Political.label(lang),
        ),
        ("•", Style::new(), s.legend_deadline),
        ("!", t.overdue(), s.legend_overdue),
        ("┼", canvas(TICK), s.legend_report_deadline),
        ("╱", canvas(t.palette.today), s.legend_today),
    ]
}

fn legend_item(item: (&'static str, Style, &'static str)) -> [Span<'static>; 2] {
    let (mark, style, label) = item;
    [Span::styled(mark, style), Span::raw(format!(" {label}"))]
}

/// The legend as lines of at most `cols` columns, items two spaces apart,
/// never split; `None` when an item alone is wider.
fn legend_flow(model: &WheelModel, cols: u16) -> Option<Vec<Line<'static>>> {
    let mut lines: Vec<Line> = Vec::new();
    for item in legend_items(model) {
        let [mark, label] = legend_item(item);
        let w = mark.width() + label.width();
        if w > usize::from(cols) {
            return None;
        }
        match lines.last_mut() {
            Some(line) if line.width() + 2 + w <= usize::from(cols) => {
                line.spans.extend([Span::raw("  "), mark, label]);
            }
            _ => lines.push(Line::from(vec![mark, label])),
        }
    }
    Some(lines)
}

/// The legend as a column, one item a line.
fn legend_column(model: &WheelModel) -> Vec<Line<'static>> {
    let items = legend_items(model).map(|item| Line::from(legend_item(item).to_vec()));
    items.to_vec()
}

/// The radius in dots of a wheel with its month labels outside, in an area
/// of `cols` × `rows` cells. A cell is 2 dots wide and 4 high; a label needs
/// five columns beside the rim (a blank one, three letters, a margin) and
/// about a row and a half above and below it.
fn radius_for(cols: u16, rows: u16) -> f64 {
    let (half_w, half_h) = (f64::from(cols), 2.0 * f64::from(rows));
    (half_w - 10.0).min(half_h - 6.0).floor()
}

/// The cells a wheel of radius `r` needs with its labels: (columns, rows).
fn wheel_size(r: f64) -> (u16, u16) {
    ((r + 10.0).ceil() as u16, ((r + 6.0) / 2.0).ceil() as u16)
}

/// Where the wheel and its legend go in an area: the legend under the wheel
/// or, when that leaves a bigger wheel, beside it. `None` when the wheel
/// would be too small to read.
struct WheelPlace {
    wheel: Rect,
    radius: f64,
    legend: Rect,
    lines: Vec<Line<'static>>,
    /// What is left under the legend.
    rest: Rect,
}

fn place_wheel(model: &WheelModel, area: Rect) -> Option<WheelPlace> {
    let below = legend_flow(model, area.width)
        .filter(|lines| lines.len() < usize::from(area.height))
        .map(|lines| {
            let rows = area.height - lines.len() as u16;
            (radius_for(area.width, rows), lines)
        });
    let column = legend_column(model);
    let col_w = column.iter().map(Line::width).max().unwrap_or(0) as u16 + 2;
    let beside = (area.width > col_w && usize::from(area.height) >= column.len())
        .then(|| (radius_for(area.width - col_w, area.height), column));
    let beside_better = match (&below, &beside) {
        (Some((rb, _)), Some((rs, _))) => *rs > *rb + 2.0,
        (None, Some(_)) => true,
        _ => false,
    };
    if beside_better {
        let (radius, lines) = beside?;
        if radius < MIN_RADIUS {
            return None;
        }
        let (w, h) = wheel_size(radius);
        let w = w.min(area.width - col_w);
        let wheel = Rect { width: w, ..area };
        let h = (lines.len() as u16).min(h);
        let y = area.y + (area.height - h) / 2;
        let legend = Rect::new(area.x + w + 1, y, area.width - w - 1, h);
        let rest = Rect::new(area.x, area.bottom(), area.width, 0);
        return Some(WheelPlace {
            wheel,
            radius,
            legend,
            lines,
            rest,
        });
    }
    let (radius, lines) = below?;
    if radius < MIN_RADIUS {
        return None;
    }
    let rows = lines.len() as u16;
    let h = wheel_size(radius).1.min(area.height - rows);
    let wheel = Rect { height: h, ..area };
    let legend_w = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let legend = Rect::new(
        area.x + (area.width - legend_w) / 2,
        area.y + h,
        legend_w,
        rows,
    );
    let top = area.y + h + rows;
    let rest = Rect::new(area.x, top, area.width, area.bottom() - top);
    Some(WheelPlace {
        wheel,
        radius,
        legend,
        lines,
        rest,
    })
}

fn draw_legend(place: &WheelPlace, buf: &mut Buffer) {
    for (i, line) in place.lines.iter().enumerate() {
        let y = place.legend.y + i as u16;
        buf.set_line(place.legend.x, y, line, place.legend.width);
    }
}

/// The wheel with its legend, filling `area` (no border; the caller draws
/// the block); the month list instead when the area is too small for a
/// wheel that can be read.
pub fn render_wheel(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(*buf.area());
    match place_wheel(model, area) {
        Some(place) => {
            draw_wheel(model, place.wheel, place.radius, buf, false);
            draw_legend(&place, buf);
        }
        None => render_month_list(model, area, buf),
    }
}

/// The årshjul pane: the wheel with its legend and, in the rows left under
/// them, the next entries; the month list when the pane is too small for a
/// wheel.
pub fn render_pane(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(*buf.area());
    let Some(place) = place_wheel(model, area) else {
        return render_month_list(model, area, buf);
    };
    draw_wheel(model, place.wheel, place.radius, buf, false);
    draw_legend(&place, buf);
    if place.rest.height >= 3 {
        let rest = Rect {
            y: place.rest.y + 1,
            height: place.rest.height - 1,
            ..place.rest
        };
        render_upcoming(model, rest, buf);
    }
}

/// Draws the wheel of radius `r` dots centred in `area`: the rim, the month
/// spokes, årshjul entries on two lanes (administrative inside, solid;
/// political outside, dashed), deadlines as `•` and `!` in a band inside
/// the spokes, report deadlines as ticks across the rim, the hand at today,
/// and the month labels outside.
fn draw_wheel(model: &WheelModel, area: Rect, r: f64, buf: &mut Buffer, emphasise: bool) {
    let (t, year) = (model.theme, model.year);
    let (hx, hy) = (f64::from(area.width), 2.0 * f64::from(area.height));
    // The deadline marks are text cells (2 × 4 dots); the inner ring stays
    // more than a cell's height outside them so no mark covers it.
    let r_dead = (0.34 * r).min(r - 14.0).max(3.0);
    let r_inner = r_dead + 5.0;
    let lane = |f: f64| r_inner + (r - r_inner) * f;
    let (r_adm, r_pol) = (lane(0.36), lane(0.72));
    let big = r >= 30.0;
    let day = day_angle(year);
    let mut strokes: Vec<(Pts, Color)> = Vec::new();

    // The frame: outer circle, inner ring, twelve spokes at the month starts.
    let (mut outer, mut frame) = (Pts::new(), Pts::new());
    arc(&mut outer, r, 0.0, TAU);
    arc(&mut frame, r_inner, 0.0, TAU);
    for m in 1..=12 {
        ray(&mut frame, month_angles(year, m).0, r_inner, r);
    }
    strokes.push((outer, t.canvas_color(t.palette.wheel)));
    strokes.push((frame, t.canvas_color(t.palette.border)));

    if emphasise {
        let (a0, a1) = month_angles(year, month_of(model));
        let mut pts = Pts::new();
        for radius in [r, r - 1.0, r_inner, r_inner + 1.0] {
            arc(&mut pts, radius, a0, a1);
        }
        for a in [a0, a0 + 0.8 / r, a1, a1 - 0.8 / r] {
            ray(&mut pts, a, r_inner, r);
        }
        strokes.push((pts, t.canvas_color(t.palette.focus)));
    }

    // The hand at today, when today falls in the plan year.
    if model.today.year() == year {
        let mut hand = Pts::new();
        ray(&mut hand, date_angle(model.today, year), 0.0, 0.95 * r);
        blob(&mut hand, (0.0, 0.0), 1.0);
        strokes.push((hand, t.canvas_color(t.palette.today)));
    }

    // Årshjul entries, at least five dots long so that a single day shows
    // its dashes too; the chosen one thicker and in the focus colour.
    let min_len = 5.0;
    let mut chosen = None;
    for entry in model.entries {
        let radius = match entry.kind {
            WheelKind::Administrative => r_adm,
            WheelKind::Political => r_pol,
        };
        let (mut a0, mut a1) = (
            date_angle(entry.start, year).max(0.0),
            (date_angle(entry.end, year) + day).min(TAU),
        );
        if a1 <= a0 {
            continue;
        }
        if (a1 - a0) * radius < min_len {
            let mid = (a0 + a1) / 2.0;
            (a0, a1) = (mid - min_len / 2.0 / radius, mid + min_len / 2.0 / radius);
        }
        let selected = model.selected == Some(entry.id);
        let widths: &[f64] = match (big, selected) {
            (true, true) => &[-2.0, -1.0, 0.0, 1.0, 2.0],
            (true, false) | (false, true) => &[-1.0, 0.0, 1.0],
            (false, false) => &[0.0],
        };
        let mut pts = Pts::new();
        for d in widths {
            match entry.kind {
                WheelKind::Administrative => arc(&mut pts, radius + d, a0, a1),
                WheelKind::Political => dashed(&mut pts, radius + d, radius, a0, a1),
            }
        }
        if selected {
            chosen = Some(pts);
        } else {
            strokes.push((pts, color_of(t.wheel_kind(entry.kind))));
        }
    }
    if let Some(pts) = chosen {
        strokes.push((pts, t.canvas_color(t.palette.focus)));
    }

    // Period ends and report deadlines: ticks across the rim.
    let mut ticks = Pts::new();
    for mark in model.marks.iter().filter(|m| m.date.year() == year) {
        let angle = date_angle(mark.date, year) + day / 2.0;
        ray(&mut ticks, angle, r - 2.5, r + 2.0);
    }
    strokes.push((ticks, t.canvas_color(TICK)));

    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-hx, hx])
        .y_bounds([-hy, hy])
        .paint(|ctx| {
            for (pts, color) in &strokes {
                ctx.draw(&Points::new(pts, *color));
            }
        })
        .render(area, buf);
    draw_deadlines(model, area, r_dead, buf);
    draw_labels(model, area, r, buf);
}

/// The cell of `area` a point of the canvas falls in.
fn cell_of(area: Rect, (x, y): (f64, f64)) -> Option<(u16, u16)> {
    let (hx, hy) = (f64::from(area.width), 2.0 * f64::from(area.height));
    let (col, row) = (((x + hx) / 2.0).floor(), ((hy - y) / 4.0).floor());
    let inside = col >= 0.0 && row >= 0.0 && col < hx && row < f64::from(area.height);
    inside.then(|| (area.x + col as u16, area.y + row as u16))
}

/// Deadlines as text in the band inside the spokes: `!` where one in the
/// cell is overdue, `•` otherwise. Thousands of deadlines fall on a few
/// dozen cells, so each cell is written once.
fn draw_deadlines(model: &WheelModel, area: Rect, radius: f64, buf: &mut Buffer) {
    let (t, year) = (model.theme, model.year);
    let day = day_angle(year);
    let mut cells: Vec<((u16, u16), bool)> = Vec::new();
    for day_group in year_slice(model.deadlines, year).chunk_by(|a, b| a.date == b.date) {
        let angle = date_angle(day_group[0].date, year) + day / 2.0;
        let overdue = day_group.iter().any(|d| d.overdue);
        if let Some(cell) = cell_of(area, polar(angle, radius)) {
            match cells.iter_mut().find(|(c, _)| *c == cell) {
                Some((_, late)) => *late |= overdue,
                None => cells.push((cell, overdue)),
            }
        }
    }
    for ((x, y), overdue) in cells {
        let (mark, style) = if overdue {
            ("!", t.overdue())
        } else {
            ("•", Style::new())
        };
        buf[(x, y)].set_symbol(mark).set_style(style);
    }
}

/// Month labels outside the rim, each with a blank column between it and
/// anything drawn; the highlighted month is placed first and reversed. A
/// label that finds no clear place inside the area is left out.
fn draw_labels(model: &WheelModel, area: Rect, r: f64, buf: &mut Buffer) {
    let month = month_of(model);
    let (hx, hy) = (f64::from(area.width), 2.0 * f64::from(area.height));
    let mut order: Vec<u32> = (1..=12).filter(|&m| m != month).collect();
    order.insert(0, month);
    let hl = highlighted(model.theme);
    let clear = |buf: &Buffer, x: u16, y: u16| {
        let (from, to) = (x.saturating_sub(1).max(area.x), (x + 4).min(area.right()));
        (from..to).all(|x| buf[(x, y)].symbol() == " ")
    };
    let mut spots: [Option<(u16, u16, Style)>; 12] = [None; 12];
    for m in order {
        let (a0, a1) = month_angles(model.year, m);
        let a = (a0 + a1) / 2.0;
        let spot = (0..16).find_map(|step| {
            let (x, y) = polar(a, r + 2.0 + f64::from(step));
            let (col, row) = (((x + hx) / 2.0 - 1.5).round(), ((hy - y) / 4.0).floor());
            if col < 0.0 || row < 0.0 || col + 3.0 > hx || row >= f64::from(area.height) {
                return None;
            }
            let (x, y) = (area.x + col as u16, area.y + row as u16);
            clear(buf, x, y).then_some((x, y))
        });
        if let Some((x, y)) = spot {
            let style = if m == month { hl } else { Style::new() };
            let label = name(crate::words::terms::months_short(model.lang), m);
            buf.set_stringn(x, y, label, 3, style);
            spots[m as usize - 1] = Some((x, y, style));
        }
    }
    // Months across the wheel's axis from each other (jan and des, jun and
    // jul) sit on one row: where one had to go a row further out, the other
    // follows when that row is clear, so the labels read level.
    for m in 1..=6u32 {
        let (left, right) = (spots[m as usize - 1], spots[12 - m as usize]);
        let (Some(a), Some(b)) = (left, right) else {
            continue;
        };
        if a.1 == b.1 {
            continue;
        }
        let (a0, a1) = month_angles(model.year, m);
        let upper = ((a0 + a1) / 2.0).cos() > 0.0;
        let further = if upper { a.1.min(b.1) } else { a.1.max(b.1) };
        let (moved, month_moved) = if a.1 == further { (b, 13 - m) } else { (a, m) };
        let (x, y, style) = moved;
        buf.set_stringn(x, y, "   ", 3, Style::new());
        if clear(buf, x, further) {
            let label = name(crate::words::terms::months_short(model.lang), month_moved);
            buf.set_stringn(x, further, label, 3, style);
        } else {
            let label = name(crate::words::terms::months_short(model.lang), month_moved);
            buf.set_stringn(x, y, label, 3, style);
        }
    }
}

/// An årshjul entry or a deadline, for the lists.
#[derive(Clone, Copy)]
enum Item<'a> {
    Entry(&'a WheelEntry),
    /// A deadline and its assignment (`None` only if it is not loaded).
    Deadline(&'a Deadline, Option<&'a Assignment>),
    Mark(&'a PeriodMark),
}

/// The entries and deadlines of a month, by date: entries that start in it
/// (or, with `overlapping`, that touch it) and deadlines that fall in it.
fn month_items<'a>(model: &WheelModel<'a>, month: u32, overlapping: bool) -> Vec<Item<'a>> {
    let span = month_days(model.year, month);
    let touches = |e: &&WheelEntry| match (overlapping, span) {
        (true, Some((first, last))) => e.start <= last && e.end >= first,
        _ => e.start.month() == month,
    };
    let mut items = Vec::new();
    items.extend(model.entries.iter().filter(touches).map(Item::Entry));
    items.extend(month_deadlines(model, month).iter().map(|d| {
        let at = model.assignments.binary_search_by_key(&d.id, |a| a.id);
        Item::Deadline(d, at.ok().map(|at| &model.assignments[at]))
    }));
    items.extend(month_marks(model, month).map(Item::Mark));
    items.sort_by_key(|item| match item {
        Item::Entry(e) => (e.start, 0),
        Item::Mark(m) => (m.date, 1),
        Item::Deadline(d, _) => (d.date, 2),
    });
    items
}

/// The period marks in a month of the plan year.
fn month_marks<'a>(model: &WheelModel<'a>, month: u32) -> impl Iterator<Item = &'a PeriodMark> {
    let year = model.year;
    model
        .marks
        .iter()
        .filter(move |m| m.date.year() == year && m.date.month() == month)
}

/// How many items [`month_items`] lists for a month, without listing them.
fn month_len(model: &WheelModel, month: u32) -> usize {
    let entries = model.entries.iter().filter(|e| e.start.month() == month);
    entries.count() + month_deadlines(model, month).len() + month_marks(model, month).count()
}

/// The deadlines (by date) that fall in a year.
fn year_slice(deadlines: &[Deadline], year: i32) -> &[Deadline] {
    let from = deadlines.partition_point(|d| d.date.year() < year);
    let to = deadlines.partition_point(|d| d.date.year() <= year);
    &deadlines[from..to]
}

/// The deadlines (by date) that fall in a month of the plan year.
fn month_deadlines<'a>(model: &WheelModel<'a>, month: u32) -> &'a [Deadline] {
    let year = year_slice(model.deadlines, model.year);
    let from = year.partition_point(|d| d.date.month() < month);
    let to = year.partition_point(|d| d.date.month() <= month);
    &year[from..to]
}

/// One list row: date, mark (A/P for entries, • or ! for deadlines), title,
/// and with `detail` the kind or sector after it (sector always for deadlines).
fn item_line(item: Item, t: Theme, cols: usize, detail: bool, lang: Lang) -> Line<'static> {
    let s = crate::tui::strings::table(lang);
    let compact = cols < 28;
    let dm = |d: NaiveDate| lang.day_month(d);
    let (date, mark, mark_style, title, suffix, late) = match item {
        Item::Entry(e) => {
            let range = e.end > e.start && !compact;
            let end = if range {
                format!("–{}", dm(e.end))
            } else {
                String::new()
            };
            let mark = match e.kind {
                WheelKind::Administrative => s.administrative_mark,
                WheelKind::Political => s.political_mark,
            };
            let suffix = match (&e.sector, detail) {
                (_, false) => String::new(),
                (Some(s), true) => {
                    format!("{}, {}", e.kind.label(lang), sanitize_line(s))
                }
                (None, true) => e.kind.label(lang).to_string(),
            };
            let style = t.wheel_kind(e.kind).add_modifier(Modifier::BOLD);
            (
                dm(e.start) + &end,
                mark,
                style,
                e.title.as_str(),
                suffix,
                false,
            )
        }
        Item::Mark(m) => (
            dm(m.date),
            "◆",
            t.strong(),
            m.title.as_str(),
            String::new(),
            false,
        ),
        Item::Deadline(d, a) => {
            let mark = if d.overdue { "!" } else { "•" };
            let style = if d.overdue { t.overdue() } else { t.strong() };
            let (sector, title) =
                a.map_or(("", ""), |a| (a.lead_sector.as_str(), a.title.as_str()));
            let (sector, late) = (sanitize_line(sector).into_owned(), d.overdue && detail);
            (dm(d.date), mark, style, title, sector, late)
        }
    };
    let pad = if compact { 5 } else { 11 };
    let date = format!(" {date:<pad$}");
    let title = truncate(&sanitize_line(title), cols.saturating_sub(width(&date) + 3)).into_owned();
    let mut used = width(&date) + 3 + width(&title);
    let mut spans = vec![
        Span::styled(date, t.dim()),
        Span::raw(" "),
        Span::styled(mark, mark_style),
        Span::raw(" "),
        Span::raw(title),
    ];
    if !suffix.is_empty() && used < cols {
        let suffix = truncate(&format!(" · {suffix}"), cols - used).into_owned();
        used += width(&suffix);
        spans.push(Span::styled(suffix, t.dim()));
    }
    let overdue = format!(" {}", s.overdue);
    if late && used + width(&overdue) <= cols {
        spans.push(Span::styled(overdue, t.overdue()));
    }
    Line::from(spans)
}

/// The chosen entry's line, reversed (readable without colour).
fn mark_selected(model: &WheelModel, item: Item, line: Line<'static>) -> Line<'static> {
    match item {
        Item::Entry(e) if Some(e.id) == model.selected => {
            line.patch_style(model.theme.selected().add_modifier(Modifier::BOLD))
        }
        _ => line,
    }
}

/// A row of text styled across the whole width (headings).
fn heading(buf: &mut Buffer, row: Rect, text: &str, style: Style) {
    buf.set_style(row, style);
    let text = truncate(text, row.width as usize);
    buf.set_stringn(row.x, row.y, &text, row.width as usize, style);
}

/// The same entries and deadlines as a month list (month headings, entries with dd.mm and kind mark, deadlines), the highlighted month's heading in bold/reversed; starts at the highlighted month's heading if the list is longer than the area.
pub fn render_month_list(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(*buf.area());
    let (t, month, months) = (
        model.theme,
        month_of(model),
        crate::words::terms::months(model.lang),
    );
    // Each month takes a heading row and a row per item. Only the months in
    // view are listed: a month can hold thousands of deadlines.
    let lens: Vec<usize> = (1..=12).map(|m| 1 + month_len(model, m)).collect();
    let total: usize = lens.iter().sum();
    let highlight: usize = lens[..month as usize - 1].iter().sum();
    // Start at the highlighted heading, but show a full area near the end.
    let height = area.height as usize;
    let start = highlight.min(total.saturating_sub(height));
    let (mut first_row, mut y) = (0, 0);
    for (m, len) in (1..=12).zip(lens) {
        if first_row + len <= start {
            first_row += len;
            continue;
        }
        if y >= height {
            break;
        }
        // Each row is a month heading (Ok) or an item under it (Err).
        let rows = std::iter::once(Ok(m)).chain(month_items(model, m, false).into_iter().map(Err));
        for row in rows.skip(start.saturating_sub(first_row)).take(height - y) {
            let line = Rect::new(area.x, area.y + y as u16, area.width, 1);
            match row {
                Ok(m) if m == month => heading(buf, line, name(months, m), highlighted(t)),
                Ok(m) => heading(buf, line, name(months, m), t.strong()),
                Err(item) => {
                    let text = mark_selected(
                        model,
                        item,
                        item_line(item, t, area.width as usize, false, model.lang),
                    );
                    buf.set_line(line.x, line.y, &text, line.width);
                }
            }
            y += 1;
        }
        first_row += len;
    }
}

/// The next årshjul entries from today on (those under way first), under a
/// heading, one a row, as many as fit.
pub fn render_upcoming(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(*buf.area());
    if area.height < 2 || area.width < 12 {
        return;
    }
    let t = model.theme;
    heading(
        buf,
        Rect { height: 1, ..area },
        model.words().wheel_upcoming,
        t.strong(),
    );
    let upcoming = model.entries.iter().filter(|e| e.end >= model.today);
    for (i, entry) in upcoming.take(area.height as usize - 1).enumerate() {
        let item = Item::Entry(entry);
        let line = mark_selected(
            model,
            item,
            item_line(item, t, area.width as usize, false, model.lang),
        );
        buf.set_line(area.x, area.y + 1 + i as u16, &line, area.width);
    }
}

/// Where the zoomed wheel and its list go: side by side when the area is
/// wide, stacked when it is tall and narrow; no list when it would not fit.
fn zoom_split(area: Rect) -> (Rect, Option<Rect>) {
    let (w, h) = (u32::from(area.width), u32::from(area.height));
    let (wheel, list) = if w >= 2 * h {
        let wheel_w = (2 * h + 12).min(w * 3 / 5) as u16;
        let list_w = area.width.saturating_sub(wheel_w + 1);
        let list = Rect::new(area.x + wheel_w + 1, area.y, list_w, area.height);
        (
            Rect {
                width: wheel_w,
                ..area
            },
            list,
        )
    } else {
        let wheel_h = (w / 2 + 3).min(h * 3 / 5) as u16;
        let list_h = area.height.saturating_sub(wheel_h + 1);
        let list = Rect::new(area.x, area.y + wheel_h + 1, area.width, list_h);
        (
            Rect {
                height: wheel_h,
                ..area
            },
            list,
        )
    };
    if list.width < 16 || list.height < 3 {
        (area, None)
    } else {
        (wheel, Some(list))
    }
}

/// Full-screen zoom: the wheel large on the left (or top when the area is tall and narrow) with the highlighted month's sector emphasised, and on the right that month's entries and deadlines listed (date, title, kind or sector, overdue mark).
pub fn render_zoomed(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(*buf.area());
    let (wheel, list) = zoom_split(area);
    match (place_wheel(model, wheel), list) {
        (Some(place), list) => {
            draw_wheel(model, place.wheel, place.radius, buf, true);
            draw_legend(&place, buf);
            if let Some(list) = list {
                month_detail(model, list, buf);
            }
        }
        // Too small for a wheel: the month's list takes the whole area.
        (None, _) => month_detail(model, area, buf),
    }
}

/// The highlighted month's entries (all that touch it) and deadlines, with
/// a legend at the bottom when there is room.
fn month_detail(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let (s, t, month) = (model.words(), model.theme, month_of(model));
    if area.is_empty() {
        return;
    }
    let cols = area.width as usize;
    let title = format!(
        "{} {}",
        name(crate::words::terms::months(s.lang), month),
        model.year
    );
    heading(buf, Rect { height: 1, ..area }, &title, highlighted(t));
    let items = month_items(model, month, true);
    let mut room = (area.height as usize).saturating_sub(2);
    let legend = room > items.len() + 1 && width(s.wheel_legend) <= cols;
    if legend {
        room -= 2;
        buf.set_stringn(area.x, area.bottom() - 1, s.wheel_legend, cols, t.dim());
    }
    let (x, y) = (area.x, area.y + 2);
    if items.is_empty() && room > 0 {
        let none = format!(" {}", s.wheel_no_entries);
        buf.set_stringn(x, y, none, cols, t.dim());
    }
    let overflow = items.len() > room;
    let shown = if overflow {
        room.saturating_sub(1)
    } else {
        items.len()
    };
    for (i, item) in items.iter().take(shown).enumerate() {
        let line = mark_selected(model, *item, item_line(*item, t, cols, true, model.lang));
        buf.set_line(x, y + i as u16, &line, area.width);
    }
    if overflow && room > 0 {
        let more = format!(" {}", s.and_more(items.len() - shown));
        buf.set_stringn(x, y + shown as u16, &more, cols, t.dim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, d).unwrap()
    }

    fn entry(start: (u32, u32), end: (u32, u32), title: &str, political: bool) -> WheelEntry {
        let kind = [WheelKind::Administrative, WheelKind::Political][usize::from(political)];
        let (start, end) = (date(start.0, start.1), date(end.0, end.1));
        let (title, tags, note) = (title.to_string(), Vec::new(), String::new());
        WheelEntry {
            id: 1,
            year: 2023,
            start,
            end,
            title,
            kind,
            sector: None,
            tags,
            note,
        }
    }

    /// An assignment with a deadline, and the deadline as the wheel has it.
    fn deadline(id: i64, m: u32, d: u32, overdue: bool, title: &str) -> (Assignment, Deadline) {
        let date = date(m, d);
        let assignment = Assignment {
            id,
            year: 2023,
            title: title.to_string(),
            lead_sector: "SOS".to_string(),
            due: Some(date),
            status: crate::domain::Status::InProgress,
            version: 1,
            ..Assignment::placeholder()
        };
        (assignment, Deadline { id, date, overdue })
    }

    fn data() -> (Vec<WheelEntry>, Vec<Assignment>, Vec<Deadline>) {
        let entries = vec![
            entry((5, 15), (5, 26), "Styringsdialog", false),
            entry((6, 14), (6, 14), "Tertialrapport politisk", true),
            entry((9, 1), (9, 12), "Rapportering 2. tertial", false),
            entry((10, 6), (10, 6), "Statsbudsjettet", false),
            entry((11, 1), (11, 30), "Budsjett \x1b[31mbehandling", true),
        ];
        let (assignments, deadlines) = [
            deadline(1, 5, 10, true, "Overdue task"),
            deadline(2, 9, 20, false, "Septemberfrist"),
            deadline(3, 10, 20, false, "Oktoberfrist"),
        ]
        .into_iter()
        .unzip();
        let entries = (1..).zip(entries).map(|(id, e)| WheelEntry { id, ..e });
        (entries.collect(), assignments, deadlines)
    }

    type Render = fn(&WheelModel, Rect, &mut Buffer);

    /// Renders the test data into `area` of a buffer, as rows of text.
    fn render_in(f: Render, month: u32, color: bool, buffer: Rect, area: Rect) -> Vec<String> {
        let (entries, assignments, deadlines) = data();
        let (today, theme) = (
            date(6, 1),
            Theme {
                color,
                palette: Default::default(),
            },
        );
        let (entries, deadlines) = (&entries[..], &deadlines[..]);
        let model = WheelModel {
            year: 2023,
            today,
            entries,
            deadlines,
            assignments: &assignments,
            marks: &[],
            month,
            theme,
            selected: None,
            lang: Lang::Nb,
        };
        let mut buf = Buffer::empty(buffer);
        f(&model, area, &mut buf);
        let row = |y| {
            (0..buffer.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        };
        (0..buffer.height).map(row).collect()
    }

    fn render(f: Render, month: u32, color: bool, w: u16, h: u16) -> Vec<String> {
        let area = Rect::new(0, 0, w, h);
        render_in(f, month, color, area, area)
    }

    fn braille(rows: &[String]) -> Vec<(usize, usize)> {
        let is_braille = |c: &char| ('\u{2801}'..='\u{28FF}').contains(c);
        let cells = rows.iter().enumerate().flat_map(|(y, row)| {
            row.chars()
                .enumerate()
                .filter(move |(_, c)| is_braille(c))
                .map(move |(x, _)| (x, y))
        });
        cells.collect()
    }

    /// Renders into a buffer of `w` × `h` without styles, to compare by text.
    fn plain_buffer(f: Render, month: u32, w: u16, h: u16) -> Buffer {
        let rows = render(f, month, false, w, h);
        let mut buf = Buffer::with_lines(rows);
        buf.set_style(buf.area, Style::reset());
        buf
    }

    #[test]
    fn the_wheel_at_its_smallest_has_labels_clear_of_the_rim_and_a_legend() {
        let expected = Buffer::with_lines([
            "          des  jan          ",
            "    nov   ⣀⣠⠤⠤⡤⠤⣄⣀   feb    ",
            "       ⢀⠴⠺⡅   ⡇  ⢨⠗⠦⡀       ",
            "      ⣴⢣⠘⠁⠘⣆⣀⣀⣇⣀⣰⠃  ⢘⣦      ",
            " okt ⡸⠁⠉⠲⢤⡴⠋⠁  ⠈⠙⢦⠤⠚⠁⠈⢇ mar ",
            "     ⡇ ⢀⡇⢸⠁ • ⡀  ⠈⣇⣀⣀⣀⣸     ",
            "     ⡏⠉⠉⡏⢹⡀ •⠈⢣! ⢀⡇   ⢸     ",
            " sep ⢹⡀⣀⠵⡞⠳⣄⡀  ⢱⣤⠞⢙⠢⢄⣀⡏ apr ",
            "      ⠹⡅  ⢀⠏⠉⠉⡏⠉⠙⣖⠁ ⢠⠎      ",
            "       ⠈⠢⣤⡏   ⡇⠤⠠⢚⣦⠔⠁       ",
            "    aug   ⠉⠑⠒⠒⠓⠒⠊⠉   mai    ",
            "          jul  jun          ",
            "━ administrativ  ┅ politisk ",
            "• frist  ! forfalt          ",
            "┼ rapportfrist  ╱ i dag     ",
        ]);
        assert_eq!(plain_buffer(render_wheel, 6, 28, 15), expected);
    }

    #[test]
    fn months_across_the_axis_from_each_other_are_labelled_on_one_row() {
        let names = crate::words::terms::months_short(Lang::Nb);
        for (w, h) in [
            (28, 15),
            (60, 30),
            (80, 40),
            (100, 43),
            (118, 31),
            (156, 42),
        ] {
            for f in [render_wheel as Render, render_zoomed] {
                let rows = render(f, 9, false, w, h);
                let row_of = |m: u32| {
                    let label = name(names, m);
                    rows.iter()
                        .position(|r| r.split_whitespace().any(|word| word == label))
                };
                for m in 1..=6 {
                    if let (Some(a), Some(b)) = (row_of(m), row_of(13 - m)) {
                        assert_eq!(
                            a,
                            b,
                            "{w}×{h}: month {m} and {}\n{}",
                            13 - m,
                            rows.join("\n")
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn below_the_smallest_wheel_the_pane_lists_the_months() {
        let expected = Buffer::with_lines([
            "juni                          ",
            " 14.06       P Tertialrapport…",
            "juli                          ",
            "august                        ",
            "september                     ",
            " 01.09–12.09 A Rapportering 2…",
            " 20.09       • Septemberfrist…",
            "oktober                       ",
            " 06.10       A Statsbudsjettet",
            " 20.10       • Oktoberfrist ·…",
        ]);
        assert_eq!(plain_buffer(render_wheel, 6, 30, 10), expected);
        assert_eq!(plain_buffer(render_pane, 6, 30, 10), expected);
        // One column less than the wheel above needs.
        let narrow = render(render_wheel, 6, false, 27, 15);
        assert!(braille(&narrow).is_empty(), "{}", narrow.join("\n"));
    }

    #[test]
    fn the_chosen_entry_is_drawn_thicker() {
        let dots = |selected: Option<i64>| {
            let (entries, assignments, deadlines) = data();
            let model = WheelModel {
                year: 2023,
                today: date(6, 1),
                entries: &entries,
                deadlines: &deadlines,
                assignments: &assignments,
                marks: &[],
                month: 6,
                theme: Theme {
                    color: false,
                    palette: Default::default(),
                },
                selected,
                lang: Lang::Nb,
            };
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 20));
            render_wheel(&model, buf.area, &mut buf);
            let cells = buf
                .content
                .iter()
                .map(|c| c.symbol().chars().next().unwrap());
            cells
                .filter(|c| ('\u{2801}'..='\u{28FF}').contains(c))
                .map(|c| (c as u32 - 0x2800).count_ones())
                .sum::<u32>()
        };
        let (chosen, none) = (dots(Some(5)), dots(None));
        assert!(chosen > none + 5, "{chosen} {none}");
    }

    #[test]
    fn date_angle_runs_clockwise_through_the_year() {
        assert_eq!(date_angle(date(1, 1), 2023), 0.0);
        assert!((date_angle(date(7, 1), 2023) - PI).abs() < 0.05);
        assert!(TAU - date_angle(date(12, 31), 2023) < 0.05);
        let days = date(1, 1).iter_days().take_while(|d| d.year() == 2023);
        let angles: Vec<f64> = days.map(|d| date_angle(d, 2023)).collect();
        assert!(angles.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn wheel_has_braille_and_labels_with_and_without_colour() {
        for color in [true, false] {
            let rows = render(render_wheel, 5, color, 40, 20);
            let text = rows.join("\n");
            assert!(!braille(&rows).is_empty(), "{text}");
            assert!(text.contains("jan") && text.contains("jul"), "{text}");
            // The overdue deadline is a "!", with and without colour.
            assert!(text.contains('!'), "{text}");
        }
    }

    #[test]
    fn wheel_stays_round() {
        for (w, h) in [(80, 20), (30, 30), (40, 20)] {
            let cells = braille(&render(render_wheel, 1, true, w, h));
            let span = |f: fn(&(usize, usize)) -> usize| {
                cells.iter().map(f).max().unwrap() - cells.iter().map(f).min().unwrap() + 1
            };
            let ratio = span(|c| c.0) as f64 / span(|c| c.1) as f64;
            assert!((1.6..=2.4).contains(&ratio), "{w}x{h}: {ratio}");
        }
    }

    #[test]
    fn month_list_groups_by_month_and_marks_overdue() {
        let rows = render(render_month_list, 5, false, 40, 20);
        let text = rows.join("\n");
        let find = |s: &str| rows.iter().position(|r| r.contains(s)).expect(s);
        let mai = rows.iter().position(|r| r.trim() == "mai").expect(&text);
        let dialog = find("Styringsdialog");
        assert!(mai < dialog && dialog < find("juni"), "{text}");
        assert!(rows[dialog].contains("15.05") && rows[dialog].contains(" A "));
        assert!(rows[find("Overdue task")].contains(" ! "), "{text}");
        assert!(rows[find("Budsjett")].contains(" P ") && !text.contains('\x1b'));
        // A list longer than the area starts at the highlighted heading.
        let rows = render(render_month_list, 9, true, 30, 6);
        assert_eq!(rows[0].trim(), "september");
    }

    #[test]
    fn a_short_month_list_is_a_window_on_the_whole_one() {
        let whole = render(render_month_list, 1, false, 40, 40);
        let total = whole.iter().rposition(|r| !r.trim().is_empty()).unwrap() + 1;
        for month in 1..=12 {
            let heading = whole
                .iter()
                .position(|r| r.trim() == name(crate::words::terms::months(Lang::Nb), month))
                .unwrap();
            for height in [1u16, 3, 6] {
                let (h, start) = (
                    usize::from(height),
                    heading.min(total - usize::from(height)),
                );
                let rows = render(render_month_list, month, false, 40, height);
                assert_eq!(rows, whole[start..start + h], "{month} {height}");
            }
        }
    }

    #[test]
    fn zoom_lists_the_highlighted_month_only() {
        for color in [true, false] {
            let rows = render(render_zoomed, 10, color, 120, 35);
            let text = rows.join("\n");
            assert!(!braille(&rows).is_empty());
            for s in "oktober 2023|Statsbudsjettet|Oktoberfrist|administrativ|SOS".split('|') {
                assert!(text.contains(s), "{s}\n{text}");
            }
            for s in "Rapportering 2. tertial|Septemberfrist|Styringsdialog".split('|') {
                assert!(!text.contains(s), "{s}\n{text}");
            }
        }
    }

    #[test]
    fn every_size_renders_without_panic() {
        let sizes = |max: u16| (0..=max).step_by(3).chain([1, 2, 4, 5, 7, 8]);
        for (w, h) in sizes(60).flat_map(|w| sizes(30).map(move |h| (w, h))) {
            for f in [render_wheel as Render, render_month_list, render_zoomed] {
                render(f, [0, 1, 12, 13][usize::from(w % 4)], h % 2 == 0, w, h);
                // An area offset inside a larger buffer, and one reaching past it.
                let buffer = Rect::new(0, 0, 70, 40);
                render_in(f, 3, true, buffer, Rect::new(5, 3, w, h));
                render_in(f, 3, true, buffer, Rect::new(60, 35, w, h));
            }
        }
    }
}
