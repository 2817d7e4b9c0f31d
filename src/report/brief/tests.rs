use chrono::TimeZone;

use super::*;
use crate::domain::date::parse_date;
use crate::domain::event::created_value;
use crate::domain::report::ReportValues;
use crate::domain::WheelKind;

fn date(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

fn at(day: &str) -> DateTime<Utc> {
    let d = date(day);
    Utc.from_utc_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
}

fn assignment(id: i64, sector: &str, title: &str, due: &str, status: Status) -> Assignment {
    Assignment {
        id,
        year: 2023,
        title: title.into(),
        lead_sector: sector.into(),
        owner: format!("eier {id}"),
        due: Some(date(due)),
        status,
        version: 1,
        ..Assignment::placeholder()
    }
}

struct Log(Vec<Event>);

impl Log {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        day: &str,
        actor: &str,
        id: i64,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        comment: Option<&str>,
    ) {
        let n = self.0.len() as i64 + 1;
        self.0.push(Event {
            id: n,
            at: at(day),
            actor: actor.into(),
            assignment_id: id,
            field: field.into(),
            old: old.map(String::from),
            new: new.map(String::from),
            comment: comment.map(String::from),
            undoes: None,
            period: None,
        });
    }

    /// A report for 2023-T2 moving #id from `old` to `new` values.
    fn report(
        &mut self,
        day: &str,
        actor: &str,
        id: i64,
        old: &ReportValues,
        new: &ReportValues,
        comment: &str,
    ) {
        self.push(
            day,
            actor,
            id,
            "report",
            Some(&old.to_json()),
            Some(&new.to_json()),
            Some(comment),
        );
        self.0.last_mut().unwrap().period = Some("2023-T2".into());
    }
}

fn sector(code: &str) -> Sector {
    Sector {
        code: code.into(),
        name: format!("Sektor {code}"),
        position: 1,
    }
}

fn goal(id: i64, parent: Option<i64>, kind: GoalKind, code: &str, sectors: &[&str]) -> Goal {
    Goal {
        id,
        parent_id: parent,
        kind,
        code: code.into(),
        title: format!("Mål {code}"),
        sectors: sectors.iter().map(|s| s.to_string()).collect(),
        position: id,
        retired: false,
    }
}

fn window(since: &str, until: &str) -> Window {
    Window {
        since: Edge {
            date: date(since),
            origin: Origin::Given,
        },
        until: Edge {
            date: date(until),
            origin: Origin::Given,
        },
    }
}

struct Fixture {
    assignments: Vec<Assignment>,
    log: Log,
    tree: GoalTree,
    wheel: Vec<WheelEntry>,
    periods: Vec<Period>,
}

