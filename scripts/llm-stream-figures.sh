#!/usr/bin/env bash
# A model reply streaming into the call pane, through a real pty (120×40):
# how long after a word leaves the endpoint it is on screen (target ≤ 16 ms),
# and key-to-screen latency in the caller's line while the reply streams
# (target ≤ 5 ms median). The endpoint is a scripted OpenAI-compatible server
# inside the probe (scripts/llm_stream_probe.py), one word every 50 ms.
#
#   scripts/llm-stream-figures.sh                 # release build, then measure
#   BIN=.build/debug/switchboard scripts/llm-stream-figures.sh
set -euo pipefail

cd "$(dirname "$0")/.."
. scripts/probe-setup.sh

WORK=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-llm.XXXXXX")
PROBE_PID=
cleanup() { [ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

STORE="$WORK/store.sqlite"
python3 "$ROOT/scripts/llm_stream_probe.py" --tuiprobe "$TUIPROBE" --port-file "$WORK/port" --ready-file "$WORK/ready" \
    --words "${WORDS:-60}" --gap-ms "${GAP_MS:-50}" -- "$BIN" --store "$STORE" > "$WORK/out.json" &
PROBE_PID=$!
for _ in $(seq 200); do [ -s "$WORK/port" ] && break; sleep 0.05; done
PORT=$(cat "$WORK/port")
"$BIN" actions create --kind custom-input --name "Check order status" --store "$STORE" \
    --url "http://127.0.0.1:9/orders" --property "order_number:integer:required:The order number" > /dev/null
"$BIN" models create probe --base-url "http://127.0.0.1:$PORT/v1" --model probe --store "$STORE" > /dev/null
"$BIN" agents edit "Default agent" --model probe --store "$STORE" > /dev/null
touch "$WORK/ready"
wait "$PROBE_PID" || true
PROBE_PID=
out=$(cat "$WORK/out.json")
echo "$out"
python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
if "error" in d:
    sys.exit("probe failed: " + d["error"])
t, k = d["token_to_screen_ms"], d["key_while_streaming_ms"]
print(f"streamed word on screen after the endpoint wrote it: median {t['median']} ms  p95 {t['p95']} ms  max {t['max']} ms  ({t['n']} words)   (target ≤ 16 ms)")
print(f"key latency in the call pane while a reply streams: median {k['median']} ms  p95 {k['p95']} ms  max {k['max']} ms  ({k['n']} keys)   (target ≤ 5 ms median)")
PY
