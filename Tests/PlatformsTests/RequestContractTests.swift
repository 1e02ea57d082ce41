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

    func testBlandSendsOnlyWhatItsTemplateNames() {
        // The template has one {{input.x}} per field, in the schema's order; a
        // value the agent sent beyond the fields has no place in it.
        var extra = call
        extra.arguments = ["email": "ada@example.com", "coupon": "SAVE10", "order_id": 42, "reason": "billing"]
        XCTAssertEqual(PlatformRequest.body(.bland, action: withPlatform(.bland), call: extra),
                       #"{"order_id":42,"email":"ada@example.com","reason":"billing"}"#)
    }

    func testElevenLabsFillsQueryParametersAndLeavesOutTheUnfilled() {
        var search = Fixtures.orderSearch
        search.platform = .elevenlabs
        let url = search.customInput?.url ?? ""
        let filled = ToolCall(callID: "c", toolCallID: "t", arguments: ["status": "open & late", "limit": 5, "customer": "Ada"], time: Fixtures.fixedDate)
        XCTAssertEqual(PlatformRequest.url(.elevenlabs, url: url, arguments: filled.arguments),
                       "https://api.example.com/orders?region=eu&status=open%20%26%20late&limit=5",
                       "a query value is encoded so it can't add or split pairs")
        XCTAssertEqual(PlatformRequest.body(.elevenlabs, action: search, call: filled), #"{"customer":"Ada"}"#,
                       "query parameters are not repeated in the body")
        // The optional limit not filled: its pair is not sent at all.
        let partial = ToolCall(callID: "c", toolCallID: "t", arguments: ["status": "open", "customer": "Ada"], time: Fixtures.fixedDate)
        XCTAssertEqual(PlatformRequest.url(.elevenlabs, url: url, arguments: partial.arguments), "https://api.example.com/orders?region=eu&status=open")
        XCTAssertEqual(PlatformRequest.url(.elevenlabs, url: "https://x/o?limit={limit}", arguments: [:]), "https://x/o")
        // A template in the query is not a parameter.
        XCTAssertEqual(PlatformRequest.url(.elevenlabs, url: "https://x/o?key={{secret.K}}&q={q}", arguments: ["q": "a=b"]),
                       "https://x/o?key={{secret.K}}&q=a%3Db")
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
        guard case let .ignored(multiLineError) = read(.vapi, #"{"results":[{"toolCallId":"call_abc","error":"Order not found.\nTry again"}]}"#) else {
            return XCTFail("an error with line breaks is ignored too")
        }
        XCTAssertTrue(multiLineError.contains("\"error\" must be a single-line string"), multiLineError)
        guard case let .ignored(objectResult) = read(.vapi, #"{"results":[{"toolCallId":"call_abc","result":{"status":"shipped"}}]}"#) else {
            return XCTFail("an object result is ignored")
        }
        XCTAssertTrue(objectResult.contains("must be a string, not object"), objectResult)
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
