#!/usr/bin/env python3
"""The console's memory, idle cost and paste time, measured through a real pseudo-terminal.

  console_probe.py memory --tuiprobe T [--ready TEXT] -- switchboard --store S
      Resident memory once the list is on screen (after 20 Down and 20 Up),
      with a breakdown of /proc/PID/smaps by mapping group: the binary's own
      pages (code, read-only data and relocations, writable data), Foundation
      and ICU, the Swift runtime and Dispatch, other shared libraries, the
      heap and anonymous memory (our data, SQLite's cache, malloc arenas),
      thread stacks. Rss, Private_Dirty and Anonymous in KiB per group.

  console_probe.py idle --tuiprobe T [--seconds 10] [--settle 8] -- switchboard --store S
      After the first frame and --settle seconds (status messages fade), the
      CPU time the process used over --seconds and its context switches
      (all threads): a console with nothing moving on screen should show none.

  console_probe.py paste --tuiprobe T --field description|speak-on-send
                   [--kib 100] [--mode bracketed|burst] -- switchboard --store S
      Opens a new Custom Input action, moves to the field, pastes --kib KiB of
      text (as a bracketed paste, or as a plain burst of characters like a
      terminal without bracketed paste), and reports the time until the
      screen has settled with the paste in it; then, after --settle seconds,
      the idle cost with the pasted text on screen.

Prints one JSON object. Needs pyte (pip install pyte) and the shared tuiprobe.
"""
import argparse, json, os, select, signal, sys, time

from probe_screen import load_tuiprobe


# ---------------------------------------------------------------- smaps

def mapping_group(path, perms, binary):
    """Which group a mapping of /proc/PID/smaps belongs to."""
    name = os.path.basename(path)
    if path and binary and os.path.realpath(path) == binary:
        if "x" in perms:
            return "binary: code"
        if "w" in perms:
            return "binary: data (rw)"
        return "binary: rodata + relocations (r--)"
    if "ICU" in name or "icu" in name:
        return "ICU (lib_FoundationICU)"
    if name.startswith(("libFoundation", "lib_Foundation", "libFoundationEssentials", "libFoundationNetworking",
                        "libFoundationXML", "lib_FoundationCollections")):
        return "Foundation"
    if name.startswith(("libswift", "libdispatch", "libBlocksRuntime", "lib_Testing", "libswift_")):
        return "Swift runtime + Dispatch"
    if name.startswith(("libsqlite3",)):
        return "SQLite library"
    if name.startswith(("libncurses", "libtinfo")):
        return "ncurses"
    if name.startswith(("libc.so", "libc-", "libm.so", "libpthread", "libdl", "ld-linux", "libstdc++", "libgcc_s", "libz")):
        return "libc, libstdc++, loader"
    if path == "[heap]":
        return "heap (brk: our data, SQLite cache)"
    if path.startswith("[stack"):
        return "main stack"
    if path in ("[vdso]", "[vvar]", "[vsyscall]", "[vvar_vclock]"):
        return "kernel (vdso)"
    if path == "":
        return "anonymous (mmap: malloc arenas, large blocks, thread stacks)"
    if path.startswith("/"):
        return "other files: " + name
    return "other: " + path


def smaps_breakdown(pid, binary):
    groups = {}
    current = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if not parts[0].endswith(":"):
                # "addr perms offset dev inode [path]"
                path = " ".join(parts[5:]) if len(parts) > 5 else ""
                current = groups.setdefault(mapping_group(path, parts[1], binary),
                                            {"rss_kib": 0, "private_dirty_kib": 0, "anonymous_kib": 0, "mappings": 0})
                current["mappings"] += 1
                continue
            key = {"Rss:": "rss_kib", "Private_Dirty:": "private_dirty_kib", "Anonymous:": "anonymous_kib"}.get(parts[0])
            if key and current is not None:
                current[key] += int(parts[1])
    return dict(sorted(groups.items(), key=lambda item: -item[1]["rss_kib"]))


