/// When the console loop must wake up on its own: the next `.tick` (status
/// messages and revealed secrets count down in them) and the next `.clock`
/// (spinners and elapsed time while a request is in flight). Each exists only
/// while the console wants it, so an idle console has no deadline and sleeps
/// in `poll` until input arrives: no wake-ups, no renders, no CPU.
struct LoopTimers: Equatable {
    var nextTick: ContinuousClock.Instant?
    var nextClock: ContinuousClock.Instant?

    /// The timers for the coming wait. A timer that starts being wanted is
    /// due one interval from `now` (a running one keeps its due time); one
    /// that is no longer wanted is dropped.
    static func schedule(now: ContinuousClock.Instant, nextTick: ContinuousClock.Instant?, nextClock: ContinuousClock.Instant?,
                         wantsTicks: Bool, wantsClock: Bool) -> LoopTimers {
        LoopTimers(
            nextTick: wantsTicks ? (nextTick ?? now + ConsoleRuntime.tickInterval) : nil,
            nextClock: wantsClock ? (nextClock ?? now + ConsoleRuntime.clockInterval) : nil
        )
    }

    /// How long `readEvent` may wait: until the earlier timer, 0 if one is
    /// already due, -1 (for ever) without timers.
    func timeoutMs(from now: ContinuousClock.Instant) -> Int {
        let deadlines = [nextTick, nextClock].compactMap { $0 }
        guard let deadline = deadlines.min() else { return -1 }
        let wait = now.duration(to: deadline)
        let ms = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        // Round up: waking a fraction of a millisecond early would spin once more for nothing.
        let remainder = wait.components.attoseconds % 1_000_000_000_000_000
        return max(0, Int(ms) + (remainder > 0 ? 1 : 0))
    }
}
