#!/usr/bin/env bash
# `list --overdue` and `list --sector` on the same data in a SQLite file and
# in a server database on a local PostgreSQL (unix socket): wall time of
# the whole command (connect, read, print), with hyperfine.
#
# For each size N: `styr generate --assignments N --seed 1` into a file,
# then a server database set up by `styr server init` and filled with the
# file's rows by scripts/pg-load-file.sh (COPY; there is no `migrate --to`
# yet), checked by `styr doctor` on the server.
#
# Usage: scripts/bench-server-reads.sh [SIZES...]   (default: 10000)
# Env: STYR_TEST_PG: the server as its superuser (libpq key=value; as
# `eval "$(scripts/pg-test-server.sh start)"` prints); STYR (default
# target/release/styr, built if missing); RUNS (default 10); KEEP=1 keeps
# the files and databases. To measure a server database prepared another
# way, give SERVER_DB (its key=value string as a staff role) and FILE (the
# file with the same data) and one size (only its label is used).
set -euo pipefail

cd "$(dirname "$0")/.."
read -r -a SIZES <<<"${*:-10000}"
STYR=${STYR:-target/release/styr}
[ -x "$STYR" ] || cargo build --release --quiet
STYR=$(realpath "$STYR")
RUNS=${RUNS:-10}
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
export STYR_CONFIG=/dev/null STYR_LANG=en TZ=UTC
unset STYR_DB STYR_TODAY
TODAY=2023-09-20

WORK=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
admin_to() { # the superuser's key=value string for database $1
    echo "$STYR_TEST_PG" | sed -E "s/dbname=[^ ]*//; s/\$/ dbname=$1/"
}

printf '| assignments | command | SQLite file | server | server ÷ file |\n|---|---|---|---|---|\n'
for n in "${SIZES[@]}"; do
    if [[ -n "${SERVER_DB:-}" ]]; then
        file=$FILE
        server=$SERVER_DB
    else
        : "${STYR_TEST_PG:?set STYR_TEST_PG (scripts/pg-test-server.sh start), or SERVER_DB and FILE}"
        file="$WORK/g$n.db"
        "$STYR" --db "$file" generate --assignments "$n" --seed 1 >/dev/null
        name="styr_bench_$n"
        psql -X -q "$(admin_to postgres)" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
            -c "CREATE DATABASE $name" >/dev/null
        year=$(sqlite3 "$file" "SELECT value FROM settings WHERE key = 'year'")
        "$STYR" --db "$(admin_to "$name")" server init --kommune Bench --year "$year" >/dev/null
        "$STYR" --db "$(admin_to "$name")" server grant "${name}_kari" >/dev/null
        scripts/pg-load-file.sh "$file" "$(admin_to "$name")"
        server="$(admin_to "$name" | sed -E 's/user=[^ ]*//') user=${name}_kari"
        "$STYR" --db "$server" doctor | tail -1 >&2
        if [[ "${KEEP:-}" != 1 ]]; then
            trap 'rm -rf "$WORK"; psql -X -q "$(admin_to postgres)" -c "DROP DATABASE IF EXISTS '"$name"' WITH (FORCE)" >/dev/null' EXIT
        fi
    fi
    # The same output on both, or the comparison means nothing.
    for args in "list --overdue" "list --sector SOS"; do
        # shellcheck disable=SC2086
        if ! cmp -s <("$STYR" --db "$file" --today $TODAY $args) \
            <("$STYR" --db "$server" --today $TODAY $args); then
            echo "$args differs between the file and the server" >&2
            exit 1
        fi
        json="$WORK/$n-${args// /_}.json"
        hyperfine -N -w 2 -r "$RUNS" --export-json "$json" \
            -n file "$STYR --db $file --today $TODAY $args" \
            -n server "$STYR --db '$server' --today $TODAY $args" >/dev/null 2>&1
        python3 - "$json" "$n" "$args" <<'PY'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
f, s = runs["file"], runs["server"]
ms = lambda r: f'{r["median"] * 1000:.0f} ms (± {r["stddev"] * 1000:.0f})'
print(f'| {int(sys.argv[2]):,} | `{sys.argv[3]}` | {ms(f)} | {ms(s)} | {s["median"] / f["median"]:.2f} |')
PY
    done
done
