import ActionModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// Endpoints that speak the Custom External Action contract, for demos, the
/// console and tests. Bodies may be fluents (`{"call_id","payload":{…}}`) or
/// the fields at the root. Ids come from counters, so a fresh server always
/// hands out `L-1001`, `APT-1001`, `T-1001` first.
public struct SampleBackend {
    /// The secret the demo actions sign with (base64 of "switchboard-demo-secret").
    public static let demoSecret = "c3dpdGNoYm9hcmQtZGVtby1zZWNyZXQ="

    /// Starts serving; `port` 0 picks any free port. With a `secret`, a request
    /// carrying `x-vocode-signature` must be signed with it (else 401). The
    /// scripted model (`/v1/…`) asks for `Authorization: Bearer <modelAPIKey>`
    /// only when given one, and waits `modelChunkDelay` before each streamed chunk.
    public static func start(host: String = "127.0.0.1", port: Int = 0, secret: String? = nil, modelAPIKey: String? = nil,
                             modelChunkDelay: Duration = .zero) async throws -> RunningSampleBackend {
        let state = BackendState(secret: secret.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) })
        let router = Router()
        addRoutes(to: router, state: state)
        addPlatformRoutes(to: router, state: state)
        addModelRoutes(to: router, apiKey: modelAPIKey, chunkDelay: modelChunkDelay)
        var logger = Logger(label: "switchboard.sample-backend")
        logger.logLevel = .critical
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "switchboard-sample"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = portStream.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            task.cancel()
            _ = try await task.value
            throw CancellationError()
        }
        return RunningSampleBackend(host: host, port: bound, task: task)
    }
}

public final class RunningSampleBackend: Sendable {
    public let host: String
    public let port: Int
    let task: Task<Void, any Error>

    init(host: String, port: Int, task: Task<Void, any Error>) {
        self.host = host
        self.port = port
        self.task = task
    }

    /// `http://127.0.0.1:<port>`, no trailing slash.
    public var baseURL: String { "http://\(host):\(port)" }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

// MARK: - Routes

final class BackendState: Sendable {
    let secret: [UInt8]?
    private let counters = Mutex<[String: Int]>([:])
    init(secret: [UInt8]?) { self.secret = secret }

    /// "L-1001", "L-1002", … per prefix.
    func nextID(_ prefix: String) -> String {
        let n = counters.withLock { counters -> Int in
            let next = (counters[prefix] ?? 1000) + 1
            counters[prefix] = next
            return next
        }
        return "\(prefix)-\(n)"
    }
}

struct BackendError: Error {
    var status: Int
    var message: String
}

/// The call ID and the fields, from either body format.
struct ContractBody {
    var callID: String?
    var fields: JSONObject
}

extension SampleBackend {
    static let owners = ["Dana Whitfield", "Marcus Lee", "Priya Raman"]
    static let accounts: [(email: String, id: String, plan: String, balance: Double, status: String)] = [
        ("ada@example.com", "A-1001", "pro", 42.50, "active"),
        ("grace@example.com", "A-1002", "basic", 0, "past_due"),
        ("linus@example.com", "A-1003", "enterprise", 1250.00, "active"),
    ]

