//! The terminal UI: terminal set-up and restore (also on panic and SIGTERM),
//! and the loop that turns terminal events into messages, runs effects
//! against the store and draws.

pub mod action;
pub mod data;
pub mod dialog;
pub mod effect;
pub mod keymap;
mod signals;
pub mod state;
pub mod theme;
pub mod view;

/// The TUI's words, kept with every other sentence in [`crate::words`].
pub use crate::words::tui as strings;

use std::collections::VecDeque;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as TermEvent, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::Terminal;

use crate::domain::text::sanitize_line;
use crate::domain::Today;
use crate::store::{CatalogChanged, Changed, MissingReports, Stamp, Store, StoreError};
use crate::words::events::describe;
use data::{Comments, Snapshot};
use effect::Effect;
use keymap::Keymap;
use state::{update, AppState, Msg};
use strings::strings;
use theme::Theme;

/// How often the screen looks for changes by other processes.
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// Set (to anything) in the environment, the TUI quits right after drawing
/// its first frame: for measuring start-up time and memory of the real
/// binary. Not a user setting.
pub const EXIT_AFTER_FIRST_FRAME: &str = "STYR_EXIT_AFTER_FIRST_FRAME";

/// What the configuration decides about the TUI.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub keymap: Keymap,
    pub palette: theme::Palette,
    /// The sector code to open filtered to.
    pub sector: Option<String>,
    /// The language every screen speaks.
    pub lang: crate::domain::Lang,
}

/// Runs the TUI on an open store until the user quits.
pub fn run(mut store: Store, today: Today, actor: String, options: Options) -> Result<()> {
    strings::set_lang(options.lang);
    let snapshot = Snapshot::load(&store)?;
    let stop = Arc::new(AtomicBool::new(false));
    signals::watch(Arc::clone(&stop))?;
    let mut terminal = init()?;
    let result = run_loop(
        &mut terminal,
        &mut store,
        snapshot,
        today,
        &actor,
        options,
        &stop,
    );
    restore();
    result
}

fn run_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    store: &mut Store,
    snapshot: Snapshot,
    today: Today,
    actor: &str,
    options: Options,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size()?;
    let mut state = AppState::new(snapshot, today, options.keymap, (size.width, size.height));
    state.filter_sector(options.sector);
    state.status = opening_note(store);
    let theme = Theme::from_env().with_palette(options.palette);
    let mut runner = Runner::new(store, actor, today)?;
    runner.delivered(&state.data);
    let mut effects = VecDeque::from(state.start());
    // Reads no frame waits for (comments, missing reports) come after it.
    let mut later: VecDeque<Effect> = VecDeque::new();
    let mut first = true;
    let mut last_check = Instant::now();
    loop {
        while let Some(effect) = effects.pop_front() {
            if effect.after_frame() {
                if !later.contains(&effect) {
                    later.push_back(effect);
                }
                continue;
            }
            if let Some(msg) = runner.run(effect) {
                effects.extend(update(&mut state, msg));
            }
        }
        if state.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        terminal.draw(|frame| view::draw(frame, &state, theme))?;
        if first && std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some() {
            // Leave as soon as the frame is out, without freeing what was
            // loaded: the process's time is then the time to the first frame.
            restore();
            std::process::exit(0);
        }
        first = false;
        // A key waiting goes first; then the reads held back, one per frame.
        if !event::poll(Duration::ZERO)? {
            if let Some(effect) = later.pop_front() {
                if let Some(msg) = runner.run(effect) {
                    effects.extend(update(&mut state, msg));
                }
                continue;
            }
        }
        let wait = CHECK_EVERY.saturating_sub(last_check.elapsed());
        if event::poll(wait)? {
            let msg = match event::read()? {
                TermEvent::Key(key) if key.kind != KeyEventKind::Release => Msg::Key(key),
                TermEvent::Mouse(mouse) => Msg::Mouse(mouse),
                TermEvent::Resize(width, height) => Msg::Resize(width, height),
                TermEvent::FocusGained => Msg::Tick,
                _ => continue,
            };
            effects.extend(update(&mut state, msg));
        }
        if last_check.elapsed() >= CHECK_EVERY {
            last_check = Instant::now();
            effects.extend(update(&mut state, Msg::Tick));
        }
    }
}

