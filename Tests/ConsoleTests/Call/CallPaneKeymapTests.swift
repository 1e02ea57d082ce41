import ActionModel
import Screen
import XCTest

@testable import Console

/// The call pane's keymap (`CallPane.keys`): its hint bar and help are its
/// rows, and each key of a row runs that row's command through the shell's
/// key handling (the caller's line takes printable keys first).
final class CallPaneKeymapTests: XCTestCase {
    func paneStates() -> [(String, ConsoleState)] {
        var typed = CallScript.collecting()
        typed.type("hello")
        var inspector = CallScript.answered()
        inspector.press(.tab)
        var endedInspector = CallScript.ended()
        endedInspector.press(.tab)
        return [("collecting", CallScript.collecting()), ("a line typed", typed), ("waiting", CallScript.waiting()),
                ("answered", CallScript.answered()), ("failed", CallScript.failed()), ("ended", CallScript.ended()),
                ("inspector", inspector), ("inspector of an ended call", endedInspector)]
    }

    func testTheHintBarIsTheRowsInEachLayer() {
        let expected: [String: [String]] = [
            "collecting": ["⏎", "Esc", "Tab", "^Y", "PgUp", "F1"],
            "waiting": ["Esc", "^E", "Tab", "F1"],
            "ended": ["Esc q", "Tab", "^Y", "F1"],
            "inspector": ["↑↓", "^Y", "Tab Esc", "F1"],
        ]
        for (name, state) in paneStates() {
            guard let pane = state.callPane else { return XCTFail(name) }
            let hints = Keymap.hints(for: state)
            XCTAssertEqual(hints, pane.keyHints, name)
            if let keys = expected[name] { XCTAssertEqual(hints.map(\.key), keys, name) }
            let applying = CallPane.keys.filter { $0.applies(pane) }
            for hint in hints { XCTAssertTrue(applying.contains { $0.hint(in: pane) == hint }, "\(name): \(hint)") }
        }
        var typed = CallScript.collecting()
        XCTAssertTrue(typed.callPane!.keyHints.contains(KeyHint("Esc", "hang up")))
        typed.type("hi")
        XCTAssertTrue(typed.callPane!.keyHints.contains(KeyHint("Esc", "clear")))
    }

    func testEachKeyOfARowRunsItsCommand() {
        for (name, state) in paneStates() {
            guard let pane = state.callPane else { return XCTFail(name) }
            for row in CallPane.keys where row.applies(pane) {
                for pair in row.pairs where !(pane.typesText && pair.key.isPrintable) {
                    XCTAssertEqual(pane.command(for: pair.key), pair.command, "\(name): \(pair.key.label) is in '\(row.label)'")
                    var byKey = state
                    let keyEffects = byKey.press(pair.key)
                    var byCommand = state
                    let commandEffects = Shell.runCallPane(pair.command, &byCommand)
                    XCTAssertEqual(keyEffects, commandEffects, "\(name): \(pair.key.label)")
                    XCTAssertEqual(byKey.callPane, byCommand.callPane, "\(name): \(pair.key.label) did something else than \(pair.command)")
                    XCTAssertEqual(byKey.overlay, byCommand.overlay, "\(name): \(pair.key.label)")
                }
            }
        }
    }

    func testHelpIsTheRowsHelpAndTheLineTakesPrintableKeys() {
        let table = helpLines(CallPane.keys)
        let help = CallPane.helpSections.flatMap(\.keys)
        XCTAssertEqual(help, table)
        XCTAssertEqual(CallPane.helpSections.map(\.title), ["Call", "Inspector", "Console"])
        // q, c, j are the inspector's keys, but text on the caller's line.
        var state = CallScript.collecting()
        state.type("qcjG")
        XCTAssertEqual(state.callPane?.input.text, "qcjG")
        XCTAssertNotNil(state.callPane)
    }
}
