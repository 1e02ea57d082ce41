import Foundation
import Screen
import XCTest

@testable import Console

/// The sizes every page's screens are compared at.
let snapshotSizes = [(80, 24), (120, 40)]

/// The page-level harness: the console `make` builds at each of
/// `snapshotSizes`, drawn whole (`Console.render`), against the golden
/// `NAME-WxH.txt`.
func assertScreens(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
    for (w, h) in snapshotSizes {
        let buffer = Console.render(make(w, h))
        XCTAssertEqual(buffer.width, w, name, file: file, line: line)
        XCTAssertEqual(buffer.height, h, name, file: file, line: line)
        assertSnapshot(buffer, named: "\(name)-\(w)x\(h)", file: file, line: line)
    }
}

/// Golden text snapshots in `__Snapshots__/NAME.txt` beside this folder.
/// `SNAPSHOT_RECORD=1 swift test` rewrites them; a missing one is written and
/// the test fails so that it is looked at before it is committed.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let url = folder.appendingPathComponent(name + ".txt")
    let actual = framed(buffer)
    let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        if !record { XCTFail("Recorded a new snapshot \(name).txt: look at it, then run again", file: file, line: line) }
        return
    }
    guard expected != actual else { return }
    XCTFail("Snapshot \(name) differs:\n" + lineDiff(expected: expected, actual: actual), file: file, line: line)
}

/// The buffer's text under a line giving its size.
private func framed(_ buffer: ScreenBuffer) -> String {
    "# \(buffer.width)x\(buffer.height)\n" + buffer.text + "\n"
}

func lineDiff(expected: String, actual: String) -> String {
    let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
    var out: [String] = []
    for i in 0..<max(a.count, b.count) {
        let x = i < a.count ? a[i] : nil, y = i < b.count ? b[i] : nil
        if x != y {
            out.append(String(format: "%3d - ", i) + (x ?? "<none>"))
            out.append(String(format: "%3d + ", i) + (y ?? "<none>"))
        }
    }
    return out.joined(separator: "\n")
}

/// The buffer's styles as a picture, one character per cell, so a golden can
/// assert what text snapshots can't see (which row is selected, which frame
/// has the focus, what is an error): `s` selection, `f` focus border, `b`
/// border, `e` error, `g` success, `a` accent, `m` the sidebar's open page,
/// `k` key hints, `.` anything else; upper case when bold, `_` under an
/// underlined cell's mark is not drawn (underline is asserted by unit tests).
func styleMap(_ buffer: ScreenBuffer) -> ScreenBuffer {
    let marks: [StyleRole: Character] = [.selection: "s", .focusBorder: "f", .border: "b", .error: "e", .success: "g",
                                         .accent: "a", .sidebarActive: "m", .keyHint: "k"]
    var map = ScreenBuffer(width: buffer.width, height: buffer.height)
    for y in 0..<buffer.height {
        for x in 0..<buffer.width {
            let style = buffer[x, y].style
            var mark = marks[style.role] ?? "."
            if style.bold, let upper = mark.uppercased().first { mark = upper }
            map.put(String(mark), x: x, y: y)
        }
    }
    return map
}
