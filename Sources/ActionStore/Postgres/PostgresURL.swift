import Foundation

/// A `postgres://user[:password]@host[:port]/database?sslmode=…` store
/// location, read the way libpq users expect: the password from the URL, else
/// `PGPASSWORD`, else `~/.pgpass` (or `PGPASSFILE`). The password is never part
/// of `redacted`, which is what every message, status line and `--json` shows.
public struct PostgresURL: Sendable, Equatable {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A host name or address; nil with `socketFolder` for a unix socket.
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// `?host=/run/postgresql`: the folder of the server's unix socket.
    public var socketFolder: String?

    /// True for `postgres://…` and `postgresql://…` (any case).
    public static func isPostgres(_ value: String) -> Bool {
        let lowered = value.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `value`; every problem names the part that is wrong and how to write it.
    public static func parse(_ value: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError) -> PostgresURL
    {
        guard isPostgres(value), let components = URLComponents(string: value) else {
            throw .location("'\(redactedText(value))' is not a PostgreSQL URL; write it as postgres://USER@HOST:5432/DATABASE?sslmode=require.")
        }
        var sslMode = SSLMode.prefer
        var socketFolder: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw .location("sslmode '\(item.value ?? "")' in \(redactedText(value)) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                sslMode = mode
            case "host":
                socketFolder = item.value
            case "application_name", "connect_timeout":
                continue
            default:
                throw .location("\(redactedText(value)) has the parameter '\(item.name)', which switchboard doesn't know; it takes sslmode and host (a unix socket folder).")
            }
        }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socketFolder == nil ? "localhost" : "")
        let database = String(components.path.drop(while: { $0 == "/" }))
        let user = components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        var url = PostgresURL(
            user: user, password: components.password?.removingPercentEncoding, host: host, port: components.port ?? 5432,
            database: database.isEmpty ? user : (database.removingPercentEncoding ?? database), sslMode: sslMode, socketFolder: socketFolder)
        if url.password == nil { url.password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } }
        if url.password == nil { url.password = PGPass.password(for: url, environment: environment) }
        return url
    }

    /// The URL without its password, for every message a person or a log sees.
    public var redacted: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        var parameters: [String] = []
        if sslMode != .prefer { parameters.append("sslmode=\(sslMode.rawValue)") }
        if let socketFolder { parameters.append("host=\(socketFolder)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// `value` with any password in it replaced, for messages about a URL that didn't parse.
    public static func redactedText(_ value: String) -> String {
        guard let schemeEnd = value.range(of: "://"), let at = value[schemeEnd.upperBound...].lastIndex(of: "@") else { return value }
        let credentials = value[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return value }
        return String(value[..<colon]) + ":***" + String(value[at...])
    }
}

/// `~/.pgpass`: `host:port:database:user:password` lines, `*` matching
/// anything, `\:` and `\\` escaped. Like libpq, a file others can read is ignored.
enum PGPass {
    static func password(for url: PostgresURL, environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass")
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let host = url.socketFolder == nil ? url.host : "localhost"
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(url.port), url.database, url.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == ":" && fields.count < 4 { fields.append(current); current = ""; continue }
            current.append(character)
        }
        fields.append(current)
        return fields
    }
}
