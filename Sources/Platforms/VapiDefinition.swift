import ActionModel

/// Vapi: `function` tools with a `server` (the tool-calls protocol) and
/// `messages` for what the assistant says; `endCall`, `transferCall`, `dtmf`.
enum VapiDefinition {
    static let timeoutRange = 1...300

    static func export(_ action: Action, notes: inout [ExportNote]) -> JSONValue {
        let name = action.functionName
        let function: JSONValue = ["name": .string(name), "description": .string(action.description)]
        switch action.configuration {
        case let .customInput(custom):
            var object = JSONObject()
            object["type"] = "function"
            object["async"] = false
            object["function"] = [
                "name": .string(name), "description": .string(action.description), "strict": false,
                "parameters": custom.inputSchema.jsonSchema,
            ]
            var server = JSONObject()
            server["url"] = .string(custom.url ?? "")
            server["timeoutSeconds"] = .integer(custom.timeoutSeconds)
            if !custom.headers.isEmpty { server["headers"] = Definition.headersObject(custom.headers) }
            object["server"] = .object(server)
            var messages: [JSONValue] = []
            if !custom.speakOnSend.isEmpty {
                messages.append(["type": "request-start", "content": .string(custom.speakOnSend), "blocking": false])
            }
            if !custom.speakOnReceive.isEmpty {
                messages.append(["type": "request-complete", "role": "assistant", "content": .string(custom.speakOnReceive)])
            }
            if !messages.isEmpty { object["messages"] = .array(messages) }
            for secret in Definition.secretNames(custom) {
                notes.append(ExportNote(name, "{{secret.\(secret)}} stays a placeholder: on Vapi, store it as a credential on the server (Authorization: Bearer) or paste it into server.headers"))
            }
            if custom.signatureSecret != nil {
                notes.append(ExportNote(name, "Vapi does not send x-vocode-signature; the signing secret is not exported (authenticate with a server credential header)"))
            }
            if custom.bodyFormat == .argsAtRoot {
                notes.append(ExportNote(name, "Vapi always sends its tool-calls message; args-at-root is not exported"))
            }
            triggerNote(action, &notes)
            return .object(object)
        case let .endConversation(end):
            var object: JSONObject = ["type": "endCall", "function": function]
            if !end.goodbye.isEmpty {
                object["messages"] = [["type": "request-start", "content": .string(end.goodbye), "blocking": true]]
            }
            triggerNote(action, &notes)
            return .object(object)
        case let .transferCalls(transfer):
            triggerNote(action, &notes)
            return ["type": "transferCall", "function": function,
                    "destinations": [["type": "number", "number": .string(transfer.phoneNumber)]]]
        case let .warmTransfer(warm):
            triggerNote(action, &notes)
            return ["type": "transferCall", "function": function,
                    "destinations": [["type": "number", "number": .string(warm.phoneNumber),
                                      "transferPlan": ["mode": "warm-transfer-say-message", "message": .string(warm.summary)]]]]
        case let .dtmf(dtmf):
            notes.append(ExportNote(name, "Vapi's dtmf tool lets the model choose the keys; the fixed buttons \(dtmf.buttons) are not exported (say them in the description)"))
            triggerNote(action, &notes)
            return ["type": "dtmf", "function": function]
        }
    }

    static func triggerNote(_ action: Action, _ notes: inout [ExportNote]) {
        if case .phrases = action.trigger {
            notes.append(ExportNote(action.functionName, "Vapi has no phrase triggers: the model calls the tool; the trigger phrases are not exported"))
        }
    }

