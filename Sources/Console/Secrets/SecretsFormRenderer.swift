import Screen

/// Draws a Secrets page form as a dialog. The value of a secret is drawn as
/// one bullet per character: never its text, not even while typing.
enum SecretsFormRenderer {
    static func draw(_ form: SecretsForm, _ state: ConsoleState, _ buffer: inout ScreenBuffer) {
        let area = Renderer.dialogArea(state)
        let width = min(area.width - 4, 76)
        let labelWidth = 15
        let valueWidth = max(8, width - 6 - labelWidth)
        var lines: [(field: SecretsForm.Field?, text: String)] = []
        for field in form.fields {
            lines.append((field, ""))
            if let error = form.errors[field] {
                for line in ActionEditorState.messageLines(error, width: valueWidth) { lines.append((nil, line)) }
            }
        }
        let notes = noteLines(form, width: width - 6)
        let messageLines = form.message.map { ActionEditorState.messageLines($0, width: width - 6) } ?? []
        let height = min(area.height, lines.count + notes.count + messageLines.count + 6)
        let rect = area.centered(width: width, height: height)
        Renderer.drawDialogFrame(rect, title: form.title, &buffer)
        buffer.cursor = nil
        let left = rect.x + 3, valueX = left + labelWidth, maxX = rect.maxX - 3
        var y = rect.y + 2
        for note in notes where y < rect.maxY - 2 {
            buffer.put(note, x: left, y: y, style: .muted, maxX: maxX)
            y += 1
        }
        if !notes.isEmpty { y += 1 }
        for line in lines where y < rect.maxY - 2 {
            defer { y += 1 }
            guard let field = line.field else {
                buffer.put(line.text, x: valueX, y: y, style: .error, maxX: maxX)
                continue
            }
            let focused = field == form.focus
            if focused { buffer.put("›", x: left - 2, y: y, style: Style(.accent, bold: true)) }
            buffer.put(form.label(field), x: left, y: y, style: focused ? Style(.accent, bold: true) : (form.errors[field] != nil ? .error : Style(.dialog)),
                       maxX: valueX - 1)
            drawValue(field, of: form, focused: focused, x: valueX, y: y, maxX: maxX, &buffer)
        }
        for line in messageLines where y < rect.maxY - 2 {
            buffer.put(line, x: left, y: y, style: .error, maxX: maxX)
            y += 1
        }
        let choices = "Ctrl-S save · Esc cancel"
        buffer.put(choices, x: rect.maxX - 3 - TextWidth.of(choices), y: rect.maxY - 2, style: Style(.keyHint, bold: true))
    }

    /// What the form is about, above its fields.
    static func noteLines(_ form: SecretsForm, width: Int) -> [String] {
        var text: String
        switch form.kind {
        case .newSecret: text = "Used as {{secret.NAME}} in URLs, headers and the signature secret. The value is never shown."
        case let .setValue(_, source?):
            text = "It comes from $\(source) now; a value set here is kept in the secrets file (mode 0600) instead."
        case .setValue: text = "Kept in the secrets file beside the store (mode 0600). What you type is not shown."
        case .newEnvironment: text = "e.g. dev, staging or production: its variables fill {{env.NAME}}."
        case .variable: text = "Variables are not secret: they are shown in lists. Keys belong in secrets."
        }
        return ActionEditorState.wrap(text, width: width)
    }

    static func drawValue(_ field: SecretsForm.Field, of form: SecretsForm, focused: Bool, x: Int, y: Int, maxX: Int,
                          _ buffer: inout ScreenBuffer) {
        let width = max(1, maxX - x)
        switch field {
        case .source:
            drawChoice(["typed here", "environment variable"], selected: form.fromEnvironmentVariable ? 1 : 0, focused: focused,
                       x: x, y: y, maxX: maxX, &buffer)
        case .scope:
            drawChoice(["every environment", "only \(form.activeEnvironment ?? "")"], selected: form.onlyActiveEnvironment ? 1 : 0,
                       focused: focused, x: x, y: y, maxX: maxX, &buffer)
        case .value:
            // One bullet per character, the cursor where it is: the text itself is never drawn.
            let bullets = TextField(String(repeating: "•", count: form.value.text.count))
            var shown = bullets
            shown.handle(.home)
            for _ in 0..<form.value.cursor { shown.handle(.right) }
            draw(shown, placeholder: "not shown as you type", focused: focused, x: x, y: y, width: width, &buffer)
        case .name:
            draw(form.name, placeholder: form.kind == .newEnvironment ? "e.g. staging" : "e.g. API_KEY", focused: focused,
                 x: x, y: y, width: width, &buffer)
        case .environmentVariable:
            draw(form.environmentVariable, placeholder: "e.g. CI_TOKEN (read when a call runs)", focused: focused,
                 x: x, y: y, width: width, &buffer)
        case .variableValue:
            draw(form.variableValue, placeholder: "e.g. https://staging.api.example.com", focused: focused,
                 x: x, y: y, width: width, &buffer)
        }
    }

    static func draw(_ field: TextField, placeholder: String, focused: Bool, x: Int, y: Int, width: Int, _ buffer: inout ScreenBuffer) {
        let cursorX = field.draw(into: &buffer, x: x, y: y, width: width)
        if field.text.isEmpty { buffer.putPlaceholder(placeholder, x: x, y: y, maxX: x + width) }
        if focused { buffer.cursor = (cursorX, y) }
    }

    static func drawChoice(_ options: [String], selected: Int, focused: Bool, x: Int, y: Int, maxX: Int, _ buffer: inout ScreenBuffer) {
        var column = x
        for (index, option) in options.enumerated() {
            if index > 0 { column = buffer.put(" ", x: column, y: y, maxX: maxX) }
            let chosen = index == selected
            column = buffer.put(chosen ? "[" + option + "]" : " " + option + " ", x: column, y: y,
                                style: chosen ? (focused ? Style(.accent, bold: true) : Style(.dialog)) : .muted, maxX: maxX)
        }
    }
}
