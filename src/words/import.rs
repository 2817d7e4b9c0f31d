//! `styr import` in words: where in a file a problem is, what is wrong
//! there, and what the import does or would do.

use super::Lang;
use crate::domain::text::MAX_FIELD_CHARS;
use crate::import::xlsx::column_letters;
use crate::import::{EventLog, Location, Problem, ProblemKind};

/// A place in a file: `oppdrag.csv:7`, `plan.xlsx: Ark1!C5`, `plan.xlsx: Ark1 rad 5`.
pub fn location(location: &Location, lang: Lang) -> String {
    match location {
        Location::File(file) => file.to_string(),
        Location::Line { file, line } => format!("{file}:{line}"),
        Location::LineColumn { file, line, column } => format!("{file}:{line}:{column}"),
        Location::Cell {
            file,
            sheet,
            row,
            column,
        } => format!("{file}: {sheet}!{}{row}", column_letters(*column)),
        Location::SheetRow { file, sheet, row } => match lang {
            Lang::Nb => format!("{file}: {sheet} rad {row}"),
            Lang::En => format!("{file}: {sheet} row {row}"),
        },
    }
}

/// A problem in one line: `oppdrag.csv:7: Frist: '31.02.2023' er ikke en dato …`.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    let at = location(&problem.location, lang);
    let what = kind(&problem.kind, lang);
    match &problem.header {
        Some(header) => format!("{at}: {header}: {what}"),
        None => format!("{at}: {what}"),
    }
}

/// One of an export's two logs.
fn log_name(log: EventLog, lang: Lang) -> &'static str {
    match (lang, log) {
        (Lang::Nb, EventLog::Assignments) => "hendelsesloggen",
        (Lang::Nb, EventLog::Catalog) => "katalogloggen (mål og årshjul)",
        (Lang::En, EventLog::Assignments) => "the event log",
        (Lang::En, EventLog::Catalog) => "the catalog log (goals and annual wheel)",
    }
}

