import ActionModel
import Foundation

// The pure half of a model-driven call: the Chat Completions messages and
// tools, the request body, and what came back. The HTTP/SSE client that
// carries them lives beside ActionHTTP; `LiveCall` performs a `.consultModel`
// step with it and feeds the outcome back with `receive(_: ModelOutcome, …)`.

/// One Chat Completions message.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case system, user, assistant, tool }
    public var role: Role
    public var content: String?
    /// An assistant message's tool calls.
    public var toolCalls: [ModelToolCall]
    /// A tool message answers this call.
    public var toolCallID: String?

    public init(role: Role, content: String?, toolCalls: [ModelToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    public var json: JSONValue {
        var object: JSONObject = ["role": .string(role.rawValue)]
        object["content"] = content.map { .string($0) } ?? .null
        if !toolCalls.isEmpty {
            object["tool_calls"] = .array(toolCalls.map { call in
                ["id": .string(call.id), "type": "function",
                 "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            })
        }
        if let toolCallID { object["tool_call_id"] = .string(toolCallID) }
        return .object(object)
    }
}

/// A tool call as the model made it: `arguments` is the JSON text it wrote
/// (not yet parsed: a model may write malformed JSON).
public struct ModelToolCall: Sendable, Equatable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// What the agent asks the driver to send to the model; the driver adds the
/// model's own settings (model id, temperature, max tokens) from its record.
public struct ModelRequest: Sendable, Equatable {
    public var messages: [ChatMessage]
    /// OpenAI `tools` entries, in the agent's action order.
    public var tools: [JSONValue]

    public init(messages: [ChatMessage], tools: [JSONValue]) {
        self.messages = messages
        self.tools = tools
    }
}

/// The model settings that go into the body.
public struct ModelSettings: Sendable, Equatable {
    public var model: String
    public var temperature: Double?
    public var maxTokens: Int?

    public init(model: String, temperature: Double? = nil, maxTokens: Int? = nil) {
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
    }
}

extension ModelRequest {
    /// The Chat Completions body: messages in order, one tool per action,
    /// `tool_choice: "auto"`, streamed with usage reported.
    public func body(_ settings: ModelSettings) -> JSONValue {
        var object: JSONObject = ["model": .string(settings.model), "messages": .array(messages.map(\.json))]
        if !tools.isEmpty {
            object["tools"] = .array(tools)
            object["tool_choice"] = "auto"
        }
        object["stream"] = true
        object["stream_options"] = ["include_usage": true]
        if let temperature = settings.temperature { object["temperature"] = .number(temperature) }
        if let maxTokens = settings.maxTokens { object["max_tokens"] = .integer(maxTokens) }
        return .object(object)
    }
}

/// The tools a model is offered, as Vocode builds them.
public enum ModelTools {
    /// The argument Vocode adds to an action with Speak on Send: what the agent says before the request.
    public static let userMessage = "user_message"

    /// Exactly the OpenAI export of the action, plus a required `user_message`
    /// string when Speak on Send is on. Phone kinds export an empty schema.
    public static func tool(for action: Action) -> JSONValue {
        let exported = OpenAITool.export(action)
        guard wantsUserMessage(action), var function = exported.objectValue?["function"]?.objectValue,
              var parameters = function["parameters"]?.objectValue
        else { return exported }
        var properties = parameters["properties"]?.objectValue ?? JSONObject()
        properties[userMessage] = ["type": "string", "description": "A short message to say to the caller while the action runs."]
        parameters["properties"] = .object(properties)
        var required = parameters["required"]?.arrayValue ?? []
        required.append(.string(userMessage))
        parameters["required"] = .array(required)
        function["parameters"] = .object(parameters)
        return ["type": "function", "function": .object(function)]
    }

    public static func wantsUserMessage(_ action: Action) -> Bool {
        guard let config = action.customInput else { return false }
        return !config.speakOnSend.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}

/// Tokens as the server reported them (`usage`).
public struct ModelUsage: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// A whole streamed reply.
public struct ModelReply: Sendable, Equatable {
    public var text: String
    public var toolCalls: [ModelToolCall]
    public var usage: ModelUsage?
    /// The model id the server echoed.
    public var model: String?
    public var finishReason: String?

    public init(text: String = "", toolCalls: [ModelToolCall] = [], usage: ModelUsage? = nil, model: String? = nil, finishReason: String? = nil) {
        self.text = text
        self.toolCalls = toolCalls
        self.usage = usage
        self.model = model
        self.finishReason = finishReason
    }
}

/// Exactly which way a model turn failed.
public enum ModelFault: Sendable, Equatable, Error {
    /// 401/403; `hint` names the key's secret and `models test`.
    case authentication(status: Int, hint: String)
    case modelNotFound(String)
    /// 429 still refused after waiting `Retry-After` (bounded).
    case rateLimited(retryAfterSeconds: Int?)
    case serverError(status: Int, detail: String)
    case badRequest(status: Int, detail: String)
    case contextTooLong(String)
    case timedOut(seconds: Int)
    case connectionFailed(String)
    /// The stream ended before the reply was finished.
    case streamCut(String)
    case malformedStream(String)
    /// Neither text nor a tool call.
    case emptyReply
    case notSent(String)
    case cancelled

    public var code: String {
        switch self {
        case .authentication: return "model_authentication"
        case .modelNotFound: return "model_not_found"
        case .rateLimited: return "rate_limited"
        case .serverError: return "model_server_error"
        case .badRequest: return "model_bad_request"
        case .contextTooLong: return "context_too_long"
        case .timedOut: return "model_timeout"
        case .connectionFailed: return "model_connection_failed"
        case .streamCut: return "stream_cut"
        case .malformedStream: return "malformed_stream"
        case .emptyReply: return "empty_reply"
        case .notSent: return "model_not_sent"
        case .cancelled: return "cancelled"
        }
    }

    public var explanation: String {
        switch self {
        case let .authentication(status, hint): return "HTTP \(status): the model endpoint refused the API key; \(hint)"
        case let .modelNotFound(detail): return "HTTP 404: model not found (\(detail))"
        case let .rateLimited(after): return "HTTP 429: rate limited" + (after.map { " (Retry-After \($0) s, still limited after waiting)" } ?? "")
        case let .serverError(status, detail): return "HTTP \(status): the model endpoint failed" + (detail.isEmpty ? "" : ": \(detail)")
        case let .badRequest(status, detail): return "HTTP \(status): the model endpoint refused the request" + (detail.isEmpty ? "" : ": \(detail)")
        case let .contextTooLong(detail): return "the conversation is longer than the model's context: \(detail)"
        case let .timedOut(seconds): return "the model did not finish within \(seconds) s"
        case let .connectionFailed(detail): return "could not reach the model endpoint: \(detail)"
        case let .streamCut(detail): return "the reply stream stopped mid-way: \(detail)"
        case let .malformedStream(detail): return "the reply stream is not Chat Completions SSE: \(detail)"
        case .emptyReply: return "the model replied with neither text nor a tool call"
        case let .notSent(detail): return "not sent: \(detail)"
        case .cancelled: return "the reply was cancelled"
        }
    }

    /// What the agent says on the call.
    public var spokenLine: String {
        switch self {
        case .cancelled: return "Sorry, I stopped there. What would you like to do?"
        case .emptyReply: return "Sorry, I didn't catch that. Could you say it again?"
        case .contextTooLong: return "I'm sorry, this call has gone on longer than I can follow. Please call again."
        default: return "I'm sorry, I'm having trouble right now. Could you say that again in a moment?"
        }
    }
}

public enum ModelOutcome: Sendable, Equatable {
    case reply(ModelReply)
    case failure(ModelFault)
}

/// What the driver uses to consult a model (the OpenAI-compatible client, or a
/// scripted one in tests). Never throws: every fault is in the outcome.
public protocol ModelClient: Sendable {
    func complete(_ request: ModelRequest, progress: @escaping @Sendable (ModelProgress) -> Void) async -> ModelTurnResult
}

/// What happens while a reply streams, for the call pane.
public enum ModelProgress: Sendable, Equatable {
    /// The request left for the model (the agent is thinking).
    case started
    /// Words of the reply as they arrive.
    case text(String)
    case firstToken(milliseconds: Double)
    /// A 429: waiting `seconds` before trying again.
    case retrying(afterSeconds: Int, status: Int)
}

/// One model turn's figures, for the call log and `calls show`.
public struct ModelTurnFigures: Sendable, Equatable {
    /// From the request leaving to the first streamed text or tool-call byte.
    public var timeToFirstTokenMilliseconds: Double?
    public var totalMilliseconds: Double
    public var usage: ModelUsage?
    /// The model id the server echoed.
    public var model: String?
    /// Requests retried after a 429.
    public var retries: Int

    public init(timeToFirstTokenMilliseconds: Double? = nil, totalMilliseconds: Double = 0, usage: ModelUsage? = nil, model: String? = nil, retries: Int = 0) {
        self.timeToFirstTokenMilliseconds = timeToFirstTokenMilliseconds
        self.totalMilliseconds = totalMilliseconds
        self.usage = usage
        self.model = model
        self.retries = retries
    }
}

public struct ModelTurnResult: Sendable, Equatable {
    public var outcome: ModelOutcome
    public var figures: ModelTurnFigures
    /// Where it went (`POST https://…/chat/completions`), for the log.
    public var endpoint: String

    public init(outcome: ModelOutcome, figures: ModelTurnFigures, endpoint: String) {
        self.outcome = outcome
        self.figures = figures
        self.endpoint = endpoint
    }
}
