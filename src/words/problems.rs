//! What went wrong, in words: the store's and the domain's errors, the
//! reasons undo passes over a change, and what `doctor` finds. The errors
//! carry typed values; every sentence about them is made here, in bokmål
//! and English. `Display` gives the English.

use std::fmt;

use chrono::NaiveDate;

use super::{Label, Lang};
use crate::domain::catalog::CatalogFault;
use crate::domain::date::iso;
use crate::domain::goal::GoalName;
use crate::domain::text::{sanitize_line, MAX_FIELD_CHARS};
use crate::domain::{
    CatalogReplayError, DomainError, Entity, Event, Field, GoalKind, GoalRule, PeriodRule,
    ReplayError, ReportRule, SectorRule, TaskRule, TextRule, WheelRule,
};
use crate::store::{
    lock_wait, Break, CatalogSkipReason, ChainLog, Damage, During, Lock, NotADatabaseReason,
    Passed, Problem, ReadOnlyCause, SkipReason, StoreError,
};

/// One text per language, each with its own format string; both must be
/// given, so a message without both languages does not compile.
macro_rules! say {
    ($lang:expr, nb: $nb:literal, en: $en:literal $(,)?) => {
        match $lang {
            Lang::Nb => format!($nb),
            Lang::En => format!($en),
        }
    };
}

/// Data shown inside a message: neutralised for the terminal.
fn safe(text: &str) -> String {
    sanitize_line(text).into_owned()
}

/// A date in a message: the stored form in English, as Norwegians write it in bokmål.
fn day(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb => lang.date(date),
        Lang::En => iso(date),
    }
}

/// A goal level inside a sentence, lower case.
fn level(kind: GoalKind, lang: Lang) -> String {
    kind.label(lang).to_lowercase()
}

/// The level a goal of `kind` goes under.
fn parent_level(kind: GoalKind, lang: Lang) -> String {
    match kind {
        GoalKind::SubGoal => level(GoalKind::MainGoal, lang),
        _ => level(GoalKind::FocusArea, lang),
    }
}

fn field_word(field: Field, lang: Lang) -> &'static str {
    field.label(lang)
}

/// What a goal or årshjul entry is called where a log names it.
fn entity_word(entity: Entity, lang: Lang) -> &'static str {
    match (lang, entity) {
        (Lang::Nb, Entity::Goal) => "mål",
        (Lang::Nb, Entity::Wheel) => "årshjulspunkt",
        (lang, Entity::Decision) => crate::words::vedtak::decision_word(lang),
        (lang, Entity::Body) => crate::words::vedtak::body_word(lang),
        (lang, Entity::Period) => crate::words::council::period_word(lang),
        (Lang::En, entity) => entity.as_str(),
    }
}