/// What is wrong.
pub fn kind(kind: &ProblemKind, lang: Lang) -> String {
    use ProblemKind as K;
    match lang {
        Lang::Nb => match kind {
            K::SheetOnlyForXlsx => "--sheet gjelder bare en XLSX-fil".into(),
            K::UnterminatedQuote => {
                "et felt i anførselstegn starter her og slutter aldri (er filen avkortet?)".into()
            }
            K::UnreadableCsv(e) => format!("kan ikke lese CSV-filen: {e}"),
            K::EmptyFile => "filen er tom (ingen overskriftsrad med kolonnenavn)".into(),
            K::BadUtf8 { byte } => {
                format!("filen sier den er UTF-8, men byte {byte} er ikke det (filen kan være skadet)")
            }
            K::BadUtf16 => {
                "filen sier den er UTF-16, men er ikke det (filen kan være skadet)".into()
            }
            K::MixedEncodings {
                first_line,
                first_is_utf8: true,
            } => format!("filen blander tegnkodinger: linje {first_line} er UTF-8, men denne linjen er Windows-1252 (eller en annen koding); lagre filen som UTF-8 og importer den igjen"),
            K::MixedEncodings {
                first_line,
                first_is_utf8: false,
            } => format!("filen blander tegnkodinger: linje {first_line} er Windows-1252 (eller en annen koding), men denne linjen er UTF-8; lagre filen som UTF-8 og importer den igjen"),
            K::NotText => "dette er ikke en tekstfil (den inneholder binære data); import leser CSV, XLSX, JSON eller tekst limt inn fra et styringsbrev".into(),
            K::NotASpreadsheet(e) => format!("kan ikke lese den som et regneark (XLSX): {e}"),
            K::NoSuchSheet { wanted, sheets } => format!(
                "ingen ark heter '{wanted}' (arkene er: {})",
                sheets.join(", ")
            ),
            K::NoSheets => "arbeidsboken har ingen ark".into(),
            K::UnpacksTooLarge { limit } => format!(
                "arbeidsboken pakkes ut til mer enn {} MB, som er mer enn et regneark med oppdrag trenger; den leses derfor ikke",
                limit / (1024 * 1024)
            ),
            K::TooManyCells { sheet, limit } => format!(
                "arket '{sheet}' spenner over mer enn {limit} celler, som er mer enn et regneark med oppdrag trenger; det leses derfor ikke"
            ),
            K::UnreadableSheet { sheet, reason } => {
                format!("kan ikke lese arket '{sheet}': {reason}")
            }
            K::EmptySheet(sheet) => {
                format!("arket '{sheet}' er tomt (ingen overskriftsrad med kolonnenavn)")
            }
            K::ExcelError(e) => format!("cellen har en Excel-feil ({e})"),
            K::ValuesWithoutHeader { column } => {
                format!("kolonne {column} har verdier, men ingen overskrift")
            }
            K::DuplicateColumn {
                header,
                first,
                names,
            } => format!(
                "'{header}' betyr det samme som '{first}' (begge {names}); behold én av dem"
            ),
            K::UnknownColumn { header, known } => {
                format!("ukjent kolonne '{header}' (kjente kolonner: {known})")
            }
            K::NoTitleColumn { names } => {
                format!("ingen kolonne for tittelen (en overskrift som heter {names})")
            }
            K::NoSectorColumn { names } => format!(
                "ingen kolonne for sektoren oppdraget er delegert til (en overskrift som heter {names})"
            ),
            K::FieldCount { found, expected } if found < expected => format!(
                "{found} felt der overskriften har {expected} (er filen avkortet, eller mangler et skilletegn?)"
            ),
            K::FieldCount { found, expected } => {
                format!("{found} felt der overskriften har {expected}")
            }
            K::NotAnId(text) => format!("'{text}' er ikke et id (et helt tall over 0)"),
            K::NotAYear(text) => format!("'{text}' er ikke et år (fire sifre)"),
            K::NotADate(text) => {
                format!("'{text}' er ikke en dato (bruk dd.mm.åååå eller åååå-mm-dd)")
            }
            K::EmptyTitle => "tittelen er tom".into(),
            K::TooLong { chars } => format!(
                "{chars} tegn; et felt kan ha høyst {MAX_FIELD_CHARS} tegn (kort teksten ned, eller legg den i et vedlegg)"
            ),
            K::NoSector => "ingen sektor oppgitt".into(),
            K::UnknownStatus(text) => format!(
                "ukjent status '{text}' (bruk Ikke startet, Pågår, Fullført, Utgår eller not-started, in-progress, done, cancelled)"
            ),
            K::UnknownAssessment(text) => format!(
                "ukjent vurdering '{text}' (bruk I rute, Risiko for avvik, Avvik, eller green, yellow, red; tom for ikke vurdert)"
            ),
            K::GoalTableWithoutHeading => "en måltabell uten overskrift for satsingsområdet over seg (skriv satsingsområdets navn på en egen linje over tabellen)".into(),
            K::GoalTableCells(n) => {
                format!("{n} celler der en måltabell har 3 (Hovedmål, Delmål, Ansvar)")
            }
            K::SubGoalWithoutMainGoal => {
                "et delmål uten hovedmål foran seg (første celle i tabellens første rad er tom)"
                    .into()
            }
            K::EmptyGoalRow => "en rad med verken hovedmål eller delmål".into(),
            K::SubGoalWithoutSector(title) => {
                format!("delmålet '{title}' har ingen sektor under Ansvar")
            }
            K::NoTables => "fant ingen måltabell (Hovedmål<TAB>Delmål<TAB>Ansvar) og ingen oppdragstabell (Oppdrag<TAB>Delegert til)".into(),
            K::JsonCutShort => "filen slutter for tidlig (er den avkortet?)".into(),
            K::NotJson(e) => format!("ikke gyldig JSON: {e}"),
            K::NotAnExport(e) => format!("ikke en eksport fra styr: {e}"),
            K::WrongFormat { found, expected } => {
                format!("\"format\" er '{found}', ikke '{expected}'")
            }
            K::NewerSchema { found, known } => format!(
                "den ble eksportert av en nyere styr (skjema {found}, denne kjenner {known}); bruk en nyere styr"
            ),
            K::LogDoesNotReplay(e) => format!("hendelsesloggen kan ikke spilles av: {e}"),
            K::AssignmentTextTooLong { id, rule } => {
                format!("oppdrag {id}: {}", rule.message(lang))
            }
            K::CommentTooLong { event, chars } => format!(
                "kommentaren til hendelse {event} har {chars} tegn; en kommentar kan ha høyst {MAX_FIELD_CHARS} tegn"
            ),
            K::EventIdNotPositive { id, log } => format!(
                "hendelse {id} i {} har en id under 1 (id-er begynner på 1; er filen redigert for hånd?)",
                log_name(*log, lang)
            ),
            K::DuplicateEventId { id, log } => format!(
                "id {id} står to ganger i {}; hver hendelse har sin egen id (er filen redigert for hånd?)",
                log_name(*log, lang)
            ),
            K::EventOutOfOrder { id, after, log } => format!(
                "hendelse {id} står etter hendelse {after} i {}, men id-ene stiger i den rekkefølgen hendelsene skjedde (er filen redigert for hånd?)",
                log_name(*log, lang)
            ),
            K::EventBeforeCreation {
                id,
                assignment,
                created,
            } => format!(
                "hendelse {id} i oppdrag {assignment} er datert før oppdraget ble opprettet (hendelse {created}); er filen redigert for hånd?"
            ),
            K::NoEvents(id) => format!("oppdrag {id} har ingen hendelser"),
            K::DiffersFromEvents(id) => {
                format!("oppdrag {id} avviker fra det hendelsene sier (redigert for hånd?)")
            }
            K::EventsWithoutAssignment(id) => {
                format!("hendelser for oppdrag {id}, som eksporten ikke har")
            }
            K::Catalog(problem) => problem.message(Lang::Nb),
            K::UnknownSector { text, known } => {
                format!("ukjent sektor '{text}' (kjente: {known})")
            }
            K::NotASubGoal(id) => format!("mål {id} er ikke et delmål"),
            K::NoGoal(id) => format!("ingen mål med id {id}"),
            K::UnknownSubGoal(text) => format!(
                "ukjent delmål '{text}' (oppgi koden, f.eks. 1.2.1, eller tittelen slik `styr goals` viser den)"
            ),
            K::AmbiguousSubGoal(text) => {
                format!("'{text}' passer på mer enn ett delmål; oppgi koden")
            }
            K::ParentIsTask(id) => {
                format!("oppdrag {id} er selv en oppgave; oppgaver hører til et oppdrag")
            }
            K::NoParent(id) => {
                format!("ingen oppdrag med id {id}, verken i databasen eller i filen")
            }
            K::OwnParent => "et oppdrag kan ikke være sin egen oppgave".into(),
            K::DuplicateId { id, first } => {
                format!("id {id} står også på {}", location(first, lang))
            }
            K::DuplicateRow { first } => format!(
                "samme oppdrag som {} (samme år, tittel og sektor)",
                location(first, lang)
            ),
            K::SubGoalSectorsDiffer {
                code,
                file,
                database,
            } => format!(
                "delmål {code} har Ansvar {} i filen, men {} i databasen (ikke endret)",
                file.join(", "),
                database.join(", ")
            ),
        },
        Lang::En => match kind {
            K::SheetOnlyForXlsx => "--sheet applies only to an XLSX file".into(),
            K::UnterminatedQuote => {
                "a quoted field starts here and never ends (is the file cut short?)".into()
            }
            K::UnreadableCsv(e) => format!("cannot read the CSV: {e}"),
            K::EmptyFile => "the file is empty (no header row with column names)".into(),
            K::BadUtf8 { byte } => format!(
                "the file says it is UTF-8 but byte {byte} is not (the file may be damaged)"
            ),
            K::BadUtf16 => {
                "the file says it is UTF-16 but is not (the file may be damaged)".into()
            }
            K::MixedEncodings {
                first_line,
                first_is_utf8: true,
            } => format!("the file mixes encodings: line {first_line} is UTF-8 but this line is Windows-1252 (or another encoding); save the file as UTF-8 and import it again"),
            K::MixedEncodings {
                first_line,
                first_is_utf8: false,
            } => format!("the file mixes encodings: line {first_line} is Windows-1252 (or another encoding) but this line is UTF-8; save the file as UTF-8 and import it again"),
            K::NotText => "this is not a text file (it holds binary data); import reads CSV, XLSX, JSON or a styringsbrev paste".into(),
            K::NotASpreadsheet(e) => format!("cannot read it as a spreadsheet (XLSX): {e}"),
            K::NoSuchSheet { wanted, sheets } => format!(
                "no sheet named '{wanted}' (the sheets are: {})",
                sheets.join(", ")
            ),
            K::NoSheets => "the workbook has no sheets".into(),
            K::UnpacksTooLarge { limit } => format!(
                "the workbook unpacks to more than {} MB, more than a sheet of assignments needs, so it was not read",
                limit / (1024 * 1024)
            ),
            K::TooManyCells { sheet, limit } => format!(
                "the sheet '{sheet}' spans more than {limit} cells, more than a sheet of assignments needs, so it was not read"
            ),
            K::UnreadableSheet { sheet, reason } => {
                format!("cannot read sheet '{sheet}': {reason}")
            }
            K::EmptySheet(sheet) => {
                format!("sheet '{sheet}' is empty (no header row with column names)")
            }
            K::ExcelError(e) => format!("the cell holds an Excel error ({e})"),
            K::ValuesWithoutHeader { column } => {
                format!("column {column} has values but no header")
            }
            K::DuplicateColumn {
                header,
                first,
                names,
            } => format!(
                "'{header}' means the same as '{first}' (both {names}); keep one of them"
            ),
            K::UnknownColumn { header, known } => {
                format!("unknown column '{header}' (known columns: {known})")
            }
            K::NoTitleColumn { names } => {
                format!("no column for the title (a header named {names})")
            }
            K::NoSectorColumn { names } => format!(
                "no column for the sector it is delegated to (a header named {names})"
            ),
            K::FieldCount { found, expected } if found < expected => format!(
                "{found} fields where the header has {expected} (is the file cut short, or a separator missing?)"
            ),
            K::FieldCount { found, expected } => {
                format!("{found} fields where the header has {expected}")
            }
            K::NotAnId(text) => format!("'{text}' is not an id (a whole number above 0)"),
            K::NotAYear(text) => format!("'{text}' is not a year (four digits)"),
            K::NotADate(text) => {
                format!("'{text}' is not a date (use dd.mm.yyyy or YYYY-MM-DD)")
            }
            K::EmptyTitle => "the title is empty".into(),
            K::TooLong { chars } => format!(
                "{chars} characters; a field holds at most {MAX_FIELD_CHARS} (shorten the text, or put it in an attachment)"
            ),
            K::NoSector => "no sector given".into(),
            K::UnknownStatus(text) => format!(
                "unknown status '{text}' (use Ikke startet, Pågår, Fullført, Utgår or not-started, in-progress, done, cancelled)"
            ),
            K::UnknownAssessment(text) => format!(
                "unknown assessment '{text}' (use I rute, Risiko for avvik, Avvik, or green, yellow, red; empty for not assessed)"
            ),
            K::GoalTableWithoutHeading => "a goal table with no focus area heading above it (put the focus area's name on its own line above the table)".into(),
            K::GoalTableCells(n) => {
                format!("{n} cells where a goal table has 3 (Hovedmål, Delmål, Ansvar)")
            }
            K::SubGoalWithoutMainGoal => {
                "a sub-goal with no main goal before it (the first cell of the table's first row is empty)"
                    .into()
            }
            K::EmptyGoalRow => "a row with neither main goal nor sub-goal".into(),
            K::SubGoalWithoutSector(title) => {
                format!("the sub-goal '{title}' has no sector under Ansvar")
            }
            K::NoTables => "found no goal table (Hovedmål<TAB>Delmål<TAB>Ansvar) and no assignment table (Oppdrag<TAB>Delegert til)".into(),
            K::JsonCutShort => "the file ends too early (is it cut short?)".into(),
            K::NotJson(e) => format!("not valid JSON: {e}"),
            K::NotAnExport(e) => format!("not a styr export: {e}"),
            K::WrongFormat { found, expected } => {
                format!("\"format\" is '{found}', not '{expected}'")
            }
            K::NewerSchema { found, known } => format!(
                "it was exported by a newer styr (schema {found}, this one knows {known}); use a newer styr"
            ),
            K::LogDoesNotReplay(e) => format!("its event log does not replay: {e}"),
            K::AssignmentTextTooLong { id, rule } => {
                format!("assignment {id}: {}", rule.message(lang))
            }
            K::CommentTooLong { event, chars } => format!(
                "the comment of event {event} has {chars} characters; a comment holds at most {MAX_FIELD_CHARS}"
            ),
            K::EventIdNotPositive { id, log } => format!(
                "event {id} in {} has an id below 1 (ids start at 1; was the file edited by hand?)",
                log_name(*log, lang)
            ),
            K::DuplicateEventId { id, log } => format!(
                "id {id} appears twice in {}; each event has its own id (was the file edited by hand?)",
                log_name(*log, lang)
            ),
            K::EventOutOfOrder { id, after, log } => format!(
                "event {id} comes after event {after} in {}, but ids rise in the order the events happened (was the file edited by hand?)",
                log_name(*log, lang)
            ),
            K::EventBeforeCreation {
                id,
                assignment,
                created,
            } => format!(
                "event {id} of assignment {assignment} is dated before the assignment was created (event {created}); was the file edited by hand?"
            ),
            K::NoEvents(id) => format!("assignment {id} has no events"),
            K::DiffersFromEvents(id) => {
                format!("assignment {id} differs from what its events say (edited by hand?)")
            }
            K::EventsWithoutAssignment(id) => {
                format!("events of assignment {id}, which the export does not hold")
            }
            K::Catalog(problem) => problem.message(Lang::En),
            K::UnknownSector { text, known } => {
                format!("unknown sector '{text}' (known: {known})")
            }
            K::NotASubGoal(id) => format!("goal {id} is not a sub-goal"),
            K::NoGoal(id) => format!("no goal with id {id}"),
            K::UnknownSubGoal(text) => format!(
                "unknown sub-goal '{text}' (give its code, e.g. 1.2.1, or its title as in `styr goals`)"
            ),
            K::AmbiguousSubGoal(text) => {
                format!("'{text}' names more than one sub-goal; give its code")
            }
            K::ParentIsTask(id) => {
                format!("assignment {id} is itself a task; tasks go under an assignment")
            }
            K::NoParent(id) => {
                format!("no assignment with id {id}, in the database or the file")
            }
            K::OwnParent => "an assignment cannot be its own task".into(),
            K::DuplicateId { id, first } => {
                format!("id {id} is also on {}", location(first, lang))
            }
            K::DuplicateRow { first } => format!(
                "the same assignment as {} (same year, title and sector)",
                location(first, lang)
            ),
            K::SubGoalSectorsDiffer {
                code,
                file,
                database,
            } => format!(
                "sub-goal {code} has Ansvar {} in the file but {} in the database (not changed)",
                file.join(", "),
                database.join(", ")
            ),
        },
    }
}

