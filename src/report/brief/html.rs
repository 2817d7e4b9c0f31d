//! The briefing as one self-contained HTML page: inline CSS and SVG, no
//! network, laid out for A4 and readable printed in black and white.

use std::fmt::Write;

use super::Brief;
use crate::domain::wheel::Deadline;
use crate::domain::{Assessment, Lang, Status, Today};
use crate::report::wheel_svg::{wheel_svg, SvgOptions};
use crate::words::brief::{self as text, Words};
use crate::words::Label;

/// Writes the briefing as HTML, with the sector's årshjul as inline SVG.
pub fn render(brief: &Brief, lang: Lang) -> String {
    let w = text::words(lang);
    let title = text::title(w, brief);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        w.lang.code()
    );
    let _ = writeln!(
        s,
        "<title>{} · {}</title>",
        escape(&title),
        w.lang.date(brief.today)
    );
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str(STYLE);
    s.push_str("</head>\n<body>\n<header>\n");
    let _ = writeln!(s, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        s,
        "<p class=\"meta\">{}</p>",
        escape(&text::subtitle(w, brief))
    );
    let _ = writeln!(
        s,
        "<p class=\"meta\">{}: {}<br>{}: {}</p>",
        w.since,
        escape(&text::edge(w, &brief.window.since, true)),
        w.until,
        escape(&text::edge(w, &brief.window.until, false))
    );
    s.push_str("</header>\n");
    figures(&mut s, w, brief);
    overdue(&mut s, w, brief);
    changes(&mut s, w, brief);
    due(&mut s, w, brief);
    goals(&mut s, w, brief);
    wheel(&mut s, w, brief);
    s.push_str("</body>\n</html>\n");
    s
}

const STYLE: &str = r#"<style>
@page { size: A4; margin: 12mm 12mm 13mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
       font-size: 8.5pt; line-height: 1.25; color: #000; background: #fff;
       max-width: 184mm; margin: 0 auto; padding: 8mm 0; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 14pt; margin: 0 0 2pt; }
h3 { font-size: 9.5pt; margin: 6pt 0 2pt; }
h2 { font-size: 10.5pt; margin: 8pt 0 3pt; padding-bottom: 1pt; border-bottom: 1.5pt solid #000;
     break-after: avoid; page-break-after: avoid; }
