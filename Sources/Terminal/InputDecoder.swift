import Screen

/// One result of `wget_wch`, before interpretation: what the decoder eats.
public enum RawKey: Equatable, Sendable {
    /// `wget_wch` returned OK: a character code (may be a control character).
    case character(UInt32)
    /// `wget_wch` returned KEY_CODE_YES: an ncurses key code (KEY_UP, …).
    case code(Int32)
    /// KEY_RESIZE, with the new size already read.
    case resize(width: Int, height: Int)
}

/// The ncurses key codes the decoder understands. The fixed ones are the
/// values in curses.h; Alt-Up/Alt-Down have codes ncurses makes up at run time
/// for the terminal's `kUP3`/`kDN3` capabilities, so they are looked up.
public struct KeyCodes: Equatable, Sendable {
    public var up: Int32 = 0o403
    public var down: Int32 = 0o402
    public var left: Int32 = 0o404
    public var right: Int32 = 0o405
    public var home: Int32 = 0o406
    public var backspace: Int32 = 0o407
    /// KEY_F0; F(n) is f0 + n.
    public var f0: Int32 = 0o410
    public var delete: Int32 = 0o512
    public var pageDown: Int32 = 0o522
    public var pageUp: Int32 = 0o523
    public var enter: Int32 = 0o527
    public var backTab: Int32 = 0o541
    public var end: Int32 = 0o550
    /// KEY_BEG, KEY_A1…: the keypad's keys that mean Home/End on some terminals.
    public var keypadHome: Int32 = 0o534  // KEY_A1
    public var keypadEnd: Int32 = 0o540  // KEY_C1
    public var shiftHome: Int32 = 0o607  // KEY_SHOME
    public var shiftEnd: Int32 = 0o602  // KEY_SEND
    /// Codes for Alt-Up / Alt-Down (kUP3, kDN3, and kUP9/kDN9 for Meta).
    public var altUp: Set<Int32> = []
    public var altDown: Set<Int32> = []
    /// Other codes that mean a plain key here: Shift/Ctrl/Alt with arrows,
    /// Home or End (kUP5, kLFT3, KEY_SLEFT…), for which the console has no
    /// separate meaning.
    public var aliases: [Int32: Key] = [:]

    public init() {}

    /// curses.h's values with no Alt codes known.
    public static let standard = KeyCodes()
}

/// Turns the stream of `wget_wch` results into `InputEvent`s: keys, Alt
/// combinations (Esc followed at once by a key), escape sequences ncurses did
/// not recognise (it hands those over a byte at a time), and bracketed paste,
/// collected whole and never read as keys. Pure, so it is unit tested; the
/// Terminal feeds it and calls `flush()` when the Esc delay passes.
public struct InputDecoder: Sendable {
    enum Pending: Equatable, Sendable {
        case none
        /// Esc was read; what follows within the Esc delay decides what it was.
        case escape
        /// `ESC [` or `ESC O` and the bytes of a control sequence after it.
        case sequence(introducer: Character, body: String)
    }

    public let codes: KeyCodes
    private(set) var pending: Pending = .none
    /// The text of a bracketed paste in progress.
    private var paste: [Unicode.Scalar]?
    /// Bytes that may be the start of the paste's end marker.
    private var pasteTail: [Unicode.Scalar] = []

    static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    static let maxSequenceLength = 16

    public init(codes: KeyCodes = .standard) {
        self.codes = codes
    }

    /// Whether an Esc or a half-read escape sequence waits for what follows:
    /// the terminal then waits only the Esc delay before calling `flush()`.
    public var isWaitingForMore: Bool { pending != .none }

    /// Whether a bracketed paste is being collected.
    public var isPasting: Bool { paste != nil }

