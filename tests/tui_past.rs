//! The TUI in the past: keys through `update`, the past read by the runner
//! on a connection of its own, and whole screens drawn on `TestBackend`.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::domain::event::AsOf;
use styr::domain::{Assessment, Field, Status};
use styr::store::{Stamp, Store};
use styr::tui::data::Snapshot;
use styr::tui::effect::Effect;
use styr::tui::keymap::Keymap;
use styr::tui::runner::PastStore;
use styr::tui::state::{update, AppState, Msg, Overlay};
use styr::tui::strings::Lang;
use styr::tui::Runner;

mod common;
use common::cli::{dated_styr, Lang as CliLang};
use common::today;
use common::tui::{drain, render};

struct App {
    store: Store,
    state: AppState,
    seen: Option<i64>,
    /// The past the runner reads, handed from one runner to the next as
    /// the loop's one runner keeps it.
    past: Option<PastStore>,
}

impl App {
    fn demo(width: u16, height: u16, lang: Lang) -> App {
        let mut store = Store::in_memory().unwrap();
        styr::assets::load_demo(&mut store).unwrap();
        App::on(store, width, height, lang)
    }

    fn on(store: Store, width: u16, height: u16, lang: Lang) -> App {
        // History and the diff show local time; fix the zone so screens are the same everywhere.
        std::env::set_var("TZ", "UTC");
        let mut state = AppState::new(
            Snapshot::load(&store).unwrap(),
            today(),
            Keymap::default(),
            (width, height),
        );
        state.lang = lang;
        let mut app = App {
            store,
            state,
            seen: None,
            past: None,
        };
        let effects = app.state.start();
        app.run(effects);
        app
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let mut runner = Runner::new(&mut self.store, "tester", self.state.today).unwrap();
        runner.set_past(self.past.take());
        if let Some(seen) = self.seen {
            runner.set_seen_version(seen);
        }
        drain(&mut runner, &mut self.state, effects);
        self.seen = Some(runner.seen_version());
        self.past = runner.take_past();
    }

