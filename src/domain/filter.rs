//! Which assignments a view shows, and in what order.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Assessment, Assignment, GoalTree, Status, Today};

/// What narrows a list of assignments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Lead sector code.
    pub sector: Option<String>,
    pub overdue_only: bool,
    pub status: Option<Status>,
    /// Goal ids: the subtree of the chosen goal.
    pub goals: Option<HashSet<i64>>,
    pub year: Option<i32>,
    /// Case-insensitive words that must all occur in title, owner, description or comments.
    pub search: Option<String>,
    /// Open, with a deadline in this range (both ends included).
    pub due_within: Option<(NaiveDate, NaiveDate)>,
    /// Only these assignments (e.g. those missing a report).
    pub only: Option<HashSet<i64>>,
}

impl Filter {
    /// Narrows to a goal and everything below it.
    pub fn with_goal(mut self, tree: &GoalTree, goal: i64) -> Self {
        self.goals = Some(tree.subtree(goal));
        self
    }

    /// Whether everything this filter passes, `earlier` passed too: the
    /// same conditions, and a search that only goes on from the earlier
    /// one (each earlier word is then inside a word of this one). Typing on
    /// in a search then only needs to look again at what passed before.
    pub fn narrows(&self, earlier: &Filter) -> bool {
        // Every condition but the search, named so that a new one is not missed.
        let Filter {
            sector,
            overdue_only,
            status,
            goals,
            year,
            search: _,
            due_within,
            only,
        } = self;
        let lower = |f: &Filter| f.search.as_deref().unwrap_or_default().to_lowercase();
        *sector == earlier.sector
            && *overdue_only == earlier.overdue_only
            && *status == earlier.status
            && *goals == earlier.goals
            && *year == earlier.year
            && *due_within == earlier.due_within
            && *only == earlier.only
            && lower(self).starts_with(&lower(earlier))
    }

    /// Whether a listing under this filter lists tasks, given whether they
    /// were asked for. What is overdue is listed whole: a task past its
    /// deadline is late work whatever its assignment's deadline, so an
    /// overdue listing names it (under its assignment) as the TUI's list
    /// does; other listings of the CLI are of assignments unless tasks are
    /// asked for.
    pub fn lists_tasks(&self, asked: bool) -> bool {
        asked || self.overdue_only
    }

    /// Whether the assignment passes every condition.
    pub fn matches(&self, assignment: &Assignment, today: Today) -> bool {
        self.matches_in(assignment, Surroundings::default(), today)
    }

    /// Whether the assignment passes every condition, knowing its
    /// surroundings: a task without a goal of its own is judged by its
    /// assignment's goal, and the search also looks in the comments.
    pub fn matches_in(&self, assignment: &Assignment, around: Surroundings, today: Today) -> bool {
        let parent_goal = around.parent.and_then(|p| p.goal_id);
        self.matches_but_search(assignment, parent_goal, today)
            && self.search_finds(assignment, around.comments)
    }

    /// Whether an assignment, or the fields of one a listing reads, passes
    /// every condition but the search (which looks in fields a listing
    /// does not read); `parent_goal` is the goal of the assignment a task
    /// belongs to.
    pub fn matches_but_search(
        &self,
        item: &impl Listable,
        parent_goal: Option<i64>,
        today: Today,
    ) -> bool {
        if self
            .sector
            .as_ref()
            .is_some_and(|s| *s != item.lead_sector())
        {
            return false;
        }
        if self.overdue_only && item.days_overdue(today).is_none() {
            return false;
        }
        if self.status.is_some_and(|s| s != item.status()) {
            return false;
        }
        if let Some((first, last)) = self.due_within {
            let due = item.due().filter(|d| *d >= first && *d <= last);
            if due.is_none() || item.status().is_closed() {
                return false;
            }
        }
        if self
            .only
            .as_ref()
            .is_some_and(|ids| !ids.contains(&item.id()))
        {
            return false;
        }
        if self.year.is_some_and(|y| y != item.year()) {
            return false;
        }
        if let Some(goals) = &self.goals {
            let goal = item.goal_id().or(parent_goal);
            if !goal.is_some_and(|g| goals.contains(&g)) {
                return false;
            }
        }
        true
    }

