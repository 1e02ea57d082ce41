import ActionModel
import Platforms
import XCTest

final class ImportTests: XCTestCase {
    /// The tools the platforms can't read back, and why: the listed loss of a round trip.
    let notReadBack: [PlatformFormat: [String]] = [
        .vapi: ["press_one"], .retell: ["press_one"], .elevenlabs: ["press_one"],
    ]

    func testExportImportExportIsIdenticalOrAListedLoss() throws {
        for format in PlatformFormat.allCases {
            let first = PlatformDefinitions.export(Fixtures.all, to: format)
            let imported = PlatformDefinitions.importTools(first.document, format: nil)
            XCTAssertEqual(imported.refused.map(\.name), notReadBack[format] ?? [], "\(format): \(imported.refused)")
            for action in imported.actions {
                XCTAssertEqual(action.issues, [], "\(format): \(action.functionName) imports as a savable action")
                XCTAssertEqual(action.platform, format.platform ?? .fluents)
            }
            let second = PlatformDefinitions.export(imported.actions, to: format)
            let expected = first.definitions.filter { definition in
                !(notReadBack[format] ?? []).contains { definition.compactText.contains("\"\($0)\"") }
            }
            XCTAssertEqual(second.document.prettyText, JSONValue.array(expected).prettyText, "\(format): the round trip changed a definition")
        }
    }

