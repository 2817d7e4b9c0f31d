//! What the TUI shows, loaded from the store in one piece, and the rows
//! derived from it for the tree and the list.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use crate::domain::approval::ReportKind;
use crate::domain::filter::{list_key, search_text, Filter, ListKey, Surroundings};
use crate::domain::{Assignment, GoalTree, Period, Sector, Today, WheelEntry};
use crate::store::{MissingReports, Municipality, Narrowing, Result, Store};

/// One consistent read of the database: what the screens show, which is
/// the plan year (every pane, count and rollup is of the plan year only).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub municipality: Municipality,
    pub sectors: Vec<Sector>,
    pub tree: GoalTree,
    /// The plan year's assignments and tasks, by id.
    pub assignments: Vec<Assignment>,
    pub wheel: Vec<WheelEntry>,
    /// The comments, for the search; read after the first frame (see [`Comments`]).
    pub comments: Arc<Comments>,
    pub read_only: bool,
    /// Per assignment (same order), the lowercased text the search looks
    /// in; built at the first search, dropped with the data it came from.
    search_index: OnceLock<Vec<String>>,
    /// The reporting periods of the plan year.
    pub periods: Vec<Period>,
    /// Mangler rapport: read after the first frame (see [`Missing`]).
    pub missing: Missing,
    /// The newest event when this was read.
    pub upto: i64,
}

/// The assignments missing their report for the period being reported on,
/// as far as they have been read. Working it out means replaying part of
/// the event log, so it is read after the first frame and after each
/// reload; until the newer answer comes, the one read before stays.
#[derive(Debug, Clone, Default)]
pub enum Missing {
    /// Not read yet.
    #[default]
    NotRead,
    /// Read: `None` when no period has ended.
    Read(Option<MissingReports>),
}

/// The comments of the plan year's assignments, as far as the event log has
/// been read. The log is append-only, so they are kept and only the events
/// after `upto` are read again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    /// Each assignment's comments, oldest first, one per line.
    pub by_assignment: HashMap<i64, String>,
    /// The newest event read.
    pub upto: i64,
}

impl Comments {
    /// Reads the comments logged since the last read.
    pub fn catch_up(&mut self, store: &Store, year: i32) -> Result<()> {
        let (new, upto) = store.comments_after(year, self.upto)?;
        for (id, text) in new {
            let all = self.by_assignment.entry(id).or_default();
            if !all.is_empty() {
                all.push('\n');
            }
            all.push_str(&text);
        }
        self.upto = upto;
        Ok(())
    }
}

/// What a reload read.
#[derive(Debug, Clone)]
pub enum Reloaded {
    /// Everything.
    Whole(Snapshot),
    /// Everything but the assignments, and of those only the ones changed
    /// since the data the screen has (see [`Snapshot::reload`]).
    Changed {
        data: Snapshot,
        changed: Vec<Assignment>,
        /// Ids with new events but no longer in the database.
        gone: Vec<i64>,
    },
}

impl Reloaded {
    /// The new data, given the assignments the screen has now.
    pub fn apply(self, assignments: Vec<Assignment>) -> Snapshot {
        match self {
            Reloaded::Whole(data) => data,
            Reloaded::Changed {
                mut data,
                changed,
                gone,
            } => {
                data.assignments = assignments;
                data.assignments
                    .retain(|a| gone.binary_search(&a.id).is_err());
                for a in changed {
                    match data.assignments.binary_search_by_key(&a.id, |x| x.id) {
                        Ok(at) => data.assignments[at] = a,
                        Err(at) => data.assignments.insert(at, a),
                    }
                }
                data
            }
        }
    }
}

impl Snapshot {
    /// Reads what the first screen needs: the plan year, without comments
    /// and without the missing reports.
    pub fn load(store: &Store) -> Result<Snapshot> {
        store.read(|store| {
            let mut data = Snapshot::load_all_but_assignments(store)?;
            data.assignments = Snapshot::plan_year(store, data.municipality.year)?;
            Ok(data)
        })
    }

    fn plan_year(store: &Store, year: i32) -> Result<Vec<Assignment>> {
        store.assignments_narrowed(&Narrowing {
            year: Some(year),
            ..Narrowing::default()
        })
    }

