#!/usr/bin/env bash
# Copies a styr database file's rows into a server database that `styr
# server init` has just set up, table by table with COPY, as the server's
# superuser: for benchmarks and for comparing reads on the same data, where
# writing 100k oppdrag one command at a time would take hours. Not a user's
# tool (`styr migrate --to` is): it bypasses the server's triggers, so the
# hash chain is copied from the file (it is the same chain) and the event
# ids, instants and actors are the file's.
#
#   scripts/pg-load-file.sh FILE "host=… user=postgres dbname=…"
#
# Needs sqlite3 and psql. `styr doctor` on the server afterwards checks it.
set -euo pipefail
file=$1
admin=$2
tables=(settings sectors goals goal_sectors assignments events wheel_entries
    catalog_events periods event_hashes decision_bodies decisions decision_assignments)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
{
    echo "BEGIN;"
    echo "SET LOCAL session_replication_role = replica;"
    echo "SET LOCAL search_path = styr;"
    printf 'TRUNCATE %s;\n' "$(IFS=,; echo "${tables[*]}")"
    for table in "${tables[@]}"; do
        columns=$(sqlite3 "$file" "SELECT group_concat(name, ',') FROM pragma_table_info('$table')")
        select=$columns
        if [[ $table == event_hashes ]]; then
            hex="'\\x' || lower(hex(hash))"
            select=${columns/hash/$hex}
        fi
        sqlite3 -csv -nullvalue '\N' "$file" "SELECT $select FROM $table" >"$dir/$table.csv"
        echo "\\copy $table ($columns) FROM '$dir/$table.csv' WITH (FORMAT csv, NULL '\\N')"
    done
    for table in "${tables[@]}"; do
        [[ $(sqlite3 "$file" "SELECT count(*) FROM pragma_table_info('$table') WHERE name = 'id'") == 1 ]] || continue
        echo "SELECT setval(s, (SELECT COALESCE(max(id), 0) + 1 FROM $table), false)
              FROM pg_get_serial_sequence('styr.$table', 'id') AS s WHERE s IS NOT NULL;"
    done
    echo "SELECT setval('events_id_seq', (SELECT COALESCE(max(id), 0) + 1 FROM events), false);"
    echo "SELECT setval('catalog_events_id_seq', (SELECT COALESCE(max(id), 0) + 1 FROM catalog_events), false);"
    echo "COMMIT;"
    echo "ANALYZE;"
} >"$dir/load.sql"
psql -q -v ON_ERROR_STOP=1 -X "$admin" -f "$dir/load.sql" >/dev/null
