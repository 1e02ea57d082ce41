import ActionModel
import Platforms
import XCTest

final class LintTests: XCTestCase {
    func rules(_ action: Action, _ format: PlatformFormat) -> [String] {
        PlatformLint.lint(action, for: format).map { "\($0.severity.rawValue):\($0.rule)" }
    }

    func custom(_ change: (inout CustomInputConfiguration) -> Void, functionName: String = "order_lookup") -> Action {
        var action = Fixtures.orderLookup
        action.functionName = functionName
        guard case var .customInput(config) = action.configuration else { fatalError() }
        change(&config)
        action.configuration = .customInput(config)
        return action
    }

    func testToolNameRule() {
        let action = custom({ _ in }, functionName: "créer_lead")
        for format in PlatformFormat.allCases { XCTAssertTrue(rules(action, format).contains("error:name"), "\(format)") }
        XCTAssertFalse(rules(Fixtures.orderLookup, .vapi).contains("error:name"))
    }

    func testBlandReservedWords() {
        XCTAssertTrue(rules(custom({ _ in }, functionName: "transfer_order"), .bland).contains("error:reserved-word"))
        XCTAssertEqual(rules(Fixtures.transfer, .bland), ["warning:kind"], "a phone behaviour is not exported to Bland, so its name can't be refused")
        XCTAssertFalse(rules(Fixtures.orderLookup, .bland).contains("error:reserved-word"))
        let finding = PlatformLint.lint(custom({ _ in }, functionName: "wait_for_input"), for: .bland).first { $0.rule == "reserved-word" }
        XCTAssertEqual(finding?.message.contains("'input'"), true)
        XCTAssertEqual(finding?.message.contains("'wait'"), true)
        // Every word of Bland's list (POST /v1/tools), in any case, anywhere in the name.
        for word in ["input", "speak", "transfer", "switch", "wait", "finish", "press", "button", "say", "pause", "record", "play", "dial", "hang"] {
            let named = custom({ _ in }, functionName: "Order_" + word.uppercased() + "_now")
            let findings = PlatformLint.lint(named, for: .bland).filter { $0.rule == "reserved-word" }
            XCTAssertEqual(findings.map(\.severity), [.error], word)
            XCTAssertTrue(findings.first?.message.contains("'\(word)'") == true, "\(word): \(findings)")
            XCTAssertFalse(rules(named, .vapi).contains("error:reserved-word"), "only Bland reserves words")
        }
    }

    func testURLParametersAreFilledOnlyOnElevenLabs() {
        // Path and query parameters that are fields of a literal type: nothing to say on ElevenLabs.
        XCTAssertFalse(rules(Fixtures.orderSearch, .elevenlabs).contains { $0.hasSuffix(":url-parameter") })
        XCTAssertFalse(rules(Fixtures.orderLookup, .elevenlabs).contains { $0.hasSuffix(":url-parameter") })
        // Elsewhere the braces go out as written.
        let vapi = PlatformLint.lint(Fixtures.orderSearch, for: .vapi).filter { $0.rule == "url-parameter" }
        XCTAssertEqual(vapi.map(\.severity), [.warning])
        XCTAssertTrue(vapi[0].message.hasPrefix("{status}, {limit} in the URL is sent as written"), vapi[0].message)
        XCTAssertFalse(rules(Fixtures.phraseLead, .retell).contains("warning:url-parameter"), "no braces, no finding")

        let unknown = custom { $0.url = "https://api.example.com/orders/{order_id}/items/{item_id}" }
        let missing = PlatformLint.lint(unknown, for: .elevenlabs).filter { $0.rule == "url-parameter" }
        XCTAssertEqual(missing.map(\.severity), [.error])
        XCTAssertEqual(missing.first?.message, "{item_id} in the URL is not a field, so ElevenLabs never fills it; add a field 'item_id' or take it out of the URL")

        let structured = custom {
            $0.url = "https://api.example.com/orders?filter={filter}"
            $0.inputSchema.properties.append(SchemaProperty(name: "filter", type: .object, description: "Filters"))
        }
        let literal = PlatformLint.lint(structured, for: .elevenlabs).filter { $0.rule == "url-parameter" }
        XCTAssertEqual(literal.map(\.severity), [.error])
        XCTAssertTrue(literal.first?.message.contains("only a string, number, integer or boolean, not an object") == true, "\(literal)")
    }

