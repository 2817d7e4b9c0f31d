//! The store against the invariants users trust it for: an append-only log
//! that replays to the table, no lost updates, undo that appends, refused
//! input that changes nothing, a deterministic demo and careful opening.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use styr::domain::{self, Assignment, Event, Field, GoalKind, GoalTree, Status, Today};
use styr::store::{ListedAssignment, Stamp, Store, StoreError};

mod common;
use common::{demo_store, Rng};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 9, 1, 8, 0, 0).unwrap()
}

/// A change by `actor`, `n` seconds after a fixed instant (whole seconds, as stored).
fn stamp(actor: &str, n: i64) -> Stamp {
    Stamp {
        actor: actor.to_string(),
        at: base() + Duration::seconds(n),
    }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn draft(title: &str, lead: &str) -> Assignment {
    Assignment {
        id: 0,
        parent_id: None,
        year: 2023,
        title: title.to_string(),
        description: String::new(),
        lead_sector: lead.to_string(),
        sectors: vec![],
        goal_id: None,
        source: "styringsbrev".to_string(),
        owner: String::new(),
        due: Some(date("2023-06-30")),
        status: Status::NotStarted,
        assessment: None,
        expected_done: None,
        version: 0,
    }
}

fn edit(field: Field, value: &str) -> (Field, Option<String>) {
    (field, Some(value.to_string()))
}

/// Everything a change could touch.
fn snapshot(store: &Store) -> (Vec<Assignment>, Vec<Event>) {
    (
        store.assignments().unwrap(),
        store.events(None, None).unwrap(),
    )
}

/// The assignments as the event log rebuilds them, in id order.
fn replayed(store: &Store) -> Vec<Assignment> {
    let events = store.events(None, None).unwrap();
    domain::replay(&events).unwrap().into_values().collect()
}

fn assert_consistent(store: &Store, context: &str) {
    let diagnosis = store.diagnose().unwrap();
    assert!(
        diagnosis.is_ok(),
        "{context}: doctor found {:#?}",
        diagnosis.problems
    );
    assert_eq!(
        replayed(store),
        store.assignments().unwrap(),
        "{context}: replay differs from the table"
    );
}

/// A small database: six default sectors, one focus area, one main goal, two
/// delmål, three assignments and a task.
struct Fixture {
    store: Store,
    focus: i64,
    main: i64,
    subs: [i64; 2],
    assignments: Vec<i64>,
    task: i64,
}

fn fixture() -> Fixture {
    let mut store = Store::in_memory().unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    let focus = store.add_goal(None, "1", "Tilhørighet", &[]).unwrap();
    let main = store
        .add_goal(Some(focus), "1.1", "Alle kan delta", &[])
        .unwrap();
    let sub1 = store
        .add_goal(
            Some(main),
            "1.1.1",
            "Deltakelse øker",
            &["HOM".into(), "KUL".into()],
        )
        .unwrap();
    let sub2 = store
        .add_goal(Some(main), "1.1.2", "Innbyggere medvirker", &["SOS".into()])
        .unwrap();
    let admin = stamp("admin", 0);
    let mut assignments = Vec::new();
    for (title, lead) in [
        ("Rullering av boligplanen", "HOM"),
        ("Ny sentrumsplan", "SOS"),
        ("Kulturstrategi", "KUL"),
    ] {
        assignments.push(
            store
                .create_assignment(&draft(title, lead), None, &admin)
                .unwrap()
                .assignment
                .id,
        );
    }
    let task = Assignment {
        parent_id: Some(assignments[0]),
        ..draft("Kartlegge behov", "HOM")
    };
    let task = store
        .create_assignment(&task, None, &admin)
        .unwrap()
        .assignment
        .id;
    Fixture {
        store,
        focus,
        main,
        subs: [sub1, sub2],
        assignments,
        task,
    }
}

// ---------------------------------------------------------------------------
// 1. The event log is append-only in the database itself
// ---------------------------------------------------------------------------

#[test]
fn raw_sql_cannot_rewrite_or_erase_the_event_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    let id = store
        .create_assignment(&draft("Boligplan", "HOM"), None, &stamp("kari", 1))
        .unwrap()
        .assignment
        .id;
    store
        .change(
            id,
            None,
            &[edit(Field::Status, "in-progress")],
            Some("i gang"),
            &stamp("kari", 2),
        )
        .unwrap();
    let before = snapshot(&store);
    assert_eq!(before.1.len(), 2);

    let raw = rusqlite::Connection::open(&path).unwrap();
    let attempts = [
        "UPDATE events SET actor = 'mallory'",
        "UPDATE events SET new = 'done' WHERE field = 'status'",
        "DELETE FROM events",
        "DELETE FROM events WHERE id = 2",
        // REPLACE deletes the old row to insert the new one: a rewrite by another name.
        "INSERT OR REPLACE INTO events (id, at, actor, assignment_id, field, old, new, comment, undoes)
         SELECT id, at, 'mallory', assignment_id, field, old, 'done', comment, undoes FROM events WHERE id = 2",
        "REPLACE INTO events (id, at, actor, assignment_id, field, old, new, comment, undoes)
         VALUES (1, '2023-01-01T00:00:00Z', 'mallory', 1, 'comment', NULL, NULL, 'x', NULL)",
    ];
    for sql in attempts {
        let err = raw.execute(sql, []).expect_err(sql);
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    let count: i64 = raw
        .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 2);
    drop(raw);

    assert_eq!(snapshot(&store), before, "the open store sees the same log");
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(snapshot(&reopened), before, "the file holds the same log");
    assert_consistent(&reopened, "after the attempts");
}

// ---------------------------------------------------------------------------
// 2. Replay equals state after random changes
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Saved,
    Refused,
    /// Depends on the current tree (a parent change).
    Either,
}

/// One random edit: a field, a value and whether the value must be refused.
fn random_edit(rng: &mut Rng, fx: &Fixture, ids: &[i64]) -> (Field, Option<String>, Expect) {
    use Expect::{Either, Refused, Saved};
    let some = |s: &str| Some(s.to_string());
    let dates = [
        (some("2023-06-30"), Saved),
        (some("2023-12-31"), Saved),
        (some("20.09.2023"), Saved),
        (None, Saved),
        (some(""), Saved),
        (some("2023-02-30"), Refused),
        (some("tomorrow"), Refused),
        (some("31.13.2023"), Refused),
    ];
    let (field, choices): (Field, Vec<(Option<String>, Expect)>) = match rng.below(11) {
        0 => (
            Field::Status,
            vec![
                (some("not-started"), Saved),
                (some("in-progress"), Saved),
                (some("done"), Saved),
                (some("cancelled"), Saved),
                (some("Pågår"), Saved),
                (some("fullført"), Saved),
                (some("half"), Refused),
                (some(""), Refused),
                (None, Refused),
            ],
        ),
        1 => (
            Field::Assessment,
            vec![
                (some("green"), Saved),
                (some("yellow"), Saved),
                (some("red"), Saved),
                (some("gul"), Saved),
                (some("none"), Saved),
                (None, Saved),
                (some("purple"), Refused),
            ],
        ),
        2 => (Field::Due, dates.to_vec()),
        3 => (
            Field::Owner,
            vec![
                (some("Kari Nordmann"), Saved),
                (some("  Ola  "), Saved),
                (some("Per"), Saved),
                (None, Saved),
            ],
        ),
        4 => (
            Field::Title,
            vec![
                (some("Ny tittel"), Saved),
                (some("  Rullering av planen  "), Saved),
                (Some(format!("Tittel {}", rng.below(5))), Saved),
                (some(""), Refused),
                (some("   "), Refused),
                (None, Refused),
            ],
        ),
        5 => (
            Field::Sectors,
            vec![
                (some("TEK,KUL"), Saved),
                (some("hom"), Saved),
                (some("SOS; STYV"), Saved),
                (some("OUS TEK"), Saved),
                (some("TEK,TEK"), Saved),
                (some("HOM,KUL,SOS"), Saved),
                (None, Saved),
                (some("XYZ"), Refused),
                (some("TEK,QQ"), Refused),
            ],
        ),
        6 => (
            Field::Goal,
            vec![
                (Some(fx.subs[0].to_string()), Saved),
                (Some(fx.subs[1].to_string()), Saved),
                (None, Saved),
                (Some(fx.main.to_string()), Refused),
                (Some(fx.focus.to_string()), Refused),
                (some("9999"), Refused),
                (some("abc"), Refused),
            ],
        ),
        7 => (
            Field::Description,
            vec![
                (some("Linje en\nlinje to"), Saved),
                (some("  x  "), Saved),
                (some(""), Saved),
                (None, Saved),
            ],
        ),
        8 => (Field::ExpectedDone, dates.to_vec()),
        9 => {
            let mut choices: Vec<(Option<String>, Expect)> =
                ["SOS", "STYV", "HOM", "OUS", "TEK", "KUL", "kul", " tek "]
                    .iter()
                    .map(|c| (some(c), Saved))
                    .collect();
            choices.extend([(some("XYZ"), Refused), (some(""), Refused), (None, Refused)]);
            (Field::LeadSector, choices)
        }
        _ => {
            let mut choices: Vec<(Option<String>, Expect)> = ids
                .iter()
                .map(|id| (Some(id.to_string()), Either))
                .collect();
            choices.push((None, Either));
            choices.push((some("9999"), Refused));
            (Field::Parent, choices)
        }
    };
    let (value, expect) = rng.pick(&choices).clone();
    (field, value, expect)
}

#[derive(Debug, Default)]
struct Tally {
    saved: usize,
    refused: usize,
    stale: usize,
    comments: usize,
    undone: usize,
    /// Undos that passed over newer changes that cannot be undone.
    undone_past_skipped: usize,
    undo_refused: usize,
    created: usize,
}

