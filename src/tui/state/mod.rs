//! The TUI's state and `update`: messages in, effects out, no IO.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::Datelike;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use super::action::Action;
pub use super::action::Pane;
use super::data::{
    list_rows, tree_rows, Chosen, Comments, ListOrder, ListRow, Missing, Snapshot, TreeRow,
};
use super::dialog::{self, Dialog, DialogKind, FormField, FormPurpose, LineInput, Outcome, Target};
use super::effect::Effect;
use super::keymap::{Keymap, Scope};
use super::strings::{Lang, Strings};
use crate::domain::filter::Filter;
use crate::domain::rollup::{self, Rollup};
use crate::domain::{
    goal_rollups, goal_rollups_by_sector, sector_rollups, Assignment, Event, Field, GoalKind,
    Status, Today,
};

mod batch;
mod brief;
mod catalog;
mod derived;
mod edit;
mod jump;
mod mode;
mod mouse;
mod past;
mod report;
mod vedtak;
mod withdraw;

pub use report::{list_lines, ListLine};

pub use brief::BriefOverlay;
pub use catalog::entry_label;
pub use mode::{Overlay, Screen};
pub use past::{
    next_to_shown, shown as past_shown, ChangesLoaded, ChangesView, Chooser, Past,
    Purpose as PastPurpose, Stop,
};
pub use vedtak::VedtakOverlay;

use crate::words::Label;
pub use derived::{Deadline, Derived};
use edit::{edit_form, new_form, on_outcome};
use mouse::on_mouse;

/// The quick views `f` cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickView {
    All,
    Overdue,
    DueSoon,
    /// Mangler rapport: missing their report for the period being reported on.
    MissingReport,
    Done,
    /// Reports for the period being reported on that await approval.
    Awaiting,
}

impl QuickView {
    fn next(self) -> QuickView {
        match self {
            QuickView::All => QuickView::Overdue,
            QuickView::Overdue => QuickView::DueSoon,
            QuickView::DueSoon => QuickView::MissingReport,
            QuickView::MissingReport => QuickView::Done,
            QuickView::Done => QuickView::Awaiting,
            QuickView::Awaiting => QuickView::All,
        }
    }
}

/// How far ahead "due soon" looks.
pub const DUE_SOON_DAYS: i64 = 30;

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub error: bool,
}

/// Everything that can happen to the TUI.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal, all of it at once.
    Paste(String),
    Action(Action),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Time passes: look for other processes' changes.
    Tick,
    /// The data read again, whole or the changes since the screen's.
    Loaded(Box<super::data::Reloaded>),
    /// The comments, up to date with the log.
    Comments(Arc<Comments>),
    /// The missing reports, as of now (`None`: no period has ended).
    Missing(Box<Option<crate::store::MissingReports>>),
    History(i64, Vec<Event>),
    /// What an undo would undo now, and pass over.
    UndoPreview(Box<dialog::UndoPreview>),
    /// A change was written; the text says what.
    Saved {
        text: String,
        id: i64,
    },
    /// A goal or årshjul entry was written; `wheel`: the entry to select.
    CatalogSaved {
        text: String,
        wheel: Option<i64>,
    },
    /// The briefing asked for is ready.
    Brief(Box<crate::report::brief::Brief>),
    /// The decisions asked for are read.
    Vedtak(Box<VedtakOverlay>),
    /// A file was written; the text is its path.
    Wrote(String),
    /// A file was not written because one of that name exists (at `path`).
    FileExists {
        name: String,
        path: String,
        contents: String,
    },

    /// The data as it stood at a past moment (with the stop it is, if
    /// any), or as it is now (`at: None`), read whole.
    Past {
        at: Option<(crate::domain::event::AsOf, Option<String>)>,
        data: Box<Snapshot>,
    },
    /// What changed since a moment, for the changed-since view.
    Changes(Box<ChangesLoaded>),
    /// The connection to the server was lost and is back.
    Reconnected,
    /// A change or read failed. `stale`: someone else changed it first.
    Failed {
        message: String,
        stale: bool,
    },
}

