import ActionModel
import Screen
import XCTest

@testable import Console

/// The action form's Before sending settings (issue 11, made discoverable in
/// issue 12): their own "Ask optional" and "Read back" rows showing yes/no,
/// turned on and off with Space or ⏎, listed in help and the palette, saved
/// with the action and kept on edit.
final class EditorBeforeSendingTests: XCTestCase {
    func row(_ label: String, _ state: ActionEditorState) -> String {
        let screen = editorRender(state, width: 120, height: 40).text
        return screen.split(separator: "\n").first { $0.contains(label) }.map(String.init) ?? ""
    }

    func testTheRowsShowTheValueAndSpaceOrEnterTurnsItOnAndOff() {
        var state = ActionEditorState(creating: .customInput, existingFunctionNames: [])
        XCTAssertTrue(row("Ask optional", state).contains("[no]  ask optional fields once before sending"))
        XCTAssertTrue(row("Read back", state).contains("[no]  read the values back before sending"))
        state.editorFocus(.readsBack)
        XCTAssertTrue(state.keyHints.contains(KeyHint("Space/⏎", "toggle")))
        state.editorKey(.enter)
        XCTAssertTrue(state.values.readsBack)
        XCTAssertEqual(state.focus, .readsBack, "⏎ toggles here, it does not move on")
        XCTAssertTrue(row("Read back", state).contains("[yes]"))
        state.editorFocus(.asksOptionalFields)
        state.editorKey(.character(" "))
        XCTAssertTrue(state.values.asksOptionalFields)
        XCTAssertTrue(row("Ask optional", state).contains("[yes]"))
        XCTAssertTrue(state.isDirty)
        XCTAssertEqual(state.values.bodyFormat, .fluents, "the settings leave the body format alone")
        state.editorKey(.enter)
        XCTAssertFalse(state.values.asksOptionalFields)
        // The Body format row says what it sends, nothing else now.
        XCTAssertTrue(row("Body format", state).contains("[{call_id, payload}]  fields only"))
        XCTAssertFalse(row("Body format", state).contains("+"))
        guard case let .customInput(config) = state.values.configuration else { return XCTFail("custom input expected") }
        XCTAssertFalse(config.asksOptionalFields)
        XCTAssertTrue(config.readsBack)
    }

    func testOnlyACustomInputActionHasTheRows() {
        for kind in [ActionKind.endConversation, .transferCalls, .dtmf, .warmTransfer] {
            let state = ActionEditorState(creating: kind, existingFunctionNames: [])
            XCTAssertFalse(state.values.fieldOrder.contains(.asksOptionalFields), "\(kind)")
            XCTAssertFalse(editorRender(state, width: 120, height: 40).text.contains("Read back"), "\(kind)")
        }
        let state = ActionEditorState(creating: .customInput, existingFunctionNames: [])
        let order = state.values.fieldOrder
        XCTAssertEqual(order.firstIndex(of: .asksOptionalFields), order.firstIndex(of: .bodyFormat).map { $0 + 1 })
        XCTAssertEqual(order.firstIndex(of: .readsBack), order.firstIndex(of: .bodyFormat).map { $0 + 2 })
    }

    func testHelpAndThePaletteListThem() {
        let state = ActionEditorState(creating: .customInput, existingFunctionNames: [])
        let help = state.helpSections.flatMap(\.keys)
        XCTAssertTrue(help.contains { $0.key == "Space ⏎" && $0.label.contains("Ask optional / Read back") }, "\(help)")

        // The palette, over the console's form, offers both and runs them.
        var console = Fixtures.state()
        console.press(.character("n"))
        console.press(.enter)
        XCTAssertEqual(console.actions.editor?.kind, .customInput)
        let offered = Command.matching("read back", in: console)
        XCTAssertEqual(offered.first, .toggleReadsBack)
        XCTAssertTrue(Command.matching("optional", in: console).contains(.toggleAsksOptionalFields))
        console.press(.ctrl("p"))
        console.type("read back")
        console.press(.enter)
        XCTAssertEqual(console.actions.editor?.values.readsBack, true)
        XCTAssertNil(console.overlay)
        XCTAssertEqual(Shell.run(.toggleAsksOptionalFields, &console), [])
        XCTAssertEqual(console.actions.editor?.values.asksOptionalFields, true)

        // Another kind's form has no such rows, and the palette does not offer them.
        var dtmf = Fixtures.state()
        dtmf.press(.character("n"))
        dtmf.press(.down, .down, .down)
        dtmf.press(.enter)
        XCTAssertNotNil(dtmf.actions.editor)
        XCTAssertNotEqual(dtmf.actions.editor?.kind, .customInput)
        XCTAssertFalse(Command.matching("", in: dtmf).contains(.toggleReadsBack))
    }

    func testEditingAnActionKeepsItsSettings() {
        var action = editorSampleAction()
        guard case var .customInput(config) = action.configuration else { return XCTFail("custom input expected") }
        config.readsBack = true
        action.configuration = .customInput(config)
        let state = ActionEditorState(editing: action, existingFunctionNames: [])
        XCTAssertTrue(state.values.readsBack)
        XCTAssertFalse(state.isDirty)
        XCTAssertTrue(row("Read back", state).contains("[yes]"))
        XCTAssertTrue(row("Ask optional", state).contains("[no]"))
        guard case let .customInput(saved) = state.values.configuration else { return XCTFail("custom input expected") }
        XCTAssertTrue(saved.readsBack, "saving from the form must not drop the setting")
        XCTAssertFalse(saved.asksOptionalFields)
    }
}
