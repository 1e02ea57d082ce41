import XCTest
@testable import Screen

final class ScreenBufferTests: XCTestCase {
    func testPutWritesTextAndReturnsNextColumn() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let end = buffer.put("hello", x: 2, y: 1, style: .accent)
        XCTAssertEqual(end, 7)
        XCTAssertEqual(buffer.lines, ["", "  hello"])
        XCTAssertEqual(buffer[2, 1].style, .accent)
        XCTAssertEqual(buffer[1, 1].style, .text)
    }

    func testPutClipsAtTheRightEdgeAndMaxX() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("abcdefgh", x: 2, y: 0)
        XCTAssertEqual(buffer.text, "  abcd")
        buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("abcdefgh", x: 0, y: 0, maxX: 3)
        XCTAssertEqual(buffer.text, "abc")
    }

    func testPutOutsideTheGridWritesNothing() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        buffer.put("xx", x: 0, y: -1)
        buffer.put("xx", x: 0, y: 2)
        buffer.put("xx", x: 9, y: 0)
        XCTAssertEqual(buffer, ScreenBuffer(width: 4, height: 2))
    }

    func testNegativeXSkipsTheCharactersLeftOfTheGrid() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.put("abcdef", x: -2, y: 0)
        XCTAssertEqual(buffer.text, "cdef")
    }

    func testWideCharacterTakesACellAndAContinuation() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.put("日本", x: 1, y: 0)
        XCTAssertEqual(end, 5)
        XCTAssertEqual(buffer[1, 0].character, "日")
        XCTAssertFalse(buffer[1, 0].isContinuation)
        XCTAssertTrue(buffer[2, 0].isContinuation)
        XCTAssertEqual(buffer[3, 0].character, "本")
        XCTAssertTrue(buffer[4, 0].isContinuation)
        XCTAssertEqual(buffer.text, " 日本")
    }

    func testWideCharacterThatWouldStraddleTheEdgeBecomesASpace() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("ab日", x: 1, y: 0)
        XCTAssertEqual(buffer[3, 0].character, " ")
        XCTAssertFalse(buffer[3, 0].isContinuation)
        XCTAssertEqual(buffer.text, " ab")
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("日本", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)  // the continuation of 日
        XCTAssertEqual(buffer[0, 0].character, " ")
        XCTAssertEqual(buffer[1, 0].character, "x")
        XCTAssertFalse(buffer[1, 0].isContinuation)
        buffer.put("y", x: 2, y: 0)  // the left half of 本
        XCTAssertEqual(buffer[3, 0].character, " ")
        XCTAssertFalse(buffer[3, 0].isContinuation)
        XCTAssertEqual(buffer.text, " xy")
    }

    func testCombiningMarksStayWithTheirCharacter() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.put("e\u{301}a", x: 0, y: 0)
        XCTAssertEqual(end, 2)
        XCTAssertEqual(buffer[0, 0].character, "e\u{301}")
        XCTAssertEqual(buffer[1, 0].character, "a")
    }

    func testControlCharactersBecomeSpaces() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("a\tb\nc", x: 0, y: 0)
        XCTAssertEqual(buffer.text, "a b c")
    }

    func testFillAndRestyleClipToTheGrid() {
        var buffer = ScreenBuffer(width: 4, height: 3)
        buffer.fill(x: -1, y: 1, width: 3, height: 5, character: "#", style: .muted)
        XCTAssertEqual(buffer.lines, ["", "##", "##"])
        buffer.restyle(x: 1, y: 0, width: 10, style: .selection)
        XCTAssertEqual(buffer[0, 0].style, .text)
        XCTAssertEqual(buffer[3, 0].style, .selection)
        buffer.restyle(x: 0, y: 7, width: 2, style: .error)  // off the grid: nothing
    }

    func testBoxDrawsAFrameWithATitle() {
        var buffer = ScreenBuffer(width: 12, height: 3)
        buffer.box(x: 0, y: 0, width: 12, height: 3, title: "Hi")
        XCTAssertEqual(buffer.lines, ["┌─ Hi ─────┐", "│          │", "└──────────┘"])
        XCTAssertEqual(buffer[3, 0].style, .title)
        XCTAssertEqual(buffer[0, 1].style, .border)
    }

    func testTextCutsTrailingSpacesAndSkipsContinuations() {
        var buffer = ScreenBuffer(width: 8, height: 2)
        buffer.put("a 日  ", x: 0, y: 0)
        XCTAssertEqual(buffer.lines[0], "a 日")
        XCTAssertEqual(buffer.text, "a 日\n")
    }

    func testChangedRows() {
        var a = ScreenBuffer(width: 5, height: 3)
        XCTAssertEqual(a.changedRows(since: nil), [0, 1, 2])
        let b = a
        XCTAssertEqual(a.changedRows(since: b), [])
        a.put("x", x: 4, y: 1)
        XCTAssertEqual(a.changedRows(since: b), [1])
        a.restyle(x: 0, y: 2, width: 1, style: .error)  // a style change alone counts
        XCTAssertEqual(a.changedRows(since: b), [1, 2])
        XCTAssertEqual(a.changedRows(since: ScreenBuffer(width: 5, height: 4)), [0, 1, 2])
        XCTAssertEqual(a.changedRows(since: ScreenBuffer(width: 6, height: 3)), [0, 1, 2])
    }

    func testCursorIsPartOfEquality() {
        var a = ScreenBuffer(width: 3, height: 3)
        let b = a
        XCTAssertNil(a.cursor)
        a.cursor = (x: 1, y: 2)
        XCTAssertEqual(a.cursor?.x, 1)
        XCTAssertEqual(a.cursor?.y, 2)
        XCTAssertNotEqual(a, b)
        a.cursor = nil
        XCTAssertEqual(a, b)
    }

    func testZeroSizeBufferIsSafe() {
        var buffer = ScreenBuffer(width: -3, height: 0)
        buffer.put("abc", x: 0, y: 0)
        buffer.fill(x: 0, y: 0, width: 3, height: 3)
        XCTAssertEqual(buffer.width, 0)
        XCTAssertEqual(buffer.text, "")
    }
}

