import ActionModel
import Foundation
import XCTest

/// Issue 12's command-line fixes: actions by the name the list shows, unique
/// function names for non-Latin names, phone numbers as people write them, and
/// "not sent" for a request an undefined reference stops.
final class ActionReferenceCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }

    @discardableResult
    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let result = try CLI.run(arguments, store: store)
        XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", file: file, line: line)
        return result
    }

    func create(_ name: String, _ extra: [String] = []) throws -> JSONValue {
        try JSONValue(parsing: run(["actions", "create", "--kind", "end-conversation", "--name", name, "--goodbye", "Bye!", "--json"] + extra).stdout)
    }

    func testEveryCommandTakesTheNameAsListed() throws {
        let lead = try create("Create CRM lead")
        let id = try XCTUnwrap(lead.value(atPath: "id")?.stringValue)
        XCTAssertTrue(try run(["actions", "list"]).stdout.contains("Create CRM lead"))

        let shown = try JSONValue(parsing: run(["actions", "show", "create crm LEAD", "--json"]).stdout)
        XCTAssertEqual(shown.value(atPath: "id")?.stringValue, id)
        try run(["actions", "edit", "Create CRM lead", "--description", "by name"])
        XCTAssertEqual(try JSONValue(parsing: run(["actions", "show", id, "--json"]).stdout).value(atPath: "description"), "by name")
        let exported = try JSONValue(parsing: run(["actions", "export", "--format", "switchboard", "CREATE CRM LEAD"]).stdout)
        XCTAssertTrue(exported.compactText.contains(id), exported.compactText)
        try run(["agents", "create", "--name", "Desk", "--action", "create crm lead"])
        try run(["actions", "delete", "Create CRM lead"])
        XCTAssertEqual(try CLI.run(["actions", "show", id], store: store).status, 1, "deleted by its name")
    }

    func testANameTwoActionsShareIsRefusedNamingBothIDs() throws {
        let first = try XCTUnwrap(create("Book a table").value(atPath: "id")?.stringValue)
        let second = try create("book a TABLE")
        let secondID = try XCTUnwrap(second.value(atPath: "id")?.stringValue)
        XCTAssertEqual(second.value(atPath: "function_name"), "book_a_table_2", "the derived name got a suffix instead of a refusal")
        for command in [["actions", "show", "Book a table"], ["actions", "delete", "book a table"], ["actions", "edit", "Book a table", "--description", "x"],
                        ["simulate", "--action", "Book a table", "--say", "hi"]] {
            let refused = try CLI.run(command, store: store)
            XCTAssertNotEqual(refused.status, 0, "\(command)")
            XCTAssertTrue(refused.stderr.contains(first) && refused.stderr.contains(secondID), "\(command): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("is the name of 2 actions"), refused.stderr)
        }
        XCTAssertEqual(try JSONValue(parsing: run(["actions", "list", "--json"]).stdout).arrayValue?.count, 2, "nothing was deleted")
        try run(["actions", "delete", "book_a_table_2"])
        try run(["actions", "show", "Book a table"])
    }

    func testNonLatinNamesGetUniqueFunctionNames() throws {
        var functionNames: [String] = []
        for name in ["Забронировать столик", "Отменить заказ", "予約する", "🍕", "🍔", "Réserver", "Reserver"] {
            functionNames.append(try XCTUnwrap(create(name).value(atPath: "function_name")?.stringValue, name))
        }
        XCTAssertEqual(functionNames, ["zabronirovat_stolik", "otmenit_zakaz", "yu_yuesuru", "action_1f355", "action_1f354", "reserver", "reserver_2"])
        XCTAssertTrue(try run(["actions", "show", "Забронировать столик"]).stdout.contains("zabronirovat_stolik"))
        // A rename whose function name follows it is kept clear of the others' too.
        let renamed = try JSONValue(parsing: run(["actions", "edit", "Отменить заказ", "--name", "Забронировать столик!", "--json"]).stdout)
        XCTAssertEqual(renamed.value(atPath: "function_name"), "zabronirovat_stolik_2")
    }

    func testPhoneNumbersAsPeopleWriteThemAreStoredAsE164() throws {
        let created = try JSONValue(parsing: run(["actions", "create", "--kind", "transfer-calls", "--name", "Sales",
                                                  "--phone-number", "+1 (415) 555-0199", "--json"]).stdout)
        XCTAssertEqual(created.value(atPath: "transfer_calls.phone_number"), "+14155550199")
        try run(["actions", "edit", "Sales", "--phone-number", "0044 20 7946 0958"])
        XCTAssertTrue(try run(["actions", "list"]).stdout.contains("+442079460958"))
        let refused = try CLI.run(["actions", "create", "--kind", "warm-transfer", "--name", "Desk", "--summary", "Refund",
                                   "--phone-number", "(415) 555-0199"], store: store)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("Phone Number: '(415) 555-0199' has no country code"), refused.stderr)

        try run(["actions", "create", "--kind", "transfer-calls", "--name", "Support", "--phone-number", "+14155550100"])
        let exported = try run(["actions", "export", "--format", "switchboard", "support"]).stdout
        XCTAssertTrue(exported.contains("\"+14155550100\""), exported)
        try run(["actions", "delete", "support"])
        let imported = exported.replacingOccurrences(of: "\"+14155550100\"", with: "\"+1.415.555.0100\"")
        let result = try CLI.run(["actions", "import", "-"], store: store, stdin: imported)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try JSONValue(parsing: run(["actions", "show", "support", "--json"]).stdout).value(atPath: "transfer_calls.phone_number"),
                       "+14155550100")
    }

    func testAnUndefinedReferenceIsLoggedAsNotSent() throws {
        try run(["actions", "create", "--kind", "custom-input", "--name", "Ping", "--url", "http://127.0.0.1:9/ping",
                 "--header", "X-Api-Key: {{secret.MISSING_KEY}}", "--property", "email:string(email):required"])
        let call = try run(["simulate", "--action", "ping", "--say", "ada at example dot com", "--json"])
        let events = try XCTUnwrap(JSONValue(parsing: call.stdout).value(atPath: "events")?.arrayValue)
        let response = try XCTUnwrap(events.first { $0.value(atPath: "type") == "response" }, "\(events)")
        XCTAssertEqual(response.value(atPath: "data.error"), "not_sent")
        let detail = try XCTUnwrap(response.value(atPath: "data.detail")?.stringValue)
        XCTAssertTrue(detail.hasPrefix("not sent: Headers: X-Api-Key: {{secret.MISSING_KEY}} is not defined"), detail)
        XCTAssertFalse(call.stdout.contains("could not connect"), call.stdout)
    }
}

