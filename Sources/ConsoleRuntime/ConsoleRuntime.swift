// ConsoleRuntime: runs the Console loop on a Terminal and performs its effects against the store.
import ActionModel
import ActionStore
import Console
import Dispatch
import Foundation
import Screen
import Synchronization
import Terminal

/// The Elm loop: input and store results become `ConsoleMessage`s, `Console.update`
/// turns them into state and `ConsoleEffect`s, the store work runs off the
/// terminal's thread, and `Console.render` is drawn after every batch.
public enum ConsoleRuntime {
    /// How often `.tick` is sent while the console wants it
    /// (`ConsoleState.wantsTicks`); an idle console gets none, and its loop
    /// sleeps in `poll` until a key, a resize or a store answer arrives.
    public static let tickInterval: Duration = .milliseconds(250)
    /// How often `.clock` is sent while the console wants it (a request in
    /// flight): often enough for a smooth millisecond counter, and the loop
    /// still sleeps in `poll` between them.
    public static let clockInterval: Duration = .milliseconds(33)

    /// Runs the console with the theme named by `--theme` (`themeName`), else
    /// `SWITCHBOARD_THEME`, else the default; `NO_COLOR` gives monochrome. A
    /// theme that can't be used is reported in the status line, never fatal.
    public static func run(store: ActionStore, services: ConsoleServices, themeName: String?, environment: [String: String]) throws -> Int32 {
        let resolution = ThemeCatalog.resolve(requested: themeName ?? environment["SWITCHBOARD_THEME"], environment: environment)
        return try run(store: store, services: services, theme: resolution.theme, themeWarning: resolution.warning)
    }

    /// At most this many `.deliveriesChanged` a second reach the console (log reloads under a burst).
    static let deliveryChangeInterval: Duration = .milliseconds(250)

    /// Runs the console until it asks to quit; returns the exit status. The
    /// terminal is restored however this returns (and on fatal signals).
    public static func run(store: ActionStore, services: ConsoleServices, theme: Theme, themeWarning: String?) throws -> Int32 {
        let terminal = try Terminal()
        defer { terminal.restore() }

        let (width, height) = terminal.size
        var state = ConsoleState(
            width: width, height: height, storeDescription: store.path,
            readOnly: store.isReadOnly, notice: themeWarning, demoOffer: demoOffer
        )
        // The first frame goes out before anything is read from the store.
        terminal.draw(Console.render(state), theme: theme)

        let worker = StoreWorker(store: store, wakeup: terminal.wakeup, webhooks: services.webhooks)
        let inbox = Inbox(wakeup: terminal.wakeup)
        let calls = CallRunner(store: store, inbox: inbox, webhooks: services.webhooks)
        // The actions, and the status line's environment and the names the
        // action form checks references against.
        for effect in Console.start(&state) { worker.perform(effect) }
        // Deliveries going out (from this console or a call it placed) wake the loop to reload open logs.
        let throttle = DeliveryChangeThrottle(interval: deliveryChangeInterval) { worker.post(.deliveriesChanged) }
        services.webhooks.observeChanges { _ in throttle.changed() }
        // A shared store tells this console what others change (nothing to hear on SQLite).
        let live = LiveStoreUpdates(store: store, inbox: inbox, wakeup: terminal.wakeup)
        defer { live.cancel() }

        let clock = ContinuousClock()
        var nextTick: ContinuousClock.Instant?
        var nextClock: ContinuousClock.Instant?
        var quitting = false
        var wroteCurlFile = false
        while !quitting {
            // Timers run only while something on screen moves; otherwise
            // the loop waits for input with no deadline at all.
            let timers = LoopTimers.schedule(
                now: clock.now, nextTick: nextTick, nextClock: nextClock,
                wantsTicks: state.wantsTicks, wantsClock: state.wantsClockTicks)
            (nextTick, nextClock) = (timers.nextTick, timers.nextClock)
            let timeoutMs = timers.timeoutMs(from: clock.now)
            var messages: [ConsoleMessage] = []
            if let event = terminal.readEvent(timeoutMs: timeoutMs) {
                messages.append(.input(event))
                // Take every event that is already waiting (a burst of keys,
                // key repeat) before drawing, so drawing never falls behind typing.
                while messages.count < 256, let more = terminal.readEvent(timeoutMs: 0) {
                    messages.append(.input(more))
                }
            }
            messages += worker.takeResults()
            messages += inbox.take()
            let reloads = live.takeReloads()
            for effect in reloads.effects { worker.perform(effect) }
            if reloads.deliveries { throttle.changed() }
            let now = clock.now
            if let due = nextTick, now >= due {
                messages.append(.tick)
                nextTick = now + tickInterval
            }
            if let due = nextClock, now >= due {
                messages.append(.clock(Date()))
                nextClock = now + clockInterval
            }
            guard !messages.isEmpty else { continue }
            for message in messages {
                for effect in Console.update(&state, message) {
                    if effect == .quit {
                        quitting = true
                    } else if case let .copyCurl(exchange, includeSecrets) = effect {
                        let templates = (try? store.templateContext()) ?? TemplateContext()
                        let copy = CurlCopier.copy(exchange, includeSecrets: includeSecrets, templates: templates,
                                                   masker: state.secretMasker, terminal: terminal)
                        if copy.path != nil { wroteCurlFile = true }
                        inbox.post(.curlCopied(copy))
                    } else if case let .copyToClipboard(text) = effect {
                        terminal.copyToClipboard(text)
                    } else if !calls.perform(effect) {
                        worker.perform(effect)
                    }
                }
                if quitting { break }
            }
            if !quitting { terminal.draw(Console.render(state), theme: theme) }
            // Reading a store frees much more than it keeps (SQLite rows,
            // decoding): hand the freed pages back rather than keep them
            // resident, and with them the code only start-up and the load ran
            // (it stays in the page cache; what the next frames use comes back).
            if messages.contains(where: \.isListLoad) {
                Terminal.releaseFreedMemory()
                Terminal.releaseStartupCode()
            }
        }
        // Let a save that is under way finish before the process ends, and
        // hang up a call still on so its log says how it ended.
        worker.waitUntilIdle()
        // The curl file may hold secrets: it lives only as long as the console.
        if wroteCurlFile { CurlCopier.removeFile() }
        calls.shutdown()
        return 0
    }

