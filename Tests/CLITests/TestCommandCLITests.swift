import ActionModel
import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `switchboard test`: suites of call scripts against the demo workspace, run
/// as CI would run them, with the JUnit report read back as XML.
final class TestCommandCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }
    /// The project's root (tests run from the built products, not from it).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var examples: String { root.appendingPathComponent("docs/examples/suites").path }
    static var failingFixture: String { root.appendingPathComponent("Tests/Fixtures/suites/failing").path }

    override func setUpWithError() throws {
        try super.setUpWithError()
        let demo = try CLI.run(["demo"], store: store)
        XCTAssertEqual(demo.status, 0, demo.stderr)
    }

    /// The `<testcase>` elements of a JUnit file, after checking the envelope.
    func testcases(_ file: String, tests: Int, failures: Int) throws -> [XMLElement] {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: file), options: [])
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "testsuites")
        XCTAssertEqual(root.attribute(forName: "tests")?.stringValue, "\(tests)")
        XCTAssertEqual(root.attribute(forName: "failures")?.stringValue, "\(failures)")
        let suites = root.elements(forName: "testsuite")
        XCTAssertEqual(suites.count, 1)
        let suite = try XCTUnwrap(suites.first)
        XCTAssertEqual(suite.attribute(forName: "tests")?.stringValue, "\(tests)")
        XCTAssertEqual(suite.attribute(forName: "failures")?.stringValue, "\(failures)")
        XCTAssertEqual(suite.attribute(forName: "errors")?.stringValue, "0")
        XCTAssertNotNil(suite.attribute(forName: "timestamp"))
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.count, tests)
        for testcase in cases {
            XCTAssertNotNil(testcase.attribute(forName: "name")?.stringValue)
            XCTAssertEqual(testcase.attribute(forName: "classname")?.stringValue, "switchboard.rules")
            XCTAssertNotNil(Double(testcase.attribute(forName: "time")?.stringValue ?? ""), "time is seconds")
        }
        return cases
    }

    func testExampleSuitesPassAndReportEveryScript() throws {
        let report = path("reports.xml")
        let result = try CLI.run(["test", Self.examples, "--junit", report], store: store)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: " ").filter { !$0.isEmpty }, ["SCRIPT", "ENGINE", "PASSES", "FIRST", "FAILURE", "MEDIAN", "TOKENS"])
        // Found recursively (faults/, phone/), in path order, each run once by the rules engine.
        let scripts = ["account-status.call", "crm-lead.call", "faults/refund-fails.call", "phone/transfer.call", "support-ticket.call"]
        for (index, script) in scripts.enumerated() {
            let row = lines[index + 1]
            XCTAssertTrue(row.contains(script) || row.contains("…"), row)
            XCTAssertTrue(row.contains(" rules "), row)
            XCTAssertTrue(row.contains(" 1/1 "), row)
            XCTAssertTrue(row.hasSuffix(" —"), "no tokens from the rules engine: \(row)")
        }
        XCTAssertTrue(result.stdout.contains("5 scripts, 5 of 5 runs passed; every script met its threshold."), result.stdout)
        let cases = try testcases(report, tests: 5, failures: 0)
        XCTAssertEqual(cases.compactMap { $0.attribute(forName: "name")?.stringValue?.components(separatedBy: "suites/").last }, scripts)
        XCTAssertTrue(cases.allSatisfy { $0.elements(forName: "failure").isEmpty })
    }

    func testTheFailingFixtureFailsWithItsExpectation() throws {
        let report = path("failing.xml")
        let result = try CLI.run(["test", Self.failingFixture, Self.examples + "/crm-lead.call", "--junit", report, "--repeat", "2", "--jobs", "2"], store: store)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let expectation = #"expect payload: {"first_name": "Joanna", "email": "jo@example.com"}: the payload sent was {"first_name":"Jo","email":"jo@example.com"}"#
        XCTAssertTrue(result.stdout.contains(" 0/2 ✗ "), result.stdout)
        XCTAssertTrue(result.stdout.contains(" 2/2 "), result.stdout)
        XCTAssertTrue(result.stdout.contains("2 scripts, 2 of 4 runs passed; 1 under threshold"), result.stdout)
        XCTAssertTrue(result.stderr.contains("FAIL \(Self.failingFixture)/wrong-first-name.call: 0/2 passed, 100% needed; run 1: \(expectation) (call call_"), result.stderr)

        let cases = try testcases(report, tests: 2, failures: 1)
        let failure = try XCTUnwrap(cases.first?.elements(forName: "failure").first)
        XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, expectation)
        XCTAssertEqual(failure.attribute(forName: "type")?.stringValue, "expectation")
        let detail = try XCTUnwrap(failure.stringValue)
        XCTAssertTrue(detail.contains("0 of 2 runs passed with the rules engine; at least 100% needed"), detail)
        // The failed call is in the store, as the report says.
        let callID = try XCTUnwrap(detail.components(separatedBy: "switchboard calls show ").last?.trimmingCharacters(in: .whitespacesAndNewlines))
        let shown = try CLI.run(["calls", "show", callID, "--json"], store: store)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertEqual(try JSONValue(parsing: shown.stdout).value(atPath: "origin"), "test")
        XCTAssertTrue(cases[1].elements(forName: "failure").isEmpty)
    }

    func testPassRatesAgainstTheThresholdFromTheFlagOrTheScript() throws {
        // The sample backend numbers leads L-1001, L-1002, …: only the first of three runs hears L-1001.
        let script = """
            action: create_crm_lead
            say: I'm Jo
            say: jo at example dot com
            expect said: your lead number is L-1001
            """
        try script.write(toFile: path("first-only.call"), atomically: true, encoding: .utf8)
        let strict = try CLI.run(["test", path("first-only.call"), "--repeat", "3"], store: store)
        XCTAssertEqual(strict.status, 1, strict.stdout + strict.stderr)
        XCTAssertTrue(strict.stdout.contains(" 1/3 ✗ "), strict.stdout)
        XCTAssertTrue(strict.stderr.contains("1/3 passed, 100% needed; run 2: expect said: your lead number is L-1001: the agent never said it"), strict.stderr)

        let lenient = try CLI.run(["test", path("first-only.call"), "--repeat", "3", "--min-pass", "0.3"], store: store)
        XCTAssertEqual(lenient.status, 0, lenient.stdout + lenient.stderr)
        XCTAssertTrue(lenient.stdout.contains(" 1/3 "), lenient.stdout)
        XCTAssertFalse(lenient.stdout.contains("✗"), lenient.stdout)

        // The script's own threshold wins over the default.
        try (script + "\nmin pass: 30%\n").write(toFile: path("first-only.call"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["test", path("first-only.call"), "--repeat", "3"], store: store).status, 0)
        try (script + "\nmin pass: 50%\n").write(toFile: path("first-only.call"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try CLI.run(["test", path("first-only.call"), "--repeat", "3", "--min-pass", "0.1"], store: store).status, 1)
    }

    func testManyRunsAtOnceAreEachACall() throws {
        let before = try JSONValue(parsing: CLI.run(["calls", "list", "--json"], store: store).stdout).arrayValue?.count ?? -1
        let result = try CLI.run(["test", Self.examples + "/support-ticket.call", "--repeat", "8", "--jobs", "4"], store: store)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains(" 8/8 "), result.stdout)
        let after = try JSONValue(parsing: CLI.run(["calls", "list", "--json"], store: store).stdout).arrayValue?.count ?? -1
        XCTAssertEqual(after - before, 8)
    }

    func testPathsAndScriptsThatCantRunSayWhyAndRunNothing() throws {
        let missing = try CLI.run(["test", path("nope")], store: store)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("\(path("nope")): no such file or folder"), missing.stderr)

        try FileManager.default.createDirectory(atPath: path("empty/sub"), withIntermediateDirectories: true)
        try "not a script".write(toFile: path("empty/sub/notes.txt"), atomically: true, encoding: .utf8)
        let empty = try CLI.run(["test", path("empty")], store: store)
        XCTAssertEqual(empty.status, 2)
        XCTAssertTrue(empty.stderr.contains("\(path("empty")): no call scripts here"), empty.stderr)

        try FileManager.default.createDirectory(atPath: path("broken"), withIntermediateDirectories: true)
        try "action: create_crm_lead\nsay: hi\nexpect payload: {oops\n".write(toFile: path("broken/a.call"), atomically: true, encoding: .utf8)
        try "say: hi\nmin pass: lots\n".write(toFile: path("broken/b.call"), atomically: true, encoding: .utf8)
        let broken = try CLI.run(["test", path("broken")], store: store)
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("a.call:3: the expected payload is not JSON"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("b.call:2: 'min pass' must be a share from 0 to 1 or a percentage"), broken.stderr)
        XCTAssertTrue(broken.stderr.contains("no script was run"), broken.stderr)
        XCTAssertEqual(try JSONValue(parsing: CLI.run(["calls", "list", "--json"], store: store).stdout).arrayValue?.count, 0)

        let noFolder = try CLI.run(["test", Self.examples, "--junit", path("missing/report.xml")], store: store)
        XCTAssertEqual(noFolder.status, 2)
        XCTAssertTrue(noFolder.stderr.contains("the folder \(path("missing")) doesn't exist"), noFolder.stderr)

        let badRate = try CLI.run(["test", Self.examples, "--min-pass", "1.5"], store: store)
        XCTAssertNotEqual(badRate.status, 0)
        XCTAssertTrue(badRate.stderr.contains("--min-pass must be a share from 0 to 1"), badRate.stderr)
    }
}
