//! The municipality's reporting rhythm, sign-off and the report to
//! kommunestyret in words: refusals, confirmations, the approval states and
//! the council report's headings.

use crate::domain::approval::{ApprovalRule, ReportKind, ReportState, APPROVED, SENT_BACK};
use crate::domain::period_change::PeriodChangeRule;
use crate::domain::text::sanitize_line;
use crate::domain::{Event, Lang, Period};

macro_rules! say {
    ($lang:expr, nb: $nb:literal, en: $en:literal $(,)?) => {
        match $lang {
            Lang::Nb => format!($nb),
            Lang::En => format!($en),
        }
    };
}

fn safe(text: &str) -> String {
    sanitize_line(text).into_owned()
}

fn ids(assignments: &[i64]) -> String {
    assignments
        .iter()
        .map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A broken sign-off rule, in one line.
pub fn approval_rule(rule: &ApprovalRule, lang: Lang) -> String {
    match rule {
        ApprovalRule::NoReport { assignment, period } => say!(lang,
            nb: "#{assignment} har ingen rapport for {period} å godkjenne",
            en: "#{assignment} has no report for {period} to approve"),
        ApprovalRule::OwnReport { assignment, period } => say!(lang,
            nb: "du skrev rapporten for {period} på #{assignment} selv; en annen må godkjenne eller sende den tilbake",
            en: "you wrote the report for {period} on #{assignment}; someone else must approve or send it back"),
        ApprovalRule::AlreadyApproved {
            assignment,
            period,
            by,
        } => {
            let by = safe(by);
            say!(lang,
                nb: "rapporten for {period} på #{assignment} er allerede godkjent av {by}",
                en: "the report for {period} on #{assignment} is already approved by {by}")
        }
        ApprovalRule::NoComment { assignment } => say!(lang,
            nb: "si hvorfor rapporten på #{assignment} sendes tilbake (--comment)",
            en: "say why the report on #{assignment} is sent back (--comment)"),
    }
}

/// A broken rule for changing the periods, in one line.
pub fn period_rule(rule: &PeriodChangeRule, lang: Lang) -> String {
    match rule {
        PeriodChangeRule::Overlaps {
            id,
            other,
            start,
            end,
        } => {
            let (start, end) = (lang.date(*start), lang.date(*end));
            say!(lang,
                nb: "{id} overlapper {other} ({start} – {end}); perioder i samme år kan ikke overlappe",
                en: "{id} overlaps {other} ({start} – {end}); periods of one year cannot overlap")
        }
        PeriodChangeRule::Orphans { id, assignments } => {
            let count = assignments.len();
            let list = ids(assignments);
            say!(lang,
                nb: "{id} har rapporter på {count} oppdrag ({list}) som ville mistet perioden sin",
                en: "{id} has reports on {count} assignments ({list}) that would lose their period")
        }
        PeriodChangeRule::NothingToChange(id) => say!(lang,
            nb: "ingenting å endre i {id} (gi --code, --label, --start, --end eller --due)",
            en: "nothing to change in {id} (give --code, --label, --start, --end or --due)"),
    }
}

/// An `approval` event in one line: "godkjenning 2023-T2: godkjent".
pub fn describe_approval(event: &Event, lang: Lang) -> String {
    let period = event.period.as_deref().unwrap_or("?");
    let what = match event.new.as_deref() {
        Some(APPROVED) => decision_word(true, lang),
        Some(SENT_BACK) => decision_word(false, lang),
        other => return format!("{period}: {other:?}"),
    };
    match lang {
        Lang::Nb => format!("godkjenning {period}: {what}"),
        Lang::En => format!("approval {period}: {what}"),
    }
}

fn decision_word(approved: bool, lang: Lang) -> &'static str {
    match (approved, lang) {
        (true, Lang::Nb) => "godkjent",
        (true, Lang::En) => "approved",
        (false, Lang::Nb) => "sendt tilbake",
        (false, Lang::En) => "sent back",
    }
}