/// The line after the problems: "3 problemer i oppdrag.csv; ingenting ble importert".
pub fn problems_summary(count: usize, file: &str, lang: Lang) -> String {
    match (lang, count) {
        (Lang::Nb, 1) => format!("1 problem i {file}; ingenting ble importert"),
        (Lang::Nb, n) => format!("{n} problemer i {file}; ingenting ble importert"),
        (Lang::En, 1) => format!("1 problem in {file}; nothing was imported"),
        (Lang::En, n) => format!("{n} problems in {file}; nothing was imported"),
    }
}

/// The file could not be read at all.
pub fn cannot_read(path: &str, reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("kan ikke lese {path}: {reason}"),
        Lang::En => format!("cannot read {path}: {reason}"),
    }
}

/// `--year` or `--update` with a JSON export.
pub fn json_takes_no_options(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => {
            "--year og --update gjelder ikke en JSON-eksport, som gjenopprettes i sin helhet"
        }
        Lang::En => "--year and --update do not apply to a JSON export, which is restored whole",
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub goals: usize,
    pub created: usize,
    pub updated: usize,
    pub events: usize,
}

/// "Importert fra oppdrag.csv: 3 oppdrag opprettet (5 hendelser logget)."
pub fn imported(file: &str, counts: Imported, lang: Lang) -> String {
    let mut parts = Vec::new();
    if counts.goals > 0 {
        parts.push(match lang {
            Lang::Nb => format!("{} mål", counts.goals),
            Lang::En => format!("{} goals", counts.goals),
        });
    }
    if counts.created > 0 {
        parts.push(match lang {
            Lang::Nb => format!("{} oppdrag opprettet", counts.created),
            Lang::En => format!("{} assignments created", counts.created),
        });
    }
    if counts.updated > 0 {
        parts.push(match lang {
            Lang::Nb => format!("{} oppdrag endret", counts.updated),
            Lang::En => format!("{} assignments changed", counts.updated),
        });
    }
    let parts = parts.join(", ");
    match lang {
        Lang::Nb => format!(
            "Importert fra {file}: {parts} ({} hendelser logget).",
            counts.events
        ),
        Lang::En => format!(
            "Imported from {file}: {parts} ({} events logged).",
            counts.events
        ),
    }
}

