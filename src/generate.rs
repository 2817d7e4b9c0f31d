//! Synthetic databases shaped like real use, for benchmarks and for trying
//! the product at scale: six sectors, a goal tree of a few hundred nodes,
//! assignments over four plan years with tasks under some of them, about
//! 30% overdue, and a history of changes spread over the years.
//!
//! Everything is written through the store's ordinary calls (one batch
//! transaction), so the result is a database like any other: `styr doctor`
//! passes on it and its event log replays to the stored assignments. The same
//! spec always gives the same data (a seeded generator, fixed timestamps).

use anyhow::{bail, Result};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::domain::date::iso;
use crate::domain::{Assessment, Assignment, Field, Status};
use crate::store::{Stamp, Store};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Assignments and tasks together.
    pub assignments: u64,
    /// Events per assignment, its creation included (at least 1).
    pub events_per_assignment: u32,
    pub seed: u64,
    /// The plan year; the data spans it and the three years before.
    pub year: i32,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub assignments: u64,
    pub tasks: u64,
    pub events: u64,
    pub goals: u64,
    /// Overdue on [`today`].
    pub overdue: u64,
}

/// The day a generated database suggests as today: 20 September of the plan year.
pub fn today(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 9, 20).expect("a valid date")
}

const FOCUS: [&str; 6] = [
    "Et godt liv i alle faser",
    "Bærekraftig samfunnsutvikling",
    "Trygge og inkluderende lokalsamfunn",
    "Kompetanse og arbeidsliv",
    "Digital og effektiv tjenesteyting",
    "Kultur, idrett og fellesskap",
];
const VERBS: [&str; 12] = [
    "Utrede",
    "Etablere",
    "Revidere",
    "Kartlegge",
    "Implementere",
    "Evaluere",
    "Styrke",
    "Videreutvikle",
    "Gjennomgå",
    "Samordne",
    "Prøve ut",
    "Forenkle",
];
const OBJECTS: [&str; 16] = [
    "plan for hverdagsrehabilitering",
    "tiltak mot utenforskap blant unge",
    "rutiner for internkontroll",
    "beredskapsplan for flom",
    "digitale innbyggertjenester",
    "samarbeid med frivilligheten",
    "boligsosial handlingsplan",
    "kvalitetssystem i barnehagene",
    "klimabudsjett og klimaregnskap",
    "rekruttering av sykepleiere",
    "vedlikeholdsplan for formålsbygg",
    "tilbud til barn med spesielle behov",
    "arealplan for sentrum",
    "strategi for kulturhus og bibliotek",
    "sykefraværsoppfølging",
    "innkjøpsrutiner og kontraktsoppfølging",
];
const FIRST: [&str; 14] = [
    "Kari", "Ola", "Ingrid", "Lars", "Nora", "Jonas", "Sigrid", "Emil", "Hanne", "Per", "Aisha",
    "Tor", "Mari", "Ahmed",
];
const LAST: [&str; 12] = [
    "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Berg", "Haugen", "Bakke",
    "Lie", "Dahl", "Strand",
];
const COMMENTS: [&str; 10] = [
    "Drøftet i ledermøtet.",
    "Rapportert i tertialrapporten.",
    "Avventer budsjettavklaring.",
    "Tatt opp i styringsdialogen.",
    "Arbeidsgruppe nedsatt.",
    "Forsinket på grunn av kapasitet i sektoren.",
    "Politisk sak fremmes til høsten.",
    "Innspill fra tillitsvalgte innarbeidet.",
    "Risikovurdering gjennomført.",
    "Følges opp i neste dialogmøte.",
];

/// A small, fast, seeded generator (SplitMix64): the same seed, the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// True with the given chance in percent.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// What an assignment ends as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Open with its deadline passed.
    Overdue,
    /// Done or cancelled.
    Closed,
    /// Open, due later (or without a deadline).
    Open,
}

/// One change in an assignment's history after its creation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Comment,
    Start,
    Assessment,
    Owner,
    /// The deadline moved to its final date.
    Postpone,
    ExpectedDone,
    /// The final status.
    Finish,
}

