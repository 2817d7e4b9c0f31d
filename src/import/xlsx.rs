//! XLSX (and the other spreadsheet formats calamine reads): the first sheet,
//! or the one named, through the same header mapping as CSV.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::columns::{self, Cell, Row, Table};
use super::{Location, Problem, ProblemKind};

/// Reads the rows of a workbook's sheet.
pub fn parse(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    let one = |kind: ProblemKind| vec![Problem::new(Location::File(name.into()), kind)];
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| one(ProblemKind::NotASpreadsheet(e.to_string())))?;
    let sheets = workbook.sheet_names();
    let sheet_name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .or_else(|| sheets.iter().find(|s| s.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                one(ProblemKind::NoSuchSheet {
                    wanted: wanted.to_string(),
                    sheets: sheets.clone(),
                })
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| one(ProblemKind::NoSheets))?,
    };
    let range = workbook.worksheet_range(&sheet_name).map_err(|e| {
        one(ProblemKind::UnreadableSheet {
            sheet: sheet_name.clone(),
            reason: e.to_string(),
        })
    })?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let file: std::sync::Arc<str> = name.into();
    let sheet: std::sync::Arc<str> = sheet_name.as_str().into();
    let mut table = Table::default();
    let mut problems = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let row_number = top as usize + r + 1;
        let cells: Vec<Cell> = cells
            .iter()
            .enumerate()
            .map(|(c, data)| {
                let location = Location::Cell {
                    file: file.clone(),
                    sheet: sheet.clone(),
                    row: row_number,
                    column: left as usize + c,
                };
                let text = match cell_text(data) {
                    Ok(text) => text,
                    Err(kind) => {
                        problems.push(Problem::new(location.clone(), kind));
                        String::new()
                    }
                };
                Cell { text, location }
            })
            .collect();
        let location = Location::SheetRow {
            file: file.clone(),
            sheet: sheet.clone(),
            row: row_number,
        };
        table.push(location, cells);
    }
    if table.header.is_empty() {
        return Err(one(ProblemKind::EmptySheet(sheet_name)));
    }
    // A spreadsheet's rows are all as wide as its used range; trailing
    // empty cells are not a short row.
    let (rows, mut more) = columns::rows(table)?;
    problems.append(&mut more);
    Ok((rows, problems))
}

/// A cell as text; dates as `YYYY-MM-DD`, whole numbers without a decimal point.
fn cell_text(data: &Data) -> Result<String, ProblemKind> {
    Ok(match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(ProblemKind::ExcelError(e.to_string())),
    })
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
