import ActionModel
import Foundation

/// Bland: a custom tool whose `body` is a template (`{{input.x}}`) and whose
/// `input_schema.properties` are informal hints, not JSON Schema. The hints
/// Switchboard writes are `[required ]TYPE[: description]`, TYPE being
/// string, `string(email)` (a format), number, integer, boolean or
/// `one of a|b|c`, so its own exports read back.
enum BlandDefinition {
    /// Words a Bland tool name must not contain: the list in Bland's `POST /v1/tools`
    /// reference ("reserved words that can confuse the AI that cannot be included").
    static let reservedWords = ["input", "speak", "transfer", "switch", "wait", "finish", "press", "button",
                                "say", "pause", "record", "play", "dial", "hang"]
    /// The time sample values are made from, so an export is the same every day.
    static let exampleDate = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    static func export(_ action: Action, notes: inout [ExportNote]) -> JSONValue? {
        let name = action.functionName
        guard case let .customInput(custom) = action.configuration else {
            notes.append(ExportNote(name, "Bland has no tool for \(action.kind.title) actions (set it on the call, e.g. transfer_phone_number); not exported"))
            return nil
        }
        var object = JSONObject()
        object["name"] = .string(name)
        object["description"] = .string(action.description)
        if !custom.speakOnSend.isEmpty { object["speech"] = .string(custom.speakOnSend) }
        object["url"] = .string(custom.url ?? "")
        object["method"] = "POST"
        if !custom.headers.isEmpty { object["headers"] = Definition.headersObject(custom.headers) }
        object["body"] = .object(bodyTemplate(custom.inputSchema))
        var hints = JSONObject()
        var droppedKeywords: [String] = []
        for property in custom.inputSchema.properties {
            hints[property.name] = .string(hint(property))
            if property.pattern != nil { droppedKeywords.append("\(property.name).pattern") }
            if property.minimum != nil || property.maximum != nil { droppedKeywords.append("\(property.name) range") }
            if property.type == .array || property.type == .object { droppedKeywords.append("\(property.name) (\(property.type.rawValue))") }
        }
        object["input_schema"] = [
            "example": .object(SampleValues.arguments(for: custom.inputSchema, now: exampleDate)),
            "type": "object", "properties": .object(hints),
        ]
        object["timeout"] = .integer(custom.timeoutSeconds * 1000)
        if !droppedKeywords.isEmpty {
            notes.append(ExportNote(name, "Bland's input hints are informal, so these are not checked there: \(droppedKeywords.joined(separator: ", "))"))
        }
        if !custom.speakOnReceive.isEmpty {
            notes.append(ExportNote(name, "Bland's agent words the answer itself; the Speak on Receive line is not exported"))
        }
        for secret in Definition.secretNames(custom) {
            notes.append(ExportNote(name, "{{secret.\(secret)}} stays a placeholder: on Bland, paste the value into the tool's headers (or use a Bland secret)"))
        }
        if custom.signatureSecret != nil {
            notes.append(ExportNote(name, "Bland does not sign tool requests; the signing secret is not exported"))
        }
        if case .phrases = action.trigger {
            notes.append(ExportNote(name, "Bland has no phrase triggers: the model calls the tool; the trigger phrases are not exported"))
        }
        return .object(object)
    }

    /// `{"date":"{{input.date}}", …}`: every property, in schema order.
    static func bodyTemplate(_ schema: InputSchema) -> JSONObject {
        JSONObject(schema.properties.map { (key: $0.name, value: .string("{{input.\($0.name)}}")) })
    }

    static func hint(_ property: SchemaProperty) -> String {
        let type = property.isEnum ? "one of " + property.enumValues.joined(separator: "|")
            : property.format.map { "string(\($0.rawValue))" } ?? property.type.rawValue
        return (property.isRequired ? "required " : "") + type + (property.description.isEmpty ? "" : ": " + property.description)
    }

    /// Reads a hint back; anything not in Switchboard's own form becomes an
    /// optional string described by the hint.
    static func property(named name: String, hint: String) -> SchemaProperty {
        var rest = Substring(hint)
        let required = rest.hasPrefix("required ")
        if required { rest = rest.dropFirst("required ".count) }
        let typeText: Substring
        var description = ""
        if let colon = rest.range(of: ": ") {
            typeText = rest[..<colon.lowerBound]
            description = String(rest[colon.upperBound...])
        } else {
            typeText = rest
        }
        var property = SchemaProperty(name: name)
        if typeText.hasPrefix("one of ") {
            let values = typeText.dropFirst("one of ".count).split(separator: "|").map(String.init)
            guard !values.isEmpty else { return SchemaProperty(name: name, description: hint) }
            property.type = .string
            property.enumValues = values
        } else if typeText.hasPrefix("string("), typeText.hasSuffix(")"),
                  let format = StringFormat(rawValue: String(typeText.dropFirst("string(".count).dropLast())) {
            property.type = .string
            property.format = format
        } else if let type = PropertyType(rawValue: String(typeText)), PropertyType.editable.contains(type) {
            property.type = type
        } else {
            return SchemaProperty(name: name, description: hint)
        }
        property.isRequired = required
        property.description = description
        return property
    }

    static func read(_ object: JSONObject, position: Int, into result: inout PlatformImport) {
        let reader = KeyReader(object)
        let functionName = reader.string("name") ?? "tool_\(position)"
        let tool = functionName
        let description = reader.string("description") ?? ""
        var dropped: [DroppedField] = []
        var custom = CustomInputConfiguration(bodyFormat: .argsAtRoot)
        custom.url = reader.string("url").flatMap { $0.isEmpty ? nil : $0 }
        custom.speakOnSend = reader.string("speech") ?? ""
        if let method = reader.string("method"), method.uppercased() != "POST" {
            dropped.append(DroppedField(tool: tool, path: "method", reason: "'\(method)': Switchboard sends POST"))
        }
        custom.headers = Definition.headers(reader.take("headers"), path: "headers", tool: tool, dropped: &dropped)
        let schemaReader = KeyReader(reader.object("input_schema") ?? JSONObject(), path: "input_schema")
        schemaReader.ignore("example", "type")
        var properties: [SchemaProperty] = []
        for (name, hint) in schemaReader.object("properties") ?? JSONObject() {
            if let problem = SchemaProperty.nameProblem(name) {
                result.refused.append(RefusedTool(name: tool, reason: "input_schema.properties.\(name): \(problem)"))
                return
            }
            properties.append(property(named: name, hint: hint.stringValue ?? hint.compactText))
        }
        custom.inputSchema = InputSchema(properties: properties)
        dropped += schemaReader.leftovers(tool: tool)
        if let body = reader.take("body"), body != .object(bodyTemplate(custom.inputSchema)) {
            dropped.append(DroppedField(tool: tool, path: "body",
                                        reason: "a template other than one {{input.x}} per field; Switchboard sends the fields as they are"))
        }
        if let response = reader.object("response"), !response.isEmpty {
            dropped.append(DroppedField(tool: tool, path: "response", reason: "response variables are not kept; use {{result.path}} in Speak on Receive"))
        }
        if let timeout = reader.take("timeout")?.numericValue {
            custom.timeoutSeconds = Definition.seconds(timeout / 1000, path: "timeout", tool: tool, dropped: &dropped)
        }
        dropped += reader.leftovers(tool: tool)
        result.dropped += dropped
        result.actions.append(Action(
            name: Definition.title(functionName), functionName: functionName, description: description,
            configuration: .customInput(custom), platform: .bland))
    }
}
