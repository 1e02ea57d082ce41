import Foundation

/// The fields of an action a person edits, for pointing a message at one.
public enum ActionField: String, Sendable, CaseIterable {
    case name, functionName = "function-name", description, trigger
    case url, speakOnSend = "speak-on-send", speakOnReceive = "speak-on-receive"
    case timeout, headers, signatureSecret = "signature-secret", bodyFormat = "body-format", inputSchema = "input-schema"
    case goodbye, phoneNumber = "phone-number", buttons, summary

    /// The label the form and messages use.
    public var label: String {
        switch self {
        case .name: return "Action Name"
        case .functionName: return "Function name"
        case .description: return "Description"
        case .trigger: return "Action Trigger"
        case .url: return "URL"
        case .speakOnSend: return "Speak on Send"
        case .speakOnReceive: return "Speak on Receive"
        case .timeout: return "Timeout"
        case .headers: return "Headers"
        case .signatureSecret: return "Signature secret"
        case .bodyFormat: return "Body format"
        case .inputSchema: return "Input Schema"
        case .goodbye: return "Goodbye line"
        case .phoneNumber: return "Phone Number"
        case .buttons: return "Buttons"
        case .summary: return "Handoff summary"
        }
    }
}

/// A problem with one field, worded so a person can fix it.
public struct FieldIssue: Sendable, Equatable, CustomStringConvertible {
    public var field: ActionField
    public var message: String
    /// False for a problem with an agent or a model record: its message names
    /// its own field ("base URL: …"), and an action's label ("Action Name")
    /// in front of it would point the reader at the wrong thing.
    public var isAboutAnAction = true
    public init(_ field: ActionField, _ message: String) {
        self.field = field
        self.message = message
    }

    /// A problem with a record that isn't an action (an agent, a model), said in its own words.
    public static func record(_ message: String) -> FieldIssue {
        var issue = FieldIssue(.name, message)
        issue.isAboutAnAction = false
        return issue
    }

    public var description: String { isAboutAnAction ? "\(field.label): \(message)" : message }
}

/// The rules a field's value must follow. Each returns nil when the value is
/// fine, else the message; the form calls them one field at a time as the
/// cursor leaves a field, and `Action.issues` calls them all before a save.
public enum FieldRules {
    public static let maximumNameLength = 120

