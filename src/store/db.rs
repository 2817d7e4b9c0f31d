//! One connection, to a SQLite file or to a PostgreSQL server, behind one
//! interface shaped like rusqlite's (the store was written against it):
//! `execute`, `query_row`, `prepare_cached` with `query_map` and `query`,
//! transactions and savepoints. The store's SQL is written once where both
//! dialects agree and per dialect where they do not ([`Conn::dialect`]).
//!
//! Values travel as rusqlite's: a parameter is anything rusqlite can bind
//! ([`rusqlite::ToSql`]), a column is read with [`rusqlite::types::FromSql`],
//! and errors are `rusqlite::Error`, so that the rows' readers and the
//! callers' `?` are the same for both. On a server, `?N` placeholders become
//! `$N`, each parameter is bound as the type the server infers for it (an
//! integer bound to a text column becomes its digits, as SQLite would store
//! it), each column is read back as the value SQLite would give, and a
//! failure of the server travels inside the rusqlite error as a
//! [`ServerFailure`], which `StoreError::from` takes out again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;

use postgres::types::private::BytesMut;
use postgres::types::{FromSql as PgFromSql, IsNull, ToSql as PgToSql, Type};
use rusqlite::types::{FromSql, ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, ToSql};

pub use rusqlite::Result;

/// Which SQL a connection speaks, for the statements the two write differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection to a database file or a server database.
pub enum Conn {
    File(Connection),
    Server(Box<ServerConn>),
}

/// A connection to a server database, with its prepared statements.
pub struct ServerConn {
    client: RefCell<postgres::Client>,
    /// Where the connection goes, to open another one there.
    target: super::server::Target,
    statements: RefCell<HashMap<String, postgres::Statement>>,
    /// Open transactions and savepoints: 0 outside a transaction.
    depth: Cell<u32>,
    /// The login role, once asked: the actor of every event written here.
    session_user: std::cell::OnceCell<String>,
}

/// What only a database file can do, for a server's refusal to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOnly {
    Backup,
    Restore,
    Copy,
    AnotherReader,
    BulkAppend,
    CloseAsOneFile,
    Configure,
    Past,
    Upgrade,
    /// `doctor --repair`: a server's guards are its owner's to put back.
    Repair,
}

/// What went wrong on the server, carried through `rusqlite::Error`.
#[derive(Debug)]
pub enum ServerFailure {
    /// The server's (or the connection's) error.
    Postgres(postgres::Error),
    /// A value that cannot be bound as the type the server expects.
    Bind { value: String, ty: String },
    /// A column of a type the store does not read.
    ColumnType(String),
    /// Something only a database file can do.
    FileOnly(FileOnly),
}

impl fmt::Display for ServerFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServerFailure::Postgres(e) => match e.as_db_error() {
                Some(db) => f.write_str(db.message()),
                None => e.fmt(f),
            },
            other => f.write_str(&crate::words::server::failure(
                other,
                crate::words::Lang::En,
            )),
        }
    }
}

impl std::error::Error for ServerFailure {}

fn failure(f: ServerFailure) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(f))
}

fn pg(error: postgres::Error) -> rusqlite::Error {
    failure(ServerFailure::Postgres(error))
}

/// Parameters of a statement: what rusqlite binds, and their values for a server.
pub trait Args {
    type File: rusqlite::Params;
    fn for_file(self) -> Self::File;
    fn values(self) -> Result<Vec<Value>>;
}

fn owned(value: &dyn ToSql) -> Result<Value> {
    Ok(match value.to_sql()? {
        ToSqlOutput::Borrowed(v) => v.into(),
        ToSqlOutput::Owned(v) => v,
        other => {
            return Err(failure(ServerFailure::Bind {
                value: format!("{other:?}"),
                ty: "a value".into(),
            }))
        }
    })
}

impl<'a> Args for &'a [&'a dyn ToSql] {
    type File = Self;
    fn for_file(self) -> Self {
        self
    }
    fn values(self) -> Result<Vec<Value>> {
        self.iter().map(|v| owned(*v)).collect()
    }
}

