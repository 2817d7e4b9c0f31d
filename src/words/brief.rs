//! The director's briefing in words: its headings and fixed phrases per
//! language, the sentences made from its values, the cells of its tables,
//! and why a window could not be chosen. The writers (Markdown, HTML) only
//! lay these out.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::domain::date::local_date;
use crate::domain::text::sanitize_line;
use crate::domain::{Assessment, Assignment, Field, Lang, WheelEntry};
use crate::report::brief::{Brief, Change, ChangeLine, Edge, Origin, Remark, WindowError};
use crate::words::events::shown_value;
use crate::words::terms::assessment_label;
use crate::words::Label;

/// The table of a language.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

/// Headings and fixed phrases.
pub struct Words {
    /// The language of the table: labels and dates follow it.
    pub lang: Lang,
    pub title: &'static str,
    pub plan_year: &'static str,
    pub as_of: &'static str,
    pub since: &'static str,
    pub until: &'static str,
    pub given: &'static str,
    pub plan_year_start: &'static str,
    pub plan_year_end: &'static str,
    pub figures: &'static str,
    pub assignments: &'static str,
    pub overdue_count: &'static str,
    pub status: &'static str,
    pub assessment: &'static str,
    pub count: &'static str,
    pub all: &'static str,
    pub overdue: &'static str,
    pub no_overdue: &'static str,
    pub changes: &'static str,
    pub no_changes: &'static str,
    pub due_dialog: &'static str,
    pub due_date: &'static str,
    pub no_due: &'static str,
    pub goals: &'static str,
    pub no_goals: &'static str,
    pub unserved_mark: &'static str,
    pub wheel: &'static str,
    pub no_wheel: &'static str,
    pub id: &'static str,
    pub assignment: &'static str,
    pub owner: &'static str,
    pub deadline: &'static str,
    pub days: &'static str,
    pub days_over: &'static str,
    pub last_comment: &'static str,
    pub date: &'static str,
    pub change: &'static str,
    pub by: &'static str,
    pub goal: &'static str,
    pub serving: &'static str,
    pub what: &'static str,
    pub kind: &'static str,
    pub created: &'static str,
    pub comment: &'static str,
    pub report: &'static str,
    pub reported: &'static str,
    pub missing: &'static str,
    /// The heading over the oppdrag whose report is missing or awaits approval.
    pub to_chase: &'static str,
    /// The heading over the vedtak changed in the window.
    pub vedtak: &'static str,
    pub due_word: &'static str,
    pub nobody: &'static str,
}

/// The briefing in Norwegian (bokmål), the directors' language.
pub const NB: Words = Words {
    lang: Lang::Nb,
    title: "Styringsdialog",
    plan_year: "planår",
    as_of: "per",
    since: "Endringer fra",
    until: "Frem til",
    given: "valgt dato",
    plan_year_start: "planårets start; ingen styringsdialog i årshjulet",
    plan_year_end: "planårets slutt; ingen styringsdialog i årshjulet",
    figures: "Nøkkeltall",
    assignments: "oppdrag",
    overdue_count: "forfalt",
    status: "Status",
    assessment: "Vurdering",
    count: "Antall",
    all: "Sektorens oppdrag",
    overdue: "Forfalte oppdrag",
    no_overdue: "Ingen forfalte oppdrag.",
    changes: "Endringer siden",
    no_changes: "Ingen endringer i perioden.",
    due_dialog: "Forfaller før neste styringsdialog",
    due_date: "Forfaller til og med",
    no_due: "Ingen åpne oppdrag forfaller i perioden.",
    goals: "Sektorens delmål",
    no_goals: "Sektoren har ikke ansvar for noen delmål.",
    unserved_mark: "Ingen oppdrag",
    wheel: "Årshjulet frem til",
    no_wheel: "Ingenting i årshjulet i perioden.",
    id: "#",
    assignment: "Oppdrag",
    owner: "Ansvarlig",
    deadline: "Frist",
    days: "Dager",
    days_over: "dager over",
    last_comment: "Siste kommentar",
    date: "Dato",
    change: "Endring",
    by: "Av",
    goal: "Delmål",
    serving: "Oppdrag som bidrar",
    what: "Hva",
    kind: "Type",
    created: "Nytt oppdrag",
    comment: "Kommentar",
    report: "Rapport",
    reported: "levert",
    missing: "mangler",
    to_chase: "Mangler rapport eller venter på godkjenning",
    vedtak: "Vedtak",
    due_word: "frist",
    nobody: "–",
};

