import Foundation

/// Something an agent can do during a call: call your URL with collected data
/// (Custom Input, the Custom External Action) or one of the phone behaviours.
public struct Action: Sendable, Equatable, Identifiable {
    public var id: ActionID
    /// The human name shown in lists ("Create CRM lead").
    public var name: String
    /// The tool name the LLM sees; `^[a-zA-Z0-9_-]{1,64}$`, unique in a store.
    public var functionName: String
    public var description: String
    public var trigger: ActionTrigger
    public var configuration: ActionConfiguration
    /// The platform whose request, signature and response contract a call uses.
    public var platform: ActionPlatform
    public var createdAt: Date
    public var updatedAt: Date
    /// Starts at 1 and grows with every saved change; an update must carry the
    /// version it read, so two writers never silently overwrite each other.
    public var version: Int

    public init(
        id: ActionID = ActionID.generate(), name: String, functionName: String? = nil, description: String = "",
        trigger: ActionTrigger = .functionCall, configuration: ActionConfiguration, platform: ActionPlatform = .default,
        createdAt: Date = Date(), updatedAt: Date? = nil, version: Int = 1
    ) {
        self.id = id
        self.name = name
        self.functionName = functionName ?? FunctionName.derived(from: name)
        self.description = description
        self.trigger = trigger
        self.configuration = configuration
        self.platform = platform
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.version = version
    }

    public var kind: ActionKind { configuration.kind }

    /// The phone number the action dials, for the list's Phone Number column.
    public var phoneNumber: String? {
        switch configuration {
        case let .transferCalls(config): return config.phoneNumber
        case let .warmTransfer(config): return config.phoneNumber
        default: return nil
        }
    }

    public var customInput: CustomInputConfiguration? {
        if case let .customInput(config) = configuration { return config } else { return nil }
    }
}

public enum ActionKind: String, Sendable, CaseIterable, Codable {
    case customInput = "custom-input"
    case endConversation = "end-conversation"
    case transferCalls = "transfer-calls"
    case dtmf
    case warmTransfer = "warm-transfer"

    /// The name people see in the "Create a new action" dialog.
    public var title: String {
        switch self {
        case .customInput: return "Custom Input"
        case .endConversation: return "End Conversation"
        case .transferCalls: return "Transfer Calls"
        case .dtmf: return "DTMF"
        case .warmTransfer: return "Warm Transfer"
        }
    }

    /// One line on what the type does, for the create dialog and `--help`.
    public var summary: String {
        switch self {
        case .customInput: return "Calls your URL with data the agent collects, then speaks the answer."
        case .endConversation: return "Says a goodbye line and hangs up the call."
        case .transferCalls: return "Transfers the caller to another phone number."
        case .dtmf: return "Presses phone keypad buttons (0-9, *, #) to navigate a phone menu."
        case .warmTransfer: return "Briefs a person with a summary, then hands the caller over."
        }
    }

    /// Whether the action only makes sense on a phone call (the Call Actions tab).
    public var isPhoneOnly: Bool { self != .customInput }
}

/// How the agent decides to use the action.
public enum ActionTrigger: Sendable, Equatable {
    /// The LLM calls the action as a tool (the default).
    case functionCall
    /// The action runs when what the agent said contains one of these phrases
    /// (case-insensitive; see `matches(agentUtterance:)`).
    case phrases([String])

    /// Vocode's rule (`matches_phrase_trigger`, which Fluents runs): the agent's
    /// words are lowercased and everything but letters, digits, `_` and spaces
    /// is taken out ("I'll transfer you, OK?" → "ill transfer you ok"); a phrase
    /// matches when, lowercased, it is inside that. The phrase itself keeps its
    /// punctuation, so a phrase with an apostrophe, hyphen or full stop of its
    /// own can never match — on the platform as here.
    public func matches(agentUtterance: String) -> Bool {
        guard case let .phrases(phrases) = self else { return false }
        let said = Self.comparable(agentUtterance)
        return phrases.contains { !$0.isEmpty && said.contains($0.lowercased()) }
    }

    /// The agent's words as the match sees them: lowercased, only letters,
    /// digits, `_` and spaces left.
    public static func comparable(_ words: String) -> String {
        String(words.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" || $0.isWhitespace })
    }

    /// The phrases that can never match, because they keep characters the
    /// agent's words lose before matching ("I'll transfer you"), each with the
    /// form that would match ("ill transfer you").
    public var unmatchablePhrases: [(phrase: String, matchable: String)] {
        guard case let .phrases(phrases) = self else { return [] }
        return phrases.compactMap { phrase in
            let lowered = phrase.lowercased()
            let matchable = Self.comparable(phrase)
            return matchable == lowered ? nil : (phrase, matchable)
        }
    }

    /// How the trigger reads in the list's Action Trigger column.
    public var label: String {
        switch self {
        case .functionCall: return "Function call"
        case let .phrases(phrases):
            return "Phrase: " + phrases.map { "\"\($0)\"" }.joined(separator: ", ")
        }
    }
}

public enum ActionConfiguration: Sendable, Equatable {
    case customInput(CustomInputConfiguration)
    case endConversation(EndConversationConfiguration)
    case transferCalls(TransferCallsConfiguration)
    case dtmf(DTMFConfiguration)
    case warmTransfer(WarmTransferConfiguration)

