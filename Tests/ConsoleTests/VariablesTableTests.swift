import Screen
import XCTest
@testable import Console

/// The environment-variables table lays out on TableColumns: short names give
/// their spare width to the values, a long name keeps what it needs (capped).
final class VariablesTableTests: XCTestCase {
    func openVariables(_ variables: [EnvironmentVariable], width: Int = 80) -> String {
        let overview = SecretsOverview(secrets: [], environments: [EnvironmentSummary(name: "dev", variables: variables)],
                                       activeEnvironment: "dev")
        var s = SecretsFixtures.state(width: width, height: 24, overview: overview)
        s.press(.character("2"), .enter)
        XCTAssertEqual(s.secrets.openEnvironment, "dev")
        return Console.render(s).text
    }

    func testShortNamesLeaveTheValueWhole() {
        let value = "https://staging.api.example.com/v2/tenants/acme"   // 47 characters
        let text = openVariables([EnvironmentVariable(name: "URL", value: value)])
        XCTAssertTrue(text.contains("URL       " + value), "the value follows a name column of 8 + gap:\n\(text)")
    }

    func testLongNameShowsWholeUpToTheCap() {
        let name = "PAYMENTS_GATEWAY_BASE_URL"   // 25 characters, under the 28 cap
        let text = openVariables([EnvironmentVariable(name: name, value: "https://pay.example.com")])
        XCTAssertTrue(text.contains(name + "  https://pay.example.com"), text)
    }
}
