import ActionModel
import Screen
import XCTest
@testable import Console

/// Sections, the Agents and Calls pages and the first-start offer, through `Console.update`.
final class PageUpdateTests: XCTestCase {
    var state = PageFixtures.state()

    // MARK: Sections

    func testFunctionKeysOpenSectionsAndEnteringReloads() {
        XCTAssertEqual(state.section, .actions)
        XCTAssertEqual(state.press(.function(3)), [.agents(.load), .models(.load)], "the models too: the Engine column and picker")
        XCTAssertEqual(state.section, .agents)
        XCTAssertEqual(state.press(.function(3)), [], "already there: nothing to reload")
        XCTAssertEqual(state.press(.function(4)), [.calls(.load)])
        XCTAssertEqual(state.section, .calls)
        XCTAssertEqual(state.press(.function(2)), [])
        XCTAssertEqual(state.section, .actions)
    }

    func testSidebarArrowsChooseAndEnterOpens() {
        state.press(.tab)
        XCTAssertEqual(state.focus, .sidebar)
        state.press(.character("j"))
        XCTAssertEqual(state.sidebarChoice, .agents)
        XCTAssertEqual(state.section, .actions, "choosing is not opening")
        state.press(.down, .down, .down, .down, .down)
        XCTAssertEqual(state.sidebarChoice, .models, "stops at the last")
        state.press(.up, .up, .up, .up)
        XCTAssertEqual(state.press(.enter), [.agents(.load), .models(.load)])
        XCTAssertEqual(state.section, .agents)
        XCTAssertEqual(state.focus, .page)
        XCTAssertNil(state.sidebarChoice)
        state.press(.character("h"), .character("k"), .character("l"))
        XCTAssertEqual(state.section, .actions, "l opens the chosen section too")
        state.press(.tab, .character("j"), .tab, .tab)
        XCTAssertEqual(state.focus, .sidebar)
        XCTAssertNil(state.sidebarChoice, "leaving the sidebar forgets an unopened choice")
    }

    func testPaletteGoesToSectionsAndOnlyOffersThePagesCommands() {
        state.press(.character(":"))
        state.type("go to calls")
        XCTAssertEqual(state.press(.enter), [.calls(.load)])
        XCTAssertEqual(state.section, .calls)
        let titles = Command.matching("", in: state).map { $0.title(in: state) }
        XCTAssertTrue(titles.contains("Export call as JSON"))
        XCTAssertTrue(titles.contains("Reload calls"))
        XCTAssertFalse(titles.contains("New action"), "the Actions page's commands stay on it")
        XCTAssertFalse(titles.contains("Sort by name"))
    }

    func testSectionKeysWaitWhileAFormIsOpen() {
        state.press(.function(3), .character("n"))
        XCTAssertNotNil(state.agents.form)
        XCTAssertEqual(state.press(.function(4)), [])
        XCTAssertEqual(state.section, .agents)
    }

    // MARK: Agents

    func testAgentsListMovesFiltersAndShowsActions() {
        state.press(.function(3))
        XCTAssertEqual(state.agents.selectedAgent?.name, "Default agent")
        state.press(.character("j"))
        XCTAssertEqual(state.agents.selectedAgent?.name, "Front desk")
        state.press(.character("/"))
        state.type("factu")
        XCTAssertEqual(state.agents.visible.map { state.agents.entries[$0].name }, ["Facturation 予約"])
        state.press(.enter)
        XCTAssertFalse(state.agents.filtering)
        state.press(.escape)
        XCTAssertEqual(state.agents.visible.count, 3)
        XCTAssertEqual(AgentsPageRenderer.actionsText(PageFixtures.frontDesk, state), "2: Create CRM lead, Check account status")
        XCTAssertEqual(AgentsPageRenderer.actionsText(PageFixtures.defaultAgent, state), "all actions")
    }

