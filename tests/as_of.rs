//! The past as the logs give it: `--as-of` shows each day as it stood, on
//! the demo's history and for random sequences of changes; `diff` tells what
//! changed between two days; bad moments and writes are refused in one line.

use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::Value;
use styr::domain::date::local_date;
use styr::domain::diff::State;
use styr::domain::{Assessment, Field, ReportDraft, Status, WheelEntry};
use styr::store::{Stamp, Store};

mod common;
use common::cli::{demo, one_line_error, std_styr_in, text, Lang};
use common::soak;

// ---------------------------------------------------------------------------
// The demo's history
// ---------------------------------------------------------------------------

fn run(db: &Path, lang: Lang, args: &[&str]) -> std::process::Output {
    std_styr_in(db, "kari", lang).args(args).output().unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = run(db, Lang::En, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn by_id(list: &Value, id: i64) -> &Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("#{id} not in {list}"))
}

#[test]
fn the_demo_as_of_15_may_2023_shows_17_in_progress_and_18_at_its_old_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let then = json(
        &db,
        &[
            "list",
            "--sector",
            "OUS",
            "--as-of",
            "2023-05-15",
            "--format",
            "json",
        ],
    );
    assert_eq!(by_id(&then, 17)["status"], "in-progress");
    assert_eq!(by_id(&then, 18)["due"], "2023-04-30");
    assert_eq!(by_id(&then, 18)["assessment"], "yellow");
    // "Today" is the day asked for: #18 was 15 days overdue then.
    assert_eq!(by_id(&then, 18)["days_overdue"], 15);

    // Now, they are not so.
    let now = json(&db, &["list", "--sector", "OUS", "--format", "json"]);
    assert_eq!(by_id(&now, 17)["status"], "done");
    assert_eq!(by_id(&now, 18)["due"], "2023-06-01");

    // --today still says which day counts for overdue.
    let moved = json(
        &db,
        &[
            "list",
            "--sector",
            "OUS",
            "--as-of",
            "2023-05-15",
            "--today",
            "2023-05-01",
            "--format",
            "json",
        ],
    );
    assert_eq!(by_id(&moved, 18)["days_overdue"], 1);

    // show, the export and the log agree.
    let shown = run(&db, Lang::En, &["show", "17", "--as-of", "2023-05-15"]);
    assert!(shown.status.success());
    let shown = text(&shown.stdout);
    assert!(shown.contains("In progress"), "{shown}");
    assert!(!shown.contains("Done"), "{shown}");
    let export = json(
        &db,
        &["export", "--format", "json", "--as-of", "2023-05-15"],
    );
    let exported = by_id(&export["assignments"], 18);
    assert_eq!(exported["due"], "2023-04-30");
    let last_logged = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["at"].as_str())
        .max()
        .unwrap()
        .to_string();
    assert!(
        last_logged.as_str() <= "2023-05-15T23:59:59Z",
        "{last_logged}"
    );
}

