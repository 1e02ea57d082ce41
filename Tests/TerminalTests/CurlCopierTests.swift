import ActionModel
import CallSimulation
import Console
import Foundation
import XCTest
@testable import ConsoleRuntime

final class CurlCopierTests: XCTestCase {
    func testTheFileIsOnlyForItsOwnerHasPlaceholdersUnlessAskedAndTheScreenGetsItMasked() throws {
        // A folder of its own: the copier makes the file's folder private, and
        // $TMPDIR itself may be a folder others share (/var/tmp).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)").path
        let path = folder + "/last-request.curl.sh"
        defer { try? FileManager.default.removeItem(atPath: folder) }
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
                                         path: "/nonexistent-dir-\(UUID().uuidString)/deeper/x.sh")
        XCTAssertNil(unwritable.path)
        XCTAssertNotNil(unwritable.problem)
    }

    /// The file is private from its first byte, in a private folder, whatever the
    /// umask, and a file or link planted at its path is replaced, not followed.
    func testTheFileIsCreatedPrivateInAPrivateFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/last-request.curl.sh"
        let previous = umask(0)
        defer { umask(previous) }
        func mode(_ path: String) -> mode_t {
            var info = stat()
            XCTAssertEqual(lstat(path, &info), 0, path)
            return info.st_mode & 0o777
        }

        try CurlCopier.preparePrivateFolder(folder)
        XCTAssertEqual(mode(folder), 0o700)
        // Another user's planted file with open permissions is replaced by a new, private one.
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o666]))
        let descriptor = try CurlCopier.createPrivateFile(path)
        XCTAssertEqual(mode(path), 0o600, "private before a byte is written")
        close(descriptor)

        // A symbolic link at the path is not followed.
        let target = folder + "/target"
        XCTAssertTrue(FileManager.default.createFile(atPath: target, contents: Data("keep".utf8)))
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        try CurlCopier.write("curl -H 'Authorization: Bearer sk_live_9'\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep")
        XCTAssertEqual(mode(path), 0o600)

        // An open folder is closed again; a link in its place is refused.
        chmod(folder, 0o755)
        try CurlCopier.write("x", to: path)
        XCTAssertEqual(mode(folder), 0o700)
        let linked = folder + "-link"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: folder)
        defer { try? FileManager.default.removeItem(atPath: linked) }
        XCTAssertThrowsError(try CurlCopier.write("x", to: linked + "/f.sh")) { error in
            XCTAssertTrue("\(error)".contains("is not a folder of yours"), "\(error)")
        }

        CurlCopier.removeFile(at: path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertTrue(CurlCopier.defaultPath.hasSuffix("/switchboard-\(getuid())/last-request.curl.sh"), CurlCopier.defaultPath)
    }
}
