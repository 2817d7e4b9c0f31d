//! A styr database on a PostgreSQL server: connecting, setting it up
//! (`server init`), giving people access (`server grant`, `server
//! revoke`) and moving a whole database in and out ([`moving`]). The
//! schema and the invariants the server enforces are in [`schema`]; the
//! store's reads and changes do not speak to a server yet.

pub mod moving;
mod open;
pub mod schema;
pub mod target;
pub mod tls;

use postgres::error::SqlState;
use postgres::{Client, NoTls, Transaction};

pub use target::{is_server, Environment, Target, TargetError, TlsMode};
pub use tls::TlsError;

use super::Dump;

/// What can go wrong with a server database, told apart for the person
/// who reads it; `crate::words::server` says each in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerError {
    /// The `--db` value does not parse.
    BadTarget(TargetError),
    /// TLS could not be set up.
    Tls(TlsError),
    /// No connection to the server (the client's or the system's words).
    Unreachable { host: String, said: String },
    /// The server does not offer TLS, which `sslmode` requires.
    NoTls { host: String },
    /// The server asked for a password and none was given.
    NoPassword { user: String },
    /// The server refused the login (a wrong password, or not allowed in).
    LoginRefused { user: String, said: String },
    /// No such database on the server.
    NoDatabase { dbname: String },
    /// `server init` on a database that holds tables or a styr schema.
    NotEmpty { dbname: String, objects: i64 },
    /// `server grant`/`revoke` on a database `server init` has not set up.
    NotInitialised { dbname: String },
    /// A schema version this styr does not know.
    TooNew { found: i64, known: i64 },
    /// A schema version older than this styr's.
    TooOld { found: i64, known: i64 },
    /// A role that exists and can log in, where a group was to be made.
    GroupCanLogin { role: String },
    /// `grant`/`revoke` of one of the database's own roles.
    OwnRole { role: String },
    /// A role name PostgreSQL cannot take.
    BadRoleName { role: String },
    /// `revoke` of a role that does not exist.
    UnknownRole { role: String },
    /// The login role may not do this (the server's words).
    PermissionDenied { said: String },
    /// The connection to the server was lost (the server restarted or
    /// went away) after it was made.
    Lost { said: String },
    /// Anything else the server said.
    Server { said: String },
}

impl From<TlsError> for ServerError {
    fn from(error: TlsError) -> Self {
        ServerError::Tls(error)
    }
}

impl From<TargetError> for ServerError {
    fn from(error: TargetError) -> Self {
        ServerError::BadTarget(error)
    }
}

impl From<postgres::Error> for ServerError {
    fn from(error: postgres::Error) -> Self {
        match error.as_db_error() {
            Some(db) if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE => {
                ServerError::PermissionDenied {
                    said: db.message().to_string(),
                }
            }
            Some(db) => ServerError::Server {
                said: db.message().to_string(),
            },
            None => ServerError::Server {
                said: error.to_string(),
            },
        }
    }
}

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::words::server::problem(self, crate::words::Lang::En))
    }
}

impl std::error::Error for ServerError {}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;

/// The three roles of a server database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles {
    /// Owns the tables; nobody logs in as it.
    pub owner: String,
    /// Reads, appends events and writes the state tables.
    pub staff: String,
    /// Reads only.
    pub readers: String,
}

impl Roles {
    /// The roles of the database `dbname`: its name and `_owner`,
    /// `_staff`, `_read` (roles are the whole server's, so each database
    /// has its own), shortened to PostgreSQL's 63 bytes.
    pub fn for_database(dbname: &str) -> Roles {
        let role = |suffix: &str| {
            let mut base = dbname.to_string();
            while base.len() + suffix.len() > 63 {
                base.pop();
            }
            format!("{base}{suffix}")
        };
        Roles {
            owner: role("_owner"),
            staff: role("_staff"),
            readers: role("_read"),
        }
    }
}

/// What `server init` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialised {
    pub roles: Roles,
    /// The roles that existed already and were taken as they were.
    pub reused: Vec<String>,
}

/// What `server grant` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    pub role: String,
    /// The login role was made (without a password).
    pub created: bool,
    /// The group it is now in.
    pub group: String,
    pub read_only: bool,
}

/// What `server revoke` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    pub role: String,
    /// The groups it was taken out of (none when it had no access).
    pub from: Vec<String>,
}

/// An open connection to a server database.
pub struct Server {
    client: Client,
    target: Target,
}

/// A name as a quoted SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace("\"", "\"\""))
}

fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\u{27}', "''"))
}

