//! The report to kommunestyret for one period: every sector's key
//! figures, the deviations (avvik) first, every oppdrag with its latest
//! approved report, the political decisions followed up, and what was
//! closed in the period. [`load`] reads the store once; [`build`] lays the
//! data out as headed tables in the user's language, which the writers
//! ([`markdown`], [`html`], [`xlsx`]) only format.

pub mod html;
pub mod load;
pub mod markdown;
pub mod xlsx;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::approval::ReportState;
use crate::domain::{Assessment, Assignment, Lang, Period, Sector, Status, Today};
use crate::words::council::{self as words, CouncilWords};
use crate::words::Label;

/// A political decision as the council report shows it, read by
/// [`load::decisions`] from the vedtak register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    pub id: i64,
    /// The body that made it (kommunestyret, formannskapet, an utvalg).
    pub body: String,
    pub date: NaiveDate,
    /// The case number, `283/21`.
    pub case: String,
    pub title: String,
    /// Its state (not started, under way, done, closed), overdue or not.
    pub progress: crate::domain::vedtak::Progress,
    /// The day it was *kvittert ut*, if it was.
    pub closed: Option<NaiveDate>,
    /// The latest comment on it or its oppdrag.
    pub latest_comment: Option<String>,
}

/// One oppdrag with its report for the period.
#[derive(Debug, Clone)]
pub struct Line {
    pub assignment: Assignment,
    pub state: ReportState,
    /// The text of the latest report when it is approved.
    pub approved_text: Option<String>,
}

/// Everything the council report shows, read at one moment.
#[derive(Debug, Clone)]
pub struct CouncilData {
    pub municipality: String,
    pub period: Period,
    pub today: Today,
    pub sectors: Vec<Sector>,
    /// The period's oppdrag (of its plan year, not tasks).
    pub lines: Vec<Line>,
    pub decisions: Vec<DecisionRow>,
    /// Oppdrag closed on a day of the period: id, status, day.
    pub closed: Vec<(i64, Status, NaiveDate)>,
}

/// A cell: text, or a number that stays a number in a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, dates as the language writes them.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => lang.date(*d),
        }
    }
}

/// A headed table of the report; `empty` is said when it has no rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub heading: String,
    /// A short name for a spreadsheet tab (at most 31 characters).
    pub sheet: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub empty: &'static str,
}

/// The report laid out: a title, a line under it, and its tables in order.
#[derive(Debug, Clone)]
pub struct Document {
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    pub tables: Vec<Table>,
}

fn rank(a: &Assignment) -> u8 {
    match a.assessment {
        Some(Assessment::Red) => 0,
        Some(Assessment::Yellow) => 1,
        _ => 2,
    }
}

