import Foundation

/// A number heard in an utterance: where it was (word indexes) and its value.
struct NumberSpan: Sendable, Equatable {
    var range: Range<Int>
    var value: Double
    var isWhole: Bool { value.rounded() == value && abs(value) < 9.0e15 }
}

/// Numbers said in digits or in words: "42", "forty two", "one hundred and
/// five", "2.5", "two point five", "a dozen", "minus three", "5 thousand".
enum SpokenNumbers {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]
    static let teens: [String: Int] = [
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Double] = ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000]
    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
        "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    ]

    static func isNumberWord(_ word: String) -> Bool {
        units[word] != nil || teens[word] != nil || tens[word] != nil || scales[word] != nil || word == "hundred"
    }

    /// "42", "-3", "2.5", "1,000", "$20" → the number; nil for "3rd", "10:30", "3/4".
    static func digits(_ word: String) -> Double? {
        var w = word
        if w.hasPrefix("$") || w.hasPrefix("€") || w.hasPrefix("£") { w.removeFirst() }
        if w.hasSuffix("%") { w.removeLast() }
        guard let first = w.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        if w.contains(",") {
            // Thousands separators only: 1,000 / 12,500,000.
            let groups = w.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 || ($0.contains(".") && $0.prefix(while: { $0 != "." }).count == 3) })
            else { return nil }
            w = w.replacingOccurrences(of: ",", with: "")
        }
        guard w.allSatisfy({ $0.isASCII && ($0.isNumber || "-+.".contains($0)) }), w.filter({ $0 == "." }).count <= 1 else { return nil }
        guard let value = Double(w), value.isFinite else { return nil }
        return value
    }

    private enum Last { case none, unit, teen, tens, hundred, scale, and, digits, done }

    /// The longest number starting at `start`, and where it ends.
    static func number(at start: Int, in words: [String]) -> NumberSpan? {
        var j = start
        var negative = false
        if j < words.count, words[j] == "minus" || words[j] == "negative" {
            negative = true
            j += 1
        }
        guard j < words.count else { return nil }
        var total = 0.0
        var current = 0.0
        var last = Last.none
        var end = j
        func peek(_ k: Int) -> String? { k < words.count ? words[k] : nil }
        func startsNumber(_ word: String?) -> Bool {
            guard let word else { return false }
            return units[word] != nil || teens[word] != nil || tens[word] != nil
        }

        if let value = digits(words[j]) {
            current = value
            last = .digits
            j += 1
            end = j
        } else if words[j] == "half", peek(j + 1) == "a", peek(j + 2) == "dozen" {
            current = 6
            last = .done
            j += 3
            end = j
        }
        loop: while j < words.count, last != .done {
            let w = words[j]
            if w == "a" || w == "an" {
                guard last == .none, let next = peek(j + 1), next == "hundred" || next == "dozen" || scales[next] != nil else { break }
                current = 1
                last = .unit
                j += 1
                continue
            }
            if let u = units[w] {
                if u == 0 {
                    guard last == .none else { break }
                    current = 0
                    last = .unit
                    j += 1
                    end = j
                    // "zero point five" may follow; nothing else does.
                    if peek(j) != "point" { break loop }
                    continue
                }
                guard [.none, .tens, .hundred, .scale, .and].contains(last) else { break }
                if last == .tens, Int(current) % 10 != 0 { break }
                current += Double(u)
                last = .unit
            } else if let t = teens[w] {
                guard [.none, .hundred, .scale, .and].contains(last) else { break }
                current += Double(t)
                last = .teen
            } else if let t = tens[w] {
                guard [.none, .hundred, .scale, .and].contains(last) else { break }
                current += Double(t)
                last = .tens
            } else if w == "hundred" {
                guard [.unit, .teen, .tens, .digits].contains(last), current.truncatingRemainder(dividingBy: 100) != 0 || current == 0 || last == .digits
                else { break }
                current = (current == 0 ? 1 : current) * 100
                last = .hundred
            } else if let scale = scales[w] {
                guard [.unit, .teen, .tens, .hundred, .digits].contains(last) else { break }
                total += current * scale
                current = 0
                last = .scale
            } else if w == "dozen" {
                guard [.unit, .teen, .tens, .digits].contains(last) else { break }
                current *= 12
                last = .done
            } else if w == "and" {
                if last != .none, last != .and, peek(j + 1) == "a", peek(j + 2) == "half" {
                    current += 0.5
                    j += 3
                    end = j
                    break loop
                }
                guard last == .hundred || last == .scale, startsNumber(peek(j + 1)) else { break }
                last = .and
                j += 1
                continue
            } else if w == "point" {
                guard last != .none, last != .and, last != .digits || current.rounded() == current else { break }
                var fraction = ""
                var k = j + 1
                while k < words.count {
                    if let u = units[words[k]] {
                        fraction += String(u)
                    } else if words[k] == "oh" || words[k] == "o" {
                        fraction += "0"
                    } else if words[k].allSatisfy(\.isNumber), !words[k].isEmpty, fraction.isEmpty {
                        fraction += words[k]
                        k += 1
                        break
                    } else {
                        break
                    }
                    k += 1
                }
                guard !fraction.isEmpty, let part = Double("0." + fraction) else { break }
                current += part
                j = k
                end = j
                break loop
            } else {
                break
            }
            j += 1
            end = j
        }
        guard last != .none, end > start + (negative ? 1 : 0) else { return nil }
        let value = (total + current) * (negative ? -1 : 1)
        return NumberSpan(range: start..<end, value: value)
    }

    /// Every number in the words, left to right.
    static func spans(in words: [String], skipping claimed: [Bool]? = nil) -> [NumberSpan] {
        var found: [NumberSpan] = []
        var i = 0
        while i < words.count {
            if claimed?[i] == true {
                i += 1
                continue
            }
            if var span = number(at: i, in: words) {
                if let claimed, let cut = span.range.firstIndex(where: { claimed[$0] }) {
                    // Stop before a claimed word (part of an email or a date).
                    guard let shorter = number(at: i, in: Array(words[..<cut])) else {
                        i += 1
                        continue
                    }
                    span = shorter
                }
                found.append(span)
                i = span.range.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// A day of the month or other small ordinal: "3rd", "third", "twenty first", "21st", "3".
    static func ordinal(at start: Int, in words: [String], allowCardinal: Bool) -> (value: Int, end: Int)? {
        guard start < words.count else { return nil }
        let w = words[start]
        for suffix in ["st", "nd", "rd", "th"] where w.hasSuffix(suffix) {
            if let n = Int(w.dropLast(2)), n > 0 { return (n, start + 1) }
        }
        if let n = ordinalWords[w] { return (n, start + 1) }
        if let t = tens[w], start + 1 < words.count, let o = ordinalWords[words[start + 1]], o < 10 { return (t + o, start + 2) }
        guard allowCardinal else { return nil }
        if let n = Int(w), n > 0 { return (n, start + 1) }
        if let t = tens[w] {
            if start + 1 < words.count, let u = units[words[start + 1]], u > 0 { return (t + u, start + 2) }
            return (t, start + 1)
        }
        if let n = units[w] ?? teens[w], n > 0 { return (n, start + 1) }
        return nil
    }
}
