"""What the console probes share: the shared tuiprobe (loaded from its path),
the console in a pty on a pyte screen with the call pane's caller line found
cheaply, and the median/p95/max summary they print.

Reading one row of pyte's buffer is much cheaper than `screen.display` (every
row): the probe must not be what makes keys look slow while the console
redraws a counter 30 times a second, so the caller line's row is remembered.
"""
import importlib.util, re, time

CALLER_PROMPT = "Caller › "


def load_tuiprobe(path):
    spec = importlib.util.spec_from_file_location("tuiprobe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stats(values):
    values = sorted(values)
    if not values:
        return {}
    return {"median": round(values[len(values) // 2], 2), "p95": round(values[min(len(values) - 1, int(len(values) * 0.95))], 2),
            "max": round(values[-1], 2), "n": len(values)}


class ConsoleScreen:
    """`cmd` running in a pty of `columns`×`lines`, drawn on a pyte screen."""

    def __init__(self, tp, cmd, columns=120, lines=40):
        import pyte
        self.tp = tp
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.Stream(self.screen)
        env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": str(columns), "LINES": str(lines)}
        self.pid, self.fd = tp.spawn(cmd, columns, lines, env)
        self._input_row = None

    def text(self):
        return "\n".join(self.screen.display)

    def wait_for(self, pattern, timeout=20.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if re.search(pattern, self.text()):
                return
            self.tp.pump(self.fd, self.stream, 0.005)
        raise TimeoutError(f"never saw {pattern!r}:\n{self.text()}")

    def row(self, y):
        line = self.screen.buffer[y]
        return "".join(line[x].data for x in range(self.screen.columns))

    def input_line(self):
        """What the caller's line holds ("" when the call pane isn't open)."""
        y = self._input_row
        if y is None or CALLER_PROMPT not in self.row(y):
            self._input_row = y = next((i for i, line in enumerate(self.screen.display) if CALLER_PROMPT in line), None)
            if y is None:
                return ""
        return self.row(y).split(CALLER_PROMPT, 1)[1].rstrip(" │")

    def above_input_says(self, marker):
        """Whether the row above the caller's line (the call's status) shows `marker`."""
        y = self._input_row
        return marker in (self.row(y - 1) if y else self.text())
