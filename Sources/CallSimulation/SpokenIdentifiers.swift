import ActionModel
import Foundation

/// Identifiers said aloud — order numbers, references, codes: "A B 12",
/// "seven seven one nine", "forty two seventeen", "A P T dash four eight two
/// one" — joined into one value, and `pattern` fields searched for the part of
/// the line that fits.
enum SpokenIdentifiers {
    static let identifierCues: Set<String> = [
        "id", "number", "code", "reference", "ref", "confirmation", "serial", "sku", "zip", "postcode", "postal", "pin",
        "tracking", "identifier", "booking", "locator", "voucher", "coupon", "membership", "policy", "invoice", "claim",
    ]

    /// A field whose value is an identifier, not words: from its name and
    /// description ("order number", "booking reference") or its `pattern`.
    static func isIdentifierField(_ property: SchemaProperty) -> Bool {
        guard !property.isEnum, property.format == nil, !SpokenValues.isPhoneProperty(property), !SpokenValues.isEmailProperty(property)
        else { return false }
        let words = Set(SpokenText.keywords(property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description))
        switch property.type {
        case .string:
            if property.pattern != nil { return true }
            return !words.isDisjoint(with: identifierCues) && !words.contains("name")
        case .integer:
            // "number of guests" is a count, "PIN" or "account id" an identifier.
            return !words.isDisjoint(with: identifierCues.subtracting(["number"]))
        default:
            return false
        }
    }

