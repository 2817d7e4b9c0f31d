//! The schema, as ordered migrations keyed on `PRAGMA user_version`.

/// Each entry moves the schema one version up; never edit a published one.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    CREATE TABLE sectors (
        code     TEXT PRIMARY KEY CHECK (length(code) > 0),
        name     TEXT NOT NULL,
        position INTEGER NOT NULL
    );

    CREATE TABLE goals (
        id        INTEGER PRIMARY KEY,
        parent_id INTEGER REFERENCES goals(id),
        kind      TEXT NOT NULL CHECK (kind IN ('focus-area', 'main-goal', 'sub-goal')),
        code      TEXT NOT NULL,
        title     TEXT NOT NULL CHECK (length(trim(title)) > 0),
        position  INTEGER NOT NULL
    );
    CREATE INDEX goals_parent ON goals(parent_id);

    CREATE TABLE goal_sectors (
        goal_id  INTEGER NOT NULL REFERENCES goals(id),
        sector   TEXT NOT NULL REFERENCES sectors(code),
        position INTEGER NOT NULL,
        PRIMARY KEY (goal_id, sector)
    );

    CREATE TABLE assignments (
        id            INTEGER PRIMARY KEY,
        parent_id     INTEGER REFERENCES assignments(id),
        year          INTEGER NOT NULL,
        title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
        description   TEXT NOT NULL DEFAULT '',
        lead_sector   TEXT NOT NULL REFERENCES sectors(code),
        sectors       TEXT NOT NULL DEFAULT '',
        goal_id       INTEGER REFERENCES goals(id),
        source        TEXT NOT NULL DEFAULT '',
        owner         TEXT NOT NULL DEFAULT '',
        due           TEXT,
        status        TEXT NOT NULL
                      CHECK (status IN ('not-started', 'in-progress', 'done', 'cancelled')),
        assessment    TEXT CHECK (assessment IN ('green', 'yellow', 'red')),
        expected_done TEXT,
        version       INTEGER NOT NULL CHECK (version >= 1)
    );
    CREATE INDEX assignments_lead_sector ON assignments(lead_sector);
    CREATE INDEX assignments_due ON assignments(due);
    CREATE INDEX assignments_parent ON assignments(parent_id);
    CREATE INDEX assignments_goal ON assignments(goal_id);

    CREATE TABLE events (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        at            TEXT NOT NULL,
        actor         TEXT NOT NULL,
        assignment_id INTEGER NOT NULL REFERENCES assignments(id),
        field         TEXT NOT NULL,
        old           TEXT,
        new           TEXT,
        comment       TEXT,
        undoes        INTEGER REFERENCES events(id)
    );
    CREATE INDEX events_assignment ON events(assignment_id, id);
    CREATE INDEX events_at ON events(at);
    CREATE INDEX events_actor ON events(actor, id);

    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN
        SELECT RAISE(ABORT, 'events is append-only: UPDATE is not allowed');
    END;
    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN
        SELECT RAISE(ABORT, 'events is append-only: DELETE is not allowed');
    END;

    CREATE TABLE wheel_entries (
        id         INTEGER PRIMARY KEY,
        year       INTEGER NOT NULL,
        start_date TEXT NOT NULL,
        end_date   TEXT NOT NULL,
        title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
        kind       TEXT NOT NULL CHECK (kind IN ('administrative', 'political')),
        sector     TEXT REFERENCES sectors(code),
        tags       TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        CHECK (end_date >= start_date)
    );
    CREATE INDEX wheel_entries_year ON wheel_entries(year, start_date);
    "#,
    // 2: INSERT OR REPLACE deletes the row it replaces without firing delete
    // triggers (unless recursive_triggers is on), so it could rewrite an event.
    r#"
    CREATE TRIGGER events_no_replace BEFORE INSERT ON events
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'events is append-only: an event cannot be replaced');
    END;
    "#,
    // 3: goals can be retired; the catalog log records every change to goals
    // and årshjul entries, append-only like `events`; a random identity per
    // database keeps calendar UIDs stable across exports.
    r#"
    ALTER TABLE goals ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));

    CREATE TABLE catalog_events (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        entity    TEXT NOT NULL CHECK (entity IN ('goal', 'wheel')),
        entity_id INTEGER NOT NULL,
        field     TEXT NOT NULL,
        old       TEXT,
        new       TEXT,
        comment   TEXT
    );
    CREATE INDEX catalog_events_entity ON catalog_events(entity, entity_id, id);
    CREATE INDEX catalog_events_at ON catalog_events(at);

    CREATE TRIGGER catalog_events_no_update BEFORE UPDATE ON catalog_events
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: UPDATE is not allowed');
    END;
    CREATE TRIGGER catalog_events_no_delete BEFORE DELETE ON catalog_events
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: DELETE is not allowed');
    END;
    CREATE TRIGGER catalog_events_no_replace BEFORE INSERT ON catalog_events
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM catalog_events WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: an event cannot be replaced');
    END;

    INSERT OR IGNORE INTO settings (key, value) VALUES ('identity', lower(hex(randomblob(16))));
    "#,
    // 4: reporting periods per plan year, and the period a report event is for.
    r#"
    CREATE TABLE periods (
        year       INTEGER NOT NULL,
        code       TEXT NOT NULL CHECK (length(code) > 0),
        label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
        start_date TEXT NOT NULL,
        end_date   TEXT NOT NULL,
        report_due TEXT NOT NULL,
        PRIMARY KEY (year, code),
        CHECK (end_date >= start_date AND report_due >= end_date)
    );

    ALTER TABLE events ADD COLUMN period TEXT;
    CREATE INDEX events_period ON events(period) WHERE period IS NOT NULL;

    -- A database from before periods gets the default periods (as
    -- assets/default_periods.toml had them then) for every year it holds.
    WITH years(year) AS (
        SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'year'
        UNION SELECT year FROM assignments
        UNION SELECT year FROM wheel_entries
    )
    INSERT INTO periods (year, code, label, start_date, end_date, report_due)
    SELECT year, 'T1', '1. tertial', year || '-01-01', year || '-04-30', year || '-05-12'
        FROM years WHERE year BETWEEN 1000 AND 9998
    UNION ALL
    SELECT year, 'T2', '2. tertial', year || '-05-01', year || '-08-31', year || '-09-12'
        FROM years WHERE year BETWEEN 1000 AND 9998
    UNION ALL
    SELECT year, 'AR', 'Årsrapport', year || '-01-01', year || '-12-31', (year + 1) || '-02-28'
        FROM years WHERE year BETWEEN 1000 AND 9998;
    "#,
    // 5: the terminal UI reads one plan year; without this it read every
    // assignment of every year to find them.
    r#"
    CREATE INDEX IF NOT EXISTS assignments_year ON assignments(year);
    "#,
    // 6: `list --sector` and `list --overdue` read only the rows they show.
    // Each index carries every column, so a listing never visits the table
    // (whose matching rows lie spread over all of its pages); SQLite keeps
    // both in step with the table in the same transaction as every change.
    // The first replaces the index on the lead sector alone; the second
    // holds only open assignments that are not tasks, ordered by deadline.
    // Its condition is written with `+parent_id`, as the listing writes
    // it: a query must name a partial index's condition to use it, and
    // the `+` keeps SQLite from taking the parent index instead.
    r#"
    DROP INDEX IF EXISTS assignments_lead_sector;
    CREATE INDEX IF NOT EXISTS assignments_by_sector ON assignments(
        lead_sector, id, parent_id, year, title, description, sectors, goal_id,
        source, owner, due, status, assessment, expected_done, version);
    CREATE INDEX IF NOT EXISTS assignments_open_by_due ON assignments(
        due, id, parent_id, year, title, description, lead_sector, sectors, goal_id,
        source, owner, status, assessment, expected_done, version)
        WHERE +parent_id IS NULL AND status IN ('not-started', 'in-progress');
    "#,
    // 7: each event log is a hash chain (see `store::chain`): an event's
    // SHA-256 over its content and its predecessor's hash, kept beside the
    // logs so that their tables and triggers stay as they are, and
    // append-only like them. The hashes of the events a file already holds
    // are computed in Rust after the migration ([`after_upgrade`]).
    r#"
    CREATE TABLE event_hashes (
        log      TEXT NOT NULL CHECK (log IN ('events', 'catalog_events')),
        event_id INTEGER NOT NULL,
        hash     BLOB NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (log, event_id)
    ) WITHOUT ROWID;

    CREATE TRIGGER event_hashes_no_update BEFORE UPDATE ON event_hashes
    BEGIN
        SELECT RAISE(ABORT, 'event_hashes is append-only: UPDATE is not allowed');
    END;
    CREATE TRIGGER event_hashes_no_delete BEFORE DELETE ON event_hashes
    BEGIN
        SELECT RAISE(ABORT, 'event_hashes is append-only: DELETE is not allowed');
    END;
    CREATE TRIGGER event_hashes_no_replace BEFORE INSERT ON event_hashes
    WHEN EXISTS (SELECT 1 FROM event_hashes WHERE log = NEW.log AND event_id = NEW.event_id)
    BEGIN
        SELECT RAISE(ABORT, 'event_hashes is append-only: a hash cannot be replaced');
    END;
    "#,
    // 8: political decisions (vedtak), the bodies that make them, and the
    // oppdrag that follow each up; their changes go in the catalog log,
    // whose `entity` check must name them. SQLite cannot change a check in
    // place, so the log is copied into a new table with every row, id and
    // column as it was (the hash chain covers the columns, not the table),
    // and its indexes and append-only guards are made again as they were.
    r#"
    CREATE TABLE decision_bodies (
        id    INTEGER PRIMARY KEY,
        name  TEXT NOT NULL CHECK (length(trim(name)) > 0),
        short TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE decisions (
        id           INTEGER PRIMARY KEY,
        body         TEXT NOT NULL CHECK (length(trim(body)) > 0),
        meeting_date TEXT NOT NULL,
        case_number  TEXT NOT NULL CHECK (length(case_number) > 0),
        title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
        text         TEXT NOT NULL DEFAULT '',
        kind         TEXT NOT NULL CHECK (kind IN ('vedtak', 'verbalvedtak', 'budsjettvedtak')),
        closed       TEXT
    );
    CREATE INDEX decisions_date ON decisions(meeting_date, id);

    CREATE TABLE decision_assignments (
        decision_id   INTEGER NOT NULL REFERENCES decisions(id),
        assignment_id INTEGER NOT NULL REFERENCES assignments(id),
        position      INTEGER NOT NULL,
        PRIMARY KEY (decision_id, assignment_id)
    ) WITHOUT ROWID;
    CREATE INDEX decision_assignments_assignment ON decision_assignments(assignment_id);

    ALTER TABLE catalog_events RENAME TO catalog_events_before_decisions;
    DROP INDEX catalog_events_entity;
    DROP INDEX catalog_events_at;
    CREATE TABLE catalog_events (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        entity    TEXT NOT NULL CHECK (entity IN ('goal', 'wheel', 'decision', 'body')),
        entity_id INTEGER NOT NULL,
        field     TEXT NOT NULL,
        old       TEXT,
        new       TEXT,
        comment   TEXT
    );
    INSERT INTO catalog_events (id, at, actor, entity, entity_id, field, old, new, comment)
        SELECT id, at, actor, entity, entity_id, field, old, new, comment
        FROM catalog_events_before_decisions ORDER BY id;
    DROP TABLE catalog_events_before_decisions;
    CREATE INDEX catalog_events_entity ON catalog_events(entity, entity_id, id);
    CREATE INDEX catalog_events_at ON catalog_events(at);

    CREATE TRIGGER catalog_events_no_update BEFORE UPDATE ON catalog_events
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: UPDATE is not allowed');
    END;
    CREATE TRIGGER catalog_events_no_delete BEFORE DELETE ON catalog_events
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: DELETE is not allowed');
    END;
    CREATE TRIGGER catalog_events_no_replace BEFORE INSERT ON catalog_events
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM catalog_events WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: an event cannot be replaced');
    END;
    "#,
    // 9: the index on the events' time also holds the assignment, so that
    // `--as-of` finds the assignments changed after an instant from the
    // index alone, without reading each event's row (BENCHMARKS.md, "As
    // of a past day"). Same name: it serves every query the old one did.
    r#"
    DROP INDEX events_at;
    CREATE INDEX events_at ON events(at, assignment_id);
    "#,
    // 10: reporting periods become catalog items, logged like goals: each
    // gets a number of its own (the log names items by number, and a
    // period's code can change), and the catalog log's `entity` check
    // names them. The catalog log gains `undoes`, as `events` has it, so
    // that undo covers catalog changes; the hash chain takes the column in
    // only where it is set, so old events hash as they did. Both tables
    // are copied as migration 8 copied the log:
    // every row, id and column as it was, so the hash chain still fits,
    // with the log's indexes and append-only guards made again. The
    // periods a file holds get their `created` events after the migration
    // ([`after_upgrade`]).
    r#"
    ALTER TABLE periods RENAME TO periods_before_log;
    CREATE TABLE periods (
        id         INTEGER PRIMARY KEY,
        year       INTEGER NOT NULL,
        code       TEXT NOT NULL CHECK (length(code) > 0),
        label      TEXT NOT NULL CHECK (length(trim(label)) > 0),
        start_date TEXT NOT NULL,
        end_date   TEXT NOT NULL,
        report_due TEXT NOT NULL,
        UNIQUE (year, code),
        CHECK (end_date >= start_date AND report_due >= end_date)
    );
    INSERT INTO periods (year, code, label, start_date, end_date, report_due)
        SELECT year, code, label, start_date, end_date, report_due
        FROM periods_before_log ORDER BY year, end_date, report_due, code;
    DROP TABLE periods_before_log;

    ALTER TABLE catalog_events RENAME TO catalog_events_before_periods;
    DROP INDEX catalog_events_entity;
    DROP INDEX catalog_events_at;
    CREATE TABLE catalog_events (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        entity    TEXT NOT NULL
                  CHECK (entity IN ('goal', 'wheel', 'decision', 'body', 'period')),
        entity_id INTEGER NOT NULL,
        field     TEXT NOT NULL,
        old       TEXT,
        new       TEXT,
        comment   TEXT,
        undoes    INTEGER REFERENCES catalog_events(id)
    );
    INSERT INTO catalog_events (id, at, actor, entity, entity_id, field, old, new, comment)
        SELECT id, at, actor, entity, entity_id, field, old, new, comment
        FROM catalog_events_before_periods ORDER BY id;
    DROP TABLE catalog_events_before_periods;
    CREATE INDEX catalog_events_entity ON catalog_events(entity, entity_id, id);
    CREATE INDEX catalog_events_at ON catalog_events(at);
    CREATE INDEX catalog_events_actor ON catalog_events(actor, id);

    CREATE TRIGGER catalog_events_no_update BEFORE UPDATE ON catalog_events
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: UPDATE is not allowed');
    END;
    CREATE TRIGGER catalog_events_no_delete BEFORE DELETE ON catalog_events
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: DELETE is not allowed');
    END;
    CREATE TRIGGER catalog_events_no_replace BEFORE INSERT ON catalog_events
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM catalog_events WHERE id = NEW.id)
    BEGIN
        SELECT RAISE(ABORT, 'catalog_events is append-only: an event cannot be replaced');
    END;
    "#,
    // 11: `list --overdue` lists overdue tasks as well (issue 18.9); the
    // open-by-deadline index of migration 6 leaves tasks out, and reading
    // the whole table for them cost about a fifth of the listing at 50k.
    // This one is its twin for open tasks (a few thousand rows at 50k),
    // so an overdue listing reads two covering indexes and no table.
    r#"
    CREATE INDEX IF NOT EXISTS tasks_open_by_due ON assignments(
        due, id, parent_id, year, title, description, lead_sector, sectors, goal_id,
        source, owner, status, assessment, expected_done, version)
        WHERE +parent_id IS NOT NULL AND status IN ('not-started', 'in-progress');
    "#,
];

/// What an upgrade does that SQL cannot: links the events a file already
/// holds into their chains (migration 7). Runs before anything else is
/// appended, so that the old events come first in each chain; does nothing
/// on a file whose chains are complete.
pub(super) fn after_upgrade(conn: &super::db::Conn) -> super::Result<()> {
    for log in super::chain::Log::ALL {
        super::chain::extend(conn, log)?;
    }
    Ok(())
}

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
