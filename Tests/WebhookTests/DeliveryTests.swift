import ActionModel
import Foundation
import SampleBackend
import Webhooks
import XCTest
@testable import ActionStore

/// Delivery against real servers on 127.0.0.1: payload, headers, signature, queueing rules.
final class DeliveryTests: WebhookTestCase {
    func testPostsTheEnvelopeWithAUniqueDeliveryIDPerDelivery() async throws {
        try await onEachBackend {
            let server = try await server()
            try webhook("All", url: server.baseURL + "/hooks?x=1", events: [.message, .callEnded])
            let dispatcher = await dispatcher()

            var created: [WebhookDelivery] = []
            created += try await dispatcher.enqueue(event(.message, ["speaker": "agent", "text": "Hello"]))
            created += try await dispatcher.enqueue(event(.message, ["speaker": "caller", "text": "Hi"]))
            created += try await dispatcher.enqueue(event(.callEnded, ["end_reason": "completed", "duration_ms": 1200]))
            created += try await dispatcher.enqueue(event(.transcript))  // not subscribed: no delivery
            XCTAssertEqual(created.count, 3)
            await eventually("3 requests") { await server.recorder.requests.count == 3 }
            for delivery in created { try await expect(delivery.id, .delivered) }

            let requests = await server.recorder.requests
            XCTAssertEqual(requests.map(\.path), Array(repeating: "/hooks?x=1", count: 3))
            XCTAssertEqual(requests.map(\.method), ["POST", "POST", "POST"])
            let ids = requests.compactMap { $0.header(WebhookRequest.deliveryHeader) }
            XCTAssertEqual(ids, created.map(\.id.rawValue), "one ID per delivery, in order")
            XCTAssertEqual(Set(ids).count, 3)
            XCTAssertEqual(requests.map { $0.header(WebhookRequest.eventHeader) }, ["message", "message", "call_ended"])
            XCTAssertEqual(requests.first?.header("Content-Type"), "application/json")
            XCTAssertNil(requests.first?.header("x-vocode-signature"), "no secret, no signature")

            let body = try JSONValue(parsing: requests[2].body)
            XCTAssertEqual(body.objectValue?.keys, ["event", "call_id", "timestamp", "data"])
            XCTAssertEqual(body.value(atPath: "event"), "call_ended")
            XCTAssertEqual(body.value(atPath: "call_id"), "call_0000000000000001")
            XCTAssertNotNil(Timestamp.parse(try XCTUnwrap(body.value(atPath: "timestamp")?.stringValue)))
            XCTAssertEqual(body.value(atPath: "data.end_reason"), "completed")
            XCTAssertEqual(body.value(atPath: "data.duration_ms"), 1200)
            XCTAssertEqual(requests[2].bodyText, created[2].body, "the stored body is the bytes sent")
        }
    }

