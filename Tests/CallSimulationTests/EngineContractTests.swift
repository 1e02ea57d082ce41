import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

// MARK: - Running any engine

/// Answers a model-driven agent's `.consultModel` steps (a scripted model).
typealias ScriptedModel = (_ request: ModelRequest, _ callerLine: Int) -> ModelOutcome

struct EngineRun {
    var transcript = Transcript()
    var requests: [ModelRequest] = []
}

/// Plays the turns against any engine; `.consultModel` steps are answered at
/// once by `model` (given how many caller lines came so far).
func runEngine(_ engine: inout some ConversationAgent, _ turns: [Turn], model: ScriptedModel) -> EngineRun {
    var run = EngineRun()
    var callerLines = 0
    func play(_ steps: [CallStep], _ engine: inout some ConversationAgent) {
        for step in steps {
            run.transcript.steps.append(step)
            if case let .consultModel(request) = step {
                run.requests.append(request)
                play(engine.receive(model(request, callerLines), at: fixedNow), &engine)
            }
        }
    }
    play(engine.start(at: fixedNow), &engine)
    for turn in turns {
        switch turn {
        case let .caller(text):
            callerLines += 1
            play(engine.hear(text, at: fixedNow), &engine)
        case let .respond(outcome): play(engine.receive(outcome, at: fixedNow), &engine)
        case .hangUp: play(engine.hangUp(at: fixedNow), &engine)
        }
    }
    return run
}

func toolReply(_ calls: [(String, String)], text: String = "") -> ModelOutcome {
    .reply(ModelReply(text: text, toolCalls: calls.enumerated().map { ModelToolCall(id: "call_\($0.offset + 1)", name: $0.element.0, arguments: $0.element.1) },
                      finishReason: "tool_calls"))
}

func textReply(_ text: String) -> ModelOutcome { .reply(ModelReply(text: text, finishReason: "stop")) }

// MARK: - The contract

/// One row: what the caller says (the rule-based engine understands it; the
/// scripted model answers the line `toolLine` with `tool(arguments)`), the
/// responses, and what must happen around the request — the same for every engine.
struct ContractCase {
    var name: String
    var actions: [Action]
    var turns: [Turn]
    /// The tool the scripted model calls and its arguments (what the caller meant).
    var tool: Action
    var arguments: JSONObject = [:]
    /// The caller line (1-based) after which the model calls the tool; nil: the last.
    var toolLine: Int? = nil
    /// For a phrase-triggered tool: what the model says on that line instead of
    /// calling it (the rule-based agent says its own line with the phrase).
    var modelSays: String? = nil
    var sent: [JSONObject]
    var says: [String] = []
    var events: [CallEvent] = []
    var ended: CallEndReason? = nil
}

final class EngineContractTests: XCTestCase {
    let s = Fixtures.signUp
    let signUpArgs: JSONObject = ["email": "jo.smith@example.com", "plan": "pro", "seats": 5]
    let signUpLine = "sign up for pro, 5 seats, jo.smith@example.com"
    let billingByPhrase = PhraseTriggerTests.transfer(phrase: "transfer you to billing")