    /// Reads again. Given the plan year and newest event of the data the
    /// screen has (`since`), and that year is still the plan year, only
    /// the assignments with events after it are read: every change to an
    /// assignment logs an event and the log only grows. The rest (goals,
    /// årshjul, periods, sectors) is small and read whole.
    pub fn reload(store: &Store, since: Option<(i32, i64)>) -> Result<Reloaded> {
        store.read(|store| {
            let mut data = Snapshot::load_all_but_assignments(store)?;
            let year = data.municipality.year;
            match since {
                Some((seen_year, upto)) if seen_year == year && upto <= data.upto => {
                    let ids = store.changed_after(upto)?;
                    let mut changed = store.assignments_with_ids(&ids)?;
                    // Nothing deletes an assignment today; should anything
                    // ever, the screen must not keep it.
                    let gone = ids
                        .iter()
                        .copied()
                        .filter(|id| changed.binary_search_by_key(id, |a| a.id).is_err())
                        .collect();
                    changed.retain(|a| a.year == year);
                    Ok(Reloaded::Changed {
                        data,
                        changed,
                        gone,
                    })
                }
                _ => {
                    data.assignments = Snapshot::plan_year(store, year)?;
                    Ok(Reloaded::Whole(data))
                }
            }
        })
    }

    fn load_all_but_assignments(store: &Store) -> Result<Snapshot> {
        let municipality = store.municipality()?;
        Ok(Snapshot {
            upto: store.newest_event()?,
            periods: store.periods(Some(municipality.year))?,
            missing: Missing::NotRead,
            sectors: store.sectors()?,
            tree: GoalTree::new(store.goals()?),
            assignments: Vec::new(),
            wheel: store.wheel_entries(municipality.year)?,
            comments: Arc::default(),
            read_only: store.is_read_only(),
            municipality,
            search_index: OnceLock::new(),
        })
    }

    /// Takes newer comments; the search index is built again when next needed.
    pub fn set_comments(&mut self, comments: Arc<Comments>) {
        self.comments = comments;
        self.search_index = OnceLock::new();
    }

    /// Builds the search index now rather than at the first search.
    pub fn warm_search_index(&self) {
        self.search_index();
    }

    /// The lowercased search text of each assignment.
    fn search_index(&self) -> &[String] {
        self.search_index.get_or_init(|| {
            self.assignments
                .iter()
                .map(|a| search_text(a, self.comments_of(a.id)))
                .collect()
        })
    }

    fn comments_of(&self, id: i64) -> &str {
        self.comments
            .by_assignment
            .get(&id)
            .map_or("", String::as_str)
    }

    /// An assignment by id.
    pub fn assignment(&self, id: i64) -> Option<&Assignment> {
        self.assignments
            .binary_search_by_key(&id, |a| a.id)
            .ok()
            .map(|i| &self.assignments[i])
    }
}

impl Snapshot {
    /// The period being reported on in the plan year, if one has ended.
    pub fn reporting_period(&self, today: Today) -> Option<&Period> {
        crate::domain::period::reporting_period(&self.periods, today.0)
    }

    /// The ids whose report for the period being reported on awaits
    /// approval (empty when none, no period has ended, or not read yet).
    pub fn awaiting_ids(&self) -> HashSet<i64> {
        match &self.missing {
            Missing::Read(Some(m)) => m.awaiting.iter().copied().collect(),
            Missing::Read(None) | Missing::NotRead => HashSet::new(),
        }
    }

    /// The ids missing their report (empty when none, no period has
    /// ended, or they are not read yet).
    pub fn missing_ids(&self) -> HashSet<i64> {
        match &self.missing {
            Missing::Read(Some(m)) => m.assignments.iter().map(|a| a.id).collect(),
            Missing::Read(None) | Missing::NotRead => HashSet::new(),
        }
    }

    /// The ids missing their report or whose report awaits approval: what
    /// is left to chase, as the mangler-rapport view lists it.
    pub fn to_chase_ids(&self) -> HashSet<i64> {
        match &self.missing {
            Missing::Read(Some(m)) => m.ids_in(&[ReportKind::Missing, ReportKind::Awaiting]),
            Missing::Read(None) | Missing::NotRead => HashSet::new(),
        }
    }

    /// The state of an assignment's report for the period being reported
    /// on, when it is read and the report is missing or given.
    pub fn report_kind(&self, id: i64) -> Option<ReportKind> {
        match &self.missing {
            Missing::Read(Some(m)) => m.state_of(id),
            Missing::Read(None) | Missing::NotRead => None,
        }
    }
}

