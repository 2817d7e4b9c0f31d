//! Where a server database is: a `--db` value (`postgres://…`,
//! `postgresql://…` or a libpq key=value string) completed as libpq
//! completes it, from the `PG*` environment variables, the password file
//! (`PGPASSFILE`, else `~/.pgpass`) and libpq's defaults.
//!
//! The `postgres` crate parses both forms, but knows neither the
//! environment nor the password file, and of `sslmode` only `disable`,
//! `prefer` and `require`; so `sslmode`, `sslrootcert` and `passfile` are
//! taken out of the string here, and the rest is the crate's to parse.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use postgres::config::{Host, SslMode};

/// How a connection uses TLS, as libpq's `sslmode` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    Disable,
    /// libpq tries without TLS first; here it is taken as `prefer`.
    Allow,
    /// TLS when the server offers it, the certificate not checked.
    Prefer,
    /// TLS or no connection; the certificate not checked unless a root
    /// certificate file is there (then as `verify-ca`, as libpq does).
    Require,
    /// TLS with a certificate signed by a trusted authority.
    VerifyCa,
    /// As `verify-ca`, and the certificate names the host.
    VerifyFull,
}

impl TlsMode {
    fn parse(text: &str) -> Option<TlsMode> {
        Some(match text {
            "disable" => TlsMode::Disable,
            "allow" => TlsMode::Allow,
            "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            _ => return None,
        })
    }
}

/// A server database to connect to, with everything libpq would fill in.
#[derive(Debug, Clone)]
pub struct Target {
    pub config: postgres::Config,
    pub tls: TlsMode,
    /// The file of trusted root certificates (`sslrootcert`), when one is
    /// named or `~/.postgresql/root.crt` exists; else the system's.
    pub root_cert: Option<PathBuf>,
}

/// Why a `--db` value is not a server database one can connect to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// The string does not parse (the parser's words).
    Malformed(String),
    /// A key=value string with a key and no `=` after it.
    NoEquals(String),
    /// A quoted value that does not end.
    Unterminated,
    /// An `sslmode` libpq does not know.
    SslMode(String),
    /// A port (from `PGPORT`) that is not a number.
    Port(String),
}

/// libpq's keywords, which mark a `--db` value as a key=value string
/// rather than a file name.
const KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "connect_timeout",
    "application_name",
    "options",
    "sslmode",
    "sslrootcert",
    "target_session_attrs",
    "keepalives",
    "keepalives_idle",
    "channel_binding",
    "load_balance_hosts",
];

/// Whether a `--db` value names a server database rather than a file.
pub fn is_server(text: &str) -> bool {
    let text = text.trim_start();
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        return true;
    }
    match text.split_once('=') {
        Some((key, _)) => KEYWORDS.contains(&key.trim()),
        None => false,
    }
}

/// What the program reads from outside: variables and the home directory.
pub struct Environment<'a> {
    pub var: &'a dyn Fn(&str) -> Option<String>,
    pub home: Option<PathBuf>,
    /// The OS user, libpq's default user.
    pub os_user: Option<String>,
}

impl Environment<'_> {
    fn get(&self, key: &str) -> Option<String> {
        (self.var)(key).filter(|v| !v.is_empty())
    }
}