/// The whole state of the screen.
#[derive(Debug, Clone)]
pub struct AppState {
    pub data: Snapshot,
    /// The language every text on the screen is in.
    pub lang: Lang,
    pub today: Today,
    pub keymap: Keymap,
    pub focus: Pane,
    pub sector: Option<String>,
    pub overdue_only: bool,
    pub view: QuickView,
    /// The search text; it filters the list while typed and after Enter.
    pub search: LineInput,
    /// The goal whose subtree the list is narrowed to.
    pub goal: Option<i64>,
    pub expanded: HashSet<i64>,
    pub tree_cursor: usize,
    pub list_cursor: usize,
    pub wheel_list: bool,
    /// The highlighted month of the årshjul, 1–12.
    pub month: u32,
    /// The chosen årshjul entry (↑ ↓ in the årshjul), for editing and deleting.
    pub wheel_selected: Option<i64>,
    pub history: Option<(i64, Vec<Event>)>,
    /// The panes, the detail or the zoomed årshjul (the `mode` module says why this shape).
    pub screen: Screen,
    /// The briefing, over the screen.
    pub brief: Option<BriefOverlay>,
    /// The vedtak view, over the screen (and over the briefing).
    pub vedtak: Option<VedtakOverlay>,
    /// The search being typed, a dialog or the help: what takes the keys.
    pub overlay: Option<Overlay>,
    pub status: Option<StatusMessage>,
    pub size: (u16, u16),
    pub quit: bool,
    pub tree_rows: Vec<TreeRow>,
    pub rows: Vec<ListRow>,
    /// Derived from `rows` and the data when they change, not per frame
    /// (at 100k assignments that work took most of a keystroke).
    pub derived: Derived,
    /// Per goal: the assignments of the chosen sector (or all) serving it.
    pub goal_rollups: HashMap<i64, Rollup>,
    /// Per goal: all assignments of the plan year serving it, whatever the sector filter.
    pub served: HashMap<i64, Rollup>,
    /// Per lead sector, per goal: counted with the data, so that a sector
    /// switch only picks one.
    by_sector: HashMap<String, HashMap<i64, Rollup>>,
    /// The assignments in list order and by deadline, sorted with the data.
    pub order: ListOrder,
    /// What the list's filter passed last, on the data as it is: dropped
    /// when the data or the comments change.
    chosen: Option<Chosen>,
    /// The first visible row of the list and of the tree.
    pub list_offset: usize,
    pub tree_offset: usize,
    /// The assignment just written, to select once the new data is loaded.
    pub select_after_load: Option<i64>,
    /// Per sector, in order, and all together: for the header chips.
    pub sector_rollups: Vec<(String, Rollup)>,
    pub total: Rollup,
    /// The rows marked for a change to several at once (`Space`, `V`).
    pub marked: std::collections::BTreeSet<i64>,
    /// The row marked last: where `V` marks from.
    pub mark_anchor: Option<i64>,
    /// The past moment shown, read-only; `None`: now.
    pub past: Option<Past>,
}

impl AppState {
    /// A fresh screen on loaded data: focus on the list, the tree open to the delmål.
    pub fn new(data: Snapshot, today: Today, keymap: Keymap, size: (u16, u16)) -> Self {
        let expanded = data
            .tree
            .goals()
            .iter()
            .filter(|g| g.kind != GoalKind::SubGoal)
            .map(|g| g.id)
            .collect();
        let month = if today.0.year() == data.municipality.year {
            today.0.month()
        } else {
            1
        };
        let mut state = AppState {
            data,
            lang: Lang::Nb,
            today,
            keymap,
            focus: Pane::List,
            sector: None,
            overdue_only: false,
            view: QuickView::All,
            search: LineInput::default(),
            goal: None,
            expanded,
            tree_cursor: 0,
            list_cursor: 0,
            wheel_list: false,
            month,
            wheel_selected: None,
            history: None,
            screen: Screen::Panes,
            brief: None,
            vedtak: None,
            overlay: None,
            status: None,
            size,
            quit: false,
            tree_rows: Vec::new(),
            rows: Vec::new(),
            derived: Derived::default(),
            goal_rollups: HashMap::new(),
            served: HashMap::new(),
            by_sector: HashMap::new(),
            order: ListOrder::default(),
            chosen: None,
            list_offset: 0,
            tree_offset: 0,
            select_after_load: None,
            sector_rollups: Vec::new(),
            total: Rollup::default(),
            marked: std::collections::BTreeSet::new(),
            mark_anchor: None,
            past: None,
        };
        state.recount();
        state.refresh();
        state
    }

