import ActionModel
import Foundation
import Screen

/// A row of the configuration form that can hold the focus.
enum EditorField: Hashable, Sendable {
    case name, functionName, description, url, speakOnSend, speakOnReceive, timeout
    case trigger, phrases, bodyFormat, platform
    /// What a simulated call does before sending: ask the optional fields
    /// once, read the values back (yes/no rows: Space or ⏎ turns them on and off).
    case asksOptionalFields, readsBack
    /// One "Name: value" line of the Headers list.
    case header(Int)
    /// The "+ add header" row under the headers.
    case addHeader
    case signatureSecret, inputSchema
    case goodbye, phoneNumber, buttons, summary

    var label: String {
        switch self {
        case .name: return ActionField.name.label
        case .functionName: return ActionField.functionName.label
        case .description: return ActionField.description.label
        case .url: return ActionField.url.label
        case .speakOnSend: return ActionField.speakOnSend.label
        case .speakOnReceive: return ActionField.speakOnReceive.label
        case .timeout: return "Timeout (s)"
        case .trigger: return ActionField.trigger.label
        case .phrases: return "Phrases"
        case .bodyFormat: return ActionField.bodyFormat.label
        case .platform: return "Platform"
        case .asksOptionalFields: return "Ask optional"
        case .readsBack: return "Read back"
        case .header, .addHeader: return ActionField.headers.label
        case .signatureSecret: return ActionField.signatureSecret.label
        case .inputSchema: return ActionField.inputSchema.label
        case .goodbye: return ActionField.goodbye.label
        case .phoneNumber: return ActionField.phoneNumber.label
        case .buttons: return ActionField.buttons.label
        case .summary: return ActionField.summary.label
        }
    }

    /// Shown in the placeholder role while the field is empty.
    func placeholder(for kind: ActionKind) -> String {
        let example: String
        switch kind {
        case .customInput: example = "Create CRM lead"
        case .endConversation: example = "End the call"
        case .transferCalls: example = "Transfer to sales"
        case .dtmf: example = "Press 1 for support"
        case .warmTransfer: example = "Warm transfer to billing"
        }
        switch self {
        case .name: return "e.g. " + example
        case .functionName: return "e.g. " + FunctionName.derived(from: example)
        default: return placeholder
        }
    }

    private var placeholder: String {
        switch self {
        case .description: return "what the action does, for the agent"
        case .url: return "e.g. https://api.example.com/leads"
        case .speakOnSend: return "e.g. Let me check your account details."
        case .speakOnReceive: return "e.g. Okay, I've retrieved your information."
        case .timeout: return "1 to 300"
        case .phrases: return "e.g. let me transfer you, one moment"
        case .signatureSecret: return "none (requests are not signed)"
        case .goodbye: return "e.g. Thanks for calling, goodbye!"
        case .phoneNumber: return "e.g. +14155550100"
        case .buttons: return "e.g. 1# (0-9, * and #)"
        case .summary: return "what the person taking the call is told"
        case .header: return "Name: value"
        default: return ""
        }
    }

    /// The action field a store or `Action.issues` message points at.
    init?(_ field: ActionField) {
        switch field {
        case .name: self = .name
        case .functionName: self = .functionName
        case .description: self = .description
        case .trigger: self = .phrases
        case .url: self = .url
        case .speakOnSend: self = .speakOnSend
        case .speakOnReceive: self = .speakOnReceive
        case .timeout: self = .timeout
        case .headers: self = .addHeader
        case .signatureSecret: self = .signatureSecret
        case .bodyFormat: self = .bodyFormat
        case .inputSchema: self = .inputSchema
        case .goodbye: self = .goodbye
        case .phoneNumber: self = .phoneNumber
        case .buttons: self = .buttons
        case .summary: self = .summary
        }
    }

    var isHeader: Bool { if case .header = self { return true } else { return false } }
}

/// Everything the form edits, as the person typed it (text, not parsed values).
struct FormValues: Equatable, Sendable {
    var kind: ActionKind
    var name = TextField()
    var functionName = TextField()
    var description = TextField()
    var url = TextField()
    var speakOnSend = TextField()
    var speakOnReceive = TextField()
    var timeout = TextField(String(CustomInputConfiguration.defaultTimeoutSeconds))
    var usesPhrases = false
    var phrases = TextField()
    var bodyFormat = BodyFormat.fluents
    /// What the simulated agent does once the required fields are in: the
    /// form's Ask optional and Read back rows.
    var asksOptionalFields = false
    var readsBack = false
    /// Whose request, signature and response contract calls use.
    var platform = ActionPlatform.default
    var headers: [TextField] = []
    var signatureSecret = TextField()
    var schema = InputSchema()
    var goodbye = TextField()
    var phoneNumber = TextField()
    var buttons = TextField()
    var summary = TextField()

