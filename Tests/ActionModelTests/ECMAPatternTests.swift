import XCTest

@testable import ActionModel

/// Patterns follow ECMA-262 (as JSON Schema says), not ICU's Unicode-aware classes.
final class ECMAPatternTests: XCTestCase {
    func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = ECMAPattern.compile(pattern) else {
            XCTFail("pattern \(pattern) did not compile")
            return false
        }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func testDigitClassIsASCIIOnly() {
        XCTAssertTrue(matches(#"^\d+$"#, "0123456789"))
        XCTAssertFalse(matches(#"^\d$"#, "٣"), "Arabic-Indic three is not an ECMA-262 digit")
        XCTAssertFalse(matches(#"^\d$"#, "৪"), "Bengali four is not an ECMA-262 digit")
        XCTAssertTrue(matches(#"^\D$"#, "٣"))
        XCTAssertFalse(matches(#"^\D$"#, "7"))
    }

    func testWordClassIsASCIIOnly() {
        XCTAssertTrue(matches(#"^\w+$"#, "abc_XYZ_09"))
        XCTAssertFalse(matches(#"^\w$"#, "é"))
        XCTAssertTrue(matches(#"^\W$"#, "é"))
        XCTAssertFalse(matches(#"^\W$"#, "_"))
    }

    func testClassesInsideBrackets() {
        XCTAssertTrue(matches(#"^[\d-]+$"#, "555-0100"))
        XCTAssertFalse(matches(#"^[\d-]+$"#, "٣-٣"))
        XCTAssertTrue(matches(#"^[a\D]$"#, "x"))
        XCTAssertFalse(matches(#"^[a\D]$"#, "5"))
    }

    func testEscapedBackslashIsLeftAlone() {
        XCTAssertEqual(ECMAPattern.icuPattern(#"\\d"#), #"\\d"#, "a literal backslash followed by d")
        XCTAssertTrue(matches(#"^\\d$"#, #"\d"#))
        XCTAssertEqual(ECMAPattern.icuPattern(#"^[0-9]{5}$"#), #"^[0-9]{5}$"#)
        XCTAssertEqual(ECMAPattern.icuPattern(#"a\.b\]"#), #"a\.b\]"#)
    }

    func testSchemaValidationUsesTheECMAMeaning() {
        let schema = InputSchema(properties: [SchemaProperty(name: "zip", type: .string, pattern: #"^\d{5}$"#)])
        XCTAssertTrue(schema.validate(arguments: ["zip": "94107"]).isEmpty)
        XCTAssertFalse(schema.validate(arguments: ["zip": "٩٤١٠٧"]).isEmpty, "non-ASCII digits don't match \\d")
    }
}
