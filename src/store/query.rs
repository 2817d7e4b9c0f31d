//! Listings narrowed in the database, so that only the rows a listing can
//! show are read and turned into assignments.

use super::db::params_from_iter;
use super::db::Row;
use chrono::NaiveDate;
use rusqlite::types::Value;

use super::rows::{self, ASSIGNMENT_COLUMNS, LISTED_COLUMNS};
use super::{Result, Store, StoreError};
use crate::domain::date::iso;
use crate::domain::filter::Listable;
use crate::domain::{Assessment, Assignment, Status};

/// Conditions the database checks itself. Each is also part of the domain's
/// [`crate::domain::filter::Filter`], which callers still apply: this only
/// spares reading rows that filter would drop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowing {
    /// Lead sector code, as stored.
    pub lead_sector: Option<String>,
    pub status: Option<Status>,
    pub year: Option<i32>,
    /// Overdue on this day: open, with a deadline before it.
    pub overdue_on: Option<NaiveDate>,
    /// Assignments only, no tasks.
    pub top_level_only: bool,
}

/// An assignment as a table listing reads it: the fields a table shows and
/// every condition but a search looks at. Description, other sectors,
/// source, expected completion and version are not read (a listing of
/// thousands of rows spares a dozen calls into SQLite per row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedAssignment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub year: i32,
    pub title: String,
    pub lead_sector: String,
    pub goal_id: Option<i64>,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub assessment: Option<Assessment>,
}

impl ListedAssignment {
    /// An empty one, to fill from a row.
    fn empty() -> ListedAssignment {
        ListedAssignment {
            id: 0,
            parent_id: None,
            year: 0,
            title: String::new(),
            lead_sector: String::new(),
            goal_id: None,
            owner: String::new(),
            due: None,
            status: Status::NotStarted,
            assessment: None,
        }
    }
}

impl Listable for ListedAssignment {
    fn title(&self) -> &str {
        &self.title
    }
    fn owner(&self) -> &str {
        &self.owner
    }
    fn assessment(&self) -> Option<Assessment> {
        self.assessment
    }
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
}

impl Narrowing {
    /// Whether the rows come by deadline, then id: overdue assignments,
    /// without tasks and with no other condition, which are read from the
    /// open-by-deadline index in that order. Other narrowings come in the
    /// order SQLite finds them (mostly by id).
    pub fn read_by_deadline(&self) -> bool {
        self.overdue_on.is_some()
            && self.top_level_only
            && self.lead_sector.is_none()
            && self.status.is_none()
            && self.year.is_none()
    }
}

/// The condition of the `assignments_open_by_due` index (migration 6),
/// word for word: assignments, not tasks, whose status is not closed.
const OPEN_BY_DUE: &str = "+parent_id IS NULL AND status IN ('not-started', 'in-progress')";

/// The condition of the `tasks_open_by_due` index (migration 10), word
/// for word: tasks whose status is not closed.
const OPEN_TASKS_BY_DUE: &str =
    "+parent_id IS NOT NULL AND status IN ('not-started', 'in-progress')";

impl Store {
    /// The assignments meeting every condition, ordered by id.
    pub fn assignments_narrowed(&self, narrowing: &Narrowing) -> Result<Vec<Assignment>> {
        let mut list = self.assignments_narrowed_as_read(narrowing)?;
        if !list.is_sorted_by_key(|a| a.id) {
            // By key: each assignment is moved once, not swapped about.
            list.sort_by_cached_key(|a| a.id);
        }
        Ok(list)
    }

    /// The same assignments in the order [`Store::each_narrowed`] reads
    /// them, for a caller that puts them in an order of its own.
    pub fn assignments_narrowed_as_read(&self, narrowing: &Narrowing) -> Result<Vec<Assignment>> {
        let mut list = Vec::new();
        self.each_narrowed(narrowing, |a| -> Result<()> {
            list.push(a.clone());
            Ok(())
        })?;
        Ok(list)
    }

    /// The listed fields of the assignments meeting every condition, in
    /// the order [`Store::each_listed`] reads them.
    pub fn listed_as_read(&self, narrowing: &Narrowing) -> Result<Vec<ListedAssignment>> {
        let mut list = Vec::new();
        self.each_listed(narrowing, |a| -> Result<()> {
            list.push(a.clone());
            Ok(())
        })?;
        Ok(list)
    }

    /// Hands each assignment meeting every condition to `each`, one at a
    /// time, without keeping them: by deadline, then id, when
    /// [`Narrowing::read_by_deadline`], else in the order SQLite finds
    /// them. The assignment handed over is one buffer refilled for every
    /// row, its texts copied into the same strings.
    pub fn each_narrowed<E: From<StoreError>>(
        &self,
        narrowing: &Narrowing,
        each: impl FnMut(&Assignment) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let buffer = Assignment::placeholder();
        self.each_row(
            narrowing,
            ASSIGNMENT_COLUMNS,
            buffer,
            rows::assignment_into,
            each,
        )
    }

