//! Moving a whole styr database between a file and a server: a file into
//! an empty server database (`migrate --to`, `restore` on a server) and a
//! server database into a new file (`backup` from a server).
//!
//! Both ways copy every row of every table, the two logs with each event's
//! id, time, actor and hash, then read both sides back and compare them
//! row by row before anything is kept: on the way in, inside the one
//! transaction that also set the database up (a failure anywhere leaves it
//! empty); on the way out, before the finished file is given its name.
//! On the way in, the server links the hash chain itself (its append
//! trigger), so equal `event_hashes` prove the history moved intact.

use std::path::{Path, PathBuf};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{IsolationLevel, Transaction};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::{quote_ident, set_up, Initialised, Server, ServerError};
use crate::store::backup::remove_with_side_files;
use crate::store::{Problem, RestoreSource, Store, StoreError};

/// Every table of a styr database, parents before the rows that refer to
/// them. `event_hashes` is last: on a server its rows are the append
/// trigger's work, so moving in compares it and does not copy it.
pub const TABLES: &[&str] = &[
    "settings",
    "sectors",
    "goals",
    "goal_sectors",
    "assignments",
    "wheel_entries",
    "periods",
    "decision_bodies",
    "decisions",
    "decision_assignments",
    "events",
    "catalog_events",
    "event_hashes",
];

/// The tables whose ids come from a sequence on the server.
const WITH_IDS: &[&str] = &[
    "goals",
    "assignments",
    "wheel_entries",
    "periods",
    "decision_bodies",
    "decisions",
    "events",
    "catalog_events",
];

/// What can stop a move, told apart for the person who reads it;
/// `crate::words::moving` says each in words.
#[derive(Debug)]
pub enum MoveError {
    /// The server's fault (unreachable, refused, …).
    Server(ServerError),
    /// The file's fault (missing, not a styr database, too new, fails
    /// `doctor`, cannot be written).
    File(StoreError),
    /// The target server database holds something already.
    NotEmpty { dbname: String, objects: i64 },
    /// The file and the server do not have the same tables and columns
    /// (`column` none: the whole table).
    SchemaDiffers {
        table: String,
        column: Option<String>,
    },
    /// A value in the file of a kind its column on the server cannot hold.
    BadValue {
        table: String,
        column: String,
        row: String,
    },
    /// Reading back found the two sides different, first at `row` of
    /// `table` (its first column), or in the number of rows.
    Differs {
        table: String,
        row: Option<String>,
        here: usize,
        there: usize,
    },
    /// The written file does not pass `doctor`.
    FailsDoctor(Problem),
}

impl From<ServerError> for MoveError {
    fn from(error: ServerError) -> Self {
        match error {
            ServerError::NotEmpty { dbname, objects } => MoveError::NotEmpty { dbname, objects },
            other => MoveError::Server(other),
        }
    }
}

impl From<postgres::Error> for MoveError {
    fn from(error: postgres::Error) -> Self {
        MoveError::Server(ServerError::from(error))
    }
}

impl From<StoreError> for MoveError {
    fn from(error: StoreError) -> Self {
        MoveError::File(error)
    }
}

impl From<rusqlite::Error> for MoveError {
    fn from(error: rusqlite::Error) -> Self {
        MoveError::File(StoreError::from(error))
    }
}

impl std::fmt::Display for MoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MoveError::File(error) => write!(f, "{error}"),
            other => f.write_str(&crate::words::moving::problem(
                other,
                crate::words::Lang::En,
            )),
        }
    }
}

impl std::error::Error for MoveError {}

pub type Result<T, E = MoveError> = std::result::Result<T, E>;

