import XCTest

@testable import ActionModel

final class JSONParserTests: XCTestCase {
    func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        do { return try JSONValue(parsing: text) } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
        do {
            let value = try JSONValue(parsing: text)
            XCTFail("expected an error, parsed \(value.compactText)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Order and kinds

    func testObjectKeysKeepTheirWrittenOrder() {
        let text = #"{"zeta":1,"alpha":{"b":true,"a":null},"mid":[3,2,1]}"#
        let value = parse(text)
        XCTAssertEqual(value?.objectValue?.keys, ["zeta", "alpha", "mid"])
        XCTAssertEqual(value?.value(atPath: "alpha")?.objectValue?.keys, ["b", "a"])
        XCTAssertEqual(value?.compactText, text, "a round trip gives back the same text")
    }

    func testDuplicateKeysKeepTheFirstPositionAndTheLastValue() {
        let value = parse(#"{"a":1,"b":2,"a":3}"#)
        XCTAssertEqual(value?.objectValue?.keys, ["a", "b"])
        XCTAssertEqual(value?.value(atPath: "a"), 3)
    }

    func testKeysThatOnlyLookAlikeAreDifferentKeys() {
        // Precomposed ä and a + combining diaeresis are different JSON strings.
        let text = "{\"\u{E4}\":1,\"a\u{308}\":2}"
        let value = parse(text)
        XCTAssertEqual(value?.objectValue?.count, 2)
        XCTAssertEqual(value?.compactText, text)
    }

    func testIntegersAndNumbersStayApart() {
        guard case .integer(42)? = parse("42") else { return XCTFail("42 is an integer") }
        guard case .number(42.0)? = parse("42.0") else { return XCTFail("42.0 is a number") }
        guard case .number(100)? = parse("1e2") else { return XCTFail("1e2 is a number") }
        guard case .integer(-7)? = parse("-7") else { return XCTFail("-7 is an integer") }
        guard case .integer(Int.min)? = parse("-9223372036854775808") else { return XCTFail("Int.min fits") }
        guard case .number(let big)? = parse("12345678901234567890") else { return XCTFail("beyond Int becomes a number") }
        XCTAssertEqual(big, 12345678901234567890.0)
        XCTAssertEqual(parse("[42,42.0,0.5,-0.25,1e-05]")?.compactText, "[42,42.0,0.5,-0.25,1e-05]")
        XCTAssertEqual(JSONValue.number(3).compactText, "3.0")
        XCTAssertEqual(JSONValue.number(.nan).compactText, "null")
    }

    func testOneEqualsOnePointZero() {
        XCTAssertEqual(JSONValue.integer(1), JSONValue.number(1.0))
        XCTAssertEqual(parse("[1, {\"a\": 2}]"), parse("[1.0, {\"a\": 2.0}]"))
        XCTAssertNotEqual(JSONValue.integer(1), JSONValue.bool(true))
        XCTAssertNotEqual(JSONValue.integer(0), JSONValue.null)
        XCTAssertEqual(parse(#"{"a":1,"b":2}"#), parse(#"{"b":2,"a":1}"#), "object equality ignores order")
        XCTAssertEqual(JSONValue.number(1.0).typeName, "integer")
        XCTAssertEqual(JSONValue.number(1.5).typeName, "number")
    }

    func testLargeIntegersCompareExactly() {
        // Through Double these would be equal: 2^53 + 1 rounds to 2^53.
        XCTAssertNotEqual(JSONValue.integer(9_007_199_254_740_993), JSONValue.integer(9_007_199_254_740_992))
        XCTAssertNotEqual(JSONValue.integer(9_007_199_254_740_993), JSONValue.number(9_007_199_254_740_992))
        XCTAssertEqual(JSONValue.number(9_007_199_254_740_992), JSONValue.integer(9_007_199_254_740_992))
        XCTAssertNotEqual(JSONValue.number(1e300), JSONValue.integer(Int.max))
        XCTAssertNotEqual(JSONValue.number(0.5), JSONValue.integer(0))
    }

    // MARK: Strings

    func testEscapes() {
        XCTAssertEqual(parse(#""\"\\\/\b\f\n\r\t""#), .string("\"\\/\u{08}\u{0C}\n\r\t"))
        XCTAssertEqual(parse(#""caf\u00e9 \u00E9""#), "café é")
        XCTAssertEqual(parse(#""nul\u0000byte""#), .string("nul\u{0}byte"))
        XCTAssertEqual(parse(#"{"k\u0065y":"v"}"#)?.objectValue?.keys, ["key"])
    }

    func testSurrogatePairs() {
        XCTAssertEqual(parse(#""\ud83d\ude00""#), "😀")
        XCTAssertEqual(parse(#""a\uD834\uDD1Eb""#), "a𝄞b")
        XCTAssertEqual(parse("\"😀 raw\""), "😀 raw")
        XCTAssertEqual(parseError(#""\ud83d""#)?.message, "lone surrogate in \\u escape")
        XCTAssertEqual(parseError(#""\ude00""#)?.message, "lone surrogate in \\u escape")
        XCTAssertEqual(parseError(#""\ud83d\u0041""#)?.message, "invalid low surrogate in \\u escape")
    }

    func testWriterEscapes() {
        let value: JSONValue = .string("quote \" backslash \\ newline \n tab \t bell \u{07} é 😀")
        XCTAssertEqual(value.compactText, #""quote \" backslash \\ newline \n tab \t bell \u0007 é 😀""#)
        XCTAssertEqual(parse(value.compactText), value)
        XCTAssertEqual(JSONValue.string("\u{1F}").compactText, #""\u001f""#)
        XCTAssertEqual(JSONValue.object(["a\"b": 1]).compactText, #"{"a\"b":1}"#)
    }

    // MARK: Errors

    func testErrorsCarryLineAndColumn() {
        let error = parseError("{\n  \"name\": tru\n}")
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 11)
        XCTAssertEqual(error?.description, "invalid JSON at line 2, column 11: expected 'true'")

        // Columns count characters, not bytes.
        let wide = parseError("[\"é😀\", x]")
        XCTAssertEqual(wide?.line, 1)
        XCTAssertEqual(wide?.column, 8)

        let missingComma = parseError("{\"a\": 1\n \"b\": 2}")
        XCTAssertEqual(missingComma.map { [$0.line, $0.column] }, [2, 2])
        XCTAssertEqual(missingComma?.message, "expected ',' or '}' in an object")
    }

    func testMalformedDocuments() {
        XCTAssertEqual(parseError("")?.message, "unexpected end of input, expected a value")
        XCTAssertEqual(parseError("[1,]")?.message, "unexpected character ']'")
        XCTAssertEqual(parseError("{\"a\":1,}")?.message, "expected a quoted key")
        XCTAssertEqual(parseError("[1] x")?.message, "unexpected text after the JSON value")
        XCTAssertEqual(parseError("01")?.message, "numbers must not have leading zeros")
        XCTAssertEqual(parseError("1.")?.message, "expected a digit after '.'")
        XCTAssertEqual(parseError("1e")?.message, "expected a digit in the exponent")
        XCTAssertEqual(parseError("-")?.message, "expected a digit")
        XCTAssertEqual(parseError("\"abc")?.message, "unterminated string")
        XCTAssertEqual(parseError("\"a\tb\"")?.message, "control character in a string: escape it")
        XCTAssertEqual(parseError(#""\x""#)?.message, "invalid escape '\\x'")
        XCTAssertEqual(parseError(#""\u12""#)?.message, "incomplete \\u escape")
        XCTAssertEqual(parseError(#""\u12G4""#)?.message, "invalid hex digit in \\u escape")
        XCTAssertEqual(parseError("nul")?.message, "unexpected end of input")
        XCTAssertEqual(parseError("{'a': 1}")?.message, "expected a quoted key")
        XCTAssertEqual(parseError("NaN")?.message, "unexpected character 'N'")
        XCTAssertEqual(parseError("[é]")?.message, "unexpected character 'é'")
        XCTAssertEqual(parseError("[😀]")?.message, "unexpected character '😀'")
        XCTAssertEqual(parseError("[\u{01}]")?.message, "unexpected character U+0001")
    }

    func testByteOrderMarkAndWhitespace() {
        XCTAssertEqual(parse("\u{FEFF}{\"a\": 1}"), ["a": 1])
        XCTAssertEqual(parse(" \t\r\n [ 1 , 2 ] \n"), [1, 2])
        XCTAssertEqual(try JSONValue(parsing: Array("true".utf8)), true)
    }

    func testDepthLimit() {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        XCTAssertNotNil(parse(deepest))
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = parseError(tooDeep)
        XCTAssertEqual(error?.message, "nested more than 512 levels deep")
        XCTAssertEqual(error?.column, 513)
        let objects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        XCTAssertEqual(parseError(objects)?.message, "nested more than 512 levels deep")
    }

    // MARK: Writing

    func testPrettyOutput() {
        let value = parse(#"{"type":"object","properties":{"email":{"type":"string"}},"required":["email"],"empty":{},"none":[]}"#)
        XCTAssertEqual(value?.prettyText, """
            {
              "type": "object",
              "properties": {
                "email": {
                  "type": "string"
                }
              },
              "required": [
                "email"
              ],
              "empty": {},
              "none": []
            }
            """)
        XCTAssertEqual(value.flatMap { parse($0.prettyText) }, value)
        XCTAssertEqual(JSONValue.integer(5).prettyText, "5")
    }

    func testCompactRoundTripOfTheSuiteStyleDocument() {
        let text = #"[{"description":"d","schema":{"$schema":"x","minimum":1.1},"tests":[{"data":-2.0001,"valid":false},{"data":null,"valid":true}]}]"#
        XCTAssertEqual(parse(text)?.compactText, text)
    }
}
