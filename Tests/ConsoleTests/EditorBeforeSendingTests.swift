import ActionModel
import Screen
import XCTest

@testable import Console

/// The action form's Before sending settings (issue 11): `o` and `r` on the Body
/// format row, shown on that row, saved with the action and kept on edit.
final class EditorBeforeSendingTests: XCTestCase {
    func testOAndRToggleTheSettingsAndTheRowSaysSo() {
        var state = ActionEditorState(creating: .customInput, existingFunctionNames: [])
        state.editorFocus(.bodyFormat)
        state.editorKey(.character("r"))
        XCTAssertTrue(state.values.readsBack)
        XCTAssertFalse(state.values.asksOptionalFields)
        state.editorKey(.character("o"))
        XCTAssertTrue(state.values.asksOptionalFields)
        XCTAssertEqual(state.values.bodyFormat, .fluents, "o and r leave the body format alone")
        let screen = editorRender(state, width: 120, height: 40).text
        let row = screen.split(separator: "\n").first { $0.contains("Body format") } ?? ""
        XCTAssertTrue(row.contains("fields only") && row.contains("+ask +read"), screen)
        XCTAssertTrue(state.keyHints.contains(KeyHint("o", "ask optional")) && state.keyHints.contains(KeyHint("r", "read back")))
        state.editorKey(.character("r"))
        XCTAssertFalse(state.values.readsBack)
        guard case let .customInput(config) = state.values.configuration else { return XCTFail("custom input expected") }
        XCTAssertTrue(config.asksOptionalFields)
        XCTAssertFalse(config.readsBack)
    }

    func testEditingAnActionKeepsItsSettings() {
        var action = editorSampleAction()
        guard case var .customInput(config) = action.configuration else { return XCTFail("custom input expected") }
        config.readsBack = true
        action.configuration = .customInput(config)
        let state = ActionEditorState(editing: action, existingFunctionNames: [])
        XCTAssertTrue(state.values.readsBack)
        XCTAssertFalse(state.isDirty)
        guard case let .customInput(saved) = state.values.configuration else { return XCTFail("custom input expected") }
        XCTAssertTrue(saved.readsBack, "saving from the form must not drop the setting")
        XCTAssertFalse(saved.asksOptionalFields)
    }
}