    /// Like [`Store::each_narrowed`], with only the fields a table listing
    /// reads: one [`ListedAssignment`] refilled for every row.
    pub fn each_listed<E: From<StoreError>>(
        &self,
        narrowing: &Narrowing,
        each: impl FnMut(&ListedAssignment) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let buffer = ListedAssignment::empty();
        self.each_row(narrowing, LISTED_COLUMNS, buffer, rows::listed_into, each)
    }

    /// Reads `columns` of each narrowed row into `buffer` with `fill`, and
    /// hands the buffer to `each`.
    fn each_row<T, E: From<StoreError>>(
        &self,
        narrowing: &Narrowing,
        columns: &str,
        mut buffer: T,
        fill: fn(&Row, &mut T) -> rusqlite::Result<()>,
        mut each: impl FnMut(&T) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let (sql, values) = narrowed_sql(narrowing, columns);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(StoreError::from)?;
        let mut rows = stmt
            .query(params_from_iter(values))
            .map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            fill(&row, &mut buffer).map_err(StoreError::from)?;
            each(&buffer)?;
        }
        Ok(())
    }

    /// The assignments with these ids (unknown ids are left out), ordered by id.
    pub fn assignments_with_ids(&self, ids: &[i64]) -> Result<Vec<Assignment>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM assignments
             WHERE id IN ({}) ORDER BY id",
            self.conn.id_set(1)
        );
        let ids = self.conn.id_list(ids);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let list = stmt
            .query_map([ids], rows::assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The comments of the plan year's assignments logged after event
    /// `after`, oldest first, and the newest event id read. The log is
    /// append-only, so a reader that keeps what it has read only ever needs
    /// what came after it. An assignment's plan year never changes.
    pub fn comments_after(&self, year: i32, after: i64) -> Result<(Vec<(i64, String)>, i64)> {
        self.read(|store| {
            let newest: i64 =
                store
                    .conn
                    .query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?;
            // The first read goes through the plan year's assignments; a
            // later one through the few newest events (CROSS JOIN keeps
            // SQLite from going through every assignment of the year).
            let sql = if after == 0 {
                "SELECT e.assignment_id, e.comment FROM events e
                 JOIN assignments a ON a.id = e.assignment_id
                 WHERE e.id > ?1 AND e.id <= ?2 AND e.comment IS NOT NULL AND a.year = ?3
                 ORDER BY e.id"
            } else if store.conn.dialect() == super::db::Dialect::Postgres {
                // PostgreSQL's CROSS JOIN takes no condition; its planner
                // starts from the few newest events by itself.
                "SELECT e.assignment_id, e.comment FROM events e
                 JOIN assignments a ON a.id = e.assignment_id
                 WHERE e.id > ?1 AND e.id <= ?2 AND e.comment IS NOT NULL AND a.year = ?3
                 ORDER BY e.id"
            } else {
                "SELECT e.assignment_id, e.comment FROM events e
                 CROSS JOIN assignments a ON a.id = e.assignment_id
                 WHERE e.id > ?1 AND e.id <= ?2 AND e.comment IS NOT NULL AND a.year = ?3
                 ORDER BY e.id"
            };
            let mut stmt = store.conn.prepare_cached(sql)?;
            let rows = stmt
                .query_map(super::db::params![after, newest, year], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok((rows, newest))
        })
    }
}

/// The query for `columns` of a narrowed listing, and its values.
fn narrowed_sql(narrowing: &Narrowing, columns: &str) -> (String, Vec<Value>) {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    if let Some(sector) = &narrowing.lead_sector {
        clauses.push("lead_sector = ?");
        values.push(sector.clone().into());
    }
    if let Some(status) = narrowing.status {
        clauses.push("status = ?");
        values.push(status.as_str().to_string().into());
    }
    if let Some(year) = narrowing.year {
        clauses.push("year = ?");
        values.push(i64::from(year).into());
    }
    match (narrowing.overdue_on, narrowing.top_level_only) {
        (Some(day), true) => {
            // ISO dates compare as text. Written as the open-by-deadline
            // index's own condition (SQLite uses a partial index only for
            // a query that names its condition), so the overdue rows are
            // read from that index alone, in deadline order.
            clauses.push(OPEN_BY_DUE);
            clauses.push("due < ?");
            values.push(iso(day).into());
        }
        (Some(day), false) => {
            // Tasks too, which that index leaves out: the overdue
            // assignments from it, then the overdue tasks from its twin
            // for tasks, each with the other conditions. Neither reads the
            // table (whose overdue rows lie spread over all of its pages).
            let others = clauses
                .iter()
                .map(|c| format!("{c} AND "))
                .collect::<String>();
            let mut both = values.clone();
            both.push(iso(day).into());
            both.extend(values.iter().cloned());
            both.push(iso(day).into());
            return (
                format!(
                    "SELECT {columns} FROM assignments WHERE {others}{OPEN_BY_DUE} AND due < ? \
                     UNION ALL \
                     SELECT {columns} FROM assignments WHERE {others}{OPEN_TASKS_BY_DUE} AND due < ?"
                ),
                both,
            );
        }
        (None, true) => {
            // Most rows are top-level: the `parent_id` index would find
            // nearly all of them, each by a random lookup, where reading
            // the table (or the sector index) in id order needs neither
            // lookups nor a sort.
            clauses.push("+parent_id IS NULL");
        }
        (None, false) => {}
    }
    let condition = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    // An order only where the index read gives it, so that SQLite sorts
    // nothing: its sorter would copy every row (a fifth of an overdue
    // listing's time at 50k). Other narrowings are put in order by whoever
    // reads them, or need none.
    let order = if narrowing.read_by_deadline() {
        " ORDER BY due, id"
    } else {
        ""
    };
    (
        format!("SELECT {columns} FROM assignments {condition}{order}"),
        values,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How SQLite means to run a narrowed listing, in its own words.
    fn plan(store: &Store, narrowing: &Narrowing) -> String {
        plan_of(store, narrowing, ASSIGNMENT_COLUMNS)
    }

    /// The same for the listed fields.
    fn plan_of(store: &Store, narrowing: &Narrowing, columns: &str) -> String {
        let (sql, values) = narrowed_sql(narrowing, columns);
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let details: Vec<String> = stmt
            .query_map(params_from_iter(values), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        details.join("; ")
    }

    /// The listings the issue measures read one covering index each and
    /// sort nothing in SQLite; a listing of everything reads the table.
    #[test]
    fn listings_read_their_covering_index_alone() {
        let store = Store::in_memory().unwrap();
        let day = NaiveDate::from_ymd_opt(2023, 9, 20).unwrap();
        let overdue = Narrowing {
            overdue_on: Some(day),
            top_level_only: true,
            ..Narrowing::default()
        };

        let sector = Narrowing {
            lead_sector: Some("OUS".into()),
            top_level_only: true,
            ..Narrowing::default()
        };
        assert_eq!(
            plan(&store, &overdue),
            "SEARCH assignments USING COVERING INDEX assignments_open_by_due (due<?)"
        );
        assert_eq!(
            plan(&store, &sector),
            "SEARCH assignments USING COVERING INDEX assignments_by_sector (lead_sector=?)"
        );
        assert_eq!(
            plan_of(&store, &sector, LISTED_COLUMNS),
            "SEARCH assignments USING COVERING INDEX assignments_by_sector (lead_sector=?)"
        );
        assert_eq!(
            plan_of(&store, &overdue, LISTED_COLUMNS),
            plan(&store, &overdue)
        );
        assert_eq!(plan(&store, &Narrowing::default()), "SCAN assignments");
        let with_tasks = Narrowing {
            top_level_only: false,
            ..overdue.clone()
        };
        assert_eq!(
            plan(&store, &with_tasks),
            "COMPOUND QUERY; LEFT-MOST SUBQUERY; \
             SEARCH assignments USING COVERING INDEX assignments_open_by_due (due<?); \
             UNION ALL; \
             SEARCH assignments USING COVERING INDEX tasks_open_by_due (due<?)"
        );
        let overdue_in_sector = Narrowing {
            lead_sector: Some("OUS".into()),
            ..overdue.clone()
        };
        assert!(
            plan(&store, &overdue_in_sector).contains("USING COVERING INDEX"),
            "{}",
            plan(&store, &overdue_in_sector)
        );

        // SQLite sorts nothing, also where another condition leads it to
        // another index.
        let overdue_in_year = Narrowing {
            year: Some(2023),
            ..overdue.clone()
        };
        for narrowing in [
            &overdue,
            &sector,
            &with_tasks,
            &Narrowing::default(),
            &overdue_in_sector,
            &overdue_in_year,
        ] {
            for columns in [ASSIGNMENT_COLUMNS, LISTED_COLUMNS] {
                let plan = plan_of(&store, narrowing, columns);
                assert!(!plan.contains("TEMP B-TREE"), "{narrowing:?}: {plan}");
            }
        }
    }
}
