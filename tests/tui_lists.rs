//! Working the list as a governance officer does: marking several rows and
//! changing them at once, jumping to a number, undoing what was just done,
//! withdrawing a mistaken comment, and the list's counts and marks. Keys
//! through `update`, effects against a real store, whole screens drawn.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use styr::domain::{Assessment, Status};
use styr::store::{Stamp, Store};
use styr::tui::data::Snapshot;
use styr::tui::effect::Effect;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg, QuickView};
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
    fn demo(width: u16, height: u16, lang: Lang) -> App {
        std::env::set_var("TZ", "UTC");
        let mut store = Store::in_memory().unwrap();
        styr::assets::load_demo(&mut store).unwrap();
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

    fn selected_id(&self) -> i64 {
        self.state.selected().unwrap().id
    }

    fn row_ids(&self) -> Vec<i64> {
        self.state.rows.iter().map(|r| r.id).collect()
    }
}

#[test]
fn space_marks_rows_and_one_dialog_sets_status_on_all_as_one_undoable_change() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("4"); // OUS
    let ids: Vec<i64> = app.row_ids().into_iter().take(3).collect();
    app.keys("  "); // marks the first two, moving down
    app.keys("V"); // from the second to the third (the cursor)
    assert_eq!(app.state.marked.iter().copied().collect::<Vec<_>>(), {
        let mut sorted = ids.clone();
        sorted.sort();
        sorted
    });
    assert!(app.screen().contains("3 merket"), "{}", app.screen());
    app.keys("s");
    let screen = app.screen();
    assert!(screen.contains("Endre 3 merkede oppdrag"), "{screen}");
    app.keys("fullført");
    app.key(KeyCode::Tab); // vurdering
    app.keys("i rute");
    app.key(KeyCode::Tab); // frist
    app.key(KeyCode::Tab); // ansvarlig
    app.key(KeyCode::Tab); // kommentar
    app.keys("avklart i møtet");
    let before = app.store.events(None, None).unwrap().len();
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{}", app.screen());
    assert!(
        app.status_text().contains("Lagret på 3 oppdrag"),
        "{}",
        app.status_text()
    );
    assert!(app.state.marked.is_empty(), "the marks go once saved");
    for id in &ids {
        let a = app.state.data.assignment(*id).unwrap();
        assert_eq!(a.status, Status::Done);
        assert_eq!(a.assessment, Some(Assessment::Green));
    }
    let events = app.store.events(None, None).unwrap();
    let written = &events[before..];
    assert!(written.iter().all(|e| e.at == written[0].at), "one instant");
    // One change in each history: status and vurdering on one line.
    app.keys(&format!("/#{}", ids[0]));
    app.key(KeyCode::Enter);
    assert_eq!(app.selected_id(), ids[0]);
    app.key(KeyCode::Enter);
    let screen = app.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("avklart i møtet"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(
        line.contains("status:") && line.contains("vurdering:"),
        "{line}"
    );
    app.key(KeyCode::Esc);

    // Undo shows all it takes back before it is confirmed, then takes the
    // whole batch back as one step.
    // (The first two were in progress; the third was done already.)
    app.keys("u");
    let screen = app.screen();
    for id in &ids[..2] {
        assert!(screen.contains(&format!("#{id} status")), "{screen}");
        assert!(screen.contains(&format!("#{id} vurdering")), "{screen}");
    }
    app.key(KeyCode::Enter);
    for id in &ids[..2] {
        let a = app.state.data.assignment(*id).unwrap();
        assert_eq!(a.status, Status::InProgress, "#{id} is back");
    }
    assert!(app.store.diagnose().unwrap().is_ok());
}

