import Screen

/// A table column's width rule. Every list lays its columns out with these,
/// so "what gives way when the terminal is narrow" is written once per
/// column instead of as arithmetic in each renderer.
struct ColumnRule: Sendable, Equatable {
    var title: String
    /// The header when `title` does not fit.
    var shortTitle: String
    /// The narrowest width worth showing; below it the column is dropped (if
    /// it may be) rather than cut to something useless.
    var minimum: Int
    /// What the column wants before spare width is shared out (its content's
    /// width, when known).
    var wanted: Int
    /// Its share of what is left once every column has what it wants.
    var share: Int = 0
    /// Droppable columns go, lowest first, while the columns that stay can't
    /// have what they want; nil: never dropped. A kept droppable column gets
    /// at least what it wants before the others grow.
    var dropOrder: Int?
}

enum TableColumns {
    /// Each column's width in `total` cells with `gap` cells between the
    /// columns shown; 0 for a dropped column.
    static func widths(_ rules: [ColumnRule], total: Int, gap: Int) -> [Int] {
        var kept = Array(rules.indices)
        // What the kept columns need: the fixed ones all they want, the
        // droppable ones their minimum.
        func needed() -> Int {
            kept.reduce(0) { $0 + (rules[$1].dropOrder == nil ? max(rules[$1].minimum, rules[$1].wanted) : rules[$1].minimum) }
                + gap * max(0, kept.count - 1)
        }
        while needed() > total, let drop = kept.filter({ rules[$0].dropOrder != nil })
            .min(by: { rules[$0].dropOrder! < rules[$1].dropOrder! }) {
            kept.removeAll { $0 == drop }
        }
        var widths = [Int](repeating: 0, count: rules.count)
        let available = max(0, total - gap * max(0, kept.count - 1))
        let minimums = kept.reduce(0) { $0 + rules[$1].minimum }
        guard minimums < available else {
            // Too narrow even so: everyone shrinks alike.
            for i in kept { widths[i] = rules[i].minimum * available / max(1, minimums) }
            if let first = kept.first { widths[first] += available - kept.reduce(0) { $0 + widths[$1] } }
            return widths
        }
        var extra = available - minimums
        for i in kept { widths[i] = rules[i].minimum }
        // A kept droppable column gets all it wants (that is why it stayed).
        for i in kept where rules[i].dropOrder != nil {
            let more = min(extra, max(0, rules[i].wanted - widths[i]))
            widths[i] += more
            extra -= more
        }
        // The others grow towards what they want in proportion to what they
        // lack, so no one column takes everything while the next stays cut.
        let fixed = kept.filter { rules[$0].dropOrder == nil }
        let lacking = fixed.reduce(0) { $0 + max(0, rules[$1].wanted - widths[$1]) }
        if lacking > 0 {
            let pool = min(extra, lacking)
            var given = 0
            for i in fixed {
                let more = pool * max(0, rules[i].wanted - widths[i]) / lacking
                widths[i] += more
                given += more
            }
            // What rounding left, one cell at a time, to those still short.
            var rest = pool - given
            for i in fixed where rest > 0 && widths[i] < rules[i].wanted {
                widths[i] += 1
                rest -= 1
            }
            extra -= pool - rest
        }
        let sharing = kept.filter { rules[$0].share > 0 }
        let shares = sharing.reduce(0) { $0 + rules[$1].share }
        guard shares > 0 else { return widths }
        var given = 0
        for i in sharing {
            let part = extra * rules[i].share / shares
            widths[i] += part
            given += part
        }
        widths[sharing[0]] += extra - given
        return widths
    }

    /// The header for a column `width` cells wide: its title, else the short one, cut to fit.
    static func header(_ rule: ColumnRule, width: Int) -> String {
        TextWidth.truncate(TextWidth.of(rule.title) <= width ? rule.title : rule.shortTitle, to: width)
    }
}
