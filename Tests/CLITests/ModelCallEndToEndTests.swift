import ActionModel
import Foundation
import SampleBackend
import XCTest

/// A console call with a model engine, in a real terminal (tmux): the agent's
/// model on 127.0.0.1 picks the action and fills its arguments, the request
/// goes out, the model speaks the result, and the pane shows each turn's figures.
final class ModelCallEndToEndTests: TemporaryFolderTestCase {
    private var tmux: Tmux!
    private var servers: [RunningRecorder] = []

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
        let servers = self.servers
        wait { for server in servers { await server.stop() } }
        try super.tearDownWithError()
    }

    /// Runs async work from this synchronous test.
    private func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try! box.result!.get()
    }

    func testAConsoleCallWithAModelAgent() throws {
        let backend = wait { try await SampleBackend.startRecorder { _ in (201, #"{"result":{"lead_id":"L-88"}}"#) } }
        let model = wait {
            try await FakeModel.start(arguments: #"{"email":"jo@example.com","user_message":"Saving that for you."}"#) { _ in "Your lead is L-88." }
        }
        servers = [backend, model]
        let store = path("store.sqlite")
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Create CRM lead", "--url", backend.baseURL + "/leads",
                                    "--speak-on-send", "One moment.", "--property", "email:string(email):required:The caller's email address"],
                                   store: store).status, 0)
        XCTAssertEqual(try CLI.run(["models", "create", "fake", "--base-url", model.baseURL + "/v1", "--model", "fake-model"], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["agents", "edit", "Default agent", "--model", "fake"], store: store).status, 0)

        tmux.killServer()
        try tmux.start(command: "\(Tmux.quote(CLI.binary.path)) --store \(Tmux.quote(store)); echo DONE-$?; exec sleep 100000", width: 120, height: 40)
        try tmux.waitFor("Create CRM lead")
        try tmux.type("c")
        let opened = try tmux.waitFor("Call · Testing Create CRM lead")
        let callID = try XCTUnwrap(opened.range(of: #"call_[0-9a-z]{16}"#, options: .regularExpression).map { String(opened[$0]) })
        try tmux.type("please save my email, jo@example.com")
        try tmux.press("Enter")
        try tmux.waitFor("Saving that for you.", timeout: 30)
        try tmux.waitFor("Your lead is L-88.", timeout: 30)
        try tmux.waitFor("· model: first token")
        try tmux.waitFor("50 in / 7 out tokens")
        try tmux.press("C-e")
        try tmux.waitFor("Call ended (caller hung up)")
        try tmux.pressEscape(thenWaitFor: "Custom External Actions (1)")
        try tmux.type("q")
        try tmux.waitFor("DONE-0", timeout: 30)

        let requests = wait { await backend.recorder.requests }
        XCTAssertEqual(requests.count, 1)
        XCTAssertEqual(try JSONValue(parsing: requests[0].body).value(atPath: "payload"), ["email": "jo@example.com"])
        let shown = try CLI.run(["calls", "show", callID], store: store)
        XCTAssertTrue(shown.stdout.contains("Model: 2 turns"), shown.stdout)
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
