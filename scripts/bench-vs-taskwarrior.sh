#!/usr/bin/env bash
# styr side by side with taskwarrior on the same synthetic data.
#
# For 1k, 10k and 50k assignments (10 events each): `styr generate` makes the
# database; the same assignments go into taskwarrior (sectors as projects,
# done → completed, cancelled → deleted, deadlines shifted so that the same
# ones are overdue today as on styr's fixed day). Then hyperfine times, in one
# run per size: `list --overdue --format json` vs `task overdue`,
# `list --sector OUS` vs `task project:OUS list`, and one `styr set` vs one
# `task ID modify` (each changes a field, committed). Peak memory with
# /usr/bin/time. Prints medians and ratios.
#
# The listings are started without a shell (hyperfine discards their
# output itself); the two changes need one for $RANDOM, so they are timed
# in a hyperfine run of their own, where hyperfine subtracts the shell's
# start. styr runs from a copy in the work directory, as `cargo install`
# places it, like taskwarrior from its package: run straight from where
# the linker wrote it, styr measured up to 1 ms slower per start.
#
# Usage: scripts/bench-vs-taskwarrior.sh [SIZES...]   (default: 1000 10000 50000)
# Env: RUNS (default 20), WARMUP (default 3), KEEP=1 keeps the work directory.
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000 50000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need task || ! need hyperfine || ! need python3 || [ ! -x /usr/bin/time ]; then
    echo "Installing taskwarrior, hyperfine, python3 and time from Debian…" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq taskwarrior hyperfine python3 time >/dev/null
fi

cargo build --release --quiet
WORK=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
STYR="$WORK/styr"
install -m 755 target/release/styr "$STYR"
DAY=2023-09-20   # the day a generated database suggests as today

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "styr $("$STYR" --version | cut -d' ' -f2), $(task --version | head -1 | sed 's/^/taskwarrior /'), $(hyperfine --version)"
echo

for N in "${SIZES[@]}"; do
    dir="$WORK/$N"
    mkdir -p "$dir/task"
    db="$dir/styr.db"
    "$STYR" --db "$db" generate --assignments "$N" --events-per-assignment 10 --seed 1 >/dev/null
    # Assignments only (no tasks), as `list` shows them.
    STYR_DB="$db" "$STYR" --today "$DAY" list --format json >"$dir/all.json"
    python3 - "$dir/all.json" "$dir/import.json" "$DAY" <<'PY'
import json, sys, datetime
rows = json.load(open(sys.argv[1]))
fixed = datetime.date.fromisoformat(sys.argv[3])
shift = datetime.date.today() - fixed
status = {"done": "completed", "cancelled": "deleted"}
out = []
for r in rows:
    t = {"description": r["title"], "project": r["lead_sector"],
         "status": status.get(r["status"], "pending"),
         "entry": "20230102T080000Z"}
    if r["due"]:
        due = datetime.date.fromisoformat(r["due"]) + shift
        t["due"] = due.strftime("%Y%m%dT120000Z")
    if t["status"] != "pending":
        t["end"] = "20231001T080000Z"
    out.append(t)
json.dump(out, open(sys.argv[2], "w"))
PY
    export TASKRC="$dir/taskrc" TASKDATA="$dir/task"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nnews.version=2.6.2\n' "$dir/task" >"$TASKRC"
    task import "$dir/import.json" >/dev/null 2>&1
    s_over=$(STYR_DB="$db" "$STYR" --today "$DAY" list --overdue --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    t_over=$(task rc.verbose=nothing overdue count 2>/dev/null || task +OVERDUE count)
    echo "== $N assignments: styr overdue $s_over, taskwarrior overdue $t_over"

    export STYR_DB="$db" STYR_TODAY="$DAY" STYR_ACTOR=bench
    hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$dir/hf-list.json" \
        -n "styr list --overdue --format json" "$STYR list --overdue --format json" \
        -n "task overdue" "task overdue" \
        -n "styr list --sector OUS" "$STYR list --sector OUS" \
        -n "task project:OUS list" "task project:OUS list" \
        >"$dir/hf.txt" 2>&1 || { cat "$dir/hf.txt"; exit 1; }
    hyperfine --shell bash --warmup "$WARMUP" --runs "$RUNS" --style basic \
        --export-json "$dir/hf-set.json" \
        -n "styr set (one change)" "$STYR set 1 --owner \"Eier \$RANDOM\" >/dev/null" \
        -n "task 1 modify" "task 1 modify \"Eier \$RANDOM\" >/dev/null" \
        >>"$dir/hf.txt" 2>&1 || { cat "$dir/hf.txt"; exit 1; }

    mem() { /usr/bin/time -f %M bash -c "$1 >/dev/null" 2>&1 | tail -1; }
    python3 - "$dir/hf-list.json" "$dir/hf-set.json" "$N" \
        "$(mem "$STYR list --overdue --format json")" "$(mem "task overdue")" \
        "$(mem "$STYR list --sector OUS")" "$(mem "task project:OUS list")" \
        "$(mem "$STYR set 1 --owner Eier")" "$(mem "task 1 modify Eier")" <<'PY'
import json, sys
res = {r["command"]: r for f in sys.argv[1:3] for r in json.load(open(f))["results"]}
n = sys.argv[3]
mem = [int(x) for x in sys.argv[4:10]]
pairs = [("styr list --overdue --format json", "task overdue"),
         ("styr list --sector OUS", "task project:OUS list"),
         ("styr set (one change)", "task 1 modify")]
print(f"{'size':>6}  {'styr command':<34} {'median':>9} {'user+sys':>9} {'peak':>8}   {'taskwarrior':<22} {'median':>9} {'user+sys':>9} {'peak':>8}   {'time ×':>7} {'mem ×':>6}")
for i, (s, t) in enumerate(pairs):
    a, b = res[s], res[t]
    cpu = lambda r: (r["user"] + r["system"]) * 1000
    ms, mt = a["median"] * 1000, b["median"] * 1000
    print(f"{n:>6}  {s:<34} {ms:7.1f}ms {cpu(a):7.1f}ms {mem[2*i]/1024:6.1f}MB   {t:<22} {mt:7.1f}ms {cpu(b):7.1f}ms {mem[2*i+1]/1024:6.1f}MB   {mt/ms:6.1f}× {mem[2*i+1]/mem[2*i]:5.1f}×")
PY
    unset STYR_DB STYR_TODAY STYR_ACTOR TASKRC TASKDATA
    echo
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