    /// The ConsoleFailure for a store error: what the console shows and how it reacts.
    public static func failure(for error: StoreError, actionID: ActionID? = nil) -> StoreFailure {
        switch error {
        case let .conflict(id, _, current):
            return StoreFailure(reason: .conflict(current: current), message: error.message, actionID: id)
        case let .duplicateFunctionName(_, existing):
            return StoreFailure(reason: .duplicateFunctionName, message: error.message, actionID: actionID ?? existing)
        case .readOnly:
            return StoreFailure(reason: .readOnly, message: error.message, actionID: actionID)
        case .notFound:
            return StoreFailure(reason: .notFound, message: error.message, actionID: actionID)
        case .invalid:
            return StoreFailure(reason: .invalid, message: error.message, actionID: actionID)
        default:
            return StoreFailure(reason: .other, message: error.message, actionID: actionID)
        }
    }

    /// Performs one effect against the store, synchronously; the message to
    /// send back (nil for `.quit`).
    public static func perform(_ effect: ConsoleEffect, on store: ActionStore) -> ConsoleMessage? {
        do {
            switch effect {
            case .loadActions:
                // One damaged row must not hide the rest: they are listed, it is named.
                let (summaries, damaged) = try store.readableSummaries()
                return .actionsLoaded(ActionList(summaries, damaged: damaged))
            case let .openEditor(id):
                let found: Action?
                do { found = try store.action(id: id) } catch StoreError.corrupt(let path, let detail) where path.isEmpty {
                    // The row, not the file, is damaged (a summary can list while its schema can't be read).
                    let notice = DamagedRow(id: id.rawValue, problem: detail).notice
                    return .storeFailed(StoreFailure(reason: .other, message: "Can't open: " + notice, actionID: id))
                }
                guard let action = found else {
                    return .storeFailed(StoreFailure(
                        reason: .notFound, message: "Action \(id) is no longer in the store", actionID: id))
                }
                return .actionOpened(action)
            case let .insert(action):
                return .actionSaved(try store.insert(action))
            case let .update(action):
                return .actionSaved(try store.update(action))
            case let .delete(id, expectedVersion):
                try store.delete(id: id, expectedVersion: expectedVersion)
                return .actionDeleted(id)
            case .loadAgents, .insertAgent, .updateAgent, .deleteAgent, .loadCalls, .openCall, .exportCall, .loadDemoWorkspace:
                return performPageEffect(effect, on: store)
            case .loadSecrets, .setSecretValue, .setSecretSource, .revealSecret, .deleteSecret, .createEnvironment,
                 .deleteEnvironment, .useEnvironment, .setVariable, .unsetVariable:
                return performSecretsEffect(effect, on: store)
            case .loadWebhooks, .insertWebhook, .updateWebhook, .deleteWebhook, .loadDeliveries, .openDelivery:
                return performWebhookEffect(effect, on: store)
            case .sendTestDelivery, .resendDelivery:
                // The StoreWorker sends these to the dispatcher (`performDispatcherEffect`).
                return .webhookFailed(WebhookFailure(reason: .other, message: "Webhook deliveries need the console's dispatcher"))
            case let .models(effect):
                return performModelsEffect(effect, on: store)
            case .quit, .startCall, .sayInCall, .cancelCallRequest, .endCall, .sendTestRequest, .copyCurl, .copyToClipboard:
                return nil  // not store work: the call runner and the loop do these
            }
        } catch {
            return .storeFailed(failure(for: error, actionID: effect.actionID))
        }
    }
}

