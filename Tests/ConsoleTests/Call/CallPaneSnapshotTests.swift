import ActionModel
import CallSimulation
import Screen
import XCTest
@testable import Console

/// The call pane in each phase, and the form's test request, as text at 80×24 and 120×40.
final class CallPaneSnapshotTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
        assertScreens(name, file: file, line: line, make)
    }

    func testCollecting() { check("call-collecting") { CallScript.collecting(width: $0, height: $1) } }
    func testMutedWithTheRequestInFlight() { check("call-waiting") { CallScript.waiting(width: $0, height: $1) } }
    func testAnswered() { check("call-answered") { CallScript.answered(width: $0, height: $1) } }
    func testFailed() { check("call-failed") { CallScript.failed(width: $0, height: $1) } }
    func testEnded() { check("call-ended") { CallScript.ended(width: $0, height: $1) } }

    func testInspectorWithSecretsMasked() {
        check("call-inspector") { w, h in
            var state = CallScript.answered(width: w, height: h)
            state.press(.tab)
            return state
        }
    }

    func testInspectorWhileWaiting() {
        check("call-inspector-waiting") { w, h in
            var state = CallScript.waiting(width: w, height: h)
            state.press(.tab)
            return state
        }
    }

    func testHelpInTheCall() {
        check("call-help") { w, h in
            var state = CallScript.collecting(width: w, height: h)
            state.press(.function(1))
            return state
        }
    }

    /// The smallest screen the console draws: everything still fits, nothing overlaps.
    func testMinimumSize() {
        assertSnapshot(Console.render(CallScript.waiting(width: 60, height: 16)), named: "call-waiting-60x16")
        assertSnapshot(Console.render(CallScript.failed(width: 60, height: 16)), named: "call-failed-60x16")
    }

    func testTestRequestSending() {
        check("test-request-sending") { w, h in
            var state = Fixtures.state(width: w, height: h)
            while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
            state.pressAndOpen(.enter)
            state.press(.ctrl("t"))
            state.send(.clock(CallScript.at(0)))
            state.send(.clock(CallScript.at(0.35)))
            return state
        }
    }

    func testTestRequestResult() {
        check("test-request-result") { w, h in
            var state = Fixtures.state(width: w, height: h)
            while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
            state.pressAndOpen(.enter)
            guard case let .call(.sendTestRequest(request))? = state.press(.ctrl("t")).first else {
                XCTFail("Ctrl-T sent nothing")
                return state
            }
            var exchange = CallScript.answered
            exchange.requestBody = Array(#"{"call_id":"call_0000000000000002","payload":{"first_name":"Jo","email":"jo.smith@example.com","issue":"The internet has been down since this morning"}}"#.utf8)
            state.send(.actions(.testRequestFinished(TestRequestResult(
                number: request.number, sent: exchange,
                outcome: .success(result: ["lead_id": "L-1042"], agentMessage: nil, exchange: exchange)))))
            return state
        }
    }

    func testTestRequestWithoutAURL() {
        check("test-request-no-url") { w, h in
            var state = Fixtures.state(width: w, height: h)
            while state.actions.selectedAction?.id != Fixtures.yoyaku.id { state.press(.down) }
            state.pressAndOpen(.enter)
            XCTAssertEqual(state.press(.ctrl("t")), [])
            return state
        }
    }
}
