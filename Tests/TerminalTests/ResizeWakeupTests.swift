import CNCurses
import XCTest
@testable import Terminal

#if canImport(Glibc)
import Glibc
#endif

/// An idle console sleeps in poll() with no timer: a window resize must wake
/// it through the wake-up pipe, whenever SIGWINCH arrives.
final class ResizeWakeupTests: XCTestCase {
    func readable(_ fd: Int32) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pfd, 1, 0) == 1
    }

    func testSIGWINCHWritesToTheWakeupPipeUntilRemoved() throws {
        let wakeup = try Terminal.Wakeup()
        sb_install_resize_wakeup(wakeup.writeFD)
        XCTAssertFalse(readable(wakeup.readFD))
        raise(SIGWINCH)
        XCTAssertTrue(readable(wakeup.readFD), "a resize wakes the loop")
        wakeup.drain()
        XCTAssertFalse(readable(wakeup.readFD))

        sb_remove_resize_wakeup()
        raise(SIGWINCH)  // back to the previous handler (the default: ignored)
        XCTAssertFalse(readable(wakeup.readFD), "after restore() nothing writes to the pipe")
    }
}
