@testable import ActionHTTP
import ActionModel
import CallSimulation
import Foundation
import SampleBackend
import XCTest

/// Requests with `{{env.…}}` and `{{secret.…}}`: the wire gets the values,
/// what is shown keeps secrets as placeholders, and nothing is sent when a
/// reference is undefined.
final class TemplatedRequestTests: XCTestCase {
    static let planted = "sk_planted_7d1f0c9e55aa"
    static let signingKey = Data("signing-key-material".utf8).base64EncodedString()

    var invoker: ActionInvoker!
    var server: RunningRecorder!

    override func setUp() async throws {
        invoker = ActionInvoker()
        // The server echoes the Authorization header back, as a careless backend might.
        server = try await SampleBackend.startRecorder { request in
            (200, #"{"result":{"echo":"\#(request.header("Authorization") ?? "")"},"agent_message":"your key is \#(request.header("Authorization") ?? "")"}"#)
        }
    }

    override func tearDown() async throws {
        await invoker.shutdown()
        await server.stop()
    }

    var templates: TemplateContext {
        TemplateContext(environmentName: "staging", variables: ["BASE_URL": server.baseURL, "TENANT": "acme"],
                        secrets: ["API_KEY": Self.planted, "SIGNING_KEY": Self.signingKey])
    }

    func templatedRequest(url: String = "{{env.BASE_URL}}/hooks/lead?key={{secret.API_KEY}}",
                          headers: [HTTPHeader] = [HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}"),
                                                   HTTPHeader(name: "X-Tenant", value: "{{env.TENANT}}")]) -> InvocationRequest {
        InvocationRequest(
            action: Action(name: "Lead", configuration: .customInput(CustomInputConfiguration(
                url: url, timeoutSeconds: 5, headers: headers, signatureSecret: "{{secret.SIGNING_KEY}}"))),
            arguments: ["email": "ada@example.com"], callID: "call-1", idempotencyKey: "key-1")
    }

    func testTheWireCarriesTheSecretAndTheShownRequestDoesNot() async throws {
        let request = templatedRequest()
        let prepared = try WireRequest.prepare(request, templates: templates)
        XCTAssertEqual(prepared.wire.url, server.baseURL + "/hooks/lead?key=" + Self.planted)
        XCTAssertEqual(prepared.shown.url, server.baseURL + "/hooks/lead?key={{secret.API_KEY}}")
        XCTAssertEqual(prepared.shown.requestHeaders.map(\.name), prepared.wire.requestHeaders.map(\.name))
        XCTAssertTrue(prepared.shown.requestHeaders.contains(HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}")))
        XCTAssertTrue(prepared.shown.requestHeaders.contains(HTTPHeader(name: "X-Tenant", value: "acme")))
        let signature = try WireRequest.signature(body: prepared.wire.requestBody, secret: Self.signingKey)
        XCTAssertEqual(prepared.wire.requestHeaders.last, HTTPHeader(name: WireRequest.signatureHeader, value: signature))
        XCTAssertEqual(prepared.shown.requestHeaders.last, prepared.wire.requestHeaders.last)

        let outcome = await invoker.invoke(request, templates: templates)
        let last = await server.recorder.last
        let received = try XCTUnwrap(last)
        XCTAssertEqual(received.header("Authorization"), "Bearer " + Self.planted)
        XCTAssertEqual(received.path, "/hooks/lead?key=" + Self.planted)
        XCTAssertEqual(received.header(WireRequest.signatureHeader), signature)

        guard case let .success(result, agentMessage, exchange) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(result["echo"], "Bearer {{secret.API_KEY}}", "an echo of the secret is masked")
        XCTAssertEqual(agentMessage, "your key is Bearer {{secret.API_KEY}}")
        XCTAssertEqual(exchange.status, 200)
        let everything = "\(exchange)" + String(decoding: exchange.responseBody, as: UTF8.self)
        XCTAssertFalse(everything.contains(Self.planted), everything)
    }

    func testAnUndefinedReferenceFailsBeforeAnythingIsSent() async throws {
        let request = templatedRequest(headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.MISSING}}")])
        XCTAssertThrowsError(try WireRequest.prepare(request, templates: templates)) { error in
            guard case let .unresolvedTemplate(issue) = error as? WireRequestError else { return XCTFail("\(error)") }
            XCTAssertEqual(issue.field, .headers)
            XCTAssertEqual(issue.message, "Authorization: {{secret.MISSING}} is not defined: set it with `switchboard secrets set MISSING` (add --env staging for a value used only in staging)")
        }
        let outcome = await invoker.invoke(request, templates: templates)
        guard case let .failure(fault, exchange) = outcome, case let .notSent(detail) = fault else { return XCTFail("\(outcome)") }
        XCTAssertNil(exchange)
        XCTAssertEqual(fault.code, "not_sent")
        XCTAssertTrue(fault.explanation.hasPrefix("not sent: Headers: Authorization: {{secret.MISSING}} is not defined"), fault.explanation)
        XCTAssertFalse(fault.explanation.contains("could not connect"), fault.explanation)
        XCTAssertTrue(detail.hasPrefix("Headers: Authorization: {{secret.MISSING}} is not defined"), detail)
        let withoutTemplates = await invoker.invoke(templatedRequest())
        XCTAssertEqual(withoutTemplates.fault, .notSent("URL: {{env.BASE_URL}} is not defined: no environment is active; create one with `switchboard environments create dev`, set the variable with `switchboard environments set dev BASE_URL VALUE` and choose it with `switchboard environments use dev` (or --env dev)"))
        let received = await server.recorder.requests
        XCTAssertEqual(received.count, 0, "nothing may reach the wire")
    }