/// The briefing in English.
pub const EN: Words = Words {
    lang: Lang::En,
    title: "Governance dialogue",
    plan_year: "plan year",
    as_of: "as of",
    since: "Changes from",
    until: "Until",
    given: "date given",
    plan_year_start: "start of the plan year; no governance dialogue in the annual wheel",
    plan_year_end: "end of the plan year; no governance dialogue in the annual wheel",
    figures: "Key figures",
    assignments: "assignments",
    overdue_count: "overdue",
    status: "Status",
    assessment: "Assessment",
    count: "Count",
    all: "The sector's assignments",
    overdue: "Overdue assignments",
    no_overdue: "No overdue assignments.",
    changes: "Changes since",
    no_changes: "No changes in the period.",
    due_dialog: "Due before the next governance dialogue",
    due_date: "Due up to and including",
    no_due: "No open assignment falls due in the period.",
    goals: "The sector's sub-goals",
    no_goals: "The sector is responsible for no sub-goals.",
    unserved_mark: "No assignment",
    wheel: "The annual wheel until",
    no_wheel: "Nothing in the annual wheel in the period.",
    id: "#",
    assignment: "Assignment",
    owner: "Owner",
    deadline: "Deadline",
    days: "Days",
    days_over: "days over",
    last_comment: "Last comment",
    date: "Date",
    change: "Change",
    by: "By",
    goal: "Sub-goal",
    serving: "Assignments serving it",
    what: "What",
    kind: "Kind",
    created: "New assignment",
    comment: "Comment",
    report: "Report",
    reported: "delivered",
    missing: "missing",
    to_chase: "Report missing or awaiting approval",
    vedtak: "Political decisions",
    due_word: "due",
    nobody: "–",
};

/// Why a window could not be chosen, in one line.
pub fn window_error(error: &WindowError, lang: Lang) -> String {
    match (lang, error) {
        (Lang::Nb, WindowError::NoLastDialog(day)) => format!(
            "ingen styringsdialog før {} i årshjulet (et punkt merket 'styringsdialog'); oppgi --since DATO",
            lang.date(*day)
        ),
        (Lang::Nb, WindowError::NoNextDialog(day)) => format!(
            "ingen styringsdialog etter {} i årshjulet (et punkt merket 'styringsdialog'); oppgi --until DATO",
            lang.date(*day)
        ),
        (Lang::Nb, WindowError::Inverted { since, until }) => format!(
            "--since {} er etter --until {}",
            lang.date(*since),
            lang.date(*until)
        ),
        (Lang::En, WindowError::NoLastDialog(day)) => format!(
            "no governance dialogue before {} in the annual wheel (an entry tagged 'styringsdialog'); give --since DATE",
            lang.date(*day)
        ),
        (Lang::En, WindowError::NoNextDialog(day)) => format!(
            "no governance dialogue after {} in the annual wheel (an entry tagged 'styringsdialog'); give --until DATE",
            lang.date(*day)
        ),
        (Lang::En, WindowError::Inverted { since, until }) => format!(
            "--since {} is after --until {}",
            lang.date(*since),
            lang.date(*until)
        ),
    }
}

/// The briefing's title: "Styringsdialog: OUS – Oppvekst og utdanning".
pub fn title(words: &Words, brief: &Brief) -> String {
    format!(
        "{}: {} – {}",
        words.title,
        clean(&brief.sector.code),
        clean(&brief.sector.name)
    )
}

/// A goal as a line: its code and title.
pub fn goal(goal: &crate::domain::Goal) -> String {
    format!("{} {}", clean(&goal.code), clean(&goal.title))
}

/// "Endringer siden 15.05.2023".
pub fn changes_heading(words: &Words, brief: &Brief) -> String {
    format!(
        "{} {}",
        words.changes,
        words.lang.date(brief.window.since.date)
    )
}

/// "Årshjulet frem til 27.10.2023".
pub fn wheel_heading(words: &Words, brief: &Brief) -> String {
    format!(
        "{} {}",
        words.wheel,
        words.lang.date(brief.window.until.date)
    )
}

/// "Forfalte oppdrag (2)".
pub fn overdue_heading(words: &Words, brief: &Brief) -> String {
    format!("{} ({})", words.overdue, brief.overdue.len())
}

/// Text from the database made safe for one line of a document.
pub fn clean(text: &str) -> String {
    sanitize_line(text).trim().to_string()
}

/// A day or a span of days: `15.05.2023`, `15.05.–26.05.2023`.
pub fn span(start: NaiveDate, end: NaiveDate, lang: Lang) -> String {
    if start == end {
        lang.date(start)
    } else if start.year() == end.year() && lang == Lang::Nb {
        format!("{}–{}", start.format("%d.%m."), lang.date(end))
    } else {
        format!("{}–{}", lang.date(start), lang.date(end))
    }
}

