import Screen

/// Pieces the list pages (Agents, Webhooks, Models, Calls) share with the look of the Actions list.
enum ListChrome {
    /// The line under the tabs: the filter (typing, kept, or "/ to filter")
    /// on the left, "N shown" or "N of M" on the right.
    static func drawFilterLine(filter: TextField, filtering: Bool, shown: Int, total: Int, state: ConsoleState,
                               y: Int, inner: Rect, _ buffer: inout ScreenBuffer) {
        let summary = filter.text.isEmpty ? "\(Renderer.grouped(total)) shown" : "\(Renderer.grouped(shown)) of \(Renderer.grouped(total))"
        let summaryX = max(inner.x + 1, inner.maxX - 1 - TextWidth.of(summary))
        buffer.put(summary, x: summaryX, y: y, style: .muted, maxX: inner.maxX - 1)
        let maxX = summaryX - 2
        if filtering {
            let x0 = buffer.put("/ ", x: inner.x + 1, y: y, style: Style(.accent, bold: true), maxX: maxX)
            let cursorX = filter.draw(into: &buffer, x: x0, y: y, width: max(0, maxX - x0))
            if state.overlay == nil, maxX > x0 { buffer.cursor = (cursorX, y) }
        } else if !filter.text.isEmpty {
            let x0 = buffer.put("Filter: ", x: inner.x + 1, y: y, style: .muted, maxX: maxX)
            buffer.put(TextWidth.truncate(filter.text, to: max(0, maxX - x0)), x: x0, y: y, style: Style(.accent, bold: true), maxX: maxX)
        } else {
            buffer.put("/ to filter", x: inner.x + 1, y: y, style: .muted, maxX: maxX)
        }
    }

    static func columnXs(_ widths: [Int], x: Int, gap: Int) -> [Int] {
        var xs: [Int] = []
        var column = x
        for width in widths {
            xs.append(column)
            // A dropped column (width 0) takes no gap either.
            if width > 0 { column += width + gap }
        }
        return xs
    }
}

extension ListChrome {
    /// The part every list page (Agents, Calls, Webhooks) draws the same: the
    /// frame, the one-tab title with its count, the filter line, the rule over
    /// the details, and "Loading…" until the store answers. Returns the table's
    /// area, or nil when there is nothing more to draw (too narrow, loading).
    static func drawPage(title: String, count: Int, note: String? = nil, filter: TextField, filtering: Bool, shown: Int,
                         loaded: Bool, focused: Bool, state: ConsoleState, layout: Layout, _ buffer: inout ScreenBuffer) -> Rect? {
        let rect = layout.page
        let border = focused ? Style(.focusBorder) : Style.border
        Renderer.frame(rect, style: border, title: title, &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 4 else { return nil }
        let tab = "▸ \(title) (\(Renderer.grouped(count)))"
        buffer.put(tab, x: inner.x + 1, y: layout.tabsRow, style: Style(.tabActive, bold: true), maxX: inner.maxX)
        if let note {
            buffer.put(note, x: inner.x + 1 + TextWidth.of(tab) + 3, y: layout.tabsRow, style: .muted, maxX: inner.maxX)
        }
        drawFilterLine(filter: filter, filtering: filtering, shown: shown, total: count, state: state, y: layout.infoRow,
                       inner: inner, &buffer)
        Renderer.rule(x: rect.x, y: layout.detailsRule, width: rect.width, style: border, &buffer)
        guard loaded else {
            Renderer.centered(["Loading \(title.lowercased())…"], in: layout.table, style: .muted, &buffer)
            return nil
        }
        return layout.table
    }
}

extension ListChrome {
    /// A name cell with the characters the filter matched underlined (in the
    /// accent colour off the cursor's row), as on the Actions list.
    static func putMatched(_ text: String, filter: TextField, x: Int, y: Int, style: Style, selected: Bool,
                           _ buffer: inout ScreenBuffer) {
        let query = ActionIndex.foldQuery(filter.text)
        guard !query.isEmpty else {
            buffer.put(text, x: x, y: y, style: style)
            return
        }
        let marked = Style(selected ? style.role : .accent, bold: true, underline: true)
        Renderer.drawMarked(text, FilterRanking.highlighted(text, query: query), x: x, y: y, style: style, marked: marked, &buffer)
    }
}

/// A cell of a list's table: its text and, off the cursor's row, its own
/// style (nil: the row's); counts line up on the right.
struct TableCell {
    var text: String
    var style: Style?
    var alignsRight = false

