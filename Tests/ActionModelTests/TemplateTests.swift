import ActionModel
import XCTest

final class TemplateTests: XCTestCase {
    let context = TemplateContext(
        environmentName: "staging", variables: ["BASE_URL": "https://staging.example.com", "REGION": "eu"],
        secrets: ["API_KEY": "sk_live_planted_0123456789", "API_KEY_OLD": "sk_live_planted_0123456789_previous", "PIN": "1234"])

    func testSegmentsSplitTextReferencesAndMistakes() {
        XCTAssertEqual(Templates.segments("Bearer {{ secret.API_KEY }}!"),
                       [.text("Bearer "), .reference(TemplateReference(.secret, "API_KEY")), .text("!")])
        XCTAssertEqual(Templates.segments("{{env.BASE_URL}}/x"), [.reference(TemplateReference(.env, "BASE_URL")), .text("/x")])
        XCTAssertEqual(Templates.segments("a {{result.id}}"), [.text("a "), .other("result.id")])
        XCTAssertEqual(Templates.segments("a {{secret.X"), [.text("a "), .unclosed("{{secret.X")])
        XCTAssertEqual(Templates.references(in: "{{env.A}}{{secret.B}}{{env.A}}").map(\.description),
                       ["{{env.A}}", "{{secret.B}}", "{{env.A}}"])
        XCTAssertTrue(Templates.isOnlyReferences(" {{secret.SIGNING_KEY}} "))
        XCTAssertFalse(Templates.isOnlyReferences("c2VjcmV0"))
        XCTAssertFalse(Templates.isOnlyReferences("x{{secret.SIGNING_KEY}}"))
    }

    func testNamesFollowTheEnvironmentVariableShape() {
        XCTAssertNil(TemplateNames.problem("API_KEY", what: "secret"))
        XCTAssertNil(TemplateNames.problem("_private2", what: "secret"))
        XCTAssertEqual(TemplateNames.problem("API-KEY", what: "secret"),
                       "secret name 'API-KEY' may only use letters, digits and '_', and not start with a digit (e.g. API_KEY)")
        XCTAssertNotNil(TemplateNames.problem("2FA", what: "secret"))
        XCTAssertNotNil(TemplateNames.problem("", what: "secret"))
        XCTAssertNotNil(TemplateNames.problem(String(repeating: "A", count: 65), what: "secret"))
        XCTAssertNotNil(TemplateNames.problem("ÄPI", what: "secret"))
        XCTAssertNil(TemplateNames.environmentProblem("staging-eu"))
        XCTAssertNotNil(TemplateNames.environmentProblem("-dev"))
        XCTAssertNotNil(TemplateNames.environmentProblem("my env"))
    }

    func testResolveFillsValuesAndNeverExpandsTwice() throws {
        XCTAssertEqual(try context.resolve("{{env.BASE_URL}}/leads?r={{env.REGION}}"), "https://staging.example.com/leads?r=eu")
        XCTAssertEqual(try context.resolve("Bearer {{secret.API_KEY}}"), "Bearer sk_live_planted_0123456789")
        XCTAssertEqual(try context.display("Bearer {{secret.API_KEY}} in {{env.REGION}}"), "Bearer {{secret.API_KEY}} in eu")
        XCTAssertEqual(try context.resolve("no templates {"), "no templates {")
        let tricky = TemplateContext(variables: ["A": "{{secret.B}}"], secrets: ["B": "value-of-b"])
        XCTAssertEqual(try tricky.resolve("{{env.A}}"), "{{secret.B}}")
    }

