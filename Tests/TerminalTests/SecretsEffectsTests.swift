import ActionModel
import ActionStore
import Console
import Foundation
import Screen
import XCTest
@testable import ConsoleRuntime

/// The Secrets page's effects against a real store and secrets file in a
/// temporary folder, and a planted value that must never reach the screen
/// except while revealed.
final class SecretsEffectsTests: XCTestCase {
    var directory: URL!
    var store: ActionStore!
    let planted = "sk_live_PLANTED_4f9a2c7e"

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-effects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try ActionStore.open(path: directory.appendingPathComponent("s.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    func perform(_ effect: ConsoleEffect) -> ConsoleMessage? {
        ConsoleRuntime.perform(effect, on: store)
    }

    func overview(_ message: ConsoleMessage?, file: StaticString = #filePath, line: UInt = #line) -> SecretsOverview? {
        switch message {
        case let .secrets(.changed(overview, _))?, let .secrets(.loaded(overview))?: return overview
        default:
            XCTFail("expected an overview, got \(String(describing: message))", file: file, line: line)
            return nil
        }
    }

    /// The Secrets page lists what actions reference and the active
    /// environment doesn't define, with who uses it.
    func testReferencesNothingDefinesAreListed() throws {
        try store.insert(Action(name: "Create CRM lead", configuration: .customInput(CustomInputConfiguration(
            url: "{{env.CRM_BASE}}/leads", headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.CRM_KEY}}")]))))
        try store.insert(Action(name: "Open ticket", configuration: .customInput(CustomInputConfiguration(
            url: "https://desk.example.com/t", headers: [HTTPHeader(name: "X-Key", value: "{{secret.CRM_KEY}}")]))))
        try store.insert(Action(name: "Plain", configuration: .customInput(CustomInputConfiguration(url: "https://plain.example.com"))))
        XCTAssertEqual(try store.actionsWithTemplates().map(\.name), ["Create CRM lead", "Open ticket"], "only actions with {{…}} are read")
        let before = try XCTUnwrap(overview(perform(.secrets(.load))))
        XCTAssertEqual(before.undefined, [
            UndefinedReference(reference: "{{env.CRM_BASE}}", actionNames: ["Create CRM lead"]),
            UndefinedReference(reference: "{{secret.CRM_KEY}}", actionNames: ["Create CRM lead", "Open ticket"]),
        ])
        let after = try XCTUnwrap(overview(perform(.secrets(.setValue(name: "CRM_KEY", environment: nil, value: SecretText(planted))))))
        XCTAssertEqual(after.undefined, [UndefinedReference(reference: "{{env.CRM_BASE}}", actionNames: ["Create CRM lead"])])
        XCTAssertFalse(String(describing: after).contains(planted))
    }

    func testSetRevealDeleteAndTheFileIsPrivate() throws {
        let set = overview(perform(.secrets(.setValue(name: "API_KEY", environment: nil, value: SecretText(planted)))))
        XCTAssertEqual(set?.secrets.map(\.name), ["API_KEY"])
        XCTAssertEqual(set?.names.secretNames, ["API_KEY"])
        let path = store.secretsFile.path
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        XCTAssertEqual(mode & 0o777, 0o600)
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains(planted))

        XCTAssertEqual(perform(.secrets(.reveal(name: "API_KEY"))), .secrets(.revealed(name: "API_KEY", value: SecretText(planted))))

        let deleted = overview(perform(.secrets(.delete(name: "API_KEY", environment: nil))))
        XCTAssertEqual(deleted?.secrets, [])
        XCTAssertFalse(try String(contentsOfFile: path, encoding: .utf8).contains(planted))
        guard case let .secrets(.failed(message))? = perform(.secrets(.reveal(name: "API_KEY"))) else { return XCTFail() }
        XCTAssertTrue(message.contains("API_KEY has no value"), message)
    }

    func testEnvironmentsVariablesAndTheActiveOne() throws {
        _ = overview(perform(.secrets(.createEnvironment("staging"))))
        _ = overview(perform(.secrets(.setVariable(environment: "staging", name: "BASE_URL", value: "https://staging.example.com"))))
        _ = overview(perform(.secrets(.setValue(name: "API_KEY", environment: "staging", value: SecretText(planted)))))
        guard case let .secrets(.changed(used, done))? = perform(.secrets(.useEnvironment("staging"))) else { return XCTFail() }
        XCTAssertEqual(done, "Active environment: staging")
        XCTAssertEqual(used.activeEnvironment, "staging")
        XCTAssertEqual(used.names.variableNames, ["BASE_URL"])
        XCTAssertEqual(used.names.secretNames, ["API_KEY"], "staging's own value")
        XCTAssertEqual(used.environments.first?.ownSecrets, ["API_KEY"])
        XCTAssertEqual(try store.activeEnvironmentName(), "staging")

        let none = overview(perform(.secrets(.useEnvironment(nil))))
        XCTAssertNil(none?.activeEnvironment)
        XCTAssertEqual(none?.names.secretNames, [], "no default value, so nothing here")

        _ = overview(perform(.secrets(.unsetVariable(environment: "staging", name: "BASE_URL"))))
        let gone = overview(perform(.secrets(.deleteEnvironment("staging"))))
        XCTAssertEqual(gone?.environments, [])
        XCTAssertFalse(try String(contentsOfFile: store.secretsFile.path, encoding: .utf8).contains(planted),
                       "its own secret values went with it")
    }

    func testBadInputAndAnOpenFileComeBackAsMessagesWithTheFix() throws {
        guard case let .secrets(.failed(badName))? = perform(.secrets(.setValue(name: "API-KEY", environment: nil, value: SecretText(planted))))
        else { return XCTFail() }
        XCTAssertTrue(badName.contains("API_KEY") && !badName.contains(planted), badName)
        guard case let .secrets(.failed(noEnv))? = perform(.secrets(.setValue(name: "K", environment: "nowhere", value: SecretText(planted))))
        else { return XCTFail() }
        XCTAssertTrue(noEnv.contains("environments create nowhere"), noEnv)

        _ = perform(.secrets(.setValue(name: "API_KEY", environment: nil, value: SecretText(planted))))
        chmod(store.secretsFile.path, 0o644)
        let loaded = overview(perform(.secrets(.load)))
        XCTAssertTrue(loaded?.fileProblem?.contains("chmod 600") == true, "\(String(describing: loaded?.fileProblem))")
        guard case let .secrets(.failed(refused))? = perform(.secrets(.setValue(name: "API_KEY", environment: nil, value: SecretText("other-value"))))
        else { return XCTFail() }
        XCTAssertTrue(refused.contains("chmod 600") && !refused.contains(planted), refused)
    }

    func testAReadOnlyStoreRefusesChangesButReveals() throws {
        _ = perform(.secrets(.setValue(name: "API_KEY", environment: nil, value: SecretText(planted))))
        let readOnly = try ActionStore.open(path: store.path, readOnly: true)
        guard case let .secrets(.failed(message))? = ConsoleRuntime.perform(.secrets(.createEnvironment("dev")), on: readOnly) else { return XCTFail() }
        XCTAssertTrue(message.contains("read-only"), message)
        XCTAssertEqual(ConsoleRuntime.perform(.secrets(.reveal(name: "API_KEY")), on: readOnly),
                       .secrets(.revealed(name: "API_KEY", value: SecretText(planted))))
    }

    /// Every new screen, fed by the runtime from a store holding a planted
    /// value: the value is drawn only while revealed.
    func testAPlantedValueNeverReachesTheScreenExceptWhileRevealed() throws {
        _ = perform(.secrets(.createEnvironment("staging")))
        _ = perform(.secrets(.setVariable(environment: "staging", name: "BASE_URL", value: "https://staging.example.com")))
        _ = perform(.secrets(.setValue(name: "API_KEY", environment: nil, value: SecretText(planted))))
        _ = perform(.secrets(.setValue(name: "API_KEY", environment: "staging", value: SecretText(planted + "_staging"))))
        _ = perform(.secrets(.useEnvironment("staging")))
        let action = try store.insert(Action(
            name: "Templated", configuration: .customInput(CustomInputConfiguration(
                url: "{{env.BASE_URL}}/x", headers: [HTTPHeader(name: "Authorization", value: "Bearer {{secret.API_KEY}}")],
                signatureSecret: "{{secret.API_KEY}}"))))

        var state = ConsoleState(width: 120, height: 40, storeDescription: store.path, readOnly: false, notice: nil)
        var screens: [String: String] = [:]
        func feed(_ effects: [ConsoleEffect]) {
            for effect in effects where effect != .quit {
                if case .secrets(.reveal) = effect { continue }  // answered on purpose below
                if let message = ConsoleRuntime.perform(effect, on: store) { feed(Console.update(&state, message)) }
            }
        }
        func press(_ keys: Key...) { for key in keys { feed(Console.update(&state, .input(.key(key)))) } }
        func snap(_ name: String) { screens[name] = Console.render(state).text }
        feed(Console.update(&state, .tick))
        feed([.secrets(.load)])
        snap("actions with env")
        press(.function(7)); snap("secrets tab")
        press(.character("n")); for c in "NEW_KEY" { press(.character(c)) }
        press(.tab, .tab, .tab); for c in planted { press(.character(c)) }
        snap("new secret form with the value typed")
        press(.escape, .enter); for c in planted { press(.character(c)) }
        snap("set value form"); press(.escape)
        press(.character("2")); snap("environments tab")
        press(.enter); snap("variables")
        press(.escape, .character("E")); snap("picker")
        press(.escape, .character(":")); for c in "use" { press(.character(c)) }
        snap("palette"); press(.escape)
        press(.function(2))
        let opened = ConsoleMessage.actionOpenedForLeakTest(action, &state)
        state.send(opened)
        snap("action form")
        press(.ctrl("r")); snap("action form revealed (only shows the placeholders)")
        press(.escape)
        for (name, text) in screens {
            XCTAssertFalse(text.contains(planted), "\(name) shows the planted value:\n\(text)")
        }
        XCTAssertFalse(String(describing: state).contains(planted), "the state holds no value")

        // Revealed: it is shown, and only then.
        press(.function(7), .character("1"), .character("v"))
        guard case .secrets(.revealed(let name, let value))? = perform(.secrets(.reveal(name: "API_KEY"))) else { return XCTFail() }
        XCTAssertEqual(value.value, planted + "_staging", "the active environment's own value")
        state.send(.secrets(.revealed(name: name, value: value)))
        XCTAssertTrue(Console.render(state).text.contains(planted + "_staging"))
        press(.down)
        XCTAssertFalse(Console.render(state).text.contains(planted))
    }
}

extension ConsoleMessage {
    /// Opens the editor on `action` as ⏎ and the store's answer would.
    static func actionOpenedForLeakTest(_ action: Action, _ state: inout ConsoleState) -> ConsoleMessage {
        _ = Console.update(&state, .actions(.loaded(ActionList([action.summary]))))
        _ = Console.update(&state, .input(.key(.enter)))
        return .actions(.opened(action))
    }
}

extension ConsoleState {
    mutating func send(_ message: ConsoleMessage) { _ = Console.update(&self, message) }
}
