//! Both tables complete, and English really translated.

use super::*;

/// Every text of a table, by field name, from the derived Debug (which
/// writes every field, arrays included), and every method's text.
fn texts(table: &Strings) -> Vec<(String, String)> {
    let debug = format!("{table:#?}");
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut array: Option<(String, usize)> = None;
    for line in debug.lines().map(str::trim) {
        if let Some((name, rest)) = line.split_once(": ") {
            if rest == "[" {
                array = Some((name.to_string(), 0));
            } else {
                fields.push((name.to_string(), rest.trim_end_matches(',').to_string()));
            }
        } else if line.starts_with(']') {
            array = None;
        } else if let Some((name, i)) = array.as_mut() {
            fields.push((
                format!("{name}[{i}]"),
                line.trim_end_matches(',').to_string(),
            ));
            *i += 1;
        }
    }
    fields.extend([
        ("view_due_soon".into(), table.view_due_soon(30)),
        ("searching_for".into(), table.searching_for("x")),
        ("overdue_by".into(), table.overdue_by(1)),
        ("and_more".into(), table.and_more(2)),
        ("set_field".into(), table.set_field("status")),
        ("edit_title".into(), table.edit_title(1)),
        ("new_task_title".into(), table.new_task_title(1, "x")),
        ("skipped_undo".into(), table.skipped_undo(2)),
        ("no_sector".into(), table.no_sector(9)),
        ("unknown_goal".into(), table.unknown_goal("x")),
        ("no_change".into(), table.no_change(1)),
        ("unknown_parent".into(), table.unknown_parent("x")),
        (
            "view_missing_report".into(),
            table.view_missing_report("T1", "d", false),
        ),
        ("period_ends".into(), table.period_ends("T1")),
        ("report_due".into(), table.report_due("T1")),
        ("report_title".into(), table.report_title(1, "T1")),
        ("wrote".into(), table.wrote(table.saved, 1, "x", 2)),
        ("stale".into(), table.stale(1, "x")),
        ("brief_saved".into(), table.brief_saved("p")),
        ("tabs_hint".into(), table.tabs_hint("Tab")),
        ("zoom_hint".into(), table.zoom_hint("←", "→", "Esc", "w")),
        ("help_footer".into(), table.help_footer("?")),
        ("list_empty".into(), table.list_empty("n", "a")),
        ("task_after_parent".into(), table.task_after_parent(1, "d")),
        ("list_no_match".into(), table.list_no_match("Esc", "0")),
        ("unknown_key".into(), table.unknown_key("?")),
        (
            "detail_strip_title".into(),
            table.detail_strip_title("Enter"),
        ),
        (
            "detail_overlay_title".into(),
            table.detail_overlay_title("↑", "↓", "Esc"),
        ),
    ]);
    fields
}

/// Texts that are rightly the same in bokmål and English: the same
/// word, a mark, or a key name.
const SAME_IN_BOTH: &[&str] = &[
    "lang",
    "help_filter",
    "brief_title",
    "label_status",
    "assessment_green_mark",
    "assessment_yellow_mark",
    "assessment_red_mark",
    "administrative_mark",
    "political_mark",
    "detail_parent",
    // april, august, september, november
];

#[test]
fn no_text_is_empty_in_either_language() {
    for table in [&NB, &EN] {
        for (name, text) in texts(table) {
            assert!(
                !text.trim_matches('"').trim().is_empty(),
                "{name} is empty in {:?}",
                table.lang
            );
        }
    }
}

#[test]
fn every_english_text_differs_from_bokmal_unless_listed() {
    let nb = texts(&NB);
    let en = texts(&EN);
    assert_eq!(nb.len(), en.len());
    let same: Vec<&str> = nb
        .iter()
        .zip(&en)
        .filter(|((_, a), (_, b))| a.to_lowercase() == b.to_lowercase())
        .map(|((name, _), _)| name.as_str())
        .filter(|name| *name != "lang")
        .collect();
    let unlisted: Vec<&&str> = same.iter().filter(|n| !SAME_IN_BOTH.contains(n)).collect();
    assert!(unlisted.is_empty(), "left in bokmål in EN: {unlisted:?}");
    let stale: Vec<&&str> = SAME_IN_BOTH
        .iter()
        .filter(|n| **n != "lang" && !same.contains(n))
        .collect();
    assert!(stale.is_empty(), "listed as the same but differ: {stale:?}");
}

#[test]
fn each_language_has_its_table() {
    assert_eq!(table(Lang::En).quit, "quit");
    assert_eq!(table(Lang::Nb).quit, "avslutt");
}
