//! The tables of a styringsbrev pasted as text: goal tables
//! (`Hovedmål<TAB>Delmål<TAB>Ansvar`, a continuation row leaving the first
//! cell empty) under the satsingsområde's heading, and oppdrag tables
//! (`Oppdrag<TAB>Delegert til`, any of the CSV column names). Prose around
//! them is passed over.

use super::columns::{self, split_list, Cell, Column, Row, Table};
use super::{Location, Problem, ProblemKind};

/// A satsingsområde and the hovedmål under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusArea {
    pub location: Location,
    pub title: String,
    pub main: Vec<MainGoal>,
}

/// A hovedmål and its delmål.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainGoal {
    pub location: Location,
    pub title: String,
    pub sub: Vec<SubGoal>,
}

/// A delmål with its responsible sectors as written (codes or names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubGoal {
    pub location: Location,
    pub title: String,
    pub sectors: Vec<String>,
}

/// The source given to oppdrag read from a styringsbrev.
pub const SOURCE: &str = "styringsbrev";

fn cells(line: &str) -> Vec<&str> {
    line.trim_end_matches('\r').split('\t').collect()
}

fn is_goal_header(line: &str) -> bool {
    let cells: Vec<String> = cells(line)
        .iter()
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 2 && cells[0] == "hovedmål" && cells[1] == "delmål"
}

fn is_oppdrag_header(line: &str) -> bool {
    if !line.contains('\t') {
        return false;
    }
    let mapped: Vec<Option<Column>> = cells(line)
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| columns::column(c))
        .collect();
    mapped.iter().all(Option::is_some)
        && mapped.contains(&Some(Column::Title))
        && mapped.contains(&Some(Column::LeadSector))
}

/// Whether a line is the header of a goal table or an oppdrag table.
pub fn is_table_header(line: &str) -> bool {
    is_goal_header(line) || is_oppdrag_header(line)
}

