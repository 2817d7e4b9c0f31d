//! Sign-off on the command line: `styr approve ID [--period P]`, `styr
//! send-back ID --comment …`, and `styr approvals`, the state of every
//! report for a period (missing, awaiting approval, approved).

use std::io::Write;

use anyhow::{anyhow, Result};
use clap::Args;
use serde::Serialize;

use super::table::{write_table, Column};
use super::Context;
use crate::domain::approval::{Decision, ReportState};
use crate::domain::text::sanitize_line;
use crate::domain::Period;
use crate::store::Store;
use crate::words::council::{
    approval_columns, approval_summary, decided, no_reporting_period, state_detail, state_label,
};

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// Assignment id
    id: i64,
    /// The period, YEAR-CODE [default: the period being reported on]
    #[arg(long)]
    period: Option<String>,
    /// An optional comment kept with the approval
    #[arg(long, short)]
    comment: Option<String>,
}

#[derive(Debug, Args)]
pub struct SendBackArgs {
    /// Assignment id
    id: i64,
    /// The period, YEAR-CODE [default: the period being reported on]
    #[arg(long)]
    period: Option<String>,
    /// Why the report goes back to its author
    #[arg(long, short)]
    comment: String,
}

#[derive(Debug, Args)]
pub struct ApprovalsArgs {
    /// The period, YEAR-CODE [default: the period being reported on]
    #[arg(long)]
    period: Option<String>,
    /// Only this sector's oppdrag
    #[arg(long)]
    sector: Option<String>,
    #[arg(long, value_enum, default_value_t = ApprovalsFormat::Table)]
    format: ApprovalsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ApprovalsFormat {
    Table,
    Json,
}

/// The period named, or the one being reported on.
pub fn chosen_period(context: &Context, store: &Store, named: Option<&str>) -> Result<Period> {
    if let Some(id) = named {
        return Ok(store.period(id)?);
    }
    let today = context.today(store)?;
    store
        .reporting_period(today.0)?
        .ok_or_else(|| anyhow!(no_reporting_period(context.lang)))
}

pub fn approve(context: &Context, args: ApproveArgs, out: &mut dyn Write) -> Result<()> {
    decide(
        context,
        args.id,
        args.period.as_deref(),
        Decision::Approve,
        args.comment.as_deref(),
        out,
    )
}

pub fn send_back(context: &Context, args: SendBackArgs, out: &mut dyn Write) -> Result<()> {
    decide(
        context,
        args.id,
        args.period.as_deref(),
        Decision::SendBack,
        Some(&args.comment),
        out,
    )
}

fn decide(
    context: &Context,
    id: i64,
    period: Option<&str>,
    decision: Decision,
    comment: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let mut store = context.open_for_writing()?;
    let period = chosen_period(context, &store, period)?;
    store.decide_report(id, &period.id(), decision, comment, &context.stamp())?;
    writeln!(
        out,
        "{}",
        decided(
            id,
            &period.id(),
            decision == Decision::Approve,
            context.lang
        )
    )?;
    Ok(())
}

#[derive(Serialize)]
struct ApprovalJson {
    id: i64,
    sector: String,
    title: String,
    period: String,
    state: &'static str,
    author: Option<String>,
    decided_by: Option<String>,
    comment: Option<String>,
}

pub fn list(context: &Context, args: ApprovalsArgs, out: &mut dyn Write) -> Result<()> {
    let store = context.open()?;
    let period = chosen_period(context, &store, args.period.as_deref())?;
    let sector = args
        .sector
        .as_deref()
        .map(|s| store.sector(s).map(|s| s.code))
        .transpose()?;
    let states: Vec<_> = store
        .report_states(&period)?
        .into_iter()
        .filter(|line| {
            sector
                .as_deref()
                .is_none_or(|s| line.assignment.lead_sector == s)
        })
        .collect();
    match args.format {
        ApprovalsFormat::Json => {
            let rows: Vec<ApprovalJson> = states
                .iter()
                .map(|line| {
                    let (a, state) = (&line.assignment, &line.state);
                    let (author, decision) = match state {
                        ReportState::Missing => (None, None),
                        ReportState::Awaiting { author, sent_back } => {
                            (Some(author.clone()), sent_back.clone())
                        }
                        ReportState::Approved { author, approval } => {
                            (Some(author.clone()), Some(approval.clone()))
                        }
                    };
                    ApprovalJson {
                        id: a.id,
                        sector: a.lead_sector.clone(),
                        title: a.title.clone(),
                        period: period.id(),
                        state: state.as_str(),
                        author,
                        decided_by: decision.as_ref().map(|d| d.by.clone()),
                        comment: decision.and_then(|d| d.comment),
                    }
                })
                .collect();
            super::json::write_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        ApprovalsFormat::Table => {
            let lang = context.lang;
            let count = |s: &str| {
                states
                    .iter()
                    .filter(|line| line.state.as_str() == s)
                    .count()
            };
            writeln!(
                out,
                "{}",
                approval_summary(
                    &period,
                    count("approved"),
                    count("awaiting"),
                    count("missing"),
                    lang
                )
            )?;
            let c = approval_columns(lang);
            let column = |header| Column {
                header,
                width: None,
            };
            let columns = [
                column(c.id),
                column(c.sector),
                column(c.title),
                column(c.state),
                column(c.detail),
            ];
            let rows: Vec<Vec<String>> = states
                .iter()
                .map(|line| {
                    let (a, state) = (&line.assignment, &line.state);
                    vec![
                        a.id.to_string(),
                        a.lead_sector.clone(),
                        sanitize_line(&a.title).into_owned(),
                        state_label(state, lang).to_string(),
                        state_detail(state, lang),
                    ]
                })
                .collect();
            write_table(out, &columns, &rows)?;
        }
    }
    Ok(())
}
