//! The goal tree (målstruktur): satsingsområde → hovedmål → delmål.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::assignment::split_sectors;
use super::catalog::{Entity, Logged};
use super::DomainError;

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
    /// Taken out of the goal structure: kept for history, not shown in the tree.
    #[serde(default)]
    pub retired: bool,
}

impl Goal {
    /// Checks what every stored goal must satisfy, apart from references.
    pub fn validate(&self) -> Result<(), DomainError> {
        if self.title.trim().is_empty() {
            return Err(DomainError::EmptyTitle);
        }
        if self.code.trim().is_empty() {
            return Err(DomainError::InvalidValue {
                field: "code".into(),
                value: String::new(),
            });
        }
        Ok(())
    }
}

/// A goal, as a rule names it: its id and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalName {
    pub id: i64,
    pub code: String,
}

impl GoalName {
    /// The id and code of a goal.
    pub fn of(goal: &Goal) -> GoalName {
        GoalName {
            id: goal.id,
            code: goal.code.clone(),
        }
    }
}

/// A rule of the goal tree that a change would break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalRule {
    /// A satsingsområde cannot move: it is the top of the tree.
    FocusAreaMoved,
    /// A hovedmål or delmål moved to the top, with no parent.
    NeedsParent(GoalKind),
    /// A goal moved under a goal of the wrong level.
    WrongParent {
        kind: GoalKind,
        parent: GoalName,
        parent_kind: GoalKind,
    },
    /// A delmål was given a goal under it.
    SubGoalHasNoChildren(i64),
    /// A retired goal was given a goal under it.
    ParentRetired(GoalName),
    /// Retiring or taking back a goal that already is so.
    AlreadySo { goal: GoalName, retired: bool },
    /// Retiring a goal that open assignments (ids) still serve.
    OpenAssignments {
        goal: GoalName,
        assignments: Vec<i64>,
    },
    /// Taking back a goal whose parent is retired.
    UnderRetired { id: i64, parent: GoalName },
    /// A goal without a title.
    NoTitle,
    /// A goal without a code; its title.
    NoCode { title: String },
    /// A code with control characters.
    CodeNotPrintable { code: String },
    /// A code another goal in use has; that goal's id and title.
    CodeTaken {
        code: String,
        other: i64,
        other_title: String,
    },
    /// A code that does not fit the goal's place in the tree: a
    /// satsingsområde is `N`, a goal under `P` is `P.N`. With the level and
    /// the next free code there (whose start is the parent's code).
    CodeOutOfPlace {
        code: String,
        kind: GoalKind,
        suggested: String,
    },
    /// An assignment linked to a goal that is not a delmål.
    LinkNotSubGoal { goal: i64, kind: GoalKind },
    /// An assignment newly linked to a retired goal.
    LinkRetired(i64),
}

/// The level a new goal under `parent` (a satsingsområde when `None`) gets:
/// the parent must be in use and not a delmål.
pub fn level_under(parent: Option<&Goal>) -> Result<GoalKind, DomainError> {
    let Some(parent) = parent else {
        return Ok(GoalKind::FocusArea);
    };
    check_parent_in_use(parent)?;
    parent
        .kind
        .child()
        .ok_or_else(|| GoalRule::SubGoalHasNoChildren(parent.id).into())
}

/// Whether a goal can take a goal under it, as far as retiring goes.
pub fn check_parent_in_use(parent: &Goal) -> Result<(), DomainError> {
    if parent.retired {
        return Err(GoalRule::ParentRetired(GoalName::of(parent)).into());
    }
    Ok(())
}

