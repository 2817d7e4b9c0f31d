//! Political decisions (vedtak) and the bodies that make them. Like goals
//! and årshjul entries, every change is one IMMEDIATE transaction holding
//! the new state and its events in `catalog_events`. The links to the
//! oppdrag that follow a decision up belong to the decision and are logged
//! with it (field `assignments`).

use std::collections::{BTreeMap, HashMap};

use super::db::{params, Conn};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;

use super::catalog::{insert_changes, insert_created, insert_event, CatalogChanged};
use super::{Result, Stamp, Store, StoreError};
use crate::domain::catalog::{differences, snapshot, DELETED};
use crate::domain::date::{iso, parse_iso, Today};
use crate::domain::text::clean_comment;
use crate::domain::vedtak::{find_body, follow_up, parse_case, LatestComment, Vedtak, COMMENT};
use crate::domain::{
    Assignment, Body, CatalogEvent, Decision, DecisionKind, DecisionRule, DomainError, Entity,
};

impl Store {
    /// The political bodies, in the order they were added.
    pub fn bodies(&self) -> Result<Vec<Body>> {
        Ok(read_bodies(&self.conn)?)
    }

    /// Adds a political body to the list decisions are made by.
    pub fn create_body(
        &mut self,
        name: &str,
        short: &str,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Body>> {
        self.write(|tx| insert_body(tx, name, short, comment, stamp))
    }

    /// Removes a body (by name or abbreviation) from the list; the log keeps
    /// it. Refused while a decision names it.
    pub fn remove_body(
        &mut self,
        name: &str,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Body>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let bodies = read_bodies(&tx)?;
        let body = find_body(&bodies, name)?.clone();
        let using: Vec<i64> = read_decisions(&tx)?
            .into_iter()
            .filter(|d| body.is_named(&d.body))
            .map(|d| d.id)
            .collect();
        if !using.is_empty() {
            return Err(DomainError::from(DecisionRule::BodyInUse {
                name: body.name,
                decisions: using,
            })
            .into());
        }
        tx.execute("DELETE FROM decision_bodies WHERE id = ?1", [body.id])?;
        let event = insert_event(
            &tx,
            stamp,
            Entity::Body,
            body.id,
            DELETED,
            Some(snapshot(&body)),
            None,
            clean_comment(comment),
        )?;
        tx.commit()?;
        Ok(CatalogChanged {
            item: body,
            events: vec![event],
        })
    }

    /// Every decision as stored, by meeting date.
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        self.read(|store| Ok(read_decisions(&store.conn)?))
    }

    /// One decision as stored.
    pub fn decision(&self, id: i64) -> Result<Decision> {
        self.read(|store| find_decision(&store.conn, id))
    }

    /// The decisions a user follows up: each with its state (the domain's
    /// rule, [`crate::domain::vedtak::progress`], against `today`), its
    /// oppdrag and the newest comment on it or on one of its oppdrag. By
    /// meeting date, oldest first. Reads like every read of this store: of
    /// an [`Store::as_of`] store, as things stood then.
    pub fn vedtak_list(&self, today: Today) -> Result<Vec<Vedtak>> {
        self.read(|store| {
            let decisions = read_decisions(&store.conn)?;
            let ids: Vec<i64> = {
                let mut ids: Vec<i64> = decisions
                    .iter()
                    .flat_map(|d| d.assignments.iter().copied())
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            };
            let assignments: HashMap<i64, Assignment> = store
                .assignments_with_ids(&ids)?
                .into_iter()
                .map(|a| (a.id, a))
                .collect();
            let mut comments = latest_comments(&store.conn)?;
            Ok(decisions
                .into_iter()
                .map(|decision| {
                    let linked: Vec<&Assignment> = decision
                        .assignments
                        .iter()
                        .filter_map(|id| assignments.get(id))
                        .collect();
                    let latest = comments.remove(&decision.id);
                    follow_up(decision.clone(), &linked, latest, today)
                })
                .collect())
        })
    }

    /// One decision as [`Store::vedtak_list`] gives it.
    pub fn vedtak(&self, id: i64, today: Today) -> Result<Vedtak> {
        self.vedtak_list(today)?
            .into_iter()
            .find(|v| v.decision.id == id)
            .ok_or_else(|| DomainError::from(DecisionRule::UnknownDecision(id)).into())
    }

