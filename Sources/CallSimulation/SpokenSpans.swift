import ActionModel
import Foundation

/// Where a short free-text value sits in what the caller said: "I want to go
/// to San Francisco" → "San Francisco", "Hi, I'm Priya" → "Priya", "something
/// about mafia" → "mafia". Rules from word shapes and positions only: proper
/// names (capitalised runs), the words leading into a value (carrier phrases)
/// and the words that trail after it ("would be great", "please").
enum SpokenSpans {
    /// Fields whose value is a sentence of its own (an issue description, a
    /// note): the caller's words are kept whole.
    static func isSentenceField(_ property: SchemaProperty) -> Bool {
        let words = Set(SpokenText.keywords(property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description))
        return !words.isDisjoint(with: sentenceCues)
    }

    static let sentenceCues: Set<String> = [
        "describe", "description", "issue", "problem", "note", "message", "comment", "reason", "detail", "summary", "feedback",
        "explain", "explanation", "question", "instruction", "symptom", "complaint", "body", "content", "story", "remark",
        "request", "concern", "anything", "else", "situation", "happened", "error",
    ]

    /// Words that lead into a value ("I'd like to go to", "can you find me something in").
    static let carriers: Set<String> = [
        "i", "i'd", "i'm", "im", "i'll", "ill", "i've", "we", "we'd", "we're", "we'll", "me", "us", "my", "our", "you", "your",
        "want", "wanna", "would", "like", "love", "prefer", "preferably", "to", "go", "going", "goes", "get", "getting", "find",
        "a", "an", "the", "some", "something", "somewhere", "anything", "any", "in", "at", "for", "from", "about", "around",
        "near", "on", "with", "by", "of", "how", "maybe", "perhaps", "please", "can", "could", "will", "shall", "book",
        "reserve", "search", "searching", "look", "looking", "try", "let's", "lets", "let", "it", "it's", "its", "is", "be",
        "should", "that", "that's", "this", "there", "kind", "type", "sort", "yes", "yeah", "yep", "sure", "ok", "okay",
        "no", "hi", "hello", "hey", "well", "so", "um", "uh", "oh", "ohh", "ohhh", "actually", "just", "only", "need", "am",
        "are", "called", "named", "name", "name's", "play", "playing", "watch", "watching", "see", "hear", "listen",
        "listening", "show", "check", "visit", "visiting", "travel", "travelling", "traveling", "head", "heading", "leave",
        "leaving", "leaves", "depart", "departing", "fly", "flying", "stay", "staying", "think", "thinking", "guess",
        "probably", "what", "what's", "also", "and", "then", "now", "really", "definitely", "thanks", "thank", "all",
        "right", "send", "sent", "transfer", "eat", "eating", "have", "has", "had", "make", "made", "buy", "wish", "interested",
        "looking", "mood", "fan", "huge", "big", "enjoy", "okay", "fine", "good", "great", "nice", "place", "one", "ones",
        "usually", "generally", "mostly", "especially", "same", "again", "instead", "rather", "exactly", "since", "because",
        "as", "into", "up", "out", "pick", "drop", "set", "use", "do", "did", "does", "was", "were", "been", "being", "know",
        "tell", "give", "take", "bring", "put", "add", "able", "keep", "mean", "meant", "say", "said", "called", "where",
        "when", "which", "who", "whom", "here", "these", "those", "them", "they", "he", "she", "his", "her", "him",
        "hope", "hopefully", "wondering", "wonder", "wanted", "liked", "loved", "needed", "plan", "planning", "planned",
    ]

    /// Words that end a value: what the caller says about it afterwards.
    static let predicates: Set<String> = [
        "would", "will", "is", "are", "was", "were", "sounds", "sound", "works", "work", "seems", "seem", "should", "could",
        "have", "has", "had", "appeals", "please", "thanks", "thank", "if", "because", "since", "which", "that", "who",
        "so", "but", "and", "then", "instead", "too", "as", "for", "today", "tonight", "now", "can", "might", "must", "i",
        "needs", "need", "wants", "want", "please", "if", "by", "directed", "in", "at", "on", "from", "to", "with", "it",
    ]

