import ActionModel
import XCTest
@testable import Console

/// Written once in the record page, so the agent, webhook and model forms all
/// say it: a list reload (this console's, or a live update from a shared store)
/// that shows the open form's record at a newer version, or gone, is said under
/// the form before Ctrl-S; Ctrl-S then goes to the conflict question.
final class RecordChangedElsewhereTests: XCTestCase {
    static let notice = "Changed by someone else since you opened it (version 4)"

    func testAnAgentForm() {
        var state = PageFixtures.state(width: 120, height: 40)
        state.press(.function(3), .down, .enter)
        state.type(" 2")
        state.send(.agents(.loaded(PageFixtures.agents)))
        XCTAssertFalse(state.screen.contains("Changed by someone else"), "the same version: nothing to say")
        var theirs = PageFixtures.frontDesk
        theirs.version = 4
        state.send(.agents(.loaded([PageFixtures.defaultAgent, theirs, PageFixtures.billingDesk])))
        XCTAssertTrue(state.screen.contains(Self.notice), state.screen)
        XCTAssertEqual(state.agents.form?.name.text, "Front desk 2", "what was typed stays")
        // Ctrl-S still goes out at the version read; the store's refusal asks.
        guard case let .agents(.update(sent))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        XCTAssertEqual(sent.version, PageFixtures.frontDesk.version)
        state.send(.agents(.failed(AgentFailure(reason: .conflict(current: theirs), message: "changed", agentID: theirs.id))))
        XCTAssertEqual(state.agents.form?.question, .conflict(current: theirs))
        // Reloading theirs takes the newer version: the notice goes.
        state.press(.character("r"))
        XCTAssertFalse(state.screen.contains("Changed by someone else"), state.screen)

        state.press(.escape)
        state.press(.enter)
        state.send(.agents(.loaded([PageFixtures.defaultAgent, PageFixtures.billingDesk])))
        XCTAssertTrue(state.screen.contains("Deleted by someone else since you opened it"), state.screen)
    }

    func testAWebhookForm() {
        var state = WebhookFixtures.state(width: 120, height: 40)
        state.press(.function(6), .enter)
        var theirs = WebhookFixtures.crmSync
        theirs.version = 4
        var entries = WebhookFixtures.entries
        entries[0].webhook = theirs
        state.send(.webhooks(.loaded(entries, definedSecrets: WebhookFixtures.definedSecrets)))
        XCTAssertTrue(state.screen.contains(Self.notice), state.screen)
        // A message the form shows (until the next key) comes first.
        state.press(.ctrl("s"))
        XCTAssertNotNil(state.webhooks.form)
        state.send(.webhooks(.deleted(WebhookFixtures.pager.id)))
        XCTAssertEqual(state.webhooks.form?.elsewhere, .storedAt(version: 4), "another webhook's delete says nothing")
        state.send(.webhooks(.deleted(WebhookFixtures.crmSync.id)))
        XCTAssertEqual(state.webhooks.form?.elsewhere, .deleted)
    }

    func testAModelForm() {
        var state = ModelFixtures.state(width: 120, height: 40)
        state.press(.function(8), .down, .enter)
        var theirs = ModelFixtures.gptMini
        theirs.version = 4
        state.send(.models(.loaded([ModelFixtures.entries[0], ModelListEntry(model: theirs, agentNames: ["Front desk"]),
                                    ModelFixtures.entries[2]])))
        XCTAssertTrue(state.screen.contains(Self.notice), state.screen)
        guard case let .models(.update(sent, previousName))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        XCTAssertEqual(sent.version, 1)
        XCTAssertEqual(previousName, "gpt-4o-mini")
        state.send(.models(.failed(ModelFailure(reason: .conflict(current: theirs), message: "changed", recordID: theirs.id))))
        XCTAssertEqual(state.models.form?.question, .conflict(current: theirs))
        // Overwrite: the save goes again at their version.
        guard case let .models(.update(again, _))? = state.press(.character("o")).first else { return XCTFail("no overwrite") }
        XCTAssertEqual(again.version, 4)
    }
}
