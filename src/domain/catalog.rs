//! The log of changes to the catalog: goals, årshjul entries, vedtak and
//! their bodies, and reporting periods. The
//! assignments have their own log (`event.rs`); this one works the same way:
//! a `created` entry holds the first state as JSON, every later entry one
//! field's old and new value, and `deleted` ends an entry's life.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::DomainError;

/// What a catalog event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Entity {
    Goal,
    Wheel,
    /// A political decision (vedtak).
    Decision,
    /// A political body whose decisions are followed up.
    Body,
    /// A reporting period of a plan year.
    Period,
}

impl Entity {
    /// The stable name in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Goal => "goal",
            Entity::Wheel => "wheel",
            Entity::Decision => "decision",
            Entity::Body => "body",
            Entity::Period => "period",
        }
    }

    /// Parses a stable name.
    pub fn parse(text: &str) -> Option<Entity> {
        [
            Entity::Goal,
            Entity::Wheel,
            Entity::Decision,
            Entity::Body,
            Entity::Period,
        ]
        .into_iter()
        .find(|e| e.as_str() == text)
    }
}

/// The field of a `created` event: `new` holds the first state as JSON.
pub const CREATED: &str = "created";
/// The field of a `deleted` event: `old` holds the last state as JSON.
pub const DELETED: &str = "deleted";

/// One entry of the catalog log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEvent {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub entity: Entity,
    pub entity_id: i64,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub comment: Option<String>,
    /// The event this one takes back, for an undo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<i64>,
}

/// A thing whose changes the catalog log records, field by field.
pub trait Logged: Clone + PartialEq + Serialize + DeserializeOwned {
    /// Which kind of thing it is.
    const ENTITY: Entity;
    /// The fields an event can change, as named in the log.
    const FIELDS: &'static [&'static str];
    fn id(&self) -> i64;
    fn set_id(&mut self, id: i64);
    /// A field's value as the log writes it; `None` when empty.
    fn value(&self, field: &str) -> Option<String>;
    /// Sets a field from its log value.
    fn set(&mut self, field: &str, value: Option<&str>) -> Result<(), DomainError>;
}

/// The state a `created` event stores.
pub fn snapshot<T: Logged>(item: &T) -> String {
    serde_json::to_string(item).expect("a catalog item always serialises")
}

/// The fields that differ between two states: (field, old, new), in the order of `FIELDS`.
pub fn differences<T: Logged>(
    before: &T,
    after: &T,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    T::FIELDS
        .iter()
        .map(|f| (*f, before.value(f), after.value(f)))
        .filter(|(_, old, new)| old != new)
        .collect()
}

/// The log could not be replayed: at which event, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogReplayError {
    pub event: i64,
    pub fault: CatalogFault,
}

impl std::error::Error for CatalogReplayError {}

/// Why a catalog event cannot be replayed; each names the item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogFault {
    CreatedTwice {
        entity: Entity,
        id: i64,
    },
    DeletedBeforeCreated {
        entity: Entity,
        id: i64,
    },
    ChangedBeforeCreated {
        entity: Entity,
        id: i64,
    },
    /// A `created` value that does not read; the parser's words.
    BadCreated(String),
    /// A changed value that breaks a rule.
    Invalid(DomainError),
}

/// Rebuilds every live item of one kind from the log, oldest event first.
/// Deleted items are left out.
pub fn replay_catalog<'a, T: Logged>(
    events: impl IntoIterator<Item = &'a CatalogEvent>,
) -> Result<BTreeMap<i64, T>, CatalogReplayError> {
    let mut state: BTreeMap<i64, T> = BTreeMap::new();
    for event in events.into_iter().filter(|e| e.entity == T::ENTITY) {
        let fail = |fault: CatalogFault| CatalogReplayError {
            event: event.id,
            fault,
        };
        let id = event.entity_id;
        let entity = T::ENTITY;
        match event.field.as_str() {
            CREATED => {
                if state.contains_key(&id) {
                    return Err(fail(CatalogFault::CreatedTwice { entity, id }));
                }
                let json = event.new.as_deref().unwrap_or_default();
                let mut item: T = serde_json::from_str(json)
                    .map_err(|e| fail(CatalogFault::BadCreated(e.to_string())))?;
                item.set_id(id);
                state.insert(id, item);
            }
            DELETED => {
                if state.remove(&id).is_none() {
                    return Err(fail(CatalogFault::DeletedBeforeCreated { entity, id }));
                }
            }
            field => {
                let item = state
                    .get_mut(&id)
                    .ok_or_else(|| fail(CatalogFault::ChangedBeforeCreated { entity, id }))?;
                item.set(field, event.new.as_deref())
                    .map_err(|e| fail(CatalogFault::Invalid(e)))?;
            }
        }
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{WheelEntry, WheelKind};

    fn event(id: i64, entity_id: i64, field: &str, new: Option<&str>) -> CatalogEvent {
        CatalogEvent {
            id,
            at: DateTime::parse_from_rfc3339("2023-05-01T10:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            actor: "kari".into(),
            entity: Entity::Wheel,
            entity_id,
            field: field.into(),
            old: None,
            new: new.map(String::from),
            comment: None,
            undoes: None,
        }
    }

    fn entry() -> WheelEntry {
        WheelEntry {
            id: 0,
            year: 2023,
            start: crate::domain::date::parse_date("2023-05-15").unwrap(),
            end: crate::domain::date::parse_date("2023-05-26").unwrap(),
            title: "Styringsdialog".into(),
            kind: WheelKind::Administrative,
            sector: None,
            tags: vec!["styringsdialog".into()],
            note: String::new(),
        }
    }

    #[test]
    fn replay_follows_changes_and_deletion() {
        let created = snapshot(&entry());
        let log = vec![
            event(1, 4, CREATED, Some(&created)),
            event(2, 4, "start", Some("2023-05-20")),
            event(3, 5, CREATED, Some(&created)),
            event(4, 5, DELETED, None),
        ];
        let state: BTreeMap<i64, WheelEntry> = replay_catalog(&log).unwrap();
        assert_eq!(state.len(), 1);
        assert_eq!(state[&4].id, 4);
        assert_eq!(state[&4].value("start").as_deref(), Some("2023-05-20"));
    }

    #[test]
    fn replay_refuses_a_change_before_creation() {
        let log = vec![event(1, 4, "title", Some("x"))];
        assert!(replay_catalog::<WheelEntry>(&log).is_err());
        let log = vec![event(1, 4, DELETED, None)];
        assert!(replay_catalog::<WheelEntry>(&log).is_err());
    }

    #[test]
    fn differences_name_only_changed_fields() {
        let before = entry();
        let mut after = entry();
        after.title = "Dialog".into();
        after.note = "Nytt".into();
        let diff = differences(&before, &after);
        let fields: Vec<&str> = diff.iter().map(|d| d.0).collect();
        assert_eq!(fields, ["title", "note"]);
    }
}
