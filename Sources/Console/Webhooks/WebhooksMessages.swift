import ActionModel

// What the Webhooks page, the delivery logs and the runtime say to each other
// (`ConsoleMessage.webhooks`/`.deliveries`, `ConsoleEffect.webhooks`/
// `.deliveries`/`.dispatcher`). `WebhooksPage.receive` and
// `DeliveryLogPage.receive` each switch over every message of theirs.

public enum WebhooksMessage: Sendable, Equatable {
    /// Every webhook with its delivery counts, oldest first, and the secret
    /// NAMES the store defines (never values) (`.load`).
    case loaded([WebhookListEntry], definedSecrets: [String])
    /// A webhook insert or update went through; this is the stored value.
    case saved(Webhook)
    case deleted(WebhookID)
    case failed(WebhookFailure)

    /// Not a list load to hand memory back after: the list is read again as
    /// deliveries go out (their counts), as the delivery log is.
    public var isListLoad: Bool { false }
}

public enum WebhooksEffect: Sendable, Equatable {
    /// Every webhook with its counts; answered by `.loaded`.
    case load
    /// A new webhook; answered by `.saved` or `.failed`.
    case insert(Webhook)
    /// A changed webhook at the version it was read; `.failed` with
    /// `.conflict` when the row has moved on.
    case update(Webhook)
    case delete(Webhook)
}

/// Delivery logs: a webhook's (the Webhooks page) and an opened call's (the Calls page).
public enum DeliveriesMessage: Sendable, Equatable {
    /// A delivery log, newest first (`.deliveries(.load)`).
    case loaded(DeliveryScope, [DeliveryLogEntry])
    /// One delivery and every attempt at it (`.deliveries(.open)`).
    case opened(DeliveryLogEntry, [DeliveryAttempt])
    /// `.dispatcher(.sendTestDelivery)` is over: the test delivery as it ended
    /// (still `pending` when no answer came in time).
    case testFinished(WebhookDelivery)
    /// `.dispatcher(.resendDelivery)` put the failed delivery back in its webhook's queue.
    case resent(WebhookDelivery)
    /// Deliveries were queued, attempted or finished since the last such
    /// message (sent at most a few times a second): open logs read them again.
    case changed

    /// Not a list load to hand memory back after: a log is read again while deliveries go out.
    public var isListLoad: Bool { false }
}

/// Delivery logs read from the store.
public enum DeliveriesEffect: Sendable, Equatable {
    /// A webhook's or a call's deliveries; answered by `.deliveries(.loaded)`.
    case load(DeliveryScope)
    /// One delivery with its attempts; answered by `.deliveries(.opened)`.
    case open(DeliveryID)
}

/// Deliveries sent through the console's webhook dispatcher (started if it
/// isn't): they may wait on the network, so they run off the store's queue.
public enum DispatcherEffect: Sendable, Equatable {
    /// A `test` delivery; answered by `.deliveries(.testFinished)` once it is
    /// delivered or failed.
    case sendTestDelivery(Webhook)
    /// A failed delivery back in its queue; answered by `.deliveries(.resent)`.
    case resendDelivery(DeliveryID)
}
