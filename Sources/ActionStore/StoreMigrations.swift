import ActionModel
import Foundation
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
                // Custom Input: the Input Schema's property and required counts.
                table.column("property_count", .integer).notNull().defaults(to: 0)
                table.column("required_count", .integer).notNull().defaults(to: 0)
                // DTMF buttons, End Conversation goodbye, Warm Transfer briefing.
                table.column("detail", .text)
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
        migrator.registerMigration("v2-agents-calls") { db in
            try db.create(table: "agent") { table in
                table.primaryKey("id", .text)
                table.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
                table.column("greeting", .text).notNull()
                table.column("prompt", .text).notNull()
                // JSON array of action IDs, or NULL for "every action".
                table.column("action_ids", .text)
                table.column("is_default", .boolean).notNull().defaults(to: false)
                table.column("created_at", .double).notNull()
                table.column("updated_at", .double).notNull()
                table.column("version", .integer).notNull()
            }
            let now = Date().timeIntervalSince1970
            try db.execute(
                sql: """
                    INSERT INTO agent (id, name, greeting, prompt, action_ids, is_default, created_at, updated_at, version)
                    VALUES (?, 'Default agent', ?, ?, NULL, 1, ?, ?, 1)
                    """,
                arguments: [AgentID.generate().rawValue, Agent.defaultGreeting, Agent.defaultPrompt, now, now])
            try db.create(table: "call") { table in
                table.primaryKey("id", .text)
                table.column("agent_id", .text)
                table.column("agent_name", .text).notNull()
                table.column("started_from_action", .text)
                table.column("started_at", .double).notNull()
                table.column("ended_at", .double)
                table.column("end_reason", .text)
                table.column("origin", .text).notNull()
            }
            try db.create(table: "call_event") { table in
                table.column("call_id", .text).notNull().references("call", onDelete: .cascade)
                table.column("sequence", .integer).notNull()
                table.column("time", .double).notNull()
                table.column("type", .text).notNull()
                table.column("text", .text).notNull()
                table.column("action_id", .text)
                table.column("data", .text).notNull()  // JSON object
                table.primaryKey(["call_id", "sequence"])
            }
            try db.create(index: "call_started_at", on: "call", columns: ["started_at"])
        }
        migrator.registerMigration("v3-environments", migrate: migrateEnvironments)
        // Self-contained (touches no earlier table), so it can be ordered after
        // other branches' migrations at merge time.
        migrator.registerMigration("v4-webhooks", migrate: WebhookMigration.migrate)
        // Touches only the action table (one added column), so it too can be
        // ordered after other branches' migrations at merge time.
        migrator.registerMigration("v5-action-platform", migrate: migrateActionPlatform)
        // The model table and the agent's engine column: touches nothing else,
        // so it too can be ordered after other branches' migrations.
        migrator.registerMigration("v6-models", migrate: ModelMigration.migrate)
        return migrator
    }()

    /// The platform whose wire contract an action's calls use; every action
    /// stored before it existed spoke the Fluents/Vocode contract.
    static func migrateActionPlatform(_ db: Database) throws {
        try db.alter(table: "action") { table in
            table.add(column: "platform", .text).notNull().defaults(to: ActionPlatform.default.rawValue)
        }
    }

    /// Environments, their variables, secret definitions (names and sources,
    /// never values: those live in the secrets file) and small settings such
    /// as the active environment.
    static func migrateEnvironments(_ db: Database) throws {
        try db.create(table: "environment") { table in
            table.primaryKey("name", .text).collate(.nocase)
            table.column("created_at", .double).notNull()
        }
        try db.create(table: "environment_variable") { table in
            table.column("environment", .text).notNull().collate(.nocase)
                .references("environment", column: "name", onDelete: .cascade, onUpdate: .cascade)
            table.column("name", .text).notNull()
            table.column("value", .text).notNull()
            table.primaryKey(["environment", "name"])
        }
        try db.create(table: "secret") { table in
            table.primaryKey("name", .text)
            // NULL: the value is in the secrets file; else the process environment variable it is read from.
            table.column("from_environment_variable", .text)
            table.column("created_at", .double).notNull()
        }
        try db.create(table: "setting") { table in
            table.primaryKey("key", .text)
            table.column("value", .text).notNull()
        }
    }
}
