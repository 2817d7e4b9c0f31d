//! The terminal UI: terminal set-up and restore (also on panic and SIGTERM),
//! and the loop that turns terminal events into messages, runs effects
//! against the store and draws.

pub mod action;
pub mod ahead;
pub mod data;
pub mod dialog;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod runner;
mod signals;
pub mod state;
pub mod theme;
pub mod view;

/// The TUI's words, kept with every other sentence in [`crate::words`].
pub use crate::words::tui as strings;
pub use runner::Runner;

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
use crate::domain::Lang;
use crate::domain::Today;
use crate::store::Store;
use data::Snapshot;
use keymap::Keymap;
use state::{update, AppState, Msg};
use theme::Theme;

/// How often the screen looks for changes by other processes: each second,
/// so that another's change shows within two (a look, then a reload).
const CHECK_EVERY: Duration = Duration::from_secs(1);

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
    /// `--as-of`: the past moment to open on, read-only.
    pub as_of: Option<crate::domain::event::AsOf>,
    /// The server the store is on, to connect to again when the
    /// connection is lost; `None` for a file.
    pub server: Option<crate::store::server::Target>,
}

/// Runs the TUI on an open store until the user quits.
pub fn run(mut store: Store, today: Today, actor: String, options: Options) -> Result<()> {
    let past = options
        .as_of
        .map(|at| Runner::open_past(&store, at, options.lang))
        .transpose()?;
    let snapshot = match &past {
        Some(past) => Snapshot::load(past.store())?,
        None => Snapshot::load(&store)?,
    };
    let stop = Arc::new(AtomicBool::new(false));
    let words = strings::table(options.lang);
    signals::watch(Arc::clone(&stop)).context(words.no_signal_handler)?;
    let mut terminal = init(words)?;
    let result = run_loop(
        &mut terminal,
        (&mut store, past),
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
    (store, past): (&mut Store, Option<runner::PastStore>),
    snapshot: Snapshot,
    today: Today,
    actor: &str,
    options: Options,
    stop: &AtomicBool,
) -> Result<()> {
    let size = terminal.size()?;
    let shown_today = options.as_of.map_or(today, |at| Today(at.day));
    let mut state = AppState::new(
        snapshot,
        shown_today,
        options.keymap,
        (size.width, size.height),
    );
    state.lang = options.lang;
    state.filter_sector(options.sector);
    state.status = opening_note(store, state.lang);
    if let Some(at) = options.as_of {
        state.past = Some(state::Past {
            at,
            stop: None,
            present_today: today,
        });
        if state.status.is_none() {
            state.status = Some(state::StatusMessage {
                text: state::past_shown(&state, &at, None),
                error: false,
            });
        }
    }
    let theme = Theme::from_env().with_palette(options.palette);
    let mut runner = Runner::new(store, actor, today)?;
    runner.reconnect_to(options.server);
    runner.delivered(&state.data);
    runner.set_past(past);
    runner.push(state.start());
    let mut first = true;
    let mut last_check = Instant::now();
    loop {
        runner.before_frame(&mut state);
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
        if !event::poll(Duration::ZERO)? && runner.after_frame(&mut state) {
            continue;
        }
        let wait = CHECK_EVERY.saturating_sub(last_check.elapsed());
        if event::poll(wait)? {
            // Every event that is ready is handled before the next frame, each
            // with the effects it asks for, so that nothing typed waits
            // behind a redraw (a paste without bracketed paste is many keys).
            loop {
                if let Some(msg) = message(event::read()?) {
                    runner.push(update(&mut state, msg));
                    runner.before_frame(&mut state);
                }
                if state.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if last_check.elapsed() >= CHECK_EVERY {
            last_check = Instant::now();
            runner.push(update(&mut state, Msg::Tick));
        }
    }
}

/// The message for a terminal event, if it means anything to the screen.
fn message(event: TermEvent) -> Option<Msg> {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => Some(Msg::Key(key)),
        TermEvent::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        TermEvent::Resize(width, height) => Some(Msg::Resize(width, height)),
        TermEvent::Paste(text) => Some(Msg::Paste(text)),
        TermEvent::FocusGained => Some(Msg::Tick),
        _ => None,
    }
}

/// What opening the database found that the user must hear of first: an
/// upgrade and where the old file is kept, or why it can only be read.
fn opening_note(store: &Store, lang: Lang) -> Option<state::StatusMessage> {
    let notes = store.notes();
    let s = strings::table(lang);
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

/// Raw mode, the alternate screen, mouse capture and bracketed paste; undone
/// by [`restore`], also when the program panics or a signal ends it.
fn init(words: &strings::Strings) -> Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode().context(words.no_raw_mode)?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        event::EnableFocusChange
    )?;
    // A paste then comes as one event, not a key per character. The legacy
    // Windows console cannot do it; there a paste stays keys.
    let _ = execute!(io::stdout(), event::EnableBracketedPaste);
    Ok(Terminal::new(CrosstermBackend::new(io::stdout()))?)
}

/// Gives the terminal back as it was.
fn restore() {
    let _ = execute!(io::stdout(), event::DisableBracketedPaste);
    let _ = execute!(
        io::stdout(),
        event::DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}
