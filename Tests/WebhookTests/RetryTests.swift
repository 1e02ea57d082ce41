import ActionModel
import ActionStore
import Foundation
import StoreTestSupport
import SampleBackend
import Webhooks
import XCTest

/// Retries, backoff, ordering, restart recovery and resend, against real servers on 127.0.0.1.
final class RetryTests: WebhookTestCase {
    func testServerErrorsAreRetriedWithDoublingWaitsThenDelivered() async throws {
        try await onEachBackend {
            let calls = Counter()
            let server = try await server { _ in calls.next() <= 2 ? (503, "busy") : (200, "{}") }
            try webhook("Flaky", url: server.baseURL, events: [.callEnded])
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .delivered)
            XCTAssertEqual(done.attemptCount, 3)

            let attempts = try store.attempts(for: delivery.id)
            XCTAssertEqual(attempts.map(\.outcome), [.retrying, .retrying, .delivered])
            XCTAssertEqual(attempts.map(\.statusCode), [503, 503, 200])
            let arrivals = await server.recorder.requests.map(\.firstByteNanoseconds)
            let gaps = zip(arrivals.dropFirst(), arrivals).map { Double($0 - $1) / 1_000_000 }
            XCTAssertGreaterThanOrEqual(gaps[0], 40, "first wait is the base (40 ms): \(gaps)")
            XCTAssertGreaterThanOrEqual(gaps[1], 80, "then twice the base: \(gaps)")
            let ids = await server.recorder.requests.map { $0.header(WebhookRequest.deliveryHeader) }
            XCTAssertEqual(Set(ids), [delivery.id.rawValue], "a retry keeps the delivery ID")
            let numbers = await server.recorder.requests.map { $0.header(WebhookRequest.attemptHeader) }
            XCTAssertEqual(numbers, ["1", "2", "3"])
        }
    }

    func testGivesUpAfterThreeRetries() async throws {
        try await onEachBackend {
            let server = try await server { _ in (500, "down") }
            try webhook("Down", url: server.baseURL, events: [.callEnded])
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .failed)
            XCTAssertEqual(done.attemptCount, 4, "1 attempt + at most 3 retries")
            XCTAssertEqual(done.lastStatusCode, 500)
            XCTAssertTrue(done.lastError?.contains("gave up after 4 attempts") ?? false, done.lastError ?? "")
            try await Task.sleep(for: .milliseconds(400))
            let count = await server.recorder.requests.count
            XCTAssertEqual(count, 4, "nothing after giving up")
        }
    }

    func testRefusedConnectionsAreRetriedToo() async throws {
        try await onEachBackend {
            let port = try await refusedPort()
            try webhook("Nobody home", url: "http://127.0.0.1:\(port)/hooks", events: [.callEnded])
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .failed)
            XCTAssertEqual(done.attemptCount, 4)
            XCTAssertNil(done.lastStatusCode)
            XCTAssertTrue(done.lastError?.contains("refused") ?? false, done.lastError ?? "")
        }
    }

    func testATimeoutIsRetried() async throws {
        try await onEachBackend {
            let calls = Counter()
            let server = try await server { _ in
                if calls.next() == 1 { try? await Task.sleep(for: .milliseconds(800)) }  // longer than the 300 ms timeout
                return (200, "{}")
            }
            try webhook("Slow once", url: server.baseURL, events: [.callEnded])
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .delivered)
            let attempts = try store.attempts(for: delivery.id)
            XCTAssertEqual(attempts.map(\.outcome), [.retrying, .delivered])
            XCTAssertTrue(attempts[0].error?.contains("timeout") ?? false, attempts[0].error ?? "")
        }
    }

    func testClientErrorsAreNotRetried() async throws {
        try await onEachBackend {
            let server = try await server { _ in (422, #"{"error":"bad"}"#) }
            try webhook("Picky", url: server.baseURL, events: [.callEnded])
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .failed)
            XCTAssertEqual(done.attemptCount, 1)
            XCTAssertEqual(done.lastStatusCode, 422)
            try await Task.sleep(for: .milliseconds(200))
            let count = await server.recorder.requests.count
            XCTAssertEqual(count, 1)
        }
    }

    func testOrderIsKeptPerWebhookWhileARetryHoldsItsLaneAndOtherWebhooksGoOn() async throws {
        try await onEachBackend {
            let calls = Counter()
            // The slow webhook fails its first two requests (both are event 0), then takes everything.
            let slow = try await server { _ in calls.next() <= 2 ? (502, "") : (200, "{}") }
            let fast = try await server()
            try webhook("Slow", url: slow.baseURL, events: [.message])
            try webhook("Fast", url: fast.baseURL, events: [.message])
            let dispatcher = await dispatcher(policy: RetryPolicy(timeout: .milliseconds(300), backoffBase: .milliseconds(150), maxRetries: 3))
            for index in 0..<6 { dispatcher.submit(event(.message, ["index": .integer(index)])) }

            // The fast webhook has everything while the slow one is still waiting to retry event 0.
            await eventually("fast webhook got all 6") { await fast.recorder.requests.count == 6 }
            let slowSoFar = await slow.recorder.requests.count
            XCTAssertLessThanOrEqual(slowSoFar, 2, "event 0 still retrying: nothing later was sent to the slow webhook")

            let left = await dispatcher.drain(timeout: .seconds(10))
            XCTAssertEqual(left, 0)
            func indexes(_ server: RunningRecorder) async -> [Int] {
                await server.recorder.requests.compactMap { try? JSONValue(parsing: $0.body).value(atPath: "data.index")?.integerValue }
            }
            let fastOrder = await indexes(fast)
            let slowOrder = await indexes(slow)
            XCTAssertEqual(fastOrder, [0, 1, 2, 3, 4, 5])
            XCTAssertEqual(slowOrder, [0, 0, 0, 1, 2, 3, 4, 5], "in event order, the retried one first")
        }
    }

    func testPendingDeliveriesSurviveARestartAndAreSentByTheNextDispatcher() async throws {
        try await onEachBackend {
            let port = try await refusedPort()
            try webhook("Later", url: "http://127.0.0.1:\(port)/hooks", events: [.message, .callEnded])
            // Long waits between retries: the first dispatcher stops while the first delivery waits to retry.
            let first = await dispatcher(policy: RetryPolicy(timeout: .milliseconds(300), backoffBase: .seconds(30), maxRetries: 3))
            for index in 0..<3 { first.submit(event(.message, ["index": .integer(index)])) }
            first.submit(event(.callEnded))
            await eventually("first attempt failed") { (try? self.store.deliveries(status: .pending).contains { $0.attemptCount == 1 }) ?? false }
            await first.stop()
            XCTAssertEqual(try store.pendingDeliveryCount(), 4, "all kept pending, none lost")

            // The endpoint comes up; a new process (a new store connection) starts.
            let server = try await SampleBackend.startRecorder(port: port, respond: { _ in (200, "{}") })
            servers.append(server)
            let reopened = try StoreBackend.open(storeLocation, folder: folder)
            let second = await dispatcher(on: reopened)
            let left = await second.drain(timeout: .seconds(10))
            XCTAssertEqual(left, 0)
            let events = await server.recorder.requests.compactMap { $0.header(WebhookRequest.eventHeader) }
            XCTAssertEqual(events, ["message", "message", "message", "call_ended"])
            let delivered = try reopened.deliveries(status: .delivered)
            XCTAssertEqual(delivered.count, 4)
            let resumed = try XCTUnwrap(delivered.first { $0.attemptCount == 2 })
            XCTAssertEqual(try reopened.attempts(for: resumed.id).map(\.outcome), [.retrying, .delivered])
        }
    }

    func testAStoppingDispatcherWritesWhatWasSubmittedBeforeSending() async throws {
        try await onEachBackend {
            let port = try await refusedPort()
            try webhook("Later", url: "http://127.0.0.1:\(port)/", events: [.message])
            let dispatcher = await dispatcher(policy: RetryPolicy(timeout: .milliseconds(300), backoffBase: .seconds(30), maxRetries: 3))
            for index in 0..<50 { dispatcher.submit(event(.message, ["index": .integer(index)])) }
            await dispatcher.stop()
            XCTAssertEqual(try store.pendingDeliveryCount(), 50)
        }
    }

    func testAFailedDeliveryCanBeResentWithTheSameID() async throws {
        try await onEachBackend {
            let calls = Counter()
            let server = try await server { _ in calls.next() == 1 ? (410, "gone") : (200, "{}") }
            try webhook("Once gone", url: server.baseURL, events: [.callEnded])
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            try await expect(delivery.id, .failed)

            let resent = try await dispatcher.resend(delivery.id)
            XCTAssertEqual(resent.status, .pending)
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .delivered)
            XCTAssertEqual(done.attemptCount, 2)
            let ids = await server.recorder.requests.map { $0.header(WebhookRequest.deliveryHeader) }
            XCTAssertEqual(ids, [delivery.id.rawValue, delivery.id.rawValue])
            let bodies = Set(await server.recorder.requests.map(\.bodyText))
            XCTAssertEqual(bodies.count, 1, "the same bytes")

            do {
                try await dispatcher.resend(delivery.id)
                XCTFail("a delivered delivery can't be re-sent")
            } catch let error as StoreError {
                XCTAssertTrue(error.message.contains("already delivered"), error.message)
            }
        }
    }

    func testAResendGetsAFreshRoundOfRetries() async throws {
        try await onEachBackend {
            let server = try await server { _ in (500, "") }
            try webhook("Down", url: server.baseURL, events: [.callEnded])
            let dispatcher = await dispatcher(policy: RetryPolicy(timeout: .milliseconds(300), backoffBase: .milliseconds(5), maxRetries: 3))
            let delivery = try await one(dispatcher.enqueue(event(.callEnded)))
            let attempted4 = try await finished(delivery.id).attemptCount
            XCTAssertEqual(attempted4, 4)
            try await dispatcher.resend(delivery.id)
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .failed)
            XCTAssertEqual(done.attemptCount, 8)
            XCTAssertEqual(try store.attempts(for: delivery.id).map(\.number), Array(1...8))
        }
    }
}
