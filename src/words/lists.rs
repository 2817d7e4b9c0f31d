//! The words of working on many rows at once, jumping to a number, the
//! list's symbols and withdrawing a comment or report: for the TUI and the
//! CLI alike.

use super::Lang;

macro_rules! say {
    ($lang:expr, nb: $nb:literal, en: $en:literal $(,)?) => {
        match $lang {
            Lang::Nb => format!($nb),
            Lang::En => format!($en),
        }
    };
}

/// `styr set 3,5,8`: an id list that does not read.
pub fn bad_id_list(text: &str, lang: Lang) -> String {
    say!(lang,
        nb: "«{text}» er ikke et oppdragsnummer eller en liste av dem (3 eller 3,5,8)",
        en: "'{text}' is not an assignment id or a list of them (3 or 3,5,8)")
}

/// `--if-version` naming another number of versions than ids.
pub fn versions_do_not_match(ids: usize, versions: usize) -> String {
    format!("{ids} ≠ {versions}")
}

/// `--if-version` for a list: one version per id.
pub fn if_version_per_id(ids: usize, versions: usize, lang: Lang) -> String {
    let counts = versions_do_not_match(ids, versions);
    say!(lang,
        nb: "--if-version må gi én versjon per oppdrag, i samme rekkefølge ({counts})",
        en: "--if-version must give one version per assignment, in the same order ({counts})")
}

/// After a change to several assignments.
pub fn batch_saved(count: usize, lang: Lang) -> String {
    say!(lang,
        nb: "Lagret samme endring på {count} oppdrag (én endring: angres samlet):",
        en: "Saved the same change to {count} assignments (one change: undone together):")
}

/// The head of `styr withdraw`'s answer.
pub fn withdrew(event: i64, assignment: i64, lang: Lang) -> String {
    say!(lang,
        nb: "Trakk tilbake hendelse {event} på oppdrag {assignment}; den står i loggen, merket:",
        en: "Withdrew event {event} on assignment {assignment}; it stays in the log, marked:")
}

/// The TUI's status line after a batch.
pub fn batch_status(count: usize, what: &str, lang: Lang) -> String {
    say!(lang,
        nb: "Lagret på {count} oppdrag: {what}",
        en: "Saved to {count} assignments: {what}")
}

/// The batch dialog's title.
pub fn batch_title(count: usize, lang: Lang) -> String {
    say!(lang,
        nb: "Endre {count} merkede oppdrag",
        en: "Change {count} marked assignments")
}

/// The batch dialog's explanation.
pub fn batch_help(lang: Lang) -> String {
    say!(lang,
        nb: "Tomt felt: uendret. «-» tømmer frist eller ansvarlig. Alt lagres som én endring, eller ingenting.",
        en: "An empty field: unchanged. '-' clears deadline or owner. All is saved as one change, or nothing.")
}

/// Nothing was filled in the batch dialog.
pub fn batch_nothing(lang: Lang) -> String {
    say!(lang,
        nb: "fyll inn minst ett felt eller en kommentar",
        en: "fill in at least one field or a comment")
}

/// A status or vurdering typed in the batch dialog that does not read.
pub fn batch_bad_value(field: &str, text: &str, choices: &str, lang: Lang) -> String {
    say!(lang,
        nb: "{field}: «{text}» er ikke et av {choices}",
        en: "{field}: '{text}' is not one of {choices}")
}

/// The list's title part naming the marked rows.
pub fn marked(count: usize, lang: Lang) -> String {
    say!(lang, nb: "{count} merket", en: "{count} marked")
}

/// After Esc cleared the marks.
pub fn marks_cleared(lang: Lang) -> String {
    say!(lang, nb: "Merkingen er fjernet", en: "Marks cleared")
}

/// The list's count: oppdrag and tasks named separately.
pub fn list_count(assignments: usize, tasks: usize, lang: Lang) -> String {
    match (lang, tasks) {
        (_, 0) => format!("{assignments}"),
        (Lang::Nb, 1) => format!("{assignments} + 1 oppgave"),
        (Lang::Nb, n) => format!("{assignments} + {n} oppgaver"),
        (Lang::En, 1) => format!("{assignments} + 1 task"),
        (Lang::En, n) => format!("{assignments} + {n} tasks"),
    }
}

/// A jump (`#19`) to an assignment the database does not have.
pub fn no_such_assignment(id: i64, lang: Lang) -> String {
    say!(lang,
        nb: "det finnes ikke noe oppdrag #{id}",
        en: "there is no assignment #{id}")
}

/// A jump to an assignment of another plan year.
pub fn other_year(id: i64, year: i32, lang: Lang) -> String {
    say!(lang,
        nb: "oppdrag #{id} hører til planåret {year}, ikke til året som vises",
        en: "assignment #{id} belongs to plan year {year}, not the year shown")
}

