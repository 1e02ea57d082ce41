import Foundation
import XCTest

@testable import ActionModel

/// Sample values honour `pattern`: every generated string is checked with the
/// validator itself, over hand-written real-world patterns, the JSON Schema
/// suite's patterns (and `patternProperties` keys), and the BFCL corpus.
final class PatternSampleTests: XCTestCase {
    /// Patterns as people write them in tool schemas, plus the syntax corners
    /// the validator accepts (classes, escapes, groups, alternation, counted
    /// repeats, backreferences, lookarounds, Unicode properties).
    static let patterns = [
        #"^\d{5}$"#, #"^\d{5}(-\d{4})?$"#, #"^[A-Z]{2}-\d{4}$"#, #"^\+[1-9]\d{1,14}$"#, #"^[A-Z]{3}$"#, #"^ORD-[0-9]{6}$"#,
        #"^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$"#, #"^\d{4}-\d{2}-\d{2}$"#, #"^([01]\d|2[0-3]):[0-5]\d$"#,
        #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#, #"^https?://[^\s/$.?#].[^\s]*$"#,
        #"^(?:\+?1[-. ]?)?\(?[0-9]{3}\)?[-. ]?[0-9]{3}[-. ]?[0-9]{4}$"#, #"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$"#,
        #"^(small|medium|large)$"#, #"^(?i:yes|no)$"#, #"^[^@\s]+@[^@\s]+$"#, #"^\w+$"#, #"^\W+$"#, #"^\S+ \S+$"#, #"^\s*\d+\s*$"#,
        #"^[A-Za-z ]{2,50}$"#, #"^(?=.*[A-Z])(?=.*[a-z])(?=.*\d).{8,}$"#, #"^(?!test).+$"#, #"^(\w)\1$"#, #"^(?<word>[a-z]+)-\k<word>$"#,
        #"^\p{Lu}\p{Ll}+$"#, #"^\p{L}+$"#, #"^\P{L}+$"#, #"^[\u0041-\u005A]{3}$"#, #"^\x41\u0042?C$"#, #"^a{2,3}b{0,}c{1}$"#,
        #"^[.*+?^${}()|\[\]\\/]$"#, #"^\.\*\+\?$"#, #"^[-a-z]+$"#, #"^[a-z-]+$"#, #"^[^0-9]+$"#, #"^[\d\s]+$"#, #"^[\w.-]+$"#,
        #"colou?r"#, #"\bcat\b"#, #"x\By"#, #"^$"#, #"^a*$"#, #"a+"#, #"^(ab|cd)+$"#, #"^(?:a|b|c){3}$"#, #"^[a-c]{2}[x-z]{2}$"#,
        #"^\d+(\.\d{1,2})?$"#, #"^-?\d+$"#, #"^\$\d+\.\d{2}$"#, #"^#[0-9a-f]{6}$"#, #"^@[A-Za-z0-9_]{1,15}$"#, #"^[A-Z0-9]{10}$"#,
        #"^(?:[01]?\d\d?|2[0-4]\d|25[0-5])(?:\.(?:[01]?\d\d?|2[0-4]\d|25[0-5])){3}$"#, #"^\d{3}-\d{2}-\d{4}$"#, #"^[1-9][0-9]*$"#,
        #"^\d{1,3}(,\d{3})*$"#, #"^[A-HJ-NPR-Z0-9]{17}$"#, #"^(Mr|Mrs|Ms|Dr)\.? [A-Z][a-z]+$"#, #"^[a-z]+(_[a-z]+)*$"#,
        #"^(?<!x)y$"#, #"^a(?=b)b$"#, #"^[\t ]+$"#, #"^\u00e9+$"#, #"^[éèê]$"#, #"^[^\x00-\x7F]+$"#, #"^(a|)$"#, #"^a+?b*?$"#,
        #"^[A-Z]\d[A-Z] \d[A-Z]\d$"#, #"^\d{2}/\d{2}/\d{4}$"#, #"^[0-9]{4} ?[A-Z]{2}$"#, #"^[2-9]\d{2}$"#,
        #"^(?i)[a-z]+$"#, #"^GB\d{2}[A-Z]{4}\d{14}$"#, #"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$"#, #"^\d{4} \d{4} \d{4} \d{4}$"#,
        #"^(0[1-9]|1[0-2])/\d{2}$"#, #"^\d{3,4}$"#, #"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$"#, #"^(?:https?|ftp)://\S+$"#,
        #"^[a-z0-9]+(?:-[a-z0-9]+)*$"#, #"^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"#, #"^(?:\d{1,2}:){2}\d{2}$"#, #"^[^<>]*$"#,
        #"^\S+@\S+\.\S+$"#, #"^(?![_.])[a-zA-Z0-9._]{3,20}(?<![_.])$"#, #"^(yes|no|maybe)?$"#, #"^[\p{L} '-]+$"#,
    ]