/// One row of the goal tree pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    /// `None`: the "all goals" row at the top.
    pub goal: Option<i64>,
    pub depth: usize,
    pub has_children: bool,
    pub expanded: bool,
}

/// The visible tree rows: expanded nodes open, narrowed to a sector's goals.
pub fn tree_rows(tree: &GoalTree, expanded: &HashSet<i64>, sector: Option<&str>) -> Vec<TreeRow> {
    let mut rows = vec![TreeRow {
        goal: None,
        depth: 0,
        has_children: true,
        expanded: true,
    }];
    let mut hidden_below: Option<usize> = None;
    for (depth, goal) in tree.walk() {
        if hidden_below.is_some_and(|d| depth > d) {
            continue;
        }
        hidden_below = None;
        if sector.is_some_and(|s| !tree.involves_sector(goal.id, s)) {
            hidden_below = Some(depth);
            continue;
        }
        let has_children = tree.children(Some(goal.id)).next().is_some();
        let open = expanded.contains(&goal.id);
        rows.push(TreeRow {
            goal: Some(goal.id),
            depth,
            has_children,
            expanded: open,
        });
        if has_children && !open {
            hidden_below = Some(depth);
        }
    }
    rows
}

/// One row of the assignment list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRow {
    pub id: i64,
    /// A task shown under its assignment.
    pub indented: bool,
    /// Where the assignment is in [`Snapshot::assignments`].
    pub at: usize,
}

/// The plan year's assignments in list order (overdue first, most days
/// first, then by deadline; see [`crate::domain::filter::list_order`]),
/// sorted once per load. A filter then only drops rows from it, so a
/// keystroke costs one pass over the assignments and no sort.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOrder {
    /// Positions in [`Snapshot::assignments`], in list order.
    order: Vec<usize>,
    /// Per position: where its parent assignment is, if loaded.
    parent_at: Vec<Option<usize>>,
    /// Positions of the assignments with a deadline, by deadline, then id.
    by_date: Vec<usize>,
}

impl ListOrder {
    /// The order of the snapshot's assignments on `today`.
    pub fn new(data: &Snapshot, today: Today) -> ListOrder {
        let all = &data.assignments;
        let keys: Vec<ListKey> = all.iter().map(|a| list_key(a, today)).collect();
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_unstable_by_key(|i| keys[*i]);
        let parent_at = all
            .iter()
            .map(|a| {
                a.parent_id
                    .and_then(|p| all.binary_search_by_key(&p, |x| x.id).ok())
            })
            .collect();
        let mut by_date: Vec<usize> = (0..all.len()).filter(|i| all[*i].due.is_some()).collect();
        by_date.sort_by_key(|i| (all[*i].due, all[*i].id));
        ListOrder {
            order,
            parent_at,
            by_date,
        }
    }

    /// Positions of the assignments with a deadline, by deadline, then id.
    pub fn by_date(&self) -> &[usize] {
        &self.by_date
    }
}

/// Which assignments (by position) the list's filter passed: kept so that
/// the next filter, if it only narrows this one, looks at those alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    pub filter: Filter,
    pub passed: Vec<bool>,
}

