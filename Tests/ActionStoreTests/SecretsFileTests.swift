import ActionModel
import Foundation
import XCTest

@testable import ActionStore

final class SecretsFileTests: XCTestCase {
    var folder: URL!
    var file: SecretsFile!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-secrets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        file = SecretsFile(storePath: folder.appendingPathComponent("switchboard.sqlite").path)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    func testTheFileSitsBesideTheStore() {
        XCTAssertEqual(SecretsFile.path(forStore: "/data/switchboard.sqlite"), "/data/switchboard.secrets.json")
        XCTAssertEqual(SecretsFile.path(forStore: "/data/store"), "/data/store.secrets.json")
        XCTAssertEqual(file.path, folder.appendingPathComponent("switchboard.secrets.json").path)
    }

    func testAMissingFileHasNoValues() throws {
        XCTAssertEqual(try file.load(), SecretValues())
    }

    func testItIsCreatedAs0600EvenWithAPermissiveUmask() throws {
        let previous = umask(0)
        defer { umask(previous) }
        try file.update { $0.set("API_KEY", to: "value-1", environment: nil) }
        XCTAssertEqual(try mode(file.path), 0o600)
        XCTAssertEqual(try mode(file.path + ".lock"), 0o600)
        try file.update { $0.set("API_KEY", to: "value-2", environment: "dev") }
        XCTAssertEqual(try mode(file.path), 0o600, "a rewrite stays private")
        let loaded = try file.load()
        XCTAssertEqual(loaded.value(of: "API_KEY", environment: nil), "value-1")
        XCTAssertEqual(loaded.value(of: "API_KEY", environment: "DEV"), "value-2")
        XCTAssertEqual(loaded.value(of: "API_KEY", environment: "prod"), "value-1")
        XCTAssertEqual(loaded.environments(having: "API_KEY"), ["dev"])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])
    }

    func testAWiderModeIsRefusedNamingTheFix() throws {
        try file.update { $0.set("API_KEY", to: "value-1", environment: nil) }
        for wider in [0o644, 0o640, 0o604, 0o660] {
            chmod(file.path, mode_t(wider))
            XCTAssertThrowsError(try file.load()) { error in
                let message = (error as! SecretsFileError).message
                XCTAssertEqual(message, "\(file.path) is readable by others (mode 0\(String(wider, radix: 8))); run `chmod 600 \(file.path)` and try again")
                XCTAssertFalse(message.contains("value-1"))
            }
            XCTAssertThrowsError(try file.update { $0.set("B", to: "x", environment: nil) }, "nothing is written through a refused file")
        }
        chmod(file.path, 0o600)
        XCTAssertEqual(try file.load().defaults, ["API_KEY": "value-1"])
        chmod(file.path, 0o400)
        XCTAssertEqual(try file.load().defaults, ["API_KEY": "value-1"], "owner-only read is fine")
    }

    func testDamagedFilesAreRefusedWithoutEchoingThem() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data("{\"default\": {\"A\": 42}} value-xyz".utf8), attributes: [.posixPermissions: 0o600]))
        XCTAssertThrowsError(try file.load()) { error in
            XCTAssertFalse("\(error)".contains("value-xyz"), "\(error)")
            XCTAssertTrue("\(error)".contains("not valid JSON"), "\(error)")
        }
    }

    func testRemovingValues() throws {
        try file.update { values in
            values.set("A", to: "1", environment: nil)
            values.set("A", to: "2", environment: "dev")
            values.set("B", to: "3", environment: "dev")
        }
        try file.update { $0.remove("A", environment: nil) }
        XCTAssertEqual(try file.load(), SecretValues(byEnvironment: ["dev": ["B": "3"]]))
        try file.update { $0.removeEnvironment("DEV") }
        XCTAssertEqual(try file.load(), SecretValues())
    }
}