    /// The table of the screen's language.
    pub fn words(&self) -> &'static Strings {
        super::strings::table(self.lang)
    }

    /// The open dialog, if the overlay is one.
    pub fn dialog(&self) -> Option<&Dialog> {
        match &self.overlay {
            Some(Overlay::Dialog(dialog)) => Some(&**dialog),
            _ => None,
        }
    }

    /// The open dialog, to change.
    pub fn dialog_mut(&mut self) -> Option<&mut Dialog> {
        match &mut self.overlay {
            Some(Overlay::Dialog(dialog)) => Some(&mut **dialog),
            _ => None,
        }
    }

    /// The help's filter, when the help is open.
    pub fn help(&self) -> Option<&LineInput> {
        match &self.overlay {
            Some(Overlay::Help(filter)) => Some(filter),
            _ => None,
        }
    }

    /// Whether the search is being typed.
    pub fn searching(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Search))
    }

    /// Whether the årshjul fills the screen.
    pub fn zoomed(&self) -> bool {
        self.screen.zoomed()
    }

    /// Opens a dialog as the overlay.
    fn open_dialog(&mut self, mut dialog: Dialog) {
        dialog.dates = Some(self.dates());
        self.overlay = Some(Overlay::Dialog(Box::new(dialog)));
    }

    /// Closes the dialog, if one is open (and nothing else).
    fn close_dialog(&mut self) {
        if self.dialog().is_some() {
            self.overlay = None;
        }
    }

    /// Narrows the list to one sector (by code), or shows all.
    pub fn filter_sector(&mut self, sector: Option<String>) {
        if sector == self.sector {
            return;
        }
        self.sector = sector;
        self.pick_goal_rollups();
        self.refresh();
    }

    /// The effects to run right after start.
    pub fn start(&self) -> Vec<Effect> {
        // The comments come after the first frame: only the search needs them.
        self.selected()
            .map(|a| Effect::LoadHistory(a.id))
            .into_iter()
            .chain([Effect::LoadComments, Effect::LoadMissing])
            .chain(
                // Opened in the past: the stops next to it, replayed ahead.
                Some(past::next_to_shown(self))
                    .filter(|moments| !moments.is_empty())
                    .map(Effect::PrepareAhead),
            )
            .collect()
    }

    /// The filter the list applies now.
    pub fn filter(&self) -> Filter {
        // `#19` is a jump, done on Enter; it narrows nothing while typed.
        let search = match jump::target(&self.search.text) {
            Some(_) => "",
            None => self.search.text.trim(),
        };
        let mut filter = Filter {
            sector: self.sector.clone(),
            overdue_only: self.overdue_only || self.view == QuickView::Overdue,
            status: (self.view == QuickView::Done).then_some(Status::Done),
            search: (!search.is_empty()).then(|| search.to_string()),
            year: Some(self.data.municipality.year),
            goals: None,
            only: match self.view {
                QuickView::MissingReport => Some(self.data.to_chase_ids()),
                QuickView::Awaiting => Some(self.data.awaiting_ids()),
                _ => None,
            },
            due_within: (self.view == QuickView::DueSoon).then(|| {
                (
                    self.today.0,
                    self.today.0 + chrono::Duration::days(DUE_SOON_DAYS),
                )
            }),
        };
        if let Some(goal) = self.goal {
            filter = filter.with_goal(&self.data.tree, goal);
        }
        filter
    }

    /// Recounts the header and tree rollups: after new data. Only the plan
    /// year counts, as in the list.
    pub fn recount(&mut self) {
        let year = self.data.municipality.year;
        let this_year: Vec<&Assignment> = self
            .data
            .assignments
            .iter()
            .filter(|a| a.year == year)
            .collect();
        let this_year = || this_year.iter().copied();
        self.sector_rollups = sector_rollups(&self.data.sectors, this_year(), self.today);
        self.total = rollup::total(this_year(), self.today);
        self.served = goal_rollups(&self.data.tree, this_year(), self.today);
        self.by_sector = goal_rollups_by_sector(&self.data.tree, this_year(), self.today);
        self.pick_goal_rollups();
        self.order = ListOrder::new(&self.data, self.today);
    }

    /// The tree's rollups for the sector chosen: after a sector change.
    fn pick_goal_rollups(&mut self) {
        self.goal_rollups = match &self.sector {
            Some(code) => self.by_sector.get(code).cloned().unwrap_or_else(|| {
                // A sector with no assignments: every goal counts zero.
                goal_rollups(&self.data.tree, std::iter::empty(), self.today)
            }),
            None => self.served.clone(),
        };
    }

    /// Recomputes the tree and list rows after a filter change: the selected
    /// assignment stays selected if it is still shown, else the top row is.
    pub fn refresh(&mut self) {
        self.rebuild(false);
    }

    /// Recomputes the rows; a selection that is gone falls back to the same
    /// row index (`keep_index`) or to the top.
    fn rebuild(&mut self, keep_index: bool) {
        let selected = self.selected().map(|a| a.id);
        self.tree_rows = tree_rows(&self.data.tree, &self.expanded, self.sector.as_deref());
        if self
            .goal
            .is_some_and(|g| !self.tree_rows.iter().any(|r| r.goal == Some(g)))
        {
            self.goal = None;
        }
        self.tree_cursor = self
            .tree_rows
            .iter()
            .position(|r| r.goal == self.goal)
            .unwrap_or(0);
        let earlier = self.chosen.take();
        let (mut rows, chosen) = list_rows(
            &self.data,
            &self.order,
            &self.filter(),
            self.today,
            earlier.as_ref(),
        );
        self.chosen = Some(chosen);
        report::group_by_sector(self, &mut rows);
        self.rows = rows;
        self.derived = Derived::of(&self.data, &self.order, &self.rows, self.today);
        let fallback = if keep_index { self.list_cursor } else { 0 };
        self.list_cursor = selected
            .and_then(|id| self.rows.iter().position(|r| r.id == id))
            .unwrap_or(fallback)
            .min(self.rows.len().saturating_sub(1));
    }

    /// Scrolls the tree and the list so that their cursors are visible, moving
    /// the view only when a cursor leaves it.
    fn scroll_into_view(&mut self) {
        let layout = self.layout(Rect::new(0, 0, self.size.0, self.size.1));
        let rows = |rect: Option<Rect>, chrome: u16| {
            rect.map_or(1, |r| r.height.saturating_sub(chrome).max(1) as usize)
        };
        self.list_offset = keep_visible(
            self.list_cursor,
            self.list_offset,
            rows(layout.list, 3),
            self.rows.len(),
        );
        self.tree_offset = keep_visible(
            self.tree_cursor,
            self.tree_offset,
            rows(layout.tree, 2),
            self.tree_rows.len(),
        );
    }

    /// The selected assignment, if the list has any.
    pub fn selected(&self) -> Option<&Assignment> {
        self.rows
            .get(self.list_cursor)
            .and_then(|r| self.data.assignment(r.id))
    }

    /// The history of the selected assignment, when it is loaded.
    pub fn selected_history(&self) -> Option<&[Event]> {
        let (id, events) = self.history.as_ref()?;
        (Some(*id) == self.selected().map(|a| a.id)).then_some(events.as_slice())
    }

    /// Where each part of the screen goes in `area`, for drawing and clicks alike.
    pub fn layout(&self, area: Rect) -> super::layout::Layout {
        super::layout::compute(area, self.zoomed(), self.tabbed(), self.focus)
    }

    /// Whether the panes are shown one at a time.
    pub fn tabbed(&self) -> bool {
        self.size.0 < 100
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            error: true,
        });
    }

    fn target(&self) -> Option<Target> {
        self.selected().map(|a| Target {
            id: a.id,
            version: a.version,
            title: a.title.clone(),
        })
    }

    /// The selected assignment as a target for a change, or why there is none.
    fn writable_target(&mut self) -> Option<Target> {
        if self.data.read_only {
            self.error(self.words().read_only);
            return None;
        }
        let target = self.target();
        if target.is_none() {
            self.error(self.words().nothing_selected);
        }
        target
    }

    fn selection_changed(&mut self) -> Vec<Effect> {
        self.screen = self.screen.scrolled_to_top();
        match self.selected() {
            Some(a) if self.selected_history().is_none() => vec![Effect::LoadHistory(a.id)],
            _ => vec![],
        }
    }
}

