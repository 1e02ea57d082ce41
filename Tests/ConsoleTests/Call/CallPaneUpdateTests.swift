import ActionModel
import CallSimulation
import Screen
import XCTest
@testable import Console

/// The call pane's keys and messages: typing, sending, Esc to cancel, hanging
/// up, going back, copying as curl, and the test request from the form.
final class CallPaneUpdateTests: XCTestCase {
    func testCOnACustomInputActionStartsACallTestingIt() {
        var state = Fixtures.state()
        while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
        let effects = state.press(.character("c"))
        guard case let .call(.start(start))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(start.subject, .action(Fixtures.crmLead.id))
        XCTAssertEqual(state.callPane?.callID, start.callID)
        XCTAssertEqual(state.callPane?.phase, .connecting)
        XCTAssertTrue(state.screen.contains("Call · Testing Create CRM lead"), state.screen)
    }

    func testCOnAPhoneBehaviourOrInAReadOnlyStoreSaysWhyNot() {
        var state = Fixtures.state()
        state.press(.character("2"))
        XCTAssertEqual(state.press(.character("c")), [])
        XCTAssertNil(state.callPane)
        XCTAssertTrue(state.screen.contains("Only Custom External Actions"), state.screen)

        var readOnly = Fixtures.state(readOnly: true)
        XCTAssertEqual(readOnly.press(.character("c")), [])
        XCTAssertNil(readOnly.callPane)
    }

    func testStartingACallWithAnAgent() {
        var state = Fixtures.state()
        let agent = AgentID("agt_0123456789abcdef")!
        let effects = Shell.startCall(agentID: agent, agentName: "Front desk", &state)
        guard case let .call(.start(start))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(start.subject, .agent(agent))
        XCTAssertEqual(state.callPane?.title, "Call with Front desk")
    }

