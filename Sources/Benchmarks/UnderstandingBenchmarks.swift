import ActionModel
import CallSimulation
import Foundation

/// Caller understanding on real caller turns: the Schema-Guided Dialogue train
/// split in ../shared/corpora/sgd-train (CC BY-SA 4.0, read at run time, never
/// copied into the product). Each service becomes an action whose properties are
/// the service's slots, typed as an author would type them: categorical slots as
/// enums, times as format `time`, dates as format `date`, all-digit slots as
/// numbers, the rest as plain strings. Single-slot turns are read as the answer
/// to the slot's question; multi-slot turns as an opening line (nothing asked).
/// The first half of each file is where rules may be checked while working, the
/// second half is the held-out check; both are printed.
///
/// `switchboard-bench understanding misses` also prints a few misses per slot
/// kind from the first half, to see what goes wrong.
func runUnderstandingBenchmarks(corpus: String = "../shared/corpora/sgd-train", showMisses: Bool = false) {
    print("caller understanding (SGD train turns, \(corpus)):")
    let singlePath = corpus + "/single_slot.jsonl", multiPath = corpus + "/multi_slot.jsonl"
    guard let single = readLines(singlePath), let multi = readLines(multiPath) else {
        line("corpus", "skipped: \(corpus) is missing (see /work/shared/corpora/README.md)")
        return
    }
    let schemas = UnderstandingCorpus.schemas(single: single, multi: multi)
    let context = SpokenContext(now: Date(timeIntervalSince1970: 1_551_398_400), timeZone: TimeZone(identifier: "America/Los_Angeles")!)
    for (label, part) in [("first half", 0), ("second half (held out)", 1), ("all", 2)] {
        func slice(_ rows: [[String: Any]]) -> ArraySlice<[String: Any]> {
            part == 2 ? rows[...] : part == 0 ? rows[..<(rows.count / 2)] : rows[(rows.count / 2)...]
        }
        var singleTally = Tally(), multiTally = Tally()
        var turnsAllRight = 0, turns = 0
        for row in slice(single) {
            guard let service = row["service"] as? String, let schema = schemas[service], let slot = row["slot"] as? String else { continue }
            let reader = CallerUnderstanding(schema: schema, context: context)
            let heard = reader.read(row["utterance"] as? String ?? "", asked: slot)
            let verdict = UnderstandingCorpus.judge(row, property: schema.property(named: slot)!, heard: heard.first { $0.name == slot })
            singleTally.add(verdict)
            if showMisses, part == 0, !verdict.hit { singleTally.note(verdict, row, slot: row, heard: heard) }
        }
        for row in slice(multi) {
            guard let service = row["service"] as? String, let schema = schemas[service], let slots = row["slots"] as? [[String: Any]] else { continue }
            let reader = CallerUnderstanding(schema: schema, context: context)
            let heard = reader.read(row["utterance"] as? String ?? "")
            var allRight = true
            for slot in slots {
                guard let name = slot["slot"] as? String, let property = schema.property(named: name) else { continue }
                let verdict = UnderstandingCorpus.judge(slot, property: property, heard: heard.first { $0.name == name })
                multiTally.add(verdict)
                if showMisses, part == 0, !verdict.hit { multiTally.note(verdict, row, slot: slot, heard: heard) }
                if !verdict.hit { allRight = false }
            }
            turns += 1
            if allRight { turnsAllRight += 1 }
        }
        print("  — \(label):")
        singleTally.print(title: "single-slot answers (asked)")
        multiTally.print(title: "multi-slot turns, values (nothing asked)")
        line("    multi-slot turns with every value right", String(format: "%5.1f %%  (%d of %d)", percent(turnsAllRight, turns), turnsAllRight, turns))
    }

    // Speed: one utterance against an action with 10 properties.
    let ten = InputSchema(properties: [
        SchemaProperty(name: "full_name", isRequired: true, description: "The caller's full name"),
        SchemaProperty(name: "phone", isRequired: true, description: "Callback phone number"),
        SchemaProperty(name: "email", isRequired: false, description: "Email address", format: .email),
        SchemaProperty(name: "date", isRequired: true, description: "Date of the appointment", format: .date),
        SchemaProperty(name: "time", isRequired: true, description: "Time of the appointment", format: .time),
        SchemaProperty(name: "party_size", type: .integer, isRequired: true, description: "Number of people"),
        SchemaProperty(name: "service", isRequired: true, description: "Kind of service", enumValues: ["haircut", "colour", "shave"]),
        SchemaProperty(name: "reminders", type: .boolean, description: "Whether to send reminders"),
        SchemaProperty(name: "city", description: "City of the salon"),
        SchemaProperty(name: "notes", description: "Anything the stylist should know"),
    ])
    let utterances = [
        "hi, it's Maria Gonzalez, I'd like to come in next Tuesday around quarter past three",
        "two people please, a haircut and my number is five five five, one two three, four five six seven",
        "jo dot smith at example dot com",
        "I want to go to the one in San Francisco, and yes send me reminders",
        "the twelfth of March at 10:30 in the morning for four of us",
    ]
    let reader = CallerUnderstanding(schema: ten, context: context)
    var index = 0
    report("understanding one utterance, 10 properties (target ≤ 1 ms)", runs: 2_000) {
        _ = reader.read(utterances[index % utterances.count], asked: index % 3 == 0 ? "full_name" : nil)
        index += 1
    }
}

