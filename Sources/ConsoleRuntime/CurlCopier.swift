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
    /// `$TMPDIR/switchboard-UID/last-request.curl.sh` (one file, replaced each
    /// time, removed when the console quits), in a folder only its owner can enter.
    static var defaultPath: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-\(getuid())/last-request.curl.sh").path
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

    /// Written into a private (0700) folder, into a file created 0600 from its
    /// first byte: the command may carry the request's secrets, and a file made
    /// under the umask and chmodded after can be opened by others meanwhile.
    static func write(_ text: String, to path: String) throws {
        try preparePrivateFolder((path as NSString).deletingLastPathComponent)
        let descriptor = try createPrivateFile(path)
        defer { close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("can't write \(path)")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// A new, empty file at `path` with mode 0600 (whatever the umask), replacing
    /// what was there; never follows a symbolic link planted at `path`.
    static func createPrivateFile(_ path: String) throws -> Int32 {
        if unlink(path) != 0, errno != ENOENT { throw failure("can't replace \(path)") }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 { throw failure("can't create \(path)") }
        // O_CREAT applies the umask, which can only take bits away from 0600; make sure.
        fchmod(descriptor, 0o600)
        return descriptor
    }

    /// `folder` as a folder owned by this user that nobody else can enter:
    /// created 0700 when missing; one that is a symbolic link or someone
    /// else's is refused.
    static func preparePrivateFolder(_ folder: String) throws {
        if mkdir(folder, 0o700) != 0, errno != EEXIST { throw failure("can't create the folder \(folder)") }
        var info = stat()
        guard lstat(folder, &info) == 0 else { throw failure("can't check the folder \(folder)") }
        guard info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else {
            throw CurlFileError(message: "\(folder) is not a folder of yours; remove it and copy again")
        }
        if info.st_mode & 0o077 != 0, chmod(folder, 0o700) != 0 { throw failure("can't make \(folder) private") }
    }

    /// Removes the file "copy as curl" wrote, if any (on quit).
    static func removeFile(at path: String = defaultPath) {
        unlink(path)
    }

    static func failure(_ what: String) -> CurlFileError {
        CurlFileError(message: "\(what): \(String(cString: strerror(errno)))")
    }
}

struct CurlFileError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