#[test]
fn a_stale_row_refuses_the_whole_batch_and_is_named() {
    let mut app = App::demo(160, 45, Lang::En);
    app.keys("4");
    let ids: Vec<i64> = app.row_ids().into_iter().take(2).collect();
    app.keys("  ");
    app.keys("d");
    app.keys("31.12.2023");
    // Someone else changes the second one meanwhile.
    let version = app.state.data.assignment(ids[1]).unwrap().version;
    app.store
        .change(
            ids[1],
            Some(version),
            &[(styr::domain::Field::Owner, Some("Per".into()))],
            None,
            &Stamp::now("per"),
        )
        .unwrap();
    let before = app.store.events(None, None).unwrap().len();
    app.key(KeyCode::Enter);
    let screen = app.screen();
    let error = app.state.dialog().and_then(|d| d.error.clone()).unwrap();
    assert!(error.contains(&ids[1].to_string()), "{error}");
    assert!(error.contains("none of the changes was saved"), "{error}");
    assert_eq!(
        app.store.events(None, None).unwrap().len(),
        before,
        "all or nothing: {screen}"
    );
    // Told, the user saves again over what they now see.
    app.key(KeyCode::Enter);
    assert!(app.state.dialog().is_none(), "{}", app.screen());
    for id in &ids {
        let due = app.state.data.assignment(*id).unwrap().due.unwrap();
        assert_eq!(due.to_string(), "2023-12-31");
    }
}

#[test]
fn a_bad_value_in_the_batch_dialog_keeps_it_open_and_esc_clears_the_marks() {
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys(" ");
    app.keys("v");
    app.keys("blå");
    app.key(KeyCode::Enter);
    let error = app.state.dialog().and_then(|d| d.error.clone()).unwrap();
    assert!(error.contains("blå"), "{error}");
    // The typed text is asked about first; the second Esc throws it away.
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    assert_eq!(app.state.marked.len(), 1);
    app.key(KeyCode::Esc);
    assert!(app.state.marked.is_empty());
    assert!(app.status_text().contains("Merkingen er fjernet"));
}

#[test]
fn hash_number_in_the_search_jumps_and_lifts_the_filters_that_hide_it() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("4"); // OUS only
    app.keys("o"); // and only overdue
    let hidden = app
        .state
        .data
        .assignments
        .iter()
        .find(|a| a.lead_sector == "KUL" && a.year == 2023 && !a.is_task())
        .unwrap()
        .id;
    assert!(!app.row_ids().contains(&hidden));
    app.keys("/");
    app.keys(&format!("#{hidden}"));
    app.key(KeyCode::Enter);
    assert_eq!(app.selected_id(), hidden);
    assert_eq!(app.state.sector, None);
    assert_eq!(app.state.view, QuickView::All);
    assert!(app.state.search.text.is_empty());
    assert!(
        app.status_text()
            .contains("filtrene som skjulte det er fjernet"),
        "{}",
        app.status_text()
    );

    // A number that is listed already moves nothing else.
    app.keys("4");
    let shown = app.row_ids()[1];
    app.keys("/");
    app.keys(&format!("#{shown}"));
    app.key(KeyCode::Enter);
    assert_eq!(app.selected_id(), shown);
    assert_eq!(app.state.sector.as_deref(), Some("OUS"));

    // An unknown number says so and keeps the filters.
    app.keys("/#999");
    app.key(KeyCode::Enter);
    assert_eq!(app.state.sector.as_deref(), Some("OUS"));
    assert!(
        app.status_text().contains("finnes ikke noe oppdrag #999"),
        "{}",
        app.status_text()
    );
    assert!(app.state.status.as_ref().unwrap().error);

    // `#x` is an ordinary search.
    app.keys("/#x");
    app.key(KeyCode::Enter);
    assert_eq!(app.state.search.text, "#x");
    assert!(app.state.rows.is_empty());
}

#[test]
fn hash_number_in_english() {
    let mut app = App::demo(120, 35, Lang::En);
    app.keys("/#999");
    app.key(KeyCode::Enter);
    assert!(
        app.status_text().contains("there is no assignment #999"),
        "{}",
        app.status_text()
    );
}

