import ActionModel
import Screen
import XCTest
@testable import Console

/// Every key path of the shell, through `Console.update`.
final class UpdateTests: XCTestCase {
    var state = Fixtures.state()

    var selectedName: String? { state.actions.selectedAction?.name }

    // MARK: Opening and navigation

    func testOpensOnCustomExternalActionsSortedByName() {
        XCTAssertEqual(state.actions.tab, .customExternal)
        XCTAssertEqual(state.focus, .page)
        XCTAssertEqual(state.actions.current.visible.map { state.actions.index.actions[$0].name },
                       ["Check account status", "Create CRM lead", "Réserver un créneau", "予約を確認する", "🚚 Track my order 📦"])
        XCTAssertEqual(selectedName, "Check account status")
    }

    // MARK: A shared store that goes away and comes back

    func testTheUnreachableLineGivesWayWhenTheStoreAnswersAgain() {
        state.send(.store(.unreachable("Store unreachable (connection refused); retrying every second.")))
        XCTAssertEqual(state.status?.kind, .error)
        XCTAssertEqual(state.status?.awaiting, .storeBack)
        state.send(.store(.reachable))
        XCTAssertEqual(state.status?.text, "The store answers again; lists read afresh. Save what you typed.")
        XCTAssertEqual(state.status?.kind, .success)
        // A line about something else (said after the outage) is left alone.
        state.send(.store(.unreachable("Store unreachable (timeout); retrying every second.")))
        state.status = StatusMessage("Saved 'Create CRM lead'", kind: .success)
        state.send(.store(.reachable))
        XCTAssertEqual(state.status?.text, "Saved 'Create CRM lead'")
    }

    func testMoveWithJKArrowsPagesAndEnds() {
        state.press(.character("j"))
        XCTAssertEqual(selectedName, "Create CRM lead")
        state.press(.down, .down)
        XCTAssertEqual(selectedName, "予約を確認する")
        state.press(.character("k"), .up)
        XCTAssertEqual(selectedName, "Create CRM lead")
        state.press(.character("G"))
        XCTAssertEqual(selectedName, "🚚 Track my order 📦")
        state.press(.down)
        XCTAssertEqual(selectedName, "🚚 Track my order 📦", "stops at the last row")
        state.press(.character("g"))
        XCTAssertEqual(selectedName, "Check account status")
        state.press(.up)
        XCTAssertEqual(selectedName, "Check account status", "stops at the first row")
        state.press(.end)
        XCTAssertEqual(state.actions.current.selection, 4)
        state.press(.home)
        XCTAssertEqual(state.actions.current.selection, 0)
    }

    func testPagingScrollsAndKeepsTheCursorOnScreen() {
        state = Fixtures.state(Fixtures.generated(300))
        let rows = Layout(width: 80, height: 24).tableRows
        state.press(.pageDown)
        XCTAssertEqual(state.actions.current.selection, rows)
        XCTAssertEqual(state.actions.current.scroll, 1)
        state.press(.pageDown, .pageDown)
        XCTAssertEqual(state.actions.current.selection, 3 * rows)
        XCTAssertTrue((state.actions.current.scroll..<state.actions.current.scroll + rows).contains(state.actions.current.selection))
        state.press(.pageUp)
        XCTAssertEqual(state.actions.current.selection, 2 * rows)
        XCTAssertTrue((state.actions.current.scroll..<state.actions.current.scroll + rows).contains(state.actions.current.selection))
        state.press(.end)
        XCTAssertEqual(state.actions.current.scroll, state.actions.current.visible.count - rows)
    }

