//! Columns found by header name (Norwegian and English alike), and a table
//! of cells turned into assignment rows.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::cell::decode;
use super::{Location, Problem, ProblemKind};
use crate::domain::date::parse_date;
use crate::domain::text::over_limit;
use crate::domain::{Assessment, Status};

/// One cell of a table, with where it is for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub location: Location,
}

/// A table as read from a file: the header row and the rows under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<Cell>,
    /// Each row with the location of the row itself.
    pub rows: Vec<(Location, Vec<Cell>)>,
}

impl Table {
    /// Adds a row read from a file: the first one that is not blank is the header.
    pub fn push(&mut self, location: Location, cells: Vec<Cell>) {
        if !self.header.is_empty() {
            self.rows.push((location, cells));
        } else if cells.iter().any(|c| !c.text.trim().is_empty()) {
            self.header = cells;
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Parent,
    Year,
    Title,
    Description,
    LeadSector,
    Sectors,
    Goal,
    GoalId,
    Source,
    Owner,
    Due,
    Status,
    Assessment,
    ExpectedDone,
    Comment,
    /// Computed by `list` and `export` (overdue, version): read past.
    Ignored,
}

/// Header names per column, normalised (lower case, `_`/`-` as spaces).
/// The first is the one messages use.
const NAMES: &[(Column, &[&str])] = &[
    (
        Column::Id,
        &[
            "id",
            "nr",
            "nummer",
            "#",
            "oppdrag id",
            "oppdragsnummer",
            "oppdragsnr",
        ],
    ),
    (
        Column::Parent,
        &[
            "parent id",
            "parent",
            "hører til",
            "overordnet",
            "overordnet oppdrag",
        ],
    ),
    (Column::Year, &["år", "year", "planår", "plan year"]),
    (
        Column::Title,
        &[
            "oppdrag", "tittel", "title", "oppgave", "tiltak", "navn", "name",
        ],
    ),
    (
        Column::Description,
        &["beskrivelse", "description", "omtale", "detaljer"],
    ),
    (
        Column::LeadSector,
        &[
            "delegert til",
            "ansvar",
            "sektor",
            "sector",
            "lead sector",
            "ansvarlig sektor",
            "hovedansvar",
            "delegated to",
        ],
    ),
    (
        Column::Sectors,
        &[
            "delansvar",
            "sectors",
            "contributing sectors",
            "medansvar",
            "bidragsytere",
            "andre sektorer",
        ],
    ),
    (Column::Goal, &["delmål", "goal", "mål", "goal code"]),
    (Column::GoalId, &["goal id"]),
    (Column::Source, &["kilde", "source"]),
    (
        Column::Owner,
        &[
            "ansvarlig",
            "eier",
            "owner",
            "ansvarlig person",
            "kontaktperson",
            "responsible",
        ],
    ),
    (
        Column::Due,
        &[
            "frist",
            "deadline",
            "due",
            "tidsfrist",
            "forfallsdato",
            "sluttdato",
            "due date",
        ],
    ),
    (Column::Status, &["status", "tilstand"]),
    (
        Column::Assessment,
        &["vurdering", "assessment", "trafikklys"],
    ),
    (
        Column::ExpectedDone,
        &[
            "forventet ferdig",
            "expected done",
            "forventet ferdigdato",
            "expected completion",
        ],
    ),
    (
        Column::Comment,
        &[
            "kommentar",
            "comment",
            "merknad",
            "kommentarer",
            "comments",
            "notat",
        ],
    ),
    (
        Column::Ignored,
        &[
            "overdue",
            "days overdue",
            "version",
            "forfalt",
            "dager forfalt",
            "versjon",
        ],
    ),
];

/// Lower case, `_` and `-` as spaces, single spaces, no trailing `:` or `*`.
fn normalize(header: &str) -> String {
    let lower = header
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .trim_end_matches([':', '*', '.'])
        .to_lowercase()
        .replace(['_', '-'], " ");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The column a header names, if any.
pub fn column(header: &str) -> Option<Column> {
    let key = normalize(header);
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(c, _)| *c)
}

/// The header names a column is found by, for messages.
pub fn names(column: Column) -> String {
    NAMES
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, names)| names.join("/"))
        .unwrap_or_default()
}

