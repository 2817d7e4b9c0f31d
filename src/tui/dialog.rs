//! The dialogs that ask before a change: pickers, a line of text, forms, and
//! the optional comment that ends every change. Pure: keys in, outcome out.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::strings::{table, Lang};
use crate::domain::date::{iso, parse_date, parse_typed_date, DateContext};
use crate::domain::{Assessment, Event, Field, Goal, Status, WheelEntry};
use crate::words::terms::assessment_label;
use crate::words::Label;

/// The assignment a dialog acts on, as it was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: i64,
    pub version: i64,
    pub title: String,
}

/// A one-line text input with a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl LineInput {
    /// An input holding `text`, cursor at the end.
    pub fn new(text: &str) -> Self {
        LineInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    fn byte_at(&self, cursor: usize) -> usize {
        self.text
            .char_indices()
            .nth(cursor)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Edits the text for a key; returns false if the key is not an editing key.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(c) if !ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Inserts pasted text at the cursor as one line: a line break or a tab
    /// becomes a space, other control characters are dropped (typed, they
    /// arrive as keys and are never inserted either).
    pub fn paste(&mut self, text: &str) {
        let line: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &line);
        self.cursor += line.chars().count();
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The assignment field it sets; `None` for the comment.
    pub field: Option<Field>,
    pub label: &'static str,
    pub input: LineInput,
    /// The value when the form opened, to tell what changed.
    pub original: String,
}

impl FormField {
    pub fn new(field: Option<Field>, label: &'static str, value: &str) -> Self {
        FormField {
            field,
            label,
            input: LineInput::new(value),
            original: value.to_string(),
        }
    }
}

/// One field of a goal or årshjul form, named by a key its handler knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    pub key: &'static str,
    pub label: &'static str,
    pub input: LineInput,
    /// The value when the form opened, to tell whether anything was typed.
    pub original: String,
}

impl TextField {
    pub fn new(key: &'static str, label: &'static str, value: &str) -> Self {
        TextField {
            key,
            label,
            input: LineInput::new(value),
            original: value.to_string(),
        }
    }
}

/// What a goal or årshjul form creates or edits; an edit carries the state
/// it was opened on, so that a change someone made meanwhile is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogPurpose {
    NewWheel {
        year: i32,
    },
    EditWheel(Box<WheelEntry>),
    NewGoal {
        parent: Option<i64>,
    },
    EditGoal(Box<Goal>),
    /// Close a decision (*kvittere ut*) on `on`; `what` names it.
    CloseVedtak {
        id: i64,
        what: String,
        on: chrono::NaiveDate,
    },
    /// Reopen a decision closed on `closed`.
    ReopenVedtak {
        id: i64,
        what: String,
        closed: chrono::NaiveDate,
    },
    /// Link an oppdrag (its number in the field `number`) to a decision.
    LinkVedtak {
        id: i64,
        what: String,
    },
    /// Remove the link of the oppdrag in `number` (from [`DialogKind::Unlink`]).
    UnlinkVedtak {
        id: i64,
        what: String,
    },
}

impl CatalogPurpose {
    /// Whether it changes a political decision.
    pub fn is_vedtak(&self) -> bool {
        matches!(
            self,
            CatalogPurpose::CloseVedtak { .. }
                | CatalogPurpose::ReopenVedtak { .. }
                | CatalogPurpose::LinkVedtak { .. }
                | CatalogPurpose::UnlinkVedtak { .. }
        )
    }
}

/// A change that asks "are you sure?" first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteWheel(Box<WheelEntry>),
    RetireGoal(Box<Goal>),
    /// Withdraw a mistaken comment or report (the event).
    Withdraw(Box<Event>),
    /// Approve or send back an oppdrag's report for a period.
    Decide {
        id: i64,
        title: String,
        period: String,
        decision: crate::domain::approval::Decision,
    },
}

/// What a form creates or edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    Edit(Target),
    New {
        parent: Option<Target>,
    },
    /// A report for the period (an id such as `2023-T2`).
    Report {
        target: Target,
        period: String,
    },
    /// The same change to every marked row, each as it was shown.
    Batch(Vec<Target>),
}

