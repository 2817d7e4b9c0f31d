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
    offer_demo: "  d  last inn demoen Lørenskog 2023 (oppfølgingsdata er illustrasjoner)",
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
    offer_demo: "  d  load the Lørenskog 2023 demo (illustrative follow-up data)",
    offer_new: "  n  create a new, empty database",
    offer_quit: "  q  quit",
    offer_choice: "Choice [d/n/q]: ",
    ask_kommune: "Municipality (kommune): ",
};

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
                "ok: {assignments} oppdrag stemmer med {events} hendelser spilt av på nytt, {catalog_items} mål og årshjulpunkter med {catalog_events} kataloghendelser; integritetssjekken besto{}",
                if read_only { " (skrivebeskyttet)" } else { "" }
            ),
            Lang::En => format!(
                "ok: {assignments} assignments agree with {events} events replayed, {catalog_items} goals and årshjul entries with {catalog_events} catalog events; integrity check passed{}",
                if read_only { " (read-only)" } else { "" }
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
            t.initialized("p", "k", 2024),
            t.demo_created("p", "k", 2023, 32),
            t.no_database_at("p"),
            t.config_written("p"),
            t.wrote_file("p"),
            t.cannot_write("p"),
            t.no_period_ended("d"),
            t.report_not_due("T1", "x", "d"),
            t.missing_reports(2, "T1", "x", "d", "d"),
            t.ask_year(2024),
            t.not_a_choice("x"),
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
