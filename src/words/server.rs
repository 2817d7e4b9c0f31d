//! A styr database on a PostgreSQL server: `server init`, `grant` and
//! `revoke`, and every fault of connecting to a server.

use super::Lang;
use crate::store::server::{Granted, Initialised, Revoked, ServerError, TargetError, TlsError};

macro_rules! say {
    ($lang:expr, nb: $nb:literal, en: $en:literal $(,)?) => {
        match $lang {
            Lang::Nb => format!($nb),
            Lang::En => format!($en),
        }
    };
}

/// A server's fault, in one line.
pub fn problem(error: &ServerError, lang: Lang) -> String {
    match error {
        ServerError::BadTarget(TargetError::Malformed(said)) => say!(lang,
            nb: "--db er ikke en PostgreSQL-adresse som kan leses ({said}); skriv postgres://bruker@vert/database eller host=… dbname=…",
            en: "--db is not a PostgreSQL connection string that can be read ({said}); write postgres://user@host/database or host=… dbname=…"),
        ServerError::BadTarget(TargetError::NoEquals(key)) => say!(lang,
            nb: "--db er ikke en PostgreSQL-adresse som kan leses: «{key}» står uten = og verdi",
            en: "--db is not a PostgreSQL connection string that can be read: '{key}' has no = and value"),
        ServerError::BadTarget(TargetError::Unterminated) => say!(lang,
            nb: "--db er ikke en PostgreSQL-adresse som kan leses: en verdi i anførselstegn slutter aldri",
            en: "--db is not a PostgreSQL connection string that can be read: a quoted value never ends"),
        ServerError::BadTarget(TargetError::SslMode(mode)) => say!(lang,
            nb: "ukjent sslmode «{mode}»: bruk disable, allow, prefer, require, verify-ca eller verify-full",
            en: "unknown sslmode '{mode}': use disable, allow, prefer, require, verify-ca or verify-full"),
        ServerError::BadTarget(TargetError::Port(port)) => say!(lang,
            nb: "PGPORT «{port}» er ikke et portnummer",
            en: "PGPORT '{port}' is not a port number"),
        ServerError::Tls(TlsError::RootCert { path, said }) => say!(lang,
            nb: "rotsertifikatene i {path} kan ikke leses ({said})",
            en: "the root certificates in {path} cannot be read ({said})"),
        ServerError::Tls(TlsError::NoCertificateIn { path }) => say!(lang,
            nb: "filen {path} har ingen rotsertifikater",
            en: "the file {path} holds no root certificate"),
        ServerError::Tls(TlsError::NoRoots) => say!(lang,
            nb: "systemet har ingen rotsertifikater å sjekke serverens sertifikat mot; oppgi en fil med sslrootcert=…",
            en: "the system has no root certificates to check the server's certificate against; name a file with sslrootcert=…"),
        ServerError::Tls(TlsError::Config(said)) => say!(lang,
            nb: "TLS kan ikke settes opp: {said}",
            en: "TLS cannot be set up: {said}"),
        ServerError::Unreachable { host, said } => say!(lang,
            nb: "får ikke kontakt med PostgreSQL-serveren på {host}: {said}",
            en: "cannot reach the PostgreSQL server at {host}: {said}"),
        ServerError::NoTls { host } => say!(lang,
            nb: "serveren på {host} tilbyr ikke TLS, som sslmode krever; ingenting ble sendt",
            en: "the server at {host} does not offer TLS, which sslmode requires; nothing was sent"),
        ServerError::NoPassword { user } => say!(lang,
            nb: "serveren vil ha et passord for {user}, og ingen er gitt (PGPASSWORD, ~/.pgpass eller i --db)",
            en: "the server wants a password for {user} and none was given (PGPASSWORD, ~/.pgpass or in --db)"),
        ServerError::LoginRefused { user, said } => say!(lang,
            nb: "serveren slapp ikke inn {user} (feil passord, eller ingen adgang): {said}",
            en: "the server did not let {user} in (a wrong password, or no access): {said}"),
        ServerError::NoDatabase { dbname } => say!(lang,
            nb: "serveren har ingen database som heter «{dbname}» (lag den med createdb {dbname})",
            en: "the server has no database called '{dbname}' (create it with createdb {dbname})"),
        ServerError::NotEmpty { dbname, objects } => say!(lang,
            nb: "databasen «{dbname}» er ikke tom ({objects} tabeller, sekvenser eller skjemaer); `server init` tar bare en tom database",
            en: "the database '{dbname}' is not empty ({objects} tables, sequences or schemas); `server init` takes an empty database only"),
        ServerError::NotInitialised { dbname } => say!(lang,
            nb: "databasen «{dbname}» er ikke satt opp for styr; kjør `styr --db … server init` først",
            en: "the database '{dbname}' is not set up for styr; run `styr --db … server init` first"),
        ServerError::Lost { said } => say!(lang,
            nb: "forbindelsen til serveren ble brutt ({said}); ingenting ble endret, prøv igjen",
            en: "the connection to the server was lost ({said}); nothing was changed, try again"),
        ServerError::TooOld { found, known } => say!(lang,
            nb: "databasen på serveren har skjemaversjon {found}, eldre enn denne styr ({known}); flytt den med en styr av samme versjon",
            en: "the server database has schema version {found}, older than this styr ({known}); move it with a styr of the same version"),
        ServerError::TooNew { found, known } => say!(lang,
            nb: "databasen er laget av en nyere styr (skjemaversjon {found}, denne kjenner til {known}); oppgrader styr",
            en: "the database was made by a newer styr (schema version {found}, this one knows up to {known}); upgrade styr"),
        ServerError::GroupCanLogin { role } => say!(lang,
            nb: "rollen {role} finnes og kan logge inn, så den kan ikke bli en gruppe som ingen logger inn som; gi den et annet navn eller ALTER ROLE {role} NOLOGIN",
            en: "the role {role} exists and can log in, so it cannot become a group nobody logs in as; rename it or ALTER ROLE {role} NOLOGIN"),
        ServerError::OwnRole { role } => say!(lang,
            nb: "{role} er en av databasens egne roller; gi tilgang til en innloggingsrolle",
            en: "{role} is one of the database's own roles; grant access to a login role"),
        ServerError::BadRoleName { role } => say!(lang,
            nb: "«{role}» kan ikke være et rollenavn (tomt, over 63 byte, eller reservert)",
            en: "'{role}' cannot be a role name (empty, over 63 bytes, or reserved)"),
        ServerError::UnknownRole { role } => say!(lang,
            nb: "serveren har ingen rolle som heter {role}",
            en: "the server has no role called {role}"),
        ServerError::PermissionDenied { said } => say!(lang,
            nb: "serveren nekter: {said}",
            en: "the server refuses: {said}"),
        ServerError::Server { said } => say!(lang,
            nb: "serveren svarte: {said}",
            en: "the server said: {said}"),
    }
}

