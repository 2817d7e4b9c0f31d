//! Reads what a briefing needs from the store, in one consistent read.

use anyhow::Result;
use chrono::Datelike;

use super::{build, window, Bound, Brief, Sources};
use crate::domain::{GoalTree, Today};
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

/// Reads the sector's data and builds its briefing.
pub fn load(store: &Store, request: &Request, today: Today) -> Result<Brief> {
    let (sector, municipality, year, wheel, goals, assignments, events) = store.read(|store| {
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
        let goals = GoalTree::new(store.goals()?);
        let assignments = store.assignments()?;
        let events = store.events_led_by(&sector.code)?;
        Ok((
            sector,
            municipality,
            year,
            wheel,
            goals,
            assignments,
            events,
        ))
    })?;
    let window = window::choose(
        request.since,
        request.until,
        &wheel,
        &sector.code,
        year,
        today,
    )?;
    Ok(build(&Sources {
        municipality: &municipality.name,
        year,
        sector: &sector,
        goals: &goals,
        assignments: &assignments,
        events: &events,
        wheel: &wheel,
        window,
        today,
    }))
}
