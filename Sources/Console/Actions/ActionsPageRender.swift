import ActionModel
import Screen

// The Actions page as drawn: the tabs, the filter and sort line, the table
// (its columns and width rules) and the details strip under it.
extension Renderer {
    /// The Actions table's columns. Kind only on the Call Actions tab (it
    /// holds four kinds); Phone only when a row on screen has a number.
    enum ActionColumn: CaseIterable { case name, kind, description, trigger, phone, id }

    /// The columns shown for the rows on screen, with their width rules: the
    /// ID goes first when narrow, then the phone; spare width goes to the
    /// description and the trigger. A cut ID is no use (the details strip
    /// always has it whole), so it shows whole or not at all.
    static func actionColumns(_ tab: ActionsTab, rows: [ActionSummary]) -> [(ActionColumn, ColumnRule)] {
        func widest(_ value: (ActionSummary) -> String, cap: Int) -> Int {
            min(cap, rows.reduce(0) { max($0, TextWidth.of(singleLine(value($1)))) })
        }
        let phoneWidth = widest({ $0.phoneNumber ?? "" }, cap: 16)
        var columns: [(ActionColumn, ColumnRule)] = [
            (.name, ColumnRule(title: "Name", shortTitle: "Name", minimum: 12, wanted: max(12, widest(\.name, cap: 28)))),
        ]
        if tab == .call {
            columns.append((.kind, ColumnRule(title: "Kind", shortTitle: "Kind", minimum: 8, wanted: widest(\.kind.title, cap: 16))))
        }
        columns.append((.description, ColumnRule(title: "Description", shortTitle: "Description", minimum: 12, wanted: 12, share: 3)))
        columns.append((.trigger, ColumnRule(title: "Action Trigger", shortTitle: "Trigger", minimum: 8,
                                             wanted: max(14, widest(\.trigger.label, cap: 24)), share: 1)))
        if phoneWidth > 0 {
            columns.append((.phone, ColumnRule(title: "Phone Number", shortTitle: "Phone", minimum: 12, wanted: max(12, phoneWidth), dropOrder: 2)))
        }
        columns.append((.id, ColumnRule(title: "ID", shortTitle: "ID", minimum: 20, wanted: 20, dropOrder: 1)))
        return columns
    }

    static func cell(_ column: ActionColumn, _ action: ActionSummary) -> String {
        switch column {
        case .name: return action.name
        case .kind: return action.kind.title
        case .description: return action.description
        case .trigger: return action.trigger.label
        case .phone: return action.phoneNumber ?? ""
        case .id: return action.id.rawValue
        }
    }

