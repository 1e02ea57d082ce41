import Foundation
import XCTest

@testable import ActionModel

final class HeaderMaskingRuleTests: XCTestCase {
    let masker = SecretMasker.standard

    func testOnlyLiteralValuesOfSensitiveHeadersAreMasked() {
        let sensitive = [HTTPHeader(name: "Authorization", value: "Bearer sk_live_123"), HTTPHeader(name: "X-Api-Key", value: "k123"),
                         HTTPHeader(name: "Stripe-Key", value: "k"), HTTPHeader(name: "X-Auth-Token", value: "t"),
                         HTTPHeader(name: "Cookie", value: "sid=1"), HTTPHeader(name: "Client_Secret", value: "s"),
                         HTTPHeader(name: "XApiKey", value: "k")]
        for header in sensitive {
            let shown = masker.masked(header)
            XCTAssertEqual(shown.name, header.name, "the name is always shown")
            XCTAssertEqual(shown.value, SecretMasker.mask, header.name)
        }
        let plain = [HTTPHeader(name: "X-Tenant", value: "acme"), HTTPHeader(name: "X-Author", value: "jo"),
                     HTTPHeader(name: "Idempotency-Key", value: "7f1c"), HTTPHeader(name: "Content-Type", value: "application/json"),
                     HTTPHeader(name: "X-Keyboard-Layout", value: "us"), HTTPHeader(name: "Accept", value: "application/json")]
        for header in plain { XCTAssertEqual(masker.masked(header), header, "\(header.name) is not secret: never masked") }
        let placeholders = [HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}"),
                            HTTPHeader(name: "X-Api-Key", value: "{{secret.KEY}}"), HTTPHeader(name: "X-Auth-Token", value: "{{env.TOKEN_NAME}}")]
        for header in placeholders { XCTAssertEqual(masker.masked(header), header, "placeholders show where the value comes from") }
        XCTAssertEqual(masker.masked(HTTPHeader(name: "X-Api-Key", value: "{{secret.KEY}}-literal")).value, SecretMasker.mask,
                       "a literal beside a placeholder is still a literal")
        XCTAssertTrue(SecretMasker.isSensitiveName("Proxy-Authorization"))
        XCTAssertFalse(SecretMasker.isSensitiveName("X-Request-Id"))
    }
}

final class UndefinedReferenceTests: XCTestCase {
    func action(url: String, headers: [HTTPHeader] = [], secret: String? = nil) -> Action {
        Action(name: "Ping", configuration: .customInput(CustomInputConfiguration(url: url, headers: headers, signatureSecret: secret)))
    }

    func testListsEachUndefinedReferenceOnceWithItsField() {
        let context = TemplateContext(environmentName: "staging", variables: ["BASE_URL": "https://x.test"], secrets: ["API_KEY": "sk_live_1"])
        let ping = action(url: "{{env.BASE_URL}}/{{env.PATH}}", headers: [
            HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}"), HTTPHeader(name: "X-Token", value: "{{secret.TOKEN}}"),
            HTTPHeader(name: "X-Again", value: "{{secret.TOKEN}}"),
        ], secret: "{{secret.SIGNING}}")
        let undefined = context.undefinedReferences(in: ping)
        XCTAssertEqual(undefined.map(\.reference), [TemplateReference(.env, "PATH"), TemplateReference(.secret, "TOKEN"), TemplateReference(.secret, "SIGNING")])
        XCTAssertEqual(undefined.map(\.field), [.url, .headers, .signatureSecret])
        XCTAssertTrue(undefined[0].message.contains("is not defined in environment 'staging'"), undefined[0].message)
        XCTAssertTrue(undefined[1].message.contains("switchboard secrets set TOKEN"), undefined[1].message)
        XCTAssertEqual(context.undefinedReferences(in: action(url: "{{env.BASE_URL}}/ok")), [])

        let other = action(url: "https://y.test", headers: [HTTPHeader(name: "X-Token", value: "{{secret.TOKEN}}")])
        let listed = context.undefinedReferences(in: [ping, other])
        XCTAssertEqual(listed.map(\.reference.reference), undefined.map(\.reference))
        XCTAssertEqual(listed[1].actions, [ping.id, other.id], "TOKEN is used by both")
        XCTAssertEqual(listed[0].actions, [ping.id])
    }
}
