import ActionModel
import Platforms

// The live tool definition shown beside the editor (OpenAI by default, F3 for
// another platform), and the notes under it: strict mode for OpenAI, the
// platform's lint otherwise.

extension ActionEditorState {
    /// `{"type":"function","function":{"name","description","parameters"}}` for an action.
    static func toolJSON(for action: Action) -> JSONValue {
        OpenAITool.export(action)
    }

    /// The action in `format`'s definition; a note when the platform has no tool for it.
    static func previewJSON(for action: Action, format: PlatformFormat) -> JSONValue {
        if format == .openai { return toolJSON(for: action) }
        var notes: [ExportNote] = []
        return PlatformDefinitions.definition(action, format: format, notes: &notes)
            ?? .string(notes.first?.text ?? "\(format.title) has no tool for this action")
    }

    /// What keeps the action's schema from OpenAI strict mode, one line each.
    static func strictLintNotes(for action: Action) -> [String] {
        StrictMode.lint(action.customInput?.inputSchema ?? InputSchema())
    }

    /// What `format` would refuse or do differently, for the panel and the Platform row.
    static func platformFindings(for action: Action, format: PlatformFormat) -> [LintFinding] {
        PlatformLint.lint(action, for: format)
    }
}
