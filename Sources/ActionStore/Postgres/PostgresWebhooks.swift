import ActionModel
import Foundation
import PostgresNIO

/// `WebhookRepository.swift`, `DeliveryRepository.swift` and
/// `DeliveryLogQueries.swift` on PostgreSQL: one delivery queue that many
/// processes (consoles, `simulate` runs) drain together.
extension PostgresBackend {
    typealias WebhookColumns = (String, String, String, String, String?, Bool, Double, Double, Int)

    func decodeWebhook(_ c: WebhookColumns) throws(StoreError) -> Webhook {
        guard let id = WebhookID(c.0) else { throw .corrupt(path: path, detail: "webhook row has an unknown id '\(c.0)'") }
        // An event name this version doesn't know (a newer Switchboard wrote it) is skipped, not fatal.
        let events = (try? JSONValue(parsing: c.3))?.arrayValue?.compactMap { $0.stringValue.flatMap(WebhookEventType.init) } ?? []
        return Webhook(id: id, label: c.1, url: c.2, events: events, secretName: c.4, isEnabled: c.5,
                       createdAt: Date(timeIntervalSince1970: c.6), updatedAt: Date(timeIntervalSince1970: c.7), version: c.8)
    }

    func webhooks(_ condition: PostgresQuery, _ run: PostgresTransaction) throws(StoreError) -> [Webhook] {
        var query: PostgresQuery = "SELECT \(unescaped: WebhookRow.columns) FROM webhook "
        query.sql += condition.sql
        query.binds = condition.binds
        var found: [Webhook] = []
        for row in try run.fetch(query, as: WebhookColumns.self) { found.append(try decodeWebhook(row)) }
        return found
    }

    func allWebhooks() throws(StoreError) -> [Webhook] {
        try read { run throws(StoreError) in try webhooks("ORDER BY created_at, id", run) }
    }

    func webhook(id: WebhookID) throws(StoreError) -> Webhook? {
        try read { run throws(StoreError) in try webhooks("WHERE id = \(id.rawValue)", run).first }
    }

    func webhook(reference: String) throws(StoreError) -> Webhook? {
        try read { run throws(StoreError) in
            if let id = WebhookID(reference), let found = try webhooks("WHERE id = \(id.rawValue)", run).first { return found }
            return try webhooks("WHERE lower(label) = lower(\(reference))", run).first
        }
    }

    func insert(_ webhook: Webhook) throws(StoreError) -> Webhook {
        try write { run throws(StoreError) in
            var stored = webhook
            stored.version = 1
            stored.updatedAt = stored.createdAt
            try checkLabel(run, stored)
            try insertWebhookRow(stored, run)
            return stored
        }
    }

    func insertWebhookRow(_ webhook: Webhook, _ run: PostgresTransaction) throws(StoreError) {
        try run.execute("""
            INSERT INTO webhook (\(unescaped: WebhookRow.columns)) VALUES (\(webhook.id.rawValue), \(webhook.label), \(webhook.url),
              \(WebhookRow.eventsText(webhook.events)), \(webhook.secretName), \(webhook.isEnabled), \(webhook.createdAt.timeIntervalSince1970),
              \(webhook.updatedAt.timeIntervalSince1970), \(webhook.version))
            """)
    }

    func update(_ webhook: Webhook, now: Date) throws(StoreError) -> Webhook {
        try write { run throws(StoreError) in
            guard let current = try webhooks("WHERE id = \(webhook.id.rawValue) FOR UPDATE", run).first else {
                throw StoreError.notFound("webhook '\(webhook.label)' (it was deleted)")
            }
            guard current.version == webhook.version else {
                throw StoreError.webhookConflict(label: current.label, currentVersion: current.version)
            }
            try checkLabel(run, webhook)
            var stored = webhook
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try run.execute("""
                UPDATE webhook SET label = \(stored.label), url = \(stored.url), events = \(WebhookRow.eventsText(stored.events)),
                  secret_name = \(stored.secretName), enabled = \(stored.isEnabled), updated_at = \(stored.updatedAt.timeIntervalSince1970),
                  version = \(stored.version) WHERE id = \(stored.id.rawValue)
                """)
            return stored
        }
    }

