import ActionModel
import Foundation
import PostgresNIO

/// `AgentRepository.swift` and `CallRepository.swift` on PostgreSQL.
extension PostgresBackend {
    typealias AgentColumns = (String, String, String, String, String?, Bool, Double, Double, Int, String?)

    func decodeAgent(_ c: AgentColumns) throws(StoreError) -> Agent {
        guard let id = AgentID(c.0) else { throw .corrupt(path: path, detail: "agent row has an unknown id '\(c.0)'") }
        var actionIDs: [ActionID]?
        if let text = c.4 {
            actionIDs = (try? JSONValue(parsing: text))?.arrayValue?.compactMap { $0.stringValue.flatMap(ActionID.init) } ?? []
        }
        return Agent(id: id, name: c.1, greeting: c.2, prompt: c.3, actionIDs: actionIDs, isDefault: c.5,
                     createdAt: Date(timeIntervalSince1970: c.6), updatedAt: Date(timeIntervalSince1970: c.7), version: c.8, model: c.9)
    }

    func agents(_ condition: PostgresQuery, _ run: PostgresTransaction) throws(StoreError) -> [Agent] {
        let query = PostgresQuery(unsafeSQL: "SELECT \(AgentRow.columns) FROM agent " + condition.sql, binds: condition.binds)
        return try run.fetch(query, as: AgentColumns.self).map(decodeAgent)
    }

    func allAgents() throws(StoreError) -> [Agent] {
        try read { run throws(StoreError) in try agents("ORDER BY is_default DESC, created_at, id", run) }
    }

    func defaultAgent() throws(StoreError) -> Agent? {
        try read { run throws(StoreError) in try agents("WHERE is_default", run).first }
    }

    func agent(reference: String) throws(StoreError) -> Agent? {
        try read { run throws(StoreError) in
            if let id = AgentID(reference), let found = try agents("WHERE id = \(id.rawValue)", run).first { return found }
            return try agents("WHERE lower(name) = lower(\(reference))", run).first
        }
    }

    func insert(_ agent: Agent) throws(StoreError) -> Agent {
        var added = agent
        added.isDefault = false
        return try insertFirstVersion(added, check: checkAgent, insert: insertAgentRow)
    }

    func insertAgentRow(_ agent: Agent, _ run: PostgresTransaction) throws(StoreError) {
        try run.execute("""
            INSERT INTO agent (\(unescaped: AgentRow.columns)) VALUES (\(agent.id.rawValue), \(agent.name), \(agent.greeting), \(agent.prompt),
              \(AgentRow.actionIDsText(agent.actionIDs)), \(agent.isDefault), \(agent.createdAt.timeIntervalSince1970),
              \(agent.updatedAt.timeIntervalSince1970), \(agent.version), \(agent.model))
            """)
    }

    func update(_ agent: Agent, now: Date) throws(StoreError) -> Agent {
        try saveNextVersion(
            agent, now: now, current: { run throws(StoreError) in try agents("WHERE id = \(agent.id.rawValue) FOR UPDATE", run).first },
            missing: { .notFound("agent '\(agent.name)' (it was deleted)") },
            conflict: { current in .agentConflict(name: current.name, currentVersion: current.version) },
            check: checkAgent, keep: { stored, current in stored.isDefault = current.isDefault }
        ) { stored, run throws(StoreError) in
            try run.execute("""
                UPDATE agent SET name = \(stored.name), greeting = \(stored.greeting), prompt = \(stored.prompt),
                  action_ids = \(AgentRow.actionIDsText(stored.actionIDs)), updated_at = \(stored.updatedAt.timeIntervalSince1970),
                  version = \(stored.version), model = \(stored.model) WHERE id = \(stored.id.rawValue)
                """)
        }
    }

    func delete(agent: Agent) throws(StoreError) {
        try write { run throws(StoreError) in
            let deleted = try run.execute("DELETE FROM agent WHERE id = \(agent.id.rawValue) AND version = \(agent.version)")
            guard deleted == 0, let current = try agents("WHERE id = \(agent.id.rawValue)", run).first else { return }
            throw StoreError.agentConflict(name: current.name, currentVersion: current.version)
        }
    }

    func checkAgent(_ run: PostgresTransaction, _ agent: Agent) throws(StoreError) {
        if let other = try run.scalar("SELECT id FROM agent WHERE lower(name) = lower(\(agent.name)) AND id <> \(agent.id.rawValue)", as: String.self) {
            throw StoreError.invalid([FieldIssue.record("an agent named '\(agent.name)' already exists (\(other)); pick another name")])
        }
        if let model = agent.model, try fetchModel(run, name: model) == nil {
            throw StoreError.notFound("model '\(model)' (the engine of agent '\(agent.name)'); `switchboard models list` shows them, or use --model rules")
        }
        for id in agent.actionIDs ?? [] where try fetchAction(run, id: id) == nil {
            throw StoreError.notFound("action with ID '\(id)' (named in agent '\(agent.name)')")
        }
    }

