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
        let query = PostgresQuery(unsafeSQL: "SELECT \(WebhookRow.columns) FROM webhook " + condition.sql, binds: condition.binds)
        return try run.fetch(query, as: WebhookColumns.self).map(decodeWebhook)
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
        try insertFirstVersion(webhook, check: checkLabel, insert: insertWebhookRow)
    }

    func insertWebhookRow(_ webhook: Webhook, _ run: PostgresTransaction) throws(StoreError) {
        try run.execute("""
            INSERT INTO webhook (\(unescaped: WebhookRow.columns)) VALUES (\(webhook.id.rawValue), \(webhook.label), \(webhook.url),
              \(WebhookRow.eventsText(webhook.events)), \(webhook.secretName), \(webhook.isEnabled), \(webhook.createdAt.timeIntervalSince1970),
              \(webhook.updatedAt.timeIntervalSince1970), \(webhook.version))
            """)
    }

    func update(_ webhook: Webhook, now: Date) throws(StoreError) -> Webhook {
        try saveNextVersion(
            webhook, now: now, current: { run throws(StoreError) in try webhooks("WHERE id = \(webhook.id.rawValue) FOR UPDATE", run).first },
            missing: { .notFound("webhook '\(webhook.label)' (it was deleted)") },
            conflict: { current in .webhookConflict(label: current.label, currentVersion: current.version) },
            check: checkLabel
        ) { stored, run throws(StoreError) in
            try run.execute("""
                UPDATE webhook SET label = \(stored.label), url = \(stored.url), events = \(WebhookRow.eventsText(stored.events)),
                  secret_name = \(stored.secretName), enabled = \(stored.isEnabled), updated_at = \(stored.updatedAt.timeIntervalSince1970),
                  version = \(stored.version) WHERE id = \(stored.id.rawValue)
                """)
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
        let query = PostgresQuery(unsafeSQL: "SELECT \(DeliveryRow.columns) FROM webhook_delivery " + condition.sql, binds: condition.binds)
        return try run.fetch(query, as: DeliveryColumns.self).map(decodeDelivery)
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

    /// `columns` with each name prefixed (`d.id, d.webhook_id, …`), for a statement that joins tables.
    static func qualified(_ columns: String, _ table: String) -> String {
        columns.split(separator: ",").map { table + "." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    }

    typealias ClaimColumns = (
        String, String, String, String?, Double, String, String, Int, Int, Int, Double?, Int?, String?, Double,
        String?, Double?, Bool, String, String, String, String, String?, Bool, Double, Double, Int)

    /// The head of the webhook's queue, locked `FOR UPDATE SKIP LOCKED`: when
    /// another process is claiming that very row right now this returns nil at
    /// once instead of waiting, and never hands out the row behind it (which
    /// would break the webhook's order). A claim held by a live process is
    /// respected until it runs out, as on SQLite.
    ///
    /// One statement, so one round trip (a delivery used to cost six here):
    /// it finds and locks the head, claims it unless another owner's claim
    /// still runs, and returns the delivery as it was, who held it, whether it
    /// is ours now, and its webhook. A claim left by a process that has
    /// stopped (judged here, `ClaimOwner.hasStopped`) is taken over with a
    /// second statement, only if nobody took it meanwhile.
    func claimNextDelivery(webhook: WebhookID, owner: String, until: Date, now: Date) throws(StoreError) -> (WebhookDelivery, Webhook)? {
        try autocommit { run throws(StoreError) in
            guard let row = try run.fetchOne("""
                WITH head AS (
                  SELECT id FROM webhook_delivery WHERE webhook_id = \(webhook.rawValue) AND status = 'pending' ORDER BY queue_order LIMIT 1
                ), locked AS (
                  SELECT \(unescaped: Self.qualified(DeliveryRow.columns, "d")), d.claimed_by, d.claimed_until
                  FROM webhook_delivery d JOIN head ON d.id = head.id
                  WHERE d.status = 'pending' FOR UPDATE OF d SKIP LOCKED
                ), claimed AS (
                  UPDATE webhook_delivery d SET claimed_by = \(owner), claimed_until = \(until.timeIntervalSince1970)
                  FROM locked WHERE d.id = locked.id
                    AND (locked.claimed_by IS NULL OR locked.claimed_by = \(owner) OR locked.claimed_until IS NULL
                         OR locked.claimed_until <= \(now.timeIntervalSince1970))
                  RETURNING d.id
                )
                SELECT \(unescaped: Self.qualified(DeliveryRow.columns, "locked")), locked.claimed_by, locked.claimed_until,
                  EXISTS (SELECT 1 FROM claimed), \(unescaped: Self.qualified(WebhookRow.columns, "w"))
                FROM locked JOIN webhook w ON w.id = locked.webhook_id
                """, as: ClaimColumns.self)
            else { return nil }
            let delivery = try decodeDelivery((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8, row.9, row.10, row.11, row.12, row.13))
            let hook = try decodeWebhook((row.17, row.18, row.19, row.20, row.21, row.22, row.23, row.24, row.25))
            if row.16 { return (delivery, hook) }
            // Held by another owner whose claim still runs: taken over only when that process has stopped.
            guard let heldBy = row.14, ClaimOwner.hasStopped(heldBy) else { return nil }
            let taken = try run.execute("""
                UPDATE webhook_delivery SET claimed_by = \(owner), claimed_until = \(until.timeIntervalSince1970)
                WHERE id = \(delivery.id.rawValue) AND status = 'pending' AND claimed_by = \(heldBy)
                """)
            return taken == 1 ? (delivery, hook) : nil
        }
    }

    /// The attempt logged and the delivery's new state saved in one statement
    /// (one round trip; it used to take six); nil when the delivery is gone
    /// (its webhook was deleted).
    func record(_ attempt: DeliveryAttempt, nextAttemptAt: Date?) throws(StoreError) -> WebhookDelivery? {
        let status: WebhookDelivery.Status = switch attempt.outcome {
        case .delivered: .delivered
        case .retrying: .pending
        case .failed: .failed
        }
        let finished = status != .pending
        let id = attempt.deliveryID.rawValue
        let rows = try autocommit { run throws(StoreError) in
            try run.fetch("""
                WITH attempt AS (
                  INSERT INTO webhook_delivery_attempt (delivery_id, number, started_at, duration_ms, status_code, error, outcome)
                  SELECT id, \(attempt.number)::bigint, \(attempt.startedAt.timeIntervalSince1970)::double precision,
                    \(attempt.durationMilliseconds)::double precision, \(attempt.statusCode)::bigint, \(attempt.error)::text,
                    \(attempt.outcome.rawValue)::text
                  FROM webhook_delivery WHERE id = \(id)
                )
                UPDATE webhook_delivery SET status = \(status.rawValue), attempt_count = \(attempt.number),
                  next_attempt_at = \(nextAttemptAt?.timeIntervalSince1970), last_status_code = \(attempt.statusCode), last_error = \(attempt.error),
                  updated_at = \(Date().timeIntervalSince1970),
                  claimed_by = CASE WHEN \(finished) THEN NULL ELSE claimed_by END,
                  claimed_until = CASE WHEN \(finished) THEN NULL ELSE claimed_until END
                WHERE id = \(id)
                RETURNING \(unescaped: DeliveryRow.columns)
                """, as: DeliveryColumns.self)
        }
        guard let row = rows.first else { return nil }
        return try decodeDelivery(row)
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
