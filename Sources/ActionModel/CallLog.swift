import Foundation

/// A simulated call as the store keeps it: who took part, how it ended, and
/// every event in order. Saved as it happens, so a crash keeps what was said.
public struct CallRecord: Sendable, Equatable, Identifiable {
    public var id: CallID
    public var agentID: AgentID?
    public var agentName: String
    /// The action the call was started from ("test this action"), if any.
    public var startedFromAction: ActionID?
    public var startedAt: Date
    public var endedAt: Date?
    /// Why it ended (`completed`, `caller_hung_up`, `transferred`, `error`, …); nil while live.
    public var endReason: String?
    /// `console` or `headless`.
    public var origin: String

    public init(id: CallID = CallID.generate(), agentID: AgentID?, agentName: String, startedFromAction: ActionID? = nil,
                startedAt: Date = Date(), endedAt: Date? = nil, endReason: String? = nil, origin: String) {
        self.id = id
        self.agentID = agentID
        self.agentName = agentName
        self.startedFromAction = startedFromAction
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.endReason = endReason
        self.origin = origin
    }
}

/// One line of a call's transcript or action timeline.
public struct CallLogEntry: Sendable, Equatable {
    /// 1, 2, 3 … within the call.
    public var sequence: Int
    public var time: Date
    /// The event type, e.g. `agent_said`, `caller_said`, `field_collected`, `request_sent`, `response`, `action_failed`.
    public var type: String
    /// What was said, for transcript lines; a short human summary otherwise.
    public var text: String
    public var actionID: ActionID?
    /// Everything else about the event (parameters sent, HTTP status, result JSON, error …).
    public var data: JSONObject

    public init(sequence: Int, time: Date, type: String, text: String, actionID: ActionID? = nil, data: JSONObject = JSONObject()) {
        self.sequence = sequence
        self.time = time
        self.type = type
        self.text = text
        self.actionID = actionID
        self.data = data
    }
}
