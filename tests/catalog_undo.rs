//! `undo` across both logs: catalog changes (periods, årshjul entries,
//! vedtak, goals) are taken back like assignment changes, newest first by
//! time (then the catalog log, then id), each by a new event that names
//! the one it undoes; newer changes that cannot be undone are passed over
//! and named; nothing is erased.

use chrono::{TimeZone, Utc};
use styr::domain::date::Today;
use styr::domain::period_change::edited;
use styr::domain::{Entity, Field};
use styr::store::{CatalogSkipReason, Passed, Stamp, Store, StoreError, Undone};

fn stamp(actor: &str, minute: u32) -> Stamp {
    Stamp {
        actor: actor.into(),
        at: Utc.with_ymd_and_hms(2023, 10, 2, 9, minute, 0).unwrap(),
    }
}

fn today() -> Today {
    Today(chrono::NaiveDate::from_ymd_opt(2023, 10, 2).unwrap())
}

fn demo() -> Store {
    let mut store = Store::in_memory().unwrap();
    styr::assets::load_demo(&mut store).unwrap();
    store
}

fn due(store: &Store, id: &str) -> String {
    styr::domain::date::iso(store.period(id).unwrap().report_due)
}

fn sound(store: &Store) {
    let diagnosis = store.diagnose().unwrap();
    assert!(diagnosis.is_ok(), "{:?}", diagnosis.problems);
}

#[test]
fn undo_takes_back_the_newest_change_of_either_log_in_turn() {
    let mut store = demo();
    let owner_before = store.assignment(3).unwrap().owner;
    let title_before = store.decision(1).unwrap().title;
    let due_before = due(&store, "2023-T2");

    store
        .change(
            3,
            None,
            &[(Field::Owner, Some("Per".into()))],
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    store
        .change_period(
            "2023-T2",
            |p| {
                edited(
                    p,
                    None,
                    None,
                    None,
                    None,
                    Some(p.report_due + chrono::Days::new(3)),
                )
            },
            None,
            &stamp("kari", 2),
        )
        .unwrap();
    let mut next = store.decision(1).unwrap();
    next.title = "Ny tittel".into();
    store
        .change_decision(1, None, &next, today(), None, &stamp("kari", 3))
        .unwrap();
    // Someone else's newer change is not kari's to undo.
    store
        .change(
            3,
            None,
            &[(Field::Description, Some("x".into()))],
            None,
            &stamp("ola", 4),
        )
        .unwrap();

    let plan = store.undo_plan("kari", today()).unwrap();
    assert!(plan.undo.is_empty());
    assert_eq!(plan.catalog.len(), 1);
    assert_eq!(plan.catalog[0].entity, Entity::Decision);

    let first = store
        .undo(Some("feil"), today(), &stamp("kari", 5))
        .unwrap();
    let Undone::Catalog(events) = &first.undone else {
        panic!("the vedtak edit is the newest: {first:?}")
    };
    assert_eq!(events.len(), 1);
    assert!(events[0].undoes.is_some());
    assert_eq!(events[0].comment.as_deref(), Some("feil"));
    assert_eq!(store.decision(1).unwrap().title, title_before);

    let second = store.undo(None, today(), &stamp("kari", 6)).unwrap();
    assert!(matches!(second.undone, Undone::Catalog(_)));
    assert_eq!(due(&store, "2023-T2"), due_before);

    let third = store.undo(None, today(), &stamp("kari", 7)).unwrap();
    let Undone::Assignment(changed) = &third.undone else {
        panic!("the owner change comes last: {third:?}")
    };
    assert_eq!(changed.assignment.owner, owner_before);

    // Nothing of kari's is left; the log only grew.
    let err = store.undo(None, today(), &stamp("kari", 8)).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NothingToUndo { .. } | StoreError::CannotUndo { .. }
        ),
        "{err:?}"
    );
    sound(&store);
}

#[test]
fn within_one_second_the_catalog_change_counts_as_the_newer() {
    let mut store = demo();
    let at = stamp("kari", 1);
    store
        .change(3, None, &[(Field::Owner, Some("Per".into()))], None, &at)
        .unwrap();
    store
        .change_period(
            "2023-T1",
            |p| edited(p, None, Some("Første"), None, None, None),
            None,
            &at,
        )
        .unwrap();
    let plan = store.undo_plan("kari", today()).unwrap();
    assert_eq!(plan.catalog.len(), 1, "{plan:?}");
    assert!(plan.undo.is_empty());
}

#[test]
fn a_catalog_change_someone_changed_since_is_passed_over_and_named() {
    let mut store = demo();
    store
        .change_period(
            "2023-T1",
            |p| edited(p, None, Some("Første"), None, None, None),
            None,
            &stamp("kari", 1),
        )
        .unwrap();
    store
        .change_period(
            "2023-T1",
            |p| edited(p, None, Some("Tertial 1"), None, None, None),
            None,
            &stamp("ola", 2),
        )
        .unwrap();
    let before = store.catalog_events(None, None, None).unwrap().len();
    let err = store.undo(None, today(), &stamp("kari", 3)).unwrap_err();
    match &err {
        StoreError::CannotUndoCatalog { entity, reason, .. } => {
            assert_eq!(*entity, Entity::Period);
            assert_eq!(*reason, CatalogSkipReason::ChangedSince);
        }
        other => panic!("{other:?}"),
    }
    let en = err.message(styr::domain::Lang::En);
    assert!(
        en.contains("period 1") && en.contains("changed since"),
        "{en}"
    );
    assert_eq!(
        store.catalog_events(None, None, None).unwrap().len(),
        before
    );

    // With an older change of kari's behind it, undo passes over it.
    store
        .change(
            3,
            None,
            &[(Field::Owner, Some("Per".into()))],
            None,
            &stamp("kari", 0),
        )
        .unwrap();
    let plan = store.undo_plan("kari", today()).unwrap();
    assert_eq!(plan.undo.len(), 1);
    assert!(matches!(
        plan.passed.as_slice(),
        [Passed::Catalog(s)] if s.reason == CatalogSkipReason::ChangedSince
    ));
}

#[test]
fn a_removed_period_and_a_closed_vedtak_come_back_by_undo() {
    let mut store = demo();
    let ar = store.stored_periods(Some(2023)).unwrap();
    let ar = ar.iter().find(|p| p.period.code == "AR").unwrap().clone();
    store
        .remove_period("2023-AR", None, &stamp("kari", 1))
        .unwrap();
    assert!(store.period("2023-AR").is_err());
    store.undo(None, today(), &stamp("kari", 2)).unwrap();
    let back = store.stored_periods(Some(2023)).unwrap();
    assert!(back.contains(&ar), "the same period with the same number");

    let open = store
        .decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.closed.is_none())
        .unwrap();
    store
        .close_decision(open.id, today().0, "fulgt opp", &stamp("kari", 3))
        .unwrap();
    store
        .link_decision(
            open.id,
            &[1],
            open.assignments.contains(&1),
            None,
            &stamp("kari", 4),
        )
        .unwrap();
    store.undo(None, today(), &stamp("kari", 5)).unwrap();
    assert_eq!(
        store.decision(open.id).unwrap().assignments,
        open.assignments
    );
    store.undo(None, today(), &stamp("kari", 6)).unwrap();
    assert_eq!(store.decision(open.id).unwrap().closed, None);
    sound(&store);
}
