import ActionModel
import Foundation
import GRDB

/// `v6-models`: model records, and the agent's engine (NULL: the rule-based one).
enum ModelMigration {
    static func migrate(_ db: Database) throws {
        try db.create(table: "model") { table in
            table.primaryKey("name", .text).collate(.nocase)
            table.column("base_url", .text).notNull()
            table.column("model_id", .text).notNull()
            // `{{secret.NAME}}` only: the key itself never enters the store.
            table.column("api_key", .text)
            // JSON arrays of {"name","value"}.
            table.column("headers", .text).notNull()
            table.column("query", .text).notNull()
            table.column("temperature", .double)
            table.column("max_tokens", .integer)
            table.column("timeout_seconds", .integer).notNull()
            table.column("created_at", .double).notNull()
            table.column("updated_at", .double).notNull()
            table.column("version", .integer).notNull()
        }
        try db.alter(table: "agent") { table in
            table.add(column: "model", .text)
        }
    }
}

extension ActionStore {
    /// Every model record, by name.
    public func allModels() throws(StoreError) -> [ModelRecord] {
        if let postgres { return try postgres.allModels() }
        return try read { db in try Row.fetchAll(db, sql: "SELECT \(ModelRow.columns) FROM model ORDER BY name COLLATE NOCASE").map(ModelRow.decode) }
    }

    /// By name (any case).
    public func model(named name: String) throws(StoreError) -> ModelRecord {
        let found = if let postgres { try postgres.model(named: name) } else { try read { db in try ModelRow.fetch(db, name: name) } }
        guard let found else { throw .notFound("model '\(name)'; `switchboard models list` shows them") }
        return found
    }

    @discardableResult
    public func insert(_ model: ModelRecord) throws(StoreError) -> ModelRecord {
        try validate(model)
        if let postgres { return try postgres.insert(model) }
        return try write { db in
            if let other = try ModelRow.fetch(db, name: model.name) {
                throw StoreError.invalid([FieldIssue.record("a model named '\(other.name)' already exists; pick another name or edit it")])
            }
            var stored = model
            stored.version = 1
            stored.updatedAt = stored.createdAt
            try ModelRow.insert(stored, into: db)
            return stored
        }
    }

    /// Saves a changed record; `model.version` must be the version read, and
    /// `previousName` the name it was read under (a rename carries the agents with it).
    @discardableResult
    public func update(_ model: ModelRecord, previousName: String? = nil, now: Date = Date()) throws(StoreError) -> ModelRecord {
        try validate(model)
        if let postgres { return try postgres.update(model, previousName: previousName, now: now) }
        return try write { db in
            let oldName = previousName ?? model.name
            guard let current = try ModelRow.fetch(db, name: oldName) else {
                throw StoreError.notFound("model '\(oldName)' (it was deleted)")
            }
            guard current.version == model.version else {
                throw StoreError.rejected("the model '\(current.name)' changed since it was read (now version \(current.version)); read it again and redo the change")
            }
            if model.name.lowercased() != current.name.lowercased(), let other = try ModelRow.fetch(db, name: model.name) {
                throw StoreError.invalid([FieldIssue.record("a model named '\(other.name)' already exists; pick another name")])
            }
            var stored = model
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try db.execute(sql: "DELETE FROM model WHERE name = ?", arguments: [current.name])
            try ModelRow.insert(stored, into: db)
            if stored.name != current.name {
                try db.execute(sql: "UPDATE agent SET model = ?, version = version + 1 WHERE model = ? COLLATE NOCASE", arguments: [stored.name, current.name])
            }
            return stored
        }
    }

    /// Deletes a model no agent uses (those are named, with the fix).
    public func delete(model name: String) throws(StoreError) {
        try failIfReadOnly()
        if let postgres { return try postgres.delete(model: name) }
        try write { db in
            guard let current = try ModelRow.fetch(db, name: name) else {
                throw StoreError.notFound("model '\(name)'; `switchboard models list` shows them")
            }
            let users = try String.fetchAll(db, sql: "SELECT name FROM agent WHERE model = ? COLLATE NOCASE ORDER BY name", arguments: [current.name])
            if !users.isEmpty {
                throw StoreError.rejected("the model '\(current.name)' is the engine of \(users.map { "'\($0)'" }.joined(separator: ", ")); give them another engine first (`switchboard agents edit NAME --model rules`)")
            }
            try db.execute(sql: "DELETE FROM model WHERE name = ?", arguments: [current.name])
        }
    }

    private func validate(_ model: ModelRecord) throws(StoreError) {
        try failIfReadOnly()
        let issues = model.issues
        if !issues.isEmpty { throw .invalid(issues.map { FieldIssue.record($0) }) }
    }
}

enum ModelRow {
    static let columns = "name, base_url, model_id, api_key, headers, query, temperature, max_tokens, timeout_seconds, created_at, updated_at, version"

    static func fetch(_ db: Database, name: String) throws -> ModelRecord? {
        guard try db.tableExists("model") else { return nil }
        return try Row.fetchOne(db, sql: "SELECT \(columns) FROM model WHERE name = ? COLLATE NOCASE", arguments: [name]).map(decode)
    }

    static func pairsText(_ pairs: [HTTPHeader]) -> String {
        JSONValue.array(pairs.map { ["name": .string($0.name), "value": .string($0.value)] }).compactText
    }

    static func pairs(_ text: String) -> [HTTPHeader] {
        ((try? JSONValue(parsing: text))?.arrayValue ?? []).compactMap { item in
            guard let object = item.objectValue, let name = object["name"]?.stringValue, let value = object["value"]?.stringValue else { return nil }
            return HTTPHeader(name: name, value: value)
        }
    }

    static func insert(_ model: ModelRecord, into db: Database) throws {
        try db.execute(
            sql: "INSERT INTO model (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [model.name, model.baseURL, model.modelID, model.apiKey, pairsText(model.headers), pairsText(model.query),
                        model.temperature, model.maxTokens, model.timeoutSeconds, model.createdAt.timeIntervalSince1970,
                        model.updatedAt.timeIntervalSince1970, model.version])
    }

    static func decode(_ row: Row) throws -> ModelRecord {
        ModelRecord(name: row[0], baseURL: row[1], modelID: row[2], apiKey: row[3], headers: pairs(row[4]), query: pairs(row[5]),
                    temperature: row[6], maxTokens: row[7], timeoutSeconds: row[8], createdAt: Date(timeIntervalSince1970: row[9]),
                    updatedAt: Date(timeIntervalSince1970: row[10]), version: row[11])
    }
}
