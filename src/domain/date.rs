//! Calendar dates and the one injected "today".

use chrono::{DateTime, Datelike, Local, NaiveDate, Utc};

use super::DomainError;

/// The one clock of the application: every "overdue" is computed against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today(pub NaiveDate);

impl Today {
    /// Today's date in local time, for when nothing fixes it.
    pub fn from_system() -> Self {
        Today(Local::now().date_naive())
    }
}

/// Parses a calendar date as `YYYY-MM-DD` or the Norwegian `dd.mm.yyyy`.
pub fn parse_date(text: &str) -> Result<NaiveDate, DomainError> {
    let text = text.trim();
    let parsed = if text.contains('.') {
        NaiveDate::parse_from_str(text, "%d.%m.%Y")
    } else {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
    };
    match parsed {
        // chrono accepts years like 0 or 99999; a plan year is four digits.
        Ok(date) if (1000..=9999).contains(&date.year()) => Ok(date),
        _ => Err(DomainError::InvalidDate(text.to_string())),
    }
}

/// The date format stored in the database and written in JSON.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The date as Norwegian users read it.
pub fn nb(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// The local calendar date of a UTC instant.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Local).date_naive()
}

/// The same day `years` years later (or earlier); a 29 February becomes
/// the 28th in a year without it.
pub fn years_later(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .expect("every month has a 28th")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_later_keeps_the_day_and_handles_29_february() {
        let day = |s: &str| parse_date(s).unwrap();
        assert_eq!(years_later(day("2023-04-30"), 1), day("2024-04-30"));
        assert_eq!(years_later(day("2024-02-29"), 1), day("2025-02-28"));
        assert_eq!(years_later(day("2024-02-29"), 4), day("2028-02-29"));
        assert_eq!(years_later(day("2023-02-28"), 1), day("2024-02-28"));
        assert_eq!(years_later(day("2024-12-31"), -1), day("2023-12-31"));
    }

    #[test]
    fn parses_iso_and_norwegian_dates() {
        let want = NaiveDate::from_ymd_opt(2023, 9, 20).unwrap();
        assert_eq!(parse_date("2023-09-20").unwrap(), want);
        assert_eq!(parse_date("20.09.2023").unwrap(), want);
        assert_eq!(parse_date(" 2023-09-20 ").unwrap(), want);
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2023-02-30",
            "2023-13-01",
            "20/09/2023",
            "",
            "tomorrow",
            "99999-01-01",
            "2023-9-2x",
        ] {
            assert!(parse_date(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn formats_both_ways() {
        let date = NaiveDate::from_ymd_opt(2023, 4, 3).unwrap();
        assert_eq!(iso(date), "2023-04-03");
        assert_eq!(nb(date), "03.04.2023");
    }
}
