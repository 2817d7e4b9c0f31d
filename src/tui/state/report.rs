//! Reports from the TUI: the `r` form for the period being reported on, and
//! the mangler-rapport quick view's order.

use super::{AppState, QuickView};
use crate::domain::date::{nb, parse_typed_date, DateContext};
use crate::domain::{Assessment, Field, ReportDraft, Status};
use crate::tui::data::ListRow;
use crate::tui::dialog::{Dialog, DialogKind, FormField, FormPurpose, Target};
use crate::tui::effect::Effect;
use crate::tui::strings::Lang;
use crate::words::terms::assessment_label;
use crate::words::Label;

/// Opens the report form for the selected assignment and the period being
/// reported on, filled with its status, vurdering and expected completion.
pub(super) fn open_report(state: &mut AppState) {
    let Some(target) = state.writable_target() else {
        return;
    };
    let Some(assignment) = state.data.assignment(target.id).cloned() else {
        return;
    };
    if assignment.is_task() {
        state.error(state.words().report_task);
        return;
    }
    let Some(period) = state.data.reporting_period(state.today).map(|p| p.id()) else {
        state.error(state.words().no_reporting_period);
        return;
    };
    let s = state.words();
    let fields = vec![
        FormField::new(
            Some(Field::Status),
            s.label_status,
            assignment.status.label(s.lang),
        ),
        FormField::new(
            Some(Field::Assessment),
            s.label_assessment,
            assessment_label(assignment.assessment, s.lang),
        ),
        FormField::new(
            Some(Field::ExpectedDone),
            s.label_expected_done,
            &assignment.expected_done.map(nb).unwrap_or_default(),
        ),
        FormField::new(None, s.label_comment, ""),
    ];
    state.open_dialog(Dialog::new(DialogKind::Form {
        purpose: FormPurpose::Report { target, period },
        fields,
        // The status first, as the form reads from the top; the comment is
        // a Tab or ↑ away.
        cursor: 0,
    }));
}

/// Opens the sign-off dialog for the selected oppdrag's report for the
/// period being reported on: approve it, or send it back with a comment.
/// The store decides whether the user may (not the author, a report there).
pub(super) fn open_decision(state: &mut AppState, decision: crate::domain::approval::Decision) {
    let Some(target) = state.writable_target() else {
        return;
    };
    let Some(assignment) = state.data.assignment(target.id).cloned() else {
        return;
    };
    if assignment.is_task() {
        state.error(state.words().report_task);
        return;
    }
    let Some(period) = state.data.reporting_period(state.today).map(|p| p.id()) else {
        state.error(state.words().no_reporting_period);
        return;
    };
    state.open_dialog(Dialog::new(DialogKind::Confirm {
        action: crate::tui::dialog::Confirm::Decide {
            id: assignment.id,
            title: assignment.title.clone(),
            period,
            decision,
        },
        input: crate::tui::dialog::LineInput::default(),
    }));
}

/// The report the form's changed fields and comment describe.
pub(super) fn report_draft(
    lang: Lang,
    dates: DateContext,
    period: String,
    edits: &[(Field, Option<String>)],
    comment: Option<String>,
) -> Result<ReportDraft, String> {
    let mut draft = ReportDraft {
        period,
        comment,
        ..ReportDraft::default()
    };
    for (field, value) in edits {
        let text = value.as_deref().unwrap_or_default();
        match field {
            Field::Status => draft.status = Some(Status::parse(text).map_err(|e| e.message(lang))?),
            Field::Assessment => {
                draft.assessment = Some(Assessment::parse(text).map_err(|e| e.message(lang))?)
            }
            Field::ExpectedDone => {
                draft.expected_done = Some(match text.trim() {
                    "" | "-" => None,
                    date => Some(parse_typed_date(date, dates).map_err(|e| e.message(lang))?),
                })
            }
            _ => {}
        }
    }
    Ok(draft)
}

/// The effect that records a report, or the form's error.
pub(super) fn submit_report(
    state: &mut AppState,
    target: Target,
    period: String,
    edits: Vec<(Field, Option<String>)>,
    comment: Option<String>,
) -> Vec<Effect> {
    match report_draft(state.lang, state.dates(), period, &edits, comment) {
        Ok(draft) => {
            if let Some(dialog) = state.dialog_mut() {
                dialog.pending = true;
                dialog.error = None;
            }
            vec![Effect::Report {
                id: target.id,
                version: target.version,
                draft: Box::new(draft),
            }]
        }
        Err(e) => {
            if let Some(dialog) = state.dialog_mut() {
                dialog.error = Some(e);
            }
            vec![]
        }
    }
}

/// In the mangler-rapport view the rows go by sector (in the sectors'
/// order), so that each sector's missing reports can be chased together.
pub(super) fn group_by_sector(state: &AppState, rows: &mut [ListRow]) {
    if state.view != QuickView::MissingReport {
        return;
    }
    let position = |id: i64| {
        state.data.assignment(id).and_then(|a| {
            state
                .data
                .sectors
                .iter()
                .position(|s| s.code == a.lead_sector)
        })
    };
    rows.sort_by_key(|r| position(r.id));
}

/// One line of the list pane: a sector heading (in the mangler-rapport
/// view), the dimmed title of the assignment a task belongs to where it is
/// not right above (see [`crate::domain::filter::parent_line`]), or the row
/// at an index of [`AppState::rows`]. Only rows are counted and chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListLine {
    /// The sector's code and name.
    Heading(String),
    /// The id of the assignment the task below belongs to.
    Parent(i64),
    Row(usize),
}

/// The lines the list pane shows in `visible` lines: the rows from the
/// scroll offset, a task's assignment's title above it where that is not
/// the row above (or is scrolled out of sight), and in the mangler-rapport view a heading above each
/// sector's first row. The start moves down as far as needed to keep the
/// selected row in view, since these lines take room of their own. The
/// view draws these lines and a click is mapped through them.
pub fn list_lines(state: &AppState, visible: usize) -> Vec<ListLine> {
    let rows = &state.rows;
    let assignment = |i: usize| state.data.assignments.get(rows[i].at);
    let sector = |i: usize| assignment(i).map(|a| a.lead_sector.as_str());
    let headings = state.view == QuickView::MissingReport;
    let build = |offset: usize| {
        let mut lines = Vec::new();
        for i in offset..rows.len() {
            let mut before = Vec::new();
            if headings && (i == offset || sector(i) != sector(i - 1)) {
                let code = sector(i).unwrap_or_default();
                let name = state
                    .data
                    .sectors
                    .iter()
                    .find(|s| s.code == code)
                    .map_or("", |s| s.name.as_str());
                before.push(ListLine::Heading(format!("{code} {name}")));
            }
            if let Some(row) = assignment(i) {
                // At the top of the pane, or under a new heading, a task's
                // assignment is named again: the row above is not in sight.
                let above = i.checked_sub(1).and_then(assignment);
                let above = above.filter(|_| before.is_empty() && i > offset);
                let parent = crate::domain::filter::parent_line(above, row);
                if let Some(parent) = parent.filter(|p| state.data.assignment(*p).is_some()) {
                    before.push(ListLine::Parent(parent));
                }
            }
            // The row itself must fit under what goes above it.
            if lines.len() + before.len() >= visible {
                break;
            }
            lines.extend(before);
            lines.push(ListLine::Row(i));
        }
        lines
    };
    let cursor = state.list_cursor;
    let mut offset = state.list_offset.min(cursor);
    loop {
        let lines = build(offset);
        if offset >= cursor || lines.contains(&ListLine::Row(cursor)) {
            return lines;
        }
        offset += 1;
    }
}