/// Lays the data out as the report's tables, in the order they are read:
/// key figures, deviations, the vedtak (when there are any), one table of
/// oppdrag per sector (deviations first in each), and what was closed.
pub fn build(data: &CouncilData, lang: Lang) -> Document {
    let w: &CouncilWords = words::council_words(lang);
    let mut tables = Vec::new();
    let sector_lines = |code: &str| -> Vec<&Line> {
        let mut lines: Vec<&Line> = data
            .lines
            .iter()
            .filter(|l| l.assignment.lead_sector == code)
            .collect();
        lines.sort_by_key(|l| (rank(&l.assignment), l.assignment.due, l.assignment.id));
        lines
    };
    let count = |lines: &[&Line], f: &dyn Fn(&Line) -> bool| {
        Cell::Number(lines.iter().filter(|l| f(l)).count() as i64)
    };
    let mut figures = Vec::new();
    for sector in &data.sectors {
        let lines = sector_lines(&sector.code);
        figures.push(vec![
            Cell::Text(sector.code.clone()),
            Cell::Text(sector.name.clone()),
            Cell::Number(lines.len() as i64),
            count(&lines, &|l| l.assignment.status == Status::Done),
            count(&lines, &|l| l.assignment.is_overdue(data.today)),
            count(&lines, &|l| {
                l.assignment.assessment == Some(Assessment::Red)
            }),
            count(&lines, &|l| l.state.is_approved()),
            count(&lines, &|l| matches!(l.state, ReportState::Awaiting { .. })),
            count(&lines, &|l| l.state == ReportState::Missing),
        ]);
    }
    tables.push(Table {
        heading: w.figures.to_string(),
        sheet: w.figures_sheet.to_string(),
        headers: w.figure_headers.to_vec(),
        rows: figures,
        empty: w.no_sectors,
    });
    let oppdrag_row = |l: &Line, with_sector: bool| {
        let a = &l.assignment;
        let mut row = vec![Cell::Number(a.id)];
        if with_sector {
            row.push(Cell::Text(a.lead_sector.clone()));
        }
        row.extend([
            Cell::Text(a.title.clone()),
            Cell::Text(a.status.label(lang).to_string()),
            Cell::Text(a.assessment.label(lang).to_string()),
            a.due.map_or(Cell::Text(String::new()), Cell::Date),
            Cell::Text(words::state_label(&l.state, lang).to_string()),
            Cell::Text(l.approved_text.clone().unwrap_or_default()),
        ]);
        row
    };
    let mut deviations: Vec<&Line> = data
        .lines
        .iter()
        .filter(|l| l.assignment.assessment == Some(Assessment::Red))
        .collect();
    let order: HashMap<&str, usize> = data
        .sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.code.as_str(), i))
        .collect();
    deviations.sort_by_key(|l| {
        (
            order.get(l.assignment.lead_sector.as_str()).copied(),
            l.assignment.id,
        )
    });
    tables.push(Table {
        heading: w.deviations.to_string(),
        sheet: w.deviations_sheet.to_string(),
        headers: w.deviation_headers.to_vec(),
        rows: deviations.iter().map(|l| oppdrag_row(l, true)).collect(),
        empty: w.no_deviations,
    });
    if !data.decisions.is_empty() {
        tables.push(Table {
            heading: w.decisions.to_string(),
            sheet: w.decisions_sheet.to_string(),
            headers: w.decision_headers.to_vec(),
            rows: data
                .decisions
                .iter()
                .map(|d| {
                    vec![
                        Cell::Number(d.id),
                        Cell::Text(d.body.clone()),
                        Cell::Date(d.date),
                        Cell::Text(d.case.clone()),
                        Cell::Text(d.title.clone()),
                        Cell::Text(crate::words::vedtak::state(
                            d.progress.state,
                            d.progress.overdue,
                            d.closed,
                            lang,
                        )),
                        Cell::Text(d.latest_comment.clone().unwrap_or_default()),
                    ]
                })
                .collect(),
            empty: "",
        });
    }
    for sector in &data.sectors {
        tables.push(Table {
            heading: format!("{} {}", sector.code, sector.name),
            sheet: sector.code.clone(),
            headers: w.oppdrag_headers.to_vec(),
            rows: sector_lines(&sector.code)
                .iter()
                .map(|l| oppdrag_row(l, false))
                .collect(),
            empty: w.no_oppdrag,
        });
    }
    let titles: HashMap<i64, &Assignment> = data
        .lines
        .iter()
        .map(|l| (l.assignment.id, &l.assignment))
        .collect();
    tables.push(Table {
        heading: w.closed.to_string(),
        sheet: w.closed_sheet.to_string(),
        headers: w.closed_headers.to_vec(),
        rows: data
            .closed
            .iter()
            .filter_map(|(id, status, day)| {
                let a = titles.get(id)?;
                Some(vec![
                    Cell::Number(*id),
                    Cell::Text(a.lead_sector.clone()),
                    Cell::Text(a.title.clone()),
                    Cell::Text(status.label(lang).to_string()),
                    Cell::Date(*day),
                ])
            })
            .collect(),
        empty: w.nothing_closed,
    });
    Document {
        lang,
        title: words::council_title(&data.municipality, &data.period, lang),
        subtitle: words::council_subtitle(&data.period, data.today.0, lang),
        tables,
    }
}
