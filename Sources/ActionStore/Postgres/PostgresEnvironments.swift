import ActionModel
import Foundation
import PostgresNIO

/// `EnvironmentRepository.swift` and `SecretRepository.swift` on PostgreSQL.
/// Only secret *definitions* are here; values stay in the user's own file.
extension PostgresBackend {
    func allEnvironments() throws(StoreError) -> [EnvironmentRecord] {
        try read { run throws(StoreError) in
            var byEnvironment: [String: [String: String]] = [:]
            for row in try run.fetch("SELECT environment, name, value FROM environment_variable", as: (String, String, String).self) {
                byEnvironment[row.0.lowercased(), default: [:]][row.1] = row.2
            }
            return try run.fetch("SELECT name, created_at FROM environment ORDER BY lower(name) COLLATE \"C\"", as: (String, Double).self).map { row in
                EnvironmentRecord(name: row.0, variables: byEnvironment[row.0.lowercased()] ?? [:], createdAt: Date(timeIntervalSince1970: row.1))
            }
        }
    }

    func canonicalEnvironmentName(_ run: PostgresTransaction, _ name: String) throws(StoreError) -> String? {
        try run.scalar("SELECT name FROM environment WHERE lower(name) = lower(\(name))", as: String.self)
    }

    func createEnvironment(named name: String, now: Date) throws(StoreError) -> EnvironmentRecord {
        try write { run throws(StoreError) in
            if let existing = try canonicalEnvironmentName(run, name) {
                throw StoreError.rejected("environment '\(existing)' already exists")
            }
            try run.execute("INSERT INTO environment (name, created_at) VALUES (\(name), \(now.timeIntervalSince1970))")
            return EnvironmentRecord(name: name, createdAt: now)
        }
    }

    func deleteEnvironment(named name: String) throws(StoreError) {
        try write { run throws(StoreError) in
            guard let canonical = try canonicalEnvironmentName(run, name) else { throw ActionStore.noEnvironment(name) }
            try run.execute("DELETE FROM environment_variable WHERE environment = \(canonical)")
            try run.execute("DELETE FROM environment WHERE name = \(canonical)")
            try run.execute("DELETE FROM setting WHERE key = \(ActionStore.activeEnvironmentKey) AND lower(value) = lower(\(canonical))")
        }
    }

    func setVariable(_ variable: String, to value: String, inEnvironment name: String) throws(StoreError) {
        try write { run throws(StoreError) in
            guard let canonical = try canonicalEnvironmentName(run, name) else { throw ActionStore.noEnvironment(name) }
            try run.execute("""
                INSERT INTO environment_variable (environment, name, value) VALUES (\(canonical), \(variable), \(value))
                ON CONFLICT (environment, name) DO UPDATE SET value = excluded.value
                """)
        }
    }

    func unsetVariable(_ variable: String, inEnvironment name: String) throws(StoreError) {
        try write { run throws(StoreError) in
            guard let canonical = try canonicalEnvironmentName(run, name) else { throw ActionStore.noEnvironment(name) }
            if try run.execute("DELETE FROM environment_variable WHERE environment = \(canonical) AND name = \(variable)") == 0 {
                throw StoreError.notFound("variable '\(variable)' in environment '\(canonical)'; `switchboard environments show \(canonical)` lists its variables")
            }
        }
    }

    func activeEnvironmentName() throws(StoreError) -> String? {
        try read { run throws(StoreError) in
            try run.scalar("SELECT e.name FROM setting s JOIN environment e ON e.name = s.value WHERE s.key = \(ActionStore.activeEnvironmentKey)",
                           as: String.self)
        }
    }

    func useEnvironment(named name: String?) throws(StoreError) {
        try write { run throws(StoreError) in
            guard let name else {
                try run.execute("DELETE FROM setting WHERE key = \(ActionStore.activeEnvironmentKey)")
                return
            }
            guard let canonical = try canonicalEnvironmentName(run, name) else { throw ActionStore.noEnvironment(name) }
            try run.execute("""
                INSERT INTO setting (key, value) VALUES (\(ActionStore.activeEnvironmentKey), \(canonical))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
    }

    // MARK: Secret definitions

    func allSecretDefinitions() throws(StoreError) -> [SecretDefinition] {
        try read { run throws(StoreError) in
            try run.fetch("SELECT name, from_environment_variable, created_at FROM secret ORDER BY name COLLATE \"C\"", as: (String, String?, Double).self).map {
                SecretDefinition(name: $0.0, fromEnvironmentVariable: $0.1, createdAt: Date(timeIntervalSince1970: $0.2))
            }
        }
    }

    func defineSecret(_ definition: SecretDefinition) throws(StoreError) {
        _ = try write { run throws(StoreError) in
            try run.execute("""
                INSERT INTO secret (name, from_environment_variable, created_at)
                VALUES (\(definition.name), \(definition.fromEnvironmentVariable), \(definition.createdAt.timeIntervalSince1970))
                ON CONFLICT (name) DO UPDATE SET from_environment_variable = excluded.from_environment_variable
                """)
        }
    }

    func deleteSecretDefinition(named name: String) throws(StoreError) {
        try write { run throws(StoreError) in
            if try run.execute("DELETE FROM secret WHERE name = \(name)") == 0 {
                throw StoreError.notFound("secret '\(name)'; `switchboard secrets list` shows them")
            }
        }
    }
}