impl Target {
    /// Parses a `--db` value and completes it from the environment.
    pub fn parse(text: &str, env: &Environment) -> Result<Target, TargetError> {
        let (rest, own) = split_own_options(text.trim())?;
        let mut config =
            postgres::Config::from_str(&rest).map_err(|e| TargetError::Malformed(e.to_string()))?;
        let option = |key: &str, variable: &str| -> Option<String> {
            own.iter()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .or_else(|| env.get(variable))
        };
        if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
            match env.get("PGHOST") {
                Some(hosts) => {
                    for host in hosts.split(',') {
                        config.host(host.trim());
                    }
                }
                None => {
                    config.host(&default_host());
                }
            }
        }
        if config.get_ports().is_empty() {
            if let Some(port) = env.get("PGPORT") {
                let number = port
                    .trim()
                    .parse::<u16>()
                    .map_err(|_| TargetError::Port(port.clone()))?;
                config.port(number);
            }
        }
        if config.get_user().is_none() {
            if let Some(user) = env.get("PGUSER").or_else(|| env.os_user.clone()) {
                config.user(&user);
            }
        }
        if config.get_dbname().is_none() {
            if let Some(db) = env
                .get("PGDATABASE")
                .or_else(|| config.get_user().map(String::from))
            {
                config.dbname(&db);
            }
        }
        if config.get_application_name().is_none() {
            config.application_name(&env.get("PGAPPNAME").unwrap_or_else(|| "styr".into()));
        }
        if config.get_connect_timeout().is_none() {
            // libpq waits for ever by default; a person at a terminal is
            // better told after ten seconds that the server does not answer.
            let seconds = env
                .get("PGCONNECT_TIMEOUT")
                .and_then(|s| s.trim().parse::<u64>().ok())
                .filter(|s| *s > 0)
                .unwrap_or(10);
            config.connect_timeout(Duration::from_secs(seconds));
        }
        let tls = match option("sslmode", "PGSSLMODE") {
            Some(mode) => TlsMode::parse(&mode).ok_or(TargetError::SslMode(mode))?,
            None => TlsMode::Prefer,
        };
        let root_cert = option("sslrootcert", "PGSSLROOTCERT")
            .map(PathBuf::from)
            .or_else(|| {
                let default = env.home.as_ref()?.join(".postgresql").join("root.crt");
                default.is_file().then_some(default)
            });
        if config.get_password().is_none() {
            if let Some(password) = env.get("PGPASSWORD") {
                config.password(&password);
            } else {
                let file = option("passfile", "PGPASSFILE")
                    .map(PathBuf::from)
                    .or_else(|| default_passfile(env));
                if let Some(password) = file.and_then(|f| password_from_file(&f, &config)) {
                    config.password(&password);
                }
            }
        }
        // As libpq: TLS is never used over a unix socket, whatever sslmode says.
        let all_unix = !config.get_hosts().is_empty()
            && config.get_hostaddrs().is_empty()
            && config.get_hosts().iter().all(is_unix);
        config.ssl_mode(match tls {
            _ if all_unix => SslMode::Disable,
            TlsMode::Disable => SslMode::Disable,
            TlsMode::Allow | TlsMode::Prefer => SslMode::Prefer,
            TlsMode::Require | TlsMode::VerifyCa | TlsMode::VerifyFull => SslMode::Require,
        });
        Ok(Target {
            config,
            tls,
            root_cert,
        })
    }

    /// The first host, as a person would name it.
    pub fn host(&self) -> String {
        match self.config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            #[cfg(unix)]
            Some(Host::Unix(path)) => path.display().to_string(),
            None => self
                .config
                .get_hostaddrs()
                .first()
                .map(|a| a.to_string())
                .unwrap_or_default(),
        }
    }

    /// The user it logs in as.
    pub fn user(&self) -> String {
        self.config.get_user().unwrap_or_default().to_string()
    }

    /// The database's name.
    pub fn dbname(&self) -> String {
        self.config.get_dbname().unwrap_or_default().to_string()
    }
}

fn is_unix(host: &Host) -> bool {
    match host {
        Host::Tcp(_) => false,
        #[cfg(unix)]
        Host::Unix(_) => true,
    }
}

/// libpq's default host: Debian's socket directory, else `/tmp`, on Unix;
/// `localhost` elsewhere.
fn default_host() -> String {
    if cfg!(unix) {
        default_socket_dir().to_string()
    } else {
        "localhost".to_string()
    }
}

fn default_socket_dir() -> &'static str {
    if Path::new("/var/run/postgresql").is_dir() {
        "/var/run/postgresql"
    } else {
        "/tmp"
    }
}

fn default_passfile(env: &Environment) -> Option<PathBuf> {
    if cfg!(windows) {
        Some(
            PathBuf::from(env.get("APPDATA")?)
                .join("postgresql")
                .join("pgpass.conf"),
        )
    } else {
        Some(env.home.as_ref()?.join(".pgpass"))
    }
}

