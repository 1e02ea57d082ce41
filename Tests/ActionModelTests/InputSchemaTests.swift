import XCTest

@testable import ActionModel

/// InputSchema ⇄ JSON Schema, and the field rules of ActionValidation.swift.
final class InputSchemaTests: XCTestCase {
    func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do { return try JSONValue(parsing: text) } catch {
            XCTFail("bad JSON in the test: \(error)", file: file, line: line)
            return .null
        }
    }

    func schema(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> InputSchema? {
        do { return try InputSchema(jsonSchema: json(text, file: file, line: line)) } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func conversionError(_ text: String) -> SchemaConversionError? {
        do {
            _ = try InputSchema(jsonSchema: json(text))
            return nil
        } catch { return error }
    }

    // MARK: - Reading JSON Schema

    func testPropertiesKeepTheirWrittenOrderAndRequiredFlags() {
        let schema = schema("""
            {"type":"object","properties":{"zeta":{"type":"string"},"alpha":{"type":"integer"},"mid":{"type":"boolean"}},
             "required":["mid","zeta"]}
            """)
        XCTAssertEqual(schema?.properties.map(\.name), ["zeta", "alpha", "mid"])
        XCTAssertEqual(schema?.properties.map(\.isRequired), [true, false, true])
        XCTAssertEqual(schema?.properties.map(\.type), [.string, .integer, .boolean])
        XCTAssertEqual(schema?.requiredNames, ["zeta", "mid"])
        XCTAssertEqual(schema?.property(named: "alpha")?.typeLabel, "integer")
        XCTAssertNil(schema?.property(named: "nope"))
    }

    func testModelledKeywordsAreReadIntoTheirFields() {
        let schema = schema("""
            {"type":"object","properties":{
              "plan":{"type":"string","description":"Which plan","enum":["a","b"]},
              "email":{"type":"string","format":"email"},
              "when":{"type":"string","format":"date-time"},
              "code":{"type":"string","pattern":"^[A-Z]{3}$"},
              "seats":{"type":"integer","minimum":1,"maximum":500},
              "ratio":{"type":"number","minimum":0.5,"maximum":2.5}}}
            """)
        let plan = schema?.property(named: "plan")
        XCTAssertEqual(plan?.description, "Which plan")
        XCTAssertEqual(plan?.enumValues, ["a", "b"])
        XCTAssertEqual(plan?.isEnum, true)
        XCTAssertEqual(plan?.typeLabel, "enum")
        XCTAssertEqual(schema?.property(named: "email")?.format, .email)
        XCTAssertEqual(schema?.property(named: "when")?.format, .dateTime)
        XCTAssertEqual(schema?.property(named: "code")?.pattern, "^[A-Z]{3}$")
        XCTAssertEqual(schema?.property(named: "seats")?.minimum, 1)
        XCTAssertEqual(schema?.property(named: "seats")?.maximum, 500)
        XCTAssertEqual(schema?.property(named: "ratio")?.minimum, 0.5)
        for property in schema?.properties ?? [] { XCTAssertTrue(property.extraKeywords.isEmpty, property.name) }
    }

    func testKeywordsTheEditorDoesNotModelAreKeptInOrder() {
        let text = """
            {"type":"object","properties":{
              "tags":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true},
              "n":{"type":"integer","enum":[1,2,3],"multipleOf":1},
              "site":{"type":"string","format":"hostname","minLength":3},
              "label":{"type":"boolean","minimum":1},
              "meta":{"type":"object","properties":{"k":{"type":"string"}},"additionalProperties":false}},
             "additionalProperties":false,"description":"Top"}
            """
        let parsed = schema(text)
        XCTAssertEqual(parsed?.extraKeywords.keys, ["additionalProperties", "description"])
        XCTAssertEqual(parsed?.property(named: "tags")?.extraKeywords.keys, ["items", "minItems", "uniqueItems"])
        // An enum of integers, an unknown format and a bound on a boolean are not the editor's: kept as extras.
        XCTAssertEqual(parsed?.property(named: "n")?.enumValues, [])
        XCTAssertEqual(parsed?.property(named: "n")?.extraKeywords.keys, ["enum", "multipleOf"])
        XCTAssertNil(parsed?.property(named: "site")?.format)
        XCTAssertEqual(parsed?.property(named: "site")?.extraKeywords.keys, ["format", "minLength"])
        XCTAssertNil(parsed?.property(named: "label")?.minimum)
        XCTAssertEqual(parsed?.property(named: "label")?.extraKeywords["minimum"], 1)
        // And all of it comes back.
        XCTAssertEqual(parsed?.jsonSchema, json(text))
    }

    func testAnEmptyDescriptionSurvivesARoundTrip() {
        let text = #"{"type":"object","properties":{"a":{"type":"string","description":""}}}"#
        XCTAssertEqual(schema(text)?.jsonSchema, json(text))
        // Once the editor gives it a description, that one is written.
        var edited = schema(text)!
        edited.properties[0].description = "Now described"
        XCTAssertEqual(edited.jsonSchema.value(atPath: "properties.a.description"), "Now described")
    }

    func testAMissingTypeMeansObjectAndEmptyPropertiesAreAllowed() {
        XCTAssertEqual(schema("{}"), InputSchema())
        XCTAssertEqual(schema(#"{"properties":{}}"#), InputSchema())
        XCTAssertEqual(InputSchema().jsonSchema, json(#"{"type":"object","properties":{}}"#))
    }

    // MARK: - Writing JSON Schema

    func testExportWritesModelledKeywordsFirstThenExtras() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "b", type: .number, isRequired: true, description: "B", minimum: 0, maximum: 10.5,
                           extraKeywords: ["multipleOf": 0.5]),
            SchemaProperty(name: "a", enumValues: ["x", "y"], format: nil, pattern: "^[xy]$"),
            SchemaProperty(name: "d", format: .date),
        ])
        let exported = schema.jsonSchema
        XCTAssertEqual(exported.objectValue?.keys, ["type", "properties", "required"])
        XCTAssertEqual(exported.value(atPath: "properties")?.objectValue?.keys, ["b", "a", "d"])
        XCTAssertEqual(exported.value(atPath: "properties.b")?.objectValue?.keys, ["type", "description", "minimum", "maximum", "multipleOf"])
        XCTAssertEqual(exported.value(atPath: "required"), ["b"])
        XCTAssertEqual(exported.value(atPath: "properties.a.enum"), ["x", "y"])
        XCTAssertEqual(exported.value(atPath: "properties.d.format"), "date")
        XCTAssertEqual(exported.compactText,
                       #"{"type":"object","properties":{"b":{"type":"number","description":"B","minimum":0,"maximum":10.5,"multipleOf":0.5},"a":{"type":"string","enum":["x","y"],"pattern":"^[xy]$"},"d":{"type":"string","format":"date"}},"required":["b"]}"#)
    }

    func testWholeBoundsAreWrittenAsIntegers() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "n", type: .number, minimum: 1.0, maximum: 100.0),
            SchemaProperty(name: "m", type: .number, minimum: -0.25, maximum: 1e20),
        ])
        let text = schema.jsonSchema.compactText
        XCTAssertTrue(text.contains(#""minimum":1,"maximum":100}"#), text)
        XCTAssertTrue(text.contains(#""minimum":-0.25"#), text)
        XCTAssertFalse(text.contains("1.0"), text)
        XCTAssertEqual(schema.jsonSchema.value(atPath: "properties.n.minimum"), .integer(1))
        // A bound read as 3.0 is written back as 3: equal as JSON numbers.
        let read = self.schema(#"{"type":"object","properties":{"x":{"type":"number","minimum":3.0}}}"#)
        XCTAssertEqual(read?.jsonSchema.compactText, #"{"type":"object","properties":{"x":{"type":"number","minimum":3}}}"#)
    }

    func testRequiredIsLeftOutWhenNothingIsRequired() {
        let schema = InputSchema(properties: [SchemaProperty(name: "a")])
        XCTAssertNil(schema.jsonSchema.value(atPath: "required"))
    }

    func testRequiredKeepsTheOrderItWasWrittenIn() {
        let text = #"{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},"c":{"type":"string"}},"required":["c","a"]}"#
        var parsed = schema(text)!
        XCTAssertEqual(parsed.jsonSchema.value(atPath: "required"), ["c", "a"])
        XCTAssertEqual(parsed, InputSchema(properties: [
            SchemaProperty(name: "a", isRequired: true), SchemaProperty(name: "b"), SchemaProperty(name: "c", isRequired: true),
        ]), "the written order is not part of equality")
        // Newly required names follow, in property order; names no longer required drop out.
        parsed.properties[1].isRequired = true
        parsed.properties[2].isRequired = false
        XCTAssertEqual(parsed.jsonSchema.value(atPath: "required"), ["a", "b"])
    }

    func testExtrasDoNotOverrideModelledKeywords() {
        var schema = InputSchema(properties: [SchemaProperty(name: "a", description: "Modelled", extraKeywords: ["description": "stale", "type": "integer"])])
        schema.extraKeywords["required"] = ["ghost"]
        schema.extraKeywords["type"] = "array"
        let exported = schema.jsonSchema
        XCTAssertEqual(exported.value(atPath: "properties.a.description"), "Modelled")
        XCTAssertEqual(exported.value(atPath: "properties.a.type"), "string")
        XCTAssertEqual(exported.value(atPath: "type"), "object")
        XCTAssertNil(exported.value(atPath: "required"))
    }

    // MARK: - Errors, with paths

    func testConversionErrorsSayWhere() {
        XCTAssertEqual(conversionError("[]")?.path, "")
        XCTAssertTrue(conversionError("[]")?.description.contains("must be a JSON object, not array") == true)
        XCTAssertEqual(conversionError(#"{"type":"array"}"#)?.path, "type")
        XCTAssertEqual(conversionError(#"{"type":"object","required":"a"}"#)?.path, "required")
        XCTAssertEqual(conversionError(#"{"type":"object","required":[1]}"#)?.path, "required")
        XCTAssertEqual(conversionError(#"{"type":"object","properties":[]}"#)?.path, "properties")
        XCTAssertEqual(conversionError(#"{"type":"object","properties":{"a":"string"}}"#)?.path, "properties.a")
        XCTAssertEqual(conversionError(#"{"type":"object","properties":{"a":{}}}"#)?.path, "properties.a.type")
        let unsupported = conversionError(#"{"type":"object","properties":{"a":{"type":"any"}}}"#)
        XCTAssertEqual(unsupported?.path, "properties.a.type")
        XCTAssertEqual(unsupported?.description, #"properties.a.type: unsupported type "any"; use string, number, integer, boolean, array or object"#)
        let missing = conversionError(#"{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}"#)
        XCTAssertEqual(missing, SchemaConversionError(path: "required", reason: "'b' is required but not among the properties"))
    }

    func testSchemaIssues() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "ok"),
            SchemaProperty(name: "2fa"),
            SchemaProperty(name: "ok"),
            SchemaProperty(name: "plan", enumValues: ["a", "a", ""]),
            SchemaProperty(name: "code", pattern: "(["),
            SchemaProperty(name: "n", type: .integer, minimum: 5, maximum: 1),
        ])
        let issues = schema.issues
        XCTAssertTrue(issues.contains("property name '2fa' may only use letters, digits, '_' and '-', and not start with a digit"), "\(issues)")
        XCTAssertTrue(issues.contains("property 'ok' is defined twice"), "\(issues)")
        XCTAssertTrue(issues.contains("plan: enum value 'a' is listed twice"), "\(issues)")
        XCTAssertTrue(issues.contains("plan: an enum value can't be empty"), "\(issues)")
        XCTAssertTrue(issues.contains("code: pattern '([' is not a valid regular expression"), "\(issues)")
        XCTAssertTrue(issues.contains("n: minimum 5 is above maximum 1"), "\(issues)")
        XCTAssertEqual(issues.count, 6, "\(issues)")
        XCTAssertEqual(SchemaProperty.nameProblem(""), "a property needs a name, e.g. email")
        XCTAssertNil(SchemaProperty.nameProblem("first-name_2"))
    }

    // MARK: - Function names

    func testDerivedFunctionNames() {
        XCTAssertEqual(FunctionName.derived(from: "Create CRM lead"), "create_crm_lead")
        XCTAssertEqual(FunctionName.derived(from: "Réserver un créneau"), "reserver_un_creneau")
        XCTAssertEqual(FunctionName.derived(from: "  Book -- a   demo!  "), "book_a_demo")
        XCTAssertEqual(FunctionName.derived(from: "2FA code"), "2fa_code")
        XCTAssertEqual(FunctionName.derived(from: ""), "action")
        XCTAssertEqual(FunctionName.derived(from: "¿¡!"), "action_bf_a1_21", "no letters: the code points keep it apart from other such names")
        XCTAssertEqual(FunctionName.derived(from: "ﬁle upload"), "file_upload", "compatibility forms fold to ASCII")
        let long = FunctionName.derived(from: String(repeating: "word ", count: 30))
        XCTAssertLessThanOrEqual(long.count, 64)
        XCTAssertFalse(long.hasSuffix("_"))
        XCTAssertTrue(FunctionName.isValid(long))
        for name in ["Create CRM lead", "Réserver un créneau", "日本語", "a.b.c", String(repeating: "x", count: 200)] {
            XCTAssertTrue(FunctionName.isValid(FunctionName.derived(from: name)), name)
        }
    }

    func testFunctionNameValidity() {
        XCTAssertTrue(FunctionName.isValid("create_crm_lead"))
        XCTAssertTrue(FunctionName.isValid("Get-Weather-2"))
        XCTAssertTrue(FunctionName.isValid(String(repeating: "a", count: 64)))
        XCTAssertFalse(FunctionName.isValid(String(repeating: "a", count: 65)))
        XCTAssertFalse(FunctionName.isValid(""))
        XCTAssertFalse(FunctionName.isValid("math.factorial"))
        XCTAssertFalse(FunctionName.isValid("with space"))
        XCTAssertFalse(FunctionName.isValid("café"))
        XCTAssertNil(FieldRules.functionName("create_crm_lead"))
        XCTAssertEqual(FieldRules.functionName(""), "give the tool a function name, e.g. create_crm_lead")
        XCTAssertEqual(FieldRules.functionName("math.factorial"), "'math.factorial' may only use letters, digits, '_' and '-' (try math_factorial)")
        XCTAssertTrue(FieldRules.functionName(String(repeating: "a", count: 65))?.contains("longer than 64") == true)
    }

    // MARK: - Field rules

    func testPhoneNumbersAreE164() {
        for good in ["+14155550100", "+442071838750", "+33142685300", "+12", "+123456789012345", "+1 415 555 0100", "+1-415-555-0100"] {
            XCTAssertNil(FieldRules.phoneNumber(good), good)
        }
        XCTAssertEqual(FieldRules.phoneNumber(""), "enter the number to transfer to, in E.164 form like +14155550100")
        XCTAssertEqual(FieldRules.phoneNumber("14155550100"),
                       "'14155550100' has no country code; an E.164 number starts with + and the country code, like +1 415 555 0199")
        XCTAssertEqual(FieldRules.phoneNumber("+1234567890123456"), "'+1234567890123456' has 16 digits; an E.164 number has at most 15, like +14155550100")
        for bad in ["+0123456789", "+1", "+", "++14155550100", "+1415555010a", "+١٤١٥٥٥٥٠١٠٠"] {
            XCTAssertEqual(FieldRules.phoneNumber(bad),
                           "'\(bad)' is not a phone number; write it in E.164, a plus, the country code and the number, like +1 (415) 555-0199 or +14155550100", bad)
        }
    }

    func testDTMFButtons() {
        XCTAssertNil(FieldRules.buttons("1#"))
        XCTAssertNil(FieldRules.buttons("0123456789*#"))
        XCTAssertNil(FieldRules.buttons(String(repeating: "1", count: 32)))
        XCTAssertEqual(FieldRules.buttons(""), "enter the buttons to press, e.g. 1# (digits 0-9, * and #)")
        XCTAssertEqual(FieldRules.buttons("12a"), "'a' is not a keypad button; use only 0-9, * and #")
        XCTAssertEqual(FieldRules.buttons("1 2"), "' ' is not a keypad button; use only 0-9, * and #")
        XCTAssertEqual(FieldRules.buttons("１"), "'１' is not a keypad button; use only 0-9, * and #", "full-width digits are not keypad buttons")
        XCTAssertEqual(FieldRules.buttons(String(repeating: "#", count: 33)), "at most 32 buttons (it has 33)")
    }

    func testURLs() {
        XCTAssertNil(FieldRules.url(""), "empty means: needs a URL")
        XCTAssertNil(FieldRules.url("https://api.example.com/leads"))
        XCTAssertNil(FieldRules.url("http://localhost:8080/hook?x=1"))
        XCTAssertNil(FieldRules.url("HTTPS://API.EXAMPLE.COM"))
        XCTAssertEqual(FieldRules.url(" https://api.example.com"), "remove the spaces around the URL")
        XCTAssertEqual(FieldRules.url("ftp://files.example.com"), "'ftp' URLs can't be called; use http:// or https://")
        XCTAssertEqual(FieldRules.url("api.example.com/leads"), "'api.example.com/leads' is not a URL; write it like https://api.example.com/leads")
        XCTAssertEqual(FieldRules.url("https://"), "'https://' has no host; write it like https://api.example.com/leads")
        XCTAssertNotNil(FieldRules.url("https://exa mple.com"))
    }

    func testHeaders() {
        XCTAssertNil(FieldRules.header(HTTPHeader(name: "Authorization", value: "Bearer abc")))
        XCTAssertNil(FieldRules.header(HTTPHeader(name: "X-Api-Key", value: "")))
        XCTAssertEqual(FieldRules.header(HTTPHeader(name: "", value: "x")), "a header needs a name, as in 'Authorization: Bearer …'")
        XCTAssertEqual(FieldRules.header(HTTPHeader(name: "X Key", value: "x")), "header name 'X Key' may only use letters, digits and !#$%&'*+-.^_`|~")
        XCTAssertEqual(FieldRules.header(HTTPHeader(name: "X-Key:", value: "x")), "header name 'X-Key:' may only use letters, digits and !#$%&'*+-.^_`|~")
        for value in ["a\nb", "a\rb", "a\r\nX-Injected: 1"] {
            XCTAssertEqual(FieldRules.header(HTTPHeader(name: "X-Key", value: value)), "the value of 'X-Key' must be on one line", value.debugDescription)
        }
        XCTAssertEqual(FieldRules.header(HTTPHeader(name: "content-type", value: "text/plain")),
                       "'content-type' is set by Switchboard on every request; remove it")
        XCTAssertNotNil(FieldRules.header(HTTPHeader(name: "X-Vocode-Signature", value: "x")))
        XCTAssertNil(FieldRules.headers([HTTPHeader(name: "A", value: "1"), HTTPHeader(name: "B", value: "2")]))
        XCTAssertEqual(FieldRules.headers([HTTPHeader(name: "X-Key", value: "1"), HTTPHeader(name: "x-key", value: "2")]),
                       "'x-key' is set twice; keep one")
    }

    func testSignatureSecretTimeoutNameAndTriggers() {
        XCTAssertNil(FieldRules.signatureSecret(nil))
        XCTAssertNil(FieldRules.signatureSecret(""))
        XCTAssertNil(FieldRules.signatureSecret("c2VjcmV0LWtleQ=="))
        XCTAssertNotNil(FieldRules.signatureSecret("not base64!"))
        XCTAssertNil(FieldRules.timeout(1))
        XCTAssertNil(FieldRules.timeout(300))
        XCTAssertEqual(FieldRules.timeout(0), "0 s is out of range; use 1 to 300 seconds")
        XCTAssertEqual(FieldRules.timeout(301), "301 s is out of range; use 1 to 300 seconds")
        XCTAssertNil(FieldRules.name("Create CRM lead"))
        XCTAssertNotNil(FieldRules.name("   "))
        XCTAssertEqual(FieldRules.name(String(repeating: "n", count: 121)), "keep it to 120 characters (it has 121)")
        XCTAssertNotNil(FieldRules.triggerPhrases([]))
        XCTAssertEqual(FieldRules.triggerPhrases(["transfer you", " "]), "a trigger phrase can't be blank")
        XCTAssertNil(FieldRules.triggerPhrases(["transfer you"]))
        XCTAssertTrue(ActionTrigger.phrases(["Transfer You"]).matches(agentUtterance: "OK, I'll transfer you now"))
        // Vocode's rule: punctuation leaves the agent's words, not the phrase.
        XCTAssertTrue(ActionTrigger.phrases(["transfer you now"]).matches(agentUtterance: "I'll transfer you, now."))
        XCTAssertFalse(ActionTrigger.phrases(["I'll transfer you"]).matches(agentUtterance: "I'll transfer you"))
        XCTAssertFalse(ActionTrigger.functionCall.matches(agentUtterance: "transfer you"))
    }

    // MARK: - Placeholders

    func testPlaceholders() {
        XCTAssertEqual(Placeholders.scan("Done: {{result.status}} for {{ result.order.id }}"),
                       [.reference("result.status"), .reference("result.order.id")])
        XCTAssertEqual(Placeholders.scan("Nothing here"), [])
        XCTAssertEqual(Placeholders.scan("{{result.a}} then {{result.b"), [.reference("result.a"), .unclosed])
        XCTAssertNil(FieldRules.speakOnReceive(""))
        XCTAssertNil(FieldRules.speakOnReceive("Your order {{result.order.id}} is {{result}}"))
        XCTAssertEqual(FieldRules.speakOnReceive("Order {{result.id"), "a '{{' is never closed with '}}'")
        XCTAssertEqual(FieldRules.speakOnReceive("Hi {{name}}"), "'{{name}}' should name a field of the response, like {{result.status}}")
        XCTAssertNotNil(FieldRules.speakOnReceive("{{result..id}}"))
        XCTAssertNotNil(FieldRules.speakOnReceive("{{result.}}"))
        XCTAssertNotNil(FieldRules.speakOnReceive("{{results.id}}"))
    }

    func testActionIssuesCollectTheFieldRules() {
        let good = Action(name: "Transfer", configuration: .transferCalls(TransferCallsConfiguration(phoneNumber: "+14155550100")))
        XCTAssertEqual(good.issues, [])
        let bad = Action(
            name: " ", functionName: "bad.name",
            configuration: .customInput(CustomInputConfiguration(
                url: "ftp://x", speakOnReceive: "{{x}}", timeoutSeconds: 0, headers: [HTTPHeader(name: "Host", value: "x")])))
        XCTAssertEqual(bad.issues.map(\.field), [.name, .functionName, .url, .speakOnReceive, .timeout, .headers])
        XCTAssertEqual(bad.issues.first?.description, "Action Name: give the action a name, e.g. \"Create CRM lead\"")
        let dtmf = Action(name: "Menu", configuration: .dtmf(DTMFConfiguration(buttons: "9x")))
        XCTAssertEqual(dtmf.issues, [FieldIssue(.buttons, "'x' is not a keypad button; use only 0-9, * and #")])
    }
}
