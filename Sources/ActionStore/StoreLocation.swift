import Foundation

/// Where the store lives when nobody says: `--store PATH` (or a
/// `postgres://` URL for a team store), else
/// `$SWITCHBOARD_STORE`, else `$XDG_DATA_HOME/switchboard/switchboard.sqlite`,
/// else `~/.local/share/switchboard/switchboard.sqlite`.
public enum StoreLocation {
    public static let fileName = "switchboard.sqlite"

    public static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return expandTilde(explicit, environment: environment) }
        if let fromEnvironment = environment["SWITCHBOARD_STORE"], !fromEnvironment.isEmpty {
            return expandTilde(fromEnvironment, environment: environment)
        }
        return defaultPath(environment: environment)
    }

    static func defaultPath(environment: [String: String]) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/switchboard/" + fileName
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/share/switchboard/" + fileName
    }

    /// The store path for a command, refusing what would silently land somewhere
    /// unintended: an empty `--store ''` or `SWITCHBOARD_STORE=` (which would
    /// otherwise fall through to the user's real default store), a URL (no
    /// server backend exists), and a path whose folder is missing (only the
    /// default location's folders are created on first use).
    public static func checked(explicit: String?, environment: [String: String]) throws(StoreError) -> String {
        let named: (value: String, source: String)?
        if let explicit {
            named = (explicit, "--store")
        } else if let fromEnvironment = environment["SWITCHBOARD_STORE"] {
            named = (fromEnvironment, "SWITCHBOARD_STORE")
        } else {
            named = nil
        }
        guard let named else { return defaultPath(environment: environment) }
        if named.value.trimmingCharacters(in: .whitespaces).isEmpty {
            let fix = named.source == "--store"
                ? "pass a file, e.g. --store ./switchboard.sqlite, or leave --store out for the default store"
                : "set it to a file, e.g. SWITCHBOARD_STORE=./switchboard.sqlite, or unset it for the default store"
            throw .location("\(named.source) is empty; \(fix).")
        }
        if PostgresURL.isPostgres(named.value) {
            // Checked now (sslmode, parameters) so a typo is reported before anything connects.
            _ = try PostgresURL.parse(named.value, environment: environment)
            return named.value.trimmingCharacters(in: .whitespaces)
        }
        if let scheme = urlScheme(named.value) {
            throw .location("\(named.source) '\(PostgresURL.redactedText(named.value))' is a \(scheme):// URL; the store is a SQLite file or a PostgreSQL database (postgres://USER@HOST:5432/DATABASE). Pass a file path, e.g. --store ./switchboard.sqlite, or a postgres:// URL.")
        }
        let path = expandTilde(named.value, environment: environment)
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty {
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
                var info = stat()
                if stat(folder, &info) != 0, errno == EACCES {
                    throw .location("the folder \(folder) for the store \(path) (from \(named.source)) can't be reached: a folder on the way is closed to you (permission denied); pass another path or ask its owner.")
                }
                throw .location("the folder \(folder) for the store \(path) (from \(named.source)) doesn't exist; create it first (mkdir -p '\(folder)') or pass another path.")
            }
            if !isDirectory.boolValue {
                throw .location("\(folder) is not a folder, so the store \(path) (from \(named.source)) can't be there; pass another path.")
            }
        }
        return path
    }

    /// The scheme of `value` when it reads as `scheme://…`, else nil.
    static func urlScheme(_ value: String) -> String? {
        guard let range = value.range(of: "://") else { return nil }
        let scheme = value[..<range.lowerBound]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] else { return path }
        return home + path.dropFirst()
    }
}
