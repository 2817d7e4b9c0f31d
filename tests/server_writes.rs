//! Every command that changes data, against a server database and against
//! a file: the same output and the same refusals, with the server recording
//! who made each change (the login role) and serialising the writers (the
//! test server of `scripts/pg-test-server.sh`).

use std::path::Path;
use std::process::{Command, Output};

use styr::store::server::{Environment, Server, Target};

mod common;
use common::cli::{one_line_error, text, Lang};
use common::pg::{ok, styr_on, TestDb};

/// The day every command runs on.
const TODAY: &str = "2025-03-01";

/// `styr` with a clean environment (no `PG*` variable from the machine),
/// acting as `actor` in `lang`, on `db`.
fn styr(db: &str, actor: &str, lang: Lang) -> Command {
    let mut cmd = styr_on(db, actor, lang);
    cmd.args(["--today", TODAY]);
    cmd
}

/// A file made by `init` as the server's was.
fn file_db(dir: &Path) -> String {
    let file = dir.join("styr.db");
    let file = file.to_str().unwrap().to_string();
    ok(
        styr(&file, "styr", Lang::En)
            .args(["init", "--kommune", "Asker", "--year", "2025"])
            .output()
            .unwrap(),
        "init a file",
    );
    file
}

/// Output with the clock's part of every instant masked: `HH:MM` after a
/// date, and the time of an ISO instant, differ between two runs.
fn masked(output: &str) -> String {
    let chars: Vec<char> = output.chars().collect();
    let mut out = String::with_capacity(output.len());
    let mut i = 0;
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    while i < chars.len() {
        // "2025-03-01 13:44" or "2025-03-01T13:44:05Z"
        let date = (0..10).all(|k| match k {
            4 | 7 => chars.get(i + k) == Some(&'-'),
            _ => digit(i + k),
        });
        if date && matches!(chars.get(i + 10), Some(' ') | Some('T')) && digit(i + 11) {
            out.extend(&chars[i..i + 11]);
            i += 11;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':') {
                out.push('#');
                i += 1;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// One command of a sequence: who runs it (an index into the roles), in
/// which language, with which arguments.
struct Step {
    who: usize,
    lang: Lang,
    args: Vec<String>,
}

fn step(who: usize, lang: Lang, args: &[&str]) -> Step {
    Step {
        who,
        lang,
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

/// What a person sees of a command: exit code, stdout and stderr, masked.
fn seen(out: &Output) -> String {
    format!(
        "exit {:?}\n{}\n--- stderr\n{}",
        out.status.code(),
        masked(&text(&out.stdout)),
        masked(&text(&out.stderr))
    )
}

#[test]
fn every_write_command_says_the_same_on_a_server_as_on_a_file() {
    let Some(db) = TestDb::new("every_write_command_says_the_same_on_a_server_as_on_a_file") else {
        return;
    };
    let roles = db.set_up("Asker", "2025", &[("kari", false), ("per", false)]);
    let dir = tempfile::tempdir().unwrap();
    let file = file_db(dir.path());
    let csv = dir.path().join("new.csv");
    std::fs::write(
        &csv,
        "title,lead_sector,owner,due\nNy en,STYV,Ola,2025-05-01\nNy to,OUS,,2025-07-01\n",
    )
    .unwrap();
    let update = dir.path().join("update.csv");
    std::fs::write(
        &update,
        "id,parent_id,year,title,lead_sector,owner,due,status\n\
         1,,2025,Rydde arkivet igjen,STYV,Per,2025-06-01,in-progress\n\
         9,1,2025,Ny deloppgave,STYV,,,not-started\n",
    )
    .unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "title,lead_sector\nUten sektor,NOPE\n").unwrap();
    let decisions = dir.path().join("vedtak.csv");
    std::fs::write(
        &decisions,
        "organ;dato;sak;tittel\nKST;2025-02-02;13/25;Vedtak to\n",
    )
    .unwrap();
    let (csv, update, bad, decisions) = (
        csv.to_str().unwrap(),
        update.to_str().unwrap(),
        bad.to_str().unwrap(),
        decisions.to_str().unwrap(),
    );
    let (en, nb) = (Lang::En, Lang::Nb);
    let steps = [
        step(
            0,
            en,
            &[
                "add",
                "--title",
                "Rydde arkivet",
                "--sector",
                "STYV",
                "--owner",
                "Kari",
                "--due",
                "2025-06-01",
            ],
        ),
        step(
            0,
            en,
            &[
                "add",
                "--title",
                "Delopp",
                "--parent",
                "1",
                "--comment",
                "første",
            ],
        ),
        step(0, nb, &["add", "--title", "Feil", "--sector", "NOPE"]),
        step(
            0,
            en,
            &["add", "--title", "Tredje", "--sector", "OUS", "--json"],
        ),
        step(
            0,
            en,
            &["set", "1", "--owner", "Per", "--status", "in-progress"],
        ),
        // Undo takes back one change: the actor's events at one instant
        // with no one else's between them. Another's event between two
        // changes keeps them apart however fast they came.
        step(1, en, &["set", "3", "--comment", "mellom"]),
        step(0, en, &["undo"]),
        step(1, en, &["set", "3", "--comment", "mellom igjen"]),
        step(0, nb, &["undo"]),
        step(
            0,
            en,
            &["set", "1", "--owner", "Per", "--status", "in-progress"],
        ),
        step(
            0,
            en,
            &["set", "1,3", "--assessment", "yellow", "--comment", "begge"],
        ),
        step(
            0,
            en,
            &["set", "1", "--if-version", "1", "--title", "For sent"],
        ),
        step(1, nb, &["set", "1", "--if-version", "2", "--owner", "Ola"]),
        step(0, en, &["set", "1", "--comment", "bare en kommentar"]),
        step(0, en, &["set", "99", "--owner", "Ingen"]),
        step(0, en, &["show", "1"]),
        step(0, en, &["withdraw", "9", "--comment", "feil"]),
        step(0, en, &["withdraw", "1"]),
        step(
            0,
            en,
            &[
                "report",
                "1",
                "--period",
                "T1",
                "--status",
                "in-progress",
                "--assessment",
                "green",
                "--comment",
                "går fint",
            ],
        ),
        step(0, en, &["approve", "1", "--period", "2025-T1"]),
        step(
            1,
            nb,
            &[
                "approve",
                "1",
                "--period",
                "2025-T1",
                "--comment",
                "godkjent",
            ],
        ),
        step(
            0,
            en,
            &["report", "3", "--period", "T1", "--comment", "går"],
        ),
        step(
            1,
            en,
            &["send-back", "3", "--period", "2025-T1", "--comment", "nei"],
        ),
        step(
            0,
            en,
            &[
                "periods",
                "add",
                "--year",
                "2025",
                "--code",
                "FEB",
                "--label",
                "Februar",
                "--start",
                "2025-02-01",
                "--end",
                "2025-02-28",
                "--due",
                "2025-03-05",
            ],
        ),
        step(
            0,
            en,
            &["periods", "edit", "2025-FEB", "--label", "Februar!"],
        ),
        step(0, en, &["periods", "rm", "2025-FEB"]),
        step(0, en, &["periods", "rm", "2025-T1"]),
        step(0, en, &["periods"]),
        step(
            0,
            en,
            &["goal", "add", "--title", "Fokus", "--sectors", "STYV"],
        ),
        step(0, en, &["goal", "add", "--title", "Hoved", "--parent", "1"]),
        step(0, en, &["goal", "add", "--title", "Del", "--parent", "1.1"]),
        step(0, en, &["goal", "link", "1.1.1", "1", "3"]),
        step(0, en, &["goal", "unlink", "1.1.1", "3"]),
        step(0, nb, &["goal", "edit", "1.1.1", "--title", "Del mål"]),
        step(0, en, &["goal", "retire", "1.1"]),
        step(0, en, &["goal", "unretire", "1.1"]),
        step(0, en, &["goal", "add", "--title", "Fokus 2"]),
        step(0, nb, &["goal", "mv", "1.1", "--parent", "2"]),
        step(0, en, &["goals"]),
        step(
            0,
            en,
            &[
                "wheel",
                "add",
                "--date",
                "2025-04-01",
                "--title",
                "Møte",
                "--tag",
                "styringsdialog",
            ],
        ),
        step(0, en, &["wheel", "edit", "1", "--title", "Møte 2"]),
        step(0, en, &["wheel", "rm", "2"]),
        step(0, en, &["wheel", "list"]),
        step(
            0,
            en,
            &[
                "vedtak",
                "body",
                "add",
                "Hovedutvalg for oppvekst",
                "--short",
                "HOK",
            ],
        ),
        step(
            0,
            en,
            &[
                "vedtak",
                "add",
                "--body",
                "KST",
                "--date",
                "2025-02-01",
                "--case",
                "12/25",
                "--title",
                "Vedtak en",
                "--text",
                "Gjør det",
                "--assignments",
                "1",
            ],
        ),
        step(0, en, &["vedtak", "link", "1", "3"]),
        step(0, en, &["vedtak", "unlink", "1", "3"]),
        step(0, en, &["vedtak", "link", "1", "2"]),
        step(0, en, &["vedtak", "close", "1", "--comment", "ferdig"]),
        step(0, nb, &["vedtak", "reopen", "1"]),
        step(0, en, &["vedtak", "import", decisions]),
        step(0, en, &["vedtak", "body", "rm", "HOK"]),
        step(0, en, &["vedtak", "edit", "1", "--comment", "kom"]),
        step(1, en, &["vedtak", "edit", "1", "--comment", "mellom"]),
        step(0, en, &["wheel", "edit", "1", "--title", "Møte 3"]),
        step(1, en, &["vedtak", "edit", "1", "--comment", "mellom igjen"]),
        step(0, en, &["undo"]),
        step(1, en, &["undo"]),
        step(0, en, &["import", csv, "--dry-run"]),
        step(0, en, &["import", csv]),
        step(0, en, &["import", bad]),
        step(0, en, &["import", update]),
        step(0, nb, &["import", update, "--update"]),
        step(
            0,
            en,
            &["year", "new", "2026", "--from", "2025", "--carry-over"],
        ),
        step(0, en, &["list"]),
        step(0, en, &["list", "--year", "2026"]),
        step(0, en, &["log"]),
        step(0, en, &["export", "--format", "csv"]),
    ];
    let server: Vec<String> = roles.iter().map(|r| db.conninfo(r)).collect();
    for step in &steps {
        // On the file the actor is the role's name; on the server the
        // login role, whatever the actor given.
        let on_file = styr(&file, &roles[step.who], step.lang)
            .args(&step.args)
            .output()
            .unwrap();
        let on_server = styr(&server[step.who], "someone-else", step.lang)
            .args(&step.args)
            .output()
            .unwrap();
        let said = seen(&on_server);
        assert_eq!(seen(&on_file), said, "{:?}", step.args);
        assert!(!said.contains("someone-else"), "{:?}: {said}", step.args);
    }
    // The JSON export: the same but for the database's identity and the
    // instants (and `init`'s actor, the superuser on the server).
    let json = |db: &str| {
        let out = styr(db, "x", Lang::En)
            .args(["export", "--format", "json"])
            .output()
            .unwrap();
        let mut dump: serde_json::Value = serde_json::from_str(&ok(out, "export")).unwrap();
        dump["settings"].as_object_mut().unwrap().remove("identity");
        // A change the server tried and rolled back (undo tries a catalog
        // change before choosing it) used up numbers of the catalog log's
        // sequence: its ids may leave gaps where a file's do not.
        for event in dump["catalog_events"].as_array_mut().unwrap() {
            event.as_object_mut().unwrap().remove("id");
        }
        let mut text = masked(&serde_json::to_string_pretty(&dump).unwrap());
        for who in ["\"styr\"", "\"postgres\""] {
            text = text.replace(who, "\"init\"");
        }
        text
    };
    let (on_file, on_server) = (json(&file), json(&server[0]));
    let differ: Vec<(&str, &str)> = on_file
        .lines()
        .zip(on_server.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(differ.is_empty(), "the exports differ: {differ:#?}");
    assert_eq!(on_file.lines().count(), on_server.lines().count());

    let mut chain = Server::connect(&target(&server[0])).unwrap();
    assert_eq!(chain.chain_breaks().unwrap(), []);
}

fn target(conninfo: &str) -> Target {
    let var = |_: &str| None;
    Target::parse(
        conninfo,
        &Environment {
            var: &var,
            home: None,
            os_user: None,
        },
    )
    .unwrap()
}

/// The version of assignment `id` and the number of its events, read as
/// the superuser.
fn state(db: &TestDb, id: i64) -> (i64, i64) {
    let mut client = db.admin();
    let version: i64 = client
        .query_one("SELECT version FROM styr.assignments WHERE id = $1", &[&id])
        .unwrap()
        .get(0);
    let events: i64 = client
        .query_one(
            "SELECT count(*) FROM styr.events WHERE assignment_id = $1",
            &[&id],
        )
        .unwrap()
        .get(0);
    (version, events)
}

fn add_one(db: &str) {
    ok(
        styr(db, "x", Lang::En)
            .args(["add", "--title", "Rydde arkivet", "--sector", "STYV"])
            .output()
            .unwrap(),
        "add",
    );
}

#[test]
fn a_stale_edit_is_refused_naming_who_changed_what() {
    let Some(db) = TestDb::new("a_stale_edit_is_refused_naming_who_changed_what") else {
        return;
    };
    let roles = db.set_up("Asker", "2025", &[("ola", false), ("per", false)]);
    let (ola, per) = (db.conninfo(&roles[0]), db.conninfo(&roles[1]));
    add_one(&ola);
    // Ola reads version 1; Per changes the owner meanwhile.
    ok(
        styr(&per, "ola", Lang::En)
            .args(["set", "1", "--owner", "Per"])
            .output()
            .unwrap(),
        "per's change",
    );
    let before = state(&db, 1);
    for lang in [Lang::En, Lang::Nb] {
        let out = styr(&ola, "ola", lang)
            .args(["set", "1", "--if-version", "1", "--owner", "Ola"])
            .output()
            .unwrap();
        let said = one_line_error(&out, "stale");
        assert!(said.contains(&roles[1]), "names who: {said}");
        assert!(said.contains("Per"), "names what: {said}");
        assert!(
            said.contains(match lang {
                Lang::En => "changed by someone else",
                _ => "endret av noen andre",
            }),
            "{said}"
        );
    }
    assert_eq!(state(&db, 1), before, "nothing written");
}

#[test]
fn the_actor_is_the_login_role_whatever_actor_is_given() {
    let Some(db) = TestDb::new("the_actor_is_the_login_role_whatever_actor_is_given") else {
        return;
    };
    let roles = db.set_up("Asker", "2025", &[("ola", false), ("per", false)]);
    let (ola, per) = (db.conninfo(&roles[0]), db.conninfo(&roles[1]));
    add_one(&ola);
    for (db, owner) in [(&ola, "Ola"), (&per, "Per")] {
        ok(
            styr(db, "kommunedirektøren", Lang::En)
                .args(["--actor", "kommunedirektøren", "set", "1", "--owner", owner])
                .output()
                .unwrap(),
            "set",
        );
    }
    let mut client = db.admin();
    let actors: Vec<String> = client
        .query("SELECT actor FROM styr.events ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(actors, [&*roles[0], &*roles[0], &*roles[1]]);
    // Ola's undo, though it names Per, takes back Ola's change only
    // where Per has not changed the field since: here it has, so nothing.
    let out = styr(&ola, &roles[1], Lang::En)
        .args(["--actor", &roles[1], "undo"])
        .output()
        .unwrap();
    let said = one_line_error(&out, "ola's undo");
    assert!(
        said.contains("changed since") && said.contains(&format!("none of {}'s", roles[0])),
        "{said}"
    );
    // Per's undo, naming Ola, takes back Per's change.
    let said = ok(
        styr(&per, &roles[0], Lang::En)
            .args(["--actor", &roles[0], "undo"])
            .output()
            .unwrap(),
        "per's undo",
    );
    assert!(said.contains("Per → Ola"), "{said}");
    let last: String = client
        .query_one(
            "SELECT actor FROM styr.events ORDER BY id DESC LIMIT 1",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(last, roles[1]);
}

#[test]
fn a_read_only_role_cannot_set_and_a_refused_write_is_one_line() {
    let Some(db) = TestDb::new("a_read_only_role_cannot_set_and_a_refused_write_is_one_line")
    else {
        return;
    };
    let roles = db.set_up("Asker", "2025", &[("ola", false), ("lise", true)]);
    let (ola, lise) = (db.conninfo(&roles[0]), db.conninfo(&roles[1]));
    add_one(&ola);
    let before = state(&db, 1);
    for (lang, words) in [(Lang::En, "can only be read"), (Lang::Nb, "kan bare leses")] {
        let out = styr(&lise, "lise", lang)
            .args(["set", "1", "--owner", "Lise"])
            .output()
            .unwrap();
        let said = one_line_error(&out, "read-only set");
        assert!(said.contains(words) && said.contains(&roles[1]), "{said}");
    }
    // A staff role whose write the server refuses.
    let staff = styr::store::server::Roles::for_database(&db.name).staff;
    db.admin()
        .batch_execute(&format!(
            "REVOKE UPDATE ON styr.assignments FROM \"{staff}\""
        ))
        .unwrap();
    for (lang, words) in [(Lang::En, "permission denied"), (Lang::Nb, "nekter")] {
        let out = styr(&ola, "ola", lang)
            .args(["set", "1", "--owner", "Ola"])
            .output()
            .unwrap();
        let said = one_line_error(&out, "refused set");
        assert!(said.contains(words), "{said}");
    }
    assert_eq!(state(&db, 1), before, "nothing written");
}

#[test]
fn a_json_export_is_refused_on_a_server_with_the_way_there() {
    let Some(db) = TestDb::new("a_json_export_is_refused_on_a_server_with_the_way_there") else {
        return;
    };
    let roles = db.set_up("Asker", "2025", &[("ola", false)]);
    let ola = db.conninfo(&roles[0]);
    let dir = tempfile::tempdir().unwrap();
    let file = file_db(dir.path());
    add_one(&file);
    let export = dir.path().join("export.json");
    let out = styr(&file, "x", Lang::En)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    std::fs::write(&export, ok(out, "export")).unwrap();
    let out = styr(&ola, "ola", Lang::En)
        .arg("import")
        .arg(&export)
        .output()
        .unwrap();
    let said = one_line_error(&out, "restore on a server");
    assert!(said.contains("migrate --to"), "{said}");
    assert_eq!(
        db.admin()
            .query_one("SELECT count(*) FROM styr.assignments", &[])
            .unwrap()
            .get::<_, i64>(0),
        0
    );
}

#[test]
fn concurrent_edits_of_one_assignment_lose_nothing() {
    let Some(db) = TestDb::new("concurrent_edits_of_one_assignment_lose_nothing") else {
        return;
    };
    const WRITERS: usize = 4;
    const EDITS: usize = 10;
    let people: Vec<(String, bool)> = (0..WRITERS).map(|i| (format!("w{i}"), false)).collect();
    let people: Vec<(&str, bool)> = people.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    let roles = db.set_up("Asker", "2025", &people);
    add_one(&db.conninfo(&roles[0]));
    let outcomes: Vec<(usize, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = roles
            .iter()
            .enumerate()
            .map(|(w, role)| {
                let (conninfo, db) = (db.conninfo(role), &db);
                scope.spawn(move || {
                    let (mut accepted, mut refused) = (0, 0);
                    for edit in 0..EDITS {
                        // Each edit is based on the version just read.
                        let (version, _) = state(db, 1);
                        let out = styr(&conninfo, "x", Lang::En)
                            .args(["set", "1", "--if-version", &version.to_string()])
                            .args(["--owner", &format!("w{w}-{edit}")])
                            .output()
                            .unwrap();
                        if out.status.success() {
                            accepted += 1;
                        } else {
                            let said = one_line_error(&out, "a refused edit");
                            assert!(
                                said.contains("changed by someone else") || said.contains("busy"),
                                "{said}"
                            );
                            refused += 1;
                        }
                    }
                    (accepted, refused)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let accepted: usize = outcomes.iter().map(|(a, _)| a).sum();
    let refused: usize = outcomes.iter().map(|(_, r)| r).sum();
    assert_eq!(accepted + refused, WRITERS * EDITS);
    assert!(accepted > 0);
    let (version, events) = state(&db, 1);
    assert_eq!(version, 1 + accepted as i64, "no accepted edit lost");
    assert_eq!(events, 1 + accepted as i64, "one event per accepted edit");
    let mut server = Server::connect(&target(&db.conninfo(&roles[0]))).unwrap();
    assert_eq!(server.chain_breaks().unwrap(), []);
}