impl Args for () {
    type File = ();
    fn for_file(self) {}
    fn values(self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

impl Args for [&(dyn ToSql + Send + Sync); 0] {
    type File = Self;
    fn for_file(self) -> Self {
        self
    }
    fn values(self) -> Result<Vec<Value>> {
        Ok(Vec::new())
    }
}

macro_rules! args_for_arrays {
    ($($n:literal)+) => {$(
        impl<T: ToSql> Args for [T; $n] {
            type File = Self;
            fn for_file(self) -> Self {
                self
            }
            fn values(self) -> Result<Vec<Value>> {
                self.iter().map(|v| owned(v)).collect()
            }
        }
        impl<'a, T: ToSql> Args for &'a [&'a T; $n] {
            type File = Self;
            fn for_file(self) -> Self {
                self
            }
            fn values(self) -> Result<Vec<Value>> {
                self.iter().map(|v| owned(*v)).collect()
            }
        }
    )+};
}
args_for_arrays!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// Parameters from an iterator, as [`rusqlite::params_from_iter`].
pub struct FromIter<I>(I);

pub fn params_from_iter<I>(iter: I) -> FromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    FromIter(iter)
}

impl<I> Args for FromIter<I>
where
    I: IntoIterator,
    I::Item: ToSql,
{
    type File = rusqlite::ParamsFromIter<I>;
    fn for_file(self) -> Self::File {
        rusqlite::params_from_iter(self.0)
    }
    fn values(self) -> Result<Vec<Value>> {
        self.0.into_iter().map(|v| owned(&v)).collect()
    }
}

/// `params![a, b]`: the parameters of a statement, as rusqlite's macro.
#[macro_export]
macro_rules! sql_params {
    () => { &[] as &[&dyn rusqlite::ToSql] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn rusqlite::ToSql),+] as &[&dyn rusqlite::ToSql] };
}
pub use crate::sql_params as params;

/// A column's place in a row (written `get::<_, T>(i)`, as in rusqlite).
pub trait ColumnIndex {
    fn index(self) -> usize;
}

impl ColumnIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One row of a result.
pub enum Row<'r> {
    File(&'r rusqlite::Row<'r>),
    Server(&'r postgres::Row),
}

impl<'r> Row<'r> {
    /// The value of a column, converted as rusqlite converts it.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, column: I) -> Result<T> {
        let column = column.index();
        match self {
            Row::File(row) => row.get(column),
            Row::Server(_) => {
                let value = self.get_ref(column)?;
                T::column_result(value).map_err(|e| match e {
                    rusqlite::types::FromSqlError::InvalidType => {
                        rusqlite::Error::InvalidColumnType(
                            column,
                            self.column_name(column).unwrap_or("?").to_string(),
                            value.data_type(),
                        )
                    }
                    other => rusqlite::Error::FromSqlConversionFailure(
                        column,
                        value.data_type(),
                        Box::new(other),
                    ),
                })
            }
        }
    }

    /// A column's value, borrowed from the row.
    pub fn get_ref(&self, column: usize) -> Result<ValueRef<'r>> {
        match self {
            Row::File(row) => row.get_ref(column),
            Row::Server(row) => server_cell(row, column),
        }
    }

    pub fn column_name(&self, column: usize) -> Option<&str> {
        match self {
            Row::File(row) => row.as_ref().column_name(column).ok(),
            Row::Server(row) => row.columns().get(column).map(|c| c.name()),
        }
    }
}

