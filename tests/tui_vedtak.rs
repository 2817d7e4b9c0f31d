//! Changing political decisions from the vedtak view (`P`): `K` closes
//! (*kvitterer ut*, a comment required) or reopens the chosen decision, `l`
//! links an oppdrag by its number and `L` unlinks one of those linked.
//! Keys go through `update`, effects run against a real store, dialogs are
//! drawn on `TestBackend`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::domain::{Entity, Lang};
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::effect::Effect;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::Runner;

mod common;
use common::today;
use common::tui::{drain, render};

struct App {
    store: Store,
    state: AppState,
    seen: Option<i64>,
}

impl App {
    fn demo(lang: Lang) -> App {
        std::env::set_var("TZ", "UTC");
        let mut store = Store::in_memory().unwrap();
        styr::assets::load_demo(&mut store).unwrap();
        let mut state = AppState::new(
            Snapshot::load(&store).unwrap(),
            today(),
            Keymap::default(),
            (80, 24),
        );
        state.lang = lang;
        let mut app = App {
            store,
            state,
            seen: None,
        };
        let effects = app.state.start();
        app.run(effects);
        app
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let mut runner = Runner::new(&mut self.store, "tester", self.state.today).unwrap();
        if let Some(seen) = self.seen {
            runner.set_seen_version(seen);
        }
        drain(&mut runner, &mut self.state, effects);
        self.seen = Some(runner.seen_version());
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
        render(&self.state, 80, 24)
    }

    fn error(&self) -> Option<String> {
        self.state.dialog().and_then(|d| d.error.clone())
    }

    fn status(&self) -> String {
        self.state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The vedtak view open on decision `n` (1-based, as listed).
    fn on_decision(&mut self, n: usize) {
        self.keys("P");
        assert!(self.state.vedtak.is_some(), "the vedtak view is open");
        for _ in 1..n {
            self.key(KeyCode::Down);
        }
    }

    fn catalog_log(&self) -> usize {
        self.store.catalog_events(None, None, None).unwrap().len()
    }
}

#[test]
fn k_closes_with_a_required_comment_and_again_reopens() {
    let mut app = App::demo(Lang::Nb);
    app.on_decision(1);
    app.keys("K");
    assert!(app.state.dialog().is_some());
    app.key(KeyCode::Enter);
    let error = app.error().expect("a comment is required");
    assert!(error.contains("kommentar"), "{error}");
    assert_eq!(app.store.decision(1).unwrap().closed, None);

    app.keys("Fulgt opp i budsjettet");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.error());
    assert_eq!(app.store.decision(1).unwrap().closed, Some(today().0));
    assert!(app.status().contains("Vedtak lagret"), "{}", app.status());
    // The view is read again, the same decision still chosen, now closed.
    let view = app.state.vedtak.as_ref().unwrap();
    assert_eq!(view.decisions[view.selected].decision.id, 1);
    assert!(app.screen().contains("Kvittert ut"));

    // `K` on a closed decision reopens it; the comment is optional.
    app.keys("K");
    assert!(app.screen().contains("Gjenåpne vedtak"));
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.error());
    assert_eq!(app.store.decision(1).unwrap().closed, None);
}

#[test]
fn l_links_by_number_and_refuses_unknown_linked_and_tasks() {
    let mut app = App::demo(Lang::Nb);
    app.on_decision(7);
    assert_eq!(
        app.store.decision(7).unwrap().assignments,
        Vec::<i64>::new()
    );
    app.keys("l");
    app.keys("tolv");
    app.key(KeyCode::Enter);
    assert!(app.error().unwrap().contains("oppdragsnummer"));

    app.key(KeyCode::Backspace);
    app.state.dialog().unwrap();
    // Clear the field and try an oppdrag that does not exist.
    for _ in 0..4 {
        app.key(KeyCode::Backspace);
    }
    app.keys("#99999");
    app.key(KeyCode::Enter);
    let unknown = app.error().expect("an unknown oppdrag is refused");
    assert!(unknown.contains("99999"), "{unknown}");

    // A task is refused: its oppdrag follows the decision up.
    let task = app
        .state
        .data
        .assignments
        .iter()
        .find(|a| a.is_task())
        .map(|a| (a.id, a.parent_id.unwrap()))
        .expect("the demo has tasks");
    for _ in 0..6 {
        app.key(KeyCode::Backspace);
    }
    app.keys(&task.0.to_string());
    app.key(KeyCode::Enter);
    let refused = app.error().expect("a task is refused");
    assert!(refused.contains("oppgave"), "{refused}");

    for _ in 0..task.0.to_string().len() {
        app.key(KeyCode::Backspace);
    }
    app.keys("#4");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.error());
    assert_eq!(app.store.decision(7).unwrap().assignments, vec![4]);

    // Linking it again is refused by the store, in the dialog.
    app.keys("l4");
    app.key(KeyCode::Enter);
    let twice = app.error().expect("already linked is refused");
    assert!(twice.contains('4'), "{twice}");
    assert_eq!(app.store.decision(7).unwrap().assignments, vec![4]);
}

