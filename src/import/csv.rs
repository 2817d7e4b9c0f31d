//! CSV with `;` (Norwegian Excel), `,` or tab between fields; quoted fields
//! may hold separators and line breaks.

use super::columns::{self, Cell, Row, Table};
use super::{Location, Problem, ProblemKind};

/// Reads the rows of a CSV text; `name` is used in messages.
pub fn parse(name: &str, text: &str) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    columns::rows(table(name, text)?)
}

/// The table in a CSV text: the first non-blank record is the header.
pub fn table(name: &str, text: &str) -> Result<Table, Vec<Problem>> {
    if let Some(line) = unterminated_quote(text) {
        return Err(vec![Problem::new(
            Location::line(name, line),
            ProblemKind::UnterminatedQuote,
        )]);
    }
    // Excel writes and reads a first line `sep=;` naming the separator.
    let first = text.lines().next().unwrap_or_default().trim();
    let (delimiter, text) = match first.strip_prefix("sep=").map(str::as_bytes) {
        Some([d]) if d.is_ascii_punctuation() || *d == b'\t' => {
            // Blanked, not removed, so that line numbers stay the file's.
            (*d, &text[text.find('\n').unwrap_or(text.len())..])
        }
        _ => (delimiter(text), text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut lines = Lines::new(text);
    let file: std::sync::Arc<str> = name.into();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte() as usize));
                return Err(vec![Problem::new(
                    Location::line(name, line),
                    ProblemKind::UnreadableCsv(e.to_string()),
                )]);
            }
        };
        let line = record.position().map_or(0, |p| lines.at(p.byte() as usize));
        let location = Location::Line {
            file: file.clone(),
            line,
        };
        let cells: Vec<Cell> = record
            .iter()
            .map(|text| Cell {
                text: text.to_string(),
                location: location.clone(),
            })
            .collect();
        table.push(location, cells);
    }
    if table.header.is_empty() {
        return Err(vec![Problem::new(
            Location::File(name.into()),
            ProblemKind::EmptyFile,
        )]);
    }
    Ok(table)
}

/// Line numbers of byte offsets met in increasing order; the CSV reader's
/// own count does not count line breaks inside quoted fields. Counting on
/// from the last offset keeps a file's reading linear (counting from the
/// start each time made 40k rows take half a minute).
struct Lines<'a> {
    bytes: &'a [u8],
    /// Where counting stopped, and the line breaks before it.
    counted_to: usize,
    breaks: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            counted_to: 0,
            breaks: 0,
        }
    }

    /// The line of a byte offset, from 1.
    fn at(&mut self, byte: usize) -> u64 {
        // A record's position may sit on the line break that ended the one before.
        let bytes = self.bytes;
        let mut end = byte.min(bytes.len());
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        if end < self.counted_to {
            self.counted_to = 0;
            self.breaks = 0;
        }
        self.breaks += bytes[self.counted_to..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.counted_to = end;
        self.breaks + 1
    }
}

/// The separator used in the first non-blank line: the most frequent of
/// `;`, `,` and tab outside quotes (`;` on a tie, as Norwegian Excel writes).
fn delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    let best = counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .expect("three candidates");
    if best.1 == 0 {
        b';'
    } else {
        counts
            .iter()
            .find(|(_, n)| *n == best.1)
            .map_or(b';', |(d, _)| *d)
    }
}

/// The line where a quoted field opens that never closes, if one does.
/// Quotes count only at the start of a field, as the CSV reader reads them.
fn unterminated_quote(text: &str) -> Option<u64> {
    let mut line = 1;
    let mut opened_at = 0;
    let mut quoted = false;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            } else if c == '\n' {
                line += 1;
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                opened_at = line;
                at_field_start = false;
            }
            '\n' => {
                line += 1;
                at_field_start = true;
            }
            ';' | ',' | '\t' | '\r' => at_field_start = true,
            _ => at_field_start = false,
        }
    }
    quoted.then_some(opened_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_separator() {
        assert_eq!(delimiter("Oppdrag;Delegert til\r\n"), b';');
        assert_eq!(delimiter("title,sector\n"), b',');
        assert_eq!(delimiter("\"a;b\",c\n"), b',');
        assert_eq!(delimiter("Oppdrag\tDelegert til\n"), b'\t');
    }

    #[test]
    fn quoted_newlines_keep_their_record_and_line() {
        let text = "Oppdrag;Sektor;Kommentar\r\n\"Første\r\nlinje\";HOM;\"sa \"\"hei\"\"\"\r\nAndre;KUL;\r\n";
        let table = table("f.csv", text).unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].1[0].text, "Første\r\nlinje");
        assert_eq!(table.rows[0].1[2].text, "sa \"hei\"");
        assert_eq!(table.rows[1].0, Location::line("f.csv", 4));
    }

    #[test]
    fn a_sep_line_names_the_separator() {
        let table = table("f.csv", "sep=,\r\nOppdrag;x,Sektor\r\nA;b,HOM\r\n").unwrap();
        assert_eq!(table.header[0].text, "Oppdrag;x");
        assert_eq!(table.rows[0].0, Location::line("f.csv", 3));
    }

    #[test]
    fn line_numbers_count_on_and_back() {
        let mut lines = Lines::new("a\nb\r\n\"c\nd\"\ne\n");
        assert_eq!(lines.at(0), 1);
        assert_eq!(lines.at(2), 2);
        assert_eq!(lines.at(5), 3);
        assert_eq!(lines.at(11), 5);
        assert_eq!(lines.at(2), 2);
    }

    #[test]
    fn an_open_quote_at_the_end_is_a_cut_file() {
        assert_eq!(unterminated_quote("a;b\n\"c;d\n"), Some(2));
        assert_eq!(unterminated_quote("a;5\" skjerm;b\n"), None);
        let err = table("f.csv", "Oppdrag;Sektor\n\"Halv").unwrap_err();
        assert_eq!(
            err[0],
            Problem::new(Location::line("f.csv", 2), ProblemKind::UnterminatedQuote)
        );
    }
}
