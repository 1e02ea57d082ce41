import ActionModel
import Foundation
import GRDB

/// Switchboard's store: the one API every caller uses, over one of two
/// backends. By default one SQLite file (WAL mode, versioned migrations,
/// every write a transaction); opened on a `postgres://` URL, a PostgreSQL
/// database shared by a team (`PostgresBackend`: the same migrations,
/// optimistic versions and queue rules). Safe to share between threads.
///
/// Each public repository method first hands a PostgreSQL store's call to
/// `postgres`; the SQLite code below it is the embedded backend.
///
/// Opening never changes a file it doesn't recognise: a foreign, damaged or
/// newer file is inspected through a read-only connection first and refused
/// with a `StoreError`, byte for byte untouched.
public final class ActionStore: Sendable {
    /// The SQLite file, or a PostgreSQL store's URL without its password.
    public let path: String
    public let isReadOnly: Bool
    /// Why the store is read-only, for messages; nil when writable.
    public let readOnlyReason: String?
    private let sqlite: (any DatabaseWriter)?
    /// Set when the store is a PostgreSQL database.
    let postgres: PostgresBackend?
    /// Where this store's secret values live (beside the SQLite file; the user's own file for PostgreSQL).
    let secretsFilePath: String

    /// The SQLite connection (SQLite stores only: PostgreSQL calls never reach the SQLite code).
    var database: any DatabaseWriter {
        guard let sqlite else { preconditionFailure("SQLite code reached on the PostgreSQL store \(path)") }
        return sqlite
    }

    /// True when the store is a PostgreSQL database (a team store).
    public var isShared: Bool { postgres != nil }

    /// `PRAGMA application_id` of a Switchboard store: "SWBD".
    static let applicationID: Int32 = 0x5357_4244

    /// Opens (creating it and its folder when missing) the store at `path`.
    /// `readOnly` opens it for reading only; a file the user can't write is
    /// opened that way too, and writes then say why they can't.
    ///
    /// A `postgres://` or `postgresql://` URL opens (and migrates) that
    /// PostgreSQL database instead; a server that can't be reached is
    /// `StoreError.unreachable`.
    public static func open(path: String, readOnly: Bool = false) throws(StoreError) -> ActionStore {
        if PostgresURL.isPostgres(path) { return try openPostgres(url: PostgresURL.parse(path), readOnly: readOnly) }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw .io(path: path, detail: "it is a folder; name a file such as \(path)/switchboard.sqlite") }
        if exists, let kind = nonRegularKind(path) {
            // Opening a FIFO for reading would wait forever for a writer.
            throw .io(path: path, detail: "it is \(kind), not a file; pass a regular file with --store PATH")
        }

        if exists {
            // Inspecting a WAL-mode file makes SQLite create `-wal`/`-shm` beside
            // it; a refused file is left as it was found, so those go again.
            let sideFiles = [path + "-wal", path + "-shm"].filter { !fileManager.fileExists(atPath: $0) }
            do {
                try inspectExistingFile(at: path)
            } catch {
                for sideFile in sideFiles { try? fileManager.removeItem(atPath: sideFile) }
                throw error
            }
        } else if readOnly {
            throw .io(path: path, detail: "there is no store there to open read-only")
        }

        var reason: String? = readOnly ? "it was opened read-only" : nil
        if reason == nil, exists, access(path, W_OK) != 0 { reason = "the file is not writable by you" }
        let folder = (path as NSString).deletingLastPathComponent
        if reason == nil, exists, access(folder.isEmpty ? "." : folder, W_OK) != 0 {
            reason = "its folder \(folder) is not writable by you"
        }

        if let reason {
            do {
                let queue = try readOnlyQueue(path: path)
                return ActionStore(path: path, database: queue, readOnlyReason: reason)
            } catch {
                throw map(error, path: path)
            }
        }

