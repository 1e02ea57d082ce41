import ActionHTTP
import ActionModel
import ActionStore
import CallSimulation
import Foundation
import Synchronization
import Webhooks

/// One thing that happened in a call, with its time: what the agent and the
/// caller did, and the requests that crossed the wire.
public struct CallTimelineItem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case event(CallEvent)
        /// A request left for the action's URL.
        case requestSent(actionID: ActionID, exchange: HTTPExchange)
        /// How it came back (the exchange then holds the response too).
        case response(actionID: ActionID, outcome: InvocationOutcome)
        /// A model turn ended: its figures, and the fault when it failed.
        case modelTurn(ModelTurnLog)
        /// A reply streaming in (words, first token, a 429 wait): shown, not logged.
        case modelProgress(ModelProgress)
    }
    public var kind: Kind
    public var time: Date
}

/// One model turn as the call log keeps it.
public struct ModelTurnLog: Sendable, Equatable {
    public var endpoint: String
    public var figures: ModelTurnFigures
    public var fault: ModelFault?
    /// The functions the model called, in order.
    public var toolCalls: [String]

    public init(endpoint: String, figures: ModelTurnFigures, fault: ModelFault?, toolCalls: [String]) {
        self.endpoint = endpoint
        self.figures = figures
        self.fault = fault
        self.toolCalls = toolCalls
    }

    public init(_ result: ModelTurnResult) {
        switch result.outcome {
        case let .reply(reply): self.init(endpoint: result.endpoint, figures: result.figures, fault: nil, toolCalls: reply.toolCalls.map(\.name))
        case let .failure(fault): self.init(endpoint: result.endpoint, figures: result.figures, fault: fault, toolCalls: [])
        }
    }

    /// "first token 312 ms, 840 ms, 120 in / 18 out tokens" — the turn's figures in words.
    public var summary: String {
        var parts: [String] = []
        if let first = figures.timeToFirstTokenMilliseconds { parts.append("first token \(Int(first.rounded())) ms") }
        parts.append("\(Int(figures.totalMilliseconds.rounded())) ms")
        if let usage = figures.usage { parts.append("\(usage.promptTokens) in / \(usage.completionTokens) out tokens") }
        if figures.retries > 0 { parts.append("\(figures.retries) retr\(figures.retries == 1 ? "y" : "ies") after 429") }
        return parts.joined(separator: ", ")
    }
}

