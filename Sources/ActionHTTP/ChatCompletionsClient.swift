import ActionModel
import AsyncHTTPClient
import CallSimulation
import Foundation
import NIOCore
import NIOHTTP1

/// A model record made ready for the wire: URL and headers with `{{secret.…}}`
/// and `{{env.…}}` filled in (the key exists only here), and the record's
/// settings for the body.
public struct ModelEndpoint: Sendable {
    public var record: ModelRecord
    public var url: String
    public var headers: [HTTPHeader]
    /// The URL as it may be shown and logged (secrets masked).
    public var shownURL: String

    /// Fills in the key and header templates; an undefined secret is named
    /// with how to define it.
    public static func prepare(_ record: ModelRecord, templates: TemplateContext) throws(ModelFault) -> ModelEndpoint {
        if let problem = record.issues.first { throw .notSent("model '\(record.name)': \(problem)") }
        var headers = [HTTPHeader(name: "Content-Type", value: "application/json"), HTTPHeader(name: "Accept", value: "text/event-stream")]
        do {
            if let apiKey = record.apiKey { headers.append(HTTPHeader(name: "Authorization", value: "Bearer " + (try templates.resolve(apiKey)))) }
            for header in record.headers { headers.append(HTTPHeader(name: header.name, value: try templates.resolve(header.value))) }
            let url = try templates.resolve(record.completionsURL)
            return ModelEndpoint(record: record, url: url, headers: headers, shownURL: templates.mask(url))
        } catch {
            throw .notSent("model '\(record.name)': \(error.message)")
        }
    }

    /// Where a 401/403 sends the user.
    var authenticationHint: String {
        let test = "`switchboard models test \(record.name)`"
        if let secret = record.apiKeySecretName {
            return "check the secret {{secret.\(secret)}} (`switchboard secrets set \(secret)`), then run \(test)"
        }
        return "this model has no --api-key; add one (`switchboard models edit \(record.name) --api-key '{{secret.NAME}}'`), then run \(test)"
    }
}

/// Talks to any OpenAI-compatible Chat Completions endpoint, streamed: builds
/// the body, reads the server-sent events as they come (`ModelStream`),
/// reports the words and the time to first token, and classifies every fault
/// (401/403, 404, 429 with a bounded `Retry-After` wait, 5xx, timeout,
/// refused, a stream cut mid-way, context too long, an empty reply). The whole
/// turn is bounded by the record's timeout, so no fault hangs a call.
public final class ChatCompletionsClient: ModelClient {
    public let endpoint: ModelEndpoint
    let client: HTTPClient
    /// The longest `Retry-After` waited before retrying a 429 (longer: the turn fails at once).
    public let longestRetryWait: Int
    public let retriesAfter429: Int
    /// Sleeps between countdown steps (tests pass a short one).
    let tick: Duration

    public init(endpoint: ModelEndpoint, invoker: ActionInvoker, longestRetryWait: Int = 10, retriesAfter429: Int = 2, tick: Duration = .seconds(1)) {
        self.endpoint = endpoint
        self.client = invoker.client
        self.longestRetryWait = longestRetryWait
        self.retriesAfter429 = retriesAfter429
        self.tick = tick
    }

    public var settings: ModelSettings {
        ModelSettings(model: endpoint.record.modelID, temperature: endpoint.record.temperature, maxTokens: endpoint.record.maxTokens)
    }

    public func complete(_ request: ModelRequest, progress: @escaping @Sendable (ModelProgress) -> Void) async -> ModelTurnResult {
        let body = Array(request.body(settings).compactText.utf8)
        return await complete(body: body, progress: progress)
    }