fn known_headers() -> String {
    NAMES
        .iter()
        .filter(|(c, _)| *c != Column::Ignored)
        .map(|(_, names)| names[0])
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where one field of a row came from, for messages about its value: the
/// row's own line, or on a spreadsheet its cell in this column (from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub column: usize,
    pub header: Arc<str>,
}

/// One assignment as a file describes it. A field is `None` when the file
/// has no column for it (so a re-import leaves it alone).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Where the row is: a line, or a spreadsheet's row.
    pub location: Location,
    pub id: Option<i64>,
    pub parent: Option<i64>,
    pub year: Option<i32>,
    pub title: String,
    /// Sector codes or names; the first is the lead, the rest contribute.
    pub lead: Vec<String>,
    pub sectors: Option<Vec<String>>,
    /// A delmål's code or title, `Some(None)` for an empty cell.
    pub goal: Option<Option<String>>,
    pub goal_id: Option<Option<i64>>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Option<NaiveDate>>,
    /// `None` also for an empty cell: a new assignment starts not started.
    pub status: Option<Status>,
    pub assessment: Option<Option<Assessment>>,
    pub expected_done: Option<Option<NaiveDate>>,
    pub comment: Option<String>,
    /// Where each field came from (a few, so a list, not a map).
    pub places: Vec<(Column, Place)>,
}

impl Row {
    /// A problem with one field's value, at its cell.
    pub fn problem(&self, column: Column, kind: ProblemKind) -> Problem {
        match self
            .places
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, p)| p)
        {
            Some(place) => {
                let location = match &self.location {
                    Location::SheetRow { file, sheet, row } => Location::Cell {
                        file: file.clone(),
                        sheet: sheet.clone(),
                        row: *row,
                        column: place.column,
                    },
                    other => other.clone(),
                };
                Problem::in_column(location, &place.header, kind)
            }
            None => Problem::new(self.location.clone(), kind),
        }
    }
}

/// Splits a sector cell ("HOM, KUL") into its parts.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '/', '\n'])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect()
}

/// A date as offices write it: `dd.mm.yyyy` (also `d.m.yyyy`), `YYYY-MM-DD`,
/// either with a time after it; [`ProblemKind::NotADate`] otherwise.
pub fn parse_import_date(text: &str) -> Result<NaiveDate, ProblemKind> {
    let text = text.trim();
    let day = text.split([' ', 'T']).next().unwrap_or_default();
    parse_date(day)
        .or_else(|_| NaiveDate::parse_from_str(day, "%d.%m.%Y").map_err(|_| ()))
        .ok()
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| ProblemKind::NotADate(text.to_string()))
}