/// Applies one message to the state and returns the effects to run.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    // An error stays until the next key or action that gives none.
    if matches!(msg, Msg::Key(_) | Msg::Action(_)) && state.status.as_ref().is_some_and(|s| s.error)
    {
        state.status = None;
    }
    let effects = handle(state, msg);
    state.scroll_into_view();
    effects
}

fn handle(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(state, key),
        Msg::Paste(text) => on_paste(state, &text),
        Msg::Action(action) => on_action(state, action),
        Msg::Mouse(mouse) => on_mouse(state, mouse),
        Msg::Resize(width, height) => {
            state.size = (width, height);
            vec![]
        }
        Msg::Tick => vec![Effect::ReloadIfChanged],
        Msg::Loaded(reloaded) => {
            let before = state.selected().map(|a| (a.id, a.version));
            let mut data = reloaded.apply(std::mem::take(&mut state.data.assignments));
            // The comments and missing reports read so far stay until the
            // newer ones come.
            data.set_comments(Arc::clone(&state.data.comments));
            data.missing = std::mem::take(&mut state.data.missing);
            state.data = data;
            state.chosen = None;
            state.recount();
            state.rebuild(true);
            if let Some(id) = state.select_after_load.take() {
                match state.rows.iter().position(|r| r.id == id) {
                    Some(row) => state.list_cursor = row,
                    None => {
                        let hidden = state.words().hidden_by_filter;
                        if let Some(status) = state.status.as_mut() {
                            status.text.push_str(hidden);
                        }
                    }
                }
            }
            batch::refresh_targets(state);
            if let Some(Overlay::Dialog(dialog)) = &mut state.overlay {
                if dialog.stale {
                    dialog.stale = false;
                    if let Some(target) = dialog.target_mut() {
                        match state.data.assignment(target.id) {
                            Some(now) => target.version = now.version,
                            None => state.overlay = None,
                        }
                    }
                }
            }
            let after = state.selected().map(|a| (a.id, a.version));
            if before != after {
                state.history = None;
            }
            let mut effects = match state.selected() {
                Some(a) if before == after => vec![Effect::LoadHistory(a.id)],
                _ => state.selection_changed(),
            };
            effects.extend([Effect::LoadComments, Effect::LoadMissing]);
            effects
        }
        Msg::Comments(comments) => {
            if !Arc::ptr_eq(&comments, &state.data.comments) {
                state.data.set_comments(comments);
                state.chosen = None;
                if state.filter().search.is_some() {
                    state.rebuild(true);
                }
            }
            // Built now (the comments come after the frame, and after each
            // reload), so that the first character typed into the search
            // does not wait for it.
            state.data.warm_search_index();
            vec![]
        }
        Msg::Missing(missing) => {
            state.data.missing = Missing::Read(*missing);
            if matches!(state.view, QuickView::MissingReport | QuickView::Awaiting) {
                state.rebuild(true);
            }
            vec![]
        }
        Msg::History(id, events) => {
            state.history = Some((id, events));
            vec![]
        }
        Msg::UndoPreview(event) => {
            if let Some(DialogKind::Undo { preview, .. }) = state.dialog_mut().map(|d| &mut d.kind)
            {
                *preview = Some(*event);
            }
            vec![]
        }
        Msg::Brief(brief) => {
            state.status = None;
            state.brief = Some(BriefOverlay::new(brief));
            vec![]
        }
        Msg::Vedtak(overlay) => {
            let mut overlay = *overlay;
            // Read again after a change: the same decision stays chosen.
            if let Some(shown) = &state.vedtak {
                let id = shown.decisions.get(shown.selected).map(|v| v.decision.id);
                overlay.selected = overlay
                    .decisions
                    .iter()
                    .position(|v| Some(v.decision.id) == id)
                    .unwrap_or(
                        shown
                            .selected
                            .min(overlay.decisions.len().saturating_sub(1)),
                    );
            } else {
                state.status = None;
            }
            state.vedtak = Some(overlay);
            vec![]
        }
        Msg::Wrote(path) => {
            state.info(state.words().brief_saved(&path));
            vec![]
        }
        Msg::FileExists {
            name,
            path,
            contents,
        } => {
            brief::ask_replace(state, name, path, contents);
            vec![]
        }
        Msg::Saved { text, id } => {
            if matches!(
                state.dialog().map(|d| &d.kind),
                Some(DialogKind::Form {
                    purpose: FormPurpose::Batch(_),
                    ..
                })
            ) {
                state.marked.clear();
                state.mark_anchor = None;
            }
            state.close_dialog();
            state.info(text);
            state.select_after_load = Some(id);
            vec![Effect::Reload]
        }
        Msg::CatalogSaved { text, wheel } => {
            state.close_dialog();
            state.info(text);
            if wheel.is_some() {
                state.wheel_selected = wheel;
            }
            let mut effects = vec![Effect::Reload];
            if state.vedtak.is_some() {
                effects.push(Effect::LoadVedtak { today: state.today });
            }
            effects
        }
        Msg::Past { at, data } => past::loaded(state, at, *data),
        Msg::Changes(changes) => past::changes_loaded(state, *changes),
        Msg::Reconnected => {
            let words = state.words();
            let (back, in_dialog) = (words.server_back, words.server_back_dialog);
            state.info(back);
            // An open dialog keeps what was typed; it is saved again with Enter.
            if let Some(dialog) = state.dialog_mut() {
                dialog.error = Some(in_dialog.to_string());
            }
            vec![Effect::Reload]
        }
        Msg::Failed { message, stale } => {
            let retry = state.words().stale_retry;
            match state.dialog_mut() {
                // The dialog's own write failed: keep it, and what was typed in it.
                Some(dialog) if dialog.pending => {
                    dialog.pending = false;
                    dialog.stale = stale;
                    dialog.error = Some(if stale {
                        format!("{message}. {retry}")
                    } else {
                        message
                    });
                }
                _ => state.error(message),
            }
            if stale {
                vec![Effect::Reload]
            } else {
                vec![]
            }
        }
    }
}

