#!/usr/bin/env bash
# Renders the director's briefing as HTML on the demo database and takes a
# screenshot of it in headless Chromium, for a person to look at.
#
#   scripts/screenshot-brief.sh [SECTOR] [OUTPUT_DIR]
#
# Defaults: OUS, target/brief-screenshot. Writes brief-SECTOR.html,
# brief-SECTOR.png (the page at A4 width, 794 CSS px) and brief-SECTOR.pdf
# (printed on A4, as a director would print it). Installs Debian's chromium
# when it is missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."

sector="${1:-OUS}"
out="${2:-target/brief-screenshot}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

cargo build --release --quiet
styr="target/release/styr"
db="$out/demo.db"
rm -f "$db" "$db-wal" "$db-shm"
"$styr" --db "$db" demo >/dev/null
html="$out/brief-$sector.html"
"$styr" --db "$db" --today 2023-09-20 brief --sector "$sector" --since last-dialog --format html -o "$html" >/dev/null

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# No network: the page must not need it, and Chromium must not try.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$profile" --hide-scrollbars)
chromium "${flags[@]}" --window-size=794,2400 --screenshot="$out/brief-$sector.png" "file://$html" 2>/dev/null
chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/brief-$sector.pdf" "file://$html" 2>/dev/null
echo "$out/brief-$sector.html"
echo "$out/brief-$sector.png"
echo "$out/brief-$sector.pdf"
