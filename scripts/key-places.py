#!/usr/bin/env python3
"""Counts the places a key is defined in the console (issue 12: "no key is written twice").

Three kinds of place, per Swift file under Sources/Console:
  rows       a key inside a keymap row (a KeyRow built under any of its typealiases: KeyBinding, EditorKey,
             a form's `Keys`, wherever the table is built, a `keys` closure too): the one place a key should live;
  behaviour  a key literal in a `case` pattern or `== .key(...)` test: behaviour written by hand;
  text       a key written in a hint or help line by hand: `KeyHint("^S", ...)`.
A key "written twice" is one that a component (a folder) names both in hand-written text and in
hand-written behaviour: the hint can drift from what the key does.

Text editing inside a text field (Widgets/TextField.swift, TextArea.swift) is the field's own
behaviour, not a binding, and is left out.

Usage: scripts/key-places.py [--files] [--key KEY] [root]   (root: the checkout, default the current directory)
  --files    the counts per file
  --key KEY  where one key is written, per file and kind (KEY as listed: ctrl:s, char:q, escape, F1)
"""
import os
import re
import sys

SKIP = {"Widgets/TextField.swift", "Widgets/TextArea.swift"}
NAMED = ["enter", "escape", "tab", "backTab", "backspace", "delete", "up", "down", "left", "right", "home", "end",
         "pageUp", "pageDown", "altUp", "altDown"]
KEY_LITERAL = re.compile(r'\.(character|ctrl|alt)\("((?:\\.|[^"\\])+)"\)|\.function\((\d+)\)|\.(' + "|".join(NAMED) + r')\b')
# A keymap row type: KeyRow, and every typealias of it (KeyBinding, EditorKey, a form's `Keys`),
# read from the sources, so a table built under any name (a form's, inside its `keys` closure) counts.
ROW_ALIAS = re.compile(r'\btypealias\s+(\w+)\s*=\s*(\w+)\b')
HINT = re.compile(r'KeyHint\("((?:\\.|[^"\\])*)"')
BEHAVIOUR_LINE = re.compile(r'^\s*case\b|==\s*\.key\(|key\s*==\s*\.|\bkey\s*!=\s*\.|\.key\(\.')

TEXT_TOKENS = {
    "⏎": "enter", "enter": "enter", "esc": "escape", "tab": "tab", "s-tab": "backTab", "shift-tab": "backTab",
    "space": "char: ", "↑": "up", "↓": "down", "←": "left", "→": "right", "home": "home", "end": "end",
    "pgup": "pageUp", "pgdn": "pageDown", "del": "delete", "delete": "delete", "backspace": "backspace",
    "alt-↑": "altUp", "alt-↓": "altDown",
}


def literal_keys(line):
    keys = []
    for m in KEY_LITERAL.finditer(line):
        kind, char, fn, named = m.groups()
        if kind == "character":
            keys.append("char:" + char)
        elif kind:
            keys.append(kind + ":" + char.lower())
        elif fn:
            keys.append("F" + fn)
        else:
            keys.append(named)
    return keys


def text_keys(label):
    """The keys a hint's key text names ("Space/←→", "Enter ^S", "j k ↑ ↓", "n Esc")."""
    keys = []
    for token in re.split(r"[ /,]+", label):
        if not token:
            continue
        low = token.lower()
        if low in TEXT_TOKENS:
            keys.append(TEXT_TOKENS[low])
        elif low.startswith("^") and len(token) == 2:
            keys.append("ctrl:" + low[1])
        elif low.startswith("ctrl-") and len(token) == 6:
            keys.append("ctrl:" + low[5])
        elif re.fullmatch(r"f\d+", low):
            keys.append("F" + low[1:])
        elif all(c in "↑↓←→" for c in token):
            keys.extend(TEXT_TOKENS[c] for c in token)
        elif len(token) == 1:
            keys.append("char:" + token)
        # "type", "1-9", "J/K" handled as words: left out (not one key)
    return keys


def swift_files(base):
    for folder, _, names in os.walk(base):
        for name in sorted(names):
            if name.endswith(".swift"):
                yield os.path.join(folder, name)