/// Maps the header and reads every row. A header that cannot be mapped
/// fails the table; a bad row is left out and its problems returned beside
/// the good rows, so that these can be checked too and every problem reported.
pub fn rows(table: Table) -> Result<(Vec<Row>, Vec<Problem>), Vec<Problem>> {
    let table = without_preamble(table);
    let mut problems = Vec::new();
    let mut mapped: Vec<Option<Column>> = Vec::new();
    let mut seen: HashMap<Column, &Cell> = HashMap::new();
    for (index, cell) in table.header.iter().enumerate() {
        if let Some(chars) = over_limit(&cell.text) {
            problems.push(Problem::new(
                cell.location.clone(),
                ProblemKind::TooLong { chars },
            ));
            mapped.push(None);
            continue;
        }
        let header = cell.text.trim();
        if header.is_empty() {
            let has_values = table
                .rows
                .iter()
                .any(|(_, r)| r.get(index).is_some_and(|c| !c.text.trim().is_empty()));
            if has_values {
                problems.push(Problem::new(
                    cell.location.clone(),
                    ProblemKind::ValuesWithoutHeader { column: index + 1 },
                ));
            }
            mapped.push(None);
            continue;
        }
        match column(header) {
            Some(Column::Ignored) => mapped.push(None),
            Some(col) => {
                if let Some(first) = seen.get(&col) {
                    problems.push(Problem::new(
                        cell.location.clone(),
                        ProblemKind::DuplicateColumn {
                            header: header.to_string(),
                            first: first.text.trim().to_string(),
                            names: names(col),
                        },
                    ));
                }
                seen.insert(col, cell);
                mapped.push(Some(col));
            }
            None => {
                problems.push(Problem::new(
                    cell.location.clone(),
                    ProblemKind::UnknownColumn {
                        header: header.to_string(),
                        known: known_headers(),
                    },
                ));
                mapped.push(None);
            }
        }
    }
    let header_location = table
        .header
        .first()
        .map(|c| c.location.clone())
        .unwrap_or_default();
    for required in [Column::Title, Column::LeadSector] {
        if !seen.contains_key(&required) {
            let names = names(required);
            problems.push(Problem::new(
                header_location.clone(),
                match required {
                    Column::Title => ProblemKind::NoTitleColumn { names },
                    _ => ProblemKind::NoSectorColumn { names },
                },
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let headers: Vec<Arc<str>> = table
        .header
        .iter()
        .map(|c| Arc::from(c.text.trim()))
        .collect();
    let width = table.header.len();
    let mut rows = Vec::with_capacity(table.rows.len());
    // Each row's cells are dropped as soon as the row is read, so that a
    // large file is not held twice.
    for (location, cells) in table.rows {
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let extra = cells.iter().skip(width).any(|c| !c.text.trim().is_empty());
        // A field longer than any field may be is refused before it is
        // read, so that no message repeats it.
        let too_long: Vec<Problem> = cells
            .iter()
            .zip(&headers)
            .filter_map(|(cell, header)| {
                over_limit(&cell.text).map(|chars| {
                    Problem::in_column(
                        cell.location.clone(),
                        header,
                        ProblemKind::TooLong { chars },
                    )
                })
            })
            .collect();
        if !too_long.is_empty() {
            problems.extend(too_long);
            continue;
        }
        if cells.len() < width || extra {
            problems.push(Problem::new(
                location,
                ProblemKind::FieldCount {
                    found: cells.len(),
                    expected: width,
                },
            ));
            continue;
        }
        match row(location, &headers, &mapped, &cells) {
            Ok(row) => rows.push(row),
            Err(mut found) => problems.append(&mut found),
        }
    }
    Ok((rows, problems))
}

/// A sheet exported from a planning portal may start with a title and a
/// few notes above the header: when the first row does not name the title
/// and sector columns but one of the next few does, that one is the header.
fn without_preamble(mut table: Table) -> Table {
    let names_both = |cells: &[Cell]| {
        let columns: Vec<Option<Column>> = cells.iter().map(|c| column(&c.text)).collect();
        columns.contains(&Some(Column::Title)) && columns.contains(&Some(Column::LeadSector))
    };
    if names_both(&table.header) {
        return table;
    }
    match table
        .rows
        .iter()
        .take(10)
        .position(|(_, cells)| names_both(cells))
    {
        Some(index) => {
            let mut before = table.rows.drain(..=index);
            let header = before.next_back().expect("the header row").1;
            drop(before);
            Table {
                header,
                rows: table.rows,
            }
        }
        None => table,
    }
}

fn row(
    location: Location,
    header: &[Arc<str>],
    mapped: &[Option<Column>],
    cells: &[Cell],
) -> Result<Row, Vec<Problem>> {
    let mut row = Row {
        location,
        ..Row::default()
    };
    let mut problems = Vec::new();
    row.places.reserve_exact(mapped.iter().flatten().count());
    for ((column, cell), head) in mapped.iter().zip(cells).zip(header) {
        let Some(column) = *column else { continue };
        row.places.push((
            column,
            Place {
                column: match &cell.location {
                    Location::Cell { column, .. } => *column,
                    _ => 0,
                },
                header: head.clone(),
            },
        ));
        let text = cell.text.trim();
        let mut bad = |kind: ProblemKind| {
            problems.push(Problem::in_column(cell.location.clone(), head, kind))
        };
        let number = |text: &str| -> Result<Option<i64>, ProblemKind> {
            let digits = text.trim_start_matches('#').trim();
            if digits.is_empty() {
                return Ok(None);
            }
            digits
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| ProblemKind::NotAnId(text.to_string()))
        };
        let date = |text: &str| -> Result<Option<NaiveDate>, ProblemKind> {
            if text.is_empty() {
                Ok(None)
            } else {
                parse_import_date(text).map(Some)
            }
        };
        match column {
            Column::Id => match number(text) {
                Ok(id) => row.id = id,
                Err(e) => bad(e),
            },
            Column::Parent => match number(text) {
                Ok(id) => row.parent = id,
                Err(e) => bad(e),
            },
            Column::GoalId => match number(text) {
                Ok(id) => row.goal_id = Some(id),
                Err(e) => bad(e),
            },
            Column::Year => {
                if !text.is_empty() {
                    match text.parse::<i32>() {
                        Ok(y) if (1000..=9999).contains(&y) => row.year = Some(y),
                        _ => bad(ProblemKind::NotAYear(text.to_string())),
                    }
                }
            }
            Column::Title => {
                let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                row.title = decode(&title).into_owned();
                if row.title.is_empty() {
                    bad(ProblemKind::EmptyTitle);
                }
            }
            Column::Description => row.description = Some(decode(text).into_owned()),
            Column::LeadSector => {
                row.lead = split_list(&decode(text));
                if row.lead.is_empty() {
                    bad(ProblemKind::NoSector);
                }
            }
            Column::Sectors => row.sectors = Some(split_list(&decode(text))),
            Column::Goal => {
                row.goal = Some(Some(decode(text).into_owned()).filter(|t| !t.is_empty()))
            }
            Column::Source => row.source = Some(decode(text).into_owned()),
            Column::Owner => row.owner = Some(decode(text).into_owned()),
            Column::Due => match date(text) {
                Ok(d) => row.due = Some(d),
                Err(e) => bad(e),
            },
            Column::ExpectedDone => match date(text) {
                Ok(d) => row.expected_done = Some(d),
                Err(e) => bad(e),
            },
            Column::Status => {
                if !text.is_empty() {
                    match Status::parse(text) {
                        Ok(s) => row.status = Some(s),
                        Err(_) => bad(ProblemKind::UnknownStatus(text.to_string())),
                    }
                }
            }
            Column::Assessment => match Assessment::parse(text) {
                Ok(a) => row.assessment = Some(a),
                Err(_) => bad(ProblemKind::UnknownAssessment(text.to_string())),
            },
            Column::Comment => {
                row.comment = Some(decode(text).into_owned()).filter(|c| !c.is_empty())
            }
            Column::Ignored => {}
        }
    }
    if problems.is_empty() {
        Ok(row)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_map_in_both_languages() {
        assert_eq!(column("Oppdrag"), Some(Column::Title));
        assert_eq!(column(" Tittel: "), Some(Column::Title));
        assert_eq!(column("Delegert til"), Some(Column::LeadSector));
        assert_eq!(column("SECTOR"), Some(Column::LeadSector));
        assert_eq!(column("lead_sector"), Some(Column::LeadSector));
        assert_eq!(column("Frist"), Some(Column::Due));
        assert_eq!(column("Ansvarlig"), Some(Column::Owner));
        assert_eq!(column("Delmål"), Some(Column::Goal));
        assert_eq!(column("expected_done"), Some(Column::ExpectedDone));
        assert_eq!(column("days_overdue"), Some(Column::Ignored));
        assert_eq!(column("Fargekode"), None);
    }

    #[test]
    fn a_title_above_the_header_is_passed_over() {
        let cell = |text: &str, line: u64| Cell {
            text: text.into(),
            location: Location::line("f", line),
        };
        let table = Table {
            header: vec![cell("Oppdrag 2024 – eksport", 1), cell("", 1)],
            rows: vec![
                (
                    Location::line("f", 2),
                    vec![cell("Oppdrag", 2), cell("Sektor", 2)],
                ),
                (
                    Location::line("f", 3),
                    vec![cell("Rullering", 3), cell("HOM", 3)],
                ),
            ],
        };
        let (rows, problems) = rows(table).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].location, Location::line("f", 3));
    }

    #[test]
    fn dates_in_office_shapes() {
        let want = NaiveDate::from_ymd_opt(2023, 3, 1).unwrap();
        for text in [
            "01.03.2023",
            "1.3.2023",
            "2023-03-01",
            "2023-03-01 00:00:00",
        ] {
            assert_eq!(parse_import_date(text).unwrap(), want, "{text}");
        }
        assert!(parse_import_date("31.02.2023").is_err());
        assert!(parse_import_date("snart").is_err());
    }
}
