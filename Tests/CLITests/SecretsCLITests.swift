import ActionModel
import Foundation
import SampleBackend
import XCTest

/// `secrets` and `environments`, run as a user would.
final class SecretsCLITests: TemporaryFolderTestCase {
    var store: String { path("store.sqlite") }
    var secretsPath: String { path("store.secrets.json") }

    func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        try CLI.run(arguments, store: store, stdin: stdin, environment: environment)
    }

    func mode(_ path: String) throws -> Int { (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1 }

    func testSecretsAreSetFromStandardInputOnlyAndListedWithoutValues() throws {
        let set = try run(["secrets", "set", "API_KEY"], stdin: "value-one-123\n")
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertFalse(set.stdout.contains("value-one-123"))
        XCTAssertEqual(try mode(secretsPath), 0o600)
        let file = try JSONValue(parsing: String(contentsOfFile: secretsPath, encoding: .utf8))
        XCTAssertEqual(file.value(atPath: "default.API_KEY"), "value-one-123", "one trailing newline is dropped")

        XCTAssertEqual(try run(["environments", "create", "production"]).status, 0)
        XCTAssertEqual(try run(["secrets", "set", "API_KEY", "--env", "production"], stdin: "value-prod-456").status, 0)
        XCTAssertEqual(try run(["secrets", "set", "CI_TOKEN", "--from-env", "MY_CI_TOKEN"]).status, 0)

        let list = try run(["secrets", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("API_KEY") && list.stdout.contains("default, production"), list.stdout)
        XCTAssertTrue(list.stdout.contains("$MY_CI_TOKEN"), list.stdout)
        let json = try JSONValue(parsing: try run(["secrets", "list", "--json"]).stdout)
        XCTAssertEqual(json.value(atPath: "0.name"), "API_KEY")
        XCTAssertEqual(json.value(atPath: "0.environments"), ["production"])
        XCTAssertEqual(json.value(atPath: "1.environment_variable"), "MY_CI_TOKEN")
        XCTAssertFalse(list.stdout.contains("value-") || json.compactText.contains("value-"))

        // Never from an argument; never empty; never two lines; names checked.
        XCTAssertEqual(try run(["secrets", "set", "API_KEY", "value-on-the-command-line"]).status, 2)
        let empty = try run(["secrets", "set", "TOKEN"], stdin: "")
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.contains("standard input was empty"), empty.stderr)
        XCTAssertEqual(try run(["secrets", "set", "TOKEN"], stdin: "a\nb").status, 1)
        let badName = try run(["secrets", "set", "api-key"], stdin: "x")
        XCTAssertEqual(badName.status, 1)
        XCTAssertTrue(badName.stderr.contains("may only use letters, digits and '_'"), badName.stderr)
        XCTAssertEqual(try run(["secrets", "set", "TOKEN", "--env", "qa"], stdin: "x").status, 1)
        XCTAssertEqual(try run(["secrets", "set", "TOKEN", "--env", "production", "--from-env", "X"]).status, 1)

        // Deleting one environment's value, then the secret.
        XCTAssertEqual(try run(["secrets", "delete", "API_KEY", "--env", "production"]).status, 0)
        XCTAssertNil(try JSONValue(parsing: String(contentsOfFile: secretsPath, encoding: .utf8)).value(atPath: "environments.production"))
        XCTAssertEqual(try run(["secrets", "delete", "API_KEY"]).status, 0)
        XCTAssertFalse(try String(contentsOfFile: secretsPath, encoding: .utf8).contains("value-one-123"))
        XCTAssertEqual(try run(["secrets", "delete", "API_KEY"]).status, 1)
    }

    func testASecretsFileOpenToOthersIsRefusedNamingTheFix() throws {
        XCTAssertEqual(try run(["secrets", "set", "API_KEY"], stdin: "value-one-123").status, 0)
        chmod(secretsPath, 0o644)
        for arguments in [["secrets", "list"], ["secrets", "set", "OTHER"]] {
            let refused = try run(arguments, stdin: "x")
            XCTAssertEqual(refused.status, 2, "\(arguments)")
            XCTAssertEqual(refused.stderr, "error: \(secretsPath) is readable by others (mode 0644); run `chmod 600 \(secretsPath)` and try again\n")
        }
        XCTAssertEqual(try mode(secretsPath), 0o644, "a refused file is left as it was")
        chmod(secretsPath, 0o600)
        XCTAssertEqual(try run(["secrets", "list"]).status, 0)
    }

    func testEnvironmentsCreateUseSetShowAndDelete() throws {
        XCTAssertEqual(try run(["environments", "create", "dev", "--use"]).status, 0)
        XCTAssertEqual(try run(["environments", "create", "staging"]).status, 0)
        XCTAssertEqual(try run(["environments", "create", "STAGING"]).status, 1)
        XCTAssertEqual(try run(["environments", "create", "no spaces"]).status, 1)
        XCTAssertEqual(try run(["environments", "set", "staging", "BASE_URL", "https://staging.example.com"]).status, 0)
        XCTAssertEqual(try run(["environments", "set", "staging", "BAD-NAME", "x"]).status, 1)
        XCTAssertEqual(try run(["environments", "set", "qa", "A", "x"]).status, 1)

        var list = try run(["environments", "list"])
        XCTAssertTrue(list.stdout.contains("*  dev"), list.stdout)
        XCTAssertTrue(list.stdout.contains("Active: dev"), list.stdout)
        XCTAssertEqual(try run(["environments", "use", "Staging"]).stdout, "Active environment: staging.\n")
        list = try run(["environments", "list", "--json"])
        XCTAssertEqual(try JSONValue(parsing: list.stdout).value(atPath: "active"), "staging")

        let show = try run(["environments", "show", "staging"])
        XCTAssertTrue(show.stdout.contains("Environment staging (active)"), show.stdout)
        XCTAssertTrue(show.stdout.contains("BASE_URL = https://staging.example.com"), show.stdout)
        XCTAssertEqual(try run(["environments", "unset", "staging", "BASE_URL"]).status, 0)
        XCTAssertEqual(try run(["environments", "unset", "staging", "BASE_URL"]).status, 1)

        XCTAssertEqual(try run(["environments", "use"]).status, 2)
        XCTAssertEqual(try run(["environments", "use", "--none"]).stdout, "No environment is active.\n")
        XCTAssertEqual(try run(["secrets", "set", "API_KEY", "--env", "dev"], stdin: "dev-only-value").status, 0)
        XCTAssertEqual(try run(["environments", "delete", "dev"]).status, 0)
        XCTAssertFalse(try String(contentsOfFile: secretsPath, encoding: .utf8).contains("dev-only-value"), "its secret values go with it")
        XCTAssertEqual(try run(["environments", "delete", "dev"]).status, 1)
    }

    func testEnvFlagPicksTheEnvironmentAndAnUndefinedReferenceSendsNothing() async throws {
        let recorder = try await SampleBackend.startRecorder { _ in (200, #"{"result":{"ok":true}}"#) }
        defer { Task { await recorder.stop() } }
        for (name, token) in [("staging", "staging-token-value"), ("production", "production-token-value")] {
            XCTAssertEqual(try run(["environments", "create", name]).status, 0)
            XCTAssertEqual(try run(["environments", "set", name, "BASE_URL", recorder.baseURL + "/" + name]).status, 0)
            XCTAssertEqual(try run(["secrets", "set", "TOKEN", "--env", name], stdin: token).status, 0)
        }
        XCTAssertEqual(try run(["environments", "create", "empty"]).status, 0)
        XCTAssertEqual(try run(["environments", "use", "staging"]).status, 0)
        let created = try run(["actions", "create", "--kind", "custom-input", "--name", "Ping", "--url", "{{env.BASE_URL}}/ping",
                               "--header", "Authorization: Bearer {{secret.TOKEN}}", "--property", "email:string(email):required"])
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(try run(["actions", "create", "--kind", "custom-input", "--name", "Bad", "--url", "https://x.example.com",
                                "--header", "Authorization: Bearer {{secret.bad-name}}"]).status, 1)

        let staging = try run(["simulate", "--action", "ping", "--say", "ada at example dot com"])
        XCTAssertTrue(staging.stdout.hasPrefix("Environment: staging\n"), staging.stdout)
        XCTAssertEqual(try run(["simulate", "--env", "production", "--action", "ping", "--say", "ada at example dot com"]).status, 0)
        var requests = await recorder.recorder.requests
        XCTAssertEqual(requests.map(\.path), ["/staging/ping", "/production/ping"])
        XCTAssertEqual(requests.map { $0.header("Authorization") }, ["Bearer staging-token-value", "Bearer production-token-value"])

        let shown = try run(["actions", "show", "ping"])
        XCTAssertTrue(shown.stdout.contains("Environment       staging: every reference is defined"), shown.stdout)
        let unchecked = try run(["actions", "show", "ping", "--env", "empty"])
        XCTAssertTrue(unchecked.stdout.contains("Environment       empty: a call would fail before sending"), unchecked.stdout)
        XCTAssertTrue(unchecked.stdout.contains("  ! URL           {{env.BASE_URL}} is not defined in environment 'empty'"), unchecked.stdout)
        XCTAssertTrue(unchecked.stdout.contains("  ! Headers       Authorization: {{secret.TOKEN}} has no value: no value is set for environment 'empty'"), unchecked.stdout)
        let empty = try run(["simulate", "--env", "empty", "--action", "ping", "--say", "ada at example dot com", "--json"])
        XCTAssertEqual(empty.status, 0, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("warning: ping: URL: {{env.BASE_URL}} is not defined in environment 'empty'"), empty.stderr)
        let failed = try XCTUnwrap(JSONValue(parsing: empty.stdout).value(atPath: "events")?.arrayValue?.first { $0.value(atPath: "type") == "response" })
        XCTAssertEqual(failed.value(atPath: "data.error"), "not_sent", "a request never tried is not a connection failure")
        XCTAssertTrue(failed.value(atPath: "data.detail")?.stringValue?.contains("not sent: URL: {{env.BASE_URL}} is not defined") == true, "\(failed)")
        requests = await recorder.recorder.requests
        XCTAssertEqual(requests.count, 2, "nothing was sent for the undefined reference")
        XCTAssertEqual(try run(["simulate", "--env", "qa", "--action", "ping", "--say", "x"]).status, 1)
    }

    func testSecretsFromTheProcessEnvironment() async throws {
        let recorder = try await SampleBackend.startRecorder { _ in (200, #"{"result":{"ok":true}}"#) }
        defer { Task { await recorder.stop() } }
        XCTAssertEqual(try run(["secrets", "set", "CI_TOKEN", "--from-env", "SB_TEST_CI_TOKEN"]).status, 0)
        XCTAssertEqual(try run(["actions", "create", "--kind", "custom-input", "--name", "Ping", "--url", recorder.baseURL + "/ping",
                                "--header", "Authorization: Bearer {{secret.CI_TOKEN}}", "--property", "email:string(email):required"]).status, 0)
        let unset = try run(["simulate", "--action", "ping", "--say", "ada at example dot com"])
        XCTAssertTrue(unset.stderr.contains("{{secret.CI_TOKEN}} has no value: it comes from the environment variable SB_TEST_CI_TOKEN, which is not set here"), unset.stderr)
        let set = try run(["simulate", "--action", "ping", "--say", "ada at example dot com"], environment: ["SB_TEST_CI_TOKEN": "token-from-ci-123"])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertFalse(set.stdout.contains("token-from-ci-123"), set.stdout)
        let requests = await recorder.recorder.requests
        XCTAssertEqual(requests.map { $0.header("Authorization") }, ["Bearer token-from-ci-123"])
    }
}
