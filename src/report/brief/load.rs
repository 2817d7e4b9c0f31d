//! Reads what a briefing needs from the store, in one consistent read.

use anyhow::Result;
use chrono::Datelike;

use super::{build, window, Bound, Brief, Sources};
use crate::domain::period::Period;
use crate::domain::{Assignment, Event, GoalTree, Sector, Today, WheelEntry};
use crate::store::Store;

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// A sector code (any case).
    pub sector: String,
    pub since: Bound,
    pub until: Bound,
    /// The plan year; else today's year when it has assignments, else the
    /// database's plan year.
    pub year: Option<i32>,
}

/// What the briefing is built from, read in one transaction.
struct Loaded {
    sector: Sector,
    municipality: String,
    year: i32,
    wheel: Vec<WheelEntry>,
    goals: GoalTree,
    assignments: Vec<Assignment>,
    events: Vec<Event>,
    periods: Vec<Period>,
    decision_log: Vec<crate::domain::CatalogEvent>,
}

/// Reads the sector's data and builds its briefing.
pub fn load(store: &Store, request: &Request, today: Today) -> Result<Brief> {
    let data = store.read(|store| {
        let sector = store.sector(&request.sector)?;
        let municipality = store.municipality()?;
        let year = match request.year {
            Some(year) => year,
            None if store.assignment_years()?.contains(&today.0.year()) => today.0.year(),
            None => municipality.year,
        };
        let mut wheel = Vec::new();
        // A window may reach back to last autumn's dialog or on to next spring's.
        for y in [year - 1, year, year + 1] {
            wheel.extend(store.wheel_entries(y)?);
        }
        Ok(Loaded {
            events: without_withdrawn(store.events_led_by(&sector.code)?),
            sector,
            municipality: municipality.name,
            year,
            wheel,
            goals: GoalTree::new(store.goals()?),
            assignments: store.assignments()?,
            periods: store.periods(None)?,
            decision_log: store.catalog_events(
                Some(crate::domain::Entity::Decision),
                None,
                None,
            )?,
        })
    })?;
    let window = window::choose(
        request.since,
        request.until,
        &data.wheel,
        &data.sector.code,
        data.year,
        today,
    )?;
    Ok(build(&Sources {
        municipality: &data.municipality,
        year: data.year,
        sector: &data.sector,
        goals: &data.goals,
        assignments: &data.assignments,
        events: &data.events,
        wheel: &data.wheel,
        periods: &data.periods,
        decision_log: &data.decision_log,
        window,
        today,
    }))
}

/// The events with every withdrawn comment or report, and the marks that
/// withdrew them, left out: the briefing treats them as never said. What a
/// withdrawn report had set, and the field events that put it back, stay:
/// they are changes like any other, and cancel out.
fn without_withdrawn(events: Vec<Event>) -> Vec<Event> {
    let withdrawn = crate::domain::event::withdrawn_ids(&events);
    events
        .into_iter()
        .filter(|e| {
            !withdrawn.contains(&e.id) && e.field != crate::domain::Field::Withdrawn.as_str()
        })
        .collect()
}