/// The local day of an instant.
pub fn day(at: DateTime<Utc>, lang: Lang) -> String {
    lang.date(local_date(at))
}

/// "15.05.2023 (Styringsdialog 15.05.–26.05.2023)".
pub fn edge(words: &Words, edge: &Edge, start_of_year: bool) -> String {
    let why = match &edge.origin {
        Origin::Given => words.given.to_string(),
        Origin::Dialog { title, start, end } => {
            format!("{} {}", clean(title), span(*start, *end, words.lang))
        }
        Origin::PlanYear if start_of_year => words.plan_year_start.to_string(),
        Origin::PlanYear => words.plan_year_end.to_string(),
    };
    format!("{} ({why})", words.lang.date(edge.date))
}

/// The line under the title: municipality, plan year, as of.
pub fn subtitle(words: &Words, brief: &Brief) -> String {
    format!(
        "{} · {} {} · {} {}",
        clean(&brief.municipality),
        words.plan_year,
        brief.year,
        words.as_of,
        words.lang.date(brief.today)
    )
}

/// "Forfaller før neste styringsdialog (til 27.10.2023)" or by a chosen date.
pub fn due_heading(words: &Words, brief: &Brief) -> String {
    match brief.window.until.origin {
        Origin::Dialog { .. } => format!(
            "{} ({})",
            words.due_dialog,
            words.lang.date(brief.window.until.date)
        ),
        _ => format!(
            "{} {}",
            words.due_date,
            words.lang.date(brief.window.until.date)
        ),
    }
}

/// The words for a value of a field, "Ikke vurdert" for no vurdering.
pub fn value(field: Field, value: Option<&str>, lang: Lang) -> String {
    match (field, value) {
        (Field::Assessment, None) => assessment_label(None, lang).to_string(),
        (field, value) => clean(&shown_value(field, value, lang)),
    }
}

/// What a change line says.
pub fn change(words: &Words, line: &ChangeLine) -> String {
    match &line.change {
        Change::Created => words.created.to_string(),
        Change::Comment(text) => format!("{}: «{}»", words.comment, clean(text)),
        Change::Report { period, comment } => match comment {
            Some(text) => format!("{} {}: «{}»", words.report, clean(period), clean(text)),
            None => format!("{} {}", words.report, clean(period)),
        },
        Change::Field { field, from, to } => {
            let label = field.label(words.lang);
            let mut label_chars = label.chars();
            let label: String = label_chars
                .next()
                .map(|c| c.to_uppercase().chain(label_chars).collect())
                .unwrap_or_default();
            format!(
                "{label}: {} → {}",
                value(*field, from.as_deref(), words.lang),
                value(*field, to.as_deref(), words.lang)
            )
        }
    }
}

/// The headline's figures: "5 oppdrag · 2 forfalt · rapport 2. tertial
/// (frist 12.09.2023): 3 levert, 2 mangler".
pub fn headline(words: &Words, brief: &Brief) -> String {
    let f = &brief.figures;
    let mut line = format!(
        "{} {} · {} {}",
        f.assignments, words.assignments, f.overdue, words.overdue_count
    );
    if let Some(r) = &f.reports {
        line.push_str(&format!(
            " · {} {} ({} {}): {}",
            words.report.to_lowercase(),
            clean(&r.period.label),
            words.due_word,
            words.lang.date(r.period.report_due),
            if r.deadline_passed {
                crate::words::council::report_counts(
                    r.missing.len(),
                    r.awaiting.len(),
                    r.approved.len(),
                    words.lang,
                )
            } else {
                crate::words::council::given_counts(r.awaiting.len(), r.approved.len(), words.lang)
            }
        ));
    }
    line
}

/// The state of the oppdrag's report for the period being reported on:
/// "mangler" (after the deadline), "venter", "godkjent", or nothing.
pub fn report_state(words: &Words, brief: &Brief, id: i64) -> String {
    brief
        .figures
        .reports
        .as_ref()
        .and_then(|r| r.kind_of(id))
        .map_or(String::new(), |kind| {
            crate::words::council::kind_label(kind, words.lang).to_string()
        })
}

