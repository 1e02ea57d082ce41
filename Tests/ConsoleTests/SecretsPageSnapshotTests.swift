import ActionModel
import Screen
import XCTest
@testable import Console

/// The Secrets page, the environment picker, the status line's environment
/// and the action form's undefined-reference warnings, at 80×24 and 120×40.
final class SecretsPageSnapshotTests: XCTestCase {
    func check(_ name: String, file: StaticString = #filePath, line: UInt = #line, _ make: (Int, Int) -> ConsoleState) {
        assertScreens("Secrets-\(name)", file: file, line: line, make)
    }

    func testSecretsTabMasked() {
        check("secrets-tab") { w, h in SecretsFixtures.state(width: w, height: h) }
    }

    func testRevealedValue() {
        check("revealed") { w, h in
            var s = SecretsFixtures.state(width: w, height: h)
            s.press(.character("v"))
            s.send(.secrets(.revealed(name: "API_KEY", value: SecretText(SecretsFixtures.plantedValue))))
            return s
        }
    }

    func testNewSecretFormWithMaskedInput() {
        check("new-secret-form") { w, h in
            var s = SecretsFixtures.state(width: w, height: h)
            s.press(.character("n"))
            s.type("STRIPE_KEY")
            s.press(.tab, .tab, .character(" "), .tab)
            s.type("hunter2-secret")
            return s
        }
    }

    func testSetValueFormWithError() {
        check("set-value-empty") { w, h in
            var s = SecretsFixtures.state(width: w, height: h)
            s.press(.enter, .ctrl("s"))
            return s
        }
    }

    func testEnvironmentsTab() {
        check("environments-tab") { w, h in
            var s = SecretsFixtures.state(width: w, height: h)
            s.press(.character("]"), .down)
            return s
        }
    }

    func testEnvironmentVariables() {
        check("environment-variables") { w, h in
            var s = SecretsFixtures.state(width: w, height: h)
            s.press(.character("2"), .down, .enter, .down)
            return s
        }
    }

    func testEnvironmentPicker() {
        check("environment-picker") { w, h in
            var s = SecretsFixtures.state(width: w, height: h, open: false)
            s.press(.character("E"))
            return s
        }
    }

    func testStatusLineWithActiveEnvironment() {
        check("status-line-env") { w, h in SecretsFixtures.state(width: w, height: h, open: false) }
    }

    func testSecretsFileBanner() {
        check("file-banner") { w, h in SecretsFixtures.state(width: w, height: h, overview: SecretsFixtures.tooOpen) }
    }

    func testDeleteQuestion() {
        check("delete-secret") { w, h in
            var s = SecretsFixtures.state(width: w, height: h)
            s.press(.character("d"))
            return s
        }
    }

    func testActionFormShowsUndefinedReferences() {
        check("action-form-undefined") { w, h in
            var s = SecretsFixtures.state(width: w, height: h, open: false)
            s.send(.actions(.loaded(ActionList((Fixtures.all + [SecretsFixtures.templatedAction]).map(\.summary)))))
            s.press(.function(2), .character("/"))
            s.type("templated")
            s.press(.enter)
            s.pressAndOpen(.enter, from: Fixtures.all + [SecretsFixtures.templatedAction])
            for _ in 0..<4 { s.press(.down) }  // to the URL
            return s
        }
    }
}
