//! Times what the terminal UI does for the past on a database file, as
//! the runner does it: open as of a day and read the screen's data (the
//! first frame's reads, `styr --as-of DAY`), then step to the previous
//! styringsdialog or report deadline (`←`). Figures go in BENCHMARKS.md.
//!
//! `cargo run --release --example past_step -- FILE YYYY-MM-DD`

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::domain::event::AsOf;
use styr::domain::{Lang, Today};
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::Runner;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (path, day) = (&args[1], &args[2]);
    let at = AsOf::parse(day).expect("a day");
    let start = Instant::now();
    let mut store = Store::open(std::path::Path::new(path)).expect("open");
    let past = Runner::open_past(&store, at, Lang::Nb).expect("the past");
    let data = Snapshot::load(past.store()).expect("load");
    let mut state = AppState::new(data, Today(at.day), Keymap::default(), (200, 50));
    let first = start.elapsed();
    state.past = Some(styr::tui::state::Past {
        at,
        stop: None,
        present_today: Today(at.day),
    });
    let mut runner = Runner::new(&mut store, "bench", Today(at.day)).expect("runner");
    runner.set_past(Some(past));
    {
        let start = Instant::now();
        let effects = update(
            &mut state,
            Msg::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)),
        );
        runner.push(effects);
        runner.before_frame(&mut state);
        let took = start.elapsed();
        println!(
            "step back: to {:?} in {} ms",
            state.past.as_ref().map(|p| p.at.day),
            took.as_millis()
        );
    }
    println!(
        "open as of {day} and read the first frame's data: {} ms ({} assignments)",
        first.as_millis(),
        state.data.assignments.len()
    );
}
