import ActionModel
import ActionStore
import Foundation
import StoreTestSupport
import XCTest

/// Live updates on a team store: a handle hears what other handles (other
/// processes) write, and not its own writes, whose results its caller has already.
final class StoreChangesTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        guard StoreBackend.postgresServer != nil else {
            throw XCTSkip("SWITCHBOARD_TEST_POSTGRES is not set (eval \"$(scripts/test-postgres.sh start)\" starts a server and sets it)")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-changes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
        StoreBackend.cleanUp()
    }

    func testAHandleHearsOtherHandlesWritesButNotItsOwn() throws {
        let (mine, location) = try StoreBackend.postgres.makeStore(in: folder)
        let theirs = try StoreBackend.open(location, folder: folder)
        let heard = HeardTables()
        let subscription = try XCTUnwrap(mine.subscribeToChanges { change in
            if case let .changed(tables) = change { heard.add(tables) }
        })
        defer { subscription.cancel() }

        // Until the subscription listens, the other handle's writes go unheard: write until one is.
        var environments = 0
        while !heard.contains("environment"), environments < 100 {
            environments += 1
            _ = try theirs.createEnvironment(named: "warmup\(environments)")
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard heard.contains("environment") else { return XCTFail("no change heard from the other handle within 10 s") }

        // Notifications arrive in commit order: had this handle's own agent
        // been reported, it would come before the other handle's action.
        _ = try mine.insert(Agent(name: "Mine"))
        _ = try theirs.insert(Action(name: "Theirs", configuration: .dtmf(.init(buttons: "1"))))
        XCTAssertTrue(heard.wait(for: "action", timeout: 10), "the other handle's action was not heard")
        XCTAssertFalse(heard.contains("agent"), "this handle's own write was reported: \(heard.all)")
    }
}

/// Tables heard so far (written by the listening thread).
private final class HeardTables: @unchecked Sendable {
    private let condition = NSCondition()
    private var tables: Set<String> = []

    func add(_ changed: Set<String>) {
        condition.lock()
        tables.formUnion(changed)
        condition.broadcast()
        condition.unlock()
    }

    func contains(_ table: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return tables.contains(table)
    }

    var all: Set<String> {
        condition.lock()
        defer { condition.unlock() }
        return tables
    }

    func wait(for table: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !tables.contains(table) {
            if !condition.wait(until: deadline) { return tables.contains(table) }
        }
        return true
    }
}
