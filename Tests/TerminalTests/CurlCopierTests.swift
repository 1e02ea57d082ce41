import ActionModel
import CallSimulation
import Console
import Foundation
import XCTest
@testable import ConsoleRuntime

final class CurlCopierTests: XCTestCase {
    func testTheFileHasTheClearCommandOnlyForItsOwnerAndTheScreenGetsItMasked() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString).sh").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let exchange = HTTPExchange(url: "https://api.example.com/leads",
                                    requestHeaders: [HTTPHeader(name: "Authorization", value: "Bearer sk_live_9")],
                                    requestBody: Array(#"{"a":1}"#.utf8))
        let copy = CurlCopier.copy(exchange, masker: .standard, terminal: nil, path: path)
        XCTAssertEqual(copy.path, path)
        XCTAssertNil(copy.problem)
        XCTAssertFalse(copy.sentToClipboard, "no terminal, no OSC 52")
        XCTAssertFalse(copy.shown.contains("sk_live_9"), copy.shown)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(written.contains("-H 'Authorization: Bearer sk_live_9'"), written)
        let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)
        XCTAssertEqual(mode.intValue & 0o777, 0o600)

        let unwritable = CurlCopier.copy(exchange, masker: .standard, terminal: nil, path: "/nonexistent-dir/x.sh")
        XCTAssertNil(unwritable.path)
        XCTAssertNotNil(unwritable.problem)
    }
}