/// What opening the database found that the user must hear of first: an
/// upgrade and where the old file is kept, or why it can only be read.
fn opening_note(store: &Store) -> Option<state::StatusMessage> {
    let notes = store.notes();
    let s = strings();
    if let Some(upgrade) = &notes.upgraded {
        let kept = sanitize_line(&upgrade.kept.display().to_string()).into_owned();
        return Some(state::StatusMessage {
            text: s.upgraded(upgrade.from, upgrade.to, &kept),
            error: false,
        });
    }
    notes
        .read_only_because
        .as_ref()
        .map(|cause| state::StatusMessage {
            text: sanitize_line(&s.read_only_because(cause)).into_owned(),
            error: true,
        })
}

/// A missing-reports answer, the newest event and the periods it was judged on.
struct MissingCache {
    upto: i64,
    periods: Vec<crate::domain::Period>,
    answer: Option<MissingReports>,
}

/// Runs effects against the store and turns results into messages.
pub struct Runner<'a> {
    store: &'a mut Store,
    actor: &'a str,
    /// The day the loaded data is judged on (the missing reports).
    today: Today,
    /// The data version of the last load, to notice other processes' commits.
    seen_version: i64,
    /// The plan year and newest event of the data last sent to the screen.
    delivered: Option<(i32, i64)>,
    /// The last missing-reports answer and what it was judged on.
    missing: Option<MissingCache>,
    /// The comments read so far, and of which plan year.
    comments: Arc<Comments>,
    comments_year: Option<i32>,
    /// Where files the user asks for (the briefing as HTML) are written.
    output_dir: Option<std::path::PathBuf>,
}

impl<'a> Runner<'a> {
    /// A runner writing as `actor`, loading data as of `today`.
    pub fn new(store: &'a mut Store, actor: &'a str, today: Today) -> Result<Self> {
        let seen_version = store.data_version()?;
        Ok(Runner {
            store,
            actor,
            today,
            seen_version,
            delivered: None,
            missing: None,
            comments: Arc::default(),
            comments_year: None,
            output_dir: None,
        })
    }

    /// Writes files into `dir` instead of the working directory.
    pub fn set_output_dir(&mut self, dir: std::path::PathBuf) {
        self.output_dir = Some(dir);
    }

    /// The data version of the last load.
    pub fn seen_version(&self) -> i64 {
        self.seen_version
    }

    /// Continues from a data version seen earlier.
    pub fn set_seen_version(&mut self, version: i64) {
        self.seen_version = version;
    }