    fn key(&mut self, code: KeyCode) {
        let effects = update(
            &mut self.state,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        self.run(effects);
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    fn screen(&self) -> String {
        let (width, height) = self.state.size;
        render(&self.state, width, height)
    }

    fn status_text(&self) -> String {
        self.state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    fn shown_day(&self) -> Option<NaiveDate> {
        self.state.past.as_ref().map(|p| p.at.day)
    }

    fn events(&self) -> usize {
        self.store.events(None, None).unwrap().len()
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// ← twice from 20.09.2023 in the list: the T2 report deadline, then May's
/// styringsdialog, where #17 is still under way and #18 has its first deadline.
#[test]
fn left_steps_back_to_mays_dialog_as_it_stood_then() {
    let mut app = App::demo(160, 45, Lang::Nb);
    assert_eq!(
        app.state.data.assignment(17).unwrap().status,
        Status::Done,
        "#17 is done now"
    );
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-09-12")));
    assert!(app.screen().lines().next().unwrap().contains("FORTID"));
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-05-15")));
    assert_eq!(
        app.state.past.as_ref().unwrap().stop.as_deref(),
        Some("Styringsdialog")
    );
    assert_eq!(
        app.state.today.0,
        date("2023-05-15"),
        "overdue is judged on that day"
    );
    let a17 = app.state.data.assignment(17).unwrap();
    assert_eq!(a17.status, Status::InProgress);
    let a18 = app.state.data.assignment(18).unwrap();
    assert_eq!(a18.due, Some(date("2023-04-30")));
    assert_eq!(a18.assessment, Some(Assessment::Yellow));
    let header = app.screen().lines().next().unwrap().to_string();
    assert!(
        header.contains("◀ FORTID") && header.contains("15.05.2023"),
        "{header}"
    );
    assert!(
        app.status_text().contains("Styringsdialog"),
        "{}",
        app.status_text()
    );
    // Before the first stop there is none: said, and nothing moves.
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-05-12")));
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-05-12")));
    assert!(app.state.status.as_ref().unwrap().error);
    assert!(
        app.status_text().contains("ingen tidligere"),
        "{}",
        app.status_text()
    );
}

/// → steps forward through the stops, and past the last one back to now.
#[test]
fn right_steps_forward_and_after_the_last_stop_returns_to_now() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("[[[");
    assert_eq!(app.shown_day(), Some(date("2023-05-12")));
    app.key(KeyCode::Right);
    assert_eq!(app.shown_day(), Some(date("2023-05-15")));
    app.keys("]");
    assert_eq!(app.shown_day(), Some(date("2023-09-12")));
    app.key(KeyCode::Right);
    assert_eq!(app.shown_day(), None, "back to now");
    assert_eq!(app.state.today, today());
    assert_eq!(app.state.data.assignment(17).unwrap().status, Status::Done);
    assert!(app.status_text().contains("tilbake til nå (20.09.2023)"));
    assert!(!app.screen().contains("FORTID"));
    // → in the present goes nowhere.
    app.key(KeyCode::Right);
    assert_eq!(app.shown_day(), None);
}

/// Every key that edits is refused in the past with one line that says why
/// and how back; nothing is written; `t` returns to now, where `s` works.
#[test]
fn editing_is_refused_in_the_past_and_t_returns_to_now() {
    let mut app = App::demo(160, 45, Lang::Nb);
    let before = app.events();
    app.key(KeyCode::Left);
    for key in ["s", "v", "d", "e", "c", "r", "n", "N", "u"] {
        app.keys(key);
        assert!(
            app.state.overlay.is_none(),
            "{key} opened something in the past"
        );
        let status = app.state.status.clone().unwrap();
        assert!(status.error, "{key}");
        assert_eq!(
            status.text, "fortiden (12.09.2023) kan ikke endres; t går tilbake til nå",
            "{key}"
        );
    }
    // In the årshjul and the tree too.
    app.key(KeyCode::Tab);
    app.key(KeyCode::Tab);
    for key in ["a", "e", "x"] {
        app.keys(key);
        assert!(app.state.overlay.is_none(), "{key} in the årshjul");
    }
    assert_eq!(app.events(), before, "nothing was written");
    app.keys("t");
    assert_eq!(app.shown_day(), None);
    app.key(KeyCode::Tab);
    app.keys("s");
    assert!(
        matches!(app.state.overlay, Some(Overlay::Dialog(_))),
        "in the present, s sets status"
    );
    app.key(KeyCode::Esc);
    app.keys("t");
    assert_eq!(app.status_text(), "du ser allerede nå");
}

/// ← and → keep their meaning in the goal tree and the årshjul; `[` and `]`
/// step from anywhere.
#[test]
fn arrows_in_the_tree_and_wheel_are_theirs_and_brackets_step_from_anywhere() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.key(KeyCode::BackTab);
    assert_eq!(app.state.focus, styr::tui::state::Pane::Tree);
    app.key(KeyCode::Down);
    let expanded = app.state.expanded.len();
    app.key(KeyCode::Left);
    assert_eq!(
        app.shown_day(),
        None,
        "← in the tree folds, it does not step"
    );
    assert!(app.state.expanded.len() < expanded);
    app.keys("[");
    assert_eq!(app.shown_day(), Some(date("2023-09-12")));
    app.key(KeyCode::BackTab);
    assert_eq!(app.state.focus, styr::tui::state::Pane::Wheel);
    let month = app.state.month;
    app.key(KeyCode::Right);
    assert_eq!(app.shown_day(), Some(date("2023-09-12")));
    assert_eq!(
        app.state.month,
        month % 12 + 1,
        "→ in the årshjul is the next month"
    );
}

/// `p` opens the chooser on the last styringsdialog; a typed date wins;
/// text that is no date is refused in the chooser, a day before the log
/// in the status line, and nothing changes.
#[test]
fn p_chooses_a_dialog_or_a_typed_date_and_refuses_bad_ones() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("p");
    let Some(Overlay::Past(chooser)) = &app.state.overlay else {
        panic!("no chooser");
    };
    let chosen = chooser.options[chooser.cursor].as_ref().unwrap();
    assert_eq!(chosen.day, date("2023-05-15"), "the last styringsdialog");
    app.key(KeyCode::Enter);
    assert_eq!(app.shown_day(), Some(date("2023-05-15")));

    app.keys("p31.02.2023");
    app.key(KeyCode::Enter);
    let Some(Overlay::Past(chooser)) = &app.state.overlay else {
        panic!("the chooser closed on a bad date");
    };
    assert!(
        chooser
            .error
            .as_deref()
            .unwrap()
            .contains("«31.02.2023» er ikke en dato"),
        "{:?}",
        chooser.error
    );
    assert_eq!(app.shown_day(), Some(date("2023-05-15")));
    app.key(KeyCode::Esc);

    app.keys("p01.01.2020");
    app.key(KeyCode::Enter);
    assert!(
        app.status_text().contains("før loggens første hendelse"),
        "{}",
        app.status_text()
    );
    assert_eq!(app.shown_day(), Some(date("2023-05-15")), "nothing changed");

    app.keys("p2023-03-01 12:00");
    app.key(KeyCode::Enter);
    let past = app.state.past.as_ref().unwrap();
    assert_eq!(past.at.day, date("2023-03-01"));
    assert!(past.at.time.is_some());
    assert!(app
        .screen()
        .lines()
        .next()
        .unwrap()
        .contains("01.03.2023 12:00"));
    // In the past the chooser offers now as well, last.
    app.keys("p");
    let Some(Overlay::Past(chooser)) = &app.state.overlay else {
        panic!("no chooser");
    };
    assert_eq!(chooser.options.last(), Some(&None));
    let last = chooser.options.len() - 1;
    for _ in 0..=last {
        app.key(KeyCode::Down);
    }
    app.key(KeyCode::Enter);
    assert_eq!(app.shown_day(), None);
}

/// The detail's history in the past ends at that day.
#[test]
fn the_history_in_the_past_ends_at_that_day() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("[[");
    let row = app.state.rows.iter().position(|r| r.id == 17).unwrap();
    app.state.list_cursor = row;
    app.key(KeyCode::Enter);
    let history = app.state.selected_history().unwrap();
    assert!(!history.is_empty());
    let end = chrono::NaiveDate::from_ymd_opt(2023, 5, 16).unwrap();
    assert!(
        history.iter().all(|e| e.at.date_naive() < end),
        "{history:#?}"
    );
}

/// The changed-since view is `styr diff`'s text, word for word.
#[test]
fn changes_since_the_last_dialog_are_what_styr_diff_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::cli::demo(dir.path());
    for (lang, cli_lang) in [(Lang::Nb, CliLang::Nb), (Lang::En, CliLang::En)] {
        let mut app = App::demo(160, 45, lang);
        app.keys("D");
        app.key(KeyCode::Enter);
        let Some(Overlay::Changes(view)) = &app.state.overlay else {
            panic!("no changes view: {}", app.status_text());
        };
        let out = dated_styr(&db, "kari", cli_lang)
            .env("TZ", "UTC")
            .args(["diff", "--from", "2023-05-15", "--to", "2023-09-20"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cli: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(view.lines, cli);
        assert!(view.lines.iter().any(|l| l.contains("#17")));
        // The vedtak too: V4 kvittert ut in June.
        assert!(
            view.lines.iter().any(|l| l.contains("V4 7/23")),
            "{:#?}",
            view.lines
        );
        // One sector, between two past days: as `--sector OUS`.
        app.key(KeyCode::Esc);
        app.keys("4[");
        app.keys("D");
        app.key(KeyCode::Enter);
        let Some(Overlay::Changes(view)) = &app.state.overlay else {
            panic!("no changes view: {}", app.status_text());
        };
        let out = dated_styr(&db, "kari", cli_lang)
            .env("TZ", "UTC")
            .args([
                "diff",
                "--from",
                "2023-05-15",
                "--to",
                "2023-09-12",
                "--sector",
                "OUS",
            ])
            .output()
            .unwrap();
        let cli: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(view.lines, cli);
        app.keys("D");
        assert!(app.state.overlay.is_none(), "D closes the view");
    }
}

/// `styr --as-of` opens the TUI in the past: the runner can be handed the
/// past before the first frame, as `tui::run` does.
#[test]
fn a_runner_opened_on_the_past_reads_the_past() {
    std::env::set_var("TZ", "UTC");
    let mut store = Store::in_memory().unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let at = styr::domain::event::AsOf::parse("15.05.2023").unwrap();
    let past = Runner::open_past(&store, at, Lang::Nb).unwrap();
    let data = Snapshot::load(past.store()).unwrap();
    assert_eq!(data.assignment(17).unwrap().status, Status::InProgress);
    assert_eq!(
        store.assignment(17).unwrap().status,
        Status::Done,
        "the store itself stays in the present"
    );
    let future = styr::domain::event::AsOf::parse("01.01.2999").unwrap();
    let refused = Runner::open_past(&store, future, Lang::En)
        .err()
        .unwrap()
        .to_string();
    assert!(refused.contains("is in the future"), "{refused}");
}

#[test]
fn snapshot_header_in_the_past() {
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys("[[");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_header_in_the_past_in_english_at_160() {
    let mut app = App::demo(160, 45, Lang::En);
    app.keys("[[");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_header_in_the_past_at_80x24() {
    let mut app = App::demo(80, 24, Lang::Nb);
    app.keys("[[");
    insta::assert_snapshot!(app.screen());
}

/// At 80 columns the status line says what matters whole, in both
/// languages: the way back to now after a refused edit, the day shown
/// after a step (its hint given up where there is no room, never cut).
#[test]
fn status_lines_fit_80_columns_in_both_languages() {
    for (lang, refused, shown, hint) in [
        (
            Lang::Nb,
            "✗ fortiden (12.09.2023) kan ikke endres; t går tilbake til nå",
            "✓ viser 15.05.2023 (Styringsdialog) slik det sto",
            "blar i dialoger",
        ),
        (
            Lang::En,
            "✗ the past (2023-09-12) cannot be changed; t returns to now",
            "✓ showing 2023-05-15 (Styringsdialog) as it stood",
            "step through",
        ),
    ] {
        let mut app = App::demo(80, 24, lang);
        app.keys("[");
        app.keys("s");
        let screen = app.screen();
        let status = screen.lines().last().unwrap();
        assert!(status.starts_with(&format!(" {refused}")), "{status}");
        insta::assert_snapshot!(format!("past_refused_edit_at_80x24_{lang:?}"), screen);
        app.keys("[");
        let screen = app.screen();
        let status = screen.lines().last().unwrap();
        assert!(status.starts_with(&format!(" {shown}")), "{status}");
        assert!(!status.contains(hint) && !status.contains('…'), "{status}");
        // Wide enough, the hint is there.
        let effects = update(&mut app.state, Msg::Resize(160, 45));
        app.run(effects);
        let status = app.screen().lines().last().unwrap().to_string();
        assert!(status.contains(hint), "{status}");
    }
}

#[test]
fn snapshot_header_in_the_past_in_english_at_80x24() {
    let mut app = App::demo(80, 24, Lang::En);
    app.keys("[[");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_changes_view() {
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys("4D");
    app.key(KeyCode::Enter);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_changes_view_in_english() {
    let mut app = App::demo(120, 35, Lang::En);
    app.keys("4D");
    app.key(KeyCode::Enter);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_as_of_chooser() {
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys("p");
    insta::assert_snapshot!(app.screen());
}

/// The briefing opened in the past is the one `styr brief --as-of` gives.
#[test]
fn the_briefing_in_the_past_is_as_of_that_day() {
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys("p10.05.2023");
    app.key(KeyCode::Enter);
    app.keys("4b");
    let brief = app.state.brief.as_ref().expect("the briefing");
    let text = styr::report::brief::markdown::render(&brief.brief, styr::words::Lang::Nb);
    assert!(text.contains("per 10.05.2023"), "{text}");
    assert!(
        text.contains("rapport 1. tertial (frist 12.05.2023): 5 venter på godkjenning, 0 godkjent"),
        "{text}"
    );
}

/// `styr --as-of` without a command opens the TUI in the past, and refuses
/// a moment the log cannot show in one line, exit 1, before the terminal
/// is touched.
#[test]
fn styr_as_of_refuses_a_bad_moment_before_opening_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::cli::demo(dir.path());
    for (moment, says) in [
        ("31.02.2023", "er ikke en dato"),
        ("2999-01-01", "er i framtiden"),
        ("2020-01-01", "før loggens første hendelse"),
    ] {
        let out = dated_styr(&db, "kari", CliLang::Nb)
            .args(["--as-of", moment])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{moment}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("--as-of") && stderr.contains(says),
            "{stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing drawn: {moment}");
    }
}

/// The mouse wheel scrolls the changed-since view; a click under it selects nothing.
#[test]
fn the_mouse_scrolls_the_changes_view_and_clicks_nothing_beneath() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys("D");
    app.key(KeyCode::Enter);
    let selected = app.state.list_cursor;
    let mouse = |kind| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 60,
            row: 10,
            modifiers: KeyModifiers::NONE,
        })
    };
    let effects = update(&mut app.state, mouse(MouseEventKind::ScrollDown));
    app.run(effects);
    let Some(Overlay::Changes(view)) = &app.state.overlay else {
        panic!("the view closed");
    };
    assert_eq!(view.scroll, 1);
    let effects = update(
        &mut app.state,
        mouse(MouseEventKind::Down(MouseButton::Left)),
    );
    app.run(effects);
    assert_eq!(app.state.list_cursor, selected);
    assert!(matches!(app.state.overlay, Some(Overlay::Changes(_))));
}

/// What the screen shows in the past, and what the runner reads, are what
/// a fresh replay of that day gives: the same state, the same screen data.
fn assert_as_fresh_replay(app: &App) {
    let past = app.state.past.as_ref().expect("in the past");
    let fresh = app.store.past_at(past.at.until()).unwrap();
    let shown = app.past.as_ref().expect("the runner's past").store();
    assert_eq!(
        shown.state().unwrap(),
        fresh.state().unwrap(),
        "{}",
        past.at.day
    );
    let data = Snapshot::load(&fresh).unwrap();
    assert_eq!(
        app.state.data.assignments, data.assignments,
        "{}",
        past.at.day
    );
    assert_eq!(app.state.data.wheel, data.wheel, "{}", past.at.day);
    assert_eq!(app.state.data.periods, data.periods, "{}", past.at.day);
    assert_eq!(app.state.data.upto, data.upto, "{}", past.at.day);
}

/// Lets the replays begun ahead end, as a user looking at the screen does.
fn look_a_while(app: &mut App) -> Vec<NaiveDate> {
    let ahead = app.past.as_mut().expect("in the past").ahead();
    ahead.wait();
    ahead.moments().iter().map(|at| at.day).collect()
}

/// A change to #18's owner, logged as made on 1 May 2023 (before every
/// stop but the first), by `store`.
fn owner_changed_in_may(store: &mut Store) {
    let stamp = Stamp {
        actor: "kari".into(),
        at: "2023-05-01T10:00:00Z".parse().unwrap(),
    };
    store
        .change(
            18,
            None,
            &[(Field::Owner, Some("Ny eier".into()))],
            None,
            &stamp,
        )
        .unwrap();
}

/// Steps through the stops prepared ahead, and after a change that lands
/// in the past they show (from another connection, or this one), give
/// exactly what a fresh replay gives; the moments prepared before the
/// change are not used.
fn steps_prepared_ahead_are_as_a_fresh_replay(mut app: App, write: impl FnOnce(&mut App)) {
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-09-12")));
    assert_as_fresh_replay(&app);
    assert_eq!(look_a_while(&mut app), vec![date("2023-05-15")]);
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-05-15")));
    assert_as_fresh_replay(&app);
    // The one shown before is kept, the one before this begun.
    let mut ahead = look_a_while(&mut app);
    ahead.sort();
    assert_eq!(ahead, vec![date("2023-05-12"), date("2023-09-12")]);
    let owner = app.state.data.assignment(18).unwrap().owner.clone();
    assert_ne!(owner, "Ny eier");

    write(&mut app);
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-05-12")));
    assert_as_fresh_replay(&app);
    let owner = app.state.data.assignment(18).unwrap().owner.clone();
    assert_eq!(owner, "Ny eier", "the change shows");
    look_a_while(&mut app);
    app.keys("]]");
    assert_eq!(app.shown_day(), Some(date("2023-09-12")));
    assert_as_fresh_replay(&app);
    app.key(KeyCode::Left);
    assert_eq!(app.shown_day(), Some(date("2023-05-15")));
    assert_as_fresh_replay(&app);
    let owner = app.state.data.assignment(18).unwrap().owner.clone();
    assert_eq!(owner, "Ny eier", "not the moment prepared before");
}

#[test]
fn a_step_prepared_ahead_is_a_fresh_replay_even_after_another_process_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::demo_store(dir.path(), "styr.db");
    let path = dir.path().join("styr.db");
    steps_prepared_ahead_are_as_a_fresh_replay(App::on(store, 160, 45, Lang::Nb), |_| {
        owner_changed_in_may(&mut Store::open(&path).unwrap());
    });
}

#[test]
fn a_step_prepared_ahead_is_a_fresh_replay_even_after_a_write_on_the_same_connection() {
    steps_prepared_ahead_are_as_a_fresh_replay(App::demo(160, 45, Lang::Nb), |app| {
        owner_changed_in_may(&mut app.store);
    });
}

/// The moments replayed ahead are the stops next to the one shown; none in the present.
#[test]
fn the_stops_next_to_the_past_shown_are_replayed_ahead() {
    let mut app = App::demo(160, 45, Lang::Nb);
    assert!(styr::tui::state::next_to_shown(&app.state).is_empty());
    app.keys("[[");
    let next: Vec<AsOf> = styr::tui::state::next_to_shown(&app.state);
    let days: Vec<NaiveDate> = next.iter().map(|at| at.day).collect();
    assert_eq!(days, vec![date("2023-05-12"), date("2023-09-12")]);
}