    /// Whether the search, if any, finds every one of its words in the
    /// assignment or its comments.
    pub fn search_finds(&self, assignment: &Assignment, comments: &str) -> bool {
        let Some(search) = &self.search else {
            return true;
        };
        let haystack = search_text(assignment, comments);
        search
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// What the list order, the grouping of tasks and every condition but the
/// search look at: an assignment, or the fields of one a listing reads.
pub trait Listable {
    fn id(&self) -> i64;
    fn parent_id(&self) -> Option<i64>;
    fn year(&self) -> i32;
    fn lead_sector(&self) -> &str;
    fn goal_id(&self) -> Option<i64>;
    fn due(&self) -> Option<NaiveDate>;
    fn status(&self) -> Status;
    fn title(&self) -> &str;
    fn owner(&self) -> &str;
    fn assessment(&self) -> Option<Assessment>;

    /// Days past the deadline, when open and overdue.
    fn days_overdue(&self, today: Today) -> Option<i64> {
        let due = self.due()?;
        if self.status().is_closed() || due >= today.0 {
            return None;
        }
        Some((today.0 - due).num_days())
    }
}

impl Listable for Assignment {
    fn id(&self) -> i64 {
        self.id
    }
    fn parent_id(&self) -> Option<i64> {
        self.parent_id
    }
    fn year(&self) -> i32 {
        self.year
    }
    fn lead_sector(&self) -> &str {
        &self.lead_sector
    }
    fn goal_id(&self) -> Option<i64> {
        self.goal_id
    }
    fn due(&self) -> Option<NaiveDate> {
        self.due
    }
    fn status(&self) -> Status {
        self.status
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn owner(&self) -> &str {
        &self.owner
    }
    fn assessment(&self) -> Option<Assessment> {
        self.assessment
    }
}

/// The text a search looks in, lowercased: title, owner, description and comments.
pub fn search_text(assignment: &Assignment, comments: &str) -> String {
    format!(
        "{}\n{}\n{}\n{}",
        assignment.title, assignment.owner, assignment.description, comments
    )
    .to_lowercase()
}

/// What a filter may know of an assignment beyond its own fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct Surroundings<'a> {
    /// The assignment a task belongs to.
    pub parent: Option<&'a Assignment>,
    /// The comments in its history, for the search.
    pub comments: &'a str,
}

/// List order: overdue first (most days first), then by deadline (none last), then id.
pub fn list_order(a: &Assignment, b: &Assignment, today: Today) -> Ordering {
    list_key(a, today).cmp(&list_key(b, today))
}

/// What [`list_order`] compares, for sorting many by a key worked out once.
pub type ListKey = (std::cmp::Reverse<i64>, bool, Option<NaiveDate>, i64);

/// The key of an assignment in [`list_order`].
pub fn list_key(a: &impl Listable, today: Today) -> ListKey {
    (
        std::cmp::Reverse(a.days_overdue(today).unwrap_or(-1)),
        a.due().is_none(),
        a.due(),
        a.id(),
    )
}

/// Sorts assignments for a list, each task directly under its parent.
/// Tasks whose parent is not in the list stay together, where the most
/// pressing of them goes, under a line naming their assignment (see
/// [`parent_line`]): never standing as if each were an assignment.
pub fn ordered_with_tasks<'a, T: Listable>(items: &[&'a T], today: Today) -> Vec<&'a T> {
    if items.iter().all(|a| a.parent_id().is_none()) {
        // No tasks (a listing of assignments only): nothing to group.
        let mut out = items.to_vec();
        out.sort_by_cached_key(|a| list_key(*a, today));
        return out;
    }
    let present: HashSet<i64> = items.iter().map(|a| a.id()).collect();
    let hidden_parent = |a: &T| a.parent_id().filter(|p| !present.contains(p));
    let mut tops: Vec<&T> = items
        .iter()
        .copied()
        .filter(|a| a.parent_id().is_none_or(|p| !present.contains(&p)))
        .collect();
    tops.sort_by_cached_key(|a| list_key(*a, today));
    // The tasks of each assignment not listed, in list order.
    let mut stray: HashMap<i64, Vec<&T>> = HashMap::new();
    for top in &tops {
        if let Some(parent) = hidden_parent(top) {
            stray.entry(parent).or_default().push(top);
        }
    }
    let mut tasks_of: HashMap<i64, Vec<&T>> = HashMap::new();
    for item in items {
        if let Some(parent) = item.parent_id().filter(|p| present.contains(p)) {
            tasks_of.entry(parent).or_default().push(item);
        }
    }
    let mut out = Vec::with_capacity(items.len());
    let mut place = |top: &'a T, out: &mut Vec<&'a T>| {
        out.push(top);
        if let Some(mut tasks) = tasks_of.remove(&top.id()) {
            tasks.sort_by_cached_key(|a| list_key(*a, today));
            out.extend(tasks);
        }
    };
    for top in tops {
        match hidden_parent(top) {
            // The first of its assignment's tasks brings the rest.
            Some(parent) => {
                for task in stray.remove(&parent).unwrap_or_default() {
                    place(task, &mut out);
                }
            }
            None => place(top, &mut out),
        }
    }
    out
}

