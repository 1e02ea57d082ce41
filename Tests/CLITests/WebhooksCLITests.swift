import ActionModel
import Foundation
import SampleBackend
import XCTest

/// `switchboard webhooks …` and webhooks during `simulate`, run as a user would,
/// against a recording server on 127.0.0.1 in the test process.
final class WebhooksCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }
    static let secret = "d2ViaG9vay1jbGkta2V5cw=="  // base64 of "webhook-cli-keys" (padded, so never a valid name)
    /// Fast retries, and the signing key for the secret CLI_KEY (defined with --from-env in setUp).
    let environment = ["SWITCHBOARD_WEBHOOK_BACKOFF_MS": "20", "SWITCHBOARD_WEBHOOK_TIMEOUT_MS": "2000",
                       "SWITCHBOARD_SECRET_CLI_KEY": WebhooksCLITests.secret]

    func run(_ arguments: [String]) throws -> CLIResult { try CLI.run(arguments, store: store, environment: environment) }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let defined = try run(["secrets", "set", "CLI_KEY", "--from-env", "SWITCHBOARD_SECRET_CLI_KEY"])
        XCTAssertEqual(defined.status, 0, defined.stderr)
    }

    func testCreateValidatesWithMessagesThatSayHowToFixIt() throws {
        let unknown = try run(["webhooks", "create", "--label", "L", "--url", "https://example.com/h", "--event", "call_finished"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("'call_finished' is not a webhook event"), unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("call_connected, call_ended, call_did_not_connect, message, action, transcript, error"), unknown.stderr)

        let relative = try run(["webhooks", "create", "--label", "L", "--url", "/hooks", "--event", "call_ended"])
        XCTAssertEqual(relative.status, 1)
        XCTAssertTrue(relative.stderr.contains("--url: '/hooks' is not an absolute URL"), relative.stderr)

        let ftp = try run(["webhooks", "create", "--label", "L", "--url", "ftp://example.com/h", "--event", "call_ended"])
        XCTAssertEqual(ftp.status, 1)
        XCTAssertTrue(ftp.stderr.contains("http:// or https://"), ftp.stderr)

        let noEvent = try run(["webhooks", "create", "--label", "L", "--url", "https://example.com/h"])
        XCTAssertEqual(noEvent.status, 1)
        XCTAssertTrue(noEvent.stderr.contains("--event is required"), noEvent.stderr)

        let secretValue = try run(["webhooks", "create", "--label", "L", "--url", "https://example.com/h", "--event", "error", "--secret", Self.secret])
        XCTAssertEqual(secretValue.status, 1)
        XCTAssertTrue(secretValue.stderr.contains("not a secret name"), secretValue.stderr)
        XCTAssertFalse(secretValue.stderr.contains(Self.secret), "a value passed by mistake is not echoed")

        XCTAssertEqual(try run(["webhooks", "create", "--label", "L", "--url", "https://example.com/h", "--event", "error"]).status, 0)
        let duplicate = try run(["webhooks", "create", "--label", "l", "--url", "https://example.com/h", "--event", "error"])
        XCTAssertEqual(duplicate.status, 1)
        XCTAssertTrue(duplicate.stderr.contains("already exists"), duplicate.stderr)

        let missing = try run(["webhooks", "show", "nope"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("webhooks list"), missing.stderr)
    }

    func testCreateListShowEditDelete() throws {
        let created = try run(["webhooks", "create", "--label", "CRM sync", "--url", "https://example.com/hooks", "--event", "call_ended",
                               "--event", "transcript,message", "--secret", "CLI_KEY", "--json"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let json = try JSONValue(parsing: created.stdout)
        let id = try XCTUnwrap(json.value(atPath: "id")?.stringValue)
        XCTAssertTrue(id.hasPrefix("wh_"))
        XCTAssertEqual(json.value(atPath: "events"), ["call_ended", "message", "transcript"])
        XCTAssertEqual(json.value(atPath: "secret_name"), "CLI_KEY")
        XCTAssertEqual(json.value(atPath: "enabled"), true)

        let list = try run(["webhooks", "list"])
        XCTAssertTrue(list.stdout.contains("CRM sync") && list.stdout.contains(id), list.stdout)
        let listed = try JSONValue(parsing: try run(["webhooks", "list", "--json"]).stdout)
        XCTAssertEqual(listed.arrayValue?.count, 1)
        XCTAssertFalse(try run(["webhooks", "show", "crm sync", "--json"]).stdout.contains(Self.secret), "only the secret's name is shown")

        let edited = try run(["webhooks", "edit", id, "--disable", "--no-secret", "--event", "error", "--label", "CRM"])
        XCTAssertEqual(edited.status, 0, edited.stderr)
        let shown = try JSONValue(parsing: try run(["webhooks", "show", "CRM", "--json"]).stdout)
        XCTAssertEqual(shown.value(atPath: "enabled"), false)
        XCTAssertEqual(shown.value(atPath: "secret_name"), .null)
        XCTAssertEqual(shown.value(atPath: "events"), ["error"])
        XCTAssertEqual(shown.value(atPath: "version"), 2)

        let contradiction = try run(["webhooks", "edit", id, "--enable", "--disable"])
        XCTAssertEqual(contradiction.status, 1)
        XCTAssertTrue(contradiction.stderr.contains("contradict"), contradiction.stderr)

        XCTAssertEqual(try run(["webhooks", "delete", id]).status, 0)
        XCTAssertTrue(try run(["webhooks", "list"]).stdout.contains("No webhooks yet"))
    }

    func testSimulateDeliversTheCallToASubscribedWebhookSigned() async throws {
        XCTAssertEqual(try run(["demo"]).status, 0)
        let server = try await SampleBackend.startRecorder(respond: { _ in (200, "{}") })
        defer { Task { await server.stop() } }
        let created = try run(["webhooks", "create", "--label", "Calls", "--url", server.baseURL + "/calls", "--secret", "CLI_KEY",
                               "--event", "call_connected", "--event", "message", "--event", "action", "--event", "call_ended", "--event", "transcript"])
        XCTAssertEqual(created.status, 0, created.stderr)

        let call = try run(["simulate", "--action", "create_support_ticket", "--json",
                            "--say", "my email is jo dot smith at example dot com", "--say", "the internet has been down since this morning"])
        XCTAssertEqual(call.status, 0, call.stderr)
        let callID = try XCTUnwrap(try JSONValue(parsing: call.stdout).value(atPath: "id")?.stringValue)

        let requests = await server.recorder.requests
        let events = requests.compactMap { $0.header("X-Switchboard-Event") }
        XCTAssertEqual(events.first, "call_connected")
        XCTAssertEqual(Array(events.suffix(2)), ["call_ended", "transcript"], "simulate waited for every delivery: \(events)")
        XCTAssertTrue(events.contains("action") && events.contains("message"), "\(events)")
        for request in requests {
            XCTAssertEqual(request.header("x-vocode-signature"), SampleBackend.expectedSignature(body: request.body, secret: Self.secret))
            XCTAssertEqual(try JSONValue(parsing: request.body).value(atPath: "call_id"), .string(callID))
        }

        let log = try JSONValue(parsing: try run(["webhooks", "deliveries", "--call", callID, "--json"]).stdout)
        XCTAssertEqual(log.arrayValue?.count, requests.count)
        XCTAssertTrue(log.arrayValue?.allSatisfy { $0.value(atPath: "status") == "delivered" } ?? false)
        XCTAssertEqual(log.arrayValue?.first?.value(atPath: "attempts.0.status_code"), 200)
    }

    func testACallThatCantBePlacedIsToldAsDidNotConnect() async throws {
        let server = try await SampleBackend.startRecorder(respond: { _ in (200, "{}") })
        defer { Task { await server.stop() } }
        XCTAssertEqual(try run(["webhooks", "create", "--label", "Missed", "--url", server.baseURL, "--event", "call_did_not_connect"]).status, 0)
        let call = try run(["simulate", "--agent", "Nobody", "--say", "hello"])
        XCTAssertEqual(call.status, 1)
        let request = try await XCTUnwrapAsync(await server.recorder.last)
        let body = try JSONValue(parsing: request.body)
        XCTAssertEqual(body.value(atPath: "event"), "call_did_not_connect")
        XCTAssertEqual(body.value(atPath: "data.reason"), "agent_not_found")
        XCTAssertEqual(body.value(atPath: "data.agent"), "Nobody")
        XCTAssertTrue(body.value(atPath: "call_id")?.stringValue?.hasPrefix("call_") ?? false)
    }

    func testDeliveriesLeftPendingByOneRunAreSentByTheNext() async throws {
        XCTAssertEqual(try run(["demo"]).status, 0)
        let probe = try await SampleBackend.startRecorder(respond: { _ in (200, "{}") })
        let port = probe.port
        await probe.stop()  // nothing listens there now: refused
        XCTAssertEqual(try run(["webhooks", "create", "--label", "Down", "--url", "http://127.0.0.1:\(port)/hooks",
                                "--event", "call_connected", "--event", "call_ended"]).status, 0)
        let call = try run(["simulate", "--action", "check_account_status", "--say", "jo at example dot com", "--webhook-wait", "0"])
        XCTAssertEqual(call.status, 0, call.stderr)
        XCTAssertTrue(call.stderr.contains("still pending"), call.stderr)
        let pending = try JSONValue(parsing: try run(["webhooks", "deliveries", "--status", "pending", "--json"]).stdout)
        XCTAssertEqual(pending.arrayValue?.count, 2)

        let server = try await SampleBackend.startRecorder(port: port, respond: { _ in (200, "{}") })
        defer { Task { await server.stop() } }
        let sent = try run(["webhooks", "send-pending"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertTrue(sent.stdout.contains("Sent 2 of 2 pending deliveries"), sent.stdout)
        let events = await server.recorder.requests.compactMap { $0.header("X-Switchboard-Event") }
        XCTAssertEqual(events, ["call_connected", "call_ended"])
    }

    func testTestResendAndSendPending() async throws {
        let failFirst = Counter()
        let server = try await SampleBackend.startRecorder(respond: { _ in failFirst.next() == 2 ? (404, "") : (200, "{}") })
        defer { Task { await server.stop() } }
        XCTAssertEqual(try run(["webhooks", "create", "--label", "Ping", "--url", server.baseURL + "/ping", "--event", "error"]).status, 0)

        let ok = try run(["webhooks", "test", "Ping"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("Delivered test whd_"), ok.stdout)

        let refused = try run(["webhooks", "test", "Ping", "--json"])  // the server answers 404 this time
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("HTTP 404"), refused.stderr)
        let failedID = try XCTUnwrap(try JSONValue(parsing: refused.stdout).value(atPath: "id")?.stringValue)

        let failed = try run(["webhooks", "deliveries", "--status", "failed"])
        XCTAssertTrue(failed.stdout.contains(failedID), failed.stdout)
        let resent = try run(["webhooks", "resend", failedID])
        XCTAssertEqual(resent.status, 0, resent.stderr)
        XCTAssertTrue(resent.stdout.contains("Delivered \(failedID): HTTP 200 on attempt 2"), resent.stdout)
        let again = try run(["webhooks", "resend", failedID])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already delivered"), again.stderr)
        XCTAssertEqual(try run(["webhooks", "resend", "whd_nope"]).status, 1)

        XCTAssertTrue(try run(["webhooks", "send-pending"]).stdout.contains("No pending deliveries"))
        let shown = try run(["webhooks", "show", "Ping"])
        XCTAssertTrue(shown.stdout.contains("Recent deliveries") && shown.stdout.contains(failedID), shown.stdout)
    }
}

/// A counter the server's answer closure can share.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}

func XCTUnwrapAsync<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}
