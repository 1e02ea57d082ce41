import ActionModel
import Foundation

/// What a call's "today" is, for understanding "tomorrow" or "next friday",
/// and the zone times are said in.
public struct SpokenContext: Sendable {
    public var now: Date
    public var timeZone: TimeZone
    public var calendar: Calendar

    public init(now: Date = Date(), timeZone: TimeZone = .current, calendar: Calendar? = nil) {
        self.now = now
        self.timeZone = timeZone
        var calendar = calendar ?? Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }
}

/// How an enum answer matched the allowed values.
public enum EnumMatch: Sendable, Equatable {
    case value(String)
    /// Two or more values fit equally well: ask, never guess.
    case ambiguous([String])
    case none
}

/// What an answer gave for one property.
public enum SpokenReading: Sendable, Equatable {
    case value(JSONValue)
    case ambiguous([String])
    /// Nothing of the property's shape was heard; the text says what was expected.
    case notUnderstood(String)
}

/// Understanding spoken-style answers: each function turns what the caller
/// said into a value, or nil when it did not hear one (it never guesses).
public enum SpokenValues {
    // MARK: Email

    /// "jo dot smith at example dot com", "j o dot smith at gmail dot com",
    /// "jo.smith@example.com", "jo underscore smith at …", "dash"/"hyphen" → `jo.smith@example.com`.
    public static func email(_ said: String) -> String? {
        emailSpans(in: SpokenText.tokens(said)).first?.value
    }

    static let emailConnectors: [String: String] = [
        "dot": ".", "period": ".", "point": ".", "underscore": "_", "dash": "-", "hyphen": "-", "minus": "-", "plus": "+",
    ]