/// A heading's text without markdown marks, tags and surrounding space.
fn heading_text(line: &str) -> String {
    let mut text = line.trim().trim_start_matches('#').to_string();
    for tag in ["<b>", "</b>", "<strong>", "</strong>", "**"] {
        text = text.replace(tag, "");
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The goal tree, the oppdrag rows, and the problems of rows left out.
pub type Read = (Vec<FocusArea>, Vec<Row>, Vec<Problem>);

/// Reads the goal tree and the oppdrag rows from a pasted text; fails only
/// when there is no table at all or an oppdrag table's header is bad.
pub fn parse(name: &str, text: &str) -> Result<Read, Vec<Problem>> {
    let lines: Vec<&str> = text.lines().collect();
    let markdown = lines.iter().any(|l| l.trim_start().starts_with('#'));
    let mut problems = Vec::new();
    let mut focus: Vec<FocusArea> = Vec::new();
    let mut rows = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = i + 1;
        let at = |n: usize| Location::line(name, n as u64);
        if is_goal_header(line) {
            tables += 1;
            let title = heading.as_ref().map(|(_, t)| t.clone());
            let plausible = title
                .as_deref()
                .filter(|t| t.chars().count() <= 120 && !t.ends_with(['.', ':']));
            match plausible {
                Some(title) => {
                    if focus.last().is_none_or(|f| f.title != title) {
                        let line = heading.as_ref().map_or(number, |(n, _)| *n);
                        focus.push(FocusArea {
                            location: at(line),
                            title: title.to_string(),
                            main: Vec::new(),
                        });
                    }
                }
                None => problems.push(Problem::new(
                    at(number),
                    ProblemKind::GoalTableWithoutHeading,
                )),
            }
            i += 1;
            while i < lines.len() && !ends_table(lines[i]) {
                let line = lines[i];
                let number = i + 1;
                i += 1;
                if line.trim().is_empty() {
                    continue;
                }
                let parts = cells(line);
                if parts.len() > 3 && parts[3..].iter().any(|c| !c.trim().is_empty()) {
                    problems.push(Problem::new(
                        at(number),
                        ProblemKind::GoalTableCells(parts.len()),
                    ));
                    continue;
                }
                let main_title = clean(parts[0]);
                let sub_title = clean(parts.get(1).copied().unwrap_or_default());
                let sectors = split_list(parts.get(2).copied().unwrap_or_default());
                let Some(area) = focus.last_mut() else {
                    continue;
                };
                if !main_title.is_empty() {
                    area.main.push(MainGoal {
                        location: at(number),
                        title: main_title.clone(),
                        sub: Vec::new(),
                    });
                }
                let Some(main) = area.main.last_mut() else {
                    problems.push(Problem::new(
                        at(number),
                        ProblemKind::SubGoalWithoutMainGoal,
                    ));
                    continue;
                };
                if sub_title.is_empty() {
                    if main_title.is_empty() {
                        problems.push(Problem::new(at(number), ProblemKind::EmptyGoalRow));
                    }
                    continue;
                }
                if sectors.is_empty() && parts.len() >= 3 {
                    problems.push(Problem::new(
                        at(number),
                        ProblemKind::SubGoalWithoutSector(sub_title.clone()),
                    ));
                }
                main.sub.push(SubGoal {
                    location: at(number),
                    title: sub_title,
                    sectors,
                });
            }
            continue;
        }
        if is_oppdrag_header(line) {
            tables += 1;
            let mut table = Table {
                header: cells(line)
                    .iter()
                    .map(|c| Cell {
                        text: c.to_string(),
                        location: at(number),
                    })
                    .collect(),
                rows: Vec::new(),
            };
            i += 1;
            while i < lines.len() && !ends_table(lines[i]) {
                let number = i + 1;
                let row: Vec<Cell> = cells(lines[i])
                    .iter()
                    .map(|c| Cell {
                        text: c.to_string(),
                        location: at(number),
                    })
                    .collect();
                table.rows.push((at(number), row));
                i += 1;
            }
            match columns::rows(table) {
                Ok((found, mut bad)) => {
                    problems.append(&mut bad);
                    rows.extend(found.into_iter().map(|mut row| {
                        row.source.get_or_insert_with(|| SOURCE.to_string());
                        row
                    }))
                }
                Err(mut found) => problems.append(&mut found),
            }
            continue;
        }
        if !line.trim().is_empty() && (!line.contains('\t') || markdown) {
            let is_heading = line.trim_start().starts_with('#');
            if !markdown || is_heading {
                heading = Some((number, heading_text(line)));
            }
        }
        i += 1;
    }
    if tables == 0 {
        problems.push(Problem::new(
            Location::File(name.into()),
            ProblemKind::NoTables,
        ));
        return Err(problems);
    }
    Ok((focus, rows, problems))
}

/// A table runs until a line of text without a tab, or the next table.
fn ends_table(line: &str) -> bool {
    (!line.trim().is_empty() && !line.contains('\t')) || is_table_header(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASTE: &str = "### Tilhørighet\n\nHovedmål\tDelmål\tAnsvar\nEngasjerte innbyggere\tMer deltakelse\tHOM, KUL\n\tVet hvordan\tKUL\n\nTekst etter.\n\n### Bokvalitet\n\nHovedmål\tDelmål\tAnsvar\nVariert botilbud\tGrønne områder\tTEK\n\nHovedmål\tDelmål\tAnsvar\n\tTrygge bomiljøer\tHOM\n\nDette er oppdragene:\n\nOppdrag\tDelegert til\nRullering av boligplanen\tHOM\n\nKulturplanen skal ferdigstilles\tKUL\nSlutt.\n";

    #[test]
    fn reads_goal_tables_with_continuations_and_oppdrag() {
        let (focus, rows, problems) = parse("brev.txt", PASTE).unwrap();
        assert!(problems.is_empty());
        assert_eq!(focus.len(), 2);
        assert_eq!(focus[0].title, "Tilhørighet");
        assert_eq!(focus[0].main[0].sub.len(), 2);
        assert_eq!(focus[0].main[0].sub[0].sectors, ["HOM", "KUL"]);
        assert_eq!(focus[1].main.len(), 1, "a continuation row across tables");
        assert_eq!(focus[1].main[0].sub.len(), 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].title, "Kulturplanen skal ferdigstilles");
        assert_eq!(rows[1].location, Location::line("brev.txt", 22));
        assert_eq!(rows[1].source.as_deref(), Some(SOURCE));
        let (crlf_focus, crlf_rows, _) = parse("brev.txt", &PASTE.replace('\n', "\r\n")).unwrap();
        assert_eq!(crlf_focus, focus, "a paste from Windows reads the same");
        assert_eq!(crlf_rows.len(), 2);
        assert_eq!(crlf_rows[1].lead, ["KUL"]);
    }

    #[test]
    fn a_continuation_without_a_main_goal_is_named() {
        let (_, _, problems) = parse(
            "b.txt",
            "Satsing\nHovedmål\tDelmål\tAnsvar\n\tDelmål\tHOM\n",
        )
        .unwrap();
        assert_eq!(problems[0].location, Location::line("b.txt", 3));
    }
}
