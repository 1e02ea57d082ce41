import Foundation

/// Plausible values for an Input Schema, for "Send test request": the request
/// goes out with the shape a real call would give it, without a call.
///
/// Each property gets, in order of preference: its `default`, its first
/// `examples` entry, its first enum value, a value in its string format, a
/// value its name suggests (email, phone, name …), then a value of its type
/// that respects `minimum`/`maximum`. Optional properties are included too, so
/// the endpoint sees every field it may get.
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
        switch property.type {
        case .string:
            if let first = property.enumValues.first { return .string(first) }
            if let format = property.format { return .string(sample(format, now: now)) }
            return .string(sampleString(named: property.name))
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