fn fixture() -> Fixture {
    let mut a1 = assignment(
        1,
        "OUS",
        "Changed and changed back",
        "2023-12-01",
        Status::InProgress,
    );
    a1.goal_id = Some(3);
    let a2 = assignment(
        2,
        "OUS",
        "Finished in the window",
        "2023-06-30",
        Status::Done,
    );
    let mut a3 = assignment(3, "OUS", "Long overdue", "2023-03-01", Status::InProgress);
    a3.assessment = Some(Assessment::Red);
    let a4 = assignment(
        4,
        "OUS",
        "Slightly overdue",
        "2023-09-01",
        Status::NotStarted,
    );
    let a5 = assignment(
        5,
        "OUS",
        "New in the window, due soon",
        "2023-10-10",
        Status::NotStarted,
    );
    let other = assignment(
        6,
        "HOM",
        "Another sector's",
        "2023-01-01",
        Status::NotStarted,
    );
    let mut serving = assignment(
        7,
        "HOM",
        "HOM serving an OUS goal",
        "2023-12-31",
        Status::InProgress,
    );
    serving.goal_id = Some(4);
    let mut task = assignment(8, "OUS", "A task", "2023-02-01", Status::NotStarted);
    task.parent_id = Some(3);
    let mut last_year = assignment(9, "OUS", "Last year's", "2022-02-01", Status::NotStarted);
    last_year.year = 2022;

    let mut log = Log(Vec::new());
    // Each created as not started and not assessed; the log then moves them.
    let first = |a: &Assignment| {
        let mut a = a.clone();
        a.status = Status::NotStarted;
        a.assessment = None;
        created_value(&a)
    };
    let all = [&a1, &a2, &a3, &a4, &other, &serving, &task, &last_year];
    for a in all {
        log.push(
            "2023-01-16",
            "Ingrid",
            a.id,
            "created",
            None,
            Some(&first(a)),
            None,
        );
    }
    log.push(
        "2023-03-01",
        "Ingrid",
        3,
        "comment",
        None,
        None,
        Some("old comment"),
    );
    log.push(
        "2023-05-01",
        "Ingrid",
        3,
        "comment",
        None,
        None,
        Some("before the window"),
    );
    // 1: in-progress → done → in-progress by two people: no net change.
    log.push(
        "2023-06-01",
        "Kari",
        1,
        "status",
        Some("in-progress"),
        Some("done"),
        None,
    );
    log.push(
        "2023-06-02",
        "Ola",
        1,
        "status",
        Some("done"),
        Some("in-progress"),
        Some("too early"),
    );
    // 2: finished, by two people in two steps.
    log.push(
        "2023-06-10",
        "Kari",
        2,
        "status",
        Some("not-started"),
        Some("in-progress"),
        None,
    );
    log.push(
        "2023-06-20",
        "Ola",
        2,
        "status",
        Some("in-progress"),
        Some("done"),
        None,
    );
    // 3: assessed red, and a later comment.
    log.push(
        "2023-07-01",
        "Kari",
        3,
        "assessment",
        None,
        Some("red"),
        None,
    );
    log.push(
        "2023-08-15",
        "Ola",
        3,
        "comment",
        None,
        None,
        Some("waiting for the budget"),
    );
    // 5: created in the window.
    log.push(
        "2023-08-20",
        "Kari",
        5,
        "created",
        None,
        Some(&first(&a5)),
        None,
    );
    // 3: reported for T2, with its vurdering turned yellow.
    let red = ReportValues {
        status: Status::InProgress,
        assessment: Some(Assessment::Red),
        expected_done: None,
    };
    let yellow = ReportValues {
        assessment: Some(Assessment::Yellow),
        ..red.clone()
    };
    log.report("2023-09-05", "Ola", 3, &red, &yellow, "T2 report");
    log.report("2023-09-06", "Kari", 3, &yellow, &red, "Corrected");
    // Other sector's change: not in the OUS briefing.
    log.push(
        "2023-08-21",
        "Kari",
        6,
        "status",
        Some("not-started"),
        Some("in-progress"),
        None,
    );
    // After today: not yet happened as of the briefing.
    log.push(
        "2023-09-25",
        "Kari",
        4,
        "status",
        Some("not-started"),
        Some("done"),
        None,
    );

    let tree = GoalTree::new(vec![
        goal(1, None, GoalKind::FocusArea, "1", &[]),
        goal(2, Some(1), GoalKind::MainGoal, "1.1", &[]),
        goal(3, Some(2), GoalKind::SubGoal, "1.1.1", &["OUS"]),
        goal(4, Some(2), GoalKind::SubGoal, "1.1.2", &["HOM", "OUS"]),
        goal(5, Some(2), GoalKind::SubGoal, "1.1.3", &["OUS"]),
        goal(6, Some(2), GoalKind::SubGoal, "1.1.4", &["HOM"]),
    ]);
    let entry = |id, start: &str, end: &str, title: &str, sector: Option<&str>| WheelEntry {
        id,
        year: 2023,
        start: date(start),
        end: date(end),
        title: title.into(),
        kind: WheelKind::Administrative,
        sector: sector.map(String::from),
        tags: vec![],
        note: String::new(),
    };
    let wheel = vec![
        entry(1, "2023-08-25", "2023-08-25", "Over already", None),
        entry(2, "2023-09-15", "2023-09-22", "Under way", None),
        entry(3, "2023-10-01", "2023-10-01", "HOM only", Some("HOM")),
        entry(4, "2023-10-02", "2023-10-02", "OUS only", Some("OUS")),
        entry(5, "2023-11-01", "2023-11-01", "After the window", None),
    ];
    let date_of = |text: &str| date(text);
    let periods = vec![
        Period {
            year: 2023,
            code: "T1".into(),
            label: "1. tertial".into(),
            start: date_of("2023-01-01"),
            end: date_of("2023-04-30"),
            report_due: date_of("2023-05-12"),
        },
        Period {
            year: 2023,
            code: "T2".into(),
            label: "2. tertial".into(),
            start: date_of("2023-05-01"),
            end: date_of("2023-08-31"),
            report_due: date_of("2023-09-12"),
        },
    ];
    Fixture {
        assignments: vec![a1, a2, a3, a4, a5, other, serving, task, last_year],
        log,
        tree,
        wheel,
        periods,
    }
}

