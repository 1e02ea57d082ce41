import ActionModel
import Foundation
import GRDB

/// Everything a store holds, as values: what `switchboard store copy` moves
/// between any two stores (SQLite ↔ PostgreSQL). Rows keep their IDs,
/// versions and times, so an export of the copy is byte-identical. Delivery
/// claims are not copied (they belong to processes of the old store).
public struct StoreContents: Sendable {
    public var actions: [Action] = []
    public var retiredActionIDs: [(id: String, retiredAt: Double)] = []
    public var agents: [Agent] = []
    public var models: [ModelRecord] = []
    public var calls: [(record: CallRecord, events: [CallLogEntry])] = []
    public var environments: [EnvironmentRecord] = []
    public var activeEnvironment: String?
    public var secrets: [SecretDefinition] = []
    public var webhooks: [Webhook] = []
    /// Oldest in the queue first: their order is each webhook's order.
    public var deliveries: [WebhookDelivery] = []
    public var attempts: [DeliveryAttempt] = []

    public var counts: StoreCounts {
        StoreCounts(
            actions: actions.count, agents: agents.count, models: models.count, calls: calls.count, callEvents: calls.reduce(0) { $0 + $1.events.count },
            environments: environments.count, variables: environments.reduce(0) { $0 + $1.variables.count }, secrets: secrets.count,
            webhooks: webhooks.count, deliveries: deliveries.count, attempts: attempts.count)
    }
}

/// How many of each thing a store holds.
public struct StoreCounts: Sendable, Equatable, CustomStringConvertible {
    public var actions = 0, agents = 0, models = 0, calls = 0, callEvents = 0, environments = 0, variables = 0, secrets = 0
    public var webhooks = 0, deliveries = 0, attempts = 0

    public var description: String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return [
            n(actions, "action"), n(agents, "agent"), n(models, "model"), "\(n(calls, "call")) (\(n(callEvents, "event")))",
            "\(n(environments, "environment")) (\(n(variables, "variable")))", "\(n(secrets, "secret")) (definitions)",
            "\(n(webhooks, "webhook")) (\(n(deliveries, "delivery").replacingOccurrences(of: "deliverys", with: "deliveries")), \(n(attempts, "attempt")))",
        ].joined(separator: ", ")
    }

    public var json: JSONValue {
        ["actions": .integer(actions), "agents": .integer(agents), "models": .integer(models), "calls": .integer(calls), "call_events": .integer(callEvents),
         "environments": .integer(environments), "variables": .integer(variables), "secrets": .integer(secrets),
         "webhooks": .integer(webhooks), "deliveries": .integer(deliveries), "attempts": .integer(attempts)]
    }
}

extension ActionStore {
    /// Reads everything, through the same repository methods every caller uses.
    public func contents() throws(StoreError) -> StoreContents {
        var contents = StoreContents()
        contents.actions = try allActions()
        contents.retiredActionIDs = try retiredActionIDs()
        contents.agents = try allAgents()
        contents.models = try allModels()
        for summary in try allCalls().reversed() {
            let (record, events) = try call(id: summary.call.id)
            contents.calls.append((record, events))
        }
        contents.environments = try allEnvironments()
        contents.activeEnvironment = try activeEnvironmentName()
        contents.secrets = try allSecretDefinitions()
        contents.webhooks = try allWebhooks()
        contents.deliveries = try deliveries(limit: Int(Int32.max)).reversed()
        for delivery in contents.deliveries { contents.attempts += try attempts(for: delivery.id) }
        return contents
    }

    /// True when the store holds nothing a person made: no actions, calls,
    /// environments, secrets or webhooks, and only its untouched default agent.
    public func isEmpty() throws(StoreError) -> Bool {
        let agents = try allAgents()
        guard agents.count == 1, agents[0].isDefault, agents[0].version == 1, try count() == 0 else { return false }
        guard try allCalls().isEmpty, try allEnvironments().isEmpty else { return false }
        guard try allSecretDefinitions().isEmpty, try allModels().isEmpty else { return false }
        return try allWebhooks().isEmpty
    }

