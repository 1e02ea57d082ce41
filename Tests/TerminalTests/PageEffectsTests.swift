import ActionModel
import ActionStore
import Console
import Foundation
import XCTest
@testable import ConsoleRuntime

/// The Agents and Calls pages' effects and the demo offer, performed against a
/// real store in a temporary folder.
final class PageEffectsTests: XCTestCase {
    var directory: URL!
    var store: ActionStore!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("page-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    func perform(_ effect: ConsoleEffect) -> ConsoleMessage? {
        ConsoleRuntime.perform(effect, on: store)
    }

    func testAgentsLoadInsertUpdateDelete() throws {
        guard case let .agents(.loaded(initial))? = perform(.agents(.load)) else { return XCTFail() }
        XCTAssertEqual(initial.map(\.isDefault), [true], "every store has its default agent")

        guard case let .agents(.saved(saved))? = perform(.agents(.insert(Agent(name: "Front desk", greeting: "Hello")))) else { return XCTFail() }
        XCTAssertEqual(saved.version, 1)
        var changed = saved
        changed.greeting = "Acme, hello"
        guard case let .agents(.saved(updated))? = perform(.agents(.update(changed))) else { return XCTFail() }
        XCTAssertEqual(updated.version, 2)
        XCTAssertEqual(updated.greeting, "Acme, hello")

        XCTAssertEqual(perform(.agents(.delete(updated))), .agents(.deleted(saved.id)))
        guard case let .agents(.loaded(after))? = perform(.agents(.load)) else { return XCTFail() }
        XCTAssertEqual(after.count, 1)
    }

    func testAStaleAgentUpdateIsAConflictCarryingTheAgentAsStoredNow() throws {
        guard case let .agents(.saved(saved))? = perform(.agents(.insert(Agent(name: "Front desk")))) else { return XCTFail() }
        var theirs = saved
        theirs.greeting = "Theirs"
        let stored = try store.update(theirs)
        var mine = saved
        mine.greeting = "Mine"
        guard case let .agents(.failed(failure))? = perform(.agents(.update(mine))) else { return XCTFail() }
        guard case let .conflict(current?) = failure.reason else { return XCTFail("\(failure)") }
        XCTAssertEqual(current.version, stored.version, "read again after the conflict")
        XCTAssertEqual(current.greeting, "Theirs")
        XCTAssertEqual(failure.agentID, saved.id)

        guard case let .agents(.failed(staleDelete))? = perform(.agents(.delete(saved))) else { return XCTFail("a stale delete went through") }
        XCTAssertTrue(staleDelete.message.contains("changed elsewhere"), staleDelete.message)
        XCTAssertNotNil(try? store.agent(reference: saved.id.rawValue), "the agent is still there")

        try store.delete(agent: stored)
        guard case let .agents(.failed(gone))? = perform(.agents(.update(mine))) else { return XCTFail() }
        XCTAssertEqual(gone.reason, .conflict(current: nil), "deleted elsewhere")
    }

    func testAgentRulesComeBackAsMessages() throws {
        _ = perform(.agents(.insert(Agent(name: "Front desk"))))
        guard case let .agents(.failed(duplicate))? = perform(.agents(.insert(Agent(name: "FRONT DESK")))) else { return XCTFail() }
        XCTAssertEqual(duplicate.reason, .invalid)
        XCTAssertTrue(duplicate.message.contains("already exists"), duplicate.message)

        let defaultAgent = try store.defaultAgent()
        guard case let .agents(.failed(refused))? = perform(.agents(.delete(defaultAgent))) else { return XCTFail() }
        XCTAssertTrue(refused.message.contains("can't be deleted"), refused.message)

        let missing = Agent(name: "Uses a ghost", actionIDs: [ActionID.generate()])
        guard case let .agents(.failed(ghost))? = perform(.agents(.insert(missing))) else { return XCTFail() }
        XCTAssertEqual(ghost.reason, .notFound)
    }

