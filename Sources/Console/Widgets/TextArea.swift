import Screen

/// Drawing a `TextField` that allows line breaks over several rows: its text
/// wrapped at the width (long lines are cut at the cell, not the word, so the
/// cursor's place is simple to find), scrolled to keep the cursor's row seen.
enum TextArea {
    struct Wrapped: Equatable {
        var lines: [String]
        var cursorRow: Int
        var cursorColumn: Int
    }

    /// Lines break at the last space that fits (a word longer than the
    /// width is cut); the cursor's row and column are found from where each
    /// line starts, so a cursor at a wrap point sits at the next line's start.
    static func wrap(_ field: TextField, width: Int) -> Wrapped {
        let width = max(1, width)
        let characters = Array(field.text)
        // Each line as a range of character offsets (line breaks excluded).
        var ranges: [Range<Int>] = []
        var start = 0
        var lineWidth = 0
        var breakAfterSpace: Int?
        var offset = 0
        while offset < characters.count {
            let character = characters[offset]
            if character.isNewline {
                ranges.append(start..<offset)
                start = offset + 1
                lineWidth = 0
                breakAfterSpace = nil
                offset += 1
                continue
            }
            let characterWidth = TextWidth.of(character)
            if lineWidth + characterWidth > width, offset > start {
                let cut = breakAfterSpace.map { $0 + 1 } ?? offset
                ranges.append(start..<cut)
                start = cut
                lineWidth = characters[cut..<offset].reduce(0) { $0 + TextWidth.of($1) }
                breakAfterSpace = nil
                continue  // this character again, on the new line
            }
            if character == " " { breakAfterSpace = offset }
            lineWidth += characterWidth
            offset += 1
        }
        ranges.append(start..<characters.count)
        let row = ranges.lastIndex { $0.lowerBound <= field.cursor } ?? 0
        let line = ranges[row]
        let column = characters[line.lowerBound..<min(max(line.lowerBound, field.cursor), characters.count)]
            .reduce(0) { $0 + TextWidth.of($1) }
        return Wrapped(lines: ranges.map { String(characters[$0]) }, cursorRow: row, cursorColumn: min(column, width - 1))
    }

    /// Draws `rows` rows of the field at (x, y); returns the cursor's cell when focused.
    @discardableResult
    static func draw(_ field: TextField, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, rows: Int,
                     focused: Bool, placeholder: String) -> (x: Int, y: Int)? {
        guard width > 0, rows > 0 else { return nil }
        let wrapped = wrap(field, width: width)
        let top = max(0, min(wrapped.cursorRow - rows + 1, wrapped.lines.count - rows))
        let first = focused ? top : 0
        let style = focused ? Style(.input) : .text
        if focused { buffer.fill(x: x, y: y, width: width, height: rows, style: style) }
        if field.text.isEmpty {
            buffer.putPlaceholder(placeholder, x: x, y: y, maxX: x + width)
        } else {
            for (row, line) in wrapped.lines.dropFirst(first).prefix(rows).enumerated() {
                buffer.put(line, x: x, y: y + row, style: style, maxX: x + width)
            }
            // More text than rows: say so on the last row's edge.
            if wrapped.lines.count > first + rows, !focused {
                buffer.put("…", x: x + width - 1, y: y + rows - 1, style: .muted)
            }
        }
        guard focused else { return nil }
        return (x + wrapped.cursorColumn, y + wrapped.cursorRow - first)
    }
}
