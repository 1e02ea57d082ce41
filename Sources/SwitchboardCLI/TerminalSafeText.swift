/// Text for a terminal with its control characters made visible: an imported
/// description, a server's reply or an error message can carry escape
/// sequences (OSC 52 clipboard writes, a window title, clear screen) that a
/// terminal would obey if printed raw. Line breaks and tabs are kept; every
/// other C0 control, DEL and C1 control becomes `\u00XX`, which reads plainly
/// and, inside a JSON string, is the same character escaped.
enum TerminalSafeText {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else { result.append(scalar); continue }
            let hex = String(scalar.value, radix: 16, uppercase: false)
            result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return String(result)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
