// What the console and the runtime say about the store as a whole
// (`ConsoleMessage.store`, `ConsoleEffect.store`), not one page's records.

public enum StoreMessage: Sendable, Equatable {
    /// `.loadDemoWorkspace` went through: how many demo actions were added.
    case demoWorkspaceLoaded(actionsAdded: Int, agentName: String)
    /// The store as a whole failed: unreachable (a shared store), or the demo
    /// workspace could not be loaded.
    case failed(StoreFailure)
}

public enum StoreEffect: Sendable, Equatable {
    /// Add the demo actions and agent; answered by `.demoWorkspaceLoaded`.
    case loadDemoWorkspace
}