    static func addRoutes(to router: Router<BasicRequestContext>, state: BackendState) {
        func route(_ path: RouterPath, methods: [HTTPRequest.Method] = [.post],
                   _ handler: @escaping @Sendable (Request, [UInt8], BasicRequestContext) async throws -> Response) {
            for method in methods {
                router.on(path, method: method) { request, context in
                    do {
                        let body = try await readBody(request, state: state)
                        return try await handler(request, body, context)
                    } catch let error as BackendError {
                        return json(error.status, .object(["error": .string(error.message)]))
                    }
                }
            }
        }
        let any: [HTTPRequest.Method] = [.post, .get]

        route("/crm/leads") { _, bytes, _ in
            let body = try contract(bytes)
            guard let email = body.fields["email"]?.stringValue, email.contains("@") else {
                throw BackendError(status: 400, message: "email is required")
            }
            let id = state.nextID("L")
            let number = Int(id.dropFirst(2)) ?? 0
            var result: JSONObject = ["lead_id": .string(id), "status": "created", "owner": .string(owners[number % owners.count])]
            result["email"] = .string(email)
            if let name = body.fields["name"] ?? body.fields["first_name"] { result["name"] = name }
            return json(200, .object(["result": .object(result)]))
        }

        route("/accounts/status") { _, bytes, _ in
            let body = try contract(bytes)
            let email = body.fields["email"]?.stringValue?.lowercased()
            let accountID = body.fields["account_id"].flatMap { $0.stringValue ?? $0.integerValue.map(String.init) }?.uppercased()
            guard email != nil || accountID != nil else { throw BackendError(status: 400, message: "email or account_id is required") }
            guard let account = accounts.first(where: { $0.email == email || $0.id == accountID }) else {
                return json(200, .object(["result": .object([
                    "found": false, "status": "not_found",
                    "message": .string("No account matches \(email ?? accountID ?? "").")])]))
            }
            return json(200, .object(["result": .object([
                "found": true, "account_id": .string(account.id), "email": .string(account.email),
                "plan": .string(account.plan), "balance": .number(account.balance), "status": .string(account.status)])]))
        }

        route("/appointments") { _, bytes, _ in
            let body = try contract(bytes)
            guard let name = body.fields["name"]?.stringValue, !name.isEmpty else {
                throw BackendError(status: 400, message: "name is required")
            }
            guard let date = body.fields["date"]?.stringValue, let time = body.fields["time"]?.stringValue else {
                throw BackendError(status: 400, message: "date and time are required")
            }
            guard let slot = parseSlot(date: date, time: time) else {
                throw BackendError(status: 422, message: "date must be YYYY-MM-DD and time HH:MM")
            }
            guard slot > Date() else { throw BackendError(status: 422, message: "\(date) \(time) is in the past") }
            return json(200, .object(["result": .object([
                "confirmation_id": .string(state.nextID("APT")), "name": .string(name),
                "slot": .string("\(date) \(time)"), "status": "booked"])]))
        }

        route("/support/tickets") { _, bytes, _ in
            let body = try contract(bytes)
            guard let email = body.fields["email"]?.stringValue, email.contains("@") else {
                throw BackendError(status: 400, message: "email is required")
            }
            guard let issue = body.fields["issue"]?.stringValue, !issue.isEmpty else {
                throw BackendError(status: 400, message: "issue is required")
            }
            let urgent = ["urgent", "down", "outage", "cannot", "can't", "broken"].contains { issue.lowercased().contains($0) }
            return json(200, .object(["result": .object([
                "ticket_id": .string(state.nextID("T")), "priority": .string(urgent ? "high" : "normal"),
                "email": .string(email), "status": "open"])]))
        }

        // Faults.
        route("/faults/slow", methods: any) { request, _, _ in
            let ms = request.uri.queryParameters.get("ms", as: Int.self) ?? 1000
            if request.uri.queryParameters.get("phase") == "body" {
                // The head goes out at once; the body only after `ms`.
                return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "{\"result\":"))
                    try await Task.sleep(nanoseconds: UInt64(max(0, ms)) * 1_000_000)
                    try await writer.write(ByteBuffer(string: "{\"slept_ms\":\(ms)}}"))
                    try await writer.finish(nil)
                })
            }
            try await Task.sleep(nanoseconds: UInt64(max(0, ms)) * 1_000_000)
            return json(200, .object(["result": .object(["slept_ms": .integer(ms)])]))
        }
        route("/faults/500", methods: any) { _, _, _ in json(500, .object(["error": "internal error"])) }
        route("/faults/not-json", methods: any) { _, _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: "<html><body>Hello</body></html>")))
        }
        route("/faults/no-result", methods: any) { _, _, _ in json(200, .object(["ok": true])) }
        route("/faults/result-not-object", methods: any) { _, _, _ in json(200, .object(["result": "done"])) }
        route("/faults/401", methods: any) { _, _, _ in json(401, .object(["error": "missing or invalid credentials"])) }
        route("/faults/403", methods: any) { _, _, _ in json(403, .object(["error": "forbidden"])) }
        route("/faults/404", methods: any) { _, _, _ in json(404, .object(["error": "not found"])) }
        route("/faults/redirect", methods: any) { request, bytes, _ in
            let times = request.uri.queryParameters.get("times", as: Int.self) ?? 1
            let code = request.uri.queryParameters.get("code", as: Int.self) ?? 307
            // `to=URL`: one redirect to another server (another origin), for header-forwarding tests.
            if let target = request.uri.queryParameters.get("to") {
                return Response(status: HTTPResponse.Status(code: code), headers: [.location: target, .contentLength: "0"])
            }
            if times > 0 {
                return Response(status: HTTPResponse.Status(code: code),
                                headers: [.location: "/faults/redirect?times=\(times - 1)&code=\(code)", .contentLength: "0"])
            }
            // The end of the chain says how it was reached.
            return json(200, .object(["result": .object([
                "method": .string(request.method.rawValue), "body": .string(String(decoding: bytes, as: UTF8.self))])]))
        }
        route("/faults/huge", methods: any) { request, _, _ in
            let size = 2 << 20
            let filler = ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
            if request.uri.queryParameters.get("stream") != nil {
                // No Content-Length: the client only finds out by reading.
                return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "{\"result\":{\"data\":\""))
                    var sent = 0
                    while sent < size {
                        try await writer.write(filler.getSlice(at: 0, length: 64 * 1024)!)
                        sent += 64 * 1024
                    }
                    try await writer.write(ByteBuffer(string: "\"}}"))
                    try await writer.finish(nil)
                })
            }
            var buffer = ByteBuffer(string: "{\"result\":{\"data\":\"")
            var copy = filler
            buffer.writeBuffer(&copy)
            buffer.writeString("\"}}")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
        }
        route("/faults/agent-message", methods: any) { _, _, _ in
            json(200, .object([
                "result": .object(["order_id": "O-77", "status": "shipped"]),
                "agent_message": "Your order O-77 shipped this morning.",
            ]))
        }
        // Echo: the request as this server saw it, for the console's inspector.
        route("/echo", methods: any) { request, bytes, _ in
            var headers = JSONObject()
            for field in request.headers { headers[field.name.rawName] = .string(field.value) }
            return json(200, .object(["result": .object([
                "method": .string(request.method.rawValue), "headers": .object(headers),
                "body": .string(String(decoding: bytes, as: UTF8.self))])]))
        }
    }

    /// Collects the body (up to 1 MiB) and checks the signature when there is one to check.
    static func readBody(_ request: Request, state: BackendState) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let bytes = [UInt8](buffer.readableBytesView)
        if let secret = state.secret, let name = HTTPField.Name("x-vocode-signature"), let given = request.headers[name] {
            let expected = Data(HMACSHA256.authenticationCode(key: secret, message: bytes)).base64EncodedString()
            guard given == expected else { throw BackendError(status: 401, message: "invalid signature") }
        }
        return bytes
    }

    static func contract(_ bytes: [UInt8]) throws -> ContractBody {
        guard let value = try? JSONValue(parsing: bytes), let object = value.objectValue else {
            throw BackendError(status: 400, message: "body must be a JSON object")
        }
        if let payload = object["payload"]?.objectValue, object["call_id"] != nil {
            return ContractBody(callID: object["call_id"]?.stringValue, fields: payload)
        }
        return ContractBody(callID: nil, fields: object)
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.compactText)))
    }

    /// `YYYY-MM-DD` and `HH:MM` (24 h), read as UTC.
    static func parseSlot(date: String, time: String) -> Date? {
        let d = date.split(separator: "-").compactMap { Int($0) }
        let t = time.split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 2, (1...12).contains(d[1]), (1...31).contains(d[2]), (0...23).contains(t[0]),
              (0...59).contains(t[1]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1]))
    }
}