    // MARK: Calls

    func startCall(_ call: CallRecord) throws(StoreError) {
        try write { run throws(StoreError) in try insertCallRow(call, run) }
    }

    func insertCallRow(_ call: CallRecord, _ run: PostgresTransaction) throws(StoreError) {
        try run.execute("""
            INSERT INTO call (id, agent_id, agent_name, started_from_action, started_at, ended_at, end_reason, origin)
            VALUES (\(call.id.rawValue), \(call.agentID?.rawValue), \(call.agentName), \(call.startedFromAction?.rawValue),
              \(call.startedAt.timeIntervalSince1970), \(call.endedAt?.timeIntervalSince1970), \(call.endReason), \(call.origin))
            """)
    }

    func append(_ entries: [CallLogEntry], to callID: CallID) throws(StoreError) {
        try write { run throws(StoreError) in try appendRows(entries, to: callID, run) }
    }

    func appendRows(_ entries: [CallLogEntry], to callID: CallID, _ run: PostgresTransaction) throws(StoreError) {
        for entry in entries {
            try run.execute("""
                INSERT INTO call_event (call_id, sequence, time, type, text, action_id, data)
                VALUES (\(callID.rawValue), \(entry.sequence), \(entry.time.timeIntervalSince1970), \(entry.type), \(entry.text),
                  \(entry.actionID?.rawValue), \(JSONValue.object(entry.data).compactText))
                """)
        }
    }

    func endCall(_ id: CallID, reason: String, at time: Date) throws(StoreError) {
        _ = try write { run throws(StoreError) in
            try run.execute("UPDATE call SET ended_at = \(time.timeIntervalSince1970), end_reason = \(reason) WHERE id = \(id.rawValue)")
        }
    }

    typealias CallColumns = (String, String?, String, String?, Double, Double?, String?, String)

    func decodeCall(_ c: CallColumns) throws(StoreError) -> CallRecord {
        guard let id = CallID(c.0) else { throw .corrupt(path: path, detail: "call row has an unknown id '\(c.0)'") }
        return CallRecord(id: id, agentID: c.1.flatMap(AgentID.init), agentName: c.2, startedFromAction: c.3.flatMap(ActionID.init),
                          startedAt: Date(timeIntervalSince1970: c.4), endedAt: c.5.map(Date.init(timeIntervalSince1970:)), endReason: c.6, origin: c.7)
    }

    func allCalls() throws(StoreError) -> [CallSummary] {
        let rows = try read { run throws(StoreError) in
            try run.fetch("""
                SELECT c.id, c.agent_id, c.agent_name, c.started_from_action, c.started_at, c.ended_at, c.end_reason, c.origin,
                  (SELECT count(*) FROM call_event e WHERE e.call_id = c.id),
                  (SELECT string_agg(DISTINCT e.action_id, ',') FROM call_event e WHERE e.call_id = c.id AND e.action_id IS NOT NULL),
                  (SELECT e.data FROM call_event e WHERE e.call_id = c.id AND e.type = 'response' ORDER BY e.sequence DESC LIMIT 1)
                FROM call c ORDER BY c.started_at DESC, c.id
                """, as: (String, String?, String, String?, Double, Double?, String?, String, Int, String?, String?).self)
        }
        var calls: [CallSummary] = []
        for row in rows {
            var last: JSONObject?
            if let response = row.10, case let .object(data)? = try? JSONValue(parsing: response) { last = data }
            calls.append(CallSummary(
                call: try decodeCall((row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7)), eventCount: row.8,
                actionIDs: (row.9 ?? "").split(separator: ",").compactMap { ActionID(String($0)) }, lastResponse: last))
        }
        return calls
    }

    func call(id: CallID) throws(StoreError) -> (CallRecord, [CallLogEntry])? {
        try read { run throws(StoreError) in
            guard let row = try run.fetchOne("""
                SELECT id, agent_id, agent_name, started_from_action, started_at, ended_at, end_reason, origin FROM call WHERE id = \(id.rawValue)
                """, as: CallColumns.self) else { return nil }
            let events = try run.fetch("""
                SELECT sequence, time, type, text, action_id, data FROM call_event WHERE call_id = \(id.rawValue) ORDER BY sequence
                """, as: (Int, Double, String, String, String?, String).self).map { e in
                    CallLogEntry(sequence: e.0, time: Date(timeIntervalSince1970: e.1), type: e.2, text: e.3, actionID: e.4.flatMap(ActionID.init),
                                 data: (try? JSONValue(parsing: e.5))?.objectValue ?? JSONObject())
                }
            return (try decodeCall(row), events)
        }
    }
}
