//! The årshjul and the goal tree as data: choosing an årshjul entry, the
//! forms that add and edit entries and goals, and the confirmations before a
//! deletion or a retirement. Pure, like the rest of `update`.

use super::*;
use crate::domain::{Goal, WheelEntry, WheelKind};
use crate::tui::dialog::{CatalogPurpose, Confirm, TextField};
use crate::words::Label;

/// The selected årshjul entry, if it is still there.
pub(super) fn selected_entry(state: &AppState) -> Option<&WheelEntry> {
    let id = state.wheel_selected?;
    state.data.wheel.iter().find(|e| e.id == id)
}

/// Moves the selection to the previous or next entry by date; the
/// highlighted month follows it.
pub(super) fn step_entry(state: &mut AppState, action: Action) {
    let entries = &state.data.wheel;
    if entries.is_empty() {
        return;
    }
    let at = selected_entry(state).and_then(|e| entries.iter().position(|x| x.id == e.id));
    let next = match (action, at) {
        (Action::Top, _) => 0,
        (Action::Bottom, _) => entries.len() - 1,
        (Action::Up, Some(i)) => i.saturating_sub(1),
        (Action::Down, Some(i)) => (i + 1).min(entries.len() - 1),
        // Nothing chosen yet: start in the highlighted month.
        (_, None) => entries
            .iter()
            .position(|e| e.start.month() >= state.month)
            .unwrap_or(entries.len() - 1),
        (_, Some(i)) => i,
    };
    let entry = &entries[next];
    state.wheel_selected = Some(entry.id);
    state.month = entry.start.month();
}

/// After a month change: the first entry of the month, or none.
pub(super) fn select_in_month(state: &mut AppState) {
    state.wheel_selected = state
        .data
        .wheel
        .iter()
        .find(|e| e.start.month() == state.month)
        .map(|e| e.id);
}

fn kind_word(kind: WheelKind, lang: Lang) -> &'static str {
    kind.label(lang)
}

fn wheel_fields(entry: &WheelEntry, same_day: bool, lang: Lang) -> Vec<TextField> {
    let s = crate::tui::strings::table(lang);
    let to = if same_day {
        String::new()
    } else {
        lang.date(entry.end)
    };
    vec![
        TextField::new("title", s.label_title, &entry.title),
        TextField::new("from", s.label_from, &lang.date(entry.start)),
        TextField::new("to", s.label_to, &to),
        TextField::new("kind", s.label_kind, kind_word(entry.kind, lang)),
        TextField::new(
            "sector",
            s.label_sector,
            entry.sector.as_deref().unwrap_or_default(),
        ),
        TextField::new("note", s.label_note, &entry.note),
        TextField::new("tags", s.label_tags, &entry.tags.join(", ")),
        TextField::new("comment", s.label_comment_optional, ""),
    ]
}

/// The form for a new entry, dated the first of the highlighted month.
pub(super) fn new_wheel_form(state: &AppState) -> Dialog {
    let year = state.data.municipality.year;
    let day =
        chrono::NaiveDate::from_ymd_opt(year, state.month.clamp(1, 12), 1).unwrap_or(state.today.0);
    let draft = WheelEntry {
        id: 0,
        year,
        start: day,
        end: day,
        title: String::new(),
        kind: WheelKind::Administrative,
        sector: state.sector.clone(),
        tags: Vec::new(),
        note: String::new(),
    };
    Dialog::new(DialogKind::CatalogForm {
        purpose: CatalogPurpose::NewWheel { year },
        fields: wheel_fields(&draft, true, state.lang),
        cursor: 0,
    })
}

pub(super) fn edit_wheel_form(entry: &WheelEntry, lang: Lang) -> Dialog {
    Dialog::new(DialogKind::CatalogForm {
        purpose: CatalogPurpose::EditWheel(Box::new(entry.clone())),
        fields: wheel_fields(entry, entry.end == entry.start, lang),
        cursor: 0,
    })
}

pub(super) fn delete_wheel_dialog(entry: &WheelEntry) -> Dialog {
    Dialog::new(DialogKind::Confirm {
        action: Confirm::DeleteWheel(Box::new(entry.clone())),
        input: LineInput::default(),
    })
}

