import ActionModel
import ActionStore
import Dispatch
import Foundation
import Synchronization
import Webhooks

/// The console's webhook dispatcher and its lifetime. The console owns it:
///
/// - at launch it starts in the background when the store has enabled
///   webhooks or deliveries left pending by earlier runs (which it then sends);
/// - otherwise it starts the first time something needs it (a test delivery,
///   a resend, the first webhook created in the console, a call placed from
///   the console), through `dispatcher()`;
/// - on quit, `finish` gives deliveries in flight a bounded wait and stops it;
///   what is left stays pending in the store for the next start.
///
/// Every delivery change is passed to the observers (the console's log
/// refresh), from a background thread.
public final class ConsoleWebhooks: Sendable {
    /// Makes a dispatcher (not started) that reports changes to `onChange`.
    public typealias MakeDispatcher = @Sendable (_ store: ActionStore, _ onChange: @escaping @Sendable (WebhookDelivery) -> Void) -> WebhookDispatcher
    /// Waits for deliveries in flight (at most the duration) and stops the dispatcher.
    public typealias Finish = @Sendable (WebhookDispatcher, Duration) async -> Void

    public let store: ActionStore
    private let make: MakeDispatcher
    private let state = Mutex(State())

    private struct State {
        var starting: Task<WebhookDispatcher, Never>?
        /// After `finish`, nothing starts again.
        var finished = false
        var observers: [@Sendable (WebhookDelivery) -> Void] = []
    }

    public init(store: ActionStore, makeDispatcher: @escaping MakeDispatcher) {
        self.store = store
        self.make = makeDispatcher
    }

    /// True when there is something to send now or later: an enabled webhook, or a pending delivery.
    public var storeHasWork: Bool {
        let hasWebhooks = ((try? store.allWebhooks()) ?? []).contains(where: \.isEnabled)
        return hasWebhooks || ((try? store.pendingDeliveryCount()) ?? 0) > 0
    }

    /// Starts the dispatcher in the background if the store has work for it
    /// (nothing at all for a store without webhooks: no client, no threads).
    public func startIfNeeded() {
        Task.detached { [self] in
            if storeHasWork { _ = await dispatcher() }
        }
    }

    /// The running dispatcher, started now if it isn't yet. nil on a
    /// read-only store (a dispatcher writes the log) or once finished.
    public func dispatcher() async -> WebhookDispatcher? {
        let task: Task<WebhookDispatcher, Never>? = state.withLock { state in
            if state.finished || store.isReadOnly { return nil }
            if let starting = state.starting { return starting }
            let (make, store) = (self.make, self.store)
            // Weak: the dispatcher keeps this closure, and this object keeps the dispatcher.
            let onChange: @Sendable (WebhookDelivery) -> Void = { [weak self] delivery in self?.changed(delivery) }
            let starting = Task { () -> WebhookDispatcher in
                let dispatcher = make(store, onChange)
                await dispatcher.start()
                return dispatcher
            }
            state.starting = starting
            return starting
        }
        return await task?.value
    }

    /// For a call: the dispatcher when the store has webhooks (or pending
    /// deliveries), else nil, so a call without webhooks costs nothing extra.
    public func dispatcherIfNeeded() async -> WebhookDispatcher? {
        if let running = await running { return running }
        return storeHasWork ? await dispatcher() : nil
    }

    /// The dispatcher if it was started; never starts one.
    public var running: WebhookDispatcher? {
        get async { await state.withLock { $0.starting }?.value }
    }

    /// `observer` is told about every delivery queued, attempted or finished (from a background thread).
    public func observeChanges(_ observer: @escaping @Sendable (WebhookDelivery) -> Void) {
        state.withLock { $0.observers.append(observer) }
    }

    private func changed(_ delivery: WebhookDelivery) {
        let observers = state.withLock { $0.observers }
        for observer in observers { observer(delivery) }
    }

    /// Blocks the (non-async) caller until deliveries in flight are done or
    /// `wait` passes, then stops the dispatcher; the rest stays pending in the store.
    public func finish(wait: Duration, using finish: @escaping Finish = ConsoleWebhooks.drainAndStop) {
        let starting = state.withLock { state in
            state.finished = true
            return state.starting
        }
        guard let starting else { return }
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await finish(await starting.value, wait)
            done.signal()
        }
        done.wait()
    }

    public static let drainAndStop: Finish = { dispatcher, wait in
        await dispatcher.drain(timeout: wait)
        await dispatcher.stop()
    }
}
