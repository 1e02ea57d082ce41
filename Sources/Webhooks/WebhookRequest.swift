import ActionHTTP
import ActionModel
import CallSimulation
import Foundation

/// A delivery as bytes on the wire: pure, no I/O.
///
/// `POST <webhook URL>` with `Content-Type: application/json`, `User-Agent`,
/// `X-Switchboard-Delivery` (the delivery ID: the same on every attempt, so a
/// receiver can drop repeats), `X-Switchboard-Event`, `X-Switchboard-Attempt`,
/// and `x-vocode-signature` — base64 HMAC-SHA256 of the body keyed with the
/// base64-decoded secret, exactly as actions are signed — when the webhook
/// names a signing secret. The body is the one stored with the delivery.
public enum WebhookRequest {
    public static let deliveryHeader = "X-Switchboard-Delivery"
    public static let eventHeader = "X-Switchboard-Event"
    public static let attemptHeader = "X-Switchboard-Attempt"
    public static let userAgent = "Switchboard-Webhooks/1"

    /// Why a delivery could not be turned into a request; it fails without a retry.
    public enum BuildError: Error, Equatable, CustomStringConvertible {
        case invalidURL(String, String)
        /// The resolver could not give the secret's value (its message never holds a value).
        case secretUnavailable(name: String, reason: String)
        case secretNotBase64(name: String)

        public var description: String {
            switch self {
            case let .invalidURL(_, problem): return "not sent: \(problem); fix the webhook's URL"
            case let .secretUnavailable(name, reason): return "not sent: signing secret \(name) is not available (\(reason))"
            case let .secretNotBase64(name): return "not sent: signing secret \(name) is not valid base64"
            }
        }
    }

    public static func build(
        _ delivery: WebhookDelivery, to webhook: Webhook, attempt: Int, resolveSecret: @Sendable (String) throws -> String
    ) throws(BuildError) -> HTTPExchange {
        if let problem = Webhook.urlProblem(webhook.url) { throw .invalidURL(webhook.url, problem) }
        let body = Array(delivery.body.utf8)
        var headers = [
            HTTPHeader(name: "Content-Type", value: "application/json"),
            HTTPHeader(name: "User-Agent", value: userAgent),
            HTTPHeader(name: deliveryHeader, value: delivery.id.rawValue),
            HTTPHeader(name: eventHeader, value: delivery.event.rawValue),
            HTTPHeader(name: attemptHeader, value: String(attempt)),
        ]
        if let name = webhook.secretName {
            let secret: String
            do { secret = try resolveSecret(name) } catch { throw .secretUnavailable(name: name, reason: "\(error)") }
            do {
                headers.append(HTTPHeader(name: WireRequest.signatureHeader, value: try WireRequest.signature(body: body, secret: secret)))
            } catch {
                throw .secretNotBase64(name: name)
            }
        }
        return HTTPExchange(method: "POST", url: webhook.url.trimmingCharacters(in: .whitespaces), requestHeaders: headers, requestBody: body)
    }
}
