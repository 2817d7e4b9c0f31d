//! The årshjul: the year's governance calendar.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::catalog::{Entity, Logged};
use super::date::{iso, parse_date};
use super::DomainError;

/// Administrative activity (green) or political treatment (magenta).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WheelKind {
    Administrative,
    Political,
}

impl WheelKind {
    /// The stable name in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WheelKind::Administrative => "administrative",
            WheelKind::Political => "political",
        }
    }

    /// Parses a stable name or the Norwegian word.
    pub fn parse(text: &str) -> Option<WheelKind> {
        match text.trim().to_lowercase().as_str() {
            "administrative" | "administrativ" | "administrativt" | "adm" => {
                Some(WheelKind::Administrative)
            }
            "political" | "politisk" | "pol" => Some(WheelKind::Political),
            _ => None,
        }
    }
}

/// One entry of the årshjul: a day or a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelEntry {
    pub id: i64,
    pub year: i32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub title: String,
    pub kind: WheelKind,
    pub sector: Option<String>,
    /// Marks such as "styringsdialog" that tools look for, whatever the title says.
    pub tags: Vec<String>,
    pub note: String,
}

impl WheelEntry {
    /// Whether the entry carries a tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

impl WheelEntry {
    /// Checks the rules every stored entry keeps, against the other entries
    /// of the database (the entry itself, by id, is skipped):
    /// a title, a range that does not end before it starts, dates inside the
    /// plan year, and no overlap with another entry of the same title and
    /// kind (the same event entered twice). Entries with different titles
    /// may overlap: the budget work runs through the T2 reporting.
    pub fn validate(&self, others: &[WheelEntry]) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::EmptyTitle);
        }
        let title = self.title.trim().to_string();
        if !super::text::printable(&title) {
            return Err(WheelRule::TitleNotPrintable(title).into());
        }
        if self.end < self.start {
            return Err(WheelRule::EndsBeforeStart {
                title,
                start: self.start,
                end: self.end,
            }
            .into());
        }
        if self.start.year() != self.year || self.end.year() != self.year {
            return Err(WheelRule::OutsideYear {
                title,
                start: self.start,
                end: self.end,
                year: self.year,
            }
            .into());
        }
        let same = |other: &&WheelEntry| {
            other.id != self.id
                && other.year == self.year
                && other.kind == self.kind
                && other.title.trim().to_lowercase() == self.title.trim().to_lowercase()
                && other.start <= self.end
                && other.end >= self.start
        };
        if let Some(other) = others.iter().find(same) {
            return Err(WheelRule::Overlaps {
                title,
                other: other.id,
                start: other.start,
                end: other.end,
            }
            .into());
        }
        Ok(())
    }

    /// Whether the entry touches a day.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A rule of the årshjul that an entry breaks; each names the entry by title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WheelRule {
    /// A title with control characters.
    TitleNotPrintable(String),
    EndsBeforeStart {
        title: String,
        start: NaiveDate,
        end: NaiveDate,
    },
    OutsideYear {
        title: String,
        start: NaiveDate,
        end: NaiveDate,
        year: i32,
    },
    /// The same title and kind on overlapping days: the other entry's id and days.
    Overlaps {
        title: String,
        other: i64,
        start: NaiveDate,
        end: NaiveDate,
    },
}

/// An assignment deadline drawn on the wheel or exported with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The assignment's id.
    pub id: i64,
    pub date: NaiveDate,
    pub overdue: bool,
    pub title: String,
    /// The lead sector.
    pub sector: String,
    /// The assignment's version: grows with every change (a calendar's SEQUENCE).
    pub version: i64,
}

impl Deadline {
    /// The deadline of an assignment, if it has one.
    pub fn of(assignment: &super::Assignment, today: super::Today) -> Option<Deadline> {
        Some(Deadline {
            id: assignment.id,
            date: assignment.due?,
            overdue: assignment.is_overdue(today),
            title: assignment.title.clone(),
            sector: assignment.lead_sector.clone(),
            version: assignment.version,
        })
    }
}