    func testTabsSwitchWithBracketsAndNumbers() {
        state.press(.character("]"))
        XCTAssertEqual(state.actions.tab, .call)
        XCTAssertEqual(selectedName, "Hand over to a nurse")
        state.press(.character("]"))
        XCTAssertEqual(state.actions.tab, .customExternal)
        state.press(.character("["))
        XCTAssertEqual(state.actions.tab, .call)
        state.press(.character("1"))
        XCTAssertEqual(state.actions.tab, .customExternal)
        state.press(.character("2"))
        XCTAssertEqual(state.actions.tab, .call)
        XCTAssertEqual(Set(state.actions.current.visible.map { state.actions.index.actions[$0].kind }),
                       [.endConversation, .transferCalls, .dtmf, .warmTransfer])
    }

    func testEachTabKeepsItsOwnCursor() {
        state.press(.down, .down)
        state.press(.character("2"), .down)
        state.press(.character("1"))
        XCTAssertEqual(selectedName, "Réserver un créneau")
        state.press(.character("2"))
        XCTAssertEqual(selectedName, "Say goodbye")
    }

    func testFocusMovesWithTabShiftTabAndHL() {
        state.press(.tab)
        XCTAssertEqual(state.focus, .sidebar)
        state.press(.tab)
        XCTAssertEqual(state.focus, .page)
        state.press(.backTab)
        XCTAssertEqual(state.focus, .sidebar)
        state.press(.character("l"))
        XCTAssertEqual(state.focus, .page)
        state.press(.character("h"))
        XCTAssertEqual(state.focus, .sidebar)
        state.press(.enter)
        XCTAssertEqual(state.focus, .page, "Enter on the sidebar opens its page")
        XCTAssertNil(state.actions.editor)
    }

    // MARK: Filter

    func testFilterNarrowsAsYouTypeFuzzyAndAccentInsensitive() {
        state.press(.character("/"))
        XCTAssertTrue(state.actions.filtering)
        state.type("crl")
        XCTAssertEqual(state.actions.current.visible.map { state.actions.index.actions[$0].name }, ["Create CRM lead"])
        state.press(.backspace, .backspace, .backspace)
        state.type("reserver")
        XCTAssertEqual(selectedName, "Réserver un créneau", "accents are folded")
        state.press(.ctrl("u"))
        state.type("TRACK")
        XCTAssertEqual(state.actions.current.visible.map { state.actions.index.actions[$0].name }, ["🚚 Track my order 📦"], "case-insensitive")
        state.press(.ctrl("u"))
        state.type("予約")
        XCTAssertEqual(selectedName, "予約を確認する")
    }

    func testFilterMatchesFunctionNameDescriptionAndID() {
        state.press(.character("/"))
        state.type("check_account")
        XCTAssertEqual(selectedName, "Check account status")
        state.press(.ctrl("u"))
        state.type("delivery")
        XCTAssertEqual(selectedName, "🚚 Track my order 📦")
        state.press(.ctrl("u"))
        state.type("act_9z8y")
        XCTAssertEqual(selectedName, "Réserver un créneau")
    }

    func testEnterKeepsTheFilterAndEscClearsIt() {
        state.press(.character("/"))
        state.type("crm")
        state.press(.enter)
        XCTAssertFalse(state.actions.filtering)
        XCTAssertEqual(state.actions.current.filter.text, "crm")
        XCTAssertEqual(state.actions.current.visible.count, 1)
        state.press(.character("j"))
        XCTAssertEqual(state.actions.current.filter.text, "crm", "keys act on the list again")
        state.press(.escape)
        XCTAssertEqual(state.actions.current.filter.text, "")
        XCTAssertEqual(state.actions.current.visible.count, 5)
        XCTAssertEqual(selectedName, "Create CRM lead", "the cursor stays on the action")

        state.press(.character("/"))
        state.type("zzz")
        XCTAssertTrue(state.actions.current.visible.isEmpty)
        XCTAssertNil(state.actions.selectedAction)
        state.press(.escape)
        XCTAssertFalse(state.actions.filtering)
        XCTAssertEqual(state.actions.current.visible.count, 5)
    }