#[test]
fn the_undo_dialog_lists_what_it_passes_over_before_it_is_confirmed() {
    let mut app = App::demo(160, 45, Lang::En);
    app.keys("4");
    let first = app.selected_id();
    // A status change, then a report on another oppdrag.
    app.keys("s");
    app.keys("3");
    app.key(KeyCode::Enter);
    app.key(KeyCode::Enter);
    app.key(KeyCode::Down);
    let second = app.selected_id();
    // The report form starts in the status field; the comment is the fourth.
    app.keys("r");
    for _ in 0..3 {
        app.key(KeyCode::Tab);
    }
    app.keys("an update");
    app.key(KeyCode::Enter);
    app.keys("u");
    let screen = app.screen();
    assert!(screen.contains(&format!("#{first} status")), "{screen}");
    assert!(screen.contains("passes over"), "{screen}");
    assert!(screen.contains(&format!("#{second} report")), "{screen}");
    assert!(screen.contains("withdraw it in the history"), "{screen}");
    app.key(KeyCode::Esc);
}

#[test]
fn a_mistaken_comment_is_withdrawn_and_shown_struck_in_the_history() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("c");
    app.keys("feil oppdrag");
    app.key(KeyCode::Enter);
    let id = app.selected_id();
    let comment = app
        .store
        .events(Some(id), None)
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(comment.comment.as_deref(), Some("feil oppdrag"));
    app.keys("x");
    let screen = app.screen();
    assert!(screen.contains("Trekk tilbake"), "{screen}");
    assert!(screen.contains("feil oppdrag"), "{screen}");
    app.keys("skrevet på feil oppdrag");
    app.key(KeyCode::Enter);
    assert!(
        app.status_text()
            .contains(&format!("Hendelse {} er trukket tilbake", comment.id)),
        "{}",
        app.status_text()
    );
    let log = app.store.events(Some(id), None).unwrap();
    assert!(log.iter().any(|e| e.id == comment.id), "nothing erased");
    let last = log.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.undoes),
        ("withdrawn", Some(comment.id))
    );
    app.key(KeyCode::Enter);
    let screen = app.screen();
    assert!(screen.contains("[trukket tilbake]"), "{screen}");
    assert!(
        screen.contains(&format!("trakk tilbake hendelse {}", comment.id)),
        "{screen}"
    );
    assert!(app.store.diagnose().unwrap().is_ok());
    // Nothing more to withdraw is said, not done twice.
    app.key(KeyCode::Esc);
    let before = app.store.events(None, None).unwrap().len();
    app.keys("x");
    if app.state.dialog().is_some() {
        // An older comment of the demo's history: cancel.
        app.key(KeyCode::Esc);
    }
    assert_eq!(app.store.events(None, None).unwrap().len(), before);
}

#[test]
fn the_list_title_counts_oppdrag_and_tasks_apart_and_o_is_the_overdue_view() {
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("o");
    assert_eq!(app.state.view, QuickView::Overdue);
    let tasks = app
        .state
        .rows
        .iter()
        .filter(|r| app.state.data.assignment(r.id).unwrap().is_task())
        .count();
    let oppdrag = app.state.rows.len() - tasks;
    let screen = app.screen();
    let expected = match tasks {
        0 => format!("Oppdrag ({oppdrag})"),
        1 => format!("Oppdrag ({oppdrag} + 1 oppgave)"),
        n => format!("Oppdrag ({oppdrag} + {n} oppgaver)"),
    };
    assert!(screen.contains(&expected), "{expected}\n{screen}");
    let title = screen.lines().nth(1).unwrap();
    assert_eq!(title.matches("forfalt").count(), 1, "{title}");
    // `f` goes on from the same view: o and f are one filter.
    app.keys("f");
    assert_eq!(app.state.view, QuickView::DueSoon);
    app.keys("o");
    assert_eq!(app.state.view, QuickView::Overdue);
    app.keys("o");
    assert_eq!(app.state.view, QuickView::All);
}

