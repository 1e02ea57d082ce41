@testable import ActionHTTP
import ActionModel
import CallSimulation
import Foundation
import Synchronization
import XCTest

/// Every fault of a model turn, against purpose-built servers on 127.0.0.1.
final class ChatCompletionsClientTests: XCTestCase {
    var invoker: ActionInvoker!
    var servers: [ScriptedServer] = []
    let key = "sk-test-Zq81vX0aPp"

    static let reply = """
        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"Hello "},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"Jö, how can I help?"},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"ping_the_server","arguments":"{}"}}]},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

        data: {"id":"c1","object":"chat.completion.chunk","model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":120,"completion_tokens":14,"total_tokens":134}}

        data: [DONE]


        """

    override func setUp() async throws { invoker = ActionInvoker() }

    override func tearDown() async throws {
        for server in servers { server.stop() }
        await invoker.shutdown()
    }

    func serve(_ script: @escaping @Sendable (Int) -> [ScriptedServer.Piece]) throws -> ScriptedServer {
        let server = try ScriptedServer(script: script)
        servers.append(server)
        return server
    }

    func client(port: Int, timeout: Int = 5, tick: Duration = .milliseconds(20)) throws -> ChatCompletionsClient {
        let record = ModelRecord(name: "gpt", baseURL: "http://127.0.0.1:\(port)/v1/", modelID: "gpt-4o-mini", apiKey: "{{secret.OPENAI_API_KEY}}",
                                 headers: [HTTPHeader(name: "X-Team", value: "{{env.TEAM}}")], query: [HTTPHeader(name: "api-version", value: "2024-06-01")],
                                 temperature: 0.3, maxTokens: 200, timeoutSeconds: timeout)
        let templates = TemplateContext(environmentName: "dev", variables: ["TEAM": "voice"], secrets: ["OPENAI_API_KEY": key])
        return ChatCompletionsClient(endpoint: try ModelEndpoint.prepare(record, templates: templates), invoker: invoker, longestRetryWait: 3, tick: tick)
    }