#[test]
fn the_briefing_as_of_10_may_2023_tells_what_the_log_says_then() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = run(
        &db,
        Lang::Nb,
        &["brief", "--sector", "OUS", "--as-of", "2023-05-10"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let brief = text(&out.stdout);
    assert!(brief.contains("per 10.05.2023"), "{brief}");
    let row18 = brief.lines().find(|l| l.contains("|  18 |")).unwrap();
    assert!(row18.contains("Risiko for avvik"), "{row18}");
    assert!(row18.contains("30.04.2023"), "{row18}");
    let row17 = brief.lines().find(|l| l.contains("|  17 |")).unwrap();
    assert!(row17.contains("Pågår"), "{row17}");
}

#[test]
fn diff_between_the_two_dialogs_of_2023_tells_closings_fields_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let d = json(
        &db,
        &[
            "diff",
            "--from",
            "2023-05-15",
            "--to",
            "2023-10-16",
            "--sector",
            "OUS",
            "--format",
            "json",
        ],
    );
    let closed: Vec<i64> = d["closed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert!(closed.contains(&17), "{d}");
    let due18 = d["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["assignment"] == 18 && f["field"] == "due")
        .unwrap_or_else(|| panic!("{d}"));
    assert_eq!(due18["old"], "2023-04-30");
    assert_eq!(due18["new"], "2023-06-01");
    assert!(due18["actors"].as_array().unwrap().len() == 1);
    assert!(d["reports"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["assignment"] == 18 && r["period"] == "2023-T2"));
    // Only OUS's assignments.
    for a in d["closed"].as_array().unwrap() {
        assert_eq!(a["lead_sector"], "OUS");
    }

    let out = run(
        &db,
        Lang::Nb,
        &[
            "diff",
            "--from",
            "2023-05-15",
            "--to",
            "2023-10-16",
            "--sector",
            "OUS",
        ],
    );
    let said = text(&out.stdout);
    assert!(said.contains("frist: 30.04.2023 → 01.06.2023"), "{said}");
    assert!(said.contains("Lukket"), "{said}");

    let backwards = run(
        &db,
        Lang::En,
        &["diff", "--from", "2023-10-16", "--to", "2023-05-15"],
    );
    one_line_error(&backwards, "diff backwards");
}

#[test]
fn bad_moments_and_writes_are_refused_in_one_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();

    let early = one_line_error(
        &run(&db, Lang::En, &["list", "--as-of", "2022-12-31"]),
        "early",
    );
    assert!(
        early.contains("2023-01-16 08:00"),
        "names the first event: {early}"
    );
    let future = one_line_error(
        &run(&db, Lang::En, &["list", "--as-of", "9000-01-01"]),
        "future",
    );
    assert!(future.contains("future"), "{future}");
    let unreadable = one_line_error(
        &run(&db, Lang::Nb, &["list", "--as-of", "15. mai"]),
        "unreadable",
    );
    assert!(unreadable.contains("ikke en dato"), "{unreadable}");
    for args in [
        &[
            "set",
            "17",
            "--status",
            "cancelled",
            "--as-of",
            "2023-05-15",
        ][..],
        &["undo", "--as-of", "2023-05-15"][..],
        &[
            "report",
            "17",
            "--period",
            "2023-T1",
            "--status",
            "done",
            "--as-of",
            "2023-05-15",
        ][..],
        &["wheel", "rm", "7", "--as-of", "2023-05-15"][..],
    ] {
        let said = one_line_error(&run(&db, Lang::En, args), &format!("{args:?}"));
        assert!(said.contains("nothing was changed"), "{args:?}: {said}");
    }
    // A usage error stays one: exit 2.
    let usage = run(&db, Lang::En, &["list", "--as-of"]);
    assert_eq!(usage.status.code(), Some(2));

    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is untouched");
    let fine = run(&db, Lang::En, &["list", "--as-of", "2023-05-15 10:30"]);
    assert!(fine.status.success(), "{}", text(&fine.stderr));
}

// ---------------------------------------------------------------------------
// Exactness: random changes at random times
// ---------------------------------------------------------------------------

/// One change made through the store.
#[derive(Debug, Clone)]
enum Op {
    Create {
        sector: usize,
        task: bool,
        due_days: i64,
    },
    Status {
        pick: usize,
        status: usize,
    },
    Assess {
        pick: usize,
        assessment: usize,
    },
    Due {
        pick: usize,
        days: i64,
    },
    Owner {
        pick: usize,
        owner: usize,
    },
    Report {
        pick: usize,
        status: usize,
        assessment: usize,
    },
    Comment {
        pick: usize,
    },
    /// Withdraws a report or comment (a `withdrawn` event, which the
    /// replay must take as a change of the assignment's version).
    Withdraw {
        pick: usize,
    },
    Undo,
    WheelCreate {
        days: i64,
    },
    WheelRetitle {
        pick: usize,
    },
    WheelDelete {
        pick: usize,
    },
    GoalRetitle {
        pick: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let pick = 0usize..1000;
    prop_oneof![
        2 => (0usize..6, any::<bool>(), -60i64..200)
            .prop_map(|(sector, task, due_days)| Op::Create { sector, task, due_days }),
        3 => (pick.clone(), 0usize..4).prop_map(|(pick, status)| Op::Status { pick, status }),
        2 => (pick.clone(), 0usize..4).prop_map(|(pick, assessment)| Op::Assess { pick, assessment }),
        2 => (pick.clone(), -30i64..90).prop_map(|(pick, days)| Op::Due { pick, days }),
        1 => (pick.clone(), 0usize..3).prop_map(|(pick, owner)| Op::Owner { pick, owner }),
        2 => (pick.clone(), 0usize..3, 0usize..4)
            .prop_map(|(pick, status, assessment)| Op::Report { pick, status, assessment }),
        1 => pick.clone().prop_map(|pick| Op::Comment { pick }),
        1 => pick.clone().prop_map(|pick| Op::Withdraw { pick }),
        1 => Just(Op::Undo),
        1 => (0i64..300).prop_map(|days| Op::WheelCreate { days }),
        1 => pick.clone().prop_map(|pick| Op::WheelRetitle { pick }),
        1 => pick.clone().prop_map(|pick| Op::WheelDelete { pick }),
        1 => pick.prop_map(|pick| Op::GoalRetitle { pick }),
    ]
}

const STATUSES: [Status; 4] = [
    Status::NotStarted,
    Status::InProgress,
    Status::Done,
    Status::Cancelled,
];
const ASSESSMENTS: [Option<Assessment>; 4] = [
    None,
    Some(Assessment::Green),
    Some(Assessment::Yellow),
    Some(Assessment::Red),
];

/// Makes one change at `at`; whether the store took it (a refusal changes nothing).
fn make(store: &mut Store, op: &Op, at: DateTime<Utc>) -> bool {
    let stamp = Stamp {
        actor: ["kari", "ola", "per"][at.timestamp().rem_euclid(3) as usize].to_string(),
        at,
    };
    let all = store.assignments().unwrap();
    let nth = |pick: usize| all.get(pick % all.len().max(1)).map(|a| a.id);
    let day = local_date(at);
    let result: Result<(), styr::store::StoreError> = match op {
        Op::Create {
            sector,
            task,
            due_days,
        } => {
            let sectors = store.sectors().unwrap();
            let parent = if *task {
                all.iter().find(|a| !a.is_task()).map(|a| a.id)
            } else {
                None
            };
            let lead = match parent.and_then(|p| all.iter().find(|a| a.id == p)) {
                Some(p) => p.lead_sector.clone(),
                None => sectors[sector % sectors.len()].code.clone(),
            };
            let draft = styr::domain::Assignment {
                year: 2023,
                title: format!("Oppdrag laget {at}"),
                lead_sector: lead,
                parent_id: parent,
                due: Some(day + Duration::days(*due_days)),
                ..styr::domain::Assignment::placeholder()
            };
            store.create_assignment(&draft, None, &stamp).map(|_| ())
        }
        Op::Status { pick, status } => set(
            store,
            nth(*pick),
            Field::Status,
            Some(STATUSES[*status].as_str().into()),
            &stamp,
        ),
        Op::Assess { pick, assessment } => set(
            store,
            nth(*pick),
            Field::Assessment,
            ASSESSMENTS[*assessment].map(|a| a.as_str().to_string()),
            &stamp,
        ),
        Op::Due { pick, days } => set(
            store,
            nth(*pick),
            Field::Due,
            Some(styr::domain::date::iso(day + Duration::days(*days))),
            &stamp,
        ),
        Op::Owner { pick, owner } => set(
            store,
            nth(*pick),
            Field::Owner,
            ["Kari", "Ola", ""][*owner].to_string().into(),
            &stamp,
        ),
        Op::Report {
            pick,
            status,
            assessment,
        } => match nth(*pick) {
            None => return false,
            Some(id) => {
                let draft = ReportDraft {
                    period: "2023-T2".into(),
                    status: Some(STATUSES[*status]),
                    assessment: Some(ASSESSMENTS[*assessment]),
                    expected_done: None,
                    comment: Some("Rapportert".into()),
                };
                store.report(id, None, &draft, &stamp).map(|_| ())
            }
        },
        Op::Comment { pick } => match nth(*pick) {
            None => return false,
            Some(id) => store
                .change(id, None, &[], Some("Bare en kommentar"), &stamp)
                .map(|_| ()),
        },
        Op::Withdraw { pick } => {
            let said: Vec<i64> = store
                .events(None, None)
                .unwrap()
                .into_iter()
                .filter(|e| e.field == Field::Report.as_str() || e.field == Field::Comment.as_str())
                .map(|e| e.id)
                .collect();
            let Some(event) = said.get(pick % said.len().max(1)) else {
                return false;
            };
            store
                .withdraw(*event, Some("Feil periode"), &stamp)
                .map(|_| ())
        }
        Op::Undo => store.undo_last(None, &stamp).map(|_| ()),
        Op::WheelCreate { days } => {
            let start =
                styr::domain::date::parse_date("2023-01-01").unwrap() + Duration::days(*days);
            let entry = WheelEntry {
                id: 0,
                year: 2023,
                start,
                end: start + Duration::days(2),
                title: format!("Møte {at}"),
                kind: styr::domain::WheelKind::Administrative,
                sector: None,
                tags: vec![],
                note: String::new(),
            };
            store.create_wheel_entry(&entry, None, &stamp).map(|_| ())
        }
        Op::WheelRetitle { pick } => {
            let entries = store.all_wheel_entries().unwrap();
            let Some(entry) = entries.get(pick % entries.len().max(1)) else {
                return false;
            };
            let next = WheelEntry {
                title: format!("Omdøpt {at}"),
                ..entry.clone()
            };
            store
                .change_wheel_entry(entry.id, None, &next, None, &stamp)
                .map(|_| ())
        }
        Op::WheelDelete { pick } => {
            let entries = store.all_wheel_entries().unwrap();
            let Some(entry) = entries.get(pick % entries.len().max(1)) else {
                return false;
            };
            store
                .delete_wheel_entry(entry.id, None, None, &stamp)
                .map(|_| ())
        }
        Op::GoalRetitle { pick } => {
            let goals = store.goals().unwrap();
            let Some(goal) = goals.get(pick % goals.len().max(1)) else {
                return false;
            };
            let next = styr::domain::Goal {
                title: format!("Mål omdøpt {at}"),
                ..goal.clone()
            };
            store
                .change_goal(goal.id, None, &next, None, &stamp)
                .map(|_| ())
        }
    };
    result.is_ok()
}

fn set(
    store: &mut Store,
    id: Option<i64>,
    field: Field,
    value: Option<String>,
    stamp: &Stamp,
) -> Result<(), styr::store::StoreError> {
    match id {
        None => Ok(()),
        Some(id) => store
            .change(id, None, &[(field, value)], None, stamp)
            .map(|_| ()),
    }
}

/// What the tables hold, and who is missing a report, on the day of `at`.
#[derive(Debug, Clone, PartialEq)]
struct Recorded {
    state: State,
    missing: Option<Vec<i64>>,
}

fn record(store: &Store, at: DateTime<Utc>) -> Recorded {
    Recorded {
        state: store.state().unwrap(),
        missing: store
            .missing_reports(local_date(at))
            .unwrap()
            .map(|m| m.assignments.iter().map(|a| a.id).collect()),
    }
}

fn past(path: &Path, at: DateTime<Utc>, all: bool) -> Recorded {
    let store = Store::open(path).unwrap();
    let store = if all {
        store.as_of_replaying_all(at).unwrap()
    } else {
        store.as_of(at).unwrap()
    };
    record(&store, at)
}

fn cases() -> u32 {
    if soak() {
        400
    } else {
        32
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    /// After each change the tables are recorded; the state replayed as of
    /// that instant (and of the last second before the next change) equals
    /// the record, by either way of replaying.
    #[test]
    fn the_state_as_of_each_instant_is_the_state_the_tables_held(
        steps in proptest::collection::vec((op(), 1i64..400_000), 1..24)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("styr.db");
        let mut store = common::demo_store(dir.path(), "styr.db");
        store.set_durable(false).unwrap();
        let mut at = Utc.with_ymd_and_hms(2023, 9, 21, 6, 0, 0).unwrap();
        let mut records = vec![(at - Duration::seconds(1), record(&store, at - Duration::seconds(1)))];
        for (op, gap) in &steps {
            at += Duration::seconds(*gap);
            if make(&mut store, op, at) {
                records.push((at, record(&store, at)));
            }
        }
        drop(store);
        for (i, (at, recorded)) in records.iter().enumerate() {
            prop_assert_eq!(&past(&path, *at, false), recorded, "as of {} (change {})", at, i);
            if let Some((next, _)) = records.get(i + 1) {
                let before_next = *next - Duration::seconds(1);
                if before_next > *at {
                    prop_assert_eq!(&past(&path, before_next, false), recorded, "as of {}", before_next);
                }
            }
        }
        // One connection moved from instant to instant, back and then to
        // the newest, as the TUI steps through the dialogs.
        let mut stepped = Store::open(&path).unwrap();
        let newest = records.last().cloned();
        for (at, recorded) in records.iter().rev().chain(newest.iter()) {
            stepped = stepped.as_of(*at).unwrap();
            prop_assert_eq!(&record(&stepped, *at), recorded, "stepped to {}", at);
        }
        // The full replay agrees, checked at a few instants.
        for (at, recorded) in records.iter().step_by(5) {
            prop_assert_eq!(&past(&path, *at, true), recorded, "replaying all, as of {}", at);
        }
    }
}

/// A withdrawn report is a change of its assignment like any other: the
/// day between the withdrawal and a later change reads as the tables held
/// it, by either way of replaying (each replays the withdrawal, as the
/// later change makes the assignment one to replay).
#[test]
fn the_past_after_a_withdrawn_report_is_the_state_the_tables_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = common::demo_store(dir.path(), "styr.db");
    let report = store
        .events(None, None)
        .unwrap()
        .into_iter()
        .rev()
        .find(|e| e.field == Field::Report.as_str())
        .expect("the demo has reports");
    let stamp = |at| Stamp {
        actor: "kari".into(),
        at,
    };
    let at = Utc.with_ymd_and_hms(2023, 9, 21, 6, 0, 0).unwrap();
    store
        .withdraw(report.id, Some("Feil periode"), &stamp(at))
        .unwrap();
    let withdrawn = record(&store, at);
    set(
        &mut store,
        Some(report.assignment_id),
        Field::Owner,
        Some("Ola Nordmann".into()),
        &stamp(at + Duration::hours(1)),
    )
    .unwrap();
    drop(store);
    assert_eq!(past(&path, at, false), withdrawn);
    assert_eq!(past(&path, at, true), withdrawn);
}

/// `styr diff` tells the vedtak made, closed, reopened, linked and unlinked
/// in the window, from the catalog log, in text and JSON, both languages.
#[test]
fn diff_tells_the_vedtak_changed_in_the_window_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let window = ["diff", "--from", "2023-05-15", "--to", "2023-10-16"];
    let d = json(&db, &[&window[..], &["--format", "json"]].concat());
    let vedtak = d["vedtak"].as_array().unwrap();
    let of = |id: i64, change: &str| {
        vedtak
            .iter()
            .find(|v| v["id"] == id && v["change"] == change)
            .unwrap_or_else(|| panic!("V{id} {change}: {d}"))
    };
    // The demo: V4 (7/23) kvittert ut 26.06.2023; V7 (61/23) made in June.
    assert_eq!(of(4, "closed")["day"], "2023-06-26");
    assert_eq!(of(4, "closed")["case"], "7/23");
    assert_eq!(of(7, "created")["case"], "61/23");
    // V1 was made in January: nothing of it in the window.
    assert!(vedtak.iter().all(|v| v["id"] != 1), "{d}");

    for (lang, heading, closed) in [
        (Lang::Nb, "Vedtak (", "kvittert ut 26.06.2023"),
        (Lang::En, "Political decisions (", "closed 2023-06-26"),
    ] {
        let out = run(&db, lang, &window);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let said = text(&out.stdout);
        assert!(said.contains(heading), "{said}");
        let line = said
            .lines()
            .find(|l| l.contains("V4 7/23"))
            .unwrap_or_else(|| panic!("{said}"));
        assert!(line.contains(closed), "{line}");
    }

    // Reopened, linked and unlinked, written now and told in a window to now.
    for args in [
        &["vedtak", "reopen", "4"][..],
        &["vedtak", "link", "7", "13"],
        &["vedtak", "unlink", "1", "8"],
    ] {
        let out = run(&db, Lang::En, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let now = Utc::now().date_naive().to_string();
    let d = json(
        &db,
        &[
            "diff",
            "--from",
            "2023-10-16",
            "--to",
            &now,
            "--format",
            "json",
        ],
    );
    let vedtak = d["vedtak"].as_array().unwrap();
    let find = |id: i64, change: &str| {
        vedtak
            .iter()
            .find(|v| v["id"] == id && v["change"] == change)
    };
    assert!(find(4, "reopened").is_some(), "{d}");
    assert_eq!(
        find(7, "linked").unwrap()["assignments"],
        serde_json::json!([13])
    );
    assert_eq!(
        find(1, "unlinked").unwrap()["assignments"],
        serde_json::json!([8])
    );
    // A sector sees the vedtak of its own oppdrag only: HOM leads #13, not #8.
    let hom = json(
        &db,
        &[
            "diff",
            "--from",
            "2023-10-16",
            "--to",
            &now,
            "--sector",
            "HOM",
            "--format",
            "json",
        ],
    );
    let ids: Vec<i64> = hom["vedtak"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&7) && !ids.contains(&1), "{hom}");
}
