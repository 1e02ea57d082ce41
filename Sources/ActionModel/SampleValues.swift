import Foundation

/// Plausible values for an Input Schema, for "Send test request": the request
/// goes out with the shape a real call would give it, without a call.
///
/// Each property gets, in order of preference: its `default`, its first
/// `examples` entry, its first enum value, the example its description gives
/// ("e.g. AB-1234") when the property accepts it, a value in its string
/// format or one its name suggests (email, phone, name …) when the property
/// accepts it, a string generated from its `pattern`, then a value of its
/// type that respects `minimum`/`maximum`. Optional properties are included
/// too, so the endpoint sees every field it may get.
public enum SampleValues {
    /// One value per property, in the schema's order. `now` fixes the dates.
    public static func arguments(for schema: InputSchema, now: Date = Date()) -> JSONObject {
        var arguments = JSONObject()
        for property in schema.properties { arguments[property.name] = value(for: property, now: now) }
        return arguments
    }

    public static func value(for property: SchemaProperty, now: Date = Date()) -> JSONValue {
        if let given = property.extraKeywords["default"] { return given }
        if let first = property.extraKeywords["examples"]?.arrayValue?.first { return first }
        if property.isEnum, let first = property.enumValues.first { return .string(first) }
        let schema = property.jsonSchema
        func accepts(_ value: JSONValue) -> Bool { SchemaValidator.validate(value, against: schema).isEmpty }
        if let example = descriptionExample(property.description).flatMap({ typed($0, as: property.type) }), accepts(example) {
            return example
        }
        switch property.type {
        case .string:
            let guess = property.format.map { sample($0, now: now) } ?? sampleString(named: property.name)
            if accepts(.string(guess)) { return .string(guess) }
            if let pattern = property.pattern,
                let generated = PatternSample.string(matching: pattern, accepting: { accepts(.string($0)) })
            {
                return .string(generated)
            }
            return .string(guess)
        case .integer:
            return .integer(Int(number(in: property, fallback: 1).rounded(.up)))
        case .number:
            return .number(number(in: property, fallback: 1.5))
        case .boolean:
            return .bool(true)
        case .array:
            return .array([])
        case .object:
            return .object(JSONObject())
        }
    }

    /// The example a description gives: "The order number, e.g. AB-1234" →
    /// `AB-1234`; a quoted one ("e.g. 'Main St'") is taken whole. Also after
    /// "for example", "for instance", "such as" and "example:".
    public static func descriptionExample(_ description: String) -> String? {
        let lowered = description.lowercased()
        let markers = ["e.g.,", "e.g.:", "e.g.", "for example,", "for example:", "for example", "for instance,",
                       "for instance", "such as", "example:"]
        var best: Range<String.Index>?
        for marker in markers {
            guard let found = lowered.range(of: marker) else { continue }
            if let chosen = best, chosen.lowerBound <= found.lowerBound { continue }
            // "e.g." starts inside "e.g.,": keep the longer marker at the same place.
            best = found
        }
        guard let best else { return nil }
        // Lowercasing can change lengths outside ASCII: map the offsets back.
        let start = lowered.distance(from: lowered.startIndex, to: best.upperBound)
        guard start <= description.count else { return nil }
        var rest = description.dropFirst(start).drop(while: { $0 == " " || $0 == ":" || $0 == "," })
        let quotes: [Character: Character] = ["'": "'", "\"": "\"", "`": "`", "“": "”", "‘": "’"]
        if let open = rest.first, let close = quotes[open] {
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: close) else { return nil }
            let quoted = String(rest[..<end])
            return quoted.isEmpty ? nil : quoted
        }
        var value = rest.prefix { $0 != "," && $0 != ";" && $0 != ")" && $0 != "\n" && $0 != "(" }
        while let last = value.last, last == "." || last == " " { value = value.dropLast() }
        // "such as Italian or Thai": the first of a list.
        var text = String(value)
        if let or = text.range(of: " or ") { text = String(text[..<or.lowerBound]) }
        text = text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// The example as a value of the property's type, nil when it can't be one.
    static func typed(_ text: String, as type: PropertyType) -> JSONValue? {
        switch type {
        case .string: return .string(text)
        case .integer: return Int(text).map(JSONValue.integer)
        case .number: return Double(text).map(JSONValue.number)
        case .boolean: return ["true": true, "false": false][text.lowercased()].map(JSONValue.bool)
        case .array, .object: return nil
        }
    }

    static func number(in property: SchemaProperty, fallback: Double) -> Double {
        var value = fallback
        if let minimum = property.minimum, value < minimum { value = minimum }
        if let maximum = property.maximum, value > maximum { value = maximum }
        return value
    }

    static func sample(_ format: StringFormat, now: Date) -> String {
        // Tomorrow, so a backend that refuses dates in the past accepts it.
        let tomorrow = now.addingTimeInterval(86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: tomorrow)
        let date = String(format: "%04d-%02d-%02d", day.year ?? 2030, day.month ?? 1, day.day ?? 1)
        switch format {
        case .email: return "jo.smith@example.com"
        case .date: return date
        case .time: return "10:30:00Z"
        case .dateTime: return date + "T10:30:00Z"
        case .uri: return "https://example.com/page"
        }
    }

    /// A string that reads like what a caller would give for a field of this name.
    static func sampleString(named name: String) -> String {
        let lowered = name.lowercased()
        let guesses: [(keys: [String], value: String)] = [
            (["email", "e_mail", "mail"], "jo.smith@example.com"),
            (["phone", "mobile", "tel"], "+14155550100"),
            (["first_name", "firstname", "given"], "Jo"),
            (["last_name", "lastname", "surname", "family"], "Smith"),
            (["name"], "Jo Smith"),
            (["zip", "postal", "postcode"], "94103"),
            (["city"], "San Francisco"),
            (["country"], "US"),
            (["address", "street"], "1 Market Street"),
            (["url", "website", "link"], "https://example.com"),
            (["date"], sample(.date, now: Date(timeIntervalSince1970: 1_767_225_600))),
            (["time"], "10:30"),
            (["id", "number", "reference", "ref"], "A-12345"),
            (["issue", "description", "reason", "message", "note", "comment", "summary"], "The internet has been down since this morning"),
        ]
        for guess in guesses where guess.keys.contains(where: { lowered.contains($0) }) { return guess.value }
        return "sample " + name.replacingOccurrences(of: "_", with: " ")
    }
}
