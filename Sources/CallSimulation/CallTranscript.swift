import ActionModel
import Foundation

/// Turns call events into the store's call log lines. (`request_sent` and
/// `response` entries are written by the HTTP driver, not here.)
public enum CallEventLog {
    public static func entry(for event: CallEvent, sequence: Int, time: Date) -> CallLogEntry {
        func make(_ type: String, _ text: String, _ action: ActionID? = nil, _ data: JSONObject = JSONObject()) -> CallLogEntry {
            CallLogEntry(sequence: sequence, time: time, type: type, text: text, actionID: action, data: data)
        }
        switch event {
        case let .agentSaid(text):
            return make("agent_said", text)
        case let .callerSaid(text):
            return make("caller_said", text)
        case let .callerNotHeard(text):
            return make("caller_not_heard", text, nil, ["reason": "the agent was muted, waiting for a response"])
        case let .actionSelected(id, name):
            return make("action_selected", "Selected \(name)", id, ["name": .string(name)])
        case let .fieldCollected(name, value, heard):
            return make("field_collected", "\(name) = \(value.compactText)", nil,
                        ["field": .string(name), "value": value, "heard": .string(heard)])
        case let .fieldRejected(name, heard, reason):
            return make("field_rejected", "\(name) not accepted: \(reason)", nil,
                        ["field": .string(name), "heard": .string(heard), "reason": .string(reason)])
        case let .fieldCorrected(name, from, to):
            return make("field_corrected", "\(name) changed from \(from.compactText) to \(to.compactText)", nil,
                        ["field": .string(name), "from": from, "to": to])
        case .muted:
            return make("muted", "Agent muted, waiting for the response")
        case .unmuted:
            return make("unmuted", "Agent unmuted")
        case let .placeholderMissing(path):
            return make("placeholder_missing", "{{\(path)}} was not in the response, so it was left out", nil, ["path": .string(path)])
        case let .actionCompleted(id):
            return make("action_completed", "Action completed", id)
        case let .actionFailed(id, fault):
            var data: JSONObject = ["error": .string(fault.code), "detail": .string(fault.explanation)]
            if let status = status(fault) { data["status"] = .integer(status) }
            return make("action_failed", "Action failed: \(fault.explanation)", id, data)
        case let .actionCancelled(id):
            return make("action_cancelled", "Action cancelled by the caller", id)
        case let .dtmfSent(buttons):
            return make("dtmf_sent", "Pressed \(buttons.map(String.init).joined(separator: " "))", nil, ["buttons": .string(buttons)])
        case let .transferred(to, warm):
            return make("transferred", warm ? "Warm transfer to \(to)" : "Transferred to \(to)", nil,
                        ["to": .string(to), "warm": .bool(warm)])
        case let .callEnded(reason):
            return make("call_ended", "Call ended (\(reason.rawValue.replacingOccurrences(of: "_", with: " ")))", nil,
                        ["reason": .string(reason.rawValue)])
        }
    }

    static func status(_ fault: InvocationFault) -> Int? {
        switch fault {
        case let .authentication(status), let .clientError(status), let .serverError(status), let .unexpectedStatus(status): return status
        default: return nil
        }
    }
}
