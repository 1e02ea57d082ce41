import Foundation

/// Builds a string that a JSON Schema `pattern` matches, for sample values
/// ("Send test request"): `^[A-Z]{2}-\d{4}$` → `AB-1234`.
///
/// The pattern is read into a small tree (alternatives, groups, quantifiers,
/// backreferences, assertions); each character class, `.`, `\d`, `\p{…}` …
/// is not interpreted here but asked of the regex engine the validator uses:
/// the first characters of a fixed pool it matches. So every class the
/// validator understands is generated right, and every candidate is checked
/// with the validator's own regex (and the caller's `accepts`) before it is
/// returned. Lookarounds generate nothing and are left to that check, with a
/// few seeded random variations tried when the plain one fails.
public enum PatternSample {
    /// A string `pattern` (an unanchored search, as in JSON Schema) matches and
    /// `accepts` takes; nil when the pattern doesn't compile or no candidate fits.
    public static func string(matching pattern: String, accepting accepts: (String) -> Bool = { _ in true }) -> String? {
        guard let regex = ECMAPattern.compile(pattern) else { return nil }
        var parser = Parser(Array(pattern))
        guard let tree = parser.parse() else { return nil }
        var classes = ClassCache()
        var random = SplitMix(seed: 0x5EED)
        for attempt in 0...randomAttempts {
            var generator = Generator(classes: classes, random: attempt == 0 ? nil : random)
            let candidate = generator.generate(tree)
            classes = generator.classes
            if let used = generator.random { random = used }
            let range = NSRange(location: 0, length: candidate.utf16.count)
            if regex.firstMatch(in: candidate, range: range) != nil, accepts(candidate) { return candidate }
        }
        return nil
    }

    /// Seeded variations tried after the plain candidate (lookaheads, lengths).
    static let randomAttempts = 96

    /// Characters a class may be filled with, in the order they are preferred:
    /// letters and digits first (samples read naturally), then punctuation,
    /// whitespace and a few non-ASCII letters for classes that need them.
    static let pool: [Character] = Array(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890"
            + "_-.@/:+#,!?*&%$=~'\"()[]{}<>;|^`\\ \t\néüñßçøåаяжλπ中文日本한😀")

    // MARK: The tree

    indirect enum Node {
        case literal(Character)
        /// A class, `.`, or a class escape, as written: resolved by the regex engine.
        case characterClass(String)
        case sequence([Node])
        case alternatives([Node])
        /// A group; `capture` is its number when it captures.
        case group(Node, capture: Int?, name: String?)
        case repetition(Node, min: Int, max: Int?)
        /// `^ $ \b \B` and lookarounds: they match no characters.
        case assertion
        case backreference(Int)
        case namedBackreference(String)
    }

    struct Parser {
        let characters: [Character]
        var index = 0
        var groupCount = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { index >= characters.count }
        var current: Character? { atEnd ? nil : characters[index] }
        func peek(_ offset: Int) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }

        mutating func parse() -> Node? {
            guard let node = alternatives(), atEnd else { return nil }
            return node
        }

        mutating func alternatives() -> Node? {
            var options: [Node] = []
            while true {
                guard let sequence = sequence() else { return nil }
                options.append(sequence)
                if current == "|" { index += 1; continue }
                break
            }
            return options.count == 1 ? options[0] : .alternatives(options)
        }

        mutating func sequence() -> Node? {
            var items: [Node] = []
            while let character = current, character != "|", character != ")" {
                guard let atom = atom() else { return nil }
                guard let quantified = quantified(atom) else { return nil }
                items.append(quantified)
            }
            return .sequence(items)
        }

        mutating func quantified(_ atom: Node) -> Node? {
            var node = atom
            while let character = current {
                var bounds: (Int, Int?)?
                switch character {
                case "*": bounds = (0, nil); index += 1
                case "+": bounds = (1, nil); index += 1
                case "?": bounds = (0, 1); index += 1
                case "{":
                    guard let braces = braceQuantifier() else { return node }
                    bounds = braces
                default: return node
                }
                guard let (min, max) = bounds else { return node }
                if let max, max < min { return nil }
                node = .repetition(node, min: min, max: max)
                // Lazy (`*?`) and possessive (`*+`) forms match the same strings.
                if current == "?" || current == "+" { index += 1 }
            }
            return node
        }

