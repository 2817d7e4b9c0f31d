//! The council report as one self-contained HTML document for A4: inline
//! CSS, no network, black on white, so that it prints as it reads.

use std::fmt::Write;

use super::{Cell, Document};
use crate::domain::text::sanitize_line;
use crate::report::brief::html::escape;

const STYLE: &str = r#"<style>
@page { size: A4; margin: 14mm 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
       font-size: 8.5pt; line-height: 1.25; color: #000; background: #fff;
       max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 15pt; margin: 0 0 2pt; }
h2 { font-size: 10.5pt; margin: 9pt 0 3pt; padding-bottom: 1pt; border-bottom: 1.5pt solid #000;
     break-after: avoid; page-break-after: avoid; }
p.meta { color: #222; margin: 2pt 0 6pt; }
p.empty { font-style: italic; margin: 2pt 0; }
table { width: 100%; border-collapse: collapse; margin: 2pt 0 4pt; }
th { text-align: left; font-weight: bold; border-bottom: 1pt solid #000; padding: 1.5pt 3pt; }
td { border-bottom: 0.5pt solid #888; padding: 1.5pt 3pt; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; }
</style>
"#;

fn text(value: &str) -> String {
    escape(&sanitize_line(value))
}

/// Writes the document as HTML.
pub fn render(doc: &Document) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
        doc.lang.code(),
        text(&doc.title)
    );
    s.push_str(STYLE);
    s.push_str("</head>\n<body>\n");
    let _ = writeln!(
        s,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n</header>",
        text(&doc.title),
        text(&doc.subtitle)
    );
    for table in &doc.tables {
        let _ = writeln!(s, "<section>\n<h2>{}</h2>", text(&table.heading));
        if table.rows.is_empty() {
            let _ = writeln!(
                s,
                "<p class=\"empty\">{}</p>\n</section>",
                text(table.empty)
            );
            continue;
        }
        s.push_str("<table>\n<thead><tr>");
        for h in &table.headers {
            let _ = write!(s, "<th>{}</th>", text(h));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            s.push_str("<tr>");
            for cell in row {
                let class = match cell {
                    Cell::Number(_) => "num",
                    Cell::Date(_) => "date",
                    Cell::Text(_) => "",
                };
                let _ = write!(
                    s,
                    "<td class=\"{class}\">{}</td>",
                    text(&cell.text(doc.lang))
                );
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}