fn run_random_sequence(seed: u64, steps: i64, tally: &mut Tally) {
    let mut fx = fixture();
    let mut rng = Rng::new(seed);
    let admin = stamp("admin", 0);
    // A few more assignments and tasks, in every sector.
    for (i, lead) in ["SOS", "STYV", "OUS", "TEK"].iter().enumerate() {
        let mut d = draft(&format!("Oppdrag {i}"), lead);
        d.sectors = vec!["KUL".into(), lead.to_lowercase()];
        d.goal_id = Some(fx.subs[i % 2]);
        let id = fx
            .store
            .create_assignment(&d, None, &admin)
            .unwrap()
            .assignment
            .id;
        fx.assignments.push(id);
        let task = Assignment {
            parent_id: Some(id),
            ..draft(&format!("Oppgave {i}"), lead)
        };
        fx.store.create_assignment(&task, None, &admin).unwrap();
    }
    let actors = ["kari", "ola", "per"];
    // The log as it must be: what the store reported, in order. Each step has
    // its own second, so `events(None, Some(at))` is exactly what it appended.
    let mut log = fx.store.events(None, None).unwrap();
    // The assignments as they must be; the whole table is compared with it now
    // and then (reading it all at every step would make the test slow).
    let mut model: BTreeMap<i64, Assignment> = fx
        .store
        .assignments()
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a))
        .collect();

    for step in 1..=steps {
        let context = format!("seed {seed}, step {step}");
        let ids: Vec<i64> = model.keys().copied().collect();
        let actor = *rng.pick(&actors);
        let at = stamp(actor, step);
        let roll = rng.below(100);

        // What the store returned, and (for a change) which assignment it was.
        let (result, target): (Result<styr::store::Changed, StoreError>, Option<i64>) = match roll {
            0..=59 => {
                let id = *rng.pick(&ids);
                let current = fx.store.assignment(id).unwrap();
                let edits: Vec<(Field, Option<String>, Expect)> = (0..1 + rng.below(3))
                    .map(|_| random_edit(&mut rng, &fx, &ids))
                    .collect();
                let mode = rng.below(4);
                let stale = mode == 3 && current.version > 1;
                let expected_version = match mode {
                    0 => None,
                    3 if stale => Some(current.version - 1),
                    _ => Some(current.version),
                };
                let comment = rng.percent(30).then(|| format!("kommentar {step}"));
                let plain: Vec<(Field, Option<String>)> =
                    edits.iter().map(|(f, v, _)| (*f, v.clone())).collect();
                let result = fx
                    .store
                    .change(id, expected_version, &plain, comment.as_deref(), &at);
                let expect = if stale {
                    None
                } else if edits.iter().any(|e| e.2 == Expect::Refused) {
                    Some(Expect::Refused)
                } else if edits.iter().any(|e| e.2 == Expect::Either) {
                    Some(Expect::Either)
                } else {
                    Some(Expect::Saved)
                };
                match (&result, expect) {
                    (Err(StoreError::Stale { changes, .. }), None) => {
                        tally.stale += 1;
                        let last_state_event = log
                            .iter()
                            .rev()
                            .find(|e| e.assignment_id == id && e.field != "comment")
                            .unwrap();
                        assert_eq!(
                            changes,
                            &vec![last_state_event.clone()],
                            "{context}: stale changes"
                        );
                    }
                    (other, None) => panic!("{context}: a stale edit was not refused: {other:?}"),
                    (Ok(changed), Some(Expect::Saved | Expect::Either)) => {
                        tally.saved += 1;
                        // The last value given for a field is what is stored (normalised).
                        let stored = &changed.assignment;
                        for (field, value, _) in &plain_last(&edits) {
                            let value = value.as_deref().unwrap_or_default().trim();
                            match field {
                                Field::Status => assert_eq!(
                                    stored.status,
                                    Status::parse(value).unwrap(),
                                    "{context}"
                                ),
                                Field::Title => assert_eq!(stored.title, value, "{context}"),
                                Field::Owner => assert_eq!(stored.owner, value, "{context}"),
                                Field::LeadSector => assert_eq!(
                                    stored.lead_sector,
                                    value.to_uppercase(),
                                    "{context}"
                                ),
                                _ => {}
                            }
                        }
                        let state_events = changed
                            .events
                            .iter()
                            .filter(|e| e.field != "comment")
                            .count() as i64;
                        assert_eq!(
                            stored.version,
                            current.version + state_events,
                            "{context}: version"
                        );
                        assert!(
                            !stored.sectors.contains(&stored.lead_sector),
                            "{context}: the lead sector is listed as contributing"
                        );
                    }
                    (Err(e), Some(Expect::Refused | Expect::Either)) => {
                        tally.refused += 1;
                        assert!(
                            !matches!(e, StoreError::Sql(_) | StoreError::Stale { .. }),
                            "{context}: {e:?}"
                        );
                    }
                    (Ok(changed), Some(Expect::Refused)) => {
                        panic!(
                            "{context}: {edits:?} should have been refused, wrote {:?}",
                            changed.events
                        )
                    }
                    (Err(e), Some(Expect::Saved)) => {
                        panic!("{context}: {edits:?} was refused: {e}")
                    }
                }
                (result, Some(id))
            }
            60..=71 => {
                let id = *rng.pick(&ids);
                let current = fx.store.assignment(id).unwrap();
                let expected = rng.percent(50).then_some(current.version);
                let result =
                    fx.store
                        .change(id, expected, &[], Some(&format!("  notat {step} ")), &at);
                let changed = result
                    .as_ref()
                    .unwrap_or_else(|e| panic!("{context}: comment refused: {e}"));
                tally.comments += 1;
                assert_eq!(changed.events.len(), 1, "{context}");
                assert_eq!(changed.events[0].field, "comment", "{context}");
                assert_eq!(
                    changed.events[0].comment.as_deref(),
                    Some(format!("notat {step}").as_str())
                );
                assert_eq!(
                    changed.assignment, current,
                    "{context}: a comment changes no field and no version"
                );
                (result, Some(id))
            }
            72..=89 => {
                let actor = *rng.pick(&actors[..2]);
                let candidate = fx.store.undo_candidate(actor).unwrap();
                let result = fx
                    .store
                    .undo_last(rng.percent(20).then_some("angrer"), &stamp(actor, step));
                assert_eq!(
                    candidate.as_ref().map(|e| e.id),
                    result.as_ref().ok().and_then(|c| c.events[0].undoes),
                    "{context}: undo_candidate names what undo_last undoes"
                );
                match &result {
                    Ok(changed) => {
                        tally.undone += 1;
                        if !changed.skipped.is_empty() {
                            tally.undone_past_skipped += 1;
                        }
                        let state_events = changed
                            .events
                            .iter()
                            .filter(|e| e.field != "comment")
                            .count();
                        assert!(state_events > 0, "{context}: an undo that changes nothing");
                        let undone = changed.events[0]
                            .undoes
                            .expect("an undo event names what it undoes");
                        let original = log.iter().find(|e| e.id == undone).unwrap();
                        assert_eq!(
                            original.actor, actor,
                            "{context}: undid someone else's change"
                        );
                        // One change is undone whole: every event it took
                        // back is the actor's, from the same instant.
                        assert!(changed.events.iter().all(|e| {
                            let Some(id) = e.undoes else { return false };
                            let part = log.iter().find(|o| o.id == id).unwrap();
                            e.actor == actor && part.actor == actor && part.at == original.at
                        }));
                        let field = original.field().unwrap();
                        let restored = changed.assignment.field_value(field);
                        let mut want = original.old.clone();
                        if field == Field::Sectors {
                            // The lead sector is never also a contributing one.
                            let lead = &changed.assignment.lead_sector;
                            let kept: Vec<&str> = want
                                .as_deref()
                                .unwrap_or_default()
                                .split(',')
                                .filter(|s| !s.is_empty() && *s != lead)
                                .collect();
                            want = (!kept.is_empty()).then(|| kept.join(","));
                        }
                        assert_eq!(restored, want, "{context}: undo restores the old value");
                        // What was passed over: the actor's own newer changes,
                        // newest first, none of them undone, each with a reason.
                        let mut newer_than = i64::MAX;
                        for skipped in &changed.skipped {
                            let e = &skipped.event;
                            assert!(log.contains(e), "{context}: skipped {e:?}");
                            assert_eq!(e.actor, actor, "{context}");
                            assert!(e.id > undone && e.id < newer_than, "{context}");
                            assert!(e.undoes.is_none() && e.field != "comment", "{context}");
                            assert!(!log.iter().any(|u| u.undoes == Some(e.id)), "{context}");
                            assert!(!skipped.reason.to_string().is_empty(), "{context}");
                            newer_than = e.id;
                        }
                    }
                    Err(e) => {
                        tally.undo_refused += 1;
                        assert!(
                            matches!(
                                e,
                                StoreError::NothingToUndo { .. }
                                    | StoreError::CannotUndo { .. }
                                    | StoreError::UndoWouldStay { .. }
                            ),
                            "{context}: {e:?}"
                        );
                    }
                }
                (result, None)
            }
            90..=94 => {
                let tops: Vec<i64> = model
                    .values()
                    .filter(|a| a.parent_id.is_none())
                    .map(|a| a.id)
                    .collect();
                let parent = rng.percent(60).then(|| *rng.pick(&tops));
                let lead = *rng.pick(&["SOS", "HOM", "kul"]);
                let mut d = draft(&format!("Ny {step}"), lead);
                d.parent_id = parent;
                d.sectors = vec!["TEK".into(), "HOM".into()];
                let result = fx.store.create_assignment(&d, Some("ny"), &at);
                let changed = result
                    .as_ref()
                    .unwrap_or_else(|e| panic!("{context}: create refused: {e}"));
                tally.created += 1;
                assert_eq!(changed.assignment.version, 1);
                let id = changed.assignment.id;
                (result, Some(id))
            }
            _ => {
                // Refused outright: an unknown assignment, or no actor.
                tally.refused += 1;
                if rng.percent(50) {
                    let r = fx
                        .store
                        .change(9999, None, &[edit(Field::Status, "done")], None, &at);
                    assert!(
                        matches!(r, Err(StoreError::UnknownAssignment(9999))),
                        "{context}: {r:?}"
                    );
                    (r, None)
                } else {
                    let id = *rng.pick(&ids);
                    let r = fx.store.change(
                        id,
                        None,
                        &[edit(Field::Owner, &format!("x{step}"))],
                        None,
                        &stamp(" ", step),
                    );
                    assert!(
                        matches!(r, Err(StoreError::Domain(domain::DomainError::NoActor))),
                        "{context}: {r:?}"
                    );
                    (r, Some(id))
                }
            }
        };

        let appended = fx.store.events(None, Some(at.at)).unwrap();
        match result {
            Err(_) => {
                assert_eq!(
                    appended,
                    vec![],
                    "{context}: a refused operation wrote events"
                );
                if let Some(id) = target {
                    assert_eq!(
                        fx.store.assignment(id).unwrap(),
                        model[&id],
                        "{context}: a refused operation changed it"
                    );
                }
            }
            Ok(changed) => {
                assert_eq!(
                    appended, changed.events,
                    "{context}: the log gained exactly what was reported"
                );
                log.extend(appended);
                if let Some(id) = target {
                    assert_eq!(changed.assignment.id, id);
                }
                let stored = fx.store.assignment(changed.assignment.id).unwrap();
                assert_eq!(
                    stored, changed.assignment,
                    "{context}: the reported state is the stored one"
                );
                model.insert(stored.id, stored);
            }
        }
        if step % 250 == 0 || step == steps {
            // Nothing else changed, nothing was erased, and the log replays to the table.
            assert_eq!(
                fx.store.assignments().unwrap(),
                model.values().cloned().collect::<Vec<_>>(),
                "{context}"
            );
            assert_eq!(
                fx.store.events(None, None).unwrap(),
                log,
                "{context}: the log was rewritten"
            );
            assert_consistent(&fx.store, &context);
        }
    }
}

