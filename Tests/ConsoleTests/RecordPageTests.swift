import ActionModel
import Screen
import XCTest
@testable import Console

/// The record page flow (delete question, form outcomes, store answers) is
/// one piece of code for agents and webhooks: the same script runs on both.
final class RecordPageTests: XCTestCase {
    static func script<Page: RecordPage>(_ page: Page.Type, _ start: ConsoleState, _ record: Page.Form.Record, newForm: Command) {
        var state = start
        // The delete question: n keeps it, y deletes.
        state[keyPath: Page.confirmDelete] = record
        XCTAssertEqual(Page.answerDelete(record, .key(.character("n")), &state), [])
        XCTAssertNil(state[keyPath: Page.confirmDelete])
        state[keyPath: Page.confirmDelete] = record
        XCTAssertEqual(Page.answerDelete(record, .key(.character("y")), &state), [Page.deleteEffect(record)])
        XCTAssertEqual(state.status?.text, "Deleting \(Page.noun) '\(Page.displayName(record))'…")

        // One failure type: a conflict with no form open reads the list again.
        let conflict = RecordFailure<Page.Form.Record>(reason: .conflict(current: record), message: "changed elsewhere",
                                                       recordID: record.id)
        XCTAssertTrue(Page.failed(conflict, &state))
        XCTAssertEqual(state.status?.text, "changed elsewhere")
        XCTAssertEqual(state.status?.kind, .error)

        // A save the form asks for on a read-only store is refused in the form.
        var readOnly = start
        readOnly.readOnly = true
        _ = Shell.run(newForm, &readOnly)  // refused: nothing opens on a read-only store
        XCTAssertNil(readOnly[keyPath: Page.form])
        XCTAssertEqual(Page.apply(.save(record, isNew: false), &readOnly), [])
        XCTAssertNil(readOnly[keyPath: Page.pending])

        // A save answered: the pending request is cleared by the stored record.
        var saving = start
        saving[keyPath: Page.pending] = PendingRequest(.save, record.id)
        XCTAssertEqual(Page.saved(record, status: "Saved", &saving), [])
        XCTAssertEqual(saving.status?.text, "Saved")
        XCTAssertNil(saving[keyPath: Page.form])
    }

    func testAgentsAndWebhooksRunTheSameFlow() {
        Self.script(AgentsPage.self, PageFixtures.state(), PageFixtures.frontDesk, newForm: .newAgent)
        Self.script(WebhooksPage.self, WebhookFixtures.state(), WebhookFixtures.crmSync, newForm: .newWebhook)
        // The failure types the runtime builds are that one type.
        let agent: AgentFailure = RecordFailure<Agent>(reason: .notFound, message: "gone", recordID: PageFixtures.frontDesk.id)
        XCTAssertEqual(agent.agentID, PageFixtures.frontDesk.id)
        let webhook = WebhookFailure(reason: .readOnly, message: "read-only", webhookID: WebhookFixtures.crmSync.id)
        XCTAssertEqual(webhook.recordID, WebhookFixtures.crmSync.id)
    }

    func testAReadOnlySaveSaysSoInTheForm() {
        var state = PageFixtures.state()
        state.press(.function(3), .character("n"))
        XCTAssertNotNil(state.agents.form)
        state.readOnly = true
        let agent = PageFixtures.frontDesk
        XCTAssertEqual(AgentsPage.apply(.save(agent, isNew: true), &state), [])
        XCTAssertEqual(state.agents.form?.message, "Not saved: Read-only store: can't save agents")
    }
}
