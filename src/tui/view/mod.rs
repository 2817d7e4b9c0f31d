//! Drawing: a pure function of the state, one file per pane or dialog.

pub(crate) mod brief;
mod detail;
mod dialog;
mod header;
mod help;
mod vedtak;
pub use super::layout;
mod list;
mod past;
mod status;
mod tree;
pub mod wheel;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::action::Action;
use super::keymap::Scope;
use super::state::{AppState, Overlay, Pane, Screen};
use super::strings::Strings;
use super::theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &AppState, theme: Theme) {
    let area = frame.area();
    let layout = state.layout(area);
    header::draw(frame, layout.header, state, theme);
    if let Some(tabs) = layout.tabs {
        draw_tabs(frame, tabs, state, theme);
    }
    if let Some(rect) = layout.tree {
        tree::draw(frame, rect, state, theme);
    }
    if let Some(rect) = layout.list {
        list::draw(frame, rect, state, theme);
    }
    if let Some(rect) = layout.wheel {
        draw_wheel_pane(frame, rect, state, theme);
    }
    if let Some(rect) = layout.detail {
        detail::draw_strip(frame, rect, state, theme);
    }
    if let Some(rect) = layout.zoom {
        draw_zoom(frame, rect, state, theme);
    }
    if let Some(rect) = layout.status {
        status::draw(frame, rect, state, theme);
    }
    if matches!(state.screen, Screen::Detail { .. }) {
        detail::draw_overlay(frame, area, state, theme);
    }
    if let Some(overlay) = &state.brief {
        brief::draw(frame, area, state, overlay, theme);
    }
    if let Some(overlay) = &state.vedtak {
        let close = state.keymap.key(crate::tui::action::Action::Vedtak);
        let back = state.keymap.key(crate::tui::action::Action::Back);
        let key = |action| state.keymap.key(action);
        let hint = crate::words::vedtak::view_hint(
            &back,
            &close,
            &key(crate::tui::action::Action::CloseVedtak),
            &key(crate::tui::action::Action::LinkVedtak),
            &key(crate::tui::action::Action::UnlinkVedtak),
            state.lang,
        );
        vedtak::draw(frame, area, overlay, &hint, state.today, state.lang, theme);
    }
    match &state.overlay {
        Some(Overlay::Dialog(dialog)) => dialog::draw(frame, area, dialog, state.words(), theme),
        Some(Overlay::Help(filter)) => help::draw(frame, area, state, filter, theme),
        Some(Overlay::Past(chooser)) => past::draw_chooser(frame, area, state, chooser, theme),
        Some(Overlay::Changes(view)) => past::draw_changes(frame, area, state, view, theme),
        // The search is typed in the status line.
        Some(Overlay::Search) | None => {}
    }
}

/// A pane's frame: bold and coloured when it has focus.
fn pane_block(title: String, focused: bool, theme: Theme) -> Block<'static> {
    let style = if focused {
        theme.focused_border()
    } else {
        theme.border()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(Span::styled(
            format!(" {title} "),
            if focused {
                theme.strong()
            } else {
                Style::new()
            },
        ))
}

/// A centred rectangle of at most `width` × `height` inside `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Clears a popup's area and draws its frame; returns the inside.
fn popup(frame: &mut Frame, rect: Rect, title: &str, theme: Theme) -> Rect {
    frame.render_widget(Clear, rect);
    let block = pane_block(title.to_string(), true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

fn draw_tabs(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let mut spans = Vec::new();
    for pane in Pane::ALL {
        let label = format!(" {} ", pane_title(pane, state.words()));
        let style = if pane == state.focus {
            theme.selected().patch(theme.strong())
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let next = state.keymap.key(Action::FocusNext);
    spans.push(Span::styled(state.words().tabs_hint(&next), theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), rect);
}

/// The name of a pane.
pub fn pane_title(pane: Pane, s: &Strings) -> &'static str {
    match pane {
        Pane::Tree => s.pane_tree,
        Pane::List => s.pane_list,
        Pane::Wheel => s.pane_wheel,
    }
}

/// The plan year's period ends and report deadlines, for the wheel. A period
/// end on a day an årshjul entry starts ("1. tertial avsluttes") is that
/// entry's, so it is not listed twice.
fn period_marks(state: &AppState) -> Vec<wheel::PeriodMark> {
    let s = state.words();
    let mut marks = Vec::new();
    for period in &state.data.periods {
        if !state.data.wheel.iter().any(|e| e.start == period.end) {
            marks.push(wheel::PeriodMark {
                date: period.end,
                title: s.period_ends(&period.label),
            });
        }
        marks.push(wheel::PeriodMark {
            date: period.report_due,
            title: s.report_due(&period.label),
        });
    }
    marks
}

fn wheel_model<'a>(
    state: &'a AppState,
    deadlines: &'a [wheel::Deadline],
    marks: &'a [wheel::PeriodMark],
    theme: Theme,
) -> wheel::WheelModel<'a> {
    wheel::WheelModel {
        year: state.data.municipality.year,
        today: state.today.0,
        entries: &state.data.wheel,
        deadlines,
        assignments: &state.data.assignments,
        marks,
        month: state.month,
        theme,
        selected: state.wheel_selected,
        lang: state.lang,
    }
}

fn draw_wheel_pane(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let s = state.words();
    let mode = if state.wheel_list {
        s.wheel_mode_months
    } else {
        s.wheel_mode_wheel
    };
    // The chosen entry takes the mode's place: the pane is narrow.
    let chosen = state
        .wheel_selected
        .and_then(|id| state.data.wheel.iter().find(|e| e.id == id))
        .map(|e| {
            let title = crate::domain::text::sanitize_line(&e.title).into_owned();
            format!("▸ {} {title}", e.start.format("%d.%m"))
        });
    let title = format!(
        "{} {} · {}",
        s.pane_wheel,
        state.data.municipality.year,
        chosen.as_deref().unwrap_or(mode)
    );
    let block = pane_block(title, state.focus == Pane::Wheel, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let marks = period_marks(state);
    let model = wheel_model(state, &state.derived.deadlines, &marks, theme);
    if state.wheel_list {
        wheel::render_month_list(&model, inner, frame.buffer_mut());
        return;
    }
    wheel::render_pane(&model, inner, frame.buffer_mut());
}

fn draw_zoom(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let s = state.words();
    let zoom_key = |action| {
        state
            .keymap
            .key_in(action, Scope::Zoom)
            .unwrap_or_else(|| state.keymap.key(action))
    };
    let title = format!(
        "{} {} · {} · {}",
        s.pane_wheel,
        state.data.municipality.year,
        crate::words::terms::month(s.lang, state.month),
        s.zoom_hint(
            &zoom_key(Action::Left),
            &zoom_key(Action::Right),
            &state.keymap.key(Action::Back),
            &state.keymap.key(Action::ZoomWheel),
        )
    );
    let block = pane_block(title, true, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let marks = period_marks(state);
    wheel::render_zoomed(
        &wheel_model(state, &state.derived.deadlines, &marks, theme),
        inner,
        frame.buffer_mut(),
    );
}
