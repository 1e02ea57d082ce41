import ActionModel

/// A definition format an action can be exported to or imported from: the
/// five voice platforms a call can speak, plus OpenAI function tools (a
/// definition only; OpenAI does not call URLs).
public enum PlatformFormat: String, Sendable, CaseIterable {
    case fluents, vapi, retell, elevenlabs, bland, openai

    public init(_ platform: ActionPlatform) {
        switch platform {
        case .fluents: self = .fluents
        case .vapi: self = .vapi
        case .retell: self = .retell
        case .elevenlabs: self = .elevenlabs
        case .bland: self = .bland
        }
    }

    /// The platform whose calls this format describes; nil for OpenAI.
    public var platform: ActionPlatform? { ActionPlatform(rawValue: rawValue) }

    public var title: String { platform?.title ?? "OpenAI" }

    /// "fluents, vapi, retell, elevenlabs, bland or openai", for messages.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// Which format one tool definition is written in, from the keys only
    /// each platform uses; nil when nothing tells (the caller asks for `--platform`).
    public static func detect(_ tool: JSONValue) -> PlatformFormat? {
        guard let object = tool.objectValue else { return nil }
        let type = object["type"]?.stringValue
        if let type, type.hasPrefix("action_") { return .fluents }
        switch type {
        case "function":
            // OpenAI's tool has no server, messages or async; Vapi's does.
            if object["server"] != nil || object["messages"] != nil || object["async"] != nil { return .vapi }
            return .openai
        case "endCall", "transferCall", "dtmf", "apiRequest": return .vapi
        case "custom", "end_call", "transfer_call", "press_digit": return .retell
        case "webhook", "system": return .elevenlabs
        case nil:
            if object["api_schema"] != nil { return .elevenlabs }
            if object["url"] != nil, object["body"] != nil || object["speech"] != nil || object["input_schema"]?.objectValue?["example"] != nil {
                return .bland
            }
            if object["parameters"] != nil, object["name"] != nil { return .openai }  // a bare function
            return nil
        default:
            return nil
        }
    }
}