    public static func name(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "give the action a name, e.g. \"Create CRM lead\"" }
        if value.count > maximumNameLength { return "keep it to \(maximumNameLength) characters (it has \(value.count))" }
        return nil
    }

    public static func functionName(_ value: String) -> String? {
        if value.isEmpty { return "give the tool a function name, e.g. create_crm_lead" }
        if value.utf8.count > FunctionName.maximumLength {
            return "'\(value)' is longer than \(FunctionName.maximumLength) characters"
        }
        if !FunctionName.isValid(value) {
            return "'\(value)' may only use letters, digits, '_' and '-' (try \(FunctionName.derived(from: value)))"
        }
        return nil
    }

    /// An absolute http or https URL with a host. Empty is allowed: the action
    /// is then kept as "needs a URL" and calls refuse it.
    public static func url(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed != value { return "remove the spaces around the URL" }
        if Templates.hasTemplates(value) {
            if let problem = templates(value) { return problem }
            // `{{env.BASE_URL}}/leads`: the scheme and host come with the value,
            // checked once it is filled in, before the request is sent.
            if case .reference = Templates.segments(value).first { return nil }
            return url(Templates.segments(value).map { segment -> String in
                if case let .text(literal) = segment { return literal } else { return "placeholder" }
            }.joined())
        }
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased() else {
            return "'\(value)' is not a URL; write it like https://api.example.com/leads"
        }
        guard scheme == "http" || scheme == "https" else {
            return "'\(scheme)' URLs can't be called; use http:// or https://"
        }
        guard let host = components.host, !host.isEmpty else {
            return "'\(value)' has no host; write it like https://api.example.com/leads"
        }
        if let problem = URLPort.problem(value) { return problem }
        return nil
    }

    public static func timeout(_ seconds: Int) -> String? {
        let range = CustomInputConfiguration.timeoutRange
        if !range.contains(seconds) {
            return "\(seconds) s is out of range; use \(range.lowerBound) to \(range.upperBound) seconds"
        }
        return nil
    }

    /// RFC 9110 token characters for the name; no line breaks in the value.
    public static func header(_ header: HTTPHeader) -> String? {
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if header.name.isEmpty { return "a header needs a name, as in 'Authorization: Bearer …'" }
        if !header.name.allSatisfy({ tokenCharacters.contains($0) }) {
            return "header name '\(header.name)' may only use letters, digits and !#$%&'*+-.^_`|~"
        }
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if header.value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            return "the value of '\(header.name)' must be on one line"
        }
        if let problem = templates(header.value) { return "the value of '\(header.name)': \(problem)" }
        let reserved = ["content-type", "content-length", "host", "x-vocode-signature", "idempotency-key"]
        if reserved.contains(header.name.lowercased()) {
            return "'\(header.name)' is set by Switchboard on every request; remove it"
        }
        return nil
    }

    public static func headers(_ headers: [HTTPHeader]) -> String? {
        for header in headers { if let problem = Self.header(header) { return problem } }
        var seen = Set<String>()
        for header in headers where !seen.insert(header.name.lowercased()).inserted {
            return "'\(header.name)' is set twice; keep one"
        }
        return nil
    }

    /// A signature secret is base64 (the HMAC key is its decoded bytes) for
    /// Vocode; other platforms (Retell: the API key) use the text as it is.
    public static func signatureSecret(_ value: String?, base64: Bool = true) -> String? {
        guard let value, !value.isEmpty else { return nil }
        if Templates.hasTemplates(value) {
            // `{{secret.SIGNING_KEY}}`: the base64 is checked once it is filled in.
            return templates(value)
        }
        if base64, Data(base64Encoded: value) == nil {
            return "the signing secret must be base64 (the HMAC key is its decoded bytes)"
        }
        return nil
    }

    /// A number `PhoneNumber.e164` can bring to E.164 (a plus or `00`, a country
    /// code that does not start with 0, at most 15 digits; spaces, dots, dashes
    /// and parentheses allowed). The action keeps the E.164 form.
    public static func phoneNumber(_ value: String) -> String? {
        PhoneNumber.problem(value)
    }

    public static let maximumButtons = 32

    public static func buttons(_ value: String) -> String? {
        if value.isEmpty { return "enter the buttons to press, e.g. 1# (digits 0-9, * and #)" }
        if let bad = value.first(where: { !("0"..."9").contains($0) && $0 != "*" && $0 != "#" }) {
            return "'\(bad)' is not a keypad button; use only 0-9, * and #"
        }
        if value.count > maximumButtons { return "at most \(maximumButtons) buttons (it has \(value.count))" }
        return nil
    }

    public static func requiredLine(_ value: String, what: String) -> String? {
        value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "enter \(what)" : nil
    }

    /// `{{result.path}}` placeholders must be closed and name a path under `result`.
    public static func speakOnReceive(_ value: String) -> String? {
        for placeholder in Placeholders.scan(value) {
            switch placeholder {
            case .unclosed: return "a '{{' is never closed with '}}'"
            case let .reference(path):
                if !(path == "result" || path.hasPrefix("result.")) || path.contains("..") || path.hasSuffix(".") {
                    return "'{{\(path)}}' should name a field of the response, like {{result.status}}"
                }
            }
        }
        return nil
    }

    public static func triggerPhrases(_ phrases: [String]) -> String? {
        if phrases.isEmpty { return "add at least one phrase, or use the function-call trigger" }
        if phrases.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return "a trigger phrase can't be blank"
        }
        return nil
    }
}

