//! Every text the command line writes for people, in one table per
//! language: [`NB`] (bokmål, the default) and [`EN`] (English).
//!
//! To add a text: a field in [`Texts`] with a value in both tables (the
//! compiler refuses a table that lacks it), or, for a text with values
//! inside, a method with one `match` arm per language. A text that is
//! legitimately the same in both ("Status", "ID") goes in `SAME_IN_BOTH` in
//! the tests below. Words of the domain (statuses, fields, goal levels) come
//! from the domain's `label(lang)`; dates from [`Lang::date`].
//!
//! Machine output (JSON, CSV, `--format json` field names and values) never
//! goes through here: it is the same in every language.

pub use crate::domain::Lang;

/// The command line's texts in one language.
#[derive(Debug)]
pub struct Texts {
    pub lang: Lang,

    // Column headings of the assignment list (`list`).
    pub column_id: &'static str,
    pub column_status: &'static str,
    pub column_assessment: &'static str,
    pub column_assignment: &'static str,
    pub column_sector: &'static str,
    pub column_due: &'static str,
    pub column_overdue: &'static str,
    pub column_owner: &'static str,

    // Column headings of `log`.
    pub column_event: &'static str,
    pub column_time: &'static str,
    pub column_who: &'static str,
    pub column_change: &'static str,
    pub column_period: &'static str,
    /// What a catalog event concerns (`log --goals`/`--wheel`).
    pub column_what: &'static str,

    // Column headings, marks and legend of `wheel` and `wheel list`.
    pub column_from: &'static str,
    pub column_to: &'static str,
    pub column_kind: &'static str,
    pub column_title: &'static str,
    pub column_tags: &'static str,

    // `periods`.
    pub column_name: &'static str,
    pub column_report_due: &'static str,
    /// After the period being reported on now.
    pub reported_now: &'static str,

    /// After a yes/no question; no is the default.
    pub yes_no: &'static str,

    // `import`.
    pub nothing_written_dry_run: &'static str,
    pub nothing_to_import: &'static str,
    /// After the current month's name.
    pub this_month: &'static str,
    /// After a late deadline in the month list.
    pub late_mark: &'static str,
    pub wheel_legend: &'static str,
    pub wheel_deadline_legend: &'static str,

    // Column headings and marks of `goals`.
    pub column_goal: &'static str,
    pub column_responsible: &'static str,
    pub no_assignment_mark: &'static str,
    /// After a retired goal in `goals --all`.
    pub retired_mark: &'static str,

    // `show`: headings and field labels.
    pub kind_assignment: &'static str,
    pub kind_task: &'static str,
    pub under_assignment: &'static str,
    pub label_status: &'static str,
    pub label_assessment: &'static str,
    pub label_lead_sector: &'static str,
    pub label_sectors: &'static str,
    pub label_owner: &'static str,
    pub label_due: &'static str,
    pub label_expected_done: &'static str,
    pub label_source: &'static str,
    pub label_year: &'static str,
    pub label_version: &'static str,
    pub label_goal: &'static str,
    pub no_thread: &'static str,
    pub heading_thread: &'static str,
    pub heading_description: &'static str,
    pub heading_tasks: &'static str,
    pub heading_history: &'static str,
    /// Before a task's deadline in `show`.
    pub due_word: &'static str,
    /// A task with no deadline, a field with no value.
    pub none: &'static str,

    // The database-choice prompt of a bare `styr` with no database.
    pub offer_demo: &'static str,
    pub offer_new: &'static str,
    pub offer_quit: &'static str,
    pub offer_choice: &'static str,
    pub ask_kommune: &'static str,
}

/// Bokmål, the default.
pub const NB: Texts = Texts {
    lang: Lang::Nb,
    column_id: "ID",
    column_status: "Status",
    column_assessment: "Vurdering",
    column_assignment: "Oppdrag",
    column_sector: "Sektor",
    column_due: "Frist",
    column_overdue: "Forfalt",
    column_owner: "Ansvarlig",
    column_event: "Hendelse",
    column_time: "Tid",
    column_who: "Hvem",
    column_change: "Endring",
    column_period: "Periode",
    column_what: "Hva",
    column_from: "Fra",
    column_to: "Til",
    column_kind: "Type",
    column_title: "Tittel",
    column_tags: "Merker",
    column_name: "Navn",
    column_report_due: "Rapportfrist",
    reported_now: "← rapporteres nå",
    yes_no: "[j/N] ",
    nothing_written_dry_run: "Ingenting ble skrevet (--dry-run).",
    nothing_to_import: "Ingenting å importere: databasen har alt fra før.",
    this_month: "  ◀ i dag",
    late_mark: " · forfalt",
    wheel_legend: "A administrativ · P politisk",
    wheel_deadline_legend: " · • frist · ! forfalt",
    column_goal: "Mål",
    column_responsible: "Ansvar",
    no_assignment_mark: "⚠ ingen oppdrag",
    retired_mark: "utgått",
    kind_assignment: "Oppdrag",
    kind_task: "Oppgave",
    under_assignment: "under oppdrag",
    label_status: "Status",
    label_assessment: "Vurdering",
    label_lead_sector: "Delegert til",
    label_sectors: "Delansvar",
    label_owner: "Ansvarlig",
    label_due: "Frist",
    label_expected_done: "Forventet ferdig",
    label_source: "Kilde",
    label_year: "År",
    label_version: "Versjon",
    label_goal: "Mål",
    no_thread: "ikke knyttet til et delmål",
    heading_thread: "Mål (rød tråd):",
    heading_description: "Beskrivelse:",
    heading_tasks: "Oppgaver:",
    heading_history: "Historikk (nyeste først):",
    due_word: "frist",
    none: "–",
    offer_demo: "  d  åpne demoen Lørenskog 2023 i en egen fil, demo.db (oppfølgingsdata er illustrasjoner; databasen over lages ikke)",
    offer_new: "  n  lag en ny, tom database",
    offer_quit: "  q  avslutt",
    offer_choice: "Valg [d/n/q]: ",
    ask_kommune: "Kommune: ",
};