/// A server row's column as the value SQLite would give for it.
fn server_cell(row: &postgres::Row, column: usize) -> Result<ValueRef<'_>> {
    let Some(ty) = row.columns().get(column).map(|c| c.type_().clone()) else {
        return Err(rusqlite::Error::InvalidColumnIndex(column));
    };
    let get_err = |e: postgres::Error| pg(e);
    Ok(match ty {
        Type::INT8 => opt(
            row.try_get::<_, Option<i64>>(column).map_err(get_err)?,
            ValueRef::Integer,
        ),
        Type::INT4 => opt(
            row.try_get::<_, Option<i32>>(column).map_err(get_err)?,
            |n| ValueRef::Integer(n.into()),
        ),
        Type::INT2 => opt(
            row.try_get::<_, Option<i16>>(column).map_err(get_err)?,
            |n| ValueRef::Integer(n.into()),
        ),
        Type::BOOL => opt(
            row.try_get::<_, Option<bool>>(column).map_err(get_err)?,
            |b| ValueRef::Integer(b.into()),
        ),
        Type::FLOAT8 => opt(
            row.try_get::<_, Option<f64>>(column).map_err(get_err)?,
            ValueRef::Real,
        ),
        Type::FLOAT4 => opt(
            row.try_get::<_, Option<f32>>(column).map_err(get_err)?,
            |x| ValueRef::Real(x.into()),
        ),
        Type::NUMERIC => opt(
            row.try_get::<_, Option<Numeric>>(column).map_err(get_err)?,
            |n| match n {
                Numeric::Integer(i) => ValueRef::Integer(i),
                Numeric::Real(x) => ValueRef::Real(x),
            },
        ),
        Type::BYTEA => opt(
            row.try_get::<_, Option<&[u8]>>(column).map_err(get_err)?,
            ValueRef::Blob,
        ),
        Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR | Type::UNKNOWN => opt(
            row.try_get::<_, Option<&str>>(column).map_err(get_err)?,
            |s| ValueRef::Text(s.as_bytes()),
        ),
        other => return Err(failure(ServerFailure::ColumnType(other.name().to_string()))),
    })
}

fn opt<'a, T>(value: Option<T>, f: impl FnOnce(T) -> ValueRef<'a>) -> ValueRef<'a> {
    value.map_or(ValueRef::Null, f)
}

/// A `numeric` (what the server's `sum` of integers gives), as an integer
/// when it has no fraction.
enum Numeric {
    Integer(i64),
    Real(f64),
}

impl<'a> PgFromSql<'a> for Numeric {
    fn from_sql(
        _: &Type,
        raw: &'a [u8],
    ) -> std::result::Result<Self, Box<dyn std::error::Error + Sync + Send>> {
        // The binary form: digit count, weight, sign, scale, then base-10000 digits.
        let word =
            |i: usize| -> std::result::Result<u16, Box<dyn std::error::Error + Sync + Send>> {
                raw.get(i * 2..i * 2 + 2)
                    .map(|b| u16::from_be_bytes([b[0], b[1]]))
                    .ok_or_else(|| "numeric".into())
            };
        let digits = word(0)? as usize;
        let weight = word(1)? as i16 as i32;
        let sign = word(2)?;
        if sign == 0xC000 {
            return Ok(Numeric::Real(f64::NAN));
        }
        let mut value = 0f64;
        let mut integral = true;
        for i in 0..digits {
            let digit = f64::from(word(4 + i)?);
            let power = weight - i as i32;
            if power < 0 && digit != 0.0 {
                integral = false;
            }
            value += digit * 10000f64.powi(power);
        }
        if sign == 0x4000 {
            value = -value;
        }
        if integral && value.abs() < 9.0e15 {
            Ok(Numeric::Integer(value as i64))
        } else {
            Ok(Numeric::Real(value))
        }
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::NUMERIC
    }
}

/// A value bound as the type the server expects for its parameter.
#[derive(Debug)]
struct Bind<'v>(&'v Value);

impl PgToSql for Bind<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let refused = || -> Box<dyn std::error::Error + Sync + Send> {
            Box::new(ServerFailure::Bind {
                value: format!("{:?}", self.0),
                ty: ty.name().to_string(),
            })
        };
        match (self.0, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Integer(n), &Type::INT8) => PgToSql::to_sql(&n, ty, out),
            (Value::Integer(n), &Type::INT4) => {
                PgToSql::to_sql(&i32::try_from(*n).map_err(|_| refused())?, ty, out)
            }
            (Value::Integer(n), &Type::INT2) => {
                PgToSql::to_sql(&i16::try_from(*n).map_err(|_| refused())?, ty, out)
            }
            (Value::Integer(n), &Type::BOOL) => PgToSql::to_sql(&(*n != 0), ty, out),
            (Value::Integer(n), &Type::FLOAT8) => PgToSql::to_sql(&(*n as f64), ty, out),
            (Value::Integer(n), t) if is_text(t) => {
                PgToSql::to_sql(&n.to_string().as_str(), ty, out)
            }
            (Value::Real(x), &Type::FLOAT8) => PgToSql::to_sql(&x, ty, out),
            (Value::Real(x), t) if is_text(t) => PgToSql::to_sql(&x.to_string().as_str(), ty, out),
            (Value::Text(s), t) if is_text(t) => PgToSql::to_sql(&s.as_str(), ty, out),
            (Value::Text(s), &Type::INT8) => {
                PgToSql::to_sql(&s.parse::<i64>().map_err(|_| refused())?, ty, out)
            }
            (Value::Text(s), &Type::BYTEA) => PgToSql::to_sql(&s.as_bytes(), ty, out),
            (Value::Blob(b), &Type::BYTEA) => PgToSql::to_sql(&b.as_slice(), ty, out),
            _ => Err(refused()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn is_text(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::NAME | Type::BPCHAR | Type::UNKNOWN
    )
}

