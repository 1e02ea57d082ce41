import ActionModel
import AsyncHTTPClient
import CallSimulation
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Platforms

/// Sends an `InvocationRequest` over one shared `HTTPClient` and classifies the
/// answer into an `InvocationOutcome`. Never throws, never crashes; every
/// outcome after the request was built carries the `HTTPExchange`.
///
/// Redirects: AsyncHTTPClient follows at most 5 (a 6th is `tooManyRedirects`);
/// 307/308 keep POST and the body, 301/302/303 turn into a GET without body
/// (its defaults, `retainHTTPMethodAndBodyOn301/302 = false`). The exchange
/// keeps the request as first sent and the final response.
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
            redirectConfiguration: .follow(max: ActionInvoker.maxRedirects, allowCycles: true),
            decompression: .disabled)
        // Fail a refused connection now instead of retrying until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.bodyLimit = responseBodyLimit
    }

    /// Must be called once before the invoker goes away.
    public func shutdown() async {
        try? await client.shutdown()
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
    }

    enum Attempt: Sendable {
        case answered(Received)
        case failed(InvocationFault, Received?)
    }

    func perform(_ sent: HTTPExchange, timeout: Duration, reportedSeconds timeoutSeconds: Int) async -> Attempt {
        var request = HTTPClientRequest(url: sent.url)
        request.method = HTTPMethod(rawValue: sent.method)
        for header in sent.requestHeaders { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: sent.requestBody))
        do {
            let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            let response = try await client.execute(request, timeout: .nanoseconds(max(1_000_000, nanoseconds)))
            var received = Received(
                status: Int(response.status.code),
                headers: response.headers.map { HTTPHeader(name: $0.name, value: $0.value) },
                body: [], tooLarge: false)
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
            return .failed(Self.fault(for: error, timeoutSeconds: timeoutSeconds, target: Self.target(sent.url)), nil)
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
            return .connectionFailed("\(target): \(error)")
        }
        if let error = error as? NIOConnectionError {
            if let dns = error.dnsAError ?? error.dnsAAAAError, error.connectionErrors.isEmpty {
                return .connectionFailed("could not resolve \(error.host): \(dns)")
            }
            let reasons = error.connectionErrors.map { String(describing: $0.error) }
            return .connectionFailed("\(error.host):\(error.port): " + (reasons.isEmpty ? "could not connect" : reasons.joined(separator: "; ")))
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .redirectLimitReached, .redirectCycleDetected: return .tooManyRedirects
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
                return .timedOut(seconds: timeoutSeconds)
            case .cancelled: return .cancelled
            case .tlsHandshakeTimeout: return .tls("TLS handshake timed out")
            case .remoteConnectionClosed: return .connectionFailed("the server closed the connection")
            default: break
            }
        }
        let typeName = String(reflecting: type(of: error))
        let detail = String(describing: error)
        if typeName.contains("SSL") || typeName.contains("TLS") || typeName.contains("Certificate") {
            return .tls(detail)
        }
        if typeName.hasSuffix("HTTPClientError"), detail.contains("Timeout") || detail.contains("deadline") {
            return .timedOut(seconds: timeoutSeconds)
        }
        return .connectionFailed(detail)
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
    }
}