/// English.
pub const EN: Texts = Texts {
    lang: Lang::En,
    column_id: "ID",
    column_status: "Status",
    column_assessment: "Assessment",
    column_assignment: "Assignment",
    column_sector: "Sector",
    column_due: "Deadline",
    column_overdue: "Overdue",
    column_owner: "Owner",
    column_event: "Event",
    column_time: "Time",
    column_who: "Who",
    column_change: "Change",
    column_period: "Period",
    column_what: "What",
    column_from: "From",
    column_to: "To",
    column_kind: "Kind",
    column_title: "Title",
    column_tags: "Tags",
    column_name: "Name",
    column_report_due: "Report due",
    reported_now: "← being reported on now",
    yes_no: "[y/N] ",
    nothing_written_dry_run: "Nothing was written (--dry-run).",
    nothing_to_import: "Nothing to import: the database already has all of it.",
    this_month: "  ◀ today",
    late_mark: " · overdue",
    wheel_legend: "A administrative · P political",
    wheel_deadline_legend: " · • deadline · ! overdue",
    column_goal: "Goal",
    column_responsible: "Responsible",
    no_assignment_mark: "⚠ no assignment",
    retired_mark: "retired",
    kind_assignment: "Assignment",
    kind_task: "Task",
    under_assignment: "under assignment",
    label_status: "Status",
    label_assessment: "Assessment",
    label_lead_sector: "Lead sector",
    label_sectors: "Contributing",
    label_owner: "Owner",
    label_due: "Deadline",
    label_expected_done: "Expected done",
    label_source: "Source",
    label_year: "Year",
    label_version: "Version",
    label_goal: "Goal",
    no_thread: "not linked to a sub-goal",
    heading_thread: "Goals (red thread):",
    heading_description: "Description:",
    heading_tasks: "Tasks:",
    heading_history: "History (newest first):",
    due_word: "deadline",
    none: "–",
    offer_demo: "  d  open the Lørenskog 2023 demo in a file of its own, demo.db (illustrative follow-up data; the database above is not created)",
    offer_new: "  n  create a new, empty database",
    offer_quit: "  q  quit",
    offer_choice: "Choice [d/n/q]: ",
    ask_kommune: "Municipality (kommune): ",
};

/// The headers and sheet names of a spreadsheet of assignments
/// (`export --format xlsx`, `list --format xlsx`, `export --format csv
/// --excel`): each header is one `styr import` reads back.
#[derive(Debug)]
pub struct SheetWords {
    pub sheet_assignments: &'static str,
    pub sheet_tasks: &'static str,
    pub id: &'static str,
    pub parent: &'static str,
    pub year: &'static str,
    /// The title column on the sheet of assignments.
    pub title_assignment: &'static str,
    /// The title column on the sheet of tasks.
    pub title_task: &'static str,
    pub description: &'static str,
    pub lead_sector: &'static str,
    pub sectors: &'static str,
    pub goal: &'static str,
    pub source: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub status: &'static str,
    pub assessment: &'static str,
    pub expected_done: &'static str,
}

/// Spreadsheet words in bokmål.
pub const SHEET_NB: SheetWords = SheetWords {
    sheet_assignments: "Oppdrag",
    sheet_tasks: "Oppgaver",
    id: "Nr",
    parent: "Hører til",
    year: "År",
    title_assignment: "Oppdrag",
    title_task: "Oppgave",
    description: "Beskrivelse",
    lead_sector: "Delegert til",
    sectors: "Delansvar",
    goal: "Delmål",
    source: "Kilde",
    owner: "Ansvarlig",
    due: "Frist",
    status: "Status",
    assessment: "Vurdering",
    expected_done: "Forventet ferdig",
};

/// Spreadsheet words in English.
pub const SHEET_EN: SheetWords = SheetWords {
    sheet_assignments: "Assignments",
    sheet_tasks: "Tasks",
    id: "Id",
    parent: "Parent id",
    year: "Year",
    title_assignment: "Title",
    title_task: "Title",
    description: "Description",
    lead_sector: "Lead sector",
    sectors: "Contributing sectors",
    goal: "Goal",
    source: "Source",
    owner: "Owner",
    due: "Deadline",
    status: "Status",
    assessment: "Assessment",
    expected_done: "Expected done",
};

/// The spreadsheet words of a language.
pub fn sheet_words(lang: Lang) -> &'static SheetWords {
    match lang {
        Lang::Nb => &SHEET_NB,
        Lang::En => &SHEET_EN,
    }
}

/// The table of a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

impl Texts {
    /// Under `list`: how many, how many late, as of when.
    pub fn list_summary(
        &self,
        assignments: usize,
        tasks: usize,
        overdue: usize,
        today: &str,
    ) -> String {
        match self.lang {
            Lang::Nb => {
                let tasks = if tasks > 0 {
                    format!(" og {tasks} oppgaver")
                } else {
                    String::new()
                };
                format!("{assignments} oppdrag{tasks}, {overdue} forfalt per {today}")
            }
            Lang::En => {
                let tasks = match tasks {
                    0 => String::new(),
                    1 => " and 1 task".into(),
                    n => format!(" and {n} tasks"),
                };
                let noun = if assignments == 1 {
                    "assignment"
                } else {
                    "assignments"
                };
                format!("{assignments} {noun}{tasks}, {overdue} overdue as of {today}")
            }
        }
    }

    /// `show`'s deadline of a late assignment.
    pub fn due_overdue(&self, date: &str, days: i64) -> String {
        match self.lang {
            Lang::Nb => format!("{date} (forfalt, {days} dager)"),
            Lang::En => format!("{date} (overdue, {days} days)"),
        }
    }

    /// After a late task in `show`.
    pub fn task_overdue(&self, days: i64) -> String {
        match self.lang {
            Lang::Nb => format!(", forfalt {days} d"),
            Lang::En => format!(", {days} d overdue"),
        }
    }

    /// The overdue column of a list: days late.
    pub fn days(&self, days: i64) -> String {
        format!("{days} d")
    }

