import ActionModel
import Screen

/// Draws the Calls page: the list of calls, or one call's transcript and
/// action timeline in its place, and the export question.
enum CallsPageRenderer {
    static func render(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        if let view = state.calls.view {
            drawView(view, state, layout, &buffer)
        } else {
            drawList(state, layout, &buffer)
        }
        if let prompt = state.calls.export { drawExport(prompt, state, &buffer) }
    }

    static func actionName(_ state: ConsoleState) -> (ActionID) -> String? {
        { state.actions.index.action($0)?.name }
    }

    // MARK: The list

    /// The list's columns (Started, Agent, Started from, Length, Ended,
    /// Outcome, Events, ID) with their width rules: the
    /// agent and the action it started from share the spare width; when
    /// narrow the ID goes first, then the length, the event count and the end
    /// reason (the details strip says it), and the Outcome last.
    static func columns(_ rows: [CallListEntry], wide: Bool, name: (ActionID) -> String?) -> [ColumnRule] {
        func widest(_ value: (CallListEntry) -> String, cap: Int) -> Int {
            min(cap, rows.reduce(0) { max($0, TextWidth.of(Renderer.singleLine(value($1)))) })
        }
        let from: (CallListEntry) -> String = { entry in entry.call.startedFromAction.map { name($0) ?? $0.rawValue } ?? "—" }
        return [
            ColumnRule(title: "Started", shortTitle: "Started", minimum: 14, wanted: wide ? 19 : 14),
            ColumnRule(title: "Agent", shortTitle: "Agent", minimum: 10, wanted: max(10, widest(\.call.agentName, cap: 24)), share: 1),
            ColumnRule(title: "Started from", shortTitle: "From", minimum: 10, wanted: max(10, widest(from, cap: 28)), share: 1),
            ColumnRule(title: "Length", shortTitle: "Len", minimum: 6, wanted: max(6, widest({ CallTimeline.duration($0.call) }, cap: 8)),
                       dropOrder: 2),
            ColumnRule(title: "Ended", shortTitle: "Ended", minimum: 9,
                       wanted: max(9, widest({ CallTimeline.endReason($0.call) }, cap: 14)), dropOrder: 4),
            ColumnRule(title: "Outcome", shortTitle: "Outcome", minimum: 9, wanted: 9, dropOrder: 5),
            ColumnRule(title: "Events", shortTitle: "Events", minimum: 6, wanted: 6, dropOrder: 3),
            ColumnRule(title: "ID", shortTitle: "ID", minimum: 21, wanted: 21, dropOrder: 1),
        ]
    }