/// A report's state, short: "mangler", "venter på godkjenning", "godkjent".
pub fn state_label(state: &ReportState, lang: Lang) -> &'static str {
    match (state, lang) {
        (ReportState::Missing, Lang::Nb) => "mangler",
        (ReportState::Missing, Lang::En) => "missing",
        (
            ReportState::Awaiting {
                sent_back: Some(_), ..
            },
            Lang::Nb,
        ) => "sendt tilbake",
        (
            ReportState::Awaiting {
                sent_back: Some(_), ..
            },
            Lang::En,
        ) => "sent back",
        (ReportState::Awaiting { .. }, Lang::Nb) => "venter på godkjenning",
        (ReportState::Awaiting { .. }, Lang::En) => "awaiting approval",
        (ReportState::Approved { .. }, Lang::Nb) => "godkjent",
        (ReportState::Approved { .. }, Lang::En) => "approved",
    }
}

/// Who decided, or who wrote, in a cell: "godkjent av leder", "skrevet av kari".
pub fn state_detail(state: &ReportState, lang: Lang) -> String {
    match state {
        ReportState::Missing => String::new(),
        ReportState::Awaiting {
            sent_back: Some(d), ..
        } => {
            let by = safe(&d.by);
            let why = safe(d.comment.as_deref().unwrap_or(""));
            say!(lang, nb: "av {by}: {why}", en: "by {by}: {why}")
        }
        ReportState::Awaiting { author, .. } => {
            let author = safe(author);
            say!(lang, nb: "skrevet av {author}", en: "written by {author}")
        }
        ReportState::Approved { approval, .. } => {
            let by = safe(&approval.by);
            say!(lang, nb: "av {by}", en: "by {by}")
        }
    }
}

/// What `approve` / `send-back` wrote, in one line.
pub fn decided(id: i64, period: &str, approved: bool, lang: Lang) -> String {
    let what = decision_word(approved, lang);
    say!(lang,
        nb: "#{id}: rapporten for {period} er {what}",
        en: "#{id}: the report for {period} is {what}")
}

/// What `periods add | edit | rm` did, in one line.
pub fn period_written(period: &Period, change: PeriodWrite, lang: Lang) -> String {
    let id = period.id();
    let label = safe(&period.label);
    let (start, end, due) = (
        lang.date(period.start),
        lang.date(period.end),
        lang.date(period.report_due),
    );
    match change {
        PeriodWrite::Added => say!(lang,
            nb: "la til {id} {label} ({start} – {end}, rapport innen {due})",
            en: "added {id} {label} ({start} – {end}, report due {due})"),
        PeriodWrite::Changed => say!(lang,
            nb: "endret {id} {label} ({start} – {end}, rapport innen {due})",
            en: "changed {id} {label} ({start} – {end}, report due {due})"),
        PeriodWrite::Removed => say!(lang,
            nb: "fjernet {id} {label}",
            en: "removed {id} {label}"),
    }
}

/// Which change to the periods a confirmation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodWrite {
    Added,
    Changed,
    Removed,
}

/// The refusal when no period is named and none is being reported on.
pub fn no_reporting_period(lang: Lang) -> String {
    say!(lang,
        nb: "ingen periode er avsluttet ennå; angi --period ÅR-KODE",
        en: "no period has ended yet; give --period YEAR-CODE")
}

/// Headings of `styr approvals`' table.
pub struct ApprovalColumns {
    pub id: &'static str,
    pub sector: &'static str,
    pub title: &'static str,
    pub state: &'static str,
    pub detail: &'static str,
}

/// The column headings of the approval listing.
pub fn approval_columns(lang: Lang) -> ApprovalColumns {
    match lang {
        Lang::Nb => ApprovalColumns {
            id: "id",
            sector: "sektor",
            title: "oppdrag",
            state: "rapport",
            detail: "merknad",
        },
        Lang::En => ApprovalColumns {
            id: "id",
            sector: "sector",
            title: "assignment",
            state: "report",
            detail: "note",
        },
    }
}

/// "2023-T2 2. tertial: 20 godkjent, 5 venter, 7 mangler".
pub fn approval_summary(
    period: &Period,
    approved: usize,
    awaiting: usize,
    missing: usize,
    lang: Lang,
) -> String {
    let id = period.id();
    let label = safe(&period.label);
    say!(lang,
        nb: "{id} {label}: {approved} godkjent, {awaiting} venter på godkjenning, {missing} mangler",
        en: "{id} {label}: {approved} approved, {awaiting} awaiting approval, {missing} missing")
}

