/// One terminal cell. A wide character (CJK, emoji) sits in the left cell of
/// two; the right one is a continuation that draws nothing.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .text, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// A grid of styled cells: what `render(state)` produces and what the terminal
/// backend draws. Everything drawn is clipped to the grid, so a screen that
/// miscounts can never write outside it.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes (an edited text field), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }

    /// Writes `text` from (x, y) on one line, clipped at `maxX` (exclusive,
    /// default the right edge). A wide character that would straddle the clip
    /// edge is replaced by a space. Returns the x after the last cell written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .text, maxX: Int? = nil) -> Int {
        let limit = min(maxX ?? width, width)
        guard y >= 0, y < height else { return x }
        var column = x
        for character in text {
            if column >= limit { break }
            if character == "\n" || character == "\r" || character == "\t" {
                if column >= 0 { self[column, y] = Cell(" ", style: style) }
                column += 1
                continue
            }
            let w = TextWidth.of(character)
            if w == 0 { continue }
            if column < 0 { column += w; continue }
            if w == 2 {
                if column + 1 >= limit {
                    self[column, y] = Cell(" ", style: style)
                    column += 1
                    break
                }
                clearWideNeighbour(x: column, y: y)
                clearWideNeighbour(x: column + 1, y: y)
                self[column, y] = Cell(character, style: style)
                self[column + 1, y] = Cell(" ", style: style, isContinuation: true)
                column += 2
            } else {
                clearWideNeighbour(x: column, y: y)
                self[column, y] = Cell(character, style: style)
                column += 1
            }
        }
        return column
    }

    /// Overwriting half of a wide character blanks the other half, so no cell is
    /// left pointing at a character that is no longer there.
    private mutating func clearWideNeighbour(x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        } else if TextWidth.of(cell.character) == 2, x + 1 < width {
            self[x + 1, y] = Cell(" ", style: self[x + 1, y].style)
        }
    }

    /// Paints a rectangle with one character and style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, character: Character = " ", style: Style = .text) {
        let x0 = max(0, x), y0 = max(0, y)
        let x1 = min(width, x + w), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 { for column in x0..<x1 { self[column, row] = Cell(character, style: style) } }
    }

    /// Changes the style of cells already drawn (for a selected row).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) { cells[y * width + column].style = style }
    }

    /// A box-drawing frame, with an optional title in the top edge.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, style: Style = .border, title: String? = nil, titleStyle: Style = .title) {
        guard w >= 2, h >= 2 else { return }
        put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y, style: style)
        for row in (y + 1)..<(y + h - 1) {
            put("│", x: x, y: row, style: style)
            put("│", x: x + w - 1, y: row, style: style)
        }
        put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1, style: style)
        if let title, w > 4 {
            put(" " + TextWidth.truncate(title, to: w - 6) + " ", x: x + 2, y: y, style: titleStyle)
        }
    }

    /// The screen as plain text, one string per row with trailing spaces cut:
    /// what golden snapshots compare.
    public var text: String { lines.joined(separator: "\n") }

    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = self[column, row]
                if !cell.isContinuation { line.append(cell.character) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The positions of cells that differ from `previous` (all of them when the
    /// size changed): what the terminal backend redraws.
    public func changedRows(since previous: ScreenBuffer?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { row in
            let start = row * width
            return cells[start..<(start + width)] != previous.cells[start..<(start + width)]
        }
    }
}
