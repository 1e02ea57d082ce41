import Foundation

/// One reason a value does not fit its schema, worded for a person.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// Where the value is: `""` for the root, `email`, `items.0`, `address.city`.
    public var path: String
    /// What is wrong, quoting the value: `'jo@' is not an email address`.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `email: 'jo@' is not an email address`; just the message at the root.
    /// A message that is a predicate about the field itself (`is required`,
    /// `must be a number, not a string`) reads as one sentence with its path:
    /// `email is required`, `age must be a number, not a string`.
    public var description: String {
        if path.isEmpty { return message }
        if message.hasPrefix("is ") || message.hasPrefix("must ") { return "\(path) \(message)" }
        return "\(path): \(message)"
    }
}

/// Validates JSON values against the subset of JSON Schema (draft 2020-12)
/// that Input Schemas use. Keywords outside the subset are ignored; use
/// `unsupportedKeywords(in:)` to find them.
public enum SchemaValidator {
    public static let supportedKeywords: Set<String> = [
        "type", "required", "properties", "additionalProperties", "enum", "const",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "items", "minItems", "maxItems", "multipleOf", "format",
        // Annotations: read by people, ignored by validation.
        "description", "title", "default", "examples", "$schema", "$comment",
    ]

    /// Every issue with `value`, in the order a person reads the schema: an
    /// object's properties in the schema's order (missing required ones among
    /// them), then properties the schema does not allow.
    /// With `assertFormats` off, `format` only annotates (the 2020-12 default).
    public static func validate(_ value: JSONValue, against schema: JSONValue, assertFormats: Bool = true) -> [ValidationIssue] {
        var validator = Validator(assertFormats: assertFormats)
        validator.check(value, against: schema, at: "")
        return validator.issues
    }

    /// Keywords in `schema` (recursively through properties/items/additionalProperties) that we do not support.
    /// Each is listed once, in the order first met. `items` in its old array form counts as unsupported.
    public static func unsupportedKeywords(in schema: JSONValue) -> [String] {
        var found: [String] = []
        func visit(_ schema: JSONValue) {
            guard case let .object(object) = schema else { return }
            for (key, value) in object {
                if !supportedKeywords.contains(key) || (key == "items" && !isSchema(value)) {
                    if !found.contains(key) { found.append(key) }
                    continue
                }
                switch key {
                case "properties": for (_, property) in value.objectValue ?? JSONObject() { visit(property) }
                case "items", "additionalProperties": visit(value)
                default: break
                }
            }
        }
        visit(schema)
        return found
    }

    static func isSchema(_ value: JSONValue) -> Bool {
        switch value {
        case .bool, .object: return true
        default: return false
        }
    }
}

extension InputSchema {
    /// Validates the arguments collected for a call: every issue, worded for a person.
    public func validate(arguments: JSONObject) -> [ValidationIssue] {
        SchemaValidator.validate(.object(arguments), against: jsonSchema)
    }

    /// Validates one value for one property (used when the agent hears a single answer).
    public func validate(value: JSONValue, forProperty name: String) -> [ValidationIssue] {
        guard let property = property(named: name) else {
            return [ValidationIssue(path: name, message: "is not one of the expected fields")]
        }
        var validator = Validator(assertFormats: true)
        validator.check(value, against: property.jsonSchema, at: name)
        return validator.issues
    }
}

// MARK: - The walk

private struct Validator {
    let assertFormats: Bool
    var issues: [ValidationIssue] = []

    init(assertFormats: Bool) { self.assertFormats = assertFormats }