    func testFormatIsDetectedFromTheKeys() throws {
        let cases: [(String, PlatformFormat?)] = [
            (#"{"type":"action_external","config":{}}"#, .fluents),
            (#"{"type":"function","function":{"name":"a"},"server":{"url":"https://x"}}"#, .vapi),
            (#"{"type":"function","function":{"name":"a","parameters":{}}}"#, .openai),
            (#"{"type":"transferCall","destinations":[]}"#, .vapi),
            (#"{"type":"custom","name":"a","url":"https://x"}"#, .retell),
            (#"{"type":"webhook","name":"a","api_schema":{}}"#, .elevenlabs),
            (#"{"name":"a","url":"https://x","body":{}}"#, .bland),
            (#"{"something":"else"}"#, nil),
        ]
        for (text, format) in cases {
            XCTAssertEqual(PlatformFormat.detect(try JSONValue(parsing: text)), format, text)
        }
    }

    func testEachDroppedFieldHasItsOwnLine() throws {
        let vapi = try JSONValue(parsing: #"""
            {"type":"function","async":true,"function":{"name":"get_weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string","description":"City"}},"required":["city"]}},
             "server":{"url":"https://api.example.com/weather","timeoutSeconds":20,"credentialId":"cred_1",
               "backoffPlan":{"type":"exponential","maxRetries":3,"baseDelaySeconds":1}},
             "messages":[{"type":"request-start","content":"Checking…"},{"type":"request-response-delayed","timingMilliseconds":3000,"content":"Still working…"}]}
            """#)
        let imported = PlatformDefinitions.importTools(vapi)
        XCTAssertEqual(imported.actions.map(\.functionName), ["get_weather"])
        XCTAssertEqual(imported.actions.first?.customInput?.speakOnSend, "Checking…")
        XCTAssertEqual(imported.dropped.map(\.path).sorted(), ["async", "messages.1", "server.backoffPlan", "server.credentialId"])

        let retell = try JSONValue(parsing: #"""
            {"type":"custom","name":"get_user","description":"User","url":"https://api.example.com/u","method":"GET",
             "query_params":{"a":"1"},"response_variables":{"name":"data.name"},"parameters":{"type":"object","properties":{}},
             "timeout_ms":600000,"speak_during_execution":false}
            """#)
        let fromRetell = PlatformDefinitions.importTools(retell)
        XCTAssertEqual(fromRetell.actions.first?.customInput?.timeoutSeconds, 300, "600 s is clamped to Switchboard's 300")
        XCTAssertEqual(fromRetell.dropped.map(\.path), ["method", "query_params", "timeout_ms", "response_variables"])
        XCTAssertTrue(fromRetell.dropped[0].reason.contains("Switchboard sends POST"))
    }

    func testElevenLabsPathParametersBecomeRequiredFields() throws {
        let tool = try JSONValue(parsing: #"""
            {"type":"webhook","name":"get_order","description":"Order","api_schema":{"url":"https://api.example.com/orders/{order_id}","method":"POST",
              "path_params_schema":{"order_id":{"type":"string","description":"The order"}},
              "request_body_schema":{"type":"object","properties":{"note":{"type":"string","description":"A note"}},"required":[]}}}
            """#)
        let imported = PlatformDefinitions.importTools(tool)
        let schema = try XCTUnwrap(imported.actions.first?.customInput?.inputSchema)
        XCTAssertEqual(schema.properties.map(\.name), ["order_id", "note"])
        XCTAssertEqual(schema.requiredNames, ["order_id"])
        XCTAssertEqual(imported.actions.first?.customInput?.bodyFormat, .argsAtRoot)
    }

    func testElevenLabsQueryParametersBecomeFieldsAndQueryPairs() throws {
        let tool = try JSONValue(parsing: #"""
            {"type":"webhook","name":"find_orders","description":"Orders","api_schema":{"url":"https://api.example.com/orders?region=eu","method":"POST",
              "query_params_schema":{"properties":{"status":{"type":"string","description":"Which orders"},"limit":{"type":"integer","description":"At most"}},
                                     "required":["status"],"description":"not a key ElevenLabs defines"},
              "request_body_schema":{"type":"object","properties":{"customer":{"type":"string","description":"Who"}},"required":["customer"]}}}
            """#)
        let imported = PlatformDefinitions.importTools(tool)
        let custom = try XCTUnwrap(imported.actions.first?.customInput)
        XCTAssertEqual(custom.url, "https://api.example.com/orders?region=eu&status={status}&limit={limit}")
        XCTAssertEqual(custom.inputSchema.properties.map(\.name), ["status", "limit", "customer"])
        XCTAssertEqual(custom.inputSchema.requiredNames, ["status", "customer"])
        XCTAssertEqual(imported.dropped.map(\.path), ["api_schema.query_params_schema.description"])
        // Exported again, the pairs go back to query_params_schema.
        let again = try XCTUnwrap(PlatformDefinitions.export(imported.actions, to: .elevenlabs).definitions.first)
        XCTAssertEqual(again.value(atPath: "api_schema.url"), "https://api.example.com/orders?region=eu")
        XCTAssertEqual(again.value(atPath: "api_schema.query_params_schema.required"), ["status"])
        XCTAssertEqual(again.value(atPath: "api_schema.query_params_schema.properties")?.objectValue?.keys, ["status", "limit"])
        XCTAssertEqual(again.value(atPath: "api_schema.request_body_schema.properties")?.objectValue?.keys, ["customer"])
    }

    func testUnknownOrUnreadableToolsAreRefusedWithTheReason() throws {
        let imported = PlatformDefinitions.importTools(try JSONValue(parsing: #"[{"type":"custom","name":"a","url":"https://x"},{"something":"else"}]"#))
        XCTAssertEqual(imported.actions.count, 1)
        XCTAssertEqual(imported.refused.count, 1)
        XCTAssertTrue(imported.refused[0].reason.contains("--platform"), imported.refused[0].reason)

        let forced = PlatformDefinitions.importTools(try JSONValue(parsing: #"{"name":"x","url":"https://x"}"#), format: .bland)
        XCTAssertEqual(forced.actions.first?.platform, .bland)
    }

    func testOpenAIDocumentsStillGoThroughTheOpenAIReader() throws {
        let tools = try JSONValue(parsing: #"{"tools":[{"type":"function","function":{"name":"math.factorial","parameters":{"type":"object","properties":{}}}}]}"#)
        let imported = PlatformDefinitions.importTools(tools)
        XCTAssertEqual(imported.refused.map(\.name), ["math.factorial"])
    }
}