/// The order of the changes in a history, before the final one.
const CYCLE: [Step; 8] = [
    Step::Start,
    Step::Comment,
    Step::Assessment,
    Step::Owner,
    Step::Postpone,
    Step::Assessment,
    Step::Comment,
    Step::ExpectedDone,
];

/// Fills a new database (no assignments yet) with synthetic data.
pub fn generate(store: &mut Store, spec: &Spec) -> Result<Summary> {
    if spec.events_per_assignment == 0 {
        bail!("--events-per-assignment must be at least 1 (the creation)");
    }
    if !(1004..=9999).contains(&spec.year) {
        bail!("invalid plan year {}", spec.year);
    }
    let today = today(spec.year);
    store.set_durable(false)?;
    crate::assets::initialize(store, "Syntetisk kommune", spec.year, Some(today))?;
    let summary = store.batch(|store| {
        fill(store, spec, today).map_err(|e| match e.downcast::<crate::store::StoreError>() {
            Ok(e) => e,
            Err(e) => crate::store::StoreError::Caller(format!("{e:#}").into()),
        })
    })?;
    store.set_durable(true)?;
    Ok(summary)
}

fn fill(store: &mut Store, spec: &Spec, today: NaiveDate) -> Result<Summary> {
    let mut rng = Rng(spec.seed);
    let sectors: Vec<String> = store.sectors()?.into_iter().map(|s| s.code).collect();
    let mut summary = Summary::default();

    // 6 satsingsområder × 5 hovedmål × 8 delmål: 276 goals.
    let mut sub_goals: Vec<(i64, String)> = Vec::new();
    for (f, focus) in FOCUS.iter().enumerate() {
        let focus_id = store.add_goal(None, &format!("{}", f + 1), focus, &[])?;
        summary.goals += 1;
        for m in 0..5 {
            let title = format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS));
            let main_id =
                store.add_goal(Some(focus_id), &format!("{}.{}", f + 1, m + 1), &title, &[])?;
            summary.goals += 1;
            for s in 0..8 {
                let lead = rng.pick(&sectors).clone();
                let mut responsible = vec![lead.clone()];
                if rng.chance(40) {
                    let other = rng.pick(&sectors).clone();
                    if other != lead {
                        responsible.push(other);
                    }
                }
                let title = format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS));
                let id = store.add_goal(
                    Some(main_id),
                    &format!("{}.{}.{}", f + 1, m + 1, s + 1),
                    &title,
                    &responsible,
                )?;
                summary.goals += 1;
                sub_goals.push((id, lead));
            }
        }
    }

    let years = [spec.year - 3, spec.year - 2, spec.year - 1, spec.year];
    let mut made = 0u64;
    while made < spec.assignments {
        let year = years[(made * years.len() as u64 / spec.assignments.max(1)) as usize];
        let (goal, goal_sector) = rng.pick(&sub_goals).clone();
        // Most assignments go to a sector responsible for their delmål.
        let lead = if rng.chance(80) {
            goal_sector
        } else {
            rng.pick(&sectors).clone()
        };
        let parent = one(store, &mut rng, spec, today, year, None, &lead, Some(goal))?;
        made += 1;
        summary.overdue += u64::from(parent.1);
        if rng.chance(15) {
            for _ in 0..=rng.below(3) {
                if made >= spec.assignments {
                    break;
                }
                let task = one(
                    store,
                    &mut rng,
                    spec,
                    today,
                    year,
                    Some(parent.0),
                    &lead,
                    None,
                )?;
                made += 1;
                summary.tasks += 1;
                summary.overdue += u64::from(task.1);
            }
        }
    }
    summary.assignments = made;
    summary.events = made * u64::from(spec.events_per_assignment);
    Ok(summary)
}

