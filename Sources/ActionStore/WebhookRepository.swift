import ActionModel
import Foundation
import GRDB

extension ActionStore {
    /// Every webhook, oldest first.
    public func allWebhooks() throws(StoreError) -> [Webhook] {
        if let postgres { return try postgres.allWebhooks() }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT \(WebhookRow.columns) FROM webhook ORDER BY created_at, id").map(WebhookRow.decode)
        }
    }

    public func webhook(id: WebhookID) throws(StoreError) -> Webhook? {
        if let postgres { return try postgres.webhook(id: id) }
        return try read { db in try WebhookRow.fetch(db, id: id) }
    }

    /// By ID or (case-insensitive) label, as the command line takes either.
    public func webhook(reference: String) throws(StoreError) -> Webhook {
        if let postgres {
            guard let found = try postgres.webhook(reference: reference) else { throw .notFound("webhook with ID or label '\(reference)'; `switchboard webhooks list` shows them") }
            return found
        }
        let found: Webhook? = try read { db in
            if let id = WebhookID(reference), let webhook = try WebhookRow.fetch(db, id: id) { return webhook }
            return try Row.fetchOne(db, sql: "SELECT \(WebhookRow.columns) FROM webhook WHERE label = ? COLLATE NOCASE", arguments: [reference])
                .map(WebhookRow.decode)
        }
        guard let found else { throw .notFound("webhook with ID or label '\(reference)'; `switchboard webhooks list` shows them") }
        return found
    }

    /// Stores a new webhook as version 1.
    @discardableResult
    public func insert(_ webhook: Webhook) throws(StoreError) -> Webhook {
        if let postgres { try validate(webhook); return try postgres.insert(webhook) }
        try validate(webhook)
        return try write { db in
            var stored = webhook
            stored.version = 1
            stored.updatedAt = stored.createdAt
            try Self.checkLabel(db, stored)
            try db.execute(sql: "INSERT INTO webhook (\(WebhookRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: WebhookRow.arguments(stored))
            return stored
        }
    }

    /// Saves a changed webhook; `webhook.version` must be the version read, so
    /// a change made elsewhere in the meantime is refused, never overwritten.
    @discardableResult
    public func update(_ webhook: Webhook, now: Date = Date()) throws(StoreError) -> Webhook {
        if let postgres { try validate(webhook); return try postgres.update(webhook, now: now) }
        try validate(webhook)
        return try write { db in
            guard let current = try WebhookRow.fetch(db, id: webhook.id) else {
                throw StoreError.notFound("webhook '\(webhook.label)' (it was deleted)")
            }
            guard current.version == webhook.version else {
                throw StoreError.webhookConflict(label: current.label, currentVersion: current.version)
            }
            try Self.checkLabel(db, webhook)
            var stored = webhook
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try db.execute(
                sql: "UPDATE webhook SET label = ?, url = ?, events = ?, secret_name = ?, enabled = ?, updated_at = ?, version = ? WHERE id = ?",
                arguments: [stored.label, stored.url, WebhookRow.eventsText(stored.events), stored.secretName, stored.isEnabled,
                            stored.updatedAt.timeIntervalSince1970, stored.version, stored.id.rawValue])
            return stored
        }
    }

    /// Deletes the webhook and its delivery log (pending deliveries are dropped with it).
    public func delete(webhook: Webhook) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.delete(webhook: webhook) }
        return try write { db in try db.execute(sql: "DELETE FROM webhook WHERE id = ?", arguments: [webhook.id.rawValue]) }
    }

    private func validate(_ webhook: Webhook) throws(StoreError) {
        try failIfReadOnly()
        let problems = webhook.issues
        if !problems.isEmpty { throw .webhookInvalid(problems) }
    }

    static func checkLabel(_ db: Database, _ webhook: Webhook) throws {
        if let other = try String.fetchOne(db, sql: "SELECT id FROM webhook WHERE label = ? COLLATE NOCASE AND id != ?",
                                           arguments: [webhook.label, webhook.id.rawValue]) {
            throw StoreError.webhookInvalid(["Label: a webhook labelled '\(webhook.label)' already exists (\(other)); pick another label"])
        }
    }
}

enum WebhookRow {
    static let columns = "id, label, url, events, secret_name, enabled, created_at, updated_at, version"

    static func fetch(_ db: Database, id: WebhookID) throws -> Webhook? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM webhook WHERE id = ?", arguments: [id.rawValue]).map(decode)
    }

    static func eventsText(_ events: [WebhookEventType]) -> String {
        JSONValue.array(events.map { .string($0.rawValue) }).compactText
    }

    static func arguments(_ webhook: Webhook) -> StatementArguments {
        [webhook.id.rawValue, webhook.label, webhook.url, eventsText(webhook.events), webhook.secretName, webhook.isEnabled,
         webhook.createdAt.timeIntervalSince1970, webhook.updatedAt.timeIntervalSince1970, webhook.version]
    }

    static func decode(_ row: Row) throws -> Webhook {
        let idText: String = row[0]
        guard let id = WebhookID(idText) else { throw StoreError.corrupt(path: "", detail: "webhook row has an unknown id '\(idText)'") }
        let eventsText: String = row[3]
        // An event name this version doesn't know (a newer Switchboard wrote it) is skipped, not fatal.
        let events = (try? JSONValue(parsing: eventsText))?.arrayValue?.compactMap { $0.stringValue.flatMap(WebhookEventType.init) } ?? []
        return Webhook(id: id, label: row[1], url: row[2], events: events, secretName: row[4], isEnabled: row[5],
                       createdAt: Date(timeIntervalSince1970: row[6]), updatedAt: Date(timeIntervalSince1970: row[7]), version: row[8])
    }
}
