import ActionModel
import Foundation
import PostgresNIO

/// `ActionRepository.swift` on PostgreSQL.
extension PostgresBackend {
    typealias ActionColumns = (String, String, String, String, String, String, String, Double, Double, Int, String)
    typealias SummaryColumns = (String, String, String, String, String, String, String?, String?, Double, Double, Int, Int, Int, String?)

    static func decode(_ c: ActionColumns) throws -> Action {
        try ActionRow.action(id: c.0, kind: c.1, name: c.2, functionName: c.3, description: c.4, trigger: c.5, configuration: c.6,
                             createdAt: c.7, updatedAt: c.8, version: c.9, platform: c.10)
    }

    static func decodeSummary(_ c: SummaryColumns) throws -> ActionSummary {
        try ActionRow.summary(id: c.0, kind: c.1, name: c.2, functionName: c.3, description: c.4, trigger: c.5, phoneNumber: c.6, url: c.7,
                              createdAt: c.8, updatedAt: c.9, version: c.10, propertyCount: c.11, requiredCount: c.12, detail: c.13)
    }

    func actionRows(where condition: PostgresQuery? = nil, in run: PostgresTransaction) throws(StoreError) -> [ActionColumns] {
        var query: PostgresQuery = "SELECT \(unescaped: ActionRow.columns) FROM action"
        if let condition { query = "SELECT \(unescaped: ActionRow.columns) FROM action WHERE \(unescaped: condition.sql)"; query.binds = condition.binds }
        query.sql += " ORDER BY created_at, id"
        return try run.fetch(query, as: ActionColumns.self)
    }

    func decodeAll(_ rows: [ActionColumns]) throws(StoreError) -> [Action] {
        do { return try rows.map(Self.decode) } catch { throw mapDamage(error) }
    }

    func mapDamage(_ error: any Error) -> StoreError {
        if case let .corrupt(_, detail) = error as? StoreError { return .corrupt(path: path, detail: detail) }
        return .corrupt(path: path, detail: "\(error)")
    }

    func allActions() throws(StoreError) -> [Action] {
        try decodeAll(try read { run throws(StoreError) in try actionRows(in: run) })
    }

    func actionsWithTemplates() throws(StoreError) -> [Action] {
        try decodeAll(try read { run throws(StoreError) in try actionRows(where: "strpos(configuration, '{{') > 0", in: run) })
    }

    func allSummaries() throws(StoreError) -> [ActionSummary] {
        let listed = try read { run throws(StoreError) in try listedSummaries(in: run) }
        if let unreadable = listed.unreadable { throw .corrupt(path: path, detail: unreadable) }
        if let damaged = listed.damaged.first { throw .corrupt(path: path, detail: damaged.problem) }
        return listed.summaries
    }

    func readableActions() throws(StoreError) -> (actions: [Action], damaged: [DamagedRow]) {
        let rows = try read { run throws(StoreError) in try actionRows(in: run) }
        var actions: [Action] = []
        var damaged: [DamagedRow] = []
        for row in rows {
            do { actions.append(try Self.decode(row)) } catch { damaged.append(DamagedRow(id: row.0, problem: ActionStore.damage(error))) }
        }
        return (actions, damaged)
    }

    func readableSummaries() throws(StoreError) -> (summaries: [ActionSummary], damaged: [DamagedRow]) {
        let listed = try read { run throws(StoreError) in try listedSummaries(in: run) }
        if let unreadable = listed.unreadable { throw .corrupt(path: path, detail: unreadable) }
        return (listed.summaries, listed.damaged)
    }

    func actionCount() throws(StoreError) -> Int {
        try read { run throws(StoreError) in try run.scalar("SELECT count(*) FROM action", as: Int.self) ?? 0 }
    }

    func action(id: ActionID) throws(StoreError) -> Action? {
        try read { run throws(StoreError) in try fetchAction(run, id: id) }
    }

    func action(functionName: String) throws(StoreError) -> Action? {
        try decodeAll(try read { run throws(StoreError) in try actionRows(where: "function_name = \(functionName)", in: run) }).first
    }

    func fetchAction(_ run: PostgresTransaction, id: ActionID, lock: Bool = false) throws(StoreError) -> Action? {
        var query: PostgresQuery = "SELECT \(unescaped: ActionRow.columns) FROM action WHERE id = \(id.rawValue)"
        if lock { query.sql += " FOR UPDATE" }
        guard let row = try run.fetchOne(query, as: ActionColumns.self) else { return nil }
        do { return try Self.decode(row) } catch { throw mapDamage(error) }
    }

    // MARK: Writing

