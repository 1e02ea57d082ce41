import ActionModel
import Foundation
@testable import Console

/// Agents and calls with fixed IDs and times, for the Agents and Calls pages.
enum PageFixtures {
    static func agentID(_ body: String) -> AgentID { AgentID("agt_" + body)! }
    static func callID(_ body: String) -> CallID { CallID("call_" + body)! }
    static func time(_ day: Int, _ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400 + seconds) }

    static let defaultAgent = Agent(
        id: agentID("d3fa0a7agent0000"), name: "Default agent", isDefault: true,
        createdAt: Fixtures.date(0))

    static let frontDesk = Agent(
        id: agentID("fr0ntdesk0000000"), name: "Front desk", greeting: "Acme, how can I help?",
        prompt: "You are Acme's front desk.\nBe brief and friendly.",
        actionIDs: [Fixtures.crmLead.id, Fixtures.accountStatus.id], createdAt: Fixtures.date(1))

    static let billingDesk = Agent(
        id: agentID("b1111ngdesk00000"), name: "Facturation 予約", greeting: "Bonjour, service facturation.",
        actionIDs: [Fixtures.billing.id], createdAt: Fixtures.date(2))

    static let agents = [defaultAgent, frontDesk, billingDesk]

    static let ticketCall = CallRecord(
        id: callID("t1cketca11000000"), agentID: frontDesk.id, agentName: "Front desk", startedFromAction: Fixtures.crmLead.id,
        startedAt: time(10, 36_000), endedAt: time(10, 36_065), endReason: "completed", origin: "console")

    static let failedCall = CallRecord(
        id: callID("fa11edca11000000"), agentID: defaultAgent.id, agentName: "Default agent",
        startedAt: time(9, 50_000), endedAt: time(9, 50_012), endReason: "error", origin: "headless")

    static let liveCall = CallRecord(
        id: callID("11veca1100000000"), agentID: billingDesk.id, agentName: "Facturation 予約",
        startedAt: time(8, 1_000), origin: "console")

    static let calls = [
        CallListEntry(call: ticketCall, eventCount: 11, actionIDs: [Fixtures.crmLead.id], outcome: .answered(status: 201)),
        CallListEntry(call: failedCall, eventCount: 4, actionIDs: [Fixtures.accountStatus.id], outcome: .failed),
        CallListEntry(call: liveCall, eventCount: 1, actionIDs: []),
    ]

    /// A call with a request, a response, and a failed request.
    static func events(for call: CallRecord) -> [CallLogEntry] {
        let start = call.startedAt
        func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
        let lead = Fixtures.crmLead.id
        return [
            CallLogEntry(sequence: 1, time: at(0), type: "agent_said", text: "Acme, how can I help?"),
            CallLogEntry(sequence: 2, time: at(4), type: "caller_said", text: "I'd like to sign up, my email is jo dot smith at example dot com"),
            CallLogEntry(sequence: 3, time: at(5), type: "action_selected", text: "Selected Create CRM lead", actionID: lead,
                         data: ["name": "Create CRM lead"]),
            CallLogEntry(sequence: 4, time: at(5), type: "field_collected", text: "email = \"jo.smith@example.com\"",
                         data: ["field": "email", "value": "jo.smith@example.com", "heard": "jo dot smith at example dot com"]),
            CallLogEntry(sequence: 5, time: at(9), type: "request_sent", text: "POST https://crm.example.com/api/leads", actionID: lead,
                         data: ["method": "POST", "url": "https://crm.example.com/api/leads",
                                "parameters": ["first_name": "Jo", "email": "jo.smith@example.com"]]),
            CallLogEntry(sequence: 6, time: at(9.2), type: "response", text: "200 in 231 ms", actionID: lead,
                         data: ["status": 200, "result": ["lead_id": "L-1042", "owner": "Sam"], "duration_ms": 231.4,
                                "agent_message": "Done, your lead number is L-1042."]),
            CallLogEntry(sequence: 7, time: at(9.3), type: "agent_said", text: "Done, your lead number is L-1042."),
            CallLogEntry(sequence: 8, time: at(30), type: "request_sent", text: "POST https://api.example.com/accounts/status",
                         actionID: Fixtures.accountStatus.id,
                         data: ["method": "POST", "url": "https://api.example.com/accounts/status", "parameters": ["email": "jo.smith@example.com"]]),
            CallLogEntry(sequence: 9, time: at(31), type: "response", text: "failed: the server answered 500",
                         actionID: Fixtures.accountStatus.id,
                         data: ["error": "server_error", "detail": "the server answered 500 Internal Server Error", "status": 500,
                                "duration_ms": 1002.0, "body": ["message": "database unavailable"]]),
            CallLogEntry(sequence: 10, time: at(31), type: "agent_said", text: "Sorry, I couldn't check your account right now."),
            CallLogEntry(sequence: 11, time: at(65), type: "call_ended", text: "Call ended (completed)", data: ["reason": "completed"]),
        ]
    }

    /// The shell with agents and calls loaded, times in UTC.
    static func state(width: Int = 80, height: Int = 24, readOnly: Bool = false, agents: [Agent] = agents,
                      calls: [CallListEntry] = calls) -> ConsoleState {
        var state = Fixtures.state(width: width, height: height, readOnly: readOnly)
        state.calls.timeZone = TimeZone(identifier: "UTC")!
        state.send(.agents(.loaded(agents)))
        state.send(.calls(.loaded(calls)))
        return state
    }
}
