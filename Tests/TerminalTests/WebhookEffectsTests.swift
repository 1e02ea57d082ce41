import ActionModel
import ActionStore
import Console
import Foundation
import SampleBackend
import Synchronization
import Terminal
import Webhooks
import XCTest
@testable import ConsoleRuntime

/// The Webhooks page's store effects, and the console's dispatcher (test,
/// resend, live log reloads, start on demand, the bounded wait on quit)
/// against a real store in a temporary folder and a real 127.0.0.1 receiver.
final class WebhookEffectsTests: XCTestCase {
    var directory: URL!
    var store: ActionStore!
    var servers: [RunningRecorder] = []
    var consoles: [ConsoleWebhooks] = []

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
    }

    override func tearDown() async throws {
        for console in consoles { console.finish(wait: .milliseconds(100)) }
        for server in servers { await server.stop() }
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// A receiver on 127.0.0.1 answering with `answer` (given how many requests came before).
    func receiver(_ answer: @escaping @Sendable (Int) async -> Int = { _ in 200 }) async throws -> RunningRecorder {
        let count = Mutex(0)
        let server = try await SampleBackend.startRecorder(answer: { _ in
            let seen = count.withLock { value in defer { value += 1 }; return value }
            return (await answer(seen), "{}")
        })
        servers.append(server)
        return server
    }

    /// The console's dispatcher holder with fast timings (no secrets: these webhooks are unsigned).
    func consoleWebhooks(timeout: Duration = .seconds(2)) -> ConsoleWebhooks {
        let webhooks = ConsoleWebhooks(store: store) { store, onChange in
            WebhookDispatcher(store: store, policy: RetryPolicy(timeout: timeout, backoffBase: .milliseconds(20), maxRetries: 1),
                              resolveSecret: { name in throw StoreError.notFound("secret \(name)") }, onChange: onChange)
        }
        consoles.append(webhooks)
        return webhooks
    }

    func hook(_ url: String, label: String = "Receiver", events: [WebhookEventType] = [.callEnded]) throws -> Webhook {
        try store.insert(Webhook(label: label, url: url, events: events))
    }

    func eventually(_ what: String, timeout: TimeInterval = 10, _ condition: () async throws -> Bool) async rethrows {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try await condition() { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        XCTFail("timed out waiting for \(what)")
    }

    // MARK: Store effects

    func testWebhooksLoadWithCountsAndOnlySecretNames() throws {
        try store.defineSecret(SecretDefinition(name: "CRM_KEY", fromEnvironmentVariable: nil, createdAt: Date()))
        let crm = try store.insert(Webhook(label: "CRM", url: "https://crm.example.com", events: [.callEnded], secretName: "CRM_KEY"))
        let failed = WebhookDelivery(webhookID: crm.id, event: .callEnded, callID: nil, body: "{}")
        try store.enqueue([failed, WebhookDelivery(webhookID: crm.id, event: .callEnded, callID: nil, body: "{}")])
        try store.record(DeliveryAttempt(deliveryID: failed.id, number: 1, startedAt: Date(), durationMilliseconds: 7.5, statusCode: 400,
                                         error: "HTTP 400", outcome: .failed))
        guard case let .webhooks(.loaded(entries, secrets))? = ConsoleRuntime.perform(.webhooks(.load), on: store) else { return XCTFail() }
        // As read back: a time that went through the store can differ from the inserted one below a microsecond.
        let stored = try XCTUnwrap(try store.webhook(id: crm.id))
        XCTAssertEqual(entries, [WebhookListEntry(webhook: stored, pendingCount: 1, failedCount: 1)])
        XCTAssertEqual(secrets, ["CRM_KEY"])

        guard case let .deliveries(.loaded(scope, log))? = ConsoleRuntime.perform(.deliveries(.load(.webhook(crm.id))), on: store) else { return XCTFail() }
        XCTAssertEqual(scope, .webhook(crm.id))
        XCTAssertEqual(log.map(\.delivery.status), [.pending, .failed], "newest first")
        XCTAssertEqual(log.map(\.webhookLabel), ["CRM", "CRM"])
        XCTAssertEqual(log.map(\.lastDurationMilliseconds), [nil, 7.5])

        guard case let .deliveries(.opened(entry, attempts))? = ConsoleRuntime.perform(.deliveries(.open(failed.id)), on: store) else { return XCTFail() }
        XCTAssertEqual(entry.delivery.id, failed.id)
        XCTAssertEqual(attempts.map(\.statusCode), [400])
    }

    func testInsertUpdateConflictDelete() throws {
        guard case let .webhooks(.saved(saved))? = ConsoleRuntime.perform(.webhooks(.insert(Webhook(label: "A", url: "https://a.example.com", events: [.error]))),
                                                                     on: store) else { return XCTFail() }
        var theirs = saved
        theirs.url = "https://theirs.example.com"
        let stored = try store.update(theirs)
        var mine = saved
        mine.isEnabled = false
        guard case let .webhooks(.failed(failure))? = ConsoleRuntime.perform(.webhooks(.update(mine)), on: store) else { return XCTFail() }
        guard case let .conflict(current?) = failure.reason else { return XCTFail("\(failure)") }
        XCTAssertEqual(current.version, stored.version, "read again after the conflict")
        XCTAssertEqual(current.url, "https://theirs.example.com")

        guard case let .webhooks(.failed(invalid))? = ConsoleRuntime.perform(.webhooks(.insert(Webhook(label: "a", url: "https://b.example.com", events: [.error]))),
                                                                        on: store) else { return XCTFail() }
        XCTAssertEqual(invalid.reason, .invalid)
        XCTAssertTrue(invalid.message.hasPrefix("Label: a webhook labelled 'a' already exists"), invalid.message)

        XCTAssertEqual(ConsoleRuntime.perform(.webhooks(.delete(stored)), on: store), .webhooks(.deleted(stored.id)))
        guard case let .webhooks(.failed(gone))? = ConsoleRuntime.perform(.webhooks(.update(mine)), on: store) else { return XCTFail() }
        XCTAssertEqual(gone.reason, .conflict(current: nil), "updating a deleted webhook offers save-as-new")
    }

    // MARK: Through the dispatcher

    func testATestDeliveryArrivesAndItsOutcomeComesBack() async throws {
        let server = try await receiver()
        let webhook = try hook(server.baseURL + "/hook")
        let webhooks = consoleWebhooks()
        let before = await webhooks.running
        XCTAssertNil(before, "nothing started yet")
        let message = await ConsoleRuntime.performDispatcherEffect(.sendTestDelivery(webhook), webhooks: webhooks)
        guard case let .deliveries(.testFinished(delivery)) = message else { return XCTFail("\(String(describing: message))") }
        XCTAssertEqual(delivery.status, .delivered)
        XCTAssertEqual(delivery.lastStatusCode, 200)
        let request = await server.recorder.last
        XCTAssertEqual(request?.header("X-Switchboard-Event"), "test")
        XCTAssertEqual(request?.header("X-Switchboard-Delivery"), delivery.id.rawValue)
        let after = await webhooks.running
        XCTAssertNotNil(after, "started on demand")
    }

    func testAFailedTestSaysWhy() async throws {
        let server = try await receiver { _ in 404 }
        let webhook = try hook(server.baseURL + "/missing")
        let message = await ConsoleRuntime.performDispatcherEffect(.sendTestDelivery(webhook), webhooks: consoleWebhooks())
        guard case let .deliveries(.testFinished(delivery)) = message else { return XCTFail() }
        XCTAssertEqual(delivery.status, .failed)
        XCTAssertEqual(delivery.lastStatusCode, 404)
        XCTAssertNotNil(delivery.lastError)
    }

    func testAResentFailedDeliveryIsDelivered() async throws {
        let server = try await receiver { seen in seen == 0 ? 400 : 200 }
        _ = try hook(server.baseURL + "/hook")
        let webhooks = consoleWebhooks()
        let dispatcher = try await XCTUnwrapAsync(await webhooks.dispatcher())
        let queued = try await dispatcher.enqueue(WebhookEvent(type: .callEnded, callID: "call_00000000000000aa"))
        let first = await dispatcher.waitUntilFinished(queued[0].id, timeout: .seconds(5))
        XCTAssertEqual(first?.status, .failed, "a 4xx fails at once")

        guard case let .deliveries(.resent(resent)) = await ConsoleRuntime.performDispatcherEffect(.resendDelivery(queued[0].id), webhooks: webhooks)
        else { return XCTFail() }
        XCTAssertEqual(resent.status, .pending)
        let after = await dispatcher.waitUntilFinished(queued[0].id, timeout: .seconds(5))
        XCTAssertEqual(after?.status, .delivered)
        XCTAssertEqual(after?.attemptCount, 2)
        let requests = await server.recorder.requests
        XCTAssertEqual(requests.map { $0.header("X-Switchboard-Delivery") }, [queued[0].id.rawValue, queued[0].id.rawValue], "same ID: a repeat")

        // Re-sending what is not failed says why, naming the delivery.
        guard case let .webhooks(.failed(refused)) = await ConsoleRuntime.performDispatcherEffect(.resendDelivery(queued[0].id), webhooks: webhooks)
        else { return XCTFail() }
        XCTAssertTrue(refused.message.contains("already delivered"), refused.message)
    }

    func testTheLogReloadMessageArrivesAfterADelivery() async throws {
        let server = try await receiver()
        let webhook = try hook(server.baseURL + "/hook")
        let webhooks = consoleWebhooks()
        let worker = StoreWorker(store: store, wakeup: try Terminal.Wakeup(), webhooks: webhooks)
        let throttle = DeliveryChangeThrottle(interval: .milliseconds(50)) { worker.post(.deliveries(.changed)) }
        webhooks.observeChanges { _ in throttle.changed() }

        worker.perform(.dispatcher(.sendTestDelivery(webhook)))
        var seen: [ConsoleMessage] = []
        await eventually("the test's outcome and a log reload") {
            seen += worker.takeResults()
            return seen.contains(.deliveries(.changed)) && seen.contains { if case .deliveries(.testFinished) = $0 { true } else { false } }
        }
        let requests = await server.recorder.requests
        XCTAssertEqual(requests.count, 1)
    }

    func testCreatingTheFirstWebhookStartsTheDispatcher() async throws {
        let webhooks = consoleWebhooks()
        XCTAssertFalse(webhooks.storeHasWork)
        webhooks.startIfNeeded()
        try await Task.sleep(for: .milliseconds(100))
        let none = await webhooks.running
        XCTAssertNil(none, "an empty store starts nothing")

        let worker = StoreWorker(store: store, wakeup: try Terminal.Wakeup(), webhooks: webhooks)
        worker.perform(.webhooks(.insert(Webhook(label: "First", url: "https://first.example.com", events: [.callEnded]))))
        await eventually("the dispatcher to start") { await webhooks.running != nil }
        let forCall = await webhooks.dispatcherIfNeeded()
        let running = await webhooks.running
        XCTAssertTrue(forCall === running, "one dispatcher for the console and its calls")
    }

    func testPendingDeliveriesFromAnEarlierRunGoOutAtStart() async throws {
        let server = try await receiver()
        let webhook = try hook(server.baseURL + "/hook")
        let left = WebhookDelivery(webhookID: webhook.id, event: .callEnded, callID: "call_00000000000000bb", body: #"{"event":"call_ended"}"#)
        try store.enqueue([left])
        let webhooks = consoleWebhooks()
        webhooks.startIfNeeded()
        await eventually("the earlier run's delivery to be sent") { (try? store.delivery(id: left.id))??.status == .delivered }
        let last = await server.recorder.last
        XCTAssertEqual(last?.bodyText, #"{"event":"call_ended"}"#)
    }

    func testQuittingWaitsAtMostTheBoundAndKeepsTheRestPending() async throws {
        // A receiver that never answers in time.
        let server = try await receiver { _ in try? await Task.sleep(for: .seconds(20)); return 200 }
        _ = try hook(server.baseURL + "/slow")
        let webhooks = consoleWebhooks(timeout: .seconds(30))
        let dispatcher = try await XCTUnwrapAsync(await webhooks.dispatcher())
        let queued = try await dispatcher.enqueue(WebhookEvent(type: .callEnded, callID: "call_00000000000000cc"))
        await eventually("the attempt to be under way") { await server.recorder.requests.count == 1 }
        let started = Date()
        await Task.detached { webhooks.finish(wait: .milliseconds(300)) }.value
        XCTAssertLessThan(Date().timeIntervalSince(started), 3, "bounded")
        XCTAssertEqual(try store.delivery(id: queued[0].id)?.status, .pending, "kept for the next start")
        let afterQuit = await webhooks.dispatcher()
        XCTAssertNil(afterQuit, "nothing starts after quitting")
    }

    func testABurstOfChangesBecomesAFewNotices() async throws {
        let count = Mutex(0)
        let throttle = DeliveryChangeThrottle(interval: .milliseconds(100)) { count.withLock { $0 += 1 } }
        for _ in 0..<1000 { throttle.changed() }
        XCTAssertEqual(count.withLock { $0 }, 1, "the first at once")
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertEqual(count.withLock { $0 }, 2, "the rest folded into one, at the interval's end")
    }
}

func XCTUnwrapAsync<T>(_ value: T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    try XCTUnwrap(value, file: file, line: line)
}