    /// Under `goals`: delmål that no assignment serves.
    pub fn unserved_goals(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{count} delmål uten oppdrag (brudd i den røde tråden)"),
            Lang::En => {
                format!("{count} sub-goal(s) without an assignment (a break in the red thread)")
            }
        }
    }

    /// After `add`.
    pub fn created(&self, task: bool, id: i64, title: &str) -> String {
        match (self.lang, task) {
            (Lang::Nb, false) => format!("Opprettet oppdrag #{id}: {title}"),
            (Lang::Nb, true) => format!("Opprettet oppgave #{id}: {title}"),
            (Lang::En, false) => format!("Created assignment #{id}: {title}"),
            (Lang::En, true) => format!("Created task #{id}: {title}"),
        }
    }

    /// After `set` or `undo` that wrote nothing.
    pub fn nothing_changed(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("Ingenting endret: #{id} har allerede disse verdiene."),
            Lang::En => format!("Nothing changed: #{id} already has those values."),
        }
    }

    /// After `set` or `undo` that wrote: the events follow, one a line.
    pub fn saved(&self, id: i64, version: i64, title: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Lagret #{id} (versjon {version}): {title}"),
            Lang::En => format!("Saved #{id} (version {version}): {title}"),
        }
    }

    /// Before the list of changes an undo passed over.
    pub fn skipped(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::Nb, 1) => "Hoppet over 1 nyere endring som ikke kan angres:".into(),
            (Lang::Nb, n) => format!("Hoppet over {n} nyere endringer som ikke kan angres:"),
            (Lang::En, 1) => "Skipped 1 newer change that cannot be undone:".into(),
            (Lang::En, n) => format!("Skipped {n} newer changes that cannot be undone:"),
        }
    }

    /// One passed-over change: which event, on what, what it did and why.
    pub fn skipped_event(&self, event: i64, assignment: i64, what: &str, why: &str) -> String {
        match self.lang {
            Lang::Nb => format!("hendelse {event} på #{assignment} ({what}): {why}"),
            Lang::En => format!("event {event} on #{assignment} ({what}): {why}"),
        }
    }

    /// A passed-over catalog change: its event, the item and change, why.
    pub fn skipped_catalog_event(&self, event: i64, what: &str, why: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kataloghendelse {event} ({what}): {why}"),
            Lang::En => format!("catalog event {event} ({what}): {why}"),
        }
    }

    /// What an undo of a catalog change took back, one line per event.
    pub fn undone_catalog(&self, what: &str) -> String {
        match self.lang {
            Lang::Nb => format!("angret: {what}"),
            Lang::En => format!("undone: {what}"),
        }
    }

    /// After a list cut short.
    pub fn and_more(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!("… og {count} til"),
            Lang::En => format!("… and {count} more"),
        }
    }

    /// `doctor` when all is well.
    pub fn doctor_ok(
        &self,
        assignments: usize,
        events: usize,
        catalog_items: usize,
        catalog_events: usize,
        read_only: bool,
    ) -> String {
        match self.lang {
            Lang::Nb => format!(
                "ok: {assignments} oppdrag stemmer med {events} hendelser spilt av på nytt, {catalog_items} mål, årshjulpunkter, vedtak, organer og rapportperioder med {catalog_events} kataloghendelser; integritetssjekken besto{}",
                if read_only { " (skrivebeskyttet)" } else { "" }
            ),
            Lang::En => format!(
                "ok: {assignments} assignments agree with {events} events replayed, {catalog_items} goals, annual wheel entries, political decisions, bodies and reporting periods with {catalog_events} catalog events; integrity check passed{}",
                if read_only { " (read-only)" } else { "" }
            ),
        }
    }

    /// `doctor` on a server database that passed: no SQLite integrity
    /// check there, the server's log guards checked instead.
    pub fn doctor_ok_server(
        &self,
        assignments: usize,
        events: usize,
        catalog_items: usize,
        catalog_events: usize,
        read_only: bool,
    ) -> String {
        match self.lang {
            Lang::Nb => format!(
                "ok: {assignments} oppdrag stemmer med {events} hendelser spilt av på nytt, {catalog_items} mål, årshjulpunkter, vedtak, organer og rapportperioder med {catalog_events} kataloghendelser; hashkjedene holder og serverens loggvern er på plass{}",
                if read_only { " (skrivebeskyttet)" } else { "" }
            ),
            Lang::En => format!(
                "ok: {assignments} assignments agree with {events} events replayed, {catalog_items} goals, annual wheel entries, political decisions, bodies and reporting periods with {catalog_events} catalog events; the hash chains hold and the server's log guards are in place{}",
                if read_only { " (read-only)" } else { "" }
            ),
        }
    }

    /// `doctor` on a server that may lose a change reported as saved;
    /// `settings` names the settings that are off (`fsync = off`).
    pub fn server_not_durable(&self, settings: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "advarsel: serveren kjører med {settings}: en endring som er meldt lagret kan gå tapt hvis servermaskinen stopper (be den som drifter serveren slå det på)"
            ),
            Lang::En => format!(
                "warning: the server runs with {settings}: a change reported as saved can be lost if the server's machine stops (ask whoever runs the server to turn it on)"
            ),
        }
    }

    /// After `init`.
    pub fn initialized(&self, path: &str, kommune: &str, year: i32) -> String {
        match self.lang {
            Lang::Nb => {
                format!("Opprettet {path} for {kommune} {year} med standard sektorer og årshjul.")
            }
            Lang::En => {
                format!("Created {path} for {kommune} {year} with the default sectors and årshjul.")
            }
        }
    }

    /// After `demo`.
    pub fn demo_created(&self, path: &str, kommune: &str, year: i32, assignments: usize) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Opprettet {path} med demoen {kommune} {year}: {assignments} oppdrag (oppfølgingsdataene er illustrasjoner)."
            ),
            Lang::En => format!(
                "Created {path} with the {kommune} {year} demo: {assignments} assignments (follow-up data is illustrative)."
            ),
        }
    }

    /// After `config init`.
    pub fn config_written(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => {
                format!("Skrev {path}: alle innstillinger med standardverdi, kommentert ut.")
            }
            Lang::En => format!("Wrote {path}: every option with its default, commented out."),
        }
    }

    // Errors of the commands themselves; the store's and the domain's
    // errors carry their own words (`StoreError::message`).

    /// `add --year` with `--parent`.
    pub fn year_with_parent(&self) -> String {
        match self.lang {
            Lang::Nb => "--year kan ikke gis med --parent: en oppgave har oppdragets planår".into(),
            Lang::En => {
                "--year cannot be given with --parent: a task has its assignment's plan year".into()
            }
        }
    }

    /// `add` without `--sector` or `--parent`.
    pub fn sector_required(&self) -> String {
        match self.lang {
            Lang::Nb => "--sector må oppgis for et oppdrag (en oppgave får oppdragets)".into(),
            Lang::En => {
                "--sector is required for an assignment (a task takes its assignment's)".into()
            }
        }
    }

    /// A plan year that is not four digits.
    pub fn invalid_year(&self, year: i32) -> String {
        match self.lang {
            Lang::Nb => format!("ugyldig planår {year} (bruk fire sifre, f.eks. 2024)"),
            Lang::En => format!("invalid plan year {year} (use four digits, e.g. 2024)"),
        }
    }

    /// `set` with nothing to set.
    pub fn nothing_to_set(&self) -> String {
        let flags = "--status, --assessment, --due, --owner, --title, --description, --sector, --sectors, --goal, --expected-done";
        match self.lang {
            Lang::Nb => format!("ingenting å endre: gi minst én av {flags} eller --comment"),
            Lang::En => format!("nothing to set: give at least one of {flags} or --comment"),
        }
    }

    /// `list --goal` with an id that is no goal.
    pub fn no_goal(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("det finnes ikke noe mål med id {id} (se `styr goals`)"),
            Lang::En => format!("no goal with id {id} (see `styr goals`)"),
        }
    }

    /// A change asked of a database opened read-only.
    pub fn read_only(&self, path: &str, reason: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{path} kan bare leses ({reason}); ingenting ble endret"),
            Lang::En => format!("{path} can only be read ({reason}); nothing was changed"),
        }
    }

    /// `--demo` with a command.
    pub fn demo_flag_with_command(&self) -> String {
        match self.lang {
            Lang::Nb => {
                "--demo åpner terminalgrensesnittet; en demodatabase som fil lager `styr demo`"
                    .into()
            }
            Lang::En => {
                "--demo opens the terminal UI; for a demo database file use `styr demo`".into()
            }
        }
    }

    /// `init --kommune ""`.
    pub fn kommune_empty(&self) -> String {
        match self.lang {
            Lang::Nb => "--kommune kan ikke være tom".into(),
            Lang::En => "--kommune must not be empty".into(),
        }
    }

    /// `init` over an existing file.
    pub fn init_never_replaces(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{path} finnes allerede; `styr init` erstatter aldri en database"),
            Lang::En => format!("{path} already exists; `styr init` never replaces a database"),
        }
    }

    /// `demo --force` over a file that is not a styr database.
    pub fn force_only_styr(&self, why: &str) -> String {
        match self.lang {
            Lang::Nb => {
                format!("{why}; --force erstatter bare en styr-database, så filen ble latt være")
            }
            Lang::En => {
                format!("{why}; --force replaces only a styr database, so it was left as it is")
            }
        }
    }

    /// An answer to the plan-year question that is no year.
    /// The first-run prompt given no municipality name: asked again.
    pub fn kommune_needed(&self) -> String {
        match self.lang {
            Lang::Nb => "Skriv kommunens navn.".into(),
            Lang::En => "Type the municipality's name.".into(),
        }
    }

    pub fn not_a_year(&self, answer: &str) -> String {
        match self.lang {
            Lang::Nb => format!("'{answer}' er ikke et årstall"),
            Lang::En => format!("'{answer}' is not a year"),
        }
    }

    /// A bare `styr` on a missing database, not on a terminal.
    pub fn no_database(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "ingen database i {path} (lag en med `styr init --kommune NAVN --year ÅÅÅÅ` eller `styr demo`)"
            ),
            Lang::En => format!(
                "no database at {path} (create one with `styr init --kommune NAME --year YYYY` or `styr demo`)"
            ),
        }
    }

    /// `doctor` found problems.
    pub fn doctor_problems(&self, count: usize, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "{count} problem(er) i {path}: lagret tilstand og hendelsesloggen er uenige, eller filen er skadet"
            ),
            Lang::En => format!(
                "{count} problem(s) in {path}: the stored state and the event log disagree or the file is damaged"
            ),
        }
    }

    /// After writing a file (`brief --output`).
    /// A file could not be written (the reason follows).
    pub fn cannot_write(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke skrive {path}"),
            Lang::En => format!("cannot write {path}"),
        }
    }

    /// `--format xlsx` with the workbook bound for a terminal.
    pub fn xlsx_not_to_terminal(&self) -> String {
        match self.lang {
            Lang::Nb => "en arbeidsbok skrives ikke til terminalen; gi en fil med -o FIL.xlsx (ingenting ble skrevet)".to_string(),
            Lang::En => "a workbook is not written to the terminal; give a file with -o FILE.xlsx (nothing was written)".to_string(),
        }
    }

    /// `--excel` with another format than CSV.
    pub fn excel_only_with_csv(&self) -> String {
        match self.lang {
            Lang::Nb => "--excel gjelder bare --format csv (ingenting ble skrevet)".to_string(),
            Lang::En => "--excel applies only to --format csv (nothing was written)".to_string(),
        }
    }

    /// The workbook could not be made (the reason follows).
    pub fn cannot_make_workbook(&self, reason: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke lage arbeidsboken: {reason} (ingenting ble skrevet)"),
            Lang::En => format!("cannot make the workbook: {reason} (nothing was written)"),
        }
    }

    pub fn wrote_file(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("skrev {path}"),
            Lang::En => format!("wrote {path}"),
        }
    }

    /// `list --missing-report` before any period has ended.
    pub fn no_period_ended(&self, today: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Ingen rapporteringsperiode er avsluttet per {today}."),
            Lang::En => format!("No reporting period has ended as of {today}."),
        }
    }

    /// `report` without `--period` before any period has ended.
    pub fn no_period_to_report(&self, today: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Ingen rapporteringsperiode er avsluttet per {today}; oppgi en med --period (f.eks. --period T1)"
            ),
            Lang::En => format!(
                "No reporting period has ended as of {today}; name one with --period (e.g. --period T1)"
            ),
        }
    }

    /// `list --missing-report` before the period's report deadline.
    pub fn report_not_due(&self, id: &str, label: &str, due: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{id} ({label}): rapportfristen {due} er ikke passert ennå."),
            Lang::En => format!("{id} ({label}): the report deadline {due} has not passed yet."),
        }
    }

    /// Under `list --missing-report`: how many lack a report.
    pub fn missing_reports(
        &self,
        count: usize,
        id: &str,
        label: &str,
        due: &str,
        today: &str,
    ) -> String {
        match self.lang {
            Lang::Nb => format!(
                "{count} oppdrag mangler rapport for {id} ({label}, frist {due}) per {today}"
            ),
            Lang::En => format!(
                "{count} assignments lack a report for {id} ({label}, due {due}) as of {today}"
            ),
        }
    }

    /// A bare `styr` finds no database.
    pub fn no_database_at(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Det finnes ingen database i {path}."),
            Lang::En => format!("There is no database at {path}."),
        }
    }

    /// The plan-year question, with the current year as default.
    pub fn ask_year(&self, year: i32) -> String {
        match self.lang {
            Lang::Nb => format!("Planår [{year}]: "),
            Lang::En => format!("Plan year [{year}]: "),
        }
    }

    /// An answer to the database-choice prompt that is not offered.
    pub fn not_a_choice(&self, answer: &str) -> String {
        match self.lang {
            Lang::Nb => format!("'{answer}' er ikke en av d, n, q."),
            Lang::En => format!("'{answer}' is not one of d, n, q."),
        }
    }
}

