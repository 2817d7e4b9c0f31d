//! What the screens draw from the list rows, computed once per change of
//! the rows or the data rather than once per frame.

use super::super::data::{ListOrder, ListRow, Snapshot};
use crate::domain::Today;

/// An assignment's deadline as the wheel draws it. The title and sector
/// are looked up when it is listed: there can be tens of thousands of
/// deadlines, and a list shows a screenful.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The assignment's id.
    pub id: i64,
    pub date: chrono::NaiveDate,
    pub overdue: bool,
}

impl Deadline {
    /// The deadline of an assignment, if it has one.
    pub fn of(assignment: &crate::domain::Assignment, today: Today) -> Option<Deadline> {
        Some(Deadline {
            id: assignment.id,
            date: assignment.due?,
            overdue: assignment.is_overdue(today),
        })
    }
}

/// Figures and marks derived from the list rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// The deadlines of the assignments in the list, for the wheel, by
    /// date, then by id.
    pub deadlines: Vec<Deadline>,
    /// How many of the rows are assignments (not tasks): the list's count.
    pub assignments: usize,
}

impl Derived {
    /// Derives from the rows as they are now: one pass over the rows and
    /// one over the assignments already in date order, no sort.
    pub fn of(data: &Snapshot, order: &ListOrder, rows: &[ListRow], today: Today) -> Derived {
        let mut shown = vec![false; data.assignments.len()];
        let mut derived = Derived::default();
        for row in rows {
            if let Some(a) = data.assignments.get(row.at) {
                shown[row.at] = true;
                if !a.is_task() {
                    derived.assignments += 1;
                }
            }
        }
        derived.deadlines = order
            .by_date()
            .iter()
            .filter(|at| shown[**at])
            .filter_map(|at| Deadline::of(&data.assignments[*at], today))
            .collect();
        derived
    }
}
