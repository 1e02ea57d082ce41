import ActionModel
import Screen
import XCTest
@testable import Console

/// The Calls list on the table widget: what gives way when narrow.
final class TableColumnsTests: XCTestCase {
    func widths(_ columns: Int) -> [Int] {
        let inner = Layout(width: columns, height: 24).page.inset(by: 1)
        let rules = CallsPageRenderer.columns(PageFixtures.calls, wide: inner.width >= 90) { id in
            Fixtures.all.first { $0.id == id }?.name
        }
        return TableColumns.widths(rules, total: inner.width - 2, gap: inner.width >= 90 ? 2 : 1)
    }

    func testAt80ColumnsTheOutcomeStaysWithoutSqueezingTheNames() {
        let narrow = widths(80)
        XCTAssertGreaterThan(narrow[5], 0, "the Outcome column is shown")
        // Agent and "Started from" get their whole names ("Facturation 予約" is 16 cells),
        // not the 7 cells each they had before the table rules.
        XCTAssertGreaterThanOrEqual(narrow[1], 16)
        XCTAssertGreaterThanOrEqual(narrow[2], 15)
        XCTAssertEqual(narrow[7], 0, "the ID goes first (the details strip has it)")
        var state = PageFixtures.state()
        state.press(.function(4))
        state.send(.calls(.loaded(PageFixtures.calls)))
        let screen = state.screen
        XCTAssertTrue(screen.contains("Outcome") && screen.contains("Facturation 予約") && screen.contains("Create CRM lead"), screen)
        XCTAssertTrue(screen.contains("ended completed"), "the end reason is in the details strip when its column gave way")
    }

    func testWideTheCountsAndTheIDComeBack() {
        let wide = widths(160)
        XCTAssertTrue(wide.allSatisfy { $0 > 0 }, "\(wide)")
        XCTAssertEqual(wide[0], 19, "the date with its year")
    }
}