/// After a dry run.
pub fn nothing_written(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Ingenting ble skrevet (--dry-run).",
        Lang::En => "Nothing was written (--dry-run).",
    }
}

/// A file without rows.
pub fn no_rows(file: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("{file} har ingen rader å importere."),
        Lang::En => format!("{file} has no rows to import."),
    }
}

/// Everything in the file is in the database already.
pub fn nothing_to_import(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Ingenting å importere: databasen har alt fra før.",
        Lang::En => "Nothing to import: the database already has all of it.",
    }
}

/// "Ville opprette 26 mål (4 satsingsområder, 6 hovedmål, 16 delmål):".
pub fn creating_goals(
    dry_run: bool,
    total: usize,
    [areas, main, sub]: [usize; 3],
    lang: Lang,
) -> String {
    match (lang, dry_run) {
        (Lang::Nb, true) => format!(
            "Ville opprette {total} mål ({areas} satsingsområder, {main} hovedmål, {sub} delmål):"
        ),
        (Lang::Nb, false) => format!(
            "Oppretter {total} mål ({areas} satsingsområder, {main} hovedmål, {sub} delmål):"
        ),
        (Lang::En, true) => format!(
            "Would create {total} goals ({areas} focus areas, {main} main goals, {sub} sub-goals):"
        ),
        (Lang::En, false) => format!(
            "Creating {total} goals ({areas} focus areas, {main} main goals, {sub} sub-goals):"
        ),
    }
}

