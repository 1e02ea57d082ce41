import GRDB

/// "v4-webhooks": webhooks, their deliveries (the queue and the log in one
/// table) and every attempt. Touches no other table.
enum WebhookMigration {
    static func migrate(_ db: Database) throws {
        try db.create(table: "webhook") { table in
            table.primaryKey("id", .text)
            table.column("label", .text).notNull().unique(onConflict: .abort).collate(.nocase)
            table.column("url", .text).notNull()
            // JSON array of event names, e.g. ["call_connected","call_ended"].
            table.column("events", .text).notNull()
            // The NAME of the signing secret; its value lives wherever secrets live, never here.
            table.column("secret_name", .text)
            table.column("enabled", .boolean).notNull().defaults(to: true)
            table.column("created_at", .double).notNull()
            table.column("updated_at", .double).notNull()
            table.column("version", .integer).notNull()
        }
        try db.create(table: "webhook_delivery") { table in
            table.primaryKey("id", .text)
            table.column("webhook_id", .text).notNull().references("webhook", onDelete: .cascade)
            // The order deliveries leave in, per webhook; `resend` moves one to the end.
            table.column("queue_order", .integer).notNull()
            table.column("event", .text).notNull()
            table.column("call_id", .text)
            table.column("created_at", .double).notNull()
            table.column("body", .text).notNull()  // the exact bytes POSTed
            table.column("status", .text).notNull()  // pending | delivered | failed
            table.column("attempt_count", .integer).notNull().defaults(to: 0)
            table.column("max_retries", .integer).notNull()
            table.column("round_start", .integer).notNull().defaults(to: 0)
            table.column("next_attempt_at", .double)
            table.column("last_status_code", .integer)
            table.column("last_error", .text)
            table.column("updated_at", .double).notNull()
            // Which running dispatcher is sending it, until when: two processes
            // on one store never send the same delivery at once, and a crashed
            // one's claim runs out.
            table.column("claimed_by", .text)
            table.column("claimed_until", .double)
        }
        try db.create(index: "webhook_delivery_queue", on: "webhook_delivery", columns: ["webhook_id", "status", "queue_order"])
        try db.create(index: "webhook_delivery_call", on: "webhook_delivery", columns: ["call_id"])
        try db.create(table: "webhook_delivery_attempt") { table in
            table.column("delivery_id", .text).notNull().references("webhook_delivery", onDelete: .cascade)
            table.column("number", .integer).notNull()
            table.column("started_at", .double).notNull()
            table.column("duration_ms", .double).notNull()
            table.column("status_code", .integer)
            table.column("error", .text)
            table.column("outcome", .text).notNull()  // delivered | retrying | failed
            table.primaryKey(["delivery_id", "number"])
        }
    }
}
