import ActionModel
import Foundation
import XCTest

final class AgentsCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    func testAgentsLifecycleFromTheCommandLine() throws {
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "dtmf", "--name", "Menu", "--buttons", "1"], store: store).status, 0)
        let listed = try JSONValue(parsing: CLI.run(["agents", "list", "--json"], store: store).stdout)
        XCTAssertEqual(listed.value(atPath: "0.is_default"), true)
        XCTAssertEqual(listed.value(atPath: "0.actions"), .null)

        let created = try CLI.run(["agents", "create", "--name", "Front desk", "--greeting", "Acme, hello!", "--action", "menu", "--json"], store: store)
        XCTAssertEqual(created.status, 0, created.stderr)
        let agent = try JSONValue(parsing: created.stdout)
        XCTAssertEqual(agent.value(atPath: "actions")?.arrayValue?.count, 1)

        let edited = try CLI.run(["agents", "edit", "front desk", "--all-actions", "--greeting", "Hi there", "--json"], store: store)
        XCTAssertEqual(edited.status, 0, edited.stderr)
        XCTAssertEqual(try JSONValue(parsing: edited.stdout).value(atPath: "actions"), .null)
        XCTAssertEqual(try JSONValue(parsing: edited.stdout).value(atPath: "version"), 2)

        let shown = try CLI.run(["agents", "show", "Front desk"], store: store)
        XCTAssertTrue(shown.stdout.contains("every action (1 now)"), shown.stdout)

        let refused = try CLI.run(["agents", "delete", "Default agent"], store: store)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("can't be deleted"), refused.stderr)
        XCTAssertEqual(try CLI.run(["agents", "delete", "Front desk"], store: store).status, 0)
        let unknownAction = try CLI.run(["agents", "create", "--name", "X", "--action", "nope"], store: store)
        XCTAssertEqual(unknownAction.status, 1)
        XCTAssertTrue(unknownAction.stderr.contains("no action with ID, function name or name 'nope'"), unknownAction.stderr)
    }

    func testAgentsListShowsEachAgentsEngine() throws {
        XCTAssertEqual(try CLI.run(["models", "create", "gpt", "--base-url", "http://127.0.0.1:9/v1", "--model", "gpt-4o-mini"], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["agents", "create", "--name", "Model desk", "--model", "gpt"], store: store).status, 0)
        let table = try CLI.run(["agents", "list"], store: store).stdout
        let lines = table.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.first?.contains("ENGINE") == true, table)
        XCTAssertTrue(lines.contains { $0.contains("Default agent") && $0.contains(" rules ") }, table)
        XCTAssertTrue(lines.contains { $0.contains("Model desk") && $0.contains(" gpt ") }, table)
    }

    func testCallsListIsEmptyAtFirstAndShowRefusesBadIDs() throws {
        let list = try CLI.run(["calls", "list"], store: store)
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.stdout.contains("No calls yet"))
        XCTAssertEqual(try JSONValue(parsing: CLI.run(["calls", "list", "--json"], store: store).stdout), [])
        let bad = try CLI.run(["calls", "show", "xyz"], store: store)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("is not a call ID"), bad.stderr)
        let missing = try CLI.run(["calls", "show", "call_0000000000000000"], store: store)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no call 'call_0000000000000000'"), missing.stderr)
    }
}
