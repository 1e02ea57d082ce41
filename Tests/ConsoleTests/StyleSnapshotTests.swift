import ActionModel
import Screen
import XCTest
@testable import Console

/// Goldens of styles, not text (`styleMap`): the selected row, the focused
/// frame, an error in the status line.
final class StyleSnapshotTests: XCTestCase {
    func testTheSelectedRowAndTheFocusedPage() {
        let state = Fixtures.state()
        assertSnapshot(styleMap(Console.render(state)), named: "Styles-list-selection-80x24")
    }

    func testTheFocusBorderFollowsTheSidebar() {
        var state = Fixtures.state()
        state.press(.tab)
        let map = styleMap(Console.render(state))
        assertSnapshot(map, named: "Styles-sidebar-focused-80x24")
        // The sidebar's frame has the focus colour, the page's not.
        XCTAssertEqual(map[0, 2].character, "f")
        XCTAssertEqual(map[17, 2].character, "b")
    }

    func testAnErrorInTheStatusLine() {
        var state = Fixtures.state()
        state.send(.actions(.failed(StoreFailure(reason: .other, message: "The store could not be written: disk full"))))
        let map = styleMap(Console.render(state))
        assertSnapshot(map, named: "Styles-status-error-80x24")
        XCTAssertTrue(map.text.split(separator: "\n")[22].contains("EEEE"), map.text)
    }
}