    init(kind: ActionKind) { self.kind = kind }

    init(action: Action) {
        kind = action.kind
        name = TextField(action.name)
        functionName = TextField(action.functionName)
        description = TextField(action.description)
        platform = action.platform
        if case let .phrases(list) = action.trigger {
            usesPhrases = true
            phrases = TextField(list.joined(separator: ", "))
        }
        switch action.configuration {
        case let .customInput(config):
            url = TextField(config.url ?? "")
            speakOnSend = TextField(config.speakOnSend)
            speakOnReceive = TextField(config.speakOnReceive)
            timeout = TextField(String(config.timeoutSeconds))
            bodyFormat = config.bodyFormat
            asksOptionalFields = config.asksOptionalFields
            readsBack = config.readsBack
            headers = config.headers.map { TextField("\($0.name): \($0.value)") }
            signatureSecret = TextField(config.signatureSecret ?? "")
            schema = config.inputSchema
        case let .endConversation(config):
            goodbye = TextField(config.goodbye)
        case let .transferCalls(config):
            phoneNumber = TextField(config.phoneNumber)
        case let .dtmf(config):
            buttons = TextField(config.buttons)
        case let .warmTransfer(config):
            phoneNumber = TextField(config.phoneNumber)
            summary = TextField(config.summary)
        }
    }

    /// What the person sees, without cursor positions: two values with the same
    /// content are the same edit, wherever the cursors are.
    struct Content: Equatable {
        var texts: [String]
        var usesPhrases: Bool
        var bodyFormat: BodyFormat
        var asksOptionalFields: Bool
        var readsBack: Bool
        var platform: ActionPlatform
        var schema: InputSchema
    }

    var content: Content {
        let fields = [name, functionName, description, url, speakOnSend, speakOnReceive, timeout, phrases,
                      signatureSecret, goodbye, phoneNumber, buttons, summary]
        return Content(
            texts: fields.map(\.text) + ["\u{0}headers"] + headers.map(\.text).filter { !$0.isEmpty },
            usesPhrases: usesPhrases, bodyFormat: bodyFormat, asksOptionalFields: asksOptionalFields, readsBack: readsBack,
            platform: platform, schema: schema
        )
    }

    /// The focusable rows for this kind, top to bottom.
    var fieldOrder: [EditorField] {
        var fields: [EditorField] = [.name, .functionName, .description]
        let trigger: [EditorField] = usesPhrases ? [.trigger, .phrases] : [.trigger]
        switch kind {
        case .customInput:
            fields += [.url, .speakOnSend, .speakOnReceive, .timeout]
            fields += trigger
            fields += [.bodyFormat, .asksOptionalFields, .readsBack]
            fields += headers.indices.map { EditorField.header($0) }
            // Before the Input Schema, which stays last (Shift-Tab from the top reaches it).
            fields += [.addHeader, .signatureSecret, .platform, .inputSchema]
        case .endConversation: fields += trigger + [.goodbye]
        case .transferCalls: fields += trigger + [.phoneNumber]
        case .dtmf: fields += trigger + [.buttons]
        case .warmTransfer: fields += trigger + [.phoneNumber, .summary]
        }
        return fields
    }

    /// The text input behind a field, for the fields that are one.
    subscript(text field: EditorField) -> TextField? {
        get {
            switch field {
            case .name: return name
            case .functionName: return functionName
            case .description: return description
            case .url: return url
            case .speakOnSend: return speakOnSend
            case .speakOnReceive: return speakOnReceive
            case .timeout: return timeout
            case .phrases: return phrases
            case let .header(index): return headers.indices.contains(index) ? headers[index] : nil
            case .signatureSecret: return signatureSecret
            case .goodbye: return goodbye
            case .phoneNumber: return phoneNumber
            case .buttons: return buttons
            case .summary: return summary
            case .trigger, .bodyFormat, .asksOptionalFields, .readsBack, .platform, .addHeader, .inputSchema: return nil
            }
        }
        set {
            guard let newValue else { return }
            switch field {
            case .name: name = newValue
            case .functionName: functionName = newValue
            case .description: description = newValue
            case .url: url = newValue
            case .speakOnSend: speakOnSend = newValue
            case .speakOnReceive: speakOnReceive = newValue
            case .timeout: timeout = newValue
            case .phrases: phrases = newValue
            case let .header(index): if headers.indices.contains(index) { headers[index] = newValue }
            case .signatureSecret: signatureSecret = newValue
            case .goodbye: goodbye = newValue
            case .phoneNumber: phoneNumber = newValue
            case .buttons: buttons = newValue
            case .summary: summary = newValue
            case .trigger, .bodyFormat, .asksOptionalFields, .readsBack, .platform, .addHeader, .inputSchema: break
            }
        }
    }

