//! `undo` and the catalog's rules: a catalog change whose old value the
//! item's rules refuse now (a period whose old dates overlap another now,
//! a vedtak that cannot be closed again without a why) is passed over with
//! the rule's reason, like an assignment change that cannot go back, and
//! the next change that can be undone is; when none can, nothing is
//! written. Taking back a reopening closes the vedtak again with the
//! undo's own comment, else the one it was closed with.

use std::path::Path;
use std::process::Output;

use chrono::{NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

mod common;
use common::cli::{dated_styr, demo, one_line_error, text, Lang};
use styr::domain::date::Today;
use styr::domain::period_change::edited;
use styr::domain::Entity;
use styr::store::{CatalogSkipReason, Passed, Stamp, Store, StoreError, Undone};

fn stamp(actor: &str, minute: u32) -> Stamp {
    Stamp {
        actor: actor.into(),
        at: Utc.with_ymd_and_hms(2023, 10, 2, 9, minute, 0).unwrap(),
    }
}

fn today() -> Today {
    Today(day(2023, 10, 2))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    store
}

/// kari ends T1 earlier (minute 2); ola then starts T2 inside T1's old
/// dates (minute 3), so that T1's old end would overlap T2 now.
fn shorten_t1_then_ola_moves_t2(store: &mut Store) {
    store
        .change_period(
            "2023-T1",
            |p| edited(p, None, None, None, Some(day(2023, 4, 20)), None),
            None,
            &stamp("kari", 2),
        )
        .unwrap();
    store
        .change_period(
            "2023-T2",
            |p| edited(p, None, None, Some(day(2023, 4, 25)), None, None),
            None,
            &stamp("ola", 3),
        )
        .unwrap();
}

fn refused(passed: &Passed) -> bool {
    matches!(
        passed,
        Passed::Catalog(s) if s.event.entity == Entity::Period
            && s.event.field == "end"
            && matches!(&s.reason, CatalogSkipReason::Refused(r)
                if matches!(*r.0, StoreError::Domain(_)))
    )
}

#[test]
fn a_change_the_rules_refuse_now_is_passed_over_and_the_next_is_undone() {
    let mut store = demo_store();
    let due_before = store.period("2023-T1").unwrap().report_due;
    store
        .change_period(
            "2023-T1",
            |p| edited(p, None, None, None, None, Some(day(2023, 5, 15))),
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    shorten_t1_then_ola_moves_t2(&mut store);

    // The plan offers the deadline, not the end it cannot put back.
    let plan = store.undo_plan("kari", today()).unwrap();
    assert!(plan.undo.is_empty());
    assert_eq!(plan.catalog.len(), 1, "{plan:?}");
    assert_eq!(plan.catalog[0].field, "report_due");
    assert!(
        matches!(plan.passed.as_slice(), [p] if refused(p)),
        "{:?}",
        plan.passed
    );
    let (_, why) = styr::words::problems::passed_over(&plan.passed[0], styr::words::Lang::En);
    assert!(why.contains("overlaps 2023-T2"), "{why}");
    let (_, why) = styr::words::problems::passed_over(&plan.passed[0], styr::words::Lang::Nb);
    assert!(why.contains("overlapper 2023-T2"), "{why}");

    let outcome = store.undo(None, today(), &stamp("kari", 4)).unwrap();
    let Undone::Catalog(events) = &outcome.undone else {
        panic!("the deadline is undone: {outcome:?}")
    };
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].field, "report_due");
    assert_eq!(store.period("2023-T1").unwrap().report_due, due_before);
    assert!(
        matches!(outcome.passed.as_slice(), [p] if refused(p)),
        "{:?}",
        outcome.passed
    );
    assert_eq!(store.period("2023-T1").unwrap().end, day(2023, 4, 20));
    assert!(store.diagnose().unwrap().is_ok());
}

#[test]
fn when_only_refused_changes_are_left_undo_refuses_and_writes_nothing() {
    let mut store = demo_store();
    shorten_t1_then_ola_moves_t2(&mut store);
    let plan = store.undo_plan("kari", today()).unwrap();
    assert!(plan.undo.is_empty() && plan.catalog.is_empty(), "{plan:?}");
    assert!(matches!(plan.passed.as_slice(), [p] if refused(p)));

    let before = store.dump(None).unwrap();
    let err = store.undo(None, today(), &stamp("kari", 4)).unwrap_err();
    match &err {
        StoreError::CannotUndoCatalog {
            entity: Entity::Period,
            reason: CatalogSkipReason::Refused(_),
            older: 0,
            ..
        } => {}
        other => panic!("{other:?}"),
    }
    assert!(err
        .message(styr::words::Lang::En)
        .contains("overlaps 2023-T2"));
    assert_eq!(store.dump(None).unwrap(), before);
    // The plan wrote nothing either.
    store.undo_plan("kari", today()).unwrap();
    assert_eq!(store.dump(None).unwrap(), before);
}

