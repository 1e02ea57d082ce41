import ActionModel
import Screen
import XCTest

@testable import Console

/// The action editor's keymap (`EditorKey` rows): every hint the editor
/// shows is a row that applies, help lists the rows' help and nothing else,
/// and each key of a row that applies runs that row's command through
/// `handle` (no earlier row shadows it, and a text field takes printable keys).
final class EditorKeymapTests: XCTestCase {
    /// The editor in each of its places: every field of each kind's form,
    /// the property list, the property form on each field, each question.
    func editorStates() -> [(String, ActionEditorState)] {
        var states: [(String, ActionEditorState)] = []
        let sample = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead"])
        for field in sample.values.fieldOrder {
            var state = sample
            state.editorFocus(field)
            states.append(("form on \(field)", state))
        }
        for kind in ActionKind.allCases where kind != .customInput {
            states.append(("new \(kind)", ActionEditorState(creating: kind, existingFunctionNames: [])))
        }
        var dirty = sample
        dirty.editorType("x")
        states.append(("dirty form", dirty))
        var schema = sample
        schema.editorFocus(.inputSchema)
        schema.editorKey(.enter)
        XCTAssertEqual(schema.screen, .schema)
        states.append(("property list", schema))
        var property = schema
        property.editorKey(.enter)
        XCTAssertNotNil(property.propertyForm)
        for field in property.propertyForm?.fieldOrder ?? [] {
            var state = property
            state.propertyForm?.focus = field
            states.append(("property form on \(field)", state))
        }
        var discard = dirty
        discard.editorKey(.escape)
        XCTAssertEqual(discard.prompt, .discard)
        states.append(("discard question", discard))
        var remove = schema
        remove.editorKey(.character("x"))
        XCTAssertEqual(remove.prompt, .removeProperty(0))
        states.append(("remove question", remove))
        var conflict = sample
        conflict.saveFailed(StoreFailure(reason: .conflict(current: editorSampleAction()), message: "changed"))
        states.append(("conflict", conflict))
        var deleted = sample
        deleted.saveFailed(StoreFailure(reason: .notFound, message: "gone"))
        XCTAssertEqual(deleted.layer, .conflictDeleted)
        states.append(("deleted elsewhere", deleted))
        return states
    }

    func testEveryHintIsARowThatApplies() {
        for (name, state) in editorStates() {
            let applying = ActionEditorState.keys.filter { $0.applies(state) }
            XCTAssertFalse(state.keyHints.isEmpty, name)
            for hint in state.keyHints {
                XCTAssertTrue(applying.contains { $0.hint(in: state) == hint }, "\(name): hint \(hint) is no row that applies")
            }
        }
    }

    func testEachKeyOfARowRunsItsCommand() {
        // Saving as new makes a fresh ID: its key is checked, its result not compared.
        assertEachKeyOfARowRunsItsCommand(editorStates(), comparingNot: [.saveAsNew])
    }

    func testAKeyNoRowHasIsTextAndPrintableKeysAreTextFirst() {
        var state = ActionEditorState(creating: .customInput, existingFunctionNames: [])
        // On the name, `p` (the JSON panel's key on the property list) and Space are text.
        state.editorType("p q")
        XCTAssertEqual(state.values.name.text, "p q")
        XCTAssertFalse(state.showsPanel)
        // F2 is no text: it runs its row everywhere.
        state.editorKey(.function(2))
        XCTAssertTrue(state.showsPanel)
        XCTAssertNil(state.command(for: .character("p")), "a text field has the focus")
        state.editorFocus(.trigger)
        XCTAssertEqual(state.command(for: .character("p")), .togglePanel)
    }

    func testHelpIsTheRowsHelp() {
        let state = ActionEditorState(creating: .customInput, existingFunctionNames: [])
        let table = helpLines(ActionEditorState.keys)
        let help = state.helpSections.flatMap(\.keys)
        XCTAssertEqual(help.count, table.count)
        XCTAssertEqual(Set(help), Set(table))
        // The console's help over the form: the rows, the test panel's and the shell's, each once.
        var console = Fixtures.state()
        console.press(.character("n"))
        console.press(.enter)
        let sections = Keymap.helpSections(for: console)
        XCTAssertEqual(sections.map(\.title), ["Action form", "Input Schema", "Test request", "Property form", "Questions", "Console"])
        let lines = sections.flatMap(\.keys)
        XCTAssertEqual(lines.filter { $0.key == "^T" }.count, 1)
        XCTAssertTrue(lines.contains(KeyHint("Ctrl-P", "command palette")))
    }

    func testTheConsoleHintBarOverTheFormIsTheRowsThenTheShellKeys() {
        var console = Fixtures.state()
        console.press(.character("n"))
        console.press(.enter)
        XCTAssertEqual(Keymap.hints(for: console).map(\.key), ["↑↓", "^S", "^T", "Esc", "Ctrl-P", "F1"])
        console.press(.down, .down, .down)  // URL: a text field still
        console.press(.tab, .tab, .tab, .tab, .tab)  // Body format
        XCTAssertEqual(console.actions.editor?.focus, .bodyFormat)
        XCTAssertEqual(Keymap.hints(for: console).map(\.key), ["↑↓", "Space/←→", "^S", "^T", "Esc", "Ctrl-P", "?"])
        // `?` is help here (no text field), and `q` quits (asking: nothing typed yet, so it quits).
        console.press(.character("?"))
        XCTAssertEqual(console.overlay, .help(scroll: 0))
    }

    /// A question of the form waits for its answer: the shell's keys are
    /// neither hinted nor run over it (Ctrl-C still quits).
    func testAQuestionOfTheFormTakesNoShellKeys() {
        var console = Fixtures.state()
        console.press(.character("n"))
        console.press(.enter)
        console.type("x")
        console.press(.escape)
        XCTAssertEqual(console.actions.editor?.prompt, .discard)
        XCTAssertEqual(Keymap.hints(for: console), [KeyHint("y", "discard"), KeyHint("n", "keep editing")])
        console.press(.ctrl("p"))
        XCTAssertNil(console.overlay)
        XCTAssertEqual(console.actions.editor?.prompt, .discard)
        console.press(.ctrl("c"))
        XCTAssertEqual(console.overlay, .confirmQuit)
    }
}
