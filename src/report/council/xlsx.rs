//! The council report as a workbook for those who edit it further: one
//! sheet per section, a bold frozen header row, numbers as numbers and
//! dates as dates; text goes through [`encode`] as in every export.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::{Cell, Document};
use crate::import::cell::encode;
use crate::report::sheet::DATE_FORMAT;

/// Writes the document as an XLSX workbook.
pub fn render(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format(DATE_FORMAT);
    let mut used: Vec<String> = Vec::new();
    for table in &doc.tables {
        let sheet = workbook.add_worksheet();
        let mut name: String = table
            .sheet
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(28)
            .collect();
        if used.contains(&name) {
            name = format!("{name} {}", used.len() + 1);
        }
        used.push(name.clone());
        sheet.set_name(&name)?;
        sheet.write_string_with_format(0, 0, encode(&table.heading).as_ref(), &bold)?;
        for (c, header) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(1, c as u16, *header, &bold)?;
        }
        sheet.set_freeze_panes(2, 0)?;
        if table.rows.is_empty() {
            sheet.write_string(2, 0, table.empty)?;
        }
        let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 2;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let shown = match cell {
                    Cell::Number(n) => {
                        sheet.write_number(r, col, *n as f64)?;
                        n.to_string()
                    }
                    Cell::Date(d) => {
                        match ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        ) {
                            Ok(x) => sheet.write_datetime_with_format(r, col, &x, &date)?,
                            Err(_) => sheet.write_string(r, col, d.to_string())?,
                        };
                        "00.00.0000".to_string()
                    }
                    Cell::Text(t) => {
                        if !t.is_empty() {
                            sheet.write_string(r, col, encode(t).as_ref())?;
                        }
                        t.clone()
                    }
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown.chars().count());
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (*w).clamp(4, 60) as f64 + 1.0)?;
        }
    }
    workbook.save_to_buffer()
}
