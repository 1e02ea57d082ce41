import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The console driven through a real terminal: the built `switchboard` binary
/// runs in a tmux pane (120×40, its own tmux server on a socket in the test's
/// temporary folder), keys go in with `send-keys`, and the screen comes back
/// with `capture-pane`. Every step waits for what the screen shows (polling),
/// never for a fixed time, so a loaded machine only makes it slower.
final class ConsoleEndToEndTests: TemporaryFolderTestCase {
    private var tmux: Tmux!

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
        try super.tearDownWithError()
    }

    // MARK: The scenario

    func testCreateEditAndDeleteAnActionWithKeysOnly() throws {
        let store = path("store.sqlite")
        try createAction(store: store)
        try checkCreated(store: store)
        try editAction(store: store)
        try checkEdited(store: store)
        try deleteAction(store: store)
        let gone = try CLI.run(["actions", "show", "create_crm_lead", "--json"], store: store)
        XCTAssertEqual(gone.status, 1, "show after the delete: \(gone.stdout)\(gone.stderr)")
    }

    /// Step 1: a new Custom Input action with two properties, typed field by field.
    private func createAction(store: String) throws {
        try openConsole(store: store)
        try skipDemoOffer()
        try screen.waitFor("No custom external actions")

        try screen.type("n")
        try screen.waitFor("Create a new action")
        try screen.type("1")  // Custom Input
        try screen.press("Tab")  // to the Continue button
        try screen.press("Enter")
        try screen.waitFor("New Custom Input action")
        try screen.waitFor("› Action Name")

        try screen.type("Create CRM lead")
        try screen.waitFor("create_crm_lead")  // the function name follows the name
        try screen.press("Tab")  // Function name: keep the derived one
        try screen.press("Tab")
        try screen.waitFor("› Description")
        try screen.type("Creates a lead in the CRM")
        try screen.waitFor("Description       Creates a lead in the CRM")
        try screen.press("Tab")
        try screen.waitFor("› URL")
        try screen.type("https://api.example.com/leads")
        try screen.waitFor("URL               https://api.example.com/leads")
        try screen.press("Tab")
        try screen.waitFor("› Speak on Send")
        try screen.type("One moment while I save that.")
        try screen.waitFor("Speak on Send     One moment while I save that.")
        try screen.press("Tab")
        try screen.waitFor("› Speak on Receive")
        try screen.type("Done: lead {{result.lead_id}}.")
        try screen.waitFor("Speak on Receive  Done: lead {{result.lead_id}}.")

        // Timeout, trigger, body format, ask optional, read back, headers, signature secret, platform,
        // then the Input Schema row.
        for _ in 0..<9 { try screen.press("Tab") }
        try screen.waitFor("› Input Schema")
        try screen.press("Enter")
        try screen.waitFor("Input Schema · Create CRM lead")
        try screen.waitFor("No properties yet")

        // email: string, required, with a description and the email format.
        try screen.type("a")
        try screen.waitFor("Add property")
        try screen.type("email")
        try screen.waitFor("Name         email")
        try screen.press("Tab")  // Type: string is the default
        try screen.waitFor("[string]")
        try screen.press("Tab")
        try screen.type("The caller's email address")
        try screen.waitFor("Description  The caller's email address")
        try screen.press("Tab")  // Required: already required
        try screen.waitFor("[✓] required")
        try screen.press("Tab")  // Format
        try screen.press("Space")  // none → email
        try screen.waitFor("[email]")
        try screen.press("Enter")
        try screen.waitFor("1 property (1 required)")

        // plan: enum basic, pro, optional.
        try screen.type("a")
        try screen.waitFor("Add property")
        try screen.type("plan")
        try screen.waitFor("Name         plan")
        try screen.press("Tab")
        for _ in 0..<4 { try screen.press("Right") }  // string → number → integer → boolean → enum
        // At 120 columns the picker is cut after "boolean": the Values row shows the enum is chosen.
        try screen.waitFor("Values       comma-separated")
        try screen.press("Tab")
        try screen.type("The plan they want")
        try screen.waitFor("Description  The plan they want")
        try screen.press("Tab")
        try screen.press("Space")  // optional
        try screen.waitFor("[ ] optional")
        try screen.press("Tab")
        try screen.type("basic, pro")
        try screen.waitFor("Values       basic, pro")
        try screen.press("Enter")
        try screen.waitFor("2 properties (1 required)")

        try screen.pressEscape(thenWaitFor: "› Input Schema      2 properties (1 required)")
        try screen.press("C-s")
        try screen.waitFor("Saved 'Create CRM lead'")
        try screen.waitFor("Edit: Create CRM lead")  // the form now edits the stored action

        try screen.pressEscape(thenWaitFor: "Custom External Actions (1)")
        try screen.waitFor("Create CRM lead")
        try quit()
    }

    /// Step 2: everything typed is in the store.
    private func checkCreated(store: String) throws {
        let shown = try CLI.run(["actions", "show", "create_crm_lead", "--json"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let action = try jsonObject(shown.stdout)
        XCTAssertEqual(action["kind"] as? String, "custom-input")
        XCTAssertEqual(action["name"] as? String, "Create CRM lead")
        XCTAssertEqual(action["function_name"] as? String, "create_crm_lead")
        XCTAssertEqual(action["description"] as? String, "Creates a lead in the CRM")
        XCTAssertEqual(action["version"] as? Int, 1)
        let custom = try XCTUnwrap(action["custom_input"] as? [String: Any])
        XCTAssertEqual(custom["url"] as? String, "https://api.example.com/leads")
        XCTAssertEqual(custom["speak_on_send"] as? String, "One moment while I save that.")
        XCTAssertEqual(custom["speak_on_receive"] as? String, "Done: lead {{result.lead_id}}.")
        XCTAssertEqual(custom["needs_url"] as? Bool, false)

        let schema = try XCTUnwrap(custom["input_schema"] as? [String: Any])
        XCTAssertEqual(schema["type"] as? String, "object")
        XCTAssertEqual(schema["required"] as? [String], ["email"])
        let properties = try XCTUnwrap(schema["properties"] as? [String: Any])
        XCTAssertEqual(Set(properties.keys), ["email", "plan"])
        let email = try XCTUnwrap(properties["email"] as? [String: Any])
        XCTAssertEqual(email["type"] as? String, "string")
        XCTAssertEqual(email["description"] as? String, "The caller's email address")
        XCTAssertEqual(email["format"] as? String, "email")
        XCTAssertNil(email["enum"])
        let plan = try XCTUnwrap(properties["plan"] as? [String: Any])
        XCTAssertEqual(plan["type"] as? String, "string")
        XCTAssertEqual(plan["description"] as? String, "The plan they want")
        XCTAssertEqual(plan["enum"] as? [String], ["basic", "pro"])
        XCTAssertNil(plan["format"])
        XCTAssertEqual(propertyOrder(in: shown.stdout), ["email", "plan"])
    }

    /// Step 3: change the description and a property's description.
    private func editAction(store: String) throws {
        try openConsole(store: store)
        try screen.waitFor("act_")  // a loaded row
        try screen.waitFor("Create CRM lead")
        try screen.type("e")
        try screen.waitFor("Edit: Create CRM lead")
        try screen.waitFor("› Action Name")
        try screen.press("Tab")
        try screen.press("Tab")
        try screen.waitFor("› Description")
        try screen.press("C-u")  // the cursor is at the end: clears the field
        try screen.type("Creates or updates a CRM lead")
        try screen.waitFor("Description       Creates or updates a CRM lead")
        try screen.press("BTab")  // Function name
        try screen.press("BTab")  // Action Name
        try screen.press("BTab")  // wraps to the Input Schema row
        try screen.waitFor("› Input Schema")
        try screen.press("Enter")
        try screen.waitFor("Input Schema · Create CRM lead")
        try screen.waitFor("› email")
        try screen.press("Enter")
        try screen.waitFor("Edit property 'email'")
        try screen.press("Tab")
        try screen.press("Tab")
        try screen.press("C-u")
        try screen.type("Where we send the confirmation")
        try screen.waitFor("Description  Where we send the confirmation")
        try screen.press("Enter")
        try screen.waitFor("Where we send the confirm", absent: "Edit property 'email'")
        try screen.pressEscape(thenWaitFor: "› Input Schema      2 properties (1 required)")
        try screen.press("C-s")
        try screen.waitFor("Saved 'Create CRM lead'")
        try screen.pressEscape(thenWaitFor: "Custom External Actions (1)")
        try quit()
    }

    private func checkEdited(store: String) throws {
        let shown = try CLI.run(["actions", "show", "create_crm_lead", "--json"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        let action = try jsonObject(shown.stdout)
        XCTAssertEqual(action["version"] as? Int, 2)
        XCTAssertEqual(action["name"] as? String, "Create CRM lead")
        XCTAssertEqual(action["description"] as? String, "Creates or updates a CRM lead")
        let custom = try XCTUnwrap(action["custom_input"] as? [String: Any])
        XCTAssertEqual(custom["url"] as? String, "https://api.example.com/leads")
        XCTAssertEqual(custom["speak_on_send"] as? String, "One moment while I save that.")
        let schema = try XCTUnwrap(custom["input_schema"] as? [String: Any])
        XCTAssertEqual(schema["required"] as? [String], ["email"])
        let properties = try XCTUnwrap(schema["properties"] as? [String: Any])
        let email = try XCTUnwrap(properties["email"] as? [String: Any])
        XCTAssertEqual(email["description"] as? String, "Where we send the confirmation")
        XCTAssertEqual(email["format"] as? String, "email")
        let plan = try XCTUnwrap(properties["plan"] as? [String: Any])
        XCTAssertEqual(plan["description"] as? String, "The plan they want")
        XCTAssertEqual(plan["enum"] as? [String], ["basic", "pro"])
        XCTAssertEqual(propertyOrder(in: shown.stdout), ["email", "plan"])
    }

    /// Step 4: delete it, answering the question.
    private func deleteAction(store: String) throws {
        try openConsole(store: store)
        try screen.waitFor("act_")
        try screen.type("d")
        try screen.waitFor("Delete 'Create CRM lead'")
        try screen.type("y")
        try screen.waitFor("Deleted 'Create CRM lead'")
        try screen.waitFor("No custom external actions")
        try quit()
    }

    // MARK: Resizing and leaving the terminal as it was

    func testTooSmallWindowAsksForMoreRoomAndGrowingBackRestoresTheList() throws {
        let store = path("store.sqlite")
        let created = try CLI.run(["actions", "create", "--kind", "custom-input", "--name", "Check order status",
                                   "--url", "https://api.example.com/orders"], store: store)
        XCTAssertEqual(created.status, 0, created.stderr)
        try openConsole(store: store)
        try screen.waitFor("Check order status")
        try screen.waitFor("1 shown")

        try tmux.resize(width: 50, height: 12)
        try screen.waitFor("Make the window at least 60×16 (now 50×12)")
        try screen.waitFor(absent: "Check order status")

        try tmux.resize(width: 120, height: 40)
        try screen.waitFor("Check order status")
        try screen.waitFor("Custom External Actions (1)", absent: "Make the window at least")
        // Still working after the round trip.
        try screen.type("n")
        try screen.waitFor("Create a new action")
        try screen.pressEscape(thenWaitFor: "1 shown", absent: "Create a new action")
        try quit()
    }

    func testQuitLeavesTheTerminalAsItWas() throws {
        let store = path("store.sqlite")
        try openConsole(store: store)
        try skipDemoOffer()
        try screen.waitFor("No custom external actions")
        XCTAssertEqual(try tmux.format("#{alternate_on}"), "1", "the console draws on the alternate screen")
        try quit()
        let after = try screen.waitFor("stty: ")
        XCTAssertTrue(after.contains("BEFORE-CONSOLE"), "the shell's screen is back:\n\(after)")
        XCTAssertFalse(after.contains("Custom External Actions"), "the console's frame is gone:\n\(after)")
        XCTAssertEqual(try tmux.format("#{alternate_on}"), "0", "back on the normal screen")
        XCTAssertEqual(try tmux.format("#{cursor_flag}"), "1", "the cursor is shown again")
        XCTAssertEqual(try tmux.format("#{keypad_cursor_flag}"), "0", "cursor keys are back in normal mode")
        // The line discipline is as the shell had it: echo, canonical input, signals, output processing.
        let line = after.split(separator: "\n").first { $0.hasPrefix("stty: ") } ?? ""
        let modes = Set(line.dropFirst("stty: ".count).split(separator: " ").map(String.init))
        XCTAssertEqual(modes, ["echo", "icanon", "isig", "icrnl", "opost"], String(line))
    }

    // MARK: First start, agents and calls

    func testFirstStartLoadsTheDemoThenAgentsAndCallsAreOneKeyAway() throws {
        let store = path("store.sqlite")
        try openConsole(store: store)
        try screen.waitFor("Load the demo workspace?")
        try screen.press("Enter")
        try screen.waitFor("Demo workspace loaded: 12 actions")
        try screen.waitFor("Create CRM lead")
        try screen.press("F3")
        try screen.waitFor("Demo front desk")
        try screen.waitFor("12: Create CRM lead")
        try screen.press("F4")
        try screen.waitFor("No calls yet")
        try quit()
        let agents = try CLI.run(["agents", "list"], store: store)
        XCTAssertTrue(agents.stdout.contains("Demo front desk"), agents.stdout + agents.stderr)
    }

    // MARK: Helpers

    private var screen: Tmux { tmux }

    /// An empty store is offered the demo workspace first: Esc skips it.
    private func skipDemoOffer() throws {
        try screen.waitFor("Load the demo workspace?")
        try screen.pressEscape(thenWaitFor: "No custom external actions", absent: "Load the demo workspace?")
    }

    /// Starts the console in a fresh tmux pane, through a shell that prints a
    /// marker before, and the exit status and terminal modes after.
    private func openConsole(store: String) throws {
        tmux.killServer()
        let command = "printf 'BEFORE-CONSOLE\\n'; \(Tmux.quote(CLI.binary.path)) --store \(Tmux.quote(store)); "
            + "echo DONE-$?; printf 'stty: %s\\n' \"$(stty -a | tr ' ;' '\\n\\n' | grep -x -E -e '-?(echo|icanon|isig|icrnl|opost)' | tr '\\n' ' ')\"; "
            + "exec sleep 100000"
        try tmux.start(command: command, width: 120, height: 40)
    }

    /// `q` from the list, then the shell reports exit status 0.
    private func quit() throws {
        try screen.type("q")
        try screen.waitFor("DONE-0", timeout: 30)
    }

    private func jsonObject(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(text)")
    }

    /// The property names of the `input_schema` in document order (JSONSerialization loses it).
    private func propertyOrder(in json: String) -> [String] {
        guard let schema = json.range(of: "\"input_schema\""),
              let properties = json.range(of: "\"properties\"", range: schema.upperBound..<json.endIndex),
              let required = json.range(of: "\"required\"", range: properties.upperBound..<json.endIndex)
        else { return [] }
        let body = json[properties.upperBound..<required.lowerBound]
        return ["email", "plan"]
            .compactMap { name in body.range(of: "\"\(name)\"").map { (name, $0.lowerBound) } }
            .sorted { $0.1 < $1.1 }
            .map(\.0)
    }
}

/// A private tmux server (its own socket, no config file) with one session.
final class Tmux {
    let executable: String
    let socket: String
    let home: URL
    let session = "switchboard-e2e"
    var environment: [String: String]

    init(executable: String, socket: String, home: URL) {
        self.executable = executable
        self.socket = socket
        self.home = home
        var env = ProcessInfo.processInfo.environment
        for key in ["SWITCHBOARD_STORE", "SWITCHBOARD_THEME", "NO_COLOR", "TMUX", "TMUX_PANE"] { env.removeValue(forKey: key) }
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
        env["XDG_DATA_HOME"] = home.appendingPathComponent("data").path
        env["TERM"] = env["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm-256color"
        environment = env
    }

    static func findExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Running tmux

    /// Runs one tmux command and waits for it with `waitpid`. Its output goes
    /// through files: the server that `new-session` forks keeps what the client
    /// inherited, so neither pipes nor Foundation's Process (which waits on a
    /// descriptor too) would ever see the client finish.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let outPath = home.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        let errPath = home.appendingPathComponent("tmux-\(UUID().uuidString).err").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable, "-S", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw TmuxError(message: "can't start tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let problem = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed (wait status \(status)): \(problem)")
        }
        return output
    }

    func start(command: String, width: Int, height: Int) throws {
        // A server just killed may still hold the socket ("server exited unexpectedly"): try again.
        var attempt = 0
        while true {
            do {
                try run(["-u", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
                break
            } catch {
                attempt += 1
                if attempt >= 5 { throw error }
                killServer()
                unlink(socket)
                Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
            }
        }
        // A fixed size whatever clients come and go.
        _ = try? run(["set-option", "-t", session, "window-size", "manual"])
    }

    func killServer() {
        _ = try? run(["kill-server"])
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    func format(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    // MARK: Keys

    /// Types literal text, a few characters per `send-keys`.
    func type(_ text: String) throws {
        var rest = Substring(text)
        while !rest.isEmpty {
            let chunk = rest.prefix(8)
            rest = rest.dropFirst(chunk.count)
            try run(["send-keys", "-t", session, "-l", String(chunk)])
        }
    }

    /// Presses named keys: Enter, Tab, BTab, Down, Right, Space, C-s, …
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// Esc, then waits for its effect before anything else is sent: a key that
    /// followed Esc within the Esc delay would read as Alt-key.
    func pressEscape(thenWaitFor text: String, absent: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        Thread.sleep(forTimeInterval: 0.1)  // whatever came before is not taken as an Esc sequence
        try press("Escape")
        try waitFor(text, absent: absent, file: file, line: line)
        Thread.sleep(forTimeInterval: 0.1)  // longer than the Esc delay (25 ms)
    }

    // MARK: Waiting

    /// Polls the screen until it shows `text` (and not `absent`); fails the
    /// test with the screen when `timeout` passes. Returns the screen.
    @discardableResult
    func waitFor(_ text: String? = nil, absent: String? = nil, timeout: TimeInterval = 20,
                 file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while true {
            last = try capture()
            let shown = text.map { last.contains($0) } ?? true
            let hidden = absent.map { !last.contains($0) } ?? true
            if shown && hidden { return last }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.03)
        }
        var what: [String] = []
        if let text { what.append("'\(text)'") }
        if let absent { what.append("no '\(absent)'") }
        let message = "waited \(Int(timeout)) s for \(what.joined(separator: " and ")); the screen was:\n\(last)"
        XCTFail(message, file: file, line: line)
        throw TmuxError(message: message)
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