    func testUndefinedReferencesSayWhatIsMissingAndHowToDefineIt() {
        XCTAssertThrowsError(try context.resolve("{{secret.TOKEN}}")) { error in
            let error = error as! TemplateError
            XCTAssertEqual(error.reference, TemplateReference(.secret, "TOKEN"))
            XCTAssertEqual(error.message, "{{secret.TOKEN}} is not defined: set it with `switchboard secrets set TOKEN` (add --env staging for a value used only in staging)")
        }
        XCTAssertThrowsError(try context.resolve("{{env.HOST}}")) { error in
            XCTAssertEqual((error as! TemplateError).message,
                           "{{env.HOST}} is not defined in environment 'staging': set it with `switchboard environments set staging HOST VALUE`")
        }
        XCTAssertThrowsError(try context.resolve("{{env.base_url}}")) { error in
            XCTAssertTrue((error as! TemplateError).message.hasSuffix("did you mean {{env.BASE_URL}}?"), "\(error)")
        }
        XCTAssertThrowsError(try TemplateContext().resolve("{{env.HOST}}")) { error in
            XCTAssertTrue((error as! TemplateError).message.contains("no environment is active"), "\(error)")
        }
        let unavailable = TemplateContext(unavailableSecrets: ["CI_TOKEN": "it comes from the environment variable CI_TOKEN, which is not set here"])
        XCTAssertThrowsError(try unavailable.resolve("{{secret.CI_TOKEN}}")) { error in
            XCTAssertEqual((error as! TemplateError).message, "{{secret.CI_TOKEN}} has no value: it comes from the environment variable CI_TOKEN, which is not set here")
        }
        XCTAssertThrowsError(try context.resolve("{{result.id}}")) { error in
            XCTAssertTrue("\(error)".contains("only works in Speak on Receive"), "\(error)")
        }
        XCTAssertThrowsError(try context.resolve("{{env.BASE_URL")) { error in
            XCTAssertTrue("\(error)".contains("never closed"), "\(error)")
        }
    }

    func testMaskReplacesLongestValuesFirstAndSkipsShortOnes() {
        XCTAssertEqual(context.mask("key=sk_live_planted_0123456789_previous then sk_live_planted_0123456789"),
                       "key={{secret.API_KEY_OLD}} then {{secret.API_KEY}}")
        // "1234" is shorter than the masking minimum: masking it would scramble any number in the text.
        XCTAssertEqual(context.mask("order 1234"), "order 1234")
        XCTAssertEqual(context.mask(JSONValue.object(["echo": .array([.string("Bearer sk_live_planted_0123456789")])])),
                       .object(["echo": .array([.string("Bearer {{secret.API_KEY}}")])]))
        let spaced = TemplateContext(secrets: ["PASS": "p@ss word/1"])
        XCTAssertEqual(spaced.mask("https://h/x?p=p%40ss%20word%2F1"), "https://h/x?p={{secret.PASS}}")
        XCTAssertEqual(TemplateContext().mask("anything"), "anything")
    }