/// What a `goal` command did to a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalVerb {
    Added,
    Saved,
    Moved,
    Retired,
    TookBack,
}

/// What a `wheel` command did to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WheelVerb {
    Added,
    Saved,
    Deleted,
}

/// What `log --goals` or `log --wheel` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogEntity {
    Goal,
    Wheel,
    Either,
}

impl Texts {
    /// `goal` with a code that is no goal's.
    pub fn no_goal_code(&self, code: &str) -> String {
        match self.lang {
            Lang::Nb => format!("det finnes ikke noe mål med kode '{code}' (se `styr goals`)"),
            Lang::En => format!("no goal with code '{code}' (see `styr goals`)"),
        }
    }

    /// `goal edit` with nothing to change.
    pub fn goal_nothing_to_change(&self) -> String {
        match self.lang {
            Lang::Nb => "ingenting å endre: gi minst én av --title, --code eller --sectors".into(),
            Lang::En => {
                "nothing to change: give at least one of --title, --code or --sectors".into()
            }
        }
    }

    /// `goal link` to a goal above the delmål level.
    pub fn link_needs_sub_goal(&self, id: i64, code: &str, kind: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "mål {id} ({code}) er et {kind}; oppdrag knyttes til et delmål, så ingenting ble endret"
            ),
            Lang::En => format!(
                "goal {id} ({code}) is a {kind}; assignments link to a sub-goal, so nothing was changed"
            ),
        }
    }

    /// `goal unlink` of an assignment linked elsewhere.
    pub fn not_linked(&self, assignment: i64, goal: i64, code: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "oppdrag {assignment} er ikke knyttet til mål {goal} ({code}); ingenting ble endret"
            ),
            Lang::En => format!(
                "assignment {assignment} is not linked to goal {goal} ({code}); nothing was changed"
            ),
        }
    }

    /// A goal command that wrote nothing.
    pub fn goal_nothing_changed(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("Ingenting endret: mål {id} har allerede disse verdiene."),
            Lang::En => format!("Nothing changed: goal {id} already has those values."),
        }
    }

    /// After a goal command that wrote: the events follow, one a line.
    pub fn goal_changed(
        &self,
        verb: GoalVerb,
        id: i64,
        kind: &str,
        code: &str,
        title: &str,
    ) -> String {
        match self.lang {
            Lang::Nb => {
                let verb = match verb {
                    GoalVerb::Added => "La til",
                    GoalVerb::Saved => "Lagret",
                    GoalVerb::Moved => "Flyttet",
                    GoalVerb::Retired => "Tok ut",
                    GoalVerb::TookBack => "Tok inn igjen",
                };
                format!("{verb} mål {id} ({kind} {code}): {title}")
            }
            Lang::En => {
                let verb = match verb {
                    GoalVerb::Added => "Added",
                    GoalVerb::Saved => "Saved",
                    GoalVerb::Moved => "Moved",
                    GoalVerb::Retired => "Retired",
                    GoalVerb::TookBack => "Took back",
                };
                format!("{verb} goal {id} ({kind} {code}): {title}")
            }
        }
    }

    /// Before an event on another goal than the one named (a child moved along).
    pub fn other_goal(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("mål {id}: "),
            Lang::En => format!("goal {id}: "),
        }
    }
}