    func delete(webhook: Webhook) throws(StoreError) {
        _ = try write { run throws(StoreError) in try run.execute("DELETE FROM webhook WHERE id = \(webhook.id.rawValue)") }
    }

    func checkLabel(_ run: PostgresTransaction, _ webhook: Webhook) throws(StoreError) {
        if let other = try run.scalar("SELECT id FROM webhook WHERE lower(label) = lower(\(webhook.label)) AND id <> \(webhook.id.rawValue)", as: String.self) {
            throw StoreError.webhookInvalid(["Label: a webhook labelled '\(webhook.label)' already exists (\(other)); pick another label"])
        }
    }

    // MARK: Deliveries

    typealias DeliveryColumns = (String, String, String, String?, Double, String, String, Int, Int, Int, Double?, Int?, String?, Double)

    func decodeDelivery(_ c: DeliveryColumns) throws(StoreError) -> WebhookDelivery {
        guard let id = DeliveryID(c.0), let webhookID = WebhookID(c.1) else {
            throw .corrupt(path: path, detail: "webhook delivery row has an unknown id '\(c.0)'")
        }
        return WebhookDelivery(
            id: id, webhookID: webhookID, event: WebhookEventType(rawValue: c.2) ?? .test, callID: c.3,
            createdAt: Date(timeIntervalSince1970: c.4), body: c.5, status: WebhookDelivery.Status(rawValue: c.6) ?? .failed,
            attemptCount: c.7, maxRetries: c.8, roundStart: c.9, nextAttemptAt: c.10.map(Date.init(timeIntervalSince1970:)),
            lastStatusCode: c.11, lastError: c.12, updatedAt: Date(timeIntervalSince1970: c.13))
    }

    func deliveries(_ condition: PostgresQuery, _ run: PostgresTransaction) throws(StoreError) -> [WebhookDelivery] {
        var query: PostgresQuery = "SELECT \(unescaped: DeliveryRow.columns) FROM webhook_delivery "
        query.sql += condition.sql
        query.binds = condition.binds
        var found: [WebhookDelivery] = []
        for row in try run.fetch(query, as: DeliveryColumns.self) { found.append(try decodeDelivery(row)) }
        return found
    }

    /// The sequence hands out queue positions, so two processes enqueueing at once never share one.
    func enqueue(_ deliveries: [WebhookDelivery]) throws(StoreError) {
        try write { run throws(StoreError) in
            for delivery in deliveries { try insertDeliveryRow(delivery, queueOrder: nil, run) }
        }
    }

    func insertDeliveryRow(_ d: WebhookDelivery, queueOrder: Int64?, _ run: PostgresTransaction) throws(StoreError) {
        try run.execute("""
            INSERT INTO webhook_delivery (\(unescaped: DeliveryRow.columns), queue_order)
            VALUES (\(d.id.rawValue), \(d.webhookID.rawValue), \(d.event.rawValue), \(d.callID), \(d.createdAt.timeIntervalSince1970), \(d.body),
              \(d.status.rawValue), \(d.attemptCount), \(d.maxRetries), \(d.roundStart), \(d.nextAttemptAt?.timeIntervalSince1970),
              \(d.lastStatusCode), \(d.lastError), \(d.updatedAt.timeIntervalSince1970),
              coalesce(\(queueOrder), nextval('webhook_delivery_queue_order')))
            """)
    }

    func webhooksWithPendingDeliveries() throws(StoreError) -> [WebhookID] {
        try read { run throws(StoreError) in
            try run.column("SELECT DISTINCT webhook_id FROM webhook_delivery WHERE status = 'pending' ORDER BY webhook_id", as: String.self)
                .compactMap(WebhookID.init)
        }
    }

