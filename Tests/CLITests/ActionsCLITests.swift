import ActionModel
import Foundation
import XCTest

final class ActionsCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    func json(_ result: CLIResult, file: StaticString = #filePath, line: UInt = #line) throws -> JSONValue {
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        return try JSONValue(parsing: result.stdout)
    }

    func createLead() throws -> JSONValue {
        try json(CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Create CRM lead",
            "--description", "Creates a lead in the CRM",
            "--url", "https://api.example.com/leads", "--speak-on-send", "One moment.",
            "--speak-on-receive", "Done, your lead is {{result.lead_id}}.",
            "--property", "email:string(email):required:The caller's email address",
            "--property", "plan:enum(basic|pro):optional:The plan they want",
            "--property", "seats:integer(1..500)",
            "--header", "Authorization: Bearer abc", "--timeout", "20", "--body-format", "args-at-root",
            "--trigger-phrase", "create a lead", "--json",
        ], store: store))
    }

    func testCreateThenShowAsJSONHasEveryField() throws {
        let created = try createLead()
        let id = try XCTUnwrap(created.value(atPath: "id")?.stringValue)
        XCTAssertNotNil(ActionID(id))
        let shown = try json(CLI.run(["actions", "show", "create_crm_lead", "--json"], store: store))
        XCTAssertEqual(shown, created)
        XCTAssertEqual(shown.value(atPath: "kind"), "custom-input")
        XCTAssertEqual(shown.value(atPath: "function_name"), "create_crm_lead")
        XCTAssertEqual(shown.value(atPath: "trigger.phrases"), ["create a lead"])
        XCTAssertEqual(shown.value(atPath: "custom_input.timeout_seconds"), 20)
        XCTAssertEqual(shown.value(atPath: "custom_input.body_format"), "args-at-root")
        XCTAssertEqual(shown.value(atPath: "custom_input.headers.0.name"), "Authorization")
        XCTAssertEqual(shown.value(atPath: "custom_input.input_schema.required"), ["email"])
        XCTAssertEqual(shown.value(atPath: "custom_input.input_schema.properties.email.format"), "email")
        XCTAssertEqual(shown.value(atPath: "custom_input.input_schema.properties.plan.enum"), ["basic", "pro"])
        XCTAssertEqual(shown.value(atPath: "custom_input.input_schema.properties.seats.maximum"), 500)
        XCTAssertEqual(shown.value(atPath: "custom_input.input_schema")?.objectValue?["properties"]?.objectValue?.keys,
                       ["email", "plan", "seats"])
        // By ID too, in any letter case.
        XCTAssertEqual(try json(CLI.run(["actions", "show", id.uppercased(), "--json"], store: store)), created)
    }

    func testListTableAndJSON() throws {
        _ = try createLead()
        XCTAssertEqual(try CLI.run(["actions", "create", "--kind", "transfer-calls", "--name", "Transfer to 销售",
                                    "--phone-number", "+14155550100"], store: store).status, 0)
        let table = try CLI.run(["actions", "list"], store: store)
        XCTAssertEqual(table.status, 0)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[0].hasPrefix("ID"))
        XCTAssertTrue(lines[2].contains("+14155550100"))
        let list = try json(CLI.run(["actions", "list", "--json"], store: store))
        XCTAssertEqual(list.arrayValue?.map { $0.value(atPath: "name") }, ["Create CRM lead", "Transfer to 销售"])
        let phoneOnly = try json(CLI.run(["actions", "list", "--json", "--kind", "transfer-calls"], store: store))
        XCTAssertEqual(phoneOnly.arrayValue?.count, 1)
    }

    func testEditChangesOnlyWhatIsGivenAndBumpsVersion() throws {
        _ = try createLead()
        let edited = try json(CLI.run([
            "actions", "edit", "create_crm_lead", "--remove-property", "plan",
            "--property", "email:string(email):required:Work email", "--property", "phone:string:optional:Callback number",
            "--remove-header", "authorization", "--json",
        ], store: store))
        XCTAssertEqual(edited.value(atPath: "version"), 2)
        XCTAssertEqual(edited.value(atPath: "custom_input.speak_on_send"), "One moment.")
        XCTAssertEqual(edited.value(atPath: "custom_input.input_schema")?.objectValue?["properties"]?.objectValue?.keys,
                       ["email", "seats", "phone"])
        XCTAssertEqual(edited.value(atPath: "custom_input.input_schema.properties.email.description"), "Work email")
        XCTAssertEqual(edited.value(atPath: "custom_input.headers"), [])
    }

    func testSignatureSecretComesFromStandardInputAndIsNeverPrinted() throws {
        let result = try CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Signed", "--url", "http://127.0.0.1:9/x",
            "--signature-secret-stdin", "--json",
        ], store: store, stdin: "c3VwZXJzZWNyZXQ=\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("c3VwZXJzZWNyZXQ="))
        XCTAssertEqual(try JSONValue(parsing: result.stdout).value(atPath: "custom_input.has_signature_secret"), true)
        let bad = try CLI.run([
            "actions", "create", "--kind", "custom-input", "--name", "Signed2", "--signature-secret-stdin",
        ], store: store, stdin: "not base64!!")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("base64"), bad.stderr)
    }

    func testDeleteRemovesTheAction() throws {
        _ = try createLead()
        let deleted = try CLI.run(["actions", "delete", "create_crm_lead"], store: store)
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        XCTAssertTrue(deleted.stdout.contains("Deleted 'Create CRM lead'"))
        let shown = try CLI.run(["actions", "show", "create_crm_lead"], store: store)
        XCTAssertEqual(shown.status, 1)
        XCTAssertTrue(shown.stderr.contains("no action with ID, function name or name 'create_crm_lead'"), shown.stderr)
    }

    func testEveryPhoneKindFromTheCommandLine() throws {
        let cases: [[String]] = [
            ["--kind", "end-conversation", "--name", "Hang up", "--goodbye", "Thanks for calling, goodbye!"],
            ["--kind", "transfer-calls", "--name", "Sales", "--phone-number", "+14155550100"],
            ["--kind", "dtmf", "--name", "Menu", "--buttons", "1*9#"],
            ["--kind", "warm-transfer", "--name", "Handoff", "--phone-number", "+442071838750", "--summary", "Wants a refund"],
        ]
        for arguments in cases {
            let result = try CLI.run(["actions", "create"] + arguments, store: store)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
        }
        let list = try json(CLI.run(["actions", "list", "--json"], store: store))
        XCTAssertEqual(list.arrayValue?.compactMap { $0.value(atPath: "kind")?.stringValue },
                       ["end-conversation", "transfer-calls", "dtmf", "warm-transfer"])
        XCTAssertEqual(list.value(atPath: "2.dtmf.buttons"), "1*9#")
        XCTAssertEqual(list.value(atPath: "3.warm_transfer.summary"), "Wants a refund")
    }

    // MARK: Bad input: exit 1 with a message naming the field and the rule

    func assertInvalid(_ arguments: [String], mentions expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try CLI.run(arguments, store: store)
        XCTAssertEqual(result.status, 1, "stderr: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(expected), "expected '\(expected)' in: \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
    }

    func testInvalidInputIsExitCodeOneWithAnActionableMessage() throws {
        try assertInvalid(["actions", "create", "--kind", "transfer-calls", "--name", "T", "--phone-number", "555-1234"],
                          mentions: "Phone Number: '555-1234' has no country code; an E.164 number starts with + and the country code")
        try assertInvalid(["actions", "create", "--kind", "dtmf", "--name", "D", "--buttons", "12A"],
                          mentions: "'A' is not a keypad button")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "U", "--url", "ftp://example.com"],
                          mentions: "URL: 'ftp' URLs can't be called")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "U", "--timeout", "0"],
                          mentions: "Timeout: 0 s is out of range")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "U", "--function-name", "has space"],
                          mentions: "may only use letters, digits")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "P", "--property", "1st:string"],
                          mentions: "not start with a digit")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "P", "--property", "age:decimal"],
                          mentions: "'decimal' is not a type")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "P", "--property", "n:integer(9..1)"],
                          mentions: "minimum 9 is above maximum 1")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "H", "--header", "NoColon"],
                          mentions: "write it as 'Name: value'")
        try assertInvalid(["actions", "create", "--kind", "dtmf", "--name", "D", "--url", "https://x.example"],
                          mentions: "--url applies to custom-input actions, not dtmf")
        try assertInvalid(["actions", "create", "--kind", "robot", "--name", "R"], mentions: "'robot' is not a kind")
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "R", "--speak-on-receive", "{{result.x"],
                          mentions: "never closed")
        _ = try createLead()
        try assertInvalid(["actions", "create", "--kind", "custom-input", "--name", "Create CRM lead", "--function-name", "create_crm_lead"],
                          mentions: "function name 'create_crm_lead' is already used")
        try assertInvalid(["actions", "show", "nope"], mentions: "no action with ID, function name or name 'nope'")
        try assertInvalid(["actions", "edit", "create_crm_lead", "--remove-property", "ghost"], mentions: "there is no property 'ghost'")
    }

    func testUsageMistakesAreExitCodeTwo() throws {
        let unknown = try CLI.run(["actions", "list", "--bogus"], store: store)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("Unknown option '--bogus'"), unknown.stderr)
        let missing = try CLI.run(["actions", "create", "--name", "x"], store: store)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("--kind"), missing.stderr)
    }

    func testHelpIsCompleteForEverySubcommand() throws {
        let root = try CLI.run(["--help"])
        XCTAssertEqual(root.status, 0)
        XCTAssertTrue(root.stdout.contains("Exit codes"))
        for subcommand in ["list", "show", "create", "edit", "delete"] {
            let help = try CLI.run(["actions", subcommand, "--help"])
            XCTAssertEqual(help.status, 0, subcommand)
            XCTAssertTrue(help.stdout.contains("--store"), subcommand)
        }
        let create = try CLI.run(["actions", "create", "--help"]).stdout
        for option in ["--kind", "--url", "--speak-on-send", "--speak-on-receive", "--property", "--timeout", "--header",
                       "--body-format", "--trigger-phrase", "--signature-secret-stdin", "--phone-number", "--buttons",
                       "--goodbye", "--summary"] {
            XCTAssertTrue(create.contains(option), "create --help lacks \(option)")
        }
    }

    // MARK: Store problems: exit 2, file untouched

    func testForeignFileIsExitCodeTwoAndUntouched() throws {
        let foreign = path("notes.sqlite")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: foreign))
        let result = try CLI.run(["actions", "list"], store: foreign)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("is not a Switchboard store"), result.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: foreign)), Data("hello".utf8))
    }

    func testReadOnlyListsButRefusesWrites() throws {
        _ = try createLead()
        let list = try CLI.run(["actions", "list", "--read-only"], store: store)
        XCTAssertEqual(list.status, 0)
        XCTAssertTrue(list.stdout.contains("Create CRM lead"))
        let delete = try CLI.run(["actions", "delete", "create_crm_lead", "--read-only"], store: store)
        XCTAssertEqual(delete.status, 2)
        XCTAssertTrue(delete.stderr.contains("it was opened read-only"), delete.stderr)
    }

    func testStoreComesFromTheEnvironmentAndXDGDataHome() throws {
        let viaEnv = path("env.sqlite")
        let created = try CLI.run(["actions", "create", "--kind", "dtmf", "--name", "Menu", "--buttons", "1"],
                                  environment: ["SWITCHBOARD_STORE": viaEnv])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: viaEnv))

        let dataHome = path("xdg")
        let viaXDG = try CLI.run(["actions", "create", "--kind", "dtmf", "--name", "Menu", "--buttons", "1"],
                                 environment: ["XDG_DATA_HOME": dataHome])
        XCTAssertEqual(viaXDG.status, 0, viaXDG.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dataHome + "/switchboard/switchboard.sqlite"))
    }
}