    func testFilterTypingDoesNotTriggerCommands() {
        state.press(.character("/"))
        let effects = state.type("qndse?:")
        XCTAssertEqual(effects, [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.actions.current.filter.text, "qndse?:")
    }

    func testArrowsMoveWhileFiltering() {
        state.press(.character("/"))
        state.type("e")
        state.press(.down)
        XCTAssertEqual(state.actions.current.selection, 1)
        XCTAssertTrue(state.actions.filtering)
    }

    func testPasteOnTheListStartsAFilter() {
        state.send(.input(.paste("crm\nlead")))
        XCTAssertTrue(state.actions.filtering)
        XCTAssertEqual(state.actions.current.filter.text, "crm lead")
        XCTAssertEqual(selectedName, "Create CRM lead")
    }

    /// One filter for both tabs (issue 12): switching tabs keeps it.
    func testFilterIsKeptAcrossTabs() {
        state.press(.character("/"))
        state.type("lead")
        state.press(.enter, .character("2"))
        XCTAssertEqual(state.actions.current.filter.text, "lead")
        XCTAssertEqual(state.actions.current.visible.count, 0, "no call action matches “lead”")
        state.press(.escape)
        XCTAssertEqual(state.actions.current.visible.count, 4)
    }

    // MARK: Sort

    func testSCyclesSortColumnsAndShiftSReverses() {
        func names() -> [String] { state.actions.current.visible.map { state.actions.index.actions[$0].name } }
        XCTAssertEqual(state.actions.sort, .name)
        state.press(.character("S"))
        XCTAssertFalse(state.actions.ascending)
        XCTAssertEqual(names().first, "🚚 Track my order 📦")
        state.press(.character("s"))
        XCTAssertEqual(state.actions.sort, .trigger)
        XCTAssertEqual(names().first, "予約を確認する", "Function call < Phrase, ties by ID")
        XCTAssertEqual(names().last, "🚚 Track my order 📦")
        state.press(.character("s"))
        XCTAssertEqual(state.actions.sort, .id)
        XCTAssertEqual(names(), ["予約を確認する", "Check account status", "Create CRM lead", "Réserver un créneau", "🚚 Track my order 📦"])
        state.press(.character("s"))
        XCTAssertEqual(state.actions.sort, .updated)
        XCTAssertFalse(state.actions.ascending, "newest first")
        XCTAssertEqual(names().first, "Create CRM lead")
        state.press(.character("S"))
        XCTAssertEqual(names().first, "Check account status")
        state.press(.character("s"))
        XCTAssertEqual(state.actions.sort, .name)
    }

    func testSortKeepsTheSelectedAction() {
        state.press(.down, .down)
        let name = selectedName
        state.press(.character("s"), .character("S"), .character("s"))
        XCTAssertEqual(selectedName, name)
    }

    // MARK: Create, edit, delete

    func testCreateFlowOpensTheEditorForTheChosenType() {
        state.press(.character("n"))
        XCTAssertEqual(state.overlay, .createAction(CreateDialog(selected: 0)))
        state.press(.down, .down, .up)
        XCTAssertEqual(state.overlay, .createAction(CreateDialog(selected: 1)))
        state.press(.enter)
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.actions.editor?.title, "New End Conversation action")
        XCTAssertTrue(Console.render(state).lines[0].contains("New End Conversation action"))
    }

    func testCreateDialogContinueAndCancelButtons() {
        state.press(.character("n"), .character("3"), .tab)
        XCTAssertEqual(state.overlay, .createAction(CreateDialog(selected: 2, focus: .continueButton)))
        state.press(.enter)
        XCTAssertEqual(state.actions.editor?.title, "New Transfer Calls action")

        state = Fixtures.state()
        state.press(.character("n"), .tab, .tab)
        XCTAssertEqual(state.overlay, .createAction(CreateDialog(selected: 0, focus: .cancelButton)))
        state.press(.enter)
        XCTAssertNil(state.overlay)
        XCTAssertNil(state.actions.editor)

        state.press(.character("n"), .escape)
        XCTAssertNil(state.overlay)
        XCTAssertNil(state.actions.editor)
    }

