import Screen

/// A single-line text input: the cursor moves by character (grapheme), pastes
/// arrive whole, and long text scrolls horizontally to keep the cursor seen.
/// Used by the filter box, form fields and the schema editor.
public struct TextField: Equatable, Sendable {
    public private(set) var text: String
    /// Cursor position as a count of Characters from the start.
    public private(set) var cursor: Int
    /// Line breaks are turned into spaces unless the field allows several lines.
    public var allowsNewlines: Bool

    public init(_ text: String = "", allowsNewlines: Bool = false) {
        self.text = text
        self.cursor = text.count
        self.allowsNewlines = allowsNewlines
    }

    public mutating func setText(_ newText: String) {
        text = newText
        cursor = newText.count
    }

    /// Applies an editing key. Returns false for keys the field doesn't use,
    /// so the caller can treat them (Enter, Esc, Tab, arrows up/down …).
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .character(character):
            insert(String(character))
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeSubrange(text.startIndex..<text.index(text.startIndex, offsetBy: cursor))
            cursor = 0
        case .ctrl("k"):
            text.removeSubrange(text.index(text.startIndex, offsetBy: cursor)...)
        case .ctrl("w"):
            deleteWordBackward()
        default:
            return false
        }
        return true
    }

    /// Inserts pasted or typed text at the cursor.
    public mutating func insert(_ newText: String) {
        var cleaned = newText
        if !allowsNewlines {
            cleaned = String(newText.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 })
        }
        let index = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: cleaned, at: index)
        cursor += cleaned.count
    }

    private mutating func deleteWordBackward() {
        let characters = Array(text)
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        text = String(characters[0..<start] + characters[cursor...])
        cursor = start
    }

    /// Draws the visible part of the text in `width` cells at (x, y) and returns
    /// the cursor's screen column, so the caller can place the terminal cursor.
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, style: Style = Style(.input)) -> Int {
        guard width > 0 else { return x }
        let characters = Array(text)
        // Scroll so that the cursor stays inside the field.
        var start = 0
        var widthBeforeCursor = TextWidth.of(String(characters[0..<cursor]))
        while widthBeforeCursor > width - 1, start < cursor {
            widthBeforeCursor -= TextWidth.of(characters[start])
            start += 1
        }
        buffer.fill(x: x, y: y, width: width, height: 1, style: style)
        buffer.put(String(characters[start...]), x: x, y: y, style: style, maxX: x + width)
        return x + widthBeforeCursor
    }
}
