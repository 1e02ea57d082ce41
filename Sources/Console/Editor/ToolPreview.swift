import ActionModel

// The live OpenAI tool shown beside the editor, and the strict-mode notes under it.

extension ActionEditorState {
    /// `{"type":"function","function":{"name","description","parameters"}}` for an action.
    // TODO(merge): use OpenAITool.export(action, strict:) once the codec lands in ActionModel.
    static func toolJSON(for action: Action) -> JSONValue {
        let schema = action.customInput?.inputSchema ?? InputSchema()
        var function = JSONObject()
        function["name"] = .string(action.functionName)
        function["description"] = .string(action.description)
        function["parameters"] = schema.jsonSchema
        var tool = JSONObject()
        tool["type"] = "function"
        tool["function"] = .object(function)
        return .object(tool)
    }

    /// What keeps the action's schema from OpenAI strict mode, one line each.
    static func strictLintNotes(for action: Action) -> [String] {
        // TODO(merge): use StrictMode.lint(schema) — this is a minimal local stand-in.
        let schema = action.customInput?.inputSchema ?? InputSchema()
        var notes: [String] = []
        if schema.extraKeywords["additionalProperties"] != .bool(false) {
            notes.append("additionalProperties must be false")
        }
        for property in schema.properties where !property.isRequired {
            notes.append("'\(property.name)' is optional; strict mode requires all properties")
        }
        return notes
    }
}
