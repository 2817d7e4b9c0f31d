//! Plain types and rules of the domain. No IO happens here.

pub mod approval;
pub mod assignment;
pub mod catalog;
pub mod date;
pub mod diff;
pub mod event;
pub mod filter;
pub mod goal;
pub mod lang;
pub mod period;
pub mod period_change;
pub mod period_log;
pub mod report;
pub mod rollup;
pub mod sector;
pub mod source;
pub mod text;
pub mod vedtak;
pub mod wheel;

pub use assignment::{Assessment, Assignment, Field, Status, TaskRule};
pub use catalog::CatalogReplayError;
pub use catalog::{CatalogEvent, Entity, Logged};
pub use date::Today;
pub use event::{replay, Event, ReplayError};
pub use goal::{Goal, GoalKind, GoalRule, GoalTree};
pub use lang::Lang;
pub use period::{Period, PeriodId, PeriodRule};
pub use period_log::StoredPeriod;
pub use report::{ReportDraft, ReportRule, ReportValues};
pub use rollup::{goal_rollups, goal_rollups_by_sector, sector_rollups, Rollup};
pub use sector::{Sector, SectorRule};
pub use text::TextRule;
pub use vedtak::{Body, Decision, DecisionKind, DecisionRule, DecisionState, Progress};
pub use wheel::{WheelEntry, WheelKind, WheelRule};

/// A rule of the domain was broken by a value from outside. Each variant
/// carries what explains it; [`crate::words::problems`] says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    UnknownStatus(String),
    UnknownAssessment(String),
    InvalidDate(String),
    /// A date typed in a date field (short forms allowed) that is no date.
    InvalidDateInput(String),
    EmptyTitle,
    UnknownField(String),
    InvalidValue {
        field: String,
        value: String,
    },
    /// A plan year outside 1000..=9999.
    InvalidPlanYear(i32),
    /// A municipality without a name.
    NoMunicipalityName,
    /// A change without anyone making it.
    NoActor,
    /// A field that holds no value of its own (created, report, comment).
    NotSettable(Field),
    Period(PeriodRule),
    Wheel(WheelRule),
    Goal(GoalRule),
    Report(ReportRule),
    Sector(SectorRule),
    Task(TaskRule),
    Text(TextRule),
    Decision(DecisionRule),
    /// A rule of sign-off ([`approval`]).
    Approval(approval::ApprovalRule),
    /// A rule for changing the periods ([`period_change`]).
    PeriodChange(period_change::PeriodChangeRule),
}

impl std::error::Error for DomainError {}

macro_rules! rule_family {
    ($($rule:ident => $variant:ident),*) => {$(
        impl From<$rule> for DomainError {
            fn from(rule: $rule) -> Self {
                DomainError::$variant(rule)
            }
        }
    )*};
}

rule_family!(
    PeriodRule => Period,
    WheelRule => Wheel,
    GoalRule => Goal,
    ReportRule => Report,
    SectorRule => Sector,
    TaskRule => Task,
    TextRule => Text,
    DecisionRule => Decision
);
