#!/usr/bin/env bash
# `styr import` of a large CSV: wall time and peak memory at each size.
#
# For each size N, writes N rows as Norwegian Excel writes them (`;`,
# CRLF, dd.mm.yyyy, a title, a sector, a deadline, a status and a comment
# per row) into a new database made by `styr init`, and times the whole
# command with /usr/bin/time (wall seconds, CPU seconds as user + system,
# and max RSS). On a shared machine the CPU time is the figure to go by:
# the wall time grows with the load of other processes. Every row is new,
# so each makes an assignment and two events (created, comment).
#
# Usage: scripts/bench-import.sh [SIZES...]   (default: 10000 100000 200000)
# Env: STYR (default target/release/styr, built if missing), KEEP=1 keeps
# the work directory.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000 200000}")
read -r -a SIZES <<<"${SIZES[*]}"
STYR=${STYR:-target/release/styr}
[ -x "$STYR" ] || cargo build --release --quiet
STYR=$(realpath "$STYR")
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }

WORK=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

rows() {
    awk -v n="$1" 'BEGIN {
        split("HOM KUL OUS SOS STYV TEK", s, " ");
        printf "Oppdrag;Delegert til;Frist;Status;Kommentar\r\n";
        for (i = 0; i < n; i++)
            printf "Oppdrag nummer %d om skole og helse;%s;%02d.%02d.2023;Ikke startet;Kommentar %d\r\n",
                i, s[i % 6 + 1], 1 + i % 28, 1 + i % 12, i;
    }'
}

printf '| rows | wall | CPU (user + system) | peak RSS |\n|---|---|---|---|\n'
for n in "${SIZES[@]}"; do
    csv="$WORK/rows-$n.csv"
    db="$WORK/import-$n.db"
    rows "$n" >"$csv"
    STYR_CONFIG=/dev/null "$STYR" --db "$db" init --kommune Bench --year 2023 >/dev/null
    STYR_CONFIG=/dev/null /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
        "$STYR" --db "$db" import "$csv" >/dev/null
    read -r wall user sys kb <"$WORK/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf '| %s | %s s | %s s (%s + %s) | %s MB |\n' "$n" "$wall" "$cpu" "$user" "$sys" "$((kb / 1024))"
done
