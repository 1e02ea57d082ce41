import ActionModel
import AsyncHTTPClient
import CallSimulation
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Platforms

/// Sends an `InvocationRequest` over one shared `HTTPClient` and classifies the
/// answer into an `InvocationOutcome`. Never throws, never crashes; every
/// outcome after the request was built carries the `HTTPExchange`.
///
/// Redirects are followed here, not by AsyncHTTPClient, so what goes to the
/// next hop is ours to decide: at most 5 (a 6th is `tooManyRedirects`);
/// 307/308 keep POST and the body, 301/302/303 turn into a GET without body.
/// A hop that leaves the origin (scheme, host or port) carries only
/// Switchboard's own headers (`Content-Type`, `Accept`, `Idempotency-Key`):
/// every header the action set — filled from `{{secret.…}}` or not — and the
/// signature stay with the origin they were meant for. The exchange keeps the
/// request as first sent and the final response.
///
/// Timeout: `timeoutSeconds` bounds the whole request, connecting to the last
/// body byte (AsyncHTTPClient's own deadline only covers the response head, so
/// the invoker races the request against its own clock too).
public final class ActionInvoker: Sendable {
    /// Response bodies larger than this fail with `bodyTooLarge` (1 MiB).
    public static let responseBodyLimit = 1 << 20
    public static let maxRedirects = 5

    let client: HTTPClient
    let bodyLimit: Int

    public convenience init() { self.init(responseBodyLimit: ActionInvoker.responseBodyLimit) }