    func testCreateFromCallTabPreselectsAPhoneKind() {
        state.press(.character("2"), .character("n"))
        XCTAssertEqual(state.overlay, .createAction(CreateDialog(selected: 1)))
    }

    // The editor's own keys are its business; these tests feed the shell the
    // editor's outcomes directly (ActionsPage.apply) so they hold for any editor.

    func testASaveAskedOnAReadOnlyStoreIsRefused() {
        state.pressAndOpen(.enter)
        state.readOnly = true
        XCTAssertEqual(ActionsPage.apply(.save(Fixtures.accountStatus, isNew: false), &state), [])
    }

    func testEditorSaveBecomesInsertThenSavedRoutesBack() {
        state.press(.character("n"), .enter)
        let action = Action(id: Fixtures.id("b00kappt0000000a"), name: "Book appointment",
                            configuration: .customInput(CustomInputConfiguration(url: "https://cal.example.com/book")))
        let effects = ActionsPage.apply(.save(action, isNew: true), &state)
        XCTAssertEqual(effects, [.actions(.insert(action))])
        state.send(.actions(.saved(action)))
        XCTAssertEqual(state.actions.editor?.isDirty, false, "the editor got the stored value")
        XCTAssertEqual(state.actions.editor?.title, "Edit: Book appointment")
        XCTAssertEqual(state.actions.index.count, 10)
        XCTAssertEqual(state.status?.kind, .success)
        XCTAssertEqual(ActionsPage.apply(.close, &state), [])
        XCTAssertNil(state.actions.editor)
        XCTAssertEqual(selectedName, "Book appointment", "back on the list, on the new action")
    }

    /// A store-wide failure (a shared store out of reach) reaches the Actions
    /// page as its own: the status line says it, and the save under way did
    /// not go through; what was typed stays.
    func testAStoreWideFailureEndsTheSaveUnderWay() {
        state.pressAndOpen(.down, .enter)
        state.press(.end)
        state.type("!")
        guard case .actions(.update)? = state.press(.ctrl("s")).first else { return XCTFail("no save") }
        XCTAssertEqual(state.actions.editor?.saving.isSaving, true)
        let unreachable = "Store unreachable (connection refused); retrying every second."
        XCTAssertEqual(state.send(.store(.failed(StoreFailure(reason: .other, message: unreachable)))), [])
        XCTAssertEqual(state.status?.text, unreachable)
        XCTAssertEqual(state.status?.kind, .error)
        XCTAssertNil(state.actions.pendingEditorSave)
        XCTAssertEqual(state.actions.editor?.saving.isSaving, false, "Ctrl-S saves again")
        XCTAssertEqual(state.actions.editor?.isDirty, true, "what was typed is kept")
    }

    /// Through the shell: Ctrl-S, more keys and Ctrl-S in one burst; the store's
    /// answer to the first keeps the keys and sends the second as an update.
    func testKeysAndASecondSaveInTheSameBurstAsCtrlSAreKept() {
        state.pressAndOpen(.down, .enter)
        state.press(.end)
        state.type("!")
        let effects = state.press(.ctrl("s"))
        guard case let .actions(.update(first))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        state.type("?")
        XCTAssertEqual(state.press(.ctrl("s")), [], "not sent with the version the first save used")
        var stored = first
        stored.version += 1
        let next = state.send(.actions(.saved(stored)))
        guard case let .actions(.update(second))? = next.first, next.count == 1 else { return XCTFail("\(next)") }
        XCTAssertEqual(second.version, stored.version)
        XCTAssertEqual(second.name, Fixtures.crmLead.name + "!?")
        XCTAssertEqual(state.actions.editor?.isDirty, true, "'?' is not saved until the second answer")
        XCTAssertEqual(state.actions.pendingEditorSave, stored.id)
        var storedAgain = second
        storedAgain.version += 1
        XCTAssertEqual(state.send(.actions(.saved(storedAgain))), [])
        XCTAssertEqual(state.actions.editor?.isDirty, false)
    }