/// Which dialog is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogKind {
    /// Pick a status or vurdering.
    Pick {
        field: Field,
        target: Target,
        options: Vec<(Option<String>, String)>,
        cursor: usize,
    },
    /// A deadline typed as a date.
    Deadline { target: Target, input: LineInput },
    /// The last step of every change: an optional comment (required when the change is only a comment).
    Comment {
        target: Target,
        edits: Vec<(Field, Option<String>)>,
        summary: String,
        input: LineInput,
    },
    /// Undo the user's last change, with an optional comment. `preview` is
    /// what will be undone and passed over: `None` while it is looked up.
    Undo {
        input: LineInput,
        preview: Option<UndoPreview>,
    },
    Form {
        purpose: FormPurpose,
        fields: Vec<FormField>,
        cursor: usize,
    },
    /// Add or edit a goal or an årshjul entry.
    CatalogForm {
        purpose: CatalogPurpose,
        fields: Vec<TextField>,
        cursor: usize,
    },
    /// Confirm a deletion or a retirement, with an optional comment.
    Confirm { action: Confirm, input: LineInput },
    /// Choose which of a decision's oppdrag to unlink (↑/↓), with an
    /// optional comment; gives `Outcome::Catalog` with `UnlinkVedtak`.
    Unlink {
        id: i64,
        what: String,
        /// The linked oppdrag: number and title.
        options: Vec<(i64, String)>,
        cursor: usize,
        input: LineInput,
    },
    /// Ask before a saved file replaces one that exists: `y` replaces,
    /// `n` or Esc keeps it. `name` as asked for, `path` as shown.
    ReplaceFile {
        name: String,
        path: String,
        contents: String,
    },
}

/// What an undo would do, as the dialog shows it before it is confirmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UndoPreview {
    /// The changes it takes back (one change, in either log), each in
    /// words; empty: nothing.
    pub undo: Vec<String>,
    /// The newer changes it passes over, newest first, each with why, in words.
    pub skipped: Vec<(String, String)>,
}

/// An open dialog, with the error of its last attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialog {
    pub kind: DialogKind,
    pub error: Option<String>,
    /// Submitted; waiting for the store.
    pub pending: bool,
    /// Refused because someone else changed the assignment: the next reload's
    /// version becomes the one shown, so that Enter saves over what the user
    /// has now been told about.
    pub stale: bool,
    /// What a short date typed here is read against (`31.10`, `+14`); set
    /// when the dialog is opened on the screen.
    pub dates: Option<DateContext>,
    /// Esc was pressed with text typed: asking before throwing it away.
    pub discarding: bool,
}

impl Dialog {
    pub fn new(kind: DialogKind) -> Self {
        Dialog {
            kind,
            error: None,
            pending: false,
            stale: false,
            dates: None,
            discarding: false,
        }
    }

    /// Whether the user has typed something here that Esc would throw away.
    pub fn has_typed_text(&self) -> bool {
        let changed = |text: &str, original: &str| text.trim() != original.trim();
        match &self.kind {
            DialogKind::Form { fields, .. } => {
                fields.iter().any(|f| changed(&f.input.text, &f.original))
            }
            DialogKind::CatalogForm { fields, .. } => {
                fields.iter().any(|f| changed(&f.input.text, &f.original))
            }
            DialogKind::Comment { input, .. } | DialogKind::Unlink { input, .. } => {
                !input.text.trim().is_empty()
            }
            _ => false,
        }
    }

    /// A date typed in this dialog: short forms against the screen's plan
    /// year and today, else only the full forms.
    pub fn parse_date(&self, text: &str) -> Result<chrono::NaiveDate, crate::domain::DomainError> {
        match self.dates {
            Some(dates) => parse_typed_date(text, dates),
            None => parse_date(text),
        }
    }