/// SQL as a server reads it: `?N` and `?` placeholders as PostgreSQL's
/// `$N`, SQLite's schema names as the server's (`main.events` is
/// `styr.events`, `temp.x` is `pg_temp.x`); string literals and quoted
/// names are left alone.
pub fn for_server(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next = 1;
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\u{27}' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str(&format!("${next}"));
                    next += 1;
                } else {
                    next = digits.parse::<usize>().unwrap_or(next) + 1;
                    out.push('$');
                    out.push_str(&digits);
                }
            }
            // SQLite's names of the database and of the connection's own
            // temporary schema, as the server names them.
            'm' | 't'
                if out
                    .chars()
                    .last()
                    .is_none_or(|p| !(p.is_alphanumeric() || p == '_' || p == '.')) =>
            {
                let rest: String = chars.clone().take(4).collect();
                let (skip, server) = match (c, rest.as_str()) {
                    ('m', "ain.") => (4, "styr."),
                    ('t', "emp.") => (4, "pg_temp."),
                    _ => (0, ""),
                };
                if skip == 0 {
                    out.push(c);
                } else {
                    out.push_str(server);
                    for _ in 0..skip {
                        chars.next();
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

impl ServerConn {
    /// Whether the connection to the server is gone (the server restarted,
    /// or ended this session); every statement fails until it is reopened.
    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }

    pub fn new(client: postgres::Client, target: super::server::Target) -> ServerConn {
        ServerConn {
            client: RefCell::new(client),
            target,
            statements: RefCell::new(HashMap::new()),
            depth: Cell::new(0),
            session_user: std::cell::OnceCell::new(),
        }
    }

    /// The login role (`session_user`): the server writes it as the actor
    /// of every event, whatever name a client sends.
    pub fn session_user(&self) -> Result<String> {
        if let Some(user) = self.session_user.get() {
            return Ok(user.clone());
        }
        let user: String = self
            .client
            .borrow_mut()
            .query_one("SELECT session_user::text", &[])
            .map_err(pg)?
            .get(0);
        Ok(self.session_user.get_or_init(|| user).clone())
    }

    /// The statement prepared for `sql`, once per connection. Where the
    /// server cannot tell a parameter's type from the SQL (one not used,
    /// or used only in `IS NULL`), the types of the values first bound
    /// with it say.
    fn statement(&self, sql: &str, values: &[Value]) -> Result<postgres::Statement> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let text = for_server(sql);
        // A statement the server refuses to prepare ends the transaction
        // it is in, so inside one it is tried under a savepoint.
        let inside = self.depth.get() > 0;
        if inside {
            self.batch("SAVEPOINT styr_prepare")?;
        }
        let mut prepared = self.client.borrow_mut().prepare(&text);
        if inside {
            let after = match prepared {
                Ok(_) => "RELEASE styr_prepare",
                Err(_) => "ROLLBACK TO styr_prepare; RELEASE styr_prepare",
            };
            self.batch(after)?;
        }
        if let Err(e) = &prepared {
            if e.code() == Some(&postgres::error::SqlState::INDETERMINATE_DATATYPE) {
                let types: Vec<Type> = values
                    .iter()
                    .map(|v| match v {
                        Value::Integer(_) => Type::INT8,
                        Value::Real(_) => Type::FLOAT8,
                        Value::Blob(_) => Type::BYTEA,
                        Value::Null | Value::Text(_) => Type::TEXT,
                    })
                    .collect();
                prepared = self.client.borrow_mut().prepare_typed(&text, &types);
            }
        }
        let statement = prepared.map_err(|e| {
            if std::env::var_os("STYR_DEBUG_SQL").is_some() {
                eprintln!("{e}: {text}");
            }
            pg(e)
        })?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    fn rows(&self, sql: &str, values: &[Value]) -> Result<Vec<postgres::Row>> {
        let statement = self.statement(sql, values)?;
        let binds: Vec<Bind> = values.iter().map(Bind).collect();
        let refs: Vec<&(dyn PgToSql + Sync)> = binds.iter().map(|b| b as _).collect();
        self.client
            .borrow_mut()
            .query(&statement, &refs)
            .map_err(pg)
    }

    fn execute(&self, sql: &str, values: &[Value]) -> Result<usize> {
        let statement = self.statement(sql, values)?;
        let binds: Vec<Bind> = values.iter().map(Bind).collect();
        let refs: Vec<&(dyn PgToSql + Sync)> = binds.iter().map(|b| b as _).collect();
        let count = self
            .client
            .borrow_mut()
            .execute(&statement, &refs)
            .map_err(pg)?;
        Ok(count as usize)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        self.client.borrow_mut().batch_execute(sql).map_err(pg)
    }

    /// Where the connection goes.
    pub fn target(&self) -> &super::server::Target {
        &self.target
    }
}

impl Conn {
    /// Who a change is made by: on a server the login role (which the
    /// server records whatever is sent), on a file `given`.
    pub fn actor(&self, given: &str) -> Result<String> {
        match self {
            Conn::File(_) => Ok(given.to_string()),
            Conn::Server(server) => server.session_user(),
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Conn::File(_) => Dialect::Sqlite,
            Conn::Server(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection, for what only a file has (pragmas, backups,
    /// its quick check); a server refuses with `what`.
    pub fn file(&self, what: FileOnly) -> Result<&Connection> {
        match self {
            Conn::File(conn) => Ok(conn),
            Conn::Server(_) => Err(failure(ServerFailure::FileOnly(what))),
        }
    }

    pub fn file_mut(&mut self, what: FileOnly) -> Result<&mut Connection> {
        match self {
            Conn::File(conn) => Ok(conn),
            Conn::Server(_) => Err(failure(ServerFailure::FileOnly(what))),
        }
    }

    /// The file's connection, or `None` on a server.
    pub fn as_file(&self) -> Option<&Connection> {
        match self {
            Conn::File(conn) => Some(conn),
            Conn::Server(_) => None,
        }
    }

    pub fn as_server(&self) -> Option<&ServerConn> {
        match self {
            Conn::File(_) => None,
            Conn::Server(server) => Some(server),
        }
    }

    pub fn execute<A: Args>(&self, sql: &str, args: A) -> Result<usize> {
        match self {
            Conn::File(conn) => conn.prepare_cached(sql)?.execute(args.for_file()),
            Conn::Server(server) => server.execute(sql, &args.values()?),
        }
    }

    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::File(conn) => conn.execute_batch(sql),
            Conn::Server(server) => server.batch(&for_server(sql)),
        }
    }

    /// A query of the ids given as the one text parameter `?n` (made by
    /// [`Conn::id_list`]), for `IN (…)`: SQLite reads it as JSON, the
    /// server as an array.
    pub fn id_set(&self, n: usize) -> String {
        match self.dialect() {
            Dialect::Sqlite => format!("SELECT value FROM json_each(?{n})"),
            Dialect::Postgres => format!("SELECT unnest(CAST(CAST(?{n} AS TEXT) AS bigint[]))"),
        }
    }

    /// The text of `ids` for [`Conn::id_set`]: `[1,2]` for SQLite, `{1,2}`
    /// for the server.
    pub fn id_list(&self, ids: &[i64]) -> String {
        let joined = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        match self.dialect() {
            Dialect::Sqlite => format!("[{joined}]"),
            Dialect::Postgres => format!("{{{joined}}}"),
        }
    }

    /// Forgets the statements prepared on a server, whose plans name the
    /// tables as they were found then (a temporary table made since would
    /// not stand in for a stored one in them).
    pub fn forget_statements(&self) {
        if let Conn::Server(server) = self {
            server.statements.borrow_mut().clear();
        }
    }

    pub fn query_row<T, A: Args, F>(&self, sql: &str, args: A, f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        match self {
            Conn::File(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let mut rows = stmt.query(args.for_file())?;
                match rows.next()? {
                    Some(row) => f(&Row::File(row)),
                    None => Err(rusqlite::Error::QueryReturnedNoRows),
                }
            }
            Conn::Server(server) => {
                let rows = server.rows(sql, &args.values()?)?;
                match rows.first() {
                    Some(row) => f(&Row::Server(row)),
                    None => Err(rusqlite::Error::QueryReturnedNoRows),
                }
            }
        }
    }

    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(match self {
            Conn::File(conn) => Statement::File(conn.prepare_cached(sql)?),
            Conn::Server(server) => Statement::Server {
                server,
                sql: sql.to_string(),
            },
        })
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        self.prepare_cached(sql)
    }

    /// Runs an INSERT of one row and gives the id the database gave it
    /// (on a server, and for a log the server stamps, the only way to learn it).
    pub fn insert<A: Args>(&self, sql: &str, args: A) -> Result<i64> {
        match self {
            Conn::File(conn) => {
                conn.prepare_cached(sql)?.execute(args.for_file())?;
                Ok(conn.last_insert_rowid())
            }
            Conn::Server(server) => {
                let returning = [sql, " RETURNING id"].concat();
                let rows = server.rows(&returning, &args.values()?)?;
                Ok(rows.first().map(|r| r.get::<_, i64>(0)).unwrap_or_default())
            }
        }
    }

    pub fn is_autocommit(&self) -> bool {
        match self {
            Conn::File(conn) => conn.is_autocommit(),
            Conn::Server(server) => server.depth.get() == 0,
        }
    }

    /// Opens a transaction without a guard (see [`Conn::end`]), for a
    /// caller that holds the connection mutably meanwhile.
    pub fn begin(&self, kind: Begin) -> Result<()> {
        match (self, kind) {
            (Conn::File(conn), Begin::Write) => conn.execute_batch("BEGIN IMMEDIATE"),
            (Conn::File(conn), Begin::Read) => conn.execute_batch("BEGIN DEFERRED"),
            (Conn::Server(server), Begin::Write) => {
                // READ COMMITTED after the write lock: every statement sees
                // the latest committed state, which no one else can change
                // until this transaction ends.
                server.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
                server.depth.set(1);
                if let Err(e) = server.batch("SELECT styr.begin_write()") {
                    let _ = server.batch("ROLLBACK");
                    server.depth.set(0);
                    return Err(e);
                }
                Ok(())
            }
            (Conn::Server(server), Begin::Read) => {
                server.batch("BEGIN ISOLATION LEVEL REPEATABLE READ")?;
                server.depth.set(1);
                Ok(())
            }
        }
    }

    /// Ends the transaction [`Conn::begin`] opened.
    pub fn end(&self, end: End) -> Result<()> {
        let sql = match end {
            End::Commit => "COMMIT",
            End::Rollback => "ROLLBACK",
        };
        let outcome = self.execute_batch(sql);
        if let Conn::Server(server) = self {
            server.depth.set(0);
        }
        if outcome.is_err() && end == End::Commit {
            let _ = self.execute_batch("ROLLBACK");
        }
        outcome
    }

    /// A transaction that writes: on a file it takes SQLite's write lock
    /// at once; on a server the database's write lock (writers one at a time).
    pub fn write_transaction(&self) -> Result<Transaction<'_>> {
        self.begin(Begin::Write)?;
        Ok(Transaction {
            conn: self,
            savepoint: None,
            done: false,
        })
    }

    /// A transaction that reads one consistent state of the database.
    pub fn read_transaction(&self) -> Result<Transaction<'_>> {
        self.begin(Begin::Read)?;
        Ok(Transaction {
            conn: self,
            savepoint: None,
            done: false,
        })
    }

    /// A savepoint inside the open transaction.
    pub fn savepoint(&self) -> Result<Transaction<'_>> {
        let depth = match self {
            Conn::File(_) => 0,
            Conn::Server(server) => server.depth.get(),
        };
        let name = format!("styr_savepoint_{depth}");
        self.execute_batch(&format!("SAVEPOINT {name}"))?;
        if let Conn::Server(server) = self {
            server.depth.set(depth + 1);
        }
        Ok(Transaction {
            conn: self,
            savepoint: Some(name),
            done: false,
        })
    }
}

