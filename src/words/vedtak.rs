//! Political decisions (vedtak) in words: their kinds, states and fields,
//! the rules they keep, and what `styr vedtak` writes for people.

use chrono::NaiveDate;

use super::{Label, Lang};
use crate::domain::date::iso;
use crate::domain::text::sanitize_line;
use crate::domain::{DecisionKind, DecisionRule, DecisionState, Entity};

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

/// A date as the language writes it.
pub fn day(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb => lang.date(date),
        Lang::En => iso(date),
    }
}

/// What a decision is called inside a sentence.
pub fn decision_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "vedtak",
        Lang::En => "decision",
    }
}

/// What a political body is called inside a sentence.
pub fn body_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "organ",
        Lang::En => "body",
    }
}

/// A decision's or body's field as the catalog log names it, in words.
pub fn field(field: &str, lang: Lang) -> &'static str {
    match (lang, field) {
        (Lang::Nb, "body") => "organ",
        (Lang::Nb, "date") => "møtedato",
        (Lang::Nb, "case") => "saksnummer",
        (Lang::Nb, "title") => "tittel",
        (Lang::Nb, "text") => "vedtakstekst",
        (Lang::Nb, "kind") => "type",
        (Lang::Nb, "assignments") => "oppdrag",
        (Lang::Nb, "closed") => "kvittert ut",
        (Lang::Nb, "comment") => "kommentar",
        (Lang::Nb, "name") => "navn",
        (Lang::Nb, "short") => "forkortelse",
        (Lang::Nb, _) => "felt",
        (Lang::En, "body") => "body",
        (Lang::En, "date") => "meeting date",
        (Lang::En, "case") => "case number",
        (Lang::En, "title") => "title",
        (Lang::En, "text") => "decision text",
        (Lang::En, "kind") => "kind",
        (Lang::En, "assignments") => "assignments",
        (Lang::En, "closed") => "closed",
        (Lang::En, "comment") => "comment",
        (Lang::En, "name") => "name",
        (Lang::En, "short") => "abbreviation",
        (Lang::En, _) => "field",
    }
}

impl Label for DecisionKind {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, DecisionKind::Vedtak) => "vedtak",
            (Lang::Nb, DecisionKind::Verbalvedtak) => "verbalvedtak",
            (Lang::Nb, DecisionKind::Budsjettvedtak) => "budsjettvedtak",
            (Lang::En, DecisionKind::Vedtak) => "decision",
            (Lang::En, DecisionKind::Verbalvedtak) => "verbal decision",
            (Lang::En, DecisionKind::Budsjettvedtak) => "budget decision",
        }
    }
}

impl Label for DecisionState {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, DecisionState::NotStarted) => "Ikke startet",
            (Lang::Nb, DecisionState::UnderWay) => "Pågår",
            (Lang::Nb, DecisionState::Done) => "Fullført",
            (Lang::Nb, DecisionState::Closed) => "Kvittert ut",
            (Lang::En, DecisionState::NotStarted) => "Not started",
            (Lang::En, DecisionState::UnderWay) => "In progress",
            (Lang::En, DecisionState::Done) => "Done",
            (Lang::En, DecisionState::Closed) => "Closed",
        }
    }
}

/// The mark after a state when one of the decision's oppdrag is overdue.
pub fn overdue_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "forfalt",
        Lang::En => "overdue",
    }
}

/// A decision or body changed by someone else since it was read.
pub fn changed_since(entity: Entity, id: i64, lang: Lang) -> String {
    match entity {
        Entity::Body => say!(lang,
            nb: "organ {id} er endret av noen andre siden du hentet det; ingenting ble lagret",
            en: "body {id} was changed by someone else since you read it; nothing was saved"),
        _ => say!(lang,
            nb: "vedtak {id} er endret av noen andre siden du hentet det; ingenting ble lagret",
            en: "decision {id} was changed by someone else since you read it; nothing was saved"),
    }
}

