//! Hostile text in titles, owners, descriptions and comments: stored and
//! exported exactly as given, never reaching the terminal raw, and aligned
//! by display width in the CLI's tables and the TUI.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use styr::domain::Today;
use styr::store::Store;
use styr::tui::data::Snapshot;
use styr::tui::keymap::Keymap;
use styr::tui::state::{update, AppState, Msg};
use styr::tui::theme::Theme;
use styr::tui::view;
use unicode_width::UnicodeWidthStr;

mod common;
use common::cli::{dated_styr, Lang, ACTOR};

/// Each a way text could change a terminal or break alignment.
fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("ansi", "Rød \u{1b}[31mFARE\u{1b}[0m slutt".into()),
        ("osc title", "tittel \u{1b}]0;pwned\u{7} etter".into()),
        (
            "osc clipboard",
            "utklipp \u{1b}]52;c;aGk=\u{1b}\\ etter".into(),
        ),
        ("clear screen", "tøm \u{1b}[2J\u{1b}[H skjerm".into()),
        ("bel", "ring\u{7}\u{7} bjelle".into()),
        ("cr", "skriv\rover".into()),
        ("tabs", "a\tb\t\tc".into()),
        ("zero width", "null\u{200b}bredde\u{feff}".into()),
        ("rtl", "høyre\u{202e}venstre\u{2067}isolert".into()),
        ("combining", "e\u{301}e\u{301} a\u{30a}".into()),
        ("emoji", "👩‍👩‍👧 familie 🇳🇴".into()),
        ("wide", "日本語のタイトル".into()),
        ("c1 control", "c1\u{9b}31m slutt".into()),
        ("long", format!("Lang {}", "x".repeat(10_000))),
    ]
}

/// What must never reach the terminal.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = dated_styr(db, ACTOR, Lang::Nb).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A demo database with one KUL assignment per hostile text (title, owner,
/// description and comment all hostile); returns (id, name, text).
fn hostile_db(dir: &Path) -> (std::path::PathBuf, Vec<(i64, &'static str, String)>) {
    let db = dir.join("styr.db");
    run(&db, &["demo"]);
    let mut made = Vec::new();
    for (name, text) in hostile() {
        let out = run(
            &db,
            &[
                "add",
                "--title",
                &text,
                "--sector",
                "KUL",
                "--owner",
                &text,
                "--description",
                &text,
                "--comment",
                &text,
                "--json",
            ],
        );
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        made.push((json["id"].as_i64().unwrap(), name, text));
    }
    (db, made)
}

#[test]
fn hostile_text_is_stored_and_exported_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let (db, made) = hostile_db(dir.path());
    let list: serde_json::Value =
        serde_json::from_str(&run(&db, &["list", "--sector", "KUL", "--format", "json"])).unwrap();
    for (id, name, text) in &made {
        let a = list
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == *id)
            .unwrap();
        for field in ["title", "owner", "description"] {
            assert_eq!(a[field].as_str(), Some(text.as_str()), "{name}: {field}");
        }
        let shown: serde_json::Value =
            serde_json::from_str(&run(&db, &["show", &id.to_string(), "--format", "json"]))
                .unwrap();
        assert_eq!(
            shown["history"][0]["comment"].as_str(),
            Some(text.as_str()),
            "{name}: comment"
        );
    }
    let csv_text = run(&db, &["list", "--sector", "KUL", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let title = headers.iter().position(|h| h == "title").unwrap();
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[title].to_string())
        .collect();
    for (_, name, text) in &made {
        assert!(titles.contains(text), "{name}: CSV");
    }
    let store = Store::open(&db).unwrap();
    assert!(store.diagnose().unwrap().is_ok());
}

#[test]
fn cli_tables_are_safe_and_aligned_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let (db, made) = hostile_db(dir.path());
    let table = run(&db, &["list", "--sector", "KUL"]);
    assert!(!table.chars().any(unsafe_char), "{table:?}");
    let lines: Vec<&str> = table.lines().collect();
    // The sector column starts at the same display column on every row.
    let header = lines[0];
    let column = header[..header.find("Sektor").unwrap()].width();
    let rows: Vec<&&str> = lines[1..].iter().filter(|l| l.contains(" KUL ")).collect();
    assert!(rows.len() >= made.len());
    for row in rows {
        let at = row.find(" KUL ").unwrap() + 1;
        assert_eq!(row[..at].width(), column, "misaligned: {row}");
    }
    for (id, name, _) in &made {
        for args in [
            vec!["show".to_string(), id.to_string()],
            vec!["log".to_string(), id.to_string()],
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run(&db, &args);
            assert!(!out.chars().any(unsafe_char), "{name}: {args:?}: {out:?}");
        }
    }
}

#[test]
fn the_tui_draws_hostile_text_safely_and_keeps_its_borders() {
    let dir = tempfile::tempdir().unwrap();
    let (db, made) = hostile_db(dir.path());
    let store = Store::open(&db).unwrap();
    let today = Today(NaiveDate::from_ymd_opt(2023, 9, 20).unwrap());
    for (width, height) in [(160, 45), (120, 35), (80, 24), (40, 12)] {
        let mut state = AppState::new(
            Snapshot::load(&store).unwrap(),
            today,
            Keymap::default(),
            (width, height),
        );
        for ((id, name, _), open) in made.iter().flat_map(|m| [(m, false), (m, true)]) {
            state.list_cursor = state.rows.iter().position(|r| r.id == *id).unwrap();
            let history = || Msg::History(*id, store.events(Some(*id), None).unwrap());
            update(&mut state, history());
            if open {
                update(
                    &mut state,
                    Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
                );
                update(&mut state, history());
            }
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal
                .draw(|frame| {
                    view::draw(
                        frame,
                        &state,
                        Theme {
                            color: false,
                            ..Theme::colored()
                        },
                    )
                })
                .unwrap();
            if open {
                update(
                    &mut state,
                    Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
                );
            }
            let buffer = terminal.backend().buffer().clone();
            let mut rows = Vec::new();
            for y in 0..height {
                let mut line = String::new();
                let mut x = 0;
                while x < width {
                    let symbol = buffer[(x, y)].symbol();
                    assert!(
                        !symbol.chars().any(unsafe_char),
                        "{name} at {width}x{height}: cell ({x},{y}) holds {symbol:?}"
                    );
                    line.push_str(symbol);
                    // A wide character covers the cells after it.
                    x += symbol.width().max(1) as u16;
                }
                rows.push(line);
            }
            // No row runs past the terminal's width, and the right border
            // of the panes stays in its column.
            for row in &rows {
                assert!(row.width() <= width as usize, "{name}: {row}");
            }
            let last = rows[1..rows.len() - 1]
                .iter()
                .filter(|r| r.ends_with(['│', '┃', '┐', '┓', '┘', '┛']))
                .count();
            assert!(
                last > 0,
                "{name} at {width}x{height}: no right border:\n{}",
                rows.join("\n")
            );
        }
    }
}
