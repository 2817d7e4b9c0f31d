//! Where each part of the screen goes. Pure, so that drawing and mouse
//! hit-testing agree.

use ratatui::layout::{Constraint, Layout as Split, Rect};

use super::action::Pane;

/// The rectangles of one frame; a pane not shown has `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub header: Rect,
    pub tabs: Option<Rect>,
    pub tree: Option<Rect>,
    pub list: Option<Rect>,
    pub wheel: Option<Rect>,
    pub detail: Option<Rect>,
    pub zoom: Option<Rect>,
    pub status: Option<Rect>,
}

/// Splits the screen: the zoomed årshjul alone, one pane at a time
/// (`tabbed`, the one with `focus`), or all three.
pub fn compute(area: Rect, zoomed: bool, tabbed: bool, focus: Pane) -> Layout {
    let mut layout = Layout {
        header: Rect {
            height: area.height.min(1),
            ..area
        },
        ..Layout::default()
    };
    if area.height < 3 {
        return layout;
    }
    let [_, body, status] = Split::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    layout.status = Some(status);
    if zoomed {
        layout.zoom = Some(body);
        return layout;
    }
    // The detail strip only when there is room for the panes above it.
    let detail_height = if body.height >= 20 {
        (body.height / 3).clamp(7, 12)
    } else {
        0
    };
    let [top, detail] =
        Split::vertical([Constraint::Fill(1), Constraint::Length(detail_height)]).areas(body);
    if detail_height > 0 {
        layout.detail = Some(detail);
    }
    if tabbed {
        let [tabs, pane] = Split::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(top);
        layout.tabs = Some(tabs);
        match focus {
            Pane::Tree => layout.tree = Some(pane),
            Pane::List => layout.list = Some(pane),
            Pane::Wheel => layout.wheel = Some(pane),
        }
        return layout;
    }
    // A round wheel wants about twice as many columns as rows.
    let wheel_width = (top.height.saturating_mul(2) + 2)
        .min(top.width * 3 / 10)
        .clamp(24, 44);
    let [tree, list, wheel] = Split::horizontal([
        Constraint::Percentage(25),
        Constraint::Fill(1),
        Constraint::Length(wheel_width),
    ])
    .areas(top);
    layout.tree = Some(tree);
    layout.list = Some(list);
    layout.wheel = Some(wheel);
    layout
}
