import ActionModel
import Screen
import XCTest

@testable import Console

extension ActionEditorState {
    /// Moves the focus with Down/Up (as a person would) until it is on `field`.
    mutating func editorFocus(_ field: EditorField, file: StaticString = #filePath, line: UInt = #line) {
        for _ in 0..<40 where focus != field {
            let order = values.fieldOrder
            let here = order.firstIndex(of: focus) ?? 0
            let there = order.firstIndex(of: field) ?? 0
            _ = handle(.key(there > here ? .down : .up))
        }
        XCTAssertEqual(focus, field, "could not reach \(field)", file: file, line: line)
    }
}

private func savedAction(_ outcome: ActionEditorOutcome, file: StaticString = #filePath, line: UInt = #line) -> (Action, Bool)? {
    guard case let .save(action, isNew) = outcome else {
        XCTFail("expected .save, got \(outcome)", file: file, line: line)
        return nil
    }
    return (action, isNew)
}

final class EditorFormUpdateTests: XCTestCase {
    func newEditor(_ kind: ActionKind = .customInput, taken: Set<String> = ["check_status"]) -> ActionEditorState {
        ActionEditorState(creating: kind, existingFunctionNames: taken)
    }

    func testTitlesAndStartingState() {
        let state = newEditor()
        XCTAssertEqual(state.title, "New Custom Input action")
        XCTAssertFalse(state.isDirty)
        XCTAssertFalse(state.hasOpenPrompt)
        XCTAssertEqual(state.focus, .name)
        XCTAssertEqual(newEditor(.warmTransfer).title, "New Warm Transfer action")
        let editing = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead"])
        XCTAssertEqual(editing.title, "Edit: Create CRM lead")
        XCTAssertFalse(editing.isDirty)
    }

    func testTypingEditsTheFocusedFieldWithCursorKeys() {
        var state = newEditor()
        state.editorType("Create lead")
        XCTAssertEqual(state.values.name.text, "Create lead")
        state.editorKey(.left, times: 4)
        state.editorType("CRM ")
        XCTAssertEqual(state.values.name.text, "Create CRM lead")
        state.editorKey(.home)
        state.editorKey(.delete)
        state.editorType("c")
        XCTAssertEqual(state.values.name.text, "create CRM lead")
        state.editorKey(.end)
        state.editorKey(.backspace, times: 5)
        XCTAssertEqual(state.values.name.text, "create CRM")
        state.editorKey(.ctrl("u"))
        XCTAssertEqual(state.values.name.text, "")
        XCTAssertTrue(state.isDirty == false, "an emptied field is no change")
    }

    func testFunctionNameFollowsTheNameUntilEditedByHand() {
        var state = newEditor()
        state.editorType("Réserver un créneau")
        XCTAssertEqual(state.values.functionName.text, "reserver_un_creneau")
        state.editorKey(.down)
        state.editorKey(.backspace, times: 7)
        state.editorType("slot")
        XCTAssertEqual(state.values.functionName.text, "reserver_un_slot")
        state.editorKey(.up)
        state.editorType(" demain")
        XCTAssertEqual(state.values.name.text, "Réserver un créneau demain")
        XCTAssertEqual(state.values.functionName.text, "reserver_un_slot", "a hand-edited function name stays")
        // Clearing it hands it back to the name.
        state.editorKey(.down)
        state.editorKey(.ctrl("u"))
        state.editorKey(.up)
        state.editorType("!")
        XCTAssertEqual(state.values.functionName.text, "reserver_un_creneau_demain")
    }

    func testEditingKeepsTheStoredFunctionNameWhenRenamed() {
        var state = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead"])
        state.editorType(" v2")
        XCTAssertEqual(state.values.functionName.text, "create_crm_lead")
    }

    func testFieldIsValidatedWhenLeftAndMessageClearsOnceFixed() {
        var state = newEditor()
        state.editorFocus(.url)
        state.editorType("ftp://x.example.com")
        XCTAssertNil(state.errors[.url], "no message while typing")
        state.editorKey(.down)
        XCTAssertEqual(state.errors[.url], "'ftp' URLs can't be called; use http:// or https://")
        state.editorKey(.up)
        state.editorKey(.home)
        state.editorKey(.delete, times: 3)
        state.editorType("https")
        XCTAssertNil(state.errors[.url], "fixed: the message goes as you type")
        // Leaving an empty name also says so.
        state.editorFocus(.name)
        state.editorKey(.tab)
        XCTAssertEqual(state.errors[.name], FieldRules.name(""))
    }

