import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

final class ModelAgentTests: XCTestCase {
    let s = Fixtures.signUp
    let status = Fixtures.status
    let validArgs = #"{"email":"jo.smith@example.com","plan":"pro","seats":5,"user_message":"Setting that up now."}"#

    func agent(_ actions: [Action]) -> ModelAgent {
        ModelAgent(agent: Fixtures.agent, actions: actions, callID: "call_test")
    }

    func testTheFirstRequestIsPromptGreetingCallerAndTheToolsAreTheExportPlusUserMessage() throws {
        var engine = agent([s, Fixtures.ping, Fixtures.endCall])
        let run = runEngine(&engine, [.caller("I want to sign up")]) { _, _ in textReply("Sure, what's your email?") }
        let request = try XCTUnwrap(run.requests.first)
        XCTAssertEqual(request.messages, [
            ChatMessage(role: .system, content: Fixtures.agent.prompt),
            ChatMessage(role: .assistant, content: Fixtures.agent.greeting),
            ChatMessage(role: .user, content: "I want to sign up"),
        ])
        XCTAssertEqual(run.transcript.agentLines, [Fixtures.agent.greeting, "Sure, what's your email?"])
        // Sign up has Speak on Send: the export plus a required user_message string.
        var signUpTool = OpenAITool.export(s).objectValue!
        var function = signUpTool["function"]!.objectValue!
        var parameters = function["parameters"]!.objectValue!
        var properties = parameters["properties"]!.objectValue!
        properties["user_message"] = ["type": "string", "description": "A short message to say to the caller while the action runs."]
        parameters["properties"] = .object(properties)
        parameters["required"] = .array(parameters["required"]!.arrayValue! + ["user_message"])
        function["parameters"] = .object(parameters)
        signUpTool["function"] = .object(function)
        XCTAssertEqual(request.tools, [.object(signUpTool), OpenAITool.export(Fixtures.ping), OpenAITool.export(Fixtures.endCall)])

        let body = request.body(ModelSettings(model: "gpt-4o-mini", temperature: 0.2, maxTokens: 300)).objectValue!
        XCTAssertEqual(body["model"], "gpt-4o-mini")
        XCTAssertEqual(body["tool_choice"], "auto")
        XCTAssertEqual(body["stream"], true)
        XCTAssertEqual(body["stream_options"], ["include_usage": true])
        XCTAssertEqual(body["temperature"], .number(0.2))
        XCTAssertEqual(body["max_tokens"], 300)
        XCTAssertEqual(body["messages"]?.arrayValue?.first, ["role": "system", "content": .string(Fixtures.agent.prompt)])
    }

    func testAnAgentWithoutActionsSendsNoToolsAndNoToolChoice() {
        let body = ModelRequest(messages: [ChatMessage(role: .user, content: "hi")], tools: []).body(ModelSettings(model: "m")).objectValue!
        XCTAssertNil(body["tools"])
        XCTAssertNil(body["tool_choice"])
    }

    func testUserMessageIsSpokenBeforeTheRequestAndTheResultGoesBackLinkedByToolCallID() throws {
        var engine = agent([s])
        var consults = 0
        let run = runEngine(&engine, [.caller("sign me up"), ok(["account": ["id": "A-1"], "seats": 5])]) { request, _ in
            consults += 1
            return consults == 1 ? toolReply([("sign_up_for_a_plan", self.validArgs)]) : textReply("Anything else?")
        }
        XCTAssertEqual(run.transcript.requests.map(\.arguments), [["email": "jo.smith@example.com", "plan": "pro", "seats": 5]])
        XCTAssertEqual(run.transcript.agentLines, [Fixtures.agent.greeting, "Setting that up now.",
                                                   "You're all set, account A-1 has 5 seats.", "Anything else?"])
        let second = try XCTUnwrap(run.requests.last).messages
        XCTAssertEqual(second.count, 5)
        XCTAssertEqual(second[3].toolCalls, [ModelToolCall(id: "call_1", name: "sign_up_for_a_plan", arguments: validArgs)])
        XCTAssertEqual(second[4].role, .tool)
        XCTAssertEqual(second[4].toolCallID, "call_1")
        XCTAssertEqual(try JSONValue(parsing: second[4].content!), ["success": true, "result": ["account": ["id": "A-1"], "seats": 5]])
        XCTAssertEqual(second.last?.role, .tool)
    }

    func testInvalidArgumentsGoBackToTheModelThenTheActionFailsOnTheSecondTry() throws {
        var engine = agent([s])
        let bad = #"{"email":"jo@","plan":"gold","seats":5,"user_message":"One moment."}"#
        var consults = 0
        let run = runEngine(&engine, [.caller("sign me up")]) { _, _ in
            consults += 1
            return consults <= 2 ? toolReply([("sign_up_for_a_plan", bad)]) : textReply("Sorry, I couldn't do that.")
        }
        XCTAssertTrue(run.transcript.requests.isEmpty, "nothing was sent")
        XCTAssertEqual(run.requests.count, 3)
        let firstResult = try XCTUnwrap(run.requests[1].messages.last)
        XCTAssertEqual(firstResult.toolCallID, "call_1")
        XCTAssertTrue(firstResult.content!.hasPrefix("invalid arguments: "), firstResult.content!)
        XCTAssertTrue(firstResult.content!.contains("email"), firstResult.content!)
        XCTAssertTrue(firstResult.content!.contains("plan"), firstResult.content!)
        let secondResult = try XCTUnwrap(run.requests[2].messages.last?.content)
        XCTAssertTrue(secondResult.contains("the action failed after 2 tries"), secondResult)
        let rejections = run.transcript.events.filter { if case .fieldRejected = $0 { true } else { false } }
        XCTAssertEqual(rejections.count, 2, "each attempt is on the timeline")
        XCTAssertTrue(run.transcript.events.contains { if case .actionFailed(s.id, .notSent) = $0 { true } else { false } })
        XCTAssertEqual(run.transcript.agentLines.last, "Sorry, I couldn't do that.")
    }