/// An all-or-nothing error and its causes in one line, in a language where
/// the store and the domain know the words: `--today: ugyldig dato '2023-02-30' …`.
pub fn error_message(error: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            parts.push(e.message(lang));
            break;
        }
        if let Some(e) = cause.downcast_ref::<DomainError>() {
            parts.push(e.message(lang));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

impl StoreError {
    /// The message in a language; `Display` gives the English one.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Missing(path) => {
                let path = path.display();
                say!(lang,
                    nb: "ingen database i {path} (lag en med `styr init` eller `styr demo`)",
                    en: "no database at {path} (create one with `styr init` or `styr demo`)")
            }
            StoreError::MissingDirectory { path, dir } => {
                let (path, dir) = (path.display(), dir.display());
                say!(lang,
                    nb: "ingen database i {path}: mappen {dir} finnes ikke",
                    en: "no database at {path}: the directory {dir} does not exist")
            }
            StoreError::Damaged(damage) => {
                let what = damage.message(lang);
                say!(lang,
                    nb: "{what}; ingenting ble endret (`styr restore SIKKERHETSKOPI` legger tilbake en sikkerhetskopi)",
                    en: "{what}; nothing was changed (`styr restore BACKUP` puts a backup back)")
            }
            StoreError::DamagedBeforeWrite {
                path,
                parts,
                newest_backup,
            } => {
                let file = match path {
                    Some(path) => path.display().to_string(),
                    None => say!(lang, nb: "databasefilen", en: "the database file"),
                };
                let parts = match parts.is_empty() {
                    true => String::new(),
                    false => format!(
                        " ({})",
                        parts
                            .iter()
                            .map(|p| p.message(lang))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                match newest_backup {
                    Some(backup) => {
                        let backup = backup.display();
                        say!(lang,
                            nb: "{file} er skadet{parts}; ingenting ble skrevet. Legg tilbake den nyeste sikkerhetskopien: `styr restore {backup}`",
                            en: "{file} is damaged{parts}; nothing was written. Put the newest backup back: `styr restore {backup}`")
                    }
                    None => say!(lang,
                        nb: "{file} er skadet{parts}; ingenting ble skrevet. Legg tilbake en sikkerhetskopi: `styr restore SIKKERHETSKOPI`",
                        en: "{file} is damaged{parts}; nothing was written. Put a backup back: `styr restore BACKUP`"),
                }
            }
            StoreError::LogUnguarded { path, missing } => {
                let file = match path {
                    Some(path) => path.display().to_string(),
                    None => say!(lang, nb: "databasefilen", en: "the database file"),
                };
                let missing = missing.join(", ");
                say!(lang,
                    nb: "vernet som gjør loggen i {file} uforanderlig er borte ({missing}); ingenting ble skrevet. `styr doctor --repair` setter det tilbake",
                    en: "the guards that keep the log in {file} append-only are gone ({missing}); nothing was written. `styr doctor --repair` puts them back")
            }
            StoreError::SchemaMismatch { path, found } => {
                let path = path.display();
                say!(lang,
                    nb: "{path} sier skjemaversjon {found}, men tabellene passer ikke til den (endret for hånd?), så filen kan ikke oppgraderes; ingenting ble endret",
                    en: "{path} says schema version {found}, but its tables do not fit it (changed by hand?), so it cannot be upgraded; nothing was changed")
            }
            StoreError::Busy(lock) => {
                let what = lock.message(lang);
                let secs = lock_wait().as_secs_f64();
                say!(lang,
                    nb: "{what} og slapp ikke innen {secs} s; ingenting ble endret, prøv igjen når den er ferdig",
                    en: "{what} and did not let go within {secs} s; nothing was changed, try again when it is done")
            }
            StoreError::DiskFull => say!(lang,
                nb: "disken er full; ingenting ble endret",
                en: "the disk is full; nothing was changed"),
            StoreError::CannotOpen(said) => say!(lang,
                nb: "SQLite kan ikke åpne filen: {said}",
                en: "SQLite cannot open the file: {said}"),
            StoreError::Exists(path) => {
                let path = path.display();
                say!(lang,
                    nb: "{path} finnes allerede (bruk --force for å erstatte den)",
                    en: "{path} already exists (use --force to replace it)")
            }
            StoreError::NotADatabase { path, reason } => {
                let path = path.display();
                let reason = reason.message(lang);
                say!(lang,
                    nb: "{path} er ikke en styr-database: {reason}",
                    en: "{path} is not a styr database: {reason}")
            }
            StoreError::TooNew { path, found, known } => {
                let path = path.display();
                say!(lang,
                    nb: "{path} har skjemaversjon {found}, nyere enn denne styr kjenner ({known}); bruk en nyere styr",
                    en: "{path} has schema version {found}, newer than this styr knows ({known}); use a newer styr")
            }
            StoreError::ReadOnly => say!(lang,
                nb: "databasen er åpnet skrivebeskyttet, så ingenting ble endret",
                en: "the database is open read-only, so nothing was changed"),
            StoreError::Stale { id, changes } => {
                let summary = summarize(changes, lang);
                say!(lang,
                    nb: "oppdrag {id} er endret av noen andre siden du hentet det: {summary}; ingenting ble lagret",
                    en: "assignment {id} was changed by someone else since you read it: {summary}; nothing was saved")
            }
            StoreError::UnknownAssignment(id) => say!(lang,
                nb: "det finnes ikke noe oppdrag med id {id}",
                en: "no assignment with id {id}"),
            StoreError::UnknownGoal(id) => say!(lang,
                nb: "det finnes ikke noe mål med id {id}",
                en: "no goal with id {id}"),
            StoreError::UnknownWheelEntry(id) => say!(lang,
                nb: "det finnes ikke noe punkt i årshjulet med id {id}",
                en: "no annual wheel entry with id {id}"),
            StoreError::CannotRead { path, error } => {
                let path = path.display();
                say!(lang,
                    nb: "kan ikke lese {path}: {error}",
                    en: "cannot read {path}: {error}")
            }
            StoreError::CannotWrite { path, error } => {
                let path = path.display();
                say!(lang,
                    nb: "kan ikke skrive {path}: {error}",
                    en: "cannot write {path}: {error}")
            }
            StoreError::CannotCreateDirectory { dir, error } => {
                let dir = dir.display();
                say!(lang,
                    nb: "kan ikke lage mappen {dir}: {error}",
                    en: "cannot create directory {dir}: {error}")
            }
            StoreError::NeedsUpgrade {
                path,
                from,
                to,
                cause,
            } => {
                let path = path.display();
                let cause = cause.message(lang);
                say!(lang,
                    nb: "{path} må oppgraderes fra skjema {from} til {to}, men {cause}; ingenting ble endret",
                    en: "{path} needs an upgrade from schema {from} to {to}, but {cause}; nothing was changed")
            }
            StoreError::WalUnreadable { path, wal, cause } => {
                let (path, wal) = (path.display(), wal.display());
                let cause = cause.message(lang);
                say!(lang,
                    nb: "{path} har endringer i {wal} som ikke kan leses fordi {cause}; gjør den skrivbar og prøv igjen",
                    en: "{path} has changes in {wal} that cannot be read because {cause}; make it writable and try again")
            }
            StoreError::NoSchemaVersion(version) => say!(lang,
                nb: "ingen skjemaversjon {version}",
                en: "no schema version {version}"),
            StoreError::StillInWal { mode } => say!(lang,
                nb: "kunne ikke gå ut av WAL-modus (journalmodus er fortsatt {mode})",
                en: "could not leave WAL mode (journal mode is still {mode})"),
            StoreError::ChangedDuring { id, during } => match during {
                During::Edit => say!(lang,
                    nb: "oppdrag {id} ble endret under redigeringen",
                    en: "assignment {id} changed during the edit"),
                During::Report => say!(lang,
                    nb: "oppdrag {id} ble endret under rapporteringen",
                    en: "assignment {id} changed during the report"),
                During::Import => say!(lang,
                    nb: "oppdrag {id} ble endret av noen andre under importen; ingenting ble importert",
                    en: "assignment {id} was changed by someone else during the import; nothing was imported"),
            },
            StoreError::ChangedSince { entity, id } => match entity {
                Entity::Goal => say!(lang,
                    nb: "mål {id} er endret av noen andre siden du hentet det; ingenting ble lagret",
                    en: "goal {id} was changed by someone else since you read it; nothing was saved"),
                Entity::Wheel => say!(lang,
                    nb: "punkt {id} i årshjulet er endret av noen andre siden du hentet det; ingenting ble lagret",
                    en: "annual wheel entry {id} was changed by someone else since you read it; nothing was saved"),
                Entity::Decision | Entity::Body => {
                    crate::words::vedtak::changed_since(*entity, *id, lang)
                }
                Entity::Period => say!(lang,
                    nb: "periode {id} er endret av noen andre siden du hentet den; ingenting ble lagret",
                    en: "period {id} was changed by someone else since you read it; nothing was saved"),
            },
            StoreError::NothingToUndo { actor } => {
                let actor = safe(actor);
                say!(lang,
                    nb: "{actor} har ingen endring igjen å angre",
                    en: "{actor} has no change left to undo")
            }
            StoreError::CannotUndoCatalog {
                actor,
                entity,
                id,
                reason,
                older,
            } => {
                let actor = safe(actor);
                let what = entity_word(*entity, lang);
                let reason = reason.message(lang);
                match (lang, older) {
                    (Lang::Nb, 0) => format!("kan ikke angre endringen av {what} {id}: {reason}"),
                    (Lang::Nb, n) => format!(
                        "kan ikke angre endringen av {what} {id}: {reason} (og ingen av {actor}s {n} eldre endring(er) kan angres heller)"
                    ),
                    (Lang::En, 0) => format!("cannot undo the change to {what} {id}: {reason}"),
                    (Lang::En, n) => format!(
                        "cannot undo the change to {what} {id}: {reason} (and none of {actor}'s {n} older change(s) can be undone either)"
                    ),
                }
            }
            StoreError::CannotUndo {
                actor,
                newest,
                older,
            } => {
                let actor = safe(actor);
                let reason = newest.message(lang);
                match (lang, older) {
                    (Lang::Nb, 0) => format!("kan ikke angre: {reason}"),
                    (Lang::Nb, 1) => format!(
                        "kan ikke angre: {reason} (og ingen av {actor}s 1 eldre endring kan angres heller)"
                    ),
                    (Lang::Nb, n) => format!(
                        "kan ikke angre: {reason} (og ingen av {actor}s {n} eldre endringer kan angres heller)"
                    ),
                    (Lang::En, 0) => format!("cannot undo: {reason}"),
                    (Lang::En, 1) => format!(
                        "cannot undo: {reason} (and none of {actor}'s 1 older change can be undone either)"
                    ),
                    (Lang::En, n) => format!(
                        "cannot undo: {reason} (and none of {actor}'s {n} older changes can be undone either)"
                    ),
                }
            }
            StoreError::StaleBatch(stale) => {
                let ids = stale
                    .iter()
                    .map(|(id, _)| id.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let details = stale
                    .iter()
                    .map(|(id, changes)| format!("{id}: {}", summarize(changes, lang)))
                    .collect::<Vec<_>>()
                    .join("; ");
                say!(lang,
                    nb: "oppdrag {ids} er endret av noen andre siden du hentet dem ({details}); ingen av endringene ble lagret",
                    en: "assignments {ids} were changed by someone else since you read them ({details}); none of the changes was saved")
            }
            StoreError::UnknownEvent(id) => say!(lang,
                nb: "det finnes ingen hendelse med id {id} i loggen",
                en: "no event with id {id} in the log"),
            StoreError::CannotWithdraw { event, reason } => match reason {
                crate::store::WithdrawRefusal::NotCommentOrReport(field) => {
                    let field = safe(field);
                    say!(lang,
                        nb: "hendelse {event} er en endring ({field}), ikke en kommentar eller rapport: bruk styr undo for å angre en endring",
                        en: "event {event} is a change ({field}), not a comment or report: use styr undo to take a change back")
                }
                crate::store::WithdrawRefusal::Already(by) => say!(lang,
                    nb: "hendelse {event} er allerede trukket tilbake (hendelse {by})",
                    en: "event {event} is already withdrawn (event {by})"),
                crate::store::WithdrawRefusal::AWithdrawal => say!(lang,
                    nb: "hendelse {event} er selv en tilbaketrekking og kan ikke trekkes tilbake",
                    en: "event {event} is itself a withdrawal and cannot be withdrawn"),
            },
            StoreError::UndoWouldStay { field, assignment } => {
                let field = field_word(*field, lang);
                say!(lang,
                    nb: "kan ikke angre: {field} for oppdrag {assignment} ville blitt som det er",
                    en: "cannot undo: {field} of assignment {assignment} would stay as it is")
            }
            StoreError::NotEmpty(contents) => {
                let (goals, assignments, events) =
                    (contents.goals, contents.assignments, contents.events);
                say!(lang,
                    nb: "databasen har allerede {goals} mål, {assignments} oppdrag og {events} hendelser; en eksport legges bare inn i en tom database (`styr init`, eller en --db-fil som ikke finnes ennå)",
                    en: "the database already holds {goals} goals, {assignments} assignments and {events} events; an export is restored only into an empty database (`styr init`, or a --db file that does not exist yet)")
            }
            StoreError::HasCatalogLog => say!(lang,
                nb: "databasen har allerede en logg over endringer i mål og årshjul; en eksport legges inn i en ny database",
                en: "the database already has a log of goal and annual wheel changes; an export is restored into a new database"),
            StoreError::DanglingRows(problems) => {
                let rows = problems
                    .iter()
                    .map(|p| p.message(lang))
                    .collect::<Vec<_>>()
                    .join("; ");
                say!(lang,
                    nb: "eksporten viser til rader den ikke har: {rows}",
                    en: "the export refers to rows it does not hold: {rows}")
            }
            StoreError::FailsDoctor {
                source,
                problems,
                first,
            } => {
                let source = source.display();
                let first = first.message(lang);
                say!(lang,
                    nb: "{source} består ikke `styr doctor` ({problems} problem(er); det første: {first}); ingenting ble endret",
                    en: "{source} fails `styr doctor` ({problems} problem(s); the first: {first}); nothing was changed")
            }
            StoreError::GoalUsedBeforeMade(index) => say!(lang,
                nb: "nytt mål {index} brukes før det er laget",
                en: "new goal {index} is used before it is made"),
            StoreError::NoPlanYear => say!(lang,
                nb: "databasen har ikke noe planår",
                en: "the database has no plan year"),
            StoreError::NoIdentity => say!(lang,
                nb: "databasen har ingen identitet",
                en: "the database has no identity"),
            StoreError::PastUnreadable(problem) => {
                let problem = problem.message(lang);
                say!(lang,
                    nb: "loggen kan ikke spilles av fram til tidspunktet: {problem}",
                    en: "the log cannot be replayed up to that moment: {problem}")
            }
            StoreError::Caller(error) => error.to_string(),
            StoreError::Domain(error) => error.message(lang),
            StoreError::Sql(error) => say!(lang,
                nb: "databasefeil: {error}",
                en: "database error: {error}"),
            StoreError::Server(error) => crate::words::server::problem(error, lang),
            StoreError::FileOnly(what) => {
                let what = file_only_what(what, lang);
                say!(lang,
                    nb: "{what} går bare på en databasefil, ikke på en server",
                    en: "{what} works on a database file only, not on a server")
            }
        }
    }
}

impl Damage {
    /// What is damaged, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Damage::Sqlite { path: None, said } => say!(lang,
                nb: "databasefilen er skadet ({said})",
                en: "the database file is damaged ({said})"),
            Damage::Sqlite {
                path: Some(path),
                said,
            } => {
                let path = path.display();
                say!(lang,
                    nb: "{path} er skadet (databasefilen er skadet ({said}))",
                    en: "{path} is damaged (the database file is damaged ({said}))")
            }
            Damage::NoHeader { path, size } => {
                let path = path.display();
                say!(lang,
                    nb: "{path} er avkortet: {size} byte, kortere enn et SQLite-hode",
                    en: "{path} is truncated: {size} bytes, shorter than an SQLite header")
            }
            Damage::Truncated {
                path,
                size,
                expected,
            } => {
                let path = path.display();
                say!(lang,
                    nb: "{path} er avkortet: {size} byte, men hodet sier {expected}",
                    en: "{path} is truncated: {size} bytes, but its header says {expected}")
            }
        }
    }
}