impl Texts {
    /// `log --goals`/`--wheel --id` with an id that has no history.
    pub fn no_catalog_item(&self, which: CatalogEntity, id: i64) -> String {
        match (self.lang, which) {
            (Lang::Nb, CatalogEntity::Goal) => format!("det finnes ikke noe mål med id {id}"),
            (Lang::Nb, CatalogEntity::Wheel) => {
                format!("det finnes ikke noe årshjulpunkt med id {id}")
            }
            (Lang::Nb, CatalogEntity::Either) => {
                format!("det finnes ikke noe mål eller årshjulpunkt med id {id}")
            }
            (Lang::En, CatalogEntity::Goal) => format!("no goal with id {id}"),
            (Lang::En, CatalogEntity::Wheel) => format!("no annual wheel entry with id {id}"),
            (Lang::En, CatalogEntity::Either) => {
                format!("no goal or annual wheel entry with id {id}")
            }
        }
    }

    /// `wheel add` or `edit` with a kind that is neither.
    pub fn unknown_wheel_kind(&self, text: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "ukjent type '{text}' (bruk administrativ eller politisk; administrative, political)"
            ),
            Lang::En => format!(
                "unknown kind '{text}' (use administrative or political; administrativ, politisk)"
            ),
        }
    }

    /// `wheel add` without a day.
    pub fn wheel_needs_dates(&self) -> String {
        match self.lang {
            Lang::Nb => "gi dagen med --date, eller et tidsrom med --from og --to".into(),
            Lang::En => "give the day with --date, or a range with --from and --to".into(),
        }
    }

    /// `wheel edit` with nothing to change.
    pub fn wheel_nothing_to_change(&self) -> String {
        let flags = "--date, --from, --to, --title, --kind, --sector, --note";
        match self.lang {
            Lang::Nb => format!("ingenting å endre: gi minst én av {flags} eller --tag"),
            Lang::En => format!("nothing to change: give at least one of {flags} or --tag"),
        }
    }

    /// A wheel command that wrote nothing.
    pub fn wheel_nothing_changed(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => {
                format!("Ingenting endret: årshjulpunkt #{id} har allerede disse verdiene.")
            }
            Lang::En => {
                format!("Nothing changed: annual wheel entry #{id} already has those values.")
            }
        }
    }

    /// After a wheel command that wrote.
    pub fn wheel_changed(&self, verb: WheelVerb, id: i64, summary: &str) -> String {
        match (self.lang, verb) {
            (Lang::Nb, WheelVerb::Added) => format!("La til årshjulpunkt #{id}: {summary}"),
            (Lang::Nb, WheelVerb::Saved) => format!("Lagret årshjulpunkt #{id}: {summary}"),
            (Lang::Nb, WheelVerb::Deleted) => {
                format!("Slettet årshjulpunkt #{id}: {summary} (loggen tar vare på det)")
            }
            (Lang::En, WheelVerb::Added) => format!("Added annual wheel entry #{id}: {summary}"),
            (Lang::En, WheelVerb::Saved) => format!("Saved annual wheel entry #{id}: {summary}"),
            (Lang::En, WheelVerb::Deleted) => {
                format!("Deleted annual wheel entry #{id}: {summary} (the log keeps it)")
            }
        }
    }

    /// Above the month list of `wheel`.
    pub fn wheel_heading(&self, year: i32, municipality: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Årshjul {year} · {municipality}"),
            Lang::En => format!("Annual wheel {year} · {municipality}"),
        }
    }
}

impl Texts {
    /// `year new Y --from Y`.
    pub fn same_year(&self, year: i32) -> String {
        match self.lang {
            Lang::Nb => format!("det nye året og --from er begge {year}"),
            Lang::En => format!("the new year and --from are both {year}"),
        }
    }