/// `switchboard-bench understand SERVICE SLOT|- "utterance"`: what one line gives against a corpus service's schema.
func explainUnderstanding(_ arguments: [String], corpus: String = "../shared/corpora/sgd-train") {
    guard arguments.count == 3, let single = readLines(corpus + "/single_slot.jsonl"), let multi = readLines(corpus + "/multi_slot.jsonl"),
        let schema = UnderstandingCorpus.schemas(single: single, multi: multi)[arguments[0]]
    else {
        print("usage: switchboard-bench understand SERVICE SLOT|- \"utterance\" (with the corpus in \(corpus))")
        return
    }
    let reader = CallerUnderstanding(schema: schema)
    for field in reader.read(arguments[2], asked: arguments[1] == "-" ? nil : arguments[1]) {
        print("  \(field.name) = \(field.value.map { "\($0)" } ?? "—")  heard “\(field.heard)” \(field.problem ?? "")")
    }
}

private func percent(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) * 100 / Double(whole) }

private func readLines(_ path: String) -> [[String: Any]]? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
}

struct Verdict {
    var kind: String
    var hit: Bool
    var polluted: Bool
    var missed: Bool
}

struct Tally {
    var counts: [String: (hits: Int, total: Int)] = [:]
    var polluted = 0, missed = 0, total = 0, hits = 0
    var misses: [String: [String]] = [:]

    mutating func note(_ verdict: Verdict, _ row: [String: Any], slot: [String: Any], heard: [HeardField]) {
        guard misses[verdict.kind, default: []].count < (ProcessInfo.processInfo.environment["MISSES"].flatMap { Int($0) } ?? 25) else { return }
        let name = slot["slot"] as? String ?? ""
        let got = heard.first { $0.name == name }.map { $0.value.map { "\($0)" } ?? "(\($0.problem ?? ""))" } ?? "—"
        let others = heard.filter { $0.name != name }.map { "\($0.name)=\($0.value.map { "\($0)" } ?? "?")" }.joined(separator: " ")
        misses[verdict.kind, default: []].append(
            "\(row["utterance"] as? String ?? "")  [\(name) want \(slot["expected"] as? String ?? "")/\(slot["surface"] as? String ?? "") got \(got)] \(others)")
    }

    mutating func add(_ verdict: Verdict) {
        counts[verdict.kind, default: (0, 0)].total += 1
        if verdict.hit { counts[verdict.kind, default: (0, 0)].hits += 1; hits += 1 }
        if verdict.polluted { polluted += 1 }
        if verdict.missed { missed += 1 }
        total += 1
    }

    func print(title: String) {
        line("    \(title): right", String(format: "%5.1f %%  (%d of %d)", percent(hits, total), hits, total))
        for kind in UnderstandingCorpus.kinds where counts[kind] != nil {
            let (h, t) = counts[kind]!
            line("      \(kind)", String(format: "%5.1f %%  (%d of %d)", percent(h, t), h, t))
        }
        line("      values with other words in them", String(format: "%5.1f %%  (%d)", percent(polluted, total), polluted))
        line("      nothing taken", String(format: "%5.1f %%  (%d)", percent(missed, total), missed))
        for kind in UnderstandingCorpus.kinds { for miss in misses[kind] ?? [] { Swift.print("        miss \(kind): \(miss)") } }
    }
}