/// The goal selected in the tree, if any (not the "all goals" row).
pub(super) fn selected_goal(state: &AppState) -> Option<&Goal> {
    let id = state.tree_rows.get(state.tree_cursor)?.goal?;
    state.data.tree.get(id)
}

/// A new goal one level under the selected one (a delmål's sibling when a
/// delmål is selected; a satsingsområde on the "all goals" row).
pub(super) fn new_goal_form(state: &AppState) -> Dialog {
    let s = state.words();
    let parent = selected_goal(state).and_then(|g| match g.kind {
        GoalKind::SubGoal => g.parent_id,
        _ => Some(g.id),
    });
    // The next free code at that place: the store refuses one that does not fit.
    let code = crate::domain::goal::next_free_code(
        parent.and_then(|p| state.data.tree.get(p)),
        state.data.tree.goals(),
    );
    let sectors = state.sector.clone().unwrap_or_default();
    Dialog::new(DialogKind::CatalogForm {
        purpose: CatalogPurpose::NewGoal { parent },
        fields: vec![
            TextField::new("code", s.label_code, &code),
            TextField::new("title", s.label_title, ""),
            TextField::new("sectors", s.label_goal_sectors, &sectors),
            TextField::new("comment", s.label_comment_optional, ""),
        ],
        cursor: 0,
    })
}

pub(super) fn edit_goal_form(state: &AppState, goal: &Goal) -> Dialog {
    let s = state.words();
    let parent = goal
        .parent_id
        .and_then(|p| state.data.tree.get(p))
        .map(|g| g.code.clone())
        .unwrap_or_default();
    let mut fields = vec![
        TextField::new("code", s.label_code, &goal.code),
        TextField::new("title", s.label_title, &goal.title),
        TextField::new("sectors", s.label_goal_sectors, &goal.sectors.join(", ")),
    ];
    if goal.kind != GoalKind::FocusArea {
        fields.push(TextField::new("parent", s.label_parent, &parent));
    }
    fields.push(TextField::new("comment", s.label_comment_optional, ""));
    Dialog::new(DialogKind::CatalogForm {
        purpose: CatalogPurpose::EditGoal(Box::new(goal.clone())),
        fields,
        cursor: 0,
    })
}

pub(super) fn retire_goal_dialog(goal: &Goal) -> Dialog {
    Dialog::new(DialogKind::Confirm {
        action: Confirm::RetireGoal(Box::new(goal.clone())),
        input: LineInput::default(),
    })
}

pub(super) fn pending(state: &mut AppState, effect: Effect) -> Vec<Effect> {
    if let Some(dialog) = state.dialog_mut() {
        dialog.pending = true;
        dialog.error = None;
    }
    vec![effect]
}

pub(super) fn fail(state: &mut AppState, message: String) -> Vec<Effect> {
    if let Some(dialog) = state.dialog_mut() {
        dialog.error = Some(message);
    }
    vec![]
}

