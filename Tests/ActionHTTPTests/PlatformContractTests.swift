import ActionHTTP
import ActionModel
import CallSimulation
import Foundation
import SampleBackend
import XCTest

/// Each platform's request and response contract against the sample backend
/// on 127.0.0.1, whose readers of the bodies (and of Retell's signature) are
/// written separately from the Platforms module.
final class PlatformContractTests: LiveTestCase {
    func platformAction(_ platform: ActionPlatform, path: String, secret: String? = nil, format: BodyFormat = .fluents) -> Action {
        Action(
            name: "Order status", functionName: "order_status", description: "Looks up an order",
            configuration: .customInput(CustomInputConfiguration(
                url: url(path), inputSchema: InputSchema(properties: [SchemaProperty(name: "order_id", type: .integer, isRequired: true)]),
                timeoutSeconds: 5, signatureSecret: secret, bodyFormat: format)),
            platform: platform)
    }

    func call(_ platform: ActionPlatform, _ path: String, secret: String? = nil, format: BodyFormat = .fluents) async -> InvocationOutcome {
        await invoker.invoke(InvocationRequest(action: platformAction(platform, path: path, secret: secret, format: format),
                                               arguments: ["order_id": 1002], callID: "call-7", idempotencyKey: "0f6c2a0e-aaaa-bbbb-cccc-000000000001"))
    }

    func body(_ outcome: InvocationOutcome) throws -> JSONValue {
        try JSONValue(parsing: XCTUnwrap(outcome.exchange).requestBody)
    }

    func testVapiToolCallsRoundTrip() async throws {
        let outcome = await call(.vapi, "/vapi/order-status")
        XCTAssertEqual(outcome.result, ["order_id": "1002", "status": "shipped", "eta": "2 days"], "\(outcome)")
        let sent = try body(outcome)
        XCTAssertEqual(sent.value(atPath: "message.type"), "tool-calls")
        XCTAssertEqual(sent.value(atPath: "message.call.id"), "call-7")
        let toolCall = sent.value(atPath: "message.toolCallList")?.arrayValue?.first
        XCTAssertEqual(toolCall?.value(atPath: "id"), "call_0f6c2a0eaaaabbbbcccc0000", "the id comes from the idempotency key")
        XCTAssertEqual(toolCall?.value(atPath: "function.arguments.order_id"), 1002)
        XCTAssertNil(outcome.exchange?.requestHeaders.first { $0.name.lowercased() == "x-vocode-signature" })
    }

    func testVapiAnswersThePlatformWouldIgnore() async {
        for (path, expected) in [("/vapi/faults/wrong-id", "does not match"), ("/vapi/faults/multi-line", "single-line"),
                                 ("/vapi/faults/status-500", "only HTTP 200")] {
            let outcome = await call(.vapi, path)
            guard case let .platformIgnored(reason)? = outcome.fault else { XCTFail("\(path): \(outcome)"); continue }
            XCTAssertTrue(reason.hasPrefix("Vapi would ignore"), reason)
            XCTAssertTrue(reason.contains(expected), "\(path): \(reason)")
            XCTAssertEqual(outcome.fault?.code, "platform_ignored")
        }
        let error = await call(.vapi, "/vapi/faults/error")
        XCTAssertEqual(error.fault, .toolError("No order with that number."))
        // A Fluents endpoint answered for a Vapi action: no results list.
        guard case .platformIgnored? = await call(.vapi, "/crm/leads").fault else { return XCTFail("a Fluents answer is not a Vapi answer") }
    }

    func testRetellSignedRequestIsAcceptedAndAWrongKeyRefused() async throws {
        let outcome = await call(.retell, "/retell/order-status", secret: SampleBackend.demoRetellKey)
        XCTAssertEqual(outcome.result?["status"], "shipped", "\(outcome)")
        let sent = try body(outcome)
        XCTAssertEqual(sent.value(atPath: "name"), "order_status")
        XCTAssertEqual(sent.value(atPath: "call.call_id"), "call-7")
        XCTAssertEqual(sent.value(atPath: "args.order_id"), 1002)
        let header = try XCTUnwrap(outcome.exchange?.requestHeaders.first { $0.name == "X-Retell-Signature" })
        XCTAssertTrue(header.value.hasPrefix("v=") && header.value.contains(",d="), header.value)

        let wrongKey = await call(.retell, "/retell/order-status", secret: "key_someone_else")
        XCTAssertEqual(wrongKey.fault, .authentication(status: 401))

        let atRoot = await call(.retell, "/retell/order-status", format: .argsAtRoot)
        XCTAssertEqual(try body(atRoot), ["order_id": 1002])
        XCTAssertEqual(atRoot.result?["order_id"], "1002")
    }