#[test]
fn shift_l_unlinks_the_oppdrag_chosen_among_those_linked() {
    let mut app = App::demo(Lang::En);
    app.on_decision(1);
    assert_eq!(app.store.decision(1).unwrap().assignments, vec![4, 8]);
    app.keys("L");
    let screen = app.screen();
    assert!(screen.contains("#4") && screen.contains("#8"), "{screen}");
    app.key(KeyCode::Down);
    app.keys("not ours");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.error());
    assert_eq!(app.store.decision(1).unwrap().assignments, vec![4]);

    // A decision with none linked says so instead of opening a dialog.
    app.key(KeyCode::End);
    app.keys("L");
    assert!(app.state.dialog().is_none());
    assert!(
        app.status().contains("no assignments linked"),
        "{}",
        app.status()
    );
}

#[test]
fn the_change_is_one_catalog_event_that_undo_takes_back() {
    let mut app = App::demo(Lang::Nb);
    app.on_decision(2);
    let before = app.catalog_log();
    app.keys("K");
    app.keys("Ferdig utredet");
    app.key(KeyCode::Enter);
    assert_eq!(app.catalog_log(), before + 1);
    let events = app
        .store
        .catalog_events(Some(Entity::Decision), Some(2), None)
        .unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.field, "closed");
    assert_eq!(last.comment.as_deref(), Some("Ferdig utredet"));

    // `u` works from the panes; close the view first.
    app.key(KeyCode::Esc);
    app.keys("u");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.error());
    assert_eq!(app.store.decision(2).unwrap().closed, None);
}

#[test]
fn read_only_and_the_past_refuse_the_changes() {
    let mut app = App::demo(Lang::Nb);
    app.state.data.read_only = true;
    app.on_decision(1);
    for key in ["K", "l", "L"] {
        app.keys(key);
        assert!(app.state.dialog().is_none(), "{key} opened a dialog");
        assert!(!app.status().is_empty());
    }

    let mut app = App::demo(Lang::En);
    app.keys("[");
    assert!(app.state.past.is_some());
    app.on_decision(1);
    let before = app.catalog_log();
    for key in ["K", "l", "L"] {
        app.keys(key);
        assert!(app.state.dialog().is_none(), "{key} opened a dialog");
        assert!(
            app.status().contains("past") || app.status().contains("as of"),
            "{}",
            app.status()
        );
    }
    assert_eq!(app.catalog_log(), before);
}

#[test]
fn the_help_lists_the_vedtak_keys() {
    let mut app = App::demo(Lang::Nb);
    app.keys("?");
    let lines = app.state.keymap.help_lines("vedtak", app.state.words());
    let keys: Vec<&str> = lines.iter().map(|(k, _)| k.as_str()).collect();
    for key in ["K", "l", "L"] {
        assert!(keys.contains(&key), "{keys:?}");
    }
    app.key(KeyCode::Esc);
    app.keys("P");
    let screen = app.screen();
    assert!(screen.contains("K kvitter ut"), "{screen}");
}

fn close_dialog_with_error(lang: Lang) -> String {
    let mut app = App::demo(lang);
    app.on_decision(1);
    app.keys("K");
    app.key(KeyCode::Enter);
    app.screen()
}

#[test]
fn snapshot_close_dialog_80x24_nb() {
    insta::assert_snapshot!(close_dialog_with_error(Lang::Nb));
}

#[test]
fn snapshot_close_dialog_80x24_en() {
    insta::assert_snapshot!(close_dialog_with_error(Lang::En));
}

fn unlink_dialog(lang: Lang) -> String {
    let mut app = App::demo(lang);
    app.on_decision(1);
    app.keys("L");
    app.screen()
}

#[test]
fn snapshot_unlink_dialog_80x24_nb() {
    insta::assert_snapshot!(unlink_dialog(Lang::Nb));
}

#[test]
fn snapshot_unlink_dialog_80x24_en() {
    insta::assert_snapshot!(unlink_dialog(Lang::En));
}