#[test]
fn undoing_a_reopening_closes_again_with_the_undos_comment_or_the_closing_one() {
    for (given, kept) in [
        (Some("gjenåpnet ved en feil"), "gjenåpnet ved en feil"),
        (None, "fulgt opp"),
    ] {
        let mut store = demo_store();
        let id = store
            .decisions()
            .unwrap()
            .into_iter()
            .find(|d| d.closed.is_none())
            .unwrap()
            .id;
        store
            .close_decision(id, day(2023, 9, 1), "fulgt opp", &stamp("kari", 1))
            .unwrap();
        store.reopen_decision(id, None, &stamp("kari", 2)).unwrap();

        let plan = store.undo_plan("kari", today()).unwrap();
        assert_eq!(plan.catalog.len(), 1, "{plan:?}");
        assert_eq!(plan.catalog[0].field, "closed");
        assert!(plan.passed.is_empty(), "{:?}", plan.passed);
        let outcome = store.undo(given, today(), &stamp("kari", 3)).unwrap();
        let Undone::Catalog(events) = &outcome.undone else {
            panic!("{outcome:?}")
        };
        assert_eq!(events[0].comment.as_deref(), Some(kept));
        assert_eq!(store.decision(id).unwrap().closed, Some(day(2023, 9, 1)));
        assert!(store.diagnose().unwrap().is_ok());
    }
}

fn run(db: &Path, actor: &str, lang: Lang, args: &[&str]) -> Output {
    dated_styr(db, actor, lang).args(args).output().unwrap()
}

fn ok(db: &Path, actor: &str, lang: Lang, args: &[&str]) -> String {
    let out = run(db, actor, lang, args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn cli_setup(with_deadline: bool) -> (TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    if with_deadline {
        ok(
            &db,
            "kari",
            Lang::En,
            &["periods", "edit", "2023-T1", "--due", "2023-05-15"],
        );
    }
    ok(
        &db,
        "kari",
        Lang::En,
        &["periods", "edit", "2023-T1", "--end", "2023-04-20"],
    );
    ok(
        &db,
        "ola",
        Lang::En,
        &["periods", "edit", "2023-T2", "--start", "2023-04-25"],
    );
    (dir, db)
}

#[test]
fn cli_undo_passes_over_a_refused_period_change_in_both_languages() {
    for (lang, undone, skipped, reason) in [
        (
            Lang::En,
            "undone: period 1: report due: 2023-05-15 → 2023-05-12",
            "Skipped 1 newer change that cannot be undone:",
            "its old value is refused now: 2023-T1 overlaps 2023-T2",
        ),
        (
            Lang::Nb,
            "angret: periode 1: rapportfrist: 2023-05-15 → 2023-05-12",
            "Hoppet over 1 nyere endring som ikke kan angres:",
            "den gamle verdien avvises nå: 2023-T1 overlapper 2023-T2",
        ),
    ] {
        let (_dir, db) = cli_setup(true);
        let out = ok(&db, "kari", lang, &["undo"]);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with(undone), "{out}");
        assert_eq!(lines[1], skipped, "{out}");
        assert!(lines[2].contains(reason), "{out}");
        let periods = ok(
            &db,
            "kari",
            Lang::En,
            &["periods", "--year", "2023", "--format", "json"],
        );
        assert!(periods.contains("2023-05-12"), "deadline back: {periods}");
        assert!(periods.contains("2023-04-20"), "end stays: {periods}");
    }
}

#[test]
fn cli_undo_with_only_refused_changes_says_why_and_writes_nothing() {
    for (lang, says) in [
        (
            Lang::En,
            "cannot undo the change to period 1: its old value is refused now: 2023-T1 overlaps 2023-T2",
        ),
        (
            Lang::Nb,
            "kan ikke angre endringen av periode 1: den gamle verdien avvises nå: 2023-T1 overlapper 2023-T2",
        ),
    ] {
        let (_dir, db) = cli_setup(false);
        let before = ok(&db, "kari", Lang::En, &["export"]);
        let err = one_line_error(&run(&db, "kari", lang, &["undo"]), "undo");
        assert!(err.contains(says), "{err}");
        assert_eq!(ok(&db, "kari", Lang::En, &["export"]), before);
    }
}