/// The edits with only the last one per field kept.
fn plain_last(edits: &[(Field, Option<String>, Expect)]) -> Vec<(Field, Option<String>, Expect)> {
    let mut last: Vec<(Field, Option<String>, Expect)> = Vec::new();
    for e in edits {
        last.retain(|l| l.0 != e.0);
        last.push(e.clone());
    }
    last
}

/// Runs one seed and checks that every kind of operation really happened,
/// so that the checks along the way were exercised.
fn replay_equals_state(seed: u64) {
    let mut tally = Tally::default();
    run_random_sequence(seed, 2_000, &mut tally);
    assert!(tally.saved > 300, "{tally:?}");
    assert!(tally.refused > 300, "{tally:?}");
    assert!(tally.stale > 100, "{tally:?}");
    assert!(tally.comments > 150, "{tally:?}");
    assert!(tally.undone > 150, "{tally:?}");
    assert!(tally.undone_past_skipped > 50, "{tally:?}");
    // Undo passes over what cannot be undone, so it is refused only when
    // nothing of the actor's can be; that happens, but seldom.
    assert!(tally.undo_refused > 3, "{tally:?}");
    assert!(tally.created > 50, "{tally:?}");
}

// One test per seed, so they run in parallel.
#[test]
fn replaying_the_log_gives_the_stored_state_after_random_changes_seed_1() {
    replay_equals_state(1);
}

#[test]
fn replaying_the_log_gives_the_stored_state_after_random_changes_seed_42() {
    replay_equals_state(42);
}

#[test]
fn replaying_the_log_gives_the_stored_state_after_random_changes_seed_2023() {
    replay_equals_state(2023);
}

