//! `styr import` and `styr export` as a user runs them: files written the
//! way offices write them (by the tests themselves), the styringsbrev's
//! tables pasted into a file, bad files refused with their line and the
//! database left byte for byte as it was, and export → import → export.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, Lang, ACTOR};

struct Db {
    dir: TempDir,
    path: PathBuf,
}

impl Db {
    fn new() -> Db {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("styr.db");
        Db { dir, path }
    }

    /// A database as `styr init` makes it.
    fn init() -> Db {
        let db = Db::new();
        db.ok(&["init", "--kommune", "Lørenskog", "--year", "2023"]);
        db
    }

    fn demo() -> Db {
        let db = Db::new();
        db.ok(&["demo"]);
        db
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn run(&self, args: &[&str]) -> Output {
        dated_styr(&self.path, ACTOR, Lang::Default)
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn list(&self) -> Vec<Value> {
        self.json(&["list", "--tasks", "--format", "json"])
            .as_array()
            .unwrap()
            .clone()
    }

    /// The database file and its WAL, byte for byte.
    fn bytes(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut wal = self.path.as_os_str().to_owned();
        wal.push("-wal");
        (
            std::fs::read(&self.path).unwrap(),
            std::fs::read(Path::new(&wal)).ok(),
        )
    }

    /// Runs an import that must fail: exit 1, every stderr line an error,
    /// the database unchanged. Returns stderr.
    fn refused(&self, args: &[&str]) -> String {
        let before = self.bytes();
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.lines().all(|l| l.starts_with("styr: error: ")),
            "{stderr}"
        );
        let last = stderr.lines().last().unwrap();
        assert!(
            last.contains("ingenting ble importert") || last.contains("nothing was imported"),
            "{stderr}"
        );
        assert!(self.bytes() == before, "{args:?} changed the database");
        stderr
    }
}

fn field<'a>(rows: &'a [Value], title: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("no assignment '{title}'"))
}

