import Foundation
import SampleBackend
import XCTest

/// Inputs an outsider would try: store locations that would silently go
/// elsewhere or hang, ports the HTTP stack can't hold, terminal escapes.
final class HardeningCLITests: TemporaryFolderTestCase {
    /// HOME and XDG_DATA_HOME inside the test folder, so a fall-through to the default store would show.
    var isolated: [String: String] { ["HOME": path("home"), "XDG_DATA_HOME": path("xdg")] }
    var defaultStore: String { path("xdg") + "/switchboard/switchboard.sqlite" }

    func testStoreLocationsThatWouldGoElsewhereAreRefused() throws {
        let empty = try CLI.run(["actions", "list"], store: "", environment: isolated)
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.stderr.contains("--store is empty"), empty.stderr)
        let emptyEnvironment = try CLI.run(["actions", "list"], environment: isolated.merging(["SWITCHBOARD_STORE": ""]) { $1 })
        XCTAssertEqual(emptyEnvironment.status, 2)
        XCTAssertTrue(emptyEnvironment.stderr.contains("SWITCHBOARD_STORE is empty"), emptyEnvironment.stderr)
        // A PostgreSQL URL is a team store: with no server there, exit 2 saying so (never a folder, never the default store).
        for url in ["postgres://u:hunter2@127.0.0.1:1/switchboard", "postgresql://127.0.0.1:1/sb"] {
            let unreachable = try CLI.run(["actions", "list"], store: url, environment: isolated)
            XCTAssertEqual(unreachable.status, 2, url)
            XCTAssertTrue(unreachable.stderr.contains("is unreachable"), unreachable.stderr)
            XCTAssertFalse(unreachable.stderr.contains("hunter2"), "the password is never printed")
        }
        let otherScheme = try CLI.run(["actions", "list"], store: "mysql://h/x", environment: isolated)
        XCTAssertEqual(otherScheme.status, 2)
        XCTAssertTrue(otherScheme.stderr.contains("is a mysql:// URL; the store is a SQLite file or a PostgreSQL database"), otherScheme.stderr)
        let missing = try CLI.run(["actions", "list"], store: path("not/there/s.sqlite"), environment: isolated)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("doesn't exist; create it first (mkdir -p"), missing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("not")), "no folder made silently")
        XCTAssertFalse(FileManager.default.fileExists(atPath: defaultStore), "nothing fell through to the default store")

        XCTAssertEqual(mkfifo(path("pipe"), 0o600), 0)
        let fifo = try CLI.run(["actions", "list"], store: path("pipe"), environment: isolated)
        XCTAssertEqual(fifo.status, 2)
        XCTAssertTrue(fifo.stderr.contains("FIFO"), fifo.stderr)

        // The default location is still created on first use, privately.
        XCTAssertEqual(try CLI.run(["actions", "list"], environment: isolated).status, 0)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: defaultStore)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o600)
    }

    func testPortsAboveRangeAreRefusedWhereURLsAreAccepted() throws {
        let store = path("store.sqlite")
        let action = try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Far", "--url", "http://127.0.0.1:99999/x",
                                  "--property", "email:string(email):required"], store: store)
        XCTAssertEqual(action.status, 1)
        XCTAssertTrue(action.stderr.contains("the port 99999 is out of range; a port is 1 to 65535"), action.stderr)
        let webhook = try CLI.run(["webhooks", "create", "--label", "Far", "--url", "http://127.0.0.1:65536/h", "--event", "call_ended"], store: store)
        XCTAssertEqual(webhook.status, 1)
        XCTAssertTrue(webhook.stderr.contains("the port 65536 is out of range"), webhook.stderr)
        // Edits, imports and model base URLs are checked the same way.
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Near", "--url", "http://127.0.0.1:8080/x",
                                    "--property", "email:string(email):required"], store: store).status, 0)
        let edited = try CLI.run(["actions", "edit", "near", "--url", "http://127.0.0.1:99999/x"], store: store)
        XCTAssertEqual(edited.status, 1)
        XCTAssertTrue(edited.stderr.contains("the port 99999 is out of range"), edited.stderr)
        XCTAssertEqual(try CLI.run(["webhooks", "create", "--label", "Near", "--url", "http://127.0.0.1:8080/h", "--event", "call_ended"], store: store).status, 0)
        let hookEdited = try CLI.run(["webhooks", "edit", "Near", "--url", "http://127.0.0.1:99999/h"], store: store)
        XCTAssertEqual(hookEdited.status, 1)
        XCTAssertTrue(hookEdited.stderr.contains("the port 99999 is out of range"), hookEdited.stderr)
        let model = try CLI.run(["models", "create", "far", "--base-url", "http://127.0.0.1:99999/v1", "--model", "m"], store: store)
        XCTAssertEqual(model.status, 1)
        XCTAssertTrue(model.stderr.contains("error: base URL: the port 99999 is out of range"), "named as the model's field: \(model.stderr)")
        XCTAssertEqual(try CLI.run(["models", "create", "near", "--base-url", "http://127.0.0.1:8080/v1", "--model", "m"], store: store).status, 0)
        let modelEdited = try CLI.run(["models", "edit", "near", "--base-url", "http://127.0.0.1:65536/v1"], store: store)
        XCTAssertEqual(modelEdited.status, 1)
        XCTAssertTrue(modelEdited.stderr.contains("error: base URL: the port 65536 is out of range"), modelEdited.stderr)
        let export = try CLI.run(["actions", "export", "--format", "switchboard"], store: store)
        let farExport = path("far.json")
        try export.stdout.replacingOccurrences(of: "http://127.0.0.1:8080/x", with: "http://127.0.0.1:99999/x")
            .replacingOccurrences(of: "\"near\"", with: "\"near_2\"").replacingOccurrences(of: "\"Near\"", with: "\"Near 2\"")
            .write(toFile: farExport, atomically: true, encoding: .utf8)
        let imported = try CLI.run(["actions", "import", farExport], store: store)
        XCTAssertEqual(imported.status, 1)
        XCTAssertTrue(imported.stderr.contains("near_2: URL: the port 99999 is out of range"), imported.stderr)
        // Filled in from an environment at call time: refused before sending, the call still ends.
        XCTAssertEqual(try CLI.run(["environments", "create", "dev", "--use"], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["environments", "set", "dev", "BASE_URL", "http://127.0.0.1:70000"], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Templated", "--url", "{{env.BASE_URL}}/x",
                                    "--property", "email:string(email):required"], store: store).status, 0)
        let call = try CLI.run(["simulate", "--action", "templated", "--say", "jo at example dot com"], store: store)
        XCTAssertTrue(call.stdout.contains("not sent: the port 70000 is out of range"), call.stdout + call.stderr)
    }

    func testTerminalEscapesAreShownNotObeyed() throws {
        let store = path("store.sqlite")
        let osc52 = "\u{1b}]52;c;ZXZpbA==\u{07}"
        let created = try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Escapes", "--url", "https://x.example.com/a",
                                   "--description", "Books\(osc52) a table\u{1b}[2J", "--property", "email:string(email):required"], store: store)
        XCTAssertEqual(created.status, 0, created.stderr)
        for arguments in [["actions", "list"], ["actions", "show", "escapes"], ["actions", "show", "escapes", "--json"], ["actions", "export"]] {
            let shown = try CLI.run(arguments, store: store)
            XCTAssertEqual(shown.status, 0, shown.stderr)
            XCTAssertFalse(shown.stdout.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 }, "\(arguments): \(shown.stdout)")
        }
        let shown = try CLI.run(["actions", "show", "escapes"], store: store)
        XCTAssertTrue(shown.stdout.contains("Books\\u001b]52;c;ZXZpbA==\\u0007 a table\\u001b[2J"), shown.stdout)
        // An error that quotes what was typed is made safe too.
        let missing = try CLI.run(["actions", "show", "no\u{1b}]0;title\u{07}such"], store: store)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertFalse(missing.stderr.unicodeScalars.contains { $0.value == 0x1b }, missing.stderr)
    }

    /// A call on a full disk: never "saved", a non-zero exit, and the cause named.
    func testDiskFullDuringACallIsReportedNotSaved() throws {
        let mountPoint = path("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard try run("/bin/mount", ["-t", "tmpfs", "-o", "size=600k", "tmpfs", mountPoint]) == 0 else {
            throw XCTSkip("can't mount a small tmpfs here (needs root and mount rights): the disk-full test is skipped")
        }
        defer { _ = try? run("/bin/umount", [mountPoint]) }
        let store = mountPoint + "/store.sqlite"
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Lead", "--url", "http://127.0.0.1:9/x",
                                    "--property", "email:string(email):required"], store: store).status, 0)
        // Fill the disk, then give back a little: enough to open the store, not to log a call.
        let filler = mountPoint + "/filler"
        XCTAssertTrue(FileManager.default.createFile(atPath: filler, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: filler))
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try handle.truncate(atOffset: max(0, try handle.offset() - 48 * 1024))
        try handle.close()

        for json in [false, true] {
            let call = try CLI.run(["simulate", "--action", "lead", "--say", "jo at example dot com"] + (json ? ["--json"] : []), store: store)
            XCTAssertEqual(call.status, 2, call.stderr)
            XCTAssertFalse(call.stdout.contains("saved:"), call.stdout)
            XCTAssertTrue(call.stderr.contains("was NOT saved completely: disk full:"), call.stderr)
            XCTAssertFalse(call.stderr.contains("FOREIGN KEY"), call.stderr)
        }
    }

    /// `kill -9` while `send-pending` holds the deliveries' claims: the next run
    /// sends them at once instead of "Sent 0 of N" until the claims run out (~75 s).
    func testDeliveriesClaimedByAKilledSendPendingAreSentByTheNextRun() async throws {
        let store = path("store.sqlite")
        // Listening, never answering: a delivery to it stays claimed and in flight.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        XCTAssertTrue(bound)
        let silentPort = Int(UInt16(bigEndian: address.sin_port))

        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Lead", "--url", "http://127.0.0.1:9/x",
                                    "--property", "email:string(email):required"], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["webhooks", "create", "--label", "Hook", "--url", "http://127.0.0.1:\(silentPort)/h",
                                    "--event", "call_connected,call_ended"], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["simulate", "--action", "lead", "--say", "jo at example dot com", "--webhook-wait", "0"], store: store).status, 0)

        let sender = Process()
        sender.executableURL = CLI.binary
        sender.arguments = ["webhooks", "send-pending", "--wait", "60", "--store", store]
        sender.standardOutput = FileHandle.nullDevice
        sender.standardError = FileHandle.nullDevice
        try sender.run()
        // Its first delivery connecting means it holds the claim: then it is killed.
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&waiting, 1, 30_000), 1, "send-pending never tried the webhook")
        kill(sender.processIdentifier, SIGKILL)
        sender.waitUntilExit()

        let recorder = try await SampleBackend.startRecorder { _ in (200, "{}") }
        defer { Task { await recorder.stop() } }
        XCTAssertEqual(try CLI.run(["webhooks", "edit", "Hook", "--url", recorder.baseURL + "/h"], store: store).status, 0)
        let next = try CLI.run(["webhooks", "send-pending", "--wait", "10"], store: store)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stdout.contains("Sent 2 of 2 pending deliveries; 0 still pending"), next.stdout + next.stderr)
        let received = await recorder.recorder.requests.count
        XCTAssertEqual(received, 2)
    }

    func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func testSimulateJSONSaysHowTheCallEnded() throws {
        let store = path("store.sqlite")
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Lead", "--url", "http://127.0.0.1:9/x",
                                    "--property", "email:string(email):required"], store: store).status, 0)
        let call = try CLI.run(["simulate", "--action", "lead", "--say", "jo at example dot com", "--json"], store: store)
        XCTAssertEqual(call.status, 0, call.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(call.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["end_reason"] as? String, "caller_hung_up")
        XCTAssertNotNil(document["ended_at"] as? String)
    }

    func testHelpForACommandThatDoesNotExistIsAUsageError() throws {
        let bogus = try CLI.run(["help", "bogus"])
        XCTAssertEqual(bogus.status, 2)
        XCTAssertTrue(bogus.stderr.contains("no command 'bogus'"), bogus.stderr)
        XCTAssertEqual(try CLI.run(["help", "actions", "nope"]).status, 2)
        let real = try CLI.run(["help", "actions", "create"])
        XCTAssertEqual(real.status, 0)
        XCTAssertTrue(real.stdout.contains("--name"), real.stdout)
    }

    func testMessagesForNumbersRangesVersionsAndNoOpEdits() throws {
        let store = path("store.sqlite")
        func create(_ extra: [String]) throws -> CLIResult {
            try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Lead", "--url", "https://x.example.com/a",
                         "--property", "email:string(email):required"] + extra, store: store)
        }
        // A negative number is a wrong value to explain, not "Missing value".
        let negative = try create(["--timeout", "-5"])
        XCTAssertEqual(negative.status, 1)
        XCTAssertTrue(negative.stderr.contains("-5 s is out of range; use 1 to 300"), negative.stderr)
        let limit = try CLI.run(["webhooks", "deliveries", "--limit", "-1"], store: store)
        XCTAssertEqual(limit.status, 2)
        XCTAssertTrue(limit.stderr.contains("--limit must be 0 or more (got -1)"), limit.stderr)
        XCTAssertFalse(limit.stderr.contains("Missing value"), limit.stderr)
        for (option, value) in [("--timeout", "-4"), ("--temperature", "-1"), ("--max-tokens", "-5")] {
            let model = try CLI.run(["models", "create", "m", "--base-url", "http://127.0.0.1:8080/v1", "--model", "x", option, value], store: store)
            XCTAssertEqual(model.status, 1, option)
            XCTAssertTrue(model.stderr.contains(value), "\(option): \(model.stderr)")
            XCTAssertFalse(model.stderr.contains("Missing value"), "\(option): \(model.stderr)")
        }
        // NaN and infinity have no JSON form.
        for range in ["nan..1", "1..inf"] {
            let refused = try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "N", "--url", "https://x.example.com/a",
                                       "--property", "n:number(\(range)):required"], store: store)
            XCTAssertEqual(refused.status, 1, range)
            XCTAssertTrue(refused.stderr.contains("is not a number"), refused.stderr)
        }

        XCTAssertEqual(try create([]).status, 0)
        // An edit that changes nothing writes nothing.
        let unchanged = try CLI.run(["actions", "edit", "lead"], store: store)
        XCTAssertEqual(unchanged.status, 0)
        XCTAssertTrue(unchanged.stdout.contains("nothing was written, still version 1"), unchanged.stdout)
        let same = try CLI.run(["actions", "edit", "lead", "--name", "Lead"], store: store)
        XCTAssertTrue(same.stdout.contains("still version 1"), same.stdout)
        let changed = try CLI.run(["actions", "edit", "lead", "--name", "Lead 2"], store: store)
        XCTAssertTrue(changed.stdout.contains("now version 2"), changed.stdout)

        // An export from a newer format is refused whole.
        let future = path("future.json")
        try #"{"format":"switchboard.actions","version":99,"actions":[]}"#.write(toFile: future, atomically: true, encoding: .utf8)
        let imported = try CLI.run(["actions", "import", future], store: store)
        XCTAssertEqual(imported.status, 1)
        XCTAssertTrue(imported.stderr.contains("format version 99; this switchboard reads version 1. Nothing was imported"), imported.stderr)

        // Agent names are as long as action names may be.
        let long = String(repeating: "a", count: 121)
        let agent = try CLI.run(["agents", "create", "--name", long], store: store)
        XCTAssertEqual(agent.status, 1)
        XCTAssertTrue(agent.stderr.contains("error: Name: keep it to 120 characters (it has 121)"), agent.stderr)
        XCTAssertFalse(agent.stderr.contains("Action Name"), "an agent's field, not an action's: \(agent.stderr)")
    }

    func testADamagedActionRowIsNamedAndTheRestStillListAndExport() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3 to damage a row with") }
        let store = path("store.sqlite")
        for name in ["Good one", "Bad one"] {
            XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", name, "--url", "https://x.example.com/a",
                                        "--property", "email:string(email):required"], store: store).status, 0)
        }
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "UPDATE action SET configuration = '{not json', trigger = '{' WHERE name = 'Bad one'"]), 0)
        let badID = try XCTUnwrap(CLI.run(["actions", "list", "--json"], store: store).stderr
            .components(separatedBy: " ").first { $0.hasPrefix("act_") })
        for arguments in [["actions", "list"], ["actions", "list", "--json"]] {
            let listed = try CLI.run(arguments, store: store)
            XCTAssertEqual(listed.status, 0, listed.stderr)
            XCTAssertTrue(listed.stdout.contains("Good one"), listed.stdout)
            XCTAssertTrue(listed.stderr.contains("action \(badID) is damaged and was left out"), listed.stderr)
        }
        let exported = try CLI.run(["actions", "export"], store: store)
        XCTAssertEqual(exported.status, 2)
        XCTAssertTrue(exported.stdout.contains("good_one"), exported.stdout)
        XCTAssertTrue(exported.stderr.contains(badID), exported.stderr)
        XCTAssertEqual(try CLI.run(["actions", "show", "good_one"], store: store).status, 0)
        // The damaged row itself: named as a row, not the whole store, and removable as the warning says.
        let shownBad = try CLI.run(["actions", "show", badID], store: store)
        XCTAssertEqual(shownBad.status, 2)
        XCTAssertTrue(shownBad.stderr.contains("That row is damaged; the rest of the store can still be read"), shownBad.stderr)
        XCTAssertFalse(shownBad.stderr.contains("restore a backup") || shownBad.stderr.contains("error:  "), shownBad.stderr)
        let deleted = try CLI.run(["actions", "delete", badID], store: store)
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertTrue(deleted.stdout.contains("Deleted the damaged action \(badID)."), deleted.stdout)
        let after = try CLI.run(["actions", "list"], store: store)
        XCTAssertEqual(after.status, 0)
        XCTAssertTrue(after.stderr.isEmpty, "nothing damaged is left: \(after.stderr)")
        XCTAssertEqual(try CLI.run(["actions", "export"], store: store).status, 0)
    }

    /// A store in a folder the user can't write: `--read-only` lists, as the message promises.
    func testAReadOnlyFolderStillListsWithReadOnly() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to run the command as another user")
        }
        // A folder every user can reach: $TMPDIR, and on some machines /tmp itself, are closed to others.
        guard let base = ["/tmp", "/var/tmp", "/dev/shm"].first(where: Self.everyoneCanEnter) else {
            throw XCTSkip("no folder here that another user can enter (/tmp, /var/tmp and /dev/shm are closed to others)")
        }
        let shared = base + "/switchboard-ro-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: shared) }
        let store = shared + "/store.sqlite"
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Lead", "--url", "https://x.example.com/a",
                                    "--property", "email:string(email):required"], store: store).status, 0)
        chmod(store, 0o644)
        chmod(shared, 0o555)
        defer { chmod(shared, 0o755) }
        func asNobody(_ arguments: [String]) throws -> CLIResult {
            try CLI.runAs(["--reuid=65534", "--regid=65534", "--clear-groups"], arguments + ["--store", store])
        }
        let listed = try asNobody(["actions", "list", "--read-only"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(listed.stdout.contains("Lead"), listed.stdout)
        let refused = try asNobody(["actions", "delete", "lead"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("Listing and showing still work"), refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: shared), ["store.sqlite"])
    }

    /// Whether every folder from / down to `path` lets other users pass (the x bit for others).
    private static func everyoneCanEnter(_ path: String) -> Bool {
        var prefix = ""
        for component in ["/"] + path.split(separator: "/").map(String.init) {
            prefix = component == "/" ? "/" : (prefix == "/" ? "/" : prefix + "/") + component
            var info = stat()
            guard stat(prefix, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_mode & S_IXOTH != 0 else { return false }
        }
        return true
    }
}