    func testMalformedArgumentJSONAndAMissingUserMessageAreInvalidArguments() throws {
        for (arguments, expected) in [("{\"email\": \"jo@exa", "not JSON"), (#"{"email":"jo.smith@example.com","plan":"pro","seats":5}"#, "user_message is required")] {
            var engine = agent([s])
            var consults = 0
            let run = runEngine(&engine, [.caller("sign me up")]) { _, _ in
                consults += 1
                return consults == 1 ? toolReply([("sign_up_for_a_plan", arguments)]) : textReply("Could you repeat your email?")
            }
            let result = try XCTUnwrap(run.requests.last?.messages.last?.content)
            XCTAssertTrue(result.hasPrefix("invalid arguments: ") && result.contains(expected), result)
            XCTAssertFalse(engine.isMuted)
        }
    }

    func testParallelToolCallsRunInOrderAndTheModelHearsBoth() throws {
        var engine = agent([s, status])
        var consults = 0
        let run = runEngine(&engine, [.caller("sign me up and check my account"), ok(["seats": 5]), ok(["status": "active"])]) { _, _ in
            consults += 1
            return consults == 1
                ? toolReply([("sign_up_for_a_plan", self.validArgs), ("check_account_status", #"{"email":"jo.smith@example.com","user_message":"Checking."}"#)])
                : textReply("Both done.")
        }
        XCTAssertEqual(run.transcript.requests.map(\.action.id), [s.id, status.id])
        let last = try XCTUnwrap(run.requests.last).messages
        XCTAssertEqual(last.suffix(2).map(\.toolCallID), ["call_1", "call_2"])
        XCTAssertEqual(run.transcript.agentLines.last, "Both done.")
        XCTAssertEqual(consults, 2)
    }

    func testAgentMessageIsSpokenAndTheModelIsNotAskedAgain() {
        var engine = agent([s])
        let run = runEngine(&engine, [.caller("sign me up"), ok(["seats": 5], message: "Welcome aboard, Jo!")]) { _, _ in
            toolReply([("sign_up_for_a_plan", self.validArgs)])
        }
        XCTAssertEqual(run.requests.count, 1)
        XCTAssertEqual(run.transcript.agentLines.last, "Welcome aboard, Jo!")
    }

    func testPhraseTriggersFireOnTheAgentsWordsNotTheCallers() {
        let hangUp = Action(name: "Hang up", description: "End the call", trigger: .phrases(["Goodbye for now"]),
                            configuration: .endConversation(EndConversationConfiguration(goodbye: "")), createdAt: fixedNow)
        var engine = agent([hangUp])
        var run = runEngine(&engine, [.caller("goodbye for now")]) { _, _ in textReply("Is there anything else?") }
        XCTAssertFalse(engine.hasEnded, "the caller's words don't trigger it")
        run = runEngine(&engine, [.caller("no thanks")]) { _, _ in textReply("Okay, GOODBYE FOR NOW.") }
        XCTAssertTrue(engine.hasEnded)
        XCTAssertTrue(run.transcript.events.contains(.actionSelected(hangUp.id, name: "Hang up")))
        XCTAssertEqual(run.transcript.events.last, .callEnded(reason: .agentHungUp))
    }

    func testAModelFaultIsSpokenAndTheNextLineIsHeard() {
        var engine = agent([s])
        var consults = 0
        let run = runEngine(&engine, [.caller("hello"), .caller("hello again")]) { _, _ in
            consults += 1
            return consults == 1 ? .failure(.serverError(status: 503, detail: "overloaded")) : textReply("Hi!")
        }
        XCTAssertEqual(run.transcript.agentLines, [Fixtures.agent.greeting, ModelFault.serverError(status: 503, detail: "").spokenLine, "Hi!"])
        XCTAssertEqual(run.requests.last?.messages.filter { $0.role == .user }.count, 2)
    }

    func testWhileTheModelIsAnsweringTheCallerIsNotHeardAndCancelEndsTheTurn() {
        var engine = agent([s])
        _ = engine.start(at: fixedNow)
        let steps = engine.hear("hi", at: fixedNow)
        XCTAssertTrue(steps.contains { if case .consultModel = $0 { true } else { false } })
        XCTAssertTrue(engine.isConsulting)
        XCTAssertEqual(engine.hear("are you there?", at: fixedNow), [.event(.callerNotHeard("are you there?"))])
        XCTAssertEqual(engine.receive(ModelOutcome.failure(.cancelled), at: fixedNow), [.event(.agentSaid(ModelFault.cancelled.spokenLine))])
        XCTAssertFalse(engine.isConsulting)
    }

    func testAnUnknownToolIsToldToTheModel() throws {
        var engine = agent([s])
        var consults = 0
        let run = runEngine(&engine, [.caller("book a flight")]) { _, _ in
            consults += 1
            return consults == 1 ? toolReply([("book_flight", "{}")]) : textReply("I can't book flights.")
        }
        XCTAssertEqual(try JSONValue(parsing: run.requests.last!.messages.last!.content!), ["success": false, "error": "there is no tool named 'book_flight'"])
    }
}