impl Server {
    /// Connects, with TLS as the target's `sslmode` asks.
    pub fn connect(target: &Target) -> Result<Server> {
        let connected = if target.config.get_ssl_mode() == postgres::config::SslMode::Disable {
            target.config.connect(NoTls)
        } else {
            let config = tls::client_config(target.tls, target.root_cert.as_deref())?;
            target
                .config
                .connect(tokio_postgres_rustls::MakeRustlsConnect::new(config))
        };
        let mut client = connected.map_err(|e| connect_error(e, target))?;
        client.batch_execute("SET search_path = styr, pg_catalog")?;
        Ok(Server {
            client,
            target: target.clone(),
        })
    }

    /// The connection, to be the store's.
    pub fn into_client(self) -> Client {
        self.client
    }

    /// The connection, for the tests of what the server enforces.
    #[doc(hidden)]
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The database's name.
    pub fn dbname(&self) -> String {
        self.target.dbname()
    }

    /// Sets up an empty database: the roles, the schema with its guards
    /// and privileges, and `seed`'s settings, sectors, årshjul, periods and
    /// bodies with their catalog log (what `styr init` writes into a file),
    /// all in one transaction. Refuses a database that holds any table.
    pub fn init(&mut self, seed: &Dump) -> Result<Initialised> {
        let dbname = self.dbname();
        let mut tx = self.client.transaction()?;
        let done = set_up(&mut tx, &dbname)?;
        write_seed(&mut tx, seed)?;
        tx.batch_execute("RESET ROLE")?;
        tx.commit()?;
        Ok(done)
    }

    /// The database's roles and schema version, as `server init` wrote them.
    pub fn roles(&mut self) -> Result<(Roles, i64)> {
        let dbname = self.dbname();
        let has_meta: bool = self
            .client
            .query_one("SELECT to_regclass('styr.server_meta') IS NOT NULL", &[])?
            .get(0);
        if !has_meta {
            return Err(ServerError::NotInitialised { dbname });
        }
        let row = self.client.query_opt(
            "SELECT owner_role::text, staff_role::text, read_role::text, schema_version
             FROM styr.server_meta",
            &[],
        )?;
        let row = row.ok_or(ServerError::NotInitialised { dbname })?;
        let version: i64 = row.get(3);
        if version > schema::VERSION {
            return Err(ServerError::TooNew {
                found: version,
                known: schema::VERSION,
            });
        }
        Ok((
            Roles {
                owner: row.get(0),
                staff: row.get(1),
                readers: row.get(2),
            },
            version,
        ))
    }

    /// Lets a login role read and write (`read_only`: only read) the
    /// database, making the role, without a password, when it does not
    /// exist. A role in the other group is moved.
    pub fn grant(&mut self, role: &str, read_only: bool) -> Result<Granted> {
        let (roles, _) = self.roles()?;
        check_role_name(role, &roles)?;
        let (group, other) = if read_only {
            (&roles.readers, &roles.staff)
        } else {
            (&roles.staff, &roles.readers)
        };
        let mut tx = self.client.transaction()?;
        let exists = tx
            .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role])?
            .is_some();
        let quoted = quote_ident(role);
        if !exists {
            tx.batch_execute(&format!("CREATE ROLE {quoted} LOGIN"))?;
        }
        if is_member(&mut tx, role, other)? {
            tx.batch_execute(&format!("REVOKE {} FROM {quoted}", quote_ident(other)))?;
        }
        if !is_member(&mut tx, role, group)? {
            tx.batch_execute(&format!("GRANT {} TO {quoted}", quote_ident(group)))?;
        }
        tx.commit()?;
        Ok(Granted {
            role: role.to_string(),
            created: !exists,
            group: group.clone(),
            read_only,
        })
    }

    /// Takes a role out of both groups; the role itself stays (it is the
    /// whole server's, and may have uses beyond styr).
    pub fn revoke(&mut self, role: &str) -> Result<Revoked> {
        let (roles, _) = self.roles()?;
        check_role_name(role, &roles)?;
        let mut tx = self.client.transaction()?;
        if tx
            .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role])?
            .is_none()
        {
            return Err(ServerError::UnknownRole {
                role: role.to_string(),
            });
        }
        let mut from = Vec::new();
        for group in [&roles.staff, &roles.readers] {
            if is_member(&mut tx, role, group)? {
                tx.batch_execute(&format!(
                    "REVOKE {} FROM {}",
                    quote_ident(group),
                    quote_ident(role)
                ))?;
                from.push(group.clone());
            }
        }
        tx.commit()?;
        Ok(Revoked {
            role: role.to_string(),
            from,
        })
    }
}

