//! The terminal UI at 10k and 100k assignments (10 events each): open, load
//! and first frame, and each kind of keystroke as update and render on a
//! 200×50 TestBackend, as the loop does it.

mod common;

use divan::Bencher;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use styr::domain::{Field, Today};
use styr::store::{Stamp, Store};
use styr::tui::data::Snapshot;
use styr::tui::effect::Effect;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::theme::Theme;
use styr::tui::{view, Runner};

const SIZES: [u64; 2] = [10_000, 100_000];
const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn main() {
    divan::main();
}

fn today() -> Today {
    Today(styr::generate::today(2023))
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState) {
    terminal
        .draw(|frame| view::draw(frame, state, Theme::colored()))
        .expect("draw");
}

/// The app as it is once started: first frame drawn, comments and
/// missing reports read, with the runner the loop keeps.
fn started(store: &mut Store) -> (Runner<'_>, AppState) {
    let mut state = AppState::new(
        Snapshot::load(store).expect("load"),
        today(),
        Keymap::default(),
        (WIDTH, HEIGHT),
    );
    let mut runner = Runner::new(store, "bench", today()).expect("runner");
    runner.delivered(&state.data);
    let effects = state.start();
    runner.settle(&mut state, effects);
    (runner, state)
}

/// Process start to first frame, less the process itself: open the file,
/// read the plan year, build the screen state, draw. (The comments for the
/// search and the missing reports are read after the first frame, as the
/// loop does.)
#[divan::bench(args = SIZES, sample_count = 20)]
fn open_load_first_frame(bencher: Bencher, n: u64) {
    let path = common::database(n);
    bencher.bench_local(|| {
        let mut store = Store::open(&path).expect("open");
        let mut state = AppState::new(
            Snapshot::load(&store).expect("load"),
            today(),
            Keymap::default(),
            (WIDTH, HEIGHT),
        );
        let mut runner = Runner::new(&mut store, "bench", today()).expect("runner");
        runner.push(state.start());
        runner.before_frame(&mut state);
        let mut terminal = terminal();
        draw(&mut terminal, &state);
        state
    });
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// One keystroke: update, the effects it asks for, and the render.
fn keystroke(bencher: Bencher, n: u64, prepare: &[Msg], press: Msg) {
    let mut store = Store::open(&common::database(n)).expect("open");
    let (mut runner, mut state) = started(&mut store);
    for msg in prepare {
        let effects = update(&mut state, msg.clone());
        runner.settle(&mut state, effects);
    }
    let mut terminal = terminal();
    draw(&mut terminal, &state);
    bencher
        .with_inputs(|| state.clone())
        .bench_local_refs(|state| {
            let effects = update(state, press.clone());
            runner.settle(state, effects);
            draw(&mut terminal, state);
        });
}

/// A status change from the TUI, committed durably, up to the next frame:
/// the write, the reload of what changed, the recount and the render. The
/// comments and missing reports the loop reads after that frame are read
/// between samples.
#[divan::bench(args = SIZES, sample_count = 20, sample_size = 1)]
fn durable_status_change_to_frame(bencher: Bencher, n: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&common::copy(n, dir.path())).expect("open");
    let (runner, state) = started(&mut store);
    let app = std::cell::RefCell::new((runner, state, false));
    let mut terminal = terminal();
    bencher
        .with_inputs(|| {
            let (runner, state, _) = &mut *app.borrow_mut();
            runner.settle(state, vec![]);
        })
        .bench_local_values(|()| {
            let (runner, state, flip) = &mut *app.borrow_mut();
            let a = state.selected().expect("a selected assignment").clone();
            *flip = !*flip;
            let status = if *flip { "not-started" } else { "in-progress" };
            runner.push([Effect::Change {
                id: a.id,
                version: a.version,
                edits: vec![(Field::Status, Some(status.into()))],
                comment: None,
            }]);
            runner.before_frame(state);
            draw(&mut terminal, state);
            assert!(
                state.status.as_ref().is_some_and(|s| !s.error),
                "{:?}",
                state.status
            );
        });
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn key_move_down(bencher: Bencher, n: u64) {
    keystroke(bencher, n, &[], key('j'));
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn key_sector_switch(bencher: Bencher, n: u64) {
    keystroke(bencher, n, &[], key('4'));
}

#[divan::bench(args = SIZES, sample_count = 50)]
fn key_overdue_toggle(bencher: Bencher, n: u64) {
    keystroke(bencher, n, &[], key('o'));
}

/// The second character of a search: the first built the search index.
#[divan::bench(args = SIZES, sample_count = 50)]
fn key_search_character(bencher: Bencher, n: u64) {
    keystroke(bencher, n, &[key('/'), key('p')], key('l'));
}

/// Enter on an assignment with 1,000 events: the detail with its history
/// (read from the store) drawn.
#[divan::bench(args = SIZES, sample_count = 50)]
fn open_detail_1000_events(bencher: Bencher, n: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = common::copy(n, dir.path());
    let id = {
        let mut store = Store::open(&path).expect("open");
        let state = AppState::new(
            Snapshot::load(&store).expect("load"),
            today(),
            Keymap::default(),
            (WIDTH, HEIGHT),
        );
        let a = state.selected().expect("a selected assignment").clone();
        let stamp = Stamp::now("bench");
        store
            .batch(|store| {
                for i in 0..(1000 - 10) {
                    let owner = format!("Eier {i}");
                    store.change(a.id, None, &[(Field::Owner, Some(owner))], None, &stamp)?;
                }
                Ok(())
            })
            .expect("history");
        a.id
    };
    let mut store = Store::open(&path).expect("open");
    assert_eq!(store.events(Some(id), None).expect("events").len(), 1000);
    let (mut runner, state) = started(&mut store);
    let mut terminal = terminal();
    bencher
        .with_inputs(|| state.clone())
        .bench_local_refs(|state| {
            let effects = update(
                state,
                Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            );
            runner.settle(state, effects);
            draw(&mut terminal, state);
        });
}

/// The end of a day (local time), as `--as-of DAY` reads it.
fn end_of(day: &str) -> chrono::DateTime<chrono::Utc> {
    styr::domain::event::AsOf::parse(day)
        .expect("a day")
        .until()
}

/// The TUI's first frame as of a past day: open the file, replay it as of
/// May's styringsdialog (15.05.2023), read the plan year, draw.
#[divan::bench(args = SIZES, sample_count = 10)]
fn as_of_open_load_first_frame(bencher: Bencher, n: u64) {
    let path = common::database(n);
    let until = end_of("2023-05-15");
    bencher.bench_local(|| {
        let store = Store::open(&path)
            .expect("open")
            .as_of(until)
            .expect("as of");
        let state = AppState::new(
            Snapshot::load(&store).expect("load"),
            Today(until.date_naive()),
            Keymap::default(),
            (WIDTH, HEIGHT),
        );
        let mut terminal = terminal();
        draw(&mut terminal, &state);
        (store, state)
    });
}

/// Stepping to the previous (or next) dialog in the TUI as of a past day:
/// the same connection replayed as of the other day, the plan year read
/// and drawn. Alternates between the two styringsdialoger of 2023
/// (16.10.2023 back to 15.05.2023, then forward again).
#[divan::bench(args = SIZES, sample_count = 10)]
fn as_of_step_to_another_dialog(bencher: Bencher, n: u64) {
    let days = [end_of("2023-05-15"), end_of("2023-10-16")];
    let store = Store::open(&common::database(n))
        .expect("open")
        .as_of(days[1])
        .expect("as of");
    let held = std::cell::RefCell::new((Some(store), 0usize));
    let mut terminal = terminal();
    bencher.bench_local(|| {
        let (store, step) = &mut *held.borrow_mut();
        *step += 1;
        let until = days[*step % 2];
        let past = store.take().expect("a store").as_of(until).expect("as of");
        let state = AppState::new(
            Snapshot::load(&past).expect("load"),
            Today(until.date_naive()),
            Keymap::default(),
            (WIDTH, HEIGHT),
        );
        draw(&mut terminal, &state);
        *store = Some(past);
    });
}
