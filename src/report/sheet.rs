//! Assignments as a spreadsheet, the way a Norwegian office opens it: the
//! XLSX workbook of `export --format xlsx` and `list --format xlsx`, and
//! the CSV of `export --format csv --excel`. Headers and words are in the
//! user's language, each one `styr import` reads back; text cells go
//! through [`crate::import::cell::encode`], so nothing in them runs as a
//! formula or acts on a terminal, and an import gets the exact text back.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use crate::domain::{Assignment, Goal, Lang};
use crate::import::cell::encode;
use crate::words::cli::{sheet_words, SheetWords};
use crate::words::Label;

/// The date format of every date cell and of the Excel CSV's dates.
pub const DATE_FORMAT: &str = "dd.mm.yyyy";

/// The widest a column is made, in characters: wider text wraps.
const WIDEST: usize = 60;

/// A column of the spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Parent,
    Year,
    Title,
    Description,
    LeadSector,
    Sectors,
    Goal,
    Source,
    Owner,
    Due,
    Status,
    Assessment,
    ExpectedDone,
}

const COLUMNS: [Column; 14] = [
    Column::Id,
    Column::Parent,
    Column::Year,
    Column::Title,
    Column::Description,
    Column::LeadSector,
    Column::Sectors,
    Column::Goal,
    Column::Source,
    Column::Owner,
    Column::Due,
    Column::Status,
    Column::Assessment,
    Column::ExpectedDone,
];

impl Column {
    fn header(self, words: &SheetWords, tasks: bool) -> &'static str {
        match self {
            Column::Id => words.id,
            Column::Parent => words.parent,
            Column::Year => words.year,
            Column::Title if tasks => words.title_task,
            Column::Title => words.title_assignment,
            Column::Description => words.description,
            Column::LeadSector => words.lead_sector,
            Column::Sectors => words.sectors,
            Column::Goal => words.goal,
            Column::Source => words.source,
            Column::Owner => words.owner,
            Column::Due => words.due,
            Column::Status => words.status,
            Column::Assessment => words.assessment,
            Column::ExpectedDone => words.expected_done,
        }
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
enum Value<'a> {
    Empty,
    /// A number that is a number (an id, a year): never prefixed.
    Number(i64),
    /// Text from the database, as [`encode`] writes it.
    Text(Cow<'a, str>),
    /// A status or vurdering in the user's language.
    Word(&'static str),
    Date(NaiveDate),
}

/// The goal codes by goal id, as the sheets name a delmål.
fn goal_codes(goals: &[Goal]) -> HashMap<i64, &str> {
    goals.iter().map(|g| (g.id, g.code.as_str())).collect()
}

fn value<'a>(
    a: &'a Assignment,
    column: Column,
    codes: &HashMap<i64, &'a str>,
    lang: Lang,
) -> Value<'a> {
    let text = |t: &'a str| {
        if t.is_empty() {
            Value::Empty
        } else {
            Value::Text(encode(t))
        }
    };
    let date = |d: Option<NaiveDate>| d.map_or(Value::Empty, Value::Date);
    match column {
        Column::Id => Value::Number(a.id),
        Column::Parent => a.parent_id.map_or(Value::Empty, Value::Number),
        Column::Year => Value::Number(i64::from(a.year)),
        Column::Title => text(&a.title),
        Column::Description => text(&a.description),
        Column::LeadSector => text(&a.lead_sector),
        Column::Sectors => match a.sectors.as_slice() {
            [] => Value::Empty,
            sectors => Value::Text(Cow::Owned(encode(&sectors.join(", ")).into_owned())),
        },
        Column::Goal => match a.goal_id {
            None => Value::Empty,
            Some(id) => match codes.get(&id) {
                Some(code) => text(code),
                None => Value::Number(id),
            },
        },
        Column::Source => text(&a.source),
        Column::Owner => text(&a.owner),
        Column::Due => date(a.due),
        Column::Status => Value::Word(a.status.label(lang)),
        Column::Assessment => Value::Word(a.assessment.label(lang)),
        Column::ExpectedDone => date(a.expected_done),
    }
}