    /// The assignment the dialog changes, if it changes one.
    pub fn target_mut(&mut self) -> Option<&mut Target> {
        match &mut self.kind {
            DialogKind::Pick { target, .. }
            | DialogKind::Deadline { target, .. }
            | DialogKind::Comment { target, .. }
            | DialogKind::Form {
                purpose: FormPurpose::Edit(target) | FormPurpose::Report { target, .. },
                ..
            } => Some(target),
            DialogKind::Undo { .. }
            | DialogKind::Form { .. }
            | DialogKind::CatalogForm { .. }
            | DialogKind::Confirm { .. }
            | DialogKind::Unlink { .. }
            | DialogKind::ReplaceFile { .. } => None,
        }
    }

    /// The status picker, current status selected.
    pub fn status(target: Target, current: Status, lang: Lang) -> Self {
        let options = Status::ALL
            .iter()
            .map(|s| (Some(s.as_str().to_string()), s.label(lang).to_string()))
            .collect();
        let cursor = Status::ALL.iter().position(|s| *s == current).unwrap_or(0);
        Dialog::new(DialogKind::Pick {
            field: Field::Status,
            target,
            options,
            cursor,
        })
    }

    /// The vurdering picker, current vurdering selected.
    pub fn assessment(target: Target, current: Option<Assessment>, lang: Lang) -> Self {
        let mut options: Vec<(Option<String>, String)> = Assessment::ALL
            .iter()
            .map(|a| (Some(a.as_str().to_string()), a.label(lang).to_string()))
            .collect();
        options.push((None, assessment_label(None, lang).to_string()));
        let cursor = match current {
            Some(a) => Assessment::ALL.iter().position(|x| *x == a).unwrap_or(0),
            None => options.len() - 1,
        };
        Dialog::new(DialogKind::Pick {
            field: Field::Assessment,
            target,
            options,
            cursor,
        })
    }

    /// The comment step after the edits are chosen.
    pub fn comment(target: Target, edits: Vec<(Field, Option<String>)>, summary: String) -> Self {
        Dialog::new(DialogKind::Comment {
            target,
            edits,
            summary,
            input: LineInput::default(),
        })
    }
}

/// What a key did to a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stay open.
    Continue,
    /// Close without change.
    Cancel,
    /// Replace with the next step.
    Next(Dialog),
    /// Change these fields of the target, with the comment.
    Change {
        target: Target,
        edits: Vec<(Field, Option<String>)>,
        comment: Option<String>,
    },
    /// Create from the form's fields.
    Create {
        parent: Option<Target>,
        values: Vec<(Field, String)>,
        comment: Option<String>,
    },
    Undo {
        comment: Option<String>,
    },
    /// Record a report: the fields the form changed, and the comment.
    Report {
        target: Target,
        period: String,
        edits: Vec<(Field, Option<String>)>,
        comment: Option<String>,
    },
    /// Set the fields filled in (as typed) on every target, as one change.
    Batch {
        targets: Vec<Target>,
        edits: Vec<(Field, Option<String>)>,
        comment: Option<String>,
    },
    /// Save a goal or årshjul form's values (by key; the comment under "comment").
    Catalog {
        purpose: CatalogPurpose,
        values: Vec<(&'static str, String)>,
    },
    /// A confirmed deletion or retirement.
    Confirmed {
        action: Confirm,
        comment: Option<String>,
    },
    /// Write over the file: the answer was yes.
    ReplaceFile {
        name: String,
        contents: String,
    },
}