    /// The head of the webhook's queue, locked `FOR UPDATE SKIP LOCKED`: when
    /// another process is claiming that very row right now this returns nil at
    /// once instead of waiting, and never hands out the row behind it (which
    /// would break the webhook's order). A claim held by a live process is
    /// respected until it runs out, as on SQLite.
    func claimNextDelivery(webhook: WebhookID, owner: String, until: Date, now: Date) throws(StoreError) -> (WebhookDelivery, Webhook)? {
        try write { run throws(StoreError) in
            guard let headID = try run.scalar("""
                SELECT id FROM webhook_delivery WHERE webhook_id = \(webhook.rawValue) AND status = 'pending' ORDER BY queue_order LIMIT 1
                """, as: String.self)
            else { return nil }
            guard let head = try run.fetchOne("""
                SELECT \(unescaped: DeliveryRow.columns), claimed_by, claimed_until FROM webhook_delivery
                WHERE id = \(headID) AND status = 'pending' FOR UPDATE SKIP LOCKED
                """, as: (String, String, String, String?, Double, String, String, Int, Int, Int, Double?, Int?, String?, Double, String?, Double?).self),
                let hook = try webhooks("WHERE id = \(webhook.rawValue)", run).first
            else { return nil }
            if let claimedBy = head.14, claimedBy != owner, let claimedUntil = head.15, claimedUntil > now.timeIntervalSince1970,
               !ClaimOwner.hasStopped(claimedBy) { return nil }
            let delivery = try decodeDelivery((head.0, head.1, head.2, head.3, head.4, head.5, head.6, head.7, head.8, head.9, head.10, head.11, head.12, head.13))
            try run.execute("UPDATE webhook_delivery SET claimed_by = \(owner), claimed_until = \(until.timeIntervalSince1970) WHERE id = \(headID)")
            return (delivery, hook)
        }
    }

    func record(_ attempt: DeliveryAttempt, nextAttemptAt: Date?) throws(StoreError) -> WebhookDelivery? {
        try write { run throws(StoreError) in
            guard try run.scalar("SELECT 1 FROM webhook_delivery WHERE id = \(attempt.deliveryID.rawValue)", as: Int32.self) != nil else { return nil }
            try run.execute("""
                INSERT INTO webhook_delivery_attempt (delivery_id, number, started_at, duration_ms, status_code, error, outcome)
                VALUES (\(attempt.deliveryID.rawValue), \(attempt.number), \(attempt.startedAt.timeIntervalSince1970),
                  \(attempt.durationMilliseconds), \(attempt.statusCode), \(attempt.error), \(attempt.outcome.rawValue))
                """)
            let status: WebhookDelivery.Status = switch attempt.outcome {
            case .delivered: .delivered
            case .retrying: .pending
            case .failed: .failed
            }
            let finished = status != .pending
            try run.execute("""
                UPDATE webhook_delivery SET status = \(status.rawValue), attempt_count = \(attempt.number),
                  next_attempt_at = \(nextAttemptAt?.timeIntervalSince1970), last_status_code = \(attempt.statusCode), last_error = \(attempt.error),
                  updated_at = \(Date().timeIntervalSince1970),
                  claimed_by = CASE WHEN \(finished) THEN NULL ELSE claimed_by END,
                  claimed_until = CASE WHEN \(finished) THEN NULL ELSE claimed_until END
                WHERE id = \(attempt.deliveryID.rawValue)
                """)
            return try deliveries("WHERE id = \(attempt.deliveryID.rawValue)", run).first
        }
    }

    func claimsHeldElsewhere(now: Date) throws(StoreError) -> [(String, Double)] {
        try read { run throws(StoreError) in
            try run.fetch("""
                SELECT claimed_by, claimed_until FROM webhook_delivery
                WHERE status = 'pending' AND claimed_by IS NOT NULL AND claimed_until > \(now.timeIntervalSince1970)
                """, as: (String, Double).self)
        }
    }

    func releaseClaims(owner: String) throws(StoreError) {
        _ = try write { run throws(StoreError) in
            try run.execute("UPDATE webhook_delivery SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = \(owner)")
        }
    }

