//! Dialogs drawn over the screen.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{centered, popup};
use crate::domain::text::{sanitize_line, truncate};
use crate::domain::Field;
use crate::tui::dialog::{CatalogPurpose, Confirm, Dialog, DialogKind, FormPurpose, LineInput};
use crate::tui::strings::Strings;
use crate::tui::theme::Theme;
use crate::words::Label;

/// An input line with a visible cursor (reversed cell, so it shows without colour).
fn input_line(
    label: &str,
    input: &LineInput,
    active: bool,
    theme: Theme,
    width: usize,
) -> Line<'static> {
    let text = sanitize_line(&input.text).into_owned();
    let mut spans = vec![Span::styled(format!("{label}: "), theme.dim())];
    if !active {
        spans.push(Span::raw(
            truncate(&text, width.saturating_sub(label.len() + 2)).into_owned(),
        ));
        return Line::from(spans);
    }
    let chars: Vec<char> = text.chars().collect();
    let cursor = input.cursor.min(chars.len());
    let before: String = chars[..cursor].iter().collect();
    let at: String = chars.get(cursor).map_or(" ".to_string(), |c| c.to_string());
    let after: String = chars
        .get(cursor + 1..)
        .map_or(String::new(), |r| r.iter().collect());
    spans.push(Span::raw(before));
    spans.push(Span::styled(at, theme.selected()));
    spans.push(Span::raw(after));
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, dialog: &Dialog, s: &Strings, theme: Theme) {
    let width = 70u16.min(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let inner_width = width.saturating_sub(2) as usize;
    let title = match &dialog.kind {
        DialogKind::Pick {
            field,
            target,
            options,
            cursor,
        } => {
            lines.push(Line::raw(format!(
                "#{} {}",
                target.id,
                sanitize_line(&target.title)
            )));
            lines.push(Line::raw(""));
            for (index, (_, label)) in options.iter().enumerate() {
                let style = if index == *cursor {
                    theme.selected()
                } else {
                    Style::new()
                };
                let mark = if index == *cursor { "▶" } else { " " };
                lines.push(Line::styled(format!("{mark} {} {label}", index + 1), style));
            }
            s.set_field(field.label(s.lang))
        }
        DialogKind::Deadline { target, input } => {
            lines.push(Line::raw(format!(
                "#{} {}",
                target.id,
                sanitize_line(&target.title)
            )));
            lines.push(Line::raw(""));
            lines.push(input_line(
                s.deadline_input,
                input,
                true,
                theme,
                inner_width,
            ));
            lines.push(Line::styled(s.date_hint, theme.dim()));
            s.set_field(Field::Due.label(s.lang))
        }
        DialogKind::Comment {
            target,
            summary,
            input,
            edits,
        } => {
            lines.push(Line::raw(format!(
                "#{} {}",
                target.id,
                sanitize_line(&target.title)
            )));
            lines.push(Line::styled(summary.clone(), theme.strong()));
            lines.push(Line::raw(""));
            let (label, title) = if edits.is_empty() {
                (s.label_comment, s.label_comment)
            } else {
                (s.label_comment_optional, s.save_change)
            };
            lines.push(input_line(label, input, true, theme, inner_width));
            title.to_string()
        }
        DialogKind::Undo { input, preview } => {
            lines.extend(s.undo_body.lines().map(Line::raw));
            lines.push(Line::raw(""));
            let what = match preview {
                None => vec![s.loading.to_string()],
                Some(p) if p.undo.is_empty() => vec![s.nothing_to_undo.to_string()],
                Some(p) => p
                    .undo
                    .iter()
                    .map(|line| sanitize_line(line).into_owned())
                    .collect(),
            };
            for (n, what) in what.into_iter().enumerate() {
                let head = if n == 0 {
                    format!("{}: ", s.undo_what)
                } else {
                    " ".repeat(s.undo_what.chars().count() + 2)
                };
                lines.push(Line::from(vec![
                    Span::styled(head, theme.dim()),
                    Span::styled(what, theme.strong()),
                ]));
            }
            // What it passes over, and why, before the user confirms.
            if let Some(p) = preview.as_ref().filter(|p| !p.skipped.is_empty()) {
                lines.push(Line::styled(
                    crate::words::lists::passes_over_heading(p.skipped.len(), s.lang),
                    theme.dim(),
                ));
                for (what, why) in p.skipped.iter().take(5) {
                    lines.push(Line::raw(format!(
                        "  {}",
                        crate::words::lists::passes_over(
                            &sanitize_line(what),
                            &sanitize_line(why),
                            s.lang
                        )
                    )));
                }
                if p.skipped.len() > 5 {
                    lines.push(Line::raw(format!("  {}", s.and_more(p.skipped.len() - 5))));
                }
                lines.push(Line::styled(
                    crate::words::lists::withdraw_hint(s.lang),
                    theme.dim(),
                ));
            }
            lines.push(input_line(
                s.label_comment_optional,
                input,
                true,
                theme,
                inner_width,
            ));
            s.undo_title.to_string()
        }
        DialogKind::Form {
            purpose,
            fields,
            cursor,
        } => {
            let title = match purpose {
                FormPurpose::Edit(target) => s.edit_title(target.id),
                FormPurpose::Report { target, period } => s.report_title(target.id, period),
                FormPurpose::New {
                    parent: Some(parent),
                } => s.new_task_title(parent.id, &truncate(&sanitize_line(&parent.title), 30)),
                FormPurpose::New { parent: None } => s.new_assignment_title.to_string(),
                FormPurpose::Batch(targets) => {
                    let ids: Vec<String> = targets.iter().map(|t| format!("#{}", t.id)).collect();
                    lines.push(Line::styled(
                        truncate(&ids.join(" "), inner_width.saturating_sub(1)).into_owned(),
                        theme.strong(),
                    ));
                    lines.push(Line::styled(
                        crate::words::lists::batch_help(s.lang),
                        theme.dim(),
                    ));
                    crate::words::lists::batch_title(targets.len(), s.lang)
                }
            };
            // Which assignment is being changed or reported on, by name.
            if let FormPurpose::Edit(target) | FormPurpose::Report { target, .. } = purpose {
                lines.push(Line::styled(
                    format!("#{} {}", target.id, sanitize_line(&target.title)),
                    theme.strong(),
                ));
                lines.push(Line::raw(""));
            }
            for (index, field) in fields.iter().enumerate() {
                let active = index == *cursor;
                lines.push(input_line(
                    field.label,
                    &field.input,
                    active,
                    theme,
                    inner_width,
                ));
                let hint = match field.field {
                    Some(Field::Source) => Some(s.source_hint),
                    Some(Field::Due | Field::ExpectedDone) => Some(s.date_hint),
                    _ => None,
                };
                if let Some(hint) = hint.filter(|_| active) {
                    lines.push(Line::styled(format!("  {hint}"), theme.dim()));
                }
            }
            title
        }
        DialogKind::CatalogForm {
            purpose,
            fields,
            cursor,
        } => {
            let lang = s.lang;
            let intro = match purpose {
                CatalogPurpose::CloseVedtak { what, on, .. } => {
                    Some((what, crate::words::vedtak::close_body(*on, lang)))
                }
                CatalogPurpose::ReopenVedtak { what, closed, .. } => {
                    Some((what, crate::words::vedtak::reopen_body(*closed, lang)))
                }
                CatalogPurpose::LinkVedtak { what, .. }
                | CatalogPurpose::UnlinkVedtak { what, .. } => Some((what, String::new())),
                _ => None,
            };
            if let Some((what, body)) = intro {
                lines.push(Line::styled(
                    sanitize_line(what).into_owned(),
                    theme.strong(),
                ));
                if !body.is_empty() {
                    lines.push(Line::raw(body));
                }
                lines.push(Line::raw(""));
            }
            for (index, field) in fields.iter().enumerate() {
                let active = index == *cursor;
                lines.push(input_line(
                    field.label,
                    &field.input,
                    active,
                    theme,
                    inner_width,
                ));
                if active && matches!(field.key, "from" | "to") {
                    lines.push(Line::styled(format!("  {}", s.date_hint), theme.dim()));
                }
            }
            match purpose {
                CatalogPurpose::NewWheel { .. } => s.new_wheel_title.to_string(),
                CatalogPurpose::EditWheel(entry) => format!("{} #{}", s.edit_wheel_title, entry.id),
                CatalogPurpose::NewGoal { .. } => s.new_goal_title.to_string(),
                CatalogPurpose::EditGoal(goal) => {
                    format!("{} {}", s.edit_goal_title, sanitize_line(&goal.code))
                }
                CatalogPurpose::CloseVedtak { .. } => {
                    crate::words::vedtak::close_title(lang).to_string()
                }
                CatalogPurpose::ReopenVedtak { .. } => {
                    crate::words::vedtak::reopen_title(lang).to_string()
                }
                CatalogPurpose::LinkVedtak { .. } => {
                    crate::words::vedtak::link_title(lang).to_string()
                }
                CatalogPurpose::UnlinkVedtak { .. } => {
                    crate::words::vedtak::unlink_title(lang).to_string()
                }
            }
        }
        DialogKind::Unlink {
            what,
            options,
            cursor,
            input,
            ..
        } => {
            lines.push(Line::styled(
                sanitize_line(what).into_owned(),
                theme.strong(),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::raw(crate::words::vedtak::linked_now(s.lang)));
            for (index, (number, title)) in options.iter().enumerate() {
                let text = sanitize_line(&format!("#{number} {title}")).into_owned();
                lines.push(if index == *cursor {
                    Line::styled(format!("▶ {text}"), theme.selected())
                } else {
                    Line::raw(format!("  {text}"))
                });
            }
            lines.push(Line::raw(""));
            lines.push(input_line(
                s.label_comment_optional,
                input,
                true,
                theme,
                inner_width,
            ));
            crate::words::vedtak::unlink_title(s.lang).to_string()
        }
        DialogKind::Confirm { action, input } => {
            let (title, what, body) = match action {
                Confirm::DeleteWheel(entry) => (
                    s.delete_wheel_title.to_string(),
                    crate::tui::state::entry_label(entry, s.lang),
                    s.delete_wheel_body.to_string(),
                ),
                Confirm::RetireGoal(goal) => (
                    s.retire_goal_title.to_string(),
                    format!("{} {}", goal.code, goal.title),
                    s.retire_goal_body.to_string(),
                ),
                Confirm::Withdraw(event) => {
                    let what = format!(
                        "#{} [{}] {}",
                        event.assignment_id,
                        event.id,
                        crate::words::events::describe(event, s.lang)
                    );
                    (
                        crate::words::lists::withdraw_title(s.lang),
                        what.clone(),
                        crate::words::lists::withdraw_question(&sanitize_line(&what), s.lang),
                    )
                }
                Confirm::Decide {
                    id,
                    title,
                    period,
                    decision,
                } => {
                    let approve = *decision == crate::domain::approval::Decision::Approve;
                    (
                        if approve {
                            s.approve_title.to_string()
                        } else {
                            s.send_back_title.to_string()
                        },
                        format!("#{id} {title} · {period}"),
                        if approve {
                            s.approve_body.to_string()
                        } else {
                            s.send_back_body.to_string()
                        },
                    )
                }
            };
            lines.push(Line::styled(
                sanitize_line(&what).into_owned(),
                theme.strong(),
            ));
            lines.push(Line::raw(""));
            lines.push(Line::raw(body));
            lines.push(Line::raw(""));
            lines.push(input_line(
                s.label_comment_optional,
                input,
                true,
                theme,
                inner_width,
            ));
            title
        }
        DialogKind::ReplaceFile { path, .. } => {
            let (title, body) = super::brief::replace_dialog(path, s, theme);
            lines.extend(body);
            title
        }
    };
    if let Some(error) = &dialog.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("✗ {}", sanitize_line(error)),
            theme.error(),
        ));
    }
    lines.push(Line::raw(""));
    let hint = match (&dialog.kind, dialog.pending) {
        _ if dialog.discarding => s.discard_question,
        (_, true) => s.saving,
        (DialogKind::Pick { .. }, _) => s.pick_hint,
        (DialogKind::Unlink { .. }, _) => s.confirm_hint,
        (DialogKind::Form { .. } | DialogKind::CatalogForm { .. }, _) => s.form_hint,
        (DialogKind::Confirm { .. }, _) => s.confirm_hint,
        (DialogKind::ReplaceFile { .. }, _) => s.replace_file_hint,
        _ => s.save_hint,
    };
    let hint_style = if dialog.discarding {
        theme.error()
    } else {
        theme.dim()
    };
    lines.push(Line::styled(hint, hint_style));
    // Rows after wrapping, so that the hint at the bottom is never cut off.
    let rows: usize = lines
        .iter()
        .map(|line| line.width().div_ceil(inner_width.max(1)).max(1))
        .sum();
    let height = (rows as u16).saturating_add(2).min(area.height);
    let rect = centered(area, width, height);
    let inner = popup(frame, rect, &title, theme);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