impl DecisionRule {
    /// The broken rule, in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DecisionRule::BadCase(text) => {
                let text = safe(text);
                say!(lang,
                    nb: "'{text}' er ikke et saksnummer (skriv nummer/år, f.eks. 283/21)",
                    en: "'{text}' is not a case number (write number/year, e.g. 283/21)")
            }
            DecisionRule::CaseYearDiffers { case, date } => {
                let (case, date) = (safe(case), day(*date, lang));
                say!(lang,
                    nb: "saksnummer {case} er fra et annet år enn møtet {date}",
                    en: "case number {case} is from another year than the meeting on {date}")
            }
            DecisionRule::MeetingAfterToday { date, today } => {
                let (date, today) = (day(*date, lang), day(*today, lang));
                say!(lang,
                    nb: "møtedatoen {date} er etter i dag ({today}); et vedtak føres når det er fattet",
                    en: "the meeting date {date} is after today ({today}); a decision is entered once it is made")
            }
            DecisionRule::UnknownKind(text) => {
                let text = safe(text);
                say!(lang,
                    nb: "ukjent vedtakstype '{text}' (vedtak, verbalvedtak eller budsjettvedtak)",
                    en: "unknown decision kind '{text}' (vedtak, verbalvedtak or budsjettvedtak)")
            }
            DecisionRule::UnknownBody { name, known } if known.is_empty() => {
                let name = safe(name);
                say!(lang,
                    nb: "ukjent organ '{name}' (ingen organer ennå; legg til med styr vedtak body add)",
                    en: "unknown body '{name}' (no bodies yet; add one with styr vedtak body add)")
            }
            DecisionRule::UnknownBody { name, known } => {
                let name = safe(name);
                let known = safe(&known.join(", "));
                say!(lang,
                    nb: "ukjent organ '{name}' (kjente: {known}; legg til med styr vedtak body add)",
                    en: "unknown body '{name}' (known: {known}; add one with styr vedtak body add)")
            }
            DecisionRule::EmptyBodyName => say!(lang,
                nb: "et organ må ha et navn",
                en: "a body needs a name"),
            DecisionRule::BodyExists(name) => {
                let name = safe(name);
                say!(lang,
                    nb: "organet '{name}' har allerede det navnet eller den forkortelsen",
                    en: "the body '{name}' already has that name or abbreviation")
            }
            DecisionRule::BodyInUse { name, decisions } => {
                let name = safe(name);
                let ids = ids(decisions);
                say!(lang,
                    nb: "'{name}' kan ikke fjernes: vedtak {ids} er fattet av det",
                    en: "'{name}' cannot be removed: decisions {ids} were made by it")
            }
            DecisionRule::NotPrintable(text) => {
                let text = safe(text);
                say!(lang,
                    nb: "'{text}' inneholder kontrolltegn",
                    en: "'{text}' contains control characters")
            }
            DecisionRule::TooLong { field: name, chars } => {
                let (name, max) = (field(name, lang), crate::domain::text::MAX_FIELD_CHARS);
                say!(lang,
                    nb: "{name} er {chars} tegn; høyst {max} er tillatt",
                    en: "{name} is {chars} characters; at most {max} are allowed")
            }
            DecisionRule::UnknownDecision(id) => say!(lang,
                nb: "det finnes ikke noe vedtak med id {id}",
                en: "no decision with id {id}"),
            DecisionRule::UnknownBodyId(id) => say!(lang,
                nb: "det finnes ikke noe organ med id {id}",
                en: "no body with id {id}"),
            DecisionRule::AlreadyClosed { decision, on } => {
                let on = day(*on, lang);
                say!(lang,
                    nb: "vedtak {decision} ble kvittert ut {on} (ta det inn igjen med styr vedtak reopen {decision})",
                    en: "decision {decision} was closed on {on} (take it back with styr vedtak reopen {decision})")
            }
            DecisionRule::NotClosed(id) => say!(lang,
                nb: "vedtak {id} er ikke kvittert ut",
                en: "decision {id} is not closed"),
            DecisionRule::CloseNeedsComment => say!(lang,
                nb: "å kvittere ut et vedtak krever en kommentar (--comment) som sier hvorfor",
                en: "closing a decision needs a comment (--comment) saying why"),
            DecisionRule::AlreadyLinked {
                decision,
                assignment,
            } => say!(lang,
                nb: "oppdrag {assignment} er allerede knyttet til vedtak {decision}",
                en: "assignment {assignment} is already linked to decision {decision}"),
            DecisionRule::TaskLinked { task, parent } => task_not_linked(*task, *parent, lang),
            DecisionRule::NotLinked {
                decision,
                assignment,
            } => say!(lang,
                nb: "oppdrag {assignment} er ikke knyttet til vedtak {decision}",
                en: "assignment {assignment} is not linked to decision {decision}"),
            DecisionRule::NothingToChange(id) => say!(lang,
                nb: "ingenting å endre på vedtak {id} (gi en ny verdi eller --comment)",
                en: "nothing to change on decision {id} (give a new value or --comment)"),
        }
    }
}