def row_start(paths):
    """What starts a keymap row: `KeyRow(` or `Alias(` for each typealias of it (of an alias too)."""
    aliases = {}
    for path in paths:
        for m in ROW_ALIAS.finditer(open(path, encoding="utf-8").read()):
            aliases[m.group(1)] = m.group(2)
    names = {"KeyRow"}
    while True:
        more = {alias for alias, target in aliases.items() if target in names} - names
        if not more:
            break
        names |= more
    return re.compile(r'\b(' + "|".join(sorted(names)) + r')\(')


def scan(root):
    base = os.path.join(root, "Sources", "Console")
    files = {}
    paths = list(swift_files(base))
    starts_row = row_start(paths)
    for path in paths:
        rel = os.path.relpath(path, base)
        if rel in SKIP:
            continue
        counts = {"rows": [], "behaviour": [], "text": []}
        depth = 0  # open parentheses of a keymap row being read
        for line in open(path, encoding="utf-8"):
            code = line.split("//", 1)[0] if not line.strip().startswith("///") else ""
            starts = depth == 0 and starts_row.search(code) and not re.search(r"\b(struct|func|init|extension)\b", code)
            if starts or depth > 0:
                counts["rows"] += literal_keys(code)
                depth = max(0, depth + code.count("(") - code.count(")"))
                continue
            for m in HINT.finditer(code):
                counts["text"] += text_keys(m.group(1))
            # `case .enter: return "⏎"` names a key (Key.label), it binds nothing.
            if BEHAVIOUR_LINE.search(code) and not re.search(r':\s*return\s*"', code):
                counts["behaviour"] += literal_keys(code)
        files[rel] = counts
    return files


def main():
    argv = sys.argv[1:]
    only_key = None
    if "--key" in argv:
        at = argv.index("--key")
        only_key = argv[at + 1]
        del argv[at:at + 2]
    args = [a for a in argv if not a.startswith("--")]
    root = args[0] if args else "."
    files = scan(root)
    totals = {"rows": 0, "behaviour": 0, "text": 0}
    components = {}
    for rel, counts in files.items():
        for kind in totals:
            totals[kind] += len(counts[kind])
        folder = os.path.dirname(rel) or "."
        comp = components.setdefault(folder, {"behaviour": set(), "text": set()})
        comp["behaviour"].update(counts["behaviour"])
        comp["text"].update(counts["text"])
    if "--files" in sys.argv:
        print(f"{'file':48} {'rows':>5} {'behaviour':>9} {'text':>5}")
        for rel, counts in sorted(files.items()):
            if any(counts.values()):
                print(f"{rel:48} {len(counts['rows']):5} {len(counts['behaviour']):9} {len(counts['text']):5}")
    if only_key:
        print(f"{only_key}: {'file':44} {'rows':>5} {'behaviour':>9} {'text':>5}")
        for rel, counts in sorted(files.items()):
            n = {kind: counts[kind].count(only_key) for kind in counts}
            if any(n.values()):
                print(f"{'':{len(only_key) + 2}}{rel:44} {n['rows']:5} {n['behaviour']:9} {n['text']:5}")
        print(f"{'':{len(only_key) + 2}}{'total':44} " + " ".join(
            f"{sum(c[kind].count(only_key) for c in files.values()):{w}}" for kind, w in (("rows", 5), ("behaviour", 9), ("text", 5))))
        return
    twice = {folder: sorted(c["behaviour"] & c["text"]) for folder, c in components.items() if c["behaviour"] & c["text"]}
    print(f"key places in keymap rows:            {totals['rows']}")
    print(f"key places in hand-written behaviour: {totals['behaviour']}")
    print(f"key places in hand-written hint/help: {totals['text']}")
    print(f"places a key is defined (all three):  {sum(totals.values())}")
    print(f"keys written twice (hand-written hint/help and behaviour, per folder): {sum(len(v) for v in twice.values())}")
    for folder, keys in sorted(twice.items()):
        print(f"  {folder}: {len(keys)}  {' '.join(keys)}")


if __name__ == "__main__":
    main()