/// The visible list rows: filtered, overdue first, tasks under their
/// assignment (the same order as [`crate::domain::filter::ordered_with_tasks`]).
/// With `earlier` (what a filter this one narrows passed, on the same
/// data), only the assignments that passed it are looked at again.
pub fn list_rows(
    data: &Snapshot,
    order: &ListOrder,
    filter: &Filter,
    today: Today,
    earlier: Option<&Chosen>,
) -> (Vec<ListRow>, Chosen) {
    // The search looks in text lowercased once per load, not once per row
    // and keystroke; the other conditions are the filter's own.
    let words: Vec<String> = filter
        .search
        .as_deref()
        .map(|s| {
            s.to_lowercase()
                .split_whitespace()
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let index = if words.is_empty() {
        &[][..]
    } else {
        data.search_index()
    };
    let rest = Filter {
        search: None,
        ..filter.clone()
    };
    let all = &data.assignments;
    let parent = |i: usize| order.parent_at.get(i).copied().flatten();
    let earlier = earlier
        .filter(|e| filter.narrows(&e.filter) && e.passed.len() == all.len())
        .map(|e| &e.passed);
    let chosen: Vec<bool> = all
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let around = Surroundings {
                parent: parent(i).map(|p| &all[p]),
                comments: "",
            };
            earlier.is_none_or(|passed| passed[i])
                && rest.matches_in(a, around, today)
                && words.iter().all(|w| index[i].contains(w.as_str()))
        })
        .collect();
    // In list order: an assignment stands on its own and its tasks go
    // under it, in list order among themselves; the tasks of an
    // assignment not shown stay together where the first of them goes.
    let mut tops: Vec<usize> = Vec::new();
    let mut tasks: Vec<(usize, usize)> = Vec::new();
    // The tasks of assignments not shown, by their assignment's id.
    let mut stray: Vec<(i64, usize)> = Vec::new();
    for &i in order.order.iter().filter(|i| chosen[**i]) {
        match parent(i).filter(|p| chosen[*p]) {
            Some(p) => tasks.push((p, i)),
            None => {
                if let Some(hidden) = all[i].parent_id {
                    stray.push((hidden, tops.len()));
                }
                tops.push(i);
            }
        }
    }
    tasks.sort_by_key(|(p, _)| *p);
    // Stable: each assignment's stray tasks stay in list order.
    stray.sort_by_key(|(p, _)| *p);
    let strays_of = |parent: i64| {
        let first = stray.partition_point(|(p, _)| *p < parent);
        stray[first..].iter().take_while(move |(p, _)| *p == parent)
    };
    let mut rows = Vec::with_capacity(tops.len() + tasks.len());
    let place = |top: usize, rows: &mut Vec<ListRow>| {
        rows.push(ListRow {
            id: all[top].id,
            indented: false,
            at: top,
        });
        let first = tasks.partition_point(|(p, _)| *p < top);
        for &(_, task) in tasks[first..].iter().take_while(|(p, _)| *p == top) {
            rows.push(ListRow {
                id: all[task].id,
                indented: true,
                at: task,
            });
        }
    };
    let mut placed_with_first = vec![false; tops.len()];
    for (n, &top) in tops.iter().enumerate() {
        match all[top].parent_id {
            Some(hidden) if !placed_with_first[n] => {
                for &(_, m) in strays_of(hidden) {
                    placed_with_first[m] = true;
                    place(tops[m], &mut rows);
                }
            }
            Some(_) => {}
            None => place(top, &mut rows),
        }
    }
    let chosen = Chosen {
        filter: filter.clone(),
        passed: chosen,
    };
    (rows, chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::goal::tests::goal;
    use crate::domain::GoalKind;

    /// A database in memory generated for plan year 2023.
    fn generated(assignments: u64, events_per_assignment: u32, seed: u64) -> Store {
        let mut store = Store::in_memory().unwrap();
        let spec = crate::generate::Spec {
            assignments,
            events_per_assignment,
            seed,
            year: 2023,
        };
        crate::generate::generate(&mut store, &spec).unwrap();
        store
    }

    /// The rows as the domain's filter and order give them, assignment by
    /// assignment: what [`list_rows`] must agree with.
    fn reference(data: &Snapshot, filter: &Filter, today: Today) -> Vec<(i64, bool)> {
        let chosen: Vec<&Assignment> = data
            .assignments
            .iter()
            .filter(|a| {
                let around = Surroundings {
                    parent: a.parent_id.and_then(|p| data.assignment(p)),
                    comments: data.comments_of(a.id),
                };
                filter.matches_in(a, around, today)
            })
            .collect();
        let present: HashSet<i64> = chosen.iter().map(|a| a.id).collect();
        crate::domain::filter::ordered_with_tasks(&chosen, today)
            .into_iter()
            .map(|a| (a.id, a.parent_id.is_some_and(|p| present.contains(&p))))
            .collect()
    }

    #[test]
    fn list_rows_agree_with_the_domain_order_under_every_filter() {
        let store = generated(600, 4, 7);
        let data = Snapshot::load(&store).unwrap();
        let today = Today(crate::generate::today(2023));
        let order = ListOrder::new(&data, today);
        let goal = data.tree.goals()[1].id;
        let year = Some(2023);
        let filters = [
            Filter::default(),
            Filter {
                sector: Some("OUS".into()),
                year,
                ..Filter::default()
            },
            Filter {
                overdue_only: true,
                ..Filter::default()
            },
            Filter {
                status: Some(crate::domain::Status::Done),
                ..Filter::default()
            },
            Filter {
                search: Some("Plan  ".into()),
                ..Filter::default()
            },
            Filter {
                search: Some("e a".into()),
                sector: Some("KUL".into()),
                ..Filter::default()
            },
            Filter::default().with_goal(&data.tree, goal),
            Filter {
                due_within: Some((today.0, today.0 + chrono::Duration::days(30))),
                ..Filter::default()
            },
        ];
        let mut indented = 0;
        for filter in &filters {
            let (rows, _) = list_rows(&data, &order, filter, today, None);
            let got: Vec<(i64, bool)> = rows.iter().map(|r| (r.id, r.indented)).collect();
            assert!(!got.is_empty(), "{filter:?} shows nothing");
            assert_eq!(got, reference(&data, filter, today), "{filter:?}");
            assert!(rows.iter().all(|r| data.assignments[r.at].id == r.id));
            indented += rows.iter().filter(|r| r.indented).count();
        }
        assert!(indented > 0, "no filter showed a task under its assignment");
    }

    #[test]
    fn typing_on_in_the_search_looks_only_at_what_passed_and_agrees() {
        let store = generated(400, 3, 3);
        let data = Snapshot::load(&store).unwrap();
        let today = Today(crate::generate::today(2023));
        let order = ListOrder::new(&data, today);
        let search = |s: &str| Filter {
            search: (!s.is_empty()).then(|| s.to_string()),
            year: Some(2023),
            ..Filter::default()
        };
        let mut earlier: Option<Chosen> = None;
        let mut shrank = false;
        // Typed on, then a character deleted, then another condition.
        for typed in ["", "o", "op", "opp", "opp ", "opp f", "opp", "op"] {
            let filter = search(typed);
            let (rows, chosen) = list_rows(&data, &order, &filter, today, earlier.as_ref());
            let (alone, _) = list_rows(&data, &order, &filter, today, None);
            assert_eq!(rows, alone, "{typed:?}");
            if let Some(e) = &earlier {
                shrank |= rows.len() < e.passed.iter().filter(|p| **p).count();
            }
            earlier = Some(chosen);
        }
        assert!(shrank, "the typing never narrowed the list");
        let overdue = Filter {
            overdue_only: true,
            ..search("op")
        };
        let (rows, _) = list_rows(&data, &order, &overdue, today, earlier.as_ref());
        assert_eq!(rows, list_rows(&data, &order, &overdue, today, None).0);
    }

    #[test]
    fn changes_replace_add_and_drop_assignments_in_id_order() {
        let mut store = Store::in_memory().unwrap();
        crate::assets::load_demo(&mut store).unwrap();
        let data = Snapshot::load(&store).unwrap();
        let before = data.assignments.clone();
        let mut changed_one = before[1].clone();
        changed_one.title = "Endret".into();
        let mut new_one = before[0].clone();
        new_one.id = before.last().unwrap().id + 5;
        let gone = before[2].id;
        let reloaded = Reloaded::Changed {
            data: data.clone(),
            changed: vec![changed_one.clone(), new_one.clone()],
            gone: vec![gone],
        };
        let after = reloaded.apply(before.clone()).assignments;
        assert_eq!(after.len(), before.len());
        assert!(after.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(after[1], changed_one);
        assert_eq!(after.last(), Some(&new_one));
        assert!(after.iter().all(|a| a.id != gone));
    }

    #[test]
    fn tree_rows_follow_expansion_and_sector() {
        let tree = GoalTree::new(vec![
            goal(1, None, GoalKind::FocusArea, &[]),
            goal(2, Some(1), GoalKind::MainGoal, &[]),
            goal(3, Some(2), GoalKind::SubGoal, &["TEK"]),
            goal(4, None, GoalKind::FocusArea, &[]),
            goal(5, Some(4), GoalKind::MainGoal, &[]),
            goal(6, Some(5), GoalKind::SubGoal, &["KUL"]),
        ]);
        let ids = |rows: Vec<TreeRow>| rows.iter().map(|r| r.goal).collect::<Vec<_>>();
        let closed = HashSet::new();
        assert_eq!(
            ids(tree_rows(&tree, &closed, None)),
            vec![None, Some(1), Some(4)]
        );
        let open: HashSet<i64> = [1, 2, 4, 5].into();
        assert_eq!(
            ids(tree_rows(&tree, &open, None)),
            vec![None, Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)]
        );
        assert_eq!(
            ids(tree_rows(&tree, &open, Some("KUL"))),
            vec![None, Some(4), Some(5), Some(6)]
        );
    }
}
