import Foundation

/// A voice agent as the simulator plays it: what it says first, its prompt,
/// and the actions it may use.
public struct Agent: Sendable, Equatable, Identifiable {
    public var id: AgentID
    public var name: String
    public var greeting: String
    public var prompt: String
    /// nil: every action in the store (the default agent); else these, in order.
    public var actionIDs: [ActionID]?
    /// The agent every store has, which uses every action; it can be edited, not deleted.
    public var isDefault: Bool
    /// The engine: nil is the rule-based one (`rules`), else a model record's name.
    public var model: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: AgentID = AgentID.generate(), name: String, greeting: String = Agent.defaultGreeting,
        prompt: String = Agent.defaultPrompt, actionIDs: [ActionID]? = nil, isDefault: Bool = false, createdAt: Date = Date(), updatedAt: Date? = nil, version: Int = 1,
        model: String? = nil
    ) {
        self.model = model
        self.id = id
        self.name = name
        self.greeting = greeting
        self.prompt = prompt
        self.actionIDs = actionIDs
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }

    public var usesEveryAction: Bool { actionIDs == nil }

    /// `rules` or the model's name.
    public var engineName: String { model ?? ModelRecord.rulesEngineName }

    public static let defaultGreeting = "Hi, thanks for calling. How can I help you today?"
    public static let defaultPrompt = "You are a helpful phone agent. Use the available actions when the caller asks for them; collect every required field first."

    /// Problems that keep the agent from being saved.
    public var issues: [String] {
        var problems: [String] = []
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("Name: give the agent a name, e.g. \"Front desk\"") }
        if name.count > FieldRules.maximumNameLength {
            problems.append("Name: keep it to \(FieldRules.maximumNameLength) characters (it has \(name.count))")
        }
        if greeting.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("Greeting: enter what the agent says when it answers") }
        return problems
    }
}

/// `agt_` + 16 Crockford base32 characters.
public struct AgentID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init?(_ text: String) {
        guard let parsed = PrefixedID.parse(text, prefix: "agt_") else { return nil }
        rawValue = parsed
    }
    init(unchecked: String) { rawValue = unchecked }
    public static func generate() -> AgentID { AgentID(unchecked: PrefixedID.generate(prefix: "agt_")) }
    public var description: String { rawValue }
    public static func < (lhs: AgentID, rhs: AgentID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// `call_` + 16 Crockford base32 characters.
public struct CallID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init?(_ text: String) {
        guard let parsed = PrefixedID.parse(text, prefix: "call_") else { return nil }
        rawValue = parsed
    }
    init(unchecked: String) { rawValue = unchecked }
    public static func generate() -> CallID { CallID(unchecked: PrefixedID.generate(prefix: "call_")) }
    public var description: String { rawValue }
    public static func < (lhs: CallID, rhs: CallID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The shared shape of Switchboard's printable IDs: a prefix and 16 lowercase
/// Crockford base32 characters (80 random bits), as `ActionID` spells it out.
enum PrefixedID {
    static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(prefix: prefix, using: &generator)
    }

    static func generate<G: RandomNumberGenerator>(prefix: String, using generator: inout G) -> String {
        var text = prefix
        for _ in 0..<ActionID.bodyLength { text.append(ActionID.alphabet[Int(generator.next(upperBound: UInt8(32)))]) }
        return text
    }

    static func parse(_ text: String, prefix: String) -> String? {
        let lowered = text.lowercased()
        guard lowered.hasPrefix(prefix) else { return nil }
        let body = lowered.dropFirst(prefix.count)
        guard body.count == ActionID.bodyLength, body.allSatisfy({ ActionID.alphabet.contains($0) }) else { return nil }
        return lowered
    }
}
