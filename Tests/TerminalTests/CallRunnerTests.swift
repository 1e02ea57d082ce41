import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Console
import Foundation
import SampleBackend
import Webhooks
import XCTest
@testable import ConsoleRuntime

/// The runtime's call side against a real loopback server: a call started,
/// spoken to, its slow request cancelled with the console's effects, and the
/// call log in the store saying `cancelled`.
final class CallRunnerTests: XCTestCase {
    var directory: URL!
    var store: ActionStore!
    let host = SampleHost()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("callrunner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
    }

    override func tearDown() async throws {
        await host.stop()
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// Collects what the runner posts, and waits for a message matching a test.
    final class Collector: @unchecked Sendable {
        let inbox = Inbox(wakeup: nil)
        var seen: [CallActivity] = []

        func wait(for what: String, timeout: TimeInterval = 20, _ matches: (CallActivity) -> Bool) throws -> CallActivity {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                for message in inbox.take() { if case let .call(activity) = message { seen.append(activity) } }
                if let found = seen.first(where: matches) { return found }
                Thread.sleep(forTimeInterval: 0.005)
            }
            XCTFail("never saw \(what); saw \(seen.map(\.kind))")
            throw CocoaError(.featureUnsupported)
        }
    }

    func slowAction(ms: Int) throws -> Action {
        try store.insert(Action(
            name: "Check order status", description: "Slow on purpose",
            configuration: .customInput(CustomInputConfiguration(
                url: "http://sample.localhost/faults/slow?ms=\(ms)", speakOnSend: "Let me look that up.",
                speakOnReceive: "Got it.",
                inputSchema: InputSchema(properties: [SchemaProperty(name: "order_number", type: .integer, isRequired: true)]),
                timeoutSeconds: 30))))
    }

    func testCancellingASlowRequestIsLoggedAsCancelledQuickly() throws {
        let action = try slowAction(ms: 10_000)
        let collector = Collector()
        let runner = CallRunner(store: store, inbox: collector.inbox, sampleHost: host)
        defer { runner.shutdown() }
        let id = CallID.generate()

        runner.perform(.start(CallStart(callID: id, subject: .action(action.id))))
        _ = try collector.wait(for: "the first question") { if case .event(.agentSaid) = $0.kind { true } else { false } }
        XCTAssertTrue(collector.seen.contains { if case let .actionInUse(used) = $0.kind { used.id == action.id } else { false } },
                      "the checklist gets the action")
        runner.perform(.say(id, "it's order 42"))
        _ = try collector.wait(for: "the request") { if case .requestSent = $0.kind { true } else { false } }

        // A line while muted is not heard, and does not wait for the answer.
        runner.perform(.say(id, "hello?"))
        _ = try collector.wait(for: "not heard", timeout: 5) { $0.kind == .event(.callerNotHeard("hello?")) }

        let cancelledAt = Date()
        runner.perform(.cancelRequest(id))
        let response = try collector.wait(for: "the cancelled response") { if case .response = $0.kind { true } else { false } }
        let took = Date().timeIntervalSince(cancelledAt)
        guard case let .response(_, .failure(fault, exchange)) = response.kind else { return XCTFail("\(response.kind)") }
        XCTAssertEqual(fault, .cancelled)
        XCTAssertNotNil(exchange)
        XCTAssertLessThan(took, 1.5, "cancelled in \(took) s, not after the endpoint's 10 s")
        _ = try collector.wait(for: "the spoken failure") { $0.kind == .event(.agentSaid(MockAgent.spokenLine(for: .cancelled, actionName: SpokenName.midSentence(action)))) }

        runner.perform(.end(id))
        _ = try collector.wait(for: "the end") { $0.kind == .event(.callEnded(reason: .callerHungUp)) }

        let (record, log) = try store.call(id: id)
        XCTAssertEqual(record.origin, "console")
        XCTAssertEqual(record.startedFromAction, action.id)
        let responseEntry = try XCTUnwrap(log.first { $0.type == "response" })
        XCTAssertEqual(responseEntry.data["error"], "cancelled")
        let failed = try XCTUnwrap(log.first { $0.type == "action_failed" })
        XCTAssertEqual(failed.data["error"], "cancelled")
        XCTAssertTrue(log.contains { $0.type == "call_ended" })
    }

