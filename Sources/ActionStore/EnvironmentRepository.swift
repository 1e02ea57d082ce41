import ActionModel
import Foundation
import GRDB

/// Environments and their variables, and which one is active. Names compare
/// without case (`Dev` is `dev`); variable names are exact, like `{{env.NAME}}`.
extension ActionStore {
    static let activeEnvironmentKey = "active_environment"

    /// Every environment, by name.
    public func allEnvironments() throws(StoreError) -> [EnvironmentRecord] {
        if let postgres { return try postgres.allEnvironments() }
        return try read { db in
            guard try db.tableExists("environment") else { return [] }  // an older store opened read-only
            let variables = try Row.fetchAll(db, sql: "SELECT environment, name, value FROM environment_variable")
            var byEnvironment: [String: [String: String]] = [:]
            for row in variables { byEnvironment[(row[0] as String).lowercased(), default: [:]][row[1]] = row[2] as String }
            return try Row.fetchAll(db, sql: "SELECT name, created_at FROM environment ORDER BY name COLLATE NOCASE").map { row in
                let name: String = row[0]
                return EnvironmentRecord(name: name, variables: byEnvironment[name.lowercased()] ?? [:],
                                         createdAt: Date(timeIntervalSince1970: row[1]))
            }
        }
    }

    /// One environment by name (any case).
    public func environment(named name: String) throws(StoreError) -> EnvironmentRecord {
        guard let found = try allEnvironments().first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else {
            throw Self.noEnvironment(name)
        }
        return found
    }

    static func noEnvironment(_ name: String) -> StoreError {
        .notFound("environment '\(name)'; `switchboard environments list` shows them and `switchboard environments create \(name)` makes it")
    }

    @discardableResult
    public func createEnvironment(named name: String, now: Date = Date()) throws(StoreError) -> EnvironmentRecord {
        if let problem = TemplateNames.environmentProblem(name) { throw .rejected(problem) }
        if let postgres { try failIfReadOnly(); return try postgres.createEnvironment(named: name, now: now) }
        return try write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT name FROM environment WHERE name = ?", arguments: [name]) {
                throw StoreError.rejected("environment '\(existing)' already exists")
            }
            try db.execute(sql: "INSERT INTO environment (name, created_at) VALUES (?, ?)", arguments: [name, now.timeIntervalSince1970])
            return EnvironmentRecord(name: name, createdAt: now)
        }
    }

    /// Deletes the environment and its variables; if it was active, none is
    /// active afterwards. (Its secret values are in the secrets file: see
    /// `SecretsFile.removeEnvironment`.)
    public func deleteEnvironment(named name: String) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.deleteEnvironment(named: name) }
        return try write { db in
            guard try Self.canonicalEnvironmentName(db, name) != nil else { throw Self.noEnvironment(name) }
            try db.execute(sql: "DELETE FROM environment_variable WHERE environment = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM environment WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM setting WHERE key = ? AND value = ? COLLATE NOCASE", arguments: [Self.activeEnvironmentKey, name])
        }
    }

    /// Sets (adds or replaces) a variable of an environment.
    public func setVariable(_ variable: String, to value: String, inEnvironment name: String) throws(StoreError) {
        if let problem = TemplateNames.problem(variable, what: "variable") { throw .rejected(problem) }
        if value.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            throw .rejected("the value of \(variable) must be on one line: it goes into URLs and headers")
        }
        if let postgres { try failIfReadOnly(); return try postgres.setVariable(variable, to: value, inEnvironment: name) }
        return try write { db in
            guard let canonical = try Self.canonicalEnvironmentName(db, name) else { throw Self.noEnvironment(name) }
            try db.execute(
                sql: "INSERT INTO environment_variable (environment, name, value) VALUES (?, ?, ?) ON CONFLICT(environment, name) DO UPDATE SET value = excluded.value",
                arguments: [canonical, variable, value])
        }
    }

    public func unsetVariable(_ variable: String, inEnvironment name: String) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.unsetVariable(variable, inEnvironment: name) }
        return try write { db in
            guard let canonical = try Self.canonicalEnvironmentName(db, name) else { throw Self.noEnvironment(name) }
            try db.execute(sql: "DELETE FROM environment_variable WHERE environment = ? AND name = ?", arguments: [canonical, variable])
            if db.changesCount == 0 {
                throw StoreError.notFound("variable '\(variable)' in environment '\(canonical)'; `switchboard environments show \(canonical)` lists its variables")
            }
        }
    }

    /// The active environment's name, nil when none is chosen.
    public func activeEnvironmentName() throws(StoreError) -> String? {
        if let postgres { return try postgres.activeEnvironmentName() }
        return try read { db in
            guard try db.tableExists("setting") else { return nil }
            return try String.fetchOne(
                db, sql: "SELECT e.name FROM setting s JOIN environment e ON e.name = s.value WHERE s.key = ?",
                arguments: [Self.activeEnvironmentKey])
        }
    }

    /// Makes an environment the active one (nil: none). Shared by every
    /// console and command on this store.
    public func useEnvironment(named name: String?) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.useEnvironment(named: name) }
        return try write { db in
            guard let name else {
                try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [Self.activeEnvironmentKey])
                return
            }
            guard let canonical = try Self.canonicalEnvironmentName(db, name) else { throw Self.noEnvironment(name) }
            try db.execute(
                sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [Self.activeEnvironmentKey, canonical])
        }
    }

    static func canonicalEnvironmentName(_ db: Database, _ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM environment WHERE name = ?", arguments: [name])
    }
}
