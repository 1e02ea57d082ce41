import ActionModel
import CallSimulation
import Screen

// Drawing the call pane: transcript (or the inspector) on the left, the
// schema checklist on the right (below, when narrow), then the status row
// and the caller's input line.
extension CallPane {
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    /// From this inner width the checklist stands beside the transcript.
    static let sideBySideWidth = 76

    func render(into buffer: inout ScreenBuffer, in rect: Rect, masker: SecretMasker) {
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        buffer.cursor = nil
        let border = Style(.focusBorder)
        Renderer.frame(rect, style: border, title: "Call · " + title, &buffer)
        let tag = " \(callID.rawValue) "
        if rect.width > TextWidth.of(title) + TextWidth.of(tag) + 16 {
            buffer.put(tag, x: rect.maxX - 2 - TextWidth.of(tag), y: rect.y, style: .muted)
        }
        let inner = rect.inset(by: 1)
        guard inner.width >= 20, inner.height >= 6 else { return }
        let inputY = inner.maxY - 1, statusY = inner.maxY - 2, ruleY = inner.maxY - 3
        Renderer.rule(x: rect.x, y: ruleY, width: rect.width, style: border, &buffer)
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: ruleY - inner.y)

        let main: Rect, side: Rect
        if inner.width >= Self.sideBySideWidth {
            let sideWidth = min(40, max(28, inner.width / 3))
            let separatorX = body.maxX - sideWidth - 1
            for y in body.y..<body.maxY { buffer[separatorX, y] = Cell("│", style: border) }
            buffer[separatorX, rect.y] = Cell("┬", style: border)
            buffer[separatorX, ruleY] = Cell("┴", style: border)
            main = Rect(x: body.x, y: body.y, width: separatorX - body.x, height: body.height)
            side = Rect(x: separatorX + 1, y: body.y, width: body.maxX - separatorX - 1, height: body.height)
        } else {
            let rows = min(max(2, checklist.count + 1), max(2, body.height / 3))
            let ruleAt = body.maxY - rows - 1
            Renderer.rule(x: rect.x, y: ruleAt, width: rect.width, style: border, &buffer)
            main = Rect(x: body.x, y: body.y, width: body.width, height: ruleAt - body.y)
            side = Rect(x: body.x, y: ruleAt + 1, width: body.width, height: rows)
        }
        let mainInner = Rect(x: main.x + 1, y: main.y, width: max(0, main.width - 2), height: main.height)
        if showsInspector {
            drawInspector(in: mainInner, masker: masker, &buffer)
        } else {
            drawTranscript(in: mainInner, &buffer)
        }
        drawChecklist(in: Rect(x: side.x + 1, y: side.y, width: max(0, side.width - 2), height: side.height), &buffer)
        drawStatus(x: inner.x + 1, y: statusY, maxX: inner.maxX - 1, &buffer)
        drawInput(x: inner.x + 1, y: inputY, maxX: inner.maxX - 1, &buffer)
    }

    // MARK: Transcript

    static let speakerWidth = 7

    /// The transcript as screen rows of `width` cells: speaker, then the text wrapped beside it.
    func transcriptRows(width: Int) -> [[(String, Style)]] {
        var rows: [[(String, Style)]] = []
        let textWidth = max(4, width - Self.speakerWidth)
        // A reply streaming in shows as the agent's line, growing.
        let streaming = thinking.flatMap { $0.text.isEmpty ? nil : Line(kind: .agent, text: $0.text + "▍") }
        for line in transcript + (streaming.map { [$0] } ?? []) {
            let speaker: (String, Style)
            var text = line.text
            var textStyle = Style.text
            switch line.kind {
            case .agent: speaker = ("Agent", Style(.accent, bold: true))
            case .caller: speaker = ("Caller", Style(.keyHint, bold: true))
            case .notHeard:
                speaker = ("Caller", .muted)
                text += "  (not heard: the agent is muted)"
                textStyle = .muted
            case .event, .request, .response:
                speaker = ("", .muted)
                textStyle = .muted
            case .failure:
                speaker = ("", .muted)
                textStyle = .error
            }
            for (index, piece) in ActionEditorState.wrap(text, width: textWidth).enumerated() {
                let label = index == 0 ? TextWidth.fit(speaker.0, to: Self.speakerWidth) : String(repeating: " ", count: Self.speakerWidth)
                rows.append([(label, speaker.1), (piece, textStyle)])
            }
        }
        return rows
    }

    private func drawTranscript(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 8 else { return }
        let rows = transcriptRows(width: rect.width)
        if rows.isEmpty {
            let waiting = started ? "The call is on: the agent speaks first." : "Connecting…"
            buffer.put(waiting, x: rect.x, y: rect.y, style: .muted, maxX: rect.maxX)
            return
        }
        let scroll = max(0, min(transcriptScroll, rows.count - rect.height))
        let end = rows.count - scroll
        let start = max(0, end - rect.height)
        // The newest line sits at the bottom, like a chat.
        let top = rect.maxY - (end - start)
        for (offset, row) in rows[start..<end].enumerated() {
            Renderer.putSegments(row, x: rect.x, y: top + offset, maxX: rect.maxX, &buffer)
        }
        if scroll > 0 {
            let marker = " ↓ \(scroll) newer · PgDn "
            buffer.put(marker, x: rect.maxX - TextWidth.of(marker), y: rect.maxY - 1, style: Style(.accent, bold: true))
        }
    }

    // MARK: Inspector

    func inspectorLines(masker: SecretMasker) -> [Inspector.Line] {
        let pending = inFlight != nil ? waitingMilliseconds : nil
        return Inspector.lines(exchange: lastExchange, outcome: lastOutcome, pendingSince: pending, masker: masker, curl: curl)
    }

    private func drawInspector(in rect: Rect, masker: SecretMasker, _ buffer: inout ScreenBuffer) {
        guard rect.height > 1 else { return }
        let heading = focus == .inspector ? "Inspector · ↑↓ scroll · ^Y copy as curl · Tab back" : "Inspector"
        buffer.put(TextWidth.truncate(heading, to: rect.width), x: rect.x, y: rect.y, style: Style(.header, bold: true))
        Inspector.draw(inspectorLines(masker: masker), scroll: inspectorScroll,
                       in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), into: &buffer)
    }

    // MARK: Checklist

    private func drawChecklist(in rect: Rect, _ buffer: inout ScreenBuffer) {
        guard rect.height > 0, rect.width > 6 else { return }
        let maxX = rect.maxX
        var y = rect.y
        guard let action = currentAction else {
            buffer.put("Fields", x: rect.x, y: y, style: Style(.title, bold: true), maxX: maxX)
            if rect.height > 1 {
                buffer.put("none yet: the agent has not picked an action", x: rect.x, y: y + 1, style: .muted, maxX: maxX)
            }
            return
        }
        let items = checklist
        let required = items.filter { $0.property.isRequired }
        let have = required.filter { if case .collected? = $0.status { true } else { false } }.count
        let heading = "Fields · \(action.name)"
        let count = items.isEmpty ? "" : " \(have)/\(required.count)"
        buffer.put(TextWidth.truncate(heading, to: max(1, rect.width - TextWidth.of(count))), x: rect.x, y: y,
                   style: Style(.title, bold: true))
        buffer.put(count, x: maxX - TextWidth.of(count), y: y, style: have == required.count ? .success : .muted)
        y += 1
        if items.isEmpty, y < rect.maxY {
            buffer.put("no fields to collect", x: rect.x, y: y, style: .muted, maxX: maxX)
            return
        }
        let nameWidth = min(16, max(6, items.map { TextWidth.of($0.property.name) + ($0.property.isRequired ? 1 : 0) }.max() ?? 6) + 1)
        let wide = rect.height > items.count + 1
        for item in items {
            guard y < rect.maxY else { break }
            let name = item.property.name + (item.property.isRequired ? "*" : "")
            let marker: (String, Style), value: (String, Style)
            switch item.status {
            case let .collected(json)?:
                marker = ("✓ ", Style(.success, bold: true))
                value = (json.stringValue ?? json.compactText, .text)
            case let .rejected(heard, reason)?:
                marker = ("✗ ", Style(.error, bold: true))
                value = ("rejected: '\(heard)': \(reason)", .error)
            case nil:
                marker = ("· ", .muted)
                value = (item.property.isRequired ? "missing" : "optional, not given", .muted)
            }
            let x = buffer.put(marker.0, x: rect.x, y: y, style: marker.1)
            buffer.put(TextWidth.fit(TextWidth.truncate(name, to: nameWidth - 1), to: nameWidth), x: x, y: y,
                       style: item.property.isRequired ? Style(.text, bold: true) : .text)
            let valueX = x + nameWidth
            if case .rejected? = item.status, wide {
                // The reason wraps under the field when there is room.
                let lines = ActionEditorState.wrap(value.0, width: max(4, maxX - valueX))
                for (index, line) in lines.enumerated() where y + index < rect.maxY {
                    buffer.put(line, x: valueX, y: y + index, style: value.1, maxX: maxX)
                }
                y += max(1, min(lines.count, rect.maxY - y))
            } else {
                buffer.put(TextWidth.truncate(Renderer.singleLine(value.0), to: max(0, maxX - valueX)), x: valueX, y: y, style: value.1)
                y += 1
            }
        }
        if y < rect.maxY, items.contains(where: { $0.property.isRequired }) {
            buffer.put("* required", x: rect.x, y: y, style: .muted, maxX: maxX)
        }
    }

    // MARK: Status and input

    /// The row above the input: what the call is doing now.
    func statusLine() -> (String, Style) {
        if let startProblem { return ("✗ The call could not start: \(startProblem) · Esc back", Style(.error, bold: true)) }
        switch phase {
        case .connecting:
            return ("Connecting…", .muted)
        case .ended:
            let reason = (ended?.rawValue ?? "ended").replacingOccurrences(of: "_", with: " ")
            return ("Call ended (\(reason)) · Esc or q to go back · Tab shows the last request", Style(.title, bold: true))
        case .waiting where thinking != nil && !muted && inFlight == nil:
            let frame = Self.spinner[(waitingMilliseconds / 80) % Self.spinner.count]
            let cancel = cancelling ? "cancelling… · " : ""
            if let retry = thinking?.retryIn {
                return ("\(frame) the model said 429 · retrying in \(retry) s · \(cancel)Esc cancels", Style(.warning, bold: true))
            }
            let first = thinking?.firstTokenMilliseconds.map { "first token \(Int($0.rounded())) ms · " } ?? "waiting for the first token · "
            return ("\(frame) thinking · \(waitingMilliseconds) ms · \(first)\(cancel)Esc cancels", Style(.warning, bold: true))
        case .waiting:
            let frame = Self.spinner[(waitingMilliseconds / 80) % Self.spinner.count]
            // The milliseconds first: a long URL is what gets cut.
            let what = inFlight.map { "waiting for \($0.method) \($0.url)" } ?? "sending the request"
            let cancel = cancelling ? "cancelling… · " : ""
            return ("\(frame) muted · \(waitingMilliseconds) ms · \(cancel)\(what)", Style(.warning, bold: true))
        case .answered:
            if case let .success(_, _, exchange)? = result {
                return ("✓ answered: \(Self.statusText(exchange.status)) in \(Self.milliseconds(exchange)) · the agent spoke the answer",
                        Style(.success, bold: true))
            }
            return ("✓ answered", Style(.success, bold: true))
        case .failed:
            if case let .failure(fault, exchange)? = result {
                let timing = exchange.map { " after \(Self.milliseconds($0))" } ?? ""
                let what = fault == .cancelled ? "cancelled" : "failed: \(fault.explanation)"
                return ("✗ \(what)\(timing) · the agent said so", Style(.error, bold: true))
            }
            return ("✗ failed", Style(.error, bold: true))
        case .collecting:
            let required = checklist.filter { $0.property.isRequired }
            let have = required.filter { if case .collected? = $0.status { true } else { false } }.count
            let progress = currentAction == nil ? "listening" : "collecting: \(have) of \(required.count) required fields"
            return ("● live · \(progress)", Style(.accent, bold: true))
        }
    }

    private func drawStatus(x: Int, y: Int, maxX: Int, _ buffer: inout ScreenBuffer) {
        let (text, style) = statusLine()
        buffer.put(TextWidth.truncate(text, to: maxX - x), x: x, y: y, style: style)
    }

    private func drawInput(x: Int, y: Int, maxX: Int, _ buffer: inout ScreenBuffer) {
        if hasEnded {
            buffer.put("(the call is over)", x: x, y: y, style: .muted, maxX: maxX)
            return
        }
        let prompt = buffer.put("Caller › ", x: x, y: y, style: Style(.keyHint, bold: true))
        let width = max(1, maxX - prompt)
        let cursorX = input.draw(into: &buffer, x: prompt, y: y, width: width)
        if input.text.isEmpty {
            let placeholder = thinking != nil && !muted ? "the agent is answering: lines typed now are not heard"
                : isWaiting ? "the agent is muted: lines typed now are not heard"
                : "type what the caller says, ⏎ to say it"
            buffer.putPlaceholder(placeholder, x: prompt, y: y, maxX: maxX)
        }
        if focus == .input { buffer.cursor = (cursorX, y) }
    }

    /// The test request panel's keys, for help (its rows).
    static var testRequestHelp: HelpSection { TestRequestPanel.helpSection }
}

