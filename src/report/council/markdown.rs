//! The council report as Markdown: a heading and a pipe table per section.

use std::fmt::Write;

use super::Document;
use crate::domain::text::sanitize_line;

fn cell(text: &str) -> String {
    sanitize_line(text).replace('|', "\\|")
}

/// Writes the document as Markdown.
pub fn render(doc: &Document) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n\n{}\n", cell(&doc.title), cell(&doc.subtitle));
    for table in &doc.tables {
        let _ = writeln!(s, "## {}\n", cell(&table.heading));
        if table.rows.is_empty() {
            let _ = writeln!(s, "_{}_\n", table.empty);
            continue;
        }
        let _ = writeln!(s, "| {} |", table.headers.join(" | "));
        let _ = writeln!(
            s,
            "|{}|",
            table
                .headers
                .iter()
                .map(|_| "---")
                .collect::<Vec<_>>()
                .join("|")
        );
        for row in &table.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(&c.text(doc.lang))).collect();
            let _ = writeln!(s, "| {} |", cells.join(" | "));
        }
        s.push('\n');
    }
    s
}