    func testTimeoutRules() {
        XCTAssertTrue(rules(Fixtures.orderLookup, .fluents).contains("warning:timeout"), "Fluents' timeout is fixed at 10 s")
        XCTAssertFalse(rules(Fixtures.phraseLead, .fluents).contains("warning:timeout"))
        let short = custom { $0.timeoutSeconds = 3 }
        XCTAssertTrue(rules(short, .elevenlabs).contains("error:timeout"), "ElevenLabs needs 5–300 s")
        XCTAssertFalse(rules(short, .vapi).contains("error:timeout"))
        XCTAssertFalse(rules(short, .retell).contains("error:timeout"))
    }

    func testElevenLabsNeedsEveryPropertyDescribed() {
        let action = custom { $0.inputSchema.properties[1].description = "" }
        let findings = PlatformLint.lint(action, for: .elevenlabs).filter { $0.rule == "described-properties" }
        XCTAssertEqual(findings.map(\.severity), [.error])
        XCTAssertTrue(findings[0].message.contains("'email'"))
        XCTAssertTrue(rules(Fixtures.orderLookup, .elevenlabs).allSatisfy { $0 != "error:described-properties" })
    }

    func testStrictModeGapsForOpenAI() {
        let loose = custom { $0.inputSchema.properties.append(SchemaProperty(name: "meta", type: .object, description: "Anything")) }
        XCTAssertTrue(rules(loose, .openai).contains("warning:strict"), "an object without its own properties is outside strict mode")
        XCTAssertFalse(rules(Fixtures.phraseLead, .openai).contains("warning:strict"))
    }

    func testURLSignatureHeadersBodyAndTriggerRules() {
        let noURL = custom { $0.url = nil }
        XCTAssertTrue(rules(noURL, .retell).contains("error:url"))
        XCTAssertFalse(rules(noURL, .openai).contains("error:url"), "an OpenAI tool carries no URL")
        XCTAssertTrue(rules(Fixtures.orderLookup, .vapi).contains("warning:signature"))
        XCTAssertTrue(rules(Fixtures.orderLookup, .fluents).contains("warning:headers"))
        XCTAssertTrue(rules(Fixtures.phraseLead, .fluents).contains("warning:body"))
        XCTAssertTrue(rules(Fixtures.phraseLead, .vapi).contains("warning:trigger"))
        XCTAssertFalse(rules(Fixtures.phraseLead, .fluents).contains("warning:trigger"))
        XCTAssertTrue(rules(Fixtures.orderLookup, .bland).contains("warning:schema"))
        XCTAssertTrue(rules(Fixtures.orderLookup, .elevenlabs).contains("warning:schema"))
        XCTAssertTrue(rules(Fixtures.orderLookup, .retell).contains("warning:speak-on-receive"))
    }

    func testATriggerPhraseWithPunctuationCanNeverFireOnFluents() {
        var punctuated = Fixtures.phraseLead
        punctuated.trigger = .phrases(["Let me note your details", "I'll transfer you", "one-moment please."])
        let findings = PlatformLint.lint(punctuated, for: .fluents).filter { $0.rule == "trigger-phrase" }
        XCTAssertEqual(findings.map(\.severity), [.warning, .warning], "capitals are fine (the match lowercases both sides); punctuation is not")
        XCTAssertEqual(findings.first?.message,
                       "the phrase \"I'll transfer you\" can never fire: Fluents takes punctuation out of the agent's words before matching, "
                       + "but not out of the phrase; write it as \"ill transfer you\"")
        XCTAssertTrue(findings.last?.message.contains("write it as \"onemoment please\"") == true)
        // The suggested form does fire on what the agent would say.
        XCTAssertTrue(ActionTrigger.phrases(["ill transfer you"]).matches(agentUtterance: "Okay, I'll transfer you now."))
        XCTAssertFalse(punctuated.trigger.matches(agentUtterance: "Okay, I'll transfer you now."), "as written, the phrase misses")
        XCTAssertFalse(rules(Fixtures.phraseLead, .fluents).contains("warning:trigger-phrase"))
    }

    func testPhoneKindRules() {
        XCTAssertEqual(rules(Fixtures.goodbye, .openai), ["warning:kind"])
        XCTAssertEqual(rules(Fixtures.goodbye, .bland), ["warning:kind"], "not 'say' as a reserved word: the action is not exported there")
        XCTAssertEqual(PlatformLint.lint(Fixtures.dtmf, for: .elevenlabs).first?.message,
                       "ElevenLabs' keypad tool lets the model choose the keys; the fixed buttons are only a hint")
        XCTAssertTrue(rules(Fixtures.dtmf, .vapi).contains("warning:dtmf"))
        XCTAssertTrue(rules(Fixtures.warm, .elevenlabs).contains("warning:summary"))
        XCTAssertEqual(rules(Fixtures.transfer, .vapi), [])
    }
}
