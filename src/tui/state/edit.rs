//! The editing side of `update`: opening forms, and turning a dialog's
//! outcome into a write for the store.

use super::*;
use crate::domain::date::{parse_typed_date, DateContext};
use crate::domain::source::canonical_source;

impl AppState {
    /// What a short date typed on the screen is read against: `31.10` in
    /// the plan year shown, `+14` from today.
    pub fn dates(&self) -> DateContext {
        DateContext {
            year: self.data.municipality.year,
            today: self.today.0,
        }
    }
}

fn goal_code(state: &AppState, id: Option<i64>) -> String {
    id.and_then(|g| state.data.tree.get(g))
        .map(|g| g.code.clone())
        .unwrap_or_default()
}

pub(super) fn edit_form(state: &AppState, target: Target) -> Dialog {
    let s = state.words();
    let a = state.selected().cloned().expect("a target is selected");
    let fields = vec![
        FormField::new(Some(Field::Title), s.label_title, &a.title),
        FormField::new(Some(Field::Owner), s.label_owner, &a.owner),
        FormField::new(
            Some(Field::Description),
            s.label_description,
            &a.description,
        ),
        FormField::new(Some(Field::LeadSector), s.label_lead_sector, &a.lead_sector),
        FormField::new(Some(Field::Sectors), s.label_sectors, &a.sectors.join(", ")),
        FormField::new(
            Some(Field::Goal),
            s.label_goal_code,
            &goal_code(state, a.goal_id),
        ),
        FormField::new(Some(Field::Source), s.label_source, &a.source),
        FormField::new(None, s.label_comment, ""),
    ];
    Dialog::new(DialogKind::Form {
        purpose: FormPurpose::Edit(target),
        fields,
        cursor: 0,
    })
}

pub(super) fn new_form(state: &AppState, parent: Option<Target>) -> Dialog {
    let s = state.words();
    let goal = state.goal.filter(|g| {
        state
            .data
            .tree
            .get(*g)
            .is_some_and(|g| g.kind == GoalKind::SubGoal)
    });
    let mut fields = vec![FormField::new(Some(Field::Title), s.label_title, "")];
    if parent.is_none() {
        fields.push(FormField::new(
            Some(Field::LeadSector),
            s.label_lead_sector,
            state.sector.as_deref().unwrap_or_default(),
        ));
    }
    fields.push(FormField::new(Some(Field::Due), s.label_due, ""));
    fields.push(FormField::new(Some(Field::Owner), s.label_owner, ""));
    if parent.is_none() {
        fields.push(FormField::new(
            Some(Field::Goal),
            s.label_goal_code,
            &goal_code(state, goal),
        ));
        fields.push(FormField::new(Some(Field::Source), s.label_source, ""));
    }
    fields.push(FormField::new(
        Some(Field::Description),
        s.label_description,
        "",
    ));
    fields.push(FormField::new(None, s.label_comment, ""));
    Dialog::new(DialogKind::Form {
        purpose: FormPurpose::New { parent },
        fields,
        cursor: 0,
    })
}

/// Turns a goal code typed in a form into the id the store wants.
fn goal_id_from_code(state: &AppState, code: &str) -> Result<Option<String>, String> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    // The code people see ("1.2.1") first; an id only written as "#7".
    let goals = state.data.tree.goals();
    let by_code = goals.iter().find(|g| g.code == code);
    let by_id = || {
        let id: i64 = code.strip_prefix('#')?.parse().ok()?;
        goals.iter().find(|g| g.id == id)
    };
    by_code
        .or_else(by_id)
        .map(|g| Some(g.id.to_string()))
        .ok_or_else(|| state.words().unknown_goal(code))
}

fn dialog_error(state: &mut AppState, message: String) -> Vec<Effect> {
    if let Some(dialog) = state.dialog_mut() {
        dialog.error = Some(message);
    }
    vec![]
}

pub(super) fn on_outcome(state: &mut AppState, outcome: Outcome) -> Vec<Effect> {
    match outcome {
        Outcome::Continue => vec![],
        Outcome::Cancel => {
            state.close_dialog();
            state.info(state.words().cancelled);
            vec![]
        }
        Outcome::Next(dialog) => {
            state.open_dialog(dialog);
            vec![]
        }
        Outcome::Change {
            target,
            mut edits,
            comment,
        } => {
            for (field, value) in edits.iter_mut() {
                if *field == Field::Source {
                    *value = value
                        .as_deref()
                        .map(canonical_source)
                        .filter(|v| !v.is_empty());
                }
                if *field == Field::Goal {
                    match goal_id_from_code(state, value.as_deref().unwrap_or_default()) {
                        Ok(id) => *value = id,
                        Err(e) => return dialog_error(state, e),
                    }
                }
            }
            if let Some(dialog) = state.dialog_mut() {
                dialog.pending = true;
            }
            vec![Effect::Change {
                id: target.id,
                version: target.version,
                edits,
                comment,
            }]
        }
        Outcome::Create {
            parent,
            values,
            comment,
        } => match draft(state, parent.as_ref(), &values) {
            Ok(draft) => {
                if let Some(dialog) = state.dialog_mut() {
                    dialog.pending = true;
                }
                vec![Effect::Create {
                    draft: Box::new(draft),
                    comment,
                }]
            }
            Err(e) => dialog_error(state, e),
        },
        Outcome::Report {
            target,
            period,
            edits,
            comment,
        } => super::report::submit_report(state, target, period, edits, comment),
        Outcome::Batch {
            targets,
            edits,
            comment,
        } => super::batch::submit(state, targets, edits, comment),
        Outcome::Catalog { purpose, values } => super::catalog::on_catalog(state, purpose, values),
        Outcome::Confirmed { action, comment } => {
            super::catalog::on_confirmed(state, action, comment)
        }
        Outcome::ReplaceFile { name, contents } => super::brief::replace(state, name, contents),
        Outcome::Undo { comment } => {
            if let Some(dialog) = state.dialog_mut() {
                dialog.pending = true;
            }
            vec![Effect::Undo { comment }]
        }
    }
}

/// A new assignment from a form's values; the store checks sectors and goals.
fn draft(
    state: &AppState,
    parent: Option<&Target>,
    values: &[(Field, String)],
) -> Result<Assignment, String> {
    let value = |field: Field| {
        values
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let parent = parent.and_then(|p| state.data.assignment(p.id));
    let lead_sector = match parent {
        Some(p) => p.lead_sector.clone(),
        None => value(Field::LeadSector),
    };
    if lead_sector.is_empty() {
        return Err(state.words().lead_sector_required.into());
    }
    let due = value(Field::Due);
    let due = if due.is_empty() {
        None
    } else {
        Some(parse_typed_date(&due, state.dates()).map_err(|e| e.message(state.lang))?)
    };
    let goal_id = goal_id_from_code(state, &value(Field::Goal))?.and_then(|g| g.parse().ok());
    Ok(Assignment {
        id: 0,
        parent_id: parent.map(|p| p.id),
        year: parent.map_or(state.data.municipality.year, |p| p.year),
        title: value(Field::Title),
        description: value(Field::Description),
        lead_sector,
        sectors: vec![],
        goal_id,
        source: canonical_source(&value(Field::Source)),
        owner: value(Field::Owner),
        due,
        status: Status::NotStarted,
        assessment: None,
        expected_done: None,
        version: 0,
    })
}
