//! The TUI driven by keys through `update`, effects run against a real
//! store, and whole screens drawn on `TestBackend`.

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use styr::domain::Status;
use styr::store::{Stamp, Store};
use styr::tui::data::Snapshot;
use styr::tui::dialog::DialogKind;
use styr::tui::effect::Effect;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg, Pane, QuickView};
use styr::tui::strings::Lang;
use styr::tui::Runner;

mod common;
use common::today;
use common::tui::{drain, render};

struct App {
    store: Store,
    state: AppState,
    /// What the runner has seen of other connections' commits, kept between runs as the loop keeps it.
    seen: Option<i64>,
    /// Where the runner writes files (the briefing as HTML).
    output: tempfile::TempDir,
}

impl App {
    fn demo(width: u16, height: u16) -> App {
        // History lines show local time; fix the zone so screens are the same everywhere.
        std::env::set_var("TZ", "UTC");
        let mut store = Store::in_memory().unwrap();
        styr::assets::load_demo(&mut store).unwrap();
        let state = AppState::new(
            Snapshot::load(&store).unwrap(),
            today(),
            Keymap::default(),
            (width, height),
        );
        let mut app = App {
            store,
            state,
            seen: None,
            output: tempfile::tempdir().unwrap(),
        };
        let effects = app.state.start();
        app.run(effects);
        app
    }

    fn run(&mut self, effects: Vec<Effect>) {
        let mut runner = Runner::new(&mut self.store, "tester", self.state.today).unwrap();
        runner.set_output_dir(self.output.path().to_path_buf());
        if let Some(seen) = self.seen {
            runner.set_seen_version(seen);
        }
        drain(&mut runner, &mut self.state, effects);
        self.seen = Some(runner.seen_version());
    }

    fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.state, msg);
        self.run(effects);
    }

    fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
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

    /// The visible list rows: (id, lead sector, title).
    fn rows(&self) -> Vec<(i64, String, String)> {
        self.state
            .rows
            .iter()
            .map(|r| {
                let a = self.state.data.assignment(r.id).unwrap();
                (a.id, a.lead_sector.clone(), a.title.clone())
            })
            .collect()
    }

    /// Assignments in the list, not counting tasks.
    fn top_level_rows(&self) -> usize {
        self.state
            .rows
            .iter()
            .filter(|r| !self.state.data.assignment(r.id).unwrap().is_task())
            .count()
    }

    fn status_text(&self) -> String {
        self.state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

#[test]
fn sector_keys_filter_the_list_and_zero_shows_all() {
    let mut app = App::demo(160, 45);
    assert_eq!(app.top_level_rows(), 32);
    app.keys("4");
    assert_eq!(app.state.sector.as_deref(), Some("OUS"));
    assert_eq!(app.top_level_rows(), 5);
    assert!(app.rows().iter().all(|(_, sector, _)| sector == "OUS"));
    assert!(app.screen().contains("Oppdrag (5 + 3 oppgaver) · OUS"));
    app.keys("6");
    assert_eq!(app.top_level_rows(), 8);
    app.keys("9");
    assert!(app.status_text().contains("ingen sektor nr. 9"));
    assert_eq!(
        app.state.sector.as_deref(),
        Some("KUL"),
        "a missing sector changes nothing"
    );
    app.keys("0");
    assert_eq!(app.top_level_rows(), 32);
}

#[test]
fn the_list_puts_overdue_first_most_days_first() {
    let app = App::demo(160, 45);
    let days: Vec<Option<i64>> = app
        .state
        .rows
        .iter()
        .filter(|r| !r.indented)
        .map(|r| {
            app.state
                .data
                .assignment(r.id)
                .unwrap()
                .days_overdue(today())
        })
        .collect();
    let overdue: Vec<i64> = days.iter().map_while(|d| *d).collect();
    assert_eq!(overdue.len(), 8);
    assert!(overdue.windows(2).all(|w| w[0] >= w[1]));
    assert!(days[8..].iter().all(Option::is_none));
}

#[test]
fn overdue_toggle_and_quick_views() {
    let mut app = App::demo(160, 45);
    app.keys("o");
    assert!(!app.state.rows.is_empty());
    assert!(app.state.rows.iter().all(|r| app
        .state
        .data
        .assignment(r.id)
        .unwrap()
        .is_overdue(today())));
    app.keys("o");
    assert_eq!(app.top_level_rows(), 32);

    app.keys("f");
    assert_eq!(app.state.view, QuickView::Overdue);
    assert_eq!(app.top_level_rows(), 8);
    app.keys("f");
    assert_eq!(app.state.view, QuickView::DueSoon);
    let until = today().0 + chrono::Duration::days(30);
    for r in &app.state.rows {
        let a = app.state.data.assignment(r.id).unwrap();
        assert!(a.due.unwrap() >= today().0 && a.due.unwrap() <= until && !a.status.is_closed());
    }
    assert!(!app.state.rows.is_empty());
    app.keys("f");
    assert_eq!(app.state.view, QuickView::MissingReport);
    app.keys("f");
    assert_eq!(app.state.view, QuickView::Done);
    assert!(app
        .state
        .rows
        .iter()
        .all(|r| app.state.data.assignment(r.id).unwrap().status == Status::Done));
    app.keys("f");
    assert_eq!(app.state.view, QuickView::Awaiting);
    app.keys("f");
    assert_eq!(app.state.view, QuickView::All);
}

#[test]
fn incremental_search_narrows_as_you_type_and_esc_clears() {
    let mut app = App::demo(160, 45);
    app.keys("/bolig");
    assert!(app.state.searching());
    assert_eq!(app.top_level_rows(), 1);
    assert_eq!(app.rows()[0].2, "Rullering av boligplanen");
    app.key(KeyCode::Enter);
    assert!(!app.state.searching());
    assert_eq!(app.top_level_rows(), 1, "Enter keeps the search");
    app.key(KeyCode::Esc);
    assert_eq!(app.top_level_rows(), 32);
    app.keys("/xyzzy");
    assert!(app.state.rows.is_empty());
    assert!(app.screen().contains("Ingen oppdrag passer filteret"));
}

#[test]
fn moving_in_the_goal_tree_filters_the_list_to_the_subtree() {
    let mut app = App::demo(160, 45);
    app.key(KeyCode::BackTab);
    assert_eq!(app.state.focus, Pane::Tree);
    app.keys("j");
    let focus_area = app.state.goal.unwrap();
    let subtree = app.state.data.tree.subtree(focus_area);
    assert!(app.top_level_rows() > 0 && app.top_level_rows() < 32);
    for r in app.state.rows.iter().filter(|r| !r.indented) {
        let goal = app.state.data.assignment(r.id).unwrap().goal_id.unwrap();
        assert!(subtree.contains(&goal));
    }
    // Collapse the focus area: its children leave the tree.
    let before = app.state.tree_rows.len();
    app.key(KeyCode::Left);
    assert!(app.state.tree_rows.len() < before);
    app.key(KeyCode::Right);
    assert_eq!(app.state.tree_rows.len(), before);
    app.keys("k");
    assert_eq!(app.state.goal, None);
    assert_eq!(app.top_level_rows(), 32);
}

#[test]
fn the_sector_filter_narrows_the_tree_to_its_goals() {
    let mut app = App::demo(160, 45);
    let all = app.state.tree_rows.len();
    app.keys("5");
    assert!(app.state.tree_rows.len() < all);
    for row in app.state.tree_rows.iter().filter_map(|r| r.goal) {
        assert!(app.state.data.tree.involves_sector(row, "TEK"));
    }
}

#[test]
fn enter_opens_detail_with_history_and_esc_closes() {
    let mut app = App::demo(160, 45);
    app.keys("j");
    let selected = app.state.selected().unwrap().id;
    app.key(KeyCode::Enter);
    assert!(app.state.screen.detail_open());
    let history = app.state.selected_history().unwrap();
    assert!(history.iter().all(|e| e.assignment_id == selected));
    assert_eq!(history[0].field, "created");
    let screen = app.screen();
    assert!(screen.contains("Historikk, nyeste først"));
    assert!(screen.contains("opprettet"));
    app.key(KeyCode::Esc);
    assert!(!app.state.screen.detail_open());
}

#[test]
fn list_movement_keys() {
    let mut app = App::demo(160, 45);
    app.keys("G");
    assert_eq!(app.state.list_cursor, app.state.rows.len() - 1);
    app.keys("g");
    assert_eq!(app.state.list_cursor, 0);
    app.key(KeyCode::PageDown);
    assert!(app.state.list_cursor > 1);
    app.keys("k");
    app.key(KeyCode::Down);
    app.key(KeyCode::Up);
    assert!(app.state.list_cursor > 0);
}

#[test]
fn a_status_change_writes_one_event_with_its_comment() {
    let mut app = App::demo(160, 45);
    app.keys("4");
    let target = app.state.selected().unwrap().clone();
    assert_eq!(target.status, Status::InProgress);
    let events_before = app.store.events(None, None).unwrap().len();
    app.keys("s");
    assert!(app.screen().contains("Sett status"));
    app.keys("3");
    app.key(KeyCode::Enter);
    app.keys("vedtatt i utvalget");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none());
    assert!(
        app.status_text().contains("Lagret"),
        "{}",
        app.status_text()
    );
    let events = app.store.events(None, None).unwrap();
    assert_eq!(events.len(), events_before + 1);
    let last = events.last().unwrap();
    assert_eq!(
        (
            last.assignment_id,
            last.field.as_str(),
            last.new.as_deref(),
            last.comment.as_deref(),
            last.actor.as_str()
        ),
        (
            target.id,
            "status",
            Some("done"),
            Some("vedtatt i utvalget"),
            "tester"
        )
    );
    assert_eq!(
        app.state.data.assignment(target.id).unwrap().status,
        Status::Done
    );
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn an_edit_on_a_stale_view_is_refused_and_the_view_reloads() {
    let mut app = App::demo(160, 45);
    let target = app.state.selected().unwrap().clone();
    app.keys("v");
    app.keys("1");
    app.key(KeyCode::Enter);
    // Someone else changes the same assignment before this one is confirmed.
    app.store
        .change(
            target.id,
            None,
            &[(styr::domain::Field::Owner, Some("Kari Kollega".into()))],
            None,
            &Stamp::now("colleague"),
        )
        .unwrap();
    app.key(KeyCode::Enter);
    let dialog = app
        .state
        .dialog()
        .expect("the dialog stays open, with what was typed");
    let message = dialog.error.clone().unwrap_or_default();
    assert!(
        message.contains("ikke lagret") && message.contains("colleague"),
        "{message}"
    );
    app.key(KeyCode::Esc);
    let reloaded = app.state.data.assignment(target.id).unwrap();
    assert_eq!(
        reloaded.owner, "Kari Kollega",
        "the view shows the colleague's change"
    );
    assert!(app
        .store
        .events(Some(target.id), None)
        .unwrap()
        .iter()
        .all(|e| e.actor != "tester"));
}

#[test]
fn a_bad_deadline_keeps_the_dialog_open_and_a_good_one_saves() {
    let mut app = App::demo(160, 45);
    let id = app.state.selected().unwrap().id;
    app.keys("d");
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    app.keys("31.02.2023");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().unwrap().error.is_some());
    assert!(app.screen().contains("ugyldig dato"));
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    app.keys("15.12.2023");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    let a = app.store.assignment(id).unwrap();
    assert_eq!(a.due, NaiveDate::from_ymd_opt(2023, 12, 15));
}