    /// `year new` from a year with nothing in it.
    pub fn nothing_to_copy(&self, year: i32) -> String {
        match self.lang {
            Lang::Nb => format!("{year} har ingen årshjulpunkter eller perioder å kopiere"),
            Lang::En => format!("{year} has no annual wheel entries or periods to copy"),
        }
    }

    /// `year new` to a year already started.
    pub fn year_taken(&self, year: i32, entries: usize, periods: usize) -> String {
        match self.lang {
            Lang::Nb => format!(
                "{year} har allerede {entries} årshjulpunkter og {periods} perioder; ingenting ble kopiert"
            ),
            Lang::En => format!(
                "{year} already has {entries} annual wheel entries and {periods} periods; nothing was copied"
            ),
        }
    }

    /// The comment logged on an årshjul entry copied into a new year.
    pub fn copied_from(&self, year: i32) -> String {
        match self.lang {
            Lang::Nb => format!("Kopiert fra {year}"),
            Lang::En => format!("Copied from {year}"),
        }
    }

    /// The comment logged on an assignment carried into a new year.
    pub fn carried_from(&self, id: i64, year: i32) -> String {
        match self.lang {
            Lang::Nb => format!("Overført fra #{id} ({year})"),
            Lang::En => format!("Carried over from #{id} ({year})"),
        }
    }

    /// The comment logged on the assignment left behind.
    pub fn carried_to(&self, year: i32, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("Overført til {year} som #{id}"),
            Lang::En => format!("Carried over to {year} as #{id}"),
        }
    }

    /// After `year new`.
    pub fn year_started(
        &self,
        year: i32,
        from: i32,
        entries: usize,
        periods: usize,
        carried: usize,
    ) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Startet {year} fra {from}: {entries} årshjulpunkter og {periods} perioder kopiert, {carried} oppdrag overført."
            ),
            Lang::En => format!(
                "Started {year} from {from}: {entries} annual wheel entries and {periods} periods copied, {carried} assignments carried over."
            ),
        }
    }

    /// `report` with nothing in it.
    pub fn empty_report(&self) -> String {
        let flags = "--status, --assessment, --expected-done";
        match self.lang {
            Lang::Nb => format!("en tom rapport: gi minst én av {flags} eller --comment"),
            Lang::En => format!("an empty report: give at least one of {flags} or --comment"),
        }
    }

    /// `backup` to a file that exists.
    pub fn backup_exists(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "{path} finnes allerede; en sikkerhetskopi erstatter aldri en fil, så gi et nytt navn"
            ),
            Lang::En => format!(
                "{path} already exists; a backup never replaces a file, so give a new name"
            ),
        }
    }

    /// A backup that does not pass `doctor`.
    pub fn backup_fails_doctor(&self, path: &str, problem: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "sikkerhetskopien i {path} består ikke `styr doctor` ({problem}); selve databasen kan være skadet: kjør `styr doctor`"
            ),
            Lang::En => format!(
                "the backup at {path} fails `styr doctor` ({problem}); the database itself may be damaged: run `styr doctor`"
            ),
        }
    }

    /// How much a database holds.
    pub fn contents(&self, assignments: usize, events: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{assignments} oppdrag, {events} hendelser"),
            Lang::En => format!("{assignments} assignments, {events} events"),
        }
    }

    /// After `backup`.
    pub fn backed_up(&self, db: &str, path: &str, assignments: usize, events: usize) -> String {
        let contents = self.contents(assignments, events);
        match self.lang {
            Lang::Nb => format!("Sikkerhetskopierte {db} til {path}: {contents}; doctor: ok"),
            Lang::En => format!("Backed up {db} to {path}: {contents}; doctor: ok"),
        }
    }

    /// `restore` from a file that is not there.
    pub fn no_backup(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("det finnes ingen sikkerhetskopi i {path}"),
            Lang::En => format!("no backup at {path}"),
        }
    }

    /// `restore` from the database itself.
    pub fn backup_is_database(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{path} er selve databasen; ingenting ble endret"),
            Lang::En => format!("{path} is the database itself; nothing was changed"),
        }
    }

    /// The question before restoring where there is no database.
    pub fn ask_restore(&self, path: &str, contents: &str, db: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Gjenopprette {path} ({contents}) som {db}?"),
            Lang::En => format!("Restore {path} ({contents}) as {db}?"),
        }
    }

    /// The question before replacing a database.
    pub fn ask_replace(&self, db: &str, current: &str, path: &str, incoming: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Erstatte {db} ({current}) med {path} ({incoming})? Den erstattede databasen tas vare på ved siden av."
            ),
            Lang::En => format!(
                "Replace {db} ({current}) with {path} ({incoming})? The replaced database is kept beside it."
            ),
        }
    }

    /// After `restore`.
    pub fn restored(&self, db: &str, path: &str, contents: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Gjenopprettet {db} fra {path}: {contents}"),
            Lang::En => format!("Restored {db} from {path}: {contents}"),
        }
    }

    /// After a `restore` that replaced a database.
    pub fn replaced_kept(&self, aside: &str) -> String {
        match self.lang {
            Lang::Nb => format!("doctor: ok. Den erstattede databasen ligger i {aside}"),
            Lang::En => format!("doctor: ok. The replaced database is kept at {aside}"),
        }
    }

    /// A restored database that does not pass `doctor`.
    pub fn restored_fails_doctor(&self, problem: &str, aside: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "den gjenopprettede databasen består ikke `styr doctor` ({problem}); den erstattede ligger i {aside}"
            ),
            Lang::En => format!(
                "the restored database fails `styr doctor` ({problem}); the replaced one is kept at {aside}"
            ),
        }
    }

    /// `restore` with no terminal and no `--yes`.
    pub fn restore_needs_yes(&self) -> String {
        match self.lang {
            Lang::Nb => "restore erstatter databasen og spør først; bekreft med --yes når det ikke finnes en terminal å spørre på. Ingenting ble endret".into(),
            Lang::En => "restore replaces the database and asks first; confirm with --yes when there is no terminal to ask on. Nothing was changed".into(),
        }
    }

    /// `restore` answered no.
    pub fn not_restored(&self) -> String {
        match self.lang {
            Lang::Nb => "ikke gjenopprettet; ingenting ble endret".into(),
            Lang::En => "not restored; nothing was changed".into(),
        }
    }
}

