import XCTest
@testable import Terminal

/// Unmapping start-up code: only private, read-and-execute file mappings, and
/// the process goes on running the code it needs afterwards.
final class ReleaseStartupCodeTests: XCTestCase {
    func testOnlyPrivateExecutableFileMappingsQualify() {
        let core = CodeMapping(line: "7f2c1a000000-7f2c1a5d2000 r-xp 00028000 fd:01 1311 /opt/swift/usr/lib/swift/linux/libswiftCore.so\n")
        XCTAssertEqual(core?.start, 0x7f2c1a000000)
        XCTAssertEqual(core?.end, 0x7f2c1a5d2000)
        let replaced = CodeMapping(line: "55d0c0000000-55d0c0a00000 r-xp 00000000 fd:01 99 /usr/local/bin/switchboard tool (deleted)")
        XCTAssertEqual(replaced?.start, 0x55d0c0000000)
        XCTAssertEqual(replaced?.end, 0x55d0c0a00000)
        // Writable, shared, read-only (may hold relocated pointers), anonymous, kernel: left alone.
        for line in [
            "7f2c1a600000-7f2c1a700000 rw-p 00000000 fd:01 1311 /opt/swift/usr/lib/swift/linux/libswiftCore.so",
            "7f2c1a600000-7f2c1a700000 r-xs 00000000 fd:01 1311 /tmp/shared.so",
            "7f2c1a700000-7f2c1a710000 r--p 005d2000 fd:01 1311 /opt/swift/usr/lib/swift/linux/libswiftCore.so",
            "7f2c1b000000-7f2c1b100000 r-xp 00000000 00:00 0 ",
            "7f2c1b000000-7f2c1b100000 r-xp 00000000 00:00 0",
            "7ffd5a3f0000-7ffd5a3f2000 r-xp 00000000 00:00 0                          [vdso]",
            "not a maps line",
        ] {
            XCTAssertNil(CodeMapping(line: line), line)
        }
    }

    func testTheProcessKeepsRunningItsCodeAfterwards() throws {
        #if os(Linux)
        let released = Terminal.releaseStartupCode()
        XCTAssertGreaterThan(released, 1 << 20, "the test binary and the Swift runtime are megabytes of code")
        // Code from the binary, the runtime and Foundation-free stdlib paths runs again (refaulted from the page cache).
        // (Two characters: one character repeated is a held key, not a paste.)
        let events = InputDecoder.coalescingBursts(String(repeating: "xy", count: 50).map { .key(.character($0)) })
        XCTAssertEqual(events, [.paste(String(repeating: "xy", count: 50))])
        XCTAssertEqual([3, 1, 2].sorted(), [1, 2, 3])
        #else
        throw XCTSkip("code pages are released on Linux only")
        #endif
    }
}
