import ActionModel
import Foundation
import PostgresNIO

/// `StoreCopy.swift`'s writing half on PostgreSQL.
extension PostgresBackend {
    func replaceContents(with contents: StoreContents) throws(StoreError) {
        try write { run throws(StoreError) in
            try run.execute("""
                TRUNCATE webhook_delivery_attempt, webhook_delivery, webhook, call_event, call, agent, model, action, retired_action_id,
                  environment_variable, environment, secret, setting
                """)
            for action in contents.actions { try insertRow(action, run) }
            for retired in contents.retiredActionIDs {
                try run.execute("INSERT INTO retired_action_id (id, retired_at) VALUES (\(retired.id), \(retired.retiredAt))")
            }
            for model in contents.models { try insertModelRow(model, run) }
            for agent in contents.agents { try insertAgentRow(agent, run) }
            for (call, events) in contents.calls {
                try insertCallRow(call, run)
                try appendRows(events, to: call.id, run)
            }
            for environment in contents.environments {
                try run.execute("INSERT INTO environment (name, created_at) VALUES (\(environment.name), \(environment.createdAt.timeIntervalSince1970))")
                for (name, value) in environment.variables.sorted(by: { $0.key < $1.key }) {
                    try run.execute("INSERT INTO environment_variable (environment, name, value) VALUES (\(environment.name), \(name), \(value))")
                }
            }
            if let active = contents.activeEnvironment {
                try run.execute("INSERT INTO setting (key, value) VALUES (\(ActionStore.activeEnvironmentKey), \(active))")
            }
            for secret in contents.secrets {
                try run.execute("""
                    INSERT INTO secret (name, from_environment_variable, created_at)
                    VALUES (\(secret.name), \(secret.fromEnvironmentVariable), \(secret.createdAt.timeIntervalSince1970))
                    """)
            }
            for webhook in contents.webhooks { try insertWebhookRow(webhook, run) }
            for (order, delivery) in contents.deliveries.enumerated() { try insertDeliveryRow(delivery, queueOrder: Int64(order + 1), run) }
            // New deliveries go after the copied ones.
            try run.execute("SELECT setval('webhook_delivery_queue_order', \(Int64(contents.deliveries.count + 1)), false)")
            for attempt in contents.attempts {
                try run.execute("""
                    INSERT INTO webhook_delivery_attempt (delivery_id, number, started_at, duration_ms, status_code, error, outcome)
                    VALUES (\(attempt.deliveryID.rawValue), \(attempt.number), \(attempt.startedAt.timeIntervalSince1970),
                      \(attempt.durationMilliseconds), \(attempt.statusCode), \(attempt.error), \(attempt.outcome.rawValue))
                    """)
            }
        }
    }
}