    func insertActions(_ actions: [Action]) throws(StoreError) -> [Action] {
        if actions.count > 50 { return try insertMany(actions) }
        return try write { run throws(StoreError) in
            var stored: [Action] = []
            stored.reserveCapacity(actions.count)
            for var action in actions {
                action.version = 1
                action.updatedAt = action.createdAt
                if try idIsTaken(run, action.id) { action.id = try freshID(run) }
                try checkFunctionName(run, action.functionName, excluding: action.id)
                try insertRow(action, run)
                stored.append(action)
            }
            return stored
        }
    }

    func insertEach(_ actions: [Action]) throws(StoreError) -> [Result<Action, StoreError>] {
        try write { run throws(StoreError) in
            var outcomes: [Result<Action, StoreError>] = []
            for var action in actions {
                let issues = action.issues
                if !issues.isEmpty { outcomes.append(.failure(.invalid(issues))); continue }
                action.version = 1
                action.updatedAt = action.createdAt
                if try idIsTaken(run, action.id) { action.id = try freshID(run) }
                do throws(StoreError) {
                    try checkFunctionName(run, action.functionName, excluding: action.id)
                } catch {
                    outcomes.append(.failure(error))
                    continue
                }
                try insertRow(action, run)
                outcomes.append(.success(action))
            }
            return outcomes
        }
    }

    /// The row lock (`FOR UPDATE`) makes the version check and the write one
    /// step across processes: a concurrent save waits, then sees the new version and is refused.
    func update(_ action: Action, now: Date) throws(StoreError) -> Action {
        try write { run throws(StoreError) in
            guard let current = try fetchAction(run, id: action.id, lock: true) else {
                throw StoreError.conflict(id: action.id, name: action.name, current: nil)
            }
            guard current.version == action.version else {
                throw StoreError.conflict(id: action.id, name: current.name, current: current)
            }
            try checkFunctionName(run, action.functionName, excluding: action.id)
            var stored = action
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try run.execute("""
                UPDATE action SET kind = \(stored.kind.rawValue), name = \(stored.name), function_name = \(stored.functionName),
                  description = \(stored.description), trigger = \(ActionRow.triggerText(stored.trigger)),
                  configuration = \(ActionRow.configurationText(stored.configuration)), phone_number = \(stored.phoneNumber),
                  url = \(stored.customInput?.url), property_count = \(stored.customInput?.inputSchema.properties.count ?? 0),
                  required_count = \(stored.customInput?.inputSchema.requiredNames.count ?? 0), detail = \(stored.summaryDetail),
                  platform = \(stored.platform.rawValue), updated_at = \(stored.updatedAt.timeIntervalSince1970), version = \(stored.version)
                WHERE id = \(stored.id.rawValue) AND version = \(action.version)
                """)
            return stored
        }
    }

    func deleteAction(id: ActionID, expectedVersion: Int?, now: Date) throws(StoreError) {
        try write { run throws(StoreError) in
            if let expectedVersion {
                guard let current = try fetchAction(run, id: id, lock: true) else { throw StoreError.notFound("action with ID '\(id)'") }
                if current.version != expectedVersion { throw StoreError.conflict(id: id, name: current.name, current: current) }
            } else if try run.column("SELECT id FROM action WHERE id = \(id.rawValue) FOR UPDATE", as: String.self).isEmpty {
                // No version to check, so the row need not be readable: a damaged row goes by its ID.
                throw StoreError.notFound("action with ID '\(id)'")
            }
            try run.execute("DELETE FROM action WHERE id = \(id.rawValue)")
            try run.execute("INSERT INTO retired_action_id (id, retired_at) VALUES (\(id.rawValue), \(now.timeIntervalSince1970)) ON CONFLICT DO NOTHING")
        }
    }