#[test]
fn a_comment_needs_text_and_esc_cancels_without_writing() {
    let mut app = App::demo(160, 45);
    let before = app.store.events(None, None).unwrap().len();
    app.keys("c");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().unwrap().error.is_some());
    app.key(KeyCode::Esc);
    assert!(app.state.dialog().is_none());
    assert_eq!(app.store.events(None, None).unwrap().len(), before);
    app.keys("c");
    app.keys("ringt sektoren");
    app.key(KeyCode::Enter);
    let last = app.store.events(None, None).unwrap().pop().unwrap();
    assert_eq!(
        (last.field.as_str(), last.comment.as_deref()),
        ("comment", Some("ringt sektoren"))
    );
}

#[test]
fn new_assignment_and_task_from_the_keyboard() {
    let mut app = App::demo(160, 45);
    app.keys("4n");
    assert!(app.screen().contains("Nytt oppdrag"));
    app.keys("Ny skolebruksplan");
    app.key(KeyCode::Tab); // sector, prefilled with OUS
    app.key(KeyCode::Tab);
    app.keys("01.12.2023");
    app.key(KeyCode::Enter);
    assert!(
        app.status_text().starts_with("Opprettet"),
        "{}",
        app.status_text()
    );
    let created = app.store.assignments().unwrap().pop().unwrap();
    assert_eq!(
        (
            created.title.as_str(),
            created.lead_sector.as_str(),
            created.year
        ),
        ("Ny skolebruksplan", "OUS", 2023)
    );
    assert_eq!(app.top_level_rows(), 6);

    let parent = app.state.selected().unwrap().id;
    app.keys("N");
    app.keys("Kartlegge kapasitet");
    app.key(KeyCode::Enter);
    let task = app.store.assignments().unwrap().pop().unwrap();
    assert_eq!(task.parent_id, Some(parent));
    assert_eq!(task.lead_sector, "OUS");
}

#[test]
fn a_new_assignment_with_an_unknown_sector_keeps_the_form() {
    let mut app = App::demo(160, 45);
    let before = app.store.assignments().unwrap().len();
    app.keys("n");
    app.keys("Noe");
    app.key(KeyCode::Tab);
    app.keys("XYZ");
    app.key(KeyCode::Enter);
    let dialog = app.state.dialog().expect("the form stays open");
    assert!(dialog.error.as_deref().unwrap().contains("ukjent sektor"));
    assert_eq!(app.store.assignments().unwrap().len(), before);
}

#[test]
fn edit_form_changes_the_owner_and_undo_puts_it_back() {
    let mut app = App::demo(160, 45);
    let a = app.state.selected().unwrap().clone();
    app.keys("e");
    app.key(KeyCode::Tab);
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    app.keys("Ola Ny");
    app.key(KeyCode::Enter);
    assert_eq!(app.store.assignment(a.id).unwrap().owner, "Ola Ny");
    let events = app.store.events(None, None).unwrap().len();
    app.keys("u");
    app.key(KeyCode::Enter);
    assert_eq!(app.store.assignment(a.id).unwrap().owner, a.owner);
    let log = app.store.events(None, None).unwrap();
    assert_eq!(log.len(), events + 1, "undo appends");
    assert!(log.last().unwrap().undoes.is_some());
    assert!(app.status_text().starts_with("Angret"));
}

#[test]
fn help_lists_the_bindings_and_filters() {
    let mut app = App::demo(120, 35);
    app.keys("?");
    let screen = app.screen();
    assert!(screen.contains("sett status") && screen.contains("avslutt"));
    app.keys("vurd");
    let screen = app.screen();
    assert!(screen.contains("sett vurdering") && !screen.contains("Ctrl-C"));
    app.key(KeyCode::Esc);
    assert!(app.state.help().is_none());
}