impl Lock {
    /// What is locked, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Lock::Database => say!(lang,
                nb: "databasen er låst av et annet program",
                en: "the database is locked by another program"),
            Lock::File(path) => {
                let path = path.display();
                say!(lang,
                    nb: "{path} er låst av et annet program",
                    en: "{path} is locked by another program")
            }
        }
    }
}

impl NotADatabaseReason {
    /// Why not, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NotADatabaseReason::NoSchema => say!(lang,
                nb: "den har ikke noe styr-skjema",
                en: "it has no styr schema"),
            NotADatabaseReason::Directory => say!(lang,
                nb: "det er en mappe",
                en: "it is a directory"),
            NotADatabaseReason::Empty => say!(lang,
                nb: "filen er tom (0 byte)",
                en: "the file is empty (0 bytes)"),
            NotADatabaseReason::NotSqlite => say!(lang,
                nb: "filen er ikke en SQLite-database",
                en: "the file is not an SQLite database"),
        }
    }
}

/// What only a database file can do, as the subject of a sentence.
fn file_only_what(what: &crate::store::FileOnly, lang: Lang) -> &'static str {
    use crate::store::FileOnly;
    match (what, lang) {
        (FileOnly::Backup, Lang::Nb) => "Sikkerhetskopi med SQLite",
        (FileOnly::Backup, Lang::En) => "An SQLite backup",
        (FileOnly::Restore, Lang::Nb) => "Å legge tilbake en kopi side for side",
        (FileOnly::Restore, Lang::En) => "Putting a copy back page by page",
        (FileOnly::Copy | FileOnly::AnotherReader, Lang::Nb) => "En ekstra lesetilkobling",
        (FileOnly::Copy | FileOnly::AnotherReader, Lang::En) => "Another reading connection",
        (FileOnly::BulkAppend, Lang::Nb) => "Massenimport av hendelser",
        (FileOnly::BulkAppend, Lang::En) => "Appending events in bulk",
        (FileOnly::CloseAsOneFile, Lang::Nb) => "Å lukke som én fil",
        (FileOnly::CloseAsOneFile, Lang::En) => "Closing as one file",
        (FileOnly::Configure, Lang::Nb) => "Å sette opp SQLite",
        (FileOnly::Configure, Lang::En) => "Setting up SQLite",
        (FileOnly::Past, Lang::Nb) => "Å se fortiden",
        (FileOnly::Past, Lang::En) => "Looking at the past",
        (FileOnly::Upgrade, Lang::Nb) => "Å oppgradere skjemaet",
        (FileOnly::Upgrade, Lang::En) => "Upgrading the schema",
        (FileOnly::Repair, _) => "`doctor --repair`",
    }
}

impl ReadOnlyCause {
    /// Why, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadOnlyCause::FileNotWritable => say!(lang,
                nb: "du har ikke skrivetilgang til filen",
                en: "the file is not writable"),
            ReadOnlyCause::DirectoryNotWritable(dir) => {
                let dir = dir.display();
                say!(lang,
                    nb: "mappen {dir} er skrivebeskyttet (SQLite skriver journalen sin ved siden av filen)",
                    en: "the directory {dir} is not writable (SQLite keeps its journal beside the file)")
            }
            ReadOnlyCause::Requested => say!(lang,
                nb: "den er åpnet bare for lesing",
                en: "it is opened only to be read"),
            ReadOnlyCause::DiskFull => say!(lang,
                nb: "disken er full",
                en: "the disk is full"),
            ReadOnlyCause::ReadRole(role) => say!(lang,
                nb: "rollen {role} har bare lesetilgang på serveren",
                en: "the role {role} may only read on the server"),
        }
    }
}

impl CatalogSkipReason {
    /// Why undo passed over a catalog change, in one line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CatalogSkipReason::Created => say!(lang,
                nb: "en opprettelse kan ikke gjøres om (fjern eller endre det i stedet)",
                en: "a creation cannot be unmade (remove or change it instead)"),
            CatalogSkipReason::Removed => say!(lang,
                nb: "det som ble fjernet, kan ikke hentes tilbake med angre",
                en: "what was removed cannot be brought back by undo"),
            CatalogSkipReason::Gone => say!(lang,
                nb: "det finnes ikke lenger",
                en: "it no longer exists"),
            CatalogSkipReason::ChangedSince => say!(lang,
                nb: "det er endret siden",
                en: "it was changed since"),
            CatalogSkipReason::Refused(refusal) => {
                let error = refusal.0.message(lang);
                say!(lang,
                    nb: "den gamle verdien avvises nå: {error}",
                    en: "its old value is refused now: {error}")
            }
        }
    }
}

/// A change undo passed over, in either log: what it was and why, each in
/// one line (text from the database is not yet neutralised).
pub fn passed_over(passed: &Passed, lang: Lang) -> (String, String) {
    match passed {
        Passed::Assignment(s) => (
            format!(
                "#{} {}",
                s.event.assignment_id,
                crate::words::events::describe(&s.event, lang)
            ),
            s.reason.message(lang),
        ),
        Passed::Catalog(s) => (catalog_change(&s.event, lang), s.reason.message(lang)),
    }
}

/// A catalog change with the item it is on: "periode 2: rapportfrist: …",
/// and, for an undo, the event it takes back.
pub fn catalog_change(event: &crate::domain::CatalogEvent, lang: Lang) -> String {
    let line = format!(
        "{} {}: {}",
        entity_word(event.entity, lang),
        event.entity_id,
        crate::words::events::describe_catalog(event, lang)
    );
    match event.undoes {
        None => line,
        Some(undone) => say!(lang,
            nb: "{line} (angrer kataloghendelse {undone})",
            en: "{line} (undoes catalog event {undone})"),
    }
}

impl SkipReason {
    /// Why undo passed over a change, in one line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SkipReason::Report { assignment, period } => {
                let period = safe(period.as_deref().unwrap_or("?"));
                say!(lang,
                    nb: "det er rapporten for {period} på oppdrag {assignment}, som blir stående (registrer en ny rapport i stedet)",
                    en: "it is the {period} report of assignment {assignment}, which stays on record (record a new report instead)")
            }
            SkipReason::Created { assignment } => say!(lang,
                nb: "den opprettet oppdrag {assignment}, som ikke kan gjøres om (sett status til utgår i stedet)",
                en: "it created assignment {assignment}, which cannot be unmade (set its status to cancelled instead)"),
            SkipReason::UnknownField(error) => error.message(lang),
            SkipReason::ChangedSince {
                field,
                assignment,
                later,
            } => {
                let field = field_word(*field, lang);
                let summary = summarize(later, lang);
                say!(lang,
                    nb: "{field} for oppdrag {assignment} er endret siden ({summary})",
                    en: "{field} of assignment {assignment} was changed since ({summary})")
            }
            SkipReason::WouldStay { field, assignment } => {
                let field = field_word(*field, lang);
                say!(lang,
                    nb: "{field} for oppdrag {assignment} ville blitt som det er, på grunn av senere endringer",
                    en: "{field} of assignment {assignment} would stay as it is, because of later changes to it")
            }
            SkipReason::CannotGoBack {
                field,
                assignment,
                error,
            } => {
                let field = field_word(*field, lang);
                let error = error.message(lang);
                say!(lang,
                    nb: "{field} for oppdrag {assignment} kan ikke settes tilbake til den gamle verdien: {error}",
                    en: "{field} of assignment {assignment} cannot go back to its old value: {error}")
            }
        }
    }
}

