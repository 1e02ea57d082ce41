import ActionModel
import Screen
import XCTest

@testable import Console

/// The agent form's keymap (`AgentFormState.keys`): hint bar and help come
/// from the rows, and each key of a row runs that row's command.
final class AgentFormKeymapTests: XCTestCase {
    /// An agent's form with each field in turn focused, with every action
    /// used and with only the ticked ones (so the action list shows).
    func formStates() -> [(String, ConsoleState)] {
        var opened = PageFixtures.state()
        opened.press(.function(3), .down, .enter)
        guard let form = opened.agents.form else { XCTFail("no agent form"); return [] }
        var both = [opened]
        var flipped = opened
        while flipped.agents.form?.focus != .scope { flipped.press(.tab) }
        flipped.press(.character(" "))
        XCTAssertNotEqual(flipped.agents.form?.usesEveryAction, form.usesEveryAction)
        flipped.press(.backTab, .backTab, .backTab, .backTab)
        XCTAssertEqual(flipped.agents.form?.focus, .name)
        both.append(flipped)
        var states: [(String, ConsoleState)] = []
        for start in both {
            var state = start
            for field in start.agents.form?.fieldOrder ?? [] {
                XCTAssertEqual(state.agents.form?.focus, field)
                states.append(("on \(field), every action: \(start.agents.form?.usesEveryAction == true)", state))
                state.press(.tab)
            }
        }
        XCTAssertTrue(states.contains { $0.1.agents.form?.focus == .actions }, "the action list is among the states")
        return states
    }

    func testTheHintBarAndHelpAreTheRows() {
        let states = formStates()
        let expected: [AgentFormField: [String]] = [
            .name: ["↑↓ Tab", "^S", "Esc"], .greeting: ["↑↓ Tab", "^S", "Esc"], .prompt: ["↑↓ Tab", "⏎", "^S", "Esc"],
            .engine: ["↑↓ Tab", "← → Space", "^S", "Esc"], .scope: ["↑↓ Tab", "Space", "^S", "Esc"],
            .actions: ["↑↓ Tab", "j k", "Space", "^S", "Esc"],
        ]
        for (name, state) in states {
            guard let form = state.agents.form else { return XCTFail(name) }
            // `?` is help unless a text field has the focus (then it is text, and F1 is help).
            let help = form.capturesTextInput ? "F1" : "?"
            XCTAssertEqual(Keymap.hints(for: state).map(\.key), (expected[form.focus] ?? []) + ["Ctrl-P", help], name)
        }
        assertEveryHintIsARow(states.map { ($0.0, $0.1.agents.form) }, hints: AgentFormRenderer.hints)
        assertRecordFormHelp(AgentFormState.self, noun: "agent", title: "Agent form", in: states[0].1)
    }

    func testEachKeyOfARowRunsItsCommand() {
        assertEachKeyOfARowRunsItsCommand(formStates().map { ($0.0, $0.1.agents.form) })
        // Through the page: `j` on the name is text, ⏎ in the prompt a new line, ⏎ on the name the next field.
        var state = formStates()[0].1
        let typed = (state.agents.form?.name.text ?? "") + "j"
        state.type("j")
        XCTAssertEqual(state.agents.form?.name.text, typed)
        state.press(.enter)
        XCTAssertEqual(state.agents.form?.focus, .greeting)
        state.press(.down)
        let prompt = state.agents.form?.prompt.text ?? ""
        state.press(.enter)
        XCTAssertEqual(state.agents.form?.prompt.text.count, prompt.count + 1)
        XCTAssertEqual(state.agents.form?.focus, .prompt)
    }
}