extension TestRequestPanel {
    func render(into buffer: inout ScreenBuffer, in rect: Rect, masker: SecretMasker) {
        buffer.cursor = nil
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        Renderer.frame(rect, style: Style(.focusBorder), title: "Test request · " + actionName, &buffer)
        let inner = rect.inset(by: 1)
        guard inner.width > 10, inner.height > 4 else { return }
        let x = inner.x + 1, width = inner.width - 2
        let (summaryText, summaryStyle) = summary
        buffer.put(TextWidth.truncate(summaryText, to: width), x: x, y: inner.y, style: summaryStyle)
        if let values {
            values.render(into: &buffer, in: Rect(x: x, y: inner.y + 2, width: width, height: inner.height - 2))
            return
        }
        let sample = "Sample values: " + JSONValue.object(arguments).compactText
        buffer.put(TextWidth.truncate(sample, to: width), x: x, y: inner.y + 1, style: .muted)
        var lines: [Inspector.Line]
        if let result {
            lines = Inspector.lines(exchange: result.sent, outcome: result.outcome, pendingSince: nil, masker: masker, curl: curl)
        } else {
            lines = [("POST \(masker.masked(text: url))", Style(.accent, bold: true)), ("", .text)]
                + Inspector.bodyLines(Array(JSONValue.object(arguments).prettyText.utf8), masker: masker)
        }
        Inspector.draw(lines, scroll: scroll, in: Rect(x: x, y: inner.y + 3, width: width, height: inner.height - 3), into: &buffer)
    }
}