    func testEditOpensTheFormOnTheSelectedActionAndSaveIsAnUpdate() {
        state.pressAndOpen(.down, .enter)
        XCTAssertEqual(state.actions.editor, ActionEditorState(editing: Fixtures.crmLead, existingFunctionNames: state.actions.index.functionNames))
        var expected = Fixtures.crmLead
        expected.name += "!"
        XCTAssertEqual(ActionsPage.apply(.save(expected, isNew: false), &state), [.actions(.update(expected))])

        state = Fixtures.state()
        state.pressAndOpen(.character("e"))
        XCTAssertEqual(state.actions.editor?.title, "Edit: Check account status")
    }

    func testEnterAsksTheStoreForTheActionAndOpensTheEditorWhenItComes() {
        state.press(.down)
        XCTAssertEqual(state.press(.enter), [.actions(.open(Fixtures.crmLead.id))])
        XCTAssertNil(state.actions.editor, "not until the full action is read")
        XCTAssertEqual(state.actions.pendingOpen, Fixtures.crmLead.id)
        XCTAssertEqual(state.status?.text, "Opening 'Create CRM lead'…")
        XCTAssertTrue(state.screen.contains("Opening 'Create CRM lead'…"))

        var stored = Fixtures.crmLead
        stored.version = 3  // changed since the list was loaded
        XCTAssertEqual(state.send(.actions(.opened(stored))), [])
        XCTAssertEqual(state.actions.editor, ActionEditorState(editing: stored, existingFunctionNames: state.actions.index.functionNames))
        XCTAssertEqual(state.actions.editorActionID, stored.id)
        XCTAssertNil(state.actions.pendingOpen)
        XCTAssertNil(state.status, "the opening note goes")
        XCTAssertEqual(state.actions.index.action(stored.id)?.version, 3, "the list took the fresher summary")
        XCTAssertEqual(ActionsPage.apply(.save(stored, isNew: false), &state), [.actions(.update(stored))])
    }

    /// The answer clears the opening note by its tag, not by its words: a
    /// message that only reads the same stays.
    func testTheOpeningNoteIsClearedByItsTagNotItsText() {
        state.press(.down, .enter)
        XCTAssertEqual(state.status?.awaiting, .actionOpen)
        state.status = StatusMessage("Opening 'Create CRM lead'…", kind: .info)
        state.send(.actions(.opened(Fixtures.crmLead)))
        XCTAssertEqual(state.status?.text, "Opening 'Create CRM lead'…")
    }

    func testAnOpenedActionThatWasNotAskedForIsIgnored() {
        XCTAssertEqual(state.send(.actions(.opened(Fixtures.crmLead))), [], "nothing asked")
        XCTAssertNil(state.actions.editor)

        XCTAssertEqual(state.press(.enter), [.actions(.open(Fixtures.accountStatus.id))])
        state.send(.actions(.opened(Fixtures.crmLead)))
        XCTAssertNil(state.actions.editor, "a different row than the one asked for")
        XCTAssertEqual(state.actions.pendingOpen, Fixtures.accountStatus.id)

        // Asking again for another row supersedes the first request.
        XCTAssertEqual(state.press(.down, .enter), [.actions(.open(Fixtures.crmLead.id))])
        state.send(.actions(.opened(Fixtures.accountStatus)))
        XCTAssertNil(state.actions.editor)
        state.send(.actions(.opened(Fixtures.crmLead)))
        XCTAssertEqual(state.actions.editor?.title, "Edit: Create CRM lead")
        // An answer that comes twice doesn't reopen or replace the form.
        state.send(.input(.paste("!")))
        state.send(.actions(.opened(Fixtures.crmLead)))
        XCTAssertEqual(state.actions.editor?.isDirty, true)
    }

