import ActionHTTP
import ActionModel
import ActionStore
import CallDriver
import CallSimulation
import Console
import Foundation
import Synchronization
import Webhooks

/// Runs the console's calls and test requests off the loop's thread: sets a
/// call up from the store, forwards what the caller types, cancel and hang-up
/// to its `LiveCall`, and posts everything that happens as `ConsoleMessage`s.
/// The loop never waits on it.
final class CallRunner: Sendable {
    private let store: ActionStore
    private let inbox: Inbox
    private let sampleHost: SampleHost
    /// The console's webhook dispatcher: a call tells subscribed webhooks what happens in it.
    private let webhooks: ConsoleWebhooks?
    /// Made on the first call or test request: the HTTP client starts NIO's
    /// threads, which a console that never places a call doesn't need.
    private let invokerBox = Mutex<ActionInvoker?>(nil)
    private var invoker: ActionInvoker {
        invokerBox.withLock { box in
            if let made = box { return made }
            let made = ActionInvoker()
            box = made
            return made
        }
    }
    private let calls = Mutex<[CallID: RunningCall]>([:])

    /// One call: its `LiveCall` once set up, and the caller's lines in order.
    private final class RunningCall: Sendable {
        let lines: AsyncStream<String>.Continuation
        let live = Mutex<LiveCall?>(nil)
        let task = Mutex<Task<Void, Never>?>(nil)
        /// Cancel or hang-up asked for before the call was set up.
        let pendingHangUp = Mutex(false)
        init(lines: AsyncStream<String>.Continuation) { self.lines = lines }
    }

    init(store: ActionStore, inbox: Inbox, webhooks: ConsoleWebhooks? = nil, sampleHost: SampleHost = .shared) {
        self.store = store
        self.inbox = inbox
        self.webhooks = webhooks
        self.sampleHost = sampleHost
    }

    /// Performs a call effect.
    func perform(_ effect: CallEffect) {
        switch effect {
        case let .start(start): self.start(start)
        case let .say(id, line): running(id)?.lines.yield(line)
        case let .cancelRequest(id): cancelRequest(id)
        case let .end(id): hangUp(id)
        case let .sendTestRequest(request): sendTest(request)
        }
    }

    private func running(_ id: CallID) -> RunningCall? { calls.withLock { $0[id] } }

    private func post(_ id: CallID, _ kind: CallActivity.Kind, at time: Date = Date()) {
        inbox.post(.call(CallActivity(callID: id, kind: kind, time: time)))
    }

    // MARK: Calls

    private func start(_ start: CallStart) {
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let running = RunningCall(lines: continuation)
        calls.withLock { $0[start.callID] = running }
        let task = Task { [self] in
            // Nil when the store has no webhooks: such a call costs nothing extra.
            let dispatcher = await webhooks?.dispatcherIfNeeded()
            guard let call = setUp(start, webhooks: dispatcher) else {
                calls.withLock { $0[start.callID] = nil }
                return
            }
            running.live.withLock { $0 = call }
            await call.start()
            if running.pendingHangUp.withLock({ $0 }) { await call.hangUp() }
            // Lines in the order typed; each goes on as soon as the agent has
            // heard the one before (not when its request is answered).
            for await line in lines {
                if await call.hasEnded { break }
                await withCheckedContinuation { (heard: CheckedContinuation<Void, Never>) in
                    Task { await call.say(line, heard: { heard.resume() }) }
                }
            }
        }
        running.task.withLock { $0 = task }
    }

