import ActionModel
import Foundation
import GRDB

/// Reads for a delivery log on screen: counts per webhook, and how long each
/// delivery's last attempt took, each in one query however many rows there are.
extension ActionStore {
    /// Per webhook: how many of its deliveries are pending and how many failed.
    public func deliveryCounts() throws(StoreError) -> [WebhookID: (pending: Int, failed: Int)] {
        let rows: [(String, String, Int)] = try postgres != nil ? postgres!.deliveryCountRows() : read { db in
            try Row.fetchAll(db, sql: """
                SELECT webhook_id, status, count(*) FROM webhook_delivery WHERE status IN ('pending', 'failed') GROUP BY webhook_id, status
                """).map { ($0[0], $0[1], $0[2]) }
        }
        var counts: [WebhookID: (pending: Int, failed: Int)] = [:]
        for (idText, status, count) in rows {
            guard let id = WebhookID(idText) else { continue }
            var entry = counts[id] ?? (0, 0)
            if status == "pending" { entry.pending = count } else { entry.failed = count }
            counts[id] = entry
        }
        return counts
    }

    /// The duration of each delivery's latest attempt, for those that have one.
    public func lastAttemptDurations(for ids: [DeliveryID]) throws(StoreError) -> [DeliveryID: Double] {
        if let postgres { return ids.isEmpty ? [:] : try postgres.lastAttemptDurations(for: ids) }
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var durations: [DeliveryID: Double] = [:]
            // In slices, to stay under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let slice = ids[start..<min(ids.count, start + 500)]
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT a.delivery_id, a.duration_ms FROM webhook_delivery_attempt a
                    WHERE a.delivery_id IN (\(marks))
                      AND a.number = (SELECT max(number) FROM webhook_delivery_attempt b WHERE b.delivery_id = a.delivery_id)
                    """, arguments: StatementArguments(slice.map(\.rawValue)))
                for row in rows {
                    let idText: String = row[0]
                    if let id = DeliveryID(idText) { durations[id] = row[1] }
                }
            }
            return durations
        }
    }
}
