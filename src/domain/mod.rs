//! Plain types and rules of the domain. No IO happens here.

pub mod assignment;
pub mod catalog;
pub mod date;
pub mod event;
pub mod filter;
pub mod goal;
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
pub use period::{Period, PeriodId};
pub use report::{ReportDraft, ReportValues};
pub use rollup::{goal_rollups, sector_rollups, Rollup};
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
