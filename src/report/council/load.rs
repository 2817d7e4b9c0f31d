//! Reads what the council report shows from the store, at one moment.

use super::{CouncilData, DecisionRow, Line};
use crate::domain::approval::ReportState;
use crate::domain::{Period, Today};
use crate::store::{Result, Store};

/// The council report's data for a period, read in one transaction.
pub fn load(store: &Store, period: &Period, today: Today) -> Result<CouncilData> {
    store.read(|store| {
        let lines = store
            .report_states(period)?
            .into_iter()
            .map(|line| {
                let approved_text = match (&line.state, &line.report) {
                    (ReportState::Approved { .. }, Some(report)) => report.comment.clone(),
                    _ => None,
                };
                Line {
                    assignment: line.assignment,
                    state: line.state,
                    approved_text,
                }
            })
            .collect();
        Ok(CouncilData {
            municipality: store.municipality()?.name,
            period: period.clone(),
            today,
            sectors: store.sectors()?,
            lines,
            decisions: decisions(store, period)?,
            closed: store.closed_during(period)?,
        })
    })
}

/// The political decisions (vedtak) of the period's plan year with their
/// state and latest comment, for the report's vedtak table, which is shown
/// only when there are some. This build keeps no vedtak, so there are none:
/// the vedtak register joins here, mapping each of its decisions to a
/// [`DecisionRow`].
pub fn decisions(_store: &Store, _period: &Period) -> Result<Vec<DecisionRow>> {
    Ok(Vec::new())
}
