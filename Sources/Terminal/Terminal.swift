// Terminal: the only module that calls ncurses (through CNCurses).
//
// Everything that touches the C statics of shim.h (the signal handlers and the
// "terminal is active" flag) lives in this one file: static C variables are
// copied into each Swift file that uses them.
import CNCurses
import Screen

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the console could not start.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    case notATerminal
    case unknownTerminal(String)
    case pipeFailed(Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the console needs a terminal: standard input and output must be a terminal (use the `actions` commands in scripts)"
        case let .unknownTerminal(name):
            return "can't use the terminal '\(name)': no terminfo entry for it (try TERM=xterm-256color)"
        case let .pipeFailed(code):
            return "can't create the wake-up pipe (errno \(code))"
        }
    }
}

/// The ncurses screen. One per process, driven from one thread: create it,
/// `readEvent` and `draw` in a loop, `restore()` at the end (also called on
/// deinit, and by a signal handler if the process is killed or crashes).
public final class Terminal {
    /// The Esc delay: how long Esc may precede a key to make it Alt-key.
    public static let escapeDelayMs: Int32 = 25
    /// How long to wait for what follows an Esc that ncurses handed over.
    /// ncurses has already waited the Esc delay for the rest of a sequence
    /// before returning Esc, so a short wait for a split write is enough.
    static let followUpMs: Int32 = 5
    /// How long a bracketed paste may go quiet before it is taken as complete.
    static let pasteIdleMs: Int32 = 500
    /// How long a burst of printable input (unbracketed paste) may pause
    /// between the terminal's writes and still be one paste: a pty hands a
    /// 100 KB paste over in chunks of a few KB.
    static let burstGapMs: Int32 = 10
    /// The most characters one burst collects before it is handed over.
    static let burstLimit = 4 << 20

    public let wakeup: Wakeup
    /// The number of colours (0 without colour support).
    public let colors: Int
    /// Whether colour -1 means the terminal's own colour (use_default_colors).
    public let hasDefaultColors: Bool

    private var decoder: InputDecoder
    /// Decoded events not handed out yet, from `queuedHead` on (an index, so
    /// a long batch isn't shifted once per event).
    private var queued: [InputEvent] = []
    private var queuedHead = 0
    private var restored = false
    private let screen: OpaquePointer

