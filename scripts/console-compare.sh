#!/usr/bin/env bash
# Two console binaries (release builds of two commits) measured in turns through a real
# pty (120×40): first frame with 1,000 actions, Down and filter keystrokes over 100,000,
# resident memory (with smaps groups) at 10,000 and with an empty store. Alternating the
# binaries round by round puts the machine's load (other builds) on both alike.
#
#   BASE=/var/tmp/bin/base HEAD=.build/release/switchboard scripts/console-compare.sh
#   ROUNDS=7 KEYS=100 FIGURES_DIR=/var/tmp/compare scripts/console-compare.sh   # stores kept
#
# Each binary gets its own stores, made by its own `actions import` (a store a newer binary
# opened is migrated, and an older binary refuses it). The probe is console_compare.py.
set -euo pipefail

cd "$(dirname "$0")/.."
[ -n "${BASE:-}" ] && [ -n "${HEAD:-}" ] || { echo "give the two binaries: BASE=… HEAD=… $0" >&2; exit 2; }
BIN=$BASE
. scripts/probe-setup.sh   # TUIPROBE, pyte, make_store

if [ -n "${FIGURES_DIR:-}" ]; then
    ROOT_WORK=$FIGURES_DIR
    mkdir -p "$ROOT_WORK"
else
    ROOT_WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-compare.XXXXXX")
    trap 'rm -rf "$ROOT_WORK"' EXIT
fi

for side in base head; do
    BIN=$([ "$side" = base ] && echo "$BASE" || echo "$HEAD")
    [ -x "$BIN" ] || { echo "no console binary at $BIN" >&2; exit 2; }
    WORK=$ROOT_WORK/$side
    mkdir -p "$WORK"
    echo "== stores for $side ($BIN)"
    for count in 0 1000 10000 100000; do make_store "$count"; done
done

echo "== load before: $(uptime)"
python3 "$ROOT/scripts/console_compare.py" --tuiprobe "$TUIPROBE" --work "$ROOT_WORK" \
    --rounds "${ROUNDS:-5}" --keys "${KEYS:-60}" base="$BASE" head="$HEAD"
echo "== load after: $(uptime)"
