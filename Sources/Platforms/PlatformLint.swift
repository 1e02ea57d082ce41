import ActionModel

/// What a platform would refuse (an error) or do differently from what the
/// action says (a warning).
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var format: PlatformFormat
    public var severity: Severity
    /// A stable rule name: `name`, `timeout`, `described-properties`, …
    public var rule: String
    public var message: String

    public init(_ format: PlatformFormat, _ severity: Severity, _ rule: String, _ message: String) {
        self.format = format
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(format.rawValue) \(severity.rawValue) [\(rule)]: \(message)" }
}

/// Checks an action against each platform's limits (PLATFORMS.md, "Limits a
/// cross-platform lint should check").
public enum PlatformLint {
    static let toolNameLimit = 64

    public static func lint(_ action: Action, for formats: [PlatformFormat] = PlatformFormat.allCases) -> [LintFinding] {
        formats.flatMap { lint(action, for: $0) }
    }

    public static func lint(_ action: Action, for format: PlatformFormat) -> [LintFinding] {
        var findings: [LintFinding] = []
        func error(_ rule: String, _ message: String) { findings.append(LintFinding(format, .error, rule, message)) }
        func warning(_ rule: String, _ message: String) { findings.append(LintFinding(format, .warning, rule, message)) }

        // A phone behaviour Bland or OpenAI has no tool for is not exported
        // there at all, so its name can't be refused: that is the one finding.
        if format == .bland || format == .openai, action.customInput == nil {
            warning("kind", "\(format.title) has no tool for \(action.kind.title) actions; not exported")
            return findings
        }

        let name = action.functionName
        if !isToolName(name) {
            error("name", "'\(name)' is not a valid tool name there: letters a-z A-Z, digits, _ and -, 1–\(toolNameLimit) characters")
        }
        if format == .bland {
            let lower = name.lowercased()
            let reserved = BlandDefinition.reservedWords.filter { lower.contains($0) }
            if !reserved.isEmpty {
                error("reserved-word", "Bland refuses a tool name containing \(reserved.map { "'\($0)'" }.joined(separator: ", ")); rename '\(name)'")
            }
        }
        if case .phrases = action.trigger, format != .fluents {
            warning("trigger", "\(format.title) has no phrase triggers: the model decides when to call the tool")
        }
        if format == .fluents {
            for (phrase, matchable) in action.trigger.unmatchablePhrases {
                warning("trigger-phrase", "the phrase \"\(phrase)\" can never fire: Fluents takes punctuation out of the agent's words "
                    + "before matching, but not out of the phrase; write it as \"\(matchable)\"")
            }
        }

        guard case let .customInput(custom) = action.configuration else {
            switch (format, action.configuration) {
            case (.vapi, .dtmf), (.retell, .dtmf), (.elevenlabs, .dtmf):
                warning("dtmf", "\(possessive(format.title)) keypad tool lets the model choose the keys; the fixed buttons are only a hint")
            case (.elevenlabs, .warmTransfer), (.fluents, .warmTransfer):
                if !(action.configuration.warmSummary ?? "").isEmpty { warning("summary", "\(format.title) does not take the briefing summary") }
            default: break
            }
            return findings
        }

        if format != .openai, custom.needsURL {
            error("url", "no URL: \(format.title) needs one; set it with --url")
        }
        if format != .openai { urlParameters(custom, format: format, error: error, warning: warning) }
        let seconds = custom.timeoutSeconds
        switch format {
        case .fluents:
            if seconds != FluentsDefinition.fixedTimeoutSeconds {
                warning("timeout", "Fluents always waits \(FluentsDefinition.fixedTimeoutSeconds) s, not \(seconds) s")
            }
            if !custom.headers.isEmpty { warning("headers", "Fluents sends no custom headers (\(custom.headers.map(\.name).joined(separator: ", "))); authenticate with the signature secret") }
            if custom.bodyFormat == .argsAtRoot { warning("body", "Fluents always sends {call_id, payload}; the endpoint will not get the fields at the root") }
        case .vapi:
            if !VapiDefinition.timeoutRange.contains(seconds) { error("timeout", "Vapi's timeoutSeconds is 1–300, not \(seconds)") }
        case .retell:
            if !RetellDefinition.timeoutMillisecondsRange.contains(seconds * 1000) { error("timeout", "Retell's timeout_ms is 1,000–600,000, not \(seconds * 1000)") }
        case .elevenlabs:
            if !ElevenLabsDefinition.timeoutRange.contains(seconds) {
                error("timeout", "ElevenLabs' response_timeout_secs is 5–300, not \(seconds); use --timeout 5 or more")
            }
            for path in undescribed(custom.inputSchema) {
                error("described-properties", "'\(path)' has no description: ElevenLabs' model never fills it; add one")
            }
            var dropped: [String] = []
            for property in custom.inputSchema.properties { _ = ElevenLabsDefinition.trim(property.jsonSchema, path: property.name, dropped: &dropped) }
            if !dropped.isEmpty { warning("schema", "ElevenLabs ignores these keywords, so it won't enforce them: \(dropped.joined(separator: ", "))") }
        case .bland:
            let unchecked = custom.inputSchema.properties.filter { $0.format != nil || $0.pattern != nil || $0.minimum != nil || $0.maximum != nil }
            if !unchecked.isEmpty {
                warning("schema", "Bland's input hints are informal: \(unchecked.map(\.name).joined(separator: ", ")) will not be checked there")
            }
        case .openai:
            for note in StrictMode.lint(custom.inputSchema) { warning("strict", "strict mode: \(note)") }
        }
        if let secret = custom.signatureSecret, !secret.isEmpty {
            switch format {
            case .fluents, .openai: break
            case .retell: warning("signature", "Retell signs with your Retell API key; make the signing secret that key to simulate it")
            case .vapi, .elevenlabs, .bland:
                warning("signature", "\(format.title) does not sign tool requests; authenticate with a header such as 'Authorization: Bearer {{secret.NAME}}'")
            }
        }
        if format == .retell || format == .elevenlabs || format == .bland, !custom.speakOnReceive.isEmpty {
            warning("speak-on-receive", "\(possessive(format.title)) agent words the answer itself; the Speak on Receive line is not said as written")
        }
        return findings
    }

