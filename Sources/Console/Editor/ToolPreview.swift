import ActionModel

// The live OpenAI tool shown beside the editor, and the strict-mode notes under it.

extension ActionEditorState {
    /// `{"type":"function","function":{"name","description","parameters"}}` for an action.
    static func toolJSON(for action: Action) -> JSONValue {
        OpenAITool.export(action)
    }

    /// What keeps the action's schema from OpenAI strict mode, one line each.
    static func strictLintNotes(for action: Action) -> [String] {
        StrictMode.lint(action.customInput?.inputSchema ?? InputSchema())
    }
}
