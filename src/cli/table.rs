//! Plain-text output: safe, aligned by display width.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;

use super::strings::Texts;
use crate::domain::assignment::assessment_label;
use crate::domain::text::{sanitize_line, truncate, width};
use crate::domain::{Assignment, Event, Lang, Today};

/// A column: header, width (None = as wide as its widest cell).
pub struct Column {
    pub header: &'static str,
    pub width: Option<usize>,
}

/// Writes rows under headers, each cell sanitised and padded by display width.
pub fn write_table<R, C>(out: &mut dyn Write, columns: &[Column], rows: &[R]) -> Result<()>
where
    R: AsRef<[C]>,
    C: AsRef<str>,
{
    // Each cell made safe once and measured once, all in one list (a row
    // has a cell per column).
    let stride = columns.len();
    let cells: Vec<(Cow<str>, usize)> = rows
        .iter()
        .flat_map(|r| r.as_ref().iter())
        .map(|c| {
            let safe = sanitize_line(c.as_ref());
            let columns = shown_width(&safe);
            (safe, columns)
        })
        .collect();
    debug_assert_eq!(cells.len(), rows.len() * stride);
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = cells
                .iter()
                .skip(i)
                .step_by(stride.max(1))
                .map(|cell| cell.1)
                .max()
                .unwrap_or(0)
                .max(width(c.header));
            c.width
                .map_or(widest, |w| w.min(widest.max(width(c.header))))
        })
        .collect();
    let mut line = String::new();
    let mut write_line = |cells: &mut dyn Iterator<Item = (&str, usize)>| -> Result<()> {
        line.clear();
        let mut cells = cells.enumerate().peekable();
        while let Some((i, (cell, cell_width))) = cells.next() {
            if i > 0 {
                line.push_str("  ");
            }
            if cells.peek().is_none() {
                line.push_str(cell);
            } else {
                // Cut or padded to exactly the column's width.
                let fits = cell_width <= widths[i];
                let cut = if fits {
                    Cow::Borrowed(cell)
                } else {
                    truncate(cell, widths[i])
                };
                let used = if fits { cell_width } else { width(&cut) };
                line.push_str(&cut);
                pad(&mut line, widths[i].saturating_sub(used));
            }
        }
        out.write_all(line.trim_end().as_bytes())?;
        out.write_all(b"\n")?;
        Ok(())
    };
    write_line(&mut columns.iter().map(|c| (c.header, width(c.header))))?;
    for row in cells.chunks(stride.max(1)) {
        write_line(&mut row.iter().map(|(c, w)| (c.as_ref(), *w)))?;
    }
    Ok(())
}

/// Appends `count` spaces.
fn pad(line: &mut String, mut count: usize) {
    const SPACES: &str = "                                ";
    while count > 0 {
        let now = count.min(SPACES.len());
        line.push_str(&SPACES[..now]);
        count -= now;
    }
}

/// The display width of text made safe by [`sanitize_line`]: with no
/// control characters left, ASCII text takes one column per byte.
fn shown_width(safe: &str) -> usize {
    if safe.is_ascii() {
        safe.len()
    } else {
        width(safe)
    }
}

/// The columns of an assignment list.
pub fn assignment_columns(t: &Texts) -> [Column; 9] {
    let column = |header, width| Column { header, width };
    [
        column(t.column_id, None),
        column("!", None),
        column(t.column_status, None),
        column(t.column_assessment, None),
        column(t.column_assignment, Some(60)),
        column(t.column_sector, None),
        column(t.column_due, None),
        column(t.column_overdue, None),
        column(t.column_owner, Some(24)),
    ]
}

/// One row of an assignment list; tasks are indented under their assignment.
pub fn assignment_row<'a>(
    a: &'a Assignment,
    today: Today,
    indent: bool,
    t: &Texts,
) -> [Cow<'a, str>; 9] {
    let lang = t.lang;
    let overdue = a.days_overdue(today);
    [
        Cow::Owned(a.id.to_string()),
        Cow::Borrowed(if overdue.is_some() { "!" } else { "" }),
        Cow::Borrowed(a.status.label(lang)),
        Cow::Borrowed(assessment_label(a.assessment, lang)),
        if indent {
            Cow::Owned(format!("  └ {}", a.title))
        } else {
            Cow::Borrowed(&a.title)
        },
        Cow::Borrowed(&a.lead_sector),
        a.due
            .map_or(Cow::Borrowed(t.none), |d| Cow::Owned(lang.date(d))),
        overdue.map_or(Cow::Borrowed(""), |d| Cow::Owned(t.days(d))),
        Cow::Borrowed(&a.owner),
    ]
}

/// The event's time in local time, to the minute.
pub fn event_time(event: &Event, lang: Lang) -> String {
    event
        .at
        .with_timezone(&chrono::Local)
        .format(lang.date_time_format())
        .to_string()
}
