import ActionModel
import Screen

/// Draws the agent form in the page area, the way the action editor draws its
/// form: labels on the left, a field's message under it, the notice line at
/// the bottom, and the checklist of actions taking the room that is left.
enum AgentFormRenderer {
    static let labelWidth = 20

    private enum Row {
        case blank
        case field(AgentFormField)
        case promptLine(Int)
        case error(AgentFormField, String)
    }

    static func promptRows(_ height: Int) -> Int { height >= 30 ? 6 : 3 }

    static func render(_ form: AgentFormState, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard let frame = FormFrame.draw(title: form.title, what: "agent", isDirty: form.isDirty, message: form.notice,
                                         labelWidth: Self.labelWidth, in: rect, &buffer) else { return }
        let (inner, labelX, labelWidth, valueX, valueWidth) = (frame.inner, frame.labelX, frame.labelWidth, frame.valueX, frame.valueWidth)
        let promptRows = promptRows(rect.height)

        var rows: [Row] = [.blank]
        for field in [AgentFormField.name, .greeting, .prompt, .engine, .scope] {
            if field == .scope { rows.append(.blank) }
            rows.append(.field(field))
            if field == .prompt { for line in 1..<promptRows { rows.append(.promptLine(line)) } }
            // A missing model is said from the start, not only once the field is left.
            let standing = field == .scope ? form.errors[.actions] : field == .engine ? form.problem(for: .engine) : nil
            if let problem = form.errors[field] ?? standing {
                for line in ActionEditorState.messageLines(problem, width: valueWidth) { rows.append(.error(field, line)) }
            }
        }
        let bottom = inner.maxY - 1  // the notice line
        var y = inner.y
        for row in rows where y < bottom {
            switch row {
            case .blank, .promptLine:
                break
            case let .error(_, line):
                buffer.put(line, x: valueX, y: y, style: .error, maxX: inner.maxX - 1)
            case let .field(field):
                let focused = field == form.focus && form.question == nil
                frame.drawLabel(field.label, focused: field == form.focus, hasProblem: form.errors[field] != nil, y: y, &buffer)
                drawValue(field, form, focused: focused, x: valueX, y: y, width: valueWidth,
                          rows: min(promptRows, bottom - y), &buffer)
            }
            y += 1
        }
        if !form.usesEveryAction, y < bottom {
            drawChecklist(form, x: valueX - 2, y: y, maxX: inner.maxX - 1, rows: bottom - y, &buffer)
            // Where the list is, under its label, when it doesn't all fit.
            if form.choices.count > bottom - y {
                let top = max(0, min(form.listCursor - (bottom - y) + 1, form.choices.count - (bottom - y)))
                let position = "\(top + 1)–\(min(form.choices.count, top + bottom - y)) of \(form.choices.count)"
                buffer.put(TextWidth.truncate(position, to: labelWidth - 1), x: labelX, y: y, style: .muted)
            }
        }
        form.drawQuestion(in: rect, &buffer)
    }

    private static func drawValue(_ field: AgentFormField, _ form: AgentFormState, focused: Bool, x: Int, y: Int, width: Int,
                                  rows: Int, _ buffer: inout ScreenBuffer) {
        switch field {
        case .engine:
            drawEngine(form, focused: focused, x: x, y: y, width: width, &buffer)
        case .name, .greeting:
            FormFrame.drawText(field == .name ? form.name : form.greeting, placeholder: field.placeholder, focused: focused,
                               x: x, y: y, width: width, &buffer)
        case .prompt:
            if let cursor = TextArea.draw(form.prompt, into: &buffer, x: x, y: y, width: width, rows: rows,
                                          focused: focused, placeholder: field.placeholder) {
                buffer.cursor = cursor
            }
        case .scope:
            let count = form.chosen.count
            let options = ["every action", count == 0 ? "only these" : "only these (\(count))"]
            var column = x
            for (index, option) in options.enumerated() {
                let selected = (index == 0) == form.usesEveryAction
                if index > 0 { column = buffer.put(" ", x: column, y: y, maxX: x + width) }
                column = buffer.put(selected ? "[\(option)]" : " \(option) ", x: column, y: y,
                                    style: selected ? (focused ? Style(.accent, bold: true) : .text) : .muted, maxX: x + width)
            }
            if focused, column + 18 <= x + width { buffer.put("  Space changes", x: column, y: y, style: .muted) }
        case .actions:
            break
        }
    }