impl Server {
    /// The events whose stored hash is not the one `store::chain` computes
    /// from the event and its predecessor (log table, event id); empty when
    /// both chains hold. The server links each event as it is appended;
    /// this checks that it links them exactly as a file does.
    pub fn chain_breaks(&mut self) -> Result<Vec<(String, i64)>> {
        use super::chain::{link, Cell, Log, GENESIS};
        let mut breaks = Vec::new();
        for log in Log::ALL {
            let sql = format!(
                "SELECT {}, h.hash FROM styr.{} e
                 LEFT JOIN styr.event_hashes h ON h.log = '{}' AND h.event_id = e.id
                 ORDER BY e.id",
                log.columns()
                    .iter()
                    .map(|c| format!("e.{c}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                log.table(),
                log.table()
            );
            let integers: &[usize] = match log {
                Log::Events => &[0, 3, 8],
                Log::Catalog => &[0, 4, 9],
            };
            let mut head = GENESIS;
            for row in self.client.query(&sql, &[])? {
                let width = log.columns().len();
                let texts: Vec<Option<String>> = (0..width)
                    .map(|i| (!integers.contains(&i)).then(|| row.get(i)).flatten())
                    .collect();
                let numbers: Vec<Option<i64>> = (0..width)
                    .map(|i| integers.contains(&i).then(|| row.get(i)).flatten())
                    .collect();
                let cells: Vec<Cell> = (0..width)
                    .map(|i| match (&numbers[i], &texts[i]) {
                        (Some(n), _) => Cell::Integer(*n),
                        (None, Some(t)) => Cell::Text(t),
                        (None, None) => Cell::Null,
                    })
                    .collect();
                head = link(log, &head, &cells);
                let stored: Option<Vec<u8>> = row.get(width);
                if stored.as_deref() != Some(&head[..]) {
                    breaks.push((log.table().to_string(), numbers[0].unwrap_or_default()));
                }
            }
        }
        Ok(breaks)
    }
}

/// Makes an empty database a styr database inside `tx`: the roles, the
/// schema with its guards and privileges, and its meta row; leaves `tx`
/// acting as the owner role. Refuses a database that holds any table.
/// `server init` and moving a file in both begin here.
pub(super) fn set_up(tx: &mut Transaction, dbname: &str) -> Result<Initialised> {
    let dbname = dbname.to_string();
    let roles = Roles::for_database(&dbname);
    let objects: i64 = tx
        .query_one(
            "SELECT (SELECT count(*) FROM pg_class c
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                       AND n.nspname NOT LIKE 'pg\\_toast%'
                       AND n.nspname NOT LIKE 'pg\\_temp%')
                  + (SELECT count(*) FROM pg_namespace WHERE nspname = 'styr')",
            &[],
        )?
        .get(0);
    if objects > 0 {
        return Err(ServerError::NotEmpty { dbname, objects });
    }
    let mut reused = Vec::new();
    for role in [&roles.owner, &roles.staff, &roles.readers] {
        let found = tx.query_opt(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1",
            &[role],
        )?;
        match found {
            Some(row) if row.get::<_, bool>(0) => {
                return Err(ServerError::GroupCanLogin { role: role.clone() })
            }
            Some(_) => reused.push(role.clone()),
            None => tx.batch_execute(&format!("CREATE ROLE {} NOLOGIN", quote_ident(role)))?,
        }
    }
    let owner = quote_ident(&roles.owner);
    let superuser: bool = tx
        .query_one(
            "SELECT rolsuper FROM pg_roles WHERE rolname = session_user",
            &[],
        )?
        .get(0);
    if !superuser {
        // Whoever sets the database up must be able to act as its owner.
        tx.batch_execute(&format!("GRANT {owner} TO SESSION_USER"))?;
    }
    let tables = schema::TABLES.replacen("CREATE SCHEMA styr;", "", 1);
    tx.batch_execute(&format!(
        "CREATE SCHEMA styr AUTHORIZATION {owner};
         SET LOCAL ROLE {owner};
         {tables}
         {guards}
         {privileges}
         INSERT INTO styr.server_meta (schema_version, owner_role, staff_role, read_role)
             VALUES ({version}, {o}, {s}, {r});",
        guards = schema::guards(),
        privileges = schema::privileges(&quote_ident(&roles.staff), &quote_ident(&roles.readers)),
        version = schema::VERSION,
        o = quote_literal(&roles.owner),
        s = quote_literal(&roles.staff),
        r = quote_literal(&roles.readers),
    ))?;
    Ok(Initialised { roles, reused })
}

fn check_role_name(role: &str, roles: &Roles) -> Result<()> {
    let bad = || ServerError::BadRoleName {
        role: role.to_string(),
    };
    if role.trim().is_empty() || role.len() > 63 || role.chars().any(char::is_control) {
        return Err(bad());
    }
    let lower = role.to_lowercase();
    if lower.starts_with("pg_") || lower == "public" {
        return Err(bad());
    }
    if [&roles.owner, &roles.staff, &roles.readers].contains(&&role.to_string()) {
        return Err(ServerError::OwnRole {
            role: role.to_string(),
        });
    }
    Ok(())
}

/// Whether `role` is a direct member of `group`.
fn is_member(tx: &mut Transaction, role: &str, group: &str) -> Result<bool> {
    Ok(tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_auth_members m
                 JOIN pg_roles g ON g.oid = m.roleid
                 JOIN pg_roles r ON r.oid = m.member
                 WHERE g.rolname = $1 AND r.rolname = $2)",
            &[&group, &role],
        )?
        .get(0))
}

