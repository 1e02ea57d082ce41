/// Reading and writing actions as OpenAI function-calling tools.
///
/// Export writes the Chat Completions form
/// `{"type":"function","function":{"name","description","parameters"}}`.
/// Import reads that form, a bare function, the flat Responses-API form and
/// `{"tools":[…]}`, and turns each tool into a Custom Input action.
///
/// Import maps the types of Gorilla / the Berkeley Function Calling
/// Leaderboard (`dict` → `object`, `float` → `number`, `tuple` → `array`)
/// and refuses, one tool at a time and with the reason, what Switchboard
/// can't hold: a type `any`, an invalid function or property name, a keyword
/// its validator does not check.
///
/// Gorilla's `optional` keyword (`"optional": true` on a property, or a list of
/// names on the parameters object) only repeats what `required` already says,
/// so it is kept as an annotation, like `description`, and written back as it
/// came. A tool whose `optional` contradicts its `required` is refused.
public enum OpenAITool {
    /// {"type":"function","function":{"name": functionName,"description","parameters": inputSchema.jsonSchema}}; strict adds "strict": true and the strict schema.
    ///
    /// A strict export is written even when `StrictMode.lint` has notes (the
    /// keywords it names are kept, not dropped); show the notes before sending it.
    /// An action other than Custom Input has no Input Schema and exports an empty one.
    public static func export(_ action: Action, strict: Bool = false) -> JSONValue {
        let schema = action.customInput?.inputSchema ?? InputSchema()
        var function = JSONObject()
        function["name"] = .string(action.functionName)
        function["description"] = .string(action.description)
        function["parameters"] = strict ? StrictMode.strictSchema(schema) : schema.jsonSchema
        if strict { function["strict"] = true }
        return ["type": "function", "function": .object(function)]
    }

    /// The tools as a JSON array, in the actions' order.
    public static func export(_ actions: [Action], strict: Bool = false) -> JSONValue {
        .array(actions.map { export($0, strict: strict) })
    }

    /// Reads one tool or an array of tools. Accepts {"type":"function","function":{…}}, a bare
    /// function {"name","description","parameters"}, the flat Responses-API form {"type":"function","name",…},
    /// and {"tools":[…]}. Each tool becomes a Custom Input action (name = a human title made from the function
    /// name, e.g. create_crm_lead → "Create crm lead"; functionName = the tool name; description; url = `url`
    /// argument, or nil meaning "needs a URL"). A tool that can't be imported is refused with its name and the
    /// reason; the rest are imported.
    ///
    /// A strict tool (`"strict": true`; the Responses API's flat form is strict
    /// unless it says `"strict": false`) writes an optional field as a required
    /// one typed `["T","null"]`; such a field comes back as an optional `T`, in
    /// nested objects and array items too.
    public static func importTools(_ json: JSONValue, url: String? = nil) -> OpenAIToolImport {
        var result = OpenAIToolImport(actions: [], refused: [])
        var candidates: [Candidate] = []
        var position = 0
        collect(json, into: &candidates, position: &position)
        let url = (url ?? "").isEmpty ? nil : url
        var importedNames = Set<String>()
        for candidate in candidates {
            switch candidate {
            case let .refused(refusal):
                result.refused.append(refusal)
            case let .function(function, strict):
                switch importFunction(function, strict: strict, url: url) {
                case let .failure(refusal):
                    result.refused.append(refusal)
                case let .success(action):
                    if !importedNames.insert(action.functionName).inserted {
                        result.refused.append(RefusedTool(
                            name: action.functionName,
                            reason: "an earlier tool in this import is already named '\(action.functionName)'; rename one of them and import it again"))
                    } else {
                        result.actions.append(action)
                    }
                }
            }
        }
        return result
    }

    // MARK: - Finding the tools

    enum Candidate {
        case function(JSONObject, strict: Bool)
        case refused(RefusedTool)
    }