    func validates(_ value: String, _ pattern: String, file: StaticString = #filePath, line: UInt = #line) {
        let issues = SchemaValidator.validate(.string(value), against: ["type": "string", "pattern": .string(pattern)])
        XCTAssertEqual(issues, [], "\(pattern) → \(value.debugDescription)", file: file, line: line)
    }

    func testEveryPatternGetsAStringTheValidatorAccepts() {
        for pattern in Self.patterns {
            XCTAssertNotNil(ECMAPattern.compile(pattern), "the list holds valid patterns only: \(pattern)")
            guard let sample = PatternSample.string(matching: pattern) else {
                XCTFail("no sample for \(pattern)")
                continue
            }
            validates(sample, pattern)
        }
        XCTAssertGreaterThanOrEqual(Self.patterns.count, 80)
    }

    func testSamplesReadNaturally() {
        XCTAssertEqual(PatternSample.string(matching: #"^[A-Z]{2}-\d{4}$"#), "AB-1234")
        XCTAssertEqual(PatternSample.string(matching: #"^\d{5}$"#), "12345")
        XCTAssertEqual(PatternSample.string(matching: #"^(small|medium|large)$"#), "small")
        XCTAssertEqual(PatternSample.string(matching: #"^ORD-[0-9]{6}$"#), "ORD-123456")
        XCTAssertEqual(PatternSample.string(matching: #"^(\w)\1$"#), "aa")
        XCTAssertEqual(PatternSample.string(matching: #"^(ab"#), nil, "a pattern that doesn't compile has no sample")
    }

    func testTheCallerCanAddRulesBesideThePattern() {
        let sample = PatternSample.string(matching: #"^[a-z]+$"#, accepting: { $0.count >= 6 })
        XCTAssertNotNil(sample)
        XCTAssertGreaterThanOrEqual(sample?.count ?? 0, 6)
        XCTAssertNil(PatternSample.string(matching: #"^\d$"#, accepting: { $0.count > 1 }), "nothing fits: nil, not a wrong value")
    }

    func testTheSchemaSuitesPatterns() throws {
        let folder = JSONSchemaSuiteTests.suiteFolder()
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw XCTSkip("JSON Schema test suite not found at \(folder.path)")
        }
        var patterns = Set<String>()
        func walk(_ value: JSONValue) {
            switch value {
            case let .object(object):
                for (key, child) in object {
                    if key == "pattern", let pattern = child.stringValue { patterns.insert(pattern) }
                    if key == "patternProperties", let keys = child.objectValue?.keys { patterns.formUnion(keys) }
                    walk(child)
                }
            case let .array(items): items.forEach(walk)
            default: break
            }
        }
        for case let file as String in enumerator where file.hasSuffix(".json") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for testCase in try JSONValue(parsing: text).arrayValue ?? [] { walk(testCase.objectValue?["schema"] ?? .null) }
        }
        if patterns.isEmpty { throw XCTSkip("JSON Schema test suite not found at \(folder.path)") }
        print("JSON Schema suite: \(patterns.count) patterns (pattern and patternProperties)")
        for pattern in patterns {
            let sample = PatternSample.string(matching: pattern)
            XCTAssertNotNil(sample, pattern)
            if let sample { validates(sample, pattern) }
        }
    }

    /// Every string property of every BFCL function that imports gets a sample
    /// its own schema accepts (patterns, "e.g." examples, formats, enums).
    func testBFCLSamplesValidate() throws {
        let definitions = try BFCLCorpusTests.loadDefinitions()
        var checked = 0, fromDescriptions = 0
        for definition in definitions {
            guard let action = OpenAITool.importTools(definition.function).actions.first,
                  let schema = action.customInput?.inputSchema else { continue }
            let arguments = SampleValues.arguments(for: schema)
            for property in schema.properties where [.string, .integer, .number, .boolean].contains(property.type) {
                let value = arguments[property.name] ?? .null
                XCTAssertEqual(schema.validate(value: value, forProperty: property.name), [], "\(definition.id) \(property.name): \(value.compactText)")
                checked += 1
                guard property.type == .string, !property.isEnum else { continue }
                if let example = SampleValues.descriptionExample(property.description), arguments[property.name] == .string(example) {
                    fromDescriptions += 1
                }
            }
        }
        print("BFCL samples: \(checked) property values validated, \(fromDescriptions) taken from the description's example")
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertGreaterThan(fromDescriptions, 10, "BFCL descriptions give many e.g. examples")
    }
}

final class SampleValuesPatternTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    func testPatternDescriptionExampleAndSchemaExamplesInThatOrderOfTrust() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "order_number", pattern: #"^ORD-\d{6}$"#),
            SchemaProperty(name: "booking_ref", description: "The booking reference, e.g. BK-7781.", pattern: #"^BK-\d{4}$"#),
            SchemaProperty(name: "promo", description: "A promo code, e.g. 'SPRING 24'"),
            SchemaProperty(name: "zip", description: "Zip code (e.g. 123)", pattern: #"^\d{5}$"#),
            SchemaProperty(name: "phone", pattern: #"^\+[1-9]\d{1,14}$"#),
            SchemaProperty(name: "seats", type: .integer, description: "How many, for example 4", minimum: 1, maximum: 10),
            SchemaProperty(name: "code", description: "e.g. XY-12", pattern: #"^[A-Z]{3}$"#, extraKeywords: ["default": "DEF"]),
            SchemaProperty(name: "tag", pattern: #"^[a-z]{3}$"#, extraKeywords: ["examples": ["abc"]]),
            SchemaProperty(name: "long", pattern: #"^[a-z]+$"#, extraKeywords: ["minLength": 5]),
        ])
        let arguments = SampleValues.arguments(for: schema, now: now)
        XCTAssertEqual(arguments["order_number"], "ORD-123456", "generated from the pattern (the name guess A-12345 doesn't match)")
        XCTAssertEqual(arguments["booking_ref"], "BK-7781", "the description's example, as it validates")
        XCTAssertEqual(arguments["promo"], "SPRING 24", "a quoted example is taken whole")
        XCTAssertEqual(arguments["zip"], "94103", "an example that fails the pattern is passed over; the name's guess matches")
        XCTAssertEqual(arguments["phone"], "+14155550100", "the name's guess, as it matches")
        XCTAssertEqual(arguments["seats"], 4)
        XCTAssertEqual(arguments["code"], "DEF", "default wins")
        XCTAssertEqual(arguments["tag"], "abc", "then examples")
        XCTAssertEqual(schema.validate(arguments: arguments), [], "\(JSONValue.object(arguments).compactText)")
    }

    func testDescriptionExamples() {
        XCTAssertEqual(SampleValues.descriptionExample("The order number, e.g. AB-12345"), "AB-12345")
        XCTAssertEqual(SampleValues.descriptionExample("Date (e.g., 2024-05-01)"), "2024-05-01")
        XCTAssertEqual(SampleValues.descriptionExample("The cuisine, such as Italian or Thai."), "Italian")
        XCTAssertEqual(SampleValues.descriptionExample("City name. For example: \"San José\"."), "San José")
        XCTAssertEqual(SampleValues.descriptionExample("The caller's name"), nil)
    }
}
