import Screen

/// A sidebar section: a page's title and the function key that opens it
/// from anywhere outside a form. Each page declares its own (F1 is help and
/// F5 reload); `Pages.all` gives the order.
struct Section: Hashable, Sendable {
    let title: String
    let functionKey: Int

    var keyLabel: String { "F\(functionKey)" }

    static var allCases: [Section] { Pages.all.map { $0.section } }

    static func forFunctionKey(_ number: Int) -> Section? { allCases.first { $0.functionKey == number } }

    /// What the sidebar shows right of the title; empty until known.
    func count(in state: ConsoleState) -> String { Pages.page(for: self).count(state) }

    /// "F2–F7": the keys of every section, for hints.
    static var keyRange: String {
        let keys = allCases.map(\.keyLabel)
        return keys.count > 1 ? "\(keys.first!)–\(keys.last!)" : keys.first ?? ""
    }
}

/// The sidebar's keys and moving between sections.
/// What a key does in the sidebar while it has the focus.
enum SidebarCommand: Equatable, Sendable { case next, previous, first, last, open }

typealias SidebarKey = KeyRow<ConsoleState, SidebarCommand>

enum Sidebar {
    /// Keys the sidebar takes before the page while it has the focus (the
    /// section keys F2… are keymap rows of every page; General help tells
    /// these as "↑↓ ⏎ in the sidebar").
    static let keys: [SidebarKey] = {
        let focused: @Sendable (ConsoleState) -> Bool = { $0.focus == .sidebar }
        return [
            SidebarKey("↑↓ j k", pairs: [(.down, .next), (.character("j"), .next), (.up, .previous), (.character("k"), .previous)],
                       hint: "choose", hintKey: "↑↓", help: nil, group: Keymap.general, applies: focused),
            SidebarKey("g G Home End", pairs: [(.home, .first), (.character("g"), .first), (.end, .last), (.character("G"), .last)],
                       help: nil, group: Keymap.general, applies: focused),
            SidebarKey("⏎ l →", [.enter, .character("l"), .right], .open, hint: "open", hintKey: "⏎ l", help: nil,
                       group: Keymap.general, applies: focused),
        ]
    }()

    /// The sidebar's hint bar: its rows, then every page's that are hinted there (Tab, :, q, ?).
    static func hints(_ state: ConsoleState) -> [KeyHint] {
        SidebarKey.hints(keys, state) + KeyBinding.hints(Keymap.global, state)
    }

    /// A sidebar key, run; nil: not a sidebar key.
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        guard case let .key(key) = event, let command = SidebarKey.command(for: key, in: keys, state) else { return nil }
        return run(command, &state)
    }

    static func run(_ command: SidebarCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        let sections = Section.allCases
        let current = sections.firstIndex(of: state.sidebarChoice ?? state.section) ?? 0
        switch command {
        case .next: state.sidebarChoice = sections[min(sections.count - 1, current + 1)]
        case .previous: state.sidebarChoice = sections[max(0, current - 1)]
        case .first: state.sidebarChoice = sections.first
        case .last: state.sidebarChoice = sections.last
        case .open: return goTo(state.sidebarChoice ?? state.section, &state)
        }
        return []
    }

    /// Opens a section's page with the focus on it; the page says what to
    /// read again, so it shows what the store holds now.
    static func goTo(_ section: Section, _ state: inout ConsoleState) -> [ConsoleEffect] {
        state.sidebarChoice = nil
        state.focus = .page
        let entering = section != state.section
        // A status line is about the page it was said on ("Saved 'Book a
        // table'" means nothing on Calls).
        if entering { state.status = nil }
        state.section = section
        return Pages.page(for: section).opened(entering: entering, &state)
    }
}