/// "status → done by kari at 2023-09-20 10:00; …" (local time): the changes someone
/// else made, for a refused edit or undo.
fn summarize(events: &[Event], lang: Lang) -> String {
    if events.is_empty() {
        return say!(lang, nb: "ingen detaljer i loggen", en: "no details in the log");
    }
    events
        .iter()
        .map(|e| {
            let field = Field::parse(&e.field)
                .map(|f| f.label(lang).to_string())
                .unwrap_or_else(|_| safe(&e.field));
            let new = if e.field == Field::Created.as_str() {
                String::new()
            } else if e.field == Field::Report.as_str() {
                safe(e.period.as_deref().unwrap_or_default())
            } else {
                match e.new.as_deref() {
                    Some(value) => safe(value),
                    None => say!(lang, nb: "(tom)", en: "(empty)"),
                }
            };
            let new = if new.is_empty() {
                String::new()
            } else {
                format!("→ {new}")
            };
            let actor = safe(&e.actor);
            let at = super::as_of::instant(lang, e.at);
            say!(lang, nb: "{field} {new} av {actor} {at}", en: "{field} {new} by {actor} at {at}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Problem {
    /// What `doctor` found, in one line, in a language.
    pub fn message(&self, lang: Lang) -> String {
        let shown = |value: &Option<String>| match value {
            Some(v) => format!("'{}'", safe(v)),
            None => say!(lang, nb: "tom", en: "empty"),
        };
        match self {
            Problem::Integrity(line) => say!(lang,
                nb: "integritetssjekk: {line}",
                en: "integrity check: {line}"),
            Problem::MissingRow {
                table,
                rowid,
                parent,
            } => {
                let rowid = rowid.map_or("?".into(), |r| r.to_string());
                say!(lang,
                    nb: "{table} rad {rowid} viser til en rad i {parent} som mangler",
                    en: "{table} row {rowid} refers to a missing {parent} row")
            }
            Problem::Unreplayable(error) => {
                let error = error.message(lang);
                say!(lang,
                    nb: "hendelsesloggen kan ikke spilles av: {error}",
                    en: "the event log cannot be replayed: {error}")
            }
            Problem::NotInLog(id) => say!(lang,
                nb: "oppdrag {id}: ikke i hendelsesloggen (ingen created-hendelse)",
                en: "assignment {id}: not in the event log (no created event)"),
            Problem::FieldDiffers {
                assignment,
                field,
                table,
                log,
            } => {
                let field = field.as_str();
                let (table, log) = (shown(table), shown(log));
                say!(lang,
                    nb: "oppdrag {assignment}: {field} er {table} i tabellen, men {log} i hendelsesloggen",
                    en: "assignment {assignment}: {field} is {table} in the table but {log} in the event log")
            }
            Problem::YearDiffers {
                assignment,
                table,
                log,
            } => say!(lang,
                nb: "oppdrag {assignment}: året er {table} i tabellen, men {log} i hendelsesloggen",
                en: "assignment {assignment}: year is {table} in the table but {log} in the event log"),
            Problem::VersionDiffers {
                assignment,
                table,
                log,
            } => say!(lang,
                nb: "oppdrag {assignment}: versjonen er {table} i tabellen, men loggen har {log} endringer",
                en: "assignment {assignment}: version is {table} in the table but the log has {log} changes"),
            Problem::MissingFromTable(id) => say!(lang,
                nb: "oppdrag {id}: i hendelsesloggen, men mangler i tabellen",
                en: "assignment {id}: in the event log but missing from the table"),
            Problem::CatalogUnreplayable { entity, error } => {
                let what = entity_word(*entity, lang);
                let error = error.message(lang);
                say!(lang,
                    nb: "loggen for {what} kan ikke spilles av: {error}",
                    en: "the {what} log cannot be replayed: {error}")
            }
            Problem::CatalogNotInLog { entity, id } => {
                let what = entity_word(*entity, lang);
                say!(lang,
                    nb: "{what} {id}: ikke i katalogloggen (ingen opprettet-hendelse, eller logget som slettet)",
                    en: "{what} {id}: not in the catalog log (no created event, or logged as deleted)")
            }
            Problem::CatalogFieldDiffers {
                entity,
                id,
                field,
                table,
                log,
            } => {
                let what = entity_word(*entity, lang);
                let field = match entity {
                    Entity::Goal => crate::words::terms::goal_field(field, lang),
                    Entity::Wheel => crate::words::terms::wheel_field(field, lang),
                    Entity::Decision | Entity::Body => crate::words::vedtak::field(field, lang),
                    Entity::Period => crate::words::council::period_field(field, lang),
                };
                let (table, log) = (shown(table), shown(log));
                say!(lang,
                    nb: "{what} {id}: {field} er {table} i tabellen, men {log} i katalogloggen",
                    en: "{what} {id}: {field} is {table} in the table but {log} in the catalog log")
            }
            Problem::CatalogMissingFromTable { entity, id } => {
                let what = entity_word(*entity, lang);
                say!(lang,
                    nb: "{what} {id}: i katalogloggen, men mangler i tabellen",
                    en: "{what} {id}: in the catalog log but missing from the table")
            }
            Problem::ChainBroken { log, at } => {
                let log = chain_log_word(*log, lang);
                match at {
                    Break::Differs { event } => say!(lang,
                        nb: "{log}, hendelse {event}: passer ikke i hashkjeden; den (eller hendelsen før) er endret etter at den ble skrevet",
                        en: "{log}, event {event}: does not fit the hash chain; it (or the event before it) was changed after it was written"),
                    Break::Unlinked { event } => say!(lang,
                        nb: "{log}, hendelse {event}: har ingen hash i kjeden; den er lagt inn utenom styr",
                        en: "{log}, event {event}: has no hash in the chain; it was added outside styr"),
                    Break::Gone { event } => say!(lang,
                        nb: "{log}, hendelse {event}: er slettet, men hashkjeden har den",
                        en: "{log}, event {event}: was deleted, but the hash chain holds it"),
                }
            }
            Problem::DamagedPart { table, index: None } => say!(lang,
                nb: "tabellen {table} er skadet",
                en: "table {table} is damaged"),
            Problem::DamagedPart {
                table,
                index: Some(index),
            } => say!(lang,
                nb: "indeksen {index} på tabellen {table} er skadet",
                en: "index {index} of table {table} is damaged"),
            Problem::GuardMissing(name) => say!(lang,
                nb: "loggvernet {name} mangler eller er endret: loggen kan skrives om uten spor (`styr doctor --repair` setter det tilbake)",
                en: "the log guard {name} is missing or changed: the log can be rewritten unseen (`styr doctor --repair` puts it back)"),
            Problem::ServerGuardMissing(name) => say!(lang,
                nb: "serverens loggvern {name} mangler eller er slått av: loggen kan skrives om uten spor (eieren av skjemaet må sette det tilbake)",
                en: "the server's log guard {name} is missing or disabled: the log can be rewritten unseen (the schema's owner must put it back)"),
            Problem::HalfCopiedYear {
                year,
                from,
                unmatched,
                left,
            } => {
                let count = left.len();
                let ids = left
                    .iter()
                    .take(10)
                    .map(|id| format!("#{id}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(lang,
                    nb: "{year} er bare delvis overført fra {from} (avbrutt `year new`): {unmatched} kopier og merknader stemmer ikke, {count} åpne oppdrag ble ikke overført ({ids})",
                    en: "{year} was only partly carried over from {from} (an interrupted `year new`): {unmatched} copies and notes out of step, {count} open assignments not carried over ({ids})")
            }
        }
    }
}

/// A log's name in a message.
pub fn chain_log_word(log: ChainLog, lang: Lang) -> &'static str {
    match (log, lang) {
        (ChainLog::Events, Lang::Nb) => "hendelsesloggen",
        (ChainLog::Events, Lang::En) => "the event log",
        (ChainLog::Catalog, Lang::Nb) => "katalogloggen",
        (ChainLog::Catalog, Lang::En) => "the catalog log",
    }
}

impl ReplayError {
    /// Why the log cannot be replayed, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReplayError::NotCreated { event, assignment } => say!(lang,
                nb: "hendelse {event}: oppdrag {assignment} endret før det ble opprettet",
                en: "event {event}: assignment {assignment} changed before it was created"),
            ReplayError::CreatedTwice { event, assignment } => say!(lang,
                nb: "hendelse {event}: oppdrag {assignment} opprettet to ganger",
                en: "event {event}: assignment {assignment} created twice"),
            ReplayError::BadCreated { event, detail } => say!(lang,
                nb: "hendelse {event}: ugyldig created-verdi: {detail}",
                en: "event {event}: bad created value: {detail}"),
            ReplayError::Invalid { event, error } => {
                let error = error.message(lang);
                say!(lang,
                    nb: "hendelse {event}: {error}",
                    en: "event {event}: {error}")
            }
        }
    }
}

