//! Every text the TUI shows, in one table per language: [`NB`] (bokmål, the
//! default) and [`EN`] (English).
//!
//! To add a text: add a field to [`Strings`] with a doc line if its use is not
//! obvious, then give it a value in both [`NB`] (below) and [`EN`]
//! (`strings/en.rs`); the compiler refuses a table that lacks it. A text with values inside is a method with
//! one `match` arm per language, so each language can order its words as it
//! needs. A text that is legitimately the same word in both languages
//! ("Status", "Tab") must be added to `SAME_IN_BOTH` in `strings/tests.rs`.
//!
//! Plain texts are fields; the views put them together with punctuation,
//! spaces and values.
//!
//! Not here: the names of statuses, vurderinger, fields, goal kinds and
//! årshjul kinds, which the domain owns (`Status::label(lang)` and friends);
//! dates, which [`Lang::date`] writes; key names (`Key::label`); and marks and
//! symbols (`!`, `✓`, `▸`, `–`, …).
//!
//! The language is the TUI state's (`AppState::lang`); whatever renders asks
//! for its table with [`table`] (or `AppState::words`).

pub use crate::domain::Lang;

mod en;
pub mod keys;
pub use en::EN;

/// The TUI's texts in one language.
#[derive(Debug)]
pub struct Strings {
    pub lang: Lang,

    // Keymap: the description of each binding, for the help and the hints.
    pub help: &'static str,
    pub quit: &'static str,
    pub focus_next: &'static str,
    pub focus_prev: &'static str,
    pub down: &'static str,
    pub up: &'static str,
    pub top: &'static str,
    pub bottom: &'static str,
    pub page_up: &'static str,
    pub page_down: &'static str,
    pub collapse_goal: &'static str,
    pub expand_goal: &'static str,
    pub prev_month: &'static str,
    pub next_month: &'static str,
    pub open: &'static str,
    pub back: &'static str,
    pub all_sectors: &'static str,
    pub sector_by_number: &'static str,
    pub search: &'static str,
    pub toggle_overdue: &'static str,
    pub cycle_view: &'static str,
    pub set_status: &'static str,
    pub set_assessment: &'static str,
    pub set_deadline: &'static str,
    pub edit: &'static str,
    pub comment: &'static str,
    pub report: &'static str,
    pub approve: &'static str,
    pub send_back: &'static str,
    pub new_assignment: &'static str,
    pub new_task: &'static str,
    pub undo: &'static str,
    pub zoom_wheel: &'static str,
    pub brief: &'static str,
    pub save_brief: &'static str,
    pub mark: &'static str,
    pub mark_range: &'static str,
    pub withdraw: &'static str,
    pub brief_prev_sector: &'static str,
    pub brief_next_sector: &'static str,
    pub toggle_wheel_list: &'static str,
    pub refresh: &'static str,

    // Help overlay: the title, the filter, and where a binding applies.
    pub help_title: &'static str,
    pub help_filter: &'static str,
    pub help_no_match: &'static str,
    pub scope_tree: &'static str,
    pub scope_list: &'static str,
    pub scope_wheel: &'static str,
    pub scope_zoom: &'static str,
    pub scope_brief: &'static str,

    // The briefing overlay.
    pub brief_title: &'static str,
    pub brief_pick_sector: &'static str,
    pub brief_close_first: &'static str,
    /// The vedtak view: its key's description, a key pressed while it is open, loading.
    pub vedtak: &'static str,
    pub vedtak_close_first: &'static str,
    pub vedtak_loading: &'static str,
    pub brief_loading: &'static str,
    /// `0` in the briefing: it is for one sector.
    pub brief_one_sector: &'static str,
    // The briefing's keys in the hint bar, short.
    pub brief_hint_save: &'static str,
    pub brief_hint_close: &'static str,
    pub brief_hint_scroll: &'static str,
    pub brief_hint_page: &'static str,
    pub brief_hint_sector: &'static str,
    pub brief_hint_ends: &'static str,
    pub brief_hint_help: &'static str,
    // Asking before a saved briefing replaces a file.
    pub replace_file_title: &'static str,
    pub replace_file_body: &'static str,
    pub replace_file_hint: &'static str,

