//! The domain's own words: statuses, vurderinger, fields, goal levels,
//! årshjul kinds and the months. Defined here once; every screen, table,
//! document and message takes them from here.

use super::Lang;
use crate::domain::{Assessment, Entity, Field, GoalKind, Status, WheelKind};

/// A value of the domain that people read as a word.
pub trait Label {
    /// The word in a language.
    fn label(self, lang: Lang) -> &'static str;
}

impl Label for Status {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, Status::NotStarted) => "Ikke startet",
            (Lang::Nb, Status::InProgress) => "Pågår",
            (Lang::Nb, Status::Done) => "Fullført",
            (Lang::Nb, Status::Cancelled) => "Utgår",
            (Lang::En, Status::NotStarted) => "Not started",
            (Lang::En, Status::InProgress) => "In progress",
            (Lang::En, Status::Done) => "Done",
            (Lang::En, Status::Cancelled) => "Cancelled",
        }
    }
}

impl Label for Assessment {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, Assessment::Green) => "I rute",
            (Lang::Nb, Assessment::Yellow) => "Risiko for avvik",
            (Lang::Nb, Assessment::Red) => "Avvik",
            (Lang::En, Assessment::Green) => "On track",
            (Lang::En, Assessment::Yellow) => "At risk",
            (Lang::En, Assessment::Red) => "Off track",
        }
    }
}

impl Label for Option<Assessment> {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Some(a), _) => a.label(lang),
            (None, Lang::Nb) => "Ikke vurdert",
            (None, Lang::En) => "Not assessed",
        }
    }
}

/// The label of an optional assessment ("Ikke vurdert" when there is none).
pub fn assessment_label(assessment: Option<Assessment>, lang: Lang) -> &'static str {
    assessment.label(lang)
}

impl Label for Field {
    /// Lower case: the word stands inside sentences.
    fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => match self {
                Field::Created => "opprettet",
                Field::Title => "tittel",
                Field::Description => "beskrivelse",
                Field::LeadSector => "delegert til",
                Field::Sectors => "delansvar",
                Field::Goal => "delmål",
                Field::Parent => "hører til",
                Field::Source => "kilde",
                Field::Owner => "ansvarlig",
                Field::Due => "frist",
                Field::Status => "status",
                Field::Assessment => "vurdering",
                Field::ExpectedDone => "forventet ferdig",
                Field::Comment => "kommentar",
                Field::Report => "rapport",
                Field::Withdrawn => "trukket tilbake",
                Field::Approval => "godkjenning",
            },
            Lang::En => match self {
                Field::Created => "created",
                Field::Title => "title",
                Field::Description => "description",
                Field::LeadSector => "lead sector",
                Field::Sectors => "contributing sectors",
                Field::Goal => "sub-goal",
                Field::Parent => "belongs to",
                Field::Source => "source",
                Field::Owner => "owner",
                Field::Due => "deadline",
                Field::Status => "status",
                Field::Assessment => "assessment",
                Field::ExpectedDone => "expected completion",
                Field::Comment => "comment",
                Field::Report => "report",
                Field::Withdrawn => "withdrawn",
                Field::Approval => "approval",
            },
        }
    }
}

impl Label for GoalKind {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, GoalKind::FocusArea) => "Satsingsområde",
            (Lang::Nb, GoalKind::MainGoal) => "Hovedmål",
            (Lang::Nb, GoalKind::SubGoal) => "Delmål",
            (Lang::En, GoalKind::FocusArea) => "Focus area",
            (Lang::En, GoalKind::MainGoal) => "Main goal",
            (Lang::En, GoalKind::SubGoal) => "Sub-goal",
        }
    }
}

impl Label for WheelKind {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, WheelKind::Administrative) => "administrativ",
            (Lang::Nb, WheelKind::Political) => "politisk",
            (Lang::En, WheelKind::Administrative) => "administrative",
            (Lang::En, WheelKind::Political) => "political",
        }
    }
}

