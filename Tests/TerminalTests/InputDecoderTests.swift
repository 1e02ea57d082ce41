import Screen
import XCTest
@testable import Terminal

final class InputDecoderTests: XCTestCase {
    static var codes: KeyCodes {
        var codes = KeyCodes.standard
        codes.altUp = [570]  // ncurses numbers kUP3 & co above KEY_MAX at run time
        codes.altDown = [531]
        return codes
    }

    /// Feeds characters (as `wget_wch` would return them) and flushes at the end
    /// as the Esc delay would.
    func decode(_ text: String, flush: Bool = true) -> [InputEvent] {
        var decoder = InputDecoder(codes: Self.codes)
        var events = text.unicodeScalars.flatMap { decoder.feed(.character($0.value)) }
        if flush { events += decoder.flush() }
        return events
    }

    func decode(_ raws: [RawKey]) -> [InputEvent] {
        var decoder = InputDecoder(codes: Self.codes)
        return raws.flatMap { decoder.feed($0) } + decoder.flush()
    }

    func keys(_ keys: Key...) -> [InputEvent] { keys.map { .key($0) } }

    func testPrintableCharacters() {
        XCTAssertEqual(decode("aZ é日😀"), keys(.character("a"), .character("Z"), .character(" "), .character("é"), .character("日"), .character("😀")))
    }

    func testEnterTabBackspace() {
        XCTAssertEqual(decode("\r\n\t\u{7F}\u{8}"), keys(.enter, .enter, .tab, .backspace, .backspace))
        XCTAssertEqual(decode([.code(KeyCodes.standard.enter), .code(KeyCodes.standard.backspace)]), keys(.enter, .backspace))
    }

    func testControlLetters() {
        XCTAssertEqual(decode("\u{1}\u{3}\u{13}\u{1A}"), keys(.ctrl("a"), .ctrl("c"), .ctrl("s"), .ctrl("z")))
        XCTAssertEqual(decode("\u{10}\u{0}\u{1F}"), keys(.ctrl("p"), .ctrl(" "), .ctrl("_")))
        // Tab (Ctrl-I), Enter (Ctrl-M, Ctrl-J) and Backspace (Ctrl-H) stay themselves.
        XCTAssertEqual(decode("\u{9}\u{D}\u{A}\u{8}"), keys(.tab, .enter, .enter, .backspace))
    }

    func testNcursesKeyCodes() {
        let c = KeyCodes.standard
        let raws: [RawKey] = [c.up, c.down, c.left, c.right, c.home, c.end, c.pageUp, c.pageDown, c.delete, c.backTab].map { .code($0) }
        XCTAssertEqual(decode(raws), keys(.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .delete, .backTab))
        XCTAssertEqual(decode([.code(c.keypadHome), .code(c.keypadEnd)]), keys(.home, .end))
    }

    func testFunctionKeys() {
        let f0 = KeyCodes.standard.f0
        XCTAssertEqual(decode([.code(f0 + 1), .code(f0 + 5), .code(f0 + 12)]), keys(.function(1), .function(5), .function(12)))
        XCTAssertEqual(decode([.code(f0 + 13), .code(9999)]), [])  // unknown codes are ignored
    }

    func testAltUpDownAsNcursesReportsThem() {
        XCTAssertEqual(decode([.code(570), .code(531)]), keys(.altUp, .altDown))
    }

    func testEscThenArrowIsAltArrow() {
        let c = KeyCodes.standard
        XCTAssertEqual(decode([.character(0x1B), .code(c.up)]), keys(.altUp))
        XCTAssertEqual(decode([.character(0x1B), .code(c.down)]), keys(.altDown))
        XCTAssertEqual(decode([.character(0x1B), .code(c.left)]), keys(.escape, .left))
        XCTAssertEqual(decode([.character(0x1B), .code(9999)]), keys(.escape))
    }

    func testLoneEscapeWaitsForTheDelay() {
        var decoder = InputDecoder(codes: Self.codes)
        XCTAssertEqual(decoder.feed(.character(0x1B)), [])
        XCTAssertTrue(decoder.isWaitingForMore)
        XCTAssertEqual(decoder.flush(), keys(.escape))
        XCTAssertFalse(decoder.isWaitingForMore)
        XCTAssertEqual(decoder.flush(), [])
    }

    func testEscThenCharacterIsAlt() {
        XCTAssertEqual(decode("\u{1B}x\u{1B}X\u{1B}é\u{1B}1"), keys(.alt("x"), .alt("X"), .alt("é"), .alt("1")))
        XCTAssertEqual(decode("\u{1B}\u{1B}"), keys(.escape, .escape))
        XCTAssertEqual(decode("\u{1B}\r"), keys(.escape, .enter))
        XCTAssertEqual(decode("\u{1B}\u{7F}"), keys(.escape, .backspace))
    }

