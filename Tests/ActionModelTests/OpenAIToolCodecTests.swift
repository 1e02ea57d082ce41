import XCTest

@testable import ActionModel

final class OpenAIToolCodecTests: XCTestCase {
    func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do { return try JSONValue(parsing: text) } catch {
            XCTFail("bad JSON in the test: \(error)", file: file, line: line)
            return .null
        }
    }

    /// A lead form: ordered properties, an enum, a format, bounds and kept extras.
    func leadAction(url: String? = "https://crm.example.com/leads") -> Action {
        let schema = InputSchema(
            properties: [
                SchemaProperty(name: "full_name", isRequired: true, description: "Caller's name",
                               extraKeywords: ["minLength": 2]),
                SchemaProperty(name: "email", description: "Where to reach them", format: .email),
                SchemaProperty(name: "seats", type: .integer, isRequired: true, minimum: 1, maximum: 500),
                SchemaProperty(name: "plan", enumValues: ["starter", "team", "enterprise"]),
            ],
            extraKeywords: ["description": "What the agent collects"])
        return Action(
            name: "Create CRM lead", description: "Creates a lead in the CRM once the caller agrees.",
            configuration: .customInput(CustomInputConfiguration(url: url, inputSchema: schema)))
    }

    func parameters(_ tool: JSONValue) -> JSONValue? { tool.objectValue?["function"]?.objectValue?["parameters"] }

    // MARK: - Export

    func testExportWritesTheChatCompletionsFormInOrderWithExtras() {
        let tool = OpenAITool.export(leadAction())
        let expected = json("""
            {"type":"function","function":{"name":"create_crm_lead",
             "description":"Creates a lead in the CRM once the caller agrees.",
             "parameters":{"type":"object","properties":{
               "full_name":{"type":"string","description":"Caller's name","minLength":2},
               "email":{"type":"string","description":"Where to reach them","format":"email"},
               "seats":{"type":"integer","minimum":1,"maximum":500},
               "plan":{"type":"string","enum":["starter","team","enterprise"]}},
              "required":["full_name","seats"],"description":"What the agent collects"}}}
            """)
        XCTAssertEqual(tool, expected)
        XCTAssertEqual(parameters(tool)?.objectValue?["properties"]?.objectValue?.keys, ["full_name", "email", "seats", "plan"])
        XCTAssertNil(tool.objectValue?["function"]?.objectValue?["strict"], "non-strict export says nothing about strict")
        // Whole bounds are written as integers, never 1.0.
        XCTAssertTrue(tool.compactText.contains("\"minimum\":1,"), tool.compactText)
        XCTAssertEqual(tool.objectValue?.keys, ["type", "function"])
        XCTAssertEqual(tool.objectValue?["function"]?.objectValue?.keys, ["name", "description", "parameters"])
    }

    func testExportOfSeveralActionsIsAnArrayInOrder() {
        var second = leadAction()
        second.name = "Book demo"
        second.functionName = "book_demo"
        let tools = OpenAITool.export([leadAction(), second])
        XCTAssertEqual(tools.arrayValue?.count, 2)
        XCTAssertEqual(tools.arrayValue?.compactMap { $0.value(atPath: "function.name")?.stringValue }, ["create_crm_lead", "book_demo"])
        XCTAssertEqual(OpenAITool.export([Action]()), [])
    }

    func testPhoneActionsExportWithAnEmptyParameterList() {
        let action = Action(name: "Transfer to sales", configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+14155550100")))
        let tool = OpenAITool.export(action)
        XCTAssertEqual(tool.value(atPath: "function.name"), "transfer_to_sales")
        XCTAssertEqual(parameters(tool), json(#"{"type":"object","properties":{}}"#))
    }

    // MARK: - Strict mode

    func testStrictExportMakesEveryFieldRequiredAndOptionalOnesNullable() {
        let tool = OpenAITool.export(leadAction(), strict: true)
        XCTAssertEqual(tool.value(atPath: "function.strict"), true)
        let expected = json("""
            {"type":"object","properties":{
               "full_name":{"type":"string","description":"Caller's name","minLength":2},
               "email":{"type":["string","null"],"description":"Where to reach them","format":"email"},
               "seats":{"type":"integer","minimum":1,"maximum":500},
               "plan":{"type":["string","null"],"enum":["starter","team","enterprise",null]}},
             "required":["full_name","email","seats","plan"],"description":"What the agent collects",
             "additionalProperties":false}
            """)
        XCTAssertEqual(parameters(tool), expected)
        XCTAssertEqual(parameters(tool)?.value(atPath: "properties")?.objectValue?.keys, ["full_name", "email", "seats", "plan"])
    }

    func testStrictSchemaReachesNestedObjectsAndArrayItems() {
        let address = json("""
            {"type":"object","properties":{"street":{"type":"string"},"zip":{"type":"string"}},"required":["street"]}
            """)
        let lines = json("""
            {"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"},"qty":{"type":"integer"}},"required":["qty","sku"]}}
            """)
        let schema = try! InputSchema(jsonSchema: .object(["type": "object", "properties": .object(["address": address, "lines": lines]), "required": ["lines"]]))
        let strict = StrictMode.strictSchema(schema)
        XCTAssertEqual(strict.value(atPath: "additionalProperties"), false)
        XCTAssertEqual(strict.value(atPath: "required"), ["address", "lines"])
        XCTAssertEqual(strict.value(atPath: "properties.address.type"), ["object", "null"])
        XCTAssertEqual(strict.value(atPath: "properties.address.additionalProperties"), false)
        XCTAssertEqual(strict.value(atPath: "properties.address.required"), ["street", "zip"])
        XCTAssertEqual(strict.value(atPath: "properties.address.properties.zip.type"), ["string", "null"])
        XCTAssertEqual(strict.value(atPath: "properties.address.properties.street.type"), "string")
        XCTAssertEqual(strict.value(atPath: "properties.lines.type"), "array")
        XCTAssertEqual(strict.value(atPath: "properties.lines.items.additionalProperties"), false)
        // The required order written by the author is kept.
        XCTAssertEqual(strict.value(atPath: "properties.lines.items.required"), ["qty", "sku"])
        // Strict twice is strict once.
        let again = StrictMode.strict(strict)
        XCTAssertEqual(again, strict)
        XCTAssertTrue(StrictMode.lint(schema).isEmpty, "\(StrictMode.lint(schema))")
    }

    func testStrictExportThenStrictImportGivesBackTheAction() {
        let original = leadAction()
        let tool = OpenAITool.export(original, strict: true)
        let result = OpenAITool.importTools(tool, url: "https://crm.example.com/leads")
        XCTAssertEqual(result.refused, [])
        let action = try! XCTUnwrap(result.actions.first)
        XCTAssertEqual(action.customInput?.inputSchema, original.customInput?.inputSchema.withExtra("additionalProperties", false))
        XCTAssertEqual(action.customInput?.inputSchema.requiredNames, ["full_name", "seats"])
        XCTAssertEqual(action.customInput?.inputSchema.property(named: "plan")?.enumValues, ["starter", "team", "enterprise"])
        XCTAssertEqual(OpenAITool.export(action, strict: true), tool)
    }

    func testLintIsEmptyForAPlainSchema() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "when", isRequired: true, format: .dateTime),
            SchemaProperty(name: "party", type: .integer, minimum: 1, maximum: 12),
            SchemaProperty(name: "code", pattern: "^[A-Z]{3}$"),
        ])
        XCTAssertEqual(StrictMode.lint(schema), [])
        XCTAssertEqual(StrictMode.lint(InputSchema()), [])
    }

    func testLintNamesThePropertyAndWhatToChange() {
        let schema = try! InputSchema(jsonSchema: json("""
            {"type":"object","properties":{
               "code":{"type":"string","minLength":2,"maxLength":8},
               "size":{"type":"integer","default":2},
               "site":{"type":"string","format":"uri"},
               "meta":{"type":"object"},
               "tags":{"type":"array"},
               "prefs":{"type":"object","properties":{"x":{"type":"string"}},"additionalProperties":true}},
             "additionalProperties":true}
            """))
        let notes = StrictMode.lint(schema)
        func note(_ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertTrue(notes.contains { $0.contains(fragment) }, "no note with \(fragment) in \(notes)", file: file, line: line)
        }
        note("Property 'code' uses 'minLength' and 'maxLength', which strict mode doesn't support; remove them")
        note("Property 'size' uses 'default'")
        note("say the default in the description")
        note("Property 'site' has format 'uri'")
        note("Property 'meta' is an object without properties of its own")
        note("Property 'tags' is an array without 'items'")
        note("Property 'prefs' sets additionalProperties to true; strict mode needs false")
        note("The Input Schema's top level sets additionalProperties to true")
        XCTAssertEqual(notes.count, 7, "\(notes)")
        XCTAssertTrue(notes.allSatisfy { $0.hasSuffix(".") }, "one sentence each: \(notes)")
    }

    func testLintReportsSizeAndDepthLimits() {
        // 11 levels of objects: the root and ten nested ones.
        var nested: JSONValue = ["type": "object", "properties": ["leaf": ["type": "string"]]]
        for level in (1...10).reversed() { nested = ["type": "object", "properties": .object(["l\(level)": nested])] }
        let deep = try! InputSchema(jsonSchema: nested)
        let deepNotes = StrictMode.lint(deep)
        XCTAssertEqual(deepNotes.count, 1, "\(deepNotes)")
        XCTAssertTrue(deepNotes.first?.contains("nested 11 levels deep; strict mode allows at most 10") == true, "\(deepNotes)")
        // Ten levels are fine.
        if case let .object(root) = nested, case let .object(properties)? = root["properties"], let inner = properties["l1"] {
            XCTAssertEqual(StrictMode.lint(try! InputSchema(jsonSchema: inner)), [])
        } else {
            XCTFail("test schema shape")
        }

        let wide = InputSchema(properties: (0...StrictMode.maximumProperties).map { SchemaProperty(name: "f\($0)") })
        XCTAssertEqual(StrictMode.lint(wide), ["The schema has 5001 properties in all; strict mode allows at most 5000, so split the action or drop fields."])

        let manyValues = InputSchema(properties: [SchemaProperty(name: "sku", enumValues: (0...1000).map { "v\($0)" })])
        XCTAssertTrue(StrictMode.lint(manyValues).first?.contains("1001 enum values") == true, "\(StrictMode.lint(manyValues))")
    }

    // MARK: - Import: the accepted forms

    func testImportAcceptsEveryToolForm() {
        let chat = json(#"{"type":"function","function":{"name":"create_crm_lead","description":"Chat form","parameters":{"type":"object","properties":{"email":{"type":"string"}}}}}"#)
        let bare = json(#"{"name":"book_demo","description":"Bare","parameters":{"type":"object","properties":{"day":{"type":"string","format":"date"}},"required":["day"]}}"#)
        let flat = json(#"{"type":"function","name":"cancel_order","description":"Responses form","parameters":{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"],"additionalProperties":false},"strict":true}"#)
        for (form, name) in [(chat, "create_crm_lead"), (bare, "book_demo"), (flat, "cancel_order")] {
            let result = OpenAITool.importTools(form)
            XCTAssertEqual(result.refused, [], name)
            XCTAssertEqual(result.actions.map(\.functionName), [name])
        }
        let wrapped = OpenAITool.importTools(.object(["tools": [chat, bare, flat]]))
        XCTAssertEqual(wrapped.actions.map(\.functionName), ["create_crm_lead", "book_demo", "cancel_order"])
        XCTAssertEqual(wrapped.actions.map(\.name), ["Create crm lead", "Book demo", "Cancel order"])
        XCTAssertEqual(wrapped.actions.map(\.description), ["Chat form", "Bare", "Responses form"])
        XCTAssertTrue(wrapped.actions.allSatisfy { $0.kind == .customInput && $0.trigger == .functionCall })
        let array = OpenAITool.importTools([chat, bare, flat])
        XCTAssertEqual(array.actions.map(\.functionName), ["create_crm_lead", "book_demo", "cancel_order"])
        XCTAssertEqual(array.actions.first?.customInput?.inputSchema.property(named: "email")?.type, .string)
        XCTAssertEqual(array.actions[1].customInput?.inputSchema.property(named: "day")?.format, .date)
    }

    func testAFunctionWithoutParametersOrDescriptionImportsEmpty() {
        let result = OpenAITool.importTools(json(#"{"type":"function","function":{"name":"end_call"}}"#))
        let action = try! XCTUnwrap(result.actions.first)
        XCTAssertEqual(action.description, "")
        XCTAssertEqual(action.customInput?.inputSchema, InputSchema())
        XCTAssertEqual(parameters(OpenAITool.export(action)), json(#"{"type":"object","properties":{}}"#))
    }

    func testImportedActionsNeedAURLUnlessOneIsGiven() {
        let tool = OpenAITool.export(leadAction())
        let withoutURL = try! XCTUnwrap(OpenAITool.importTools(tool).actions.first)
        XCTAssertNil(withoutURL.customInput?.url)
        XCTAssertEqual(withoutURL.customInput?.needsURL, true)
        XCTAssertEqual(withoutURL.issues, [], "a missing URL is a state, not an issue")
        XCTAssertNil(OpenAITool.importTools(tool, url: "").actions.first?.customInput?.url)
        let withURL = try! XCTUnwrap(OpenAITool.importTools(tool, url: "https://crm.example.com/leads").actions.first)
        XCTAssertEqual(withURL.customInput?.url, "https://crm.example.com/leads")
        XCTAssertEqual(withURL.customInput?.needsURL, false)
        // What was exported comes back: same function, same schema.
        XCTAssertEqual(withURL.functionName, "create_crm_lead")
        XCTAssertEqual(withURL.customInput?.inputSchema, leadAction().customInput?.inputSchema)
        XCTAssertEqual(OpenAITool.export(withURL), tool)
    }

    func testHumanTitlesFromFunctionNames() {
        XCTAssertEqual(OpenAITool.title(fromFunctionName: "create_crm_lead"), "Create crm lead")
        XCTAssertEqual(OpenAITool.title(fromFunctionName: "getWeatherForecast"), "Get weather forecast")
        XCTAssertEqual(OpenAITool.title(fromFunctionName: "fetch_DNA_sequence"), "Fetch DNA sequence")
        XCTAssertEqual(OpenAITool.title(fromFunctionName: "parseHTTPResponse"), "Parse HTTP response")
        XCTAssertEqual(OpenAITool.title(fromFunctionName: "book-demo-v2"), "Book demo v2")
        XCTAssertEqual(OpenAITool.title(fromFunctionName: "_"), "_")
    }

    func testGorillaTypesAreMappedInNestedSchemasToo() {
        let tool = json("""
            {"name":"plan_route","description":"d","parameters":{"type":"dict","properties":{
              "start":{"type":"tuple","items":{"type":"float"}},
              "stops":{"type":"array","items":{"type":"dict","properties":{"lat":{"type":"float"},"tags":{"type":"tuple","items":{"type":"string"}}}}},
              "budget":{"type":"dict","properties":{"max":{"type":"float","optional":true}}}},
             "required":["start"],"optional":["stops","budget"]}}
            """)
        let result = OpenAITool.importTools(tool)
        XCTAssertEqual(result.refused, [])
        let schema = try! XCTUnwrap(result.actions.first?.customInput?.inputSchema)
        XCTAssertEqual(schema.properties.map(\.type), [.array, .array, .object])
        let exported = schema.jsonSchema
        XCTAssertEqual(exported.value(atPath: "type"), "object")
        XCTAssertEqual(exported.value(atPath: "properties.start.items.type"), "number")
        XCTAssertEqual(exported.value(atPath: "properties.stops.items.type"), "object")
        XCTAssertEqual(exported.value(atPath: "properties.stops.items.properties.lat.type"), "number")
        XCTAssertEqual(exported.value(atPath: "properties.stops.items.properties.tags.type"), "array")
        XCTAssertEqual(exported.value(atPath: "properties.budget.properties.max.type"), "number")
        // Gorilla's optional annotations are kept as they came.
        XCTAssertEqual(exported.value(atPath: "optional"), ["stops", "budget"])
        XCTAssertEqual(exported.value(atPath: "properties.budget.properties.max.optional"), true)
    }

    func testStrictToolsNullableFieldsComeBackOptional() {
        let tool = json("""
            {"type":"function","function":{"name":"book_table","strict":true,"parameters":{"type":"object","properties":{
               "when":{"type":"string","format":"date-time"},
               "notes":{"type":["string","null"],"description":"Anything else"},
               "seating":{"type":["string","null"],"enum":["inside","terrace",null]},
               "party":{"type":"integer"}},
             "required":["party","when","notes","seating"],"additionalProperties":false}}}
            """)
        let result = OpenAITool.importTools(tool)
        XCTAssertEqual(result.refused, [])
        let schema = try! XCTUnwrap(result.actions.first?.customInput?.inputSchema)
        XCTAssertEqual(schema.requiredNames, ["when", "party"])
        XCTAssertEqual(schema.property(named: "notes")?.type, .string)
        XCTAssertEqual(schema.property(named: "notes")?.isRequired, false)
        XCTAssertEqual(schema.property(named: "seating")?.enumValues, ["inside", "terrace"])
        // Non-strict export keeps the author's required order for what is still required.
        XCTAssertEqual(schema.jsonSchema.value(atPath: "required"), ["party", "when"])
        XCTAssertEqual(schema.jsonSchema.value(atPath: "additionalProperties"), false)
        // Strict export is the tool again (values equal; key order of the properties kept).
        let again = OpenAITool.export(try! XCTUnwrap(result.actions.first), strict: true)
        XCTAssertEqual(again.value(atPath: "function.parameters.properties"), tool.value(atPath: "function.parameters.properties"))
        XCTAssertEqual(again.value(atPath: "function.parameters.properties")?.objectValue?.keys, ["when", "notes", "seating", "party"])
        XCTAssertEqual(Set(again.value(atPath: "function.parameters.required")?.arrayValue?.compactMap(\.stringValue) ?? []), ["when", "notes", "seating", "party"])
        XCTAssertEqual(again.value(atPath: "function.parameters.required")?.arrayValue?.count, 4)
    }

    func testStrictToolsNestedNullableFieldsComeBackOptionalToo() {
        let tool = json("""
            {"type":"function","name":"ship","parameters":{"type":"object","properties":{
               "address":{"type":"object","properties":{"street":{"type":"string"},"unit":{"type":["string","null"]}},
                          "required":["street","unit"],"additionalProperties":false},
               "parcels":{"type":"array","items":{"type":"object","properties":{"note":{"type":["string","null"]}},
                          "required":["note"],"additionalProperties":false}}},
             "required":["address","parcels"],"additionalProperties":false}}
            """)
        let action = try! XCTUnwrap(OpenAITool.importTools(tool).actions.first, "the flat form is strict by default")
        let schema = try! XCTUnwrap(action.customInput?.inputSchema.jsonSchema)
        XCTAssertEqual(schema.value(atPath: "properties.address.required"), ["street"])
        XCTAssertEqual(schema.value(atPath: "properties.address.properties.unit.type"), "string")
        XCTAssertNil(schema.value(atPath: "properties.parcels.items.required"))
        XCTAssertEqual(schema.value(atPath: "properties.parcels.items.properties.note.type"), "string")
        XCTAssertEqual(schema.value(atPath: "properties.parcels.items.additionalProperties"), false)
        XCTAssertEqual(OpenAITool.export(action, strict: true).value(atPath: "function.parameters"), tool.value(atPath: "parameters"))
        // Marked not strict, nested unions are kept as written (the validator reads type lists).
        var notStrict = tool.objectValue!
        notStrict["strict"] = false
        let plain = try! XCTUnwrap(OpenAITool.importTools(.object(notStrict)).actions.first?.customInput?.inputSchema.jsonSchema)
        XCTAssertEqual(plain.value(atPath: "properties.address.required"), ["street", "unit"])
        XCTAssertEqual(plain.value(atPath: "properties.address.properties.unit.type"), ["string", "null"])
    }

    func testRequiredOrderSurvivesARoundTrip() {
        // BFCL's recipe_search lists required in another order than its properties.
        let parameters = json("""
            {"type":"object","properties":{"diet":{"type":"string"},"time_limit":{"type":"integer"},"dish":{"type":"string"}},"required":["dish","diet"]}
            """)
        let action = try! XCTUnwrap(OpenAITool.importTools(.object(["name": "recipe_search", "parameters": parameters])).actions.first)
        XCTAssertEqual(self.parameters(OpenAITool.export(action))?.value(atPath: "required"), ["dish", "diet"])
    }

    // MARK: - Import: refusals

    func testRefusalsNameTheToolAndTheReasonAndTheRestImport() {
        let tools = json("""
            {"tools":[
              {"type":"function","function":{"name":"math.factorial","parameters":{"type":"object","properties":{"n":{"type":"integer"}}}}},
              {"type":"function","function":{"name":"train","parameters":{"type":"object","properties":{"data":{"type":"any"}}}}},
              {"type":"function","function":{"name":"ok_one","parameters":{"type":"object","properties":{"n":{"type":"integer"}}}}},
              {"type":"function","function":{"name":"spaced","parameters":{"type":"object","properties":{"first name":{"type":"string"}}}}},
              {"type":"function","function":{"name":"choice","parameters":{"type":"object","properties":{"v":{"anyOf":[{"type":"string"},{"type":"integer"}]}}}}},
              {"type":"function","function":{"name":"nested","parameters":{"type":"object","properties":{"address":{"type":"object","properties":{"zip":{"type":"string","contentEncoding":"base64"}}}}}}},
              {"type":"function","function":{"name":"ok_one","parameters":{"type":"object","properties":{}}}},
              {"type":"web_search"},
              {"type":"function","function":{"name":"contradiction","parameters":{"type":"object","properties":{"a":{"type":"string","optional":true}},"required":["a"]}}},
              {"type":"function","function":{"name":"nullable","parameters":{"type":"object","properties":{"a":{"type":["string","null"]}}}}},
              {"type":"function","function":{"name":"tuple_items","parameters":{"type":"object","properties":{"p":{"type":"array","items":[{"type":"number"},{"type":"number"}]}}}}},
              {"type":"function","function":{"name":"missing","parameters":{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}}},
              {"type":"function","function":{"name":"list_params","parameters":{"type":"array"}}},
              42
            ]}
            """)
        let result = OpenAITool.importTools(tools)
        XCTAssertEqual(result.actions.map(\.functionName), ["ok_one"])
        let reasons = Dictionary(result.refused.map { ($0.name, $0.reason) }, uniquingKeysWith: { a, b in a + " | " + b })
        func refused(_ name: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
            guard let reason = reasons[name] else { return XCTFail("\(name) was not refused: \(result.refused)", file: file, line: line) }
            XCTAssertTrue(reason.contains(fragment), "\(name): \(reason)", file: file, line: line)
        }
        refused("math.factorial", "'math.factorial' isn't a valid function name")
        refused("math.factorial", "rename it, e.g. to math_factorial")
        refused("train", "property 'data' has type \"any\", which an Input Schema can't express")
        refused("spaced", "property name 'first name' may only use letters, digits, '_' and '-'")
        refused("choice", "property 'v' uses 'anyOf', which Switchboard's validator doesn't support")
        refused("nested", "property 'address.zip' uses 'contentEncoding'")
        refused("ok_one", "an earlier tool in this import is already named 'ok_one'")
        refused("web_search", "it is a \"web_search\" tool, not a function")
        refused("contradiction", "property 'a' is both required and marked optional")
        refused("nullable", "has type [\"string\",\"null\"]; a field has one type here")
        refused("tuple_items", "property 'p' lists its items as a tuple")
        refused("missing", "'b' is required but not among the properties of the parameters")
        refused("list_params", "the parameters must be an object schema")
        refused("tool 14", "a tool must be a JSON object, not integer")
        XCTAssertEqual(result.refused.count, 13, "\(result.refused)")
        XCTAssertEqual(result.refused.first?.description,
                       "math.factorial: 'math.factorial' isn't a valid function name (only letters, digits, '_' and '-', at most 64 characters); rename it, e.g. to math_factorial")
    }

    func testAToolWithSeveralProblemsListsThemAll() {
        let tool = json(#"{"name":"random_forest.train","parameters":{"type":"dict","properties":{"data":{"type":"any"},"depth":{"type":"integer","uniqueItems":true}}}}"#)
        let refusal = try! XCTUnwrap(OpenAITool.importTools(tool).refused.first)
        XCTAssertEqual(refusal.name, "random_forest.train")
        XCTAssertTrue(refusal.reason.contains("e.g. to random_forest_train"), refusal.reason)
        XCTAssertTrue(refusal.reason.contains("property 'data' has type \"any\""), refusal.reason)
        XCTAssertTrue(refusal.reason.contains("property 'depth' uses 'uniqueItems'"), refusal.reason)
    }

    func testNamelessToolsAreRefused() {
        let result = OpenAITool.importTools([["type": "function", "function": ["description": "no name"]], ["parameters": [:]]])
        XCTAssertEqual(result.actions, [])
        XCTAssertEqual(result.refused.map(\.name), ["(unnamed)", "tool 2"])
        XCTAssertTrue(result.refused[0].reason.contains("has no name"))
    }

    func testATooLongNameSuggestsA64CharacterOne() {
        let long = String(repeating: "a", count: 70)
        let refusal = try! XCTUnwrap(OpenAITool.importTools(.object(["name": .string(long)])).refused.first)
        XCTAssertTrue(refusal.reason.contains("e.g. to \(String(repeating: "a", count: 64))"), refusal.reason)
        XCTAssertTrue(refusal.reason.hasSuffix("e.g. to " + String(repeating: "a", count: 64)), refusal.reason)
    }
}

extension InputSchema {
    func withExtra(_ key: String, _ value: JSONValue) -> InputSchema {
        var copy = self
        copy.extraKeywords[key] = value
        return copy
    }
}
