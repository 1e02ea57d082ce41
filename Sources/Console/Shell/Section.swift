import Screen

/// The pages the sidebar lists, top to bottom. A page that works gets a case
/// here, a function key, and a branch in `SectionPages`; the sidebar, the
/// palette's "Go to …" commands and the help follow from this list.
enum Section: Int, CaseIterable, Sendable {
    case actions, agents, calls, webhooks, secrets

    var title: String {
        switch self {
        case .actions: return "Actions"
        case .agents: return "Agents"
        case .calls: return "Calls"
        case .webhooks: return "Webhooks"
        case .secrets: return "Secrets"
        }
    }

    /// The key that opens the page from anywhere outside a form: F2, F3, F4,
    /// then F6 and F7 (F1 is help and F5 reload).
    var functionKey: Int {
        switch self {
        case .actions: return 2
        case .agents: return 3
        case .calls: return 4
        case .webhooks: return 6
        case .secrets: return 7
        }
    }

    var keyLabel: String { "F\(functionKey)" }

    static func forFunctionKey(_ number: Int) -> Section? { allCases.first { $0.functionKey == number } }

    /// What the sidebar shows right of the title; empty until known.
    func count(in state: ConsoleState) -> String {
        switch self {
        case .actions: return state.loaded ? Renderer.compactCount(state.index.count) : ""
        case .agents: return state.agents.loaded ? Renderer.compactCount(state.agents.agents.count) : ""
        case .calls: return state.calls.loaded ? Renderer.compactCount(state.calls.entries.count) : ""
        case .webhooks: return state.webhooks.loaded ? Renderer.compactCount(state.webhooks.entries.count) : ""
        case .secrets: return state.secrets.loaded ? Renderer.compactCount(state.secrets.overview.secrets.count) : ""
        }
    }

    /// "F2–F4": the keys of every section, for hints.
    static var keyRange: String {
        let keys = allCases.map(\.keyLabel)
        return keys.count > 1 ? "\(keys.first!)–\(keys.last!)" : keys.first ?? ""
    }
}

/// The sidebar's keys and moving between sections.
enum Sidebar {
    /// Keys the sidebar takes before the page: the section keys (F2…) unless a
    /// form or dialog of the page holds the keys, and ↑↓ j k g G ⏎ l → while
    /// the sidebar has the focus. nil: not a sidebar key, the page has it.
    static func handle(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect]? {
        guard case let .key(key) = event, !SectionPages.holdsKeys(state) else { return nil }
        if case let .function(number) = key, let section = Section.forFunctionKey(number) {
            return goTo(section, &state)
        }
        guard state.focus == .sidebar else { return nil }
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

    /// Opens a section's page with the focus on it; entering Agents or Calls
    /// reads them again, so the page shows what the store holds now.
    static func goTo(_ section: Section, _ state: inout ConsoleState) -> [ConsoleEffect] {
        state.sidebarChoice = nil
        state.focus = .page
        state.filtering = false
        let entering = section != state.section
        // A status line is about the page it was said on ("Saved 'Book a
        // table'" means nothing on Calls).
        if entering { state.status = nil }
        state.section = section
        switch section {
        case .actions: return []
        case .agents: return entering ? [.loadAgents] : []
        case .calls:
            if entering { state.calls.selectNewestOnLoad = true }
            return entering ? [.loadCalls] : []
        case .webhooks: return entering ? [.loadWebhooks] : []
        case .secrets: return entering ? [.loadSecrets] : []
        }
    }
}