fn ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a decision is cited: "Formannskapet 15.12.2021, sak 283/21".
pub fn citation(body: &str, date: NaiveDate, case: &str, lang: Lang) -> String {
    let (body, date, case) = (safe(body), day(date, lang), safe(case));
    say!(lang,
        nb: "{body} {date}, sak {case}",
        en: "{body} {date}, case {case}")
}

/// The headings of `vedtak list`.
pub fn list_headings(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Nb => ["ID", "Dato", "Organ", "Sak", "Type", "Status", "Vedtak"],
        Lang::En => ["ID", "Date", "Body", "Case", "Kind", "State", "Decision"],
    }
}

/// The heading over the oppdrag column of `vedtak list`.
pub fn assignments_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Oppdrag",
        Lang::En => "Assignments",
    }
}

/// The headings of `vedtak body list`.
pub fn body_headings(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nb => ["ID", "Navn", "Forkortelse"],
        Lang::En => ["ID", "Name", "Abbreviation"],
    }
}

/// When there are no decisions to list.
pub fn none_listed(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Ingen vedtak.",
        Lang::En => "No decisions.",
    }
}

/// The labels of `vedtak show`, in the order shown.
pub struct ShowLabels {
    pub body: &'static str,
    pub date: &'static str,
    pub case: &'static str,
    pub kind: &'static str,
    pub state: &'static str,
    pub text: &'static str,
    pub assignments: &'static str,
    pub latest: &'static str,
    pub history: &'static str,
    pub none: &'static str,
}

/// The labels of `vedtak show` (and the TUI's detail) in a language.
pub fn show_labels(lang: Lang) -> ShowLabels {
    match lang {
        Lang::Nb => ShowLabels {
            body: "Organ",
            date: "Møtedato",
            case: "Saksnummer",
            kind: "Type",
            state: "Status",
            text: "Vedtakstekst",
            assignments: "Oppdrag",
            latest: "Siste kommentar",
            history: "Historikk",
            none: "(ingen)",
        },
        Lang::En => ShowLabels {
            body: "Body",
            date: "Meeting date",
            case: "Case number",
            kind: "Kind",
            state: "State",
            text: "Decision text",
            assignments: "Assignments",
            latest: "Latest comment",
            history: "History",
            none: "(none)",
        },
    }
}

/// A state with the overdue mark when one of its oppdrag is overdue.
pub fn state(state: DecisionState, overdue: bool, closed: Option<NaiveDate>, lang: Lang) -> String {
    let word = state.label(lang);
    match (closed, overdue) {
        (Some(on), _) => format!("{word} {}", day(on, lang)),
        (None, true) => format!("{word} ({})", overdue_mark(lang)),
        (None, false) => word.to_string(),
    }
}

/// Who said the latest comment, when, and where: "Kari, 05.09.2023 (oppdrag #7)".
pub fn comment_source(actor: &str, on: NaiveDate, assignment: Option<i64>, lang: Lang) -> String {
    let (actor, on) = (safe(actor), day(on, lang));
    match assignment {
        Some(id) => say!(lang,
            nb: "{actor}, {on} (oppdrag #{id})",
            en: "{actor}, {on} (assignment #{id})"),
        None => format!("{actor}, {on}"),
    }
}

/// After `vedtak add`.
pub fn added(id: i64, title: &str, lang: Lang) -> String {
    let title = safe(title);
    say!(lang,
        nb: "La til vedtak {id}: {title}",
        en: "Added decision {id}: {title}")
}

/// After a change of a decision: its id and each change in words.
pub fn changed(id: i64, changes: &str, lang: Lang) -> String {
    say!(lang,
        nb: "Vedtak {id}: {changes}",
        en: "Decision {id}: {changes}")
}

/// After `vedtak body add`.
pub fn body_added(name: &str, lang: Lang) -> String {
    let name = safe(name);
    say!(lang,
        nb: "La til organet {name}",
        en: "Added the body {name}")
}

/// After `vedtak body rm`.
pub fn body_removed(name: &str, lang: Lang) -> String {
    let name = safe(name);
    say!(lang,
        nb: "Fjernet organet {name} (loggen beholder det)",
        en: "Removed the body {name} (the log keeps it)")
}

