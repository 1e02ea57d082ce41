import ActionModel
import ActionStore
import CallSimulation
import Console
import Foundation
import SampleBackend
import StoreTestSupport
import XCTest
@testable import ConsoleRuntime

/// The Models page's effects against a real store on every backend, and its
/// `t` check against the scripted model SampleBackend serves and a server on
/// 127.0.0.1 that refuses the key.
final class ModelEffectsTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("model-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        StoreBackend.cleanUp()
        try? FileManager.default.removeItem(at: directory)
    }

    func onEachBackend(_ body: (ActionStore) throws -> Void) throws {
        for backend in StoreBackend.available {
            let (store, _) = try backend.makeStore(in: directory, name: backend.rawValue)
            do { try body(store) } catch { throw StoreError.rejected("on the \(backend) store: \(error)") }
        }
    }

    func testLoadInsertRenameAndDeleteWithTheAgentsThatUseIt() throws {
        try onEachBackend { store in
            func perform(_ effect: ModelsEffect) -> ConsoleMessage? { ConsoleRuntime.perform(.models(effect), on: store) }
            XCTAssertEqual(perform(.load), .models(.loaded([])))
            let record = ModelRecord(name: "local", baseURL: "http://127.0.0.1:11434/v1", modelID: "llama3.1")
            guard case let .models(.saved(saved, nil))? = perform(.insert(record)) else { return XCTFail("not inserted") }
            XCTAssertEqual(saved.version, 1)
            try store.insert(Agent(name: "Desk", model: "local"))
            guard case let .models(.loaded(entries))? = perform(.load) else { return XCTFail("not loaded") }
            XCTAssertEqual(entries.map(\.model.name), ["local"])
            XCTAssertEqual(entries.map(\.agentNames), [["Desk"]])

            var renamed = saved
            renamed.name = "ollama"
            guard case let .models(.saved(stored, previous))? = perform(.update(renamed, previousName: "local")) else {
                return XCTFail("not renamed")
            }
            XCTAssertEqual(previous, "local")
            XCTAssertEqual(stored.version, 2)
            XCTAssertEqual(try store.allAgents().first { $0.name == "Desk" }?.model, "ollama", "its agent followed")

            guard case let .models(.failed(refused))? = perform(.delete(stored)) else { return XCTFail("deleted while used") }
            XCTAssertTrue(refused.message.contains("'Desk'") && refused.message.contains("--model rules"), refused.message)
            let desk = try XCTUnwrap(store.allAgents().first { $0.name == "Desk" })
            var rulesDesk = desk
            rulesDesk.model = nil
            try store.update(rulesDesk)
            XCTAssertEqual(perform(.delete(stored)), .models(.deleted(name: "ollama")))

            guard case let .models(.failed(literal))? = perform(.insert(ModelRecord(name: "k", baseURL: "https://x.example.com/v1",
                                                                                     modelID: "m", apiKey: "sk-live")))
            else { return XCTFail("a literal key was stored") }
            XCTAssertEqual(literal.reason, .invalid)
            XCTAssertTrue(literal.message.contains("{{secret.NAME}}"), literal.message)
        }
    }

    /// A stale update comes back as the conflict every record form asks about:
    /// with the model as stored now, or nil when it was deleted.
    func testAStaleUpdateIsAConflictCarryingTheModelAsStoredNow() throws {
        try onEachBackend { store in
            let read = try store.insert(ModelRecord(name: "gpt", baseURL: "https://api.openai.com/v1", modelID: "gpt-4o-mini"))
            var theirs = read
            theirs.temperature = 0.5
            let stored = try store.update(theirs)
            var mine = read
            mine.maxTokens = 99
            guard case let .models(.failed(failure))? = ConsoleRuntime.perform(.models(.update(mine, previousName: "gpt")), on: store)
            else { return XCTFail("a stale update went through") }
            guard case let .conflict(current?) = failure.reason else { return XCTFail("\(failure)") }
            XCTAssertEqual(current.version, stored.version, "read again after the refusal")
            XCTAssertEqual(current.temperature, 0.5)
            XCTAssertEqual(failure.recordID, "gpt")

            try store.delete(model: "gpt")
            guard case let .models(.failed(gone))? = ConsoleRuntime.perform(.models(.update(mine, previousName: "gpt")), on: store)
            else { return XCTFail("an update of a deleted model went through") }
            XCTAssertEqual(gone.reason, .conflict(current: nil))
        }
    }

    func testTheCheckAgainstTheScriptedModel() async throws {
        let backend = try await SampleBackend.start()
        let store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
        let record = ModelRecord(name: "scripted", baseURL: backend.baseURL + "/v1", modelID: ScriptedModel.modelID)
        let message = await ConsoleRuntime.performModelTest(record, on: store)
        await backend.stop()
        guard case let .models(.tested(result)) = message else { return XCTFail("\(message)") }
        XCTAssertTrue(result.succeeded, result.headline)
        XCTAssertTrue(result.headline.hasPrefix("✓ scripted: POST \(backend.baseURL)/v1/chat/completions answered in "), result.headline)
        XCTAssertEqual(result.details.first, "model: \(ScriptedModel.modelID)")
    }

    /// A 401 names the key's secret and `models test`, as the command line does.
    func testTheCheckAgainstAServerThatRefusesTheKey() async throws {
        let refusing = try await SampleBackend.startRecorder { _ in (401, #"{"error":{"message":"Incorrect API key provided"}}"#) }
        let store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
        _ = ConsoleRuntime.perform(.secrets(.setValue(name: "FAKE_KEY", environment: nil, value: SecretText("fk-123456789"))), on: store)
        let record = ModelRecord(name: "refused", baseURL: refusing.baseURL + "/v1", modelID: "m", apiKey: "{{secret.FAKE_KEY}}")
        let message = await ConsoleRuntime.performModelTest(record, on: store)
        let sent = await refusing.recorder.last
        await refusing.stop()
        guard case let .models(.tested(result)) = message else { return XCTFail("\(message)") }
        XCTAssertFalse(result.succeeded)
        XCTAssertTrue(result.headline.contains("HTTP 401") && result.headline.contains("{{secret.FAKE_KEY}}")
                      && result.headline.contains("switchboard models test refused"), result.headline)
        XCTAssertFalse(result.headline.contains("fk-123456789"), "the key never shows")
        XCTAssertEqual(sent?.header("Authorization"), "Bearer fk-123456789", "it was filled in on the wire")

        // An undefined secret: nothing is sent, and the message says how to define it.
        let missing = ModelRecord(name: "nokey", baseURL: refusing.baseURL + "/v1", modelID: "m", apiKey: "{{secret.MISSING}}")
        guard case let .models(.tested(notSent)) = await ConsoleRuntime.performModelTest(missing, on: store) else { return XCTFail() }
        XCTAssertTrue(notSent.headline.hasPrefix("model 'nokey' not tested:") && notSent.headline.contains("switchboard secrets set MISSING"),
                      notSent.headline)
    }

    func testLiveUpdatesReloadTheModelsWhenTheModelOrAgentTableChanges() {
        XCTAssertTrue(ActionStore.notifiedTables.contains("model"), "a reconnect reloads the models too")
        XCTAssertTrue(LiveStoreUpdates.reloads(for: ["model"]).effects.contains(.models(.load)))
        XCTAssertTrue(LiveStoreUpdates.reloads(for: ["agent"]).effects.contains(.models(.load)), "the Used by column counts agents")
        XCTAssertFalse(LiveStoreUpdates.reloads(for: ["action"]).effects.contains(.models(.load)))
    }
}
