import ActionModel
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An order-status endpoint per voice platform, each answering in that
/// platform's contract (PLATFORMS.md, "Requests on the wire"), plus Vapi
/// answers the platform would ignore, so each contract can be tried offline:
/// - `/vapi/order-status`: Vapi's tool-calls message in, `{"results":[{"toolCallId","result"}]}` out;
///   `/vapi/faults/wrong-id`, `/multi-line`, `/status-500`, `/error` answer wrongly on purpose;
/// - `/retell/order-status`: `{name, call, args}` (or args at the root), `X-Retell-Signature`
///   checked with `demoRetellKey` when present; a plain JSON answer;
/// - `/elevenlabs/orders/{order_id}`: the path parameter, an optional `include` query parameter
///   (echoed back) and the body's fields at the root;
/// - `/bland/order-status`: the filled-in body template.
/// The body shapes are read with this file's own code, not the Platforms
/// module's, so a test agrees with two readings of a contract.
extension SampleBackend {
    /// The Retell API key the demo Retell action signs with.
    public static let demoRetellKey = "key_switchboard_demo_retell"

    static let orderStatuses = ["shipped", "processing", "delivered"]

    static func orderStatus(_ order: JSONValue?) throws -> JSONObject {
        guard let order, let text = order.stringValue ?? order.integerValue.map(String.init), !text.isEmpty else {
            throw BackendError(status: 400, message: "order_id is required")
        }
        let digits = text.filter(\.isNumber)
        let status = orderStatuses[(Int(digits.suffix(6)) ?? 0) % orderStatuses.count]
        return ["order_id": .string(text), "status": .string(status), "eta": status == "delivered" ? "delivered" : "2 days"]
    }

    static func addPlatformRoutes(to router: Router<BasicRequestContext>, state: BackendState) {
        func route(_ path: RouterPath, _ handler: @escaping @Sendable (Request, [UInt8], BasicRequestContext) async throws -> Response) {
            router.on(path, method: .post) { request, context in
                do {
                    let buffer = try await request.body.collect(upTo: 1 << 20)
                    return try await handler(request, [UInt8](buffer.readableBytesView), context)
                } catch let error as BackendError {
                    return json(error.status, .object(["error": .string(error.message)]))
                }
            }
        }

        route("/vapi/order-status") { _, bytes, _ in
            let call = try vapiCall(bytes)
            let result = try orderStatus(call.arguments["order_id"])
            return json(200, ["results": [["toolCallId": .string(call.id), "result": .string(JSONValue.object(result).compactText)]]])
        }
        route("/vapi/faults/wrong-id") { _, bytes, _ in
            _ = try vapiCall(bytes)
            return json(200, ["results": [["toolCallId": "call_not_the_one_sent", "result": "shipped"]]])
        }
        route("/vapi/faults/multi-line") { _, bytes, _ in
            let call = try vapiCall(bytes)
            return json(200, ["results": [["toolCallId": .string(call.id), "result": "Order found.\nStatus: shipped"]]])
        }
        route("/vapi/faults/status-500") { _, bytes, _ in
            let call = try vapiCall(bytes)
            return json(500, ["results": [["toolCallId": .string(call.id), "error": "database down"]]])
        }
        route("/vapi/faults/error") { _, bytes, _ in
            let call = try vapiCall(bytes)
            return json(200, ["results": [["toolCallId": .string(call.id), "error": "No order with that number."]]])
        }

        route("/retell/order-status") { request, bytes, _ in
            if let name = HTTPField.Name("x-retell-signature"), let given = request.headers[name] {
                try checkRetellSignature(given, body: bytes)
            }
            guard let object = (try? JSONValue(parsing: bytes))?.objectValue else { throw BackendError(status: 400, message: "body must be a JSON object") }
            let arguments = object["args"]?.objectValue ?? object
            return json(200, .object(try orderStatus(arguments["order_id"])))
        }

        router.on("/elevenlabs/orders/:order_id", method: .post) { request, context in
            do {
                let buffer = try await request.body.collect(upTo: 1 << 20)
                let body = (try? JSONValue(parsing: [UInt8](buffer.readableBytesView)))?.objectValue ?? JSONObject()
                var result = try orderStatus(context.parameters.get("order_id").map { .string($0.removingPercentEncoding ?? $0) })
                if let detail = body["detail"] { result["detail"] = detail }
                // A query parameter, echoed as read, so a test sees how it was encoded and decoded.
                if let include = request.uri.queryParameters.get("include") { result["include"] = .string(include) }
                return json(200, .object(result))
            } catch let error as BackendError {
                return json(error.status, .object(["error": .string(error.message)]))
            }
        }

        route("/bland/order-status") { _, bytes, _ in
            guard let object = (try? JSONValue(parsing: bytes))?.objectValue else { throw BackendError(status: 400, message: "body must be a JSON object") }
            return json(200, .object(try orderStatus(object["order_id"])))
        }
    }

    /// Vapi: the first tool call's id and arguments.
    static func vapiCall(_ bytes: [UInt8]) throws -> (id: String, arguments: JSONObject) {
        guard let call = (try? JSONValue(parsing: bytes))?.objectValue?["message"]?.objectValue?["toolCallList"]?.arrayValue?.first?.objectValue,
              let id = call["id"]?.stringValue
        else { throw BackendError(status: 400, message: "expected {\"message\":{\"type\":\"tool-calls\",\"toolCallList\":[…]}}") }
        return (id, call["function"]?.objectValue?["arguments"]?.objectValue ?? JSONObject())
    }

    /// `v=<ms>,d=<hex HMAC-SHA256(key, body + ms)>`, at most 5 minutes old.
    static func checkRetellSignature(_ header: String, body: [UInt8]) throws {
        var fields: [String: String] = [:]
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { fields[pair[0]] = pair[1] }
        }
        guard let stamp = fields["v"], let sent = Double(stamp), let digest = fields["d"] else {
            throw BackendError(status: 401, message: "malformed X-Retell-Signature")
        }
        let mac = HMACSHA256.authenticationCode(key: Array(demoRetellKey.utf8), message: body + Array(stamp.utf8))
        let expected = mac.map { String(format: "%02x", $0) }.joined()
        guard expected == digest.lowercased() else { throw BackendError(status: 401, message: "invalid signature") }
        guard abs(Date().timeIntervalSince1970 * 1000 - sent) <= 5 * 60 * 1000 else {
            throw BackendError(status: 401, message: "signature expired")
        }
    }
}
