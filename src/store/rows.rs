//! Mapping between rows and domain types.

use super::db::{params, Conn, Row};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{Type, Value};

use super::ListedAssignment;
use crate::domain::assignment::split_sectors;
use crate::domain::date::iso;
use crate::domain::{
    Assessment, Assignment, CatalogEvent, Entity, Event, Status, WheelEntry, WheelKind,
};

/// The assignment columns in the order [`assignment`] reads them.
pub const ASSIGNMENT_COLUMNS: &str =
    "id, parent_id, year, title, description, lead_sector, sectors, \
     goal_id, source, owner, due, status, assessment, expected_done, version";

/// The columns of a [`ListedAssignment`] in the order [`listed_into`] reads
/// them: each at its place in [`ASSIGNMENT_COLUMNS`] (an error names a
/// column by its index), NULL in the places of the fields not read.
pub const LISTED_COLUMNS: &str = "id, parent_id, year, title, NULL, lead_sector, NULL, \
     goal_id, NULL, owner, due, status, assessment";

/// The columns an assignment writes besides `id`, in the order of [`assignment_values`].
pub const ASSIGNMENT_STORED: [&str; 14] = [
    "parent_id",
    "year",
    "title",
    "description",
    "lead_sector",
    "sectors",
    "goal_id",
    "source",
    "owner",
    "due",
    "status",
    "assessment",
    "expected_done",
    "version",
];

/// The values of [`ASSIGNMENT_STORED`] for an assignment: the one place
/// that says how each field is stored.
pub fn assignment_values(a: &Assignment) -> Vec<Value> {
    vec![
        a.parent_id.into(),
        i64::from(a.year).into(),
        a.title.clone().into(),
        a.description.clone().into(),
        a.lead_sector.clone().into(),
        a.sectors.join(",").into(),
        a.goal_id.into(),
        a.source.clone().into(),
        a.owner.clone().into(),
        a.due.map(iso).into(),
        a.status.as_str().to_string().into(),
        a.assessment.map(|x| x.as_str().to_string()).into(),
        a.expected_done.map(iso).into(),
        a.version.into(),
    ]
}

/// `INSERT INTO assignments` with `id` first, then [`ASSIGNMENT_STORED`];
/// the values are [`assignment_insert_values`].
pub fn assignment_insert_sql() -> String {
    let placeholders: Vec<String> = (1..=ASSIGNMENT_STORED.len() + 1)
        .map(|n| format!("?{n}"))
        .collect();
    format!(
        "INSERT INTO assignments (id, {}) VALUES ({})",
        ASSIGNMENT_STORED.join(", "),
        placeholders.join(", ")
    )
}

/// The values for [`assignment_insert_sql`]: the id (`None`: the next free
/// one), then the stored columns.
pub fn assignment_insert_values(id: Option<i64>, a: &Assignment) -> Vec<Value> {
    let mut values: Vec<Value> = vec![id.into()];
    values.extend(assignment_values(a));
    values
}

/// The event columns in the order [`event`] reads them.
pub const EVENT_COLUMNS: &str =
    "id, at, actor, assignment_id, field, old, new, comment, undoes, period";

fn bad(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, message.into())
}

fn date(row: &Row, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let Some(bytes) = optional_bytes(row, column)? else {
        return Ok(None);
    };
    crate::domain::date::parse_iso_bytes(bytes)
        .map(Some)
        .ok_or_else(|| {
            let text = String::from_utf8_lossy(bytes);
            bad(column, format!("{text}: not a date"))
        })
}

/// A text column's bytes, for values matched or parsed byte by byte (a
/// date, a status): whatever is not one of them is refused anyway, so the
/// UTF-8 check on every row is left to the rare value that needs it.
fn optional_bytes<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<Option<&'r [u8]>> {
    match row.get_ref(column)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        rusqlite::types::ValueRef::Text(bytes) => Ok(Some(bytes)),
        other => Err(bad(
            column,
            format!("{} where text was expected", other.data_type()),
        )),
    }
}

/// A text column borrowed from the row, for values parsed or copied into
/// a buffer rather than kept (no `String` made per row).
fn text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    match row.get_ref(column)? {
        rusqlite::types::ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, Type::Text, e.into())),
        // The errors `row.get::<_, String>` gives, naming the column.
        other => {
            let name = row.column_name(column).unwrap_or("?").to_string();
            Err(rusqlite::Error::InvalidColumnType(
                column,
                name,
                other.data_type(),
            ))
        }
    }
}

/// A status as stored: its stable name, found without the general
/// parser's lowercasing (which allocates); anything else goes to the parser.
fn stored_status(row: &Row, column: usize) -> rusqlite::Result<Status> {
    let bytes = optional_bytes(row, column)?.unwrap_or_default();
    match Status::ALL
        .into_iter()
        .find(|s| s.as_str().as_bytes() == bytes)
    {
        Some(status) => Ok(status),
        None => {
            Status::parse(&String::from_utf8_lossy(bytes)).map_err(|e| bad(column, e.to_string()))
        }
    }
}

/// An assessment as stored, like [`stored_status`]; NULL is none.
fn stored_assessment(row: &Row, column: usize) -> rusqlite::Result<Option<Assessment>> {
    let Some(bytes) = optional_bytes(row, column)? else {
        return Ok(None);
    };
    match Assessment::ALL
        .into_iter()
        .find(|a| a.as_str().as_bytes() == bytes)
    {
        Some(assessment) => Ok(Some(assessment)),
        None => Assessment::parse(&String::from_utf8_lossy(bytes))
            .map_err(|e| bad(column, e.to_string())),
    }
}