extension ConsoleMessage {
    /// A whole list read from the store: the start-up loads (actions, then
    /// agents, calls and secrets) and a page's reload when it is opened. Not
    /// the delivery log, which reloads while deliveries go out.
    var isListLoad: Bool {
        switch self {
        case .actionsLoaded, .agentsLoaded, .callsLoaded, .secretsLoaded: return true
        default: return false
        }
    }
}

extension ConsoleEffect {
    /// The action an effect is about, for failure messages.
    var actionID: ActionID? {
        switch self {
        case let .insert(action), let .update(action): return action.id
        case let .delete(id, _), let .openEditor(id): return id
        default: return nil
        }
    }
}

/// Runs store effects one at a time, in order, on a background queue, and
/// hands their results to the loop through a locked inbox plus a wake-up.
final class StoreWorker: Sendable {
    private let store: ActionStore
    private let wakeup: Terminal.Wakeup
    private let queue = DispatchQueue(label: "switchboard.store")
    private let inbox = Mutex<[ConsoleMessage]>([])
    private let webhooks: ConsoleWebhooks?

    init(store: ActionStore, wakeup: Terminal.Wakeup, webhooks: ConsoleWebhooks? = nil) {
        self.store = store
        self.wakeup = wakeup
        self.webhooks = webhooks
    }

    func perform(_ effect: ConsoleEffect) {
        // A model check waits on the network, not the store: it must not hold up the queue.
        if case let .models(.test(model)) = effect {
            Task { [self] in post(await ConsoleRuntime.performModelTest(model, on: store)) }
            return
        }
        if effect.usesDispatcher, let webhooks {
            Task { [self] in
                if let result = await ConsoleRuntime.performDispatcherEffect(effect, webhooks: webhooks) { post(result) }
            }
            return
        }
        queue.async { [self] in
            guard let result = ConsoleRuntime.perform(effect, on: store) else { return }
            // The whole list was just read: SQLite's page cache holds pages
            // no one needs again soon (up to 2 MB per connection).
            if effect == .loadActions { store.releaseMemory() }
            // The first enabled webhook made here starts the dispatcher, so calls placed now are told to it.
            if case let .webhookSaved(webhook) = result, webhook.isEnabled, let webhooks {
                Task { _ = await webhooks.dispatcher() }
            }
            post(result)
        }
    }

    /// Hands a message to the loop from any thread, and wakes it.
    func post(_ message: ConsoleMessage) {
        inbox.withLock { $0.append(message) }
        wakeup.signal()
    }

    func takeResults() -> [ConsoleMessage] {
        inbox.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }

    func waitUntilIdle() {
        queue.sync {}
    }
}
