import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

/// Phrase triggers in the rule-based engine: they fire on what the agent says
/// (Vocode's rule, shared with the model engine through `ActionTurn.triggered`),
/// never on the caller's words.
final class PhraseTriggerTests: XCTestCase {
    static func transfer(phrase: String) -> Action {
        Action(name: "Transfer to billing", description: "Send the caller to the billing team", trigger: .phrases([phrase]),
               configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+14155550100")), createdAt: fixedNow)
    }

    let billing = transfer(phrase: "transfer you to billing")
    let hangUp = Action(name: "Hang up", description: "End the call", trigger: .phrases(["goodbye"]),
                        configuration: .endConversation(EndConversationConfiguration(goodbye: "Thanks, bye now!")), createdAt: fixedNow)
    let keypad = Action(name: "Press one", description: "Choose the first menu option", trigger: .phrases(["pressing one"]),
                        configuration: .dtmf(DTMFConfiguration(buttons: "1")), createdAt: fixedNow)

    func index(of event: CallEvent, in transcript: Transcript, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let index = transcript.events.firstIndex(of: event) else {
            XCTFail("missing \(event) in \(transcript.events)", file: file, line: line)
            return -1
        }
        return index
    }

    // MARK: The agent's acknowledging line fires it

    func testTheCallerAsksAndTheAgentsLineWithThePhraseFiresATransfer() {
        let (transcript, agent) = runCall([Fixtures.signUp, billing], [.caller("I need to talk to billing")])
        XCTAssertEqual(transcript.events, [
            .agentSaid(Fixtures.agent.greeting),
            .callerSaid("I need to talk to billing"),
            .agentSaid("Sure — transfer you to billing."),
            .actionSelected(billing.id, name: "Transfer to billing"),
            .agentSaid("I'm transferring you to +14155550100 now. Please hold."),
            .transferred(to: "+14155550100", warm: false),
            .actionCompleted(billing.id),
            .callEnded(reason: .transferred),
        ])
        XCTAssertTrue(agent.hasEnded)
    }

    func testTheCallerSayingThePhraseItselfOnlyLeadsToTheAgentsLineWhichFires() {
        // The caller's words pick the action by its name; the phrase in them fires nothing:
        // the action is selected only after the agent's own line holds the phrase.
        let (transcript, _) = runCall([billing], [.caller("transfer you to billing")])
        let acknowledged = index(of: .agentSaid("Sure — transfer you to billing."), in: transcript)
        let selected = index(of: .actionSelected(billing.id, name: "Transfer to billing"), in: transcript)
        XCTAssertLessThan(acknowledged, selected)
        XCTAssertEqual(transcript.events.last, .callEnded(reason: .transferred))

        // A phrase whose words the name and description don't share: the caller
        // saying it is asking for nothing, and nothing fires.
        let records = Fixtures.custom("Look up balance", description: "Reads the account balance", trigger: .phrases(["pulling up your records"]),
                                      properties: [])
        let (other, agent) = runCall([records], [.caller("pulling up your records")])
        XCTAssertFalse(other.events.contains { if case .actionSelected = $0 { true } else { false } }, "\(other.events)")
        XCTAssertTrue(other.requests.isEmpty)
        XCTAssertFalse(agent.hasEnded)
    }

    func testAPhraseTriggeredCustomInputActionStartsFromTheAgentsLineWithTheCallersFields() {
        let status = Fixtures.status  // phrase "account status", one required email
        let (transcript, _) = runCall([Fixtures.signUp, status], [
            .caller("check my account status, it's jo.smith@example.com"), ok(["status": "active"]),
        ])
        XCTAssertEqual(Array(transcript.events.prefix(7)), [
            .agentSaid(Fixtures.agent.greeting),
            .callerSaid("check my account status, it's jo.smith@example.com"),
            .agentSaid("Sure — account status."),
            .actionSelected(status.id, name: "Check account status"),
            .fieldCollected(name: "email", value: "jo.smith@example.com", heard: "jo.smith@example.com"),
            .agentSaid("Let me check your account details."),
            .muted,
        ])
        XCTAssertEqual(transcript.requests.map(\.arguments), [["email": "jo.smith@example.com"]])
        XCTAssertTrue(transcript.agentLines.contains("Your account is active."))
    }

    // MARK: Other agent lines

    func testSpeakOnReceiveFiresCaseAndPunctuationAside() {
        let signUp = Fixtures.custom(
            "Sign up for a plan", description: "Create a subscription", onReceive: "Done! Now I'll TRANSFER YOU, to billing.",
            properties: [SchemaProperty(name: "email", isRequired: true, format: .email)])
        let (transcript, agent) = runCall([signUp, billing], [.caller("sign up, jo@example.com"), ok([:])])
        let said = index(of: .agentSaid("Done! Now I'll TRANSFER YOU, to billing."), in: transcript)
        let selected = index(of: .actionSelected(billing.id, name: "Transfer to billing"), in: transcript)
        XCTAssertLessThan(said, selected)
        XCTAssertTrue(agent.hasEnded)
        XCTAssertEqual(transcript.events.last, .callEnded(reason: .transferred))
    }

    func testTheGreetingAndAnAgentMessageDoNotFireAsInVocode() {
        // Vocode reads its model's lines only: not the initial message, not a canned `agent_message`.
        var agent = MockAgent(agent: Agent(name: "A", greeting: "Hi! I can transfer you to billing.", createdAt: fixedNow),
                              actions: [Fixtures.signUp, billing], callID: "c", now: fixedNow, timeZone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(agent.start(at: fixedNow), [.event(.agentSaid("Hi! I can transfer you to billing."))])
        _ = agent.hear("sign up for pro, 5 seats, jo.smith@example.com", at: fixedNow)
        let steps = agent.receive(.success(result: [:], agentMessage: "All set; I could transfer you to billing too.", exchange: Fixtures.exchange()),
                                  at: fixedNow)
        XCTAssertTrue(steps.contains(.event(.agentSaid("All set; I could transfer you to billing too."))))
        XCTAssertFalse(steps.contains { if case .event(.actionSelected) = $0 { true } else { false } }, "\(steps)")
        XCTAssertFalse(agent.hasEnded)
    }

    func testTheAgentsGoodbyeFiresAnEndConversationPhrase() {
        let (transcript, agent) = runCall([Fixtures.signUp, hangUp], [.caller("that's all, bye")])
        XCTAssertEqual(Array(transcript.events.suffix(5)), [
            .agentSaid("Thank you for calling. Goodbye!"),
            .actionSelected(hangUp.id, name: "Hang up"),
            .agentSaid("Thanks, bye now!"),
            .actionCompleted(hangUp.id),
            .callEnded(reason: .agentHungUp),
        ])
        XCTAssertTrue(agent.hasEnded)
        // Without a phrase to fire, the agent hangs up on its own goodbye.
        let (plain, _) = runCall([Fixtures.signUp], [.caller("that's all, bye")])
        XCTAssertEqual(plain.events.last, .callEnded(reason: .completed))
    }

    func testADTMFPhraseFiresAndTheCallGoesOn() {
        let (transcript, agent) = runCall([Fixtures.signUp, keypad], [.caller("press one please"), .caller("sign up for pro, 5 seats, jo.smith@example.com")])
        XCTAssertEqual(Array(transcript.events[2...5]), [
            .agentSaid("Sure — pressing one."),
            .actionSelected(keypad.id, name: "Press one"),
            .dtmfSent("1"),
            .actionCompleted(keypad.id),
        ])
        XCTAssertEqual(transcript.events[6], .agentSaid(MockAgent.anythingElse))
        XCTAssertEqual(transcript.requests.count, 1)
        XCTAssertFalse(agent.hasEnded)
    }

    // MARK: What never fires

    func testTheMenuLineNamingTheActionDoesNotFire() {
        // The action's name holds its phrase; listing it is not saying it.
        let named = Self.transfer(phrase: "transfer to billing")
        let (transcript, agent) = runCall([Fixtures.signUp, named], [.caller("what's the weather like?")])
        XCTAssertEqual(transcript.agentLines.last, "I can help with: sign up for a plan and transfer to billing. What would you like to do?")
        XCTAssertFalse(transcript.events.contains { if case .actionSelected = $0 { true } else { false } }, "\(transcript.events)")
        XCTAssertFalse(agent.hasEnded)
        // The same line read for phrases would have fired it: the exemption is what keeps it quiet.
        XCTAssertEqual(ActionTurn.triggered(by: transcript.agentLines.last!, among: [named])?.id, named.id)
    }

    func testAPhraseWithItsOwnPunctuationNeverMatchesAsOnThePlatform() {
        // Vocode strips punctuation from the agent's words, not from the phrase.
        let apostrophe = Self.transfer(phrase: "I'll transfer you")
        let (transcript, agent) = runCall([apostrophe], [.caller("talk to billing")])
        XCTAssertEqual(transcript.agentLines.last, "Sure — I'll transfer you.")
        XCTAssertFalse(transcript.events.contains { if case .actionSelected = $0 { true } else { false } })
        XCTAssertFalse(agent.hasEnded)
    }

    // MARK: The shared rule

    func testTheSharedRuleIsVocodes() {
        let press = Self.transfer(phrase: "Press One")
        XCTAssertEqual(ActionTurn.triggered(by: "Okay, PRESS... one now!", among: [press])?.id, press.id, "the dots are taken out, the space stays")
        XCTAssertNil(ActionTurn.triggered(by: "I'm pressing one", among: [press]))
        XCTAssertEqual(ActionTurn.triggered(by: "we'll press-one", among: [press])?.id, nil, "a hyphen joins the words")
        XCTAssertNil(ActionTurn.triggered(by: "anything", among: [Fixtures.signUp]), "a function-call action has no phrase")
        // At most one action a turn: the first in the agent's order.
        XCTAssertEqual(ActionTurn.triggered(by: "goodbye, transfer you to billing", among: [billing, hangUp])?.id, billing.id)
        XCTAssertEqual(ActionTurn.triggered(by: "goodbye, transfer you to billing", among: [hangUp, billing])?.id, hangUp.id)
    }
}