impl Texts {
    /// A directory or file that could not be created (the reason follows).
    pub fn cannot_create(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke opprette {path}"),
            Lang::En => format!("cannot create {path}"),
        }
    }

    /// `config init` over an existing file.
    pub fn config_never_replaced(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "{path} finnes allerede; `styr config init` erstatter aldri en konfigurasjonsfil"
            ),
            Lang::En => format!(
                "{path} already exists; `styr config init` never replaces a configuration file"
            ),
        }
    }

    /// `STYR_LANG` set to a language styr does not speak.
    pub fn bad_lang_variable(&self, value: &str) -> String {
        match self.lang {
            Lang::Nb => format!("STYR_LANG: '{value}' er ikke et språk styr kan (nb eller en)"),
            Lang::En => format!("STYR_LANG: '{value}' is not a language styr speaks (nb or en)"),
        }
    }
}

impl Texts {
    /// A path that is a directory where a file is wanted.
    pub fn is_directory(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{path} er en katalog"),
            Lang::En => format!("{path} is a directory"),
        }
    }

    /// A path that ends in no file name (`..`, `/`).
    pub fn not_a_file_name(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{path} er ikke navnet på en fil"),
            Lang::En => format!("{path} does not name a file"),
        }
    }

    /// A new database that could not be moved into place (the reason follows).
    pub fn cannot_move_database(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke flytte den nye databasen til {path}"),
            Lang::En => format!("cannot move the new database to {path}"),
        }
    }

    /// A file that could not be removed (the reason follows).
    pub fn cannot_remove(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke fjerne {path}"),
            Lang::En => format!("cannot remove {path}"),
        }
    }

    /// A file that could not be read (the reason follows).
    pub fn cannot_read(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke lese {path}"),
            Lang::En => format!("cannot read {path}"),
        }
    }

    /// On stderr after opening upgraded a database's schema.
    pub fn upgraded(&self, path: &str, from: i64, to: i64, kept: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "oppgraderte {path} fra skjema {from} til {to}; filen slik den var ligger i {kept}"
            ),
            Lang::En => format!(
                "upgraded {path} from schema {from} to {to}; the file as it was is kept at {kept}"
            ),
        }
    }

    /// The configuration's `sector` names no sector (the reason follows).
    pub fn config_sector(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{path}: sektor"),
            Lang::En => format!("{path}: sector"),
        }
    }

    /// No home directory to put the default database in.
    pub fn no_home_for_database(&self) -> String {
        match self.lang {
            Lang::Nb => "finner ingen hjemmekatalog for standarddatabasen; bruk --db STI".into(),
            Lang::En => {
                "cannot find a home directory for the default database; use --db PATH".into()
            }
        }
    }
}

impl Texts {}

/// `log --verify`: the hash chains and the check value.
impl Texts {
    /// The chains hold; the counts of both logs.
    pub fn chain_holds(&self, events: u64, catalog: u64) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Loggen henger sammen: {events} hendelser og {catalog} kataloghendelser, hver med hash over innholdet og hendelsen før."
            ),
            Lang::En => format!(
                "The log holds together: {events} events and {catalog} catalog events, each hashed over its content and the event before it."
            ),
        }
    }

    /// One log's count and newest hash.
    pub fn chain_head(&self, log: &str, count: u64, head: &str) -> String {
        match self.lang {
            Lang::Nb => format!("  {log}: {count} hendelser, siste hash {head}"),
            Lang::En => format!("  {log}: {count} events, newest hash {head}"),
        }
    }

    /// The value to write into the minutes.
    pub fn check_value(&self, seal: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Kontrollverdi (til referatet): {seal}"),
            Lang::En => format!("Check value (for the minutes): {seal}"),
        }
    }

    /// `--expect` holds; how much was appended since.
    pub fn history_holds(&self, expected: &str, events: u64, catalog: u64) -> String {
        match (self.lang, events + catalog) {
            (Lang::Nb, 0) => format!(
                "Historikken fram til {expected} holder: kontrollverdien stemmer, og ingenting er lagt til siden."
            ),
            (Lang::Nb, _) => format!(
                "Historikken fram til {expected} holder: kontrollverdien stemmer; {events} hendelser og {catalog} kataloghendelser er lagt til siden."
            ),
            (Lang::En, 0) => format!(
                "The history up to {expected} holds: the check value matches, and nothing was added since."
            ),
            (Lang::En, _) => format!(
                "The history up to {expected} holds: the check value matches; {events} events and {catalog} catalog events were added since."
            ),
        }
    }

    /// `--expect` fails: the history up to the value has changed.
    pub fn history_changed(&self, expected: &str, now: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "historikken fram til {expected} er endret: kontrollverdien stemmer ikke lenger (loggen nå: {now})"
            ),
            Lang::En => format!(
                "the history up to {expected} has changed: the check value no longer matches (the log now: {now})"
            ),
        }
    }

    /// `--expect` names more events than the logs hold.
    pub fn history_shorter(&self, expected: &str, events: u64, catalog: u64) -> String {
        match self.lang {
            Lang::Nb => format!(
                "loggen har bare {events} hendelser og {catalog} kataloghendelser, færre enn kontrollverdien {expected} nevner: hendelser er slettet, eller dette er en annen fil"
            ),
            Lang::En => format!(
                "the log holds only {events} events and {catalog} catalog events, fewer than the check value {expected} names: events were deleted, or this is another file"
            ),
        }
    }

    /// A chain does not fit its events; what `doctor` says of it.
    pub fn chain_broken(&self, problem: &str) -> String {
        match self.lang {
            Lang::Nb => format!("hashkjeden er brutt: {problem}"),
            Lang::En => format!("the hash chain is broken: {problem}"),
        }
    }

    /// `--expect` given something that is not a check value.
    pub fn not_a_check_value(&self, text: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "--expect: «{text}» er ikke en kontrollverdi; den skrives ANTALL+ANTALL:HASH, slik `styr log --verify` viser den"
            ),
            Lang::En => format!(
                "--expect: '{text}' is not a check value; it is written COUNT+COUNT:HASH, as `styr log --verify` shows it"
            ),
        }
    }
}

/// What `import` reads and will do, in words.
impl Texts {
    /// What a JSON export holds.
    pub fn dump_summary(
        &self,
        sectors: usize,
        goals: usize,
        assignments: usize,
        events: usize,
        entries: usize,
    ) -> String {
        match self.lang {
            Lang::Nb => format!(
                "{sectors} sektorer, {goals} mål, {assignments} oppdrag, {events} hendelser, {entries} årshjulpunkter"
            ),
            Lang::En => format!(
                "{sectors} sectors, {goals} goals, {assignments} assignments, {events} events, {entries} annual wheel entries"
            ),
        }
    }

