import ActionModel
import Foundation
import PostgresNIO

/// A Switchboard store in a PostgreSQL database (the team store): the same
/// repositories as the SQLite store, the same optimistic versions, and the
/// webhook queue claimed with row locks so many processes share it.
/// `ActionStore` calls it for every repository method when opened on a
/// `postgres://` URL; each `Postgres*.swift` file beside this one mirrors one
/// SQLite repository file.
final class PostgresBackend: Sendable {
    let session: PostgresSession
    var path: String { session.redacted }

    init(session: PostgresSession) {
        self.session = session
    }

    /// Connects (exit 2 with a clear message when the server is down) and migrates.
    static func open(url: PostgresURL, statementTimeout: TimeInterval = 15) throws(StoreError) -> PostgresBackend {
        let session = PostgresSession(url: url, statementTimeout: statementTimeout)
        do {
            try PostgresMigrations.migrate(session)
        } catch let .unreachable(path, detail) {
            throw .unreachable(path: path, detail: detail)
        }
        return PostgresBackend(session: session)
    }

    func read<T>(_ body: (PostgresTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try session.read(body)
    }

    func write<T>(_ body: (PostgresTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try session.transaction(body)
    }

    /// Writes where each statement is a transaction of its own (no BEGIN and
    /// COMMIT round trips): for a write that is one statement, or whose
    /// statements are each safe alone.
    func autocommit<T>(_ body: (PostgresTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try session.read(body)
    }

    /// True for a unique-constraint violation (SQLSTATE 23505) on `constraint`'s index or key.
    static func isUniqueViolation(_ error: StoreError) -> Bool {
        if case let .io(_, detail) = error { return detail.contains("SQLSTATE 23505") }
        return false
    }

    /// Where a PostgreSQL store's secret values live: the user's own 0600
    /// file, one per server and database, beside the default SQLite store
    /// (`~/.local/share/switchboard/postgres-HOST-PORT-DATABASE.secrets.json`).
    static func secretsFilePath(for url: PostgresURL, environment: [String: String]) -> String {
        let folder = (StoreLocation.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        let safe = { (text: String) in String(text.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" ? $0 : "-" }) }
        let host = url.socketFolder.map { "socket" + safe($0) } ?? safe(url.host)
        return folder + "/postgres-\(host)-\(url.port)-\(safe(url.user))-\(safe(url.database)).secrets.json"
    }
}

/// Scratch databases on a PostgreSQL server, for tests and benchmarks that
/// need an empty store of their own (`CREATE DATABASE` can't take a bind, so
/// the name is limited to letters, digits and `_`).
public enum PostgresDatabases {
    /// Creates the database `name` on `serverURL`'s server and returns the URL that opens it.
    public static func create(_ name: String, on serverURL: String) throws(StoreError) -> String {
        let url = try PostgresURL.parse(serverURL)
        try run("CREATE DATABASE \(unescaped: try checked(name))", on: url)
        var created = URLComponents(string: serverURL)!
        created.path = "/" + name
        return created.string!
    }

    /// Drops the database `name` (closing other sessions on it first).
    public static func drop(_ name: String, on serverURL: String) throws(StoreError) {
        try run("DROP DATABASE IF EXISTS \(unescaped: try checked(name)) WITH (FORCE)", on: try PostgresURL.parse(serverURL))
    }

    static func checked(_ name: String) throws(StoreError) -> String {
        guard !name.isEmpty, name.count < 64, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw .rejected("database name '\(name)' must be lower-case letters, digits and _")
        }
        return name
    }

    static func run(_ statement: PostgresQuery, on url: PostgresURL) throws(StoreError) {
        let session = PostgresSession(url: url)
        defer { session.close() }
        _ = try session.read { run throws(StoreError) in try run.execute(statement) }
    }
}