final class TextWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(TextWidth.of("hello"), 5)
        XCTAssertEqual(TextWidth.of(""), 0)
        XCTAssertEqual(TextWidth.of(Character("\u{7}")), 0)
    }

    func testAccentsPrecomposedAndCombined() {
        XCTAssertEqual(TextWidth.of("café"), 4)
        XCTAssertEqual(TextWidth.of("cafe\u{301}"), 4)
        XCTAssertEqual(TextWidth.of("Ångström"), 8)
        XCTAssertEqual(TextWidth.of(Character("\u{301}")), 0)  // a lone combining mark
    }

    func testCJKIsWide() {
        XCTAssertEqual(TextWidth.of("日本語"), 6)
        XCTAssertEqual(TextWidth.of("한국어"), 6)
        XCTAssertEqual(TextWidth.of("ｆｕｌｌ"), 8)  // fullwidth forms
        XCTAssertEqual(TextWidth.of("ｶﾅ"), 2)  // halfwidth katakana
    }

    func testEmoji() {
        XCTAssertEqual(TextWidth.of("😀"), 2)
        XCTAssertEqual(TextWidth.of("👍🏽"), 2)  // with a skin tone modifier
        XCTAssertEqual(TextWidth.of("👩‍💻"), 2)  // a ZWJ sequence is one character
        XCTAssertEqual(TextWidth.of("❤️"), 2)  // text emoji + VS16
        XCTAssertEqual(TextWidth.of("❤"), 1)  // text presentation
        XCTAssertEqual(TextWidth.of("🇫🇷"), 2)
    }

    func testZeroWidthCharacters() {
        XCTAssertEqual(TextWidth.of("a\u{200B}b"), 2)
        XCTAssertEqual(TextWidth.of("a\u{200D}b"), 2)
    }

    func testTruncate() {
        XCTAssertEqual(TextWidth.truncate("hello", to: 5), "hello")
        XCTAssertEqual(TextWidth.truncate("hello", to: 4), "hel…")
        XCTAssertEqual(TextWidth.truncate("日本語", to: 4), "日…")
        XCTAssertEqual(TextWidth.truncate("日本語", to: 5), "日本…")
        XCTAssertEqual(TextWidth.truncate("abc", to: 0), "")
        XCTAssertEqual(TextWidth.truncate("abc", to: 1), "…")
    }

    func testFit() {
        XCTAssertEqual(TextWidth.fit("ab", to: 4), "ab  ")
        XCTAssertEqual(TextWidth.fit("日本語", to: 4), "日… ")
        XCTAssertEqual(TextWidth.of(TextWidth.fit("日本語", to: 4)), 4)
        XCTAssertEqual(TextWidth.fit("abcdef", to: 3), "ab…")
    }
}

final class RectTests: XCTestCase {
    func testNegativeSizesClampToZero() {
        let r = Rect(x: 1, y: 2, width: -5, height: 3)
        XCTAssertEqual(r.width, 0)
        XCTAssertTrue(r.isEmpty)
        XCTAssertEqual(r.maxX, 1)
        XCTAssertEqual(r.maxY, 5)
    }

    func testInset() {
        XCTAssertEqual(Rect(x: 0, y: 0, width: 10, height: 6).inset(by: 1), Rect(x: 1, y: 1, width: 8, height: 4))
        XCTAssertTrue(Rect(x: 0, y: 0, width: 2, height: 2).inset(by: 2).isEmpty)
    }

    func testSplits() {
        let r = Rect(x: 2, y: 3, width: 10, height: 8)
        let (left, rest) = r.splitLeft(4)
        XCTAssertEqual(left, Rect(x: 2, y: 3, width: 4, height: 8))
        XCTAssertEqual(rest, Rect(x: 6, y: 3, width: 6, height: 8))
        let (top, below) = r.splitTop(3)
        XCTAssertEqual(top, Rect(x: 2, y: 3, width: 10, height: 3))
        XCTAssertEqual(below, Rect(x: 2, y: 6, width: 10, height: 5))
        let (above, bottom) = r.splitBottom(1)
        XCTAssertEqual(above, Rect(x: 2, y: 3, width: 10, height: 7))
        XCTAssertEqual(bottom, Rect(x: 2, y: 10, width: 10, height: 1))
        // Asking for more than there is takes all of it.
        XCTAssertEqual(r.splitLeft(99).0.width, 10)
        XCTAssertEqual(r.splitLeft(99).1.width, 0)
        XCTAssertEqual(r.splitTop(-3).0.height, 0)
    }

    func testCentered() {
        let r = Rect(x: 0, y: 0, width: 20, height: 10)
        XCTAssertEqual(r.centered(width: 10, height: 4), Rect(x: 5, y: 3, width: 10, height: 4))
        XCTAssertEqual(r.centered(width: 30, height: 40), r)
    }
}
