//! The forms and dialogs as a governance officer meets them in a week's
//! work, driven by keys through `update` against a real store: goal codes
//! that fit the tree, dates without the year, the kilde, the årshjul's tags,
//! Esc that asks before throwing typed text away, a task due after its
//! oppdrag, the report dialog, an empty database, the header and the status
//! line.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::dialog::DialogKind;
use styr::tui::effect::Effect;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg, Pane};
use styr::tui::strings::Lang;
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
    fn on(store: Store, width: u16, height: u16, lang: Lang) -> App {
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
        };
        let effects = app.state.start();
        app.run(effects);
        app
    }

    fn demo(width: u16, height: u16) -> App {
        let mut store = Store::in_memory().unwrap();
        styr::assets::load_demo(&mut store).unwrap();
        App::on(store, width, height, Lang::Nb)
    }

    fn demo_en(width: u16, height: u16) -> App {
        let mut app = App::demo(width, height);
        app.state.lang = Lang::En;
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

    fn ctrl(&mut self, c: char) {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    /// Clears the field under the cursor and types `text` in it.
    fn retype(&mut self, text: &str) {
        self.ctrl('u');
        self.keys(text);
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

    fn dialog_error(&self) -> Option<String> {
        self.state.dialog().and_then(|d| d.error.clone())
    }

    fn focus(&mut self, pane: Pane) {
        while self.state.focus != pane {
            self.key(KeyCode::Tab);
        }
    }

    /// Selects the list row of assignment `id`.
    fn select(&mut self, id: i64) {
        let row = self.state.rows.iter().position(|r| r.id == id).unwrap();
        self.state.list_cursor = row;
        self.send(Msg::Resize(self.state.size.0, self.state.size.1));
    }

    fn assignment(&self, id: i64) -> styr::domain::Assignment {
        self.store.assignment(id).unwrap()
    }

    /// The focused form field's label and text.
    fn field(&self) -> (String, String) {
        match &self.state.dialog().expect("a dialog").kind {
            DialogKind::Form { fields, cursor, .. } => (
                fields[*cursor].label.to_string(),
                fields[*cursor].input.text.clone(),
            ),
            DialogKind::CatalogForm { fields, cursor, .. } => (
                fields[*cursor].label.to_string(),
                fields[*cursor].input.text.clone(),
            ),
            other => panic!("not a form: {other:?}"),
        }
    }
}

fn day(text: &str) -> chrono::NaiveDate {
    styr::domain::date::parse_date(text).unwrap()
}

/// The first open oppdrag (not a task) with a deadline, in list order.
fn open_oppdrag_with_deadline(app: &App) -> i64 {
    app.state
        .rows
        .iter()
        .filter_map(|r| app.state.data.assignment(r.id))
        .find(|a| !a.is_task() && a.due.is_some() && !a.status.is_closed())
        .unwrap()
        .id
}

#[test]
fn a_new_focus_area_suggests_the_next_free_code_and_a_bad_code_is_refused() {
    let mut app = App::demo(120, 35);
    app.focus(Pane::Tree);
    // The "all goals" row: a new satsingsområde, suggested one past the last.
    assert_eq!(app.state.tree_cursor, 0);
    app.keys("a");
    assert_eq!(app.field().1, "5", "the demo has satsingsområder 1–4");
    for (bad, said) in [
        (".", "neste ledige er 5"),
        ("1.", "neste ledige er 5"),
        ("2", "brukes allerede"),
    ] {
        app.retype(bad);
        app.key(KeyCode::Tab);
        app.retype("Klima og miljø");
        app.key(KeyCode::BackTab);
        app.key(KeyCode::Enter);
        let error = app.dialog_error().unwrap_or_default();
        assert!(error.contains(said), "{bad}: {error}");
    }
    let goals_before = app.store.goals().unwrap().len();
    assert_eq!(goals_before, app.store.goals().unwrap().len());
    app.retype("5");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.dialog_error());
    let tree = styr::domain::GoalTree::new(app.store.goals().unwrap());
    let made = tree.by_code("5").unwrap();
    assert_eq!(made.title, "Klima og miljø");

    // Under a hovedmål: the next delmål after the highest there.
    for _ in 0..2 {
        app.key(KeyCode::Down);
    }
    let main = app.state.goal.unwrap();
    assert_eq!(app.state.data.tree.get(main).unwrap().code, "1.1");
    app.keys("a");
    assert_eq!(app.field().1, "1.1.3");
    app.retype("2.1.9");
    app.key(KeyCode::Tab);
    app.keys("Feil sted");
    app.key(KeyCode::Enter);
    let error = app.dialog_error().unwrap_or_default();
    assert!(
        error.contains("under 1.1") && error.contains("1.1.3"),
        "{error}"
    );
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn goal_code_refusals_read_in_english() {
    let mut app = App::demo_en(120, 35);
    app.focus(Pane::Tree);
    app.keys("a");
    app.retype("1.");
    app.key(KeyCode::Tab);
    app.keys("Climate");
    app.key(KeyCode::Enter);
    let error = app.dialog_error().unwrap_or_default();
    assert!(
        error.contains("does not fit") && error.contains("the next free one is 5"),
        "{error}"
    );
}

#[test]
fn a_deadline_typed_without_the_year_or_as_days_from_today() {
    let mut app = App::demo(120, 35);
    let id = open_oppdrag_with_deadline(&app);
    app.select(id);
    for (typed, want) in [
        ("31.10", "2023-10-31"),
        ("+14", "2023-10-04"),
        ("1.2.", "2023-02-01"),
    ] {
        app.keys("d");
        app.retype(typed);
        app.key(KeyCode::Enter);
        assert!(
            app.dialog_error().is_none(),
            "{typed}: {:?}",
            app.dialog_error()
        );
        app.key(KeyCode::Enter);
        app.select(id);
        assert_eq!(app.assignment(id).due, Some(day(want)), "{typed}");
    }
    // Impossible or malformed: the dialog stays, says why, and nothing is written.
    let version = app.assignment(id).version;
    app.keys("d");
    for bad in ["31.02", "+x", "32.1", "+", "14"] {
        app.retype(bad);
        app.key(KeyCode::Enter);
        let error = app.dialog_error().unwrap_or_default();
        assert!(
            error.contains(bad) && error.contains("+14"),
            "{bad}: {error}"
        );
    }
    app.ctrl('u');
    app.key(KeyCode::Esc);
    assert_eq!(app.assignment(id).version, version);
}

#[test]
fn the_new_form_takes_a_short_deadline_and_a_kilde() {
    let mut app = App::demo(120, 35);
    app.keys("n");
    app.keys("Utrede gratis kjernetid i SFO");
    app.key(KeyCode::Tab);
    app.retype("OUS");
    app.key(KeyCode::Tab);
    app.keys("15.11");
    app.key(KeyCode::Tab); // owner
    app.key(KeyCode::Tab); // goal
    app.key(KeyCode::Tab);
    let (label, _) = app.field();
    assert_eq!(label, "Kilde");
    assert!(
        app.screen().contains("verbalvedtak"),
        "the kilde hint lists the usual sources"
    );
    app.keys("verb");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.dialog_error());
    let made = app
        .store
        .assignments()
        .unwrap()
        .into_iter()
        .find(|a| a.title == "Utrede gratis kjernetid i SFO")
        .unwrap();
    assert_eq!(made.due, Some(day("2023-11-15")));
    assert_eq!(made.source, "verbalvedtak");

    // The edit form shows the kilde and changes it; free text is kept as typed.
    app.select(made.id);
    app.keys("e");
    while app.field().0 != "Kilde" {
        app.key(KeyCode::Tab);
    }
    assert_eq!(app.field().1, "verbalvedtak");
    app.retype("Formannskapet sak 12/23");
    app.key(KeyCode::Enter);
    assert_eq!(app.assignment(made.id).source, "Formannskapet sak 12/23");
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn esc_on_a_form_with_typed_text_asks_before_throwing_it_away() {
    let mut app = App::demo(120, 35);
    let before = app.store.assignments().unwrap().len();
    // Nothing typed: one Esc closes.
    app.keys("n");
    app.key(KeyCode::Esc);
    assert!(app.state.dialog().is_none());

    app.keys("n");
    app.keys("Et viktig oppdrag");
    app.key(KeyCode::Esc);
    let dialog = app.state.dialog().expect("still open after one Esc");
    assert!(dialog.discarding);
    assert!(app.screen().contains("Forkaste det du har skrevet?"));
    // Any other key goes back to the text, untouched.
    app.keys("n");
    assert_eq!(app.field().1, "Et viktig oppdrag");
    assert!(!app.state.dialog().unwrap().discarding);
    // Esc, then Esc again: gone, and nothing written.
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    assert!(app.state.dialog().is_none());
    assert_eq!(app.store.assignments().unwrap().len(), before);

    // The comment step too, and `j` answers yes.
    app.keys("c");
    app.keys("ringte sektoren");
    app.key(KeyCode::Esc);
    assert!(app.state.dialog().is_some());
    app.keys("j");
    assert!(app.state.dialog().is_none());
}

#[test]
fn a_task_due_after_its_oppdrag_is_saved_with_a_warning() {
    let mut app = App::demo(120, 35);
    let id = open_oppdrag_with_deadline(&app);
    app.select(id);
    let parent_due = app.assignment(id).due.unwrap();
    let later = parent_due + chrono::Duration::days(10);
    app.keys("N");
    app.keys("Kartlegge behov");
    app.key(KeyCode::Tab);
    app.keys(&later.format("%d.%m.%Y").to_string());
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.dialog_error());
    let status = app.status_text();
    let parent_shown = parent_due.format("%d.%m.%Y").to_string();
    assert!(
        status.contains('⚠')
            && status.contains(&format!("#{id}"))
            && status.contains(&parent_shown),
        "{status}"
    );
    assert!(app.screen().contains('⚠'));
    let task = app
        .store
        .assignments()
        .unwrap()
        .into_iter()
        .find(|a| a.title == "Kartlegge behov")
        .unwrap();
    assert_eq!(task.due, Some(later));

    // Moved back within the oppdrag's deadline: no warning.
    app.select(task.id);
    app.keys("d");
    app.retype(&parent_due.format("%d.%m.%Y").to_string());
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    assert!(!app.status_text().contains('⚠'), "{}", app.status_text());
}

#[test]
fn the_wheel_form_edits_tags_and_a_new_dialog_counts_as_a_styringsdialog() {
    let mut app = App::demo(120, 35);
    app.keys("w");
    app.keys("a");
    app.keys("Styringsdialog HOM ekstra");
    app.key(KeyCode::Tab);
    app.retype("3.11");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.dialog_error());
    let made = app
        .store
        .all_wheel_entries()
        .unwrap()
        .into_iter()
        .find(|e| e.title == "Styringsdialog HOM ekstra")
        .unwrap();
    assert_eq!(made.start, day("2023-11-03"));
    assert_eq!(made.tags, vec!["styringsdialog"]);

    // Its tags are in the edit form, and can be changed.
    app.state.wheel_selected = Some(made.id);
    app.keys("e");
    while app.field().0 != "Merker" {
        app.key(KeyCode::Tab);
    }
    assert_eq!(app.field().1, "styringsdialog");
    app.retype("styringsdialog, hom");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.dialog_error());
    let tags = app.store.wheel_entry(made.id).unwrap().tags;
    assert_eq!(tags, vec!["styringsdialog", "hom"]);
    // The briefing's "since the last dialog" finds it among the dialogs.
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn the_report_dialog_names_the_assignment_and_starts_in_the_status() {
    let mut app = App::demo(120, 35);
    let id = open_oppdrag_with_deadline(&app);
    app.select(id);
    app.keys("r");
    let title = app.assignment(id).title;
    let (label, _) = app.field();
    assert_eq!(label, "Status");
    let screen = app.screen();
    let shown: String = title.chars().take(30).collect();
    assert!(screen.contains(&format!("#{id} {shown}")), "{screen}");
    app.retype("fullført");
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{:?}", app.dialog_error());
    assert_eq!(app.assignment(id).status, styr::domain::Status::Done);
}

