import ActionModel
import Foundation

// The protocol between a conversation agent (the mock agent today, an
// LLM-driven one later) and the driver that runs a call. The agent is a pure
// state machine: it is fed what the caller said and the outcome of requests,
// and answers with steps. The driver performs the HTTP requests (off the UI
// thread), records events in the store and shows them.

/// What a call agent does; an LLM-driven agent implements the same protocol.
public protocol ConversationAgent: Sendable {
    /// The opening of the call: the greeting, or for a call started from an
    /// action, the first question.
    mutating func start(at time: Date) -> [CallStep]
    /// The caller said something. While muted, the agent answers with
    /// `.event(.callerNotHeard(…))` only.
    mutating func hear(_ utterance: String, at time: Date) -> [CallStep]
    /// The result of the request the agent asked for with `.invoke`.
    mutating func receive(_ outcome: InvocationOutcome, at time: Date) -> [CallStep]
    /// The model's answer to the agent's `.consultModel` step (engines that
    /// never consult a model keep the default, which does nothing).
    mutating func receive(_ outcome: ModelOutcome, at time: Date) -> [CallStep]
    /// The caller hung up (or the console closed the call).
    mutating func hangUp(at time: Date) -> [CallStep]
    var isMuted: Bool { get }
    var hasEnded: Bool { get }
}

public enum CallStep: Sendable, Equatable {
    case event(CallEvent)
    /// Perform this request and feed its outcome back with `receive`. The agent
    /// is muted from this step until then.
    case invoke(InvocationRequest)
    /// Send this to the agent's model and feed the outcome back with
    /// `receive(_: ModelOutcome, …)`. The agent hears nothing until then.
    case consultModel(ModelRequest)
}

extension ConversationAgent {
    public mutating func receive(_ outcome: ModelOutcome, at time: Date) -> [CallStep] { [] }
}

public enum CallEvent: Sendable, Equatable {
    case agentSaid(String)
    case callerSaid(String)
    /// Said while the agent was muted waiting for a response: not heard.
    case callerNotHeard(String)
    case actionSelected(ActionID, name: String)
    case fieldCollected(name: String, value: JSONValue, heard: String)
    case fieldRejected(name: String, heard: String, reason: String)
    case fieldCorrected(name: String, from: JSONValue, to: JSONValue)
    case muted
    case unmuted
    /// A `{{result.path}}` in Speak on Receive that the response didn't have.
    case placeholderMissing(path: String)
    case actionCompleted(ActionID)
    case actionFailed(ActionID, InvocationFault)
    /// The caller said "cancel" / "never mind" before the request was sent.
    case actionCancelled(ActionID)
    case dtmfSent(String)
    case transferred(to: String, warm: Bool)
    case callEnded(reason: CallEndReason)
}

public enum CallEndReason: String, Sendable, Equatable, Codable {
    case completed, callerHungUp = "caller_hung_up", agentHungUp = "agent_hung_up", transferred, error
}

/// A request the agent wants sent: the action and the collected arguments.
/// The driver turns it into bytes on the wire (see the HTTP layer).
public struct InvocationRequest: Sendable, Equatable {
    public var action: Action
    public var arguments: JSONObject
    /// Sent as `call_id` in the body.
    public var callID: String
    /// Unique per invocation; sent as the `Idempotency-Key` header.
    public var idempotencyKey: String

    public init(action: Action, arguments: JSONObject, callID: String, idempotencyKey: String = UUID().uuidString.lowercased()) {
        self.action = action
        self.arguments = arguments
        self.callID = callID
        self.idempotencyKey = idempotencyKey
    }
}

/// How a request ended, as the agent needs to know it.
public enum InvocationOutcome: Sendable, Equatable {
    /// A 2xx with a JSON object body holding an object `result`.
    case success(result: JSONObject, agentMessage: String?, exchange: HTTPExchange)
    case failure(InvocationFault, exchange: HTTPExchange?)
}