#[test]
fn export_import_export_is_identical_on_the_demo() {
    let demo = Db::demo();
    let first = demo.ok(&["export"]);
    let file = demo.file("demo.json", &first);

    // Into a file made by `styr init`: its sectors, settings and årshjul are replaced.
    let empty = Db::init();
    let out = empty.ok(&["import", &file]);
    assert!(out.contains("44 oppdrag"), "{out}");
    assert_eq!(empty.ok(&["export"]), first, "init → import → export");
    assert!(empty.ok(&["doctor"]).starts_with("ok"));
    assert_eq!(
        empty.json(&["show", "1", "--format", "json"]),
        demo.json(&["show", "1", "--format", "json"])
    );

    // Into a --db file that does not exist yet.
    let new = Db::new();
    new.ok(&["import", &file]);
    assert_eq!(new.ok(&["export"]), first, "new file → export");
    // The restored log is as append-only as any.
    let conn = rusqlite::Connection::open(&new.path).unwrap();
    let err = conn
        .execute("UPDATE events SET actor = 'mallory' WHERE id = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    drop(conn);

    // Again into the same: nothing happens; into a database with data: refused.
    assert!(new
        .ok(&["import", &file])
        .contains("har allerede nøyaktig denne eksporten"));
    let other = Db::demo();
    other.ok(&["set", "1", "--status", "done"]);
    other.refused(&["import", &file]);

    // An export edited by hand no longer agrees with its own logs: refused.
    let mut edited: Value = serde_json::from_str(&first).unwrap();
    edited["assignments"][0]["title"] = "Noe annet".into();
    edited["goals"][0]["title"] = "Et annet mål".into();
    let edited = demo.file("edited.json", serde_json::to_string(&edited).unwrap());
    let fresh = Db::init();
    let err = fresh.refused(&["import", &edited]);
    assert!(
        err.contains("oppdrag 1 avviker fra det hendelsene sier"),
        "{err}"
    );
    assert!(err.contains("mål 1: tittel er"), "{err}");

    // A year's export holds that year only.
    let year: Value = serde_json::from_str(&demo.ok(&["export", "--year", "2022"])).unwrap();
    assert_eq!(year["assignments"].as_array().unwrap().len(), 0);
    assert_eq!(year["events"].as_array().unwrap().len(), 0);
}

#[test]
fn export_csv_reimports_into_the_same_database_as_unchanged() {
    let demo = Db::demo();
    let path = demo.dir.path().join("demo.csv");
    demo.ok(&["export", "--format", "csv", "-o", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("id,parent_id,year,title,"), "{text}");
    assert_eq!(text.lines().next().unwrap().split(',').count(), 14);
    let before = demo.bytes();
    let out = demo.ok(&["import", path.to_str().unwrap()]);
    assert!(out.contains("44 rader svarer til oppdrag"), "{out}");
    assert!(out.contains("Ingenting å importere"), "{out}");
    assert!(demo.bytes() == before);
}

/// The tables of a styringsbrev as they come out of the document: markdown
/// headings, goal tables whose continuation rows leave the first cell
/// empty (one split over two tables), an oppdrag table with blank lines,
/// and prose between them. Written from the demo's goals and oppdrag.
fn styringsbrev_paste(demo: &Db) -> String {
    let goals = demo.json(&["goals", "--format", "json"]);
    let goals = goals.as_array().unwrap();
    let mut text = String::from("# Kommunedirektørens styringsbrev\n\nInnledning med\ttabulator i teksten.\n\n## 2. Målene i kommuneplanen\n\nFire satsingsområder gir retning.\n\n");
    let mut main_title = String::new();
    let mut subs_in_table = 0;
    for goal in goals {
        let title = goal["title"].as_str().unwrap();
        match goal["kind"].as_str().unwrap() {
            "focus-area" => {
                if subs_in_table > 0 {
                    text.push_str("\nHovedmål og delmål følger opp FNs bærekraftsmål:\n\n");
                }
                text.push_str(&format!("### {title}\n\nHovedmål\tDelmål\tAnsvar\n"));
                subs_in_table = 0;
            }
            "main-goal" => main_title = title.to_string(),
            _ => {
                let sectors: Vec<&str> = goal["sectors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect();
                // The document breaks one table in two after a page break.
                if goal["code"] == "2.1.3" {
                    text.push_str("\nHovedmål\tDelmål\tAnsvar\n");
                }
                let first = std::mem::take(&mut main_title);
                text.push_str(&format!("{first}\t{title}\t{}\n", sectors.join(", ")));
                subs_in_table += 1;
            }
        }
    }
    text.push_str("\n## Kommunedirektørens oppdrag for 2023\n\nDette er oppdragene for 2023:\n\nOppdrag\tDelegert til\n");
    let mut list = demo
        .json(&["list", "--format", "json"])
        .as_array()
        .unwrap()
        .clone();
    list.sort_by_key(|a| a["id"].as_i64());
    for (n, a) in list.iter().enumerate() {
        if n == 6 {
            text.push('\n');
        }
        text.push_str(&format!(
            "{}\t{}\n",
            a["title"].as_str().unwrap(),
            a["lead_sector"].as_str().unwrap()
        ));
    }
    text.push_str("\nI år har vi lagt inn alle oppdragene i Framsikt.\n");
    text
}

#[test]
fn a_styringsbrev_paste_imports_the_goal_tree_and_the_oppdrag() {
    let demo = Db::demo();
    let db = Db::init();
    let paste = db.file("styringsbrev.txt", styringsbrev_paste(&demo));
    let dry = db.ok(&["import", &paste, "--dry-run"]);
    assert!(
        dry.contains("Ville opprette 26 mål (4 satsingsområder, 6 hovedmål, 16 delmål)"),
        "{dry}"
    );
    assert!(dry.contains("Ville opprette 32 oppdrag"), "{dry}");
    assert!(db.list().is_empty(), "a dry run writes nothing");

    db.ok(&["import", &paste]);
    let goals = |db: &Db| -> Vec<(String, String, Value)> {
        db.json(&["goals", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    g["code"].as_str().unwrap().to_string(),
                    g["title"].as_str().unwrap().to_string(),
                    g["sectors"].clone(),
                )
            })
            .collect()
    };
    assert_eq!(
        goals(&db),
        goals(&demo),
        "the same tree, codes and ansvar as the demo"
    );
    let pairs = |db: &Db| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = db
            .list()
            .iter()
            .filter(|a| a["parent_id"].is_null())
            .map(|a| {
                (
                    a["title"].as_str().unwrap().to_string(),
                    a["lead_sector"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(pairs(&db), pairs(&demo));
    let rows = db.list();
    assert_eq!(rows.iter().filter(|a| a["lead_sector"] == "KUL").count(), 8);
    assert!(rows
        .iter()
        .all(|a| a["source"] == "styringsbrev" && a["status"] == "not-started"));
    let log = db.json(&["log", "1", "--format", "json"]);
    assert_eq!(log[0]["field"], "created");
    assert_eq!(log[0]["comment"], "import: styringsbrev.txt");

    // Pasting it again creates nothing.
    let before = db.bytes();
    let again = db.ok(&["import", &paste]);
    assert!(
        again.contains("26 mål i filen finnes allerede i databasen"),
        "{again}"
    );
    assert!(again.contains("32 rader svarer til"), "{again}");
    assert!(db.bytes() == before);
}

/// What Norwegian Excel writes for "CSV (semikolondelt)": Windows-1252,
/// `;`, CRLF, dates as dd.mm.yyyy, a quoted field with a line break.
fn excel_csv() -> Vec<u8> {
    let text = "Oppdrag;Delegert til;Frist;Status;Vurdering;Ansvarlig;Kommentar\r\n\
                Rullering av boligplanen;HOM;30.06.2023;Pågår;Risiko for avvik;Bjørn Ødegård;\"Første linje\r\nandre linje\"\r\n\
                Følge opp grønn mobilitet;tek;1.9.2023;Ikke startet;;Åse Løren;\r\n\
                Kulturplanen skal ferdigstilles;Kultur;;Fullført;I rute;;\r\n\
                ;;;;;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(bytes.contains(&0xF8), "ø is one byte in Windows-1252");
    bytes.into_owned()
}

#[test]
fn a_csv_from_norwegian_excel_imports_with_its_letters_dates_and_words() {
    let db = Db::init();
    let file = db.file("oppdrag.csv", excel_csv());
    let out = db.ok(&["import", &file]);
    assert!(out.contains("3 oppdrag opprettet"), "{out}");
    let rows = db.list();
    assert_eq!(rows.len(), 3);
    let bolig = field(&rows, "Rullering av boligplanen");
    assert_eq!(bolig["lead_sector"], "HOM");
    assert_eq!(bolig["due"], "2023-06-30");
    assert_eq!(bolig["status"], "in-progress");
    assert_eq!(bolig["assessment"], "yellow");
    assert_eq!(bolig["owner"], "Bjørn Ødegård");
    let tek = field(&rows, "Følge opp grønn mobilitet");
    assert_eq!(tek["lead_sector"], "TEK", "codes in any case");
    assert_eq!(tek["due"], "2023-09-01");
    assert_eq!(tek["owner"], "Åse Løren");
    let kul = field(&rows, "Kulturplanen skal ferdigstilles");
    assert_eq!(kul["lead_sector"], "KUL", "sector by name");
    assert_eq!(kul["status"], "done");
    let id = bolig["id"].as_i64().unwrap().to_string();
    let log = db.json(&["log", &id, "--format", "json"]);
    assert_eq!(log[0]["comment"], "import: oppdrag.csv");
    assert_eq!(log[1]["field"], "comment");
    assert_eq!(log[1]["comment"], "Første linje\r\nandre linje");
}

#[test]
fn utf8_with_bom_and_comma_csv_in_english() {
    let db = Db::init();
    let bom = db.file(
        "bom.csv",
        "\u{feff}Tittel;Sektor;Frist\nMøteplasser for ungdom;OUS;2023-10-31\n",
    );
    db.ok(&["import", &bom]);
    let comma = db.file(
        "comma.csv",
        "Title,Sector,Deadline,Status,Owner,Comment\n\"Plan, with comma\",TEK,2023-11-30,in progress,Kari,\n",
    );
    db.ok(&["import", &comma]);
    let rows = db.list();
    assert_eq!(field(&rows, "Møteplasser for ungdom")["lead_sector"], "OUS");
    let plan = field(&rows, "Plan, with comma");
    assert_eq!(plan["status"], "in-progress");
    assert_eq!(plan["owner"], "Kari");
}

#[test]
fn an_xlsx_sheet_imports_with_its_dates() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notater").unwrap();
    notes.write_string(0, 0, "Ikke denne").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Oppdrag 2023").unwrap();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    for (c, h) in ["Nr", "Oppdrag", "Ansvar", "Frist", "Status", "Eier"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_number(2, 0, 7).unwrap();
    sheet
        .write_string(2, 1, "Videreutvikle helhetlig styring")
        .unwrap();
    sheet.write_string(2, 2, "STYV").unwrap();
    sheet
        .write_datetime_with_format(2, 3, ExcelDateTime::from_ymd(2023, 12, 15).unwrap(), &date)
        .unwrap();
    sheet.write_string(2, 4, "Under arbeid").unwrap();
    sheet.write_string(2, 5, "Øystein").unwrap();
    sheet.write_string(3, 1, "Heltidskultur").unwrap();
    sheet.write_string(3, 2, "HOM").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let db = Db::init();
    let file = db.file("plan.xlsx", bytes);

    let err = db.refused(&["import", &file]);
    assert!(
        err.contains("plan.xlsx: Notater!A1: ukjent kolonne 'Ikke denne'"),
        "{err}"
    );
    let err = db.refused(&["import", &file, "--sheet", "Ark9"]);
    assert!(
        err.contains("ingen ark heter 'Ark9' (arkene er: Notater, Oppdrag 2023)"),
        "{err}"
    );

    db.ok(&["import", &file, "--sheet", "Oppdrag 2023"]);
    let rows = db.list();
    let styring = field(&rows, "Videreutvikle helhetlig styring");
    assert_eq!(styring["id"], 7, "the id column gives the id");
    assert_eq!(styring["due"], "2023-12-15");
    assert_eq!(styring["status"], "in-progress");
    assert_eq!(styring["owner"], "Øystein");
    assert_eq!(field(&rows, "Heltidskultur")["lead_sector"], "HOM");
    assert!(db
        .ok(&["import", &file, "--sheet", "Oppdrag 2023"])
        .contains("2 rader svarer til"));
}

#[test]
fn a_reimport_reports_differences_and_applies_them_only_with_update() {
    let db = Db::init();
    let v1 = db.file(
        "v1.csv",
        "Oppdrag;Sektor;Frist;Status\nRullering av boligplanen;HOM;30.06.2023;Pågår\n",
    );
    db.ok(&["import", &v1]);
    let v2 = db.file(
        "v2.csv",
        "Oppdrag;Sektor;Frist;Status;Kommentar\nRullering av boligplanen;HOM;31.08.2023;Pågår;Utsatt etter dialog\nNytt oppdrag;KUL;;;\n",
    );
    let out = db.ok(&["import", &v2]);
    assert!(out.contains("1 rader avviker"), "{out}");
    assert!(out.contains("frist: 30.06.2023 → 31.08.2023"), "{out}");
    assert!(out.contains("--update"), "{out}");
    let rows = db.list();
    assert_eq!(rows.len(), 2, "the new one is created, no duplicate");
    assert_eq!(
        field(&rows, "Rullering av boligplanen")["due"],
        "2023-06-30",
        "not overwritten"
    );

    db.ok(&["import", &v2, "--update"]);
    let rows = db.list();
    assert_eq!(rows.len(), 2);
    let bolig = field(&rows, "Rullering av boligplanen");
    assert_eq!(bolig["due"], "2023-08-31");
    let id = bolig["id"].as_i64().unwrap().to_string();
    let log = db.json(&["log", &id, "--format", "json"]);
    let due = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "due")
        .unwrap();
    assert_eq!(due["old"], "2023-06-30");
    assert_eq!(due["comment"], "import: v2.csv: Utsatt etter dialog");
    assert!(db.ok(&["import", &v2]).contains("2 rader svarer til"));
    assert!(db.ok(&["doctor"]).starts_with("ok"));
}

#[test]
fn every_malformed_input_is_refused_with_its_place_and_changes_nothing() {
    let db = Db::init();
    db.ok(&[
        "import",
        &db.file("start.csv", "Oppdrag;Sektor\nFørst;HOM\n"),
    ]);
    let cases: &[(&str, &[u8], &[&str])] = &[
        (
            "missing.csv",
            b"Oppdrag;Frist\nNoe;01.01.2023\n",
            &["missing.csv:1: no column for the sector"],
        ),
        (
            "date.csv",
            "Oppdrag;Sektor;Frist\nA;HOM;31.02.2023\n".as_bytes(),
            &["date.csv:2: Frist: '31.02.2023' is not a date"],
        ),
        (
            "sector.csv",
            b"Oppdrag;Sektor\nA;HOM\nB;XYZ\n",
            &["sector.csv:3: Sektor: unknown sector 'XYZ' (known: SOS, STYV, HOM, OUS, TEK, KUL)"],
        ),
        (
            "title.csv",
            b"Oppdrag;Sektor\n  ;HOM\n",
            &["title.csv:2: Oppdrag: the title is empty"],
        ),
        (
            "dup.csv",
            b"Oppdrag;Sektor\nA;HOM\nB;KUL\na ;hom\n",
            &["dup.csv:4: the same assignment as dup.csv:2"],
        ),
        (
            "cut.csv",
            b"Oppdrag;Sektor;Frist\nA;HOM;01.01.2023\nB;KU",
            &["cut.csv:3: 2 fields where the header has 3"],
        ),
        (
            "quote.csv",
            b"Oppdrag;Sektor\nA;HOM\n\"B;KUL\n",
            &["quote.csv:3: a quoted field starts here and never ends"],
        ),
        (
            "garbage.bin",
            b"\x00\x9f\x92\x96\xff\x00garbage\x01\x02",
            &["garbage.bin: this is not a text file"],
        ),
        (
            "header.csv",
            b"Oppdrag;Sektor;Fargekode\nA;HOM;bl\xE5\n",
            &["header.csv:1: unknown column 'Fargekode'"],
        ),
        (
            "status.csv",
            b"Oppdrag;Sektor;Status\nA;HOM;nesten\n",
            &["status.csv:2: Status: unknown status 'nesten'"],
        ),
        ("empty.csv", b"", &["empty.csv: the file is empty"]),
        (
            "cut.json",
            b"{\"format\": \"styr-export\", \"schema\": 2, \"sett",
            &["cut.json:1:", "the file ends too early"],
        ),
        (
            "zip.xlsx",
            b"PK\x03\x04 not really a workbook",
            &["zip.xlsx: cannot read it as a spreadsheet"],
        ),
        (
            "many.csv",
            b"Oppdrag;Sektor;Frist\n;HOM;\nB;XYZ;\nC;KUL;i morgen\n",
            &[
                "many.csv:2: Oppdrag: the title is empty",
                "many.csv:3: Sektor: unknown sector 'XYZ'",
                "many.csv:4: Frist: 'i morgen' is not a date",
                "3 problems in",
            ],
        ),
    ];
    for (name, bytes, wanted) in cases {
        let file = db.file(name, bytes);
        let err = db.refused(&["--lang", "en", "import", &file]);
        for want in *wanted {
            assert!(err.contains(want), "{name}: want {want:?} in {err}");
        }
    }
    // The good rows of a bad file are not imported either.
    assert_eq!(db.list().len(), 1);
    // Goal tables: an unknown sector under Ansvar, with its line.
    let paste = db.file(
        "brev.txt",
        "### Satsing\n\nHovedmål\tDelmål\tAnsvar\nHoved\tDel\tHOM, XYZ\n",
    );
    let err = db.refused(&["import", &paste]);
    assert!(
        err.contains("brev.txt:4: Ansvar: ukjent sektor 'XYZ'"),
        "{err}"
    );
}

/// The problems of a refused import: every line but the count, and the count.
fn problem_lines(stderr: &str) -> (Vec<&str>, &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let (count, problems) = lines.split_last().expect("a count line");
    (problems.to_vec(), count)
}

#[test]
fn import_problems_are_told_in_the_chosen_language() {
    let db = Db::init();
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "rad.csv",
            "Oppdrag;Sektor;Frist\nA;HOM;01.01.2023\nB;KUL\n",
            "styr: error: rad.csv:3: 2 felt der overskriften har 3 (er filen avkortet, eller mangler et skilletegn?)",
            "styr: error: rad.csv:3: 2 fields where the header has 3 (is the file cut short, or a separator missing?)",
        ),
        (
            "kolonne.csv",
            "Oppdrag;Sektor;Fargekode\nA;HOM;blå\n",
            "styr: error: kolonne.csv:1: ukjent kolonne 'Fargekode' (kjente kolonner: ",
            "styr: error: kolonne.csv:1: unknown column 'Fargekode' (known columns: ",
        ),
        (
            "oppdrag.csv",
            "Oppdrag;Sektor;Frist\nA;HOM;01.01.2023\nB;KUL;01.02.2023\nC;HOM;01.03.2023\nD;KUL;01.04.2023\nE;HOM;01.05.2023\nF;KUL;31.02.2023\n",
            "styr: error: oppdrag.csv:7: Frist: '31.02.2023' er ikke en dato (bruk dd.mm.åååå eller åååå-mm-dd)",
            "styr: error: oppdrag.csv:7: Frist: '31.02.2023' is not a date (use dd.mm.yyyy or YYYY-MM-DD)",
        ),
    ];
    for (name, text, nb, en) in cases {
        let file = db.file(name, text);
        let err = db.refused(&["--lang", "nb", "import", &file]);
        let (problems, count) = problem_lines(&err);
        assert_eq!(problems.len(), 1, "{err}");
        assert!(
            problems[0].starts_with(nb),
            "{name}: want {nb:?}, got {err}"
        );
        assert!(
            count.ends_with(&format!("1 problem i {file}; ingenting ble importert")),
            "{err}"
        );
        let err = db.refused(&["--lang", "en", "import", &file]);
        let (problems, count) = problem_lines(&err);
        assert_eq!(problems.len(), 1, "{err}");
        assert!(
            problems[0].starts_with(en),
            "{name}: want {en:?}, got {err}"
        );
        assert!(
            count.ends_with(&format!("1 problem in {file}; nothing was imported")),
            "{err}"
        );
    }
    assert!(db.list().is_empty(), "nothing was imported");
}

#[test]
fn a_dry_run_shows_and_writes_nothing() {
    let db = Db::init();
    let file = db.file("a.csv", "Oppdrag;Sektor;Frist\nA;HOM;01.10.2023\n");
    let before = db.bytes();
    let out = db.ok(&["import", &file, "--dry-run"]);
    assert!(out.contains("Ville opprette 1 oppdrag"), "{out}");
    assert!(out.contains("HOM   2023 A (frist 01.10.2023)"), "{out}");
    assert!(out.contains("Ingenting ble skrevet"), "{out}");
    let out = db.ok(&["--lang", "en", "import", &file, "--dry-run"]);
    assert!(out.contains("Would create 1 assignments"), "{out}");
    assert!(out.contains("HOM   2023 A (deadline 2023-10-01)"), "{out}");
    assert!(out.contains("Nothing was written"), "{out}");
    assert!(db.bytes() == before);
}

mod never_panics {
    use proptest::prelude::*;
    use styr::domain::Sector;
    use styr::import::resolve::Options;
    use styr::import::{parse, resolve, Format, Parsed, Snapshot};

    fn snapshot() -> Snapshot {
        Snapshot {
            year: 2023,
            sectors: ["SOS", "HOM", "KUL"]
                .iter()
                .enumerate()
                .map(|(i, c)| Sector {
                    code: c.to_string(),
                    name: c.to_string(),
                    position: i as i64,
                })
                .collect(),
            ..Snapshot::default()
        }
    }

    fn check(bytes: &[u8]) {
        for format in [
            Format::Auto,
            Format::Csv,
            Format::Xlsx,
            Format::Json,
            Format::Styringsbrev,
        ] {
            match parse("f", bytes, format, None) {
                Ok((Parsed::Rows(rows), _)) => {
                    let _ = resolve(&snapshot(), &[], &rows, &Options::default());
                }
                Ok((Parsed::Styringsbrev { goals, rows }, _)) => {
                    let _ = resolve(&snapshot(), &goals, &rows, &Options::default());
                }
                Ok((Parsed::Dump(_), _)) | Err(_) => {}
            }
        }
    }

    fn workbook() -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["Oppdrag", "Sektor", "Frist"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Rullering").unwrap();
        sheet.write_string(1, 1, "HOM").unwrap();
        sheet.write_number(1, 2, 45000).unwrap();
        book.save_to_buffer().unwrap()
    }

    proptest! {
        #[test]
        fn on_damaged_workbooks(
            cut in 0usize..6000,
            flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        ) {
            let mut bytes = workbook();
            for (at, byte) in flips {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            bytes.truncate(cut.max(4));
            check(&bytes);
        }

        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            check(&bytes);
        }

        #[test]
        fn on_table_like_text(text in "[A-Za-zæøå;,\t\"\r\n #.0-9]{0,300}") {
            check(format!("Oppdrag;Sektor;Frist;Status\n{text}").as_bytes());
            check(format!("Hovedmål\tDelmål\tAnsvar\n{text}").as_bytes());
            check(format!("Oppdrag\tDelegert til\n{text}").as_bytes());
        }
    }
}

/// Issue 17.5: reading a CSV took time in the square of its rows (each
/// row's line number was counted from the start of the file): 10k rows
/// 1.7 s, 40k 28.5 s, 200k more than five minutes in a release build. 20k
/// rows must now be read and planned within a minute even in a debug build
/// on a busy machine (about 2 s unloaded); before the fix it took minutes.
#[test]
fn a_large_csv_is_read_in_linear_time() {
    use std::fmt::Write as _;
    let db = Db::init();
    let sectors = ["HOM", "KUL", "OUS", "SOS", "STYV", "TEK"];
    let mut text = String::from("Oppdrag;Delegert til;Frist;Status;Kommentar\r\n");
    for i in 0..20_000 {
        let _ = write!(
            text,
            "Oppdrag nummer {i};{};{:02}.{:02}.2023;Ikke startet;Kommentar {i}\r\n",
            sectors[i % 6],
            1 + i % 28,
            1 + i % 12
        );
    }
    let file = db.file("stor.csv", text);
    let mut child = dated_styr(&db.path, ACTOR, Lang::Default)
        .args(["import", &file, "--dry-run"])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("a dry run of 20,000 rows took more than a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success());
}

/// Refuses `file` in bokmål and in English; returns the two problem lines
/// (without the summary), each checked to read as its language once
/// `data` (paths, names, values from the file) is taken out.
fn refused_in_both(db: &Db, file: &str, data: &[&str]) -> (String, String) {
    let mut lines = Vec::new();
    for (lang, words) in [("nb", styr::words::Lang::Nb), ("en", styr::words::Lang::En)] {
        let err = db.refused(&["--lang", lang, "import", file]);
        let (problems, _) = problem_lines(&err);
        let all = problems.join("\n");
        let mut data = data.to_vec();
        data.push(file);
        common::cli::assert_language(&all, words, &data);
        lines.push(all);
    }
    let en = lines.pop().unwrap();
    (lines.pop().unwrap(), en)
}

/// Issue 17.5: a file with UTF-8 lines and Windows-1252 lines was read as
/// Windows-1252 throughout, storing `BÃ¦rum`; it is refused at the first
/// line that disagrees.
#[test]
fn a_file_mixing_utf8_and_windows_1252_is_refused_at_the_line_that_disagrees() {
    let db = Db::init();
    let mut bytes = "Oppdrag;Sektor\r\nRydde i Bærum;HOM\r\nA;KUL\r\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"L\xF8renskog skole;OUS\r\n");
    let file = db.file("blandet.csv", &bytes);
    let (nb, en) = refused_in_both(&db, &file, &["UTF-8", "Windows-1252"]);
    assert!(
        nb.contains("blandet.csv:4: filen blander tegnkodinger: linje 2 er UTF-8"),
        "{nb}"
    );
    assert!(
        en.contains("blandet.csv:4: the file mixes encodings: line 2 is UTF-8"),
        "{en}"
    );
    assert!(db.list().is_empty());
}

/// Issue 17.5: an export edited by hand with an event id below 1, ids out
/// of order or an event dated before its assignment was created was
/// restored as it was; a duplicate id met a raw `UNIQUE constraint failed`.
/// Each is refused, naming the event, in both languages.
#[test]
fn an_export_with_bad_event_ids_or_dates_is_refused_naming_the_event() {
    let demo = Db::demo();
    let export: Value = serde_json::from_str(&demo.ok(&["export"])).unwrap();
    let fresh = Db::init();
    type Edit = fn(&mut Value);
    let cases: &[(&str, Edit, &str, &str)] = &[
        (
            "negativ.json",
            |d| d["events"][3]["id"] = (-4).into(),
            "hendelse -4 i hendelsesloggen har en id under 1",
            "event -4 in the event log has an id below 1",
        ),
        (
            "dobbel.json",
            |d| d["events"][5]["id"] = 5.into(),
            "id 5 står to ganger i hendelsesloggen",
            "id 5 appears twice in the event log",
        ),
        (
            "rekkefolge.json",
            |d| {
                d["events"][1]["id"] = 3.into();
                d["events"][2]["id"] = 2.into();
            },
            "hendelse 2 står etter hendelse 3 i hendelsesloggen",
            "event 2 comes after event 3 in the event log",
        ),
        (
            "dato.json",
            |d| d["events"][1]["at"] = "2022-12-31T23:00:00Z".into(),
            "hendelse 2 i oppdrag 1 er datert før oppdraget ble opprettet (hendelse 1)",
            "event 2 of assignment 1 is dated before the assignment was created (event 1)",
        ),
        (
            "lang.json",
            |d| d["assignments"][0]["title"] = "x".repeat(20_001).into(),
            "oppdrag 1: feltet tittel har 20001 tegn",
            "assignment 1: the field title has 20001 characters",
        ),
    ];
    for (name, edit, nb, en) in cases {
        let mut edited = export.clone();
        edit(&mut edited);
        let file = fresh.file(name, serde_json::to_string(&edited).unwrap());
        for (lang, want, words) in [
            ("nb", nb, styr::words::Lang::Nb),
            ("en", en, styr::words::Lang::En),
        ] {
            let err = fresh.refused(&["--lang", lang, "import", &file]);
            let (problems, _) = problem_lines(&err);
            let line = problems
                .iter()
                .find(|l| l.contains(want))
                .unwrap_or_else(|| panic!("{name} {lang}: want {want:?} in {err}"));
            common::cli::assert_language(line, words, &[&file]);
            assert!(!err.contains("UNIQUE"), "{err}");
            assert!(!err.contains("xxxxxxxx"), "the text is not repeated");
        }
    }
    assert!(fresh.list().is_empty());
}

/// Issue 17.5: a workbook of 1 MB whose shared string unpacks to a
/// gigabyte took 5 GB of memory and printed the gigabyte. What a workbook
/// may unpack is bounded and counted as it comes out, so a part whose
/// header understates its size is refused too.
#[test]
fn a_workbook_that_unpacks_too_large_is_refused_in_one_line() {
    use std::io::Write as _;
    let db = Db::init();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    zip.write_all(b"<sst><si><t>").unwrap();
    let block = vec![b'A'; 1 << 20];
    for _ in 0..257 {
        zip.write_all(&block).unwrap();
    }
    zip.write_all(b"</t></si></sst>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 << 20, "a small file: {}", bytes.len());
    let file = db.file("bombe.xlsx", &bytes);
    let (nb, en) = refused_in_both(&db, &file, &["MB"]);
    assert!(
        nb.ends_with("bombe.xlsx: arbeidsboken pakkes ut til mer enn 256 MB, som er mer enn et regneark med oppdrag trenger; den leses derfor ikke"),
        "{nb}"
    );
    assert!(
        en.contains("the workbook unpacks to more than 256 MB"),
        "{en}"
    );
    assert_eq!(nb.lines().count(), 1, "{nb}");
}

/// A sheet whose cells lie far apart spans a rectangle of millions of
/// empty cells, which the reader would hold at once; refused.
#[test]
fn a_sheet_spanning_too_many_cells_is_refused() {
    let db = Db::init();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Ark1").unwrap();
    sheet.write_string(0, 0, "Oppdrag").unwrap();
    sheet.write_string(0, 1, "Sektor").unwrap();
    sheet.write_string(1, 0, "Rullering").unwrap();
    sheet.write_string(1, 1, "HOM").unwrap();
    sheet.write_string(2999, 1999, "langt unna").unwrap();
    let file = db.file("vid.xlsx", book.save_to_buffer().unwrap());
    let (nb, en) = refused_in_both(&db, &file, &["Ark1"]);
    assert!(
        nb.contains("arket 'Ark1' spenner over mer enn 5000000 celler"),
        "{nb}"
    );
    assert!(
        en.contains("the sheet 'Ark1' spans more than 5000000 cells"),
        "{en}"
    );
}

/// Issue 17.5: one text field holds at most 20,000 characters, on every
/// way in: a file's cell, `add`, `set` and a comment. The refusal names
/// the field and does not repeat the text.
#[test]
fn a_field_longer_than_the_limit_is_refused_everywhere() {
    let db = Db::init();
    let max = styr::domain::text::MAX_FIELD_CHARS;
    assert_eq!(max, 20_000);
    let long = "ø".repeat(max + 1);
    let fits = "ø".repeat(max);
    let file = db.file(
        "lang.csv",
        format!("Oppdrag;Sektor;Beskrivelse\nKort;HOM;{fits}\nLang;KUL;{long}\n"),
    );
    let (nb, en) = refused_in_both(&db, &file, &["Beskrivelse"]);
    assert_eq!(
        nb,
        format!("styr: error: lang.csv:3: Beskrivelse: 20001 tegn; et felt kan ha høyst 20000 tegn (kort teksten ned, eller legg den i et vedlegg)")
    );
    assert!(en.ends_with("lang.csv:3: Beskrivelse: 20001 characters; a field holds at most 20000 (shorten the text, or put it in an attachment)"), "{en}");
    assert!(db.list().is_empty());

    db.ok(&[
        "add",
        "--title",
        "Kort",
        "--sector",
        "HOM",
        "--description",
        &fits,
    ]);
    for (args, nb_word, en_word) in [
        (
            vec![
                "add",
                "--title",
                "Lang",
                "--sector",
                "HOM",
                "--description",
                &long,
            ],
            "beskrivelse",
            "description",
        ),
        (vec!["set", "1", "--owner", &long], "ansvarlig", "owner"),
        (
            vec!["set", "1", "--status", "done", "--comment", &long],
            "kommentar",
            "comment",
        ),
    ] {
        for (lang, words, word) in [
            ("nb", styr::words::Lang::Nb, nb_word),
            ("en", styr::words::Lang::En, en_word),
        ] {
            let mut all = vec!["--lang", lang];
            all.extend(&args);
            let out = db.run(&all);
            let err = common::cli::one_line_error(&out, &format!("{args:?}"));
            assert!(
                err.contains(&format!("feltet {word} har 20001 tegn"))
                    || err.contains(&format!("the field {word} has 20001 characters")),
                "{err}"
            );
            assert!(!err.contains("øøø"), "the text is not repeated");
            common::cli::assert_language(&err, words, &[word]);
        }
    }
    assert_eq!(db.list().len(), 1);
}