/// Runs a call: feeds the agent what the caller says, performs the requests
/// it asks for (off whatever thread drives the UI), and keeps the call log in
/// the store entry by entry as it happens, so a crash keeps what was said.
///
/// An actor, so a caller line that arrives while a request is in flight is
/// handled at once — the muted agent answers that it wasn't heard.
public actor LiveCall {
    public nonisolated let record: CallRecord
    private var agent: any ConversationAgent
    private let store: ActionStore?
    private let invoker: ActionInvoker
    /// The agent's model, for an engine that consults one.
    private let model: (any ModelClient)?
    private let sampleHost: SampleHost
    /// Fills in `{{env.…}}` / `{{secret.…}}` right before sending, and masks
    /// secrets out of everything the call shows and saves.
    public nonisolated let templates: TemplateContext
    private let observer: @Sendable (CallTimelineItem) -> Void
    /// Where webhook events go; `submit` only hands them over, so the call never waits for a webhook.
    private let webhooks: WebhookDispatcher?
    private var webhookEvents: CallWebhookEvents
    private var sequence = 0
    public private(set) var timeline: [CallTimelineItem] = []
    /// Problems writing the call log (the call goes on without it).
    public private(set) var logProblems: [String] = []
    /// The request on the wire, so `cancelRequest` can stop it.
    private var inFlight: Task<InvocationOutcome, Never>?
    /// `cancelRequest` came while the agent was muted but before the request left.
    private var cancelBeforeSending = false
    /// The model turn streaming in, so `cancelRequest` (Esc) can stop it.
    private var modelInFlight: Task<ModelTurnResult, Never>?

    public init(
        agent: any ConversationAgent, record: CallRecord, store: ActionStore?, invoker: ActionInvoker, model: (any ModelClient)? = nil,
        sampleHost: SampleHost = .shared, templates: TemplateContext = TemplateContext(), webhooks: WebhookDispatcher? = nil,
        observer: @escaping @Sendable (CallTimelineItem) -> Void = { _ in }
    ) {
        self.agent = agent
        self.templates = templates
        self.record = record
        self.store = store
        self.invoker = invoker
        self.model = model
        self.sampleHost = sampleHost
        self.observer = observer
        self.webhooks = webhooks
        self.webhookEvents = CallWebhookEvents(record: record)
    }

    public var hasEnded: Bool { agent.hasEnded }
    public var isMuted: Bool { agent.isMuted }

    /// Records the call and plays the agent's opening.
    public func start() async {
        if let store {
            do { try store.startCall(record) } catch { logProblems.append(error.message) }
        }
        webhooks?.submit(webhookEvents.connected(at: Date()))
        await perform(agent.start(at: Date()))
    }

    /// The caller said `utterance`. Returns once the agent has answered,
    /// including any request it made and what it said about the response.
    public func say(_ utterance: String) async {
        await say(utterance, heard: {})
    }

    /// As `say`, calling `heard` as soon as the agent has taken the line in
    /// (before any request it leads to), so a caller can send the next line
    /// in order without waiting for the answer: said while the agent waits,
    /// it is "not heard", as on a real call.
    public func say(_ utterance: String, heard: @Sendable () -> Void) async {
        guard !agent.hasEnded else { return heard() }
        let steps = agent.hear(utterance, at: Date())
        heard()
        await perform(steps)
    }

    /// Hangs up, cancelling a request in flight first.
    public func hangUp() async {
        guard !agent.hasEnded else { return }
        cancelRequest()
        await perform(agent.hangUp(at: Date()))
    }

    /// Cancels the request the agent is waiting on: it fails with `cancelled`
    /// (logged as such) and the agent says so. Nothing happens when no request
    /// is pending; one about to leave is cancelled as it leaves. A model reply
    /// streaming in is cancelled the same way.
    public func cancelRequest() {
        if let modelInFlight {
            modelInFlight.cancel()
        } else if let inFlight {
            inFlight.cancel()
        } else if agent.isMuted {
            cancelBeforeSending = true
        }
    }

    private func perform(_ steps: [CallStep]) async {
        for step in steps {
            switch step {
            case let .event(event):
                note(.event(event))
                if case let .callEnded(reason) = event, let store {
                    do { try store.endCall(record.id, reason: reason.rawValue) } catch { logProblems.append(error.message) }
                }
            case let .invoke(request):
                let outcome = await send(request)
                await perform(agent.receive(outcome, at: Date()))
            case let .consultModel(request):
                let outcome = await consult(request)
                await perform(agent.receive(outcome, at: Date()))
            }
        }
    }

    /// Sends the request on the wire (starting the sample backend first when a
    /// demo action points at it) and logs both directions. The wire gets the
    /// filled-in request; the log, the observer and the agent get it with
    /// secrets as `{{secret.NAME}}` and any echo of one masked.
    private func send(_ request: InvocationRequest) async -> InvocationOutcome {
        let actionID = request.action.id
        let prepared: PreparedRequest
        do {
            prepared = try await sampleHost.prepare(request, templates: templates)
        } catch {
            let outcome = InvocationOutcome.failure(error.fault.masked(templates), exchange: nil)
            note(.response(actionID: actionID, outcome: outcome))
            return outcome
        }
        note(.requestSent(actionID: actionID, exchange: prepared.shown))
        let timeout = request.action.customInput?.timeoutSeconds ?? 10
        // Its own task, so `cancelRequest` can cancel just the request.
        let task = Task { [invoker, prepared] in await invoker.send(prepared, timeoutSeconds: timeout) }
        inFlight = task
        if cancelBeforeSending { task.cancel() }
        cancelBeforeSending = false
        let sent = await task.value
        inFlight = nil
        let outcome = sent.shown(as: prepared.shown, masking: templates)
        note(.response(actionID: actionID, outcome: outcome))
        return outcome
    }

    /// One model turn, in its own task so Esc can cancel it; its figures (or
    /// fault) go into the log, its streamed words to the observer only.
    private func consult(_ request: ModelRequest) async -> ModelOutcome {
        guard var model else {
            let fault = ModelFault.notSent("this call has no model set up; give the agent one with `switchboard agents edit NAME --model MODEL`")
            note(.modelTurn(ModelTurnLog(endpoint: "", figures: ModelTurnFigures(), fault: fault, toolCalls: [])))
            return .failure(fault)
        }
        // The demo model (http://sample.localhost/v1) is the in-process sample backend's scripted model.
        if let client = model as? ChatCompletionsClient, let resolved = await sampleHost.resolve(client.endpoint.url) {
            var endpoint = client.endpoint
            endpoint.url = resolved
            model = ChatCompletionsClient(endpoint: endpoint, invoker: invoker)
        }
        let observer = self.observer, templates = self.templates
        observer(CallTimelineItem(kind: .modelProgress(.started), time: Date()))
        // A server that echoes a secret shows it masked, even split across pieces.
        let masking = Mutex(StreamMasking(templates))
        let task = Task {
            await model.complete(request) { progress in
                guard case let .text(text) = progress else {
                    return observer(CallTimelineItem(kind: .modelProgress(progress), time: Date()))
                }
                let shown = masking.withLock { $0.append(text) }
                if !shown.isEmpty { observer(CallTimelineItem(kind: .modelProgress(.text(shown)), time: Date())) }
            }
        }
        modelInFlight = task
        let result = await task.value
        modelInFlight = nil
        var log = ModelTurnLog(result)
        if let fault = log.fault { log.fault = fault.masked(templates) }
        note(.modelTurn(log))
        switch result.outcome {
        case let .failure(fault): return .failure(fault.masked(templates))
        case var .reply(reply):
            // What the agent says and logs never carries a secret the model echoed.
            reply.text = templates.mask(reply.text)
            reply.toolCalls = reply.toolCalls.map { ModelToolCall(id: $0.id, name: $0.name, arguments: templates.mask($0.arguments)) }
            return .reply(reply)
        }
    }

    private func note(_ kind: CallTimelineItem.Kind) {
        let item = CallTimelineItem(kind: kind, time: Date())
        if case .modelProgress = kind { return observer(item) }
        timeline.append(item)
        observer(item)
        if let webhooks {
            for event in webhookEvents.events(for: item) { webhooks.submit(event) }
        }
        guard let store else { return }
        sequence += 1
        // The items are already safe; masking the row too keeps the store clean whatever an event carries.
        let entry = CallLogMapping.masked(CallLogMapping.entry(for: item, sequence: sequence), templates)
        do { try store.append([entry], to: record.id) } catch {
            logProblems.append(error.message)
        }
    }
}