        /// `{n}`, `{n,}`, `{n,m}`; nil (nothing consumed) when the brace is a literal.
        mutating func braceQuantifier() -> (Int, Int?)? {
            var cursor = index + 1
            func number() -> Int? {
                var digits = ""
                while cursor < characters.count, let digit = characters[cursor].wholeNumberValue, characters[cursor].isASCII {
                    digits.append(String(digit))
                    cursor += 1
                }
                return digits.isEmpty ? nil : Int(digits.prefix(6))
            }
            guard let min = number() else { return nil }
            var max: Int? = min
            if cursor < characters.count, characters[cursor] == "," {
                cursor += 1
                max = number()
            }
            guard cursor < characters.count, characters[cursor] == "}" else { return nil }
            index = cursor + 1
            return (min, max)
        }

        mutating func atom() -> Node? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case "(": return group()
            case "[": return characterClass()
            case ".": return .characterClass(".")
            case "^", "$": return .assertion
            case "\\": return escape()
            case "*", "+", "?": return nil  // nothing to repeat
            default: return .literal(character)
            }
        }

        mutating func group() -> Node? {
            var capture: Int?
            var name: String?
            var isAssertion = false
            if current == "?" {
                switch (peek(1), peek(2)) {
                case (":", _): index += 2
                case ("=", _), ("!", _): index += 2; isAssertion = true
                case ("<", "="), ("<", "!"): index += 3; isAssertion = true
                case ("<", _):
                    index += 2
                    var written = ""
                    while let character = current, character != ">" { written.append(character); index += 1 }
                    guard current == ">" else { return nil }
                    index += 1
                    groupCount += 1
                    capture = groupCount
                    name = written
                default:
                    // Inline flags: `(?i:…)` groups without capturing, `(?i)` matches nothing.
                    // Letters keep their case, which a case-insensitive match accepts too.
                    var cursor = index + 1
                    while cursor < characters.count, characters[cursor].isLetter || characters[cursor] == "-" { cursor += 1 }
                    guard cursor > index + 1, cursor < characters.count else { return nil }
                    if characters[cursor] == ")" {
                        index = cursor + 1
                        return .assertion
                    }
                    guard characters[cursor] == ":" else { return nil }
                    index = cursor + 1
                }
            } else {
                groupCount += 1
                capture = groupCount
            }
            guard let inside = alternatives(), current == ")" else { return nil }
            index += 1
            return isAssertion ? .assertion : .group(inside, capture: capture, name: name)
        }

        mutating func characterClass() -> Node? {
            var source = "["
            if current == "^" { source.append("^"); index += 1 }
            // A `]` first in the class is a literal in ICU.
            if current == "]" { source.append("\\]"); index += 1 }
            while let character = current {
                index += 1
                if character == "\\" {
                    guard let escaped = current else { return nil }
                    index += 1
                    source.append("\\")
                    source.append(escaped)
                    continue
                }
                if character == "[" {
                    source.append("\\[")  // ECMA has no nested classes: a literal bracket
                    continue
                }
                source.append(character)
                if character == "]" { return .characterClass(source) }
            }
            return nil
        }

        mutating func escape() -> Node? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case "b", "B": return .assertion
            case "d", "D", "w", "W", "s", "S": return .characterClass("\\\(character)")
            case "p", "P":
                guard current == "{" else { return .characterClass("\\\(character)") }
                var written = "\\\(character)"
                while let next = current {
                    written.append(next)
                    index += 1
                    if next == "}" { return .characterClass(written) }
                }
                return nil
            case "1"..."9":
                var digits = String(character)
                while let next = current, next.isASCII, next.isNumber { digits.append(next); index += 1 }
                return .backreference(Int(digits) ?? 0)
            case "k":
                guard current == "<" else { return .literal("k") }
                index += 1
                var name = ""
                while let next = current, next != ">" { name.append(next); index += 1 }
                guard current == ">" else { return nil }
                index += 1
                return .namedBackreference(name)
            case "u":
                if current == "{" {
                    index += 1
                    var hex = ""
                    while let next = current, next != "}" { hex.append(next); index += 1 }
                    guard current == "}" else { return nil }
                    index += 1
                    return scalar(hex)
                }
                return fixedHex(4) ?? .literal("u")
            case "x": return fixedHex(2) ?? .literal("x")
            case "c":
                guard let letter = current, letter.isASCII, letter.isLetter else { return .literal("c") }
                index += 1
                return .literal(Character(Unicode.Scalar(letter.asciiValue! % 32)))
            case "t": return .literal("\t")
            case "n": return .literal("\n")
            case "r": return .literal("\r")
            case "f": return .literal("\u{0C}")
            case "v": return .literal("\u{0B}")
            case "0": return .literal("\u{00}")
            default: return .literal(character)
            }
        }

        mutating func fixedHex(_ count: Int) -> Node? {
            guard index + count <= characters.count else { return nil }
            let hex = String(characters[index..<index + count])
            guard hex.allSatisfy(\.isHexDigit) else { return nil }
            index += count
            return scalar(hex)
        }

        func scalar(_ hex: String) -> Node? {
            guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            return .literal(Character(scalar))
        }
    }

    // MARK: Generating

    /// Which pool characters each class matches, asked of the regex engine once.
    struct ClassCache {
        var members: [String: [Character]] = [:]

        mutating func characters(of source: String) -> [Character] {
            if let known = members[source] { return known }
            var found: [Character] = []
            if let regex = ECMAPattern.compile("^(?:\(source))$") {
                for character in PatternSample.pool {
                    let text = String(character)
                    if regex.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil {
                        found.append(character)
                    }
                }
            }
            members[source] = found
            return found
        }
    }

    struct Generator {
        var classes: ClassCache
        /// nil: the plain candidate (fewest repetitions, first alternatives).
        var random: SplitMix?
        var captures: [Int: String] = [:]
        var named: [String: String] = [:]
        /// How many characters each class has given, so `\d{4}` gives `1234`, not `1111`.
        var positions: [String: Int] = [:]

        mutating func generate(_ node: Node) -> String {
            switch node {
            case let .literal(character):
                return String(character)
            case let .characterClass(source):
                let members = classes.characters(of: source)
                guard !members.isEmpty else { return "" }
                let position = positions[source, default: 0]
                positions[source] = position + 1
                if var random {
                    let chosen = members[Int(random.next() % UInt64(members.count))]
                    self.random = random
                    return String(chosen)
                }
                return String(members[position % members.count])
            case let .sequence(items):
                return items.map { generate($0) }.joined()
            case let .alternatives(options):
                guard !options.isEmpty else { return "" }
                if var random {
                    let chosen = Int(random.next() % UInt64(options.count))
                    self.random = random
                    return generate(options[chosen])
                }
                return generate(options[0])
            case let .group(inside, capture, name):
                let text = generate(inside)
                if let capture { captures[capture] = text }
                if let name { named[name] = text }
                return text
            case let .repetition(inside, min, max):
                var count = Swift.max(min, Swift.min(1, max ?? 1))
                if var random {
                    let upper = Swift.min(max ?? (min + 8), min + 8)
                    count = min + Int(random.next() % UInt64(upper - min + 1))
                    self.random = random
                }
                var text = ""
                for _ in 0..<count { text += generate(inside) }
                return text
            case .assertion:
                return ""
            case let .backreference(number):
                return captures[number] ?? ""
            case let .namedBackreference(name):
                return named[name] ?? ""
            }
        }
    }

    /// A small seeded generator, so the same pattern always gives the same sample.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