    func testOpeningAnActionDeletedElsewhereSaysSoAndDropsTheRow() {
        state.press(.down)
        XCTAssertEqual(state.press(.enter), [.actions(.open(Fixtures.crmLead.id))])
        let failure = StoreFailure(reason: .notFound, message: "no action with ID 'x'.", actionID: Fixtures.crmLead.id)
        XCTAssertEqual(state.send(.actions(.failed(failure))), [])
        XCTAssertNil(state.actions.editor)
        XCTAssertNil(state.actions.pendingOpen)
        XCTAssertEqual(state.status?.kind, .error)
        XCTAssertEqual(state.status?.text, "'Create CRM lead' was deleted elsewhere; it is gone from the list")
        XCTAssertNil(state.actions.index.action(Fixtures.crmLead.id))
        XCTAssertEqual(state.actions.index.count, 8)
        XCTAssertNotNil(state.actions.selectedAction)
        // A late answer for it doesn't open anything.
        state.send(.actions(.opened(Fixtures.crmLead)))
        XCTAssertNil(state.actions.editor)
    }

    func testTheDetailsStripShowsWhatTheSummaryCarries() {
        state = Fixtures.state(width: 160, height: 30)
        state.press(.down)
        let schema = Fixtures.crmLead.customInput!.inputSchema
        XCTAssertTrue(state.screen.contains(
            "Schema \(schema.properties.count) properties, \(schema.requiredNames.count) required"), state.screen)
        state.press(.character("2"))
        var seen = ""
        for _ in 0..<4 {
            seen += state.screen
            state.press(.down)
        }
        XCTAssertTrue(seen.contains("Presses 1#"), seen)
        XCTAssertTrue(seen.contains("Briefing Caller has symptoms to discuss"), seen)
        XCTAssertTrue(seen.contains("Transfers to +14155550100"), seen)
    }

    func testStoreFailureForTheEditedActionGoesToTheEditor() {
        state.pressAndOpen(.enter)
        var changed = Fixtures.accountStatus
        changed.name = "x"
        _ = ActionsPage.apply(.save(changed, isNew: false), &state)
        let failure = StoreFailure(reason: .conflict(current: nil), message: "Changed elsewhere", actionID: Fixtures.accountStatus.id)
        state.send(.actions(.failed(failure)))
        XCTAssertEqual(state.actions.editor?.hasOpenPrompt, true)
        XCTAssertEqual(state.status?.kind, .error)
        XCTAssertEqual(state.status?.text, "Changed elsewhere")
    }