/// One stored value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Null,
    Integer(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl Value {
    /// The value as the server takes it for a column of `kind`.
    fn to_sql(&self, kind: Kind) -> Box<dyn ToSql + Sync + '_> {
        match (self, kind) {
            (Value::Integer(n), _) => Box::new(*n),
            (Value::Text(text), _) => Box::new(text.as_str()),
            (Value::Blob(bytes), _) => Box::new(bytes.as_slice()),
            (Value::Null, Kind::Integer) => Box::new(None::<i64>),
            (Value::Null, Kind::Text) => Box::new(None::<&str>),
            (Value::Null, Kind::Blob) => Box::new(None::<&[u8]>),
        }
    }

    /// The value as SQLite takes it.
    fn to_sqlite(&self) -> rusqlite::types::ToSqlOutput<'_> {
        use rusqlite::types::{ToSqlOutput, ValueRef as Ref};
        ToSqlOutput::Borrowed(match self {
            Value::Null => Ref::Null,
            Value::Integer(n) => Ref::Integer(*n),
            Value::Text(text) => Ref::Text(text.as_bytes()),
            Value::Blob(bytes) => Ref::Blob(bytes),
        })
    }

    /// The value in a message: short, and neutral (the edge neutralises it).
    fn shown(&self) -> String {
        match self {
            Value::Null => "NULL".into(),
            Value::Integer(n) => n.to_string(),
            Value::Text(text) => text.chars().take(40).collect(),
            Value::Blob(bytes) => format!("{} bytes", bytes.len()),
        }
    }
}

/// A column's type on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Text,
    Blob,
}

impl Kind {
    fn of(data_type: &str) -> Option<Kind> {
        match data_type {
            "bigint" | "integer" | "smallint" => Some(Kind::Integer),
            "text" => Some(Kind::Text),
            "bytea" => Some(Kind::Blob),
            _ => None,
        }
    }

    fn sql_type(self) -> Type {
        match self {
            Kind::Integer => Type::INT8,
            Kind::Text => Type::TEXT,
            Kind::Blob => Type::BYTEA,
        }
    }
}

/// One table's columns, as the server has them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Table {
    name: &'static str,
    columns: Vec<(String, Kind)>,
}

