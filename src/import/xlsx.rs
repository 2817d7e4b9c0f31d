//! XLSX (and the other spreadsheet formats calamine reads): the first sheet,
//! or the one named, through the same header mapping as CSV.

use std::io::{Cursor, Read};

use calamine::{Data, Reader};

use super::columns::{self, Cell, Row, Table};
use super::{Location, Problem, ProblemKind};

/// Reads the rows of a workbook's sheet.
pub fn parse(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    let (table, mut problems) = table(name, bytes, sheet)?;
    // A spreadsheet's rows are all as wide as its used range; trailing
    // empty cells are not a short row.
    let (rows, mut more) = columns::rows(table)?;
    problems.append(&mut more);
    Ok((rows, problems))
}

/// The table on a workbook's sheet (the first, or the one named), and the
/// cells that could not be read.
pub fn table(
    name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Table, Vec<Problem>), Vec<Problem>> {
    let one = |kind: ProblemKind| vec![Problem::new(Location::File(name.into()), kind)];
    // calamine reads every shared string when it opens a workbook, so the
    // bound comes first.
    check_unpacked(bytes).map_err(one)?;
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
    // A range is as large as the rectangle around its cells: one cell at
    // A1 and one at XFD1048576 would take 17 billion.
    if let calamine::Sheets::Xlsx(xlsx) = &mut workbook {
        check_cells(xlsx, &sheet_name).map_err(one)?;
    }
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
    Ok((table, problems))
}

/// The most a workbook may unpack to, all its parts together: a sheet of
/// 200,000 oppdrag is about 100 MB of XML.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// The most cells a sheet may span (rows × columns of the rectangle
/// around its cells): 200,000 rows of 25 columns.
pub const MAX_CELLS: u64 = 5_000_000;

/// Refuses a zip whose parts unpack to more than [`MAX_UNPACKED_BYTES`],
/// counting what really comes out, not what the headers claim (a
/// decompression bomb's header may lie). What is not a readable zip is
/// left for calamine to name.
fn check_unpacked(bytes: &[u8]) -> Result<(), ProblemKind> {
    let too_big = || ProblemKind::UnpacksTooLarge {
        limit: MAX_UNPACKED_BYTES,
    };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(mut part) = archive.by_index(index) else {
            return Ok(());
        };
        let left = MAX_UNPACKED_BYTES - total;
        if part.size() > left {
            return Err(too_big());
        }
        let read = match std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink()) {
            Ok(read) => read,
            Err(_) => return Ok(()),
        };
        if read > left {
            return Err(too_big());
        }
        total += read;
    }
    Ok(())
}

/// Refuses a sheet spanning more than [`MAX_CELLS`], reading its cells one
/// at a time; a sheet that cannot be read is left for calamine to name.
fn check_cells(xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<(), ProblemKind> {
    let Ok(mut cells) = xlsx.worksheet_cells_reader(sheet) else {
        return Ok(());
    };
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0, 0);
    let mut count: u64 = 0;
    while let Ok(Some(cell)) = cells.next_cell() {
        let (row, column) = cell.get_position();
        (top, left) = (top.min(row), left.min(column));
        (bottom, right) = (bottom.max(row), right.max(column));
        count += 1;
        let span = (u64::from(bottom - top) + 1) * (u64::from(right - left) + 1);
        if count > MAX_CELLS || span > MAX_CELLS {
            return Err(ProblemKind::TooManyCells {
                sheet: sheet.to_string(),
                limit: MAX_CELLS,
            });
        }
    }
    Ok(())
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
