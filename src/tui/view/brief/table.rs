//! A table that fits the width it is given: no sideways scrolling. Flexible
//! columns (titles, comments) shrink and wrap first; fixed ones (status,
//! vurdering, deadline, report) keep their width as long as they can, then
//! wrap between words in the order of their rank; only past that do words
//! break.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Text};
use ratatui::widgets::{Cell as TableCell, Row, Table, Widget};
use unicode_width::UnicodeWidthChar;

use crate::domain::text::{sanitize_line, width};

/// Columns between two columns.
pub const GAP: u16 = 2;

/// How far a flexible column shrinks before fixed columns start to wrap.
const FLEX_MIN: usize = 24;

/// How a column gives up width when the table is too wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Long text: takes what the others leave, wraps first.
    Flex,
    /// Short values: keep their width; when they must, the lowest rank
    /// wraps first.
    Fixed(u8),
}

/// A column: its heading, how it fits, and whether it is right-aligned.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub fit: Fit,
    pub right: bool,
    /// Takes whatever width is left over, so that the columns after it
    /// end at the right edge (tables shown one under another then line up).
    pub fill: bool,
}

impl Column {
    pub fn flex(title: &str) -> Column {
        Column {
            title: title.to_string(),
            fit: Fit::Flex,
            right: false,
            fill: false,
        }
    }

    /// A flexible column that takes all the width left over.
    pub fn fill(title: &str) -> Column {
        Column {
            fill: true,
            ..Column::flex(title)
        }
    }

