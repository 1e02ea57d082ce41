import Foundation

/// JSON Schema's `pattern` is an ECMA-262 regular expression, but patterns run
/// on ICU (NSRegularExpression), whose `\d` and `\w` are Unicode-aware: `\d`
/// matches "٣" (Arabic-Indic three) where ECMA-262 matches only 0–9. This
/// rewrites those classes to their ASCII meaning before compiling; the rest
/// of the syntax the two share is passed through unchanged.
public enum ECMAPattern {
    public static func icuPattern(_ pattern: String) -> String {
        var result = ""
        var insideClass = false
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                guard let escaped = characters.next() else {
                    result.append("\\")
                    continue
                }
                result += replacement(for: escaped, insideClass: insideClass) ?? "\\\(escaped)"
            case "[" where !insideClass:
                insideClass = true
                result.append(character)
            case "]" where insideClass:
                insideClass = false
                result.append(character)
            default:
                result.append(character)
            }
        }
        return result
    }

    /// The ASCII form of `\d \D \w \W`; inside `[…]` the positive ones become
    /// ranges and the negated ones a nested set (ICU unions nested sets).
    private static func replacement(for escaped: Character, insideClass: Bool) -> String? {
        switch escaped {
        case "d": return insideClass ? "0-9" : "[0-9]"
        case "D": return "[^0-9]"
        case "w": return insideClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]"
        case "W": return "[^a-zA-Z0-9_]"
        default: return nil
        }
    }

    /// The compiled pattern, or nil when it isn't a valid regular expression.
    public static func compile(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: icuPattern(pattern))
    }
}
