import ActionModel
import CallSimulation
import Foundation
import Screen

/// "Send test request" from the action form: the request sent with sample
/// values, without a call, and what came back, in the inspector's layout.
struct TestRequestPanel: Sendable, Equatable {
    var number: Int
    var actionName: String
    var url: String
    var arguments: JSONObject
    /// The Input Schema the values were made for (`e` edits them against it).
    var schema = InputSchema()
    /// `e`: the sample values being edited; ⏎ sends them.
    var values: SampleValuesForm?
    var result: TestRequestResult?
    /// The first `.clock` after sending, and the latest one.
    var startedAt: Date?
    var now = Date(timeIntervalSince1970: 0)
    var scroll = 0
    var curl: String?
    /// Opened with Alt-T: the sample values are being edited and nothing
    /// has been sent yet (⏎ sends them, Esc closes the panel).
    var unsent = false

    /// A request is in flight.
    var pending: Bool { result == nil && !unsent }

    var elapsedMilliseconds: Int {
        guard let startedAt else { return 0 }
        return max(0, Int((now.timeIntervalSince(startedAt) * 1000).rounded()))
    }

    /// One line on how it went.
    var summary: (String, Style) {
        if unsent { return ("Not sent yet: POST \(url) with these values", Style(.accent, bold: true)) }
        guard let result else {
            let frame = CallPane.spinner[(elapsedMilliseconds / 80) % CallPane.spinner.count]
            return ("\(frame) sending POST \(url) · \(elapsedMilliseconds) ms", Style(.warning, bold: true))
        }
        switch result.outcome {
        case let .success(_, agentMessage, exchange):
            var text = "✓ \(CallPane.statusText(exchange.status)) in \(CallPane.milliseconds(exchange))"
            if let agentMessage { text += " · agent_message: \(agentMessage)" }
            return (text, Style(.success, bold: true))
        case let .failure(fault, exchange):
            let timing = exchange.map { " after \(CallPane.milliseconds($0))" } ?? ""
            return ("✗ \(fault.code): \(fault.explanation)\(timing)", Style(.error, bold: true))
        }
    }
}

extension Shell {
    /// Ctrl-T in the form: checks what a request needs, then sends the form's
    /// action (saved or not) with sample values.
    static func sendTestRequest(_ state: inout ConsoleState, arguments edited: JSONObject? = nil) -> [ConsoleEffect] {
        guard var editor = state.actions.editor else { return [] }
        guard editor.kind == .customInput else {
            state.status = StatusMessage("Only Custom External Actions send requests", kind: .info)
            return []
        }
        guard editor.checkForTestRequest() else {
            state.actions.editor = editor
            return []
        }
        let action = editor.draftAction
        let schema = action.customInput?.inputSchema ?? InputSchema()
        let arguments = edited ?? SampleValues.arguments(for: schema)
        if let issue = schema.validate(arguments: arguments).first {
            editor.refuseTestRequest(field: .inputSchema, "the sample values don't fit the schema: \(issue.description)")
            state.actions.editor = editor
            return []
        }
        state.actions.editor = editor
        state.actions.testRequestCount += 1
        state.actions.testPanel = TestRequestPanel(number: state.actions.testRequestCount, actionName: action.name.isEmpty ? "new action" : action.name,
                                           url: action.customInput?.url ?? "", arguments: arguments, schema: schema)
        let invocation = InvocationRequest(action: action, arguments: arguments, callID: CallID.generate().rawValue)
        return [.call(.sendTestRequest(TestRequest(number: state.actions.testRequestCount, invocation: invocation)))]
    }

    /// Alt-T in the form: the same checks as Ctrl-T, then the sample values
    /// open for editing before anything goes out; ⏎ sends them.
    static func editTestRequestValues(_ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var editor = state.actions.editor else { return [] }
        guard editor.kind == .customInput else {
            state.status = StatusMessage("Only Custom External Actions send requests", kind: .info)
            return []
        }
        let checked = editor.checkForTestRequest()
        state.actions.editor = editor
        guard checked else { return [] }
        let action = editor.draftAction
        let schema = action.customInput?.inputSchema ?? InputSchema()
        let arguments = SampleValues.arguments(for: schema)
        var panel = TestRequestPanel(number: state.actions.testRequestCount, actionName: action.name.isEmpty ? "new action" : action.name,
                                     url: action.customInput?.url ?? "", arguments: arguments, schema: schema)
        panel.unsent = true
        panel.values = SampleValuesForm(schema: schema, arguments: arguments)
        state.actions.testPanel = panel
        return []
    }