    func testASecretInTheHostIsShownAsAPlaceholderEverywhere() throws {
        let context = TemplateContext(variables: ["TENANT": "acme"], secrets: ["API_KEY": Self.planted, "HOST": "127.0.0.1", "SIGNING_KEY": Self.signingKey])
        let prepared = try WireRequest.prepare(templatedRequest(url: "http://{{secret.HOST}}:8080/x"), templates: context)
        XCTAssertEqual(prepared.wire.url, "http://127.0.0.1:8080/x")
        XCTAssertEqual(prepared.shown.url, "http://{{secret.HOST}}:8080/x")
        XCTAssertFalse("\(prepared.shown)".contains(Self.planted))
    }

    func testErrorsNameTheURLAsWrittenNotItsSecret() throws {
        let context = TemplateContext(variables: ["TENANT": "acme"], secrets: ["HOST_TOKEN": "not a url at all planted-xyz", "SIGNING_KEY": Self.signingKey])
        let request = templatedRequest(url: "{{secret.HOST_TOKEN}}", headers: [])
        XCTAssertThrowsError(try WireRequest.prepare(request, templates: context)) { error in
            XCTAssertEqual(error as? WireRequestError, .invalidURL("{{secret.HOST_TOKEN}}"))
            XCTAssertFalse("\((error as! WireRequestError).fault)".contains("planted-xyz"))
        }
        let injected = TemplateContext(variables: ["BASE_URL": "https://x.example.com", "TENANT": "acme"],
                                       secrets: ["API_KEY": "abc\r\nX-Evil: 1", "SIGNING_KEY": Self.signingKey])
        XCTAssertThrowsError(try WireRequest.prepare(templatedRequest(url: "{{env.BASE_URL}}"), templates: injected)) { error in
            guard case let .unresolvedTemplate(issue) = error as? WireRequestError else { return XCTFail("\(error)") }
            XCTAssertTrue(issue.message.contains("line break"), issue.message)
            XCTAssertFalse(issue.message.contains("abc"), issue.message)
        }
    }

    /// A control character in a filled-in header (a secret read from the
    /// environment, say) stops the request before the HTTP client could refuse
    /// it and quote the value, escaped, where masking misses it.
    func testAControlCharacterInAFilledHeaderIsRefusedWithoutQuotingIt() async throws {
        for control in ["\u{0}", "\u{1}", "\u{7f}"] {
            let value = "sk_ctrl\(control)planted_1234"
            let context = TemplateContext(variables: ["BASE_URL": server.baseURL, "TENANT": "acme"],
                                          secrets: ["API_KEY": value, "SIGNING_KEY": Self.signingKey])
            let request = templatedRequest(url: "{{env.BASE_URL}}/hooks/lead", headers: [HTTPHeader(name: "X-Api-Key", value: "{{secret.API_KEY}}")])
            let outcome = await invoker.invoke(request, templates: context)
            guard case let .failure(.notSent(detail), exchange) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertNil(exchange)
            XCTAssertTrue(detail.hasPrefix("Headers: X-Api-Key: the value of '{{secret.API_KEY}}' has a control character"), detail)
            XCTAssertFalse(detail.contains("sk_ctrl") || detail.contains("planted_1234"), detail)
        }
        let received = await server.recorder.requests
        XCTAssertEqual(received.count, 0, "nothing may reach the wire")
    }

