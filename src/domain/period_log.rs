//! A reporting period as the catalog log records it: with a number of its
//! own, so that its changes (code, label, dates) are logged like any other
//! catalog item's and a renamed period stays the same item in the log.

use serde::{Deserialize, Serialize};

use super::catalog::{Entity, Logged};
use super::date::{iso, parse_date};
use super::{DomainError, Period};

/// A period with the number the catalog log knows it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPeriod {
    /// Absent from exports made before periods were logged.
    #[serde(default)]
    pub id: i64,
    #[serde(flatten)]
    pub period: Period,
}

impl Logged for StoredPeriod {
    const ENTITY: Entity = Entity::Period;
    // The year is not among them: a period stays in its plan year.
    const FIELDS: &'static [&'static str] = &["code", "label", "start", "end", "report_due"];

    fn id(&self) -> i64 {
        self.id
    }

    fn set_id(&mut self, id: i64) {
        self.id = id;
    }

    fn value(&self, field: &str) -> Option<String> {
        let p = &self.period;
        match field {
            "code" => Some(p.code.clone()),
            "label" => (!p.label.is_empty()).then(|| p.label.clone()),
            "start" => Some(iso(p.start)),
            "end" => Some(iso(p.end)),
            "report_due" => Some(iso(p.report_due)),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, value: Option<&str>) -> Result<(), DomainError> {
        let invalid = || DomainError::InvalidValue {
            field: field.to_string(),
            value: value.unwrap_or_default().to_string(),
        };
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let p = &mut self.period;
        match field {
            "code" => p.code = value.ok_or_else(invalid)?.to_string(),
            "label" => p.label = value.unwrap_or_default().to_string(),
            "start" => p.start = parse_date(value.ok_or_else(invalid)?)?,
            "end" => p.end = parse_date(value.ok_or_else(invalid)?)?,
            "report_due" => p.report_due = parse_date(value.ok_or_else(invalid)?)?,
            _ => return Err(DomainError::UnknownField(field.to_string())),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::{differences, replay_catalog, snapshot, CatalogEvent, CREATED};

    fn stored(code: &str, due: &str) -> StoredPeriod {
        StoredPeriod {
            id: 7,
            period: Period {
                year: 2024,
                code: code.into(),
                label: "Februar".into(),
                start: parse_date("2024-02-01").unwrap(),
                end: parse_date("2024-02-29").unwrap(),
                report_due: parse_date(due).unwrap(),
            },
        }
    }

    #[test]
    fn a_logged_period_replays_to_its_changes() {
        let before = stored("FEB", "2024-03-10");
        let after = stored("FEBR", "2024-03-15");
        let changes = differences(&before, &after);
        let fields: Vec<&str> = changes.iter().map(|c| c.0).collect();
        assert_eq!(fields, ["code", "report_due"]);
        let at = chrono::DateTime::parse_from_rfc3339("2024-01-05T10:00:00Z")
            .unwrap()
            .to_utc();
        let event = |id: i64, field: &str, new: Option<String>| CatalogEvent {
            id,
            at,
            actor: "kari".into(),
            entity: Entity::Period,
            entity_id: 7,
            field: field.into(),
            old: None,
            new,
            comment: None,
            undoes: None,
        };
        let mut log = vec![event(1, CREATED, Some(snapshot(&before)))];
        for (n, (field, _, new)) in changes.into_iter().enumerate() {
            log.push(event(2 + n as i64, field, new));
        }
        let replayed = replay_catalog::<StoredPeriod>(&log).unwrap();
        assert_eq!(replayed[&7], after);
    }

    #[test]
    fn an_export_from_before_the_log_reads_without_an_id() {
        let json = r#"{"year":2024,"code":"T1","label":"1. tertial",
            "start":"2024-01-01","end":"2024-04-30","report_due":"2024-05-12"}"#;
        let read: StoredPeriod = serde_json::from_str(json).unwrap();
        assert_eq!(read.id, 0);
        assert_eq!(read.period.code, "T1");
    }
}