    static func drawList(_ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let page = state.calls
        let focused = state.focus == .page && state.overlay == nil && page.export == nil
        guard let table = ListChrome.drawPage(title: "Calls", count: page.entries.count, note: "newest first", filter: page.filter, filtering: page.filtering,
                                              shown: page.visible.count, loaded: page.loaded, focused: focused, state: state,
                                              layout: layout, &buffer) else { return }
        let inner = layout.page.inset(by: 1)
        if page.entries.isEmpty {
            Renderer.centered(["No calls yet", "Every simulated call is logged here:",
                               "switchboard simulate --agent NAME --say …"],
                              in: table, style: Style(.accent), &buffer)
            return
        }
        let gap = inner.width >= 90 ? 2 : 1
        let name = actionName(state)
        let firstRow = max(0, min(page.scroll, page.visible.count - table.height))
        let onScreen = page.visible[firstRow..<min(page.visible.count, firstRow + table.height)].map { page.entries[$0] }
        let rules = columns(onScreen, wide: inner.width >= 90, name: name)
        let widths = TableColumns.widths(rules, total: inner.width - 2, gap: gap)
        let xs = ListChrome.columnXs(widths, x: inner.x + 1, gap: gap)
        for (i, rule) in rules.enumerated() where widths[i] > 0 {
            buffer.put(TableColumns.header(rule, width: widths[i]), x: xs[i], y: layout.headerRow, style: Style(.header, bold: true))
        }
        if page.visible.isEmpty {
            Renderer.centered(["No calls match “\(page.filter.text)”", "Esc clears the filter"], in: table, style: Style(.accent), &buffer)
            return
        }
        let scroll = firstRow
        for row in scroll..<min(page.visible.count, scroll + table.height) {
            let entry = page.entries[page.visible[row]]
            let call = entry.call
            let y = table.y + row - scroll
            let selected = row == page.selection
            let style: Style = selected ? Style(.selection, bold: focused) : .text
            if selected {
                buffer.fill(x: inner.x, y: y, width: inner.width, height: 1, style: style)
                buffer.put(focused ? "›" : " ", x: inner.x, y: y, style: style)
            }
            let from = call.startedFromAction.map { name($0) ?? $0.rawValue } ?? "—"
            let started = CallTimeline.dateTime(call.startedAt, page.timeZone)
            let values = [widths[0] >= TextWidth.of(started) ? started : String(started.dropFirst(5)), call.agentName, from,
                          CallTimeline.duration(call), CallTimeline.endReason(call), entry.outcome?.label ?? "—",
                          String(entry.eventCount), call.id.rawValue]
            for i in values.indices where widths[i] > 0 {
                var cellStyle = style
                if !selected {
                    if i == 7 || (i == 2 && call.startedFromAction == nil) { cellStyle = .muted }
                    if i == 4 { cellStyle = call.endReason == nil ? .warning : call.endReason == "error" ? .error : .text }
                    if i == 5 {
                        switch entry.outcome {
                        case .answered?: cellStyle = .success
                        case .failed?: cellStyle = .error
                        case .cancelled?, nil: cellStyle = .muted
                        }
                    }
                }
                let text = TextWidth.truncate(Renderer.singleLine(values[i]), to: widths[i])
                // Numbers line up on the right.
                let x = i == 6 ? xs[i] + widths[i] - TextWidth.of(text) : xs[i]
                if i == 1 {
                    ListChrome.putMatched(text, filter: page.filter, x: x, y: y, style: cellStyle, selected: selected, &buffer)
                } else {
                    buffer.put(text, x: x, y: y, style: cellStyle)
                }
            }
        }
        drawDetails(page.selectedEntry, state, layout, &buffer)
    }

