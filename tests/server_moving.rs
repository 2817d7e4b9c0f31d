//! Moving a styr database onto a PostgreSQL server and back: `migrate
//! --to`, `backup` from a server and `restore` into one, against the test
//! server of `scripts/pg-test-server.sh`.

use std::path::Path;
use std::process::{Command, Output};

use styr::store::server::{Server, Target};

mod common;
use common::cli::{demo, one_line_error, text, Lang};
use common::pg::{styr_on, TestDb};

/// `styr --db DB` in `lang`, with no `PG*` variable from the machine.
fn styr_at(db: &str, lang: Lang) -> Command {
    styr_on(db, "kari", lang)
}

fn file_db(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {} {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn target(conninfo: &str) -> Target {
    let var = |_: &str| None;
    Target::parse(
        conninfo,
        &styr::store::server::Environment {
            var: &var,
            home: None,
            os_user: None,
        },
    )
    .unwrap()
}

/// What a file says of itself through the commands a user compares:
/// the listing, the whole export and the log, all as JSON.
fn views(file: &Path) -> Vec<String> {
    [
        &["list", "--format", "json"][..],
        &["export", "--format", "json"][..],
        &["log", "--format", "json"][..],
        &["goals"][..],
        &["wheel", "list"][..],
        &["vedtak", "list"][..],
    ]
    .iter()
    .map(|args| {
        let out = styr_at(file_db(file), Lang::En)
            .args(["--today", "2023-09-20"])
            .args(*args)
            .output()
            .unwrap();
        ok(out, &format!("{args:?}"))
    })
    .collect()
}

/// Every row of every table of a file, with the chain's hashes, as text.
fn rows_of(file: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut rows = Vec::new();
    for table in tables {
        let mut select = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let width = select.column_count();
        let mut found: Vec<String> = select
            .query_map([], |r| {
                Ok((0..width)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap()
            .map(|row| format!("{table}: {}", row.unwrap()))
            .collect();
        found.sort();
        rows.extend(found);
    }
    rows
}

/// Whether the server database has nothing in it: no styr schema, no
/// tables, and none of the roles a set-up would have made.
fn is_empty(db: &TestDb) -> bool {
    let mut admin = db.admin();
    let objects: i64 = admin
        .query_one(
            "SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND n.nspname NOT LIKE 'pg\\_%' AND c.relkind IN ('r', 'S', 'v'))
                  + (SELECT count(*) FROM pg_namespace WHERE nspname = 'styr')
                  + (SELECT count(*) FROM pg_roles WHERE rolname LIKE $1 || '\\_%')",
            &[&db.name],
        )
        .unwrap()
        .get(0);
    objects == 0
}

#[test]
fn the_demo_moves_to_a_server_and_back_with_every_row_and_hash() {
    let Some(db) = TestDb::new("the_demo_moves_to_a_server_and_back_with_every_row_and_hash")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let admin = db.admin_conninfo();
    // A goal under one made after it: its parent's row comes later.
    for args in [
        &["goal", "add", "--title", "Nytt hovedmål", "--parent", "22"][..],
        &["goal", "mv", "24", "--parent", "27"][..],
    ] {
        ok(
            styr_at(file_db(&file), Lang::En)
                .args(args)
                .output()
                .unwrap(),
            &format!("{args:?}"),
        );
    }
    let parent: i64 = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row("SELECT parent_id FROM goals WHERE id = 24", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(parent, 27);

    let out = styr_at(file_db(&file), Lang::Nb)
        .args(["migrate", "--to", &admin])
        .output()
        .unwrap();
    let said = ok(out, "migrate");
    assert_eq!(said.lines().count(), 1, "{said}");
    for word in ["Flyttet", "hendelser", "oppdrag", "kontrollert", &db.name] {
        assert!(said.contains(word), "{word}: {said}");
    }

    // The server's own chain holds, computed as a file computes it.
    let mut server = Server::connect(&target(&admin)).unwrap();
    assert_eq!(server.chain_breaks().unwrap(), vec![]);
    // Actors and times came along, not the migrating role's.
    let client = server.client();
    let actors: i64 = client
        .query_one(
            "SELECT count(*) FROM styr.events WHERE actor = session_user",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(actors, 0);

    // A staff member's next change gets the next ids, after the copied ones.
    let kari = db.role("kari");
    ok(
        styr_at(&admin, Lang::En)
            .args(["server", "grant", &kari])
            .output()
            .unwrap(),
        "grant",
    );
    let mut staff = db.connect(&kari);
    let (last_assignment, last_event): (i64, i64) = {
        let row = staff
            .query_one(
                "SELECT (SELECT max(id) FROM styr.assignments), (SELECT max(id) FROM styr.events)",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    let mut tx = staff.transaction().unwrap();
    let id: i64 = tx
        .query_one(
            "INSERT INTO styr.assignments (year, title, lead_sector, status, version)
             VALUES (2023, 'Etter flyttingen', 'STYV', 'not-started', 1) RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    let event: i64 = tx
        .query_one(
            "INSERT INTO styr.events (id, at, actor, assignment_id, field, new)
             VALUES (NULL, '', '', $1, 'created', 'x') RETURNING id",
            &[&id],
        )
        .unwrap()
        .get(0);
    tx.rollback().unwrap();
    assert_eq!((id, event), (last_assignment + 1, last_event + 1));

    // Back into a file: every row and hash as in the original, and every
    // view the same.
    let back = dir.path().join("tilbake.db");
    let out = styr_at(&admin, Lang::En)
        .args(["backup", back.to_str().unwrap()])
        .output()
        .unwrap();
    let said = ok(out, "backup from the server");
    assert!(
        said.contains("doctor: ok") && said.contains("checked"),
        "{said}"
    );
    assert_eq!(rows_of(&back), rows_of(&file));
    assert_eq!(views(&back), views(&file));
    let out = styr_at(file_db(&back), Lang::En)
        .arg("doctor")
        .output()
        .unwrap();
    ok(out, "doctor on the backup");

    // A second backup never replaces the first.
    let out = styr_at(&admin, Lang::En)
        .args(["backup", back.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "backup over a file").contains("already exists"));
}

#[test]
fn restore_puts_a_backup_into_an_empty_server_database() {
    let Some(db) = TestDb::new("restore_puts_a_backup_into_an_empty_server_database") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let admin = db.admin_conninfo();
    let out = styr_at(&admin, Lang::En)
        .args(["restore", file.to_str().unwrap()])
        .output()
        .unwrap();
    let said = ok(out, "restore into a server");
    assert!(said.contains("Moved") && said.contains("checked"), "{said}");
    let back = dir.path().join("back.db");
    ok(
        styr_at(&admin, Lang::Nb)
            .args(["backup", back.to_str().unwrap()])
            .output()
            .unwrap(),
        "backup",
    );
    assert_eq!(rows_of(&back), rows_of(&file));
    // Once it holds a database, restore refuses it, and it is unchanged.
    let out = styr_at(&admin, Lang::En)
        .args(["restore", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "restore over a database").contains("not empty"));
    let again = dir.path().join("again.db");
    ok(
        styr_at(&admin, Lang::En)
            .args(["backup", again.to_str().unwrap()])
            .output()
            .unwrap(),
        "backup",
    );
    assert_eq!(rows_of(&again), rows_of(&file));
}

#[test]
fn a_target_that_is_not_empty_is_refused_and_left_as_it_was() {
    let Some(db) = TestDb::new("a_target_that_is_not_empty_is_refused_and_left_as_it_was") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    db.admin()
        .batch_execute("CREATE TABLE public.notater (tekst text); INSERT INTO public.notater VALUES ('behold meg')")
        .unwrap();
    for (lang, word) in [(Lang::Nb, "ikke tom"), (Lang::En, "not empty")] {
        let out = styr_at(file_db(&file), lang)
            .args(["migrate", "--to", &db.admin_conninfo()])
            .output()
            .unwrap();
        let line = one_line_error(&out, "migrate into a database with a table");
        assert!(line.contains(word), "{line}");
    }
    let mut admin = db.admin();
    let styr: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'styr'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(styr, 0);
    let kept: String = admin
        .query_one("SELECT tekst FROM public.notater", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, "behold meg");
}

#[test]
fn a_move_that_fails_part_way_leaves_the_target_empty() {
    let Some(db) = TestDb::new("a_move_that_fails_part_way_leaves_the_target_empty") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());

    // A value SQLite kept that the server's column cannot hold (bytes in
    // a text column, where `doctor` does not look): found after the schema
    // and roles were made, inside the one transaction.
    let odd = dir.path().join("odd.db");
    std::fs::copy(&file, &odd).unwrap();
    rusqlite::Connection::open(&odd)
        .unwrap()
        .execute(
            "INSERT INTO settings (key, value) VALUES ('merknad', X'00FF')",
            [],
        )
        .unwrap();
    let out = styr_at(file_db(&odd), Lang::En)
        .args(["migrate", "--to", &db.admin_conninfo()])
        .output()
        .unwrap();
    let line = one_line_error(&out, "a value of the wrong type");
    assert!(line.contains("settings.value"), "{line}");
    assert!(is_empty(&db), "after a failed move");

    // A file whose history was rewritten: refused before anything is written.
    let rewritten = dir.path().join("rewritten.db");
    std::fs::copy(&file, &rewritten).unwrap();
    rusqlite::Connection::open(&rewritten)
        .unwrap()
        .execute_batch(
            "DROP TRIGGER events_no_update;
             UPDATE events SET comment = 'skrevet om' WHERE id = 5;",
        )
        .unwrap();
    let out = styr_at(file_db(&rewritten), Lang::Nb)
        .args(["migrate", "--to", &db.admin_conninfo()])
        .output()
        .unwrap();
    one_line_error(&out, "a rewritten history");
    assert!(is_empty(&db), "after a rewritten history");

    // A login role that may not make roles: the server refuses it.
    let clerk = db.role("clerk");
    db.admin()
        .batch_execute(&format!("CREATE ROLE {clerk} LOGIN"))
        .unwrap();
    let out = styr_at(file_db(&file), Lang::En)
        .args(["migrate", "--to", &db.conninfo(&clerk)])
        .output()
        .unwrap();
    let line = one_line_error(&out, "without the rights");
    assert!(
        line.contains("refuses") || line.contains("permission"),
        "{line}"
    );
    db.admin()
        .batch_execute(&format!("DROP ROLE {clerk}"))
        .unwrap();
    assert!(is_empty(&db), "after a refused role");

    // And after all that, the same database takes the file whole.
    ok(
        styr_at(file_db(&file), Lang::En)
            .args(["migrate", "--to", &db.admin_conninfo()])
            .output()
            .unwrap(),
        "migrate at last",
    );
}

#[test]
fn bad_input_to_a_move_is_one_line_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mangler.db");
    for (args, lang, word) in [
        // No server is needed for these.
        (
            vec!["migrate", "--to", "annen.db"],
            Lang::Nb,
            "trenger en PostgreSQL-database",
        ),
        (
            vec!["migrate", "--to", "host=/nowhere dbname=styr"],
            Lang::En,
            "no database at",
        ),
    ] {
        let out = styr_at(file_db(&file), lang).args(&args).output().unwrap();
        let line = one_line_error(&out, &format!("{args:?}"));
        assert!(line.contains(word), "{line}");
    }
    let db = demo(dir.path());
    let out = styr_at(file_db(&db), Lang::En)
        .args(["migrate", "--to", "host=/nowhere dbname=styr user=kari"])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "unreachable").contains("cannot reach"));
    let server = "postgres://kari@db.example/styr";
    let out = styr_at(server, Lang::Nb)
        .args(["migrate", "--to", server])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "migrate from a server").contains("databasefil"));
    let out = styr_at("host=/nowhere dbname=styr user=kari", Lang::En)
        .args(["restore", "missing.db"])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "restore a missing file").contains("missing.db"));
    let out = styr_at("host=/nowhere dbname=styr user=kari", Lang::Nb)
        .args(["backup", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "backup over a file").contains("finnes allerede"));
    assert!(!file.exists());
}