fn comment_of(input: &LineInput) -> Option<String> {
    let text = input.text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Handles a key in a dialog; what it says is in `lang`.
pub fn handle_key(dialog: &mut Dialog, key: &KeyEvent, lang: Lang) -> Outcome {
    if key.code == KeyCode::Esc {
        // Typed text is not thrown away on one key: Esc asks, a second Esc
        // (or y/j) discards.
        if dialog.discarding || dialog.pending || !dialog.has_typed_text() {
            return Outcome::Cancel;
        }
        dialog.discarding = true;
        return Outcome::Continue;
    }
    if dialog.discarding {
        dialog.discarding = false;
        if matches!(key.code, KeyCode::Char('y' | 'j' | 'Y' | 'J')) {
            return Outcome::Cancel;
        }
        // Any other key goes back to the text, and is not typed.
        return Outcome::Continue;
    }
    if dialog.pending {
        return Outcome::Continue;
    }
    let dates = dialog.dates;
    let enter = key.code == KeyCode::Enter;
    match &mut dialog.kind {
        DialogKind::Pick {
            field,
            target,
            options,
            cursor,
        } => {
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    *cursor = (*cursor + 1).min(options.len() - 1)
                }
                KeyCode::Char(c @ '1'..='9') => {
                    let n = c as usize - '1' as usize;
                    if n < options.len() {
                        *cursor = n;
                    }
                }
                KeyCode::Enter => {
                    let (value, label) = options[*cursor].clone();
                    let summary = format!("{} → {label}", field.label(lang));
                    return Outcome::Next(Dialog::comment(
                        target.clone(),
                        vec![(*field, value)],
                        summary,
                    ));
                }
                _ => {}
            }
            Outcome::Continue
        }
        DialogKind::Deadline { target, input } => {
            if !enter {
                input.handle(key);
                dialog.error = None;
                return Outcome::Continue;
            }
            let text = input.text.trim();
            let value = if text.is_empty() || text == "-" {
                None
            } else {
                let date = match dates {
                    Some(dates) => parse_typed_date(text, dates),
                    None => parse_date(text),
                };
                match date {
                    Ok(date) => Some(date),
                    Err(e) => {
                        dialog.error = Some(e.message(lang));
                        return Outcome::Continue;
                    }
                }
            };
            let shown = value.map_or(table(lang).no_deadline.to_string(), |d| lang.date(d));
            let value = value.map(iso);
            Outcome::Next(Dialog::comment(
                target.clone(),
                vec![(Field::Due, value)],
                format!("{} → {shown}", Field::Due.label(lang)),
            ))
        }
        DialogKind::Comment {
            target,
            edits,
            input,
            ..
        } => {
            if !enter {
                input.handle(key);
                dialog.error = None;
                return Outcome::Continue;
            }
            let comment = comment_of(input);
            if edits.is_empty() && comment.is_none() {
                dialog.error = Some(table(lang).comment_required.into());
                return Outcome::Continue;
            }
            Outcome::Change {
                target: target.clone(),
                edits: edits.clone(),
                comment,
            }
        }
        DialogKind::Undo { input, preview } => {
            if enter && preview.as_ref().is_some_and(|p| p.undo.is_empty()) {
                dialog.error = Some(table(lang).nothing_to_undo.to_string());
                return Outcome::Continue;
            }
            if enter {
                return Outcome::Undo {
                    comment: comment_of(input),
                };
            }
            input.handle(key);
            Outcome::Continue
        }
        DialogKind::Form {
            purpose,
            fields,
            cursor,
        } => match key.code {
            KeyCode::Tab | KeyCode::Down => {
                *cursor = (*cursor + 1) % fields.len();
                Outcome::Continue
            }
            KeyCode::BackTab | KeyCode::Up => {
                *cursor = (*cursor + fields.len() - 1) % fields.len();
                Outcome::Continue
            }
            KeyCode::Enter => submit_form(purpose, fields, &mut dialog.error, lang),
            _ => {
                fields[*cursor].input.handle(key);
                dialog.error = None;
                Outcome::Continue
            }
        },
        DialogKind::CatalogForm {
            purpose,
            fields,
            cursor,
        } => match key.code {
            KeyCode::Tab | KeyCode::Down => {
                *cursor = (*cursor + 1) % fields.len();
                Outcome::Continue
            }
            KeyCode::BackTab | KeyCode::Up => {
                *cursor = (*cursor + fields.len() - 1) % fields.len();
                Outcome::Continue
            }
            KeyCode::Enter => Outcome::Catalog {
                purpose: purpose.clone(),
                values: fields
                    .iter()
                    .map(|f| (f.key, f.input.text.trim().to_string()))
                    .collect(),
            },
            _ => {
                fields[*cursor].input.handle(key);
                dialog.error = None;
                Outcome::Continue
            }
        },
        DialogKind::Confirm { action, input } => {
            if enter {
                return Outcome::Confirmed {
                    action: action.clone(),
                    comment: comment_of(input),
                };
            }
            input.handle(key);
            Outcome::Continue
        }
        DialogKind::Unlink {
            id,
            what,
            options,
            cursor,
            input,
        } => {
            match key.code {
                KeyCode::Up => *cursor = cursor.saturating_sub(1),
                KeyCode::Down => *cursor = (*cursor + 1).min(options.len().saturating_sub(1)),
                KeyCode::Enter => {
                    if let Some((number, _)) = options.get(*cursor) {
                        return Outcome::Catalog {
                            purpose: CatalogPurpose::UnlinkVedtak {
                                id: *id,
                                what: what.clone(),
                            },
                            values: vec![
                                ("number", number.to_string()),
                                ("comment", input.text.trim().to_string()),
                            ],
                        };
                    }
                }
                _ => {
                    input.handle(key);
                }
            }
            dialog.error = None;
            Outcome::Continue
        }
        DialogKind::ReplaceFile { name, contents, .. } => match key.code {
            // Only `y`: `j` (ja) also scrolls, and may be typed on as the question comes.
            KeyCode::Char('y' | 'Y') => Outcome::ReplaceFile {
                name: name.clone(),
                contents: contents.clone(),
            },
            KeyCode::Char('n' | 'N') => Outcome::Cancel,
            _ => Outcome::Continue,
        },
    }
}

