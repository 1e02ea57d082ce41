/// Checkers for the string formats the validator asserts. Each is a small pure
/// function over the string's bytes: only ASCII is ever valid in these formats,
/// so a non-ASCII digit such as a Bengali '৪' fails simply by not being `0`…`9`.
public enum StringFormats {
    /// An address as RFC 5321 writes it: a dot-atom or quoted local part, `@`,
    /// then a host name or an address literal (`[127.0.0.1]`, `[IPv6:::1]`).
    /// A display name, a list of addresses or spaces outside quotes are refused.
    public static func isEmail(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard let at = localPartEnd(bytes), at > 0, at <= 64, bytes.count - at - 1 <= 255 else { return false }
        let domain = Array(bytes[(at + 1)...])
        guard let first = domain.first else { return false }
        if first == UInt8(ascii: "[") {
            guard domain.count > 2, domain.last == UInt8(ascii: "]") else { return false }
            let literal = Array(domain[1..<(domain.count - 1)])
            let tag = Array("IPv6:".utf8)
            if literal.count > tag.count, zip(literal, tag).allSatisfy({ lowercased($0) == lowercased($1) }) {
                return isIPv6(Array(literal[tag.count...]))
            }
            return isIPv4(literal, allowLeadingZeros: true)
        }
        return isHostname(domain)
    }