/// `dd.mm.yyyy`, whatever the language.
fn dotted(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// The CSV Norwegian Excel writes and styr's import reads: a byte-order
/// mark, `;` between fields, CRLF, dates `dd.mm.yyyy`, headers and words
/// in the user's language; assignments and tasks together, each task with
/// its assignment's id under the parent header.
pub fn excel_csv(assignments: &[&Assignment], goals: &[Goal], lang: Lang) -> csv::Result<Vec<u8>> {
    let words = sheet_words(lang);
    let codes = goal_codes(goals);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut bytes);
    writer.write_record(COLUMNS.iter().map(|c| c.header(words, false)))?;
    for a in assignments {
        let record: Vec<Cow<str>> = COLUMNS
            .iter()
            .map(|c| match value(a, *c, &codes, lang) {
                Value::Empty => Cow::Borrowed(""),
                Value::Number(n) => Cow::Owned(n.to_string()),
                Value::Text(t) => t,
                Value::Word(w) => Cow::Borrowed(w),
                Value::Date(d) => Cow::Owned(dotted(d)),
            })
            .collect();
        writer.write_record(record.iter().map(|c| c.as_bytes()))?;
    }
    writer.flush()?;
    drop(writer);
    Ok(bytes)
}

/// A workbook with a sheet of assignments and a sheet of tasks (with their
/// assignment's id), each with a bold, frozen header row, filters, dates
/// as dates shown `dd.mm.yyyy`, and columns as wide as their content (up
/// to 60 characters; longer text wraps).
pub fn workbook(
    assignments: &[&Assignment],
    goals: &[Goal],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let words = sheet_words(lang);
    let codes = goal_codes(goals);
    let mut workbook = Workbook::new();
    let (tops, tasks): (Vec<&Assignment>, Vec<&Assignment>) =
        assignments.iter().partition(|a| a.parent_id.is_none());
    for (name, rows, is_tasks) in [
        (words.sheet_assignments, tops, false),
        (words.sheet_tasks, tasks, true),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let columns: Vec<Column> = COLUMNS
            .into_iter()
            .filter(|c| is_tasks || *c != Column::Parent)
            .collect();
        write_sheet(sheet, &columns, &rows, words, is_tasks, &codes, lang)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(
    sheet: &mut Worksheet,
    columns: &[Column],
    rows: &[&Assignment],
    words: &SheetWords,
    tasks: bool,
    codes: &HashMap<i64, &str>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let date = Format::new()
        .set_num_format(DATE_FORMAT)
        .set_align(FormatAlign::Left);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| c.header(words, tasks).width())
        .collect();
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), column.header(words, tasks), &bold)?;
    }
    for (r, a) in rows.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, column) in columns.iter().enumerate() {
            let shown = match value(a, *column, codes, lang) {
                Value::Empty => 0,
                Value::Number(n) => {
                    // Ids and years are far below 2^53: exact as a float.
                    sheet.write_number(row, col(c), n as f64)?;
                    n.to_string().len()
                }
                Value::Text(text) => {
                    let widest = text.lines().map(|l| l.width()).max().unwrap_or(0);
                    if widest > WIDEST || text.contains('\n') {
                        sheet.write_string_with_format(row, col(c), text.as_ref(), &wrap)?;
                    } else {
                        sheet.write_string(row, col(c), text.as_ref())?;
                    }
                    widest
                }
                Value::Word(word) => {
                    sheet.write_string(row, col(c), word)?;
                    word.width()
                }
                Value::Date(d) => {
                    match excel_date(d) {
                        Some(when) => {
                            sheet.write_datetime_with_format(row, col(c), &when, &date)?
                        }
                        None => sheet.write_string(row, col(c), dotted(d))?,
                    };
                    DATE_FORMAT.len()
                }
            };
            widths[c] = widths[c].max(shown);
        }
    }
    for (c, width) in widths.iter().enumerate() {
        // Room for the filter's button beside the header.
        sheet.set_column_width(col(c), (*width).min(WIDEST) as f64 + 3.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, col(columns.len() - 1))?;
    Ok(())
}

/// A column's index as the writer takes it (a sheet has 14 columns).
fn col(index: usize) -> u16 {
    u16::try_from(index).expect("a sheet has few columns")
}

/// The date as Excel holds it; `None` outside the years Excel knows (1900–9999).
fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}
