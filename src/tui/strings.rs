//! Every text the TUI shows, in one table per language. Bokmål is the only
//! table yet; an English one is another `Strings` value (`Lang::En` with its
//! arms in the methods below) and a way to choose it.
//!
//! Plain texts are fields; the views put them together with punctuation,
//! spaces and values. Texts with values inside are methods, so that each
//! language can order its words as it needs.
//!
//! Not here: the names of statuses, vurderinger, fields, goal kinds and
//! årshjul kinds, which the domain owns (`Status::label` and friends); dates,
//! which `domain::date` writes; key names (`Key::label`); and marks and
//! symbols (`!`, `✓`, `▸`, `–`, …).

/// The language of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nb,
}

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
    pub new_assignment: &'static str,
    pub new_task: &'static str,
    pub undo: &'static str,
    pub zoom_wheel: &'static str,
    pub brief: &'static str,
    pub save_brief: &'static str,
    pub scroll_left: &'static str,
    pub scroll_right: &'static str,
    pub toggle_wheel_list: &'static str,
    pub refresh: &'static str,

    // Help overlay: the title, the filter, and where a binding applies.
    pub help_title: &'static str,
    pub help_filter: &'static str,
    pub help_no_match: &'static str,
    pub help_footer: &'static str,
    pub scope_tree: &'static str,
    pub scope_list: &'static str,
    pub scope_wheel: &'static str,
    pub scope_zoom: &'static str,
    pub scope_brief: &'static str,

    // The briefing overlay.
    pub brief_title: &'static str,
    pub brief_pick_sector: &'static str,
    pub brief_close_first: &'static str,
    pub brief_loading: &'static str,

    // Header.
    pub read_only_badge: &'static str,
    pub all_chip: &'static str,
    /// Before today's date.
    pub today: &'static str,

    // Pane titles and tabs.
    pub pane_tree: &'static str,
    pub pane_list: &'static str,
    pub pane_wheel: &'static str,
    pub tabs_hint: &'static str,
    pub wheel_mode_wheel: &'static str,
    pub wheel_mode_months: &'static str,
    pub zoom_hint: &'static str,

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
    pub list_empty: &'static str,
    pub list_no_match: &'static str,
    pub column_title: &'static str,
    pub column_sector: &'static str,
    pub assessment_green: &'static str,
    pub assessment_yellow: &'static str,
    pub assessment_red: &'static str,
    /// One letter each where there is no room for the words.
    pub assessment_green_mark: &'static str,
    pub assessment_yellow_mark: &'static str,
    pub assessment_red_mark: &'static str,

    // Årshjul: month names, marks and the legend that explains them.
    pub months: [&'static str; 12],
    /// Exactly three letters each: the wheel has room for no more.
    pub months_short: [&'static str; 12],
    pub administrative_mark: &'static str,
    pub political_mark: &'static str,
    pub wheel_legend: &'static str,
    pub wheel_no_entries: &'static str,
    /// Heading of the entries listed under the wheel in its pane.
    pub wheel_upcoming: &'static str,
    /// After a refused stale edit, in the dialog that stays open.
    pub stale_retry: &'static str,
    /// A key that is bound to nothing.
    pub unknown_key: &'static str,
    /// Added to "saved" when the filter hides what was saved.
    pub hidden_by_filter: &'static str,
    /// The undo dialog: what will be undone, or that nothing can be.
    pub undo_what: &'static str,
    pub nothing_to_undo: &'static str,
    pub loading: &'static str,
    /// After a late deadline in the zoomed month's list.
    pub overdue: &'static str,

    // Detail: titles, headings, and what shows while loading.
    pub detail_strip_title: &'static str,
    pub detail_overlay_title: &'static str,
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
    pub label_code: &'static str,
    pub label_goal_sectors: &'static str,
    pub label_parent: &'static str,
    pub new_wheel_title: &'static str,
    pub edit_wheel_title: &'static str,
    pub new_goal_title: &'static str,
    pub edit_goal_title: &'static str,
    pub delete_wheel_title: &'static str,
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
    cycle_view: "hurtigvisning: alle · forfalt · frist 30 d · mangler rapport · fullført",
    set_status: "sett status",
    set_assessment: "sett vurdering",
    set_deadline: "sett frist",
    edit: "rediger tittel, ansvarlig, beskrivelse, sektorer, mål",
    comment: "legg til kommentar",
    report: "rapport for perioden som rapporteres nå",
    new_assignment: "nytt oppdrag",
    new_task: "ny oppgave under valgt oppdrag",
    undo: "angre min siste endring",
    zoom_wheel: "årshjulet i fullskjerm (av/på)",
    brief: "briefing for sektoren (styringsdialog)",
    save_brief: "lagre briefingen som HTML",
    scroll_left: "bla mot venstre",
    scroll_right: "bla mot høyre",
    toggle_wheel_list: "årshjul: hjul eller månedsliste",
    refresh: "last inn på nytt",

    help_title: "Hjelp · taster",
    help_filter: "Filter",
    help_no_match: "Ingen taster passer filteret.",
    help_footer: "Skriv for å filtrere · Esc eller ? lukker",
    scope_tree: "mål",
    scope_list: "oppdrag",
    scope_wheel: "årshjul",
    scope_zoom: "årshjul i fullskjerm",
    scope_brief: "i briefingen",
    brief_title: "Briefing",
    brief_pick_sector: "Velg en sektor med 1–9 først: briefingen gjelder én sektor",
    brief_close_first: "Lukk briefingen først (Esc)",
    brief_loading: "Lager briefingen …",

    read_only_badge: "SKRIVEBESKYTTET",
    all_chip: "Alle",
    today: "i dag",

    pane_tree: "Mål",
    pane_list: "Oppdrag",
    pane_wheel: "Årshjul",
    tabs_hint: "Tab: bytt",
    wheel_mode_wheel: "hjul",
    wheel_mode_months: "måneder",
    zoom_hint: "←/→ måned · Esc/w lukk",

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
    list_empty: "Ingen oppdrag ennå. n: nytt oppdrag",
    list_no_match: "Ingen oppdrag passer filteret. Esc: tøm søk og filter, 0: alle sektorer",
    column_title: "Oppdrag",
    column_sector: "Sekt",
    assessment_green: "I rute",
    assessment_yellow: "Risiko",
    assessment_red: "Avvik",
    assessment_green_mark: "G",
    assessment_yellow_mark: "Y",
    assessment_red_mark: "R",

    months: [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    months_short: [
        "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des",
    ],
    administrative_mark: "A",
    political_mark: "P",
    wheel_legend: "A administrativ · P politisk · • frist · ! forfalt",
    wheel_no_entries: "ingen oppføringer",
    wheel_upcoming: "Neste i årshjulet",
    stale_retry: "Enter lagrer likevel på det nye, Esc avbryter",
    unknown_key: "ingen handling på denne tasten (? viser alle taster)",
    hidden_by_filter: " (skjult av filteret nå)",
    undo_what: "Angres",
    nothing_to_undo: "du har ingen endring som kan angres",
    loading: "henter …",
    overdue: "forfalt",

    detail_strip_title: "Detaljer · historikk (Enter: alt)",
    detail_overlay_title: "Detaljer og historikk · ↑/↓ bla · Esc lukk",
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
    undo_body: "Angre din siste endring? Det skrives en ny hendelse som setter verdien tilbake;\n\
                ingenting slettes.",
    new_assignment_title: "Nytt oppdrag",
    saving: "lagrer …",
    pick_hint: "↑/↓ eller 1–9 velg · Enter videre · Esc avbryt",
    form_hint: "Tab/↓ neste felt · Enter lagre · Esc avbryt",
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
    label_code: "Kode",
    label_goal_sectors: "Ansvar (sektorer)",
    label_parent: "Ligger under (kode)",
    new_wheel_title: "Nytt punkt i årshjulet",
    edit_wheel_title: "Rediger punkt i årshjulet",
    new_goal_title: "Nytt mål",
    edit_goal_title: "Rediger mål",
    delete_wheel_title: "Slette punktet?",
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
};

/// The table the TUI speaks.
pub fn strings() -> &'static Strings {
    &NB
}

impl Strings {
    /// The status line after the briefing was written to a file.
    pub fn brief_saved(&self, path: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Briefingen er lagret som HTML: {path}"),
        }
    }

    /// The briefing overlay's title line.
    pub fn brief_heading(&self, sector: &str, save_key: &str, close_key: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Briefing {sector} · {save_key} lagre HTML · {close_key} lukk"),
        }
    }

    /// The list title's note on the due-soon view.
    pub fn view_due_soon(&self, days: i64) -> String {
        match self.lang {
            Lang::Nb => format!("visning: frist innen {days} dager"),
        }
    }

    /// The list title's note on the mangler-rapport view: the period and its deadline.
    pub fn view_missing_report(&self, period: &str, due: &str, passed: bool) -> String {
        match (self.lang, passed) {
            (Lang::Nb, true) => format!("mangler rapport {period} frist {due}"),
            (Lang::Nb, false) => format!("mangler rapport {period}, frist {due} ikke passert"),
        }
    }

    /// A period's end on the årshjul.
    pub fn period_ends(&self, label: &str) -> String {
        match self.lang {
            Lang::Nb => format!("{label} slutter"),
        }
    }

    /// A period's report deadline on the årshjul.
    pub fn report_due(&self, label: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Rapportfrist {}", label.to_lowercase()),
        }
    }

    /// The title of the report form.
    pub fn report_title(&self, id: i64, period: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Rapport {period} for #{id}"),
        }
    }

    /// The list title's note on the search.
    pub fn searching_for(&self, text: &str) -> String {
        match self.lang {
            Lang::Nb => format!("søk «{text}»"),
        }
    }

    /// How late an assignment is, in days.
    pub fn overdue_by(&self, days: i64) -> String {
        match self.lang {
            Lang::Nb => format!("forfalt {days} d"),
        }
    }

    /// Under a month's list when not all of it fits.
    pub fn and_more(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!("… og {count} til"),
        }
    }

    /// The title of a picker or a deadline dialog; `field` is the domain's label.
    pub fn set_field(&self, field: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Sett {field}"),
        }
    }

    /// The title of the edit form.
    pub fn edit_title(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("Rediger #{id}"),
        }
    }

    /// The title of the form for a new task.
    pub fn new_task_title(&self, parent: i64, title: &str) -> String {
        match self.lang {
            Lang::Nb => format!("Ny oppgave under #{parent} {title}"),
        }
    }

    /// Added after an undo that passed over newer changes it could not undo.
    pub fn skipped_undo(&self, count: usize) -> String {
        match self.lang {
            Lang::Nb => format!(" (hoppet over {count} nyere endring(er) som ikke kan angres)"),
        }
    }

    /// A sector key with no sector behind it.
    pub fn no_sector(&self, number: u8) -> String {
        match self.lang {
            Lang::Nb => format!("ingen sektor nr. {number}"),
        }
    }

    /// A goal code in a form that names no goal.
    pub fn unknown_goal(&self, code: &str) -> String {
        match self.lang {
            Lang::Nb => format!("ukjent delmål '{code}'"),
        }
    }

    /// A parent code in a goal form that names no goal.
    pub fn unknown_parent(&self, code: &str) -> String {
        match self.lang {
            Lang::Nb => format!("ukjent mål '{code}'"),
        }
    }

    /// A change that changed nothing.
    pub fn no_change(&self, id: i64) -> String {
        match self.lang {
            Lang::Nb => format!("ingen endring: #{id} har allerede disse verdiene"),
        }
    }

    /// A written change: `verb` is [`Strings::saved`], [`Strings::created`] or
    /// [`Strings::undone`], `what` the events described.
    pub fn wrote(&self, verb: &str, id: i64, what: &str, version: i64) -> String {
        match self.lang {
            Lang::Nb => format!("{verb} #{id}: {what} (versjon {version})"),
        }
    }

    /// A change refused because `who` changed the assignment first.
    pub fn stale(&self, id: i64, who: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "ikke lagret: #{id} ble endret av {who} etter at du hentet det; visningen er oppdatert"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_of_nb_is_empty() {
        // The derived Debug writes every field, arrays included; an empty
        // text shows as "".
        let all = format!("{NB:?}");
        assert!(!all.contains("\"\""), "an empty text in {all}");
        for text in [
            NB.view_due_soon(30),
            NB.searching_for("x"),
            NB.overdue_by(1),
            NB.and_more(2),
            NB.set_field("status"),
            NB.edit_title(1),
            NB.new_task_title(1, "x"),
            NB.no_sector(9),
            NB.unknown_goal("x"),
            NB.no_change(1),
            NB.unknown_parent("x"),
            NB.wrote(NB.saved, 1, "x", 2),
            NB.stale(1, "x"),
        ] {
            assert!(!text.trim().is_empty());
        }
    }

    #[test]
    fn short_month_names_fit_the_wheel() {
        assert!(NB.months_short.iter().all(|m| m.chars().count() == 3));
    }
}
