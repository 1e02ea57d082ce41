import ActionModel
import Screen
import XCTest
@testable import Console

/// The filters of the Agents, Calls and Webhooks lists rank and highlight
/// their matches as the Actions list does.
final class PageFilterTests: XCTestCase {
    let reservations = Agent(id: PageFixtures.agentID("aaaaaaaaaaaaaaaa"), name: "Reservations", greeting: "Front of house, hello",
                             createdAt: Fixtures.date(1))
    let frontDesk = Agent(id: PageFixtures.agentID("bbbbbbbbbbbbbbbb"), name: "Front desk", greeting: "Hi", createdAt: Fixtures.date(2))

    func testAnAgentWhoseNameMatchesComesBeforeOneWhoseGreetingDoes() {
        var state = PageFixtures.state(agents: [reservations, frontDesk])
        state.press(.function(3), .character("/"))
        state.type("front")
        XCTAssertEqual(state.agents.visible.map { state.agents.entries[$0].name }, ["Front desk", "Reservations"],
                       "the name match first, though the store lists it second")
        state.press(.escape)
        XCTAssertEqual(state.agents.visible.map { state.agents.entries[$0].name }, ["Reservations", "Front desk"], "store order again")
    }

    func testTheMatchedLettersOfTheNameAreUnderlined() {
        var state = PageFixtures.state(agents: [reservations, frontDesk])
        state.press(.function(3), .character("/"))
        state.type("desk")
        let screen = Console.render(state)
        let row = (0..<screen.height).first { y in screen.rowText(y).contains("Front desk") }!
        let x = screen.rowText(row).distance(of: "desk")!
        let underlined = (0..<screen.width).filter { screen[$0, row].style.underline }
        XCTAssertEqual(underlined, Array(x..<(x + 4)), "exactly d, e, s, k of the name")

        // Webhooks and Calls the same way.
        var webhooks = WebhookFixtures.state()
        webhooks.press(.character("/"))
        webhooks.type("sync")
        let drawn = Console.render(webhooks)
        XCTAssertTrue((0..<drawn.height).contains { y in (0..<drawn.width).contains { drawn[$0, y].style.underline } })
        var calls = PageFixtures.state()
        calls.press(.function(4), .character("/"))
        calls.type("front")
        let listed = Console.render(calls)
        XCTAssertTrue((0..<listed.height).contains { y in (0..<listed.width).contains { listed[$0, y].style.underline } })
    }
}

private extension ScreenBuffer {
    func rowText(_ y: Int) -> String { String((0..<width).map { self[$0, y].isContinuation ? "\u{0}" : self[$0, y].character }) }
}

private extension String {
    /// The cell column where `needle` starts (one cell per character here).
    func distance(of needle: String) -> Int? {
        guard let range = range(of: needle) else { return nil }
        return self.distance(from: startIndex, to: range.lowerBound)
    }
}
