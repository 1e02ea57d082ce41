import Foundation

/// Why a template could not be filled in, worded to say how to fix it. Never
/// holds a secret's value.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reference that failed, when one did.
    public var reference: TemplateReference?
    public var message: String

    public init(reference: TemplateReference?, message: String) {
        self.reference = reference
        self.message = message
    }

    public var description: String { message }
}

/// An undefined or malformed template in one field of an action.
public struct TemplateFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: ActionField
    public var error: TemplateError
    public var issue: FieldIssue { FieldIssue(field, error.message) }
    public var description: String { issue.description }
}

/// What `{{env.NAME}}` and `{{secret.NAME}}` mean right now: the active
/// environment's variables and the secret values that apply to it (its own
/// value, else the default). A plain value: the store builds one
/// (`ActionStore.templateContext`), requests are resolved with it, and
/// everything shown or saved is masked with it.
public struct TemplateContext: Sendable, Equatable {
    /// The active environment, nil when none is chosen.
    public var environmentName: String?
    public var variables: [String: String]
    public var secrets: [String: String]
    /// Secrets that are defined but have no usable value here, with why (the
    /// environment variable it comes from is unset, the secrets file was refused…).
    public var unavailableSecrets: [String: String]

    /// The values secrets have in the other environments (and the default
    /// when an environment has its own): never sent from here, but masked
    /// like the rest, so a server echoing a staging token during a production
    /// call doesn't put it in the log either.
    public var otherValues: [String: [String]]

    public init(environmentName: String? = nil, variables: [String: String] = [:], secrets: [String: String] = [:],
                unavailableSecrets: [String: String] = [:], otherValues: [String: [String]] = [:]) {
        self.environmentName = environmentName
        self.variables = variables
        self.secrets = secrets
        self.unavailableSecrets = unavailableSecrets
        self.otherValues = otherValues
    }

    /// Some secret value is known: masking has something to look for.
    public var masksAnything: Bool { !secrets.isEmpty || !otherValues.isEmpty }

    /// Shorter secret values are not masked by substitution in free text:
    /// masking "abc" or "true" everywhere would scramble unrelated output.
    /// Requests never rely on this (what is shown of a request is rendered
    /// from its templates, whatever the value's length); it only catches a
    /// server echoing a secret back in a response or an error.
    public static let minimumMaskedLength = 6

    // MARK: Resolving

    /// The text with every reference replaced by its value.
    public func resolve(_ text: String) throws(TemplateError) -> String {
        try render(text, keepingSecrets: false)
    }

    /// The text as it may be shown or saved: `{{env.…}}` filled in (they are
    /// not secret), `{{secret.…}}` left as written. Still fails on undefined
    /// references, so a display never hides a problem the wire would hit.
    public func display(_ text: String) throws(TemplateError) -> String {
        try render(text, keepingSecrets: true)
    }

    func render(_ text: String, keepingSecrets: Bool) throws(TemplateError) -> String {
        guard Templates.hasTemplates(text) else { return text }
        var result = ""
        for segment in Templates.segments(text) {
            switch segment {
            case let .text(literal): result += literal
            case let .reference(reference):
                // Values go in as they are: a value holding "{{…}}" is not expanded again.
                let value = try self.value(of: reference)
                result += (keepingSecrets && reference.namespace == .secret) ? reference.description : value
            case let .other(inside):
                throw TemplateError(reference: nil, message: Self.otherProblem(inside))
            case .unclosed:
                throw TemplateError(reference: nil, message: "a '{{' is never closed with '}}'")
            }
        }
        return result
    }

    /// One reference's value, or why it has none and how to give it one.
    public func value(of reference: TemplateReference) throws(TemplateError) -> String {
        if let problem = TemplateNames.problem(reference.name, what: reference.namespace == .secret ? "secret" : "variable") {
            throw TemplateError(reference: reference, message: "\(reference): \(problem)")
        }
        switch reference.namespace {
        case .secret:
            if let value = secrets[reference.name] { return value }
            if let reason = unavailableSecrets[reference.name] {
                throw TemplateError(reference: reference, message: "\(reference) has no value: \(reason)")
            }
            var message = "\(reference) is not defined: set it with `switchboard secrets set \(reference.name)`"
            if let environmentName { message += " (add --env \(environmentName) for a value used only in \(environmentName))" }
            throw TemplateError(reference: reference, message: message + Self.didYouMean(reference, among: Array(secrets.keys)))
        case .env:
            if let value = variables[reference.name] { return value }
            guard let environmentName else {
                throw TemplateError(reference: reference, message: "\(reference) is not defined: no environment is active; create one with `switchboard environments create dev`, set the variable with `switchboard environments set dev \(reference.name) VALUE` and choose it with `switchboard environments use dev` (or --env dev)")
            }
            throw TemplateError(reference: reference, message: "\(reference) is not defined in environment '\(environmentName)': set it with `switchboard environments set \(environmentName) \(reference.name) VALUE`" + Self.didYouMean(reference, among: Array(variables.keys)))
        }
    }

    static func didYouMean(_ reference: TemplateReference, among names: [String]) -> String {
        guard let close = names.first(where: { $0.caseInsensitiveCompare(reference.name) == .orderedSame }) else { return "" }
        return "; did you mean {{\(reference.namespace.rawValue).\(close)}}?"
    }

    static func otherProblem(_ inside: String) -> String {
        if inside == "result" || inside.hasPrefix("result.") {
            return "'{{\(inside)}}' only works in Speak on Receive; here use {{env.NAME}} or {{secret.NAME}}"
        }
        return "'{{\(inside)}}' is not a reference; write {{env.NAME}} for an environment variable or {{secret.NAME}} for a secret"
    }

    // MARK: Masking

    /// The text with every secret value that occurs in it replaced by
    /// `{{secret.NAME}}`. Longest values first, so a secret containing another
    /// is masked whole; values shorter than `minimumMaskedLength` are left
    /// (see there). The percent-encoded form of a value is masked too, since
    /// URLs and error details carry values that way.
    public func mask(_ text: String) -> String {
        guard masksAnything else { return text }
        var masked = text
        for (needle, name) in maskingNeedles where masked.contains(needle) {
            masked = masked.replacingOccurrences(of: needle, with: "{{secret.\(name)}}")
        }
        return masked
    }

    /// (text to find, secret name), longest first; ties by name so masking is deterministic.
    var maskingNeedles: [(String, String)] {
        var needles: [(String, String)] = []
        let all = secrets.map { (name: $0.key, value: $0.value) }
            + otherValues.flatMap { entry in entry.value.map { (name: entry.key, value: $0) } }
        for (name, value) in all where value.count >= Self.minimumMaskedLength {
            needles.append((value, name))
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != value {
                needles.append((encoded, name))
            }
        }
        return needles.sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.1 < $1.1 }
    }

    /// Every string in a JSON value (keys included) masked.
    public func mask(_ value: JSONValue) -> JSONValue {
        guard masksAnything else { return value }
        switch value {
        case let .string(text): return .string(mask(text))
        case let .array(items): return .array(items.map { mask($0) })
        case let .object(object): return .object(mask(object))
        default: return value
        }
    }

    public func mask(_ object: JSONObject) -> JSONObject {
        guard masksAnything else { return object }
        return JSONObject(object.map { (key: mask($0.key), value: mask($0.value)) })
    }
}
