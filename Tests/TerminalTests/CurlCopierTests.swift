import ActionModel
import CallSimulation
import Console
import Foundation
import XCTest
@testable import ConsoleRuntime

final class CurlCopierTests: XCTestCase {
    func testTheFileIsOnlyForItsOwnerHasPlaceholdersUnlessAskedAndTheScreenGetsItMasked() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString).sh").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let exchange = HTTPExchange(url: "https://api.example.com/leads",
                                    requestHeaders: [HTTPHeader(name: "Authorization", value: "Bearer sk_live_9"),
                                                     HTTPHeader(name: "X-Api-Token", value: "{{secret.TOKEN}}")],
                                    requestBody: Array(#"{"a":1}"#.utf8))
        let templates = TemplateContext(secrets: ["TOKEN": "tok_planted_42"])
        let placeholders = CurlCopier.copy(exchange, includeSecrets: false, templates: templates, masker: .standard, terminal: nil, path: path)
        XCTAssertFalse(placeholders.includesSecrets)
        let withPlaceholders = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(withPlaceholders.contains("-H 'X-Api-Token: {{secret.TOKEN}}'"), withPlaceholders)
        XCTAssertFalse(withPlaceholders.contains("tok_planted_42"), withPlaceholders)

        let copy = CurlCopier.copy(exchange, includeSecrets: true, templates: templates, masker: .standard, terminal: nil, path: path)
        XCTAssertTrue(copy.includesSecrets)
        XCTAssertFalse(copy.shown.contains("tok_planted_42"), copy.shown)
        XCTAssertEqual(copy.path, path)
        XCTAssertNil(copy.problem)
        XCTAssertFalse(copy.sentToClipboard, "no terminal, no OSC 52")
        XCTAssertFalse(copy.shown.contains("sk_live_9"), copy.shown)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(written.contains("-H 'Authorization: Bearer sk_live_9'"), written)
        XCTAssertTrue(written.contains("-H 'X-Api-Token: tok_planted_42'"), written)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue & 0o777, 0o600)

        let unwritable = CurlCopier.copy(exchange, includeSecrets: false, templates: templates, masker: .standard, terminal: nil,
                                         path: "/nonexistent-dir/x.sh")
        XCTAssertNil(unwritable.path)
        XCTAssertNotNil(unwritable.problem)
    }
}
