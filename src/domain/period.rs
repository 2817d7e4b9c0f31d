//! Reporting periods (T1, T2, årsrapport) and the rule for a missing report.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::local_date;
use super::event::apply;
use super::{Assignment, DomainError, Event, Field, Status};

/// One reporting period of a plan year, e.g. `2023-T2`: the days it covers
/// and the day its report is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    /// Short code, unique within the year: `T1`, `T2`, `AR`.
    pub code: String,
    /// What people call it: "1. tertial".
    pub label: String,
    pub start: NaiveDate,
    /// The last day of the period (included).
    pub end: NaiveDate,
    /// The last day a report for the period is on time (included).
    pub report_due: NaiveDate,
}

impl Period {
    /// The id used on the command line and in the event log: `2023-T2`.
    pub fn id(&self) -> String {
        format!("{}-{}", self.year, self.code)
    }

    /// A label that can go to a terminal as it is, for a period added by hand.
    pub fn check_label_printable(&self) -> Result<(), DomainError> {
        if super::text::printable(&self.label) {
            Ok(())
        } else {
            Err(PeriodRule::LabelNotPrintable(self.id()).into())
        }
    }

    /// Checks the period's own rules: a code, a label, start ≤
    /// end ≤ report due, and the period inside its plan year.
    pub fn validate(&self) -> Result<(), DomainError> {
        PeriodId::check_code(&self.code)?;
        let id = self.id();
        if self.label.trim().is_empty() {
            return Err(PeriodRule::NoLabel(id).into());
        }
        if self.end < self.start {
            return Err(PeriodRule::EndsBeforeStart {
                id,
                start: self.start,
                end: self.end,
            }
            .into());
        }
        if self.report_due < self.end {
            return Err(PeriodRule::DueBeforeEnd {
                id,
                end: self.end,
                due: self.report_due,
            }
            .into());
        }
        use chrono::Datelike;
        if self.start.year() != self.year || self.end.year() != self.year {
            return Err(PeriodRule::OutsideYear {
                id,
                year: self.year,
                start: self.start,
                end: self.end,
            }
            .into());
        }
        Ok(())
    }

    /// The same period `years` later: every date moved, a 29 February to the 28th.
    pub fn years_later(&self, years: i32) -> Period {
        use super::date::years_later;
        Period {
            year: self.year + years,
            code: self.code.clone(),
            label: self.label.clone(),
            start: years_later(self.start, years),
            end: years_later(self.end, years),
            report_due: years_later(self.report_due, years),
        }
    }

    /// Whether a day falls within the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A period named on the command line or in the log: year and code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodId {
    pub year: i32,
    pub code: String,
}

impl PeriodId {
    /// Parses `2023-T2` (the code in any case).
    pub fn parse(text: &str) -> Result<PeriodId, DomainError> {
        let bad = || DomainError::from(PeriodRule::NotAPeriod(text.trim().to_string()));
        let (year, code) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = year
            .parse()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(bad)?;
        let code = code.trim().to_uppercase();
        Self::check_code(&code).map_err(|_| bad())?;
        Ok(PeriodId { year, code })
    }

    /// Parses `2023-T2`, or a bare code such as `T2` for that period of
    /// the plan `year`.
    pub fn parse_in(text: &str, year: i32) -> Result<PeriodId, DomainError> {
        let code = text.trim();
        if code.contains('-') {
            return Self::parse(text);
        }
        Self::parse(&format!("{year}-{code}"))
            .map_err(|_| PeriodRule::NotAPeriod(code.to_string()).into())
    }

    fn check_code(code: &str) -> Result<(), DomainError> {
        let ok =
            !code.is_empty() && code.len() <= 12 && code.chars().all(|c| c.is_ascii_alphanumeric());
        if ok {
            Ok(())
        } else {
            Err(PeriodRule::InvalidCode(code.to_string()).into())
        }
    }
}

/// A rule about reporting periods that a value breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodRule {
    /// Text that is not YEAR-CODE; as typed.
    NotAPeriod(String),
    /// A code that is not letters and digits.
    InvalidCode(String),
    /// A period (its id) without a label.
    NoLabel(String),
    /// A period (its id) whose label has control characters.
    LabelNotPrintable(String),
    EndsBeforeStart {
        id: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    DueBeforeEnd {
        id: String,
        end: NaiveDate,
        due: NaiveDate,
    },
    OutsideYear {
        id: String,
        year: i32,
        start: NaiveDate,
        end: NaiveDate,
    },
    /// A period (its id) added twice.
    Exists(String),
    /// A period (its id) the database does not hold; the ids of its year's
    /// periods, in order (none: the year has no periods).
    Unknown { id: PeriodId, known: Vec<String> },
}