    /// `{name}` in the URL: ElevenLabs fills it from the field of that name
    /// (path or query), which must exist and be a literal; every other platform
    /// sends the braces as written.
    static func urlParameters(_ custom: CustomInputConfiguration, format: PlatformFormat,
                              error: (String, String) -> Void, warning: (String, String) -> Void) {
        var names: [String] = []
        for name in URLParameters.names(in: custom.url ?? "") where !names.contains(name) { names.append(name) }
        guard !names.isEmpty else { return }
        guard format == .elevenlabs else {
            warning("url-parameter", "\(names.map { "{\($0)}" }.joined(separator: ", ")) in the URL is sent as written: "
                + "only ElevenLabs fills URL parameters from the fields")
            return
        }
        for name in names {
            guard let property = custom.inputSchema.properties.first(where: { $0.name == name }) else {
                error("url-parameter", "{\(name)} in the URL is not a field, so ElevenLabs never fills it; add a field '\(name)' or take it out of the URL")
                continue
            }
            if property.type == .object || property.type == .array {
                error("url-parameter", "'\(name)' goes into the URL, where ElevenLabs takes only a string, number, integer or boolean, not an \(property.type.rawValue)")
            }
        }
    }

    /// "Retell's", "ElevenLabs'".
    static func possessive(_ title: String) -> String { title.hasSuffix("s") ? title + "'" : title + "'s" }

    /// Whether a name matches `^[a-zA-Z0-9_-]{1,64}$`.
    public static func isToolName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= toolNameLimit
            && name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D }
    }

    /// Property paths without a description, nested objects included.
    static func undescribed(_ schema: InputSchema) -> [String] {
        var paths: [String] = []
        func visit(_ schema: JSONValue, path: String) {
            guard let object = schema.objectValue else { return }
            if (object["description"]?.stringValue ?? "").isEmpty { paths.append(path) }
            for (name, child) in object["properties"]?.objectValue ?? JSONObject() { visit(child, path: path + "." + name) }
            if let items = object["items"], let properties = items.objectValue?["properties"]?.objectValue {
                for (name, child) in properties { visit(child, path: path + "[]." + name) }
            }
        }
        for property in schema.properties { visit(property.jsonSchema, path: property.name) }
        return paths
    }
}

extension ActionConfiguration {
    var warmSummary: String? {
        if case let .warmTransfer(config) = self { return config.summary } else { return nil }
    }
}
