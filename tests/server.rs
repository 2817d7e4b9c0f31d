//! A styr database on a PostgreSQL server: `server init`, `grant` and
//! `revoke` from the command line, and the invariants the server itself
//! enforces on whoever logs in (the test server of `scripts/pg-test-server.sh`).

use std::process::{Command, Output};

use postgres::error::SqlState;
use postgres::Client;

use styr::store::server::{Server, ServerError, Target};
use styr::store::Store;

mod common;
use common::cli::{one_line_error, text, Lang};
use common::pg::{styr_on, TestDb};

/// `styr --db DB` in `lang`, with no `PG*` variable from the machine.
fn styr_at(db: &str, lang: Lang) -> Command {
    styr_on(db, "kari", lang)
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

/// `server init` as the superuser, then `server grant` for each (name,
/// read-only) pair; returns the login roles' names.
fn set_up(db: &TestDb, people: &[(&str, bool)]) -> Vec<String> {
    let admin = db.admin_conninfo();
    let out = styr_at(&admin, Lang::En)
        .args(["server", "init", "--kommune", "Asker", "--year", "2025"])
        .output()
        .unwrap();
    let said = ok(out, "server init");
    assert!(said.contains("Asker") && said.contains("2025"), "{said}");
    people
        .iter()
        .map(|(name, read_only)| {
            let role = db.role(name);
            let mut cmd = styr_at(&admin, Lang::En);
            cmd.args(["server", "grant", &role]);
            if *read_only {
                cmd.arg("--read-only");
            }
            ok(cmd.output().unwrap(), "server grant");
            role
        })
        .collect()
}

fn refused(result: Result<u64, postgres::Error>, code: &SqlState, what: &str) {
    match result {
        Ok(n) => panic!("{what}: allowed ({n} rows)"),
        Err(e) => assert_eq!(e.code(), Some(code), "{what}: {e}"),
    }
}

/// An assignment for events to belong to, written as `client` (staff).
fn add_assignment(client: &mut Client) -> i64 {
    client
        .query_one(
            "INSERT INTO styr.assignments (year, title, lead_sector, status, version)
             VALUES (2025, 'Rydde arkivet', 'STYV', 'not-started', 1) RETURNING id",
            &[],
        )
        .unwrap()
        .get(0)
}

#[test]
fn a_staff_role_appends_events_but_cannot_rewrite_or_spoof_them() {
    let Some(db) = TestDb::new("a_staff_role_appends_events_but_cannot_rewrite_or_spoof_them")
    else {
        return;
    };
    let roles = set_up(&db, &[("ola", false)]);
    let ola = &roles[0];
    let mut client = db.connect(ola);
    let assignment = add_assignment(&mut client);

    // A spoofed id, actor and time, even with the owner's switch set.
    let before: String = client
        .query_one(
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[],
        )
        .unwrap()
        .get(0);
    client.batch_execute("SET styr.keep_stamps = 'on'").unwrap();
    let row = client
        .query_one(
            "INSERT INTO styr.events (id, at, actor, assignment_id, field, old, new)
             VALUES (4242, '2001-01-01T00:00:00Z', 'kommunedirektøren', $1, 'status', NULL, 'done')
             RETURNING id, at, actor",
            &[&assignment],
        )
        .unwrap();
    let (id, at, actor): (i64, String, String) = (row.get(0), row.get(1), row.get(2));
    let after: String = client
        .query_one(
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(actor, *ola, "the actor is the login role");
    assert_eq!(id, 1, "the id is the server's");
    assert!(
        before <= at && at <= after,
        "the time is the server's: {before} <= {at} <= {after}"
    );
    let stored: String = client
        .query_one("SELECT actor FROM styr.events WHERE id = $1", &[&id])
        .unwrap()
        .get(0);
    assert_eq!(stored, *ola);

    let denied = &SqlState::INSUFFICIENT_PRIVILEGE;
    for (sql, what) in [
        ("UPDATE styr.events SET actor = 'someone'", "UPDATE events"),
        ("DELETE FROM styr.events", "DELETE events"),
        ("TRUNCATE styr.events", "TRUNCATE events"),
        (
            "UPDATE styr.catalog_events SET actor = 'x'",
            "UPDATE catalog_events",
        ),
        ("DELETE FROM styr.catalog_events", "DELETE catalog_events"),
        ("DELETE FROM styr.event_hashes", "DELETE event_hashes"),
        (
            "INSERT INTO styr.event_hashes VALUES ('events', 99, decode(repeat('00', 32), 'hex'))",
            "INSERT event_hashes",
        ),
        (
            "ALTER TABLE styr.events DISABLE TRIGGER events_no_update",
            "DISABLE TRIGGER",
        ),
        ("SET session_replication_role = replica", "replica role"),
    ] {
        refused(client.execute(sql, &[]), denied, what);
    }

    // Even the tables' owner meets the triggers.
    let mut admin = db.admin();
    for sql in [
        "UPDATE styr.events SET actor = 'x'",
        "DELETE FROM styr.events",
        "TRUNCATE styr.events CASCADE",
    ] {
        let owner = Roles::of(&db).owner;
        let result =
            admin.batch_execute(&format!("BEGIN; SET LOCAL ROLE \"{owner}\"; {sql}; COMMIT"));
        let error = result.expect_err(sql);
        assert!(
            error.to_string().contains("append-only")
                || error
                    .as_db_error()
                    .is_some_and(|e| e.message().contains("append-only")),
            "{sql}: {error}"
        );
        admin.batch_execute("ROLLBACK").unwrap();
    }

    // A catalog event that undoes another: `undoes` is hashed only where it
    // is set, on the server as in a file.
    client
        .execute(
            "INSERT INTO styr.catalog_events (at, actor, entity, entity_id, field, undoes)
             SELECT '', '', 'goal', 1, 'title', max(id) FROM styr.catalog_events",
            &[],
        )
        .unwrap();

    // The server linked both chains exactly as a file links them.
    let mut server = Server::connect(&target(&db.conninfo(ola))).unwrap();
    assert_eq!(server.chain_breaks().unwrap(), []);
    let catalog: i64 = client
        .query_one("SELECT count(*) FROM styr.event_hashes", &[])
        .unwrap()
        .get(0);
    assert!(catalog > 1, "the catalog log of init is chained too");
}

/// The roles `server init` made for `db`.
struct Roles;

impl Roles {
    fn of(db: &TestDb) -> styr::store::server::Roles {
        styr::store::server::Roles::for_database(&db.name)
    }
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

#[test]
fn writers_wait_for_each_other_so_event_ids_commit_in_order() {
    let Some(db) = TestDb::new("writers_wait_for_each_other_so_event_ids_commit_in_order") else {
        return;
    };
    let roles = set_up(&db, &[("ola", false), ("per", false)]);
    let mut first = db.connect(&roles[0]);
    let mut second = db.connect(&roles[1]);
    let assignment = add_assignment(&mut first);
    let mut tx = first.transaction().unwrap();
    tx.execute(
        "INSERT INTO styr.events (at, actor, assignment_id, field) VALUES ('', '', $1, 'comment')",
        &[&assignment],
    )
    .unwrap();
    // While the first writer's transaction is open, the second cannot
    // write at all: not an event, not a state table.
    second.batch_execute("SET lock_timeout = '50ms'").unwrap();
    for sql in [
        "INSERT INTO styr.events (at, actor, assignment_id, field) VALUES ('', '', 1, 'comment')",
        "UPDATE styr.assignments SET owner = 'Per' WHERE id = 1",
        "SELECT styr.begin_write()",
    ] {
        let error = second.batch_execute(sql).expect_err(sql);
        assert_eq!(
            error.code(),
            Some(&SqlState::LOCK_NOT_AVAILABLE),
            "{sql}: {error}"
        );
    }
    tx.commit().unwrap();
    second
        .batch_execute(
            "INSERT INTO styr.events (at, actor, assignment_id, field) VALUES ('', '', 1, 'comment')",
        )
        .unwrap();
    let ids: Vec<(i64, String)> = first
        .query("SELECT id, actor FROM styr.events ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(ids, [(1, roles[0].clone()), (2, roles[1].clone())]);
}

#[test]
fn a_read_only_role_reads_and_cannot_write() {
    let Some(db) = TestDb::new("a_read_only_role_reads_and_cannot_write") else {
        return;
    };
    let roles = set_up(&db, &[("lise", true)]);
    let mut client = db.connect(&roles[0]);
    let sectors: i64 = client
        .query_one("SELECT count(*) FROM styr.sectors", &[])
        .unwrap()
        .get(0);
    assert_eq!(sectors, 6);
    let denied = &SqlState::INSUFFICIENT_PRIVILEGE;
    for (sql, what) in [
        (
            "INSERT INTO styr.catalog_events (at, actor, entity, entity_id, field) VALUES ('', '', 'goal', 1, 'x')",
            "INSERT catalog_events",
        ),
        (
            "INSERT INTO styr.assignments (year, title, lead_sector, status, version) VALUES (2025, 'x', 'STYV', 'done', 1)",
            "INSERT assignments",
        ),
        ("UPDATE styr.settings SET value = 'x'", "UPDATE settings"),
        ("SELECT styr.begin_write()", "take the write lock"),
        ("SELECT * FROM styr.write_lock FOR UPDATE", "lock the write lock's row"),
    ] {
        refused(client.execute(sql, &[]), denied, what);
    }
}

#[test]
fn grant_makes_and_moves_roles_and_revoke_takes_access_away() {
    let Some(db) = TestDb::new("grant_makes_and_moves_roles_and_revoke_takes_access_away") else {
        return;
    };
    let roles = set_up(&db, &[]);
    assert!(roles.is_empty());
    let admin = db.admin_conninfo();
    let ola = db.role("ola");
    let said = ok(
        styr_at(&admin, Lang::En)
            .args(["server", "grant", &ola])
            .output()
            .unwrap(),
        "grant",
    );
    assert!(said.contains("without a password"), "{said}");
    let mut client = db.connect(&ola);
    client
        .batch_execute("SELECT styr.begin_write()")
        .expect("staff may write");

    // Again, read-only: moved, not made again.
    let said = ok(
        styr_at(&admin, Lang::Nb)
            .args(["server", "grant", &ola, "--read-only"])
            .output()
            .unwrap(),
        "grant --read-only",
    );
    assert!(
        said.contains("kan nå lese") && !said.contains("passord"),
        "{said}"
    );
    let mut client = db.connect(&ola);
    let error = client
        .batch_execute("SELECT styr.begin_write()")
        .expect_err("read-only");
    assert_eq!(error.code(), Some(&SqlState::INSUFFICIENT_PRIVILEGE));
    client
        .batch_execute("SELECT count(*) FROM styr.sectors")
        .expect("a reader reads");

    let said = ok(
        styr_at(&admin, Lang::En)
            .args(["server", "revoke", &ola])
            .output()
            .unwrap(),
        "revoke",
    );
    assert!(said.contains("no longer has access"), "{said}");
    let mut client = db.connect(&ola);
    let error = client
        .batch_execute("SELECT count(*) FROM styr.sectors")
        .expect_err("revoked");
    assert_eq!(error.code(), Some(&SqlState::INSUFFICIENT_PRIVILEGE));
    let said = ok(
        styr_at(&admin, Lang::En)
            .args(["server", "revoke", &ola])
            .output()
            .unwrap(),
        "revoke twice",
    );
    assert!(said.contains("nothing was changed"), "{said}");

    // Refusals: a role that does not exist, the database's own roles.
    let out = styr_at(&admin, Lang::En)
        .args(["server", "revoke", &db.role("nobody")])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "revoke unknown").contains("no role called"));
    let staff = Roles::of(&db).staff;
    let out = styr_at(&admin, Lang::En)
        .args(["server", "grant", &staff])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "grant a group").contains("own roles"));
}

