import ActionModel
import CallSimulation
import Foundation
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
    /// Something happened in the call started with `.startCall` (see `CallActivity`).
    case call(CallActivity)
    /// The time, about 30 times a second while `ConsoleState.wantsClockTicks`
    /// (a request in flight): drives the spinner and the elapsed milliseconds.
    /// (`.tick` stays at four a second: status messages count those.)
    case clock(Date)
    /// The answer to `.sendTestRequest`.
    case testRequestFinished(TestRequestResult)
    /// The answer to `.copyCurl`.
    case curlCopied(CurlCopy)
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
    /// Start a simulated call; everything about it comes back as `.call` messages.
    case startCall(CallStart)
    /// The caller (the person at the console) said this line in the call.
    case sayInCall(CallID, String)
    /// Cancel the request the call is waiting on: the agent says it failed,
    /// the call log records `cancelled`.
    case cancelCallRequest(CallID)
    /// Hang up (cancelling a request in flight first).
    case endCall(CallID)
    /// Send the form's action with sample values, without a call; answered by `.testRequestFinished`.
    case sendTestRequest(TestRequest)
    /// Put a curl command for this request in the clipboard (OSC 52) and a
    /// file; answered by `.curlCopied`.
    case copyCurl(HTTPExchange)
}
