import ActionModel
import XCTest
@testable import Console

/// The agent form's Engine row is a picker: `rules` and each stored model by
/// name (← → or Space), with the model's id and base URL beside it; an agent
/// whose model is gone says so in the form and in the list, and can't be
/// saved until another engine is picked.
final class EnginePickerTests: XCTestCase {
    func testRulesAndTheStoredModelsCycle() {
        var state = ModelFixtures.state(width: 120, height: 40)
        state.press(.function(3), .character("n"))
        state.press(.tab, .tab, .tab)
        XCTAssertEqual(state.agents.form?.focus, .engine)
        XCTAssertTrue(state.screen.contains("‹ rules ›  the rule-based agent, offline"), state.screen)
        XCTAssertEqual(state.agents.form?.capturesTextInput, false, "letters aren't typed into the engine")
        state.press(.character(" "))
        XCTAssertEqual(state.agents.form?.engine, "azure-4o")
        XCTAssertTrue(state.screen.contains("‹ azure-4o ›  gpt-4o at https://acme.openai.azure.com/openai/"), state.screen)
        state.press(.right, .right)
        XCTAssertEqual(state.agents.form?.engine, "scripted")
        state.press(.right)
        XCTAssertNil(state.agents.form?.engine, "after the last model: rules again")
        state.press(.left)
        XCTAssertEqual(state.agents.form?.engine, "scripted")
        XCTAssertTrue(Keymap.hints(for: state).contains(KeyHint("← → Space", "engine")))
    }

    func testTheFormReadsTheModelsWhenTheyAreNotKnownYet() {
        var state = PageFixtures.state()
        state.press(.function(3))
        XCTAssertEqual(state.press(.character("n")), [.models(.load)])
        XCTAssertNil(state.agents.form?.engines)
        state.send(.models(.loaded(ModelFixtures.entries)))
        XCTAssertEqual(state.agents.form?.engines?.map(\.name), ["azure-4o", "gpt-4o-mini", "scripted"], "the picker follows")
        XCTAssertEqual(state.models.entries.count, 3, "and the Models page still took the answer")
    }

    func testAMissingModelIsSaidInTheListAndTheFormAndBlocksTheSave() {
        let gone = Agent(id: PageFixtures.agentID("g0neg0neg0neg0ne"), name: "Gone desk", createdAt: Fixtures.date(4), model: "gpt-x")
        var state = PageFixtures.state(width: 120, height: 40, agents: PageFixtures.agents + [gone])
        state.send(.models(.loaded(ModelFixtures.entries)))
        state.press(.function(3))
        XCTAssertTrue(state.screen.split(separator: "\n").contains { $0.contains("Gone desk") && $0.contains("gpt-x (missing)") },
                      state.screen)
        XCTAssertFalse(state.screen.contains("rules (missing)"))
        state.press(.end, .enter)
        XCTAssertEqual(state.agents.form?.original, gone)
        let notice = "no model named 'gpt-x' in the store: pick rules or a model (← →), or add it on the Models page (F8)"
        XCTAssertTrue(state.screen.contains("gpt-x (missing)"), state.screen)
        XCTAssertTrue(state.screen.contains("no model named 'gpt-x' in the store"), state.screen)
        XCTAssertEqual(state.press(.ctrl("s")), [], "not saved")
        XCTAssertEqual(state.agents.form?.errors[.engine], notice)
        XCTAssertEqual(state.agents.form?.focus, .engine)
        // Another engine fixes it; the missing one can be picked back (nothing lost by a key).
        state.press(.right)
        XCTAssertEqual(state.agents.form?.engine, nil)
        XCTAssertNil(state.agents.form?.errors[.engine])
        state.press(.left)
        XCTAssertEqual(state.agents.form?.engine, "gpt-x")
        state.press(.left)
        XCTAssertEqual(state.agents.form?.engine, "scripted")
        guard case let .agents(.update(saved))? = state.press(.ctrl("s")).first else { return XCTFail("not saved") }
        XCTAssertEqual(saved.model, "scripted")
    }

    func testTheEngineFormSnapshot() {
        assertScreens("Pages-agent-form-engine") { w, h in
            var state = ModelFixtures.state(width: w, height: h)
            state.press(.function(3), .down, .enter, .tab, .tab, .tab, .right, .right)
            return state
        }
    }
}
