import ActionModel
import Foundation
import XCTest

/// `actions create|edit --read-back / --ask-optional-fields` (issue 11): stored in the
/// action's configuration, shown, exported in the switchboard format, refused for other kinds.
final class ReadBackCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    func json(_ result: CLIResult, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONValue(parsing: result.stdout)
    }

    func testCreateEditShowAndExportCarryTheSettings() throws {
        let created = try json(CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Book visit", "--url", "https://api.example.com/visits",
            "--property", "date:string(date):required", "--property", "notes:string:optional:Anything we should know",
            "--read-back", "--json",
        ], store: store))
        XCTAssertEqual(created.value(atPath: "custom_input.read_back"), .bool(true))
        XCTAssertEqual(created.value(atPath: "custom_input.ask_optional_fields"), .bool(false))

        let edited = try json(CLI.run(["actions", "edit", "book_visit", "--no-read-back", "--ask-optional-fields", "--json"], store: store))
        XCTAssertEqual(edited.value(atPath: "custom_input.read_back"), .bool(false))
        XCTAssertEqual(edited.value(atPath: "custom_input.ask_optional_fields"), .bool(true))

        let shown = try CLI.run(["actions", "show", "book_visit"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("asks the optional fields once"), shown.stdout)

        let exported = try json(CLI.run(["actions", "export", "--format", "switchboard"], store: store))
        XCTAssertEqual(exported.value(atPath: "actions.0.custom_input.ask_optional_fields"), .bool(true))
        XCTAssertEqual(exported.value(atPath: "actions.0.custom_input.read_back"), .bool(false))
    }

    func testRefusedForAPhoneBehaviour() throws {
        let result = try CLI.run([
            "actions", "create", "--kind", "end-conversation", "--name", "Bye", "--goodbye", "Bye now", "--read-back",
        ], store: store)
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--read-back applies to custom-input actions, not end-conversation"), result.stderr)
    }
}
