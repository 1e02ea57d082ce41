import ActionModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /v1/chat/completions` and `GET /v1/models` for `ScriptedModel`: the
/// body of a non-streaming reply, and for `"stream": true` server-sent events
/// in small chunks — the text a word at a time, tool-call arguments a few
/// characters at a time (so a key is cut in two), a last chunk with the
/// finish reason, the usage chunk when `stream_options.include_usage` asks,
/// then `data: [DONE]`.
public enum ScriptedModelWire {
    /// Characters of tool-call arguments per chunk: short enough that keys and values arrive in pieces.
    public static let argumentPieceLength = 5

    /// The completion's id: the same request gets the same id.
    static func completionID(_ request: ScriptedModel.Request) -> String {
        "chatcmpl-scripted-\(request.messages.count)"
    }

    /// The `chat.completion` body for `"stream": false`.
    public static func completion(_ request: ScriptedModel.Request, _ reply: ScriptedModel.Reply) -> JSONValue {
        var message: JSONObject = ["role": "assistant"]
        let finish: String
        switch reply {
        case let .text(text):
            message["content"] = .string(text)
            finish = "stop"
        case let .toolCall(id, name, arguments):
            message["content"] = .null
            message["tool_calls"] = [["id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)]]]
            finish = "tool_calls"
        }
        return [
            "id": .string(completionID(request)), "object": "chat.completion", "created": .integer(ScriptedModel.created),
            "model": .string(request.model),
            "choices": [["index": 0, "message": .object(message), "logprobs": .null, "finish_reason": .string(finish)]],
            "usage": ScriptedModel.usage(request, reply).json,
        ]
    }

    /// The chunks of a streamed reply, in order (each one `data: …` event); `[DONE]` is not among them.
    public static func chunks(_ request: ScriptedModel.Request, _ reply: ScriptedModel.Reply) -> [JSONValue] {
        var deltas: [(delta: JSONValue, finish: String?)] = []
        switch reply {
        case let .text(text):
            deltas.append((["role": "assistant", "content": ""], nil))
            for piece in words(text) { deltas.append((["content": .string(piece)], nil)) }
            deltas.append(([:], "stop"))
        case let .toolCall(id, name, arguments):
            deltas.append((["role": "assistant", "content": .null, "tool_calls": [[
                "index": 0, "id": .string(id), "type": "function", "function": ["name": .string(name), "arguments": ""],
            ]]], nil))
            for piece in pieces(arguments, length: argumentPieceLength) {
                deltas.append((["tool_calls": [["index": 0, "function": ["arguments": .string(piece)]]]], nil))
            }
            deltas.append(([:], "tool_calls"))
        }
        var chunks = deltas.map { delta, finish -> JSONValue in
            var chunk = header(request)
            chunk["choices"] = [["index": 0, "delta": delta, "logprobs": .null, "finish_reason": finish.map { .string($0) } ?? .null]]
            if request.includeUsage { chunk["usage"] = .null }
            return .object(chunk)
        }
        if request.includeUsage {
            var last = header(request)
            last["choices"] = []
            last["usage"] = ScriptedModel.usage(request, reply).json
            chunks.append(.object(last))
        }
        return chunks
    }

    static func header(_ request: ScriptedModel.Request) -> JSONObject {
        ["id": .string(completionID(request)), "object": "chat.completion.chunk", "created": .integer(ScriptedModel.created),
         "model": .string(request.model)]
    }

    /// "Could you tell me" → "Could", " you", " tell", " me": as models stream, a word and its leading space.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            if character == " ", !current.isEmpty, current != " " {
                result.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func pieces(_ text: String, length: Int) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            result.append(String(rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        return result
    }

    /// The events as sent: `data: {json}\n\n` each, then `data: [DONE]\n\n`.
    public static func events(_ chunks: [JSONValue]) -> [String] {
        chunks.map { "data: \($0.compactText)\n\n" } + ["data: [DONE]\n\n"]
    }

    static let modelList: JSONValue = [
        "object": "list",
        "data": [["id": .string(ScriptedModel.modelID), "object": "model", "created": .integer(ScriptedModel.created), "owned_by": "switchboard"]],
    ]
}

extension SampleBackend {
    /// The scripted model's routes. With `apiKey`, each needs `Authorization: Bearer <apiKey>` (else 401, as OpenAI answers).
    static func addModelRoutes(to router: Router<BasicRequestContext>, apiKey: String?, chunkDelay: Duration) {
        @Sendable func authorized(_ request: Request) -> Response? {
            guard let apiKey else { return nil }
            let given = request.headers[.authorization]
            guard given == "Bearer \(apiKey)" else {
                let failure = ScriptedModel.Failure(
                    status: 401,
                    message: given == nil ? "You didn't provide an API key: send `Authorization: Bearer <key>`." : "Incorrect API key provided.",
                    type: "invalid_request_error", code: "invalid_api_key", param: nil)
                return json(401, failure.body)
            }
            return nil
        }
        router.get("/v1/models") { request, _ in
            authorized(request) ?? json(200, ScriptedModelWire.modelList)
        }
        router.post("/v1/chat/completions") { request, _ in
            if let refusal = authorized(request) { return refusal }
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: 4 << 20) } catch {
                return json(413, ScriptedModel.Failure(status: 413, message: "The request body is over 4 MiB.", type: "invalid_request_error").body)
            }
            let parsed: ScriptedModel.Request
            do { parsed = try ScriptedModel.parse([UInt8](body.readableBytesView)) } catch let failure as ScriptedModel.Failure {
                return json(failure.status, failure.body)
            }
            let reply = ScriptedModel.reply(to: parsed)
            guard parsed.stream else { return json(200, ScriptedModelWire.completion(parsed, reply)) }
            let events = ScriptedModelWire.events(ScriptedModelWire.chunks(parsed, reply))
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    // One write per event, so a client sees them arrive one by one.
                    for event in events {
                        if chunkDelay > .zero { try await Task.sleep(for: chunkDelay) }
                        try await writer.write(ByteBuffer(string: event))
                    }
                    try await writer.finish(nil)
                })
        }
    }
}

extension ScriptedModel.Failure {
    init(status: Int, message: String, type: String) {
        self.init(status: status, message: message, type: type, code: nil, param: nil)
    }
}