/// A new lead sector that was a contributing sector leaves the contributing
/// list; the log must record that too, or it no longer replays to the table.
#[test]
fn a_new_lead_sector_taken_from_the_contributors_replays_and_undoes() {
    let mut fx = fixture();
    let id = fx.assignments[0];
    fx.store
        .change(
            id,
            None,
            &[edit(Field::Sectors, "TEK,KUL")],
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    let changed = fx
        .store
        .change(
            id,
            None,
            &[edit(Field::LeadSector, "TEK")],
            None,
            &stamp("kari", 2),
        )
        .unwrap();
    assert_eq!(changed.assignment.lead_sector, "TEK");
    assert_eq!(changed.assignment.sectors, vec!["KUL"]);
    assert_consistent(&fx.store, "after the lead sector change");

    // Both in one change, the sectors first: the log still ends where the table does.
    fx.store
        .change(
            id,
            None,
            &[
                edit(Field::Sectors, "HOM,OUS"),
                edit(Field::LeadSector, "hom"),
            ],
            None,
            &stamp("kari", 3),
        )
        .unwrap();
    let now = fx.store.assignment(id).unwrap();
    assert_eq!(
        (now.lead_sector.as_str(), now.sectors.clone()),
        ("HOM", vec!["OUS".to_string()])
    );
    assert_consistent(&fx.store, "after sectors and lead sector together");

    // Undo walks it all back, one step at a time, each step writing something.
    let mut undos = 0;
    while let Ok(changed) = fx.store.undo_last(None, &stamp("kari", 10 + undos)) {
        assert!(!changed.events.is_empty(), "undo {undos} wrote nothing");
        undos += 1;
        assert!(undos < 20);
    }
    let back = fx.store.assignment(id).unwrap();
    assert_eq!(
        (back.lead_sector.as_str(), back.sectors.clone()),
        ("HOM", Vec::<String>::new())
    );
    assert_consistent(&fx.store, "after undoing everything");
}

/// Undoing a change of delansvar after someone made one of the old
/// contributing sectors the lead would change nothing: the undo is refused,
/// not reported as done while writing nothing (which would also leave the same
/// change as "last" for every later undo).
#[test]
fn an_undo_that_would_change_nothing_is_refused() {
    let mut fx = fixture();
    let id = fx.assignments[1]; // SOS
    fx.store
        .change(
            id,
            None,
            &[edit(Field::Sectors, "TEK,HOM")],
            None,
            &stamp("admin", 1),
        )
        .unwrap();
    fx.store
        .change(
            id,
            None,
            &[edit(Field::Sectors, "TEK")],
            None,
            &stamp("kari", 2),
        )
        .unwrap();
    fx.store
        .change(
            id,
            None,
            &[edit(Field::LeadSector, "HOM")],
            None,
            &stamp("ola", 3),
        )
        .unwrap();
    let before = snapshot(&fx.store);
    for comment in [None, Some("angre")] {
        let err = fx.store.undo_last(comment, &stamp("kari", 4)).unwrap_err();
        assert!(
            Some(err.to_string()).is_some_and(|m| m.contains("cannot undo")),
            "{err:?}"
        );
        assert_eq!(
            snapshot(&fx.store),
            before,
            "a refused undo writes nothing, not even its comment"
        );
    }
}

// ---------------------------------------------------------------------------
// 3. No lost updates
// ---------------------------------------------------------------------------

#[test]
fn an_edit_based_on_a_stale_version_is_refused_and_names_the_intervening_change() {
    let mut fx = fixture();
    let id = fx.assignments[1];
    let shown = fx.store.assignment(id).unwrap();
    let v = shown.version;

    // Someone else, in another window, sets the status.
    let theirs = fx
        .store
        .change(
            id,
            Some(v),
            &[edit(Field::Status, "done")],
            None,
            &stamp("Ola Hansen", 5),
        )
        .unwrap();
    assert_eq!(theirs.assignment.version, v + 1);
    let before = snapshot(&fx.store);

    let err = fx
        .store
        .change(
            id,
            Some(v),
            &[
                edit(Field::Owner, "Kari"),
                edit(Field::Status, "in-progress"),
            ],
            Some("min"),
            &stamp("kari", 6),
        )
        .unwrap_err();
    let StoreError::Stale {
        id: stale_id,
        ref changes,
        ..
    } = err
    else {
        panic!("expected Stale, got {err:?}");
    };
    assert_eq!(stale_id, id);
    assert_eq!(changes, &theirs.events);
    let message = err.to_string();
    for word in ["status", "done", "Ola Hansen", "nothing was saved"] {
        assert!(message.contains(word), "'{word}' missing from: {message}");
    }
    assert_eq!(snapshot(&fx.store), before, "a stale edit changes nothing");
    assert_eq!(
        fx.store.assignment(id).unwrap().status,
        Status::Done,
        "their change stands"
    );

    // With the fresh version the same edit goes through.
    let mine = fx
        .store
        .change(
            id,
            Some(v + 1),
            &[edit(Field::Owner, "Kari")],
            None,
            &stamp("kari", 7),
        )
        .unwrap();
    assert_eq!(mine.assignment.version, v + 2);
    assert_consistent(&fx.store, "after the retried edit");
}

// ---------------------------------------------------------------------------
// 4. Refused input changes nothing
// ---------------------------------------------------------------------------

#[test]
fn refused_input_gets_the_right_error_and_changes_nothing() {
    let mut fx = fixture();
    let id = fx.assignments[0];
    let task = fx.task;
    let st = stamp("kari", 1);
    let before = snapshot(&fx.store);
    let unchanged = |store: &Store, what: &str| {
        assert_eq!(snapshot(store), before, "{what} changed the database")
    };

    // Unknown sector: as lead, among the contributors, in a new assignment.
    let err = fx
        .store
        .change(id, None, &[edit(Field::LeadSector, "XYZ")], None, &st)
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Domain(domain::DomainError::Sector(domain::SectorRule::Unknown { code, known })) if code == "XYZ" && known.iter().any(|k| k == "SOS")),
        "{err:?}"
    );
    unchanged(&fx.store, "an unknown lead sector");
    let err = fx
        .store
        .change(id, None, &[edit(Field::Sectors, "TEK, XYZ")], None, &st)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(domain::DomainError::Sector(
                domain::SectorRule::Unknown { .. }
            ))
        ),
        "{err:?}"
    );
    unchanged(&fx.store, "an unknown contributing sector");
    let err = fx
        .store
        .create_assignment(&draft("Nytt", "QQ"), None, &st)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(domain::DomainError::Sector(
                domain::SectorRule::Unknown { .. }
            ))
        ),
        "{err:?}"
    );
    unchanged(&fx.store, "a new assignment in an unknown sector");

    // Unknown goal, and goals above delmål level.
    let err = fx
        .store
        .change(id, None, &[edit(Field::Goal, "9999")], None, &st)
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownGoal(9999)), "{err:?}");
    unchanged(&fx.store, "an unknown goal");
    let err = fx
        .store
        .create_assignment(
            &Assignment {
                goal_id: Some(9999),
                ..draft("Nytt", "HOM")
            },
            None,
            &st,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownGoal(9999)), "{err:?}");
    unchanged(&fx.store, "a new assignment with an unknown goal");
    for goal in [fx.main, fx.focus] {
        let err = fx
            .store
            .change(id, None, &[edit(Field::Goal, &goal.to_string())], None, &st)
            .unwrap_err();
        assert!(
            Some(err.to_string()).is_some_and(|m| m.contains("sub-goal")),
            "{err:?}"
        );
        unchanged(&fx.store, "a goal above delmål level");
    }
    let err = fx
        .store
        .change(id, None, &[edit(Field::Goal, "abc")], None, &st)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(domain::DomainError::InvalidValue { .. })
        ),
        "{err:?}"
    );
    unchanged(&fx.store, "a goal id that is not a number");

    // Empty title.
    for title in ["", "   "] {
        let err = fx
            .store
            .change(id, None, &[edit(Field::Title, title)], None, &st)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Domain(domain::DomainError::EmptyTitle)),
            "{err:?}"
        );
        let err = fx
            .store
            .create_assignment(&draft(title, "HOM"), None, &st)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Domain(domain::DomainError::EmptyTitle)),
            "{err:?}"
        );
    }
    unchanged(&fx.store, "an empty title");

    // Bad dates.
    for (field, bad) in [
        (Field::Due, "2023-02-30"),
        (Field::Due, "tomorrow"),
        (Field::ExpectedDone, "31.13.2023"),
    ] {
        let err = fx
            .store
            .change(id, None, &[edit(field, bad)], None, &st)
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Domain(domain::DomainError::InvalidDate(_))),
            "{field:?} {bad}: {err:?}"
        );
    }
    unchanged(&fx.store, "a bad date");

    // Bad status and assessment.
    let err = fx
        .store
        .change(id, None, &[edit(Field::Status, "half")], None, &st)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(domain::DomainError::UnknownStatus(_))
        ),
        "{err:?}"
    );
    let err = fx
        .store
        .change(id, None, &[edit(Field::Assessment, "purple")], None, &st)
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(domain::DomainError::UnknownAssessment(_))
        ),
        "{err:?}"
    );
    unchanged(&fx.store, "a bad status");

    // A parent that is itself a task, as a new task and as a move.
    let err = fx
        .store
        .create_assignment(
            &Assignment {
                parent_id: Some(task),
                ..draft("Under-oppgave", "HOM")
            },
            None,
            &st,
        )
        .unwrap_err();
    assert!(
        Some(err.to_string()).is_some_and(|m| m.contains("itself a task")),
        "{err:?}"
    );
    let err = fx
        .store
        .change(
            fx.assignments[2],
            None,
            &[edit(Field::Parent, &task.to_string())],
            None,
            &st,
        )
        .unwrap_err();
    assert!(
        Some(err.to_string()).is_some_and(|m| m.contains("itself a task")),
        "{err:?}"
    );
    // An assignment with tasks cannot become a task.
    let err = fx
        .store
        .change(
            id,
            None,
            &[edit(Field::Parent, &fx.assignments[1].to_string())],
            None,
            &st,
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Domain(domain::DomainError::Task(domain::TaskRule::HasTasks(_)))
        ),
        "{err:?}"
    );
    unchanged(&fx.store, "a task as parent");

    // Unknown assignment id, as target and as parent.
    let err = fx
        .store
        .change(9999, None, &[edit(Field::Status, "done")], Some("x"), &st)
        .unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownAssignment(9999)),
        "{err:?}"
    );
    let err = fx
        .store
        .create_assignment(
            &Assignment {
                parent_id: Some(9999),
                ..draft("Oppgave", "HOM")
            },
            None,
            &st,
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownAssignment(9999)),
        "{err:?}"
    );
    unchanged(&fx.store, "an unknown assignment");

    // A change whose first edit is fine and whose second is not saves neither.
    let err = fx
        .store
        .change(
            id,
            None,
            &[
                edit(Field::Status, "done"),
                edit(Field::Owner, "Kari"),
                edit(Field::Due, "2023-13-01"),
            ],
            Some("alt"),
            &st,
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(domain::DomainError::InvalidDate(_))),
        "{err:?}"
    );
    unchanged(&fx.store, "a half-valid change");

    // A change with no actor.
    let err = fx
        .store
        .change(
            id,
            None,
            &[edit(Field::Status, "done")],
            None,
            &stamp("  ", 1),
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Domain(domain::DomainError::NoActor)),
        "{err:?}"
    );
    unchanged(&fx.store, "a change without an actor");

    assert_consistent(&fx.store, "after the refusals");
}

// ---------------------------------------------------------------------------
// 5. Undo appends
// ---------------------------------------------------------------------------