    // Header.
    pub read_only_badge: &'static str,
    pub all_chip: &'static str,
    /// Before today's date.
    pub today: &'static str,

    // Pane titles and tabs.
    pub pane_tree: &'static str,
    pub pane_list: &'static str,
    pub pane_wheel: &'static str,
    pub wheel_mode_wheel: &'static str,
    pub wheel_mode_months: &'static str,

    // Field labels: the detail, the list's column headings and the forms.
    pub label_title: &'static str,
    pub label_status: &'static str,
    pub label_assessment: &'static str,
    pub label_due: &'static str,
    pub label_expected_done: &'static str,
    pub label_lead_sector: &'static str,
    pub label_sectors: &'static str,
    pub label_owner: &'static str,
    pub label_source: &'static str,
    pub label_version: &'static str,
    pub label_thread: &'static str,
    pub label_description: &'static str,
    pub label_goal_code: &'static str,
    pub label_comment: &'static str,
    pub label_comment_optional: &'static str,

    // Goal tree.
    pub all_goals: &'static str,

    // Assignment list: title parts, empty list, the columns not named by a
    // field label, short words.
    pub list_goal: &'static str,
    pub list_overdue_only: &'static str,
    pub view_overdue: &'static str,
    pub view_done: &'static str,
    /// The list title's note on the mangler-rapport view when no period has ended.
    pub view_missing_none: &'static str,
    /// The same, while the missing reports are being worked out.
    pub view_missing_reading: &'static str,
    pub column_title: &'static str,
    pub column_sector: &'static str,
    /// Six columns at most.
    pub column_due: &'static str,
    pub assessment_green: &'static str,
    pub assessment_yellow: &'static str,
    pub assessment_red: &'static str,
    /// One letter each where there is no room for the words.
    pub assessment_green_mark: &'static str,
    pub assessment_yellow_mark: &'static str,
    pub assessment_red_mark: &'static str,

    // Årshjul: marks and the legend that explains them (month names are
    // the domain's words, in `terms`).
    pub administrative_mark: &'static str,
    pub political_mark: &'static str,
    pub wheel_legend: &'static str,
    pub wheel_no_entries: &'static str,
    /// Heading of the entries listed under the wheel in its pane.
    pub wheel_upcoming: &'static str,
    /// After a refused stale edit, in the dialog that stays open.
    pub stale_retry: &'static str,
    /// The connection to the server is gone: what was typed is kept.
    pub server_lost: &'static str,
    /// The connection to the server is back.
    pub server_back: &'static str,
    /// The connection to the server is back while a dialog is open.
    pub server_back_dialog: &'static str,
    /// Added to "saved" when the filter hides what was saved.
    pub hidden_by_filter: &'static str,
    /// The undo dialog: what will be undone, or that nothing can be.
    pub undo_what: &'static str,
    pub nothing_to_undo: &'static str,
    pub loading: &'static str,
    /// After a late deadline in the zoomed month's list.
    pub overdue: &'static str,

    // Detail: titles, headings, and what shows while loading.
    pub nothing_selected_detail: &'static str,
    pub loading_history: &'static str,
    /// Before the number and title at the top of the detail.
    pub kind_assignment: &'static str,
    pub kind_task: &'static str,
    /// Before the number and title of a task's assignment.
    pub detail_parent: &'static str,
    pub no_thread: &'static str,
    pub detail_tasks: &'static str,
    pub detail_history: &'static str,

    // Dialogs and forms.
    pub deadline_input: &'static str,
    pub no_deadline: &'static str,
    pub save_change: &'static str,
    pub undo_title: &'static str,
    /// Lines of the undo dialog, separated by `\n`.
    pub undo_body: &'static str,
    pub new_assignment_title: &'static str,
    pub saving: &'static str,
    pub pick_hint: &'static str,
    pub form_hint: &'static str,
    /// Esc on a form with typed text: the question, and the keys.
    pub discard_question: &'static str,
    /// Under the kilde field: the usual sources.
    pub source_hint: &'static str,
    /// Under a date field: the short forms.
    pub date_hint: &'static str,
    pub save_hint: &'static str,
    pub comment_required: &'static str,
    pub title_required: &'static str,
    pub nothing_changed: &'static str,
    pub lead_sector_required: &'static str,