    // MARK: Parsing what was typed

    /// Phrases are separated by commas or line breaks; blanks between separators are dropped.
    static func parsePhrases(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// "Name: value" → a header; nil when there is no colon.
    static func parseHeader(_ line: String) -> HTTPHeader? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return HTTPHeader(name: name, value: value)
    }

    var parsedHeaders: [HTTPHeader] {
        headers.map(\.text).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.compactMap(Self.parseHeader)
    }

    var trigger: ActionTrigger { usesPhrases ? .phrases(Self.parsePhrases(phrases.text)) : .functionCall }

    var configuration: ActionConfiguration {
        switch kind {
        case .customInput:
            let secret = signatureSecret.text.trimmingCharacters(in: .whitespaces)
            return .customInput(CustomInputConfiguration(
                url: url.text.isEmpty ? nil : url.text,
                speakOnSend: speakOnSend.text, speakOnReceive: speakOnReceive.text, inputSchema: schema,
                timeoutSeconds: Int(timeout.text.trimmingCharacters(in: .whitespaces)) ?? CustomInputConfiguration.defaultTimeoutSeconds,
                headers: parsedHeaders, signatureSecret: secret.isEmpty ? nil : secret, bodyFormat: bodyFormat,
                asksOptionalFields: asksOptionalFields, readsBack: readsBack
            ))
        case .endConversation: return .endConversation(EndConversationConfiguration(goodbye: goodbye.text))
        case .transferCalls: return .transferCalls(TransferCallsConfiguration(phoneNumber: phoneNumber.text))
        case .dtmf: return .dtmf(DTMFConfiguration(buttons: buttons.text))
        case .warmTransfer: return .warmTransfer(WarmTransferConfiguration(phoneNumber: phoneNumber.text, summary: summary.text))
        }
    }

    // MARK: Validation, one field at a time

    /// The problem with one field, or nil. `takenFunctionNames` are the other
    /// actions' tool names (lowercased).
    func problem(for field: EditorField, takenFunctionNames: Set<String>) -> String? {
        switch field {
        case .name: return FieldRules.name(name.text)
        case .functionName:
            if let problem = FieldRules.functionName(functionName.text) { return problem }
            if takenFunctionNames.contains(functionName.text.lowercased()) {
                return "'\(functionName.text)' is already the function name of another action; pick another"
            }
            return nil
        case .url: return FieldRules.url(url.text)
        case .speakOnReceive: return FieldRules.speakOnReceive(speakOnReceive.text)
        case .timeout:
            let text = timeout.text.trimmingCharacters(in: .whitespaces)
            guard let seconds = Int(text) else {
                let range = CustomInputConfiguration.timeoutRange
                return text.isEmpty
                    ? "enter how long to wait for the response, \(range.lowerBound) to \(range.upperBound) seconds"
                    : "'\(text)' is not a whole number of seconds"
            }
            return FieldRules.timeout(seconds)
        case .phrases: return usesPhrases ? FieldRules.triggerPhrases(Self.parsePhrases(phrases.text)) : nil
        case let .header(index):
            guard headers.indices.contains(index) else { return nil }
            let line = headers[index].text
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
            guard let header = Self.parseHeader(line) else { return "write the header as 'Name: value'" }
            if let problem = FieldRules.header(header) { return problem }
            let earlier = headers[..<index].compactMap { Self.parseHeader($0.text) }
            if earlier.contains(where: { $0.name.lowercased() == header.name.lowercased() }) {
                return "'\(header.name)' is set twice; keep one"
            }
            return nil
        case .signatureSecret:
            return FieldRules.signatureSecret(signatureSecret.text.trimmingCharacters(in: .whitespaces), base64: platform == .fluents)
        case .inputSchema: return schema.issues.first
        case .goodbye: return FieldRules.requiredLine(goodbye.text, what: "the goodbye line the agent says before hanging up")
        case .phoneNumber: return FieldRules.phoneNumber(phoneNumber.text)
        case .buttons: return FieldRules.buttons(buttons.text)
        case .summary: return FieldRules.requiredLine(summary.text, what: "the summary said to the person taking the call")
        case .description, .speakOnSend, .trigger, .bodyFormat, .asksOptionalFields, .readsBack, .platform, .addHeader: return nil
        }
    }
}
