// What the console and the runtime say about the store as a whole
// (`ConsoleMessage.store`, `ConsoleEffect.store`), not one page's records.

public enum StoreMessage: Sendable, Equatable {
    /// `.loadDemoWorkspace` went through: how many demo actions were added.
    case demoWorkspaceLoaded(actionsAdded: Int, agentName: String)
    /// The demo workspace could not be loaded.
    case failed(StoreFailure)
    /// A shared store stopped answering (said again on each retry, about once a
    /// second): what the status line says.
    case unreachable(String)
    /// The shared store answers again after `.unreachable` (every list is being read again).
    case reachable

    /// No list: nothing read to hand back.
    public var isListLoad: Bool { false }
}

public enum StoreEffect: Sendable, Equatable {
    /// Add the demo actions and agent; answered by `.demoWorkspaceLoaded`.
    case loadDemoWorkspace
}