    /// A key in the test request panel runs its row's command
    /// (`TestRequestPanel.keys`); in the sample values form a key no row has
    /// is the field's text.
    static func handleTestPanel(_ event: InputEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var panel = state.actions.testPanel else { return [] }
        switch event {
        case .resize:
            return []
        case let .paste(text):
            panel.values?.paste(text)
        case let .key(key):
            if let command = panel.command(for: key) { return runTestPanel(command, &state) }
            panel.values?.type(key)
        }
        state.actions.testPanel = panel
        return []
    }

    /// Runs a command of the test request panel (from a key's row).
    static func runTestPanel(_ command: TestPanelCommand, _ state: inout ConsoleState) -> [ConsoleEffect] {
        guard var panel = state.actions.testPanel else { return [] }
        switch command {
        case .quit: return run(.quit, &state)
        case .help: return run(.help, &state)
        case .sendValues:
            guard var values = panel.values else { return [] }
            switch values.arguments(for: panel.schema) {
            case let .success(arguments):
                state.actions.testPanel = nil
                return sendTestRequest(&state, arguments: arguments)
            case let .failure(problem):
                values.problem = problem.message
                panel.values = values
            }
        case .leaveValues:
            // Nothing was sent yet: there is no answer to go back to.
            if panel.unsent {
                state.actions.testPanel = nil
                return []
            }
            panel.values = nil
        case .nextValue: panel.values?.moveFocus(by: 1)
        case .previousValue: panel.values?.moveFocus(by: -1)
        case .editValues:
            panel.values = SampleValuesForm(schema: panel.schema, arguments: panel.arguments)
        case .close:
            state.actions.testPanel = nil
            return []
        case .sendAgain:
            // Again with the same values (edited ones stay edited).
            state.actions.testPanel = nil
            return sendTestRequest(&state, arguments: panel.arguments)
        case .copyCurl:
            return copyCurl(panel.result?.sent, &state)
        case .copyCurlWithSecrets:
            return copyCurl(panel.result?.sent, includeSecrets: true, &state)
        case .scrollDown: panel.scroll += 1
        case .scrollUp: panel.scroll = max(0, panel.scroll - 1)
        case .pageDown: panel.scroll += pageRows(state)
        case .pageUp: panel.scroll = max(0, panel.scroll - pageRows(state))
        case .top: panel.scroll = 0
        case .bottom: panel.scroll = 10_000
        }
        panel.scroll = min(panel.scroll, 10_000)
        state.actions.testPanel = panel
        return []
    }
}

extension ActionEditorState {
    /// Checks what a test request needs (a URL that is one, headers and the
    /// signing secret as they must be written, a schema without problems),
    /// showing each problem under its field as a save would. True when it can go.
    mutating func checkForTestRequest() -> Bool {
        var found: [EditorField: String] = [:]
        if values.url.text.trimmingCharacters(in: .whitespaces).isEmpty {
            found[.url] = "add the URL the request goes to, e.g. https://api.example.com/leads"
        }
        let checked: [EditorField] = [.url, .signatureSecret, .inputSchema] + values.headers.indices.map { EditorField.header($0) }
        for field in checked where found[field] == nil {
            if let problem = values.problem(for: field, takenFunctionNames: []) { found[field] = problem }
        }
        guard let first = values.fieldOrder.first(where: { found[$0] != nil }) else { return true }
        errors.merge(found) { _, new in new }
        refuseTestRequest(field: first, found.count == 1 ? found[first]! : "\(found.count) fields need fixing")
        return false
    }

    /// Shows why the test request was not sent, on the field and in the notice line.
    mutating func refuseTestRequest(field: EditorField, _ problem: String) {
        if field == .inputSchema, errors[.inputSchema] == nil { errors[.inputSchema] = problem }
        screen = .form
        propertyForm = nil
        focus = field
        message = "Not sent: \(problem)"
    }
}