/// The period `id` names among the periods of its year, or the refusal
/// naming those there are.
pub fn find_period<'a>(periods: &'a [Period], id: &PeriodId) -> Result<&'a Period, DomainError> {
    periods
        .iter()
        .find(|p| p.year == id.year && p.code == id.code)
        .ok_or_else(|| {
            PeriodRule::Unknown {
                id: id.clone(),
                known: periods
                    .iter()
                    .filter(|p| p.year == id.year)
                    .map(Period::id)
                    .collect(),
            }
            .into()
        })
}

/// A new period must not share its id with one there is.
pub fn check_new_period(period: &Period, existing: &[Period]) -> Result<(), DomainError> {
    if existing.iter().any(|p| p.id() == period.id()) {
        return Err(PeriodRule::Exists(period.id()).into());
    }
    Ok(())
}

impl std::fmt::Display for PeriodId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.year, self.code)
    }
}

/// The period being reported on at `today`: the one that ended most
/// recently before today (a period ending 31 August is reported on from
/// 1 September). `None` before the first period has ended. Periods ending
/// the same day (none by default) are told apart by the later report
/// deadline, then by code.
pub fn reporting_period(periods: &[Period], today: NaiveDate) -> Option<&Period> {
    periods
        .iter()
        .filter(|p| p.end < today)
        .max_by(|a, b| (a.end, a.report_due, &a.code).cmp(&(b.end, b.report_due, &b.code)))
}

/// Whether the assignment's report for the period is required: it is an
/// oppdrag (not a task) of the period's plan year, it is not cancelled now
/// (a cancelled one cannot be reported on), and it was open (neither done
/// nor cancelled) on some day of the period. `events` are the assignment's
/// own events, oldest first; days are taken in local time.
pub fn report_required(period: &Period, assignment: &Assignment, events: &[&Event]) -> bool {
    if assignment.is_task()
        || assignment.year != period.year
        || assignment.status == Status::Cancelled
    {
        return false;
    }
    open_during(events, period.start, period.end)
}

/// Whether the assignment existed and was open on some day from `start`
/// to `end`, by replaying its events.
fn open_during(events: &[&Event], start: NaiveDate, end: NaiveDate) -> bool {
    let mut state: BTreeMap<i64, Assignment> = BTreeMap::new();
    let open = |state: &BTreeMap<i64, Assignment>| {
        state.values().next().is_some_and(|a| !a.status.is_closed())
    };
    let mut at_start_checked = false;
    for event in events {
        let day = local_date(event.at);
        if day > end {
            break;
        }
        if day >= start && !at_start_checked {
            // The state carried into the period from before it.
            if open(&state) {
                return true;
            }
            at_start_checked = true;
        }
        if apply(&mut state, event).is_err() {
            // A log that cannot be replayed is doctor's business; judge by what is known.
            continue;
        }
        if day >= start && open(&state) {
            return true;
        }
    }
    open(&state)
}

/// Whether any report for the period is among the events.
pub fn has_report(events: &[&Event], period: &Period) -> bool {
    let id = period.id();
    let withdrawn = super::event::withdrawn_ids(events.iter().copied());
    events.iter().any(|e| {
        e.field == Field::Report.as_str()
            && e.period.as_deref() == Some(id.as_str())
            && !withdrawn.contains(&e.id)
    })
}