fn brief_of(f: &Fixture, code: &str) -> Brief {
    let s = sector(code);
    build(&Sources {
        municipality: "Testvik",
        year: 2023,
        sector: &s,
        goals: &f.tree,
        assignments: &f.assignments,
        events: &f.log.0,
        wheel: &f.wheel,
        periods: &f.periods,
        decision_log: &[],
        window: window("2023-05-15", "2023-10-27"),
        today: Today(date("2023-09-20")),
    })
}

#[test]
fn figures_count_the_sectors_oppdrag_of_the_year() {
    let b = brief_of(&fixture(), "OUS");
    assert_eq!(b.figures.assignments, 5);
    assert_eq!(
        b.figures.by_status,
        vec![
            (Status::NotStarted, 2),
            (Status::InProgress, 2),
            (Status::Done, 1),
            (Status::Cancelled, 0)
        ]
    );
    assert_eq!(
        b.figures.by_assessment,
        vec![
            (Some(Assessment::Green), 0),
            (Some(Assessment::Yellow), 0),
            (Some(Assessment::Red), 1),
            (None, 4)
        ]
    );
    assert_eq!(b.figures.overdue, 2);
}

#[test]
fn overdue_most_days_first_with_the_last_comment_up_to_today() {
    let b = brief_of(&fixture(), "OUS");
    let rows: Vec<(i64, i64)> = b
        .overdue
        .iter()
        .map(|o| (o.assignment.id, o.days))
        .collect();
    assert_eq!(rows, vec![(3, 203), (4, 19)]);
    let remark = b.overdue[0].last_comment.as_ref().unwrap();
    // The reports' comments are comments too; the latest is the correction.
    assert_eq!(remark.text, "Corrected");
    assert_eq!(remark.actor, "Kari");
    assert_eq!(b.overdue[1].last_comment, None);
}

