//! The briefing as a screen: its typed sections laid out as headings,
//! lines of text and tables that fit the width, one below the other. The
//! same sections and words as `styr brief` writes (`words::brief`), drawn
//! with ratatui instead of written as Markdown.

use crate::domain::approval::ReportKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::table::{wrap, Cell, Column, FitTable};
use crate::domain::text::{sanitize_line, width};
use crate::domain::{Assignment, Lang, Today};
use crate::report::brief::Brief;
use crate::tui::theme::Theme;
use crate::words::brief::{self as text, Words};
use crate::words::Label;

/// One part of the briefing, laid out at the width it is drawn at.
#[derive(Debug, Clone)]
enum Piece {
    /// Words, each with its style, wrapped to the width.
    Text(Vec<(String, Style)>),
    Blank,
    /// A table, `indent` columns in.
    Table {
        table: FitTable,
        indent: u16,
    },
}

/// The whole briefing, ready to be laid out at any width.
#[derive(Debug, Clone)]
pub struct Document {
    pieces: Vec<Piece>,
    header_style: Style,
}

impl Document {
    /// The document of `brief` in `lang`, styled by `theme`.
    pub fn new(brief: &Brief, lang: Lang, theme: Theme) -> Document {
        let mut doc = Builder {
            pieces: Vec::new(),
            w: text::words(lang),
            theme,
        };
        doc.top(brief);
        doc.figures(brief);
        doc.overdue(brief);
        doc.changes(brief);
        doc.due(brief);
        doc.goals(brief);
        doc.wheel(brief);
        Document {
            pieces: doc.pieces,
            header_style: theme.strong().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// How many lines the document takes at `columns`.
    pub fn height(&self, columns: u16) -> usize {
        self.pieces.iter().map(|p| piece_height(p, columns)).sum()
    }

    /// The document drawn into a buffer of its own, `columns` wide and as
    /// tall as it is: the screen shows a window on it.
    pub fn render(&self, columns: u16) -> Buffer {
        let height = self.height(columns).min(usize::from(u16::MAX)) as u16;
        let mut buf = Buffer::empty(Rect::new(0, 0, columns, height));
        let mut y: u16 = 0;
        for piece in &self.pieces {
            let h = piece_height(piece, columns).min(usize::from(height - y)) as u16;
            match piece {
                Piece::Blank => {}
                Piece::Text(words) => {
                    Paragraph::new(wrap_words(words, columns))
                        .render(Rect::new(0, y, columns, h), &mut buf);
                }
                Piece::Table { table, indent } => {
                    let indent = (*indent).min(columns.saturating_sub(1));
                    table.render(
                        Rect::new(indent, y, columns - indent, h),
                        &mut buf,
                        self.header_style,
                    );
                }
            }
            y += h;
        }
        buf
    }
}

fn piece_height(piece: &Piece, columns: u16) -> usize {
    match piece {
        Piece::Blank => 1,
        Piece::Text(words) => wrap_words(words, columns).len(),
        Piece::Table { table, indent } => {
            let indent = (*indent).min(columns.saturating_sub(1));
            usize::from(table.height(columns - indent))
        }
    }
}

/// Styled words filled into lines of at most `columns`; a word longer than
/// a line is cut.
fn wrap_words(words: &[(String, Style)], columns: u16) -> Vec<Line<'static>> {
    let columns = usize::from(columns.max(1));
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (word, style) in words {
        let w = width(word);
        if used > 0 && used + 1 + w <= columns {
            line.push(Span::raw(" "));
            line.push(Span::styled(word.clone(), *style));
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(Line::from(std::mem::take(&mut line)));
        }
        let mut parts = wrap(word, columns);
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            lines.push(Line::from(Span::styled(part, *style)));
        }
        used = width(&last);
        line.push(Span::styled(last, *style));
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

struct Builder {
    pieces: Vec<Piece>,
    w: &'static Words,
    theme: Theme,
}

impl Builder {
    /// A line of text in one style, split into words (neutralised here).
    fn words(text: &str, style: Style) -> Vec<(String, Style)> {
        sanitize_line(text)
            .split_whitespace()
            .map(|word| (word.to_string(), style))
            .collect()
    }

    fn text(&mut self, parts: &[(&str, Style)]) {
        let words = parts
            .iter()
            .flat_map(|(text, style)| Self::words(text, *style))
            .collect();
        self.pieces.push(Piece::Text(words));
    }

    fn heading(&mut self, text: &str) {
        self.pieces.push(Piece::Blank);
        self.text(&[(text, self.theme.strong())]);
    }

    /// A section's "nothing here" line.
    fn nothing(&mut self, text: &str) {
        self.text(&[(text, self.theme.dim())]);
    }

    fn table(&mut self, columns: Vec<Column>, rows: Vec<Vec<Cell>>) {
        self.pieces.push(Piece::Table {
            table: FitTable {
                columns,
                rows,
                header: true,
            },
            indent: 0,
        });
    }

    fn top(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        self.text(&[(&text::title(w, brief), t.strong())]);
        self.text(&[(&text::subtitle(w, brief), t.dim())]);
        self.pieces.push(Piece::Blank);
        let since = text::edge(w, &brief.window.since, true);
        let until = text::edge(w, &brief.window.until, false);
        self.text(&[
            (&format!("{}:", w.since), t.strong()),
            (&since, Style::new()),
        ]);
        self.text(&[
            (&format!("{}:", w.until), t.strong()),
            (&until, Style::new()),
        ]);
    }

    fn figures(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        let f = &brief.figures;
        self.heading(&format!("1. {}", w.figures));
        self.text(&[(&text::headline(w, brief), Style::new())]);
        // The counts per status and per vurdering, one line each.
        let mut parts: Vec<(String, Style)> = vec![(format!("{}:", w.status), t.strong())];
        for (i, (status, n)) in f.by_status.iter().enumerate() {
            if i > 0 {
                parts.push(("·".into(), t.dim()));
            }
            parts.push((format!("{} {n}", status.label(w.lang)), Style::new()));
        }
        self.text(&as_refs(&parts));
        let mut parts: Vec<(String, Style)> = vec![(format!("{}:", w.assessment), t.strong())];
        for (i, (assessment, n)) in f.by_assessment.iter().enumerate() {
            if i > 0 {
                parts.push(("·".into(), t.dim()));
            }
            parts.push((
                text::assessment(*assessment, w.lang).to_string(),
                t.assessment(*assessment),
            ));
            parts.push((n.to_string(), Style::new()));
        }
        self.text(&as_refs(&parts));
        if brief.assignments.is_empty() {
            return;
        }
        self.pieces.push(Piece::Blank);
        self.text(&[(w.all, t.strong())]);
        let rows = brief
            .assignments
            .iter()
            .map(|a| {
                let report = text::report_state(w, brief, a.id);
                let report_style = report_style(brief, a.id, t);
                vec![
                    id(a),
                    Cell::new(text::clean(&a.title)),
                    Cell::new(a.status.label(w.lang)),
                    Cell::styled(
                        text::assessment(a.assessment, w.lang),
                        t.assessment(a.assessment),
                    ),
                    Cell::styled(
                        text::deadline_state(w, a, brief.today),
                        deadline_style(a, brief, t),
                    ),
                    Cell::styled(report, report_style),
                ]
            })
            .collect();
        self.table(
            vec![
                Column::fixed(w.id, 5),
                Column::flex(w.assignment),
                Column::fixed(w.status, 3),
                Column::fixed(w.assessment, 2),
                Column::fixed(w.deadline, 1),
                Column::fixed(w.report, 4),
            ],
            rows,
        );
        let chase: Vec<_> = brief
            .figures
            .reports
            .iter()
            .flat_map(|r| r.missing.iter().chain(&r.awaiting))
            .filter_map(|id| brief.assignments.iter().find(|a| a.id == *id))
            .map(|a| {
                vec![
                    id(a),
                    Cell::new(text::clean(&a.title)),
                    Cell::new(text::owner(w, a)),
                    Cell::styled(
                        text::report_state(w, brief, a.id),
                        report_style(brief, a.id, t),
                    ),
                ]
            })
            .collect();
        if chase.is_empty() {
            return;
        }
        self.pieces.push(Piece::Blank);
        self.text(&[(w.to_chase, t.strong())]);
        self.table(
            vec![
                Column::fixed(w.id, 5),
                Column::flex(w.assignment),
                Column::fixed(w.owner, 1),
                Column::fixed(w.report, 4),
            ],
            chase,
        );
    }

    fn overdue(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        self.heading(&format!("2. {}", text::overdue_heading(w, brief)));
        if brief.overdue.is_empty() {
            return self.nothing(w.no_overdue);
        }
        let rows = brief
            .overdue
            .iter()
            .map(|o| {
                let a = &o.assignment;
                vec![
                    id(a),
                    Cell::new(text::clean(&a.title)),
                    Cell::new(text::owner(w, a)),
                    Cell::styled(text::deadline(w, a), t.overdue()),
                    Cell::styled(o.days.to_string(), t.overdue()),
                    Cell::new(text::remark(w, o.last_comment.as_ref())),
                ]
            })
            .collect();
        self.table(
            vec![
                Column::fixed(w.id, 5),
                Column::flex(w.assignment),
                Column::fixed(w.owner, 1),
                Column::fixed(w.deadline, 3),
                Column::fixed(w.days, 4).right(),
                Column::flex(w.last_comment),
            ],
            rows,
        );
    }

    fn changes(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        self.heading(&format!("3. {}", text::changes_heading(w, brief)));
        if brief.changes.is_empty() && brief.vedtak.is_empty() {
            return self.nothing(w.no_changes);
        }
        for (i, (id, title, lines)) in brief.changes_by_assignment().into_iter().enumerate() {
            if i > 0 {
                self.pieces.push(Piece::Blank);
            }
            self.text(&[(&format!("#{id} {}", text::clean(title)), t.strong())]);
            let rows = lines
                .iter()
                .map(|c| {
                    vec![
                        Cell::styled(text::day(c.at, w.lang), t.dim()),
                        Cell::new(text::change(w, c)),
                        Cell::styled(text::actors(c), t.dim()),
                    ]
                })
                .collect();
            self.pieces.push(Piece::Table {
                table: FitTable {
                    columns: vec![
                        Column::fixed(w.date, 2),
                        Column::fill(w.change),
                        Column::fixed(w.by, 1).right(),
                    ],
                    rows,
                    header: false,
                },
                indent: 2,
            });
        }
        if brief.vedtak.is_empty() {
            return;
        }
        if !brief.changes.is_empty() {
            self.pieces.push(Piece::Blank);
        }
        self.text(&[(w.vedtak, t.strong())]);
        for line in &brief.vedtak {
            let text = crate::words::as_of::vedtak_line(w.lang, line);
            self.text(&[(&text, Style::new())]);
        }
    }

    fn due(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        self.heading(&format!("4. {}", text::due_heading(w, brief)));
        if brief.due.is_empty() {
            return self.nothing(w.no_due);
        }
        let rows = brief
            .due
            .iter()
            .map(|a| {
                vec![
                    id(a),
                    Cell::new(text::clean(&a.title)),
                    Cell::new(text::owner(w, a)),
                    Cell::new(text::deadline(w, a)),
                    Cell::new(a.status.label(w.lang)),
                    Cell::styled(
                        text::assessment(a.assessment, w.lang),
                        t.assessment(a.assessment),
                    ),
                ]
            })
            .collect();
        self.table(
            vec![
                Column::fixed(w.id, 5),
                Column::flex(w.assignment),
                Column::fixed(w.owner, 1),
                Column::fixed(w.deadline, 4),
                Column::fixed(w.status, 3),
                Column::fixed(w.assessment, 2),
            ],
            rows,
        );
    }

    fn goals(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        self.heading(&format!("5. {}", w.goals));
        if brief.goals.is_empty() {
            return self.nothing(w.no_goals);
        }
        let rows = brief
            .goals
            .iter()
            .map(|g| {
                let serving = if g.serving.is_empty() {
                    // A break in the red thread: marked, not only coloured.
                    Cell::styled(format!("! {}", w.unserved_mark), t.overdue())
                } else {
                    Cell::new(
                        g.serving
                            .iter()
                            .map(|a| text::serving(a, w.lang))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                };
                vec![Cell::new(text::goal(&g.goal)), serving]
            })
            .collect();
        self.table(vec![Column::flex(w.goal), Column::flex(w.serving)], rows);
    }

    fn wheel(&mut self, brief: &Brief) {
        let (w, t) = (self.w, self.theme);
        self.heading(&format!("6. {}", text::wheel_heading(w, brief)));
        if brief.wheel.is_empty() {
            return self.nothing(w.no_wheel);
        }
        let rows = brief
            .wheel
            .iter()
            .map(|e| {
                vec![
                    Cell::new(text::span(e.start, e.end, w.lang)),
                    Cell::new(text::wheel_title(e)),
                    Cell::styled(e.kind.label(w.lang), t.wheel_kind(e.kind)),
                ]
            })
            .collect();
        self.table(
            vec![
                Column::fixed(w.date, 2),
                Column::flex(w.what),
                Column::fixed(w.kind, 1),
            ],
            rows,
        );
    }
}

fn as_refs(parts: &[(String, Style)]) -> Vec<(&str, Style)> {
    parts
        .iter()
        .map(|(s, style)| (s.as_str(), *style))
        .collect()
}

/// "#18": the id as the rest of styr writes it.
fn id(a: &Assignment) -> Cell {
    Cell::new(format!("#{}", a.id))
}

fn deadline_style(a: &Assignment, brief: &Brief, t: Theme) -> Style {
    if a.is_overdue(Today(brief.today)) {
        t.overdue()
    } else {
        Style::new()
    }
}

/// A report's state in colour as well as words: missing red, approved green.
fn report_style(brief: &Brief, id: i64, t: Theme) -> Style {
    match brief.figures.reports.as_ref().and_then(|r| r.kind_of(id)) {
        Some(ReportKind::Missing) => t.overdue(),
        Some(ReportKind::Approved) => t.success(),
        Some(ReportKind::Awaiting) | None => Style::new(),
    }
}
