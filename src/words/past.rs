//! The terminal UI's words for the past: the "as of" chooser, the header's
//! mark, why editing is refused there, and the changed-since view.
//! (`--as-of`'s own refusals are in [`super::as_of`].)

use crate::domain::event::AsOf;
use crate::domain::Lang;

use super::as_of::moment;

/// The plain texts, one table per language.
#[derive(Debug)]
pub struct PastWords {
    pub lang: Lang,
    // Keymap descriptions.
    pub as_of_key: &'static str,
    pub now_key: &'static str,
    pub earlier_key: &'static str,
    pub later_key: &'static str,
    pub changes_key: &'static str,
    pub earlier_in_list: &'static str,
    pub later_in_list: &'static str,
    /// The header's mark, in capitals so that it reads without colour.
    pub mark: &'static str,
    pub chooser_title: &'static str,
    pub changes_title: &'static str,
    pub date_label: &'static str,
    pub stops_label: &'static str,
    pub no_stops: &'static str,
    pub dialog_stop: &'static str,
    pub now_stop: &'static str,
    pub loading: &'static str,
}

pub static NB: PastWords = PastWords {
    lang: Lang::Nb,
    as_of_key: "se fortiden: per dato, styringsdialog eller rapportfrist",
    now_key: "tilbake til nå (fra fortiden)",
    earlier_key: "forrige styringsdialog eller rapportfrist (fortiden)",
    later_key: "neste styringsdialog eller rapportfrist (fortiden)",
    changes_key: "endringer siden forrige styringsdialog eller en dato",
    earlier_in_list: "forrige styringsdialog/rapportfrist når fortiden vises",
    later_in_list: "neste styringsdialog/rapportfrist når fortiden vises",
    mark: "FORTID",
    chooser_title: "Se fortiden: per dato",
    changes_title: "Endringer siden",
    date_label: "Dato (dd.mm.åååå eller ÅÅÅÅ-MM-DD, ev. TT:MM)",
    stops_label: "eller velg med ↑ ↓ og Enter:",
    no_stops: "(ingen styringsdialog eller rapportfrist før denne dagen)",
    dialog_stop: "styringsdialog",
    now_stop: "nå",
    loading: "leser fortiden …",
};

pub static EN: PastWords = PastWords {
    lang: Lang::En,
    as_of_key: "see the past: as of a date, a governance dialogue or a report deadline",
    now_key: "back to now (from the past)",
    earlier_key: "previous governance dialogue or report deadline (the past)",
    later_key: "next governance dialogue or report deadline (the past)",
    changes_key: "changes since the last governance dialogue or a date",
    earlier_in_list: "previous dialogue/report deadline while the past is shown",
    later_in_list: "next dialogue/report deadline while the past is shown",
    mark: "PAST",
    chooser_title: "See the past: as of",
    changes_title: "Changes since",
    date_label: "Date (dd.mm.yyyy or YYYY-MM-DD, optionally HH:MM)",
    stops_label: "or choose with ↑ ↓ and Enter:",
    no_stops: "(no governance dialogue or report deadline before this day)",
    dialog_stop: "governance dialogue",
    now_stop: "now",
    loading: "reading the past …",
};

/// The table of a language.
pub fn words(lang: Lang) -> &'static PastWords {
    match lang {
        Lang::Nb => &NB,
        Lang::En => &EN,
    }
}

impl PastWords {
    /// Why a key that edits is refused while the past is shown, in one line.
    pub fn edit_refused(&self, at: &AsOf, now_key: &str) -> String {
        let at = moment(self.lang, at);
        match self.lang {
            Lang::Nb => format!("fortiden ({at}) kan ikke endres; {now_key} går tilbake til nå"),
            Lang::En => format!("the past ({at}) cannot be changed; {now_key} returns to now"),
        }
    }

    /// The header's words after the mark: the moment and the key back.
    pub fn header(&self, at: &AsOf, stop: Option<&str>, now_key: &str) -> String {
        let at = moment(self.lang, at);
        let stop = stop.map(|s| format!(" {s}")).unwrap_or_default();
        match self.lang {
            Lang::Nb => format!("per {at}{stop} · {now_key} nå"),
            Lang::En => format!("as of {at}{stop} · {now_key} now"),
        }
    }

    /// The status line after a step into the past.
    pub fn shown(&self, at: &AsOf, stop: Option<&str>, earlier: &str, later: &str) -> String {
        let at = moment(self.lang, at);
        let stop = stop.map(|s| format!(" ({s})")).unwrap_or_default();
        match self.lang {
            Lang::Nb => format!(
                "viser {at}{stop} slik det sto; {earlier} {later} blar i dialoger og rapportfrister"
            ),
            Lang::En => format!(
                "showing {at}{stop} as it stood; {earlier} {later} step through dialogues and report deadlines"
            ),
        }
    }

    /// The status line back in the present.
    pub fn back_to_now(&self, today: chrono::NaiveDate) -> String {
        let today = self.lang.date(today);
        match self.lang {
            Lang::Nb => format!("tilbake til nå ({today})"),
            Lang::En => format!("back to now ({today})"),
        }
    }

    /// No stop before (`earlier`) or after the day shown; `choose`: the key that opens the chooser.
    pub fn no_stop(&self, earlier: bool, choose: &str) -> String {
        match (self.lang, earlier) {
            (Lang::Nb, true) => format!(
                "ingen tidligere styringsdialog eller rapportfrist i planåret; {choose} velger en dato"
            ),
            (Lang::Nb, false) => "ingen senere styringsdialog eller rapportfrist før i dag".into(),
            (Lang::En, true) => format!(
                "no earlier dialogue or report deadline in the plan year; {choose} chooses a date"
            ),
            (Lang::En, false) => "no later dialogue or report deadline before today".into(),
        }
    }

    /// ← or → in the list while now is shown: what they do, and the key to the past.
    pub fn not_in_past(&self, earlier: &str, choose: &str) -> String {
        match self.lang {
            Lang::Nb => format!(
                "← → blar bare når fortiden vises; {earlier} går til forrige styringsdialog eller rapportfrist, {choose} velger en dato"
            ),
            Lang::En => format!(
                "← → step only while the past is shown; {earlier} goes to the previous dialogue or report deadline, {choose} chooses a date"
            ),
        }
    }

    /// `t` while now is shown.
    pub fn already_now(&self) -> &'static str {
        match self.lang {
            Lang::Nb => "du ser allerede nå",
            Lang::En => "you are already seeing now",
        }
    }

    /// A report deadline as a stop: "Rapportfrist 1. tertial".
    pub fn report_stop(&self, period: &str) -> String {
        match self.lang {
            Lang::Nb => format!("rapportfrist {period}"),
            Lang::En => format!("report deadline {period}"),
        }
    }

    /// Under the changed-since view: how to scroll and close it.
    pub fn changes_footer(&self, close: &str) -> String {
        match self.lang {
            Lang::Nb => format!("↑ ↓ PgUp PgDn blar · {close} lukker"),
            Lang::En => format!("↑ ↓ PgUp PgDn scroll · {close} closes"),
        }
    }
}