/// "26 mål i filen finnes allerede i databasen."
pub fn goals_known(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("{count} mål i filen finnes allerede i databasen."),
        Lang::En => format!("{count} goals in the file are already in the database."),
    }
}

/// "Ville opprette 3 oppdrag:".
pub fn creating_assignments(dry_run: bool, count: usize, lang: Lang) -> String {
    match (lang, dry_run) {
        (Lang::Nb, true) => format!("Ville opprette {count} oppdrag:"),
        (Lang::Nb, false) => format!("Oppretter {count} oppdrag:"),
        (Lang::En, true) => format!("Would create {count} assignments:"),
        (Lang::En, false) => format!("Creating {count} assignments:"),
    }
}

/// " (frist 01.10.2023)" after a new assignment's title.
pub fn due_note(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(" (frist {})", lang.date(date)),
        Lang::En => format!(" (deadline {})", lang.date(date)),
    }
}

/// " (oppgave under #3)" after a new task's title.
pub fn task_note(parent: i64, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(" (oppgave under #{parent})"),
        Lang::En => format!(" (task under #{parent})"),
    }
}

/// "44 rader svarer til oppdrag i databasen og stemmer med dem."
pub fn unchanged(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Nb => {
            format!("{count} rader svarer til oppdrag i databasen og stemmer med dem.")
        }
        Lang::En => {
            format!("{count} rows match assignments already in the database and agree with them.")
        }
    }
}