    /// The decisions an assignment follows up, by id.
    pub fn decisions_of(&self, assignment: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT decision_id FROM decision_assignments WHERE assignment_id = ?1
             ORDER BY decision_id",
        )?;
        let ids = stmt
            .query_map([assignment], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Adds a decision after checking it (see [`Decision::validate`]); the
    /// case number is stored as `283/21`, the body as the list spells it.
    /// The draft's id is ignored; its oppdrag must exist.
    pub fn create_decision(
        &mut self,
        draft: &Decision,
        today: Today,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Decision>> {
        self.write(|tx| insert_decision(tx, draft, today, comment, stamp))
    }

    /// Changes a decision's body, date, case, title, text or kind to those
    /// of `next` (its oppdrag and closing are changed by their own calls),
    /// one event per field that really changes; a comment alone is logged
    /// as a comment. With `seen`, refused if the decision is no longer as
    /// the caller saw it.
    pub fn change_decision(
        &mut self,
        id: i64,
        seen: Option<&Decision>,
        next: &Decision,
        today: Today,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Decision>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let current = current_decision(&tx, id, seen)?;
        let mut decision = normalized(&tx, next)?;
        decision.id = id;
        decision.assignments = current.assignments.clone();
        decision.closed = current.closed;
        decision.validate(&read_bodies(&tx)?, today)?;
        let changed = write_changes(&tx, &current, decision, comment, stamp)?;
        tx.commit()?;
        Ok(changed)
    }

    /// Links oppdrag to a decision (or, with `unlink`, removes the links):
    /// one event on the decision's `assignments`. Refused for an unknown
    /// oppdrag, one already linked (or, unlinking, not linked).
    pub fn link_decision(
        &mut self,
        id: i64,
        assignments: &[i64],
        unlink: bool,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Decision>> {
        self.write(|tx| link(tx, id, assignments, unlink, comment, stamp))
    }

    /// Closes a decision (*kvitterer ut*) on `on`, saying why in the
    /// comment, which is required. Refused when it is closed already.
    pub fn close_decision(
        &mut self,
        id: i64,
        on: NaiveDate,
        comment: &str,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Decision>> {
        self.writable()?;
        let comment = clean_comment(Some(comment))
            .ok_or(DecisionRule::CloseNeedsComment)
            .map_err(DomainError::from)?;
        let tx = self.begin_write()?;
        let current = current_decision(&tx, id, None)?;
        if let Some(closed) = current.closed {
            return Err(DomainError::from(DecisionRule::AlreadyClosed {
                decision: id,
                on: closed,
            })
            .into());
        }
        let mut next = current.clone();
        next.closed = Some(on);
        let changed = write_changes(&tx, &current, next, Some(&comment), stamp)?;
        tx.commit()?;
        Ok(changed)
    }

    /// Takes a closed decision back into follow-up.
    pub fn reopen_decision(
        &mut self,
        id: i64,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<CatalogChanged<Decision>> {
        self.writable()?;
        let tx = self.begin_write()?;
        let current = current_decision(&tx, id, None)?;
        if current.closed.is_none() {
            return Err(DomainError::from(DecisionRule::NotClosed(id)).into());
        }
        let mut next = current.clone();
        next.closed = None;
        let changed = write_changes(&tx, &current, next, comment, stamp)?;
        tx.commit()?;
        Ok(changed)
    }

    /// Creates an oppdrag (or task) from a decision: the assignment, its
    /// `created` event and the decision's link, in one transaction. The
    /// assignment's source, when empty, names the decision.
    pub fn create_assignment_from_decision(
        &mut self,
        draft: &Assignment,
        decision: i64,
        comment: Option<&str>,
        stamp: &Stamp,
    ) -> Result<(super::Changed, CatalogChanged<Decision>)> {
        self.writable()?;
        let tx = self.begin_write()?;
        let current = find_decision(&tx, decision)?;
        let mut draft = draft.clone();
        if draft.source.trim().is_empty() {
            draft.source = source_of(&current);
        }
        let created = super::write::insert_assignment(&tx, &draft, None, comment, stamp)?;
        let linked = link(&tx, decision, &[created.assignment.id], false, None, stamp)?;
        tx.commit()?;
        Ok((created, linked))
    }
}

/// What an oppdrag made from a decision gives as its source: the kind and
/// the case, as minutes cite it ("verbalvedtak Kommunestyret sak 120/22").
fn source_of(decision: &Decision) -> String {
    format!(
        "{} {} {}, {}",
        decision.kind.as_str(),
        decision.body,
        crate::domain::date::nb(decision.date),
        decision.case
    )
}

/// Trims the text, normalises the case number and spells the body as the
/// list does. The rest is [`Decision::validate`].
fn normalized(conn: &Conn, draft: &Decision) -> Result<Decision> {
    let mut decision = draft.clone();
    decision.title = decision.title.trim().to_string();
    decision.text = decision.text.trim().to_string();
    decision.case = parse_case(&decision.case)?.to_string();
    let bodies = read_bodies(conn)?;
    decision.body = find_body(&bodies, &decision.body)?.name.clone();
    Ok(decision)
}

fn insert_body(
    conn: &Conn,
    name: &str,
    short: &str,
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<CatalogChanged<Body>> {
    let mut body = Body {
        id: 0,
        name: name.trim().to_string(),
        short: short.trim().to_string(),
    };
    body.validate(&read_bodies(conn)?)?;
    // Never the id of a removed body: its log stays under it.
    body.id = next_id(conn, "decision_bodies", Entity::Body)?;
    conn.execute(
        "INSERT INTO decision_bodies (id, name, short) VALUES (?1, ?2, ?3)",
        params![body.id, body.name, body.short],
    )?;
    let event = insert_created(conn, stamp, &body, clean_comment(comment))?;
    Ok(CatalogChanged {
        item: body,
        events: vec![event],
    })
}

/// Inserts a decision and its `created` event inside an open transaction.
pub(super) fn insert_decision(
    conn: &Conn,
    draft: &Decision,
    today: Today,
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<CatalogChanged<Decision>> {
    let mut decision = normalized(conn, draft)?;
    decision.closed = None;
    decision.validate(&read_bodies(conn)?, today)?;
    let mut seen = Vec::new();
    for id in &decision.assignments {
        check_assignment(conn, *id)?;
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    decision.assignments = seen;
    decision.id = next_id(conn, "decisions", Entity::Decision)?;
    write_row(conn, &decision, true)?;
    let event = insert_created(conn, stamp, &decision, clean_comment(comment))?;
    Ok(CatalogChanged {
        item: decision,
        events: vec![event],
    })
}

fn link(
    conn: &Conn,
    id: i64,
    assignments: &[i64],
    unlink: bool,
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<CatalogChanged<Decision>> {
    let current = find_decision(conn, id)?;
    let mut next = current.clone();
    for &assignment in assignments {
        let linked = next.assignments.contains(&assignment);
        match (unlink, linked) {
            (false, true) => {
                return Err(DomainError::from(DecisionRule::AlreadyLinked {
                    decision: id,
                    assignment,
                })
                .into())
            }
            (true, false) => {
                return Err(DomainError::from(DecisionRule::NotLinked {
                    decision: id,
                    assignment,
                })
                .into())
            }
            (false, false) => {
                check_assignment(conn, assignment)?;
                next.assignments.push(assignment);
            }
            (true, true) => next.assignments.retain(|a| *a != assignment),
        }
    }
    write_changes(conn, &current, next, comment, stamp)
}

/// Writes `next` over `current` and logs each field that changed (a
/// comment alone is logged as a comment); refused when nothing changes
/// and nothing is said.
fn write_changes(
    conn: &Conn,
    current: &Decision,
    next: Decision,
    comment: Option<&str>,
    stamp: &Stamp,
) -> Result<CatalogChanged<Decision>> {
    let changes = differences(current, &next);
    let comment = clean_comment(comment);
    if changes.is_empty() {
        let Some(comment) = comment else {
            return Err(DomainError::from(DecisionRule::NothingToChange(current.id)).into());
        };
        let event = insert_event(
            conn,
            stamp,
            Entity::Decision,
            current.id,
            COMMENT,
            None,
            None,
            Some(comment),
        )?;
        return Ok(CatalogChanged {
            item: next,
            events: vec![event],
        });
    }
    write_row(conn, &next, false)?;
    let events = insert_changes::<Decision>(conn, stamp, next.id, changes, comment)?;
    Ok(CatalogChanged { item: next, events })
}

fn check_assignment(conn: &Conn, id: i64) -> Result<()> {
    let parent: Option<Option<i64>> = conn
        .query_row(
            "SELECT parent_id FROM assignments WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match parent {
        None => Err(StoreError::UnknownAssignment(id)),
        Some(Some(parent)) => {
            Err(DomainError::from(DecisionRule::TaskLinked { task: id, parent }).into())
        }
        Some(None) => Ok(()),
    }
}

/// The next id of `table`, never one its log has used. On a server too
/// every new row is numbered so, under the write lock, rather than by its
/// identity sequence: the same numbers a file gives (a sequence skips the
/// numbers of a rolled-back transaction), and no clash with a row a file's
/// import gave its own id.
pub(super) fn next_id(conn: &Conn, table: &str, entity: Entity) -> Result<i64> {
    Ok(conn.query_row(
        &format!(
            "SELECT COALESCE(MAX(used), 0) + 1 FROM (
                 SELECT MAX(id) AS used FROM {table}
                 UNION ALL SELECT MAX(entity_id) FROM catalog_events WHERE entity = ?1
             ) AS ids"
        ),
        [entity.as_str()],
        |r| r.get(0),
    )?)
}

/// Writes a decision's row and its links (replacing them).
fn write_row(conn: &Conn, d: &Decision, new: bool) -> Result<()> {
    let values = params![
        d.id,
        d.body,
        iso(d.date),
        d.case,
        d.title,
        d.text,
        d.kind.as_str(),
        d.closed.map(iso)
    ];
    if new {
        conn.execute(
            "INSERT INTO decisions (id, body, meeting_date, case_number, title, text, kind, closed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            values,
        )?;
    } else {
        conn.execute(
            "UPDATE decisions SET body = ?2, meeting_date = ?3, case_number = ?4, title = ?5,
             text = ?6, kind = ?7, closed = ?8 WHERE id = ?1",
            values,
        )?;
    }
    conn.execute(
        "DELETE FROM decision_assignments WHERE decision_id = ?1",
        [d.id],
    )?;
    for (position, assignment) in d.assignments.iter().enumerate() {
        conn.execute(
            "INSERT INTO decision_assignments (decision_id, assignment_id, position)
             VALUES (?1, ?2, ?3)",
            params![d.id, assignment, position as i64],
        )?;
    }
    Ok(())
}

fn find_decision(conn: &Conn, id: i64) -> Result<Decision> {
    read_decisions(conn)?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| DomainError::from(DecisionRule::UnknownDecision(id)).into())
}

/// The decision as stored, checked against what the caller saw.
fn current_decision(conn: &Conn, id: i64, seen: Option<&Decision>) -> Result<Decision> {
    let current = find_decision(conn, id)?;
    if seen.is_some_and(|seen| *seen != current) {
        return Err(StoreError::ChangedSince {
            entity: Entity::Decision,
            id,
        });
    }
    Ok(current)
}

pub(super) fn read_bodies(conn: &Conn) -> rusqlite::Result<Vec<Body>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, short FROM decision_bodies ORDER BY id")?;
    let bodies = stmt
        .query_map([], |r| {
            Ok(Body {
                id: r.get(0)?,
                name: r.get(1)?,
                short: r.get(2)?,
            })
        })?
        .collect();
    bodies
}

pub(super) fn read_decisions(conn: &Conn) -> rusqlite::Result<Vec<Decision>> {
    let mut links: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT decision_id, assignment_id FROM decision_assignments
             ORDER BY decision_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            links.entry(row.get(0)?).or_default().push(row.get(1)?);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, meeting_date, case_number, title, text, kind, closed FROM decisions
         ORDER BY meeting_date, id",
    )?;
    let decisions = stmt
        .query_map([], |r| {
            let id: i64 = r.get(0)?;
            let date: String = r.get(2)?;
            let kind: String = r.get(6)?;
            let closed: Option<String> = r.get(7)?;
            let bad = |column: usize, text: &str| {
                rusqlite::Error::FromSqlConversionFailure(
                    column,
                    rusqlite::types::Type::Text,
                    text.to_string().into(),
                )
            };
            Ok(Decision {
                id,
                body: r.get(1)?,
                date: parse_iso(&date).ok_or_else(|| bad(2, &date))?,
                case: r.get(3)?,
                title: r.get(4)?,
                text: r.get(5)?,
                kind: DecisionKind::parse(&kind).map_err(|_| bad(6, &kind))?,
                assignments: links.get(&id).cloned().unwrap_or_default(),
                closed: match closed {
                    Some(text) => Some(parse_iso(&text).ok_or_else(|| bad(7, &text))?),
                    None => None,
                },
            })
        })?
        .collect();
    decisions
}

/// The newest comment on each decision: given with a change of it, or on
/// one of its oppdrag (a comment, or one given with a change or report;
/// not with its creation). The newer by time wins; at the same second,
/// the decision's own.
fn latest_comments(conn: &Conn) -> Result<HashMap<i64, LatestComment>> {
    let mut latest: HashMap<i64, LatestComment> = HashMap::new();
    let mut keep = |decision: i64, comment: LatestComment| {
        let newer = latest.get(&decision).is_none_or(|c| comment.at >= c.at);
        if newer {
            latest.insert(decision, comment);
        }
    };
    let read = |at: String| {
        DateTime::parse_from_rfc3339(&at)
            .map(|at| at.with_timezone(&Utc))
            .ok()
    };
    {
        let mut stmt = conn.prepare(
            "SELECT l.decision_id, e.at, e.actor, e.comment, e.assignment_id
             FROM decision_assignments l JOIN events e ON e.assignment_id = l.assignment_id
             WHERE e.comment IS NOT NULL AND e.field <> 'created' ORDER BY e.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(at) = read(row.get(1)?) {
                keep(
                    row.get(0)?,
                    LatestComment {
                        at,
                        actor: row.get(2)?,
                        text: row.get(3)?,
                        assignment: Some(row.get(4)?),
                    },
                );
            }
        }
    }
    {
        let mut stmt = conn.prepare(
            "SELECT entity_id, at, actor, comment FROM catalog_events
             WHERE entity = 'decision' AND comment IS NOT NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Some(at) = read(row.get(1)?) {
                keep(
                    row.get(0)?,
                    LatestComment {
                        at,
                        actor: row.get(2)?,
                        text: row.get(3)?,
                        assignment: None,
                    },
                );
            }
        }
    }
    Ok(latest)
}

/// For [`Store::as_of`]: the bodies and decisions replayed from the
/// catalog log up to the instant, written into temporary tables that
/// shadow the stored ones.
pub(super) fn replay_into_temp(conn: &Conn, catalog: &[CatalogEvent]) -> Result<()> {
    use crate::domain::catalog::replay_catalog;
    let unreplayable = |entity: Entity| {
        move |error| {
            StoreError::PastUnreadable(super::Problem::CatalogUnreplayable { entity, error })
        }
    };
    let bodies: BTreeMap<i64, Body> =
        replay_catalog(catalog).map_err(unreplayable(Entity::Body))?;
    let decisions: BTreeMap<i64, Decision> =
        replay_catalog(catalog).map_err(unreplayable(Entity::Decision))?;
    for table in ["decision_bodies", "decisions", "decision_assignments"] {
        if conn.as_server().is_some() {
            conn.execute_batch(&format!("CREATE TEMP TABLE {table} (LIKE main.{table})"))?;
            continue;
        }
        let sql: String = conn.query_row(
            "SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        let rest = sql
            .strip_prefix("CREATE TABLE")
            .ok_or(StoreError::NoSchemaVersion(super::migrations::latest()))?;
        conn.execute_batch(&format!("CREATE TEMP TABLE{rest}"))?;
    }
    for body in bodies.values() {
        conn.execute(
            "INSERT INTO temp.decision_bodies (id, name, short) VALUES (?1, ?2, ?3)",
            params![body.id, body.name, body.short],
        )?;
    }
    for decision in decisions.values() {
        conn.execute(
            "INSERT INTO temp.decisions (id, body, meeting_date, case_number, title, text, kind, closed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                decision.id,
                decision.body,
                iso(decision.date),
                decision.case,
                decision.title,
                decision.text,
                decision.kind.as_str(),
                decision.closed.map(iso)
            ],
        )?;
        for (position, assignment) in decision.assignments.iter().enumerate() {
            conn.execute(
                "INSERT INTO temp.decision_assignments (decision_id, assignment_id, position)
                 VALUES (?1, ?2, ?3)",
                params![decision.id, assignment, position as i64],
            )?;
        }
    }
    Ok(())
}

/// For a restore: the bodies and decisions of an export, with their ids.
pub(super) fn restore(conn: &Conn, bodies: &[Body], decisions: &[Decision]) -> Result<()> {
    for body in bodies {
        conn.execute(
            "INSERT INTO decision_bodies (id, name, short) VALUES (?1, ?2, ?3)",
            params![body.id, body.name, body.short],
        )?;
    }
    for decision in decisions {
        write_row(conn, decision, true)?;
    }
    Ok(())
}

/// After `styr init` or `demo`: kommunestyret and formannskapet, which
/// every municipality has (the law requires both).
pub fn default_bodies() -> [(&'static str, &'static str); 2] {
    [("Kommunestyret", "KST"), ("Formannskapet", "FSK")]
}

impl Store {
    /// Adds the bodies every municipality has, when the list is empty.
    pub fn add_default_bodies(&mut self, stamp: &Stamp) -> Result<()> {
        if !self.bodies()?.is_empty() {
            return Ok(());
        }
        for (name, short) in default_bodies() {
            self.create_body(name, short, None, stamp)?;
        }
        Ok(())
    }
}