/// After a jump; `cleared`: filters were lifted to show it.
pub fn jumped(id: i64, title: &str, cleared: bool, lang: Lang) -> String {
    match (lang, cleared) {
        (Lang::Nb, false) => format!("#{id} {title}"),
        (Lang::Nb, true) => format!("#{id} {title} (filtrene som skjulte det er fjernet)"),
        (Lang::En, false) => format!("#{id} {title}"),
        (Lang::En, true) => format!("#{id} {title} (the filters that hid it are cleared)"),
    }
}

/// The help's heading of the legend.
pub fn legend_heading(lang: Lang) -> String {
    say!(lang, nb: "Tegn", en: "Symbols")
}

/// Every symbol the screen uses outside the årshjul, with what it means.
pub fn legend(lang: Lang) -> Vec<(&'static str, String)> {
    let pairs: [(&'static str, &str, &str); 16] = [
        (
            "!",
            "forfalt (fristen er passert)",
            "overdue (past its deadline)",
        ),
        ("-12d", "dager på overtid", "days overdue"),
        ("·", "ikke startet", "not started"),
        ("▸", "pågår", "in progress"),
        ("✓", "fullført", "done"),
        ("✗", "utgår", "cancelled"),
        ("●", "vurdering: i rute", "assessment: on track"),
        ("▲", "vurdering: risiko for avvik", "assessment: at risk"),
        ("■", "vurdering: avvik", "assessment: off track"),
        (
            "–",
            "ikke vurdert / ingen frist",
            "not assessed / no deadline",
        ),
        (
            "└",
            "oppgave under oppdraget over",
            "task under the assignment above",
        ),
        (
            "›",
            "oppgave etter tittelen på oppdraget som er filtrert bort (dempet)",
            "task after the title of its assignment filtered out (dimmed)",
        ),
        ("»", "merket rad (Space, V)", "marked row (Space, V)"),
        ("⚠", "delmål uten oppdrag", "sub-goal no assignment serves"),
        (
            "A P",
            "årshjul: administrativ / politisk",
            "annual wheel: administrative / political",
        ),
        (
            "◆ •",
            "rapportfrist / frist i årshjulet",
            "report deadline / deadline in the annual wheel",
        ),
    ];
    pairs
        .into_iter()
        .map(|(mark, nb, en)| {
            (
                mark,
                match lang {
                    Lang::Nb => nb.to_string(),
                    Lang::En => en.to_string(),
                },
            )
        })
        .collect()
}

/// The undo dialog's line for a change it passes over.
pub fn passes_over(line: &str, why: &str, lang: Lang) -> String {
    say!(lang,
        nb: "hopper over: {line} ({why})",
        en: "passes over: {line} ({why})")
}

/// The undo dialog's heading for the passed-over changes.
pub fn passes_over_heading(count: usize, lang: Lang) -> String {
    match (lang, count) {
        (Lang::Nb, 1) => "1 nyere endring kan ikke angres og hoppes over:".into(),
        (Lang::Nb, n) => format!("{n} nyere endringer kan ikke angres og hoppes over:"),
        (Lang::En, 1) => "1 newer change cannot be undone and is passed over:".into(),
        (Lang::En, n) => format!("{n} newer changes cannot be undone and are passed over:"),
    }
}

/// The undo dialog's hint on withdrawing a comment or report instead.
pub fn withdraw_hint(lang: Lang) -> String {
    say!(lang,
        nb: "En kommentar eller rapport angres ikke: trekk den tilbake i historikken (Enter, så x).",
        en: "A comment or report is not undone: withdraw it in the history (Enter, then x).")
}

/// The confirmation of withdrawing an event in the TUI.
pub fn withdraw_question(what: &str, lang: Lang) -> String {
    say!(lang,
        nb: "Trekke tilbake: {what}? Den blir stående i loggen, merket som trukket tilbake.",
        en: "Withdraw: {what}? It stays in the log, marked as withdrawn.")
}

/// The withdraw dialog's title.
pub fn withdraw_title(lang: Lang) -> String {
    say!(lang, nb: "Trekk tilbake", en: "Withdraw")
}

/// No comment or report in the open history to withdraw.
pub fn nothing_to_withdraw(lang: Lang) -> String {
    say!(lang,
        nb: "ingen kommentar eller rapport i historikken som kan trekkes tilbake",
        en: "no comment or report in the history that can be withdrawn")
}

/// After a withdrawal in the TUI.
pub fn withdrawn_status(event: i64, lang: Lang) -> String {
    say!(lang,
        nb: "Hendelse {event} er trukket tilbake",
        en: "Event {event} is withdrawn")
}

/// A task due after its assignment's deadline, said after a change that
/// made it so (the change is saved): the CLI's line on stderr, the TUI's
/// note in the status line.
pub fn task_due_after(task: i64, due: &str, parent: i64, parent_due: &str, lang: Lang) -> String {
    say!(lang,
        nb: "merk: oppgave #{task} har frist {due}, etter fristen til oppdrag #{parent} ({parent_due}); endringen er lagret",
        en: "note: task #{task} is due {due}, after the deadline of assignment #{parent} ({parent_due}); the change is saved")
}
