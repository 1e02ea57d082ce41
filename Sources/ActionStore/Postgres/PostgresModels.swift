import ActionModel
import Foundation
import PostgresNIO

/// `ModelRepository.swift` on PostgreSQL: the same rules (names unique in any
/// case, optimistic versions, a rename carries its agents, a model in use stays).
extension PostgresBackend {
    typealias ModelColumns = (String, String, String, String?, String, String, Double?, Int?, Int, Double, Double, Int)

    func decodeModel(_ c: ModelColumns) -> ModelRecord {
        ModelRecord(name: c.0, baseURL: c.1, modelID: c.2, apiKey: c.3, headers: ModelRow.pairs(c.4), query: ModelRow.pairs(c.5),
                    temperature: c.6, maxTokens: c.7, timeoutSeconds: c.8, createdAt: Date(timeIntervalSince1970: c.9),
                    updatedAt: Date(timeIntervalSince1970: c.10), version: c.11)
    }

    func fetchModel(_ run: PostgresTransaction, name: String, forUpdate: Bool = false) throws(StoreError) -> ModelRecord? {
        var query: PostgresQuery = "SELECT \(unescaped: ModelRow.columns) FROM model WHERE lower(name) = lower(\(name))"
        if forUpdate { query.sql += " FOR UPDATE" }
        return try run.fetchOne(query, as: ModelColumns.self).map(decodeModel)
    }

    func allModels() throws(StoreError) -> [ModelRecord] {
        try read { run throws(StoreError) in
            try run.fetch("SELECT \(unescaped: ModelRow.columns) FROM model ORDER BY lower(name)", as: ModelColumns.self).map(decodeModel)
        }
    }

    func model(named name: String) throws(StoreError) -> ModelRecord? {
        try read { run throws(StoreError) in try fetchModel(run, name: name) }
    }

    func insertModelRow(_ model: ModelRecord, _ run: PostgresTransaction) throws(StoreError) {
        try run.execute("""
            INSERT INTO model (\(unescaped: ModelRow.columns)) VALUES (\(model.name), \(model.baseURL), \(model.modelID), \(model.apiKey),
              \(ModelRow.pairsText(model.headers)), \(ModelRow.pairsText(model.query)), \(model.temperature), \(model.maxTokens),
              \(model.timeoutSeconds), \(model.createdAt.timeIntervalSince1970), \(model.updatedAt.timeIntervalSince1970), \(model.version))
            """)
    }

    func insert(_ model: ModelRecord) throws(StoreError) -> ModelRecord {
        try write { run throws(StoreError) in
            if let other = try fetchModel(run, name: model.name) {
                throw StoreError.invalid([FieldIssue.record("a model named '\(other.name)' already exists; pick another name or edit it")])
            }
            var stored = model
            stored.version = 1
            stored.updatedAt = stored.createdAt
            try insertModelRow(stored, run)
            return stored
        }
    }

    func update(_ model: ModelRecord, previousName: String?, now: Date) throws(StoreError) -> ModelRecord {
        try write { run throws(StoreError) in
            let oldName = previousName ?? model.name
            guard let current = try fetchModel(run, name: oldName, forUpdate: true) else {
                throw StoreError.notFound("model '\(oldName)' (it was deleted)")
            }
            guard current.version == model.version else {
                throw StoreError.rejected("the model '\(current.name)' changed since it was read (now version \(current.version)); read it again and redo the change")
            }
            if model.name.lowercased() != current.name.lowercased(), let other = try fetchModel(run, name: model.name) {
                throw StoreError.invalid([FieldIssue.record("a model named '\(other.name)' already exists; pick another name")])
            }
            var stored = model
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try run.execute("DELETE FROM model WHERE name = \(current.name)")
            try insertModelRow(stored, run)
            if stored.name != current.name {
                try run.execute("UPDATE agent SET model = \(stored.name), version = version + 1 WHERE lower(model) = lower(\(current.name))")
            }
            return stored
        }
    }

    func delete(model name: String) throws(StoreError) {
        try write { run throws(StoreError) in
            guard let current = try fetchModel(run, name: name, forUpdate: true) else {
                throw StoreError.notFound("model '\(name)'; `switchboard models list` shows them")
            }
            let users = try run.column("SELECT name FROM agent WHERE lower(model) = lower(\(current.name)) ORDER BY name", as: String.self)
            if !users.isEmpty {
                throw StoreError.rejected("the model '\(current.name)' is the engine of \(users.map { "'\($0)'" }.joined(separator: ", ")); give them another engine first (`switchboard agents edit NAME --model rules`)")
            }
            try run.execute("DELETE FROM model WHERE name = \(current.name)")
        }
    }
}
