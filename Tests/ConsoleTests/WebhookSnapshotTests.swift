import ActionModel
import Screen
import XCTest
@testable import Console

/// The Webhooks page, its form, a delivery log, a delivery's attempts and the
/// call view's deliveries, as text at 80×24 and 120×40.
final class WebhookSnapshotTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
        assertScreens("Webhooks-\(name)", file: file, line: line, make)
    }

    func testList() {
        check("list") { w, h in WebhookFixtures.state(width: w, height: h) }
        check("list-pager-selected") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.down)
            return s
        }
    }

    func testEmptyAndLoading() {
        check("empty") { w, h in WebhookFixtures.state(width: w, height: h, entries: []) }
        check("loading") { w, h in
            var s = PageFixtures.state(width: w, height: h)
            s.press(.function(6))
            return s
        }
    }

    func testFormNew() {
        check("form-new") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.character("n"))
            s.type("Billing export")
            s.press(.down)
            s.type("https://billing.example.com/hooks")
            return s
        }
    }

    func testFormWithErrors() {
        check("form-errors") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.character("n"))
            s.type("crm SYNC")
            s.press(.down)
            s.type("ftp://files.example.com")
            s.press(.down, .down, .character(" "), .tab)
            s.type("sk_live_123-abc")
            s.press(.ctrl("s"))
            return s
        }
    }

    func testFormUndefinedSecret() {
        check("form-undefined-secret") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.down, .enter, .tab, .tab, .tab)
            return s
        }
    }

    func testDeleteConfirm() {
        check("delete") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.character("d"))
            return s
        }
    }

    func testDeliveryLog() {
        check("log") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.character("l"))
            s.send(.deliveries(.loaded(.webhook(WebhookFixtures.crmSync.id), WebhookFixtures.log)))
            s.press(.down)
            return s
        }
        check("log-empty") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.down, .character("l"))
            s.send(.deliveries(.loaded(.webhook(WebhookFixtures.pager.id), [])))
            return s
        }
    }

    func testDeliveryAttempts() {
        check("attempts") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.character("l"))
            s.send(.deliveries(.loaded(.webhook(WebhookFixtures.crmSync.id), WebhookFixtures.log)))
            s.press(.down, .enter)
            s.send(.deliveries(.opened(WebhookFixtures.log[1], WebhookFixtures.attempts)))
            return s
        }
    }

    func testCallViewWithDeliveries() {
        check("call-view") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.function(4), .enter)
            let call = PageFixtures.ticketCall
            s.send(.calls(.opened(call, PageFixtures.events(for: call))))
            s.send(.deliveries(.loaded(.call(call.id), WebhookFixtures.ticketCallDeliveries)))
            s.press(.character("]"))
            return s
        }
    }

    func testHelp() {
        check("help") { w, h in
            var s = WebhookFixtures.state(width: w, height: h)
            s.press(.character("?"))
            return s
        }
    }
}
