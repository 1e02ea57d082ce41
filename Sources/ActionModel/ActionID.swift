import Foundation

/// A stable, printable action identifier: `act_` and 16 lowercase Crockford
/// base32 characters (80 random bits), e.g. `act_7k2m9q4x1c8d0f3h`.
/// Shown to users and used on the command line, so it avoids the look-alike
/// letters i, l, o and u.
public struct ActionID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public static let prefix = "act_"
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
    static let bodyLength = 16

    /// Accepts only well-formed IDs (any letter case); nil otherwise.
    public init?(_ text: String) {
        // Byte-level check: IDs are parsed for every row a store loads, and
        // those are lower-case already, so the text is kept as it is (no copy)
        // unless it has an upper-case letter to lower.
        let utf8 = text.utf8
        guard utf8.count == Self.prefix.utf8.count + Self.bodyLength else { return nil }
        var hasUpperCase = false
        for (offset, byte) in utf8.enumerated() {
            let isUpper = byte >= 0x41 && byte <= 0x5A
            hasUpperCase = hasUpperCase || isUpper
            let lower = isUpper ? byte + 32 : byte
            if offset < 4 {
                guard lower == Self.prefixBytes[offset] else { return nil }
            } else {
                guard lower < 128, Self.isAlphabetByte[Int(lower)] else { return nil }
            }
        }
        rawValue = hasUpperCase ? String(decoding: utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }, as: UTF8.self) : text
    }

    private static let prefixBytes = Array(prefix.utf8)
    private static let isAlphabetByte: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for character in alphabet { table[Int(character.asciiValue!)] = true }
        return table
    }()

    private init(unchecked: String) { rawValue = unchecked }

    public static func generate() -> ActionID {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> ActionID {
        ActionID(unchecked: PrefixedID.generate(prefix: prefix, using: &generator))
    }

    public var description: String { rawValue }
    public static func < (lhs: ActionID, rhs: ActionID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The LLM tool name of an action.
public enum FunctionName {
    public static let maximumLength = 64

    /// Whether `name` matches `^[a-zA-Z0-9_-]{1,64}$`, OpenAI's rule for tool names.
    public static func isValid(_ name: String) -> Bool {
        guard (1...maximumLength).contains(name.utf8.count) else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// snake_case from a human name: "Create CRM lead" → `create_crm_lead`,
    /// "Réserver un créneau" → `reserver_un_creneau`, "Забронировать столик" →
    /// `zabronirovat_stolik` (other scripts are transliterated to Latin first).
    /// A name with nothing to transliterate (emoji, symbols) gets `action_` and
    /// its characters' code points in hex, so two such names never share one.
    /// Never empty.
    public static func derived(from name: String) -> String {
        var result = ""
        var pendingUnderscore = false
        // NFKD splits "é" into "e" and a combining accent, which is then skipped.
        for scalar in latin(name).decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingUnderscore && !result.isEmpty { result.append("_") }
                pendingUnderscore = false
                result.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value)).lowercasedASCII)
            } else if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .modifierLetter {
                // The accent of a decomposed letter, or a transliteration's soft-sign
                // prime ("Zabronirovatʹ"): keep the letters only.
                continue
            } else {
                pendingUnderscore = true
            }
        }
        if result.isEmpty { result = codePoints(name) }
        if result.utf8.count > maximumLength { result = String(result.prefix(maximumLength)) }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }

    /// `derived(from:)`, made unique among `taken` (compared case-insensitively,
    /// as the store does) with `_2`, `_3` … kept within the length limit.
    public static func unique(from name: String, taken: Set<String>) -> String {
        unique(derived(from: name), taken: taken)
    }

    public static func unique(_ base: String, taken: Set<String>) -> String {
        let lowered = Set(taken.map { $0.lowercased() })
        if !lowered.contains(base.lowercased()) { return base }
        var number = 2
        while true {
            let suffix = "_\(number)"
            let candidate = String(base.prefix(maximumLength - suffix.utf8.count)) + suffix
            if !lowered.contains(candidate.lowercased()) { return candidate }
            number += 1
        }
    }

    /// Latin letters for any script ICU can transliterate (Cyrillic, Greek,
    /// Arabic, Han, Devanagari …); ASCII names are returned as they are.
    static func latin(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return name }
        return name.applyingTransform(.toLatin, reverse: false) ?? name
    }

    /// `action_1f355` for "🍕": the name's code points, for names without letters.
    static func codePoints(_ name: String) -> String {
        let points = name.unicodeScalars.filter { !$0.properties.isWhitespace }.map { String($0.value, radix: 16) }
        return points.isEmpty ? "action" : "action_" + points.joined(separator: "_")
    }
}

extension Unicode.Scalar {
    var lowercasedASCII: Unicode.Scalar {
        (0x41...0x5A).contains(value) ? Unicode.Scalar(value + 32)! : self
    }
}