    func testDuplicateFunctionNameIsAnError() {
        var state = newEditor(taken: ["Check_Status", "zabronirovat_stolik"])
        state.editorType("Check status")
        XCTAssertEqual(state.values.functionName.text, "check_status_2", "a derived name another action has gets a suffix")
        state.editorKey(.ctrl("u"))
        state.editorType("Забронировать столик")
        XCTAssertEqual(state.values.functionName.text, "zabronirovat_stolik_2", "non-Latin names are transliterated, then made unique")
        // Typed by hand, a name in use is still refused.
        state.editorKey(.down)
        state.editorKey(.ctrl("u"))
        state.editorType("check_status")
        state.editorKey(.down)
        XCTAssertEqual(state.errors[.functionName], "'check_status' is already the function name of another action; pick another")
        XCTAssertEqual(state.handle(.key(.ctrl("s"))), .none)
        XCTAssertEqual(state.focus, .functionName)
    }

    func testTimeoutMustBeAWholeNumberInRange() {
        var state = newEditor()
        state.editorFocus(.timeout)
        state.editorKey(.ctrl("u"))
        state.editorType("ten")
        state.editorKey(.down)
        XCTAssertEqual(state.errors[.timeout], "'ten' is not a whole number of seconds")
        state.editorKey(.up)
        state.editorKey(.ctrl("u"))
        state.editorType("0")
        XCTAssertEqual(state.errors[.timeout], FieldRules.timeout(0))
        state.editorKey(.backspace)
        state.editorType("30")
        XCTAssertNil(state.errors[.timeout])
    }

    func testCtrlSWithProblemsMovesFocusToTheFirstAndSavesNothing() {
        var state = newEditor()
        state.editorFocus(.url)
        state.editorType("not a url")
        state.editorFocus(.inputSchema)
        XCTAssertEqual(state.handle(.key(.ctrl("s"))), .none)
        XCTAssertEqual(state.focus, .name)
        XCTAssertNotNil(state.errors[.name])
        XCTAssertNotNil(state.errors[.functionName])
        XCTAssertNotNil(state.errors[.url])
        XCTAssertEqual(state.message, "Not saved: 3 fields need fixing.")
        // Fix the name: the first problem is now the URL.
        state.editorType("Check account")
        XCTAssertEqual(state.handle(.key(.ctrl("s"))), .none)
        XCTAssertEqual(state.focus, .url)
    }

    func testCtrlSSavesACompleteCustomInputAction() throws {
        var state = newEditor()
        state.editorType("Create CRM lead")
        state.editorFocus(.description)
        state.editorType("Creates a lead")
        state.editorKey(.down)
        state.editorType("https://api.example.com/leads")
        state.editorKey(.down)
        state.editorType("One moment.")
        state.editorKey(.down)
        state.editorType("Done: {{result.id}}")
        state.editorKey(.down)
        state.editorKey(.ctrl("u"))
        state.editorType("20")
        state.editorKey(.down)  // trigger
        state.editorKey(.right)
        state.editorKey(.down)  // phrases
        state.editorType("create a lead,  new lead ,")
        state.editorKey(.down)  // body format
        state.editorKey(.character(" "))
        state.editorKey(.down, times: 2)  // ask optional, read back
        state.editorKey(.down)  // + add header
        state.editorType("Authorization: Bearer abc")
        state.editorKey(.enter)  // a new line under it
        state.editorType("X-Team:growth")
        state.editorKey(.down)  // + add header
        state.editorKey(.down)  // secret
        state.editorType("c2VjcmV0")
        let (action, isNew) = try XCTUnwrap(savedAction(state.handle(.key(.ctrl("s")))))
        XCTAssertTrue(isNew)
        XCTAssertEqual(action.id, state.draftID)
        XCTAssertEqual(action.version, 1)
        XCTAssertEqual(action.name, "Create CRM lead")
        XCTAssertEqual(action.functionName, "create_crm_lead")
        XCTAssertEqual(action.description, "Creates a lead")
        XCTAssertEqual(action.trigger, .phrases(["create a lead", "new lead"]))
        let config = try XCTUnwrap(action.customInput)
        XCTAssertEqual(config.url, "https://api.example.com/leads")
        XCTAssertEqual(config.speakOnSend, "One moment.")
        XCTAssertEqual(config.speakOnReceive, "Done: {{result.id}}")
        XCTAssertEqual(config.timeoutSeconds, 20)
        XCTAssertEqual(config.bodyFormat, .argsAtRoot)
        XCTAssertEqual(config.headers, [HTTPHeader(name: "Authorization", value: "Bearer abc"), HTTPHeader(name: "X-Team", value: "growth")])
        XCTAssertEqual(config.signatureSecret, "c2VjcmV0")
        XCTAssertEqual(config.inputSchema, InputSchema())
        XCTAssertTrue(action.issues.isEmpty)
    }