    // Drawing state.
    private var previous: ScreenBuffer?
    private var previousTheme: Theme?
    private var needsFullRedraw = true
    private var cursorVisible = false
    private var looks: [Style: (attrs: attr_t, pair: Int32)] = [:]
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private let colorPairs: Int32

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Starts ncurses on the process's terminal.
    public init() throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let wakeup = try Wakeup()
        setlocale(LC_ALL, "")
        guard let screen = sb_newterm() else {
            throw .unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "(unset)")
        }
        self.screen = screen
        self.wakeup = wakeup
        set_term(screen)
        raw()
        noecho()
        nonl()
        keypad(sb_stdscr(), true)
        set_escdelay(Self.escapeDelayMs)
        curs_set(0)
        wtimeout(sb_stdscr(), 0)
        var defaultColors = false
        if has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
        }
        hasDefaultColors = defaultColors
        colors = has_colors() ? Int(sb_colors()) : 0
        colorPairs = has_colors() ? sb_color_pairs() : 0

        var codes = KeyCodes()
        codes.up = KEY_UP
        codes.down = KEY_DOWN
        codes.left = KEY_LEFT
        codes.right = KEY_RIGHT
        codes.home = KEY_HOME
        codes.end = KEY_END
        codes.backspace = KEY_BACKSPACE
        codes.f0 = KEY_F0
        codes.delete = KEY_DC
        codes.pageUp = KEY_PPAGE
        codes.pageDown = KEY_NPAGE
        codes.enter = KEY_ENTER
        codes.backTab = KEY_BTAB
        codes.keypadHome = KEY_A1
        codes.keypadEnd = KEY_C1
        codes.shiftHome = KEY_SHOME
        codes.shiftEnd = KEY_SEND
        for capability in ["kUP3", "kUP9"] {
            let code = sb_key_code(capability)
            if code > 0 { codes.altUp.insert(code) }
        }
        for capability in ["kDN3", "kDN9"] {
            let code = sb_key_code(capability)
            if code > 0 { codes.altDown.insert(code) }
        }
        // Modified arrows and Home/End: as the plain key (modifiers 2 Shift,
        // 3 Alt, 4 Shift-Alt, 5 Ctrl, 6 Shift-Ctrl, 7 Alt-Ctrl; Alt-Up/Down above).
        let plain: [(String, Key)] = [("UP", .up), ("DN", .down), ("LFT", .left), ("RIT", .right), ("HOM", .home), ("END", .end)]
        for (name, key) in plain {
            for modifier in 2...7 {
                let code = sb_key_code("k\(name)\(modifier)")
                if code > 0 && codes.aliases[code] == nil && !codes.altUp.contains(code) && !codes.altDown.contains(code) {
                    codes.aliases[code] = key
                }
            }
        }
        for (code, key) in [(KEY_SR, Key.up), (KEY_SF, .down), (KEY_SLEFT, .left), (KEY_SRIGHT, .right)] where codes.aliases[code] == nil {
            codes.aliases[code] = key
        }
        decoder = InputDecoder(codes: codes)

        sb_install_signal_handlers()
        // A resize wakes readEvent at once (an idle console has no timer to notice it).
        sb_install_resize_wakeup(wakeup.writeFD)
        sb_write_stdout("\u{1B}[?2004h")  // bracketed paste on
    }

    deinit { restore() }

    /// Gives the terminal back as it was: bracketed paste off, endwin. Safe to
    /// call more than once.
    public func restore() {
        guard !restored else { return }
        restored = true
        sb_remove_resize_wakeup()
        sb_restore_terminal()
        delscreen(screen)
    }

    /// The terminal's size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(sb_stdscr())), Int(getmaxy(sb_stdscr())))
    }

    // MARK: - Input

    /// The next input event, or nil when `timeoutMs` passed (negative: wait
    /// for ever) or the wake-up pipe was signalled.
    public func readEvent(timeoutMs: Int) -> InputEvent? {
        if let event = dequeue() { return event }
        let start = Self.nowMs()
        while true {
            // Everything ncurses can give without waiting (its own queue
            // holds bytes of sequences it could not match; poll can't see those).
            var batch: [InputEvent] = []
            readAvailable(into: &batch)
            // A long run of printable characters is a paste: follow it across
            // the terminal's writes while they keep coming, then hand it over whole.
            while !decoder.isWaitingForMore, !decoder.isPasting, batch.count < Self.burstLimit,
                  InputDecoder.trailingCharacterRun(batch) >= InputDecoder.burstMinimum,
                  waitForInput(timeoutMs: Self.burstGapMs, watchWakeup: false) == .input {
                readAvailable(into: &batch)
            }
            queued += InputDecoder.coalescingBursts(batch)
            if let event = dequeue() { return event }

            if decoder.isWaitingForMore {
                if waitForInput(timeoutMs: Self.followUpMs, watchWakeup: false) == .timeout {
                    queued += decoder.flush()
                }
                continue
            }
            if decoder.isPasting {
                if waitForInput(timeoutMs: Self.pasteIdleMs, watchWakeup: false) == .timeout {
                    queued += decoder.finishPaste()
                }
                continue
            }
            let remaining: Int32
            if timeoutMs < 0 {
                remaining = -1
            } else {
                let left = timeoutMs - (Self.nowMs() - start)
                if left <= 0 { return nil }
                remaining = Int32(clamping: left)
            }
            switch waitForInput(timeoutMs: remaining, watchWakeup: true) {
            case .timeout, .woken: return nil
            case .input, .interrupted: continue  // (a signal: SIGWINCH gives KEY_RESIZE next read)
            }
        }
    }

    private func dequeue() -> InputEvent? {
        guard queuedHead < queued.count else { return nil }
        let event = queued[queuedHead]
        queuedHead += 1
        if queuedHead == queued.count {
            queued.removeAll()
            queuedHead = 0
        }
        return event
    }

    /// Feeds the decoder everything ncurses has without waiting (at most
    /// `burstLimit` reads, so endless input still reaches the screen).
    private func readAvailable(into batch: inout [InputEvent]) {
        var reads = 0
        while reads < Self.burstLimit, let raw = readRaw() {
            batch += decoder.feed(raw)
            reads += 1
        }
    }

    private func readRaw() -> RawKey? {
        var character: wint_t = 0
        let result = wget_wch(sb_stdscr(), &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            if Int32(character) == KEY_RESIZE {
                needsFullRedraw = true
                let (width, height) = size
                return .resize(width: width, height: height)
            }
            return .code(Int32(bitPattern: character))
        }
        return .character(UInt32(character))
    }

    private enum WaitResult { case input, woken, timeout, interrupted }

    private func waitForInput(timeoutMs: Int32, watchWakeup: Bool) -> WaitResult {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeup.readFD, events: Int16(POLLIN), revents: 0),
        ]
        let count = poll(&fds, watchWakeup ? 2 : 1, timeoutMs)
        if count < 0 { return .interrupted }
        if count == 0 { return .timeout }
        if watchWakeup && fds[1].revents != 0 {
            wakeup.drain()
            if fds[0].revents == 0 { return .woken }
        }
        return .input
    }

    private static func nowMs() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }

    // MARK: - Output

    /// Draws `buffer`: only the rows that changed since the last frame (all of
    /// them after a resize or a theme change), then one screen update.
    public func draw(_ buffer: ScreenBuffer, theme requested: Theme) {
        // Without colour, a colour theme would lose its selection and status
        // bar: the monochrome theme shows them with attributes instead.
        let theme = colors >= 8 ? requested : .monochrome
        let (width, height) = size
        if previousTheme != theme {
            previousTheme = theme
            looks = [:]
            pairs = [:]
            nextPair = 1
            needsFullRedraw = true
        }
        let rows: [Int]
        if needsFullRedraw || previous?.width != buffer.width || previous?.height != buffer.height {
            werase(sb_stdscr())
            rows = Array(0..<buffer.height)
        } else {
            rows = buffer.changedRows(since: previous)
        }
        let columns = min(buffer.width, width)
        var current: (attrs: attr_t, pair: Int32)? = nil
        var text: [wchar_t] = []
        text.reserveCapacity(8)
        for row in rows where row < height {
            for column in 0..<columns {
                let cell = buffer[column, row]
                if cell.isContinuation { continue }
                let look = self.look(for: cell.style, theme: theme)
                if current == nil || current!.attrs != look.attrs || current!.pair != look.pair {
                    _ = sb_attr_set(look.attrs, look.pair)
                    current = look
                }
                let cellWidth = TextWidth.of(cell.character)
                let written = Self.terminalText(of: cell.character, cellWidth: cellWidth, into: &text)
                _ = text.withUnsafeBufferPointer { pointer in
                    mvwaddnwstr(sb_stdscr(), Int32(row), Int32(column), pointer.baseAddress, Int32(pointer.count))
                }
                // ncurses thinks the character narrower than the grid does: blank the rest.
                if written < cellWidth, column + 1 < columns {
                    var space: [wchar_t] = [0x20]
                    _ = mvwaddnwstr(sb_stdscr(), Int32(row), Int32(column + 1), &space, 1)
                }
            }
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < min(width, buffer.width), cursor.y < min(height, buffer.height) {
            if !cursorVisible { curs_set(1); cursorVisible = true }
            wmove(sb_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        if needsFullRedraw { clearok(sb_stdscr(), true) }
        wnoutrefresh(sb_stdscr())
        doupdate()
        previous = buffer
        needsFullRedraw = false
    }

    /// The wide characters to write for one cell, in `text`; returns how
    /// many cells ncurses will give them. A sequence ncurses would spread
    /// over more cells than the grid gives it (an emoji ZWJ sequence) is cut
    /// to its first character and the marks that combine with it.
    static func terminalText(of character: Character, cellWidth: Int, into text: inout [wchar_t]) -> Int {
        text.removeAll(keepingCapacity: true)
        var total = 0
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) {
                if text.isEmpty { text.append(0x20); total = 1 }
                continue
            }
            let w = Int(wcwidth(wchar_t(bitPattern: value)))
            text.append(wchar_t(bitPattern: value))
            total += max(0, w)
        }
        if text.isEmpty { text.append(0x20); return 1 }
        if total > max(cellWidth, 1) {
            // Keep the first scalar and the zero-width ones after it.
            let first = text[0]
            let rest = text.dropFirst().filter { wcwidth($0) == 0 }
            text = [first] + rest
            total = max(1, Int(wcwidth(first)))
            if total > max(cellWidth, 1) { text = [0x3F]; total = 1 }  // "?"
        }
        return total
    }

    private func look(for style: Style, theme: Theme) -> (attrs: attr_t, pair: Int32) {
        if let cached = looks[style] { return cached }
        let look = theme.look(of: style)
        var attrs = sb_a_normal()
        if look.bold { attrs |= sb_a_bold() }
        if look.underline { attrs |= sb_a_underline() }
        if look.reverse { attrs |= sb_a_reverse() }
        if look.dim { attrs |= sb_a_dim() }
        let pair = colourPair(foreground: look.foreground, background: look.background)
        looks[style] = (attrs, pair)
        return (attrs, pair)
    }

    private func colourPair(foreground: ThemeColor, background: ThemeColor) -> Int32 {
        guard colors >= 8, colorPairs > 1 else { return 0 }
        var fg = Int32(foreground.paletteIndex(forColors: colors))
        var bg = Int32(background.paletteIndex(forColors: colors))
        if !hasDefaultColors {
            if fg < 0 { fg = 7 }  // pair 0 is white on black without default colours
            if bg < 0 { bg = 0 }
            if fg == 7 && bg == 0 { return 0 }
        } else if fg < 0 && bg < 0 {
            return 0
        }
        let key = PairKey(foreground: fg, background: bg)
        if let pair = pairs[key] { return pair }
        guard nextPair < colorPairs else { return 0 }  // out of pairs: plain text
        let pair = nextPair
        nextPair += 1
        init_extended_pair(pair, fg, bg)
        pairs[key] = pair
        return pair
    }
}

