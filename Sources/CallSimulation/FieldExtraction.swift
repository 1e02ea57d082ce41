import ActionModel
import Foundation

/// One field read from an utterance.
struct FieldFinding: Sendable, Equatable {
    var name: String
    var reading: SpokenReading
    /// The words it came from, as the caller said them.
    var heard: String
}

/// Reads every field it can from one utterance, not only the one asked for:
/// type shapes (an email, a phone number, a date) and cue words from each
/// field's name and description ("5 seats", "the plan is pro", "my name is Jo").
struct FieldExtractor {
    let schema: InputSchema
    let context: SpokenContext
    /// Each field's cue words, worked out once per schema (the hot path reads them many times).
    let cueMap: [String: Set<String>]
    /// Name fields for a venue ("at Roxie Theater") and fields for who made something ("by Sivik").
    let venues: Set<String>
    let makers: Set<String>

    init(schema: InputSchema, context: SpokenContext) {
        self.schema = schema
        self.context = context
        var map: [String: Set<String>] = [:]
        for property in schema.properties { map[property.name] = Self.cues(for: property) }
        self.cueMap = map
        let strings = schema.properties.filter { $0.type == .string && !$0.isEnum && $0.format == nil }
        venues = SpokenSpans.venueFields(strings)
        makers = SpokenSpans.makerFields(strings)
    }

    func cues(_ property: SchemaProperty) -> Set<String> { cueMap[property.name] ?? Self.cues(for: property) }

    static let genericWords: Set<String> = [
        "customer", "caller", "user", "client", "person", "brief", "short", "value", "field", "whether", "want", "wants",
        "number", "many", "much", "which", "who", "provide", "provided", "given", "give", "used", "call", "optional",
        "required", "preferred", "full", "name", "string", "text", "boolean", "flag", "indicating", "desired", "true", "false",
    ]

    /// Words that count people ("four people", "two of us") for a field that counts them.
    static let personNouns: Set<String> = [
        "person", "people", "persons", "adult", "guest", "traveler", "traveller", "passenger", "rider", "us", "group", "ticket", "member",
        "individual",
    ]

    static func countsPeople(_ property: SchemaProperty) -> Bool {
        let words = Set(SpokenText.keywords(property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description))
        return !words.isDisjoint(with: [
            "person", "party", "group", "adult", "guest", "traveler", "traveller", "passenger", "rider", "member", "attendee", "size", "seat",
        ])
    }

    /// The stemmed words that name a field in speech.
    static func cues(for property: SchemaProperty) -> Set<String> {
        var spaced = ""
        for character in property.name {
            if character.isUppercase, let last = spaced.last, last.isLowercase { spaced.append(" ") }
            spaced.append(character == "_" || character == "-" ? " " : character)
        }
        var cues = Set(SpokenText.keywords(spaced))
        if property.name.lowercased().contains("name") { cues.insert("name") }
        for word in SpokenText.keywords(property.description) where !genericWords.contains(word) { cues.insert(word) }
        if SpokenValues.isEmailProperty(property) { cues.formUnion(["email", "mail"]) }
        if SpokenValues.isPhoneProperty(property) { cues.formUnion(["phone", "mobile", "cell"]) }
        if (property.type == .integer || isCountEnum(property)), countsPeople(property) { cues.formUnion(personNouns) }
        if [.date, .time, .dateTime].contains(property.format) {
            // "from the 7th until the 12th": which end of a stay or a trip a date is.
            let words = Set((property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description).lowercased()
                .split(whereSeparator: { !$0.isLetter }).map(String.init))
            if isEndSide(property) {
                cues.formUnion(["until", "till", "through", "back", "return", "returning"])
            } else if !words.isDisjoint(with: ["start", "pickup", "departure", "leaving", "begin", "outbound", "starting", "onward"]) {
                cues.formUnion(["from", "starting", "leave", "leaving", "depart", "departing", "outbound", "onward"])
            }
        }
        return cues
    }

    /// A date or time for the end of a stay or a trip (return, check-out, drop-off).
    static func isEndSide(_ property: SchemaProperty) -> Bool {
        guard [.date, .time, .dateTime].contains(property.format) else { return false }
        let words = Set((property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description).lowercased()
            .split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["return", "end", "out", "dropoff", "back", "checkout", "until", "inbound", "ending"])
    }

