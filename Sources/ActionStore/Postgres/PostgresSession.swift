import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The PostgreSQL connections of one open store, behind a synchronous API.
///
/// Why synchronous: `ActionStore` is the API the CLI, the console's store
/// thread, the call driver and the webhook dispatcher all call, and it is
/// synchronous (GRDB is). Rather than make every caller async, each statement
/// is started on PostgresNIO's own event loop (one NIO thread owned by this
/// process, never a Swift-concurrency thread, so a caller blocked here can't
/// starve the work it waits for) and the calling thread waits for its future.
/// A caller on that NIO thread would deadlock; none exists (nothing else runs
/// on this event loop group), and `wait` refuses it loudly if one ever did.
/// Every wait has a deadline a little past the server's statement timeout,
/// so a stuck or unreachable server turns into a `StoreError`, never a
/// frozen console.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    /// Server-side limit for one statement; the client waits this plus a margin.
    let statementTimeout: TimeInterval
    static let eventLoopGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    static let logger = Logger(label: "switchboard.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var nextID = 0
    /// The server processes (`pg_backend_pid()`) behind this session's open
    /// connections: a change notification sent by one of them is this
    /// handle's own write, which its caller already knows about.
    private var ownBackends: Set<Int32> = []

    init(url: PostgresURL, statementTimeout: TimeInterval = 15) {
        self.url = url
        self.statementTimeout = statementTimeout
    }

    /// Closes without waiting (the event loop finishes it). The callback holds
    /// the connection until it is closed: PostgresNIO insists a connection is
    /// closed before it is released.
    static func closeQuietly(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit {
        for connection in idle { Self.closeQuietly(connection) }
    }

    var redacted: String { url.redacted }

    // MARK: Connections

    func configuration() throws(StoreError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    func tls() throws(StoreError) -> PostgresConnection.Configuration.TLS {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        switch url.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tlsConfiguration.certificateVerification = .none
        case .verifyCA: tlsConfiguration.certificateVerification = .noHostnameVerification
        case .verifyFull: tlsConfiguration.certificateVerification = .fullVerification
        }
        do {
            let context = try NIOSSLContext(configuration: tlsConfiguration)
            return url.sslMode == .allow || url.sslMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw .io(path: redacted, detail: "can't set up TLS (\(error)); try sslmode=disable for a local server")
        }
    }

    /// A new connection with the session settings (statement timeout, UTC).
    func connect() throws(StoreError) -> PostgresConnection {
        let id: Int = lock.withLock { nextID += 1; return nextID }
        let configuration = try configuration()
        let future = PostgresConnection.connect(
            on: Self.eventLoopGroup.next(), configuration: configuration, id: id, logger: Self.logger)
        let connection = try wait(future, what: "connecting")
        do throws(StoreError) {
            // One round trip: the statement timeout, and which server process this connection is.
            let milliseconds = String(Int(statementTimeout * 1000))
            let result = try wait(connection.query(
                "SELECT pg_backend_pid(), set_config('statement_timeout', \(milliseconds), false)", logger: Self.logger), what: "setting up")
            guard let backend = try? result.first?.decode(Int32.self) else {
                throw .io(path: redacted, detail: "the server did not say which process serves this connection")
            }
            lock.withLock { _ = ownBackends.insert(backend) }
            connection.closeFuture.whenComplete { [weak self] _ in self?.forget(backend) }
        } catch {
            Self.closeQuietly(connection)
            throw error
        }
        return connection
    }

    /// True when the server process `backend` serves one of this session's open connections.
    func isOwnBackend(_ backend: Int32) -> Bool {
        lock.withLock { ownBackends.contains(backend) }
    }

    /// A closed connection's process number may go to another client's connection next.
    private func forget(_ backend: Int32) {
        lock.withLock { _ = ownBackends.remove(backend) }
    }

    /// Runs `body` on a pooled connection; a connection that failed is closed, not returned.
    func withConnection<T>(_ body: (PostgresConnection) throws(StoreError) -> T) throws(StoreError) -> T {
        let pooled: PostgresConnection? = lock.withLock { idle.popLast() }
        let connection: PostgresConnection
        if let pooled, !pooled.isClosed { connection = pooled } else { connection = try connect() }
        do {
            let result = try body(connection)
            lock.withLock { if idle.count < 4 { idle.append(connection) } else { Self.closeQuietly(connection) } }
            return result
        } catch {
            if case .unreachable = error { Self.closeQuietly(connection) } else {
                lock.withLock { if idle.count < 4 && !connection.isClosed { idle.append(connection) } else { Self.closeQuietly(connection) } }
            }
            throw error
        }
    }

    /// One transaction: BEGIN, `body`, COMMIT; ROLLBACK when `body` throws.
    func transaction<T>(_ body: (PostgresTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try withConnection { connection throws(StoreError) -> T in
            let transaction = PostgresTransaction(session: self, connection: connection)
            try transaction.execute("BEGIN")
            do throws(StoreError) {
                let result = try body(transaction)
                try transaction.execute("COMMIT")
                return result
            } catch {
                if case .unreachable = error { throw error }
                _ = try? transaction.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Reads outside an explicit transaction (each statement sees committed data).
    func read<T>(_ body: (PostgresTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
        try withConnection { connection throws(StoreError) -> T in
            try body(PostgresTransaction(session: self, connection: connection))
        }
    }

    func close() {
        let connections: [PostgresConnection] = lock.withLock { defer { idle = [] }; return idle }
        for connection in connections {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = try? wait(closing, what: "closing")
        }
    }

    // MARK: Waiting

    /// Waits for `future` on the calling thread, at most the statement timeout
    /// plus a margin; then the store counts as unreachable.
    func wait<T>(_ future: EventLoopFuture<T>, what: String) throws(StoreError) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { result in
            box.result = result
            done.signal()
        }
        if done.wait(timeout: .now() + statementTimeout + 2) == .timedOut {
            throw .unreachable(path: redacted, detail: "the server did not answer within \(Int(statementTimeout + 2)) s while \(what)")
        }
        switch box.result! {
        case let .success(value): return value
        case let .failure(error): throw map(error, while: what)
        }
    }

    /// PostgreSQL's and the network's errors as messages a person can act on.
    func map(_ error: any Error, while what: String) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        if let psql = error as? PSQLError {
            if let state = psql.serverInfo?[.sqlState] {
                let message = psql.serverInfo?[.message] ?? "\(psql.code)"
                switch state {
                case "28P01", "28000":
                    return .io(path: redacted, detail: "the server refused the login (\(message)); check the user, and the password in the URL, PGPASSWORD or ~/.pgpass")
                case "3D000":
                    return .io(path: redacted, detail: "\(message); create it first (createdb \(url.database)) or name another database")
                case "57014":
                    return .unreachable(path: redacted, detail: "a statement took longer than the \(Int(statementTimeout)) s statement timeout (\(message))")
                case "57P01", "57P02", "57P03":
                    return .unreachable(path: redacted, detail: "the server is shutting down or starting (\(message))")
                default:
                    return .io(path: redacted, detail: "\(message) (SQLSTATE \(state), while \(what))")
                }
            }
            switch psql.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                let underlying = psql.underlying.map { " (\($0))" } ?? ""
                return .unreachable(path: redacted, detail: "the server can't be reached\(underlying)")
            case .sslUnsupported:
                return .io(path: redacted, detail: "the server doesn't offer TLS, but sslmode=\(url.sslMode.rawValue) requires it; use sslmode=prefer or disable for a local server")
            case .authMechanismRequiresPassword:
                return .io(path: redacted, detail: "the server wants a password; put it in PGPASSWORD or ~/.pgpass (or in the URL)")
            default:
                return .io(path: redacted, detail: "\(psql.code) while \(what)")
            }
        }
        if error is ChannelError || error is IOError || error is NIOConnectionError || "\(type(of: error))".contains("Connect") {
            return .unreachable(path: redacted, detail: "the server can't be reached (\(error))")
        }
        return .io(path: redacted, detail: "\(error) while \(what)")
    }
}

/// The result a NIO callback hands to the waiting thread (the semaphore orders the accesses).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// Statements on one connection, each waited for; inside `transaction` they
/// form one transaction.
struct PostgresTransaction {
    let session: PostgresSession
    let connection: PostgresConnection

    @discardableResult
    func query(_ query: PostgresQuery) throws(StoreError) -> PostgresQueryResult {
        try session.wait(connection.query(query, logger: PostgresSession.logger), what: "running a statement")
    }

    /// Rows affected by an INSERT/UPDATE/DELETE.
    @discardableResult
    func execute(_ query: PostgresQuery) throws(StoreError) -> Int {
        try self.query(query).metadata.rows ?? 0
    }

    /// Decodes every row, mapping a type mismatch to a damaged-store error.
    func fetch<each Column: PostgresDecodable>(_ query: PostgresQuery, as types: (repeat each Column).Type) throws(StoreError) -> [(repeat each Column)] {
        let result = try self.query(query)
        do {
            return try result.map { try $0.decode((repeat each Column).self) }
        } catch {
            throw .corrupt(path: session.redacted, detail: "a row can't be read: \(String(reflecting: error).prefix(300))")
        }
    }

    func fetchOne<each Column: PostgresDecodable>(_ query: PostgresQuery, as types: (repeat each Column).Type) throws(StoreError) -> (repeat each Column)? {
        try fetch(query, as: types).first
    }

    /// The first column of every row.
    func column<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) throws(StoreError) -> [Value] {
        let result = try self.query(query)
        do { return try result.map { try $0.decode(Value.self) } } catch {
            throw .corrupt(path: session.redacted, detail: "a value can't be read: \(error)")
        }
    }

    func scalar<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type) throws(StoreError) -> Value? {
        let result = try self.query(query)
        guard let row = result.first else { return nil }
        do { return try row.decode(Value.self) } catch {
            throw .corrupt(path: session.redacted, detail: "a value can't be read: \(error)")
        }
    }
}
