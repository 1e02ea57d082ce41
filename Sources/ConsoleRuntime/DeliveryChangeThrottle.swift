import Dispatch
import Synchronization

/// Turns a stream of delivery changes into at most one notice per
/// `interval`: the first change of a quiet spell is passed on at once, and
/// every change during the interval after it folds into one more notice at
/// its end. A burst of 1,000 deliveries costs the console two log reloads,
/// not a thousand, and the last change is never left unreported.
final class DeliveryChangeThrottle: Sendable {
    private let interval: Duration
    private let notify: @Sendable () -> Void
    private let state = Mutex(State())

    private struct State {
        var lastNotice: ContinuousClock.Instant?
        var scheduled = false
    }

    init(interval: Duration, notify: @escaping @Sendable () -> Void) {
        self.interval = interval
        self.notify = notify
    }

    /// Safe from any thread; never blocks for long.
    func changed() {
        let clock = ContinuousClock()
        let now = clock.now
        let delay: Duration? = state.withLock { state in
            if state.scheduled { return nil }
            if let last = state.lastNotice, now - last < interval {
                state.scheduled = true
                return interval - (now - last)
            }
            state.lastNotice = now
            return .zero
        }
        guard let delay else { return }
        if delay == .zero {
            notify()
            return
        }
        let nanoseconds = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
            state.withLock { state in
                state.scheduled = false
                state.lastNotice = clock.now
            }
            notify()
        }
    }
}