/// The password for the connection from a password file, as libpq finds
/// it: the first line `host:port:database:user:password` whose fields match
/// (`*` matches anything; `\:` and `\\` escape). A unix socket in the
/// default directory matches `localhost`. On Unix a file that others may
/// read is not used, as libpq does not use it.
fn password_from_file(file: &Path, config: &postgres::Config) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(name) => name.clone(),
        #[cfg(unix)]
        Host::Unix(path) if path == Path::new(default_socket_dir()) => "localhost".into(),
        #[cfg(unix)]
        Host::Unix(path) => path.display().to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let db = config.get_dbname().unwrap_or_default();
    let user = config.get_user().unwrap_or_default();
    let wanted = [host.as_str(), port.as_str(), db, user];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            if fields.len() < 5 {
                return None;
            }
            let matches = wanted
                .iter()
                .zip(&fields)
                .all(|(want, field)| field == "*" || field == want);
            matches.then(|| fields[4..].join(":"))
        })
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// The options this module handles itself, taken out of the string; the
/// rest, for the `postgres` crate's parser.
type OwnOptions = Vec<(String, String)>;
const OWN: &[&str] = &["sslmode", "sslrootcert", "passfile"];

fn split_own_options(text: &str) -> Result<(String, OwnOptions), TargetError> {
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        let Some((base, query)) = text.split_once('?') else {
            return Ok((text.to_string(), Vec::new()));
        };
        let mut own = Vec::new();
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent_decode(key);
            if OWN.contains(&key.as_str()) {
                own.push((key, percent_decode(value)));
            } else {
                kept.push(pair);
            }
        }
        let rest = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        return Ok((rest, own));
    }
    let pairs = key_values(text)?;
    let mut own = Vec::new();
    let mut rest = Vec::new();
    for (key, value) in pairs {
        if OWN.contains(&key.as_str()) {
            own.push((key, value));
        } else {
            let quoted = value.replace('\\', "\\\\").replace('\u{27}', "\\'");
            rest.push(format!("{key}='{quoted}'"));
        }
    }
    Ok((rest.join(" "), own))
}