    /// `YYYY-MM-DD` (RFC 3339 full-date), with real month lengths and leap years.
    public static func isDate(_ string: String) -> Bool {
        isFullDate(Array(string.utf8)[...])
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)` (RFC 3339 full-time). A leap second (`:60`)
    /// is only valid at 23:59 UTC once the offset is taken off.
    public static func isTime(_ string: String) -> Bool {
        isFullTime(Array(string.utf8)[...])
    }

    /// `full-date "T" full-time` (RFC 3339; `t` and `z` may be lower case).
    public static func isDateTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count > 11, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        return isFullDate(bytes[0..<10]) && isFullTime(bytes[11...])
    }

    /// An absolute URI per RFC 3986: `scheme ":" hier-part ["?" query] ["#" fragment]`,
    /// ASCII only, with well-formed percent escapes.
    public static func isURI(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isAlpha(bytes[0]) else { return false }
        for byte in bytes[1..<colon] where !(isAlpha(byte) || isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")) {
            return false
        }
        var rest = bytes[(colon + 1)...]
        // Split off the fragment, then the query.
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            guard isQueryOrFragment(rest[(hash + 1)...]) else { return false }
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            guard isQueryOrFragment(rest[(question + 1)...]) else { return false }
            rest = rest[..<question]
        }
        var path = rest
        if rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let authorityEnd = rest[afterSlashes...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            guard isAuthority(rest[afterSlashes..<authorityEnd]) else { return false }
            path = rest[authorityEnd...]
        }
        return path.allSatisfy { $0 == UInt8(ascii: "/") || isPathCharacter($0) } && hasValidPercentEscapes(path)
    }
}

extension StringFormat {
    /// Whether `string` is written in this format.
    public func accepts(_ string: String) -> Bool {
        switch self {
        case .email: return StringFormats.isEmail(string)
        case .date: return StringFormats.isDate(string)
        case .time: return StringFormats.isTime(string)
        case .dateTime: return StringFormats.isDateTime(string)
        case .uri: return StringFormats.isURI(string)
        }
    }

    /// How a value in this format is written, for messages.
    public var expectation: String {
        switch self {
        case .email: return "an email address"
        case .date: return "a valid date (YYYY-MM-DD)"
        case .time: return "a valid time (HH:MM:SS with a time zone, e.g. 14:30:00Z)"
        case .dateTime: return "a valid date and time (e.g. 2026-03-01T14:30:00Z)"
        case .uri: return "an absolute URI (e.g. https://example.com/page)"
        }
    }
}

// MARK: - Pieces

extension StringFormats {
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66) }
    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 { isAlpha(byte) ? byte | 0x20 : byte }

    /// The number written by `count` ASCII digits at `start`, or nil.
    static func number(_ bytes: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            guard index < bytes.endIndex, isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - 0x30)
        }
        return value
    }

    static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isFullDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let s = bytes.startIndex
        guard bytes.count == 10, bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-"),
            let year = number(bytes, s, 4), let month = number(bytes, s + 5, 2), let day = number(bytes, s + 8, 2)
        else { return false }
        return (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    static func isFullTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let s = bytes.startIndex
        guard bytes.count >= 9, bytes[s + 2] == UInt8(ascii: ":"), bytes[s + 5] == UInt8(ascii: ":"),
            let hour = number(bytes, s, 2), let minute = number(bytes, s + 3, 2), let second = number(bytes, s + 6, 2),
            hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = s + 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return false }
        }
        guard index < bytes.endIndex else { return false }  // the offset is required
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.endIndex - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHour = number(bytes, index + 1, 2), let offsetMinute = number(bytes, index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return false
        }
        if second == 60 {
            // local = UTC + offset, so UTC = local - offset; it must be 23:59.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// Where a dot-atom or quoted-string local part ends (the index of its `@`), or nil.
    static func localPartEnd(_ bytes: [UInt8]) -> Int? {
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "\"") {
            var index = 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    guard index + 1 < bytes.count, bytes[index + 1] >= 0x20, bytes[index + 1] <= 0x7E else { return nil }
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { break }
                guard byte >= 0x20, byte <= 0x7E else { return nil }  // qtext and spaces
                index += 1
            }
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\""), bytes[index + 1] == UInt8(ascii: "@") else { return nil }
            return index + 1
        }
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let atext = Set("!#$%&'*+-/=?^_`{|}~".utf8)
        var previousWasDot = true  // a leading dot is refused
        for byte in bytes[..<at] {
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return nil }
                previousWasDot = true
            } else {
                guard isAlpha(byte) || isDigit(byte) || atext.contains(byte) else { return nil }
                previousWasDot = false
            }
        }
        return previousWasDot ? nil : at  // as is a trailing one
    }

    /// Labels of letters, digits and inner hyphens, 1–63 bytes each, 253 in all.
    static func isHostname(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    /// Four dot-separated numbers 0–255. URIs (RFC 3986 dec-octet) refuse
    /// leading zeros; email literals (RFC 5321 Snum, 1–3 digits) allow them.
    static func isIPv4<C: Collection>(_ bytes: C, allowLeadingZeros: Bool = false) -> Bool where C.Element == UInt8 {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(isDigit) else { return false }
            if !allowLeadingZeros, part.count > 1, part.first == UInt8(ascii: "0") { return false }
            guard part.reduce(0, { $0 * 10 + Int($1 - 0x30) }) <= 255 else { return false }
        }
        return true
    }

    /// RFC 3986 IPv6address: up to eight groups of 1–4 hex digits, at most one
    /// `::`, optionally ending in an IPv4 address that counts as two groups.
    static func isIPv6<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        let text = Array(bytes)
        guard !text.isEmpty else { return false }
        var groups = 0
        var compressed = false
        var index = 0
        if text.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            compressed = true
            index = 2
            if index == text.count { return true }
        } else if text[0] == UInt8(ascii: ":") {
            return false
        }
        while index < text.count {
            // One group (or a trailing IPv4 address).
            var end = index
            while end < text.count, text[end] != UInt8(ascii: ":") { end += 1 }
            let group = text[index..<end]
            if end == text.count, group.contains(UInt8(ascii: ".")) {
                guard isIPv4(group) else { return false }
                groups += 2
                break
            }
            guard (1...4).contains(group.count), group.allSatisfy(isHexDigit) else { return false }
            groups += 1
            if end == text.count { break }
            // A separator: ':' or '::'.
            index = end + 1
            if index < text.count, text[index] == UInt8(ascii: ":") {
                if compressed { return false }
                compressed = true
                index += 1
                if index == text.count { break }
            } else if index == text.count {
                return false  // a trailing single ':'
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }

    static let unreserved = Set("-._~".utf8)
    static let subDelimiters = Set("!$&'()*+,;=".utf8)

    /// RFC 3986 pchar, with `%` allowed here and its escapes checked separately.
    static func isPathCharacter(_ byte: UInt8) -> Bool {
        isAlpha(byte) || isDigit(byte) || unreserved.contains(byte) || subDelimiters.contains(byte)
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "%")
    }

    static func hasValidPercentEscapes(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    static func isQueryOrFragment(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { isPathCharacter($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } && hasValidPercentEscapes(bytes)
    }

    /// `[userinfo "@"] host [":" port]`, where host is a bracketed IP literal or a reg-name.
    static func isAuthority(_ bytes: ArraySlice<UInt8>) -> Bool {
        var hostAndPort = bytes
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            let userinfo = bytes[..<at]
            guard userinfo.allSatisfy({ isAlpha($0) || isDigit($0) || unreserved.contains($0) || subDelimiters.contains($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "%") }),
                hasValidPercentEscapes(userinfo)
            else { return false }
            hostAndPort = bytes[(at + 1)...]
        }
        var port = hostAndPort[hostAndPort.endIndex...]
        if hostAndPort.first == UInt8(ascii: "[") {
            guard let close = hostAndPort.firstIndex(of: UInt8(ascii: "]")) else { return false }
            let literal = hostAndPort[(hostAndPort.startIndex + 1)..<close]
            guard isIPv6(literal) || isIPvFuture(literal) else { return false }
            let after = hostAndPort[(close + 1)...]
            if let first = after.first {
                guard first == UInt8(ascii: ":") else { return false }
                port = after.dropFirst()
            }
        } else {
            var host = hostAndPort
            if let colon = hostAndPort.firstIndex(of: UInt8(ascii: ":")) {
                host = hostAndPort[..<colon]
                port = hostAndPort[(colon + 1)...]
            }
            guard host.allSatisfy({ isAlpha($0) || isDigit($0) || unreserved.contains($0) || subDelimiters.contains($0) || $0 == UInt8(ascii: "%") }),
                hasValidPercentEscapes(host)
            else { return false }
        }
        return port.allSatisfy(isDigit)
    }

    /// `"v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`
    static func isIPvFuture(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, lowercased(first) == UInt8(ascii: "v"),
            let dot = bytes.firstIndex(of: UInt8(ascii: "."))
        else { return false }
        let version = bytes[(bytes.startIndex + 1)..<dot]
        let rest = bytes[(dot + 1)...]
        return !version.isEmpty && version.allSatisfy(isHexDigit) && !rest.isEmpty
            && rest.allSatisfy { isAlpha($0) || isDigit($0) || unreserved.contains($0) || subDelimiters.contains($0) || $0 == UInt8(ascii: ":") }
    }
}
