import ActionModel
import CallSimulation
import Foundation

/// A deterministic stand-in for a language model behind the OpenAI Chat
/// Completions API, so an LLM-style call can be tried with no key and no
/// network. It reads the request's `messages` and `tools` and decides the way
/// the rule-based agent does (`RuleBasedChoices`, `CallerUnderstanding`): the
/// tool whose name or description the caller's words match, its arguments from
/// what the caller said, a question for the first missing required field, and
/// after a `tool` message a sentence made from the result. The same request
/// always gets the same reply, byte for byte.
///
/// Pure: the HTTP side (`ScriptedModelRoutes`) turns a `ScriptedModel.Reply`
/// into a body or a stream of chunks.
public enum ScriptedModel {
    /// The only model id it answers to; any other is a 404 `model_not_found`, as OpenAI answers.
    public static let modelID = "switchboard-scripted"
    /// Every response's `created`: a fixed time keeps replies byte-for-byte repeatable.
    public static let created = 1_767_225_600  // 2026-01-01T00:00:00Z
    /// The property Vocode adds to a tool whose action has Speak on Send: what to say before the request.
    public static let userMessageProperty = "user_message"

    // MARK: The request

    public struct Message: Sendable, Equatable {
        public var role: String
        /// The text (a string, or the text parts of a content array); "" when there is none.
        public var content: String
        /// Names of the tools an assistant message called.
        public var toolCallNames: [String]
        public var toolCallID: String?
    }

    public struct Request: Sendable {
        public var model: String
        public var messages: [Message]
        /// The tools as sent (`{"type":"function","function":{…}}`).
        public var tools: [JSONValue]
        public var stream: Bool
        public var includeUsage: Bool
        /// The whole body, for the prompt-token estimate.
        var bodySize: Int
    }

    /// A request the endpoint refuses, with the OpenAI error fields.
    public struct Failure: Error, Sendable, Equatable {
        public var status: Int
        public var message: String
        public var type: String
        public var code: String?
        public var param: String?

        static func invalid(_ message: String, param: String? = nil) -> Failure {
            Failure(status: 400, message: message, type: "invalid_request_error", code: nil, param: param)
        }

