import ActionModel
import CallSimulation
import Foundation
import Screen

// The contract between the Console (pure UI state) and the runtime that owns
// the terminal and the store. The runtime feeds `ConsoleMessage`s into
// `Console.update`, performs the `ConsoleEffect`s it returns, and draws
// `Console.render(state)`.

/// What happened outside the console that it needs to know: a few cases the
/// shell handles itself, then one case per domain carrying that domain's own
/// enum (declared beside its page), which the shell hands to that page.
public enum ConsoleMessage: Sendable, Equatable {
    case input(InputEvent)
    /// About four times a second while `ConsoleState.wantsTicks` (a status
    /// message or a revealed secret is counting down), never otherwise.
    case tick
    /// The time, about 30 times a second while `ConsoleState.wantsClockTicks`
    /// (a request in flight): drives the spinner and the elapsed milliseconds.
    /// (`.tick` stays at four a second while status messages count them.)
    case clock(Date)
    /// The answer to `.copyCurl` (from the call inspector or the action form's test panel).
    case curlCopied(CurlCopy)
    /// Something happened in the call started with `.call(.start)` (see `CallActivity`).
    case call(CallActivity)
    /// The Actions page: the store's actions and the action form's answers.
    case actions(ActionsMessage)
    case agents(AgentsMessage)
    /// The Calls page (the call history; the live call is `.call`).
    case calls(CallsMessage)
    case secrets(SecretsMessage)
    case webhooks(WebhooksMessage)
    /// Delivery logs: a webhook's (Webhooks page) and an opened call's (Calls page).
    case deliveries(DeliveriesMessage)
    /// The store as a whole: the demo workspace, the store unreachable.
    case store(StoreMessage)
    /// The Models page's answers.
    case models(ModelsMessage)
}

extension ConsoleMessage {
    /// A whole list read from the store, after which the runtime hands back
    /// the memory the read freed. Each domain says which of its messages is
    /// one, beside its cases; a new domain has to say so here.
    public var isListLoad: Bool {
        switch self {
        case let .actions(message): return message.isListLoad
        case let .agents(message): return message.isListLoad
        case let .calls(message): return message.isListLoad
        case let .secrets(message): return message.isListLoad
        case let .webhooks(message): return message.isListLoad
        case let .deliveries(message): return message.isListLoad
        case let .store(message): return message.isListLoad
        case let .models(message): return message.isListLoad
        case .input, .tick, .clock, .curlCopied, .call: return false
        }
    }
}

/// A call as the Calls list shows it: the record and how much happened,
/// without its events (those are read when the call is opened).
public struct CallListEntry: Sendable, Equatable {
    public var call: CallRecord
    public var eventCount: Int
    /// The actions the call used, in no particular order.
    public var actionIDs: [ActionID]
    /// How its last request ended; nil when none went out.
    public var outcome: CallOutcome?

    public init(call: CallRecord, eventCount: Int, actionIDs: [ActionID], outcome: CallOutcome? = nil) {
        self.call = call
        self.eventCount = eventCount
        self.actionIDs = actionIDs
        self.outcome = outcome
    }
}

/// The Calls list's Outcome column: how a call's last request ended.
public enum CallOutcome: Sendable, Equatable {
    case answered(status: Int?)
    case failed
    case cancelled

    /// From the `data` of a `response` call log event (`status`, `error`).
    public init(responseData data: JSONObject) {
        if case let .string(error)? = data["error"] {
            self = error == "cancelled" ? .cancelled : .failed
        } else if case let .integer(status)? = data["status"] {
            self = .answered(status: status)
        } else {
            self = .answered(status: nil)
        }
    }

    /// "✓ 200", "✗ failed", "cancelled".
    var label: String {
        switch self {
        case let .answered(status): return "✓ " + (status.map(String.init) ?? "ok")
        case .failed: return "✗ failed"
        case .cancelled: return "cancelled"
        }
    }
}

/// What the runtime can load into an empty store on first start (the console
/// offers it once); nil when it can't.
public struct DemoWorkspaceOffer: Sendable, Equatable {
    public var actionCount: Int
    public var agentName: String

    public init(actionCount: Int, agentName: String) {
        self.actionCount = actionCount
        self.agentName = agentName
    }
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

/// Work the console asks the runtime to do; results come back as messages.
/// A few cases the runtime's loop does itself, then one case per domain
/// carrying that domain's own enum, which one runtime handler performs.
public enum ConsoleEffect: Sendable, Equatable {
    /// Leave the console (after the console has asked about unsaved changes).
    case quit
    /// Put a curl command for this request in the clipboard (OSC 52) and a
    /// file; answered by `.curlCopied`.
    /// With `includeSecrets` the copy has the secrets' values, else `{{secret.…}}` placeholders.
    case copyCurl(HTTPExchange, includeSecrets: Bool)
    /// Put this text (an ID: never a secret) in the clipboard (OSC 52). No answer.
    case copyToClipboard(String)
    case actions(ActionsEffect)
    case agents(AgentsEffect)
    /// The call history (the Calls page).
    case calls(CallsEffect)
    /// The live call and the action form's test request (the call runner's work).
    case call(CallEffect)
    case secrets(SecretsEffect)
    case webhooks(WebhooksEffect)
    /// Reading delivery logs from the store.
    case deliveries(DeliveriesEffect)
    /// Deliveries sent through the webhook dispatcher.
    case dispatcher(DispatcherEffect)
    case store(StoreEffect)
    /// The Models page's store work and checks.
    case models(ModelsEffect)
}
