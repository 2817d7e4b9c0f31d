//! Times what the terminal UI does for the past on a database file, as
//! the loop does it with the real runner: open as of a day, read the
//! screen's data and draw the first frame (`styr --as-of DAY`); then, the
//! stops next to it replayed ahead while the user looks, step to the
//! previous styringsdialog or report deadline (`←`) and draw; then step
//! back once more at once, before that stop's neighbours are ready (the
//! step waits for the replay under way). Figures go in BENCHMARKS.md.
//!
//! `cargo run --release --example past_step -- FILE YYYY-MM-DD [ROUNDS]`
//!
//! Each figure is the wall time and the CPU time of the loop's thread
//! (the replays ahead run on threads of their own, beside it).

use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use styr::domain::event::AsOf;
use styr::domain::{Lang, Today};
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::theme::Theme;
use styr::tui::{view, Runner};

/// The CPU time this thread has used (Linux: the first field of its schedstat).
fn thread_cpu() -> Duration {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let nanos = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}

/// Runs `work`, and tells its wall and thread CPU time.
fn timed<T>(what: &str, work: impl FnOnce() -> T) -> T {
    let (wall, cpu) = (Instant::now(), thread_cpu());
    let out = work();
    println!(
        "{what}: {} ms wall, {} ms CPU",
        wall.elapsed().as_millis(),
        (thread_cpu() - cpu).as_millis()
    );
    out
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState) {
    terminal
        .draw(|frame| view::draw(frame, state, Theme::colored()))
        .expect("draw");
}

fn day(state: &AppState) -> String {
    state
        .past
        .as_ref()
        .map_or("now".into(), |p| p.at.day.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (path, day_text) = (&args[1], &args[2]);
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(1);
    let at = AsOf::parse(day_text).expect("a day");
    let present = Today(styr::generate::today(2023));
    let left = || Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    for _ in 0..rounds {
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        let (mut store, past, mut state) =
            timed(&format!("open as of {day_text}, read, first frame"), || {
                let store = Store::open(std::path::Path::new(path)).expect("open");
                let past = Runner::open_past(&store, at, Lang::Nb).expect("the past");
                let data = Snapshot::load(past.store()).expect("load");
                let mut state = AppState::new(data, Today(at.day), Keymap::default(), (200, 50));
                state.past = Some(styr::tui::state::Past {
                    at,
                    stop: None,
                    present_today: present,
                });
                draw(&mut terminal, &state);
                (store, past, state)
            });
        let mut runner = Runner::new(&mut store, "bench", present).expect("runner");
        runner.set_past(Some(past));
        // After the first frame: the reads held back, the replays ahead begun.
        let effects = state.start();
        runner.settle(&mut state, effects);
        timed("  (waiting for the stops next to it)", || {
            runner.wait_for_ahead()
        });
        for what in ["step back, prepared", "step back again at once"] {
            timed(what, || {
                runner.push(update(&mut state, left()));
                runner.before_frame(&mut state);
                draw(&mut terminal, &state);
            });
            println!(
                "  now at {} ({} assignments)",
                day(&state),
                state.data.assignments.len()
            );
            // The frame is out: the held-back reads, the next replays begun.
            while runner.after_frame(&mut state) {}
        }
    }
}
