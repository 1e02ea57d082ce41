#!/usr/bin/env python3
"""Two console binaries measured in turns, so the machine's load falls on both alike.

  console_compare.py --tuiprobe T --rounds 5 --work DIR base=BIN1 head=BIN2

DIR holds each binary's stores, made by `console-compare.sh` (a store a newer
binary opened is migrated and an older one refuses it, so each has its own):
DIR/NAME/store-{0,1000,10000,100000}.sqlite. Each round runs every measure
once per binary, alternating which goes first:

  first frame  1,000 actions: spawn until the first row is on the screen (pyte)
  down         100,000 actions: Down pressed --keys times; per press, the time
               from writing the key until the frame's last byte (the output
               goes quiet for --quiet ms, not counted), read raw, so the VT
               emulator's own cost is not in it
  filter       100,000 actions: '/', then 'refund', 'order', 'invoice' typed
               and erased letter by letter, timed like Down
  CPU          the console's own CPU time (schedstat, all threads) for the first
               frame and per key: the wall times above move with the machine's
               load, this much less
  memory       VmRSS and the smaps groups (console_probe.py's) after 20 Down
               and 20 Up, with 10,000 actions and with an empty store

Prints the median of each measure per binary (over rounds; over every key for
Down and the filter) and the smaps groups side by side. Needs pyte.
"""
import argparse, json, os, select, signal, statistics, sys, time

from console_probe import smaps_breakdown, vm_rss
from probe_screen import load_tuiprobe

COLUMNS, LINES = 120, 40