p { margin: 2pt 0; }
p.meta { color: #222; }
p.headline { font-weight: bold; }
p.empty { font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: 2pt 0 4pt; }
th { text-align: left; font-weight: bold; border-bottom: 1pt solid #000; padding: 1.5pt 3pt; }
td { border-bottom: 0.5pt solid #888; padding: 1.5pt 3pt; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.date { white-space: nowrap; }
.unserved { font-weight: bold; }
tr.group th { border-bottom: 0.5pt solid #888; padding-top: 4pt; font-weight: bold; }
.row { display: flex; gap: 8mm; align-items: flex-start; }
.row > * { flex: 1 1 0; min-width: 0; }
.row > svg { flex: none; }
.wheelpic { flex: none; width: 62mm; }
.wheelpic svg { width: 62mm; height: auto; display: block; }
</style>
"#;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Opens a section with its numbered heading.
fn section(s: &mut String, id: &str, heading: &str) {
    let _ = writeln!(s, "<section id=\"{id}\">\n<h2>{}</h2>", escape(heading));
}

/// A table; cells are already escaped. `class` per column: "", "num" or "date".
fn table(s: &mut String, headers: &[&str], class: &[&str], rows: &[Vec<String>]) {
    s.push_str("<table>\n<thead><tr>");
    for (h, c) in headers.iter().zip(class) {
        let _ = write!(s, "<th class=\"{c}\">{}</th>", escape(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        s.push_str("<tr>");
        for (cell, c) in row.iter().zip(class) {
            let _ = write!(s, "<td class=\"{c}\">{cell}</td>");
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
}

fn empty(s: &mut String, text: &str) {
    let _ = writeln!(s, "<p class=\"empty\">{}</p>", escape(text));
}

fn figures(s: &mut String, w: &Words, brief: &Brief) {
    let f = &brief.figures;
    section(s, "figures", &format!("1. {}", w.figures));
    let _ = writeln!(
        s,
        "<p class=\"headline\">{}</p>",
        escape(&text::headline(w, brief))
    );
    s.push_str("<div class=\"row\">\n");
    let status: Vec<(String, usize, &str)> = f
        .by_status
        .iter()
        .map(|(st, n)| (st.label(w.lang).to_string(), *n, status_colour(*st)))
        .collect();
    let assessment: Vec<(String, usize, &str)> = f
        .by_assessment
        .iter()
        .map(|(a, n)| {
            (
                text::assessment(*a, w.lang).to_string(),
                *n,
                assessment_colour(*a),
            )
        })
        .collect();
    chart(s, w.status, &status);
    chart(s, w.assessment, &assessment);
    s.push_str("</div>\n");
    if !brief.assignments.is_empty() {
        let rows = text::rows::escaped(text::rows::assignments(w, brief), escape);
        table(
            s,
            &[w.id, w.all, w.status, w.assessment, w.deadline, w.report],
            &["num", "", "", "", "date", ""],
            &rows,
        );
    }
    let chase = text::rows::escaped(text::rows::to_chase(w, brief), escape);
    if !chase.is_empty() {
        let _ = writeln!(s, "<h3>{}</h3>", escape(w.to_chase));
        table(
            s,
            &[w.id, w.assignment, w.owner, w.report],
            &["num", "", "", ""],
            &chase,
        );
    }
    s.push_str("</section>\n");
}

fn status_colour(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "#ffffff",
        Status::InProgress => "#7f9cc7",
        Status::Done => "#2f5f2f",
        Status::Cancelled => "#bdbdbd",
    }
}

fn assessment_colour(assessment: Option<Assessment>) -> &'static str {
    match assessment {
        Some(Assessment::Green) => "#3a8f3a",
        Some(Assessment::Yellow) => "#f2c230",
        Some(Assessment::Red) => "#c62828",
        None => "#ffffff",
    }
}

/// A small bar chart: one labelled row per value, the bar's length the
/// count, the count written out, so it reads without colour.
fn chart(s: &mut String, heading: &str, rows: &[(String, usize, &str)]) {
    const LABEL: f64 = 112.0;
    const BAR: f64 = 150.0;
    const ROW: f64 = 17.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let height = ROW * rows.len() as f64 + 18.0;
    let _ = writeln!(
        s,
        "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"{height}\" viewBox=\"0 0 300 {height}\" font-family=\"inherit\" font-size=\"11\">",
        escape(heading)
    );
    let _ = writeln!(
        s,
        "<text x=\"0\" y=\"11\" font-weight=\"bold\">{}</text>",
        escape(heading)
    );
    for (i, (label, count, colour)) in rows.iter().enumerate() {
        let y = 18.0 + ROW * i as f64;
        let length = BAR * *count as f64 / max;
        let _ = writeln!(
            s,
            "<text x=\"0\" y=\"{:.1}\">{}</text><rect x=\"{LABEL}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"11\" fill=\"{colour}\" stroke=\"#000\" stroke-width=\"0.8\"/><text x=\"{:.1}\" y=\"{:.1}\">{count}</text>",
            y + 10.0,
            escape(label),
            y + 1.0,
            LABEL + length + 4.0,
            y + 10.0
        );
    }
    s.push_str("</svg>\n");
}

fn overdue(s: &mut String, w: &Words, brief: &Brief) {
    section(
        s,
        "overdue",
        &format!("2. {}", text::overdue_heading(w, brief)),
    );
    if brief.overdue.is_empty() {
        empty(s, w.no_overdue);
    } else {
        let rows = text::rows::escaped(text::rows::overdue(w, brief), escape);
        table(
            s,
            &[
                w.id,
                w.assignment,
                w.owner,
                w.deadline,
                w.days,
                w.last_comment,
            ],
            &["num", "", "", "date", "num", ""],
            &rows,
        );
    }
    s.push_str("</section>\n");
}

fn changes(s: &mut String, w: &Words, brief: &Brief) {
    section(
        s,
        "changes",
        &format!("3. {}", text::changes_heading(w, brief)),
    );
    if brief.changes.is_empty() && brief.vedtak.is_empty() {
        empty(s, w.no_changes);
    } else if !brief.changes.is_empty() {
        s.push_str("<table>\n<thead><tr>");
        for (h, c) in [(w.date, "date"), (w.change, ""), (w.by, "")] {
            let _ = write!(s, "<th class=\"{c}\">{}</th>", escape(h));
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for (id, title, lines) in brief.changes_by_assignment() {
            let _ = writeln!(
                s,
                "<tr class=\"group\"><th colspan=\"3\">#{id} {}</th></tr>",
                escape(&text::clean(title))
            );
            for c in lines {
                let _ = writeln!(
                    s,
                    "<tr><td class=\"date\">{}</td><td>{}</td><td>{}</td></tr>",
                    text::day(c.at, w.lang),
                    escape(&text::change(w, c)),
                    escape(&text::actors(c))
                );
            }
        }
        s.push_str("</tbody>\n</table>\n");
    }
    if !brief.vedtak.is_empty() {
        let _ = writeln!(s, "<h3>{}</h3>\n<ul class=\"vedtak\">", escape(w.vedtak));
        for line in &brief.vedtak {
            let text = crate::words::as_of::vedtak_line(w.lang, line);
            let _ = writeln!(s, "<li>{}</li>", escape(&text));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

fn due(s: &mut String, w: &Words, brief: &Brief) {
    section(s, "due", &format!("4. {}", text::due_heading(w, brief)));
    if brief.due.is_empty() {
        empty(s, w.no_due);
    } else {
        let rows = text::rows::escaped(text::rows::due(w, brief), escape);
        table(
            s,
            &[
                w.id,
                w.assignment,
                w.owner,
                w.deadline,
                w.status,
                w.assessment,
            ],
            &["num", "", "", "date", "", ""],
            &rows,
        );
    }
    s.push_str("</section>\n");
}

fn goals(s: &mut String, w: &Words, brief: &Brief) {
    section(s, "goals", &format!("5. {}", w.goals));
    if brief.goals.is_empty() {
        empty(s, w.no_goals);
    } else {
        let rows: Vec<Vec<String>> = brief
            .goals
            .iter()
            .map(|g| {
                let serving = if g.serving.is_empty() {
                    format!(
                        "<span class=\"unserved\">{}</span>",
                        escape(w.unserved_mark)
                    )
                } else {
                    g.serving
                        .iter()
                        .map(|a| escape(&text::serving(a, w.lang)))
                        .collect::<Vec<_>>()
                        .join("<br>")
                };
                vec![escape(&text::goal(&g.goal)), serving]
            })
            .collect();
        table(s, &[w.goal, w.serving], &["", ""], &rows);
    }
    s.push_str("</section>\n");
}

fn wheel(s: &mut String, w: &Words, brief: &Brief) {
    section(s, "wheel", &format!("6. {}", text::wheel_heading(w, brief)));
    s.push_str("<div class=\"row\">\n");
    let today = Today(brief.today);
    let deadlines: Vec<Deadline> = brief
        .assignments
        .iter()
        .filter(|a| !a.status.is_closed())
        .filter_map(|a| Deadline::of(a, today))
        .collect();
    let svg = wheel_svg(
        brief.year,
        &brief.year_wheel,
        &deadlines,
        brief.today,
        &SvgOptions {
            size: 420,
            prolog: false,
            caption: Some(text::clean(&brief.sector.code)),
            lang: w.lang,
        },
    );
    let _ = writeln!(s, "<div class=\"wheelpic\">{svg}</div>");
    s.push_str("<div>\n");
    if brief.wheel.is_empty() {
        empty(s, w.no_wheel);
    } else {
        let rows = text::rows::escaped(text::rows::wheel(w, brief), escape);
        table(s, &[w.date, w.what, w.kind], &["date", "", ""], &rows);
    }
    s.push_str("</div>\n</div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