/// `server init` done.
pub fn initialised(
    done: &Initialised,
    dbname: &str,
    kommune: &str,
    year: i32,
    lang: Lang,
) -> String {
    let roles = &done.roles;
    let (owner, staff, readers) = (&roles.owner, &roles.staff, &roles.readers);
    let mut text = say!(lang,
        nb: "Satte opp styr-databasen «{dbname}» for {kommune}, planår {year}. Roller: {owner} eier tabellene (ingen logger inn som den), {staff} er de ansatte, {readers} kan bare lese. Gi tilgang med `styr --db … server grant ROLLE`.",
        en: "Set up the styr database '{dbname}' for {kommune}, plan year {year}. Roles: {owner} owns the tables (nobody logs in as it), {staff} are the staff, {readers} can only read. Give access with `styr --db … server grant ROLE`.");
    if !done.reused.is_empty() {
        let reused = done.reused.join(", ");
        text.push(' ');
        text.push_str(&say!(lang,
            nb: "Rollene som fantes fra før, ble tatt i bruk: {reused}.",
            en: "The roles that existed already were used: {reused}."));
    }
    text
}

/// `server grant` done.
pub fn granted(done: &Granted, dbname: &str, lang: Lang) -> String {
    let (role, group) = (&done.role, &done.group);
    let mut text = if done.read_only {
        say!(lang,
            nb: "{role} kan nå lese styr-databasen «{dbname}» (medlem av {group}).",
            en: "{role} can now read the styr database '{dbname}' (a member of {group}).")
    } else {
        say!(lang,
            nb: "{role} kan nå lese og endre styr-databasen «{dbname}» (medlem av {group}).",
            en: "{role} can now read and change the styr database '{dbname}' (a member of {group}).")
    };
    if done.created {
        text.push(' ');
        text.push_str(&say!(lang,
            nb: "Rollen ble laget uten passord: serverens autentisering (pg_hba.conf) avgjør hvordan den logger inn.",
            en: "The role was made without a password: the server's authentication (pg_hba.conf) decides how it logs in."));
    }
    text
}