def vm_rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def print_table(groups, out=sys.stderr):
    print(f"{'group':66} {'Rss':>8} {'PrivDirty':>10} {'Anon':>8}  (KiB)", file=out)
    for name, g in groups.items():
        print(f"{name[:66]:66} {g['rss_kib']:8} {g['private_dirty_kib']:10} {g['anonymous_kib']:8}", file=out)
    total = {k: sum(g[k] for g in groups.values()) for k in ("rss_kib", "private_dirty_kib", "anonymous_kib")}
    print(f"{'total':66} {total['rss_kib']:8} {total['private_dirty_kib']:10} {total['anonymous_kib']:8}", file=out)


# ---------------------------------------------------------------- CPU and wake-ups

def cpu_and_switches(pid):
    """(CPU seconds, context switches summed over all threads)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (fields 14, 15)
    switches = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        switches += int(line.split()[1])
        except FileNotFoundError:
            pass  # a thread that ended
    return cpu, switches


def measure_idle(tp, fd, stream, pid, seconds):
    """CPU and wake-ups over `seconds`, reading the screen meanwhile (as a terminal would)."""
    cpu0, sw0 = cpu_and_switches(pid)
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        tp.pump(fd, stream, 0.1)
    elapsed = time.monotonic() - start
    cpu1, sw1 = cpu_and_switches(pid)
    return {"idle_seconds": round(elapsed, 1), "idle_cpu_percent": round(100 * (cpu1 - cpu0) / elapsed, 2),
            "idle_wakeups_per_second": round((sw1 - sw0) / elapsed, 1)}


# ---------------------------------------------------------------- helpers

def wait_for(tp, fd, stream, screen, needle, timeout):
    deadline = time.monotonic() + timeout
    while needle not in tp.text(screen):
        if time.monotonic() > deadline:
            raise TimeoutError(f"'{needle}' did not appear within {timeout} s")
        tp.pump(fd, stream, 0.05)


def send(fd, data):
    os.write(fd, data.encode())


def write_all(tp, fd, stream, data):
    """Writes `data` to the pty while reading what the program prints, so neither side blocks."""
    view = memoryview(data.encode())
    os.set_blocking(fd, False)
    try:
        while view:
            r, w, _ = select.select([fd], [fd], [], 1.0)
            if r:
                try:
                    chunk = os.read(fd, 1 << 16)
                    stream.feed(chunk.decode("utf-8", "replace"))
                except BlockingIOError:
                    pass
            if w:
                try:
                    written = os.write(fd, view[:4096])
                    view = view[written:]
                except BlockingIOError:
                    pass
    finally:
        os.set_blocking(fd, True)


def settle_time(tp, fd, stream, quiet, limit):
    """Reads until nothing arrives for `quiet` s; returns the time of the last output (None at `limit`)."""
    start = time.monotonic()
    last = start
    while time.monotonic() - last < quiet:
        if time.monotonic() - start > limit:
            return None
        if tp.pump(fd, stream, 0.02):
            last = time.monotonic()
    return last


def paste_text(kib):
    words = ("please confirm the caller's booking reference before reading back the delivery window "
             "and never promise a refund that the account does not allow ").split()
    out, i = [], 0
    size = 0
    while size < kib * 1024 - 16:
        word = words[i % len(words)]
        out.append(word)
        size += len(word) + 1
        i += 1
    return " ".join(out) + " END-OF-PASTE"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["memory", "idle", "paste"])
    ap.add_argument("--tuiprobe", required=True)
    ap.add_argument("--ready", default="shown", help="text on the first full frame")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--settle", type=float, default=8, help="seconds to wait before measuring idle")
    ap.add_argument("--field", choices=["description", "speak-on-send"], default="description")
    ap.add_argument("--kib", type=int, default=100)
    ap.add_argument("--mode", choices=["bracketed", "burst"], default="bracketed")
    ap.add_argument("--limit", type=float, default=300, help="give up on a paste after this many seconds")
    ap.add_argument("--table", action="store_true", help="memory: print the smaps table to stderr")
    argv = sys.argv[1:]
    if "--" not in argv:
        ap.error("give the console's command after --")
    split = argv.index("--")
    a = ap.parse_args(argv[:split])
    cmd = argv[split + 1:]
    tp = load_tuiprobe(a.tuiprobe)
    import pyte

    screen = pyte.Screen(120, 40)
    stream = pyte.Stream(screen)
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": "120", "LINES": "40"}
    started = time.monotonic()
    pid, fd = tp.spawn(cmd, 120, 40, env)
    out = {}
    try:
        wait_for(tp, fd, stream, screen, a.ready, 60)
        out["first_frame_ms"] = round((time.monotonic() - started) * 1000, 1)
        if a.what == "memory":
            for _ in range(20):
                send(fd, tp.KEYS["down"]); tp.settle(fd, stream, 0.02, 1)
            for _ in range(20):
                send(fd, tp.KEYS["up"]); tp.settle(fd, stream, 0.02, 1)
            tp.settle(fd, stream, 0.3, 3)
            binary = os.path.realpath(os.readlink(f"/proc/{pid}/exe"))
            out["rss_kib"] = vm_rss(pid)
            groups = smaps_breakdown(pid, binary)
            out["smaps"] = groups
            if a.table:
                print_table(groups)
        elif a.what == "idle":
            tp.settle(fd, stream, a.settle, a.settle + 5)
            time.sleep(0)
            end = time.monotonic() + a.settle
            while time.monotonic() < end:
                tp.pump(fd, stream, 0.1)
            out.update(measure_idle(tp, fd, stream, pid, a.seconds))
        else:
            if "Welcome to Switchboard" in tp.text(screen):  # an empty store's demo offer: skip it
                send(fd, tp.KEYS["esc"])
                deadline = time.monotonic() + 5
                while "Welcome to Switchboard" in tp.text(screen) and time.monotonic() < deadline:
                    tp.pump(fd, stream, 0.05)
                tp.settle(fd, stream, 0.1, 2)
            send(fd, "n")
            wait_for(tp, fd, stream, screen, "Custom Input", 10)
            tp.settle(fd, stream, 0.1, 2)
            send(fd, tp.KEYS["enter"])
            wait_for(tp, fd, stream, screen, "Speak on Send", 10)
            tp.settle(fd, stream, 0.1, 2)
            downs = {"description": 2, "speak-on-send": 4}[a.field]
            for _ in range(downs):
                send(fd, tp.KEYS["down"]); tp.settle(fd, stream, 0.05, 2)
            text = paste_text(a.kib)
            data = "\x1b[200~" + text + "\x1b[201~" if a.mode == "bracketed" else text
            start = time.monotonic()
            write_all(tp, fd, stream, data)
            out["write_ms"] = round((time.monotonic() - start) * 1000, 1)
            last = settle_time(tp, fd, stream, 1.0, a.limit)
            out["paste_bytes"] = len(text.encode())
            out["paste_ms"] = None if last is None else round((last - start) * 1000, 1)
            out["paste_on_screen"] = "END-OF-PASTE" in tp.text(screen) or "unsaved" in tp.text(screen)
            out["rss_kib_after_paste"] = vm_rss(pid)
            if last is not None:
                # Then idle, once the status line's messages have faded (--settle).
                end = time.monotonic() + a.settle
                while time.monotonic() < end:
                    tp.pump(fd, stream, 0.1)
                out.update(measure_idle(tp, fd, stream, pid, a.seconds))
        out["rss_kib_end"] = vm_rss(pid)
    except (TimeoutError, EOFError) as error:
        out["error"] = str(error)
        print(tp.text(screen), file=sys.stderr)
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    print(json.dumps(out))


if __name__ == "__main__":
    main()