/// Creates one assignment with its history; returns its id and whether it
/// ends overdue.
#[allow(clippy::too_many_arguments)]
fn one(
    store: &mut Store,
    rng: &mut Rng,
    spec: &Spec,
    today: NaiveDate,
    year: i32,
    parent: Option<i64>,
    lead: &str,
    goal: Option<i64>,
) -> Result<(i64, bool)> {
    let start = NaiveDate::from_ymd_opt(year, 1, 2).expect("a valid date");
    let end_of_year = NaiveDate::from_ymd_opt(year, 12, 31).expect("a valid date");
    let fate = match rng.below(100) {
        0..30 => Fate::Overdue,
        30..70 => Fate::Closed,
        _ => Fate::Open,
    };
    let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days().max(1) as u64;
    let due = match fate {
        Fate::Overdue => {
            let last = end_of_year.min(today - Duration::days(1));
            Some(start + Duration::days(30 + rng.below(days(start, last) - 29) as i64))
        }
        Fate::Closed => Some(start + Duration::days(rng.below(days(start, end_of_year)) as i64)),
        Fate::Open if rng.chance(8) => None,
        Fate::Open => Some(today + Duration::days(1 + rng.below(400) as i64)),
    };
    let final_status = match fate {
        Fate::Closed if rng.chance(10) => Status::Cancelled,
        Fate::Closed => Status::Done,
        _ if rng.chance(15) => Status::NotStarted,
        _ => Status::InProgress,
    };

    // The history: creation, the cycle of changes, the final status last.
    let changes = spec.events_per_assignment as usize - 1;
    let mut steps: Vec<Step> = (0..changes.saturating_sub(1))
        .map(|i| CYCLE[i % CYCLE.len()])
        .collect();
    if changes > 0 {
        steps.push(Step::Finish);
    }
    if final_status == Status::NotStarted {
        for step in &mut steps {
            if matches!(step, Step::Start | Step::Finish) {
                *step = Step::Comment;
            }
        }
    }
    let postponed = steps.contains(&Step::Postpone) && due.is_some();
    let first_due = due.map(|d| {
        if postponed {
            d - Duration::days(14 + rng.below(60) as i64)
        } else {
            d
        }
    });
    let title = match parent {
        None => format!("{} {}", rng.pick(&VERBS), rng.pick(&OBJECTS)),
        Some(_) => format!("Delleveranse: {}", rng.pick(&OBJECTS)),
    };
    let draft = Assignment {
        id: 0,
        parent_id: parent,
        year,
        title,
        description: format!(
            "{} {} i samarbeid med berørte tjenester.",
            rng.pick(&VERBS),
            rng.pick(&OBJECTS)
        ),
        lead_sector: lead.to_string(),
        sectors: Vec::new(),
        goal_id: goal,
        source: if rng.chance(80) {
            "styringsbrev".into()
        } else {
            "politisk vedtak".into()
        },
        owner: person(rng),
        due: first_due,
        status: Status::NotStarted,
        assessment: None,
        expected_done: None,
        version: 0,
    };

    // Timestamps: created early in the year, the changes spread from then
    // until the end of the following year, never after today.
    let created_at = at(start + Duration::days(rng.below(40) as i64), rng);
    let last_at = at(end_of_year.min(today - Duration::days(1)), rng).max(created_at);
    let span = (last_at - created_at).num_minutes().max(1);
    let actor = actor_name(rng);
    let created = store.create_assignment(
        &draft,
        None,
        &Stamp {
            actor: actor.clone(),
            at: created_at,
        },
    )?;
    let mut current = created.assignment;
    for (i, step) in steps.iter().enumerate() {
        let minutes = span * (i as i64 + 1) / (steps.len() as i64 + 1);
        let stamp = Stamp {
            actor: if rng.chance(70) {
                actor.clone()
            } else {
                actor_name(rng)
            },
            at: created_at + Duration::minutes(minutes),
        };
        let edit = |field: Field, value: Option<String>| vec![(field, value)];
        let edits = match step {
            Step::Comment => vec![],
            Step::Start if current.status == Status::NotStarted => {
                edit(Field::Status, Some(Status::InProgress.as_str().into()))
            }
            Step::Start => vec![],
            Step::Assessment => {
                let choices = [Assessment::Green, Assessment::Yellow, Assessment::Red];
                let mut next = *rng.pick(&choices);
                if Some(next) == current.assessment {
                    next = choices[(choices.iter().position(|c| *c == next).unwrap_or(0) + 1) % 3];
                }
                edit(Field::Assessment, Some(next.as_str().into()))
            }
            Step::Owner => {
                let mut owner = person(rng);
                if owner == current.owner {
                    owner.push_str(" jr.");
                }
                edit(Field::Owner, Some(owner))
            }
            Step::Postpone if due != current.due => edit(Field::Due, due.map(iso)),
            Step::Postpone => vec![],
            Step::ExpectedDone => {
                let base = due.unwrap_or(end_of_year);
                let mut expected = base + Duration::days(rng.below(60) as i64);
                if Some(expected) == current.expected_done {
                    expected += Duration::days(1);
                }
                edit(Field::ExpectedDone, Some(iso(expected)))
            }
            Step::Finish if current.status != final_status => {
                edit(Field::Status, Some(final_status.as_str().into()))
            }
            Step::Finish => vec![],
        };
        // A step that changes nothing becomes a comment, so that every
        // assignment has exactly the events asked for.
        let comment = (edits.is_empty() || rng.chance(20)).then(|| *rng.pick(&COMMENTS));
        current = store
            .change(current.id, None, &edits, comment, &stamp)?
            .assignment;
    }
    Ok((current.id, current.is_overdue(crate::domain::Today(today))))
}

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&FIRST), rng.pick(&LAST))
}