#[test]
fn changes_are_net_with_everyone_who_made_them() {
    let b = brief_of(&fixture(), "OUS");
    let summary: Vec<String> = b
        .changes
        .iter()
        .map(|c| {
            let what = match &c.change {
                Change::Created => "created".to_string(),
                Change::Comment(t) => format!("comment {t}"),
                Change::Report { period, comment } => format!("report {period} {comment:?}"),
                Change::Field { field, from, to } => {
                    format!("{} {:?}->{:?}", field.as_str(), from, to)
                }
            };
            format!(
                "{} #{} {} by {}",
                c.at.date_naive(),
                c.assignment_id,
                what,
                c.actors.join("+")
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            // #1 went to done and back: only the comment on the way back is news.
            "2023-06-02 #1 comment too early by Ola",
            "2023-06-20 #2 status Some(\"not-started\")->Some(\"done\") by Kari+Ola",
            "2023-08-15 #3 comment waiting for the budget by Ola",
            "2023-08-20 #5 created by Kari",
            // Two reports, both told; the vurdering went none → red (1 July) →
            // yellow → red (the reports): one change, by all three edits' authors.
            "2023-09-05 #3 report 2023-T2 Some(\"T2 report\") by Ola",
            "2023-09-06 #3 report 2023-T2 Some(\"Corrected\") by Kari",
            "2023-09-06 #3 assessment None->Some(\"red\") by Kari+Ola",
        ]
    );
}

#[test]
fn reports_for_the_period_being_reported_on() {
    let b = brief_of(&fixture(), "OUS");
    let r = b.figures.reports.as_ref().expect("T2 is being reported on");
    assert_eq!(r.period.code, "T2");
    assert!(r.deadline_passed);
    assert_eq!(r.reported, vec![3]);
    // Open at some time in May–August and not reported; #2 was done in June.
    assert_eq!(r.missing, vec![1, 2, 4, 5]);
    assert_eq!(r.awaiting, vec![3]);
    assert!(r.approved.is_empty());
    assert_eq!(
        crate::words::brief::headline(&crate::words::brief::NB, &b),
        "5 oppdrag · 2 forfalt · rapport 2. tertial (frist 12.09.2023): 4 mangler, 1 venter på godkjenning, 0 godkjent"
    );
    // Before the deadline nothing is missing yet, and the line says when it is due.
    let mut f = fixture();
    f.log.0.retain(|e| e.field != "report");
    let s = sector("OUS");
    let early = build(&Sources {
        municipality: "Testvik",
        year: 2023,
        sector: &s,
        goals: &f.tree,
        assignments: &f.assignments,
        events: &f.log.0,
        wheel: &f.wheel,
        periods: &f.periods,
        decision_log: &[],
        window: window("2023-05-15", "2023-10-27"),
        today: Today(date("2023-09-10")),
    });
    assert_eq!(
        crate::words::brief::headline(&crate::words::brief::NB, &early),
        "5 oppdrag · 2 forfalt · rapport 2. tertial (frist 12.09.2023): 0 venter på godkjenning, 0 godkjent"
    );
}

#[test]
fn due_before_the_next_dialog_is_open_and_not_yet_late() {
    let b = brief_of(&fixture(), "OUS");
    let due: Vec<i64> = b.due.iter().map(|a| a.id).collect();
    assert_eq!(due, vec![5]);
}

#[test]
fn the_sectors_delmal_with_what_serves_them() {
    let b = brief_of(&fixture(), "OUS");
    let goals: Vec<(&str, Vec<i64>)> = b
        .goals
        .iter()
        .map(|g| {
            (
                g.goal.code.as_str(),
                g.serving.iter().map(|a| a.id).collect(),
            )
        })
        .collect();
    assert_eq!(
        goals,
        vec![("1.1.1", vec![1]), ("1.1.2", vec![7]), ("1.1.3", vec![])]
    );
    let unserved: Vec<&str> = b.unserved().map(|g| g.goal.code.as_str()).collect();
    assert_eq!(unserved, vec!["1.1.3"]);
}

#[test]
fn the_wheel_from_today_to_the_window_end_for_this_sector() {
    let b = brief_of(&fixture(), "OUS");
    let titles: Vec<&str> = b.wheel.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, vec!["Under way", "OUS only"]);
    // The picture has the whole year, still without other sectors' own entries.
    let titles: Vec<&str> = b.year_wheel.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Over already", "Under way", "OUS only", "After the window"]
    );
}

#[test]
fn an_empty_sector_gives_an_empty_briefing() {
    let b = brief_of(&fixture(), "KUL");
    assert_eq!(b.figures.assignments, 0);
    assert!(b.overdue.is_empty() && b.changes.is_empty() && b.due.is_empty() && b.goals.is_empty());
    assert_eq!(b.file_name("html"), "brief-KUL-2023-09-20.html");
}