/// The list's lines as drawn, whatever fits on the screen: checks that
/// every task stands right under its oppdrag, under another task of it, or
/// under the line naming its oppdrag (which is never a row); returns the
/// ids those lines name.
fn parent_lines(app: &App) -> Vec<i64> {
    use styr::tui::state::{list_lines, ListLine};
    let state = &app.state;
    let lines = list_lines(state, state.rows.len() * 3 + 10);
    let mut named = Vec::new();
    let mut above: Option<&ListLine> = None;
    for line in &lines {
        if let ListLine::Row(i) = line {
            let a = state.data.assignment(state.rows[*i].id).unwrap();
            if let Some(parent) = a.parent_id {
                let fits = match above {
                    Some(ListLine::Parent(p)) => *p == parent,
                    Some(ListLine::Row(j)) => {
                        let b = state.data.assignment(state.rows[*j].id).unwrap();
                        b.id == parent || b.parent_id == Some(parent)
                    }
                    _ => false,
                };
                assert!(fits, "task #{} stands alone: {lines:?}", a.id);
            }
        }
        if let ListLine::Parent(p) = line {
            named.push(*p);
        }
        above = Some(line);
    }
    named
}

#[test]
fn a_task_whose_oppdrag_is_filtered_out_shows_under_its_title_dimmed() {
    let mut app = App::demo(160, 45, Lang::Nb);
    // Task #41 is overdue under oppdrag #11, which is not.
    app.keys("o");
    assert_eq!(parent_lines(&app), vec![11]);
    let parent = app.state.data.assignment(11).unwrap().title.clone();
    let task = app.state.data.assignment(41).unwrap().title.clone();
    let screen = app.screen();
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&parent))
        .unwrap_or_else(|| panic!("{screen}"));
    let head: String = task.chars().take(20).collect();
    assert!(lines[at + 1].contains(&format!("└ {head}")), "{screen}");
    // The oppdrag's line shows its title and sector only: no status, no
    // deadline, and it is not counted (8 oppdrag and 2 tasks are listed).
    assert!(
        !lines[at].contains("Pågår") && !lines[at].contains("15.10"),
        "{}",
        lines[at]
    );
    assert!(screen.contains("Oppdrag (8 + 2 oppgaver)"), "{screen}");
    assert!(!app.row_ids().contains(&11));
    // Dimmed: the title's cells are drawn in the dim style.
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).unwrap();
    let theme = styr::tui::theme::Theme {
        color: false,
        ..styr::tui::theme::Theme::colored()
    };
    terminal
        .draw(|f| styr::tui::view::draw(f, &app.state, theme))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let x = lines[at]
        .find(&parent)
        .map(|b| lines[at][..b].chars().count())
        .unwrap() as u16;
    let dim = |x: u16, y: usize| {
        buffer[(x, y as u16)]
            .modifier
            .contains(ratatui::style::Modifier::DIM)
    };
    assert!(dim(x, at), "the oppdrag's title is dimmed");
    assert!(!dim(x + 4, at + 1), "the task's is not");
    // Not selectable: the cursor goes from the row above straight to the task.
    let above = app.row_ids().iter().position(|id| *id == 41).unwrap() - 1;
    app.state.list_cursor = above;
    app.keys("j");
    assert_eq!(app.selected_id(), 41);
    app.keys("k");
    assert_ne!(app.selected_id(), 11);

    // Every view and filter: no task ever stands as if it were an oppdrag.
    let mut app = App::demo(160, 45, Lang::En);
    let mut named_somewhere = 0;
    for keys in ["", "o", "2o", "2", "4", "f", "ff", "fff", "ffff", "fffff"] {
        app.keys("0");
        while app.state.view != QuickView::All {
            app.keys("f");
        }
        app.keys(keys);
        named_somewhere += parent_lines(&app).len();
    }
    for search in ["HR-tiltak", "sommertilbud", "risikoverksteder"] {
        app.key(KeyCode::Esc);
        app.keys(&format!("/{search}"));
        app.key(KeyCode::Enter);
        assert!(!app.state.rows.is_empty(), "{search}");
        let named = parent_lines(&app);
        if search == "HR-tiltak" {
            assert_eq!(named, vec![11], "{}", app.screen());
        }
        named_somewhere += named.len();
    }
    assert!(named_somewhere > 3);
}