    let request = ModelRequest(messages: [ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "hi")],
                               tools: [OpenAITool.export(Action(name: "Ping the server", configuration: .customInput(CustomInputConfiguration(url: "http://x"))))])

    func complete(_ client: ChatCompletionsClient) async -> (ModelTurnResult, [ModelProgress]) {
        let seen = Mutex<[ModelProgress]>([])
        let result = await client.complete(request) { progress in seen.withLock { $0.append(progress) } }
        return (result, seen.withLock { $0 })
    }

    func fault(_ result: ModelTurnResult) -> ModelFault? { if case let .failure(fault) = result.outcome { fault } else { nil } }

    func testTheRequestOnTheWireAndTheStreamedReply() async throws {
        let server = try serve { _ in ScriptedServer.stream(Self.reply, pieces: 9, pause: 2) }
        let model = try client(port: server.port)
        let (result, progress) = await complete(model)
        guard case let .reply(reply) = result.outcome else { return XCTFail("\(result.outcome)") }
        XCTAssertEqual(reply.text, "Hello Jö, how can I help?")
        XCTAssertEqual(reply.toolCalls, [ModelToolCall(id: "call_9", name: "ping_the_server", arguments: "{}")])
        XCTAssertEqual(result.figures.usage, ModelUsage(promptTokens: 120, completionTokens: 14))
        XCTAssertEqual(result.figures.model, "gpt-4o-mini-2024-07-18")
        let first = try XCTUnwrap(result.figures.timeToFirstTokenMilliseconds)
        XCTAssertLessThanOrEqual(first, result.figures.totalMilliseconds)
        XCTAssertEqual(progress.compactMap { if case let .text(text) = $0 { text } else { nil } }.joined(), "Hello Jö, how can I help?")
        XCTAssertTrue(progress.contains { if case .firstToken = $0 { true } else { false } })
        XCTAssertEqual(result.endpoint, "POST http://127.0.0.1:\(server.port)/v1/chat/completions?api-version=2024-06-01")

        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.requestLine, "POST /v1/chat/completions?api-version=2024-06-01 HTTP/1.1")
        XCTAssertEqual(sent.header("authorization"), "Bearer \(key)")
        XCTAssertEqual(sent.header("x-team"), "voice")
        XCTAssertEqual(sent.header("content-type"), "application/json")
        XCTAssertEqual(try JSONValue(parsing: sent.body), request.body(ModelSettings(model: "gpt-4o-mini", temperature: 0.3, maxTokens: 200)))
    }

    func testUnauthorizedNamesTheSecretAndModelsTest() async throws {
        for status in [401, 403] {
            let server = try serve { _ in ScriptedServer.status(status, "Unauthorized", body: #"{"error":{"message":"Incorrect API key provided"}}"#) }
            let (result, _) = await complete(try client(port: server.port))
            guard case let .authentication(code, hint) = fault(result) else { return XCTFail("\(result.outcome)") }
            XCTAssertEqual(code, status)
            XCTAssertTrue(hint.contains("{{secret.OPENAI_API_KEY}}") && hint.contains("switchboard models test gpt"), hint)
            XCTAssertFalse(fault(result)!.explanation.contains(key))
        }
    }

    func testModelNotFound() async throws {
        let server = try serve { _ in ScriptedServer.status(404, "Not Found", body: #"{"error":{"message":"The model `gpt-4o-mini` does not exist"}}"#) }
        let (result, _) = await complete(try client(port: server.port))
        guard case let .modelNotFound(detail) = fault(result) else { return XCTFail("\(result.outcome)") }
        XCTAssertTrue(detail.contains("does not exist") && detail.contains("gpt-4o-mini"), detail)
    }

    func test429WaitsRetryAfterCountingDownThenRetries() async throws {
        let server = try serve { connection in
            connection == 1 ? ScriptedServer.status(429, "Too Many Requests", body: #"{"error":{"message":"Rate limit"}}"#, headers: ["Retry-After: 2"])
                : ScriptedServer.stream(Self.reply)
        }
        let (result, progress) = await complete(try client(port: server.port))
        guard case .reply = result.outcome else { return XCTFail("\(result.outcome)") }
        XCTAssertEqual(result.figures.retries, 1)
        XCTAssertEqual(progress.filter { if case .retrying = $0 { true } else { false } },
                       [.retrying(afterSeconds: 2, status: 429), .retrying(afterSeconds: 1, status: 429)])
        XCTAssertEqual(server.requests.count, 2)
    }

    func test429BeyondTheBoundFailsAtOnce() async throws {
        let server = try serve { _ in ScriptedServer.status(429, "Too Many Requests", body: "{}", headers: ["Retry-After: 120"]) }
        let started = Date()
        let (result, _) = await complete(try client(port: server.port))
        XCTAssertEqual(fault(result), .rateLimited(retryAfterSeconds: 120))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(server.requests.count, 1)
    }

    func testServerErrorKeepsTheServersMessage() async throws {
        let server = try serve { _ in ScriptedServer.status(503, "Service Unavailable", body: #"{"error":{"message":"overloaded"}}"#) }
        let (result, _) = await complete(try client(port: server.port))
        XCTAssertEqual(fault(result), .serverError(status: 503, detail: "overloaded"))
    }

    func testContextTooLong() async throws {
        let body = #"{"error":{"message":"This model's maximum context length is 128000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}"#
        let server = try serve { _ in ScriptedServer.status(400, "Bad Request", body: body) }
        let (result, _) = await complete(try client(port: server.port))
        XCTAssertEqual(fault(result), .contextTooLong("This model's maximum context length is 128000 tokens."))
    }

    func testAServerThatNeverAnswersTimesOut() async throws {
        let server = try serve { _ in [.hang] }
        let started = Date()
        let (result, _) = await complete(try client(port: server.port, timeout: 1))
        XCTAssertEqual(fault(result), .timedOut(seconds: 1))
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
    }

    func testAStreamThatStallsMidWayTimesOut() async throws {
        let half = String(Self.reply.prefix(400))
        let server = try serve { _ in ScriptedServer.stream(half) + [.hang] }
        let (result, progress) = await complete(try client(port: server.port, timeout: 1))
        XCTAssertEqual(fault(result), .timedOut(seconds: 1))
        XCTAssertFalse(progress.isEmpty, "the words that came were shown")
    }

    func testConnectionRefused() async throws {
        let server = try serve { _ in [] }
        let port = server.port
        server.stop()
        let (result, _) = await complete(try client(port: port))
        guard case let .connectionFailed(detail) = fault(result) else { return XCTFail("\(result.outcome)") }
        XCTAssertTrue(detail.contains("connection refused"), detail)
    }

    func testAStreamThatStopsMidWayIsCut() async throws {
        let cut = String(Self.reply.prefix(Self.reply.count / 2))
        let server = try serve { _ in ScriptedServer.stream(cut) }
        let (result, _) = await complete(try client(port: server.port))
        guard case .streamCut = fault(result) else { return XCTFail("\(result.outcome)") }
    }

    func testAReplyWithNeitherTextNorToolCall() async throws {
        let empty = """
            data: {"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]}

            data: [DONE]


            """
        let server = try serve { _ in ScriptedServer.stream(empty) }
        let (result, _) = await complete(try client(port: server.port))
        XCTAssertEqual(fault(result), .emptyReply)
    }

    func testCancellingDuringTheStreamEndsTheTurnAtOnce() async throws {
        let server = try serve { _ in ScriptedServer.stream(String(Self.reply.prefix(300))) + [.hang] }
        let model = try client(port: server.port, timeout: 30)
        let started = Date()
        let request = self.request
        let task = Task { await model.complete(request) { _ in } }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.value
        XCTAssertEqual(fault(result), .cancelled)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testAnUndefinedKeySecretStopsTheTurnBeforeSending() {
        let record = ModelRecord(name: "gpt", baseURL: "https://api.openai.com/v1", modelID: "gpt-4o-mini", apiKey: "{{secret.OPENAI_API_KEY}}")
        XCTAssertThrowsError(try ModelEndpoint.prepare(record, templates: TemplateContext())) { error in
            guard case let .notSent(detail) = error as? ModelFault else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("{{secret.OPENAI_API_KEY}}") && detail.contains("switchboard secrets set OPENAI_API_KEY"), detail)
        }
    }
}