    static func emailSpans(in tokens: [SpokenToken], claimed: [Bool]? = nil) -> [(range: Range<Int>, value: String)] {
        let words = tokens.map(\.word)
        var found: [(range: Range<Int>, value: String)] = []
        func free(_ i: Int) -> Bool { claimed?[i] != true }
        // Written addresses first.
        for (i, word) in words.enumerated() where free(i) && word.contains("@") {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:<>()"))
            let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") { found.append((i..<(i + 1), trimmed)) }
        }
        // Spoken: "… at … dot …".
        var i = 0
        while i < words.count {
            defer { i += 1 }
            guard free(i), words[i] == "at" || words[i] == "@" else { continue }
            var atEnd = i + 1
            if atEnd < words.count, ["sign", "symbol"].contains(words[atEnd]) { atEnd += 1 }
            // The domain: label (dot label)+.
            var domain = ""
            var j = atEnd
            var sawDot = false
            var lastWasLabel = false
            while j < words.count, free(j) {
                let w = words[j]
                if w == "dot" || w == "period" || w == "." {
                    guard lastWasLabel else { break }
                    domain += "."
                    sawDot = true
                    lastWasLabel = false
                } else if w == "dash" || w == "hyphen" {
                    guard lastWasLabel else { break }
                    domain += "-"
                    lastWasLabel = false
                } else if isEmailWord(w) {
                    if lastWasLabel {
                        // Letters spelled out join ("g mail"); a second word ends the address.
                        guard w.count == 1, domain.last.map({ $0.isLetter || $0.isNumber }) == true,
                            words[j - 1].count == 1 || domain.split(separator: ".").last?.count == 1
                        else { break }
                    }
                    domain += w
                    lastWasLabel = true
                    if w.contains(".") { sawDot = true }
                } else {
                    break
                }
                j += 1
            }
            // Drop a trailing connector ("dot" then nothing).
            var domainEnd = j
            while let last = domain.last, last == "." || last == "-" {
                domain.removeLast()
                domainEnd -= 1
            }
            guard sawDot, domain.contains("."), !domain.hasSuffix("."), let tld = domain.split(separator: ".").last, tld.count >= 2
            else { continue }
            // The local part, read backwards from "at".
            var local: [String] = []
            var k = i - 1
            var previousAccepted: String? = nil
            while k >= 0, free(k) {
                let w = words[k]
                if let connector = emailConnectors[w] {
                    guard previousAccepted != nil, !(previousAccepted.map { emailConnectors[$0] != nil } ?? false) else { break }
                    local.insert(connector, at: 0)
                } else if isEmailWord(w) {
                    if let previous = previousAccepted {
                        // A word joins only when a connector follows it, or when spelling letters.
                        let previousIsConnector = emailConnectors[previous] != nil
                        let spelling = w.count == 1 && previous.count == 1 && emailConnectors[previous] == nil
                        let digitsRun = w.allSatisfy(\.isNumber) || previous.allSatisfy(\.isNumber)
                        guard previousIsConnector || spelling || (digitsRun && w.count == 1) else { break }
                    }
                    if stopWordsBeforeEmail.contains(w) && (previousAccepted == nil || emailConnectors[previousAccepted!] == nil) { break }
                    local.insert(w, at: 0)
                } else {
                    break
                }
                previousAccepted = w
                k -= 1
            }
            while let first = local.first, emailConnectors.values.contains(first) { local.removeFirst(); k += 1 }
            guard !local.isEmpty else { continue }
            let address = local.joined() + "@" + domain
            found.append(((k + 1)..<domainEnd, address))
            i = domainEnd - 1
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static let stopWordsBeforeEmail: Set<String> = ["is", "it's", "its", "email", "address", "e-mail", "mail", "me", "my", "was", "be"]

    private static func isEmailWord(_ w: String) -> Bool {
        !w.isEmpty && w.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-+".contains($0)) }
            && !["and", "or", "but", "the", "a", "plan", "please"].contains(w)
    }

    // MARK: Numbers

    /// A number said in digits or words; nil when none, or when two different ones were said.
    public static func number(_ said: String) -> Double? {
        let words = SpokenText.strippingFiller(SpokenText.tokens(said)).map(\.word)
        let spans = SpokenNumbers.spans(in: words)
        guard let first = spans.first, spans.allSatisfy({ $0.value == first.value }) else { return nil }
        return first.value
    }

    /// A whole number; nil for "2.5" or when there is none.
    public static func integer(_ said: String) -> Int? {
        guard let value = number(said), value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    // MARK: Phone numbers

    /// "five five five, one two three four", "oh" for zero, "double five",
    /// "+1 415 555 0100" → digits, with a leading `+` (E.164) when a country code was said.
    public static func phone(_ said: String) -> String? {
        phoneSpans(in: SpokenText.tokens(said).map(\.word)).max { $0.value.count < $1.value.count }?.value
    }

    static func phoneSpans(in words: [String], claimed: [Bool]? = nil) -> [(range: Range<Int>, value: String)] {
        var found: [(range: Range<Int>, value: String)] = []
        var i = 0
        while i < words.count {
            var digits = ""
            var plus = false
            var j = i
            var repeatCount = 1
            while j < words.count, claimed?[j] != true {
                let w = words[j]
                if w == "plus" || w == "+" {
                    guard digits.isEmpty, !plus else { break }
                    plus = true
                } else if w == "double" || w == "triple" {
                    repeatCount = w == "double" ? 2 : 3
                    j += 1
                    continue
                } else if let d = SpokenNumbers.units[w] {
                    digits += String(repeating: String(d), count: repeatCount)
                } else if w == "oh" || w == "o" {
                    digits += String(repeating: "0", count: repeatCount)
                } else if let t = SpokenNumbers.teens[w] {
                    digits += String(t)
                } else if let t = SpokenNumbers.tens[w] {
                    if j + 1 < words.count, let u = SpokenNumbers.units[words[j + 1]], u > 0 {
                        digits += String(t + u)
                        j += 1
                    } else {
                        digits += String(t)
                    }
                } else if w == "hundred", !digits.isEmpty {
                    digits += "00"
                } else if w == "thousand", !digits.isEmpty {
                    digits += "000"
                } else if ["dash", "hyphen", "-"].contains(w), !digits.isEmpty {
                    // a separator
                } else if !w.isEmpty, w.allSatisfy({ $0.isASCII && ($0.isNumber || "+-().".contains($0)) }),
                    w.contains(where: \.isNumber)
                {
                    if w.hasPrefix("+") || w.hasPrefix("(+") {
                        guard digits.isEmpty else { break }
                        plus = true
                    }
                    digits += String(repeating: w.filter(\.isNumber), count: repeatCount)
                } else {
                    break
                }
                repeatCount = 1
                j += 1
            }
            if digits.count >= 7, digits.count <= 15 {
                found.append((i..<j, (plus ? "+" : "") + digits))
                i = j
            } else if digits.count > 15 {
                i = j  // too long for a phone number: not one
            } else {
                i += 1
            }
        }
        return found
    }

    // MARK: Booleans

    static let yesPhrases: [[String]] = [
        ["yes"], ["yeah"], ["yep"], ["yup"], ["ya"], ["yea"], ["sure"], ["correct"], ["right"], ["affirmative"],
        ["of", "course"], ["absolutely"], ["definitely"], ["certainly"], ["true"], ["ok"], ["okay"], ["please"],
        ["i", "do"], ["i", "would"], ["that's", "right"], ["go", "ahead"], ["indeed"], ["uh-huh"], ["totally"], ["exactly"],
        ["fine"], ["cool"], ["works"], ["alright"], ["all", "right"], ["good"], ["great"], ["perfect"], ["i", "am"],
    ]
    static let noPhrases: [[String]] = [
        ["no"], ["nope"], ["nah"], ["negative"], ["not", "really"], ["false"], ["never"], ["not"], ["don't"], ["do", "not"],
        ["i", "don't"], ["no", "thanks"], ["no", "thank", "you"], ["of", "course", "not"], ["absolutely", "not"],
        ["definitely", "not"], ["not", "at", "all"], ["i", "wouldn't"], ["rather", "not"], ["uh-uh"], ["none"],
    ]

    /// yes/yeah/yep/sure/correct/right/affirmative/of course → true;
    /// no/nope/nah/negative/not really → false; nil when neither (or both) was said.
    public static func boolean(_ said: String) -> Bool? {
        let words = SpokenText.tokens(said).map(\.word).filter { !SpokenText.fillerWords.contains($0) }
        guard !words.isEmpty else { return nil }
        func has(_ phrase: [String]) -> Bool {
            guard words.count >= phrase.count else { return false }
            for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase { return true }
            return false
        }
        for phrase in [["don't", "know"], ["not", "sure"], ["no", "idea"], ["maybe"], ["dunno"]] where has(phrase) { return nil }
        // Yes said with a negative word: "I don't mind", "no problem".
        for phrase in [["don't", "mind"], ["do", "not", "mind"], ["no", "problem"], ["not", "a", "problem"], ["no", "worries"], ["no", "biggie"],
            ["wouldn't", "mind"], ["don't", "care"]] where has(phrase) { return true }
        // A negated yes ("of course not", "absolutely not", "not fine") is a no.
        for phrase in noPhrases where phrase.count > 1 && has(phrase) { return false }
        for phrase in yesPhrases where has(["not"] + phrase) || has(["isn't"] + phrase) || has(["wouldn't", "be"] + phrase) { return false }
        let no = noPhrases.contains { has($0) }
        let yes = yesPhrases.contains { has($0) }
        if yes == no { return nil }
        return yes
    }

    // MARK: Enums

    /// The allowed value the caller meant: case-insensitive, by word containment
    /// ("the pro plan" → `pro`), or by close spelling; never a guess between two.
    public static func enumValue(_ said: String, among values: [String]) -> EnumMatch {
        enumMatch(SpokenText.strippingFiller(SpokenText.tokens(said)).map(\.word), among: values, fuzzy: true).match
    }

    static func normalizedWords(_ value: String) -> [String] {
        value.lowercased().split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" || $0 == "/" }).map(String.init)
    }

    /// The match and the words it used.
    static func enumMatch(_ words: [String], among values: [String], fuzzy: Bool, claimed: [Bool]? = nil)
        -> (match: EnumMatch, range: Range<Int>?)
    {
        guard !words.isEmpty, !values.isEmpty else { return (.none, nil) }
        let free = words.indices.map { claimed?[$0] != true }
        let joined = words.enumerated().filter { free[$0.offset] }.map(\.element).joined(separator: " ")
        for value in values where value.lowercased() == joined || normalizedWords(value).joined(separator: " ") == joined {
            return (.value(value), 0..<words.count)
        }
        // Containment of the value's words, longest values first.
        var contained: [(value: String, range: Range<Int>)] = []
        for value in values {
            let target = normalizedWords(value)
            guard !target.isEmpty, target.count <= words.count else { continue }
            for start in 0...(words.count - target.count) {
                let range = start..<(start + target.count)
                if range.allSatisfy({ free[$0] }), Array(words[range]).map(stripPossessive) == target
                    || Array(words[range]).map(SpokenText.stem) == target.map(SpokenText.stem)
                {
                    contained.append((value, range))
                    break
                }
            }
        }
        // A value inside a longer matched one ("pro" in "pro plus") gives way.
        contained = contained.filter { candidate in
            !contained.contains { other in
                other.value != candidate.value && other.range.count > candidate.range.count
                    && other.range.contains(candidate.range.lowerBound) && other.range.contains(candidate.range.upperBound - 1)
            }
        }
        let distinct = Array(Set(contained.map(\.value)))
        if distinct.count == 1, let only = contained.first { return (.value(only.value), only.range) }
        if distinct.count > 1 { return (.ambiguous(values.filter { distinct.contains($0) }), nil) }
        guard fuzzy else { return (.none, nil) }
        // Close spelling, relative to the value's length.
        var best: [(value: String, distance: Int, range: Range<Int>)] = []
        for value in values {
            let target = normalizedWords(value).joined(separator: " ")
            let size = normalizedWords(value).count
            guard size <= words.count else { continue }
            let allowed = target.count <= 3 ? 0 : target.count <= 5 ? 1 : target.count <= 8 ? 2 : 3
            var bestHere: (Int, Range<Int>)? = nil
            for start in 0...(words.count - size) {
                let range = start..<(start + size)
                guard range.allSatisfy({ free[$0] }) else { continue }
                let distance = SpokenText.editDistance(words[range].joined(separator: " "), target)
                if distance <= allowed, bestHere == nil || distance < bestHere!.0 { bestHere = (distance, range) }
            }
            if let (distance, range) = bestHere { best.append((value, distance, range)) }
        }
        guard let minimum = best.map(\.distance).min() else { return (.none, nil) }
        let winners = best.filter { $0.distance == minimum }
        if winners.count == 1 { return (.value(winners[0].value), winners[0].range) }
        return (.ambiguous(winners.map(\.value)), nil)
    }

    private static func stripPossessive(_ word: String) -> String { word.hasSuffix("'s") ? String(word.dropLast(2)) : word }

    // MARK: Plain strings

    /// The answer minus filler: "my name is Jo Smith" → "Jo Smith", "um, it's
    /// the blue one" → "the blue one". Nil when nothing is left.
    public static func plainString(_ said: String) -> String? {
        let kept = SpokenText.strippingFiller(SpokenText.tokens(said))
        let text = SpokenText.join(kept)
        return text.isEmpty ? nil : text
    }

    // MARK: One property

    /// The caller's whole answer read as a value for `property`.
    public static func read(_ said: String, for property: SchemaProperty, context: SpokenContext) -> SpokenReading {
        let tokens = SpokenText.tokens(said)
        return read(tokens: tokens, for: property, context: context)
    }

    static func read(tokens: [SpokenToken], for property: SchemaProperty, context: SpokenContext) -> SpokenReading {
        let words = tokens.map(\.word)
        let said = SpokenText.join(tokens)
        switch property.type {
        case .boolean:
            if let b = boolean(said) { return .value(.bool(b)) }
            return .notUnderstood("I didn't catch a yes or a no")
        case .integer, .number:
            let spans = SpokenNumbers.spans(in: SpokenText.strippingFiller(tokens).map(\.word))
            guard let first = spans.first, spans.allSatisfy({ $0.value == first.value }) else {
                return .notUnderstood(spans.isEmpty ? "I didn't catch a number" : "I heard more than one number")
            }
            return .value(jsonNumber(first.value, integer: property.type == .integer))
        case .string:
            if property.isEnum {
                switch enumMatch(SpokenText.strippingFiller(tokens).map(\.word), among: property.enumValues, fuzzy: true).match {
                case let .value(v): return .value(.string(v))
                case let .ambiguous(list): return .ambiguous(list)
                case .none: return .notUnderstood("I didn't catch which option you meant")
                }
            }
            switch property.format {
            case .email:
                if let span = emailSpans(in: tokens).first { return .value(.string(span.value)) }
                return .notUnderstood("I didn't catch an email address")
            case .date:
                if let date = SpokenDates.findDate(in: words, context: context) { return .value(.string(SpokenDates.format(date.parts))) }
                return .notUnderstood("I didn't catch a date")
            case .time:
                if let time = SpokenDates.findTime(in: words, lenient: true) {
                    return .value(.string(SpokenDates.format(time.parts, context: context)))
                }
                return .notUnderstood("I didn't catch a time")
            case .dateTime:
                if let text = SpokenDates.dateTime(in: words, context: context, lenient: true) { return .value(.string(text)) }
                return .notUnderstood("I didn't catch a date and time")
            case .uri, nil:
                if isPhoneProperty(property) {
                    if let span = phoneSpans(in: words).max(by: { $0.value.count < $1.value.count }) { return .value(.string(span.value)) }
                    return .notUnderstood("I didn't catch a phone number")
                }
                if isEmailProperty(property), let span = emailSpans(in: tokens).first { return .value(.string(span.value)) }
                if let text = plainString(said) { return .value(.string(text)) }
                return .notUnderstood("I didn't catch that")
            }
        case .array, .object:
            return .notUnderstood("I can't collect a \(property.type.rawValue) by voice")
        }
    }

    static func jsonNumber(_ value: Double, integer: Bool) -> JSONValue {
        if value.rounded() == value, abs(value) < 9.0e15 { return .integer(Int(value)) }
        return .number(value)
    }

    static func isPhoneProperty(_ property: SchemaProperty) -> Bool {
        guard property.type == .string, !property.isEnum, property.format == nil else { return false }
        let words = Set(SpokenText.keywords(property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description))
        return !words.isDisjoint(with: ["phone", "mobile", "cell", "telephone", "callback"])
    }

    static func isEmailProperty(_ property: SchemaProperty) -> Bool {
        guard property.type == .string, !property.isEnum else { return false }
        if property.format == .email { return true }
        guard property.format == nil else { return false }
        return property.name.lowercased().contains("email") || property.name.lowercased().contains("e_mail")
    }
}
