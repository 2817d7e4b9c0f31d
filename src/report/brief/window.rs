//! Which stretch of time a briefing covers: since the last styringsdialog,
//! until the next one, or dates the user gives.

use chrono::NaiveDate;

use crate::domain::Lang;
use crate::domain::{Today, WheelEntry};

/// The tag that marks an årshjul entry as a styringsdialog, whatever its title.
pub const DIALOG_TAG: &str = "styringsdialog";

/// One end of the window as asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// A date given by the user.
    Date(NaiveDate),
    /// The styringsdialog before today (for `since`) or the next one (for `until`).
    Dialog,
    /// Not given: the dialog if the årshjul has one, else the plan year's edge.
    Default,
}

impl Bound {
    /// Parses `last-dialog`/`next-dialog` (either word for either end) or a date.
    pub fn parse(text: &str) -> Result<Bound, crate::domain::DomainError> {
        match text.trim() {
            "last-dialog" | "next-dialog" | "dialog" => Ok(Bound::Dialog),
            other => crate::domain::date::parse_date(other).map(Bound::Date),
        }
    }
}

/// Where a window edge came from, for the briefing to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Given,
    /// The styringsdialog entry (its title and dates).
    Dialog {
        title: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// No styringsdialog in the årshjul: the start or end of the plan year.
    PlanYear,
}

/// One edge of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub date: NaiveDate,
    pub origin: Origin,
}

/// The briefing's window: changes from `since` up to today, deadlines and
/// årshjul entries from today up to `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub since: Edge,
    pub until: Edge,
}

/// Why a window could not be chosen; [`crate::words::brief::window_error`] says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowError {
    /// No styringsdialog before this day.
    NoLastDialog(NaiveDate),
    /// No styringsdialog after this day.
    NoNextDialog(NaiveDate),
    /// The window's start is after its end.
    Inverted { since: NaiveDate, until: NaiveDate },
}

impl std::fmt::Display for WindowError {
    /// In English: where no language is known (logs, `anyhow` chains).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::words::brief::window_error(self, Lang::En))
    }
}

impl std::error::Error for WindowError {}

/// An error from making a briefing, with a window error in the language:
/// the other errors on the way (the store's) speak for themselves.
pub fn localized(error: anyhow::Error, lang: Lang) -> anyhow::Error {
    match error.downcast_ref::<WindowError>() {
        Some(window) => anyhow::anyhow!(crate::words::brief::window_error(window, lang)),
        None => error,
    }
}

/// The styringsdialog entries that concern a sector: tagged, and either for
/// every sector or for this one.
fn dialogs<'a, 's>(
    wheel: &'a [WheelEntry],
    sector: &'s str,
) -> impl Iterator<Item = &'a WheelEntry> + use<'a, 's> {
    wheel.iter().filter(move |e| {
        e.has_tag(DIALOG_TAG)
            && e.sector
                .as_deref()
                .is_none_or(|s| s.eq_ignore_ascii_case(sector))
    })
}

/// The last dialog that is over by today (its last day before today).
/// A dialog under way today is the *next* one: the director is preparing for it.
pub fn last_dialog<'a>(
    wheel: &'a [WheelEntry],
    sector: &str,
    today: Today,
) -> Option<&'a WheelEntry> {
    dialogs(wheel, sector)
        .filter(|e| e.end < today.0)
        .max_by_key(|e| (e.end, e.start))
}

/// The first dialog not yet over (under way today or later).
pub fn next_dialog<'a>(
    wheel: &'a [WheelEntry],
    sector: &str,
    today: Today,
) -> Option<&'a WheelEntry> {
    dialogs(wheel, sector)
        .filter(|e| e.end >= today.0)
        .min_by_key(|e| (e.start, e.end))
}

fn from_dialog(entry: &WheelEntry, date: NaiveDate) -> Edge {
    Edge {
        date,
        origin: Origin::Dialog {
            title: entry.title.clone(),
            start: entry.start,
            end: entry.end,
        },
    }
}

