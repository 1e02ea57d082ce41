import ActionModel
import CallSimulation
import Screen
import XCTest
@testable import Console

/// The Models page (F8): the list, the form with the command line's checks,
/// delete, `t` and its answer, as text and through update().
final class ModelsPageTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
        assertScreens("Models-\(name)", file: file, line: line, make)
    }

    // MARK: Screens

    func testList() {
        check("list") { w, h in
            var s = ModelFixtures.state(width: w, height: h)
            s.press(.function(8), .down)
            return s
        }
    }

    func testEmptyAndLoading() {
        check("empty") { w, h in
            var s = ModelFixtures.state(width: w, height: h, entries: [])
            s.press(.function(8))
            return s
        }
        var loading = PageFixtures.state()
        XCTAssertEqual(loading.press(.function(8)), [.models(.load)], "opening the page reads the models")
        XCTAssertTrue(loading.screen.contains("Loading models…"), loading.screen)
    }

    /// When narrow the key's reference goes first, then "Used by"; the name,
    /// model ID and URL stay.
    func testNarrowDropsTheKeyThenUsedBy() {
        var state = ModelFixtures.state(width: 60, height: 20)
        state.press(.function(8))
        assertSnapshot(Console.render(state), named: "Models-narrow-60x20")
        let header = state.screen.split(separator: "\n").first { $0.contains("Name") }.map(String.init) ?? ""
        XCTAssertTrue(header.contains("Model") && header.contains("URL"), header)
        XCTAssertFalse(header.contains("Used") || header.contains("Key"), header)
        var wide = ModelFixtures.state(width: 120, height: 40)
        wide.press(.function(8))
        let wideHeader = wide.screen.split(separator: "\n").first { $0.contains("Name") }.map(String.init) ?? ""
        XCTAssertTrue(wideHeader.contains("API key") && wideHeader.contains("Used by"), wideHeader)
        XCTAssertTrue(wide.screen.contains("1 agent"), wide.screen)
    }

    func testFormNewWithTheCommandLinesChecks() {
        check("form-errors") { w, h in
            var s = ModelFixtures.state(width: w, height: h)
            s.typeNewModel(["rules", "ftp://models.example.com", "", "sk-live-1234567890"])
            s.press(.ctrl("s"))
            return s
        }
    }

    func testFormEdit() {
        check("form-edit") { w, h in
            var s = ModelFixtures.state(width: w, height: h)
            s.press(.function(8), .enter)
            return s
        }
    }

    func testTestResultAndError() {
        check("test-answered") { w, h in
            var s = ModelFixtures.state(width: w, height: h)
            s.press(.function(8), .end, .character("t"))
            s.send(.models(.tested(ModelFixtures.answered)))
            return s
        }
        check("test-refused") { w, h in
            var s = ModelFixtures.state(width: w, height: h)
            s.press(.function(8), .down, .character("t"))
            s.send(.models(.tested(ModelFixtures.refused)))
            return s
        }
    }

    // MARK: Keys and answers

    func testALiteralKeyIsRefusedWithWhereToStoreIt() {
        var state = ModelFixtures.state()
        state.typeNewModel(["local", "http://127.0.0.1:11434/v1", "llama3.1", "sk-abc"])
        XCTAssertEqual(state.press(.ctrl("s")), [], "nothing goes to the store")
        let problem = try? XCTUnwrap(state.models.form?.errors[.apiKey])
        XCTAssertTrue(problem?.contains("{{secret.NAME}}") == true && problem?.contains("switchboard secrets set NAME") == true,
                      problem ?? "no problem shown")
        XCTAssertEqual(state.models.form?.focus, .apiKey)
        // A reference saves: the same record the command line would create.
        state.press(.ctrl("u"))
        state.type("{{secret.OLLAMA}}")
        state.press(.tab)
        state.type("X-Team: voice")
        state.press(.enter)
        state.type("bad header")
        state.press(.ctrl("s"))
        XCTAssertEqual(state.models.form?.errors[.headers], "'bad header': write it as 'Name: value'")
        state.press(.backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace,
                    .backspace, .backspace)
        let effects = state.press(.ctrl("s"))
        guard case let .models(.insert(model))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(model.name, "local")
        XCTAssertEqual(model.baseURL, "http://127.0.0.1:11434/v1")
        XCTAssertEqual(model.apiKey, "{{secret.OLLAMA}}")
        XCTAssertEqual(model.headers, [HTTPHeader(name: "X-Team", value: "voice")])
        XCTAssertEqual(model.timeoutSeconds, ModelRecord.defaultTimeoutSeconds)
        XCTAssertEqual(state.models.pending, PendingRequest(.save, "local"))
        var stored = model
        stored.version = 1
        state.send(.models(.saved(stored, previousName: nil)))
        XCTAssertNil(state.models.pending)
        XCTAssertEqual(state.models.entries.map(\.model.name), ["azure-4o", "gpt-4o-mini", "scripted", "local"])
        XCTAssertEqual(state.status?.text, "Saved model 'local'. Press t to test it.")
    }

    func testARenameSavesUnderTheNameItWasReadAs() {
        var state = ModelFixtures.state()
        state.press(.function(8), .down, .enter)
        XCTAssertEqual(state.models.form?.original, ModelFixtures.gptMini)
        state.press(.end)
        state.type("-2")
        let effects = state.press(.ctrl("s"))
        guard case let .models(.update(model, previousName))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(model.name, "gpt-4o-mini-2")
        XCTAssertEqual(previousName, "gpt-4o-mini")
        var stored = model
        stored.version = 2
        state.send(.models(.saved(stored, previousName: previousName)))
        XCTAssertEqual(state.models.entries.map(\.model.name), ["azure-4o", "gpt-4o-mini-2", "scripted"], "the row is renamed, not added")
        XCTAssertEqual(state.models.entries[1].agentNames, ["Front desk"], "its agents followed it")
        XCTAssertEqual(state.models.form?.version, 2)
    }

    /// Keys typed after Ctrl-S (the same input burst) survive the save's answer
    /// and stay unsaved, so Esc asks; a second Ctrl-S meanwhile waits for the
    /// first and goes at the version it got (no false "changed elsewhere").
    func testModelKeysTypedWhileASaveIsInFlightSurviveAndASecondSaveWaits() {
        var state = ModelFixtures.state()
        state.typeNewModel(["local", "http://127.0.0.1:11434/v1", "llama3"])
        guard case let .models(.insert(model))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        state.type(".1")  // before the store answered
        var stored = model
        stored.version = 1
        XCTAssertEqual(state.send(.models(.saved(stored, previousName: nil))), [])
        XCTAssertEqual(state.models.form?.text(.modelID), "llama3.1", "what was typed meanwhile is kept")
        XCTAssertEqual(state.models.form?.isDirty, true, "and it is not saved yet")
        XCTAssertEqual(state.models.form?.title, "Edit model: local", "the stored model is the form's base now")
        XCTAssertTrue(state.screen.contains("unsaved"), state.screen)
        state.press(.escape)
        XCTAssertEqual(state.models.form?.question, .discard, "Esc asks instead of dropping '.1'")
        state.press(.escape)

        // Ctrl-S, a key and Ctrl-S again in one burst: the second waits for the first's answer.
        guard case let .models(.update(first, previousName))? = state.press(.ctrl("s")).first else { return XCTFail("the next save is an update") }
        XCTAssertEqual(first.version, 1)
        XCTAssertEqual(first.modelID, "llama3.1")
        XCTAssertEqual(previousName, "local")
        state.type("b")
        XCTAssertEqual(state.press(.ctrl("s")), [], "not sent while the first is under way")
        XCTAssertEqual(state.models.form?.message, "Saving… the changes made meanwhile are saved right after.")
        var storedFirst = first
        storedFirst.version = 2
        let effects = state.send(.models(.saved(storedFirst, previousName: previousName)))
        guard case let .models(.update(second, _))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(second.modelID, "llama3.1b")
        XCTAssertEqual(second.version, 2, "at the version the first save got")
        XCTAssertNil(state.models.form?.question, "no false 'changed elsewhere'")
        var storedSecond = second
        storedSecond.version = 3
        XCTAssertEqual(state.send(.models(.saved(storedSecond, previousName: "local"))), [])
        XCTAssertEqual(state.models.form?.isDirty, false)
        XCTAssertEqual(state.models.form?.text(.modelID), "llama3.1b")
    }

    func testDeleteAsksAndIsRefusedWhileAnAgentUsesIt() {
        var state = ModelFixtures.state()
        state.press(.function(8), .down)
        XCTAssertEqual(state.press(.character("d")), [])
        XCTAssertNil(state.models.confirmDelete)
        XCTAssertEqual(state.status?.text, "'gpt-4o-mini' is the engine of 'Front desk': give them another engine first (Agents, F3)")
        state.press(.up, .character("d"))
        XCTAssertEqual(state.models.confirmDelete, ModelFixtures.azure)
        XCTAssertEqual(state.press(.character("y")), [.models(.delete(ModelFixtures.azure))])
        XCTAssertEqual(state.models.pending, PendingRequest(.delete, "azure-4o"))
        state.send(.models(.deleted(name: "azure-4o")))
        XCTAssertNil(state.models.pending)
        XCTAssertEqual(state.models.entries.map(\.model.name), ["gpt-4o-mini", "scripted"])
        XCTAssertEqual(state.status?.text, "Deleted model 'azure-4o'")
        // The store refusing (an agent took it meanwhile) reads the list again.
        state.press(.down, .character("d"), .character("y"))
        let refused = state.send(.models(.failed(ModelFailure(reason: .other, message: "the model 'scripted' is the engine of 'Desk'",
                                                              recordID: "scripted"))))
        XCTAssertEqual(refused, [.models(.load)])
        XCTAssertEqual(state.status?.kind, .error)
    }

    func testTestGoesOutOnceAndItsAnswerShowsUnderTheList() {
        var state = ModelFixtures.state(width: 120, height: 40)
        state.press(.function(8), .end)
        XCTAssertEqual(state.press(.character("t")), [.models(.test(ModelFixtures.scripted))])
        XCTAssertEqual(state.models.testing, PendingRequest(.test, "scripted"))
        XCTAssertTrue(state.screen.contains("Testing… one short completion"), state.screen)
        XCTAssertEqual(state.press(.character("t")), [], "one test at a time")
        state.send(.models(.tested(ModelFixtures.answered)))
        XCTAssertNil(state.models.testing)
        XCTAssertTrue(state.screen.contains("✓ scripted: POST http://127.0.0.1:8089/v1/chat/completions answered in"), state.screen)
        XCTAssertEqual(state.status?.kind, .success)
        // Another model's row doesn't show this answer.
        state.press(.up)
        XCTAssertFalse(state.screen.contains("✓ scripted"), state.screen)
    }

    func testCopyTheName() {
        var state = ModelFixtures.state()
        state.press(.function(8))
        XCTAssertEqual(state.press(.character("y")), [.copyToClipboard("azure-4o")])
    }

    func testReadOnlyRefusesNewEditDelete() {
        var state = ModelFixtures.state(readOnly: true)
        state.press(.function(8))
        for key in ["n", "e", "d"] {
            XCTAssertEqual(state.press(.character(Character(key))), [])
            XCTAssertNil(state.models.form)
            XCTAssertEqual(state.status?.kind, .error, key)
        }
        XCTAssertEqual(state.press(.character("t")), [.models(.test(ModelFixtures.azure))], "a check writes nothing")
    }

    func testTheFilterFindsByModelIDAndURL() {
        var state = ModelFixtures.state()
        state.press(.function(8), .character("/"))
        state.type("azure.com")
        XCTAssertEqual(state.models.visible.map { state.models.entries[$0].model.name }, ["azure-4o"])
        state.press(.escape)
        state.press(.character("/"))
        state.type("scripted")
        XCTAssertEqual(state.models.selectedModel, ModelFixtures.scripted)
    }

    func testTheRecordPageFlowIsTheSameAsAgentsAndWebhooks() {
        RecordPageTests.script(ModelsPage.self, ModelFixtures.state(), ModelFixtures.gptMini, newForm: .newModel)
    }
}
