import ActionModel
@testable import SampleBackend
import XCTest
import CallSimulation

/// The scripted OpenAI-compatible endpoint, read over a plain socket on
/// 127.0.0.1 the way any client would see it.
final class ScriptedModelTests: XCTestCase {
    var backend: RunningSampleBackend!

    override func setUp() async throws {
        backend = try await SampleBackend.start(host: "127.0.0.1", port: 0)
    }

    override func tearDown() async throws {
        await backend.stop()
    }

    /// The support-ticket and lead tools as an agent would send them: the OpenAI export, with
    /// `user_message` on the ticket tool (its action speaks on send).
    static var tools: JSONValue {
        let ticket = Action(
            name: "Create support ticket", description: "Opens a support ticket about the caller's issue",
            configuration: .customInput(CustomInputConfiguration(url: "http://x.test", inputSchema: InputSchema(properties: [
                SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
                SchemaProperty(name: "issue", isRequired: true, description: "A brief description of the customer's issue"),
                SchemaProperty(name: "user_message", isRequired: true, description: "What to say while the ticket is opened"),
            ]))))
        let lead = Action(
            name: "Create CRM lead", description: "Creates a sales lead in the CRM from the caller's details",
            configuration: .customInput(CustomInputConfiguration(url: "http://x.test", inputSchema: InputSchema(properties: [
                SchemaProperty(name: "first_name", isRequired: true, description: "The caller's first name"),
                SchemaProperty(name: "email", isRequired: true, description: "The caller's email address", format: .email),
            ]))))
        return OpenAITool.export([ticket, lead])
    }

    static let system: JSONValue = ["role": "system", "content": "You are Acme's front desk."]
    static let greeting: JSONValue = ["role": "assistant", "content": "Thanks for calling Acme! What can I do for you?"]

    func body(_ messages: [JSONValue], stream: Bool = false, usage: Bool = false, model: String = ScriptedModel.modelID) -> String {
        var object: JSONObject = ["model": .string(model), "messages": .array(messages), "tools": Self.tools, "tool_choice": "auto"]
        object["stream"] = .bool(stream)
        if usage { object["stream_options"] = ["include_usage": true] }
        return JSONValue.object(object).compactText
    }

    func post(_ body: String, headers: [(String, String)] = []) throws -> PlainHTTPResponse {
        try PlainHTTP.request(port: backend.port, method: "POST", path: "/v1/chat/completions", headers: headers, body: body)
    }

    /// The assistant's message of a non-streaming reply.
    func message(_ response: PlainHTTPResponse) throws -> JSONValue {
        XCTAssertEqual(response.status, 200, response.body)
        return try XCTUnwrap(JSONValue(parsing: response.body).value(atPath: "choices")?.arrayValue?.first?.value(atPath: "message"))
    }

    static func user(_ text: String) -> JSONValue { ["role": "user", "content": .string(text)] }

    // MARK: Non-streaming

    func testAsksForTheFirstMissingFieldWithTheWholeCompletionBody() throws {
        let sent = body([Self.system, Self.greeting, Self.user("I'd like to open a support ticket")])
        let response = try post(sent)
        XCTAssertEqual(response.status, 200, response.body)
        XCTAssertEqual(response.header("Content-Type"), "application/json")
        let text = "Could you tell me your email address?"
        let prompt = (sent.utf8.count + 3) / 4, completion = (text.utf8.count + 3) / 4
        XCTAssertEqual(response.body, """
            {"id":"chatcmpl-scripted-3","object":"chat.completion","created":1767225600,"model":"switchboard-scripted",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"\(text)"},"logprobs":null,"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":\(prompt),"completion_tokens":\(completion),"total_tokens":\(prompt + completion)}}
            """)
    }