    func testCreateAnAgentWithChosenActions() {
        state.send(.models(.loaded(ModelFixtures.entries)))
        state.press(.function(3), .character("n"))
        state.type("Support line")
        state.press(.tab)
        state.press(.ctrl("u"))
        state.type("Support, how can I help?")
        state.press(.tab)  // prompt
        state.type("\n")   // Enter-less: typed newline characters go in as text
        state.press(.enter)
        state.type("Be brief.")
        state.press(.tab)  // engine
        XCTAssertNil(state.agents.form?.engine, "a new agent starts on the rule-based engine")
        state.press(.right, .right)  // rules → azure-4o → gpt-4o-mini
        XCTAssertEqual(state.agents.form?.engine, "gpt-4o-mini")
        state.press(.tab, .character(" "))  // scope → only these
        state.press(.tab, .character(" "), .down, .character(" "))  // tick the first two
        let effects = state.press(.ctrl("s"))
        guard case let .agents(.insert(agent))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(agent.name, "Support line")
        XCTAssertEqual(agent.greeting, "Support, how can I help?")
        XCTAssertTrue(agent.prompt.hasSuffix("\nBe brief."), agent.prompt)
        XCTAssertEqual(agent.actionIDs, [Fixtures.accountStatus.id, Fixtures.crmLead.id], "the checklist is by name")
        XCTAssertEqual(agent.model, "gpt-4o-mini")
        XCTAssertEqual(state.agents.pending, PendingRequest(.save, agent.id))

        var stored = agent
        stored.version = 1
        state.send(.agents(.saved(stored)))
        XCTAssertEqual(state.agents.form?.isDirty, false)
        XCTAssertEqual(state.agents.form?.title, "Edit agent: Support line")
        XCTAssertEqual(state.status?.text, "Saved agent 'Support line'")
        XCTAssertTrue(state.agents.entries.contains(stored))
        state.press(.escape)
        XCTAssertNil(state.agents.form)
        XCTAssertEqual(state.agents.selectedAgent?.id, stored.id, "back on the agent just saved")
    }

    func testFormValidationShowsMessagesOnTheFields() {
        state.press(.function(3), .character("n"))
        state.type("FRONT DESK")
        state.press(.tab)
        XCTAssertEqual(state.agents.form?.errors[.name], "an agent named 'FRONT DESK' already exists; pick another name")
        state.press(.ctrl("u"), .tab, .tab, .tab, .character(" "))
        XCTAssertEqual(state.press(.ctrl("s")), [])
        let form = try! XCTUnwrap(state.agents.form)
        XCTAssertEqual(form.errors[.greeting], "enter what the agent says when it answers, e.g. \"Acme, how can I help?\"")
        XCTAssertEqual(form.errors[.actions], "tick at least one action (Space), or choose every action")
        XCTAssertEqual(form.focus, .name, "the first field that needs fixing")
        XCTAssertEqual(form.message, "Not saved: 3 fields need fixing.")
        state.type("x")
        XCTAssertNil(state.agents.form?.errors[.name], "the message goes once the value is fixed")
    }

    func testEditSendsAnUpdateAtTheVersionRead() {
        state.press(.function(3), .down, .enter)
        XCTAssertEqual(state.agents.form?.title, "Edit agent: Front desk")
        state.type(" 2")
        let effects = state.press(.ctrl("s"))
        guard case let .agents(.update(agent))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(agent.id, PageFixtures.frontDesk.id)
        XCTAssertEqual(agent.version, 1)
        XCTAssertEqual(agent.name, "Front desk 2")
        XCTAssertEqual(agent.actionIDs, PageFixtures.frontDesk.actionIDs)
    }

    func testConflictOverwriteReloadAndSaveAsNew() {
        state.press(.function(3), .down, .enter)
        state.type(" 2")
        state.press(.ctrl("s"))
        var theirs = PageFixtures.frontDesk
        theirs.version = 4
        theirs.greeting = "Changed elsewhere"
        state.send(.agents(.failed(AgentFailure(reason: .conflict(current: theirs), message: "changed", agentID: theirs.id))))
        XCTAssertEqual(state.agents.form?.question, .conflict(current: theirs))
        XCTAssertEqual(state.press(.character("q")), [], "q is an answer key here, not quit")
        let effects = state.press(.character("o"))
        guard case let .agents(.update(mine))? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(mine.version, 4)
        XCTAssertEqual(mine.name, "Front desk 2")

        state.send(.agents(.failed(AgentFailure(reason: .conflict(current: theirs), message: "changed", agentID: theirs.id))))
        state.press(.character("r"))
        XCTAssertEqual(state.agents.form?.greeting.text, "Changed elsewhere")
        XCTAssertEqual(state.agents.form?.isDirty, false)

        state.type("!")
        state.press(.ctrl("s"))
        state.send(.agents(.failed(AgentFailure(reason: .conflict(current: nil), message: "gone", agentID: theirs.id))))
        let again = state.press(.character("s"))
        guard case let .agents(.insert(copy))? = again.first else { return XCTFail("\(again)") }
        XCTAssertNotEqual(copy.id, theirs.id)
    }