/// Whether a goal of `kind` may move under `parent` (`None`: to the top).
/// A move keeps the level: a delmål goes under another hovedmål.
pub fn check_move(kind: GoalKind, parent: Option<&Goal>) -> Result<(), DomainError> {
    match (kind, parent) {
        (GoalKind::FocusArea, _) => Err(GoalRule::FocusAreaMoved.into()),
        (kind, None) => Err(GoalRule::NeedsParent(kind).into()),
        (kind, Some(parent)) => {
            check_parent_in_use(parent)?;
            if parent.kind.child() == Some(kind) {
                Ok(())
            } else {
                Err(GoalRule::WrongParent {
                    kind,
                    parent: GoalName::of(parent),
                    parent_kind: parent.kind,
                }
                .into())
            }
        }
    }
}

/// A title, a printable code, and no other goal in use with the same code.
pub fn check_text(goal: &Goal, goals: &[Goal]) -> Result<(), DomainError> {
    if goal.title.is_empty() {
        return Err(GoalRule::NoTitle.into());
    }
    if goal.code.is_empty() {
        return Err(GoalRule::NoCode {
            title: goal.title.clone(),
        }
        .into());
    }
    if !super::text::printable(&goal.code) {
        return Err(GoalRule::CodeNotPrintable {
            code: goal.code.clone(),
        }
        .into());
    }
    if let Some(other) = goals
        .iter()
        .find(|g| g.id != goal.id && !g.retired && g.code == goal.code)
    {
        return Err(GoalRule::CodeTaken {
            code: goal.code.clone(),
            other: other.id,
            other_title: other.title.clone(),
        }
        .into());
    }
    Ok(())
}

/// The number a code adds to its parent's: `3` in `1.2.3` under `1.2`, or in
/// `3` at the top. A positive whole number without leading zeros.
fn own_number(code: &str, parent_code: Option<&str>) -> Option<u32> {
    let own = match parent_code {
        Some(parent) => code.strip_prefix(parent)?.strip_prefix('.')?,
        None => code,
    };
    let digits = !own.is_empty() && own.len() <= 4 && own.bytes().all(|b| b.is_ascii_digit());
    (digits && !own.starts_with('0')).then(|| own.parse().ok())?
}

/// The next free code under `parent` (a satsingsområde's when `None`): one
/// past the highest number used there by a goal in use, skipping any code
/// in use elsewhere.
pub fn next_free_code(parent: Option<&Goal>, goals: &[Goal]) -> String {
    let parent_code = parent.map(|p| p.code.as_str());
    let live = || goals.iter().filter(|g| !g.retired);
    let highest = live()
        .filter(|g| g.parent_id == parent.map(|p| p.id))
        .filter_map(|g| own_number(&g.code, parent_code))
        .max()
        .unwrap_or(0);
    let code_of = |n: u32| match parent_code {
        Some(p) => format!("{p}.{n}"),
        None => n.to_string(),
    };
    (highest + 1..)
        .map(code_of)
        .find(|code| !live().any(|g| &g.code == code))
        .expect("some number is free")
}

/// Whether the code of `goal` fits its place under `parent` (`None`: at the
/// top): `2`, `2.1`, `2.1.3`. The refusal names the next free code.
pub fn check_code_place(
    goal: &Goal,
    parent: Option<&Goal>,
    goals: &[Goal],
) -> Result<(), DomainError> {
    if own_number(&goal.code, parent.map(|p| p.code.as_str())).is_some() {
        return Ok(());
    }
    let others: Vec<Goal> = goals.iter().filter(|g| g.id != goal.id).cloned().collect();
    Err(GoalRule::CodeOutOfPlace {
        code: goal.code.clone(),
        kind: goal.kind,
        suggested: next_free_code(parent, &others),
    }
    .into())
}