    func testTypingAndEnterSaysTheLine() {
        var state = CallScript.collecting()
        let id = state.callID!
        state.type("jo@example.com")
        XCTAssertTrue(state.screen.contains("Caller › jo@example.com"), state.screen)
        // q and ? are text here, not quit and help.
        state.type(" q?")
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.press(.enter), [.call(.say(id, "jo@example.com q?"))])
        XCTAssertEqual(state.callPane?.input.text, "")
        // An empty line says nothing.
        XCTAssertEqual(state.press(.enter), [])
    }

    func testAMessageForAnotherCallIsIgnored() {
        var state = CallScript.collecting()
        let before = state.callPane
        state.send(.call(CallActivity(callID: CallID.generate(), kind: .event(.agentSaid("stale")), time: CallScript.at(1))))
        XCTAssertEqual(state.callPane, before)
    }

    func testTheChecklistFollowsTheFields() {
        let state = CallScript.collecting()
        let pane = state.callPane!
        XCTAssertEqual(pane.fields["first_name"], .collected("Jo"))
        XCTAssertEqual(pane.fields["email"], .rejected(heard: "jo at example", reason: "that doesn't sound like a complete email address"))
        XCTAssertNil(pane.fields["issue"])
        XCTAssertEqual(pane.phase, .collecting)
    }

    func testWaitingCountsMillisecondsFromTheClockAndAsksForFastTicks() {
        var state = CallScript.waiting()
        XCTAssertEqual(state.callPane?.phase, .waiting)
        XCTAssertTrue(state.wantsClockTicks)
        XCTAssertEqual(state.callPane?.waitingMilliseconds, 1234)
        XCTAssertTrue(state.screen.contains("1234 ms"), state.screen)
        state.send(.clock(CallScript.at(9.01 + 2.5)))
        XCTAssertEqual(state.callPane?.waitingMilliseconds, 2500)
        XCTAssertTrue(state.screen.contains("2500 ms"), state.screen)
        // Status messages still fade on `.tick`, not on the fast clock.
        XCTAssertFalse(CallScript.answered().wantsClockTicks)
    }

    func testEscWhileWaitingCancelsTheRequestOnce() {
        var state = CallScript.waiting()
        let id = state.callID!
        XCTAssertEqual(state.press(.escape), [.call(.cancelRequest(id))])
        XCTAssertEqual(state.callPane?.cancelling, true)
        XCTAssertTrue(state.screen.contains("cancelling…"), state.screen)
        XCTAssertEqual(state.press(.escape), [], "a second Esc does not cancel again, nor hang up")

        var cancelled = CallScript.sent
        cancelled.durationMilliseconds = 1500
        state.call(.response(actionID: Fixtures.crmLead.id, outcome: .failure(.cancelled, exchange: cancelled)), at: 10.5)
        state.call(.event(.unmuted), at: 10.5)
        state.call(.event(.actionFailed(Fixtures.crmLead.id, .cancelled)), at: 10.5)
        state.call(.event(.agentSaid("That request was cancelled before it finished.")), at: 10.5)
        XCTAssertEqual(state.callPane?.phase, .failed)
        XCTAssertEqual(state.callPane?.cancelling, false)
        XCTAssertTrue(state.screen.contains("✗ cancelled after 1500 ms"), state.screen)
        XCTAssertTrue(state.screen.contains("That request was cancelled"), state.screen)
    }

    func testEscWhenIdleClearsTheLineThenHangsUpAndCtrlEHangsUp() {
        var state = CallScript.answered()
        let id = state.callID!
        state.type("hello")
        XCTAssertEqual(state.press(.escape), [])
        XCTAssertEqual(state.callPane?.input.text, "")
        // On an empty line Esc asks first (ConsoleFixesTests has the question).
        XCTAssertEqual(state.press(.escape, .character("y")), [.call(.end(id))])
        XCTAssertEqual(state.press(.ctrl("e")), [.call(.end(id))])
        var waiting = CallScript.waiting()
        XCTAssertEqual(waiting.press(.ctrl("e")), [.call(.end(waiting.callID!))], "Ctrl-E hangs up even while waiting")
    }

    /// Once the Calls page has been read, a call that ends asks for the list
    /// again, so the page shows it without Ctrl-R; before that, nothing is read.
    func testAnEndedCallRefreshesTheCallsPageOnlyOnceItWasRead() {
        var unread = CallScript.answered()
        let ended = ConsoleMessage.call(CallActivity(callID: unread.callID!, kind: .event(.callEnded(reason: .callerHungUp)),
                                                     time: CallScript.at(20)))
        XCTAssertEqual(unread.send(ended), [])
        var read = CallScript.answered()
        read.send(.calls(.loaded([])))
        let endedHere = ConsoleMessage.call(CallActivity(callID: read.callID!, kind: .event(.callEnded(reason: .callerHungUp)),
                                                         time: CallScript.at(20)))
        XCTAssertEqual(read.send(endedHere), [.calls(.load)])
    }

    func testAnEndedCallGoesBackToTheListWithEscOrQ() {
        for key in [Key.escape, .character("q"), .enter] {
            var state = CallScript.ended()
            XCTAssertEqual(state.callPane?.phase, .ended)
            XCTAssertTrue(state.screen.contains("Call ended (caller hung up)"), state.screen)
            XCTAssertEqual(state.press(key), [])
            XCTAssertNil(state.callPane, "\(key)")
            XCTAssertEqual(state.actions.selectedAction?.id, Fixtures.crmLead.id, "back on the action the call was started from")
        }
    }

    func testTabShowsTheInspectorWithSecretsMaskedAndCopiesAsCurl() {
        var state = CallScript.answered()
        state.press(.tab)
        XCTAssertEqual(state.callPane?.focus, .inspector)
        let screen = state.screen
        XCTAssertTrue(screen.contains("Authorization: ••••••••"), screen)
        XCTAssertFalse(screen.contains("sk_live"), screen)
        XCTAssertEqual(state.press(.ctrl("y")), [.copyCurl(CallScript.answered, includeSecrets: false)])
        XCTAssertEqual(state.press(.character("C")), [.copyCurl(CallScript.answered, includeSecrets: true)], "C asks for the secrets' values")
        state.send(.curlCopied(CurlCopy(shown: "curl -sS -i -X POST 'https://crm.example.com/api/leads'", path: "/tmp/switchboard-curl.sh",
                                        sentToClipboard: true)))
        XCTAssertEqual(state.callPane?.curl, "curl -sS -i -X POST 'https://crm.example.com/api/leads'")
        XCTAssertTrue(state.screen.contains("curl sent to the clipboard"), state.screen)
        state.press(.tab)
        XCTAssertEqual(state.callPane?.focus, .input)
        XCTAssertEqual(state.callPane?.showsInspector, false)
    }

    func testCopyAsCurlBeforeAnyRequestSaysSo() {
        var state = CallScript.collecting()
        XCTAssertEqual(state.press(.ctrl("y")), [])
        XCTAssertTrue(state.screen.contains("No request to copy yet"), state.screen)
    }

    func testLinesTypedWhileMutedAreShownAsNotHeard() {
        var state = CallScript.waiting()
        state.call(.event(.callerNotHeard("hello?")), at: 9.5)
        XCTAssertTrue(state.screen.contains("hello?  (not heard"), state.screen)
    }

    func testAConnectionThatFailsToStartEnds() {
        var state = CallScript.started()
        state.call(.failedToStart("the action is no longer in the store"), at: 0.1)
        XCTAssertEqual(state.callPane?.phase, .ended)
        XCTAssertTrue(state.screen.contains("could not start"), state.screen)
        state.press(.escape)
        XCTAssertNil(state.callPane)
    }

    // MARK: Send test request

    func testCtrlTSendsTheFormsActionWithSampleValues() {
        var state = Fixtures.state()
        while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
        state.pressAndOpen(.enter)
        let effects = state.press(.ctrl("t"))
        guard case let .call(.sendTestRequest(request))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(request.number, 1)
        XCTAssertEqual(request.invocation.action.id, Fixtures.crmLead.id)
        XCTAssertEqual(request.invocation.arguments["email"], "jo.smith@example.com")
        XCTAssertEqual(request.invocation.arguments["first_name"], "Jo")
        XCTAssertTrue(state.wantsClockTicks)
        XCTAssertTrue(state.screen.contains("sending POST https://crm.example.com/api/leads"), state.screen)

        // A late answer to an older request is ignored; the right one shows.
        state.send(.actions(.testRequestFinished(TestRequestResult(number: 7, sent: nil, outcome: .failure(.needsURL, exchange: nil)))))
        XCTAssertNil(state.actions.testPanel?.result)
        state.send(.actions(.testRequestFinished(TestRequestResult(number: 1, sent: CallScript.failedExchange,
                                                          outcome: .failure(.serverError(status: 500), exchange: CallScript.failedExchange)))))
        XCTAssertTrue(state.screen.contains("server_error"), state.screen)
        XCTAssertFalse(state.wantsClockTicks)
        XCTAssertEqual(state.press(.escape), [])
        XCTAssertNil(state.actions.testPanel)
        XCTAssertNotNil(state.actions.editor, "Esc closes the result, not the form")
    }

    func testCtrlTWithoutAURLOrWithABadOneShowsItOnTheForm() {
        var state = Fixtures.state()
        while state.actions.selectedAction?.id != Fixtures.yoyaku.id { state.press(.down) }
        state.pressAndOpen(.enter)
        XCTAssertEqual(state.press(.ctrl("t")), [])
        XCTAssertNil(state.actions.testPanel)
        XCTAssertEqual(state.actions.editor?.focus, .url)
        XCTAssertTrue(state.screen.contains("Not sent: add the URL"), state.screen)

        state.type("not a url")
        XCTAssertEqual(state.press(.ctrl("t")), [])
        XCTAssertTrue(state.screen.contains("Not sent:"), state.screen)
        XCTAssertNotNil(state.actions.editor?.errors[.url])
    }
}