        if !exists, !folder.isEmpty {
            do {
                // Private: the store holds literal signing secrets and callers' words.
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .io(path: path, detail: "can't create the folder \(folder): \(error.localizedDescription)")
            }
        }
        if !exists {
            // Created 0600 from the first byte; SQLite gives `-wal` and `-shm` the
            // main file's mode, so they are private too.
            let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if descriptor < 0, errno != EEXIST {
                throw .io(path: path, detail: "can't create it: \(String(cString: strerror(errno)))")
            }
            if descriptor >= 0 { close(descriptor) }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // FULL makes every commit durable (fsync of the WAL), not just consistent.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try StoreMigrations.migrator.migrate(pool)
            return ActionStore(path: path, database: pool, readOnlyReason: nil)
        } catch {
            throw map(error, path: path)
        }
    }

    /// What a non-regular file at `path` is ("a FIFO", "a device", "a socket"), nil for a regular file.
    static func nonRegularKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFDIR: return nil
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    init(path: String, database: any DatabaseWriter, readOnlyReason: String?) {
        self.path = path
        self.sqlite = database
        self.postgres = nil
        self.secretsFilePath = SecretsFile.path(forStore: path)
        self.readOnlyReason = readOnlyReason
        self.isReadOnly = readOnlyReason != nil
    }

    init(postgres: PostgresBackend, secretsFilePath: String, readOnlyReason: String?) {
        self.path = postgres.path
        self.sqlite = nil
        self.postgres = postgres
        self.secretsFilePath = secretsFilePath
        self.readOnlyReason = readOnlyReason
        self.isReadOnly = readOnlyReason != nil
    }

    /// Opens a PostgreSQL store; `statementTimeout` bounds every statement (a stuck server can't freeze a caller).
    public static func openPostgres(
        url: PostgresURL, readOnly: Bool = false, statementTimeout: TimeInterval = 15,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> ActionStore {
        let backend = try PostgresBackend.open(url: url, statementTimeout: statementTimeout)
        return ActionStore(postgres: backend, secretsFilePath: PostgresBackend.secretsFilePath(for: url, environment: environment),
                           readOnlyReason: readOnly ? "it was opened read-only" : nil)
    }

    /// Checks an existing file through a read-only connection before anything
    /// may write to it: it must be empty, or SQLite carrying our application ID
    /// (or no tables at all), with no migrations newer than ours.
    static func inspectExistingFile(at path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .io(path: path, detail: "the file can't be read (check its permissions)")
        }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if header.isEmpty { return }  // an empty file becomes a new store
        guard header == Data("SQLite format 3\0".utf8) else {
            throw .notSwitchboardDatabase(path: path, detail: "it is not an SQLite database")
        }
        do {
            let queue = try readOnlyQueue(path: path)
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if applicationID != applicationID_ {
                    if applicationID == 0 && tableCount == 0 { return }
                    throw StoreError.notSwitchboardDatabase(
                        path: path, detail: applicationID == 0 ? "it is another program's SQLite database" : "its application id is \(applicationID)")
                }
                let known = Set(StoreMigrations.migrator.migrations)
                let applied = try StoreMigrations.migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(known).sorted()
                if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: unknown) }
            }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw map(error, path: path)
        }
    }

    private static let applicationID_ = applicationID

    /// A read-only connection. Reading a WAL-mode file needs its `-shm` file,
    /// which SQLite can't create in a folder the user can't write: there, with
    /// no `-wal` beside it (so no writer has changes pending), the file is read
    /// as immutable, which needs neither.
    static func readOnlyQueue(path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        // Another process may be writing (a call being logged): wait for its lock.
        configuration.busyMode = .timeout(5)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") }
            return queue
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            let folder = (path as NSString).deletingLastPathComponent
            guard access(folder.isEmpty ? "." : folder, W_OK) != 0, !FileManager.default.fileExists(atPath: path + "-wal") else { throw error }
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            let encoded = absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? absolute
            let queue = try DatabaseQueue(path: "file:" + encoded + "?immutable=1", configuration: configuration)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version") }
            return queue
        }
    }

    /// Turns SQLite's errors into messages a person can act on.
    static func map(_ error: any Error, path: String) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        guard let databaseError = error as? DatabaseError else {
            return .io(path: path, detail: "\(error)")
        }
        switch databaseError.resultCode {
        case .SQLITE_NOTADB: return .notSwitchboardDatabase(path: path, detail: "it is not an SQLite database")
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: databaseError.message ?? "malformed")
        case .SQLITE_READONLY: return .readOnly(path: path, reason: "SQLite says it is read-only (\(databaseError.message ?? "readonly"))")
        case .SQLITE_BUSY: return .io(path: path, detail: "another program is holding a write lock; try again")
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_CANTOPEN: return .io(path: path, detail: "SQLite can't open it (\(databaseError.message ?? "cantopen")); check the path and permissions")
        default: return .io(path: path, detail: databaseError.message ?? "\(databaseError)")
        }
    }

    func failIfReadOnly() throws(StoreError) {
        if let readOnlyReason { throw .readOnly(path: path, reason: readOnlyReason) }
    }

    /// Runs a read, mapping errors.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch { throw Self.map(error, path: path) }
    }

    /// Runs a write transaction, mapping errors; refuses at once when read-only.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try failIfReadOnly()
        do { return try database.write(body) } catch { throw Self.map(error, path: path) }
    }
}
