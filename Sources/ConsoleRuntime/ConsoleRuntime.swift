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

    /// At most this many `.deliveries(.changed)` a second reach the console (log reloads under a burst).
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
        let throttle = DeliveryChangeThrottle(interval: deliveryChangeInterval) { worker.post(.deliveries(.changed)) }
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
                    switch effect {
                    case .quit:
                        quitting = true
                    case let .copyCurl(exchange, includeSecrets):
                        let templates = (try? store.templateContext()) ?? TemplateContext()
                        let copy = CurlCopier.copy(exchange, includeSecrets: includeSecrets, templates: templates,
                                                   masker: state.secretMasker, terminal: terminal)
                        if copy.path != nil { wroteCurlFile = true }
                        inbox.post(.curlCopied(copy))
                    case let .copyToClipboard(text):
                        terminal.copyToClipboard(text)
                    case let .call(effect):
                        calls.perform(effect)
                    case .actions, .agents, .calls, .secrets, .webhooks, .deliveries, .dispatcher, .store, .models:
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

    /// Performs one effect against the store, synchronously, through its
    /// domain's handler; the message to send back (nil for the effects the
    /// loop and the call runner do).
    public static func perform(_ effect: ConsoleEffect, on store: ActionStore) -> ConsoleMessage? {
        switch effect {
        case let .actions(effect): return .actions(performActionsEffect(effect, on: store))
        case let .agents(effect): return .agents(performAgentsEffect(effect, on: store))
        case let .calls(effect): return .calls(performCallsEffect(effect, on: store))
        case let .secrets(effect): return .secrets(performSecretsEffect(effect, on: store))
        case let .webhooks(effect): return .webhooks(performWebhooksEffect(effect, on: store))
        case let .deliveries(effect): return performDeliveriesEffect(effect, on: store)
        case let .store(effect): return .store(performStoreEffect(effect, on: store))
        case let .models(effect): return performModelsEffect(effect, on: store)
        case .dispatcher:
            // The StoreWorker sends these to the dispatcher (`performDispatcherEffect`).
            return .webhooks(.failed(WebhookFailure(reason: .other, message: "Webhook deliveries need the console's dispatcher")))
        case .quit, .copyCurl, .copyToClipboard, .call:
            return nil  // not store work: the call runner and the loop do these
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
        // Deliveries going out may wait on the network: never on the store's queue.
        if case let .dispatcher(dispatched) = effect, let webhooks {
            Task { [self] in
                post(await ConsoleRuntime.performDispatcherEffect(dispatched, webhooks: webhooks))
            }
            return
        }
        queue.async { [self] in
            guard let result = ConsoleRuntime.perform(effect, on: store) else { return }
            // The whole list was just read: SQLite's page cache holds pages
            // no one needs again soon (up to 2 MB per connection).
            if effect == .actions(.load) { store.releaseMemory() }
            // The first enabled webhook made here starts the dispatcher, so calls placed now are told to it.
            if case let .webhooks(.saved(webhook)) = result, webhook.isEnabled, let webhooks {
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
