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
            decisions: decisions(store, period, today)?,
            closed: store.closed_during(period)?,
        })
    })
}

/// The political decisions (vedtak) the period is accountable for, with
/// their state and latest comment, for the report's vedtak table (shown
/// only when there are some): every decision made by the period's end that
/// was still followed up when the period began, oldest meeting first.
pub fn decisions(store: &Store, period: &Period, today: Today) -> Result<Vec<DecisionRow>> {
    Ok(store
        .vedtak_list(today)?
        .into_iter()
        .filter(|v| v.decision.date <= period.end)
        .filter(|v| v.decision.closed.is_none_or(|on| on >= period.start))
        .map(|v| DecisionRow {
            id: v.decision.id,
            body: v.decision.body.clone(),
            date: v.decision.date,
            case: v.decision.case.clone(),
            title: v.decision.title.clone(),
            progress: v.progress,
            closed: v.decision.closed,
            latest_comment: v.latest_comment.map(|c| c.text),
        })
        .collect())
}