    public init(responseBodyLimit: Int) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            decompression: .disabled)
        // Fail a refused connection now instead of retrying until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.bodyLimit = responseBodyLimit
    }

    /// Must be called once before the invoker goes away. Waits at most
    /// `grace` for the client to close: a connection attempt the pool still
    /// holds (a TLS handshake the server never answers) would otherwise keep
    /// the process alive long after the call that wanted it ended at its timeout.
    public func shutdown(grace: Duration = .milliseconds(500)) async {
        let client = self.client
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = ResumeOnce(continuation)
            Task { try? await client.shutdown(); once.resume() }
            Task { try? await Task.sleep(for: grace); once.resume() }
        }
    }

    /// Sends an action's request with no environment or secrets: an action
    /// that uses `{{env.…}}` or `{{secret.…}}` fails unsent, saying which one is
    /// undefined (use `invoke(_:templates:)` to fill them in).
    public func invoke(_ request: InvocationRequest) async -> InvocationOutcome {
        await invoke(request, templates: TemplateContext())
    }

    /// Sends an already built exchange (method, URL, headers, body) and
    /// classifies the answer by `platform`'s response contract.
    public func send(_ sent: HTTPExchange, timeoutSeconds: Int, platform: ActionPlatform = .fluents, toolCallID: String = "") async -> InvocationOutcome {
        let timeout = max(1, timeoutSeconds)
        let (exchange, attempt) = await exchange(sent, timeout: .seconds(timeout), reportedSeconds: timeout)
        switch attempt {
        case let .failed(fault, _):
            return .failure(fault, exchange: exchange)
        case let .answered(response):
            return Self.classify(response, exchange: exchange, limit: bodyLimit, platform: platform, toolCallID: toolCallID)
        }
    }

    /// Sends a prepared request's wire form, read by its platform's contract.
    public func send(_ prepared: PreparedRequest, timeoutSeconds: Int) async -> InvocationOutcome {
        await send(prepared.wire, timeoutSeconds: timeoutSeconds, platform: prepared.platform, toolCallID: prepared.toolCallID)
    }

    /// Sends an already built exchange and returns it with whatever response
    /// came back, whatever its status or body; `fault` is set only when no
    /// answer came (refused, timed out, TLS, too many redirects, cancelled).
    /// For callers with their own idea of success, such as webhooks (any 2xx).
    public func transmit(_ sent: HTTPExchange, timeout: Duration) async -> (exchange: HTTPExchange, fault: InvocationFault?) {
        let seconds = Int((Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18).rounded(.up))
        let (exchange, attempt) = await exchange(sent, timeout: timeout, reportedSeconds: max(1, seconds))
        if case let .failed(fault, _) = attempt { return (exchange, fault) }
        return (exchange, nil)
    }

    /// One request raced against `timeout`, which bounds the whole request,
    /// connecting to the last body byte.
    func exchange(_ sent: HTTPExchange, timeout: Duration, reportedSeconds: Int) async -> (HTTPExchange, Attempt) {
        if Task.isCancelled { return (sent, .failed(.cancelled, nil)) }
        let start = DispatchTime.now().uptimeNanoseconds
        let attempt: Attempt = await withTaskGroup(of: Attempt.self) { group in
            group.addTask { await self.perform(sent, timeout: timeout, reportedSeconds: reportedSeconds) }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .failed(.timedOut(seconds: reportedSeconds), nil)
                } catch {
                    return .failed(.cancelled, nil)
                }
            }
            let first = await group.next() ?? .failed(.cancelled, nil)
            group.cancelAll()
            return first
        }
        var exchange = sent
        exchange.durationMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        if Task.isCancelled { return (exchange, .failed(.cancelled, nil)) }
        switch attempt {
        case let .failed(fault, response):
            if let response { exchange.fill(response) }
            if case .cancelled = fault { return (exchange, .failed(.timedOut(seconds: reportedSeconds), response)) }
            return (exchange, attempt)
        case let .answered(response):
            exchange.fill(response)
            return (exchange, attempt)
        }
    }

    struct Received: Sendable {
        var status: Int
        var headers: [HTTPHeader]
        var body: [UInt8]
        var tooLarge: Bool
        var redirects: [HTTPRedirect] = []
    }

    enum Attempt: Sendable {
        case answered(Received)
        case failed(InvocationFault, Received?)
    }

    func perform(_ sent: HTTPExchange, timeout: Duration, reportedSeconds timeoutSeconds: Int) async -> Attempt {
        // The HTTP stack traps on a port it can't hold in 16 bits: refuse such a URL here, whoever built it.
        if let problem = URLPort.problem(sent.url) { return .failed(.notSent(problem), nil) }
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let deadline = NIODeadline.now() + .nanoseconds(max(1_000_000, nanoseconds))
        var hop = Hop(method: sent.method, url: sent.url, headers: sent.requestHeaders, body: sent.requestBody)
        var redirects: [HTTPRedirect] = []
        while true {
            var request = HTTPClientRequest(url: hop.url)
            request.method = HTTPMethod(rawValue: hop.method)
            for header in hop.headers { request.headers.add(name: header.name, value: header.value) }
            request.body = .bytes(ByteBuffer(bytes: hop.body))
            do {
                let response = try await client.execute(request, deadline: deadline)
                let status = Int(response.status.code)
                if Self.redirectStatuses.contains(status), let location = response.headers.first(name: "location") {
                    guard redirects.count < Self.maxRedirects else { return .failed(.tooManyRedirects, nil) }
                    guard let next = Self.redirect(from: hop, status: status, location: location) else {
                        return .failed(.redirectNotFollowed("\(status) from \(Self.target(hop.url)) to '\(location)', which can't be followed (an http(s) URL with a valid port is needed)"), nil)
                    }
                    redirects.append(HTTPRedirect(status: status, location: next.url))
                    hop = next
                    continue  // the redirect's own body is dropped unread
                }
                var received = Received(
                    status: status,
                    headers: response.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
                    body: [], tooLarge: false, redirects: redirects)
                if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > bodyLimit {
                    received.tooLarge = true  // don't read a byte of it
                    return .answered(received)
                }
                for try await chunk in response.body {
                    if received.body.count + chunk.readableBytes > bodyLimit {
                        received.body.append(contentsOf: chunk.readableBytesView.prefix(bodyLimit - received.body.count))
                        received.tooLarge = true
                        break  // leaving the loop drops the stream: the rest is never buffered
                    }
                    received.body.append(contentsOf: chunk.readableBytesView)
                }
                return .answered(received)
            } catch {
                // The host named is the hop that failed, not the one first asked.
                let fault = Self.fault(for: error, timeoutSeconds: timeoutSeconds, target: Self.target(hop.url))
                return .failed(Self.afterRedirects(fault, redirects), nil)
            }
        }
    }

    /// One request of a possibly redirected exchange.
    struct Hop: Equatable {
        var method: String
        var url: String
        var headers: [HTTPHeader]
        var body: [UInt8]
    }

    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]
    /// Headers Switchboard sets itself that hold nothing secret; the only ones kept across origins.
    static let originFreeHeaders: Set<String> = ["content-type", "accept", "idempotency-key"]

    /// The next hop after a redirect, or nil when `location` can't be followed.
    static func redirect(from hop: Hop, status: Int, location: String) -> Hop? {
        guard let base = URL(string: hop.url), let resolved = URL(string: location, relativeTo: base)?.absoluteURL,
              let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = resolved.host, !host.isEmpty, URLPort.problem(resolved.absoluteString) == nil
        else { return nil }
        var next = hop
        next.url = resolved.absoluteString
        if status == 301 || status == 302 || status == 303 {
            next.method = "GET"
            next.body = []
            next.headers.removeAll { $0.name.lowercased() == "content-type" }
        }
        if origin(of: hop.url) != origin(of: next.url) {
            next.headers.removeAll { !originFreeHeaders.contains($0.name.lowercased()) }
        }
        return next
    }

    /// scheme, host and port (defaulted), lowercased: what a redirect must keep for headers to follow it.
    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else { return url }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(components.host?.lowercased() ?? ""):\(port)"
    }

    /// A hop reached through redirects failed: its detail says where the last
    /// redirect led, since the request as first sent went to another URL.
    static func afterRedirects(_ fault: InvocationFault, _ redirects: [HTTPRedirect]) -> InvocationFault {
        guard let last = redirects.last else { return fault }
        let via = " (after \(last.status) → \(last.location))"
        switch fault {
        case let .connectionFailed(detail): return .connectionFailed(detail + via)
        case let .tls(detail): return .tls(detail + via)
        default: return fault
        }
    }

    /// `host:port` of a URL, for fault details.
    static func target(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }

    static func fault(for error: any Error, timeoutSeconds: Int, target: String) -> InvocationFault {
        if error is CancellationError { return .cancelled }
        if let error = error as? IOError {
            if error.errnoCode == ECONNREFUSED { return .connectionFailed("\(target): connection refused") }
            if error.errnoCode == ETIMEDOUT { return .timedOut(seconds: timeoutSeconds) }
            // The system's words for the errno, not NIO's description (which names its syscalls).
            if error.errnoCode == ECONNRESET { return .connectionFailed("\(target): the server reset the connection") }
            return .connectionFailed("\(target): \(String(cString: strerror(error.errnoCode)).lowercased())")
        }
        if let error = error as? NIOConnectionError {
            if let dns = error.dnsAError ?? error.dnsAAAAError, error.connectionErrors.isEmpty {
                return .connectionFailed("could not resolve \(error.host): \(dns)")
            }
            let reasons = error.connectionErrors.map { attempt in
                (attempt.error as? IOError).map { String(cString: strerror($0.errnoCode)).lowercased() } ?? plainReason(String(describing: attempt.error))
            }
            return .connectionFailed("\(error.host):\(error.port): " + (reasons.isEmpty ? "could not connect" : reasons.joined(separator: "; ")))
        }
        if let error = error as? HTTPClientError {
            // invalidHeaderFieldNames/Values carry the headers: never quote them, a
            // value may be a secret, escaped where masking can't see it.
            if String(describing: error).contains("invalidHeaderField") {
                return .notSent("a header name or value has characters HTTP doesn't allow")
            }
            switch error {
            case .redirectLimitReached, .redirectCycleDetected: return .tooManyRedirects
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return .timedOut(seconds: timeoutSeconds)
            case .cancelled: return .cancelled
            case .tlsHandshakeTimeout: return .tls("TLS handshake timed out")
            case .remoteConnectionClosed: return .connectionFailed("\(target): the server closed the connection")
            default: break
            }
        }
        let typeName = String(reflecting: type(of: error))
        let detail = String(describing: error)
        if typeName.contains("SSL") || typeName.contains("TLS") || typeName.contains("Certificate") {
            return .tls(tlsReason(detail, target: target))
        }
        if typeName.hasSuffix("HTTPClientError"), detail.contains("Timeout") || detail.contains("deadline") {
            return .timedOut(seconds: timeoutSeconds)
        }
        // The library's own wording (type names, source paths) means nothing to the reader.
        return .connectionFailed("\(target): the request failed (\(plainReason(detail)))")
    }

    /// A TLS failure in words, from the library's description (which names BoringSSL internals).
    static func tlsReason(_ detail: String, target: String) -> String {
        let upper = detail.uppercased()
        if upper.contains("WRONG_VERSION_NUMBER") || upper.contains("HTTP_REQUEST") || upper.contains("RECORD") {
            return "TLS handshake with \(target) failed: the server did not answer in TLS (is it plain http://?)"
        }
        if upper.contains("CERTIFICATE") || upper.contains("VERIFY") {
            return "TLS handshake with \(target) failed: its certificate was not accepted (expired, self-signed or for another host)"
        }
        if upper.contains("EOF") || upper.contains("CLOSED") {
            return "TLS handshake with \(target) failed: the server closed the connection during the handshake"
        }
        return "TLS handshake with \(target) failed"
    }

    /// The last words of a library error description, without module-qualified
    /// type names or file paths.
    static func plainReason(_ detail: String) -> String {
        var words = detail
        if let path = words.range(of: #"/[^\s:]+\.swift(:\d+)?"#, options: .regularExpression) { words.removeSubrange(path) }
        words = words.replacingOccurrences(of: #"\b[A-Za-z0-9_]+\.(?=[A-Za-z])"#, with: "", options: .regularExpression)
        words = words.trimmingCharacters(in: .whitespacesAndNewlines)
        return words.isEmpty ? "no detail" : String(words.prefix(160))
    }

    static func classify(_ received: Received, exchange: HTTPExchange, limit: Int,
                         platform: ActionPlatform = .fluents, toolCallID: String = "") -> InvocationOutcome {
        let status = received.status
        if let problem = ResponseContract.statusProblem(platform, status: status) {
            return .failure(.platformIgnored(problem), exchange: exchange)
        }
        switch status {
        case 200..<300:
            if received.tooLarge { return .failure(.bodyTooLarge(limit: limit), exchange: exchange) }
            switch ResponseContract.read(platform, body: received.body, toolCallID: toolCallID) {
            case let .result(object, message): return .success(result: object, agentMessage: message, exchange: exchange)
            case .notJSON: return .failure(.bodyNotJSON, exchange: exchange)
            case .resultMissing: return .failure(.resultMissing, exchange: exchange)
            case .resultNotObject: return .failure(.resultNotObject, exchange: exchange)
            case let .toolError(message): return .failure(.toolError(message), exchange: exchange)
            case let .ignored(reason): return .failure(.platformIgnored(reason), exchange: exchange)
            }
        case 401, 403: return .failure(.authentication(status: status), exchange: exchange)
        case 400..<500: return .failure(.clientError(status: status), exchange: exchange)
        case 500..<600: return .failure(.serverError(status: status), exchange: exchange)
        default: return .failure(.unexpectedStatus(status), exchange: exchange)
        }
    }
}

extension HTTPExchange {
    mutating func fill(_ received: ActionInvoker.Received) {
        status = received.status
        responseHeaders = received.headers
        responseBody = received.body
        redirects = received.redirects
    }
}

/// Resumes a continuation once, whichever of several racers comes first.
final class ResumeOnce: Sendable {
    private let continuation: Mutex<CheckedContinuation<Void, Never>?>

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = Mutex(continuation) }

    func resume() {
        let waiting = continuation.withLock { value -> CheckedContinuation<Void, Never>? in
            defer { value = nil }
            return value
        }
        waiting?.resume()
    }
}