    /// Sets the call up (`CallSetup`, as `simulate` does) and makes the
    /// `LiveCall`; posts `.failedToStart` (and returns nil) when it can't.
    private func setUp(_ start: CallStart, webhooks: WebhookDispatcher?) -> LiveCall? {
        let id = start.callID
        var setup = CallSetup(origin: "console", callID: id)
        switch start.subject {
        case let .action(actionID):
            // "Testing this action": only it, with the default agent (which
            // would otherwise read every action).
            setup.actionReference = actionID.rawValue
            setup.onlyThatAction = true
        case let .agent(agentID):
            setup.agentReference = agentID.rawValue
        }
        do {
            // Read when the call starts: the active environment's variables and secrets.
            let templates = try store.templateContext()
            let prepared: CallSetup.Prepared
            do { prepared = try setup.prepare(store: store, templates: templates, invoker: invoker) } catch {
                if case let .store(.notFound(what)) = error, what.hasPrefix("action") {
                    post(id, .failedToStart("the action is no longer in the store"))
                } else {
                    post(id, .failedToStart(error.message))
                }
                return nil
            }
            post(id, .started(agentName: prepared.agent.name))
            let byID = Dictionary(prepared.actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let inbox = self.inbox
            // Said up front, not discovered when the agent tries the request.
            for action in prepared.actions {
                for issue in templates.issues(for: action) {
                    post(id, .warning("'\(action.name)' will not be sent here: \(issue.message)"))
                }
            }
            return LiveCall(agent: prepared.engine, record: prepared.record, store: store, invoker: invoker, model: prepared.model,
                            sampleHost: sampleHost, templates: templates, webhooks: webhooks) { item in
                inbox.post(contentsOf: Self.activities(for: item, callID: id, actions: byID))
            }
        } catch {
            post(id, .failedToStart(error.message))
            return nil
        }
    }

    /// A timeline item as the console's messages (the action's details first when it is selected).
    static func activities(for item: CallTimelineItem, callID: CallID, actions: [ActionID: Action]) -> [ConsoleMessage] {
        var kinds: [CallActivity.Kind] = []
        switch item.kind {
        case let .event(event):
            if case let .actionSelected(actionID, _) = event, let action = actions[actionID] { kinds.append(.actionInUse(action)) }
            kinds.append(.event(event))
        case let .requestSent(actionID, exchange):
            kinds.append(.requestSent(actionID: actionID, exchange: exchange))
        case let .response(actionID, outcome):
            kinds.append(.response(actionID: actionID, outcome: outcome))
        case let .modelTurn(log):
            kinds.append(.modelTurnEnded(summary: log.summary, fault: log.fault?.explanation))
        case let .modelProgress(progress):
            kinds.append(.model(progress))
        }
        return kinds.map { .call(CallActivity(callID: callID, kind: $0, time: item.time)) }
    }

    private func cancelRequest(_ id: CallID) {
        guard let running = running(id) else { return }
        guard let call = running.live.withLock({ $0 }) else { return }
        Task { await call.cancelRequest() }
    }

    private func hangUp(_ id: CallID) {
        guard let running = running(id) else { return }
        guard let call = running.live.withLock({ $0 }) else {
            running.pendingHangUp.withLock { $0 = true }
            return
        }
        Task { [self] in
            await call.hangUp()
            running.lines.finish()
            calls.withLock { $0[id] = nil }
        }
    }

    // MARK: Test requests

    private func sendTest(_ test: TestRequest) {
        Task { [self] in
            let finished = await runTest(test)
            inbox.post(.actions(.testRequestFinished(finished)))
        }
    }

    /// Sends the form's action like a call would (templates filled in for the
    /// wire only, a demo URL to the sample backend) and returns it as it may be shown.
    private func runTest(_ test: TestRequest) async -> TestRequestResult {
        let request = test.invocation
        let templates: TemplateContext
        do { templates = try store.templateContext() } catch {
            return TestRequestResult(number: test.number, sent: nil, outcome: .failure(.notSent(error.message), exchange: nil))
        }
        let prepared: PreparedRequest
        do {
            prepared = try await sampleHost.prepare(request, templates: templates)
        } catch {
            return TestRequestResult(number: test.number, sent: nil, outcome: .failure(error.fault.masked(templates), exchange: nil))
        }
        let outcome = await invoker.send(prepared, timeoutSeconds: request.action.customInput?.timeoutSeconds ?? 10)
        return TestRequestResult(number: test.number, sent: prepared.shown, outcome: outcome.shown(as: prepared.shown, masking: templates))
    }

    // MARK: Leaving

    /// Hangs up every call still on (so the log says how it ended), then
    /// stops the HTTP client. Waits at most `limit` for the calls.
    func shutdown(limit: Duration = .seconds(2)) {
        let running = calls.withLock { Array($0.values) }
        let done = DispatchSemaphore(value: 0)
        Task { [self] in
            for call in running {
                call.lines.finish()
                if let live = call.live.withLock({ $0 }) { await live.hangUp() }
            }
            if let invoker = invokerBox.withLock({ $0 }) { await invoker.shutdown() }
            done.signal()
        }
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        _ = done.wait(timeout: .now() + seconds)
    }
}

extension Inbox {
    func post(contentsOf messages: [ConsoleMessage]) {
        for message in messages { post(message) }
    }
}