/// A key goes to the overlay if one is open, else through the keymap to
/// the briefing or the screen.
fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    let lang = state.lang;
    match (&mut state.overlay, key.code) {
        _ if ctrl_c => {
            state.quit = true;
            vec![]
        }
        (Some(Overlay::Dialog(dialog)), _) => {
            let outcome = dialog::handle_key(dialog, &key, lang);
            on_outcome(state, outcome)
        }
        (Some(Overlay::Past(_)), _) => past::on_chooser_key(state, key),
        (Some(Overlay::Changes(_)), _) => past::on_changes_key(state, key),
        (Some(Overlay::Help(_)), KeyCode::Esc) => {
            state.overlay = None;
            vec![]
        }
        (Some(Overlay::Help(filter)), _) => {
            let zoomed = state.screen.zoomed();
            if state.keymap.resolve(&key, state.focus, zoomed, false) == Some(Action::Help) {
                state.overlay = None;
            } else {
                filter.handle(&key);
            }
            vec![]
        }
        (Some(Overlay::Search), code) => {
            match code {
                KeyCode::Esc => {
                    state.search = LineInput::default();
                    state.overlay = None;
                }
                KeyCode::Enter => {
                    state.overlay = None;
                    if let Some(id) = jump::target(&state.search.text) {
                        state.search = LineInput::default();
                        return jump::go(state, id);
                    }
                }
                KeyCode::Up | KeyCode::Down => {
                    state.overlay = None;
                    return on_key(state, key);
                }
                _ => {
                    state.search.handle(&key);
                }
            }
            state.refresh();
            state.selection_changed()
        }
        (None, _) => {
            let own = state
                .vedtak
                .as_ref()
                .and_then(|_| state.keymap.resolve_in(&key, Scope::Vedtak));
            let action = own.or_else(|| {
                state.keymap.resolve(
                    &key,
                    state.focus,
                    state.screen.zoomed(),
                    state.brief.is_some(),
                )
            });
            match action {
                Some(action) => on_action(state, action),
                None => {
                    if matches!(key.code, KeyCode::Char(_) | KeyCode::F(_)) {
                        let help = state.keymap.key(Action::Help);
                        state.error(state.words().unknown_key(&help));
                    }
                    vec![]
                }
            }
        }
    }
}

