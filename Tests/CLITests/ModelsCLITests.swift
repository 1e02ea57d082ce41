import ActionModel
import Foundation
import SampleBackend
import XCTest

/// An OpenAI-compatible endpoint on 127.0.0.1 for the command line: it calls
/// the first tool offered with `arguments`, then speaks `closing` once the
/// tool's result is in (or echoes the last tool message when `echoTool`).
enum FakeModel {
    static func sse(text: String? = nil, tool: (name: String, arguments: String)? = nil, model: String = "fake-model-1") -> String {
        var events: [JSONValue] = []
        if let text {
            for word in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                events.append(["model": .string(model), "choices": [["index": 0, "delta": ["content": .string((word.offset > 0 ? " " : "") + word.element)]]]])
            }
        }
        if let tool {
            let middle = tool.arguments.index(tool.arguments.startIndex, offsetBy: tool.arguments.count / 2)
            let first: JSONValue = ["index": 0, "id": "call_1", "type": "function",
                                    "function": ["name": .string(tool.name), "arguments": .string(String(tool.arguments[..<middle]))]]
            let rest: JSONValue = ["index": 0, "function": ["arguments": .string(String(tool.arguments[middle...]))]]
            for call in [first, rest] {
                let choice: JSONValue = ["index": 0, "delta": ["tool_calls": .array([call])]]
                events.append(["model": .string(model), "choices": .array([choice])])
            }
        }
        let finish: JSONValue = ["index": 0, "delta": .object(JSONObject()), "finish_reason": .string(tool == nil ? "stop" : "tool_calls")]
        events.append(["model": .string(model), "choices": .array([finish])])
        events.append(["model": .string(model), "choices": [], "usage": ["prompt_tokens": 50, "completion_tokens": 7]])
        return events.map { "data: \($0.compactText)\n\n" }.joined() + "data: [DONE]\n\n"
    }

    static func start(arguments: String, tool wanted: String? = nil, closing: @escaping @Sendable (RecordedRequest) -> String) async throws -> RunningRecorder {
        try await SampleBackend.startRecorder { request in
            guard let body = try? JSONValue(parsing: request.body) else { return (400, #"{"error":{"message":"not JSON"}}"#) }
            let messages = body.value(atPath: "messages")?.arrayValue ?? []
            if messages.last?.value(atPath: "role") == "tool" { return (200, sse(text: closing(request))) }
            let names = (body.value(atPath: "tools")?.arrayValue ?? []).compactMap { $0.value(atPath: "function.name")?.stringValue }
            guard let name = wanted.flatMap({ names.contains($0) ? $0 : nil }) ?? names.first else {
                return (200, sse(text: "ready"))
            }
            return (200, sse(tool: (name, arguments)))
        }
    }
}

final class ModelsCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    func run(_ arguments: [String], stdin: String? = nil) throws -> CLIResult { try CLI.run(arguments, store: store, stdin: stdin) }

    func testCreateListShowEditDeleteAndTheRulesThatKeepKeysOut() throws {
        let created = try run(["models", "create", "gpt", "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o-mini",
                               "--api-key", "{{secret.OPENAI_API_KEY}}", "--temperature", "0.2", "--max-tokens", "300"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let literal = try run(["models", "create", "leaky", "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o-mini", "--api-key", "sk-abc123"])
        XCTAssertEqual(literal.status, 1)
        XCTAssertTrue(literal.stderr.contains("{{secret.NAME}}") && !literal.stderr.contains("sk-abc123"), literal.stderr)
        let badURL = try run(["models", "create", "nope", "--base-url", "api.openai.com", "--model", "m"])
        XCTAssertEqual(badURL.status, 1)
        XCTAssertTrue(badURL.stderr.contains("is not an http(s) URL"), badURL.stderr)
        let azure = try run(["models", "create", "azure", "--base-url", "https://acme.openai.azure.com/openai/deployments/gpt4o", "--model", "gpt-4o",
                             "--header", "api-key: {{secret.AZURE_KEY}}", "--query", "api-version=2024-06-01"])
        XCTAssertEqual(azure.status, 0, azure.stderr)
        let literalHeader = try run(["models", "edit", "azure", "--header", "api-key: abc"])
        XCTAssertEqual(literalHeader.status, 1, literalHeader.stdout)

        let list = try run(["models", "list"])
        XCTAssertTrue(list.stdout.contains("{{secret.OPENAI_API_KEY}}") && list.stdout.contains("https://api.openai.com/v1/chat/completions"), list.stdout)
        let azureShown = try run(["models", "show", "azure"])
        XCTAssertTrue(azureShown.stdout.contains("POST https://acme.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-06-01"), azureShown.stdout)
        XCTAssertTrue(azureShown.stdout.contains("Header       api-key: {{secret.AZURE_KEY}}"), azureShown.stdout)
        let shown = try JSONValue(parsing: try run(["models", "show", "GPT", "--json"]).stdout)
        XCTAssertEqual(shown.value(atPath: "api_key"), "{{secret.OPENAI_API_KEY}}")
        XCTAssertEqual(shown.value(atPath: "max_tokens"), 300)

        // An agent's engine; a model in use can't be deleted; a rename carries the agent.
        XCTAssertEqual(try run(["agents", "create", "--name", "Front desk", "--model", "gpt"]).status, 0)
        XCTAssertTrue(try run(["agents", "show", "Front desk"]).stdout.contains("Engine    model gpt"))
        let unknown = try run(["agents", "edit", "Front desk", "--model", "claude"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("model 'claude'"), unknown.stderr)
        let inUse = try run(["models", "delete", "gpt"])
        XCTAssertEqual(inUse.status, 1)
        XCTAssertTrue(inUse.stderr.contains("'Front desk'") && inUse.stderr.contains("--model rules"), inUse.stderr)
        XCTAssertEqual(try run(["models", "edit", "gpt", "--rename", "gpt-mini", "--timeout", "20"]).status, 0)
        XCTAssertEqual(try JSONValue(parsing: try run(["agents", "show", "Front desk", "--json"]).stdout).value(atPath: "engine"), "gpt-mini")
        XCTAssertEqual(try run(["agents", "edit", "Front desk", "--model", "rules"]).status, 0)
        XCTAssertEqual(try JSONValue(parsing: try run(["agents", "show", "Front desk", "--json"]).stdout).value(atPath: "engine"), "rules")
        XCTAssertEqual(try run(["models", "delete", "gpt-mini"]).status, 0)
        XCTAssertFalse(try run(["models", "list"]).stdout.contains("gpt-mini"))
    }

    func testModelsTestPrintsLatencyAndTheEchoedModelOrTheExactError() async throws {
        let server = try await FakeModel.start(arguments: "{}") { _ in "ok" }
        defer { Task { await server.stop() } }
        XCTAssertEqual(try run(["secrets", "set", "FAKE_KEY"], stdin: "fk-123456789\n").status, 0)
        XCTAssertEqual(try run(["models", "create", "fake", "--base-url", server.baseURL + "/v1", "--model", "fake-model", "--api-key", "{{secret.FAKE_KEY}}"]).status, 0)
        let tested = try run(["models", "test", "fake"])
        XCTAssertEqual(tested.status, 0, tested.stderr)
        XCTAssertTrue(tested.stdout.contains("answered in first token") && tested.stdout.contains("model: fake-model-1"), tested.stdout)
        let recorded = await server.recorder.last
        XCTAssertEqual(recorded?.header("Authorization"), "Bearer fk-123456789")

        XCTAssertEqual(try run(["models", "create", "nokey", "--base-url", server.baseURL + "/v1", "--model", "m", "--api-key", "{{secret.MISSING}}"]).status, 0)
        let missing = try run(["models", "test", "nokey"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("{{secret.MISSING}}") && missing.stderr.contains("switchboard secrets set MISSING"), missing.stderr)

        let refusing = try await SampleBackend.startRecorder { _ in (401, #"{"error":{"message":"Incorrect API key provided"}}"#) }
        defer { Task { await refusing.stop() } }
        XCTAssertEqual(try run(["models", "create", "refused", "--base-url", refusing.baseURL + "/v1", "--model", "m", "--api-key", "{{secret.FAKE_KEY}}"]).status, 0)
        let unauthorized = try run(["models", "test", "refused"])
        XCTAssertEqual(unauthorized.status, 1)
        XCTAssertTrue(unauthorized.stderr.contains("HTTP 401") && unauthorized.stderr.contains("{{secret.FAKE_KEY}}")
                      && unauthorized.stderr.contains("switchboard models test refused"), unauthorized.stderr)
    }

    /// A whole model-driven call from the command line: the model picks the
    /// action, the request goes out as with the rule-based agent, the model
    /// speaks the result, and each turn's figures are in the log.
    func testSimulateWithAModelAndTheFiguresInCallsShow() async throws {
        XCTAssertEqual(try run(["demo"]).status, 0)
        let server = try await FakeModel.start(arguments: #"{"email":"jo@example.com","first_name":"Jo","user_message":"Saving that now."}"#) { request in
            let tool = (try? JSONValue(parsing: request.body))?.value(atPath: "messages")?.arrayValue?.last?.value(atPath: "content")?.stringValue ?? ""
            return "Done: " + tool
        }
        defer { Task { await server.stop() } }
        XCTAssertEqual(try run(["models", "create", "fake", "--base-url", server.baseURL + "/v1", "--model", "fake-model"]).status, 0)
        let call = try run(["simulate", "--model", "fake", "--action", "create_crm_lead", "--say", "I'm Jo, jo@example.com", "--json"])
        XCTAssertEqual(call.status, 0, call.stderr)
        let document = try JSONValue(parsing: call.stdout)
        let events = try XCTUnwrap(document.value(atPath: "events")?.arrayValue)
        let types = events.compactMap { $0.value(atPath: "type")?.stringValue }
        XCTAssertEqual(types.filter { $0 == "model_turn" }.count, 2, "\(types)")
        let sent = try XCTUnwrap(events.first { $0.value(atPath: "type") == "request_sent" })
        XCTAssertEqual(sent.value(atPath: "data.parameters"), ["email": "jo@example.com", "first_name": "Jo"])
        let said = events.filter { $0.value(atPath: "type") == "agent_said" }.compactMap { $0.value(atPath: "text")?.stringValue }
        XCTAssertTrue(said.contains("Saving that now."), "user_message spoken before the request: \(said)")
        XCTAssertTrue(said.contains { $0.hasPrefix("Done: {\"success\":true,\"result\":{") }, "the model heard the result: \(said)")
        let turn = try XCTUnwrap(events.first { $0.value(atPath: "type") == "model_turn" })
        XCTAssertEqual(turn.value(atPath: "data.tokens_in"), 50)
        XCTAssertEqual(turn.value(atPath: "data.tokens_out"), 7)
        XCTAssertEqual(turn.value(atPath: "data.model"), "fake-model-1")
        XCTAssertNotNil(turn.value(atPath: "data.first_token_ms")?.numericValue)
        XCTAssertEqual(turn.value(atPath: "data.tool_calls"), ["create_crm_lead"])

        // What the model was sent: tools, linkage.
        let requests = await server.recorder.requests
        XCTAssertEqual(requests.count, 2)
        let second = try JSONValue(parsing: requests[1].body)
        let messages = try XCTUnwrap(second.value(atPath: "messages")?.arrayValue)
        XCTAssertEqual(messages.map { $0.value(atPath: "role")?.stringValue ?? "" }, ["system", "assistant", "user", "assistant", "tool"])
        XCTAssertEqual(messages[4].value(atPath: "tool_call_id"), "call_1")
        XCTAssertEqual(second.value(atPath: "tool_choice"), "auto")

        let id = try XCTUnwrap(document.value(atPath: "id")?.stringValue)
        let shown = try run(["calls", "show", id])
        XCTAssertTrue(shown.stdout.contains("Model: 2 turns, first token median"), shown.stdout)
        XCTAssertTrue(shown.stdout.contains("100 in / 14 out tokens"), shown.stdout)
        let json = try JSONValue(parsing: try run(["calls", "show", id, "--json"]).stdout)
        XCTAssertEqual(json.value(atPath: "model_totals.tokens_in"), 100)

        // The rule-based engine for the same action, forced for one run.
        let rules = try run(["simulate", "--model", "rules", "--action", "create_crm_lead", "--say", "I'm Jo", "--say", "jo at example dot com", "--json"])
        XCTAssertEqual(rules.status, 0, rules.stderr)
        XCTAssertFalse(rules.stdout.contains("model_turn"))
        let serverDown = try run(["models", "edit", "fake", "--base-url", "http://127.0.0.1:9/v1"])
        XCTAssertEqual(serverDown.status, 0, serverDown.stderr)
        let refused = try run(["simulate", "--model", "fake", "--action", "create_crm_lead", "--say", "hello"])
        XCTAssertEqual(refused.status, 0, refused.stderr)
        XCTAssertTrue(refused.stdout.contains("model turn failed: could not reach the model endpoint"), refused.stdout)
        XCTAssertTrue(refused.stdout.contains("I'm having trouble right now"), refused.stdout)
    }
}