    public var kind: ActionKind {
        switch self {
        case .customInput: return .customInput
        case .endConversation: return .endConversation
        case .transferCalls: return .transferCalls
        case .dtmf: return .dtmf
        case .warmTransfer: return .warmTransfer
        }
    }

    /// An empty configuration of a kind, as the create form starts it.
    public static func empty(_ kind: ActionKind) -> ActionConfiguration {
        switch kind {
        case .customInput: return .customInput(CustomInputConfiguration())
        case .endConversation: return .endConversation(EndConversationConfiguration())
        case .transferCalls: return .transferCalls(TransferCallsConfiguration())
        case .dtmf: return .dtmf(DTMFConfiguration())
        case .warmTransfer: return .warmTransfer(WarmTransferConfiguration())
        }
    }
}

/// How collected fields travel in the request body.
public enum BodyFormat: String, Sendable, CaseIterable, Codable {
    /// `{"call_id": "…", "payload": {…fields…}}`, as Fluents.ai sends it.
    case fluents
    /// The fields themselves are the body.
    case argsAtRoot = "args-at-root"
}

/// One request header, kept in the order the user wrote them.
public struct HTTPHeader: Sendable, Equatable, Codable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct CustomInputConfiguration: Sendable, Equatable {
    /// Where the POST goes. Nil for an action imported from OpenAI tools, which
    /// carry no URL: such an action "needs a URL" before a call can use it.
    public var url: String?
    /// Said before the request; empty says nothing.
    public var speakOnSend: String
    /// Said after the response; may hold `{{result.some.path}}` placeholders.
    public var speakOnReceive: String
    public var inputSchema: InputSchema
    public var timeoutSeconds: Int
    public var headers: [HTTPHeader]
    /// Base64 key for the `x-vocode-signature` HMAC; nil sends no signature.
    public var signatureSecret: String?
    public var bodyFormat: BodyFormat
    /// The simulated agent asks for the optional fields once, after the required
    /// ones, unless the caller already gave or declined them. Off by default, so an
    /// action's dialogue only grows when its author asks for it.
    public var asksOptionalFields: Bool
    /// The simulated agent reads the values back before sending ("Thursday,
    /// December 10th at 10:30 AM, right?"): "yes" sends, "no, …" corrects.
    public var readsBack: Bool

    public static let defaultTimeoutSeconds = 10
    public static let timeoutRange = 1...300

    public init(
        url: String? = nil, speakOnSend: String = "", speakOnReceive: String = "", inputSchema: InputSchema = InputSchema(),
        timeoutSeconds: Int = CustomInputConfiguration.defaultTimeoutSeconds, headers: [HTTPHeader] = [],
        signatureSecret: String? = nil, bodyFormat: BodyFormat = .fluents, asksOptionalFields: Bool = false, readsBack: Bool = false
    ) {
        self.url = url
        self.speakOnSend = speakOnSend
        self.speakOnReceive = speakOnReceive
        self.inputSchema = inputSchema
        self.timeoutSeconds = timeoutSeconds
        self.headers = headers
        self.signatureSecret = signatureSecret
        self.bodyFormat = bodyFormat
        self.asksOptionalFields = asksOptionalFields
        self.readsBack = readsBack
    }

    public var needsURL: Bool { (url ?? "").isEmpty }
}

public struct EndConversationConfiguration: Sendable, Equatable {
    public var goodbye: String
    public init(goodbye: String = "") { self.goodbye = goodbye }
}

public struct TransferCallsConfiguration: Sendable, Equatable {
    /// E.164, e.g. `+14155550100`. Set from any usual spelling (`+1 (415)
    /// 555-0100`), it keeps the E.164 form, so every way in (form, command line,
    /// import) stores the same; text that isn't a number is kept as typed for
    /// `FieldRules.phoneNumber` to explain.
    public var phoneNumber: String { didSet { PhoneNumber.normalize(&phoneNumber) } }
    public init(phoneNumber: String = "") {
        self.phoneNumber = phoneNumber
        PhoneNumber.normalize(&self.phoneNumber)
    }
}

public struct DTMFConfiguration: Sendable, Equatable {
    /// The keypad buttons to press, in order: `0-9`, `*`, `#`.
    public var buttons: String
    public init(buttons: String = "") { self.buttons = buttons }
}

public struct WarmTransferConfiguration: Sendable, Equatable {
    /// E.164, normalised as `TransferCallsConfiguration.phoneNumber` is.
    public var phoneNumber: String { didSet { PhoneNumber.normalize(&phoneNumber) } }
    /// Said to the person the call is handed to before the caller joins.
    public var summary: String
    public init(phoneNumber: String = "", summary: String = "") {
        self.phoneNumber = phoneNumber
        self.summary = summary
        PhoneNumber.normalize(&self.phoneNumber)
    }
}
