import Foundation

/// A `{{secret.NAME}}` or `{{env.NAME}}` reference in a URL, a header value or
/// the signature secret field. Filled in right before a request is sent, so
/// one action definition serves every environment.
public struct TemplateReference: Sendable, Hashable, CustomStringConvertible {
    public enum Namespace: String, Sendable, Hashable, CaseIterable {
        /// A named secret: its value never leaves the secrets file except onto the wire.
        case secret
        /// A variable of the active environment (not secret; shown in lists).
        case env
    }

    public var namespace: Namespace
    public var name: String

    public init(_ namespace: Namespace, _ name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The reference as written: `{{secret.API_KEY}}`.
    public var description: String { "{{\(namespace.rawValue).\(name)}}" }
}

/// A piece of a template: literal text, a well-formed reference, or `{{…}}`
/// that is not one (kept so validation can name it).
public enum TemplateSegment: Sendable, Equatable {
    case text(String)
    case reference(TemplateReference)
    /// `{{something}}` whose inside is not `secret.NAME` or `env.NAME`, as written (without braces).
    case other(String)
    /// A `{{` never closed with `}}`; holds the rest of the text.
    case unclosed(String)
}

/// Reads templates. Pure: no values, just structure.
public enum Templates {
    /// Splits a text into literal runs and `{{…}}` tokens. Whitespace inside the
    /// braces is ignored, as in Speak on Receive (`{{ secret.API_KEY }}`).
    public static func segments(_ text: String) -> [TemplateSegment] {
        var segments: [TemplateSegment] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                segments.append(.unclosed(String(rest[open.lowerBound...])))
                return segments
            }
            let inside = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            segments.append(reference(inside).map(TemplateSegment.reference) ?? .other(inside))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        return segments
    }

    /// `secret.NAME` / `env.NAME` (any name, even a malformed one: validation
    /// reports bad names with the namespace known).
    static func reference(_ inside: String) -> TemplateReference? {
        guard let dot = inside.firstIndex(of: ".") else { return nil }
        guard let namespace = TemplateReference.Namespace(rawValue: String(inside[..<dot])) else { return nil }
        return TemplateReference(namespace, String(inside[inside.index(after: dot)...]))
    }

    /// Every secret and env reference, in order, repeats included.
    public static func references(in text: String) -> [TemplateReference] {
        segments(text).compactMap { if case let .reference(reference) = $0 { return reference } else { return nil } }
    }

    /// Whether the text has any `{{` at all (so plain values skip template work).
    public static func hasTemplates(_ text: String) -> Bool { text.contains("{{") }

    /// True when the text is nothing but references (and spaces), e.g.
    /// `{{secret.SIGNING_KEY}}`: such a field carries no secret itself.
    public static func isOnlyReferences(_ text: String) -> Bool {
        let parts = segments(text)
        return !parts.isEmpty && parts.allSatisfy {
            switch $0 {
            case .reference: return true
            case let .text(literal): return literal.allSatisfy(\.isWhitespace)
            case .other, .unclosed: return false
            }
        }
    }
}

/// The names secrets, environments and variables may have.
public enum TemplateNames {
    public static let maximumLength = 64

    /// `[A-Za-z_][A-Za-z0-9_]*`, at most 64: the shape of an environment
    /// variable, so `--from-env` names and `{{…}}` names read the same.
    public static func problem(_ name: String, what: String) -> String? {
        if name.isEmpty { return "a \(what) needs a name, e.g. API_KEY" }
        if name.utf8.count > maximumLength { return "\(what) name '\(name)' is longer than \(maximumLength) characters" }
        let isASCIILetter: (Character) -> Bool = { $0.isASCII && $0.isLetter }
        let isASCIIDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard let first = name.first, isASCIILetter(first) || first == "_",
              name.allSatisfy({ isASCIILetter($0) || isASCIIDigit($0) || $0 == "_" })
        else {
            return "\(what) name '\(name)' may only use letters, digits and '_', and not start with a digit (e.g. \(suggestion(for: name)))"
        }
        return nil
    }

    /// Environment names are a little freer (`staging-eu`): letters, digits, `_`, `-`, `.`.
    public static func environmentProblem(_ name: String) -> String? {
        if name.isEmpty { return "an environment needs a name, e.g. dev, staging or production" }
        if name.utf8.count > maximumLength { return "environment name '\(name)' is longer than \(maximumLength) characters" }
        let allowed: (Character) -> Bool = { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" || $0 == "." }
        if !name.allSatisfy(allowed) || !(name.first.map { $0.isASCII && $0.isLetter } ?? false) {
            return "environment name '\(name)' must start with a letter and use only letters, digits, '_', '-' and '.' (e.g. staging-eu)"
        }
        return nil
    }

    /// A name that would pass, for messages: API-KEY → API_KEY.
    static func suggestion(for name: String) -> String {
        var result = String(name.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" })
        if result.first?.isNumber ?? true { result = "_" + result }
        return String(result.prefix(maximumLength))
    }
}