    /// A redirect to another origin takes none of the action's headers (the
    /// secret-filled ones included) and no signature; one to the same origin keeps them.
    func testARedirectLeavingTheOriginDropsTheActionsHeadersAndSignature() async throws {
        // No secret: the redirect route must not answer 401 to a request signed with another key.
        let backend = try await SampleBackend.start(host: "127.0.0.1", port: 0, secret: nil)
        defer { Task { await backend.stop() } }
        let target = server.baseURL + "/landing"
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let headers = [HTTPHeader(name: "X-Api-Key", value: "{{secret.API_KEY}}"), HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}")]
        for code in [307, 302] {
            let request = templatedRequest(url: backend.baseURL + "/faults/redirect?code=\(code)&to=" + encoded, headers: headers)
            let outcome = await invoker.invoke(request, templates: templates)
            XCTAssertNotNil(outcome.result, "\(outcome)")
            XCTAssertEqual(outcome.exchange?.redirects, [HTTPRedirect(status: code, location: target)], "the redirect is recorded")
            let last = await server.recorder.last
            let landed = try XCTUnwrap(last)
            XCTAssertEqual(landed.path, "/landing")
            XCTAssertEqual(landed.method, code == 307 ? "POST" : "GET")
            XCTAssertNil(landed.header("X-Api-Key"), "\(code)")
            XCTAssertNil(landed.header("Authorization"), "\(code)")
            XCTAssertNil(landed.header(WireRequest.signatureHeader), "\(code)")
            XCTAssertNotNil(landed.header(WireRequest.idempotencyHeader))
            XCTAssertFalse(landed.rawHeadText.contains(Self.planted), landed.rawHeadText)
        }
        // Same origin: the chain on the sample backend keeps what the action set.
        let sameOrigin = ActionInvoker.redirect(
            from: .init(method: "POST", url: "http://127.0.0.1:8080/a", headers: [HTTPHeader(name: "X-Api-Key", value: "k")], body: [1]),
            status: 307, location: "/b")
        XCTAssertEqual(sameOrigin?.headers, [HTTPHeader(name: "X-Api-Key", value: "k")])
        XCTAssertEqual(sameOrigin?.url, "http://127.0.0.1:8080/b")
        let otherPort = ActionInvoker.redirect(
            from: .init(method: "POST", url: "http://127.0.0.1:8080/a", headers: [HTTPHeader(name: "X-Api-Key", value: "k")], body: [1]),
            status: 308, location: "http://127.0.0.1:8081/a")
        XCTAssertEqual(otherPort?.headers, [])
        XCTAssertNil(ActionInvoker.redirect(from: .init(method: "POST", url: "http://h/a", headers: [], body: []), status: 307, location: "http://h:99999/"))
    }

    func testCurlWritesPlaceholdersUnlessAskedForSecrets() throws {
        let prepared = try WireRequest.prepare(templatedRequest(), templates: templates)
        let safe = try curlCommand(for: prepared.shown)
        XCTAssertTrue(safe.hasPrefix("curl -X POST '\(server.baseURL)/hooks/lead?key={{secret.API_KEY}}'"), safe)
        XCTAssertTrue(safe.contains("-H 'Authorization: Bearer {{secret.API_KEY}}'"), safe)
        XCTAssertTrue(safe.contains(#"--data-binary '{"call_id":"call-1","payload":{"email":"ada@example.com"}}'"#), safe)
        XCTAssertFalse(safe.contains(Self.planted))
        // Handed the wire form by mistake, it still masks.
        XCTAssertFalse(try curlCommand(for: prepared.wire, templates: templates).contains(Self.planted))

        let full = try curlCommand(for: prepared.shown, includeSecrets: true, templates: templates)
        XCTAssertTrue(full.contains("-H 'Authorization: Bearer \(Self.planted)'"), full)
        XCTAssertTrue(full.contains("key=\(Self.planted)'"), full)
        XCTAssertThrowsError(try curlCommand(for: prepared.shown, includeSecrets: true, templates: TemplateContext()))

        let quoted = HTTPExchange(url: "https://x.example.com/it's", requestHeaders: [], requestBody: Array("{\"a\":\"it's\"}".utf8))
        XCTAssertEqual(try curlCommand(for: quoted), #"curl -X POST 'https://x.example.com/it'\''s' \"# + "\n  " + #"--data-binary '{"a":"it'\''s"}'"#)
    }
}
