import Screen

/// One row of a keymap: the keys and the command each runs, how the keys
/// are written, the hint bar's entry, the help screen's line and when the
/// row applies. Behaviour (`command(for:in:)`), the hint bar, `?` help and
/// the command palette all read these rows, so a key is written once.
///
/// `Context` is what the row looks at to know whether it applies (the
/// console for a page's rows, a form's own state for its rows); `Action`
/// is what its keys run (the console's `Command`, or a form's own command
/// enum). The console's rows are `KeyBinding`; a form declares its rows as
/// `KeyRow<ItsState, ItsCommand>` and dispatches its keys through them.
struct KeyRow<Context, Action: Equatable & Sendable>: Sendable {
    /// Each key with the command it runs (most rows run one command).
    let pairs: [(key: Key, command: Action)]
    /// Commands the palette offers with this row that no key runs (sort by
    /// trigger…): listed under the row's keys.
    let paletteOnly: [Action]
    /// How the keys are written in help and the palette: "⏎ e".
    let label: String
    /// The hint bar's entry ("⏎" "edit"); nil: not in the bar.
    let hint: KeyHint?
    /// The hint when it depends on the context ("^R reveal" / "^R hide",
    /// "? help" / "F1 help" while `?` is text); `hint` is its key then.
    let liveHint: (@Sendable (Context) -> KeyHint)?
    /// The help screen's text; nil: not in help.
    let help: String?
    /// The help section it is listed under.
    let group: String
    /// Where the hint sits in the bar when that differs from where the row
    /// sits in help (lower first; rows of one order keep theirs).
    let hintOrder: Int
    /// When the keys work (and the palette offers the commands).
    let applies: @Sendable (Context) -> Bool
    /// When the hint shows (a key may work, saying why it did nothing, while
    /// its hint would only be noise: "⏎ edit" with no row selected).
    let hinted: @Sendable (Context) -> Bool

    init(_ label: String, _ keys: [Key], _ command: Action, hint: String? = nil, hintKey: String? = nil, help: String?,
         group: String, applies: @escaping @Sendable (Context) -> Bool = { _ in true },
         hinted: @escaping @Sendable (Context) -> Bool = { _ in true }, liveHint: (@Sendable (Context) -> KeyHint)? = nil,
         hintOrder: Int = 0) {
        self.init(label, pairs: keys.map { ($0, command) }, hint: hint, hintKey: hintKey, help: help, group: group,
                  applies: applies, hinted: hinted, liveHint: liveHint, hintOrder: hintOrder)
    }

    init(_ label: String, pairs: [(key: Key, command: Action)], paletteOnly: [Action] = [], hint: String? = nil,
         hintKey: String? = nil, help: String?, group: String,
         applies: @escaping @Sendable (Context) -> Bool = { _ in true },
         hinted: @escaping @Sendable (Context) -> Bool = { _ in true }, liveHint: (@Sendable (Context) -> KeyHint)? = nil,
         hintOrder: Int = 0) {
        self.hintOrder = hintOrder
        self.pairs = pairs
        self.paletteOnly = paletteOnly
        self.label = label
        self.hint = (hint ?? (liveHint == nil ? nil : "")).map { KeyHint(hintKey ?? label, $0) }
        self.liveHint = liveHint
        self.help = help
        self.group = group
        self.applies = applies
        self.hinted = hinted
    }

    /// A hint-bar entry that is no key ("type" "to filter").
    static func note(_ key: String, _ text: String, applies: @escaping @Sendable (Context) -> Bool = { _ in true }) -> Self {
        Self(key, pairs: [], hint: text, help: nil, group: "", applies: applies)
    }

    func command(for key: Key) -> Action? { pairs.first { $0.key == key }?.command }

    /// The hint bar's entry for `context` (its text may depend on it).
    func hint(in context: Context) -> KeyHint? {
        guard let hint else { return nil }
        return liveHint?(context) ?? hint
    }

    /// The commands of the row, in order, once each.
    var commands: [Action] {
        var seen: [Action] = []
        for command in pairs.map(\.command) + paletteOnly where !seen.contains(command) { seen.append(command) }
        return seen
    }

    /// How the palette writes the keys of `command`: the row's label when
    /// every key runs it, else the keys that do.
    func keyLabel(for command: Action) -> String {
        let keys = pairs.filter { $0.command == command }.map(\.key)
        if keys.isEmpty { return paletteOnly.contains(command) ? label : "" }
        if keys.count == pairs.count { return label }
        return keys.map(\.label).joined(separator: " ")
    }

    /// The same row, applying only while `condition` holds too (rows shared
    /// by several screens: the "Delete …? y/N" answers).
    func only(when condition: @escaping @Sendable (Context) -> Bool) -> Self {
        let applies = self.applies
        return Self(label, pairs: pairs, paletteOnly: paletteOnly, hint: hint?.label, hintKey: hint?.key, help: help, group: group,
                    applies: { applies($0) && condition($0) }, hinted: hinted, liveHint: liveHint, hintOrder: hintOrder)
    }

    /// The same row with a help line (for keys another component handles,
    /// told in help all the same: the sidebar's).
    func documenting(_ text: String, group: String) -> Self {
        Self(label, pairs: pairs, paletteOnly: paletteOnly, hint: hint?.label, hintKey: hint?.key, help: text, group: group,
             applies: applies, hinted: hinted, liveHint: liveHint, hintOrder: hintOrder)
    }
}