    /// Words that never start a name even when the whole clause is capitalised ("I'm Priya", "Hi Jo").
    static let pronounsAndGreetings: Set<String> = [
        "i", "i'm", "im", "i'd", "i'll", "it's", "its", "it", "yes", "no", "hi", "hello", "hey", "please", "my", "this", "that's",
        "ok", "okay", "sure", "yeah", "thanks", "in", "at", "for", "to", "from", "on", "near", "around", "play", "how", "about",
        "use", "put", "make", "label", "call", "name", "try", "find", "book", "get", "maybe", "perhaps", "just", "only",
    ]

    /// Words that move somewhere: "going to new york", "a ride to concord".
    static let motionWords: Set<String> = [
        "go", "going", "goes", "travel", "travelling", "traveling", "heading", "head", "ride", "trip", "fly", "flying", "drive",
        "driving", "cab", "taxi", "move", "moving", "way", "get", "ticket", "tickets", "bus", "train", "flight", "flights", "back",
    ]

    /// Lowercase words kept inside a proper name ("Taste of India", "Doubletree By Hilton Hotel London - Westminster").
    static let nameConnectors: Set<String> = [
        "of", "the", "de", "del", "la", "le", "du", "da", "von", "van", "and", "&", "-", "y", "di", "vs", "by", "with", "a", "on",
    ]

    /// A word written as a name: a capital first letter, or digits leading one ("301 Old Road").
    static func isCapitalised(_ token: SpokenToken) -> Bool {
        // "I", "I'm": capitalised, never part of a name ("Seattle and I would like…").
        guard let first = token.text.first, !["i", "i'm", "i'd", "i'll", "i've", "im"].contains(token.word) else { return false }
        return first.isUppercase && first.isLetter
    }

