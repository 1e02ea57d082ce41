import ActionModel
import Platforms
import Screen

// Drawing the editor: the form, the property list and form, the JSON panel and
// the dialogs. Pure functions of the state into a ScreenBuffer.

/// One line of the form as laid out before scrolling.
private enum FormRow {
    case blank
    case field(EditorField, labelled: Bool)
    /// A line of a field's message (wrapped).
    case error(EditorField, String)
    /// A line of a field's warning: an undefined reference (wrapped).
    case warning(EditorField, String)
}

extension ActionEditorState {
    static let labelWidth = 18
    static let mask = "••••••••"

    public func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        buffer.cursor = nil
        guard rect.width >= 20, rect.height >= 6 else {
            buffer.put(TextWidth.truncate("Too small for the editor", to: rect.width), x: rect.x, y: rect.y, style: .warning)
            return
        }
        let wide = rect.width >= Self.sidePanelMinimumWidth
        let panelWidth = min(52, rect.width * 2 / 5)
        switch screen {
        case .form:
            if kind == .customInput, wide, !showsPanel {
                let (main, side) = rect.splitLeft(rect.width - panelWidth)
                renderForm(into: &buffer, in: main)
                renderPanel(into: &buffer, in: side)
            } else {
                renderForm(into: &buffer, in: rect)
            }
        case .schema:
            var main = rect
            if wide != showsPanel {
                if wide {
                    let (left, side) = rect.splitLeft(rect.width - panelWidth)
                    main = left
                    renderPanel(into: &buffer, in: side)
                    renderSchemaList(into: &buffer, in: main)
                } else {
                    renderPanel(into: &buffer, in: rect)
                }
            } else {
                renderSchemaList(into: &buffer, in: main)
            }
            if let propertyForm { renderPropertyForm(propertyForm, into: &buffer, over: main) }
        }
        if let prompt {
            buffer.cursor = nil
            renderPrompt(prompt, into: &buffer, in: rect)
        }
        // The cursor only ever sits on a field that is drawn.
        if let cursor = buffer.cursor, !(rect.x..<rect.maxX).contains(cursor.x) || !(rect.y..<rect.maxY).contains(cursor.y) {
            buffer.cursor = nil
        }
    }

    // MARK: Frame

    /// The box around a page, with the dirty marker in its top edge and the
    /// notice line at its bottom. Returns the inside.
    private func frame(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String) -> Rect {
        buffer.box(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: Style(.focusBorder), title: title)
        if isDirty, rect.width > TextWidth.of(title) + 22 {
            let marker = " ● unsaved "
            buffer.put(marker, x: rect.maxX - 2 - TextWidth.of(marker), y: rect.y, style: .warning)
        }
        let inner = rect.inset(by: 1)
        if let message = message ?? changedElsewhereNotice {
            let style: Style = message.hasPrefix("Not saved") || message.hasPrefix("Not sent") ? .error : .accent
            buffer.put(TextWidth.truncate(message, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: style)
        }
        return inner
    }

    // MARK: The configuration form

    private func formRows(valueWidth: Int, warnings: [EditorField: String]) -> [FormRow] {
        var rows: [FormRow] = [.blank]
        var headerLabelled = false
        var previous: EditorField?
        for field in values.fieldOrder {
            var labelled = true
            if field.isHeader || field == .addHeader {
                labelled = !headerLabelled
                headerLabelled = true
            }
            // A gap after the name block, and before the Input Schema.
            if previous == .description || field == .inputSchema { rows.append(.blank) }
            rows.append(.field(field, labelled: labelled))
            if let problem = errors[field] {
                for line in Self.messageLines(problem, width: valueWidth) { rows.append(.error(field, line)) }
            } else if let warning = warnings[field] {
                for line in Self.messageLines(warning, width: valueWidth, mark: "⚠ ") { rows.append(.warning(field, line)) }
            }
            previous = field
        }
        return rows
    }

    private func renderForm(into buffer: inout ScreenBuffer, in rect: Rect) {
        let inner = frame(&buffer, rect, title: title)
        let labelX = inner.x + 3
        // Labels give way on a very narrow screen, so values keep some room.
        let labelWidth = min(Self.labelWidth, max(4, (inner.width - 4) / 2))
        let valueX = labelX + labelWidth
        let valueWidth = max(1, inner.maxX - 1 - valueX)
        let rows = formRows(valueWidth: valueWidth, warnings: templateWarnings)
        let visible = max(1, inner.height - 1)  // the last line is for notices
        var focusEnd = 0
        for (offset, row) in rows.enumerated() {
            switch row {
            case let .field(field, _) where field == focus: focusEnd = offset
            case let .error(field, _) where field == focus: focusEnd = offset
            case let .warning(field, _) where field == focus: focusEnd = offset
            default: break
            }
        }
        let scroll = focusEnd >= visible ? focusEnd - visible + 1 : 0
        if scroll > 0 { buffer.put("▲", x: inner.maxX - 1, y: inner.y, style: .muted) }
        if rows.count - scroll > visible { buffer.put("▼", x: inner.maxX - 1, y: inner.y + visible - 1, style: .muted) }
        for (offset, row) in rows.enumerated().dropFirst(scroll).prefix(visible) {
            let y = inner.y + offset - scroll
            switch row {
            case .blank:
                continue
            case let .error(_, line):
                buffer.put(line, x: valueX, y: y, style: .error, maxX: inner.maxX - 1)
            case let .warning(_, line):
                buffer.put(line, x: valueX, y: y, style: .warning, maxX: inner.maxX - 1)
            case let .field(field, labelled):
                let focused = field == focus && propertyForm == nil && prompt == nil
                if field == focus { buffer.put("›", x: inner.x + 1, y: y, style: Style(.accent, bold: true)) }
                if labelled {
                    let style = field == focus ? Style(.accent, bold: true) : (errors[field] != nil ? Style.error : Style.text)
                    buffer.put(TextWidth.truncate(field.label, to: labelWidth - 1), x: labelX, y: y, style: style)
                }
                drawValue(of: field, focused: focused, into: &buffer, x: valueX, y: y, width: valueWidth)
            }
        }
    }

    private func drawValue(of field: EditorField, focused: Bool, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) {
        let maxX = x + width
        switch field {
        case .trigger:
            drawPicker(["Function call", "Phrases"], selected: values.usesPhrases ? 1 : 0, focused: focused,
                       into: &buffer, x: x, y: y, maxX: maxX)
        case .platform:
            // The lint for the chosen platform, in one line (F3 shows it in full beside the
            // definition); the picker narrows to leave it room.
            let findings = Self.platformFindings(for: draftAction, format: PlatformFormat(values.platform))
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            let lint = findings.isEmpty ? "  ✓ fits \(values.platform.title)" : "  " + parts.joined(separator: ", ") + " (F3)"
            let lintStyle: Style = findings.isEmpty ? .success : (errors > 0 ? .error : .warning)
            let end = drawPicker(ActionPlatform.allCases.map(\.rawValue), selected: ActionPlatform.allCases.firstIndex(of: values.platform) ?? 0,
                                 focused: focused, into: &buffer, x: x, y: y, maxX: max(x + 1, maxX - TextWidth.of(lint)))
            Self.putIfFits(lint, into: &buffer, x: end, y: y, maxX: maxX, style: lintStyle)
        case .bodyFormat:
            // Labelled by what each sends, not by the format's internal name.
            let end = drawPicker(["{call_id, payload}", "fields only"], selected: values.bodyFormat == .fluents ? 0 : 1,
                                 focused: focused, into: &buffer, x: x, y: y, maxX: maxX)
            // On Vapi, ElevenLabs and Bland the platform decides the body; Retell's envelope differs from
            // Fluents' (`actions show` spells each out: PlatformRequest.bodyShape).
            let hint: String
            switch values.platform {
            case .fluents: hint = values.bodyFormat == .fluents ? "as Fluents sends it" : "the fields are the body"
            case .retell: hint = values.bodyFormat == .fluents ? "{name, call, args}" : "the fields are the body"
            case .vapi, .elevenlabs, .bland: hint = "not used on \(values.platform.title)"
            }
            Self.putIfFits("  " + hint, into: &buffer, x: end, y: y, maxX: maxX)
        case .asksOptionalFields, .readsBack:
            // yes / no, then what it means (the row says what Space and ⏎ change).
            let on = field == .asksOptionalFields ? values.asksOptionalFields : values.readsBack
            let end = buffer.put(on ? "[yes]" : "[no]", x: x, y: y, style: focused ? Style(.accent, bold: true) : .text, maxX: maxX)
            let meaning = field == .asksOptionalFields
                ? "ask optional fields once before sending"
                : "read the values back before sending"
            Self.putIfFits("  " + meaning, into: &buffer, x: end, y: y, maxX: maxX)
        case .addHeader:
            let text = values.headers.isEmpty ? "+ add header, e.g. Authorization: Bearer …" : "+ add header"
            buffer.put(text, x: x, y: y, style: focused ? Style(.accent, bold: true) : .muted, maxX: maxX)
        case .inputSchema:
            let end = buffer.put(Self.schemaSummary(values.schema), x: x, y: y, style: focused ? Style(.accent, bold: true) : .text, maxX: maxX)
            Self.putIfFits("  Enter: edit properties ›", into: &buffer, x: end, y: y, maxX: maxX)
        default:
            guard let field0 = values[text: field] else { return }
            // Headers follow the one masking rule: only a sensitive header's literal value hides.
            let secret = field == .signatureSecret
                || (field.isHeader && FormValues.parseHeader(field0.text).map(SecretMasker.standard.isSecret) == true)
            var shown = field0
            if secret, !revealSecrets { shown = Self.masked(field0, headerLine: field.isHeader) }
            var fieldWidth = width
            var suffix: String?
            if field == .functionName, !functionNameEdited, !field0.text.isEmpty { suffix = "from the name" }
            if field == .signatureSecret, focused { suffix = revealSecrets ? "^R hide" : "^R reveal" }
            if field.isHeader, focused, !revealSecrets, secret { suffix = "^R reveal" }
            if let suffix, width > TextWidth.of(suffix) + 12 {
                fieldWidth = width - TextWidth.of(suffix) - 2
                buffer.put(suffix, x: maxX - TextWidth.of(suffix), y: y, style: .muted)
            }
            if focused {
                let cursorX = shown.draw(into: &buffer, x: x, y: y, width: fieldWidth)
                if field0.text.isEmpty {
                    buffer.putPlaceholder(field.placeholder(for: kind), x: x, y: y, maxX: x + fieldWidth)
                }
                buffer.cursor = (cursorX, y)
            } else if field0.text.isEmpty {
                buffer.putPlaceholder(field.placeholder(for: kind), x: x, y: y, maxX: x + fieldWidth)
            } else {
                var text = shown.text
                if secret, !revealSecrets {
                    // Unfocused, a secret shows a fixed mask: not even its length.
                    if field == .signatureSecret { text = Self.mask }
                    else if let header = FormValues.parseHeader(field0.text) { text = header.name + ": " + Self.mask }
                }
                buffer.put(TextWidth.truncate(text, to: fieldWidth), x: x, y: y, style: .text)
            }
        }
    }

    /// A copy of a field with its secret part drawn as bullets, cursor kept.
    static func masked(_ field: TextField, headerLine: Bool) -> TextField {
        var characters = Array(field.text)
        var start = 0
        if headerLine {
            guard let colon = characters.firstIndex(of: ":") else { return field }
            start = colon + 1
            while start < characters.count, characters[start] == " " { start += 1 }
        }
        for index in start..<characters.count { characters[index] = "•" }
        var copy = TextField(String(characters))
        copy.handle(.home)
        for _ in 0..<field.cursor { copy.handle(.right) }
        return copy
    }

    /// `[selected]  other  other`, or `‹ [selected] ›` when the options don't
    /// all fit, so the chosen one is always seen; returns the x after it.
    @discardableResult
    func drawPicker(_ options: [String], selected: Int, focused: Bool, into buffer: inout ScreenBuffer, x: Int, y: Int, maxX: Int) -> Int {
        var column = x
        let fullWidth = options.reduce(0) { $0 + TextWidth.of($1) + 2 } + max(0, options.count - 1)
        if fullWidth > maxX - x, options.indices.contains(selected) {
            column = buffer.put("‹ ", x: column, y: y, style: .muted, maxX: maxX)
            column = buffer.put("[" + options[selected] + "]", x: column, y: y, style: focused ? Style(.accent, bold: true) : .text, maxX: maxX)
            return buffer.put(" ›", x: column, y: y, style: .muted, maxX: maxX)
        }
        for (index, option) in options.enumerated() {
            if index > 0 { column = buffer.put(" ", x: column, y: y, maxX: maxX) }
            if index == selected {
                column = buffer.put("[" + option + "]", x: column, y: y, style: focused ? Style(.accent, bold: true) : .text, maxX: maxX)
            } else {
                column = buffer.put(" " + option + " ", x: column, y: y, style: .muted, maxX: maxX)
            }
        }
        return column
    }

    static func schemaSummary(_ schema: InputSchema) -> String {
        let count = schema.properties.count
        if count == 0 { return "no properties" }
        let required = schema.properties.filter(\.isRequired).count
        return "\(count) \(count == 1 ? "property" : "properties") (\(required) required)"
    }

    /// A field's message as lines under it: `✗ ` then the text, wrapped and indented.
    static func messageLines(_ message: String, width: Int, mark: String = "✗ ") -> [String] {
        wrap(message, width: max(1, width - 2)).enumerated().map { ($0.offset == 0 ? mark : "  ") + $0.element }
    }

    /// Writes a hint only when it fits whole.
    static func putIfFits(_ text: String, into buffer: inout ScreenBuffer, x: Int, y: Int, maxX: Int, style: Style = .muted) {
        if x + TextWidth.of(text) <= maxX { buffer.put(text, x: x, y: y, style: style) }
    }

    /// Word-wraps `text` to `width` cells (long words are cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            var word = word
            let candidate = line.isEmpty ? word : line + " " + word
            if TextWidth.of(candidate) <= width { line = candidate; continue }
            if !line.isEmpty { lines.append(line); line = "" }
            while TextWidth.of(word) > width {
                var head = ""
                for character in word {
                    // At least one character per line, so a wide one in a narrow column can't loop.
                    if !head.isEmpty, TextWidth.of(head) + TextWidth.of(character) > width { break }
                    head.append(character)
                }
                lines.append(head)
                word = String(word.dropFirst(head.count))
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    // MARK: The property list

    private func renderSchemaList(into buffer: inout ScreenBuffer, in rect: Rect) {
        let name = values.name.text.trimmingCharacters(in: .whitespaces)
        let inner = frame(&buffer, rect, title: "Input Schema · " + (name.isEmpty ? "new action" : name))
        let properties = schema.properties
        let x = inner.x + 1
        let width = inner.width - 2
        let nameWidth = min(22, max(10, width / 4))
        let typeWidth = 9, requiredWidth = 5
        let descriptionX = x + 2 + nameWidth + typeWidth + requiredWidth
        let header = "  " + TextWidth.fit("Name", to: nameWidth) + TextWidth.fit("Type", to: typeWidth)
            + TextWidth.fit("Req", to: requiredWidth) + "Description"
        buffer.put(header, x: x, y: inner.y + 1, style: Style(.header, bold: true), maxX: inner.maxX - 1)
        let top = inner.y + 2
        let visible = max(1, inner.height - 5)  // header, gap, summary, notice
        if properties.isEmpty {
            buffer.put("No properties yet. Press a to add what the agent should collect,", x: x + 2, y: top + 1, style: .muted, maxX: inner.maxX - 1)
            buffer.put("e.g. email (string, required) or issue (string).", x: x + 2, y: top + 2, style: .muted, maxX: inner.maxX - 1)
        }
        let scroll = schemaSelection >= visible ? schemaSelection - visible + 1 : 0
        for (index, property) in properties.enumerated().dropFirst(scroll).prefix(visible) {
            let y = top + index - scroll
            let selected = index == schemaSelection
            buffer.put(selected ? "›" : " ", x: x, y: y, style: Style(.accent, bold: true))
            let nameProblem = SchemaProperty.nameProblem(property.name) != nil
            buffer.put(TextWidth.fit(property.name, to: nameWidth - 1), x: x + 2, y: y, style: nameProblem ? .error : .text)
            buffer.put(property.typeLabel, x: x + 2 + nameWidth, y: y, style: .accent)
            buffer.put(property.isRequired ? " ✓" : "", x: x + 2 + nameWidth + typeWidth, y: y, style: .success)
            let description = property.description.isEmpty ? "—" : property.description
            buffer.put(TextWidth.truncate(description, to: inner.maxX - 1 - descriptionX), x: descriptionX, y: y,
                       style: property.description.isEmpty ? .muted : .text)
            if selected, propertyForm == nil, prompt == nil {
                buffer.restyle(x: x, y: y, width: width, style: .selection)
            }
        }
        var summary = Self.schemaSummary(schema)
        if let problem = schema.issues.first { summary += " · " + problem }
        buffer.put(TextWidth.truncate(summary, to: width), x: x, y: inner.maxY - 2,
                   style: schema.issues.isEmpty ? .muted : .error)
    }

    // MARK: The property form

    private func renderPropertyForm(_ form: PropertyForm, into buffer: inout ScreenBuffer, over area: Rect) {
        let width = min(area.width - 4, 74)
        let labelWidth = min(13, max(4, (width - 6) / 2))
        let valueWidth = max(1, width - 5 - labelWidth - 1)
        var rows: [(PropertyFormField?, String?)] = []  // a field, or a message line
        for field in form.fieldOrder {
            rows.append((field, nil))
            if let problem = form.errors[field] {
                for line in Self.messageLines(problem, width: valueWidth) { rows.append((nil, line)) }
            }
        }
        let kept = form.fieldOrder.contains(.defaultValue) == false ? form.original.extraKeywords.keys
            : form.original.extraKeywords.keys.filter { !PropertyForm.ownKeywords.contains($0) }
        let keptLine = kept.isEmpty ? nil : "Also kept as imported: " + kept.joined(separator: ", ")
        let height = min(area.height - 2, rows.count + 4 + (keptLine == nil ? 0 : 1))
        let dialog = area.centered(width: width, height: height)
        Self.clearAround(dialog, within: area, into: &buffer)
        buffer.fill(x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height, style: Style(.dialog))
        let title = form.index == nil ? "Add property" : "Edit property '\(form.original.name)'"
        buffer.box(x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height, style: Style(.focusBorder), title: title)
        let labelX = dialog.x + 4
        let valueX = labelX + labelWidth
        let maxX = valueX + valueWidth
        let focusIndex = rows.firstIndex { $0.0 == form.focus } ?? 0
        let visible = max(1, dialog.height - 4 - (keptLine == nil ? 0 : 1))
        let scroll = focusIndex >= visible ? focusIndex - visible + 1 : 0
        for (offset, row) in rows.enumerated().dropFirst(scroll).prefix(visible) {
            let y = dialog.y + 2 + offset - scroll
            guard let field = row.0 else {
                buffer.put(row.1 ?? "", x: valueX, y: y, style: .error, maxX: maxX)
                continue
            }
            let focused = field == form.focus && prompt == nil
            if field == form.focus { buffer.put("›", x: dialog.x + 2, y: y, style: Style(.accent, bold: true)) }
            let labelStyle = field == form.focus ? Style(.accent, bold: true) : (form.errors[field] != nil ? Style.error : Style.text)
            buffer.put(TextWidth.truncate(field.label, to: labelWidth - 1), x: labelX, y: y, style: labelStyle)
            switch field {
            case .type:
                if case let .imported(type) = form.choice {
                    buffer.put("[\(type.rawValue)]", x: valueX, y: y, style: .text, maxX: maxX)
                    buffer.put("  imported, kept as it is", x: valueX + type.rawValue.count + 2, y: y, style: .muted, maxX: maxX)
                } else {
                    let offered = PropertyChoice.offered
                    drawPicker(offered.map(\.label), selected: offered.firstIndex(of: form.choice) ?? 0, focused: focused,
                               into: &buffer, x: valueX, y: y, maxX: maxX)
                }
            case .required:
                buffer.put(form.isRequired ? "[✓] required" : "[ ] optional", x: valueX, y: y,
                           style: focused ? Style(.accent, bold: true) : .text, maxX: maxX)
                if focused { buffer.put("  Space toggles", x: valueX + 12, y: y, style: .muted, maxX: maxX) }
            case .format:
                let formats = ["none"] + StringFormat.allCases.map(\.rawValue)
                let selected = form.format.map { formats.firstIndex(of: $0.rawValue) ?? 0 } ?? 0
                drawPicker(formats, selected: selected, focused: focused, into: &buffer, x: valueX, y: y, maxX: maxX)
            default:
                guard let text = form[text: field] else { continue }
                if focused {
                    let cursorX = text.draw(into: &buffer, x: valueX, y: y, width: valueWidth)
                    if text.text.isEmpty { buffer.putPlaceholder(field.placeholder, x: valueX, y: y, maxX: maxX) }
                    buffer.cursor = (cursorX, y)
                } else if text.text.isEmpty {
                    buffer.putPlaceholder(field.placeholder, x: valueX, y: y, maxX: maxX)
                } else {
                    buffer.put(TextWidth.truncate(text.text, to: valueWidth), x: valueX, y: y, style: .text)
                }
            }
        }
        if let keptLine {
            buffer.put(TextWidth.truncate(keptLine, to: dialog.width - 6), x: labelX, y: dialog.maxY - 2, style: .muted)
        }
    }

    // MARK: The JSON side panel

    private func renderPanel(into buffer: inout ScreenBuffer, in rect: Rect) {
        let format = previewFormat
        buffer.box(x: rect.x, y: rect.y, width: rect.width, height: rect.height,
                   title: format == .openai ? "OpenAI tool · live" : "\(format.title) tool · live · F3")
        let inner = rect.inset(by: 1)
        guard inner.height > 2, inner.width > 4 else { return }
        let action = draftAction
        let lines = Self.previewJSON(for: action, format: format).prettyText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var noteLines: [(String, Style)] = []
        if format == .openai {
            let notes = Self.strictLintNotes(for: action)
            if notes.isEmpty {
                noteLines = [("✓ ready for strict mode", .success)]
            } else {
                for note in notes {
                    for (index, line) in Self.wrap(note, width: inner.width - 3).enumerated() {
                        noteLines.append(((index == 0 ? "• " : "  ") + line, .warning))
                    }
                }
            }
        } else {
            let findings = Self.platformFindings(for: action, format: format)
            if findings.isEmpty { noteLines = [("✓ nothing \(format.title) would refuse", .success)] }
            for finding in findings {
                for (index, line) in Self.wrap("\(finding.severity.rawValue): \(finding.message)", width: inner.width - 3).enumerated() {
                    noteLines.append(((index == 0 ? "• " : "  ") + line, finding.severity == .error ? .error : .warning))
                }
            }
        }
        let notesHeight = min(noteLines.count + 1, inner.height / 2)
        let jsonHeight = inner.height - notesHeight
        let scroll = min(panelScroll, max(0, lines.count - jsonHeight))
        for (offset, line) in lines.dropFirst(scroll).prefix(jsonHeight).enumerated() {
            buffer.put(TextWidth.truncate(line, to: inner.width - 2), x: inner.x + 1, y: inner.y + offset)
        }
        if lines.count > jsonHeight {
            let position = " \(scroll + 1)-\(min(lines.count, scroll + jsonHeight))/\(lines.count) PgUp/PgDn "
            buffer.put(position, x: rect.maxX - 1 - TextWidth.of(position) - 1, y: rect.maxY - 1, style: .muted)
        }
        let notesY = inner.y + jsonHeight
        let heading = format == .openai ? "─ Strict mode " : "─ \(format.title) lint "
        buffer.put(heading + String(repeating: "─", count: max(0, inner.width - TextWidth.of(heading))), x: inner.x, y: notesY, style: .border)
        for (offset, note) in noteLines.prefix(notesHeight - 1).enumerated() {
            buffer.put(note.0, x: inner.x + 1, y: notesY + 1 + offset, style: note.1, maxX: inner.maxX)
        }
    }

    // MARK: Dialogs

    private func renderPrompt(_ prompt: EditorPrompt, into buffer: inout ScreenBuffer, in rect: Rect) {
        let editedName = original?.name ?? values.name.text
        var title: String
        var body: [(String, Style)]
        switch prompt {
        case .discard:
            title = "Unsaved changes"
            body = [("Discard unsaved changes? y/N", .text)]
        case let .removeProperty(index):
            title = "Remove property"
            let name = schema.properties.indices.contains(index) ? schema.properties[index].name : "?"
            body = [("Remove property '\(name)'? y/N", .text)]
        case let .conflict(current):
            title = "Changed elsewhere"
            if let current {
                body = Self.wrap("'\(editedName)' was changed elsewhere (version \(current.version)).", width: min(56, rect.width - 8))
                    .map { ($0, Style.text) }
                body += [("", .text), ("[o] Overwrite with mine", .accent), ("[r] Reload theirs (discard mine)", .accent),
                         ("[Esc] Keep editing", .accent)]
            } else {
                title = "Deleted elsewhere"
                body = Self.wrap("'\(editedName)' was deleted elsewhere.", width: min(56, rect.width - 8)).map { ($0, Style.text) }
                body += [("", .text), ("[s] Save as new", .accent), ("[Esc] Keep editing", .accent)]
            }
        }
        let contentWidth = body.map { TextWidth.of($0.0) }.max() ?? 0
        let width = min(rect.width, max(contentWidth, TextWidth.of(title) + 4) + 6)
        let height = min(rect.height, body.count + 4)
        let dialog = rect.centered(width: width, height: height)
        Self.clearAround(dialog, within: rect, into: &buffer)
        buffer.fill(x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height, style: Style(.dialog))
        buffer.box(x: dialog.x, y: dialog.y, width: dialog.width, height: dialog.height, style: Style(.focusBorder), title: title)
        for (offset, line) in body.enumerated() where offset < dialog.height - 4 {
            buffer.put(line.0, x: dialog.x + 3, y: dialog.y + 2 + offset, style: line.1, maxX: dialog.maxX - 1)
        }
    }

    /// Blanks a column either side of a dialog so text behind it does not touch its frame.
    static func clearAround(_ dialog: Rect, within area: Rect, into buffer: inout ScreenBuffer) {
        let x0 = max(area.x, dialog.x - 1), x1 = min(area.maxX, dialog.maxX + 1)
        buffer.fill(x: x0, y: dialog.y, width: x1 - x0, height: dialog.height)
    }
}
