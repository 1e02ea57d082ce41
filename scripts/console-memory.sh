#!/usr/bin/env bash
# The console's resident memory (with an smaps breakdown), idle cost and paste time,
# through a real pseudo-terminal (120×40), with an empty store and with 10,000 actions.
#
#   scripts/console-memory.sh                 # release build, everything
#   BIN=.build/debug/switchboard scripts/console-memory.sh   # another binary (no build)
#   ONLY=memory|idle|paste scripts/console-memory.sh
#
# memory: VmRSS after the first frame and 20 Down + 20 Up, and /proc/PID/smaps grouped by
#         mapping (the binary's code / relocated read-only data / writable data, Foundation,
#         ICU, the Swift runtime, libc, SQLite, anonymous memory = our data and SQLite's cache).
#         Targets: ≤ 20 MB with an empty store, ≤ 30 MB with 10,000 actions.
# idle:   CPU and context switches (all threads) over 10 s once the screen is still.
#         Target: 0 % and no wake-ups.
# paste:  100 KiB pasted into Description and Speak on Send of a new action, bracketed and as
#         a plain burst: time until the screen has settled with it, then idle right after.
#
# Environment: TUIPROBE (the shared tuiprobe.py), FIGURES_DIR (where the stores go; default a
# temporary folder, removed at the end), IDLE_SECONDS (default 10), PASTE_KIB (default 100).
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/probe-setup.sh

ONLY=${ONLY:-all}
IDLE_SECONDS=${IDLE_SECONDS:-10}
PASTE_KIB=${PASTE_KIB:-100}
PROBE=(python3 "$ROOT/scripts/console_probe.py")

if [ -n "${FIGURES_DIR:-}" ]; then
    WORK=$FIGURES_DIR
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-memory.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
fi


field() {  # field NAME < json
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get(sys.argv[1], d.get("error", "?")))' "$1"
}

make_store 0
make_store 10000
# What the first full frame says: the empty store's demo offer, or the list's count.
ready_empty="Welcome to Switchboard"
ready_10000="10,000 shown"

if [ "$ONLY" = all ] || [ "$ONLY" = memory ]; then
    for count in 0 10000; do
        ready=$([ "$count" = 0 ] && echo "$ready_empty" || echo "$ready_10000")
        echo
        echo "== resident memory, $count actions (after 20 Down and 20 Up)"
        out=$("${PROBE[@]}" memory --table --tuiprobe "$TUIPROBE" --ready "$ready" -- "$BIN" --store "$WORK/store-$count.sqlite")
        rss=$(echo "$out" | field rss_kib)
        echo "rss: $rss KiB = $(python3 -c "print(f'{$rss / 1024:.1f}')") MiB; first frame $(echo "$out" | field first_frame_ms) ms"
    done
fi

if [ "$ONLY" = all ] || [ "$ONLY" = idle ]; then
    echo
    echo "== idle, 10,000 actions ($IDLE_SECONDS s once the screen is still)"
    "${PROBE[@]}" idle --seconds "$IDLE_SECONDS" --tuiprobe "$TUIPROBE" --ready "$ready_10000" -- "$BIN" --store "$WORK/store-10000.sqlite"
fi

if [ "$ONLY" = all ] || [ "$ONLY" = paste ]; then
    for field_name in description speak-on-send; do
        for mode in bracketed burst; do
            echo
            echo "== $PASTE_KIB KiB pasted into $field_name ($mode), empty store"
            rm -f "$WORK/store-paste.sqlite"*
            "$BIN" actions list --store "$WORK/store-paste.sqlite" > /dev/null
            "${PROBE[@]}" paste --field "$field_name" --mode "$mode" --kib "$PASTE_KIB" --seconds 5 --tuiprobe "$TUIPROBE" \
                --ready "$ready_empty" -- "$BIN" --store "$WORK/store-paste.sqlite"
        done
    done
fi
