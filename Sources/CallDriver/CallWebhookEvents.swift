import ActionHTTP
import ActionModel
import CallSimulation
import Foundation

/// Turns a call's timeline into webhook events, as it happens (docs/webhooks.md):
///
/// - `call_connected` when the call starts;
/// - `message` for each transcript line (agent or caller; a line the muted
///   agent did not hear has `"heard": false`);
/// - `action` for each request that came back or could not be sent: the
///   action, its input parameters, its output (result, agent message) or its
///   error, HTTP status and duration;
/// - `error` for each failed action;
/// - `call_ended` with the duration and the end reason, then `transcript`
///   with every line.
///
/// A plain value: the call's actor owns it, so it needs no locking.
public struct CallWebhookEvents: Sendable {
    public let record: CallRecord
    private var actionNames: [ActionID: String] = [:]
    private var sentParameters: [ActionID: JSONValue] = [:]
    /// Actions whose failure was already told as an `action` event (from their response).
    private var reportedFailures: Set<ActionID> = []
    private var lines: [JSONValue] = []
    private var startedAt: Date

    public init(record: CallRecord) {
        self.record = record
        self.startedAt = record.startedAt
    }

    private var callID: String { record.id.rawValue }

    public mutating func connected(at time: Date) -> WebhookEvent {
        startedAt = time
        return WebhookEvent(type: .callConnected, callID: callID, time: time, data: [
            "agent_id": record.agentID.map { .string($0.rawValue) } ?? .null,
            "agent_name": .string(record.agentName),
            "started_from_action": record.startedFromAction.map { .string($0.rawValue) } ?? .null,
            "origin": .string(record.origin),
        ])
    }

    public mutating func events(for item: CallTimelineItem) -> [WebhookEvent] {
        let time = item.time
        switch item.kind {
        case let .event(event):
            switch event {
            case let .agentSaid(text):
                return [message(speaker: "agent", text: text, heard: true, at: time)]
            case let .callerSaid(text):
                return [message(speaker: "caller", text: text, heard: true, at: time)]
            case let .callerNotHeard(text):
                return [message(speaker: "caller", text: text, heard: false, at: time)]
            case let .actionSelected(id, name):
                actionNames[id] = name
                reportedFailures.remove(id)
                return []
            case let .actionFailed(id, fault):
                var events: [WebhookEvent] = []
                if !reportedFailures.contains(id) {
                    // Failed before any request went out (e.g. the action has no URL yet).
                    events.append(actionEvent(id, parameters: nil, status: "failed", exchange: nil, output: nil, fault: fault, at: time))
                }
                reportedFailures.remove(id)
                events.append(WebhookEvent(type: .error, callID: callID, time: time, data: [
                    "source": "action", "action_id": .string(id.rawValue), "action_name": name(id),
                    "code": .string(fault.code), "detail": .string(fault.explanation),
                ]))
                return events
            case let .callEnded(reason):
                let duration = max(0, time.timeIntervalSince(startedAt) * 1000)
                return [
                    WebhookEvent(type: .callEnded, callID: callID, time: time, data: [
                        "end_reason": .string(reason.rawValue), "duration_ms": .integer(Int(duration.rounded())),
                        "started_at": .string(Timestamp.format(startedAt)), "ended_at": .string(Timestamp.format(time)),
                        "agent_id": record.agentID.map { .string($0.rawValue) } ?? .null, "agent_name": .string(record.agentName),
                    ]),
                    WebhookEvent(type: .transcript, callID: callID, time: time, data: [
                        "lines": .array(lines), "line_count": .integer(lines.count),
                    ]),
                ]
            default:
                return []
            }
        case .modelTurn, .modelProgress:
            return []
        case let .requestSent(actionID, exchange):
            sentParameters[actionID] = CallLogMapping.parameters(of: exchange)
            return []
        case let .response(actionID, outcome):
            let parameters = sentParameters.removeValue(forKey: actionID)
            switch outcome {
            case let .success(result, agentMessage, exchange):
                var output: JSONObject = ["result": .object(result)]
                if let agentMessage { output["agent_message"] = .string(agentMessage) }
                return [actionEvent(actionID, parameters: parameters, status: "completed", exchange: exchange, output: output, fault: nil, at: time)]
            case let .failure(fault, exchange):
                reportedFailures.insert(actionID)
                return [actionEvent(actionID, parameters: parameters, status: "failed", exchange: exchange, output: nil, fault: fault, at: time)]
            }
        }
    }

    private mutating func message(speaker: String, text: String, heard: Bool, at time: Date) -> WebhookEvent {
        var line: JSONObject = ["speaker": .string(speaker), "text": .string(text), "time": .string(Timestamp.format(time))]
        if !heard { line["heard"] = false }
        lines.append(.object(line))
        var data: JSONObject = ["speaker": .string(speaker), "text": .string(text)]
        if !heard { data["heard"] = false }
        return WebhookEvent(type: .message, callID: callID, time: time, data: data)
    }

    private func name(_ id: ActionID) -> JSONValue { actionNames[id].map { .string($0) } ?? .null }

    private func actionEvent(
        _ id: ActionID, parameters: JSONValue?, status: String, exchange: HTTPExchange?, output: JSONObject?, fault: InvocationFault?, at time: Date
    ) -> WebhookEvent {
        var data: JSONObject = [
            "action_id": .string(id.rawValue), "action_name": name(id), "status": .string(status),
            "input": parameters ?? .null,
        ]
        data["output"] = output.map { .object($0) } ?? .null
        if let fault { data["error"] = ["code": .string(fault.code), "detail": .string(fault.explanation)] }
        data["http_status"] = exchange?.status.map { .integer($0) } ?? .null
        data["duration_ms"] = exchange.map { .number(($0.durationMilliseconds * 10).rounded() / 10) } ?? .null
        return WebhookEvent(type: .action, callID: callID, time: time, data: data)
    }
}