    // Status line: the search mode and messages.
    pub search_mode: &'static str,
    pub search_hint: &'static str,
    pub read_only: &'static str,
    pub nothing_selected: &'static str,
    pub pick_parent: &'static str,
    pub reloaded: &'static str,
    pub cancelled: &'static str,
    pub saved: &'static str,
    pub created: &'static str,
    pub undone: &'static str,
    pub reported: &'static str,
    pub no_reporting_period: &'static str,
    pub report_task: &'static str,
    pub report_empty: &'static str,

    // The årshjul and goal tree as data.
    pub new_wheel_entry: &'static str,
    pub edit_wheel_entry: &'static str,
    pub delete_wheel_entry: &'static str,
    pub new_goal: &'static str,
    pub edit_goal: &'static str,
    pub retire_goal: &'static str,
    pub label_from: &'static str,
    pub label_to: &'static str,
    pub label_kind: &'static str,
    pub label_sector: &'static str,
    pub label_note: &'static str,
    /// The årshjul form's tags (merker), e.g. styringsdialog.
    pub label_tags: &'static str,
    pub label_code: &'static str,
    pub label_goal_sectors: &'static str,
    pub label_parent: &'static str,
    pub new_wheel_title: &'static str,
    pub edit_wheel_title: &'static str,
    pub new_goal_title: &'static str,
    pub edit_goal_title: &'static str,
    pub delete_wheel_title: &'static str,
    pub approve_title: &'static str,
    pub approve_body: &'static str,
    pub send_back_title: &'static str,
    pub send_back_body: &'static str,
    pub decided: &'static str,
    pub delete_wheel_body: &'static str,
    pub retire_goal_title: &'static str,
    pub retire_goal_body: &'static str,
    pub confirm_hint: &'static str,
    pub no_wheel_entry: &'static str,
    pub no_goal_selected: &'static str,
    pub date_required: &'static str,
    pub unknown_kind: &'static str,
    pub wheel_saved: &'static str,
    pub wheel_deleted: &'static str,
    pub goal_saved: &'static str,
    pub goal_retired: &'static str,

    // Starting the terminal.
    /// The terminal cannot be put in raw mode.
    pub no_raw_mode: &'static str,
    /// SIGTERM and SIGHUP cannot be caught.
    pub no_signal_handler: &'static str,

    // The årshjul's legend under the wheel (the entry kinds are named by
    // `WheelKind::label`).
    /// A deadline's mark on the wheel.
    pub legend_deadline: &'static str,
    /// An overdue deadline's mark on the wheel.
    pub legend_overdue: &'static str,
    /// A reporting period's report deadline or end: a tick across the rim.
    pub legend_report_deadline: &'static str,
    /// The hand at today.
    pub legend_today: &'static str,
}