    func testFieldRulesAcceptReferencesAndNameBadOnes() {
        XCTAssertNil(FieldRules.url("{{env.BASE_URL}}/leads"))
        XCTAssertNil(FieldRules.url("https://{{env.HOST}}/leads?key={{secret.API_KEY}}"))
        XCTAssertEqual(FieldRules.url("https://api.example.com/{{secret.BAD-NAME}}"),
                       "{{secret.BAD-NAME}}: secret name 'BAD-NAME' may only use letters, digits and '_', and not start with a digit (e.g. BAD_NAME)")
        XCTAssertNotNil(FieldRules.url("ftp://{{env.HOST}}/x"))
        XCTAssertEqual(FieldRules.url("https://x.example.com/{{result.id}}"),
                       "'{{result.id}}' only works in Speak on Receive; here use {{env.NAME}} or {{secret.NAME}}")
        XCTAssertNil(FieldRules.header(HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}")))
        XCTAssertEqual(FieldRules.header(HTTPHeader(name: "Authorization", value: "Bearer {{token}}")),
                       "the value of 'Authorization': '{{token}}' is not a reference; write {{env.NAME}} for an environment variable or {{secret.NAME}} for a secret")
        XCTAssertNil(FieldRules.signatureSecret("{{secret.SIGNING_KEY}}"))
        XCTAssertNotNil(FieldRules.signatureSecret("{{secret.1}}"))
        XCTAssertNotNil(FieldRules.speakOnReceive("Key {{secret.API_KEY}}"))
    }

    func testIssuesArePerFieldBeforeAnyRequest() throws {
        let config = CustomInputConfiguration(
            url: "{{env.BASE_URL}}/{{env.MISSING}}", headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.TOKEN}}"),
                                                              HTTPHeader(name: "X-Region", value: "{{env.REGION}}")],
            signatureSecret: "{{secret.SIGNING_KEY}}")
        let issues = context.issues(for: config)
        XCTAssertEqual(issues.map(\.field), [.url, .headers, .signatureSecret])
        XCTAssertTrue(issues[1].message.hasPrefix("Authorization: {{secret.TOKEN}} is not defined"), issues[1].message)
        XCTAssertThrowsError(try context.resolved(config)) { error in
            XCTAssertEqual((error as! TemplateFieldError).field, .url)
        }

        let good = CustomInputConfiguration(
            url: "{{env.BASE_URL}}/leads", headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}")])
        XCTAssertEqual(context.issues(for: good), [])
        XCTAssertEqual(try context.resolved(good).headers[0].value, "Bearer sk_live_planted_0123456789")
        XCTAssertEqual(try context.displayed(good).headers[0].value, "Bearer {{secret.API_KEY}}")
        XCTAssertEqual(try context.displayed(good).url, "https://staging.example.com/leads")
        let action = Action(name: "Lead", configuration: .customInput(config))
        XCTAssertEqual(action.templateReferences.map(\.description),
                       ["{{env.BASE_URL}}", "{{env.MISSING}}", "{{secret.TOKEN}}", "{{env.REGION}}", "{{secret.SIGNING_KEY}}"])
        XCTAssertEqual(action.issues, [], "undefined references are not save problems: they depend on the environment")
    }

    func testExportsKeepAPlaceholderSignatureSecretButNeverAValue() throws {
        func exported(_ secret: String) -> JSONValue? {
            let action = Action(name: "Lead", configuration: .customInput(CustomInputConfiguration(url: "https://x.example.com", signatureSecret: secret)))
            return ActionDocument.json(action).value(atPath: "custom_input.signature_secret")
        }
        XCTAssertEqual(exported("{{secret.SIGNING_KEY}}"), "{{secret.SIGNING_KEY}}")
        XCTAssertNil(exported("c2VjcmV0LWtleQ=="))
    }

    func testPortsAreCheckedWhereURLsAreAccepted() {
        for bad in ["http://127.0.0.1:99999/x", "https://api.example.com:65536", "http://h:0/x", "http://u:p@h:123456/x", "http://[::1]:70000/"] {
            XCTAssertNotNil(URLPort.problem(bad), bad)
            XCTAssertNotNil(FieldRules.url(bad), bad)
            XCTAssertNotNil(Webhook.urlProblem(bad), bad)
        }
        XCTAssertEqual(URLPort.problem("http://127.0.0.1:99999/x"), "the port 99999 is out of range; a port is 1 to 65535 (or leave it out for 80/443)")
        XCTAssertEqual(FieldRules.url("{{env.BASE}}:99999/x"), nil, "checked once filled in, before sending")
        XCTAssertNotNil(FieldRules.url("https://api.example.com:99999/{{env.PATH}}"))
        for good in ["http://127.0.0.1:65535/x", "https://api.example.com/leads?at=10:30", "http://u:p@h/x", "http://[::1]:8080/", "http://h:1#a:9"] {
            XCTAssertNil(URLPort.problem(good), good)
            XCTAssertNil(FieldRules.url(good), good)
        }
    }

    func testSecretValuesAreOnePrintableLine() {
        XCTAssertNotNil(SecretValueRules.problem("sk_live\tx", name: "K"), "a tab is a control character too")
        for (value, code) in [("ab\u{0}cd", "U+0000"), ("ab\u{1}cd", "U+0001"), ("ab\u{7f}cd", "U+007F"), ("ab\u{9b}cd", "U+009B")] {
            let problem = SecretValueRules.problem(value, name: "API_KEY")
            XCTAssertEqual(problem, "the value of API_KEY has a control character (\(code), character 3); a secret must be printable text, since it goes into URLs and headers")
        }
        XCTAssertTrue(SecretValueRules.problem("a\nb", name: "K")?.contains("line break") == true)
        XCTAssertNil(SecretValueRules.problem("sk_live_ünïcode_42", name: "K"))
    }
}
