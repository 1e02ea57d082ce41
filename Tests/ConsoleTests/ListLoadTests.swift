import ActionModel
import XCTest

@testable import Console

/// Which messages are a whole list read from the store (the runtime hands
/// memory back after one): each domain says so of its own messages.
final class ListLoadTests: XCTestCase {
    func testThePagesListLoadsAreListLoadsAndNothingElseIs() {
        let loads: [ConsoleMessage] = [.actions(.loaded(ActionList([]))), .agents(.loaded([])), .calls(.loaded([])),
                                       .secrets(.loaded(SecretsFixtures.overview))]
        for message in loads { XCTAssertTrue(message.isListLoad, "\(message)") }
        // Lists read again as deliveries go out, the models read with the agents, and everything else.
        let others: [ConsoleMessage] = [.webhooks(.loaded([], definedSecrets: [])), .deliveries(.loaded(.webhook(WebhookID.generate()), [])),
                                        .models(.loaded([])), .agents(.deleted(AgentID.generate())), .store(.reachable), .tick,
                                        .input(.key(.enter))]
        for message in others { XCTAssertFalse(message.isListLoad, "\(message)") }
    }
}
