//! Plain-text output: safe, aligned by display width.

use std::io::Write;

use anyhow::Result;

use super::strings::Texts;
use crate::domain::assignment::assessment_label;
use crate::domain::text::{fit, sanitize_line, width};
use crate::domain::{Assignment, Event, Lang, Today};

/// A column: header, width (None = as wide as its widest cell).
pub struct Column {
    pub header: &'static str,
    pub width: Option<usize>,
}

/// Writes rows under headers, each cell sanitised and padded by display width.
pub fn write_table(out: &mut dyn Write, columns: &[Column], rows: &[Vec<String>]) -> Result<()> {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize_line(c).into_owned()).collect())
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = rows
                .iter()
                .map(|r| width(&r[i]))
                .max()
                .unwrap_or(0)
                .max(width(c.header));
            c.width
                .map_or(widest, |w| w.min(widest.max(width(c.header))))
        })
        .collect();
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len() - 1;
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    fit(c, widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    writeln!(out, "{}", line(columns.iter().map(|c| c.header).collect()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
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
pub fn assignment_row(a: &Assignment, today: Today, indent: bool, t: &Texts) -> Vec<String> {
    let lang = t.lang;
    let overdue = a.days_overdue(today);
    vec![
        a.id.to_string(),
        if overdue.is_some() {
            "!".into()
        } else {
            String::new()
        },
        a.status.label(lang).into(),
        assessment_label(a.assessment, lang).into(),
        format!("{}{}", if indent { "  └ " } else { "" }, a.title),
        a.lead_sector.clone(),
        a.due.map(|d| lang.date(d)).unwrap_or_else(|| t.none.into()),
        overdue.map(|d| t.days(d)).unwrap_or_default(),
        a.owner.clone(),
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
