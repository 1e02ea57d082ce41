import Screen

extension ScreenBuffer {
    /// An empty field's hint ("e.g. https://…"), cut with "…" when the field
    /// is narrower than the hint, so a cut hint never reads as a whole one.
    @discardableResult
    mutating func putPlaceholder(_ text: String, x: Int, y: Int, maxX: Int) -> Int {
        put(TextWidth.truncate(text, to: max(0, maxX - x)), x: x, y: y, style: Style(.placeholder), maxX: maxX)
    }
}
