import ActionModel

/// Retell: `custom` tools (url, method, parameters, speak during/after
/// execution, `timeout_ms`, `args_at_root`) and `end_call`, `transfer_call`, `press_digit`.
enum RetellDefinition {
    static let timeoutMillisecondsRange = 1_000...600_000

    static func export(_ action: Action, notes: inout [ExportNote]) -> JSONValue {
        let name = action.functionName
        var object = JSONObject()
        switch action.configuration {
        case let .customInput(custom):
            object["type"] = "custom"
            object["name"] = .string(name)
            object["description"] = .string(action.description)
            object["url"] = .string(custom.url ?? "")
            object["method"] = "POST"
            if !custom.headers.isEmpty { object["headers"] = Definition.headersObject(custom.headers) }
            object["parameters"] = custom.inputSchema.jsonSchema
            object["speak_during_execution"] = .bool(!custom.speakOnSend.isEmpty)
            if !custom.speakOnSend.isEmpty {
                object["execution_message_description"] = .string(custom.speakOnSend)
                object["execution_message_type"] = "static_text"
            }
            object["speak_after_execution"] = .bool(!custom.speakOnReceive.isEmpty)
            object["timeout_ms"] = .integer(custom.timeoutSeconds * 1000)
            object["args_at_root"] = .bool(custom.bodyFormat == .argsAtRoot)
            if !custom.speakOnReceive.isEmpty {
                notes.append(ExportNote(name, "speak_after_execution is on/off on Retell (the agent words the answer); the Speak on Receive line is not exported"))
            }
            for secret in Definition.secretNames(custom) {
                notes.append(ExportNote(name, "{{secret.\(secret)}} stays a placeholder: paste the value into the tool's headers on Retell"))
            }
            if custom.signatureSecret != nil {
                notes.append(ExportNote(name, "Retell signs every request with your Retell API key (X-Retell-Signature); the signing secret is not exported"))
            }
        case .endConversation(let end):
            object["type"] = "end_call"
            object["name"] = .string(name)
            object["description"] = .string(action.description)
            if !end.goodbye.isEmpty { notes.append(ExportNote(name, "Retell's end_call has no goodbye line; not exported")) }
        case let .transferCalls(transfer):
            object = transferObject(name, action.description, transfer.phoneNumber, option: "cold_transfer")
        case let .warmTransfer(warm):
            object = transferObject(name, action.description, warm.phoneNumber, option: "warm_transfer")
            if !warm.summary.isEmpty { notes.append(ExportNote(name, "the briefing summary is not exported (Retell's warm transfer writes its own)")) }
        case let .dtmf(dtmf):
            object["type"] = "press_digit"
            object["name"] = .string(name)
            object["description"] = .string(action.description)
            notes.append(ExportNote(name, "Retell's press_digit lets the model choose the digits; the fixed buttons \(dtmf.buttons) are not exported"))
        }
        if case .phrases = action.trigger {
            notes.append(ExportNote(name, "Retell has no phrase triggers: the model calls the tool; the trigger phrases are not exported"))
        }
        return .object(object)
    }

    static func transferObject(_ name: String, _ description: String, _ number: String, option: String) -> JSONObject {
        ["type": "transfer_call", "name": .string(name), "description": .string(description),
         "transfer_destination": ["type": "predefined", "number": .string(number)],
         "transfer_option": ["type": .string(option)]]
    }

    static func read(_ object: JSONObject, position: Int, into result: inout PlatformImport) {
        let reader = KeyReader(object)
        let type = reader.string("type") ?? ""
        let functionName = reader.string("name") ?? "\(type)_\(position)"
        let tool = functionName
        let description = reader.string("description") ?? ""
        var dropped: [DroppedField] = []

        let configuration: ActionConfiguration
        switch type {
        case "custom":
            var custom = CustomInputConfiguration()
            custom.url = reader.string("url").flatMap { $0.isEmpty ? nil : $0 }
            if let method = reader.string("method"), method.uppercased() != "POST" {
                dropped.append(DroppedField(tool: tool, path: "method", reason: "'\(method)': Switchboard sends POST"))
            }
            custom.headers = Definition.headers(reader.take("headers"), path: "headers", tool: tool, dropped: &dropped)
            if let query = reader.object("query_params"), !query.isEmpty {
                dropped.append(DroppedField(tool: tool, path: "query_params", reason: "add them to the URL; dropped"))
            }
            switch Definition.schema(reader.take("parameters"), path: "parameters", tool: tool) {
            case let .success(schema): custom.inputSchema = schema
            case let .failure(refusal): result.refused.append(refusal); return
            }
            let messageType = reader.string("execution_message_type") ?? "static_text"
            if reader.bool("speak_during_execution") == true {
                custom.speakOnSend = reader.string("execution_message_description") ?? Definition.defaultSendLine
                if messageType != "static_text" {
                    dropped.append(DroppedField(tool: tool, path: "execution_message_type",
                                                reason: "'\(messageType)': Switchboard says the execution message as written"))
                }
            } else {
                reader.ignore("execution_message_description")
            }
            if reader.bool("speak_after_execution") == true {
                custom.speakOnReceive = Definition.defaultReceiveLine
                dropped.append(DroppedField(tool: tool, path: "speak_after_execution",
                                            reason: "on/off on Retell; Switchboard says \"\(Definition.defaultReceiveLine)\" (change it with --speak-on-receive)"))
            }
            if let milliseconds = reader.take("timeout_ms")?.numericValue {
                custom.timeoutSeconds = Definition.seconds(milliseconds / 1000, path: "timeout_ms", tool: tool, dropped: &dropped)
            } else {
                custom.timeoutSeconds = 120  // Retell's default, 120,000 ms; fits 1–300 s
            }
            custom.bodyFormat = reader.bool("args_at_root") == true ? .argsAtRoot : .fluents
            configuration = .customInput(custom)
        case "end_call":
            configuration = .endConversation(Definition.goodbye(nil, tool: tool, dropped: &dropped))
        case "transfer_call":
            guard let number = reader.object("transfer_destination")?["number"]?.stringValue else {
                result.refused.append(RefusedTool(name: tool, reason: "a transfer_call without a predefined number; Switchboard transfers to one fixed number"))
                return
            }
            if reader.object("transfer_option")?["type"]?.stringValue == "warm_transfer" {
                configuration = .warmTransfer(Definition.warm(number, summary: nil, tool: tool, dropped: &dropped))
            } else {
                configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: number))
            }
        case "press_digit":
            result.refused.append(RefusedTool(name: tool, reason: "Retell's press_digit has no fixed digits; create it with `switchboard actions create --kind dtmf --buttons …`"))
            return
        default:
            result.refused.append(RefusedTool(name: tool, reason: "a Retell '\(type)' tool has no equivalent in Switchboard (custom, end_call, transfer_call are read)"))
            return
        }
        dropped += reader.leftovers(tool: tool)
        result.dropped += dropped
        result.actions.append(Action(
            name: Definition.title(functionName), functionName: functionName, description: description,
            configuration: configuration, platform: .retell))
    }
}
