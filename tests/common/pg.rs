//! A database of its own on the test PostgreSQL server for each test.
//!
//! The server is the one `scripts/pg-test-server.sh start` runs (`.ci/run`
//! starts it); its libpq key=value string for the superuser is in
//! `STYR_TEST_PG`. Without it a test is skipped with one line saying so,
//! except under `CI=true`, where a missing server is a failure.

use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

/// A fresh, empty database, dropped (with the roles named after it) when
/// the value goes.
pub struct TestDb {
    /// The server, as the superuser, with no database named.
    admin: String,
    /// The database's name, also the prefix of every role the test makes.
    pub name: String,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl TestDb {
    /// A new database for the test `test`, or `None` (having said why) when
    /// there is no server and this is not CI.
    pub fn new(test: &str) -> Option<TestDb> {
        let admin = match std::env::var("STYR_TEST_PG") {
            Ok(admin) if !admin.trim().is_empty() => admin,
            _ => {
                let ci = std::env::var("CI").is_ok_and(|v| v == "true");
                assert!(
                    !ci,
                    "{test}: STYR_TEST_PG is not set; under CI the PostgreSQL tests must run \
                     (scripts/pg-test-server.sh start)"
                );
                println!(
                    "skipped {test}: STYR_TEST_PG is not set \
                     (eval \"$(scripts/pg-test-server.sh start)\" runs a server for the tests)"
                );
                return None;
            }
        };
        let name = format!(
            "styr_t{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut client = Client::connect(&admin, NoTls)
            .unwrap_or_else(|e| panic!("{test}: the test server at STYR_TEST_PG: {e}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        Some(TestDb { admin, name })
    }

    /// The key=value string that logs in to this database as `user`.
    pub fn conninfo(&self, user: &str) -> String {
        let rest: Vec<&str> = self
            .admin
            .split_whitespace()
            .filter(|p| !p.starts_with("user=") && !p.starts_with("dbname="))
            .collect();
        format!("{} user={user} dbname={}", rest.join(" "), self.name)
    }

    /// The superuser's key=value string for this database.
    pub fn admin_conninfo(&self) -> String {
        self.conninfo("postgres")
    }

    /// A role name of this test's own (roles are the whole server's).
    pub fn role(&self, name: &str) -> String {
        format!("{}_{name}", self.name)
    }

    /// A connection as `user`.
    pub fn connect(&self, user: &str) -> Client {
        Client::connect(&self.conninfo(user), NoTls)
            .unwrap_or_else(|e| panic!("connect as {user}: {e}"))
    }

    /// A connection as the superuser.
    pub fn admin(&self) -> Client {
        self.connect("postgres")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Ok(mut client) = Client::connect(&self.admin, NoTls) else {
            return;
        };
        let _ = client.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
        let roles: Vec<String> = client
            .query(
                "SELECT rolname::text FROM pg_roles WHERE starts_with(rolname, $1)",
                &[&format!("{}_", self.name)],
            )
            .map(|rows| rows.iter().map(|r| r.get(0)).collect())
            .unwrap_or_default();
        for role in roles {
            let _ = client.batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""));
        }
    }
}

/// `styr --db DB` as `actor` in `lang`, with a clean environment and no
/// `PG*` variable from the machine: the server is only what `db` says.
pub fn styr_on(db: &str, actor: &str, lang: super::cli::Lang) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_styr"));
    super::cli::clean_env(&mut cmd, actor, lang);
    for key in [
        "PGHOST",
        "PGPORT",
        "PGUSER",
        "PGDATABASE",
        "PGPASSWORD",
        "PGPASSFILE",
        "PGSSLMODE",
    ] {
        cmd.env_remove(key);
    }
    cmd.arg("--db").arg(db);
    cmd
}

/// Asserts that a command succeeded; its standard output.
pub fn ok(out: std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {} {}",
        super::cli::text(&out.stdout),
        super::cli::text(&out.stderr)
    );
    super::cli::text(&out.stdout)
}

impl TestDb {
    /// `server init` as the superuser, then `server grant` for each (name,
    /// read-only) pair; the login roles' names, in that order.
    pub fn set_up(&self, kommune: &str, year: &str, people: &[(&str, bool)]) -> Vec<String> {
        let admin = self.admin_conninfo();
        let lang = super::cli::Lang::En;
        ok(
            styr_on(&admin, "postgres", lang)
                .args(["server", "init", "--kommune", kommune, "--year", year])
                .output()
                .unwrap(),
            "server init",
        );
        people
            .iter()
            .map(|(name, read_only)| {
                let role = self.role(name);
                let mut cmd = styr_on(&admin, "postgres", lang);
                cmd.args(["server", "grant", &role]);
                if *read_only {
                    cmd.arg("--read-only");
                }
                ok(cmd.output().unwrap(), "server grant");
                role
            })
            .collect()
    }
}
