//! Plain types and rules of the domain. No IO happens here.

pub mod assignment;
pub mod catalog;
pub mod date;
pub mod event;
pub mod filter;
pub mod goal;
pub mod lang;
pub mod period;
pub mod report;
pub mod rollup;
pub mod sector;
pub mod text;
pub mod wheel;

pub use assignment::{Assessment, Assignment, Field, Status};
pub use catalog::{CatalogEvent, Entity, Logged};
pub use date::Today;
pub use event::{replay, Event, ReplayError};
pub use goal::{Goal, GoalKind, GoalTree};
pub use lang::Lang;
pub use period::{Period, PeriodId};
pub use report::{ReportDraft, ReportValues};
pub use rollup::{goal_rollups, goal_rollups_by_sector, sector_rollups, Rollup};
pub use sector::Sector;
pub use wheel::{WheelEntry, WheelKind};

/// A rule of the domain was broken by a value from outside.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("unknown status '{0}' (use not-started, in-progress, done or cancelled)")]
    UnknownStatus(String),
    #[error("unknown assessment '{0}' (use green, yellow, red or none)")]
    UnknownAssessment(String),
    #[error("invalid date '{0}' (use YYYY-MM-DD or dd.mm.yyyy)")]
    InvalidDate(String),
    #[error("the title must not be empty")]
    EmptyTitle,
    #[error("unknown field '{0}'")]
    UnknownField(String),
    #[error("{0}")]
    InvalidPeriod(String),
    #[error("invalid value '{value}' for {field}")]
    InvalidValue { field: String, value: String },
    /// A rule about how values go together, told in one sentence.
    #[error("{0}")]
    Rule(String),
}

impl DomainError {
    /// The message in a language; `Display` gives the English one.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Nb, DomainError::UnknownStatus(s)) => format!(
                "ukjent status '{s}' (bruk not-started, in-progress, done eller cancelled, eller ikke startet, pågår, fullført, utgår)"
            ),
            (Lang::Nb, DomainError::UnknownAssessment(s)) => format!(
                "ukjent vurdering '{s}' (bruk green, yellow, red eller none, eller i rute, risiko, avvik)"
            ),
            (Lang::Nb, DomainError::InvalidDate(s)) => {
                format!("ugyldig dato '{s}' (bruk dd.mm.åååå eller ÅÅÅÅ-MM-DD)")
            }
            (Lang::Nb, DomainError::EmptyTitle) => "tittelen kan ikke være tom".into(),
            (Lang::Nb, DomainError::UnknownField(s)) => format!("ukjent felt '{s}'"),
            // A rule's own words; English in both.
            (Lang::Nb, DomainError::Rule(text)) => text.clone(),
            (Lang::Nb, DomainError::InvalidPeriod(text)) => text.clone(),
            (Lang::Nb, DomainError::InvalidValue { field, value }) => {
                format!("ugyldig verdi '{value}' for {field}")
            }
        }
    }
}
