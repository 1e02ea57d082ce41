import Foundation
import SampleBackend
import XCTest

/// A simulated call through the console in a real terminal (tmux, like
/// ConsoleEndToEndTests): an action pointing at a recorder on 127.0.0.1, the
/// caller's lines typed into the call pane, the answer spoken from the
/// response, and the call found afterwards with `switchboard calls show --json`.
final class CallPaneEndToEndTests: TemporaryFolderTestCase {
    private var tmux: Tmux!
    private var recorder: RunningRecorder?

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let executable = Tmux.findExecutable() else {
            throw XCTSkip("tmux is not on PATH: the end-to-end console tests need it (apt-get install tmux)")
        }
        tmux = Tmux(executable: executable, socket: path("tmux.sock"), home: folder)
    }

    override func tearDownWithError() throws {
        tmux?.killServer()
        tmux = nil
        if let recorder { blocking { await recorder.stop() } }
        try super.tearDownWithError()
    }

    /// Runs async work from this synchronous test (the recorder's tasks keep the pool's threads).
    private func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) rethrows -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        Task {
            do { result.set(.success(try await work())) } catch { result.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try! result.get()!.get()
    }

    func testACallAgainstARecorderSpeaksTheAnswerAndIsLogged() throws {
        let recorder = try blocking {
            try await SampleBackend.startRecorder { _ in (201, #"{"result":{"lead_id":"L-77","owner":"Sam"}}"#) }
        }
        self.recorder = recorder
        let store = path("store.sqlite")
        let created = try CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Create CRM lead",
            "--url", recorder.baseURL + "/leads", "--speak-on-send", "One moment while I save that.",
            "--speak-on-receive", "Done, your lead number is {{result.lead_id}}.",
            "--property", "email:string(email):required:The caller's email address",
            "--property", "first_name:string:required:The caller's first name",
        ], store: store)
        XCTAssertEqual(created.status, 0, created.stderr)

        try openConsole(store: store)
        try tmux.waitFor("Create CRM lead")
        try tmux.waitFor("c call")
        try tmux.type("c")
        let opened = try tmux.waitFor("Call · Testing Create CRM lead")
        try tmux.waitFor("Fields · Create CRM lead")
        try tmux.waitFor("Agent  Let's test create CRM lead.")
        let callID = try XCTUnwrap(opened.range(of: #"call_[0-9a-z]{16}"#, options: .regularExpression).map { String(opened[$0]) },
                                   "the call ID is in the pane's title:\n\(opened)")

        try tmux.type("my email is jo dot smith at example dot com")
        try tmux.waitFor("Caller › my email is jo dot smith")
        try tmux.press("Enter")
        try tmux.waitFor("✓ email*")
        try tmux.type("Jo")
        try tmux.press("Enter")
        try tmux.waitFor("Done, your lead number is L-77.", timeout: 30)
        try tmux.waitFor("✓ answered: 201 Created")

        // What went over the wire.
        let requests = blocking { await recorder.recorder.requests }
        XCTAssertEqual(requests.count, 1)
        let body = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(requests.first?.body ?? [])) as? [String: Any])
        XCTAssertEqual(body["call_id"] as? String, callID)
        let payload = try XCTUnwrap(body["payload"] as? [String: Any])
        XCTAssertEqual(payload["email"] as? String, "jo.smith@example.com")
        XCTAssertEqual(payload["first_name"] as? String, "Jo")

        // The inspector shows the exchange; Ctrl-Y copies it as curl: tmux
        // (set-clipboard on) takes the OSC 52 into a paste buffer, and the
        // file is in the console's TMPDIR.
        try tmux.press("Tab")
        try tmux.waitFor("POST \(recorder.baseURL)/leads")
        try tmux.press("C-y")
        try tmux.waitFor("curl sent to the clipboard (OSC 52)")
        try tmux.waitFor("curl (secrets masked here")
        let clipboard = try tmux.run(["show-buffer"])
        XCTAssertTrue(clipboard.hasPrefix("curl -X POST '\(recorder.baseURL)/leads'"), clipboard)
        let curlFile = path("switchboard-\(getuid())/last-request.curl.sh")
        let file = try String(contentsOfFile: curlFile, encoding: .utf8)
        XCTAssertEqual(file, clipboard + "\n")
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: curlFile)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o777, 0o600, "only its owner can read it")
        try tmux.press("Tab")
        // Esc on an empty line asks before hanging up.
        try tmux.pressEscape(thenWaitFor: "Hang up this call? y/N")
        try tmux.press("y")
        try tmux.waitFor("Call ended (caller hung up)")
        try tmux.pressEscape(thenWaitFor: "Custom External Actions (1)", absent: "Call ·")

        // The Calls page has it: F4, then ⏎ opens its transcript and timeline.
        try tmux.press("F4")
        try tmux.waitFor("Calls (1)")
        try tmux.press("Enter")
        try tmux.waitFor("Call \(callID)")
        try tmux.waitFor("Done, your lead number is L-77.")
        try tmux.waitFor("request_sent")
        try tmux.pressEscape(thenWaitFor: "Calls (1)")
        try tmux.type("q")
        try tmux.waitFor("DONE-0", timeout: 30)
        XCTAssertFalse(FileManager.default.fileExists(atPath: curlFile), "the curl file is removed when the console quits")

        let shown = try CLI.run(["calls", "show", callID, "--json"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let call = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(call["origin"] as? String, "console")
        XCTAssertEqual(call["end_reason"] as? String, "caller_hung_up")
        let events = try XCTUnwrap(call["events"] as? [[String: Any]])
        let types = events.compactMap { $0["type"] as? String }
        for type in ["caller_said", "field_collected", "muted", "request_sent", "response", "unmuted", "action_completed", "call_ended"] {
            XCTAssertTrue(types.contains(type), "\(type) in \(types)")
        }
        XCTAssertTrue(events.contains { ($0["type"] as? String) == "agent_said" && ($0["text"] as? String) == "Done, your lead number is L-77." },
                      "the answer spoken from the response is in the log")
    }

    func testEscCancelsASlowRequestAndTheLogSaysCancelled() throws {
        let store = path("store.sqlite")
        let created = try CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Check order status",
            "--url", "http://sample.localhost/faults/slow?ms=20000", "--timeout", "60",
            "--speak-on-send", "Let me look that up.", "--speak-on-receive", "Found it.",
            "--property", "order_number:integer:required:The order number",
        ], store: store)
        XCTAssertEqual(created.status, 0, created.stderr)
        try openConsole(store: store)
        try tmux.waitFor("Check order status")
        try tmux.type("c")
        let opened = try tmux.waitFor("Agent  Let's test check order status.")
        let callID = try XCTUnwrap(opened.range(of: #"call_[0-9a-z]{16}"#, options: .regularExpression).map { String(opened[$0]) })
        try tmux.type("order 42")
        try tmux.press("Enter")
        try tmux.waitFor("muted · ", timeout: 30)
        try tmux.waitFor("waiting for POST")
        try tmux.pressEscape(thenWaitFor: "That request was cancelled before it finished.", absent: "muted · ")
        try tmux.waitFor("✗ cancelled after")
        try tmux.press("C-e")
        try tmux.waitFor("Call ended (caller hung up)")
        try tmux.pressEscape(thenWaitFor: "Custom External Actions (1)")
        try tmux.type("q")
        try tmux.waitFor("DONE-0", timeout: 30)

        let shown = try CLI.run(["calls", "show", callID, "--json"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let call = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let events = try XCTUnwrap(call["events"] as? [[String: Any]])
        let response = try XCTUnwrap(events.first { ($0["type"] as? String) == "response" })
        XCTAssertEqual((response["data"] as? [String: Any])?["error"] as? String, "cancelled")
        XCTAssertTrue(events.contains { ($0["type"] as? String) == "action_failed" })
    }

    private func openConsole(store: String) throws {
        tmux.killServer()
        tmux.environment["TMPDIR"] = folder.path  // where "copy as curl" writes its file
        let command = "\(Tmux.quote(CLI.binary.path)) --store \(Tmux.quote(store)); echo DONE-$?; exec sleep 100000"
        try tmux.start(command: command, width: 120, height: 40)
        try tmux.run(["set-option", "-s", "set-clipboard", "on"])
    }
}

/// A value behind a lock, for handing a result out of a Task.
private final class Mutex<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
    func get() -> Value { lock.withLock { value } }
}
