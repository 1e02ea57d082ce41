import ActionModel
import Screen
import XCTest

@testable import Console

/// The model form's keymap (`ModelFormState.keys`) and the record forms'
/// shared question (`RecordFormQuestion.keys`): hint bar and help come from
/// the rows, and each key of a row runs that row's command.
final class ModelFormKeymapTests: XCTestCase {
    /// The new-model form on the name (nothing typed), on the headers (a
    /// multiline field) with a name typed, and the edit form.
    func formStates() -> [(String, ConsoleState)] {
        var onName = ModelFixtures.state()
        onName.press(.function(8), .character("n"))
        XCTAssertEqual(onName.models.form?.focus, .name)
        var onHeaders = onName
        onHeaders.type("mini")
        onHeaders.press(.tab, .tab, .tab, .tab)
        XCTAssertEqual(onHeaders.models.form?.focus, .headers)
        var editing = ModelFixtures.state()
        editing.press(.function(8), .enter)
        XCTAssertNotNil(editing.models.form?.original)
        return [("on the name", onName), ("on the headers", onHeaders), ("editing", editing)]
    }

    func testTheHintBarAndHelpAreTheRows() {
        let states = formStates()
        XCTAssertEqual(Keymap.hints(for: states[0].1).map(\.key), ["↑↓ Tab", "^S", "Esc", "Ctrl-P", "F1"])
        XCTAssertTrue(Keymap.hints(for: states[0].1).contains(KeyHint("Esc", "close")))
        // On a multiline field ⏎ is a new line; with something typed Esc discards.
        XCTAssertEqual(Keymap.hints(for: states[1].1).map(\.key), ["↑↓ Tab", "⏎", "^S", "Esc", "Ctrl-P", "F1"])
        XCTAssertTrue(Keymap.hints(for: states[1].1).contains(KeyHint("Esc", "discard")))
        assertEveryHintIsARow(states.map { ($0.0, $0.1.models.form) }, hints: ModelFormRenderer.hints)
        assertRecordFormHelp(ModelFormState.self, noun: "model", title: "Model form", in: states[0].1)
        let conflicts = Keymap.helpSections(for: states[0].1).first { $0.title == "Conflicts" }
        XCTAssertEqual(conflicts?.keys.map(\.key), ["o", "r", "s", "Esc"])
    }

    func testEachKeyOfARowRunsItsCommand() {
        assertEachKeyOfARowRunsItsCommand(formStates().map { ($0.0, $0.1.models.form) })
        // Through the page: ⏎ on the headers starts a line, Esc with changes asks.
        var state = formStates()[1].1
        state.type("a: b")
        state.press(.enter)
        state.type("c: d")
        XCTAssertEqual(state.models.form?.text(.headers), "a: b\nc: d")
        state.press(.escape)
        XCTAssertEqual(state.models.form?.question, .discard)
        XCTAssertEqual(Keymap.hints(for: state), [KeyHint("y", "discard"), KeyHint("n", "keep editing"), KeyHint("Ctrl-P", "commands"),
                                                   KeyHint("F1", "help")])
    }

    func testTheQuestionsKeysAreItsRows() {
        let current = ModelFixtures.gptMini
        let questions: [(ModelFormQuestion, [KeyHint])] = [
            (.discard, [KeyHint("y", "discard"), KeyHint("n", "keep editing")]),
            (.conflict(current: current), [KeyHint("o", "overwrite with mine"), KeyHint("r", "reload theirs"), KeyHint("Esc", "keep editing")]),
            (.conflict(current: nil), [KeyHint("s", "save as new"), KeyHint("Esc", "keep editing")]),
        ]
        for (question, hints) in questions {
            XCTAssertEqual(question.hints, hints)
            for row in ModelFormQuestion.keys(noun: "model") {
                for pair in row.pairs {
                    let answer = question.answer(pair.key)
                    if row.applies(question) {
                        XCTAssertNotEqual(answer, .none, "\(question): \(pair.key.label)")
                        XCTAssertEqual(answer, question.answer(pair.command), "\(question): \(pair.key.label)")
                    } else if !ModelFormQuestion.keys(noun: "model").contains(where: { $0.applies(question) && $0.command(for: pair.key) != nil }) {
                        XCTAssertEqual(answer, .none, "\(question): \(pair.key.label) is not this question's")
                    }
                }
            }
        }
        XCTAssertEqual(ModelFormQuestion.discard.answer(.character("Y")), .discardAndClose)
        XCTAssertEqual(ModelFormQuestion.conflict(current: current).answer(.character("R")), .reload(current))
        XCTAssertEqual(ModelFormQuestion.conflict(current: nil).answer(.character("o")), .none)
    }
}
