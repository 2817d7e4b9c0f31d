//! `styr brief`: the director's briefing from the real binary, on the demo
//! and on crafted databases.

use std::path::PathBuf;
use std::process::{Command, Output};

use scraper::{Html, Selector};
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, Lang, ACTOR};

struct Db {
    _dir: TempDir,
    path: PathBuf,
}

impl Db {
    fn with(args: &[&str]) -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("styr.db");
        let db = Db { _dir: dir, path };
        db.ok(args);
        db
    }

    fn demo() -> Db {
        Db::with(&["demo"])
    }

    fn output(&self, args: &[&str]) -> Output {
        dated_styr(&self.path, ACTOR, Lang::Default)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "styr {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Exit 1 with one `styr: error:` line; returns it.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.output(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "styr {args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.starts_with("styr: error: "), "{stderr}");
        stderr
    }

    fn sql(&self, sql: &str) {
        let status = Command::new("sqlite3")
            .arg(&self.path)
            .arg(sql)
            .status()
            .expect("sqlite3 is installed (.ci/run installs it)");
        assert!(status.success(), "{sql}");
    }
}

/// A briefing whose window ends before it starts.
const INVERTED_WINDOW: [&str; 7] = [
    "brief",
    "--sector",
    "OUS",
    "--since",
    "2023-10-01",
    "--until",
    "2023-09-01",
];

#[test]
fn the_markdown_briefing_for_ous_on_the_demo() {
    let db = Db::demo();
    let md = db.ok(&["brief", "--sector", "OUS"]);
    insta::assert_snapshot!("brief_ous_demo_md", md);
    // The same as asking for the dialogs by name.
    let named = db.ok(&[
        "brief",
        "--sector",
        "ous",
        "--since",
        "last-dialog",
        "--until",
        "next-dialog",
        "--format",
        "md",
    ]);
    assert_eq!(named, md);
}