    /// Keys typed after Ctrl-S (the same input burst) survive the save's answer
    /// and stay unsaved, so Esc asks; the next save is an update at the version got.
    func testAgentKeysTypedWhileASaveIsInFlightSurviveAndStayUnsaved() {
        state.press(.function(3), .character("n"))
        state.type("Support line")
        guard case let .agents(.insert(agent))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        state.type("s")  // before the store answered
        var stored = agent
        stored.version = 1
        XCTAssertEqual(state.send(.agents(.saved(stored))), [])
        XCTAssertEqual(state.agents.form?.name.text, "Support lines", "the 's' typed meanwhile is kept")
        XCTAssertEqual(state.agents.form?.isDirty, true, "and it is not saved yet")
        XCTAssertEqual(state.agents.form?.title, "Edit agent: Support line", "the stored agent is the form's base now")
        state.press(.escape)
        XCTAssertEqual(state.agents.form?.question, .discard, "Esc asks instead of dropping the 's'")
        state.press(.escape)
        guard case let .agents(.update(update))? = state.press(.ctrl("s")).first else { return XCTFail("the next save is an update") }
        XCTAssertEqual(update.id, agent.id)
        XCTAssertEqual(update.version, 1)
        XCTAssertEqual(update.name, "Support lines")
    }

    /// A second Ctrl-S while the first is in flight waits for its answer and
    /// goes at the version it got (no false "changed elsewhere").
    func testASecondAgentSaveWaitsForTheFirst() {
        state.press(.function(3), .down, .enter)
        state.type(" 2")
        guard case let .agents(.update(first))? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        state.type("b")
        XCTAssertEqual(state.press(.ctrl("s")), [], "not sent while the first is under way")
        XCTAssertEqual(state.agents.form?.message, "Saving… the changes made meanwhile are saved right after.")
        var stored = first
        stored.version = 2
        let effects = state.send(.agents(.saved(stored)))
        guard case let .agents(.update(second))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(second.name, "Front desk 2b")
        XCTAssertEqual(second.version, 2, "at the version the first save got")
        XCTAssertEqual(state.agents.pending, PendingRequest(.save, second.id))
        XCTAssertEqual(state.agents.form?.isDirty, true)
        var last = second
        last.version = 3
        XCTAssertEqual(state.send(.agents(.saved(last))), [])
        XCTAssertEqual(state.agents.form?.isDirty, false)
        XCTAssertEqual(state.agents.form?.name.text, "Front desk 2b")

        // A refused save does not hold the next Ctrl-S back.
        state.type("c")
        guard case .agents(.update)? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        state.send(.agents(.failed(AgentFailure(reason: .other, message: "disk full", agentID: first.id))))
        guard case .agents(.update)? = state.press(.ctrl("s")).first else { return XCTFail("a failed save must not block the next") }
    }

    func testDeleteAsksFirstAndTheDefaultAgentCannotBeDeleted() {
        state.press(.function(3))
        XCTAssertEqual(state.press(.character("d")), [])
        XCTAssertNil(state.agents.confirmDelete)
        XCTAssertEqual(state.status?.kind, .error)
        XCTAssertTrue(state.status?.text.contains("default agent") == true)
        state.press(.down, .character("d"))
        XCTAssertEqual(state.agents.confirmDelete, PageFixtures.frontDesk)
        XCTAssertEqual(state.press(.character("n")), [])
        state.press(.character("d"))
        XCTAssertEqual(state.press(.character("y")), [.agents(.delete(PageFixtures.frontDesk))])
        state.send(.agents(.deleted(PageFixtures.frontDesk.id)))
        XCTAssertEqual(state.agents.entries.map(\.name), ["Default agent", "Facturation 予約"])
        XCTAssertEqual(state.status?.text, "Deleted agent 'Front desk'")
    }

