import ActionHTTP
import ActionModel
import ActionStore
import Foundation
import Webhooks

/// How command-line runs start and stop the webhook dispatcher.
enum WebhookRuntime {
    /// A webhook's signing secret NAME is a secret like any other
    /// (`switchboard secrets set NAME`): its value is looked up when a delivery
    /// is signed, in the environment chosen with `--env` (else the active
    /// one), so a value changed meanwhile is used at once. Errors say how to
    /// define it, never a value.
    static func storeSecrets(_ store: ActionStore, environment: String? = nil) -> WebhookDispatcher.SecretResolver {
        { name in
            do { return try store.templateContext(environment: environment).value(of: TemplateReference(.secret, name)) }
            catch let error as TemplateError { throw SecretUnavailable(description: error.message) }
        }
    }

    struct SecretUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// Timings, overridable for scripts and tests: `SWITCHBOARD_WEBHOOK_TIMEOUT_MS`
    /// (one attempt, default 10000) and `SWITCHBOARD_WEBHOOK_BACKOFF_MS` (first retry wait, default 1000).
    static func policy(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> RetryPolicy {
        var policy = RetryPolicy()
        if let text = environment["SWITCHBOARD_WEBHOOK_TIMEOUT_MS"], let ms = Int(text), ms > 0 { policy.timeout = .milliseconds(ms) }
        if let text = environment["SWITCHBOARD_WEBHOOK_BACKOFF_MS"], let ms = Int(text), ms >= 0 { policy.backoffBase = .milliseconds(ms) }
        return policy
    }

    /// A dispatcher on the store's secrets and the timings above, not started yet.
    static func make(store: ActionStore, invoker: ActionInvoker? = nil, environment: String? = nil,
                     onChange: @escaping @Sendable (WebhookDelivery) -> Void = { _ in }) -> WebhookDispatcher {
        WebhookDispatcher(store: store, invoker: invoker, policy: policy(), resolveSecret: storeSecrets(store, environment: environment),
                          onChange: onChange)
    }

    /// A started dispatcher (which resumes deliveries earlier runs left pending).
    static func start(store: ActionStore, invoker: ActionInvoker? = nil, environment: String? = nil) async -> WebhookDispatcher {
        let dispatcher = make(store: store, invoker: invoker, environment: environment)
        await dispatcher.start()
        return dispatcher
    }

    /// A dispatcher for a call, or nil when the store has no enabled webhook and
    /// nothing pending (so a call without webhooks costs nothing extra).
    static func startIfNeeded(store: ActionStore, invoker: ActionInvoker, environment: String? = nil) async -> WebhookDispatcher? {
        let hasWebhooks = ((try? store.allWebhooks()) ?? []).contains(where: \.isEnabled)
        let hasPending = ((try? store.pendingDeliveryCount()) ?? 0) > 0
        guard hasWebhooks || hasPending else { return nil }
        return await start(store: store, invoker: invoker, environment: environment)
    }

    /// Waits (at most `wait`) for deliveries in flight, saying so on standard
    /// error when there is anything to wait for, then stops the dispatcher.
    /// What is left stays pending in the store for the next start.
    static func finish(_ dispatcher: WebhookDispatcher, wait: Duration) async {
        if await dispatcher.isBusy {
            let outstanding = await dispatcher.pendingCount()
            if outstanding > 0 {
                note("waiting up to \(Int(wait.components.seconds)) s for \(outstanding) webhook \(outstanding == 1 ? "delivery" : "deliveries")…")
            }
        }
        let left = await dispatcher.drain(timeout: wait)
        await dispatcher.stop()
        for problem in await dispatcher.problems { note("warning: webhooks: \(problem)") }
        if left > 0 {
            note("\(left) webhook \(left == 1 ? "delivery is" : "deliveries are") still pending; they are kept in the store and sent the next time "
                 + "switchboard starts (or now: `switchboard webhooks send-pending`). `switchboard webhooks deliveries --status pending` lists them.")
        }
    }

    static func note(_ text: String) {
        errorOutput(text)
    }
}