class Console:
    def __init__(self, tp, binary, store):
        import pyte
        self.tp = tp
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.Stream(self.screen)
        env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
        self.started = time.monotonic()
        self.pid, self.fd = tp.spawn([binary, "--store", store], COLUMNS, LINES, env)

    def read(self, timeout):
        """One read within `timeout` s: (arrival time, bytes) or None."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return None
        data = os.read(self.fd, 1 << 16)
        if not data:
            raise EOFError("the console exited")
        return time.monotonic(), data

    def first_frame(self, ready, timeout=60.0):
        """ms from spawn until `ready` is on the screen: the arrival of the read that completed it."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            got = self.read(0.005)
            if got is None:
                continue
            arrived, data = got
            self.stream.feed(data.decode("utf-8", "replace"))
            if ready in "\n".join(self.screen.display):
                return (arrived - self.started) * 1000
        raise TimeoutError(f"{ready!r} never appeared:\n" + "\n".join(self.screen.display))

    def settle(self, quiet=0.05, limit=5.0):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            got = self.read(quiet)
            if got is None:
                return
            self.stream.feed(got[1].decode("utf-8", "replace"))

    def key(self, data, quiet):
        """ms from writing `data` until the last byte of the frame it caused (None: nothing came within 2 s)."""
        written = time.monotonic()
        os.write(self.fd, data.encode())
        chunks, last = [], None
        got = self.read(2.0)
        while got is not None:
            last = got[0]
            chunks.append(got[1])
            got = self.read(quiet / 1000)
        # Fed after the timing: the emulator's cost is the probe's, not the console's.
        self.stream.feed(b"".join(chunks).decode("utf-8", "replace"))
        return None if last is None else (last - written) * 1000

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
            time.sleep(0.05)
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def cpu_ms(pid):
    """CPU time the process has used (all its threads, from schedstat, in ms):
    unlike wall time it hardly moves with the machine's load."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended
    return total / 1e6


def run(tp, binary, store, ready, body):
    console = Console(tp, binary, store)
    try:
        first = console.first_frame(ready)
        first_cpu = cpu_ms(console.pid)
        console.settle()
        return (first, first_cpu), body(console)
    finally:
        console.close()


def measure_round(tp, binary, stores, args, results):
    keys = tp.KEYS
    (first, first_cpu), _ = run(tp, binary, stores[1000], "Book account 000014", lambda c: None)
    results["first frame 1,000 (ms)"].append(first)
    results["first frame 1,000: CPU (ms, all threads)"].append(first_cpu)

    def presses(sequence):
        def body(console):
            times = []
            before = cpu_ms(console.pid)
            for data in sequence:
                t = console.key(data, args.quiet)
                if t is not None:
                    times.append(t)
            return times, (cpu_ms(console.pid) - before) / len(sequence)
        return body

    _, (downs, cpu) = run(tp, binary, stores[100000], "100,000 shown", presses([keys["down"]] * args.keys))
    results["down 100,000 (ms per key)"].extend(downs)
    results["down 100,000: CPU (ms per key)"].append(cpu)

    typed = ["/"]
    for word in ("refund", "order", "invoice"):
        typed += list(word) + ["\x7f"] * len(word)
    _, (filters, cpu) = run(tp, binary, stores[100000], "100,000 shown", presses(typed))
    results["filter 100,000 (ms per key)"].extend(filters)
    results["filter 100,000: CPU (ms per key)"].append(cpu)

    for count, ready in ((10000, "10,000 shown"), (0, "Welcome to Switchboard")):
        def memory(console):
            for key in [keys["down"]] * 20 + [keys["up"]] * 20:
                console.key(key, args.quiet)
            console.settle(0.3, 3)
            return vm_rss(console.pid), smaps_breakdown(console.pid, os.path.realpath(binary))
        _, (rss, groups) = run(tp, binary, stores[count], ready, memory)
        results[f"VmRSS {count:,} actions (KiB)"].append(rss)
        for name, group in groups.items():
            results.setdefault(f"smaps {count:,}: {name}", []).append(group["rss_kib"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tuiprobe", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--keys", type=int, default=60, help="Down presses per round")
    ap.add_argument("--quiet", type=float, default=4.0, help="ms of silence that ends a frame")
    ap.add_argument("binaries", nargs="+", help="NAME=BINARY")
    a = ap.parse_args()
    tp = load_tuiprobe(a.tuiprobe)
    binaries = [tuple(item.split("=", 1)) for item in a.binaries]
    results = {name: {k: [] for k in ("first frame 1,000 (ms)", "first frame 1,000: CPU (ms, all threads)",
                                        "down 100,000 (ms per key)", "down 100,000: CPU (ms per key)",
                                        "filter 100,000 (ms per key)", "filter 100,000: CPU (ms per key)",
                                        "VmRSS 10,000 actions (KiB)", "VmRSS 0 actions (KiB)")} for name, _ in binaries}
    for round_number in range(a.rounds):
        order = binaries if round_number % 2 == 0 else list(reversed(binaries))
        for name, binary in order:
            stores = {n: os.path.join(a.work, name, f"store-{n}.sqlite") for n in (0, 1000, 10000, 100000)}
            measure_round(tp, binary, stores, a, results[name])
        print(f"round {round_number + 1}/{a.rounds} done ({', '.join(n for n, _ in order)})", file=sys.stderr)

    names = [name for name, _ in binaries]
    measures = []
    for name in names:
        for measure in results[name]:
            if measure not in measures:
                measures.append(measure)
    print(f"{'median (runs)':58}" + "".join(f"{n:>22}" for n in names))
    for measure in measures:
        cells = []
        for name in names:
            values = results[name].get(measure, [])
            cells.append(f"{statistics.median(values):12.1f} ({len(values):3})" if values else f"{'-':>18}")
        print(f"{measure[:58]:58}" + "".join(f"{c:>22}" for c in cells))
    for measure in ("down 100,000 (ms per key)", "filter 100,000 (ms per key)"):
        line = f"{measure + ' p90 / max':58}"
        for name in names:
            values = sorted(results[name][measure])
            line += f"{values[int(len(values) * 0.9)]:>13.1f} /{values[-1]:>7.1f}" if values else f"{'-':>22}"
        print(line)
    print(json.dumps(results), file=open(os.path.join(a.work, "results.json"), "w"))


if __name__ == "__main__":
    main()
