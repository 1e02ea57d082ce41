import ActionModel
import CallDriver
import CallSimulation
import Foundation

/// Our own overhead per model turn, the server's time excluded: the request
/// body built from the conversation and tools, the streamed reply parsed as it
/// arrives, and the agent's handling of it. Issue 10 asks for ≤ 1 ms median.
func runLLMBenchmarks() {
    print("model turns (OpenAI-compatible engine; the demo's \(DemoWorkspace.actions.count) actions as tools, a 12-message conversation):")
    let agent = Agent(name: "Bench", greeting: "Hi, thanks for calling Acme. How can I help?")
    let actions = DemoWorkspace.actions
    var messages: [ChatMessage] = [ChatMessage(role: .system, content: Agent.defaultPrompt), ChatMessage(role: .assistant, content: agent.greeting)]
    for turn in 0..<5 {
        messages.append(ChatMessage(role: .user, content: "Line \(turn): I'd like to book an appointment for tomorrow at half past ten, my name is Ada Lovelace."))
        messages.append(ChatMessage(role: .assistant, content: "Sure, could you tell me the phone number I should use for the booking, please?"))
    }
    let tools = actions.map(ModelTools.tool(for:))
    let request = ModelRequest(messages: messages, tools: tools)
    let settings = ModelSettings(model: "gpt-4o-mini", temperature: 0.2, maxTokens: 300)
    let stream = benchmarkStream(words: 40, toolArguments: #"{"name":"Ada Lovelace","date":"2026-12-08","time":"10:30:00Z","user_message":"One moment while I book that."}"#)
    // As a server sends it: one network read per event, each split once more in the middle.
    var pieces: [[UInt8]] = []
    for event in stream.components(separatedBy: "\n\n") where !event.isEmpty {
        let bytes = Array((event + "\n\n").utf8)
        pieces.append(Array(bytes[..<(bytes.count / 2)]))
        pieces.append(Array(bytes[(bytes.count / 2)...]))
    }
    let bodyBytes = request.body(settings).compactText.utf8.count
    line("request body", "\(bodyBytes) bytes, \(tools.count) tools, \(messages.count) messages")
    line("reply stream", "\(stream.utf8.count) bytes in \(pieces.count) reads")

    report("request built (body JSON → bytes)", runs: 2001) {
        let bytes = Array(request.body(settings).compactText.utf8)
        precondition(bytes.count == bodyBytes)
    }
    report("stream parsed (SSE → text + tool call)", runs: 2001) {
        var reader = ModelStream()
        for piece in pieces { _ = try! reader.feed(piece) }
        precondition(try! reader.finish().toolCalls.count == 1)
    }
    let booking = actions.first { $0.functionName == "book_appointment" }
    report("whole turn (built + parsed + the agent's handling)", runs: 2001) {
        var engine = ModelAgent(agent: agent, actions: actions, callID: "call_bench")
        _ = engine.start(at: Date())
        _ = engine.hear("I'd like to book an appointment for tomorrow at half past ten, I'm Ada Lovelace", at: Date())
        let bytes = Array(ModelRequest(messages: engine.messages, tools: engine.tools).body(settings).compactText.utf8)
        precondition(!bytes.isEmpty)
        var reader = ModelStream()
        for piece in pieces { _ = try! reader.feed(piece) }
        let steps = engine.receive(ModelOutcome.reply(try! reader.finish()), at: Date())
        precondition(booking == nil || steps.contains { if case .invoke = $0 { true } else { false } })
    }
}

/// A reply of `words` streamed words, then one tool call whose arguments come
/// in 6-character fragments, the finish reason, usage and [DONE].
func benchmarkStream(words: Int, toolArguments: String) -> String {
    func event(_ json: JSONValue) -> String { "data: " + json.compactText + "\n\n" }
    var text = ""
    for index in 0..<words {
        text += event(["id": "chatcmpl-b", "object": "chat.completion.chunk", "model": "gpt-4o-mini-2024-07-18",
                       "choices": [["index": 0, "delta": ["content": .string(index == 0 ? "Sure" : " word\(index)")]]]])
    }
    var fragments: [String] = []
    var rest = Substring(toolArguments)
    while !rest.isEmpty {
        fragments.append(String(rest.prefix(6)))
        rest = rest.dropFirst(6)
    }
    for (index, fragment) in fragments.enumerated() {
        var call: JSONObject = ["index": 0, "function": ["arguments": .string(fragment)]]
        if index == 0 {
            call["id"] = "call_b1"
            call["type"] = "function"
            call["function"] = ["name": "book_appointment", "arguments": .string(fragment)]
        }
        text += event(["id": "chatcmpl-b", "object": "chat.completion.chunk", "model": "gpt-4o-mini-2024-07-18",
                       "choices": [["index": 0, "delta": ["tool_calls": [.object(call)]]]]])
    }
    text += event(["id": "chatcmpl-b", "choices": [["index": 0, "delta": .object(JSONObject()), "finish_reason": "tool_calls"]]])
    text += event(["id": "chatcmpl-b", "choices": [], "usage": ["prompt_tokens": 1800, "completion_tokens": 75]])
    return text + "data: [DONE]\n\n"
}
