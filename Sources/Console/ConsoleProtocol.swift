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
    /// About four times a second while `ConsoleState.wantsTicks` (a status
    /// message or a revealed secret is counting down), never otherwise.
    case tick
    /// The store's actions' list fields, all kinds, in any order (the console sorts).
    case actionsLoaded(ActionList)
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
    /// (`.tick` stays at four a second while status messages count them.)
    case clock(Date)
    /// The answer to `.sendTestRequest`.
    case testRequestFinished(TestRequestResult)
    /// The answer to `.copyCurl`.
    case curlCopied(CurlCopy)
    /// Every agent, the default one first (`.loadAgents`).
    case agentsLoaded([Agent])
    /// An agent insert or update went through; this is the stored value.
    case agentSaved(Agent)
    case agentDeleted(AgentID)
    case agentFailed(AgentFailure)
    /// Every call as list rows, newest first (`.loadCalls`).
    case callsLoaded([CallListEntry])
    /// One call with its events in order (`.openCall`).
    case callOpened(CallRecord, [CallLogEntry])
    /// `.exportCall` wrote the call's JSON to `path` (absolute).
    case callExported(CallID, path: String)
    /// `.exportCall` found a file at `path` (as typed) and, not asked to
    /// replace it, wrote nothing.
    case callExportWouldReplace(CallID, path: String)
    /// A call could not be listed, read or exported (`id` nil for the list).
    case callFailed(CallID?, message: String)
    /// `.loadDemoWorkspace` went through: how many demo actions were added.
    case demoWorkspaceLoaded(actionsAdded: Int, agentName: String)
    /// Secrets, environments and the active one (`.loadSecrets`, and at start).
    case secretsLoaded(SecretsOverview)
    /// A secrets or environments change went through: the overview now, and
    /// what was done, for the status line.
    case secretsChanged(SecretsOverview, done: String)
    /// `.revealSecret`'s answer: the value in the active environment. The only
    /// message that carries a secret's value.
    case secretRevealed(name: String, value: SecretText)
    /// A secrets or environments request did not go through, in words.
    case secretsFailed(String)
    /// Every webhook with its delivery counts, oldest first, and the secret
    /// NAMES the store defines (never values) (`.loadWebhooks`).
    case webhooksLoaded([WebhookListEntry], definedSecrets: [String])
    /// A webhook insert or update went through; this is the stored value.
    case webhookSaved(Webhook)
    case webhookDeleted(WebhookID)
    case webhookFailed(WebhookFailure)
    /// A delivery log, newest first (`.loadDeliveries`).
    case deliveriesLoaded(DeliveryScope, [DeliveryLogEntry])
    /// One delivery and every attempt at it (`.openDelivery`).
    case deliveryOpened(DeliveryLogEntry, [DeliveryAttempt])
    /// `.sendTestDelivery` is over: the test delivery as it ended (still
    /// `pending` when no answer came in time).
    case testDeliveryFinished(WebhookDelivery)
    /// `.resendDelivery` put the failed delivery back in its webhook's queue.
    case deliveryResent(WebhookDelivery)
    /// Deliveries were queued, attempted or finished since the last such
    /// message (sent at most a few times a second): open logs read them again.
    case deliveriesChanged
    /// The Models page's answers.
    case models(ModelsMessage)
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
    case loadAgents
    /// A new agent; answered by `.agentSaved` or `.agentFailed`.
    case insertAgent(Agent)
    /// A changed agent at the version it was read; `.agentFailed` with
    /// `.conflict` when the row has moved on.
    case updateAgent(Agent)
    case deleteAgent(Agent)
    case loadCalls
    /// Read one call and its events; answered by `.callOpened` or `.callFailed`.
    case openCall(CallID)
    /// Write the call as JSON (`switchboard calls show --json`'s form) to
    /// `path`, relative to the current directory unless absolute. An existing
    /// file is replaced only with `replacing`; otherwise `.callExportWouldReplace`.
    case exportCall(CallID, path: String, replacing: Bool)
    /// Add the demo actions and agent; answered by `.demoWorkspaceLoaded`.
    case loadDemoWorkspace
    /// Read secrets and environments; answered by `.secretsLoaded`.
    case loadSecrets
    /// Keep a value for the secret in the secrets file (defining it when new):
    /// the default, or `environment`'s own. Answered by `.secretsChanged`.
    case setSecretValue(name: String, environment: String?, value: SecretText)
    /// Make the secret come from a process environment variable at call time.
    case setSecretSource(name: String, environmentVariable: String)
    /// Read the secret's value in the active environment; `.secretRevealed`.
    case revealSecret(name: String)
    /// Delete the secret and every value (environment nil), or one environment's value.
    case deleteSecret(name: String, environment: String?)
    case createEnvironment(String)
    case deleteEnvironment(String)
    /// Make an environment the active one (nil: none).
    case useEnvironment(String?)
    case setVariable(environment: String, name: String, value: String)
    case unsetVariable(environment: String, name: String)
    /// Every webhook with its counts; answered by `.webhooksLoaded`.
    case loadWebhooks
    /// A new webhook; answered by `.webhookSaved` or `.webhookFailed`.
    case insertWebhook(Webhook)
    /// A changed webhook at the version it was read; `.webhookFailed` with
    /// `.conflict` when the row has moved on.
    case updateWebhook(Webhook)
    case deleteWebhook(Webhook)
    /// A webhook's or a call's deliveries; answered by `.deliveriesLoaded`.
    case loadDeliveries(DeliveryScope)
    /// One delivery with its attempts; answered by `.deliveryOpened`.
    case openDelivery(DeliveryID)
    /// A `test` delivery through the dispatcher (started if it isn't);
    /// answered by `.testDeliveryFinished` once it is delivered or failed.
    case sendTestDelivery(Webhook)
    /// A failed delivery back in its queue; answered by `.deliveryResent`.
    case resendDelivery(DeliveryID)
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
    /// With `includeSecrets` the copy has the secrets' values, else `{{secret.…}}` placeholders.
    case copyCurl(HTTPExchange, includeSecrets: Bool)
    /// Put this text (an ID: never a secret) in the clipboard (OSC 52). No answer.
    case copyToClipboard(String)
    /// The Models page's store work and checks.
    case models(ModelsEffect)
}
