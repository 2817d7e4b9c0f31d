//! The rules for changing a plan year's reporting periods: periods of one
//! year do not overlap (the årsrapport, which covers the whole year, beside
//! the others), and a period that reports are recorded for is not removed
//! or renamed from under them.

use chrono::NaiveDate;

use super::{DomainError, Period};

/// A rule about changing the periods that a change breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodChangeRule {
    /// The period (its id) would share days with another of its year.
    Overlaps {
        id: String,
        other: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// Removing or renaming the period (its id) would orphan the reports
    /// recorded for it: the assignments they are on, in order.
    Orphans { id: String, assignments: Vec<i64> },
    /// An edit naming nothing to change.
    NothingToChange(String),
}

impl From<PeriodChangeRule> for DomainError {
    fn from(rule: PeriodChangeRule) -> Self {
        DomainError::PeriodChange(rule)
    }
}

/// Whether the period covers its whole plan year (the årsrapport): such a
/// period is reported on besides the others and may overlap them.
pub fn whole_year(period: &Period) -> bool {
    let first = NaiveDate::from_ymd_opt(period.year, 1, 1);
    let last = NaiveDate::from_ymd_opt(period.year, 12, 31);
    Some(period.start) == first && Some(period.end) == last
}

/// Whether two periods share a day.
pub fn overlap(a: &Period, b: &Period) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Checks `period` against the other periods of the database: none of its
/// year other than itself (`replacing`, the code it had before an edit) may
/// share a day with it, unless one of the two covers the whole year.
pub fn check_overlap(
    period: &Period,
    replacing: Option<&str>,
    existing: &[Period],
) -> Result<(), DomainError> {
    if whole_year(period) {
        return Ok(());
    }
    let clash = existing
        .iter()
        .filter(|p| p.year == period.year && Some(p.code.as_str()) != replacing)
        .filter(|p| !whole_year(p))
        .find(|p| overlap(p, period));
    match clash {
        Some(other) => Err(PeriodChangeRule::Overlaps {
            id: period.id(),
            other: other.id(),
            start: other.start,
            end: other.end,
        }
        .into()),
        None => Ok(()),
    }
}

/// A period whose id would go away (removed, or its code changed) must have
/// no reports: `reported` are the assignments with a report for it.
pub fn check_no_orphans(period: &Period, reported: &[i64]) -> Result<(), DomainError> {
    if reported.is_empty() {
        return Ok(());
    }
    let mut assignments = reported.to_vec();
    assignments.sort_unstable();
    assignments.dedup();
    Err(PeriodChangeRule::Orphans {
        id: period.id(),
        assignments,
    }
    .into())
}

/// The period with the parts an edit gives changed; the year stays.
pub fn edited(
    period: &Period,
    code: Option<&str>,
    label: Option<&str>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    due: Option<NaiveDate>,
) -> Result<Period, DomainError> {
    if code.is_none() && label.is_none() && start.is_none() && end.is_none() && due.is_none() {
        return Err(PeriodChangeRule::NothingToChange(period.id()).into());
    }
    let mut next = period.clone();
    if let Some(code) = code {
        next.code = code.trim().to_uppercase();
    }
    if let Some(label) = label {
        next.label = label.trim().to_string();
    }
    next.start = start.unwrap_or(next.start);
    next.end = end.unwrap_or(next.end);
    next.report_due = due.unwrap_or(next.report_due);
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn period(code: &str, start: NaiveDate, end: NaiveDate) -> Period {
        Period {
            year: 2024,
            code: code.into(),
            label: code.into(),
            start,
            end,
            report_due: end,
        }
    }

    fn day(ordinal: u32) -> NaiveDate {
        NaiveDate::from_yo_opt(2024, ordinal).unwrap()
    }

    #[test]
    fn baerums_six_periods_fit_beside_the_year_report() {
        let months = [(1, 2), (3, 4), (5, 7), (8, 8), (9, 10), (11, 12)];
        let mut periods = vec![period("AR", day(1), day(366))];
        for (n, (from, to)) in months.iter().enumerate() {
            let start = NaiveDate::from_ymd_opt(2024, *from, 1).unwrap();
            let end = NaiveDate::from_ymd_opt(2024, to + 1, 1)
                .map(|d| d.pred_opt().unwrap())
                .unwrap_or(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
            let next = period(&format!("P{}", n + 1), start, end);
            assert_eq!(check_overlap(&next, None, &periods), Ok(()), "{next:?}");
            periods.push(next);
        }
        let clash = period("X", day(40), day(50));
        assert!(matches!(
            check_overlap(&clash, None, &periods),
            Err(DomainError::PeriodChange(PeriodChangeRule::Overlaps { other, .. })) if other == "2024-P1"
        ));
    }

    #[test]
    fn an_edit_is_not_an_overlap_with_itself() {
        let t1 = period("T1", day(1), day(120));
        let longer = period("T1", day(1), day(130));
        assert_eq!(
            check_overlap(&longer, Some("T1"), std::slice::from_ref(&t1)),
            Ok(())
        );
        assert!(check_overlap(&longer, None, &[t1]).is_err());
    }

    #[test]
    fn a_period_with_reports_cannot_go() {
        let t1 = period("T1", day(1), day(120));
        assert_eq!(check_no_orphans(&t1, &[]), Ok(()));
        assert_eq!(
            check_no_orphans(&t1, &[7, 3, 7]),
            Err(PeriodChangeRule::Orphans {
                id: "2024-T1".into(),
                assignments: vec![3, 7]
            }
            .into())
        );
    }

    #[test]
    fn an_edit_must_change_something() {
        let t1 = period("T1", day(1), day(120));
        assert!(edited(&t1, None, None, None, None, None).is_err());
        let renamed = edited(&t1, Some("p1"), None, None, None, None).unwrap();
        assert_eq!(renamed.id(), "2024-P1");
    }

    proptest! {
        /// The check agrees with the days: a period is refused exactly
        /// when some day lies in both it and another (non-whole-year)
        /// period of its year, and the answer does not depend on which
        /// of the two is added first.
        #[test]
        fn overlap_is_refused_exactly_when_a_day_is_shared(
            a in (1u32..=366, 0u32..100),
            b in (1u32..=366, 0u32..100),
        ) {
            let span = |(s, len): (u32, u32)| (day(s), day((s + len).min(366)));
            let (a_start, a_end) = span(a);
            let (b_start, b_end) = span(b);
            let first = period("A", a_start, a_end);
            let second = period("B", b_start, b_end);
            let shared = (1..=366).map(day).any(|d| first.contains(d) && second.contains(d));
            let whole = whole_year(&first) || whole_year(&second);
            let refused = check_overlap(&second, None, std::slice::from_ref(&first)).is_err();
            prop_assert_eq!(refused, shared && !whole);
            let reverse = check_overlap(&first, None, std::slice::from_ref(&second)).is_err();
            prop_assert_eq!(refused, reverse);
        }
    }
}