    func testEmptyURLIsAllowedAndSavedAsNeedsURL() throws {
        var state = newEditor()
        state.editorType("Lookup")
        let (action, _) = try XCTUnwrap(savedAction(state.handle(.key(.ctrl("s")))))
        XCTAssertEqual(action.customInput?.url, nil)
        XCTAssertEqual(action.customInput?.needsURL, true)
    }

    func testPhoneKindsSaveTheirConfiguration() throws {
        var end = newEditor(.endConversation)
        end.editorType("Hang up")
        end.editorFocus(.goodbye)
        end.editorType("Goodbye!")
        XCTAssertEqual(try XCTUnwrap(savedAction(end.handle(.key(.ctrl("s"))))).0.configuration,
                       .endConversation(EndConversationConfiguration(goodbye: "Goodbye!")))

        var transfer = newEditor(.transferCalls)
        transfer.editorType("To sales")
        transfer.editorFocus(.phoneNumber)
        transfer.editorType("+14155550100")
        let transferred = try XCTUnwrap(savedAction(transfer.handle(.key(.ctrl("s"))))).0
        XCTAssertEqual(transferred.phoneNumber, "+14155550100")

        var dtmf = newEditor(.dtmf)
        dtmf.editorType("Press one")
        dtmf.editorFocus(.buttons)
        dtmf.editorType("1#")
        XCTAssertEqual(try XCTUnwrap(savedAction(dtmf.handle(.key(.ctrl("s"))))).0.configuration, .dtmf(DTMFConfiguration(buttons: "1#")))

        var warm = newEditor(.warmTransfer)
        warm.editorType("Warm to billing")
        warm.editorFocus(.summary)
        XCTAssertEqual(warm.handle(.key(.ctrl("s"))), .none)
        XCTAssertEqual(warm.focus, .phoneNumber, "the first problem is the phone number")
        warm.editorType("+442071838750")
        warm.editorKey(.down)
        warm.editorType("Caller wants a refund")
        XCTAssertEqual(try XCTUnwrap(savedAction(warm.handle(.key(.ctrl("s"))))).0.configuration,
                       .warmTransfer(WarmTransferConfiguration(phoneNumber: "+442071838750", summary: "Caller wants a refund")))
    }

    func testEditKeepsIDCreatedAtAndTheVersionRead() throws {
        let original = editorSampleAction()
        var state = ActionEditorState(editing: original, existingFunctionNames: ["create_crm_lead", "check_status"])
        state.editorFocus(.description)
        state.editorKey(.ctrl("u"))
        state.editorType("New text")
        let (action, isNew) = try XCTUnwrap(savedAction(state.handle(.key(.ctrl("s")))))
        XCTAssertFalse(isNew)
        XCTAssertEqual(action.id, original.id)
        XCTAssertEqual(action.createdAt, original.createdAt)
        XCTAssertEqual(action.updatedAt, original.updatedAt, "the store stamps it")
        XCTAssertEqual(action.version, 3)
        XCTAssertEqual(action.description, "New text")
        XCTAssertEqual(action.functionName, "create_crm_lead", "its own function name is no clash")
        XCTAssertEqual(action.configuration, original.configuration, "untouched fields come back as they were")
    }

    func testUntouchedFieldsComeBackExactlyAsStored() throws {
        var stored = editorSampleAction()
        stored.name = "  Spaced name "
        stored.trigger = .phrases([" hello ", "a, b"])
        guard case var .customInput(config) = stored.configuration else { return XCTFail() }
        config.url = ""
        config.headers = [HTTPHeader(name: "X-Pad", value: "value  ")]
        config.signatureSecret = ""
        stored.configuration = .customInput(config)
        var state = ActionEditorState(editing: stored, existingFunctionNames: [])
        state.editorFocus(.description)
        state.editorType("!")
        let (action, _) = try XCTUnwrap(savedAction(state.handle(.key(.ctrl("s")))))
        var expected = stored
        expected.description += "!"
        XCTAssertEqual(action, expected, "only the description changed; updatedAt is the store's to set")
    }

