import ActionModel
@testable import ActionStore
import Foundation
import SampleBackend
import StoreTestSupport
import XCTest

/// The PostgreSQL team store driven as a team would: several `switchboard`
/// processes on one database at once, and `store copy` both ways. Needs
/// `SWITCHBOARD_TEST_POSTGRES` (`.ci/run` starts a server); skipped with a
/// message without it.
final class TeamStoreCLITests: TemporaryFolderTestCase {
    var server: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard let server = StoreBackend.postgresServer else {
            throw XCTSkip("SWITCHBOARD_TEST_POSTGRES is not set (eval \"$(scripts/test-postgres.sh start)\" starts a server and sets it)")
        }
        self.server = server
    }

    override func tearDownWithError() throws {
        StoreBackend.cleanUp()
        try super.tearDownWithError()
    }

    /// A new empty database's URL (password included, as a teammate's config would have it).
    func database() throws -> String { try StoreBackend.postgres.makeLocation(in: folder) }

    /// Secrets of the PostgreSQL stores go to this test's folder, not the user's.
    var environment: [String: String] { ["XDG_DATA_HOME": folder.path, "HOME": folder.path] }

    /// Starts `switchboard` (or `executable`) with these arguments at once; `finish` collects it.
    func start(_ arguments: [String], executable: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? CLI.binary
        process.arguments = executable == nil ? arguments : arguments.dropFirst().map { $0 }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SWITCHBOARD_STORE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    func finish(_ started: (Process, Pipe, Pipe)) -> CLIResult {
        let outData = started.1.fileHandleForReading.readDataToEndOfFile()
        let errData = started.2.fileHandleForReading.readDataToEndOfFile()
        started.0.waitUntilExit()
        return CLIResult(status: started.0.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    func run(_ arguments: [String], store: String) throws -> CLIResult { try CLI.run(arguments, store: store, environment: environment) }

    // MARK: Tests

    func testMigrationsRacingFromFourProcessesMakeOneSchema() throws {
        let url = try database()
        let racing = try (0..<4).map { _ in try start(["agents", "list", "--store", url]) }
        for result in racing.map(finish) { XCTAssertEqual(result.status, 0, result.stderr) }
        let store = try StoreBackend.open(url, folder: folder)
        XCTAssertEqual(try store.allAgents().filter(\.isDefault).count, 1, "one default agent, made once")
        let applied = try XCTUnwrap(store.postgres).read { run throws(StoreError) in
            try run.column("SELECT identifier FROM switchboard_migrations ORDER BY identifier", as: String.self)
        }
        XCTAssertEqual(applied, ["v1-actions", "v2-agents-calls", "v3-environments", "v4-webhooks", "v5-action-platform", "v6-models"])
    }

    func testTwoProcessesEditingTheSameActionNeverLoseAChange() throws {
        let url = try database()
        let created = try run(["actions", "create", "--kind", "end-conversation", "--name", "Goodbye", "--goodbye", "Bye!", "--json"], store: url)
        XCTAssertEqual(created.status, 0, created.stderr)
        // Two processes each save 15 changes as fast as they can: every save
        // reads the current version and writes version + 1, or is refused as a
        // conflict (exit 2), never written over another's change.
        let editors = try ["a", "b"].map { who in
            try start(["sh", "-c", """
                for i in $(seq 1 15); do "$0" actions edit Goodbye --description "\(who)-$i" --store "$1" >/dev/null 2>>"$2"; echo "$?"; done
                """, CLI.binary.path, url, path("\(who).err")], executable: "/bin/sh")
        }
        let codes = editors.map(finish).flatMap { $0.stdout.split(separator: "\n").map(String.init) }
        XCTAssertEqual(codes.count, 30)
        XCTAssertEqual(Set(codes).subtracting(["0", "2"]), [], "only saves and refusals: \(codes)")
        let saved = codes.filter { $0 == "0" }.count
        let refusals = ((try? String(contentsOfFile: path("a.err"), encoding: .utf8)) ?? "") + ((try? String(contentsOfFile: path("b.err"), encoding: .utf8)) ?? "")
        XCTAssertEqual(refusals.components(separatedBy: "was changed elsewhere").count - 1, 30 - saved, refusals)
        let action = try StoreBackend.open(url, folder: folder).action(reference: "Goodbye")
        XCTAssertEqual(action.version, 1 + saved, "every save that was reported made a version of its own")
    }

    func testThreeProcessesDrainOneQueueEachDeliveryOnceInOrderPerWebhook() async throws {
        let url = try database()
        let recorder = try await SampleBackend.startRecorder(respond: { _ in (200, "{}") })
        let store = try StoreBackend.open(url, folder: folder)
        let hooks = try (0..<4).map { index in
            try store.insert(Webhook(label: "Hook \(index)", url: recorder.baseURL + "/hooks/\(index)", events: WebhookEventType.subscribable))
        }
        let deliveries = (0..<1_000).map { index in
            WebhookDelivery(webhookID: hooks[index % 4].id, event: .message, callID: nil, body: "{\"index\":\(index)}")
        }
        try store.enqueue(deliveries)

        let senders = try (0..<3).map { _ in try start(["webhooks", "send-pending", "--wait", "60", "--store", url]) }
        for result in senders.map(finish) { XCTAssertEqual(result.status, 0, result.stderr) }

        XCTAssertEqual(try store.pendingDeliveryCount(), 0)
        XCTAssertEqual(try store.deliveries(status: .delivered, limit: 2_000).count, 1_000)
        let requests = await recorder.recorder.requests
        await recorder.stop()
        XCTAssertEqual(requests.count, 1_000, "each delivery sent once")
        var seen: [String: [Int]] = [:]
        for request in requests {
            let index = try XCTUnwrap(JSONValue(parsing: String(decoding: request.body, as: UTF8.self)).value(atPath: "index")?.integerValue)
            seen[request.path, default: []].append(index)
        }
        XCTAssertEqual(Set(seen.values.flatMap { $0 }).count, 1_000, "no delivery twice, none missing")
        for (path, indexes) in seen { XCTAssertEqual(indexes, indexes.sorted(), "\(path) got its deliveries out of order") }
    }

    func testStoreCopyBothWaysKeepsExportsByteIdentical() throws {
        let original = path("original.sqlite")
        XCTAssertEqual(try run(["demo"], store: original).status, 0)
        XCTAssertEqual(try run(["environments", "create", "staging", "--use"], store: original).status, 0)
        XCTAssertEqual(try run(["environments", "set", "staging", "BASE_URL", "https://staging.example.com"], store: original).status, 0)
        let secret = try CLI.run(["secrets", "set", "CRM_KEY"], store: original, stdin: "crm-secret-value-123\n", environment: environment)
        XCTAssertEqual(secret.status, 0, secret.stderr)
        XCTAssertEqual(try run(["webhooks", "create", "--label", "Audit", "--url", "http://127.0.0.1:9/h", "--event", "call_ended"], store: original).status, 0)
        let before = try run(["actions", "export", "--format", "switchboard"], store: original)
        XCTAssertEqual(before.status, 0, before.stderr)

        let shared = try database()
        let up = try run(["store", "copy", "--from", original, "--to", shared], store: original)
        XCTAssertEqual(up.status, 0, up.stderr)
        XCTAssertTrue(up.stdout.contains("verified:"), up.stdout)
        XCTAssertTrue(up.stdout.contains("1 environment (1 variable)"), up.stdout)
        let password = try XCTUnwrap(PostgresURL.parse(shared).password)
        XCTAssertTrue(up.stdout.contains("sw_test"), up.stdout)
        XCTAssertFalse(up.stdout.contains(password), "the password is never printed")
        XCTAssertEqual(try run(["actions", "export", "--format", "switchboard"], store: shared).stdout, before.stdout, "byte-identical on PostgreSQL")
        XCTAssertEqual(try run(["environments", "list"], store: shared).stdout, try run(["environments", "list"], store: original).stdout)
        // The demo's scripted model record travels too.
        XCTAssertTrue(up.stdout.contains("1 model,"), up.stdout)
        XCTAssertEqual(try run(["models", "list"], store: shared).stdout, try run(["models", "list"], store: original).stdout)

        // The secret's value went to the user's own file, not into the database.
        let store = try StoreBackend.open(shared, folder: folder)
        XCTAssertEqual(try store.secretsFile.load().defaults["CRM_KEY"], "crm-secret-value-123")
        XCTAssertTrue(store.secretsFile.path.hasPrefix(folder.path + "/switchboard/postgres-127.0.0.1-"), store.secretsFile.path)

        // A store that isn't empty is refused unless --force.
        let again = try run(["store", "copy", "--from", original, "--to", shared], store: original)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("is not empty") && again.stderr.contains("--force"), again.stderr)
        XCTAssertEqual(try run(["store", "copy", "--from", original, "--to", shared, "--force"], store: original).status, 0)

        let back = path("back.sqlite")
        let down = try run(["store", "copy", "--from", shared, "--to", back, "--json"], store: original)
        XCTAssertEqual(down.status, 0, down.stderr)
        XCTAssertEqual(try JSONValue(parsing: down.stdout).value(atPath: "verified.webhooks")?.integerValue, 1)
        XCTAssertEqual(try run(["actions", "export", "--format", "switchboard"], store: back).stdout, before.stdout, "byte-identical back in SQLite")
        XCTAssertEqual(try run(["agents", "list"], store: back).stdout, try run(["agents", "list"], store: original).stdout)
        XCTAssertEqual(try JSONValue(parsing: down.stdout).value(atPath: "verified.models")?.integerValue, 1)
        XCTAssertEqual(try run(["models", "list"], store: back).stdout, try run(["models", "list"], store: original).stdout)
    }

    func testAServerThatIsDownIsExitTwoWithoutThePassword() throws {
        let result = try run(["actions", "list"], store: "postgres://team:hunter2-secret@127.0.0.1:1/switchboard?sslmode=disable")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("postgres://team@127.0.0.1:1/switchboard"), result.stderr)
        XCTAssertTrue(result.stderr.contains("unreachable"), result.stderr)
        XCTAssertFalse(result.stderr.contains("hunter2") || result.stdout.contains("hunter2"), result.stderr)
    }

    // MARK: Consoles on the shared store (tmux)

    func console(_ url: String) throws -> Tmux {
        guard let executable = Tmux.findExecutable() else {
            throw XCTSkip("tmux is not on PATH: the end-to-end console tests need it (apt-get install tmux)")
        }
        let tmux = Tmux(executable: executable, socket: path("tmux.sock"), home: folder)
        try tmux.start(command: "\(Tmux.quote(CLI.binary.path)) --store \(Tmux.quote(url)); echo DONE-$?; exec sleep 100000", width: 120, height: 40)
        return tmux
    }

    func testAConsoleShowsAnotherProcesssSaveAndKeepsTheCursorOnItsRow() throws {
        let url = try database()
        for (name, goodbye) in [("Bravo lookup", "Bye from Bravo"), ("Charlie lookup", "Bye from Charlie")] {
            XCTAssertEqual(try run(["actions", "create", "--kind", "end-conversation", "--name", name, "--goodbye", goodbye], store: url).status, 0)
        }
        let screen = try console(url)
        defer { screen.killServer() }
        try screen.waitFor("Call Actions (2)")
        try screen.type("]")  // End Conversation actions are on the Call Actions tab
        try screen.waitFor("Charlie lookup")
        try screen.type("j")  // the cursor on Charlie, the second row

        // Another process adds an action that sorts first: this console shows it.
        XCTAssertEqual(try run(["actions", "create", "--kind", "end-conversation", "--name", "Alpha lookup", "--goodbye", "Hi"], store: url).status, 0)
        try screen.waitFor("Alpha lookup", timeout: 10)
        // The cursor stayed on Charlie's row, though a row came before it.
        try screen.press("Enter")
        try screen.waitFor("Edit: Charlie lookup")
    }
}