/// "1 rader avviker fra oppdragene de svarer til (…):", saying whether they are applied.
pub fn differing(count: usize, update: bool, dry_run: bool, lang: Lang) -> String {
    let what = match (lang, update, dry_run) {
        (Lang::Nb, true, true) => "ville blitt endret (--update), hver endring logget",
        (Lang::Nb, true, false) => "endres (--update), hver endring logget",
        (Lang::Nb, false, _) => {
            "endres ikke; kjør igjen med --update for å gjøre dem til loggede endringer"
        }
        (Lang::En, true, true) => "would be changed (--update), each change logged",
        (Lang::En, true, false) => "are changed (--update), each change logged",
        (Lang::En, false, _) => {
            "are not changed; run again with --update to apply them as logged changes"
        }
    };
    match lang {
        Lang::Nb => format!("{count} rader avviker fra oppdragene de svarer til ({what}):"),
        Lang::En => format!("{count} rows differ from the assignments they match ({what}):"),
    }
}

/// "ny kommentar «…»" in a row's differences.
pub fn new_comment(comment: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("ny kommentar «{comment}»"),
        Lang::En => format!("new comment «{comment}»"),
    }
}

/// What a JSON export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DumpCounts {
    pub sectors: usize,
    pub goals: usize,
    pub assignments: usize,
    pub events: usize,
    pub wheel_entries: usize,
}