    /// Runs of capitalised words (with connectors inside) among the free words.
    /// A sentence's first word counts only when it starts a longer run or is
    /// the whole clause ("Delhi."), since every sentence starts with a capital.
    static func properNameRuns(_ tokens: [SpokenToken], free: [Bool]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            guard free[index], isCapitalised(tokens[index]) || startsAddress(tokens, index, free: free) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < tokens.count, free[end], !tokens[end - 1].breakAfter {
                if isCapitalised(tokens[end]) || tokens[end].word.allSatisfy(\.isNumber) && !tokens[end].word.isEmpty {
                    end += 1
                } else if nameConnectors.contains(tokens[end].word), end + 1 < tokens.count, free[end + 1], !tokens[end].breakAfter,
                    isCapitalised(tokens[end + 1])
                {
                    end += 2
                } else {
                    break
                }
            }
            var start = index
            let wholeClause = (index == 0 || tokens[index - 1].breakAfter || !free[index - 1])
                && (end == tokens.count || tokens[end - 1].breakAfter || !free[end]) && end - index > 1
            // Leading words that are not part of a name: "Please", "I", "Yes".
            func atSentenceStart(_ k: Int) -> Bool { k == 0 || tokens[k - 1].breakAfter }
            func leadsIn(_ k: Int) -> Bool {
                let word = tokens[k].word
                if wholeClause { return pronounsAndGreetings.contains(word) || atSentenceStart(k) && carriers.contains(word) }
                // A capitalised "The" or "One" inside a sentence belongs to the name ("to One Last Time").
                let mayLeadIn = atSentenceStart(k) || !isCapitalised(tokens[k]) || pronounsAndGreetings.contains(word)
                return mayLeadIn && (carriers.contains(word) || SpokenValues.yesPhrases.contains([word]) || nameConnectors.contains(word))
            }
            while start < end, leadsIn(start) {
                start += 1
            }
            var stop = end
            while stop > start, nameConnectors.contains(tokens[stop - 1].word) { stop -= 1 }
            if start < stop {
                let sentenceStart = start == 0 || tokens[start - 1].breakAfter
                let clauseEnd = stop == tokens.count || tokens[stop - 1].breakAfter
                if !sentenceStart || stop - start > 1 || clauseEnd { runs.append(start..<stop) }
            }
            index = end
        }
        return runs
    }

    /// "301 Old San Francisco Road": a house number before a capitalised word.
    private static func startsAddress(_ tokens: [SpokenToken], _ index: Int, free: [Bool]) -> Bool {
        index + 1 < tokens.count && free[index + 1] && !tokens[index].breakAfter && tokens[index].word.count <= 6
            && !tokens[index].word.isEmpty && tokens[index].word.allSatisfy(\.isNumber) && isCapitalised(tokens[index + 1])
    }

    /// The clauses of the free words: split at claimed words and at commas and sentence ends.
    static func clauses(_ tokens: [SpokenToken], free: [Bool]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int? = nil
        for index in tokens.indices {
            if !free[index] {
                if let s = start { result.append(s..<index) }
                start = nil
                continue
            }
            if start == nil { start = index }
            if tokens[index].breakAfter, let s = start {
                result.append(s..<(index + 1))
                start = nil
            }
        }
        if let s = start { result.append(s..<tokens.count) }
        return result
    }

    /// One clause with the lead-in and the trailing words removed:
    /// "I would like to watch something about mafia" → "mafia".
    static func stripped(_ range: Range<Int>, _ tokens: [SpokenToken], cues: Set<String>) -> Range<Int>? {
        var start = range.lowerBound
        while start < range.upperBound, carriers.contains(tokens[start].word) || SpokenText.fillerWords.contains(tokens[start].word) {
            start += 1
        }
        guard start < range.upperBound else { return nil }
        // The value ends where something is said about it ("… would be great").
        var end = start + 1
        while end < range.upperBound, !predicates.contains(tokens[end].word) { end += 1 }
        // Trailing nouns that name the field, not the value ("Japanese restaurant", "drama movies").
        while end > start + 1, cues.contains(SpokenText.stem(tokens[end - 1].word)) || trailingNouns.contains(tokens[end - 1].word) {
            end -= 1
        }
        while end - 1 > start, carriers.contains(tokens[end - 1].word) { end -= 1 }
        if end - start == 1, cues.contains(SpokenText.stem(tokens[start].word)) { return nil }
        return start..<end
    }

    static let trailingNouns: Set<String> = [
        "kind", "sort", "type", "style", "food", "foods", "cuisine", "place", "places", "one", "ones", "stuff", "thing", "things",
        "area", "please", "option", "options",
    ]

    /// The span that answers a short free-text field, or nil when the answer
    /// holds no value (only carriers: "I'd like to book").
    static func shortValue(_ tokens: [SpokenToken], free: [Bool], cues: Set<String>, prepositions: [String] = []) -> Range<Int>? {
        if let named = namedValue(tokens, free: free) { return named }
        let runs = properNameRuns(tokens, free: free)
        if !runs.isEmpty {
            // A name after the preposition that fits the field ("in" for a city)
            // first, then the longest; the first of equals.
            func score(_ run: Range<Int>) -> Int {
                var s = run.count
                if run.lowerBound > 0, prepositions.contains(tokens[run.lowerBound - 1].word) { s += 3 }
                if run.lowerBound > 1, tokens[run.lowerBound - 1].word == "the", prepositions.contains(tokens[run.lowerBound - 2].word) { s += 3 }
                if run.allSatisfy({ cues.contains(SpokenText.stem(tokens[$0].word)) }) { s -= 10 }
                return s
            }
            if let best = runs.enumerated().max(by: { a, b in score(a.element) < score(b.element) || score(a.element) == score(b.element) && a.offset > b.offset }),
                score(best.element) > 0
            {
                return best.element
            }
        }
        var chosen: Range<Int>? = nil
        for clause in clauses(tokens, free: free) {
            if let value = stripped(clause, tokens, cues: cues) { chosen = value }
        }
        return chosen
    }

    /// "Call it doctor appointment", "label it as Property viewing", "it's called despacito":
    /// whatever follows a naming verb, up to the end of the clause.
    static func namedValue(_ tokens: [SpokenToken], free: [Bool]) -> Range<Int>? {
        for index in tokens.indices where free[index] && ["call", "label", "name", "title", "titled", "named", "called"].contains(tokens[index].word) {
            var start = index + 1
            if ["call", "label", "name", "title"].contains(tokens[index].word) {
                // The verb takes an object first: "call it", "name the event".
                // "title the event errand": the thing named, then its name.
                if start + 1 < tokens.count, tokens[start].word == "the", !tokens[start + 1].breakAfter, !isCapitalised(tokens[start + 1]) {
                    start += 2
                    if start < tokens.count, ["title", "name"].contains(tokens[start].word) { start += 1 }
                } else {
                    guard start < tokens.count, ["it", "this", "that"].contains(tokens[start].word) else { continue }
                    start += 1
                }
            }
            if start < tokens.count, tokens[start].word == "as" { start += 1 }
            var end = start
            while end < tokens.count, free[end], !predicates.contains(tokens[end].word) || end == start {
                end += 1
                if tokens[end - 1].breakAfter { break }
            }
            while end > start, ["please", "on", "my", "calendar"].contains(tokens[end - 1].word) { end -= 1 }
            if end > start, end - start <= 8 { return start..<end }
        }
        return nil
    }

    /// Prepositions that introduce a field's value, from what the field is about.
    static func prepositions(for property: SchemaProperty) -> [String] {
        func words(_ text: String) -> Set<String> { Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)) }
        let named = words(property.name.replacingOccurrences(of: "_", with: " "))
        let all = named.union(words(property.description))
        // Which way the value lies: the field's name says it best ("pickup_city: City to pick up the car" is where one starts).
        func direction(_ words: Set<String>) -> [String]? {
            if !words.isDisjoint(with: ["destination", "to", "dropoff", "arrival", "arriving", "ending", "going"]) { return ["to", "into"] }
            if !words.isDisjoint(with: ["origin", "from", "pickup", "departure", "leaving", "starting", "departing"]) { return ["from", "out"] }
            return nil
        }
        let isPlace = !all.isDisjoint(with: ["city", "location", "area", "town", "located", "where", "place", "address", "venue"])
        if let way = direction(named) ?? direction(all) {
            // A place one starts from or goes to is also said with "in" ("pick it up in Atlanta").
            return isPlace ? way + ["in"] : way
        }
        if isPlace {
            return ["in", "at", "near", "around"]
        }
        if !all.isDisjoint(with: ["name", "named", "called", "title", "recipient", "person", "contact"]) {
            return ["for", "to", "called", "named", "as"]
        }
        return ["for", "about", "some", "like"]
    }

    /// Name fields for a venue: a name field whose noun another field says is located
    /// somewhere ("Name of the theatre" beside "City where the theatre is located").
    static func venueFields(_ properties: [SchemaProperty]) -> Set<String> {
        func nouns(_ text: String) -> Set<String> {
            Set(SpokenText.keywords(text)).subtracting(["name", "city", "location", "locate", "located", "where", "place", "area", "town", "address"])
        }
        let places = properties.filter { prepositions(for: $0).contains("in") }
        var venues: Set<String> = []
        for property in properties where !places.contains(where: { $0.name == property.name }) {
            let words = Set(SpokenText.keywords(property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description))
            guard words.contains("name") || words.contains("title") else { continue }
            let own = nouns(property.description)
            if places.contains(where: { !nouns($0.description).isDisjoint(with: own) }) { venues.insert(property.name) }
        }
        return venues
    }

    /// Fields for who made something: an artist, a director, an author ("directed_by", "Artist who performed the song").
    static func makerFields(_ properties: [SchemaProperty]) -> Set<String> {
        let makerWords: Set<String> = [
            "artist", "director", "directed", "author", "performed", "performer", "singer", "band", "creator", "composer", "writer", "written",
        ]
        return Set(properties.filter { property in
            let words = Set((property.name.replacingOccurrences(of: "_", with: " ") + " " + property.description).lowercased()
                .split(whereSeparator: { !$0.isLetter }).map(String.init))
            return property.name.lowercased().hasSuffix("_by") || !words.isDisjoint(with: makerWords)
        }.map(\.name))
    }

    /// Words after "in"/"at" that are never a place: parts of the day, amounts.
    static let notPlaces: Set<String> = [
        "morning", "afternoon", "evening", "night", "noon", "midnight", "least", "most", "all", "once", "time", "advance", "total",
        "person", "cash", "full", "general", "particular", "mind", "case", "fact", "order", "addition", "touch", "line", "future",
        "town", "economy", "business", "first", "class", "row", "front", "back", "middle", "minutes", "hours", "days", "weeks",
    ]

    /// A field that names a kind of thing: genre, category, type, cuisine.
    static func isClassifier(_ property: SchemaProperty) -> Bool {
        let words = Set(property.name.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["genre", "category", "subcategory", "type", "kind", "style", "cuisine", "sort", "flavor", "flavour"])
    }

    static func isProperName(_ range: Range<Int>, _ tokens: [SpokenToken]) -> Bool {
        range.contains { isCapitalised(tokens[$0]) }
    }

    /// Lowercase values after a preposition: "in concord", "to new york".
    static func prepositionSpans(_ tokens: [SpokenToken], free: [Bool]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for index in tokens.indices.dropLast() where free[index] && ["in", "to", "from", "at", "near", "around"].contains(tokens[index].word) && !tokens[index].breakAfter {
            // After "to", lowercase words are usually a verb ("to come in") unless something is going there.
            if tokens[index].word == "to", index == 0 || !motionWords.contains(tokens[index - 1].word) { continue }
            var start = index + 1
            if start < tokens.count, tokens[start].word == "the" { start += 1 }
            var end = start
            while end < tokens.count, free[end], end - start < 3, !carriers.contains(tokens[end].word), !predicates.contains(tokens[end].word),
                !notPlaces.contains(tokens[end].word),
                !SpokenText.stopWords.contains(tokens[end].word), tokens[end].word.allSatisfy({ $0.isLetter || $0 == "'" || $0 == "." })
            {
                end += 1
                if tokens[end - 1].breakAfter { break }
            }
            if end > start { spans.append(start..<end) }
        }
        return spans
    }

    /// Short values said in passing, each given to the field it fits best: the
    /// preposition before it ("to" a destination, "in" a city) or the field's
    /// cue word right next to it ("the album Prequelle", "Adventure movies").
    static func valuesInPassing(
        _ tokens: [SpokenToken], free: [Bool], properties: [SchemaProperty], cues: (SchemaProperty) -> Set<String>,
        venues: Set<String> = [], makers: Set<String> = []
    ) -> [(Range<Int>, String)] {
        var candidates = properNameRuns(tokens, free: free)
        // "Bohemian Rhapsody by Billy Watman": a work and who made it, when a field holds the maker.
        let splitsAtBy = properties.contains { makers.contains($0.name) }
        if splitsAtBy {
            for run in candidates {
                for index in run where index > run.lowerBound && index + 1 < run.upperBound && tokens[index].text == "by" {
                    candidates.append(run.lowerBound..<index)
                    candidates.append((index + 1)..<run.upperBound)
                }
            }
        }
        for span in prepositionSpans(tokens, free: free) where !candidates.contains(where: { $0.overlaps(span) }) { candidates.append(span) }
        let stems = tokens.map { SpokenText.stem($0.word) }
        // "an adventure movie", "a blues event": one word before a field's noun.
        let allCues = properties.reduce(into: Set<String>()) { $0.formUnion(cues($1)) }
        var kindWords: Set<Int> = []
        for index in tokens.indices.dropLast() where free[index] && free[index + 1] && !tokens[index].breakAfter && allCues.contains(stems[index + 1]) {
            let word = tokens[index].word
            guard word.count > 2, word.allSatisfy({ $0.isLetter || $0 == "-" }), !carriers.contains(word), !SpokenText.stopWords.contains(word),
                !predicates.contains(word), !notPlaces.contains(word), !allCues.contains(stems[index]),
                !candidates.contains(where: { $0.contains(index) })
            else { continue }
            candidates.append(index..<(index + 1))
            kindWords.insert(index)
        }
        var scored: [(score: Int, range: Range<Int>, name: String)] = []
        for property in properties {
            let cueSet = cues(property)
            let preps = prepositions(for: property)
            for range in candidates {
                var score = 0
                var before = range.lowerBound - 1
                if before >= 0, tokens[before].word == "the" || tokens[before].word == "a" { before -= 1 }
                let beforeWord = before >= 0 ? tokens[before].word : ""
                let isAddress = tokens[range.lowerBound].word.first?.isNumber == true
                // The field's first preposition fits best ("in" a city). "at" a name is the venue
                // when the action names one ("at Roxie Theater" is the theatre, "in Berkeley" its city).
                if beforeWord == "at", venues.contains(property.name), !isAddress {
                    score += 4
                } else if beforeWord == "at", preps.contains("at"), !venues.isEmpty, !isAddress {
                    score += 2
                } else if before >= 0, preps.contains(beforeWord) {
                    score += beforeWord == preps.first ? 4 : 3
                }
                // "by Billy Watman", "directed by Roxann Dawson": who made it.
                if beforeWord == "by", makers.contains(property.name), isProperName(range, tokens) { score += 4 }
                if splitsAtBy, range.dropFirst().contains(where: { tokens[$0].text == "by" }) { score -= 2 }
                // "at 2664 Berryessa Road": an address is a place, not a name.
                if isAddress, !makers.contains(property.name), Set(preps).isDisjoint(with: ["in", "to", "from", "at"]) { score -= 3 }
                if before >= 0, cueSet.contains(stems[before]) { score += 3 }
                if before >= 1, ["by", "of", "called", "named"].contains(tokens[before].word), cueSet.contains(stems[before - 1]) { score += 3 }
                if range.upperBound < tokens.count, cueSet.contains(stems[range.upperBound]) { score += 3 }
                // "it's Maria Gonzalez", "I'm Priya", "call me Jo", "this is Sam": a name introduced.
                if cueSet.contains("name"), isProperName(range, tokens), range.lowerBound > 0,
                    ["it's", "i'm", "im", "me", "is"].contains(tokens[range.lowerBound - 1].word)
                {
                    score += 4
                }
                // A kind of thing said before its noun ("Drama movies") is the genre's, not the title's.
                let classifier = isClassifier(property)
                if classifier, range.upperBound < tokens.count, cueSet.contains(stems[range.upperBound]) { score += 2 }
                // Lowercase words after a preposition are a place, not a name.
                if !isProperName(range, tokens), !classifier, Set(preps).isDisjoint(with: ["in", "to", "from"]) { score = 0 }
                if classifier, range.count > 1 || before >= 0 && preps.contains(tokens[before].word) && !isProperName(range, tokens) { score -= 2 }
                // "a small car": a lowercase word before a noun says what kind, for a kind field only.
                if !classifier, range.count == 1, kindWords.contains(range.lowerBound) { score = 0 }
                // The value itself is not the field's name ("the Movie").
                if range.allSatisfy({ cueSet.contains(stems[$0]) }) { score = 0 }
                if score >= 3 { scored.append((score, range, property.name)) }
            }
        }
        scored.sort { $0.score > $1.score || $0.score == $1.score && $0.range.lowerBound < $1.range.lowerBound }
        var taken: [(Range<Int>, String)] = []
        for candidate in scored where !taken.contains(where: { $0.0.overlaps(candidate.range) || $0.1 == candidate.name }) {
            taken.append((candidate.range, candidate.name))
        }
        return taken
    }
}