    mutating func report(_ path: String, _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func check(_ value: JSONValue, against schema: JSONValue, at path: String) {
        let object: JSONObject
        switch schema {
        case .bool(true): return
        case .bool(false): report(path, "is not allowed here"); return
        case let .object(o): object = o
        default: return  // not a schema: nothing to check
        }

        // A wrong type makes the other keywords' messages noise: stop there.
        if let type = object["type"], let problem = Self.typeProblem(value, type) {
            report(path, problem)
            return
        }
        if let allowed = object["enum"]?.arrayValue, !allowed.contains(where: { JSONCompare.equal($0, value) }) {
            report(path, Self.enumProblem(value, allowed))
        }
        if let constant = object["const"], !JSONCompare.equal(constant, value) {
            report(path, "must be \(Describe.value(constant)), not \(Describe.value(value))")
        }

        switch value {
        case .integer, .number: checkNumber(value, object, at: path)
        case let .string(string): checkString(string, object, at: path)
        case let .array(elements): checkArray(elements, object, at: path)
        case let .object(members): checkObject(members, object, at: path)
        case .null, .bool: break
        }
    }

    mutating func checkNumber(_ value: JSONValue, _ schema: JSONObject, at path: String) {
        let shown = Describe.value(value)
        if let bound = schema["minimum"], bound.numericValue != nil, JSONCompare.order(value, bound) == .orderedAscending {
            report(path, "\(shown) is below the minimum of \(Describe.value(bound))")
        }
        if let bound = schema["maximum"], bound.numericValue != nil, JSONCompare.order(value, bound) == .orderedDescending {
            report(path, "\(shown) is above the maximum of \(Describe.value(bound))")
        }
        if let bound = schema["exclusiveMinimum"], bound.numericValue != nil, JSONCompare.order(value, bound) != .orderedDescending {
            report(path, "\(shown) must be greater than \(Describe.value(bound))")
        }
        if let bound = schema["exclusiveMaximum"], bound.numericValue != nil, JSONCompare.order(value, bound) != .orderedAscending {
            report(path, "\(shown) must be less than \(Describe.value(bound))")
        }
        if let divisor = schema["multipleOf"], let isMultiple = DecimalMultiple.isMultiple(value, of: divisor), !isMultiple {
            report(path, "\(shown) is not a multiple of \(Describe.value(divisor))")
        }
    }

    mutating func checkString(_ string: String, _ schema: JSONObject, at path: String) {
        var length: Int?
        func codePoints() -> Int {
            if let length { return length }
            let count = string.unicodeScalars.count
            length = count
            return count
        }
        if let minimum = schema["minLength"]?.integerValue, codePoints() < minimum {
            report(path, "\(Describe.value(.string(string))) is shorter than \(Describe.count(minimum, "character"))")
        }
        if let maximum = schema["maxLength"]?.integerValue, codePoints() > maximum {
            report(path, "\(Describe.value(.string(string))) is longer than \(Describe.count(maximum, "character")) (it has \(codePoints()))")
        }
        if let pattern = schema["pattern"]?.stringValue, let regex = RegexCache.shared.regex(pattern),
            regex.firstMatch(in: string, range: NSRange(location: 0, length: string.utf16.count)) == nil
        {
            report(path, "\(Describe.value(.string(string))) does not match the pattern \(pattern)")
        }
        if assertFormats, let name = schema["format"]?.stringValue, let format = StringFormat(rawValue: name), !format.accepts(string) {
            report(path, "\(Describe.value(.string(string))) is not \(format.expectation)")
        }
    }

    mutating func checkArray(_ elements: [JSONValue], _ schema: JSONObject, at path: String) {
        if let minimum = schema["minItems"]?.integerValue, elements.count < minimum {
            report(path, "must have at least \(Describe.count(minimum, "item")) (it has \(elements.count))")
        }
        if let maximum = schema["maxItems"]?.integerValue, elements.count > maximum {
            report(path, "must have at most \(Describe.count(maximum, "item")) (it has \(elements.count))")
        }
        if let items = schema["items"], SchemaValidator.isSchema(items) {
            for (index, element) in elements.enumerated() { check(element, against: items, at: Self.join(path, String(index))) }
        }
    }

    mutating func checkObject(_ members: JSONObject, _ schema: JSONObject, at path: String) {
        let properties = schema["properties"]?.objectValue ?? JSONObject()
        let required = (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue)
        func isRequired(_ name: String) -> Bool { required.contains { JSONCompare.sameText($0, name) } }
        for (name, propertySchema) in properties {
            if let member = JSONCompare.member(members, name) {
                check(member, against: propertySchema, at: Self.join(path, name))
            } else if isRequired(name) {
                report(Self.join(path, name), "is required")
            }
        }
        var reported: [String] = []
        for name in required where JSONCompare.member(properties, name) == nil && JSONCompare.member(members, name) == nil {
            if reported.contains(where: { JSONCompare.sameText($0, name) }) { continue }
            reported.append(name)
            report(Self.join(path, name), "is required")
        }
        guard let additional = schema["additionalProperties"] else { return }
        for (name, member) in members where JSONCompare.member(properties, name) == nil {
            if case .bool(false) = additional {
                report(Self.join(path, name), "is not one of the expected fields")
            } else {
                check(member, against: additional, at: Self.join(path, name))
            }
        }
    }

    // MARK: Messages

    static func typeProblem(_ value: JSONValue, _ type: JSONValue) -> String? {
        let names: [String]
        switch type {
        case let .string(name): names = [name]
        case let .array(list): names = list.compactMap(\.stringValue)
        default: return nil
        }
        if names.contains(where: { matches(value, type: $0) }) { return nil }
        let wanted = names.map(Describe.typeWithArticle).joined(separator: " or ")
        if names == ["integer"], case let .number(d) = value, d.isFinite {
            return "must be a whole number, not \(Describe.value(value))"
        }
        return "must be \(wanted.isEmpty ? "of no type" : wanted), not \(Describe.typeWithArticle(value.schemaTypeName))"
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .integer), ("number", .number), ("integer", .integer): return true
        case let ("integer", .number(d)): return d.isFinite && d.rounded(.towardZero) == d
        default: return false
        }
    }

    static func enumProblem(_ value: JSONValue, _ allowed: [JSONValue]) -> String {
        if allowed.isEmpty { return "\(Describe.value(value)) is not allowed (no value is)" }
        let shownLimit = 12
        var listed = allowed.prefix(shownLimit).map { element -> String in
            if case let .string(s) = element { return Describe.shortened(s) }
            return Describe.value(element)
        }.joined(separator: ", ")
        if allowed.count > shownLimit { listed += " (and \(allowed.count - shownLimit) more)" }
        return "\(Describe.value(value)) is not one of: \(listed)"
    }
}