/// Exactly which way a request failed; the call's events name it.
public enum InvocationFault: Sendable, Equatable {
    case needsURL
    /// The request was never sent: the action's own settings stop it (an
    /// undefined `{{secret.X}}`/`{{env.X}}`, an invalid URL or signing secret).
    /// The detail says what and how to fix it.
    case notSent(String)
    case connectionFailed(String)
    case timedOut(seconds: Int)
    case tls(String)
    case authentication(status: Int)
    case clientError(status: Int)
    case serverError(status: Int)
    case tooManyRedirects
    /// The endpoint redirected to somewhere we don't follow (not http(s), a
    /// port out of range); the text names the status, where from and where to.
    case redirectNotFollowed(String)
    case bodyNotJSON
    case resultMissing
    case resultNotObject
    case bodyTooLarge(limit: Int)
    case cancelled
    case unexpectedStatus(Int)
    /// The endpoint answered in its platform's way that the tool failed
    /// (Vapi's `{"results":[{"toolCallId","error"}]}`); the text is the error.
    case toolError(String)
    /// An answer the action's platform would ignore (a Vapi `toolCallId` that
    /// does not match, a multi-line result, a status other than 200); the text says why.
    case platformIgnored(String)

    /// A stable name for logs and `--json`: `timeout`, `server_error`, …
    public var code: String {
        switch self {
        case .needsURL: return "needs_url"
        case .notSent: return "not_sent"
        case .connectionFailed: return "connection_failed"
        case .timedOut: return "timeout"
        case .tls: return "tls_error"
        case .authentication: return "authentication"
        case .clientError: return "client_error"
        case .serverError: return "server_error"
        case .tooManyRedirects: return "too_many_redirects"
        case .redirectNotFollowed: return "redirect_not_followed"
        case .bodyNotJSON: return "body_not_json"
        case .resultMissing: return "result_missing"
        case .resultNotObject: return "result_not_object"
        case .bodyTooLarge: return "body_too_large"
        case .cancelled: return "cancelled"
        case .unexpectedStatus: return "unexpected_status"
        case .toolError: return "tool_error"
        case .platformIgnored: return "platform_ignored"
        }
    }
}

extension InvocationFault {
    /// A short explanation for people, for logs and transcripts.
    public var explanation: String {
        switch self {
        case .needsURL: return "the action has no URL yet"
        case let .notSent(reason): return "not sent: \(reason)"
        // Not "could not connect": a reset or close comes after connecting, and the reason says which.
        case let .connectionFailed(reason): return "connection failed: \(reason)"
        case let .timedOut(seconds): return "no response within \(seconds) s"
        case let .tls(reason): return "TLS error: \(reason)"
        case let .authentication(status): return "HTTP \(status): the endpoint refused our credentials"
        case let .clientError(status): return "HTTP \(status): the endpoint refused the request"
        case let .serverError(status): return "HTTP \(status): the endpoint failed"
        case .tooManyRedirects: return "too many redirects"
        case let .redirectNotFollowed(reason): return "redirect not followed: \(reason)"
        case .bodyNotJSON: return "the response body is not JSON"
        case .resultMissing: return "the response has no \"result\""
        case .resultNotObject: return "the response's \"result\" is not an object"
        case let .bodyTooLarge(limit): return "the response is larger than \(limit) bytes"
        case .cancelled: return "the request was cancelled"
        case let .unexpectedStatus(status): return "unexpected HTTP status \(status)"
        case let .toolError(message): return "the endpoint reported an error: \(message)"
        case let .platformIgnored(reason): return reason
        }
    }
}

/// The request and response exactly as they crossed the wire, for the
/// inspector and the call log.
public struct HTTPExchange: Sendable, Equatable {
    public var method: String
    public var url: String
    public var requestHeaders: [HTTPHeader]
    public var requestBody: [UInt8]
    public var status: Int?
    public var responseHeaders: [HTTPHeader]
    public var responseBody: [UInt8]
    /// From the first byte sent to the last byte received.
    public var durationMilliseconds: Double
    /// The redirects followed on the way to the final response, in order.
    public var redirects: [HTTPRedirect] = []

    public init(method: String = "POST", url: String, requestHeaders: [HTTPHeader], requestBody: [UInt8], status: Int? = nil,
                responseHeaders: [HTTPHeader] = [], responseBody: [UInt8] = [], durationMilliseconds: Double = 0) {
        self.method = method
        self.url = url
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.durationMilliseconds = durationMilliseconds
    }
}

/// One redirect followed: its status and where it sent the request (for the
/// transcript and the call log; a hop to another origin carries none of the
/// action's own headers).
public struct HTTPRedirect: Sendable, Equatable {
    public var status: Int
    public var location: String

    public init(status: Int, location: String) {
        self.status = status
        self.location = location
    }
}
