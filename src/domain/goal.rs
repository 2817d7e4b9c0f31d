//! The goal tree (målstruktur): satsingsområde → hovedmål → delmål.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::Lang;

/// The level of a goal in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalKind {
    /// Satsingsområde.
    FocusArea,
    /// Hovedmål.
    MainGoal,
    /// Delmål: the level assignments link to, with responsible sectors.
    SubGoal,
}

impl GoalKind {
    /// The stable name in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            GoalKind::FocusArea => "focus-area",
            GoalKind::MainGoal => "main-goal",
            GoalKind::SubGoal => "sub-goal",
        }
    }

    /// The word for the level.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Nb, GoalKind::FocusArea) => "Satsingsområde",
            (Lang::Nb, GoalKind::MainGoal) => "Hovedmål",
            (Lang::Nb, GoalKind::SubGoal) => "Delmål",
            (Lang::En, GoalKind::FocusArea) => "Focus area",
            (Lang::En, GoalKind::MainGoal) => "Main goal",
            (Lang::En, GoalKind::SubGoal) => "Sub-goal",
        }
    }

    /// Parses a stable name.
    pub fn parse(text: &str) -> Option<GoalKind> {
        [GoalKind::FocusArea, GoalKind::MainGoal, GoalKind::SubGoal]
            .into_iter()
            .find(|k| k.as_str() == text)
    }

    /// The kind a child of this goal has, if it may have children.
    pub fn child(self) -> Option<GoalKind> {
        match self {
            GoalKind::FocusArea => Some(GoalKind::MainGoal),
            GoalKind::MainGoal => Some(GoalKind::SubGoal),
            GoalKind::SubGoal => None,
        }
    }
}

/// One node of the goal tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: GoalKind,
    /// A short label such as "1.2.1", for people.
    pub code: String,
    pub title: String,
    /// Responsible sectors (ansvar); set on delmål.
    pub sectors: Vec<String>,
    pub position: i64,
}

/// The goals indexed for walking the tree.
#[derive(Debug, Clone, Default)]
pub struct GoalTree {
    goals: Vec<Goal>,
    index: HashMap<i64, usize>,
    children: HashMap<Option<i64>, Vec<i64>>,
}

impl GoalTree {
    /// Builds the tree; children keep the order of `position`, then id.
    pub fn new(mut goals: Vec<Goal>) -> Self {
        goals.sort_by_key(|g| (g.position, g.id));
        let index = goals.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
        let mut children: HashMap<Option<i64>, Vec<i64>> = HashMap::new();
        for goal in &goals {
            children.entry(goal.parent_id).or_default().push(goal.id);
        }
        GoalTree {
            goals,
            index,
            children,
        }
    }

    /// A goal by id.
    pub fn get(&self, id: i64) -> Option<&Goal> {
        self.index.get(&id).map(|&i| &self.goals[i])
    }

    /// The children of a goal (`None`: the focus areas).
    pub fn children(&self, parent: Option<i64>) -> impl Iterator<Item = &Goal> {
        self.children
            .get(&parent)
            .into_iter()
            .flatten()
            .filter_map(|id| self.get(*id))
    }

    /// Every goal in tree order (depth first), with its depth.
    pub fn walk(&self) -> Vec<(usize, &Goal)> {
        let mut out = Vec::with_capacity(self.goals.len());
        let mut seen = HashSet::new();
        self.walk_from(None, 0, &mut out, &mut seen);
        out
    }

    fn walk_from<'a>(
        &'a self,
        parent: Option<i64>,
        depth: usize,
        out: &mut Vec<(usize, &'a Goal)>,
        seen: &mut HashSet<i64>,
    ) {
        for goal in self.children(parent) {
            // A cycle cannot be stored through the tool; guard anyway.
            if seen.insert(goal.id) {
                out.push((depth, goal));
                self.walk_from(Some(goal.id), depth + 1, out, seen);
            }
        }
    }

    /// The path from the focus area down to this goal: the red thread.
    pub fn path(&self, id: i64) -> Vec<&Goal> {
        let mut path = Vec::new();
        let mut next = self.get(id);
        while let Some(goal) = next {
            if path.iter().any(|g: &&Goal| g.id == goal.id) {
                break;
            }
            path.push(goal);
            next = goal.parent_id.and_then(|p| self.get(p));
        }
        path.reverse();
        path
    }

    /// The ids of a goal and everything below it.
    pub fn subtree(&self, id: i64) -> HashSet<i64> {
        let mut ids = HashSet::new();
        let mut stack = vec![id];
        while let Some(next) = stack.pop() {
            if self.get(next).is_some() && ids.insert(next) {
                stack.extend(self.children(Some(next)).map(|g| g.id));
            }
        }
        ids
    }

    /// Whether a sector is responsible for this goal or any goal below it.
    pub fn involves_sector(&self, id: i64, sector: &str) -> bool {
        self.subtree(id)
            .iter()
            .filter_map(|g| self.get(*g))
            .any(|g| g.sectors.iter().any(|s| s == sector))
    }

    /// All goals, sorted by position.
    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn goal(id: i64, parent: Option<i64>, kind: GoalKind, sectors: &[&str]) -> Goal {
        Goal {
            id,
            parent_id: parent,
            kind,
            code: id.to_string(),
            title: format!("goal {id}"),
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            position: id,
        }
    }

    pub(crate) fn small_tree() -> GoalTree {
        GoalTree::new(vec![
            goal(1, None, GoalKind::FocusArea, &[]),
            goal(2, Some(1), GoalKind::MainGoal, &[]),
            goal(3, Some(2), GoalKind::SubGoal, &["HOM", "OUS"]),
            goal(4, Some(2), GoalKind::SubGoal, &["TEK"]),
            goal(5, None, GoalKind::FocusArea, &[]),
            goal(6, Some(5), GoalKind::MainGoal, &[]),
            goal(7, Some(6), GoalKind::SubGoal, &["KUL"]),
        ])
    }

    #[test]
    fn walks_depth_first_in_order() {
        let tree = small_tree();
        let walked: Vec<(usize, i64)> = tree.walk().iter().map(|(d, g)| (*d, g.id)).collect();
        assert_eq!(
            walked,
            vec![(0, 1), (1, 2), (2, 3), (2, 4), (0, 5), (1, 6), (2, 7)]
        );
    }

    #[test]
    fn path_runs_from_focus_area_to_goal() {
        let tree = small_tree();
        let ids: Vec<i64> = tree.path(4).iter().map(|g| g.id).collect();
        assert_eq!(ids, vec![1, 2, 4]);
        assert!(tree.path(99).is_empty());
    }

    #[test]
    fn subtree_and_sector_involvement() {
        let tree = small_tree();
        assert_eq!(tree.subtree(2), HashSet::from([2, 3, 4]));
        assert!(tree.involves_sector(1, "TEK"));
        assert!(!tree.involves_sector(5, "TEK"));
        assert!(tree.involves_sector(7, "KUL"));
    }
}