#[test]
fn zoomed_wheel_moves_by_month() {
    let mut app = App::demo(120, 35);
    app.keys("w");
    assert!(app.state.zoomed());
    assert_eq!(app.state.month, 9);
    app.key(KeyCode::Right);
    assert_eq!(app.state.month, 10);
    assert!(app.screen().contains("oktober"));
    app.key(KeyCode::Left);
    app.key(KeyCode::Left);
    assert_eq!(app.state.month, 8);
    app.key(KeyCode::Esc);
    assert!(!app.state.zoomed());
}

#[test]
fn a_read_only_database_refuses_edits_up_front() {
    let mut app = App::demo(120, 35);
    app.state.data.read_only = true;
    for key in ["s", "v", "d", "e", "c", "n", "u"] {
        app.keys(key);
        assert!(app.state.dialog().is_none(), "{key} opened a dialog");
        assert!(app.status_text().contains("skrivebeskyttet"));
    }
    assert!(app.screen().contains("SKRIVEBESKYTTET"));
}

#[test]
fn q_and_ctrl_c_quit_even_from_a_dialog() {
    let mut app = App::demo(120, 35);
    app.keys("q");
    assert!(app.state.quit);
    let mut app = App::demo(120, 35);
    app.keys("s");
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(app.state.quit);
}

#[test]
fn a_click_selects_a_row_and_focuses_its_pane() {
    let mut app = App::demo(160, 45);
    app.key(KeyCode::BackTab);
    let layout = app.state.layout(ratatui::layout::Rect::new(0, 0, 160, 45));
    let list = layout.list.unwrap();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 10,
        row: list.y + 2 + 3,
        modifiers: KeyModifiers::NONE,
    };
    app.send(Msg::Mouse(click));
    assert_eq!(app.state.focus, Pane::List);
    assert_eq!(app.state.list_cursor, 3);
    let scroll = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        ..click
    };
    app.send(Msg::Mouse(scroll));
    assert_eq!(app.state.list_cursor, 4);
}

#[test]
fn another_process_change_shows_after_a_tick() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (120, 35),
    );
    let mut app = App {
        store,
        state,
        seen: None,
        output: tempfile::tempdir().unwrap(),
    };
    app.run(vec![]);
    let mut other = Store::open(&path).unwrap();
    other
        .change(
            1,
            None,
            &[(styr::domain::Field::Status, Some("done".into()))],
            None,
            &Stamp::now("other"),
        )
        .unwrap();
    app.send(Msg::Tick);
    assert_eq!(app.state.data.assignment(1).unwrap().status, Status::Done);
}

/// The wheel's deadlines and the list's count are kept with the rows, not
/// worked out per frame: a change from another process, a sector switch and
/// the overdue filter must still reach them.
#[test]
fn derived_marks_follow_other_processes_and_filters() {
    use styr::domain::Field;
    use styr::tui::state::Derived;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (120, 35),
    );
    let mut app = App {
        store,
        state,
        seen: None,
        output: tempfile::tempdir().unwrap(),
    };
    app.run(vec![]);
    let fresh = |app: &App| {
        Derived::of(
            &app.state.data,
            &app.state.order,
            &app.state.rows,
            app.state.today,
        )
    };
    assert_eq!(app.state.derived, fresh(&app));
    let id = app.state.rows[0].id;
    let mut other = Store::open(&path).unwrap();
    other
        .change(
            id,
            None,
            &[
                (Field::Title, Some("Juleverksted i rådhuset".into())),
                (Field::Due, Some("2023-12-24".into())),
            ],
            None,
            &Stamp::now("other"),
        )
        .unwrap();
    app.send(Msg::Tick);
    let moved = app
        .state
        .derived
        .deadlines
        .iter()
        .find(|d| d.id == id)
        .expect("the changed assignment's deadline");
    // The wheel lists it by the title the data has now.
    assert_eq!(
        app.state.data.assignment(moved.id).unwrap().title,
        "Juleverksted i rådhuset"
    );
    assert_eq!(moved.date, NaiveDate::from_ymd_opt(2023, 12, 24).unwrap());
    assert_eq!(app.state.derived, fresh(&app));
    for key in ['4', 'o', '0', 'o'] {
        app.key(KeyCode::Char(key));
        assert_eq!(app.state.derived, fresh(&app), "after {key}");
        assert_eq!(app.state.derived.assignments, app.top_level_rows());
        assert!(
            app.screen().contains(&format!("({}", app.top_level_rows())),
            "the list's count after {key}:\n{}",
            app.screen()
        );
    }
}

/// The search's comments are read once and then only what the log gained
/// since; a comment another process writes must still be found.
#[test]
fn a_comment_from_another_process_is_found_by_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (120, 35),
    );
    // One runner for the whole test, as the loop keeps one.
    let mut runner = Runner::new(&mut store, "tester", today()).unwrap();
    let start = state.start();
    drain(&mut runner, &mut state, start);
    for c in "/zebrafjell".chars() {
        let effects = update(
            &mut state,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
        drain(&mut runner, &mut state, effects);
    }
    assert!(state.rows.is_empty(), "no assignment mentions it yet");

    let mut other = Store::open(&path).unwrap();
    other
        .change(
            3,
            None,
            &[],
            Some("Befaring på Zebrafjell"),
            &Stamp::now("other"),
        )
        .unwrap();
    let effects = update(&mut state, Msg::Tick);
    drain(&mut runner, &mut state, effects);
    let ids: Vec<i64> = state.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![3], "the new comment is searched");

    // And a second one on another assignment, read incrementally after the first.
    other
        .change(
            5,
            None,
            &[],
            Some("Også zebrafjell her"),
            &Stamp::now("other"),
        )
        .unwrap();
    let effects = update(&mut state, Msg::Tick);
    drain(&mut runner, &mut state, effects);
    let mut ids: Vec<i64> = state.rows.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![3, 5]);
}

#[test]
fn hostile_text_is_drawn_without_escapes() {
    let mut app = App::demo(160, 45);
    let mut draft = app.store.assignment(1).unwrap();
    draft.parent_id = None;
    draft.title = "Ond \u{1b}[31mtittel\u{7} \u{1b}]0;pwn\u{7} \u{202e}snudd\t\r".into();
    draft.owner = "\u{1b}[2J".into();
    app.store
        .create_assignment(&draft, None, &Stamp::now("x"))
        .unwrap();
    app.keys("\u{12}"); // not bound: nothing happens
    app.send(Msg::Action(styr::tui::action::Action::Refresh));
    app.keys("/Ond");
    let screen = app.screen();
    assert!(screen.contains("Ond"));
    assert!(!screen
        .chars()
        .any(|c| c.is_control() && c != '\n' || c == '\u{202e}'));
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = App::demo(120, 35);
    let modes: [&dyn Fn(&mut App); 6] = [
        &|_| {},
        &|app| app.keys("w"),
        &|app| app.keys("?"),
        &|app| app.keys("s"),
        &|app| app.key(KeyCode::Enter),
        &|app| app.keys("e"),
    ];
    for mode in modes {
        let mut state_app = App {
            store: Store::in_memory().unwrap(),
            state: app.state.clone(),
            seen: None,
            output: tempfile::tempdir().unwrap(),
        };
        mode(&mut state_app);
        for width in (20..=200).step_by(15).chain([1, 2, 5, 99, 100, 101]) {
            for height in (5..=60).step_by(8).chain([1, 2, 3, 4, 19, 20, 21]) {
                state_app.state.size = (width, height);
                if width > 0 && height > 0 {
                    render(&state_app.state, width, height);
                }
            }
        }
    }
    app.keys("q");
}

