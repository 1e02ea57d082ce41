import ActionModel
import Screen
import XCTest

@testable import Console

/// The Secrets form's keymap (`SecretsForm.keys`) and the delete question's
/// (`Dialogs.deleteAnswers`): hint bar and help come from the rows, and each
/// key of a row runs that row's command.
final class SecretsFormKeymapTests: XCTestCase {
    func formStates() -> [(String, ConsoleState)] {
        var onName = SecretsFixtures.state()
        onName.press(.character("n"))
        XCTAssertNotNil(onName.secrets.form)
        var onSource = onName
        onSource.press(.tab)
        XCTAssertEqual(onSource.secrets.form?.focus, .source)
        return [("on the name", onName), ("on Value from", onSource)]
    }

    func testTheHintBarAndHelpAreTheRows() {
        let states = formStates()
        XCTAssertEqual(Keymap.hints(for: states[0].1).map(\.key), ["Tab", "Ctrl-S", "Esc", "F1"])
        XCTAssertEqual(Keymap.hints(for: states[1].1).map(\.key), ["Space", "Tab", "Ctrl-S", "Esc", "F1"])
        let help = Keymap.helpSections(for: states[0].1)
        XCTAssertEqual(help.first?.title, "New secret")
        XCTAssertEqual(help.first?.keys, helpLines(SecretsForm.keys))
        // The delete question's bar is the shared y/N rows.
        var question = SecretsFixtures.state()
        question.press(.down, .character("d"))
        XCTAssertNotNil(question.secrets.question)
        XCTAssertEqual(Keymap.hints(for: question), [KeyHint("y", "delete"), KeyHint("n Esc", "keep it")])
    }

    func testEachKeyOfARowRunsItsCommand() {
        assertEachKeyOfARowRunsItsCommand(formStates().map { ($0.0, $0.1.secrets.form) })
        // Through the page: F1 is help, Space on the name is text.
        var state = formStates()[0].1
        state.press(.function(1))
        XCTAssertEqual(state.overlay, .help(scroll: 0))
        var typing = formStates()[0].1
        typing.type("A B")
        XCTAssertEqual(typing.secrets.form?.name.text, "A B")
    }
}