    /// Feeds one `wget_wch` result; returns the events it completes.
    public mutating func feed(_ raw: RawKey) -> [InputEvent] {
        if case let .resize(width, height) = raw { return [.resize(width: width, height: height)] }
        if paste != nil { return feedPaste(raw) }
        switch pending {
        case .none:
            switch raw {
            case .character(0x1B):
                pending = .escape
                return []
            case let .character(code):
                return Self.events(forCharacter: code)
            case let .code(code):
                return key(forCode: code).map { [.key($0)] } ?? []
            case .resize:
                return []
            }
        case .escape:
            switch raw {
            case .character(0x1B):
                // Esc Esc: the first was a plain Esc; the second waits in turn.
                return [.key(.escape)]
            case .character(0x5B):  // [
                pending = .sequence(introducer: "[", body: "")
                return []
            case .character(0x4F):  // O
                pending = .sequence(introducer: "O", body: "")
                return []
            case let .character(code):
                pending = .none
                if code >= 0x20, code != 0x7F, !(0x80...0x9F).contains(code), let scalar = Unicode.Scalar(code) {
                    return [.key(.alt(Character(scalar)))]
                }
                return [.key(.escape)] + Self.events(forCharacter: code)
            case let .code(code):
                pending = .none
                if code == codes.up || codes.altUp.contains(code) { return [.key(.altUp)] }
                if code == codes.down || codes.altDown.contains(code) { return [.key(.altDown)] }
                return [.key(.escape)] + (key(forCode: code).map { [.key($0)] } ?? [])
            case .resize:
                return []
            }
        case let .sequence(introducer, body):
            guard case let .character(code) = raw else {
                pending = .none
                return (body.isEmpty ? [.key(.alt(introducer))] : []) + feed(raw)
            }
            if introducer == "[", (0x20...0x3F).contains(code), let scalar = Unicode.Scalar(code) {
                // Parameter and intermediate bytes.
                if body.count >= Self.maxSequenceLength {
                    pending = .none  // not a sequence anyone sends: drop it
                    return []
                }
                pending = .sequence(introducer: introducer, body: body + String(Character(scalar)))
                return []
            }
            if (0x40...0x7E).contains(code), let scalar = Unicode.Scalar(code) {
                pending = .none
                return introducer == "["
                    ? csi(body: body, final: Character(scalar))
                    : ss3(final: Character(scalar))
            }
            // Anything else breaks the sequence off: Alt-[ / Alt-O, then the key.
            pending = .none
            return (body.isEmpty ? [.key(.alt(introducer))] : []) + feed(raw)
        }
    }

    /// The Esc delay passed with nothing more: a lone Esc is the Escape key,
    /// `ESC [` alone is Alt-[. A bracketed paste whose end never came is
    /// delivered as it is.
    public mutating func flush() -> [InputEvent] {
        var events: [InputEvent] = []
        switch pending {
        case .none: break
        case .escape: events.append(.key(.escape))
        case let .sequence(introducer, body): if body.isEmpty { events.append(.key(.alt(introducer))) }
        }
        pending = .none
        return events
    }

    /// Ends a paste whose end marker never came (the terminal went quiet).
    public mutating func finishPaste() -> [InputEvent] {
        guard let text = paste else { return [] }
        paste = nil
        let all = text + pasteTail
        pasteTail = []
        return [.paste(Self.normalizePaste(all))]
    }

    // MARK: - Paste

    private mutating func feedPaste(_ raw: RawKey) -> [InputEvent] {
        guard case let .character(code) = raw, let scalar = Unicode.Scalar(code) else {
            return []  // a key ncurses recognised inside pasted text: not text, dropped
        }
        if pasteTail.isEmpty && scalar != "\u{1B}" {
            paste!.append(scalar)
            return []
        }
        pasteTail.append(scalar)
        if pasteTail == Self.pasteEnd {
            let text = paste!
            paste = nil
            pasteTail = []
            return [.paste(Self.normalizePaste(text))]
        }
        if Self.pasteEnd.starts(with: pasteTail) { return [] }
        // Not the end marker after all: it was pasted text (an Esc starts over).
        let last = pasteTail.removeLast()
        paste!.append(contentsOf: pasteTail)
        pasteTail = []
        if last == "\u{1B}" { pasteTail = [last] } else { paste!.append(last) }
        return []
    }

