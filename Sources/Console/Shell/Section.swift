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
enum Sidebar {
    /// Keys the sidebar takes before the page while it has the focus:
    /// ↑↓ j k g G ⏎ l →. nil: not a sidebar key (the section keys F2… are
    /// keymap rows of every page).
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        guard case let .key(key) = event, state.focus == .sidebar else { return nil }
        let sections = Section.allCases
        let current = sections.firstIndex(of: state.sidebarChoice ?? state.section) ?? 0
        switch key {
        case .down, .character("j"): state.sidebarChoice = sections[min(sections.count - 1, current + 1)]
        case .up, .character("k"): state.sidebarChoice = sections[max(0, current - 1)]
        case .home, .character("g"): state.sidebarChoice = sections.first
        case .end, .character("G"): state.sidebarChoice = sections.last
        case .enter, .character("l"), .right:
            return goTo(state.sidebarChoice ?? state.section, &state)
        default: return nil
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
