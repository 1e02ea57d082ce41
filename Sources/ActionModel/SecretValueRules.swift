/// What a secret's value may hold. It goes into URLs and headers, so it is one
/// line of printable text: a control character (NUL, `\u{1}`, DEL…) would make
/// the HTTP client refuse the header and quote it, escaped, in its error —
/// where masking can't recognise it.
public enum SecretValueRules {
    /// nil when `value` can be stored, else why not; never repeats the value.
    public static func problem(_ value: String, name: String) -> String? {
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            return "the value of \(name) has a line break; a secret must be one line, since it goes into URLs and headers"
        }
        if let (offset, scalar) = firstControl(in: value) {
            return "the value of \(name) has a control character (\(codePoint(scalar)), character \(offset + 1)); a secret must be printable text, since it goes into URLs and headers"
        }
        return nil
    }

    /// The first C0 control (tab included), DEL or C1 control in `text`, with its position.
    public static func firstControl(in text: String, allowingTab: Bool = false) -> (offset: Int, scalar: Unicode.Scalar)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if allowingTab && scalar == "\t" { continue }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return (offset, scalar) }
        }
        return nil
    }

    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