/// Pasted text goes, whole, into the input that has focus: the search, the
/// help's filter or the dialog's field. Elsewhere it does nothing (a paste
/// must not run as keys).
fn on_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    match &mut state.overlay {
        Some(Overlay::Search) => {
            state.search.paste(text);
            state.refresh();
            state.selection_changed()
        }
        Some(Overlay::Help(filter)) => {
            filter.paste(text);
            vec![]
        }
        Some(Overlay::Dialog(dialog)) => {
            dialog::paste(dialog, text);
            vec![]
        }
        Some(Overlay::Past(chooser)) => {
            chooser.input.paste(text);
            vec![]
        }
        Some(Overlay::Changes(_)) | None => vec![],
    }
}

/// The first row to show so that `cursor` is in view, moving from `offset`
/// only as far as needed.
fn keep_visible(cursor: usize, offset: usize, visible: usize, len: usize) -> usize {
    let offset = if cursor < offset {
        cursor
    } else if cursor >= offset + visible {
        cursor + 1 - visible
    } else {
        offset
    };
    offset.min(len.saturating_sub(visible))
}

fn move_cursor(cursor: usize, len: usize, action: Action, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => cursor.saturating_sub(page),
        Action::PageDown => (cursor + page).min(last),
        _ => cursor,
    }
}

fn shift_month(month: u32, forward: bool) -> u32 {
    if forward {
        month % 12 + 1
    } else {
        (month + 10) % 12 + 1
    }
}