/// A form's values turned into a write; the store checks the rules.
pub(super) fn on_catalog(
    state: &mut AppState,
    purpose: CatalogPurpose,
    values: Vec<(&'static str, String)>,
) -> Vec<Effect> {
    let value = |key: &str| {
        values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if purpose.is_vedtak() {
        return super::vedtak::on_form(state, purpose, values);
    }
    let comment = Some(value("comment")).filter(|c| !c.is_empty());
    let s = state.words();
    if value("title").is_empty() {
        return fail(state, s.title_required.into());
    }
    match purpose {
        CatalogPurpose::NewWheel { year } => {
            let base = WheelEntry {
                id: 0,
                year,
                start: state.today.0,
                end: state.today.0,
                title: String::new(),
                kind: WheelKind::Administrative,
                sector: None,
                tags: Vec::new(),
                note: String::new(),
            };
            match wheel_from(&base, &value, state.lang, state.dates()) {
                Ok(draft) => pending(
                    state,
                    Effect::CreateWheel {
                        draft: Box::new(draft),
                        comment,
                    },
                ),
                Err(e) => fail(state, e),
            }
        }
        CatalogPurpose::EditWheel(seen) => {
            match wheel_from(&seen, &value, state.lang, state.dates()) {
                Ok(next) => pending(
                    state,
                    Effect::ChangeWheel {
                        seen,
                        next: Box::new(next),
                        comment,
                    },
                ),
                Err(e) => fail(state, e),
            }
        }
        CatalogPurpose::NewGoal { parent } => {
            let effect = Effect::CreateGoal {
                parent,
                code: value("code"),
                title: value("title"),
                sectors: crate::domain::assignment::split_sectors(&value("sectors")),
                comment,
            };
            pending(state, effect)
        }
        CatalogPurpose::EditGoal(seen) => {
            let parent = match seen.kind {
                GoalKind::FocusArea => None,
                _ => {
                    let code = value("parent");
                    match state.data.tree.by_code(&code) {
                        Some(goal) => Some(goal.id),
                        None => return fail(state, s.unknown_parent(&code)),
                    }
                }
            };
            let next = Goal {
                parent_id: parent,
                code: value("code"),
                title: value("title"),
                sectors: crate::domain::assignment::split_sectors(&value("sectors")),
                ..(*seen).clone()
            };
            pending(
                state,
                Effect::ChangeGoal {
                    seen,
                    next: Box::new(next),
                    comment,
                },
            )
        }
        // Handled by `vedtak::on_form` above.
        CatalogPurpose::CloseVedtak { .. }
        | CatalogPurpose::ReopenVedtak { .. }
        | CatalogPurpose::LinkVedtak { .. }
        | CatalogPurpose::UnlinkVedtak { .. } => vec![],
    }
}

/// The entry a form describes, on top of `base`.
fn wheel_from(
    base: &WheelEntry,
    value: &dyn Fn(&str) -> String,
    lang: Lang,
    dates: crate::domain::date::DateContext,
) -> Result<WheelEntry, String> {
    use crate::domain::date::parse_typed_date as parse_date;
    use crate::report::brief::window::DIALOG_TAG;
    let dates = crate::domain::date::DateContext {
        year: base.year,
        ..dates
    };
    let s = crate::tui::strings::table(lang);
    let from = value("from");
    if from.is_empty() {
        return Err(s.date_required.into());
    }
    let start = parse_date(&from, dates).map_err(|e| e.message(lang))?;
    let to = value("to");
    let end = if to.is_empty() {
        start
    } else {
        parse_date(&to, dates).map_err(|e| e.message(lang))?
    };
    let kind = WheelKind::parse(&value("kind")).ok_or_else(|| s.unknown_kind.to_string())?;
    let sector = Some(value("sector")).filter(|s| !s.is_empty());
    let mut tags = crate::domain::wheel::split_tags(&value("tags"));
    // A new entry named a styringsdialog is one for the briefing's "since
    // the last dialog", as the default årshjul's are, unless tagged otherwise.
    let named_dialog = value("title").to_lowercase().contains(DIALOG_TAG);
    if base.id == 0 && tags.is_empty() && named_dialog {
        tags.push(DIALOG_TAG.to_string());
    }
    Ok(WheelEntry {
        start,
        end,
        title: value("title"),
        kind,
        sector,
        note: value("note"),
        tags,
        ..base.clone()
    })
}

/// A confirmed deletion or retirement.
pub(super) fn on_confirmed(
    state: &mut AppState,
    action: Confirm,
    comment: Option<String>,
) -> Vec<Effect> {
    match action {
        Confirm::DeleteWheel(seen) => pending(state, Effect::DeleteWheel { seen, comment }),
        Confirm::RetireGoal(goal) => pending(
            state,
            Effect::RetireGoal {
                id: goal.id,
                comment,
            },
        ),
        Confirm::Withdraw(event) => pending(
            state,
            Effect::Withdraw {
                event: event.id,
                comment,
            },
        ),
        Confirm::Decide {
            id,
            period,
            decision,
            ..
        } => pending(
            state,
            Effect::Decide {
                id,
                period,
                decision,
                comment,
            },
        ),
    }
}

/// "15.05.2023 Styringsdialog" for the pane title.
pub fn entry_label(entry: &WheelEntry, lang: Lang) -> String {
    format!("{} {}", lang.date(entry.start), entry.title)
}
