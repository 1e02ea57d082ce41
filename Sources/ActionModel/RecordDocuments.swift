/// The JSON forms of agents and calls, as `--json` prints them (docs/json.md).
public enum AgentDocument {
    public static func json(_ agent: Agent) -> JSONValue {
        [
            "id": .string(agent.id.rawValue),
            "name": .string(agent.name),
            "greeting": .string(agent.greeting),
            "prompt": .string(agent.prompt),
            "actions": agent.actionIDs.map { .array($0.map { .string($0.rawValue) }) } ?? .null,
            "is_default": .bool(agent.isDefault),
            "engine": .string(agent.engineName),
            "created_at": .string(Timestamp.format(agent.createdAt)),
            "updated_at": .string(Timestamp.format(agent.updatedAt)),
            "version": .integer(agent.version),
        ]
    }
}

public enum CallDocument {
    public static func json(_ call: CallRecord, events: [CallLogEntry]?) -> JSONValue {
        var object: JSONObject = [
            "id": .string(call.id.rawValue),
            "agent_id": call.agentID.map { .string($0.rawValue) } ?? .null,
            "agent_name": .string(call.agentName),
            "started_from_action": call.startedFromAction.map { .string($0.rawValue) } ?? .null,
            "origin": .string(call.origin),
            "started_at": .string(Timestamp.format(call.startedAt)),
            "ended_at": call.endedAt.map { .string(Timestamp.format($0)) } ?? .null,
            "end_reason": call.endReason.map { .string($0) } ?? .null,
        ]
        if let events { object["events"] = .array(events.map(json)) }
        return .object(object)
    }

    public static func json(_ entry: CallLogEntry) -> JSONValue {
        [
            "sequence": .integer(entry.sequence),
            "time": .string(Timestamp.format(entry.time)),
            "type": .string(entry.type),
            "text": .string(entry.text),
            "action_id": entry.actionID.map { .string($0.rawValue) } ?? .null,
            "data": .object(entry.data),
        ]
    }
}
