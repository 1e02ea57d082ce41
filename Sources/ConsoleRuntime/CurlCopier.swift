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

    /// `includeSecrets` fills `{{secret.…}}` in from `templates` for the
    /// clipboard and the file (the person asked for it); otherwise they stay
    /// placeholders there too. The screen always gets the masked command.
    static func copy(_ exchange: HTTPExchange, includeSecrets: Bool, templates: TemplateContext, masker: SecretMasker,
                     terminal: Terminal?, path: String = defaultPath) -> CurlCopy {
        let shown = (try? curlCommand(for: exchange, templates: templates, masker: masker)) ?? ""
        let clear: String
        do {
            clear = try curlCommand(for: exchange, includeSecrets: includeSecrets, templates: templates)
        } catch {
            return CurlCopy(shown: shown, path: nil, sentToClipboard: false, problem: "not copied: \(error.message)")
        }
        terminal?.copyToClipboard(clear)
        do {
            try write(clear + "\n", to: path)
            return CurlCopy(shown: shown, path: path, sentToClipboard: terminal != nil, includesSecrets: includeSecrets)
        } catch {
            return CurlCopy(shown: shown, path: nil, sentToClipboard: terminal != nil, includesSecrets: includeSecrets, problem: "\(error)")
        }
    }

    /// Written with mode 0600: the command may carry the request's secrets.
    static func write(_ text: String, to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
