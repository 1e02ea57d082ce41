import ActionModel
import Foundation
import Screen

/// Draws one webhook's delivery log in the page, and a delivery open in full:
/// its attempts, the request's headers (the signature's value never) and the
/// JSON body.
enum DeliveryLogRenderer {
    static func render(_ log: DeliveryLogState, _ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        if let detail = log.detail {
            drawDetail(detail, state, layout, &buffer)
        } else {
            drawLog(log, state, layout, &buffer)
        }
    }

    static func tableRows(_ state: ConsoleState) -> Int { Layout(width: state.width, height: state.height).tableRows }

    // MARK: The log

    static func drawLog(_ log: DeliveryLogState, _ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.page
        let focused = state.focus == .page && state.overlay == nil
        let webhook = state.webhooks.entry(log.webhookID)?.webhook
        let label = webhook?.label ?? log.webhookID.rawValue
        Renderer.frame(rect, style: focused ? Style(.focusBorder) : .border, title: "Deliveries: \(label)", &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 4 else { return }
        let x = inner.x + 1, maxX = inner.maxX - 1
        let count = "▸ Deliveries (\(Renderer.grouped(log.entries.count)))"
        let after = buffer.put(count, x: x, y: layout.tabsRow, style: Style(.tabActive, bold: true), maxX: maxX)
        buffer.put("   newest first · updates live", x: after, y: layout.tabsRow, style: .muted, maxX: maxX)
        if let webhook {
            let state = webhook.isEnabled ? "" : "disabled · "
            Renderer.putSegments([(state, .warning), ("POST ", .muted), (webhook.url, .text)], x: x, y: layout.infoRow, maxX: maxX, &buffer)
        }
        Renderer.rule(x: rect.x, y: layout.detailsRule, width: rect.width, style: focused ? Style(.focusBorder) : .border, &buffer)
        let table = layout.table
        if !log.loaded {
            Renderer.centered(["Loading deliveries…"], in: table, style: .muted, &buffer)
            return
        }
        if log.entries.isEmpty {
            Renderer.centered(["No deliveries yet", state.readOnly ? "Deliveries appear here as calls happen"
                                   : "Press t to send a test delivery"], in: table, style: Style(.accent), &buffer)
            return
        }
        let columns = DeliveryTable.logColumns(width: maxX - x)
        Renderer.putSegments(DeliveryTable.header(columns), x: x, y: layout.headerRow, maxX: maxX, &buffer)
        let zone = state.webhooks.timeZone
        let scroll = max(0, min(log.scroll, log.entries.count - table.height))
        for row in scroll..<min(log.entries.count, scroll + table.height) {
            let y = table.y + row - scroll
            let selected = row == log.selection
            let style = Style(.selection, bold: focused)
            if selected {
                buffer.fill(x: inner.x, y: y, width: inner.width, height: 1, style: style)
                buffer.put(focused ? "›" : " ", x: inner.x, y: y, style: style)
            }
            Renderer.putSegments(DeliveryTable.row(log.entries[row], columns, zone: zone, selected: selected ? style : nil),
                                 x: x, y: y, maxX: maxX, &buffer)
        }
        drawDetails(log.selectedEntry, zone: zone, layout, &buffer)
    }

    /// Under the table: what the narrow columns leave out, and the whole error.
    static func drawDetails(_ entry: DeliveryLogEntry?, zone: TimeZone, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        guard let entry else { return }
        let delivery = entry.delivery
        let rect = layout.details
        var lines: [CallTimeline.Line] = [
            [("ID ", .muted), (delivery.id.rawValue, Style(.accent, bold: true)), ("   call ", .muted), (delivery.callID ?? "—", .text),
             ("   last attempt took ", .muted), (DeliveryTable.duration(entry.lastDurationMilliseconds), .text)],
            [("Created ", .muted), (CallTimeline.dateTime(delivery.createdAt, zone), .text)]
                + (delivery.nextAttemptAt.map { [("   next try ", .muted), (CallTimeline.clock($0, zone), .warning)] } ?? []),
        ]
        if let error = delivery.lastError {
            lines.append([("Error ", .muted), (error, .error)])
        } else {
            lines.append([("⏎ shows the attempts and the request · r re-sends a failed delivery", .muted)])
        }
        for (i, line) in lines.prefix(rect.height).enumerated() {
            Renderer.putSegments(line, x: rect.x + 1, y: rect.y + i, maxX: rect.maxX - 1, &buffer)
        }
    }

    // MARK: One delivery

    static func detailRows(_ state: ConsoleState) -> Int {
        max(1, Layout(width: state.width, height: state.height).page.inset(by: 1).height - 3)
    }

    static func detailWidth(_ state: ConsoleState) -> Int {
        Layout(width: state.width, height: state.height).page.inset(by: 1).width - 2
    }

    static func header(_ detail: DeliveryDetailState, zone: TimeZone) -> [CallTimeline.Line] {
        let delivery = detail.entry.delivery
        let attempts = delivery.attemptCount == 1 ? "1 attempt" : "\(delivery.attemptCount) attempts"
        return [
            [(delivery.event.rawValue, Style(.accent, bold: true)), (" to ", .muted), (detail.entry.webhookLabel, .text), ("  ·  ", .muted),
             (DeliveryTable.status(delivery), DeliveryTable.style(.status, delivery)), ("  ·  ", .muted), (attempts, .text)],
            [("created ", .muted), (CallTimeline.dateTime(delivery.createdAt, zone), .text), ("  ·  call ", .muted),
             (delivery.callID ?? "—", .text)],
        ]
    }

    static func detailLines(_ detail: DeliveryDetailState, state: ConsoleState, width: Int) -> [CallTimeline.Line] {
        let delivery = detail.entry.delivery
        let zone = state.webhooks.timeZone
        var lines: [CallTimeline.Line] = [[("Attempts", Style(.title, bold: true))]]
        if detail.attempts.isEmpty {
            lines.append([("  None yet: it is waiting for its turn.", .muted)])
        } else {
            lines.append([(attemptCells("#", "Started", "HTTP", "Took") + TextWidth.fit("Outcome", to: 9) + "  Error", Style(.header, bold: true))])
            for attempt in detail.attempts {
                let outcomeStyle: Style = attempt.outcome == .delivered ? Style(.success) : attempt.outcome == .failed ? .error : .warning
                let prefix: CallTimeline.Line = [
                    (attemptCells(String(attempt.number), CallTimeline.clock(attempt.startedAt, zone),
                                  attempt.statusCode.map(String.init) ?? "–", DeliveryTable.duration(attempt.durationMilliseconds)), .muted),
                    (TextWidth.fit(attempt.outcome.rawValue, to: 9) + "  ", outcomeStyle),
                ]
                lines += CallTimeline.wrapped(prefix: prefix, prefixWidth: attemptPrefixWidth, text: attempt.error ?? "", style: .error, width: width)
            }
        }
        if delivery.status == .pending, let next = delivery.nextAttemptAt {
            lines.append([("  next try at ", .muted), (CallTimeline.clock(next, zone), .warning)])
        }
        lines.append([])
        lines.append([("Request", Style(.title, bold: true))])
        let webhook = state.webhooks.entry(delivery.webhookID)?.webhook
        lines += CallTimeline.wrapped(prefix: [("  POST ", .muted)], prefixWidth: 7, text: webhook?.url ?? "(the webhook was deleted)",
                                      style: .text, width: width)
        lines.append([("  X-Switchboard-Delivery: ", .muted), (delivery.id.rawValue, .text)])
        lines.append([("  X-Switchboard-Event: ", .muted), (delivery.event.rawValue, .text)])
        if let secret = webhook?.secretName {
            // The header's value is a signature made with the secret: never shown.
            lines += CallTimeline.wrapped(prefix: [("  x-vocode-signature: ", .muted)], prefixWidth: 22,
                                          text: "(signed with the secret \(secret); the value is not shown)", style: .muted, width: width)
        }
        lines.append([])
        lines.append([("Body", Style(.title, bold: true))])
        let pretty = (try? JSONValue(parsing: delivery.body))?.prettyText ?? delivery.body
        for line in pretty.components(separatedBy: "\n") {
            // The JSON's own indentation is kept; a long line wraps under its text.
            let indent = 2 + line.prefix(while: { $0 == " " }).count
            lines += CallTimeline.wrapped(prefix: [(String(repeating: " ", count: indent), .text)], prefixWidth: indent,
                                          text: String(line.drop(while: { $0 == " " })), style: .text, width: width)
        }
        return lines
    }

    /// The attempt table's first cells: number, start, HTTP status, duration (the outcome follows in its colour).
    static func attemptCells(_ number: String, _ started: String, _ http: String, _ took: String) -> String {
        "  " + TextWidth.fit(number, to: 3) + " " + TextWidth.fit(started, to: 8) + "  " + TextWidth.fit(http, to: 4) + "  "
            + TextWidth.fit(took, to: 7) + "  "
    }

    /// Where an attempt's error starts: the cells, then the outcome (9) and a gap.
    static let attemptPrefixWidth = TextWidth.of(attemptCells("", "", "", "")) + 11

    static func drawDetail(_ detail: DeliveryDetailState, _ state: ConsoleState, _ layout: Layout, _ buffer: inout ScreenBuffer) {
        let rect = layout.page
        let focused = state.focus == .page && state.overlay == nil
        Renderer.frame(rect, style: focused ? Style(.focusBorder) : .border, title: "Delivery \(detail.entry.delivery.id)", &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 4, inner.height > 4 else { return }
        let x = inner.x + 1, maxX = inner.maxX - 1
        for (i, line) in header(detail, zone: state.webhooks.timeZone).enumerated() {
            Renderer.putSegments(line, x: x, y: inner.y + i, maxX: maxX, &buffer)
        }
        Renderer.rule(x: rect.x, y: inner.y + 2, width: rect.width, style: focused ? Style(.focusBorder) : .border, &buffer)
        let lines = detailLines(detail, state: state, width: maxX - x)
        let rows = detailRows(state)
        let scroll = max(0, min(detail.scroll, lines.count - rows))
        for (offset, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            Renderer.putSegments(line, x: x, y: inner.y + 3 + offset, maxX: maxX, &buffer)
        }
        if lines.count > rows {
            let position = " \(scroll + 1)–\(min(lines.count, scroll + rows)) of \(lines.count) · ↑↓ PgUp PgDn "
            buffer.put(position, x: rect.maxX - 2 - TextWidth.of(position), y: rect.maxY - 1, style: .muted)
        }
    }
}
