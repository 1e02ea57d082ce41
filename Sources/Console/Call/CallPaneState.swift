import ActionModel
import CallSimulation
import Foundation

/// The call pane: a simulated call as the console shows it. Built only from
/// the `CallActivity` messages the runtime sends, plus what is being typed.
struct CallPane: Sendable, Equatable {
    enum Focus: Sendable, Equatable { case input, inspector }

    /// Where a schema field stands in the checklist.
    enum FieldStatus: Sendable, Equatable {
        case collected(JSONValue)
        case rejected(heard: String, reason: String)
    }

    /// One line of the transcript.
    struct Line: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case agent, caller
            /// Said while the agent was muted: not heard.
            case notHeard
            /// Fields, mute, actions selected: drawn muted.
            case event
            case request, response
            case failure
        }
        var kind: Kind
        var text: String
    }

    /// What the pane shows in its status row, from the call so far.
    enum Phase: Sendable, Equatable {
        case connecting, collecting, waiting, answered, failed, ended
    }

    let callID: CallID
    /// "Testing Create CRM lead" or "Call with Front desk".
    var title: String
    var agentName: String?
    var started = false
    var startProblem: String?
    /// The actions the agent has used so far (the checklist shows the current one's schema).
    var actions: [Action] = []
    var currentAction: Action?
    var fields: [String: FieldStatus] = [:]
    var transcript: [Line] = []
    var input = TextField()
    /// Between `.muted` and `.unmuted`.
    var muted = false
    var mutedAt: Date?
    /// The request on the wire, not answered yet, and when it left.
    var inFlight: HTTPExchange?
    var requestSentAt: Date?
    /// Esc was pressed while in flight; the answer (cancelled) is on its way.
    var cancelling = false
    /// The last request, with its response once it came back.
    var lastExchange: HTTPExchange?
    var lastOutcome: InvocationOutcome?
    /// The outcome of the action collected last (cleared when another is selected).
    var result: InvocationOutcome?
    var ended: CallEndReason?
    /// The latest time the console has heard of (from `.clock` and activity).
    var now: Date
    var showsInspector = false
    var focus: Focus = .input
    var inspectorScroll = 0
    /// Lines scrolled up from the newest (0: following the call).
    var transcriptScroll = 0
    /// The last "copy as curl" command, masked, to show in the inspector.
    var curl: String?
    /// A model reply under way (model engine): shown as it streams, Esc cancels it.
    var thinking: Thinking?

    struct Thinking: Sendable, Equatable {
        var since: Date
        /// The words streamed so far.
        var text = ""
        var firstTokenMilliseconds: Double?
        /// A 429: seconds left before the retry.
        var retryIn: Int?
    }

    init(callID: CallID, title: String, now: Date) {
        self.callID = callID
        self.title = title
        self.now = now
    }

    var hasEnded: Bool { ended != nil || startProblem != nil }
    var isWaiting: Bool { muted || inFlight != nil || thinking != nil }

    var phase: Phase {
        if hasEnded { return .ended }
        if !started { return .connecting }
        if isWaiting { return .waiting }
        switch result {
        case .success?: return .answered
        case .failure?: return .failed
        case nil: return .collecting
        }
    }

    /// Milliseconds since the request left (or since the agent went quiet, until it leaves; or since the model was asked).
    var waitingMilliseconds: Int {
        guard let since = requestSentAt ?? mutedAt ?? thinking?.since else { return 0 }
        return max(0, Int((now.timeIntervalSince(since) * 1000).rounded()))
    }

    // MARK: Activity

    mutating func apply(_ activity: CallActivity) {
        if activity.time > now { now = activity.time }
        switch activity.kind {
        case let .started(agentName):
            started = true
            self.agentName = agentName
        case let .actionInUse(action):
            actions.removeAll { $0.id == action.id }
            actions.append(action)
        case let .warning(text):
            transcript.append(Line(kind: .failure, text: "⚠ " + text))
        case let .failedToStart(problem):
            startProblem = problem
            transcript.append(Line(kind: .failure, text: "The call could not start: \(problem)"))
        case let .event(event):
            apply(event, at: activity.time)
        case let .model(progress):
            switch progress {
            case .started: thinking = Thinking(since: activity.time)
            case let .text(text): thinking?.text += text
            case let .firstToken(milliseconds): thinking?.firstTokenMilliseconds = milliseconds
            case let .retrying(seconds, _): thinking?.retryIn = seconds
            }
        case let .modelTurnEnded(summary, fault):
            thinking = nil
            cancelling = false
            if let fault {
                transcript.append(Line(kind: .failure, text: "· model turn failed: \(fault)"))
            } else {
                transcript.append(Line(kind: .event, text: "· model: \(summary)"))
            }
        case let .requestSent(_, exchange):
            inFlight = exchange
            requestSentAt = activity.time
            lastExchange = exchange
            lastOutcome = nil
            transcript.append(Line(kind: .request, text: "→ \(exchange.method) \(exchange.url)"))
        case let .response(_, outcome):
            if let sentAt = requestSentAt { now = max(now, sentAt) }
            inFlight = nil
            cancelling = false
            lastOutcome = outcome
            result = outcome
            switch outcome {
            case let .success(_, _, exchange):
                lastExchange = exchange
                transcript.append(Line(kind: .response, text: "← \(Self.statusText(exchange.status)) in \(Self.milliseconds(exchange))"))
            case let .failure(fault, exchange):
                if let exchange { lastExchange = exchange }
                let timing = exchange.map { " after \(Self.milliseconds($0))" } ?? ""
                transcript.append(Line(kind: .failure, text: "← \(fault == .cancelled ? "cancelled" : fault.explanation)\(timing)"))
            }
        }
    }

    private mutating func apply(_ event: CallEvent, at time: Date) {
        switch event {
        case let .agentSaid(text):
            transcript.append(Line(kind: .agent, text: text))
        case let .callerSaid(text):
            transcript.append(Line(kind: .caller, text: text))
        case let .callerNotHeard(text):
            transcript.append(Line(kind: .notHeard, text: text))
        case let .actionSelected(id, name):
            currentAction = actions.first { $0.id == id }
            fields = [:]
            result = nil
            transcript.append(Line(kind: .event, text: "· action: \(name)"))
        case let .fieldCollected(name, value, _):
            fields[name] = .collected(value)
            transcript.append(Line(kind: .event, text: "· \(name) = \(value.compactText)"))
        case let .fieldRejected(name, heard, reason):
            fields[name] = .rejected(heard: heard, reason: reason)
            transcript.append(Line(kind: .event, text: "· \(name): '\(heard)' rejected — \(reason)"))
        case let .fieldCorrected(name, from, to):
            fields[name] = .collected(to)
            transcript.append(Line(kind: .event, text: "· \(name) corrected: \(from.compactText) → \(to.compactText)"))
        case .muted:
            muted = true
            mutedAt = time
            requestSentAt = nil
            transcript.append(Line(kind: .event, text: "· muted, waiting for the response"))
        case .unmuted:
            muted = false
            transcript.append(Line(kind: .event, text: "· unmuted"))
        case let .placeholderMissing(path):
            transcript.append(Line(kind: .event, text: "· the response has no {{\(path)}}"))
        case .actionCompleted:
            transcript.append(Line(kind: .event, text: "· action completed"))
        case let .actionFailed(_, fault):
            if result == nil { result = .failure(fault, exchange: nil) }
            transcript.append(Line(kind: .failure, text: "· action failed: \(fault.explanation)"))
        case .actionCancelled:
            transcript.append(Line(kind: .event, text: "· action cancelled by the caller"))
        case let .dtmfSent(buttons):
            transcript.append(Line(kind: .event, text: "· DTMF tones sent: \(buttons)"))
        case let .transferred(to, warm):
            transcript.append(Line(kind: .event, text: "· \(warm ? "warm-" : "")transferred to \(to)"))
        case let .callEnded(reason):
            ended = reason
            muted = false
            transcript.append(Line(kind: .event, text: "· call ended (\(reason.rawValue.replacingOccurrences(of: "_", with: " ")))"))
        }
    }

    static func statusText(_ status: Int?) -> String {
        guard let status else { return "no status" }
        let reasons = [200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
                       403: "Forbidden", 404: "Not Found", 422: "Unprocessable Entity", 429: "Too Many Requests",
                       500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"]
        return reasons[status].map { "\(status) \($0)" } ?? "\(status)"
    }

    static func milliseconds(_ exchange: HTTPExchange) -> String {
        "\(Int(exchange.durationMilliseconds.rounded())) ms"
    }

    // MARK: The checklist

    /// The current action's schema fields, in order, with where each stands.
    var checklist: [(property: SchemaProperty, status: FieldStatus?)] {
        guard let schema = currentAction?.customInput?.inputSchema else { return [] }
        return schema.properties.map { ($0, fields[$0.name]) }
    }
}
