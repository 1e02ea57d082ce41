import ActionModel
import Screen
import XCTest
@testable import Console

/// The Secrets page, the reveal, the environment switch and the editor's
/// reference warnings, through `Console.update`.
final class SecretsPageUpdateTests: XCTestCase {
    var state = SecretsFixtures.state()

    func testF7OpensThePageAndReadsSecrets() {
        var s = SecretsFixtures.state(open: false)
        XCTAssertEqual(s.press(.function(7)), [.secrets(.load)])
        XCTAssertEqual(s.section, .secrets)
    }

    func testRevealShowsTheValueUntilTheNextKeyThenDropsIt() {
        XCTAssertEqual(state.press(.character("v")), [.secrets(.reveal(name: "API_KEY"))])
        state.send(.secrets(.revealed(name: "API_KEY", value: SecretText(SecretsFixtures.plantedValue))))
        XCTAssertEqual(state.secrets.revealed?.value.value, SecretsFixtures.plantedValue)
        XCTAssertTrue(state.screen.contains(SecretsFixtures.plantedValue))
        XCTAssertEqual(state.press(.down), [], "the next key only hides the value")
        XCTAssertNil(state.secrets.revealed, "the value is gone from the state")
        XCTAssertEqual(state.secrets.secretSelection, 0, "and did nothing else")
        XCTAssertFalse(state.screen.contains(SecretsFixtures.plantedValue))
        XCTAssertFalse(String(describing: state).contains(SecretsFixtures.plantedValue))
    }

    func testRevealRemasksAfterTicks() {
        state.press(.character("v"))
        state.send(.secrets(.revealed(name: "API_KEY", value: SecretText(SecretsFixtures.plantedValue))))
        for _ in 0..<(RevealedSecret.lifetime - 1) { state.send(.tick) }
        XCTAssertNotNil(state.secrets.revealed)
        state.send(.tick)
        XCTAssertNil(state.secrets.revealed, "about five seconds later it is masked again")
        XCTAssertFalse(state.screen.contains(SecretsFixtures.plantedValue))
    }

    func testALateRevealAfterAKeyIsDropped() {
        state.press(.character("v"), .down)
        state.send(.secrets(.revealed(name: "API_KEY", value: SecretText(SecretsFixtures.plantedValue))))
        XCTAssertNil(state.secrets.revealed)
        state.press(.character("v"))
        state.send(.secrets(.revealed(name: "OTHER", value: SecretText(SecretsFixtures.plantedValue))))
        XCTAssertNil(state.secrets.revealed, "only the secret asked for")
    }

    func testSecretTextNeverPrints() {
        let effect = ConsoleEffect.secrets(.setValue(name: "API_KEY", environment: nil, value: SecretText(SecretsFixtures.plantedValue)))
        XCTAssertFalse("\(effect)".contains(SecretsFixtures.plantedValue))
        XCTAssertFalse(String(reflecting: effect).contains(SecretsFixtures.plantedValue))
    }

    func testNewSecretTypedValueIsSavedThroughTheEffect() {
        state.press(.character("n"))
        state.type("STRIPE_KEY")
        state.press(.tab, .tab, .character(" "), .tab)  // name → source → scope: only staging → value
        state.type("hunter2-secret")
        XCTAssertFalse(state.screen.contains("hunter2"), "the value is never echoed")
        XCTAssertEqual(state.press(.ctrl("s")),
                       [.secrets(.setValue(name: "STRIPE_KEY", environment: "staging", value: SecretText("hunter2-secret")))])
        state.send(.secrets(.changed(SecretsFixtures.overview, done: "Secret STRIPE_KEY set")))
        XCTAssertNil(state.secrets.form, "closed (and the typed value dropped) once the store said yes")
    }

    /// Keys typed after Ctrl-S (the same input burst) are not dropped when the
    /// save lands: the form stays open with them, and a second Ctrl-S meanwhile
    /// waits for the first and then sends them.
    func testKeysTypedWhileASecretSaveIsInFlightAreKept() {
        state.press(.character("n"))
        state.type("STRIPE_KEY")
        state.press(.tab, .tab, .tab)  // name → source → scope → value
        state.type("hunter2")
        XCTAssertEqual(state.press(.ctrl("s")), [.secrets(.setValue(name: "STRIPE_KEY", environment: nil, value: SecretText("hunter2")))])
        state.type("-more")  // before the store answered
        XCTAssertEqual(state.send(.secrets(.changed(SecretsFixtures.overview, done: "Secret STRIPE_KEY set"))), [])
        XCTAssertEqual(state.secrets.form?.value.text, "hunter2-more", "what was typed meanwhile is kept, not closed away")
        XCTAssertEqual(state.secrets.form?.message,
                       "Secret STRIPE_KEY set. What you typed since is not saved yet: Ctrl-S saves it, Esc drops it.")

        XCTAssertEqual(state.press(.ctrl("s")), [.secrets(.setValue(name: "STRIPE_KEY", environment: nil, value: SecretText("hunter2-more")))])
        state.type("!")
        XCTAssertEqual(state.press(.ctrl("s")), [], "waits for the save under way")
        XCTAssertEqual(state.send(.secrets(.changed(SecretsFixtures.overview, done: "Secret STRIPE_KEY set"))),
                       [.secrets(.setValue(name: "STRIPE_KEY", environment: nil, value: SecretText("hunter2-more!")))])
        XCTAssertNotNil(state.secrets.form)
        state.send(.secrets(.changed(SecretsFixtures.overview, done: "Secret STRIPE_KEY set")))
        XCTAssertNil(state.secrets.form, "closed once the store has everything typed")
    }

