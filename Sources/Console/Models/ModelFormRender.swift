import ActionModel
import Screen

/// Draws the model form the way the agent and webhook forms are drawn:
/// labels on the left, a field's problem under it, the notice line at the
/// bottom, headers and query items a line each.
enum ModelFormRenderer {
    static let labelWidth = 14

    /// Lines given to the headers and the query fields.
    static func multilineRows(_ height: Int) -> Int { height >= 30 ? 3 : 2 }

    static func render(_ form: ModelFormState, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard let frame = FormFrame.draw(title: form.title, what: "model", isDirty: form.isDirty, message: form.notice,
                                         labelWidth: Self.labelWidth, in: rect, &buffer) else { return }
        let inner = frame.inner
        let bottom = inner.maxY - 1  // the notice line
        let multiline = multilineRows(rect.height)
        var y = inner.y + 1
        for field in ModelFormField.allCases where y < bottom {
            let focused = field == form.focus && form.question == nil
            frame.drawLabel(field.label, focused: field == form.focus, hasProblem: form.errors[field] != nil, y: y, &buffer)
            let rows = field.isMultiline ? min(multiline, bottom - y) : 1
            let value = form.fields[field] ?? TextField()
            if field.isMultiline {
                if let cursor = TextArea.draw(value, into: &buffer, x: frame.valueX, y: y, width: frame.valueWidth, rows: rows,
                                              focused: focused, placeholder: field.placeholder) {
                    buffer.cursor = cursor
                }
            } else {
                FormFrame.drawText(value, placeholder: field.placeholder, focused: focused, x: frame.valueX, y: y, width: frame.valueWidth,
                                   &buffer)
            }
            y += rows
            if let problem = form.errors[field] {
                for line in ActionEditorState.messageLines(problem, width: frame.valueWidth) where y < bottom {
                    buffer.put(line, x: frame.valueX, y: y, style: .error, maxX: inner.maxX - 1)
                    y += 1
                }
            }
        }
        form.drawQuestion(in: rect, &buffer)
    }

    // MARK: Keys

    static func hints(_ form: ModelFormState) -> [KeyHint] { form.keyHints }

    static let helpSections = ModelFormState.helpSections(noun: "model")
}