/// Chooses the window. A dialog edge is the dialog's first day for `since`
/// (what happened during the dialog weeks is news to the next one) and its
/// last day for `until` (whichever day of the weeks the sector meets, what
/// falls due before it is listed).
pub fn choose(
    since: Bound,
    until: Bound,
    wheel: &[WheelEntry],
    sector: &str,
    year: i32,
    today: Today,
) -> Result<Window, WindowError> {
    let since = match since {
        Bound::Date(date) => Edge {
            date,
            origin: Origin::Given,
        },
        Bound::Dialog | Bound::Default => match last_dialog(wheel, sector, today) {
            Some(entry) => from_dialog(entry, entry.start),
            None if since == Bound::Default => Edge {
                date: NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today.0),
                origin: Origin::PlanYear,
            },
            None => return Err(WindowError::NoLastDialog(today.0)),
        },
    };
    let until = match until {
        Bound::Date(date) => Edge {
            date,
            origin: Origin::Given,
        },
        Bound::Dialog | Bound::Default => match next_dialog(wheel, sector, today) {
            Some(entry) => from_dialog(entry, entry.end),
            None if until == Bound::Default => Edge {
                date: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today.0),
                origin: Origin::PlanYear,
            },
            None => return Err(WindowError::NoNextDialog(today.0)),
        },
    };
    if since.date > until.date {
        return Err(WindowError::Inverted {
            since: since.date,
            until: until.date,
        });
    }
    Ok(Window { since, until })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::WheelKind;

    fn date(text: &str) -> NaiveDate {
        crate::domain::date::parse_date(text).unwrap()
    }

    fn entry(
        id: i64,
        start: &str,
        end: &str,
        title: &str,
        tags: &[&str],
        sector: Option<&str>,
    ) -> WheelEntry {
        WheelEntry {
            id,
            year: 2023,
            start: date(start),
            end: date(end),
            title: title.into(),
            kind: WheelKind::Administrative,
            sector: sector.map(String::from),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            note: String::new(),
        }
    }

    fn wheel() -> Vec<WheelEntry> {
        vec![
            entry(
                1,
                "2023-01-10",
                "2023-01-10",
                "Styringskonferanse",
                &["styringskonferanse"],
                None,
            ),
            entry(
                2,
                "2023-05-15",
                "2023-05-26",
                "Styringsdialog",
                &["styringsdialog"],
                None,
            ),
            // Named differently, found by its tag.
            entry(
                3,
                "2023-10-16",
                "2023-10-27",
                "Dialogmøte høst",
                &["styringsdialog"],
                None,
            ),
            // Called a dialog but not tagged: not a styringsdialog.
            entry(
                4,
                "2023-09-01",
                "2023-09-01",
                "Styringsdialog (utkast)",
                &[],
                None,
            ),
            // Another sector's own dialog.
            entry(
                5,
                "2023-09-05",
                "2023-09-05",
                "Styringsdialog HOM",
                &["styringsdialog"],
                Some("HOM"),
            ),
        ]
    }

    #[test]
    fn dialogs_are_found_by_tag_and_sector_not_title() {
        let today = Today(date("2023-09-20"));
        let w = wheel();
        let window = choose(Bound::Dialog, Bound::Dialog, &w, "OUS", 2023, today).unwrap();
        assert_eq!(window.since.date, date("2023-05-15"));
        assert_eq!(window.until.date, date("2023-10-27"));
        assert!(
            matches!(&window.until.origin, Origin::Dialog { title, .. } if title == "Dialogmøte høst")
        );
        // HOM's own dialog counts for HOM.
        let hom = choose(Bound::Dialog, Bound::Dialog, &w, "hom", 2023, today).unwrap();
        assert_eq!(hom.since.date, date("2023-09-05"));
    }

    #[test]
    fn a_dialog_under_way_is_the_next_one() {
        let w = wheel();
        let during = Today(date("2023-10-18"));
        let window = choose(Bound::Default, Bound::Default, &w, "OUS", 2023, during).unwrap();
        assert_eq!(window.since.date, date("2023-05-15"));
        assert_eq!(window.until.date, date("2023-10-27"));
        let after = Today(date("2023-10-28"));
        let window = choose(Bound::Dialog, Bound::Default, &w, "OUS", 2023, after).unwrap();
        assert_eq!(window.since.date, date("2023-10-16"));
        assert_eq!(window.until.origin, Origin::PlanYear);
        assert_eq!(window.until.date, date("2023-12-31"));
    }

    #[test]
    fn explicit_dialog_without_one_is_an_error_but_the_default_falls_back() {
        let today = Today(date("2023-03-01"));
        let w = wheel();
        assert_eq!(
            choose(Bound::Dialog, Bound::Default, &w, "OUS", 2023, today),
            Err(WindowError::NoLastDialog(date("2023-03-01")))
        );
        let error = WindowError::NoLastDialog(date("2023-03-01"));
        assert!(crate::words::brief::window_error(&error, Lang::Nb)
            .starts_with("ingen styringsdialog før 01.03.2023"));
        assert!(crate::words::brief::window_error(&error, Lang::En)
            .starts_with("no governance dialogue before 2023-03-01"));
        let window = choose(Bound::Default, Bound::Default, &w, "OUS", 2023, today).unwrap();
        assert_eq!(window.since.date, date("2023-01-01"));
        assert_eq!(window.since.origin, Origin::PlanYear);
        assert_eq!(window.until.date, date("2023-05-26"));
        assert!(matches!(
            choose(Bound::Default, Bound::Dialog, &[], "OUS", 2023, today),
            Err(WindowError::NoNextDialog(_))
        ));
    }

    #[test]
    fn given_dates_need_no_wheel_and_must_be_in_order() {
        let today = Today(date("2023-09-20"));
        let window = choose(
            Bound::Date(date("2023-06-01")),
            Bound::Date(date("2023-11-30")),
            &[],
            "OUS",
            2023,
            today,
        )
        .unwrap();
        assert_eq!(window.since.origin, Origin::Given);
        assert_eq!(window.until.date, date("2023-11-30"));
        assert!(matches!(
            choose(
                Bound::Date(date("2023-12-01")),
                Bound::Date(date("2023-11-30")),
                &[],
                "OUS",
                2023,
                today
            ),
            Err(WindowError::Inverted { .. })
        ));
    }

    #[test]
    fn bounds_parse() {
        assert_eq!(Bound::parse("last-dialog").unwrap(), Bound::Dialog);
        assert_eq!(Bound::parse("next-dialog").unwrap(), Bound::Dialog);
        assert_eq!(
            Bound::parse("15.05.2023").unwrap(),
            Bound::Date(date("2023-05-15"))
        );
        assert!(Bound::parse("last dialog").is_err());
    }
}