#[test]
fn undo_appends_a_compensating_event_and_walks_back() {
    let mut fx = fixture();
    let id = fx.assignments[0];
    let first = fx
        .store
        .change(
            id,
            None,
            &[edit(Field::Status, "in-progress")],
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    let second = fx
        .store
        .change(
            id,
            None,
            &[edit(Field::Status, "done")],
            Some("ferdig"),
            &stamp("kari", 2),
        )
        .unwrap();
    assert_eq!(second.assignment.status, Status::Done);
    let before = snapshot(&fx.store);

    let undo = fx.store.undo_last(Some("feil"), &stamp("kari", 3)).unwrap();
    assert_eq!(undo.assignment.status, Status::InProgress);
    assert_eq!(
        undo.assignment.version,
        second.assignment.version + 1,
        "undo is a change: the version moves on"
    );
    assert_eq!(undo.events.len(), 1);
    let event = &undo.events[0];
    assert_eq!(event.undoes, Some(second.events[0].id));
    assert_eq!(
        (
            event.field.as_str(),
            event.old.as_deref(),
            event.new.as_deref()
        ),
        ("status", Some("done"), Some("in-progress"))
    );
    assert_eq!(event.comment.as_deref(), Some("feil"));
    let after = snapshot(&fx.store);
    assert_eq!(after.1.len(), before.1.len() + 1, "undo adds an event");
    assert_eq!(
        after.1[..before.1.len()],
        before.1[..],
        "nothing is erased or rewritten"
    );

    // Again: the change before that.
    let undo2 = fx.store.undo_last(None, &stamp("kari", 4)).unwrap();
    assert_eq!(undo2.assignment.status, Status::NotStarted);
    assert_eq!(undo2.events[0].undoes, Some(first.events[0].id));
    assert_eq!(
        fx.store.events(None, None).unwrap().len(),
        before.1.len() + 2
    );
    assert_eq!(
        fx.store.events(None, None).unwrap()[..before.1.len()],
        before.1[..]
    );

    // Nothing left of kari's (an undo is not itself undone).
    let before = snapshot(&fx.store);
    let err = fx.store.undo_last(None, &stamp("kari", 5)).unwrap_err();
    assert!(
        Some(err.to_string()).is_some_and(|m| m.contains("kari")),
        "{err:?}"
    );
    assert_eq!(snapshot(&fx.store), before);
    assert_consistent(&fx.store, "after the undos");
}

#[test]
fn undo_is_refused_when_someone_else_changed_the_field_since() {
    let mut fx = fixture();
    let id = fx.assignments[1];
    fx.store
        .change(
            id,
            None,
            &[edit(Field::Status, "in-progress")],
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    fx.store
        .change(
            id,
            None,
            &[edit(Field::Status, "cancelled")],
            None,
            &stamp("Ola Hansen", 2),
        )
        .unwrap();
    let before = snapshot(&fx.store);
    let err = fx.store.undo_last(None, &stamp("kari", 3)).unwrap_err();
    assert!(matches!(err, StoreError::CannotUndo { .. }), "{err:?}");
    let message = &err.to_string();
    for word in ["cannot undo", "changed since", "Ola Hansen", "cancelled"] {
        assert!(message.contains(word), "'{word}' missing from: {message}");
    }
    assert_eq!(
        snapshot(&fx.store),
        before,
        "a refused undo changes nothing"
    );

    // Ola can undo his own change.
    let undo = fx.store.undo_last(None, &stamp("Ola Hansen", 4)).unwrap();
    assert_eq!(undo.assignment.status, Status::InProgress);
    assert_consistent(&fx.store, "after Ola's undo");
}

#[test]
fn undo_of_a_creation_is_refused() {
    let mut fx = fixture();
    fx.store
        .create_assignment(&draft("Nytt oppdrag", "OUS"), None, &stamp("kari", 1))
        .unwrap();
    let before = snapshot(&fx.store);
    let err = fx.store.undo_last(None, &stamp("kari", 2)).unwrap_err();
    assert!(
        Some(err.to_string())
            .is_some_and(|m| m.contains("created") && m.contains("cannot be unmade")),
        "{err:?}"
    );
    assert_eq!(snapshot(&fx.store), before);
}

/// Undo used to take the actor's newest change whatever it was, so a
/// creation or a change someone else has changed since blocked every later
/// undo for good. It passes over those now and says which it passed over.
#[test]
fn undo_passes_over_what_cannot_be_undone_and_says_so() {
    let mut fx = fixture();
    let (a, b) = (fx.assignments[0], fx.assignments[1]);
    let status = fx
        .store
        .change(
            a,
            None,
            &[edit(Field::Status, "in-progress")],
            None,
            &stamp("kari", 1),
        )
        .unwrap()
        .events[0]
        .clone();
    let owner = fx
        .store
        .change(
            b,
            None,
            &[edit(Field::Owner, "Kari")],
            None,
            &stamp("kari", 2),
        )
        .unwrap()
        .events[0]
        .clone();
    fx.store
        .change(
            b,
            None,
            &[edit(Field::Owner, "Ola Hansen")],
            None,
            &stamp("ola", 3),
        )
        .unwrap();
    let created = fx
        .store
        .create_assignment(&draft("Nytt oppdrag", "OUS"), None, &stamp("kari", 4))
        .unwrap()
        .events[0]
        .clone();
    fx.store
        .change(a, None, &[], Some("bare en kommentar"), &stamp("kari", 5))
        .unwrap();

    // What undo will take, before it is taken; asking writes nothing.
    let before = snapshot(&fx.store);
    assert_eq!(
        fx.store.undo_candidate("kari").unwrap(),
        Some(status.clone())
    );
    assert_eq!(fx.store.undo_candidate("nobody").unwrap(), None);
    assert_eq!(snapshot(&fx.store), before, "undo_candidate only reads");

    let undo = fx.store.undo_last(None, &stamp("kari", 6)).unwrap();
    assert_eq!(undo.events.len(), 1);
    assert_eq!(undo.events[0].undoes, Some(status.id));
    assert_eq!(undo.assignment.status, Status::NotStarted);
    let skipped: Vec<(i64, String)> = undo
        .skipped
        .iter()
        .map(|s| (s.event.id, s.reason.to_string()))
        .collect();
    assert_eq!(
        skipped.iter().map(|s| s.0).collect::<Vec<_>>(),
        vec![created.id, owner.id],
        "newest first, the comment not counted: {skipped:?}"
    );
    assert!(skipped[0].1.contains("created"), "{skipped:?}");
    assert!(
        skipped[1].1.contains("changed since") && skipped[1].1.contains("Ola Hansen"),
        "{skipped:?}"
    );
    assert_eq!(undo.skipped[0].event, created);
    assert_consistent(&fx.store, "after undoing past two changes");

    // Now nothing of kari's can be undone: refused, naming why, writing nothing.
    assert_eq!(fx.store.undo_candidate("kari").unwrap(), None);
    let before = snapshot(&fx.store);
    let err = fx
        .store
        .undo_last(Some("angre"), &stamp("kari", 7))
        .unwrap_err();
    assert!(matches!(err, StoreError::CannotUndo { .. }), "{err:?}");
    let message = &err.to_string();
    for word in ["cannot undo", "created", "1 older change "] {
        assert!(message.contains(word), "'{word}' missing from: {message}");
    }
    assert_eq!(snapshot(&fx.store), before);

    // Ola's change is still his to undo, and then kari's owner change is
    // current again and can be undone.
    let undo = fx.store.undo_last(None, &stamp("ola", 8)).unwrap();
    assert_eq!(undo.assignment.owner, "Kari");
    assert!(undo.skipped.is_empty());
    assert_eq!(
        fx.store.undo_candidate("kari").unwrap(),
        Some(owner.clone())
    );
    let undo = fx.store.undo_last(None, &stamp("kari", 9)).unwrap();
    assert_eq!(undo.events[0].undoes, Some(owner.id));
    assert_eq!(undo.assignment.owner, "");
    assert_eq!(undo.skipped.len(), 1, "the creation is passed over again");
    assert_consistent(&fx.store, "after all the undos");
}

/// `read` gives one state of the database for several queries, even while
/// another process commits, and rolls back cleanly on an error.
#[test]
fn read_sees_one_state_while_another_connection_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut writer = Store::create(&path).unwrap();
    styr::assets::initialize(&mut writer, "Testkommune", 2023, None).unwrap();
    writer
        .create_assignment(&draft("Første", "HOM"), None, &stamp("kari", 1))
        .unwrap();
    let reader = Store::open(&path).unwrap();

    let mut step = 1;
    let (first, events, second) = reader
        .read(|store| {
            let first = store.assignments()?;
            step += 1;
            writer
                .create_assignment(&draft("Andre", "SOS"), None, &stamp("ola", step))
                .unwrap();
            // Nested reads join the outer one.
            let events = store.read(|inner| inner.events(None, None))?;
            Ok((first, events, store.assignments()?))
        })
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(second, first, "the second query saw the same state");
    assert_eq!(events.len(), 1, "and so did the event query");
    assert_eq!(
        reader.assignments().unwrap().len(),
        2,
        "after it: the new state"
    );

    // An error inside ends the transaction too; the next read is fresh.
    let err = reader
        .read(|store| {
            store.assignments()?;
            store.assignment(9999)
        })
        .unwrap_err();
    assert!(
        matches!(err, StoreError::UnknownAssignment(9999)),
        "{err:?}"
    );
    writer
        .create_assignment(&draft("Tredje", "KUL"), None, &stamp("per", 9))
        .unwrap();
    let count = reader.read(|store| Ok(store.assignments()?.len())).unwrap();
    assert_eq!(count, 3);
    assert!(reader.diagnose().unwrap().is_ok());
}

/// Goal codes, sector codes and sector names reach the terminal in every
/// listing; the store refuses control characters in them, and empty codes.
#[test]
fn codes_with_control_characters_or_nothing_in_them_are_refused() {
    let mut fx = fixture();
    let before = (snapshot(&fx.store), fx.store.goals().unwrap());
    for code in ["", "   ", "1.\x1b[2J", "1\x07", "1\n2", "1\u{202E}2"] {
        let err = fx
            .store
            .add_goal(Some(fx.main), code, "Nytt delmål", &[])
            .unwrap_err();
        assert!(
            Some(err.to_string()).is_some_and(|m| m.contains("code") && !m.contains('\x1b')),
            "{code:?}: {err:?}"
        );
    }
    assert_eq!(
        (snapshot(&fx.store), fx.store.goals().unwrap()),
        before,
        "refused goals write nothing"
    );
    let id = fx
        .store
        .add_goal(Some(fx.main), " 1.1.3 ", "Nytt delmål", &[])
        .unwrap();
    let goal = fx.store.goals().unwrap().into_iter().find(|g| g.id == id);
    assert_eq!(goal.unwrap().code, "1.1.3", "stored trimmed");

    let sector = |code: &str, name: &str| styr::domain::Sector {
        code: code.into(),
        name: name.into(),
        position: 0,
    };
    let municipality = styr::store::Municipality {
        name: "Testkommune".into(),
        year: 2023,
        suggested_today: None,
    };
    for sectors in [
        vec![sector("OUS", "Oppvekst"), sector("  ", "Tom")],
        vec![sector("OUS", "Oppvekst"), sector("T\x1bEK", "Teknisk")],
        vec![sector("OUS\u{200B}", "Oppvekst")],
        vec![sector("OUS", "Oppvekst \x1b[31mog utdanning")],
        vec![sector("OUS", "Oppvekst\n")],
    ] {
        let mut store = Store::in_memory().unwrap();
        let err = store.initialize(&municipality, &sectors).unwrap_err();
        assert!(
            matches!(
                &err,
                StoreError::Domain(domain::DomainError::Sector(
                    domain::SectorRule::InvalidCode(_) | domain::SectorRule::NameNotPrintable(_)
                ))
            ),
            "{sectors:?}: {err:?}"
        );
        assert!(store.sectors().unwrap().is_empty(), "{sectors:?}");
        assert!(
            store.municipality().is_err(),
            "{sectors:?}: nothing written"
        );
    }
}

// ---------------------------------------------------------------------------
// 6. Comments and no-ops
// ---------------------------------------------------------------------------

#[test]
fn a_comment_alone_writes_one_comment_event_and_keeps_the_version() {
    let mut fx = fixture();
    let id = fx.assignments[0];
    let current = fx.store.assignment(id).unwrap();
    let before = snapshot(&fx.store);

    let changed = fx
        .store
        .change(
            id,
            Some(current.version),
            &[],
            Some(" Snakket med sektoren. "),
            &stamp("kari", 1),
        )
        .unwrap();
    assert_eq!(changed.events.len(), 1);
    let event = &changed.events[0];
    assert_eq!(
        (
            event.field.as_str(),
            event.old.as_deref(),
            event.new.as_deref()
        ),
        ("comment", None, None)
    );
    assert_eq!(event.comment.as_deref(), Some("Snakket med sektoren."));
    assert_eq!(
        changed.assignment, current,
        "no field and no version changes"
    );
    let after = snapshot(&fx.store);
    assert_eq!(after.0, before.0);
    assert_eq!(after.1.len(), before.1.len() + 1);

    // The version it was shown at is still good.
    fx.store
        .change(
            id,
            Some(current.version),
            &[edit(Field::Owner, "Kari")],
            None,
            &stamp("kari", 2),
        )
        .unwrap();
    assert_consistent(&fx.store, "after the comment");
}

#[test]
fn a_change_to_the_same_value_writes_nothing() {
    let mut fx = fixture();
    let id = fx.assignments[0];
    fx.store
        .change(
            id,
            None,
            &[
                edit(Field::Status, "in-progress"),
                edit(Field::Due, "2023-10-31"),
                edit(Field::Owner, "Kari"),
            ],
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    let before = snapshot(&fx.store);
    let same = [
        edit(Field::Status, "Pågår"),
        edit(Field::Due, "31.10.2023"),
        edit(Field::Owner, " Kari "),
        edit(Field::LeadSector, "hom"),
        (Field::Assessment, None),
    ];
    let changed = fx
        .store
        .change(id, Some(before.0[0].version), &same, None, &stamp("ola", 2))
        .unwrap();
    assert!(changed.events.is_empty(), "{:?}", changed.events);
    assert_eq!(
        snapshot(&fx.store),
        before,
        "a no-op writes no event and keeps the version"
    );
    // Empty comments are no comment.
    let changed = fx
        .store
        .change(id, None, &[], Some("   "), &stamp("ola", 3))
        .unwrap();
    assert!(changed.events.is_empty());
    assert_eq!(snapshot(&fx.store), before);
    // A no-op with a comment is just the comment.
    let changed = fx
        .store
        .change(id, None, &same, Some("bekreftet"), &stamp("ola", 4))
        .unwrap();
    assert_eq!(changed.events.len(), 1);
    assert_eq!(changed.events[0].field, "comment");
    assert_eq!(fx.store.assignments().unwrap(), before.0);
}

// ---------------------------------------------------------------------------
// 7. The demo
// ---------------------------------------------------------------------------

/// Delmål title -> responsible sectors, as assets/demo.toml lists them.
fn demo_file_subgoals() -> BTreeMap<String, Vec<String>> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo.toml"))
            .unwrap();
    let demo: toml::Value = toml::from_str(&text).unwrap();
    let mut subs = BTreeMap::new();
    for focus in demo["goals"].as_array().unwrap() {
        for main in focus["main"].as_array().unwrap() {
            for sub in main["sub"].as_array().unwrap() {
                let sectors = sub["sectors"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect();
                subs.insert(sub["title"].as_str().unwrap().to_string(), sectors);
            }
        }
    }
    subs
}

#[test]
fn the_demo_is_lorenskog_2023_as_the_styringsbrev_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store(dir.path(), "demo.db");

    let m = store.municipality().unwrap();
    assert_eq!(
        (m.name.as_str(), m.year, m.suggested_today),
        ("Lørenskog", 2023, Some(date("2023-09-20")))
    );
    let codes: Vec<String> = store
        .sectors()
        .unwrap()
        .into_iter()
        .map(|s| s.code)
        .collect();
    assert_eq!(codes, ["SOS", "STYV", "HOM", "OUS", "TEK", "KUL"]);

    let assignments = store.assignments().unwrap();
    let top: Vec<&Assignment> = assignments
        .iter()
        .filter(|a| a.parent_id.is_none())
        .collect();
    assert_eq!(top.len(), 32);
    let mut per_sector: HashMap<&str, usize> = HashMap::new();
    for a in &top {
        *per_sector.entry(a.lead_sector.as_str()).or_default() += 1;
    }
    let want = HashMap::from([
        ("SOS", 5),
        ("STYV", 7),
        ("HOM", 3),
        ("OUS", 5),
        ("TEK", 4),
        ("KUL", 8),
    ]);
    assert_eq!(per_sector, want);

    let goals = store.goals().unwrap();
    let count = |kind: GoalKind| goals.iter().filter(|g| g.kind == kind).count();
    assert_eq!(
        (
            count(GoalKind::FocusArea),
            count(GoalKind::MainGoal),
            count(GoalKind::SubGoal)
        ),
        (4, 6, 16)
    );
    let stored: BTreeMap<String, Vec<String>> = goals
        .iter()
        .filter(|g| g.kind == GoalKind::SubGoal)
        .map(|g| (g.title.clone(), g.sectors.clone()))
        .collect();
    assert_eq!(
        stored,
        demo_file_subgoals(),
        "every delmål with its sectors, in their order"
    );
    // Spot checks against the styringsbrev itself (seed 000).
    assert_eq!(
        stored["Deltakelse i medvirkningsaktiviteter øker og gjenspeiler befolkningen"],
        ["HOM", "KUL", "TEK", "SOS", "STYV"]
    );
    assert_eq!(
        stored["Klimagassutslipp fra veitrafikken er redusert"],
        ["TEK", "SOS"]
    );
    assert_eq!(
        stored["Alle innbyggere har tilgang til lokale møteplasser"],
        ["TEK", "HOM", "KUL", "OUS"]
    );

    assert_consistent(&store, "the demo");

    let today = Today(date("2023-09-20"));
    let overdue = top.iter().filter(|a| a.is_overdue(today)).count();
    assert!(
        overdue >= 1,
        "the demo shows overdue assignments at its suggested today"
    );
    let tree = GoalTree::new(goals.clone());
    let rollups = domain::goal_rollups(&tree, &assignments, today);
    let unserved = goals
        .iter()
        .filter(|g| g.kind == GoalKind::SubGoal && rollups[&g.id].assignments == 0)
        .count();
    assert!(
        unserved >= 2,
        "at least two delmål have no assignment serving them (found {unserved})"
    );
}

#[test]
fn loading_the_demo_twice_gives_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let one = demo_store(dir.path(), "one.db");
    let two = demo_store(dir.path(), "two.db");
    assert_eq!(snapshot(&one), snapshot(&two));
    assert_eq!(one.goals().unwrap(), two.goals().unwrap());
    assert_eq!(
        one.wheel_entries(2023).unwrap(),
        two.wheel_entries(2023).unwrap()
    );
}

