import Foundation
import XCTest
@testable import ActionModel

final class SampleValuesTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    func testEveryPropertyGetsAValueThatFitsTheSchema() {
        let schema = InputSchema(properties: [
            SchemaProperty(name: "email", isRequired: true, format: .email),
            SchemaProperty(name: "plan", enumValues: ["pro", "basic"]),
            SchemaProperty(name: "seats", type: .integer, isRequired: true, minimum: 5, maximum: 500),
            SchemaProperty(name: "ratio", type: .number, maximum: 0.5),
            SchemaProperty(name: "date", format: .date),
            SchemaProperty(name: "at", format: .dateTime),
            SchemaProperty(name: "slot", format: .time),
            SchemaProperty(name: "site", format: .uri),
            SchemaProperty(name: "first_name"),
            SchemaProperty(name: "phone_number"),
            SchemaProperty(name: "vip", type: .boolean),
            SchemaProperty(name: "colour", extraKeywords: ["default": "teal"]),
            SchemaProperty(name: "size", extraKeywords: ["examples": ["XL", "L"]]),
            SchemaProperty(name: "tags", type: .array),
        ])
        let arguments = SampleValues.arguments(for: schema, now: now)
        XCTAssertEqual(arguments.keys, schema.properties.map(\.name))
        XCTAssertEqual(arguments["email"], "jo.smith@example.com")
        XCTAssertEqual(arguments["plan"], "pro", "an enum gets its first value")
        XCTAssertEqual(arguments["seats"], 5, "at least the minimum")
        XCTAssertEqual(arguments["ratio"], 0.5, "at most the maximum")
        XCTAssertEqual(arguments["date"], "2026-01-02", "tomorrow")
        XCTAssertEqual(arguments["at"], "2026-01-02T10:30:00Z")
        XCTAssertEqual(arguments["first_name"], "Jo")
        XCTAssertEqual(arguments["phone_number"], "+14155550100")
        XCTAssertEqual(arguments["vip"], true)
        XCTAssertEqual(arguments["colour"], "teal", "a default wins")
        XCTAssertEqual(arguments["size"], "XL", "then the first example")
        XCTAssertEqual(schema.validate(arguments: arguments), [], "the sample validates against its own schema")
    }
}

final class SecretMaskerTests: XCTestCase {
    func testStandardMasksCredentialHeadersOnly() {
        let masker = SecretMasker.standard
        for header in [HTTPHeader(name: "Authorization", value: "Bearer abc"), HTTPHeader(name: "x-vocode-signature", value: "sig"),
                       HTTPHeader(name: "X-Api-Key", value: "k"), HTTPHeader(name: "X-Session-Token", value: "t"),
                       HTTPHeader(name: "X-Custom", value: "Bearer xyz")] {
            XCTAssertEqual(masker.masked(header).value, SecretMasker.mask, header.name)
        }
        for header in [HTTPHeader(name: "Content-Type", value: "application/json"), HTTPHeader(name: "X-Tenant", value: "acme"),
                       HTTPHeader(name: "Idempotency-Key", value: "7f1c")] {
            XCTAssertEqual(masker.masked(header), header, header.name)
        }
    }

    func testPluggedInRulesAndSecretValues() {
        let masker = SecretMasker.standard
            .adding(rule: { $0.name == "X-Tenant" })
            .adding(secretValues: ["s3cr3t", ""])
        XCTAssertEqual(masker.masked(HTTPHeader(name: "X-Tenant", value: "acme")).value, SecretMasker.mask)
        XCTAssertEqual(masker.masked(HTTPHeader(name: "X-Other", value: "pre-s3cr3t")).value, SecretMasker.mask)
        XCTAssertEqual(masker.masked(text: #"{"key":"s3cr3t"}"#), #"{"key":"••••••••"}"#)
        XCTAssertEqual(masker.masked(text: "nothing here"), "nothing here")
    }
}
