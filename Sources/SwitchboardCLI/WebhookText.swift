import ActionModel
import Foundation

/// The JSON forms of webhooks and deliveries, as `--json` prints them (docs/webhooks.md).
/// A secret appears by NAME only: its value is never in the store or the output.
enum WebhookDocument {
    static func json(_ webhook: Webhook) -> JSONValue {
        [
            "id": .string(webhook.id.rawValue),
            "label": .string(webhook.label),
            "url": .string(webhook.url),
            "events": .array(webhook.events.map { .string($0.rawValue) }),
            "secret_name": webhook.secretName.map { .string($0) } ?? .null,
            "enabled": .bool(webhook.isEnabled),
            "created_at": .string(Timestamp.format(webhook.createdAt)),
            "updated_at": .string(Timestamp.format(webhook.updatedAt)),
            "version": .integer(webhook.version),
        ]
    }

    static func json(_ delivery: WebhookDelivery, attempts: [DeliveryAttempt]?) -> JSONValue {
        var object: JSONObject = [
            "id": .string(delivery.id.rawValue),
            "webhook_id": .string(delivery.webhookID.rawValue),
            "event": .string(delivery.event.rawValue),
            "call_id": delivery.callID.map { .string($0) } ?? .null,
            "status": .string(delivery.status.rawValue),
            "attempt_count": .integer(delivery.attemptCount),
            "last_status_code": delivery.lastStatusCode.map { .integer($0) } ?? .null,
            "last_error": delivery.lastError.map { .string($0) } ?? .null,
            "next_attempt_at": delivery.nextAttemptAt.map { .string(Timestamp.format($0)) } ?? .null,
            "created_at": .string(Timestamp.format(delivery.createdAt)),
            "updated_at": .string(Timestamp.format(delivery.updatedAt)),
            "body": (try? JSONValue(parsing: delivery.body)) ?? .string(delivery.body),
        ]
        if let attempts { object["attempts"] = .array(attempts.map(json)) }
        return .object(object)
    }

    static func json(_ attempt: DeliveryAttempt) -> JSONValue {
        [
            "number": .integer(attempt.number),
            "started_at": .string(Timestamp.format(attempt.startedAt)),
            "duration_ms": .number((attempt.durationMilliseconds * 10).rounded() / 10),
            "status_code": attempt.statusCode.map { .integer($0) } ?? .null,
            "error": attempt.error.map { .string($0) } ?? .null,
            "outcome": .string(attempt.outcome.rawValue),
        ]
    }
}

/// The text forms: tables and details.
enum WebhookText {
    static func table(_ webhooks: [Webhook]) -> String {
        TextTable.render(
            headers: ["ID", "LABEL", "STATE", "EVENTS", "URL"],
            rows: webhooks.map { [$0.id.rawValue, $0.label, $0.isEnabled ? "enabled" : "disabled",
                                  $0.events.map(\.rawValue).joined(separator: ","), $0.url] },
            caps: [23, 28, 8, 48, 60])
    }

    static func details(_ webhook: Webhook) -> String {
        [
            "ID        \(webhook.id)",
            "Label     \(webhook.label)",
            "URL       \(webhook.url)",
            "Events    \(webhook.events.map(\.rawValue).joined(separator: ", "))",
            "Secret    \(webhook.secretName.map { "\($0) (signs requests with x-vocode-signature)" } ?? "none (requests are not signed)")",
            "State     \(webhook.isEnabled ? "enabled" : "disabled")",
            "Version   \(webhook.version), updated \(Timestamp.format(webhook.updatedAt))",
        ].joined(separator: "\n")
    }

    /// One line per delivery (and per attempt with `attempts`), newest first.
    static func deliveries(_ deliveries: [WebhookDelivery], labels: [WebhookID: String], attempts: [DeliveryID: [DeliveryAttempt]]?) -> String {
        var rows: [[String]] = []
        for delivery in deliveries {
            rows.append([delivery.id.rawValue, labels[delivery.webhookID] ?? delivery.webhookID.rawValue, delivery.event.rawValue,
                         delivery.callID ?? "-", statusText(delivery), "\(delivery.attemptCount)", Timestamp.format(delivery.updatedAt),
                         lastText(delivery)])
            for attempt in attempts?[delivery.id] ?? [] {
                rows.append(["  attempt \(attempt.number)", "", "", "", attempt.outcome.rawValue, "",
                             Timestamp.format(attempt.startedAt),
                             (attempt.statusCode.map { "HTTP \($0) " } ?? "") + String(format: "%.0f ms", attempt.durationMilliseconds)
                                + (attempt.error.map { " — \($0)" } ?? "")])
            }
        }
        return TextTable.render(headers: ["DELIVERY", "WEBHOOK", "EVENT", "CALL", "STATUS", "ATTEMPTS", "UPDATED", "LAST"],
                                rows: rows, caps: [24, 24, 20, 25, 10, 8, 24, 80])
    }

    static func statusText(_ delivery: WebhookDelivery) -> String {
        if delivery.status == .pending, delivery.nextAttemptAt != nil { return "retrying" }
        return delivery.status.rawValue
    }

    static func lastText(_ delivery: WebhookDelivery) -> String {
        if let error = delivery.lastError { return error }
        if let code = delivery.lastStatusCode { return "HTTP \(code)" }
        return delivery.attemptCount == 0 ? "not sent yet" : ""
    }
}
