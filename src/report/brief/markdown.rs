//! The briefing as Markdown: plain tables, aligned so that they also read
//! well in a terminal pager, and paste into an e-mail or a document.

use super::Brief;
use crate::domain::text::width;
use crate::domain::Lang;
use crate::words::brief::{self as text, Words};
use crate::words::Label;

/// Writes the briefing as Markdown.
pub fn render(brief: &Brief, lang: Lang) -> String {
    let w = text::words(lang);
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(&format!("# {}", text::title(w, brief)));
    line("");
    line(&text::subtitle(w, brief));
    line("");
    line(&format!(
        "- {}: {}",
        w.since,
        text::edge(w, &brief.window.since, true)
    ));
    line(&format!(
        "- {}: {}",
        w.until,
        text::edge(w, &brief.window.until, false)
    ));
    for section in [
        figures(w, brief),
        overdue(w, brief),
        changes(w, brief),
        due(w, brief),
        goals(w, brief),
        wheel(w, brief),
    ] {
        line("");
        line(section.trim_end());
    }
    out
}

fn figures(w: &Words, brief: &Brief) -> String {
    let f = &brief.figures;
    let mut s = format!("## 1. {}\n\n", w.figures);
    s.push_str(&format!("{}\n\n", text::headline(w, brief)));
    let rows = f
        .by_status
        .iter()
        .zip(&f.by_assessment)
        .map(|((status, n), (assessment, m))| {
            vec![
                status.label(w.lang).to_string(),
                n.to_string(),
                text::assessment(*assessment, w.lang).to_string(),
                m.to_string(),
            ]
        })
        .collect();
    s.push_str(&table(
        &[w.status, w.count, w.assessment, w.count],
        &[false, true, false, true],
        rows,
    ));
    if !brief.assignments.is_empty() {
        s.push_str(&format!("\n{}:\n\n", w.all));
        let rows = text::rows::escaped(text::rows::assignments(w, brief), escape_inline);
        s.push_str(&table(
            &[
                w.id,
                w.assignment,
                w.status,
                w.assessment,
                w.deadline,
                w.report,
            ],
            &[true, false, false, false, false, false],
            rows,
        ));
    }
    let chase = text::rows::escaped(text::rows::to_chase(w, brief), escape_inline);
    if !chase.is_empty() {
        s.push_str(&format!("\n{}:\n\n", w.to_chase));
        s.push_str(&table(
            &[w.id, w.assignment, w.owner, w.report],
            &[true, false, false, false],
            chase,
        ));
    }
    s
}

fn overdue(w: &Words, brief: &Brief) -> String {
    let mut s = format!("## 2. {}\n\n", text::overdue_heading(w, brief));
    if brief.overdue.is_empty() {
        return s + w.no_overdue + "\n";
    }
    let rows = text::rows::escaped(text::rows::overdue(w, brief), escape_inline);
    s.push_str(&table(
        &[
            w.id,
            w.assignment,
            w.owner,
            w.deadline,
            w.days,
            w.last_comment,
        ],
        &[true, false, false, false, true, false],
        rows,
    ));
    s
}

fn changes(w: &Words, brief: &Brief) -> String {
    let mut s = format!("## 3. {}\n\n", text::changes_heading(w, brief));
    if brief.changes.is_empty() && brief.vedtak.is_empty() {
        return s + w.no_changes + "\n";
    }
    for (id, title, lines) in brief.changes_by_assignment() {
        s.push_str(&format!(
            "**#{id} {}**\n\n",
            escape_inline(&text::clean(title))
        ));
        for c in lines {
            s.push_str(&format!(
                "- {} {} ({})\n",
                text::day(c.at, w.lang),
                escape_inline(&text::change(w, c)),
                escape_inline(&text::actors(c))
            ));
        }
        s.push('\n');
    }
    if !brief.vedtak.is_empty() {
        s.push_str(&format!("**{}**\n\n", w.vedtak));
        for line in &brief.vedtak {
            let text = crate::words::as_of::vedtak_line(w.lang, line);
            s.push_str(&format!("- {}\n", escape_inline(&text)));
        }
        s.push('\n');
    }
    s
}

/// Keeps text from the database from turning into Markdown emphasis or links.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn due(w: &Words, brief: &Brief) -> String {
    let mut s = format!("## 4. {}\n\n", text::due_heading(w, brief));
    if brief.due.is_empty() {
        return s + w.no_due + "\n";
    }
    let rows = text::rows::escaped(text::rows::due(w, brief), escape_inline);
    s.push_str(&table(
        &[
            w.id,
            w.assignment,
            w.owner,
            w.deadline,
            w.status,
            w.assessment,
        ],
        &[true, false, false, false, false, false],
        rows,
    ));
    s
}

fn goals(w: &Words, brief: &Brief) -> String {
    let mut s = format!("## 5. {}\n\n", w.goals);
    if brief.goals.is_empty() {
        return s + w.no_goals + "\n";
    }
    let rows = brief
        .goals
        .iter()
        .map(|g| {
            let serving = if g.serving.is_empty() {
                format!("**{}**", w.unserved_mark)
            } else {
                g.serving
                    .iter()
                    .map(|a| escape_inline(&text::serving(a, w.lang)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![escape_inline(&text::goal(&g.goal)), serving]
        })
        .collect();
    s.push_str(&table(&[w.goal, w.serving], &[false, false], rows));
    s
}

fn wheel(w: &Words, brief: &Brief) -> String {
    let mut s = format!("## 6. {}\n\n", text::wheel_heading(w, brief));
    if brief.wheel.is_empty() {
        return s + w.no_wheel + "\n";
    }
    let rows = text::rows::escaped(text::rows::wheel(w, brief), escape_inline);
    s.push_str(&table(
        &[w.date, w.what, w.kind],
        &[false, false, false],
        rows,
    ));
    s
}

/// A pipe table with cells (already escaped) padded to their column's display width.
fn table(headers: &[&str], right: &[bool], rows: Vec<Vec<String>>) -> String {
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(h), 3])
                .max()
                .unwrap_or(3)
        })
        .collect();
    let pad = |cell: &str, i: usize| {
        let fill = " ".repeat(widths[i].saturating_sub(width(cell)));
        if right[i] {
            format!("{fill}{cell}")
        } else {
            format!("{cell}{fill}")
        }
    };
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut s = row(headers.iter().enumerate().map(|(i, h)| pad(h, i)).collect());
    s.push_str(&row(widths
        .iter()
        .enumerate()
        .map(|(i, n)| {
            if right[i] {
                format!("{}:", "-".repeat(n - 1))
            } else {
                "-".repeat(*n)
            }
        })
        .collect()));
    for r in rows {
        s.push_str(&row(r.iter().enumerate().map(|(i, c)| pad(c, i)).collect()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_from_the_database_is_escaped() {
        assert_eq!(
            escape_inline("*bold* [link](x) <b>"),
            "\\*bold\\* \\[link\\](x) \\<b\\>"
        );
    }

    #[test]
    fn cells_escape_pipes_and_tables_align_by_display_width() {
        let t = table(
            &["Navn", "N"],
            &[false, true],
            vec![
                vec![escape_inline("Ærlig | rett"), "7".into()],
                vec!["Ø".into(), "12".into()],
            ],
        );
        assert_eq!(
            t,
            "| Navn          |   N |\n\
             | ------------- | --: |\n\
             | Ærlig \\| rett |   7 |\n\
             | Ø             |  12 |\n"
        );
    }
}