/// Reads an assignment row.
pub fn assignment(row: &Row) -> rusqlite::Result<Assignment> {
    let mut assignment = Assignment::placeholder();
    assignment_into(row, &mut assignment)?;
    Ok(assignment)
}

/// Reads an assignment row into `into`, reusing its text buffers: a
/// listing that handles one row at a time makes no new string for the
/// title, description, lead sector, source or owner once the buffers have
/// grown to the longest of them (other sectors, when there are any, are
/// split into new strings).
pub fn assignment_into(row: &Row, into: &mut Assignment) -> rusqlite::Result<()> {
    into.id = row.get(0)?;
    into.parent_id = row.get(1)?;
    into.year = row.get(2)?;
    set_text(&mut into.title, row, 3)?;
    set_text(&mut into.description, row, 4)?;
    set_text(&mut into.lead_sector, row, 5)?;
    into.sectors.clear();
    let sectors = text(row, 6)?;
    if !sectors.is_empty() {
        into.sectors.extend(split_sectors(sectors));
    }
    into.goal_id = row.get(7)?;
    set_text(&mut into.source, row, 8)?;
    set_text(&mut into.owner, row, 9)?;
    into.due = date(row, 10)?;
    into.status = stored_status(row, 11)?;
    into.assessment = stored_assessment(row, 12)?;
    into.expected_done = date(row, 13)?;
    into.version = row.get(14)?;
    Ok(())
}

/// Reads a row of [`LISTED_COLUMNS`] into `into`, reusing its text
/// buffers like [`assignment_into`].
pub fn listed_into(row: &Row, into: &mut ListedAssignment) -> rusqlite::Result<()> {
    into.id = row.get(0)?;
    into.parent_id = row.get(1)?;
    into.year = row.get(2)?;
    set_text(&mut into.title, row, 3)?;
    set_text(&mut into.lead_sector, row, 5)?;
    into.goal_id = row.get(7)?;
    set_text(&mut into.owner, row, 9)?;
    into.due = date(row, 10)?;
    into.status = stored_status(row, 11)?;
    into.assessment = stored_assessment(row, 12)?;
    Ok(())
}

/// Replaces `field` with a text column, in the buffer it already has.
fn set_text(field: &mut String, row: &Row, column: usize) -> rusqlite::Result<()> {
    let text = text(row, column)?;
    field.clear();
    field.push_str(text);
    Ok(())
}

/// Reads an event row.
pub fn event(row: &Row) -> rusqlite::Result<Event> {
    let at: String = row.get(1)?;
    Ok(Event {
        id: row.get(0)?,
        at: DateTime::parse_from_rfc3339(&at)
            .map_err(|e| bad(1, format!("{at}: {e}")))?
            .with_timezone(&Utc),
        actor: row.get(2)?,
        assignment_id: row.get(3)?,
        field: row.get(4)?,
        old: row.get(5)?,
        new: row.get(6)?,
        comment: row.get(7)?,
        undoes: row.get(8)?,
        period: row.get(9)?,
    })
}

/// The catalog log's columns, in the order [`catalog_event`] reads them.
pub const CATALOG_EVENT_COLUMNS: &str =
    "id, at, actor, entity, entity_id, field, old, new, comment, undoes";

/// Reads a catalog event row ([`CATALOG_EVENT_COLUMNS`]).
pub fn catalog_event(row: &Row) -> rusqlite::Result<CatalogEvent> {
    let at: String = row.get(1)?;
    let entity: String = row.get(3)?;
    Ok(CatalogEvent {
        id: row.get(0)?,
        at: DateTime::parse_from_rfc3339(&at)
            .map_err(|e| bad(1, format!("{at}: {e}")))?
            .with_timezone(&Utc),
        actor: row.get(2)?,
        entity: Entity::parse(&entity).ok_or_else(|| bad(3, format!("unknown entity {entity}")))?,
        entity_id: row.get(4)?,
        field: row.get(5)?,
        old: row.get(6)?,
        new: row.get(7)?,
        comment: row.get(8)?,
        undoes: row.get(9)?,
    })
}

/// The årshjul entry columns, in the order [`wheel_entry`] reads them and
/// [`insert_wheel_entry`] writes them.
pub const WHEEL_COLUMNS: &str = "id, year, start_date, end_date, title, kind, sector, tags, note";

/// Reads an årshjul entry row of [`WHEEL_COLUMNS`].
pub fn wheel_entry(r: &Row) -> rusqlite::Result<WheelEntry> {
    let parse = |i: usize| -> rusqlite::Result<NaiveDate> {
        let text: String = r.get(i)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, e.into()))
    };
    let kind: String = r.get(5)?;
    let tags: String = r.get(7)?;
    Ok(WheelEntry {
        id: r.get(0)?,
        year: r.get(1)?,
        start: parse(2)?,
        end: parse(3)?,
        title: r.get(4)?,
        kind: WheelKind::parse(&kind).unwrap_or(WheelKind::Administrative),
        sector: r.get(6)?,
        tags: tags
            .split(',')
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        note: r.get(8)?,
    })
}

/// Writes an årshjul entry as a new row with this id.
pub fn insert_wheel_entry(conn: &Conn, id: i64, entry: &WheelEntry) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO wheel_entries ({WHEEL_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        ),
        params![
            id,
            entry.year,
            iso(entry.start),
            iso(entry.end),
            entry.title,
            entry.kind.as_str(),
            entry.sector,
            entry.tags.join(","),
            entry.note
        ],
    )?;
    Ok(())
}

/// The stored form of a UTC instant: RFC 3339 with a `Z`, to the second.
pub fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
