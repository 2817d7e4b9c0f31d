//! Reading files into domain values: CSV as Norwegian Excel and everyone
//! else writes it, XLSX, the styringsbrev's tab-separated tables, and the
//! JSON export. No SQL here: [`resolve`] turns what was read into a
//! [`crate::store::ImportPlan`] against a snapshot of the database.

pub mod cell;
pub mod columns;
pub mod csv;
pub mod json;
pub mod resolve;
pub mod styringsbrev;
pub mod text;
pub mod vedtak;
pub mod xlsx;

pub use columns::Row;
pub use resolve::{resolve, Difference, Resolved, Snapshot};
pub use styringsbrev::{FocusArea, MainGoal, SubGoal};

use std::sync::Arc;

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

/// Where in a file something is. Names are shared, not copied: every cell
/// of a 200k-row file carries one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// The file as a whole.
    File(Arc<str>),
    /// A line of a text file, from 1.
    Line { file: Arc<str>, line: u64 },
    /// A line and a column of a text file (JSON), from 1.
    LineColumn {
        file: Arc<str>,
        line: u64,
        column: u64,
    },
    /// A cell of a spreadsheet: row from 1, column from 0 (A).
    Cell {
        file: Arc<str>,
        sheet: Arc<str>,
        row: usize,
        column: usize,
    },
    /// A row of a spreadsheet, from 1.
    SheetRow {
        file: Arc<str>,
        sheet: Arc<str>,
        row: usize,
    },
}

impl Default for Location {
    fn default() -> Self {
        Location::File("".into())
    }
}

impl Location {
    /// A line of `file`.
    pub fn line(file: &str, line: u64) -> Location {
        Location::Line {
            file: file.into(),
            line,
        }
    }

    /// The order a reader meets places in: by file, then row or line,
    /// then column (`Ark1!B2` before `Ark1!A3`).
    pub fn order(&self) -> (&str, u64, u64) {
        match self {
            Location::File(file) => (file, 0, 0),
            Location::Line { file, line } => (file, *line, 0),
            Location::LineColumn { file, line, column } => (file, *line, *column),
            Location::Cell {
                file, row, column, ..
            } => (file, *row as u64, *column as u64 + 1),
            Location::SheetRow { file, row, .. } => (file, *row as u64, 0),
        }
    }
}

