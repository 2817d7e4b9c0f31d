//! Moving a database between a file and a PostgreSQL server: `migrate
//! --to`, `backup` from a server and `restore` into one.

use super::Lang;
use crate::store::server::moving::{MoveError, Moved};

macro_rules! say {
    ($lang:expr, nb: $nb:literal, en: $en:literal $(,)?) => {
        match $lang {
            Lang::Nb => format!($nb),
            Lang::En => format!($en),
        }
    };
}

/// Why a move stopped, in one line; the target is left as it was.
pub fn problem(error: &MoveError, lang: Lang) -> String {
    match error {
        MoveError::Server(error) => super::server::problem(error, lang),
        MoveError::File(error) => error.message(lang),
        MoveError::NotEmpty { dbname, objects } => say!(lang,
            nb: "databasen «{dbname}» er ikke tom ({objects} tabeller, sekvenser eller skjemaer); styr flytter bare inn i en tom database (lag en ny med createdb); ingenting ble skrevet",
            en: "the database '{dbname}' is not empty ({objects} tables, sequences or schemas); styr moves into an empty database only (make a new one with createdb); nothing was written"),
        MoveError::SchemaDiffers {
            table,
            column: Some(column),
        } => say!(lang,
            nb: "filen og serveren har ikke de samme tabellene (kolonnen {table}.{column}); er de fra samme versjon av styr? Ingenting ble skrevet",
            en: "the file and the server do not have the same tables (the column {table}.{column}); are they from the same version of styr? Nothing was written"),
        MoveError::SchemaDiffers {
            table,
            column: None,
        } => say!(lang,
            nb: "filen og serveren har ikke de samme tabellene ({table}); er de fra samme versjon av styr? Ingenting ble skrevet",
            en: "the file and the server do not have the same tables ({table}); are they from the same version of styr? Nothing was written"),
        MoveError::BadValue { table, column, row } => say!(lang,
            nb: "en verdi i {table}.{column} (rad {row}) har en type kolonnen ikke kan ha; ingenting ble skrevet",
            en: "a value in {table}.{column} (row {row}) is of a type the column cannot hold; nothing was written"),
        MoveError::Differs {
            table,
            row: Some(row),
            ..
        } => say!(lang,
            nb: "kontrollen fant en forskjell i {table} (rad {row}) mellom kilden og kopien; ingenting ble beholdt",
            en: "the check found a difference in {table} (row {row}) between the source and the copy; nothing was kept"),
        MoveError::Differs {
            table,
            row: None,
            here,
            there,
        } => say!(lang,
            nb: "kontrollen fant {here} rader i {table} i kilden og {there} i kopien; ingenting ble beholdt",
            en: "the check found {here} rows in {table} in the source and {there} in the copy; nothing was kept"),
        MoveError::FailsDoctor(problem) => {
            let problem = problem.message(lang);
            say!(lang,
                nb: "den nye filen består ikke doctor ({problem}); den ble ikke beholdt",
                en: "the new file does not pass doctor ({problem}); it was not kept")
        }
    }
}

/// What was moved, counted: oppdrag, events, goals, …
fn contents(moved: &Moved, lang: Lang) -> String {
    let n = |table: &str| moved.count(table);
    let (assignments, events, catalog, goals, wheel, periods, decisions, sectors) = (
        n("assignments"),
        n("events"),
        n("catalog_events"),
        n("goals"),
        n("wheel_entries"),
        n("periods"),
        n("decisions"),
        n("sectors"),
    );
    say!(lang,
        nb: "{assignments} oppdrag, {events} hendelser, {catalog} katalog-hendelser, {goals} mål, {wheel} årshjul-oppføringer, {periods} perioder, {decisions} vedtak, {sectors} sektorer",
        en: "{assignments} assignments, {events} events, {catalog} catalog events, {goals} goals, {wheel} annual wheel entries, {periods} periods, {decisions} decisions, {sectors} sectors")
}

/// How the check came out, after a move.
fn checked(moved: &Moved, lang: Lang) -> String {
    let tables = moved.counts.len();
    say!(lang,
        nb: "kontrollert: alle {tables} tabeller like rad for rad, og begge hash-kjedene like",
        en: "checked: all {tables} tables equal row by row, and both hash chains equal")
}

/// `migrate --to` (or `restore` into a server) done; `dbname` and `host`
/// name the server database, `file` the file moved.
pub fn moved_in(moved: &Moved, file: &str, dbname: &str, host: &str, lang: Lang) -> String {
    let contents = contents(moved, lang);
    let checked = checked(moved, lang);
    let mut text = say!(lang,
        nb: "Flyttet {file} til databasen «{dbname}» på {host}: {contents}; {checked}.",
        en: "Moved {file} to the database '{dbname}' on {host}: {contents}; {checked}.");
    if let Some(done) = &moved.initialised {
        let roles = &done.roles;
        let (owner, staff, readers) = (&roles.owner, &roles.staff, &roles.readers);
        text.push(' ');
        text.push_str(&say!(lang,
            nb: "Roller: {owner} eier tabellene, {staff} er de ansatte, {readers} kan bare lese; gi tilgang med `styr --db … server grant ROLLE`.",
            en: "Roles: {owner} owns the tables, {staff} are the staff, {readers} can only read; give access with `styr --db … server grant ROLE`."));
    }
    text
}

/// `backup` from a server done.
pub fn backed_up(moved: &Moved, dbname: &str, host: &str, path: &str, lang: Lang) -> String {
    let contents = contents(moved, lang);
    let checked = checked(moved, lang);
    say!(lang,
        nb: "Sikkerhetskopierte databasen «{dbname}» på {host} til {path}: {contents}; {checked}; doctor: ok",
        en: "Backed up the database '{dbname}' on {host} to {path}: {contents}; {checked}; doctor: ok")
}

/// `migrate` given a server as its source.
pub fn migrate_needs_file(lang: Lang) -> String {
    say!(lang,
        nb: "`migrate` flytter en databasefil til en server: styr --db FIL migrate --to postgres://…; for en kopi av en serverdatabase, bruk `backup`",
        en: "`migrate` moves a database file to a server: styr --db FILE migrate --to postgres://…; for a copy of a server database, use `backup`")
}

/// `migrate --to` given something that is not a server.
pub fn migrate_needs_server(to: &str, lang: Lang) -> String {
    say!(lang,
        nb: "`migrate --to` trenger en PostgreSQL-database, ikke {to}: --to postgres://bruker@vert/database; for en kopi i en fil, bruk `backup`",
        en: "`migrate --to` needs a PostgreSQL database, not {to}: --to postgres://user@host/database; for a copy in a file, use `backup`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_one_line_in_both_languages() {
        let problems = [
            MoveError::NotEmpty {
                dbname: "d".into(),
                objects: 2,
            },
            MoveError::SchemaDiffers {
                table: "t".into(),
                column: Some("c".into()),
            },
            MoveError::Differs {
                table: "events".into(),
                row: Some("4".into()),
                here: 1,
                there: 1,
            },
            MoveError::Differs {
                table: "events".into(),
                row: None,
                here: 1,
                there: 0,
            },
        ];
        for problem_ in &problems {
            let (nb, en) = (problem(problem_, Lang::Nb), problem(problem_, Lang::En));
            assert_ne!(nb, en);
            assert!(!nb.contains('\n') && !en.contains('\n'));
        }
    }
}
