import Console
import Screen
import XCTest
@testable import ConsoleRuntime

/// An idle console does no work: the loop has no deadline unless something on
/// screen moves (a status message fading, a revealed secret, a request in flight).
final class LoopTimersTests: XCTestCase {
    let now = ContinuousClock().now

    func testIdleHasNoDeadline() {
        let timers = LoopTimers.schedule(now: now, nextTick: nil, nextClock: nil, wantsTicks: false, wantsClock: false)
        XCTAssertEqual(timers, LoopTimers(nextTick: nil, nextClock: nil))
        XCTAssertEqual(timers.timeoutMs(from: now), -1)
    }

    func testTicksStartOneIntervalAwayAndKeepTheirDueTime() {
        let first = LoopTimers.schedule(now: now, nextTick: nil, nextClock: nil, wantsTicks: true, wantsClock: false)
        XCTAssertEqual(first.nextTick, now + ConsoleRuntime.tickInterval)
        XCTAssertEqual(first.timeoutMs(from: now), 250)
        // 100 ms later (a key came), the same tick is still due: typing doesn't postpone it.
        let later = now + .milliseconds(100)
        let again = LoopTimers.schedule(now: later, nextTick: first.nextTick, nextClock: nil, wantsTicks: true, wantsClock: false)
        XCTAssertEqual(again.nextTick, first.nextTick)
        XCTAssertEqual(again.timeoutMs(from: later), 150)
    }

    func testTimersStopWhenNothingMovesAnyMore() {
        let timers = LoopTimers.schedule(now: now, nextTick: now + .milliseconds(10), nextClock: now + .milliseconds(5),
                                         wantsTicks: false, wantsClock: false)
        XCTAssertEqual(timers.timeoutMs(from: now), -1)
    }

    func testTheClockWinsWhileARequestIsInFlight() {
        let timers = LoopTimers.schedule(now: now, nextTick: nil, nextClock: nil, wantsTicks: true, wantsClock: true)
        XCTAssertEqual(timers.nextClock, now + ConsoleRuntime.clockInterval)
        XCTAssertEqual(timers.timeoutMs(from: now), 33)
        XCTAssertEqual(timers.timeoutMs(from: now + .milliseconds(40)), 0)  // overdue: no wait
    }

    func testAPartialMillisecondRoundsUpSoTheLoopDoesNotSpin() {
        let timers = LoopTimers(nextTick: now + .microseconds(1500), nextClock: nil)
        XCTAssertEqual(timers.timeoutMs(from: now), 2)
    }

    /// The console wants ticks only while a status message counts down.
    func testConsoleWantsTicksOnlyWhileAStatusMessageIsShown() {
        var state = ConsoleState(width: 120, height: 40, storeDescription: "s.sqlite", readOnly: false, notice: "Theme 'x' not found")
        _ = Console.update(&state, .actions(.loaded([])))
        XCTAssertTrue(state.wantsTicks)
        var ticks = 0
        while state.wantsTicks, ticks < 1000 {
            _ = Console.update(&state, .tick)
            ticks += 1
        }
        XCTAssertFalse(state.wantsTicks)
        XCTAssertEqual(ticks, 40, "the notice lasts its 40 ticks, then the console is idle")
        var quiet = ConsoleState(width: 120, height: 40, storeDescription: "s.sqlite", readOnly: false, notice: nil)
        _ = Console.update(&quiet, .actions(.loaded([])))
        XCTAssertFalse(quiet.wantsTicks)
    }
}