// ---------------------------------------------------------------------------
// 8. Opening
// ---------------------------------------------------------------------------

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn opening_a_missing_path_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.db");
    let err = Store::open(&path).err().expect("a missing file is refused");
    assert!(
        matches!(&err, StoreError::Missing(p) if p == &path),
        "{err:?}"
    );
    assert!(!path.exists());
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn opening_something_that_is_not_a_database_is_refused_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let long_text = "Oppdrag;Delegert til\n".repeat(200);
    for (name, bytes) in [
        ("empty.db", &b""[..]),
        ("notes.txt", &b"Dette er ikke en database.\n"[..]),
        ("long.txt", long_text.as_bytes()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = Store::open(&path).err().expect("not a database");
        assert!(
            matches!(&err, StoreError::NotADatabase { path: p, .. } if p == &path),
            "{name}: {err:?}"
        );
        assert!(err.to_string().contains("not a styr database"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
    }
    let folder = dir.path().join("folder.db");
    std::fs::create_dir(&folder).unwrap();
    let err = Store::open(&folder).err().expect("a directory");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    assert!(folder.is_dir() && files_in(&folder).is_empty());
    assert_eq!(
        files_in(dir.path()),
        ["empty.db", "folder.db", "long.txt", "notes.txt"],
        "no side files appeared"
    );
}

#[test]
fn a_database_from_a_newer_styr_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    drop(store);
    let newer = styr::store::latest_schema() + 1;
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.pragma_update(None, "user_version", newer).unwrap();
    drop(raw);

    let err = Store::open(&path).err().expect("too new");
    assert!(
        matches!(&err, StoreError::TooNew { found, known, .. } if *found == newer && *known == styr::store::latest_schema()),
        "{err:?}"
    );
    let raw = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, newer, "the newer schema version is left as it was");
}

#[test]
fn a_database_without_styr_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(raw);
    let err = Store::open(&path).err().expect("no styr schema");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
}

#[test]
fn create_refuses_an_existing_path_and_open_reopens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    let id = store
        .create_assignment(&draft("Boligplan", "HOM"), None, &stamp("kari", 1))
        .unwrap()
        .assignment
        .id;
    let before = snapshot(&store);
    drop(store);

    let err = Store::create(&path).err().expect("exists");
    assert!(
        matches!(&err, StoreError::Exists(p) if p == &path),
        "{err:?}"
    );
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "tekst").unwrap();
    let err = Store::create(&text).err().expect("exists");
    assert!(matches!(err, StoreError::Exists(_)), "{err:?}");
    assert_eq!(std::fs::read(&text).unwrap(), b"tekst");

    let store = Store::open(&path).unwrap();
    assert!(!store.is_read_only());
    assert_eq!(snapshot(&store), before, "the existing database is intact");
    assert_eq!(store.assignment(id).unwrap().title, "Boligplan");
}

#[test]
fn a_database_from_the_first_schema_is_upgraded_and_guarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("styr.db");
    let mut store = Store::create(&path).unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    store
        .create_assignment(&draft("Boligplan", "HOM"), None, &stamp("kari", 1))
        .unwrap();
    let before = snapshot(&store);
    drop(store);
    // Make it look like a file written by the first schema.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "DROP TABLE event_hashes;
         DROP TABLE decision_assignments; DROP TABLE decisions; DROP TABLE decision_bodies;
         DROP TRIGGER IF EXISTS events_no_replace; DROP TABLE catalog_events;
         ALTER TABLE goals DROP COLUMN retired; DELETE FROM settings WHERE key = 'identity';
         DROP TABLE periods; DROP INDEX events_period; ALTER TABLE events DROP COLUMN period;
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(raw);

    let store = Store::open(&path).unwrap();
    assert_eq!(snapshot(&store), before);
    let periods: Vec<String> = store
        .periods(None)
        .unwrap()
        .iter()
        .map(|p| p.id())
        .collect();
    assert_eq!(
        periods,
        ["2023-T1", "2023-T2", "2023-AR"],
        "an upgraded database gets the default periods of its years"
    );
    assert_eq!(
        store.periods(None).unwrap(),
        styr::assets::default_periods(2023).unwrap(),
        "the same periods as a new database"
    );
    drop(store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, styr::store::latest_schema());
    let err = raw
        .execute("REPLACE INTO events (id, at, actor, assignment_id, field) VALUES (1, 'x', 'mallory', 1, 'comment')", [])
        .expect_err("an upgraded database refuses REPLACE too");
    assert!(err.to_string().contains("append-only"), "{err}");
    // The catalog log starts with what was there, so doctor agrees at once.
    let store = Store::open(&path).unwrap();
    assert!(store.diagnose().unwrap().is_ok());
    let wheel = store.wheel_entries(2023).unwrap();
    let periods = store.periods(None).unwrap();
    let logged = store.catalog_events(None, None, None).unwrap();
    assert_eq!(logged.len(), wheel.len() + periods.len());
    assert!(logged
        .iter()
        .all(|e| e.field == "created" && e.actor == "styr"));
    assert!(!store.identity().unwrap().is_empty());
}

