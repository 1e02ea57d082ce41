import ActionStore
@testable import Console
@testable import ConsoleRuntime
import Foundation
import Screen

/// The console driven in-process the way `ConsoleRuntime.run` drives it, with
/// no terminal: each message goes through `Console.update`, each store effect
/// is performed against a real store, one at a time in the order asked (as
/// the store worker does), and its answer is fed back; `pump` takes in what a
/// shared store's live updates brought (status lines from the listening
/// thread, the reloads it asks for), as each turn of the loop does.
final class InProcessConsole {
    private(set) var state: ConsoleState
    let store: ActionStore
    private let inbox = Inbox(wakeup: nil)
    private let live: LiveStoreUpdates
    private var queue: [ConsoleEffect] = []
    private var draining = false
    /// How many list reloads the live updates asked for so far.
    private(set) var liveReloads = 0

    init(store: ActionStore, width: Int = 120, height: Int = 40) {
        self.store = store
        state = ConsoleState(width: width, height: height, storeDescription: store.path, readOnly: store.isReadOnly, notice: nil)
        live = LiveStoreUpdates(store: store, inbox: inbox, wakeup: nil)
        queue = Console.start(&state)
        drain()
    }

    deinit { live.cancel() }

    func send(_ message: ConsoleMessage) {
        queue += Console.update(&state, message)
        drain()
    }

    func press(_ keys: Key...) {
        for key in keys { send(.input(.key(key))) }
    }

    func type(_ text: String) {
        for character in text { send(.input(.key(.character(character)))) }
    }

    /// One turn of the loop's store side: messages posted by the listening
    /// thread, then the reloads its notifications ask for.
    func pump() {
        for message in inbox.take() { send(message) }
        let reloads = live.takeReloads()
        liveReloads += reloads.effects.count
        queue += reloads.effects
        drain()
    }

    /// Pumps until `condition` holds, at most `timeout` seconds; false when it never did.
    func pump(until timeout: TimeInterval, _ condition: (InProcessConsole) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            pump()
            if condition(self) { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    var screen: String { Console.render(state).text }
    var statusText: String { state.status?.text ?? "" }

    /// Effects asked while one is performed wait their turn, as on the store worker's queue.
    private func drain() {
        guard !draining else { return }
        draining = true
        defer { draining = false }
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if let answer = ConsoleRuntime.perform(effect, on: store) {
                queue += Console.update(&state, answer)
            }
        }
    }
}
