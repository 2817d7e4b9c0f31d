//! The data files shipped in `assets/`: the default sectors and årshjul for a
//! new database, and the Lørenskog 2023 demo.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::approval::Decision;
use crate::domain::date::parse_date;
use crate::domain::{
    Assessment, Assignment, Field, Period, ReportDraft, Sector, Status, WheelEntry, WheelKind,
};
use crate::store::{Municipality, Stamp, Store};

const DEFAULT_SECTORS: &str = include_str!("../assets/default_sectors.toml");
const DEFAULT_WHEEL: &str = include_str!("../assets/default_wheel.toml");
const DEFAULT_PERIODS: &str = include_str!("../assets/default_periods.toml");
const DEMO: &str = include_str!("../assets/demo.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorsFile {
    sectors: Vec<SectorRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectorRow {
    code: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WheelFile {
    entries: Vec<WheelRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WheelRow {
    /// MM-DD.
    start: String,
    end: Option<String>,
    title: String,
    kind: String,
    sector: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodsFile {
    periods: Vec<PeriodRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodRow {
    code: String,
    label: String,
    /// MM-DD.
    start: String,
    end: String,
    report_due: String,
    /// Years after the plan year that the report is due in.
    #[serde(default)]
    report_due_year: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFile {
    municipality: DemoMunicipality,
    sectors: Vec<SectorRow>,
    goals: Vec<FocusRow>,
    assignments: Vec<AssignmentRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoMunicipality {
    name: String,
    year: i32,
    suggested_today: String,
    created_at: DateTime<Utc>,
    created_by: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FocusRow {
    key: String,
    title: String,
    main: Vec<MainRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MainRow {
    key: String,
    title: String,
    sub: Vec<SubRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubRow {
    key: String,
    title: String,
    sectors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignmentRow {
    title: String,
    lead_sector: Option<String>,
    #[serde(default)]
    sectors: Vec<String>,
    goal: Option<String>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    owner: String,
    due: Option<String>,
    expected_done: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    history: Vec<HistoryRow>,
    #[serde(default)]
    tasks: Vec<AssignmentRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoryRow {
    at: DateTime<Utc>,
    actor: String,
    field: String,
    new: Option<String>,
    comment: Option<String>,
    /// For `field = "report"`: the period, and the values reported.
    period: Option<String>,
    status: Option<String>,
    assessment: Option<String>,
    expected_done: Option<String>,
}

/// The sectors a new database starts with.
pub fn default_sectors() -> Vec<Sector> {
    let file: SectorsFile =
        toml::from_str(DEFAULT_SECTORS).expect("assets/default_sectors.toml is valid");
    sectors(file.sectors)
}

fn sectors(rows: Vec<SectorRow>) -> Vec<Sector> {
    rows.into_iter()
        .enumerate()
        .map(|(i, s)| Sector {
            code: s.code,
            name: s.name,
            position: i as i64,
        })
        .collect()
}

/// The default årshjul placed in a plan year. A 29 February falls back to the
/// 28th in a year without it.
pub fn default_wheel(year: i32) -> Result<Vec<WheelEntry>> {
    let file: WheelFile = toml::from_str(DEFAULT_WHEEL).context("assets/default_wheel.toml")?;
    let day = |text: &str| month_day(text, year);
    file.entries
        .into_iter()
        .map(|row| {
            let start = day(&row.start)?;
            Ok(WheelEntry {
                id: 0,
                year,
                start,
                end: row.end.as_deref().map(day).transpose()?.unwrap_or(start),
                kind: WheelKind::parse(&row.kind)
                    .ok_or_else(|| anyhow!("unknown kind '{}'", row.kind))?,
                title: row.title,
                sector: row.sector,
                tags: row.tags,
                note: row.note,
            })
        })
        .collect()
}

/// A month-day (MM-DD) placed in a year; a 29 February falls back to the
/// 28th in a year without it.
fn month_day(text: &str, year: i32) -> Result<NaiveDate> {
    let (month, day) = text
        .split_once('-')
        .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
        .ok_or_else(|| anyhow!("'{text}' is not MM-DD"))?;
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| {
            (month == 2 && day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
        .ok_or_else(|| anyhow!("'{text}' is not a day of {year}"))
}

/// The default reporting periods (T1, T2, årsrapport) of a plan year.
pub fn default_periods(year: i32) -> Result<Vec<Period>> {
    let file: PeriodsFile =
        toml::from_str(DEFAULT_PERIODS).context("assets/default_periods.toml")?;
    file.periods
        .into_iter()
        .map(|row| {
            let period = Period {
                year,
                start: month_day(&row.start, year)?,
                end: month_day(&row.end, year)?,
                report_due: month_day(&row.report_due, year + row.report_due_year)?,
                code: row.code,
                label: row.label,
            };
            period.validate()?;
            Ok(period)
        })
        .collect()
}

/// Fills a new, empty database: municipality, sectors and the default årshjul.
pub fn initialize(
    store: &mut Store,
    name: &str,
    year: i32,
    suggested_today: Option<NaiveDate>,
) -> Result<()> {
    // The default årshjul is the tool's own data, so the log names styr.
    let stamp = Stamp::now("styr");
    initialize_with(
        store,
        name,
        year,
        suggested_today,
        &default_sectors(),
        &stamp,
    )
}

fn initialize_with(
    store: &mut Store,
    name: &str,
    year: i32,
    suggested_today: Option<NaiveDate>,
    sectors: &[Sector],
    stamp: &Stamp,
) -> Result<()> {
    if !(1000..=9999).contains(&year) {
        bail!("invalid plan year {year}");
    }
    store.initialize(
        &Municipality {
            name: name.to_string(),
            year,
            suggested_today,
        },
        sectors,
    )?;
    for entry in default_wheel(year)? {
        store.create_wheel_entry(&entry, None, stamp)?;
    }
    for period in default_periods(year)? {
        store.add_period(&period, None, stamp)?;
    }
    store.add_default_bodies(stamp)?;
    Ok(())
}

/// Loads the Lørenskog 2023 demo into a new, empty database.
pub fn load_demo(store: &mut Store) -> Result<()> {
    let demo: DemoFile = toml::from_str(DEMO).context("assets/demo.toml")?;
    let m = &demo.municipality;
    let today = parse_date(&m.suggested_today)?;
    let created = Stamp {
        actor: m.created_by.clone(),
        at: m.created_at,
    };
    store.set_durable(false)?;
    let sectors = sectors(demo.sectors);
    initialize_with(store, &m.name, m.year, Some(today), &sectors, &created)?;

    let mut goal_ids: HashMap<String, i64> = HashMap::new();
    for focus in &demo.goals {
        let mut add = |parent, key: &str, title: &str, sectors: &[String]| {
            let changed = store.create_goal(parent, key, title, sectors, None, &created)?;
            anyhow::Ok(changed.item.id)
        };
        let focus_id = add(None, &focus.key, &focus.title, &[])?;
        for main in &focus.main {
            let main_id = add(Some(focus_id), &main.key, &main.title, &[])?;
            for sub in &main.sub {
                let id = add(Some(main_id), &sub.key, &sub.title, &sub.sectors)?;
                goal_ids.insert(sub.key.clone(), id);
            }
        }
    }

    // The oppdrag first, so that they are numbered 1…32 as in the styringsbrev.
    let mut parents = Vec::new();
    for row in &demo.assignments {
        let lead = row
            .lead_sector
            .clone()
            .ok_or_else(|| anyhow!("'{}' has no lead_sector", row.title))?;
        let id = load_assignment(store, row, None, &lead, m.year, &goal_ids, &created)?;
        parents.push((id, lead));
    }
    for (row, (id, lead)) in demo.assignments.iter().zip(&parents) {
        for task in &row.tasks {
            load_assignment(store, task, Some(*id), lead, m.year, &goal_ids, &created)?;
        }
    }
    load_demo_vedtak(store, today)?;
    store.set_durable(true)?;
    Ok(())
}

fn load_assignment(
    store: &mut Store,
    row: &AssignmentRow,
    parent: Option<i64>,
    parent_lead: &str,
    year: i32,
    goal_ids: &HashMap<String, i64>,
    created: &Stamp,
) -> Result<i64> {
    let context = || format!("demo assignment '{}'", row.title);
    let goal_id = match &row.goal {
        Some(key) => Some(
            *goal_ids
                .get(key)
                .ok_or_else(|| anyhow!("unknown goal '{key}'"))
                .with_context(context)?,
        ),
        None => None,
    };
    let draft = Assignment {
        id: 0,
        parent_id: parent,
        year,
        title: row.title.clone(),
        description: row.description.clone(),
        lead_sector: row
            .lead_sector
            .clone()
            .unwrap_or_else(|| parent_lead.to_string()),
        sectors: row.sectors.clone(),
        goal_id,
        source: row.source.clone(),
        owner: row.owner.clone(),
        due: row
            .due
            .as_deref()
            .map(parse_date)
            .transpose()
            .with_context(context)?,
        status: Status::NotStarted,
        assessment: None,
        expected_done: row
            .expected_done
            .as_deref()
            .map(parse_date)
            .transpose()
            .with_context(context)?,
        version: 0,
    };
    let id = store
        .create_assignment(&draft, None, created)
        .with_context(context)?
        .assignment
        .id;
    for event in &row.history {
        let stamp = Stamp {
            actor: event.actor.clone(),
            at: event.at,
        };
        let field = Field::parse(&event.field).with_context(context)?;
        if field == Field::Report {
            let draft = ReportDraft {
                period: event.period.clone().unwrap_or_default(),
                status: event.status.as_deref().map(Status::parse).transpose()?,
                assessment: event
                    .assessment
                    .as_deref()
                    .map(Assessment::parse)
                    .transpose()?,
                expected_done: event
                    .expected_done
                    .as_deref()
                    .map(|d| parse_date(d).map(Some))
                    .transpose()?,
                comment: event.comment.clone(),
            };
            store
                .report(id, None, &draft, &stamp)
                .with_context(context)?;
            continue;
        }
        if field == Field::Approval {
            let decision = match event.new.as_deref() {
                Some(crate::domain::approval::APPROVED) => Decision::Approve,
                Some(crate::domain::approval::SENT_BACK) => Decision::SendBack,
                other => bail!(
                    "{}: an approval must be approved or sent-back, not {other:?}",
                    context()
                ),
            };
            store
                .decide_report(
                    id,
                    event.period.as_deref().unwrap_or_default(),
                    decision,
                    event.comment.as_deref(),
                    &stamp,
                )
                .with_context(context)?;
            continue;
        }
        let edits: Vec<(Field, Option<String>)> = match field {
            Field::Comment => vec![],
            field => vec![(field, event.new.clone())],
        };
        let changed = store
            .change(id, None, &edits, event.comment.as_deref(), &stamp)
            .with_context(context)?;
        if changed.events.is_empty() {
            bail!("{}: the event at {} changes nothing", context(), event.at);
        }
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::iso;

    #[test]
    fn default_wheel_fits_any_year() {
        for year in [2023, 2024] {
            let wheel = default_wheel(year).unwrap();
            assert!(wheel.len() >= 12);
            assert!(wheel.iter().all(|e| e.start <= e.end && e.year == year));
            assert_eq!(
                wheel.iter().filter(|e| e.has_tag("styringsdialog")).count(),
                2
            );
        }
    }

    #[test]
    fn default_periods_are_t1_t2_and_the_year_report() {
        let periods = default_periods(2023).unwrap();
        let ids: Vec<String> = periods.iter().map(Period::id).collect();
        assert_eq!(ids, ["2023-T1", "2023-T2", "2023-AR"]);
        assert_eq!(iso(periods[1].end), "2023-08-31");
        assert_eq!(iso(periods[1].report_due), "2023-09-12");
        assert_eq!(iso(periods[2].report_due), "2024-02-28");
    }

    #[test]
    fn default_sectors_are_the_six() {
        let codes: Vec<String> = default_sectors().into_iter().map(|s| s.code).collect();
        assert_eq!(codes, ["SOS", "STYV", "HOM", "OUS", "TEK", "KUL"]);
    }
}

const DEMO_VEDTAK: &str = include_str!("../assets/demo_vedtak.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoVedtakFile {
    bodies: Vec<DemoBody>,
    vedtak: Vec<DemoVedtak>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBody {
    name: String,
    short: String,
    at: DateTime<Utc>,
    by: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoVedtak {
    body: String,
    date: String,
    case: String,
    kind: String,
    title: String,
    text: String,
    /// Demo oppdrag by number (1…32).
    assignments: Vec<i64>,
    at: DateTime<Utc>,
    by: String,
    comment: Option<String>,
    closed: Option<String>,
    closed_at: Option<DateTime<Utc>>,
    closed_by: Option<String>,
    closing_comment: Option<String>,
}

/// Loads the demo's political decisions (`assets/demo_vedtak.toml`), each
/// through the same store calls as any change, stamped as the file says.
fn load_demo_vedtak(store: &mut Store, today: NaiveDate) -> Result<()> {
    let file: DemoVedtakFile = toml::from_str(DEMO_VEDTAK).context("assets/demo_vedtak.toml")?;
    for body in &file.bodies {
        let stamp = Stamp {
            actor: body.by.clone(),
            at: body.at,
        };
        store.create_body(&body.name, &body.short, None, &stamp)?;
    }
    // All created first, then closed: the log stays in the order of time.
    let mut ids = Vec::new();
    for row in &file.vedtak {
        let context = || format!("demo vedtak '{}'", row.title);
        let draft = crate::domain::Decision {
            id: 0,
            body: row.body.clone(),
            date: parse_date(&row.date).with_context(context)?,
            case: row.case.clone(),
            title: row.title.clone(),
            text: row.text.clone(),
            kind: crate::domain::DecisionKind::parse(&row.kind).with_context(context)?,
            assignments: row.assignments.clone(),
            closed: None,
        };
        let stamp = Stamp {
            actor: row.by.clone(),
            at: row.at,
        };
        let id = store
            .create_decision(
                &draft,
                crate::domain::Today(today),
                row.comment.as_deref(),
                &stamp,
            )
            .with_context(context)?
            .item
            .id;
        ids.push(id);
    }
    for (row, id) in file.vedtak.iter().zip(ids) {
        let context = || format!("demo vedtak '{}'", row.title);
        if let Some(closed) = &row.closed {
            let stamp = Stamp {
                actor: row.closed_by.clone().unwrap_or_else(|| row.by.clone()),
                at: row.closed_at.unwrap_or(row.at),
            };
            let comment = row.closing_comment.clone().unwrap_or_default();
            store
                .close_decision(id, parse_date(closed)?, &comment, &stamp)
                .with_context(context)?;
        }
    }
    Ok(())
}
