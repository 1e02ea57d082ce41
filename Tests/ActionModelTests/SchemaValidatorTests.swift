import XCTest

@testable import ActionModel

final class SchemaValidatorTests: XCTestCase {
    /// A lead-capture action as a person would build it in the editor.
    let lead = InputSchema(properties: [
        SchemaProperty(name: "name", type: .string, isRequired: true, description: "Caller's full name"),
        SchemaProperty(name: "email", type: .string, isRequired: true, format: .email),
        SchemaProperty(name: "color", type: .string, enumValues: ["red", "green", "blue"]),
        SchemaProperty(name: "age", type: .integer, minimum: 0, maximum: 120),
        SchemaProperty(name: "zip", type: .string, pattern: "^[0-9]{5}$"),
        SchemaProperty(name: "visit_date", type: .string, format: .date),
    ])

    func descriptions(_ issues: [ValidationIssue]) -> [String] { issues.map(\.description) }

    // MARK: InputSchema.validate(arguments:)

    func testValidArgumentsHaveNoIssues() {
        let arguments: JSONObject = ["name": "Jo Smith", "email": "jo@example.com", "color": "green", "age": 42, "zip": "94110", "visit_date": "2026-03-01"]
        XCTAssertEqual(lead.validate(arguments: arguments), [])
    }

    func testMissingRequiredFieldsInSchemaOrder() {
        let issues = lead.validate(arguments: ["age": 30])
        XCTAssertEqual(issues, [
            ValidationIssue(path: "name", message: "is required"),
            ValidationIssue(path: "email", message: "is required"),
        ])
        XCTAssertEqual(descriptions(issues), ["name is required", "email is required"])
    }

    func testEveryIssueIsReportedWordedForAPerson() {
        let arguments: JSONObject = ["name": "Jo", "email": "jo@", "color": "purple", "age": 150, "zip": "9411", "visit_date": "2026-02-30"]
        XCTAssertEqual(descriptions(lead.validate(arguments: arguments)), [
            "email: 'jo@' is not an email address",
            "color: 'purple' is not one of: red, green, blue",
            "age: 150 is above the maximum of 120",
            "zip: '9411' does not match the pattern ^[0-9]{5}$",
            "visit_date: '2026-02-30' is not a valid date (YYYY-MM-DD)",
        ])
    }

    func testWrongTypesSayWhatWasExpectedAndWhatCame() {
        let arguments: JSONObject = ["name": 7, "email": .null, "age": "forty", "color": true]
        XCTAssertEqual(descriptions(lead.validate(arguments: arguments)), [
            "name must be a string, not an integer",
            "email must be a string, not null",
            "color must be a string, not a boolean",
            "age must be an integer, not a string",
        ])
        XCTAssertEqual(descriptions(lead.validate(value: 41.5, forProperty: "age")), ["age must be a whole number, not 41.5"])
        // 42.0 is an integer as JSON Schema counts them.
        XCTAssertEqual(lead.validate(value: 42.0, forProperty: "age"), [])
    }

    func testNumberTypeMessage() {
        let schema: JSONValue = ["type": "object", "properties": ["amount": ["type": "number", "exclusiveMinimum": 0]]]
        XCTAssertEqual(descriptions(SchemaValidator.validate(["amount": "12.50"], against: schema)), ["amount must be a number, not a string"])
        XCTAssertEqual(descriptions(SchemaValidator.validate(["amount": 0], against: schema)), ["amount: 0 must be greater than 0"])
        XCTAssertEqual(SchemaValidator.validate(["amount": 0.01], against: schema), [])
    }

    func testSingleAnswerValidation() {
        XCTAssertEqual(descriptions(lead.validate(value: "jo@", forProperty: "email")), ["email: 'jo@' is not an email address"])
        XCTAssertEqual(descriptions(lead.validate(value: -1, forProperty: "age")), ["age: -1 is below the minimum of 0"])
        XCTAssertEqual(lead.validate(value: "blue", forProperty: "color"), [])
        XCTAssertEqual(descriptions(lead.validate(value: "x", forProperty: "nickname")), ["nickname is not one of the expected fields"])
    }

