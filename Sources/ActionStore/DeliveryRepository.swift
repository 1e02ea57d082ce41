import ActionModel
import Foundation
import GRDB

/// The webhook delivery queue and log. A delivery is written `pending` before
/// anything is sent, so a quit or a crash loses none; the dispatcher then
/// claims the head of each webhook's queue, records every attempt, and marks
/// it `delivered` or `failed`.
extension ActionStore {
    // MARK: Enqueue and claim

    /// Stores new deliveries as `pending`, at the end of their webhooks' queues, in one transaction.
    public func enqueue(_ deliveries: [WebhookDelivery]) throws(StoreError) {
        guard !deliveries.isEmpty else { return }
        if let postgres { try failIfReadOnly(); return try postgres.enqueue(deliveries) }
        return try write { db in
            var order = try Int64.fetchOne(db, sql: "SELECT coalesce(max(queue_order), 0) FROM webhook_delivery") ?? 0
            for delivery in deliveries {
                order += 1
                try db.execute(sql: "INSERT INTO webhook_delivery (\(DeliveryRow.columns), queue_order) VALUES (\(DeliveryRow.placeholders), ?)",
                               arguments: DeliveryRow.arguments(delivery) + [order])
            }
        }
    }

    /// The webhooks that have deliveries waiting, for resuming after a start.
    public func webhooksWithPendingDeliveries() throws(StoreError) -> [WebhookID] {
        if let postgres { return try postgres.webhooksWithPendingDeliveries() }
        return try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT webhook_id FROM webhook_delivery WHERE status = 'pending' ORDER BY webhook_id")
                .compactMap(WebhookID.init)
        }
    }

    /// Claims the first pending delivery of `webhook` for `owner` until
    /// `until`, with the webhook as it is now. nil when there is none, or when
    /// another live dispatcher holds it (the queue's order is kept by never
    /// skipping the head).
    public func claimNextDelivery(webhook: WebhookID, owner: String, until: Date, now: Date = Date())
        throws(StoreError) -> (WebhookDelivery, Webhook)?
    {
        if let postgres { try failIfReadOnly(); return try postgres.claimNextDelivery(webhook: webhook, owner: owner, until: until, now: now) }
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(DeliveryRow.columns), claimed_by, claimed_until FROM webhook_delivery
                WHERE webhook_id = ? AND status = 'pending' ORDER BY queue_order LIMIT 1
                """, arguments: [webhook.rawValue]),
                let hook = try WebhookRow.fetch(db, id: webhook)
            else { return nil }
            let claimedBy: String? = row[DeliveryRow.columnCount]
            let claimedUntil: Double? = row[DeliveryRow.columnCount + 1]
            // A claim held by a process that has stopped (kill -9) is taken over now.
            if let claimedBy, claimedBy != owner, let claimedUntil, claimedUntil > now.timeIntervalSince1970,
               !ClaimOwner.hasStopped(claimedBy) { return nil }
            let delivery = try DeliveryRow.decode(row)
            try db.execute(sql: "UPDATE webhook_delivery SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                           arguments: [owner, until.timeIntervalSince1970, delivery.id.rawValue])
            return (delivery, hook)
        }
    }

    /// Logs an attempt and saves where the delivery stands after it (status,
    /// counts, next retry), in one transaction. Returns the delivery as saved.
    @discardableResult
    public func record(_ attempt: DeliveryAttempt, nextAttemptAt: Date? = nil) throws(StoreError) -> WebhookDelivery {
        try failIfReadOnly()
        let found: WebhookDelivery? = try postgres != nil ? postgres!.record(attempt, nextAttemptAt: nextAttemptAt) : write { db in
            try db.execute(sql: """
                INSERT INTO webhook_delivery_attempt (delivery_id, number, started_at, duration_ms, status_code, error, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [attempt.deliveryID.rawValue, attempt.number, attempt.startedAt.timeIntervalSince1970,
                                 attempt.durationMilliseconds, attempt.statusCode, attempt.error, attempt.outcome.rawValue])
            let status: WebhookDelivery.Status = switch attempt.outcome {
            case .delivered: .delivered
            case .retrying: .pending
            case .failed: .failed
            }
            let finished = status != .pending
            try db.execute(sql: """
                UPDATE webhook_delivery SET status = ?, attempt_count = ?, next_attempt_at = ?, last_status_code = ?, last_error = ?,
                  updated_at = ?, claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END,
                  claimed_until = CASE WHEN ? THEN NULL ELSE claimed_until END
                WHERE id = ?
                """, arguments: [status.rawValue, attempt.number, nextAttemptAt?.timeIntervalSince1970, attempt.statusCode, attempt.error,
                                 Date().timeIntervalSince1970, finished, finished, attempt.deliveryID.rawValue])
            return try DeliveryRow.fetch(db, id: attempt.deliveryID)
        }
        guard let found else { throw .notFound("webhook delivery '\(attempt.deliveryID)' (its webhook was deleted)") }
        return found
    }

    /// Pending deliveries another live process is sending now: how many, the
    /// PIDs holding them, and when the last claim runs out. For messages.
    public func deliveriesClaimedElsewhere(now: Date = Date()) throws(StoreError) -> (count: Int, pids: [Int32], until: Date?) {
        let rows: [(String, Double)] = try postgres != nil ? postgres!.claimsHeldElsewhere(now: now) : read { db in
            try Row.fetchAll(db, sql: """
                SELECT claimed_by, claimed_until FROM webhook_delivery
                WHERE status = 'pending' AND claimed_by IS NOT NULL AND claimed_until > ?
                """, arguments: [now.timeIntervalSince1970]).map { ($0[0], $0[1]) }
        }
        var count = 0
        var pids = Set<Int32>()
        var latest: Double?
        for (claimedBy, until) in rows {
            if ClaimOwner.hasStopped(claimedBy) { continue }
            count += 1
            if let pid = ClaimOwner.pid(claimedBy) { pids.insert(pid) }
            latest = max(latest ?? until, until)
        }
        return (count, pids.sorted(), latest.map { Date(timeIntervalSince1970: $0) })
    }

    /// Hands back every claim `owner` holds (a dispatcher that stops), so the
    /// next start sends those deliveries at once instead of waiting for the claims to run out.
    public func releaseClaims(owner: String) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.releaseClaims(owner: owner) }
        return try write { db in
            try db.execute(sql: "UPDATE webhook_delivery SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?", arguments: [owner])
        }
    }

    /// Puts a failed delivery back at the end of its webhook's queue for a new
    /// round of attempts (same delivery ID and body, so receivers can tell it is a repeat).
    @discardableResult
    public func resendDelivery(_ id: DeliveryID, now: Date = Date()) throws(StoreError) -> WebhookDelivery {
        if let postgres { try failIfReadOnly(); return try postgres.resendDelivery(id, now: now) }
        return try write { db in
            guard let delivery = try DeliveryRow.fetch(db, id: id) else {
                throw StoreError.notFound("webhook delivery '\(id)'; `switchboard webhooks deliveries` shows them")
            }
            guard delivery.status == .failed else {
                throw StoreError.webhookInvalid([delivery.status == .pending
                    ? "delivery \(id) is still pending; it will be sent (or fail) on its own"
                    : "delivery \(id) was already delivered; only failed deliveries can be re-sent"])
            }
            let order = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(queue_order), 0) FROM webhook_delivery") ?? 0) + 1
            try db.execute(sql: """
                UPDATE webhook_delivery SET status = 'pending', round_start = attempt_count, queue_order = ?, next_attempt_at = NULL,
                  updated_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?
                """, arguments: [order, now.timeIntervalSince1970, id.rawValue])
            return try DeliveryRow.fetch(db, id: id) ?? delivery
        }
    }

    // MARK: The log

    public func delivery(id: DeliveryID) throws(StoreError) -> WebhookDelivery? {
        if let postgres { return try postgres.delivery(id: id) }
        return try read { db in try DeliveryRow.fetch(db, id: id) }
    }

    /// Deliveries newest first, for one webhook and/or one call (nil: any), at most `limit`.
    public func deliveries(webhook: WebhookID? = nil, callID: String? = nil, status: WebhookDelivery.Status? = nil, limit: Int = 200)
        throws(StoreError) -> [WebhookDelivery]
    {
        if let postgres { return try postgres.deliveries(webhook: webhook, callID: callID, status: status, limit: limit) }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let webhook { conditions.append("webhook_id = ?"); arguments += [webhook.rawValue] }
        if let callID { conditions.append("call_id = ?"); arguments += [callID] }
        if let status { conditions.append("status = ?"); arguments += [status.rawValue] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [limit]
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT \(DeliveryRow.columns) FROM webhook_delivery \(filter) ORDER BY queue_order DESC LIMIT ?",
                             arguments: arguments).map(DeliveryRow.decode)
        }
    }

    /// How many deliveries are pending (for one webhook, or all).
    public func pendingDeliveryCount(webhook: WebhookID? = nil) throws(StoreError) -> Int {
        if let postgres { return try postgres.pendingDeliveryCount(webhook: webhook) }
        return try read { db in
            if let webhook {
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM webhook_delivery WHERE status = 'pending' AND webhook_id = ?",
                                        arguments: [webhook.rawValue]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM webhook_delivery WHERE status = 'pending'") ?? 0
        }
    }

    /// A delivery's attempts, first to last.
    public func attempts(for id: DeliveryID) throws(StoreError) -> [DeliveryAttempt] {
        if let postgres { return try postgres.attempts(for: id) }
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT delivery_id, number, started_at, duration_ms, status_code, error, outcome FROM webhook_delivery_attempt
                WHERE delivery_id = ? ORDER BY number
                """, arguments: [id.rawValue]).map { row in
                    DeliveryAttempt(deliveryID: id, number: row[1], startedAt: Date(timeIntervalSince1970: row[2]), durationMilliseconds: row[3],
                                    statusCode: row[4], error: row[5], outcome: DeliveryAttempt.Outcome(rawValue: row[6]) ?? .failed)
                }
        }
    }
}

enum DeliveryRow {
    static let columns = """
        id, webhook_id, event, call_id, created_at, body, status, attempt_count, max_retries, round_start, next_attempt_at, \
        last_status_code, last_error, updated_at
        """
    static let columnCount = 14
    static let placeholders = Array(repeating: "?", count: columnCount).joined(separator: ", ")

    static func fetch(_ db: Database, id: DeliveryID) throws -> WebhookDelivery? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM webhook_delivery WHERE id = ?", arguments: [id.rawValue]).map(decode)
    }

    static func arguments(_ delivery: WebhookDelivery) -> StatementArguments {
        [delivery.id.rawValue, delivery.webhookID.rawValue, delivery.event.rawValue, delivery.callID, delivery.createdAt.timeIntervalSince1970,
         delivery.body, delivery.status.rawValue, delivery.attemptCount, delivery.maxRetries, delivery.roundStart,
         delivery.nextAttemptAt?.timeIntervalSince1970, delivery.lastStatusCode, delivery.lastError, delivery.updatedAt.timeIntervalSince1970]
    }

    static func decode(_ row: Row) throws -> WebhookDelivery {
        let idText: String = row[0]
        let webhookText: String = row[1]
        let eventText: String = row[2]
        guard let id = DeliveryID(idText), let webhookID = WebhookID(webhookText) else {
            throw StoreError.corrupt(path: "", detail: "webhook delivery row has an unknown id '\(idText)'")
        }
        let next: Double? = row[10]
        return WebhookDelivery(
            id: id, webhookID: webhookID, event: WebhookEventType(rawValue: eventText) ?? .test, callID: row[3],
            createdAt: Date(timeIntervalSince1970: row[4]), body: row[5], status: WebhookDelivery.Status(rawValue: row[6]) ?? .failed,
            attemptCount: row[7], maxRetries: row[8], roundStart: row[9], nextAttemptAt: next.map(Date.init(timeIntervalSince1970:)),
            lastStatusCode: row[11], lastError: row[12], updatedAt: Date(timeIntervalSince1970: row[13]))
    }
}