    /// The store refuses a delete of an agent changed elsewhere: the list is read again.
    func testARefusedDeleteReloadsTheAgents() {
        state.press(.function(3), .down, .character("d"))
        XCTAssertEqual(state.press(.character("y")), [.agents(.delete(PageFixtures.frontDesk))])
        let effects = state.send(.agents(.failed(AgentFailure(reason: .conflict(current: nil),
                                                           message: "agent 'Front desk' was changed elsewhere", agentID: PageFixtures.frontDesk.id))))
        XCTAssertEqual(effects, [.agents(.load)])
        XCTAssertEqual(state.status?.kind, .error)
        XCTAssertTrue(state.agents.entries.contains(PageFixtures.frontDesk), "nothing was removed")
    }

    func testEscWithUnsavedChangesAsksAndQuitAsksToo() {
        state.press(.function(3), .character("n"))
        state.type("x")
        state.press(.escape)
        XCTAssertEqual(state.agents.form?.question, .discard)
        state.press(.character("n"))
        XCTAssertEqual(state.press(.ctrl("c")), [])
        XCTAssertEqual(state.overlay, .confirmQuit)
        state.press(.escape)
        state.press(.escape, .character("y"))
        XCTAssertNil(state.agents.form)
    }

    func testReadOnlyRefusesAgentChanges() {
        state = PageFixtures.state(readOnly: true)
        state.press(.function(3))
        for key in [Key.character("n"), .enter, .character("d")] {
            XCTAssertEqual(state.press(key), [])
            XCTAssertNil(state.agents.form)
            XCTAssertNil(state.agents.confirmDelete)
            XCTAssertEqual(state.status?.kind, .error)
            XCTAssertTrue(state.status?.text.hasPrefix("Read-only store: can't") == true, state.status?.text ?? "")
        }
    }

    // MARK: Calls

    func testCallsOpenScrollAndGoBack() {
        state.press(.function(4))
        XCTAssertEqual(state.calls.selectedEntry?.call.id, PageFixtures.ticketCall.id, "newest first")
        XCTAssertEqual(state.press(.enter), [.calls(.open(PageFixtures.ticketCall.id))])
        let call = PageFixtures.ticketCall
        state.send(.calls(.opened(call, PageFixtures.events(for: call))))
        XCTAssertEqual(state.calls.view?.events.count, 11)
        state.press(.pageDown, .character("j"))
        XCTAssertGreaterThan(state.calls.view?.scroll ?? 0, 0)
        state.press(.character("g"))
        XCTAssertEqual(state.calls.view?.scroll, 0)
        state.press(.escape)
        XCTAssertNil(state.calls.view)
        XCTAssertEqual(state.calls.selectedEntry?.call.id, call.id)
    }

    func testAnOpenedCallThatWasNotAskedForIsNotShown() {
        state.press(.function(4))
        let call = PageFixtures.failedCall
        state.send(.calls(.opened(call, PageFixtures.events(for: call))))
        XCTAssertNil(state.calls.view)
        XCTAssertNotNil(state.calls.transcripts[call.id], "still kept for search")
    }

    func testCallsFilterByAgentActionEndReasonIDAndTranscript() {
        state.press(.function(4), .character("/"))
        state.type("factu")
        XCTAssertEqual(state.calls.visible.map { state.calls.entries[$0].call.id }, [PageFixtures.liveCall.id])
        state.press(.ctrl("u"))
        state.type("create crm")
        XCTAssertEqual(state.calls.visible.map { state.calls.entries[$0].call.id }, [PageFixtures.ticketCall.id], "the action it started from")
        state.press(.ctrl("u"))
        state.type("error")
        XCTAssertEqual(state.calls.visible.map { state.calls.entries[$0].call.id }, [PageFixtures.failedCall.id])
        state.press(.ctrl("u"))
        state.type("call_11ve")
        XCTAssertEqual(state.calls.visible.count, 1)
        state.press(.ctrl("u"))
        state.type("sign up")
        XCTAssertEqual(state.calls.visible.count, 0, "transcripts are searched once loaded")
        state.press(.escape)
        state.send(.calls(.opened(PageFixtures.ticketCall, PageFixtures.events(for: PageFixtures.ticketCall))))
        state.press(.character("/"))
        state.type("sign up")
        XCTAssertEqual(state.calls.visible.map { state.calls.entries[$0].call.id }, [PageFixtures.ticketCall.id])
    }