    func testMovingBetweenFields() {
        var state = newEditor(.dtmf)
        XCTAssertEqual(state.values.fieldOrder, [.name, .functionName, .description, .trigger, .buttons])
        state.editorKey(.up)
        XCTAssertEqual(state.focus, .name, "Up stops at the top")
        state.editorKey(.backTab)
        XCTAssertEqual(state.focus, .buttons, "Shift-Tab wraps")
        state.editorKey(.tab)
        XCTAssertEqual(state.focus, .name, "Tab wraps")
        state.editorKey(.enter)
        XCTAssertEqual(state.focus, .functionName, "Enter goes on to the next field")
        state.editorKey(.down, times: 10)
        XCTAssertEqual(state.focus, .buttons, "Down stops at the bottom")
    }

    func testTriggerAndBodyFormatCycle() {
        var state = newEditor()
        state.editorFocus(.trigger)
        state.editorKey(.character(" "))
        XCTAssertTrue(state.values.usesPhrases)
        XCTAssertTrue(state.values.fieldOrder.contains(.phrases))
        state.editorKey(.left)
        XCTAssertFalse(state.values.usesPhrases)
        state.editorFocus(.bodyFormat)
        state.editorKey(.right)
        XCTAssertEqual(state.values.bodyFormat, .argsAtRoot)
        state.editorKey(.character(" "))
        XCTAssertEqual(state.values.bodyFormat, .fluents)
    }

    func testPhrasesPastedOnSeparateLines() {
        var state = newEditor(.endConversation)
        state.editorFocus(.trigger)
        state.editorKey(.right)
        state.editorKey(.down)
        _ = state.handle(.paste("goodbye\nhave a nice day\r\n\nbye now"))
        XCTAssertEqual(state.values.trigger, .phrases(["goodbye", "have a nice day", "bye now"]))
        state.editorKey(.ctrl("u"))
        state.editorKey(.up)
        XCTAssertEqual(state.errors[.phrases], "add at least one phrase, or use the function-call trigger")
    }

    func testHeadersAddEditRemove() {
        var state = newEditor()
        state.editorFocus(.addHeader)
        state.editorKey(.enter)
        XCTAssertEqual(state.focus, .header(0))
        state.editorType("Host: example.com")
        state.editorKey(.enter)
        XCTAssertEqual(state.errors[.header(0)], "'Host' is set by Switchboard on every request; remove it")
        XCTAssertEqual(state.focus, .header(1))
        state.editorType("no colon here")
        state.editorKey(.down)
        XCTAssertEqual(state.errors[.header(1)], "write the header as 'Name: value'")
        // Ctrl-X removes a line; the messages follow their lines.
        state.editorKey(.up, times: 2)
        XCTAssertEqual(state.focus, .header(0))
        state.editorKey(.ctrl("x"))
        XCTAssertEqual(state.values.headers.map(\.text), ["no colon here"])
        XCTAssertNil(state.errors[.header(1)])
        XCTAssertEqual(state.errors[.header(0)], "write the header as 'Name: value'")
        // An emptied line goes away when left.
        state.editorKey(.ctrl("u"))
        state.editorKey(.down)
        XCTAssertTrue(state.values.headers.isEmpty)
        XCTAssertEqual(state.focus, .addHeader)
        XCTAssertFalse(state.errors.keys.contains(where: \.isHeader))
        // Duplicate names.
        _ = state.handle(.paste("X-A: 1\nx-a: 2"))
        XCTAssertEqual(state.values.headers.map(\.text), ["X-A: 1", "x-a: 2"])
        state.editorKey(.down)
        XCTAssertEqual(state.errors[.header(1)], "'x-a' is set twice; keep one")
    }