impl Label for Entity {
    fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, Entity::Goal) => "mål",
            (Lang::Nb, Entity::Wheel) => "årshjul",
            (Lang::En, Entity::Goal) => "goal",
            (Lang::En, Entity::Wheel) => "annual wheel",
            (lang, Entity::Decision) => crate::words::vedtak::decision_word(lang),
            (lang, Entity::Body) => crate::words::vedtak::body_word(lang),
            (lang, Entity::Period) => crate::words::council::period_word(lang),
        }
    }
}

/// A goal's field as the catalog log names it (`code`, `parent`, …), in words.
pub fn goal_field(field: &str, lang: Lang) -> &'static str {
    match (lang, field) {
        (Lang::Nb, "parent") => "ligger under",
        (Lang::Nb, "kind") => "nivå",
        (Lang::Nb, "code") => "kode",
        (Lang::Nb, "title") => "tittel",
        (Lang::Nb, "sectors") => "ansvar",
        (Lang::Nb, "position") => "plass",
        (Lang::Nb, "retired") => "utgått",
        (Lang::Nb, _) => "felt",
        (Lang::En, "parent") => "lies under",
        (Lang::En, "kind") => "level",
        (Lang::En, "code") => "code",
        (Lang::En, "title") => "title",
        (Lang::En, "sectors") => "responsible",
        (Lang::En, "position") => "position",
        (Lang::En, "retired") => "retired",
        (Lang::En, _) => "field",
    }
}

/// An årshjul entry's field as the catalog log names it, in words.
pub fn wheel_field(field: &str, lang: Lang) -> &'static str {
    match (lang, field) {
        (Lang::Nb, "year") => "år",
        (Lang::Nb, "start") => "fra",
        (Lang::Nb, "end") => "til",
        (Lang::Nb, "title") => "tittel",
        (Lang::Nb, "kind") => "type",
        (Lang::Nb, "sector") => "sektor",
        (Lang::Nb, "tags") => "merker",
        (Lang::Nb, "note") => "notat",
        (Lang::Nb, _) => "felt",
        (Lang::En, "year") => "year",
        (Lang::En, "start") => "from",
        (Lang::En, "end") => "to",
        (Lang::En, "title") => "title",
        (Lang::En, "kind") => "kind",
        (Lang::En, "sector") => "sector",
        (Lang::En, "tags") => "tags",
        (Lang::En, "note") => "note",
        (Lang::En, _) => "field",
    }
}

const MONTHS_NB: [&str; 12] = [
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
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_SHORT_NB: [&str; 12] = [
    "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des",
];

const MONTHS_SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The twelve month names, January first.
pub fn months(lang: Lang) -> &'static [&'static str; 12] {
    match lang {
        Lang::Nb => &MONTHS_NB,
        Lang::En => &MONTHS_EN,
    }
}

/// The months in exactly three letters each (the wheel has room for no more).
pub fn months_short(lang: Lang) -> &'static [&'static str; 12] {
    match lang {
        Lang::Nb => &MONTHS_SHORT_NB,
        Lang::En => &MONTHS_SHORT_EN,
    }
}

/// A month's name, 1–12 (out of range: the nearest month).
pub fn month(lang: Lang, month: u32) -> &'static str {
    months(lang)[(month as usize).clamp(1, 12) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back_to_its_value() {
        for lang in Lang::ALL {
            for status in Status::ALL {
                assert_eq!(Status::parse(status.label(lang)), Ok(status));
            }
            for assessment in Assessment::ALL {
                assert_eq!(
                    Assessment::parse(assessment.label(lang)),
                    Ok(Some(assessment))
                );
            }
            assert_eq!(Assessment::parse(None.label(lang)), Ok(None));
            for kind in [WheelKind::Administrative, WheelKind::Political] {
                assert_eq!(WheelKind::parse(kind.label(lang)), Some(kind));
            }
        }
    }

    #[test]
    fn short_months_are_three_letters() {
        for lang in Lang::ALL {
            for (long, short) in months(lang).iter().zip(months_short(lang)) {
                assert_eq!(short.chars().count(), 3);
                assert!(long.to_lowercase().starts_with(&short.to_lowercase()));
            }
        }
    }
}