    static func collect(_ json: JSONValue, into candidates: inout [Candidate], position: inout Int) {
        switch json {
        case let .array(elements):
            for element in elements { collect(element, into: &candidates, position: &position) }
        case let .object(object):
            if object["name"] == nil, object["function"] == nil, let tools = object["tools"] {
                guard tools.arrayValue != nil else {
                    position += 1
                    candidates.append(.refused(RefusedTool(name: "tools", reason: "'tools' must be a list of tools")))
                    return
                }
                collect(tools, into: &candidates, position: &position)
                return
            }
            // A BFCL entry: {"id", "question", "function": [functions]}.
            if object["type"] == nil, case let .array(functions)? = object["function"] {
                collect(.array(functions), into: &candidates, position: &position)
                return
            }
            position += 1
            if let type = object["type"] {
                guard type == "function" else {
                    let name = object["name"]?.stringValue ?? type.stringValue ?? "tool \(position)"
                    candidates.append(.refused(RefusedTool(
                        name: name, reason: "it is a \(type.compactText) tool, not a function; only function tools can be imported")))
                    return
                }
                if case let .object(function)? = object["function"] {
                    let strict = function["strict"]?.boolValue ?? object["strict"]?.boolValue ?? false
                    candidates.append(.function(function, strict: strict))
                } else if object["name"] != nil {
                    // The Responses API's flat form; its function tools are strict by default.
                    candidates.append(.function(object, strict: object["strict"]?.boolValue ?? true))
                } else {
                    candidates.append(.refused(RefusedTool(
                        name: "tool \(position)", reason: "a function tool needs a 'function' object or a 'name'")))
                }
            } else if object["name"] != nil {
                candidates.append(.function(object, strict: object["strict"]?.boolValue ?? false))
            } else {
                candidates.append(.refused(RefusedTool(
                    name: "tool \(position)",
                    reason: "not a tool: expected {\"type\":\"function\",\"function\":{…}}, a function with a name, or {\"tools\":[…]}")))
            }
        default:
            position += 1
            candidates.append(.refused(RefusedTool(
                name: "tool \(position)", reason: "a tool must be a JSON object, not \(json.typeName)")))
        }
    }

    // MARK: - One function

    static func importFunction(_ function: JSONObject, strict: Bool, url: String?) -> Result<Action, RefusedTool> {
        guard case let .string(name)? = function["name"], !name.isEmpty else {
            let shown = function["name"].map { $0.compactText } ?? "(unnamed)"
            return .failure(RefusedTool(name: shown, reason: "the tool has no name; give it one like create_crm_lead"))
        }
        var problems: [String] = []
        if !FunctionName.isValid(name) {
            problems.append("'\(name)' isn't a valid function name (only letters, digits, '_' and '-', at most \(FunctionName.maximumLength) characters); rename it, e.g. to \(suggestedFunctionName(for: name))")
        }
        var description = ""
        switch function["description"] {
        case nil, .null?: break
        case let .string(text)?: description = text
        case let other?: problems.append("the description must be text, not \(other.typeName)")
        }
        var parameters = function["parameters"] ?? ["type": "object", "properties": [:]]
        if parameters.isNull { parameters = ["type": "object", "properties": [:]] }
        guard case .object = parameters else {
            problems.append("'parameters' must be a JSON Schema object, not \(parameters.typeName)")
            return .failure(RefusedTool(name: name, reason: problems.joined(separator: "; ")))
        }
        parameters = gorillaMapped(parameters)
        if strict { parameters = relaxedStrict(parameters) }
        problems += parameterProblems(parameters)
        var schema = InputSchema()
        if problems.isEmpty {
            do { schema = try InputSchema(jsonSchema: parameters) } catch {
                problems.append("parameters: \(error.description)")
            }
        }
        guard problems.isEmpty else { return .failure(RefusedTool(name: name, reason: problems.joined(separator: "; "))) }
        let action = Action(
            name: title(fromFunctionName: name), functionName: name, description: description,
            configuration: .customInput(CustomInputConfiguration(url: url, inputSchema: schema)))
        return .success(action)
    }

