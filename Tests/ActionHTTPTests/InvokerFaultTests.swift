@testable import ActionHTTP
import ActionModel
import CallSimulation
import SampleBackend
import Foundation
import XCTest

final class InvokerFaultTests: LiveTestCase {
    func testConnectionRefusedOnClosedPort() async throws {
        // A port that was just free: start a recorder, note its port, stop it.
        let probe = try await SampleBackend.startRecorder { _ in (200, "{}") }
        let port = probe.port
        await probe.stop()
        let started = Date()
        let outcome = await invoker.invoke(invocation("http://127.0.0.1:\(port)/x", timeout: 5))
        guard case let .connectionFailed(detail) = outcome.fault else { return XCTFail("\(outcome)") }
        XCTAssertEqual(detail, "127.0.0.1:\(port): connection refused")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "refused must fail fast, not wait for the timeout")
        XCTAssertNil(outcome.exchange?.status)
    }

    /// The HTTP stack traps on a port above 65535; the invoker refuses it first,
    /// whichever way the request was built.
    func testAPortAboveRangeIsRefusedNotTrapped() async {
        for port in ["99999", "65536"] {
            let outcome = await invoker.invoke(invocation("http://127.0.0.1:\(port)/x", timeout: 2))
            guard case let .notSent(detail) = outcome.fault else { return XCTFail("\(outcome)") }
            XCTAssertTrue(detail.contains("port \(port) is out of range"), detail)
            let sent = await invoker.send(HTTPExchange(url: "http://127.0.0.1:\(port)/x", requestHeaders: [], requestBody: []), timeoutSeconds: 2)
            XCTAssertEqual(sent.fault, .notSent("the port \(port) is out of range; a port is 1 to 65535 (or leave it out for 80/443)"))
        }
    }

    /// A TLS endpoint that never completes the handshake: the call ends at the
    /// action's timeout, and the invoker then lets the process go at once
    /// instead of waiting for the pool's own connect timeout.
    func testAHandshakeThatNeverCompletesEndsAtTheTimeoutAndDoesNotHoldTheProcess() async throws {
        // Listening but never accepting: the kernel completes TCP, nobody answers the ClientHello.
        let (listener, port) = try Self.listener()
        defer { close(listener) }

        let own = ActionInvoker()
        let started = Date()
        let outcome = await own.invoke(invocation("https://127.0.0.1:\(port)/x", timeout: 1))
        XCTAssertEqual(outcome.fault, .timedOut(seconds: 1))
        await own.shutdown()
        XCTAssertLessThan(Date().timeIntervalSince(started), 4, "shutdown waited for the abandoned handshake")
    }

    /// A bare listening socket on 127.0.0.1 that nothing serves.
    static func listener() throws -> (descriptor: Int32, port: Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Connected, then reset by the server: said in words, naming the host,
    /// never "could not connect" nor the library's syscall names.
    func testAConnectionResetAfterConnectingIsWordedPlainly() async throws {
        let (listener, port) = try Self.listener()
        defer { close(listener) }
        let acceptor = Thread {
            let connection = accept(listener, nil, nil)
            var hard = linger(l_onoff: 1, l_linger: 0)  // close with RST
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
            usleep(100_000)
            close(connection)
        }
        acceptor.start()
        let outcome = await invoker.invoke(invocation("http://127.0.0.1:\(port)/x", timeout: 3))
        guard case let .connectionFailed(detail) = outcome.fault else { return XCTFail("\(outcome)") }
        XCTAssertTrue(detail.hasPrefix("127.0.0.1:\(port): the server"), detail)
        XCTAssertFalse(detail.contains("could not connect") || detail.contains("descriptor") || detail.contains("IOError"), detail)
        let said = outcome.fault?.explanation ?? ""
        XCTAssertFalse(said.contains("could not connect"), "it did connect: \(said)")
        XCTAssertEqual(said, "connection failed: " + detail)
    }

    /// A redirect we won't follow is its own fault (the request was answered),
    /// and a hop after a redirect that fails names where the redirect led.
    func testAFailedRedirectSaysWhereItLedNotCouldNotConnect() async throws {
        let unfollowed = await invoke("/faults/redirect?code=307&to=ftp%3A%2F%2Fexample.com%2Fx")
        guard case let .redirectNotFollowed(detail) = unfollowed.fault else { return XCTFail("\(unfollowed)") }
        XCTAssertEqual(detail, "307 from 127.0.0.1:\(backend.port) to 'ftp://example.com/x', which can't be followed (an http(s) URL with a valid port is needed)")
        XCTAssertEqual(unfollowed.fault?.code, "redirect_not_followed")
        XCTAssertFalse(unfollowed.fault?.explanation.contains("could not connect") ?? true)

        let probe = try await SampleBackend.startRecorder { _ in (200, "{}") }
        let closed = probe.port
        await probe.stop()
        let target = "http://127.0.0.1:\(closed)/x"
        let refused = await invoke("/faults/redirect?code=307&to=" + target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        guard case let .connectionFailed(hop) = refused.fault else { return XCTFail("\(refused)") }
        XCTAssertEqual(hop, "127.0.0.1:\(closed): connection refused (after 307 → \(target))")
        XCTAssertFalse(hop.contains(":\(backend.port)"), "the original host is not the one that failed: \(hop)")
    }

    func testTimeoutWithOneSecondAction() async {
        let started = Date()
        let outcome = await invoke("/faults/slow?ms=3000", timeout: 1)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(outcome.fault, .timedOut(seconds: 1))
        XCTAssertGreaterThan(elapsed, 0.9)
        XCTAssertLessThan(elapsed, 2)
    }

    func testTimeoutCoversTheBody() async {
        let started = Date()
        let outcome = await invoke("/faults/slow?ms=3000&phase=body", timeout: 1)
        XCTAssertEqual(outcome.fault, .timedOut(seconds: 1))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        let inTime = await invoke("/faults/slow?ms=100&phase=body", timeout: 2)
        XCTAssertEqual(inTime.result, ["slept_ms": 100])
    }

    func testTLSAgainstAPlainHTTPServer() async {
        let outcome = await invoker.invoke(invocation("https://127.0.0.1:\(backend.port)/crm/leads", timeout: 3))
        guard case let .tls(detail) = outcome.fault else { return XCTFail("\(outcome)") }
        XCTAssertTrue(detail.hasPrefix("TLS handshake with 127.0.0.1:\(backend.port) failed"), detail)
        XCTAssertFalse(detail.contains("NIOSSL") || detail.contains("handshakeFailed") || detail.contains(".swift"), "library internals: \(detail)")
    }

    func testLibraryErrorsAreWordedWithoutTheirInternals() {
        XCTAssertEqual(ActionInvoker.plainReason("NIOCore.ChannelError.ioOnClosedChannel at /work/main/.build/checkouts/x/Sources/A.swift:12"),
                       "ioOnClosedChannel at")
    }

    func testSlowButInTime() async {
        let outcome = await invoke("/faults/slow?ms=200", timeout: 2)
        XCTAssertEqual(outcome.result, ["slept_ms": 200])
        XCTAssertGreaterThanOrEqual(outcome.exchange?.durationMilliseconds ?? 0, 200)
    }

    func testAuthentication() async {
        let unauthorized = await invoke("/faults/401")
        XCTAssertEqual(unauthorized.fault, .authentication(status: 401))
        XCTAssertEqual(unauthorized.exchange?.status, 401)
        XCTAssertEqual(String(decoding: unauthorized.exchange?.responseBody ?? [], as: UTF8.self),
                       #"{"error":"missing or invalid credentials"}"#)
        let forbidden = await invoke("/faults/403")
        XCTAssertEqual(forbidden.fault, .authentication(status: 403))
    }

    func testClientErrors() async {
        let notFound = await invoke("/faults/404")
        XCTAssertEqual(notFound.fault, .clientError(status: 404))
        let past = await invoke("/appointments", arguments: ["name": "Ada", "date": "2001-01-01", "time": "09:00"])
        XCTAssertEqual(past.fault, .clientError(status: 422))
        XCTAssertEqual(String(decoding: past.exchange?.responseBody ?? [], as: UTF8.self),
                       #"{"error":"2001-01-01 09:00 is in the past"}"#)
    }

    func testServerError() async {
        let outcome = await invoke("/faults/500")
        XCTAssertEqual(outcome.fault, .serverError(status: 500))
    }

    func testBodyShapes() async {
        let notJSON = await invoke("/faults/not-json")
        XCTAssertEqual(notJSON.fault, .bodyNotJSON)
        XCTAssertEqual(notJSON.exchange?.status, 200)
        XCTAssertEqual(String(decoding: notJSON.exchange?.responseBody ?? [], as: UTF8.self), "<html><body>Hello</body></html>")
        let missing = await invoke("/faults/no-result")
        XCTAssertEqual(missing.fault, .resultMissing)
        let notObject = await invoke("/faults/result-not-object")
        XCTAssertEqual(notObject.fault, .resultNotObject)
    }

    func testBodyOverOneMiB() async {
        let declared = await invoke("/faults/huge")
        XCTAssertEqual(declared.fault, .bodyTooLarge(limit: 1 << 20))
        XCTAssertEqual(declared.exchange?.responseBody.count, 0, "a Content-Length over the limit is not read at all")
        let streamed = await invoke("/faults/huge?stream=1")
        XCTAssertEqual(streamed.fault, .bodyTooLarge(limit: 1 << 20))
        XCTAssertEqual(streamed.exchange?.responseBody.count, 1 << 20, "reading stops at the limit")
        // The client is still usable afterwards.
        let next = await invoke("/faults/agent-message")
        XCTAssertNotNil(next.result)
    }

    func testRedirect307KeepsPOSTAndBody() async throws {
        let outcome = await invoke("/faults/redirect?times=2&code=307", arguments: ["email": "ada@example.com"])
        let result = try XCTUnwrap(outcome.result, "\(outcome)")
        XCTAssertEqual(result["method"], "POST")
        XCTAssertEqual(result["body"], #"{"call_id":"call-1","payload":{"email":"ada@example.com"}}"#)
        let permanent = await invoke("/faults/redirect?times=1&code=308")
        XCTAssertEqual(permanent.result?["method"], "POST")
    }

    func testRedirect301302303BecomeGETWithoutBody() async {
        for code in [301, 302, 303] {
            let outcome = await invoke("/faults/redirect?times=1&code=\(code)")
            XCTAssertEqual(outcome.result?["method"], "GET", "\(code)")
            XCTAssertEqual(outcome.result?["body"], "", "\(code)")
        }
    }

    func testFiveRedirectsFollowedSixTooMany() async {
        let five = await invoke("/faults/redirect?times=5&code=307")
        XCTAssertEqual(five.result?["method"], "POST")
        let six = await invoke("/faults/redirect?times=6&code=307")
        XCTAssertEqual(six.fault, .tooManyRedirects)
        XCTAssertNotNil(six.exchange)
    }

    func testAgentMessagePassthrough() async {
        let outcome = await invoke("/faults/agent-message")
        XCTAssertEqual(outcome.result, ["order_id": "O-77", "status": "shipped"])
        XCTAssertEqual(outcome.agentMessage, "Your order O-77 shipped this morning.")
        let plain = await invoke("/crm/leads")
        XCTAssertNotNil(plain.result)
        XCTAssertNil(plain.agentMessage)
    }

    func testCancellingTheTask() async {
        let invoker = self.invoker!
        let request = invocation(url("/faults/slow?ms=5000"), timeout: 10)
        let started = Date()
        let task = Task { await invoker.invoke(request) }
        try? await Task.sleep(nanoseconds: 200_000_000)
        task.cancel()
        let outcome = await task.value
        XCTAssertEqual(outcome.fault, .cancelled)
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        // Cancelled before anything was sent.
        let early = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await invoker.invoke(request)
        }
        let earlyOutcome = await early.value
        XCTAssertEqual(earlyOutcome.fault, .cancelled)
    }

    func testBadSignatureIsRejectedByTheBackend() async {
        let good = await invoke("/crm/leads", secret: SampleBackend.demoSecret)
        XCTAssertNotNil(good.result)
        let bad = await invoke("/crm/leads", secret: "d3Jvbmctc2VjcmV0")  // "wrong-secret"
        XCTAssertEqual(bad.fault, .authentication(status: 401))
    }

    func testManyConcurrentInvocations() async {
        let invoker = self.invoker!
        let target = url("/support/tickets")
        let outcomes = await withTaskGroup(of: InvocationOutcome.self) { group in
            for index in 0..<20 {
                group.addTask {
                    await invoker.invoke(invocation(target, arguments: ["email": .string("u\(index)@example.com"), "issue": "help"]))
                }
            }
            return await group.reduce(into: [InvocationOutcome]()) { $0.append($1) }
        }
        XCTAssertEqual(outcomes.compactMap { $0.result }.count, 20)
        XCTAssertEqual(Set(outcomes.compactMap { $0.result?["ticket_id"]?.stringValue }).count, 20)
    }
}
