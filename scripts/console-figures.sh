#!/usr/bin/env bash
# Console figures as a person sees them, through a real pseudo-terminal (120×40):
#   first frame with 1,000 actions, Down with 100,000, resident memory with 10,000,
#   filter keystrokes over 100,000.
# Uses the shared tuiprobe (pyte VT emulator): pip install pyte.
#
#   scripts/console-figures.sh            # build release, make the stores, measure
#   FIRST_FRAME_RUNS=31 scripts/console-figures.sh
#
# Environment: TUIPROBE (default ../shared/tools/tuiprobe.py, then /work/shared/tools/tuiprobe.py),
# FIGURES_DIR (where the stores go; default a temporary folder, removed at the end),
# FIRST_FRAME_RUNS (default 21), DOWN_REPEAT (default 100), BIN (a console binary; default: build release).
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/probe-setup.sh   # TUIPROBE, pyte, BIN (built in release unless given)

FIRST_FRAME_RUNS=${FIRST_FRAME_RUNS:-21}
DOWN_REPEAT=${DOWN_REPEAT:-100}

if [ -n "${FIGURES_DIR:-}" ]; then
    WORK=$FIGURES_DIR
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-figures.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi


probe() {  # probe READY [tuiprobe options…] -- STORE
    local ready=$1; shift
    python3 "$TUIPROBE" --cols 120 --rows 40 --ready "$ready" "$@"
}

median_of() {  # reads numbers, prints median / min / max
    python3 -c '
import sys
values = sorted(float(v) for v in sys.stdin.read().split())
n = len(values)
print(f"median {values[n // 2]:.1f} ms  min {values[0]:.1f} ms  max {values[-1]:.1f} ms  ({n} runs)")'
}

field() {  # field NAME < json
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get(sys.argv[1], d.get("error", "?")))' "$1"
}

make_store 1000
make_store 10000
make_store 100000

# The ready texts appear only once the list has loaded: the loading frame says
# "0 shown" and has no rows.
echo
echo "== first frame, 1,000 actions (ready: the first row, 'Book account 000014')"
: > "$WORK/first-frame.txt"
for _ in $(seq "$FIRST_FRAME_RUNS"); do
    out=$(probe "Book account 000014" -- "$BIN" --store "$WORK/store-1000.sqlite")
    echo "$out" | field first_frame_ms >> "$WORK/first-frame.txt"
done
echo "first frame: $(median_of < "$WORK/first-frame.txt")   (target ≤ 40 ms median)"

echo
echo "== Down, 100,000 actions ($DOWN_REPEAT presses)"
out=$(probe "100,000 shown" --key down --repeat "$DOWN_REPEAT" -- "$BIN" --store "$WORK/store-100000.sqlite")
echo "$out"
echo "down: median $(echo "$out" | field key_latency_ms_median) ms, max $(echo "$out" | field key_latency_ms_max) ms   (target ≤ 3 ms median)"
echo "first frame with 100,000: $(echo "$out" | field first_frame_ms) ms; RSS $(echo "$out" | field rss_kib) KiB"

echo
echo "== resident memory, 10,000 actions (after 20 Down and 20 Up)"
out=$(probe "10,000 shown" --key down --key up --repeat 20 -- "$BIN" --store "$WORK/store-10000.sqlite")
echo "$out"
rss=$(echo "$out" | field rss_kib)
echo "rss: $rss KiB = $(python3 -c "print(f'{$rss / 1024:.1f}')") MiB   (target ≤ 30 MB)"

echo
echo "== filter keystrokes, 100,000 actions ('/' then letters, then Backspace back to empty, three words)"
keys=(--key /)
for word in refund order invoice; do
    for ((i = 0; i < ${#word}; i++)); do keys+=(--key "${word:i:1}"); done
    for ((i = 0; i < ${#word}; i++)); do keys+=(--key $'\x7f'); done
done
out=$(probe "100,000 shown" "${keys[@]}" --repeat 1 -- "$BIN" --store "$WORK/store-100000.sqlite")
echo "$out"
echo "filter: median $(echo "$out" | field key_latency_ms_median) ms, max $(echo "$out" | field key_latency_ms_max) ms over $(echo "$out" | field keys_sent) keys   (target ≤ 16 ms)"
