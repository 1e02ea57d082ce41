import ActionModel
import Foundation

/// ElevenLabs Agents: `webhook` (server) tools whose `api_schema` holds the
/// URL (with `{path}` parameters), method, headers and a per-property body
/// schema; `system` tools for ending and transferring calls.
enum ElevenLabsDefinition {
    static let timeoutRange = 5...300
    /// The keywords ElevenLabs' per-property schema objects take; others are not exported.
    static let keptKeywords: Set<String> = ["type", "description", "enum", "items", "properties", "required"]

    static func export(_ action: Action, notes: inout [ExportNote]) -> JSONValue {
        let name = action.functionName
        switch action.configuration {
        case let .customInput(custom):
            // `name={name}` query pairs of fields become query_params_schema and
            // leave the URL; other `{name}`s of fields are path parameters.
            let fieldNames = Set(custom.inputSchema.properties.map(\.name))
            let queryNames = URLParameters.queryNames(in: custom.url ?? "").filter(fieldNames.contains)
            let url = URLParameters.removingQueryPairs(queryNames, from: custom.url ?? "")
            let pathNames = URLParameters.names(in: url)
            var pathSchema = JSONObject()
            var queryProperties = JSONObject()
            var queryRequired: [JSONValue] = []
            var bodyProperties = JSONObject()
            var bodyRequired: [JSONValue] = []
            var droppedKeywords: [String] = []
            for property in custom.inputSchema.properties {
                let trimmed = trim(property.jsonSchema, path: property.name, dropped: &droppedKeywords)
                if queryNames.contains(property.name) {
                    queryProperties[property.name] = trimmed
                    if property.isRequired { queryRequired.append(.string(property.name)) }
                } else if pathNames.contains(property.name) {
                    pathSchema[property.name] = trimmed
                } else {
                    bodyProperties[property.name] = trimmed
                    if property.isRequired { bodyRequired.append(.string(property.name)) }
                }
                if property.description.isEmpty {
                    notes.append(ExportNote(name, "property '\(property.name)' has no description: ElevenLabs' model never fills it; add one"))
                }
            }
            if !droppedKeywords.isEmpty {
                notes.append(ExportNote(name, "ElevenLabs' schema takes type, description, enum, items and properties only; not exported: \(droppedKeywords.joined(separator: ", "))"))
            }
            var api = JSONObject()
            api["url"] = .string(url)
            api["method"] = "POST"
            if !pathSchema.isEmpty { api["path_params_schema"] = .object(pathSchema) }
            if !queryProperties.isEmpty {
                api["query_params_schema"] = ["properties": .object(queryProperties), "required": .array(queryRequired)]
            }
            api["request_body_schema"] = [
                "type": "object", "description": .string(action.description),
                "properties": .object(bodyProperties), "required": .array(bodyRequired),
            ]
            if !custom.headers.isEmpty { api["request_headers"] = Definition.headersObject(custom.headers) }
            api["content_type"] = "application/json"
            var object = JSONObject()
            object["type"] = "webhook"
            object["name"] = .string(name)
            object["description"] = .string(action.description)
            object["response_timeout_secs"] = .integer(custom.timeoutSeconds)
            if !custom.speakOnSend.isEmpty { object["pre_tool_speech"] = "force" }
            object["api_schema"] = .object(api)
            if !custom.speakOnSend.isEmpty || !custom.speakOnReceive.isEmpty {
                notes.append(ExportNote(name, "ElevenLabs' agent words what it says around a tool; the Speak on Send/Receive lines are not exported (pre_tool_speech is forced on when Speak on Send is set)"))
            }
            for secret in Definition.secretNames(custom) {
                notes.append(ExportNote(name, "{{secret.\(secret)}} stays a placeholder: on ElevenLabs, add it as a workspace secret and pick it in request_headers"))
            }
            if custom.signatureSecret != nil {
                notes.append(ExportNote(name, "ElevenLabs does not sign tool requests; the signing secret is not exported (authenticate with a header)"))
            }
            if custom.bodyFormat == .fluents {
                notes.append(ExportNote(name, "ElevenLabs sends the arguments at the root of the body, not in {call_id, payload}"))
            }
            triggerNote(action, &notes)
            return .object(object)
        case let .endConversation(end):
            if !end.goodbye.isEmpty { notes.append(ExportNote(name, "ElevenLabs' end_call has no goodbye line; not exported")) }
            triggerNote(action, &notes)
            return system(name, action.description, ["system_tool_type": "end_call"])
        case let .transferCalls(transfer):
            triggerNote(action, &notes)
            return system(name, action.description, [
                "system_tool_type": "transfer_to_number",
                "transfers": [["phone_number": .string(transfer.phoneNumber), "condition": .string(action.description)]],
            ])
        case let .warmTransfer(warm):
            notes.append(ExportNote(name, "ElevenLabs transfers without a briefing; exported as a plain transfer_to_number (the summary is not exported)"))
            triggerNote(action, &notes)
            return system(name, action.description, [
                "system_tool_type": "transfer_to_number",
                "transfers": [["phone_number": .string(warm.phoneNumber), "condition": .string(action.description)]],
            ])
        case let .dtmf(dtmf):
            notes.append(ExportNote(name, "ElevenLabs' play_keypad_touch_tone lets the model choose the keys; the fixed buttons \(dtmf.buttons) are not exported"))
            triggerNote(action, &notes)
            return system(name, action.description, ["system_tool_type": "play_keypad_touch_tone"])
        }
    }

