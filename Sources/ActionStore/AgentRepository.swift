import ActionModel
import Foundation
import GRDB

extension ActionStore {
    /// Every agent, the default one first.
    public func allAgents() throws(StoreError) -> [Agent] {
        if let postgres { return try postgres.allAgents() }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT \(AgentRow.columns) FROM agent ORDER BY is_default DESC, created_at, id").map(AgentRow.decode)
        }
    }

    /// The agent every store has; it uses every action.
    public func defaultAgent() throws(StoreError) -> Agent {
        let found: Agent?
        if let postgres {
            found = try postgres.defaultAgent()
        } else {
            found = try read { db in
                try Row.fetchOne(db, sql: "SELECT \(AgentRow.columns) FROM agent WHERE is_default = 1").map(AgentRow.decode)
            }
        }
        guard let found else { throw .corrupt(path: path, detail: "the default agent is missing") }
        return found
    }

    /// By ID or (case-insensitive) name.
    public func agent(reference: String) throws(StoreError) -> Agent {
        if let postgres {
            guard let found = try postgres.agent(reference: reference) else { throw .notFound("agent with ID or name '\(reference)'; `switchboard agents list` shows them") }
            return found
        }
        let found: Agent? = try read { db in
            if let id = AgentID(reference),
                let row = try Row.fetchOne(db, sql: "SELECT \(AgentRow.columns) FROM agent WHERE id = ?", arguments: [id.rawValue])
            {
                return try AgentRow.decode(row)
            }
            return try Row.fetchOne(db, sql: "SELECT \(AgentRow.columns) FROM agent WHERE name = ? COLLATE NOCASE", arguments: [reference])
                .map(AgentRow.decode)
        }
        guard let found else { throw .notFound("agent with ID or name '\(reference)'; `switchboard agents list` shows them") }
        return found
    }

    /// The actions an agent may use, in its order (every action for the default agent).
    public func actions(for agent: Agent) throws(StoreError) -> [Action] {
        guard let ids = agent.actionIDs else { return try allActions() }
        var actions: [Action] = []
        for id in ids { if let action = try action(id: id) { actions.append(action) } }
        return actions
    }

    @discardableResult
    public func insert(_ agent: Agent) throws(StoreError) -> Agent {
        if let postgres { try validate(agent); return try postgres.insert(agent) }
        try validate(agent)
        return try write { db in
            var stored = agent
            stored.version = 1
            stored.isDefault = false
            stored.updatedAt = stored.createdAt
            try Self.checkAgent(db, stored)
            try AgentRow.insert(stored, into: db)
            return stored
        }
    }

    /// Saves a changed agent; like actions, `agent.version` must be the version read.
    @discardableResult
    public func update(_ agent: Agent, now: Date = Date()) throws(StoreError) -> Agent {
        if let postgres { try validate(agent); return try postgres.update(agent, now: now) }
        try validate(agent)
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(AgentRow.columns) FROM agent WHERE id = ?", arguments: [agent.id.rawValue]) else {
                throw StoreError.notFound("agent '\(agent.name)' (it was deleted)")
            }
            let current = try AgentRow.decode(row)
            guard current.version == agent.version else {
                throw StoreError.agentConflict(name: current.name, currentVersion: current.version)
            }
            try Self.checkAgent(db, agent)
            var stored = agent
            stored.isDefault = current.isDefault
            stored.createdAt = current.createdAt
            stored.updatedAt = max(now, current.updatedAt)
            stored.version = current.version + 1
            try db.execute(
                sql: "UPDATE agent SET name = ?, greeting = ?, prompt = ?, action_ids = ?, updated_at = ?, version = ?, model = ? WHERE id = ?",
                arguments: [stored.name, stored.greeting, stored.prompt, AgentRow.actionIDsText(stored.actionIDs),
                            stored.updatedAt.timeIntervalSince1970, stored.version, stored.model, stored.id.rawValue])
            return stored
        }
    }

    /// Deletes the agent as it was read: if it changed since (another console,
    /// another command), nothing is deleted and `.agentConflict` says so, as
    /// for an update. An agent already gone is not an error.
    public func delete(agent: Agent) throws(StoreError) {
        if agent.isDefault { throw .invalid([FieldIssue.record("the default agent can't be deleted; edit it instead")]) }
        if let postgres { try failIfReadOnly(); return try postgres.delete(agent: agent) }
        return try write { db in
            try db.execute(sql: "DELETE FROM agent WHERE id = ? AND version = ?", arguments: [agent.id.rawValue, agent.version])
            guard db.changesCount == 0,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM agent WHERE id = ?", arguments: [agent.id.rawValue])
            else { return }
            let current = try AgentRow.decode(row)
            throw StoreError.agentConflict(name: current.name, currentVersion: current.version)
        }
    }

    private func validate(_ agent: Agent) throws(StoreError) {
        try failIfReadOnly()
        if let problem = agent.issues.first { throw .invalid([FieldIssue.record(problem)]) }
    }

    static func checkAgent(_ db: Database, _ agent: Agent) throws {
        if let other = try String.fetchOne(db, sql: "SELECT id FROM agent WHERE name = ? COLLATE NOCASE AND id != ?",
                                           arguments: [agent.name, agent.id.rawValue]) {
            throw StoreError.invalid([FieldIssue.record("an agent named '\(agent.name)' already exists (\(other)); pick another name")])
        }
        if let model = agent.model, try ModelRow.fetch(db, name: model) == nil {
            throw StoreError.notFound("model '\(model)' (the engine of agent '\(agent.name)'); `switchboard models list` shows them, or use --model rules")
        }
        for id in agent.actionIDs ?? [] where try fetch(db, id: id) == nil {
            throw StoreError.notFound("action with ID '\(id)' (named in agent '\(agent.name)')")
        }
    }
}

enum AgentRow {
    static let columns = "id, name, greeting, prompt, action_ids, is_default, created_at, updated_at, version, model"

    static func actionIDsText(_ ids: [ActionID]?) -> String? {
        ids.map { JSONValue.array($0.map { .string($0.rawValue) }).compactText }
    }

    static func insert(_ agent: Agent, into db: Database) throws {
        try db.execute(
            sql: "INSERT INTO agent (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [agent.id.rawValue, agent.name, agent.greeting, agent.prompt, actionIDsText(agent.actionIDs), agent.isDefault,
                        agent.createdAt.timeIntervalSince1970, agent.updatedAt.timeIntervalSince1970, agent.version, agent.model])
    }

    static func decode(_ row: Row) throws -> Agent {
        let idText: String = row[0]
        guard let id = AgentID(idText) else { throw StoreError.corrupt(path: "", detail: "agent row has an unknown id '\(idText)'") }
        var actionIDs: [ActionID]?
        if let text: String = row[4] {
            actionIDs = (try? JSONValue(parsing: text))?.arrayValue?.compactMap { $0.stringValue.flatMap(ActionID.init) } ?? []
        }
        return Agent(id: id, name: row[1], greeting: row[2], prompt: row[3], actionIDs: actionIDs, isDefault: row[5],
                     createdAt: Date(timeIntervalSince1970: row[6]), updatedAt: Date(timeIntervalSince1970: row[7]), version: row[8],
                     model: row[9])
    }
}