/// A libpq key=value string as pairs: values bare or in single quotes,
/// with backslash escapes.
fn key_values(text: &str) -> Result<Vec<(String, String)>, TargetError> {
    let mut pairs = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(pairs);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') {
            return Err(TargetError::NoEquals(key));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\u{27}').is_some() {
            loop {
                match chars.next() {
                    Some('\\') => value.extend(chars.next()),
                    Some('\u{27}') => break,
                    Some(c) => value.push(c),
                    None => return Err(TargetError::Unterminated),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.extend(chars.next());
                } else {
                    value.push(c);
                }
            }
        }
        pairs.push((key, value));
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&a), Some(&b)) if hex(a).is_some() && hex(b).is_some() => {
                out.push((hex(a).unwrap() * 16 + hex(b).unwrap()) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse_with(text: &str, vars: &[(&str, &str)], home: Option<&Path>) -> Target {
        try_parse(text, vars, home).unwrap()
    }

    fn try_parse(
        text: &str,
        vars: &[(&str, &str)],
        home: Option<&Path>,
    ) -> Result<Target, TargetError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let var = move |key: &str| vars.get(key).cloned();
        Target::parse(
            text,
            &Environment {
                var: &var,
                home: home.map(Path::to_path_buf),
                os_user: Some("kari".into()),
            },
        )
    }

    #[test]
    fn urls_and_key_value_strings_name_a_server_and_paths_do_not() {
        for text in [
            "postgres://u@h/db",
            "postgresql:///styr",
            "host=/tmp dbname=styr",
            "dbname = styr",
        ] {
            assert!(is_server(text), "{text}");
        }
        for text in [
            "styr.db",
            "/home/kari/a=b.db",
            "C:\\styr\\styr.db",
            "x=1.db",
        ] {
            assert!(!is_server(text), "{text}");
        }
    }

    #[test]
    fn a_url_gives_host_user_database_and_libpq_sslmodes() {
        let t = parse_with(
            "postgresql://ola@db.kommune.no:6432/styr?sslmode=verify-full&application_name=x",
            &[],
            None,
        );
        assert_eq!(t.host(), "db.kommune.no");
        assert_eq!(t.config.get_ports(), &[6432]);
        assert_eq!(t.user(), "ola");
        assert_eq!(t.dbname(), "styr");
        assert_eq!(t.tls, TlsMode::VerifyFull);
        assert_eq!(t.config.get_ssl_mode(), SslMode::Require);
        assert_eq!(t.config.get_application_name(), Some("x"));
    }

    #[test]
    fn a_key_value_string_keeps_quoted_values_whole() {
        let t = parse_with(
            r"host=db user='kari nordmann' password='it\'s' sslmode=require dbname=styr",
            &[],
            None,
        );
        assert_eq!(t.user(), "kari nordmann");
        assert_eq!(t.config.get_password(), Some(&b"it's"[..]));
        assert_eq!(t.tls, TlsMode::Require);
        assert!(matches!(
            try_parse("host=db sslmode=sometimes", &[], None),
            Err(TargetError::SslMode(m)) if m == "sometimes"
        ));
        assert!(matches!(
            try_parse("host=db user", &[], None),
            Err(TargetError::NoEquals(k)) if k == "user"
        ));
        assert!(matches!(
            try_parse("host=db flavour=sweet", &[], None),
            Err(TargetError::Malformed(_))
        ));
    }

    #[test]
    fn the_environment_fills_what_the_string_leaves_out() {
        let vars = [
            ("PGHOST", "pg.kommune.no"),
            ("PGPORT", "5433"),
            ("PGUSER", "per"),
            ("PGDATABASE", "styr_2025"),
            ("PGPASSWORD", "hemmelig"),
            ("PGSSLMODE", "verify-ca"),
        ];
        let t = parse_with("postgres://", &vars, None);
        assert_eq!(t.host(), "pg.kommune.no");
        assert_eq!(t.config.get_ports(), &[5433]);
        assert_eq!(t.user(), "per");
        assert_eq!(t.dbname(), "styr_2025");
        assert_eq!(t.config.get_password(), Some(&b"hemmelig"[..]));
        assert_eq!(t.tls, TlsMode::VerifyCa);
        // The string wins over the environment.
        let t = parse_with("postgres://ola@h/db?sslmode=disable", &vars, None);
        assert_eq!((t.user(), t.dbname()), ("ola".into(), "db".into()));
        assert_eq!(t.tls, TlsMode::Disable);
        // Without either: the OS user, and a database of the user's name.
        let t = parse_with("host=h", &[], None);
        assert_eq!((t.user(), t.dbname()), ("kari".into(), "kari".into()));
        assert!(matches!(
            try_parse("host=h", &[("PGPORT", "femti")], None),
            Err(TargetError::Port(_))
        ));
    }

    #[test]
    fn the_password_file_is_read_as_libpq_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".pgpass");
        std::fs::write(
            &file,
            "# a comment\nother:*:*:*:wrong\npg.kommune.no:5432:styr:ola:pass\\:word\n*:*:*:per:any\n",
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let t = parse_with("postgres://ola@pg.kommune.no/styr", &[], Some(dir.path()));
        assert_eq!(t.config.get_password(), Some(&b"pass:word"[..]));
        let t = parse_with("postgres://per@elsewhere/x", &[], Some(dir.path()));
        assert_eq!(t.config.get_password(), Some(&b"any"[..]));
        let t = parse_with("postgres://nobody@elsewhere/x", &[], Some(dir.path()));
        assert_eq!(t.config.get_password(), None);
        // PGPASSFILE names another file; PGPASSWORD comes first.
        let other = dir.path().join("other");
        std::fs::copy(&file, &other).unwrap();
        let path = other.to_str().unwrap();
        let t = parse_with("postgres://per@h/x", &[("PGPASSFILE", path)], None);
        assert_eq!(t.config.get_password(), Some(&b"any"[..]));
        let t = parse_with(
            "postgres://per@h/x",
            &[("PGPASSFILE", path), ("PGPASSWORD", "env")],
            None,
        );
        assert_eq!(t.config.get_password(), Some(&b"env"[..]));
        #[cfg(unix)]
        {
            // A file others may read is passed over.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            let t = parse_with("postgres://per@h/x", &[], Some(dir.path()));
            assert_eq!(t.config.get_password(), None);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_unix_socket_never_uses_tls() {
        let t = parse_with("host=/run/pg dbname=styr sslmode=require", &[], None);
        assert_eq!(t.tls, TlsMode::Require);
        assert_eq!(t.config.get_ssl_mode(), SslMode::Disable);
    }
}
