//! What the screens draw from the list rows, computed once per change of
//! the rows or the data rather than once per frame.

use super::super::data::{ListRow, Snapshot};
use crate::domain::wheel::Deadline;
use crate::domain::Today;

/// Figures and marks derived from the list rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// The deadlines of the assignments in the list, for the wheel.
    pub deadlines: Vec<Deadline>,
    /// How many of the rows are assignments (not tasks): the list's count.
    pub assignments: usize,
}

impl Derived {
    /// Derives from the rows as they are now.
    pub fn of(data: &Snapshot, rows: &[ListRow], today: Today) -> Derived {
        let mut derived = Derived::default();
        for a in rows.iter().filter_map(|r| data.assignment(r.id)) {
            if !a.is_task() {
                derived.assignments += 1;
            }
            derived.deadlines.extend(Deadline::of(a, today));
        }
        derived
    }
}