    func testCallsListOpenAndExport() throws {
        XCTAssertEqual(perform(.calls(.load)), .calls(.loaded([])))
        let call = CallRecord(agentID: nil, agentName: "Front desk", startedAt: Date(timeIntervalSince1970: 1_767_225_600),
                              origin: "headless")
        try store.startCall(call)
        try store.append([
            CallLogEntry(sequence: 1, time: call.startedAt, type: "agent_said", text: "Hello"),
            CallLogEntry(sequence: 2, time: call.startedAt, type: "response", text: "200 in 5 ms", data: ["status": 200]),
        ], to: call.id)
        try store.endCall(call.id, reason: "completed", at: call.startedAt.addingTimeInterval(12))

        guard case let .calls(.loaded(entries))? = perform(.calls(.load)) else { return XCTFail() }
        XCTAssertEqual(entries.map(\.call.id), [call.id])
        XCTAssertEqual(entries.first?.eventCount, 2)
        XCTAssertEqual(entries.first?.outcome, .answered(status: 200), "the Outcome column: the last response")
        guard case let .calls(.opened(record, events))? = perform(.calls(.open(call.id))) else { return XCTFail() }
        XCTAssertEqual(record.endReason, "completed")
        XCTAssertEqual(events.map(\.type), ["agent_said", "response"])

        // Relative to the current folder the runtime is given, like `./file`.
        let message = ConsoleRuntime.performCallsEffect(.export(call.id, path: "calls/one.json", replacing: false), on: store,
                                                        currentDirectory: directory.path)
        guard case let .failed(_, noFolder) = message else { return XCTFail("\(String(describing: message))") }
        XCTAssertTrue(noFolder.contains("does not exist"), noFolder)

        try FileManager.default.createDirectory(at: directory.appendingPathComponent("calls"), withIntermediateDirectories: true)
        let written = directory.appendingPathComponent("calls/one.json").standardizedFileURL.path
        XCTAssertEqual(ConsoleRuntime.performCallsEffect(.export(call.id, path: "calls/one.json", replacing: false), on: store,
                                                        currentDirectory: directory.path),
                       .exported(call.id, path: written))
        let text = try String(contentsOfFile: written, encoding: .utf8)
        XCTAssertEqual(try JSONValue(parsing: text), CallDocument.json(record, events: events), "the `calls show --json` form")

        // An existing file is kept unless replacing was asked for.
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: written))
        XCTAssertEqual(ConsoleRuntime.performCallsEffect(.export(call.id, path: "calls/one.json", replacing: false), on: store,
                                                        currentDirectory: directory.path),
                       .exportWouldReplace(call.id, path: "calls/one.json"))
        XCTAssertEqual(try String(contentsOfFile: written, encoding: .utf8), "keep me", "nothing was written")
        XCTAssertEqual(ConsoleRuntime.performCallsEffect(.export(call.id, path: "calls/one.json", replacing: true), on: store,
                                                        currentDirectory: directory.path),
                       .exported(call.id, path: written))
        XCTAssertEqual(try JSONValue(parsing: String(contentsOfFile: written, encoding: .utf8)), CallDocument.json(record, events: events))
    }

    func testOpeningOrExportingAMissingCallSaysSo() {
        let id = CallID.generate()
        guard case let .calls(.failed(failedID, message))? = perform(.calls(.open(id))) else { return XCTFail() }
        XCTAssertEqual(failedID, id)
        XCTAssertTrue(message.contains(id.rawValue), message)
        guard case .calls(.failed)? = perform(.calls(.export(id, path: directory.appendingPathComponent("x.json").path, replacing: false))) else { return XCTFail() }
    }

    func testTheDemoWorkspaceLoadsIntoAnEmptyStore() throws {
        // 6 Fluents actions, one per other platform (4), 2 phone behaviours.
        XCTAssertEqual(ConsoleRuntime.demoOffer.actionCount, 12)
        guard case let .store(.demoWorkspaceLoaded(added, agentName))? = perform(.store(.loadDemoWorkspace)) else { return XCTFail() }
        XCTAssertEqual(added, 12)
        XCTAssertEqual(agentName, "Demo front desk")
        XCTAssertEqual(try store.allSummaries().count, 12)
        XCTAssertEqual(try store.agent(reference: "Demo front desk").actionIDs?.count, 12)
    }

    func testAReadOnlyStoreRefusesAgentChangesAndTheDemo() throws {
        let path = directory.appendingPathComponent("s.sqlite").path
        let readOnly = try ActionStore.open(path: path, readOnly: true)
        guard case let .agents(.failed(failure))? = ConsoleRuntime.perform(.agents(.insert(Agent(name: "X"))), on: readOnly) else { return XCTFail() }
        XCTAssertEqual(failure.reason, .readOnly)
        guard case .store(.failed)? = ConsoleRuntime.perform(.store(.loadDemoWorkspace), on: readOnly) else { return XCTFail() }
        guard case .agents(.loaded)? = ConsoleRuntime.perform(.agents(.load), on: readOnly) else { return XCTFail() }
    }
}