final class StoreURLCLITests: TemporaryFolderTestCase {
    func testAStoreURLIsNeverTurnedIntoAFolder() throws {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        // Port 1: nothing listens, so the team store is unreachable — and nothing lands on disk.
        for arguments in [["actions", "list", "--store", "postgres://team@127.0.0.1:1/switchboard"], ["actions", "list"], ["actions", "list", "--store", "redis://127.0.0.1/0"]] {
            let result = try CLI.run(arguments, environment: arguments.count == 2 ? ["SWITCHBOARD_STORE": "postgresql://127.0.0.1:1/sb"] : [:])
            XCTAssertEqual(result.status, 2, result.stderr)
            XCTAssertTrue(result.stderr.contains(arguments.last!.hasPrefix("redis") ? "is a redis:// URL" : "is unreachable"), result.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "no folder named postgres: was made")
    }
}

/// The call log keeps headers by the one masking rule: names and non-secret
/// values as sent, a literal credential masked.
final class CallLogHeaderCLITests: TemporaryFolderTestCase {
    func testALiteralCredentialIsNotCopiedIntoTheCallLog() throws {
        let store = path("store.sqlite")
        XCTAssertEqual(try CLI.run(["demo"], store: store).status, 0)
        let edited = try CLI.run(["actions", "edit", "Create support ticket", "--header", "X-Api-Key: literal-key-123",
                                  "--header", "X-Tenant: acme"], store: store)
        XCTAssertEqual(edited.status, 0, edited.stderr)
        let call = try CLI.run(["simulate", "--action", "create support ticket", "--json", "--say", "my email is jo dot smith at example dot com",
                                "--say", "the internet has been down since this morning"], store: store)
        XCTAssertEqual(call.status, 0, call.stderr)
        let events = try XCTUnwrap(JSONValue(parsing: call.stdout).value(atPath: "events")?.arrayValue)
        let sent = try XCTUnwrap(events.first { $0.value(atPath: "type") == "request_sent" }, "\(events)")
        let headers = try XCTUnwrap(sent.value(atPath: "data.headers")?.arrayValue)
        XCTAssertTrue(headers.contains(["name": "X-Api-Key", "value": .string(SecretMasker.mask)]), "\(headers)")
        XCTAssertTrue(headers.contains(["name": "X-Tenant", "value": "acme"]), "\(headers)")
        XCTAssertTrue(headers.contains { $0.value(atPath: "name") == "Idempotency-Key" && $0.value(atPath: "value") != .string(SecretMasker.mask) })
        XCTAssertFalse(call.stdout.contains("literal-key-123"), "the literal is nowhere in the log")
        let shown = try CLI.run(["calls", "list", "--json"], store: store)
        XCTAssertFalse(shown.stdout.contains("literal-key-123"))
    }
}