/// The council report's headings and fixed phrases.
pub struct CouncilWords {
    pub figures: &'static str,
    pub figures_sheet: &'static str,
    pub figure_headers: [&'static str; 9],
    pub no_sectors: &'static str,
    pub deviations: &'static str,
    pub deviations_sheet: &'static str,
    pub deviation_headers: [&'static str; 8],
    pub no_deviations: &'static str,
    pub decisions: &'static str,
    pub decisions_sheet: &'static str,
    pub decision_headers: [&'static str; 7],
    pub oppdrag_headers: [&'static str; 7],
    pub no_oppdrag: &'static str,
    pub closed: &'static str,
    pub closed_sheet: &'static str,
    pub closed_headers: [&'static str; 5],
    pub nothing_closed: &'static str,
}

const NB: CouncilWords = CouncilWords {
    figures: "Nøkkeltall per sektor",
    figures_sheet: "Nøkkeltall",
    figure_headers: [
        "Sektor",
        "Navn",
        "Oppdrag",
        "Fullført",
        "Forfalt",
        "Avvik",
        "Godkjent",
        "Venter",
        "Mangler",
    ],
    no_sectors: "Ingen sektorer.",
    deviations: "Avvik",
    deviations_sheet: "Avvik",
    deviation_headers: [
        "Id",
        "Sektor",
        "Oppdrag",
        "Status",
        "Vurdering",
        "Frist",
        "Rapport",
        "Godkjent rapport",
    ],
    no_deviations: "Ingen oppdrag er vurdert til avvik.",
    decisions: "Politiske vedtak",
    decisions_sheet: "Vedtak",
    decision_headers: [
        "Id",
        "Organ",
        "Møtedato",
        "Sak",
        "Tittel",
        "Tilstand",
        "Siste kommentar",
    ],
    oppdrag_headers: [
        "Id",
        "Oppdrag",
        "Status",
        "Vurdering",
        "Frist",
        "Rapport",
        "Godkjent rapport",
    ],
    no_oppdrag: "Ingen oppdrag i perioden.",
    closed: "Avsluttet i perioden",
    closed_sheet: "Avsluttet",
    closed_headers: ["Id", "Sektor", "Oppdrag", "Status", "Dato"],
    nothing_closed: "Ingen oppdrag ble avsluttet i perioden.",
};

const EN: CouncilWords = CouncilWords {
    figures: "Key figures per sector",
    figures_sheet: "Key figures",
    figure_headers: [
        "Sector",
        "Name",
        "Assignments",
        "Done",
        "Overdue",
        "Deviation",
        "Approved",
        "Awaiting",
        "Missing",
    ],
    no_sectors: "No sectors.",
    deviations: "Deviations",
    deviations_sheet: "Deviations",
    deviation_headers: [
        "Id",
        "Sector",
        "Assignment",
        "Status",
        "Assessment",
        "Deadline",
        "Report",
        "Approved report",
    ],
    no_deviations: "No assignment is assessed as a deviation.",
    decisions: "Political decisions",
    decisions_sheet: "Decisions",
    decision_headers: [
        "Id",
        "Body",
        "Meeting",
        "Case",
        "Title",
        "State",
        "Latest comment",
    ],
    oppdrag_headers: [
        "Id",
        "Assignment",
        "Status",
        "Assessment",
        "Deadline",
        "Report",
        "Approved report",
    ],
    no_oppdrag: "No assignments in the period.",
    closed: "Closed in the period",
    closed_sheet: "Closed",
    closed_headers: ["Id", "Sector", "Assignment", "Status", "Date"],
    nothing_closed: "No assignment was closed in the period.",
};

/// The council report's words in a language.
pub fn council_words(lang: Lang) -> &'static CouncilWords {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

/// "Rapport til kommunestyret · Lørenskog · 2023-T2 2. tertial".
pub fn council_title(municipality: &str, period: &Period, lang: Lang) -> String {
    let name = safe(municipality);
    let id = period.id();
    let label = safe(&period.label);
    say!(lang,
        nb: "Rapport til kommunestyret · {name} · {id} {label}",
        en: "Report to the municipal council · {name} · {id} {label}")
}

/// "Perioden 01.05.2023 – 31.08.2023, rapport innen 12.09.2023 · per 20.09.2023".
pub fn council_subtitle(period: &Period, today: chrono::NaiveDate, lang: Lang) -> String {
    let (start, end, due, today) = (
        lang.date(period.start),
        lang.date(period.end),
        lang.date(period.report_due),
        lang.date(today),
    );
    say!(lang,
        nb: "Perioden {start} – {end}, rapport innen {due} · per {today}. Godkjent rapport: teksten i siste rapport for perioden når den er godkjent.",
        en: "The period {start} – {end}, report due {due} · as of {today}. Approved report: the text of the period's latest report once it is approved.")
}

/// The list pane's title part in the awaiting-approval view.
pub fn view_awaiting(period: &str, lang: Lang) -> String {
    say!(lang,
        nb: "visning: venter på godkjenning {period}",
        en: "view: awaiting approval {period}")
}

/// What a reporting period is called where a log names it.
pub fn period_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "periode",
        Lang::En => "period",
    }
}

/// A reporting period's field as the catalog log names it, in words.
pub fn period_field(field: &str, lang: Lang) -> &'static str {
    match (lang, field) {
        (Lang::Nb, "code") => "kode",
        (Lang::Nb, "label") => "navn",
        (Lang::Nb, "start") => "fra",
        (Lang::Nb, "end") => "til",
        (Lang::Nb, "report_due") => "rapportfrist",
        (Lang::Nb, _) => "felt",
        (Lang::En, "code") => "code",
        (Lang::En, "label") => "name",
        (Lang::En, "start") => "from",
        (Lang::En, "end") => "to",
        (Lang::En, "report_due") => "report due",
        (Lang::En, _) => "field",
    }
}
/// A report's state in a list's cell: "mangler", "venter", "godkjent".
pub fn kind_label(kind: ReportKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (ReportKind::Missing, Lang::Nb) => "mangler",
        (ReportKind::Missing, Lang::En) => "missing",
        (ReportKind::Awaiting, Lang::Nb) => "venter",
        (ReportKind::Awaiting, Lang::En) => "awaiting",
        (ReportKind::Approved, Lang::Nb) => "godkjent",
        (ReportKind::Approved, Lang::En) => "approved",
    }
}

/// The header of the column of report states.
pub fn report_column(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Rapport",
        Lang::En => "Report",
    }
}