enum UnderstandingCorpus {
    static let kinds = ["names", "places", "times", "dates", "counts", "options", "yes/no", "free text"]

    /// Every service's slots as an Input Schema (all optional).
    static func schemas(single: [[String: Any]], multi: [[String: Any]]) -> [String: InputSchema] {
        var slots: [String: [(name: String, description: String, enumValues: [String]?, expected: [String])]] = [:]
        func note(_ service: String, _ slot: [String: Any]) {
            guard let name = slot["slot"] as? String else { return }
            let expected = slot["expected"] as? String ?? ""
            if let index = slots[service, default: []].firstIndex(where: { $0.name == name }) {
                slots[service]![index].expected.append(expected)
            } else {
                slots[service, default: []].append((name, slot["description"] as? String ?? "", slot["enum"] as? [String], [expected]))
            }
        }
        for row in single { if let service = row["service"] as? String { note(service, row) } }
        for row in multi {
            guard let service = row["service"] as? String else { continue }
            for slot in row["slots"] as? [[String: Any]] ?? [] { note(service, slot) }
        }
        var schemas: [String: InputSchema] = [:]
        for (service, list) in slots {
            schemas[service] = InputSchema(properties: list.map { slot in
                if let values = slot.enumValues, !values.isEmpty {
                    return SchemaProperty(name: slot.name, description: slot.description, enumValues: values)
                }
                let words = slot.name.lowercased().split(separator: "_")
                if words.contains("time") { return SchemaProperty(name: slot.name, description: slot.description, format: .time) }
                if words.contains("date") { return SchemaProperty(name: slot.name, description: slot.description, format: .date) }
                if slot.expected.allSatisfy({ Double($0) != nil }) {
                    let whole = slot.expected.allSatisfy { Int($0) != nil }
                    return SchemaProperty(name: slot.name, type: whole ? .integer : .number, description: slot.description)
                }
                return SchemaProperty(name: slot.name, description: slot.description)
            })
        }
        return schemas
    }

    static func kind(_ property: SchemaProperty) -> String {
        if property.isEnum {
            if Set(property.enumValues) == ["True", "False"] { return "yes/no" }
            return property.enumValues.allSatisfy { Int($0) != nil } ? "counts" : "options"
        }
        if property.format == .time { return "times" }
        if property.format == .date { return "dates" }
        if property.type == .integer || property.type == .number { return "counts" }
        let text = (property.name + " " + property.description).lowercased()
        if ["name", "title", "artist", "album", "directed"].contains(where: text.contains) { return "names" }
        if ["city", "location", "destination", "origin", "area", "where", "address"].contains(where: text.contains) { return "places" }
        return "free text"
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " }.split(separator: " ", omittingEmptySubsequences: true)
            .map { String(String.SubSequence($0)) }.joined(separator: " ")
    }

    static func judge(_ slot: [String: Any], property: SchemaProperty, heard: HeardField?) -> Verdict {
        let kind = kind(property)
        let expected = slot["expected"] as? String ?? ""
        let surface = slot["surface"] as? String ?? expected
        guard let heard, let value = heard.value else { return Verdict(kind: kind, hit: false, polluted: false, missed: true) }
        var hit = false
        var text = ""
        switch value {
        case let .string(s): text = s
        case let .integer(i): text = String(i)
        case let .number(d): text = String(d)
        case let .bool(b): text = b ? "True" : "False"
        default: text = value.compactText
        }
        if property.isEnum {
            hit = text == expected
        } else if property.format == .time {
            hit = text.prefix(5) == expected.prefix(5)
        } else if property.format == .date {
            // The corpus's dialogues are dated 2019 without saying the day, so a
            // date is right when it was read from exactly the words that say it.
            let words = normalized(heard.heard), said = normalized(surface)
            hit = words == said || words.hasSuffix(" " + said) && words.split(separator: " ").count <= said.split(separator: " ").count + 1
        } else if property.type == .integer || property.type == .number {
            hit = Double(text) == Double(expected)
        } else {
            hit = normalized(text) == normalized(expected) || normalized(text) == normalized(surface)
        }
        var polluted = false
        if !hit, !property.isEnum, property.format == nil, property.type == .string {
            let padded = " " + normalized(text) + " "
            polluted = padded.contains(" " + normalized(surface) + " ") || padded.contains(" " + normalized(expected) + " ")
        }
        return Verdict(kind: kind, hit: hit, polluted: polluted, missed: false)
    }
}