        /// `{"error":{"message","type","param","code"}}`.
        public var body: JSONValue {
            ["error": [
                "message": .string(message), "type": .string(type),
                "param": param.map { .string($0) } ?? .null, "code": code.map { .string($0) } ?? .null,
            ]]
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(Failure) -> Request {
        guard let value = try? JSONValue(parsing: bytes), let body = value.objectValue else {
            throw .invalid("The body must be a JSON object, e.g. {\"model\":\"\(modelID)\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}.")
        }
        guard let model = body["model"]?.stringValue, !model.isEmpty else {
            throw .invalid("'model' is required: use \"\(modelID)\".", param: "model")
        }
        guard model == modelID else {
            throw Failure(status: 404, message: "The model `\(model)` does not exist or you do not have access to it. This endpoint serves `\(modelID)`.",
                          type: "invalid_request_error", code: "model_not_found", param: "model")
        }
        guard let rawMessages = body["messages"]?.arrayValue, !rawMessages.isEmpty else {
            throw .invalid("'messages' must be a non-empty array of {\"role\",\"content\"} objects.", param: "messages")
        }
        var messages: [Message] = []
        for (index, raw) in rawMessages.enumerated() {
            guard let object = raw.objectValue, let role = object["role"]?.stringValue else {
                throw .invalid("messages[\(index)] must be an object with a 'role'.", param: "messages[\(index)]")
            }
            guard ["system", "developer", "user", "assistant", "tool"].contains(role) else {
                throw .invalid("messages[\(index)].role '\(role)' is not one of system, developer, user, assistant, tool.", param: "messages[\(index)].role")
            }
            let names = object["tool_calls"]?.arrayValue?.compactMap { $0.value(atPath: "function.name")?.stringValue } ?? []
            if role == "tool", object["tool_call_id"]?.stringValue == nil {
                throw .invalid("messages[\(index)]: a tool message needs the 'tool_call_id' of the call it answers.", param: "messages[\(index)].tool_call_id")
            }
            messages.append(Message(role: role, content: text(of: object["content"]), toolCallNames: names,
                                    toolCallID: object["tool_call_id"]?.stringValue))
        }
        var tools: [JSONValue] = []
        switch body["tools"] {
        case nil, .null?: break
        case let .array(list)?: tools = list
        default: throw .invalid("'tools' must be an array of {\"type\":\"function\",\"function\":{…}} objects.", param: "tools")
        }
        return Request(
            model: model, messages: messages, tools: tools, stream: body["stream"]?.boolValue ?? false,
            includeUsage: body["stream_options"]?.value(atPath: "include_usage")?.boolValue ?? false, bodySize: bytes.count)
    }

    static func text(of content: JSONValue?) -> String {
        switch content {
        case let .string(text)?: return text
        case let .array(parts)?: return parts.compactMap { $0.value(atPath: "text")?.stringValue }.joined(separator: " ")
        default: return ""
        }
    }

    // MARK: The reply

    public enum Reply: Sendable, Equatable {
        case text(String)
        /// One tool call; `arguments` is the JSON text, keys in the schema's order.
        case toolCall(id: String, name: String, arguments: String)
    }

    /// What the model says or calls next.
    public static func reply(to request: Request) -> Reply {
        let tools = usableTools(request.tools)
        guard let last = request.messages.last else { return .text("Hello! How can I help you today?") }
        if last.role == "tool" { return .text(speech(afterToolResult: last.content)) }
        guard last.role == "user" else { return .text("How can I help you today?") }

        // The caller's lines since the last finished tool call: the task at hand.
        // A tool result saying "invalid arguments" doesn't finish it — the
        // caller is answering again for the same tool.
        var start = 0
        for (index, message) in request.messages.enumerated() where message.role == "tool" && !message.content.lowercased().hasPrefix("invalid arguments") {
            start = index + 1
        }
        let lines = request.messages[start...].filter { $0.role == "user" }.map(\.content)
        // A system prompt that names exactly one tool ("this call tests the tool
        // create_crm_lead") makes it the task when the caller's words pick none,
        // as "test this action" starts the rule-based agent on that action.
        let focus = focusedTool(tools, instructions: request.messages.filter { $0.role == "system" || $0.role == "developer" }.map(\.content))
        var chosen: Tool?
        var collected = JSONObject()
        var asked: String?
        var lastProblems: [HeardField] = []
        for line in lines {
            var heardNow: [HeardField] = []
            if let current = chosen {
                heardNow = current.understanding.read(line, asked: asked, held: Set(collected.keys))
            } else if let match = RuleBasedChoices.action(for: line, among: tools.map(\.action)),
                      let tool = tools.first(where: { $0.action.functionName == match.functionName }) {
                chosen = tool
                heardNow = tool.understanding.read(line)
            } else if start == 0, let focus {
                chosen = focus
                heardNow = focus.understanding.read(line)
            }
            for field in heardNow { if let value = field.value { collected[field.name] = value } }
            lastProblems = heardNow.filter { $0.value == nil && $0.problem != nil }
            asked = chosen.flatMap { tool in tool.schema.properties.first { $0.isRequired && collected[$0.name] == nil }?.name }
        }

        guard let tool = chosen else {
            let line = lines.last ?? ""
            if RuleBasedChoices.isGoodbye(line) { return .text("Thanks for calling, goodbye!") }
            if tools.isEmpty { return .text("Sorry, I can't help with that on this call.") }
            return .text("I can help with: \(RuleBasedChoices.list(tools.map { SpokenName.midSentence($0.action) })). What would you like to do?")
        }
        if let missing = asked, let property = tool.schema.property(named: missing) {
            var line = RuleBasedChoices.question(for: property)
            if let problem = lastProblems.first(where: { $0.name == missing }) ?? lastProblems.first, let reason = problem.problem {
                line = "Sorry, I didn't get that: \(reason). " + line
            }
            return .text(line)
        }
        var arguments = JSONObject()
        for property in tool.schema.properties { if let value = collected[property.name] { arguments[property.name] = value } }
        if tool.wantsUserMessage { arguments[userMessageProperty] = "One moment while I take care of that." }
        let calls = request.messages.reduce(0) { $0 + $1.toolCallNames.count }
        return .toolCall(id: "call_scripted_\(calls + 1)", name: tool.action.functionName, arguments: JSONValue.object(arguments).compactText)
    }

    /// A request's tool as the rule-based reading needs it.
    struct Tool {
        /// The tool as an action, `user_message` left out (it is for the model to write, not the caller to say).
        var action: Action
        var schema: InputSchema
        var understanding: CallerUnderstanding
        var wantsUserMessage: Bool
    }

    /// The function tools that import as actions; anything else is passed over, as a model ignores what it can't use.
    static func usableTools(_ tools: [JSONValue]) -> [Tool] {
        OpenAITool.importTools(.array(tools)).actions.map { action in
            var trimmed = action
            var schema = action.customInput?.inputSchema ?? InputSchema()
            let wants = schema.property(named: userMessageProperty) != nil
            schema.properties.removeAll { $0.name == userMessageProperty }
            if case var .customInput(configuration) = action.configuration {
                configuration.inputSchema = schema
                trimmed.configuration = .customInput(configuration)
            }
            return Tool(action: trimmed, schema: schema, understanding: CallerUnderstanding(schema: schema), wantsUserMessage: wants)
        }
    }

    /// The one tool the instructions name by its function name (as a whole word); nil for none or several.
    static func focusedTool(_ tools: [Tool], instructions: [String]) -> Tool? {
        let words = Set(instructions.flatMap { $0.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }).map(String.init) })
        let named = tools.filter { words.contains($0.action.functionName) }
        return named.count == 1 ? named[0] : nil
    }