    /// The one header rule (SecretMasker): names always, placeholders always,
    /// only a sensitive header's literal value masked.
    func testHeadersShowNamesAndPlaceholdersAndMaskOnlySensitiveLiterals() {
        var action = editorSampleAction()
        guard case var .customInput(config) = action.configuration else { return XCTFail("sample is a custom input") }
        config.headers = [HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}"), HTTPHeader(name: "X-Api-Key", value: "literal-key-9"),
                          HTTPHeader(name: "X-Tenant", value: "acme"), HTTPHeader(name: "Idempotency-Key", value: "fixed-1")]
        action.configuration = .customInput(config)
        var state = ActionEditorState(editing: action, existingFunctionNames: [])
        let text = editorRender(state, width: 100, height: 30).text
        XCTAssertTrue(text.contains("Authorization: Bearer {{secret.API_"), "the placeholder shows (cut by the column): \(text)")
        XCTAssertTrue(text.contains("X-Api-Key: ••••••••"), text)
        XCTAssertFalse(text.contains("literal-key-9"), text)
        XCTAssertTrue(text.contains("X-Tenant: acme"), text)
        XCTAssertTrue(text.contains("Idempotency-Key: fixed-1"), text)
        state.editorFocus(.header(2))
        let focused = editorRender(state, width: 100, height: 30).text
        XCTAssertTrue(focused.contains("X-Tenant: acme"), focused)
        XCTAssertFalse(focused.contains("^R reveal"), "nothing to reveal on a header that isn't secret")
    }

    func testSecretsAreMaskedUnlessRevealed() {
        var state = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: [])
        var text = editorRender(state, width: 80, height: 24).text
        XCTAssertFalse(text.contains("c2VjcmV0LWtleQ=="))
        XCTAssertFalse(text.contains("sk_live_123"))
        XCTAssertTrue(text.contains("Authorization: ••••••••"))
        XCTAssertTrue(text.contains("X-Team: growth"), "a header that isn't secret is never masked")
        state.editorFocus(.signatureSecret)
        text = editorRender(state, width: 80, height: 24).text
        XCTAssertFalse(text.contains("c2VjcmV0LWtleQ=="), "still masked while focused")
        state.editorKey(.ctrl("r"))
        text = editorRender(state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("c2VjcmV0LWtleQ=="))
        XCTAssertTrue(text.contains("Bearer sk_live_123"))
        state.editorKey(.ctrl("r"))
        XCTAssertFalse(editorRender(state, width: 80, height: 24).text.contains("sk_live_123"))
        // A bad secret is reported when left.
        state.editorKey(.ctrl("u"))
        state.editorType("not base64!")
        state.editorKey(.down)
        XCTAssertEqual(state.errors[.signatureSecret], FieldRules.signatureSecret("not base64!"))
    }

    func testPasteOfFiveThousandCharacters() {
        var state = newEditor()
        state.editorFocus(.description)
        let long = String(repeating: "abcdefghij", count: 499) + "line\nend!!"
        _ = state.handle(.paste(long))
        XCTAssertEqual(long.count, 5_000)
        XCTAssertEqual(state.values.description.text.count, 5_000)
        XCTAssertFalse(state.values.description.text.contains("\n"), "a line break in a one-line field becomes a space")
        XCTAssertEqual(state.values.description.cursor, state.values.description.text.count)
        for size in editorSnapshotSizes {
            let buffer = editorRender(state, width: size.width, height: size.height)
            let cursor = try? XCTUnwrap(buffer.cursor)
            XCTAssertNotNil(cursor)
            if let cursor { XCTAssertLessThan(cursor.x, size.width - 1, "the cursor stays inside the field") }
            XCTAssertTrue(buffer.text.contains("line end!!"), "the end of the text is what shows")
        }
        state.editorKey(.home)
        XCTAssertEqual(state.values.description.cursor, 0)
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("Description       abcdefghijabc"))
    }
}

final class EditorLifecycleUpdateTests: XCTestCase {
    func sample() -> ActionEditorState {
        ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead"])
    }

    func testEscWhenCleanCloses() {
        var state = sample()
        XCTAssertEqual(state.handle(.key(.escape)), .close)
        var moved = sample()
        moved.editorKey(.down, times: 3)
        XCTAssertEqual(moved.handle(.key(.escape)), .close, "moving around changes nothing")
    }

    func testEscWhenDirtyAsksFirst() {
        var state = sample()
        state.editorType("!")
        XCTAssertTrue(state.isDirty)
        XCTAssertEqual(state.handle(.key(.escape)), .none)
        XCTAssertTrue(state.hasOpenPrompt)
        XCTAssertEqual(state.keyHints.map(\.key), ["y", "n"])
        XCTAssertEqual(state.handle(.key(.character("q"))), .none, "other keys wait for the answer")
        XCTAssertEqual(state.values.name.text, "Create CRM lead!")
        XCTAssertEqual(state.handle(.key(.character("n"))), .none)
        XCTAssertFalse(state.hasOpenPrompt)
        XCTAssertEqual(state.values.name.text, "Create CRM lead!", "No keeps the edits")
        state.editorKey(.escape)
        XCTAssertEqual(state.handle(.key(.enter)), .none, "Enter takes the default, No")
        state.editorKey(.escape)
        XCTAssertEqual(state.handle(.key(.character("y"))), .close)
    }