    /// Runs one effect; the message carries its result back to `update`.
    pub fn run(&mut self, effect: Effect) -> Option<Msg> {
        let failed = |e: anyhow::Error| Msg::Failed {
            message: crate::store::error_message(&e, strings().lang),
            stale: false,
        };
        match effect {
            Effect::Reload => Some(self.reload().unwrap_or_else(failed)),
            Effect::ReloadIfChanged => match self.store.data_version() {
                Ok(version) if version != self.seen_version => {
                    Some(self.reload().unwrap_or_else(failed))
                }
                Ok(_) => None,
                Err(e) => Some(failed(e.into())),
            },
            Effect::LoadComments => Some(match self.load_comments() {
                Ok(comments) => Msg::Comments(comments),
                Err(e) => failed(e),
            }),
            Effect::LoadMissing => Some(match self.load_missing() {
                Ok(missing) => Msg::Missing(Box::new(missing)),
                Err(e) => failed(e.into()),
            }),
            Effect::LoadHistory(id) => Some(match self.store.events(Some(id), None) {
                Ok(events) => Msg::History(id, events),
                Err(e) => failed(e.into()),
            }),
            Effect::Change {
                id,
                version,
                edits,
                comment,
            } => {
                let result =
                    self.store
                        .change(id, Some(version), &edits, comment.as_deref(), &self.stamp());
                Some(saved(strings().saved, result))
            }
            Effect::Report { id, version, draft } => {
                let result = self.store.report(id, Some(version), &draft, &self.stamp());
                Some(saved(strings().reported, result))
            }
            Effect::Create { draft, comment } => {
                let result =
                    self.store
                        .create_assignment(&draft, comment.as_deref(), &self.stamp());
                Some(saved(strings().created, result))
            }
            Effect::PreviewUndo => Some(match self.store.undo_candidate(self.actor) {
                Ok(event) => Msg::UndoPreview(event),
                Err(e) => failed(e.into()),
            }),
            Effect::LoadBrief { sector, today } => {
                let request = crate::report::brief::load::Request {
                    sector,
                    since: crate::report::brief::Bound::Default,
                    until: crate::report::brief::Bound::Default,
                    year: None,
                };
                Some(
                    match crate::report::brief::load::load(self.store, &request, today) {
                        Ok(brief) => Msg::Brief(Box::new(brief)),
                        Err(e) => failed(crate::report::brief::localized(e, strings().lang)),
                    },
                )
            }
            Effect::WriteFile { name, contents } => Some(
                match self
                    .output_dir
                    .clone()
                    .map_or_else(std::env::current_dir, Ok)
                    .and_then(std::path::absolute)
                    .map(|dir| dir.join(&name))
                    .and_then(|path| std::fs::write(&path, contents).map(|()| path))
                {
                    Ok(path) => Msg::Wrote(path.display().to_string()),
                    Err(e) => failed(anyhow::Error::new(e).context(format!("cannot write {name}"))),
                },
            ),
            Effect::Undo { comment } => {
                let result = self.store.undo_last(comment.as_deref(), &self.stamp());
                let skipped = result.as_ref().map_or(0, |c| c.skipped.len());
                let mut msg = saved(strings().undone, result);
                if let Msg::Saved { text, .. } = &mut msg {
                    if skipped > 0 {
                        text.push_str(&strings().skipped_undo(skipped));
                    }
                }
                Some(msg)
            }
            Effect::CreateWheel { draft, comment } => Some(self.catalog(
                strings().wheel_saved,
                true,
                |store, stamp| store.create_wheel_entry(&draft, comment.as_deref(), stamp),
                state::entry_label,
            )),
            Effect::ChangeWheel {
                seen,
                next,
                comment,
            } => Some(self.catalog(
                strings().wheel_saved,
                true,
                |store, stamp| {
                    store.change_wheel_entry(seen.id, Some(&seen), &next, comment.as_deref(), stamp)
                },
                state::entry_label,
            )),
            Effect::DeleteWheel { seen, comment } => Some(self.catalog(
                strings().wheel_deleted,
                false,
                |store, stamp| {
                    store.delete_wheel_entry(seen.id, Some(&seen), comment.as_deref(), stamp)
                },
                state::entry_label,
            )),
            Effect::CreateGoal {
                parent,
                code,
                title,
                sectors,
                comment,
            } => Some(self.catalog(
                strings().goal_saved,
                false,
                |store, stamp| {
                    store.create_goal(parent, &code, &title, &sectors, comment.as_deref(), stamp)
                },
                goal_label,
            )),
            Effect::ChangeGoal {
                seen,
                next,
                comment,
            } => Some(self.catalog(
                strings().goal_saved,
                false,
                |store, stamp| {
                    store.change_goal(seen.id, Some(&seen), &next, comment.as_deref(), stamp)
                },
                goal_label,
            )),
            Effect::RetireGoal { id, comment } => Some(self.catalog(
                strings().goal_retired,
                false,
                |store, stamp| store.retire_goal(id, true, comment.as_deref(), stamp),
                goal_label,
            )),
        }
    }