/// Who made a change.
pub fn actors(line: &ChangeLine) -> String {
    line.actors
        .iter()
        .map(|a| clean(a))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "«waiting for the budget» (Ola, 15.08.2023)".
pub fn remark(words: &Words, remark: Option<&Remark>) -> String {
    match remark {
        Some(r) => format!(
            "«{}» ({}, {})",
            clean(&r.text),
            clean(&r.actor),
            day(r.at, words.lang)
        ),
        None => words.nobody.to_string(),
    }
}

/// The owner, or a dash.
pub fn owner(words: &Words, a: &Assignment) -> String {
    if a.owner.trim().is_empty() {
        words.nobody.to_string()
    } else {
        clean(&a.owner)
    }
}

/// The deadline, with days overdue when late: "01.06.2023 (111 dager over)".
pub fn deadline_state(words: &Words, a: &Assignment, today: NaiveDate) -> String {
    match a.days_overdue(crate::domain::Today(today)) {
        Some(days) => format!("{} ({days} {})", deadline(words, a), words.days_over),
        None => deadline(words, a),
    }
}

/// The deadline, or a dash.
pub fn deadline(words: &Words, a: &Assignment) -> String {
    a.due
        .map(|d| words.lang.date(d))
        .unwrap_or_else(|| words.nobody.to_string())
}

/// "#12 Title (HOM, Pågår)".
pub fn serving(a: &Assignment, lang: Lang) -> String {
    format!(
        "#{} {} ({}, {})",
        a.id,
        clean(&a.title),
        clean(&a.lead_sector),
        a.status.label(lang)
    )
}

/// The vurdering's words.
pub fn assessment(a: Option<Assessment>, lang: Lang) -> &'static str {
    assessment_label(a, lang)
}

/// "Styringsdialog" plus the sector when the entry is one sector's.
pub fn wheel_title(entry: &WheelEntry) -> String {
    match &entry.sector {
        Some(sector) => format!("{} ({})", clean(&entry.title), clean(sector)),
        None => clean(&entry.title),
    }
}

/// The cells of the briefing's tables as plain text, one list per row; each
/// writer escapes them for its format.
pub mod rows {
    use super::*;

    /// Every oppdrag of the sector: id, title, status, vurdering, deadline, report.
    pub fn assignments(w: &Words, brief: &Brief) -> Vec<Vec<String>> {
        brief
            .assignments
            .iter()
            .map(|a| {
                vec![
                    a.id.to_string(),
                    clean(&a.title),
                    a.status.label(w.lang).to_string(),
                    assessment(a.assessment, w.lang).to_string(),
                    deadline_state(w, a, brief.today),
                    report_state(w, brief, a.id),
                ]
            })
            .collect()
    }

    /// The oppdrag whose report is missing, then those awaiting approval:
    /// id, title, owner, report state.
    pub fn to_chase(w: &Words, brief: &Brief) -> Vec<Vec<String>> {
        let Some(r) = &brief.figures.reports else {
            return Vec::new();
        };
        r.missing
            .iter()
            .chain(&r.awaiting)
            .filter_map(|id| brief.assignments.iter().find(|a| a.id == *id))
            .map(|a| {
                vec![
                    a.id.to_string(),
                    clean(&a.title),
                    owner(w, a),
                    report_state(w, brief, a.id),
                ]
            })
            .collect()
    }

    /// Overdue oppdrag: id, title, owner, deadline, days, last comment.
    pub fn overdue(w: &Words, brief: &Brief) -> Vec<Vec<String>> {
        brief
            .overdue
            .iter()
            .map(|o| {
                vec![
                    o.assignment.id.to_string(),
                    clean(&o.assignment.title),
                    owner(w, &o.assignment),
                    deadline(w, &o.assignment),
                    o.days.to_string(),
                    remark(w, o.last_comment.as_ref()),
                ]
            })
            .collect()
    }

    /// Oppdrag falling due: id, title, owner, deadline, status, vurdering.
    pub fn due(w: &Words, brief: &Brief) -> Vec<Vec<String>> {
        brief
            .due
            .iter()
            .map(|a| {
                vec![
                    a.id.to_string(),
                    clean(&a.title),
                    owner(w, a),
                    deadline(w, a),
                    a.status.label(w.lang).to_string(),
                    assessment(a.assessment, w.lang).to_string(),
                ]
            })
            .collect()
    }

    /// Årshjul entries: dates, what, kind.
    pub fn wheel(w: &Words, brief: &Brief) -> Vec<Vec<String>> {
        brief
            .wheel
            .iter()
            .map(|e| {
                vec![
                    span(e.start, e.end, w.lang),
                    wheel_title(e),
                    e.kind.label(w.lang).to_string(),
                ]
            })
            .collect()
    }

    /// The cells with `escape` applied.
    pub fn escaped(rows: Vec<Vec<String>>, escape: impl Fn(&str) -> String) -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|r| r.iter().map(|c| escape(c)).collect())
            .collect()
    }
}
