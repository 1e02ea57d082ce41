#!/usr/bin/env bash
# The console stays responsive while a call waits on a slow request: key-to-screen
# latency in the call pane during a 2 s wait, through a real pty (120×40).
#
#   scripts/callpane-figures.sh              # release build, then measure
#   CALLS=10 BIN=.build/debug/switchboard scripts/callpane-figures.sh
#
# A `serve-sample` process answers /faults/slow?ms=2000 after 2 s; the action
# points at it. Typing letters into the caller's line during the wait, each key
# is timed until the input line shows it (scripts/callpane_probe.py, which uses
# the shared tuiprobe's pty and pyte screen). Needs: pip install pyte.
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/probe-setup.sh


WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-callpane.XXXXXX")
SAMPLE_PID=
cleanup() { [ -n "$SAMPLE_PID" ] && kill "$SAMPLE_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve-sample --port "$PORT" > "$WORK/sample.log" 2>&1 &
SAMPLE_PID=$!
for _ in $(seq 100); do grep -q "Sample backend on" "$WORK/sample.log" 2>/dev/null && break; sleep 0.05; done

STORE="$WORK/store.sqlite"
"$BIN" actions create --kind custom-input --name "Check order status" --store "$STORE" \
    --url "http://127.0.0.1:$PORT/faults/slow?ms=2000" --timeout 30 \
    --speak-on-send "Let me look that up." --speak-on-receive "Thanks for waiting, I've got it." \
    --property "order_number:integer:required:The order number" > /dev/null

echo "== key-to-screen latency in the call pane, endpoint answering after 2 s (${CALLS:-5} calls)"
out=$(python3 "$ROOT/scripts/callpane_probe.py" --tuiprobe "$TUIPROBE" --calls "${CALLS:-5}" -- "$BIN" --store "$STORE")
echo "$out"
python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
if "error" in d:
    sys.exit("probe failed: " + d["error"])
w, i = d["during_wait_ms"], d["idle_ms"]
print(f"during the wait: median {w['median']} ms  p95 {w['p95']} ms  max {w['max']} ms  ({w['n']} keys)   (target ≤ 5 ms median)")
print(f"idle, same pane: median {i['median']} ms  p95 {i['p95']} ms  max {i['max']} ms  ({i['n']} keys)")
print(f"waits: {d['wait_ms_per_call']} ms; {d['distinct_ms_counter_values_seen']} distinct ms-counter values seen")
PY