/// Angle of a date on the wheel, in radians, clockwise from 12 o'clock
/// (1 January = 0, growing through the year).
pub fn date_angle(date: NaiveDate, year: i32) -> f64 {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    (date - start).num_days() as f64 * day_angle(year)
}

/// The angle one day takes in a year.
pub fn day_angle(year: i32) -> f64 {
    let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
    std::f64::consts::TAU / if leap { 366.0 } else { 365.0 }
}

/// The first and last day of a month of the year, if the year is valid.
pub fn month_days(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some((
        first,
        first
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?,
    ))
}

/// Start and end angle of a month's sector.
pub fn month_angles(year: i32, month: u32) -> (f64, f64) {
    let Some((first, last)) = month_days(year, month) else {
        return (0.0, 0.0);
    };
    (
        date_angle(first, year),
        date_angle(last, year) + day_angle(year),
    )
}

/// Splits "a, b;c" into tags, lower-case, without blanks or repeats.
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split([',', ';', ' ']).map(|t| t.trim().to_lowercase()) {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

impl Logged for WheelEntry {
    const ENTITY: Entity = Entity::Wheel;
    const FIELDS: &'static [&'static str] = &[
        "year", "start", "end", "title", "kind", "sector", "tags", "note",
    ];

    fn id(&self) -> i64 {
        self.id
    }

    fn set_id(&mut self, id: i64) {
        self.id = id;
    }

    fn value(&self, field: &str) -> Option<String> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match field {
            "year" => Some(self.year.to_string()),
            "start" => Some(iso(self.start)),
            "end" => Some(iso(self.end)),
            "title" => text(&self.title),
            "kind" => Some(self.kind.as_str().to_string()),
            "sector" => self.sector.clone(),
            "tags" => text(&self.tags.join(",")),
            "note" => text(&self.note),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, value: Option<&str>) -> Result<(), DomainError> {
        let invalid = || DomainError::InvalidValue {
            field: field.to_string(),
            value: value.unwrap_or_default().to_string(),
        };
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        match field {
            "year" => self.year = value.and_then(|v| v.parse().ok()).ok_or_else(invalid)?,
            "start" => self.start = parse_date(value.ok_or_else(invalid)?)?,
            "end" => self.end = parse_date(value.ok_or_else(invalid)?)?,
            "title" => self.title = value.ok_or(DomainError::EmptyTitle)?.to_string(),
            "kind" => self.kind = value.and_then(WheelKind::parse).ok_or_else(invalid)?,
            "sector" => self.sector = value.map(super::sector::normalize_code),
            "tags" => self.tags = split_tags(value.unwrap_or_default()),
            "note" => self.note = value.unwrap_or_default().to_string(),
            _ => return Err(DomainError::UnknownField(field.to_string())),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, start: &str, end: &str, title: &str, kind: WheelKind) -> WheelEntry {
        WheelEntry {
            id,
            year: 2023,
            start: parse_date(start).unwrap(),
            end: parse_date(end).unwrap(),
            title: title.into(),
            kind,
            sector: None,
            tags: vec![],
            note: String::new(),
        }
    }

    #[test]
    fn a_range_must_not_end_before_it_starts() {
        let e = entry(
            0,
            "2023-05-10",
            "2023-05-09",
            "Dialog",
            WheelKind::Administrative,
        );
        assert!(matches!(
            e.validate(&[]),
            Err(DomainError::Wheel(WheelRule::EndsBeforeStart { .. }))
        ));
        let one_day = entry(
            0,
            "2023-05-10",
            "2023-05-10",
            "Dialog",
            WheelKind::Administrative,
        );
        assert!(one_day.validate(&[]).is_ok());
    }

    #[test]
    fn dates_stay_inside_the_plan_year() {
        let e = entry(
            0,
            "2023-12-20",
            "2024-01-05",
            "Jul",
            WheelKind::Administrative,
        );
        assert!(matches!(
            e.validate(&[]),
            Err(DomainError::Wheel(WheelRule::OutsideYear {
                year: 2023,
                ..
            }))
        ));
        let e = entry(
            0,
            "2022-12-20",
            "2023-01-05",
            "Jul",
            WheelKind::Administrative,
        );
        assert!(e.validate(&[]).is_err());
    }

    #[test]
    fn a_title_with_control_characters_is_refused() {
        let e = entry(
            0,
            "2023-05-10",
            "2023-05-10",
            "Dia\x1blog",
            WheelKind::Political,
        );
        assert_eq!(
            e.validate(&[]),
            Err(WheelRule::TitleNotPrintable("Dia\x1blog".into()).into())
        );
    }

    #[test]
    fn an_empty_title_is_refused() {
        let e = entry(0, "2023-05-10", "2023-05-10", "  ", WheelKind::Political);
        assert_eq!(e.validate(&[]), Err(DomainError::EmptyTitle));
    }

    #[test]
    fn the_same_title_and_kind_may_not_overlap_itself() {
        let existing = vec![
            entry(
                1,
                "2023-05-15",
                "2023-05-26",
                "Styringsdialog",
                WheelKind::Administrative,
            ),
            entry(
                2,
                "2023-09-01",
                "2023-10-31",
                "Budsjettarbeid",
                WheelKind::Administrative,
            ),
        ];
        let twice = entry(
            0,
            "2023-05-26",
            "2023-05-30",
            "styringsdialog ",
            WheelKind::Administrative,
        );
        assert!(twice
            .validate(&existing)
            .unwrap_err()
            .to_string()
            .contains("overlaps"));
        // Another kind, another title, or no shared day: allowed.
        let political = entry(
            0,
            "2023-05-20",
            "2023-05-20",
            "Styringsdialog",
            WheelKind::Political,
        );
        assert!(political.validate(&existing).is_ok());
        let other = entry(
            0,
            "2023-09-01",
            "2023-09-12",
            "Rapportering",
            WheelKind::Administrative,
        );
        assert!(other.validate(&existing).is_ok());
        let autumn = entry(
            0,
            "2023-10-16",
            "2023-10-27",
            "Styringsdialog",
            WheelKind::Administrative,
        );
        assert!(autumn.validate(&existing).is_ok());
        // An entry does not overlap itself when it is moved.
        let moved = entry(
            1,
            "2023-05-20",
            "2023-05-31",
            "Styringsdialog",
            WheelKind::Administrative,
        );
        assert!(moved.validate(&existing).is_ok());
    }

    #[test]
    fn kinds_parse_in_english_and_norwegian() {
        assert_eq!(WheelKind::parse("Politisk"), Some(WheelKind::Political));
        assert_eq!(
            WheelKind::parse("administrativ"),
            Some(WheelKind::Administrative)
        );
        assert_eq!(WheelKind::parse("political"), Some(WheelKind::Political));
        assert_eq!(WheelKind::parse("annet"), None);
    }

    #[test]
    fn every_field_round_trips_through_its_log_value() {
        let mut e = entry(
            3,
            "2023-05-15",
            "2023-05-26",
            "Dialog",
            WheelKind::Political,
        );
        e.sector = Some("HOM".into());
        e.tags = vec!["styringsdialog".into(), "tertial".into()];
        e.note = "Notat".into();
        for field in WheelEntry::FIELDS {
            let mut copy = entry(
                3,
                "2023-01-01",
                "2023-01-01",
                "x",
                WheelKind::Administrative,
            );
            copy.set(field, e.value(field).as_deref()).unwrap();
            assert_eq!(copy.value(field), e.value(field), "{field}");
        }
        assert_eq!(
            split_tags("Tertial, budsjett;tertial"),
            vec!["tertial", "budsjett"]
        );
    }
}
