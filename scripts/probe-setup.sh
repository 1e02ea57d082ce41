# Sourced by the figure scripts (after `cd` to the project root): finds the shared
# tuiprobe (TUIPROBE, else ../shared/tools/tuiprobe.py), checks that pyte is installed,
# and sets BIN to the release console binary, building it unless BIN is given.
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