extension Terminal {
    /// Wakes `readEvent` from another thread at once (a self-pipe), so work
    /// finished in the background reaches the screen without waiting for the
    /// next key or tick.
    public final class Wakeup: Sendable {
        let readFD: Int32
        let writeFD: Int32

        public init() throws(TerminalError) {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw .pipeFailed(errno) }
            readFD = fds[0]
            writeFD = fds[1]
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        }

        deinit {
            close(readFD)
            close(writeFD)
        }

        /// Safe from any thread, any number of times.
        public func signal() {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)  // a full pipe already means "wake up"
        }

        func drain() {
            var bytes = [UInt8](repeating: 0, count: 4096)
            while read(readFD, &bytes, bytes.count) > 0 {}
        }
    }
}

extension Terminal {
    /// Returns heap pages freed since the last call to the system (glibc's
    /// malloc keeps them, so a process that read much and kept little stays
    /// big). Cheap enough to call after a large load.
    public static func releaseFreedMemory() {
        #if canImport(Glibc)
        sb_release_free_memory()
        #endif
    }

    /// Unmaps the pages of code (the executable's and its libraries') that
    /// start-up touched: the Swift runtime's first look-ups, Foundation and
    /// ICU set-up, SQLite, the store's first load. They stay in the page
    /// cache, so the few the console keeps using come back on their next use
    /// as minor faults (microseconds), and what start-up alone needed stops
    /// counting as resident: about half the console's memory after the first
    /// frame. Only mappings that are read-and-execute and backed by a file
    /// are touched: code is never written, so nothing can be lost (a
    /// read-only data mapping may hold relocated pointers: those are left).
    /// Returns how many bytes of mappings were released.
    @discardableResult
    public static func releaseStartupCode() -> Int {
        #if canImport(Glibc)
        guard let maps = fopen("/proc/self/maps", "r") else { return 0 }
        defer { fclose(maps) }
        var released = 0
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), maps) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard let mapping = CodeMapping(line: text) else { continue }
            let length = Int(mapping.end - mapping.start)
            if madvise(UnsafeMutableRawPointer(bitPattern: mapping.start), length, MADV_DONTNEED) == 0 {
                released += length
            }
        }
        return released
        #else
        return 0
        #endif
    }
}

/// One line of /proc/self/maps that `releaseStartupCode` may release: a
/// private read-and-execute mapping of a file.
struct CodeMapping: Equatable {
    var start: UInt
    var end: UInt

    /// `start-end perms offset dev inode path`; nil for anything but `r-xp`
    /// with an absolute path (anonymous, writable, shared, [vdso]…).
    init?(line: String) {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count == 6, fields[1] == "r-xp",
              fields[5].trimmingPrefixSpaces.hasPrefix("/") else { return nil }
        let bounds = fields[0].split(separator: "-")
        guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
              start < end, start % 4096 == 0 else { return nil }
        self.start = start
        self.end = end
    }
}

private extension Substring {
    var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
