import CNCurses

extension Terminal {
    /// Asks the terminal to put `text` in the system clipboard (OSC 52). Most
    /// terminals and tmux (with `set-clipboard on`) honour it; others ignore
    /// it silently, which is why the console also shows the text and saves it
    /// to a file. The sequence moves no cursor and draws nothing.
    public func copyToClipboard(_ text: String) {
        sb_write_stdout("\u{1B}]52;c;" + Self.base64(Array(text.utf8)) + "\u{07}")
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index], b1 = index + 1 < bytes.count ? bytes[index + 1] : 0, b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
