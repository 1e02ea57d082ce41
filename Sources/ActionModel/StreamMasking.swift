/// Masks text that arrives in pieces (a model's streamed reply). Masking each
/// piece alone would let a secret split across two pieces show for a moment,
/// so this masks the accumulated text instead and holds back any tail that
/// could still turn into a secret: what it hands out is only ever text whose
/// masking can no longer change.
public struct StreamMasking: Sendable {
    private let templates: TemplateContext
    private let needles: [String]
    /// Everything received so far, unmasked (never shown).
    private var received = ""
    /// How much masked text has been handed out already.
    private var shownCount = 0

    public init(_ templates: TemplateContext) {
        self.templates = templates
        needles = templates.maskingNeedles.map(\.0)
    }

    /// The masked text that can be shown now, after what was handed out
    /// before; empty while the new words may still be the start of a secret.
    public mutating func append(_ piece: String) -> String {
        received += piece
        let held = heldBackCount(received)
        let safe = templates.mask(String(received.dropLast(held)))
        // Masking a longer safe prefix only ever extends the shorter one's
        // masked form; if overlapping secrets ever break that, show nothing
        // more rather than something unmasked (the finished reply follows).
        guard safe.count > shownCount else { return "" }
        let fresh = String(safe.dropFirst(shownCount))
        shownCount = safe.count
        return fresh
    }

    /// The length of the longest tail of `text` that is the beginning (but
    /// not the whole) of a secret value.
    private func heldBackCount(_ text: String) -> Int {
        var longest = 0
        for needle in needles {
            let limit = min(needle.count - 1, text.count)
            guard limit > longest else { continue }
            for length in stride(from: limit, to: longest, by: -1) where text.hasSuffix(needle.prefix(length)) {
                longest = length
                break
            }
        }
        return longest
    }
}