/// Bokmål, the default.
pub const NB: Strings = Strings {
    lang: Lang::Nb,

    help: "hjelp: alle taster",
    quit: "avslutt",
    focus_next: "neste panel",
    focus_prev: "forrige panel",
    down: "ned",
    up: "opp",
    top: "til toppen",
    bottom: "til bunnen",
    page_up: "side opp",
    page_down: "side ned",
    collapse_goal: "lukk mål",
    expand_goal: "åpne mål",
    prev_month: "forrige måned",
    next_month: "neste måned",
    open: "detaljer og historikk",
    back: "lukk / tøm søk og filter",
    all_sectors: "alle sektorer",
    sector_by_number: "sektor nr. 1–9 i rekkefølgen i toppen",
    search: "søk i tittel, ansvarlig og kommentarer",
    toggle_overdue: "bare forfalte (av/på)",
    cycle_view: "hurtigvisning: alle · forfalt · frist 30 d · mangler rapport · fullført · venter på godkjenning",
    set_status: "sett status",
    set_assessment: "sett vurdering",
    set_deadline: "sett frist",
    edit: "rediger tittel, ansvarlig, beskrivelse, sektorer, mål",
    comment: "legg til kommentar",
    report: "rapport for perioden som rapporteres nå",
    approve: "godkjenn rapporten for perioden som rapporteres nå",
    send_back: "send rapporten tilbake med en kommentar",
    new_assignment: "nytt oppdrag",
    new_task: "ny oppgave under valgt oppdrag",
    undo: "angre min siste endring",
    zoom_wheel: "årshjulet i fullskjerm (av/på)",
    brief: "briefing for sektoren (styringsdialog)",
    save_brief: "lagre briefingen som HTML",
    mark: "merk / avmerk raden (flere endres samlet med s v d c)",
    mark_range: "merk radene fra sist merkede til markøren",
    withdraw: "trekk tilbake nyeste kommentar eller rapport på oppdraget",
    brief_prev_sector: "forrige sektors briefing",
    brief_next_sector: "neste sektors briefing",
    toggle_wheel_list: "årshjul: hjul eller månedsliste",
    refresh: "last inn på nytt",

    help_title: "Hjelp · taster",
    help_filter: "Filter",
    help_no_match: "Ingen taster passer filteret.",
    scope_tree: "mål",
    scope_list: "oppdrag",
    scope_wheel: "årshjul",
    scope_zoom: "årshjul i fullskjerm",
    scope_brief: "i briefingen",
    brief_title: "Briefing",
    brief_pick_sector: "Velg en sektor med 1–9 først: briefingen gjelder én sektor",
    brief_close_first: "Lukk briefingen først (Esc)",
    vedtak: "politiske vedtak og oppdragene som følger dem opp",
    vedtak_close_first: "Lukk vedtakene først (Esc)",
    vedtak_loading: "Leser vedtakene …",
    brief_loading: "Lager briefingen …",
    brief_one_sector: "En briefing gjelder én sektor: velg den med 1–9",
    brief_hint_save: "lagre HTML",
    brief_hint_close: "lukk",
    brief_hint_scroll: "bla",
    brief_hint_page: "side",
    brief_hint_sector: "sektor",
    brief_hint_ends: "start/slutt",
    brief_hint_help: "hjelp",
    replace_file_title: "Erstatte filen?",
    replace_file_body: "Filen finnes fra før. Skal briefingen skrives over den?",
    replace_file_hint: "y erstatt · n eller Esc behold filen",

    read_only_badge: "SKRIVEBESKYTTET",
    all_chip: "Alle",
    today: "i dag",

    pane_tree: "Mål",
    pane_list: "Oppdrag",
    pane_wheel: "Årshjul",
    wheel_mode_wheel: "hjul",
    wheel_mode_months: "måneder",

    label_title: "Tittel",
    label_status: "Status",
    label_assessment: "Vurdering",
    label_due: "Frist",
    label_expected_done: "Forventet ferdig",
    label_lead_sector: "Delegert til",
    label_sectors: "Delansvar",
    label_owner: "Ansvarlig",
    label_source: "Kilde",
    label_version: "Versjon",
    label_thread: "Rød tråd",
    label_description: "Beskrivelse",
    label_goal_code: "Delmål (kode)",
    label_comment: "Kommentar",
    label_comment_optional: "Kommentar (valgfri)",

    all_goals: "Alle mål",

    list_goal: "mål",
    list_overdue_only: "bare forfalte",
    view_overdue: "visning: forfalt",
    view_done: "visning: fullført",
    view_missing_none: "visning: mangler rapport (ingen periode er avsluttet)",
    view_missing_reading: "visning: mangler rapport (leser …)",
    column_title: "Oppdrag",
    column_sector: "Sekt",
    column_due: "Frist",
    assessment_green: "I rute",
    assessment_yellow: "Risiko",
    assessment_red: "Avvik",
    assessment_green_mark: "●",
    assessment_yellow_mark: "▲",
    assessment_red_mark: "■",

    administrative_mark: "A",
    political_mark: "P",
    wheel_legend: "A administrativ · P politisk · • frist · ! forfalt",
    wheel_no_entries: "ingen oppføringer",
    wheel_upcoming: "Neste i årshjulet",
    stale_retry: "Enter lagrer likevel på det nye, Esc avbryter",
    server_lost: "Mistet forbindelsen til serveren: det du skrev er beholdt, ikke lagret; styr kobler til igjen selv",
    server_back: "Koblet til serveren igjen",
    server_back_dialog: "Koblet til serveren igjen: Enter lagrer, Esc avbryter",
    hidden_by_filter: " (skjult av filteret nå)",
    undo_what: "Angres",
    nothing_to_undo: "du har ingen endring som kan angres",
    loading: "henter …",
    overdue: "forfalt",

    nothing_selected_detail: "Ingen oppdrag valgt.",
    loading_history: "henter historikk …",
    kind_assignment: "Oppdrag",
    kind_task: "Oppgave",
    detail_parent: "under #",
    no_thread: "ikke knyttet til et delmål",
    detail_tasks: "Oppgaver",
    detail_history: "Historikk, nyeste først",

    deadline_input: "Ny frist (dd.mm.åååå, tom = ingen)",
    no_deadline: "ingen frist",
    save_change: "Lagre endring",
    undo_title: "Angre",
    // One paragraph: the dialog wraps it at its width, between words.
    undo_body: "Angre din siste endring? Det skrives en ny hendelse som setter verdien tilbake; \
                ingenting slettes.",
    new_assignment_title: "Nytt oppdrag",
    saving: "lagrer …",
    pick_hint: "↑/↓ eller 1–9 velg · Enter videre · Esc avbryt",
    form_hint: "Tab/↓ neste felt · Enter lagre · Esc avbryt",
    discard_question: "Forkaste det du har skrevet? j/Esc forkaster · annen tast: skriv videre",
    source_hint: "styringsbrev, politisk vedtak, verbalvedtak, virksomhetsplan eller fritekst",
    date_hint: "dd.mm.åååå, 31.10 (i planåret) eller +14 (dager fra i dag)",
    save_hint: "Enter lagre · Esc avbryt",
    comment_required: "skriv en kommentar, eller Esc for å avbryte",
    title_required: "tittelen kan ikke være tom",
    nothing_changed: "ingenting er endret",
    lead_sector_required: "oppgi sektoren oppdraget er delegert til (f.eks. OUS)",

    search_mode: "SØK",
    search_hint: "Enter behold · Esc tøm",
    read_only: "databasen er skrivebeskyttet: ingen endringer er mulige",
    nothing_selected: "ingen oppdrag er valgt",
    pick_parent: "velg oppdraget oppgaven skal høre til",
    reloaded: "lastet inn på nytt",
    cancelled: "avbrutt: ingenting ble lagret",
    saved: "Lagret",
    created: "Opprettet",
    undone: "Angret",
    reported: "Rapportert",
    no_reporting_period: "ingen rapporteringsperiode i planåret er avsluttet ennå",
    report_task: "rapporter på oppdraget, ikke på oppgaven",
    report_empty:
        "rapporten er tom: endre status, vurdering eller forventet ferdig, eller skriv en kommentar",

    new_wheel_entry: "nytt punkt i årshjulet (i valgt måned)",
    edit_wheel_entry: "rediger valgt årshjulpunkt (flytt: endre datoene)",
    delete_wheel_entry: "slett valgt årshjulpunkt (spør først)",
    new_goal: "nytt mål under valgt mål",
    edit_goal: "rediger valgt mål: kode, tittel, ansvar, flytt",
    retire_goal: "ta valgt mål ut av målstrukturen (spør først)",
    label_from: "Fra (dato)",
    label_to: "Til (dato, tom = én dag)",
    label_kind: "Type (administrativ/politisk)",
    label_sector: "Sektor (valgfri)",
    label_note: "Notat",
    label_tags: "Merker",
    label_code: "Kode",
    label_goal_sectors: "Ansvar (sektorer)",
    label_parent: "Ligger under (kode)",
    new_wheel_title: "Nytt punkt i årshjulet",
    edit_wheel_title: "Rediger punkt i årshjulet",
    new_goal_title: "Nytt mål",
    edit_goal_title: "Rediger mål",
    delete_wheel_title: "Slette punktet?",
    approve_title: "Godkjenne rapporten?",
    approve_body: "Den siste rapporten for perioden godkjennes. En annen enn den som skrev den må godkjenne.",
    send_back_title: "Sende rapporten tilbake?",
    send_back_body: "Rapporten sendes tilbake til den som skrev den. Si hvorfor i kommentaren.",
    decided: "Godkjenning lagret",
    delete_wheel_body: "Punktet slettes fra årshjulet. Loggen beholder hva det var.",
    retire_goal_title: "Ta målet ut?",
    retire_goal_body: "Målet og alt under det tas ut av målstrukturen. Historikken beholdes, og «styr goal unretire» tar det inn igjen.",
    confirm_hint: "Enter bekreft · Esc avbryt",
    no_wheel_entry: "ingen punkt i årshjulet er valgt (↑ ↓ velger)",
    no_goal_selected: "velg et mål i treet først",
    date_required: "oppgi datoen (fra)",
    unknown_kind: "ukjent type: skriv administrativ eller politisk",
    wheel_saved: "Årshjul lagret",
    wheel_deleted: "Slettet fra årshjulet",
    goal_saved: "Mål lagret",
    goal_retired: "Tatt ut av målstrukturen",

    no_raw_mode: "terminalen støtter ikke rå modus",
    no_signal_handler: "kan ikke fange signalene som avslutter programmet",

    legend_deadline: "frist",
    legend_overdue: "forfalt",
    legend_report_deadline: "rapportfrist",
    legend_today: "i dag",
};

