//! Random use: thousands of random keys and resizes fed to the TUI on the
//! demo database, effects run against a real file; it never panics, every
//! frame draws, and `doctor` passes afterwards. And the parsers of outside
//! input, fed random text, either parse or refuse, never panic.
//!
//! `STYR_SOAK=1` runs more cases.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use styr::domain::date::parse_date;
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::theme::Theme;
use styr::tui::{view, Runner};

mod common;
use common::{soak, today};

fn cases(ci: u32) -> u32 {
    if soak() {
        ci * 10
    } else {
        ci
    }
}

/// One input: a key (with modifiers) or a resize.
#[derive(Debug, Clone)]
enum Input {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        // Bound keys often, so dialogs open and edits are written.
        8 => proptest::sample::select(
            "0123456789jkgGhlsvdecnNuwmfo/?qJK ab-.:æøå".chars().collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        4 => proptest::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::F(5),
        ]),
    ]
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        30 => (key_code(), proptest::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::NONE,
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::ALT,
        ]))
            .prop_map(|(code, modifiers)| Input::Key(code, modifiers)),
        1 => (1u16..250, 1u16..80).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

/// Feeds `inputs` to the TUI on a demo file, running every effect against it
/// and drawing after each input, as the real loop does; `q` is skipped so the
/// whole sequence is used.
fn drive(inputs: &[Input]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::create(&path).unwrap();
    // Durability is the crash test's concern; here it would only cost time.
    store.set_durable(false).unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    let today = today();
    let mut state = AppState::new(
        Snapshot::load(&store).unwrap(),
        today,
        Keymap::default(),
        (120, 35),
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    let mut runner = Runner::new(&mut store, "tilfeldig", today).unwrap();
    // A briefing saved with `b` then `s` goes beside the database, not into the tree.
    runner.set_output_dir(dir.path().to_path_buf());
    let effects = state.start();
    runner.settle(&mut state, effects);
    for input in inputs {
        let msg = match *input {
            Input::Key(KeyCode::Char('q'), _) => continue,
            Input::Key(KeyCode::Char('c'), m) if m.contains(KeyModifiers::CONTROL) => continue,
            Input::Key(code, modifiers) => Msg::Key(KeyEvent::new(code, modifiers)),
            Input::Resize(w, h) => {
                terminal.backend_mut().resize(w, h);
                Msg::Resize(w, h)
            }
        };
        let effects = update(&mut state, msg);
        runner.settle(&mut state, effects);
        terminal
            .draw(|frame| view::draw(frame, &state, Theme::colored()))
            .unwrap();
        assert!(!state.quit);
    }
    let diagnosis = store.diagnose().unwrap();
    assert!(diagnosis.is_ok(), "{:?}", diagnosis.problems);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(8),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_keys_and_resizes_never_panic_and_doctor_passes(
        inputs in proptest::collection::vec(input(), 150..300)
    ) {
        drive(&inputs);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(2000),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// Any text: a date comes back, or an error naming the text; never a panic.
    #[test]
    fn date_parsing_accepts_or_refuses_any_text(text in any::<String>()) {
        match parse_date(&text) {
            Ok(date) => prop_assert!((1000..=9999).contains(&date.year())),
            Err(e) => prop_assert!(e.to_string().contains(text.trim())),
        }
    }

    /// Text shaped like a date: valid days round-trip in both formats,
    /// impossible ones are refused.
    #[test]
    fn date_parsing_round_trips_both_formats(
        year in 900i32..10100, month in 0u32..14, day in 0u32..33,
        pad in proptest::bool::ANY,
    ) {
        let iso = format!("{year:04}-{month:02}-{day:02}");
        let nb = if pad { format!("{day:02}.{month:02}.{year}") } else { format!("{day}.{month}.{year}") };
        let real = NaiveDate::from_ymd_opt(year, month, day)
            .filter(|_| (1000..=9999).contains(&year));
        prop_assert_eq!(parse_date(&iso).ok(), real, "{}", iso);
        prop_assert_eq!(parse_date(&nb).ok(), real, "{}", nb);
        prop_assert_eq!(parse_date(&format!("  {iso}\t")).ok(), real);
    }

    /// A date field's text: whatever the full forms accept means the same;
    /// anything else is `dd.mm` in the plan year, `+N` days from today, or a
    /// refusal naming the text, never a panic.
    #[test]
    fn typed_dates_are_full_dates_short_dates_or_days_ahead(
        text in prop_oneof![
            any::<String>(),
            "[0-9]{1,3}\\.[0-9]{1,3}\\.?",
            "\\+[0-9x]{0,7}",
        ],
        year in 1000i32..10000,
        offset in 0i64..2_000_000,
    ) {
        use styr::domain::date::{parse_typed_date, DateContext};
        let today = NaiveDate::from_ymd_opt(1000, 1, 1).unwrap() + chrono::Duration::days(offset);
        let context = DateContext { year, today };
        let trimmed = text.trim();
        match parse_typed_date(&text, context) {
            Ok(date) => {
                prop_assert!((1000..=9999).contains(&date.year()));
                if let Ok(full) = parse_date(&text) {
                    prop_assert_eq!(date, full);
                } else if let Some(days) = trimmed.strip_prefix('+') {
                    let days: i64 = days.parse().unwrap();
                    prop_assert_eq!(date, today + chrono::Duration::days(days));
                } else {
                    let mut parts = trimmed.trim_end_matches('.').split('.');
                    let day: u32 = parts.next().unwrap().parse().unwrap();
                    let month: u32 = parts.next().unwrap().parse().unwrap();
                    prop_assert_eq!(date, NaiveDate::from_ymd_opt(year, month, day).unwrap());
                }
            }
            Err(e) => {
                prop_assert!(parse_date(&text).is_err());
                prop_assert!(e.to_string().contains(trimmed));
            }
        }
    }

    /// `dd.mm` is that day of the plan year exactly when the plan year has it.
    #[test]
    fn short_dates_are_the_plan_years_day_or_refused(
        year in 1000i32..10000, month in 0u32..14, day in 0u32..33, pad in proptest::bool::ANY,
    ) {
        use styr::domain::date::{parse_typed_date, DateContext};
        let context = DateContext { year, today: NaiveDate::from_ymd_opt(2023, 9, 20).unwrap() };
        let text = if pad { format!("{day:02}.{month:02}") } else { format!("{day}.{month}") };
        prop_assert_eq!(
            parse_typed_date(&text, context).ok(),
            NaiveDate::from_ymd_opt(year, month, day)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(1000),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// The words a user types for statuses, vurderinger, fields, årshjul
    /// kinds and goal kinds: any text parses or is refused, never panics,
    /// and what is accepted is a known value.
    #[test]
    fn word_parsers_accept_known_words_or_refuse(text in any::<String>()) {
        use styr::domain::{Assessment, Field, GoalKind, Status, WheelKind};
        if let Ok(status) = Status::parse(&text) {
            prop_assert!(Status::ALL.contains(&status));
        }
        if let Ok(Some(assessment)) = Assessment::parse(&text) {
            prop_assert!(Assessment::ALL.contains(&assessment));
        }
        if let Ok(field) = Field::parse(&text) {
            prop_assert_eq!(field.as_str(), text.as_str());
        }
        let _ = WheelKind::parse(&text);
        let _ = GoalKind::parse(&text);
    }

    /// `brief --since/--until`: a dialog word, a date, or the date parser's refusal.
    #[test]
    fn briefing_bounds_are_a_dialog_word_or_a_date(text in any::<String>()) {
        use styr::report::brief::window::Bound;
        match Bound::parse(&text) {
            Ok(Bound::Date(date)) => prop_assert_eq!(parse_date(&text).ok(), Some(date)),
            Ok(Bound::Dialog) => prop_assert!(text.trim().ends_with("dialog")),
            Ok(Bound::Default) => prop_assert!(false, "Default is never parsed"),
            Err(_) => prop_assert!(parse_date(&text).is_err()),
        }
    }

    /// Every known word parses back to itself, in any case and with spaces around.
    #[test]
    fn known_words_round_trip(upper in proptest::bool::ANY, pad in "[ \t]{0,2}") {
        use styr::domain::{Assessment, Status, WheelKind};
        let shape = |w: &str| {
            let w = if upper { w.to_uppercase() } else { w.to_string() };
            format!("{pad}{w}{pad}")
        };
        for status in Status::ALL {
            prop_assert_eq!(Status::parse(&shape(status.as_str())).ok(), Some(status));
        }
        for assessment in Assessment::ALL {
            prop_assert_eq!(
                Assessment::parse(&shape(assessment.as_str())).ok(),
                Some(Some(assessment))
            );
        }
        for kind in [WheelKind::Administrative, WheelKind::Political] {
            prop_assert_eq!(WheelKind::parse(&shape(kind.as_str())), Some(kind));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(1000),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// Any text as a configuration file: accepted, or refused with a line
    /// inside the file and a one-line message; never a panic.
    #[test]
    fn config_parsing_accepts_or_refuses_any_text(text in any::<String>()) {
        let _accepted_or_refused = check_config(&text)?;
    }

    /// Text shaped like a configuration file, with real and made-up keys,
    /// actions, key names and colours: what is accepted gives a keymap.
    #[test]
    fn config_shaped_text_is_accepted_only_when_it_makes_sense(
        actor in "[a-zA-Zæøå \\t]{0,12}",
        lang in prop::sample::select(vec!["nb", "en", "de", ""]),
        role in prop::sample::select(vec!["focus", "border", "dim", "overdue", "colour", "x"]),
        color in prop::sample::select(vec!["red", "#ff8800", "#ff88", "255", "256", "light-blue", "plaid"]),
        action in prop::sample::select(vec!["quit", "set-status", "sector-3", "help", "brief", "fly", "save-brief"]),
        keys in proptest::collection::vec(
            prop::sample::select(vec!["q", "S", "Ctrl-R", "F5", "F13", "Alt-x", "PgDn", "?", "", "Ctrl-", "s", "b"]),
            0..3,
        ),
    ) {
        let keys: Vec<String> = keys.iter().map(|k| format!("{k:?}")).collect();
        let text = format!(
            "actor = {actor:?}\nlang = {lang:?}\n[colors]\n{role} = {color:?}\n[keys]\n{action} = [{}]\n",
            keys.join(", ")
        );
        if let Ok(config) = check_config(&text)? {
            prop_assert!(config.keymap().is_ok());
        }
    }
}

/// Parses a configuration text and checks the shape of a refusal.
fn check_config(text: &str) -> Result<Result<styr::config::Config, ()>, TestCaseError> {
    match styr::config::Config::parse(text) {
        Ok(config) => Ok(Ok(config)),
        Err(e) => {
            let lines = text.split('\n').count().max(1);
            prop_assert!(e.line >= 1 && e.line <= lines, "line {} of {lines}", e.line);
            for lang in [styr::words::Lang::Nb, styr::words::Lang::En] {
                let message = e.message(lang);
                prop_assert!(!message.contains('\n'), "{:?}", message);
                prop_assert!(!message.is_empty());
            }
            Ok(Err(()))
        }
    }
}
