import ActionStore
import Console
import Foundation
import Terminal

/// On a shared (PostgreSQL) store: what other consoles and processes change
/// arrives as LISTEN/NOTIFY, and becomes the reloads this console would ask
/// for itself (the lists keep the cursor on the same row, as for any reload).
/// A lost server is said in the status line every second until it is back,
/// then every list is reloaded. A SQLite store has nothing to listen to.
final class LiveStoreUpdates: Sendable {
    private let pending = PendingTables()
    private let subscription: StoreSubscription?

    init(store: ActionStore, inbox: Inbox, wakeup: Terminal.Wakeup?) {
        let pending = self.pending
        subscription = store.subscribeToChanges { change in
            switch change {
            case let .changed(tables):
                pending.add(tables)
                wakeup?.signal()
            case .reconnected:
                pending.add(ActionStore.notifiedTables)
                inbox.post(.store(.reachable))
                wakeup?.signal()
            case let .unreachable(detail):
                inbox.post(.store(.unreachable(Self.unreachableMessage(detail))))
            }
        }
    }

    static func unreachableMessage(_ detail: String) -> String {
        "Store unreachable (\(detail)); retrying every second. What you type is kept: save again once it is back."
    }

    /// The reloads the changes since the last call ask for, and whether delivery logs should reload.
    func takeReloads() -> (effects: [ConsoleEffect], deliveries: Bool) {
        Self.reloads(for: pending.take())
    }

    /// Which list each changed table feeds.
    static func reloads(for tables: Set<String>) -> (effects: [ConsoleEffect], deliveries: Bool) {
        var effects: [ConsoleEffect] = []
        if tables.contains("action") { effects.append(.actions(.load)) }
        if tables.contains("agent") { effects.append(.agents(.load)) }
        // The models list says which agents use each model, and the agents list which models are missing.
        if !tables.isDisjoint(with: ["model", "agent"]) { effects.append(.models(.load)) }
        if tables.contains("call") { effects.append(.calls(.load)) }
        if !tables.isDisjoint(with: ["environment", "environment_variable", "secret", "setting"]) { effects.append(.secrets(.load)) }
        // The webhook list shows pending and failed counts, so a delivery's change reloads it too.
        if !tables.isDisjoint(with: ["webhook", "webhook_delivery"]) { effects.append(.webhooks(.load)) }
        return (effects, tables.contains("webhook_delivery"))
    }

    func cancel() { subscription?.cancel() }
}

/// Tables changed since the loop last looked (written by the listening thread).
final class PendingTables: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: Set<String> = []

    func add(_ changed: Set<String>) { lock.withLock { tables.formUnion(changed) } }

    func take() -> Set<String> {
        lock.withLock {
            defer { tables = [] }
            return tables
        }
    }
}
