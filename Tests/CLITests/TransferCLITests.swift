import ActionModel
import Foundation
import XCTest

final class TransferCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    let tools = """
        [
          {"type": "function", "function": {"name": "create_support_ticket", "description": "Opens a ticket",
            "parameters": {"type": "object", "properties": {
              "email": {"type": "string", "description": "The customer's email address", "format": "email"},
              "issue": {"type": "string", "description": "Brief description of the customer's issue", "minLength": 3},
              "priority": {"type": "string", "enum": ["low", "high"]}},
              "required": ["email", "issue"]}}},
          {"type": "function", "function": {"name": "math.factorial", "description": "Dotted names are not tool names",
            "parameters": {"type": "object", "properties": {"n": {"type": "integer"}}}}}
        ]
        """

    func testImportOpenAIToolsRefusesTheBadOneAndKeepsTheRest() throws {
        try tools.write(toFile: path("tools.json"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["actions", "import", path("tools.json")], store: store)
        XCTAssertEqual(result.status, 1, "a refused tool makes the exit code 1")
        XCTAssertTrue(result.stdout.contains("Imported 1 action."), result.stdout)
        XCTAssertTrue(result.stdout.contains("need a URL"), result.stdout)
        XCTAssertTrue(result.stderr.contains("refused: math.factorial"), result.stderr)
        XCTAssertTrue(result.stderr.contains("math_factorial"), "suggests a valid name: \(result.stderr)")

        let shown = try JSONValue(parsing: CLI.run(["actions", "show", "create_support_ticket", "--json"], store: store).stdout)
        XCTAssertEqual(shown.value(atPath: "custom_input.needs_url"), true)
        XCTAssertEqual(shown.value(atPath: "custom_input.url"), .null)
        XCTAssertEqual(shown.value(atPath: "custom_input.input_schema.properties.issue.minLength"), 3)

        // Export gives back the tool exactly as it came in.
        let exported = try CLI.run(["actions", "export"], store: store)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let original = try JSONValue(parsing: tools).arrayValue![0]
        XCTAssertEqual(try JSONValue(parsing: exported.stdout), [original])
    }

    func testImportFromStandardInputWithURL() throws {
        let result = try CLI.run(["actions", "import", "-", "--url", "https://api.example.com/tickets", "--json"], store: store, stdin: tools)
        XCTAssertEqual(result.status, 1)
        let report = try JSONValue(parsing: result.stdout)
        XCTAssertEqual(report.value(atPath: "imported.0.function_name"), "create_support_ticket")
        XCTAssertEqual(report.value(atPath: "imported.0.needs_url"), false)
        XCTAssertEqual(report.value(atPath: "refused.0.name"), "math.factorial")
        let shown = try JSONValue(parsing: CLI.run(["actions", "show", "create_support_ticket", "--json"], store: store).stdout)
        XCTAssertEqual(shown.value(atPath: "custom_input.url"), "https://api.example.com/tickets")
    }

    func testImportingTheSameToolTwiceRefusesTheDuplicateName() throws {
        let one = #"{"type":"function","function":{"name":"lookup","description":"d","parameters":{"type":"object","properties":{}}}}"#
        XCTAssertEqual(try CLI.run(["actions", "import", "-"], store: store, stdin: one).status, 0)
        let again = try CLI.run(["actions", "import", "-"], store: store, stdin: one)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("function name 'lookup' is already used"), again.stderr)
    }

    func testStrictExportAndLintNotes() throws {
        try CLI.run(["actions", "import", "-", "--url", "https://x.example/t"], store: store, stdin: tools)
        let strict = try CLI.run(["actions", "export", "--strict", "create_support_ticket"], store: store)
        XCTAssertEqual(strict.status, 0, strict.stderr)
        let tool = try JSONValue(parsing: strict.stdout)
        XCTAssertEqual(tool.value(atPath: "0.function.strict"), true)
        XCTAssertEqual(tool.value(atPath: "0.function.parameters.additionalProperties"), false)
        XCTAssertEqual(tool.value(atPath: "0.function.parameters.required"), ["email", "issue", "priority"])
        XCTAssertEqual(tool.value(atPath: "0.function.parameters.properties.priority.type"), ["string", "null"])
        XCTAssertTrue(strict.stderr.contains("note: create_support_ticket:") && strict.stderr.contains("minLength"), strict.stderr)
    }

    func testSwitchboardExportImportsIntoAnotherStoreUnchanged() throws {
        XCTAssertEqual(try CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Book appointment", "--url", "https://cal.example.com/book",
            "--speak-on-send", "Let me book that.", "--speak-on-receive", "Booked for {{result.time}}.",
            "--property", "name:string:required:The caller's name", "--property", "time:string(date-time):required:Preferred time",
            "--trigger-phrase", "book",
        ], store: store).status, 0)
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "warm-transfer", "--name", "Handoff",
                                    "--phone-number", "+14155550100", "--summary", "Caller needs billing help"], store: store).status, 0)
        let exported = try CLI.run(["actions", "export", "--format", "switchboard"], store: store)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        try exported.stdout.write(toFile: path("backup.json"), atomically: true, encoding: .utf8)

        let other = path("other.sqlite")
        let imported = try CLI.run(["actions", "import", path("backup.json")], store: other)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let before = try JSONValue(parsing: CLI.run(["actions", "list", "--json"], store: store).stdout)
        let after = try JSONValue(parsing: CLI.run(["actions", "list", "--json"], store: other).stdout)
        XCTAssertEqual(after, before, "IDs, fields and times survive the move")
    }

    func testBrokenJSONNamesTheFileLineAndColumn() throws {
        try "[\n  {\"type\": \"function\",,}\n]".write(toFile: path("broken.json"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["actions", "import", path("broken.json")], store: store)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("broken.json: invalid JSON at line 2"), result.stderr)
        let missing = try CLI.run(["actions", "import", path("nope.json")], store: store)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("can't read"), missing.stderr)
    }

    func testExportRefusesUnknownFormat() throws {
        let result = try CLI.run(["actions", "export", "--format", "yaml"], store: store)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("'yaml' is not a format"), result.stderr)
    }
}