#[test]
fn a_report_replays_bumps_the_version_once_and_is_passed_over_by_undo() {
    let mut store = Store::in_memory().unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    let in_march = Stamp {
        actor: "kari".into(),
        at: Utc.with_ymd_and_hms(2023, 3, 1, 8, 0, 0).unwrap(),
    };
    let id = store
        .create_assignment(&draft("Boligplan", "HOM"), None, &in_march)
        .unwrap()
        .assignment
        .id;
    store
        .change(
            id,
            None,
            &[(Field::Owner, Some("Per".into()))],
            None,
            &stamp("kari", 2),
        )
        .unwrap();
    let september = NaiveDate::from_ymd_opt(2023, 9, 20).unwrap();
    let missing = store.missing_reports(september).unwrap().unwrap();
    assert_eq!(
        ids(&missing.assignments),
        [id],
        "open through T2, not reported"
    );
    let report = styr::domain::ReportDraft {
        period: "2023-t2".into(),
        status: Some(domain::Status::InProgress),
        assessment: Some(Some(domain::Assessment::Yellow)),
        expected_done: None,
        comment: Some("Venter på prognose".into()),
    };
    let changed = store
        .report(id, Some(2), &report, &stamp("kari", 3))
        .unwrap();
    assert_eq!(changed.assignment.version, 3);
    assert_eq!(changed.events.len(), 1);
    assert_eq!(changed.events[0].period.as_deref(), Some("2023-T2"));
    assert_consistent(&store, "after a report");

    // Undo passes over the report and takes back the owner.
    let undone = store.undo_last(None, &stamp("kari", 4)).unwrap();
    assert_eq!(undone.events[0].field, "owner");
    assert_eq!(undone.skipped.len(), 1);
    assert!(
        undone.skipped[0]
            .reason
            .to_string()
            .contains("2023-T2 report"),
        "{:?}",
        undone.skipped
    );
    let a = store.assignment(id).unwrap();
    assert_eq!(a.assessment, Some(domain::Assessment::Yellow));
    assert_consistent(&store, "after undo");

    let missing = store.missing_reports(september).unwrap().unwrap();
    assert_eq!(missing.period.id(), "2023-T2");
    assert!(missing.assignments.is_empty(), "reported, so not missing");
}

/// A database in memory generated for plan year 2023.
fn generated(assignments: u64, events_per_assignment: u32, seed: u64) -> Store {
    let mut store = Store::in_memory().unwrap();
    let spec = styr::generate::Spec {
        assignments,
        events_per_assignment,
        seed,
        year: 2023,
    };
    styr::generate::generate(&mut store, &spec).unwrap();
    store
}

fn ids(assignments: &[Assignment]) -> Vec<i64> {
    assignments.iter().map(|a| a.id).collect()
}

/// Judging only some assignments gives the same answer for them as judging
/// all, and the changes since an event are the assignments written after it.
#[test]
fn missing_reports_among_some_agree_with_all_and_changes_are_found_by_event() {
    let mut store = generated(500, 4, 5);
    let today = styr::generate::today(2023);
    let all = store
        .missing_reports(today)
        .unwrap()
        .expect("a period has ended");
    let ids = |list: &[Assignment]| list.iter().map(|a| a.id).collect::<Vec<_>>();
    let missing = ids(&all.assignments);
    assert!(missing.len() > 10, "{missing:?}");
    let every: Vec<i64> = (1..=500).collect();
    let among = store.missing_reports_among(today, &every).unwrap().unwrap();
    assert_eq!(ids(&among.assignments), missing);
    assert_eq!(among.period, all.period);
    let some: Vec<i64> = (1..=500).step_by(7).collect();
    let among = store.missing_reports_among(today, &some).unwrap().unwrap();
    let expected: Vec<i64> = missing
        .iter()
        .copied()
        .filter(|id| some.contains(id))
        .collect();
    assert_eq!(ids(&among.assignments), expected);
    assert!(store
        .missing_reports_among(today, &[])
        .unwrap()
        .unwrap()
        .assignments
        .is_empty());

    let newest = store.newest_event().unwrap();
    assert!(store.changed_after(newest).unwrap().is_empty());
    let (a, b) = (missing[0], missing[1]);
    for id in [b, a, b] {
        store
            .change(
                id,
                None,
                &[edit(Field::Owner, &format!("Eier {id}"))],
                None,
                &stamp("x", 1),
            )
            .unwrap();
    }
    let mut changed = vec![a, b];
    changed.sort_unstable();
    assert_eq!(store.changed_after(newest).unwrap(), changed);
    // The second identical change to b is no change and logs nothing.
    assert_eq!(store.newest_event().unwrap(), newest + 2);
}

/// The assignments [`Store::each_narrowed`] hands over, one at a time, kept.
fn each_one(store: &Store, narrowing: &styr::store::Narrowing) -> Vec<Assignment> {
    let mut kept = Vec::new();
    store
        .each_narrowed(narrowing, |a| -> Result<(), StoreError> {
            kept.push(a.clone());
            Ok(())
        })
        .unwrap();
    kept
}