impl Table {
    fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(name, _)| quote_ident(name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How many leading columns are the table's primary key: rows are
    /// read, copied and compared in its order (the logs by id, as their
    /// chains need).
    fn key_width(&self) -> usize {
        match self.name {
            "goal_sectors" | "decision_assignments" | "event_hashes" => 2,
            _ => 1,
        }
    }

    /// The key's columns; on the server text in byte order (collation
    /// "C"), as SQLite orders it.
    fn order_by(&self, on_server: bool) -> String {
        self.columns[..self.key_width()]
            .iter()
            .map(|(name, kind)| match kind {
                Kind::Text if on_server => format!("{} COLLATE \"C\"", quote_ident(name)),
                _ => quote_ident(name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn file_select(&self) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.column_list(),
            self.name,
            self.order_by(false)
        )
    }

    fn server_select(&self) -> String {
        format!(
            "SELECT {} FROM styr.{} ORDER BY {}",
            self.column_list(),
            self.name,
            self.order_by(true)
        )
    }

    /// A row of the file, each value of its column's kind on the server.
    fn file_row(&self, row: &rusqlite::Row) -> Result<Vec<Value>> {
        let mut values = Vec::with_capacity(self.columns.len());
        for (index, (column, kind)) in self.columns.iter().enumerate() {
            let value = match (row.get_ref(index)?, kind) {
                (ValueRef::Null, _) => Some(Value::Null),
                (ValueRef::Integer(n), Kind::Integer) => Some(Value::Integer(n)),
                (ValueRef::Text(bytes), Kind::Text) => std::str::from_utf8(bytes)
                    .ok()
                    .map(|t| Value::Text(t.into())),
                (ValueRef::Blob(bytes), Kind::Blob) => Some(Value::Blob(bytes.to_vec())),
                _ => None,
            };
            let value = value.ok_or_else(|| MoveError::BadValue {
                table: self.name.to_string(),
                column: column.clone(),
                row: values.first().map_or_else(String::new, Value::shown),
            })?;
            values.push(value);
        }
        Ok(values)
    }

    /// A row of the server.
    fn server_row(&self, row: &postgres::Row) -> Vec<Value> {
        self.columns
            .iter()
            .enumerate()
            .map(|(index, (_, kind))| {
                let value = match kind {
                    Kind::Integer => row.get::<_, Option<i64>>(index).map(Value::Integer),
                    Kind::Text => row.get::<_, Option<String>>(index).map(Value::Text),
                    Kind::Blob => row.get::<_, Option<Vec<u8>>>(index).map(Value::Blob),
                };
                value.unwrap_or(Value::Null)
            })
            .collect()
    }
}

/// What was moved: the rows of each table, as read back on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Each table and its number of rows.
    pub counts: Vec<(&'static str, usize)>,
    /// The server database's roles, when it was set up by the move.
    pub initialised: Option<Initialised>,
}

impl Moved {
    /// The number of rows of `table`.
    pub fn count(&self, table: &str) -> usize {
        self.counts
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }
}

impl Server {
    /// Copies the whole database in the file `file` into this empty server
    /// database, setting it up as `server init` does, in one transaction;
    /// reads both sides back and compares them before committing. The file
    /// is only read: first copied aside, upgraded there when older, and
    /// checked with `doctor`. Rows stream through, a table at a time.
    pub fn move_in(&mut self, file: &Path) -> Result<Moved> {
        let scratch = std::env::temp_dir().join(format!("styr-move-{}.db", std::process::id()));
        let source = RestoreSource::check(file, &scratch)?;
        let dbname = self.dbname();
        let mut tx = self.client.transaction()?;
        let initialised = set_up(&mut tx, &dbname)?;
        // The events keep their ids, times and actors: only the owner may ask.
        tx.batch_execute("SET LOCAL styr.keep_stamps = 'on'")?;
        let shape = server_shape(&mut tx)?;
        let counts = source.store().read(|store| {
            let file = store.conn.file(crate::store::FileOnly::Copy)?;
            Ok(copy_file_in(file, &mut tx, &shape))
        })??;
        tx.batch_execute("RESET ROLE")?;
        tx.commit()?;
        // The planner's statistics of the tables just filled, so that the
        // first reads use their indexes (the server would gather them
        // itself, but only a while later). Only for speed: a failure here
        // changes nothing that was moved.
        let _ = self
            .client
            .batch_execute("ANALYZE styr.assignments, styr.events, styr.catalog_events");
        Ok(Moved {
            counts,
            initialised: Some(initialised),
        })
    }

    /// Writes the whole database into a new SQLite file at `target`, from
    /// one snapshot of the server, at the current schema; reads the file
    /// back and compares it with the snapshot, checks it with `doctor`,
    /// and only then gives it its name (never replacing a file).
    pub fn move_out(&mut self, target: &Path) -> Result<Moved> {
        if target.exists() {
            return Err(StoreError::Exists(target.to_path_buf()).into());
        }
        let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => dir.to_path_buf(),
            None => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(StoreError::MissingDirectory {
                path: target.to_path_buf(),
                dir,
            }
            .into());
        }
        self.roles()?;
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let shape = server_shape(&mut tx)?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "styr.db".into());
        let partial = dir.join(format!(".{name}.partial-{}", std::process::id()));
        let result = write_file(&partial, &mut tx, &shape).and_then(|counts| {
            std::fs::hard_link(&partial, target).map_err(|error| {
                if error.kind() == std::io::ErrorKind::AlreadyExists {
                    StoreError::Exists(target.to_path_buf())
                } else {
                    StoreError::CannotWrite {
                        path: target.to_path_buf(),
                        error,
                    }
                }
            })?;
            if let Ok(handle) = std::fs::File::open(&dir) {
                let _ = handle.sync_all();
            }
            Ok(counts)
        });
        remove_with_side_files(&partial);
        let counts = result?;
        tx.commit()?;
        Ok(Moved {
            counts,
            initialised: None,
        })
    }
}

/// Copies every table of the file into the server, moves the server's
/// sequences past the copied ids, then compares every table; returns each
/// table's rows.
fn copy_file_in(
    conn: &Connection,
    tx: &mut Transaction,
    shape: &[Table],
) -> Result<Vec<(&'static str, usize)>> {
    check_file_shape(conn, shape)?;
    for table in shape {
        if table.name != "event_hashes" {
            copy_in(conn, tx, table)?;
        }
    }
    for table in WITH_IDS {
        // Past the copied ids, so that the next insert gets a new one.
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('styr.{table}', 'id'),
                               GREATEST((SELECT max(id) FROM styr.{table}), 0) + 1, false)"
            ),
            &[],
        )?;
    }
    shape
        .iter()
        .map(|table| Ok((table.name, compare(conn, tx, table)?)))
        .collect()
}

