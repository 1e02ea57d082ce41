/// Writes a `JSONValue` as text: compact for the wire and the store, or pretty
/// (two-space indent) for people. Keys are written in the object's order.
extension JSONValue {
    public enum Layout: Sendable { case compact, pretty }

    public func serialized(_ layout: Layout = .compact) -> String {
        var output = ""
        output.reserveCapacity(64)
        write(to: &output, layout: layout, indent: 0)
        return output
    }

    public var compactText: String { serialized(.compact) }
    public var prettyText: String { serialized(.pretty) }

    func write(to output: inout String, layout: Layout, indent: Int) {
        switch self {
        case .null: output += "null"
        case let .bool(b): output += b ? "true" : "false"
        case let .integer(i): output += String(i)
        case let .number(d): output += JSONValue.format(d)
        case let .string(s): JSONValue.writeString(s, to: &output)
        case let .array(elements):
            if elements.isEmpty { output += "[]"; return }
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                if layout == .pretty { output += "\n"; output += String(repeating: "  ", count: indent + 1) }
                element.write(to: &output, layout: layout, indent: indent + 1)
            }
            if layout == .pretty { output += "\n"; output += String(repeating: "  ", count: indent) }
            output += "]"
        case let .object(object):
            if object.isEmpty { output += "{}"; return }
            output += "{"
            for (offset, entry) in object.entries.enumerated() {
                if offset > 0 { output += "," }
                if layout == .pretty { output += "\n"; output += String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(entry.key, to: &output)
                output += layout == .pretty ? ": " : ":"
                entry.value.write(to: &output, layout: layout, indent: indent + 1)
            }
            if layout == .pretty { output += "\n"; output += String(repeating: "  ", count: indent) }
            output += "}"
        }
    }

    /// Whole doubles print without a fraction (`3` not `3.0`) only when they were
    /// integers to begin with; a `.number` keeps its decimal point so its kind survives.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }  // JSON has no NaN or infinity
        // Swift prints the shortest text that reads back to the same Double
        // ("0.1", "1e-05", "3.0"), all of which are valid JSON numbers.
        return "\(value)"
    }

    static func writeString(_ string: String, to output: inout String) {
        output += "\""
        var needsEscaping = false
        for byte in string.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            needsEscaping = true
            break
        }
        if !needsEscaping {
            output += string
        } else {
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case "\u{08}": output += "\\b"
                case "\u{0C}": output += "\\f"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        output.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        output += "\""
    }
}
