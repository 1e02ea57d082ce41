import ActionModel
import CallSimulation

/// A request as a `curl` command that sends the same bytes: method, URL,
/// every header in order, and the body exactly as it was sent. For "copy as
/// curl" in the call pane, so a request can be replayed from a shell.
///
/// With a masker, secret header values (and known secret values anywhere)
/// come out as bullets: that version is for the screen, the clear one for the
/// clipboard and the file the person asked for.
public enum CurlCommand {
    public static func make(_ exchange: HTTPExchange, masker: SecretMasker? = nil) -> String {
        func clear(_ text: String) -> String { masker?.masked(text: text) ?? text }
        var parts = ["curl -sS -i -X \(exchange.method) " + quote(clear(exchange.url))]
        for header in exchange.requestHeaders {
            let shown = masker?.masked(header) ?? header
            parts.append("-H " + quote("\(shown.name): \(clear(shown.value))"))
        }
        if !exchange.requestBody.isEmpty {
            parts.append("--data-binary " + quote(clear(String(decoding: exchange.requestBody, as: UTF8.self))))
        }
        return parts.joined(separator: " \\\n  ")
    }

    /// Single-quoted for POSIX shells: `'` becomes `'\''`.
    static func quote(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