/// The three states counted: "3 mangler, 2 venter på godkjenning, 5 godkjent".
pub fn report_counts(missing: usize, awaiting: usize, approved: usize, lang: Lang) -> String {
    say!(lang,
        nb: "{missing} mangler, {awaiting} venter på godkjenning, {approved} godkjent",
        en: "{missing} missing, {awaiting} awaiting approval, {approved} approved")
}

/// The two states of given reports counted, before the deadline when
/// nothing is missing yet: "2 venter på godkjenning, 5 godkjent".
pub fn given_counts(awaiting: usize, approved: usize, lang: Lang) -> String {
    say!(lang,
        nb: "{awaiting} venter på godkjenning, {approved} godkjent",
        en: "{awaiting} awaiting approval, {approved} approved")
}

/// Under `list --missing-report`: the period and the three states counted
/// among the assignments the filter lets through.
pub fn report_states_line(
    period: &Period,
    counts: (usize, usize, usize),
    deadline_passed: bool,
    today: &str,
    lang: Lang,
) -> String {
    let id = period.id();
    let label = safe(&period.label);
    let due = lang.date(period.report_due);
    let counts = report_counts(counts.0, counts.1, counts.2, lang);
    match deadline_passed {
        true => say!(lang,
            nb: "Rapport for {id} ({label}, frist {due}) per {today}: {counts}",
            en: "Reports for {id} ({label}, due {due}) as of {today}: {counts}"),
        false => say!(lang,
            nb: "Rapport for {id} ({label}) per {today}: {counts}; fristen {due} er ikke passert, så ingen mangler ennå",
            en: "Reports for {id} ({label}) as of {today}: {counts}; the deadline {due} has not passed, so none is missing yet"),
    }
}

/// `--report-state` naming no state.
pub fn bad_report_state(text: &str, lang: Lang) -> String {
    let text = safe(text);
    say!(lang,
        nb: "«{text}» er ikke en rapportstatus; bruk missing, awaiting, approved eller all (kommaseparert)",
        en: "'{text}' is not a report state; use missing, awaiting, approved or all (comma-separated)")
}