    func testElevenLabsFillsThePathAndSendsTheRestAtTheRoot() async throws {
        var action = platformAction(.elevenlabs, path: "/elevenlabs/orders/{order_id}", format: .argsAtRoot)
        if case var .customInput(config) = action.configuration {
            config.inputSchema.properties.append(SchemaProperty(name: "detail", description: "Anything else"))
            action.configuration = .customInput(config)
        }
        let outcome = await invoker.invoke(InvocationRequest(action: action, arguments: ["order_id": 1003, "detail": "gift"], callID: "c"))
        XCTAssertEqual(outcome.exchange?.url, url("/elevenlabs/orders/1003"))
        XCTAssertEqual(try body(outcome), ["detail": "gift"])
        XCTAssertEqual(outcome.result, ["order_id": "1003", "status": "processing", "eta": "2 days", "detail": "gift"])
    }

    func testElevenLabsFillsAQueryParameterAndLeavesOutAnUnfilledOne() async throws {
        var action = platformAction(.elevenlabs, path: "/elevenlabs/orders/{order_id}?include={include}", format: .argsAtRoot)
        if case var .customInput(config) = action.configuration {
            config.inputSchema.properties.append(SchemaProperty(name: "include", description: "Extra details to include"))
            action.configuration = .customInput(config)
        }
        let filled = await invoker.invoke(InvocationRequest(action: action, arguments: ["order_id": 1003, "include": "eta & carrier"], callID: "c"))
        XCTAssertEqual(filled.exchange?.url, url("/elevenlabs/orders/1003?include=eta%20%26%20carrier"))
        XCTAssertEqual(try body(filled), [:], "both fields went into the URL")
        XCTAssertEqual(filled.result?["include"], "eta & carrier", "the server read the value whole: \(filled)")

        let unfilled = await invoker.invoke(InvocationRequest(action: action, arguments: ["order_id": 1003], callID: "c"))
        XCTAssertEqual(unfilled.exchange?.url, url("/elevenlabs/orders/1003"))
        XCTAssertNil(unfilled.result?["include"], "\(unfilled)")
        XCTAssertEqual(unfilled.result?["status"], "processing")
    }

    func testBlandSendsTheFilledTemplate() async throws {
        let outcome = await invoker.invoke(InvocationRequest(action: platformAction(.bland, path: "/bland/order-status", format: .argsAtRoot),
                                                             arguments: ["order_id": 1002, "coupon": "SAVE10"], callID: "call-7"))
        XCTAssertEqual(try body(outcome), ["order_id": 1002], "the template names order_id only")
        XCTAssertEqual(outcome.result?["status"], "shipped")
    }

    func testFluentsIsUnchanged() async throws {
        let outcome = await invoke("/crm/leads", secret: SampleBackend.demoSecret)
        XCTAssertNotNil(outcome.result?["lead_id"], "\(outcome)")
        XCTAssertEqual(try body(outcome).value(atPath: "call_id"), "call-1")
        XCTAssertNotNil(outcome.exchange?.requestHeaders.first { $0.name == "x-vocode-signature" })
    }

    func testTheShownRequestIsThePlatformsBytes() throws {
        let action = platformAction(.retell, path: "/retell/order-status", secret: SampleBackend.demoRetellKey)
        let request = InvocationRequest(action: action, arguments: ["order_id": 1], callID: "c", idempotencyKey: "k")
        let prepared = try WireRequest.prepare(request, templates: TemplateContext(), now: Date(timeIntervalSince1970: 1_767_225_600))
        XCTAssertEqual(prepared.shown.requestBody, prepared.wire.requestBody)
        XCTAssertEqual(prepared.shown.requestHeaders.last?.name, "X-Retell-Signature")
        XCTAssertTrue(prepared.shown.requestHeaders.last?.value.hasPrefix("v=1767225600000,d=") == true)
        XCTAssertEqual(prepared.platform, .retell)
        let curl = try curlCommand(for: prepared.shown)
        XCTAssertTrue(curl.contains("\"args\":{\"order_id\":1}"), curl)
    }
}
