import Foundation

struct DateParts: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int
}

struct TimeParts: Sendable, Equatable {
    var hour: Int
    var minute: Int
    var second: Int = 0
}

/// Dates and times as people say them, relative to the call's day.
enum SpokenDates {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    /// 1 = Sunday, as Foundation counts.
    static let weekdays: [String: Int] = [
        "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7,
    ]

    // MARK: Calendar arithmetic (proleptic Gregorian, no Foundation needed)

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
    static func isValid(_ d: DateParts) -> Bool {
        (1...12).contains(d.month) && d.day >= 1 && d.day <= daysIn(month: d.month, year: d.year) && (1...9999).contains(d.year)
    }

    /// Days since 1970-01-01.
    static func dayNumber(_ d: DateParts) -> Int {
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func date(fromDayNumber z0: Int) -> DateParts {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return DateParts(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    static func adding(_ days: Int, to d: DateParts) -> DateParts { date(fromDayNumber: dayNumber(d) + days) }

    /// 1 = Sunday … 7 = Saturday.
    static func weekday(_ d: DateParts) -> Int { ((dayNumber(d) % 7 + 7 + 4) % 7) + 1 }

    static func today(_ context: SpokenContext) -> DateParts {
        let c = context.calendar.dateComponents(in: context.timeZone, from: context.now)
        return DateParts(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    // MARK: Formatting

    static func format(_ d: DateParts) -> String { String(format: "%04d-%02d-%02d", d.year, d.month, d.day) }

    static func offset(seconds: Int) -> String {
        if seconds == 0 { return "Z" }
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }

    /// `HH:MM:SS` with the call's zone offset (`Z` for UTC), as format `time` requires.
    static func format(_ t: TimeParts, context: SpokenContext) -> String {
        String(format: "%02d:%02d:%02d", t.hour, t.minute, t.second) + offset(seconds: context.timeZone.secondsFromGMT(for: context.now))
    }

    /// RFC 3339: `2026-11-27T10:30:00Z`, with the zone's offset on that day.
    static func format(_ d: DateParts, _ t: TimeParts, context: SpokenContext) -> String {
        var components = DateComponents()
        components.year = d.year
        components.month = d.month
        components.day = d.day
        components.hour = t.hour
        components.minute = t.minute
        components.timeZone = context.timeZone
        let instant = context.calendar.date(from: components) ?? context.now
        return format(d) + "T" + String(format: "%02d:%02d:%02d", t.hour, t.minute, t.second)
            + offset(seconds: context.timeZone.secondsFromGMT(for: instant))
    }

    // MARK: Finding a date

    /// The best date in the words: written and named dates first, then
    /// today/tomorrow, weekdays, and "the 3rd".
    static func findDate(in words: [String], context: SpokenContext, claimed: [Bool]? = nil) -> (range: Range<Int>, parts: DateParts)? {
        let today = today(context)
        var best: (range: Range<Int>, parts: DateParts, rank: Int)? = nil
        for i in words.indices where claimed?[i] != true {
            guard let found = date(at: i, in: words, today: today) else { continue }
            if let claimed, found.range.contains(where: { claimed[$0] }) { continue }
            if best == nil || found.rank < best!.rank { best = found }
        }
        return best.map { ($0.range, $0.parts) }
    }

    static func year(at j: Int, in words: [String]) -> Int? {
        guard j < words.count, words[j].count == 4, let y = Int(words[j]), (1900...2200).contains(y) else { return nil }
        return y
    }

    /// The next (month, day) on or after today.
    static func upcoming(month: Int, day: Int, today: DateParts) -> DateParts {
        var candidate = DateParts(year: today.year, month: month, day: day)
        if (month, day) < (today.month, today.day) { candidate.year += 1 }
        // 29 February in a year that has none: the next leap year.
        while !isValid(candidate), candidate.year < today.year + 8 { candidate.year += 1 }
        return candidate
    }

    private static func date(at i: Int, in words: [String], today: DateParts) -> (range: Range<Int>, parts: DateParts, rank: Int)? {
        let w = words[i]
        func at(_ k: Int) -> String? { k >= 0 && k < words.count ? words[k] : nil }
        func valid(_ d: DateParts, _ end: Int, _ rank: Int) -> (range: Range<Int>, parts: DateParts, rank: Int)? {
            isValid(d) ? (i..<end, d, rank) : nil
        }
        // 2026-03-03
        let isoParts = w.split(separator: "-", omittingEmptySubsequences: false)
        if isoParts.count == 3, isoParts[0].count == 4, isoParts[1].count == 2, isoParts[2].count == 2,
            let y = Int(isoParts[0]), let m = Int(isoParts[1]), let d = Int(isoParts[2])
        {
            return valid(DateParts(year: y, month: m, day: d), i + 1, 0)
        }
        // 3/3/2026, 3/3 (month first, unless the first can't be a month)
        let slash = w.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 2 || slash.count == 3, slash.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
            var a = Int(slash[0]), var b = Int(slash[1])
        {
            if a > 12, b <= 12 { swap(&a, &b) }
            if slash.count == 3, var y = Int(slash[2]) {
                if slash[2].count == 2 { y += 2000 }
                return valid(DateParts(year: y, month: a, day: b), i + 1, 0)
            }
            guard (1...12).contains(a), b >= 1, b <= daysIn(month: a, year: 2024) else { return nil }
            return valid(upcoming(month: a, day: b, today: today), i + 1, 0)
        }
        // March 3rd [2027] / March the 3rd / March 3
        if let m = months[w] {
            var j = i + 1
            if at(j) == "the" { j += 1 }
            if let (day, end) = SpokenNumbers.ordinal(at: j, in: words, allowCardinal: true), day <= 31 {
                if w == "may", at(i + 1) == nil { return nil }
                var k = end
                if let y = year(at: k, in: words) {
                    k += 1
                    return valid(DateParts(year: y, month: m, day: day), k, 1)
                }
                guard day <= daysIn(month: m, year: 2024) else { return nil }
                return valid(upcoming(month: m, day: day, today: today), k, 1)
            }
        }
        // [the] 3rd [of] March [2027]
        do {
            var j = i
            if w == "the" { j += 1 }
            if let (day, end) = SpokenNumbers.ordinal(at: j, in: words, allowCardinal: true), day <= 31 {
                var k = end
                if at(k) == "of" { k += 1 }
                // "13th of this month", "the 2nd of next month".
                if at(k - 1) == "of", let which = at(k), which == "this" || which == "next", at(k + 1) == "month" {
                    var candidate = DateParts(year: today.year, month: today.month, day: day)
                    if which == "next" {
                        candidate.month += 1
                        if candidate.month > 12 {
                            candidate.month = 1
                            candidate.year += 1
                        }
                    }
                    return valid(candidate, k + 2, 1)
                }
                if let word = at(k), let m = months[word] {
                    k += 1
                    if let y = year(at: k, in: words) {
                        return valid(DateParts(year: y, month: m, day: day), k + 1, 1)
                    }
                    guard day <= daysIn(month: m, year: 2024) else { return nil }
                    return valid(upcoming(month: m, day: day, today: today), k, 1)
                }
                // "the 3rd": this month, or next month when it has passed.
                if w == "the", SpokenNumbers.ordinal(at: j, in: words, allowCardinal: false) != nil {
                    var candidate = DateParts(year: today.year, month: today.month, day: day)
                    if day < today.day {
                        candidate.month += 1
                        if candidate.month > 12 {
                            candidate.month = 1
                            candidate.year += 1
                        }
                    }
                    return valid(candidate, end, 4)
                }
            }
        }
        switch w {
        case "today", "tonight": return (i..<(i + 1), today, 2)
        case "later", "earlier":
            if at(i + 1) == "today" || at(i + 1) == "tonight" { return (i..<(i + 2), today, 2) }
        case "tomorrow": return (i..<(i + 1), adding(1, to: today), 2)
        case "yesterday": return (i..<(i + 1), adding(-1, to: today), 2)
        case "day":
            if at(i + 1) == "after", at(i + 2) == "tomorrow" { return (i..<(i + 3), adding(2, to: today), 2) }
        case "in":
            if let span = SpokenNumbers.number(at: i + 1, in: words), span.isWhole, span.value >= 0, span.value <= 3660,
                let unit = at(span.range.upperBound)
            {
                let n = Int(span.value)
                if unit == "day" || unit == "days" { return (i..<(span.range.upperBound + 1), adding(n, to: today), 2) }
                if unit == "week" || unit == "weeks" { return (i..<(span.range.upperBound + 1), adding(7 * n, to: today), 2) }
            }
            if at(i + 1) == "a", at(i + 2) == "week" { return (i..<(i + 3), adding(7, to: today), 2) }
        case "next":
            if at(i + 1) == "week" {
                // "next week on Friday": that weekday of next week.
                var k = i + 2
                if at(k) == "on" { k += 1 }
                if let word = at(k), let target = weekdays[word] { return (i..<(k + 1), inNextWeek(target, today: today), 1) }
                return (i..<(i + 2), adding(7, to: today), 2)
            }
        default: break
        }
        // [next|this|on|coming] friday
        var j = i
        var thisWeek = false
        if ["next", "this", "on", "coming"].contains(w) {
            thisWeek = w == "this"
            j += 1
        }
        if let word = at(j), let target = weekdays[word.hasSuffix("s") ? String(word.dropLast()) : word] {
            // "Wednesday next week", "Friday of next week": the weekday in the week after this one.
            var k = j + 1
            if at(k) == "of" { k += 1 }
            if at(k) == "next", at(k + 1) == "week" { return (i..<(k + 2), inNextWeek(target, today: today), 1) }
            if at(j + 1) == "this", at(j + 2) == "week" {
                // "Saturday this week": that weekday of the current week (Monday to Sunday).
                let mondayBased = (weekday(today) + 5) % 7
                return (i..<(j + 3), adding((target + 5) % 7 - mondayBased, to: today), 1)
            }
            var delta = (target - weekday(today) + 7) % 7
            if delta == 0, !thisWeek { delta = 7 }
            return (i..<(j + 1), adding(delta, to: today), 3)
        }
        return nil
    }

    /// A weekday (1 = Sunday … 7 = Saturday) in the week after this one, weeks starting on Monday.
    static func inNextWeek(_ target: Int, today: DateParts) -> DateParts {
        let mondayBased = { (day: Int) in (day + 5) % 7 }  // Monday 0 … Sunday 6
        let nextMonday = adding(7 - mondayBased(weekday(today)), to: today)
        return adding(mondayBased(target), to: nextMonday)
    }

    // MARK: Finding a time

    /// A time of day in the words. Lenient (the caller answered "what time?"):
    /// a bare hour ("ten", "at 3") counts too.
    static func findTime(in words: [String], lenient: Bool, claimed: [Bool]? = nil) -> (range: Range<Int>, parts: TimeParts)? {
        for i in words.indices where claimed?[i] != true {
            if let found = time(at: i, in: words, lenient: lenient), !(claimed.map { c in found.range.contains { c[$0] } } ?? false) {
                return found
            }
        }
        return nil
    }

    private enum Meridiem { case am, pm }

    /// Reads "am", "p.m.", "in the morning", "o'clock", … after a time; returns the meridiem and where it ends.
    private static func suffix(at start: Int, in words: [String]) -> (meridiem: Meridiem?, end: Int, sawAny: Bool) {
        var j = start
        var meridiem: Meridiem? = nil
        var saw = false
        func at(_ k: Int) -> String? { k >= 0 && k < words.count ? words[k] : nil }
        if at(j) == "o'clock" || at(j) == "oclock" || at(j) == "o\"clock" {
            j += 1
            saw = true
        }
        switch at(j) {
        case "am", "a.m", "a.m.": return (.am, j + 1, true)
        case "pm", "p.m", "p.m.": return (.pm, j + 1, true)
        case "in":
            if at(j + 1) == "the", let part = at(j + 2) {
                if part == "morning" { return (.am, j + 3, true) }
                if part == "afternoon" || part == "evening" || part == "night" { return (.pm, j + 3, true) }
            }
        case "at":
            if at(j + 1) == "night" { return (.pm, j + 2, true) }
        case "tonight", "this":
            if at(j) == "tonight" { return (.pm, j + 1, true) }
            if at(j + 1) == "morning" { return (.am, j + 2, true) }
            if at(j + 1) == "afternoon" || at(j + 1) == "evening" { return (.pm, j + 2, true) }
        default: break
        }
        meridiem = nil
        return (meridiem, j, saw)
    }

    private static func resolve(hour: Int, minute: Int, second: Int = 0, meridiem: Meridiem?, twentyFourHour: Bool) -> TimeParts? {
        var h = hour
        switch meridiem {
        case .am?:
            guard (1...12).contains(h) else { return nil }
            if h == 12 { h = 0 }
        case .pm?:
            guard (1...12).contains(h) else { return nil }
            if h < 12 { h += 12 }
        case nil:
            // Without am/pm, 1–6 o'clock is read as the afternoon (office hours).
            if !twentyFourHour, (1...6).contains(h) { h += 12 }
        }
        guard (0...23).contains(h), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        return TimeParts(hour: h, minute: minute, second: second)
    }

    /// An hour said as a word or digits (1–12, or up to 23 in digits).
    private static func hour(_ word: String) -> Int? {
        if let u = SpokenNumbers.units[word], u > 0 { return u }
        if let t = SpokenNumbers.teens[word], t <= 12 { return t }
        if let n = Int(word), (0...23).contains(n), word.count <= 2 { return n }
        return nil
    }

    private static func time(at i: Int, in words: [String], lenient: Bool) -> (range: Range<Int>, parts: TimeParts)? {
        let w = words[i]
        func at(_ k: Int) -> String? { k >= 0 && k < words.count ? words[k] : nil }
        switch w {
        case "noon", "midday": return (i..<(i + 1), TimeParts(hour: 12, minute: 0))
        case "midnight": return (i..<(i + 1), TimeParts(hour: 0, minute: 0))
        case "morning", "afternoon", "evening", "night":
            // "evening 7:30", "afternoon 2", "morning 11": the part of the day said first.
            if let next = at(i + 1), next.first?.isNumber == true || hour(next) != nil,
                let inner = time(at: i + 1, in: words, lenient: true)
            {
                var parts = inner.parts
                if w == "morning", parts.hour >= 13 { parts.hour -= 12 }
                if w != "morning", parts.hour < 12, !(w == "night" && parts.hour <= 4) { parts.hour += 12 }
                if w == "night", parts.hour == 12 { parts.hour = 0 }
                return (i..<inner.range.upperBound, parts)
            }
        default: break
        }
        // half past ten / quarter to three / twenty past four / 10 minutes to 5
        var minutesBefore: Int? = nil
        var j = i
        if w == "half" {
            minutesBefore = 30
            j += 1
        } else if w == "quarter" || (w == "a" && at(i + 1) == "quarter") {
            minutesBefore = 15
            j += w == "a" ? 2 : 1
        } else if let span = SpokenNumbers.number(at: i, in: words), span.isWhole, (1...59).contains(Int(span.value)),
            let next = at(span.range.upperBound), ["past", "after", "to", "before", "minutes", "minute"].contains(next)
        {
            minutesBefore = Int(span.value)
            j = span.range.upperBound
            if at(j) == "minutes" || at(j) == "minute" { j += 1 }
        }
        if let minutes = minutesBefore, let relation = at(j), ["past", "after", "to", "before", "til", "till"].contains(relation),
            let hourWord = at(j + 1), let h = hour(hourWord)
        {
            let forward = relation == "past" || relation == "after"
            if !forward, minutes == 30 { return nil }  // "half to" is not English
            let suffixed = suffix(at: j + 2, in: words)
            var baseHour = forward ? h : h - 1
            if baseHour == 0 { baseHour = 12 }
            let minute = forward ? minutes : 60 - minutes
            guard let parts = resolve(hour: baseHour, minute: minute, meridiem: suffixed.meridiem, twentyFourHour: h > 12) else { return nil }
            return (i..<suffixed.end, parts)
        }
        // 10:30, 10:30am, 10am, 14:00, 10:30:15
        var text = w
        var glued: Meridiem? = nil
        for (ending, meridiem) in [("a.m.", Meridiem.am), ("p.m.", .pm), ("a.m", .am), ("p.m", .pm), ("am", .am), ("pm", .pm)]
        where text.hasSuffix(ending) && text.count > ending.count {
            text.removeLast(ending.count)
            glued = meridiem
            break
        }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        if !pieces.isEmpty, pieces.count <= 3, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), pieces[0].count <= 2,
            pieces.dropFirst().allSatisfy({ $0.count == 2 }), let h = Int(pieces[0])
        {
            let minute = pieces.count > 1 ? Int(pieces[1])! : 0
            let second = pieces.count > 2 ? Int(pieces[2])! : 0
            let suffixed: (meridiem: Meridiem?, end: Int, sawAny: Bool) = glued == nil ? suffix(at: i + 1, in: words) : (glued, i + 1, true)
            let meridiem = glued ?? suffixed.meridiem
            let hasColon = pieces.count > 1
            let cued = hasColon || suffixed.sawAny || at(i - 1) == "at" || at(i - 1) == "by" || at(i - 1) == "around" || lenient
            guard cued else { return nil }
            if !hasColon, !suffixed.sawAny, lenient == false, at(i + 1).map({ !["", "and"].contains($0) && Double($0) == nil }) == true,
                ["people", "person", "seats", "guests", "days", "nights", "hours"].contains(at(i + 1)!)
            {
                return nil
            }
            let twentyFour = h > 12 || h == 0 || pieces[0].hasPrefix("0")
            guard let parts = resolve(hour: h, minute: minute, second: second, meridiem: meridiem, twentyFourHour: twentyFour) else {
                return nil
            }
            return (i..<(glued == nil ? suffixed.end : i + 1), parts)
        }
        // ten thirty / ten o'clock / ten in the morning / seven fifteen pm
        if let h = SpokenNumbers.units[w] ?? SpokenNumbers.teens[w], (1...12).contains(h) {
            var minute = 0
            var k = i + 1
            var sawMinutes = false
            if let next = at(k) {
                if next == "oh" || next == "o", let u = at(k + 1).flatMap({ SpokenNumbers.units[$0] }) {
                    minute = u
                    k += 2
                    sawMinutes = true
                } else if let t = SpokenNumbers.tens[next], t <= 50 {
                    minute = t
                    k += 1
                    if let u = at(k).flatMap({ SpokenNumbers.units[$0] }), u > 0 {
                        minute += u
                        k += 1
                    }
                    sawMinutes = true
                } else if let t = SpokenNumbers.teens[next], t >= 10 {
                    minute = t
                    k += 1
                    sawMinutes = true
                }
            }
            let suffixed = suffix(at: k, in: words)
            let cued = sawMinutes || suffixed.sawAny || at(i - 1) == "at" || at(i - 1) == "around" || at(i - 1) == "by" || lenient
            guard cued else { return nil }
            guard let parts = resolve(hour: h, minute: minute, meridiem: suffixed.meridiem, twentyFourHour: false) else { return nil }
            return (i..<suffixed.end, parts)
        }
        return nil
    }

    /// A date and a time from the words: today when only a time was said,
    /// midnight when only a date was.
    static func dateTime(in words: [String], context: SpokenContext, lenient: Bool, claimed: [Bool]? = nil)
        -> String?
    {
        dateTimeSpan(in: words, context: context, lenient: lenient, claimed: claimed)?.text
    }

    static func dateTimeSpan(in words: [String], context: SpokenContext, lenient: Bool, claimed: [Bool]? = nil)
        -> (ranges: [Range<Int>], text: String)?
    {
        var mask = claimed ?? Array(repeating: false, count: words.count)
        let date = findDate(in: words, context: context, claimed: mask)
        if let date { for k in date.range { mask[k] = true } }
        let time = findTime(in: words, lenient: false, claimed: mask) ?? (lenient ? findTime(in: words, lenient: true, claimed: mask) : nil)
        guard date != nil || time != nil else { return nil }
        let d = date?.parts ?? today(context)
        let t = time?.parts ?? TimeParts(hour: 0, minute: 0)
        return ([date?.range, time?.range].compactMap { $0 }, format(d, t, context: context))
    }
}

extension SpokenValues {
    /// "today", "tomorrow", "next friday", "March 3rd", "3rd of March", "the 3rd",
    /// "2026-03-03", "3/3/2026" → `YYYY-MM-DD`, relative to the call's day.
    public static func date(_ said: String, context: SpokenContext) -> String? {
        SpokenDates.findDate(in: SpokenText.words(said), context: context).map { SpokenDates.format($0.parts) }
    }

    /// "10:30am", "half past ten", "quarter to three", "noon", "10 in the morning",
    /// "14:00" → `HH:MM:SS` plus the call's zone offset (`Z` in UTC). Hours 1–6
    /// said without am/pm are read as the afternoon.
    public static func time(_ said: String, context: SpokenContext) -> String? {
        SpokenDates.findTime(in: SpokenText.words(said), lenient: true).map { SpokenDates.format($0.parts, context: context) }
    }

    /// A date and an optional time → RFC 3339 (`2026-11-27T10:30:00Z`).
    public static func dateTime(_ said: String, context: SpokenContext) -> String? {
        SpokenDates.dateTime(in: SpokenText.words(said), context: context, lenient: true)
    }
}