    /// Many actions in one transaction with a few statements instead of three
    /// round trips each (an import, a benchmark): the taken IDs and function
    /// names are read at once, then rows go in as arrays (`unnest`), 5,000 a statement.
    func insertMany(_ actions: [Action]) throws(StoreError) -> [Action] {
        try write { run throws(StoreError) in
            let ids = actions.map(\.id.rawValue)
            var taken = Set(try run.column("""
                SELECT id FROM action WHERE id = ANY(\(ids)) UNION SELECT id FROM retired_action_id WHERE id = ANY(\(ids))
                """, as: String.self))
            var owners: [String: ActionID] = [:]
            for row in try run.fetch("SELECT function_name, id FROM action WHERE function_name = ANY(\(actions.map(\.functionName)))",
                                     as: (String, String).self) {
                owners[row.0] = ActionID(row.1)
            }
            var stored: [Action] = []
            stored.reserveCapacity(actions.count)
            for var action in actions {
                action.version = 1
                action.updatedAt = action.createdAt
                if taken.contains(action.id.rawValue) {
                    repeat { action.id = try freshID(run) } while taken.contains(action.id.rawValue)
                }
                taken.insert(action.id.rawValue)
                if let owner = owners[action.functionName] { throw StoreError.duplicateFunctionName(action.functionName, existing: owner) }
                owners[action.functionName] = action.id
                stored.append(action)
            }
            for start in stride(from: 0, to: stored.count, by: 5_000) {
                let slice = stored[start..<min(stored.count, start + 5_000)]
                // Arrays can't hold NULL as bound here, so each optional column comes with a "has a value" array.
                try run.execute("""
                    INSERT INTO action (\(unescaped: ActionRow.columns), phone_number, url, property_count, required_count, detail)
                    SELECT id, kind, name, function_name, description, trigger, configuration, created_at, updated_at, version, platform,
                      CASE WHEN has_phone THEN phone END, CASE WHEN has_url THEN url END, property_count, required_count,
                      CASE WHEN has_detail THEN detail END
                    FROM unnest(\(slice.map(\.id.rawValue))::text[], \(slice.map(\.kind.rawValue))::text[], \(slice.map(\.name))::text[],
                      \(slice.map(\.functionName))::text[], \(slice.map(\.description))::text[], \(slice.map { ActionRow.triggerText($0.trigger) })::text[],
                      \(slice.map { ActionRow.configurationText($0.configuration) })::text[], \(slice.map(\.createdAt.timeIntervalSince1970))::float8[],
                      \(slice.map(\.updatedAt.timeIntervalSince1970))::float8[], \(slice.map(\.version))::int8[], \(slice.map(\.platform.rawValue))::text[],
                      \(slice.map { $0.phoneNumber ?? "" })::text[], \(slice.map { $0.phoneNumber != nil })::bool[],
                      \(slice.map { $0.customInput?.url ?? "" })::text[], \(slice.map { $0.customInput?.url != nil })::bool[],
                      \(slice.map { $0.customInput?.inputSchema.properties.count ?? 0 })::int8[],
                      \(slice.map { $0.customInput?.inputSchema.requiredNames.count ?? 0 })::int8[],
                      \(slice.map { $0.summaryDetail ?? "" })::text[], \(slice.map { $0.summaryDetail != nil })::bool[])
                      AS t(id, kind, name, function_name, description, trigger, configuration, created_at, updated_at, version, platform,
                           phone, has_phone, url, has_url, property_count, required_count, detail, has_detail)
                    """)
            }
            return stored
        }
    }

    // MARK: Helpers

    func insertRow(_ action: Action, _ run: PostgresTransaction) throws(StoreError) {
        do {
            try run.execute("""
                INSERT INTO action (\(unescaped: ActionRow.columns), phone_number, url, property_count, required_count, detail)
                VALUES (\(action.id.rawValue), \(action.kind.rawValue), \(action.name), \(action.functionName), \(action.description),
                  \(ActionRow.triggerText(action.trigger)), \(ActionRow.configurationText(action.configuration)),
                  \(action.createdAt.timeIntervalSince1970), \(action.updatedAt.timeIntervalSince1970), \(action.version),
                  \(action.platform.rawValue), \(action.phoneNumber), \(action.customInput?.url),
                  \(action.customInput?.inputSchema.properties.count ?? 0), \(action.customInput?.inputSchema.requiredNames.count ?? 0),
                  \(action.summaryDetail))
                """)
        } catch where Self.isUniqueViolation(error) {
            // Another process took the function name between our check and this insert.
            throw .duplicateFunctionName(action.functionName, existing: (try? functionNameOwner(run, action.functionName)) ?? action.id)
        }
    }

    func functionNameOwner(_ run: PostgresTransaction, _ name: String) throws(StoreError) -> ActionID? {
        try run.scalar("SELECT id FROM action WHERE function_name = \(name)", as: String.self).flatMap(ActionID.init)
    }

    func idIsTaken(_ run: PostgresTransaction, _ id: ActionID) throws(StoreError) -> Bool {
        try run.scalar("""
            SELECT EXISTS (SELECT 1 FROM action WHERE id = \(id.rawValue)) OR EXISTS (SELECT 1 FROM retired_action_id WHERE id = \(id.rawValue))
            """, as: Bool.self) ?? false
    }

    func freshID(_ run: PostgresTransaction) throws(StoreError) -> ActionID {
        while true {
            let id = ActionID.generate()
            if try !idIsTaken(run, id) { return id }
        }
    }

    func checkFunctionName(_ run: PostgresTransaction, _ functionName: String, excluding id: ActionID) throws(StoreError) {
        if let other = try run.scalar("SELECT id FROM action WHERE function_name = \(functionName) AND id <> \(id.rawValue)", as: String.self),
           let otherID = ActionID(other) {
            throw .duplicateFunctionName(functionName, existing: otherID)
        }
    }
}
