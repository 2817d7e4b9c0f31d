//! The goal tree pane: satsingsområde → hovedmål → delmål, with rollups.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::pane_block;
use crate::domain::text::{sanitize_line, truncate, width};
use crate::domain::GoalKind;
use crate::tui::state::{AppState, Pane};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, rect: Rect, state: &AppState, theme: Theme) {
    let s = state.words();
    let title = match &state.sector {
        Some(code) => format!("{} · {}", s.pane_tree, sanitize_line(code)),
        None => s.pane_tree.to_string(),
    };
    let focused = state.focus == Pane::Tree;
    let block = pane_block(title, focused, theme);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height as usize;
    let offset = state.tree_offset;
    let columns = inner.width as usize;
    let lines: Vec<Line> = state
        .tree_rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(index, row)| {
            let selected = index == state.tree_cursor;
            let base = if selected && focused {
                theme.selected()
            } else if selected || state.goal == row.goal {
                theme.strong()
            } else {
                Style::new()
            };
            let Some(goal) = row.goal.and_then(|g| state.data.tree.get(g)) else {
                let count = match &state.sector {
                    Some(code) => state
                        .sector_rollups
                        .iter()
                        .find(|(c, _)| c == code)
                        .map_or(0, |(_, r)| r.assignments),
                    None => state.total.assignments,
                };
                let text = format!("{}  {count}", s.all_goals);
                return Line::from(Span::styled(super::list::pad(&text, columns), base));
            };
            let rollup = state
                .goal_rollups
                .get(&goal.id)
                .copied()
                .unwrap_or_default();
            let marker = match (row.has_children, row.expanded) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                _ => "· ",
            };
            let prefix = format!(
                "{}{marker}{} ",
                "  ".repeat(row.depth),
                sanitize_line(&goal.code)
            );
            // Unserved means no assignment at all serves it, whatever the sector filter.
            let unserved = goal.kind == GoalKind::SubGoal
                && state
                    .served
                    .get(&goal.id)
                    .is_none_or(|r| r.assignments == 0);
            let mut right = format!(" {}", rollup.assignments);
            if rollup.overdue > 0 {
                right.push_str(&format!(" !{}", rollup.overdue));
            }
            if unserved {
                right = " ⚠ 0".to_string();
            }
            let sectors = if goal.sectors.is_empty() {
                String::new()
            } else {
                format!(" [{}]", sanitize_line(&goal.sectors.join(" ")))
            };
            let room = columns.saturating_sub(width(&prefix) + width(&right));
            let title = sanitize_line(&goal.title);
            let title_room = room.saturating_sub(width(&sectors).min(room / 2));
            let title = truncate(&title, title_room).into_owned();
            let sectors = truncate(&sectors, room.saturating_sub(width(&title))).into_owned();
            let fill = " ".repeat(room.saturating_sub(width(&title) + width(&sectors)));
            let right_style = if unserved {
                theme.error()
            } else if rollup.overdue > 0 {
                theme.overdue()
            } else {
                theme.dim()
            };
            let title_style = if goal.kind == GoalKind::FocusArea {
                base.patch(theme.strong())
            } else {
                base
            };
            Line::from(vec![
                Span::styled(prefix, base),
                Span::styled(title, title_style),
                Span::styled(sectors, base.patch(theme.dim())),
                Span::styled(fill, base),
                Span::styled(right, base.patch(right_style)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