    func testExportAsksForAPathPrefilledAndReportsWhereItWent() {
        state.press(.function(4), .down)
        state.press(.character("x"))
        XCTAssertEqual(state.calls.export?.path.text, "call_fa11edca11000000.json")
        state.press(.ctrl("u"), .enter)
        XCTAssertEqual(state.calls.export?.error, "enter a file to write, e.g. call_fa11edca11000000.json")
        state.type("out/")
        state.press(.enter)
        XCTAssertTrue(state.calls.export?.error?.contains("is a folder") == true)
        state.type("x.json")
        XCTAssertEqual(state.press(.enter), [.calls(.export(PageFixtures.failedCall.id, path: "out/x.json", replacing: false))])
        XCTAssertNil(state.calls.export)
        state.send(.calls(.exported(PageFixtures.failedCall.id, path: "/work/out/x.json")))
        XCTAssertEqual(state.status?.text, "Exported call_fa11edca11000000 to /work/out/x.json")
        state.send(.calls(.failed(PageFixtures.failedCall.id, message: "Not exported: the folder /nope does not exist; create it or pick another path")))
        XCTAssertEqual(state.status?.kind, .error)
    }

    /// A file already at the path is replaced only after a second ⏎ on the same path.
    func testExportAsksBeforeReplacingAFile() {
        state.press(.function(4), .down, .character("x"))
        XCTAssertEqual(state.press(.enter), [.calls(.export(PageFixtures.failedCall.id, path: "call_fa11edca11000000.json", replacing: false))])
        state.send(.calls(.exportWouldReplace(PageFixtures.failedCall.id, path: "call_fa11edca11000000.json")))
        XCTAssertEqual(state.calls.export?.error, "call_fa11edca11000000.json already exists: ⏎ again replaces it, or type another path")
        XCTAssertEqual(state.press(.enter), [.calls(.export(PageFixtures.failedCall.id, path: "call_fa11edca11000000.json", replacing: true))])
        state.send(.calls(.exportWouldReplace(PageFixtures.failedCall.id, path: "call_fa11edca11000000.json")))
        state.type("x")
        XCTAssertEqual(state.press(.enter), [.calls(.export(PageFixtures.failedCall.id, path: "call_fa11edca11000000.jsonx", replacing: false))],
                       "another path is asked about afresh")
    }

    func testExportWorksOnAReadOnlyStoreAndFromTheCallView() {
        state = PageFixtures.state(readOnly: true)
        state.press(.function(4), .enter)
        state.send(.calls(.opened(PageFixtures.ticketCall, PageFixtures.events(for: PageFixtures.ticketCall))))
        state.press(.character("x"))
        XCTAssertEqual(state.press(.enter), [.calls(.export(PageFixtures.ticketCall.id, path: "call_t1cketca11000000.json", replacing: false))])
    }

    func testReloadOnTheCallsPageRefreshesTheListAndTheOpenCall() {
        state.press(.function(4))
        XCTAssertEqual(state.press(.ctrl("r")), [.calls(.load)])
        state.press(.enter)
        state.send(.calls(.opened(PageFixtures.ticketCall, PageFixtures.events(for: PageFixtures.ticketCall))))
        XCTAssertEqual(state.press(.ctrl("r")), [.calls(.load), .calls(.open(PageFixtures.ticketCall.id))])
        XCTAssertEqual(state.press(.function(4)), [], "still on the page")
    }

    // MARK: First start

    func emptyStore(readOnly: Bool = false) -> ConsoleState {
        ConsoleState(width: 80, height: 24, storeDescription: "s.sqlite", readOnly: readOnly, notice: nil,
                     demoOffer: DemoWorkspaceOffer(actionCount: 8, agentName: "Demo front desk"))
    }

