import ActionModel
import Screen
import XCTest

@testable import Console

/// The dialogs' keymap (`Dialogs.keys`): each dialog's hint bar is its rows,
/// and each key of a row runs that row's command through the shell's key
/// handling (the same as running the command).
final class DialogKeymapTests: XCTestCase {
    func dialogStates() -> [(String, ConsoleState)] {
        let base = SecretsFixtures.state()
        let overlays: [(String, Overlay)] = [
            ("new action", .createAction(CreateDialog())),
            ("delete action", .confirmDelete(id: Fixtures.all[0].id, name: Fixtures.all[0].name, version: 1)),
            ("quit", .confirmQuit),
            ("hang up", .confirmHangUp(PageFixtures.callID("0000000000000001"), quitting: false)),
            ("hang up and quit", .confirmHangUp(PageFixtures.callID("0000000000000001"), quitting: true)),
            ("help", .help(scroll: 0)),
            ("palette", .palette(Palette())),
            ("demo offer", .demoOffer(DemoWorkspaceOffer(actionCount: 8, agentName: "Demo front desk"))),
            ("environments", .environmentPicker(EnvironmentPicker())),
        ]
        return overlays.map { name, overlay in
            var state = base
            state.overlay = overlay
            return (name, state)
        }
    }

    func testEachDialogsHintBarIsItsRows() {
        let expected: [String: [KeyHint]] = [
            "new action": [KeyHint("↑↓", "choose"), KeyHint("⏎", "continue"), KeyHint("Tab", "buttons"), KeyHint("Esc", "cancel")],
            "delete action": [KeyHint("y", "delete"), KeyHint("n Esc", "keep it")],
            "quit": [KeyHint("y", "discard and quit"), KeyHint("n Esc", "keep editing")],
            "hang up": [KeyHint("y", "hang up"), KeyHint("n Esc", "back to the call")],
            "hang up and quit": [KeyHint("y", "hang up and quit"), KeyHint("n Esc", "back to the call")],
            "help": [KeyHint("↑↓ PgUp PgDn", "scroll"), KeyHint("Esc ? q", "close")],
            "palette": [KeyHint("type", "to search"), KeyHint("↑↓", "choose"), KeyHint("⏎", "run"), KeyHint("Esc", "close")],
            "demo offer": [KeyHint("⏎", "load the demo"), KeyHint("Esc", "skip")],
            "environments": [KeyHint("↑↓", "choose"), KeyHint("⏎ 1-9", "use it"), KeyHint("Esc", "cancel")],
        ]
        for (name, state) in dialogStates() {
            let hints = Keymap.hints(for: state)
            XCTAssertEqual(hints, expected[name], name)
            let applying = Dialogs.keys.filter { $0.applies(state) }
            for hint in hints { XCTAssertTrue(applying.contains { $0.hint(in: state) == hint }, "\(name): \(hint)") }
        }
    }

    func testEachKeyOfARowRunsItsCommand() {
        for (name, state) in dialogStates() {
            guard let overlay = state.overlay else { return XCTFail(name) }
            for row in Dialogs.keys where row.applies(state) {
                for pair in row.pairs where !(overlay.kind == .palette && pair.key.isPrintable) {
                    XCTAssertEqual(Dialogs.command(for: .key(pair.key), state), pair.command,
                                   "\(name): \(pair.key.label) is in '\(row.label)'")
                    var byKey = state
                    let keyEffects = byKey.press(pair.key)
                    var byCommand = state
                    let commandEffects = Shell.runDialog(overlay, pair.command, &byCommand)
                    XCTAssertEqual(keyEffects, commandEffects, "\(name): \(pair.key.label)")
                    XCTAssertEqual(fingerprint(byKey), fingerprint(byCommand),
                                   "\(name): \(pair.key.label) did something else than \(pair.command)")
                }
            }
        }
    }

    /// What a person would see of the console, and what it is waiting on.
    func fingerprint(_ state: ConsoleState) -> String {
        "\(String(describing: state.overlay)) \(state.status?.text ?? "") \(state.section) \(state.focus)\n" + Console.render(state).text
    }

    func testThePalettesSearchTakesPrintableKeysAndTheDeleteAnswersAreRows() {
        var state = Fixtures.state()
        state.overlay = .palette(Palette())
        state.type("qy?")
        guard case let .palette(palette)? = state.overlay else { return XCTFail("the palette stays open") }
        XCTAssertEqual(palette.field.text, "qy?")
        // The record pages' "Delete …? y/N" answers are the same rows.
        XCTAssertEqual(Shell.confirmation(.key(.character("y"))), .yes)
        for key in [Key.character("n"), .escape, .enter, .character("q")] { XCTAssertEqual(Shell.confirmation(.key(key)), .no) }
        XCTAssertEqual(Shell.confirmation(.key(.ctrl("c"))), .quit)
        XCTAssertNil(Shell.confirmation(.key(.character("x"))))
    }

    /// The sidebar's rows (`Sidebar.keys`): its hint bar, then every page's
    /// rows hinted there; each key runs its row's command.
    func testTheSidebarsKeysAreRows() {
        var state = SecretsFixtures.state()
        state.press(.tab)
        XCTAssertEqual(state.focus, .sidebar)
        XCTAssertEqual(Keymap.hints(for: state), [KeyHint("↑↓", "choose"), KeyHint("⏎ l", "open"), KeyHint("Tab", "page"),
                                                  KeyHint(":", "commands"), KeyHint("q", "quit"), KeyHint("?", "help")])
        for row in Sidebar.keys {
            for pair in row.pairs {
                var byKey = state
                let keyEffects = byKey.press(pair.key)
                var byCommand = state
                let commandEffects = Sidebar.run(pair.command, &byCommand)
                XCTAssertEqual(keyEffects, commandEffects, pair.key.label)
                XCTAssertEqual(fingerprint(byKey), fingerprint(byCommand), pair.key.label)
            }
        }
        // On the page, Tab is no hint (it works all the same).
        state.press(.tab)
        XCTAssertFalse(Keymap.hints(for: state).contains { $0.key == "Tab" })
    }
}