extension JSONValue {
    /// The JSON Schema type name, counting any whole number as an integer.
    var schemaTypeName: String {
        if case let .number(d) = self, d.isFinite, d.rounded(.towardZero) == d { return "integer" }
        return typeName
    }
}

/// How values appear inside messages.
enum Describe {
    static let maximumLength = 40

    /// Strings in single quotes, other values as compact JSON; long ones shortened.
    static func value(_ value: JSONValue) -> String {
        switch value {
        case let .string(s): return "'\(shortened(s))'"
        case let .integer(i): return String(i)
        case let .number(d):
            if d.isFinite, d.rounded(.towardZero) == d, abs(d) < 1e15 { return String(Int(d)) }
            return "\(d)"
        default: return shortened(value.compactText)
        }
    }

    /// At most `maximumLength` characters, line breaks and tabs made visible.
    static func shortened(_ text: String) -> String {
        var visible = ""
        for character in text {
            switch character {
            case "\n", "\r\n": visible += "\\n"
            case "\r": visible += "\\r"
            case "\t": visible += "\\t"
            default: visible.append(character)
            }
        }
        guard visible.count > maximumLength else { return visible }
        return String(visible.prefix(maximumLength - 1)) + "…"
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    static func typeWithArticle(_ name: String) -> String {
        switch name {
        case "null": return "null"
        case "integer", "object", "array": return "an \(name)"
        default: return "a \(name)"
        }
    }
}

// MARK: - Numbers

/// Exact comparisons as JSON Schema defines them. Integers are compared as
/// integers, not as Doubles, so 2^53 + 1 and 2^53 stay different; strings and
/// keys by code points, not by Swift's canonical equivalence (precomposed "ä"
/// and "a" + U+0308 are different strings to JSON Schema).
enum JSONCompare {
    static func sameText(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    /// The member whose key is exactly `key`.
    static func member(_ object: JSONObject, _ key: String) -> JSONValue? {
        object.entries.first(where: { sameText($0.key, key) })?.value
    }

    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.string(x), .string(y)): return sameText(x, y)
        case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy(equal)
        case let (.object(x), .object(y)):
            guard x.count == y.count else { return false }
            for (key, value) in x.entries {
                guard let other = member(y, key), equal(value, other) else { return false }
            }
            return true
        case (.integer, .integer), (.integer, .number), (.number, .integer), (.number, .number):
            return order(a, b) == .orderedSame
        default: return false
        }
    }

    /// The order of two numbers; nil unless both are numbers (or one is NaN).
    static func order(_ a: JSONValue, _ b: JSONValue) -> ComparisonResult? {
        switch (a, b) {
        case let (.integer(x), .integer(y)): return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        case let (.number(x), .number(y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        case let (.integer(x), .number(y)): return order(x, y)
        case let (.number(x), .integer(y)):
            guard let result = order(y, x) else { return nil }
            switch result {
            case .orderedAscending: return .orderedDescending
            case .orderedDescending: return .orderedAscending
            case .orderedSame: return .orderedSame
            }
        default: return nil
        }
    }

    /// An Int against a Double with no rounding of the Int.
    static func order(_ x: Int, _ y: Double) -> ComparisonResult? {
        if y.isNaN { return nil }
        if y >= 0x1p63 { return .orderedAscending }
        if y < -0x1p63 { return .orderedDescending }
        let floor = y.rounded(.down)
        let whole = Int(floor)
        if x < whole { return .orderedAscending }  // x < floor <= y
        if x > whole { return .orderedDescending }  // x >= floor + 1 > y
        return floor == y ? .orderedSame : .orderedAscending
    }
}

/// `multipleOf` in decimal arithmetic on the numbers as written, so that
/// 0.0075 is a multiple of 0.0001 (as people mean it) although neither is
/// exact in binary, and 1e308 against 0.123456789 neither overflows nor lies.
enum DecimalMultiple {
    /// A non-negative decimal `significand × 10^exponent`.
    struct Decimal10 {
        var significand: UInt64
        var exponent: Int
    }

    /// Nil when the question does not apply (not numbers, or a divisor that is not positive).
    static func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool? {
        guard let divisorValue = divisor.numericValue, divisorValue > 0, let v = decimal(value), let d = decimal(divisor) else {
            return nil
        }
        if v.significand == 0 { return true }
        if v.exponent >= d.exponent {
            // Is v.significand × 10^(Δ) divisible by d.significand?
            var remainder = v.significand % d.significand
            var steps = v.exponent - d.exponent
            while steps > 0, remainder != 0 {
                let product = remainder.multipliedFullWidth(by: 10)
                remainder = d.significand.dividingFullWidth((high: product.high, low: product.low)).remainder
                steps -= 1
            }
            return remainder == 0
        }
        // v has fewer trailing zeros than d needs: with both significands free of
        // trailing zeros, v.significand would have to be a multiple of 10^(Δ).
        return false
    }

    /// The number as written in its shortest decimal form, trailing zeros moved into the exponent.
    static func decimal(_ value: JSONValue) -> Decimal10? {
        var result: Decimal10
        switch value {
        case let .integer(i): result = Decimal10(significand: UInt64(i.magnitude), exponent: 0)
        case let .number(d):
            guard d.isFinite, let parsed = parse("\(d.magnitude)") else { return nil }
            result = parsed
        default: return nil
        }
        if result.significand == 0 { return Decimal10(significand: 0, exponent: 0) }
        while result.significand % 10 == 0 {
            result.significand /= 10
            result.exponent += 1
        }
        return result
    }

    /// Reads Swift's shortest round-trip text of a Double: `0.0075`, `1e+308`, `7.5e-05`, `123.0`.
    static func parse(_ text: String) -> Decimal10? {
        var significand: UInt64 = 0
        var exponent = 0
        var afterPoint = false
        var index = text.utf8.startIndex
        let bytes = text.utf8
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                afterPoint = true
            } else if byte >= 0x30, byte <= 0x39 {
                let (scaled, overflow) = significand.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                significand = scaled + UInt64(byte - 0x30)
                if afterPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                var written = Substring(text[bytes.index(after: index)...])
                if written.first == "+" { written = written.dropFirst() }
                guard let power = Int(written) else { return nil }
                return Decimal10(significand: significand, exponent: exponent + power)
            } else {
                return nil
            }
            index = bytes.index(after: index)
        }
        return Decimal10(significand: significand, exponent: exponent)
    }
}

// MARK: - Patterns

/// Compiled `pattern`s, shared and thread-safe. A pattern that does not
/// compile is remembered as nil and never checked (the schema's own issues
/// report it; a caller's value is not at fault).
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    /// Schemas carry a handful of patterns; this only bounds a pathological caller.
    static let capacity = 512

    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = compiled[pattern] { return cached }
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        let regex = ECMAPattern.compile(pattern)
        compiled[pattern] = regex
        return regex
    }
}
