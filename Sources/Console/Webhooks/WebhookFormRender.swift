import ActionModel
import Screen

/// Draws the webhook form in the page area like the agent form: labels on
/// the left, a field's message under it, the events as a checklist, a note
/// when the signing secret's name isn't defined, the notice line at the bottom.
enum WebhookFormRenderer {
    static let labelWidth = 18

    /// What each event is, beside its tick box.
    static func summary(_ event: WebhookEventType) -> String {
        switch event {
        case .callConnected: return "the call starts"
        case .callEnded: return "the call ends"
        case .callDidNotConnect: return "a call could not be placed"
        case .message: return "each transcript line"
        case .action: return "each action request and its answer"
        case .transcript: return "the whole transcript, after call_ended"
        case .error: return "each failed action"
        case .test: return "sent by t, not subscribed to"
        }
    }

    private enum Row {
        case blank
        case field(WebhookFormField)
        case event(Int)
        case error(String)
        case note(String)
    }

    static func render(_ form: WebhookFormState, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard let frame = FormFrame.draw(title: form.title, what: "webhook", isDirty: form.isDirty, message: form.notice,
                                         labelWidth: Self.labelWidth, in: rect, &buffer) else { return }
        let (inner, valueX, valueWidth) = (frame.inner, frame.valueX, frame.valueWidth)

        var rows: [Row] = [.blank]
        for field in WebhookFormState.fieldOrder {
            if field == .events {
                rows += WebhookEventType.subscribable.indices.map(Row.event)
            } else {
                rows.append(.field(field))
            }
            if let problem = form.errors[field] {
                for line in ActionEditorState.messageLines(problem, width: valueWidth) { rows.append(.error(line)) }
            } else if field == .secret, let note = form.secretNote {
                // A warning, not an error (✗): the webhook can be saved before the secret is defined.
                let lines = ActionEditorState.wrap(note, width: max(1, valueWidth - 2))
                for (i, line) in lines.enumerated() { rows.append(.note((i == 0 ? "! " : "  ") + line)) }
            }
        }
        let bottom = inner.maxY - 1  // the notice line
        var y = inner.y
        for row in rows where y < bottom {
            switch row {
            case .blank:
                break
            case let .error(line):
                buffer.put(line, x: valueX, y: y, style: .error, maxX: inner.maxX - 1)
            case let .note(line):
                buffer.put(line, x: valueX, y: y, style: .warning, maxX: inner.maxX - 1)
            case let .event(index):
                if index == 0 { drawLabel(.events, form, frame, y: y, &buffer) }
                drawEvent(index, form, x: valueX, y: y, maxX: inner.maxX - 1, &buffer)
            case let .field(field):
                drawLabel(field, form, frame, y: y, &buffer)
                drawValue(field, form, x: valueX, y: y, width: valueWidth, &buffer)
            }
            y += 1
        }
        form.drawQuestion(in: rect, &buffer)
    }

    private static func drawLabel(_ field: WebhookFormField, _ form: WebhookFormState, _ frame: FormFrame, y: Int,
                                  _ buffer: inout ScreenBuffer) {
        frame.drawLabel(field.label, focused: field == form.focus, hasProblem: form.errors[field] != nil, y: y, &buffer)
    }

    private static func drawValue(_ field: WebhookFormField, _ form: WebhookFormState, x: Int, y: Int, width: Int,
                                  _ buffer: inout ScreenBuffer) {
        let focused = field == form.focus && form.question == nil
        switch field {
        case .label, .url, .secret:
            let text = field == .label ? form.label : field == .url ? form.url : form.secret
            FormFrame.drawText(text, placeholder: field.placeholder, focused: focused, x: x, y: y, width: width, &buffer)
        case .enabled:
            let box = form.isEnabled ? "[x] enabled" : "[ ] disabled: gets no new deliveries"
            let after = buffer.put(box, x: x, y: y, style: focused ? Style(.accent, bold: true) : .text, maxX: x + width)
            if focused, after + 18 <= x + width { buffer.put("  Space changes", x: after, y: y, style: .muted) }
        case .events:
            break
        }
    }

    /// One row of the events checklist.
    private static func drawEvent(_ index: Int, _ form: WebhookFormState, x: Int, y: Int, maxX: Int, _ buffer: inout ScreenBuffer) {
        let event = WebhookEventType.subscribable[index]
        let atCursor = form.focus == .events && index == form.eventCursor
        let focused = atCursor && form.question == nil
        let style: Style = atCursor ? Style(.selection, bold: focused) : .text
        if atCursor { buffer.fill(x: x - 2, y: y, width: maxX - x + 2, height: 1, style: style) }
        if atCursor { buffer.put("›", x: x - 2, y: y, style: style) }
        let box = form.events.contains(event) ? "[x] " : "[ ] "
        let after = buffer.put(box + TextWidth.fit(event.rawValue, to: 21), x: x, y: y, style: style, maxX: maxX)
        buffer.put(TextWidth.truncate(summary(event), to: max(0, maxX - after)), x: after, y: y, style: atCursor ? style : .muted, maxX: maxX)
    }

    // MARK: Keys

    static func hints(_ form: WebhookFormState) -> [KeyHint] { form.keyHints }

    static let helpSections = WebhookFormState.helpSections(noun: "webhook")
}
