import ActionHTTP
import ActionModel
import ActionStore
import Foundation
import SampleBackend
import StoreTestSupport
import Synchronization
import Webhooks
import XCTest

/// A fresh store per test (per backend, with `onEachBackend`), real HTTP
/// servers on 127.0.0.1, and fast timings.
class WebhookTestCase: XCTestCase {
    var folder: URL!
    var storeLocation: String = ""
    var store: ActionStore!
    var servers: [RunningRecorder] = []
    var dispatchers: [WebhookDispatcher] = []

    /// Milliseconds so retry tests finish quickly: 1 attempt ≤ 300 ms, backoff 40, 80, 160 ms.
    static let fastPolicy = RetryPolicy(timeout: .milliseconds(300), backoffBase: .milliseconds(40), maxRetries: 3)
    static let secretValue = "c3VwZXItc2VjcmV0LXdlYmhvb2sta2V5"  // base64 of "super-secret-webhook-key"

    override func setUp() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-webhooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        storeLocation = folder.appendingPathComponent("store.sqlite").path
        store = try ActionStore.open(path: storeLocation)
    }

    override func tearDown() async throws {
        for dispatcher in dispatchers { await dispatcher.stop() }
        for server in servers { await server.stop() }
        try? FileManager.default.removeItem(at: folder)
        StoreBackend.cleanUp()
    }

    /// Runs the test on every backend (`StoreBackend.available`), each time on
    /// a new empty `store`; the dispatchers started for one backend are stopped before the next.
    func onEachBackend(_ body: () async throws -> Void) async throws {
        for backend in StoreBackend.available {
            (store, storeLocation) = try backend.makeStore(in: folder, name: backend.rawValue)
            do { try await body() } catch { throw BackendFailure(backend: backend, error: error) }
            for dispatcher in dispatchers { await dispatcher.stop() }
            dispatchers = []
        }
    }

    /// A test that failed on one backend: names it.
    struct BackendFailure: Error, CustomStringConvertible {
        var backend: StoreBackend
        var error: any Error
        var description: String { "on the \(backend) store: \(error)" }
    }

    /// A recording server answering with `answer` (status, body).
    func server(_ answer: @escaping @Sendable (RecordedRequest) async -> (status: Int, body: String) = { _ in (200, "{}") }) async throws
        -> RunningRecorder
    {
        let running = try await SampleBackend.startRecorder(answer: answer)
        servers.append(running)
        return running
    }

    /// A loopback port nothing listens on (a server was bound there, then closed).
    func refusedPort() async throws -> Int {
        let running = try await SampleBackend.startRecorder(respond: { _ in (200, "{}") })
        let port = running.port
        await running.stop()
        return port
    }

    @discardableResult
    func webhook(_ label: String, url: String, events: [WebhookEventType] = WebhookEventType.subscribable, secret: String? = nil,
                 enabled: Bool = true) throws -> Webhook {
        try store.insert(Webhook(label: label, url: url, events: events, secretName: secret, isEnabled: enabled))
    }

    func dispatcher(policy: RetryPolicy = WebhookTestCase.fastPolicy, on store: ActionStore? = nil,
                    secrets: [String: String] = ["HOOK_KEY": WebhookTestCase.secretValue]) async -> WebhookDispatcher {
        let dispatcher = WebhookDispatcher(store: store ?? self.store, policy: policy, resolveSecret: { name in
            guard let value = secrets[name] else { throw MissingSecret(name: name) }
            return value
        })
        await dispatcher.start()
        dispatchers.append(dispatcher)
        return dispatcher
    }

    struct MissingSecret: Error, CustomStringConvertible {
        var name: String
        var description: String { "no secret named \(name)" }
    }

    func event(_ type: WebhookEventType, call: String = "call_0000000000000001", _ data: JSONObject = [:]) -> WebhookEvent {
        WebhookEvent(type: type, callID: call, data: data)
    }

    /// Waits until `condition` holds (polling), failing the test after `seconds`.
    func eventually(_ what: String, seconds: Double = 10, _ condition: () async throws -> Bool) async rethrows {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        XCTFail("timed out waiting for: \(what)")
    }

    func one(_ deliveries: [WebhookDelivery]) throws -> WebhookDelivery {
        XCTAssertEqual(deliveries.count, 1)
        return try XCTUnwrap(deliveries.first)
    }

    func expect(_ id: DeliveryID, _ status: WebhookDelivery.Status, file: StaticString = #filePath, line: UInt = #line) async throws {
        let delivery = try await finished(id)
        XCTAssertEqual(delivery.status, status, "last error: \(delivery.lastError ?? "none")", file: file, line: line)
    }

    func lastRequest(_ server: RunningRecorder) async throws -> RecordedRequest {
        let last = await server.recorder.last
        return try XCTUnwrap(last)
    }

    func finished(_ id: DeliveryID, in store: ActionStore? = nil) async throws -> WebhookDelivery {
        let source = store ?? self.store!
        var result: WebhookDelivery?
        await eventually("delivery \(id) finished") {
            result = try? source.delivery(id: id)
            return result.map { $0.status != .pending } ?? false
        }
        return try XCTUnwrap(result)
    }
}

/// A counter the server's answer closure can share.
final class Counter: Sendable {
    private let value = Mutex(0)
    /// Adds one and returns the new value.
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
