import ActionModel
import Screen
import XCTest

@testable import Console

/// Golden text snapshots of every editor page, at 80×24 and 120×40.
final class EditorSnapshotTests: XCTestCase {
    private func creating(_ kind: ActionKind) -> ActionEditorState {
        ActionEditorState(creating: kind, existingFunctionNames: ["create_crm_lead"])
    }

    private func editingSample() -> ActionEditorState {
        ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead", "check_status"])
    }

    /// Ctrl-S on an untouched form: every required field shows its message.
    private func withErrors(_ kind: ActionKind, filling: (inout ActionEditorState) -> Void = { _ in }) -> ActionEditorState {
        var state = creating(kind)
        filling(&state)
        XCTAssertEqual(state.handle(.key(.ctrl("s"))), .none)
        return state
    }

    func testEmptyFormsOfEveryKind() {
        for kind in ActionKind.allCases {
            editorAssertSnapshots(creating(kind), named: "form-\(kind.rawValue)-empty")
        }
    }

    func testFormsWithValidationErrors() {
        editorAssertSnapshots(withErrors(.customInput) { state in
            state.editorKey(.down, times: 3)  // URL
            state.editorType("ftp://files.example.com")
            state.editorKey(.down, times: 3)  // Timeout
            state.editorKey(.ctrl("u"))
            state.editorType("900")
            state.editorKey(.down)  // Action Trigger: phrases, none given
            state.editorKey(.character(" "))
        }, named: "form-custom-input-errors")
        editorAssertSnapshots(withErrors(.endConversation), named: "form-end-conversation-errors")
        editorAssertSnapshots(withErrors(.transferCalls) { state in
            state.editorKey(.down, times: 4)
            state.editorType("415 555 0100")
        }, named: "form-transfer-calls-errors")
        editorAssertSnapshots(withErrors(.dtmf) { state in
            state.editorKey(.down, times: 4)
            state.editorType("12A#")
        }, named: "form-dtmf-errors")
        editorAssertSnapshots(withErrors(.warmTransfer), named: "form-warm-transfer-errors")
    }

    func testFilledFormWhileEditing() {
        editorAssertSnapshots(editingSample(), named: "form-custom-input-filled")
        var revealed = editingSample()
        revealed.editorKey(.up)  // wraps? no: Up stops at the top; go to the secret from the bottom
        revealed.editorKey(.backTab, times: 2)  // Signature secret
        revealed.editorKey(.ctrl("r"))
        editorAssertSnapshots(revealed, named: "form-custom-input-secret-revealed")
    }

    func testHeaderLineAndPhrasesBeingEdited() {
        var state = editingSample()
        state.editorFocus(.trigger)
        state.editorKey(.right)
        state.editorKey(.down)
        state.editorType("create a lead, new customer")
        state.editorFocus(.header(0))
        state.editorKey(.left, times: 4)
        editorAssertSnapshots(state, named: "form-custom-input-editing-header")
        // The terminal cursor sits in the masked value, four characters from its end.
        let cursor = editorRender(state, width: 80, height: 24).cursor
        XCTAssertEqual(cursor?.x, 22 + "Authorization: Bearer sk_live_123".count - 4)
        XCTAssertEqual(cursor?.y, 15, "under the Ask optional and Read back rows")
    }

    func testSchemaEditorList() {
        var state = editingSample()
        state.editorKey(.backTab)  // Input Schema
        state.editorKey(.enter)
        state.editorKey(.down)
        editorAssertSnapshots(state, named: "schema-list")
        var empty = creating(.customInput)
        empty.editorKey(.backTab)
        empty.editorKey(.enter)
        editorAssertSnapshots(empty, named: "schema-list-empty")
    }

    func testTheChosenTypeIsSeenWhenThePickerDoesNotFit() {
        var state = editingSample()
        state.editorKey(.backTab)
        state.editorKey(.enter)
        state.editorKey(.down, times: 2)  // issue, an enum
        state.editorKey(.enter)
        // 100 columns: the width the console's page has at 120 with the sidebar, JSON panel beside.
        let text = editorRender(state, width: 100, height: 38).text
        XCTAssertTrue(text.contains("‹ [enum] ›"), text)
        XCTAssertTrue(editorRender(state, width: 120, height: 40).text.contains("boolean  [enum]"), "all options when they fit")
    }

    func testPropertyForms() {
        var state = editingSample()
        state.editorKey(.backTab)
        state.editorKey(.enter)
        state.editorKey(.down)  // email
        state.editorKey(.enter)
        editorAssertSnapshots(state, named: "property-form-string")
        state.editorKey(.escape)
        state.editorKey(.down)  // issue
        state.editorKey(.enter)
        editorAssertSnapshots(state, named: "property-form-enum")
        state.editorKey(.escape)
        state.editorKey(.down)  // seats
        state.editorKey(.enter)
        editorAssertSnapshots(state, named: "property-form-number")
        state.editorKey(.escape)
        state.editorKey(.down)  // ticket_ref: a pattern and keywords the form does not show
        state.editorKey(.enter)
        editorAssertSnapshots(state, named: "property-form-extras")
        // An invalid new property: messages under the fields.
        state.editorKey(.escape)
        state.editorKey(.character("a"))
        state.editorType("2nd email")
        state.editorKey(.down)
        state.editorKey(.right)  // number
        state.editorKey(.down, times: 3)
        state.editorType("10")
        state.editorKey(.down)
        state.editorType("5")
        state.editorKey(.enter)
        editorAssertSnapshots(state, named: "property-form-errors")
    }

    func testDiscardPrompt() {
        var state = creating(.customInput)
        state.editorType("Check account status")
        state.editorKey(.escape)
        XCTAssertTrue(state.hasOpenPrompt)
        editorAssertSnapshots(state, named: "prompt-discard")
    }

    func testConflictDialogs() {
        var state = editingSample()
        state.editorType(" now")
        var theirs = editorSampleAction()
        theirs.version = 4
        state.saveFailed(StoreFailure(reason: .conflict(current: theirs), message: "changed elsewhere", actionID: theirs.id))
        editorAssertSnapshots(state, named: "prompt-conflict")
        var deleted = editingSample()
        deleted.editorType(" now")
        deleted.saveFailed(StoreFailure(reason: .conflict(current: nil), message: "deleted elsewhere", actionID: editorFixedID))
        editorAssertSnapshots(deleted, named: "prompt-conflict-deleted")
    }

    func testRemovePropertyPrompt() {
        var state = editingSample()
        state.editorKey(.backTab)
        state.editorKey(.enter)
        state.editorKey(.down)
        state.editorKey(.character("x"))
        editorAssertSnapshots(state, named: "prompt-remove-property")
    }

    func testJSONSidePanel() {
        // Narrow: `p` shows the panel in place of the list; wide: beside it, with p hiding it.
        var state = editingSample()
        state.editorKey(.backTab)
        state.editorKey(.enter)
        state.editorKey(.character("p"))
        editorAssertSnapshot(editorRender(state, width: 80, height: 24), named: "json-panel-80x24")
        state.editorKey(.pageDown)
        editorAssertSnapshot(editorRender(state, width: 80, height: 24), named: "json-panel-scrolled-80x24")
        var wide = editingSample()
        wide.editorKey(.backTab)
        wide.editorKey(.enter)
        editorAssertSnapshot(editorRender(wide, width: 120, height: 40), named: "json-panel-120x40")
    }

    func testSaveFailureMessage() {
        var state = editingSample()
        state.saveFailed(StoreFailure(reason: .readOnly, message: "the store is read-only"))
        editorAssertSnapshots(state, named: "form-save-failed")
    }
}
