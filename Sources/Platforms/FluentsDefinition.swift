import ActionModel

/// Fluents.ai / Vocode: `action_external` and the phone action types, each
/// with `label`, `description`, `config` and an `action_trigger`.
enum FluentsDefinition {
    static let fixedTimeoutSeconds = 10

    static func export(_ action: Action, notes: inout [ExportNote]) -> JSONValue {
        let name = action.functionName
        var config = JSONObject()
        let type: String
        switch action.configuration {
        case let .customInput(custom):
            type = "action_external"
            config["processing_mode"] = "muted"
            config["name"] = .string(name)
            config["description"] = .string(action.description)
            config["url"] = .string(custom.url ?? "")
            config["input_schema"] = custom.inputSchema.jsonSchema
            config["speak_on_send"] = .bool(!custom.speakOnSend.isEmpty)
            config["speak_on_receive"] = .bool(!custom.speakOnReceive.isEmpty)
            if let secret = custom.signatureSecret, !secret.isEmpty {
                if Templates.isOnlyReferences(secret) {
                    config["signature_secret"] = .string(secret)
                    notes.append(ExportNote(name, "signature_secret stays \(secret): put the base64 key in the action's signature secret on Fluents"))
                } else {
                    notes.append(ExportNote(name, "the signing secret is not exported: paste the base64 key into the action's signature secret on Fluents"))
                }
            }
            if !custom.speakOnSend.isEmpty || !custom.speakOnReceive.isEmpty {
                notes.append(ExportNote(name, "speak_on_send/speak_on_receive are on/off on Fluents (the agent words the line); the lines themselves are not exported"))
            }
            for secret in Definition.secretNames(in: [custom.url ?? ""]) {
                notes.append(ExportNote(name, "{{secret.\(secret)}} in the URL stays a placeholder: Fluents has no secrets, so write the value into the action's URL there"))
            }
            if custom.timeoutSeconds != fixedTimeoutSeconds {
                notes.append(ExportNote(name, "Fluents always waits \(fixedTimeoutSeconds) s; the \(custom.timeoutSeconds) s timeout is not exported"))
            }
            if !custom.headers.isEmpty {
                notes.append(ExportNote(name, "Fluents sends no custom headers; \(custom.headers.map(\.name).joined(separator: ", ")) not exported"))
            }
            if custom.bodyFormat == .argsAtRoot {
                notes.append(ExportNote(name, "Fluents always sends {call_id, payload}; args-at-root is not exported"))
            }
        case let .endConversation(end):
            type = "action_end_conversation"
            if !end.goodbye.isEmpty { notes.append(ExportNote(name, "the goodbye line is not part of Fluents' end-conversation action; not exported")) }
        case let .transferCalls(transfer):
            type = "action_transfer_call"
            config["phone_number"] = .string(transfer.phoneNumber)
        case let .dtmf(dtmf):
            type = "action_dtmf"
            config["buttons"] = .string(dtmf.buttons)
        case let .warmTransfer(warm):
            type = "action_warm_transfer"
            config["phone_number"] = .string(warm.phoneNumber)
            if !warm.summary.isEmpty { notes.append(ExportNote(name, "the briefing summary is not part of Fluents' warm transfer; not exported")) }
        }
        var object = JSONObject()
        object["type"] = .string(type)
        object["label"] = .string(action.name)
        object["description"] = .string(action.description)
        object["config"] = .object(config)
        object["action_trigger"] = trigger(action.trigger)
        return .object(object)
    }

    static func trigger(_ trigger: ActionTrigger) -> JSONValue {
        switch trigger {
        case .functionCall:
            return ["type": "action_trigger_function_call", "config": .object(JSONObject())]
        case let .phrases(phrases):
            let list = phrases.map { phrase -> JSONValue in
                ["phrase": .string(phrase), "conditions": ["phrase_condition_type_contains"]]
            }
            return ["type": "action_trigger_phrase_based", "config": ["phrase_triggers": .array(list)]]
        }
    }