impl CatalogReplayError {
    /// Why the catalog log cannot be replayed, in a language.
    pub fn message(&self, lang: Lang) -> String {
        let event = self.event;
        let fault = match &self.fault {
            CatalogFault::CreatedTwice { entity, id } => {
                let what = entity_word(*entity, lang);
                say!(lang, nb: "{what} {id} opprettet to ganger", en: "{what} {id} created twice")
            }
            CatalogFault::DeletedBeforeCreated { entity, id } => {
                let what = entity_word(*entity, lang);
                say!(lang,
                    nb: "{what} {id} slettet før det ble opprettet",
                    en: "{what} {id} deleted before it was created")
            }
            CatalogFault::ChangedBeforeCreated { entity, id } => {
                let what = entity_word(*entity, lang);
                say!(lang,
                    nb: "{what} {id} endret før det ble opprettet",
                    en: "{what} {id} changed before it was created")
            }
            CatalogFault::BadCreated(detail) => say!(lang,
                nb: "ugyldig created-verdi: {detail}",
                en: "bad created value: {detail}"),
            CatalogFault::Invalid(error) => error.message(lang),
        };
        say!(lang, nb: "kataloghendelse {event}: {fault}", en: "catalog event {event}: {fault}")
    }
}

impl DomainError {
    /// The message in a language; `Display` gives the English one.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DomainError::UnknownStatus(s) => say!(lang,
                nb: "ukjent status '{s}' (bruk not-started, in-progress, done eller cancelled, eller ikke startet, pågår, fullført, utgår)",
                en: "unknown status '{s}' (use not-started, in-progress, done or cancelled)"),
            DomainError::UnknownAssessment(s) => say!(lang,
                nb: "ukjent vurdering '{s}' (bruk green, yellow, red eller none, eller i rute, risiko, avvik)",
                en: "unknown assessment '{s}' (use green, yellow, red or none)"),
            DomainError::InvalidDate(s) => say!(lang,
                nb: "ugyldig dato '{s}' (bruk dd.mm.åååå eller ÅÅÅÅ-MM-DD)",
                en: "invalid date '{s}' (use YYYY-MM-DD or dd.mm.yyyy)"),
            DomainError::InvalidDateInput(s) => say!(lang,
                nb: "ugyldig dato '{s}' (bruk dd.mm.åååå, dd.mm i planåret, som 31.10, eller +dager fra i dag, som +14)",
                en: "invalid date '{s}' (use dd.mm.yyyy, YYYY-MM-DD, dd.mm in the plan year, like 31.10, or +days from today, like +14)"),
            DomainError::EmptyTitle => say!(lang,
                nb: "tittelen kan ikke være tom",
                en: "the title must not be empty"),
            DomainError::UnknownField(s) => say!(lang,
                nb: "ukjent felt '{s}'",
                en: "unknown field '{s}'"),
            DomainError::InvalidValue { field, value } => say!(lang,
                nb: "ugyldig verdi '{value}' for {field}",
                en: "invalid value '{value}' for {field}"),
            DomainError::InvalidPlanYear(year) => say!(lang,
                nb: "ugyldig planår {year}",
                en: "invalid plan year {year}"),
            DomainError::NoMunicipalityName => say!(lang,
                nb: "kommunen må ha et navn",
                en: "the municipality needs a name"),
            DomainError::NoActor => say!(lang,
                nb: "en endring må ha noen som gjør den",
                en: "a change needs an actor"),
            DomainError::NotSettable(field) => {
                let (name, word) = (field.as_str(), field.label(Lang::Nb));
                say!(lang,
                    nb: "{word} kan ikke settes",
                    en: "{name} cannot be set")
            }
            DomainError::Period(rule) => rule.message(lang),
            DomainError::Wheel(rule) => rule.message(lang),
            DomainError::Goal(rule) => rule.message(lang),
            DomainError::Report(rule) => rule.message(lang),
            DomainError::Sector(rule) => rule.message(lang),
            DomainError::Task(rule) => rule.message(lang),
            DomainError::Text(rule) => rule.message(lang),
            DomainError::Decision(rule) => rule.message(lang),
            DomainError::Approval(rule) => crate::words::council::approval_rule(rule, lang),
            DomainError::PeriodChange(rule) => crate::words::council::period_rule(rule, lang),
        }
    }
}

impl PeriodRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PeriodRule::NotAPeriod(text) => {
                let text = safe(text);
                say!(lang,
                    nb: "'{text}' er ikke en periode (bruk KODE eller ÅR-KODE, f.eks. T2 eller 2023-T2)",
                    en: "'{text}' is not a period (use CODE or YEAR-CODE, e.g. T2 or 2023-T2)")
            }
            PeriodRule::InvalidCode(code) => {
                let code = safe(code);
                say!(lang,
                    nb: "ugyldig periodekode '{code}' (bokstaver og sifre, f.eks. T1)",
                    en: "invalid period code '{code}' (letters and digits, e.g. T1)")
            }
            PeriodRule::NoLabel(id) => say!(lang,
                nb: "{id} må ha en betegnelse",
                en: "{id} needs a label"),
            PeriodRule::LabelNotPrintable(id) => say!(lang,
                nb: "betegnelsen på {id} inneholder kontrolltegn",
                en: "the label of {id} contains control characters"),
            PeriodRule::EndsBeforeStart { id, start, end } => {
                let (start, end) = (day(*start, lang), day(*end, lang));
                say!(lang,
                    nb: "{id} slutter ({end}) før den begynner ({start})",
                    en: "{id} ends ({end}) before it starts ({start})")
            }
            PeriodRule::DueBeforeEnd { id, end, due } => {
                let (end, due) = (day(*end, lang), day(*due, lang));
                say!(lang,
                    nb: "rapporten for {id} har frist ({due}) før perioden slutter ({end})",
                    en: "the report for {id} is due ({due}) before the period ends ({end})")
            }
            PeriodRule::OutsideYear {
                id,
                year,
                start,
                end,
            } => {
                let (start, end) = (day(*start, lang), day(*end, lang));
                say!(lang,
                    nb: "{id} må ligge innenfor {year} ({start} – {end})",
                    en: "{id} must lie within {year} ({start} – {end})")
            }
            PeriodRule::Exists(id) => say!(lang,
                nb: "periode {id} finnes allerede",
                en: "period {id} already exists"),
            PeriodRule::Unknown { id, known } if known.is_empty() => {
                let year = id.year;
                say!(lang,
                    nb: "ingen periode {id} ({year} har ingen perioder; se `styr periods`)",
                    en: "no period {id} ({year} has no periods; see `styr periods`)")
            }
            PeriodRule::Unknown { id, known } => {
                let known = known.join(", ");
                say!(lang,
                    nb: "ingen periode {id} (kjente: {known})",
                    en: "no period {id} (known: {known})")
            }
        }
    }
}

impl WheelRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WheelRule::TitleNotPrintable(title) => {
                let title = safe(title);
                say!(lang,
                    nb: "tittelen '{title}' inneholder kontrolltegn",
                    en: "the title '{title}' contains control characters")
            }
            WheelRule::EndsBeforeStart { title, start, end } => {
                let title = safe(title);
                let (start, end) = (day(*start, lang), day(*end, lang));
                say!(lang,
                    nb: "'{title}' slutter {end} før den begynner {start}",
                    en: "'{title}' ends {end} before it starts {start}")
            }
            WheelRule::OutsideYear {
                title,
                start,
                end,
                year,
            } => {
                let title = safe(title);
                let (start, end) = (day(*start, lang), day(*end, lang));
                say!(lang,
                    nb: "'{title}' ({start}–{end}) ligger utenfor planåret {year}",
                    en: "'{title}' ({start}–{end}) is outside the plan year {year}")
            }
            WheelRule::Overlaps {
                title,
                other,
                start,
                end,
            } => {
                let title = safe(title);
                let (start, end) = (day(*start, lang), day(*end, lang));
                say!(lang,
                    nb: "'{title}' overlapper punktet med samme tittel og type som allerede står i årshjulet ({start}–{end}, id {other})",
                    en: "'{title}' overlaps the entry with the same title and kind already in the annual wheel ({start}–{end}, id {other})")
            }
        }
    }
}

/// "goal 3 (1.2)": a goal as messages name it.
fn goal_name(goal: &GoalName) -> (i64, String) {
    (goal.id, safe(&goal.code))
}