    func testConflictOverwriteReissuesTheSaveAtTheirVersion() throws {
        var state = sample()
        state.editorType(" (mine)")
        _ = state.handle(.key(.ctrl("s")))
        var theirs = editorSampleAction()
        theirs.name = "Create CRM lead (theirs)"
        theirs.version = 5
        state.saveFailed(StoreFailure(reason: .conflict(current: theirs), message: "changed", actionID: theirs.id))
        XCTAssertTrue(state.hasOpenPrompt)
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("'Create CRM lead' was changed elsewhere (version 5)."))
        XCTAssertEqual(state.handle(.key(.character("x"))), .none, "no other key answers")
        let (action, isNew) = try XCTUnwrap(savedAction(state.handle(.key(.character("o")))))
        XCTAssertFalse(isNew)
        XCTAssertEqual(action.version, 5)
        XCTAssertEqual(action.id, theirs.id)
        XCTAssertEqual(action.name, "Create CRM lead (mine)")
        XCTAssertFalse(state.hasOpenPrompt)
    }

    func testConflictReloadReplacesTheForm() {
        var state = sample()
        state.editorType(" (mine)")
        var theirs = editorSampleAction()
        theirs.name = "Lead intake"
        theirs.version = 4
        state.saveFailed(StoreFailure(reason: .conflict(current: theirs), message: "changed"))
        XCTAssertEqual(state.handle(.key(.character("r"))), .none)
        XCTAssertFalse(state.hasOpenPrompt)
        XCTAssertFalse(state.isDirty)
        XCTAssertEqual(state.values.name.text, "Lead intake")
        XCTAssertEqual(state.version, 4)
        XCTAssertEqual(state.title, "Edit: Lead intake")
        XCTAssertEqual(state.handle(.key(.escape)), .close)
    }

    func testConflictEscKeepsEditing() {
        var state = sample()
        state.editorType(" (mine)")
        state.saveFailed(StoreFailure(reason: .conflict(current: editorSampleAction()), message: "changed"))
        XCTAssertEqual(state.handle(.key(.escape)), .none)
        XCTAssertFalse(state.hasOpenPrompt)
        XCTAssertEqual(state.values.name.text, "Create CRM lead (mine)")
        XCTAssertTrue(state.isDirty)
        XCTAssertEqual(state.version, 3, "nothing is overwritten behind your back")
    }

    func testDeletedElsewhereOffersSaveAsNew() throws {
        var state = sample()
        state.editorType(" (mine)")
        state.saveFailed(StoreFailure(reason: .conflict(current: nil), message: "deleted"))
        XCTAssertEqual(state.keyHints.map(\.key), ["s", "Esc"])
        XCTAssertEqual(state.handle(.key(.character("o"))), .none, "nothing to overwrite")
        XCTAssertEqual(state.handle(.key(.character("r"))), .none, "nothing to reload")
        XCTAssertTrue(state.hasOpenPrompt)
        let (action, isNew) = try XCTUnwrap(savedAction(state.handle(.key(.character("s")))))
        XCTAssertTrue(isNew)
        XCTAssertEqual(action.version, 1)
        XCTAssertNotEqual(action.id, editorFixedID)
        XCTAssertEqual(action.name, "Create CRM lead (mine)")
        XCTAssertEqual(action.configuration, editorSampleAction().configuration)
    }

    func testNotFoundWhileEditingIsADeletion() {
        var state = sample()
        state.saveFailed(StoreFailure(reason: .notFound, message: "no such action"))
        XCTAssertEqual(state.prompt, .conflict(current: nil))
        var creating = ActionEditorState(creating: .dtmf, existingFunctionNames: [])
        creating.saveFailed(StoreFailure(reason: .notFound, message: "no such action"))
        XCTAssertFalse(creating.hasOpenPrompt)
        XCTAssertEqual(creating.message, "Not saved: no such action")
    }

    /// Keys arriving while a save is under way (the same input burst as Ctrl-S)
    /// survive its answer and stay unsaved; Esc then asks.
    func testEditsMadeWhileASaveIsInFlightSurviveAndStayUnsaved() {
        var state = ActionEditorState(creating: .dtmf, existingFunctionNames: [])
        state.editorType("Press one")
        state.editorFocus(.buttons)
        state.editorType("1")
        guard case var .save(action, true) = state.handle(.key(.ctrl("s"))) else { return XCTFail("no save") }
        state.editorType("#")  // typed before the store answered
        action.version = 1
        XCTAssertEqual(state.saved(action), .none)
        XCTAssertTrue(state.isDirty, "the '#' typed meanwhile is not saved yet")
        XCTAssertEqual(state.values.buttons.text, "1#")
        XCTAssertEqual(state.title, "Edit: Press one", "the new action is now stored, so the next save is an update")
        XCTAssertEqual(state.handle(.key(.escape)), .none)
        XCTAssertEqual(state.prompt, .discard, "Esc asks instead of dropping the '#'")
        state.prompt = nil
        guard case let .save(again, false) = state.handle(.key(.ctrl("s"))) else { return XCTFail("the next save is an update") }
        XCTAssertEqual(again.id, action.id)
        XCTAssertEqual(again.version, 1, "carries the version the first save got")
    }

    /// A second Ctrl-S while the first is in flight is not sent with a stale
    /// version (a false "changed elsewhere"): it goes once the first lands.
    func testASecondSaveWaitsForTheFirst() {
        var state = ActionEditorState(creating: .dtmf, existingFunctionNames: [])
        state.editorType("Press one")
        state.editorFocus(.buttons)
        state.editorType("1")
        guard case var .save(first, true) = state.handle(.key(.ctrl("s"))) else { return XCTFail("no save") }
        state.editorType("2")
        XCTAssertEqual(state.handle(.key(.ctrl("s"))), .none, "queued, not sent")
        XCTAssertEqual(state.message, "Saving… the changes made meanwhile are saved right after.")
        first.version = 1
        guard case let .save(second, false) = state.saved(first) else { return XCTFail("the queued save follows") }
        XCTAssertEqual(second.id, first.id)
        XCTAssertEqual(second.version, 1)
        var stored = second
        stored.version = 2
        XCTAssertEqual(state.saved(stored), .none)
        XCTAssertFalse(state.isDirty)
        XCTAssertEqual(state.values.buttons.text, "12")

        // Nothing typed between two Ctrl-S: the first answer is the whole story.
        var quiet = ActionEditorState(creating: .dtmf, existingFunctionNames: [])
        quiet.editorType("Press two")
        quiet.editorFocus(.buttons)
        quiet.editorType("2")
        guard case var .save(only, true) = quiet.handle(.key(.ctrl("s"))) else { return XCTFail("no save") }
        XCTAssertEqual(quiet.handle(.key(.ctrl("s"))), .none)
        only.version = 1
        XCTAssertEqual(quiet.saved(only), .none, "nothing new to save")
        XCTAssertFalse(quiet.isDirty)
        // A failed save lets the next Ctrl-S go at once.
        quiet.editorType("3")
        guard case .save = quiet.handle(.key(.ctrl("s"))) else { return XCTFail("no save") }
        quiet.saveFailed(StoreFailure(reason: .other, message: "disk full", actionID: only.id))
        guard case .save = quiet.handle(.key(.ctrl("s"))) else { return XCTFail("a failed save must not block the next") }
    }

    func testSavedMakesTheFormCleanAndEditing() {
        var state = ActionEditorState(creating: .dtmf, existingFunctionNames: [])
        state.editorType("Press one")
        state.editorFocus(.buttons)
        state.editorType("1")
        guard case var .save(action, true) = state.handle(.key(.ctrl("s"))) else { return XCTFail("no save") }
        action.version = 1
        state.saved(action)
        XCTAssertFalse(state.isDirty)
        XCTAssertEqual(state.title, "Edit: Press one")
        XCTAssertEqual(state.focus, .buttons)
        state.editorType("#")
        guard case let .save(again, false) = state.handle(.key(.ctrl("s"))) else { return XCTFail("second save is an update") }
        XCTAssertEqual(again.id, action.id)
        XCTAssertEqual(again.functionName, "press_one", "its own name is no clash")
    }

    func testSaveFailedShowsTheMessage() {
        var state = sample()
        state.saveFailed(StoreFailure(reason: .readOnly, message: "the store is read-only"))
        XCTAssertEqual(state.message, "Not saved: the store is read-only")
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("Not saved: the store is read-only"))
        state.editorKey(.down)
        XCTAssertNil(state.message, "a notice lasts until the next key")
        state.saveFailed(StoreFailure(reason: .duplicateFunctionName, message: "'create_crm_lead' is taken"))
        XCTAssertEqual(state.focus, .functionName)
        XCTAssertEqual(state.errors[.functionName], "'create_crm_lead' is taken")
    }

    func testKeyHintsAndHelp() {
        var state = sample()
        XCTAssertEqual(state.keyHints.last, KeyHint("Esc", "close"))
        state.editorType("x")
        XCTAssertEqual(state.keyHints.last, KeyHint("Esc", "discard"))
        state.editorFocus(.inputSchema)
        XCTAssertTrue(state.keyHints.contains(KeyHint("Enter", "edit schema")))
        XCTAssertEqual(state.helpSections.map(\.title), ["Action form", "Input Schema", "Test request", "Property form", "Questions"])
        state.editorKey(.enter)
        XCTAssertTrue(state.keyHints.contains(KeyHint("a", "add")))
    }

    func testCapturesTextInputWhileATextFieldHasTheFocus() {
        var state = sample()
        XCTAssertTrue(state.capturesTextInput, "Action Name: q and ? are letters here")
        state.editorType("q?")
        XCTAssertEqual(state.values.name.text, "Create CRM leadq?")
        state.editorFocus(.trigger)
        XCTAssertFalse(state.capturesTextInput, "a choice: the host may use q and ?")
        state.editorFocus(.addHeader)
        XCTAssertTrue(state.capturesTextInput, "typing here starts a header line")
        state.editorFocus(.inputSchema)
        state.editorKey(.enter)
        XCTAssertFalse(state.capturesTextInput, "the property list has letter keys, not text")
        state.editorKey(.character("a"))
        XCTAssertTrue(state.capturesTextInput, "the property form's name")
        state.editorKey(.down)
        XCTAssertFalse(state.capturesTextInput, "its type picker")
        state.editorKey(.escape)
        state.editorKey(.character("x"))
        XCTAssertTrue(state.capturesTextInput, "a prompt answers its own keys")
    }

    func testTinyAreaSaysSoInsteadOfCrashing() {
        let state = sample()
        for (width, height) in [(0, 0), (10, 3), (30, 6), (40, 8)] {
            _ = editorRender(state, width: width, height: height)
        }
        XCTAssertTrue(editorRender(state, width: 19, height: 5).lines[0].hasPrefix("Too small"))
    }
}