    /// Runs of spelled letters, digits and number words ("dash" kept as `-`),
    /// each with its joined value.
    static func spans(_ tokens: [SpokenToken], free: [Bool]) -> [(range: Range<Int>, value: String)] {
        var found: [(range: Range<Int>, value: String)] = []
        var index = 0
        while index < tokens.count {
            var value = ""
            var end = index
            var repeatCount = 1
            while end < tokens.count, free[end] {
                let token = tokens[end], word = token.word
                let started = !value.isEmpty
                let nextIsSpelled = end + 1 < tokens.count && free[end + 1] && isSpelledLetter(tokens[end + 1], started: true)
                if word == "double" || word == "triple" {
                    guard end + 1 < tokens.count else { break }
                    repeatCount = word == "double" ? 2 : 3
                    end += 1
                    continue
                } else if ["dash", "hyphen", "-"].contains(word), started {
                    value += "-"
                } else if let digit = SpokenNumbers.units[word] {
                    value += String(repeating: String(digit), count: repeatCount)
                } else if word == "oh" || word == "o", started {
                    value += String(repeating: "0", count: repeatCount)
                } else if let teen = SpokenNumbers.teens[word] {
                    value += String(teen)
                } else if let tens = SpokenNumbers.tens[word] {
                    if end + 1 < tokens.count, free[end + 1], let unit = SpokenNumbers.units[tokens[end + 1].word], unit > 0 {
                        value += String(tens + unit)
                        end += 1
                    } else {
                        value += String(tens)
                    }
                } else if word == "hundred", started, let last = value.last, last.isNumber {
                    value += "00"
                } else if isWrittenCode(token.text) {
                    value += token.text.filter { $0.isLetter || $0.isNumber || $0 == "-" }
                } else if isSpelledLetter(token, started: started) || (word.count == 1 && word.first!.isLetter && nextIsSpelled && word != "a") {
                    value += token.text.uppercased()
                } else {
                    break
                }
                repeatCount = 1
                end += 1
                if token.breakAfter { break }
            }
            while value.hasSuffix("-") { value.removeLast() }
            if end > index, value.count >= 2, value.contains(where: \.isNumber) || value.count >= 3 {
                found.append((index..<end, value))
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// A single letter said as a letter: "A", "B" (capitalised), or any letter once a code has begun.
    static func isSpelledLetter(_ token: SpokenToken, started: Bool) -> Bool {
        guard token.text.count == 1, let c = token.text.first, c.isLetter, c.isASCII else { return false }
        if started { return token.word != "a" || c.isUppercase }
        return c.isUppercase && c != "I"
    }

    /// "12", "AB12", "APT-4821", "x7": a token written as a code (it has a digit, or is short capitals like "APT").
    static func isWrittenCode(_ text: String) -> Bool {
        let core = text.filter { $0 != "-" }
        guard !core.isEmpty, core.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
        if core.contains(where: \.isNumber) { return true }
        return core.count >= 2 && core.count <= 5 && core.allSatisfy(\.isUppercase)
    }

    /// The identifier the caller gave: the longest spelled run (one with a digit first).
    static func identifier(_ tokens: [SpokenToken], free: [Bool]) -> (range: Range<Int>, value: String)? {
        let all = spans(tokens, free: free)
        let withDigits = all.filter { $0.value.contains(where: \.isNumber) }
        return (withDigits.isEmpty ? all : withDigits).max { $0.value.count < $1.value.count }
    }

    /// The part of the line that fits the field's `pattern`: a spelled
    /// identifier, the words themselves, or a time or date said aloud written
    /// as the pattern wants it ("quarter past three" → `15:15` for `^[0-2][0-9]:[0-5][0-9]$`).
    static func patternValue(_ tokens: [SpokenToken], free: [Bool], pattern: String, context: SpokenContext) -> (range: Range<Int>, value: String)? {
        guard let regex = ECMAPattern.compile(pattern) else { return nil }
        func fits(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
        var candidates: [(range: Range<Int>, value: String)] = []
        for span in spans(tokens, free: free) {
            candidates.append(span)
            candidates.append((span.range, span.value.uppercased()))
        }
        // Windows of the words as said, shortest first.
        for size in 1...min(6, tokens.count) {
            for start in 0...(tokens.count - size) {
                let range = start..<(start + size)
                guard range.allSatisfy({ free[$0] }) else { continue }
                candidates.append((range, SpokenText.join(tokens[range])))
            }
        }
        let words = tokens.map(\.word)
        if let time = SpokenDates.findTime(in: words, lenient: true, claimed: free.map { !$0 }) {
            let t = time.parts
            for text in [String(format: "%02d:%02d", t.hour, t.minute), String(format: "%02d:%02d:%02d", t.hour, t.minute, t.second),
                String(format: "%d:%02d", t.hour, t.minute)]
            {
                candidates.append((time.range, text))
            }
        }
        if let date = SpokenDates.findDate(in: words, context: context, claimed: free.map { !$0 }) {
            candidates.append((date.range, SpokenDates.format(date.parts)))
        }
        // Among those that fit, the one that used the fewest words; a spelled code before plain words.
        return candidates.filter { fits($0.value) }.min { $0.range.count < $1.range.count }
    }

    // MARK: Saying what a pattern wants

    /// An example the description gives ("like APT-1234", "e.g. AB-12") or one
    /// built from a simple pattern; nil when neither exists.
    static func example(for property: SchemaProperty) -> String? {
        let pattern = property.pattern.flatMap(ECMAPattern.compile)
        let words = property.description.split(whereSeparator: { $0.isWhitespace }).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()\"'")) }
        for word in words where word.contains(where: \.isNumber) || word.count >= 3 && word.allSatisfy({ $0.isUppercase || $0 == "-" }) {
            if let pattern {
                if pattern.firstMatch(in: word, range: NSRange(word.startIndex..., in: word)) != nil { return word }
            } else {
                return word
            }
        }
        guard let source = property.pattern, let built = build(source) else { return nil }
        if let pattern, pattern.firstMatch(in: built, range: NSRange(built.startIndex..., in: built)) == nil { return nil }
        return built
    }

    /// An example string for a simple pattern: literals, `\d`, `[A-Z]`-style classes and `{n}` / `{n,m}` / `+` / `?`.
    static func build(_ pattern: String) -> String? {
        var chars = Array(pattern)
        if chars.first == "^" { chars.removeFirst() }
        if chars.last == "$" { chars.removeLast() }
        var output = ""
        var index = 0
        var digitCounter = 1
        func nextDigit() -> Character {
            defer { digitCounter = digitCounter % 9 + 1 }
            return Character(String(digitCounter))
        }
        while index < chars.count {
            var piece: () -> String
            let c = chars[index]
            if c == "\\", index + 1 < chars.count {
                let e = chars[index + 1]
                index += 2
                switch e {
                case "d": piece = { String(nextDigit()) }
                case "w": piece = { "A" }
                case "s": piece = { " " }
                default:
                    guard !e.isLetter else { return nil }
                    piece = { String(e) }
                }
            } else if c == "[" {
                guard let close = chars[index...].firstIndex(of: "]") else { return nil }
                let body = Array(chars[(index + 1)..<close])
                index = close + 1
                guard let first = body.first, first != "^" else { return nil }
                if body.count >= 3, body[1] == "-" {
                    let low = body[0], high = body[2]
                    if low.isNumber {
                        piece = {
                            let d = nextDigit()
                            return d >= low && d <= high ? String(d) : String(high)
                        }
                    } else {
                        piece = { String(low) }
                    }
                } else if first == "\\", body.count > 1, body[1] == "d" {
                    piece = { String(nextDigit()) }
                } else {
                    piece = { String(first) }
                }
            } else if "().*|".contains(c) {
                return nil
            } else {
                index += 1
                piece = { String(c) }
            }
            var count = 1
            if index < chars.count {
                if chars[index] == "{", let close = chars[index...].firstIndex(of: "}") {
                    let body = String(chars[(index + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                    guard let n = Int(body.first ?? "") else { return nil }
                    count = n
                    index = close + 1
                } else if chars[index] == "+" {
                    count = 4
                    index += 1
                } else if chars[index] == "?" {
                    count = 1
                    index += 1
                } else if chars[index] == "*" {
                    count = 2
                    index += 1
                }
            }
            for _ in 0..<count { output += piece() }
        }
        return output.isEmpty ? nil : output
    }

    /// What to say instead of the regex: "a reference like APT-1234".
    static func plainRequirement(for property: SchemaProperty) -> String {
        let what = property.description.isEmpty ? property.name.replacingOccurrences(of: "_", with: " ") : Questions.nounPhrase(property.description) ?? property.name
        if let example = example(for: property) { return "I need \(what) like \(example)" }
        return "that doesn't look like \(what)"
    }
}