    /// A sentence from the tool message: `{"success":true,"result":{…}}`, a failure, or "invalid arguments: …".
    static func speech(afterToolResult content: String) -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.lowercased().hasPrefix("invalid arguments") {
            return "Sorry, I need to check those details again: \(trimmed.dropFirst("invalid arguments".count).drop { $0 == ":" || $0 == " " }). Could you repeat them?"
        }
        guard let value = try? JSONValue(parsing: trimmed), let object = value.objectValue else {
            return trimmed.isEmpty ? "That's done. Is there anything else I can help with?" : "\(trimmed) Is there anything else I can help with?"
        }
        if object["success"]?.boolValue == false || object["error"] != nil {
            let reason = object["error"].flatMap { $0.stringValue ?? $0.value(atPath: "message")?.stringValue } ?? object["message"]?.stringValue
            return "Sorry, that didn't go through" + (reason.map { ": \($0)" } ?? "") + ". Is there anything else I can help with?"
        }
        let result = object["result"]?.objectValue ?? object
        let facts = result.compactMap { key, value -> String? in
            switch value {
            case let .string(text): return "\(key.replacingOccurrences(of: "_", with: " ")) \(text)"
            case .integer, .number, .bool: return "\(key.replacingOccurrences(of: "_", with: " ")) \(value.compactText)"
            default: return nil
            }
        }
        guard !facts.isEmpty else { return "That's done. Is there anything else I can help with?" }
        return "That's done: \(RuleBasedChoices.list(Array(facts.prefix(4)))). Is there anything else I can help with?"
    }

    // MARK: Tokens

    /// Usage the endpoint reports: about four bytes a token, counted the same way every time.
    public struct Usage: Sendable, Equatable {
        public var prompt: Int
        public var completion: Int
        public var json: JSONValue { ["prompt_tokens": .integer(prompt), "completion_tokens": .integer(completion), "total_tokens": .integer(prompt + completion)] }
    }

    static func tokens(_ bytes: Int) -> Int { max(1, (bytes + 3) / 4) }

    static func usage(_ request: Request, _ reply: Reply) -> Usage {
        switch reply {
        case let .text(text): return Usage(prompt: tokens(request.bodySize), completion: tokens(text.utf8.count))
        case let .toolCall(_, name, arguments): return Usage(prompt: tokens(request.bodySize), completion: tokens(name.utf8.count + arguments.utf8.count))
        }
    }
}
