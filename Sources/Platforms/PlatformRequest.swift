import ActionModel
import Foundation

/// One tool call as a platform puts it on the wire: what identifies it and
/// when it was sent (Vapi's `timestamp`, Retell's signature time).
public struct ToolCall: Sendable, Equatable {
    public var callID: String
    /// Vapi's `toolCallList[].id`; the response must echo it as `toolCallId`.
    public var toolCallID: String
    public var arguments: JSONObject
    public var time: Date

    public init(callID: String, toolCallID: String, arguments: JSONObject, time: Date) {
        self.callID = callID
        self.toolCallID = toolCallID
        self.arguments = arguments
        self.time = time
    }
}

/// The request each platform sends for a Custom Input action (PLATFORMS.md,
/// "Requests on the wire"): the URL, the body and the signature header.
public enum PlatformRequest {
    /// The URL as sent: ElevenLabs fills `{name}` path and query parameters from the arguments.
    public static func url(_ platform: ActionPlatform, url: String, arguments: JSONObject) -> String {
        guard platform == .elevenlabs else { return url }
        return URLParameters.substitute(url, arguments: arguments).url
    }

    /// The body, compact JSON with keys in the order collected.
    public static func body(_ platform: ActionPlatform, action: Action, call: ToolCall) -> String {
        let bodyFormat = action.customInput?.bodyFormat ?? .fluents
        switch platform {
        case .fluents:
            if bodyFormat == .argsAtRoot { return JSONValue.object(call.arguments).compactText }
            return JSONValue.object(JSONObject([
                (key: "call_id", value: .string(call.callID)),
                (key: "payload", value: .object(call.arguments)),
            ])).compactText
        case .vapi:
            let toolCall: JSONValue = .object(JSONObject([
                (key: "id", value: .string(call.toolCallID)),
                (key: "type", value: "function"),
                (key: "function", value: .object(JSONObject([
                    (key: "name", value: .string(action.functionName)),
                    (key: "arguments", value: .object(call.arguments)),
                ]))),
            ]))
            let message: JSONValue = .object(JSONObject([
                (key: "type", value: "tool-calls"),
                (key: "timestamp", value: .integer(milliseconds(call.time))),
                (key: "toolCallList", value: [toolCall]),
                (key: "call", value: ["id": .string(call.callID)]),
            ]))
            return JSONValue.object(["message": message]).compactText
        case .retell:
            if bodyFormat == .argsAtRoot { return JSONValue.object(call.arguments).compactText }
            return JSONValue.object(JSONObject([
                (key: "name", value: .string(action.functionName)),
                (key: "call", value: ["call_id": .string(call.callID)]),
                (key: "args", value: .object(call.arguments)),
            ])).compactText
        case .elevenlabs:
            // Arguments used as path or query parameters are not repeated in the body.
            let used = Set(URLParameters.substitute(action.customInput?.url ?? "", arguments: call.arguments).used)
            return JSONValue.object(JSONObject(call.arguments.filter { !used.contains($0.key) })).compactText
        case .bland:
            return blandBody(action.customInput?.inputSchema ?? InputSchema(), arguments: call.arguments).compactText
        }
    }

    /// Whether the action's body format (`{call_id, payload}` or the fields at
    /// the root) decides the body: on Fluents and Retell (its `args_at_root`);
    /// Vapi, ElevenLabs and Bland send a shape of their own.
    public static func usesBodyFormat(_ platform: ActionPlatform) -> Bool {
        platform == .fluents || platform == .retell
    }

    /// What a call's body is, in a few words, for `actions show` and the form.
    public static func bodyShape(_ platform: ActionPlatform, _ bodyFormat: BodyFormat) -> String {
        switch (platform, bodyFormat) {
        case (.fluents, .fluents): return "{call_id, payload}"
        case (.retell, .fluents): return "{name, call, args}"
        case (.fluents, .argsAtRoot), (.retell, .argsAtRoot): return "the fields at the root"
        case (.vapi, _): return "Vapi's tool-calls message"
        case (.elevenlabs, _): return "the fields at the root, less those filled into the URL"
        case (.bland, _): return "Bland's template, one {{input.x}} per field"
        }
    }

    /// Bland's template `{"x":"{{input.x}}"}` (one entry per field, as the
    /// export writes it) filled in: a value that is the whole of a template
    /// string keeps its JSON type; a field not collected is left out, and so is
    /// anything the agent sent beyond the fields, which the template does not name.
    static func blandBody(_ schema: InputSchema, arguments: JSONObject) -> JSONValue {
        var body = JSONObject()
        for property in schema.properties { if let value = arguments[property.name] { body[property.name] = value } }
        return .object(body)
    }

    /// The header a platform signs the request with, or nil when it signs nothing.
    /// `secret` is the platform's: Vocode's base64 key, Retell's API key.
    public static func signature(_ platform: ActionPlatform, body: [UInt8], secret: String, time: Date) throws(SignatureError) -> HTTPHeader? {
        switch platform {
        case .fluents: return try Signatures.sign(.fluents, body: body, secret: secret, time: time)
        case .retell: return try Signatures.sign(.retell, body: body, secret: secret, time: time)
        case .vapi, .elevenlabs, .bland: return nil
        }
    }

    /// The name of the header `signature` writes, if any.
    public static func signatureHeaderName(_ platform: ActionPlatform) -> String? {
        switch platform {
        case .fluents: return Signatures.vocodeHeader
        case .retell: return Signatures.retellHeader
        case .vapi, .elevenlabs, .bland: return nil
        }
    }

    /// Vapi's tool call id for a call, made from the request's idempotency key
    /// so the same request always carries the same id.
    public static func toolCallID(idempotencyKey: String) -> String {
        "call_" + String(idempotencyKey.filter { $0.isLetter || $0.isNumber }.prefix(24))
    }

    static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded()) }
}
