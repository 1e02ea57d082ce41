import ActionModel
import CallSimulation
import Crypto
import Foundation
import Platforms

/// Why a request could not be turned into bytes.
public enum WireRequestError: Error, Equatable, Sendable {
    /// The action has no URL yet (an imported OpenAI tool): the `needsURL` fault.
    case needsURL
    /// Not a Custom Input action: nothing to send.
    case notCustomInput
    /// The URL is not an absolute http(s) URL.
    case invalidURL(String)
    /// The signing secret is not valid base64.
    case invalidSignatureSecret
    /// A `{{secret.…}}` or `{{env.…}}` could not be filled in (undefined,
    /// malformed, or its value would break the request); the issue names the field.
    case unresolvedTemplate(FieldIssue)

    /// The fault a call reports for this error: `notSent` (code `not_sent`)
    /// for what the action's settings stop, so the log never reads "could not
    /// connect" for a request that was never tried.
    public var fault: InvocationFault {
        switch self {
        case .needsURL, .notCustomInput: return .needsURL
        case let .invalidURL(url): return .notSent(URLPort.problem(url) ?? "invalid URL \"\(url)\"")
        case .invalidSignatureSecret: return .notSent("the signature secret is not valid base64")
        case let .unresolvedTemplate(issue): return .notSent(issue.description)
        }
    }
}

/// The request exactly as the action's platform sends it: pure, no I/O.
///
/// `POST <url>` (ElevenLabs: `{path}` parameters filled in) with, in this
/// order, `Content-Type: application/json`, `Accept: application/json`, the
/// action's headers in the order the user wrote them, `Idempotency-Key`, and
/// the platform's signature when the action has a secret (Fluents:
/// `x-vocode-signature`; Retell: `X-Retell-Signature`). The body is the
/// platform's (`PlatformRequest.body`). A user header named `Content-Type` or `Accept` replaces the
/// default in its place; user headers that would contradict the framing or the
/// contract (`Host`, `Content-Length`, `Transfer-Encoding`, `Connection`,
/// `Idempotency-Key`, `x-vocode-signature`) are left out.
public enum WireRequest {
    public static let signatureHeader = "x-vocode-signature"
    public static let idempotencyHeader = "Idempotency-Key"
    static let reservedHeaders: Set<String> = [
        "host", "content-length", "transfer-encoding", "idempotency-key", "x-vocode-signature", "x-retell-signature", "connection",
    ]

    /// `now` is the time a platform puts in the body or signature (Vapi's
    /// `timestamp`, Retell's `v=`).
    public static func build(_ request: InvocationRequest, now: Date = Date()) throws(WireRequestError) -> HTTPExchange {
        guard let config = request.action.customInput else { throw .notCustomInput }
        guard let written = config.url, !config.needsURL else { throw .needsURL }
        let platform = request.action.platform
        let url = PlatformRequest.url(platform, url: written, arguments: request.arguments)
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parsed.host, !host.isEmpty, URLPort.problem(url) == nil
        else { throw .invalidURL(url) }

        let body = Array(PlatformRequest.body(platform, action: request.action, call: toolCall(request, now: now)).utf8)

        var headers = [HTTPHeader(name: "Content-Type", value: "application/json"),
                       HTTPHeader(name: "Accept", value: "application/json")]
        for header in config.headers {
            let lower = header.name.lowercased()
            if reservedHeaders.contains(lower) { continue }
            if lower == "content-type" || lower == "accept",
               let index = headers.prefix(2).firstIndex(where: { $0.name.lowercased() == lower }) {
                headers[index].value = header.value
                continue
            }
            headers.append(header)
        }
        headers.append(HTTPHeader(name: idempotencyHeader, value: request.idempotencyKey))
        if let secret = config.signatureSecret, !secret.isEmpty {
            do throws(SignatureError) {
                if let header = try PlatformRequest.signature(platform, body: body, secret: secret, time: now) { headers.append(header) }
            } catch {
                throw .invalidSignatureSecret
            }
        }
        return HTTPExchange(method: "POST", url: url, requestHeaders: headers, requestBody: body)
    }

    /// The call as the platform identifies it; Vapi's tool call id comes from
    /// the idempotency key, so the answer can be matched to it.
    public static func toolCall(_ request: InvocationRequest, now: Date) -> ToolCall {
        ToolCall(callID: request.callID, toolCallID: PlatformRequest.toolCallID(idempotencyKey: request.idempotencyKey),
                 arguments: request.arguments, time: now)
    }

    /// `{"call_id":"…","payload":{…}}` or the fields at the root, compact, keys in collected order.
    public static func bodyText(_ request: InvocationRequest, format: BodyFormat) -> String {
        switch format {
        case .fluents:
            let envelope: JSONValue = .object(JSONObject([
                (key: "call_id", value: .string(request.callID)),
                (key: "payload", value: .object(request.arguments)),
            ]))
            return envelope.compactText
        case .argsAtRoot:
            return JSONValue.object(request.arguments).compactText
        }
    }

    /// base64(HMAC-SHA256(key = base64-decoded secret, message = body)).
    public static func signature(body: [UInt8], secret: String) throws(WireRequestError) -> String {
        guard let key = decodeBase64(secret) else { throw .invalidSignatureSecret }
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: key))
        return Data(mac).base64EncodedString()
    }

    /// Standard base64, padding optional, surrounding whitespace ignored.
    static func decodeBase64(_ text: String) -> Data? {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        let remainder = trimmed.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { trimmed += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: trimmed)
    }
}
