import Foundation

/// Something that happened, as webhooks are told about it.
public struct WebhookEvent: Sendable, Equatable {
    public var type: WebhookEventType
    /// The call it belongs to; nil for `test` pings.
    public var callID: String?
    public var time: Date
    public var data: JSONObject

    public init(type: WebhookEventType, callID: String?, time: Date = Date(), data: JSONObject = JSONObject()) {
        self.type = type
        self.callID = callID
        self.time = time
        self.data = data
    }

    /// `{"event":"…","call_id":"…","timestamp":"…","data":{…}}`, compact: the
    /// exact bytes POSTed (and signed), kept with the delivery so retries send the same.
    public var bodyText: String {
        JSONValue.object(JSONObject([
            (key: "event", value: .string(type.rawValue)),
            (key: "call_id", value: callID.map { .string($0) } ?? .null),
            (key: "timestamp", value: .string(Timestamp.format(time))),
            (key: "data", value: .object(data)),
        ])).compactText
    }
}

/// One event on its way to one webhook, and how far it got.
public struct WebhookDelivery: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// Waiting for its turn, being sent, or waiting to retry.
        case pending
        /// A 2xx came back.
        case delivered
        /// A 4xx, a request that can't be sent, or the retries ran out. `resend` puts it back in line.
        case failed
    }

    public var id: DeliveryID
    public var webhookID: WebhookID
    public var event: WebhookEventType
    public var callID: String?
    public var createdAt: Date
    /// The JSON body exactly as sent.
    public var body: String
    public var status: Status
    /// Attempts made so far, over every round.
    public var attemptCount: Int
    /// Retries allowed after the first attempt of a round (3 for events, 0 for test pings).
    public var maxRetries: Int
    /// `attemptCount` when the current round began (0, or where `resend` started a new round).
    public var roundStart: Int
    /// When the next retry is due, while one is waiting.
    public var nextAttemptAt: Date?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var updatedAt: Date

    public init(
        id: DeliveryID = DeliveryID.generate(), webhookID: WebhookID, event: WebhookEventType, callID: String?, createdAt: Date = Date(),
        body: String, status: Status = .pending, attemptCount: Int = 0, maxRetries: Int = 3, roundStart: Int = 0,
        nextAttemptAt: Date? = nil, lastStatusCode: Int? = nil, lastError: String? = nil, updatedAt: Date? = nil
    ) {
        self.id = id
        self.webhookID = webhookID
        self.event = event
        self.callID = callID
        self.createdAt = createdAt
        self.body = body
        self.status = status
        self.attemptCount = attemptCount
        self.maxRetries = maxRetries
        self.roundStart = roundStart
        self.nextAttemptAt = nextAttemptAt
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.updatedAt = updatedAt ?? createdAt
    }

    /// Attempts made in the current round.
    public var roundAttempts: Int { attemptCount - roundStart }
}

/// One try at sending a delivery, for the log.
public struct DeliveryAttempt: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case delivered
        /// Failed in a way worth trying again (no answer, timeout, 5xx); another attempt follows.
        case retrying
        case failed
    }

    public var deliveryID: DeliveryID
    /// 1, 2, 3 … over the delivery's whole life.
    public var number: Int
    public var startedAt: Date
    public var durationMilliseconds: Double
    /// The HTTP status, when an answer came.
    public var statusCode: Int?
    /// What went wrong, for people: "connection refused", "HTTP 503", … (never a secret's value).
    public var error: String?
    public var outcome: Outcome

    public init(deliveryID: DeliveryID, number: Int, startedAt: Date, durationMilliseconds: Double, statusCode: Int?, error: String?,
                outcome: Outcome) {
        self.deliveryID = deliveryID
        self.number = number
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.statusCode = statusCode
        self.error = error
        self.outcome = outcome
    }
}