/// `vedtak edit` without anything to change.
pub fn nothing_given(lang: Lang) -> String {
    say!(lang,
        nb: "ingenting å endre: gi --body, --date, --case, --title, --text, --kind eller --comment",
        en: "nothing to change: give --body, --date, --case, --title, --text, --kind or --comment")
}

/// `vedtak close` on a day before the meeting.
pub fn closed_before_meeting(id: i64, on: NaiveDate, meeting: NaiveDate, lang: Lang) -> String {
    let (on, meeting) = (day(on, lang), day(meeting, lang));
    say!(lang,
        nb: "vedtak {id} kan ikke kvitteres ut {on}, før møtet {meeting}",
        en: "decision {id} cannot be closed on {on}, before its meeting on {meeting}")
}

/// After an oppdrag was linked to a decision.
pub fn created_from(assignment: i64, decision: i64, lang: Lang) -> String {
    say!(lang,
        nb: "Oppdrag {assignment} er knyttet til vedtak {decision}",
        en: "Assignment {assignment} is linked to decision {decision}")
}

/// The TUI's view: its title, and the line when there is nothing.
pub fn view_title(count: usize, lang: Lang) -> String {
    say!(lang,
        nb: "Vedtak ({count})",
        en: "Decisions ({count})")
}

/// A header of a decision list that names no column.
pub fn unknown_column(at: &str, header: &str, lang: Lang) -> String {
    let header = safe(header);
    say!(lang,
        nb: "{at}: ukjent kolonne '{header}' (kjente: Organ, Møtedato, Saksnummer, Tittel, Vedtakstekst, Type, Oppdrag)",
        en: "{at}: unknown column '{header}' (known: Body, Date, Case, Title, Text, Kind, Assignments)")
}

/// A decision list without a required column.
pub fn missing_column(file: &str, column: &str, lang: Lang) -> String {
    let file = safe(file);
    say!(lang,
        nb: "{file}: mangler kolonnen {column}",
        en: "{file}: the column {column} is missing")
}

/// After `vedtak import`: how many added (or would be), and passed over.
pub fn imported(added: usize, known: usize, dry_run: bool, lang: Lang) -> String {
    match (lang, dry_run) {
        (Lang::Nb, false) => format!("La til {added} vedtak; {known} fantes fra før"),
        (Lang::Nb, true) => {
            format!("Ville lagt til {added} vedtak; {known} finnes fra før (ingenting skrevet)")
        }
        (Lang::En, false) => format!("Added {added} decisions; {known} were there already"),
        (Lang::En, true) => {
            format!("Would add {added} decisions; {known} are there already (nothing written)")
        }
    }
}

/// The TUI's vedtak view: its keys, dialogs and refusals.
pub fn close_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "kvitter ut vedtaket, eller gjenåpne det",
        Lang::En => "close (sign off) the decision, or reopen it",
    }
}

pub fn link_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "knytt et oppdrag til vedtaket",
        Lang::En => "link an assignment to the decision",
    }
}

pub fn unlink_key(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "løs et oppdrag fra vedtaket",
        Lang::En => "unlink an assignment from the decision",
    }
}

/// Where the vedtak view's keys apply, in the help.
pub fn scope_vedtak(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "i vedtaksvisningen",
        Lang::En => "in the decisions view",
    }
}

/// The vedtak view's key line: what closes it and what changes it.
pub fn view_hint(
    back: &str,
    close_view: &str,
    close: &str,
    link: &str,
    unlink: &str,
    lang: Lang,
) -> String {
    say!(lang,
        nb: "{back}/{close_view} lukk · {close} kvitter ut/gjenåpne · {link} knytt · {unlink} løs",
        en: "{back}/{close_view} close · {close} sign off/reopen · {link} link · {unlink} unlink")
}

pub fn close_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Kvitter ut vedtak",
        Lang::En => "Close decision",
    }
}

pub fn reopen_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Gjenåpne vedtak",
        Lang::En => "Reopen decision",
    }
}

pub fn link_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Knytt oppdrag til vedtak",
        Lang::En => "Link assignment to decision",
    }
}

pub fn unlink_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Løs oppdrag fra vedtak",
        Lang::En => "Unlink assignment from decision",
    }
}

/// The field for an oppdrag's number.
pub fn label_number(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Oppdrag nr.",
        Lang::En => "Assignment no.",
    }
}

