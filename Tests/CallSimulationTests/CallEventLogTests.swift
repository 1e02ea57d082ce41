import ActionModel
import Foundation
import XCTest

@testable import CallSimulation

final class CallEventLogTests: XCTestCase {
    func testEveryEventHasATypeAndData() {
        let id = Fixtures.signUp.id
        let cases: [(CallEvent, String, JSONObject)] = [
            (.agentSaid("Hi"), "agent_said", [:]),
            (.callerSaid("Hello"), "caller_said", [:]),
            (.callerNotHeard("Hello?"), "caller_not_heard", ["reason": "the agent was muted, waiting for a response"]),
            (.actionSelected(id, name: "Sign up"), "action_selected", ["name": "Sign up"]),
            (.fieldCollected(name: "seats", value: 5, heard: "five"), "field_collected", ["field": "seats", "value": 5, "heard": "five"]),
            (.fieldRejected(name: "seats", heard: "150", reason: "150 is above the maximum of 120"), "field_rejected",
             ["field": "seats", "heard": "150", "reason": "150 is above the maximum of 120"]),
            (.fieldCorrected(name: "plan", from: "basic", to: "pro"), "field_corrected", ["field": "plan", "from": "basic", "to": "pro"]),
            (.muted, "muted", [:]),
            (.unmuted, "unmuted", [:]),
            (.placeholderMissing(path: "result.x"), "placeholder_missing", ["path": "result.x"]),
            (.actionCompleted(id), "action_completed", [:]),
            (.actionFailed(id, .serverError(status: 503)), "action_failed",
             ["error": "server_error", "detail": "HTTP 503: the endpoint failed", "status": 503]),
            (.actionFailed(id, .timedOut(seconds: 10)), "action_failed", ["error": "timeout", "detail": "no response within 10 s"]),
            (.actionCancelled(id), "action_cancelled", [:]),
            (.dtmfSent("1#"), "dtmf_sent", ["buttons": "1#"]),
            (.transferred(to: "+14155550100", warm: false), "transferred", ["to": "+14155550100", "warm": false]),
            (.callEnded(reason: .callerHungUp), "call_ended", ["reason": "caller_hung_up"]),
        ]
        for (index, (event, type, data)) in cases.enumerated() {
            let entry = CallEventLog.entry(for: event, sequence: index + 1, time: fixedNow)
            XCTAssertEqual(entry.type, type)
            XCTAssertEqual(entry.data, data, type)
            XCTAssertEqual(entry.sequence, index + 1)
            XCTAssertEqual(entry.time, fixedNow)
            XCTAssertFalse(entry.text.isEmpty, type)
        }
    }

    func testTextsAndActionIDs() {
        let id = Fixtures.signUp.id
        XCTAssertEqual(CallEventLog.entry(for: .agentSaid("Hi there"), sequence: 1, time: fixedNow).text, "Hi there")
        XCTAssertEqual(CallEventLog.entry(for: .transferred(to: "+14155550100", warm: false), sequence: 1, time: fixedNow).text,
                       "Transferred to +14155550100")
        XCTAssertEqual(CallEventLog.entry(for: .dtmfSent("12#"), sequence: 1, time: fixedNow).text, "Pressed 1 2 #")
        XCTAssertEqual(CallEventLog.entry(for: .actionCompleted(id), sequence: 1, time: fixedNow).actionID, id)
        XCTAssertEqual(CallEventLog.entry(for: .actionFailed(id, .needsURL), sequence: 1, time: fixedNow).actionID, id)
        XCTAssertNil(CallEventLog.entry(for: .muted, sequence: 1, time: fixedNow).actionID)
        XCTAssertEqual(CallEventLog.entry(for: .fieldCollected(name: "email", value: "jo@x.io", heard: "jo at x dot io"), sequence: 1,
                                          time: fixedNow).text, "email = \"jo@x.io\"")
    }

    func testAMockCallLogsInOrder() {
        let (transcript, _) = runCall([Fixtures.signUp], [.caller("sign up for pro, 5 seats, jo.smith@example.com"), ok(["seats": 5])])
        let entries = transcript.events.enumerated().map { CallEventLog.entry(for: $1, sequence: $0 + 1, time: fixedNow) }
        XCTAssertEqual(entries.map(\.type), [
            "agent_said", "caller_said", "action_selected", "field_collected", "field_collected", "field_collected",
            "agent_said", "muted", "unmuted", "placeholder_missing", "agent_said", "action_completed", "agent_said",
        ])
    }
}
