import ActionModel
import CallSimulation
import Foundation
import Screen
import XCTest
@testable import Console

/// The rough edges a new user hit (issue 12), one test each: typing on a
/// filter never runs a global key, statuses stay with their page, a refused
/// save drops "✓ Saved", ending a call asks, the Calls page opens on the
/// newest call, the demo from the palette, one filter for both tabs, the
/// sidebar at 60 columns, and help that wraps.
final class ConsoleFixesTests: XCTestCase {
    // MARK: Printable keys go to the text being typed

    func testTypingECapitalInTheWebhooksFilterTypesIt() {
        var state = WebhookFixtures.state()
        state.send(.secrets(.loaded(SecretsOverview())))
        state.press(.character("/"))
        XCTAssertEqual(state.type("E"), [], "E is text here, not the environment picker")
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.webhooks.filter.text, "E")
        // Outside the filter, E still opens the picker.
        state.press(.enter)
        state.press(.character("E"))
        guard case .environmentPicker? = state.overlay else { return XCTFail("\(String(describing: state.overlay))") }
    }

    // MARK: Status line

    func testAStatusDoesNotFollowYouToAnotherPage() {
        var state = PageFixtures.state()
        state.send(.actions(.saved(Fixtures.crmLead)))
        XCTAssertTrue(state.screen.contains("Saved 'Create CRM lead'"), state.screen)
        state.press(.function(4))
        XCTAssertNil(state.status)
        XCTAssertFalse(state.screen.contains("Saved 'Create CRM lead'"), state.screen)
        // Staying on the page keeps it.
        state.send(.actions(.saved(Fixtures.crmLead)))
        state.press(.function(4))
        XCTAssertNotNil(state.status)
    }

    func testARefusedSaveClearsTheEarlierSavedStatus() {
        var state = Fixtures.state()
        state.pressAndOpen(.enter)
        state.send(.actions(.saved(Fixtures.crmLead)))
        XCTAssertEqual(state.status?.kind, .success)
        // Empty the name: the form refuses Ctrl-S.
        state.actions.editor?.values.name.setText("")
        XCTAssertEqual(state.press(.ctrl("s")), [])
        XCTAssertNil(state.status, "'✓ Saved' must not stay while the form says it was not saved")
        XCTAssertTrue(state.actions.editor?.message?.hasPrefix("Not saved") == true)
        XCTAssertFalse(state.screen.contains("✓ Saved"), state.screen)
    }

    func testAReadOnlyAgentSaveClearsTheSavedStatus() {
        var state = PageFixtures.state(readOnly: true)
        state.press(.function(3))
        state.status = StatusMessage("Saved agent 'Front desk'", kind: .success)
        state.agents.form = AgentFormState(editing: PageFixtures.frontDesk, choices: [], takenNames: [])
        XCTAssertEqual(state.press(.ctrl("s")), [])
        XCTAssertNil(state.status)
        XCTAssertTrue(state.agents.form?.message?.hasPrefix("Not saved") == true)
    }

    // MARK: Ending a call asks

    func testEscOnAnEmptyLineAsksBeforeHangingUp() {
        var state = CallScript.answered()
        let id = state.callID!
        XCTAssertEqual(state.press(.escape), [], "asks, does not hang up")
        XCTAssertEqual(state.overlay, .confirmHangUp(id, quitting: false))
        XCTAssertTrue(state.screen.contains("Hang up this call? y/N"), state.screen)
        XCTAssertEqual(state.press(.character("n")), [])
        XCTAssertNil(state.overlay)
        XCTAssertFalse(state.callPane?.hasEnded ?? true)
        state.press(.escape)
        XCTAssertEqual(state.press(.character("y")), [.call(.end(id))])
        XCTAssertNil(state.overlay)
    }

    func testCtrlCDuringALiveCallAsksThenHangsUpAndQuits() {
        var state = CallScript.answered()
        let id = state.callID!
        XCTAssertEqual(state.press(.ctrl("c")), [], "a stray Ctrl-C must not drop the call")
        XCTAssertEqual(state.overlay, .confirmHangUp(id, quitting: true))
        XCTAssertTrue(state.screen.contains("Hang up and quit? y/N"), state.screen)
        XCTAssertEqual(state.press(.escape), [])
        XCTAssertEqual(state.press(.ctrl("c"), .character("y")), [.call(.end(id)), .quit])
        var twice = CallScript.answered()
        XCTAssertEqual(twice.press(.ctrl("c"), .ctrl("c")), [.call(.end(twice.callID!)), .quit], "Ctrl-C twice quits")
    }

    // MARK: Calls page

    func testTheCallsPageOpensOnTheNewestCall() {
        var state = PageFixtures.state()
        state.press(.function(4))
        state.send(.calls(.loaded(PageFixtures.calls)))
        state.press(.down, .down)
        XCTAssertEqual(state.calls.selectedEntry?.call.id, PageFixtures.liveCall.id)
        state.press(.function(2))
        XCTAssertEqual(state.press(.function(4)), [.calls(.load)])
        // A new call came in meanwhile, newest first.
        let newest = CallListEntry(call: CallRecord(id: PageFixtures.callID("newestca11000000"), agentID: nil, agentName: "Front desk",
                                                    startedAt: PageFixtures.time(11, 0), origin: "console"),
                                   eventCount: 2, actionIDs: [])
        state.send(.calls(.loaded([newest] + PageFixtures.calls)))
        XCTAssertEqual(state.calls.selectedEntry?.call.id, newest.call.id)
        // A reload on the page keeps the cursor where it is.
        state.press(.down)
        state.send(.calls(.loaded([newest] + PageFixtures.calls)))
        XCTAssertEqual(state.calls.selectedEntry?.call.id, PageFixtures.ticketCall.id)
    }

    // MARK: Palette

    func testTheDemoWorkspaceLoadsFromThePalette() {
        var state = Fixtures.state()
        state.demoOffer = DemoWorkspaceOffer(actionCount: 4, agentName: "Demo front desk")
        state.press(.character(":"))
        state.type("demo")
        XCTAssertTrue(state.screen.contains("Load demo workspace"), state.screen)
        XCTAssertEqual(state.press(.enter), [.store(.loadDemoWorkspace)])
        XCTAssertEqual(state.status?.text, "Loading the demo workspace…")
        // Not offered when the runtime has no demo to load, nor run read-only.
        var none = Fixtures.state()
        none.press(.character(":"))
        none.type("demo")
        XCTAssertFalse(none.screen.contains("Load demo workspace"), none.screen)
        var readOnly = Fixtures.state(readOnly: true)
        readOnly.demoOffer = DemoWorkspaceOffer(actionCount: 4, agentName: "Demo front desk")
        readOnly.press(.character(":"))
        readOnly.type("demo")
        XCTAssertEqual(readOnly.press(.enter), [])
        XCTAssertEqual(readOnly.status?.kind, .error)
    }

    // MARK: Filter

    func testTheFilterIsKeptAcrossTabsAndEachTabCountsItsMatches() {
        var state = Fixtures.state(width: 120)
        state.press(.character("/"))
        state.type("tr")
        // Custom: Track my order (and others with t…r); Call: Transfer to billing, …
        let custom = state.actions.tabs[ActionsTab.customExternal.rawValue].visible.count
        let call = state.actions.tabs[ActionsTab.call.rawValue].visible.count
        XCTAssertGreaterThan(custom, 0)
        XCTAssertGreaterThan(call, 0)
        XCTAssertTrue(state.screen.contains("Custom External Actions (\(custom) of 5)"), state.screen)
        XCTAssertTrue(state.screen.contains("Call Actions (\(call) of 4)"), state.screen)
        state.press(.enter, .character("]"))
        XCTAssertEqual(state.actions.tab, .call)
        XCTAssertEqual(state.actions.current.filter.text, "tr")
        XCTAssertEqual(state.actions.current.visible.count, call)
        // Esc clears it on both.
        state.press(.escape)
        XCTAssertEqual(state.actions.tabs[ActionsTab.customExternal.rawValue].filter.text, "")
        XCTAssertEqual(state.actions.tabs[ActionsTab.customExternal.rawValue].visible.count, 5)
        XCTAssertTrue(state.screen.contains("Custom External Actions (5)"), state.screen)
    }

    // MARK: Sidebar and help

    func testTheSidebarCountNeverTouchesItsLabelAt60Columns() {
        var state = WebhookFixtures.state(width: 60, height: 20)
        state.send(.agents(.loaded(PageFixtures.agents)))
        var entries = WebhookFixtures.entries
        while entries.count < 1200 { entries += WebhookFixtures.entries }
        state.send(.webhooks(.loaded(entries, definedSecrets: WebhookFixtures.definedSecrets)))
        // The sidebar is the first 15 columns at this width.
        let sidebar = state.screen.split(separator: "\n").map { String($0.prefix(15)) }
        let row = sidebar.first { $0.contains("▸") } ?? ""
        XCTAssertEqual(row, "│ ▸ Web… \(entries.count) │", "a blank cell between the label and its count")
        let agents = sidebar.first { $0.contains("Agents") } ?? ""
        XCTAssertEqual(agents, "│   Agents  3 │")
    }

    func testHelpUsesTheWidthAndWrapsLongLines() {
        var state = CallScript.answered()
        state.width = 60
        state.height = 40
        state.press(.function(1))
        let rows = Renderer.helpRows(state)
        XCTAssertGreaterThan(rows.count, Renderer.helpLines(state).count, "long descriptions wrap onto rows of their own")
        let screen = state.screen
        // The Ctrl-Y line is longer than the box: its end is on the next row, not cut.
        XCTAssertTrue(screen.contains("(clipboard and a file)") || screen.contains("and a file)"), screen)
        XCTAssertFalse(screen.contains("…\u{2502}") && screen.contains("copy the last request as curl, secrets…"), screen)
        var wide = CallScript.answered()
        wide.width = 160
        wide.press(.function(1))
        XCTAssertEqual(Renderer.helpWidth(wide), 110)
        XCTAssertEqual(Renderer.helpRows(wide).count, Renderer.helpLines(wide).count, "wide enough: nothing wraps")
    }

    // MARK: Table columns

    func testColumnRulesDropInOrderAndShareTheSpareWidth() {
        let rules = [
            ColumnRule(title: "Name", shortTitle: "Name", minimum: 10, wanted: 20),
            ColumnRule(title: "Description", shortTitle: "Desc", minimum: 10, wanted: 10, share: 3),
            ColumnRule(title: "Trigger", shortTitle: "Trig", minimum: 8, wanted: 14, share: 1),
            ColumnRule(title: "Phone", shortTitle: "Phone", minimum: 12, wanted: 12, dropOrder: 2),
            ColumnRule(title: "ID", shortTitle: "ID", minimum: 20, wanted: 20, dropOrder: 1),
        ]
        // Room for everything: each has what it wants, the rest goes 3:1 to description and trigger.
        XCTAssertEqual(TableColumns.widths(rules, total: 100, gap: 1), [20, 10 + 15, 14 + 5, 12, 20])
        // Less room: the ID goes first, whole (never cut).
        XCTAssertEqual(TableColumns.widths(rules, total: 70, gap: 1), [20, 10 + 9, 14 + 2, 12, 0])
        // Then the phone; the others grow in proportion to what they lack.
        XCTAssertEqual(TableColumns.widths(rules, total: 40, gap: 1), [17, 10, 11, 0, 0])
        // Dropped columns take no gap: the next column starts where the dropped one would have.
        XCTAssertEqual(ListChrome.columnXs([5, 0, 3], x: 1, gap: 2), [1, 8, 8])
    }

    func testTheCallActionsTabHasAKindColumnAndNarrowScreensDropTheIDFirst() {
        var wide = Fixtures.state(width: 120, height: 30)
        XCTAssertTrue(wide.screen.contains("act_2b4d6f8h0j2k4m6n"), "wide: the ID is shown whole\n" + wide.screen)
        XCTAssertFalse(wide.screen.contains("Phone Number"), "no custom action has a phone: no Phone column\n" + wide.screen)
        wide.press(.character("2"))
        XCTAssertTrue(wide.screen.contains("Kind"), wide.screen)
        XCTAssertTrue(wide.screen.contains("Warm Transfer"), wide.screen)
        XCTAssertTrue(wide.screen.contains("+442071838750"), "the phone column fits its numbers\n" + wide.screen)
        var narrow = Fixtures.state(width: 80)
        let header = narrow.screen.split(separator: "\n").first { $0.contains("Name ↑") } ?? ""
        XCTAssertFalse(header.contains(" ID "), "80 columns: no ID column (the details strip has it)\n" + narrow.screen)
        XCTAssertTrue(narrow.screen.contains("ID act_2b4d6f8h0j2k4m6n"), narrow.screen)
        narrow.press(.character("2"))
        XCTAssertTrue(narrow.screen.contains("Kind"), narrow.screen)
        XCTAssertFalse(narrow.screen.contains("Phone Number"), "the phone goes before name, kind, description, trigger\n" + narrow.screen)
    }

    // MARK: Undefined references

    func testTheCallPaneShowsAWarningBeforeTheCallGoesOn() {
        var state = CallScript.answered()
        state.send(.call(CallActivity(callID: state.callID!, kind: .warning(
            "'Create CRM lead' will not be sent here: {{secret.CRM_KEY}} is not defined"), time: CallScript.at(1))))
        XCTAssertTrue(state.screen.contains("⚠ 'Create CRM lead' will not be sent here"), state.screen)
    }

    func testTheSecretsPageListsReferencesNothingDefines() {
        var state = Fixtures.state(width: 120, height: 30)
        state.press(.function(7))
        state.send(.secrets(.loaded(SecretsOverview(secrets: [SecretSummary(name: "OPENAI_KEY", hasDefault: true)], undefined: [
            UndefinedReference(reference: "{{secret.CRM_KEY}}", actionNames: ["Create CRM lead"]),
            UndefinedReference(reference: "{{env.BASE_URL}}", actionNames: ["A", "B"]),
        ]))))
        XCTAssertTrue(state.screen.contains("Referenced but not defined: {{secret.CRM_KEY}} (Create CRM lead), {{env.BASE_URL}} (2 actions)"),
                      state.screen)
        state.send(.secrets(.loaded(SecretsOverview(secrets: [SecretSummary(name: "OPENAI_KEY", hasDefault: true)]))))
        XCTAssertFalse(state.screen.contains("Referenced but not defined"), state.screen)
        XCTAssertTrue(state.screen.contains("Values are never shown"), state.screen)
    }

    // MARK: Placeholders

    func testACutPlaceholderEndsWithAnEllipsis() {
        var state = CallScript.answered()
        state.width = 60
        state.height = 16
        XCTAssertTrue(state.screen.contains("Caller › type what the caller says, ⏎ to…"), state.screen)
        var buffer = ScreenBuffer(width: 12, height: 1)
        buffer.putPlaceholder("e.g. https://api.example.com", x: 0, y: 0, maxX: 12)
        XCTAssertEqual(buffer.text.trimmingCharacters(in: .whitespacesAndNewlines), "e.g. https:…")
        XCTAssertEqual(buffer[0, 0].style, Style(.placeholder))
    }

    // MARK: Filter ranking and highlight

    func testFilterRanksTheExactNameThenWordPrefixesThenLooseMatches() {
        func key(_ name: String, _ rest: String = "") -> [UInt8] { ActionIndex.fold(name + "\n" + rest) }
        let query = ActionIndex.foldQuery("lead")
        XCTAssertEqual(FilterRanking.tier(key("Lead"), query), 0)
        XCTAssertEqual(FilterRanking.tier(key("Create CRM lead"), query), 1)
        XCTAssertEqual(FilterRanking.tier(key("Misleading"), query), 2)
        XCTAssertEqual(FilterRanking.tier(key("Check", "creates a lead"), query), 2)
        XCTAssertEqual(FilterRanking.tier(key("Look up the card"), query), 3)
        XCTAssertEqual(FilterRanking.tier(key("Create CRM lead"), ActionIndex.foldQuery("create crm lead")), 0)

        var state = Fixtures.state()
        state.press(.character("/"))
        state.type("lead")
        let names = state.actions.current.visible.map { state.actions.index.actions[$0].name }
        XCTAssertEqual(names.first, "Create CRM lead", "\(names)")
        XCTAssertGreaterThan(names.count, 1, "the loose matches stay, after it")
        // Reversing the sort keeps the best match first.
        state.press(.enter, .character("S"))
        XCTAssertEqual(state.actions.current.visible.map { state.actions.index.actions[$0].name }.first, "Create CRM lead")
    }

    /// Ranking is skipped (list order kept) only for a query so broad it
    /// matches more than `rankingLimit` actions: the keystroke stays cheap.
    func testRankingStopsAboveItsLimitAndKeepsTheListOrder() {
        let keys = [ActionIndex.fold("Misleading\n"), ActionIndex.fold("Lead\n")]
        let query = ActionIndex.foldQuery("lead")
        XCTAssertEqual(FilterRanking.ranked([0, 1], keys: keys, query: query), [1, 0], "the exact name first")
        let many = Array(repeating: 0, count: FilterRanking.rankingLimit) + [1]
        XCTAssertEqual(FilterRanking.ranked(many, keys: keys, query: query), many, "above the limit: list order")
        let atLimit = Array(repeating: 0, count: FilterRanking.rankingLimit - 1) + [1]
        XCTAssertEqual(FilterRanking.ranked(atLimit, keys: keys, query: query).first, 1, "at the limit: ranked")
    }

    func testTheMatchedCharactersOfTheNameAreHighlighted() {
        XCTAssertEqual(FilterRanking.highlighted("Create CRM lead", query: ActionIndex.foldQuery("crm")), [7, 8, 9])
        XCTAssertEqual(FilterRanking.highlighted("Réserver un créneau", query: ActionIndex.foldQuery("res")), [0, 1, 2])
        XCTAssertEqual(FilterRanking.highlighted("Track my order", query: ActionIndex.foldQuery("tmo")), [0, 6, 9])
        XCTAssertEqual(FilterRanking.highlighted("Track", query: ActionIndex.foldQuery("zz")), [])

        var state = Fixtures.state()
        state.press(.character("/"))
        state.type("lead")
        // Keep the filter and move the cursor off the row (the loose matches follow it).
        state.press(.enter, .down)
        let buffer = Console.render(state)
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let row = lines.firstIndex(where: { $0.contains("Create CRM lead") }) else { return XCTFail(buffer.text) }
        let column = Array(lines[row]).firstIndex(of: "C")!
        let text = Array(lines[row])
        // "lead" at the end of the name: underlined, the rest not.
        let leadAt = column + 11
        XCTAssertEqual(String(text[leadAt..<(leadAt + 4)]), "lead")
        XCTAssertTrue(buffer[leadAt, row].style.underline, "\(buffer[leadAt, row].style)")
        XCTAssertEqual(buffer[leadAt, row].style.role, .accent)
        XCTAssertFalse(buffer[column, row].style.underline)
    }

    // MARK: Copy the ID

    func testYCopiesTheSelectedActionsIDAndSaysSo() {
        var state = Fixtures.state()
        let id = state.actions.selectedAction!.id.rawValue
        XCTAssertEqual(state.press(.character("y")), [.copyToClipboard(id)])
        XCTAssertTrue(state.screen.contains("Copied \(id)"), state.screen)
        // From the palette too; nothing selected says so.
        state.press(.character(":"))
        state.type("copy the selected")
        XCTAssertEqual(state.press(.enter), [.copyToClipboard(id)])
        var empty = Fixtures.state([])
        XCTAssertEqual(empty.press(.character("y")), [])
        XCTAssertEqual(empty.status?.text, "No action selected to copy the ID of")
    }

    // MARK: Editing the test request's sample values

    func testTheSampleValuesCanBeEditedAndSent() {
        var state = Fixtures.state()
        while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
        state.pressAndOpen(.enter)
        state.press(.ctrl("t"))
        XCTAssertTrue(state.screen.contains("e edit values"), state.screen)
        state.press(.character("e"))
        XCTAssertTrue(state.screen.contains("Sample values to send"), state.screen)
        XCTAssertTrue(state.screen.contains("› first_name*"), state.screen)
        // first_name: "Jo" → "Sam"; then a bad email is refused with the reason.
        state.press(.backspace, .backspace)
        state.type("Sam")
        state.press(.down)
        for _ in 0..<40 { state.press(.backspace) }
        state.type("not an email")
        XCTAssertEqual(state.press(.enter), [])
        XCTAssertTrue(state.actions.testPanel?.values?.problem?.hasPrefix("doesn't fit the schema") == true,
                      "\(String(describing: state.actions.testPanel?.values?.problem))")
        XCTAssertTrue(state.screen.contains("✗ doesn't fit the schema"), state.screen)
        for _ in 0..<40 { state.press(.backspace) }
        state.type("sam@example.com")
        let effects = state.press(.enter)
        guard case let .call(.sendTestRequest(request))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(request.invocation.arguments["first_name"], "Sam")
        XCTAssertEqual(request.invocation.arguments["email"], "sam@example.com")
        XCTAssertNil(state.actions.testPanel?.values)
        // Ctrl-T from the panel sends the same (edited) values again.
        let again = state.press(.ctrl("t"))
        guard case let .call(.sendTestRequest(second))? = again.first else { return XCTFail("\(again)") }
        XCTAssertEqual(second.invocation.arguments["first_name"], "Sam")
        // Esc in the values goes back to the result, then closes it.
        state.press(.character("e"), .escape)
        XCTAssertNil(state.actions.testPanel?.values)
        XCTAssertNotNil(state.actions.testPanel)
    }

    func testSampleValuesOtherThanStringsAreJSON() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "party_size", type: .integer, isRequired: true),
            SchemaProperty(name: "note"),
        ])
        var form = SampleValuesForm(schema: schema, arguments: ["party_size": 2, "note": "window"])
        XCTAssertEqual(form.fields.map(\.text.text), ["2", "window"])
        form.fields[0].text.setText("four")
        guard case let .failure(problem) = form.arguments(for: schema) else { return XCTFail("accepted “four”") }
        XCTAssertTrue(problem.message.hasPrefix("party_size: not JSON"), problem.message)
        form.fields[0].text.setText("4")
        form.fields[1].text.setText("")
        XCTAssertEqual(try form.arguments(for: schema).get(), ["party_size": 4])
    }

    // MARK: default and examples in the property form

    func testThePropertyFormSetsDefaultAndExamples() {
        var form = PropertyForm(property: SchemaProperty(name: "party_size", type: .integer), index: 0)
        XCTAssertEqual(Array(form.fieldOrder.suffix(2)), [.defaultValue, .examples])
        form.defaultValue.setText("2")
        form.examples.setText("2, 4, 6")
        XCTAssertEqual(form.property.extraKeywords["default"], .integer(2))
        XCTAssertEqual(form.property.extraKeywords["examples"], .array([.integer(2), .integer(4), .integer(6)]))
        XCTAssertNil(form.problem(for: .defaultValue, otherNames: []))
        form.defaultValue.setText("two")
        XCTAssertEqual(form.problem(for: .defaultValue, otherNames: []), "default: 'two' is not a number")
        form.examples.setText("2.5")
        XCTAssertEqual(form.problem(for: .examples, otherNames: []), "examples: '2.5' is not a whole number")
        // Emptied: the keyword goes.
        form.defaultValue.setText("")
        form.examples.setText("")
        XCTAssertNil(form.property.extraKeywords["default"])
        XCTAssertNil(form.property.extraKeywords["examples"])

        // A string property's values are as typed; an existing default and examples show in the form.
        var existing = SchemaProperty(name: "first_name")
        existing.extraKeywords["default"] = "Jo"
        existing.extraKeywords["examples"] = .array(["Jo", "Sam"])
        let reopened = PropertyForm(property: existing, index: 0)
        XCTAssertEqual(reopened.defaultValue.text, "Jo")
        XCTAssertEqual(reopened.examples.text, "Jo, Sam")
        XCTAssertEqual(reopened.property.extraKeywords["examples"], .array(["Jo", "Sam"]))
    }

    // MARK: The Calls list's Outcome column

    func testTheCallsListHasAnOutcomeColumn() {
        XCTAssertEqual(CallOutcome(responseData: ["status": 201, "result": [:]]), .answered(status: 201))
        XCTAssertEqual(CallOutcome(responseData: ["error": "server_error", "status": 500]), .failed)
        XCTAssertEqual(CallOutcome(responseData: ["error": "cancelled"]), .cancelled)
        XCTAssertEqual([CallOutcome.answered(status: 200), .failed, .cancelled].map(\.label), ["✓ 200", "✗ failed", "cancelled"])

        var state = PageFixtures.state()
        state.press(.function(4))
        state.send(.calls(.loaded(PageFixtures.calls)))
        let screen = state.screen
        XCTAssertTrue(screen.contains("Outcome"), screen)
        XCTAssertTrue(screen.contains("✓ 201"), screen)
        XCTAssertTrue(screen.contains("✗ failed"), screen)
    }
}