    func testAdditionalPropertiesFalseNamesTheUnexpectedField() {
        var schema = lead
        schema.extraKeywords["additionalProperties"] = false
        let issues = schema.validate(arguments: ["name": "Jo", "email": "jo@example.com", "nickname": "JJ"])
        XCTAssertEqual(descriptions(issues), ["nickname is not one of the expected fields"])
    }

    // MARK: Nested paths

    func testNestedPathsInMessages() {
        let schema: JSONValue = [
            "type": "object",
            "properties": [
                "address": [
                    "type": "object",
                    "properties": ["city": ["type": "string", "minLength": 2], "country": ["type": "string", "enum": ["US", "CA"]]],
                    "required": ["city", "country"],
                ],
                "items": [
                    "type": "array", "minItems": 1, "maxItems": 3,
                    "items": ["type": "object", "properties": ["sku": ["type": "string"], "qty": ["type": "integer", "minimum": 1]], "required": ["sku"]],
                ],
            ],
        ]
        let value: JSONValue = [
            "address": ["city": "X"],
            "items": [["sku": "A1", "qty": 0], ["qty": 2]],
        ]
        XCTAssertEqual(descriptions(SchemaValidator.validate(value, against: schema)), [
            "address.city: 'X' is shorter than 2 characters",
            "address.country is required",
            "items.0.qty: 0 is below the minimum of 1",
            "items.1.sku is required",
        ])
        let tooMany: JSONValue = ["address": ["city": "Oslo", "country": "CA"], "items": [["sku": "a"], ["sku": "b"], ["sku": "c"], ["sku": "d"]]]
        XCTAssertEqual(descriptions(SchemaValidator.validate(tooMany, against: schema)), ["items must have at most 3 items (it has 4)"])
        XCTAssertEqual(descriptions(SchemaValidator.validate(["address": ["city": "Oslo", "country": "CA"], "items": []], against: schema)),
                       ["items must have at least 1 item (it has 0)"])
    }

    func testRootIssuesHaveNoPath() {
        let issues = SchemaValidator.validate("hello", against: ["type": "object"])
        XCTAssertEqual(issues, [ValidationIssue(path: "", message: "must be an object, not a string")])
        XCTAssertEqual(issues[0].description, "must be an object, not a string")
        XCTAssertEqual(descriptions(SchemaValidator.validate(1, against: false)), ["is not allowed here"])
        XCTAssertEqual(SchemaValidator.validate(1, against: true), [])
    }

    // MARK: Individual keywords

    func testLongValuesAreShortened() throws {
        let long = String(repeating: "a", count: 200) + "@"
        let issue = try XCTUnwrap(SchemaValidator.validate(.string(long), against: ["format": "email"]).first)
        XCTAssertTrue(issue.message.hasPrefix("'aaaa"))
        XCTAssertTrue(issue.message.contains("…' is not an email address"), issue.message)
        XCTAssertLessThan(issue.message.count, 80)
        let multiline = SchemaValidator.validate("line one\nline two", against: ["maxLength": 5])
        XCTAssertEqual(multiline.first?.message, "'line one\\nline two' is longer than 5 characters (it has 17)")
    }

    func testLengthCountsCodePoints() {
        XCTAssertEqual(SchemaValidator.validate("💩💩", against: ["maxLength": 2]), [])
        XCTAssertEqual(SchemaValidator.validate("e\u{301}", against: ["maxLength": 1]).count, 1)  // é as e + combining accent: 2 code points
        XCTAssertEqual(SchemaValidator.validate("a", against: ["maxLength": 1]).count, 0)
        XCTAssertEqual(SchemaValidator.validate("", against: ["minLength": 1]).first?.message, "'' is shorter than 1 character")
    }

