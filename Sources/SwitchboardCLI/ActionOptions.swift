import ActionModel
import ArgumentParser
import Foundation

/// The fields of an action as command-line options, shared by `create` and `edit`.
/// Options that don't apply to the action's kind are refused, naming the kinds they fit.
struct ActionFieldOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The human name, e.g. \"Create CRM lead\".", valueName: "text"))
    var name: String?

    @Option(help: ArgumentHelp("The tool name the LLM sees (default: the name in snake_case); letters, digits, _ and -, at most 64.", valueName: "name"))
    var functionName: String?

    @Option(help: ArgumentHelp("What the action does, for the agent and the list.", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("Run when the agent says this phrase (repeatable; case-insensitive \"contains\"). Without it the LLM calls the action as a function.", valueName: "phrase"))
    var triggerPhrase: [String] = []

    @Flag(help: "(edit) Go back to the function-call trigger, dropping trigger phrases.")
    var functionCallTrigger = false

    @Option(help: ArgumentHelp("The platform whose request, signature and response a call uses: \(ActionPlatform.choices) (default fluents).", valueName: "platform"))
    var platform: String?

    // Custom Input
    @Option(help: ArgumentHelp("(custom-input) The http(s) URL the request is POSTed to.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("(custom-input) What the agent says before the request (empty says nothing).", valueName: "text"))
    var speakOnSend: String?

    @Option(help: ArgumentHelp("(custom-input) What the agent says after the response; {{result.path}} placeholders are filled from it.", valueName: "text"))
    var speakOnReceive: String?

    @Option(
        help: ArgumentHelp(
            "(custom-input) A schema property NAME[:TYPE[:required|optional[:DESCRIPTION]]], repeatable, in order. TYPE: string, number, integer, boolean, enum(a|b|c), string(email|date|time|date-time|uri), number(MIN..MAX), integer(MIN..MAX). In edit, a property with an existing name replaces it.",
            valueName: "spec"))
    var property: [String] = []

    @Option(help: ArgumentHelp("(edit, custom-input) Remove the schema property with this name (repeatable).", valueName: "name"))
    var removeProperty: [String] = []

    // Unconditional: "-5" is a (wrong) value to explain, not an option name.
    @Option(parsing: .unconditional, help: ArgumentHelp("(custom-input) Seconds to wait for the response, 1-300 (default 10).", valueName: "seconds"))
    var timeout: Int?

    @Option(help: ArgumentHelp("(custom-input) A request header 'Name: value' (repeatable). In edit, a header with an existing name replaces it.", valueName: "header"))
    var header: [String] = []

    @Option(help: ArgumentHelp("(edit, custom-input) Remove the request header with this name (repeatable).", valueName: "name"))
    var removeHeader: [String] = []

    @Option(help: ArgumentHelp("(custom-input) fluents: {\"call_id\",\"payload\":{…}} (default), or args-at-root: the fields are the body.", valueName: "format"))
    var bodyFormat: String?

    @Flag(inversion: .prefixedNo, help: "(custom-input) In a simulated call, read the values back before sending (\"…, right?\"): yes sends, \"no, …\" corrects. Off by default.")
    var readBack: Bool? = nil

    @Flag(inversion: .prefixedNo, help: "(custom-input) In a simulated call, ask for the optional fields once after the required ones (unless given or declined). Off by default.")
    var askOptionalFields: Bool? = nil

    @Flag(help: "(custom-input) Read the signing secret from standard input (never from an argument): the base64 key for x-vocode-signature (fluents), the Retell API key for X-Retell-Signature (retell).")
    var signatureSecretStdin = false

    @Flag(help: "(edit, custom-input) Stop signing requests.")
    var noSignatureSecret = false

    // Phone behaviours
    @Option(help: ArgumentHelp("(transfer-calls, warm-transfer) The number in E.164 form, e.g. +14155550100.", valueName: "number"))
    var phoneNumber: String?

    @Option(help: ArgumentHelp("(dtmf) The keypad buttons to press: 0-9, * and #, at most 32.", valueName: "buttons"))
    var buttons: String?

    @Option(help: ArgumentHelp("(end-conversation) The line said before hanging up.", valueName: "text"))
    var goodbye: String?

    @Option(help: ArgumentHelp("(warm-transfer) What the agent tells the person taking the call.", valueName: "text"))
    var summary: String?

    /// Applies every given option to `action`; options for another kind are refused.
    func apply(to action: inout Action, readStandardInput: () -> String?) throws {
        if let name {
            let derivedBefore = FunctionName.derived(from: action.name)
            action.name = name
            // Keep the function name following the name unless it was set by hand.
            if functionName == nil, action.functionName == derivedBefore { action.functionName = FunctionName.derived(from: name) }
        }
        if let functionName { action.functionName = functionName }
        if let description { action.description = description }
        if functionCallTrigger && !triggerPhrase.isEmpty {
            throw CLIError.invalid("--function-call-trigger and --trigger-phrase contradict each other; use one")
        }
        if functionCallTrigger { action.trigger = .functionCall }
        if let platform {
            guard let parsed = ActionPlatform(rawValue: platform.lowercased()) else {
                throw CLIError.invalid("--platform: '\(platform)' is not a platform; use \(ActionPlatform.choices)")
            }
            action.platform = parsed
        }
        if !triggerPhrase.isEmpty { action.trigger = .phrases(triggerPhrase) }

        let kind = action.kind
        try refuse(url != nil, "--url", for: kind, fits: [.customInput])
        try refuse(speakOnSend != nil, "--speak-on-send", for: kind, fits: [.customInput])
        try refuse(speakOnReceive != nil, "--speak-on-receive", for: kind, fits: [.customInput])
        try refuse(!property.isEmpty, "--property", for: kind, fits: [.customInput])
        try refuse(!removeProperty.isEmpty, "--remove-property", for: kind, fits: [.customInput])
        try refuse(timeout != nil, "--timeout", for: kind, fits: [.customInput])
        try refuse(!header.isEmpty, "--header", for: kind, fits: [.customInput])
        try refuse(!removeHeader.isEmpty, "--remove-header", for: kind, fits: [.customInput])
        try refuse(bodyFormat != nil, "--body-format", for: kind, fits: [.customInput])
        try refuse(readBack != nil, readBack == false ? "--no-read-back" : "--read-back", for: kind, fits: [.customInput])
        try refuse(askOptionalFields != nil, askOptionalFields == false ? "--no-ask-optional-fields" : "--ask-optional-fields", for: kind, fits: [.customInput])
        try refuse(signatureSecretStdin, "--signature-secret-stdin", for: kind, fits: [.customInput])
        try refuse(noSignatureSecret, "--no-signature-secret", for: kind, fits: [.customInput])
        try refuse(phoneNumber != nil, "--phone-number", for: kind, fits: [.transferCalls, .warmTransfer])
        try refuse(buttons != nil, "--buttons", for: kind, fits: [.dtmf])
        try refuse(goodbye != nil, "--goodbye", for: kind, fits: [.endConversation])
        try refuse(summary != nil, "--summary", for: kind, fits: [.warmTransfer])

        switch action.configuration {
        case var .customInput(config):
            if let url { config.url = url.isEmpty ? nil : url }
            if let speakOnSend { config.speakOnSend = speakOnSend }
            if let speakOnReceive { config.speakOnReceive = speakOnReceive }
            if let timeout { config.timeoutSeconds = timeout }
            if let readBack { config.readsBack = readBack }
            if let askOptionalFields { config.asksOptionalFields = askOptionalFields }
            if let bodyFormat {
                guard let format = BodyFormat(rawValue: bodyFormat) else {
                    throw CLIError.invalid("--body-format: '\(bodyFormat)' is not a body format; use fluents or args-at-root")
                }
                config.bodyFormat = format
            }
            for name in removeProperty {
                guard config.inputSchema.properties.contains(where: { $0.name == name }) else {
                    throw CLIError.invalid("--remove-property: there is no property '\(name)' (properties: \(config.inputSchema.properties.map(\.name).joined(separator: ", ")))")
                }
                config.inputSchema.properties.removeAll { $0.name == name }
            }
            for spec in property {
                let parsed = try PropertySpec.parse(spec)
                if let index = config.inputSchema.properties.firstIndex(where: { $0.name == parsed.name }) {
                    config.inputSchema.properties[index] = parsed
                } else {
                    config.inputSchema.properties.append(parsed)
                }
            }
            for name in removeHeader {
                guard config.headers.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                    throw CLIError.invalid("--remove-header: there is no header '\(name)'")
                }
                config.headers.removeAll { $0.name.lowercased() == name.lowercased() }
            }
            for text in header {
                let parsed = try Self.parseHeader(text)
                if let index = config.headers.firstIndex(where: { $0.name.lowercased() == parsed.name.lowercased() }) {
                    config.headers[index] = parsed
                } else {
                    config.headers.append(parsed)
                }
            }
            if signatureSecretStdin && noSignatureSecret {
                throw CLIError.invalid("--signature-secret-stdin and --no-signature-secret contradict each other; use one")
            }
            if signatureSecretStdin {
                guard let secret = readStandardInput()?.trimmingCharacters(in: .whitespacesAndNewlines), !secret.isEmpty else {
                    throw CLIError.invalid("--signature-secret-stdin: standard input was empty; pipe the base64 secret in, e.g. `printf %s \"$SECRET\" | switchboard …`")
                }
                config.signatureSecret = secret
            }
            if noSignatureSecret { config.signatureSecret = nil }
            action.configuration = .customInput(config)
        case var .endConversation(config):
            if let goodbye { config.goodbye = goodbye }
            action.configuration = .endConversation(config)
        case var .transferCalls(config):
            if let phoneNumber { config.phoneNumber = phoneNumber }
            action.configuration = .transferCalls(config)
        case var .dtmf(config):
            if let buttons { config.buttons = buttons }
            action.configuration = .dtmf(config)
        case var .warmTransfer(config):
            if let phoneNumber { config.phoneNumber = phoneNumber }
            if let summary { config.summary = summary }
            action.configuration = .warmTransfer(config)
        }
    }

    private func refuse(_ given: Bool, _ option: String, for kind: ActionKind, fits kinds: [ActionKind]) throws {
        guard given, !kinds.contains(kind) else { return }
        throw CLIError.invalid("\(option) applies to \(kinds.map(\.rawValue).joined(separator: " and ")) actions, not \(kind.rawValue)")
    }

    static func parseHeader(_ text: String) throws -> HTTPHeader {
        guard let colon = text.firstIndex(of: ":") else {
            throw CLIError.invalid("--header '\(text)': write it as 'Name: value', e.g. 'Authorization: Bearer abc123'")
        }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let header = HTTPHeader(name: name, value: value)
        if let problem = FieldRules.header(header) { throw CLIError.invalid("--header: \(problem)") }
        return header
    }
}

/// `NAME[:TYPE[:required|optional[:DESCRIPTION]]]`, the `--property` syntax.
enum PropertySpec {
    static let help = "write it as NAME[:TYPE[:required|optional[:DESCRIPTION]]], e.g. 'email:string(email):required:The caller's email address'"

    static func parse(_ spec: String) throws -> SchemaProperty {
        let parts = spec.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        if let problem = SchemaProperty.nameProblem(name) { throw CLIError.invalid("--property '\(spec)': \(problem)") }
        var property = SchemaProperty(name: name)
        if parts.count > 1 { try applyType(parts[1].trimmingCharacters(in: .whitespaces), to: &property, spec: spec) }
        if parts.count > 2 {
            switch parts[2].trimmingCharacters(in: .whitespaces).lowercased() {
            case "required", "req": property.isRequired = true
            case "optional", "opt", "": property.isRequired = false
            case let other: throw CLIError.invalid("--property '\(spec)': '\(other)' should be required or optional; \(help)")
            }
        }
        if parts.count > 3 { property.description = parts[3] }
        if let problem = property.issues.first { throw CLIError.invalid("--property '\(spec)': \(problem)") }
        return property
    }

    static func applyType(_ text: String, to property: inout SchemaProperty, spec: String) throws {
        let base: String
        var argument: String?
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            base = String(text[..<open])
            argument = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        } else {
            base = text
        }
        switch base.lowercased() {
        case "", "string":
            property.type = .string
            if let argument {
                guard let format = StringFormat(rawValue: argument) else {
                    throw CLIError.invalid("--property '\(spec)': '\(argument)' is not a string format; use email, date, time, date-time or uri")
                }
                property.format = format
            }
        case "enum":
            property.type = .string
            let values = (argument ?? "").split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else {
                throw CLIError.invalid("--property '\(spec)': list the enum's values, e.g. enum(basic|pro|enterprise)")
            }
            property.enumValues = values
        case "number", "integer":
            property.type = base.lowercased() == "number" ? .number : .integer
            if let argument {
                let bounds = argument.components(separatedBy: "..")
                guard bounds.count == 2 else {
                    throw CLIError.invalid("--property '\(spec)': write the range as MIN..MAX, e.g. integer(1..10); either side may be empty")
                }
                func bound(_ text: String) throws -> Double? {
                    let trimmed = text.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty { return nil }
                    // Double() also reads "nan" and "inf", which JSON can't hold (they'd be stored as null).
                    guard let value = Double(trimmed), value.isFinite else {
                        throw CLIError.invalid("--property '\(spec)': '\(trimmed)' is not a number; write the range like number(0..99.5)")
                    }
                    return value
                }
                property.minimum = try bound(bounds[0])
                property.maximum = try bound(bounds[1])
            }
        case "boolean", "bool":
            property.type = .boolean
        default:
            throw CLIError.invalid("--property '\(spec)': '\(base)' is not a type; use string, number, integer, boolean or enum(a|b)")
        }
        if argument != nil && property.type == .boolean {
            throw CLIError.invalid("--property '\(spec)': boolean takes no arguments")
        }
    }
}
