//! `styr report ID --period P`: record a report for a period, one event.

use std::io::Write;

use anyhow::{bail, Context as _, Result};
use clap::Args;

use super::Context;
use crate::domain::date::parse_typed_date;
use crate::domain::{Assessment, PeriodId, ReportDraft, Status};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Assignment id
    id: i64,
    /// The period reported on: a code of the plan year (T2) or YEAR-CODE
    /// (2023-T2, see `styr periods`); left out, the period being reported on now
    #[arg(long)]
    period: Option<String>,
    /// not-started, in-progress, done or cancelled (Norwegian words work too)
    #[arg(long)]
    status: Option<String>,
    /// green, yellow, red, or none
    #[arg(long)]
    assessment: Option<String>,
    /// Expected completion date (dd.mm.yyyy, dd.mm in the plan year, +days, YYYY-MM-DD), or none
    #[arg(long)]
    expected_done: Option<String>,
    /// Where it stands, in a sentence or two
    #[arg(long, short)]
    comment: Option<String>,
    /// Refuse if the assignment is no longer at this version
    #[arg(long, value_name = "VERSION")]
    if_version: Option<i64>,
}

pub fn run(context: &Context, args: ReportArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = context.open_for_writing()?;
    let dates = context.dates(&store)?;
    let expected_done = match args.expected_done.as_deref().map(str::trim) {
        None => None,
        Some("none" | "-" | "") => Some(None),
        Some(date) => Some(Some(
            parse_typed_date(date, dates).context("--expected-done")?,
        )),
    };
    let period = match args.period.as_deref() {
        Some(text) => PeriodId::parse_in(text, dates.year)?.to_string(),
        None => match store.reporting_period(dates.today)? {
            Some(period) => period.id(),
            None => bail!(context
                .texts()
                .no_period_to_report(&context.lang.date(dates.today))),
        },
    };
    let draft = ReportDraft {
        period,
        status: args.status.as_deref().map(Status::parse).transpose()?,
        assessment: args
            .assessment
            .as_deref()
            .map(Assessment::parse)
            .transpose()?,
        expected_done,
        comment: args.comment,
    };
    if draft.is_empty() {
        bail!(context.texts().empty_report());
    }
    let changed = store.report(args.id, args.if_version, &draft, &context.stamp())?;
    super::written::report(out, &changed, context.texts())
}