fn actor_name(rng: &mut Rng) -> String {
    format!(
        "{}.{}",
        rng.pick(&FIRST).to_lowercase(),
        rng.pick(&LAST).to_lowercase()
    )
}

/// A moment during office hours on a day.
fn at(day: NaiveDate, rng: &mut Rng) -> DateTime<Utc> {
    let seconds = 7 * 3600 + rng.below(9 * 3600) as u32;
    let naive = day
        .and_hms_opt(seconds / 3600, seconds / 60 % 60, seconds % 60)
        .expect("a valid time");
    Utc.from_utc_datetime(&naive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Today;

    fn spec(assignments: u64, events: u32) -> Spec {
        Spec {
            assignments,
            events_per_assignment: events,
            seed: 7,
            year: 2023,
        }
    }

    #[test]
    fn the_data_replays_and_has_the_asked_shape() {
        let mut store = Store::in_memory().unwrap();
        let summary = generate(&mut store, &spec(400, 10)).unwrap();
        assert_eq!(summary.assignments, 400);
        assert_eq!(summary.events, 4000);
        assert_eq!(summary.goals, 276);
        let all = store.assignments().unwrap();
        assert_eq!(all.len(), 400);
        assert_eq!(store.events(None, None).unwrap().len(), 4000);
        assert!(
            summary.tasks > 0 && all.iter().filter(|a| a.is_task()).count() as u64 == summary.tasks
        );
        let overdue = all
            .iter()
            .filter(|a| a.is_overdue(Today(today(2023))))
            .count() as u64;
        assert_eq!(overdue, summary.overdue);
        // About 30% overdue.
        assert!((90..=150).contains(&overdue), "{overdue} overdue");
        let sectors: std::collections::HashSet<&str> =
            all.iter().map(|a| a.lead_sector.as_str()).collect();
        assert_eq!(sectors.len(), 6);
        let years: std::collections::HashSet<i32> = all.iter().map(|a| a.year).collect();
        assert_eq!(years.len(), 4);
        assert!(store.diagnose().unwrap().problems.is_empty());
    }

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let make = |seed| {
            let mut store = Store::in_memory().unwrap();
            generate(
                &mut store,
                &Spec {
                    seed,
                    ..spec(50, 4)
                },
            )
            .unwrap();
            (
                store.assignments().unwrap(),
                store.events(None, None).unwrap(),
            )
        };
        assert_eq!(make(1), make(1));
        assert_ne!(make(1).0, make(2).0);
    }

    #[test]
    fn one_event_each_is_only_the_creation() {
        let mut store = Store::in_memory().unwrap();
        let summary = generate(&mut store, &spec(20, 1)).unwrap();
        assert_eq!(store.events(None, None).unwrap().len(), 20);
        assert_eq!(summary.events, 20);
        assert!(store.diagnose().unwrap().problems.is_empty());
    }
}