/// `styr list --overdue` and the TUI's `o` list the same rows in the same
/// order, under every sector, and count them the same way.
#[test]
fn list_overdue_and_o_list_the_same_oppdrag_and_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::cli::demo(dir.path());
    let mut app = App::demo(160, 45, Lang::Nb);
    app.keys("o");
    let sectors: Vec<String> = app
        .state
        .data
        .sectors
        .iter()
        .map(|s| s.code.clone())
        .collect();
    for (n, code) in std::iter::once(None)
        .chain(sectors.iter().map(Some))
        .enumerate()
    {
        app.keys(&n.to_string());
        assert_eq!(app.state.view, QuickView::Overdue);
        let mut cmd = common::cli::styr_en(&db);
        cmd.args(["list", "--overdue", "--format", "json"]);
        if let Some(code) = code {
            cmd.args(["--sector", code]);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", common::cli::text(&out.stderr));
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let cli: Vec<i64> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(cli, app.row_ids(), "{code:?}");
    }
    app.keys("0");
    assert!(
        app.row_ids().contains(&41),
        "the demo's overdue task under a current oppdrag"
    );
    // The table names the rows and counts them as the TUI's title does.
    for (lang, summary, title) in [
        (
            common::cli::Lang::Nb,
            "8 oppdrag og 2 oppgaver, 10 forfalt",
            "Oppdrag (8 + 2 oppgaver)",
        ),
        (
            common::cli::Lang::En,
            "8 assignments and 2 tasks, 10 overdue",
            "Assignments (8 + 2 tasks)",
        ),
    ] {
        let out = common::cli::dated_styr(&db, "kari", lang)
            .args(["list", "--overdue"])
            .output()
            .unwrap();
        let text = common::cli::text(&out.stdout);
        assert!(text.contains(summary), "{text}");
        let ids: Vec<&str> = text
            .lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        let mut expected: Vec<String> = app.row_ids().iter().map(|id| id.to_string()).collect();
        let at = expected.iter().position(|id| id == "41").unwrap();
        expected.insert(at, "(11)".into());
        assert_eq!(ids, expected, "{text}");
        let task = text.lines().find(|l| l.starts_with("41 ")).unwrap();
        assert!(task.contains("└ Innarbeide"), "{task}");
        let tui = App::demo(
            160,
            45,
            if lang == common::cli::Lang::Nb {
                Lang::Nb
            } else {
                Lang::En
            },
        );
        let mut tui = tui;
        tui.keys("o");
        assert!(tui.screen().contains(title), "{}", tui.screen());
    }
}

#[test]
fn narrow_marks_read_in_both_languages_and_help_explains_every_mark() {
    for lang in [Lang::Nb, Lang::En] {
        let mut app = App::demo(80, 24, lang);
        let screen = app.screen();
        assert!(
            !screen.contains(" G ") && !screen.contains(" Y "),
            "{screen}"
        );
        app.keys("?");
        // The legend is filterable like the keys.
        let word = match lang {
            Lang::Nb => "risiko",
            Lang::En => "at risk",
        };
        app.keys(word);
        let screen = app.screen();
        assert!(screen.contains('▲'), "{screen}");
        app.key(KeyCode::Esc);
    }
}

