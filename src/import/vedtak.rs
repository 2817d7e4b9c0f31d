//! A list of political decisions from CSV or XLSX, as a municipality keeps
//! it in a spreadsheet: columns found by header name (bokmål and English),
//! in any case and order. Only cells are read here; the rules are the
//! domain's and the store's (`styr vedtak import` checks every row before
//! the first is written).

use super::columns::{Cell, Table};
use super::{Location, Problem};

/// What a column of a decision list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VedtakColumn {
    Body,
    Date,
    Case,
    Title,
    Text,
    Kind,
    Assignments,
}

impl VedtakColumn {
    /// The headers each column is known by, lower case.
    pub const HEADERS: [(VedtakColumn, &'static [&'static str]); 7] = [
        (
            VedtakColumn::Body,
            &["organ", "utvalg", "body", "politisk organ"],
        ),
        (
            VedtakColumn::Date,
            &["møtedato", "dato", "date", "meeting date", "møte"],
        ),
        (
            VedtakColumn::Case,
            &[
                "saksnummer",
                "saksnr",
                "saksnr.",
                "sak",
                "case",
                "case number",
            ],
        ),
        (
            VedtakColumn::Title,
            &["tittel", "title", "sakstittel", "overskrift"],
        ),
        (
            VedtakColumn::Text,
            &["vedtakstekst", "vedtak", "tekst", "text", "decision text"],
        ),
        (VedtakColumn::Kind, &["type", "vedtakstype", "kind"]),
        (VedtakColumn::Assignments, &["oppdrag", "assignments"]),
    ];

    /// The column a header names, if any.
    pub fn from_header(header: &str) -> Option<VedtakColumn> {
        let header = header.trim().to_lowercase();
        Self::HEADERS
            .iter()
            .find(|(_, names)| names.contains(&header.as_str()))
            .map(|(column, _)| *column)
    }

    /// The first header a column is known by: how messages name it.
    pub fn name(self) -> &'static str {
        Self::HEADERS
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, names)| names[0])
            .unwrap_or_default()
    }
}

/// The columns a decision list must have.
pub const REQUIRED: [VedtakColumn; 4] = [
    VedtakColumn::Body,
    VedtakColumn::Date,
    VedtakColumn::Case,
    VedtakColumn::Title,
];

/// One row of a decision list: its cells by column (empty when the file
/// has no such column), and where the row is.
#[derive(Debug, Clone, Default)]
pub struct VedtakRow {
    pub location: Location,
    pub body: String,
    pub date: String,
    pub case: String,
    pub title: String,
    pub text: String,
    pub kind: String,
    pub assignments: String,
}

/// Why a decision list cannot be read at all.
#[derive(Debug, Clone)]
pub enum ListProblem {
    /// The file's own problems (encoding, not a spreadsheet, …).
    File(Vec<Problem>),
    /// A header that names no column.
    UnknownColumn { location: Location, header: String },
    /// A required column the file lacks.
    MissingColumn(VedtakColumn),
}

/// Reads a decision list: a workbook (by its zip signature) or CSV text.
pub fn read(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Vec<VedtakRow>, Vec<ListProblem>> {
    let file = |p: Vec<Problem>| vec![ListProblem::File(p)];
    let table = if bytes.starts_with(b"PK") {
        let (table, problems) = super::xlsx::table(name, bytes, sheet).map_err(file)?;
        if !problems.is_empty() {
            return Err(file(problems));
        }
        table
    } else {
        let text = super::text::decode(name, bytes).map_err(file)?;
        super::csv::table(name, &text).map_err(file)?
    };
    rows(table)
}

fn rows(table: Table) -> Result<Vec<VedtakRow>, Vec<ListProblem>> {
    let mut columns: Vec<Option<VedtakColumn>> = Vec::new();
    let mut problems = Vec::new();
    for cell in &table.header {
        let header = cell.text.trim();
        let column = VedtakColumn::from_header(header);
        if column.is_none() && !header.is_empty() {
            problems.push(ListProblem::UnknownColumn {
                location: cell.location.clone(),
                header: header.to_string(),
            });
        }
        columns.push(column);
    }
    for required in REQUIRED {
        if !columns.contains(&Some(required)) {
            problems.push(ListProblem::MissingColumn(required));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(table
        .rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.text.trim().is_empty()))
        .map(|(location, cells)| {
            let mut row = VedtakRow {
                location,
                ..VedtakRow::default()
            };
            for (column, cell) in columns.iter().zip(&cells) {
                let text = text(cell);
                match column {
                    Some(VedtakColumn::Body) => row.body = text,
                    Some(VedtakColumn::Date) => row.date = text,
                    Some(VedtakColumn::Case) => row.case = text,
                    Some(VedtakColumn::Title) => row.title = text,
                    Some(VedtakColumn::Text) => row.text = text,
                    Some(VedtakColumn::Kind) => row.kind = text,
                    Some(VedtakColumn::Assignments) => row.assignments = text,
                    None => {}
                }
            }
            row
        })
        .collect())
}

/// A cell's text as stored: the export's escapes undone, trimmed.
fn text(cell: &Cell) -> String {
    super::cell::decode(&cell.text).trim().to_string()
}