    /// `math.factorial` → `math_factorial`: each character a tool name can't hold
    /// becomes `_`, and the name is cut to 64 characters.
    static func suggestedFunctionName(for name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let valid = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-")
            result.unicodeScalars.append(valid ? scalar : "_")
        }
        if result.isEmpty { result = "action" }
        return String(result.prefix(FunctionName.maximumLength))
    }

    /// A name for people from a tool name: `create_crm_lead` → "Create crm lead",
    /// `getWeatherForecast` → "Get weather forecast", `fetch_DNA_sequence` →
    /// "Fetch DNA sequence". Acronyms keep their capitals.
    public static func title(fromFunctionName name: String) -> String {
        var words: [String] = []
        var current = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" || character == "." || character == " " {
                if !current.isEmpty { words.append(current); current = "" }
                continue
            }
            if character.isUppercase, let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        guard !words.isEmpty else { return name }
        let shaped = words.map { word -> String in
            let rest = word.dropFirst()
            // "Weather" and "weather" read as ordinary words; "DNA" or "iPhone" keep their shape.
            if rest.allSatisfy({ !$0.isUppercase }) && (word.first!.isLowercase || word.count > 1) { return word.lowercased() }
            return word
        }
        var title = shaped.joined(separator: " ")
        title = title.prefix(1).uppercased() + title.dropFirst()
        return title
    }

    // MARK: - Schemas

    /// Gorilla's Python type names mapped to JSON Schema's, in nested schemas too.
    static func gorillaMapped(_ value: JSONValue) -> JSONValue {
        guard case var .object(node) = value else { return value }
        func mapType(_ type: JSONValue) -> JSONValue {
            switch type {
            case let .string(name): return .string(gorillaTypes[name] ?? name)
            case let .array(names): return .array(names.map(mapType))
            default: return type
            }
        }
        if let type = node["type"] { node["type"] = mapType(type) }
        if case let .object(properties)? = node["properties"] {
            var mapped = JSONObject()
            for (name, property) in properties { mapped[name] = gorillaMapped(property) }
            node["properties"] = .object(mapped)
        }
        switch node["items"] {
        case let .array(items)?: node["items"] = .array(items.map(gorillaMapped))
        case let items?: node["items"] = gorillaMapped(items)
        case nil: break
        }
        if case .object? = node["additionalProperties"] { node["additionalProperties"] = gorillaMapped(node["additionalProperties"]!) }
        return .object(node)
    }

    static let gorillaTypes = ["dict": "object", "float": "number", "tuple": "array"]

    /// In a strict tool, a property typed `["T","null"]` is an optional `T`: it
    /// leaves `required` (which loses the key when nothing is left in it), and
    /// null leaves its enum. Nested objects and array items are read the same
    /// way, so a strict export of the action gives the tool back.
    /// `additionalProperties: false` stays: it is a constraint the validator keeps.
    static func relaxedStrict(_ schema: JSONValue) -> JSONValue {
        guard case var .object(node) = schema else { return schema }
        if case let .object(properties)? = node["properties"] {
            var required = node["required"]?.arrayValue
            var relaxed = JSONObject()
            for (name, property) in properties {
                guard case var .object(child) = relaxedStrict(property) else {
                    relaxed[name] = property
                    continue
                }
                if case let .array(types)? = child["type"], types.count == 2, types.contains(.string("null")),
                    let single = types.first(where: { $0 != .string("null") }), single.stringValue != nil
                {
                    child["type"] = single
                    if case let .array(values)? = child["enum"] { child["enum"] = .array(values.filter { !$0.isNull }) }
                    required?.removeAll { $0 == .string(name) }
                }
                relaxed[name] = .object(child)
            }
            node["properties"] = .object(relaxed)
            if let required { node["required"] = required.isEmpty ? nil : .array(required) }
        }
        if let items = node["items"], items.objectValue != nil { node["items"] = relaxedStrict(items) }
        return .object(node)
    }

    /// The keywords Switchboard's validator checks.
    static let validatorKeywords: Set<String> = [
        "type", "required", "properties", "additionalProperties", "enum", "const", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "items", "minItems", "maxItems",
        "multipleOf", "format",
    ]
    /// Kept and written back, but not checked: annotations, and Gorilla's `optional`.
    static let annotationKeywords: Set<String> = ["description", "title", "default", "examples", "optional"]
    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "array", "object", "null"]

    /// Everything about the (mapped) parameters object that keeps it from being imported.
    static func parameterProblems(_ parameters: JSONValue) -> [String] {
        guard case let .object(root) = parameters else { return ["'parameters' must be a JSON Schema object"] }
        var problems: [String] = []
        if let type = root["type"], type != "object" {
            problems.append("the parameters must be an object schema (type \"object\"), not \(type.compactText)")
        }
        let unsupported = root.keys.filter { !validatorKeywords.contains($0) && !annotationKeywords.contains($0) }
        if !unsupported.isEmpty {
            problems.append("the parameters use \(StrictMode.list(unsupported)), which Switchboard's validator doesn't support")
        }
        for keyword in ["minLength", "maxLength", "pattern", "items", "minItems", "maxItems", "enum", "const", "format",
                        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] where root[keyword] != nil {
            problems.append("'\(keyword)' doesn't apply to the parameters object; move it onto a property")
        }
        problems += objectProblems(root, path: "", topLevel: true)
        return problems
    }

    /// The problems of an object schema's `properties`, `required`, `optional`
    /// and `additionalProperties`; `path` names the object ("" for the parameters).
    static func objectProblems(_ node: JSONObject, path: String, topLevel: Bool) -> [String] {
        var problems: [String] = []
        let owner = path.isEmpty ? "the parameters" : "property '\(path)'"
        var properties = JSONObject()
        switch node["properties"] {
        case nil: break
        case let .object(declared)?: properties = declared
        case let other?: problems.append("\(owner): 'properties' must be an object of property schemas, not \(other.typeName)")
        }
        var required: [String] = []
        switch node["required"] {
        case nil: break
        case let .array(names)? where names.allSatisfy({ $0.stringValue != nil }):
            required = names.compactMap(\.stringValue)
            for name in required where properties[name] == nil {
                problems.append("'\(name)' is required but not among the properties of \(owner)")
            }
        case .some: problems.append("\(owner): 'required' must be a list of property names")
        }
        // Gorilla lists the optional names on the object, too.
        // (On a nested object, a true/false `optional` is about the object itself: see propertyProblems.)
        if let optional = node["optional"] {
            if case let .array(names) = optional, names.allSatisfy({ $0.stringValue != nil }) {
                for case let .string(name) in names where required.contains(name) {
                    problems.append("'\(name)' is both required and listed as optional in \(owner); keep one")
                }
            } else if topLevel {
                problems.append("\(owner): 'optional' must be a list of property names")
            }
        }
        for (name, property) in properties {
            let propertyPath = path.isEmpty ? name : "\(path).\(name)"
            if let problem = SchemaProperty.nameProblem(name) {
                problems.append(path.isEmpty ? problem : "in '\(path)', \(problem)")
                continue
            }
            problems += propertyProblems(property, path: propertyPath, isRequired: required.contains(name), topLevel: topLevel)
        }
        switch node["additionalProperties"] {
        case nil, .bool?: break
        case let .object(schema)?: problems += propertyProblems(.object(schema), path: (path.isEmpty ? "" : path + ".") + "additionalProperties", isRequired: false, topLevel: false)
        case let other?: problems.append("\(owner): 'additionalProperties' must be true, false or a schema, not \(other.typeName)")
        }
        return problems
    }

    /// One property's schema (or an items / additionalProperties schema).
    static func propertyProblems(_ value: JSONValue, path: String, isRequired: Bool, topLevel: Bool) -> [String] {
        let label = "property '\(path)'"
        guard case let .object(node) = value else { return ["\(label) must be a schema object, not \(value.typeName)"] }
        var problems: [String] = []
        let unsupported = node.keys.filter { !validatorKeywords.contains($0) && !annotationKeywords.contains($0) }
        if !unsupported.isEmpty {
            problems.append("\(label) uses \(StrictMode.list(unsupported)), which Switchboard's validator doesn't support")
        }
        let oneType = "give it one JSON type (string, number, integer, boolean, array or object)"
        var types: [String] = []
        switch node["type"] {
        case nil:
            if node["enum"] == nil && node["const"] == nil { problems.append("\(label) has no type; \(oneType)") }
        case let .string(type)?:
            types = [type]
        case let .array(names)? where !topLevel && !names.isEmpty && names.allSatisfy({ $0.stringValue != nil }):
            types = names.compactMap(\.stringValue)
        case let .array(names)? where topLevel && names.contains(.string("null")):
            problems.append("\(label) has type \(JSONValue.array(names).compactText); a field has one type here: drop \"null\" and leave it out of required to make it optional (or mark the tool strict)")
        case let .array(names)? where topLevel:
            problems.append("\(label) has type \(JSONValue.array(names).compactText); a field has one type here, so pick one")
        case let other?:
            problems.append("\(label) has type \(other.compactText); \(oneType)")
        }
        for type in types where !typeNames.contains(type) || (topLevel && type == "null") {
            if type == "any" {
                problems.append("\(label) has type \"any\", which an Input Schema can't express; \(oneType)")
            } else {
                problems.append("\(label) has unknown type \"\(type)\"; \(oneType)")
            }
        }
        if let optional = node["optional"], !(optional.arrayValue != nil && (types.contains("object") || node["properties"] != nil)) {
            let isOptional: Bool?
            switch optional {
            case let .bool(flag): isOptional = flag
            case let .string(text) where ["true", "false"].contains(text.lowercased()): isOptional = text.lowercased() == "true"
            default: isOptional = nil
            }
            if isOptional == nil {
                problems.append("\(label): 'optional' must be true or false")
            } else if isOptional == true && isRequired {
                problems.append("\(label) is both required and marked optional; keep one")
            }
        }
        if types.contains("object") || node["properties"] != nil {
            problems += objectProblems(node, path: path, topLevel: false)
        }
        switch node["items"] {
        case nil: break
        case .array?: problems.append("\(label) lists its items as a tuple; use one schema in 'items'")
        case let items?: problems += propertyProblems(items, path: path + "[]", isRequired: false, topLevel: false)
        }
        return problems
    }
}

public struct OpenAIToolImport: Sendable {
    public var actions: [Action]
    public var refused: [RefusedTool]
    public init(actions: [Action], refused: [RefusedTool]) {
        self.actions = actions
        self.refused = refused
    }
}

/// A tool left out of an import, and why.
public struct RefusedTool: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var reason: String
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
    public var description: String { "\(name): \(reason)" }
}
