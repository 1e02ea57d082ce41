import ActionModel

// What the Actions page and the runtime say to each other (`ConsoleMessage.actions`,
// `ConsoleEffect.actions`). `ActionsPage.receive` switches over every message.

/// The store's answers about actions, and the action form's test request.
public enum ActionsMessage: Sendable, Equatable {
    /// The store's actions' list fields, all kinds, in any order (the console sorts).
    case loaded(ActionList)
    /// The full action asked for with `.open` (a missing one comes back
    /// as `.failed` with `.notFound` and its ID).
    case opened(Action)
    /// An insert or update went through; this is the stored value (new version).
    case saved(Action)
    case deleted(ActionID)
    case failed(StoreFailure)
    /// The answer to `.call(.sendTestRequest)` (the form's test panel).
    case testRequestFinished(TestRequestResult)

    /// `.loaded` is a whole list read from the store (at start-up, or the
    /// page's reload when it opens): the runtime hands back what the read freed.
    public var isListLoad: Bool { if case .loaded = self { true } else { false } }
}

/// The store work of the Actions page.
public enum ActionsEffect: Sendable, Equatable {
    case load
    /// Read one full action for the editor; answered by `.opened` or
    /// `.failed` (`.notFound`).
    case open(ActionID)
    /// A new action (version 1); answered by `.saved` or `.failed`.
    case insert(Action)
    /// A changed action whose `version` is the version it was read at; the store
    /// refuses it with `.conflict` if the row has moved on since.
    case update(Action)
    case delete(ActionID, expectedVersion: Int)
}