/// What is wrong, with the values that explain it; [`crate::words::import`]
/// says it in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `--sheet` given for a file that is not a spreadsheet.
    SheetOnlyForXlsx,
    /// A quoted CSV field that opens and never closes.
    UnterminatedQuote,
    /// The CSV reader's own complaint.
    UnreadableCsv(String),
    /// No header row at all.
    EmptyFile,
    /// A byte-order mark says UTF-8, but this byte (from 0) is not.
    BadUtf8 { byte: usize },
    /// A byte-order mark says UTF-16, but the text is not.
    BadUtf16,
    /// Lines in UTF-8 and lines in another encoding in one file: the first
    /// line beyond ASCII, whether it is UTF-8; the problem's line is the
    /// first that disagrees with it.
    MixedEncodings {
        first_line: u64,
        first_is_utf8: bool,
    },
    /// Binary data, not text.
    NotText,
    /// Not a spreadsheet (the reader's complaint).
    NotASpreadsheet(String),
    /// `--sheet` names no sheet of the workbook.
    NoSuchSheet { wanted: String, sheets: Vec<String> },
    /// A workbook without sheets.
    NoSheets,
    /// A workbook that unpacks to more than `limit` bytes.
    UnpacksTooLarge { limit: u64 },
    /// A sheet spanning more than `limit` cells.
    TooManyCells { sheet: String, limit: u64 },
    /// A sheet that cannot be read (the reader's complaint).
    UnreadableSheet { sheet: String, reason: String },
    /// A sheet without a header row.
    EmptySheet(String),
    /// A cell holding an Excel error such as `#DIV/0!`.
    ExcelError(String),
    /// Values in a column without a header; the column from 1.
    ValuesWithoutHeader { column: usize },
    /// Two headers naming the same column; `names`: the names it goes by.
    DuplicateColumn {
        header: String,
        first: String,
        names: String,
    },
    /// A header no column is known by; `known`: the names to use.
    UnknownColumn { header: String, known: String },
    /// No column for the title.
    NoTitleColumn { names: String },
    /// No column for the sector an oppdrag is delegated to.
    NoSectorColumn { names: String },
    /// A row with more or fewer fields than the header.
    FieldCount { found: usize, expected: usize },
    /// Not an id (a whole number above 0).
    NotAnId(String),
    /// Not a year (four digits).
    NotAYear(String),
    /// Not a date.
    NotADate(String),
    /// An empty title.
    EmptyTitle,
    /// A cell longer than [`crate::domain::text::MAX_FIELD_CHARS`] characters.
    TooLong { chars: usize },
    /// No sector in the sector cell.
    NoSector,
    /// A status styr does not know.
    UnknownStatus(String),
    /// A vurdering styr does not know.
    UnknownAssessment(String),
    /// A goal table with no satsingsområde heading above it.
    GoalTableWithoutHeading,
    /// A goal table row with more than three cells.
    GoalTableCells(usize),
    /// A delmål before any hovedmål.
    SubGoalWithoutMainGoal,
    /// A goal table row with neither hovedmål nor delmål.
    EmptyGoalRow,
    /// A delmål with no sector under Ansvar.
    SubGoalWithoutSector(String),
    /// A paste with neither a goal table nor an oppdrag table.
    NoTables,
    /// The JSON ends too early.
    JsonCutShort,
    /// Not JSON (the parser's complaint).
    NotJson(String),
    /// JSON, but not a styr export (the parser's complaint).
    NotAnExport(String),
    /// The export's `format` field is another.
    WrongFormat { found: String, expected: String },
    /// Exported by a newer styr.
    NewerSchema { found: i64, known: i64 },
    /// The export's event log does not replay.
    LogDoesNotReplay(String),
    /// An exported assignment with a text field over the limit.
    AssignmentTextTooLong {
        id: i64,
        rule: crate::domain::TextRule,
    },
    /// An exported event whose comment is over the limit (in characters).
    CommentTooLong { event: i64, chars: usize },
    /// An event id of 0 or below.
    EventIdNotPositive { id: i64, log: EventLog },
    /// The same event id twice.
    DuplicateEventId { id: i64, log: EventLog },
    /// An event id below one before it (`after`).
    EventOutOfOrder { id: i64, after: i64, log: EventLog },
    /// An event of an assignment dated before the assignment's `created`
    /// event (the id `created`).
    EventBeforeCreation {
        id: i64,
        assignment: i64,
        created: i64,
    },
    /// An assignment without events.
    NoEvents(i64),
    /// An assignment other than its events say.
    DiffersFromEvents(i64),
    /// Events of an assignment the export does not hold.
    EventsWithoutAssignment(i64),
    /// The export's catalog log does not match its goals or årshjul.
    Catalog(crate::store::Problem),
    /// A sector code or name the database does not have; `known`: its codes.
    UnknownSector { text: String, known: String },
    /// A goal id that is not a delmål's.
    NotASubGoal(i64),
    /// No goal with this id.
    NoGoal(i64),
    /// No delmål by this code or title.
    UnknownSubGoal(String),
    /// More than one delmål by this title.
    AmbiguousSubGoal(String),
    /// The parent given is itself a task.
    ParentIsTask(i64),
    /// No assignment with the parent's id.
    NoParent(i64),
    /// An assignment given as its own parent.
    OwnParent,
    /// The same id on two rows.
    DuplicateId { id: i64, first: Location },
    /// The same assignment (year, title, sector) on two rows.
    DuplicateRow { first: Location },
    /// A known delmål whose sectors in the file differ from the database's.
    SubGoalSectorsDiffer {
        code: String,
        file: Vec<String>,
        database: Vec<String>,
    },
}

/// Which of an export's two logs an event is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventLog {
    /// The assignments' events.
    Assignments,
    /// The goals' and årshjul entries' events.
    Catalog,
}

/// One thing wrong with the input: where, in which column, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    /// The header of the column whose value is wrong, as the file writes it.
    pub header: Option<String>,
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem at `location`.
    pub fn new(location: Location, kind: ProblemKind) -> Self {
        Problem {
            location,
            header: None,
            kind,
        }
    }

    /// A problem with a value in the column under `header`.
    pub fn in_column(location: Location, header: &str, kind: ProblemKind) -> Self {
        Problem {
            location,
            header: Some(header.to_string()),
            kind,
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
            Location::File(name.into()),
            ProblemKind::SheetOnlyForXlsx,
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
