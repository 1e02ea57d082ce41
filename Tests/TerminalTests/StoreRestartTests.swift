import ActionModel
import ActionStore
@testable import Console
import Foundation
import Screen
import XCTest

/// A team store's server stops and starts again while a console has a form
/// open: the status line says the store is unreachable (and keeps saying so
/// while it retries), what was typed stays in the form, a save tried
/// meanwhile is refused without losing it, and once the server is back the
/// same Ctrl-S stores what was typed. The console runs in-process against the
/// real store (`InProcessConsole`) on a cluster of this test's own.
final class StoreRestartTests: XCTestCase {
    var cluster: ThrowawayPostgres?

    override func tearDown() {
        cluster?.stop()
        cluster = nil
    }

    func testTypedTextSurvivesAServerRestartAndTheSaveGoesThroughAfter() throws {
        let cluster = try ThrowawayPostgres()
        self.cluster = cluster
        // A short statement timeout: nothing below can wait longer than 5 s + 2 s for the server.
        let store = try ActionStore.openPostgres(
            url: PostgresURL.parse(cluster.url), statementTimeout: 5,
            environment: ["XDG_DATA_HOME": cluster.dataFolder, "HOME": cluster.dataFolder])
        let stored = try store.insert(Action(
            name: "Create CRM lead", description: "Creates a lead",
            configuration: .customInput(CustomInputConfiguration(url: "https://crm.example.com/leads"))))
        let console = InProcessConsole(store: store)
        XCTAssertTrue(console.pump(until: 5) { $0.screen.contains("Create CRM lead") }, console.screen)

        // The action editor, with a name typed into it.
        console.press(.enter)
        XCTAssertTrue(console.screen.contains("Edit: Create CRM lead"), console.screen)
        console.press(.end)
        console.type(" v2")

        // The server goes: the status line says so, and says it again on each retry.
        try cluster.pause()
        XCTAssertTrue(console.pump(until: 10) { $0.statusText.hasPrefix("Store unreachable (") }, "status: \(console.statusText)")
        XCTAssertTrue(console.statusText.contains("retrying every second"), console.statusText)
        console.type(" kept")
        console.press(.ctrl("s"))
        let typedName = "Create CRM lead v2 kept"  // typed before the server went, and while it was gone
        XCTAssertTrue(console.statusText.contains("is unreachable"), "the refused save is said: \(console.statusText)")
        XCTAssertTrue(console.screen.contains("Not saved:"), console.screen)
        XCTAssertTrue(console.screen.contains(typedName), "the typed name is still in the form:\n\(console.screen)")
        // The listener's next retry says it again (over the refused save's message).
        XCTAssertTrue(console.pump(until: 5) { $0.statusText.hasPrefix("Store unreachable (") }, "status: \(console.statusText)")
        XCTAssertThrowsError(try store.count(), "the server is really down") { error in
            guard case StoreError.unreachable = error else { return XCTFail("\(error)") }
        }

        // The server is back: every list reloads, and the same Ctrl-S stores what was typed.
        try cluster.resume()
        let reloadsBefore = console.liveReloads
        XCTAssertTrue(console.pump(until: 10) { $0.liveReloads > reloadsBefore }, "the console never saw the server come back")
        XCTAssertTrue(console.screen.contains(typedName), "a reload after the restart kept the form:\n\(console.screen)")
        XCTAssertTrue(console.pump(until: 5) { $0.statusText.hasPrefix("The store answers again") },
                      "the unreachable line gives way once the server is back: \(console.statusText)")
        console.press(.ctrl("s"))
        XCTAssertEqual(console.statusText, "Saved '\(typedName)'")
        let saved = try XCTUnwrap(try store.action(id: stored.id))
        XCTAssertEqual(saved.name, typedName)
        XCTAssertEqual(saved.version, 2)
        XCTAssertEqual(saved.functionName, stored.functionName, "only what was typed changed")
        console.press(.escape)

        // The agent form: a new agent typed in, the server restarts, the same form saves it.
        console.press(.function(3))
        console.press(.character("n"))
        console.type("Night desk")
        console.press(.tab)
        console.press(.ctrl("u"))
        console.type("Night desk, how can I help?")
        try cluster.pause()
        XCTAssertTrue(console.pump(until: 10) { $0.statusText.hasPrefix("Store unreachable (") }, "status: \(console.statusText)")
        console.press(.ctrl("s"))
        XCTAssertTrue(console.statusText.contains("is unreachable"), "the refused save is said: \(console.statusText)")
        XCTAssertTrue(console.screen.contains("Night desk, how can I help?"), "the typed greeting is still in the form:\n\(console.screen)")

        try cluster.resume()
        let agentReloadsBefore = console.liveReloads
        XCTAssertTrue(console.pump(until: 10) { $0.liveReloads > agentReloadsBefore }, "the console never saw the server come back")
        console.press(.ctrl("s"))
        XCTAssertEqual(console.statusText, "Saved agent 'Night desk'")
        let agent = try XCTUnwrap(try store.allAgents().first { $0.name == "Night desk" })
        XCTAssertEqual(agent.greeting, "Night desk, how can I help?")
        XCTAssertEqual(agent.version, 1)
    }
}
