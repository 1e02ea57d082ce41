import ActionStore
import Console
import XCTest

@testable import ConsoleRuntime

/// Which lists a change made elsewhere reloads (the notification names tables).
final class LiveStoreUpdatesTests: XCTestCase {
    func testEachChangedTableReloadsTheListsShowingIt() {
        XCTAssertEqual(LiveStoreUpdates.reloads(for: ["action"]).effects, [.actions(.load)])
        XCTAssertEqual(LiveStoreUpdates.reloads(for: ["agent", "call"]).effects, [.agents(.load), .models(.load), .calls(.load)],
                       "the Models page counts each model's agents")
        XCTAssertEqual(LiveStoreUpdates.reloads(for: ["model"]).effects, [.models(.load)])
        XCTAssertEqual(LiveStoreUpdates.reloads(for: ["setting"]).effects, [.secrets(.load)], "the active environment")
        XCTAssertEqual(LiveStoreUpdates.reloads(for: ["environment_variable", "secret"]).effects, [.secrets(.load)])
        let delivery = LiveStoreUpdates.reloads(for: ["webhook_delivery"])
        XCTAssertEqual(delivery.effects, [.webhooks(.load)], "the pending and failed counts")
        XCTAssertTrue(delivery.deliveries, "open delivery logs reload too")
        XCTAssertFalse(LiveStoreUpdates.reloads(for: ["webhook"]).deliveries)
        XCTAssertEqual(LiveStoreUpdates.reloads(for: []).effects, [])
        // After a reconnect every table counts as changed: every list reloads.
        let all = LiveStoreUpdates.reloads(for: ActionStore.notifiedTables)
        XCTAssertEqual(all.effects, [.actions(.load), .agents(.load), .models(.load), .calls(.load), .secrets(.load), .webhooks(.load)])
        XCTAssertTrue(all.deliveries)
    }
}
