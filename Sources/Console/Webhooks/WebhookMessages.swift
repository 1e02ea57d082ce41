import ActionModel

// The values the Webhooks page and the call view's delivery section get from
// the runtime (see `WebhooksMessage.loaded` and `DeliveriesMessage.loaded`).

/// A webhook as the list shows it: the webhook and how its deliveries stand.
public struct WebhookListEntry: Sendable, Equatable {
    public var webhook: Webhook
    public var pendingCount: Int
    public var failedCount: Int

    public init(webhook: Webhook, pendingCount: Int = 0, failedCount: Int = 0) {
        self.webhook = webhook
        self.pendingCount = pendingCount
        self.failedCount = failedCount
    }
}

/// Whose deliveries a log shows: one webhook's, or one call's (every webhook).
public enum DeliveryScope: Sendable, Hashable {
    case webhook(WebhookID)
    case call(CallID)
}

/// A delivery as a log row: the delivery, the label of its webhook (a call's
/// log spans webhooks) and how long its last attempt took.
public struct DeliveryLogEntry: Sendable, Equatable {
    public var delivery: WebhookDelivery
    public var webhookLabel: String
    /// nil until an attempt was made.
    public var lastDurationMilliseconds: Double?

    public init(delivery: WebhookDelivery, webhookLabel: String, lastDurationMilliseconds: Double? = nil) {
        self.delivery = delivery
        self.webhookLabel = webhookLabel
        self.lastDurationMilliseconds = lastDurationMilliseconds
    }
}