    /// Line ends become `\n`; other control characters (Esc, Backspace…)
    /// are dropped, since a paste is text, never keys. Tabs stay.
    static func normalizePaste(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in scalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousWasCR { out.append("\n") }
            case 0x09: out.append(scalar)
            case 0..<0x20, 0x7F, 0x80...0x9F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    // MARK: - Bursts

    /// A run of at least this many printable characters read in one go is
    /// pasted text (a terminal without bracketed paste, a tmux or screen that
    /// strips it), not typing: no one types 16 characters between two reads.
    /// Shorter runs stay keys, so typed commands keep their meaning.
    public static let burstMinimum = 16

    /// `events` with every run of at least `minimum` printable character keys
    /// merged into one `.paste`, so pasted text lands in the console as one
    /// message (one update, one frame) instead of one per character. Enter,
    /// Tab and every other key stay keys and end the run. A run of one
    /// character repeated is a held key (16+ repeats can be read at once), so
    /// it stays keys: `j`×20 on a list moves 20 rows.
    public static func coalescingBursts(_ events: [InputEvent], minimum: Int = burstMinimum) -> [InputEvent] {
        var out: [InputEvent] = []
        out.reserveCapacity(min(events.count, 256))
        var run = String.UnicodeScalarView()
        var runLength = 0
        var runStart = 0
        // Whether the run is one character over and over: a held key's
        // auto-repeat (`j` moving down a list), never a paste, so it stays keys.
        var runRepeatsOne = true
        func endRun(at end: Int) {
            if runLength >= minimum && !runRepeatsOne {
                out.append(.paste(String(run)))
            } else if runLength > 0 {
                out.append(contentsOf: events[runStart..<end])
            }
            run = String.UnicodeScalarView()
            runLength = 0
            runRepeatsOne = true
        }
        for (index, event) in events.enumerated() {
            if case let .key(.character(character)) = event {
                if runLength == 0 {
                    runStart = index
                } else if runRepeatsOne, case let .key(.character(first)) = events[runStart], first != character {
                    runRepeatsOne = false
                }
                run.append(contentsOf: character.unicodeScalars)
                runLength += 1
            } else {
                endRun(at: index)
                out.append(event)
            }
        }
        endRun(at: events.count)
        return out
    }

    /// How many printable character keys end `events`: a burst that may go on
    /// in the terminal's next write.
    public static func trailingCharacterRun(_ events: [InputEvent]) -> Int {
        var count = 0
        for event in events.reversed() {
            guard case .key(.character) = event else { break }
            count += 1
        }
        return count
    }

    // MARK: - Keys

    /// A character `wget_wch` returned (not part of a sequence).
    static func events(forCharacter code: UInt32) -> [InputEvent] {
        key(forCharacter: code).map { [.key($0)] } ?? []
    }

    static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + code))))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// An ncurses key code.
    func key(forCode code: Int32) -> Key? {
        switch code {
        case codes.up: return .up
        case codes.down: return .down
        case codes.left: return .left
        case codes.right: return .right
        case codes.home, codes.keypadHome, codes.shiftHome: return .home
        case codes.end, codes.keypadEnd, codes.shiftEnd: return .end
        case codes.pageUp: return .pageUp
        case codes.pageDown: return .pageDown
        case codes.delete: return .delete
        case codes.backspace: return .backspace
        case codes.enter: return .enter
        case codes.backTab: return .backTab
        case (codes.f0 + 1)...(codes.f0 + 12): return .function(Int(code - codes.f0))
        default:
            if codes.altUp.contains(code) { return .altUp }
            if codes.altDown.contains(code) { return .altDown }
            return codes.aliases[code]
        }
    }

    /// `ESC [ body final`: a control sequence ncurses passed through unrecognised.
    private mutating func csi(body: String, final: Character) -> [InputEvent] {
        if final == "~" && body == "200" {
            paste = []
            pasteTail = []
            return []
        }
        let parameters = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = parameters.first.flatMap { $0 }
        let modifier = parameters.count > 1 ? (parameters[1] ?? 1) : 1
        // xterm modifiers: 1 + (shift 1, alt 2, ctrl 4, meta 8).
        let alt = modifier > 1 && (modifier - 1) & (2 | 8) != 0
        let key: Key?
        switch final {
        case "A": key = alt ? .altUp : .up
        case "B": key = alt ? .altDown : .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "Z": key = .backTab
        case "P", "Q", "R", "S":
            key = .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        case "~":
            switch first {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11, 12, 13, 14, 15: key = .function(first! - 10)
            case 17, 18, 19, 20, 21: key = .function(first! - 11)
            case 23, 24: key = .function(first! - 12)
            default: key = nil  // 2 (Insert), 201 (a stray paste end), unknown
            }
        default: key = nil
        }
        return key.map { [.key($0)] } ?? []
    }

    /// `ESC O final`: application-mode keys ncurses did not know.
    private func ss3(final: Character) -> [InputEvent] {
        let key: Key?
        switch final {
        case "A": key = .up
        case "B": key = .down
        case "C": key = .right
        case "D": key = .left
        case "H": key = .home
        case "F": key = .end
        case "M": key = .enter
        case "P", "Q", "R", "S": key = .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        default: key = nil
        }
        return key.map { [.key($0)] } ?? []
    }
}
