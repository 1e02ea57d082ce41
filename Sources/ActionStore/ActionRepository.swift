import ActionModel
import Foundation
import GRDB

extension ActionStore {
    // MARK: Reading

    /// Every action, oldest first.
    public func allActions() throws(StoreError) -> [Action] {
        if let postgres { return try postgres.allActions() }
        return try read { db in
            var actions: [Action] = []
            actions.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM action") ?? 0)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(ActionRow.columns) FROM action ORDER BY created_at, id")
            while let row = try rows.next() { actions.append(try ActionRow.decode(row)) }
            return actions
        }
    }

    /// The actions whose configuration holds a `{{…}}` (candidates for
    /// `{{secret.X}}`/`{{env.X}}` references), oldest first: the others are
    /// never read or decoded, so a large store costs little.
    public func actionsWithTemplates() throws(StoreError) -> [Action] {
        if let postgres { return try postgres.actionsWithTemplates() }
        return try read { db in
            var actions: [Action] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(ActionRow.columns) FROM action WHERE instr(configuration, '{{') > 0 ORDER BY created_at, id
                """)
            while let row = try rows.next() { actions.append(try ActionRow.decode(row)) }
            return actions
        }
    }

    /// Every action's list fields, oldest first, without decoding configurations:
    /// what the console's tables and `actions list` need.
    public func allSummaries() throws(StoreError) -> [ActionSummary] {
        if let postgres { return try postgres.allSummaries() }
        return try read { db in
            var summaries: [ActionSummary] = []
            summaries.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM action") ?? 0)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(ActionRow.summaryColumns) FROM action ORDER BY created_at, id")
            while let row = try rows.next() { summaries.append(try ActionRow.decodeSummary(row)) }
            return summaries
        }
    }

    /// Every action that can be read, oldest first, and the rows that can't
    /// (a damaged row — edited by hand, a disk fault — must not hide the rest).
    public func readableActions() throws(StoreError) -> (actions: [Action], damaged: [DamagedRow]) {
        if let postgres { return try postgres.readableActions() }
        return try read { db in
            var actions: [Action] = []
            var damaged: [DamagedRow] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(ActionRow.columns) FROM action ORDER BY created_at, id")
            while let row = try rows.next() {
                do { actions.append(try ActionRow.decode(row)) } catch {
                    damaged.append(DamagedRow(id: row[0], problem: Self.damage(error)))
                }
            }
            return (actions, damaged)
        }
    }

    /// `allSummaries`, leaving out (and naming) the rows that can't be read.
    public func readableSummaries() throws(StoreError) -> (summaries: [ActionSummary], damaged: [DamagedRow]) {
        if let postgres { return try postgres.readableSummaries() }
        return try read { db in
            var summaries: [ActionSummary] = []
            var damaged: [DamagedRow] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(ActionRow.summaryColumns) FROM action ORDER BY created_at, id")
            while let row = try rows.next() {
                do { summaries.append(try ActionRow.decodeSummary(row)) } catch {
                    damaged.append(DamagedRow(id: row[0], problem: Self.damage(error)))
                }
            }
            return (summaries, damaged)
        }
    }

    static func damage(_ error: any Error) -> String {
        if case let .corrupt(_, detail) = error as? StoreError { return detail }
        return "\(error)"
    }

    public func count() throws(StoreError) -> Int {
        if let postgres { return try postgres.actionCount() }
        return try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM action") ?? 0 }
    }

    public func action(id: ActionID) throws(StoreError) -> Action? {
        if let postgres { return try postgres.action(id: id) }
        return try read { db in try Self.fetch(db, id: id) }
    }

    public func action(functionName: String) throws(StoreError) -> Action? {
        if let postgres { return try postgres.action(functionName: functionName) }
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(ActionRow.columns) FROM action WHERE function_name = ?", arguments: [functionName]) else {
                return nil
            }
            return try ActionRow.decode(row)
        }
    }

    /// Finds an action by ID, function name or display name (`ActionLookup`'s
    /// rules), as every command that takes an action does. A name two actions
    /// share is refused, naming their IDs.
    public func action(reference: String) throws(StoreError) -> Action {
        // The unique keys first: one indexed read, no list to load.
        if let id = ActionID(reference), let action = try action(id: id) { return action }
        if let action = try action(functionName: reference) { return action }
        switch ActionLookup.resolve(reference, in: try allSummaries()) {
        case let .found(id):
            if let action = try action(id: id) { return action }
        case let .ambiguous(matches):
            throw .rejected(ActionLookup.ambiguityMessage(reference, matches))
        case .notFound:
            break
        }
        throw .notFound("action with ID, function name or name '\(reference)'; `switchboard actions list` shows them")
    }

    // MARK: Writing

    /// Stores a new action as version 1 and returns the stored value.
    @discardableResult
    public func insert(_ action: Action) throws(StoreError) -> Action {
        if let postgres { try validate(action); return try postgres.insertActions([action])[0] }
        try validate(action)
        return try write { db in
            var stored = action
            stored.version = 1
            stored.updatedAt = stored.createdAt
            if try Self.idIsTaken(db, stored.id) { stored.id = try Self.freshID(db) }
            try Self.checkFunctionName(db, stored.functionName, excluding: stored.id)
            try ActionRow.insert(stored, into: db)
            return stored
        }
    }

    /// Stores many new actions in one transaction (imports, benchmarks).
    @discardableResult
    public func insert(_ actions: [Action]) throws(StoreError) -> [Action] {
        if let postgres { for action in actions { try validate(action) }; return try postgres.insertActions(actions) }
        for action in actions { try validate(action) }
        return try write { db in
            var stored: [Action] = []
            stored.reserveCapacity(actions.count)
            for var action in actions {
                action.version = 1
                action.updatedAt = action.createdAt
                if try Self.idIsTaken(db, action.id) { action.id = try Self.freshID(db) }
                try Self.checkFunctionName(db, action.functionName, excluding: action.id)
                try ActionRow.insert(action, into: db)
                stored.append(action)
            }
            return stored
        }
    }

    /// Stores each new action that can be stored, in one transaction, and says
    /// for every one whether it went in or why not (invalid fields, a function
    /// name already used): what an import needs, where one bad tool must not
    /// keep the rest out.
    public func insertEach(_ actions: [Action]) throws(StoreError) -> [Result<Action, StoreError>] {
        if let postgres { try failIfReadOnly(); return try postgres.insertEach(actions) }
        try failIfReadOnly()
        return try write { db in
            var outcomes: [Result<Action, StoreError>] = []
            outcomes.reserveCapacity(actions.count)
            for var action in actions {
                let issues = action.issues
                if !issues.isEmpty {
                    outcomes.append(.failure(.invalid(issues)))
                    continue
                }
                action.version = 1
                action.updatedAt = action.createdAt
                if try Self.idIsTaken(db, action.id) { action.id = try Self.freshID(db) }
                do {
                    try Self.checkFunctionName(db, action.functionName, excluding: action.id)
                } catch let error as StoreError {
                    outcomes.append(.failure(error))
                    continue
                }
                try ActionRow.insert(action, into: db)
                outcomes.append(.success(action))
            }
            return outcomes
        }
    }

    /// Saves a changed action. `action.version` must be the version that was
    /// read: if the stored row has moved on (or is gone), nothing is written and
    /// `.conflict` carries the current value. Returns the stored value.
    @discardableResult
    public func update(_ action: Action, now: Date = Date()) throws(StoreError) -> Action {
        if let postgres { try validate(action); return try postgres.update(action, now: now) }
        try validate(action)
        return try write { db in
            guard let current = try Self.fetch(db, id: action.id) else {
                throw StoreError.conflict(id: action.id, name: action.name, current: nil)
            }
            guard current.version == action.version else {
                throw StoreError.conflict(id: action.id, name: current.name, current: current)
            }
            try Self.checkFunctionName(db, action.functionName, excluding: action.id)
            var stored = action
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try db.execute(
                sql: """
                    UPDATE action SET kind = ?, name = ?, function_name = ?, description = ?, trigger = ?,
                      configuration = ?, phone_number = ?, url = ?, property_count = ?, required_count = ?, detail = ?,
                      platform = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?
                    """,
                arguments: [
                    stored.kind.rawValue, stored.name, stored.functionName, stored.description,
                    ActionRow.triggerText(stored.trigger), ActionRow.configurationText(stored.configuration),
                    stored.phoneNumber, stored.customInput?.url,
                    stored.customInput?.inputSchema.properties.count ?? 0, stored.customInput?.inputSchema.requiredNames.count ?? 0,
                    stored.summaryDetail, stored.platform.rawValue,
                    stored.updatedAt.timeIntervalSince1970, stored.version, stored.id.rawValue, action.version,
                ])
            return stored
        }
    }

    /// Deletes an action; with `expectedVersion`, only if nobody changed it since.
    /// Its ID is retired so it is never given out again.
    public func delete(id: ActionID, expectedVersion: Int? = nil, now: Date = Date()) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.deleteAction(id: id, expectedVersion: expectedVersion, now: now) }
        return try write { db in
            if let expectedVersion {
                guard let current = try Self.fetch(db, id: id) else { throw StoreError.notFound("action with ID '\(id)'") }
                if current.version != expectedVersion { throw StoreError.conflict(id: id, name: current.name, current: current) }
            } else {
                // No version to check, so the row need not be readable: a damaged row goes by its ID.
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM action WHERE id = ?)", arguments: [id.rawValue]) ?? false else {
                    throw StoreError.notFound("action with ID '\(id)'")
                }
            }
            try db.execute(sql: "DELETE FROM action WHERE id = ?", arguments: [id.rawValue])
            try db.execute(sql: "INSERT OR IGNORE INTO retired_action_id (id, retired_at) VALUES (?, ?)",
                           arguments: [id.rawValue, now.timeIntervalSince1970])
        }
    }

    // MARK: Helpers

    private func validate(_ action: Action) throws(StoreError) {
        try failIfReadOnly()
        let issues = action.issues
        if !issues.isEmpty { throw .invalid(issues) }
    }

    static func fetch(_ db: Database, id: ActionID) throws -> Action? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(ActionRow.columns) FROM action WHERE id = ?", arguments: [id.rawValue]) else {
            return nil
        }
        return try ActionRow.decode(row)
    }

    static func idIsTaken(_ db: Database, _ id: ActionID) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM action WHERE id = ?1) OR EXISTS (SELECT 1 FROM retired_action_id WHERE id = ?1)
            """, arguments: [id.rawValue]) ?? false
    }

    static func freshID(_ db: Database) throws -> ActionID {
        while true {
            let id = ActionID.generate()
            if try !idIsTaken(db, id) { return id }
        }
    }

    static func checkFunctionName(_ db: Database, _ functionName: String, excluding id: ActionID) throws {
        if let other = try String.fetchOne(db, sql: "SELECT id FROM action WHERE function_name = ? AND id != ?",
                                           arguments: [functionName, id.rawValue]),
            let otherID = ActionID(other)
        {
            throw StoreError.duplicateFunctionName(functionName, existing: otherID)
        }
    }
}