/// How timeline items become rows of the call log.
public enum CallLogMapping {
    public static func entry(for item: CallTimelineItem, sequence: Int) -> CallLogEntry {
        switch item.kind {
        case let .event(event):
            return CallEventLog.entry(for: event, sequence: sequence, time: item.time)
        case let .modelTurn(log):
            return modelTurnEntry(log, sequence: sequence, time: item.time)
        case .modelProgress:
            return CallLogEntry(sequence: sequence, time: item.time, type: "model_progress", text: "")
        case let .requestSent(actionID, exchange):
            var data: JSONObject = [
                "method": .string(exchange.method), "url": .string(exchange.url),
                "headers": headersJSON(exchange.requestHeaders),
            ]
            data["body"] = bodyJSON(exchange.requestBody)
            data["parameters"] = parameters(of: exchange)
            return CallLogEntry(sequence: sequence, time: item.time, type: "request_sent",
                                text: "\(exchange.method) \(exchange.url)", actionID: actionID, data: data)
        case let .response(actionID, outcome):
            switch outcome {
            case let .success(result, agentMessage, exchange):
                var data: JSONObject = ["status": exchange.status.map { .integer($0) } ?? .null, "result": .object(result),
                                        "duration_ms": .number(exchange.durationMilliseconds)]
                if let agentMessage { data["agent_message"] = .string(agentMessage) }
                if let redirects = redirectsJSON(exchange) { data["redirects"] = redirects }
                return CallLogEntry(sequence: sequence, time: item.time, type: "response",
                                    text: "\(exchange.status ?? 0) in \(Int(exchange.durationMilliseconds.rounded())) ms" + redirectNote(exchange),
                                    actionID: actionID, data: data)
            case let .failure(fault, exchange):
                var data: JSONObject = ["error": .string(fault.code), "detail": .string(fault.explanation)]
                if let exchange {
                    data["status"] = exchange.status.map { .integer($0) } ?? .null
                    data["duration_ms"] = .number(exchange.durationMilliseconds)
                    if !exchange.responseBody.isEmpty { data["body"] = bodyJSON(exchange.responseBody) }
                    if let redirects = redirectsJSON(exchange) { data["redirects"] = redirects }
                }
                return CallLogEntry(sequence: sequence, time: item.time, type: "response",
                                    text: "failed: \(fault.explanation)", actionID: actionID, data: data)
            }
        }
    }

