/// OpenAI's strict mode (Structured Outputs) for function tools.
///
/// The rules, as OpenAI documents them under "Structured Outputs → Supported
/// schemas" (platform.openai.com/docs/guides/structured-outputs#supported-schemas):
/// every object sets `additionalProperties: false`; every property is listed in
/// `required`, an optional one being written as a union with null
/// (`"type": ["string", "null"]`); the supported keywords are, for strings,
/// `pattern` and `format` (date-time, time, date, duration, email, hostname,
/// ipv4, ipv6, uuid), for numbers `multipleOf`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, for arrays `minItems`, `maxItems`,
/// besides `type`, `properties`, `required`, `additionalProperties`, `items`,
/// `enum`, `const`, `anyOf`, `description` and `title`; a schema has at most
/// 5,000 object properties, 10 levels of nesting, 1,000 enum values and
/// 120,000 characters of names and enum/const strings.
/// (Checked against the page as quoted in pydantic/pydantic-ai#2420 and in the
/// "OpenAI Structured Outputs" profile of jsonschemaprofiles.unitvectorylabs.com,
/// February 2026 baseline; the older limits were 100 properties and 5 levels.)
/// Anything else is reported by `lint`, `default` included: OpenAI answered
/// "'default' is not permitted" for it (567-labs/instructor#1074,
/// dotnet/extensions#6196); in 2026 api.openai.com accepted it in a test
/// (openai/openai-agents-python#4390) but Azure OpenAI still refuses it.
public enum StrictMode {
    /// Keywords strict mode accepts on a property schema.
    static let supportedKeywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf",
        "description", "title", "pattern", "format", "multipleOf", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
    ]
    static let supportedFormats: [String] = ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"]
    public static let maximumProperties = 5_000
    public static let maximumNesting = 10
    public static let maximumEnumValues = 1_000
    public static let maximumStringLength = 120_000

    /// The schema in OpenAI strict form: additionalProperties false on every object (nested too), every property
    /// listed in required, optional ones typed ["T","null"].
    ///
    /// Keywords strict mode does not support are left in place (Switchboard's own
    /// validator still uses them); `lint` names them. An object with no
    /// `properties` of its own is left as it is, for the same reason.
    public static func strictSchema(_ schema: InputSchema) -> JSONValue {
        strict(schema.jsonSchema)
    }

    /// Makes one schema node strict, recursing into nested objects and items.
    static func strict(_ value: JSONValue) -> JSONValue {
        guard case var .object(node) = value else { return value }
        if case let .object(properties)? = node["properties"] {
            let required = Set(node["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var strictProperties = JSONObject()
            for (name, propertySchema) in properties {
                var converted = strict(propertySchema)
                if !required.contains(name) { converted = nullable(converted) }
                strictProperties[name] = converted
            }
            node["properties"] = .object(strictProperties)
            // Every property, in property order; the places of the names that were
            // already required are filled in the order the author wrote them.
            var declared = (node["required"]?.arrayValue?.compactMap(\.stringValue) ?? []).filter { properties[$0] != nil }
            var seen = Set<String>()
            declared = declared.filter { seen.insert($0).inserted }
            var names: [String] = []
            for name in properties.keys {
                names.append(required.contains(name) && !declared.isEmpty ? declared.removeFirst() : name)
            }
            node["required"] = .array(names.map { .string($0) })
            node["additionalProperties"] = false
        }
        if let items = node["items"] { node["items"] = items.arrayValue.map { .array($0.map(strict)) } ?? strict(items) }
        if case let .array(choices)? = node["anyOf"] { node["anyOf"] = .array(choices.map(strict)) }
        return .object(node)
    }

    /// `"T"` becomes `["T","null"]`; an enum also allows null. A schema that
    /// already allows null is returned as it is.
    static func nullable(_ value: JSONValue) -> JSONValue {
        guard case var .object(node) = value else { return value }
        switch node["type"] {
        case let .string(type)?:
            guard type != "null" else { return value }
            node["type"] = [.string(type), "null"]
        case let .array(types)?:
            guard !types.contains(.string("null")) else { return value }
            node["type"] = .array(types + ["null"])
        case nil:
            if case let .array(choices)? = node["anyOf"] {
                guard !choices.contains(where: { $0.objectValue?["type"] == "null" }) else { return value }
                node["anyOf"] = .array(choices + [["type": "null"]])
                return .object(node)
            }
            return value  // no type to widen
        default:
            return value
        }
        if case let .array(values)? = node["enum"], !values.contains(.null) { node["enum"] = .array(values + [.null]) }
        return .object(node)
    }

    /// What keeps this schema from strict mode, one sentence each, naming the property and what to change
    /// (e.g. unsupported keywords in strict mode, an object property without its own properties, nesting too deep,
    /// too many properties, additionalProperties true...). Empty when strict mode accepts it as is.
    public static func lint(_ schema: InputSchema) -> [String] {
        var linter = Linter()
        let root = schema.jsonSchema
        if let root = root.objectValue {
            // The top level: only the object keywords are expected here.
            let extras = root.keys.filter { !supportedKeywords.contains($0) }
            if !extras.isEmpty {
                linter.notes.append("The Input Schema's top level uses \(list(extras)), which strict mode doesn't support; remove \(extras.count == 1 ? "it" : "them") or export without strict.")
            }
            linter.checkAdditionalProperties(root, where: "the Input Schema's top level")
        }
        linter.walkObject(root, path: "", depth: 1)
        if linter.propertyCount > maximumProperties {
            linter.notes.append("The schema has \(linter.propertyCount) properties in all; strict mode allows at most \(maximumProperties), so split the action or drop fields.")
        }
        if linter.enumCount > maximumEnumValues {
            linter.notes.append("The schema lists \(linter.enumCount) enum values in all; strict mode allows at most \(maximumEnumValues), so shorten the lists or use plain strings.")
        }
        if linter.stringLength > maximumStringLength {
            linter.notes.append("Property names and enum values add up to \(linter.stringLength) characters; strict mode allows at most \(maximumStringLength), so shorten them.")
        }
        return linter.notes
    }

    static func list(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        if quoted.count <= 1 { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
    }

    struct Linter {
        var notes: [String] = []
        var propertyCount = 0
        var enumCount = 0
        var stringLength = 0
        var reportedDepth = false

        /// An object schema's properties, `depth` being its nesting level (the root is 1).
        mutating func walkObject(_ schema: JSONValue, path: String, depth: Int) {
            guard let node = schema.objectValue, case let .object(properties)? = node["properties"] else { return }
            for (name, property) in properties {
                propertyCount += 1
                stringLength += name.count
                walkProperty(property, path: path.isEmpty ? name : "\(path).\(name)", depth: depth)
            }
        }

        /// One property's own schema, found in an object at nesting level `depth`.
        mutating func walkProperty(_ schema: JSONValue, path: String, depth: Int) {
            let label = "Property '\(path)'"
            guard let node = schema.objectValue else {
                notes.append("\(label) is not a schema object; give it a type.")
                return
            }
            let unsupported = node.keys.filter { !supportedKeywords.contains($0) }
            if !unsupported.isEmpty {
                let it = unsupported.count == 1 ? "it" : "them"
                var note = "\(label) uses \(list(unsupported)), which strict mode doesn't support; remove \(it) or export without strict"
                if unsupported.contains("default") { note += " (say the default in the description instead)" }
                notes.append(note + ".")
            }
            if let format = node["format"]?.stringValue, !supportedFormats.contains(format) {
                notes.append("\(label) has format '\(format)', which strict mode doesn't support (it takes \(supportedFormats.joined(separator: ", "))); remove the format or use a pattern.")
            }
            if case let .array(values)? = node["enum"] {
                enumCount += values.count
                for case let .string(value) in values { stringLength += value.count }
            }
            if case let .string(value)? = node["const"] { stringLength += value.count }
            if node["type"] == nil && node["anyOf"] == nil && node["enum"] == nil && node["const"] == nil {
                notes.append("\(label) has no type; strict mode needs one.")
            }
            let types = Self.types(of: node)
            if types.contains("object") {
                let level = depth + 1
                if level > StrictMode.maximumNesting && !reportedDepth {
                    reportedDepth = true
                    notes.append("\(label) is nested \(level) levels deep; strict mode allows at most \(StrictMode.maximumNesting), so flatten it.")
                }
                if node["properties"]?.objectValue == nil {
                    notes.append("\(label) is an object without properties of its own; strict mode needs its fields listed, so add them (or make it a string).")
                }
                checkAdditionalProperties(node, where: label.prefix(1).lowercased() + label.dropFirst())
                walkObject(schema, path: path, depth: level)
            }
            if types.contains("array") {
                if let items = node["items"] {
                    if items.arrayValue != nil {
                        notes.append("\(label) lists its items as a tuple; strict mode needs one schema in 'items'.")
                    } else {
                        walkProperty(items, path: path + "[]", depth: depth)
                    }
                } else {
                    notes.append("\(label) is an array without 'items'; strict mode needs the item type.")
                }
            }
            if case let .array(choices)? = node["anyOf"] {
                for (index, choice) in choices.enumerated() { walkProperty(choice, path: "\(path).anyOf[\(index)]", depth: depth) }
            }
        }

        mutating func checkAdditionalProperties(_ node: JSONObject, where label: String) {
            switch node["additionalProperties"] {
            case nil, .bool(false)?: return
            case .bool(true)?:
                notes.append("\(label.prefix(1).uppercased() + label.dropFirst()) sets additionalProperties to true; strict mode needs false, so remove it or list the fields.")
            default:
                notes.append("\(label.prefix(1).uppercased() + label.dropFirst()) gives additionalProperties a schema; strict mode needs false, so list the fields as properties instead.")
            }
        }

        static func types(of node: JSONObject) -> [String] {
            switch node["type"] {
            case let .string(type)?: return [type]
            case let .array(types)?: return types.compactMap(\.stringValue)
            default: return node["properties"] != nil ? ["object"] : []
            }
        }
    }
}