    static func drawActionsPage(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.page
        let focused = state.focus == .page && state.overlay == nil
        frame(rect, style: focused ? Style(.focusBorder) : .border, title: "Actions", &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 4 else { return }
        let tab = state.actions.current

        // Tabs.
        var x = inner.x + 1
        // With a filter, each tab says how many of its actions match.
        func count(_ candidate: ActionsTab, compact: Bool = false) -> String {
            let all = grouped(state.actions.index.count(in: candidate))
            let filtered = state.actions.tabs[candidate.rawValue]
            if filtered.filter.text.isEmpty { return all }
            return "\(grouped(filtered.visible.count))\(compact ? "/" : " of ")\(all)"
        }
        let labels = ActionsTab.allCases.map { candidate in
            (candidate == state.actions.tab ? "▸ " : "  ") + candidate.title + " (\(count(candidate)))"
        }
        let short = labels.reduce(0) { $0 + TextWidth.of($1) + 3 } > inner.width
        for candidate in ActionsTab.allCases {
            let active = candidate == state.actions.tab
            let title = short ? candidate.shortTitle : candidate.title
            let label = (active ? "▸ " : "  ") + title + " (\(count(candidate, compact: short)))"
            x = buffer.put(label, x: x, y: layout.tabsRow,
                           style: active ? Style(.tabActive, bold: true) : Style(.tabInactive), maxX: inner.maxX)
            x += 3
        }

        // Filter and sort line.
        let total = tab.order.count
        let arrow = state.actions.ascending ? "↑" : "↓"
        let summary = (tab.filter.text.isEmpty ? "\(grouped(total)) shown" : "\(grouped(tab.visible.count)) of \(grouped(total))")
            + " · sorted by \(state.actions.sort.label) \(arrow)"
        let summaryX = max(inner.x + 1, inner.maxX - 1 - TextWidth.of(summary))
        buffer.put(summary, x: summaryX, y: layout.infoRow, style: .muted, maxX: inner.maxX - 1)
        let filterMaxX = summaryX - 2
        if state.actions.filtering {
            let x0 = buffer.put("/ ", x: inner.x + 1, y: layout.infoRow, style: Style(.accent, bold: true), maxX: filterMaxX)
            let cursorX = tab.filter.draw(into: &buffer, x: x0, y: layout.infoRow, width: max(0, filterMaxX - x0))
            if state.overlay == nil, filterMaxX > x0 { buffer.cursor = (cursorX, layout.infoRow) }
        } else if !tab.filter.text.isEmpty {
            let x0 = buffer.put("Filter: ", x: inner.x + 1, y: layout.infoRow, style: .muted, maxX: filterMaxX)
            buffer.put(TextWidth.truncate(tab.filter.text, to: max(0, filterMaxX - x0)), x: x0, y: layout.infoRow,
                       style: Style(.accent, bold: true), maxX: filterMaxX)
        } else {
            buffer.put("/ to filter", x: inner.x + 1, y: layout.infoRow, style: .muted, maxX: filterMaxX)
        }

        // Details strip separator.
        rule(x: rect.x, y: layout.detailsRule, width: rect.width, style: focused ? Style(.focusBorder) : .border, &buffer)

        let table = layout.table
        if !state.actions.loaded {
            centered(["Loading actions…"], in: table, style: .muted, &buffer)
            drawDetails(nil, state, layout, &buffer)
            return
        }
        if total == 0 {
            let lines = state.readOnly
                ? [state.actions.tab == .customExternal ? "No custom external actions in this store" : "No call actions in this store",
                   "The store is open read-only"]
                : [state.actions.tab.emptyMessage]
            centered(lines, in: Rect(x: table.x, y: layout.headerRow, width: table.width, height: table.height + 1),
                     style: Style(.accent), &buffer)
            drawDetails(nil, state, layout, &buffer)
            return
        }

        // Header.
        let gap = inner.width >= 90 ? 2 : 1
        // The columns fit the rows on screen (the phone column is as wide as
        // their numbers need).
        let firstRow = max(0, min(tab.scroll, tab.visible.count - layout.table.height))
        let onScreen = tab.visible[firstRow..<min(tab.visible.count, firstRow + layout.table.height)].map { state.actions.index.actions[$0] }
        let columns = actionColumns(state.actions.tab, rows: onScreen)
        let widths = TableColumns.widths(columns.map(\.1), total: inner.width - 2, gap: gap)
        let columnX = ListChrome.columnXs(widths, x: inner.x + 1, gap: gap)
        let sortedColumn: ActionColumn? = [SortColumn.name: ActionColumn.name, .trigger: .trigger, .id: .id][state.actions.sort]
        for (i, (column, rule)) in columns.enumerated() where widths[i] > 0 {
            var text = TableColumns.header(rule, width: widths[i])
            if column == sortedColumn {
                text = TextWidth.of(rule.title) + 2 <= widths[i] ? rule.title : rule.shortTitle
                text = TextWidth.truncate(text, to: widths[i] - 2) + " " + arrow
            }
            buffer.put(TextWidth.truncate(text, to: widths[i]), x: columnX[i], y: layout.headerRow, style: Style(.header, bold: true))
        }

        if tab.visible.isEmpty {
            centered(["No actions match “\(tab.filter.text)”", "Esc clears the filter"], in: table, style: Style(.accent), &buffer)
            drawDetails(nil, state, layout, &buffer)
            return
        }

        // Rows: only the visible ones.
        let rows = table.height
        let scroll = max(0, min(tab.scroll, tab.visible.count - rows))
        let last = min(tab.visible.count, scroll + rows)
        if scroll < last {
            for row in scroll..<last {
                let y = table.y + row - scroll
                let action = state.actions.index.actions[tab.visible[row]]
                let selected = row == tab.selection
                let style: Style = selected ? Style(.selection, bold: focused) : .text
                if selected {
                    buffer.fill(x: inner.x, y: y, width: inner.width, height: 1, style: style)
                    buffer.put(focused ? "›" : " ", x: inner.x, y: y, style: style)
                }
                for (i, (column, _)) in columns.enumerated() where widths[i] > 0 {
                    let cellStyle = selected ? style : (column == .id || column == .description ? Style.muted : style)
                    let text = TextWidth.truncate(singleLine(cell(column, action)), to: widths[i])
                    if column == .name, !tab.appliedQuery.isEmpty {
                        // The characters the filter matched, underlined (and
                        // in the accent colour off the cursor's row).
                        let marked = Style(selected ? style.role : .accent, bold: true, underline: true)
                        drawMarked(text, FilterRanking.highlighted(text, query: tab.appliedQuery), x: columnX[i], y: y,
                                   style: cellStyle, marked: marked, &buffer)
                    } else {
                        buffer.put(text, x: columnX[i], y: y, style: cellStyle)
                    }
                }
            }
        }
        // A scroll position marker on the right edge when the list is longer than the page.
        if tab.visible.count > rows, rows > 0 {
            let thumb = table.y + (rows - 1) * tab.selection / max(1, tab.visible.count - 1)
            buffer.put("▐", x: rect.maxX - 1, y: thumb, style: focused ? Style(.focusBorder) : .border)
        }
        drawDetails(state.actions.selectedAction, state, layout, &buffer)
    }

    /// `text` with the characters at `marked` (indexes of its characters) in `markedStyle`.
    static func drawMarked(_ text: String, _ marked: Set<Int>, x: Int, y: Int, style: Style, marked markedStyle: Style,
                           _ buffer: inout ScreenBuffer) {
        guard !marked.isEmpty else {
            buffer.put(text, x: x, y: y, style: style)
            return
        }
        var column = x
        for (i, character) in text.enumerated() {
            column = buffer.put(String(character), x: column, y: y, style: marked.contains(i) ? markedStyle : style)
        }
    }

    static func drawDetails(_ action: ActionSummary?, _ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.details
        let x = rect.x + 1, maxX = rect.maxX - 1
        guard let action else {
            var text = state.actions.tab == .customExternal
                ? "Custom External Actions call your URL with data the agent collects, then speak the answer."
                : "Call Actions are phone-only: End Conversation, Transfer Calls, DTMF and Warm Transfer."
            if !state.readOnly { text += " Press n to create one." }
            for (i, line) in wrap(text, width: maxX - x).prefix(rect.height).enumerated() {
                putSegments([(line, .muted)], x: x, y: rect.y + i, maxX: maxX, &buffer)
            }
            return
        }
        var lines: [[(String, Style)]] = [[
            ("ID ", .muted), (action.id.rawValue, Style(.accent, bold: true)),
            ("   Function ", .muted), (action.functionName, .text),
        ]]
        var second: [(String, Style)] = [(action.kind.title, Style(.text, bold: true)), ("   ", .muted)]
        let missing = Style(.warning, bold: true)
        switch action.kind {
        case .customInput:
            if let url = action.url, !url.isEmpty { second += [("URL ", .muted), (url, .text)] } else { second.append(("needs a URL", missing)) }
            let fields = action.propertyCount
            let required = action.requiredCount
            second += [("   Schema ", .muted),
                       ("\(fields) \(fields == 1 ? "property" : "properties")" + (required > 0 ? ", \(required) required" : ""), .text)]
        case .transferCalls:
            let phoneNumber = action.phoneNumber ?? ""
            second += [("Transfers to ", .muted), phoneNumber.isEmpty ? ("needs a phone number", missing) : (phoneNumber, .text)]
        case .warmTransfer:
            let phoneNumber = action.phoneNumber ?? "", summary = action.detail ?? ""
            second += [("Transfers to ", .muted), phoneNumber.isEmpty ? ("needs a phone number", missing) : (phoneNumber, .text),
                       ("   Briefing ", .muted), (summary.isEmpty ? "none" : summary, .text)]
        case .dtmf:
            let buttons = action.detail ?? ""
            second += [("Presses ", .muted), buttons.isEmpty ? ("needs buttons", missing) : (buttons, .text)]
        case .endConversation:
            let goodbye = action.detail ?? ""
            second += [("Says ", .muted), goodbye.isEmpty ? ("nothing, then hangs up", .text) : ("“\(goodbye)”", .text)]
        }
        lines.append(second)
        lines.append([(action.description.isEmpty ? "No description" : action.description, .muted)])
        for (i, line) in lines.prefix(rect.height).enumerated() {
            putSegments(line, x: x, y: rect.y + i, maxX: maxX, &buffer)
        }
    }
}