/// Builds the file at `partial` from the server's snapshot in `tx`, then
/// checks it: read back equal, and `doctor` passes.
fn write_file(
    partial: &Path,
    tx: &mut Transaction,
    shape: &[Table],
) -> Result<Vec<(&'static str, usize)>> {
    remove_with_side_files(partial);
    // The schema as a new file gets it, then the rows.
    drop(Store::create(partial)?);
    let mut conn = Connection::open(partial)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let file = conn.transaction()?;
    // A row may come before the row it refers to (a goal moved under a later one).
    file.pragma_update(None, "defer_foreign_keys", true)?;
    // What a new file is given (its identity among the settings) gives way
    // to the copied rows; the logs of a new file are empty.
    for table in shape.iter().rev() {
        if !super::schema::APPEND_ONLY.contains(&table.name) {
            file.execute(&format!("DELETE FROM {}", table.name), [])?;
        }
    }
    for table in shape {
        let placeholders: Vec<String> =
            (1..=table.columns.len()).map(|i| format!("?{i}")).collect();
        let mut insert = file.prepare(&format!(
            "INSERT INTO {} ({}) VALUES ({})",
            table.name,
            table.column_list(),
            placeholders.join(", ")
        ))?;
        let mut rows = ServerRows::new(tx, &table.server_select())?;
        while let Some(row) = rows.next(tx)? {
            let row = table.server_row(&row);
            let values: Vec<_> = row.iter().map(Value::to_sqlite).collect();
            insert.execute(rusqlite::params_from_iter(values))?;
        }
    }
    file.commit()?;
    // A self-contained file: no WAL beside it.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.close().map_err(|(_, e)| StoreError::from(e))?;
    std::fs::File::open(partial)
        .and_then(|f| f.sync_all())
        .map_err(|error| StoreError::CannotWrite {
            path: partial.to_path_buf(),
            error,
        })?;
    let conn = Connection::open_with_flags(partial, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    check_file_shape(&conn, shape)?;
    let counts = shape
        .iter()
        .map(|table| Ok((table.name, compare(&conn, tx, table)?)))
        .collect::<Result<Vec<_>>>()?;
    drop(conn);
    let diagnosis = Store::open_to_read(partial)?.diagnose()?;
    if let Some(problem) = diagnosis.problems.into_iter().next() {
        return Err(MoveError::FailsDoctor(problem));
    }
    Ok(counts)
}

/// The columns of every table in [`TABLES`] on the server, in order.
fn server_shape(tx: &mut Transaction) -> Result<Vec<Table>> {
    let mut shape = Vec::new();
    for name in TABLES {
        let rows = tx.query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns
             WHERE table_schema = 'styr' AND table_name = $1 ORDER BY ordinal_position",
            &[name],
        )?;
        if rows.is_empty() {
            return Err(MoveError::SchemaDiffers {
                table: name.to_string(),
                column: None,
            });
        }
        let mut columns = Vec::new();
        for row in rows {
            let column: String = row.get(0);
            let data_type: String = row.get(1);
            let kind = Kind::of(&data_type).ok_or_else(|| MoveError::SchemaDiffers {
                table: name.to_string(),
                column: Some(column.clone()),
            })?;
            columns.push((column, kind));
        }
        shape.push(Table { name, columns });
    }
    Ok(shape)
}

/// Refuses a file with a table or column the server does not have, or
/// without one it has.
fn check_file_shape(conn: &Connection, shape: &[Table]) -> Result<()> {
    let mut names = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let in_file: Vec<String> = names
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(extra) = in_file.iter().find(|t| !TABLES.contains(&t.as_str())) {
        return Err(MoveError::SchemaDiffers {
            table: extra.clone(),
            column: None,
        });
    }
    for table in shape {
        let mut info = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let columns: Vec<String> = info
            .query_map([table.name], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let differs = |column: Option<&String>| MoveError::SchemaDiffers {
            table: table.name.to_string(),
            column: column.cloned(),
        };
        if columns.is_empty() {
            return Err(differs(None));
        }
        if let Some(extra) = columns
            .iter()
            .find(|c| !table.columns.iter().any(|(name, _)| name == *c))
        {
            return Err(differs(Some(extra)));
        }
        if let Some((missing, _)) = table
            .columns
            .iter()
            .find(|(name, _)| !columns.contains(name))
        {
            return Err(differs(Some(missing)));
        }
    }
    Ok(())
}

/// Streams a table's rows from the file to the server in PostgreSQL's
/// binary COPY format, in key order.
fn copy_in(conn: &Connection, tx: &mut Transaction, table: &Table) -> Result<()> {
    let types: Vec<Type> = table.columns.iter().map(|(_, k)| k.sql_type()).collect();
    let sink = tx.copy_in(&format!(
        "COPY styr.{} ({}) FROM STDIN (FORMAT binary)",
        table.name,
        table.column_list()
    ))?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut select = conn.prepare(&table.file_select())?;
    let mut rows = select.query([])?;
    while let Some(row) = rows.next()? {
        let row = table.file_row(row)?;
        let values: Vec<Box<dyn ToSql + Sync + '_>> = row
            .iter()
            .zip(&table.columns)
            .map(|(value, (_, kind))| value.to_sql(*kind))
            .collect();
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v.as_ref()).collect();
        writer.write(&refs)?;
    }
    writer.finish()?;
    Ok(())
}

