/// The voice platform an action is written for. It decides what a simulated
/// call sends (body, signature) and what answer it expects; the mapping of
/// each platform lives in the Platforms module, this is only the choice.
public enum ActionPlatform: String, Sendable, CaseIterable, Codable {
    /// Fluents.ai / Vocode `action_external`: `{call_id, payload}` + `x-vocode-signature`.
    case fluents
    case vapi
    case retell
    case elevenlabs
    case bland

    public static let `default`: ActionPlatform = .fluents

    /// The name people see: "Fluents/Vocode", "Vapi", …
    public var title: String {
        switch self {
        case .fluents: return "Fluents/Vocode"
        case .vapi: return "Vapi"
        case .retell: return "Retell"
        case .elevenlabs: return "ElevenLabs"
        case .bland: return "Bland"
        }
    }

    /// "fluents, vapi, retell, elevenlabs or bland", for messages.
    public static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
