//! Counts per goal and per sector: how many assignments, how many overdue.

use std::collections::HashMap;

use serde::Serialize;

use super::{Assignment, GoalTree, Sector, Today};

/// How many assignments a goal or sector has, and how many are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Rollup {
    pub assignments: usize,
    pub overdue: usize,
}

impl Rollup {
    fn add(&mut self, assignment: &Assignment, today: Today) {
        self.assignments += 1;
        if assignment.is_overdue(today) {
            self.overdue += 1;
        }
    }
}

/// For every goal: the assignments (not tasks) linked to it or to a goal below it.
pub fn goal_rollups<'a>(
    tree: &GoalTree,
    assignments: impl IntoIterator<Item = &'a Assignment>,
    today: Today,
) -> HashMap<i64, Rollup> {
    let mut own: HashMap<i64, Rollup> = HashMap::new();
    for assignment in assignments.into_iter().filter(|a| !a.is_task()) {
        if let Some(goal_id) = assignment.goal_id {
            own.entry(goal_id).or_default().add(assignment, today);
        }
    }
    spread_up(tree, &own)
}

/// [`goal_rollups`] of each lead sector's assignments, in one pass.
pub fn goal_rollups_by_sector<'a>(
    tree: &GoalTree,
    assignments: impl IntoIterator<Item = &'a Assignment>,
    today: Today,
) -> HashMap<String, HashMap<i64, Rollup>> {
    let mut own: HashMap<&str, HashMap<i64, Rollup>> = HashMap::new();
    for assignment in assignments.into_iter().filter(|a| !a.is_task()) {
        if let Some(goal_id) = assignment.goal_id {
            own.entry(assignment.lead_sector.as_str())
                .or_default()
                .entry(goal_id)
                .or_default()
                .add(assignment, today);
        }
    }
    own.into_iter()
        .map(|(sector, own)| (sector.to_string(), spread_up(tree, &own)))
        .collect()
}

/// Every goal's rollup from the counts of the goals assignments link to:
/// each count goes to its goal and every goal above it. Counting per goal
/// first keeps the walk up the tree to once per goal, not per assignment.
fn spread_up(tree: &GoalTree, own: &HashMap<i64, Rollup>) -> HashMap<i64, Rollup> {
    let mut rollups: HashMap<i64, Rollup> = tree
        .goals()
        .iter()
        .map(|g| (g.id, Rollup::default()))
        .collect();
    for (goal_id, count) in own {
        for goal in tree.path(*goal_id) {
            if let Some(rollup) = rollups.get_mut(&goal.id) {
                rollup.assignments += count.assignments;
                rollup.overdue += count.overdue;
            }
        }
    }
    rollups
}

/// For every sector, in order: the assignments (not tasks) delegated to it.
pub fn sector_rollups<'a>(
    sectors: &[Sector],
    assignments: impl IntoIterator<Item = &'a Assignment>,
    today: Today,
) -> Vec<(String, Rollup)> {
    let mut rollups: Vec<(String, Rollup)> = sectors
        .iter()
        .map(|s| (s.code.clone(), Rollup::default()))
        .collect();
    for assignment in assignments.into_iter().filter(|a| !a.is_task()) {
        if let Some((_, rollup)) = rollups
            .iter_mut()
            .find(|(code, _)| *code == assignment.lead_sector)
        {
            rollup.add(assignment, today);
        }
    }
    rollups
}

/// All assignments (not tasks) together.
pub fn total<'a>(assignments: impl IntoIterator<Item = &'a Assignment>, today: Today) -> Rollup {
    let mut rollup = Rollup::default();
    for assignment in assignments.into_iter().filter(|a| !a.is_task()) {
        rollup.add(assignment, today);
    }
    rollup
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::parse_date;
    use crate::domain::goal::tests::small_tree;
    use crate::domain::Status;

    fn assignment(
        id: i64,
        sector: &str,
        goal: Option<i64>,
        due: &str,
        status: Status,
    ) -> Assignment {
        Assignment {
            id,
            year: 2023,
            title: format!("a{id}"),
            lead_sector: sector.into(),
            goal_id: goal,
            due: Some(parse_date(due).unwrap()),
            status,
            version: 1,
            ..Assignment::placeholder()
        }
    }

    fn today() -> Today {
        Today(parse_date("2023-09-20").unwrap())
    }

    #[test]
    fn goal_rollup_counts_the_subtree_and_skips_tasks() {
        let tree = small_tree();
        let mut task = assignment(4, "HOM", Some(3), "2023-01-01", Status::NotStarted);
        task.parent_id = Some(1);
        let list = vec![
            assignment(1, "HOM", Some(3), "2023-05-01", Status::InProgress),
            assignment(2, "TEK", Some(4), "2023-12-01", Status::InProgress),
            assignment(3, "TEK", Some(4), "2023-05-01", Status::Done),
            task,
        ];
        let rollups = goal_rollups(&tree, &list, today());
        assert_eq!(
            rollups[&3],
            Rollup {
                assignments: 1,
                overdue: 1
            }
        );
        assert_eq!(
            rollups[&4],
            Rollup {
                assignments: 2,
                overdue: 0
            }
        );
        assert_eq!(
            rollups[&2],
            Rollup {
                assignments: 3,
                overdue: 1
            }
        );
        assert_eq!(
            rollups[&1],
            Rollup {
                assignments: 3,
                overdue: 1
            }
        );
        assert_eq!(
            rollups[&7],
            Rollup::default(),
            "an unserved delmål counts zero"
        );
    }

    #[test]
    fn goal_rollups_by_sector_are_each_sectors_own() {
        let tree = small_tree();
        let list = vec![
            assignment(1, "HOM", Some(3), "2023-05-01", Status::InProgress),
            assignment(2, "TEK", Some(4), "2023-12-01", Status::InProgress),
            assignment(3, "TEK", Some(4), "2023-05-01", Status::Done),
            assignment(5, "TEK", Some(3), "2023-05-01", Status::NotStarted),
        ];
        let by_sector = goal_rollups_by_sector(&tree, &list, today());
        for (code, rollups) in &by_sector {
            let own: Vec<&Assignment> = list.iter().filter(|a| a.lead_sector == *code).collect();
            assert_eq!(*rollups, goal_rollups(&tree, own, today()), "{code}");
        }
        assert_eq!(by_sector.len(), 2);
        assert_eq!(
            by_sector["TEK"][&2],
            Rollup {
                assignments: 3,
                overdue: 1
            }
        );
    }

    #[test]
    fn sector_rollup_follows_sector_order() {
        let sectors: Vec<Sector> = ["SOS", "TEK"]
            .iter()
            .enumerate()
            .map(|(i, c)| Sector {
                code: c.to_string(),
                name: c.to_string(),
                position: i as i64,
            })
            .collect();
        let list = vec![
            assignment(1, "TEK", None, "2023-05-01", Status::InProgress),
            assignment(2, "TEK", None, "2023-12-01", Status::NotStarted),
        ];
        let rollups = sector_rollups(&sectors, &list, today());
        assert_eq!(rollups[0], ("SOS".to_string(), Rollup::default()));
        assert_eq!(
            rollups[1],
            (
                "TEK".to_string(),
                Rollup {
                    assignments: 2,
                    overdue: 1
                }
            )
        );
        assert_eq!(
            total(&list, today()),
            Rollup {
                assignments: 2,
                overdue: 1
            }
        );
    }
}