/// The narrowed listings, read through the covering indexes, hold exactly
/// the assignments that filtering every one gives, in id order, also after
/// changes move assignments into and out of the open-by-deadline index.
#[test]
fn narrowed_listings_equal_filtering_every_assignment() {
    let mut store = generated(600, 3, 11);
    let today = Today(styr::generate::today(2023));
    let check = |store: &Store| -> usize {
        let every = store.assignments().unwrap();
        let mut checked = 0;
        for sector in [None, Some("OUS"), Some("KUL")] {
            for overdue in [false, true] {
                for top_level_only in [false, true] {
                    for (status, year) in [
                        (None, None),
                        (Some(Status::InProgress), None),
                        (Some(Status::Done), None),
                        (None, Some(2022)),
                        (Some(Status::InProgress), Some(2023)),
                    ] {
                        let narrowing = styr::store::Narrowing {
                            lead_sector: sector.map(str::to_string),
                            status,
                            year,
                            overdue_on: overdue.then_some(today.0),
                            top_level_only,
                        };
                        let got = store.assignments_narrowed(&narrowing).unwrap();
                        let want: Vec<&Assignment> = every
                            .iter()
                            .filter(|a| sector.is_none_or(|s| a.lead_sector == s))
                            .filter(|a| status.is_none_or(|s| a.status == s))
                            .filter(|a| year.is_none_or(|y| a.year == y))
                            .filter(|a| !overdue || a.is_overdue(today))
                            .filter(|a| !top_level_only || !a.is_task())
                            .collect();
                        let got: Vec<&Assignment> = got.iter().collect();
                        assert_eq!(got, want, "{narrowing:?}");
                        checked += got.len();
                        // One at a time, as read: by deadline, then id, for
                        // overdue assignments alone; by id otherwise.
                        let one_by_one = each_one(store, &narrowing);
                        let mut as_read = want.clone();
                        let mut one_by_one_refs: Vec<&Assignment> = one_by_one.iter().collect();
                        if narrowing.read_by_deadline() {
                            as_read.sort_by_key(|a| (a.due, a.id));
                        } else {
                            // In no promised order.
                            one_by_one_refs.sort_by_key(|a| a.id);
                        }
                        assert_eq!(one_by_one_refs, as_read, "{narrowing:?}");
                        assert_eq!(
                            store.assignments_narrowed_as_read(&narrowing).unwrap(),
                            one_by_one,
                            "{narrowing:?}"
                        );
                        // The same rows with only the listed fields, in the
                        // same order as the whole rows.
                        let listed = store.listed_as_read(&narrowing).unwrap();
                        let brief = |a: &Assignment| ListedAssignment {
                            id: a.id,
                            parent_id: a.parent_id,
                            year: a.year,
                            title: a.title.clone(),
                            lead_sector: a.lead_sector.clone(),
                            goal_id: a.goal_id,
                            owner: a.owner.clone(),
                            due: a.due,
                            status: a.status,
                            assessment: a.assessment,
                        };
                        let want: Vec<ListedAssignment> = one_by_one.iter().map(brief).collect();
                        assert_eq!(listed, want, "{narrowing:?}");
                        // One at a time, into one buffer.
                        let mut listed_one_by_one = Vec::new();
                        store
                            .each_listed(&narrowing, |a| -> Result<(), StoreError> {
                                listed_one_by_one.push(a.clone());
                                Ok(())
                            })
                            .unwrap();
                        assert_eq!(listed_one_by_one, want, "{narrowing:?}");
                    }
                }
            }
        }
        checked
    };
    assert!(check(&store) > 1000);
    let overdue = store
        .assignments_narrowed(&styr::store::Narrowing {
            overdue_on: Some(today.0),
            ..Default::default()
        })
        .unwrap();
    assert!(overdue.len() > 50, "{}", overdue.len());
    // Closing an overdue one takes it out of the index; reopening one
    // with a passed deadline, moving a deadline and a lead sector put
    // others in and move them.
    let (a, b) = (overdue[0].id, overdue[1].id);
    let done = store.assignments().unwrap();
    let closed = done
        .iter()
        .find(|x| x.status == Status::Done && x.due.is_some_and(|d| d < today.0))
        .unwrap()
        .id;
    store
        .change(
            a,
            None,
            &[edit(Field::Status, "done")],
            None,
            &stamp("x", 1),
        )
        .unwrap();
    store
        .change(
            closed,
            None,
            &[edit(Field::Status, "in-progress")],
            None,
            &stamp("x", 2),
        )
        .unwrap();
    store
        .change(
            b,
            None,
            &[
                edit(Field::Due, "2030-01-01"),
                edit(Field::LeadSector, "KUL"),
            ],
            None,
            &stamp("x", 3),
        )
        .unwrap();
    check(&store);
    let now = store
        .assignments_narrowed(&styr::store::Narrowing {
            overdue_on: Some(today.0),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<i64> = now.iter().map(|x| x.id).collect();
    assert!(!ids.contains(&a) && !ids.contains(&b) && ids.contains(&closed));
}

// ---------------------------------------------------------------------------
// Bulk import: the same rows and chain as one write at a time
// ---------------------------------------------------------------------------

/// A database file with one goal, two assignments and a task, written
/// with fixed stamps, so that two such files hold the same event log.
fn bulk_base(path: &Path) -> (Store, i64) {
    let mut store = Store::create(path).unwrap();
    styr::assets::initialize(&mut store, "Testkommune", 2023, None).unwrap();
    let focus = store.add_goal(None, "1", "Tilhørighet", &[]).unwrap();
    let main = store
        .add_goal(Some(focus), "1.1", "Alle kan delta", &[])
        .unwrap();
    let sub = store
        .add_goal(Some(main), "1.1.1", "Deltakelse øker", &[])
        .unwrap();
    let admin = stamp("admin", 0);
    let first = store
        .create_assignment(&draft("Boligplanen", "HOM"), None, &admin)
        .unwrap()
        .assignment
        .id;
    store
        .create_assignment(&draft("Sentrumsplan", "SOS"), Some("fra før"), &admin)
        .unwrap();
    let task = Assignment {
        parent_id: Some(first),
        ..draft("Kartlegge behov", "HOM")
    };
    store.create_assignment(&task, None, &admin).unwrap();
    (store, sub)
}

/// `n` new assignments as an import plans them: sectors, deadlines and
/// statuses vary, some serve a goal, some have a comment (one only blanks),
/// texts are Norwegian and some have quotes and line breaks.
fn bulk_creates(n: usize, goal: i64) -> Vec<styr::store::NewAssignment> {
    let sectors = ["HOM", "KUL", "OUS", "SOS", "STYV", "TEK"];
    (0..n)
        .map(|i| {
            let mut assignment = draft(
                &format!("Oppdrag «{i}» om skole og helse"),
                sectors[i % sectors.len()],
            );
            assignment.due =
                (i % 5 != 0).then(|| date("2023-01-01") + Duration::days((i * 37 % 365) as i64));
            assignment.status = if i % 4 == 0 {
                Status::InProgress
            } else {
                Status::NotStarted
            };
            assignment.owner = format!("Eier {}", i % 7);
            assignment.description = if i % 9 == 0 {
                "to\nlinjer og \"sitat\"".to_string()
            } else {
                String::new()
            };
            styr::store::NewAssignment {
                id: None,
                draft: assignment,
                goal: (i % 3 == 0).then_some(styr::store::GoalRef::Existing(goal)),
                comment: match i % 4 {
                    0 => None,
                    1 => Some("  ".to_string()),
                    _ => Some(format!(" Kommentar {i} ")),
                },
            }
        })
        .collect()
}

const BULK_NOTE: &str = "import: bulk.csv";

fn plan_of(creates: Vec<styr::store::NewAssignment>) -> styr::store::ImportPlan {
    styr::store::ImportPlan {
        creates,
        note: BULK_NOTE.to_string(),
        ..Default::default()
    }
}

/// The indexes and triggers of a file, as SQLite holds their definitions.
fn schema_of(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')
             ORDER BY name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows
}

#[test]
fn a_bulk_import_writes_the_rows_and_chain_of_one_write_at_a_time() {
    // Over `REBUILD_FROM` new rows, more than the file holds: the import
    // builds the deadline and sector indexes anew; the other case (fewer
    // rows) is the import test's everyday one.
    let n = styr::store::REBUILD_FROM + 300;
    let dir = tempfile::tempdir().unwrap();
    let bulk_path = dir.path().join("bulk.db");
    let single_path = dir.path().join("single.db");
    let (mut bulk, goal) = bulk_base(&bulk_path);
    let (mut single, same_goal) = bulk_base(&single_path);
    assert_eq!(goal, same_goal);
    let schema_before = schema_of(&bulk_path);
    let at = stamp("importer", 60);

    let imported = bulk
        .import_with(&at, |_| {
            Ok::<_, StoreError>(Some(plan_of(bulk_creates(n, goal))))
        })
        .unwrap()
        .expect("written");

    // The same assignments written one at a time: the creation with the
    // import's note, then the comment alone, as `set --comment` writes it.
    let mut ids = Vec::new();
    let mut events = 0;
    single
        .batch(|store| {
            for create in bulk_creates(n, goal) {
                let mut draft = create.draft;
                if let Some(styr::store::GoalRef::Existing(g)) = create.goal {
                    draft.goal_id = Some(g);
                }
                let id = store
                    .create_assignment(&draft, Some(BULK_NOTE), &at)?
                    .assignment
                    .id;
                events += 1;
                if let Some(comment) = create.comment.filter(|c| !c.trim().is_empty()) {
                    store.change(id, None, &[], Some(&comment), &at)?;
                    events += 1;
                }
                ids.push(id);
            }
            Ok(())
        })
        .unwrap();

    assert_eq!(imported.created, ids);
    assert_eq!(imported.events, events);
    assert_eq!(snapshot(&bulk), snapshot(&single));
    let bulk_chain = bulk.verify_chains(None).unwrap();
    let single_chain = single.verify_chains(None).unwrap();
    assert_eq!(bulk_chain.first_break(), None);
    assert_eq!(bulk_chain.events, single_chain.events);
    assert_eq!(bulk_chain.events.count, 3 + events as u64);
    assert_consistent(&bulk, "after a bulk import");
    // The indexes set aside during the import are back, word for word.
    assert_eq!(schema_of(&bulk_path), schema_before);

    // The chain goes on from the import: a change appended after it
    // verifies, and the file still equals the one written row by row.
    for store in [&mut bulk, &mut single] {
        store
            .change(
                ids[7],
                None,
                &[edit(Field::Status, "done")],
                Some("ferdig"),
                &stamp("kari", 120),
            )
            .unwrap();
    }
    let bulk_chain = bulk.verify_chains(None).unwrap();
    assert_eq!(bulk_chain.first_break(), None);
    assert_eq!(
        bulk_chain.events,
        single.verify_chains(None).unwrap().events
    );
    // The listings that read the rebuilt indexes agree with the table.
    let all = bulk.assignments().unwrap();
    let by_sector = bulk
        .assignments_narrowed(&styr::store::Narrowing {
            lead_sector: Some("OUS".into()),
            ..Default::default()
        })
        .unwrap();
    let expected: Vec<_> = all.iter().filter(|a| a.lead_sector == "OUS").collect();
    assert_eq!(by_sector.iter().collect::<Vec<_>>(), expected);
    let day = date("2023-07-01");
    let overdue = bulk
        .assignments_narrowed(&styr::store::Narrowing {
            overdue_on: Some(day),
            top_level_only: true,
            ..Default::default()
        })
        .unwrap();
    let expected: Vec<_> = all
        .iter()
        .filter(|a| {
            a.parent_id.is_none()
                && matches!(a.status, Status::NotStarted | Status::InProgress)
                && a.due.is_some_and(|due| due < day)
        })
        .collect();
    assert!(expected.len() > 100, "{}", expected.len());
    assert_eq!(overdue.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn a_bulk_import_refused_at_its_last_row_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("refused.db");
    let (mut store, goal) = bulk_base(&path);
    let schema_before = schema_of(&path);
    let before = snapshot(&store);
    let chain_before = store.verify_chains(None).unwrap();

    let mut creates = bulk_creates(styr::store::REBUILD_FROM + 10, goal);
    creates.last_mut().unwrap().draft.lead_sector = "FINNESIKKE".to_string();
    let refused = store.import_with(&stamp("importer", 60), |_| {
        Ok::<_, StoreError>(Some(plan_of(creates)))
    });
    assert!(refused.is_err(), "{refused:?}");

    assert_eq!(snapshot(&store), before);
    assert_eq!(schema_of(&path), schema_before);
    let chain_after = store.verify_chains(None).unwrap();
    assert_eq!(chain_after, chain_before);
    assert_eq!(chain_after.first_break(), None);
    assert_consistent(&store, "after a refused bulk import");

    // Nothing of the refused import lingers: the next write links on from
    // the chain as it was, and the next import writes its rows whole.
    store
        .import_with(&stamp("importer", 90), |_| {
            Ok::<_, StoreError>(Some(plan_of(bulk_creates(5, goal))))
        })
        .unwrap();
    let chain = store.verify_chains(None).unwrap();
    assert_eq!(chain.first_break(), None);
    // Five creations, two of them with a comment (rows 2 and 3).
    assert_eq!(chain.events.count, chain_before.events.count + 5 + 2);
    assert_consistent(&store, "after the next import");
}
