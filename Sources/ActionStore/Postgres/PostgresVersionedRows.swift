import ActionModel
import Foundation
import PostgresNIO

/// A record saved with optimistic versions: a save names the version it was
/// read at, and is refused when the stored row has moved on since.
protocol VersionedRecord {
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
    var version: Int { get set }
}

extension Agent: VersionedRecord {}
extension Webhook: VersionedRecord {}

extension VersionedRecord {
    /// As first stored: version 1, last updated when created.
    var firstVersion: Self {
        var stored = self
        stored.version = 1
        stored.updatedAt = stored.createdAt
        return stored
    }

    /// Saved over `current`: created when it was, updated now (never earlier
    /// than the stored time, whatever this machine's clock says), one version on.
    func saved(over current: Self, now: Date) -> Self {
        var stored = self
        stored.createdAt = current.createdAt
        stored.updatedAt = max(now, current.updatedAt)
        stored.version = current.version + 1
        return stored
    }
}

/// The shape agents and webhooks share on PostgreSQL: a record inserted at
/// version 1, and a save checked against the locked row.
extension PostgresBackend {
    /// Inserts `record` as its first version, after `check` (unique names and what it refers to).
    func insertFirstVersion<Record: VersionedRecord>(
        _ record: Record, check: (PostgresTransaction, Record) throws(StoreError) -> Void,
        insert: (Record, PostgresTransaction) throws(StoreError) -> Void
    ) throws(StoreError) -> Record {
        try write { run throws(StoreError) in
            let stored = record.firstVersion
            try check(run, stored)
            try insert(stored, run)
            return stored
        }
    }

    /// Saves `record` over the stored row in one transaction. `current` reads
    /// the row with a lock (`FOR UPDATE`), so the version check and the write
    /// are one step across processes: a concurrent save waits, then sees the
    /// new version and is refused with `conflict`. `keep` carries over what a
    /// save never changes (an agent's default flag); `update` writes the row.
    func saveNextVersion<Record: VersionedRecord>(
        _ record: Record, now: Date,
        current: (PostgresTransaction) throws(StoreError) -> Record?,
        missing: () -> StoreError, conflict: (Record) -> StoreError,
        check: (PostgresTransaction, Record) throws(StoreError) -> Void,
        keep: (inout Record, Record) -> Void = { _, _ in },
        update: (Record, PostgresTransaction) throws(StoreError) -> Void
    ) throws(StoreError) -> Record {
        try write { run throws(StoreError) in
            guard let current = try current(run) else { throw missing() }
            guard current.version == record.version else { throw conflict(current) }
            try check(run, record)
            var stored = record.saved(over: current, now: now)
            keep(&stored, current)
            try update(stored, run)
            return stored
        }
    }
}
