import ActionHTTP
import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Foundation
import SampleBackend
import Webhooks
import XCTest

/// A whole simulated call told to a webhook: the events, their order and their data.
final class CallEventsTests: WebhookTestCase {
    func testACallIsToldAsConnectedMessagesActionEndedAndTranscript() async throws {
        let server = try await server()
        try webhook("Everything", url: server.baseURL + "/calls", events: WebhookEventType.subscribable)
        let demo = try DemoWorkspace.create(in: store)
        let ticket = try XCTUnwrap(try store.action(functionName: "create_support_ticket"))
        let invoker = ActionInvoker()
        let dispatcher = await dispatcher()
        let record = CallRecord(agentID: demo.agent.id, agentName: demo.agent.name, startedFromAction: ticket.id, origin: "headless")
        let agent = MockAgent(agent: demo.agent, actions: [ticket], callID: record.id.rawValue, startedFrom: ticket)
        let call = LiveCall(agent: agent, record: record, store: store, invoker: invoker, webhooks: dispatcher)
        await call.start()
        await call.say("my email is jo dot smith at example dot com")
        await call.say("the internet has been down since this morning")
        await call.hangUp()
        let left = await dispatcher.drain(timeout: .seconds(10))
        XCTAssertEqual(left, 0)
        await invoker.shutdown()
        await SampleHost.shared.stop()

        let bodies = try await server.recorder.requests.map { try JSONValue(parsing: $0.body) }
        let events = bodies.compactMap { $0.value(atPath: "event")?.stringValue }
        XCTAssertEqual(events.first, "call_connected")
        XCTAssertEqual(Array(events.suffix(2)), ["call_ended", "transcript"])
        XCTAssertTrue(events.contains("message"))
        XCTAssertEqual(events.filter { $0 == "action" }.count, 1, "\(events)")
        XCTAssertEqual(Set(bodies.compactMap { $0.value(atPath: "call_id")?.stringValue }), [record.id.rawValue])

        let action = try XCTUnwrap(bodies.first { $0.value(atPath: "event") == "action" })
        XCTAssertEqual(action.value(atPath: "data.action_id"), .string(ticket.id.rawValue))
        XCTAssertEqual(action.value(atPath: "data.action_name"), "Create support ticket")
        XCTAssertEqual(action.value(atPath: "data.status"), "completed")
        XCTAssertEqual(action.value(atPath: "data.input.email"), "jo.smith@example.com")
        XCTAssertEqual(action.value(atPath: "data.output.result.ticket_id"), "T-1001")
        XCTAssertEqual(action.value(atPath: "data.http_status"), 200)
        XCTAssertNotNil(action.value(atPath: "data.duration_ms")?.numericValue)

        let ended = try XCTUnwrap(bodies.first { $0.value(atPath: "event") == "call_ended" })
        XCTAssertNotNil(ended.value(atPath: "data.end_reason")?.stringValue)
        XCTAssertNotNil(ended.value(atPath: "data.duration_ms")?.integerValue)

        let messages = bodies.filter { $0.value(atPath: "event") == "message" }
        let transcript = try XCTUnwrap(bodies.last?.value(atPath: "data.lines")?.arrayValue)
        XCTAssertEqual(transcript.count, messages.count, "one transcript line per message event")
        XCTAssertEqual(transcript.map { $0.value(atPath: "text") }, messages.map { $0.value(atPath: "data.text") })
        XCTAssertTrue(messages.contains { $0.value(atPath: "data.speaker") == "caller" })
        XCTAssertTrue(messages.contains { $0.value(atPath: "data.speaker") == "agent" })
    }

    func testAFailedActionIsToldAsActionAndError() async throws {
        let server = try await server()
        try webhook("Errors", url: server.baseURL, events: [.action, .error])
        let demo = try DemoWorkspace.create(in: store)
        let failing = try XCTUnwrap(try store.action(functionName: "refund_request_failing"))
        let invoker = ActionInvoker()
        let dispatcher = await dispatcher()
        let record = CallRecord(agentID: demo.agent.id, agentName: demo.agent.name, startedFromAction: failing.id, origin: "headless")
        let agent = MockAgent(agent: demo.agent, actions: [failing], callID: record.id.rawValue, startedFrom: failing)
        let call = LiveCall(agent: agent, record: record, store: store, invoker: invoker, webhooks: dispatcher)
        await call.start()
        await call.say("order number 4417")
        await call.hangUp()
        _ = await dispatcher.drain(timeout: .seconds(10))
        await invoker.shutdown()
        await SampleHost.shared.stop()

        let bodies = try await server.recorder.requests.map { try JSONValue(parsing: $0.body) }
        XCTAssertEqual(bodies.compactMap { $0.value(atPath: "event")?.stringValue }, ["action", "error"])
        XCTAssertEqual(bodies[0].value(atPath: "data.status"), "failed")
        XCTAssertEqual(bodies[0].value(atPath: "data.error.code"), "server_error")
        XCTAssertEqual(bodies[0].value(atPath: "data.http_status"), 500)
        XCTAssertEqual(bodies[1].value(atPath: "data.code"), "server_error")
        XCTAssertEqual(bodies[1].value(atPath: "data.source"), "action")
    }
}