    func testAnEmptyStoreIsOfferedTheDemoOnceAndEnterLoadsIt() {
        var s = emptyStore()
        XCTAssertEqual(s.send(.actions(.loaded([]))), [.agents(.load), .calls(.load)])
        XCTAssertEqual(s.overlay, .demoOffer(DemoWorkspaceOffer(actionCount: 8, agentName: "Demo front desk")))
        XCTAssertEqual(s.press(.enter), [.store(.loadDemoWorkspace)])
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.send(.store(.demoWorkspaceLoaded(actionsAdded: 8, agentName: "Demo front desk"))), [.actions(.load), .agents(.load)])
        XCTAssertEqual(s.status?.text, "Demo workspace loaded: 8 actions and the agent 'Demo front desk'")
    }

    /// A store row that can't be read leaves the rest listed and is named, with
    /// the way out, in the status line (the command line's words); no demo is
    /// offered over a store that only looks empty because its rows are damaged.
    func testDamagedActionRowsAreNamedWhileTheRestList() {
        var s = emptyStore()
        let damaged = DamagedRow(id: "act_01BAD", problem: "action act_01BAD has an unreadable trigger")
        XCTAssertEqual(s.send(.actions(.loaded(ActionList([Fixtures.crmLead.summary], damaged: [damaged])))), [.agents(.load), .calls(.load)])
        XCTAssertEqual(s.actions.index.actions.map(\.name), ["Create CRM lead"], "the healthy rows are listed")
        XCTAssertNil(s.overlay)
        XCTAssertEqual(s.status?.kind, .error)
        XCTAssertEqual(s.status?.text, "Action act_01BAD is damaged and was left out (action act_01BAD has an unreadable trigger); "
                       + "`switchboard actions delete act_01BAD` removes it")
        XCTAssertTrue(s.screen.contains("Create CRM lead"), s.screen)
        XCTAssertTrue(s.screen.contains("Action act_01BAD is damaged"), s.screen)

        var onlyDamaged = emptyStore()
        onlyDamaged.send(.actions(.loaded(ActionList([], damaged: [damaged, DamagedRow(id: "act_02BAD", problem: "unreadable")]))))
        XCTAssertNil(onlyDamaged.overlay, "no demo offer over a store whose rows are damaged")
        XCTAssertEqual(onlyDamaged.status?.text.hasSuffix("removes it. Also damaged and left out: act_02BAD"), true,
                       onlyDamaged.status?.text ?? "no status")
    }

    func testSkippingTheOfferIsRememberedAndReadOnlyOrFullStoresAreNotAsked() {
        var s = emptyStore()
        s.send(.actions(.loaded([])))
        XCTAssertEqual(s.press(.escape), [])
        XCTAssertNil(s.overlay)
        s.send(.actions(.loaded([])))
        XCTAssertNil(s.overlay, "not again this session")

        var readOnly = emptyStore(readOnly: true)
        readOnly.send(.actions(.loaded([])))
        XCTAssertNil(readOnly.overlay)

        var full = emptyStore()
        full.send(.actions(.loaded(ActionList(Fixtures.all.map(\.summary)))))
        XCTAssertNil(full.overlay)

        var noOffer = Fixtures.state([])
        XCTAssertNil(noOffer.overlay, "no offer without a runtime that can load it")
        noOffer.press(.character("n"))
        XCTAssertNotNil(noOffer.overlay)
    }

    // MARK: Widgets

    func testTextAreaWrapsAtSpacesAndFindsTheCursor() {
        var field = TextField("one two three\nfour", allowsNewlines: true)
        var wrapped = TextArea.wrap(field, width: 8)
        XCTAssertEqual(wrapped.lines, ["one two ", "three", "four"])
        XCTAssertEqual([wrapped.cursorRow, wrapped.cursorColumn], [2, 4])
        field.handle(.home)
        for _ in 0..<8 { field.handle(.right) }
        wrapped = TextArea.wrap(field, width: 8)
        XCTAssertEqual([wrapped.cursorRow, wrapped.cursorColumn], [1, 0], "at a wrap point: the next line's start")
        XCTAssertEqual(TextArea.wrap(TextField("abcdefghij", allowsNewlines: true), width: 4).lines, ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextArea.wrap(TextField("", allowsNewlines: true), width: 4).lines, [""])
    }
}
