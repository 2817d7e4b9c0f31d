#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests: `initdb` into a temporary directory,
# reachable only through a unix socket in that directory (no TCP port), run
# as the `postgres` user when started as root.
#
#   eval "$(scripts/pg-test-server.sh start)"   # exports STYR_TEST_PG and STYR_TEST_PG_DIR
#   cargo test
#   scripts/pg-test-server.sh stop              # stops it and removes the directory
#
# STYR_TEST_PG is a libpq key=value string for the superuser `postgres`;
# the tests make a database of their own from it for each test. Every
# connection is trusted except for members of the role
# `styr_password_test`, which must give a password (so that a wrong one
# can be tested). fsync is off: nothing here is worth keeping.
set -euo pipefail

find_bin() {
    local name=$1
    for dir in /usr/lib/postgresql/*/bin; do
        if [[ -x "$dir/$name" ]]; then
            echo "$dir/$name"
            return
        fi
    done
    command -v "$name" || {
        echo "pg-test-server: $name not found (apt-get install postgresql)" >&2
        exit 1
    }
}

# Runs a command as the server's owner: `postgres` when we are root.
as_owner() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local initdb pg_ctl psql dir
    initdb=$(find_bin initdb)
    pg_ctl=$(find_bin pg_ctl)
    psql=$(find_bin psql)
    dir=$(mktemp -d "${TMPDIR:-/tmp}/styr-pg.XXXXXX")
    mkdir -p "$dir/sock"
    if [[ $(id -u) == 0 ]]; then
        chown -R postgres: "$dir"
    fi
    as_owner "$initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth=trust >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir/sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    cat >"$dir/data/pg_hba.conf" <<EOF
local all +styr_password_test scram-sha-256
local all all trust
EOF
    as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null || {
        cat "$dir/server.log" >&2
        exit 1
    }
    local conninfo="host=$dir/sock user=postgres dbname=postgres"
    "$psql" -X -q -v ON_ERROR_STOP=1 "$conninfo" \
        -c "CREATE ROLE styr_password_test NOLOGIN" >/dev/null
    echo "export STYR_TEST_PG='$conninfo'"
    echo "export STYR_TEST_PG_DIR='$dir'"
}

stop() {
    local dir=${1:-${STYR_TEST_PG_DIR:-}}
    if [[ -z "$dir" || ! -d "$dir/data" ]]; then
        echo "pg-test-server: no server directory given (STYR_TEST_PG_DIR)" >&2
        exit 1
    fi
    as_owner "$(find_bin pg_ctl)" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*)
    echo "usage: $0 start | stop [DIR]" >&2
    exit 2
    ;;
esac