    func testSignsWithTheNamedSecretAndTheSignatureChecksOutIndependently() async throws {
        try await onEachBackend {
            let server = try await server()
            try webhook("Signed", url: server.baseURL + "/signed", events: [.callConnected], secret: "HOOK_KEY")
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.callConnected, ["agent_name": "Front desk"])))
            try await expect(delivery.id, .delivered)

            let request = try await lastRequest(server)
            let signature = try XCTUnwrap(request.header("x-vocode-signature"))
            // Checked with SampleBackend's own SHA-256, not swift-crypto which signed it.
            XCTAssertEqual(signature, SampleBackend.expectedSignature(body: request.body, secret: Self.secretValue))
            XCTAssertNotEqual(signature, SampleBackend.expectedSignature(body: request.body + [32], secret: Self.secretValue))
            XCTAssertFalse(request.rawHeadText.contains(Self.secretValue), "the secret's value never travels")
        }
    }

    func testAMissingSecretFailsAtOnceNamingItWithoutAValue() async throws {
        try await onEachBackend {
            let server = try await server()
            try webhook("Unsigned", url: server.baseURL, events: [.error], secret: "NOT_CONFIGURED")
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.error)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .failed)
            XCTAssertEqual(done.attemptCount, 1, "not retried: retrying can't conjure a secret")
            XCTAssertTrue(done.lastError?.contains("NOT_CONFIGURED") ?? false, done.lastError ?? "")
            let count = await server.recorder.requests.count
            XCTAssertEqual(count, 0, "nothing unsigned was sent")
        }
    }

    /// A row written before ports were checked (or by hand): its deliveries fail
    /// with a message, where the HTTP stack used to trap on the port.
    func testAStoredURLWithAPortAboveRangeFailsTheDeliveryInsteadOfCrashing() async throws {
        try await onEachBackend {
            try webhook("Bad port", url: "http://127.0.0.1:8080/hooks", events: [.error])
            if let postgres = store.postgres {
                _ = try postgres.write { run throws(StoreError) in try run.execute("UPDATE webhook SET url = 'http://127.0.0.1:99999/hooks'") }
            } else {
                try await store.database.write { db in try db.execute(sql: "UPDATE webhook SET url = 'http://127.0.0.1:99999/hooks'") }
            }
            let dispatcher = await dispatcher()
            let delivery = try await one(dispatcher.enqueue(event(.error)))
            let done = try await finished(delivery.id)
            XCTAssertEqual(done.status, .failed)
            XCTAssertEqual(done.attemptCount, 1, "not retried: the URL won't change by itself")
            XCTAssertTrue(done.lastError?.contains("the port 99999 is out of range") ?? false, done.lastError ?? "")
        }
    }

    /// After `kill -9` a delivery's claim names a process that is gone: the next
    /// dispatcher takes it over at once; a live holder's claim is still respected.
    func testAClaimLeftByAStoppedProcessIsTakenOverAtOnce() async throws {
        try await onEachBackend {
            let hook = try webhook("Claimed", url: "http://127.0.0.1:9/hooks", events: [.error])
            let delivery = WebhookDelivery(webhookID: hook.id, event: .error, callID: nil, body: "{}")
            try store.enqueue([delivery])
            let stopped = Process()
            stopped.executableURL = URL(fileURLWithPath: "/bin/true")
            try stopped.run()
            stopped.waitUntilExit()
            let namespace = try XCTUnwrap(ClaimOwner.pidNamespace, "no /proc here")
            let gone = "\(stopped.processIdentifier)-dead@\(namespace)"
            XCTAssertTrue(ClaimOwner.hasStopped(gone))
            let later = Date().addingTimeInterval(75)
            XCTAssertEqual(try store.claimNextDelivery(webhook: hook.id, owner: gone, until: later)?.0.id, delivery.id)
            XCTAssertEqual(try store.deliveriesClaimedElsewhere().count, 0, "a stopped holder is not 'sending' it")
            XCTAssertEqual(try store.claimNextDelivery(webhook: hook.id, owner: ClaimOwner.make(), until: later)?.0.id, delivery.id,
                           "taken over without waiting 75 s")

            // A live holder (this process, another dispatcher), one from another PID namespace,
            // another machine of a team store in the same (first) namespace — its PIDs mean
            // nothing here — or an older owner name without one: left alone until the claim runs out.
            let samePIDNamespace = try XCTUnwrap(namespace.split(separator: "/").last.map(String.init))
            let otherMachine = "boot:00000000-0000-4000-8000-000000000000/" + samePIDNamespace
            for holder in ["\(getpid())-other@\(namespace)", "\(stopped.processIdentifier)-x@pidns:1",
                           "\(stopped.processIdentifier)-x@\(otherMachine)", "\(stopped.processIdentifier)-x@\(samePIDNamespace)",
                           "\(stopped.processIdentifier)-old"] {
                XCTAssertFalse(ClaimOwner.hasStopped(holder), holder)
                _ = try store.claimNextDelivery(webhook: hook.id, owner: holder, until: later, now: Date().addingTimeInterval(200))
                XCTAssertNil(try store.claimNextDelivery(webhook: hook.id, owner: "someone-else", until: later), holder)
            }
            let claimed = try store.deliveriesClaimedElsewhere()
            XCTAssertEqual(claimed.count, 1)
            XCTAssertEqual(claimed.pids, [stopped.processIdentifier])
        }
    }

    func testOnlyEnabledWebhooksSubscribedToTheEventGetIt() async throws {
        try await onEachBackend {
            let server = try await server()
            let ended = try webhook("Ended", url: server.baseURL + "/ended", events: [.callEnded])
            try webhook("Messages", url: server.baseURL + "/messages", events: [.message])
            try webhook("Off", url: server.baseURL + "/off", events: [.callEnded], enabled: false)
            let dispatcher = await dispatcher()
            let created = try await dispatcher.enqueue(event(.callEnded))
            XCTAssertEqual(created.map(\.webhookID), [ended.id])
            await dispatcher.drain(timeout: .seconds(5))
            let paths = await server.recorder.requests.map(\.path)
            XCTAssertEqual(paths, ["/ended"])
        }
    }

    func testSubmitIsQueuedInOrderWithoutWaiting() async throws {
        try await onEachBackend {
            let server = try await server()
            try webhook("All", url: server.baseURL, events: [.message])
            let dispatcher = await dispatcher()
            let started = DispatchTime.now().uptimeNanoseconds
            for index in 0..<200 { dispatcher.submit(event(.message, ["index": .integer(index)])) }
            let perSubmit = Double(DispatchTime.now().uptimeNanoseconds - started) / 200 / 1_000
            XCTAssertLessThan(perSubmit, 500, "submit hands over, microseconds per event (was \(perSubmit) µs)")
            let left = await dispatcher.drain(timeout: .seconds(20))
            XCTAssertEqual(left, 0)
            let indexes = await server.recorder.requests.compactMap { try? JSONValue(parsing: $0.body).value(atPath: "data.index")?.integerValue }
            XCTAssertEqual(indexes, Array(0..<200))
        }
    }

    func testDeliveryLogPerWebhookAndPerCall() async throws {
        try await onEachBackend {
            let server = try await server()
            let first = try webhook("First", url: server.baseURL + "/1", events: [.message])
            let second = try webhook("Second", url: server.baseURL + "/2", events: [.message])
            let dispatcher = await dispatcher()
            try await dispatcher.enqueue(event(.message, call: "call_aaaaaaaaaaaaaaaa"))
            try await dispatcher.enqueue(event(.message, call: "call_bbbbbbbbbbbbbbbb"))
            await dispatcher.drain(timeout: .seconds(5))
            XCTAssertEqual(try store.deliveries(webhook: first.id).count, 2)
            XCTAssertEqual(try store.deliveries(webhook: second.id, callID: "call_aaaaaaaaaaaaaaaa").count, 1)
            let forCall = try store.deliveries(callID: "call_bbbbbbbbbbbbbbbb")
            XCTAssertEqual(Set(forCall.map(\.webhookID)), [first.id, second.id])
            let attempts = try store.attempts(for: forCall[0].id)
            XCTAssertEqual(attempts.map(\.number), [1])
            XCTAssertEqual(attempts.first?.statusCode, 200)
            XCTAssertEqual(attempts.first?.outcome, .delivered)
        }
    }

    func testTestPingGoesToADisabledWebhookToo() async throws {
        try await onEachBackend {
            let server = try await server()
            let off = try webhook("Off", url: server.baseURL, events: [.callEnded], enabled: false)
            let dispatcher = await dispatcher()
            let ping = try await dispatcher.sendTest(to: off)
            let done = await dispatcher.waitUntilFinished(ping.id, timeout: .seconds(5))
            XCTAssertEqual(done?.status, .delivered)
            let request = try await lastRequest(server)
            XCTAssertEqual(request.header(WebhookRequest.eventHeader), "test")
            XCTAssertEqual(try JSONValue(parsing: request.body).value(atPath: "call_id"), .null)
        }
    }
}
