import ActionHTTP
import ActionModel
import CallSimulation
import SampleBackend
import XCTest

final class SampleEndpointTests: LiveTestCase {
    func testCreateLead() async {
        let first = await invoke("/crm/leads", arguments: ["email": "ada@example.com", "name": "Ada"])
        XCTAssertEqual(first.result, [
            "lead_id": "L-1001", "status": "created", "owner": "Priya Raman", "email": "ada@example.com", "name": "Ada",
        ])
        let second = await invoke("/crm/leads", arguments: ["email": "bob@example.com"], format: .argsAtRoot)
        XCTAssertEqual(second.result?["lead_id"], "L-1002")
        XCTAssertEqual(second.result?["owner"], "Dana Whitfield")
        let missing = await invoke("/crm/leads", arguments: ["name": "No Email"])
        XCTAssertEqual(missing.fault, .clientError(status: 400))
    }

    func testAccountStatus() async {
        let byEmail = await invoke("/accounts/status", arguments: ["email": "ada@example.com"])
        XCTAssertEqual(byEmail.result, [
            "found": true, "account_id": "A-1001", "email": "ada@example.com", "plan": "pro", "balance": 42.5,
            "status": "active",
        ])
        let byID = await invoke("/accounts/status", arguments: ["account_id": "a-1002"], format: .argsAtRoot)
        XCTAssertEqual(byID.result?["status"], "past_due")
        XCTAssertEqual(byID.result?["plan"], "basic")
        let unknown = await invoke("/accounts/status", arguments: ["email": "nobody@example.com"])
        XCTAssertEqual(unknown.result?["found"], false)
        XCTAssertEqual(unknown.result?["status"], "not_found")
    }

    func testBookAppointment() async {
        let booked = await invoke("/appointments", arguments: ["name": "Ada Lovelace", "date": "2099-01-15", "time": "14:30"])
        XCTAssertEqual(booked.result, [
            "confirmation_id": "APT-1001", "name": "Ada Lovelace", "slot": "2099-01-15 14:30", "status": "booked",
        ])
        let bad = await invoke("/appointments", arguments: ["name": "Ada", "date": "15/01/2099", "time": "14:30"])
        XCTAssertEqual(bad.fault, .clientError(status: 422))
    }

    func testSupportTicket() async {
        let urgent = await invoke("/support/tickets", arguments: ["email": "ada@example.com", "issue": "The router is down"])
        XCTAssertEqual(urgent.result, ["ticket_id": "T-1001", "priority": "high", "email": "ada@example.com", "status": "open"])
        let normal = await invoke("/support/tickets", arguments: ["email": "ada@example.com", "issue": "Change my address"],
                                  format: .argsAtRoot)
        XCTAssertEqual(normal.result?["ticket_id"], "T-1002")
        XCTAssertEqual(normal.result?["priority"], "normal")
    }

    func testSignedRequestsAccepted() async {
        let outcome = await invoke("/support/tickets", arguments: ["email": "a@b.co", "issue": "x"], secret: SampleBackend.demoSecret)
        XCTAssertEqual(outcome.result?["ticket_id"], "T-1001")
    }
}
