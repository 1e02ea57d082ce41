import Foundation

/// Phone numbers as people write them, brought to E.164 (`+14155550199`), the
/// one form transfers dial and the store keeps.
public enum PhoneNumber {
    /// The E.164 form of `text`, or nil when it can't be one. Accepts the usual
    /// spellings of an international number: `+1 (415) 555-0199`,
    /// `+44 20 7946 0958`, `+33.1.23.45.67.89`, `0044 20 7946 0958` (a leading
    /// `00` is the international prefix; a `(0)` trunk prefix is dropped, as in
    /// `+44 (0)20 7946 0958`). Spaces, dots, dashes, slashes and
    /// parentheses are dropped; any other character, a missing country code,
    /// a country code starting with 0, or more than 15 digits is refused.
    public static func e164(_ text: String) -> String? {
        // "+44 (0)20 …": the bracketed 0 is the trunk prefix dialled only at home.
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "(0)", with: ""))
        var international = false
        if rest.hasPrefix("+") || rest.hasPrefix("＋") {
            international = true
            rest = rest.dropFirst()
        }
        var digits = ""
        for character in rest {
            if let digit = character.asciiDigit {
                digits.append(digit)
            } else if !separators.contains(character) {
                return nil
            }
        }
        if !international {
            guard digits.hasPrefix("00") else { return nil }
            digits.removeFirst(2)
        }
        guard (2...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }

    /// What `e164` refused and how to write it instead; nil when it is a number.
    public static func problem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return "enter the number to transfer to, in E.164 form like +14155550100" }
        if e164(trimmed) != nil { return nil }
        let digitCount = trimmed.filter { $0.asciiDigit != nil }.count
        let onlyNumberCharacters = trimmed.allSatisfy { $0.asciiDigit != nil || separators.contains($0) || $0 == "+" || $0 == "＋" }
        if onlyNumberCharacters, !trimmed.hasPrefix("+"), !trimmed.hasPrefix("＋"), !trimmed.hasPrefix("00"), digitCount > 0 {
            return "'\(text)' has no country code; an E.164 number starts with + and the country code, like +1 415 555 0199"
        }
        if onlyNumberCharacters, digitCount > 15 {
            return "'\(text)' has \(digitCount) digits; an E.164 number has at most 15, like +14155550100"
        }
        return "'\(text)' is not a phone number; write it in E.164, a plus, the country code and the number, like +1 (415) 555-0199 or +14155550100"
    }

    /// Written between digit groups, never part of the number.
    static let separators: Set<Character> = [" ", "\u{00A0}", "\t", ".", "-", "‐", "–", "/", "(", ")"]
}

extension Character {
    /// "0"…"9" only (not other scripts' digits, which are not dialled).
    var asciiDigit: Character? {
        guard let ascii = asciiValue, ascii >= 0x30, ascii <= 0x39 else { return nil }
        return self
    }
}

extension PhoneNumber {
    /// Replaces `number` with its E.164 form when it has one (and differs),
    /// leaving text that isn't a number as it was.
    static func normalize(_ number: inout String) {
        if let normalized = e164(number), normalized != number { number = normalized }
    }
}