    /// `model_turn`: the figures per model turn (`calls show` totals them).
    static func modelTurnEntry(_ log: ModelTurnLog, sequence: Int, time: Date) -> CallLogEntry {
        var data: JSONObject = ["endpoint": .string(log.endpoint), "total_ms": .number(log.figures.totalMilliseconds)]
        data["first_token_ms"] = log.figures.timeToFirstTokenMilliseconds.map { .number($0) } ?? .null
        data["tokens_in"] = log.figures.usage.map { .integer($0.promptTokens) } ?? .null
        data["tokens_out"] = log.figures.usage.map { .integer($0.completionTokens) } ?? .null
        if let model = log.figures.model { data["model"] = .string(model) }
        if log.figures.retries > 0 { data["retries"] = .integer(log.figures.retries) }
        if !log.toolCalls.isEmpty { data["tool_calls"] = .array(log.toolCalls.map { .string($0) }) }
        if let fault = log.fault {
            data["error"] = .string(fault.code)
            data["detail"] = .string(fault.explanation)
            return CallLogEntry(sequence: sequence, time: time, type: "model_turn", text: "model turn failed: \(fault.explanation) (\(log.summary))", data: data)
        }
        return CallLogEntry(sequence: sequence, time: time, type: "model_turn", text: "model turn: \(log.summary)", data: data)
    }

    /// `[{"status":307,"location":"…"}]`, nil when the request was not redirected.
    static func redirectsJSON(_ exchange: HTTPExchange) -> JSONValue? {
        exchange.redirects.isEmpty ? nil
            : .array(exchange.redirects.map { ["status": .integer($0.status), "location": .string($0.location)] })
    }

    /// ", after 307 → https://…" for the log line of a redirected request.
    public static func redirectNote(_ exchange: HTTPExchange) -> String {
        exchange.redirects.isEmpty ? "" : ", after " + exchange.redirects.map { "\($0.status) → \($0.location)" }.joined(separator: ", ")
    }

    /// The entry with every secret value in its text and data masked.
    public static func masked(_ entry: CallLogEntry, _ templates: TemplateContext) -> CallLogEntry {
        guard templates.masksAnything else { return entry }
        var safe = entry
        safe.text = templates.mask(entry.text)
        safe.data = templates.mask(entry.data)
        return safe
    }

    /// The fields a request carried: the body's `payload`, or the whole body (args at the root).
    static func parameters(of exchange: HTTPExchange) -> JSONValue {
        let body = bodyJSON(exchange.requestBody)
        return body.objectValue?["payload"] ?? body
    }

    /// The headers as the log keeps them: the one masking rule applied, so a
    /// credential written literally into an action (`Authorization: Bearer sk_…`)
    /// is not copied into every call; names and `{{secret.…}}` placeholders stay.
    static func headersJSON(_ headers: [HTTPHeader]) -> JSONValue {
        .array(headers.map(SecretMasker.standard.masked).map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    /// A body as JSON when it is JSON, else as text (cut at 4 KiB for the log).
    static func bodyJSON(_ bytes: [UInt8]) -> JSONValue {
        if let json = try? JSONValue(parsing: bytes) { return json }
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return .string(bytes.count > 4096 ? text + "…" : text)
    }
}

extension SampleHost {
    /// The request as it goes on the wire and as it may be shown: templates
    /// filled in (`WireRequest.prepare`), then a demo URL moved to the
    /// in-process sample backend (after filling in, so a demo URL that comes
    /// from `{{env.BASE_URL}}` works too). Calls and test requests both send this.
    public func prepare(_ request: InvocationRequest, templates: TemplateContext) async throws(WireRequestError) -> PreparedRequest {
        var prepared = try WireRequest.prepare(request, templates: templates)
        if let rewritten = await resolve(prepared.wire.url) {
            prepared.shown.url = DemoURL.replacingAuthority(of: prepared.shown.url, from: prepared.wire.url, to: rewritten)
            prepared.wire.url = rewritten
        }
        return prepared
    }
}

/// Moves a shown URL to the sample backend's loopback address along with the wire URL.
enum DemoURL {
    /// `http://sample.localhost/x/{{secret.K}}` → `http://127.0.0.1:PORT/x/{{secret.K}}`, when
    /// the wire URL's scheme and host (`http://sample.localhost`) begin the shown one.
    static func replacingAuthority(of shown: String, from wire: String, to rewritten: String) -> String {
        let old = authority(wire), new = String(authority(rewritten))
        guard shown.hasPrefix(old) else { return new + "/…" }
        return new + shown.dropFirst(old.count)
    }

    static func authority(_ url: String) -> Substring {
        guard let scheme = url.range(of: "://") else { return url[...] }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return url[..<end]
    }
}

