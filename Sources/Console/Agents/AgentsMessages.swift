import ActionModel

// What the Agents page and the runtime say to each other (`ConsoleMessage.agents`,
// `ConsoleEffect.agents`). `AgentsPage.receive` switches over every message.

public enum AgentsMessage: Sendable, Equatable {
    /// Every agent, the default one first (`.load`).
    case loaded([Agent])
    /// An agent insert or update went through; this is the stored value.
    case saved(Agent)
    case deleted(AgentID)
    case failed(AgentFailure)

    /// `.loaded` is a whole list read from the store (at start-up, or the
    /// page's reload when it opens): the runtime hands back what the read freed.
    public var isListLoad: Bool { if case .loaded = self { true } else { false } }
}

public enum AgentsEffect: Sendable, Equatable {
    case load
    /// A new agent; answered by `.saved` or `.failed`.
    case insert(Agent)
    /// A changed agent at the version it was read; `.failed` with
    /// `.conflict` when the row has moved on.
    case update(Agent)
    case delete(Agent)
}