    func testPatternIsAnUnanchoredSearch() {
        XCTAssertEqual(SchemaValidator.validate("xxaayy", against: ["pattern": "a+"]), [])
        XCTAssertEqual(SchemaValidator.validate("Zoë", against: ["pattern": "^\\p{Letter}+$"]), [])
        XCTAssertEqual(SchemaValidator.validate("order 66", against: ["pattern": "^[A-Z]{2}-\\d+$"]).first?.message,
                       "'order 66' does not match the pattern ^[A-Z]{2}-\\d+$")
        // An invalid pattern is the schema's problem (InputSchema.issues reports it), not the value's.
        XCTAssertEqual(SchemaValidator.validate("anything", against: ["pattern": "("]), [])
    }

    func testPatternCacheIsSafeAcrossThreads() {
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            let pattern = "^x{\(index % 7)}$"
            let value = JSONValue.string(String(repeating: "x", count: index % 7))
            XCTAssertEqual(SchemaValidator.validate(value, against: ["pattern": .string(pattern)]), [])
        }
    }

    func testEnumMessagesQuoteOtherTypesAsJSON() {
        XCTAssertEqual(SchemaValidator.validate(3, against: ["enum": [1, 2, "two", .null]]).first?.message, "3 is not one of: 1, 2, two, null")
        // 1.0 equals 1, but true does not.
        XCTAssertEqual(SchemaValidator.validate(1.0, against: ["enum": [1]]), [])
        XCTAssertEqual(SchemaValidator.validate(true, against: ["enum": [1]]).count, 1)
        let many = JSONValue.array((1...20).map { .string("v\($0)") })
        XCTAssertEqual(SchemaValidator.validate("x", against: ["enum": many]).first?.message,
                       "'x' is not one of: v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12 (and 8 more)")
    }

    func testConst() {
        XCTAssertEqual(descriptions(SchemaValidator.validate(["plan": "pro"], against: ["properties": ["plan": ["const": "basic"]]])),
                       ["plan must be 'basic', not 'pro'"])
        XCTAssertEqual(SchemaValidator.validate(9_007_199_254_740_993, against: ["const": 9_007_199_254_740_992]).count, 1,
                       "integers beyond 2^53 compare exactly")
    }

    func testBounds() {
        XCTAssertEqual(SchemaValidator.validate(10, against: ["exclusiveMaximum": 10]).first?.message, "10 must be less than 10")
        XCTAssertEqual(SchemaValidator.validate(9.5, against: ["maximum": 9.25]).first?.message, "9.5 is above the maximum of 9.25")
        XCTAssertEqual(SchemaValidator.validate(300.0, against: ["maximum": 300]), [])
        XCTAssertEqual(SchemaValidator.validate(.integer(Int.max), against: ["maximum": 9.223372036854775807e18]), [])
        XCTAssertEqual(SchemaValidator.validate(.integer(9_007_199_254_740_993), against: ["maximum": 9_007_199_254_740_992.0]).count, 1)
    }

    func testMultipleOf() {
        XCTAssertEqual(SchemaValidator.validate(0.0075, against: ["multipleOf": 0.0001]), [])
        XCTAssertEqual(SchemaValidator.validate(19.99, against: ["multipleOf": 0.01]), [])
        XCTAssertEqual(SchemaValidator.validate(0.3, against: ["multipleOf": 0.1]), [])
        XCTAssertEqual(SchemaValidator.validate(0.00751, against: ["multipleOf": 0.0001]).first?.message, "0.00751 is not a multiple of 0.0001")
        XCTAssertEqual(SchemaValidator.validate(7, against: ["multipleOf": 2]).first?.message, "7 is not a multiple of 2")
        XCTAssertEqual(SchemaValidator.validate(1e308, against: ["multipleOf": 0.123456789]).count, 1)
        XCTAssertEqual(SchemaValidator.validate(1e308, against: ["multipleOf": 1e300]), [])
        XCTAssertEqual(SchemaValidator.validate(12_391_239_123, against: ["multipleOf": 1e-8]), [])
        XCTAssertEqual(SchemaValidator.validate(.integer(Int.min), against: ["multipleOf": 2]), [])
        XCTAssertEqual(SchemaValidator.validate(.integer(Int.max), against: ["multipleOf": .integer(Int.max)]), [])
        XCTAssertEqual(SchemaValidator.validate(-4.5, against: ["multipleOf": 1.5]), [])
        // A divisor that is not positive is ignored rather than trapping.
        XCTAssertEqual(SchemaValidator.validate(3, against: ["multipleOf": 0]), [])
    }

    func testFormatsCanBeAnnotationsOnly() {
        XCTAssertEqual(SchemaValidator.validate("nope", against: ["format": "email"], assertFormats: false), [])
        XCTAssertEqual(SchemaValidator.validate("nope", against: ["format": "email"]).count, 1)
        XCTAssertEqual(SchemaValidator.validate("anything", against: ["format": "made-up"]), [])
        XCTAssertEqual(SchemaValidator.validate(12, against: ["format": "date"]), [])
    }

    func testFormatMessages() {
        XCTAssertEqual(SchemaValidator.validate("25:00", against: ["format": "time"]).first?.message,
                       "'25:00' is not a valid time (HH:MM:SS with a time zone, e.g. 14:30:00Z)")
        XCTAssertEqual(SchemaValidator.validate("tomorrow at 3", against: ["format": "date-time"]).first?.message,
                       "'tomorrow at 3' is not a valid date and time (e.g. 2026-03-01T14:30:00Z)")
        XCTAssertEqual(SchemaValidator.validate("example.com", against: ["format": "uri"]).first?.message,
                       "'example.com' is not an absolute URI (e.g. https://example.com/page)")
    }

    func testStringFormatCheckers() {
        XCTAssertTrue(StringFormats.isEmail("first.last+tag@sub.example.co.uk"))
        XCTAssertFalse(StringFormats.isEmail("jo@example..com"))
        XCTAssertFalse(StringFormats.isEmail("jo@-example.com"))
        XCTAssertTrue(StringFormats.isDate("2024-02-29"))
        XCTAssertFalse(StringFormats.isDate("2023-02-29"))
        XCTAssertTrue(StringFormats.isTime("23:59:60Z"))
        XCTAssertFalse(StringFormats.isTime("12:00:60Z"))
        XCTAssertTrue(StringFormats.isDateTime("2026-03-01T14:30:00.5+01:00"))
        XCTAssertFalse(StringFormats.isDateTime("2026-03-01 14:30:00Z"))
        XCTAssertTrue(StringFormats.isURI("https://user@[v1.fe80::a]:8443/a/b?c=d#e"))
        XCTAssertTrue(StringFormats.isURI("urn:isbn:0451450523"))
        XCTAssertFalse(StringFormats.isURI("https://exa mple.com"))
        XCTAssertTrue(StringFormat.uri.accepts("http://[2001:db8::7]/"))
        XCTAssertFalse(StringFormat.uri.accepts("http://[2001:db8::7::1]/"))
    }

    // MARK: Keywords

    func testUnsupportedKeywordsAreFoundRecursively() {
        let schema: JSONValue = [
            "type": "object",
            "description": "annotations are supported",
            "properties": [
                "tags": ["type": "array", "items": ["type": "string", "uniqueItems": true]],
                "meta": ["type": "object", "additionalProperties": ["$ref": "#/$defs/x"]],
                "kind": ["enum": [["oneOf": 1]]],  // values are data, not keywords
            ],
            "allOf": [],
            "$defs": ["x": true],
        ]
        XCTAssertEqual(SchemaValidator.unsupportedKeywords(in: schema), ["uniqueItems", "$ref", "allOf", "$defs"])
        XCTAssertEqual(SchemaValidator.unsupportedKeywords(in: ["items": [["type": "string"]]]), ["items"])
        XCTAssertEqual(SchemaValidator.unsupportedKeywords(in: lead.jsonSchema), [])
        XCTAssertTrue(SchemaValidator.supportedKeywords.isSuperset(of: ["type", "pattern", "multipleOf", "$comment", "examples"]))
    }

    func testDescriptionForms() {
        XCTAssertEqual(ValidationIssue(path: "email", message: "'jo@' is not an email address").description, "email: 'jo@' is not an email address")
        XCTAssertEqual(ValidationIssue(path: "email", message: "is required").description, "email is required")
        XCTAssertEqual(ValidationIssue(path: "", message: "is required").description, "is required")
    }
}
