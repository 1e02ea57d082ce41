import ActionModel
import Screen
import XCTest

@testable import Console

/// The delivery log's keymap (`DeliveryLogPage.keys`): its hint bar and help
/// are its rows (with every page's `q` and `?`), and each key of a row runs
/// that row's command through the page's key handling.
final class DeliveryLogKeymapTests: XCTestCase {
    func logStates() -> [(String, ConsoleState)] {
        var log = WebhookFixtures.state()
        log.press(.character("l"))
        log.send(.deliveries(.loaded(.webhook(WebhookFixtures.crmSync.id), WebhookFixtures.log)))
        log.press(.down)
        var detail = log
        detail.press(.enter)
        detail.send(.deliveries(.opened(WebhookFixtures.log[1], WebhookFixtures.attempts)))
        XCTAssertNotNil(detail.webhooks.log?.detail)
        var readOnly = WebhookFixtures.state(readOnly: true)
        readOnly.press(.character("l"))
        readOnly.send(.deliveries(.loaded(.webhook(WebhookFixtures.crmSync.id), WebhookFixtures.log)))
        return [("log", log), ("open delivery", detail), ("read-only log", readOnly)]
    }

    func testTheHintBarIsTheRowsThenQuitAndHelp() {
        let expected: [String: [KeyHint]] = [
            "log": [KeyHint("↑↓", "move"), KeyHint("⏎", "attempts"), KeyHint("r", "re-send failed"), KeyHint("t", "test"),
                    KeyHint("Esc", "back"), KeyHint("q", "quit"), KeyHint("?", "help")],
            "open delivery": [KeyHint("↑↓ PgUp PgDn", "scroll"), KeyHint("r", "re-send failed"), KeyHint("Esc", "back to the log"),
                              KeyHint("q", "quit"), KeyHint("?", "help")],
            "read-only log": [KeyHint("↑↓", "move"), KeyHint("⏎", "attempts"), KeyHint("Esc", "back"), KeyHint("q", "quit"),
                              KeyHint("?", "help")],
        ]
        for (name, state) in logStates() {
            XCTAssertEqual(Keymap.hints(for: state), expected[name], name)
        }
    }

    func testEachKeyOfARowRunsItsCommand() {
        for (name, state) in logStates() {
            for row in DeliveryLogPage.keys where row.applies(state) {
                for pair in row.pairs {
                    XCTAssertEqual(DeliveryLogKey.command(for: pair.key, in: DeliveryLogPage.keys, state), pair.command,
                                   "\(name): \(pair.key.label) is in '\(row.label)'")
                    var byKey = state
                    let keyEffects = byKey.press(pair.key)
                    var byCommand = state
                    let commandEffects = DeliveryLogPage.run(pair.command, &byCommand)
                    XCTAssertEqual(keyEffects, commandEffects, "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.webhooks.log, byCommand.webhooks.log, "\(name): \(pair.key.label) did something else")
                    XCTAssertEqual(byKey.status?.text, byCommand.status?.text, "\(name): \(pair.key.label)")
                }
            }
        }
    }

    func testHelpListsTheRowsHelp() {
        let table = helpLines(DeliveryLogPage.keys)
        XCTAssertEqual(WebhooksPageRenderer.deliveryLogHelp.keys, table)
        XCTAssertEqual(WebhooksPageRenderer.deliveryLogHelp.title, "Delivery log")
    }
}