impl GoalRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GoalRule::FocusAreaMoved => say!(lang,
                nb: "et satsingsområde står øverst i treet og kan ikke flyttes",
                en: "a focus area is at the top of the tree and cannot be moved"),
            GoalRule::NeedsParent(kind) => {
                let kind = level(*kind, lang);
                say!(lang,
                    nb: "et {kind} må ligge under et mål",
                    en: "a {kind} must lie under a goal")
            }
            GoalRule::WrongParent {
                kind,
                parent,
                parent_kind,
            } => {
                let (wanted, kind, parent_kind) = (
                    parent_level(*kind, lang),
                    level(*kind, lang),
                    level(*parent_kind, lang),
                );
                let (id, code) = goal_name(parent);
                say!(lang,
                    nb: "et {kind} hører under et {wanted}, og mål {id} ({code}) er et {parent_kind}",
                    en: "a {kind} goes under a {wanted}, and goal {id} ({code}) is a {parent_kind}")
            }
            GoalRule::SubGoalHasNoChildren(id) => say!(lang,
                nb: "mål {id} er et delmål og kan ikke ha mål under seg",
                en: "goal {id} is a sub-goal and cannot have goals under it"),
            GoalRule::ParentRetired(goal) => {
                let (id, code) = goal_name(goal);
                say!(lang,
                    nb: "mål {id} ({code}) er utgått",
                    en: "goal {id} ({code}) is retired")
            }
            GoalRule::AlreadySo { goal, retired } => {
                let (id, code) = goal_name(goal);
                match retired {
                    true => say!(lang,
                        nb: "mål {id} ({code}) er allerede utgått",
                        en: "goal {id} ({code}) is already retired"),
                    false => say!(lang,
                        nb: "mål {id} ({code}) er allerede i bruk",
                        en: "goal {id} ({code}) is already in use"),
                }
            }
            GoalRule::OpenAssignments { goal, assignments } => {
                let (id, code) = goal_name(goal);
                let ids = assignments
                    .iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(lang,
                    nb: "mål {id} ({code}) har fortsatt åpne oppdrag knyttet til seg eller under seg: {ids} (løs dem fra målet med `styr goal unlink`, eller lukk dem, først)",
                    en: "goal {id} ({code}) still has open assignments linked to it or below it: {ids} (unlink them with `styr goal unlink`, or close them, first)")
            }
            GoalRule::UnderRetired { id, parent } => {
                let (parent, code) = goal_name(parent);
                say!(lang,
                    nb: "mål {id} ligger under mål {parent} ({code}), som er utgått; ta det inn igjen først",
                    en: "goal {id} lies under goal {parent} ({code}), which is retired; take that back in first")
            }
            GoalRule::NoTitle => say!(lang,
                nb: "et mål må ha en tittel",
                en: "a goal needs a title"),
            GoalRule::NoCode { title } => {
                let title = safe(title);
                say!(lang,
                    nb: "målet '{title}' må ha en kode (f.eks. 1.2.3)",
                    en: "the goal '{title}' needs a code (e.g. 1.2.3)")
            }
            GoalRule::CodeNotPrintable { code } => {
                let code = safe(code);
                say!(lang,
                    nb: "målkoden '{code}' inneholder kontrolltegn",
                    en: "the goal code '{code}' contains control characters")
            }
            GoalRule::CodeOutOfPlace {
                code,
                kind,
                suggested,
            } => {
                // The suggestion is the parent's code and a number.
                let parent = suggested.rsplit_once('.').map(|(parent, _)| parent);
                let (code, suggested) = (safe(code), safe(suggested));
                let level = kind.label(lang).to_lowercase();
                match parent {
                    Some(parent) => {
                        let parent = safe(parent);
                        say!(lang,
                            nb: "koden '{code}' passer ikke: et {level} under {parent} har koden {parent}.N; neste ledige er {suggested}",
                            en: "the code '{code}' does not fit: a {level} under {parent} has the code {parent}.N; the next free one is {suggested}")
                    }
                    None => say!(lang,
                        nb: "koden '{code}' passer ikke: et {level} har et helt tall som kode; neste ledige er {suggested}",
                        en: "the code '{code}' does not fit: a {level} has a whole number as its code; the next free one is {suggested}"),
                }
            }
            GoalRule::CodeTaken {
                code,
                other,
                other_title,
            } => {
                let (code, title) = (safe(code), safe(other_title));
                say!(lang,
                    nb: "koden {code} brukes allerede av mål {other} ({title})",
                    en: "the code {code} is already used by goal {other} ({title})")
            }
            GoalRule::LinkNotSubGoal { goal, kind } => {
                let kind = level(*kind, lang);
                say!(lang,
                    nb: "mål {goal} er et {kind}; oppdrag knyttes til et delmål",
                    en: "goal {goal} is a {kind}; assignments link to a sub-goal")
            }
            GoalRule::LinkRetired(id) => say!(lang,
                nb: "mål {id} er utgått; knytt oppdrag til et mål i bruk",
                en: "goal {id} is retired; link assignments to a goal in use"),
        }
    }
}

impl ReportRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReportRule::Empty => say!(lang,
                nb: "en rapport må ha minst en status, en vurdering, en forventet ferdigdato eller en kommentar",
                en: "a report needs at least a status, a vurdering, an expected completion or a comment"),
            ReportRule::OnTask { id, parent } => say!(lang,
                nb: "oppdrag {id} er en oppgave; rapporter gis for oppdraget {parent}",
                en: "assignment {id} is a task; reports are given for its assignment {parent}"),
            ReportRule::OtherYear { id, period, year } => say!(lang,
                nb: "periode {period} er ikke i planåret {year} for oppdrag {id}",
                en: "period {period} is not in plan year {year} of assignment {id}"),
            ReportRule::Cancelled(id) => say!(lang,
                nb: "oppdrag {id} utgår, så det er ikke noe å rapportere; sett en annen status først hvis det tas opp igjen",
                en: "assignment {id} is cancelled (Utgår), so there is nothing to report; set another status first if it is taken up again"),
        }
    }
}

impl SectorRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SectorRule::Unknown { code, known } => {
                let code = safe(code);
                let known = safe(&known.join(", "));
                say!(lang,
                    nb: "ukjent sektor '{code}' (kjente: {known})",
                    en: "unknown sector '{code}' (known: {known})")
            }
            SectorRule::NoneGiven => say!(lang,
                nb: "en database må ha minst én sektor",
                en: "a database needs at least one sector"),
            SectorRule::InvalidCode(code) => {
                let code = safe(code);
                say!(lang,
                    nb: "ugyldig sektorkode '{code}' (den må være ett ord uten kontrolltegn)",
                    en: "invalid sector code '{code}' (it must be one word without control characters)")
            }
            SectorRule::NameNotPrintable(code) => {
                let code = safe(code);
                say!(lang,
                    nb: "navnet på sektor {code} inneholder kontrolltegn",
                    en: "the name of sector {code} contains control characters")
            }
        }
    }
}

impl TaskRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TaskRule::OwnTask => say!(lang,
                nb: "et oppdrag kan ikke være sin egen oppgave",
                en: "an assignment cannot be its own task"),
            TaskRule::ParentIsTask(parent) => say!(lang,
                nb: "oppdrag {parent} er selv en oppgave; oppgaver legges under et oppdrag",
                en: "assignment {parent} is itself a task; tasks go under an assignment"),
            TaskRule::HasTasks(id) => say!(lang,
                nb: "oppdrag {id} har egne oppgaver og kan ikke bli en oppgave",
                en: "assignment {id} has tasks of its own and cannot become a task"),
        }
    }
}

/// After `doctor --repair`: the guards put back, or that none were missing.
pub fn guards_restored(names: &[String], lang: Lang) -> String {
    if names.is_empty() {
        return say!(lang,
            nb: "alle loggvern er på plass; ingenting å reparere",
            en: "every log guard is in place; nothing to repair");
    }
    let names = names.join(", ");
    say!(lang,
        nb: "satte tilbake loggvernet ({names}), og noterte det i databasen; en hendelse endret mens det manglet, nevnes nedenfor som brudd i hashkjeden",
        en: "put the log guards back ({names}) and noted it in the database; an event changed while they were gone is named below as a break in the hash chain")
}

impl TextRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TextRule::TooLong { field, chars } => {
                let (label, max) = (field.label(lang), MAX_FIELD_CHARS);
                say!(lang,
                    nb: "feltet {label} har {chars} tegn; et felt kan ha høyst {max} tegn (kort teksten ned, eller legg den i et vedlegg)",
                    en: "the field {label} has {chars} characters; a field holds at most {max} (shorten the text, or put it in an attachment)")
            }
        }
    }
}