#[test]
fn snapshot_report_dialog() {
    let mut app = App::demo(100, 30);
    let id = open_oppdrag_with_deadline(&app);
    app.select(id);
    app.keys("r");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn snapshot_discard_question() {
    let mut app = App::demo(100, 30);
    app.keys("n");
    app.keys("Halvskrevet");
    app.key(KeyCode::Esc);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn the_missing_report_view_shows_the_owner_from_120_columns() {
    for (width, shown) in [(120u16, true), (160, true), (100, false)] {
        let mut app = App::demo(width, 35);
        while app.state.view != styr::tui::state::QuickView::MissingReport {
            app.keys("f");
        }
        let screen = app.screen();
        // The list pane alone (the focused pane's heavy border): the detail
        // strip names the selected row's owner too.
        let pane: String = screen
            .lines()
            .filter_map(|line| line.split('┃').nth(1))
            .collect::<Vec<_>>()
            .join("\n");
        // The selected row is always in view.
        let owner = app
            .state
            .rows
            .get(app.state.list_cursor)
            .and_then(|r| app.state.data.assignment(r.id))
            .map(|a| a.owner.chars().take(6).collect::<String>())
            .unwrap();
        assert_eq!(pane.contains(&owner), shown, "{width}: {owner}\n{screen}");
    }
}

#[test]
fn a_status_line_error_clears_on_the_next_successful_action() {
    let mut app = App::demo(120, 35);
    app.keys("ø");
    assert!(app.state.status.as_ref().is_some_and(|s| s.error));
    app.key(KeyCode::Down);
    assert!(app.state.status.is_none(), "{:?}", app.state.status);
    // An action that fails again shows its own error.
    app.keys("ø");
    app.keys("ø");
    assert!(app.state.status.as_ref().is_some_and(|s| s.error));
}

#[test]
fn the_header_keeps_date_and_spaced_chips_from_80_to_160_columns() {
    for width in [80u16, 90, 100, 120, 140, 160] {
        for lang in [Lang::Nb, Lang::En] {
            let mut app = App::demo(width, 30);
            app.state.lang = lang;
            let header = app.screen().lines().next().unwrap().to_string();
            let date = match lang {
                Lang::Nb => "20.09",
                Lang::En => "09-20",
            };
            assert!(header.contains(date), "{width} {lang:?}: {header}");
            assert!(
                header.contains("0 Alle 32 !") || header.contains("0 All 32 !"),
                "{width}: {header}"
            );
            let glued = header
                .as_bytes()
                .windows(2)
                .any(|w| w[0].is_ascii_digit() && w[1] == b'!');
            assert!(
                !glued,
                "{width} {lang:?}: a count runs into its overdue mark: {header}"
            );
            assert!(styr::domain::text::width(&header) <= width as usize);
        }
    }
}

#[test]
fn an_empty_database_says_what_to_do_next() {
    for (lang, needles) in [
        (
            Lang::Nb,
            ["n: nytt oppdrag", "a i målpanelet", "styr import"],
        ),
        (
            Lang::En,
            ["n: new assignment", "a in the goal pane", "styr import"],
        ),
    ] {
        let mut store = Store::in_memory().unwrap();
        styr::assets::initialize(&mut store, "Asker", 2023, None).unwrap();
        let app = App::on(store, 120, 35, lang);
        // The list pane's text, its lines joined.
        let screen: Vec<String> = app
            .screen()
            .lines()
            .filter_map(|l| l.split('┃').nth(1).map(str::trim).map(String::from))
            .collect();
        let screen = screen.join(" ");
        for needle in needles {
            assert!(
                screen.contains(needle),
                "{lang:?}: {needle}\n{}",
                app.screen()
            );
        }
    }
}

#[test]
fn the_undo_dialog_keeps_its_sentences_whole() {
    let mut app = App::demo(70, 30);
    app.keys("u");
    let screen = app.screen();
    // Wrapped between words as one paragraph, not cut after "tilbake;" by
    // a line break written into the text.
    assert!(
        screen
            .lines()
            .any(|l| l.contains("verdien tilbake; ingenting slettes.")),
        "{screen}"
    );
}