    static func read(_ object: JSONObject, position: Int, into result: inout PlatformImport) {
        let reader = KeyReader(object)
        let type = reader.string("type") ?? ""
        let functionObject = reader.object("function") ?? JSONObject()
        let function = KeyReader(functionObject, path: "function")
        let functionName = function.string("name") ?? reader.string("name") ?? "\(type)_\(position)"
        let tool = functionName
        let description = function.string("description") ?? reader.string("description") ?? ""
        var dropped: [DroppedField] = []
        let messages = reader.take("messages")?.arrayValue ?? []
        func message(_ type: String) -> String? {
            messages.first { $0.objectValue?["type"]?.stringValue == type }?.objectValue?["content"]?.stringValue
        }
        func dropMessages(except kept: [String]) {
            for (index, entry) in messages.enumerated() {
                let messageType = entry.objectValue?["type"]?.stringValue ?? "?"
                if !kept.contains(messageType) {
                    dropped.append(DroppedField(tool: tool, path: "messages.\(index)", reason: "a '\(messageType)' message has no equivalent in Switchboard; dropped"))
                }
            }
        }

        let configuration: ActionConfiguration
        switch type {
        case "function":
            var custom = CustomInputConfiguration()
            switch Definition.schema(function.take("parameters"), path: "function.parameters", tool: tool) {
            case let .success(schema): custom.inputSchema = schema
            case let .failure(refusal): result.refused.append(refusal); return
            }
            if function.bool("strict") == true {
                dropped.append(DroppedField(tool: tool, path: "function.strict", reason: "strict mode is not kept; export --platform openai --strict writes it"))
            }
            if reader.bool("async") == true {
                dropped.append(DroppedField(tool: tool, path: "async", reason: "Switchboard always waits for the result (a synchronous tool)"))
            }
            if let serverObject = reader.object("server") {
                let server = KeyReader(serverObject, path: "server")
                custom.url = server.string("url").flatMap { $0.isEmpty ? nil : $0 }
                if let timeout = server.take("timeoutSeconds")?.numericValue {
                    custom.timeoutSeconds = Definition.seconds(timeout, path: "server.timeoutSeconds", tool: tool, dropped: &dropped)
                } else {
                    custom.timeoutSeconds = 20  // Vapi's default
                }
                custom.headers = Definition.headers(server.take("headers"), path: "server.headers", tool: tool, dropped: &dropped)
                dropped += server.leftovers(tool: tool)
            }
            custom.speakOnSend = message("request-start") ?? ""
            custom.speakOnReceive = message("request-complete") ?? ""
            dropMessages(except: ["request-start", "request-complete"])
            configuration = .customInput(custom)
        case "endCall":
            configuration = .endConversation(Definition.goodbye(message("request-start"), tool: tool, dropped: &dropped))
            dropMessages(except: ["request-start"])
        case "transferCall":
            let destinations = reader.take("destinations")?.arrayValue ?? []
            guard let first = destinations.first?.objectValue, let number = first["number"]?.stringValue else {
                result.refused.append(RefusedTool(name: tool, reason: "a transferCall tool without a number destination; Switchboard transfers to one fixed number"))
                return
            }
            for index in destinations.indices.dropFirst() {
                dropped.append(DroppedField(tool: tool, path: "destinations.\(index)", reason: "Switchboard transfers to one number; only the first destination is kept"))
            }
            let destination = KeyReader(first, path: "destinations.0")
            destination.ignore("type", "number")
            if let plan = destination.object("transferPlan"), plan["mode"]?.stringValue == "warm-transfer-say-message" {
                configuration = .warmTransfer(Definition.warm(number, summary: plan["message"]?.stringValue, tool: tool, dropped: &dropped))
            } else {
                configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: number))
            }
            dropped += destination.leftovers(tool: tool)
            dropMessages(except: [])
        case "dtmf":
            result.refused.append(RefusedTool(name: tool, reason: "Vapi's dtmf tool has no fixed buttons; create it with `switchboard actions create --kind dtmf --buttons …`"))
            return
        default:
            result.refused.append(RefusedTool(name: tool, reason: "a Vapi '\(type)' tool has no equivalent in Switchboard (function, endCall, transferCall are read)"))
            return
        }
        reader.ignore("name", "description")
        dropped += reader.leftovers(tool: tool) + function.leftovers(tool: tool)
        result.dropped += dropped
        result.actions.append(Action(
            name: Definition.title(functionName), functionName: functionName, description: description,
            configuration: configuration, platform: .vapi))
    }
}