/// Whether `goal` may be retired (`retired`) or taken back in: not already
/// so; retired only when no open assignment (`open`, ids) serves it or a
/// goal below it; taken back only when its parent is in use.
pub fn check_retire(
    goal: &Goal,
    retired: bool,
    open: &[i64],
    parent: Option<&Goal>,
) -> Result<(), DomainError> {
    if goal.retired == retired {
        return Err(GoalRule::AlreadySo {
            goal: GoalName::of(goal),
            retired,
        }
        .into());
    }
    if retired && !open.is_empty() {
        return Err(GoalRule::OpenAssignments {
            goal: GoalName::of(goal),
            assignments: open.to_vec(),
        }
        .into());
    }
    if let Some(parent) = parent.filter(|p| !retired && p.retired) {
        return Err(GoalRule::UnderRetired {
            id: goal.id,
            parent: GoalName::of(parent),
        }
        .into());
    }
    Ok(())
}

/// Whether an assignment may link to goal `id` of `kind`: only a delmål.
pub fn check_link_level(id: i64, kind: GoalKind) -> Result<(), DomainError> {
    match kind {
        GoalKind::SubGoal => Ok(()),
        kind => Err(GoalRule::LinkNotSubGoal { goal: id, kind }.into()),
    }
}

/// Whether an assignment may newly link to goal `id`: not a retired one
/// (a link made before it was retired may stay).
pub fn check_link_in_use(id: i64, retired: bool) -> Result<(), DomainError> {
    if retired {
        return Err(GoalRule::LinkRetired(id).into());
    }
    Ok(())
}

