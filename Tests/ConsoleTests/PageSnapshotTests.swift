import ActionModel
import Screen
import XCTest
@testable import Console

/// The Agents and Calls pages, the agent form, the call view and the
/// first-start offer, as text at 80×24 and 120×40.
final class PageSnapshotTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
        assertScreens("Pages-\(name)", file: file, line: line, make)
    }

    // MARK: Agents

    func testAgentsList() {
        check("agents-list") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .down)
            return s
        }
    }

    /// The Engine column says `rules` or the model's name, and gives way
    /// (after the ID) when the window is narrow.
    func testAgentsListShowsEachAgentsEngine() {
        let modelDesk = Agent(name: "Model desk", model: "gpt-4o-mini")
        var wide = PageFixtures.state(width: 120, height: 40, agents: PageFixtures.agents + [modelDesk])
        wide.press(.function(3))
        let lines = wide.screen.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("Engine") && $0.contains("Actions it may use") }, wide.screen)
        XCTAssertTrue(lines.contains { $0.contains("Model desk") && $0.contains("gpt-4o-mini") }, wide.screen)
        XCTAssertTrue(lines.contains { $0.contains("Front desk") && $0.contains("rules") }, wide.screen)
    }

    func testAgentsEmptyAndLoading() {
        check("agents-empty") { w, h in
            var s = PageFixtures.state(width: w, height: h, agents: [])
            s.press(.function(3))
            return s
        }
        check("agents-loading") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.function(3))
            return s
        }
    }

    func testAgentFormNew() {
        check("agent-form-new") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .character("n"))
            s.type("Support line")
            return s
        }
    }

    func testAgentFormWithErrors() {
        check("agent-form-errors") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .character("n"))
            s.type("front desk")
            s.press(.tab, .ctrl("u"), .tab, .tab, .character(" "), .ctrl("s"))
            return s
        }
    }

    func testAgentFormEditingWithChecklist() {
        check("agent-form-edit") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .down, .enter, .tab, .tab, .tab, .tab, .down, .character(" "))
            return s
        }
    }

    func testAgentFormConflict() {
        check("agent-form-conflict") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .down, .enter)
            s.type(" 2")
            s.press(.ctrl("s"))
            var theirs = PageFixtures.frontDesk
            theirs.version = 3
            s.send(.agents(.failed(AgentFailure(reason: .conflict(current: theirs), message: "changed", agentID: theirs.id))))
            return s
        }
    }

    func testAgentDeleteConfirm() {
        check("agent-delete") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .down, .character("d"))
            return s
        }
    }

    // MARK: Calls

    func testCallsList() {
        check("calls-list") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .down)
            return s
        }
    }

    func testCallsEmpty() {
        check("calls-empty") { w, h in
            var s = PageFixtures.state(width: w, height: h, calls: [])
            s.press(.function(4))
            return s
        }
    }

    func testCallsFiltered() {
        check("calls-filtered") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .character("/"))
            s.type("error")
            return s
        }
    }

    func testCallView() {
        check("call-view") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .enter)
            let call = PageFixtures.ticketCall
            s.send(.calls(.opened(call, PageFixtures.events(for: call))))
            return s
        }
        check("call-view-scrolled") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .enter)
            let call = PageFixtures.ticketCall
            s.send(.calls(.opened(call, PageFixtures.events(for: call))))
            s.press(.end)
            return s
        }
    }

    func testExportPrompt() {
        check("call-export") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .character("x"), .ctrl("u"), .enter)
            return s
        }
    }

    // MARK: Sidebar and first start

    func testSidebarChoosingASection() {
        check("sidebar-choosing") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.tab, .down, .down)
            return s
        }
    }

    func testFirstStartOffer() {
        check("demo-offer") { w, h in
            var s = ConsoleState(width: w, height: h, storeDescription: "~/.local/share/switchboard/switchboard.sqlite",
                                 readOnly: false, notice: nil,
                                 demoOffer: DemoWorkspaceOffer(actionCount: 8, agentName: "Demo front desk"))
            s.send(.actions(.loaded([])))
            return s
        }
    }

    func testHelpOnThePages() {
        check("agents-help") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(3), .character("?"))
            return s
        }
        check("calls-help") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .character("?"))
            return s
        }
    }

    func testPaletteOnTheCallsPage() {
        check("calls-palette") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(4), .character(":"))
            return s
        }
    }
}
