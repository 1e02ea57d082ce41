import Foundation
import XCTest

/// `scripts/key-places.py` counts where the console's keys are written
/// (issue 12: "no key is written twice"). It must read every keymap table,
/// the forms' tables built in their `keys` closures under a typealias too.
final class KeyPlacesScriptTests: XCTestCase {
    func testEveryFormsRowsAreCountedAndNoKeyIsWrittenTwice() throws {
        let output = try keyPlaces("--files")
        let rows = output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for form in ["Agents/AgentForm.swift", "Webhooks/WebhookForm.swift", "Models/ModelForm.swift", "Secrets/SecretsForm.swift",
                     "Editor/EditorKeys.swift"] {
            guard let counts = rows.first(where: { $0.first == form }), counts.count == 4 else {
                XCTFail("\(form) is not counted:\n\(output)")
                continue
            }
            XCTAssertGreaterThan(Int(counts[1]) ?? 0, 0, "\(form): its rows' keys")
            XCTAssertEqual(counts[3], "0", "\(form): a key in hand-written hint or help text")
        }
        XCTAssertTrue(output.contains("keys written twice (hand-written hint/help and behaviour, per folder): 0"), output)
    }

    /// The script's output, run on this checkout.
    private func keyPlaces(_ arguments: String...) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/key-places.py").path] + arguments + [root.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { throw XCTSkip("python3 is needed to run scripts/key-places.py: \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if process.terminationStatus == 127 { throw XCTSkip("python3 is needed to run scripts/key-places.py") }
        XCTAssertEqual(process.terminationStatus, 0, output)
        return output
    }
}