    /// Sends an already encoded body (the benchmark and `models test` use it too).
    public func complete(body: [UInt8], progress: @escaping @Sendable (ModelProgress) -> Void) async -> ModelTurnResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let timeout = endpoint.record.timeoutSeconds
        var figures = ModelTurnFigures()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000 }
        func finish(_ outcome: ModelOutcome) -> ModelTurnResult {
            figures.totalMilliseconds = elapsed()
            if case let .reply(reply) = outcome {
                figures.usage = reply.usage
                figures.model = reply.model
            }
            return ModelTurnResult(outcome: outcome, figures: figures, endpoint: "POST " + endpoint.shownURL)
        }
        var attempt = 0
        while true {
            let firstToken = FirstToken()
            let result: Attempt = await withTaskGroup(of: Attempt.self) { group in
                group.addTask { await self.attempt(body: body, timeoutSeconds: timeout, start: start, firstToken: firstToken, progress: progress) }
                group.addTask {
                    do {
                        try await Task.sleep(for: .seconds(timeout) - .nanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start)))
                        return .failed(.timedOut(seconds: timeout))
                    } catch {
                        return .failed(.cancelled)
                    }
                }
                let first = await group.next() ?? .failed(.cancelled)
                group.cancelAll()
                return first
            }
            figures.timeToFirstTokenMilliseconds = firstToken.milliseconds ?? figures.timeToFirstTokenMilliseconds
            if Task.isCancelled { return finish(.failure(.cancelled)) }
            switch result {
            case let .replied(reply): return finish(.reply(reply))
            case let .failed(fault): return finish(.failure(fault))
            case let .rateLimited(retryAfter):
                let wait = max(1, retryAfter ?? 1)
                let remaining = Double(timeout) - elapsed() / 1000
                guard attempt < retriesAfter429, wait <= longestRetryWait, Double(wait) < remaining else {
                    return finish(.failure(.rateLimited(retryAfterSeconds: retryAfter)))
                }
                attempt += 1
                figures.retries = attempt
                // Shown counting down, one step a tick.
                for left in stride(from: wait, through: 1, by: -1) {
                    progress(.retrying(afterSeconds: left, status: 429))
                    do { try await Task.sleep(for: tick) } catch { return finish(.failure(.cancelled)) }
                }
            }
        }
    }

    enum Attempt: Sendable {
        case replied(ModelReply)
        case rateLimited(retryAfter: Int?)
        case failed(ModelFault)
    }

    /// Notes when the first text or tool-call byte arrived.
    final class FirstToken: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Double?
        var milliseconds: Double? { lock.withLock { value } }
        func mark(_ milliseconds: Double) -> Bool {
            lock.withLock {
                if value != nil { return false }
                value = milliseconds
                return true
            }
        }
    }

    func attempt(body: [UInt8], timeoutSeconds: Int, start: UInt64, firstToken: FirstToken,
                 progress: @escaping @Sendable (ModelProgress) -> Void) async -> Attempt {
        if let problem = URLPort.problem(endpoint.url) { return .failed(.notSent(problem)) }
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        for header in endpoint.headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let target = ActionInvoker.target(endpoint.url)
        do {
            let response = try await client.execute(request, deadline: .now() + .seconds(Int64(timeoutSeconds)))
            let status = Int(response.status.code)
            guard status == 200 else {
                var bytes: [UInt8] = []
                for try await chunk in response.body {
                    bytes += chunk.readableBytesView.prefix(64 * 1024 - bytes.count)
                    if bytes.count >= 64 * 1024 { break }
                }
                let retryAfter = response.headers.first(name: "retry-after").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                return classify(status: status, body: bytes, retryAfter: retryAfter)
            }
            var stream = ModelStream()
            for try await chunk in response.body {
                let deltas = try stream.feed(chunk.readableBytesView)
                if stream.hasContent, firstToken.mark(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) {
                    progress(.firstToken(milliseconds: firstToken.milliseconds ?? 0))
                }
                for delta in deltas { progress(.text(delta)) }
            }
            return .replied(try stream.finish())
        } catch let fault as ModelFault {
            return .failed(fault)
        } catch {
            switch ActionInvoker.fault(for: error, timeoutSeconds: timeoutSeconds, target: target) {
            case .cancelled: return .failed(.cancelled)
            case let .timedOut(seconds): return .failed(.timedOut(seconds: seconds))
            case let .notSent(detail): return .failed(.notSent(detail))
            case let .connectionFailed(detail) where detail.contains("reset") || detail.contains("closed"):
                return .failed(.streamCut(detail))
            case let other:
                // A body that stops mid-way surfaces as a remote close.
                let text = String(describing: error)
                if text.contains("remoteConnectionClosed") || text.contains("EOF") { return .failed(.streamCut("the server closed the connection")) }
                if case let .connectionFailed(detail) = other { return .failed(.connectionFailed(detail)) }
                return .failed(.connectionFailed(other.explanation))
            }
        }
    }

    /// A non-200 answer, by status.
    func classify(status: Int, body: [UInt8], retryAfter: Int?) -> Attempt {
        let message = Self.errorMessage(body)
        switch status {
        case 401, 403: return .failed(.authentication(status: status, hint: endpoint.authenticationHint))
        case 404: return .failed(.modelNotFound("'\(endpoint.record.modelID)' at \(endpoint.shownURL)" + (message.isEmpty ? "" : ": \(message)")))
        case 429: return .rateLimited(retryAfter: retryAfter)
        case 500...599: return .failed(.serverError(status: status, detail: message))
        default:
            let lowered = message.lowercased() + String(decoding: body.prefix(2048), as: UTF8.self).lowercased()
            if lowered.contains("context_length") || lowered.contains("context length") || lowered.contains("context window")
                || lowered.contains("exceed_context") || lowered.contains("maximum context") || status == 413 {
                return .failed(.contextTooLong(message.isEmpty ? "HTTP \(status)" : message))
            }
            return .failed(.badRequest(status: status, detail: message))
        }
    }

    /// `error.message` of an OpenAI error body, else the body's text (cut).
    static func errorMessage(_ body: [UInt8]) -> String {
        if let json = try? JSONValue(parsing: body) {
            if let text = json.objectValue?["error"]?.objectValue?["message"]?.stringValue { return String(text.prefix(300)) }
            if let text = json.objectValue?["error"]?.stringValue { return String(text.prefix(300)) }
            if let text = json.objectValue?["message"]?.stringValue { return String(text.prefix(300)) }
        }
        return String(String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension ModelFault {
    /// Secret values masked out of the details (a server may echo a header).
    public func masked(_ templates: TemplateContext) -> ModelFault {
        switch self {
        case let .modelNotFound(detail): return .modelNotFound(templates.mask(detail))
        case let .serverError(status, detail): return .serverError(status: status, detail: templates.mask(detail))
        case let .badRequest(status, detail): return .badRequest(status: status, detail: templates.mask(detail))
        case let .contextTooLong(detail): return .contextTooLong(templates.mask(detail))
        case let .connectionFailed(detail): return .connectionFailed(templates.mask(detail))
        case let .streamCut(detail): return .streamCut(templates.mask(detail))
        case let .malformedStream(detail): return .malformedStream(templates.mask(detail))
        case let .notSent(detail): return .notSent(templates.mask(detail))
        default: return self
        }
    }
}
