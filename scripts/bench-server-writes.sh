#!/usr/bin/env bash
# Changes on a PostgreSQL server database: one durable change, and 20
# writer processes at once on one database.
#
# Starts its own throwaway server (initdb into a temporary directory, unix
# socket only) with PostgreSQL's durable defaults (fsync and
# synchronous_commit on: a change reported as saved is on disk), unlike the
# test server of scripts/pg-test-server.sh. Then:
#
#  1. one durable change, in-process: ROUNDS `Store::change` calls on one
#     assignment (examples/server_change.rs), median and p99;
#  2. the same through the binary: ROUNDS `styr set ID --owner …`, each
#     timed whole (process start, connect, change, exit);
#  3. WRITERS threads at once in one process, each with its own connection
#     and assignment, EDITS changes each (the server's side of contention:
#     no process starts);
#  4. WRITERS processes at once, each making EDITS `styr set` changes to an
#     assignment of its own: throughput (changes per second of wall time),
#     median and p99 of one change (each command timed whole), refusals,
#     and whether every accepted change is in the log (0 lost).
#
# Usage: scripts/bench-server-writes.sh
# Env: ROUNDS (200), WRITERS (20), EDITS (25), KEEP=1 keeps the directory.
set -euo pipefail

cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-200}
WRITERS=${WRITERS:-20}
EDITS=${EDITS:-25}
cargo build --release --quiet --bin styr --example server_change
STYR=$(realpath target/release/styr)
CHANGE=$(realpath target/release/examples/server_change)

find_bin() {
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/$1" ]] && { echo "$dir/$1"; return; }
    done
    command -v "$1"
}
as_owner() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/styr-bench-pg.XXXXXX")
mkdir -p "$WORK/sock" "$WORK/times"
[[ $(id -u) == 0 ]] && chown -R postgres: "$WORK"
PG_CTL=$(find_bin pg_ctl)
stop() {
    as_owner "$PG_CTL" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
    [[ "${KEEP:-}" == 1 ]] || rm -rf "$WORK"
}
trap stop EXIT
as_owner "$(find_bin initdb)" -D "$WORK/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth=trust >"$WORK/initdb.log" 2>&1
cat >>"$WORK/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$WORK/sock'
max_connections = 100
CONF
as_owner "$PG_CTL" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 start >/dev/null
PSQL=(psql -X -q -At -h "$WORK/sock" -U postgres)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench"
echo "server: $("${PSQL[@]}" -d postgres -c 'SHOW server_version'), fsync $("${PSQL[@]}" -d postgres -c 'SHOW fsync'), synchronous_commit $("${PSQL[@]}" -d postgres -c 'SHOW synchronous_commit')"

ADMIN="host=$WORK/sock user=postgres dbname=bench"
DB="host=$WORK/sock user=bench dbname=bench"
styr() { STYR_CONFIG=/dev/null STYR_LANG=en "$STYR" --today 2025-03-01 "$@"; }
styr --db "$ADMIN" server init --kommune Benchvik --year 2025 >/dev/null
styr --db "$ADMIN" server grant bench >/dev/null
for w in $(seq 0 "$WRITERS"); do
    styr --db "$DB" add --title "Oppdrag $w" --sector STYV >/dev/null
done

# Milliseconds from a list of nanosecond durations, one a line.
stats() {
    sort -n | awk '{ a[NR] = $1 / 1e6 } END {
        p = int(NR * 0.99 + 0.999); if (p < 1) p = 1;
        printf "median %.1f ms, p99 %.1f ms, max %.1f ms (%d changes)", a[int((NR + 1) / 2)], a[p], a[NR], NR }'
}

echo "1. one durable change, in-process: $("$CHANGE" "$DB" 1 "$ROUNDS")"

: >"$WORK/times/one"
for i in $(seq "$ROUNDS"); do
    t0=$(date +%s%N)
    styr --db "$DB" set 1 --owner "Eier $i" >/dev/null
    echo $(($(date +%s%N) - t0)) >>"$WORK/times/one"
done
echo "2. one change through the binary: $(stats <"$WORK/times/one")"

echo "3. $WRITERS writers at once, in-process: $("$CHANGE" "$DB" 2 "$EDITS" "$WRITERS")"

before=$("${PSQL[@]}" -d bench -c "SELECT count(*) FROM styr.events")
writer() {
    local w=$1 id=$(($1 + 2)) refused=0
    for e in $(seq "$EDITS"); do
        t0=$(date +%s%N)
        if styr --db "$DB" set "$id" --owner "w$w-$e" >/dev/null 2>>"$WORK/times/refused-$w"; then
            echo $(($(date +%s%N) - t0)) >>"$WORK/times/w-$w"
        else
            refused=$((refused + 1))
        fi
    done
}
t0=$(date +%s%N)
for w in $(seq 0 $((WRITERS - 1))); do writer "$w" & done
wait
wall=$(($(date +%s%N) - t0))
accepted=$(cat "$WORK"/times/w-* | wc -l)
refused=$(cat "$WORK"/times/refused-* | wc -l)
after=$("${PSQL[@]}" -d bench -c "SELECT count(*) FROM styr.events")
versions=$("${PSQL[@]}" -d bench -c "SELECT sum(version - 1) FROM styr.assignments WHERE id BETWEEN 2 AND $((WRITERS + 1))")
versions=$((versions - WRITERS * EDITS)) # step 3's changes to the same assignments
lost=$((accepted - (after - before)))
echo "4. $WRITERS writer processes x $EDITS changes at once: $(awk -v n="$accepted" -v w="$wall" 'BEGIN { printf "%.0f changes/s", n / (w / 1e9) }'),"\
     "$(cat "$WORK"/times/w-* | stats), $refused refused, $lost lost"\
     "(events added $((after - before)), versions moved $versions)"
[[ $lost == 0 && $versions == "$accepted" ]] || { echo "LOST CHANGES" >&2; exit 1; }