    /// Runs a goal or årshjul write and says what it wrote.
    fn catalog<T>(
        &mut self,
        verb: &str,
        wheel: bool,
        write: impl FnOnce(&mut Store, &Stamp) -> Result<CatalogChanged<T>, StoreError>,
        label: impl Fn(&T) -> String,
    ) -> Msg {
        let stamp = self.stamp();
        match write(self.store, &stamp) {
            Ok(changed) => {
                let what: Vec<String> = changed
                    .events
                    .iter()
                    .map(|e| crate::words::events::describe_catalog(e, strings().lang))
                    .collect();
                let what = if what.is_empty() {
                    strings().nothing_changed.to_string()
                } else {
                    what.join("; ")
                };
                let id = changed.events.first().map(|e| e.entity_id);
                Msg::CatalogSaved {
                    text: sanitize_line(&format!("{verb}: {} – {what}", label(&changed.item)))
                        .into_owned(),
                    wheel: id.filter(|_| wheel),
                }
            }
            Err(e) => Msg::Failed {
                message: e.to_string(),
                stale: false,
            },
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp::now(self.actor)
    }

    /// Brings the kept comments up to date with the log: only the events
    /// since the last read are read (the log is append-only).
    fn load_comments(&mut self) -> Result<Arc<Comments>> {
        let year = self.store.municipality()?.year;
        if self.comments_year != Some(year) {
            self.comments = Arc::default();
            self.comments_year = Some(year);
        }
        let mut next = (*self.comments).clone();
        next.catch_up(self.store, year)?;
        if next != *self.comments {
            self.comments = Arc::new(next);
        }
        Ok(Arc::clone(&self.comments))
    }

    /// The missing reports, judging again only the assignments with events
    /// since the last answer (an answer depends on an assignment's own
    /// events, the periods and the day), unless the periods changed.
    fn load_missing(&mut self) -> Result<Option<MissingReports>, StoreError> {
        let today = self.today.0;
        let previous = self.missing.take();
        let (answer, cache) = self.store.read(|store| {
            let newest = store.newest_event()?;
            let periods = store.periods(None)?;
            let answer = match previous {
                Some(cache) if cache.periods == periods && cache.upto <= newest => {
                    let ids = store.changed_after(cache.upto)?;
                    match (cache.answer, store.missing_reports_among(today, &ids)?) {
                        (Some(mut kept), Some(fresh)) if kept.period == fresh.period => {
                            kept.assignments
                                .retain(|a| ids.binary_search(&a.id).is_err());
                            kept.assignments.extend(fresh.assignments);
                            kept.assignments.sort_by_key(|a| a.id);
                            Some(kept)
                        }
                        (None, None) => None,
                        _ => store.missing_reports(today)?,
                    }
                }
                _ => store.missing_reports(today)?,
            };
            let cache = MissingCache {
                upto: newest,
                periods,
                answer: answer.clone(),
            };
            Ok((answer, cache))
        })?;
        self.missing = Some(cache);
        Ok(answer)
    }

    fn reload(&mut self) -> Result<Msg> {
        self.seen_version = self.store.data_version()?;
        let reloaded = Snapshot::reload(self.store, self.delivered)?;
        let (data::Reloaded::Whole(data) | data::Reloaded::Changed { data, .. }) = &reloaded;
        self.delivered(data);
        Ok(Msg::Loaded(Box::new(reloaded)))
    }

    /// Takes note that the screen has `data`, so that the next reload only
    /// reads the assignments changed since.
    pub fn delivered(&mut self, data: &Snapshot) {
        self.delivered = Some((data.municipality.year, data.upto));
    }
}

fn goal_label(goal: &crate::domain::Goal) -> String {
    format!("{} {}", goal.code, goal.title)
}

/// The status-line message for a written change, or why it was refused.
fn saved(verb: &str, result: Result<Changed, StoreError>) -> Msg {
    let s = strings();
    match result {
        Ok(changed) if changed.events.is_empty() => Msg::Saved {
            text: s.no_change(changed.assignment.id),
            id: changed.assignment.id,
        },
        Ok(changed) => {
            let what: Vec<String> = changed.events.iter().map(|e| describe(e, s.lang)).collect();
            Msg::Saved {
                text: s.wrote(
                    verb,
                    changed.assignment.id,
                    &sanitize_line(&what.join("; ")),
                    changed.assignment.version,
                ),
                id: changed.assignment.id,
            }
        }
        Err(StoreError::Stale { id, changes, .. }) => {
            let who: Vec<String> = changes
                .iter()
                .map(|e| {
                    format!(
                        "{} {} ({})",
                        e.actor,
                        e.at.with_timezone(&chrono::Local).format(&format!(
                            "{} %H:%M",
                            match s.lang {
                                strings::Lang::Nb => "%d.%m",
                                strings::Lang::En => "%m-%d",
                            }
                        )),
                        describe(e, strings().lang)
                    )
                })
                .collect();
            Msg::Failed {
                message: s.stale(id, &sanitize_line(&who.join("; "))),
                stale: true,
            }
        }
        Err(e) => Msg::Failed {
            message: e.message(s.lang),
            stale: false,
        },
    }
}

/// Raw mode, the alternate screen and mouse capture; undone by [`restore`],
/// also when the program panics.
fn init() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode().context("the terminal does not support raw mode")?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        event::EnableFocusChange
    )?;
    Ok(Terminal::new(CrosstermBackend::new(io::stdout()))?)
}

/// Gives the terminal back as it was.
fn restore() {
    let _ = execute!(
        io::stdout(),
        event::DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}
