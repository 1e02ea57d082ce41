import Screen

/// The frame every record form (agent, webhook, model) draws the same: the
/// box with its title, "● unsaved" while changed, the notice line at the
/// bottom ("Not saved: …" in red), where labels and values go, and how a
/// label and a one-line text value look.
struct FormFrame {
    let inner: Rect
    let labelX: Int
    let labelWidth: Int
    let valueX: Int
    let valueWidth: Int

    /// Draws the frame; nil (with a note) when `rect` is too small for a form.
    static func draw(title: String, what: String, isDirty: Bool, message: String?, labelWidth wanted: Int,
                     in rect: Rect, _ buffer: inout ScreenBuffer) -> FormFrame? {
        buffer.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        buffer.cursor = nil
        guard rect.width >= 30, rect.height >= 8 else {
            buffer.put(TextWidth.truncate("Too small for the \(what) form", to: rect.width), x: rect.x, y: rect.y, style: .warning)
            return nil
        }
        buffer.box(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: Style(.focusBorder), title: title)
        if isDirty, rect.width > TextWidth.of(title) + 22 {
            let marker = " ● unsaved "
            buffer.put(marker, x: rect.maxX - 2 - TextWidth.of(marker), y: rect.y, style: .warning)
        }
        let inner = rect.inset(by: 1)
        if let message {
            let style: Style = message.hasPrefix("Not saved") ? .error : .accent
            buffer.put(TextWidth.truncate(message, to: inner.width - 2), x: inner.x + 1, y: inner.maxY - 1, style: style)
        }
        let labelX = inner.x + 3
        let labelWidth = min(wanted, max(4, (inner.width - 4) / 2))
        let valueX = labelX + labelWidth
        return FormFrame(inner: inner, labelX: labelX, labelWidth: labelWidth, valueX: valueX,
                         valueWidth: max(1, inner.maxX - 1 - valueX))
    }

    /// A field's label on row `y`: marked `›` in the accent while the field
    /// has the focus, red while it has a problem to fix.
    func drawLabel(_ label: String, focused: Bool, hasProblem: Bool, y: Int, _ buffer: inout ScreenBuffer) {
        if focused { buffer.put("›", x: inner.x + 1, y: y, style: Style(.accent, bold: true)) }
        let style = focused ? Style(.accent, bold: true) : (hasProblem ? Style.error : Style.text)
        buffer.put(TextWidth.truncate(label, to: labelWidth - 1), x: labelX, y: y, style: style)
    }

    /// A one-line text value: with the terminal cursor in it while it has the
    /// focus, its placeholder while it is empty, else its text cut to `width`.
    static func drawText(_ text: TextField, placeholder: String, focused: Bool, x: Int, y: Int, width: Int,
                         _ buffer: inout ScreenBuffer) {
        if focused {
            let cursorX = text.draw(into: &buffer, x: x, y: y, width: width)
            if text.text.isEmpty { buffer.putPlaceholder(placeholder, x: x, y: y, maxX: x + width) }
            buffer.cursor = (cursorX, y)
        } else if text.text.isEmpty {
            buffer.putPlaceholder(placeholder, x: x, y: y, maxX: x + width)
        } else {
            buffer.put(TextWidth.truncate(text.text, to: width), x: x, y: y, style: .text)
        }
    }
}
