import ActionStore

/// What the console runs besides its own loop, in one place for every page's
/// runtime work. `webhooks` is the console's dispatcher: `await
/// services.webhooks.dispatcher()` (started on demand) for test and resend,
/// `await services.webhooks.dispatcherIfNeeded()` to hand to a `LiveCall`.
public final class ConsoleServices: Sendable {
    public let store: ActionStore
    public let webhooks: ConsoleWebhooks

    public init(store: ActionStore, webhooks: ConsoleWebhooks) {
        self.store = store
        self.webhooks = webhooks
    }
}
