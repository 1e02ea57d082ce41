import ActionModel
import Screen
import XCTest

@testable import Console

/// The Input Schema editor: the property list and the property form.
final class EditorSchemaUpdateTests: XCTestCase {
    /// The sample action with the property list open.
    func openSample() -> ActionEditorState {
        var state = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: ["create_crm_lead"])
        state.editorFocus(.inputSchema)
        state.editorKey(.enter)
        XCTAssertEqual(state.screen, .schema)
        return state
    }

    var names: (ActionEditorState) -> [String] { { $0.values.schema.properties.map(\.name) } }

    func testEnterOnTheSchemaRowOpensTheListAndEscReturns() {
        var state = openSample()
        XCTAssertEqual(state.schemaSelection, 0)
        state.editorKey(.escape)
        XCTAssertEqual(state.screen, .form)
        XCTAssertEqual(state.focus, .inputSchema)
        XCTAssertEqual(state.handle(.key(.escape)), .close, "nothing changed")
    }

    func testAddAProperty() {
        var state = openSample()
        state.editorKey(.character("a"))
        XCTAssertNotNil(state.propertyForm)
        state.editorType("phone")
        state.editorKey(.down)  // type
        state.editorKey(.down)  // description
        state.editorType("Callback number")
        state.editorKey(.down)  // required
        state.editorKey(.character(" "))
        state.editorKey(.down)  // format
        state.editorKey(.right)  // email
        state.editorKey(.left)  // none
        state.editorKey(.down)  // pattern
        state.editorType("^\\+[0-9]+$")
        state.editorKey(.enter)
        XCTAssertNil(state.propertyForm)
        XCTAssertEqual(names(state), ["first_name", "email", "issue", "seats", "ticket_ref", "phone"])
        XCTAssertEqual(state.schemaSelection, 5)
        XCTAssertEqual(state.values.schema.properties[5],
                       SchemaProperty(name: "phone", isRequired: false, description: "Callback number", pattern: "^\\+[0-9]+$"))
        XCTAssertTrue(state.isDirty)
    }

    func testPropertyNamesAreCheckedAndUnique() {
        var state = openSample()
        state.editorKey(.character("a"))
        state.editorKey(.enter)
        XCTAssertEqual(state.propertyForm?.errors[.name], "a property needs a name, e.g. email")
        state.editorType("email")
        state.editorKey(.down)
        XCTAssertEqual(state.propertyForm?.errors[.name], "there is already a property named 'email'")
        state.editorKey(.up)
        state.editorKey(.ctrl("u"))
        state.editorType("9lives")
        XCTAssertEqual(state.propertyForm?.errors[.name], SchemaProperty.nameProblem("9lives"))
        state.editorKey(.enter)
        XCTAssertNotNil(state.propertyForm, "not applied while a field has a problem")
        XCTAssertEqual(state.values.schema.properties.count, 5)
        state.editorKey(.escape)
        XCTAssertNil(state.propertyForm)
        XCTAssertFalse(state.isDirty, "Esc cancels the property form")
    }

    func testEditAPropertyKeepsItsPlaceAndItsOwnName() {
        var state = openSample()
        state.editorKey(.down)  // email
        state.editorKey(.enter)
        XCTAssertEqual(state.propertyForm?.index, 1)
        state.editorKey(.tab, times: 2)  // description
        state.editorKey(.ctrl("u"))
        state.editorType("Where we send the confirmation")
        state.editorKey(.enter)
        XCTAssertNil(state.propertyForm, "its own name is no duplicate")
        XCTAssertEqual(state.values.schema.properties[1].description, "Where we send the confirmation")
        XCTAssertEqual(state.values.schema.properties[1].format, .email)
        XCTAssertEqual(names(state), ["first_name", "email", "issue", "seats", "ticket_ref"])
    }

    func testRemoveAfterAConfirmNamingTheProperty() {
        var state = openSample()
        state.editorKey(.down, times: 2)  // issue
        state.editorKey(.character("x"))
        XCTAssertEqual(state.prompt, .removeProperty(2))
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("Remove property 'issue'? y/N"))
        state.editorKey(.character("n"))
        XCTAssertEqual(names(state).count, 5)
        state.editorKey(.delete)
        XCTAssertTrue(state.hasOpenPrompt)
        state.editorKey(.escape)
        XCTAssertFalse(state.hasOpenPrompt)
        XCTAssertEqual(state.screen, .schema, "Esc answers the question, it does not leave the list")
        state.editorKey(.character("x"))
        state.editorKey(.character("y"))
        XCTAssertEqual(names(state), ["first_name", "email", "seats", "ticket_ref"])
        XCTAssertEqual(state.schemaSelection, 2)
        // Removing the last one moves the selection up.
        state.editorKey(.end)
        state.editorKey(.character("x"))
        state.editorKey(.character("Y"))
        XCTAssertEqual(names(state), ["first_name", "email", "seats"])
        XCTAssertEqual(state.schemaSelection, 2)
    }

    func testReorderWithShiftJKAndAltArrows() {
        var state = openSample()
        state.editorKey(.character("J"))
        XCTAssertEqual(names(state), ["email", "first_name", "issue", "seats", "ticket_ref"])
        XCTAssertEqual(state.schemaSelection, 1)
        state.editorKey(.altDown, times: 2)
        XCTAssertEqual(names(state), ["email", "issue", "seats", "first_name", "ticket_ref"])
        state.editorKey(.altUp)
        XCTAssertEqual(names(state), ["email", "issue", "first_name", "seats", "ticket_ref"])
        state.editorKey(.character("K"), times: 5)
        XCTAssertEqual(names(state), ["first_name", "email", "issue", "seats", "ticket_ref"])
        XCTAssertEqual(state.schemaSelection, 0)
        XCTAssertFalse(state.isDirty, "back in the stored order")
        state.editorKey(.end)
        state.editorKey(.character("J"))
        XCTAssertEqual(names(state).last, "ticket_ref", "the last one stays last")
    }

    func testSpaceTogglesRequired() {
        var state = openSample()
        state.editorKey(.character("j"), times: 2)
        XCTAssertFalse(state.values.schema.properties[2].isRequired)
        state.editorKey(.character(" "))
        XCTAssertTrue(state.values.schema.properties[2].isRequired)
        XCTAssertEqual(state.values.schema.requiredNames, ["first_name", "email", "issue"])
        state.editorKey(.character(" "))
        XCTAssertFalse(state.isDirty)
    }

    func testEnumValues() {
        var state = openSample()
        state.editorKey(.character("a"))
        state.editorType("department")
        state.editorKey(.down)
        state.editorKey(.left)  // string → enum (wraps)
        XCTAssertEqual(state.propertyForm?.choice, .enumeration)
        XCTAssertEqual(state.propertyForm?.fieldOrder, [.name, .type, .description, .required, .values, .defaultValue, .examples])
        state.editorKey(.enter)
        XCTAssertEqual(state.propertyForm?.errors[.values], "list the allowed values, separated by commas")
        XCTAssertEqual(state.propertyForm?.focus, .values)
        state.editorType("sales, support, sales")
        state.editorKey(.up)
        XCTAssertEqual(state.propertyForm?.errors[.values], "enum value 'sales' is listed twice")
        state.editorKey(.down)
        state.editorKey(.ctrl("u"))
        _ = state.handle(.paste("sales,support\nbilling"))
        XCTAssertNil(state.propertyForm?.errors[.values])
        state.editorKey(.enter)
        let property = state.values.schema.properties.last
        XCTAssertEqual(property?.type, .string)
        XCTAssertEqual(property?.enumValues, ["sales", "support", "billing"])
        XCTAssertEqual(property?.typeLabel, "enum")
        // Back to a plain string drops the values.
        state.editorKey(.enter)
        state.editorKey(.down)
        state.editorKey(.right)
        XCTAssertEqual(state.propertyForm?.choice, .string)
        state.editorKey(.enter)
        XCTAssertEqual(state.values.schema.properties.last?.enumValues, [])
    }

    func testMinimumAndMaximum() {
        var state = openSample()
        state.editorKey(.down, times: 3)  // seats: integer 1...500
        state.editorKey(.enter)
        XCTAssertEqual(state.propertyForm?.minimum.text, "1")
        XCTAssertEqual(state.propertyForm?.maximum.text, "500")
        state.editorKey(.down, times: 4)  // minimum
        state.editorKey(.ctrl("u"))
        state.editorType("1.5")
        state.editorKey(.down)
        XCTAssertEqual(state.propertyForm?.errors[.minimum], "an integer's bound must be a whole number")
        state.editorKey(.up)
        state.editorKey(.ctrl("u"))
        state.editorType("600")
        state.editorKey(.down)
        XCTAssertEqual(state.propertyForm?.errors[.maximum], "maximum 500 is below the minimum 600")
        state.editorKey(.ctrl("u"))
        state.editorType("abc")
        state.editorKey(.up)
        XCTAssertEqual(state.propertyForm?.errors[.maximum], "'abc' is not a number")
        // A number takes fractions; an empty bound is no bound.
        state.editorKey(.up, times: 3)  // type
        state.editorKey(.left)  // number
        state.editorKey(.down, times: 3)
        state.editorKey(.ctrl("u"))
        state.editorType("0.5")
        state.editorKey(.down)
        state.editorKey(.ctrl("u"))
        state.editorKey(.enter)
        let seats = state.values.schema.properties[3]
        XCTAssertEqual(seats.type, .number)
        XCTAssertEqual(seats.minimum, 0.5)
        XCTAssertNil(seats.maximum)
        XCTAssertTrue(seats.issues.isEmpty)
    }

    func testPatternMustBeARegularExpression() {
        var state = openSample()
        state.editorKey(.end)  // ticket_ref
        state.editorKey(.enter)
        state.editorKey(.down, times: 5)
        XCTAssertEqual(state.propertyForm?.focus, .pattern)
        state.editorType("([")
        state.editorKey(.enter)
        XCTAssertEqual(state.propertyForm?.errors[.pattern], "pattern '^T-[0-9]+$([' is not a valid regular expression")
    }

    func testExtraKeywordsSurviveEditingAProperty() {
        var state = openSample()
        state.editorKey(.end)  // ticket_ref, with minLength and default kept as imported
        state.editorKey(.enter)
        state.editorKey(.tab, times: 2)
        state.editorType(" (optional)")
        state.editorKey(.down, times: 2)  // format
        state.editorKey(.character(" "))  // email
        state.editorKey(.enter)
        let ticket = state.values.schema.properties[4]
        XCTAssertEqual(ticket.description, "Existing ticket, if any (optional)")
        XCTAssertEqual(ticket.format, .email)
        XCTAssertEqual(ticket.extraKeywords, ["minLength": 3, "default": "T-0"])
        XCTAssertEqual(ticket.extraKeywords.keys, ["minLength", "default"], "in their order")
        XCTAssertEqual(ticket.jsonSchema.value(atPath: "minLength"), 3)
    }

    func testImportedArrayTypeIsShownKeptAndNotOffered() {
        var action = editorSampleAction()
        guard case var .customInput(config) = action.configuration else { return XCTFail() }
        let tags = SchemaProperty(name: "tags", type: .array, description: "Labels", extraKeywords: ["items": ["type": "string"]])
        config.inputSchema.properties = [tags]
        config.inputSchema.extraKeywords = ["additionalProperties": false]
        action.configuration = .customInput(config)
        var state = ActionEditorState(editing: action, existingFunctionNames: [])
        state.editorFocus(.inputSchema)
        state.editorKey(.enter)
        state.editorKey(.enter)
        XCTAssertEqual(state.propertyForm?.choice, .imported(.array))
        state.editorKey(.down)
        state.editorKey(.right)
        state.editorKey(.character(" "))
        XCTAssertEqual(state.propertyForm?.choice, .imported(.array), "not offered: the picker leaves it alone")
        XCTAssertTrue(editorRender(state, width: 80, height: 24).text.contains("[array]  imported, kept as it is"))
        state.editorKey(.down)
        state.editorType(" to file")
        state.editorKey(.enter)
        XCTAssertEqual(state.values.schema.properties, [SchemaProperty(
            name: "tags", type: .array, description: "Labels to file", extraKeywords: ["items": ["type": "string"]])])
        XCTAssertEqual(state.values.schema.extraKeywords, ["additionalProperties": false], "object keywords kept too")
    }

    func testCtrlSFromTheListSavesTheAction() throws {
        var state = openSample()
        state.editorKey(.character(" "))
        guard case let .save(action, false) = state.handle(.key(.ctrl("s"))) else { return XCTFail("no save") }
        XCTAssertEqual(action.customInput?.inputSchema.requiredNames, ["email"])
        // With a problem in the form it goes back to the form, on the field.
        var broken = ActionEditorState(editing: editorSampleAction(), existingFunctionNames: [])
        broken.editorKey(.ctrl("u"))
        broken.editorFocus(.inputSchema)
        broken.editorKey(.enter)
        XCTAssertEqual(broken.handle(.key(.ctrl("s"))), .none)
        XCTAssertEqual(broken.screen, .form)
        XCTAssertEqual(broken.focus, .name)
    }

    func testJSONPanelFollowsTheEditsAndScrolls() {
        var state = openSample()
        state.editorKey(.character("p"))
        var text = editorRender(state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("\"name\": \"create_crm_lead\""))
        XCTAssertTrue(text.contains("ticket_ref"), "the strict-mode note names the property")
        state.editorKey(.character("p"))
        XCTAssertFalse(editorRender(state, width: 80, height: 24).text.contains("OpenAI tool"))
        XCTAssertTrue(editorRender(state, width: 120, height: 40).text.contains("OpenAI tool · live"), "always there when wide")
        state.editorKey(.character("a"))
        state.editorType("zip_code")
        state.editorKey(.enter)
        state.editorKey(.character("p"))
        state.editorKey(.pageDown, times: 20)
        text = editorRender(state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("\"zip_code\""), "the new property shows, scrolled to the end")
        XCTAssertTrue(text.contains("\"required\": ["))
        state.editorKey(.pageUp, times: 20)
        XCTAssertTrue(editorRender(state, width: 80, height: 24).lines[1].hasPrefix("│ {  "))
        state.editorKey(.escape)
        XCTAssertEqual(state.screen, .schema, "Esc first closes the panel")
    }

    func testToolJSONAndStrictNotes() {
        var action = editorSampleAction()
        let json = ActionEditorState.toolJSON(for: action)
        XCTAssertEqual(json.value(atPath: "type"), "function")
        XCTAssertEqual(json.value(atPath: "function.name"), "create_crm_lead")
        XCTAssertEqual(json.value(atPath: "function.parameters"), action.customInput?.inputSchema.jsonSchema)
        XCTAssertEqual(json, OpenAITool.export(action), "the panel shows exactly what export writes")
        // Optional fields and an open object are fine (strict export turns them
        // into nullable, closed ones); keywords strict mode rejects are not.
        let notes = ActionEditorState.strictLintNotes(for: action)
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].contains("ticket_ref") && notes[0].contains("minLength"), notes[0])
        guard case var .customInput(config) = action.configuration else { return XCTFail() }
        for index in config.inputSchema.properties.indices { config.inputSchema.properties[index].extraKeywords = JSONObject() }
        action.configuration = .customInput(config)
        XCTAssertEqual(ActionEditorState.strictLintNotes(for: action), [])
    }
}