/// `server revoke` done.
pub fn revoked(done: &Revoked, dbname: &str, lang: Lang) -> String {
    let role = &done.role;
    if done.from.is_empty() {
        return say!(lang,
            nb: "{role} hadde ingen tilgang til styr-databasen «{dbname}»; ingenting ble endret.",
            en: "{role} had no access to the styr database '{dbname}'; nothing was changed.");
    }
    say!(lang,
        nb: "{role} har ikke lenger tilgang til styr-databasen «{dbname}». Selve rollen finnes fortsatt på serveren (DROP ROLE fjerner den).",
        en: "{role} no longer has access to the styr database '{dbname}'. The role itself is still on the server (DROP ROLE removes it).")
}

/// A command other than `server …` given a server database.
pub fn not_yet_on_server(lang: Lang) -> String {
    say!(lang,
        nb: "`init`, `demo` og `generate` lager en databasefil og går ikke mot en PostgreSQL-server; en serverdatabase settes opp med `server init`, eller med `migrate --to` fra en fil",
        en: "`init`, `demo` and `generate` make a database file and do not work on a PostgreSQL server; a server database is set up with `server init`, or with `migrate --to` from a file")
}

/// `server …` given a database file.
pub fn needs_server(db: &str, lang: Lang) -> String {
    say!(lang,
        nb: "`server` trenger en PostgreSQL-database, ikke filen {db}: --db postgres://bruker@vert/database (eller STYR_DB)",
        en: "`server` needs a PostgreSQL database, not the file {db}: --db postgres://user@host/database (or STYR_DB)")
}

/// A server's failure that is the store's own (a value or a column it cannot
/// convert, or something only a file does), in one line.
pub fn failure(failure: &crate::store::db::ServerFailure, lang: Lang) -> String {
    use crate::store::db::ServerFailure;
    match failure {
        ServerFailure::Postgres(error) => error.to_string(),
        ServerFailure::Bind { value, ty } => say!(lang,
            nb: "kan ikke sende {value} til serveren som {ty}",
            en: "cannot send {value} to the server as {ty}"),
        ServerFailure::ColumnType(ty) => say!(lang,
            nb: "kan ikke lese en kolonne av typen {ty}",
            en: "cannot read a column of type {ty}"),
        ServerFailure::FileOnly(_) => say!(lang,
            nb: "går bare på en databasefil",
            en: "works on a database file only"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_one_line_in_both_languages() {
        let problems = [
            ServerError::BadTarget(TargetError::Malformed("x".into())),
            ServerError::Unreachable {
                host: "h".into(),
                said: "no such file".into(),
            },
            ServerError::NoPassword { user: "u".into() },
            ServerError::NotEmpty {
                dbname: "d".into(),
                objects: 2,
            },
        ];
        for problem_ in &problems {
            let (nb, en) = (problem(problem_, Lang::Nb), problem(problem_, Lang::En));
            assert_ne!(nb, en);
            assert!(!nb.contains('\n') && !en.contains('\n'));
        }
    }
}