    static func system(_ name: String, _ description: String, _ params: JSONObject) -> JSONValue {
        ["type": "system", "name": .string(name), "description": .string(description), "params": .object(params)]
    }

    static func triggerNote(_ action: Action, _ notes: inout [ExportNote]) {
        if case .phrases = action.trigger {
            notes.append(ExportNote(action.functionName, "ElevenLabs has no phrase triggers: the model calls the tool; the trigger phrases are not exported"))
        }
    }

    /// A property's schema with only the keywords ElevenLabs takes, nested too.
    static func trim(_ schema: JSONValue, path: String, dropped: inout [String]) -> JSONValue {
        guard let object = schema.objectValue else { return schema }
        var kept = JSONObject()
        for (key, value) in object {
            guard keptKeywords.contains(key) else { dropped.append("\(path).\(key)"); continue }
            switch key {
            case "items": kept[key] = trim(value, path: path + "[]", dropped: &dropped)
            case "properties":
                var nested = JSONObject()
                for (name, child) in value.objectValue ?? JSONObject() { nested[name] = trim(child, path: path + "." + name, dropped: &dropped) }
                kept[key] = .object(nested)
            default: kept[key] = value
            }
        }
        return .object(kept)
    }

    static func read(_ object: JSONObject, position: Int, into result: inout PlatformImport) {
        let reader = KeyReader(object)
        let type = reader.string("type") ?? "webhook"
        let functionName = reader.string("name") ?? "tool_\(position)"
        let tool = functionName
        let description = reader.string("description") ?? ""
        var dropped: [DroppedField] = []

        let configuration: ActionConfiguration
        switch type {
        case "webhook":
            var custom = CustomInputConfiguration(bodyFormat: .argsAtRoot)
            let api = KeyReader(reader.object("api_schema") ?? JSONObject(), path: "api_schema")
            custom.url = api.string("url").flatMap { $0.isEmpty ? nil : $0 }
            if let method = api.string("method"), method.uppercased() != "POST" {
                dropped.append(DroppedField(tool: tool, path: "api_schema.method", reason: "'\(method)': Switchboard sends POST"))
            } else if api.source.keys.contains("method") == false {
                dropped.append(DroppedField(tool: tool, path: "api_schema.method", reason: "missing (ElevenLabs' default is GET): Switchboard sends POST"))
            }
            // Path, query and body parameters become one Input Schema: path ones
            // first (required), then query ones, written into the URL as
            // `name={name}` pairs so a call sends them in the query.
            var properties = JSONObject()
            var required: [JSONValue] = []
            for (name, schema) in api.object("path_params_schema") ?? JSONObject() {
                properties[name] = schema
                required.append(.string(name))
            }
            if let queryObject = api.object("query_params_schema") {
                let query = KeyReader(queryObject, path: "api_schema.query_params_schema")
                let queryProperties = query.object("properties") ?? JSONObject()
                for (name, schema) in queryProperties { properties[name] = schema }
                required += query.take("required")?.arrayValue ?? []
                custom.url = URLParameters.addingQueryPairs(Array(queryProperties.keys), to: custom.url ?? "")
                dropped += query.leftovers(tool: tool)
            }
            let body = api.object("request_body_schema") ?? JSONObject()
            for (name, schema) in body["properties"]?.objectValue ?? JSONObject() { properties[name] = schema }
            required += body["required"]?.arrayValue ?? []
            let combined: JSONValue = ["type": "object", "properties": .object(properties), "required": .array(required)]
            switch Definition.schema(combined, path: "api_schema.request_body_schema", tool: tool) {
            case let .success(schema): custom.inputSchema = schema
            case let .failure(refusal): result.refused.append(refusal); return
            }
            custom.headers = Definition.headers(api.take("request_headers"), path: "api_schema.request_headers", tool: tool, dropped: &dropped)
            if let contentType = api.string("content_type"), contentType != "application/json" {
                dropped.append(DroppedField(tool: tool, path: "api_schema.content_type", reason: "'\(contentType)': Switchboard sends JSON"))
            }
            dropped += api.leftovers(tool: tool)
            if let timeout = reader.take("response_timeout_secs")?.numericValue {
                custom.timeoutSeconds = Definition.seconds(timeout, path: "response_timeout_secs", tool: tool, dropped: &dropped)
            } else {
                custom.timeoutSeconds = 20  // ElevenLabs' default
            }
            if reader.string("pre_tool_speech") == "force" {
                custom.speakOnSend = Definition.defaultSendLine
                dropped.append(DroppedField(tool: tool, path: "pre_tool_speech",
                                            reason: "the agent words it on ElevenLabs; Switchboard says \"\(Definition.defaultSendLine)\" (change it with --speak-on-send)"))
            }
            configuration = .customInput(custom)
        case "system":
            let params = reader.object("params") ?? JSONObject()
            switch params["system_tool_type"]?.stringValue ?? functionName {
            case "end_call":
                configuration = .endConversation(Definition.goodbye(nil, tool: tool, dropped: &dropped))
            case "transfer_to_number":
                guard let number = params["transfers"]?.arrayValue?.first?.objectValue?["phone_number"]?.stringValue else {
                    result.refused.append(RefusedTool(name: tool, reason: "a transfer_to_number without a phone_number"))
                    return
                }
                configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: number))
            case "play_keypad_touch_tone":
                result.refused.append(RefusedTool(name: tool, reason: "ElevenLabs' play_keypad_touch_tone has no fixed keys; create it with `switchboard actions create --kind dtmf --buttons …`"))
                return
            case let other:
                result.refused.append(RefusedTool(name: tool, reason: "the ElevenLabs system tool '\(other)' has no equivalent in Switchboard"))
                return
            }
        default:
            result.refused.append(RefusedTool(name: tool, reason: "an ElevenLabs '\(type)' tool has no equivalent in Switchboard (webhook and system tools are read)"))
            return
        }
        dropped += reader.leftovers(tool: tool)
        result.dropped += dropped
        result.actions.append(Action(
            name: Definition.title(functionName), functionName: functionName, description: description,
            configuration: configuration, platform: .elevenlabs))
    }
}
