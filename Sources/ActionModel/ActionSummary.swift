import Foundation

/// What a list of actions shows: everything but the kind's settings. The
/// console's tables and `actions list` work on these, so a store of 100,000
/// actions loads without decoding 100,000 Input Schemas; the full `Action` is
/// read when one is opened. Property names match `Action`'s.
public struct ActionSummary: Sendable, Equatable, Identifiable {
    public var id: ActionID
    public var kind: ActionKind
    public var name: String
    public var functionName: String
    public var description: String
    public var trigger: ActionTrigger
    /// Transfer Calls and Warm Transfer: the number dialled.
    public var phoneNumber: String?
    /// Custom Input: the URL called (nil when it still needs one).
    public var url: String?
    /// Custom Input: how many properties the Input Schema has, and how many of
    /// them are required (0 for the other kinds).
    public var propertyCount: Int
    public var requiredCount: Int
    /// The kind's one line of text, for the details strip: DTMF's buttons, End
    /// Conversation's goodbye, Warm Transfer's briefing ("" when unset); nil for
    /// the other kinds.
    public var detail: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: ActionID, kind: ActionKind, name: String, functionName: String, description: String, trigger: ActionTrigger,
        phoneNumber: String?, url: String?, propertyCount: Int = 0, requiredCount: Int = 0, detail: String? = nil,
        createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.functionName = functionName
        self.description = description
        self.trigger = trigger
        self.phoneNumber = phoneNumber
        self.url = url
        self.propertyCount = propertyCount
        self.requiredCount = requiredCount
        self.detail = detail
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    /// A Custom Input action without a URL can't be called yet.
    public var needsURL: Bool { kind == .customInput && (url ?? "").isEmpty }
}

extension Action {
    public var summary: ActionSummary {
        let schema = customInput?.inputSchema
        return ActionSummary(
            id: id, kind: kind, name: name, functionName: functionName, description: description, trigger: trigger,
            phoneNumber: phoneNumber, url: customInput?.url,
            propertyCount: schema?.properties.count ?? 0, requiredCount: schema?.requiredNames.count ?? 0,
            detail: summaryDetail, createdAt: createdAt, updatedAt: updatedAt, version: version)
    }

    /// `ActionSummary.detail`: the kind's one line of text, if it has one.
    public var summaryDetail: String? {
        switch configuration {
        case let .dtmf(config): return config.buttons
        case let .endConversation(config): return config.goodbye
        case let .warmTransfer(config): return config.summary
        case .customInput, .transferCalls: return nil
        }
    }
}