    static func read(_ object: JSONObject, position: Int, into result: inout PlatformImport) {
        let reader = KeyReader(object)
        let type = reader.string("type") ?? ""
        let configObject = reader.object("config") ?? JSONObject()
        let config = KeyReader(configObject, path: "config")
        let label = reader.string("label")
        let functionName = config.string("name") ?? label.map(FunctionName.derived(from:)) ?? "action_\(position)"
        let tool = functionName
        var dropped: [DroppedField] = []
        let description = reader.string("description") ?? config.string("description") ?? ""
        config.ignore("description")

        let configuration: ActionConfiguration
        switch type {
        case "action_external":
            var custom = CustomInputConfiguration()
            custom.url = config.string("url").flatMap { $0.isEmpty ? nil : $0 }
            switch Definition.schema(config.take("input_schema"), path: "config.input_schema", tool: tool) {
            case let .success(schema): custom.inputSchema = schema
            case let .failure(refusal): result.refused.append(refusal); return
            }
            if config.bool("speak_on_send") == true {
                custom.speakOnSend = Definition.defaultSendLine
                dropped.append(DroppedField(tool: tool, path: "config.speak_on_send",
                                            reason: "on/off on Fluents; Switchboard says \"\(Definition.defaultSendLine)\" (change it with --speak-on-send)"))
            }
            if config.bool("speak_on_receive") == true {
                custom.speakOnReceive = Definition.defaultReceiveLine
                dropped.append(DroppedField(tool: tool, path: "config.speak_on_receive",
                                            reason: "on/off on Fluents; Switchboard says \"\(Definition.defaultReceiveLine)\" (change it with --speak-on-receive)"))
            }
            if let secret = config.string("signature_secret"), !secret.isEmpty {
                custom.signatureSecret = secret
            }
            if let mode = config.string("processing_mode"), mode != "muted" {
                dropped.append(DroppedField(tool: tool, path: "config.processing_mode", reason: "'\(mode)': Switchboard always mutes the agent while waiting"))
            }
            configuration = .customInput(custom)
        case "action_end_conversation":
            configuration = .endConversation(Definition.goodbye(nil, tool: tool, dropped: &dropped))
        case "action_transfer_call":
            configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: config.string("phone_number") ?? ""))
        case "action_dtmf":
            configuration = .dtmf(DTMFConfiguration(buttons: config.string("buttons") ?? ""))
        case "action_warm_transfer":
            configuration = .warmTransfer(Definition.warm(config.string("phone_number") ?? "", summary: nil, tool: tool, dropped: &dropped))
        default:
            result.refused.append(RefusedTool(name: tool, reason: "'\(type)' is not a Fluents action type Switchboard holds (action_external, action_end_conversation, action_transfer_call, action_dtmf, action_warm_transfer)"))
            return
        }

        var trigger = ActionTrigger.functionCall
        if let triggerObject = reader.object("action_trigger") {
            let triggerReader = KeyReader(triggerObject, path: "action_trigger")
            if triggerReader.string("type") == "action_trigger_phrase_based" {
                let phrases = triggerReader.object("config")?["phrase_triggers"]?.arrayValue ?? []
                var kept: [String] = []
                for (index, entry) in phrases.enumerated() {
                    guard let phrase = entry.objectValue?["phrase"]?.stringValue else { continue }
                    kept.append(phrase)
                    let conditions = entry.objectValue?["conditions"]?.arrayValue?.compactMap(\.stringValue) ?? []
                    if conditions.contains(where: { $0 != "phrase_condition_type_contains" }) {
                        dropped.append(DroppedField(tool: tool, path: "action_trigger.config.phrase_triggers.\(index).conditions",
                                                    reason: "only \"contains\" is simulated; kept as contains"))
                    }
                }
                if !kept.isEmpty { trigger = .phrases(kept) }
            } else {
                triggerReader.ignore("config")
            }
            dropped += triggerReader.leftovers(tool: tool)
        }
        dropped += reader.leftovers(tool: tool) + config.leftovers(tool: tool)
        result.dropped += dropped
        result.actions.append(Action(
            name: label ?? Definition.title(functionName), functionName: functionName, description: description,
            trigger: trigger, configuration: configuration, platform: .fluents))
    }
}
