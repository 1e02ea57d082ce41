import Screen

/// The frame every record form (agent, webhook) draws the same: the box
/// with its title, "● unsaved" while changed, the notice line at the bottom
/// ("Not saved: …" in red), and where labels and values go.
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
}
