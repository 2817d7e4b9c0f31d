#!/usr/bin/env bash
# The Windows build, checked: styr.exe is cross-built with mingw-w64 and run
# under Wine on the commands a user types; its JSON must equal what the Linux
# build prints for the same commands (event times aside), and a bad input
# must exit 1 with one line.
#
# Run as root, it installs what is missing (the rustup target, Debian's
# gcc-mingw-w64-x86-64 and wine64). Under CI=true a missing component is a
# failure; otherwise the check is skipped with a note saying what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

target=x86_64-pc-windows-gnu
ci=false
[[ "${CI:-}" == true ]] && ci=true
started=$SECONDS

say() { echo "check-windows: $*"; }
fail() {
    echo "check-windows: FAILED: $*" >&2
    exit 1
}
missing() {
    if $ci; then
        fail "$1 is missing (CI=true: a missing component is a failure)"
    fi
    say "skipped: $1 is missing (run as root, or install it, to check the Windows build)"
    exit 0
}

# --- What the check needs -------------------------------------------------

find_wine() {
    local candidate
    for candidate in wine64 /usr/lib/wine/wine64 wine; do
        if command -v "$candidate" >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

packages=()
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || packages+=(gcc-mingw-w64-x86-64)
find_wine >/dev/null || packages+=(wine64)
if ((${#packages[@]})) && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${packages[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null
fi
if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$target"; then
    say "adding the rustup target $target"
    rustup target add "$target" >/dev/null 2>&1 || true
fi

command -v python3 >/dev/null 2>&1 || missing python3
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing "x86_64-w64-mingw32-gcc (Debian: gcc-mingw-w64-x86-64)"
wine=$(find_wine) || missing "wine64 (Debian: wine64)"
if command -v rustup >/dev/null 2>&1; then
    rustup target list --installed | grep -qx "$target" || missing "the Rust target $target (rustup target add $target)"
fi

# --- Build ----------------------------------------------------------------

say "building styr.exe ($target, release) and the Linux release build"
cargo build --release --locked --quiet --target "$target" ||
    fail "cargo build --release --target $target"
cargo build --release --locked --quiet || fail "cargo build --release"
target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
exe="$target_dir/$target/release/styr.exe"
linux="$target_dir/release/styr"
[[ -f $exe ]] || fail "no $exe after the build"

work=$(mktemp -d)
export WINEPREFIX="$work/wine-prefix"
export WINEDEBUG=-all
# No Mono or Gecko prompts while the prefix is made; and the shim beside the
# exe, not Wine's own bcryptprimitives (which lacks ProcessPrng), is loaded.
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
cleanup() {
    "$(dirname "$wine")/wineserver" -k >/dev/null 2>&1 || wineserver -k >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/win" "$work/linux" "$work/xdg-config" "$work/xdg-data"
cp "$exe" "$work/win/styr.exe"
# Rust's std (1.78+) needs ProcessPrng, which Windows 10/11 have and Wine 8
# lacks: a shim beside the exe, for this check only.
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/win/bcryptprimitives.dll" \
    "$repo/scripts/windows/ProcessPrng.c" -ladvapi32 || fail "building the ProcessPrng shim"

# The same settings for both builds, none from this machine.
unset STYR_DB STYR_TODAY STYR_CONFIG STYR_LOCK_WAIT NO_COLOR
export STYR_ACTOR=ci STYR_LANG=nb
export XDG_CONFIG_HOME="$work/xdg-config" XDG_DATA_HOME="$work/xdg-data"

say "making the Wine prefix (first start of Wine)"
timeout 300 "$wine" wineboot --init >/dev/null 2>&1 || fail "wineboot did not finish within 300 s"
timeout 30 "$(dirname "$wine")/wineserver" -p >/dev/null 2>&1 || true

# run_both NAME ARGS...: the command in each build's directory, with its
# stdout, stderr and exit status kept as win.NAME.* and linux.NAME.*.
run_both() {
    local name=$1 status
    shift
    status=0
    (cd "$work/linux" && timeout 60 "$linux" "$@" >"$work/linux.$name.out" 2>"$work/linux.$name.err") || status=$?
    echo "$status" >"$work/linux.$name.status"
    status=0
    (cd "$work/win" && timeout 120 "$wine" ./styr.exe "$@" >"$work/win.$name.out" 2>"$work/win.$name.err") || status=$?
    echo "$status" >"$work/win.$name.status"
}

# must_succeed NAME: both builds exited 0.
must_succeed() {
    local build
    for build in linux win; do
        if [[ $(cat "$work/$build.$1.status") != 0 ]]; then
            cat "$work/$build.$1.err" >&2
            fail "$1 exited $(cat "$work/$build.$1.status") on $build"
        fi
    done
}

# same_json NAME [KEY...]: the two outputs are the same JSON, event times
# (`at`) and the named keys aside.
same_json() {
    must_succeed "$1"
    python3 - "$work/linux.$1.out" "$work/win.$1.out" "$@" <<'PY' || fail "$1: the JSON differs"
import json, sys

linux_path, win_path, name, *other_keys = sys.argv[1:]
left_out = {"at", *other_keys}

def without_times(value):
    """The value with every event time (`at`) and the named keys left out."""
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k not in left_out}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value

linux_bytes = open(linux_path, "rb").read()
win_bytes = open(win_path, "rb").read()
linux = json.loads(linux_bytes.decode("utf-8"))
win = json.loads(win_bytes.decode("utf-8"))
if without_times(linux) != without_times(win):
    for i, (a, b) in enumerate(zip(json.dumps(without_times(linux), ensure_ascii=False, indent=1).splitlines(),
                                   json.dumps(without_times(win), ensure_ascii=False, indent=1).splitlines())):
        if a != b:
            print(f"  line {i + 1}: linux {a.strip()!r}, windows {b.strip()!r}", file=sys.stderr)
            break
    sys.exit(1)
if b"\r\n" in win_bytes and b"\r\n" not in linux_bytes:
    print("  styr.exe wrote CRLF line ends", file=sys.stderr)
    sys.exit(1)
def count(value):
    return len(value) if isinstance(value, (list, dict)) else 1
times = linux_bytes.count(b'"at":')
also = f", and {', '.join(other_keys)}" if other_keys else ""
print(f"check-windows: same JSON: {name} ({len(linux_bytes)} bytes, {count(linux)} top-level items; {times} event times left out{also})")
PY
}

# --- The commands ---------------------------------------------------------

db=(--db styr.db)
run_both demo "${db[@]}" demo
must_succeed demo
say "ran: demo"

run_both list "${db[@]}" list --format json
same_json list
id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/linux.list.out")

run_both show "${db[@]}" show "$id" --format json
same_json show

run_both set "${db[@]}" set "$id" --status in-progress --assessment yellow --comment "Avklart med økonomisjefen: tiltaket går videre (æøå ÆØÅ)"
must_succeed set
cmp -s "$work/linux.set.out" "$work/win.set.out" || fail "set: the two builds said different things"
say "ran: set with a comment (same output)"

run_both show-after "${db[@]}" show "$id" --format json
same_json show-after

run_both log "${db[@]}" log --format json
same_json log

run_both doctor "${db[@]}" doctor
must_succeed doctor
cmp -s "$work/linux.doctor.out" "$work/win.doctor.out" || fail "doctor: the two builds said different things"
say "ran: doctor (same output)"

run_both export "${db[@]}" export --format json -o export.json
must_succeed export
cp "$work/linux/export.json" "$work/linux.export-file.out"
cp "$work/win/export.json" "$work/win.export-file.out"
echo 0 >"$work/linux.export-file.status"
echo 0 >"$work/win.export-file.status"
# `identity` is the random id each database file is given when it is made.
same_json export-file identity

run_both import --db imported.db import export.json
must_succeed import
run_both imported-list --db imported.db list --format json
same_json imported-list
run_both imported-log --db imported.db log --format json
same_json imported-log
say "ran: import of the export into a new file"

run_both bad "${db[@]}" set "$id" --due 31.02.2023
for build in linux win; do
    status=$(cat "$work/$build.bad.status")
    lines=$(wc -l <"$work/$build.bad.err")
    [[ $status == 1 ]] || fail "a bad date: $build exited $status, not 1"
    [[ $lines == 1 ]] || fail "a bad date: $build wrote $lines lines, not 1: $(cat "$work/$build.bad.err")"
done
cmp -s "$work/linux.bad.err" "$work/win.bad.err" || fail "a bad date: the two builds said different things"
say "ran: a bad date exits 1 with one line: $(cat "$work/win.bad.err")"

say "passed in $((SECONDS - started)) s"
