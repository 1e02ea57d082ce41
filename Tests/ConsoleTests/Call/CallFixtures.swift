import ActionModel
import CallSimulation
import Foundation
import Screen
import XCTest
@testable import Console

/// A call testing Create CRM lead, message by message as the runtime sends
/// them, at fixed times, so every phase of the pane can be drawn and checked.
enum CallScript {
    static let t0 = Date(timeIntervalSince1970: 1_767_225_600)
    static func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    static let requestHeaders = [
        HTTPHeader(name: "Content-Type", value: "application/json"),
        HTTPHeader(name: "Accept", value: "application/json"),
        HTTPHeader(name: "Authorization", value: "Bearer sk_live_51Hx9secret"),
        HTTPHeader(name: "X-Tenant", value: "acme"),
        HTTPHeader(name: "Idempotency-Key", value: "7f1c2a9e-0b6d-4c55-9a43-2d1e8f00c0de"),
        HTTPHeader(name: "x-vocode-signature", value: "q3F0Yk1hY2hpbmVzaWduYXR1cmU="),
    ]
    static let requestBody = #"{"call_id":"call_0000000000000001","payload":{"first_name":"Jo","email":"jo.smith@example.com"}}"#

    static var sent: HTTPExchange {
        HTTPExchange(url: "https://crm.example.com/api/leads", requestHeaders: requestHeaders, requestBody: Array(requestBody.utf8))
    }

    static var answered: HTTPExchange {
        var exchange = sent
        exchange.status = 201
        exchange.responseHeaders = [HTTPHeader(name: "Content-Type", value: "application/json"),
                                    HTTPHeader(name: "Content-Length", value: "64")]
        exchange.responseBody = Array(#"{"result":{"lead_id":"L-1042","owner":"Sam"},"agent_message":null}"#.utf8)
        exchange.durationMilliseconds = 1234.4
        return exchange
    }

    static var failedExchange: HTTPExchange {
        var exchange = sent
        exchange.status = 500
        exchange.responseHeaders = [HTTPHeader(name: "Content-Type", value: "application/json")]
        exchange.responseBody = Array(#"{"error":"database unavailable"}"#.utf8)
        exchange.durationMilliseconds = 87.6
        return exchange
    }

    /// The list with Create CRM lead selected, `c` pressed and the call set up.
    static func started(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = Fixtures.state(width: width, height: height)
        state.makeCallID = { CallID("call_0000000000000001")! }
        while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
        let effects = state.press(.character("c"))
        guard case let .call(.start(start))? = effects.first else {
            XCTFail("c did not start a call: \(effects)")
            return state
        }
        XCTAssertEqual(start.subject, .action(Fixtures.crmLead.id))
        state.call(.started(agentName: "Default agent"), at: 0)
        return state
    }

    /// Two fields asked for, one given, one rejected.
    static func collecting(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = started(width: width, height: height)
        let lead = Fixtures.crmLead
        state.call(.actionInUse(lead), at: 0.01)
        state.call(.event(.actionSelected(lead.id, name: lead.name)), at: 0.01)
        state.call(.event(.agentSaid("Let's test create CRM lead. What's your first name?")), at: 0.02)
        state.call(.event(.callerSaid("I'm Jo")), at: 3)
        state.call(.event(.fieldCollected(name: "first_name", value: "Jo", heard: "Jo")), at: 3)
        state.call(.event(.agentSaid("Thanks, Jo. What's the customer's email address?")), at: 3)
        state.call(.event(.callerSaid("jo at example")), at: 6)
        state.call(.event(.fieldRejected(name: "email", heard: "jo at example",
                                         reason: "that doesn't sound like a complete email address")), at: 6)
        state.call(.event(.agentSaid("Sorry, that doesn't sound like a complete email address. What's the customer's email address?")), at: 6)
        return state
    }

    /// Every required field in, the request on the wire for 1,234 ms.
    static func waiting(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = collecting(width: width, height: height)
        state.call(.event(.callerSaid("jo dot smith at example dot com")), at: 9)
        state.call(.event(.fieldCollected(name: "email", value: "jo.smith@example.com", heard: "jo dot smith at example dot com")), at: 9)
        state.call(.event(.agentSaid("Let me save your details.")), at: 9)
        state.call(.event(.muted), at: 9)
        state.call(.requestSent(actionID: Fixtures.crmLead.id, exchange: sent), at: 9.01)
        state.send(.clock(at(9.01 + 1.234)))
        return state
    }

    static func answered(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = waiting(width: width, height: height)
        state.call(.response(actionID: Fixtures.crmLead.id,
                             outcome: .success(result: ["lead_id": "L-1042", "owner": "Sam"], agentMessage: nil, exchange: answered)), at: 10.25)
        state.call(.event(.unmuted), at: 10.25)
        state.call(.event(.agentSaid("Done, you're in our system.")), at: 10.25)
        state.call(.event(.actionCompleted(Fixtures.crmLead.id)), at: 10.25)
        state.call(.event(.agentSaid("Is there anything else I can help with?")), at: 10.25)
        return state
    }

    static func failed(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = waiting(width: width, height: height)
        state.call(.response(actionID: Fixtures.crmLead.id, outcome: .failure(.serverError(status: 500), exchange: failedExchange)), at: 9.1)
        state.call(.event(.unmuted), at: 9.1)
        state.call(.event(.actionFailed(Fixtures.crmLead.id, .serverError(status: 500))), at: 9.1)
        state.call(.event(.agentSaid("I'm sorry, that system isn't available right now. Please try again later.")), at: 9.1)
        return state
    }

    static func ended(width: Int = 80, height: Int = 24) -> ConsoleState {
        var state = answered(width: width, height: height)
        state.call(.event(.callEnded(reason: .callerHungUp)), at: 12)
        return state
    }
}

extension ConsoleState {
    var callID: CallID? { callPane?.callID }

    /// Sends one call activity for the pane's call at `seconds` after the script's start.
    mutating func call(_ kind: CallActivity.Kind, at seconds: Double) {
        guard let id = callID else { return XCTFail("no call pane") }
        send(.call(CallActivity(callID: id, kind: kind, time: CallScript.at(seconds))))
    }
}
