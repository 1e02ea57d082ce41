import Foundation
import XCTest

@testable import ActionModel

/// Runs the official JSON Schema test suite (draft 2020-12) from the shared
/// corpora: every case whose schema uses only keywords we support.
final class JSONSchemaSuiteTests: XCTestCase {
    /// Top-level files run with `format` as an annotation (the 2020-12 default).
    /// These files from optional/format run with format assertion on.
    static let assertedFormatFiles = ["email", "date", "time", "date-time", "uri"]
    /// Fewer tests than this means the corpus or the selection broke.
    static let minimumTestCount = 700

    /// `SWITCHBOARD_CORPORA` if set, else `../shared/corpora` beside the package root.
    static func suiteFolder() -> URL {
        let corpora: URL
        if let override = ProcessInfo.processInfo.environment["SWITCHBOARD_CORPORA"], !override.isEmpty {
            corpora = URL(fileURLWithPath: override, isDirectory: true)
        } else {
            // …/<package>/Tests/ActionModelTests/JSONSchemaSuiteTests.swift → <package>
            let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            corpora = packageRoot.appendingPathComponent("../shared/corpora", isDirectory: true)
        }
        return corpora.appendingPathComponent("json-schema-test-suite/draft2020-12", isDirectory: true).standardizedFileURL
    }

    struct Failure: CustomStringConvertible {
        var file: String
        var caseDescription: String
        var testDescription: String
        var detail: String
        var description: String { "\(file) › \(caseDescription) › \(testDescription): \(detail)" }
    }

    func testSuite() throws {
        let folder = Self.suiteFolder()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XCTSkip("JSON Schema test suite not found at \(folder.path); copy shared/corpora beside the package or set SWITCHBOARD_CORPORA")
        }

        var files: [(url: URL, name: String, assertFormats: Bool)] = []
        let topLevel = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        for name in topLevel { files.append((folder.appendingPathComponent(name), name, false)) }
        for format in Self.assertedFormatFiles {
            let name = "optional/format/\(format).json"
            files.append((folder.appendingPathComponent(name), name, true))
        }

        var passed = 0, run = 0, skippedCases = 0
        var failures: [Failure] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file.url))
            let document = try JSONValue(parsing: bytes)
            let cases = try XCTUnwrap(document.arrayValue, "\(file.name) is not an array of cases")
            for testCase in cases {
                let caseDescription = testCase.value(atPath: "description")?.stringValue ?? "?"
                let schema = try XCTUnwrap(testCase.value(atPath: "schema"), "\(file.name) › \(caseDescription) has no schema")
                if !SchemaValidator.unsupportedKeywords(in: schema).isEmpty {
                    skippedCases += 1
                    continue
                }
                for test in testCase.value(atPath: "tests")?.arrayValue ?? [] {
                    let testDescription = test.value(atPath: "description")?.stringValue ?? "?"
                    let data = test.value(atPath: "data") ?? .null
                    let expected = test.value(atPath: "valid")?.boolValue ?? false
                    let issues = SchemaValidator.validate(data, against: schema, assertFormats: file.assertFormats)
                    run += 1
                    if issues.isEmpty == expected {
                        passed += 1
                    } else {
                        let detail = expected
                            ? "expected valid, got: " + issues.map(\.description).joined(separator: "; ")
                            : "expected invalid, got no issue for \(data.compactText)"
                        failures.append(Failure(file: file.name, caseDescription: caseDescription, testDescription: testDescription, detail: detail))
                    }
                }
            }
        }

        print("JSON Schema suite: \(passed) of \(run) tests passed in \(files.count) files, \(skippedCases) cases skipped for unsupported keywords")
        XCTAssertGreaterThanOrEqual(run, Self.minimumTestCount, "too few suite tests ran; is the corpus complete?")
        XCTAssert(failures.isEmpty, "\(failures.count) suite tests failed:\n" + failures.map { "  " + $0.description }.joined(separator: "\n"))
    }
}
