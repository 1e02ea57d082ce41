import Console
import Synchronization
import Terminal

/// Messages finished on other threads, waiting for the loop: a locked list
/// plus the terminal's wake-up, so the loop draws them at once instead of at
/// the next key or tick. Never blocks the sender.
final class Inbox: Sendable {
    private let messages = Mutex<[ConsoleMessage]>([])
    private let wakeup: Terminal.Wakeup?

    init(wakeup: Terminal.Wakeup?) { self.wakeup = wakeup }

    func post(_ message: ConsoleMessage) {
        messages.withLock { $0.append(message) }
        wakeup?.signal()
    }

    func take() -> [ConsoleMessage] {
        messages.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
