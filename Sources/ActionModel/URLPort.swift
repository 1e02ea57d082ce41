/// The port written in a URL's authority, checked by hand: URL parsers accept
/// `:99999`, and the HTTP stack then traps converting it to 16 bits. Every
/// place that accepts or sends a URL asks here first.
public enum URLPort {
    /// nil when `url` has no port or one in 1…65535, else what is wrong and how to fix it.
    public static func problem(_ url: String) -> String? {
        guard let port = written(url) else { return nil }
        guard !port.isEmpty, port.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "the port ':\(port)' is not a number; write it like https://api.example.com:8443/leads or leave it out"
        }
        let digits = port.drop(while: { $0 == "0" })
        guard digits.count <= 5, let value = Int(digits), (1...65535).contains(value) else {
            return "the port \(port) is out of range; a port is 1 to 65535 (or leave it out for 80/443)"
        }
        return nil
    }

    /// The text after the host's `:` in `scheme://[userinfo@]host:port/…`; nil when there is no port.
    static func written(_ url: String) -> Substring? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest[..<(rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex)]
        let hostAndPort = authority[(authority.lastIndex(of: "@").map(authority.index(after:)) ?? authority.startIndex)...]
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            let after = hostAndPort[hostAndPort.index(after: close)...]
            return after.hasPrefix(":") ? after.dropFirst() : nil
        }
        guard let colon = hostAndPort.lastIndex(of: ":") else { return nil }
        return hostAndPort[hostAndPort.index(after: colon)...]
    }
}
