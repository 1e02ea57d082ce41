import ActionModel
import Foundation
import GRDB
import XCTest

@testable import ActionStore
import StoreTestSupport

final class ModelStoreTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        StoreBackend.cleanUp()
    }

    var path: String { folder.appendingPathComponent("store.sqlite").path }

    let gpt = ModelRecord(name: "gpt-4o-mini", baseURL: "https://api.openai.com/v1", modelID: "gpt-4o-mini", apiKey: "{{secret.OPENAI_API_KEY}}",
                          headers: [HTTPHeader(name: "OpenAI-Organization", value: "{{env.ORG}}")], query: [HTTPHeader(name: "api-version", value: "2024-06-01")],
                          temperature: 0.2, maxTokens: 256, timeoutSeconds: 20, createdAt: Date(timeIntervalSince1970: 1_765_000_000))

    func testAStoreFromBeforeV6GetsModelsAndItsAgentsKeepTheRuleBasedEngine() throws {
        let pool = try DatabasePool(path: path)
        try StoreMigrations.migrator.migrate(pool, upTo: "v5-action-platform")
        try pool.close()
        let store = try ActionStore.open(path: path)
        XCTAssertNil(try store.defaultAgent().model)
        XCTAssertEqual(try store.defaultAgent().engineName, "rules")
        XCTAssertEqual(try store.allModels(), [])
    }

    func testInsertReadUpdateWithVersionsAndNamesAnyCase() throws {
        try onEachBackend(in: folder) { store, location in
        let stored = try store.insert(self.gpt)
        XCTAssertEqual(try store.model(named: "GPT-4O-MINI"), stored)
        XCTAssertThrowsError(try store.insert(self.gpt)) { XCTAssertTrue("\($0)".contains("already exists"), "\($0)") }
        var changed = stored
        changed.temperature = nil
        let saved = try store.update(changed)
        XCTAssertEqual(saved.version, 2)
        XCTAssertNil(try store.model(named: "gpt-4o-mini").temperature)
        XCTAssertThrowsError(try store.update(changed)) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("changed since it was read") == true, "\(error)")
        }
        XCTAssertEqual(try StoreBackend.open(location, folder: self.folder).model(named: "gpt-4o-mini").headers, self.gpt.headers)
        }
    }

    func testAKeyIsOnlyEverASecretReference() throws {
        let store = try ActionStore.open(path: path)
        for key in ["sk-live-abcdef", "Bearer {{secret.K}}", "{{env.KEY}}", "{{secret.A}}{{secret.B}}"] {
            var record = gpt
            record.apiKey = key
            XCTAssertThrowsError(try store.insert(record), key) { error in
                XCTAssertTrue((error as? StoreError)?.message.contains("{{secret.NAME}}") == true, "\(error)")
            }
        }
        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: path + suffix) ?? Data()
            XCTAssertNil(bytes.range(of: Data("sk-live-abcdef".utf8)), "a refused key reached \(path + suffix)")
        }
    }

    func testAgentsNameTheirModelAndRenamingCarriesThemAndDeletingInUseIsRefused() throws {
        try onEachBackend(in: folder) { store, _ in
        try store.insert(self.gpt)
        var agent = try store.insert(Agent(name: "Front desk", model: "gpt-4o-mini"))
        XCTAssertEqual(try store.agent(reference: "Front desk").model, "gpt-4o-mini")
        agent.model = "claude"
        XCTAssertThrowsError(try store.update(agent)) { XCTAssertTrue("\($0)".contains("model 'claude'"), "\($0)") }

        var renamed = try store.model(named: "gpt-4o-mini")
        renamed.name = "mini"
        try store.update(renamed, previousName: "gpt-4o-mini")
        XCTAssertEqual(try store.agent(reference: "Front desk").model, "mini")
        XCTAssertThrowsError(try store.delete(model: "mini")) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("'Front desk'") == true, "\(error)")
        }
        var current = try store.agent(reference: "Front desk")
        current.model = nil
        try store.update(current)
        try store.delete(model: "MINI")
        XCTAssertEqual(try store.allModels(), [])
        }
    }
}