    func resendDelivery(_ id: DeliveryID, now: Date) throws(StoreError) -> WebhookDelivery {
        try write { run throws(StoreError) in
            guard let delivery = try deliveries("WHERE id = \(id.rawValue) FOR UPDATE", run).first else {
                throw StoreError.notFound("webhook delivery '\(id)'; `switchboard webhooks deliveries` shows them")
            }
            guard delivery.status == .failed else {
                throw StoreError.webhookInvalid([delivery.status == .pending
                    ? "delivery \(id) is still pending; it will be sent (or fail) on its own"
                    : "delivery \(id) was already delivered; only failed deliveries can be re-sent"])
            }
            try run.execute("""
                UPDATE webhook_delivery SET status = 'pending', round_start = attempt_count, queue_order = nextval('webhook_delivery_queue_order'),
                  next_attempt_at = NULL, updated_at = \(now.timeIntervalSince1970), claimed_by = NULL, claimed_until = NULL WHERE id = \(id.rawValue)
                """)
            return try deliveries("WHERE id = \(id.rawValue)", run).first ?? delivery
        }
    }

    func delivery(id: DeliveryID) throws(StoreError) -> WebhookDelivery? {
        try read { run throws(StoreError) in try deliveries("WHERE id = \(id.rawValue)", run).first }
    }

    func deliveries(webhook: WebhookID?, callID: String?, status: WebhookDelivery.Status?, limit: Int) throws(StoreError) -> [WebhookDelivery] {
        try read { run throws(StoreError) in
            // NULL parameters match anything, so the statement is one fixed text with binds.
            try deliveries("""
                WHERE (\(webhook?.rawValue)::text IS NULL OR webhook_id = \(webhook?.rawValue))
                  AND (\(callID)::text IS NULL OR call_id = \(callID))
                  AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue))
                ORDER BY queue_order DESC LIMIT \(limit)
                """, run)
        }
    }

    func pendingDeliveryCount(webhook: WebhookID?) throws(StoreError) -> Int {
        try read { run throws(StoreError) in
            try run.scalar("""
                SELECT count(*) FROM webhook_delivery WHERE status = 'pending'
                  AND (\(webhook?.rawValue)::text IS NULL OR webhook_id = \(webhook?.rawValue))
                """, as: Int.self) ?? 0
        }
    }

    func attempts(for id: DeliveryID) throws(StoreError) -> [DeliveryAttempt] {
        try read { run throws(StoreError) in
            try run.fetch("""
                SELECT number, started_at, duration_ms, status_code, error, outcome FROM webhook_delivery_attempt
                WHERE delivery_id = \(id.rawValue) ORDER BY number
                """, as: (Int, Double, Double, Int?, String?, String).self).map { row in
                    DeliveryAttempt(deliveryID: id, number: row.0, startedAt: Date(timeIntervalSince1970: row.1), durationMilliseconds: row.2,
                                    statusCode: row.3, error: row.4, outcome: DeliveryAttempt.Outcome(rawValue: row.5) ?? .failed)
                }
        }
    }

    func deliveryCountRows() throws(StoreError) -> [(String, String, Int)] {
        try read { run throws(StoreError) in
            try run.fetch("""
                SELECT webhook_id, status, count(*) FROM webhook_delivery WHERE status IN ('pending', 'failed') GROUP BY webhook_id, status
                """, as: (String, String, Int).self)
        }
    }

    func lastAttemptDurations(for ids: [DeliveryID]) throws(StoreError) -> [DeliveryID: Double] {
        try read { run throws(StoreError) in
            var durations: [DeliveryID: Double] = [:]
            let rows = try run.fetch("""
                SELECT DISTINCT ON (delivery_id) delivery_id, duration_ms FROM webhook_delivery_attempt
                WHERE delivery_id = ANY(\(ids.map(\.rawValue))) ORDER BY delivery_id, number DESC
                """, as: (String, Double).self)
            for row in rows { if let id = DeliveryID(row.0) { durations[id] = row.1 } }
            return durations
        }
    }
}
