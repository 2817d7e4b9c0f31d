//! Plain-text output: safe, aligned by display width.

use std::borrow::Cow;
use std::io::Write;

use anyhow::Result;

use super::strings::Texts;
use crate::domain::filter::Listable;
use crate::domain::text::{sanitize_line, truncate, width};
use crate::domain::{Event, Lang, Today};
use crate::words::terms::assessment_label;
use crate::words::Label;

/// The terminal's width when standard output is one; `None` when piped,
/// so that a file or another program gets every cell whole.
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    columns
        .or_else(|| crossterm::terminal::size().ok().map(|(w, _)| w as usize))
        .filter(|w| *w > 0)
}

/// The narrowest a capped column (a title, an owner) is shortened to.
const NARROWEST: usize = 12;

/// Narrows the capped columns (those with a width: titles, owners) and the
/// last one (a free text such as a change), the widest first, until a line of `widths` with two spaces between columns
/// fits in `limit`, or none can give more.
fn fit_widths(columns: &[Column], widths: &mut [usize], limit: usize) {
    let line = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    while line(widths) > limit {
        let over = line(widths) - limit;
        let widest = (0..columns.len())
            .filter(|i| columns[*i].width.is_some() || *i + 1 == columns.len())
            .filter(|i| widths[*i] > NARROWEST)
            .max_by_key(|i| widths[*i]);
        let Some(i) = widest else { return };
        widths[i] -= over.min(widths[i] - NARROWEST);
    }
}

/// A column: header, width (None = as wide as its widest cell).
#[derive(Clone)]
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
    let mut table = Table::new(columns);
    for row in rows {
        table.push((), row.as_ref());
    }
    table.write(out)
}

/// A table filled a row at a time, for a listing that reads its rows one
/// by one and keeps only their cells: each cell is made safe and measured
/// as it comes, into one text for the whole table, and each row carries a
/// key to be put in order by.
pub struct Table<'c, K> {
    columns: &'c [Column],
    /// Every cell's safe text, one after another.
    text: String,
    /// Where each cell ends in `text`, and its display width; a row has a
    /// cell per column.
    cells: Vec<(u32, u32)>,
    /// Each row's key and its first cell.
    rows: Vec<(K, usize)>,
}