    pub fn fixed(title: &str, rank: u8) -> Column {
        Column {
            title: title.to_string(),
            fit: Fit::Fixed(rank),
            right: false,
            fill: false,
        }
    }

    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// One cell: text (line breaks start new lines) and its style. The text
/// is neutralised here, whatever the caller did.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub fn new(text: impl AsRef<str>) -> Cell {
        Cell::styled(text, Style::new())
    }

    pub fn styled(text: impl AsRef<str>, style: Style) -> Cell {
        let text = text
            .as_ref()
            .split('\n')
            .map(|line| sanitize_line(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n");
        Cell { text, style }
    }
}

/// A table of the briefing.
#[derive(Debug, Clone)]
pub struct FitTable {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Whether the column titles are shown.
    pub header: bool,
}

/// A table laid out at one width: each column's width and each row's lines.
struct Laid {
    widths: Vec<u16>,
    header: Option<Vec<Vec<String>>>,
    rows: Vec<Vec<Vec<String>>>,
}

fn height_of(cells: &[Vec<String>]) -> u16 {
    cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as u16
}

impl FitTable {
    /// The width of each column at `total` columns.
    pub fn widths(&self, total: u16) -> Vec<u16> {
        let n = self.columns.len();
        if n == 0 {
            return vec![];
        }
        let avail = usize::from(total).saturating_sub(usize::from(GAP) * (n - 1));
        let texts = |i: usize| {
            std::iter::once(self.columns[i].title.as_str())
                .filter(|_| self.header)
                .chain(
                    self.rows
                        .iter()
                        .filter_map(move |r| r.get(i))
                        .map(|c| c.text.as_str()),
                )
        };
        let natural: Vec<usize> = (0..n)
            .map(|i| {
                texts(i)
                    .flat_map(str::lines)
                    .map(width)
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let word_min: Vec<usize> = (0..n)
            .map(|i| {
                texts(i)
                    .flat_map(str::split_whitespace)
                    .map(width)
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect();
        let flex = |i: usize| self.columns[i].fit == Fit::Flex;
        let mut w: Vec<usize> = (0..n)
            .map(|i| {
                if flex(i) {
                    // Not so narrow that a long word must break.
                    natural[i].min(FLEX_MIN.max(word_min[i].min(FLEX_MIN + 8)))
                } else {
                    natural[i]
                }
            })
            .collect();
        let sum = |w: &[usize]| w.iter().sum::<usize>();
        if sum(&w) <= avail {
            // Flexible columns grow toward their natural width, evenly.
            let mut extra = avail - sum(&w);
            loop {
                let wanting: Vec<usize> =
                    (0..n).filter(|&i| flex(i) && w[i] < natural[i]).collect();
                if wanting.is_empty() || extra == 0 {
                    break;
                }
                let share = (extra / wanting.len()).max(1);
                for i in wanting {
                    let give = share.min(natural[i] - w[i]).min(extra);
                    w[i] += give;
                    extra -= give;
                }
            }
            if let Some(i) = (0..n).find(|&i| self.columns[i].fill) {
                w[i] += extra;
            }
        } else {
            // Fixed columns by rank, lowest first: wrap between words.
            let mut fixed: Vec<usize> = (0..n).filter(|&i| !flex(i)).collect();
            fixed.sort_by_key(|&i| match self.columns[i].fit {
                Fit::Fixed(rank) => (rank, i),
                Fit::Flex => (u8::MAX, i),
            });
            let shrink = |w: &mut Vec<usize>, i: usize, floor: usize| {
                let over = sum(w).saturating_sub(avail);
                let can = w[i].saturating_sub(floor);
                w[i] -= over.min(can);
            };
            for &i in &fixed {
                shrink(&mut w, i, word_min[i]);
            }
            // Then flexible columns below their minimum, then words break.
            for i in (0..n).filter(|&i| flex(i)) {
                shrink(&mut w, i, 4);
            }
            for &i in &fixed {
                shrink(&mut w, i, 1);
            }
            for i in 0..n {
                shrink(&mut w, i, 1);
            }
        }
        w.into_iter()
            .map(|w| w.min(usize::from(u16::MAX)) as u16)
            .collect()
    }

    fn lay_out(&self, total: u16) -> Laid {
        let widths = self.widths(total);
        let wrap_row = |cells: Vec<&str>| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(text, w)| wrap(text, usize::from(*w)))
                .collect()
        };
        let header = self
            .header
            .then(|| wrap_row(self.columns.iter().map(|c| c.title.as_str()).collect()));
        let rows = self
            .rows
            .iter()
            .map(|r| wrap_row(r.iter().map(|c| c.text.as_str()).collect()))
            .collect();
        Laid {
            widths,
            header,
            rows,
        }
    }

    /// The lines the table takes at `total` columns.
    pub fn height(&self, total: u16) -> u16 {
        let laid = self.lay_out(total);
        laid.header.as_deref().map_or(0, height_of)
            + laid.rows.iter().map(|r| height_of(r)).sum::<u16>()
    }

    /// Draws the table as a ratatui `Table` in `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, header_style: Style) {
        let laid = self.lay_out(area.width);
        let cell = |lines: &Vec<String>, column: &Column, style: Style| {
            let text = Text::from(lines.iter().cloned().map(Line::from).collect::<Vec<_>>());
            let text = if column.right {
                text.alignment(Alignment::Right)
            } else {
                text
            };
            TableCell::from(text).style(style)
        };
        let rows = laid.rows.iter().zip(&self.rows).map(|(lines, cells)| {
            Row::new(
                lines
                    .iter()
                    .zip(cells)
                    .zip(&self.columns)
                    .map(|((l, c), column)| cell(l, column, c.style)),
            )
            .height(height_of(lines))
        });
        let mut table = Table::new(rows, laid.widths.iter().map(|w| Constraint::Length(*w)))
            .column_spacing(GAP);
        if let Some(header) = &laid.header {
            table = table.header(
                Row::new(
                    header
                        .iter()
                        .zip(&self.columns)
                        .map(|(l, column)| cell(l, column, header_style)),
                )
                .height(height_of(header)),
            );
        }
        Widget::render(table, area, buf);
    }
}

/// Text broken into lines of at most `columns` display columns: between
/// words where it can, inside a word longer than a line. Line breaks in the
/// text are kept. Always at least one line.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let w = width(word);
            if used > 0 && used + 1 + w <= columns {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= columns {
                line.push_str(word);
                used = w;
                continue;
            }
            // A word longer than the line: cut it by display width.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > columns && used > 0 {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[[&str; 4]]) -> FitTable {
        FitTable {
            columns: vec![
                Column::fixed("#", 0).right(),
                Column::flex("Oppdrag"),
                Column::fixed("Status", 2),
                Column::fixed("Frist", 1),
            ],
            rows: rows
                .iter()
                .map(|r| r.iter().map(Cell::new).collect())
                .collect(),
            header: true,
        }
    }

    #[test]
    fn wraps_between_words_and_breaks_only_long_words() {
        assert_eq!(wrap("Risiko for avvik", 10), ["Risiko for", "avvik"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("en\nto tre", 20), ["en", "to tre"]);
        assert_eq!(wrap("日本語", 4), ["日本", "語"]);
    }

    #[test]
    fn a_table_that_fits_keeps_its_natural_widths() {
        let t = table(&[["18", "Kort tittel", "Pågår", "01.06.2023"]]);
        assert_eq!(t.widths(80), [2, 11, 6, 10]);
        assert_eq!(t.height(80), 2);
    }

    #[test]
    fn the_title_shrinks_and_wraps_before_status_and_deadline() {
        let long = "Barnevernet skal tilpasse seg nye lovkrav og arbeide med å oppfylle krav til kompetanse";
        let t = table(&[["18", long, "Ikke startet", "01.06.2023 (111 dager over)"]]);
        // Wide enough for all but the title: only the title gives way.
        let w = t.widths(80);
        assert_eq!(w[2..], [12, 27]);
        assert_eq!(w.iter().sum::<u16>() + 3 * GAP, 80);
        // Narrower: the deadline wraps between words first, then the status.
        let w = t.widths(60);
        assert_eq!(w[1], 24);
        assert!(w[3] < 27 && w[3] >= 10, "{w:?}");
        assert_eq!(w[2], 12);
        let w = t.widths(45);
        assert_eq!((w[2], w[3]), (7, 10), "{w:?}");
        // Never wider than asked, down to nothing.
        for total in 0..100 {
            let w = t.widths(total);
            assert!(w.iter().all(|w| *w >= 1));
            if total >= 4 + 3 * GAP {
                assert!(w.iter().sum::<u16>() + 3 * GAP <= total, "{total}: {w:?}");
            }
        }
    }

    #[test]
    fn a_fill_column_takes_what_is_left() {
        let t = FitTable {
            columns: vec![
                Column::fixed("Dato", 1),
                Column::fill("Endring"),
                Column::fixed("Av", 0).right(),
            ],
            rows: vec![vec![
                Cell::new("17.05.2023"),
                Cell::new("Ny"),
                Cell::new("Kari"),
            ]],
            header: false,
        };
        assert_eq!(t.widths(40), [10, 40 - 10 - 4 - 2 * GAP, 4]);
    }

    #[test]
    fn cells_are_neutralised() {
        let c = Cell::new("a\u{1b}[2Jb\nc\u{202e}d");
        assert_eq!(c.text, "a\u{FFFD}[2Jb\nc\u{FFFD}d");
    }
}
