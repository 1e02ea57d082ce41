import ActionModel
import Foundation
@testable import Console

/// Webhooks and deliveries with fixed IDs and times, for the Webhooks page and the call view.
enum WebhookFixtures {
    static func deliveryID(_ n: Int) -> DeliveryID {
        let digits = String(n)
        return DeliveryID("whd_" + String(repeating: "0", count: 16 - digits.count) + digits)!
    }

    static let crmSync = Webhook(
        id: WebhookID("wh_crmsync000000000")!, label: "CRM sync", url: "https://crm.example.com/hooks/switchboard",
        events: [.callEnded, .transcript], secretName: "CRM_WEBHOOK_KEY", createdAt: Fixtures.date(3), version: 2)

    static let pager = Webhook(
        id: WebhookID("wh_pager00000000000")!, label: "On-call pager", url: "https://pager.example.net/alerts",
        events: [.callDidNotConnect, .error], secretName: "PAGER_KEY", isEnabled: false, createdAt: Fixtures.date(4))

    static let everything = Webhook(
        id: WebhookID("wh_3rdparty00000000")!, label: "Local recorder", url: "http://127.0.0.1:9000/hook",
        events: WebhookEventType.subscribable, createdAt: Fixtures.date(5))

    static let entries = [
        WebhookListEntry(webhook: crmSync, pendingCount: 1, failedCount: 2),
        WebhookListEntry(webhook: pager),
        WebhookListEntry(webhook: everything),
    ]

    /// Defined in the store: CRM_WEBHOOK_KEY (PAGER_KEY is not).
    static let definedSecrets = ["CRM_WEBHOOK_KEY", "OPENAI_KEY"]

    static func body(_ type: WebhookEventType, _ call: CallRecord?, _ time: Date, _ data: JSONObject) -> String {
        WebhookEvent(type: type, callID: call?.id.rawValue, time: time, data: data).bodyText
    }

    static func entry(_ n: Int, _ type: WebhookEventType, call: CallRecord?, at time: Date, status: WebhookDelivery.Status,
                      attempts: Int, http: Int?, error: String?, ms: Double?, retryAt: Date? = nil, webhook: Webhook = crmSync) -> DeliveryLogEntry {
        let data: JSONObject = type == .callEnded ? ["end_reason": "completed", "duration_ms": 65_000]
            : type == .transcript ? ["line_count": 2, "lines": [["speaker": "agent", "text": "Acme, how can I help?"]]]
            : ["message": "A test delivery from Switchboard"]
        let delivery = WebhookDelivery(
            id: deliveryID(n), webhookID: webhook.id, event: type, callID: call?.id.rawValue, createdAt: time,
            body: body(type, call, time, data), status: status, attemptCount: attempts, maxRetries: type == .test ? 0 : 3,
            nextAttemptAt: retryAt, lastStatusCode: http, lastError: error, updatedAt: time)
        return DeliveryLogEntry(delivery: delivery, webhookLabel: webhook.label, lastDurationMilliseconds: ms)
    }

    static let ticketCall = PageFixtures.ticketCall
    static let failedCall = PageFixtures.failedCall

    /// CRM sync's log, newest first: a failed transcript, a delivered call_ended, a retrying one, a test ping.
    static let log: [DeliveryLogEntry] = [
        entry(5, .test, call: nil, at: PageFixtures.time(11, 100), status: .delivered, attempts: 1, http: 204, error: nil, ms: 12.4),
        entry(4, .transcript, call: ticketCall, at: PageFixtures.time(10, 36_065), status: .failed, attempts: 4, http: 503,
              error: "HTTP 503 (gave up after 4 attempts)", ms: 1002),
        entry(3, .callEnded, call: ticketCall, at: PageFixtures.time(10, 36_065), status: .delivered, attempts: 2, http: 200, error: nil, ms: 231.4),
        entry(2, .callEnded, call: failedCall, at: PageFixtures.time(9, 50_012), status: .pending, attempts: 1, http: nil,
              error: "connection refused", ms: 3, retryAt: PageFixtures.time(9, 50_014)),
        entry(1, .transcript, call: failedCall, at: PageFixtures.time(9, 50_012), status: .failed, attempts: 1, http: 400,
              error: "HTTP 400 Bad Request: the receiver refused it (not retried)", ms: 18),
    ]

    /// The ticket call's deliveries, to every webhook.
    static let ticketCallDeliveries: [DeliveryLogEntry] = [
        log[1], log[2],
        entry(6, .callEnded, call: ticketCall, at: PageFixtures.time(10, 36_065), status: .delivered, attempts: 1, http: 200, error: nil,
              ms: 4.2, webhook: everything),
    ]

    /// The failed transcript's four attempts.
    static let attempts: [DeliveryAttempt] = (1...4).map { number in
        DeliveryAttempt(deliveryID: deliveryID(4), number: number, startedAt: PageFixtures.time(10, 36_065 + Double(1 << (number - 1)) - 1),
                        durationMilliseconds: 1002, statusCode: 503,
                        error: number == 4 ? "HTTP 503 (gave up after 4 attempts)" : "HTTP 503", outcome: number == 4 ? .failed : .retrying)
    }

    /// The shell with agents, calls and webhooks loaded, on the Webhooks page, times in UTC.
    static func state(width: Int = 80, height: Int = 24, readOnly: Bool = false, entries: [WebhookListEntry] = entries) -> ConsoleState {
        var state = PageFixtures.state(width: width, height: height, readOnly: readOnly)
        state.webhooks.timeZone = TimeZone(identifier: "UTC")!
        state.press(.function(6))
        state.send(.webhooks(.loaded(entries, definedSecrets: definedSecrets)))
        return state
    }
}
