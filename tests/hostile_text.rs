//! Hostile text in titles, owners, descriptions and comments: stored and
//! exported exactly as given (a file format's escapes read back to the
//! original), never reaching the terminal raw in any output format, never
//! running as a formula in a spreadsheet, and aligned by display width in
//! the CLI's tables and the TUI.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use styr::domain::Today;
use styr::import::cell::decode;
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
        (
            "bidi marks",
            "arabisk\u{61c} merke\u{200e}\u{200f} slutt".into(),
        ),
        ("del", "slett\u{7f}tegn".into()),
        (
            "formula",
            "=HYPERLINK(\"http://x.example\";\"klikk\")".into(),
        ),
        ("at formula", "@SUM(1+1)".into()),
        ("minus", "-2+3".into()),
        ("plus", "+47 22 00 00 00".into()),
        ("quote", "'sitat' først".into()),
        (
            "literal escape",
            "C:\\mappe\\u001B ikke en escape \\u0041".into(),
        ),
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
                &format!("--title={text}"),
                "--sector",
                "KUL",
                &format!("--owner={text}"),
                &format!("--description={text}"),
                &format!("--comment={text}"),
                "--due",
                "2023-12-01",
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
    // The CSV's escapes, read back as `styr import` reads them, give the
    // exact text.
    let titles: Vec<String> = reader
        .records()
        .map(|r| decode(&r.unwrap()[title]).into_owned())
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

/// The text outputs of every format, each as a file or a pipe would get
/// it (not a terminal: there the table and `show` are sanitised anyway).
fn every_output(db: &Path, dir: &Path, ids: &[i64]) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    let mut take = |args: &[&str]| {
        outputs.push((args.join(" "), run(db, args)));
    };
    // Text: sanitised for the terminal (domain::text::sanitize_line).
    take(&["list", "--tasks"]);
    take(&["list", "--tasks", "--format", "json"]);
    take(&["list", "--tasks", "--format", "csv"]);
    take(&["list", "--sector", "KUL", "--format", "csv"]);
    take(&["export"]);
    take(&["export", "--format", "csv"]);
    take(&["export", "--format", "csv", "--excel"]);
    take(&["log", "--format", "json"]);
    take(&["brief", "--sector", "KUL"]);
    take(&["brief", "--sector", "KUL", "--format", "html"]);
    take(&["wheel", "--format", "svg"]);
    take(&["wheel", "--format", "ics"]);
    for id in ids {
        let id = id.to_string();
        take(&["show", &id]);
        take(&["show", &id, "--format", "json"]);
        take(&["log", &id]);
    }
    // A workbook's cells, as a spreadsheet reader gets them.
    let book = dir.join("hostile.xlsx");
    run(
        db,
        &["export", "--format", "xlsx", "-o", book.to_str().unwrap()],
    );
    let mut workbook = calamine::open_workbook_auto(&book).unwrap();
    use calamine::Reader;
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).unwrap();
        let cells: Vec<String> = range
            .rows()
            .flat_map(|r| r.iter().map(|c| c.to_string()))
            .collect();
        outputs.push((format!("xlsx {sheet}"), cells.join("\n")));
    }
    outputs
}

#[test]
fn no_output_format_lets_a_control_or_bidi_character_through() {
    let dir = tempfile::tempdir().unwrap();
    let (db, made) = hostile_db(dir.path());
    let ids: Vec<i64> = made.iter().map(|m| m.0).collect();
    for (what, out) in every_output(&db, dir.path(), &ids) {
        // CSV for Excel and iCalendar end their lines with CRLF; a CR in
        // the text itself is escaped.
        // The Excel CSV starts with a byte-order mark, as Excel's own does.
        let out = out.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let found: Vec<char> = out.chars().filter(|c| unsafe_char(*c)).collect();
        assert!(found.is_empty(), "{what}: {found:?}");
    }
}

/// The cells of a CSV text with `delimiter`.
fn csv_cells(text: &str, delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[test]
fn no_csv_cell_can_run_as_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let (db, made) = hostile_db(dir.path());
    for (args, delimiter) in [
        (vec!["list", "--sector", "KUL", "--format", "csv"], b','),
        (vec!["export", "--format", "csv"], b','),
        (vec!["export", "--format", "csv", "--excel"], b';'),
    ] {
        let cells = csv_cells(&run(&db, &args), delimiter);
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{args:?}: {cell:?}"
            );
        }
        // Each hostile text is there, neutralised, and reads back exactly.
        for (_, name, text) in &made {
            assert!(
                cells.iter().any(|c| decode(c) == text.as_str()),
                "{args:?}: {name}"
            );
        }
        assert!(cells
            .iter()
            .any(|c| c == "'=HYPERLINK(\"http://x.example\";\"klikk\")"));
        assert!(cells.iter().any(|c| c == "'-2+3"));
        assert!(cells.iter().any(|c| c == "''sitat' først"));
    }
}
