import Foundation

/// One word of what the caller said: the text as written (case kept, for
/// names and free text) and a lowercased form with surrounding punctuation
/// removed (for understanding).
struct SpokenToken: Sendable, Equatable {
    var text: String
    var word: String
    /// A comma, semicolon or sentence end followed the word.
    var breakAfter: Bool
}

/// Small text tools shared by the spoken-value parsers and the mock agent.
enum SpokenText {
    /// Splits an utterance into words. Trailing `, ; ! ?` and a sentence-ending
    /// `.` are removed (and noted as a break); dots inside a word (`jo.smith`)
    /// stay. Hyphenated number words (`forty-two`, `twenty-first`) become two words.
    static func tokens(_ utterance: String) -> [SpokenToken] {
        var result: [SpokenToken] = []
        let normalized = utterance.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
        let raws = normalized.split(whereSeparator: { $0.isWhitespace })
        for (index, raw) in raws.enumerated() {
            var text = String(raw)
            var breakAfter = false
            // "St. Louis", "Dr. Han", "J. Smith": the dot of an abbreviation or an initial before a name is part of it.
            if text.hasSuffix("."), index + 1 < raws.count, let next = raws[index + 1].first, next.isUppercase,
                abbreviations.contains(text.dropLast().lowercased()) || (text.count == 2 && text.first!.isUppercase)
            {
                result.append(SpokenToken(text: text, word: text.dropLast().lowercased(), breakAfter: false))
                continue
            }
            while let last = text.last, ",;!?\"')]".contains(last) || (last == "." && !isAbbreviatedTime(text)) {
                if ",;!?.".contains(last) { breakAfter = true }
                text.removeLast()
            }
            while let first = text.first, "\"'([".contains(first) { text.removeFirst() }
            guard !text.isEmpty else {
                if breakAfter, !result.isEmpty { result[result.count - 1].breakAfter = true }
                continue
            }
            let lower = text.lowercased()
            let parts = lower.split(separator: "-").map(String.init)
            if parts.count == 2, parts.allSatisfy({ SpokenNumbers.isNumberWord($0) || SpokenNumbers.ordinalWords[$0] != nil }) {
                let originals = text.split(separator: "-").map(String.init)
                result.append(SpokenToken(text: originals[0], word: parts[0], breakAfter: false))
                result.append(SpokenToken(text: originals[1], word: parts[1], breakAfter: breakAfter))
                continue
            }
            result.append(SpokenToken(text: text, word: lower, breakAfter: breakAfter))
        }
        return result
    }

    static let abbreviations: Set<String> = [
        "st", "mt", "ft", "dr", "mr", "mrs", "ms", "jr", "sr", "prof", "ave", "blvd", "rd", "hwy", "apt", "ste", "inc",
        "co", "corp", "ltd", "gen", "capt", "lt", "col", "sgt", "vs", "fr", "pt", "ln",
    ]

    /// `a.m.` / `p.m.` keep their final dot (it is not a sentence end).
    private static func isAbbreviatedTime(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasSuffix("a.m.") || lower.hasSuffix("p.m.")
    }

    static func words(_ utterance: String) -> [String] { tokens(utterance).map(\.word) }

    /// Lowercase with light stemming: `seats` → `seat`, `booking` → `book`,
    /// `deliveries` → `delivery`, `customer's` → `customer`.
    static func stem(_ word: String) -> String {
        var w = word.lowercased()
        if w.hasSuffix("'s") { w.removeLast(2) }
        w = String(w.filter { $0.isLetter || $0.isNumber })
        if let irregular = irregularPlurals[w] { return irregular }
        if w.count > 4, w.hasSuffix("ies") {
            // "movies" → "movie", "cities" → "city".
            return ieNouns.contains(String(w.dropLast(1))) ? String(w.dropLast(1)) : String(w.dropLast(3)) + "y"
        }
        if w.count > 5, w.hasSuffix("ing") {
            var base = Array(w.dropLast(3))
            if base.count >= 3, base[base.count - 1] == base[base.count - 2], !"aeiouls".contains(base[base.count - 1]) {
                base.removeLast()
            }
            return String(base)
        }
        if w.count > 5, w.hasSuffix("ed"), !w.hasSuffix("eed") {
            // "shared" and "sharing" both → "shar", "booked" → "book".
            var base = Array(w.dropLast(2))
            if base.count >= 3, base[base.count - 1] == base[base.count - 2], !"aeiouls".contains(base[base.count - 1]) { base.removeLast() }
            return String(base)
        }
        if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us") { return String(w.dropLast()) }
        return w
    }

