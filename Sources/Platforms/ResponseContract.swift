import ActionModel

/// How a platform reads the answer to a tool call, and what it would ignore.
public enum ResponseReading: Sendable, Equatable {
    /// What the agent gets: an object (a string answer is `{"text": …}`) and,
    /// for Fluents, the optional `agent_message`.
    case result(JSONObject, agentMessage: String?)
    case notJSON
    /// Fluents: no `result` key / a `result` that is not an object.
    case resultMissing
    case resultNotObject
    /// The endpoint answered the platform's way with an error the model reads.
    case toolError(String)
    /// The platform would drop this answer; the text says why and what to send.
    case ignored(String)
}

public enum ResponseContract {
    /// Retell keeps about this many characters of an answer.
    public static let retellKeptCharacters = 15_000

    /// Whether a status is an answer at all for the platform; nil means read
    /// the body, a text means the platform would ignore the response.
    public static func statusProblem(_ platform: ActionPlatform, status: Int) -> String? {
        guard platform == .vapi, status != 200 else { return nil }
        return "Vapi would ignore this response: it reads only HTTP 200 (this was \(status)); answer 200 with {\"results\":[{\"toolCallId\":…,\"error\":\"…\"}]} for a failure"
    }

    /// Reads a 2xx body (any status for Vapi once `statusProblem` passed).
    public static func read(_ platform: ActionPlatform, body: [UInt8], toolCallID: String) -> ResponseReading {
        switch platform {
        case .fluents:
            guard let document = try? JSONValue(parsing: body) else { return .notJSON }
            guard let result = document.objectValue?["result"] else { return .resultMissing }
            guard let object = result.objectValue else { return .resultNotObject }
            return .result(object, agentMessage: document.objectValue?["agent_message"]?.stringValue)
        case .vapi:
            return readVapi(body, toolCallID: toolCallID)
        case .retell:
            // Any body: JSON is kept as it is, anything else as text.
            var text = String(decoding: body, as: UTF8.self)
            if text.count > retellKeptCharacters { text = String(text.prefix(retellKeptCharacters)) }
            if let document = try? JSONValue(parsing: body) { return .result(asObject(document), agentMessage: nil) }
            return .result(["text": .string(text)], agentMessage: nil)
        case .elevenlabs, .bland:
            guard let document = try? JSONValue(parsing: body) else { return .notJSON }
            return .result(asObject(document), agentMessage: nil)
        }
    }

    static func asObject(_ value: JSONValue) -> JSONObject {
        if let object = value.objectValue { return object }
        if let text = value.stringValue { return ["text": .string(text)] }
        return ["value": value]
    }

    static func readVapi(_ body: [UInt8], toolCallID: String) -> ResponseReading {
        guard let document = try? JSONValue(parsing: body) else { return .notJSON }
        guard let results = document.objectValue?["results"]?.arrayValue else {
            return .ignored("Vapi would ignore this response: it has no \"results\" list; answer {\"results\":[{\"toolCallId\":\"\(toolCallID)\",\"result\":\"…\"}]}")
        }
        let entries = results.compactMap(\.objectValue)
        guard let entry = entries.first(where: { $0["toolCallId"]?.stringValue == toolCallID }) else {
            let sent = entries.compactMap { $0["toolCallId"]?.stringValue }
            let detail = sent.isEmpty ? "no result has a toolCallId" : "toolCallId \(sent.map { "\"\($0)\"" }.joined(separator: ", ")) does not match"
            return .ignored("Vapi would ignore this result: \(detail); echo the tool call's id \"\(toolCallID)\"")
        }
        if let error = entry["error"] {
            guard let text = error.stringValue else { return .ignored("Vapi would ignore this result: \"error\" must be a string, not \(error.typeName)") }
            if text.contains("\n") || text.contains("\r") {
                return .ignored("Vapi would ignore this result: its \"error\" has line breaks; \"error\" must be a single-line string")
            }
            return .toolError(text)
        }
        guard let result = entry["result"] else {
            return .ignored("Vapi would ignore this result: it has neither \"result\" nor \"error\"")
        }
        guard let text = result.stringValue else {
            return .ignored("Vapi would ignore this result: \"result\" must be a string, not \(result.typeName) (send the JSON as a string)")
        }
        if text.contains("\n") || text.contains("\r") {
            return .ignored("Vapi would ignore this result: it has line breaks; \"result\" must be a single-line string")
        }
        // A JSON object written as the string is read as that object, so
        // {{result.path}} placeholders still work.
        if let object = (try? JSONValue(parsing: text))?.objectValue { return .result(object, agentMessage: nil) }
        return .result(["text": .string(text)], agentMessage: nil)
    }
}
