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

/// What a short date is read against: `31.10` is in the plan `year`,
/// `+14` counts from `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateContext {
    pub year: i32,
    pub today: NaiveDate,
}

/// How far `+N` may reach: about a century, so that a typo such as
/// `+20231231` is refused instead of landing in another millennium.
const MOST_DAYS_AHEAD: i64 = 36_600;

/// Parses a date as a person types it in a date field: the full forms of
/// [`parse_date`], `dd.mm` (or `dd.mm.`) for that day in the plan year, and
/// `+N` for N days from today.
pub fn parse_typed_date(text: &str, context: DateContext) -> Result<NaiveDate, DomainError> {
    let text = text.trim();
    let refused = || DomainError::InvalidDateInput(text.to_string());
    if let Some(days) = text.strip_prefix('+') {
        if days.is_empty() || days.len() > 6 || !days.bytes().all(|b| b.is_ascii_digit()) {
            return Err(refused());
        }
        let days: i64 = days.parse().map_err(|_| refused())?;
        if days > MOST_DAYS_AHEAD {
            return Err(refused());
        }
        return context
            .today
            .checked_add_signed(chrono::Duration::days(days))
            .filter(|d| (1000..=9999).contains(&d.year()))
            .ok_or_else(refused);
    }
    let parts: Vec<&str> = text.strip_suffix('.').unwrap_or(text).split('.').collect();
    if let [day, month] = parts.as_slice() {
        let number = |part: &str| {
            (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        return match (number(day), number(month)) {
            (Some(day), Some(month)) => {
                NaiveDate::from_ymd_opt(context.year, month, day).ok_or_else(refused)
            }
            _ => Err(refused()),
        };
    }
    parse_date(text).map_err(|_| refused())
}

/// The date format stored in the database and written in JSON.
// Written out by hand: chrono's format string is parsed anew on every call,
// and listings write two dates per row.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Parses exactly `YYYY-MM-DD`, the stored form, without chrono's general
/// format parser (every row read has up to two dates).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    parse_iso_bytes(text.as_bytes())
}

/// [`parse_iso`] on bytes not yet known to be text: anything but ASCII
/// digits and dashes is no date, so they need no UTF-8 check first.
pub fn parse_iso_bytes(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
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

/// A plan year is four digits.
pub fn check_plan_year(year: i32) -> Result<i32, DomainError> {
    if (1000..=9999).contains(&year) {
        Ok(year)
    } else {
        Err(DomainError::InvalidPlanYear(year))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_form_reads_and_writes_back() {
        let day = NaiveDate::from_ymd_opt(987, 3, 4).unwrap();
        assert_eq!(iso(day), "0987-03-04");
        assert_eq!(
            parse_iso("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-1-01",
            "2023/01/01",
            "",
            "2023-01-0x",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

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
    fn short_dates_are_in_the_plan_year_and_plus_counts_from_today() {
        let context = DateContext {
            year: 2023,
            today: NaiveDate::from_ymd_opt(2023, 9, 20).unwrap(),
        };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let typed = |t: &str| parse_typed_date(t, context);
        assert_eq!(typed("31.10").unwrap(), day(2023, 10, 31));
        assert_eq!(typed("1.2.").unwrap(), day(2023, 2, 1));
        assert_eq!(typed(" 05.06 ").unwrap(), day(2023, 6, 5));
        assert_eq!(typed("+14").unwrap(), day(2023, 10, 4));
        assert_eq!(typed("+0").unwrap(), day(2023, 9, 20));
        assert_eq!(typed("+120").unwrap(), day(2024, 1, 18));
        assert_eq!(typed("31.10.2024").unwrap(), day(2024, 10, 31));
        assert_eq!(typed("2024-01-02").unwrap(), day(2024, 1, 2));
        for bad in [
            "31.02", "29.02", "0.1", "1.13", "+x", "+", "+-3", "+1.5", "+999999", "1..2", ".10",
            "31.", "a.b", "123.1", "+ 3", "14",
        ] {
            assert_eq!(
                typed(bad),
                Err(DomainError::InvalidDateInput(bad.trim().to_string())),
                "{bad}"
            );
        }
        let leap = DateContext {
            year: 2024,
            ..context
        };
        assert_eq!(parse_typed_date("29.02", leap).unwrap(), day(2024, 2, 29));
    }

    #[test]
    fn formats_both_ways() {
        let date = NaiveDate::from_ymd_opt(2023, 4, 3).unwrap();
        assert_eq!(iso(date), "2023-04-03");
        assert_eq!(nb(date), "03.04.2023");
    }
}
