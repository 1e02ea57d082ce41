import ActionModel
import Screen

// The contract between the Console (pure UI state) and the runtime that owns
// the terminal and the store. The runtime feeds `ConsoleMessage`s into
// `Console.update`, performs the `ConsoleEffect`s it returns, and draws
// `Console.render(state)`.

/// What happened outside the console that it needs to know.
public enum ConsoleMessage: Sendable, Equatable {
    case input(InputEvent)
    /// About four times a second; drives spinners and fades status messages.
    case tick
    /// The store's actions' list fields, all kinds, in any order (the console sorts).
    case actionsLoaded([ActionSummary])
    /// The full action asked for with `.openEditor` (a missing one comes back
    /// as `.storeFailed` with `.notFound` and its ID).
    case actionOpened(Action)
    /// An insert or update went through; this is the stored value (new version).
    case actionSaved(Action)
    case actionDeleted(ActionID)
    case storeFailed(StoreFailure)
}

/// A store operation that did not go through, in words for the status line.
public struct StoreFailure: Sendable, Equatable, Error {
    public enum Reason: Sendable, Equatable {
        /// The action changed (or was deleted: `current` nil) since it was read.
        case conflict(current: Action?)
        case duplicateFunctionName
        case readOnly
        case notFound
        case invalid
        case other
    }
    public var reason: Reason
    public var message: String
    public var actionID: ActionID?

    public init(reason: Reason, message: String, actionID: ActionID? = nil) {
        self.reason = reason
        self.message = message
        self.actionID = actionID
    }
}

/// Work the console asks the runtime to do. Results come back as messages.
public enum ConsoleEffect: Sendable, Equatable {
    case loadActions
    /// Read one full action for the editor; answered by `.actionOpened` or
    /// `.storeFailed` (`.notFound`).
    case openEditor(ActionID)
    /// A new action (version 1); answered by `.actionSaved` or `.storeFailed`.
    case insert(Action)
    /// A changed action whose `version` is the version it was read at; the store
    /// refuses it with `.conflict` if the row has moved on since.
    case update(Action)
    case delete(ActionID, expectedVersion: Int)
    /// Leave the console (after the console has asked about unsaved changes).
    case quit
}