impl<'c, K> Table<'c, K> {
    pub fn new(columns: &'c [Column]) -> Self {
        Table {
            columns,
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Adds a row, a cell per column.
    pub fn push<C: AsRef<str>>(&mut self, key: K, cells: &[C]) {
        // Cells are found by their place in rows of equal length.
        assert_eq!(cells.len(), self.columns.len(), "a cell per column");
        self.rows.push((key, self.cells.len()));
        for cell in cells {
            let start = self.text.len();
            self.text.push_str(&sanitize_line(cell.as_ref()));
            let width = shown_width(&self.text[start..]);
            self.cells.push((offset(self.text.len()), offset(width)));
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Puts the rows in the order of their keys.
    pub fn sort(&mut self)
    where
        K: Ord,
    {
        self.rows.sort_by(|a, b| a.0.cmp(&b.0));
    }

    /// A cell's text and display width.
    fn cell(&self, index: usize) -> (&str, usize) {
        let start = index
            .checked_sub(1)
            .map_or(0, |before| self.cells[before].0 as usize);
        let (end, width) = self.cells[index];
        (&self.text[start..end as usize], width as usize)
    }

    /// Writes the headers, then the rows in their order, shortening the
    /// capped columns to fit a terminal's width.
    pub fn write(&self, out: &mut dyn Write) -> Result<()> {
        self.write_within(out, terminal_width())
    }

    /// Writes the table; with `limit`, a line is kept within that many
    /// columns where shortening titles and owners can do it.
    pub fn write_within(&self, out: &mut dyn Write, limit: Option<usize>) -> Result<()> {
        let stride = self.columns.len().max(1);
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let widest = self
                    .cells
                    .iter()
                    .skip(i)
                    .step_by(stride)
                    .map(|cell| cell.1 as usize)
                    .max()
                    .unwrap_or(0)
                    .max(width(c.header));
                c.width
                    .map_or(widest, |w| w.min(widest.max(width(c.header))))
            })
            .collect();
        if let Some(limit) = limit {
            fit_widths(self.columns, &mut widths, limit);
        }
        let cut_last = limit.is_some();
        let mut line = String::new();
        let mut write_line = |cells: &mut dyn Iterator<Item = (&str, usize)>| -> Result<()> {
            line.clear();
            let mut cells = cells.enumerate().peekable();
            while let Some((i, (cell, cell_width))) = cells.next() {
                if i > 0 {
                    line.push_str("  ");
                }
                if cells.peek().is_none() && !(cut_last && cell_width > widths[i]) {
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
        write_line(&mut self.columns.iter().map(|c| (c.header, width(c.header))))?;
        for &(_, first) in &self.rows {
            write_line(&mut (first..first + self.columns.len()).map(|i| self.cell(i)))?;
        }
        Ok(())
    }
}

/// A place in a table's text, which is held in memory and so far below
/// 4 GiB.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a table's text is under 4 GiB")
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
    a: &'a impl Listable,
    today: Today,
    indent: bool,
    t: &Texts,
) -> [Cow<'a, str>; 9] {
    let lang = t.lang;
    let overdue = a.days_overdue(today);
    [
        Cow::Owned(a.id().to_string()),
        Cow::Borrowed(if overdue.is_some() { "!" } else { "" }),
        Cow::Borrowed(a.status().label(lang)),
        Cow::Borrowed(assessment_label(a.assessment(), lang)),
        if indent {
            Cow::Owned(format!("  └ {}", a.title()))
        } else {
            Cow::Borrowed(a.title())
        },
        Cow::Borrowed(a.lead_sector()),
        a.due()
            .map_or(Cow::Borrowed(t.none), |d| Cow::Owned(lang.date(d))),
        overdue.map_or(Cow::Borrowed(""), |d| Cow::Owned(t.days(d))),
        Cow::Borrowed(a.owner()),
    ]
}

/// The line above a task whose assignment is not listed right above it:
/// the assignment's id in brackets, its title and sector, nothing more. It
/// is not a row of the listing and is not counted.
pub fn parent_row(a: &impl Listable) -> [Cow<'_, str>; 9] {
    [
        Cow::Owned(format!("({})", a.id())),
        Cow::Borrowed(""),
        Cow::Borrowed(""),
        Cow::Borrowed(""),
        Cow::Borrowed(a.title()),
        Cow::Borrowed(a.lead_sector()),
        Cow::Borrowed(""),
        Cow::Borrowed(""),
        Cow::Borrowed(""),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(limit: Option<usize>) -> Vec<String> {
        let columns = [
            Column {
                header: "ID",
                width: None,
            },
            Column {
                header: "Title",
                width: Some(60),
            },
            Column {
                header: "Sector",
                width: None,
            },
            Column {
                header: "Owner",
                width: Some(24),
            },
        ];
        let title = "Fullføre revidering av kommunens beredskapsplan med alle underplaner";
        let rows = [["12", title, "STYV", "Kari Nordmann-Olsen Haugland"]];
        let mut table = Table::new(&columns);
        for row in &rows {
            table.push((), row);
        }
        let mut out = Vec::new();
        table.write_within(&mut out, limit).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }

    #[test]
    fn a_table_is_shortened_to_the_terminal_and_whole_when_piped() {
        for limit in [80, 60, 40] {
            for line in lines(Some(limit)) {
                assert!(width(&line) <= limit, "{limit}: {line:?}");
            }
        }
        let narrow = lines(Some(60));
        assert!(narrow[1].contains('…'), "{narrow:?}");
        assert!(narrow[1].starts_with("12  Fullføre"), "{narrow:?}");
        // Piped: only the fixed caps apply (a title up to 60, an owner up to 24).
        let piped = lines(None);
        assert!(
            piped[1].contains("Kari Nordmann-Olsen Haugland"),
            "{piped:?}"
        );
        // Too narrow to fit: titles and owners stop at their narrowest.
        let tiny = lines(Some(10));
        assert!(tiny[1].contains("STYV"), "{tiny:?}");
    }
}
