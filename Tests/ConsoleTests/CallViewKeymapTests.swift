import ActionModel
import Screen
import XCTest

@testable import Console

/// The open call's and the export question's keymap (`CallsPage.viewKeys`):
/// hint bar, help and the export dialog's choices come from the rows, and
/// each key of a row runs that row's command through the page's handling.
final class CallViewKeymapTests: XCTestCase {
    func viewStates() -> [(String, ConsoleState)] {
        var plain = PageFixtures.state()
        plain.press(.function(4))
        plain.send(.calls(.loaded(PageFixtures.calls)))
        plain.press(.enter)
        plain.send(.calls(.opened(PageFixtures.ticketCall, PageFixtures.events(for: PageFixtures.ticketCall))))
        XCTAssertNotNil(plain.calls.view)
        var deliveries = WebhookFixtures.state()
        deliveries.press(.function(4), .enter)
        deliveries.send(.calls(.opened(PageFixtures.ticketCall, PageFixtures.events(for: PageFixtures.ticketCall))))
        deliveries.send(.deliveries(.loaded(.call(PageFixtures.ticketCall.id), WebhookFixtures.ticketCallDeliveries)))
        XCTAssertNotNil(deliveries.calls.view)
        var export = plain
        export.press(.character("x"))
        XCTAssertNotNil(export.calls.export)
        return [("open call", plain), ("open call with deliveries", deliveries), ("export", export)]
    }

    func testTheHintBarIsTheRows() {
        let expected: [String: [String]] = [
            "open call": ["↑↓ PgUp PgDn", "x", "Esc", "^R", "q", "?"],
            "open call with deliveries": ["↑↓ PgUp PgDn", "]", "r", "x", "Esc", "^R", "q", "?"],
            "export": ["type", "⏎", "Esc"],
        ]
        for (name, state) in viewStates() {
            XCTAssertEqual(Keymap.hints(for: state).map(\.key), expected[name], name)
        }
        let export = viewStates()[2].1
        XCTAssertEqual(CallsPage.exportChoices(export), "⏎ export · Esc cancel")
        XCTAssertTrue(Console.render(export).text.contains("⏎ export · Esc cancel"))
    }

    func testEachKeyOfARowRunsItsCommand() {
        for (name, state) in viewStates() {
            let typing = state.calls.export != nil
            for row in CallsPage.viewKeys where row.applies(state) {
                for pair in row.pairs where !(typing && pair.key.isPrintable) {
                    XCTAssertEqual(CallsPage.viewCommand(for: pair.key, state), pair.command, "\(name): \(pair.key.label)")
                    var byKey = state
                    let keyEffects = byKey.press(pair.key)
                    var byCommand = state
                    let commandEffects = CallsPage.runView(pair.command, &byCommand)
                    XCTAssertEqual(keyEffects, commandEffects, "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.calls.view?.scroll, byCommand.calls.view?.scroll, "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.calls.view?.deliverySelection, byCommand.calls.view?.deliverySelection, "\(name)")
                    XCTAssertEqual(byKey.calls.export, byCommand.calls.export, "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.status?.text, byCommand.status?.text, "\(name): \(pair.key.label)")
                }
            }
        }
    }

    func testHelpIsTheRowsHelp() {
        let table = helpLines(CallsPage.viewKeys)
        XCTAssertEqual(CallsPage.openCallHelp.keys, table)
        XCTAssertEqual(CallsPage.openCallHelp.title, "An open call")
    }
}