    static func drawDetails(_ entry: CallListEntry?, _ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        guard let entry else { return }
        let rect = layout.details
        let x = rect.x + 1, maxX = rect.maxX - 1
        let names = entry.actionIDs.map { state.actions.index.action($0)?.name ?? $0.rawValue }
        var lines: [CallTimeline.Line] = [
            [("ID ", .muted), (entry.call.id.rawValue, Style(.accent, bold: true)), ("   origin ", .muted), (entry.call.origin, .text),
             ("   ended ", .muted), (CallTimeline.endReason(entry.call), .text)],
            [("Actions used ", .muted), (names.isEmpty ? "none" : names.joined(separator: ", "), .text)],
        ]
        if let transcript = state.calls.transcripts[entry.call.id], !transcript.isEmpty {
            lines.append([("Said ", .muted), (transcript, .muted)])
        } else {
            lines.append([("⏎ opens the transcript and action timeline · x exports it as JSON", .muted)])
        }
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: x, y: rect.y + i, maxX: maxX, &buffer)
        }
    }

    // MARK: One call

    /// The page's inside, less the header lines and the rule under them.
    static func viewBodyRows(_ state: ConsoleState) -> Int {
        max(1, Layout(width: state.width, height: state.height).page.inset(by: 1).height - 3)
    }

    static func viewWidth(_ state: ConsoleState) -> Int {
        Layout(width: state.width, height: state.height).page.inset(by: 1).width - 2
    }

    static func viewLines(_ view: CallViewState, state: ConsoleState, width: Int) -> [CallTimeline.Line] {
        CallTimeline.body(view.events, actionName: actionName(state), zone: state.calls.timeZone, width: width)
            + deliveryLines(view, state: state, width: width)
    }

    /// Lines before the deliveries' rows: the blank line, the title, the column titles.
    static let deliveryHeaderLines = 3

    /// The "Webhook deliveries" section under the timeline: one row per
    /// delivery about this call, the one `[` `]` chose highlighted.
    static func deliveryLines(_ view: CallViewState, state: ConsoleState, width: Int) -> [CallTimeline.Line] {
        var lines: [CallTimeline.Line] = [[], [("Webhook deliveries", Style(.title, bold: true))]]
        guard let deliveries = view.deliveries else { return lines + [[("  Loading…", .muted)]] }
        if deliveries.isEmpty { return lines + [[("  None: no webhook is subscribed to this call's events.", .muted)]] }
        let columns = DeliveryTable.callColumns(width: width - 2)
        lines.append([("  ", .text)] + DeliveryTable.header(columns))
        let focused = state.focus == .page && state.overlay == nil && state.calls.export == nil
        for (row, entry) in deliveries.enumerated() {
            let selected = row == view.deliverySelection
            let style = Style(.selection, bold: focused)
            lines.append([(selected ? "› " : "  ", selected ? style : .text)]
                         + DeliveryTable.row(entry, columns, zone: state.calls.timeZone, selected: selected ? style : nil))
        }
        return lines
    }

    /// The line (in `viewLines`) of the chosen delivery, to scroll to it.
    static func deliveryLine(_ view: CallViewState, state: ConsoleState) -> Int? {
        guard view.selectedDelivery != nil else { return nil }
        let width = viewWidth(state)
        let before = CallTimeline.body(view.events, actionName: actionName(state), zone: state.calls.timeZone, width: width).count
        return before + deliveryHeaderLines + view.deliverySelection
    }

    static func drawView(_ view: CallViewState, _ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.page
        let focused = state.focus == .page && state.overlay == nil && state.calls.export == nil
        Renderer.frame(rect, style: focused ? Style(.focusBorder) : .border, title: "Call \(view.record.id)", &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 4, inner.height > 4 else { return }
        let x = inner.x + 1, maxX = inner.maxX - 1
        let header = CallTimeline.header(view.record, events: view.events.count, actionName: actionName(state), zone: state.calls.timeZone)
        for (i, line) in header.enumerated() {
            Renderer.putSegments(line, x: x, y: inner.y + i, maxX: maxX, &buffer)
        }
        Renderer.rule(x: rect.x, y: inner.y + 2, width: rect.width, style: focused ? Style(.focusBorder) : .border, &buffer)
        let lines = viewLines(view, state: state, width: maxX - x)
        let rows = viewBodyRows(state)
        let scroll = max(0, min(view.scroll, lines.count - rows))
        for (offset, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            Renderer.putSegments(line, x: x, y: inner.y + 3 + offset, maxX: maxX, &buffer)
        }
        if lines.count > rows {
            let position = " \(scroll + 1)–\(min(lines.count, scroll + rows)) of \(lines.count) · ↑↓ PgUp PgDn "
            buffer.put(position, x: rect.maxX - 2 - TextWidth.of(position), y: rect.maxY - 1, style: .muted)
        }
    }

    // MARK: Export

    static func drawExport(_ prompt: ExportPrompt, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = Renderer.dialogArea(state)
        let width = min(area.width - 4, 72)
        let errorLines = prompt.error.map { ActionEditorState.messageLines($0, width: width - 6) } ?? []
        let rect = area.centered(width: width, height: 7 + errorLines.count)
        Renderer.drawDialogFrame(rect, title: "Export call as JSON", &buffer)
        let x = rect.x + 3, maxX = rect.maxX - 3
        buffer.put("Write \(prompt.callID) (transcript and timeline) to:", x: x, y: rect.y + 2, style: Style(.dialog, bold: true), maxX: maxX)
        let cursorX = prompt.path.draw(into: &buffer, x: x, y: rect.y + 3, width: maxX - x)
        buffer.cursor = (cursorX, rect.y + 3)
        for (i, line) in errorLines.enumerated() {
            buffer.put(line, x: x, y: rect.y + 4 + i, style: .error, maxX: maxX)
        }
        let choices = CallsPage.exportChoices(state)
        buffer.put(choices, x: rect.maxX - 3 - TextWidth.of(choices), y: rect.maxY - 2, style: Style(.keyHint, bold: true))
        buffer.put("relative to the current folder", x: x, y: rect.maxY - 2, style: .muted, maxX: rect.maxX - 5 - TextWidth.of(choices))
    }
}