    init(_ text: String, _ style: Style? = nil, alignsRight: Bool = false) {
        self.text = text
        self.style = style
        self.alignsRight = alignsRight
    }
}

extension ListChrome {
    /// The table every list page draws the same way: the headers by the
    /// columns' width rules, "No <noun>s match …" when the filter keeps no
    /// row, else the rows in view with the cursor's bar, each cell cut to its
    /// column and the first column's filter matches marked. Returns how many
    /// rows it drew (what a page draws under them starts below).
    @discardableResult
    static func drawTable(_ columns: [ColumnRule], rows: Int, selection: Int, scroll: Int, focused: Bool, filter: TextField,
                          noun: String, table: Rect, inner: Rect, headerRow: Int, _ buffer: inout ScreenBuffer,
                          cells: (Int) -> [TableCell]) -> Int {
        let gap = inner.width >= 90 ? 2 : 1
        let widths = TableColumns.widths(columns, total: inner.width - 2, gap: gap)
        let xs = columnXs(widths, x: inner.x + 1, gap: gap)
        for (i, rule) in columns.enumerated() where widths[i] > 0 {
            buffer.put(TableColumns.header(rule, width: widths[i]), x: xs[i], y: headerRow, style: Style(.header, bold: true))
        }
        if rows == 0 {
            Renderer.centered(["No \(noun)s match “\(filter.text)”", "Esc clears the filter"], in: table, style: Style(.accent), &buffer)
            return 0
        }
        let first = max(0, min(scroll, rows - table.height))
        for row in first..<min(rows, first + table.height) {
            let y = table.y + row - first
            let selected = row == selection
            let rowStyle: Style = selected ? Style(.selection, bold: focused) : .text
            if selected {
                buffer.fill(x: inner.x, y: y, width: inner.width, height: 1, style: rowStyle)
                buffer.put(focused ? "›" : " ", x: inner.x, y: y, style: rowStyle)
            }
            for (i, cell) in cells(row).enumerated() where i < widths.count && widths[i] > 0 {
                let style = selected ? rowStyle : (cell.style ?? rowStyle)
                let text = TextWidth.truncate(Renderer.singleLine(cell.text), to: widths[i])
                let x = cell.alignsRight ? xs[i] + widths[i] - TextWidth.of(text) : xs[i]
                if i == 0 {
                    putMatched(text, filter: filter, x: x, y: y, style: style, selected: selected, &buffer)
                } else {
                    buffer.put(text, x: x, y: y, style: style)
                }
            }
        }
        return min(rows - first, table.height)
    }
}

/// The rows a record page's list shows, and where its table went.
struct RecordListDrawn<Entry> {
    /// The entries the filter keeps, in the table's order (empty: none matched).
    var shown: [Entry]
    /// How many rows the table drew (what a page draws under them starts below).
    var rows: Int
    var table: Rect
}

extension ListChrome {
    /// The list of a record page (Agents, Webhooks, Models), drawn the same
    /// way: the page's frame, tab and filter line, what an empty store says
    /// (`whenEmpty`), else the table of the rows the filter keeps, its columns
    /// fitted to them. Nil when nothing more is drawn (too narrow, loading,
    /// an empty store).
    @discardableResult
    static func drawRecordList<Entry: RecordListEntry>(_ list: RecordList<Entry>, title: String, noun: String, whenEmpty: [String], focused: Bool,
                                      state: ConsoleState, layout: Layout, _ buffer: inout ScreenBuffer,
                                      columns: ([Entry]) -> [ColumnRule], cells: (Entry) -> [TableCell]) -> RecordListDrawn<Entry>? {
        guard let table = drawPage(title: title, count: list.entries.count, filter: list.filter, filtering: list.filtering,
                                   shown: list.visible.count, loaded: list.loaded, focused: focused, state: state, layout: layout,
                                   &buffer) else { return nil }
        if list.entries.isEmpty {
            Renderer.centered(whenEmpty, in: table, style: Style(.accent), &buffer)
            return nil
        }
        let shown = list.visible.map { list.entries[$0] }
        let rows = drawTable(columns(shown), rows: shown.count, selection: list.selection, scroll: list.scroll, focused: focused,
                             filter: list.filter, noun: noun, table: table, inner: layout.page.inset(by: 1),
                             headerRow: layout.headerRow, &buffer) { cells(shown[$0]) }
        return RecordListDrawn(shown: shown, rows: rows, table: table)
    }

    /// "Delete agent 'Front desk' (agt_…)? y/N" over a record page's list,
    /// with what goes (or stays) with the record under it.
    static func drawDeleteQuestion(noun: String, name: String, id: String? = nil, consequence: String, _ state: ConsoleState,
                                   _ buffer: inout ScreenBuffer) {
        buffer.cursor = nil
        let shown = TextWidth.truncate(Renderer.singleLine(name), to: 40)
        Renderer.drawConfirm(title: "Delete \(noun)", lines: [
            ("Delete \(noun) '\(shown)'\(id.map { " (\($0))" } ?? "")? y/N", Style(.dialog, bold: true)),
            (consequence, .muted),
        ], choices: "y delete · n keep", state, &buffer)
    }
}