    /// One word made of two cue words: "bedrooms" for "Number of bed rooms".
    static func isCompound(_ stem: String, of cues: Set<String>) -> Bool {
        guard stem.count >= 6 else { return false }
        let letters = Array(stem)
        for cut in 3...(letters.count - 3) where cues.contains(String(letters[..<cut])) && cues.contains(String(letters[cut...])) { return true }
        return false
    }

    /// The name with its separators removed ("check_in" → "checkin"), matched
    /// against two neighbouring words ("checking in" → "check" + "in").
    static func compactName(_ property: SchemaProperty) -> String {
        property.name.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Where each field is named in the words. A cue word that several fields
    /// share ("date" in check-in date and check-out date) names none of them.
    static func cuePositions(_ stems: [String], words: [String], properties: [SchemaProperty], cueMap: [String: Set<String>] = [:]) -> [String: [Int]] {
        var cueSets: [String: Set<String>] = [:]
        var counts: [String: Int] = [:]
        // Dates and times never compete for one value, so "from" may name both the pickup date and the pickup time.
        func group(_ property: SchemaProperty) -> String {
            [.date, .time, .dateTime].contains(property.format) ? property.format!.rawValue + " " : ""
        }
        for property in properties {
            let cues = cueMap[property.name] ?? cues(for: property)
            cueSets[property.name] = cues
            for cue in cues { counts[group(property) + cue, default: 0] += 1 }
        }
        var positions: [String: [Int]] = [:]
        for property in properties {
            let distinct = cueSets[property.name, default: []].filter { counts[group(property) + $0] == 1 }
            var found = stems.indices.filter { index in
                // "pet-friendly" names pets.
                distinct.contains(stems[index]) || words[index].contains("-") && words[index].split(separator: "-").contains { distinct.contains(SpokenText.stem(String($0))) }
                    || isCompound(stems[index], of: distinct)
            }
            // The name without the word for its kind: "check_out_date" is said "check out", "pickup_time" "pick up".
            let nameWords = property.name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            let kindless = nameWords.count > 1 && [.date, .time, .dateTime].contains(property.format)
                ? nameWords.filter { !["date", "time", "datetime"].contains($0) }.joined() : ""
            for compact in Set([compactName(property), kindless]) where compact.count > 3 && (nameWords.count > 1 || compact == kindless) {
                for index in stems.indices.dropLast() where stems[index] + words[index + 1] == compact || words[index] + words[index + 1] == compact {
                    found.append(index)
                    found.append(index + 1)
                }
                for index in stems.indices where stems[index] == compact || words[index] == compact { found.append(index) }
            }
            positions[property.name] = Array(Set(found)).sorted()
        }
        return positions
    }

    func extract(_ tokens: [SpokenToken], asked: String?, held: Set<String>, correcting: Bool, lastTouched: String? = nil) -> [FieldFinding] {
        let first = extractPass(tokens, asked: asked, held: held, correcting: correcting, lastTouched: lastTouched, keepTextWhole: false)
        guard first.askedIsText else { return first.findings }
        // Free text was asked for: when taking dates or option words out of the
        // answer would leave a sentence behind, they belong to the sentence.
        let leftover = tokens.indices.filter { index in
            !first.claimed[index] && !SpokenText.stopWords.contains(tokens[index].word) && !SpokenText.fillerWords.contains(tokens[index].word)
                && !["on", "at", "for", "the", "and", "from", "till", "until"].contains(tokens[index].word)
        }
        guard leftover.count >= 2 else { return first.findings }
        return extractPass(tokens, asked: asked, held: held, correcting: correcting, lastTouched: lastTouched, keepTextWhole: true).findings
    }

    private func extractPass(_ tokens: [SpokenToken], asked: String?, held: Set<String>, correcting: Bool, lastTouched: String?, keepTextWhole: Bool)
        -> (findings: [FieldFinding], claimed: [Bool], askedIsText: Bool)
    {
        let words = tokens.map(\.word)
        let stems = words.map(SpokenText.stem)
        var claimed = Array(repeating: false, count: words.count)
        var found: [String: FieldFinding] = [:]
        let properties = schema.properties.filter { [.string, .number, .integer, .boolean].contains($0.type) }
        let cuePositions = Self.cuePositions(stems, words: words, properties: properties, cueMap: cueMap)
        func mentioned(_ p: SchemaProperty) -> Bool { !(cuePositions[p.name] ?? []).isEmpty }
        // While free text is being asked for ("describe the issue"), a date or an
        // option word in it belongs to the text unless its own field is named.
        let askedIsText = asked.flatMap { schema.property(named: $0) }.map {
            $0.type == .string && !$0.isEnum && $0.format == nil && !SpokenValues.isPhoneProperty($0) && !SpokenValues.isEmailProperty($0)
                && $0.pattern == nil && SpokenSpans.isSentenceField($0)
        } ?? false
        func weakShapeEligible(_ p: SchemaProperty) -> Bool { eligible(p) && (!keepTextWhole || !askedIsText || mentioned(p)) }
        func eligible(_ p: SchemaProperty) -> Bool {
            found[p.name] == nil && (!held.contains(p.name) || mentioned(p) || correcting || p.name == asked)
        }
        func heard(_ range: Range<Int>) -> String { SpokenText.join(tokens[range]) }
        func claim(_ range: Range<Int>) { for k in range { claimed[k] = true } }
        // In half-words: a cue before the value ("from the 7th", "seats: 5") beats one
        // as far after it ("the 7th until"), since a preposition or a label leads in.
        func distance(_ p: SchemaProperty, _ range: Range<Int>) -> Int? {
            (cuePositions[p.name] ?? []).filter { !range.contains($0) }
                .map { $0 < range.lowerBound ? 2 * (range.lowerBound - $0) : 2 * ($0 - range.upperBound + 1) + 1 }.min()
        }
        /// Gives each span to the field whose cue is nearest; else to the asked
        /// field; else (for unmistakable shapes) to the only candidate.
        func distribute(_ spans: [(range: Range<Int>, value: JSONValue)], among candidates: [SchemaProperty], shapeIsEnough: Bool) {
            for span in spans {
                guard !span.range.contains(where: { claimed[$0] }) else { continue }
                let open = candidates.filter { found[$0.name] == nil }
                guard !open.isEmpty else { return }
                var chosen: SchemaProperty? = nil
                let near = open.compactMap { p in distance(p, span.range).map { (p, $0) } }.filter { $0.1 <= 9 }
                if let best = near.min(by: { $0.1 < $1.1 }) {
                    chosen = best.0
                } else if correcting, let lastTouched, let p = open.first(where: { $0.name == lastTouched }) {
                    // "actually make it the 4th": the answer just given.
                    chosen = p
                } else if let asked, let p = open.first(where: { $0.name == asked }) {
                    chosen = p
                } else if shapeIsEnough {
                    // Nothing says which end of a trip or a stay: the start ("leave at 9:45" is the outbound leg).
                    let unheld = open.filter { !held.contains($0.name) }
                    chosen = unheld.first { !Self.isEndSide($0) } ?? unheld.first ?? (correcting ? open.first : nil)
                }
                guard let property = chosen else { continue }
                found[property.name] = FieldFinding(name: property.name, reading: .value(span.value), heard: heard(span.range))
                claim(span.range)
            }
        }

        // Emails.
        let emailProps = properties.filter { SpokenValues.isEmailProperty($0) && eligible($0) }
        if !emailProps.isEmpty {
            let spans = SpokenValues.emailSpans(in: tokens, claimed: claimed).map { ($0.range, JSONValue.string($0.value)) }
            distribute(spans, among: emailProps, shapeIsEnough: true)
        }
        // Dates and times.
        for property in properties where property.format == .dateTime && weakShapeEligible(property) {
            if let span = SpokenDates.dateTimeSpan(in: words, context: context, lenient: property.name == asked, claimed: claimed),
                property.name == asked || mentioned(property) || span.ranges.count == 2 || !held.contains(property.name)
            {
                let whole = span.ranges.map(\.lowerBound).min()!..<span.ranges.map(\.upperBound).max()!
                found[property.name] = FieldFinding(name: property.name, reading: .value(.string(span.text)), heard: heard(whole))
                for range in span.ranges { claim(range) }
            }
        }
        let dateProps = properties.filter { $0.format == .date && weakShapeEligible($0) }
        if !dateProps.isEmpty {
            var spans: [(range: Range<Int>, value: JSONValue)] = []
            var mask = claimed
            while spans.count < dateProps.count, let date = SpokenDates.findDate(in: words, context: context, claimed: mask) {
                spans.append((date.range, .string(SpokenDates.format(date.parts))))
                for k in date.range { mask[k] = true }
            }
            distribute(spans.sorted { $0.range.lowerBound < $1.range.lowerBound }, among: dateProps, shapeIsEnough: true)
        }
        let timeProps = properties.filter { $0.format == .time && weakShapeEligible($0) }
        if !timeProps.isEmpty {
            let lenient = timeProps.contains { $0.name == asked }
            if let time = SpokenDates.findTime(in: words, lenient: false, claimed: claimed)
                ?? (lenient ? SpokenDates.findTime(in: words, lenient: true, claimed: claimed) : nil)
            {
                distribute([(time.range, .string(SpokenDates.format(time.parts, context: context)))], among: timeProps, shapeIsEnough: true)
            }
        }
        // Phone numbers.
        let phoneProps = properties.filter { SpokenValues.isPhoneProperty($0) && eligible($0) }
        if !phoneProps.isEmpty {
            let spans = SpokenValues.phoneSpans(in: words, claimed: claimed).map { ($0.range, JSONValue.string($0.value)) }
            distribute(spans, among: phoneProps, shapeIsEnough: true)
        }
        // Enums: the value's words in what was said (close spelling only for the asked field).
        for property in properties where property.isEnum && !Self.isCountEnum(property) && Self.yesNoValues(property) == nil && weakShapeEligible(property) {
            let isAsked = property.name == asked
            let match = SpokenValues.enumMatch(words, among: property.enumValues, fuzzy: isAsked, claimed: claimed)
            switch match.match {
            case let .value(value):
                let range = match.range ?? 0..<words.count
                found[property.name] = FieldFinding(name: property.name, reading: .value(.string(value)), heard: heard(range))
                claim(range)
            case let .ambiguous(values) where isAsked || mentioned(property):
                found[property.name] = FieldFinding(name: property.name, reading: .ambiguous(values), heard: heard(0..<words.count))
            default: break
            }
        }
        // Numbers: next to a cue ("5 seats", "seats: 5"), or the answer to the question.
        // Counts offered as options (`["1","2",…]`) are heard as numbers: "two people".
        let numberProps = properties.filter { ($0.type == .number || $0.type == .integer || Self.isCountEnum($0)) && eligible($0) }
        if !numberProps.isEmpty {
            // "$780", "1,090 bucks": the currency sign and the thousands commas are not part of the number's words.
            let numberWords = words.map(Self.plainNumberWord)
            var spans = SpokenNumbers.spans(in: numberWords, skipping: claimed).map {
                ($0.range, SpokenValues.jsonNumber($0.value, integer: false))
            }
            // An amount of money goes to the field about money, cue or not ("transfer 430 dollars").
            let moneyProps = numberProps.filter(Self.isMoney)
            if !moneyProps.isEmpty {
                let money = spans.filter { span in
                    words[span.0.lowerBound].first.map { "$€£".contains($0) } == true
                        || span.0.upperBound < words.count && Self.currencyWords.contains(words[span.0.upperBound])
                }
                distribute(money, among: moneyProps, shapeIsEnough: true)
            }
            // "no children": zero of a counted field.
            for index in words.indices.dropLast() where ["no", "none", "zero"].contains(words[index]) && !claimed[index] {
                if numberProps.contains(where: { (cuePositions[$0.name] ?? []).contains(index + 1) }),
                    !spans.contains(where: { $0.0.contains(index) })
                {
                    spans.append((index..<(index + 2), .integer(0)))
                }
            }
            spans.sort { $0.0.lowerBound < $1.0.lowerBound }
            // Cued spans first, so the asked field takes an uncued one.
            let cued = spans.filter { span in numberProps.contains { distance($0, span.0).map { $0 <= 9 } ?? false } }
            distribute(cued, among: numberProps, shapeIsEnough: false)
            // "a table for four", "a ride for 1": a count of people after "for".
            let people = numberProps.filter { Self.countsPeople($0) && found[$0.name] == nil && $0.name != asked }
            if people.count == 1 {
                let forSpans = spans.filter { span in
                    span.0.lowerBound > 0 && words[span.0.lowerBound - 1] == "for" && !span.0.contains { claimed[$0] }
                        && (span.0.upperBound == words.count || tokens[span.0.upperBound - 1].breakAfter
                            || ["at", "on", "in", "and", "please", "tonight", "today", "tomorrow", "to", "with", "instead", "later", "next", "this",
                                "from", "of"].contains(words[span.0.upperBound]))
                }
                distribute(Array(forSpans.prefix(1)), among: people, shapeIsEnough: true)
            }
            if let asked, let property = numberProps.first(where: { $0.name == asked }), found[asked] == nil {
                let rest = spans.filter { span in !span.0.contains { claimed[$0] } }
                if rest.isEmpty, let alone = Self.justOne(words, claimed: claimed) {
                    // "just me": one.
                    found[asked] = FieldFinding(name: asked, reading: .value(.integer(1)), heard: heard(alone))
                    claim(alone)
                }
                if rest.count > 1, SpokenIdentifiers.isIdentifierField(property),
                    let code = SpokenIdentifiers.identifier(tokens, free: tokens.indices.map { !claimed[$0] }),
                    code.value.allSatisfy(\.isNumber), let number = Int(code.value)
                {
                    // "7 7 1 9", "forty two seventeen": one number said in pieces.
                    found[asked] = FieldFinding(name: asked, reading: .value(.integer(number)), heard: heard(code.range))
                    claim(code.range)
                } else if let first = rest.first {
                    if rest.allSatisfy({ $0.1 == first.1 }) {
                        found[asked] = FieldFinding(name: asked, reading: .value(first.1), heard: heard(first.0))
                        claim(first.0)
                    } else if correcting, let last = rest.last {
                        // "5, no wait, 6": the last one said.
                        found[asked] = FieldFinding(name: asked, reading: .value(last.1), heard: heard(last.0))
                        claim(last.0)
                    } else {
                        found[asked] = FieldFinding(
                            name: property.name, reading: .notUnderstood("I heard more than one number"), heard: SpokenText.join(tokens))
                    }
                }
            }
        }
        for property in numberProps where Self.isCountEnum(property) {
            guard let finding = found[property.name], case let .value(value) = finding.reading else { continue }
            switch value {
            case let .integer(number): found[property.name]?.reading = .value(.string(String(number)))
            case let .number(number): found[property.name]?.reading = .value(.string(String(number)))
            default: break
            }
        }
        // Booleans: the answer to a yes/no question (a `True/False` enum alike).
        func booleanValue(_ property: SchemaProperty, _ answer: Bool) -> JSONValue {
            guard let values = Self.yesNoValues(property) else { return .bool(answer) }
            return .string(answer ? values.yes : values.no)
        }
        if let asked, let property = properties.first(where: { $0.name == asked && ($0.type == .boolean || Self.yesNoValues($0) != nil) }),
            found[asked] == nil
        {
            let free = tokens.indices.filter { !claimed[$0] }.map { tokens[$0] }
            if let answer = SpokenValues.boolean(SpokenText.join(free)) {
                found[property.name] = FieldFinding(name: property.name, reading: .value(booleanValue(property, answer)), heard: SpokenText.join(free))
            }
        }
        // Booleans named in passing: "and send me reminders" / "no reminders".
        for property in properties where (property.type == .boolean || Self.yesNoValues(property) != nil) && property.name != asked && eligible(property) {
            guard let cue = cuePositions[property.name]?.first else { continue }
            let before = words[max(0, cue - 3)..<cue]
            let around = words[max(0, cue - 3)..<min(words.count, cue + 2)]
            var answer: Bool? = nil
            if before.contains(where: { ["no", "not", "don't", "dont", "without", "never", "skip", "isn't", "doesn't", "non"].contains($0) }) {
                answer = false
            } else if around.contains(where: {
                ["want", "like", "with", "yes", "please", "send", "need", "sure", "enable", "add", "fine", "ok", "okay", "good"].contains($0)
            })
                || Self.yesNoValues(property) != nil || property.name.lowercased().hasPrefix("has") || property.name.lowercased().hasPrefix("is")
            {
                // A feature named as wanted ("a unisex salon", "somewhere that serves alcohol").
                answer = true
            }
            if let answer {
                found[property.name] = FieldFinding(name: property.name, reading: .value(booleanValue(property, answer)), heard: heard(max(0, cue - 3)..<(cue + 1)))
            }
        }
        // Plain strings: "my name is Jo Smith", or the answer to the question.
        let stringProps = properties.filter {
            $0.type == .string && !$0.isEnum && ![StringFormat.date, .time, .dateTime, .email].contains($0.format)
                && !SpokenValues.isPhoneProperty($0) && !SpokenValues.isEmailProperty($0) && eligible($0)
        }
        for property in stringProps {
            if let (range, text) = statedValue(for: property, tokens: tokens, cuePositions: cuePositions[property.name] ?? [], claimed: claimed)
                ?? introducedName(for: property, tokens: tokens, claimed: claimed)
            {
                found[property.name] = FieldFinding(name: property.name, reading: .value(.string(text)), heard: heard(range))
                claim(range)
            }
        }
        if let asked, let property = stringProps.first(where: { $0.name == asked }), found[asked] == nil {
            let free = tokens.indices.map { !claimed[$0] }
            if let pattern = property.pattern {
                // Only the part that fits: "my appointment is APT-4821", "A P T dash four eight two one".
                if let match = SpokenIdentifiers.patternValue(tokens, free: free, pattern: pattern, context: context) {
                    found[asked] = FieldFinding(name: asked, reading: .value(.string(match.value)), heard: heard(match.range))
                    claim(match.range)
                } else {
                    found[asked] = FieldFinding(
                        name: asked, reading: .notUnderstood(SpokenIdentifiers.plainRequirement(for: property)), heard: SpokenText.join(tokens))
                }
            } else if SpokenIdentifiers.isIdentifierField(property), let code = SpokenIdentifiers.identifier(tokens, free: free) {
                // "A B 12", "seven seven one nine": one identifier.
                found[asked] = FieldFinding(name: asked, reading: .value(.string(code.value)), heard: heard(code.range))
                claim(code.range)
            } else if SpokenSpans.isSentenceField(property) {
                // A description or a note: the caller's sentence is the value.
                if let text = Self.unclaimedAnswer(tokens, claimed: claimed) {
                    found[asked] = FieldFinding(name: asked, reading: .value(.string(text)), heard: text)
                }
            } else if let range = SpokenSpans.shortValue(
                tokens, free: tokens.indices.map { !claimed[$0] }, cues: cues(property), prepositions: SpokenSpans.prepositions(for: property))
            {
                // A name, a place, a title: the value, not the sentence around it.
                found[asked] = FieldFinding(name: asked, reading: .value(.string(heard(range))), heard: heard(range))
                claim(range)
            } else if found.isEmpty {
                let what = property.description.isEmpty ? property.name.replacingOccurrences(of: "_", with: " ") : property.description.lowercased()
                found[asked] = FieldFinding(name: asked, reading: .notUnderstood("I didn't catch \(what)"), heard: SpokenText.join(tokens))
            }
        }

        // Names and places said in passing, after the asked field took its own: "a ride to 200 Greenbriar
        // Circle", "in concord", "the album Prequelle", "Adventure movies".
        let passing = stringProps.filter {
            found[$0.name] == nil && $0.name != asked && $0.pattern == nil && !SpokenSpans.isSentenceField($0) && !SpokenIdentifiers.isIdentifierField($0)
        }
        // "Title the event errand", "call it movie show": what follows a naming verb is the one open title's.
        let titles = passing.filter { !cues($0).isDisjoint(with: ["name", "title"]) && !makers.contains($0.name) && !SpokenSpans.prepositions(for: $0).contains("in") }
        if titles.count == 1, let property = titles.first, let range = SpokenSpans.namedValue(tokens, free: tokens.indices.map { !claimed[$0] }) {
            found[property.name] = FieldFinding(name: property.name, reading: .value(.string(heard(range))), heard: heard(range))
            claim(range)
        }
        if !passing.isEmpty {
            for (range, name) in SpokenSpans.valuesInPassing(
                tokens, free: tokens.indices.map { !claimed[$0] }, properties: passing.filter { found[$0.name] == nil }, cues: { cues($0) },
                venues: venues, makers: makers)
            {
                found[name] = FieldFinding(name: name, reading: .value(.string(heard(range))), heard: heard(range))
                claim(range)
            }
        }
        // A name nobody claimed and exactly one name field still open: it is that field's.
        let openNames = stringProps.filter {
            found[$0.name] == nil && $0.name != asked && $0.pattern == nil && !SpokenSpans.isSentenceField($0) && !SpokenIdentifiers.isIdentifierField($0)
                && !cues($0).isDisjoint(with: ["name", "title", "called", "named"])
        }
        if openNames.count == 1, let property = openNames.first,
            let run = SpokenSpans.properNameRuns(tokens, free: tokens.indices.map { !claimed[$0] }).first
        {
            found[property.name] = FieldFinding(name: property.name, reading: .value(.string(heard(run))), heard: heard(run))
            claim(run)
        }
        // Nothing at all: say why the asked field was not understood.
        if found.isEmpty, let asked, let property = schema.property(named: asked) {
            let reading = SpokenValues.read(tokens: tokens, for: property, context: context)
            found[asked] = FieldFinding(name: asked, reading: reading, heard: SpokenText.join(tokens))
        }
        return (schema.properties.compactMap { found[$0.name] }, claimed, askedIsText)
    }

    static let currencyWords: Set<String> = ["dollar", "dollars", "buck", "bucks", "usd", "euro", "euros", "pound", "pounds", "quid", "cents"]

    /// A number field about money: an amount, a price, a fee.
    static func isMoney(_ property: SchemaProperty) -> Bool {
        guard property.type == .number || property.type == .integer else { return false }
        let words = Set(SpokenText.keywords(property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description))
        return !words.isDisjoint(with: [
            "amount", "money", "price", "cost", "fee", "payment", "pay", "total", "budget", "balance", "fare", "salary", "sum", "charge",
            "dollar", "tip", "donation",
        ])
    }

    /// "$1,090.50" → "1090.50": a written amount as a plain number word.
    static func plainNumberWord(_ word: String) -> String {
        var text = word
        if let first = text.first, "$€£".contains(first) { text.removeFirst() }
        guard text.first?.isNumber == true, text.contains(","), text.allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }) else {
            return text.isEmpty ? word : text
        }
        return text.replacingOccurrences(of: ",", with: "")
    }

    /// An enum whose options are all whole numbers: a count said as a number.
    static func isCountEnum(_ property: SchemaProperty) -> Bool {
        property.isEnum && property.enumValues.allSatisfy { Int($0) != nil }
    }

    /// The options of a yes/no enum (`True/False`, `yes/no`), spelled as the schema spells them.
    static func yesNoValues(_ property: SchemaProperty) -> (yes: String, no: String)? {
        guard property.isEnum, property.enumValues.count == 2 else { return nil }
        let lower = property.enumValues.map { $0.lowercased() }
        for (yes, no) in [("true", "false"), ("yes", "no"), ("y", "n")] {
            if let y = lower.firstIndex(of: yes), let n = lower.firstIndex(of: no) { return (property.enumValues[y], property.enumValues[n]) }
        }
        return nil
    }

    /// "just me", "only me", "myself", "alone", "by myself": one person.
    static func justOne(_ words: [String], claimed: [Bool]) -> Range<Int>? {
        for index in words.indices where !claimed[index] {
            if ["myself", "alone", "solo"].contains(words[index]) { return index..<(index + 1) }
            if index + 1 < words.count, ["just", "only"].contains(words[index]), words[index + 1] == "me", !claimed[index + 1] {
                return index..<(index + 2)
            }
        }
        return nil
    }

    /// "my name is Jo Smith", "the company's Acme", "company: Acme": the words
    /// after the cue and "is", up to the end of the clause.
    func statedValue(for property: SchemaProperty, tokens: [SpokenToken], cuePositions: [Int], claimed: [Bool]) -> (Range<Int>, String)? {
        for cue in cuePositions.reversed() {
            // "New York City is …": a cue inside a name says nothing about its field.
            if cue > 0, SpokenSpans.isCapitalised(tokens[cue]), SpokenSpans.isCapitalised(tokens[cue - 1]), !tokens[cue - 1].breakAfter { continue }
            var start: Int
            if tokens[cue].word.hasSuffix("'s") || tokens[cue].text.hasSuffix(":") {
                start = cue + 1
            } else if cue + 1 < tokens.count, ["is", "was", "should", "will"].contains(tokens[cue + 1].word) {
                start = cue + 2
                if start < tokens.count, ["be"].contains(tokens[start].word) { start += 1 }
            } else if cue + 1 < tokens.count, tokens[cue + 1].word == "to", cue > 0, ["change", "set", "update", "switch"].contains(where: { w in
                tokens[..<cue].contains { $0.word == w }
            }) {
                start = cue + 2
            } else {
                continue
            }
            var end = start
            while end < tokens.count, !claimed[end] {
                if ["and", "but", "also"].contains(tokens[end].word), end > start { break }
                end += 1
                if tokens[end - 1].breakAfter { break }
            }
            // "my destination is ATL for one person": not the trailing "for".
            while end - 1 > start, SpokenSpans.predicates.contains(tokens[end - 1].word) || SpokenSpans.carriers.contains(tokens[end - 1].word) {
                end -= 1
            }
            guard end > start else { continue }
            let kept = SpokenText.strippingFiller(Array(tokens[start..<end]))
            let text = SpokenText.join(kept)
            if !text.isEmpty { return (start..<end, text) }
        }
        return nil
    }

    /// "book a table for Jo Smith", "under the name Jo": capitalised words
    /// after for/under/named/called, for a field about a name.
    func introducedName(for property: SchemaProperty, tokens: [SpokenToken], claimed: [Bool]) -> (Range<Int>, String)? {
        // "for Jo Smith" introduces a person: not a venue's name or a maker ("looking for Indian food").
        guard property.name.lowercased().contains("name") || cues(property).contains("name"), !venues.contains(property.name), !makers.contains(property.name)
        else { return nil }
        for index in tokens.indices.dropLast() where ["for", "under", "named", "called"].contains(tokens[index].word) {
            var start = index + 1
            if tokens[start].word == "the", start + 1 < tokens.count, tokens[start + 1].word == "name" { start += 2 }
            var end = start
            while end < tokens.count, end - start < 4, !claimed[end], let first = tokens[end].text.first, first.isUppercase,
                first.isLetter, tokens[end].word != "i"
            {
                end += 1
                if tokens[end - 1].breakAfter { break }
            }
            if end > start { return (start..<end, SpokenText.join(tokens[start..<end])) }
        }
        return nil
    }

    /// The clauses of the answer that nothing else used, minus filler.
    static func unclaimedAnswer(_ tokens: [SpokenToken], claimed: [Bool]) -> String? {
        // Clauses end at a comma or sentence end, or before "and"/"but".
        var clauses: [Range<Int>] = []
        var start = 0
        for index in tokens.indices {
            if index > start, ["and", "but"].contains(tokens[index].word), index + 1 < tokens.count,
                ["my", "i", "i'm", "it's", "the", "and", "also"].contains(tokens[index + 1].word) || claimed[index + 1]
            {
                clauses.append(start..<index)
                start = index
            }
            if tokens[index].breakAfter {
                clauses.append(start..<(index + 1))
                start = index + 1
            }
        }
        if start < tokens.count { clauses.append(start..<tokens.count) }
        let kept = clauses.filter { clause in !clause.contains { claimed[$0] } }
        var pieces: [String] = []
        for clause in kept {
            var part = Array(tokens[clause])
            if let first = part.first, ["and", "but"].contains(first.word), pieces.isEmpty { part.removeFirst() }
            let text = SpokenText.join(SpokenText.strippingFiller(part))
            if !text.isEmpty { pieces.append(text) }
        }
        guard !pieces.isEmpty else { return nil }
        return pieces.joined(separator: ", ").replacingOccurrences(of: ", and ", with: " and ").replacingOccurrences(of: ", but ", with: " but ")
    }
}