    func testEscapeSequencesNcursesDidNotKnow() {
        XCTAssertEqual(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D"), keys(.up, .down, .right, .left))
        XCTAssertEqual(decode("\u{1B}OA\u{1B}OH\u{1B}OF\u{1B}OP\u{1B}OS"), keys(.up, .home, .end, .function(1), .function(4)))
        XCTAssertEqual(decode("\u{1B}[1;3A\u{1B}[1;3B\u{1B}[1;9A"), keys(.altUp, .altDown, .altUp))
        XCTAssertEqual(decode("\u{1B}[1;5A\u{1B}[1;2B"), keys(.up, .down))  // Ctrl/Shift arrows: plain arrows
        XCTAssertEqual(decode("\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[1~\u{1B}[4~\u{1B}[Z"), keys(.delete, .pageUp, .pageDown, .home, .end, .backTab))
        XCTAssertEqual(decode("\u{1B}[15~\u{1B}[17~\u{1B}[24~\u{1B}[3;5~"), keys(.function(5), .function(6), .function(12), .delete))
        // Unknown ones vanish instead of typing their bytes.
        XCTAssertEqual(decode("\u{1B}[2~\u{1B}[99x\u{1B}[?1;2cq"), keys(.character("q")))
    }

    func testAltBracketAndAltO() {
        XCTAssertEqual(decode("\u{1B}["), keys(.alt("[")))
        XCTAssertEqual(decode("\u{1B}O"), keys(.alt("O")))
        XCTAssertEqual(decode("\u{1B}[\r"), keys(.alt("["), .enter))
    }

    func testBracketedPasteIsOneEvent() {
        XCTAssertEqual(decode("a\u{1B}[200~hello\tworld\u{1B}[201~b"), [.key(.character("a")), .paste("hello\tworld"), .key(.character("b"))])
    }

    func testPastedTextIsNeverKeys() {
        // Newlines, Esc and Ctrl characters inside a paste are text, not Enter/Esc/Ctrl.
        XCTAssertEqual(decode("\u{1B}[200~line 1\r\nline 2\rline 3\nq\u{3}\u{1B}x\u{1B}[A日本\u{1B}[201~"), [.paste("line 1\nline 2\nline 3\nqx[A日本")])
    }

    func testPasteEndMarkerSplitAcrossAFalseStart() {
        XCTAssertEqual(decode("\u{1B}[200~a\u{1B}[20b\u{1B}\u{1B}[201~"), [.paste("a[20b")])
    }

    func testKeysNcursesRecognisedInsideAPasteAreDropped() {
        var decoder = InputDecoder(codes: Self.codes)
        var events: [InputEvent] = []
        for scalar in "\u{1B}[200~ab".unicodeScalars { events += decoder.feed(.character(scalar.value)) }
        events += decoder.feed(.code(KeyCodes.standard.up))
        XCTAssertTrue(decoder.isPasting)
        for scalar in "c\u{1B}[201~".unicodeScalars { events += decoder.feed(.character(scalar.value)) }
        XCTAssertEqual(events, [.paste("abc")])
        XCTAssertFalse(decoder.isPasting)
    }

    func testAPasteThatNeverEndsIsDeliveredWhenItGoesQuiet() {
        var decoder = InputDecoder(codes: Self.codes)
        for scalar in "\u{1B}[200~half\u{1B}[20".unicodeScalars { XCTAssertEqual(decoder.feed(.character(scalar.value)), []) }
        XCTAssertEqual(decoder.finishPaste(), [.paste("half[20")])
        XCTAssertEqual(decoder.feed(.character(0x71)), keys(.character("q")))
    }

    func testALargePaste() {
        let text = String(repeating: "0123456789abcdef", count: 4096)
        XCTAssertEqual(decode("\u{1B}[200~" + text + "\u{1B}[201~"), [.paste(text)])
    }

    func testResizePassesThrough() {
        XCTAssertEqual(decode([.resize(width: 80, height: 24)]), [.resize(width: 80, height: 24)])
        var decoder = InputDecoder(codes: Self.codes)
        _ = decoder.feed(.character(0x1B))
        XCTAssertEqual(decoder.feed(.resize(width: 100, height: 30)), [.resize(width: 100, height: 30)])
        XCTAssertEqual(decoder.flush(), keys(.escape))
    }

    func testC1ControlsAndInvalidScalarsAreIgnored() {
        XCTAssertEqual(decode([.character(0x85), .character(0xD800), .character(0x110000), .character(0x61)]), keys(.character("a")))
    }
}

final class TerminalTextTests: XCTestCase {
    override func setUp() {
        setlocale(LC_ALL, "C.UTF-8")
    }

    func text(_ character: Character, width: Int) -> ([Int32], Int) {
        var out: [wchar_t] = []
        let cells = Terminal.terminalText(of: character, cellWidth: width, into: &out)
        return (out.map { Int32($0) }, cells)
    }

    func testPlainAndWide() {
        XCTAssertEqual(text("a", width: 1).0, [0x61])
        XCTAssertEqual(text("a", width: 1).1, 1)
        XCTAssertEqual(text("日", width: 2).1, 2)
    }

    func testCombiningMarksTravelWithTheirBase() {
        let (scalars, cells) = text("e\u{301}", width: 1)
        XCTAssertEqual(scalars, [0x65, 0x301])
        XCTAssertEqual(cells, 1)
    }

    func testControlCharactersBecomeSpaces() {
        XCTAssertEqual(text("\u{7}", width: 0).0, [0x20])
        XCTAssertEqual(text("\u{9B}", width: 1).0, [0x20])
    }

    func testSequencesWiderThanTheirCellAreCut() {
        // 👩‍💻 is one grid character two cells wide; written scalar by scalar
        // ncurses would give it four, pushing the rest of the row right.
        let (scalars, cells) = text("👩‍💻", width: 2)
        XCTAssertEqual(scalars.first, 0x1F469)
        XCTAssertLessThanOrEqual(cells, 2)
    }
}

final class KeyAliasTests: XCTestCase {
    func testModifiedArrowsActAsPlainOnes() {
        var codes = KeyCodes.standard
        codes.aliases = [560: .up, 545: .left]  // e.g. kUP5 (Ctrl-Up), kLFT5
        var decoder = InputDecoder(codes: codes)
        XCTAssertEqual(decoder.feed(.code(560)), [.key(.up)])
        XCTAssertEqual(decoder.feed(.code(545)), [.key(.left)])
        XCTAssertEqual(decoder.feed(.code(561)), [])
    }
}
