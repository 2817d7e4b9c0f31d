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

/// Below this many columns or rows no wheel is drawn.
const MIN_W: u16 = 8;
const MIN_H: u16 = 4;

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

/// For areas too small for a wheel: the highlighted month's short name.
fn tiny_label(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    if area.width >= 3 && area.height >= 1 {
        let (y, style) = (area.y + area.height / 2, model.theme.strong());
        let label = name(crate::words::terms::months_short(model.lang), model.month);
        buf.set_stringn(area.x, y, label, 3, style);
    }
}

/// The wheel itself on a braille Canvas, filling `area` (no border; the caller draws the block).
pub fn render_wheel(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    draw_wheel(model, area, buf, false);
}

fn draw_wheel(model: &WheelModel, area: Rect, buf: &mut Buffer, emphasise: bool) {
    let area = area.intersection(*buf.area());
    if area.width < MIN_W || area.height < MIN_H {
        return tiny_label(model, area, buf);
    }
    let (t, year) = (model.theme, model.year);
    // Half the area in dots; labels outside need about four columns (8 dots)
    // beside the circle and one row (4 dots) above and below it.
    let (hx, hy) = (f64::from(area.width), 2.0 * f64::from(area.height));
    let fit = (hx - 9.0).min(hy - 5.0);
    let outside = fit >= 8.0;
    let r = if outside { fit } else { hx.min(hy) - 1.0 };
    let (r_inner, r_dead, r_adm, r_pol) = (0.40 * r, 0.58 * r, 0.74 * r, 0.88 * r);
    let big = r >= 24.0;
    let dot = if big { 1.5 } else { 1.0 };
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
        for radius in [r, r - 1.0, r - 2.0, r_inner, r_inner + 1.0] {
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
        blob(&mut hand, (0.0, 0.0), dot);
        strokes.push((hand, t.canvas_color(t.palette.today)));
    }

    // Årshjul entries: administrative on one lane, political on the outer one.
    for entry in model.entries {
        let lane = match entry.kind {
            WheelKind::Administrative => r_adm,
            WheelKind::Political => r_pol,
        };
        let a0 = date_angle(entry.start, year).max(0.0);
        let a1 = (date_angle(entry.end, year) + day).min(TAU);
        if a1 <= a0 {
            continue;
        }
        let mut pts = Pts::new();
        if entry.end <= entry.start {
            blob(&mut pts, polar((a0 + a1) / 2.0, lane), dot);
        } else {
            let lanes: &[f64] = if big { &[-1.0, 0.0, 1.0] } else { &[0.0] };
            lanes.iter().for_each(|d| arc(&mut pts, lane + d, a0, a1));
        }
        strokes.push((pts, color_of(t.wheel_kind(entry.kind))));
    }

    // Deadlines on the inner ring; several on one day stack inwards; the
    // overdue ones are drawn last, larger, and without colour also as "!".
    // Thousands of deadlines fall on a few hundred spots: each spot (day,
    // ring, overdue or not) is drawn once, not once per deadline. On a day
    // the ones not overdue take the first rings, the overdue the next.
    let this_year = year_slice(model.deadlines, year);
    let (mut normal, mut late, mut marks) = (Pts::new(), Pts::new(), Pts::new());
    for day_group in this_year.chunk_by(|a, b| a.date == b.date) {
        let date = day_group[0].date;
        let overdue = day_group.iter().filter(|d| d.overdue).count();
        let on_time = day_group.len() - overdue;
        let rings = |from: usize, count: usize| -> Vec<usize> {
            let mut rings: Vec<usize> = (from..from + count.min(3))
                .map(|n| if big { n % 3 } else { 0 })
                .collect();
            rings.sort_unstable();
            rings.dedup();
            rings
        };
        let angle = date_angle(date, year) + day / 2.0;
        for ring in rings(0, on_time) {
            blob(&mut normal, polar(angle, r_dead - ring as f64 * 3.5), 1.0);
        }
        for ring in rings(on_time, overdue) {
            let at = polar(angle, r_dead - ring as f64 * 3.5);
            blob(&mut late, at, dot + 0.5);
            marks.push(at);
        }
    }
    strokes.push((normal, t.canvas_color(Color::Reset)));
    strokes.push((late, color_of(t.overdue())));

    // Period ends and report deadlines: ticks across the rim.
    let mut ticks = Pts::new();
    for mark in model.marks.iter().filter(|m| m.date.year() == year) {
        ray(
            &mut ticks,
            date_angle(mark.date, year) + day / 2.0,
            0.92 * r,
            r + 1.5,
        );
    }
    strokes.push((ticks, t.canvas_color(Color::LightBlue)));

    Canvas::default()
        .marker(Marker::Braille)
        .x_bounds([-hx, hx])
        .y_bounds([-hy, hy])
        .paint(|ctx| {
            for (pts, color) in &strokes {
                ctx.draw(&Points::new(pts, *color));
            }
            if !t.color {
                for &(x, y) in &marks {
                    ctx.print(x, y, Span::styled("!", t.overdue()));
                }
            }
        })
        .render(area, buf);
    draw_labels(model, area, (hx, hy, r, outside), buf);
}

/// Month labels around the outside, or only January and the highlighted
/// month inside the ring when space is short; a label that would not fit or
/// would overlap another is dropped.
fn draw_labels(model: &WheelModel, area: Rect, g: (f64, f64, f64, bool), buf: &mut Buffer) {
    let ((hx, hy, r, outside), month) = (g, month_of(model));
    let mut order: Vec<u32> = match (outside, r >= 12.0) {
        (true, _) => (1..=12).collect(),
        (false, true) => vec![1],
        (false, false) => return,
    };
    order.retain(|&m| m != month);
    order.insert(0, month);
    let (mut placed, hl): (Vec<Rect>, _) = (Vec::new(), highlighted(model.theme));
    for m in order {
        let (a0, a1) = month_angles(model.year, m);
        let a = (a0 + a1) / 2.0;
        let extent = 2.0 + a.sin().abs() * 3.0 + a.cos().abs() * 2.0;
        let (x, y) = polar(a, if outside { r + extent } else { r - extent });
        let col = ((x + hx) / 2.0 - 1.5).round();
        let row = ((hy - y) / 4.0).floor();
        let (w, h) = (f64::from(area.width), f64::from(area.height));
        if col < 0.0 || row < 0.0 || col + 3.0 > w || row >= h {
            continue;
        }
        let rect = Rect::new(area.x + col as u16, area.y + row as u16, 3, 1);
        let padded = Rect::new(rect.x.saturating_sub(1), rect.y, 5, 1);
        if placed.iter().any(|p| p.intersects(padded)) {
            continue;
        }
        placed.push(rect);
        let style = if m == month { hl } else { Style::new() };
        buf.set_stringn(
            rect.x,
            rect.y,
            name(crate::words::terms::months_short(model.lang), m),
            3,
            style,
        );
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
    if area.width < MIN_W || area.height < MIN_H {
        return tiny_label(model, area, buf);
    }
    let (wheel, list) = zoom_split(area);
    draw_wheel(model, wheel, buf, true);
    if let Some(list) = list {
        month_detail(model, list, buf);
    }
}

/// The highlighted month's entries (all that touch it) and deadlines, with
/// a legend at the bottom when there is room.
fn month_detail(model: &WheelModel, area: Rect, buf: &mut Buffer) {
    let (s, t, month) = (model.words(), model.theme, month_of(model));
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
        (entries, assignments, deadlines)
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
            // Without colour the overdue deadline is also a "!".
            assert_eq!(text.contains('!'), !color, "{text}");
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
