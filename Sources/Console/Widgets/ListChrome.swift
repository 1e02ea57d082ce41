import Screen

/// Pieces the Agents and Calls lists share with the look of the Actions list.
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
