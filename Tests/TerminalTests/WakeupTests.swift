import Foundation
import XCTest
@testable import Terminal

final class WakeupTests: XCTestCase {
    func readable(_ wakeup: Terminal.Wakeup, timeoutMs: Int32) -> Bool {
        var fds = [pollfd(fd: wakeup.readFD, events: Int16(POLLIN), revents: 0)]
        return poll(&fds, 1, timeoutMs) == 1
    }

    func testSignalMakesThePipeReadableUntilDrained() throws {
        let wakeup = try Terminal.Wakeup()
        XCTAssertFalse(readable(wakeup, timeoutMs: 0))
        wakeup.signal()
        XCTAssertTrue(readable(wakeup, timeoutMs: 0))
        wakeup.drain()
        XCTAssertFalse(readable(wakeup, timeoutMs: 0))
    }

    func testSignallingNeverBlocksEvenWhenThePipeIsFull() throws {
        let wakeup = try Terminal.Wakeup()
        for _ in 0..<200_000 { wakeup.signal() }  // far more than a pipe holds
        XCTAssertTrue(readable(wakeup, timeoutMs: 0))
        wakeup.drain()
        XCTAssertFalse(readable(wakeup, timeoutMs: 0))
    }

    func testAnotherThreadWakesAPoll() throws {
        let wakeup = try Terminal.Wakeup()
        let start = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { wakeup.signal() }
        XCTAssertTrue(readable(wakeup, timeoutMs: 5000))
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }
}