    func testNewSecretFromAnEnvironmentVariable() {
        state.press(.character("n"))
        state.type("CI_DEPLOY")
        state.press(.tab, .character(" "), .tab)
        state.type("DEPLOY_TOKEN")
        XCTAssertEqual(state.press(.enter), [.secrets(.setSource(name: "CI_DEPLOY", environmentVariable: "DEPLOY_TOKEN"))])
    }

    func testBadInputIsNamedOnTheField() {
        state.press(.character("n"))
        state.type("API-KEY")
        XCTAssertEqual(state.press(.ctrl("s")), [])
        XCTAssertTrue(state.secrets.form?.errors[.name]?.contains("API_KEY") == true, "\(state.secrets.form?.errors ?? [:])")
        state.press(.ctrl("u"))
        state.type("API_KEY")
        state.press(.ctrl("s"))
        XCTAssertTrue(state.secrets.form?.errors[.name]?.contains("already exists") == true)
        XCTAssertTrue(state.secrets.form?.errors[.value]?.contains("can't be empty") == true)
    }

    func testAStoreRefusalStaysOnTheForm() {
        state.press(.enter)
        state.type("x-value")
        XCTAssertEqual(state.press(.ctrl("s")).count, 1)
        state.send(.secrets(.failed("the secrets file … is readable by others (mode 0644); run `chmod 600 …` and try again")))
        XCTAssertTrue(state.secrets.form?.message?.contains("chmod 600") == true)
    }

    func testDeleteAsksFirst() {
        XCTAssertEqual(state.press(.character("d")), [])
        XCTAssertEqual(state.secrets.question, .deleteSecret("API_KEY"))
        XCTAssertEqual(state.press(.character("y")), [.secrets(.delete(name: "API_KEY", environment: nil))])
        state.press(.character("2"), .character("d"))
        XCTAssertEqual(state.press(.character("n")), [])
        XCTAssertNil(state.secrets.question)
    }

    /// Renaming a new environment after Ctrl-S, while the save is under way,
    /// must not create a second environment when Ctrl-S is pressed again.
    func testRenamingANewEnvironmentAfterCtrlSDoesNotCreateASecond() {
        state.press(.character("2"), .character("n"))
        state.type("qa")
        XCTAssertEqual(state.press(.ctrl("s")), [.secrets(.createEnvironment("qa"))])
        state.type("2")
        XCTAssertEqual(state.send(.secrets(.changed(SecretsFixtures.overview, done: "Created environment qa"))), [])
        XCTAssertNotNil(state.secrets.form, "what was typed meanwhile stays on the form")
        XCTAssertEqual(state.press(.ctrl("s")), [], "no second environment")
        XCTAssertEqual(state.secrets.form?.errors[.name]?.hasPrefix("qa is created already"), true)
        state.press(.backspace)
        XCTAssertEqual(state.press(.ctrl("s")), [])
        XCTAssertNil(state.secrets.form, "the name it was created with: nothing left to save")
    }

    func testEnvironmentVariablesAddEditDelete() {
        state.press(.character("2"), .down, .enter)
        XCTAssertEqual(state.secrets.openEnvironment, "production")
        state.press(.character("n"))
        state.type("TIMEOUT")
        state.press(.tab)
        state.type("30")
        XCTAssertEqual(state.press(.enter), [.secrets(.setVariable(environment: "production", name: "TIMEOUT", value: "30"))])
        state.send(.secrets(.changed(SecretsFixtures.overview, done: "Set")))
        state.press(.down, .enter, .ctrl("u"))
        state.type("us-east-1")
        XCTAssertEqual(state.press(.ctrl("s")), [.secrets(.setVariable(environment: "production", name: "REGION", value: "us-east-1"))])
        state.send(.secrets(.changed(SecretsFixtures.overview, done: "Set")))
        state.press(.character("d"))
        XCTAssertEqual(state.press(.character("y")), [.secrets(.unsetVariable(environment: "production", name: "REGION"))])
        state.press(.escape)
        XCTAssertNil(state.secrets.openEnvironment)
    }

