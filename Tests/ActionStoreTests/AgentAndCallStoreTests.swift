import ActionModel
import Foundation
import XCTest

@testable import ActionStore
import StoreTestSupport

final class AgentAndCallStoreTests: XCTestCase {
    var folder: URL!
    var store: ActionStore!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-agents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try ActionStore.open(path: folder.appendingPathComponent("s.sqlite").path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        StoreBackend.cleanUp()
    }

    func testEveryStoreHasADefaultAgentThatUsesEveryAction() throws {
        try onEachBackend(in: folder) { store, location in
            let agent = try store.defaultAgent()
            XCTAssertTrue(agent.isDefault)
            XCTAssertTrue(agent.usesEveryAction)
            let action = try store.insert(Action(name: "Menu", configuration: .dtmf(.init(buttons: "1"))))
            XCTAssertEqual(try store.actions(for: agent).map(\.id), [action.id])
            XCTAssertThrowsError(try store.delete(agent: agent)) { error in
                XCTAssertTrue("\(error)".contains("can't be deleted"), "\(error)")
            }
        }
    }

    func testAgentsCreateEditDeleteWithUniqueNamesAndVersions() throws {
        try onEachBackend(in: folder) { store, location in
            let lead = try store.insert(Action(name: "Lead", configuration: .dtmf(.init(buttons: "1"))))
            var desk = try store.insert(Agent(name: "Front desk", greeting: "Acme, hello!", actionIDs: [lead.id]))
            XCTAssertEqual(try store.agent(reference: "front DESK").id, desk.id)
            XCTAssertEqual(try store.actions(for: desk).map(\.name), ["Lead"])
            XCTAssertThrowsError(try store.insert(Agent(name: "FRONT desk"))) { error in
                XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
            }
            let stale = desk
            desk.greeting = "Acme, good morning!"
            desk = try store.update(desk)
            XCTAssertEqual(desk.version, 2)
            XCTAssertThrowsError(try store.update(stale)) { error in
                XCTAssertEqual(error as? StoreError, .agentConflict(name: "Front desk", currentVersion: 2))
            }
            XCTAssertThrowsError(try store.delete(agent: stale), "a delete at an old version deletes nothing") { error in
                XCTAssertEqual(error as? StoreError, .agentConflict(name: "Front desk", currentVersion: 2))
            }
            XCTAssertEqual(try store.agent(reference: "Front desk").version, 2)
            try store.delete(agent: desk)
            XCTAssertThrowsError(try store.agent(reference: "Front desk"))
            XCTAssertNoThrow(try store.delete(agent: desk), "deleting what is already gone is not an error")
            XCTAssertEqual(try store.allAgents().count, 1)
        }
    }

    func testCallEventsAreKeptAsTheyHappen() throws {
        try onEachBackend(in: folder) { store, location in
            let agent = try store.defaultAgent()
            let call = CallRecord(agentID: agent.id, agentName: agent.name, origin: "headless")
            try store.startCall(call)
            try store.append([CallLogEntry(sequence: 1, time: Date(), type: "agent_said", text: "Hi!")], to: call.id)
            // A second handle (another process) sees the events before the call ends.
            let other = try StoreBackend.open(location, folder: folder)
            let (live, events) = try other.call(id: call.id)
            XCTAssertNil(live.endReason)
            XCTAssertEqual(events.map(\.text), ["Hi!"])

            let actionID = ActionID.generate()
            try store.append([CallLogEntry(sequence: 2, time: Date(), type: "request_sent", text: "POST http://127.0.0.1/x",
                                           actionID: actionID, data: ["status": 200, "result": ["ok": true]])], to: call.id)
            try store.endCall(call.id, reason: "completed")
            let summaries = try other.allCalls()
            XCTAssertEqual(summaries.first?.eventCount, 2)
            XCTAssertEqual(summaries.first?.actionIDs, [actionID])
            let (ended, all) = try other.call(id: call.id)
            XCTAssertEqual(ended.endReason, "completed")
            XCTAssertEqual(all.last?.data["result"], ["ok": true])
            XCTAssertEqual(all.last?.actionID, actionID)
        }
    }
}
