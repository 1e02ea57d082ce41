import Foundation

/// Values said back to the caller as people say them: "Tuesday, December 8th",
/// "3:15 PM", "+1 415 555 0100" — never `2026-12-08`, `15:15:00Z` or a run of digits.
public enum SpokenForms {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// The text as it should be spoken: a date, a time, a date and time or a
    /// phone number in words; anything else unchanged.
    public static func spoken(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = isoDate(trimmed) { return spokenDate(date) }
        if let time = isoTime(trimmed) { return spokenTime(time) }
        // RFC 3339 lets a space stand for the "T" (many backends write "2026-12-08 15:15:00Z").
        if let t = trimmed.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }), let date = isoDate(String(trimmed[..<t])),
            let time = isoTime(String(trimmed[trimmed.index(after: t)...]))
        {
            return spokenDate(date) + " at " + spokenTime(time)
        }
        if let phone = spokenPhone(trimmed) { return phone }
        return text
    }

    /// "Tuesday, December 8th".
    static func spokenDate(_ d: DateParts) -> String {
        "\(weekdayNames[SpokenDates.weekday(d) - 1]), \(monthNames[d.month - 1]) \(ordinal(d.day))"
    }

    /// "3:15 PM", "noon", "midnight"; the time as the caller meant it, whatever its offset.
    static func spokenTime(_ t: TimeParts) -> String {
        if t.hour == 12, t.minute == 0 { return "noon" }
        if t.hour == 0, t.minute == 0 { return "midnight" }
        let hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12
        return String(format: "%d:%02d %@", hour12, t.minute, t.hour < 12 ? "AM" : "PM")
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th"
        return "\(n)\(suffix)"
    }

    /// `2026-12-08`.
    static func isoDate(_ text: String) -> DateParts? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        let date = DateParts(year: y, month: m, day: d)
        return SpokenDates.isValid(date) ? date : nil
    }

    /// `15:15`, `15:15:00`, `15:15:00Z`, `15:15:00.5+01:00`.
    static func isoTime(_ text: String) -> TimeParts? {
        var body = Substring(text)
        if body.hasSuffix("Z") || body.hasSuffix("z") {
            body = body.dropLast()
        } else if let sign = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            body = body[..<sign]
        }
        if let dot = body.firstIndex(of: ".") { body = body[..<dot] }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
            let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else { return nil }
        return TimeParts(hour: h, minute: m, second: parts.count == 3 ? Int(parts[2]) ?? 0 : 0)
    }

    /// "+14155550100" → "+1 415 555 0100", "4155550100" → "415 555 0100"; nil for anything else.
    static func spokenPhone(_ text: String) -> String? {
        let plus = text.hasPrefix("+")
        let digits = plus ? String(text.dropFirst()) : text
        guard digits.count >= 10, digits.count <= 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let chars = Array(digits)
        // The last ten digits as 3-3-4 (the North American grouping); what comes before is the country code.
        let local = chars.suffix(10)
        let country = String(chars.dropLast(10))
        let groups = [String(local.prefix(3)), String(local.dropFirst(3).prefix(3)), String(local.suffix(4))]
        let lead = country.isEmpty ? (plus ? "+" : "") : (plus ? "+" : "") + country + " "
        return lead + groups.joined(separator: " ")
    }
}
