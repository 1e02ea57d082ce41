import ActionStore
import Foundation

/// The store backends a repository test runs on: SQLite always, PostgreSQL
/// when `SWITCHBOARD_TEST_POSTGRES` names a server (`.ci/run` starts one with
/// `scripts/test-postgres.sh`). Each store is new and empty: a file in a fresh
/// folder, or a database created for it (dropped by `cleanUp`).
public enum StoreBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The PostgreSQL server tests may create databases on, nil when none was given.
    public static var postgresServer: String? {
        ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The backends to run on here; says once, on stderr, why PostgreSQL is left out.
    public static var available: [StoreBackend] {
        if postgresServer != nil { return [.sqlite, .postgres] }
        skipNotice
        return [.sqlite]
    }

    private static let skipNotice: Void = {
        FileHandle.standardError.write(Data(
            "note: the PostgreSQL store tests are skipped: SWITCHBOARD_TEST_POSTGRES is not set (eval \"$(scripts/test-postgres.sh start)\" starts a server and sets it)\n".utf8))
    }()

    /// A new, empty store location on this backend: a path in `folder`, or the URL of a new database.
    public func makeLocation(in folder: URL, name: String = "store") throws -> String {
        switch self {
        case .sqlite:
            return folder.appendingPathComponent("\(name).sqlite").path
        case .postgres:
            guard let server = Self.postgresServer else { throw StoreError.rejected("SWITCHBOARD_TEST_POSTGRES is not set") }
            let database = "sw_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
            let url = try PostgresDatabases.create(String(database), on: server)
            Self.created.withLock { $0.append(String(database)) }
            return url
        }
    }

    /// A new, empty, open store on this backend. A PostgreSQL store keeps its
    /// secret values in `folder` (as `XDG_DATA_HOME`), not in the user's own folder.
    public func makeStore(in folder: URL, name: String = "store") throws -> (store: ActionStore, location: String) {
        let location = try makeLocation(in: folder, name: name)
        return (try Self.open(location, folder: folder), location)
    }

    /// Opens `location` again (another handle, as another process would), secrets kept in `folder`.
    public static func open(_ location: String, folder: URL) throws -> ActionStore {
        guard PostgresURL.isPostgres(location) else { return try ActionStore.open(path: location) }
        return try ActionStore.openPostgres(url: PostgresURL.parse(location), environment: ["XDG_DATA_HOME": folder.path, "HOME": folder.path])
    }

    private static let created = LockedList()

    /// Drops the databases made so far (each test's tearDown calls it).
    public static func cleanUp() {
        guard let server = postgresServer else { return }
        for name in created.withLock({ list in defer { list = [] }; return list }) {
            try? PostgresDatabases.drop(name, on: server)
        }
    }
}

final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func withLock<T>(_ body: (inout [String]) -> T) -> T { lock.withLock { body(&list) } }
}