/// The assignment a dimmed line above a listed task names, if one goes
/// there: a task reads as one when it stands right under its assignment or
/// under another task of the same; otherwise (its assignment filtered out,
/// or listed elsewhere) the line above it names that assignment. `above`
/// is the row listed before it. Such a line is not a row: it is not
/// counted, and it cannot be chosen.
pub fn parent_line<T: Listable>(above: Option<&T>, row: &T) -> Option<i64> {
    let parent = row.parent_id()?;
    let under = above.is_some_and(|a| a.id() == parent || a.parent_id() == Some(parent));
    (!under).then_some(parent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;

    fn item(id: i64, due: Option<&str>, status: Status) -> Assignment {
        Assignment {
            id,
            year: 2023,
            title: format!("Oppdrag {id}"),
            lead_sector: "OUS".into(),
            owner: "Kari Nordmann".into(),
            due: due.map(|d| parse_date(d).unwrap()),
            status,
            version: 1,
            ..Assignment::placeholder()
        }
    }

    fn today() -> Today {
        Today(parse_date("2023-09-20").unwrap())
    }

    #[test]
    fn a_search_typed_on_narrows_and_anything_else_does_not() {
        let search = |s: &str| Filter {
            search: Some(s.into()),
            overdue_only: true,
            ..Filter::default()
        };
        let none = Filter {
            overdue_only: true,
            ..Filter::default()
        };
        assert!(search("pl").narrows(&search("p")));
        assert!(search("P l").narrows(&search("p")));
        assert!(search("p").narrows(&none));
        assert!(search("p").narrows(&search("p")));
        assert!(
            !search("p").narrows(&search("pl")),
            "deleting a character widens"
        );
        assert!(!search("xp").narrows(&search("p")));
        assert!(!none.narrows(&search("p")));
        let other = Filter {
            sector: Some("OUS".into()),
            ..search("pl")
        };
        assert!(!other.narrows(&search("p")), "another condition changed");
        // Lowercase forms that are not prefixes of each other (a final sigma).
        assert!(!search("ΑΣΑ").narrows(&search("ΑΣ")));
        // Every word of the earlier search lies inside one of the later.
        let items: Vec<Assignment> = (1..=4)
            .map(|i| {
                let mut a = item(i, Some("2023-01-01"), Status::InProgress);
                a.title = ["plan for", "plass", "opplæring", "pl an"][i as usize - 1].into();
                a
            })
            .collect();
        let passing = |f: &Filter| -> Vec<i64> {
            items
                .iter()
                .filter(|a| f.matches(a, today()))
                .map(|a| a.id)
                .collect()
        };
        let typed = ["p", "pl", "pla", "plan", "plan ", "plan f", "plan fo"];
        for pair in typed.windows(2) {
            let (before, after) = (search(pair[0]), search(pair[1]));
            assert!(after.narrows(&before), "{pair:?}");
            let (was, now) = (passing(&before), passing(&after));
            assert!(now.iter().all(|id| was.contains(id)), "{pair:?}");
        }
    }

    #[test]
    fn overdue_first_by_most_days_then_by_deadline() {
        let list = [
            item(1, Some("2023-12-31"), Status::InProgress),
            item(2, Some("2023-08-31"), Status::InProgress),
            item(3, None, Status::NotStarted),
            item(4, Some("2023-04-30"), Status::InProgress),
            item(5, Some("2023-04-30"), Status::Done),
            item(6, Some("2023-10-01"), Status::NotStarted),
        ];
        let refs: Vec<&Assignment> = list.iter().collect();
        let ids: Vec<i64> = ordered_with_tasks(&refs, today())
            .iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, vec![4, 2, 5, 6, 1, 3]);
    }

    #[test]
    fn tasks_follow_their_parent() {
        let mut task = item(9, Some("2023-01-01"), Status::NotStarted);
        task.parent_id = Some(1);
        let list = [
            item(1, Some("2023-12-31"), Status::InProgress),
            item(2, Some("2023-11-01"), Status::InProgress),
            task,
        ];
        let refs: Vec<&Assignment> = list.iter().collect();
        let ids: Vec<i64> = ordered_with_tasks(&refs, today())
            .iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, vec![2, 1, 9]);
    }

    #[test]
    fn tasks_of_a_hidden_assignment_stay_together_under_one_line_naming_it() {
        let task = |id, due, parent| {
            let mut t = item(id, Some(due), Status::InProgress);
            t.parent_id = Some(parent);
            t
        };
        // Assignment 7 is filtered out; its tasks 8 and 9 are due far apart.
        let list = [
            item(1, Some("2023-06-01"), Status::InProgress),
            task(8, "2023-05-01", 7),
            item(2, Some("2023-07-01"), Status::InProgress),
            task(9, "2023-09-01", 7),
            task(3, "2023-08-01", 1),
        ];
        let refs: Vec<&Assignment> = list.iter().collect();
        let ordered = ordered_with_tasks(&refs, today());
        let ids: Vec<i64> = ordered.iter().map(|a| a.id).collect();
        assert_eq!(ids, vec![8, 9, 1, 3, 2]);
        let lines: Vec<Option<i64>> = (0..ordered.len())
            .map(|i| parent_line(i.checked_sub(1).map(|j| ordered[j]), ordered[i]))
            .collect();
        assert_eq!(lines, vec![Some(7), None, None, None, None]);
        // A task listed away from its assignment (grouped otherwise) names it.
        assert_eq!(parent_line(Some(&list[2]), &list[4]), Some(1));
        assert_eq!(parent_line(None, &list[0]), None);
    }

    #[test]
    fn tasks_are_grouped_once_not_looked_up_per_row() {
        // 50 000 assignments with a task each: scanning every item for each
        // assignment's tasks took minutes here; grouping takes a moment.
        let n = 50_000;
        let mut list: Vec<Assignment> = (1..=n)
            .map(|id| item(id, Some("2023-10-01"), Status::InProgress))
            .collect();
        list.extend((1..=n).map(|parent| {
            let mut task = item(n + parent, Some("2023-11-01"), Status::NotStarted);
            task.parent_id = Some(parent);
            task
        }));
        // A task whose assignment is not in the list stands on its own.
        let mut orphan = item(3 * n, Some("2023-01-01"), Status::InProgress);
        orphan.parent_id = Some(4 * n);
        list.push(orphan);
        let refs: Vec<&Assignment> = list.iter().collect();
        let started = std::time::Instant::now();
        let ordered = ordered_with_tasks(&refs, today());
        let took = started.elapsed();
        assert!(took < std::time::Duration::from_secs(5), "took {took:?}");
        assert_eq!(ordered.len(), list.len());
        assert_eq!(ordered[0].id, 3 * n, "the overdue orphan first");
        for pair in ordered[1..].chunks(2) {
            assert_eq!(pair[1].parent_id, Some(pair[0].id));
        }
    }

    #[test]
    fn filter_combines_conditions_and_searches_words() {
        let a = item(1, Some("2023-05-01"), Status::InProgress);
        let t = today();
        assert!(Filter {
            sector: Some("OUS".into()),
            overdue_only: true,
            ..Default::default()
        }
        .matches(&a, t));
        assert!(!Filter {
            sector: Some("TEK".into()),
            ..Default::default()
        }
        .matches(&a, t));
        assert!(!Filter {
            status: Some(Status::Done),
            ..Default::default()
        }
        .matches(&a, t));
        assert!(Filter {
            search: Some("nordmann oppdrag".into()),
            ..Default::default()
        }
        .matches(&a, t));
        assert!(!Filter {
            search: Some("nordmann skole".into()),
            ..Default::default()
        }
        .matches(&a, t));
        assert!(!Filter {
            goals: Some(HashSet::from([3])),
            ..Default::default()
        }
        .matches(&a, t));
        let with_comment = Surroundings {
            parent: None,
            comments: "Ringt rektor",
        };
        let search = Filter {
            search: Some("rektor".into()),
            ..Default::default()
        };
        assert!(search.matches_in(&a, with_comment, t) && !search.matches(&a, t));
    }

    #[test]
    fn a_task_is_judged_by_its_assignments_goal() {
        let mut parent = item(1, None, Status::InProgress);
        parent.goal_id = Some(3);
        let mut task = item(2, None, Status::InProgress);
        task.parent_id = Some(1);
        let filter = Filter {
            goals: Some(HashSet::from([3])),
            ..Default::default()
        };
        let around = Surroundings {
            parent: Some(&parent),
            comments: "",
        };
        assert!(filter.matches_in(&task, around, today()));
        assert!(!filter.matches(&task, today()));
    }
}