#[test]
fn init_sets_up_what_styr_init_writes_into_a_file() {
    let Some(db) = TestDb::new("init_sets_up_what_styr_init_writes_into_a_file") else {
        return;
    };
    set_up(&db, &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("styr.db");
    ok(
        common::cli::styr_en(&file)
            .args(["init", "--kommune", "Asker", "--year", "2025"])
            .output()
            .unwrap(),
        "init a file",
    );
    let store = Store::open(&file).unwrap();
    let mut client = db.admin();
    let sectors: Vec<(String, String, i64)> = client
        .query(
            "SELECT code, name, position FROM styr.sectors ORDER BY position",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let want: Vec<(String, String, i64)> = store
        .sectors()
        .unwrap()
        .into_iter()
        .map(|s| (s.code, s.name, s.position))
        .collect();
    assert_eq!(sectors, want);
    let wheel: Vec<(i64, String, String, String)> = client
        .query(
            "SELECT id, start_date, end_date, title FROM styr.wheel_entries ORDER BY id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    let dump = store.dump(None).unwrap();
    let want: Vec<(i64, String, String, String)> = dump
        .wheel_entries
        .iter()
        .map(|e| {
            (
                e.id,
                e.start.to_string(),
                e.end.to_string(),
                e.title.clone(),
            )
        })
        .collect();
    assert!(!want.is_empty());
    assert_eq!(wheel, want);
    let periods: Vec<(String, String)> = client
        .query(
            "SELECT code, report_due FROM styr.periods ORDER BY start_date, code",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut want: Vec<(String, String, String)> = dump
        .periods
        .iter()
        .map(|p| {
            (
                p.period.start.to_string(),
                p.period.code.clone(),
                p.period.report_due.to_string(),
            )
        })
        .collect();
    want.sort();
    let want: Vec<(String, String)> = want.into_iter().map(|(_, c, d)| (c, d)).collect();
    assert_eq!(periods, want);
    let settings: Vec<(String, String)> = client
        .query(
            "SELECT key, value FROM styr.settings WHERE key IN ('municipality', 'year') ORDER BY key",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        settings,
        [
            ("municipality".to_string(), "Asker".to_string()),
            ("year".to_string(), "2025".to_string())
        ]
    );
    let (catalog, bodies): (i64, i64) = {
        let row = client
            .query_one(
                "SELECT (SELECT count(*) FROM styr.catalog_events),
                        (SELECT count(*) FROM styr.decision_bodies)",
                &[],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(catalog as usize, dump.catalog_events.len());
    assert_eq!(bodies as usize, dump.decision_bodies.len());
}

#[test]
fn the_server_schema_has_every_table_and_column_of_the_file_schema() {
    let Some(db) = TestDb::new("the_server_schema_has_every_table_and_column_of_the_file_schema")
    else {
        return;
    };
    set_up(&db, &[]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("styr.db");
    drop(Store::create(&file).unwrap());
    let sqlite = rusqlite::Connection::open(&file).unwrap();
    let version: i64 = sqlite
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut client = db.admin();
    let server_version: i64 = client
        .query_one("SELECT schema_version FROM styr.server_meta", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        server_version, version,
        "the server mirrors the file's latest schema"
    );
    let mut tables = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<String> = tables
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() >= 12, "{tables:?}");
    for table in tables {
        let mut columns = sqlite
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            ))
            .unwrap();
        let columns: Vec<String> = columns
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let on_server: Vec<String> = client
            .query(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = 'styr' AND table_name = $1 ORDER BY ordinal_position",
                &[&table],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(on_server, columns, "the columns of {table}");
    }
}

#[test]
fn init_refuses_a_database_that_is_not_empty() {
    let Some(db) = TestDb::new("init_refuses_a_database_that_is_not_empty") else {
        return;
    };
    let admin = db.admin_conninfo();
    db.admin()
        .batch_execute("CREATE TABLE someones_notes (line text)")
        .unwrap();
    for lang in [Lang::En, Lang::Nb] {
        let out = styr_at(&admin, lang)
            .args(["server", "init", "--kommune", "Asker", "--year", "2025"])
            .output()
            .unwrap();
        let line = one_line_error(&out, "init on a table");
        assert!(line.contains(&db.name), "{line}");
    }
    db.admin()
        .batch_execute("DROP TABLE someones_notes")
        .unwrap();
    set_up(&db, &[]);
    let out = styr_at(&admin, Lang::En)
        .args(["server", "init", "--kommune", "Bærum", "--year", "2026"])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "init twice").contains("not empty"));
    let name: String = db
        .admin()
        .query_one(
            "SELECT value FROM styr.settings WHERE key = 'municipality'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(name, "Asker", "the first init stands");
}

#[test]
fn connection_faults_are_one_line_and_exit_1() {
    let Some(db) = TestDb::new("connection_faults_are_one_line_and_exit_1") else {
        return;
    };
    set_up(&db, &[]);
    let admin = db.admin_conninfo();
    let password_role = db.role("pw");
    db.admin()
        .batch_execute(&format!(
            "CREATE ROLE \"{password_role}\" LOGIN PASSWORD 'rett' IN ROLE styr_password_test"
        ))
        .unwrap();
    let grant = |conninfo: &str, lang: Lang| {
        styr_at(conninfo, lang)
            .args(["server", "grant", &db.role("x")])
            .output()
            .unwrap()
    };
    let wrong = format!("{} password=galt", db.conninfo(&password_role));
    let line = one_line_error(&grant(&wrong, Lang::En), "wrong password");
    assert!(
        line.contains("did not let") && line.contains(&password_role),
        "{line}"
    );
    let line = one_line_error(
        &grant(&db.conninfo(&password_role), Lang::Nb),
        "no password",
    );
    assert!(line.contains("passord"), "{line}");
    // The right one gets in (and is refused for want of rights, not login).
    let right = format!("{} password=rett", db.conninfo(&password_role));
    let line = one_line_error(&grant(&right, Lang::En), "no rights");
    assert!(!line.contains("did not let"), "{line}");

    let missing = "host=/nonexistent/socket/dir dbname=styr user=postgres";
    let line = one_line_error(&grant(missing, Lang::En), "unreachable");
    assert!(
        line.contains("cannot reach") && line.contains("/nonexistent"),
        "{line}"
    );
    let line = one_line_error(&grant(missing, Lang::Nb), "unreachable nb");
    assert!(line.contains("får ikke kontakt"), "{line}");
    for bad in [
        "postgres://h:notaport/db",
        "host=h sslmode=sometimes",
        "host=h flavour=sweet",
    ] {
        let line = one_line_error(&grant(bad, Lang::En), bad);
        assert!(!line.contains("cannot reach"), "{bad}: {line}");
    }
    let nodb = admin.replace(&format!("dbname={}", db.name), "dbname=no_such_db_here");
    let line = one_line_error(&grant(&nodb, Lang::En), "no database");
    assert!(line.contains("no_such_db_here"), "{line}");

    // Nothing was made by any of these.
    let made: i64 = db
        .admin()
        .query_one(
            "SELECT count(*) FROM pg_roles WHERE rolname = $1",
            &[&db.role("x")],
        )
        .unwrap()
        .get(0);
    assert_eq!(made, 0);
}

#[test]
fn a_server_without_tls_is_refused_when_sslmode_requires_it() {
    // A stand-in on the loopback address that answers PostgreSQL's TLS
    // request with "no", as a server without TLS does, then hangs up.
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for _ in 0..3 {
            let (mut socket, _) = listener.accept().unwrap();
            let mut request = [0u8; 8];
            socket.read_exact(&mut request).unwrap();
            // Length 8, then the code 80877103 of an SSLRequest.
            assert_eq!(request, [0, 0, 0, 8, 4, 210, 22, 47]);
            socket.write_all(b"N").unwrap();
        }
    });
    for (mode, lang, words) in [
        ("require", Lang::En, "does not offer TLS"),
        ("verify-full", Lang::Nb, "tilbyr ikke TLS"),
        ("verify-ca", Lang::En, "does not offer TLS"),
    ] {
        let db = format!("host=127.0.0.1 port={port} dbname=styr user=kari sslmode={mode}");
        let out = styr_at(&db, lang)
            .args(["server", "grant", "ola"])
            .output()
            .unwrap();
        let line = one_line_error(&out, mode);
        assert!(
            line.contains(words) && line.contains("127.0.0.1"),
            "{mode}: {line}"
        );
    }
    server.join().unwrap();
}

#[test]
fn commands_that_make_a_file_are_refused_on_a_server_and_the_rest_try_it() {
    // No server is needed to be refused.
    let db = "postgres://kari@db.example/styr";
    for (args, lang, word) in [
        (
            &["init", "--kommune", "X", "--year", "2026"][..],
            Lang::En,
            "server init",
        ),
        (
            &["generate", "--assignments", "10"][..],
            Lang::Nb,
            "server init",
        ),
        (&["demo"][..], Lang::En, "server init"),
    ] {
        let out = styr_at(db, lang).args(args).output().unwrap();
        let line = one_line_error(&out, &format!("{args:?}"));
        assert!(line.contains(word), "{line}");
    }
    // The others go to the server, and say in one line that it cannot be reached.
    for (args, lang) in [
        (&["list"][..], Lang::En),
        (&["set", "3", "--status", "done"][..], Lang::Nb),
    ] {
        let out = styr_at(db, lang).args(args).output().unwrap();
        let line = one_line_error(&out, &format!("{args:?}"));
        assert!(line.contains("db.example"), "{line}");
    }
    // And `server` on a file says it needs a server.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("styr.db");
    let out = styr_at(file.to_str().unwrap(), Lang::En)
        .args(["server", "grant", "ola"])
        .output()
        .unwrap();
    assert!(one_line_error(&out, "server on a file").contains("needs a PostgreSQL database"));
    assert!(!file.exists());
}

#[test]
fn server_errors_read_in_both_languages() {
    let error = ServerError::NoDatabase {
        dbname: "styr".into(),
    };
    let (nb, en) = (
        styr::words::server::problem(&error, styr::words::Lang::Nb),
        error.to_string(),
    );
    assert!(
        nb.contains("ingen database") && en.contains("no database"),
        "{nb} / {en}"
    );
}