impl Logged for Goal {
    const ENTITY: Entity = Entity::Goal;
    const FIELDS: &'static [&'static str] = &[
        "parent", "kind", "code", "title", "sectors", "position", "retired",
    ];

    fn id(&self) -> i64 {
        self.id
    }

    fn set_id(&mut self, id: i64) {
        self.id = id;
    }

    fn value(&self, field: &str) -> Option<String> {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match field {
            "parent" => self.parent_id.map(|p| p.to_string()),
            "kind" => Some(self.kind.as_str().to_string()),
            "code" => text(&self.code),
            "title" => text(&self.title),
            "sectors" => text(&self.sectors.join(",")),
            "position" => Some(self.position.to_string()),
            "retired" => Some(self.retired.to_string()),
            _ => None,
        }
    }

    fn set(&mut self, field: &str, value: Option<&str>) -> Result<(), DomainError> {
        let invalid = || DomainError::InvalidValue {
            field: field.to_string(),
            value: value.unwrap_or_default().to_string(),
        };
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let number = |v: Option<&str>| {
            v.map(|v| v.parse::<i64>().map_err(|_| invalid()))
                .transpose()
        };
        match field {
            "parent" => self.parent_id = number(value)?,
            "kind" => self.kind = value.and_then(GoalKind::parse).ok_or_else(invalid)?,
            "code" => self.code = value.ok_or_else(invalid)?.to_string(),
            "title" => self.title = value.ok_or(DomainError::EmptyTitle)?.to_string(),
            "sectors" => self.sectors = split_sectors(value.unwrap_or_default()),
            "position" => self.position = number(value)?.ok_or_else(invalid)?,
            "retired" => {
                self.retired = match value {
                    Some("true") => true,
                    Some("false") => false,
                    _ => return Err(invalid()),
                }
            }
            _ => return Err(DomainError::UnknownField(field.to_string())),
        }
        Ok(())
    }
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

    /// Every goal in tree order (depth first), with its depth; retired
    /// goals and what lies below them are left out.
    pub fn walk(&self) -> Vec<(usize, &Goal)> {
        self.walk_all()
            .into_iter()
            .scan(None::<usize>, |hidden_below, (depth, goal)| {
                if hidden_below.is_some_and(|d| depth > d) {
                    return Some(None);
                }
                *hidden_below = goal.retired.then_some(depth);
                Some((!goal.retired).then_some((depth, goal)))
            })
            .flatten()
            .collect()
    }

    /// Every goal in tree order, retired ones included.
    pub fn walk_all(&self) -> Vec<(usize, &Goal)> {
        let mut out = Vec::with_capacity(self.goals.len());
        let mut seen = HashSet::new();
        self.walk_from(None, 0, &mut out, &mut seen);
        out
    }

    /// A goal by its code, preferring one that is not retired.
    pub fn by_code(&self, code: &str) -> Option<&Goal> {
        let code = code.trim();
        let mut matching = self.goals.iter().filter(|g| g.code == code);
        let first = matching.clone().next();
        matching.find(|g| !g.retired).or(first)
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
mod rule_tests {
    use super::*;

    fn goal(id: i64, kind: GoalKind, code: &str) -> Goal {
        Goal {
            id,
            parent_id: None,
            kind,
            code: code.into(),
            title: format!("Mål {code}"),
            sectors: Vec::new(),
            position: id,
            retired: false,
        }
    }

    #[test]
    fn codes_fit_their_place_and_the_next_free_one_is_suggested() {
        let focus = goal(1, GoalKind::FocusArea, "2");
        let mut main = goal(2, GoalKind::MainGoal, "2.1");
        main.parent_id = Some(1);
        let mut sub = goal(3, GoalKind::SubGoal, "2.1.1");
        sub.parent_id = Some(2);
        let mut sub2 = goal(4, GoalKind::SubGoal, "2.1.3");
        sub2.parent_id = Some(2);
        let mut gone = goal(5, GoalKind::SubGoal, "2.1.4");
        gone.parent_id = Some(2);
        gone.retired = true;
        let goals = vec![focus.clone(), main.clone(), sub, sub2, gone];
        assert_eq!(next_free_code(None, &goals), "3");
        assert_eq!(next_free_code(Some(&focus), &goals), "2.2");
        // One past the highest in use; a retired goal's code is free again.
        assert_eq!(next_free_code(Some(&main), &goals), "2.1.4");
        let new_under = |code: &str, kind, parent: Option<&Goal>| {
            let mut g = goal(9, kind, code);
            g.parent_id = parent.map(|p| p.id);
            check_code_place(&g, parent, &goals)
        };
        assert_eq!(new_under("3", GoalKind::FocusArea, None), Ok(()));
        assert_eq!(new_under("2.2", GoalKind::MainGoal, Some(&focus)), Ok(()));
        assert_eq!(new_under("2.1.12", GoalKind::SubGoal, Some(&main)), Ok(()));
        for (code, kind, parent, suggested) in [
            (".", GoalKind::FocusArea, None, "3"),
            ("1.", GoalKind::FocusArea, None, "3"),
            ("2.1", GoalKind::FocusArea, None, "3"),
            ("0", GoalKind::FocusArea, None, "3"),
            ("2.", GoalKind::MainGoal, Some(&focus), "2.2"),
            ("2.01", GoalKind::MainGoal, Some(&focus), "2.2"),
            ("3.1", GoalKind::MainGoal, Some(&focus), "2.2"),
            ("2.1", GoalKind::SubGoal, Some(&main), "2.1.4"),
            ("2.1.x", GoalKind::SubGoal, Some(&main), "2.1.4"),
            ("2.1.1.1", GoalKind::SubGoal, Some(&main), "2.1.4"),
        ] {
            assert_eq!(
                new_under(code, kind, parent),
                Err(GoalRule::CodeOutOfPlace {
                    code: code.into(),
                    kind,
                    suggested: suggested.into(),
                }
                .into()),
                "{code}"
            );
        }
    }

    #[test]
    fn each_level_goes_under_the_one_above() {
        let focus = goal(1, GoalKind::FocusArea, "1");
        let main = goal(2, GoalKind::MainGoal, "1.1");
        let sub = goal(3, GoalKind::SubGoal, "1.1.1");
        assert_eq!(level_under(None), Ok(GoalKind::FocusArea));
        assert_eq!(level_under(Some(&focus)), Ok(GoalKind::MainGoal));
        assert_eq!(level_under(Some(&main)), Ok(GoalKind::SubGoal));
        assert_eq!(
            level_under(Some(&sub)),
            Err(GoalRule::SubGoalHasNoChildren(3).into())
        );
        let mut retired = main.clone();
        retired.retired = true;
        assert_eq!(
            level_under(Some(&retired)),
            Err(GoalRule::ParentRetired(GoalName::of(&retired)).into())
        );
        assert_eq!(check_move(GoalKind::SubGoal, Some(&main)), Ok(()));
        assert_eq!(
            check_move(GoalKind::FocusArea, Some(&main)),
            Err(GoalRule::FocusAreaMoved.into())
        );
        assert_eq!(
            check_move(GoalKind::MainGoal, None),
            Err(GoalRule::NeedsParent(GoalKind::MainGoal).into())
        );
        assert_eq!(
            check_move(GoalKind::SubGoal, Some(&focus)),
            Err(GoalRule::WrongParent {
                kind: GoalKind::SubGoal,
                parent: GoalName::of(&focus),
                parent_kind: GoalKind::FocusArea
            }
            .into())
        );
    }

    #[test]
    fn codes_are_present_printable_and_unique_among_live_goals() {
        let mut other = goal(1, GoalKind::FocusArea, "1");
        let mut new = goal(2, GoalKind::FocusArea, "1");
        assert!(matches!(
            check_text(&new, std::slice::from_ref(&other)),
            Err(DomainError::Goal(GoalRule::CodeTaken { other: 1, .. }))
        ));
        other.retired = true;
        assert_eq!(check_text(&new, &[other]), Ok(()));
        new.code = "1\x1b".into();
        assert!(matches!(
            check_text(&new, &[]),
            Err(DomainError::Goal(GoalRule::CodeNotPrintable { .. }))
        ));
        new.code.clear();
        assert!(matches!(
            check_text(&new, &[]),
            Err(DomainError::Goal(GoalRule::NoCode { .. }))
        ));
        new.title.clear();
        assert_eq!(check_text(&new, &[]), Err(GoalRule::NoTitle.into()));
    }

    #[test]
    fn retiring_needs_no_open_assignments_and_taking_back_a_parent_in_use() {
        let mut parent = goal(1, GoalKind::FocusArea, "1");
        let mut main = goal(2, GoalKind::MainGoal, "1.1");
        assert_eq!(check_retire(&main, true, &[], Some(&parent)), Ok(()));
        assert!(matches!(
            check_retire(&main, true, &[5], Some(&parent)),
            Err(DomainError::Goal(GoalRule::OpenAssignments { .. }))
        ));
        assert!(matches!(
            check_retire(&main, false, &[], Some(&parent)),
            Err(DomainError::Goal(GoalRule::AlreadySo {
                retired: false,
                ..
            }))
        ));
        main.retired = true;
        parent.retired = true;
        assert!(matches!(
            check_retire(&main, false, &[], Some(&parent)),
            Err(DomainError::Goal(GoalRule::UnderRetired { id: 2, .. }))
        ));
        assert_eq!(check_link_level(3, GoalKind::SubGoal), Ok(()));
        assert_eq!(
            check_link_level(2, GoalKind::MainGoal),
            Err(GoalRule::LinkNotSubGoal {
                goal: 2,
                kind: GoalKind::MainGoal
            }
            .into())
        );
        assert_eq!(
            check_link_in_use(2, true),
            Err(GoalRule::LinkRetired(2).into())
        );
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
            retired: false,
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
    fn retired_goals_leave_the_walk_but_keep_their_path() {
        let mut goals = small_tree().goals().to_vec();
        goals.iter_mut().find(|g| g.id == 2).unwrap().retired = true;
        let tree = GoalTree::new(goals);
        let walked: Vec<i64> = tree.walk().iter().map(|(_, g)| g.id).collect();
        assert_eq!(walked, vec![1, 5, 6, 7]);
        assert_eq!(tree.walk_all().len(), 7);
        let ids: Vec<i64> = tree.path(4).iter().map(|g| g.id).collect();
        assert_eq!(ids, vec![1, 2, 4]);
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
