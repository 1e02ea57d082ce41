import ActionModel
import Platforms
import XCTest

final class ExportTests: XCTestCase {
    /// The definitions and the notes for every kind of action, per platform.
    func testGoldenExportPerPlatform() throws {
        for format in PlatformFormat.allCases {
            let export = PlatformDefinitions.export(Fixtures.all, to: format)
            let text = export.document.prettyText + "\n--- notes\n" + export.notes.map(\.description).joined(separator: "\n") + "\n"
            try assertGolden(text, named: "\(format.rawValue).txt")
        }
    }

    func testVapiToolCarriesServerAndMessages() throws {
        let tool = try XCTUnwrap(PlatformDefinitions.export([Fixtures.orderLookup], to: .vapi).definitions.first)
        XCTAssertEqual(tool.value(atPath: "type"), "function")
        XCTAssertEqual(tool.value(atPath: "server.timeoutSeconds"), 20)
        XCTAssertEqual(tool.value(atPath: "server.headers.Authorization"), "Bearer {{secret.ORDERS_TOKEN}}")
        XCTAssertEqual(tool.value(atPath: "messages")?.arrayValue?.first?.objectValue?["content"], "Let me check that order.")
    }

    func testRetellAndElevenLabsAndBlandSpecificFields() throws {
        let retell = try XCTUnwrap(PlatformDefinitions.export([Fixtures.orderLookup, Fixtures.phraseLead], to: .retell).definitions)
        XCTAssertEqual(retell[0].value(atPath: "timeout_ms"), 20_000)
        XCTAssertEqual(retell[0].value(atPath: "speak_during_execution"), true)
        XCTAssertEqual(retell[0].value(atPath: "execution_message_description"), "Let me check that order.")
        XCTAssertEqual(retell[1].value(atPath: "args_at_root"), true)

        let eleven = try XCTUnwrap(PlatformDefinitions.export([Fixtures.orderLookup], to: .elevenlabs).definitions.first)
        XCTAssertNotNil(eleven.value(atPath: "api_schema.path_params_schema.order_id"), "the {order_id} in the URL is a path parameter")
        XCTAssertNil(eleven.value(atPath: "api_schema.request_body_schema.properties.order_id"))
        XCTAssertEqual(eleven.value(atPath: "api_schema.request_body_schema.properties.email.description"), "The customer's email address")
        XCTAssertNil(eleven.value(atPath: "api_schema.request_body_schema.properties.email.format"), "ElevenLabs takes no format keyword")

        let bland = try XCTUnwrap(PlatformDefinitions.export([Fixtures.orderLookup], to: .bland).definitions.first)
        XCTAssertEqual(bland.value(atPath: "body.email"), "{{input.email}}")
        XCTAssertEqual(bland.value(atPath: "input_schema.properties.email"), "required string(email): The customer's email address")
        XCTAssertEqual(bland.value(atPath: "timeout"), 20_000)
    }

    func testSecretsStayPlaceholdersAndLiteralSecretsNeverLeave() throws {
        var literal = Fixtures.orderLookup
        if case var .customInput(config) = literal.configuration {
            config.signatureSecret = "c3dpdGNoYm9hcmQtZGVtby1zZWNyZXQ="
            literal.configuration = .customInput(config)
        }
        for format in PlatformFormat.allCases {
            let export = PlatformDefinitions.export([literal], to: format)
            XCTAssertFalse(export.document.compactText.contains("c3dpdGNoYm9hcmQtZGVtby1zZWNyZXQ="), "\(format): a literal secret was exported")
        }
        let fluents = PlatformDefinitions.export([Fixtures.orderLookup], to: .fluents)
        XCTAssertEqual(fluents.definitions.first?.value(atPath: "config.signature_secret"), "{{secret.SIGNING_KEY}}")
        let vapiNotes = PlatformDefinitions.export([Fixtures.orderLookup], to: .vapi).notes.map(\.text)
        XCTAssertTrue(vapiNotes.contains { $0.contains("{{secret.ORDERS_TOKEN}}") && $0.contains("credential") }, "\(vapiNotes)")
    }

    func testASecretInTheURLGetsAHowToSetItNoteOnEveryPlatform() throws {
        var keyed = Fixtures.phraseLead
        if case var .customInput(config) = keyed.configuration {
            config.url = "https://crm.example.com/leads?key={{secret.CRM_KEY}}"
            keyed.configuration = .customInput(config)
        }
        for format in PlatformFormat.allCases where format != .openai {
            let export = PlatformDefinitions.export([keyed], to: format)
            XCTAssertTrue(export.document.compactText.contains("{{secret.CRM_KEY}}"), "\(format): the placeholder stays")
            XCTAssertTrue(export.notes.contains { $0.text.contains("{{secret.CRM_KEY}}") && $0.text.contains("stays a placeholder") },
                          "\(format): \(export.notes)")
        }
    }

    /// Switchboard always sends POST; every format with a method key says so.
    func testEveryExportThatHasAMethodSaysPOST() throws {
        let custom = [Fixtures.orderLookup, Fixtures.orderSearch, Fixtures.phraseLead]
        for (format, path) in [(PlatformFormat.retell, "method"), (.elevenlabs, "api_schema.method"), (.bland, "method")] {
            let definitions = PlatformDefinitions.export(custom, to: format).definitions
            XCTAssertEqual(definitions.count, 3)
            for definition in definitions { XCTAssertEqual(definition.value(atPath: path), "POST", "\(format)") }
        }
    }

    func testElevenLabsSplitsPathQueryAndBodyParameters() throws {
        let tool = try XCTUnwrap(PlatformDefinitions.export([Fixtures.orderSearch], to: .elevenlabs).definitions.first)
        XCTAssertEqual(tool.value(atPath: "api_schema.url"), "https://api.example.com/orders?region=eu", "the fields' pairs leave the URL; the fixed one stays")
        XCTAssertEqual(tool.value(atPath: "api_schema.query_params_schema.properties")?.objectValue?.keys, ["status", "limit"])
        XCTAssertEqual(tool.value(atPath: "api_schema.query_params_schema.required"), ["status"])
        XCTAssertNil(tool.value(atPath: "api_schema.path_params_schema"))
        XCTAssertEqual(tool.value(atPath: "api_schema.request_body_schema.properties")?.objectValue?.keys, ["customer"])
        XCTAssertEqual(tool.value(atPath: "api_schema.request_body_schema.required"), ["customer"])
    }

    func testPhoneKindsWithoutAToolAreLeftOutWithANote() {
        let bland = PlatformDefinitions.export([Fixtures.goodbye, Fixtures.transfer], to: .bland)
        XCTAssertTrue(bland.definitions.isEmpty)
        XCTAssertEqual(bland.notes.count, 2)
        let openai = PlatformDefinitions.export([Fixtures.dtmf], to: .openai)
        XCTAssertTrue(openai.definitions.isEmpty)
        XCTAssertEqual(openai.notes.first?.functionName, "press_one")
    }
}