    /// Replaces everything in this store with `contents`, in one transaction
    /// (a failure leaves the store as it was).
    public func replaceContents(with contents: StoreContents) throws(StoreError) {
        try failIfReadOnly()
        if let postgres { return try postgres.replaceContents(with: contents) }
        try write { db in
            for table in ["webhook_delivery_attempt", "webhook_delivery", "webhook", "call_event", "call", "agent", "model", "action", "retired_action_id",
                          "environment_variable", "environment", "secret", "setting"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            for action in contents.actions { try ActionRow.insert(action, into: db) }
            for retired in contents.retiredActionIDs {
                try db.execute(sql: "INSERT INTO retired_action_id (id, retired_at) VALUES (?, ?)", arguments: [retired.id, retired.retiredAt])
            }
            for model in contents.models { try ModelRow.insert(model, into: db) }
            for agent in contents.agents { try AgentRow.insert(agent, into: db) }
            for (call, events) in contents.calls {
                try db.execute(
                    sql: """
                        INSERT INTO call (id, agent_id, agent_name, started_from_action, started_at, ended_at, end_reason, origin)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [call.id.rawValue, call.agentID?.rawValue, call.agentName, call.startedFromAction?.rawValue,
                                call.startedAt.timeIntervalSince1970, call.endedAt?.timeIntervalSince1970, call.endReason, call.origin])
                for entry in events {
                    try db.execute(
                        sql: "INSERT INTO call_event (call_id, sequence, time, type, text, action_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [call.id.rawValue, entry.sequence, entry.time.timeIntervalSince1970, entry.type, entry.text,
                                    entry.actionID?.rawValue, JSONValue.object(entry.data).compactText])
                }
            }
            for environment in contents.environments {
                try db.execute(sql: "INSERT INTO environment (name, created_at) VALUES (?, ?)",
                               arguments: [environment.name, environment.createdAt.timeIntervalSince1970])
                for (name, value) in environment.variables.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO environment_variable (environment, name, value) VALUES (?, ?, ?)",
                                   arguments: [environment.name, name, value])
                }
            }
            if let active = contents.activeEnvironment {
                try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?)", arguments: [Self.activeEnvironmentKey, active])
            }
            for secret in contents.secrets {
                try db.execute(sql: "INSERT INTO secret (name, from_environment_variable, created_at) VALUES (?, ?, ?)",
                               arguments: [secret.name, secret.fromEnvironmentVariable, secret.createdAt.timeIntervalSince1970])
            }
            for webhook in contents.webhooks {
                try db.execute(sql: "INSERT INTO webhook (\(WebhookRow.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: WebhookRow.arguments(webhook))
            }
            for (order, delivery) in contents.deliveries.enumerated() {
                try db.execute(sql: "INSERT INTO webhook_delivery (\(DeliveryRow.columns), queue_order) VALUES (\(DeliveryRow.placeholders), ?)",
                               arguments: DeliveryRow.arguments(delivery) + [order + 1])
            }
            for attempt in contents.attempts {
                try db.execute(sql: """
                    INSERT INTO webhook_delivery_attempt (delivery_id, number, started_at, duration_ms, status_code, error, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [attempt.deliveryID.rawValue, attempt.number, attempt.startedAt.timeIntervalSince1970,
                                     attempt.durationMilliseconds, attempt.statusCode, attempt.error, attempt.outcome.rawValue])
            }
        }
    }

    /// IDs of deleted actions (never handed out again), with when they were retired.
    func retiredActionIDs() throws(StoreError) -> [(id: String, retiredAt: Double)] {
        if let postgres {
            return try postgres.read { run throws(StoreError) in
                try run.fetch("SELECT id, retired_at FROM retired_action_id ORDER BY id", as: (String, Double).self).map { (id: $0.0, retiredAt: $0.1) }
            }
        }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT id, retired_at FROM retired_action_id ORDER BY id").map { (id: $0[0], retiredAt: $0[1]) }
        }
    }
}
