import ActionModel

/// Maps actions to and from each platform's tool definitions.
public enum PlatformDefinitions {
    /// Every action in `format`'s definition JSON, with a note for each
    /// setting the platform has no place for and each secret to set there.
    /// An action the platform has no tool for is left out, with a note.
    public static func export(_ actions: [Action], to format: PlatformFormat, strict: Bool = false) -> PlatformExport {
        var export = PlatformExport(format: format, definitions: [], notes: [])
        for action in actions {
            if let definition = definition(action, format: format, strict: strict, notes: &export.notes) {
                export.definitions.append(definition)
            }
        }
        return export
    }

    /// One action's definition; nil when the platform has no tool for its kind.
    public static func definition(_ action: Action, format: PlatformFormat, strict: Bool = false, notes: inout [ExportNote]) -> JSONValue? {
        switch format {
        case .fluents: return FluentsDefinition.export(action, notes: &notes)
        case .vapi: return VapiDefinition.export(action, notes: &notes)
        case .retell: return RetellDefinition.export(action, notes: &notes)
        case .elevenlabs: return ElevenLabsDefinition.export(action, notes: &notes)
        case .bland: return BlandDefinition.export(action, notes: &notes)
        case .openai:
            guard action.kind == .customInput else {
                notes.append(ExportNote(action.functionName, "\(action.kind.title) actions are not OpenAI tools; not exported"))
                return nil
            }
            if strict, let schema = action.customInput?.inputSchema {
                for note in StrictMode.lint(schema) { notes.append(ExportNote(action.functionName, "strict: \(note)")) }
            }
            return OpenAITool.export(action, strict: strict)
        }
    }

    /// Reads tool definitions: one tool, an array, or `{"tools":[…]}`. Each
    /// tool's format is `format`, or detected from its keys when nil. Imported
    /// actions target the platform they came from (OpenAI tools: Fluents).
    public static func importTools(_ json: JSONValue, format: PlatformFormat? = nil) -> PlatformImport {
        var result = PlatformImport()
        // OpenAI tools come in more shapes than one tool per element (bare
        // functions, Berkeley leaderboard entries…): when nothing in the
        // document is another platform's, OpenAI's reader takes it whole.
        if format == .openai || (format == nil && !containsOtherPlatform(json)) {
            let imported = OpenAITool.importTools(json)
            return PlatformImport(actions: imported.actions, dropped: [], refused: imported.refused)
        }
        var tools: [JSONValue]
        switch json {
        case let .array(elements): tools = elements
        case let .object(object):
            if let list = object["tools"]?.arrayValue, object["type"] == nil { tools = list } else { tools = [json] }
        default:
            result.refused.append(RefusedTool(name: "input", reason: "expected a tool definition (a JSON object) or a list of them, not \(json.typeName)"))
            return result
        }
        for (index, tool) in tools.enumerated() {
            let position = index + 1
            guard let object = tool.objectValue else {
                result.refused.append(RefusedTool(name: "tool \(position)", reason: "must be a JSON object, not \(tool.typeName)"))
                continue
            }
            guard let toolFormat = format ?? PlatformFormat.detect(tool) else {
                let name = object["name"]?.stringValue ?? "tool \(position)"
                result.refused.append(RefusedTool(name: name, reason: "can't tell which platform this tool is written for; give --platform \(PlatformFormat.choices)"))
                continue
            }
            switch toolFormat {
            case .fluents: FluentsDefinition.read(object, position: position, into: &result)
            case .vapi: VapiDefinition.read(object, position: position, into: &result)
            case .retell: RetellDefinition.read(object, position: position, into: &result)
            case .elevenlabs: ElevenLabsDefinition.read(object, position: position, into: &result)
            case .bland: BlandDefinition.read(object, position: position, into: &result)
            case .openai:
                let imported = OpenAITool.importTools(tool)
                result.actions += imported.actions
                result.refused += imported.refused
            }
        }
        // Two tools with one function name can't both be stored; refuse the later one here.
        var seen = Set<String>()
        var unique: [Action] = []
        for action in result.actions {
            if seen.insert(action.functionName).inserted {
                unique.append(action)
            } else {
                result.refused.append(RefusedTool(name: action.functionName, reason: "an earlier tool in this import is already named '\(action.functionName)'; rename one of them and import it again"))
            }
        }
        result.actions = unique
        return result
    }

    static func containsOtherPlatform(_ json: JSONValue) -> Bool {
        let elements: [JSONValue]
        switch json {
        case let .array(list): elements = list
        case let .object(object): elements = object["tools"]?.arrayValue ?? [json]
        default: return false
        }
        return elements.contains { element in
            guard let format = PlatformFormat.detect(element) else { return false }
            return format != .openai
        }
    }
}
