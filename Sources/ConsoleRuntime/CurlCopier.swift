import ActionHTTP
import ActionModel
import CallSimulation
import Console
import Foundation
import Terminal

/// "Copy as curl": the clear command to the clipboard (OSC 52, through the
/// terminal, which owns output) and to a file only its owner can read, for
/// terminals that ignore OSC 52; the masked command back to the console to show.
enum CurlCopier {
    /// `$TMPDIR/switchboard-last-request.curl.sh` (one file, replaced each time).
    static var defaultPath: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-last-request.curl.sh").path
    }

    static func copy(_ exchange: HTTPExchange, masker: SecretMasker, terminal: Terminal?, path: String = defaultPath) -> CurlCopy {
        let clear = CurlCommand.make(exchange)
        terminal?.copyToClipboard(clear)
        let shown = CurlCommand.make(exchange, masker: masker)
        do {
            try write(clear + "\n", to: path)
            return CurlCopy(shown: shown, path: path, sentToClipboard: terminal != nil)
        } catch {
            return CurlCopy(shown: shown, path: nil, sentToClipboard: terminal != nil, problem: "\(error)")
        }
    }

    /// Written with mode 0600: the command carries the request's secrets.
    static func write(_ text: String, to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