/// What a transaction is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    Read,
    Write,
}

/// How a transaction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Commit,
    Rollback,
}

/// An open transaction or savepoint: rolled back when dropped uncommitted.
pub struct Transaction<'c> {
    conn: &'c Conn,
    savepoint: Option<String>,
    done: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        match &self.savepoint {
            Some(name) => {
                let outcome = self.conn.execute_batch(&format!("RELEASE {name}"));
                self.leave();
                outcome
            }
            None => self.conn.end(End::Commit),
        }
    }

    pub fn rollback(mut self) -> Result<()> {
        self.done = true;
        self.undo()
    }

    fn undo(&self) -> Result<()> {
        match &self.savepoint {
            Some(name) => {
                let outcome = self
                    .conn
                    .execute_batch(&format!("ROLLBACK TO {name}; RELEASE {name}"));
                self.leave();
                outcome
            }
            None => self.conn.end(End::Rollback),
        }
    }

    /// A savepoint released or rolled back: one level less deep.
    fn leave(&self) {
        if let Conn::Server(server) = self.conn {
            server.depth.set(server.depth.get().saturating_sub(1));
        }
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.undo();
        }
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

/// A prepared statement.
pub enum Statement<'c> {
    File(rusqlite::CachedStatement<'c>),
    Server { server: &'c ServerConn, sql: String },
}

impl<'c> Statement<'c> {
    pub fn execute<A: Args>(&mut self, args: A) -> Result<usize> {
        match self {
            Statement::File(stmt) => stmt.execute(args.for_file()),
            Statement::Server { server, sql } => server.execute(sql, &args.values()?),
        }
    }

    pub fn query<A: Args>(&mut self, args: A) -> Result<Rows<'_>> {
        Ok(match self {
            Statement::File(stmt) => Rows::File(stmt.query(args.for_file())?),
            Statement::Server { server, sql } => Rows::Server {
                rows: server.rows(sql, &args.values()?)?,
                next: 0,
            },
        })
    }

    /// The rows mapped by `f`, read as the iterator is, as rusqlite's
    /// `query_map` (an error reading one row is that row's item).
    pub fn query_map<T, A: Args, F>(&mut self, args: A, f: F) -> Result<MappedRows<'_, F>>
    where
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        Ok(MappedRows {
            rows: self.query(args)?,
            f,
        })
    }

    pub fn query_row<T, A: Args, F>(&mut self, args: A, f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut rows = self.query(args)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(rusqlite::Error::QueryReturnedNoRows),
        }
    }
}

