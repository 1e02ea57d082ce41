#!/usr/bin/env python3
"""Key-to-screen latency in the call pane while the agent waits, muted, on a slow request.

Starts the console in a pty (through the shared tuiprobe's spawn/pump and its
pyte screen), starts a call on an action whose endpoint answers after 2 s, says
the line that sends the request, then types letters into the caller's line for
as long as the request is in flight. A key's latency is the time from writing
it to the moment the screen's input line shows it (not merely "the screen
changed": the spinner and the millisecond counter change it all the time).
Repeats for --calls calls; does the same while idle for comparison. Prints JSON.

  callpane_probe.py --tuiprobe ../shared/tools/tuiprobe.py -- switchboard --store S
"""
import argparse, json, os, re, signal, sys, time

from probe_screen import ConsoleScreen, load_tuiprobe, stats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tuiprobe", required=True)
    ap.add_argument("--calls", type=int, default=5)
    ap.add_argument("--action", default="Check order status")
    ap.add_argument("--line", default="order 42")
    ap.add_argument("--gap", type=float, default=0.03, help="seconds between keys")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    tp = load_tuiprobe(a.tuiprobe)
    console = ConsoleScreen(tp, cmd)
    screen, stream, pid, fd = console.screen, console.stream, console.pid, console.fd
    text, wait_for, input_line = console.text, console.wait_for, console.input_line

    def waiting():
        return console.above_input_says("muted · ")

    def type_and_time(expected):
        """Writes one letter; returns ms until the input line ends with `expected`."""
        start = time.monotonic()
        os.write(fd, expected[-1].encode())
        while not input_line().endswith(expected):
            if time.monotonic() - start > 2.0:
                return None
            tp.pump(fd, stream, 0.0005)
        return (time.monotonic() - start) * 1000

    def clear_line():
        os.write(fd, b"\x15")  # Ctrl-U
        end = time.monotonic() + 2
        while input_line().strip() and not input_line().startswith("type what") and not input_line().startswith("the agent is") and time.monotonic() < end:
            tp.pump(fd, stream, 0.002)
        tp.settle(fd, stream, quiet=0.02)

    letters = "abcdefghijklmnopqrstuvwxyz"
    during, idle, counters, waits = [], [], set(), []
    out = {"cmd": " ".join(cmd)}
    try:
        wait_for(re.escape(a.action))
        tp.settle(fd, stream)
        for call in range(a.calls):
            os.write(fd, b"c")
            wait_for(r"Agent  Let's test")
            tp.settle(fd, stream, quiet=0.05)
            # Idle typing, for comparison.
            typed = ""
            for i in range(15):
                typed += letters[i % 26]
                ms = type_and_time(typed)
                if ms is not None:
                    idle.append(ms)
                time.sleep(a.gap)
            clear_line()
            os.write(fd, a.line.encode() + b"\r")
            wait_for(r"muted · \d+ ms")
            started = time.monotonic()
            typed = ""
            while waiting():
                m = re.search(r"muted · (\d+) ms", text())
                if m:
                    counters.add(int(m.group(1)))
                typed += letters[len(typed) % 26]
                if len(typed) > 60:
                    clear_line()
                    typed = letters[0]
                ms = type_and_time(typed)
                # Only keys whose answer came while still waiting count.
                if ms is not None and waiting():
                    during.append(ms)
                time.sleep(a.gap)
                tp.pump(fd, stream, 0.0)
            waits.append(round((time.monotonic() - started) * 1000))
            clear_line()
            wait_for(r"answered|failed|cancelled")
            os.write(fd, b"\x05")  # Ctrl-E: hang up
            wait_for(r"Call ended")
            time.sleep(0.1)
            os.write(fd, b"q")  # back to the list
            wait_for(r"Custom External Actions \(")
            time.sleep(0.1)

        out["during_wait_ms"] = stats(during)
        out["idle_ms"] = stats(idle)
        out["wait_ms_per_call"] = waits
        out["distinct_ms_counter_values_seen"] = len(counters)
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    out["rss_kib"] = int(line.split()[1])
        except OSError:
            pass
    except (TimeoutError, EOFError) as error:
        out["error"] = str(error) or "program exited"
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
            time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    print(json.dumps(out))
    return 1 if "error" in out else 0


if __name__ == "__main__":
    sys.exit(main())
