import ActionModel
import Foundation
import GRDB

/// A call with how much happened in it, for lists.
public struct CallSummary: Sendable, Equatable {
    public var call: CallRecord
    public var eventCount: Int
    public var actionIDs: [ActionID]
    /// How the call's last request ended: the `data` of its last `response`
    /// event (`status`, `error`), nil when no request went out.
    public var lastResponse: JSONObject?
}

extension ActionStore {
    /// Records a call as it starts. Each event is then appended in its own
    /// transaction, so a crash mid-call keeps everything said before it.
    public func startCall(_ call: CallRecord) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.startCall(call) }
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO call (id, agent_id, agent_name, started_from_action, started_at, ended_at, end_reason, origin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [call.id.rawValue, call.agentID?.rawValue, call.agentName, call.startedFromAction?.rawValue,
                            call.startedAt.timeIntervalSince1970, call.endedAt?.timeIntervalSince1970, call.endReason, call.origin])
        }
    }

    public func append(_ entries: [CallLogEntry], to callID: CallID) throws(StoreError) {
        guard !entries.isEmpty else { return }
        if let postgres { try failIfReadOnly(); return try postgres.append(entries, to: callID) }
        return try write { db in
            for entry in entries {
                try db.execute(
                    sql: "INSERT INTO call_event (call_id, sequence, time, type, text, action_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [callID.rawValue, entry.sequence, entry.time.timeIntervalSince1970, entry.type, entry.text,
                                entry.actionID?.rawValue, JSONValue.object(entry.data).compactText])
            }
        }
    }

    public func endCall(_ id: CallID, reason: String, at time: Date = Date()) throws(StoreError) {
        if let postgres { try failIfReadOnly(); return try postgres.endCall(id, reason: reason, at: time) }
        return try write { db in
            try db.execute(sql: "UPDATE call SET ended_at = ?, end_reason = ? WHERE id = ?",
                           arguments: [time.timeIntervalSince1970, reason, id.rawValue])
        }
    }

    /// Every call, newest first.
    public func allCalls() throws(StoreError) -> [CallSummary] {
        if let postgres { return try postgres.allCalls() }
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.agent_id, c.agent_name, c.started_from_action, c.started_at, c.ended_at, c.end_reason, c.origin,
                  (SELECT count(*) FROM call_event e WHERE e.call_id = c.id),
                  (SELECT group_concat(DISTINCT e.action_id) FROM call_event e WHERE e.call_id = c.id AND e.action_id IS NOT NULL),
                  (SELECT e.data FROM call_event e WHERE e.call_id = c.id AND e.type = 'response' ORDER BY e.sequence DESC LIMIT 1)
                FROM call c ORDER BY c.started_at DESC, c.id
                """)
            return try rows.map { row in
                let ids: String? = row[9]
                let response: String? = row[10]
                var last: JSONObject?
                if let response, case let .object(data)? = try? JSONValue(parsing: response) { last = data }
                return CallSummary(call: try CallRow.decode(row), eventCount: row[8],
                                   actionIDs: (ids ?? "").split(separator: ",").compactMap { ActionID(String($0)) },
                                   lastResponse: last)
            }
        }
    }

    /// One call and its events in order.
    public func call(id: CallID) throws(StoreError) -> (CallRecord, [CallLogEntry]) {
        let found: (CallRecord, [CallLogEntry])? = try postgres != nil ? postgres!.call(id: id) : read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, agent_id, agent_name, started_from_action, started_at, ended_at, end_reason, origin FROM call WHERE id = ?
                """, arguments: [id.rawValue])
            else { return nil }
            let events = try Row.fetchAll(db, sql: """
                SELECT sequence, time, type, text, action_id, data FROM call_event WHERE call_id = ? ORDER BY sequence
                """, arguments: [id.rawValue]).map { row -> CallLogEntry in
                    let actionText: String? = row[4]
                    let dataText: String = row[5]
                    return CallLogEntry(sequence: row[0], time: Date(timeIntervalSince1970: row[1]), type: row[2], text: row[3],
                                        actionID: actionText.flatMap(ActionID.init),
                                        data: (try? JSONValue(parsing: dataText))?.objectValue ?? JSONObject())
                }
            return (try CallRow.decode(row), events)
        }
        guard let found else { throw .notFound("call '\(id)'; `switchboard calls list` shows them") }
        return found
    }
}

enum CallRow {
    static func decode(_ row: Row) throws -> CallRecord {
        let idText: String = row[0]
        guard let id = CallID(idText) else { throw StoreError.corrupt(path: "", detail: "call row has an unknown id '\(idText)'") }
        let agentText: String? = row[1]
        let actionText: String? = row[3]
        let ended: Double? = row[5]
        return CallRecord(id: id, agentID: agentText.flatMap(AgentID.init), agentName: row[2],
                          startedFromAction: actionText.flatMap(ActionID.init), startedAt: Date(timeIntervalSince1970: row[4]),
                          endedAt: ended.map(Date.init(timeIntervalSince1970:)), endReason: row[6], origin: row[7])
    }
}