#[test]
fn the_briefing_in_english() {
    let db = Db::demo();
    let md = db.ok(&["--lang", "en", "brief", "--sector", "OUS"]);
    for want in [
        "# Governance dialogue: OUS",
        "as of 2023-09-20",
        "In progress",
        "Off track",
        "2023-06-01",
    ] {
        assert!(md.contains(want), "{want} missing from {md}");
    }
    for word in ["Pågår", "Nøkkeltall", "Forfalte oppdrag", "20.09.2023"] {
        assert!(!md.contains(word), "{word} in the English briefing");
    }
    let html = db.ok(&[
        "--lang", "en", "brief", "--sector", "OUS", "--format", "html",
    ]);
    assert!(html.contains("<html lang=\"en\">"), "{html}");
    let err = db.fails(&[&["--lang", "en"][..], &INVERTED_WINDOW].concat());
    assert!(
        err.contains("--since 2023-10-01 is after --until 2023-09-01"),
        "{err}"
    );
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn the_html_briefing_is_one_self_contained_page_with_every_section() {
    let db = Db::demo();
    let page = db.ok(&["brief", "--sector", "OUS", "--format", "html"]);
    let html = Html::parse_document(&page);
    assert!(html.errors.is_empty(), "{:?}", html.errors);
    let headings: Vec<String> = select(&html, "section > h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(
        headings,
        [
            "1. Nøkkeltall",
            "2. Forfalte oppdrag (2)",
            "3. Endringer siden 15.05.2023",
            "4. Forfaller før neste styringsdialog (27.10.2023)",
            "5. Sektorens delmål",
            "6. Årshjulet frem til 27.10.2023",
        ]
    );
    for id in ["figures", "overdue", "changes", "due", "goals", "wheel"] {
        assert_eq!(select(&html, &format!("section#{id}")).len(), 1, "{id}");
    }
    // The status and vurdering chart, and the årshjul, are inline SVG.
    assert!(select(&html, "#figures svg").len() >= 2);
    assert_eq!(select(&html, "#wheel svg.arshjul").len(), 1);
    assert_eq!(select(&html, "#wheel svg path.month").len(), 12);
    // All five OUS oppdrag are in the overview, overdue first.
    let ids = |css: &str| -> Vec<String> {
        select(&html, css)
            .iter()
            .map(|td| td.text().collect())
            .collect()
    };
    assert_eq!(
        ids("#figures table:first-of-type tbody tr td:first-child"),
        ["18", "19", "17", "20", "16"]
    );
    // Then the oppdrag to chase: missing their T2 report, then awaiting approval.
    assert_eq!(
        ids("#figures table:last-of-type tbody tr td:last-child"),
        ["mangler", "mangler", "mangler", "venter"]
    );
    assert_eq!(
        ids("#figures table:last-of-type tbody tr td:first-child"),
        ["17", "19", "20", "18"]
    );
    // Nothing is fetched: no scripts, links, images, frames or CSS imports.
    for css in [
        "script", "link", "img", "iframe", "object", "embed", "[src]", "[href]",
    ] {
        assert!(select(&html, css).is_empty(), "found {css}");
    }
    assert!(
        !page.contains("url(")
            && !page.contains("@import")
            && !page.contains("http://www.w3.org/1999/xlink\" xlink:href")
    );
    assert!(page.contains("@page { size: A4"));
}

#[test]
fn output_to_a_file() {
    let db = Db::demo();
    let file = db.path.with_file_name("brief.html");
    let said = db.ok(&[
        "brief",
        "--sector",
        "OUS",
        "--format",
        "html",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(said, format!("skrev {}\n", file.display()));
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        written,
        db.ok(&["brief", "--sector", "OUS", "--format", "html"])
    );
}

#[test]
fn given_dates_work_without_any_dialog_in_the_wheel() {
    let db = Db::demo();
    db.sql("DELETE FROM wheel_entries");
    let md = db.ok(&[
        "brief",
        "--sector",
        "OUS",
        "--since",
        "01.09.2023",
        "--until",
        "2023-10-31",
    ]);
    assert!(
        md.contains("- Endringer fra: 01.09.2023 (valgt dato)"),
        "{md}"
    );
    assert!(md.contains("## 3. Endringer siden 01.09.2023"), "{md}");
    assert!(md.contains("## 4. Forfaller til og med 31.10.2023"), "{md}");
    // Only what happened from 1 September: the T2 comments of 8 September.
    assert!(
        md.contains("08.09.2023") && !md.contains("17.05.2023"),
        "{md}"
    );
    assert!(md.contains("Ingenting i årshjulet i perioden."), "{md}");
    // Asking for a dialog the wheel does not have is an error that says what to do.
    let err = db.fails(&["brief", "--sector", "OUS", "--since", "last-dialog"]);
    assert!(
        err.contains("ingen styringsdialog før 20.09.2023") && err.contains("--since DATO"),
        "{err}"
    );
    // Without flags, the plan year, and the briefing says so.
    let md = db.ok(&["brief", "--sector", "OUS"]);
    assert!(
        md.contains("01.01.2023 (planårets start; ingen styringsdialog i årshjulet)"),
        "{md}"
    );
}

#[test]
fn a_dialog_is_found_by_its_tag_not_its_title() {
    let db = Db::demo();
    db.sql("UPDATE wheel_entries SET title = 'Dialogmøte' WHERE tags LIKE '%styringsdialog%'");
    let md = db.ok(&["brief", "--sector", "OUS"]);
    assert!(
        md.contains("15.05.2023 (Dialogmøte 15.05.–26.05.2023)"),
        "{md}"
    );
    db.sql("UPDATE wheel_entries SET tags = '' WHERE tags LIKE '%styringsdialog%'");
    let md = db.ok(&["brief", "--sector", "OUS"]);
    assert!(md.contains("planårets start"), "{md}");
}

#[test]
fn an_empty_sector_gets_a_short_honest_briefing() {
    let db = Db::with(&["init", "--kommune", "Testvik", "--year", "2023"]);
    let md = db.ok(&["brief", "--sector", "KUL"]);
    for line in [
        "# Styringsdialog: KUL – Kultur",
        "0 oppdrag · 0 forfalt",
        "Ingen forfalte oppdrag.",
        "Ingen endringer i perioden.",
        "Ingen åpne oppdrag forfaller i perioden.",
        "Sektoren har ikke ansvar for noen delmål.",
    ] {
        assert!(md.contains(line), "{line}: {md}");
    }
    let html = db.ok(&["brief", "--sector", "KUL", "--format", "html"]);
    assert!(html.contains("Ingen forfalte oppdrag."));
}

#[test]
fn bad_requests_are_one_line_errors() {
    let db = Db::demo();
    let err = db.fails(&["brief", "--sector", "XYZ"]);
    assert!(err.contains("XYZ") && err.contains("OUS"), "{err}");
    let err = db.fails(&INVERTED_WINDOW);
    assert!(
        err.contains("--since 01.10.2023 er etter --until 01.09.2023"),
        "{err}"
    );
    // A date the parser refuses is a usage error.
    let out = db.output(&["brief", "--sector", "OUS", "--since", "2023-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    let out = db.output(&["brief"]);
    assert_eq!(out.status.code(), Some(2));
    let err = db.fails(&["brief", "--sector", "OUS", "-o", "/nonexistent/dir/b.md"]);
    assert!(err.contains("/nonexistent/dir/b.md"), "{err}");
}

#[test]
fn hostile_text_is_neutralised_in_both_formats() {
    let db = Db::demo();
    db.ok(&[
        "set",
        "18",
        "--owner",
        "<script>alert(1)</script>\u{1b}[31m*x*|y",
        "--comment",
        "\u{1b}]0;pwned\u{7} <b>fet</b>",
    ]);
    let md = db.ok(&["brief", "--sector", "OUS"]);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md:?}");
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    let page = db.ok(&["brief", "--sector", "OUS", "--format", "html"]);
    assert!(!page.contains('\u{1b}') && !page.contains("<script>") && !page.contains("<b>fet"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

/// The text of every `<title>` and `<text>` in an SVG, parsed as XML.
fn svg_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| matches!(n.tag_name().name(), "title" | "text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn the_wheel_picture_speaks_the_chosen_language() {
    let db = Db::demo();
    let nb = svg_texts(&db.ok(&["wheel", "--format", "svg"]));
    for want in [
        "Årshjul 2023",
        "mars 2023",
        "okt",
        "I dag 20.09.2023",
        "forfalt frist",
    ] {
        assert!(nb.iter().any(|t| t == want), "{want} missing from {nb:?}");
    }
    assert!(nb
        .iter()
        .any(|t| t.starts_with("Frist ") && t.ends_with("– forfalt")));
    let en = svg_texts(&db.ok(&["--lang", "en", "wheel", "--format", "svg"]));
    for want in [
        "Annual wheel 2023",
        "March 2023",
        "Oct",
        "Today 2023-09-20",
        "overdue deadline",
        "administrative (inner ring)",
    ] {
        assert!(en.iter().any(|t| t == want), "{want} missing from {en:?}");
    }
    assert!(en
        .iter()
        .any(|t| t.starts_with("Deadline ") && t.ends_with("– overdue")));
    for word in ["mars 2023", "okt", "I dag", "forfalt", "Frist", "Årshjul"] {
        assert!(
            !en.iter().any(|t| t.contains(word)),
            "{word} in the English wheel: {en:?}"
        );
    }
    // The HTML briefing's wheel follows the briefing's language.
    let html = db.ok(&[
        "--lang", "en", "brief", "--sector", "OUS", "--format", "html",
    ]);
    assert!(html.contains("<title>Annual wheel 2023</title>"), "{html}");
    assert!(!html.contains(">okt<"), "{html}");
}

/// Every event's SUMMARY, DESCRIPTION and CATEGORIES, parsed with an iCalendar parser.
fn ics_texts(ics: &str) -> Vec<(String, String)> {
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let calendar = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    calendar
        .events
        .iter()
        .flat_map(|e| e.properties.iter())
        .filter(|p| matches!(p.name.as_str(), "SUMMARY" | "DESCRIPTION" | "CATEGORIES"))
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn the_calendar_speaks_the_chosen_language() {
    let db = Db::demo();
    let has = |texts: &[(String, String)], name: &str, pred: &dyn Fn(&str) -> bool| {
        texts.iter().any(|(n, v)| n == name && pred(v))
    };
    let nb = ics_texts(&db.ok(&["wheel", "--format", "ics"]));
    assert!(has(&nb, "SUMMARY", &|v| v.starts_with("Frist: ")), "{nb:?}");
    assert!(has(&nb, "DESCRIPTION", &|v| v.starts_with("Oppdrag #")
        && v.contains(" har frist ")
        && v.ends_with("(forfalt)")));
    assert!(has(&nb, "DESCRIPTION", &|v| v
        .starts_with("Årshjul: administrativ")));
    assert!(has(&nb, "CATEGORIES", &|v| v == "Frist"));
    assert!(has(&nb, "CATEGORIES", &|v| v == "Årshjul,Administrativ"));
    let en = ics_texts(&db.ok(&["--lang", "en", "wheel", "--format", "ics"]));
    assert!(
        has(&en, "SUMMARY", &|v| v.starts_with("Deadline: ")),
        "{en:?}"
    );
    assert!(has(&en, "DESCRIPTION", &|v| v.starts_with("Assignment #")
        && v.contains(" is due 2023-")
        && v.ends_with("(overdue)")));
    assert!(has(&en, "DESCRIPTION", &|v| v
        .starts_with("Annual wheel: administrative")));
    assert!(has(&en, "CATEGORIES", &|v| v == "Deadline"));
    assert!(has(&en, "CATEGORIES", &|v| v == "Annual wheel,Administrative"));
    for word in ["Frist", "Oppdrag #", "forfalt", "Årshjul", "Administrativ,"] {
        assert!(
            !en.iter().any(|(_, v)| v.contains(word)),
            "{word} in the English calendar: {en:?}"
        );
    }
}

/// The briefing's changes tell the sector's vedtak as `styr diff` does over
/// the same window: the same lines, in both languages.
#[test]
fn the_briefings_vedtak_changes_agree_with_styr_diff() {
    let db = Db::demo();
    // V4 (7/23), on STYV's #9, was kvittert ut 26.06.2023: in the window
    // from the May dialog to the demo's day.
    for lang in ["nb", "en"] {
        let brief = db.ok(&[
            "--lang",
            lang,
            "brief",
            "--sector",
            "STYV",
            "--since",
            "2023-05-15",
        ]);
        let diff = db.ok(&[
            "--lang",
            lang,
            "diff",
            "--from",
            "2023-05-14",
            "--to",
            "2023-09-20",
            "--sector",
            "STYV",
        ]);
        let heading = if lang == "nb" {
            "Vedtak"
        } else {
            "Political decisions"
        };
        let from_diff: Vec<String> = diff
            .lines()
            .skip_while(|l| !l.starts_with(&format!("{heading} (")))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .map(|l| l.trim().to_string())
            .collect();
        let from_brief: Vec<String> = brief
            .lines()
            .skip_while(|l| *l != format!("**{heading}**"))
            .skip(2)
            .take_while(|l| l.starts_with("- "))
            .map(|l| l[2..].to_string())
            .collect();
        assert!(!from_diff.is_empty(), "{diff}");
        assert!(from_diff.iter().any(|l| l.starts_with("V4 7/23")), "{diff}");
        assert_eq!(from_brief, from_diff, "{brief}\n{diff}");
    }
}
