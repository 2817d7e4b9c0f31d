#!/usr/bin/env bash
# Pictures of the terminal UI on the demo, for the README and for a person
# to look at: the TUI runs in tmux at a fixed size and date, the screen is
# captured with its colours (capture-pane -e), turned into HTML by
# scripts/ansi-to-html.py and photographed by headless Chromium.
#
#   scripts/screenshot-tui.sh [OUTPUT_DIR]
#
# Writes, for 160×45 and 80×24: main-COLSxROWS.png (the screen as it opens)
# and wheel-COLSxROWS.png (the årshjul full screen, `w`). Default output:
# docs/. Installs Debian's tmux, chromium and fonts-dejavu-core when missing
# (needs root). Uses the debug build (STYR=path picks another binary).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
out="${1:-docs}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]] || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

if [[ -z "${STYR:-}" ]]; then
    cargo build --quiet
    STYR="$repo/target/debug/styr"
fi
work="$(mktemp -d)"
session="styr-shot-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
"$STYR" --db "$work/demo.db" demo >/dev/null

font=14
line=17
# DejaVu Sans Mono advances 0.602 em a character.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --hide-scrollbars --user-data-dir="$work/profile")

# shot NAME COLS ROWS KEYS...: the screen after the keys, as NAME-COLSxROWS.png.
shot() {
    local name=$1 cols=$2 rows=$3
    shift 3
    tmux kill-session -t "$session" 2>/dev/null || true
    tmux new-session -d -s "$session" -x "$cols" -y "$rows" \
        "env -u NO_COLOR TERM=xterm-256color LANG=C.UTF-8 '$STYR' --db '$work/demo.db' --today 2023-09-20 --lang nb"
    sleep 1.5
    local key
    for key in "$@"; do
        tmux send-keys -t "$session" "$key"
        sleep 0.4
    done
    sleep 0.6
    tmux capture-pane -p -e -t "$session" >"$work/$name.ansi"
    tmux kill-session -t "$session"
    python3 "$repo/scripts/ansi-to-html.py" --font-size "$font" --line-height "$line" <"$work/$name.ansi" >"$work/$name.html"
    local width=$(((cols * font * 602 + 999) / 1000 + 16))
    local height=$((rows * line + 16))
    local png="$out/$name-${cols}x$rows.png"
    chromium "${flags[@]}" --window-size="$width,$height" --screenshot="$png" \
        "file://$work/$name.html" 2>/dev/null
    echo "$png"
}

for size in "160 45" "80 24"; do
    read -r cols rows <<<"$size"
    shot main "$cols" "$rows"
    shot wheel "$cols" "$rows" w
done