/// Pasted text into the dialog's text field, as typing it would (a picker
/// has none; a dialog waiting for the store takes nothing).
pub fn paste(dialog: &mut Dialog, text: &str) {
    if dialog.pending {
        return;
    }
    match &mut dialog.kind {
        DialogKind::Pick { .. } | DialogKind::ReplaceFile { .. } => {}
        DialogKind::Deadline { input, .. } | DialogKind::Comment { input, .. } => {
            input.paste(text);
            dialog.error = None;
        }
        DialogKind::Undo { input, .. }
        | DialogKind::Confirm { input, .. }
        | DialogKind::Unlink { input, .. } => input.paste(text),
        DialogKind::Form { fields, cursor, .. } => {
            fields[*cursor].input.paste(text);
            dialog.error = None;
        }
        DialogKind::CatalogForm { fields, cursor, .. } => {
            fields[*cursor].input.paste(text);
            dialog.error = None;
        }
    }
}

fn submit_form(
    purpose: &FormPurpose,
    fields: &[FormField],
    error: &mut Option<String>,
    lang: Lang,
) -> Outcome {
    let comment = fields
        .iter()
        .find(|f| f.field.is_none())
        .and_then(|f| comment_of(&f.input));
    let title = fields.iter().find(|f| f.field == Some(Field::Title));
    if title.is_some_and(|t| t.input.text.trim().is_empty()) {
        *error = Some(table(lang).title_required.into());
        return Outcome::Continue;
    }
    let edits: Vec<(Field, Option<String>)> = fields
        .iter()
        .filter_map(|f| Some((f.field?, f)))
        .filter(|(_, f)| f.input.text.trim() != f.original.trim())
        .map(|(field, f)| {
            let text = f.input.text.trim();
            (field, (!text.is_empty()).then(|| text.to_string()))
        })
        .collect();
    match purpose {
        FormPurpose::Report { target, period } => {
            if edits.is_empty() && comment.is_none() {
                *error = Some(table(lang).report_empty.into());
                return Outcome::Continue;
            }
            Outcome::Report {
                target: target.clone(),
                period: period.clone(),
                edits,
                comment,
            }
        }
        FormPurpose::Edit(target) => {
            if edits.is_empty() && comment.is_none() {
                *error = Some(table(lang).nothing_changed.into());
                return Outcome::Continue;
            }
            Outcome::Change {
                target: target.clone(),
                edits,
                comment,
            }
        }
        FormPurpose::Batch(targets) => Outcome::Batch {
            targets: targets.clone(),
            edits,
            comment,
        },
        FormPurpose::New { parent } => Outcome::Create {
            parent: parent.clone(),
            values: fields
                .iter()
                .filter_map(|f| Some((f.field?, f.input.text.trim().to_string())))
                .collect(),
            comment,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(dialog: &mut Dialog, key: &KeyEvent) -> Outcome {
        handle_key(dialog, key, Lang::Nb)
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn target() -> Target {
        Target {
            id: 3,
            version: 2,
            title: "t".into(),
        }
    }

    fn type_text(dialog: &mut Dialog, text: &str) {
        for c in text.chars() {
            assert_eq!(press(dialog, &key(KeyCode::Char(c))), Outcome::Continue);
        }
    }

    #[test]
    fn status_pick_then_comment_gives_one_change() {
        let mut dialog = Dialog::status(target(), Status::InProgress, Lang::Nb);
        press(&mut dialog, &key(KeyCode::Down));
        let Outcome::Next(mut comment) = press(&mut dialog, &key(KeyCode::Enter)) else {
            panic!("expected the comment step");
        };
        type_text(&mut comment, "ferdig i dag");
        assert_eq!(
            press(&mut comment, &key(KeyCode::Enter)),
            Outcome::Change {
                target: target(),
                edits: vec![(Field::Status, Some("done".into()))],
                comment: Some("ferdig i dag".into()),
            }
        );
    }

    #[test]
    fn deadline_refuses_a_bad_date_and_stays_open() {
        let mut dialog = Dialog::new(DialogKind::Deadline {
            target: target(),
            input: LineInput::new(""),
        });
        type_text(&mut dialog, "31.02.2023");
        assert_eq!(press(&mut dialog, &key(KeyCode::Enter)), Outcome::Continue);
        assert!(dialog.error.is_some());
        for _ in 0..10 {
            press(&mut dialog, &key(KeyCode::Backspace));
        }
        type_text(&mut dialog, "30.11.2023");
        let Outcome::Next(next) = press(&mut dialog, &key(KeyCode::Enter)) else {
            panic!("expected the comment step");
        };
        assert!(
            matches!(next.kind, DialogKind::Comment { ref edits, .. } if edits == &vec![(Field::Due, Some("2023-11-30".into()))])
        );
    }

    #[test]
    fn a_bare_comment_needs_text() {
        let mut dialog = Dialog::comment(target(), vec![], "summary".into());
        assert_eq!(press(&mut dialog, &key(KeyCode::Enter)), Outcome::Continue);
        assert!(dialog.error.is_some());
        assert_eq!(press(&mut dialog, &key(KeyCode::Esc)), Outcome::Cancel);
    }

    #[test]
    fn edit_form_sends_only_changed_fields() {
        let mut dialog = Dialog::new(DialogKind::Form {
            purpose: FormPurpose::Edit(target()),
            fields: vec![
                FormField::new(Some(Field::Title), table(Lang::Nb).label_title, "Gammel"),
                FormField::new(Some(Field::Owner), table(Lang::Nb).label_owner, "Kari"),
                FormField::new(None, table(Lang::Nb).label_comment, ""),
            ],
            cursor: 0,
        });
        press(&mut dialog, &key(KeyCode::Tab));
        press(
            &mut dialog,
            &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        );
        type_text(&mut dialog, "Ola");
        assert_eq!(
            press(&mut dialog, &key(KeyCode::Enter)),
            Outcome::Change {
                target: target(),
                edits: vec![(Field::Owner, Some("Ola".into()))],
                comment: None,
            }
        );
    }

    #[test]
    fn line_input_edits_in_the_middle() {
        let mut input = LineInput::new("Lørenskog");
        input.handle(&key(KeyCode::Home));
        input.handle(&key(KeyCode::Right));
        input.handle(&key(KeyCode::Right));
        input.handle(&key(KeyCode::Backspace));
        input.handle(&key(KeyCode::Char('x')));
        assert_eq!(input.text, "Lxrenskog");
    }
}