/// Writes what `styr init` puts into a new file, from an export of one:
/// settings, sectors, årshjul, periods, bodies and their catalog log (ids,
/// actors and times the server's, as for any event).
fn write_seed(tx: &mut Transaction, seed: &Dump) -> Result<()> {
    for (key, value) in &seed.settings {
        tx.execute(
            "INSERT INTO styr.settings (key, value) VALUES ($1, $2)",
            &[key, value],
        )?;
    }
    for sector in &seed.sectors {
        tx.execute(
            "INSERT INTO styr.sectors (code, name, position) VALUES ($1, $2, $3)",
            &[&sector.code, &sector.name, &sector.position],
        )?;
    }
    for entry in &seed.wheel_entries {
        tx.execute(
            "INSERT INTO styr.wheel_entries
                 (id, year, start_date, end_date, title, kind, sector, tags, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &entry.id,
                &i64::from(entry.year),
                &crate::domain::date::iso(entry.start),
                &crate::domain::date::iso(entry.end),
                &entry.title,
                &entry.kind.as_str(),
                &entry.sector,
                &entry.tags.join(","),
                &entry.note,
            ],
        )?;
    }
    for period in &seed.periods {
        tx.execute(
            "INSERT INTO styr.periods (id, year, code, label, start_date, end_date, report_due)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &period.id,
                &i64::from(period.period.year),
                &period.period.code,
                &period.period.label,
                &crate::domain::date::iso(period.period.start),
                &crate::domain::date::iso(period.period.end),
                &crate::domain::date::iso(period.period.report_due),
            ],
        )?;
    }
    for body in &seed.decision_bodies {
        tx.execute(
            "INSERT INTO styr.decision_bodies (id, name, short) VALUES ($1, $2, $3)",
            &[&body.id, &body.name, &body.short],
        )?;
    }
    for event in &seed.catalog_events {
        tx.execute(
            "INSERT INTO styr.catalog_events (at, actor, entity, entity_id, field, old, new, comment)
             VALUES ('', '', $1, $2, $3, $4, $5, $6)",
            &[
                &event.entity.as_str(),
                &event.entity_id,
                &event.field,
                &event.old,
                &event.new,
                &event.comment,
            ],
        )?;
    }
    // The ids given above are past each table's identity sequence.
    for table in [
        "wheel_entries",
        "decision_bodies",
        "goals",
        "assignments",
        "decisions",
        "periods",
    ] {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('styr.{table}', 'id'),
                               GREATEST((SELECT max(id) FROM styr.{table}), 0) + 1, false)"
            ),
            &[],
        )?;
    }
    Ok(())
}

/// A failure to connect, named for what the person can do about it.
fn connect_error(error: postgres::Error, target: &Target) -> ServerError {
    if let Some(db) = error.as_db_error() {
        let code = db.code();
        if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            return ServerError::LoginRefused {
                user: target.user(),
                said: db.message().to_string(),
            };
        }
        if *code == SqlState::INVALID_CATALOG_NAME {
            return ServerError::NoDatabase {
                dbname: target.dbname(),
            };
        }
        return ServerError::from(error);
    }
    let said = error.to_string();
    let source = std::error::Error::source(&error).map(|s| s.to_string());
    if said.contains("password missing") || source.as_deref() == Some("password missing") {
        return ServerError::NoPassword {
            user: target.user(),
        };
    }
    if said.contains("does not support TLS")
        || source
            .as_deref()
            .is_some_and(|s| s.contains("does not support TLS"))
    {
        return ServerError::NoTls {
            host: target.host(),
        };
    }
    // The system's words for the failure are the most precise there are.
    let said = source.filter(|s| !s.is_empty()).unwrap_or(said);
    ServerError::Unreachable {
        host: target.host(),
        said,
    }
}