fn on_action(state: &mut AppState, action: Action) -> Vec<Effect> {
    use Action::*;
    if state.vedtak.is_some() {
        return vedtak::on_action(state, action);
    }
    if state.brief.is_some() {
        return brief::on_action(state, action);
    }
    if let Some(effects) = past::on_action(state, action) {
        return effects;
    }
    let page = (state.size.1 as usize / 2).max(1);
    let (tree, wheel) = (state.focus == Pane::Tree, state.focus == Pane::Wheel);
    match (state.screen, action) {
        (_, Quit) => state.quit = true,
        (_, Help) => state.overlay = Some(Overlay::Help(LineInput::default())),
        (_, Refresh) => {
            state.info(state.words().reloaded);
            return vec![Effect::Reload];
        }
        (Screen::Panes | Screen::Detail { .. }, FocusNext | FocusPrev) => {
            state.focus = state.focus.step(action == FocusNext);
        }
        // Only a shown detail scrolls: beneath the zoom, the keys are the årshjul's.
        (Screen::Detail { scroll }, Up | Down | Top | Bottom | PageUp | PageDown) => {
            let len = state.selected_history().map_or(0, |h| h.len());
            let scroll = move_cursor(scroll, len, action, page);
            state.screen = Screen::Detail { scroll };
        }
        (screen, Up | Down | Top | Bottom) if screen.zoomed() || wheel => {
            catalog::step_entry(state, action);
        }
        (screen, PageUp | PageDown) if screen.zoomed() || wheel => {
            state.month = shift_month(state.month, action == PageDown);
            catalog::select_in_month(state);
        }
        (_, Up | Down | Top | Bottom | PageUp | PageDown) if tree => {
            state.tree_cursor = move_cursor(state.tree_cursor, state.tree_rows.len(), action, page);
            return select_tree_row(state);
        }
        (_, Up | Down | Top | Bottom | PageUp | PageDown) => {
            let before = state.list_cursor;
            state.list_cursor = move_cursor(state.list_cursor, state.rows.len(), action, page);
            if before != state.list_cursor {
                return state.selection_changed();
            }
        }
        (screen, Left | Right) if screen.zoomed() || wheel => {
            state.month = shift_month(state.month, action == Right);
            catalog::select_in_month(state);
        }
        (_, Left | Right) if tree => return fold_tree(state, action == Right),
        (screen, Open) if tree && !screen.zoomed() => return fold_tree(state, true),
        (screen, Open) if wheel && !screen.zoomed() => state.screen = screen.toggle_zoom(),
        (screen, Open) => {
            if state.selected().is_some() {
                state.screen = screen.with_detail();
                return state.selection_changed();
            }
        }
        // Esc closes the zoom, then the detail; on the bare panes it clears
        // the search, then the goal, then the quick view.
        (Screen::Zoomed { .. } | Screen::Detail { .. }, Back) => {
            state.screen = match state.screen {
                Screen::Zoomed { .. } => state.screen.toggle_zoom(),
                _ => Screen::Panes,
            };
            return state.selection_changed();
        }
        (Screen::Panes, Back) => {
            if !state.marked.is_empty() {
                state.marked.clear();
                state.mark_anchor = None;
                state.info(crate::words::lists::marks_cleared(state.lang));
            } else if !state.search.text.is_empty() {
                state.search = LineInput::default();
                state.refresh();
            } else if state.goal.is_some() {
                state.goal = None;
                state.refresh();
            } else if state.overdue_only || state.view != QuickView::All {
                state.overdue_only = false;
                state.view = QuickView::All;
                state.refresh();
            }
            return state.selection_changed();
        }
        (_, Sector(0)) => {
            state.sector = None;
            state.pick_goal_rollups();
            state.refresh();
            return state.selection_changed();
        }
        (_, Sector(n)) => match state.data.sectors.get(n as usize - 1) {
            Some(sector) => {
                state.sector = Some(sector.code.clone());
                state.pick_goal_rollups();
                state.refresh();
                return state.selection_changed();
            }
            None => state.error(state.words().no_sector(n)),
        },
        (screen, Search) => {
            state.overlay = Some(Overlay::Search);
            state.screen = screen.without_detail();
        }
        // `o` is the quick view "forfalt" switched on or off: one filter, not two.
        (_, ToggleOverdue) => {
            state.overdue_only = false;
            state.view = if state.view == QuickView::Overdue {
                QuickView::All
            } else {
                QuickView::Overdue
            };
            state.refresh();
            return state.selection_changed();
        }
        (_, CycleView) => {
            state.view = state.view.next();
            state.refresh();
            return state.selection_changed();
        }
        (_, Mark) => return batch::toggle_mark(state),
        (_, MarkRange) => return batch::mark_range(state),
        (_, Withdraw) => withdraw::open(state),
        (_, SetStatus | SetAssessment | SetDeadline | Comment) if !state.marked.is_empty() => {
            let field = match action {
                SetStatus => Some(Field::Status),
                SetAssessment => Some(Field::Assessment),
                SetDeadline => Some(Field::Due),
                _ => None,
            };
            batch::open_form(state, field);
        }
        (_, Edit) if !state.marked.is_empty() => batch::open_form(state, Some(Field::Owner)),
        (_, SetStatus) => {
            if let Some(target) = state.writable_target() {
                let current = state.selected().map_or(Status::NotStarted, |a| a.status);
                state.open_dialog(Dialog::status(target, current, state.lang));
            }
        }
        (_, SetAssessment) => {
            if let Some(target) = state.writable_target() {
                let current = state.selected().and_then(|a| a.assessment);
                state.open_dialog(Dialog::assessment(target, current, state.lang));
            }
        }
        (_, SetDeadline) => {
            if let Some(target) = state.writable_target() {
                let due = state
                    .selected()
                    .and_then(|a| a.due)
                    .map(|d| state.lang.date(d));
                state.open_dialog(Dialog::new(DialogKind::Deadline {
                    target,
                    input: LineInput::new(&due.unwrap_or_default()),
                }));
            }
        }
        (_, Comment) => {
            if let Some(target) = state.writable_target() {
                let summary = Field::Comment.label(state.lang).to_string();
                state.open_dialog(Dialog::comment(target, vec![], summary));
            }
        }
        (_, Report) => report::open_report(state),
        (_, Approve) => report::open_decision(state, crate::domain::approval::Decision::Approve),
        (_, SendBack) => report::open_decision(state, crate::domain::approval::Decision::SendBack),
        (_, Edit) => {
            if let Some(target) = state.writable_target() {
                let form = edit_form(state, target);
                state.open_dialog(form);
            }
        }
        (_, NewAssignment) => {
            if state.data.read_only {
                state.error(state.words().read_only);
            } else {
                state.open_dialog(new_form(state, None));
            }
        }
        (_, NewTask) => {
            let parent = state
                .selected()
                .map(|a| a.parent_id.unwrap_or(a.id))
                .and_then(|id| state.data.assignment(id))
                .map(|a| Target {
                    id: a.id,
                    version: a.version,
                    title: a.title.clone(),
                });
            if state.data.read_only {
                state.error(state.words().read_only);
            } else if parent.is_none() {
                state.error(state.words().pick_parent);
            } else {
                state.open_dialog(new_form(state, parent));
            }
        }
        (_, Undo) => {
            if state.data.read_only {
                state.error(state.words().read_only);
            } else {
                state.open_dialog(Dialog::new(DialogKind::Undo {
                    input: LineInput::default(),
                    preview: None,
                }));
                return vec![Effect::PreviewUndo];
            }
        }
        (_, NewWheelEntry | NewGoal) if state.data.read_only => {
            state.error(state.words().read_only)
        }
        (_, EditWheelEntry | DeleteWheelEntry | EditGoal | RetireGoal) if state.data.read_only => {
            state.error(state.words().read_only)
        }
        (_, NewWheelEntry) => state.open_dialog(catalog::new_wheel_form(state)),
        (_, EditWheelEntry | DeleteWheelEntry) => match catalog::selected_entry(state) {
            Some(entry) if action == EditWheelEntry => {
                state.open_dialog(catalog::edit_wheel_form(entry, state.lang))
            }
            Some(entry) => state.open_dialog(catalog::delete_wheel_dialog(entry)),
            None => state.error(state.words().no_wheel_entry),
        },
        (_, NewGoal) => state.open_dialog(catalog::new_goal_form(state)),
        (_, EditGoal | RetireGoal) => match catalog::selected_goal(state) {
            Some(goal) if action == EditGoal => {
                state.open_dialog(catalog::edit_goal_form(state, goal))
            }
            Some(goal) => state.open_dialog(catalog::retire_goal_dialog(goal)),
            None => state.error(state.words().no_goal_selected),
        },
        (_, Brief) => return brief::open(state),
        (_, Vedtak) => return vedtak::open(state),
        // Only bound in the vedtak view, which takes its own keys.
        (_, CloseVedtak | LinkVedtak | UnlinkVedtak) => {}
        (_, SaveBrief) => {}

        (screen, ZoomWheel) => state.screen = screen.toggle_zoom(),
        (_, ToggleWheelList) => state.wheel_list = !state.wheel_list,
        (Screen::Zoomed { .. }, FocusNext | FocusPrev) | (_, Left | Right) => {}
        // Handled by `past::on_action` above.
        (_, AsOf | Now | EarlierStop | LaterStop | Changes) => {}
    }
    vec![]
}

fn select_tree_row(state: &mut AppState) -> Vec<Effect> {
    let goal = state.tree_rows.get(state.tree_cursor).and_then(|r| r.goal);
    if goal != state.goal {
        state.goal = goal;
        state.refresh();
        return state.selection_changed();
    }
    vec![]
}

fn fold_tree(state: &mut AppState, open: bool) -> Vec<Effect> {
    let Some(row) = state.tree_rows.get(state.tree_cursor).cloned() else {
        return vec![];
    };
    let Some(goal) = row.goal else {
        return vec![];
    };
    if open && row.has_children {
        state.expanded.insert(goal);
    } else if !open && row.expanded {
        state.expanded.remove(&goal);
    } else if !open {
        // Collapse from a leaf: go up to the parent.
        if let Some(parent) = state.data.tree.get(goal).and_then(|g| g.parent_id) {
            state.goal = Some(parent);
        }
    }
    state.refresh();
    select_tree_row(state)
}
