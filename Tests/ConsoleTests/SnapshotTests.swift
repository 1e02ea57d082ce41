import ActionModel
import Screen
import XCTest
@testable import Console

/// Every screen and dialog of the shell, as text, at 80×24 and 120×40.
final class SnapshotTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
        assertScreens(name, file: file, line: line, make)
    }

    func testCustomExternalActionsTab() {
        check("list-custom") { w, h in Fixtures.state(width: w, height: h) }
    }

    func testCallActionsTab() {
        check("list-call") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("]"))
            return s
        }
    }

    func testDetailsStripOfACallAction() {
        check("details-warm-transfer") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("2"), .end)
            return s
        }
    }

    func testDetailsStripNeedsURL() {
        check("details-needs-url") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.end, .up)
            XCTAssertEqual(s.actions.selectedAction?.id, Fixtures.yoyaku.id)
            return s
        }
    }

    func testSidebarFocused() {
        check("sidebar-focused") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.tab)
            return s
        }
    }

    func testEmptyTab() {
        check("empty-custom") { w, h in Fixtures.state([], width: w, height: h) }
        check("empty-call") { w, h in
            var s = Fixtures.state(Fixtures.customOnly, width: w, height: h)
            s.press(.character("2"))
            return s
        }
    }

    func testLoading() {
        check("loading") { w, h in Fixtures.state(nil, width: w, height: h) }
    }

    func testFilterTyping() {
        check("filter-typing") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("/"))
            s.type("crea")
            return s
        }
    }

    func testFilterKept() {
        check("filter-kept") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("/"))
            s.type("reserver")
            s.press(.enter)
            return s
        }
    }

    func testFilterNoMatch() {
        check("filter-no-match") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("/"))
            s.type("zzzq")
            return s
        }
    }

    func testSortedByTriggerDescending() {
        check("sorted-trigger-desc") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("s"), .character("S"))
            return s
        }
    }

    func testCreateDialog() {
        check("create-dialog") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("n"), .down, .down)
            return s
        }
    }

    func testMinimumSize() {
        var s = Fixtures.state(width: 60, height: 16)
        assertSnapshot(Console.render(s), named: "list-custom-60x16")
        s.press(.character("/"))
        s.type("créneau")
        assertSnapshot(Console.render(s), named: "filter-typing-60x16")
    }

    func testCreateDialogCompact() {
        var s = Fixtures.state(width: 60, height: 16)
        s.press(.character("n"))
        assertSnapshot(Console.render(s), named: "create-dialog-60x16")
    }

    func testDeleteConfirm() {
        check("delete-confirm") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("d"))
            return s
        }
    }

    func testHelp() {
        check("help") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("?"))
            return s
        }
        check("help-scrolled") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character("?"), .end)
            return s
        }
    }

    func testPalette() {
        check("palette") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.character(":"))
            return s
        }
        check("palette-filtered") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.press(.ctrl("p"))
            s.type("sort")
            s.press(.down)
            return s
        }
    }

    func testQuitConfirm() {
        check("quit-confirm") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.pressAndOpen(.enter)
            s.send(.input(.paste(" (copy)")))
            s.press(.ctrl("c"))
            return s
        }
    }

    func testTooSmall() {
        for (w, h) in [(59, 24), (80, 15), (20, 5), (1, 1), (0, 0)] {
            let s = Fixtures.state(width: w, height: h)
            assertSnapshot(Console.render(s), named: "too-small-\(w)x\(h)")
        }
    }

    func testReadOnly() {
        check("read-only") { w, h in
            var s = Fixtures.state(width: w, height: h, readOnly: true)
            s.press(.character("n"))
            return s
        }
        check("read-only-empty") { w, h in Fixtures.state([], width: w, height: h, readOnly: true) }
    }

    func testStatusMessages() {
        check("status-saved") { w, h in
            var s = Fixtures.state(width: w, height: h)
            var changed = Fixtures.crmLead
            changed.description = "Creates or updates a lead in the CRM"
            changed.version = 2
            s.send(.actions(.saved(changed)))
            return s
        }
        check("status-error") { w, h in
            var s = Fixtures.state(width: w, height: h)
            s.send(.actions(.failed(StoreFailure(reason: .conflict(current: nil), message: "Someone else deleted 'Create CRM lead' meanwhile", actionID: Fixtures.crmLead.id))))
            return s
        }
    }

    func testManyActionsScrolled() {
        check("many-scrolled") { w, h in
            var s = Fixtures.state(Fixtures.generated(500), width: w, height: h)
            s.press(.pageDown, .pageDown, .down)
            return s
        }
    }
}