    /// The picked engine between arrows, and what it is beside it: the
    /// rule-based agent, or the model's id and base URL (or that it is missing).
    private static func drawEngine(_ form: AgentFormState, focused: Bool, x: Int, y: Int, width: Int, _ buffer: inout ScreenBuffer) {
        let maxX = x + width
        let label = form.engine.map { form.engineIsMissing ? "\($0) (missing)" : $0 } ?? ModelRecord.rulesEngineName
        let style: Style = form.engineIsMissing ? Style(.error, bold: focused) : focused ? Style(.accent, bold: true) : .text
        var column = buffer.put(focused ? "‹ " : "", x: x, y: y, style: .muted, maxX: maxX)
        column = buffer.put(label, x: column, y: y, style: style, maxX: maxX)
        column = buffer.put(focused ? " ›" : "", x: column, y: y, style: .muted, maxX: maxX)
        let detail: String
        if form.engine == nil {
            detail = "the rule-based agent, offline"
        } else if let choice = form.engineChoice {
            detail = "\(choice.modelID) at \(choice.baseURL)"
        } else if form.engines == nil {
            detail = "reading the models…"
        } else {
            detail = "not in the store"
        }
        let hint = focused ? "   ← → change" : ""
        let room = maxX - column - 2
        guard room > 4 else { return }
        let after = TextWidth.of(detail) + TextWidth.of(hint) <= room ? detail + hint : TextWidth.truncate(detail, to: room)
        buffer.put("  " + after, x: column, y: y, style: .muted, maxX: maxX)
    }

    /// The store's actions with a tick box each, scrolled to the cursor.
    private static func drawChecklist(_ form: AgentFormState, x: Int, y: Int, maxX: Int, rows: Int, _ buffer: inout ScreenBuffer) {
        guard rows > 0 else { return }
        if form.choices.isEmpty {
            buffer.put("No actions in the store yet: create some on the Actions page (F2)", x: x + 2, y: y, style: .muted, maxX: maxX)
            return
        }
        let focused = form.focus == .actions && form.question == nil
        let top = max(0, min(form.listCursor - rows + 1, form.choices.count - rows))
        let nameWidth = max(8, min(32, (maxX - x - 6) / 2))
        for (offset, choice) in form.choices.dropFirst(top).prefix(rows).enumerated() {
            let row = top + offset
            let rowY = y + offset
            let ticked = form.chosen.contains(choice.id)
            let atCursor = row == form.listCursor && form.focus == .actions
            let style: Style = atCursor ? Style(.selection, bold: focused) : .text
            if atCursor { buffer.fill(x: x, y: rowY, width: maxX - x, height: 1, style: style) }
            buffer.put(atCursor ? "›" : " ", x: x, y: rowY, style: style)
            let box = ticked ? "[x] " : "[ ] "
            let after = buffer.put(box + TextWidth.fit(choice.name, to: nameWidth), x: x + 2, y: rowY,
                                   style: choice.missing ? (atCursor ? style : .error) : style, maxX: maxX)
            let detail = choice.missing ? "  no longer in the store" : "  " + choice.functionName
            buffer.put(TextWidth.truncate(detail, to: max(0, maxX - after)), x: after, y: rowY,
                       style: atCursor ? style : .muted, maxX: maxX)
        }
    }

    // MARK: Keys

    static func hints(_ form: AgentFormState) -> [KeyHint] { form.keyHints }

    static let helpSections = AgentFormState.helpSections(noun: "agent")
}