/// "9 sektorer, 26 mål, 44 oppdrag, 120 hendelser, 20 årshjulpunkter".
pub fn dump_summary(c: DumpCounts, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(
            "{} sektorer, {} mål, {} oppdrag, {} hendelser, {} årshjulpunkter",
            c.sectors, c.goals, c.assignments, c.events, c.wheel_entries
        ),
        Lang::En => format!(
            "{} sectors, {} goals, {} assignments, {} events, {} annual wheel entries",
            c.sectors, c.goals, c.assignments, c.events, c.wheel_entries
        ),
    }
}

/// A dry run of a restore into a new file.
pub fn would_create(path: &str, municipality: &str, summary: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(
            "Ville opprette {path} og gjenopprette {municipality}: {summary}.\n{}",
            nothing_written(lang)
        ),
        Lang::En => format!(
            "Would create {path} and restore {municipality}: {summary}.\n{}",
            nothing_written(lang)
        ),
    }
}

/// A restore into a new file.
pub fn created(path: &str, file: &str, municipality: &str, summary: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("Opprettet {path} fra {file}: {municipality}, {summary}."),
        Lang::En => format!("Created {path} from {file}: {municipality}, {summary}."),
    }
}

/// The database holds the export already.
pub fn already_holds(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("{path} har allerede nøyaktig denne eksporten; ingenting å importere."),
        Lang::En => format!("{path} already holds exactly this export; nothing to import."),
    }
}

/// A restore refused: the database holds other data.
pub fn not_empty(path: &str, goals: i64, assignments: i64, events: i64, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(
            "{path} har allerede {goals} mål, {assignments} oppdrag og {events} hendelser; en JSON-eksport gjenopprettes bare i en tom database (`styr init`, eller en --db-fil som ikke finnes ennå); ingenting ble importert"
        ),
        Lang::En => format!(
            "{path} already holds {goals} goals, {assignments} assignments and {events} events; a JSON export is restored only into an empty database (`styr init`, or a --db file that does not exist yet); nothing was imported"
        ),
    }
}

/// A JSON export given to `import` on a server database: it is restored
/// into a file, which is then moved to the server.
pub fn restore_on_server(lang: Lang) -> String {
    match lang {
        Lang::Nb => "en JSON-eksport gjenopprettes bare i en databasefil (`styr --db FIL import EKSPORT.json`), som så flyttes til serveren med `styr --db FIL migrate --to URL`; ingenting ble importert".to_string(),
        Lang::En => "a JSON export is restored only into a database file (`styr --db FILE import EXPORT.json`), which is then moved to the server with `styr --db FILE migrate --to URL`; nothing was imported".to_string(),
    }
}

/// A dry run of a restore into an empty database.
pub fn would_restore(path: &str, municipality: &str, summary: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!(
            "Ville gjenopprette {municipality} i {path}: {summary} (innstillingene, sektorene og årshjulet erstatter den tomme databasens).\n{}",
            nothing_written(lang)
        ),
        Lang::En => format!(
            "Would restore {municipality} into {path}: {summary} (its settings, sectors and annual wheel replace the empty database's).\n{}",
            nothing_written(lang)
        ),
    }
}

/// A restore into an empty database.
pub fn restored(path: &str, file: &str, municipality: &str, summary: &str, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("Gjenopprettet {municipality} fra {file} i {path}: {summary}."),
        Lang::En => format!("Restored {municipality} from {file} into {path}: {summary}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_date_in_both_languages() {
        let p = Problem::in_column(
            Location::line("oppdrag.csv", 7),
            "Frist",
            ProblemKind::NotADate("31.02.2023".into()),
        );
        assert!(
            problem(&p, Lang::Nb).starts_with("oppdrag.csv:7: Frist: '31.02.2023' er ikke en dato")
        );
        assert!(
            problem(&p, Lang::En).starts_with("oppdrag.csv:7: Frist: '31.02.2023' is not a date")
        );
    }

    #[test]
    fn spreadsheet_places() {
        let cell = Location::Cell {
            file: "plan.xlsx".into(),
            sheet: "Ark1".into(),
            row: 5,
            column: 2,
        };
        assert_eq!(location(&cell, Lang::Nb), "plan.xlsx: Ark1!C5");
        let row = Location::SheetRow {
            file: "plan.xlsx".into(),
            sheet: "Ark1".into(),
            row: 5,
        };
        assert_eq!(location(&row, Lang::Nb), "plan.xlsx: Ark1 rad 5");
        assert_eq!(location(&row, Lang::En), "plan.xlsx: Ark1 row 5");
    }
}
