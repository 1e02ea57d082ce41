import ActionModel
import Foundation
import Platforms
import XCTest

final class RequestContractTests: XCTestCase {
    let call = ToolCall(callID: "call_1", toolCallID: "call_abc", arguments: ["order_id": 42, "email": "ada@example.com"],
                        time: Fixtures.fixedDate)

    func withPlatform(_ platform: ActionPlatform, format: BodyFormat = .fluents) -> Action {
        var action = Fixtures.orderLookup
        action.platform = platform
        if case var .customInput(config) = action.configuration {
            config.bodyFormat = format
            action.configuration = .customInput(config)
        }
        return action
    }

    func testBodyPerPlatform() {
        XCTAssertEqual(PlatformRequest.body(.fluents, action: withPlatform(.fluents), call: call),
                       #"{"call_id":"call_1","payload":{"order_id":42,"email":"ada@example.com"}}"#)
        XCTAssertEqual(PlatformRequest.body(.vapi, action: withPlatform(.vapi), call: call),
                       #"{"message":{"type":"tool-calls","timestamp":1767225600000,"toolCallList":[{"id":"call_abc","type":"function","function":{"name":"order_lookup","arguments":{"order_id":42,"email":"ada@example.com"}}}],"call":{"id":"call_1"}}}"#)
        XCTAssertEqual(PlatformRequest.body(.retell, action: withPlatform(.retell), call: call),
                       #"{"name":"order_lookup","call":{"call_id":"call_1"},"args":{"order_id":42,"email":"ada@example.com"}}"#)
        XCTAssertEqual(PlatformRequest.body(.retell, action: withPlatform(.retell, format: .argsAtRoot), call: call),
                       #"{"order_id":42,"email":"ada@example.com"}"#)
        // ElevenLabs: order_id went into the path, so the body holds the rest.
        XCTAssertEqual(PlatformRequest.body(.elevenlabs, action: withPlatform(.elevenlabs), call: call), #"{"email":"ada@example.com"}"#)
        XCTAssertEqual(PlatformRequest.body(.bland, action: withPlatform(.bland), call: call), #"{"order_id":42,"email":"ada@example.com"}"#)
    }

    func testElevenLabsFillsPathParametersButNotTemplates() {
        XCTAssertEqual(PlatformRequest.url(.elevenlabs, url: "https://api.example.com/orders/{order_id}", arguments: call.arguments),
                       "https://api.example.com/orders/42")
        XCTAssertEqual(PlatformRequest.url(.elevenlabs, url: "{{env.BASE}}/o/{id}?k={{secret.K}}", arguments: ["id": "a b/c"]),
                       "{{env.BASE}}/o/a%20b%2Fc?k={{secret.K}}")
        XCTAssertEqual(PlatformRequest.url(.vapi, url: "https://x/{order_id}", arguments: call.arguments), "https://x/{order_id}",
                       "only ElevenLabs has path parameters")
    }

    func testSignatureHeaderPerPlatform() throws {
        let body = Array("{}".utf8)
        XCTAssertEqual(try PlatformRequest.signature(.fluents, body: body, secret: "c2VjcmV0", time: Fixtures.fixedDate)?.name, "x-vocode-signature")
        XCTAssertEqual(try PlatformRequest.signature(.retell, body: body, secret: "key", time: Fixtures.fixedDate)?.name, "X-Retell-Signature")
        XCTAssertNil(try PlatformRequest.signature(.vapi, body: body, secret: "key", time: Fixtures.fixedDate))
        XCTAssertNil(try PlatformRequest.signature(.elevenlabs, body: body, secret: "key", time: Fixtures.fixedDate))
        XCTAssertNil(try PlatformRequest.signature(.bland, body: body, secret: "key", time: Fixtures.fixedDate))
    }

    func read(_ platform: ActionPlatform, _ body: String) -> ResponseReading {
        ResponseContract.read(platform, body: Array(body.utf8), toolCallID: "call_abc")
    }

    func testVapiResponseContract() {
        XCTAssertEqual(read(.vapi, #"{"results":[{"toolCallId":"call_abc","result":"{\"status\":\"shipped\"}"}]}"#),
                       .result(["status": "shipped"], agentMessage: nil))
        XCTAssertEqual(read(.vapi, #"{"results":[{"toolCallId":"call_abc","result":"It shipped."}]}"#), .result(["text": "It shipped."], agentMessage: nil))
        XCTAssertEqual(read(.vapi, #"{"results":[{"toolCallId":"call_abc","error":"No such order"}]}"#), .toolError("No such order"))
        guard case let .ignored(mismatch) = read(.vapi, #"{"results":[{"toolCallId":"call_other","result":"x"}]}"#) else { return XCTFail() }
        XCTAssertTrue(mismatch.contains("\"call_other\"") && mismatch.contains("\"call_abc\""), mismatch)
        guard case let .ignored(multiLine) = read(.vapi, #"{"results":[{"toolCallId":"call_abc","result":"a\nb"}]}"#) else { return XCTFail() }
        XCTAssertTrue(multiLine.contains("single-line"), multiLine)
        guard case .ignored = read(.vapi, #"{"result":{"a":1}}"#) else { return XCTFail("a Fluents answer is not a Vapi answer") }
        XCTAssertNotNil(ResponseContract.statusProblem(.vapi, status: 500))
        XCTAssertNotNil(ResponseContract.statusProblem(.vapi, status: 201), "Vapi reads only 200")
        XCTAssertNil(ResponseContract.statusProblem(.vapi, status: 200))
        XCTAssertNil(ResponseContract.statusProblem(.retell, status: 500), "other platforms' statuses are classified as usual")
    }

    func testOtherPlatformsResponseContracts() {
        XCTAssertEqual(read(.fluents, #"{"result":{"a":1},"agent_message":"Done"}"#), .result(["a": 1], agentMessage: "Done"))
        XCTAssertEqual(read(.fluents, #"{"a":1}"#), .resultMissing)
        XCTAssertEqual(read(.retell, "plain text answer"), .result(["text": "plain text answer"], agentMessage: nil))
        XCTAssertEqual(read(.retell, #"{"a":1}"#), .result(["a": 1], agentMessage: nil))
        XCTAssertEqual(read(.elevenlabs, #"{"a":1}"#), .result(["a": 1], agentMessage: nil))
        XCTAssertEqual(read(.elevenlabs, "not json"), .notJSON)
        XCTAssertEqual(read(.bland, #"[1,2]"#), .result(["value": [1, 2]], agentMessage: nil))
    }
}