    func testUseEnvironmentEmitsTheEffectAndTheStatusLineFollowsTheStore() {
        state.press(.character("2"))
        XCTAssertEqual(state.press(.character("u")), [.secrets(.useEnvironment("dev"))])
        XCTAssertTrue(state.screen.contains("env: staging"), "unchanged until the store answers")
        var switched = SecretsFixtures.overview
        switched.activeEnvironment = "dev"
        state.send(.secrets(.changed(switched, done: "Active environment: dev")))
        XCTAssertTrue(state.screen.contains("env: dev"))
    }

    func testEPicksAnEnvironmentFromAnyPage() {
        state.press(.function(3))
        XCTAssertEqual(state.press(.character("E")), [.secrets(.load)])
        guard case .environmentPicker? = state.overlay else { return XCTFail("\(String(describing: state.overlay))") }
        XCTAssertEqual(state.press(.down), [])
        XCTAssertEqual(state.press(.enter), [.secrets(.useEnvironment(nil))], "after staging comes none")
        state.press(.character("E"))
        XCTAssertEqual(state.press(.character("2")), [.secrets(.useEnvironment("production"))])
    }

    func testEIsTextInFiltersAndForms() {
        state.press(.function(3), .character("/"))
        XCTAssertEqual(state.press(.character("E")), [])
        XCTAssertNil(state.overlay)
        state.press(.escape, .function(7), .character("n"))
        state.press(.character("E"))
        XCTAssertNil(state.overlay)
        XCTAssertEqual(state.secrets.form?.name.text, "E")
    }

    func testPaletteUsesEachEnvironment() {
        state.press(.character(":"))
        state.type("use environment: prod")
        XCTAssertEqual(state.press(.enter), [.secrets(.useEnvironment("production"))])
        let titles = Command.matching("use", in: state).map { $0.title(in: state) }
        XCTAssertTrue(titles.contains("Use environment: dev") && titles.contains("Use no environment"), "\(titles)")
    }

    func testReadOnlyRefusesChangesButRevealWorks() {
        var s = SecretsFixtures.state(readOnly: true)
        for key: Key in [.character("n"), .enter, .character("d")] {
            XCTAssertEqual(s.press(key), [])
            XCTAssertNil(s.secrets.form)
            XCTAssertNil(s.secrets.question)
            XCTAssertTrue(s.status?.text.hasPrefix("Read-only store: can't") == true, "\(String(describing: s.status))")
        }
        XCTAssertEqual(s.press(.character("2"), .character("u")), [])
        XCTAssertTrue(s.status?.text.contains("can't switch the environment") == true)
        s.press(.character("1"))
        XCTAssertEqual(s.press(.character("v")), [.secrets(.reveal(name: "API_KEY"))], "reading is fine")
    }

    func testTheEditorWarnsAboutUndefinedReferencesButStillSaves() {
        var s = SecretsFixtures.state(open: false)
        s.send(.actions(.loaded(ActionList((Fixtures.all + [SecretsFixtures.templatedAction]).map(\.summary)))))
        s.pendingOpenForTest(SecretsFixtures.templatedAction)
        let warnings = s.actions.editor?.templateWarnings ?? [:]
        XCTAssertEqual(warnings[.url]?.hasPrefix("{{env.REGION}} is not defined in environment 'staging'"), true, "\(warnings)")
        XCTAssertEqual(warnings[.header(1)]?.hasPrefix("X-Partner: {{secret.PARTNER_KEY}} is not defined"), true, "\(warnings)")
        XCTAssertNil(warnings[.header(0)], "API_KEY has a value in staging")
        XCTAssertEqual(warnings[.signatureSecret]?.contains("has no value"), true)
        s.press(.character(" "), .backspace)  // no change, but a save is still allowed
        guard case .actions(.update)? = s.press(.ctrl("s")).first else { return XCTFail("a warning doesn't stop a save") }
        // A change of environment reaches the open form.
        var production = SecretsFixtures.overview
        production.names = TemplateNamesSnapshot(environmentName: "production", variableNames: ["BASE_URL", "REGION"],
                                                 secretNames: ["API_KEY", "SIGNING_KEY", "PARTNER_KEY"])
        s.send(.secrets(.changed(production, done: "Active environment: production")))
        XCTAssertEqual(s.actions.editor?.templateWarnings, [:], "everything is defined in production")
    }
}

extension ConsoleState {
    /// Opens the editor on an action as Enter then the store's answer would.
    mutating func pendingOpenForTest(_ action: Action) {
        actions.pendingOpen = action.id
        send(.actions(.opened(action)))
    }
}