/// The comment field when closing, where a comment is required.
pub fn label_why_closed(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Kommentar (påkrevd)",
        Lang::En => "Comment (required)",
    }
}

/// Closing, in the dialog: on which day.
pub fn close_body(on: NaiveDate, lang: Lang) -> String {
    let on = day(on, lang);
    say!(lang,
        nb: "Vedtaket kvitteres ut {on}. Si hvorfor i kommentaren.",
        en: "The decision is closed on {on}. Say why in the comment.")
}

/// Reopening, in the dialog: since when it was closed.
pub fn reopen_body(closed: NaiveDate, lang: Lang) -> String {
    let closed = day(closed, lang);
    say!(lang,
        nb: "Vedtaket ble kvittert ut {closed}, og følges opp igjen.",
        en: "The decision was closed on {closed}, and is followed up again.")
}

/// The unlink dialog: which oppdrag are linked.
pub fn linked_now(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Knyttet til vedtaket (velg med ↑/↓):",
        Lang::En => "Linked to the decision (choose with ↑/↓):",
    }
}

/// Text typed where an oppdrag's number belongs that is not one.
pub fn not_a_number(text: &str, lang: Lang) -> String {
    let text = safe(text);
    say!(lang,
        nb: "«{text}» er ikke et oppdragsnummer (skriv 12 eller #12)",
        en: "“{text}” is not an assignment number (type 12 or #12)")
}

/// A task cannot follow a decision up; its oppdrag can.
pub fn task_not_linked(id: i64, parent: i64, lang: Lang) -> String {
    say!(lang,
        nb: "#{id} er en oppgave under oppdrag #{parent}; knytt oppdraget til vedtaket",
        en: "#{id} is a task under assignment #{parent}; link the assignment to the decision")
}

/// Closing from the dialog with the comment left empty.
pub fn close_needs_comment(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Skriv en kommentar som sier hvorfor vedtaket kvitteres ut",
        Lang::En => "Write a comment saying why the decision is closed",
    }
}

/// Unlinking from a decision that has no oppdrag.
pub fn none_linked(id: i64, lang: Lang) -> String {
    say!(lang,
        nb: "vedtak {id} har ingen oppdrag knyttet til seg",
        en: "decision {id} has no assignments linked to it")
}

/// Changing with no decision in the view.
pub fn no_decision(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Ingen vedtak er valgt",
        Lang::En => "No decision is selected",
    }
}

/// After a decision was changed from the TUI.
pub fn saved(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Vedtak lagret",
        Lang::En => "Decision saved",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_words_in_both_languages() {
        let date = NaiveDate::from_ymd_opt(2021, 12, 15).unwrap();
        let rules = [
            DecisionRule::BadCase("x".into()),
            DecisionRule::CaseYearDiffers {
                case: "283/22".into(),
                date,
            },
            DecisionRule::MeetingAfterToday { date, today: date },
            DecisionRule::UnknownKind("x".into()),
            DecisionRule::UnknownBody {
                name: "x".into(),
                known: vec![],
            },
            DecisionRule::UnknownBody {
                name: "x".into(),
                known: vec!["Kommunestyret".into()],
            },
            DecisionRule::EmptyBodyName,
            DecisionRule::BodyExists("x".into()),
            DecisionRule::BodyInUse {
                name: "x".into(),
                decisions: vec![1, 2],
            },
            DecisionRule::NotPrintable("x".into()),
            DecisionRule::TooLong {
                field: "title",
                chars: 30_000,
            },
            DecisionRule::UnknownDecision(1),
            DecisionRule::UnknownBodyId(1),
            DecisionRule::AlreadyClosed {
                decision: 1,
                on: date,
            },
            DecisionRule::NotClosed(1),
            DecisionRule::CloseNeedsComment,
            DecisionRule::AlreadyLinked {
                decision: 1,
                assignment: 2,
            },
            DecisionRule::NotLinked {
                decision: 1,
                assignment: 2,
            },
            DecisionRule::TaskLinked { task: 3, parent: 2 },
            DecisionRule::NothingToChange(1),
        ];
        for rule in rules {
            let (nb, en) = (rule.message(Lang::Nb), rule.message(Lang::En));
            assert!(!nb.is_empty() && !en.is_empty());
            assert_ne!(nb, en, "{rule:?}");
            assert!(!nb.contains('\n') && !en.contains('\n'));
        }
    }
}
