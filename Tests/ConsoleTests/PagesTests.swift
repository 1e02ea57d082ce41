import ActionModel
import Screen
import XCTest
@testable import Console

/// Every registered page through the page-level harness: it opens with its
/// function key, draws itself in the page area with its title, lists itself in
/// the sidebar, and has help and hints read from its rows.
final class PagesTests: XCTestCase {
    func testEveryRegisteredPageOpensRendersAndHasHelp() {
        XCTAssertEqual(Section.allCases.map(\.title), ["Actions", "Agents", "Calls", "Webhooks", "Secrets", "Models"])
        XCTAssertEqual(Set(Section.allCases.map(\.functionKey)).count, Pages.all.count, "one function key each")
        for page in Pages.all {
            var state = WebhookFixtures.state()
            state.press(.function(page.section.functionKey))
            XCTAssertEqual(state.section, page.section)
            XCTAssertTrue(Pages.current(state) == page)
            // The page alone, in its area.
            let layout = Layout(width: state.width, height: state.height)
            var buffer = ScreenBuffer(width: state.width, height: state.height)
            page.render(state, layout, &buffer)
            let area = (layout.page.y..<layout.page.maxY).map { y in
                String((layout.page.x..<layout.page.maxX).map { buffer[$0, y].character })
            }
            XCTAssertTrue(area[0].contains(page.section.title), "\(page.section.title): \(area[0])")
            XCTAssertTrue(state.screen.contains("▸ " + page.section.title), "the sidebar marks the open page")
            XCTAssertFalse(page.helpSections(state).isEmpty)
            XCTAssertEqual(Keymap.hints(for: state).last, KeyHint("?", "help"))
        }
    }
}