    func testACallWithAnAgentGreetsAndUsesItsActions() throws {
        let action = try slowAction(ms: 1)
        let agent = try store.insert(Agent(name: "Front desk", greeting: "Acme, how can I help?", actionIDs: [action.id]))
        let collector = Collector()
        let runner = CallRunner(store: store, inbox: collector.inbox, sampleHost: host)
        defer { runner.shutdown() }
        let id = CallID.generate()
        runner.perform(.start(CallStart(callID: id, subject: .agent(agent.id))))
        _ = try collector.wait(for: "started") { $0.kind == .started(agentName: "Front desk") }
        _ = try collector.wait(for: "the greeting") { $0.kind == .event(.agentSaid("Acme, how can I help?")) }
        runner.perform(.say(id, "I want to check my order status, order 42"))
        _ = try collector.wait(for: "the action's details") { if case let .actionInUse(used) = $0.kind { used.id == action.id } else { false } }
        _ = try collector.wait(for: "the answer") { $0.kind == .event(.actionCompleted(action.id)) }
        let (record, _) = try store.call(id: id)
        XCTAssertEqual(record.agentID, agent.id)
        XCTAssertNil(record.startedFromAction)
    }

    /// Polls the runner's messages without blocking the test's thread (the
    /// call and the servers need the cooperative pool).
    func activity(_ collector: Collector, _ what: String, timeout: TimeInterval = 20,
                  _ matches: @escaping (CallActivity) -> Bool) async throws -> CallActivity {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            for message in collector.inbox.take() { if case let .call(activity) = message { collector.seen.append(activity) } }
            if let found = collector.seen.first(where: matches) { return found }
            try await Task.sleep(for: .milliseconds(5))
        }
        XCTFail("never saw \(what); saw \(collector.seen.map(\.kind))")
        throw CocoaError(.featureUnsupported)
    }

    /// A call placed from the console fills in the active environment's
    /// templates for the wire, and tells the store's webhooks what happens.
    func testAConsoleCallUsesTheEnvironmentAndTellsWebhooks() async throws {
        let api = try await SampleBackend.startRecorder { _ in (200, #"{"result":{"status":"shipped"}}"#) }
        let hooks = try await SampleBackend.startRecorder { _ in (200, "{}") }
        _ = try store.createEnvironment(named: "staging")
        try store.setVariable("BASE_URL", to: api.baseURL, inEnvironment: "staging")
        try store.useEnvironment(named: "staging")
        try store.defineSecret(SecretDefinition(name: "TOKEN"))
        try store.secretsFile.update { $0.set("TOKEN", to: "tok_console_call_1", environment: nil) }
        let action = try store.insert(Action(
            name: "Check order status", description: "Looks an order up",
            configuration: .customInput(CustomInputConfiguration(
                url: "{{env.BASE_URL}}/orders", speakOnReceive: "It is {{result.status}}.",
                inputSchema: InputSchema(properties: [SchemaProperty(name: "order_number", type: .integer, isRequired: true)]),
                headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.TOKEN}}")]))))
        _ = try store.insert(Webhook(label: "Calls", url: hooks.baseURL + "/events", events: [.callConnected, .callEnded]))
        let webhooks = ConsoleWebhooks(store: store) { store, onChange in
            WebhookDispatcher(store: store, policy: RetryPolicy(timeout: .seconds(2), backoffBase: .milliseconds(20), maxRetries: 1),
                              resolveSecret: { name in throw StoreError.notFound("secret \(name)") }, onChange: onChange)
        }
        let collector = Collector()
        let runner = CallRunner(store: store, inbox: collector.inbox, webhooks: webhooks, sampleHost: host)
        let id = CallID.generate()
        runner.perform(.start(CallStart(callID: id, subject: .action(action.id))))
        _ = try await activity(collector, "the first question") { if case .event(.agentSaid) = $0.kind { true } else { false } }
        runner.perform(.say(id, "order 42"))
        let sent = try await activity(collector, "the request") { if case .requestSent = $0.kind { true } else { false } }
        _ = try await activity(collector, "the answer") { $0.kind == .event(.agentSaid("It is shipped.")) }
        runner.perform(.end(id))
        _ = try await activity(collector, "the end") { if case .event(.callEnded) = $0.kind { true } else { false } }

        let requests = await api.recorder.requests
        let request = try XCTUnwrap(requests.first)
        XCTAssertEqual(request.header("Authorization"), "Bearer tok_console_call_1", "the wire gets the value")
        guard case let .requestSent(_, exchange) = sent.kind else { return XCTFail("\(sent)") }
        XCTAssertEqual(exchange.url, api.baseURL + "/orders")
        XCTAssertTrue(exchange.requestHeaders.contains(HTTPHeader(name: "Authorization", value: "Bearer {{secret.TOKEN}}")),
                      "the console is shown the placeholder")

        let deadline = Date().addingTimeInterval(10)
        var events: [String] = []
        while Date() < deadline {
            events = await hooks.recorder.requests.compactMap { try? JSONValue(parsing: $0.body).value(atPath: "event")?.stringValue }
            if events.contains("call_ended") { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTAssertEqual(events, ["call_connected", "call_ended"], "the call's webhook events, in order")
        await Task.detached { runner.shutdown(); webhooks.finish(wait: .milliseconds(500)) }.value
        await api.stop()
        await hooks.stop()
    }

    /// A call whose action references a secret nothing defines says so as it
    /// starts, before the agent ever tries the request.
    func testACallWarnsAboutUndefinedReferencesAsItStarts() throws {
        let action = try store.insert(Action(name: "Create CRM lead", configuration: .customInput(CustomInputConfiguration(
            url: "http://sample.localhost/echo", headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.CRM_KEY}}")]))))
        let collector = Collector()
        let runner = CallRunner(store: store, inbox: collector.inbox, sampleHost: host)
        defer { runner.shutdown() }
        let id = CallID.generate()
        runner.perform(.start(CallStart(callID: id, subject: .action(action.id))))
        let warning = try collector.wait(for: "warning") { if case .warning = $0.kind { true } else { false } }
        guard case let .warning(text) = warning.kind else { return XCTFail("\(warning)") }
        XCTAssertTrue(text.hasPrefix("'Create CRM lead' will not be sent here: "), text)
        XCTAssertTrue(text.contains("CRM_KEY"), text)
        runner.perform(.end(id))
    }

    func testAStartForAMissingActionFailsToStart() throws {
        let collector = Collector()
        let runner = CallRunner(store: store, inbox: collector.inbox, sampleHost: host)
        defer { runner.shutdown() }
        let id = CallID.generate()
        runner.perform(.start(CallStart(callID: id, subject: .action(ActionID.generate()))))
        let failed = try collector.wait(for: "failedToStart") { if case .failedToStart = $0.kind { true } else { false } }
        XCTAssertEqual(failed.kind, .failedToStart("the action is no longer in the store"))
    }

    func testATestRequestGoesOutWithoutACall() throws {
        let action = try slowAction(ms: 1)
        let collector = Collector()
        let runner = CallRunner(store: store, inbox: collector.inbox, sampleHost: host)
        defer { runner.shutdown() }
        let invocation = InvocationRequest(action: action, arguments: ["order_number": 7], callID: "call_test")
        runner.perform(.sendTestRequest(TestRequest(number: 3, invocation: invocation)))
        let deadline = Date().addingTimeInterval(20)
        var result: TestRequestResult?
        while result == nil, Date() < deadline {
            for message in collector.inbox.take() { if case let .actions(.testRequestFinished(done)) = message { result = done } }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let done = try XCTUnwrap(result)
        XCTAssertEqual(done.number, 3)
        guard case let .success(answer, _, exchange) = done.outcome else { return XCTFail("\(done.outcome)") }
        XCTAssertEqual(answer["slept_ms"], 1)
        XCTAssertEqual(exchange.status, 200)
        XCTAssertEqual(String(decoding: done.sent?.requestBody ?? [], as: UTF8.self), #"{"call_id":"call_test","payload":{"order_number":7}}"#)
        XCTAssertTrue(try store.allCalls().isEmpty, "no call is logged for a test request")
    }
}