/// The rows of a query mapped by a function, as an iterator.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// The rows of a query, read one at a time.
pub enum Rows<'s> {
    File(rusqlite::Rows<'s>),
    Server {
        rows: Vec<postgres::Row>,
        next: usize,
    },
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::File(rows) => Ok(rows.next()?.map(Row::File)),
            Rows::Server { rows, next } => {
                let row = rows.get(*next);
                *next += 1;
                Ok(row.map(Row::Server))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_outside_quotes() {
        assert_eq!(
            for_server("SELECT '?1', x FROM t WHERE a = ?1 AND b = ?2 OR \"?\" = ?"),
            "SELECT '?1', x FROM t WHERE a = $1 AND b = $2 OR \"?\" = $3"
        );
        assert_eq!(for_server("a = ? AND b = ?"), "a = $1 AND b = $2");
        assert_eq!(
            for_server("SELECT x FROM main.events JOIN domain.t, temp.p WHERE y = 'main.z'"),
            "SELECT x FROM styr.events JOIN domain.t, pg_temp.p WHERE y = 'main.z'"
        );
    }

    #[test]
    fn a_list_of_ids_is_one_parameter_in_each_dialect() {
        let file = Conn::File(Connection::open_in_memory().unwrap());
        assert_eq!(file.id_list(&[3, 5, 8]), "[3,5,8]");
        let found: Vec<i64> = file
            .prepare_cached(&format!("SELECT * FROM ({}) ORDER BY 1", file.id_set(1)))
            .unwrap()
            .query_map([file.id_list(&[8, 3, 5])], |r| r.get(0))
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(found, [3, 5, 8]);
    }
}
