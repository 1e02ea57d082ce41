import ActionModel
import Foundation
import XCTest

/// `simulate`, `demo` and the call log, run as a user would: against the
/// embedded sample backend on 127.0.0.1, started by the call itself.
final class SimulateCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let demo = try CLI.run(["demo"], store: store)
        XCTAssertEqual(demo.status, 0, demo.stderr)
    }

    func testAgentPicksTheActionCollectsFieldsAndSpeaksTheAnswer() throws {
        let result = try CLI.run([
            "simulate", "--agent", "Demo front desk", "--json",
            "--say", "I'd like to open a support ticket",
            "--say", "my email is jo dot smith at example dot com",
            "--say", "the internet has been down since this morning",
        ], store: store)
        XCTAssertEqual(result.status, 0, result.stderr)
        let call = try JSONValue(parsing: result.stdout)
        let events = try XCTUnwrap(call.value(atPath: "events")?.arrayValue)
        let types = events.compactMap { $0.value(atPath: "type")?.stringValue }
        XCTAssertEqual(types.first, "agent_said")
        for expected in ["action_selected", "field_collected", "muted", "request_sent", "response", "unmuted", "action_completed"] {
            XCTAssertTrue(types.contains(expected), "missing \(expected) in \(types)")
        }
        let request = try XCTUnwrap(events.first { $0.value(atPath: "type") == "request_sent" })
        XCTAssertEqual(request.value(atPath: "data.parameters"),
                       ["email": "jo.smith@example.com", "issue": "the internet has been down since this morning"])
        XCTAssertEqual(request.value(atPath: "data.body.call_id"), call.value(atPath: "id"))
        let headerNames = request.value(atPath: "data.headers")?.arrayValue?.compactMap { $0.value(atPath: "name")?.stringValue } ?? []
        XCTAssertTrue(headerNames.contains("x-vocode-signature"), "demo actions are signed: \(headerNames)")
        XCTAssertTrue(headerNames.contains("Idempotency-Key"), "\(headerNames)")
        let response = try XCTUnwrap(events.first { $0.value(atPath: "type") == "response" })
        XCTAssertEqual(response.value(atPath: "data.status"), 200)
        XCTAssertEqual(response.value(atPath: "data.result.ticket_id"), "T-1001")
        let said = events.filter { $0.value(atPath: "type") == "agent_said" }.compactMap { $0.value(atPath: "text")?.stringValue }
        XCTAssertTrue(said.contains("Ticket T-1001 is open with high priority."), "\(said)")

        // The same call is in the store.
        let id = try XCTUnwrap(call.value(atPath: "id")?.stringValue)
        let shown = try CLI.run(["calls", "show", id, "--json"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertEqual(try JSONValue(parsing: shown.stdout).value(atPath: "events")?.arrayValue?.count, events.count)
        XCTAssertTrue(try CLI.run(["calls", "list"], store: store).stdout.contains(id))
    }

    func testFailuresAreSpokenAndLoggedNotCrashes() throws {
        let result = try CLI.run(["simulate", "--action", "refund_request_failing", "--say", "order number 4417", "--json"], store: store)
        XCTAssertEqual(result.status, 0, result.stderr)
        let events = try XCTUnwrap(JSONValue(parsing: result.stdout).value(atPath: "events")?.arrayValue)
        let response = try XCTUnwrap(events.first { $0.value(atPath: "type") == "response" })
        XCTAssertEqual(response.value(atPath: "data.error"), "server_error")
        XCTAssertEqual(response.value(atPath: "data.status"), 500)
        XCTAssertTrue(events.contains { $0.value(atPath: "type") == "action_failed" })
    }

    func testScriptExpectationsPassAndFail() throws {
        try """
            # A call test for the CRM lead action
            action: create_crm_lead
            say: I'm Jo
            say: jo at example dot com
            expect payload: {"first_name": "Jo", "email": "jo@example.com"}
            expect said: your lead number is L-1001
            expect event: action_completed
            """.write(toFile: path("lead.call"), atomically: true, encoding: .utf8)
        let passing = try CLI.run(["simulate", "--script", path("lead.call")], store: store)
        XCTAssertEqual(passing.status, 0, passing.stderr)
        XCTAssertTrue(passing.stderr.contains("3 passed, 0 failed"), passing.stderr)

        try """
            action: create_crm_lead
            say: I'm Jo
            say: jo at example dot com
            expect payload: {"first_name": "Joanna", "email": "jo@example.com"}
            expect said: your lead number is
            """.write(toFile: path("wrong.call"), atomically: true, encoding: .utf8)
        let failing = try CLI.run(["simulate", "--script", path("wrong.call")], store: store)
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stderr.contains("FAIL expect payload"), failing.stderr)
        XCTAssertTrue(failing.stderr.contains(#"the payload sent was {"first_name":"Jo","email":"jo@example.com"}"#), failing.stderr)
        XCTAssertTrue(failing.stderr.contains("1 passed, 1 failed"), failing.stderr)

        try "say hello".write(toFile: path("bad.call"), atomically: true, encoding: .utf8)
        let bad = try CLI.run(["simulate", "--script", path("bad.call")], store: store)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("bad.call:1:"), bad.stderr)
    }

    func testActionWithoutURLIsRefusedWithoutARequest() throws {
        let tool = #"{"type":"function","function":{"name":"lookup_order","description":"Looks up an order","parameters":{"type":"object","properties":{"order_number":{"type":"integer","description":"The order number"}},"required":["order_number"]}}}"#
        XCTAssertEqual(try CLI.run(["actions", "import", "-"], store: store, stdin: tool).status, 0)
        let result = try CLI.run(["simulate", "--action", "lookup_order", "--say", "it's 1234", "--json"], store: store)
        XCTAssertEqual(result.status, 0, result.stderr)
        let events = try XCTUnwrap(JSONValue(parsing: result.stdout).value(atPath: "events")?.arrayValue)
        XCTAssertFalse(events.contains { $0.value(atPath: "type") == "request_sent" })
        XCTAssertTrue(events.contains { $0.value(atPath: "data.error") == "needs_url" }, "\(events)")
    }

    func testACrashMidCallKeepsEverythingSaidBeforeIt() throws {
        // The slow demo action answers after 2.5 s; kill the process while it waits.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["simulate", "--action", "check_order_status_slow", "--say", "order 4417", "--store", store]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var logged: [JSONValue] = []
        var lastProblem = ""
        while Date() < deadline {
            // Reading while the call is being written: any error is reported, then retried.
            let list = try CLI.run(["calls", "list", "--json"], store: store)
            guard list.status == 0, let calls = try? JSONValue(parsing: list.stdout) else {
                lastProblem = list.stderr
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            if let id = calls.value(atPath: "0.id")?.stringValue {
                let shown = try CLI.run(["calls", "show", id, "--json"], store: store)
                guard shown.status == 0, let call = try? JSONValue(parsing: shown.stdout) else {
                    lastProblem = shown.stderr
                    Thread.sleep(forTimeInterval: 0.05)
                    continue
                }
                logged = call.value(atPath: "events")?.arrayValue ?? []
                if logged.contains(where: { $0.value(atPath: "type") == "request_sent" }) { break }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let types = logged.compactMap { $0.value(atPath: "type")?.stringValue }
        XCTAssertTrue(types.contains("request_sent"), "the request was logged before the crash: \(types) \(lastProblem)")
        XCTAssertEqual(lastProblem, "", "reading the log while a call writes it never fails")
        XCTAssertTrue(types.contains("caller_said"))
        let calls = try JSONValue(parsing: CLI.run(["calls", "list", "--json"], store: store).stdout)
        XCTAssertEqual(calls.value(atPath: "0.end_reason"), .null, "the killed call never ended")
        let id = try XCTUnwrap(calls.value(atPath: "0.id")?.stringValue)
        let after = try JSONValue(parsing: CLI.run(["calls", "show", id, "--json"], store: store).stdout)
        XCTAssertEqual(after.value(atPath: "events")?.arrayValue?.count, logged.count, "everything logged before the kill is still there")
    }

    func testSimulateNeedsSomethingToSay() throws {
        let result = try CLI.run(["simulate"], store: store)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--say"), result.stderr)
    }

    func testDemoTwiceAddsNothingNew() throws {
        let again = try CLI.run(["demo"], store: store)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("0 actions added, 12 already there"), again.stdout)
    }
}
