import ActionHTTP
import ActionModel
import ActionStore
import CallSimulation
import Dispatch
import Foundation
import Synchronization

/// Delivers webhook events in the background.
///
/// `submit` never blocks: it appends the event to an in-memory buffer and
/// returns (a call's conversation is never kept waiting). The dispatcher's own
/// task writes each event as `pending` deliveries — one per enabled webhook
/// subscribed to it — before anything is sent, so a quit or a crash loses none.
/// Each webhook then has one lane that sends its deliveries one at a time in
/// queue order: a delivery waiting to retry holds back the later ones of that
/// webhook, never another webhook's.
///
/// Store work runs on a private serial queue, not on Swift's cooperative
/// threads, so an fsync never stalls the actor that runs a call.
///
/// Life cycle: `start()` (which also resumes deliveries left pending by an
/// earlier run), then `submit`/`enqueue`/`resend`/`sendTest`, then `drain`
/// (optional, bounded) and `stop()` (writes buffered events, interrupts
/// attempts in flight — they stay pending — and releases its claims).
public actor WebhookDispatcher {
    /// Secret NAME → its value (base64 HMAC key). Its errors must never hold a value.
    public typealias SecretResolver = @Sendable (String) throws -> String

    public nonisolated let store: ActionStore
    public nonisolated let policy: RetryPolicy
    nonisolated let invoker: ActionInvoker
    nonisolated let ownsInvoker: Bool
    nonisolated let resolveSecret: SecretResolver
    nonisolated let onChange: @Sendable (WebhookDelivery) -> Void
    /// Names this dispatcher's claims in the store.
    nonisolated let owner = ClaimOwner.make()
    nonisolated let storeQueue = DispatchQueue(label: "switchboard.webhooks.store")
    nonisolated let intake = Mutex(Intake())
    nonisolated let intakeSignal: AsyncStream<Void>
    nonisolated let intakeContinuation: AsyncStream<Void>.Continuation

    struct Intake {
        var events: [WebhookEvent] = []
        var closed = false
    }

    private var intakeTask: Task<Void, Never>?
    private var persisting = 0
    private var lanes: [WebhookID: Task<Void, Never>] = [:]
    /// Lanes told about new deliveries while they were looking for the next one.
    private var recheck: Set<WebhookID> = []
    private var stopped = false
    /// Problems writing to the store (events that could not be queued), for messages.
    public private(set) var problems: [String] = []

    /// - Parameters:
    ///   - invoker: the HTTP client to share (e.g. the one calls use); nil makes one that `stop()` shuts down.
    ///   - resolveSecret: turns a webhook's secret NAME into its value when a request is signed.
    ///   - onChange: told about every delivery queued, attempted or finished (from a background thread), e.g. to refresh a log view.
    public init(
        store: ActionStore, invoker: ActionInvoker? = nil, policy: RetryPolicy = RetryPolicy(),
        resolveSecret: @escaping SecretResolver, onChange: @escaping @Sendable (WebhookDelivery) -> Void = { _ in }
    ) {
        self.store = store
        self.invoker = invoker ?? ActionInvoker()
        self.ownsInvoker = invoker == nil
        self.policy = policy
        self.resolveSecret = resolveSecret
        self.onChange = onChange
        (intakeSignal, intakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: Life cycle

    /// Starts taking events, and sends the deliveries earlier runs left pending.
    public func start() async {
        guard intakeTask == nil, !stopped else { return }
        intakeTask = Task { await self.runIntake() }
        await resumePending()
    }

    /// Waits until every event submitted so far is queued and every lane is
    /// idle, or `timeout` passes. Returns how many deliveries are still pending
    /// in the store (they are sent on the next start).
    @discardableResult
    public func drain(timeout: Duration) async -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while isBusy && clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return await pendingCount()
    }

    /// True while events are waiting to be queued or a lane is sending.
    public var isBusy: Bool {
        persisting > 0 || !lanes.isEmpty || intake.withLock { !$0.events.isEmpty }
    }

    /// Deliveries pending in the store, plus events not yet written there.
    public func pendingCount() async -> Int {
        let unwritten = intake.withLock { $0.events.count } + persisting
        let stored = (try? await onStore { [store] in try store.pendingDeliveryCount() }) ?? 0
        return stored + unwritten
    }

    /// Writes buffered events to the store, interrupts attempts in flight
    /// (those deliveries stay pending, for the next start) and releases claims.
    public func stop() async {
        guard !stopped else { return }
        stopped = true
        intake.withLock { $0.closed = true }
        intakeContinuation.finish()
        await intakeTask?.value
        let running = lanes
        lanes = [:]
        for lane in running.values { lane.cancel() }
        for lane in running.values { await lane.value }
        _ = try? await onStore { [store, owner] in try store.releaseClaims(owner: owner) }
        if ownsInvoker { await invoker.shutdown() }
    }

    // MARK: Queueing

    /// Hands an event over without waiting for anything: safe to call from a
    /// call's path. Dropped (with a problem noted) once the dispatcher stopped.
    public nonisolated func submit(_ event: WebhookEvent) {
        let accepted = intake.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.events.append(event)
            return true
        }
        if accepted { intakeContinuation.yield(()) }
    }

    /// Queues an event and waits until its deliveries are in the store; returns them.
    @discardableResult
    public func enqueue(_ event: WebhookEvent) async throws -> [WebhookDelivery] {
        try await persist([event])
    }

    /// Queues a `test` delivery to `webhook` (enabled or not), with no retries,
    /// and returns it; `waitUntilFinished` tells how it went.
    public func sendTest(to webhook: Webhook) async throws -> WebhookDelivery {
        let event = WebhookEvent(type: .test, callID: nil, data: [
            "webhook_id": .string(webhook.id.rawValue), "label": .string(webhook.label),
            "message": "A test delivery from Switchboard: if you can read this, the webhook works.",
        ])
        let delivery = WebhookDelivery(webhookID: webhook.id, event: .test, callID: nil, createdAt: event.time, body: event.bodyText, maxRetries: 0)
        try await onStore { [store] in try store.enqueue([delivery]) }
        onChange(delivery)
        wake(webhook.id)
        return delivery
    }

    /// Puts a failed delivery back in its webhook's queue for a new round of attempts.
    @discardableResult
    public func resend(_ id: DeliveryID) async throws -> WebhookDelivery {
        let delivery = try await onStore { [store] in try store.resendDelivery(id) }
        onChange(delivery)
        wake(delivery.webhookID)
        return delivery
    }

    /// Polls the store until the delivery is no longer pending, or `timeout` passes; returns it as it stands.
    public func waitUntilFinished(_ id: DeliveryID, timeout: Duration) async -> WebhookDelivery? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let delivery = try? await onStore { [store] in try store.delivery(id: id) }
            guard let delivery else { return nil }
            if delivery.status != .pending || clock.now >= deadline { return delivery }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Sends what earlier runs left pending.
    public func resumePending() async {
        let ids = (try? await onStore { [store] in try store.webhooksWithPendingDeliveries() }) ?? []
        for id in ids { wake(id) }
    }

    // MARK: Intake

    private func runIntake() async {
        for await _ in intakeSignal {
            await persistBuffered()
        }
        await persistBuffered()  // what arrived before `stop` closed the intake
    }

    private func persistBuffered() async {
        // A swap: the lock is held for no allocation or copy, so `submit` never waits on it for long.
        let batch = intake.withLock { state -> [WebhookEvent] in
            var taken: [WebhookEvent] = []
            swap(&taken, &state.events)
            return taken
        }
        guard !batch.isEmpty else { return }
        do { _ = try await persist(batch) } catch { problems.append("\(error)") }
    }

    /// One transaction for the whole batch: a burst of events costs one commit.
    private func persist(_ events: [WebhookEvent]) async throws -> [WebhookDelivery] {
        persisting += events.count
        defer { persisting -= events.count }
        let created = try await onStore { [store] () throws -> [WebhookDelivery] in
            let webhooks = try store.allWebhooks().filter(\.isEnabled)
            var deliveries: [WebhookDelivery] = []
            for event in events {
                let body = event.bodyText
                for webhook in webhooks where webhook.subscribes(to: event.type) {
                    deliveries.append(WebhookDelivery(webhookID: webhook.id, event: event.type, callID: event.callID, createdAt: event.time,
                                                      body: body, maxRetries: self.policy.maxRetries))
                }
            }
            try store.enqueue(deliveries)
            return deliveries
        }
        for delivery in created { onChange(delivery) }
        var woken: Set<WebhookID> = []
        for delivery in created where woken.insert(delivery.webhookID).inserted { wake(delivery.webhookID) }
        return created
    }

    // MARK: Lanes

    private func wake(_ id: WebhookID) {
        guard !stopped else { return }
        if lanes[id] != nil {
            recheck.insert(id)
        } else {
            lanes[id] = Task { await self.runLane(id) }
        }
    }

    /// Sends the webhook's deliveries one at a time, in queue order, until none is left.
    private func runLane(_ id: WebhookID) async {
        while !Task.isCancelled {
            recheck.remove(id)
            let until = Date().addingTimeInterval(Self.seconds(policy.claimDuration))
            let claimed = try? await onStore { [store, owner] in try store.claimNextDelivery(webhook: id, owner: owner, until: until) }
            guard let (delivery, webhook) = claimed ?? nil else {
                if recheck.contains(id), !Task.isCancelled { continue }
                break
            }
            await deliverRound(delivery, to: webhook)
        }
        if !stopped { lanes[id] = nil }
    }

    /// Attempts until delivered, failed, or out of retries (waiting base × 2^n between tries).
    private nonisolated func deliverRound(_ first: WebhookDelivery, to firstWebhook: Webhook) async {
        var delivery = first
        var webhook = firstWebhook
        while !Task.isCancelled {
            let number = delivery.attemptCount + 1
            let started = Date()
            let clock = DispatchTime.now().uptimeNanoseconds
            var verdict: AttemptVerdict
            if !webhook.isEnabled && delivery.event != .test {
                verdict = .fail(status: nil, error: "not sent: the webhook is disabled (enable it, then re-send)")
            } else {
                do {
                    let request = try WebhookRequest.build(delivery, to: webhook, attempt: number, resolveSecret: resolveSecret)
                    let (exchange, fault) = await invoker.transmit(request, timeout: policy.timeout)
                    verdict = Task.isCancelled ? .interrupted : AttemptVerdict.judge(status: exchange.status, fault: fault, timeout: policy.timeout)
                } catch {
                    verdict = .fail(status: nil, error: error.description)
                }
            }
            let duration = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1_000_000

            let attempt: DeliveryAttempt
            var wait: Duration?
            switch verdict {
            case .interrupted:
                return  // stays pending and claimed by us until `stop` releases it
            case let .delivered(status):
                attempt = DeliveryAttempt(deliveryID: delivery.id, number: number, startedAt: started, durationMilliseconds: duration,
                                          statusCode: status, error: nil, outcome: .delivered)
            case let .fail(status, error):
                attempt = DeliveryAttempt(deliveryID: delivery.id, number: number, startedAt: started, durationMilliseconds: duration,
                                          statusCode: status, error: error, outcome: .failed)
            case let .retry(status, error):
                let inRound = number - delivery.roundStart
                if inRound > delivery.maxRetries {
                    let tries = inRound == 1 ? "1 attempt" : "\(inRound) attempts"
                    attempt = DeliveryAttempt(deliveryID: delivery.id, number: number, startedAt: started, durationMilliseconds: duration,
                                              statusCode: status, error: "\(error) (gave up after \(tries))", outcome: .failed)
                } else {
                    wait = policy.backoff(afterAttempt: inRound)
                    attempt = DeliveryAttempt(deliveryID: delivery.id, number: number, startedAt: started, durationMilliseconds: duration,
                                              statusCode: status, error: error, outcome: .retrying)
                }
            }
            let next = wait.map { Date().addingTimeInterval(Self.seconds($0)) }
            guard let saved = try? await onStore({ [store] in try store.record(attempt, nextAttemptAt: next) }) else { return }
            onChange(saved)
            delivery = saved
            guard let wait else { return }
            do { try await Task.sleep(for: wait) } catch { return }
            // The webhook may have been edited (new URL, secret) or deleted while we waited.
            let webhookID = webhook.id
            guard let current = try? await onStore({ [store] in try store.webhook(id: webhookID) }) else { return }
            webhook = current
        }
    }

    // MARK: Store work, off the cooperative threads

    nonisolated func onStore<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            storeQueue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