/// Finds `{{…}}` placeholders in a spoken line.
public enum Placeholders {
    public enum Token: Equatable { case reference(String), unclosed }

    public static func scan(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                tokens.append(.unclosed)
                break
            }
            let path = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            tokens.append(.reference(path))
            rest = rest[close.upperBound...]
        }
        return tokens
    }
}

extension Action {
    /// Every problem that keeps the action from being saved, field by field.
    /// (A missing URL is not one: it is a state shown as "needs a URL".)
    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        func check(_ field: ActionField, _ problem: String?) { if let problem { issues.append(FieldIssue(field, problem)) } }
        check(.name, FieldRules.name(name))
        check(.functionName, FieldRules.functionName(functionName))
        if case let .phrases(phrases) = trigger { check(.trigger, FieldRules.triggerPhrases(phrases)) }
        switch configuration {
        case let .customInput(config):
            check(.url, FieldRules.url(config.url ?? ""))
            check(.speakOnReceive, FieldRules.speakOnReceive(config.speakOnReceive))
            check(.timeout, FieldRules.timeout(config.timeoutSeconds))
            check(.headers, FieldRules.headers(config.headers))
            check(.signatureSecret, FieldRules.signatureSecret(config.signatureSecret, base64: platform == .fluents))
            for problem in config.inputSchema.issues { issues.append(FieldIssue(.inputSchema, problem)) }
        case let .endConversation(config):
            check(.goodbye, FieldRules.requiredLine(config.goodbye, what: "the goodbye line the agent says before hanging up"))
        case let .transferCalls(config):
            check(.phoneNumber, FieldRules.phoneNumber(config.phoneNumber))
        case let .dtmf(config):
            check(.buttons, FieldRules.buttons(config.buttons))
        case let .warmTransfer(config):
            check(.phoneNumber, FieldRules.phoneNumber(config.phoneNumber))
            check(.summary, FieldRules.requiredLine(config.summary, what: "the summary said to the person taking the call"))
        }
        return issues
    }
}

extension InputSchema {
    /// Problems in the schema's definition (not in collected values).
    public var issues: [String] {
        var problems: [String] = []
        var seen = Set<String>()
        for property in properties {
            if let problem = SchemaProperty.nameProblem(property.name) { problems.append(problem) }
            if !seen.insert(property.name).inserted { problems.append("property '\(property.name)' is defined twice") }
            problems.append(contentsOf: property.issues.map { "\(property.name): \($0)" })
        }
        return problems
    }
}

extension SchemaProperty {
    /// A property name is an identifier: letters, digits, `_` or `-`, not starting with a digit, at most 64.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a property needs a name, e.g. email" }
        let valid = FunctionName.isValid(name) && !(name.first!.isNumber)
        if !valid {
            return "property name '\(name)' may only use letters, digits, '_' and '-', and not start with a digit"
        }
        return nil
    }

    /// Problems with this property's settings.
    public var issues: [String] {
        var problems: [String] = []
        if type == .string {
            var seen = Set<String>()
            for value in enumValues where !seen.insert(value).inserted { problems.append("enum value '\(value)' is listed twice") }
            if enumValues.contains("") { problems.append("an enum value can't be empty") }
            if let pattern, ECMAPattern.compile(pattern) == nil {
                problems.append("pattern '\(pattern)' is not a valid regular expression")
            }
        }
        // NaN and infinity have no JSON form: they would be exported as null.
        for (name, bound) in [("minimum", minimum), ("maximum", maximum)] {
            if let bound, !bound.isFinite { problems.append("\(name) must be a finite number, not \(bound)") }
        }
        if let minimum, let maximum, minimum > maximum {
            problems.append("minimum \(JSONValue(bound: minimum).compactText) is above maximum \(JSONValue(bound: maximum).compactText)")
        }
        return problems
    }
}
