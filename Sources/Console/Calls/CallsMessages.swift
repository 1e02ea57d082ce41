import ActionModel

// What the Calls page (the call history) and the runtime say to each other
// (`ConsoleMessage.calls`, `ConsoleEffect.calls`). The live call is `.call`.
// `CallsPage.receive` switches over every message.

public enum CallsMessage: Sendable, Equatable {
    /// Every call as list rows, newest first (`.load`).
    case loaded([CallListEntry])
    /// One call with its events in order (`.open`).
    case opened(CallRecord, [CallLogEntry])
    /// `.export` wrote the call's JSON to `path` (absolute).
    case exported(CallID, path: String)
    /// `.export` found a file at `path` (as typed) and, not asked to
    /// replace it, wrote nothing.
    case exportWouldReplace(CallID, path: String)
    /// A call could not be listed, read or exported (`id` nil for the list).
    case failed(CallID?, message: String)

    /// `.loaded` is a whole list read from the store (at start-up, or the
    /// page's reload when it opens): the runtime hands back what the read freed.
    public var isListLoad: Bool { if case .loaded = self { true } else { false } }
}

public enum CallsEffect: Sendable, Equatable {
    case load
    /// Read one call and its events; answered by `.opened` or `.failed`.
    case open(CallID)
    /// Write the call as JSON (`switchboard calls show --json`'s form) to
    /// `path`, relative to the current directory unless absolute. An existing
    /// file is replaced only with `replacing`; otherwise `.exportWouldReplace`.
    case export(CallID, path: String, replacing: Bool)
}
