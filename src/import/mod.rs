//! Reading files into domain values: CSV as Norwegian Excel and everyone
//! else writes it, XLSX, the styringsbrev's tab-separated tables, and the
//! JSON export. No SQL here: [`resolve`] turns what was read into a
//! [`crate::store::ImportPlan`] against a snapshot of the database.

pub mod columns;
pub mod csv;
pub mod json;
pub mod resolve;
pub mod styringsbrev;
pub mod text;
pub mod xlsx;

use std::fmt;

pub use columns::Row;
pub use resolve::{resolve, Difference, Resolved, Snapshot};
pub use styringsbrev::{FocusArea, MainGoal, SubGoal};

use crate::store::Dump;

/// The file formats `styr import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// From the file's name and content.
    Auto,
    Csv,
    Xlsx,
    Json,
    Styringsbrev,
}

/// One thing wrong with the input, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `fil.csv:12`, or `fil.xlsx: Ark1!C5`.
    pub location: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl Problem {
    /// A problem at `location`.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            location: location.into(),
            message: message.into(),
        }
    }
}

/// What a file held.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Assignment rows (CSV, XLSX).
    Rows(Vec<Row>),
    /// The styringsbrev's goal tables and oppdrag tables.
    Styringsbrev {
        goals: Vec<FocusArea>,
        rows: Vec<Row>,
    },
    /// A whole-database export.
    Dump(Box<Dump>),
}

/// Reads `bytes` (named `name` in messages) as `format`. Fails when the
/// file as a whole cannot be read; otherwise returns what was read and the
/// problems of the rows left out, so that the rest can be checked too.
/// `sheet` picks an XLSX worksheet.
pub fn parse(
    name: &str,
    bytes: &[u8],
    format: Format,
    sheet: Option<&str>,
) -> Result<(Parsed, Vec<Problem>), Vec<Problem>> {
    let format = match format {
        Format::Auto => detect(name, bytes),
        other => other,
    };
    if sheet.is_some() && format != Format::Xlsx {
        return Err(vec![Problem::new(
            name,
            "--sheet applies only to an XLSX file",
        )]);
    }
    match format {
        Format::Xlsx => xlsx::parse(name, bytes, sheet).map(|(r, p)| (Parsed::Rows(r), p)),
        Format::Json => json::parse(name, bytes).map(|d| (Parsed::Dump(Box::new(d)), Vec::new())),
        Format::Csv | Format::Styringsbrev | Format::Auto => {
            let text = text::decode(name, bytes)?;
            if format == Format::Styringsbrev {
                styringsbrev::parse(name, &text)
                    .map(|(goals, rows, p)| (Parsed::Styringsbrev { goals, rows }, p))
            } else {
                csv::parse(name, &text).map(|(r, p)| (Parsed::Rows(r), p))
            }
        }
    }
}

/// The format a file is in, from its first bytes and its name.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        return Format::Xlsx;
    }
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if start == Some(&b'{') || lower.ends_with(".json") {
        return Format::Json;
    }
    if lower.ends_with(".csv") {
        return Format::Csv;
    }
    // A paste from the styringsbrev: a goal or oppdrag table header among prose.
    let text = String::from_utf8_lossy(bytes);
    if text.lines().any(styringsbrev::is_table_header) {
        return Format::Styringsbrev;
    }
    Format::Csv
}