/// *Mangler rapport*: the ids of the assignments whose report for `period`
/// is required ([`report_required`]) but not recorded, once the report
/// deadline has passed (the day after `report_due`). Before that, none.
/// In the order of `assignments`.
pub fn missing_reports(
    period: &Period,
    assignments: &[Assignment],
    events: &[Event],
    today: NaiveDate,
) -> Vec<i64> {
    if today <= period.report_due {
        return Vec::new();
    }
    let mut by_assignment: HashMap<i64, Vec<&Event>> = HashMap::new();
    for event in events {
        by_assignment
            .entry(event.assignment_id)
            .or_default()
            .push(event);
    }
    assignments
        .iter()
        .filter(|a| {
            let own = by_assignment.get(&a.id).map_or(&[][..], Vec::as_slice);
            report_required(period, a, own) && !has_report(own, period)
        })
        .map(|a| a.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;
    use crate::domain::event::created_value;
    use chrono::{DateTime, Utc};

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn period(code: &str, start: &str, end: &str, due: &str) -> Period {
        Period {
            year: 2023,
            code: code.into(),
            label: code.into(),
            start: day(start),
            end: day(end),
            report_due: day(due),
        }
    }

    #[test]
    fn an_unknown_period_names_those_of_its_year() {
        let periods = vec![t1(), t2()];
        let id = PeriodId::parse("2023-t2").unwrap();
        assert_eq!(find_period(&periods, &id), Ok(&periods[1]));
        let id = PeriodId::parse("2023-AR").unwrap();
        assert_eq!(
            find_period(&periods, &id),
            Err(PeriodRule::Unknown {
                id: id.clone(),
                known: vec!["2023-T1".into(), "2023-T2".into()]
            }
            .into())
        );
        assert_eq!(
            check_new_period(&t1(), &periods),
            Err(PeriodRule::Exists("2023-T1".into()).into())
        );
        assert_eq!(
            PeriodId::parse("T2"),
            Err(PeriodRule::NotAPeriod("T2".into()).into())
        );
        // A bare code is the plan year's period; a full id stays as it is.
        let in_2023 = |text: &str| PeriodId::parse_in(text, 2023).map(|p| p.to_string());
        assert_eq!(in_2023("t2"), Ok("2023-T2".into()));
        assert_eq!(in_2023(" AR "), Ok("2023-AR".into()));
        assert_eq!(in_2023("2022-T1"), Ok("2022-T1".into()));
        for bad in ["", "T 2", "T2!", "x-"] {
            assert!(in_2023(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_period_keeps_its_dates_in_order_and_its_label_printable() {
        let mut p = t1();
        p.report_due = day("2023-04-01");
        assert!(matches!(
            p.validate(),
            Err(DomainError::Period(PeriodRule::DueBeforeEnd { .. }))
        ));
        let mut p = t1();
        p.label = "1.\x1b tertial".into();
        assert_eq!(p.validate(), Ok(()));
        assert_eq!(
            p.check_label_printable(),
            Err(PeriodRule::LabelNotPrintable("2023-T1".into()).into())
        );
    }

    fn t1() -> Period {
        period("T1", "2023-01-01", "2023-04-30", "2023-05-12")
    }

    fn t2() -> Period {
        period("T2", "2023-05-01", "2023-08-31", "2023-09-12")
    }

    fn year_report() -> Period {
        period("AR", "2023-01-01", "2023-12-31", "2024-02-28")
    }

    fn assignment(id: i64) -> Assignment {
        Assignment {
            id,
            year: 2023,
            title: "Rullering av boligplanen".into(),
            lead_sector: "HOM".into(),
            version: 1,
            ..Assignment::placeholder()
        }
    }

    fn event(id: i64, on: &str, field: Field, new: Option<String>) -> Event {
        let at: DateTime<Utc> = DateTime::parse_from_rfc3339(&format!("{on}T12:00:00Z"))
            .unwrap()
            .with_timezone(&Utc);
        Event {
            id,
            at,
            actor: "kari".into(),
            assignment_id: 1,
            field: field.as_str().into(),
            old: None,
            new,
            comment: None,
            undoes: None,
            period: None,
        }
    }

    fn created(on: &str) -> Event {
        event(1, on, Field::Created, Some(created_value(&assignment(1))))
    }

    fn status(id: i64, on: &str, status: Status) -> Event {
        event(id, on, Field::Status, Some(status.as_str().into()))
    }

    fn report(id: i64, on: &str, period: &Period) -> Event {
        let values = crate::domain::report::ReportValues::of(&assignment(1));
        Event {
            period: Some(period.id()),
            ..event(id, on, Field::Report, Some(values.to_json()))
        }
    }

    fn refs(events: &[Event]) -> Vec<&Event> {
        events.iter().collect()
    }

    #[test]
    fn period_ids_parse_with_year_and_code() {
        assert_eq!(
            PeriodId::parse(" 2023-t2 ").unwrap(),
            PeriodId {
                year: 2023,
                code: "T2".into()
            }
        );
        assert_eq!(PeriodId::parse("2023-AR").unwrap().to_string(), "2023-AR");
        for bad in [
            "T2",
            "2023",
            "23-T2",
            "2023-",
            "2023-T 2",
            "x-T1",
            "2023-T2-x",
        ] {
            assert!(PeriodId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn periods_must_be_in_order_and_inside_their_year() {
        assert!(t1().validate().is_ok());
        assert!(
            year_report().validate().is_ok(),
            "the report may be due next year"
        );
        let inverted = period("T1", "2023-04-30", "2023-01-01", "2023-05-12");
        assert!(inverted.validate().is_err());
        let due_early = period("T1", "2023-01-01", "2023-04-30", "2023-04-29");
        assert!(due_early.validate().is_err());
        let other_year = period("T1", "2022-12-01", "2023-04-30", "2023-05-12");
        assert!(other_year.validate().is_err());
        let no_code = period("", "2023-01-01", "2023-04-30", "2023-05-12");
        assert!(no_code.validate().is_err());
    }

    #[test]
    fn the_reporting_period_is_the_one_that_ended_last() {
        let periods = [t1(), t2(), year_report()];
        let at = |d: &str| reporting_period(&periods, day(d)).map(|p| p.code.clone());
        assert_eq!(at("2023-04-30"), None, "T1 has not ended on its last day");
        assert_eq!(at("2023-05-01").as_deref(), Some("T1"));
        assert_eq!(at("2023-08-31").as_deref(), Some("T1"));
        assert_eq!(at("2023-09-20").as_deref(), Some("T2"));
        assert_eq!(at("2024-01-10").as_deref(), Some("AR"));
    }

    #[test]
    fn nothing_is_missing_until_the_deadline_has_passed() {
        let a = assignment(1);
        let log = [created("2023-01-16")];
        assert!(
            missing_reports(&t2(), std::slice::from_ref(&a), &log, day("2023-09-12")).is_empty()
        );
        assert_eq!(missing_reports(&t2(), &[a], &log, day("2023-09-13")), [1]);
    }

    #[test]
    fn a_report_for_the_period_clears_it_and_one_for_another_does_not() {
        let a = assignment(1);
        let today = day("2023-09-20");
        let other = [created("2023-01-16"), report(2, "2023-05-10", &t1())];
        assert_eq!(
            missing_reports(&t2(), std::slice::from_ref(&a), &other, today),
            [1]
        );
        let late = [created("2023-01-16"), report(2, "2023-09-18", &t2())];
        assert!(
            missing_reports(&t2(), &[a], &late, today).is_empty(),
            "a late report still counts"
        );
    }

    #[test]
    fn closed_before_the_period_or_cancelled_needs_no_report() {
        let today = day("2023-09-20");
        let done_early = Assignment {
            status: Status::Done,
            ..assignment(1)
        };
        let log = [created("2023-01-16"), status(2, "2023-04-20", Status::Done)];
        assert!(!report_required(&t2(), &done_early, &refs(&log)));
        assert!(missing_reports(&t2(), std::slice::from_ref(&done_early), &log, today).is_empty());

        let done_during = [created("2023-01-16"), status(2, "2023-06-20", Status::Done)];
        assert!(
            report_required(&t2(), &done_early, &refs(&done_during)),
            "open for part of the period"
        );

        let cancelled = Assignment {
            status: Status::Cancelled,
            ..assignment(1)
        };
        let log = [
            created("2023-01-16"),
            status(2, "2023-07-01", Status::Cancelled),
        ];
        assert!(!report_required(&t2(), &cancelled, &refs(&log)));

        let reopened = [
            created("2023-01-16"),
            status(2, "2023-04-01", Status::Done),
            status(3, "2023-07-01", Status::InProgress),
        ];
        assert!(report_required(&t2(), &assignment(1), &refs(&reopened)));
    }

    #[test]
    fn created_after_the_period_tasks_and_other_years_need_no_report() {
        let later = [created("2023-09-05")];
        assert!(!report_required(&t2(), &assignment(1), &refs(&later)));
        let during = [created("2023-08-31")];
        assert!(report_required(&t2(), &assignment(1), &refs(&during)));

        let log = [created("2023-01-16")];
        let task = Assignment {
            parent_id: Some(9),
            ..assignment(1)
        };
        assert!(!report_required(&t2(), &task, &refs(&log)));
        let next_year = Assignment {
            year: 2024,
            ..assignment(1)
        };
        assert!(!report_required(&t2(), &next_year, &refs(&log)));
    }
}