/// The console's keymap rows: they look at the whole console and run its `Command`s.
typealias KeyBinding = KeyRow<ConsoleState, Command>

/// What every keymap does with its rows, whatever they look at and run.
extension KeyRow {
    /// The command `key` runs: the first row that applies and has the key.
    /// While `capturesText`, a printable key is text, never a row's (the one
    /// text-capture rule: a field gets printable keys first).
    static func command(for key: Key, in rows: [Self], _ context: Context, capturesText: Bool = false) -> Action? {
        if capturesText, key.isPrintable { return nil }
        for row in rows where row.applies(context) {
            if let command = row.command(for: key) { return command }
        }
        return nil
    }

    /// The hint bar from rows: those that apply and want a hint now, in order.
    static func hints(_ rows: [Self], _ context: Context) -> [KeyHint] {
        let shown = rows.filter { $0.applies(context) && $0.hinted(context) }
        // A stable sort: rows of one order keep the order they are written in.
        return shown.enumerated().sorted { ($0.element.hintOrder, $0.offset) < ($1.element.hintOrder, $1.offset) }
            .compactMap { $0.element.hint(in: context) }
    }

    /// Help sections from rows, grouped by their group in order of first
    /// appearance (every row with help, whether it applies right now or not).
    static func helpSections(_ rows: [Self]) -> [HelpSection] {
        var sections: [HelpSection] = []
        for row in rows {
            guard let help = row.help else { continue }
            let line = KeyHint(row.label, help)
            if let at = sections.firstIndex(where: { $0.title == row.group }) {
                sections[at].keys.append(line)
            } else {
                sections.append(HelpSection(row.group, [line]))
            }
        }
        return sections
    }
}

extension Key {
    /// A key that types a character (a text field takes it before any row).
    var isPrintable: Bool {
        if case .character = self { return true }
        return false
    }

    /// How help and the palette write the key.
    var label: String {
        switch self {
        case let .character(c): return c == " " ? "Space" : String(c)
        case let .ctrl(c): return "Ctrl-" + c.uppercased()
        case let .alt(c): return "Alt-" + String(c)
        case .enter: return "⏎"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .altUp: return "Alt-↑"
        case .altDown: return "Alt-↓"
        case let .function(n): return "F\(n)"
        }
    }
}

/// Rows several pages share, written once: moving in a list, the filter,
/// reloading.
extension KeyBinding {
    /// j k ↑ ↓, PgUp PgDn (Ctrl-U/B, Ctrl-D/F), g G Home End. `noun`: "agent".
    static func listMoves(_ noun: String, group: String, applies: @escaping @Sendable (ConsoleState) -> Bool = { _ in true })
        -> [KeyBinding] {
        [
            KeyBinding("j k ↓ ↑", pairs: [(.character("j"), .moveDown), (.down, .moveDown), (.character("k"), .moveUp), (.up, .moveUp)],
                       help: "next / previous \(noun)", group: group, applies: applies),
            KeyBinding("PgDn PgUp", pairs: [(.pageDown, .pageDown), (.ctrl("d"), .pageDown), (.ctrl("f"), .pageDown),
                                            (.pageUp, .pageUp), (.ctrl("u"), .pageUp), (.ctrl("b"), .pageUp)],
                       help: "a page down / up", group: group, applies: applies),
            KeyBinding("g G", pairs: [(.character("g"), .moveToFirst), (.home, .moveToFirst), (.character("G"), .moveToLast),
                                      (.end, .moveToLast)],
                       help: "first / last \(noun)", group: group, applies: applies),
        ]
    }

    /// `/` starts the filter. `what`: what it matches.
    static func filter(_ what: String, group: String) -> KeyBinding {
        KeyBinding("/", [.character("/")], .filter, hint: "filter", help: "filter by \(what)", group: group)
    }

    /// Esc clears a kept filter (only while there is one).
    static func clearFilter(group: String, hasFilter: @escaping @Sendable (ConsoleState) -> Bool) -> KeyBinding {
        KeyBinding("Esc", [.escape], .clearFilter, hint: "clear filter", help: "clear the filter", group: group, applies: hasFilter)
    }

    /// Ctrl-R or F5 reads the page's records again.
    static func reload(_ what: String, group: String, hinted: Bool) -> KeyBinding {
        KeyBinding("Ctrl-R", [.ctrl("r"), .function(5)], .reload, hint: "reload", hintKey: "^R",
                   help: "reload \(what) from the store", group: group, hinted: { _ in hinted })
    }

    /// The hint bar while a filter is typed (the keys are the filter's own:
    /// every printable key is text).
    static let filterTyping: [KeyBinding] = [
        .note("type", "to filter"), .note("↑↓", "move"), .note("⏎", "keep filter"), .note("Esc", "clear"),
    ]
}

extension HelpSection {
    /// Sections with the same title as one, in order of first appearance
    /// (a form's rows and a panel's rows both list under "Test request").
    static func merging(_ sections: [HelpSection]) -> [HelpSection] {
        var merged: [HelpSection] = []
        for section in sections {
            if let at = merged.firstIndex(where: { $0.title == section.title }) {
                merged[at].keys += section.keys
            } else {
                merged.append(section)
            }
        }
        return merged
    }
}
