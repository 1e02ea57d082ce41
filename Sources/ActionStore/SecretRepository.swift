import ActionModel
import Foundation
import GRDB

/// Secret definitions: names and where the value comes from. Values are never
/// in the store (see `SecretsFile`).
extension ActionStore {
    public func allSecretDefinitions() throws(StoreError) -> [SecretDefinition] {
        if let postgres { return try postgres.allSecretDefinitions() }
        return try read { db in
            guard try db.tableExists("secret") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT name, from_environment_variable, created_at FROM secret ORDER BY name").map { row in
                SecretDefinition(name: row[0], fromEnvironmentVariable: row[1], createdAt: Date(timeIntervalSince1970: row[2]))
            }
        }
    }

    public func secretDefinition(named name: String) throws(StoreError) -> SecretDefinition? {
        try allSecretDefinitions().first { $0.name == name }
    }

    /// Adds the definition, or changes the source of an existing one.
    public func defineSecret(_ definition: SecretDefinition) throws(StoreError) {
        if let problem = TemplateNames.problem(definition.name, what: "secret") { throw .rejected(problem) }
        if let variable = definition.fromEnvironmentVariable, let problem = TemplateNames.problem(variable, what: "environment variable") {
            throw .rejected("--from-env: \(problem)")
        }
        if let postgres { try failIfReadOnly(); return try postgres.defineSecret(definition) }
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO secret (name, from_environment_variable, created_at) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET from_environment_variable = excluded.from_environment_variable
                    """,
                arguments: [definition.name, definition.fromEnvironmentVariable, definition.createdAt.timeIntervalSince1970])
        }
    }

    public func deleteSecretDefinition(named name: String) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.deleteSecretDefinition(named: name) }
        return try write { db in
            try db.execute(sql: "DELETE FROM secret WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw StoreError.notFound("secret '\(name)'; `switchboard secrets list` shows them") }
        }
    }
}
