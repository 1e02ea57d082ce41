#!/usr/bin/env python3
"""A model reply streaming into the call pane: how long after a word leaves the
(local, scripted) model endpoint it is on screen, and key-to-screen latency in
the caller's line while the reply streams.

Serves an OpenAI-compatible /v1/chat/completions on 127.0.0.1 from this process
(so the send times and the screen times share one monotonic clock): each reply
streams --words words (`tk00 tk01 …`), one SSE event every --gap-ms. Starts the
console in a pty (the shared tuiprobe and its pyte screen) on a store whose
default agent uses that model, opens a call with `c`, says a line, and:
  call 1: polls the screen for each word, noting when it appears;
  call 2: types letters into the caller's line while the reply streams.
Prints JSON.

  llm_stream_probe.py --tuiprobe ../shared/tools/tuiprobe.py --port-file F -- switchboard --store S
"""
import argparse, http.server, json, os, re, signal, socketserver, sys, threading, time

from probe_screen import ConsoleScreen, load_tuiprobe, stats

SENT = {}  # word -> monotonic seconds when its event was written


def make_handler(words, gap):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()

            def event(obj):
                self.wfile.write(b"data: " + json.dumps(obj).encode() + b"\n\n")
                self.wfile.flush()

            for i in range(words):
                word = "tk%02d" % i
                event({"model": "probe-1", "choices": [{"index": 0, "delta": {"content": (" " if i else "") + word}}]})
                SENT[word] = time.monotonic()
                time.sleep(gap)
            event({"model": "probe-1", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            event({"model": "probe-1", "choices": [], "usage": {"prompt_tokens": 100, "completion_tokens": words}})
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True

    return Handler


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tuiprobe", required=True)
    ap.add_argument("--port-file", required=True, help="where to write the port, for the store's model record")
    ap.add_argument("--ready-file", required=True, help="waited for before starting the console")
    ap.add_argument("--words", type=int, default=60)
    ap.add_argument("--gap-ms", type=float, default=50)
    ap.add_argument("--key-gap", type=float, default=0.03)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd

    server = Server(("127.0.0.1", 0), make_handler(a.words, a.gap_ms / 1000))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with open(a.port_file, "w") as f:
        f.write(str(server.server_address[1]))
    end = time.monotonic() + 60
    while not os.path.exists(a.ready_file) and time.monotonic() < end:
        time.sleep(0.05)

    tp = load_tuiprobe(a.tuiprobe)
    console = ConsoleScreen(tp, cmd)
    screen, stream, pid, fd = console.screen, console.stream, console.pid, console.fd
    text, wait_for, input_line = console.text, console.wait_for, console.input_line

    def thinking():
        return console.above_input_says("thinking · ")

    out = {"cmd": " ".join(cmd), "words": a.words, "gap_ms": a.gap_ms}
    token_delays, key_delays = [], []
    try:
        wait_for(r"Custom External Actions")
        tp.settle(fd, stream)
        # Call 1: each word, from written by the endpoint to on screen.
        os.write(fd, b"c")
        wait_for(r"Call · ")
        tp.settle(fd, stream, quiet=0.05)
        SENT.clear()
        os.write(fd, b"hello\r")
        seen = set()
        end = time.monotonic() + a.words * a.gap_ms / 1000 + 10
        while len(seen) < a.words and time.monotonic() < end:
            tp.pump(fd, stream, 0.0005)
            now = time.monotonic()
            shown = text()
            for word, sent in list(SENT.items()):
                if word not in seen and word in shown:
                    seen.add(word)
                    token_delays.append((now - sent) * 1000)
        # The turn is over (the figures line itself is not waited for: pyte can miss
        # a line ncurses scrolls in with the spoken reply in the same frame).
        wait_for(r"live · listening", timeout=10)
        os.write(fd, b"\x05")  # Ctrl-E: hang up
        wait_for(r"Call ended")
        os.write(fd, b"q")
        wait_for(r"Custom External Actions \(")
        tp.settle(fd, stream, quiet=0.05)

        # Call 2: keys typed while the reply streams.
        os.write(fd, b"c")
        wait_for(r"Call · ")
        tp.settle(fd, stream, quiet=0.05)
        os.write(fd, b"hello\r")
        wait_for(r"thinking · ")
        letters = "abcdefghijklmnopqrstuvwxyz"
        typed = ""
        while thinking():
            typed += letters[len(typed) % 26]
            if len(typed) > 60:
                os.write(fd, b"\x15")
                tp.settle(fd, stream, quiet=0.02)
                typed = letters[0]
            start = time.monotonic()
            os.write(fd, typed[-1].encode())
            ok = False
            while time.monotonic() - start < 2.0:
                if input_line().endswith(typed):
                    ok = True
                    break
                tp.pump(fd, stream, 0.0005)
            if ok and thinking():
                key_delays.append((time.monotonic() - start) * 1000)
            time.sleep(a.key_gap)
        out["token_to_screen_ms"] = stats(token_delays)
        out["words_seen"] = len(token_delays)
        out["key_while_streaming_ms"] = stats(key_delays)
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
        server.shutdown()
    print(json.dumps(out))
    return 1 if "error" in out else 0


if __name__ == "__main__":
    sys.exit(main())