#[test]
fn the_selected_row_shows_no_overdue_block_unless_overdue() {
    let mut app = App::demo(120, 35, Lang::Nb);
    // Move to the first row that is not overdue.
    let first_ok = app
        .state
        .rows
        .iter()
        .position(|r| !app.state.data.assignment(r.id).unwrap().is_overdue(today()))
        .unwrap();
    for _ in 0..first_ok {
        app.key(KeyCode::Down);
    }
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 35)).unwrap();
    terminal
        .draw(|frame| styr::tui::view::draw(frame, &app.state, styr::tui::theme::Theme::colored()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let overdue_fg = styr::tui::theme::Theme::colored().overdue().fg;
    let reversed_row = (0..buffer.area.height).find(|&y| {
        (0..buffer.area.width).any(|x| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
    });
    let y = reversed_row.expect("a selected row");
    let blank_red = (0..buffer.area.width).any(|x| {
        let cell = &buffer[(x, y)];
        cell.symbol() == " "
            && cell.modifier.contains(ratatui::style::Modifier::REVERSED)
            && cell.fg == overdue_fg.unwrap_or_default()
            && overdue_fg.is_some()
    });
    assert!(!blank_red, "a red block on a row that is not overdue");
}

#[test]
fn snapshot_batch_dialog_and_help_legend() {
    let mut app = App::demo(120, 35, Lang::Nb);
    app.keys("  ");
    app.keys("s");
    insta::assert_snapshot!("lists_batch_dialog", app.screen());
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    app.keys("?tegn");
    insta::assert_snapshot!("lists_help_legend_nb", app.screen());
    let mut en = App::demo(120, 35, Lang::En);
    en.keys("?symbols");
    insta::assert_snapshot!("lists_help_legend_en", en.screen());
}

/// A deadline that leaves a task due after its oppdrag is saved, and the
/// status line says so, whether the task's or the oppdrag's was moved.
#[test]
fn a_task_due_after_its_oppdrag_is_saved_with_a_note_in_the_status_line() {
    let mut app = App::demo(160, 45, Lang::Nb);
    let ctrl_u = || Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let set_due = |app: &mut App, id: i64, typed: &str| {
        app.keys(&format!("/#{id}"));
        app.key(KeyCode::Enter);
        assert_eq!(app.selected_id(), id);
        app.keys("d");
        app.send(ctrl_u());
        app.keys(typed);
        app.key(KeyCode::Enter);
        app.key(KeyCode::Enter);
        assert!(app.state.dialog().is_none(), "{}", app.screen());
    };
    // Oppdrag #11 is due 15.10; its task #41 15.09.
    set_due(&mut app, 41, "1.11");
    let status = app.status_text();
    assert!(
        status.contains("fristen til oppdrag #11 (15.10.2023)"),
        "{status}"
    );
    assert_eq!(
        app.store.assignment(41).unwrap().due.unwrap().to_string(),
        "2023-11-01"
    );
    set_due(&mut app, 41, "1.10");
    assert!(!app.status_text().contains('⚠'), "{}", app.status_text());
    // The oppdrag moved before its task.
    set_due(&mut app, 11, "1.9");
    let status = app.status_text();
    assert!(
        status.contains(
            "oppgave #41 har frist 01.10.2023, etter fristen til oppdrag #11 (01.09.2023)"
        ),
        "{status}"
    );
    assert_eq!(
        app.store.assignment(11).unwrap().due.unwrap().to_string(),
        "2023-09-01"
    );
}

#[test]
fn snapshot_a_task_under_its_hidden_oppdrag_at_80x24() {
    for lang in [Lang::Nb, Lang::En] {
        let mut app = App::demo(80, 24, lang);
        app.keys("o");
        // The last rows, where the task stands under its oppdrag's title.
        app.keys("G");
        insta::assert_snapshot!(format!("lists_hidden_oppdrag_80x24_{lang:?}"), app.screen());
    }
}

/// Scrolled so that a task is the top row, its oppdrag (out of sight
/// above) is named over it, dimmed, rather than the task standing alone.
#[test]
fn a_task_at_the_top_of_a_scrolled_list_has_its_oppdrag_named_above_it() {
    use styr::tui::state::{list_lines, ListLine};
    let mut app = App::demo(80, 24, Lang::En);
    app.keys("ffff");
    assert_eq!(app.state.view, QuickView::Done);
    // Done tasks #42 and #43 stand under a dimmed line naming oppdrag #16,
    // which is not done.
    let at = |app: &App, id: i64| app.row_ids().iter().position(|r| *r == id).unwrap();
    assert_eq!(at(&app, 43), at(&app, 42) + 1);
    assert!(!app.row_ids().contains(&16));
    // Scrolled so that #43 is the top row: #42 and the line are out of sight.
    app.state.list_cursor = at(&app, 43);
    app.state.list_offset = at(&app, 43);
    let lines = list_lines(&app.state, 12);
    assert_eq!(lines[0], ListLine::Parent(16), "{lines:?}");
    assert_eq!(lines[1], ListLine::Row(at(&app, 43)), "{lines:?}");
    let title = &app.state.data.assignment(16).unwrap().title;
    let head: String = title.chars().take(20).collect();
    app.state.list_offset = 0;
    app.keys("k");
    app.keys("j");
    let screen = app.screen();
    assert!(screen.contains(&head), "{screen}");
}