    /// Nouns ending in "ie", whose plural is not a "y" word's.
    static let ieNouns: Set<String> = [
        "movie", "cookie", "calorie", "zombie", "selfie", "rookie", "hoodie", "smoothie", "brownie", "goalie", "genie", "prairie",
        "veggie", "freebie", "newbie", "techie", "auntie", "sweetie", "birdie", "bookie", "foodie", "indie", "junkie", "pixie",
    ]

    static let irregularPlurals: [String: String] = [
        "children": "child", "people": "person", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    ]

    static let stopWords: Set<String> = [
        "a", "an", "the", "i", "i'd", "i'm", "im", "id", "me", "my", "you", "your", "to", "for", "of", "and", "or", "in", "on",
        "at", "is", "are", "be", "was", "want", "wanna", "like", "would", "could", "can", "please", "need", "some", "with",
        "it", "it's", "its", "this", "that", "do", "does", "help", "about", "from", "by", "get", "just", "so", "um", "uh",
        "er", "hi", "hello", "hey", "yes", "yeah", "ok", "okay", "we", "our", "us", "have", "has", "will", "if", "what",
        "how", "there", "their", "them", "they", "then", "than", "also", "an", "as", "into", "out", "up", "again", "let",
        "lets", "let's", "make", "know", "go", "going", "see", "thank", "thanks", "well", "now", "one", "action",
    ]

    /// The stemmed content words of a text, stop words left out.
    static func keywords(_ text: String) -> [String] {
        var seen: [String] = []
        for piece in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'") }) {
            let word = String(piece)
            guard !stopWords.contains(word) else { continue }
            let stemmed = stem(word)
            if stemmed.count > 1, !stopWords.contains(stemmed), !seen.contains(stemmed) { seen.append(stemmed) }
        }
        return seen
    }

    /// Words said to fill a pause or to lead into an answer.
    static let fillerWords: Set<String> = ["um", "umm", "uh", "uhh", "er", "erm", "hmm", "ah", "like"]
    static let leadIns: [[String]] = [
        ["so"], ["well"], ["okay"], ["ok"], ["oh"], ["sure"], ["yes"], ["yeah"], ["yep"], ["right"], ["alright"],
        ["actually"], ["no"], ["sorry"],
        ["it's"], ["its"], ["it", "is"], ["that's"], ["that", "is"], ["this", "is"], ["my", "name", "is"], ["my", "name's"],
        ["name's"], ["i'm"], ["i", "am"], ["call", "me"], ["i", "meant"], ["i", "mean"], ["the", "answer", "is"],
        ["i", "think"], ["i", "guess"], ["probably"], ["let's", "say"], ["let", "me", "think"], ["just"],
    ]
    static let trailers: [[String]] = [["please"], ["thanks"], ["thank", "you"], ["i", "think"], ["i", "guess"]]

    /// The tokens minus fillers ("um", "uh") anywhere, lead-ins ("sure, it's",
    /// "my name is") at the start and "please"/"thanks" at the end.
    static func strippingFiller(_ tokens: [SpokenToken]) -> [SpokenToken] {
        var kept = tokens.filter { !fillerWords.contains($0.word) || $0.word == "like" }
        // "like" is filler only at the start ("like, maybe ten").
        var changed = true
        while changed, !kept.isEmpty {
            changed = false
            if kept.first?.word == "like" {
                kept.removeFirst()
                changed = true
                continue
            }
            for lead in leadIns where kept.count > lead.count && zip(kept, lead).allSatisfy({ $0.word == $1 }) {
                kept.removeFirst(lead.count)
                changed = true
                break
            }
        }
        changed = true
        while changed, !kept.isEmpty {
            changed = false
            for trailer in trailers where kept.count > trailer.count && zip(kept.suffix(trailer.count), trailer).allSatisfy({ $0.word == $1 }) {
                kept.removeLast(trailer.count)
                changed = true
                break
            }
        }
        return kept
    }

    /// Tokens joined back into text as the caller wrote them (commas kept between words).
    static func join(_ tokens: some Collection<SpokenToken>) -> String {
        var text = ""
        let list = Array(tokens)
        for (index, token) in list.enumerated() {
            if !text.isEmpty { text += " " }
            text += token.text
            if token.breakAfter, index < list.count - 1 { text += "," }
        }
        return text
    }

    /// The optimal-string-alignment (Damerau–Levenshtein) distance: insertions,
    /// deletions, substitutions and swaps of neighbours each cost one.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }

    /// "a, b and c" / "a or b".
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }
}
