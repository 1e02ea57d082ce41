import ActionHTTP
import ActionModel
import CallSimulation
import SampleBackend
import XCTest

final class WireRequestTests: XCTestCase {
    let arguments: JSONObject = JSONObject([
        (key: "email", value: "ada@example.com"), (key: "issue", value: "Router is down"),
    ])

    func testFluentsBodyAndHeaderOrder() throws {
        let request = invocation(
            "https://api.example.com/tickets", arguments: arguments,
            headers: [HTTPHeader(name: "Authorization", value: "Bearer t0k"), HTTPHeader(name: "X-Tenant", value: "acme")],
            callID: "call-42", key: "idem-1")
        let exchange = try WireRequest.build(request)
        XCTAssertEqual(exchange.method, "POST")
        XCTAssertEqual(exchange.url, "https://api.example.com/tickets")
        XCTAssertEqual(exchange.requestHeaders, [
            HTTPHeader(name: "Content-Type", value: "application/json"),
            HTTPHeader(name: "Accept", value: "application/json"),
            HTTPHeader(name: "Authorization", value: "Bearer t0k"),
            HTTPHeader(name: "X-Tenant", value: "acme"),
            HTTPHeader(name: "Idempotency-Key", value: "idem-1"),
        ])
        XCTAssertEqual(String(decoding: exchange.requestBody, as: UTF8.self),
                       #"{"call_id":"call-42","payload":{"email":"ada@example.com","issue":"Router is down"}}"#)
        XCTAssertNil(exchange.status)
    }

    func testArgsAtRootBodyKeepsCollectedOrder() throws {
        let ordered = JSONObject([(key: "zeta", value: 1), (key: "alpha", value: "a\"b"), (key: "mid", value: [true, nil])])
        let exchange = try WireRequest.build(invocation("http://h/x", arguments: ordered, format: .argsAtRoot))
        XCTAssertEqual(String(decoding: exchange.requestBody, as: UTF8.self), #"{"zeta":1,"alpha":"a\"b","mid":[true,null]}"#)
    }

    func testSignatureMatchesPythonHMAC() throws {
        // Expected value computed independently:
        // python3 -c 'import hmac,hashlib,base64; k=base64.b64decode("c3dpdGNoYm9hcmQtZGVtby1zZWNyZXQ=");
        //   b=b"{\"call_id\":\"call-42\",\"payload\":{\"email\":\"ada@example.com\",\"issue\":\"Router is down\"}}";
        //   print(base64.b64encode(hmac.new(k,b,hashlib.sha256).digest()).decode())'
        let expected = "h+2AnVO4h9TjI2LlHzZUDcRQ+Vnikb57k9m7XDFSArw="
        let request = invocation("https://api.example.com/tickets", arguments: arguments,
                                 secret: SampleBackend.demoSecret, callID: "call-42", key: "idem-1")
        let exchange = try WireRequest.build(request)
        XCTAssertEqual(exchange.requestHeaders.last, HTTPHeader(name: "x-vocode-signature", value: expected))
        XCTAssertEqual(exchange.requestHeaders.count, 4)
    }

    func testUserHeadersCannotBreakFraming() throws {
        let request = invocation("http://h/x", headers: [
            HTTPHeader(name: "content-type", value: "application/json; charset=utf-8"),
            HTTPHeader(name: "Content-Length", value: "999"), HTTPHeader(name: "Host", value: "evil"),
            HTTPHeader(name: "Idempotency-Key", value: "fixed"), HTTPHeader(name: "X-A", value: "1"),
        ], key: "k")
        let headers = try WireRequest.build(request).requestHeaders
        XCTAssertEqual(headers, [
            HTTPHeader(name: "Content-Type", value: "application/json; charset=utf-8"),
            HTTPHeader(name: "Accept", value: "application/json"),
            HTTPHeader(name: "X-A", value: "1"),
            HTTPHeader(name: "Idempotency-Key", value: "k"),
        ])
    }

    func testNeedsURLAndBadConfiguration() async {
        XCTAssertThrowsError(try WireRequest.build(invocation(nil))) { XCTAssertEqual($0 as? WireRequestError, .needsURL) }
        XCTAssertThrowsError(try WireRequest.build(invocation(""))) { XCTAssertEqual($0 as? WireRequestError, .needsURL) }
        XCTAssertThrowsError(try WireRequest.build(invocation("ftp://h/x"))) {
            XCTAssertEqual($0 as? WireRequestError, .invalidURL("ftp://h/x"))
        }
        XCTAssertThrowsError(try WireRequest.build(invocation("http://h/x", secret: "not base64!"))) {
            XCTAssertEqual($0 as? WireRequestError, .invalidSignatureSecret)
        }
        let invoker = ActionInvoker()
        let outcome = await invoker.invoke(invocation(nil))
        await invoker.shutdown()
        XCTAssertEqual(outcome, .failure(.needsURL, exchange: nil))
    }

    func testIdempotencyKeyIsFreshPerInvocation() {
        let action = customAction(url: "http://h/x")
        let keys = Set((0..<100).map { _ in InvocationRequest(action: action, arguments: [:], callID: "c").idempotencyKey })
        XCTAssertEqual(keys.count, 100)
    }
}

/// The bytes that actually reach a socket, read by a bare recorder.
final class OnTheWireTests: XCTestCase {
    var invoker: ActionInvoker!
    var server: RunningRecorder!

    override func setUp() async throws {
        invoker = ActionInvoker()
        server = try await SampleBackend.startRecorder { _ in (200, #"{"result":{"ok":true}}"#) }
    }

    override func tearDown() async throws {
        await invoker.shutdown()
        await server.stop()
    }

    func testExactBytesFluents() async throws {
        let request = invocation(
            server.baseURL + "/hooks/lead?src=test",
            arguments: JSONObject([(key: "email", value: "ada@example.com"), (key: "seats", value: 3)]),
            headers: [HTTPHeader(name: "Authorization", value: "Bearer t0k"), HTTPHeader(name: "X-Tenant", value: "acme")],
            secret: SampleBackend.demoSecret, callID: "call-7", key: "idem-7")
        let outcome = await invoker.invoke(request)
        XCTAssertEqual(outcome.result, ["ok": true])
        let last = await server.recorder.last
        let seen = try XCTUnwrap(last)
        let body = #"{"call_id":"call-7","payload":{"email":"ada@example.com","seats":3}}"#
        XCTAssertEqual(seen.bodyText, body)
        XCTAssertEqual(seen.method, "POST")
        XCTAssertEqual(seen.path, "/hooks/lead?src=test")
        let signature = try WireRequest.signature(body: Array(body.utf8), secret: SampleBackend.demoSecret)
        XCTAssertEqual(seen.rawHeadText, [
            "POST /hooks/lead?src=test HTTP/1.1",
            "Content-Type: application/json",
            "Accept: application/json",
            "Authorization: Bearer t0k",
            "X-Tenant: acme",
            "Idempotency-Key: idem-7",
            "x-vocode-signature: \(signature)",
            "host: 127.0.0.1:\(server.port)",  // added by AsyncHTTPClient, lower-case
            "Content-Length: \(body.utf8.count)",
        ].joined(separator: "\r\n") + "\r\n\r\n")
        // The exchange records what was sent and what came back.
        let exchange = try XCTUnwrap(outcome.exchange)
        XCTAssertEqual(exchange.requestBody, seen.body)
        XCTAssertEqual(exchange.status, 200)
        XCTAssertEqual(String(decoding: exchange.responseBody, as: UTF8.self), #"{"result":{"ok":true}}"#)
        XCTAssertTrue(exchange.responseHeaders.contains(HTTPHeader(name: "Content-Type", value: "application/json")))
        XCTAssertGreaterThan(exchange.durationMilliseconds, 0)
    }

    func testExactBytesArgsAtRoot() async throws {
        let request = invocation(server.baseURL + "/x", arguments: JSONObject([(key: "b", value: 2), (key: "a", value: "é")]),
                                 format: .argsAtRoot, key: "k-root")
        _ = await invoker.invoke(request)
        let last = await server.recorder.last
        let seen = try XCTUnwrap(last)
        XCTAssertEqual(seen.body, Array(#"{"b":2,"a":"é"}"#.utf8))
        XCTAssertEqual(seen.headers.map(\.name), ["Content-Type", "Accept", "Idempotency-Key", "host", "Content-Length"])
        XCTAssertEqual(seen.header("Idempotency-Key"), "k-root")
        XCTAssertEqual(seen.header("Content-Length"), "\(seen.body.count)")
    }

    func testIdempotencyKeyDiffersBetweenInvocations() async throws {
        let action = customAction(url: server.baseURL + "/x")
        for _ in 0..<3 { _ = await invoker.invoke(InvocationRequest(action: action, arguments: ["a": 1], callID: "c")) }
        let keys = await server.recorder.requests.compactMap { $0.header("Idempotency-Key") }
        XCTAssertEqual(keys.count, 3)
        XCTAssertEqual(Set(keys).count, 3)
    }
}