/// `Display` as the English message, for types that have `message(lang)`.
macro_rules! english_display {
    ($($kind:ty),* $(,)?) => {$(
        impl fmt::Display for $kind {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.message(Lang::En))
            }
        }
    )*};
}

english_display!(
    StoreError,
    DomainError,
    ReadOnlyCause,
    SkipReason,
    Problem,
    ReplayError,
    CatalogReplayError,
    Damage,
    Lock,
    PeriodRule,
    WheelRule,
    GoalRule,
    ReportRule,
    SectorRule,
    TaskRule,
    TextRule,
);

/// A problem in JSON is its English line, as it always was.
impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::domain::{PeriodId, Status};
    use crate::store::Contents;

    fn date(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    fn goal() -> GoalName {
        GoalName {
            id: 3,
            code: "1.2".into(),
        }
    }

    fn event() -> Event {
        Event {
            id: 7,
            at: chrono::DateTime::parse_from_rfc3339("2023-05-01T10:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc),
            actor: "kari".into(),
            assignment_id: 2,
            field: "status".into(),
            old: None,
            new: Some(Status::Done.as_str().into()),
            comment: None,
            undoes: None,
            period: None,
        }
    }

    fn domain_errors() -> Vec<DomainError> {
        let (start, end) = (date("2023-05-01"), date("2023-04-01"));
        vec![
            DomainError::UnknownStatus("x".into()),
            DomainError::UnknownAssessment("x".into()),
            DomainError::InvalidDate("x".into()),
            DomainError::InvalidDateInput("x".into()),
            DomainError::EmptyTitle,
            DomainError::UnknownField("x".into()),
            DomainError::InvalidValue {
                field: "due".into(),
                value: "x".into(),
            },
            DomainError::InvalidPlanYear(99),
            DomainError::NoMunicipalityName,
            DomainError::NoActor,
            DomainError::NotSettable(Field::Created),
            PeriodRule::NotAPeriod("x".into()).into(),
            PeriodRule::InvalidCode("x!".into()).into(),
            PeriodRule::NoLabel("2023-T1".into()).into(),
            PeriodRule::LabelNotPrintable("2023-T1".into()).into(),
            PeriodRule::EndsBeforeStart {
                id: "2023-T1".into(),
                start,
                end,
            }
            .into(),
            PeriodRule::DueBeforeEnd {
                id: "2023-T1".into(),
                end: start,
                due: end,
            }
            .into(),
            PeriodRule::OutsideYear {
                id: "2023-T1".into(),
                year: 2024,
                start,
                end,
            }
            .into(),
            PeriodRule::Exists("2023-T1".into()).into(),
            PeriodRule::Unknown {
                id: PeriodId::parse("2023-T9").unwrap(),
                known: vec![],
            }
            .into(),
            PeriodRule::Unknown {
                id: PeriodId::parse("2023-T9").unwrap(),
                known: vec!["2023-T1".into()],
            }
            .into(),
            WheelRule::TitleNotPrintable("x".into()).into(),
            WheelRule::EndsBeforeStart {
                title: "x".into(),
                start,
                end,
            }
            .into(),
            WheelRule::OutsideYear {
                title: "x".into(),
                start,
                end,
                year: 2024,
            }
            .into(),
            WheelRule::Overlaps {
                title: "x".into(),
                other: 4,
                start,
                end,
            }
            .into(),
            GoalRule::FocusAreaMoved.into(),
            GoalRule::NeedsParent(GoalKind::SubGoal).into(),
            GoalRule::WrongParent {
                kind: GoalKind::SubGoal,
                parent: goal(),
                parent_kind: GoalKind::FocusArea,
            }
            .into(),
            GoalRule::SubGoalHasNoChildren(3).into(),
            GoalRule::ParentRetired(goal()).into(),
            GoalRule::AlreadySo {
                goal: goal(),
                retired: true,
            }
            .into(),
            GoalRule::AlreadySo {
                goal: goal(),
                retired: false,
            }
            .into(),
            GoalRule::OpenAssignments {
                goal: goal(),
                assignments: vec![1, 2],
            }
            .into(),
            GoalRule::UnderRetired {
                id: 4,
                parent: goal(),
            }
            .into(),
            GoalRule::NoTitle.into(),
            GoalRule::NoCode { title: "x".into() }.into(),
            GoalRule::CodeNotPrintable { code: "x".into() }.into(),
            GoalRule::CodeOutOfPlace {
                code: "1.".into(),
                kind: GoalKind::SubGoal,
                suggested: "1.1.3".into(),
            }
            .into(),
            GoalRule::CodeOutOfPlace {
                code: ".".into(),
                kind: GoalKind::FocusArea,
                suggested: "3".into(),
            }
            .into(),
            GoalRule::CodeTaken {
                code: "1.2".into(),
                other: 5,
                other_title: "x".into(),
            }
            .into(),
            GoalRule::LinkNotSubGoal {
                goal: 3,
                kind: GoalKind::MainGoal,
            }
            .into(),
            GoalRule::LinkRetired(3).into(),
            ReportRule::Empty.into(),
            ReportRule::OnTask { id: 2, parent: 1 }.into(),
            ReportRule::OtherYear {
                id: 2,
                period: "2024-T1".into(),
                year: 2023,
            }
            .into(),
            ReportRule::Cancelled(2).into(),
            SectorRule::Unknown {
                code: "XYZ".into(),
                known: vec!["OUS".into()],
            }
            .into(),
            SectorRule::NoneGiven.into(),
            SectorRule::InvalidCode("a b".into()).into(),
            SectorRule::NameNotPrintable("OUS".into()).into(),
            TaskRule::OwnTask.into(),
            TaskRule::ParentIsTask(1).into(),
            TaskRule::HasTasks(1).into(),
            TextRule::TooLong {
                field: Field::Title,
                chars: 20_001,
            }
            .into(),
        ]
    }

    fn skip_reasons() -> Vec<SkipReason> {
        vec![
            SkipReason::Report {
                assignment: 2,
                period: Some("2023-T2".into()),
            },
            SkipReason::Created { assignment: 2 },
            SkipReason::UnknownField(DomainError::UnknownField("x".into())),
            SkipReason::ChangedSince {
                field: Field::Status,
                assignment: 2,
                later: vec![event()],
            },
            SkipReason::WouldStay {
                field: Field::Status,
                assignment: 2,
            },
            SkipReason::CannotGoBack {
                field: Field::Goal,
                assignment: 2,
                error: Arc::new(StoreError::UnknownGoal(3)),
            },
        ]
    }

    fn problems() -> Vec<Problem> {
        vec![
            Problem::Integrity("page 3".into()),
            Problem::MissingRow {
                table: "events".into(),
                rowid: Some(1),
                parent: "assignments".into(),
            },
            Problem::Unreplayable(ReplayError::NotCreated {
                event: 1,
                assignment: 2,
            }),
            Problem::NotInLog(2),
            Problem::FieldDiffers {
                assignment: 2,
                field: Field::Owner,
                table: Some("x".into()),
                log: None,
            },
            Problem::YearDiffers {
                assignment: 2,
                table: 2023,
                log: 2024,
            },
            Problem::VersionDiffers {
                assignment: 2,
                table: 3,
                log: 2,
            },
            Problem::MissingFromTable(2),
            Problem::CatalogUnreplayable {
                entity: Entity::Goal,
                error: CatalogReplayError {
                    event: 1,
                    fault: CatalogFault::BadCreated("x".into()),
                },
            },
            Problem::CatalogNotInLog {
                entity: Entity::Wheel,
                id: 1,
            },
            Problem::CatalogFieldDiffers {
                entity: Entity::Goal,
                id: 1,
                field: "code",
                table: None,
                log: Some("x".into()),
            },
            Problem::CatalogMissingFromTable {
                entity: Entity::Wheel,
                id: 1,
            },
            Problem::ChainBroken {
                log: ChainLog::Events,
                at: Break::Differs { event: 4 },
            },
            Problem::ChainBroken {
                log: ChainLog::Catalog,
                at: Break::Unlinked { event: 5 },
            },
            Problem::ChainBroken {
                log: ChainLog::Events,
                at: Break::Gone { event: 6 },
            },
            Problem::DamagedPart {
                table: "events".into(),
                index: None,
            },
            Problem::DamagedPart {
                table: "events".into(),
                index: Some("events_at".into()),
            },
            Problem::GuardMissing("events_no_update".into()),
            Problem::ServerGuardMissing("events_no_update".into()),
            Problem::HalfCopiedYear {
                year: 2024,
                from: 2023,
                unmatched: 1,
                left: vec![3, 4],
            },
        ]
    }

    fn replay_errors() -> Vec<ReplayError> {
        vec![
            ReplayError::NotCreated {
                event: 1,
                assignment: 2,
            },
            ReplayError::CreatedTwice {
                event: 1,
                assignment: 2,
            },
            ReplayError::BadCreated {
                event: 1,
                detail: "x".into(),
            },
            ReplayError::Invalid {
                event: 1,
                error: DomainError::EmptyTitle,
            },
        ]
    }

    fn catalog_replay_errors() -> Vec<CatalogReplayError> {
        let (entity, id) = (Entity::Goal, 1);
        [
            CatalogFault::CreatedTwice { entity, id },
            CatalogFault::DeletedBeforeCreated { entity, id },
            CatalogFault::ChangedBeforeCreated { entity, id },
            CatalogFault::BadCreated("x".into()),
            CatalogFault::Invalid(DomainError::EmptyTitle),
        ]
        .into_iter()
        .map(|fault| CatalogReplayError { event: 1, fault })
        .collect()
    }

    /// Every store error there is; the caller's own failure is left out,
    /// since its words are the caller's.
    fn store_errors() -> Vec<StoreError> {
        let path = || PathBuf::from("styr.db");
        let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let mut errors = vec![
            StoreError::Missing(path()),
            StoreError::MissingDirectory {
                path: path(),
                dir: path(),
            },
            StoreError::Damaged(Damage::Sqlite {
                path: None,
                said: "x".into(),
            }),
            StoreError::Damaged(Damage::Sqlite {
                path: Some(path()),
                said: "x".into(),
            }),
            StoreError::Damaged(Damage::NoHeader {
                path: path(),
                size: 3,
            }),
            StoreError::Damaged(Damage::Truncated {
                path: path(),
                size: 3,
                expected: 4096,
            }),
            StoreError::Busy(Lock::Database),
            StoreError::Busy(Lock::File(path())),
            StoreError::DiskFull,
            StoreError::SchemaMismatch {
                path: path(),
                found: 1,
            },
            StoreError::LogUnguarded {
                path: Some(path()),
                missing: vec!["events_no_update".into()],
            },
            StoreError::DamagedBeforeWrite {
                path: Some(path()),
                parts: problems()[..1].to_vec(),
                newest_backup: Some(path()),
            },
            StoreError::DamagedBeforeWrite {
                path: None,
                parts: Vec::new(),
                newest_backup: None,
            },
            StoreError::CannotOpen("x".into()),
            StoreError::Exists(path()),
            StoreError::TooNew {
                path: path(),
                found: 9,
                known: 8,
            },
            StoreError::ReadOnly,
            StoreError::Stale {
                id: 2,
                changes: vec![event()],
            },
            StoreError::Stale {
                id: 2,
                changes: vec![],
            },
            StoreError::UnknownAssignment(2),
            StoreError::UnknownGoal(2),
            StoreError::UnknownWheelEntry(2),
            StoreError::CannotRead {
                path: path(),
                error: io(),
            },
            StoreError::CannotWrite {
                path: path(),
                error: io(),
            },
            StoreError::CannotCreateDirectory {
                dir: path(),
                error: io(),
            },
            StoreError::NoSchemaVersion(99),
            StoreError::StillInWal { mode: "wal".into() },
            StoreError::ChangedSince {
                entity: Entity::Goal,
                id: 1,
            },
            StoreError::ChangedSince {
                entity: Entity::Wheel,
                id: 1,
            },
            StoreError::NothingToUndo {
                actor: "kari".into(),
            },
            StoreError::UndoWouldStay {
                field: Field::Owner,
                assignment: 2,
            },
            StoreError::StaleBatch(vec![(2, vec![event()]), (3, vec![])]),
            StoreError::UnknownEvent(9),
            StoreError::CannotWithdraw {
                event: 9,
                reason: crate::store::WithdrawRefusal::Already(10),
            },
            StoreError::CannotWithdraw {
                event: 9,
                reason: crate::store::WithdrawRefusal::NotCommentOrReport("status".into()),
            },
            StoreError::CannotWithdraw {
                event: 9,
                reason: crate::store::WithdrawRefusal::AWithdrawal,
            },
            StoreError::NotEmpty(Contents {
                goals: 1,
                assignments: 2,
                events: 3,
            }),
            StoreError::HasCatalogLog,
            StoreError::DanglingRows(problems()),
            StoreError::FailsDoctor {
                source: path(),
                problems: 2,
                first: Problem::NotInLog(2),
            },
            StoreError::GoalUsedBeforeMade(1),
            StoreError::NoPlanYear,
            StoreError::NoIdentity,
            StoreError::PastUnreadable(Problem::NotInLog(3)),
            StoreError::from(rusqlite::Error::QueryReturnedNoRows),
        ];
        for reason in [
            NotADatabaseReason::NoSchema,
            NotADatabaseReason::Directory,
            NotADatabaseReason::Empty,
            NotADatabaseReason::NotSqlite,
        ] {
            errors.push(StoreError::NotADatabase {
                path: path(),
                reason,
            });
        }
        for cause in read_only_causes() {
            errors.push(StoreError::NeedsUpgrade {
                path: path(),
                from: 1,
                to: 2,
                cause: cause.clone(),
            });
            errors.push(StoreError::WalUnreadable {
                path: path(),
                wal: path(),
                cause,
            });
        }
        for during in [During::Edit, During::Report, During::Import] {
            errors.push(StoreError::ChangedDuring { id: 2, during });
        }
        for (newest, older) in skip_reasons().into_iter().zip(0..) {
            errors.push(StoreError::CannotUndo {
                actor: "kari".into(),
                newest,
                older,
            });
        }
        errors.extend(domain_errors().into_iter().map(StoreError::Domain));
        errors
    }

    fn read_only_causes() -> Vec<ReadOnlyCause> {
        vec![
            ReadOnlyCause::FileNotWritable,
            ReadOnlyCause::DirectoryNotWritable(PathBuf::from("/data")),
            ReadOnlyCause::Requested,
            ReadOnlyCause::DiskFull,
            ReadOnlyCause::ReadRole("revisor".into()),
        ]
    }

    fn assert_both(what: &str, message: impl Fn(Lang) -> String) {
        let (nb, en) = (message(Lang::Nb), message(Lang::En));
        assert!(!nb.trim().is_empty(), "{what}: empty in bokmål");
        assert!(!en.trim().is_empty(), "{what}: empty in English");
        assert_ne!(nb, en, "{what}: the same in both languages");
        assert!(!nb.contains('\n') && !en.contains('\n'), "{what}: one line");
    }

    #[test]
    fn every_problem_is_told_in_both_languages() {
        for e in store_errors() {
            assert_both(&format!("{e:?}"), |lang| e.message(lang));
            assert_eq!(e.to_string(), e.message(Lang::En));
        }
        for e in domain_errors() {
            assert_both(&format!("{e:?}"), |lang| e.message(lang));
        }
        for r in skip_reasons() {
            assert_both(&format!("{r:?}"), |lang| r.message(lang));
        }
        for p in problems() {
            assert_both(&format!("{p:?}"), |lang| p.message(lang));
        }
        for e in replay_errors() {
            assert_both(&format!("{e:?}"), |lang| e.message(lang));
        }
        for e in catalog_replay_errors() {
            assert_both(&format!("{e:?}"), |lang| e.message(lang));
        }
        for c in read_only_causes() {
            assert_both(&format!("{c:?}"), |lang| c.message(lang));
        }
    }

    #[test]
    fn each_language_uses_its_own_words_for_goal_levels() {
        let e = StoreError::Domain(
            GoalRule::LinkNotSubGoal {
                goal: 2,
                kind: GoalKind::MainGoal,
            }
            .into(),
        );
        assert_eq!(
            e.to_string(),
            "goal 2 is a main goal; assignments link to a sub-goal"
        );
        assert_eq!(
            e.message(Lang::Nb),
            "mål 2 er et hovedmål; oppdrag knyttes til et delmål"
        );
        let busy = StoreError::Busy(Lock::Database).message(Lang::Nb);
        assert!(busy.starts_with("databasen er låst av et annet program og slapp ikke"));
    }

    #[test]
    fn data_in_a_message_cannot_steer_the_terminal() {
        let e = DomainError::from(GoalRule::CodeTaken {
            code: "1\x1b[31m".into(),
            other: 2,
            other_title: "x\u{202E}y".into(),
        });
        for lang in [Lang::Nb, Lang::En] {
            let text = e.message(lang);
            assert!(
                !text.contains('\x1b') && !text.contains('\u{202E}'),
                "{text}"
            );
        }
    }

    #[test]
    fn an_error_and_its_causes_make_one_line() {
        let error =
            anyhow::Error::new(DomainError::InvalidDate("2023-02-30".into())).context("--today");
        assert_eq!(
            error_message(&error, Lang::Nb),
            "--today: ugyldig dato '2023-02-30' (bruk dd.mm.åååå eller ÅÅÅÅ-MM-DD)"
        );
    }
}
