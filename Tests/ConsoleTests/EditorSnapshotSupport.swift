import ActionModel
import Foundation
import Screen
import XCTest

@testable import Console

/// Renders an editor state into a buffer of the given size, the whole buffer as its rect.
func editorRender(_ state: ActionEditorState, width: Int, height: Int) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width, height: height)
    state.render(into: &buffer, in: Rect(x: 0, y: 0, width: width, height: height))
    return buffer
}

/// Compares a buffer's text with `__Snapshots__/Editor-NAME.txt` beside this file.
/// A missing snapshot is written (and the test fails, so it gets looked at);
/// `SNAPSHOT_RECORD=1` rewrites them all.
func editorAssertSnapshot(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let url = directory.appendingPathComponent("Editor-\(name).txt")
    let actual = buffer.text + "\n"
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch {
            XCTFail("could not write snapshot \(url.path): \(error)", file: file, line: line)
            return
        }
        if !record { XCTFail("recorded a new snapshot Editor-\(name).txt; look at it and run again", file: file, line: line) }
        return
    }
    if expected != actual {
        XCTFail("snapshot Editor-\(name) differs:\n" + editorLineDiff(expected: expected, actual: actual), file: file, line: line)
    }
}

/// The lines that differ, numbered: `-` what the snapshot has, `+` what was drawn.
func editorLineDiff(expected: String, actual: String) -> String {
    let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
    var output: [String] = []
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? old[index] : nil
        let b = index < new.count ? new[index] : nil
        if a == b { continue }
        if let a { output.append(String(format: "%3d -|", index + 1) + a) }
        if let b { output.append(String(format: "%3d +|", index + 1) + b) }
    }
    return output.joined(separator: "\n")
}

/// Sizes every editor snapshot is taken at.
let editorSnapshotSizes: [(width: Int, height: Int)] = [(80, 24), (120, 40)]

/// Snapshots a state at 80×24 and 120×40 as `NAME-80x24` and `NAME-120x40`.
func editorAssertSnapshots(_ state: ActionEditorState, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    for size in editorSnapshotSizes {
        editorAssertSnapshot(editorRender(state, width: size.width, height: size.height),
                             named: "\(name)-\(size.width)x\(size.height)", file: file, line: line)
    }
}

// MARK: Fixtures

let editorFixedDate = Date(timeIntervalSince1970: 1_780_000_000)
let editorFixedID = ActionID("act_7k2m9q4x1c8d0f3h")!

/// "Create CRM lead": a filled-in Custom Input action at version 3.
func editorSampleAction() -> Action {
    var ticket = SchemaProperty(name: "ticket_ref", type: .string, description: "Existing ticket, if any", pattern: "^T-[0-9]+$")
    ticket.extraKeywords = ["minLength": 3, "default": "T-0"]
    let schema = InputSchema(properties: [
        SchemaProperty(name: "first_name", isRequired: true, description: "The caller's first name"),
        SchemaProperty(name: "email", isRequired: true, description: "The customer's email address", format: .email),
        SchemaProperty(name: "issue", description: "Brief description of the customer's issue", enumValues: ["sales", "support", "billing"]),
        SchemaProperty(name: "seats", type: .integer, description: "How many seats", minimum: 1, maximum: 500),
        ticket,
    ])
    let config = CustomInputConfiguration(
        url: "https://api.example.com/leads", speakOnSend: "Let me check your account details.",
        speakOnReceive: "Okay, I've created lead {{result.lead_id}}.", inputSchema: schema, timeoutSeconds: 15,
        headers: [HTTPHeader(name: "Authorization", value: "Bearer sk_live_123"), HTTPHeader(name: "X-Team", value: "growth")],
        signatureSecret: "c2VjcmV0LWtleQ==", bodyFormat: .fluents
    )
    return Action(
        id: editorFixedID, name: "Create CRM lead", functionName: "create_crm_lead",
        description: "Creates a lead in the CRM from the caller's details.", trigger: .functionCall,
        configuration: .customInput(config), createdAt: editorFixedDate, updatedAt: editorFixedDate, version: 3
    )
}

extension ActionEditorState {
    /// Applies keys (and pastes) in order, returning the last outcome.
    @discardableResult
    mutating func editorSend(_ events: [InputEvent]) -> ActionEditorOutcome {
        var outcome = ActionEditorOutcome.none
        for event in events { outcome = handle(event) }
        return outcome
    }

    @discardableResult
    mutating func editorType(_ text: String) -> ActionEditorOutcome {
        editorSend(text.map { .key(.character($0)) })
    }

    @discardableResult
    mutating func editorKey(_ key: Key, times: Int = 1) -> ActionEditorOutcome {
        editorSend(Array(repeating: .key(key), count: times))
    }
}
