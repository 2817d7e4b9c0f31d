//! Several rows at once: `Space` marks the selected row, `V` every row from
//! the last one marked to the cursor; with rows marked, the change keys open
//! one form that sets status, vurdering, deadline, owner or a comment on all
//! of them, written as one change (all or nothing, undone as one).

use super::{AppState, Effect};
use crate::domain::date::{iso, parse_date};
use crate::domain::{Assessment, Field, Status};
use crate::tui::dialog::{Dialog, DialogKind, FormField, FormPurpose, Target};
use crate::words::lists;

/// `Space`: marks or unmarks the selected row, then moves down a row.
pub(super) fn toggle_mark(state: &mut AppState) -> Vec<Effect> {
    let Some(id) = state.selected().map(|a| a.id) else {
        state.error(state.words().nothing_selected);
        return vec![];
    };
    if !state.marked.remove(&id) {
        state.marked.insert(id);
    }
    state.mark_anchor = Some(id);
    if state.list_cursor + 1 < state.rows.len() {
        state.list_cursor += 1;
        return state.selection_changed();
    }
    vec![]
}

/// `V`: marks every row from the last row marked (or the selected one) to
/// the selected row.
pub(super) fn mark_range(state: &mut AppState) -> Vec<Effect> {
    if state.rows.is_empty() {
        state.error(state.words().nothing_selected);
        return vec![];
    }
    let cursor = state.list_cursor;
    let anchor = state
        .mark_anchor
        .and_then(|id| state.rows.iter().position(|r| r.id == id))
        .unwrap_or(cursor);
    let (from, to) = (anchor.min(cursor), anchor.max(cursor));
    let ids: Vec<i64> = state.rows[from..=to].iter().map(|r| r.id).collect();
    state.marked.extend(ids);
    state.mark_anchor = state.rows.get(cursor).map(|r| r.id);
    vec![]
}

/// The marked assignments that are still in the data, as targets at the
/// version shown.
fn targets(state: &AppState) -> Vec<Target> {
    state
        .marked
        .iter()
        .filter_map(|id| state.data.assignment(*id))
        .map(|a| Target {
            id: a.id,
            version: a.version,
            title: a.title.clone(),
        })
        .collect()
}

/// The one form for the marked rows; the cursor starts on `field` (the
/// comment for `None`).
pub(super) fn open_form(state: &mut AppState, field: Option<Field>) {
    if state.data.read_only {
        state.error(state.words().read_only);
        return;
    }
    let s = state.words();
    let fields = vec![
        FormField::new(Some(Field::Status), s.label_status, ""),
        FormField::new(Some(Field::Assessment), s.label_assessment, ""),
        FormField::new(Some(Field::Due), s.label_due, ""),
        FormField::new(Some(Field::Owner), s.label_owner, ""),
        FormField::new(None, s.label_comment_optional, ""),
    ];
    let cursor = fields.iter().position(|f| f.field == field).unwrap_or(0);
    state.open_dialog(Dialog::new(DialogKind::Form {
        purpose: FormPurpose::Batch(targets(state)),
        fields,
        cursor,
    }));
}

/// What the form's typed values mean: each field filled in is set on every
/// marked row (`-` clears a deadline or owner); the status and vurdering are
/// typed as words in either language.
pub(super) fn edits_of(
    state: &AppState,
    typed: &[(Field, Option<String>)],
) -> Result<Vec<(Field, Option<String>)>, String> {
    let lang = state.lang;
    let mut edits = Vec::new();
    for (field, value) in typed {
        let text = value.as_deref().unwrap_or_default().trim();
        if text.is_empty() {
            continue;
        }
        let cleared = text == "-";
        let value = match field {
            Field::Status => Some(
                Status::parse(text)
                    .map_err(|_| {
                        let choices = Status::ALL
                            .iter()
                            .map(|s| crate::words::Label::label(*s, lang))
                            .collect::<Vec<_>>()
                            .join(", ");
                        lists::batch_bad_value(
                            crate::words::Label::label(*field, lang),
                            text,
                            &choices,
                            lang,
                        )
                    })?
                    .as_str()
                    .to_string(),
            ),
            Field::Assessment if cleared => None,
            Field::Assessment => Assessment::parse(text)
                .map_err(|_| {
                    let choices = Assessment::ALL
                        .iter()
                        .map(|a| crate::words::Label::label(*a, lang))
                        .collect::<Vec<_>>()
                        .join(", ");
                    lists::batch_bad_value(
                        crate::words::Label::label(*field, lang),
                        text,
                        &choices,
                        lang,
                    )
                })?
                .map(|a| a.as_str().to_string()),
            Field::Due if cleared => None,
            Field::Due => Some(iso(parse_date(text).map_err(|e| e.message(lang))?)),
            _ if cleared => None,
            _ => Some(text.to_string()),
        };
        edits.push((*field, value));
    }
    Ok(edits)
}

/// The effect that writes the batch, or the form's error.
pub(super) fn submit(
    state: &mut AppState,
    targets: Vec<Target>,
    typed: Vec<(Field, Option<String>)>,
    comment: Option<String>,
) -> Vec<Effect> {
    let edits = match edits_of(state, &typed) {
        Ok(edits) if edits.is_empty() && comment.is_none() => Err(lists::batch_nothing(state.lang)),
        other => other,
    };
    match edits {
        Ok(edits) => {
            if let Some(dialog) = state.dialog_mut() {
                dialog.pending = true;
                dialog.error = None;
            }
            vec![Effect::ChangeMany {
                targets: targets.iter().map(|t| (t.id, t.version)).collect(),
                edits,
                comment,
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

/// After new data: an open batch form refused as stale takes the versions
/// now shown, so that Enter saves over what the user has been told about.
pub(super) fn refresh_targets(state: &mut AppState) {
    let versions: Vec<(i64, Option<i64>)> = state
        .marked
        .iter()
        .map(|id| (*id, state.data.assignment(*id).map(|a| a.version)))
        .collect();
    // Marks on assignments that are gone are dropped.
    for (id, version) in &versions {
        if version.is_none() {
            state.marked.remove(id);
        }
    }
    if let Some(dialog) = state.dialog_mut() {
        if !dialog.stale {
            return;
        }
        if let DialogKind::Form {
            purpose: FormPurpose::Batch(targets),
            ..
        } = &mut dialog.kind
        {
            dialog.stale = false;
            targets.retain_mut(|t| match versions.iter().find(|(id, _)| *id == t.id) {
                Some((_, Some(version))) => {
                    t.version = *version;
                    true
                }
                _ => false,
            });
        }
    }
}
