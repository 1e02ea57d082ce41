import ActionModel
import Screen
import XCTest

@testable import Console

/// The test request panel's keymap (`TestRequestPanel.keys`): its hint bar
/// and help are its rows, and each key of a row runs that row's command.
final class TestPanelKeymapTests: XCTestCase {
    func panelStates() -> [(String, ConsoleState)] {
        var sent = Fixtures.state()
        while sent.actions.selectedAction?.id != Fixtures.crmLead.id { sent.press(.down) }
        sent.pressAndOpen(.enter)
        var unsent = sent
        sent.press(.ctrl("t"))
        XCTAssertNotNil(sent.actions.testPanel)
        var editing = sent
        editing.press(.character("e"))
        XCTAssertNotNil(editing.actions.testPanel?.values)
        unsent.press(.alt("t"))
        XCTAssertEqual(unsent.actions.testPanel?.unsent, true)
        return [("sent", sent), ("editing the values", editing), ("values before sending", unsent)]
    }

    func testTheHintBarIsTheRows() {
        let expected: [String: [KeyHint]] = [
            "sent": [KeyHint("↑↓", "scroll"), KeyHint("e", "edit values"), KeyHint("^Y", "copy as curl"), KeyHint("^T", "send again"),
                     KeyHint("Esc", "close"), KeyHint("F1", "help")],
            "editing the values": [KeyHint("⏎", "send these"), KeyHint("↑↓", "field"), KeyHint("Esc", "back"), KeyHint("F1", "help")],
            "values before sending": [KeyHint("⏎", "send these"), KeyHint("↑↓", "field"), KeyHint("Esc", "close"),
                                      KeyHint("F1", "help")],
        ]
        for (name, state) in panelStates() {
            XCTAssertEqual(Keymap.hints(for: state), expected[name], name)
        }
    }

    func testEachKeyOfARowRunsItsCommand() {
        for (name, state) in panelStates() {
            guard let panel = state.actions.testPanel else { return XCTFail(name) }
            for row in TestRequestPanel.keys where row.applies(panel) {
                for pair in row.pairs where !(panel.values != nil && pair.key.isPrintable) {
                    XCTAssertEqual(panel.command(for: pair.key), pair.command, "\(name): \(pair.key.label)")
                    var byKey = state
                    let keyEffects = byKey.press(pair.key)
                    var byCommand = state
                    let commandEffects = Shell.runTestPanel(pair.command, &byCommand)
                    XCTAssertEqual(keyEffects.map(described), commandEffects.map(described), "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.actions.testPanel, byCommand.actions.testPanel, "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.overlay, byCommand.overlay, "\(name): \(pair.key.label)")
                }
            }
        }
    }

    /// An effect without the call ID and idempotency key a test request makes afresh.
    func described(_ effect: ConsoleEffect) -> String {
        if case let .call(.sendTestRequest(request)) = effect { return "send #\(request.number) \(request.invocation.arguments)" }
        return "\(effect)"
    }

    func testHelpIsTheRowsAndTheValuesTakePrintableKeys() {
        let table = helpLines(TestRequestPanel.keys)
        XCTAssertEqual(CallPane.testRequestHelp.keys, table)
        var editing = panelStates()[1].1
        let before = editing.actions.testPanel?.values
        editing.type("ecq")
        XCTAssertNotNil(editing.actions.testPanel?.values, "e, c and q are text in a value")
        XCTAssertNotEqual(editing.actions.testPanel?.values, before)
    }
}
