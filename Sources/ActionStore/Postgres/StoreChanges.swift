import Foundation
import NIOCore
import PostgresNIO

/// What a store subscription reports: tables another process (or another
/// handle on the store) changed, or whether the server can be reached.
public enum StoreChange: Sendable, Equatable {
    /// Tables written since the last report (`action`, `agent`, `webhook`,
    /// `webhook_delivery`, `call`, `environment`, `secret`, …). Never the
    /// subscribing handle's own writes: it has their results already (a
    /// console's save answers with the saved record), as on SQLite.
    case changed(Set<String>)
    /// The listening connection is lost; the subscription retries every second and says so after each failed try.
    case unreachable(String)
    /// Back after `unreachable`: anything may have changed meanwhile, so every table counts as changed.
    case reconnected
}

/// A live subscription to a shared store's changes; `cancel` ends it.
public final class StoreSubscription: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var connection: PostgresConnection?

    var isCancelled: Bool { lock.withLock { cancelled } }

    public func cancel() {
        let open: PostgresConnection? = lock.withLock {
            cancelled = true
            defer { connection = nil }
            return connection
        }
        if let open { PostgresSession.closeQuietly(open) }
    }

    /// Keeps `connection` to close on cancel; false (and closes it) when already cancelled.
    func hold(_ connection: PostgresConnection?) -> Bool {
        let keep: Bool = lock.withLock {
            if cancelled { return false }
            self.connection = connection
            return true
        }
        if !keep, let connection { PostgresSession.closeQuietly(connection) }
        return keep
    }
}

extension ActionStore {
    /// Every table a change notification can name (what `.reconnected` stands for).
    public static let notifiedTables: Set<String> = [
        "action", "agent", "call", "environment", "environment_variable", "secret", "setting", "webhook", "webhook_delivery", "model",
    ]

    /// Calls `handler` (on a background thread) when another process (or
    /// another handle) changes the store, within milliseconds: PostgreSQL's
    /// LISTEN/NOTIFY on a connection of its own. A notification sent by one of
    /// this handle's own connections (the payload's server process ID) is
    /// skipped, so a console's save doesn't read its lists again. A lost
    /// connection is reported and retried every second. nil for a SQLite
    /// store, which has no one to hear from.
    public func subscribeToChanges(_ handler: @escaping @Sendable (StoreChange) -> Void) -> StoreSubscription? {
        guard let postgres else { return nil }
        let subscription = StoreSubscription()
        let session = postgres.session
        let thread = Thread {
            var wasLost = false
            while !subscription.isCancelled {
                do throws(StoreError) {
                    let connection = try session.connect()
                    guard subscription.hold(connection) else { return }
                    connection.addListener(channel: PostgresMigrations.notifyChannel) { _, notification in
                        if session.isOwnBackend(notification.backendPID) { return }
                        handler(.changed([notification.payload]))
                    }
                    _ = try session.wait(connection.query("LISTEN switchboard_changes", logger: PostgresSession.logger), what: "listening")
                    if wasLost { handler(.reconnected) }
                    wasLost = false
                    // Wait here until the connection goes (server restart, network) or the subscription ends.
                    let closed = DispatchSemaphore(value: 0)
                    connection.closeFuture.whenComplete { _ in closed.signal() }
                    closed.wait()
                    if subscription.isCancelled { return }
                    _ = subscription.hold(nil)
                    wasLost = true
                    handler(.unreachable("the connection to \(session.redacted) was lost"))
                } catch {
                    if subscription.isCancelled { return }
                    // Said on every failed try, so a status line showing it stays current.
                    if case let .unreachable(_, detail) = error { handler(.unreachable(detail)) } else { handler(.unreachable(error.message)) }
                    wasLost = true
                }
                Thread.sleep(forTimeInterval: 1)
            }
        }
        thread.name = "switchboard-store-listen"
        thread.start()
        return subscription
    }
}