/// How many rows of a table are read from the server at a time.
const BATCH: i32 = 5_000;

/// A table's rows from the server a batch at a time, through a portal of
/// the transaction, so that memory holds one batch however large the
/// table (a plain query's rows arrive as fast as the server sends them and
/// wait in memory for a reader that also writes or compares each one).
struct ServerRows {
    portal: postgres::Portal,
    batch: std::vec::IntoIter<postgres::Row>,
    done: bool,
}

impl ServerRows {
    fn new(tx: &mut Transaction, sql: &str) -> Result<ServerRows> {
        Ok(ServerRows {
            portal: tx.bind(sql, &[])?,
            batch: Vec::new().into_iter(),
            done: false,
        })
    }

    fn next(&mut self, tx: &mut Transaction) -> Result<Option<postgres::Row>> {
        if let Some(row) = self.batch.next() {
            return Ok(Some(row));
        }
        if self.done {
            return Ok(None);
        }
        let rows = tx.query_portal(&self.portal, BATCH)?;
        self.done = rows.len() < BATCH as usize;
        self.batch = rows.into_iter();
        Ok(self.batch.next())
    }
}

/// Reads a table on both sides in key order, row by row, and returns its
/// number of rows when every row is equal; else the first difference.
fn compare(conn: &Connection, tx: &mut Transaction, table: &Table) -> Result<usize> {
    let mut select = conn.prepare(&table.file_select())?;
    let mut here = select.query([])?;
    let mut there = ServerRows::new(tx, &table.server_select())?;
    let mut count = 0;
    loop {
        let mine = match here.next()? {
            Some(row) => Some(table.file_row(row)?),
            None => None,
        };
        let theirs = there.next(tx)?.map(|row| table.server_row(&row));
        match (mine, theirs) {
            (None, None) => return Ok(count),
            (Some(a), Some(b)) if a == b => count += 1,
            (Some(a), Some(_)) => {
                return Err(MoveError::Differs {
                    table: table.name.to_string(),
                    row: a.first().map(Value::shown),
                    here: count,
                    there: count,
                })
            }
            (mine, theirs) => {
                // One side ended first: count what is left of the other.
                let (mut here_count, mut there_count) = (count, count);
                if mine.is_some() {
                    here_count += 1;
                    while here.next()?.is_some() {
                        here_count += 1;
                    }
                }
                if theirs.is_some() {
                    there_count += 1;
                    while there.next(tx)?.is_some() {
                        there_count += 1;
                    }
                }
                return Err(MoveError::Differs {
                    table: table.name.to_string(),
                    row: None,
                    here: here_count,
                    there: there_count,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_ordered_by_their_key_with_text_in_byte_order_on_the_server() {
        let table = Table {
            name: "goal_sectors",
            columns: vec![
                ("goal_id".into(), Kind::Integer),
                ("sector".into(), Kind::Text),
                ("position".into(), Kind::Integer),
            ],
        };
        assert!(table
            .server_select()
            .ends_with("ORDER BY \"goal_id\", \"sector\" COLLATE \"C\""));
        assert!(table
            .file_select()
            .ends_with("ORDER BY \"goal_id\", \"sector\""));
    }

    #[test]
    fn every_table_of_a_new_file_is_moved() {
        let store = Store::in_memory().unwrap();
        let mut names = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
            )
            .unwrap();
        let in_file: Vec<String> = names
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(|n| n.unwrap())
            .collect();
        for table in &in_file {
            assert!(TABLES.contains(&table.as_str()), "{table} is not moved");
        }
        assert_eq!(in_file.len(), TABLES.len());
    }
}
