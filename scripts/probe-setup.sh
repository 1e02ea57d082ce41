# Sourced by the figure scripts (after `cd` to the project root): finds the shared
# tuiprobe (TUIPROBE, else ../shared/tools/tuiprobe.py), checks that pyte is installed,
# sets BIN to the release console binary, building it unless BIN is given, and defines
# make_store (the test stores; the caller sets WORK).
ROOT=$(pwd)
TUIPROBE=${TUIPROBE:-}
if [ -z "$TUIPROBE" ]; then
    for candidate in "$ROOT/../shared/tools/tuiprobe.py" /work/shared/tools/tuiprobe.py; do
        if [ -f "$candidate" ]; then TUIPROBE=$candidate; break; fi
    done
fi
[ -n "$TUIPROBE" ] && [ -f "$TUIPROBE" ] || { echo "tuiprobe.py not found: set TUIPROBE" >&2; exit 2; }
python3 -c 'import pyte' 2>/dev/null || { echo "the probe needs pyte: pip install pyte" >&2; exit 2; }

if [ -z "${BIN:-}" ]; then
    echo "== building (release)"
    swift build -c release --product switchboard
    BIN="$(swift build -c release --show-bin-path)/switchboard"
fi
[ -x "$BIN" ] || { echo "no console binary at $BIN" >&2; exit 2; }

# make_store N: $WORK/store-N.sqlite holding N actions (none: an empty store), made once.
# OpenAI tools files with N functions in all with unique names (verb_noun_NNNNNN), a
# description and a small schema, like real tools. Imported with --url.
make_store() {
    local count=$1 store="$WORK/store-$1.sqlite"
    if [ -f "$store" ]; then echo "== store with $count actions: $store (kept)"; return; fi
    if [ "$count" = 0 ]; then "$BIN" actions list --store "$store" > /dev/null; echo "== empty store"; return; fi
    # In files of 10,000: one `actions import` of 100,000 tools runs for minutes
    # (it grows faster than linearly), ten of 10,000 take seconds.
    local start=$SECONDS first
    for ((first = 0; first < count; first += 10000)); do
    python3 - "$first" "$(( first + 10000 < count ? first + 10000 : count ))" > "$WORK/tools.json" <<'PY'
import json, sys
first, end = int(sys.argv[1]), int(sys.argv[2])
verbs = ["check", "create", "update", "cancel", "book", "lookup", "transfer", "send", "refund", "list"]
nouns = ["order", "account", "invoice", "lead", "ticket", "booking", "payment", "plan", "address", "delivery"]
tools = []
for i in range(first, end):
    verb, noun = verbs[i % 10], nouns[(i // 10) % 10]
    tools.append({"type": "function", "function": {
        "name": f"{verb}_{noun}_{i:06d}",
        "description": f"{verb.capitalize()}s the caller's {noun} (tool {i}) and reads back the result",
        "parameters": {"type": "object", "properties": {
            "email": {"type": "string", "description": "The caller's email address", "format": "email"},
            "reference": {"type": "string", "description": f"The {noun} reference"},
        }, "required": ["email"]},
    }})
json.dump(tools, sys.stdout)
PY
    "$BIN" actions import "$WORK/tools.json" --url https://api.example.com/hook --store "$store" > /dev/null
    done
    echo "== store with $count actions: imported in $((SECONDS - start)) s"
}