extension ConsoleFixesTests {
    /// Alt-T: the sample values are edited before the first request goes out.
    func testTheSampleValuesCanBeEditedBeforeTheFirstSend() {
        var state = Fixtures.state()
        while state.actions.selectedAction?.id != Fixtures.crmLead.id { state.press(.down) }
        state.pressAndOpen(.enter)
        XCTAssertEqual(state.press(.alt("t")), [], "nothing is sent yet")
        XCTAssertEqual(state.actions.testPanel?.unsent, true)
        XCTAssertFalse(state.wantsClockTicks, "no request in flight, no clock")
        XCTAssertTrue(state.screen.contains("Not sent yet"), state.screen)
        XCTAssertTrue(state.screen.contains("Sample values to send"), state.screen)
        state.press(.backspace, .backspace)
        state.type("Sam")
        let effects = state.press(.enter)
        guard case let .call(.sendTestRequest(request))? = effects.first, effects.count == 1 else { return XCTFail("\(effects)") }
        XCTAssertEqual(request.invocation.arguments["first_name"], "Sam")
        XCTAssertEqual(state.actions.testPanel?.pending, true)
        XCTAssertEqual(state.actions.testPanel?.unsent, false)

        // Esc before sending closes the panel and sends nothing.
        var other = Fixtures.state()
        while other.actions.selectedAction?.id != Fixtures.crmLead.id { other.press(.down) }
        other.pressAndOpen(.enter)
        other.press(.alt("t"))
        XCTAssertEqual(other.press(.escape), [])
        XCTAssertNil(other.actions.testPanel)
        XCTAssertNotNil(other.actions.editor, "back in the form")
    }
}