/// How an action maps to a row of the `action` table.
enum ActionRow {
    static let columns = "id, kind, name, function_name, description, trigger, configuration, created_at, updated_at, version, platform"
    static let summaryColumns = """
        id, kind, name, function_name, description, trigger, phone_number, url, created_at, updated_at, version,
        property_count, required_count, detail
        """

    static func triggerText(_ trigger: ActionTrigger) -> String {
        ActionDocument.triggerJSON(trigger).compactText
    }

    static func configurationText(_ configuration: ActionConfiguration) -> String {
        ActionDocument.configurationJSON(configuration, includeSecrets: true).compactText
    }

    static func insert(_ action: Action, into db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO action (\(columns), phone_number, url, property_count, required_count, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                action.id.rawValue, action.kind.rawValue, action.name, action.functionName, action.description,
                triggerText(action.trigger), configurationText(action.configuration),
                action.createdAt.timeIntervalSince1970, action.updatedAt.timeIntervalSince1970, action.version,
                action.platform.rawValue, action.phoneNumber, action.customInput?.url,
                action.customInput?.inputSchema.properties.count ?? 0, action.customInput?.inputSchema.requiredNames.count ?? 0,
                action.summaryDetail,
            ])
    }

    static let functionCallTrigger = #"{"type":"function_call"}"#

    static func decodeSummary(_ row: Row) throws -> ActionSummary {
        try summary(id: row[0], kind: row[1], name: row[2], functionName: row[3], description: row[4], trigger: row[5],
                    phoneNumber: row[6], url: row[7], createdAt: row[8], updatedAt: row[9], version: row[10],
                    propertyCount: row[11], requiredCount: row[12], detail: row[13])
    }

    /// A summary from its columns (`summaryColumns`), whichever backend read them.
    static func summary(
        id idText: String, kind kindText: String, name: String, functionName: String, description: String, trigger triggerText: String,
        phoneNumber: String?, url: String?, createdAt: Double, updatedAt: Double, version: Int,
        propertyCount: Int, requiredCount: Int, detail: String?
    ) throws -> ActionSummary {
        guard let id = ActionID(idText), let kind = ActionKind(rawValue: kindText) else {
            throw StoreError.corrupt(path: "", detail: "action row \(idText) has an unknown id or kind '\(kindText)'")
        }
        let trigger: ActionTrigger
        do {
            trigger = triggerText == functionCallTrigger ? .functionCall : try ActionDocument.trigger(from: JSONValue(parsing: triggerText))
        } catch {
            throw StoreError.corrupt(path: "", detail: "action \(idText) has an unreadable trigger: \(error)")
        }
        return ActionSummary(
            id: id, kind: kind, name: name, functionName: functionName, description: description, trigger: trigger,
            phoneNumber: phoneNumber, url: url, propertyCount: propertyCount, requiredCount: requiredCount, detail: detail,
            createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt), version: version)
    }

    static func decode(_ row: Row) throws -> Action {
        try action(id: row[0], kind: row[1], name: row[2], functionName: row[3], description: row[4], trigger: row[5],
                   configuration: row[6], createdAt: row[7], updatedAt: row[8], version: row[9], platform: row[10])
    }

    /// An action from its columns (`columns`), whichever backend read them.
    static func action(
        id idText: String, kind kindText: String, name: String, functionName: String, description: String, trigger triggerText: String,
        configuration configurationText: String, createdAt: Double, updatedAt: Double, version: Int, platform platformText: String
    ) throws -> Action {
        guard let id = ActionID(idText), let kind = ActionKind(rawValue: kindText) else {
            throw StoreError.corrupt(path: "", detail: "action row \(idText) has an unknown id or kind '\(kindText)'")
        }
        do {
            let trigger: ActionTrigger = triggerText == functionCallTrigger
                ? .functionCall : try ActionDocument.trigger(from: JSONValue(parsing: triggerText))
            let configuration = try ActionDocument.configuration(kind, from: JSONValue(parsing: configurationText), path: "configuration")
            guard let platform = ActionPlatform(rawValue: platformText) else {
                throw StoreError.corrupt(path: "", detail: "action row \(idText) has an unknown platform '\(platformText)'")
            }
            return Action(
                id: id, name: name, functionName: functionName, description: description, trigger: trigger, configuration: configuration, platform: platform,
                createdAt: Date(timeIntervalSince1970: createdAt), updatedAt: Date(timeIntervalSince1970: updatedAt), version: version)
        } catch {
            throw StoreError.corrupt(path: "", detail: "action \(idText) can't be read: \(error)")
        }
    }
}