    /// A file with no rows.
    pub fn no_rows(&self, file: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{file} har ingen rader å importere."),
            Lang::En => format!("{file} has no rows to import."),
        }
    }

    /// Before the goals an import creates; `levels` counts focus areas, main goals, sub-goals.
    pub fn creating_goals(&self, dry_run: bool, count: usize, levels: [usize; 3]) -> String {
        let [a, b, c] = levels;
        match (self.lang, dry_run) {
            (Lang::Nb, true) => format!(
                "Ville opprettet {count} mål ({a} satsingsområder, {b} hovedmål, {c} delmål):"
            ),
            (Lang::Nb, false) => {
                format!("Oppretter {count} mål ({a} satsingsområder, {b} hovedmål, {c} delmål):")
            }
            (Lang::En, true) => format!(
                "Would create {count} goals ({a} focus areas, {b} main goals, {c} sub-goals):"
            ),
            (Lang::En, false) => {
                format!("Creating {count} goals ({a} focus areas, {b} main goals, {c} sub-goals):")
            }
        }
    }

    /// Goals of the file already in the database.
    pub fn goals_known(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{count} mål i filen finnes allerede i databasen."),
            Lang::En => format!("{count} goals in the file are already in the database."),
        }
    }

    /// Before the assignments an import creates.
    pub fn creating_assignments(&self, dry_run: bool, count: usize) -> String {
        match (self.lang, dry_run) {
            (Lang::Nb, true) => format!("Ville opprettet {count} oppdrag:"),
            (Lang::Nb, false) => format!("Oppretter {count} oppdrag:"),
            (Lang::En, true) => format!("Would create {count} assignments:"),
            (Lang::En, false) => format!("Creating {count} assignments:"),
        }
    }

    /// A comment a row adds.
    pub fn new_comment(&self, comment: &str) -> String {
        match self.lang {
            Lang::Nb => format!("ny kommentar «{comment}»"),
            Lang::En => format!("new comment «{comment}»"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts that are rightly the same in bokmål and English.
    const SAME_IN_BOTH: &[&str] = &["column_id", "column_status", "label_status", "none"];

    fn fields(table: &Texts) -> Vec<(String, String)> {
        format!("{table:#?}")
            .lines()
            .filter_map(|l| l.trim().split_once(": "))
            .map(|(k, v)| (k.to_string(), v.trim_end_matches(',').to_string()))
            .collect()
    }

    fn methods(t: &Texts) -> Vec<String> {
        vec![
            t.list_summary(2, 1, 1, "d"),
            t.xlsx_not_to_terminal(),
            t.excel_only_with_csv(),
            t.cannot_make_workbook("x"),
            t.due_overdue("d", 3),
            t.task_overdue(3),
            t.unserved_goals(2),
            t.created(false, 1, "x"),
            t.created(true, 1, "x"),
            t.nothing_changed(1),
            t.saved(1, 2, "x"),
            t.skipped(1),
            t.skipped(2),
            t.skipped_event(1, 2, "x", "y"),
            t.and_more(2),
            t.doctor_ok(1, 2, 3, 4, true),
            t.doctor_ok_server(1, 2, 3, 4, true),
            t.server_not_durable("fsync = off"),
            t.initialized("p", "k", 2024),
            t.demo_created("p", "k", 2023, 32),
            t.no_database_at("p"),
            t.config_written("p"),
            t.wrote_file("p"),
            t.cannot_write("p"),
            t.no_period_ended("d"),
            t.no_period_to_report("d"),
            t.report_not_due("T1", "x", "d"),
            t.missing_reports(2, "T1", "x", "d", "d"),
            t.ask_year(2024),
            t.not_a_choice("x"),
            t.kommune_needed(),
            t.year_with_parent(),
            t.sector_required(),
            t.invalid_year(1),
            t.nothing_to_set(),
            t.no_goal(1),
            t.read_only("p", "r"),
            t.demo_flag_with_command(),
            t.kommune_empty(),
            t.init_never_replaces("p"),
            t.force_only_styr("x"),
            t.not_a_year("x"),
            t.no_database("p"),
            t.doctor_problems(2, "p"),
            t.no_goal_code("x"),
            t.goal_nothing_to_change(),
            t.link_needs_sub_goal(1, "x", "y"),
            t.not_linked(1, 2, "x"),
            t.goal_nothing_changed(1),
            t.goal_changed(GoalVerb::TookBack, 1, "k", "c", "t"),
            t.other_goal(1),
            t.no_catalog_item(CatalogEntity::Either, 1),
            t.unknown_wheel_kind("x"),
            t.wheel_needs_dates(),
            t.wheel_nothing_to_change(),
            t.wheel_nothing_changed(1),
            t.wheel_changed(WheelVerb::Deleted, 1, "s"),
            t.wheel_heading(2024, "k"),
            t.same_year(2024),
            t.nothing_to_copy(2023),
            t.year_taken(2024, 1, 2),
            t.copied_from(2023),
            t.carried_from(1, 2023),
            t.carried_to(2024, 2),
            t.year_started(2024, 2023, 1, 2, 3),
            t.empty_report(),
            t.backup_exists("p"),
            t.backup_fails_doctor("p", "x"),
            t.contents(1, 2),
            t.backed_up("d", "p", 1, 2),
            t.no_backup("p"),
            t.backup_is_database("p"),
            t.ask_restore("p", "c", "d"),
            t.ask_replace("d", "c", "p", "i"),
            t.restored("d", "p", "c"),
            t.replaced_kept("a"),
            t.restored_fails_doctor("x", "a"),
            t.restore_needs_yes(),
            t.not_restored(),
            t.cannot_create("p"),
            t.config_never_replaced("p"),
            t.bad_lang_variable("x"),
            t.is_directory("p"),
            t.not_a_file_name("p"),
            t.cannot_move_database("p"),
            t.cannot_remove("p"),
            t.cannot_read("p"),
            t.upgraded("p", 1, 2, "k"),
            t.config_sector("p"),
            t.no_home_for_database(),
            t.dump_summary(1, 2, 3, 4, 5),
            t.no_rows("f"),
            t.creating_goals(true, 3, [1, 1, 1]),
            t.goals_known(2),
            t.creating_assignments(false, 2),
            t.new_comment("c"),
        ]
    }

    #[test]
    fn english_differs_from_bokmal_unless_listed() {
        let (nb, en) = (fields(&NB), fields(&EN));
        assert_eq!(nb.len(), en.len());
        for ((name, a), (_, b)) in nb.iter().zip(&en).filter(|((name, _), _)| name != "lang") {
            assert!(!a.trim_matches('"').trim().is_empty(), "{name} empty");
            assert_eq!(
                a == b,
                SAME_IN_BOTH.contains(&name.as_str()),
                "{name}: {a} / {b}"
            );
        }
        for (a, b) in methods(&NB).iter().zip(methods(&EN)) {
            assert_ne!(*a, b);
        }
    }
}