    func testKeysTheShellTakesFromTheEditor() {
        state.pressAndOpen(.enter)
        // F1 opens help from anywhere in the form.
        state.press(.function(1))
        XCTAssertEqual(state.overlay, .help(scroll: 0))
        XCTAssertTrue(Console.render(state).text.contains("Help — Edit: Check account status"))
        state.press(.escape)
        // While a text field has the focus, `?` and `q` are text, not commands.
        XCTAssertEqual(state.actions.editor?.capturesTextInput, true)
        XCTAssertEqual(state.press(.character("?")), [])
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.press(.character("q")), [])
        XCTAssertEqual(state.actions.editor?.isDirty, true, "both went into the name")
        state.press(.ctrl("p"))
        guard case .palette? = state.overlay else { return XCTFail() }
        XCTAssertEqual(Command.matching("", in: state), [.help, .quit, .toggleAsksOptionalFields, .toggleReadsBack])
        state.press(.escape)
        // Ctrl-C always reaches the shell, which asks because the form changed.
        XCTAssertEqual(state.press(.ctrl("c")), [])
        XCTAssertEqual(state.overlay, .confirmQuit)
        XCTAssertEqual(state.press(.character("y")), [.quit])
    }

    func testQuitWithoutUnsavedChanges() {
        XCTAssertEqual(state.press(.character("q")), [.quit])
        XCTAssertEqual(state.press(.ctrl("c")), [.quit])
    }

    func testQuitWithUnsavedChangesAsksFirst() {
        state.pressAndOpen(.enter)
        state.send(.input(.paste(" (copy)")))
        XCTAssertEqual(state.actions.editor?.isDirty, true)
        XCTAssertEqual(state.press(.ctrl("c")), [])
        XCTAssertEqual(state.overlay, .confirmQuit)
        XCTAssertTrue(state.screen.contains("Discard unsaved changes and quit? y/N"))
        XCTAssertEqual(state.press(.character("n")), [])
        XCTAssertNil(state.overlay)
        XCTAssertNotNil(state.actions.editor)
        XCTAssertEqual(state.press(.ctrl("c")), [])
        XCTAssertEqual(state.overlay, .confirmQuit)
        XCTAssertEqual(state.press(.escape), [])
        state.press(.ctrl("c"))
        XCTAssertEqual(state.press(.character("y")), [.quit])
        XCTAssertEqual(state.press(.ctrl("c"), .ctrl("c")), [.quit], "Ctrl-C twice quits")
    }

    func testCtrlCQuitsFromDialogsToo() {
        for opener in [Key.character("n"), .character("d"), .character("?"), .character(":")] {
            state = Fixtures.state()
            state.press(opener)
            XCTAssertNotNil(state.overlay)
            XCTAssertEqual(state.press(.ctrl("c")), [.quit], "\(opener)")
        }
        state = Fixtures.state()
        state.press(.character("/"))
        XCTAssertEqual(state.press(.ctrl("c")), [.quit])
    }

    func testEditorCloseReturnsToTheListAndForgetsTheAction() {
        state.pressAndOpen(.down, .down, .character("e"))
        XCTAssertEqual(state.actions.editorActionID, Fixtures.reserver.id)
        _ = ActionsPage.apply(.close, &state)
        XCTAssertNil(state.actions.editor)
        XCTAssertNil(state.actions.editorActionID)
        XCTAssertEqual(selectedName, "Réserver un créneau")
        XCTAssertEqual(state.focus, .page)
    }

    func testFailuresOfOtherActionsDoNotReachTheEditor() {
        state.pressAndOpen(.enter)
        state.send(.actions(.failed(StoreFailure(reason: .conflict(current: nil), message: "Elsewhere", actionID: Fixtures.billing.id))))
        XCTAssertEqual(state.actions.editor?.hasOpenPrompt, false)
        XCTAssertEqual(state.status?.text, "Elsewhere")
    }

    // MARK: Store messages, ticks, resize

    func testTheFirstMessageAsksForTheActionsOnceIfNoneCameYet() {
        state = Fixtures.state(nil)
        XCTAssertEqual(state.send(.tick), [.actions(.load)])
        XCTAssertEqual(state.send(.tick), [])
        XCTAssertTrue(state.screen.contains("Loading actions…"))
        state.send(.actions(.loaded(ActionList(Fixtures.all.map(\.summary)))))
        XCTAssertFalse(state.screen.contains("Loading actions…"))

        state = Fixtures.state(nil)
        XCTAssertEqual(state.press(.character("q")), [.actions(.load), .quit])
        state = Fixtures.state()
        XCTAssertEqual(state.send(.tick), [], "already loaded")
    }

    /// The runtime asks for the actions at start (`Console.start`): a key that
    /// arrives before they do must not ask for them a second time.
    func testAKeyBeforeTheFirstLoadDoesNotAskForTheActionsTwice() {
        state = Fixtures.state(nil)
        XCTAssertEqual(Console.start(&state), [.actions(.load), .secrets(.load)])
        XCTAssertEqual(state.press(.character("j")), [])
        XCTAssertEqual(state.send(.tick), [])
        XCTAssertTrue(state.screen.contains("Loading actions…"))
    }

    func testLoadedActionsReplaceTheListAndKeepTheCursor() {
        state.press(.down, .down)
        var list = Fixtures.all
        list.removeAll { $0.id == Fixtures.crmLead.id }
        state.send(.actions(.loaded(ActionList(list.map(\.summary)))))
        XCTAssertEqual(selectedName, "Réserver un créneau")
        XCTAssertEqual(state.actions.index.count, 8)
        state.send(.actions(.loaded(ActionList((list + list).map(\.summary)))))
        XCTAssertEqual(state.actions.index.count, 8, "duplicates are dropped")
    }

    func testSavedActionMovesBetweenTabsWhenItsKindChanges() {
        var changed = Fixtures.crmLead
        changed.configuration = .transferCalls(TransferCallsConfiguration(phoneNumber: "+15550001111"))
        changed.version = 2
        state.send(.actions(.saved(changed)))
        XCTAssertEqual(state.actions.index.count(in: .customExternal), 4)
        XCTAssertEqual(state.actions.index.count(in: .call), 5)
        state.press(.character("2"))
        XCTAssertTrue(state.actions.current.visible.contains(state.actions.index.position(of: changed.id)!))
        XCTAssertEqual(state.actions.index.action(changed.id)?.version, 2)
    }

    func testStatusMessageFadesThenGoes() {
        state.send(.actions(.deleted(Fixtures.goodbye.id)))
        XCTAssertFalse(state.status!.isFading)
        for _ in 0..<(StatusMessage.lifetime - StatusMessage.fadeTicks) { state.send(.tick) }
        XCTAssertTrue(state.status!.isFading)
        for _ in 0..<StatusMessage.fadeTicks { state.send(.tick) }
        XCTAssertNil(state.status)
    }

    func testNoticeShowsAtStart() {
        let s = ConsoleState(width: 80, height: 24, storeDescription: "/tmp/s.sqlite", readOnly: false, notice: "Imported 3 actions")
        XCTAssertTrue(Console.render(s).lines[22].contains("Imported 3 actions"))
    }

    func testResizeUpdatesTheSizeAndRecoversFromTooSmall() {
        state.send(.input(.resize(width: 50, height: 10)))
        XCTAssertEqual(Console.render(state).width, 50)
        XCTAssertTrue(state.screen.contains("Make the window at least 60×16"))
        XCTAssertTrue(state.screen.contains("(now 50×10)"))
        state.send(.input(.resize(width: 100, height: 30)))
        XCTAssertTrue(state.screen.contains("Custom External Actions (5)"))
        for (w, h) in [(0, 0), (1, 1), (-5, -5), (60, 16), (1000, 2)] {
            state.send(.input(.resize(width: w, height: h)))
            let buffer = Console.render(state)
            XCTAssertEqual(buffer.width, max(0, w))
            XCTAssertEqual(buffer.height, max(0, h))
        }
    }

    // MARK: Read-only

    func testReadOnlyRefusesToCreateEditOrDeleteAndSaysWhy() {
        state = Fixtures.state(readOnly: true)
        for key in [Key.character("n"), .enter, .character("e"), .character("d")] {
            XCTAssertEqual(state.press(key), [])
            XCTAssertNil(state.overlay)
            XCTAssertNil(state.actions.editor)
            XCTAssertEqual(state.status?.kind, .error)
            XCTAssertTrue(state.status!.text.hasPrefix("Read-only store"), state.status!.text)
            state.status = nil
        }
        state.press(.character(":"))
        state.type("delete")
        XCTAssertEqual(state.press(.enter), [])
        XCTAssertNil(state.overlay)
        XCTAssertTrue(state.screen.contains("read-only"))
        // Looking around still works.
        state.press(.down, .character("/"))
        state.type("crm")
        XCTAssertEqual(selectedName, "Create CRM lead")
    }
}
