import ActionModel

// What the runtime says back about a record the console saved or deleted
// (an agent, a webhook, and the records coming next): one failure type for
// all of them.

/// A record operation that did not go through, in words for the status line.
public struct RecordFailure<Record: Identifiable & Sendable & Equatable>: Sendable, Equatable, Error
where Record.ID: Sendable & Equatable {
    public enum Reason: Sendable, Equatable {
        /// The record changed (or was deleted: `current` nil) since it was read.
        case conflict(current: Record?)
        case invalid
        case readOnly
        case notFound
        case other
    }
    public var reason: Reason
    public var message: String
    /// The record it was about, when one.
    public var recordID: Record.ID?

    public init(reason: Reason, message: String, recordID: Record.ID? = nil) {
        self.reason = reason
        self.message = message
        self.recordID = recordID
    }
}

/// An agent save or delete that did not go through.
public typealias AgentFailure = RecordFailure<Agent>
/// A webhook save, delete or test that did not go through.
public typealias WebhookFailure = RecordFailure<Webhook>

extension RecordFailure where Record == Agent {
    public init(reason: Reason, message: String, agentID: AgentID? = nil) {
        self.init(reason: reason, message: message, recordID: agentID)
    }

    public var agentID: AgentID? {
        get { recordID }
        set { recordID = newValue }
    }
}

extension RecordFailure where Record == Webhook {
    public init(reason: Reason, message: String, webhookID: WebhookID? = nil) {
        self.init(reason: reason, message: message, recordID: webhookID)
    }

    public var webhookID: WebhookID? {
        get { recordID }
        set { recordID = newValue }
    }
}