/// The table of a language.
pub fn table(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

impl Strings {
    /// After the pane tabs: the key that switches.
    pub fn tabs_hint(&self, next: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{next}: bytt"),
            Lang::En => format!("{next}: switch"),
        }
    }

    /// In the zoomed årshjul's title: the keys for months and for closing.
    pub fn zoom_hint(&self, prev: &str, next: &str, back: &str, zoom: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{prev}/{next} måned · {back}/{zoom} lukk"),
            Lang::En => format!("{prev}/{next} month · {back}/{zoom} close"),
        }
    }

    /// Under the help: how to filter and close it.
    pub fn help_footer(&self, help: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Skriv for å filtrere · Esc eller {help} lukker"),
            Lang::En => format!("Type to filter · Esc or {help} closes"),
        }
    }

    /// An empty database's list: what to do next, with the keys for a new
    /// assignment and (in the goal pane) a new goal.
    pub fn list_empty(&self, new: &str, new_goal: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Ingen oppdrag ennå. {new}: nytt oppdrag · {new_goal} i målpanelet: nytt mål · \
                 styr import FIL: hent oppdrag fra et regneark (se styr import --help)"
            ),
            Lang::En => format!(
                "No assignments yet. {new}: new assignment · {new_goal} in the goal pane: new goal · \
                 styr import FILE: bring assignments in from a spreadsheet (see styr import --help)"
            ),
        }
    }

    /// Saved, but a task's deadline is after its oppdrag's.
    pub fn task_after_parent(&self, parent: i64, parent_due: &str) -> String {
        match self.lang {
            Lang::Nb => {
                format!(" ⚠ Obs: fristen er etter fristen til oppdrag #{parent} ({parent_due})")
            }
            Lang::En => format!(
                " ⚠ Note: the deadline is after that of assignment #{parent} ({parent_due})"
            ),
        }
    }

    /// A list the filters have emptied: the keys that clear them.
    pub fn list_no_match(&self, back: &str, all: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "Ingen oppdrag passer filteret. {back}: tøm søk og filter, {all}: alle sektorer"
            ),
            Lang::En => format!(
                "No assignments match the filter. {back}: clear search and filter, {all}: all sectors"
            ),
        }
    }

    /// A key that is bound to nothing; `help` is the key for the help.
    pub fn unknown_key(&self, help: &str) -> String {
        match self.lang {
            Lang::Nb => format!("ingen handling på denne tasten ({help} viser alle taster)"),
            Lang::En => format!("nothing is bound to this key ({help} shows every key)"),
        }
    }

    /// The detail strip's title: the key for the whole detail.
    pub fn detail_strip_title(&self, open: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Detaljer · historikk ({open}: alt)"),
            Lang::En => format!("Detail · history ({open}: all)"),
        }
    }

    /// The detail overlay's title: the keys that scroll and close it.
    pub fn detail_overlay_title(&self, up: &str, down: &str, back: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Detaljer og historikk · {up}/{down} bla · {back} lukk"),
            Lang::En => format!("Detail and history · {up}/{down} scroll · {back} close"),
        }
    }
    /// The status line after the briefing was written to a file.
    pub fn brief_saved(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Briefingen er lagret som HTML: {path}"),
            Lang::En => format!("The briefing is saved as HTML: {path}"),
        }
    }

    /// The list title's note on the due-soon view.
    pub fn view_due_soon(&self, days: i64) -> String {
        match self.lang {
            Lang::Nb => format!("visning: frist innen {days} dager"),
            Lang::En => format!("view: due within {days} days"),
        }
    }

    /// The list title's note on the mangler-rapport view: the period and its deadline.
    pub fn view_missing_report(&self, period: &str, due: &str, passed: bool) -> String {
        match (self.lang, passed) {
            (Lang::Nb, true) => format!("mangler rapport {period} frist {due}"),
            (Lang::Nb, false) => format!("mangler rapport {period}, frist {due} ikke passert"),
            (Lang::En, true) => format!("no report {period} due {due}"),
            (Lang::En, false) => format!("no report {period}, due {due} not passed"),
        }
    }

    /// The mangler-rapport view's counts: "3 mangler · 2 venter · 5 godkjent".
    pub fn report_counts(&self, missing: usize, awaiting: usize, approved: usize) -> String {
        match self.lang {
            Lang::Nb => format!("{missing} mangler · {awaiting} venter · {approved} godkjent"),
            Lang::En => format!("{missing} missing · {awaiting} awaiting · {approved} approved"),
        }
    }

    /// A period's end on the årshjul.
    pub fn period_ends(&self, label: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{label} slutter"),
            Lang::En => format!("{label} ends"),
        }
    }

    /// A period's report deadline on the årshjul.
    pub fn report_due(&self, label: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Rapportfrist {}", label.to_lowercase()),
            Lang::En => format!("Report due: {label}"),
        }
    }

    /// The title of the report form.
    pub fn report_title(&self, id: i64, period: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Rapport {period} for #{id}"),
            Lang::En => format!("Report {period} for #{id}"),
        }
    }

    /// The list title's note on the search.
    pub fn searching_for(&self, text: &str) -> String {
        match self.lang {
            Lang::Nb => format!("søk «{text}»"),
            Lang::En => format!("search “{text}”"),
        }
    }

    /// How late an assignment is, in days.
    pub fn overdue_by(&self, days: i64) -> String {
        match self.lang {
            Lang::Nb => format!("forfalt {days} d"),
            Lang::En => format!("{days} d overdue"),
        }
    }

    /// Under a month's list when not all of it fits.
    pub fn and_more(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!("… og {count} til"),
            Lang::En => format!("… and {count} more"),
        }
    }

    /// The title of a picker or a deadline dialog; `field` is the domain's label.
    pub fn set_field(&self, field: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Sett {field}"),
            Lang::En => format!("Set {field}"),
        }
    }

    /// The title of the edit form.
    pub fn edit_title(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("Rediger #{id}"),
            Lang::En => format!("Edit #{id}"),
        }
    }

    /// The title of the form for a new task.
    pub fn new_task_title(&self, parent: i64, title: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Ny oppgave under #{parent} {title}"),
            Lang::En => format!("New task under #{parent} {title}"),
        }
    }

    /// Added after an undo that passed over newer changes it could not undo.
    pub fn skipped_undo(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!(" (hoppet over {count} nyere endring(er) som ikke kan angres)"),
            Lang::En => format!(" (passed over {count} newer change(s) that cannot be undone)"),
        }
    }

    /// A sector key with no sector behind it.
    pub fn no_sector(&self, number: u8) -> String {
        match self.lang {
            Lang::Nb => format!("ingen sektor nr. {number}"),
            Lang::En => format!("no sector number {number}"),
        }
    }

    /// A goal code in a form that names no goal.
    pub fn unknown_goal(&self, code: &str) -> String {
        match self.lang {
            Lang::Nb => format!("ukjent delmål '{code}'"),
            Lang::En => format!("unknown sub-goal '{code}'"),
        }
    }

    /// A parent code in a goal form that names no goal.
    pub fn unknown_parent(&self, code: &str) -> String {
        match self.lang {
            Lang::Nb => format!("ukjent mål '{code}'"),
            Lang::En => format!("unknown goal '{code}'"),
        }
    }

    /// A change that changed nothing.
    pub fn no_change(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("ingen endring: #{id} har allerede disse verdiene"),
            Lang::En => format!("no change: #{id} already has these values"),
        }
    }

    /// A written change: `verb` is [`Strings::saved`], [`Strings::created`] or
    /// [`Strings::undone`], `what` the events described.
    pub fn wrote(&self, verb: &str, id: i64, what: &str, version: i64) -> String {
        match self.lang {
            Lang::Nb => format!("{verb} #{id}: {what} (versjon {version})"),
            Lang::En => format!("{verb} #{id}: {what} (version {version})"),
        }
    }

    /// Said at start when opening upgraded the schema: where the old file is kept.
    pub fn upgraded(&self, from: i64, to: i64, kept: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "databasen er oppgradert fra skjemaversjon {from} til {to}; filen slik den var er tatt vare på som {kept}"
            ),
            Lang::En => format!(
                "the database was upgraded from schema version {from} to {to}; the file as it was is kept as {kept}"
            ),
        }
    }

    /// Said at start when the database can only be read, and why.
    pub fn read_only_because(&self, cause: &crate::store::ReadOnlyCause) -> String {
        use crate::store::ReadOnlyCause;
        match (self.lang, cause) {
            (Lang::Nb, ReadOnlyCause::FileNotWritable) => {
                "databasen kan bare leses: du har ikke skrivetilgang til filen".into()
            }
            (Lang::Nb, ReadOnlyCause::DirectoryNotWritable(dir)) => format!(
                "databasen kan bare leses: mappen {} er skrivebeskyttet (SQLite trenger å skrive ved siden av filen)",
                dir.display()
            ),
            (Lang::Nb, ReadOnlyCause::Requested) => "databasen er åpnet bare for lesing".into(),
            (Lang::Nb, ReadOnlyCause::DiskFull) => "databasen kan bare leses: disken er full".into(),
            (Lang::Nb, ReadOnlyCause::ReadRole(role)) => {
                format!("databasen kan bare leses: rollen {role} har bare lesetilgang")
            }
            (Lang::En, cause) => format!("the database can only be read: {cause}"),
        }
    }

    /// A file the user asked for could not be written; `cause` is the system's.
    pub fn cannot_write(&self, name: &str, cause: &str) -> String {
        match self.lang {
            Lang::Nb => format!("kan ikke skrive {name}: {cause}"),
            Lang::En => format!("cannot write {name}: {cause}"),
        }
    }

    /// A change refused because `who` changed the assignment first.
    pub fn stale(&self, id: i64, who: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "ikke lagret: #{id} ble endret av {who} etter at du hentet det; visningen er oppdatert"
            ),
            Lang::En => format!(
                "not saved: #{id} was changed by {who} after you loaded it; the view is updated"
            ),
        }
    }
}

#[cfg(test)]
mod tests;