    var cases: [ContractCase] {
        [
            ContractCase(name: "success with placeholders", actions: [s], turns: [.caller(signUpLine), ok(["account": ["id": "A-17"], "seats": 5])],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs],
                         says: ["Let me set that up.", "You're all set, account A-17 has 5 seats."],
                         events: [.muted, .unmuted, .actionCompleted(s.id)]),
            ContractCase(name: "a missing placeholder is noted and left out", actions: [s], turns: [.caller(signUpLine), ok(["seats": 5])],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs], says: ["You're all set, account has 5 seats."],
                         events: [.placeholderMissing(path: "result.account.id"), .actionCompleted(s.id)]),
            ContractCase(name: "agent_message said word for word", actions: [s],
                         turns: [.caller(signUpLine), ok(["seats": 5], message: "Welcome aboard, Jo!")],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs], says: ["Welcome aboard, Jo!"], events: [.actionCompleted(s.id)]),
            ContractCase(name: "caller not heard while muted", actions: [s],
                         turns: [.caller(signUpLine), .caller("hello? are you there?"), ok(["seats": 5])],
                         tool: s, arguments: signUpArgs, toolLine: 1, sent: [signUpArgs],
                         events: [.callerNotHeard("hello? are you there?"), .muted, .unmuted]),
            ContractCase(name: "authentication failure hint", actions: [s], turns: [.caller(signUpLine), failed(.authentication(status: 401))],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs], says: ["I couldn't get access to that system"],
                         events: [.unmuted, .actionFailed(s.id, .authentication(status: 401))]),
            ContractCase(name: "server error hint", actions: [s], turns: [.caller(signUpLine), failed(.serverError(status: 503))],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs], says: ["isn't available right now. Please try again later."],
                         events: [.actionFailed(s.id, .serverError(status: 503))]),
            ContractCase(name: "timeout hint", actions: [s], turns: [.caller(signUpLine), failed(.timedOut(seconds: 10))],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs], says: ["took too long to answer. Please try again later."]),
            ContractCase(name: "bad body hint", actions: [s], turns: [.caller(signUpLine), failed(.bodyNotJSON)],
                         tool: s, arguments: signUpArgs, sent: [signUpArgs], says: ["I got an answer I couldn't understand"]),
            ContractCase(name: "no URL: refused without a request", actions: [Fixtures.unconfigured],
                         turns: [.caller("import a lead"), .caller("Acme Corp")], tool: Fixtures.unconfigured, arguments: ["company": "Acme Corp"],
                         sent: [], says: ["import lead isn't set up yet"], events: [.actionFailed(Fixtures.unconfigured.id, .needsURL)]),
            ContractCase(name: "end conversation", actions: [Fixtures.endCall], turns: [.caller("please end the call")], tool: Fixtures.endCall,
                         sent: [], says: ["Thanks, bye now!"], events: [.actionCompleted(Fixtures.endCall.id)], ended: .agentHungUp),
            ContractCase(name: "transfer", actions: [Fixtures.billing], turns: [.caller("transfer me to billing")], tool: Fixtures.billing,
                         sent: [], says: ["I'm transferring you to +14155550100 now."], events: [.transferred(to: "+14155550100", warm: false)],
                         ended: .transferred),
            ContractCase(name: "a phrase-triggered transfer fires on the agent's words", actions: [s, billingByPhrase],
                         turns: [.caller("I need to talk to billing")], tool: billingByPhrase, modelSays: "Of course, I'll transfer you to billing.",
                         sent: [], says: ["transfer you to billing", "I'm transferring you to +14155550100 now."],
                         events: [.actionSelected(billingByPhrase.id, name: "Transfer to billing"), .transferred(to: "+14155550100", warm: false)],
                         ended: .transferred),
            ContractCase(name: "DTMF", actions: [Fixtures.menu], turns: [.caller("navigate the phone menu")], tool: Fixtures.menu,
                         sent: [], events: [.dtmfSent("1#"), .actionCompleted(Fixtures.menu.id)]),
            ContractCase(name: "warm transfer", actions: [Fixtures.sales], turns: [.caller("warm transfer to sales")], tool: Fixtures.sales,
                         sent: [], says: ["Please hold while I connect you", "Caller wants a quote for 50 seats."],
                         events: [.transferred(to: "+14155550199", warm: true)], ended: .transferred),
        ]
    }

    /// A model that calls the case's tool on its line (with `user_message`
    /// = Speak on Send when the tool asks for it), reads a failure's hint
    /// back, and otherwise offers more help.
    func model(for row: ContractCase) -> ScriptedModel {
        let toolLine = row.toolLine ?? row.turns.filter { if case .caller = $0 { true } else { false } }.count
        return { request, line in
            let last = request.messages.last!
            if last.role == .tool {
                let result = (try? JSONValue(parsing: last.content ?? ""))?.objectValue
                if let hint = result?["hint"]?.stringValue { return textReply(hint) }
                return textReply("Is there anything else I can help with?")
            }
            guard line == toolLine else { return textReply("Go on.") }
            if let words = row.modelSays { return textReply(words) }
            var arguments = row.arguments
            if ModelTools.wantsUserMessage(row.tool) { arguments[ModelTools.userMessage] = .string(row.tool.customInput!.speakOnSend) }
            return toolReply([(row.tool.functionName, JSONValue.object(arguments).compactText)])
        }
    }

    func check(_ row: ContractCase, _ run: EngineRun, ended: Bool, engine: String, file: StaticString = #filePath, line: UInt = #line) {
        let transcript = run.transcript
        let context = "[\(engine): \(row.name)] lines: \(transcript.agentLines)\nevents: \(transcript.events)"
        XCTAssertEqual(transcript.requests.map(\.arguments), row.sent, context, file: file, line: line)
        for expected in row.says {
            XCTAssertTrue(transcript.agentLines.contains { $0.contains(expected) }, "missing line “\(expected)” \(context)", file: file, line: line)
        }
        for event in row.events {
            XCTAssertTrue(transcript.events.contains(event), "missing event \(event) \(context)", file: file, line: line)
        }
        // Speak on Send comes before muted, muted before the request.
        if let send = row.tool.customInput?.speakOnSend, !send.isEmpty, !row.sent.isEmpty {
            let said = transcript.steps.firstIndex(of: .event(.agentSaid(send)))
            let muted = transcript.steps.firstIndex(of: .event(.muted))
            let invoked = transcript.steps.firstIndex { if case .invoke = $0 { true } else { false } }
            XCTAssertNotNil(said, context, file: file, line: line)
            XCTAssertTrue(said! < muted! && muted! < invoked!, context, file: file, line: line)
        }
        if let reason = row.ended {
            XCTAssertTrue(ended, context, file: file, line: line)
            XCTAssertEqual(transcript.events.last, .callEnded(reason: reason), context, file: file, line: line)
        } else {
            XCTAssertFalse(ended, context, file: file, line: line)
        }
    }

    func testTheRuleBasedEngineKeepsTheContract() {
        for row in cases {
            var engine = MockAgent(agent: Fixtures.agent, actions: row.actions, callID: "call_test", now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)
            let run = runEngine(&engine, row.turns) { _, _ in XCTFail("the rule-based engine consulted a model"); return .failure(.emptyReply) }
            check(row, run, ended: engine.hasEnded, engine: "rules")
        }
    }

    func testTheModelEngineKeepsTheContract() {
        for row in cases {
            var engine = ModelAgent(agent: Fixtures.agent, actions: row.actions, callID: "call_test")
            let run = runEngine(&engine, row.turns, model: model(for: row))
            check(row, run, ended: engine.hasEnded, engine: "model")
            XCTAssertFalse(run.requests.isEmpty, row.name)
        }
    }
}