    func testSameRequestSameBytes() throws {
        let sent = body([Self.system, Self.greeting, Self.user("open a support ticket for jo at example dot com, my internet is down")], stream: true, usage: true)
        let first = try post(sent), second = try post(sent)
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.body, second.body)
        XCTAssertTrue(first.body.contains(#"{"content":" issue?"}"#), "the email was heard, the issue is asked for: \(first.body)")
        let plain = body([Self.system, Self.user("I want to become a lead")])
        XCTAssertEqual(try post(plain).body, try post(plain).body)
    }

    func testToolNamesAreSaidAsWordsNotAsTitles() {
        func tool(_ function: String, _ description: String) -> Action {
            OpenAITool.importTools(["type": "function", "function": ["name": .string(function), "description": .string(description)]]).actions[0]
        }
        XCTAssertEqual(SpokenName.midSentence(tool("create_crm_lead", "Creates a sales lead in the CRM from the caller's details")), "create CRM lead")
        XCTAssertEqual(SpokenName.midSentence(tool("open_zendesk_ticket", "Opens a ticket in Zendesk's queue.")), "open Zendesk ticket")
        XCTAssertEqual(SpokenName.midSentence(tool("getDNAReport", "Reads a report")), "get DNA report")
        XCTAssertEqual(SpokenName.midSentence(tool("book_appointment", "Books an appointment")), "book appointment")
        // A capital that only starts a sentence makes no name.
        XCTAssertEqual(SpokenName.midSentence(tool("check_status", "Status of the account. Check it often.")), "check status")
    }

    // MARK: Streaming

    func testStreamedTextExactEvents() throws {
        let sent = body([Self.system, Self.greeting, Self.user("what's the weather like")], stream: true, usage: true)
        let response = try post(sent)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "text/event-stream")
        // A tool's name, said mid-sentence: its function name's words in lowercase, "CRM" as its description writes it.
        let text = "I can help with: create support ticket and create CRM lead. What would you like to do?"
        let head = #"{"id":"chatcmpl-scripted-3","object":"chat.completion.chunk","created":1767225600,"model":"switchboard-scripted","choices":[{"index":0,"delta":"#
        func event(_ delta: String, finish: String = "null") -> String {
            "data: " + head + delta + #","logprobs":null,"finish_reason":"# + finish + "}],\"usage\":null}\n\n"
        }
        var expected = event(#"{"role":"assistant","content":""}"#)
        for piece in ["I", " can", " help", " with:", " create", " support", " ticket", " and", " create", " CRM", " lead.", " What", " would",
                      " you", " like", " to", " do?"] {
            expected += event(#"{"content":""# + piece + #""}"#)
        }
        expected += event("{}", finish: #""stop""#)
        let prompt = (sent.utf8.count + 3) / 4, completion = (text.utf8.count + 3) / 4
        expected += #"data: {"id":"chatcmpl-scripted-3","object":"chat.completion.chunk","created":1767225600,"model":"switchboard-scripted","choices":[],"usage":{"prompt_tokens":"#
            + "\(prompt),\"completion_tokens\":\(completion),\"total_tokens\":\(prompt + completion)}}\n\n"
        expected += "data: [DONE]\n\n"
        XCTAssertEqual(response.body, expected)
    }

    func testStreamedToolCallSplitsArgumentsMidKey() throws {
        let sent = body([Self.system, Self.greeting, Self.user("I need to open a support ticket"),
                         ["role": "assistant", "content": "Could you tell me your email address?"],
                         Self.user("jo at example dot com"),
                         ["role": "assistant", "content": "Could you tell me a brief description of your issue?"],
                         Self.user("the printer keeps jamming")], stream: true)
        let response = try post(sent)
        let events = response.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        XCTAssertEqual(events.last, "data: [DONE]")
        let chunks = try events.dropLast().map { event -> JSONValue in
            XCTAssertTrue(event.hasPrefix("data: "), event)
            return try JSONValue(parsing: String(event.dropFirst(6)))
        }
        // Without include_usage no chunk carries a usage key.
        XCTAssertTrue(chunks.allSatisfy { $0.value(atPath: "usage") == nil })
        let first = try XCTUnwrap(chunks.first?.value(atPath: "choices")?.arrayValue?.first)
        XCTAssertEqual(first.value(atPath: "delta"), [
            "role": "assistant", "content": nil,
            "tool_calls": [["index": 0, "id": "call_scripted_1", "type": "function", "function": ["name": "create_support_ticket", "arguments": ""]]],
        ])
        let fragments = chunks.dropFirst().dropLast().compactMap {
            $0.value(atPath: "choices")?.arrayValue?.first?.value(atPath: "delta.tool_calls")?.arrayValue?.first
        }
        XCTAssertEqual(fragments.count, chunks.count - 2)
        for fragment in fragments {
            XCTAssertEqual(fragment.value(atPath: "index"), 0)
            XCTAssertNil(fragment.value(atPath: "id"), "only the first chunk names the call")
        }
        let pieces = fragments.compactMap { $0.value(atPath: "function.arguments")?.stringValue }
        XCTAssertEqual(pieces.first, #"{"ema"#, "the first piece ends inside the key")
        XCTAssertTrue(pieces.allSatisfy { $0.count <= ScriptedModelWire.argumentPieceLength })
        let arguments = try JSONValue(parsing: pieces.joined())
        XCTAssertEqual(arguments, ["email": "jo@example.com", "issue": "the printer keeps jamming",
                                   "user_message": "One moment while I take care of that."])
        let last = try XCTUnwrap(chunks.last?.value(atPath: "choices")?.arrayValue?.first)
        XCTAssertEqual(last.value(atPath: "delta"), [:])
        XCTAssertEqual(last.value(atPath: "finish_reason"), "tool_calls")
    }

    // MARK: A whole conversation

    func testWholeConversation() throws {
        var messages = [Self.system, Self.greeting]
        func turn(_ line: String) throws -> JSONValue {
            messages.append(Self.user(line))
            let reply = try message(post(body(messages)))
            messages.append(reply)
            return reply
        }
        XCTAssertEqual(try turn("I'd like to open a support ticket").value(atPath: "content"), "Could you tell me your email address?")
        let question = try turn("sure, it's jo dot smith at example dot com")
        XCTAssertEqual(question.value(atPath: "content"), "Could you tell me a brief description of your issue?")
        let call = try turn("the internet has been down since this morning")
        XCTAssertEqual(call.value(atPath: "content"), .null)
        let toolCall = try XCTUnwrap(call.value(atPath: "tool_calls")?.arrayValue?.first)
        XCTAssertEqual(toolCall.value(atPath: "function.name"), "create_support_ticket")
        let arguments = try JSONValue(parsing: XCTUnwrap(toolCall.value(atPath: "function.arguments")?.stringValue))
        XCTAssertEqual(arguments, ["email": "jo.smith@example.com", "issue": "the internet has been down since this morning",
                                   "user_message": "One moment while I take care of that."])

        // The driver answers with the action's result; the model speaks from it.
        messages.append(["role": "tool", "tool_call_id": try XCTUnwrap(toolCall.value(atPath: "id")),
                         "content": #"{"success":true,"result":{"ticket_id":"T-1001","priority":"high"}}"#])
        let spoken = try message(post(body(messages)))
        messages.append(spoken)
        XCTAssertEqual(spoken.value(atPath: "content"), "That's done: ticket id T-1001 and priority high. Is there anything else I can help with?")

        // A new task starts fresh: the lead tool, with the email said again, and a second call id.
        XCTAssertEqual(try turn("yes, make me a sales lead").value(atPath: "content"), "Could you tell me your first name?")
        XCTAssertEqual(try turn("Jo").value(atPath: "content"), "Could you tell me your email address?")
        let second = try turn("jo at example dot com")
        XCTAssertEqual(second.value(atPath: "tool_calls")?.arrayValue?.first?.value(atPath: "id"), "call_scripted_2")
        XCTAssertEqual(second.value(atPath: "tool_calls")?.arrayValue?.first?.value(atPath: "function.arguments"),
                       #"{"first_name":"Jo","email":"jo@example.com"}"#, "no user_message: the lead tool has no such property")
        messages.append(["role": "tool", "tool_call_id": "call_scripted_2", "content": #"{"success":false,"error":"the CRM is down"}"#])
        XCTAssertEqual(try message(post(body(messages))).value(atPath: "content"),
                       "Sorry, that didn't go through: the CRM is down. Is there anything else I can help with?")
        messages.append(["role": "assistant", "content": "Sorry, that didn't go through."])
        XCTAssertEqual(try turn("no, that's all, bye").value(atPath: "content"), "Thanks for calling, goodbye!")
    }

    func testInvalidArgumentsKeepTheTaskAndAskAgain() throws {
        var messages = [Self.system, Self.user("make me a sales lead, I'm Jo, jo at example dot com")]
        let call = try message(post(body(messages)))
        XCTAssertEqual(call.value(atPath: "tool_calls")?.arrayValue?.first?.value(atPath: "function.arguments"), #"{"first_name":"Jo","email":"jo@example.com"}"#)
        messages.append(call)
        messages.append(["role": "tool", "tool_call_id": "call_scripted_1", "content": "invalid arguments: email must be a company address"])
        let asked = try message(post(body(messages)))
        XCTAssertEqual(asked.value(atPath: "content"), "Sorry, I need to check those details again: email must be a company address. Could you repeat them?")
        messages.append(asked)
        messages.append(Self.user("actually my email is jo at acme dot com"))
        let again = try message(post(body(messages)))
        XCTAssertEqual(again.value(atPath: "tool_calls")?.arrayValue?.first?.value(atPath: "function.arguments"), #"{"first_name":"Jo","email":"jo@acme.com"}"#)
        XCTAssertEqual(again.value(atPath: "tool_calls")?.arrayValue?.first?.value(atPath: "id"), "call_scripted_2")
    }

    func testASystemPromptNamingOneToolMakesItTheTask() throws {
        // As issue 10's model engine words "test this action".
        let system: JSONValue = ["role": "system", "content": "You are Acme's front desk.\n\nThis call tests the action \"Create CRM lead\" (the tool create_crm_lead): help the caller use it."]
        var messages = [system, Self.greeting, Self.user("I'm Jo")]
        let asked = try message(post(body(messages)))
        XCTAssertEqual(asked.value(atPath: "content"), "Could you tell me your email address?", "Jo was heard as the first name")
        messages += [asked, Self.user("jo at example dot com")]
        XCTAssertEqual(try message(post(body(messages))).value(atPath: "tool_calls")?.arrayValue?.first?.value(atPath: "function.arguments"),
                       #"{"first_name":"Jo","email":"jo@example.com"}"#)
        // Words that pick another tool still win, and a prompt naming both tools focuses on neither.
        XCTAssertEqual(try message(post(body([system, Self.user("open a support ticket")]))).value(atPath: "content"),
                       "Could you tell me your email address?")
        let both: JSONValue = ["role": "system", "content": "Use create_crm_lead or create_support_ticket."]
        XCTAssertEqual(try message(post(body([both, Self.user("I'm Jo")]))).value(atPath: "content"),
                       "I can help with: create support ticket and create CRM lead. What would you like to do?")
    }

    // MARK: Refusals, models, keys

    func testRefusesWhatOpenAIRefuses() throws {
        let unknown = try post(body([Self.user("hi")], model: "gpt-4o"))
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(try JSONValue(parsing: unknown.body).value(atPath: "error.code"), "model_not_found")
        let notJSON = try post("{\"model\":")
        XCTAssertEqual(notJSON.status, 400)
        XCTAssertEqual(try JSONValue(parsing: notJSON.body).value(atPath: "error.type"), "invalid_request_error")
        let noMessages = try post(#"{"model":"switchboard-scripted","messages":[]}"#)
        XCTAssertEqual(noMessages.status, 400)
        XCTAssertEqual(try JSONValue(parsing: noMessages.body).value(atPath: "error.param"), "messages")
        let orphanTool = try post(#"{"model":"switchboard-scripted","messages":[{"role":"tool","content":"{}"}]}"#)
        XCTAssertEqual(orphanTool.status, 400)
        XCTAssertTrue(orphanTool.body.contains("tool_call_id"), orphanTool.body)
    }

    func testModelList() throws {
        let response = try PlainHTTP.request(port: backend.port, method: "GET", path: "/v1/models")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(try JSONValue(parsing: response.body),
                       ["object": "list", "data": [["id": "switchboard-scripted", "object": "model", "created": 1767225600, "owned_by": "switchboard"]]])
    }

    func testBearerKeyCheckedOnlyWhenConfigured() async throws {
        XCTAssertEqual(try post(body([Self.user("hi")])).status, 200, "no key configured: no header needed")
        let keyed = try await SampleBackend.start(host: "127.0.0.1", port: 0, modelAPIKey: "sk-test-123")
        defer { Task { await keyed.stop() } }
        let sent = body([Self.user("hi")])
        let missing = try PlainHTTP.request(port: keyed.port, method: "POST", path: "/v1/chat/completions", body: sent)
        XCTAssertEqual(missing.status, 401)
        XCTAssertEqual(try JSONValue(parsing: missing.body).value(atPath: "error.code"), "invalid_api_key")
        let wrong = try PlainHTTP.request(port: keyed.port, method: "POST", path: "/v1/chat/completions",
                                          headers: [("Authorization", "Bearer sk-wrong")], body: sent)
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(try JSONValue(parsing: wrong.body).value(atPath: "error.message"), "Incorrect API key provided.")
        let right = try PlainHTTP.request(port: keyed.port, method: "POST", path: "/v1/chat/completions",
                                          headers: [("Authorization", "Bearer sk-test-123")], body: sent)
        XCTAssertEqual(right.status, 200, right.body)
        XCTAssertEqual(try PlainHTTP.request(port: keyed.port, method: "GET", path: "/v1/models").status, 401)
    }
}