#[test]
fn snapshot_main_screen_120x35() {
    let app = App::demo(120, 35);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_main_screen_80x24() {
    let app = App::demo(80, 24);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_ous_filter() {
    let mut app = App::demo(120, 35);
    app.keys("4");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_help_overlay() {
    let mut app = App::demo(120, 35);
    app.keys("?");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_main_screen_in_english() {
    let mut app = App::demo(120, 35);
    app.state.lang = Lang::En;
    app.keys("4");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_help_in_english() {
    let mut app = App::demo(120, 35);
    app.state.lang = Lang::En;
    app.keys("?");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn remapped_keys_work_and_the_help_shows_them() {
    let config = styr::config::Config::parse(
        "[keys]\nset-status = [\"S\"]\nhelp = [\"F1\"]\nquit = [\"Ctrl-Q\"]\nopen = [\"Space\"]\n",
    )
    .unwrap();
    let mut app = App::demo(120, 35);
    app.state.keymap = config.keymap().unwrap();
    // The status line's hints follow the remap.
    let screen = app.screen();
    let hints = screen.lines().last().unwrap();
    assert!(hints.contains("F1 hjelp"), "{hints}");
    assert!(hints.contains("Ctrl-Q avslutt"), "{hints}");
    // Texts that name a key name the remapped one.
    assert!(
        screen.contains("Detaljer · historikk (Space: alt)"),
        "{screen}"
    );
    // The old key does nothing now; the new one opens the status picker.
    app.keys("s");
    assert!(app.state.dialog().is_none());
    app.keys("S");
    assert!(app.state.dialog().is_some());
    app.key(KeyCode::Esc);
    app.keys("?");
    assert!(app.state.help().is_none(), "? is no longer help");
    app.key(KeyCode::F(1));
    let screen = app.screen();
    let line = |description: &str| {
        screen
            .lines()
            .find(|l| l.contains(description))
            .and_then(|l| l.split('┃').nth(1))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    assert_eq!(line("sett status"), "S sett status", "{screen}");
    assert_eq!(line("avslutt"), "Ctrl-Q avslutt", "{screen}");
    assert_eq!(line("hjelp: alle"), "F1 hjelp: alle taster", "{screen}");
    app.key(KeyCode::F(1));
    assert!(
        app.state.help().is_none(),
        "the help key closes the help too"
    );
}

#[test]
fn snapshot_zoomed_wheel() {
    let mut app = App::demo(120, 35);
    app.keys("w");
    app.key(KeyCode::Right);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_status_dialog() {
    let mut app = App::demo(120, 35);
    app.keys("4s");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_readme_key_table_names_every_binding() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for binding in Keymap::default().bindings {
        if matches!(binding.action, styr::tui::action::Action::Sector(_)) {
            assert!(readme.contains("`0`–`9`"));
            continue;
        }
        for key in &binding.keys {
            let label = format!("`{}`", key.label());
            assert!(
                readme.contains(&label),
                "README does not mention {label} ({})",
                (binding.description)(styr::tui::strings::table(Lang::Nb))
            );
        }
    }
}

#[test]
fn the_list_scrolls_only_when_the_cursor_leaves_the_view() {
    let mut app = App::demo(120, 35);
    app.keys("G");
    let offset = app.state.list_offset;
    assert!(offset > 0, "the bottom row is in view");
    app.keys("kkk");
    assert_eq!(
        app.state.list_offset, offset,
        "moving up inside the view moves the highlight only"
    );
    app.keys("g");
    assert_eq!(app.state.list_offset, 0);
}

#[test]
fn header_counts_only_the_plan_year_like_the_list() {
    let mut app = App::demo(160, 45);
    let mut next_year = app.store.assignment(1).unwrap();
    next_year.year = 2024;
    app.store
        .create_assignment(&next_year, None, &Stamp::now("x"))
        .unwrap();
    app.send(Msg::Action(styr::tui::action::Action::Refresh));
    assert_eq!(app.state.total.assignments, 32);
    assert_eq!(app.top_level_rows(), 32);
}

#[test]
fn a_filter_change_keeps_the_selected_assignment_when_it_is_still_shown() {
    let mut app = App::demo(160, 45);
    app.keys("/boligplan");
    app.key(KeyCode::Enter);
    let id = app.state.selected().unwrap().id;
    app.key(KeyCode::Esc);
    assert_eq!(
        app.state.selected().unwrap().id,
        id,
        "clearing the search keeps the selection"
    );
    app.keys("1");
    assert_eq!(
        app.state.list_cursor, 0,
        "a sector without it starts at the top"
    );
}

#[test]
fn a_stale_refusal_keeps_the_typed_comment_and_enter_then_saves() {
    let mut app = App::demo(160, 45);
    let id = app.state.selected().unwrap().id;
    app.keys("c");
    app.keys("ringt rektor");
    app.store
        .change(
            id,
            None,
            &[(styr::domain::Field::Owner, Some("Ny Eier".into()))],
            None,
            &Stamp::now("colleague"),
        )
        .unwrap();
    // A comment alone does not need a fresh version; a status change does.
    // (Esc asks before throwing the typed comment away; Esc again does.)
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    app.keys("s3");
    app.key(KeyCode::Enter);
    app.store
        .change(
            id,
            None,
            &[(styr::domain::Field::Owner, Some("Tredje Eier".into()))],
            None,
            &Stamp::now("colleague"),
        )
        .unwrap();
    app.keys("viktig");
    app.key(KeyCode::Enter);
    let dialog = app.state.dialog().expect("the dialog stays open");
    assert!(dialog.error.as_deref().unwrap().contains("colleague"));
    assert!(
        matches!(&dialog.kind, styr::tui::dialog::DialogKind::Comment { input, .. } if input.text == "viktig"),
        "what was typed is kept"
    );
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.state.dialog());
    let last = app.store.events(Some(id), None).unwrap().pop().unwrap();
    assert_eq!(
        (last.actor.as_str(), last.comment.as_deref()),
        ("tester", Some("viktig"))
    );
}

#[test]
fn a_new_assignment_is_selected_after_it_is_saved() {
    let mut app = App::demo(160, 45);
    app.keys("n");
    app.keys("Helt nytt oppdrag");
    app.key(KeyCode::Tab);
    app.keys("KUL");
    app.key(KeyCode::Enter);
    assert_eq!(app.state.selected().unwrap().title, "Helt nytt oppdrag");
}

#[test]
fn an_unbound_key_says_so() {
    let mut app = App::demo(120, 35);
    app.keys("z");
    assert!(app.status_text().contains("? viser alle taster"));
}

#[test]
fn the_undo_dialog_shows_what_will_be_undone() {
    let mut app = App::demo(160, 45);
    app.keys("u");
    assert!(app.screen().contains("du har ingen endring som kan angres"));
    app.key(KeyCode::Enter);
    assert!(
        app.state.dialog().unwrap().error.is_some(),
        "nothing to undo keeps the dialog"
    );
    app.key(KeyCode::Esc);
    let id = app.state.selected().unwrap().id;
    app.keys("v1");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    app.keys("u");
    let screen = app.screen();
    assert!(screen.contains(&format!("#{id} vurdering")), "{screen}");
    app.key(KeyCode::Enter);
    assert!(app.status_text().starts_with("Angret"));
}

fn ctrl(app: &mut App, c: char) {
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn focus(app: &mut App, pane: Pane) {
    while app.state.focus != pane {
        app.key(KeyCode::Tab);
    }
}

#[test]
fn wheel_entries_are_chosen_edited_added_and_deleted_with_keys() {
    let mut app = App::demo(120, 35);
    focus(&mut app, Pane::Wheel);
    // ↓ chooses the first entry of the highlighted month (September).
    app.key(KeyCode::Down);
    let chosen = app.state.wheel_selected.expect("an entry is chosen");
    let entry = app.store.wheel_entry(chosen).unwrap();
    assert_eq!(entry.title, "Rapportering 2. tertial");
    assert!(
        app.screen().contains("▸ 01.09 Rapporteri"),
        "{}",
        app.screen()
    );

    // e: edit; the title and the dates are in the form.
    app.keys("e");
    ctrl(&mut app, 'u');
    app.keys("Tertialrapportering T2");
    app.key(KeyCode::Tab);
    ctrl(&mut app, 'u');
    app.keys("04.09.2023");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.state.dialog());
    let entry = app.store.wheel_entry(chosen).unwrap();
    assert_eq!(entry.title, "Tertialrapportering T2");
    assert_eq!(entry.start.to_string(), "2023-09-04");
    assert!(
        app.status_text().contains("Årshjul lagret"),
        "{}",
        app.status_text()
    );
    let log = app
        .store
        .catalog_events(Some(styr::domain::Entity::Wheel), Some(chosen), None)
        .unwrap();
    assert_eq!(log.last().unwrap().actor, "tester");

    // A range that ends before it starts is refused in the dialog, nothing written.
    app.keys("e");
    for _ in 0..2 {
        app.key(KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    app.keys("01.09.2023");
    app.key(KeyCode::Enter);
    let error = app.state.dialog().and_then(|d| d.error.clone());
    assert!(error.is_some_and(|e| e.contains("før den begynner")));
    // Esc asks before throwing the typed date away; Esc again does.
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);

    // a: a new political entry in the month.
    let before = app.store.wheel_entries(2023).unwrap().len();
    app.keys("a");
    app.keys("Temamøte i kommunestyret");
    for _ in 0..3 {
        app.key(KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    app.keys("politisk");
    app.key(KeyCode::Enter);
    let entries = app.store.wheel_entries(2023).unwrap();
    assert_eq!(entries.len(), before + 1);
    let added = entries
        .iter()
        .find(|e| e.title == "Temamøte i kommunestyret")
        .unwrap();
    assert_eq!(added.start.to_string(), "2023-09-01");
    assert_eq!(added.kind, styr::domain::WheelKind::Political);
    assert_eq!(app.state.wheel_selected, Some(added.id));

    // x: delete after confirming; Esc first keeps it.
    app.keys("x");
    app.key(KeyCode::Esc);
    assert_eq!(app.store.wheel_entries(2023).unwrap().len(), before + 1);
    app.keys("x");
    app.keys("dobbelt");
    app.key(KeyCode::Enter);
    assert_eq!(app.store.wheel_entries(2023).unwrap().len(), before);
    let last = app.store.catalog_events(None, None, None).unwrap();
    let last = last.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.comment.as_deref()),
        ("deleted", Some("dobbelt"))
    );
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn goals_are_added_edited_and_retired_from_the_tree() {
    let mut app = App::demo(120, 35);
    focus(&mut app, Pane::Tree);
    // Down to the first delmål (1.1.1): all, 1, 1.1, 1.1.1.
    for _ in 0..3 {
        app.key(KeyCode::Down);
    }
    let goal = app.state.goal.unwrap();
    assert_eq!(app.state.data.tree.get(goal).unwrap().code, "1.1.1");

    // a on a delmål: a sibling under the same hovedmål.
    app.keys("a");
    ctrl(&mut app, 'u');
    app.keys("1.1.9");
    app.key(KeyCode::Tab);
    app.keys("Flere frivillige");
    app.key(KeyCode::Tab);
    app.keys("KUL");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.state.dialog());
    let tree = styr::domain::GoalTree::new(app.store.goals().unwrap());
    let added = tree.by_code("1.1.9").unwrap();
    assert_eq!(added.parent_id, tree.get(goal).unwrap().parent_id);
    assert_eq!(added.sectors, vec!["KUL"]);

    // e: edit the selected delmål's title.
    app.keys("e");
    app.key(KeyCode::Tab);
    ctrl(&mut app, 'u');
    app.keys("Deltakelse øker");
    app.key(KeyCode::Enter);
    assert_eq!(app.store.goal(goal).unwrap().title, "Deltakelse øker");

    // x: retiring a delmål that open assignments serve is refused in the dialog.
    app.keys("x");
    app.key(KeyCode::Enter);
    let error = app.state.dialog().and_then(|d| d.error.clone());
    assert!(error.is_some_and(|e| e.contains("åpne oppdrag")));
    app.key(KeyCode::Esc);
    assert!(!app.store.goal(goal).unwrap().retired);
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn snapshot_delete_wheel_entry_dialog() {
    let mut app = App::demo(120, 35);
    app.keys("w");
    app.key(KeyCode::Right);
    app.key(KeyCode::Down);
    app.keys("x");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn f_reaches_the_missing_report_view_grouped_by_sector() {
    let mut app = App::demo(120, 35);
    app.keys("fff");
    assert_eq!(app.state.view, QuickView::MissingReport);
    let rows = app.rows();
    // 11 missing, 13 awaiting approval; the 7 approved are not listed.
    assert_eq!(rows.len(), 24, "{rows:#?}");
    let order: Vec<usize> = rows
        .iter()
        .map(|(_, sector, _)| {
            app.state
                .data
                .sectors
                .iter()
                .position(|s| s.code == *sector)
                .unwrap()
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{rows:#?}");
    assert!(app.screen().contains("mangler rapport 2023-T2 frist 12.09"));
    let wide = App::demo(200, 35);
    let mut wide = wide;
    wide.keys("fff");
    assert!(
        wide.screen()
            .contains("mangler rapport 2023-T2 frist 12.09 · 11 mangler · 13 venter · 7 godkjent"),
        "{}",
        wide.screen()
    );
    // A sector counts its own.
    wide.keys("4");
    assert!(
        wide.screen().contains("3 mangler · 1 venter · 1 godkjent"),
        "{}",
        wide.screen()
    );
    app.key(KeyCode::Char('f'));
    assert_eq!(app.state.view, QuickView::Done);
}

#[test]
fn the_missing_reports_come_after_the_first_frame_and_stay_over_a_reload() {
    let mut store = Store::in_memory().unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (120, 35),
    );
    let (later, now): (Vec<Effect>, Vec<Effect>) =
        state.start().into_iter().partition(Effect::after_frame);
    assert!(later.contains(&Effect::LoadMissing), "{later:?}");
    let mut runner = Runner::new(&mut store, "tester", today()).unwrap();
    drain(&mut runner, &mut state, now);
    for c in "fff".chars() {
        let effects = update(
            &mut state,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
        drain(
            &mut runner,
            &mut state,
            effects.into_iter().filter(|e| !e.after_frame()).collect(),
        );
    }
    // Not read yet: the view says so rather than claiming nothing is missing.
    assert_eq!(state.view, QuickView::MissingReport);
    assert!(state.rows.is_empty());
    assert!(render(&state, 120, 35).contains("mangler rapport (leser …)"));
    drain(&mut runner, &mut state, later);
    assert_eq!(state.rows.len(), 24);
    // A reload keeps the answer read before until the newer one comes.
    let loaded = runner.run(Effect::Reload, Lang::Nb).unwrap();
    assert!(matches!(loaded, Msg::Loaded(_)));
    let reload = update(&mut state, loaded);
    assert_eq!(state.rows.len(), 24);
    assert!(reload.contains(&Effect::LoadMissing), "{reload:?}");
}

#[test]
fn r_records_a_report_and_the_assignment_turns_from_missing_to_awaiting() {
    use styr::domain::approval::ReportKind;
    let mut app = App::demo(120, 35);
    app.keys("fffg");
    // The first row missing its report (SOS's rows await approval).
    let missing = |app: &App| {
        app.rows()
            .iter()
            .position(|(id, _, _)| app.state.data.report_kind(*id) == Some(ReportKind::Missing))
            .unwrap()
    };
    let first = missing(&app);
    app.keys(&"j".repeat(first));
    let (id, _, _) = app.rows()[first].clone();
    let before = app.rows().len();
    app.key(KeyCode::Char('r'));
    assert!(
        app.screen().contains(&format!("Rapport 2023-T2 for #{id}")),
        "{}",
        app.screen()
    );
    // An empty report is refused in the form.
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().unwrap().error.is_some());
    // The form starts in the status; the comment is the last field, one ↑ away.
    app.key(KeyCode::Up);
    app.keys("Levert muntlig, skriftlig følger");
    // Up to the vurdering field: clear it and write "gul".
    app.key(KeyCode::Up);
    app.key(KeyCode::Up);
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    app.keys("gul");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.state.dialog());
    assert!(
        app.status_text().starts_with("Rapportert"),
        "{}",
        app.status_text()
    );
    // Still to chase, now awaiting approval.
    assert_eq!(app.rows().len(), before);
    assert_eq!(app.state.data.report_kind(id), Some(ReportKind::Awaiting));
    assert_ne!(missing(&app), first);

    let events = app.store.events(Some(id), None).unwrap();
    let report = events.last().unwrap();
    assert_eq!(report.field, "report");
    assert_eq!(report.period.as_deref(), Some("2023-T2"));
    assert_eq!(report.actor, "tester");
    assert_eq!(
        report.comment.as_deref(),
        Some("Levert muntlig, skriftlig følger")
    );
    let a = app.store.assignment(id).unwrap();
    assert_eq!(a.assessment, Some(styr::domain::Assessment::Yellow));
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn r_on_a_task_asks_for_its_assignment() {
    let mut app = App::demo(120, 35);
    app.state.rows.clear();
    let at = app
        .state
        .data
        .assignments
        .iter()
        .position(|a| a.is_task())
        .unwrap();
    app.state.rows.push(styr::tui::data::ListRow {
        id: app.state.data.assignments[at].id,
        indented: true,
        at,
    });
    app.state.list_cursor = 0;
    app.key(KeyCode::Char('r'));
    assert!(app.state.dialog().is_none());
    assert!(
        app.status_text().contains("oppgaven"),
        "{}",
        app.status_text()
    );
}

#[test]
fn snapshot_missing_report_view() {
    let mut app = App::demo(120, 35);
    app.keys("fff");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_month_list_shows_report_deadlines() {
    let mut app = App::demo(160, 45);
    app.keys("m");
    let screen = app.screen();
    assert!(
        screen.contains("12.09       ◆ Rapportfrist 2. tertial"),
        "{screen}"
    );
    // From August on: the period's end is the årshjul's own entry, not listed twice.
    app.key(KeyCode::Tab);
    app.key(KeyCode::Left);
    assert_eq!(app.state.month, 8);
    let screen = app.screen();
    assert_eq!(
        screen.matches("2. tertial avsluttes").count(),
        1,
        "{screen}"
    );
    assert!(!screen.contains("2. tertial slutter"), "{screen}");
}

#[test]
fn sector_headings_in_the_missing_report_view_take_lines_a_click_skips() {
    let mut app = App::demo(160, 45);
    app.keys("fffg");
    let screen = app.screen();
    for heading in [
        "SOS Strategi",
        "STYV Styring",
        "HOM Helse og omsorg",
        "KUL Kultur",
    ] {
        assert!(screen.contains(heading), "{heading}: {screen}");
    }
    let layout = app.state.layout(ratatui::layout::Rect::new(0, 0, 160, 45));
    let list = layout.list.unwrap();
    let click = |line: u16| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 10,
        row: list.y + 2 + line,
        modifiers: KeyModifiers::NONE,
    };
    // Lines: SOS heading, three SOS rows, STYV heading, five STYV rows,
    // HOM heading, three HOM rows, OUS heading, …
    app.send(Msg::Mouse(click(11)));
    assert_eq!(
        app.state.list_cursor, 8,
        "the first HOM row under its heading"
    );
    app.send(Msg::Mouse(click(10)));
    assert_eq!(app.state.list_cursor, 8, "a heading selects nothing");
    app.send(Msg::Mouse(click(15)));
    assert_eq!(app.state.list_cursor, 11, "the first OUS row");
}

#[test]
fn the_selected_row_stays_in_view_below_the_sector_headings() {
    let mut app = App::demo(120, 24);
    app.keys("fffG");
    let last = app.rows().last().unwrap().2.clone();
    let screen = app.screen();
    assert!(screen.contains(&last[..20]), "{last}: {screen}");
    assert!(screen.contains("KUL Kultur"), "{screen}");
}

/// After the first load, a reload reads only the assignments with new
/// events, and the missing reports are judged again only for those; both
/// must end where a whole load from scratch does, whoever wrote.
#[test]
fn reloads_read_what_changed_and_end_where_a_whole_load_does() {
    fn fresh(store: &mut Store) -> AppState {
        let mut state = AppState::new(
            Snapshot::load(store).unwrap(),
            today(),
            Keymap::default(),
            (120, 35),
        );
        let mut runner = Runner::new(store, "fresh", today()).unwrap();
        let start = state.start();
        drain(&mut runner, &mut state, start);
        state
    }
    fn assert_same(state: &AppState, other: &mut Store, context: &str) {
        let whole = fresh(other);
        assert_eq!(state.data.assignments, whole.data.assignments, "{context}");
        assert_eq!(
            state.data.missing_ids(),
            whole.data.missing_ids(),
            "{context}"
        );
        assert_eq!(state.rows, whole.rows, "{context}");
        assert_eq!(state.derived, whole.derived, "{context}");
        assert_eq!(state.sector_rollups, whole.sector_rollups, "{context}");
        assert_eq!(state.goal_rollups, whole.goal_rollups, "{context}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let mut other = Store::open(&path).unwrap();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today(),
        Keymap::default(),
        (120, 35),
    );
    let mut runner = Runner::new(&mut store, "tester", today()).unwrap();
    runner.delivered(&state.data);
    let start = state.start();
    drain(&mut runner, &mut state, start);
    let missing_before = state.data.missing_ids();
    assert!(!missing_before.is_empty());

    // Our own change: a missing assignment is reported on and done.
    let id = *missing_before.iter().min().unwrap();
    let version = state.data.assignment(id).unwrap().version;
    let change = Effect::Change {
        id,
        version,
        edits: vec![(styr::domain::Field::Status, Some("done".into()))],
        comment: Some("Ferdig".into()),
    };
    drain(&mut runner, &mut state, vec![change]);
    assert_same(&state, &mut other, "after our own change");
    // And a report on another: it is no longer missing.
    let reported = *missing_before.iter().filter(|m| **m != id).min().unwrap();
    let report = Effect::Report {
        id: reported,
        version: state.data.assignment(reported).unwrap().version,
        draft: Box::new(styr::domain::ReportDraft {
            period: "2023-T2".into(),
            status: None,
            assessment: None,
            expected_done: None,
            comment: Some("Rapportert".into()),
        }),
    };
    drain(&mut runner, &mut state, vec![report]);
    assert!(!state.data.missing_ids().contains(&reported));
    assert!(
        state.data.missing_ids().contains(&id),
        "done, but open in the period"
    );
    assert_same(&state, &mut other, "after our own report");

    // Another process: a new assignment, a deadline moved into the past.
    let mut draft = state.data.assignment(id).unwrap().clone();
    draft.title = "Nytt oppdrag fra en annen".into();
    draft.status = Status::InProgress;
    other
        .create_assignment(&draft, None, &Stamp::now("other"))
        .unwrap();
    let moved = state.rows.last().unwrap().id;
    other
        .change(
            moved,
            None,
            &[(styr::domain::Field::Due, Some("2023-01-02".into()))],
            None,
            &Stamp::now("other"),
        )
        .unwrap();
    let Some(Msg::Loaded(reloaded)) = runner.run(Effect::Reload, Lang::Nb) else {
        panic!("a reload loads");
    };
    match &*reloaded {
        styr::tui::data::Reloaded::Changed { changed, .. } => {
            assert_eq!(changed.len(), 2, "{changed:#?}");
        }
        styr::tui::data::Reloaded::Whole(_) => panic!("read whole, not what changed"),
    }
    let effects = update(&mut state, Msg::Loaded(reloaded));
    drain(&mut runner, &mut state, effects);
    assert_same(&state, &mut other, "after another process's changes");
    assert!(state
        .data
        .assignments
        .iter()
        .any(|a| a.title == "Nytt oppdrag fra en annen"));
}

/// The demo screen speaking `lang`.
fn demo_in(lang: Lang) -> App {
    let mut app = App::demo(160, 45);
    app.state.lang = lang;
    app
}

fn ctrl_u(app: &mut App) {
    app.send(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
}

/// What the open dialog says is wrong.
fn dialog_error(app: &App) -> String {
    app.state
        .dialog()
        .and_then(|d| d.error.clone())
        .unwrap_or_default()
}

/// English sentences that must not reach a bokmål screen.
fn assert_no_english(text: &str) {
    for word in [
        "invalid",
        "unknown",
        "goal ",
        "not saved",
        "changed by",
        "created",
        "deleted",
    ] {
        assert!(!text.contains(word), "English in bokmål: {text}");
    }
}

#[test]
fn a_bad_date_in_d_is_refused_in_the_chosen_language() {
    for (lang, expected) in [(Lang::Nb, "ugyldig dato"), (Lang::En, "invalid date")] {
        for typed in ["31.11.2023", "31.11", "+x"] {
            let mut app = demo_in(lang);
            app.keys("d");
            ctrl_u(&mut app);
            app.keys(typed);
            app.key(KeyCode::Enter);
            let error = dialog_error(&app);
            assert!(error.contains(expected), "{lang:?} {typed}: {error}");
            assert!(app.screen().contains(expected));
            if lang == Lang::Nb {
                assert_no_english(&error);
            }
        }
    }
}

#[test]
fn an_unknown_status_in_the_report_form_is_refused_in_the_chosen_language() {
    for (lang, expected) in [(Lang::Nb, "ukjent status"), (Lang::En, "unknown status")] {
        let mut app = demo_in(lang);
        app.keys("fffg");
        app.key(KeyCode::Char('r'));
        assert!(app.state.dialog().is_some(), "{}", app.status_text());
        // The form starts in the status.
        ctrl_u(&mut app);
        app.keys("grønnn");
        app.key(KeyCode::Enter);
        let error = dialog_error(&app);
        assert!(error.contains(expected), "{lang:?}: {error}");
        if lang == Lang::Nb {
            assert_no_english(&error);
        }
    }
}

/// A hovedmål code typed as the delmål in `e`: the dialog stays open with
/// the store's refusal, and nothing is written.
fn main_goal_as_sub_goal(lang: Lang) -> String {
    let mut app = demo_in(lang);
    let id = app.state.selected().unwrap().id;
    let before = app.store.events(Some(id), None).unwrap().len();
    let code = app
        .state
        .data
        .tree
        .goals()
        .iter()
        .find(|g| g.kind == styr::domain::GoalKind::MainGoal)
        .unwrap()
        .code
        .clone();
    app.keys("e");
    for _ in 0..5 {
        app.key(KeyCode::Down);
    }
    ctrl_u(&mut app);
    app.keys(&code);
    app.key(KeyCode::Enter);
    assert_eq!(app.store.events(Some(id), None).unwrap().len(), before);
    dialog_error(&app)
}

#[test]
fn a_main_goal_given_as_sub_goal_in_e_is_refused() {
    for lang in [Lang::Nb, Lang::En] {
        let error = main_goal_as_sub_goal(lang);
        assert!(!error.is_empty(), "{lang:?}");
    }
}

#[test]
fn a_main_goal_given_as_sub_goal_in_e_is_refused_in_the_chosen_language() {
    for (lang, expected) in [(Lang::Nb, "hovedmål"), (Lang::En, "main goal")] {
        let error = main_goal_as_sub_goal(lang);
        assert!(error.to_lowercase().contains(expected), "{lang:?}: {error}");
        if lang == Lang::Nb {
            assert_no_english(&error);
        }
    }
}

#[test]
fn a_stale_edit_is_refused_in_the_chosen_language() {
    for (lang, expected) in [(Lang::Nb, "ikke lagret"), (Lang::En, "not saved")] {
        let mut app = demo_in(lang);
        let target = app.state.selected().unwrap().clone();
        app.keys("v1");
        app.key(KeyCode::Enter);
        app.store
            .change(
                target.id,
                None,
                &[(styr::domain::Field::Owner, Some("Kari Kollega".into()))],
                None,
                &Stamp::now("colleague"),
            )
            .unwrap();
        app.key(KeyCode::Enter);
        let error = dialog_error(&app);
        assert!(error.contains(expected), "{lang:?}: {error}");
        if lang == Lang::Nb {
            assert_no_english(&error);
        }
    }
}

#[test]
fn goal_and_wheel_writes_are_told_in_the_chosen_language() {
    for (lang, expected) in [(Lang::Nb, "opprettet"), (Lang::En, "created")] {
        let mut app = demo_in(lang);
        focus(&mut app, Pane::Wheel);
        app.keys("a");
        app.keys("Ny samling");
        app.key(KeyCode::Enter);
        let status = app.status_text();
        assert!(status.contains(expected), "{lang:?}: {status}");
        if lang == Lang::Nb {
            assert_no_english(&status);
        }
    }
}

/// 10,000 characters as a terminal pastes them (a line break and a tab
/// among them, and letters that are keys outside an input), and the one
/// line a field holds after the paste.
fn big_paste() -> (String, String) {
    let (words, keys) = ("xyzzy".repeat(1_000), "q".repeat(4_997));
    let pasted = format!("{words}\r\n\t{keys}");
    assert_eq!(pasted.chars().count(), 10_000);
    (pasted, format!("{words}  {keys}"))
}

#[test]
fn a_10k_paste_into_the_search_is_one_message_and_esc_then_closes_the_search() {
    let mut app = App::demo(160, 45);
    let (pasted, line) = big_paste();
    app.keys("/");
    app.send(Msg::Paste(pasted));
    assert!(app.state.searching(), "the paste keeps the search open");
    assert!(!app.state.quit, "the pasted q's are text, not keys");
    assert_eq!(
        app.state.search.text, line,
        "line breaks and tabs become spaces"
    );
    assert!(app.state.rows.is_empty());
    app.key(KeyCode::Esc);
    assert!(!app.state.searching());
    assert!(app.state.search.text.is_empty());
    assert_eq!(app.top_level_rows(), 32);
    // Pasted and then kept with Enter, a search filters as typed text does.
    app.keys("/");
    app.send(Msg::Paste("bolig\n".into()));
    app.key(KeyCode::Enter);
    assert!(!app.state.searching());
    assert_eq!(app.rows()[0].2, "Rullering av boligplanen");
    assert_eq!(app.top_level_rows(), 1);
}

#[test]
fn a_10k_paste_into_a_comment_then_esc_closes_the_dialog_as_typing_would() {
    let mut app = App::demo(160, 45);
    let (pasted, line) = big_paste();
    app.keys("4c");
    app.send(Msg::Paste(pasted));
    let Some(DialogKind::Comment { input, .. }) = app.state.dialog().map(|d| &d.kind) else {
        panic!("the comment dialog stays open: {:?}", app.state.dialog());
    };
    assert_eq!(input.text, line, "no control character is inserted");
    assert_eq!(input.cursor, line.chars().count());
    // Esc asks before throwing the pasted text away; Esc again does.
    app.key(KeyCode::Esc);
    assert!(app.state.dialog().is_some_and(|d| d.discarding));
    app.key(KeyCode::Esc);
    assert!(app.state.dialog().is_none());
    assert!(
        app.status_text().contains("avbrutt"),
        "{}",
        app.status_text()
    );
}

#[test]
fn a_paste_goes_into_the_form_field_and_the_help_filter_and_nowhere_else() {
    let mut app = App::demo(160, 45);
    // On the bare screen a paste does nothing: its letters are not keys.
    app.send(Msg::Paste("qs".into()));
    assert!(!app.state.quit);
    assert!(app.state.dialog().is_none());
    app.keys("?");
    app.send(Msg::Paste("vurd\n".into()));
    assert_eq!(app.state.help().map(|f| f.text.as_str()), Some("vurd "));
    app.key(KeyCode::Esc);
    app.keys("4e");
    app.key(KeyCode::End);
    app.send(Msg::Paste(" (revidert)".into()));
    let Some(DialogKind::Form { fields, cursor, .. }) = app.state.dialog().map(|d| &d.kind) else {
        panic!("the edit form is open: {:?}", app.state.dialog());
    };
    assert!(
        fields[*cursor].input.text.ends_with(" (revidert)"),
        "{:?}",
        fields[*cursor]
    );
}

#[test]
fn arrows_in_the_zoom_step_its_entries_even_with_a_detail_beneath() {
    let mut plain = App::demo(120, 35);
    plain.keys("w");
    plain.key(KeyCode::Down);
    let mut over_detail = App::demo(120, 35);
    over_detail.key(KeyCode::Enter);
    over_detail.keys("w");
    over_detail.key(KeyCode::Down);
    assert!(over_detail.state.wheel_selected.is_some());
    assert_eq!(over_detail.state.wheel_selected, plain.state.wheel_selected);
    // Esc closes the zoom, then the detail beneath it.
    over_detail.key(KeyCode::Esc);
    assert!(!over_detail.state.zoomed());
    assert!(over_detail.state.screen.detail_open());
    assert!(over_detail.screen().contains("Historikk, nyeste først"));
    over_detail.key(KeyCode::Esc);
    assert!(!over_detail.state.screen.detail_open());
}

/// The list position of an assignment, selected.
fn select(app: &mut App, id: i64) {
    let at = app
        .rows()
        .iter()
        .position(|(row, _, _)| *row == id)
        .unwrap();
    app.state.list_cursor = at;
}

#[test]
fn capital_a_approves_the_selected_report_once() {
    let mut app = App::demo(120, 35);
    select(&mut app, 5);
    app.key(KeyCode::Char('A'));
    insta::assert_snapshot!(app.screen());
    app.keys("Ser bra ut");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.state.dialog());
    let events = app.store.events(Some(5), None).unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.field, "approval");
    assert_eq!(last.new.as_deref(), Some("approved"));
    assert_eq!(last.period.as_deref(), Some("2023-T2"));
    assert_eq!(last.actor, "tester");
    assert_eq!(last.comment.as_deref(), Some("Ser bra ut"));

    app.key(KeyCode::Char('A'));
    app.key(KeyCode::Enter);
    let error = app
        .state
        .dialog()
        .and_then(|d| d.error.clone())
        .unwrap_or_else(|| app.status_text());
    assert!(error.contains("allerede godkjent"), "{error}");
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn capital_x_sends_a_report_back_only_with_a_reason() {
    let mut app = App::demo(120, 35);
    select(&mut app, 5);
    app.key(KeyCode::Char('X'));
    app.key(KeyCode::Enter);
    let error = app
        .state
        .dialog()
        .and_then(|d| d.error.clone())
        .unwrap_or_else(|| app.status_text());
    assert!(error.contains("hvorfor"), "{error}");
    let before = app.store.events(Some(5), None).unwrap().len();
    assert_eq!(app.store.events(Some(5), None).unwrap().len(), before);
    if app.state.dialog().is_none() {
        app.key(KeyCode::Char('X'));
    }
    app.keys("Mangler tall");
    app.key(KeyCode::Enter);
    let events = app.store.events(Some(5), None).unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.new.as_deref(), Some("sent-back"));
    assert_eq!(last.comment.as_deref(), Some("Mangler tall"));
}

#[test]
fn f_reaches_the_reports_awaiting_approval_and_approving_one_takes_it_out() {
    let mut app = App::demo(120, 35);
    app.keys("fffff");
    let ids: Vec<i64> = app.rows().iter().map(|(id, _, _)| *id).collect();
    assert!(ids.contains(&5) && ids.contains(&4), "{ids:?}");
    assert!(!ids.contains(&2), "#2 is approved in the demo: {ids:?}");
    insta::assert_snapshot!(app.screen());
    select(&mut app, 5);
    app.key(KeyCode::Char('A'));
    app.key(KeyCode::Enter);
    assert!(app.rows().iter().all(|(id, _, _)| *id != 5));
}

/// `styr goals --sector S` counts as the tree under the sector's key does:
/// the sector's oppdrag of the plan year, overdue among them, and the ⚠ of
/// a delmål no sector serves.
#[test]
fn goals_for_a_sector_count_as_the_tree_under_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::cli::demo(dir.path());
    let mut app = App::demo(160, 45);
    for (key, code) in [("1", "SOS"), ("2", "STYV"), ("4", "OUS"), ("6", "KUL")] {
        app.keys(key);
        let out = common::cli::styr_en(&db)
            .args(["goals", "--sector", code, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", common::cli::text(&out.stderr));
        let nodes: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let nodes = nodes.as_array().unwrap();
        assert!(!nodes.is_empty(), "{code}");
        for node in nodes {
            let id = node["id"].as_i64().unwrap();
            let tree = app.state.goal_rollups.get(&id).copied().unwrap_or_default();
            assert_eq!(
                (
                    node["assignments"].as_u64().unwrap() as usize,
                    node["overdue"].as_u64().unwrap() as usize
                ),
                (tree.assignments, tree.overdue),
                "{code}, goal {id}"
            );
        }
    }
}
