import GRDB

/// The store's schema, one migration per version. Never edit a migration that
/// has shipped: add the next one (agents, calls, webhooks and secrets will).
enum StoreMigrations {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-actions") { db in
            try db.execute(sql: "PRAGMA application_id = \(ActionStore.applicationID)")
            try db.create(table: "action") { table in
                table.primaryKey("id", .text)
                table.column("kind", .text).notNull()
                table.column("name", .text).notNull()
                table.column("function_name", .text).notNull().unique()
                table.column("description", .text).notNull()
                // JSON: {"type":"function_call"} or {"type":"phrases","phrases":[…]}
                table.column("trigger", .text).notNull()
                // JSON: the kind's settings (ActionDocument.configurationJSON, secrets included)
                table.column("configuration", .text).notNull()
                // Copied out of the configuration so lists load without decoding it.
                table.column("phone_number", .text)
                table.column("url", .text)
                table.column("created_at", .double).notNull()  // seconds since 1970, UTC
                table.column("updated_at", .double).notNull()
                table.column("version", .integer).notNull()
            }
            // IDs of deleted actions, so an ID is never handed out twice.
            try db.create(table: "retired_action_id") { table in
                table.primaryKey("id", .text)
                table.column("retired_at", .double).notNull()
            }
        }
        return migrator
    }()
}
