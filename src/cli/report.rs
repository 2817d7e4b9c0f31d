//! `styr report ID --period P`: record a report for a period, one event.

use std::io::Write;

use anyhow::{bail, Context as _, Result};
use clap::Args;

use super::Context;
use crate::domain::date::parse_date;
use crate::domain::{Assessment, ReportDraft, Status};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Assignment id
    id: i64,
    /// The period reported on, YEAR-CODE (see `styr periods`), e.g. 2023-T2
    #[arg(long)]
    period: String,
    /// not-started, in-progress, done or cancelled (Norwegian words work too)
    #[arg(long)]
    status: Option<String>,
    /// green, yellow, red, or none
    #[arg(long)]
    assessment: Option<String>,
    /// Expected completion date (YYYY-MM-DD or dd.mm.yyyy), or none
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
    let expected_done = match args.expected_done.as_deref().map(str::trim) {
        None => None,
        Some("none" | "-" | "") => Some(None),
        Some(date) => Some(Some(parse_date(date).context("--expected-done")?)),
    };
    let draft = ReportDraft {
        period: args.period,
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
    let mut store = context.open_for_writing()?;
    let changed = store.report(args.id, args.if_version, &draft, &context.stamp())?;
    super::written::report(out, &changed, context.texts())
}
