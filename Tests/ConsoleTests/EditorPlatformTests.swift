import ActionModel
import Screen
import XCTest

@testable import Console

/// The action form's Platform row, its one-line lint, and the side panel
/// switching platform with F3.
final class EditorPlatformTests: XCTestCase {
    func focusedOnPlatform() -> ActionEditorState {
        var state = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead"])
        state.editorKey(.backTab)  // Input Schema, the last row
        state.editorKey(.up)       // Platform, just above it
        XCTAssertEqual(state.focus, .platform)
        return state
    }

    func testThePlatformRowChoosesWhatTheActionIsSavedWith() {
        var state = focusedOnPlatform()
        XCTAssertEqual(state.draftAction.platform, .fluents)
        state.editorKey(.right)
        XCTAssertEqual(state.draftAction.platform, .vapi)
        XCTAssertTrue(state.isDirty, "a platform change is a change to save")
        state.editorKey(.left)
        state.editorKey(.left)
        XCTAssertEqual(state.draftAction.platform, .bland, "← wraps around")
        let text = editorRender(state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("Platform"), text)
        XCTAssertTrue(text.contains("[bland]"), text)
    }

    func testTheBodyFormatRowSaysWhatThePlatformSends() {
        var state = focusedOnPlatform()
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("as Fluents sends it"))
        state.editorKey(.right)  // vapi
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("fields only   not used on Vapi"), editorRender(state, width: 80, height: 24).text)
        state.editorKey(.right)  // retell
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("fields only   {name, call, args}"), editorRender(state, width: 80, height: 24).text)
    }

    func testTheRowShowsTheChosenPlatformsLint() {
        var state = focusedOnPlatform()
        // The sample's 15 s timeout and its headers are Fluents warnings.
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("2 warnings (F3)"), editorRender(state, width: 80, height: 24).text)
        // ElevenLabs ignores the sample's format, pattern and range keywords, and its signing secret.
        while state.draftAction.platform != .elevenlabs { state.editorKey(.right) }
        let text = editorRender(state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("warnings (F3)"), text)
        // A description removed is an ElevenLabs error, counted on the row.
        guard case var .customInput(config) = state.values.configuration else { return XCTFail() }
        config.inputSchema.properties[0].description = ""
        state.values.schema = config.inputSchema
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("1 error"), editorRender(state, width: 80, height: 24).text)
    }

    func testF3SwitchesThePreviewToEachPlatform() {
        var state = focusedOnPlatform()
        XCTAssertEqual(state.previewFormat, .openai)
        state.editorKey(.function(3))
        XCTAssertEqual(state.previewFormat, .fluents)
        state.editorKey(.function(3))
        XCTAssertEqual(state.previewFormat, .vapi)
        let text = editorRender(state, width: 120, height: 40).text
        XCTAssertTrue(text.contains("Vapi tool · live · F3"), "title")
        XCTAssertTrue(text.contains("\"async\": false"), "the Vapi function tool")
        XCTAssertTrue(text.contains("─ Vapi lint "), "lint heading")
        for _ in 0..<4 { state.editorKey(.function(3)) }
        XCTAssertEqual(state.previewFormat, .openai, "F3 goes round all six")
        XCTAssertTrue(editorRender(state, width: 120, height: 40).text.contains("OpenAI tool · live"))
    }
}