final class EditorRobustnessTests: XCTestCase {
    /// A fixed-seed generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random keys on every kind, drawn at small and large sizes after each key:
    /// never a crash, the cursor always inside the buffer.
    func testRandomKeysNeverCrashAnySize() {
        let keys: [InputEvent] = [
            .key(.up), .key(.down), .key(.tab), .key(.backTab), .key(.enter), .key(.left), .key(.right),
            .key(.home), .key(.end), .key(.backspace), .key(.delete), .key(.character("a")), .key(.character("x")),
            .key(.character(" ")), .key(.character("J")), .key(.character("K")), .key(.character("p")),
            .key(.character("é")), .key(.character("1")), .key(.character(":")), .key(.ctrl("u")), .key(.ctrl("x")),
            .key(.ctrl("r")), .key(.altUp), .key(.altDown), .key(.pageUp), .key(.pageDown), .key(.function(2)),
            .key(.escape), .key(.character("n")), .paste("日本語 text, more\nlines"), .key(.ctrl("s")),
        ]
        // EDITOR_FUZZ_STEPS and EDITOR_FUZZ_SEED run it longer or differently.
        let environment = ProcessInfo.processInfo.environment
        let steps = environment["EDITOR_FUZZ_STEPS"].flatMap(Int.init) ?? 300
        var generator = SplitMix(state: environment["EDITOR_FUZZ_SEED"].flatMap(UInt64.init) ?? 42)
        let sizes = [(20, 6), (33, 9), (80, 24), (120, 40)]
        for kind in ActionKind.allCases {
            var state = kind == .customInput
                ? ActionEditorState(editing: editorSampleAction(), existingFunctionNames: [])
                : ActionEditorState(creating: kind, existingFunctionNames: [])
            for step in 0..<steps {
                let event = keys[Int(generator.next() % UInt64(keys.count))]
                if case .close = state.handle(event) { state = ActionEditorState(creating: kind, existingFunctionNames: []) }
                let (width, height) = sizes[step % sizes.count]
                let buffer = editorRender(state, width: width, height: height)
                if let cursor = buffer.cursor {
                    XCTAssertTrue((0..<width).contains(cursor.x) && (0..<height).contains(cursor.y), "cursor \(cursor) outside \(width)×\(height)")
                }
            }
        }
    }
}
